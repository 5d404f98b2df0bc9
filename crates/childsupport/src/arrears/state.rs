//! The ledger's state: principal items (installments, judgments, capitalised interest),
//! interest per obligation type, credit and running totals, as a saved state holds them; and the
//! running sums the engine keeps beside them (`Book`), so that a balance, a crediting tier or
//! an accrual span is found without rescanning the items (the ledger is linear in its events).

use std::collections::{HashMap, HashSet};

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::input::LedgerInput;
use super::interest::{self, DayCount};
use super::{Jurisdiction, ObligationType};
use crate::date::Date;
use crate::error::Error;
use crate::money::Money;

/// What a principal item is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ItemKind {
    /// An installment of an order.
    Installment,
    /// Texas: a cumulative money judgment (confirmed principal and interest).
    Judgment,
    /// California: interest capitalised on renewal.
    Renewal,
    /// A balance carried over from another system (unconfirmed principal, paid with the
    /// installments, oldest first).
    Opening,
}

/// A principal item of the ledger: an installment, a judgment or capitalised interest.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Item {
    /// `orders[0]#5`, `judgments[0]/child`, `renewals[0]/child`.
    pub id: String,
    /// What it is.
    pub kind: ItemKind,
    /// Its obligation type.
    #[serde(rename = "type")]
    pub obligation_type: ObligationType,
    /// The due date (a judgment or renewal: its date).
    pub due: Date,
    /// The amount.
    pub amount: Money,
    /// Paid so far.
    pub paid: Money,
    /// Texas: moved into a judgment.
    pub confirmed: Money,
    /// The first day it bears interest (Texas installments: the day they become delinquent).
    pub interest_from: Date,
    /// The yearly rate in force on the day it starts bearing interest (interest accrues at the
    /// rate in force on each day it accrues, CCP §685.010(b); 0 if no rate covers that day).
    #[serde(with = "crate::money::exact")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::ExactDecimal"))]
    pub rate: Decimal,
    /// Its day count.
    pub day_count: DayCount,
    /// A judgment: what it confirmed, oldest first (installments by due date, the interest on
    /// the date rendered), paid in that order, so "owed since" stays the oldest unpaid
    /// installment after a judgment.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub components: Vec<Owed>,
}

/// An amount owed since a date (a part of a judgment).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Owed {
    /// The due date of what it confirmed (its interest: the date rendered).
    pub due: Date,
    /// The amount.
    pub amount: Money,
}

impl Item {
    /// What is still owed of it, oldest first (one part, its own due date, unless it is a
    /// judgment of several).
    pub fn owed_parts(&self) -> Vec<Owed> {
        if self.components.is_empty() {
            let u = self.unpaid();
            return if u.is_zero() {
                vec![]
            } else {
                vec![Owed {
                    due: self.due,
                    amount: u,
                }]
            };
        }
        let mut settled = self.paid + self.confirmed;
        let mut out = Vec::new();
        for c in &self.components {
            let take = settled.min(c.amount);
            settled = settled - take;
            let left = c.amount - take;
            if !left.is_zero() {
                out.push(Owed {
                    due: c.due,
                    amount: left,
                });
            }
        }
        out
    }

    /// The due date of the oldest installment still unpaid in it.
    pub fn owed_since(&self) -> Option<Date> {
        if self.unpaid().is_zero() {
            return None;
        }
        if self.components.is_empty() {
            return Some(self.due);
        }
        self.owed_parts().first().map(|o| o.due)
    }

    /// The canonical order of items: due date, then installments before judgments before
    /// renewals, then the request position (order or event index), then the number.
    pub fn key(&self) -> (Date, u8, usize, usize) {
        let kind = match self.kind {
            ItemKind::Opening => 0,
            ItemKind::Installment => 1,
            ItemKind::Judgment => 2,
            ItemKind::Renewal => 3,
        };
        let index = self
            .id
            .split_once('[')
            .and_then(|(_, r)| r.split_once(']'))
            .and_then(|(n, _)| n.parse().ok())
            .unwrap_or(usize::MAX);
        let number = match self.id.rsplit_once('#') {
            Some((_, n)) => n.parse().unwrap_or(usize::MAX),
            None => self.obligation_type.index(),
        };
        (self.due, kind, index, number)
    }

    /// The unpaid amount.
    pub fn unpaid(&self) -> Money {
        self.amount - self.paid - self.confirmed
    }
}

/// Interest of one obligation type.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct TypeInterest {
    /// Cumulative exact interest, in 1/[`interest::DENOMINATOR`] dollars.
    #[serde(with = "crate::money::exact")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::ExactDecimal"))]
    pub accrued: Decimal,
    /// Posted so far (the cumulative exact interest rounded at the last posting).
    pub posted: Money,
    /// Paid so far.
    pub paid: Money,
    /// Capitalised into a judgment or on renewal.
    pub capitalized: Money,
}

impl TypeInterest {
    pub(super) fn rounded(&self) -> Money {
        Money::round(interest::exact(self.accrued))
    }

    pub(super) fn unpaid(&self) -> Money {
        self.rounded() - self.paid - self.capitalized
    }
}

/// Running totals.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Counters {
    /// Installments fallen due.
    pub due: Money,
    /// Payments received.
    pub paid: Money,
    /// Applied to current support (from payments and from credit).
    pub applied_current: Money,
    /// Applied to non-delinquent support (Texas).
    pub applied_non_delinquent: Money,
    /// Applied to principal (all principal tiers).
    pub applied_principal: Money,
    /// Applied to interest.
    pub applied_interest: Money,
    /// Applied to fees.
    pub applied_fees: Money,
    /// Carried forward as credit.
    pub carried_to_credit: Money,
    /// Credit applied to installments as they fell due.
    pub credit_applied: Money,
    /// Fees assessed.
    pub fees_assessed: Money,
    /// The court's figures less the computed balances they replaced (judgments that confirm
    /// the court's amount); signed.
    #[serde(default)]
    pub court_adjustments: Money,
    /// Balances carried over (opening principal and interest).
    #[serde(default)]
    pub opening: Money,
    /// Lump-sum and retroactive judgments entered.
    #[serde(default)]
    pub lump_sums: Money,
}

/// How many input events of each kind the saved state has applied.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Consumed {
    /// Payments.
    pub payments: usize,
    /// Fees.
    pub fees: usize,
    /// Judgments.
    pub judgments: usize,
    /// Renewals.
    pub renewals: usize,
}

/// The whole engine state as of a date: serialisable and resumable (a checkpoint: see
/// [`super::checkpoint`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct SavedState {
    /// The checkpoint format's version ([`super::checkpoint::CHECKPOINT_VERSION`]).
    #[serde(default)]
    pub version: u32,
    /// One digest per part of what it was computed from, before its date (the rules, the case,
    /// the orders, each kind of event).
    #[serde(default)]
    pub fingerprint: std::collections::BTreeMap<String, String>,
    /// The digest of its own contents (with the seal empty): an edited checkpoint is refused.
    #[serde(default)]
    pub seal: String,
    /// The state whose law applies.
    pub state: Jurisdiction,
    /// Every event before the start of this day is applied.
    pub as_of: Date,
    /// Principal items (installments generated so far, judgments, renewals).
    pub items: Vec<Item>,
    /// Interest per obligation type (child, medical, dental, spousal).
    pub interest: Vec<TypeInterest>,
    /// Credit carried forward.
    pub credit: Money,
    /// Fees paid.
    pub fees_paid: Money,
    /// Running totals.
    pub counters: Counters,
    /// Input events applied.
    pub consumed: Consumed,
}

/// A set of items that bear interest alike: one obligation type, one day count, one range of
/// due dates the rate series tells apart, and (Texas installments) subject to the one-month
/// exclusion or not. The engine keeps their unpaid sum, so an accrual span costs one step per
/// group, not per item.
#[derive(Debug, Clone)]
pub(super) struct Group {
    pub ty: ObligationType,
    /// Texas installments: the newest delinquent month is excluded (§157.265(a)).
    pub excludable: bool,
    pub day_count: DayCount,
    /// The due range of the rate entries that apply to its items (None: no entry does).
    pub class: Option<(Option<Date>, Option<Date>)>,
    /// A due date of one of its items (to look its rate up by).
    pub due: Date,
    /// The newest due date among its items (the exclusion takes the newest first).
    pub newest: Date,
    /// The unpaid principal of its items that bear interest, in cents.
    pub sum: i64,
}

/// Running sums and pointers over the items, kept beside the saved state (and rebuilt from it
/// on resuming), so that balances, crediting tiers and accrual never rescan the items.
#[derive(Debug, Clone, Default)]
pub(super) struct Book {
    /// Per type: the installments, in item order (due date, order, number).
    pub inst: [Vec<usize>; 4],
    /// Per type: the position in `inst` before which every installment is paid.
    pub oldest: [usize; 4],
    /// Per type: judgments and renewals, in the order made.
    pub extra: [Vec<usize>; 4],
    /// Per item: fallen due (counted in the balances).
    pub fallen: Vec<bool>,
    /// Per item: bearing interest (counted in its group's sum).
    pub bearing: Vec<bool>,
    /// Per item: its group.
    pub group_of: Vec<usize>,
    /// Items by the day they start to bear interest, and how many have started.
    pub queue: Vec<usize>,
    pub queued: usize,
    /// Per type: unpaid principal fallen due, installments (Texas: unconfirmed), in cents.
    pub inst_fallen: [i64; 4],
    /// Per type: unpaid principal fallen due, judgments and renewals (Texas: confirmed), in
    /// cents.
    pub extra_fallen: [i64; 4],
    pub groups: Vec<Group>,
}

impl Book {
    /// The book of `items` as of the start of `as_of` (installments due before it have fallen
    /// due; none bears interest until the first span activates it).
    pub fn new(
        items: &[Item],
        as_of: Date,
        class_of: &dyn Fn(Date) -> Option<(Option<Date>, Option<Date>)>,
        excludable: &dyn Fn(&Item) -> bool,
    ) -> Book {
        let mut b = Book::default();
        for (i, it) in items.iter().enumerate() {
            let k = it.obligation_type.index();
            let fallen = it.kind != ItemKind::Installment || it.due < as_of;
            b.fallen.push(fallen);
            b.bearing.push(false);
            let g = b.group(it, class_of(it.due), excludable(it));
            b.group_of.push(g);
            match it.kind {
                ItemKind::Installment | ItemKind::Opening => {
                    b.inst[k].push(i);
                    if fallen {
                        b.inst_fallen[k] += it.unpaid().cents();
                    }
                }
                _ => {
                    b.extra[k].push(i);
                    b.extra_fallen[k] += it.unpaid().cents();
                }
            }
        }
        b.queue = (0..items.len()).collect();
        b.queue.sort_by_key(|&i| items[i].interest_from);
        b
    }

    fn group(
        &mut self,
        it: &Item,
        class: Option<(Option<Date>, Option<Date>)>,
        excludable: bool,
    ) -> usize {
        let found = self.groups.iter().position(|g| {
            g.ty == it.obligation_type
                && g.excludable == excludable
                && g.day_count == it.day_count
                && g.class == class
        });
        match found {
            Some(g) => {
                let gr = &mut self.groups[g];
                gr.newest = gr.newest.max(it.due);
                g
            }
            None => {
                self.groups.push(Group {
                    ty: it.obligation_type,
                    excludable,
                    day_count: it.day_count,
                    class,
                    due: it.due,
                    newest: it.due,
                    sum: 0,
                });
                self.groups.len() - 1
            }
        }
    }

    /// Adds a judgment or renewal made on the current day: fallen due, and bearing interest
    /// from its date.
    pub fn add_extra(
        &mut self,
        items: &mut Vec<Item>,
        item: Item,
        class: Option<(Option<Date>, Option<Date>)>,
    ) -> usize {
        let i = items.len();
        let k = item.obligation_type.index();
        let g = self.group(&item, class, false);
        self.extra_fallen[k] += item.unpaid().cents();
        self.groups[g].sum += item.unpaid().cents();
        self.fallen.push(true);
        self.bearing.push(true);
        self.group_of.push(g);
        self.extra[k].push(i);
        items.push(item);
        i
    }

    /// Starts interest on every item whose interest starts on or before `day`.
    pub fn activate_until(&mut self, items: &[Item], day: Date) {
        while let Some(&i) = self.queue.get(self.queued) {
            if items[i].interest_from > day {
                break;
            }
            self.queued += 1;
            if !self.bearing[i] {
                self.bearing[i] = true;
                let g = self.group_of[i];
                self.groups[g].sum += items[i].unpaid().cents();
            }
        }
    }

    /// The next day an item starts to bear interest.
    pub fn next_activation(&self, items: &[Item]) -> Option<Date> {
        self.queue.get(self.queued).map(|&i| items[i].interest_from)
    }

    /// An installment falls due.
    pub fn fall(&mut self, items: &[Item], i: usize) {
        if !self.fallen[i] {
            self.fallen[i] = true;
            let k = items[i].obligation_type.index();
            self.inst_fallen[k] += items[i].unpaid().cents();
        }
    }

    fn settle(&mut self, items: &[Item], i: usize, x: Money) {
        let it = &items[i];
        let x = x.cents();
        let k = it.obligation_type.index();
        if self.fallen[i] {
            match it.kind {
                ItemKind::Installment | ItemKind::Opening => self.inst_fallen[k] -= x,
                _ => self.extra_fallen[k] -= x,
            }
        }
        if self.bearing[i] {
            let g = self.group_of[i];
            self.groups[g].sum -= x;
        }
    }

    /// Pays `x` of item `i`.
    pub fn pay(&mut self, items: &mut [Item], i: usize, x: Money) {
        self.settle(items, i, x);
        items[i].paid = items[i].paid + x;
    }

    /// Moves what is unpaid of item `i` into a judgment.
    pub fn confirm(&mut self, items: &mut [Item], i: usize) -> Money {
        let u = items[i].unpaid();
        self.settle(items, i, u);
        items[i].confirmed = items[i].confirmed + u;
        u
    }

    /// The position in `inst[k]` of the oldest installment of type `k` with anything unpaid.
    pub fn oldest_unpaid(&mut self, items: &[Item], k: usize) -> usize {
        let list = &self.inst[k];
        let mut p = self.oldest[k];
        while p < list.len() && items[list[p]].unpaid().is_zero() {
            p += 1;
        }
        self.oldest[k] = p;
        p
    }

    /// The positions in `inst[k]` of the installments due from `from` (inclusive) to `to`
    /// (exclusive).
    pub fn due_between(&self, items: &[Item], k: usize, from: Date, to: Date) -> (usize, usize) {
        let list = &self.inst[k];
        let a = list.partition_point(|&i| items[i].due < from);
        let b = list.partition_point(|&i| items[i].due < to);
        (a, b.max(a))
    }
}

pub(super) fn resume(
    saved: &SavedState,
    scheduled: Vec<Item>,
    input: &LedgerInput,
    as_of: Date,
) -> Result<SavedState, Error> {
    let bad = |what: String| {
        Error::invalid(
            "resume_from",
            what,
            "a state saved from this case, on or before as_of",
        )
    };
    if saved.state != input.state {
        return Err(bad(format!("state {}", saved.state.as_str())));
    }
    if saved.as_of > as_of {
        return Err(bad(format!("as_of {}", saved.as_of)));
    }
    if saved.interest.len() != ObligationType::ALL.len() {
        return Err(bad("interest must list the four obligation types".into()));
    }
    check_fields(saved)?;
    let mut out = saved.clone();
    let known: HashMap<&str, &Item> = saved.items.iter().map(|i| (i.id.as_str(), i)).collect();
    let scheduled_ids: HashSet<&str> = scheduled.iter().map(|s| s.id.as_str()).collect();
    for it in &scheduled {
        match known.get(it.id.as_str()) {
            Some(s) => {
                if s.due != it.due
                    || s.amount != it.amount
                    || s.obligation_type != it.obligation_type
                    || s.kind != it.kind
                    || s.interest_from != it.interest_from
                    || s.rate != it.rate
                    || s.day_count != it.day_count
                {
                    return Err(bad(format!(
                        "installment {} differs from the orders",
                        it.id
                    )));
                }
            }
            None => {
                if it.due < saved.as_of {
                    return Err(bad(format!(
                        "installment {} due {} is missing",
                        it.id, it.due
                    )));
                }
                out.items.push(it.clone());
            }
        }
    }
    for it in &saved.items {
        if matches!(it.kind, ItemKind::Installment | ItemKind::Opening)
            && !scheduled_ids.contains(it.id.as_str())
        {
            return Err(bad(format!("installment {} is not in the orders", it.id)));
        }
        if it.paid.as_decimal() < Decimal::ZERO || it.unpaid().as_decimal() < Decimal::ZERO {
            return Err(bad(format!("item {} has a negative balance", it.id)));
        }
    }
    out.items.sort_by_cached_key(|it| it.key());
    Ok(out)
}

/// Checks every field of a saved state for its meaning: no negative amount, nothing paid beyond
/// what is owed, each item once, interest paid or capitalised within what accrued.
fn check_fields(saved: &SavedState) -> Result<(), Error> {
    let bad = |field: String, value: String, allowed: &str| {
        Error::invalid(format!("resume_from.{field}"), value, allowed.to_string())
    };
    let mut ids = HashSet::new();
    for (k, it) in saved.items.iter().enumerate() {
        let at = format!("items[{k}]");
        if !ids.insert(it.id.as_str()) {
            return Err(bad(format!("{at}.id"), it.id.clone(), "each item once"));
        }
        for (name, v) in [
            ("amount", it.amount),
            ("paid", it.paid),
            ("confirmed", it.confirmed),
        ] {
            if v < Money::ZERO {
                return Err(bad(
                    format!("{at}.{name}"),
                    v.to_string(),
                    "an amount of zero or more",
                ));
            }
        }
        if it.unpaid() < Money::ZERO {
            return Err(bad(
                format!("{at}.paid"),
                it.paid.to_string(),
                "at most the item's amount less what was confirmed",
            ));
        }
        if it.rate < Decimal::ZERO || it.rate >= Decimal::ONE {
            return Err(bad(
                format!("{at}.rate"),
                it.rate.to_string(),
                "a yearly rate from 0 up to 1",
            ));
        }
    }
    for (k, ti) in saved.interest.iter().enumerate() {
        let at = format!("interest[{k}]");
        if ti.accrued < Decimal::ZERO {
            return Err(bad(
                format!("{at}.accrued"),
                ti.accrued.to_string(),
                "accrued interest of zero or more",
            ));
        }
        for (name, v) in [
            ("posted", ti.posted),
            ("paid", ti.paid),
            ("capitalized", ti.capitalized),
        ] {
            if v < Money::ZERO {
                return Err(bad(
                    format!("{at}.{name}"),
                    v.to_string(),
                    "an amount of zero or more",
                ));
            }
        }
        if ti.posted > ti.rounded() || ti.paid + ti.capitalized > ti.rounded() {
            return Err(bad(
                format!("{at}.paid"),
                ti.paid.to_string(),
                "interest posted, paid and capitalised within the interest accrued",
            ));
        }
    }
    if saved.credit < Money::ZERO {
        return Err(bad(
            "credit".into(),
            saved.credit.to_string(),
            "an amount of zero or more",
        ));
    }
    if saved.fees_paid < Money::ZERO || saved.fees_paid > saved.counters.fees_assessed {
        return Err(bad(
            "fees_paid".into(),
            saved.fees_paid.to_string(),
            "from zero to the fees assessed",
        ));
    }
    Ok(())
}
