//! Tests of the corrections a caseworker makes: opening balances, lump-sum judgments, the
//! court's figure on a judgment, and misapplied payments moved. Expected values are derived by
//! hand in the comments.

use rust_decimal::Decimal;

use super::ledger::{
    compute_ledger, ConfirmedAmount, JudgmentInput, LineEvent, LumpSumInput, MoveInput,
    OpeningBalanceInput,
};
use super::tests::{d, input, order, pay, run};
use super::Jurisdiction;
use crate::rules::Rules;

fn opening(date: &str, principal: i64, interest: i64) -> OpeningBalanceInput {
    OpeningBalanceInput {
        date: d(date),
        obligation_type: None,
        principal: Decimal::new(principal, 2),
        interest: Decimal::new(interest, 2),
        owed_since: None,
        confirmed: false,
        interest_free: None,
    }
}

#[test]
fn an_opening_balance_bears_interest_from_its_date_and_is_paid_principal_first() {
    // California, converted on 2025-01-01 with 5,000.00 principal and 1,250.00 interest; no
    // order; 500.00 paid on 2025-02-01.
    // January: 5,000 x 10%/12 = 41.666... -> posted 41.67 (cumulative 1,291.67 with the 1,250).
    // 2025-02-01: principal first (CCP §695.221): 4,500.00.
    // February: 4,500 x 10%/12 = 37.50; cumulative exact 1,250 + 41.6666... + 37.5 =
    // 1,329.1666... -> 1,329.17. As of 2025-03-01: 4,500.00 + 1,329.17 = 5,829.17.
    let mut i = input(Jurisdiction::California, d("2025-03-01"), vec![]);
    i.opening_balances
        .push(opening("2025-01-01", 500_000, 125_000));
    i.payments.push(pay(d("2025-02-01"), 50_000, false));
    let r = run(&i);
    assert_eq!(r.lines[0].event, LineEvent::OpeningBalance);
    assert_eq!(r.lines[0].amount.to_string(), "6250.00");
    let b = &r.totals.balances;
    assert_eq!(b.principal.to_string(), "4500.00");
    assert_eq!(b.interest.to_string(), "1329.17");
    assert_eq!(b.total_owed.to_string(), "5829.17");
    let posted: Vec<String> = r
        .lines
        .iter()
        .filter(|l| l.event == LineEvent::Interest)
        .map(|l| l.amount.to_string())
        .collect();
    assert_eq!(posted, ["41.67", "37.50"]);
    assert_eq!(r.totals.counters.opening.to_string(), "6250.00");
}

#[test]
fn installments_before_an_opening_balance_are_in_it_not_charged_again() {
    // $500 a month from 2024-01-01; converted on 2025-01-01 with 3,000.00 owed since
    // 2024-07-01. As of 2025-01-02 the principal is 3,000 + January 2025's 500 = 3,500.00 and
    // the oldest unpaid support is owed since 2024-07-01.
    let mut i = input(
        Jurisdiction::California,
        d("2025-01-02"),
        vec![order("child", 50_000, d("2024-01-01"), vec![])],
    );
    let mut o = opening("2025-01-01", 300_000, 0);
    o.owed_since = Some(d("2024-07-01"));
    i.opening_balances.push(o);
    let r = run(&i);
    assert_eq!(r.totals.balances.principal.to_string(), "3500.00");
    assert_eq!(r.totals.due.to_string(), "500.00");
    assert_eq!(r.totals.owed_since, Some(d("2024-07-01")));
    // A payment before the conversion is in the balance already.
    i.payments.push(pay(d("2024-12-15"), 10_000, false));
    let e = compute_ledger(Rules::embedded(), &i).unwrap_err();
    assert_eq!(e.field(), Some("payments[0].date"));
}

#[test]
fn opening_balances_are_checked() {
    let mut i = input(Jurisdiction::California, d("2025-03-01"), vec![]);
    i.opening_balances.push(opening("2025-01-01", 100, 0));
    i.opening_balances.push(opening("2025-02-01", 100, 0));
    let e = compute_ledger(Rules::embedded(), &i).unwrap_err();
    assert_eq!(e.field(), Some("opening_balances[1].date"));
    i.opening_balances[1].date = d("2025-01-01");
    let e = compute_ledger(Rules::embedded(), &i).unwrap_err();
    assert_eq!(e.field(), Some("opening_balances[1].type"));
    i.opening_balances.truncate(1);
    i.opening_balances[0].confirmed = true;
    let e = compute_ledger(Rules::embedded(), &i).unwrap_err();
    assert_eq!(e.field(), Some("opening_balances[0].confirmed"));
    i.opening_balances[0].confirmed = false;
    i.opening_balances[0].principal = Decimal::new(-1, 2);
    let e = compute_ledger(Rules::embedded(), &i).unwrap_err();
    assert_eq!(e.field(), Some("opening_balances[0].principal"));
}

#[test]
fn a_lump_sum_judgment_bears_interest_from_the_day_rendered() {
    // Texas, retroactive support of 6,000.00 rendered 2025-03-15 (owed since 2024-01-01).
    // It bears 6% from the day rendered (§157.265(b)): 2025-03-15 to 2025-03-31 is 17 days,
    // 6,000 x 0.06 x 17/365 = 16.767... -> 16.77; to the start of 2025-04-14, 30 days:
    // 6,000 x 0.06 x 30/365 = 29.589... -> 29.59. Total 6,029.59.
    let mut i = input(Jurisdiction::Texas, d("2025-04-14"), vec![]);
    i.lump_sums.push(LumpSumInput {
        date: d("2025-03-15"),
        obligation_type: None,
        amount: Decimal::new(600_000, 2),
        description: Some("retroactive support, 2024".into()),
        owed_since: Some(d("2024-01-01")),
    });
    let r = run(&i);
    let l = r
        .lines
        .iter()
        .find(|l| l.event == LineEvent::LumpSum)
        .unwrap();
    assert_eq!(l.amount.to_string(), "6000.00");
    assert!(l.citation.contains("§157.263"));
    let b = &r.totals.balances;
    assert_eq!(b.confirmed_principal.to_string(), "6000.00");
    assert_eq!(b.interest.to_string(), "29.59");
    assert_eq!(b.total_owed.to_string(), "6029.59");
    assert_eq!(r.totals.owed_since, Some(d("2024-01-01")));
}

#[test]
fn a_judgment_confirms_the_courts_figure_and_shows_the_difference() {
    // Texas, $500 a month from 2025-01-01, nothing paid; judgment rendered 2025-03-31 for
    // 1,400.00 of child support.
    // Computed: installments 1,500.00; interest: February's installment is delinquent from
    // 2025-03-04 (due + 31 days), when 1,000 is delinquent and one month's obligation (500,
    // the newest) is excluded: 500 x 0.06 x 27/365 (2025-03-04 to 03-30) = 2.219... -> 2.22.
    // Computed total 1,502.22; the court's 1,400.00 governs; difference -102.22.
    // The judgment bears interest from the day rendered: 1,400 x 0.06 x 1/365 = 0.230... ->
    // 0.23, so as of 2025-04-01 1,400.23 is owed.
    let mut i = input(
        Jurisdiction::Texas,
        d("2025-04-01"),
        vec![order("child", 50_000, d("2025-01-01"), vec![])],
    );
    i.judgments.push(JudgmentInput {
        date: d("2025-03-31"),
        types: None,
        confirmed: vec![ConfirmedAmount {
            obligation_type: "child".into(),
            amount: Decimal::new(140_000, 2),
        }],
    });
    let r = run(&i);
    let j = r
        .lines
        .iter()
        .find(|l| l.event == LineEvent::Judgment)
        .unwrap();
    assert_eq!(j.amount.to_string(), "1400.00");
    assert!(j.description.contains("= 1502.22"), "{}", j.description);
    assert!(
        j.description.contains("difference -102.22"),
        "{}",
        j.description
    );
    assert_eq!(r.totals.counters.court_adjustments.to_string(), "-102.22");
    assert_eq!(r.totals.balances.total_owed.to_string(), "1400.23");
    // A confirmed amount for a type the judgment does not confirm is refused.
    i.judgments[0].types = Some(vec!["medical".into()]);
    let e = compute_ledger(Rules::embedded(), &i).unwrap_err();
    assert_eq!(e.field(), Some("judgments[0].confirmed[0].type"));
}

fn two_orders() -> super::ledger::LedgerInput {
    // California, child 500 and spousal 300 a month from 2025-01-01; P1 300 on 2025-01-15
    // (applied to January's child support as current support), P2 900 on 2025-02-05.
    let mut i = input(
        Jurisdiction::California,
        d("2025-02-15"),
        vec![
            order("child", 50_000, d("2025-01-01"), vec![]),
            order("spousal", 30_000, d("2025-01-01"), vec![]),
        ],
    );
    let mut p1 = pay(d("2025-01-15"), 30_000, false);
    p1.id = Some("P1".into());
    let mut p2 = pay(d("2025-02-05"), 90_000, false);
    p2.id = Some("P2".into());
    i.payments = vec![p1, p2];
    i
}

#[test]
fn a_misapplied_payment_moves_to_the_obligation_it_belonged_to() {
    // P1 belonged to spousal support: it is taken back from January's child support and
    // applied to January's spousal support as of 2025-01-15; the move is recorded on
    // 2025-02-10. Principal is the same either way (1,600 due - 1,200 paid = 400.00).
    let mut i = two_orders();
    i.moves.push(MoveInput {
        payment_id: "P1".into(),
        date: d("2025-02-10"),
        reason: "applied to the wrong obligation".into(),
        to_type: Some("spousal".into()),
        to_case: None,
    });
    let r = run(&i);
    let m = &r.moved_payments[0];
    assert_eq!(m.before[0].item.as_deref(), Some("orders[0]#1"));
    assert_eq!(m.after[0].item.as_deref(), Some("orders[1]#1"));
    assert_eq!(m.after[0].amount.to_string(), "300.00");
    let line = r.lines.iter().find(|l| l.event == LineEvent::Move).unwrap();
    assert_eq!(line.date, d("2025-02-10"));
    assert_eq!(line.payment_id.as_deref(), Some("P1"));
    assert_eq!(r.totals.balances.principal.to_string(), "400.00");
}

#[test]
fn a_payment_moved_to_another_case_leaves_this_ledger() {
    // Without P1 the principal is 1,600 - 900 = 700.00.
    let mut i = two_orders();
    i.moves.push(MoveInput {
        payment_id: "P1".into(),
        date: d("2025-02-10"),
        reason: "belongs to the obligor's other case".into(),
        to_type: None,
        to_case: Some("CASE-2".into()),
    });
    let r = run(&i);
    assert_eq!(r.totals.balances.principal.to_string(), "700.00");
    assert_eq!(r.moved_payments[0].to_case.as_deref(), Some("CASE-2"));
    assert!(r.moved_payments[0].after.is_empty());
    assert_eq!(r.totals.paid.to_string(), "900.00");
}

#[test]
fn moves_are_checked() {
    let mut i = two_orders();
    i.moves.push(MoveInput {
        payment_id: "P1".into(),
        date: d("2025-02-10"),
        reason: "wrong".into(),
        to_type: None,
        to_case: None,
    });
    let e = compute_ledger(Rules::embedded(), &i).unwrap_err();
    assert_eq!(e.field(), Some("moves[0]"));
    i.moves[0].to_type = Some("dental".into());
    let e = compute_ledger(Rules::embedded(), &i).unwrap_err();
    assert_eq!(e.field(), Some("moves[0].to_type"));
    i.moves[0].to_type = Some("spousal".into());
    i.moves[0].date = d("2025-01-01");
    let e = compute_ledger(Rules::embedded(), &i).unwrap_err();
    assert_eq!(e.field(), Some("moves[0].date"));
    i.moves[0].date = d("2025-02-10");
    i.moves[0].payment_id = "P9".into();
    let e = compute_ledger(Rules::embedded(), &i).unwrap_err();
    assert_eq!(e.field(), Some("moves[0].payment_id"));
}
