//! A fixed loop of N2 through the JSON API, for callgrind:
//! `valgrind --tool=callgrind target/profiling/examples/json_n2 2000`.

const N2_JSON: &str = r#"{"kind":"california_guideline","input":{"calculation_date":"2025-03-01",
 "parent_a_net_income":"3000","parent_b_net_income":"1000",
 "time_share":{"parent":"parent_a","fraction":"0.20"},"children":2}}"#;

fn main() {
    let n: u64 = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(2_000);
    let mut bytes = 0;
    for _ in 0..n {
        bytes += childsupport::api::respond(
            childsupport::Rules::embedded(),
            std::hint::black_box(N2_JSON),
        )
        .len();
    }
    println!("{n} responses, {bytes} bytes");
}
