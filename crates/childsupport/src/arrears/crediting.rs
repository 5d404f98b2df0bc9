//! The statutory order in which a payment is applied.
//!
//! - California, CCP §695.221: from 2009-01-01 current support, principal (oldest installment
//!   first), then interest; before 2009 current support, interest, then principal in the order
//!   the installments matured.
//! - Texas, Fam. Code §157.268: from 2010-01-01 current support, non-delinquent support,
//!   unconfirmed principal, confirmed principal (judgments), interest, fees; before 2010 interest
//!   came ahead of principal.
//!
//! The orders are rules data (`arrears.california_crediting`, `arrears.texas_crediting`), chosen
//! by the date the payment is received (or by a caller-given date, to audit a payment under
//! another law). Readings (spec/README.md): current support is the installments due in the
//! payment's calendar month, even if due later in it; within each tier child support, then
//! medical (Texas: then dental), then spousal; a tax-offset payment pays arrears only (the
//! principal tiers in the state's order, then interest) and never current support or fees.
//!
//! The engine's crediting stage is here too: a payment applied tier by tier, and credit carried
//! forward applied to installments as they fall due.

use serde::{Deserialize, Serialize};

use super::ledger::Engine;
use super::report::{Application, Line, LineEvent};
use super::state::ItemKind;
use super::{Jurisdiction, ObligationType};
use crate::date::Date;
use crate::error::Error;
use crate::money::Money;
use crate::rules::arrears::{CreditingOrder, Tier};
use crate::rules::{in_force, Rules};

/// Where a payment comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum PaymentSource {
    /// Any ordinary payment (wage withholding, direct payment): the statutory order.
    #[default]
    Regular,
    /// A federal or state tax-refund offset: arrears only, principal then interest.
    TaxOffset,
}

impl PaymentSource {
    /// Parses a source named in a request.
    pub fn parse(field: &str, text: &str) -> Result<PaymentSource, Error> {
        match text {
            "regular" => Ok(PaymentSource::Regular),
            "tax_offset" => Ok(PaymentSource::TaxOffset),
            _ => Err(Error::invalid(
                field,
                text,
                "a payment source: regular or tax_offset",
            )),
        }
    }
}

/// The crediting order in force for a payment received on `date`.
pub fn order_on(rules: &Rules, state: Jurisdiction, date: Date) -> Result<&CreditingOrder, Error> {
    match state {
        Jurisdiction::California => in_force(
            &rules.arrears.california_crediting,
            "arrears.california_crediting",
            date,
        ),
        Jurisdiction::Texas => in_force(
            &rules.arrears.texas_crediting,
            "arrears.texas_crediting",
            date,
        ),
    }
}

/// The tiers a payment from `source` goes through, given the statutory `order`.
pub fn tiers(order: &CreditingOrder, source: PaymentSource) -> Vec<Tier> {
    match source {
        PaymentSource::Regular => order.order.clone(),
        PaymentSource::TaxOffset => {
            let mut out: Vec<Tier> = order
                .order
                .iter()
                .copied()
                .filter(|t| {
                    matches!(
                        t,
                        Tier::NonDelinquent
                            | Tier::Principal
                            | Tier::UnconfirmedPrincipal
                            | Tier::ConfirmedPrincipal
                    )
                })
                .collect();
            out.push(Tier::Interest);
            out
        }
    }
}

/// The citation of a tax-offset's order.
pub const TAX_OFFSET_READING: &str =
    "library reading R-AR-3: a tax offset pays arrears only (principal, then interest), never current support";

impl<'a> Engine<'a> {
    pub(super) fn fall_due(&mut self, idx: usize, date: Date) -> Result<(), Error> {
        let (amount, ty, id, interest_from) = {
            let it = &self.s.items[idx];
            (
                it.amount,
                it.obligation_type,
                it.id.clone(),
                it.interest_from,
            )
        };
        self.s.counters.due = self.s.counters.due + amount;
        let mut applied = Vec::new();
        let unpaid = self.s.items[idx].unpaid();
        if !self.s.credit.is_zero() && !unpaid.is_zero() {
            let x = self.s.credit.min(unpaid);
            self.book.pay(&mut self.s.items, idx, x);
            self.s.credit = self.s.credit - x;
            self.s.counters.credit_applied = self.s.counters.credit_applied + x;
            self.s.counters.applied_current = self.s.counters.applied_current + x;
            applied.push(Application {
                tier: Tier::Current,
                obligation_type: Some(ty),
                item: Some(id.clone()),
                due: Some(date),
                amount: x,
                from_credit: true,
            });
        }
        let prepaid = amount - unpaid;
        self.book.fall(&self.s.items, idx);
        if !self.trace {
            return Ok(());
        }
        let balances = self.balances();
        let source = self
            .inst_meta
            .get(idx)
            .and_then(|&m| self.schedule.installments.get(m))
            .map(|i| (i.source.clone(), i.prorated))
            .unwrap_or_default();
        let interest_note = match self.state {
            Jurisdiction::California => format!(
                "Code Civ. Proc. §685.020(b): interest from {interest_from}{}",
                if interest_from != date { " (Fam. Code §17433.5)" } else { "" }
            ),
            Jurisdiction::Texas => format!(
                "Tex. Fam. Code §157.261(a), §157.266(a): delinquent (interest-bearing above one month's obligation, §157.265(a)) from {interest_from}"
            ),
        };
        let mut citation = format!(
            "{} ({}); {interest_note}",
            source.0,
            if source.1 {
                "prorated partial month"
            } else {
                "installment"
            }
        );
        if !applied.is_empty() {
            citation.push_str(
                "; library reading R-AR-3: credit carried forward applied as installments fall due",
            );
        }
        self.lines.push(Line {
            date,
            event: LineEvent::Installment,
            reference: id,
            obligation_type: Some(ty),
            payment_id: None,
            source: None,
            installment_amount: None,
            description: if prepaid.is_zero() {
                format!("{ty} support installment due")
            } else {
                format!("{ty} support installment due ({prepaid} paid in advance)")
            },
            amount,
            applied,
            to_credit: Money::ZERO,
            balances,
            citation,
        });
        Ok(())
    }

    /// Applies payment `i`, received on `date`, in the statutory order in force that day.
    pub(super) fn pay(&mut self, i: usize, date: Date) -> Result<(), Error> {
        let (amount, source) = self.payments[i];
        // A payment moved to the obligation it belonged to is applied to that type only.
        let only = if self.reversing {
            self.moved_payment
                .get(i)
                .and_then(|&m| self.move_types.get(m).copied().flatten())
        } else {
            None
        };
        let types: Vec<ObligationType> = self
            .type_order
            .iter()
            .copied()
            .filter(|t| only.is_none_or(|o| o == *t))
            .collect();
        for ty in self.type_order.clone() {
            self.post_for(ty, date, "interest to the payment date", None, Some(i))?;
        }
        let order = order_on(
            self.rules,
            self.state,
            self.input.options.crediting_date.unwrap_or(date),
        )?;
        let tier_list = tiers(order, source);
        let mut cite = order.validity.cite();
        if !self.crediting_cites.contains(&cite) {
            self.crediting_cites.push(cite.clone());
        }
        if source == PaymentSource::TaxOffset {
            cite = format!("{TAX_OFFSET_READING}; {cite}");
        }
        if let Some(t) = only {
            cite = format!("{cite}; library reading R-AR-7: a payment moved to the obligation it belonged to ({t} support) is applied to that obligation only, as when received");
        }
        let mut left = amount;
        let mut applied = Vec::new();
        for tier in tier_list {
            if left.is_zero() {
                break;
            }
            match tier {
                Tier::Interest => {
                    for ty in types.iter().copied() {
                        let owed = self.s.interest[ty.index()].unpaid();
                        let x = owed.min(left);
                        if x.is_zero() {
                            continue;
                        }
                        self.s.interest[ty.index()].paid = self.s.interest[ty.index()].paid + x;
                        left = left - x;
                        self.s.counters.applied_interest = self.s.counters.applied_interest + x;
                        applied.push(Application {
                            tier,
                            obligation_type: Some(ty),
                            item: None,
                            due: None,
                            amount: x,
                            from_credit: false,
                        });
                    }
                }
                Tier::Fees if only.is_some() => {}
                Tier::Fees => {
                    let owed = self.s.counters.fees_assessed - self.s.fees_paid;
                    let x = owed.min(left);
                    if !x.is_zero() {
                        self.s.fees_paid = self.s.fees_paid + x;
                        left = left - x;
                        self.s.counters.applied_fees = self.s.counters.applied_fees + x;
                        applied.push(Application {
                            tier,
                            obligation_type: None,
                            item: None,
                            due: None,
                            amount: x,
                            from_credit: false,
                        });
                    }
                }
                _ => {
                    for &ty in &types {
                        if left.is_zero() {
                            break;
                        }
                        self.pay_tier(tier, ty, date, &mut left, &mut applied);
                    }
                }
            }
        }
        self.s.credit = self.s.credit + left;
        self.s.counters.carried_to_credit = self.s.counters.carried_to_credit + left;
        self.s.counters.paid = self.s.counters.paid + amount;
        self.s.consumed.payments += 1;
        if !self.trace {
            return Ok(());
        }
        if !left.is_zero() {
            cite.push_str("; library reading R-AR-3: overpayment carried forward and applied as installments fall due");
        }
        let balances = self.balances();
        self.lines.push(Line {
            date,
            event: LineEvent::Payment,
            reference: format!("payments[{i}]"),
            obligation_type: None,
            payment_id: self.input.payments[i].id.clone(),
            source: Some(source),
            installment_amount: None,
            description: {
                let p = &self.input.payments[i];
                let what = match source {
                    PaymentSource::Regular => "payment received",
                    PaymentSource::TaxOffset => "tax-offset payment received",
                };
                match p.withheld {
                    Some(w) if date != p.date => format!(
                        "{what} {} (withheld {w}: the date of collection, 45 CFR 302.51(a)(4)(ii))",
                        p.date
                    ),
                    Some(w) => format!("{what} (withheld {w})"),
                    None => what.to_string(),
                }
            },
            amount,
            applied,
            to_credit: left,
            balances,
            citation: cite,
        });
        Ok(())
    }

    /// Applies `left` to one tier's unpaid items of type `ty`, in the order they are paid
    /// (oldest first), stopping when the money runs out: each item is reached through the
    /// pointer to the oldest unpaid installment or a search by due date, never a rescan.
    fn pay_tier(
        &mut self,
        tier: Tier,
        ty: ObligationType,
        date: Date,
        left: &mut Money,
        applied: &mut Vec<Application>,
    ) {
        let k = ty.index();
        let month = date.first_of_month();
        match tier {
            Tier::Current => {
                let (a, b) = match month.first_of_next_month() {
                    Ok(next) => self.book.due_between(&self.s.items, k, month, next),
                    Err(_) => {
                        let (a, _) = self.book.due_between(&self.s.items, k, month, month);
                        (a, self.book.inst[k].len())
                    }
                };
                for p in a..b {
                    let idx = self.book.inst[k][p];
                    // Current support is installments, never a carried-over balance.
                    if self.s.items[idx].kind != ItemKind::Installment {
                        continue;
                    }
                    if !self.apply(idx, tier, left, applied) {
                        break;
                    }
                }
            }
            Tier::NonDelinquent => {
                let from = date.add_days(-self.max_lag).unwrap_or(month);
                let (a, b) = self
                    .book
                    .due_between(&self.s.items, k, from, month.min(date));
                for p in a..b {
                    let idx = self.book.inst[k][p];
                    if self.s.items[idx].kind == ItemKind::Installment
                        && date < self.s.items[idx].interest_from
                        && !self.apply(idx, tier, left, applied)
                    {
                        break;
                    }
                }
            }
            Tier::UnconfirmedPrincipal => {
                let mut p = self.book.oldest_unpaid(&self.s.items, k);
                while let Some(&idx) = self.book.inst[k].get(p) {
                    if self.s.items[idx].due >= month {
                        break;
                    }
                    // Delinquent installments; a carried-over balance is arrears already.
                    let it = &self.s.items[idx];
                    if (it.kind == ItemKind::Opening || it.interest_from <= date)
                        && !self.apply(idx, tier, left, applied)
                    {
                        break;
                    }
                    p += 1;
                }
            }
            Tier::ConfirmedPrincipal => {
                for e in 0..self.book.extra[k].len() {
                    let idx = self.book.extra[k][e];
                    let it = &self.s.items[idx];
                    if it.kind == ItemKind::Judgment
                        && it.due <= date
                        && !self.apply(idx, tier, left, applied)
                    {
                        break;
                    }
                }
            }
            Tier::Principal => {
                // Installments before this month and judgments or renewals to date, merged
                // oldest first (an installment before a renewal of the same day).
                let mut p = self.book.oldest_unpaid(&self.s.items, k);
                let mut e = 0;
                loop {
                    let inst = self.book.inst[k]
                        .get(p)
                        .copied()
                        .filter(|&i| self.s.items[i].due < month);
                    let extra = self.book.extra[k]
                        .get(e)
                        .copied()
                        .filter(|&i| self.s.items[i].due <= date);
                    let idx = match (inst, extra) {
                        (Some(i), Some(x)) if self.s.items[x].due < self.s.items[i].due => {
                            e += 1;
                            x
                        }
                        (Some(i), _) => {
                            p += 1;
                            i
                        }
                        (None, Some(x)) => {
                            e += 1;
                            x
                        }
                        (None, None) => break,
                    };
                    if !self.apply(idx, tier, left, applied) {
                        break;
                    }
                }
            }
            Tier::Interest | Tier::Fees => {}
        }
    }

    /// Records the reversal `r` of a payment on `date`: the payment was never credited (the
    /// ledger leaves it out), so the line only says so.
    pub(super) fn reversal(&mut self, r: usize, date: Date) -> Result<(), Error> {
        if !self.trace {
            return Ok(());
        }
        let rev = &self.input.reversals[r];
        let p = self
            .reversed_payment
            .iter()
            .position(|&x| x == r)
            .unwrap_or(usize::MAX);
        let (amount, source) = self
            .payments
            .get(p)
            .copied()
            .unwrap_or((Money::ZERO, PaymentSource::Regular));
        let paid_on = self.input.payments.get(p).map(|q| q.date);
        let balances = self.balances();
        self.lines.push(Line {
            date,
            event: LineEvent::Reversal,
            reference: format!("reversals[{r}]"),
            obligation_type: None,
            payment_id: Some(rev.payment_id.clone()),
            source: Some(source),
            installment_amount: None,
            description: format!(
                "payment {} received {} reversed ({}): not credited; later payments re-credited in the statutory order",
                rev.payment_id,
                paid_on.map(|d| d.to_string()).unwrap_or_default(),
                rev.reason
            ),
            amount,
            applied: vec![],
            to_credit: Money::ZERO,
            balances,
            citation: "reversal of a dishonored payment: the credit of the original posting is taken back and later payments are credited again in the statutory order (library reading R-AR-10)".to_string(),
        });
        Ok(())
    }

    /// Applies what it can of `left` to item `idx`; false when nothing is left.
    fn apply(
        &mut self,
        idx: usize,
        tier: Tier,
        left: &mut Money,
        applied: &mut Vec<Application>,
    ) -> bool {
        if left.is_zero() {
            return false;
        }
        let x = self.s.items[idx].unpaid().min(*left);
        if x.is_zero() {
            return true;
        }
        self.book.pay(&mut self.s.items, idx, x);
        *left = *left - x;
        let c = &mut self.s.counters;
        match tier {
            Tier::Current => c.applied_current = c.applied_current + x,
            Tier::NonDelinquent => c.applied_non_delinquent = c.applied_non_delinquent + x,
            _ => c.applied_principal = c.applied_principal + x,
        }
        if !self.trace {
            return !left.is_zero();
        }
        let it = &self.s.items[idx];
        applied.push(Application {
            tier,
            obligation_type: Some(it.obligation_type),
            item: Some(it.id.clone()),
            due: Some(it.due),
            amount: x,
            from_credit: false,
        });
        !left.is_zero()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        s.parse().unwrap()
    }

    #[test]
    fn orders_switch_on_the_statutory_dates() {
        let r = Rules::embedded();
        let ca = |s| {
            order_on(r, Jurisdiction::California, d(s))
                .unwrap()
                .order
                .clone()
        };
        assert_eq!(ca("2008-12-31")[1], Tier::Interest);
        assert_eq!(ca("2009-01-01")[1], Tier::Principal);
        let tx = |s| {
            order_on(r, Jurisdiction::Texas, d(s))
                .unwrap()
                .order
                .clone()
        };
        assert_eq!(tx("2009-12-31")[2], Tier::Interest);
        assert_eq!(tx("2010-01-01")[2], Tier::UnconfirmedPrincipal);
        assert!(order_on(r, Jurisdiction::Texas, d("2001-12-31")).is_err());
    }

    #[test]
    fn payment_sources_are_read_by_name() {
        let p = |t| PaymentSource::parse("payments[0].source", t);
        assert_eq!(p("regular").unwrap(), PaymentSource::Regular);
        assert_eq!(p("tax_offset").unwrap(), PaymentSource::TaxOffset);
        let e = p("cash").unwrap_err().to_string();
        assert!(
            e.contains("payments[0].source") && e.contains("regular or tax_offset"),
            "{e}"
        );
    }

    #[test]
    fn tax_offsets_skip_current_support_and_pay_interest_last() {
        let r = Rules::embedded();
        let o = order_on(r, Jurisdiction::Texas, d("2009-06-01")).unwrap();
        assert_eq!(
            tiers(o, PaymentSource::TaxOffset),
            [
                Tier::NonDelinquent,
                Tier::UnconfirmedPrincipal,
                Tier::ConfirmedPrincipal,
                Tier::Interest
            ]
        );
    }

    /// The applications of the first payment line: (tier, item, amount).
    fn applied_by(r: &crate::arrears::ledger::LedgerResult) -> Vec<(String, String, String)> {
        let line = r
            .lines
            .iter()
            .find(|l| l.event == LineEvent::Payment)
            .unwrap();
        line.applied
            .iter()
            .map(|a| {
                (
                    a.tier.as_str().to_string(),
                    a.item.clone().unwrap_or_default(),
                    a.amount.to_string(),
                )
            })
            .collect()
    }

    #[test]
    fn texas_tiers_pay_every_installment_of_each_in_turn() {
        use crate::arrears::tests::{input, order, pay, run};
        // Texas, 100.00 a week from Wednesday 2025-01-01 (due Jan 1, 8, 15, 22, 29, Feb 5,
        // 12, 19, 26). An installment is delinquent from the 31st day after its due date
        // (Fam. Code §157.266(a): not received before it): Jan 1 from Feb 1, Jan 8 from Feb 8,
        // Jan 15 from Feb 15. 950.00 received on 2025-02-08, in the order of §157.268:
        // - current support, the installments due in February (even later in it): Feb 5,
        //   12, 19, 26, 400.00;
        // - non-delinquent support, due before February and not yet delinquent on Feb 8:
        //   Jan 15, 22, 29, 300.00 (Jan 8 is delinquent on Feb 8 itself);
        // - unconfirmed principal, the delinquent installments oldest first: Jan 1, Jan 8,
        //   200.00;
        // - interest: none (the 200.00 delinquent is below one month's obligation,
        //   100 x 52 / 12 = 433.33, §157.265(a)); no fees: 50.00 carried forward.
        let mut i = input(
            Jurisdiction::Texas,
            d("2025-02-09"),
            vec![order("child", 10_000, d("2025-01-01"), vec![])],
        );
        i.orders[0].frequency = "weekly".into();
        i.orders[0].due_day = None;
        i.payments.push(pay(d("2025-02-08"), 95_000, false));
        let r = run(&i);
        let row = |t: &str, n: u32| {
            (
                t.to_string(),
                format!("orders[0]#{n}"),
                "100.00".to_string(),
            )
        };
        assert_eq!(
            applied_by(&r),
            [
                row("current", 6),
                row("current", 7),
                row("current", 8),
                row("current", 9),
                row("non_delinquent", 3),
                row("non_delinquent", 4),
                row("non_delinquent", 5),
                row("unconfirmed_principal", 1),
                row("unconfirmed_principal", 2),
            ]
        );
        let c = &r.totals.counters;
        assert_eq!(c.applied_current, Money::from_cents(40_000));
        assert_eq!(c.applied_non_delinquent, Money::from_cents(30_000));
        assert_eq!(c.applied_principal, Money::from_cents(20_000));
        assert_eq!(c.carried_to_credit, Money::from_cents(5_000));
    }

    #[test]
    fn an_interest_free_opening_part_is_paid_as_unconfirmed_principal() {
        use crate::arrears::ledger::OpeningBalanceInput;
        use crate::arrears::tests::{input, pay, run};
        use rust_decimal::Decimal;
        // Texas, no order; converted on 2025-01-01 with 1,000.00 unconfirmed principal, of
        // which 400.00 bears no interest (§157.265(a)). 1,000.00 received 2025-02-10: the
        // principal tier (§157.268(3)) takes all of it, 600.00 bearing interest first, then the
        // interest-free 400.00 (it is paid last); the interest (6% on 600.00 from Jan 1) stays
        // owed and nothing is carried forward.
        let mut i = input(Jurisdiction::Texas, d("2025-02-11"), vec![]);
        i.opening_balances.push(OpeningBalanceInput {
            date: d("2025-01-01"),
            obligation_type: None,
            principal: Decimal::new(100_000, 2),
            interest: Decimal::ZERO,
            owed_since: None,
            confirmed: false,
            interest_free: Some(Decimal::new(40_000, 2)),
        });
        i.payments.push(pay(d("2025-02-10"), 100_000, false));
        let r = run(&i);
        let amounts: Vec<(String, String)> =
            applied_by(&r).into_iter().map(|(t, _, a)| (t, a)).collect();
        let row = |a: &str| ("unconfirmed_principal".to_string(), a.to_string());
        assert_eq!(amounts, [row("600.00"), row("400.00")]);
        assert_eq!(
            r.totals.counters.applied_principal,
            Money::from_cents(100_000)
        );
        assert_eq!(r.totals.counters.carried_to_credit, Money::ZERO);
    }

    #[test]
    fn confirmed_principal_pays_every_judgment_oldest_first() {
        use crate::arrears::ledger::LumpSumInput;
        use crate::arrears::tests::{input, pay, run};
        use rust_decimal::Decimal;
        // Texas, no order; two money judgments for support (lump sums), 1,000.00 rendered
        // 2025-03-01 and 2,000.00 rendered 2025-03-15. 3,000.00 received 2025-04-01: the
        // confirmed principal tier (§157.268(4)) pays both, the older first; the interest
        // (6% from each day rendered, §157.265(b)) is after it and stays owed; nothing is
        // carried forward.
        let mut i = input(Jurisdiction::Texas, d("2025-04-02"), vec![]);
        for (date, cents) in [("2025-03-01", 100_000), ("2025-03-15", 200_000)] {
            i.lump_sums.push(LumpSumInput {
                date: d(date),
                obligation_type: None,
                amount: Decimal::new(cents, 2),
                description: None,
                owed_since: None,
            });
        }
        i.payments.push(pay(d("2025-04-01"), 300_000, false));
        let r = run(&i);
        let row = |n: u32, a: &str| {
            (
                "confirmed_principal".to_string(),
                format!("lump_sums[{n}]/child"),
                a.to_string(),
            )
        };
        assert_eq!(applied_by(&r), [row(0, "1000.00"), row(1, "2000.00")]);
        assert_eq!(r.totals.balances.confirmed_principal, Money::ZERO);
        assert_eq!(r.totals.counters.carried_to_credit, Money::ZERO);
    }

    #[test]
    fn california_principal_merges_installments_and_renewals_oldest_first() {
        use crate::arrears::ledger::RenewalInput;
        use crate::arrears::tests::{input, order, pay, run};
        // California, 500.00 due the 1st from 2025-01-01, interest from the due date at 10%,
        // monthly day count (rate/12 a whole month, days/days-in-month for part of one,
        // reading R-AR-2). A renewal makes the interest accrued to the start of its day
        // principal and takes effect at the end of that day (reading R-AR-1), so its principal
        // comes after an installment due the same day.
        // Each payment is received 2025-04-10: current support first (April's 500.00), then
        // principal oldest first (CCP §695.221, from 2009).
        let applied = |renewal: &str, cents: i64| {
            let mut i = input(
                Jurisdiction::California,
                d("2025-04-11"),
                vec![order("child", 50_000, d("2025-01-01"), vec![])],
            );
            i.renewals.push(RenewalInput { date: d(renewal) });
            i.payments.push(pay(d("2025-04-10"), cents, false));
            applied_by(&run(&i))
                .into_iter()
                .map(|(t, item, a)| format!("{t} {item} {a}"))
                .collect::<Vec<_>>()
        };
        // Renewed 2025-02-15: January's 500 for January (4.166667) and Feb 1-14 (14/28 of
        // 4.166667 = 2.083333), February's for Feb 1-14 (2.083333): 8.333333 -> 8.33, due
        // between February's and March's installments. 2,000.00: 500 + 500 + 500 + 8.33 +
        // 491.67 of March's.
        assert_eq!(
            applied("2025-02-15", 200_000),
            [
                "current orders[0]#4 500.00",
                "principal orders[0]#1 500.00",
                "principal orders[0]#2 500.00",
                "principal renewals[0]/child 8.33",
                "principal orders[0]#3 491.67",
            ]
        );
        // Renewed 2025-03-01: January's for January and February (8.333333), February's for
        // February (4.166667), March's nothing yet: 12.50, due after March's installment of
        // the same day. 1,900.00: 500 + 500 + 500 + 400 of March's; the renewal is unpaid.
        assert_eq!(
            applied("2025-03-01", 190_000),
            [
                "current orders[0]#4 500.00",
                "principal orders[0]#1 500.00",
                "principal orders[0]#2 500.00",
                "principal orders[0]#3 400.00",
            ]
        );
    }

    #[test]
    fn interest_then_fees_then_credit_carried_forward() {
        use crate::arrears::ledger::FeeInput;
        use crate::arrears::tests::{input, order, pay, run};
        use rust_decimal::Decimal;
        // California, one installment of 500.00 due 2025-01-01 (the order ends 2025-01-31),
        // interest from the due date at 10%, monthly day count (reading R-AR-2); a 25.00 fee
        // owed from 2025-01-15. 600.00 received 2025-02-10 (no current support in February):
        // principal 500.00 (CCP §695.221); interest to the start of Feb 10: January
        // 500 x 0.10 / 12 = 4.1666667 and Feb 1-9, 9/28 of it, 1.3392857: 5.5059524 -> 5.51;
        // then the fee, 25.00 (reading R-AR-3: after support and interest); 69.49 is carried
        // forward. 10.00 received 2025-02-11 finds nothing owed (the fee is paid, the
        // principal paid before interest could accrue on it) and is carried forward too.
        let mut i = input(
            Jurisdiction::California,
            d("2025-02-12"),
            vec![order("child", 50_000, d("2025-01-01"), vec![])],
        );
        i.orders[0].end = Some(d("2025-01-31"));
        i.fees.push(FeeInput {
            date: d("2025-01-15"),
            amount: Decimal::new(2_500, 2),
            description: None,
        });
        i.payments.push(pay(d("2025-02-10"), 60_000, false));
        i.payments.push(pay(d("2025-02-11"), 1_000, false));
        let r = run(&i);
        let pays: Vec<_> = r
            .lines
            .iter()
            .filter(|l| l.event == LineEvent::Payment)
            .collect();
        let applied: Vec<String> = pays[0]
            .applied
            .iter()
            .map(|a| format!("{} {}", a.tier.as_str(), a.amount))
            .collect();
        assert_eq!(applied, ["principal 500.00", "interest 5.51", "fees 25.00"]);
        assert_eq!(pays[0].to_credit, Money::from_cents(6_949));
        assert!(pays[1].applied.is_empty());
        assert_eq!(pays[1].to_credit, Money::from_cents(1_000));
        let c = &r.totals.counters;
        assert_eq!(c.paid, Money::from_cents(61_000));
        assert_eq!(c.applied_principal, Money::from_cents(50_000));
        assert_eq!(c.applied_interest, Money::from_cents(551));
        assert_eq!(c.applied_fees, Money::from_cents(2_500));
        assert_eq!(c.carried_to_credit, Money::from_cents(7_949));
        let b = &r.totals.balances;
        assert_eq!(b.interest, Money::ZERO);
        assert_eq!(b.fees, Money::ZERO);
        assert_eq!(b.credit, Money::from_cents(7_949));
    }

    #[test]
    fn credit_carried_forward_pays_installments_as_they_fall_due() {
        use crate::arrears::tests::{input, order, pay, run};
        // California, 500.00 due the 1st from 2025-01-01. 1,200.00 received 2025-01-01, after
        // January's installment falls due that day (reading R-AR-1) and before any interest
        // accrues on it: January's is current support (500.00); nothing else is owed, so
        // 700.00 is carried forward (reading R-AR-3) and applied as installments fall due: all
        // of February's (500.00), then 200.00 of March's, which leaves 300.00 owed.
        let mut i = input(
            Jurisdiction::California,
            d("2025-03-02"),
            vec![order("child", 50_000, d("2025-01-01"), vec![])],
        );
        i.payments.push(pay(d("2025-01-01"), 120_000, false));
        let r = run(&i);
        let due: Vec<_> = r
            .lines
            .iter()
            .filter(|l| l.event == LineEvent::Installment)
            .collect();
        let from_credit: Vec<Vec<String>> = due
            .iter()
            .map(|l| {
                l.applied
                    .iter()
                    .map(|a| {
                        format!(
                            "{} {} {} {}",
                            a.tier.as_str(),
                            a.item.as_deref().unwrap_or(""),
                            a.amount,
                            a.from_credit
                        )
                    })
                    .collect()
            })
            .collect();
        // January's falls due before the payment, with no credit: nothing is applied to it.
        assert_eq!(
            from_credit,
            [
                vec![],
                vec!["current orders[0]#2 500.00 true".to_string()],
                vec!["current orders[0]#3 200.00 true".to_string()],
            ]
        );
        assert!(!due[0].citation.contains("credit carried forward"));
        assert!(due[1].citation.contains("credit carried forward"));
        let c = &r.totals.counters;
        assert_eq!(c.due, Money::from_cents(150_000));
        assert_eq!(c.carried_to_credit, Money::from_cents(70_000));
        assert_eq!(c.credit_applied, Money::from_cents(70_000));
        assert_eq!(c.applied_current, Money::from_cents(120_000));
        assert_eq!(r.totals.balances.credit, Money::ZERO);
        assert_eq!(r.totals.balances.principal, Money::from_cents(30_000));
    }

    #[test]
    fn an_installment_paid_before_it_falls_due_says_how_much() {
        use crate::arrears::tests::{input, order, pay, run};
        // California, 250.00 due the 1st and the 15th from 2025-01-01. 400.00 received
        // 2025-01-02 is current support for both of January's installments (reading R-AR-3:
        // the installments due in the payment's month, even later in it): 250.00 of the 1st's,
        // then 150.00 of the 15th's, which falls due with 150.00 paid in advance and 100.00
        // owed.
        let mut i = input(
            Jurisdiction::California,
            d("2025-01-16"),
            vec![order("child", 25_000, d("2025-01-01"), vec![])],
        );
        i.orders[0].frequency = "semimonthly".into();
        i.orders[0].due_day = None;
        i.payments.push(pay(d("2025-01-02"), 40_000, false));
        let r = run(&i);
        let rows: Vec<String> = applied_by(&r)
            .into_iter()
            .map(|(t, item, a)| format!("{t} {item} {a}"))
            .collect();
        assert_eq!(
            rows,
            ["current orders[0]#1 250.00", "current orders[0]#2 150.00"]
        );
        let due: Vec<&str> = r
            .lines
            .iter()
            .filter(|l| l.event == LineEvent::Installment)
            .map(|l| l.description.as_str())
            .collect();
        assert_eq!(
            due,
            [
                "child support installment due",
                "child support installment due (150.00 paid in advance)"
            ]
        );
    }

    #[test]
    fn each_crediting_order_applied_is_cited_once_and_a_tax_offset_says_why() {
        use crate::arrears::tests::{input, order, pay, run};
        // California, 500.00 due the 1st from 2008-11-01. Payments received 2008-12-15 (CCP
        // §695.221 before AB 2669), 2009-01-15 and 2009-02-15 (as amended, from 2009-01-01),
        // the last a tax offset (reading R-AR-3).
        let mut i = input(
            Jurisdiction::California,
            d("2009-03-01"),
            vec![order("child", 50_000, d("2008-11-01"), vec![])],
        );
        i.payments.push(pay(d("2008-12-15"), 10_000, false));
        i.payments.push(pay(d("2009-01-15"), 10_000, false));
        i.payments.push(pay(d("2009-02-15"), 10_000, true));
        let r = run(&i);
        let step = r.worksheet.get("arrears.crediting").unwrap();
        assert_eq!(step.value.to_string(), "2 statutory orders");
        // The two entries' citations, in the order applied (the later one with its status).
        assert_eq!(
            step.citation,
            "Code Civ. Proc. §695.221 (text before AB 2669): current support, interest, then \
             principal by maturity; Code Civ. Proc. §695.221 (AB 2669, Stats. 2004 ch. 305; \
             Legislative Counsel's digest, CSDA 2024 p.146): current, principal oldest first, \
             interest [SECONDARY]"
        );
        let pays: Vec<&str> = r
            .lines
            .iter()
            .filter(|l| l.event == LineEvent::Payment)
            .map(|l| l.citation.as_str())
            .collect();
        assert!(
            pays[0].starts_with("Code Civ. Proc. §695.221"),
            "{}",
            pays[0]
        );
        assert!(
            pays[1].starts_with("Code Civ. Proc. §695.221"),
            "{}",
            pays[1]
        );
        assert!(pays[2].starts_with(TAX_OFFSET_READING), "{}", pays[2]);
    }

    #[test]
    fn a_payment_moved_to_its_obligation_pays_no_fees() {
        use crate::arrears::ledger::{FeeInput, MoveInput};
        use crate::arrears::tests::{input, order, pay, run};
        use rust_decimal::Decimal;
        // California, child support 500.00 and spousal support 300.00 due the 1st from
        // 2025-01-01; a 50.00 fee owed from 2025-01-01. P1, 400.00 received 2025-01-01, was
        // applied to child support; on 2025-01-20 it is moved to spousal support, where it
        // belonged (reading R-AR-7: applied as when received, to that obligation only, so
        // neither child support nor the fee): January's spousal installment, 300.00, as
        // current support; no interest has accrued on the day it fell due; 100.00 is carried
        // forward. The fee stays owed.
        let mut i = input(
            Jurisdiction::California,
            d("2025-01-21"),
            vec![
                order("child", 50_000, d("2025-01-01"), vec![]),
                order("spousal", 30_000, d("2025-01-01"), vec![]),
            ],
        );
        i.fees.push(FeeInput {
            date: d("2025-01-01"),
            amount: Decimal::new(5_000, 2),
            description: None,
        });
        i.payments.push(pay(d("2025-01-01"), 40_000, false));
        i.payments[0].id = Some("P1".into());
        i.moves.push(MoveInput {
            payment_id: "P1".into(),
            date: d("2025-01-20"),
            reason: "applied to the wrong obligation".into(),
            to_type: Some("spousal".into()),
            to_case: None,
        });
        let r = run(&i);
        let after: Vec<String> = r.moved_payments[0]
            .after
            .iter()
            .map(|a| {
                format!(
                    "{} {} {}",
                    a.tier.as_str(),
                    a.item.as_deref().unwrap_or(""),
                    a.amount
                )
            })
            .collect();
        assert_eq!(after, ["current orders[1]#1 300.00"]);
        assert_eq!(r.totals.counters.applied_fees, Money::ZERO);
        assert_eq!(r.totals.balances.fees, Money::from_cents(5_000));
        assert_eq!(r.totals.balances.credit, Money::from_cents(10_000));
    }

    #[test]
    fn payment_lines_name_the_date_of_collection_and_an_overpayment() {
        use crate::arrears::tests::{input, order, pay, run};
        // California, 500.00 due the 1st from 2025-01-01, with the date of withholding taken as
        // the date of collection (45 CFR 302.51(a)(4)(ii)). A: 100.00 withheld 2025-01-30 and
        // received 2025-02-03, in another month: collected 2025-01-30, all of it January's
        // current support. B: 2,000.00 withheld 2025-02-07 and received 2025-02-10, the same
        // month: collected when received; it pays February's 500.00, January's other 400.00
        // and the interest, and the rest is carried forward (reading R-AR-3).
        let mut i = input(
            Jurisdiction::California,
            d("2025-02-11"),
            vec![order("child", 50_000, d("2025-01-01"), vec![])],
        );
        i.options.date_of_withholding = true;
        i.payments.push(pay(d("2025-02-03"), 10_000, false));
        i.payments[0].withheld = Some(d("2025-01-30"));
        i.payments.push(pay(d("2025-02-10"), 200_000, false));
        i.payments[1].withheld = Some(d("2025-02-07"));
        let r = run(&i);
        let pays: Vec<_> = r
            .lines
            .iter()
            .filter(|l| l.event == LineEvent::Payment)
            .collect();
        assert_eq!(pays[0].date, d("2025-01-30"));
        assert_eq!(
            pays[0].description,
            "payment received 2025-02-03 (withheld 2025-01-30: the date of collection, 45 CFR \
             302.51(a)(4)(ii))"
        );
        assert_eq!(pays[1].date, d("2025-02-10"));
        assert_eq!(
            pays[1].description,
            "payment received (withheld 2025-02-07)"
        );
        let note = "overpayment carried forward";
        assert_eq!(pays[0].to_credit, Money::ZERO);
        assert!(!pays[0].citation.contains(note), "{}", pays[0].citation);
        assert!(pays[1].to_credit > Money::ZERO);
        assert!(pays[1].citation.contains(note), "{}", pays[1].citation);
    }
}
