//! A day's mix of collections across cases, for instruction counts under callgrind:
//! `valgrind --tool=callgrind target/profiling/examples/allocation_day traced 10000` (each
//! case's path and the agency totals) or `... lean 10000` (cents only).

#[path = "../common/allocation_day.rs"]
mod allocation_day;

use std::hint::black_box;

use childsupport::allocation::{allocate, allocate_lean};
use childsupport::Rules;

fn main() {
    let mut args = std::env::args().skip(1);
    let mode = args.next().unwrap_or_else(|| "traced".into());
    let n: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(10_000);
    let rules = Rules::embedded();
    let collections = allocation_day::day(n);
    let start = std::time::Instant::now();
    match mode.as_str() {
        "traced" => {
            for input in &collections {
                black_box(allocate(rules, black_box(input)).unwrap());
            }
        }
        "lean" => {
            for input in &collections {
                black_box(allocate_lean(rules, black_box(input)).unwrap());
            }
        }
        other => panic!("mode {other}: traced or lean"),
    }
    let s = start.elapsed().as_secs_f64();
    println!(
        "{mode}: {n} collections in {s:.3} s, {:.0} a second",
        n as f64 / s
    );
}
