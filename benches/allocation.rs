//! One collection across an obligor's cases (spec vector E9: three cases, arrears by balance),
//! typed and through JSON, and a day's work of 10,000 varied collections (two to five cases,
//! every arrears policy), from which collections a second on one core follow.
//!
//! Run: `cargo bench -p childsupport-benches --bench allocation`.

use std::hint::black_box;

use childsupport::allocation::{allocate, CollectionInput};
use childsupport::{api, Rules};
use criterion::{criterion_group, criterion_main, Criterion};

const E9: &str = r#"{"date": "2026-03-10", "amount": "1000", "state": "missouri", "cases": [
    {"id": "A", "agency": "Jackson County", "current_due": "350", "arrears": "1000"},
    {"id": "B", "agency": "Jackson County", "current_due": "250", "arrears": "3000"},
    {"id": "C", "agency": "Greene County", "current_due": "150"}]}"#;

/// A day's mix: collections of 50.00 to 1,499.99 over 2 to 5 cases in 3 counties, the four
/// arrears policies in turn (a fixed sequence, so every run does the same work).
fn day(n: usize) -> Vec<CollectionInput> {
    let policies = [
        "by_balance",
        "by_withholding_order",
        "equal",
        "oldest_first",
    ];
    let mut s: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = |m: u64| {
        s = s
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (s >> 33) % m
    };
    (0..n)
        .map(|k| {
            let cases: Vec<String> = (0..2 + next(4))
                .map(|i| {
                    format!(
                        r#"{{"id": "case{i}", "agency": "county{}", "current_due": "{}.{:02}",
                        "arrears": "{}", "withholding_arrears": "{}",
                        "oldest_unpaid": "2024-0{}-01"}}"#,
                        next(3),
                        100 + next(600),
                        next(100),
                        next(5000),
                        next(200),
                        1 + next(9)
                    )
                })
                .collect();
            serde_json::from_str(&format!(
                r#"{{"date": "2026-03-10", "amount": "{}.{:02}", "policy": {{"arrears": "{}",
                "remainder": "future"}}, "cases": [{}]}}"#,
                50 + next(1450),
                next(100),
                policies[k % 4],
                cases.join(",")
            ))
            .unwrap()
        })
        .collect()
}

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
}

criterion_group!(benches, allocation);
criterion_main!(benches);
