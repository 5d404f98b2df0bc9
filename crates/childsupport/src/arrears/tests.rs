//! Unit and property tests of the arrears engine.

use proptest::prelude::*;
use rust_decimal::Decimal;

use super::ledger::{
    compute_ledger, JudgmentInput, LedgerInput, LedgerOptions, LedgerResult, PaymentInput,
    RenewalInput, ReversalInput,
};
use super::schedule::{ChangeInput, OrderInput};
use super::Jurisdiction;
use crate::date::Date;
use crate::money::Money;
use crate::rules::arrears::Tier;
use crate::rules::Rules;

pub(super) fn d(s: &str) -> Date {
    s.parse().unwrap()
}

pub(super) fn order(ty: &str, amount: i64, start: Date, changes: Vec<(Date, i64)>) -> OrderInput {
    OrderInput {
        obligation_type: ty.into(),
        frequency: "monthly".into(),
        amount: Decimal::new(amount, 2),
        start,
        end: None,
        due_day: Some(1),
        due_days: None,
        first_due: None,
        prorate: false,
        changes: changes
            .into_iter()
            .map(|(effective, a)| ChangeInput {
                effective,
                amount: Decimal::new(a, 2),
                frequency: None,
                due_day: None,
                due_days: None,
                first_due: None,
            })
            .collect(),
    }
}

pub(super) fn input(state: Jurisdiction, as_of: Date, orders: Vec<OrderInput>) -> LedgerInput {
    LedgerInput {
        state,
        as_of: Some(as_of),
        through: None,
        iv_d: false,
        options: LedgerOptions::default(),
        orders,
        payments: vec![],
        fees: vec![],
        judgments: vec![],
        renewals: vec![],
        reversals: vec![],
        moves: vec![],
        opening_balances: vec![],
        lump_sums: vec![],
        report_dates: vec![],
        resume_from: None,
    }
}

pub(super) fn pay(date: Date, cents: i64, tax: bool) -> PaymentInput {
    PaymentInput {
        date,
        amount: Decimal::new(cents, 2),
        source: tax.then(|| "tax_offset".to_string()),
        receipt: None,
        id: None,
        withheld: None,
    }
}

pub(super) fn run(i: &LedgerInput) -> LedgerResult {
    compute_ledger(Rules::embedded(), i).unwrap()
}

#[test]
fn a_tax_offset_never_pays_current_support() {
    let mut i = input(
        Jurisdiction::California,
        d("2025-04-20"),
        vec![order("child", 50_000, d("2025-01-01"), vec![])],
    );
    i.payments.push(pay(d("2025-04-10"), 200_000, true));
    let r = run(&i);
    let line = r
        .lines
        .iter()
        .find(|l| l.event == super::ledger::LineEvent::Payment)
        .unwrap();
    assert!(line.applied.iter().all(|a| a.tier.as_str() != "current"));
    // Jan-Mar principal 1,500, then interest (Jan-Mar at 10% monthly to Apr 10), the rest credit;
    // April's installment stays unpaid.
    assert_eq!(line.applied[0].amount.to_string(), "500.00");
    assert_eq!(line.applied[3].tier.as_str(), "interest");
    let april = r
        .installments
        .iter()
        .find(|v| v.item.id == "orders[0]#4")
        .unwrap();
    assert_eq!(april.unpaid.to_string(), "500.00");
}

#[test]
fn a_texas_judgment_capitalises_interest_and_restarts_the_exclusion() {
    let mut i = input(
        Jurisdiction::Texas,
        d("2026-01-01"),
        vec![order("child", 50_000, d("2025-01-01"), vec![])],
    );
    for m in 4..=12 {
        i.payments
            .push(pay(Date::new(2025, m, 1).unwrap(), 50_000, false));
    }
    i.judgments.push(JudgmentInput {
        date: d("2025-06-30"),
        types: None,
        confirmed: vec![],
    });
    let r = run(&i);
    let j = r
        .lines
        .iter()
        .find(|l| l.reference == "judgments[0]/child")
        .unwrap();
    // TX-15's interest to the start of 2025-06-30: 2.30137 + 1,000 x 0.06 x 90/365 = 17.09589
    // -> 17.10; judgment 1,500 + 17.10 = 1,517.10, bearing 6% on all of it from 2025-06-30
    // (185 days to 2026-01-01): 1,517.10 x 0.06 x 185/365 = 46.1367...
    assert_eq!(j.amount.to_string(), "1517.10");
    assert_eq!(r.totals.balances.confirmed_principal.to_string(), "1517.10");
    assert_eq!(r.totals.balances.unconfirmed_principal.to_string(), "0.00");
    // Cumulative exact: 17.09589 + 46.13671 = 63.23260 -> 63.23 accrued; 17.10 capitalised.
    assert_eq!(r.totals.by_type[0].interest_accrued.to_string(), "63.23");
    assert_eq!(r.totals.balances.interest.to_string(), "46.13");
    // Owed since the oldest installment the judgment confirmed, not the judgment's date.
    assert_eq!(r.totals.owed_since, Some(d("2025-01-01")));
    // Paying 600 more: January's 500 and 100 of February are paid (oldest first within the
    // judgment), so the arrears are owed since February.
    let mut k = i.clone();
    k.as_of = Some(d("2026-01-02"));
    k.payments.push(pay(d("2026-01-01"), 110_000, false));
    let r = run(&k);
    assert_eq!(r.totals.owed_since, Some(d("2025-02-01")));
}

#[test]
fn payment_lines_carry_the_callers_id_and_source_and_a_change_charges_nothing() {
    let mut i = input(
        Jurisdiction::California,
        d("2025-05-01"),
        vec![order(
            "child",
            50_000,
            d("2025-01-01"),
            vec![(d("2025-03-01"), 48_000)],
        )],
    );
    i.payments.push(pay(d("2025-02-10"), 20_000, true));
    i.payments[0].id = Some("EFT-77".into());
    i.payments.push(pay(d("2025-02-10"), 30_000, false));
    i.payments[1].id = Some("CHK-12".into());
    let r = run(&i);
    let pays: Vec<_> = r
        .lines
        .iter()
        .filter(|l| l.event == super::ledger::LineEvent::Payment)
        .collect();
    // Same day, no receipt numbers: by payment ID (CHK-12 before EFT-77), not by listing.
    assert_eq!(pays[0].payment_id.as_deref(), Some("CHK-12"));
    assert_eq!(pays[0].reference, "payments[1]");
    assert_eq!(pays[1].payment_id.as_deref(), Some("EFT-77"));
    assert_eq!(
        pays[1].source,
        Some(super::crediting::PaymentSource::TaxOffset)
    );
    let change = r
        .lines
        .iter()
        .find(|l| l.event == super::ledger::LineEvent::OrderChange)
        .unwrap();
    assert_eq!(change.amount, Money::ZERO);
    assert_eq!(
        change.installment_amount.map(|m| m.to_string()).as_deref(),
        Some("480.00")
    );
    // The change's line comes before the installment it governs, on the same day.
    let k = r
        .lines
        .iter()
        .position(|l| l.event == super::ledger::LineEvent::OrderChange)
        .unwrap();
    assert_eq!(r.lines[k + 1].date, d("2025-03-01"));
    assert_eq!(r.lines[k + 1].amount.to_string(), "480.00");
    // A payment ID used twice is an error naming the second.
    i.payments[1].id = Some("EFT-77".into());
    let e = compute_ledger(Rules::embedded(), &i).unwrap_err();
    assert_eq!(e.field(), Some("payments[1].id"));
}

#[test]
fn a_california_renewal_makes_interest_principal() {
    let mut i = input(
        Jurisdiction::California,
        d("2025-09-01"),
        vec![order("child", 50_000, d("2025-01-01"), vec![])],
    );
    i.orders[0].end = Some(d("2025-01-31"));
    i.renewals.push(RenewalInput {
        date: d("2025-06-30"),
    });
    let r = run(&i);
    // 500 from 2025-01-01, monthly: 5 months to 2025-06-01 = 20.8333, June 1-29 = 29/30 of
    // 4.1667 = 4.0278: 24.8611 -> 24.86 capitalised at the end of 2025-06-30.
    let line = r
        .lines
        .iter()
        .find(|l| l.reference == "renewals[0]/child")
        .unwrap();
    assert_eq!(line.amount.to_string(), "24.86");
    assert_eq!(r.totals.balances.principal.to_string(), "524.86");
}

#[test]
fn errors_name_the_event() {
    let mut i = input(
        Jurisdiction::California,
        d("2025-07-01"),
        vec![order("child", 50_000, d("2025-01-01"), vec![])],
    );
    i.judgments.push(JudgmentInput {
        date: d("2025-03-01"),
        types: None,
        confirmed: vec![],
    });
    let e = compute_ledger(Rules::embedded(), &i).unwrap_err();
    assert_eq!(e.field(), Some("judgments[0]"));
    let mut i = input(
        Jurisdiction::Texas,
        d("2025-07-01"),
        vec![order("child", 50_000, d("2025-01-01"), vec![])],
    );
    i.payments.push(pay(d("2025-02-01"), 100, false));
    i.payments[0].source = Some("lottery".into());
    let e = compute_ledger(Rules::embedded(), &i).unwrap_err();
    assert_eq!(e.field(), Some("payments[0].source"));
}

#[test]
fn rates_apply_by_the_date_interest_accrues() {
    // A rule set where California's rate falls to 5% from 2025-04-01 (illustrative).
    let rules = Rules::from_toml_str(
        r#"
        [[arrears.california_interest]]
        effective_from = "1983-07-01"
        effective_through = "2025-03-31"
        rate = "0.10"
        citation = "CCP §685.010"
        status = "VERIFIED"
        [[arrears.california_interest]]
        effective_from = "2025-04-01"
        rate = "0.05"
        citation = "a later rate (illustrative)"
        status = "UNVERIFIED"
    "#,
    )
    .unwrap();
    let mut i = input(
        Jurisdiction::California,
        d("2025-07-01"),
        vec![order("child", 50_000, d("2025-01-01"), vec![])],
    );
    i.orders[0].end = Some(d("2025-01-31"));
    let r = compute_ledger(&rules, &i).unwrap();
    // 500 due 2025-01-01, from its due date, monthly: Jan-Mar at 10% = 3 x 4.166667 = 12.50;
    // Apr-Jun at 5% = 3 x 2.083333 = 6.25; 18.75 (keyed by due date it would be 25.00).
    assert_eq!(r.totals.balances.interest.to_string(), "18.75");
    // The worksheet names both rates, as percentages, each with its rule's citation (and the
    // later one's status) in the order they applied.
    let step = r.worksheet.get("arrears.rate").unwrap();
    assert_eq!(step.label, "Interest rates (by the date interest accrues)");
    assert_eq!(step.value.to_string(), "10% simple, 5% simple");
    assert_eq!(
        step.citation,
        "10% simple: CCP §685.010; 5% simple: a later rate (illustrative) [UNVERIFIED]"
    );
    // Each month's interest posting cites the rates in force by its date, then reading R-AR-2.
    let posted = |date: &str| {
        let line = r
            .lines
            .iter()
            .find(|l| l.event == super::ledger::LineEvent::Interest && l.date == d(date))
            .unwrap();
        line.citation.clone()
    };
    let r_ar_2 = "library reading R-AR-2: exact simple interest posted as the change in the cumulative total rounded to cents";
    assert_eq!(
        posted("2025-03-31"),
        format!("10% simple: CCP §685.010; {r_ar_2}")
    );
    assert_eq!(
        posted("2025-04-30"),
        format!("10% simple: CCP §685.010; 5% simple: a later rate (illustrative) [UNVERIFIED]; {r_ar_2}")
    );
    // A span no rate covers is an error naming the rule.
    let gap = Rules::from_toml_str(
        r#"
        [[arrears.california_interest]]
        effective_from = "1983-07-01"
        effective_through = "2025-03-31"
        rate = "0.10"
        citation = "CCP §685.010"
        status = "VERIFIED"
    "#,
    )
    .unwrap();
    let e = compute_ledger(&gap, &i).unwrap_err();
    assert_eq!(e.field(), Some("arrears.california_interest"), "{e}");
    assert!(e.to_string().contains("2025-04-01"), "{e}");
}

#[test]
fn a_rate_changing_mid_month_splits_the_month_by_days() {
    // 10% through 2025-03-15, 5% from 2025-03-16 (illustrative). 500 due 2025-01-01: January
    // and February at 10%, 2 x 500 x 0.10 / 12 = 8.333333; March 1-15 at 10%, 15/31 x 4.166667
    // = 2.016129, and March 16-31 at 5%, 16/31 x 2.083333 = 1.075269; April to June at 5%,
    // 3 x 2.083333 = 6.25. In all 17.674731, posted as 17.67.
    let rules = Rules::from_toml_str(
        r#"
        [[arrears.california_interest]]
        effective_from = "1983-07-01"
        effective_through = "2025-03-15"
        rate = "0.10"
        citation = "CCP §685.010"
        status = "VERIFIED"
        [[arrears.california_interest]]
        effective_from = "2025-03-16"
        rate = "0.05"
        citation = "a later rate (illustrative)"
        status = "UNVERIFIED"
    "#,
    )
    .unwrap();
    let mut i = input(
        Jurisdiction::California,
        d("2025-07-01"),
        vec![order("child", 50_000, d("2025-01-01"), vec![])],
    );
    i.orders[0].end = Some(d("2025-01-31"));
    let r = compute_ledger(&rules, &i).unwrap();
    assert_eq!(r.totals.balances.interest.to_string(), "17.67");
}

#[test]
fn hb_4213_as_an_alternative_rule_set_keeps_6_percent_on_older_support() {
    let rules = Rules::from_toml_str(crate::rules::arrears::tests::HB_4213).unwrap();
    // Texas: 1,000 due the 1st, December 2025 to February 2026, nothing paid, as of 2026-05-01.
    let mut i = input(
        Jurisdiction::Texas,
        d("2026-05-01"),
        vec![order("child", 100_000, d("2025-12-01"), vec![])],
    );
    i.orders[0].end = Some(d("2026-02-28"));
    // Delinquent: Dec 1 -> Jan 1, Jan 1 -> Feb 1, Feb 1 -> Mar 4. One month's obligation (the
    // last amount after the order ends) 1,000, excluded from the newest delinquent first.
    // Jan: 0. Feb 1 - Mar 3 (31 days): December's 1,000 at 6% = 5.095890. Mar 4 - Apr 30
    // (58 days): December's 1,000 at 6% = 9.534247 and January's 1,000 (due in 2026) at the
    // rate of the period its interest accrues in, 7.5% = 11.917808. 26.547945 -> 26.55.
    let r = compute_ledger(&rules, &i).unwrap();
    assert_eq!(r.totals.balances.interest.to_string(), "26.55");
    // The default rules: 6% on both, 5.095890 + 2,000 x 0.06 x 58/365 = 24.164384 -> 24.16.
    assert_eq!(run(&i).totals.balances.interest.to_string(), "24.16");
}

#[test]
fn the_excluded_month_is_taken_from_the_newest_delinquent_group_first_then_the_next() {
    // §157.265(a): interest on the delinquent amount above one month's obligation, the newest
    // delinquent amounts excluded first. With H.B. 4213 written as rules, support due in 2025
    // (6%) and in 2026 (7.5% while it accrues in the first half of 2026) bear interest apart.
    let rules = Rules::from_toml_str(crate::rules::arrears::tests::HB_4213).unwrap();
    // 1,000 due the 1st, November 2025 to January 2026; 700 paid 2026-01-01 goes to January
    // (current support first, §157.268), leaving 300 of it unpaid. As of 2026-03-01.
    let mut i = input(
        Jurisdiction::Texas,
        d("2026-03-01"),
        vec![order("child", 100_000, d("2025-11-01"), vec![])],
    );
    i.orders[0].end = Some(d("2026-01-31"));
    i.payments = vec![pay(d("2026-01-01"), 70_000, false)];
    // Delinquent from the 31st day after the due date (§157.266(a)): November from Dec 2,
    // December from Jan 1, January's 300 from Feb 1. One month's obligation is 1,000 (the last
    // amount after the order ends).
    // Dec 2-31: 1,000 delinquent, all excluded: 0.
    // Jan 1-31 (31 days): 2,000 (due in 2025), 1,000 excluded: 1,000 x 0.06 x 31/365.
    // Feb 1-28 (28 days): January's 300 (due in 2026, the newest) excluded whole, the other
    // 700 of the month from the 2025 amounts: 1,300 x 0.06 x 28/365; the 2026 amount earns 0.
    // (60 x 31 + 78 x 28) / 365 = 4,044/365 = 11.079452 -> 11.08. Excluding the oldest first
    // would give 11.42; taking the whole month again from the 2025 amounts, 8.32.
    let r = compute_ledger(&rules, &i).unwrap();
    assert_eq!(r.totals.balances.interest.to_string(), "11.08");
    assert_eq!(r.totals.balances.principal.to_string(), "2300.00");
}

#[test]
fn the_totals_count_what_each_tier_received() {
    // Texas, 500 due the 20th from 2025-01-20; 800 received 2025-02-10. §157.268 (from 2010):
    // current support first (February's installment, due later in the payment's month): 500;
    // then non-delinquent support (January's, delinquent only from Feb 20, §157.266(a)): 300.
    let mut i = input(
        Jurisdiction::Texas,
        d("2025-02-11"),
        vec![order("child", 50_000, d("2025-01-20"), vec![])],
    );
    i.orders[0].due_day = Some(20);
    i.payments = vec![pay(d("2025-02-10"), 80_000, false)];
    let c = &run(&i).totals.counters;
    assert_eq!(c.paid, Money::from_cents(80_000));
    assert_eq!(c.applied_current, Money::from_cents(50_000));
    assert_eq!(c.applied_non_delinquent, Money::from_cents(30_000));
    assert_eq!(c.applied_principal, Money::ZERO);
}

#[test]
fn a_reversed_payment_is_as_if_never_credited_and_later_payments_move() {
    // California, IV-D, monthly day count: 500 due the 1st from 2025-01-01. CHK-1 800 on
    // 2025-02-10, EFT-2 900 on 2025-03-10; CHK-1 comes back NSF on 2025-02-20.
    let mut i = input(
        Jurisdiction::California,
        d("2025-03-11"),
        vec![order("child", 50_000, d("2025-01-01"), vec![])],
    );
    i.iv_d = true;
    i.payments.push(pay(d("2025-02-10"), 80_000, false));
    i.payments[0].id = Some("CHK-1".into());
    i.payments.push(pay(d("2025-03-10"), 90_000, false));
    i.payments[1].id = Some("EFT-2".into());
    i.reversals.push(ReversalInput {
        payment_id: "CHK-1".into(),
        date: d("2025-02-20"),
        reason: "NSF".into(),
    });
    let r = run(&i);
    // As first credited, CHK-1 paid February's installment (current, 500) and 300 of
    // January's (principal, oldest first): that is what the reversal takes back.
    let rev = &r.reversals[0];
    assert_eq!(rev.payment_id, "CHK-1");
    let applied: Vec<_> = rev
        .applied
        .iter()
        .map(|a| (a.item.clone().unwrap(), a.amount.to_string()))
        .collect();
    assert_eq!(
        applied,
        [
            ("orders[0]#2".to_string(), "500.00".to_string()),
            ("orders[0]#1".to_string(), "300.00".to_string())
        ]
    );
    // Without it, EFT-2 pays March (current, 500) and 400 of January (principal): it moved.
    let eft = r
        .lines
        .iter()
        .find(|l| {
            l.payment_id.as_deref() == Some("EFT-2") && l.event == super::ledger::LineEvent::Payment
        })
        .unwrap();
    let applied: Vec<_> = eft
        .applied
        .iter()
        .map(|a| (a.item.clone().unwrap(), a.amount.to_string()))
        .collect();
    assert_eq!(
        applied,
        [
            ("orders[0]#3".to_string(), "500.00".to_string()),
            ("orders[0]#1".to_string(), "400.00".to_string())
        ]
    );
    assert!(r
        .moved
        .iter()
        .any(|m| m.payment_id.as_deref() == Some("EFT-2")));
    assert!(r
        .lines
        .iter()
        .any(|l| l.event == super::ledger::LineEvent::Reversal
            && l.date == d("2025-02-20")
            && l.amount.to_string() == "800.00"));
    // Principal as of 2025-03-11: January 100 + February 500 = 600. Interest (each installment
    // from the 1st of the next month, 10%/12 a month, days/days-in-month for part of one):
    // January's 500 all February 4.166667, March 1-9 (9/31) 1.209677, then 100 for March 10
    // (1/31) 0.026882; February's 500 March 1-10 (10/31) 1.344086: 6.747312 -> 6.75.
    assert_eq!(r.totals.balances.principal.to_string(), "600.00");
    assert_eq!(r.totals.balances.interest.to_string(), "6.75");
    // Errors name their field.
    let mut bad = i.clone();
    bad.reversals[0].payment_id = "CHK-9".into();
    let e = compute_ledger(Rules::embedded(), &bad).unwrap_err();
    assert_eq!(e.field(), Some("reversals[0].payment_id"));
    let mut bad = i.clone();
    bad.reversals[0].date = d("2025-02-01");
    let e = compute_ledger(Rules::embedded(), &bad).unwrap_err();
    assert_eq!(e.field(), Some("reversals[0].date"));
    let mut bad = i.clone();
    bad.reversals[0].reason = " ".into();
    let e = compute_ledger(Rules::embedded(), &bad).unwrap_err();
    assert_eq!(e.field(), Some("reversals[0].reason"));
}

fn check_invariants(r: &LedgerResult) -> Result<(), TestCaseError> {
    // Every period's postings reconcile: the postings sum to the cumulative rounded interest,
    // and the last period closes with the unpaid interest of the totals.
    // (Interest carried over in an opening balance is accrued but was posted elsewhere.)
    let posted: Money = r.periods.iter().map(|p| p.interest_posted).sum();
    let accrued: Money = r.totals.by_type.iter().map(|t| t.interest_accrued).sum();
    let carried: Money = r
        .lines
        .iter()
        .filter(|l| l.event == super::ledger::LineEvent::OpeningBalance)
        .map(|l| {
            let principal = r
                .installments
                .iter()
                .find(|v| v.item.id.starts_with(&format!("{}/", l.reference)))
                .map_or(Money::ZERO, |v| v.item.amount);
            l.amount - principal
        })
        .sum();
    prop_assert_eq!(posted + carried, accrued);
    if let Some(last) = r.periods.last() {
        prop_assert_eq!(&last.closing, &r.totals.balances);
    }
    let c = &r.totals.counters;
    // Every cent paid is applied or carried forward.
    let from_payments = (c.applied_current - c.credit_applied)
        + c.applied_non_delinquent
        + c.applied_principal
        + c.applied_interest
        + c.applied_fees
        + c.carried_to_credit;
    prop_assert_eq!(from_payments, c.paid);
    prop_assert_eq!(
        r.totals.balances.credit,
        c.carried_to_credit - c.credit_applied
    );
    for l in &r.lines {
        if l.event == super::ledger::LineEvent::Payment {
            let applied: Money = l.applied.iter().map(|a| a.amount).sum();
            prop_assert_eq!(applied + l.to_credit, l.amount);
        }
        let b = &l.balances;
        for v in [
            b.principal,
            b.unconfirmed_principal,
            b.confirmed_principal,
            b.interest,
            b.fees,
            b.credit,
        ] {
            prop_assert!(v >= Money::ZERO, "negative balance on {:?}", l);
        }
    }
    for it in &r.installments {
        // What is unpaid is what fell due less what was paid or confirmed, and a payment never
        // pays more than an item's amount: the unpaid part is between zero and the amount.
        prop_assert_eq!(it.unpaid, it.item.amount - it.item.paid - it.item.confirmed);
        prop_assert!(
            it.unpaid >= Money::ZERO && it.unpaid <= it.item.amount,
            "{:?}",
            it
        );
        prop_assert!(
            it.item.paid >= Money::ZERO && it.item.paid <= it.item.amount,
            "{:?}",
            it
        );
    }
    // Every payment is applied in the statutory order in force on its date, written here from
    // the statutes (not read from the rules): within a payment, (tier rank, type rank) never
    // goes back. The generated ledgers start in 2020, after both changes of order.
    let rank = |t: Tier| -> usize {
        let order: &[Tier] = match r.state {
            // CCP §695.221 (AB 2669, payments from 2009-01-01), then fees.
            Jurisdiction::California => {
                &[Tier::Current, Tier::Principal, Tier::Interest, Tier::Fees]
            }
            // Tex. Fam. Code §157.268(1)-(6) (SB 865, collected from 2010-01-01).
            Jurisdiction::Texas => &[
                Tier::Current,
                Tier::NonDelinquent,
                Tier::UnconfirmedPrincipal,
                Tier::ConfirmedPrincipal,
                Tier::Interest,
                Tier::Fees,
            ],
        };
        order
            .iter()
            .position(|&o| o == t)
            .unwrap_or_else(|| panic!("tier {t:?} is not in the {:?} order", r.state))
    };
    let type_rank = |ty: Option<super::ObligationType>| {
        ty.map_or(0, |ty| {
            r.settings.type_order.iter().position(|&o| o == ty).unwrap()
        })
    };
    for l in &r.lines {
        if l.event != super::ledger::LineEvent::Payment {
            continue;
        }
        let keys: Vec<(usize, usize)> = l
            .applied
            .iter()
            .map(|a| (rank(a.tier), type_rank(a.obligation_type)))
            .collect();
        prop_assert!(
            keys.windows(2).all(|w| w[0] <= w[1]),
            "payment applied out of the statutory order: {:?}",
            l.applied
        );
        if l.source == Some(super::crediting::PaymentSource::TaxOffset) {
            // A tax offset pays arrears only, never current support (README reading).
            prop_assert!(l.applied.iter().all(|a| a.tier != Tier::Current));
        }
    }
    Ok(())
}

#[derive(Debug, Clone)]
struct Case {
    state: Jurisdiction,
    iv_d: bool,
    actual: bool,
    amount: i64,
    change: Option<(i64, i64)>,
    medical: Option<i64>,
    payments: Vec<(i64, i64, bool)>,
    event_day: Option<i64>,
    as_of_day: i64,
    /// A converted case: an opening balance (day, principal, interest in cents).
    opening: Option<(i64, i64, i64)>,
    /// A lump-sum judgment (day, cents).
    lump_sum: Option<(i64, i64)>,
}

fn case_strategy() -> impl Strategy<Value = Case> {
    (
        prop_oneof![Just(Jurisdiction::California), Just(Jurisdiction::Texas)],
        any::<bool>(),
        any::<bool>(),
        1_000i64..200_000,
        proptest::option::of((40i64..900, 1_000i64..200_000)),
        proptest::option::of(500i64..50_000),
        proptest::collection::btree_map(
            0i64..1_000,
            (1i64..300_000, proptest::bool::weighted(0.1)),
            0..25,
        ),
        proptest::option::of(30i64..1_000),
        200i64..1_100,
        proptest::option::weighted(0.2, (0i64..200, 0i64..2_000_000, 0i64..300_000)),
        proptest::option::weighted(0.2, (0i64..1_000, 1i64..1_000_000)),
    )
        .prop_map(
            |(
                state,
                iv_d,
                actual,
                amount,
                change,
                medical,
                pays,
                event_day,
                as_of_day,
                opening,
                lump_sum,
            )| Case {
                state,
                iv_d,
                actual,
                amount,
                change,
                medical,
                payments: pays.into_iter().map(|(day, (c, t))| (day, c, t)).collect(),
                event_day,
                as_of_day,
                opening,
                lump_sum,
            },
        )
}

fn build(c: &Case) -> LedgerInput {
    let base = d("2020-01-01");
    let at = |n: i64| base.add_days(n).unwrap();
    let mut orders = vec![order(
        "child",
        c.amount,
        base,
        c.change
            .map(|(day, a)| vec![(at(day), a)])
            .unwrap_or_default(),
    )];
    if let Some(m) = c.medical {
        orders.push(order("medical", m, at(20), vec![]));
    }
    let mut i = input(c.state, at(c.as_of_day), orders);
    i.iv_d = c.iv_d;
    if c.actual {
        i.options.day_count = Some(super::interest::DayCount::Actual365);
    }
    i.payments = c
        .payments
        .iter()
        .map(|(day, cents, tax)| pay(at(*day), *cents, *tax))
        .collect();
    if let Some(day) = c.event_day {
        match c.state {
            Jurisdiction::Texas => i.judgments.push(JudgmentInput {
                date: at(day),
                types: None,
                confirmed: vec![],
            }),
            Jurisdiction::California => i.renewals.push(RenewalInput { date: at(day) }),
        }
    }
    if let Some((day, principal, int)) = c.opening {
        // Converted on that day: nothing before it is in the ledger but the balance.
        let od = at(day);
        i.opening_balances.push(super::ledger::OpeningBalanceInput {
            date: od,
            obligation_type: None,
            principal: Decimal::new(principal, 2),
            interest: Decimal::new(int, 2),
            owed_since: Some(base),
            confirmed: false,
            interest_free: None,
        });
        i.payments.retain(|p| p.date >= od);
        i.judgments.retain(|j| j.date >= od);
        i.renewals.retain(|r| r.date >= od);
    }
    if let Some((day, cents)) = c.lump_sum {
        let date = at(day);
        if i.opening_balances.first().is_none_or(|b| b.date <= date) {
            i.lump_sums.push(super::ledger::LumpSumInput {
                date,
                obligation_type: None,
                amount: Decimal::new(cents, 2),
                description: None,
                owed_since: None,
            });
        }
    }
    i
}

fn comparable(r: &LedgerResult) -> serde_json::Value {
    let mut v = serde_json::to_value(r).unwrap();
    // Payment lines name their input position; the rest of the ledger must not depend on it.
    for l in v["lines"].as_array_mut().unwrap() {
        if l["event"] == "payment"
            || l["reference"]
                .as_str()
                .is_some_and(|s| s.starts_with("payments["))
        {
            l["reference"] = "payment".into();
        }
    }
    v
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn the_lean_totals_are_the_ledgers(c in case_strategy(), reports in proptest::collection::vec(0i64..1_100, 0..3)) {
        let mut i = build(&c);
        i.report_dates = reports
            .iter()
            .map(|n| d("2020-01-01").add_days(*n).unwrap())
            .filter(|r| Some(*r) <= i.as_of)
            .collect();
        let whole = run(&i);
        let lean = super::ledger::compute_totals(Rules::embedded(), &i).unwrap();
        prop_assert_eq!(&lean.totals, &whole.totals);
        prop_assert_eq!(&lean.snapshots, &whole.snapshots);
    }

    #[test]
    fn every_cent_is_applied_and_no_balance_goes_negative(c in case_strategy()) {
        let r = run(&build(&c));
        check_invariants(&r)?;
    }

    #[test]
    fn payment_input_order_does_not_matter_on_different_days(c in case_strategy(), seed in any::<u64>()) {
        let a = build(&c);
        let mut b = a.clone();
        // A deterministic shuffle (payments are on different days).
        let n = b.payments.len();
        let mut s = seed;
        for k in (1..n).rev() {
            s = s.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            b.payments.swap(k, (s >> 33) as usize % (k + 1));
        }
        prop_assert_eq!(comparable(&run(&a)), comparable(&run(&b)));
    }

    #[test]
    fn listing_order_does_not_matter_for_same_day_payments(
        c in case_strategy(),
        days in proptest::collection::vec((0i64..4, 1i64..90_000, any::<bool>(), proptest::option::of(0u32..3)), 1..12),
        seed in any::<u64>(),
    ) {
        // Payments on a few days, several a day, each with an ID, some with receipt numbers.
        let mut a = build(&c);
        a.payments = days
            .iter()
            .enumerate()
            .map(|(k, (day, cents, tax, receipt))| {
                let mut p = pay(d("2020-03-01").add_days(*day * 20).unwrap(), *cents, *tax);
                p.id = Some(format!("P{:03}", (k * 7919) % 1000));
                p.receipt = *receipt;
                p
            })
            .collect();
        if let Some(b) = a.opening_balances.first() {
            let od = b.date;
            a.payments.retain(|p| p.date >= od);
        }
        let mut b = a.clone();
        let n = b.payments.len();
        let mut s = seed;
        for k in (1..n).rev() {
            s = s.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            b.payments.swap(k, (s >> 33) as usize % (k + 1));
        }
        let (ra, rb) = (run(&a), run(&b));
        check_invariants(&ra)?;
        prop_assert_eq!(comparable(&ra), comparable(&rb));
    }

    #[test]
    fn reversing_a_payment_and_posting_it_again_gives_the_original_ledger(
        c in case_strategy(),
        pick in any::<proptest::sample::Index>(),
        later in 0i64..60,
    ) {
        let mut a = build(&c);
        prop_assume!(!a.payments.is_empty());
        for (k, p) in a.payments.iter_mut().enumerate() {
            p.id = Some(format!("P{k:03}"));
        }
        let original = run(&a);
        let k = pick.index(a.payments.len());
        let p = a.payments[k].clone();
        let mut b = a.clone();
        b.reversals.push(ReversalInput {
            payment_id: p.id.clone().unwrap(),
            date: p.date.add_days(later).unwrap(),
            reason: "NSF".into(),
        });
        let mut again = p.clone();
        again.id = Some(format!("{}/again", p.id.as_deref().unwrap()));
        b.payments.push(again);
        let reposted = run(&b);
        check_invariants(&reposted)?;
        let norm = |r: &LedgerResult| {
            let mut v = comparable(r);
            let o = v.as_object_mut().unwrap();
            o.remove("reversals");
            o.remove("moved");
            // The requests differ (a reversal, a payment posted again), so do their
            // checkpoints' fingerprints and seals; the ledgers must not.
            let saved = o["saved_state"].as_object_mut().unwrap();
            for k in ["consumed", "fingerprint", "seal"] {
                saved.remove(k);
            }
            let lines = o["lines"].as_array_mut().unwrap();
            lines.retain(|l| l["event"] != "reversal");
            for l in lines.iter_mut() {
                if let Some(id) = l["payment_id"].as_str() {
                    l["payment_id"] = id.trim_end_matches("/again").into();
                }
            }
            v
        };
        prop_assert_eq!(norm(&original), norm(&reposted));
    }

    #[test]
    fn resuming_from_a_saved_state_gives_the_same_ledger(c in case_strategy(), cut in 1i64..1_100) {
        let full_input = build(&c);
        let full = run(&full_input);
        let cut = d("2020-01-01").add_days(cut.min(c.as_of_day)).unwrap();
        let mut first = full_input.clone();
        first.as_of = Some(cut);
        let saved = run(&first).saved_state;
        // Through JSON, as a caller would keep it.
        let text = serde_json::to_string(&saved).unwrap();
        let mut second = full_input.clone();
        second.resume_from = Some(serde_json::from_str(&text).unwrap());
        let resumed = run(&second);
        prop_assert_eq!(&resumed.totals, &full.totals);
        prop_assert_eq!(&resumed.saved_state, &full.saved_state);
        let tail: Vec<_> = full.lines.iter().filter(|l| l.date >= cut).cloned().collect();
        prop_assert_eq!(resumed.lines, tail);
    }
}

#[test]
fn a_history_of_centuries_is_refused_not_computed() {
    // A mistyped as_of (2990 for 2090) would make a ledger of 50,000 weekly installments.
    let req = r#"{"kind":"arrears_ledger","input":{"state":"california","as_of":"2990-01-01",
        "orders":[{"frequency":"weekly","amount":"100","start":"2002-01-01"}]}}"#;
    let out: serde_json::Value =
        serde_json::from_str(&crate::api::respond(crate::Rules::embedded(), req)).unwrap();
    assert_eq!(out["error"]["field"].as_str(), Some("as_of"));
    assert_eq!(out["error"]["code"].as_str(), Some("invalid_input"));
    // Asked "through" a day, the error names through; both or neither is an error too.
    let req = r#"{"kind":"arrears_ledger","input":{"state":"california","through":"2989-12-31",
        "orders":[{"frequency":"weekly","amount":"100","start":"2002-01-01"}]}}"#;
    let out: serde_json::Value =
        serde_json::from_str(&crate::api::respond(crate::Rules::embedded(), req)).unwrap();
    assert_eq!(out["error"]["field"].as_str(), Some("through"));
    let req = r#"{"kind":"arrears_ledger","input":{"state":"california","through":"2020-12-31",
        "as_of":"2021-01-01","orders":[{"frequency":"weekly","amount":"100","start":"2020-01-01"}]}}"#;
    let out: serde_json::Value =
        serde_json::from_str(&crate::api::respond(crate::Rules::embedded(), req)).unwrap();
    assert_eq!(out["error"]["field"].as_str(), Some("through"));
    let req = r#"{"kind":"arrears_ledger","input":{"state":"california",
        "orders":[{"frequency":"weekly","amount":"100","start":"2020-01-01"}]}}"#;
    let out: serde_json::Value =
        serde_json::from_str(&crate::api::respond(crate::Rules::embedded(), req)).unwrap();
    assert_eq!(out["error"]["field"].as_str(), Some("as_of"));
}
