//! Tests of checkpoints: a checkpoint resumes only with the request it was saved from, and an
//! edited one is refused, naming what differs.

use proptest::prelude::*;
use rust_decimal::Decimal;

use super::checkpoint;
use super::ledger::{compute_ledger, LedgerInput, SavedState};
use super::tests::{d, input, order, pay, run};
use super::Jurisdiction;
use crate::rules::Rules;

fn case() -> LedgerInput {
    let mut i = input(
        Jurisdiction::California,
        d("2025-06-01"),
        vec![order("child", 50_000, d("2025-01-01"), vec![])],
    );
    for (k, day) in ["2025-02-10", "2025-03-10", "2025-05-10"]
        .iter()
        .enumerate()
    {
        let mut p = pay(d(day), 40_000, false);
        p.id = Some(format!("P{k}"));
        i.payments.push(p);
    }
    i
}

/// The checkpoint as of 2025-04-01 and the request to resume it with (as of 2025-06-01).
fn saved() -> (SavedState, LedgerInput) {
    let mut first = case();
    first.as_of = Some(d("2025-04-01"));
    let state = run(&first).saved_state;
    let mut again = case();
    again.resume_from = Some(state.clone());
    (state, again)
}

fn refused(i: &LedgerInput) -> String {
    compute_ledger(Rules::embedded(), i)
        .unwrap_err()
        .field()
        .unwrap_or("")
        .to_string()
}

#[test]
fn a_checkpoint_resumes_to_the_ledger_from_the_start() {
    let (_, again) = saved();
    let resumed = run(&again);
    let whole = run(&case());
    assert_eq!(resumed.saved_state, whole.saved_state);
    assert_eq!(resumed.totals, whole.totals);
    assert_eq!(whole.saved_state.version, checkpoint::CHECKPOINT_VERSION);
    assert_eq!(whole.saved_state.fingerprint.len(), checkpoint::PARTS.len());
}

#[test]
fn a_corrected_or_added_payment_before_the_checkpoint_is_named() {
    let (_, mut again) = saved();
    again.payments[1].amount = Decimal::new(40_001, 2);
    assert_eq!(refused(&again), "resume_from.fingerprint.payments");
    let (_, mut again) = saved();
    again.payments.push(pay(d("2025-03-20"), 100, false));
    assert_eq!(refused(&again), "resume_from.fingerprint.payments");
    // The same amount written differently is the same payment.
    let (_, mut again) = saved();
    again.payments[1].amount = Decimal::new(4_000_000, 4);
    assert!(compute_ledger(Rules::embedded(), &again).is_ok());
    // A later payment may be added.
    let (_, mut again) = saved();
    again.payments.push(pay(d("2025-04-20"), 100, false));
    assert!(compute_ledger(Rules::embedded(), &again).is_ok());
}

#[test]
fn changed_orders_options_or_rules_are_named() {
    let (_, mut again) = saved();
    again.orders[0].amount = Decimal::new(50_100, 2);
    // The installments before the date differ from the saved ones.
    assert!(refused(&again).starts_with("resume_from"));
    let (_, mut again) = saved();
    again.iv_d = true;
    assert_eq!(refused(&again), "resume_from.fingerprint.case");
    let (_, again) = saved();
    // A county's rules file that replaces one series (even one this case does not use)
    // changes the rule set's fingerprint.
    let county = Rules::from_toml_str(
        r#"
[[arrears.texas_interest]]
effective_from = "2002-01-01"
rate = "0.06"
citation = "Tex. Fam. Code §157.265 (a county's copy)"
status = "VERIFIED"
"#,
    )
    .unwrap();
    let e = compute_ledger(&county, &again).unwrap_err();
    assert_eq!(e.field(), Some("resume_from.fingerprint.rules"));
}

#[test]
fn an_edited_checkpoint_is_refused() {
    let (state, mut again) = saved();
    let mut edited = state.clone();
    edited.items[1].paid = crate::money::Money::ZERO;
    again.resume_from = Some(edited);
    assert_eq!(refused(&again), "resume_from.seal");
    // Even re-sealed, a negative balance is refused for its meaning.
    let mut edited = state.clone();
    edited.credit = crate::money::Money::from_cents(-1);
    edited.seal = checkpoint::seal(&edited);
    again.resume_from = Some(edited);
    assert_eq!(refused(&again), "resume_from.credit");
    let mut edited = state.clone();
    edited.version = 1;
    edited.seal = checkpoint::seal(&edited);
    again.resume_from = Some(edited);
    assert_eq!(refused(&again), "resume_from.version");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// Changing any one amount, date or count in a checkpoint's JSON (without re-sealing it) is
    /// refused.
    #[test]
    fn any_edit_of_a_checkpoint_is_refused(pick in any::<proptest::sample::Index>(), bump in 1i64..1000) {
        let (state, again) = saved();
        let mut v = serde_json::to_value(&state).unwrap();
        // Every leaf that is not the seal itself.
        fn leaves(v: &serde_json::Value, path: String, out: &mut Vec<String>) {
            match v {
                serde_json::Value::Object(m) => {
                    for (k, x) in m {
                        if k != "seal" {
                            leaves(x, format!("{path}/{k}"), out);
                        }
                    }
                }
                serde_json::Value::Array(a) => {
                    for (k, x) in a.iter().enumerate() {
                        leaves(x, format!("{path}/{k}"), out);
                    }
                }
                _ => out.push(path),
            }
        }
        let mut paths = Vec::new();
        leaves(&v, String::new(), &mut paths);
        let path = &paths[pick.index(paths.len())];
        let leaf = v.pointer_mut(path).unwrap();
        *leaf = match leaf.clone() {
            serde_json::Value::String(s) => match s.parse::<Decimal>() {
                Ok(x) => serde_json::Value::String((x + Decimal::new(bump, 2)).to_string()),
                Err(_) => serde_json::Value::String(format!("{s}x")),
            },
            serde_json::Value::Number(n) => serde_json::Value::from(n.as_u64().unwrap_or(0) + 1),
            serde_json::Value::Bool(b) => serde_json::Value::Bool(!b),
            other => other,
        };
        let mut tampered = again.clone();
        match serde_json::from_value::<SavedState>(v) {
            // An edit that no longer parses is refused by the parser itself.
            Err(_) => {}
            Ok(s) => {
                tampered.resume_from = Some(s);
                let e = compute_ledger(Rules::embedded(), &tampered);
                prop_assert!(e.is_err(), "an edit of {} was accepted", path);
            }
        }
    }

    /// Resuming from a checkpoint on any day equals computing from the start.
    #[test]
    fn resuming_from_any_day_equals_the_ledger_from_the_start(day in 0i64..150) {
        let cut = d("2025-01-01").add_days(day).unwrap();
        let mut first = case();
        first.as_of = Some(cut);
        let state = run(&first).saved_state;
        let mut again = case();
        again.resume_from = Some(state);
        let whole = run(&case());
        let resumed = run(&again);
        prop_assert_eq!(&resumed.totals, &whole.totals);
        prop_assert_eq!(&resumed.saved_state, &whole.saved_state);
    }
}
