//! A day's mix of collections, one on each case, for instruction counts under callgrind:
//! `valgrind --tool=callgrind target/profiling/examples/distribution_day traced 10000` (each
//! collection's paths, citations and the case after, through `distribute_events`) or
//! `... lean 10000` (the cents by payee, each case updated in place, through `Distributor`).

#[path = "../common/distribution_day.rs"]
mod distribution_day;

use std::hint::black_box;

use childsupport::distribution::{distribute_events, Distributor, Event};
use childsupport::Rules;

fn main() {
    let mut args = std::env::args().skip(1);
    let mode = args.next().unwrap_or_else(|| "traced".into());
    let n: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(10_000);
    let rules = Rules::embedded();
    let mut cases = distribution_day::day(n);
    let start = std::time::Instant::now();
    let mut family = 0i64;
    match mode.as_str() {
        "traced" => {
            for input in &cases {
                let r = distribute_events(rules, black_box(input)).unwrap();
                family += r.totals.family.cents();
            }
        }
        "lean" => {
            // One State: its elections are checked once for the day.
            let first = &cases[0];
            let (policy, fmap) = (first.policy.clone(), first.fmap.clone());
            let day = Distributor::new(rules, &policy, &fmap, &[]).unwrap();
            for input in &mut cases {
                let Event::Collection(c) = &input.events[0] else {
                    unreachable!("one collection a case")
                };
                let t = day.distribute(&mut input.case, black_box(c)).unwrap();
                family += t.family.cents();
            }
        }
        other => panic!("mode {other}: traced or lean"),
    }
    let s = start.elapsed().as_secs_f64();
    println!(
        "{mode}: {n} collections in {s:.3} s, {:.0} a second (family {family} cents)",
        n as f64 / s
    );
}
