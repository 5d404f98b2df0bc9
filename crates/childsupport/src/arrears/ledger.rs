//! The arrears ledger: an event-driven engine from an order history and a payment history to
//! ledger lines, monthly periods, totals as of any date, and a saved state to resume from.
//!
//! The engine works in stages, one file each: [`super::input`] (the request, its validation,
//! the items and events), [`super::state`] (the saved state and the running sums kept beside
//! it), `accrual` (interest over spans, posting), [`super::crediting`] (the statutory order
//! and applying a payment), `capitalisation` (judgments and renewals) and [`super::report`]
//! (lines, periods, totals, worksheet). Every step is linear in the events: balances are
//! running sums, crediting starts at a pointer to the oldest unpaid installment, and an
//! accrual span costs one step per group of items bearing interest alike.
//!
//! # Request (`arrears_ledger`)
//! ```json
//! {"state": "california",            // or "texas"
//!  "as_of": "2025-07-16",            // the ledger runs to the start of this day, or
//!  "through": "2025-07-15",          // instead: to the end of this day (= as of the next)
//!  "iv_d": true,                     // a IV-D case (California: interest from the 1st of the next month)
//!  "options": {                      // all optional
//!    "interest_start": "due_date",   // California: "due_date" | "first_of_next_month"
//!    "day_count": "actual_365",      // "monthly" (California default) | "actual_365" (Texas default)
//!    "crediting_date": "2008-12-31", // apply the crediting order in force on this date to every payment
//!    "type_order": ["child", "medical", "spousal"]},
//!  "orders": [{"type": "child", "frequency": "monthly", "amount": "500", "start": "2025-01-01",
//!              "end": null, "due_day": 1, "due_days": [1, 15], "first_due": null, "prorate": false,
//!              "changes": [{"effective": "2026-01-01", "amount": "600"}]}],
//!  "payments": [{"date": "2025-07-15", "amount": "1200", "source": "regular", "receipt": 1,
//!                "id": "PMT-000123"}],          // the caller's payment ID (optional, unique)
//!  "fees": [{"date": "2025-03-01", "amount": "25", "description": "service fee"}],
//!  "judgments": [{"date": "2025-06-30", "types": ["child"],     // Texas confirmations
//!                  "confirmed": [{"type": "child", "amount": "1400"}]}],  // the court's figure
//!  "renewals": [{"date": "2025-06-30"}],                        // California renewals
//!  "reversals": [{"payment_id": "PMT-000123", "date": "2025-07-20", "reason": "NSF"}],
//!  "moves": [{"payment_id": "PMT-000124", "date": "2025-07-21", "reason": "wrong case",
//!             "to_type": "spousal"}],                     // or "to_case": "CASE-2"
//!  "opening_balances": [{"date": "2025-01-01", "type": "child", "principal": "5000",
//!                        "interest": "1250", "owed_since": "2023-04-01"}],
//!  "lump_sums": [{"date": "2025-03-15", "type": "child", "amount": "6000",
//!                 "owed_since": "2024-01-01", "description": "retroactive support"}],
//!  "report_dates": ["2025-04-01"],   // totals also as of these dates
//!  "resume_from": null}              // a saved_state from an earlier answer
//! ```
//!
//! # Result
//! `{"state", "as_of", "through"?, "settings", "lines": [LINE...], "periods": [PERIOD...],
//! "installments": [...], "totals": TOTALS, "snapshots": [TOTALS...], "saved_state": STATE,
//! "worksheet": [...], "reversals"?: [{"payment_id", "reference", "payment_date", "amount",
//! "date", "reason", "applied", "to_credit"}], "moved"?: [{"date", "event", "reference",
//! "payment_id", "before", "before_to_credit", "after", "after_to_credit"}]}`. A reversed
//! payment is left out of the crediting (the ledger is as if it had never been credited) and a
//! `reversal` line records it on its date; `reversals` shows how it had been applied and
//! `moved` every later line whose applications changed.
//! A LINE is `{"date", "event", "reference", "type", "payment_id", "source", "description",
//! "amount", "installment_amount", "applied":
//! [{"tier", "type", "item", "due", "amount", "from_credit"}], "to_credit", "balances",
//! "citation"}`; `event` is `installment`, `order_change`, `fee`, `payment`, `interest`,
//! `judgment`, `renewal` or `reversal`. BALANCES are `{"principal", "unconfirmed_principal",
//! "confirmed_principal", "interest", "fees", "credit", "total_owed"}` after the line (principal
//! is every unpaid installment that has fallen due, the current month's included; interest is the
//! rounded cumulative exact interest less what was paid or capitalised). TOTALS are as of the
//! start of their date. Every amount is a string.
//!
//! # Saved state
//! `saved_state` is the whole engine state as of `as_of` (every event before that day applied),
//! a checkpoint with a version, a fingerprint of everything before its date and a seal
//! ([`super::checkpoint`]).
//! Send it back as `resume_from` with the same orders and events (later events may be added) and
//! a later `as_of`: the result is the same as from the start, with the lines from the saved date
//! on.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::crediting::PaymentSource;
use super::input::{money, Event, EventKind};
use super::schedule::Schedule;
use super::state::Book;
use super::{Jurisdiction, ObligationType};
use crate::date::Date;
use crate::error::Error;
use crate::money::Money;
use crate::rules::Rules;

pub use super::input::{
    ConfirmedAmount, FeeInput, JudgmentInput, LedgerInput, LedgerOptions, LumpSumInput, MoveInput,
    OpeningBalanceInput, PaymentInput, RenewalInput, ReversalInput,
};
pub use super::report::{
    Application, Balances, ItemView, LedgerResult, Line, LineEvent, MoveView, Moved, Period,
    ReversalView, Settings, Totals, TypeTotals,
};
pub use super::state::{Consumed, Counters, Item, ItemKind, Owed, SavedState, TypeInterest};

/// The engine: the request, the state, the running sums and what the report collects.
pub(super) struct Engine<'a> {
    pub rules: &'a Rules,
    pub input: &'a LedgerInput,
    pub as_of: Date,
    pub state: Jurisdiction,
    pub type_order: Vec<ObligationType>,
    pub schedule: Schedule,
    pub s: SavedState,
    pub book: Book,
    /// Per item: its installment's position in the schedule (usize::MAX for others).
    pub inst_meta: Vec<usize>,
    /// Texas: the most days from a due date to delinquency.
    pub max_lag: i64,
    /// Days on which a rate or (Texas) one month's obligation may change.
    pub breakpoints: Vec<Date>,
    pub lines: Vec<Line>,
    pub closings: BTreeMap<(i32, u32), Balances>,
    pub payments: Vec<(Money, PaymentSource)>,
    pub payment_rank: Vec<u64>,
    /// Per payment: the reversal that reverses it (usize::MAX: none).
    pub reversed_payment: Vec<usize>,
    /// Per payment: the move that corrects it (usize::MAX: none).
    pub moved_payment: Vec<usize>,
    /// Per move: the obligation type the payment belonged to (None: another case).
    pub move_types: Vec<Option<ObligationType>>,
    /// Per lump-sum judgment: its type and amount.
    pub lump_sums: Vec<(ObligationType, Money)>,
    /// Per judgment: the amounts the court confirmed, by type.
    pub court_figures: Vec<Vec<(ObligationType, Money)>>,
    /// The items the orders and opening balances make (for a checkpoint's fingerprint).
    pub scheduled: Vec<super::state::Item>,
    /// Whether lines, applications and monthly closings are made (false: only the state and
    /// the totals, for caseloads).
    pub trace: bool,
    /// Whether reversals and moves apply (false: the ledger as the payments were first
    /// credited).
    pub reversing: bool,
    pub fees: Vec<Money>,
    pub judgment_types: Vec<Vec<ObligationType>>,
    pub crediting_cites: Vec<String>,
    /// Per type: the cumulative exact interest rounded to cents, in cents (kept as it changes).
    pub int_rounded: [i64; 4],
    /// The rates used so far (for the worksheet).
    pub rate_cites: Vec<String>,
    /// The rate entries that can apply from the first day any item bears interest: the first
    /// day each holds and its citation (an interest posting cites those begun by its date).
    pub posting_rates: Vec<(Date, String)>,
    /// How many of `posting_rates` the last posting cited, and its citation.
    pub posting_cite: (usize, String),
}

/// The longest history a ledger covers, from the earliest order's start to `as_of`: an engine
/// limit (not a rule of law) that keeps a mistyped date from making a ledger of centuries. A
/// support order and its arrears fit well inside it.
pub const MAX_LEDGER_YEARS: i32 = 100;

/// Computes the ledger of `input` under `rules`.
pub fn compute_ledger(rules: &Rules, input: &LedgerInput) -> Result<LedgerResult, Error> {
    if input.reversals.is_empty() && input.moves.is_empty() {
        return run(rules, input, true);
    }
    // The ledger as the payments were first credited, and as if the reversed ones never were
    // and the moved ones had been applied where they belonged: the second is the answer;
    // comparing them shows what moved.
    let before = run(rules, input, false)?;
    let mut after = run(rules, input, true)?;
    super::report::what_moved(input, &before, &mut after);
    Ok(after)
}

/// What is owed as of a date, without the ledger's lines: the lean engine for caseloads.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct LedgerTotals {
    /// The ledger runs to the start of this day.
    pub as_of: Date,
    /// Totals as of `as_of` (the same as [`LedgerResult::totals`]).
    pub totals: Totals,
    /// Totals as of each report date.
    pub snapshots: Vec<Totals>,
}

/// The totals of `input` under `rules`, computed by the same engine as [`compute_ledger`]
/// without making lines, applications, monthly periods, a worksheet or a checkpoint (the same
/// numbers: a property test compares them).
pub fn compute_totals(rules: &Rules, input: &LedgerInput) -> Result<LedgerTotals, Error> {
    let (mut engine, snapshots) = drive(rules, input, true, false)?;
    let as_of = engine.as_of;
    Ok(LedgerTotals {
        as_of,
        totals: engine.totals(as_of)?,
        snapshots,
    })
}

fn run(rules: &Rules, input: &LedgerInput, reversing: bool) -> Result<LedgerResult, Error> {
    let (engine, snapshots) = drive(rules, input, reversing, true)?;
    engine.finish().map(|mut r| {
        r.snapshots = snapshots;
        r
    })
}

/// Runs the engine over `input`'s events to its date; the engine and the report dates' totals.
fn drive<'a>(
    rules: &'a Rules,
    input: &'a LedgerInput,
    reversing: bool,
    trace: bool,
) -> Result<(Engine<'a>, Vec<Totals>), Error> {
    let mut engine = Engine::new(rules, input)?;
    engine.reversing = reversing;
    engine.trace = trace;
    let as_of = engine.as_of;
    let events = engine.events()?;
    let start = engine.s.as_of;
    let mut cursor = events.partition_point(|e| e.date < start);
    let mut report_dates: Vec<Date> = input
        .report_dates
        .iter()
        .copied()
        .filter(|d| *d >= start && *d <= as_of)
        .collect();
    report_dates.sort();
    report_dates.dedup();
    for (i, d) in input.report_dates.iter().enumerate() {
        if *d > as_of {
            return Err(Error::invalid(
                format!("report_dates[{i}]"),
                d,
                format!("a date on or before as_of {}", as_of),
            ));
        }
    }
    let mut snapshots = Vec::new();
    for target in report_dates.iter().copied().chain(std::iter::once(as_of)) {
        while cursor < events.len() && events[cursor].date < target {
            let e = events[cursor];
            engine.accrue_to(e.date)?;
            engine.process(e)?;
            cursor += 1;
        }
        engine.accrue_to(target)?;
        if target != as_of || snapshots.len() < report_dates.len() {
            snapshots.push(engine.totals(target)?);
        }
    }
    Ok((engine, snapshots))
}

impl<'a> Engine<'a> {
    fn process(&mut self, e: Event) -> Result<(), Error> {
        match e.kind {
            EventKind::Due(idx) => self.fall_due(idx, e.date),
            EventKind::Change(..) if !self.trace => Ok(()),
            EventKind::Change(i, j) => {
                let c = &self.input.orders[i].changes[j];
                let amount = money(&format!("orders[{i}].changes[{j}].amount"), c.amount)?;
                let balances = self.balances();
                let ty = self
                    .schedule
                    .segments
                    .iter()
                    .find(|s| s.order == i)
                    .map(|s| s.obligation_type);
                self.lines.push(Line {
                    date: e.date,
                    event: LineEvent::OrderChange,
                    reference: format!("orders[{i}].changes[{j}]"),
                    obligation_type: ty,
                    payment_id: None,
                    source: None,
                    installment_amount: Some(amount),
                    description: format!(
                        "order modified: {amount} per installment for installments due on or after {}",
                        e.date
                    ),
                    amount: Money::ZERO,
                    applied: vec![],
                    to_credit: Money::ZERO,
                    balances,
                    citation: "order modification, effective on its date (Fam. Code §3653(a)); library reading R-AR-1: same-day events, order changes before installments".to_string(),
                });
                Ok(())
            }
            EventKind::Fee(i) => {
                let amount = self.fees[i];
                self.s.counters.fees_assessed = self.s.counters.fees_assessed + amount;
                self.s.consumed.fees += 1;
                if !self.trace {
                    return Ok(());
                }
                let balances = self.balances();
                self.lines.push(Line {
                    date: e.date,
                    event: LineEvent::Fee,
                    reference: format!("fees[{i}]"),
                    obligation_type: None,
                    payment_id: None,
                    source: None,
                    installment_amount: None,
                    description: self.input.fees[i]
                        .description
                        .clone()
                        .unwrap_or_else(|| "fee or cost ordered".into()),
                    amount,
                    applied: vec![],
                    to_credit: Money::ZERO,
                    balances,
                    citation: match self.state {
                        Jurisdiction::Texas => {
                            "Tex. Fam. Code §157.268(6): fees and costs, paid last".into()
                        }
                        Jurisdiction::California => {
                            "library reading R-AR-3: fees paid after support and interest"
                                .to_string()
                        }
                    },
                });
                Ok(())
            }
            EventKind::Payment(i)
                if self.reversing
                    && (self.reversed_payment[i] != usize::MAX
                        || self
                            .moved_payment
                            .get(i)
                            .is_some_and(|&m| m != usize::MAX && self.move_types[m].is_none())) =>
            {
                // Never credited: the ledger is as if it had not been received.
                self.s.consumed.payments += 1;
                Ok(())
            }
            EventKind::Payment(i) => self.pay(i, e.date),
            EventKind::Reversal(r) => self.reversal(r, e.date),
            EventKind::Move(m) => self.move_payment(m, e.date),
            EventKind::Opening(i) => self.opening(i, e.date),
            EventKind::LumpSum(i) => self.lump_sum(i, e.date),
            EventKind::Judgment(i) => self.judgment(i, e.date),
            EventKind::Renewal(i) => self.renewal(i, e.date),
        }
    }
}
