//! IV-D distribution: one collection on one case (spec vector E3: current assistance, two
//! children, pass-through and retained shares), typed and through JSON, and a day's work of
//! 10,000 collections over a mix of case histories (`common/distribution_day.rs`), traced
//! (`distribute_events`: each cent's path, citations and deadlines) and lean (`Distributor`:
//! the cents by payee, each case updated in place), from which collections a second on one
//! core follow.
//!
//! Run: `cargo bench -p childsupport-benches --bench distribution`.

#[path = "common/distribution_day.rs"]
mod distribution_day;

use std::hint::black_box;

use childsupport::distribution::{distribute_events, DistributionInput, Distributor, Event};
use childsupport::{api, Rules};
use criterion::{criterion_group, criterion_main, BatchSize, Criterion};

const E3: &str = r#"{"case": {"id": "E3", "children": 2, "assistance": [{"start": "2024-01-01"}],
    "ura": "3450.00", "current_support": [{"month": "2025-03-01", "due": "400.00"}]},
    "policy": [{"effective_from": "2008-10-01", "former_assistance_order": "prwora",
    "annual_fee": "not_retained",
    "pass_through": {"one_child": "100.00", "two_or_more_children": "200.00"}}],
    "fmap": [{"ffy": 2025, "rate": "0.60"}],
    "events": [{"type": "collection", "id": "c1", "amount": "400.00",
    "source": "income_withholding", "receipt_date": "2025-03-10"}]}"#;

fn distribution(c: &mut Criterion) {
    let rules = Rules::embedded();
    let input: DistributionInput = serde_json::from_str(E3).unwrap();
    c.bench_function("distribution/one_collection", |b| {
        b.iter(|| distribute_events(rules, black_box(&input)).unwrap())
    });
    let request = format!(r#"{{"kind":"iv_d_distribution","input":{E3}}}"#);
    c.bench_function("distribution/one_collection_json", |b| {
        b.iter(|| api::respond(rules, black_box(&request)))
    });
    let day = distribution_day::day(10_000);
    c.bench_function("distribution/day_10k_collections", |b| {
        b.iter(|| {
            for input in &day {
                black_box(distribute_events(rules, black_box(input)).unwrap());
            }
        })
    });
    // One State for the day: its elections are checked once; each case is updated in place (a
    // fresh copy of the day's cases per iteration, not timed).
    let (policy, fmap) = (day[0].policy.clone(), day[0].fmap.clone());
    let state = Distributor::new(rules, &policy, &fmap, &[]).unwrap();
    c.bench_function("distribution/day_10k_collections_lean", |b| {
        b.iter_batched_ref(
            || day.clone(),
            |cases| {
                for input in cases.iter_mut() {
                    let Event::Collection(collection) = &input.events[0] else {
                        unreachable!("one collection a case")
                    };
                    black_box(state.distribute(&mut input.case, collection).unwrap());
                }
            },
            BatchSize::LargeInput,
        )
    });
}

criterion_group!(benches, distribution);
criterion_main!(benches);
