//! A fixed loop of TX-02 from gross wages with its worksheet, for callgrind:
//! `valgrind --tool=callgrind target/profiling/examples/texas_traced 10000 [lean]`.

use childsupport::guideline::texas::net_resources::{Frequency, IncomeItem, IncomeKind, Resources};
use childsupport::guideline::texas::{self, TexasInput, TexasParams};
use childsupport::worksheet::{NoTrace, Worksheet};
use childsupport::{Decimal, Money, Rules};

fn main() {
    let n: u64 = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(10_000);
    let lean = std::env::args().nth(2).as_deref() == Some("lean");
    let date = "2026-01-15".parse().unwrap();
    let mut input = TexasInput::simple(date, Decimal::ZERO, 1);
    input.obligor = Resources::from_incomes(vec![IncomeItem {
        amount: Decimal::from(6000),
        frequency: Frequency::Monthly,
        kind: IncomeKind::Wages,
        taxable: true,
    }]);
    let params = TexasParams::resolve(Rules::embedded(), date).unwrap();
    let mut total = Money::ZERO;
    for _ in 0..n {
        let r = if lean {
            texas::compute_with(&params, std::hint::black_box(&input), &mut NoTrace)
        } else {
            texas::compute_with(
                &params,
                std::hint::black_box(&input),
                &mut Worksheet::with_capacity(48),
            )
        }
        .unwrap();
        total = total + r.amount;
    }
    println!("{n} cases, total {total}");
}
