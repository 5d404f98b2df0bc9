//! The arrears ledger: an event-driven engine from an order history and a payment history to
//! ledger lines, monthly periods, totals as of any date, and a saved state to resume from.
//!
//! # Request (`arrears_ledger`)
//! ```json
//! {"state": "california",            // or "texas"
//!  "as_of": "2025-07-16",            // the ledger runs to the start of this day
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
//!  "judgments": [{"date": "2025-06-30", "types": ["child"]}],   // Texas confirmations
//!  "renewals": [{"date": "2025-06-30"}],                        // California renewals
//!  "report_dates": ["2025-04-01"],   // totals also as of these dates
//!  "resume_from": null}              // a saved_state from an earlier answer
//! ```
//!
//! # Result
//! `{"state", "as_of", "settings", "lines": [LINE...], "periods": [PERIOD...], "installments":
//! [...], "totals": TOTALS, "snapshots": [TOTALS...], "saved_state": STATE, "worksheet": [...]}`.
//! A LINE is `{"date", "event", "reference", "type", "description", "amount", "applied":
//! [{"tier", "type", "item", "due", "amount", "from_credit"}], "to_credit", "balances",
//! "citation"}`; `event` is `installment`, `order_change`, `fee`, `payment`, `interest`,
//! `judgment` or `renewal`. BALANCES are `{"principal", "unconfirmed_principal",
//! "confirmed_principal", "interest", "fees", "credit", "total_owed"}` after the line (principal
//! is every unpaid installment that has fallen due, the current month's included; interest is the
//! rounded cumulative exact interest less what was paid or capitalised). TOTALS are as of the
//! start of their date. Every amount is a string.
//!
//! # Saved state
//! `saved_state` is the whole engine state as of `as_of` (every event before that day applied).
//! Send it back as `resume_from` with the same orders and events (later events may be added) and
//! a later `as_of`: the result is the same as from the start, with the lines from the saved date
//! on.

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::crediting::{self, PaymentSource, TAX_OFFSET_READING};
use super::interest::{self, AccrualStart, DayCount};
use super::schedule::{self, OrderInput, Schedule};
use super::{Jurisdiction, ObligationType};
use crate::date::Date;
use crate::error::Error;
use crate::money::{require_amount, Money};
use crate::rules::arrears::Tier;
use crate::rules::{in_force, Rules};
use crate::worksheet::Worksheet;

const READING: &str = "spec/README.md reading";

/// A request for an arrears ledger (see the module docs for the JSON shape).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LedgerInput {
    /// The state whose law applies.
    pub state: Jurisdiction,
    /// The ledger runs to the start of this day (give this or `through`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub as_of: Option<Date>,
    /// The ledger runs to the end of this day, the same as as of the next day (give this or
    /// `as_of`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub through: Option<Date>,
    /// Whether the case is enforced by the IV-D agency.
    #[serde(default)]
    pub iv_d: bool,
    /// Options that override the defaults.
    #[serde(default)]
    pub options: LedgerOptions,
    /// The order history.
    pub orders: Vec<OrderInput>,
    /// The payments received.
    #[serde(default)]
    pub payments: Vec<PaymentInput>,
    /// Fees and costs ordered (the last crediting tier).
    #[serde(default)]
    pub fees: Vec<FeeInput>,
    /// Texas: arrears confirmed and reduced to money judgment (§157.263).
    #[serde(default)]
    pub judgments: Vec<JudgmentInput>,
    /// California: renewals of the judgment (accrued interest becomes principal).
    #[serde(default)]
    pub renewals: Vec<RenewalInput>,
    /// More dates to report totals as of.
    #[serde(default)]
    pub report_dates: Vec<Date>,
    /// A state saved by an earlier answer, to continue from.
    #[serde(default)]
    pub resume_from: Option<SavedState>,
}

/// Options of a ledger.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LedgerOptions {
    /// California: when installments start to bear interest (default: the rules' start, the
    /// IV-D start in IV-D cases).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub interest_start: Option<AccrualStart>,
    /// The day count (default: the rules', monthly in California and actual/365 in Texas).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub day_count: Option<DayCount>,
    /// Apply the crediting order in force on this date to every payment (default: each
    /// payment's own date).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub crediting_date: Option<Date>,
    /// The order of obligation types within each tier (default child, medical, (dental,)
    /// spousal).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub type_order: Option<Vec<String>>,
}

/// A payment received.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PaymentInput {
    /// The day it was received.
    pub date: Date,
    /// The amount, in whole cents.
    #[serde(with = "crate::money::exact")]
    pub amount: Decimal,
    /// `regular` (default) or `tax_offset`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// The order of receipt within its day (lower first; payments without it come after).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub receipt: Option<u32>,
    /// The caller's payment ID (unique in the request): same-day payments are applied in
    /// receipt order, then by ID, so the order in which payments are listed does not matter.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
}

/// A fee or cost ordered.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FeeInput {
    /// The day it is owed from.
    pub date: Date,
    /// The amount, in whole cents.
    #[serde(with = "crate::money::exact")]
    pub amount: Decimal,
    /// What it is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// A Texas confirmation of arrears reduced to money judgment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct JudgmentInput {
    /// The date the judgment is rendered (it takes effect at the end of that day).
    pub date: Date,
    /// The obligation types confirmed (default: every type).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub types: Option<Vec<String>>,
}

/// A California renewal of the judgment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RenewalInput {
    /// The date the renewal is filed (it takes effect at the end of that day).
    pub date: Date,
}

/// What a principal item is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ItemKind {
    /// An installment of an order.
    Installment,
    /// Texas: a cumulative money judgment (confirmed principal and interest).
    Judgment,
    /// California: interest capitalised on renewal.
    Renewal,
}

/// A principal item of the ledger: an installment, a judgment or capitalised interest.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
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
            ItemKind::Installment => 0,
            ItemKind::Judgment => 1,
            ItemKind::Renewal => 2,
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
#[serde(deny_unknown_fields)]
pub struct TypeInterest {
    /// Cumulative exact interest, in 1/[`interest::DENOMINATOR`] dollars.
    #[serde(with = "crate::money::exact")]
    pub accrued: Decimal,
    /// Posted so far (the cumulative exact interest rounded at the last posting).
    pub posted: Money,
    /// Paid so far.
    pub paid: Money,
    /// Capitalised into a judgment or on renewal.
    pub capitalized: Money,
}

impl TypeInterest {
    fn rounded(&self) -> Money {
        Money::round(interest::exact(self.accrued))
    }

    fn unpaid(&self) -> Money {
        self.rounded() - self.paid - self.capitalized
    }
}

/// Running totals.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
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
}

/// How many input events of each kind the saved state has applied.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
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

/// The whole engine state as of a date: serialisable and resumable.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SavedState {
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

/// One application of money to a debt.
#[derive(Debug, Clone, PartialEq, Serialize)]
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
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
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
}

/// A ledger line.
#[derive(Debug, Clone, PartialEq, Serialize)]
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
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub applied: Vec<Application>,
    /// Carried forward as credit.
    pub to_credit: Money,
    /// Balances after the line.
    pub balances: Balances,
    /// The law or reading behind it.
    pub citation: String,
}

/// A calendar month of the ledger.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
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
#[derive(Debug, Clone, PartialEq, Serialize)]
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
    pub interest_accrued_exact: Decimal,
    /// Cumulative interest rounded to cents.
    pub interest_accrued: Money,
    /// Interest paid.
    pub interest_paid: Money,
    /// Interest capitalised.
    pub interest_capitalized: Money,
}

/// Totals as of the start of a date.
#[derive(Debug, Clone, PartialEq, Serialize)]
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
    pub interest_accrued_exact: Decimal,
    /// The due date of the oldest unpaid amount: arrears owed since then.
    pub owed_since: Option<Date>,
    /// Per obligation type.
    pub by_type: Vec<TypeTotals>,
}

/// The settings a ledger used.
#[derive(Debug, Clone, PartialEq, Serialize)]
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
}

/// A view of an installment or principal item.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ItemView {
    /// The item.
    #[serde(flatten)]
    pub item: Item,
    /// Unpaid.
    pub unpaid: Money,
}

/// An arrears ledger.
#[derive(Debug, Clone, PartialEq, Serialize)]
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
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum EventKind {
    Due(usize),
    Change(usize, usize),
    Fee(usize),
    Payment(usize),
    Judgment(usize),
    Renewal(usize),
}

#[derive(Debug, Clone, Copy)]
struct Event {
    date: Date,
    class: u8,
    receipt: u64,
    index: usize,
    kind: EventKind,
}

struct Engine<'a> {
    rules: &'a Rules,
    input: &'a LedgerInput,
    as_of: Date,
    state: Jurisdiction,
    type_order: Vec<ObligationType>,
    schedule: Schedule,
    s: SavedState,
    item_index: BTreeMap<String, usize>,
    breakpoints: Vec<Date>,
    lines: Vec<Line>,
    closings: BTreeMap<(i32, u32), Balances>,
    payments: Vec<(Money, PaymentSource)>,
    payment_rank: Vec<u64>,
    fees: Vec<Money>,
    judgment_types: Vec<Vec<ObligationType>>,
    crediting_cites: Vec<String>,
    rate_cites: Vec<String>,
}

fn month_key(d: Date) -> (i32, u32) {
    (d.year(), d.month())
}

fn same_month(a: Date, b: Date) -> bool {
    month_key(a) == month_key(b)
}

fn money(field: &str, v: Decimal) -> Result<Money, Error> {
    Money::from_exact_cents(field, require_amount(field, v)?)
}

fn rate_cite(r: &crate::rules::arrears::InterestRate) -> String {
    format!(
        "{}% simple: {}",
        (r.rate * Decimal::ONE_HUNDRED).normalize(),
        r.validity.cite()
    )
}

/// The longest history a ledger covers, from the earliest order's start to `as_of`: an engine
/// limit (not a rule of law) that keeps a mistyped date from making a ledger of centuries. A
/// support order and its arrears fit well inside it.
pub const MAX_LEDGER_YEARS: i32 = 100;

/// Computes the ledger of `input` under `rules`.
pub fn compute_ledger(rules: &Rules, input: &LedgerInput) -> Result<LedgerResult, Error> {
    let mut engine = Engine::new(rules, input)?;
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
    engine.finish().map(|mut r| {
        r.snapshots = snapshots;
        r
    })
}

impl LedgerInput {
    /// The day the ledger runs to the start of: `as_of`, or the day after `through`.
    pub fn end(&self) -> Result<Date, Error> {
        match (self.as_of, self.through) {
            (Some(d), None) => Ok(d),
            (None, Some(t)) => t.add_days(1).map_err(|_| {
                Error::invalid("through", t, "a date before 2999-12-31")
            }),
            (Some(_), Some(t)) => Err(Error::invalid(
                "through",
                t,
                "either as_of (the start of a day) or through (the end of a day), not both",
            )),
            (None, None) => Err(Error::invalid(
                "as_of",
                "none",
                "the date the ledger runs to: as_of (the start of a day) or through (the end of a day)",
            )),
        }
    }
}

impl<'a> Engine<'a> {
    fn new(rules: &'a Rules, input: &'a LedgerInput) -> Result<Engine<'a>, Error> {
        let state = input.state;
        let as_of = input.end()?;
        let o = &input.options;
        if state == Jurisdiction::Texas && o.interest_start.is_some() {
            return Err(Error::invalid(
                "options.interest_start",
                "given",
                "no interest_start for Texas (interest runs from delinquency, Fam. Code §157.266)",
            ));
        }
        let type_order = match &o.type_order {
            None => state.default_type_order().to_vec(),
            Some(list) => {
                let mut out = Vec::new();
                for (i, t) in list.iter().enumerate() {
                    let ty = ObligationType::parse(&format!("options.type_order[{i}]"), t, state)?;
                    if out.contains(&ty) {
                        return Err(Error::invalid(
                            format!("options.type_order[{i}]"),
                            t,
                            "each obligation type once",
                        ));
                    }
                    out.push(ty);
                }
                if out.len() != state.default_type_order().len() {
                    return Err(Error::invalid(
                        "options.type_order",
                        list.join(", "),
                        format!(
                            "every obligation type of {} once: {}",
                            state.as_str(),
                            state
                                .default_type_order()
                                .iter()
                                .map(|t| t.as_str())
                                .collect::<Vec<_>>()
                                .join(", ")
                        ),
                    ));
                }
                out
            }
        };
        if input.orders.is_empty() && (!input.payments.is_empty() || input.resume_from.is_some()) {
            return Err(Error::invalid(
                "orders",
                "none",
                "at least one order (payments are applied to an order's installments)",
            ));
        }
        if let Some(first) = input.orders.iter().map(|o| o.start).min() {
            if first.add_years_feb29_to_mar1(MAX_LEDGER_YEARS)? < as_of {
                return Err(Error::invalid(
                    "as_of",
                    as_of,
                    format!(
                        "a date at most {MAX_LEDGER_YEARS} years after the earliest order's start ({first}); longer histories are outside the engine's limit"
                    ),
                ));
            }
        }
        let horizon = as_of.add_days(-1)?.last_of_month();
        let schedule = schedule::build(state, &input.orders, horizon)?;
        let first_start = input.orders.iter().map(|o| o.start).min();
        // Items from the schedule, with their interest rules.
        let mut items = Vec::with_capacity(schedule.installments.len());
        for inst in &schedule.installments {
            let field = format!(
                "{}.start",
                inst.source.split(".changes").next().unwrap_or("")
            );
            let out_of_scope = |e: Error| match e {
                Error::NoRule { rule, covered, .. } => Error::invalid(
                    field.clone(),
                    inst.due,
                    format!(
                        "installments due on dates the {rule} rules cover ({covered}){}",
                        if state == Jurisdiction::Texas {
                            "; arrears from before 2002 are out of scope (Tex. Fam. Code §157.265(d)-(e))"
                        } else {
                            ""
                        }
                    ),
                ),
                other => other,
            };
            let (interest_from, day_count) = match state {
                Jurisdiction::California => {
                    let a = in_force(
                        &rules.arrears.california_accrual,
                        "arrears.california_accrual",
                        inst.due,
                    )
                    .map_err(out_of_scope)?;
                    let start =
                        o.interest_start
                            .unwrap_or(if input.iv_d { a.iv_d_start } else { a.start });
                    (
                        interest::accrual_start(start, inst.due)?,
                        o.day_count.unwrap_or(a.day_count),
                    )
                }
                Jurisdiction::Texas => {
                    let a = in_force(
                        &rules.arrears.texas_accrual,
                        "arrears.texas_accrual",
                        inst.due,
                    )
                    .map_err(out_of_scope)?;
                    (
                        inst.due.add_days(i64::from(a.delinquent_after_days) + 1)?,
                        o.day_count.unwrap_or(a.day_count),
                    )
                }
            };
            let rate = interest::rate_at(rules, state, interest_from, inst.due)
                .map(|r| r.rate)
                .unwrap_or(Decimal::ZERO);
            items.push(Item {
                id: inst.id.clone(),
                kind: ItemKind::Installment,
                obligation_type: inst.obligation_type,
                due: inst.due,
                amount: inst.amount,
                paid: Money::ZERO,
                confirmed: Money::ZERO,
                interest_from,
                rate,
                day_count,
                components: vec![],
            });
        }
        // Events' own fields.
        let mut payments = Vec::new();
        for (i, p) in input.payments.iter().enumerate() {
            let at = format!("payments[{i}]");
            let amount = money(&format!("{at}.amount"), p.amount)?;
            let source = match &p.source {
                Some(s) => PaymentSource::parse(&format!("{at}.source"), s)?,
                None => PaymentSource::Regular,
            };
            if first_start.is_none_or(|s| p.date < s) {
                return Err(Error::invalid(
                    format!("{at}.date"),
                    p.date,
                    match first_start {
                        Some(s) => format!("a date on or after the first order's start {s}"),
                        None => "a date after an order starts".to_string(),
                    },
                ));
            }
            if p.date < as_of {
                crediting::order_on(rules, state, o.crediting_date.unwrap_or(p.date)).map_err(
                    |e| match e {
                        Error::NoRule { covered, .. } => Error::invalid(
                            if o.crediting_date.is_some() {
                                "options.crediting_date".to_string()
                            } else {
                                format!("{at}.date")
                            },
                            o.crediting_date.unwrap_or(p.date),
                            format!("a date a crediting order covers ({covered})"),
                        ),
                        other => other,
                    },
                )?;
            }
            if let Some(id) = &p.id {
                if id.trim().is_empty() || id.len() > 200 {
                    return Err(Error::invalid(
                        format!("{at}.id"),
                        id,
                        "a payment ID of 1 to 200 characters, not blank",
                    ));
                }
                if let Some(j) = input.payments[..i]
                    .iter()
                    .position(|q| q.id.as_deref() == Some(id))
                {
                    return Err(Error::invalid(
                        format!("{at}.id"),
                        id,
                        format!("a payment ID used once (payments[{j}] has it too)"),
                    ));
                }
            }
            payments.push((amount, source));
        }
        // Same-day payments: receipt order, then payment ID; then (for payments with neither)
        // amount and source, so the order in which payments are listed does not matter.
        let mut by_receipt: Vec<usize> = (0..input.payments.len()).collect();
        by_receipt.sort_by(|&a, &b| {
            let (p, q) = (&input.payments[a], &input.payments[b]);
            (
                p.date,
                p.receipt.is_none(),
                p.receipt,
                p.id.is_none(),
                &p.id,
            )
                .cmp(&(
                    q.date,
                    q.receipt.is_none(),
                    q.receipt,
                    q.id.is_none(),
                    &q.id,
                ))
                .then(p.amount.cmp(&q.amount))
                .then((payments[a].1 as u8).cmp(&(payments[b].1 as u8)))
                .then(a.cmp(&b))
        });
        let mut payment_rank = vec![0u64; input.payments.len()];
        for (r, &i) in by_receipt.iter().enumerate() {
            payment_rank[i] = r as u64;
        }
        let mut fees = Vec::new();
        for (i, f) in input.fees.iter().enumerate() {
            fees.push(money(&format!("fees[{i}].amount"), f.amount)?);
        }
        let mut judgment_types = Vec::new();
        for (i, j) in input.judgments.iter().enumerate() {
            if state != Jurisdiction::Texas {
                return Err(Error::invalid(
                    format!("judgments[{i}]"),
                    j.date,
                    "judgments only in Texas (California support judgments are renewed: renewals)",
                ));
            }
            interest::rate_on(rules, state, j.date).map_err(|e| match e {
                Error::NoRule { covered, .. } => Error::invalid(
                    format!("judgments[{i}].date"),
                    j.date,
                    format!("a date the Texas interest rules cover ({covered}); judgments before 2002 are out of scope"),
                ),
                other => other,
            })?;
            let types = match &j.types {
                None => state.default_type_order().to_vec(),
                Some(list) => list
                    .iter()
                    .enumerate()
                    .map(|(k, t)| {
                        ObligationType::parse(&format!("judgments[{i}].types[{k}]"), t, state)
                    })
                    .collect::<Result<Vec<_>, _>>()?,
            };
            judgment_types.push(types);
        }
        for (i, r) in input.renewals.iter().enumerate() {
            if state != Jurisdiction::California {
                return Err(Error::invalid(
                    format!("renewals[{i}]"),
                    r.date,
                    "renewals only in California (Texas arrears are confirmed by judgments)",
                ));
            }
            interest::rate_on(rules, state, r.date).map_err(|e| match e {
                Error::NoRule { covered, .. } => Error::invalid(
                    format!("renewals[{i}].date"),
                    r.date,
                    format!("a date the California interest rules cover ({covered})"),
                ),
                other => other,
            })?;
        }
        // The starting state.
        let s = match &input.resume_from {
            None => {
                let first_event = items
                    .iter()
                    .map(|i| i.due)
                    .chain(input.payments.iter().map(|p| p.date))
                    .chain(input.fees.iter().map(|p| p.date))
                    .chain(input.judgments.iter().map(|p| p.date))
                    .chain(input.renewals.iter().map(|p| p.date))
                    .min()
                    .unwrap_or(as_of)
                    .min(as_of);
                SavedState {
                    state,
                    as_of: first_event,
                    items,
                    interest: vec![TypeInterest::default(); ObligationType::ALL.len()],
                    credit: Money::ZERO,
                    fees_paid: Money::ZERO,
                    counters: Counters::default(),
                    consumed: Consumed::default(),
                }
            }
            Some(saved) => resume(saved, items, input, as_of)?,
        };
        let item_index = s
            .items
            .iter()
            .enumerate()
            .map(|(i, it)| (it.id.clone(), i))
            .collect();
        let mut breakpoints: Vec<Date> = s.items.iter().map(|i| i.interest_from).collect();
        if state == Jurisdiction::Texas {
            breakpoints.extend(schedule.term_boundaries());
        }
        breakpoints.extend(crate::rules::arrears::rate_boundaries(
            interest::rate_series(rules, state).0,
        ));
        breakpoints.sort();
        breakpoints.dedup();
        Ok(Engine {
            rules,
            input,
            as_of,
            state,
            type_order,
            schedule,
            s,
            item_index,
            breakpoints,
            lines: Vec::new(),
            closings: BTreeMap::new(),
            payments,
            payment_rank,
            fees,
            judgment_types,
            crediting_cites: Vec::new(),
            rate_cites: Vec::new(),
        })
    }

    fn events(&self) -> Result<Vec<Event>, Error> {
        let as_of = self.as_of;
        let mut ev = Vec::new();
        for it in &self.s.items {
            if it.kind == ItemKind::Installment && it.due < as_of {
                let idx = self.item_index[&it.id];
                ev.push(Event {
                    date: it.due,
                    class: 1,
                    receipt: 0,
                    index: idx,
                    kind: EventKind::Due(idx),
                });
            }
        }
        for (i, o) in self.input.orders.iter().enumerate() {
            for (j, c) in o.changes.iter().enumerate() {
                ev.push(Event {
                    date: c.effective,
                    class: 0,
                    receipt: 0,
                    index: i * 10_000 + j,
                    kind: EventKind::Change(i, j),
                });
            }
        }
        for (i, f) in self.input.fees.iter().enumerate() {
            ev.push(Event {
                date: f.date,
                class: 2,
                receipt: 0,
                index: i,
                kind: EventKind::Fee(i),
            });
        }
        for (i, p) in self.input.payments.iter().enumerate() {
            ev.push(Event {
                date: p.date,
                class: 3,
                receipt: self.payment_rank[i],
                index: i,
                kind: EventKind::Payment(i),
            });
        }
        for (i, j) in self.input.judgments.iter().enumerate() {
            ev.push(Event {
                date: j.date,
                class: 4,
                receipt: 0,
                index: i,
                kind: EventKind::Judgment(i),
            });
        }
        for (i, r) in self.input.renewals.iter().enumerate() {
            ev.push(Event {
                date: r.date,
                class: 4,
                receipt: 0,
                index: i,
                kind: EventKind::Renewal(i),
            });
        }
        ev.retain(|e| e.date < as_of);
        ev.sort_by(|a, b| {
            (a.date, a.class, a.receipt, a.index, a.kind)
                .cmp(&(b.date, b.class, b.receipt, b.index, b.kind))
        });
        // Check the saved state applied exactly the events before its date.
        if let Some(saved) = &self.input.resume_from {
            let before = |k: fn(&EventKind) -> bool| {
                ev.iter()
                    .filter(|e| e.date < saved.as_of && k(&e.kind))
                    .count()
            };
            let counts = Consumed {
                payments: before(|k| matches!(k, EventKind::Payment(_))),
                fees: before(|k| matches!(k, EventKind::Fee(_))),
                judgments: before(|k| matches!(k, EventKind::Judgment(_))),
                renewals: before(|k| matches!(k, EventKind::Renewal(_))),
            };
            if counts != saved.consumed {
                return Err(Error::invalid(
                    "resume_from.consumed",
                    format!("{:?}", saved.consumed),
                    format!(
                        "a state saved from this case: the request has {counts:?} events before {}",
                        saved.as_of
                    ),
                ));
            }
        }
        Ok(ev)
    }

    fn rank(&self, ty: ObligationType) -> usize {
        self.type_order
            .iter()
            .position(|t| *t == ty)
            .unwrap_or(usize::MAX)
    }

    /// Accrues interest from the current date to `to` (exclusive), posting at month ends.
    fn accrue_to(&mut self, to: Date) -> Result<(), Error> {
        while self.s.as_of < to {
            let t = self.s.as_of;
            let month_end = t.first_of_next_month()?;
            let bp = self.breakpoints.partition_point(|d| *d <= t);
            let mut next = to.min(month_end);
            if let Some(b) = self.breakpoints.get(bp) {
                next = next.min(*b);
            }
            self.accrue_span(t, next)?;
            self.s.as_of = next;
            if next == month_end {
                let last = t.last_of_month();
                for ty in self.type_order.clone() {
                    self.post(ty, last, "interest for the month", None)?;
                }
                let b = self.balances(last);
                self.closings.insert(month_key(last), b);
            }
        }
        Ok(())
    }

    fn accrue_span(&mut self, a: Date, b: Date) -> Result<(), Error> {
        let days = Decimal::from(a.days_until(b));
        let twelve = Decimal::from(12);
        // One pass over the items: the interest numerator per type, and (Texas) each type's
        // delinquent installments, whose newest month is excluded below.
        let mut numer = [Decimal::ZERO; ObligationType::ALL.len()];
        let mut delinquent: [Vec<&Item>; ObligationType::ALL.len()] = Default::default();
        let rules = self.rules;
        let state = self.state;
        let mut used: Vec<&crate::rules::arrears::InterestRate> = Vec::new();
        let mut rate_of = |due: Date| -> Result<Decimal, Error> {
            let r = interest::rate_at(rules, state, a, due)?;
            if !used.iter().any(|u| std::ptr::eq(*u, r)) {
                used.push(r);
            }
            Ok(r.rate)
        };
        for it in &self.s.items {
            if it.interest_from > a {
                continue;
            }
            let u = it.unpaid();
            if u.is_zero() {
                continue;
            }
            let k = it.obligation_type.index();
            if self.state == Jurisdiction::Texas && it.kind == ItemKind::Installment {
                delinquent[k].push(it);
                continue;
            }
            let w = interest::day_weight(it.day_count, a);
            numer[k] = interest::add(
                numer[k],
                interest::mul(interest::mul(u.as_decimal() * twelve, rate_of(it.due)?)?, w)?,
            )?;
        }
        if self.state == Jurisdiction::Texas {
            let exclude = in_force(&self.rules.arrears.texas_accrual, "", a)
                .map(|r| r.exclude_one_month)
                .unwrap_or(true);
            for ty in ObligationType::ALL {
                let k = ty.index();
                let mut excl = if exclude {
                    self.schedule.monthly_x12(ty, a)
                } else {
                    Decimal::ZERO
                };
                // Newest delinquent installments first: they are the excluded month.
                delinquent[k].sort_by_key(|it| std::cmp::Reverse(it.key()));
                for it in &delinquent[k] {
                    let u12 = it.unpaid().as_decimal() * twelve;
                    let take = excl.min(u12);
                    excl -= take;
                    let bear = u12 - take;
                    if bear.is_zero() {
                        continue;
                    }
                    let w = interest::day_weight(it.day_count, a);
                    numer[k] = interest::add(
                        numer[k],
                        interest::mul(interest::mul(bear, rate_of(it.due)?)?, w)?,
                    )?;
                }
            }
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
            }
        }
        Ok(())
    }

    /// Posts the change in the type's cumulative interest rounded to cents.
    fn post(
        &mut self,
        ty: ObligationType,
        date: Date,
        why: &str,
        reference: Option<&str>,
    ) -> Result<(), Error> {
        self.post_for(ty, date, why, reference, None)
    }

    /// Posts as [`Engine::post`], on a payment's date naming the payment.
    fn post_for(
        &mut self,
        ty: ObligationType,
        date: Date,
        why: &str,
        reference: Option<&str>,
        payment: Option<usize>,
    ) -> Result<(), Error> {
        let payment_id = payment.and_then(|i| self.input.payments[i].id.clone());
        let ti = &self.s.interest[ty.index()];
        let now = ti.rounded();
        let inc = now - ti.posted;
        if inc.is_zero() {
            return Ok(());
        }
        self.s.interest[ty.index()].posted = now;
        let balances = self.balances(date);
        let mut cite = self.rate_cites.join("; ");
        if !cite.is_empty() {
            cite.push_str("; ");
        }
        cite.push_str(&format!(
            "{READING}: exact simple interest posted as the change in the cumulative total rounded to cents"
        ));
        self.lines.push(Line {
            date,
            event: LineEvent::Interest,
            reference: reference.unwrap_or("interest").to_string(),
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

    /// Balances counting every item due on or before `through`.
    fn balances(&self, through: Date) -> Balances {
        self.balances_after_item(through, None)
    }

    /// Balances after a line: every item due before `through`, and of the installments due on
    /// `through` only those that have already fallen due (installments of one day fall due in
    /// item order, so after item `last` those are the ones up to `last`).
    fn balances_after_item(&self, through: Date, last: Option<usize>) -> Balances {
        let mut b = Balances::default();
        for (i, it) in self.s.items.iter().enumerate() {
            if it.due > through {
                continue;
            }
            if let Some(last) = last {
                if it.due == through && it.kind == ItemKind::Installment && i > last {
                    continue;
                }
            }
            let u = it.unpaid();
            b.principal = b.principal + u;
            match (self.state, it.kind) {
                (Jurisdiction::Texas, ItemKind::Installment) => {
                    b.unconfirmed_principal = b.unconfirmed_principal + u
                }
                (Jurisdiction::Texas, _) => b.confirmed_principal = b.confirmed_principal + u,
                _ => {}
            }
        }
        b.interest = self.s.interest.iter().map(|t| t.unpaid()).sum();
        b.fees = self.s.counters.fees_assessed - self.s.fees_paid;
        b.credit = self.s.credit;
        b.total_owed = b.principal + b.interest + b.fees;
        b
    }

    fn process(&mut self, e: Event) -> Result<(), Error> {
        match e.kind {
            EventKind::Due(idx) => self.fall_due(idx, e.date),
            EventKind::Change(i, j) => {
                let c = &self.input.orders[i].changes[j];
                let amount = money(&format!("orders[{i}].changes[{j}].amount"), c.amount)?;
                let balances = self.balances(e.date);
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
                    citation: format!("order modification, effective on its date (Fam. Code §3653(a)); {READING}: same-day events, order changes before installments"),
                });
                Ok(())
            }
            EventKind::Fee(i) => {
                let amount = self.fees[i];
                self.s.counters.fees_assessed = self.s.counters.fees_assessed + amount;
                self.s.consumed.fees += 1;
                let balances = self.balances(e.date);
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
                            format!("{READING}: fees paid after support and interest")
                        }
                    },
                });
                Ok(())
            }
            EventKind::Payment(i) => self.pay(i, e.date),
            EventKind::Judgment(i) => self.judgment(i, e.date),
            EventKind::Renewal(i) => self.renewal(i, e.date),
        }
    }

    fn fall_due(&mut self, idx: usize, date: Date) -> Result<(), Error> {
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
            self.s.items[idx].paid = self.s.items[idx].paid + x;
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
        let balances = self.balances_after_item(date, Some(idx));
        let source = self
            .schedule
            .installments
            .iter()
            .find(|i| i.id == id)
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
            citation.push_str(&format!(
                "; {READING}: credit carried forward applied as installments fall due"
            ));
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

    /// The unpaid items of a tier on `date`, in the order they are paid.
    fn tier_items(&self, tier: Tier, date: Date) -> Vec<usize> {
        let mut out: Vec<usize> = self
            .s
            .items
            .iter()
            .enumerate()
            .filter(|(_, it)| !it.unpaid().is_zero())
            .filter(|(_, it)| {
                let inst = it.kind == ItemKind::Installment;
                let current = inst && same_month(it.due, date);
                match tier {
                    Tier::Current => current,
                    Tier::NonDelinquent => {
                        inst && !current && it.due < date && date < it.interest_from
                    }
                    Tier::Principal => !current && it.due <= date,
                    Tier::UnconfirmedPrincipal => {
                        inst && !current && it.due < date && it.interest_from <= date
                    }
                    Tier::ConfirmedPrincipal => it.kind == ItemKind::Judgment && it.due <= date,
                    Tier::Interest | Tier::Fees => false,
                }
            })
            .map(|(i, _)| i)
            .collect();
        out.sort_by(|&a, &b| {
            let (x, y) = (&self.s.items[a], &self.s.items[b]);
            self.rank(x.obligation_type)
                .cmp(&self.rank(y.obligation_type))
                .then(x.key().cmp(&y.key()))
        });
        out
    }

    fn pay(&mut self, i: usize, date: Date) -> Result<(), Error> {
        let (amount, source) = self.payments[i];
        for ty in self.type_order.clone() {
            self.post_for(
                ty,
                date,
                "interest to the payment date",
                Some(&format!("payments[{i}]")),
                Some(i),
            )?;
        }
        let order = crediting::order_on(
            self.rules,
            self.state,
            self.input.options.crediting_date.unwrap_or(date),
        )?;
        let tiers = crediting::tiers(order, source);
        let mut cite = order.validity.cite();
        if !self.crediting_cites.contains(&cite) {
            self.crediting_cites.push(cite.clone());
        }
        if source == PaymentSource::TaxOffset {
            cite = format!("{TAX_OFFSET_READING}; {cite}");
        }
        let mut left = amount;
        let mut applied = Vec::new();
        for tier in tiers {
            if left.is_zero() {
                break;
            }
            match tier {
                Tier::Interest => {
                    for ty in self.type_order.clone() {
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
                    for idx in self.tier_items(tier, date) {
                        if left.is_zero() {
                            break;
                        }
                        let it = &mut self.s.items[idx];
                        let x = it.unpaid().min(left);
                        it.paid = it.paid + x;
                        left = left - x;
                        let c = &mut self.s.counters;
                        match tier {
                            Tier::Current => c.applied_current = c.applied_current + x,
                            Tier::NonDelinquent => {
                                c.applied_non_delinquent = c.applied_non_delinquent + x
                            }
                            _ => c.applied_principal = c.applied_principal + x,
                        }
                        applied.push(Application {
                            tier,
                            obligation_type: Some(it.obligation_type),
                            item: Some(it.id.clone()),
                            due: Some(it.due),
                            amount: x,
                            from_credit: false,
                        });
                    }
                }
            }
        }
        self.s.credit = self.s.credit + left;
        self.s.counters.carried_to_credit = self.s.counters.carried_to_credit + left;
        self.s.counters.paid = self.s.counters.paid + amount;
        self.s.consumed.payments += 1;
        if !left.is_zero() {
            cite.push_str(&format!(
                "; {READING}: overpayment carried forward and applied as installments fall due"
            ));
        }
        let balances = self.balances(date);
        self.lines.push(Line {
            date,
            event: LineEvent::Payment,
            reference: format!("payments[{i}]"),
            obligation_type: None,
            payment_id: self.input.payments[i].id.clone(),
            source: Some(source),
            installment_amount: None,
            description: match source {
                PaymentSource::Regular => "payment received".to_string(),
                PaymentSource::TaxOffset => "tax-offset payment received".to_string(),
            },
            amount,
            applied,
            to_credit: left,
            balances,
            citation: cite,
        });
        Ok(())
    }

    fn judgment(&mut self, i: usize, date: Date) -> Result<(), Error> {
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
            for it in self.s.items.iter_mut() {
                if it.obligation_type != ty || it.due > date {
                    continue;
                }
                let u = it.unpaid();
                if u.is_zero() {
                    continue;
                }
                match it.kind {
                    ItemKind::Installment => unconfirmed = unconfirmed + u,
                    _ => prior = prior + u,
                }
                components.extend(it.owed_parts());
                it.confirmed = it.confirmed + u;
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
            let amount = unconfirmed + prior + int;
            if amount.is_zero() {
                continue;
            }
            let id = format!("{reference}/{ty}");
            self.item_index.insert(id.clone(), self.s.items.len());
            self.s.items.push(Item {
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
            });
            let balances = self.balances(date);
            self.lines.push(Line {
                date,
                event: LineEvent::Judgment,
                reference: id,
                obligation_type: Some(ty),
                payment_id: None,
                source: None,
                installment_amount: None,
                description: format!(
                    "{ty} support arrears confirmed: unconfirmed principal {unconfirmed} + prior judgment balance {prior} + interest {int}"
                ),
                amount,
                applied: vec![],
                to_credit: Money::ZERO,
                balances,
                citation: format!(
                    "Tex. Fam. Code §157.263 (cumulative money judgment), §157.265(b) (interest from the date rendered): {rate_cite}; {READING}: a judgment takes effect at the end of its day"
                ),
            });
        }
        self.s.consumed.judgments += 1;
        Ok(())
    }

    fn renewal(&mut self, i: usize, date: Date) -> Result<(), Error> {
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
            self.item_index.insert(id.clone(), self.s.items.len());
            self.s.items.push(Item {
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
            });
            let balances = self.balances(date);
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

    fn totals(&self, as_of: Date) -> Result<Totals, Error> {
        let through = as_of.add_days(-1)?;
        let balances = self.balances(through);
        let owed_since = self
            .s
            .items
            .iter()
            .filter(|it| it.due <= through)
            .filter_map(|it| it.owed_since())
            .min();
        let mut by_type = Vec::new();
        for ty in &self.type_order {
            let ti = &self.s.interest[ty.index()];
            let principal = self
                .s
                .items
                .iter()
                .filter(|it| it.obligation_type == *ty && it.due <= through)
                .map(|it| it.unpaid())
                .sum();
            by_type.push(TypeTotals {
                obligation_type: *ty,
                principal,
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

    fn finish(mut self) -> Result<LedgerResult, Error> {
        let as_of = self.as_of;
        let totals = self.totals(as_of)?;
        // The state to resume from: every event before as_of, interest posted to the last
        // month end or event (the as-of posting below is a report, not a posting a resumed
        // ledger would repeat).
        let mut saved = self.s.clone();
        saved.as_of = as_of;
        saved.items.sort_by_key(|it| it.key());
        // The last, partial month posts what accrued to the as-of date, so its postings
        // reconcile with its closing balance.
        // (A ledger resumed from a state saved on as_of itself has no lines to add.)
        let resumed_at_end = self
            .input
            .resume_from
            .as_ref()
            .is_some_and(|r| r.as_of == as_of);
        if as_of.day() != 1 && !resumed_at_end {
            let last = as_of.add_days(-1)?;
            for ty in self.type_order.clone() {
                self.post(ty, last, "interest to the as-of date", None)?;
            }
            let b = self.balances(last);
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
                    "{READING}: \"through D\" is the end of day D, the same as as of D+1 ({as_of})"
                ),
            ),
            None => ws.step(
                "arrears.as_of",
                "Ledger as of the start of",
                as_of,
                format!("{READING}: \"as of D\" is the start of day D"),
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
            Jurisdiction::California => ws.step(
                "arrears.interest_start",
                "Interest starts",
                match settings.interest_start {
                    Some(AccrualStart::FirstOfNextMonth) => "first_of_next_month",
                    _ => "due_date",
                },
                "Code Civ. Proc. §685.020(b); Fam. Code §17433.5 (IV-D default; scope UNVERIFIED)",
            ),
            Jurisdiction::Texas => ws.step(
                "arrears.interest_start",
                "Interest starts",
                "on the 31st day after the due date, on the amount above one month's obligation",
                "Tex. Fam. Code §157.265(a), §157.266(a); spec/README.md reading (one month's obligation converted to monthly, the last amount after the order ends)",
            ),
        }
        ws.step(
            "arrears.day_count",
            "Day count",
            match settings.day_count {
                DayCount::Monthly => "monthly",
                DayCount::Actual365 => "actual_365",
            },
            format!("{READING}: monthly = rate/12 a whole month, days/days-in-month for part; actual/365"),
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
            format!("{READING}: exact accrual, never compounded"),
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
            format!("{READING}: overpayment carried forward"),
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
            saved_state: saved,
            worksheet: ws,
        })
    }
}

fn resume(
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
    let mut out = saved.clone();
    let known: BTreeMap<&str, &Item> = saved.items.iter().map(|i| (i.id.as_str(), i)).collect();
    for it in &scheduled {
        match known.get(it.id.as_str()) {
            Some(s) => {
                if s.due != it.due
                    || s.amount != it.amount
                    || s.obligation_type != it.obligation_type
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
        if it.kind == ItemKind::Installment && !scheduled.iter().any(|s| s.id == it.id) {
            return Err(bad(format!("installment {} is not in the orders", it.id)));
        }
        if it.paid.as_decimal() < Decimal::ZERO || it.unpaid().as_decimal() < Decimal::ZERO {
            return Err(bad(format!("item {} has a negative balance", it.id)));
        }
    }
    out.items.sort_by_key(|it| it.key());
    Ok(out)
}
