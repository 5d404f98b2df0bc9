//! An open ledger a payment system can drive: open a case, post events as they happen
//! (payments with the caller's payment ID, fees, judgments, order changes, reversals, moves),
//! advance to a date, and ask what is owed, by obligation and installment.
//!
//! The open ledger runs the same engine as [`super::compute_ledger`], in steps: each
//! [`Ledger::advance_to`] resumes from the ledger's own checkpoint and applies only the events
//! since, so a case driven day by day costs what its events cost. An event dated before the
//! ledger's date (a payment received late, a reversal of a dishonored check, a misapplied
//! payment moved) rewinds to the last checkpoint before it and replays to where the ledger was:
//! later payments are credited again in the statutory order, and [`Posted::moved`] shows what
//! changed. At any point [`Ledger::report`] gives the whole ledger, the same as computing it
//! from the start (a property test checks that the steps and the whole agree).
//!
//! ```
//! use childsupport::arrears::open::{Ledger, Posting};
//! use childsupport::arrears::ledger::{LedgerInput, PaymentInput};
//! use childsupport::{Date, Rules};
//!
//! let case: LedgerInput = serde_json::from_str(r#"{"state": "california", "iv_d": true, "orders": [
//!     {"frequency": "monthly", "amount": "500", "start": "2025-01-01"}]}"#).unwrap();
//! let mut ledger = Ledger::open(Rules::embedded(), case)?;
//! ledger.post(Posting::Payment(serde_json::from_str(
//!     r#"{"date": "2025-01-10", "amount": "500", "id": "PMT-1"}"#).unwrap()))?;
//! ledger.advance_to("2025-02-01".parse::<Date>()?)?;
//! assert_eq!(ledger.owed().balances.total_owed.to_string(), "0.00");
//! ledger.advance_to("2025-02-02".parse::<Date>()?)?;
//! assert_eq!(ledger.owed().balances.principal.to_string(), "500.00");
//! # Ok::<(), childsupport::Error>(())
//! ```

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use super::input::{
    FeeInput, JudgmentInput, LedgerInput, LumpSumInput, MoveInput, PaymentInput, RenewalInput,
    ReversalInput,
};
use super::ledger::{compute_ledger, Engine};
use super::report::{changed_lines, ItemView, LedgerResult, Line, Moved, Totals};
use super::schedule::{ChangeInput, OrderInput};
use super::state::SavedState;
use crate::date::Date;
use crate::error::Error;
use crate::rules::Rules;

/// An event posted to an open ledger (JSON: the event's fields with `"event"` naming it).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum Posting {
    /// A payment received (with the caller's payment ID).
    Payment(PaymentInput),
    /// A fee or cost ordered.
    Fee(FeeInput),
    /// Texas: arrears confirmed and reduced to money judgment.
    Judgment(JudgmentInput),
    /// California: a renewal of the judgment.
    Renewal(RenewalInput),
    /// A lump-sum or retroactive support judgment.
    LumpSum(LumpSumInput),
    /// A payment reversed (dishonored, NSF).
    Reversal(ReversalInput),
    /// A misapplied payment moved to its obligation or case.
    Move(MoveInput),
    /// A new order.
    Order(OrderInput),
    /// A modification of the order at `order` (its index in the case's orders).
    OrderChange {
        /// The order's index.
        order: usize,
        /// The change.
        #[serde(flatten)]
        change: ChangeInput,
    },
}

impl Posting {
    /// The day it takes effect.
    fn date(&self) -> Date {
        match self {
            Posting::Payment(p) => p.withheld.unwrap_or(p.date).min(p.date),
            Posting::Fee(f) => f.date,
            Posting::Judgment(j) => j.date,
            Posting::Renewal(r) => r.date,
            Posting::LumpSum(l) => l.date,
            Posting::Reversal(r) => r.date,
            Posting::Move(m) => m.date,
            Posting::Order(o) => o.start,
            Posting::OrderChange { change, .. } => change.effective,
        }
    }
}

/// What posting an event did.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct Posted {
    /// Where the event is in the case (`payments[12]`).
    pub reference: String,
    /// If the event reached back before the ledger's date: the day the ledger was computed
    /// again from (its last checkpoint before the event).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub replayed_from: Option<Date>,
    /// The lines whose applications changed when it was replayed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub moved: Vec<Moved>,
}

/// An open ledger (see the module docs).
#[derive(Debug, Clone)]
pub struct Ledger<'r> {
    rules: &'r Rules,
    /// The case and every event posted (no date, no checkpoint).
    history: LedgerInput,
    /// The ledger is as of the start of this day.
    position: Date,
    /// The checkpoint as of `position`.
    checkpoint: Option<SavedState>,
    /// Earlier checkpoints, at most one a month, oldest first (to replay from).
    earlier: Vec<SavedState>,
    /// The lines before `position`.
    lines: Vec<Line>,
    /// The report as of `position` (its lines left out: they are in `lines`).
    last: LedgerResult,
    /// The report's lines posting the last, partial month's interest to `position`.
    tail: Vec<Line>,
}

impl<'r> Ledger<'r> {
    /// Opens a case: its state, options, orders (and any opening balances or events already
    /// known). The ledger starts at the case's first day; if the case gives `as_of` or
    /// `through`, it is advanced there. A `resume_from` in the case resumes from that
    /// checkpoint (see [`Ledger::resume`]).
    pub fn open(rules: &'r Rules, mut case: LedgerInput) -> Result<Ledger<'r>, Error> {
        let end = match (case.as_of, case.through) {
            (None, None) => None,
            _ => Some(case.end()?),
        };
        let resume = case.resume_from.take();
        case.as_of = None;
        case.through = None;
        case.report_dates.clear();
        let start = match &resume {
            Some(s) => s.as_of,
            None => first_day(&case)?,
        };
        let mut req = case.clone();
        req.as_of = Some(start);
        req.resume_from = resume;
        let r = compute_ledger(rules, &req)?;
        let mut ledger = Ledger {
            rules,
            history: case,
            position: start,
            checkpoint: Some(r.saved_state.clone()),
            earlier: vec![],
            lines: r.lines[..r.settled_lines].to_vec(),
            tail: r.lines[r.settled_lines..].to_vec(),
            last: LedgerResult { lines: vec![], ..r },
        };
        if let Some(end) = end {
            ledger.advance_to(end)?;
        }
        Ok(ledger)
    }

    /// Opens a case from a checkpoint saved by an earlier ledger of it (`history` holds the
    /// case and its events; those before the checkpoint's date must be the ones it was saved
    /// with: see [`super::checkpoint`]). The ledger's lines start at the checkpoint's date.
    pub fn resume(
        rules: &'r Rules,
        mut history: LedgerInput,
        checkpoint: SavedState,
    ) -> Result<Ledger<'r>, Error> {
        history.resume_from = Some(checkpoint);
        history.as_of = None;
        history.through = None;
        Ledger::open(rules, history)
    }

    /// Checks the history as a request as of `date` (every field, every event).
    fn check(&self, date: Date) -> Result<(), Error> {
        let mut req = self.history.clone();
        req.as_of = Some(date);
        Engine::new(self.rules, &req).and_then(|e| e.events().map(|_| ()))
    }

    /// The ledger is as of the start of this day: every event before it is applied.
    pub fn position(&self) -> Date {
        self.position
    }

    /// The case and every event posted, as a request (to store beside a checkpoint).
    pub fn history(&self) -> &LedgerInput {
        &self.history
    }

    /// Where `event` will be in the case once posted (`payments[12]`).
    pub fn reference_of(&self, event: &Posting) -> String {
        let h = &self.history;
        match event {
            Posting::Payment(_) => format!("payments[{}]", h.payments.len()),
            Posting::Fee(_) => format!("fees[{}]", h.fees.len()),
            Posting::Judgment(_) => format!("judgments[{}]", h.judgments.len()),
            Posting::Renewal(_) => format!("renewals[{}]", h.renewals.len()),
            Posting::LumpSum(_) => format!("lump_sums[{}]", h.lump_sums.len()),
            Posting::Reversal(_) => format!("reversals[{}]", h.reversals.len()),
            Posting::Move(_) => format!("moves[{}]", h.moves.len()),
            Posting::Order(_) => format!("orders[{}]", h.orders.len()),
            Posting::OrderChange { order, .. } => format!("orders[{order}].changes"),
        }
    }

    /// Posts an event. An event on or after the ledger's date waits for
    /// [`Ledger::advance_to`]; one before it (or a reversal or move of a payment before it) is
    /// applied at once by replaying from the last checkpoint before it. The event is checked
    /// first; a bad one is refused with its field (`payments[12].amount`) and leaves the
    /// ledger as it was.
    pub fn post(&mut self, event: Posting) -> Result<Posted, Error> {
        let mut history = self.history.clone();
        let mut reach = event.date();
        let reference = self.reference_of(&event);
        match event {
            Posting::Payment(p) => history.payments.push(p),
            Posting::Fee(f) => history.fees.push(f),
            Posting::Judgment(j) => history.judgments.push(j),
            Posting::Renewal(r) => history.renewals.push(r),
            Posting::LumpSum(l) => history.lump_sums.push(l),
            Posting::Reversal(r) => {
                reach = reach.min(paid_on(&history, &r.payment_id).unwrap_or(reach));
                history.reversals.push(r);
            }
            Posting::Move(m) => {
                reach = reach.min(paid_on(&history, &m.payment_id).unwrap_or(reach));
                history.moves.push(m);
            }
            Posting::Order(o) => history.orders.push(o),
            Posting::OrderChange { order, change } => {
                let Some(o) = history.orders.get_mut(order) else {
                    return Err(Error::invalid(
                        "order",
                        order,
                        format!(
                            "the index of one of the case's {} orders",
                            history.orders.len()
                        ),
                    ));
                };
                o.changes.push(change);
                o.changes.sort_by_key(|c| c.effective);
            }
        }
        let before = std::mem::replace(&mut self.history, history);
        let result = if reach < self.position {
            self.replay(reach)
        } else {
            self.check(self.position.max(reach)).map(|()| None)
        };
        match result {
            Ok(replayed) => {
                let mut posted = Posted {
                    reference,
                    ..Posted::default()
                };
                if let Some((from, moved)) = replayed {
                    posted.replayed_from = Some(from);
                    posted.moved = moved;
                }
                Ok(posted)
            }
            Err(e) => {
                self.history = before;
                Err(e)
            }
        }
    }

    /// Computes the ledger again from the last checkpoint on or before `date` to where it was;
    /// the lines that changed.
    fn replay(&mut self, date: Date) -> Result<Option<(Date, Vec<Moved>)>, Error> {
        let target = self.position;
        let keep = self.earlier.iter().rposition(|c| c.as_of <= date);
        let (from, checkpoint) = match keep {
            Some(k) => (self.earlier[k].as_of, Some(self.earlier[k].clone())),
            None => (first_day(&self.history)?.min(date), None),
        };
        let split = self.lines.partition_point(|l| l.date < from);
        let old_lines = self.lines.split_off(split);
        let saved = (
            self.earlier.clone(),
            self.checkpoint.clone(),
            self.last.clone(),
            std::mem::take(&mut self.tail),
        );
        self.earlier.truncate(keep.map_or(0, |k| k + 1));
        if let Some(c) = &checkpoint {
            self.earlier.pop();
            self.checkpoint = Some(c.clone());
        } else {
            self.checkpoint = None;
        }
        self.position = from;
        match self.advance_to(target) {
            Ok(()) => {
                let moved = changed_lines(&old_lines, &self.lines[split..], &HashSet::new());
                Ok(Some((from, moved)))
            }
            Err(e) => {
                // Leave the ledger as it was.
                self.lines.truncate(split);
                self.lines.extend(old_lines);
                (self.earlier, self.checkpoint, self.last, self.tail) = saved;
                self.position = target;
                Err(e)
            }
        }
    }

    /// Advances the ledger to the start of `date`: installments fall due, interest accrues and
    /// the events before it are applied. A date before the ledger's is refused (post a
    /// correction instead).
    pub fn advance_to(&mut self, date: Date) -> Result<(), Error> {
        if date < self.position {
            return Err(Error::invalid(
                "as_of",
                date,
                format!(
                    "a date on or after the ledger's date {} (to correct the past, post the event: the ledger replays from before it)",
                    self.position
                ),
            ));
        }
        if date == self.position {
            return Ok(());
        }
        let mut req = self.history.clone();
        req.as_of = Some(date);
        req.resume_from = self.checkpoint.clone();
        let r = compute_ledger(self.rules, &req)?;
        self.lines.extend_from_slice(&r.lines[..r.settled_lines]);
        self.tail = r.lines[r.settled_lines..].to_vec();
        if let Some(old) = self.checkpoint.take() {
            // At most one checkpoint a month to replay from.
            let same_month = self.earlier.last().is_some_and(|e| {
                (e.as_of.year(), e.as_of.month()) == (old.as_of.year(), old.as_of.month())
            });
            if !same_month {
                self.earlier.push(old);
            }
        }
        self.checkpoint = Some(r.saved_state.clone());
        self.position = date;
        self.last = LedgerResult { lines: vec![], ..r };
        Ok(())
    }

    /// What is owed as of the ledger's date, by obligation type (the last, partial month's
    /// interest included).
    pub fn owed(&self) -> &Totals {
        &self.last.totals
    }

    /// What is owed by installment (and judgment, balance carried over): every principal item
    /// fallen due or prepaid, with what is unpaid.
    pub fn installments(&self) -> &[ItemView] {
        &self.last.installments
    }

    /// The ledger's lines to its date (since it was opened or resumed), the last partial
    /// month's interest posting included.
    pub fn lines(&self) -> Vec<Line> {
        let mut out = self.lines.clone();
        out.extend(self.tail.iter().cloned());
        out
    }

    /// The checkpoint as of the ledger's date: store it with [`Ledger::history`] and
    /// [`Ledger::resume`] later.
    pub fn checkpoint(&self) -> Option<&SavedState> {
        self.checkpoint.as_ref()
    }

    /// The whole ledger as of its date, computed from the start (the same as the
    /// `arrears_ledger` request of [`Ledger::history`] as of [`Ledger::position`]).
    pub fn report(&self) -> Result<LedgerResult, Error> {
        let mut req = self.history.clone();
        req.as_of = Some(self.position);
        req.resume_from = None;
        compute_ledger(self.rules, &req)
    }
}

fn paid_on(history: &LedgerInput, id: &str) -> Option<Date> {
    history
        .payments
        .iter()
        .find(|p| p.id.as_deref() == Some(id))
        .map(|p| p.date)
}

/// The case's first day: its earliest order, opening balance or lump sum.
fn first_day(case: &LedgerInput) -> Result<Date, Error> {
    case.orders
        .iter()
        .map(|o| o.start)
        .chain(case.opening_balances.iter().map(|b| b.date))
        .chain(case.lump_sums.iter().map(|l| l.date))
        .min()
        .ok_or_else(|| {
            Error::invalid(
                "orders",
                "none",
                "at least one order, opening balance or lump-sum judgment to open a ledger",
            )
        })
}

/// The request `arrears_ledger_post`: the open ledger over JSON, for callers that keep the
/// case and its checkpoint themselves (a payment system's database, a script, the CLI).
///
/// ```json
/// {"case": {"state": "california", "orders": [...], "payments": [...]},  // the history
///  "checkpoint": null,                         // or the checkpoint of the last answer
///  "post": [{"event": "payment", "date": "2025-07-15", "amount": "500", "id": "PMT-9"},
///           {"event": "reversal", "payment_id": "PMT-3", "date": "2025-07-16", "reason": "NSF"}],
///  "advance_to": "2025-08-01"}                 // optional: the ledger's new date
/// ```
///
/// The answer gives the history with the events appended and the new checkpoint (store both
/// and send them back next time), what each posting did, the lines from the checkpoint's date
/// on, and what is owed, by obligation type and installment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct PostInput {
    /// The case and the events posted so far (no `as_of`, `through` or `resume_from`).
    pub case: LedgerInput,
    /// The checkpoint of the last answer (none: the ledger is computed from the start).
    #[serde(default)]
    pub checkpoint: Option<SavedState>,
    /// Events to post, in order.
    #[serde(default)]
    pub post: Vec<Posting>,
    /// The date to advance to (the start of that day; default: where the ledger is).
    #[serde(default)]
    pub advance_to: Option<Date>,
}

/// The answer to `arrears_ledger_post`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct PostResult {
    /// The ledger is as of the start of this day.
    pub as_of: Date,
    /// What each posting did, in order.
    pub posted: Vec<Posted>,
    /// The lines from the checkpoint's date (or the case's start) to `as_of`.
    pub lines: Vec<Line>,
    /// What is owed as of `as_of`.
    pub totals: Totals,
    /// What is owed by installment (and judgment, balance carried over).
    pub installments: Vec<ItemView>,
    /// The case with the events posted: store it and send it back.
    pub case: LedgerInput,
    /// The checkpoint as of `as_of`: store it and send it back.
    pub checkpoint: Option<SavedState>,
}

/// Answers `arrears_ledger_post`.
pub fn post_json(rules: &Rules, input: &PostInput) -> Result<PostResult, Error> {
    if input.case.as_of.is_some() || input.case.through.is_some() {
        return Err(Error::invalid(
            "case.as_of",
            "given",
            "no as_of or through in the case: the ledger's date is the checkpoint's, then advance_to",
        ));
    }
    if input.case.resume_from.is_some() {
        return Err(Error::invalid(
            "case.resume_from",
            "given",
            "the checkpoint as `checkpoint`, beside the case",
        ));
    }
    let mut ledger = match &input.checkpoint {
        Some(c) => Ledger::resume(rules, input.case.clone(), c.clone()),
        None => Ledger::open(rules, input.case.clone()),
    }
    .map_err(|e| match e.field() {
        Some(f) if f.starts_with("resume_from") => {
            let f = f.replacen("resume_from", "checkpoint", 1);
            renamed(e, f)
        }
        _ => e.within("case"),
    })?;
    let mut posted = Vec::with_capacity(input.post.len());
    for (k, event) in input.post.iter().enumerate() {
        // An error in the event names it in `post`; one elsewhere, in the case.
        let reference = ledger.reference_of(event);
        let p = ledger.post(event.clone()).map_err(|e| {
            match e.field().and_then(|f| f.strip_prefix(reference.as_str())) {
                Some(rest) => renamed(e.clone(), format!("post[{k}]{rest}")),
                None => e.within("case"),
            }
        })?;
        posted.push(p);
    }
    if let Some(d) = input.advance_to {
        ledger
            .advance_to(d)
            .map_err(|e| renamed(e, "advance_to".to_string()))?;
    }
    Ok(PostResult {
        as_of: ledger.position(),
        posted,
        lines: ledger.lines(),
        totals: ledger.owed().clone(),
        installments: ledger.installments().to_vec(),
        checkpoint: ledger.checkpoint().cloned(),
        case: ledger.history,
    })
}

/// `e` naming `field` instead (an invalid input; other errors as they are).
fn renamed(e: Error, field: String) -> Error {
    match e {
        Error::InvalidInput { value, allowed, .. } => Error::InvalidInput {
            field,
            value,
            allowed,
        },
        other => other,
    }
}

impl PostInput {
    /// A step of the open ledger of `case` from its start, posting nothing yet.
    pub fn new(case: LedgerInput) -> PostInput {
        PostInput {
            case,
            checkpoint: None,
            post: vec![],
            advance_to: None,
        }
    }
}
