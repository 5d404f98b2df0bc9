//! The report: ledger lines, monthly periods, totals as of a date, and the worksheet of the
//! rules and readings applied.

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::accrual::rate_cite;
use super::crediting::PaymentSource;
use super::interest::{self, AccrualStart, DayCount};
use super::ledger::Engine;
use super::state::{Counters, Item, SavedState};
use super::{Jurisdiction, ObligationType};
use crate::date::Date;
use crate::error::Error;
use crate::money::Money;
use crate::rules::arrears::Tier;
use crate::worksheet::Worksheet;

pub(super) fn month_key(d: Date) -> (i32, u32) {
    (d.year(), d.month())
}

/// One application of money to a debt.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct Application {
    /// The crediting tier.
    pub tier: Tier,
    /// The obligation type (none for fees).
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    pub obligation_type: Option<ObligationType>,
    /// The principal item paid, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub item: Option<String>,
    /// The item's due date.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub due: Option<Date>,
    /// The amount applied.
    pub amount: Money,
    /// Whether it came from credit carried forward.
    pub from_credit: bool,
}

/// Balances after a line, or as of a date.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct Balances {
    /// Unpaid principal fallen due (installments, judgments, capitalised interest).
    pub principal: Money,
    /// Texas: unpaid installments not confirmed.
    pub unconfirmed_principal: Money,
    /// Texas: unpaid judgment balances.
    pub confirmed_principal: Money,
    /// Unpaid interest (cumulative exact interest rounded, less paid and capitalised).
    pub interest: Money,
    /// Unpaid fees.
    pub fees: Money,
    /// Credit carried forward.
    pub credit: Money,
    /// Principal + interest + fees.
    pub total_owed: Money,
}

/// What a ledger line records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum LineEvent {
    /// An installment fell due.
    Installment,
    /// An order change took effect.
    OrderChange,
    /// A fee was assessed.
    Fee,
    /// A payment was received and applied.
    Payment,
    /// Interest was posted.
    Interest,
    /// A judgment confirmed the arrears (Texas).
    Judgment,
    /// A renewal capitalised interest (California).
    Renewal,
    /// A payment was reversed (dishonored, NSF): the ledger is as if it had never been
    /// credited.
    Reversal,
    /// A misapplied payment was moved to the obligation or case it belonged to.
    Move,
    /// A balance carried over from another system.
    OpeningBalance,
    /// A lump-sum or retroactive support judgment.
    LumpSum,
}

/// A ledger line.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct Line {
    /// The day.
    pub date: Date,
    /// What happened.
    pub event: LineEvent,
    /// What in the request it comes from (`payments[3]`, `orders[0]#5`).
    pub reference: String,
    /// The obligation type, where there is one.
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    pub obligation_type: Option<ObligationType>,
    /// Payment lines (and the interest posted to a payment's date): the caller's payment ID.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub payment_id: Option<String>,
    /// Payment lines: where the payment came from.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<PaymentSource>,
    /// In words.
    pub description: String,
    /// The amount due, paid, posted or confirmed (an order change: zero, it charges nothing).
    pub amount: Money,
    /// An order change: the new installment amount.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub installment_amount: Option<Money>,
    /// How money was applied.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub applied: Vec<Application>,
    /// Carried forward as credit.
    pub to_credit: Money,
    /// Balances after the line.
    pub balances: Balances,
    /// The law or reading behind it.
    pub citation: String,
}

/// A calendar month of the ledger.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct Period {
    /// `YYYY-MM`.
    pub month: String,
    /// Installments fallen due.
    pub due: Money,
    /// Payments received.
    pub paid: Money,
    /// Applied to current support.
    pub applied_current: Money,
    /// Applied to non-delinquent support.
    pub applied_non_delinquent: Money,
    /// Applied to principal.
    pub applied_principal: Money,
    /// Applied to interest.
    pub applied_interest: Money,
    /// Applied to fees.
    pub applied_fees: Money,
    /// Carried forward as credit.
    pub to_credit: Money,
    /// Interest posted.
    pub interest_posted: Money,
    /// Balances at the end of the month (or as of the ledger's date, for its last month).
    pub closing: Balances,
}

/// Totals of one obligation type.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct TypeTotals {
    /// The type.
    #[serde(rename = "type")]
    pub obligation_type: ObligationType,
    /// Unpaid principal fallen due.
    pub principal: Money,
    /// Unpaid interest.
    pub interest: Money,
    /// Cumulative exact interest.
    #[serde(with = "crate::money::exact")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::ExactDecimal"))]
    pub interest_accrued_exact: Decimal,
    /// Cumulative interest rounded to cents.
    pub interest_accrued: Money,
    /// Interest paid.
    pub interest_paid: Money,
    /// Interest capitalised.
    pub interest_capitalized: Money,
}

/// Totals as of the start of a date.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct Totals {
    /// The date.
    pub as_of: Date,
    /// Installments fallen due.
    pub due: Money,
    /// Payments received.
    pub paid: Money,
    /// Running totals of applications.
    pub counters: Counters,
    /// Balances.
    pub balances: Balances,
    /// Cumulative exact interest (all types).
    #[serde(with = "crate::money::exact")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::ExactDecimal"))]
    pub interest_accrued_exact: Decimal,
    /// The due date of the oldest unpaid amount: arrears owed since then.
    pub owed_since: Option<Date>,
    /// Per obligation type.
    pub by_type: Vec<TypeTotals>,
}

/// The settings a ledger used.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct Settings {
    /// IV-D case.
    pub iv_d: bool,
    /// California: when interest starts (for the first installment).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub interest_start: Option<AccrualStart>,
    /// The day count (for the first installment).
    pub day_count: DayCount,
    /// Type order within tiers.
    pub type_order: Vec<ObligationType>,
    /// The crediting date, if fixed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub crediting_date: Option<Date>,
    /// The date of withholding is taken as the date of collection (45 CFR 302.51(a)(4)(ii)).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub date_of_withholding: bool,
}

/// A view of an installment or principal item.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct ItemView {
    /// The item.
    #[serde(flatten)]
    pub item: Item,
    /// Unpaid.
    pub unpaid: Money,
}

/// An arrears ledger.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct LedgerResult {
    /// The state.
    pub state: Jurisdiction,
    /// The ledger runs to the start of this day.
    pub as_of: Date,
    /// The ledger was asked "through" this day (its end: `as_of` is the next day).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub through: Option<Date>,
    /// The settings used.
    pub settings: Settings,
    /// The lines, in event order.
    pub lines: Vec<Line>,
    /// Monthly summaries.
    pub periods: Vec<Period>,
    /// Principal items fallen due (or prepaid), with what is unpaid.
    pub installments: Vec<ItemView>,
    /// Totals as of `as_of`.
    pub totals: Totals,
    /// Totals as of each report date.
    pub snapshots: Vec<Totals>,
    /// The engine state as of `as_of`, to resume from.
    pub saved_state: SavedState,
    /// The rules and readings applied.
    pub worksheet: Worksheet,
    /// The payments reversed, with how they had first been applied.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub reversals: Vec<ReversalView>,
    /// The misapplied payments moved, with how they were applied before and after.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub moved_payments: Vec<MoveView>,
    /// What the reversals and moves changed: each line whose applications changed, before and
    /// after.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub moved: Vec<Moved>,
    /// How many of `lines` a ledger resumed from `saved_state` would also have (the rest post
    /// the last, partial month's interest to the as-of date: a report, not a posting).
    #[serde(skip)]
    pub(crate) settled_lines: usize,
}

/// A misapplied payment moved to the obligation or case it belonged to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct MoveView {
    /// The payment's ID.
    pub payment_id: String,
    /// Where it is in the request (`payments[3]`).
    pub reference: String,
    /// The day it was received.
    pub payment_date: Date,
    /// Its amount.
    pub amount: Money,
    /// The day the correction is recorded.
    pub date: Date,
    /// Why.
    pub reason: String,
    /// The obligation type it belonged to.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub to_type: Option<ObligationType>,
    /// The case it belonged to (it left this ledger).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub to_case: Option<String>,
    /// How it had been applied (taken back).
    pub before: Vec<Application>,
    /// Carried forward as credit before.
    pub before_to_credit: Money,
    /// How it is applied now (empty when it left for another case).
    pub after: Vec<Application>,
    /// Carried forward as credit now.
    pub after_to_credit: Money,
}

/// A payment reversed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct ReversalView {
    /// The payment's ID.
    pub payment_id: String,
    /// Where it is in the request (`payments[3]`).
    pub reference: String,
    /// The day it was received.
    pub payment_date: Date,
    /// Its amount.
    pub amount: Money,
    /// The day the reversal is recorded.
    pub date: Date,
    /// Why.
    pub reason: String,
    /// How it had been applied before it was reversed (now undone).
    pub applied: Vec<Application>,
    /// What of it had been carried forward as credit (now undone).
    pub to_credit: Money,
}

/// A line whose applications a reversal changed (a later payment re-credited in the statutory
/// order, or credit applied to an installment).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct Moved {
    /// The day.
    pub date: Date,
    /// What happened (`payment`, `installment`).
    pub event: LineEvent,
    /// Where it is in the request.
    pub reference: String,
    /// A payment's ID.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub payment_id: Option<String>,
    /// How it was applied before the reversal.
    pub before: Vec<Application>,
    /// Carried forward as credit before.
    pub before_to_credit: Money,
    /// How it is applied now.
    pub after: Vec<Application>,
    /// Carried forward as credit now.
    pub after_to_credit: Money,
}

/// Fills `after`'s reversals and what moved, from the ledger `before` the reversals.
pub(super) fn what_moved(
    input: &super::input::LedgerInput,
    before: &LedgerResult,
    after: &mut LedgerResult,
) {
    use std::collections::HashMap;
    let key = |l: &Line| (l.event, l.reference.clone());
    let old: HashMap<(LineEvent, String), &Line> = before
        .lines
        .iter()
        .filter(|l| matches!(l.event, LineEvent::Payment | LineEvent::Installment))
        .map(|l| (key(l), l))
        .collect();
    for rev in &input.reversals {
        let Some(p) = input
            .payments
            .iter()
            .position(|p| p.id.as_deref() == Some(rev.payment_id.as_str()))
        else {
            continue;
        };
        let reference = format!("payments[{p}]");
        let first = old.get(&(LineEvent::Payment, reference.clone()));
        after.reversals.push(ReversalView {
            payment_id: rev.payment_id.clone(),
            reference,
            payment_date: input.payments[p].date,
            amount: first.map_or(Money::ZERO, |l| l.amount),
            date: rev.date,
            reason: rev.reason.clone(),
            applied: first.map(|l| l.applied.clone()).unwrap_or_default(),
            to_credit: first.map_or(Money::ZERO, |l| l.to_credit),
        });
    }
    for mv in &input.moves {
        let Some(p) = input
            .payments
            .iter()
            .position(|p| p.id.as_deref() == Some(mv.payment_id.as_str()))
        else {
            continue;
        };
        let reference = format!("payments[{p}]");
        let first = old.get(&(LineEvent::Payment, reference.clone()));
        let now = after
            .lines
            .iter()
            .find(|l| l.event == LineEvent::Payment && l.reference == reference);
        after.moved_payments.push(MoveView {
            payment_id: mv.payment_id.clone(),
            reference: reference.clone(),
            payment_date: input.payments[p].date,
            amount: first.map_or(Money::ZERO, |l| l.amount),
            date: mv.date,
            reason: mv.reason.clone(),
            to_type: mv
                .to_type
                .as_deref()
                .and_then(|t| ObligationType::ALL.into_iter().find(|o| o.as_str() == t)),
            to_case: mv.to_case.clone(),
            before: first.map(|l| l.applied.clone()).unwrap_or_default(),
            before_to_credit: first.map_or(Money::ZERO, |l| l.to_credit),
            after: now.map(|l| l.applied.clone()).unwrap_or_default(),
            after_to_credit: now.map_or(Money::ZERO, |l| l.to_credit),
        });
    }
    let corrected: std::collections::HashSet<String> = after
        .moved_payments
        .iter()
        .map(|m| m.reference.clone())
        .collect();
    let moved = changed_lines(&before.lines, &after.lines, &corrected);
    after.moved = moved;
}

/// The payment and installment lines of `after` whose applications differ from the same line
/// in `before` (lines named in `skip` left out).
pub(super) fn changed_lines(
    before: &[Line],
    after: &[Line],
    skip: &std::collections::HashSet<String>,
) -> Vec<Moved> {
    use std::collections::HashMap;
    let key = |l: &Line| (l.event, l.reference.clone());
    let old: HashMap<(LineEvent, String), &Line> = before
        .iter()
        .filter(|l| matches!(l.event, LineEvent::Payment | LineEvent::Installment))
        .map(|l| (key(l), l))
        .collect();
    let mut out = Vec::new();
    for l in after {
        if !matches!(l.event, LineEvent::Payment | LineEvent::Installment)
            || skip.contains(&l.reference)
        {
            continue;
        }
        if let Some(o) = old.get(&key(l)) {
            if o.applied != l.applied || o.to_credit != l.to_credit {
                out.push(Moved {
                    date: l.date,
                    event: l.event,
                    reference: l.reference.clone(),
                    payment_id: l.payment_id.clone(),
                    before: o.applied.clone(),
                    before_to_credit: o.to_credit,
                    after: l.applied.clone(),
                    after_to_credit: l.to_credit,
                });
            }
        }
    }
    out
}

impl<'a> Engine<'a> {
    /// The balances now: every item fallen due (an installment due later in the month, paid
    /// in advance as current support, is not yet in them).
    pub(super) fn balances(&self) -> Balances {
        let mut b = Balances::default();
        let inst: i64 = self.book.inst_fallen.iter().sum();
        let extra: i64 = self.book.extra_fallen.iter().sum();
        b.principal = Money::from_cents(inst + extra);
        if self.state == Jurisdiction::Texas {
            b.unconfirmed_principal = Money::from_cents(inst);
            b.confirmed_principal = Money::from_cents(extra);
        }
        let interest: i64 = self
            .s
            .interest
            .iter()
            .zip(self.int_rounded)
            .map(|(t, r)| r - t.paid.cents() - t.capitalized.cents())
            .sum();
        let fees = self.s.counters.fees_assessed.cents() - self.s.fees_paid.cents();
        b.interest = Money::from_cents(interest);
        b.fees = Money::from_cents(fees);
        b.credit = self.s.credit;
        b.total_owed = Money::from_cents(inst + extra + interest + fees);
        b
    }

    pub(super) fn totals(&mut self, as_of: Date) -> Result<Totals, Error> {
        let balances = self.balances();
        let mut owed_since: Option<Date> = None;
        let mut by_type = Vec::new();
        for k in 0..ObligationType::ALL.len() {
            let p = self.book.oldest_unpaid(&self.s.items, k);
            let oldest = self.book.inst[k]
                .get(p)
                .filter(|&&i| self.book.fallen[i])
                .map(|&i| self.s.items[i].due);
            let extra = self.book.extra[k]
                .iter()
                .filter_map(|&i| self.s.items[i].owed_since())
                .min();
            for d in oldest.into_iter().chain(extra) {
                owed_since = Some(owed_since.map_or(d, |o| o.min(d)));
            }
        }
        for ty in &self.type_order {
            let ti = &self.s.interest[ty.index()];
            let k = ty.index();
            by_type.push(TypeTotals {
                obligation_type: *ty,
                principal: Money::from_cents(self.book.inst_fallen[k] + self.book.extra_fallen[k]),
                interest: ti.unpaid(),
                interest_accrued_exact: interest::exact(ti.accrued).normalize(),
                interest_accrued: ti.rounded(),
                interest_paid: ti.paid,
                interest_capitalized: ti.capitalized,
            });
        }
        Ok(Totals {
            as_of,
            due: self.s.counters.due,
            paid: self.s.counters.paid,
            counters: self.s.counters.clone(),
            balances,
            interest_accrued_exact: self
                .s
                .interest
                .iter()
                .map(|t| interest::exact(t.accrued))
                .sum::<Decimal>()
                .normalize(),
            owed_since,
            by_type,
        })
    }

    pub(super) fn finish(mut self) -> Result<LedgerResult, Error> {
        let as_of = self.as_of;
        let totals = self.totals(as_of)?;
        // The state to resume from: every event before as_of, interest posted to the last
        // month end or event (the as-of posting below is a report, not a posting a resumed
        // ledger would repeat).
        let mut saved = self.s.clone();
        saved.as_of = as_of;
        saved.items.sort_by_cached_key(|it| it.key());
        super::checkpoint::seal_state(
            self.rules,
            self.input,
            &self.schedule.segments,
            &self.scheduled,
            &mut saved,
        );
        // The last, partial month posts what accrued to the as-of date, so its postings
        // reconcile with its closing balance.
        // (A ledger resumed from a state saved on as_of itself has no lines to add.)
        let resumed_at_end = self
            .input
            .resume_from
            .as_ref()
            .is_some_and(|r| r.as_of == as_of);
        let settled_lines = self.lines.len();
        if as_of.day() != 1 && !resumed_at_end {
            let last = as_of.add_days(-1)?;
            for ty in self.type_order.clone() {
                self.post(ty, last, "interest to the as-of date", None)?;
            }
            let b = self.balances();
            self.closings.insert(month_key(last), b);
        }
        let mut periods: BTreeMap<(i32, u32), Period> = BTreeMap::new();
        for (k, b) in &self.closings {
            periods.entry(*k).or_default().closing = b.clone();
        }
        for l in &self.lines {
            let p = periods.entry(month_key(l.date)).or_default();
            match l.event {
                LineEvent::Installment => p.due = p.due + l.amount,
                LineEvent::Payment => p.paid = p.paid + l.amount,
                LineEvent::Interest => p.interest_posted = p.interest_posted + l.amount,
                _ => {}
            }
            p.to_credit = p.to_credit + l.to_credit;
            for a in &l.applied {
                match a.tier {
                    Tier::Current => p.applied_current = p.applied_current + a.amount,
                    Tier::NonDelinquent => {
                        p.applied_non_delinquent = p.applied_non_delinquent + a.amount
                    }
                    Tier::Interest => p.applied_interest = p.applied_interest + a.amount,
                    Tier::Fees => p.applied_fees = p.applied_fees + a.amount,
                    _ => p.applied_principal = p.applied_principal + a.amount,
                }
            }
        }
        let periods = periods
            .into_iter()
            .map(|((y, m), mut p)| {
                p.month = format!("{y:04}-{m:02}");
                p
            })
            .collect();
        let installments = self
            .s
            .items
            .iter()
            .filter(|it| it.due < as_of || !it.paid.is_zero())
            .map(|it| ItemView {
                item: it.clone(),
                unpaid: it.unpaid(),
            })
            .collect();
        let first = self.s.items.first();
        let settings = Settings {
            iv_d: self.input.iv_d,
            interest_start: match self.state {
                Jurisdiction::California => Some(match first {
                    Some(it) if it.interest_from != it.due => AccrualStart::FirstOfNextMonth,
                    Some(_) => AccrualStart::DueDate,
                    None => self
                        .input
                        .options
                        .interest_start
                        .unwrap_or(AccrualStart::DueDate),
                }),
                Jurisdiction::Texas => None,
            },
            day_count: first
                .map(|i| i.day_count)
                .or(self.input.options.day_count)
                .unwrap_or(match self.state {
                    Jurisdiction::California => DayCount::Monthly,
                    Jurisdiction::Texas => DayCount::Actual365,
                }),
            type_order: self.type_order.clone(),
            crediting_date: self.input.options.crediting_date,
            date_of_withholding: self.input.options.date_of_withholding,
        };
        let mut ws = Worksheet::new();
        ws.step(
            "arrears.state",
            "Law applied",
            self.state.as_str(),
            "request",
        );
        match self.input.through {
            Some(t) => ws.step(
                "arrears.through",
                "Ledger through the end of",
                t,
                format!(
                    "library reading R-AR-1: \"through D\" is the end of day D, the same as as of D+1 ({as_of})"
                ),
            ),
            None => ws.step(
                "arrears.as_of",
                "Ledger as of the start of",
                as_of,
                "library reading R-AR-1: \"as of D\" is the start of day D".to_string(),
            ),
        }
        if self.rate_cites.is_empty() {
            let day = as_of.add_days(-1)?;
            if let Ok(r) = interest::rate_on(self.rules, self.state, day) {
                self.rate_cites.push(rate_cite(r));
            }
        }
        ws.step(
            "arrears.rate",
            if self.rate_cites.len() == 1 {
                "Interest rate"
            } else {
                "Interest rates (by the date interest accrues)"
            },
            self.rate_cites
                .iter()
                .map(|c| c.split(':').next().unwrap_or(""))
                .collect::<Vec<_>>()
                .join(", "),
            self.rate_cites.join("; "),
        );
        match self.state {
            Jurisdiction::California => {
                let (value, citation) = match settings.interest_start {
                    Some(AccrualStart::FirstOfNextMonth) => (
                        "first_of_next_month",
                        "Fam. Code §17433.5: no interest on support due in a month until the first day of the following month; library reading R-AR-9 (cases the local child support agency enforces)",
                    ),
                    _ => (
                        "due_date",
                        "Code Civ. Proc. §685.020(b): interest on each installment from the date it becomes due",
                    ),
                };
                ws.step("arrears.interest_start", "Interest starts", value, citation)
            }
            Jurisdiction::Texas => ws.step(
                "arrears.interest_start",
                "Interest starts",
                "on the 31st day after the due date, on the amount above one month's obligation",
                "Tex. Fam. Code §157.265(a), §157.266(a); library reading R-AR-4 (one month's obligation converted to monthly, the last amount after the order ends)",
            ),
        }
        ws.step(
            "arrears.day_count",
            "Day count",
            match settings.day_count {
                DayCount::Monthly => "monthly",
                DayCount::Actual365 => "actual_365",
            },
            "library reading R-AR-2: monthly = rate/12 a whole month, days/days-in-month for part; actual/365".to_string(),
        );
        ws.step(
            "arrears.crediting",
            "Crediting orders applied (by payment date)",
            format!(
                "{} statutory order{}",
                self.crediting_cites.len(),
                if self.crediting_cites.len() == 1 {
                    ""
                } else {
                    "s"
                }
            ),
            self.crediting_cites.join("; "),
        );
        ws.step(
            "arrears.due",
            "Installments fallen due",
            totals.due,
            "orders",
        );
        ws.step("arrears.paid", "Payments received", totals.paid, "payments");
        ws.exact(
            "arrears.interest_exact",
            "Interest accrued (exact)",
            totals.interest_accrued_exact,
            "library reading R-AR-2: exact accrual, never compounded".to_string(),
        );
        ws.step(
            "arrears.principal",
            "Unpaid principal",
            totals.balances.principal,
            "ledger",
        );
        ws.step(
            "arrears.interest",
            "Unpaid interest",
            totals.balances.interest,
            "ledger",
        );
        ws.step(
            "arrears.credit",
            "Credit carried forward",
            totals.balances.credit,
            "library reading R-AR-3: overpayment carried forward".to_string(),
        );
        ws.step(
            "arrears.total_owed",
            "Total owed",
            totals.balances.total_owed,
            "ledger",
        );
        if let Some(d) = totals.owed_since {
            ws.step(
                "arrears.owed_since",
                "Owed since (oldest unpaid due date)",
                d,
                "ledger",
            );
        }
        Ok(LedgerResult {
            state: self.state,
            as_of,
            through: self.input.through,
            settings,
            lines: self.lines,
            periods,
            installments,
            totals,
            snapshots: vec![],
            reversals: vec![],
            moved_payments: vec![],
            moved: vec![],
            settled_lines,
            saved_state: saved,
            worksheet: ws,
        })
    }
}
