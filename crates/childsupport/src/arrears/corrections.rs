//! Corrections a caseworker makes, as ledger stages: a balance carried over from another
//! system, a lump-sum or retroactive judgment, and a misapplied payment moved to the obligation
//! or case it belonged to. (Reversals are in [`super::crediting`]; judgments that confirm the
//! court's figure in the capitalisation stage.)

use super::ledger::Engine;
use super::report::{Line, LineEvent};
use super::state::{Item, ItemKind, Owed};
use crate::date::Date;
use crate::error::Error;
use crate::money::Money;

/// The citation of an opening balance.
const OPENING_READING: &str = "library reading R-AR-6: a balance carried over from another system as of a date stands for everything before it; installments due before it are not charged again";

impl<'a> Engine<'a> {
    /// Records opening balance `i` (its principal is an item from the start, its interest is
    /// in the type's interest).
    pub(super) fn opening(&mut self, i: usize, date: Date) -> Result<(), Error> {
        if !self.trace {
            return Ok(());
        }
        let b = &self.input.opening_balances[i];
        let ty = b.obligation_type.as_deref().unwrap_or("child").to_string();
        let principal = super::input::money("opening_balances.principal", b.principal)?;
        let interest = super::input::money("opening_balances.interest", b.interest)?;
        let owed_since = b.owed_since.unwrap_or(date);
        let balances = self.balances();
        let obligation_type = self
            .scheduled
            .iter()
            .find(|it| it.id == format!("opening_balances[{i}]/{ty}"))
            .map(|it| it.obligation_type)
            .or_else(|| {
                self.state
                    .default_type_order()
                    .iter()
                    .copied()
                    .find(|t| t.as_str() == ty)
            });
        self.lines.push(Line {
            date,
            event: LineEvent::OpeningBalance,
            reference: format!("opening_balances[{i}]"),
            obligation_type,
            payment_id: None,
            source: None,
            installment_amount: None,
            description: format!(
                "{ty} support balance carried over: principal {principal}{} owed since {owed_since}, interest {interest}",
                if b.confirmed { " (confirmed by judgment)" } else { "" }
            ),
            amount: principal + interest,
            applied: vec![],
            to_credit: Money::ZERO,
            balances,
            citation: OPENING_READING.to_string(),
        });
        Ok(())
    }

    /// Enters lump-sum judgment `i`: a principal item bearing interest from its date.
    pub(super) fn lump_sum(&mut self, i: usize, date: Date) -> Result<(), Error> {
        let (ty, amount) = self.lump_sums[i];
        let l = &self.input.lump_sums[i];
        let rate = super::interest::rate_on(self.rules, self.state, date)?;
        let (rate_value, rate_cite) = (rate.rate, rate.validity.cite());
        let day_count = self
            .input
            .options
            .day_count
            .or_else(|| self.s.items.first().map(|it| it.day_count))
            .unwrap_or(match self.state {
                super::Jurisdiction::California => super::interest::DayCount::Monthly,
                super::Jurisdiction::Texas => super::interest::DayCount::Actual365,
            });
        let id = format!("lump_sums[{i}]/{ty}");
        let owed_since = l.owed_since.unwrap_or(date);
        let item = Item {
            id: id.clone(),
            kind: ItemKind::Judgment,
            obligation_type: ty,
            due: date,
            amount,
            paid: Money::ZERO,
            confirmed: Money::ZERO,
            interest_from: date,
            rate: rate_value,
            day_count,
            components: vec![Owed {
                due: owed_since,
                amount,
            }],
        };
        let class = self.rate_class(date);
        self.book.add_extra(&mut self.s.items, item, class);
        self.s.counters.lump_sums = self.s.counters.lump_sums + amount;
        if !self.trace {
            return Ok(());
        }
        let balances = self.balances();
        self.lines.push(Line {
            date,
            event: LineEvent::LumpSum,
            reference: id,
            obligation_type: Some(ty),
            payment_id: None,
            source: None,
            installment_amount: None,
            description: format!(
                "{}: {ty} support judgment of {amount} (owed since {owed_since})",
                l.description.as_deref().unwrap_or("lump-sum support judgment")
            ),
            amount,
            applied: vec![],
            to_credit: Money::ZERO,
            balances,
            citation: match self.state {
                super::Jurisdiction::Texas => format!(
                    "Tex. Fam. Code §157.263(b) (lump sum or retroactive child support judgments), §157.265(b) (interest from the date rendered): {rate_cite}"
                ),
                super::Jurisdiction::California => format!(
                    "Fam. Code §4009 (retroactive support); Code Civ. Proc. §685.010 (interest on a money judgment): {rate_cite}"
                ),
            },
        });
        Ok(())
    }

    /// Records move `m` of a misapplied payment on `date`: the ledger already applies the
    /// payment where it belonged (or leaves it out, if it belonged to another case).
    pub(super) fn move_payment(&mut self, m: usize, date: Date) -> Result<(), Error> {
        if !self.trace {
            return Ok(());
        }
        let mv = &self.input.moves[m];
        let p = self
            .moved_payment
            .iter()
            .position(|&x| x == m)
            .unwrap_or(usize::MAX);
        let (amount, source) = self
            .payments
            .get(p)
            .copied()
            .unwrap_or((Money::ZERO, super::PaymentSource::Regular));
        let paid_on = self
            .input
            .payments
            .get(p)
            .map(|q| q.date.to_string())
            .unwrap_or_default();
        let target = match (&self.move_types[m], &mv.to_case) {
            (Some(t), _) => format!("to {t} support: applied to that obligation as of {paid_on}"),
            (None, Some(c)) => format!("to case {c}: removed from this ledger"),
            (None, None) => String::new(),
        };
        let balances = self.balances();
        self.lines.push(Line {
            date,
            event: LineEvent::Move,
            reference: format!("moves[{m}]"),
            obligation_type: self.move_types[m],
            payment_id: Some(mv.payment_id.clone()),
            source: Some(source),
            installment_amount: None,
            description: format!(
                "payment {} received {paid_on} moved {target} ({}); later payments re-credited in the statutory order",
                mv.payment_id, mv.reason
            ),
            amount,
            applied: vec![],
            to_credit: Money::ZERO,
            balances,
            citation: "library reading R-AR-7: a misapplied payment is taken back and applied where it belonged, as of the day it was received; the correction is recorded on its date".to_string(),
        });
        Ok(())
    }
}
