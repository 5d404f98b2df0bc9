//! California net disposable income from gross, both parents, then the §4055 guideline (E8 of the
//! income spec: parent A single 60,000, parent B head of household 42,000, 2025-07-01).
//!
//! Run: `cargo bench -p childsupport-benches --bench california_income`.

use std::hint::black_box;

use childsupport::guideline::california_income::{self, CaliforniaFromGrossInput, FromGrossParams};
use childsupport::worksheet::NoTrace;
use childsupport::{api, Rules};
use criterion::{criterion_group, criterion_main, Criterion};

const E8_INPUT: &str = r#"{"calculation_date":"2025-07-01",
 "parent_a":{"filing_status":"single","incomes":[{"kind":"wages","amount":"5000","per":"month"}]},
 "parent_b":{"filing_status":"hoh","incomes":[{"kind":"wages","amount":"42000"}]},
 "time_share":{"parent":"parent_a","fraction":"0.20"},"children":1}"#;

fn from_gross(c: &mut Criterion) {
    let rules = Rules::embedded();
    let input: CaliforniaFromGrossInput = serde_json::from_str(E8_INPUT).unwrap();
    let params = FromGrossParams::resolve(rules, input.calculation_date, 2025).unwrap();
    c.bench_function("california_from_gross/lean", |b| {
        b.iter(|| {
            california_income::compute_with(
                &params,
                black_box(&input),
                &mut NoTrace,
                &mut NoTrace,
                &mut NoTrace,
            )
            .unwrap()
        })
    });
    c.bench_function("california_from_gross/typed", |b| {
        b.iter(|| california_income::compute(rules, black_box(&input)).unwrap())
    });
    let request = format!(r#"{{"kind":"california_guideline_from_gross","input":{E8_INPUT}}}"#);
    c.bench_function("california_from_gross/json", |b| {
        b.iter(|| api::respond(rules, black_box(&request)))
    });
}

criterion_group!(benches, from_gross);
criterion_main!(benches);
