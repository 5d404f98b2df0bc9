//! Capitalisation: a Texas judgment confirms the arrears (unpaid principal and interest become
//! one cumulative money judgment bearing interest from the date rendered, Fam. Code §157.263,
//! §157.265(b)); a California renewal makes accrued interest principal.

use super::interest;
use super::ledger::Engine;
use super::report::{Line, LineEvent};
use super::state::{Item, ItemKind, Owed};
use crate::date::Date;
use crate::error::Error;
use crate::money::Money;
use crate::rules::in_force;

impl<'a> Engine<'a> {
    /// The due range of the rate entries that apply to an amount due (or rendered) on `due`.
    pub(super) fn rate_class(&self, due: Date) -> Option<(Option<Date>, Option<Date>)> {
        interest::rate_series(self.rules, self.state)
            .0
            .iter()
            .find(|r| r.admits(due))
            .map(|r| (r.due_from, r.due_through))
    }

    pub(super) fn judgment(&mut self, i: usize, date: Date) -> Result<(), Error> {
        let rate = interest::rate_on(self.rules, self.state, date)?;
        let (rate_value, rate_cite) = (rate.rate, rate.validity.cite());
        let day_count = match self.input.options.day_count {
            Some(d) => d,
            None => {
                in_force(
                    &self.rules.arrears.texas_accrual,
                    "arrears.texas_accrual",
                    date,
                )?
                .day_count
            }
        };
        let types = self.judgment_types[i].clone();
        let reference = format!("judgments[{i}]");
        for ty in self.type_order.clone() {
            if !types.contains(&ty) {
                continue;
            }
            self.post(ty, date, "interest to the judgment", Some(&reference))?;
            let mut unconfirmed = Money::ZERO;
            let mut prior = Money::ZERO;
            let mut components = Vec::new();
            // Installments from the oldest unpaid one to the judgment's date, then earlier
            // judgments: everything unpaid is confirmed.
            let k = ty.index();
            let mut confirm: Vec<usize> = Vec::new();
            let mut p = self.book.oldest_unpaid(&self.s.items, k);
            while let Some(&idx) = self.book.inst[k].get(p) {
                if self.s.items[idx].due > date {
                    break;
                }
                confirm.push(idx);
                p += 1;
            }
            confirm.extend(
                self.book.extra[k]
                    .iter()
                    .copied()
                    .filter(|&x| self.s.items[x].due <= date),
            );
            for idx in confirm {
                let it = &self.s.items[idx];
                if it.unpaid().is_zero() {
                    continue;
                }
                components.extend(it.owed_parts());
                let kind = it.kind;
                let u = self.book.confirm(&mut self.s.items, idx);
                match kind {
                    ItemKind::Installment | ItemKind::Opening => unconfirmed = unconfirmed + u,
                    _ => prior = prior + u,
                }
            }
            let ti = &mut self.s.interest[ty.index()];
            let int = ti.unpaid();
            ti.capitalized = ti.capitalized + int;
            if !int.is_zero() {
                components.push(Owed {
                    due: date,
                    amount: int,
                });
            }
            components.sort_by_key(|c| c.due);
            let computed = unconfirmed + prior + int;
            // The court's figure governs from the judgment on (§157.263(a): the court confirms
            // the amount of arrearages); the difference is shown, taken off the newest parts
            // when the court found less, owed from the judgment's date when it found more.
            let court = self.court_figures[i]
                .iter()
                .find(|(t, _)| *t == ty)
                .map(|(_, a)| *a);
            let amount = court.unwrap_or(computed);
            let difference = amount - computed;
            if difference > Money::ZERO {
                components.push(Owed {
                    due: date,
                    amount: difference,
                });
            } else {
                let mut cut = computed - amount;
                while !cut.is_zero() {
                    let Some(last) = components.last_mut() else {
                        break;
                    };
                    let take = last.amount.min(cut);
                    last.amount = last.amount - take;
                    cut = cut - take;
                    if last.amount.is_zero() {
                        components.pop();
                    }
                }
            }
            self.s.counters.court_adjustments = self.s.counters.court_adjustments + difference;
            if amount.is_zero() {
                continue;
            }
            let id = format!("{reference}/{ty}");
            let class = self.rate_class(date);
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
                components,
            };
            self.book.add_extra(&mut self.s.items, item, class);
            if !self.trace {
                continue;
            }
            let balances = self.balances();
            self.lines.push(Line {
                date,
                event: LineEvent::Judgment,
                reference: id,
                obligation_type: Some(ty),
                payment_id: None,
                source: None,
                installment_amount: None,
                description: match court {
                    None => format!(
                        "{ty} support arrears confirmed: unconfirmed principal {unconfirmed} + prior judgment balance {prior} + interest {int}"
                    ),
                    Some(c) => format!(
                        "{ty} support arrears confirmed by the court at {c}; computed: unconfirmed principal {unconfirmed} + prior judgment balance {prior} + interest {int} = {computed}; difference {difference}; the court's figure governs"
                    ),
                },
                amount,
                applied: vec![],
                to_credit: Money::ZERO,
                balances,
                citation: format!(
                    "Tex. Fam. Code §157.263 (cumulative money judgment), §157.265(b) (interest from the date rendered): {rate_cite}; library reading R-AR-1: a judgment takes effect at the end of its day"
                ),
            });
        }
        self.s.consumed.judgments += 1;
        Ok(())
    }

    pub(super) fn renewal(&mut self, i: usize, date: Date) -> Result<(), Error> {
        let rate = interest::rate_on(self.rules, self.state, date)?;
        let (rate_value, rate_cite) = (rate.rate, rate.validity.cite());
        let day_count = match self.input.options.day_count {
            Some(d) => d,
            None => {
                in_force(
                    &self.rules.arrears.california_accrual,
                    "arrears.california_accrual",
                    date,
                )?
                .day_count
            }
        };
        let reference = format!("renewals[{i}]");
        for ty in self.type_order.clone() {
            self.post(ty, date, "interest to the renewal", Some(&reference))?;
            let ti = &mut self.s.interest[ty.index()];
            let int = ti.unpaid();
            if int.is_zero() {
                continue;
            }
            ti.capitalized = ti.capitalized + int;
            let id = format!("{reference}/{ty}");
            let class = self.rate_class(date);
            let item = Item {
                id: id.clone(),
                kind: ItemKind::Renewal,
                obligation_type: ty,
                due: date,
                amount: int,
                paid: Money::ZERO,
                confirmed: Money::ZERO,
                interest_from: date,
                rate: rate_value,
                day_count,
                components: vec![],
            };
            self.book.add_extra(&mut self.s.items, item, class);
            if !self.trace {
                continue;
            }
            let balances = self.balances();
            self.lines.push(Line {
                date,
                event: LineEvent::Renewal,
                reference: id,
                obligation_type: Some(ty),
                payment_id: None,
                source: None,
                installment_amount: None,
                description: format!("{ty} support: accrued interest {int} becomes principal on renewal"),
                amount: int,
                applied: vec![],
                to_credit: Money::ZERO,
                balances,
                citation: format!(
                    "renewal capitalises accrued interest (Romo v. Romo (2003)) [SECONDARY]; {rate_cite}"
                ),
            });
        }
        self.s.consumed.renewals += 1;
        Ok(())
    }
}
