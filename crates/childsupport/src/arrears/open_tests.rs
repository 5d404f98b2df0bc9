//! Tests of the open ledger: driven step by step, with events posted as they happen (some
//! late, some reversed), it is the ledger computed from the start.

use proptest::prelude::*;

use super::ledger::{LedgerInput, LedgerResult, LineEvent, ReversalInput};
use super::open::{Ledger, Posting};
use super::tests::{d, input, order, pay, run};
use super::Jurisdiction;
use crate::date::Date;
use crate::rules::Rules;

fn case(state: Jurisdiction) -> LedgerInput {
    let mut i = input(
        state,
        d("2025-01-01"),
        vec![order(
            "child",
            65_000,
            d("2024-03-01"),
            vec![(d("2024-07-01"), 48_000)],
        )],
    );
    i.as_of = None;
    i
}

fn same(a: &LedgerResult, lines: &[super::ledger::Line], totals: &super::ledger::Totals) {
    assert_eq!(&a.totals, totals);
    assert_eq!(a.lines.len(), lines.len());
    for (x, y) in a.lines.iter().zip(lines) {
        assert_eq!(x, y);
    }
}

#[test]
fn a_payment_system_drives_a_case_day_by_day() {
    for state in [Jurisdiction::California, Jurisdiction::Texas] {
        let mut ledger = Ledger::open(Rules::embedded(), case(state)).unwrap();
        let mut day = d("2024-03-01");
        let mut k = 0;
        while day < d("2025-01-01") {
            if day.day() == 12 {
                let mut p = pay(day, 40_000, false);
                p.id = Some(format!("PMT-{k}"));
                k += 1;
                ledger.post(Posting::Payment(p)).unwrap();
            }
            day = day.add_days(1).unwrap();
            ledger.advance_to(day).unwrap();
        }
        let whole = ledger.report().unwrap();
        same(&whole, &ledger.lines(), ledger.owed());
        // The order change charges the new amount on its own day (R-AR-1).
        let july = ledger
            .lines()
            .into_iter()
            .find(|l| l.event == LineEvent::Installment && l.date == d("2024-07-01"))
            .unwrap();
        assert_eq!(july.amount.to_string(), "480.00");
    }
}

#[test]
fn a_late_payment_and_a_reversal_replay_from_before_them() {
    let mut ledger = Ledger::open(Rules::embedded(), case(Jurisdiction::California)).unwrap();
    let mut p = pay(d("2024-05-10"), 100_000, false);
    p.id = Some("CHK-1".into());
    ledger.post(Posting::Payment(p)).unwrap();
    let mut q = pay(d("2024-08-10"), 100_000, false);
    q.id = Some("CHK-2".into());
    ledger.post(Posting::Payment(q)).unwrap();
    ledger.advance_to(d("2024-12-01")).unwrap();
    // CHK-1 is dishonored: the ledger goes back before 2024-05-10 and CHK-2 is credited again.
    let posted = ledger
        .post(Posting::Reversal(ReversalInput {
            payment_id: "CHK-1".into(),
            date: d("2024-11-20"),
            reason: "NSF".into(),
        }))
        .unwrap();
    assert!(posted.replayed_from.is_some_and(|f| f <= d("2024-05-10")));
    assert!(posted
        .moved
        .iter()
        .any(|m| m.payment_id.as_deref() == Some("CHK-2")));
    assert_eq!(ledger.position(), d("2024-12-01"));
    same(&ledger.report().unwrap(), &ledger.lines(), ledger.owed());
    // A payment found late (received in June, posted now).
    let mut late = pay(d("2024-06-03"), 30_000, false);
    late.id = Some("LATE-1".into());
    ledger.post(Posting::Payment(late)).unwrap();
    same(&ledger.report().unwrap(), &ledger.lines(), ledger.owed());
}

#[test]
fn a_bad_event_is_refused_and_leaves_the_ledger_as_it_was() {
    let mut ledger = Ledger::open(Rules::embedded(), case(Jurisdiction::Texas)).unwrap();
    ledger.advance_to(d("2024-06-01")).unwrap();
    let owed = ledger.owed().clone();
    let mut p = pay(d("2024-04-01"), 1, false);
    p.amount = rust_decimal::Decimal::new(1, 3);
    let e = ledger.post(Posting::Payment(p)).unwrap_err();
    assert_eq!(e.field(), Some("payments[0].amount"));
    assert_eq!(ledger.owed(), &owed);
    assert!(ledger.history().payments.is_empty());
    let e = ledger.advance_to(d("2024-05-01")).unwrap_err();
    assert_eq!(e.field(), Some("as_of"));
}

#[test]
fn a_stored_checkpoint_resumes_the_ledger() {
    let mut ledger = Ledger::open(Rules::embedded(), case(Jurisdiction::California)).unwrap();
    ledger
        .post(Posting::Payment(pay(d("2024-04-15"), 20_000, false)))
        .unwrap();
    ledger.advance_to(d("2024-09-17")).unwrap();
    let text = serde_json::to_string(ledger.checkpoint().unwrap()).unwrap();
    let history = ledger.history().clone();
    let mut again = Ledger::resume(
        Rules::embedded(),
        history,
        serde_json::from_str(&text).unwrap(),
    )
    .unwrap();
    again.advance_to(d("2025-01-01")).unwrap();
    ledger.advance_to(d("2025-01-01")).unwrap();
    assert_eq!(again.owed(), ledger.owed());
    assert_eq!(again.checkpoint(), ledger.checkpoint());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// Posting payments in any order (some before the ledger's date) and advancing by any
    /// steps gives the ledger computed from the start.
    #[test]
    fn steps_in_any_order_equal_the_whole(
        texas in any::<bool>(),
        pays in proptest::collection::vec((0i64..300, 1i64..120_000, 0i64..300), 0..12),
        steps in proptest::collection::vec(1i64..60, 1..12),
    ) {
        let state = if texas { Jurisdiction::Texas } else { Jurisdiction::California };
        let start = d("2024-03-01");
        let at = |n: i64| -> Date { start.add_days(n).unwrap() };
        let mut ledger = Ledger::open(Rules::embedded(), case(state)).unwrap();
        // Each payment is posted when the ledger reaches its "posted on" day (late or not).
        let mut queue: Vec<(Date, Date, i64, usize)> = pays
            .iter()
            .enumerate()
            .map(|(k, (day, cents, lag))| (at(*day + *lag), at(*day), *cents, k))
            .collect();
        queue.sort();
        let mut day = start;
        for step in steps.iter().cycle().take(40) {
            let next = day.add_days(*step).unwrap();
            while let Some(&(posted_on, received, cents, k)) = queue.first() {
                if posted_on >= next {
                    break;
                }
                queue.remove(0);
                let mut p = pay(received, cents, false);
                p.id = Some(format!("P{k:02}"));
                ledger.post(Posting::Payment(p)).unwrap();
            }
            ledger.advance_to(next).unwrap();
            day = next;
        }
        let mut whole_input = ledger.history().clone();
        whole_input.as_of = Some(ledger.position());
        let whole = run(&whole_input);
        prop_assert_eq!(&whole.totals, ledger.owed());
        prop_assert_eq!(&whole.lines, &ledger.lines());
    }
}

/// The arrears results read back from their JSON as they were written (a caller may store a
/// ledger, a payoff or a posting and read it later).
#[test]
fn arrears_results_read_back_from_their_json() {
    fn round_trip<T: serde::Serialize + serde::de::DeserializeOwned>(value: &T) -> T {
        let json = serde_json::to_string(value).unwrap();
        let back: T = serde_json::from_str(&json).unwrap();
        assert_eq!(serde_json::to_string(&back).unwrap(), json);
        back
    }
    let mut i = case(Jurisdiction::Texas);
    i.as_of = Some(d("2025-01-01"));
    let mut p = pay(d("2024-06-20"), 30_000, false);
    p.id = Some("P1".into());
    i.payments.push(p);
    let ledger = run(&i);
    let back = round_trip(&ledger);
    assert_eq!(back.totals, ledger.totals);
    assert_eq!(back.lines, ledger.lines);
    assert_eq!(back.saved_state, ledger.saved_state);
    let payoff = super::payoff::compute_payoff(
        Rules::embedded(),
        &serde_json::from_str(
            r#"{"state": "california", "start": "2025-01-01", "principal": "1000", "payment": "600", "schedule": true}"#,
        )
        .unwrap(),
    )
    .unwrap();
    let back = round_trip(&payoff);
    assert_eq!(back.with_payment, payoff.with_payment);
    i.as_of = None;
    let post = super::open::post_json(
        Rules::embedded(),
        &super::open::PostInput {
            case: i,
            checkpoint: None,
            post: vec![],
            advance_to: Some(d("2024-09-01")),
        },
    )
    .unwrap();
    let back = round_trip(&post);
    assert_eq!(back.totals, post.totals);
}
