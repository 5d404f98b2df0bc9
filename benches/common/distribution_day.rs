//! The day's mix of collections shared by the distribution benchmark and its callgrind example:
//! one collection on each case, over case histories in a fixed rotation (so every run does the
//! same work): never assistance (half, most with arrears), current assistance (a fifth), former
//! assistance (the rest), in one State that elected family-first distribution, a $100/$200
//! pass-through and the annual fee; one collection in twenty a federal tax refund offset, the
//! others income withholding of 50.00 to 1,049.99 against 100.00 to 699.99 of current support.

#[path = "sequence.rs"]
mod sequence;

use sequence::Sequence;

use childsupport::distribution::DistributionInput;

/// `n` cases, one collection each, of the day's mix.
pub fn day(n: usize) -> Vec<DistributionInput> {
    let mut sequence = Sequence::new(0x2545_f491_4f6c_dd1d);
    let mut next = |m: u64| sequence.below(m);
    (0..n)
        .map(|k| {
            let (history, arrears) = match k % 10 {
                0..=4 => ("", format!(r#"{{"NA": "{}.00"}}"#, next(3000))),
                5 | 6 => (
                    r#""assistance": [{"start": "2024-01-01"}],"#,
                    format!(r#"{{"PA": "{}.00", "NA": "{}.00"}}"#, next(4000), next(500)),
                ),
                7 | 8 => (
                    r#""assistance": [{"start": "2020-01-01", "end": "2023-12-31"}],"#,
                    format!(
                        r#"{{"PA": "{}.00", "CA": "{}.00", "UA": "{}.00", "NA": "{}.00"}}"#,
                        next(4000),
                        next(800),
                        next(300),
                        next(600)
                    ),
                ),
                _ => (
                    r#""assistance": [{"start": "2019-06-01", "end": "2022-05-31"}],"#,
                    format!(
                        r#"{{"PA": "{}.00", "UP": "{}.00", "NA": "{}.00"}}"#,
                        next(4000),
                        next(500),
                        next(600)
                    ),
                ),
            };
            let source = if k % 20 == 8 {
                "federal_tax_offset"
            } else {
                "income_withholding"
            };
            let text = format!(
                r#"{{"case": {{"id": "case{k}", "agency": "county{}", "children": {}, {history}
                "ura": "{}.00", "arrears": {arrears},
                "current_support": [{{"month": "2026-03-01", "due": "{}.{:02}"}}]}},
                "policy": [{{"effective_from": "2008-10-01", "former_assistance_order": "family_first",
                "pass_through": {{"one_child": "100.00", "two_or_more_children": "200.00"}},
                "annual_fee": "retained_from_family"}}],
                "fmap": [{{"ffy": 2026, "rate": "0.5965"}}],
                "events": [{{"type": "collection", "id": "c{k}", "amount": "{}.{:02}",
                "source": "{source}", "receipt_date": "2026-03-10"}}]}}"#,
                next(3),
                1 + next(3),
                next(6000),
                100 + next(600),
                next(100),
                50 + next(1000),
                next(100),
            );
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}: {text}"))
        })
        .collect()
}
