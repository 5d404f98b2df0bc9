//! Accrual: interest from one day to another, exactly, at the rate in force on each day it
//! accrues, posted per month (and on payment, judgment and renewal dates) as the change in the
//! cumulative exact interest rounded to cents.
//!
//! The engine splits time into spans in which nothing changes: a month end, the day an item
//! starts to bear interest, an event, a rate's start or end, and (Texas) a change in one month's
//! obligation. In a span every group of items bearing interest alike ([`super::state::Group`])
//! adds `unpaid x 12 x rate x day weight x days` to its type's cumulative interest: one step per
//! group, whatever the number of items.

use rust_decimal::Decimal;

use super::interest;
use super::ledger::Engine;
use super::report::{Line, LineEvent};
use super::{Jurisdiction, ObligationType};
use crate::date::Date;
use crate::error::Error;
use crate::money::Money;
use crate::rules::arrears::InterestRate;
use crate::rules::in_force;

pub(super) fn rate_cite(r: &InterestRate) -> String {
    format!(
        "{}% simple: {}",
        (r.rate * Decimal::ONE_HUNDRED).normalize(),
        r.validity.cite()
    )
}

impl<'a> Engine<'a> {
    /// Accrues interest from the current date to `to` (exclusive), posting at month ends.
    pub(super) fn accrue_to(&mut self, to: Date) -> Result<(), Error> {
        while self.s.as_of < to {
            let t = self.s.as_of;
            let month_end = t.first_of_next_month()?;
            self.book.activate_until(&self.s.items, t);
            let mut next = to.min(month_end);
            if let Some(x) = self.book.next_activation(&self.s.items) {
                next = next.min(x);
            }
            let bp = self.breakpoints.partition_point(|d| *d <= t);
            if let Some(b) = self.breakpoints.get(bp) {
                next = next.min(*b);
            }
            self.accrue_span(t, next)?;
            self.s.as_of = next;
            if next == month_end {
                let last = t.last_of_month();
                for k in 0..self.type_order.len() {
                    let ty = self.type_order[k];
                    self.post(ty, last, "interest for the month", None)?;
                }
                if self.trace {
                    let b = self.balances();
                    self.closings.insert(super::report::month_key(last), b);
                }
            }
        }
        Ok(())
    }

    /// Accrues the span from `a` to `b` (exclusive), in which no sum, rate or one month's
    /// obligation changes.
    fn accrue_span(&mut self, a: Date, b: Date) -> Result<(), Error> {
        let days = Decimal::from(a.days_until(b));
        let twelve = Decimal::from(12);
        let texas = self.state == Jurisdiction::Texas;
        let exclude = texas
            && in_force(&self.rules.arrears.texas_accrual, "", a)
                .map(|r| r.exclude_one_month)
                .unwrap_or(true);
        let mut numer = [Decimal::ZERO; ObligationType::ALL.len()];
        let mut excl = [None::<Decimal>; ObligationType::ALL.len()];
        // Texas: the newest delinquent installments are the excluded month, so groups are
        // taken newest first.
        let mut order: Vec<usize> = (0..self.book.groups.len()).collect();
        if texas && order.len() > 1 {
            order.sort_by_key(|&g| std::cmp::Reverse(self.book.groups[g].newest));
        }
        let mut used: Vec<&'a InterestRate> = Vec::new();
        for g in order {
            let gr = &self.book.groups[g];
            if gr.sum == 0 {
                continue;
            }
            let k = gr.ty.index();
            let mut base = Decimal::new(gr.sum, 2) * twelve;
            if gr.excludable {
                let left = excl[k].get_or_insert_with(|| {
                    if exclude {
                        self.schedule.monthly_x12(gr.ty, a)
                    } else {
                        Decimal::ZERO
                    }
                });
                let take = (*left).min(base);
                *left -= take;
                base -= take;
                if base.is_zero() {
                    continue;
                }
            }
            let r = interest::rate_at(self.rules, self.state, a, gr.due)?;
            if !used.iter().any(|u| std::ptr::eq(*u, r)) {
                used.push(r);
            }
            let w = interest::day_weight(gr.day_count, a);
            numer[k] = interest::add(numer[k], interest::mul(interest::mul(base, r.rate)?, w)?)?;
        }
        for r in used {
            let cite = rate_cite(r);
            if !self.rate_cites.contains(&cite) {
                self.rate_cites.push(cite);
            }
        }
        for ty in ObligationType::ALL {
            let n = numer[ty.index()];
            if !n.is_zero() {
                let ti = &mut self.s.interest[ty.index()];
                ti.accrued = interest::add(ti.accrued, interest::mul(n, days)?)?;
                self.int_rounded[ty.index()] = ti.rounded().cents();
            }
        }
        Ok(())
    }

    /// Posts the change in the type's cumulative interest rounded to cents.
    pub(super) fn post(
        &mut self,
        ty: ObligationType,
        date: Date,
        why: &str,
        reference: Option<&str>,
    ) -> Result<(), Error> {
        self.post_for(ty, date, why, reference, None)
    }

    /// Posts as [`Engine::post`], on a payment's date naming the payment.
    pub(super) fn post_for(
        &mut self,
        ty: ObligationType,
        date: Date,
        why: &str,
        reference: Option<&str>,
        payment: Option<usize>,
    ) -> Result<(), Error> {
        let ti = &self.s.interest[ty.index()];
        let now = self.int_rounded[ty.index()];
        if now == ti.posted.cents() {
            return Ok(());
        }
        let now = Money::from_cents(now);
        let inc = now - ti.posted;
        let reference = match (reference, payment) {
            (Some(r), _) => r.to_string(),
            (None, Some(i)) => format!("payments[{i}]"),
            (None, None) => "interest".to_string(),
        };
        self.s.interest[ty.index()].posted = now;
        if !self.trace {
            return Ok(());
        }
        let payment_id = payment.and_then(|i| self.input.payments[i].id.clone());
        let balances = self.balances();
        let n = self
            .posting_rates
            .iter()
            .filter(|(from, _)| *from <= date)
            .count();
        if self.posting_cite.0 != n {
            let mut cite: String = self
                .posting_rates
                .iter()
                .filter(|(from, _)| *from <= date)
                .map(|(_, c)| format!("{c}; "))
                .collect();
            cite.push_str("library reading R-AR-2: exact simple interest posted as the change in the cumulative total rounded to cents");
            self.posting_cite = (n, cite);
        }
        let cite = self.posting_cite.1.clone();
        self.lines.push(Line {
            date,
            event: LineEvent::Interest,
            reference,
            obligation_type: Some(ty),
            payment_id,
            source: None,
            installment_amount: None,
            description: format!(
                "{why}: {ty} support interest posted (cumulative exact {})",
                crate::money::round_half_away(
                    interest::exact(self.s.interest[ty.index()].accrued),
                    10
                )
                .normalize()
            ),
            amount: inc,
            applied: vec![],
            to_credit: Money::ZERO,
            balances,
            citation: cite,
        });
        Ok(())
    }
}
