//! A fixed loop of California rows through the batch reader (`childsupport::batch`), typed
//! cells as an Arrow table gives them, for instruction counts under callgrind:
//! `valgrind --tool=callgrind target/profiling/examples/california_batch 10000`.

use childsupport::batch::{Batch, Cell, Kind};
use childsupport::{Decimal, Rules};

fn main() {
    let n: u64 = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(100_000);
    let names = [
        "calculation_date",
        "parent_a_net_income_cents",
        "parent_b_net_income_cents",
        "time_share.parent",
        "time_share.fraction",
        "children",
    ];
    let batch = Batch::new(Rules::embedded(), Kind::CaliforniaGuideline, &names, &[])
        .expect("the column names are valid");
    let row = [
        Cell::Date("2025-03-01".parse().expect("a date")),
        Cell::Int(300_000),
        Cell::Int(100_000),
        Cell::Text("parent_a"),
        Cell::Decimal(Decimal::new(20, 2)),
        Cell::Int(2),
    ];
    let mut out = Vec::new();
    let mut errors = 0;
    for _ in 0..n {
        errors += u32::from(
            batch
                .compute(std::hint::black_box(&row[..]), &mut out)
                .is_err(),
        );
    }
    println!("{n} rows, {errors} errors, last {out:?}");
}
