//! The request: its types, their validation (every error names its field), the items an order
//! history makes, and the events of a ledger in the order the readings give them.

use std::collections::{BTreeMap, HashMap};

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::crediting::{self, PaymentSource};
use super::interest::{self, AccrualStart, DayCount};
use super::ledger::{Engine, MAX_LEDGER_YEARS};
use super::schedule::{self, OrderInput};
use super::state::{resume, Book, Consumed, Counters, Item, ItemKind, SavedState, TypeInterest};
use super::{Jurisdiction, ObligationType};
use crate::date::Date;
use crate::error::Error;
use crate::money::{require_amount, Money};
use crate::rules::{in_force, Rules};

/// A request for an arrears ledger (see [`super::ledger`] for the JSON shape).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
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
    /// Payments reversed (dishonored, NSF): the ledger is as if they had never been credited.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub reversals: Vec<ReversalInput>,
    /// Misapplied payments moved to another obligation or case.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub moves: Vec<MoveInput>,
    /// Balances carried over from another system, all as of one date: the ledger starts there
    /// (installments due before it are in the balances, not charged again).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub opening_balances: Vec<OpeningBalanceInput>,
    /// Lump-sum or retroactive support judgments (a principal amount owed from a date).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub lump_sums: Vec<LumpSumInput>,
    /// More dates to report totals as of.
    #[serde(default)]
    pub report_dates: Vec<Date>,
    /// A state saved by an earlier answer, to continue from.
    #[serde(default)]
    pub resume_from: Option<SavedState>,
}

/// Options of a ledger.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
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
    /// Take the date of withholding as the date of collection of a payment withheld in one
    /// month and received in another (45 CFR 302.51(a)(4)(ii): "may be deemed"; default: the
    /// date of receipt).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub date_of_withholding: bool,
}

/// A payment received.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct PaymentInput {
    /// The day it was received.
    pub date: Date,
    /// The amount, in whole cents.
    #[serde(with = "crate::money::exact")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::ExactDecimal"))]
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
    /// The day an employer withheld it from wages (income withholding), if it was; with the
    /// option `date_of_withholding`, the date of collection when withheld in one month and
    /// received in another (45 CFR 302.51(a)(4)(ii)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub withheld: Option<Date>,
}

impl PaymentInput {
    /// The date of collection: the day received, or the day withheld when `withholding`
    /// (the option `date_of_withholding`) is on and it was withheld in another month
    /// (45 CFR 302.51(a)(4); 42 U.S.C. 654b(c)(1)).
    pub fn collected(&self, withholding: bool) -> Date {
        match self.withheld {
            Some(w) if withholding && w.first_of_month() != self.date.first_of_month() => {
                w.min(self.date)
            }
            _ => self.date,
        }
    }
}

/// The reversal of a payment (a dishonored check, an NSF payment, a recalled transfer).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct ReversalInput {
    /// The ID of the payment reversed (its `id`).
    pub payment_id: String,
    /// The day the reversal is recorded (on or after the payment's date).
    pub date: Date,
    /// Why (`NSF`, `dishonored`, `stop payment`).
    pub reason: String,
}

/// A misapplied payment moved to the obligation or case it belonged to: the ledger is as if it
/// had been applied there when received; the correction is recorded on its date.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct MoveInput {
    /// The ID of the payment moved (its `id`).
    pub payment_id: String,
    /// The day the correction is recorded (on or after the payment's date).
    pub date: Date,
    /// Why (`applied to the wrong case`).
    pub reason: String,
    /// The obligation type it belonged to: it is applied to that type only.
    #[serde(rename = "to_type", default, skip_serializing_if = "Option::is_none")]
    pub to_type: Option<String>,
    /// The case it belonged to: it leaves this ledger (post it to that case's ledger with the
    /// same payment ID).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to_case: Option<String>,
}

/// A balance carried over from another system as of a date.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct OpeningBalanceInput {
    /// The date of the balance (the start of that day); every opening balance has the same.
    pub date: Date,
    /// The obligation type (default `child`).
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub obligation_type: Option<String>,
    /// Unpaid principal.
    #[serde(with = "crate::money::exact")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::ExactDecimal"))]
    pub principal: Decimal,
    /// Unpaid interest accrued before the date.
    #[serde(default, with = "crate::money::exact")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::ExactDecimal"))]
    pub interest: Decimal,
    /// The due date of the oldest unpaid support in it (default: the balance's date).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owed_since: Option<Date>,
    /// Texas: the principal was confirmed and reduced to money judgment (paid in that tier).
    #[serde(default)]
    pub confirmed: bool,
    /// The part of the principal that bears no interest (Texas, with no order in force: one
    /// month's obligation of unconfirmed arrears, Fam. Code §157.265(a)); it is paid last.
    #[serde(
        default,
        with = "crate::money::exact_opt",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Option<crate::schema::ExactDecimal>")
    )]
    pub interest_free: Option<Decimal>,
}

/// A lump-sum or retroactive support judgment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct LumpSumInput {
    /// The date the judgment is rendered (it takes effect at the end of that day).
    pub date: Date,
    /// The obligation type (default `child`).
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub obligation_type: Option<String>,
    /// The amount of the judgment.
    #[serde(with = "crate::money::exact")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::ExactDecimal"))]
    pub amount: Decimal,
    /// What it is for (`retroactive support, 2023`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The due date of the oldest support it covers (default: its date).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owed_since: Option<Date>,
}

/// The amount a court confirmed for one obligation type.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct ConfirmedAmount {
    /// The obligation type.
    #[serde(rename = "type")]
    pub obligation_type: String,
    /// The amount the judgment confirms (principal and interest).
    #[serde(with = "crate::money::exact")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::ExactDecimal"))]
    pub amount: Decimal,
}

/// A fee or cost ordered.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct FeeInput {
    /// The day it is owed from.
    pub date: Date,
    /// The amount, in whole cents.
    #[serde(with = "crate::money::exact")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::ExactDecimal"))]
    pub amount: Decimal,
    /// What it is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// A Texas confirmation of arrears reduced to money judgment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct JudgmentInput {
    /// The date the judgment is rendered (it takes effect at the end of that day).
    pub date: Date,
    /// The obligation types confirmed (default: every type).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub types: Option<Vec<String>>,
    /// The amounts the court confirmed, by type: from the judgment on, the court's figure
    /// governs, and the difference from the computed balance is shown.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub confirmed: Vec<ConfirmedAmount>,
}

/// A California renewal of the judgment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct RenewalInput {
    /// The date the renewal is filed (it takes effect at the end of that day).
    pub date: Date,
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

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum EventKind {
    Due(usize),
    Change(usize, usize),
    Fee(usize),
    Payment(usize),
    Judgment(usize),
    Renewal(usize),
    Reversal(usize),
    Move(usize),
    Opening(usize),
    LumpSum(usize),
}

#[derive(Debug, Clone, Copy)]
pub(super) struct Event {
    pub date: Date,
    class: u8,
    receipt: u64,
    index: usize,
    pub kind: EventKind,
}

pub(super) fn money(field: &str, v: Decimal) -> Result<Money, Error> {
    Money::from_exact_cents(field, require_amount(field, v)?)
}

impl<'a> Engine<'a> {
    pub(super) fn new(rules: &'a Rules, input: &'a LedgerInput) -> Result<Engine<'a>, Error> {
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
        if input.orders.is_empty()
            && input.opening_balances.is_empty()
            && input.lump_sums.is_empty()
            && (!input.payments.is_empty() || input.resume_from.is_some())
        {
            return Err(Error::invalid(
                "orders",
                "none",
                "at least one order, opening balance or lump-sum judgment (payments are applied to what is owed)",
            ));
        }
        if let Some(first) = input.orders.iter().map(|o| o.start).min() {
            if first.add_years_feb29_to_mar1(MAX_LEDGER_YEARS)? < as_of {
                let (field, given) = match input.through {
                    Some(t) => ("through", t),
                    None => ("as_of", as_of),
                };
                return Err(Error::invalid(
                    field,
                    given,
                    format!(
                        "a date at most {MAX_LEDGER_YEARS} years after the earliest order's start ({first}); longer histories are outside the engine's limit"
                    ),
                ));
            }
        }
        let horizon = as_of.add_days(-1)?.last_of_month();
        let schedule = schedule::build(state, &input.orders, horizon)?;
        let first_start = input
            .orders
            .iter()
            .map(|o| o.start)
            .chain(input.opening_balances.iter().map(|b| b.date))
            .chain(
                input
                    .lump_sums
                    .iter()
                    .map(|l| l.owed_since.unwrap_or(l.date)),
            )
            .min();
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
        // Opening balances: the ledger starts on their date; installments due before it are
        // in the balances (library reading R-AR-6).
        let opening = opening_items(rules, input, &mut items)?;
        let opening_date = input.opening_balances.first().map(|b| b.date);
        let starts = |field: String, d: Date| {
            match opening_date {
            Some(od) if d < od => Err(Error::invalid(
                field,
                d,
                format!("a date on or after the opening balances' date {od} (what came before is in them)"),
            )),
            _ => Ok(()),
        }
        };
        // Events' own fields.
        let mut payments = Vec::new();
        for (i, p) in input.payments.iter().enumerate() {
            let at = format!("payments[{i}]");
            let amount = money(&format!("{at}.amount"), p.amount)?;
            let source = match &p.source {
                Some(s) => PaymentSource::parse(&format!("{at}.source"), s)?,
                None => PaymentSource::Regular,
            };
            if let Some(w) = p.withheld {
                if w > p.date {
                    return Err(Error::invalid(
                        format!("{at}.withheld"),
                        w,
                        format!("a date on or before the day it was received, {}", p.date),
                    ));
                }
            }
            let when = p.collected(o.date_of_withholding);
            starts(format!("{at}.date"), when)?;
            if first_start.is_none_or(|s| when < s) {
                return Err(Error::invalid(
                    format!("{at}.date"),
                    when,
                    match first_start {
                        Some(s) => {
                            format!("a date on or after the first order's start (or balance) {s}")
                        }
                        None => "a date after an order starts (or a balance is owed)".to_string(),
                    },
                ));
            }
            if when < as_of {
                crediting::order_on(rules, state, o.crediting_date.unwrap_or(when)).map_err(
                    |e| match e {
                        Error::NoRule { covered, .. } => Error::invalid(
                            if o.crediting_date.is_some() {
                                "options.crediting_date".to_string()
                            } else {
                                format!("{at}.date")
                            },
                            o.crediting_date.unwrap_or(when),
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
            let withholding = o.date_of_withholding;
            (
                p.collected(withholding),
                p.receipt.is_none(),
                p.receipt,
                p.id.is_none(),
                &p.id,
            )
                .cmp(&(
                    q.collected(withholding),
                    q.receipt.is_none(),
                    q.receipt,
                    q.id.is_none(),
                    &q.id,
                ))
                .then(p.amount.cmp(&q.amount))
                .then((payments[a].1 as u8).cmp(&(payments[b].1 as u8)))
                .then(a.cmp(&b))
        });
        let mut reversed_payment = vec![usize::MAX; input.payments.len()];
        for (r, rev) in input.reversals.iter().enumerate() {
            let at = format!("reversals[{r}]");
            let p = corrected_payment(
                input,
                &at,
                (&rev.payment_id, rev.date, &rev.reason),
                "the reason for the reversal (NSF, dishonored, stop payment)",
            )?;
            if reversed_payment[p] != usize::MAX {
                return Err(Error::invalid(
                    format!("{at}.payment_id"),
                    &rev.payment_id,
                    format!(
                        "a payment reversed once (reversals[{}] reverses it too)",
                        reversed_payment[p]
                    ),
                ));
            }
            reversed_payment[p] = r;
        }
        let mut moved_payment = vec![usize::MAX; input.payments.len()];
        let mut move_types = Vec::new();
        for (m, mv) in input.moves.iter().enumerate() {
            let at = format!("moves[{m}]");
            let p = corrected_payment(
                input,
                &at,
                (&mv.payment_id, mv.date, &mv.reason),
                "the reason for the correction (applied to the wrong obligation or case)",
            )?;
            if reversed_payment[p] != usize::MAX || moved_payment[p] != usize::MAX {
                return Err(Error::invalid(
                    format!("{at}.payment_id"),
                    &mv.payment_id,
                    "a payment neither reversed nor moved already (reverse or move a payment once)",
                ));
            }
            moved_payment[p] = m;
            let to = match (&mv.to_type, &mv.to_case) {
                (Some(t), None) => Some(ObligationType::parse(&format!("{at}.to_type"), t, state)?),
                (None, Some(c)) if !c.trim().is_empty() && c.len() <= 200 => None,
                (None, Some(c)) => {
                    return Err(Error::invalid(
                        format!("{at}.to_case"),
                        c,
                        "the case's ID, 1 to 200 characters, not blank",
                    ))
                }
                _ => {
                    return Err(Error::invalid(
                        at,
                        "to_type and to_case",
                        "where the payment belonged: to_type (an obligation of this case) or to_case (another case), one of them",
                    ))
                }
            };
            move_types.push(to);
        }
        let mut payment_rank = vec![0u64; input.payments.len()];
        for (r, &i) in by_receipt.iter().enumerate() {
            payment_rank[i] = r as u64;
        }
        let mut fees = Vec::new();
        for (i, f) in input.fees.iter().enumerate() {
            starts(format!("fees[{i}].date"), f.date)?;
            fees.push(money(&format!("fees[{i}].amount"), f.amount)?);
        }
        let mut judgment_types = Vec::new();
        let mut court_figures = Vec::new();
        for (i, j) in input.judgments.iter().enumerate() {
            starts(format!("judgments[{i}].date"), j.date)?;
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
            let mut figures = Vec::new();
            for (k, c) in j.confirmed.iter().enumerate() {
                let at = format!("judgments[{i}].confirmed[{k}]");
                let ty = ObligationType::parse(&format!("{at}.type"), &c.obligation_type, state)?;
                if !types.contains(&ty) {
                    return Err(Error::invalid(
                        format!("{at}.type"),
                        &c.obligation_type,
                        "a type the judgment confirms (its types)",
                    ));
                }
                if figures.iter().any(|(t, _)| *t == ty) {
                    return Err(Error::invalid(
                        format!("{at}.type"),
                        &c.obligation_type,
                        "each type's confirmed amount once",
                    ));
                }
                figures.push((ty, money(&format!("{at}.amount"), c.amount)?));
            }
            judgment_types.push(types);
            court_figures.push(figures);
        }
        let mut lump_sums = Vec::new();
        for (i, l) in input.lump_sums.iter().enumerate() {
            let at = format!("lump_sums[{i}]");
            starts(format!("{at}.date"), l.date)?;
            let ty = ObligationType::parse(
                &format!("{at}.type"),
                l.obligation_type.as_deref().unwrap_or("child"),
                state,
            )?;
            let amount = money(&format!("{at}.amount"), l.amount)?;
            if amount.is_zero() {
                return Err(Error::invalid(
                    format!("{at}.amount"),
                    "0",
                    "an amount above zero",
                ));
            }
            if let Some(o) = l.owed_since {
                if o > l.date {
                    return Err(Error::invalid(
                        format!("{at}.owed_since"),
                        o,
                        format!("a date on or before the judgment's date {}", l.date),
                    ));
                }
            }
            interest::rate_on(rules, state, l.date).map_err(|e| match e {
                Error::NoRule { covered, .. } => Error::invalid(
                    format!("{at}.date"),
                    l.date,
                    format!(
                        "a date the {} interest rules cover ({covered})",
                        state.as_str()
                    ),
                ),
                other => other,
            })?;
            lump_sums.push((ty, amount));
        }
        for (i, r) in input.renewals.iter().enumerate() {
            starts(format!("renewals[{i}].date"), r.date)?;
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
        let scheduled = items.clone();
        // The starting state.
        let s = match &input.resume_from {
            None if opening_date.is_some() => {
                let od = opening_date.unwrap_or(as_of).min(as_of);
                let mut s = SavedState {
                    version: 0,
                    fingerprint: BTreeMap::new(),
                    seal: String::new(),
                    state,
                    as_of: od,
                    items,
                    interest: vec![TypeInterest::default(); ObligationType::ALL.len()],
                    credit: Money::ZERO,
                    fees_paid: Money::ZERO,
                    counters: Counters::default(),
                    consumed: Consumed::default(),
                };
                for (ty, principal, int) in &opening {
                    let ti = &mut s.interest[ty.index()];
                    ti.accrued =
                        interest::mul(int.as_decimal(), Decimal::from(interest::DENOMINATOR))?;
                    ti.posted = *int;
                    s.counters.opening = s.counters.opening + *principal + *int;
                }
                s
            }
            None => {
                let first_event = items
                    .iter()
                    .map(|i| i.due)
                    .chain(
                        input
                            .payments
                            .iter()
                            .map(|p| p.collected(input.options.date_of_withholding)),
                    )
                    .chain(input.fees.iter().map(|p| p.date))
                    .chain(input.judgments.iter().map(|p| p.date))
                    .chain(input.renewals.iter().map(|p| p.date))
                    .chain(input.lump_sums.iter().map(|p| p.date))
                    .min()
                    .unwrap_or(as_of)
                    .min(as_of);
                SavedState {
                    version: 0,
                    fingerprint: BTreeMap::new(),
                    seal: String::new(),
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
            Some(saved) => {
                super::checkpoint::verify(rules, input, &schedule.segments, &items, saved)?;
                resume(saved, items, input, as_of)?
            }
        };
        let mut breakpoints: Vec<Date> = Vec::new();
        if state == Jurisdiction::Texas {
            breakpoints.extend(schedule.term_boundaries());
        }
        let (series, _) = interest::rate_series(rules, state);
        breakpoints.extend(crate::rules::arrears::rate_boundaries(series));
        breakpoints.sort();
        breakpoints.dedup();
        // The running sums; each item's rate class is the due range of the rate entries that
        // apply to it (overlapping ranges are the same range, rules::arrears::check_rates).
        let class_of = |due: Date| {
            series
                .iter()
                .find(|r| r.admits(due))
                .map(|r| (r.due_from, r.due_through))
        };
        let texas = state == Jurisdiction::Texas;
        let excludable =
            |it: &Item| texas && matches!(it.kind, ItemKind::Installment | ItemKind::Opening);
        let book = Book::new(&s.items, s.as_of, &class_of, &excludable);
        // Each installment's place in the schedule (its source and proration).
        let by_id: HashMap<&str, usize> = schedule
            .installments
            .iter()
            .enumerate()
            .map(|(i, inst)| (inst.id.as_str(), i))
            .collect();
        let inst_meta = s
            .items
            .iter()
            .map(|it| by_id.get(it.id.as_str()).copied().unwrap_or(usize::MAX))
            .collect();
        // Texas: the longest time from a due date to delinquency (for the non-delinquent tier).
        let max_lag = s
            .items
            .iter()
            .filter(|it| it.kind == ItemKind::Installment)
            .map(|it| it.due.days_until(it.interest_from))
            .max()
            .unwrap_or(0)
            .max(0);
        let mut int_rounded = [0i64; 4];
        for (k, ti) in s.interest.iter().enumerate().take(4) {
            int_rounded[k] = ti.rounded().cents();
        }
        let first_interest = s.items.iter().map(|it| it.interest_from).min();
        let posting_rates = series
            .iter()
            .filter(|r| {
                r.validity
                    .effective_through
                    .is_none_or(|t| first_interest.is_none_or(|f| f <= t))
            })
            .map(|r| (r.validity.effective_from, super::accrual::rate_cite(r)))
            .collect();
        Ok(Engine {
            rules,
            input,
            as_of,
            state,
            type_order,
            schedule,
            s,
            book,
            inst_meta,
            max_lag,
            breakpoints,
            lines: Vec::new(),
            closings: BTreeMap::new(),
            payments,
            payment_rank,
            reversed_payment,
            moved_payment,
            move_types,
            lump_sums,
            court_figures,
            scheduled,
            reversing: true,
            trace: true,
            fees,
            judgment_types,
            crediting_cites: Vec::new(),
            rate_cites: Vec::new(),
            posting_rates,
            posting_cite: (usize::MAX, String::new()),
            int_rounded,
        })
    }

    pub(super) fn events(&self) -> Result<Vec<Event>, Error> {
        let as_of = self.as_of;
        let mut ev = Vec::new();
        for (idx, it) in self.s.items.iter().enumerate() {
            if it.kind == ItemKind::Installment && it.due < as_of {
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
                date: p.collected(self.input.options.date_of_withholding),
                class: 3,
                receipt: self.payment_rank[i],
                index: i,
                kind: EventKind::Payment(i),
            });
        }
        for (i, j) in self.input.judgments.iter().enumerate() {
            ev.push(Event {
                date: j.date,
                class: 5,
                receipt: 0,
                index: i,
                kind: EventKind::Judgment(i),
            });
        }
        if self.reversing {
            for (i, r) in self.input.reversals.iter().enumerate() {
                ev.push(Event {
                    date: r.date,
                    class: 4,
                    receipt: 0,
                    index: i,
                    kind: EventKind::Reversal(i),
                });
            }
        }
        for (i, b) in self.input.opening_balances.iter().enumerate() {
            ev.push(Event {
                date: b.date,
                class: 0,
                receipt: 0,
                index: i,
                kind: EventKind::Opening(i),
            });
        }
        for (i, l) in self.input.lump_sums.iter().enumerate() {
            ev.push(Event {
                date: l.date,
                class: 5,
                receipt: 0,
                index: i,
                kind: EventKind::LumpSum(i),
            });
        }
        if self.reversing {
            for (i, m) in self.input.moves.iter().enumerate() {
                ev.push(Event {
                    date: m.date,
                    class: 4,
                    receipt: 1,
                    index: i,
                    kind: EventKind::Move(i),
                });
            }
        }
        for (i, r) in self.input.renewals.iter().enumerate() {
            ev.push(Event {
                date: r.date,
                class: 5,
                receipt: 0,
                index: i,
                kind: EventKind::Renewal(i),
            });
        }
        // A converted case starts at its opening balances: an order change before them is in
        // the terms, not a line of this ledger.
        let start = self
            .input
            .opening_balances
            .first()
            .map(|b| b.date)
            .unwrap_or(Date::MIN);
        ev.retain(|e| e.date < as_of && e.date >= start);
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
}

/// The items of the opening balances (library reading R-AR-6), and per balance its type,
/// principal and interest. Installments due before the balances' date are dropped from
/// `items`: the balances hold them.
fn opening_items(
    rules: &Rules,
    input: &LedgerInput,
    items: &mut Vec<Item>,
) -> Result<Vec<(ObligationType, Money, Money)>, Error> {
    let state = input.state;
    let Some(first) = input.opening_balances.first() else {
        return Ok(vec![]);
    };
    let od = first.date;
    let mut out: Vec<(ObligationType, Money, Money)> = Vec::new();
    let mut made = Vec::new();
    for (i, b) in input.opening_balances.iter().enumerate() {
        let at = format!("opening_balances[{i}]");
        if b.date != od {
            return Err(Error::invalid(
                format!("{at}.date"),
                b.date,
                format!(
                    "the date of opening_balances[0], {od} (a case is converted as of one date)"
                ),
            ));
        }
        let ty = ObligationType::parse(
            &format!("{at}.type"),
            b.obligation_type.as_deref().unwrap_or("child"),
            state,
        )?;
        if out.iter().any(|(t, _, _)| *t == ty) {
            return Err(Error::invalid(
                format!("{at}.type"),
                ty,
                "one opening balance per obligation type",
            ));
        }
        let principal = money(&format!("{at}.principal"), b.principal)?;
        let int = money(&format!("{at}.interest"), b.interest)?;
        let owed_since = b.owed_since.unwrap_or(od);
        if owed_since > od {
            return Err(Error::invalid(
                format!("{at}.owed_since"),
                owed_since,
                format!("a date on or before the balance's date {od}"),
            ));
        }
        if b.confirmed && state != Jurisdiction::Texas {
            return Err(Error::invalid(
                format!("{at}.confirmed"),
                "true",
                "confirmed balances only in Texas (arrears confirmed and reduced to money judgment)",
            ));
        }
        let no_rule = |e: Error| match e {
            Error::NoRule { rule, covered, .. } => Error::invalid(
                format!("{at}.date"),
                od,
                format!("a date the {rule} rules cover ({covered})"),
            ),
            other => other,
        };
        let day_count = match input.options.day_count {
            Some(d) => d,
            None => match state {
                Jurisdiction::California => {
                    in_force(
                        &rules.arrears.california_accrual,
                        "arrears.california_accrual",
                        od,
                    )
                    .map_err(no_rule)?
                    .day_count
                }
                Jurisdiction::Texas => {
                    in_force(&rules.arrears.texas_accrual, "arrears.texas_accrual", od)
                        .map_err(no_rule)?
                        .day_count
                }
            },
        };
        let rate = interest::rate_at(rules, state, od, owed_since)
            .map(|r| r.rate)
            .map_err(no_rule)?;
        let free = match b.interest_free {
            None => Money::ZERO,
            Some(v) => money(&format!("{at}.interest_free"), v)?,
        };
        if free > principal || (b.confirmed && !free.is_zero()) {
            return Err(Error::invalid(
                format!("{at}.interest_free"),
                free,
                "at most the unconfirmed principal",
            ));
        }
        out.push((ty, principal, int));
        if !free.is_zero() {
            // Never bears interest, and is paid after the rest (the newest part).
            made.push(Item {
                id: format!("{at}/{ty}/interest_free"),
                kind: ItemKind::Opening,
                obligation_type: ty,
                due: owed_since,
                amount: free,
                paid: Money::ZERO,
                confirmed: Money::ZERO,
                interest_from: Date::MAX,
                rate,
                day_count,
                components: vec![],
            });
        }
        let principal = principal - free;
        if principal.is_zero() {
            continue;
        }
        made.insert(
            made.len().saturating_sub(usize::from(!free.is_zero())),
            Item {
                id: format!("{at}/{ty}"),
                kind: if b.confirmed {
                    ItemKind::Judgment
                } else {
                    ItemKind::Opening
                },
                obligation_type: ty,
                due: owed_since,
                amount: principal,
                paid: Money::ZERO,
                confirmed: Money::ZERO,
                interest_from: od,
                rate,
                day_count,
                components: if b.confirmed {
                    vec![super::state::Owed {
                        due: owed_since,
                        amount: principal,
                    }]
                } else {
                    vec![]
                },
            },
        );
    }
    items.retain(|it| it.due >= od);
    items.extend(made);
    items.sort_by_cached_key(|it| it.key());
    Ok(out)
}

/// The payment a reversal or move at `at` names (by ID), checked: it exists, the correction is
/// on or after its date with a reason, and (resuming) it was received on or after the
/// checkpoint's date.
fn corrected_payment(
    input: &LedgerInput,
    at: &str,
    (id, date, reason): (&str, Date, &str),
    why: &str,
) -> Result<usize, Error> {
    let Some(p) = input
        .payments
        .iter()
        .position(|p| p.id.as_deref() == Some(id))
    else {
        return Err(Error::invalid(
            format!("{at}.payment_id"),
            id,
            "the id of a payment in this request",
        ));
    };
    let paid = input.payments[p].date;
    if date < paid {
        return Err(Error::invalid(
            format!("{at}.date"),
            date,
            format!("a date on or after the payment's date {paid}"),
        ));
    }
    if reason.trim().is_empty() {
        return Err(Error::invalid(format!("{at}.reason"), "blank", why));
    }
    if let Some(saved) = &input.resume_from {
        // A correction from the checkpoint's date on cannot reach a payment credited before
        // it (one before that date is in the checkpoint's fingerprint).
        if paid < saved.as_of && date >= saved.as_of {
            return Err(Error::invalid(
                format!("{at}.payment_id"),
                id,
                format!(
                    "a payment on or after the saved state's date {} (a payment credited before it: compute the ledger from the start)",
                    saved.as_of
                ),
            ));
        }
    }
    Ok(p)
}

// Constructors: the request types are `#[non_exhaustive]` (they grow with the law), so a
// caller outside the crate builds one from its required fields and sets the others by name.

impl LedgerInput {
    /// A ledger of `orders` under `state`'s law, with every other field at its default (no
    /// date yet: set `as_of` or `through`, or open it as a [`super::open::Ledger`]).
    pub fn new(state: Jurisdiction, orders: Vec<OrderInput>) -> LedgerInput {
        LedgerInput {
            state,
            as_of: None,
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
}

impl PaymentInput {
    /// A regular payment of `amount` received on `date`.
    pub fn new(date: Date, amount: Decimal) -> PaymentInput {
        PaymentInput {
            date,
            amount,
            source: None,
            receipt: None,
            id: None,
            withheld: None,
        }
    }
}

impl ReversalInput {
    /// The reversal on `date` of the payment `payment_id`, for `reason`.
    pub fn new(payment_id: impl Into<String>, date: Date, reason: impl Into<String>) -> Self {
        ReversalInput {
            payment_id: payment_id.into(),
            date,
            reason: reason.into(),
        }
    }
}

impl MoveInput {
    /// The move on `date` of the payment `payment_id` to the obligation type `to_type`.
    pub fn to_type(
        payment_id: impl Into<String>,
        date: Date,
        reason: impl Into<String>,
        to_type: impl Into<String>,
    ) -> Self {
        MoveInput {
            payment_id: payment_id.into(),
            date,
            reason: reason.into(),
            to_type: Some(to_type.into()),
            to_case: None,
        }
    }

    /// The move on `date` of the payment `payment_id` to the case `to_case`.
    pub fn to_case(
        payment_id: impl Into<String>,
        date: Date,
        reason: impl Into<String>,
        to_case: impl Into<String>,
    ) -> Self {
        MoveInput {
            payment_id: payment_id.into(),
            date,
            reason: reason.into(),
            to_type: None,
            to_case: Some(to_case.into()),
        }
    }
}

impl OpeningBalanceInput {
    /// A child support balance of `principal` and `interest` carried over as of `date`.
    pub fn new(date: Date, principal: Decimal, interest: Decimal) -> Self {
        OpeningBalanceInput {
            date,
            obligation_type: None,
            principal,
            interest,
            owed_since: None,
            confirmed: false,
            interest_free: None,
        }
    }
}

impl LumpSumInput {
    /// A child support judgment of `amount` rendered on `date`.
    pub fn new(date: Date, amount: Decimal) -> Self {
        LumpSumInput {
            date,
            obligation_type: None,
            amount,
            description: None,
            owed_since: None,
        }
    }
}

impl ConfirmedAmount {
    /// The court's `amount` for the obligation type `obligation_type`.
    pub fn new(obligation_type: impl Into<String>, amount: Decimal) -> Self {
        ConfirmedAmount {
            obligation_type: obligation_type.into(),
            amount,
        }
    }
}

impl FeeInput {
    /// A fee of `amount` owed from `date`.
    pub fn new(date: Date, amount: Decimal) -> Self {
        FeeInput {
            date,
            amount,
            description: None,
        }
    }
}

impl JudgmentInput {
    /// A judgment rendered on `date` confirming every type at the computed amounts.
    pub fn new(date: Date) -> Self {
        JudgmentInput {
            date,
            types: None,
            confirmed: vec![],
        }
    }
}

impl RenewalInput {
    /// A renewal filed on `date`.
    pub fn new(date: Date) -> Self {
        RenewalInput { date }
    }
}
