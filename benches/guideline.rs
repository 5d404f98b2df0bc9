//! Guideline benchmarks: one California case (lean, with its worksheet, and through the JSON API),
//! one Texas case from gross wages, and a caseload of 10,000 California cases (what a what-if
//! study runs per rule), lean with the rules resolved once per date.
//!
//! Run: `cargo bench -p childsupport-benches --bench guideline`.

use std::hint::black_box;

use childsupport::guideline::california::{self, CaliforniaInput, CaliforniaParams, TimeShare};
use childsupport::guideline::texas::net_resources::{Frequency, IncomeItem, IncomeKind, Resources};
use childsupport::guideline::texas::{self, TexasInput, TexasParams};
use childsupport::guideline::Parent;
use childsupport::worksheet::NoTrace;
use childsupport::{api, Decimal, Rules};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};

fn n2() -> CaliforniaInput {
    CaliforniaInput::new(
        "2025-03-01".parse().unwrap(),
        Decimal::from(3000),
        Decimal::from(1000),
        TimeShare {
            parent: Parent::A,
            fraction: Decimal::new(2, 1),
        },
        2,
    )
}

const N2_JSON: &str = r#"{"kind":"california_guideline","input":{"calculation_date":"2025-03-01",
 "parent_a_net_income":"3000","parent_b_net_income":"1000",
 "time_share":{"parent":"parent_a","fraction":"0.20"},"children":2}}"#;

const TX02_JSON: &str = r#"{"kind":"texas_guideline","input":{"order_date":"2026-01-15",
 "obligor":{"incomes":[{"amount":"6000","frequency":"monthly","kind":"wages"}]},"children":1}}"#;

fn guideline(c: &mut Criterion) {
    let rules = Rules::embedded();
    let input = n2();
    let ca_params = CaliforniaParams::resolve(rules, input.calculation_date).unwrap();
    c.bench_function("california_guideline/lean", |b| {
        b.iter(|| california::compute_with(&ca_params, black_box(&input), &mut NoTrace).unwrap())
    });
    c.bench_function("california_guideline/lean_resolving_rules", |b| {
        b.iter(|| california::compute_lean(rules, black_box(&input)).unwrap())
    });
    c.bench_function("california_guideline/typed", |b| {
        b.iter(|| california::compute(rules, black_box(&input)).unwrap())
    });
    c.bench_function("california_guideline/json", |b| {
        b.iter(|| api::respond(rules, black_box(N2_JSON)))
    });
    c.bench_function("texas_guideline/json_from_gross", |b| {
        b.iter(|| api::respond(rules, black_box(TX02_JSON)))
    });
    // TX-02's case, typed, without the worksheet, the rules of the date resolved once.
    let mut tx02 = TexasInput::simple("2026-01-15".parse().unwrap(), Decimal::ZERO, 1);
    tx02.obligor = Resources::from_incomes(vec![IncomeItem {
        amount: Decimal::from(6000),
        frequency: Frequency::Monthly,
        kind: IncomeKind::Wages,
        taxable: true,
    }]);
    let tx_params = TexasParams::resolve(rules, tx02.order_date).unwrap();
    c.bench_function("texas_guideline/lean_from_gross", |b| {
        b.iter(|| {
            texas::compute_with(
                &tx_params,
                black_box(&tx02),
                &mut childsupport::worksheet::NoTrace,
            )
            .unwrap()
            .amount
        })
    });
    c.bench_function("texas_guideline/traced_from_gross", |b| {
        b.iter(|| texas::compute(rules, black_box(&tx02)).unwrap().amount)
    });

    // A caseload: incomes and time shares varied over 10,000 cases.
    let cases: Vec<CaliforniaInput> = (0..10_000i64)
        .map(|i| {
            let mut case = n2();
            case.parent_a_net_income = Decimal::new(100_000 + i * 137, 2);
            case.parent_b_net_income = Decimal::new(50_000 + (i * 7919) % 900_000, 2);
            case.time_share = Some(TimeShare {
                parent: Parent::A,
                fraction: Decimal::new(i % 101, 2),
            });
            case.children = 1 + (i % 10) as u32;
            case
        })
        .collect();
    let mut group = c.benchmark_group("california_caseload");
    group.throughput(Throughput::Elements(cases.len() as u64));
    group.sample_size(10);
    group.bench_function("10k_cases", |b| {
        b.iter(|| {
            cases
                .iter()
                .map(|i| california::compute(rules, i).unwrap().amount)
                .fold(childsupport::Money::ZERO, |a, m| a + m)
        })
    });
    group.bench_function("10k_cases_lean", |b| {
        b.iter(|| {
            cases
                .iter()
                .map(|i| {
                    california::compute_with(&ca_params, i, &mut NoTrace)
                        .unwrap()
                        .amount
                })
                .fold(childsupport::Money::ZERO, |a, m| a + m)
        })
    });
    group.finish();
}

criterion_group!(benches, guideline);
criterion_main!(benches);
