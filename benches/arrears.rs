//! Arrears ledger benchmark: an 18-year monthly order with two modifications and 500 payments,
//! California (per-installment interest, IV-D, monthly day count) and Texas (delinquency with
//! the one-month exclusion, actual/365).

use std::hint::black_box;

use childsupport::arrears::ledger::{LedgerInput, LedgerOptions, PaymentInput};
use childsupport::arrears::schedule::{ChangeInput, OrderInput};
use childsupport::arrears::{compute_ledger, Jurisdiction};
use childsupport::{Date, Decimal, Rules};
use criterion::{criterion_group, criterion_main, Criterion};

fn d(s: &str) -> Date {
    s.parse().expect("date")
}

fn case(state: Jurisdiction) -> LedgerInput {
    let start = d("2006-01-01");
    let order = OrderInput {
        obligation_type: "child".into(),
        frequency: "monthly".into(),
        amount: Decimal::new(50_000, 2),
        start,
        end: Some(d("2023-12-31")),
        due_day: Some(1),
        due_days: None,
        first_due: None,
        prorate: false,
        changes: vec![
            ChangeInput {
                effective: d("2011-06-15"),
                amount: Decimal::new(62_500, 2),
                frequency: None,
                due_day: None,
                due_days: None,
                first_due: None,
            },
            ChangeInput {
                effective: d("2017-03-10"),
                amount: Decimal::new(41_000, 2),
                frequency: None,
                due_day: Some(15),
                due_days: None,
                first_due: None,
            },
        ],
    };
    // 500 payments spread over the 18 years (every 13 days), of varying amounts that leave
    // arrears, pay them down, and sometimes overpay.
    let mut payments = Vec::with_capacity(500);
    let mut date = d("2006-02-03");
    for i in 0..500i64 {
        let cents = 15_000 + (i * 7_919) % 40_000;
        payments.push(PaymentInput {
            date,
            amount: Decimal::new(cents, 2),
            source: if i % 97 == 96 {
                Some("tax_offset".into())
            } else {
                None
            },
            receipt: None,
        });
        date = date.add_days(13).expect("date");
    }
    LedgerInput {
        state,
        as_of: Some(d("2024-01-01")),
        through: None,
        iv_d: true,
        options: LedgerOptions::default(),
        orders: vec![order],
        payments,
        fees: vec![],
        judgments: vec![],
        renewals: vec![],
        report_dates: vec![],
        resume_from: None,
    }
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
        let input = case(state);
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
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
