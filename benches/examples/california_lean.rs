//! A fixed loop of lean California cases, for instruction counts under callgrind:
//! `valgrind --tool=callgrind target/profiling/examples/california_lean 10000 [resolve]`.
//! With `resolve`, each case resolves the date's rules itself, as the C typed call does
//! (`benches/c/california_typed.c`); without, the rules are resolved once.

use childsupport::guideline::california::{self, CaliforniaInput, CaliforniaParams, TimeShare};
use childsupport::guideline::Parent;
use childsupport::worksheet::NoTrace;
use childsupport::{Decimal, Money, Rules};

fn main() {
    let n: u64 = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(100_000);
    let input = CaliforniaInput::new(
        "2025-03-01".parse().unwrap(),
        Decimal::from(3000),
        Decimal::from(1000),
        TimeShare {
            parent: Parent::A,
            fraction: Decimal::new(2, 1),
        },
        2,
    );
    let params = CaliforniaParams::resolve(Rules::embedded(), input.calculation_date).unwrap();
    let mut total = Money::ZERO;
    for _ in 0..n {
        let r =
            california::compute_with(&params, std::hint::black_box(&input), &mut NoTrace).unwrap();
        total = total + r.amount;
    }
    println!("{n} cases, total {total}");
}
