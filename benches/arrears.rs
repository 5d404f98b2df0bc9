//! Arrears ledger benchmarks.
//!
//! - The case: an 18-year monthly order with two modifications and 500 payments,
//!   California (per-installment interest, IV-D, monthly day count) and Texas (delinquency with
//!   the one-month exclusion, actual/365).
//! - A weekly order over 100 years (the engine's longest history), with a payment every 4 weeks.
//! - A series that shows the growth: 100 to 2,000 payments over 18 years, and 5 to 30 years
//!   with a payment every 13 days (California).

use std::hint::black_box;

use childsupport::arrears::ledger::{LedgerInput, PaymentInput};
use childsupport::arrears::schedule::{ChangeInput, OrderInput};
use childsupport::arrears::{compute_ledger, compute_totals, Jurisdiction};
use childsupport::{Date, Decimal, Rules};
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};

fn d(s: &str) -> Date {
    s.parse().expect("date")
}

fn change(effective: &str, cents: i64, due_day: Option<u32>) -> ChangeInput {
    let mut c = ChangeInput::new(d(effective), Decimal::new(cents, 2));
    c.due_day = due_day;
    c
}

/// Payments every `step` days from `first`, of varying amounts that leave arrears, pay them
/// down, and sometimes overpay; every 97th a tax offset.
fn payments(first: Date, n: usize, step: i64) -> Vec<PaymentInput> {
    let mut out = Vec::with_capacity(n);
    let mut date = first;
    for i in 0..n as i64 {
        let cents = 15_000 + (i * 7_919) % 40_000;
        let mut p = PaymentInput::new(date, Decimal::new(cents, 2));
        if i % 97 == 96 {
            p.source = Some("tax_offset".into());
        }
        out.push(p);
        date = date.add_days(step).expect("date");
    }
    out
}

fn ledger(
    state: Jurisdiction,
    orders: Vec<OrderInput>,
    pays: Vec<PaymentInput>,
    as_of: Date,
) -> LedgerInput {
    let mut i = LedgerInput::new(state, orders);
    i.as_of = Some(as_of);
    i.iv_d = true;
    i.payments = pays;
    i
}

fn monthly(start: &str, end: &str, changes: Vec<ChangeInput>) -> OrderInput {
    let mut o = OrderInput::new("monthly", Decimal::new(50_000, 2), d(start));
    o.end = Some(d(end));
    o.due_day = Some(1);
    o.changes = changes;
    o
}

/// The case: 2006-2023, two modifications, `n` payments every 13 days (n = 500 spans
/// the 18 years; more payments are closer together).
fn case(state: Jurisdiction, n: usize) -> LedgerInput {
    let order = monthly(
        "2006-01-01",
        "2023-12-31",
        vec![
            change("2011-06-15", 62_500, None),
            change("2017-03-10", 41_000, Some(15)),
        ],
    );
    let step = (6_570 / n as i64).max(1);
    ledger(
        state,
        vec![order],
        payments(d("2006-02-03"), n, step),
        d("2024-01-01"),
    )
}

/// `years` years of a monthly order from 2000 with a payment every 13 days.
fn years(n: i32) -> LedgerInput {
    let start = d("2000-01-01");
    let end = start
        .add_years_feb29_to_mar1(n)
        .expect("date")
        .add_days(-1)
        .expect("date");
    let order = monthly("2000-01-01", &end.to_string(), vec![]);
    let count = (start.days_until(end) / 13) as usize;
    ledger(
        Jurisdiction::California,
        vec![order],
        payments(d("2000-01-05"), count, 13),
        end.add_days(1).expect("date"),
    )
}

/// A weekly order over 100 years (2003-2102) with a payment every 4 weeks.
fn weekly_century(state: Jurisdiction) -> LedgerInput {
    let order = OrderInput::new("weekly", Decimal::new(12_000, 2), d("2003-01-03"));
    let as_of = d("2103-01-01");
    let count = (d("2003-01-10").days_until(as_of) / 28) as usize;
    ledger(
        state,
        vec![order],
        payments(d("2003-01-10"), count, 28),
        as_of,
    )
}

fn bench(c: &mut Criterion) {
    let rules = Rules::embedded();
    for (name, state) in [
        (
            "arrears_ledger_california_18y_500_payments",
            Jurisdiction::California,
        ),
        ("arrears_ledger_texas_18y_500_payments", Jurisdiction::Texas),
    ] {
        let input = case(state, 500);
        let r = compute_ledger(rules, &input).expect("ledger");
        assert_eq!(
            r.installments
                .iter()
                .filter(|i| i.item.kind == childsupport::arrears::ledger::ItemKind::Installment)
                .count(),
            216
        );
        c.bench_function(name, |b| {
            b.iter(|| compute_ledger(rules, black_box(&input)).expect("ledger"))
        });
        // The same totals without lines, applications, periods or a checkpoint.
        let lean = compute_totals(rules, &input).expect("totals");
        assert_eq!(lean.totals, r.totals);
        c.bench_function(&name.replace("ledger", "totals"), |b| {
            b.iter(|| compute_totals(rules, black_box(&input)).expect("totals"))
        });
    }
    let mut g = c.benchmark_group("arrears_ledger_weekly_100y");
    g.sample_size(10);
    for (name, state) in [
        ("california", Jurisdiction::California),
        ("texas", Jurisdiction::Texas),
    ] {
        let input = weekly_century(state);
        g.bench_function(name, |b| {
            b.iter(|| compute_ledger(rules, black_box(&input)).expect("ledger"))
        });
    }
    g.finish();
    let mut g = c.benchmark_group("arrears_ledger_18y_payments");
    for n in [100usize, 500, 1_000, 2_000] {
        let input = case(Jurisdiction::California, n);
        g.bench_with_input(BenchmarkId::from_parameter(n), &input, |b, i| {
            b.iter(|| compute_ledger(rules, black_box(i)).expect("ledger"))
        });
    }
    g.finish();
    let mut g = c.benchmark_group("arrears_ledger_years");
    for n in [5, 10, 18, 30] {
        let input = years(n);
        g.bench_with_input(BenchmarkId::from_parameter(n), &input, |b, i| {
            b.iter(|| compute_ledger(rules, black_box(i)).expect("ledger"))
        });
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
