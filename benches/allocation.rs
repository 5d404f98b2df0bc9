//! One collection across an obligor's cases (spec vector E9: three cases, arrears by balance),
//! typed and through JSON, and a day's work of 10,000 varied collections (two to five cases,
//! every arrears policy), from which collections a second on one core follow, traced (each case's
//! path and the agency totals) and lean (`allocate_lean`, the cents only).
//!
//! Run: `cargo bench -p childsupport-benches --bench allocation`.

#[path = "common/allocation_day.rs"]
mod allocation_day;

use std::hint::black_box;

use allocation_day::day;
use childsupport::allocation::{allocate, allocate_lean, CollectionInput};
use childsupport::{api, Rules};
use criterion::{criterion_group, criterion_main, Criterion};

const E9: &str = r#"{"date": "2026-03-10", "amount": "1000", "state": "missouri", "cases": [
    {"id": "A", "agency": "Jackson County", "current_due": "350", "arrears": "1000"},
    {"id": "B", "agency": "Jackson County", "current_due": "250", "arrears": "3000"},
    {"id": "C", "agency": "Greene County", "current_due": "150"}]}"#;

fn allocation(c: &mut Criterion) {
    let rules = Rules::embedded();
    let input: CollectionInput = serde_json::from_str(E9).unwrap();
    c.bench_function("allocation/three_cases", |b| {
        b.iter(|| allocate(rules, black_box(&input)).unwrap())
    });
    let request = format!(r#"{{"kind":"collection_allocation","input":{E9}}}"#);
    c.bench_function("allocation/three_cases_json", |b| {
        b.iter(|| api::respond(rules, black_box(&request)))
    });
    let collections = day(10_000);
    c.bench_function("allocation/day_10k_collections", |b| {
        b.iter(|| {
            for input in &collections {
                black_box(allocate(rules, black_box(input)).unwrap());
            }
        })
    });
    c.bench_function("allocation/day_10k_collections_lean", |b| {
        b.iter(|| {
            for input in &collections {
                black_box(allocate_lean(rules, black_box(input)).unwrap());
            }
        })
    });
}

criterion_group!(benches, allocation);
criterion_main!(benches);
