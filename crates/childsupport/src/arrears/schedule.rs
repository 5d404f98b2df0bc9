//! Installments from an order history.
//!
//! An order has an obligation type, an amount, a frequency, a start, an optional end, its due
//! day(s), and modifications over time (`changes`). Readings (spec/README.md):
//! - Monthly: one installment a calendar month on the due day (default: the start's day), days
//!   29-31 clamped to the last day of a shorter month. In the order's first and last calendar
//!   months the installment is due in full (on the start date if the due day is before it, on the
//!   end date if the due day is after it); with `prorate` it is the amount x days in force / days
//!   in the month, rounded half away from zero to the cent.
//! - Semimonthly: the 1st and 15th unless the order names two days.
//! - Weekly and biweekly: every 7 or 14 days from the first due date (default: the start).
//! - A change effective on D governs installments due on or after D (same-day order: order
//!   changes take effect before installments fall due, so "$480 effective July 1" charges $480 on
//!   July 1, as the order's words and Fam. Code §3653(a) read). An order's end date and a change's
//!   effective date are both inclusive. A monthly order still has at most one installment a
//!   calendar month; a weekly or biweekly change keeps the cadence of a weekly or biweekly order
//!   before it unless it names `first_due` (on or after the effective date).
//! - "One month's obligation" (Texas interest base): the order converted to monthly (weekly x
//!   52/12, biweekly x 26/12, semimonthly x 2) in effect that day; after the order ends, the last
//!   such amount.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::{Jurisdiction, ObligationType};
use crate::date::Date;
use crate::error::Error;
use crate::money::{require_amount, Money};

/// How often an installment falls due.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Frequency {
    /// Once a calendar month.
    Monthly,
    /// Twice a calendar month.
    Semimonthly,
    /// Every 14 days.
    Biweekly,
    /// Every 7 days.
    Weekly,
}

impl Frequency {
    /// Parses a frequency named in a request.
    pub fn parse(field: &str, text: &str) -> Result<Frequency, Error> {
        match text {
            "monthly" => Ok(Frequency::Monthly),
            "semimonthly" => Ok(Frequency::Semimonthly),
            "biweekly" => Ok(Frequency::Biweekly),
            "weekly" => Ok(Frequency::Weekly),
            _ => Err(Error::invalid(
                field,
                text,
                "a frequency: monthly, semimonthly, biweekly or weekly",
            )),
        }
    }

    /// The name used in requests.
    pub fn as_str(self) -> &'static str {
        match self {
            Frequency::Monthly => "monthly",
            Frequency::Semimonthly => "semimonthly",
            Frequency::Biweekly => "biweekly",
            Frequency::Weekly => "weekly",
        }
    }

    /// Twelve times the monthly equivalent of `amount` (kept x12 so it stays exact).
    pub fn monthly_x12(self, amount: Decimal) -> Decimal {
        match self {
            Frequency::Monthly => amount * Decimal::from(12),
            Frequency::Semimonthly => amount * Decimal::from(24),
            Frequency::Biweekly => amount * Decimal::from(26),
            Frequency::Weekly => amount * Decimal::from(52),
        }
    }

    fn period_days(self) -> Option<i64> {
        match self {
            Frequency::Weekly => Some(7),
            Frequency::Biweekly => Some(14),
            _ => None,
        }
    }
}

/// A support order as given in a request.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct OrderInput {
    /// The obligation type: `child` (default), `medical`, `spousal`, and in Texas `dental`.
    #[serde(rename = "type", default = "default_type")]
    pub obligation_type: String,
    /// `monthly`, `semimonthly`, `biweekly` or `weekly`.
    pub frequency: String,
    /// The amount of each installment, in whole cents.
    #[serde(with = "crate::money::exact")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::ExactDecimal"))]
    pub amount: Decimal,
    /// The first day the order is in force.
    pub start: Date,
    /// The last day the order is in force (inclusive); absent: still in force.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<Date>,
    /// Monthly: the due day, 1-31 (default: the start's day).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due_day: Option<u32>,
    /// Semimonthly: the two due days (default 1 and 15).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due_days: Option<Vec<u32>>,
    /// Weekly or biweekly: the first due date (default: the start).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_due: Option<Date>,
    /// Monthly: prorate the first and last partial months (default: due in full).
    #[serde(default)]
    pub prorate: bool,
    /// Modifications, in date order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub changes: Vec<ChangeInput>,
}

fn default_type() -> String {
    "child".to_string()
}

/// A modification of an order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct ChangeInput {
    /// The day the change takes effect (it governs installments due on or after this day).
    pub effective: Date,
    /// The new installment amount.
    #[serde(with = "crate::money::exact")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::ExactDecimal"))]
    pub amount: Decimal,
    /// A new frequency (default: unchanged).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub frequency: Option<String>,
    /// A new monthly due day (default: unchanged).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due_day: Option<u32>,
    /// New semimonthly due days (default: unchanged).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due_days: Option<Vec<u32>>,
    /// The first due date under a new weekly or biweekly schedule.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_due: Option<Date>,
}

/// The terms of an order over one stretch of time.
#[derive(Debug, Clone, PartialEq)]
pub struct Segment {
    /// The order's index in the request.
    pub order: usize,
    /// The obligation type.
    pub obligation_type: ObligationType,
    /// In force from this day (the start, or a change's effective date).
    pub from: Date,
    /// In force through this day (inclusive), if it ends.
    pub through: Option<Date>,
    /// The frequency.
    pub frequency: Frequency,
    /// The installment amount.
    pub amount: Money,
    /// Where the terms come from (`orders[0]`, `orders[0].changes[1]`).
    pub source: String,
}

impl Segment {
    /// Twelve times the monthly equivalent of the installment.
    pub fn monthly_x12(&self) -> Decimal {
        self.frequency.monthly_x12(self.amount.as_decimal())
    }
}

/// One installment of an order.
#[derive(Debug, Clone, PartialEq)]
pub struct Installment {
    /// A stable id: `orders[0]#5` (the order and the installment's number, from 1).
    pub id: String,
    /// The order's index.
    pub order: usize,
    /// The obligation type.
    pub obligation_type: ObligationType,
    /// The due date.
    pub due: Date,
    /// The amount due.
    pub amount: Money,
    /// Where the terms come from.
    pub source: String,
    /// Whether the amount was prorated.
    pub prorated: bool,
}

/// The validated schedule of one request: every installment due on or before a horizon, and
/// the segments of terms (for "one month's obligation").
#[derive(Debug, Clone, PartialEq)]
pub struct Schedule {
    /// Installments, sorted by due date, then order, then number.
    pub installments: Vec<Installment>,
    /// Terms over time.
    pub segments: Vec<Segment>,
}

/// The most installments one request may make (about 1,900 years of weekly support): keeps
/// every computation bounded.
pub const MAX_INSTALLMENTS: usize = 100_000;

#[derive(Clone)]
struct Terms {
    frequency: Frequency,
    amount: Money,
    due_day: u32,
    due_days: [u32; 2],
    anchor: Option<Date>,
    source: String,
}

fn check_day(field: &str, day: u32) -> Result<u32, Error> {
    if (1..=31).contains(&day) {
        Ok(day)
    } else {
        Err(Error::invalid(
            field,
            day,
            "a day of the month from 1 to 31",
        ))
    }
}

fn check_days(field: &str, days: &[u32]) -> Result<[u32; 2], Error> {
    if days.len() != 2 {
        return Err(Error::invalid(
            field,
            format!("{days:?}"),
            "two due days of the month, such as [1, 15]",
        ));
    }
    let a = check_day(&format!("{field}[0]"), days[0])?;
    let b = check_day(&format!("{field}[1]"), days[1])?;
    if a >= b {
        return Err(Error::invalid(
            field,
            format!("{days:?}"),
            "two different due days, the earlier first",
        ));
    }
    Ok([a, b])
}

fn amount(field: &str, value: Decimal) -> Result<Money, Error> {
    let v = require_amount(field, value)?;
    Money::from_exact_cents(field, v)
}

/// Builds the schedule of `orders` through `horizon` (inclusive), checking every field.
pub fn build(state: Jurisdiction, orders: &[OrderInput], horizon: Date) -> Result<Schedule, Error> {
    let mut installments = Vec::new();
    let mut segments = Vec::new();
    for (i, o) in orders.iter().enumerate() {
        let at = format!("orders[{i}]");
        let ty = ObligationType::parse(&format!("{at}.type"), &o.obligation_type, state)?;
        let frequency = Frequency::parse(&format!("{at}.frequency"), &o.frequency)?;
        let amt = amount(&format!("{at}.amount"), o.amount)?;
        if let Some(end) = o.end {
            if end < o.start {
                return Err(Error::invalid(
                    format!("{at}.end"),
                    end,
                    format!("a date on or after the order's start {}", o.start),
                ));
            }
        }
        if o.prorate && frequency != Frequency::Monthly {
            return Err(Error::invalid(
                format!("{at}.prorate"),
                true,
                "proration only for monthly orders",
            ));
        }
        let due_day = match o.due_day {
            Some(d) => check_day(&format!("{at}.due_day"), d)?,
            None => o.start.day(),
        };
        let due_days = match &o.due_days {
            Some(d) => check_days(&format!("{at}.due_days"), d)?,
            None => [1, 15],
        };
        let anchor = match (frequency.period_days(), o.first_due) {
            (Some(_), Some(f)) if f < o.start => {
                return Err(Error::invalid(
                    format!("{at}.first_due"),
                    f,
                    format!("a date on or after the order's start {}", o.start),
                ))
            }
            (Some(_), f) => Some(f.unwrap_or(o.start)),
            (None, _) => None,
        };
        let mut terms = vec![(
            o.start,
            Terms {
                frequency,
                amount: amt,
                due_day,
                due_days,
                anchor,
                source: at.clone(),
            },
        )];
        for (j, c) in o.changes.iter().enumerate() {
            let cat = format!("{at}.changes[{j}]");
            let prev_from = terms.last().map(|t| t.0).unwrap_or(o.start);
            if c.effective <= prev_from {
                return Err(Error::invalid(
                    format!("{cat}.effective"),
                    c.effective,
                    format!("a date after {prev_from} (changes in date order, after the start)"),
                ));
            }
            if let Some(end) = o.end {
                if c.effective > end {
                    return Err(Error::invalid(
                        format!("{cat}.effective"),
                        c.effective,
                        format!("a date on or before the order's end {end}"),
                    ));
                }
            }
            let prev = terms
                .last()
                .map(|t| t.1.clone())
                .expect("terms start non-empty");
            let frequency = match &c.frequency {
                Some(f) => Frequency::parse(&format!("{cat}.frequency"), f)?,
                None => prev.frequency,
            };
            let due_day = match c.due_day {
                Some(d) => check_day(&format!("{cat}.due_day"), d)?,
                None => prev.due_day,
            };
            let due_days = match &c.due_days {
                Some(d) => check_days(&format!("{cat}.due_days"), d)?,
                None => prev.due_days,
            };
            let anchor = match (frequency.period_days(), c.first_due) {
                (Some(_), Some(f)) if f < c.effective => {
                    return Err(Error::invalid(
                        format!("{cat}.first_due"),
                        f,
                        format!(
                            "a date on or after the change's effective date {}",
                            c.effective
                        ),
                    ))
                }
                (Some(_), Some(f)) => Some(f),
                (Some(_), None) => match prev.anchor {
                    Some(a) => Some(a),
                    None => return Err(Error::invalid(
                        format!("{cat}.first_due"),
                        "none",
                        "the first due date when a change moves to a weekly or biweekly schedule",
                    )),
                },
                (None, _) => None,
            };
            terms.push((
                c.effective,
                Terms {
                    frequency,
                    amount: amount(&format!("{cat}.amount"), c.amount)?,
                    due_day,
                    due_days,
                    anchor,
                    source: cat,
                },
            ));
        }
        let mut seq = 0usize;
        let mut months_used: std::collections::HashSet<(i32, u32)> = Default::default();
        for (k, (from, t)) in terms.iter().enumerate() {
            // Installments due in [from, next_from) under these terms (both dates inclusive:
            // the change governs its effective date); the order's end caps the last.
            let next = terms.get(k + 1).map(|n| n.0);
            let lo = *from;
            let mut hi = match next {
                Some(n) => n.add_days(-1)?,
                None => o.end.unwrap_or(horizon),
            };
            if let Some(end) = o.end {
                hi = hi.min(end);
            }
            hi = hi.min(horizon);
            segments.push(Segment {
                order: i,
                obligation_type: ty,
                from: *from,
                through: match next {
                    Some(n) => Some(n.add_days(-1)?),
                    None => o.end,
                },
                frequency: t.frequency,
                amount: t.amount,
                source: t.source.clone(),
            });
            if hi < lo {
                continue;
            }
            let mut push = |due: Date, amount: Money, prorated: bool| -> Result<(), Error> {
                seq += 1;
                if installments.len() >= MAX_INSTALLMENTS {
                    return Err(Error::invalid(
                        format!("{at}.start"),
                        o.start,
                        format!("an order history of at most {MAX_INSTALLMENTS} installments"),
                    ));
                }
                installments.push(Installment {
                    id: format!("{at}#{seq}"),
                    order: i,
                    obligation_type: ty,
                    due,
                    amount,
                    source: t.source.clone(),
                    prorated,
                });
                Ok(())
            };
            let in_window = |d: Date| d >= lo && d <= hi;
            match t.frequency {
                Frequency::Monthly => {
                    let mut month = lo.first_of_month();
                    while month <= hi {
                        let key = (month.year(), month.month());
                        let mut due = month.with_day_clamped(t.due_day);
                        let mut days_in_force = i64::from(month.days_in_month());
                        let first_month = k == 0 && month == o.start.first_of_month();
                        let last_month = o.end.is_some_and(|e| e.first_of_month() == month);
                        if first_month && due < o.start {
                            due = o.start;
                        }
                        if let (true, Some(e)) = (last_month, o.end) {
                            if due > e {
                                due = e;
                            }
                        }
                        if first_month || last_month {
                            let a = if first_month { o.start } else { month };
                            let b = match (last_month, o.end) {
                                (true, Some(e)) => e,
                                _ => month.last_of_month(),
                            };
                            days_in_force = a.days_until(b) + 1;
                        }
                        if in_window(due) && months_used.insert(key) {
                            let full = i64::from(month.days_in_month());
                            if o.prorate && days_in_force < full {
                                let exact = t.amount.as_decimal() * Decimal::from(days_in_force)
                                    / Decimal::from(full);
                                push(due, Money::round(exact), true)?;
                            } else {
                                push(due, t.amount, false)?;
                            }
                        }
                        month = month.first_of_next_month()?;
                    }
                }
                Frequency::Semimonthly => {
                    let mut month = lo.first_of_month();
                    while month <= hi {
                        for d in t.due_days {
                            let due = month.with_day_clamped(d);
                            if in_window(due) {
                                push(due, t.amount, false)?;
                            }
                        }
                        month = month.first_of_next_month()?;
                    }
                }
                Frequency::Weekly | Frequency::Biweekly => {
                    let step = t.frequency.period_days().unwrap_or(7);
                    let anchor = t.anchor.unwrap_or(lo);
                    // The first date on the cadence inside the window.
                    let mut due = anchor;
                    if due < lo {
                        let behind = due.days_until(lo);
                        due = due.add_days(behind.div_euclid(step) * step)?;
                        if due < lo {
                            due = due.add_days(step)?;
                        }
                    }
                    while due <= hi {
                        if in_window(due) {
                            push(due, t.amount, false)?;
                        }
                        due = due.add_days(step)?;
                    }
                }
            }
        }
    }
    installments.sort_by(|a, b| {
        a.due
            .cmp(&b.due)
            .then(a.order.cmp(&b.order))
            .then(seq_of(&a.id).cmp(&seq_of(&b.id)))
    });
    Ok(Schedule {
        installments,
        segments,
    })
}

fn seq_of(id: &str) -> usize {
    id.rsplit('#')
        .next()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0)
}

impl Schedule {
    /// Twelve times one month's obligation of `ty` on day `t`: the sum of the monthly
    /// equivalents of the terms in force that day; if none is, the amount in force on the last
    /// day any was (zero before any order of the type).
    pub fn monthly_x12(&self, ty: ObligationType, t: Date) -> Decimal {
        let of_type = || self.segments.iter().filter(|s| s.obligation_type == ty);
        let on = |d: Date| -> Option<Decimal> {
            let mut any = false;
            let mut sum = Decimal::ZERO;
            for s in of_type() {
                if s.from <= d && s.through.is_none_or(|e| d <= e) {
                    any = true;
                    sum += s.monthly_x12();
                }
            }
            any.then_some(sum)
        };
        if let Some(v) = on(t) {
            return v;
        }
        let last_end = of_type().filter_map(|s| s.through.filter(|e| *e < t)).max();
        match last_end {
            Some(e) => on(e).unwrap_or(Decimal::ZERO),
            None => Decimal::ZERO,
        }
    }

    /// The days on which one month's obligation may change (segment starts and the days after
    /// segment ends).
    pub fn term_boundaries(&self) -> Vec<Date> {
        let mut out = Vec::new();
        for s in &self.segments {
            out.push(s.from);
            if let Some(e) = s.through {
                if let Ok(d) = e.add_days(1) {
                    out.push(d);
                }
            }
        }
        out
    }
}

impl OrderInput {
    /// A child support order of `amount` each installment at `frequency` (`monthly`,
    /// `semimonthly`, `biweekly`, `weekly`) from `start`, every other field at its default.
    pub fn new(frequency: impl Into<String>, amount: Decimal, start: Date) -> OrderInput {
        OrderInput {
            obligation_type: default_type(),
            frequency: frequency.into(),
            amount,
            start,
            end: None,
            due_day: None,
            due_days: None,
            first_due: None,
            prorate: false,
            changes: vec![],
        }
    }
}

impl ChangeInput {
    /// A change to `amount` per installment from `effective`, the terms otherwise unchanged.
    pub fn new(effective: Date, amount: Decimal) -> ChangeInput {
        ChangeInput {
            effective,
            amount,
            frequency: None,
            due_day: None,
            due_days: None,
            first_due: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        s.parse().unwrap()
    }

    fn order(freq: &str, amount: &str, start: &str, end: Option<&str>) -> OrderInput {
        OrderInput {
            obligation_type: "child".into(),
            frequency: freq.into(),
            amount: amount.parse().unwrap(),
            start: d(start),
            end: end.map(d),
            due_day: None,
            due_days: None,
            first_due: None,
            prorate: false,
            changes: vec![],
        }
    }

    fn dues(s: &Schedule) -> Vec<String> {
        s.installments
            .iter()
            .map(|i| format!("{} {}", i.due, i.amount))
            .collect()
    }

    #[test]
    fn monthly_due_day_31_is_clamped() {
        let mut o = order("monthly", "100", "2025-01-31", Some("2025-04-30"));
        o.due_day = Some(31);
        let s = build(Jurisdiction::California, &[o], d("2025-12-31")).unwrap();
        assert_eq!(
            dues(&s),
            [
                "2025-01-31 100.00",
                "2025-02-28 100.00",
                "2025-03-31 100.00",
                "2025-04-30 100.00"
            ]
        );
    }

    #[test]
    fn partial_months_due_in_full_or_prorated() {
        let mut o = order("monthly", "310", "2025-01-15", Some("2025-03-10"));
        o.due_day = Some(1);
        let s = build(Jurisdiction::California, &[o.clone()], d("2025-12-31")).unwrap();
        assert_eq!(
            dues(&s),
            [
                "2025-01-15 310.00",
                "2025-02-01 310.00",
                "2025-03-01 310.00"
            ]
        );
        o.prorate = true;
        let s = build(Jurisdiction::California, &[o], d("2025-12-31")).unwrap();
        // January: 17 of 31 days -> 170.00; March: 10 of 31 days -> 100.00.
        assert_eq!(
            dues(&s),
            [
                "2025-01-15 170.00",
                "2025-02-01 310.00",
                "2025-03-01 100.00"
            ]
        );
    }

    #[test]
    fn semimonthly_and_weekly_cadences() {
        let o = order("semimonthly", "50", "2025-01-01", Some("2025-01-31"));
        let s = build(Jurisdiction::California, &[o], d("2025-12-31")).unwrap();
        assert_eq!(dues(&s), ["2025-01-01 50.00", "2025-01-15 50.00"]);
        let o = order("biweekly", "40", "2025-01-03", Some("2025-02-14"));
        let s = build(Jurisdiction::California, &[o], d("2025-12-31")).unwrap();
        assert_eq!(
            dues(&s),
            [
                "2025-01-03 40.00",
                "2025-01-17 40.00",
                "2025-01-31 40.00",
                "2025-02-14 40.00"
            ]
        );
        // One month's obligation: biweekly 40 x 26 / 12 (kept x12: 1,040).
        assert_eq!(
            s.monthly_x12(ObligationType::Child, d("2025-01-10")),
            Decimal::from(1040)
        );
        // After the order ends: the last amount.
        assert_eq!(
            s.monthly_x12(ObligationType::Child, d("2026-01-10")),
            Decimal::from(1040)
        );
    }

    #[test]
    fn a_change_governs_the_installment_due_on_its_effective_date() {
        let mut o = order("monthly", "500", "2025-01-01", None);
        o.changes.push(ChangeInput {
            effective: d("2025-03-01"),
            amount: "600".parse().unwrap(),
            frequency: None,
            due_day: None,
            due_days: None,
            first_due: None,
        });
        let s = build(Jurisdiction::Texas, &[o], d("2025-04-30")).unwrap();
        assert_eq!(
            dues(&s),
            [
                "2025-01-01 500.00",
                "2025-02-01 500.00",
                "2025-03-01 600.00",
                "2025-04-01 600.00"
            ]
        );
        assert_eq!(
            s.monthly_x12(ObligationType::Child, d("2025-03-01")),
            Decimal::from(7200)
        );
        assert_eq!(
            s.monthly_x12(ObligationType::Child, d("2025-02-28")),
            Decimal::from(6000)
        );
    }

    #[test]
    fn weekly_and_mid_month_changes_take_effect_on_their_date() {
        let mut o = order("weekly", "100", "2025-01-03", Some("2025-01-31"));
        o.changes.push(ChangeInput {
            effective: d("2025-01-17"),
            amount: "120".parse().unwrap(),
            frequency: None,
            due_day: None,
            due_days: None,
            first_due: None,
        });
        let s = build(Jurisdiction::California, &[o], d("2025-12-31")).unwrap();
        // The change is effective on a due date (Jan 17) and governs it; the end (Jan 31) is
        // inclusive.
        assert_eq!(
            dues(&s),
            [
                "2025-01-03 100.00",
                "2025-01-10 100.00",
                "2025-01-17 120.00",
                "2025-01-24 120.00",
                "2025-01-31 120.00"
            ]
        );
        // A change in the middle of a month, after its due day, governs the next month's.
        let mut o = order("monthly", "500", "2025-01-01", Some("2025-03-01"));
        o.changes.push(ChangeInput {
            effective: d("2025-01-15"),
            amount: "550".parse().unwrap(),
            frequency: None,
            due_day: Some(20),
            due_days: None,
            first_due: None,
        });
        let s = build(Jurisdiction::California, &[o], d("2025-12-31")).unwrap();
        // January's installment (due Jan 1) is already charged: the month keeps one.
        assert_eq!(
            dues(&s),
            [
                "2025-01-01 500.00",
                "2025-02-20 550.00",
                "2025-03-01 550.00"
            ]
        );
    }

    #[test]
    fn bad_orders_name_their_field() {
        let o = order("daily", "500", "2025-01-01", None);
        let e = build(Jurisdiction::California, &[o], d("2025-12-31")).unwrap_err();
        assert_eq!(e.field(), Some("orders[0].frequency"));
        let o = order("monthly", "500", "2025-01-01", Some("2024-12-31"));
        let e = build(Jurisdiction::California, &[o], d("2025-12-31")).unwrap_err();
        assert_eq!(e.field(), Some("orders[0].end"));
        let o = order("monthly", "-5", "2025-01-01", None);
        let e = build(Jurisdiction::California, &[o], d("2025-12-31")).unwrap_err();
        assert_eq!(e.field(), Some("orders[0].amount"));
        let mut o = order("monthly", "5", "2025-01-01", None);
        o.obligation_type = "dental".into();
        let e = build(Jurisdiction::California, &[o.clone()], d("2025-12-31")).unwrap_err();
        assert_eq!(e.field(), Some("orders[0].type"));
        assert!(build(Jurisdiction::Texas, &[o], d("2025-12-31")).is_ok());
    }
}
