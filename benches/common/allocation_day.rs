//! The day's mix of collections shared by the allocation benchmark and its callgrind example:
//! collections of 50.00 to 1,499.99 over 2 to 5 cases in 3 counties, the four arrears policies in
//! turn (a fixed sequence, so every run does the same work).

#[path = "sequence.rs"]
mod sequence;

use sequence::Sequence;

use childsupport::allocation::CollectionInput;

/// `n` collections of the day's mix.
pub fn day(n: usize) -> Vec<CollectionInput> {
    let policies = [
        "by_balance",
        "by_withholding_order",
        "equal",
        "oldest_first",
    ];
    let mut sequence = Sequence::new(0x9e37_79b9_7f4a_7c15);
    let mut next = |m: u64| sequence.below(m);
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
