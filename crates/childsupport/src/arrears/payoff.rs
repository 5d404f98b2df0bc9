//! Payoff projections and Texas §158.003 additional withholding.
//!
//! A projection starts from balances as of a date (principal, interest already accrued), pays a
//! fixed amount each month (on the day of the first payment, days 29-31 clamped), accrues simple
//! interest exactly between payments by the ledger's rules (day count; Texas: a part of the
//! principal may be interest-free, one month's obligation for unconfirmed arrears), posts it as
//! the change in the cumulative total rounded to cents, and applies each payment in the state's
//! crediting order for arrears on the payment's date (principal then interest under current law).
//! The last payment is what is left.
//!
//! # Requests
//! `arrears_payoff`:
//! ```json
//! {"state": "california", "start": "2025-07-01", "principal": "3000", "interest": "62.50",
//!  "payment": "250", "within_months": 12, "first_payment": "2025-08-01",
//!  "day_count": "monthly", "rate": "0.10", "interest_free": "0", "schedule": true}
//! ```
//! `payment` and/or `within_months` (the smallest payment, in cents, that pays off within that
//! many payments). `first_payment` defaults to one month after `start`; `rate` and `day_count`
//! to the state's rules on `start`; `interest_free` to zero.
//!
//! `texas_withholding` (Fam. Code §158.003):
//! ```json
//! {"calculation_date": "2025-07-01", "current_support": "500", "arrears": "15000",
//!  "accrued_interest": "0", "disposable_earnings": "2000", "confirmed": false}
//! ```
//! The result gives the two-year amount ((principal + interest) / 24 rounded up to the cent), the
//! 20% amount, the additional withholding (the larger), the total, the §158.009 limit when
//! disposable earnings are given, what is withheld, the months to discharge without interest, and
//! a projection with interest at the arrears payment actually withheld.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::crediting;
use super::interest::{self, DayCount};
use super::ledger::{
    compute_ledger, LedgerInput, LedgerOptions, LineEvent, OpeningBalanceInput, PaymentInput,
};
use super::Jurisdiction;
use crate::date::Date;
use crate::error::Error;
use crate::money::{require_amount, round_cents_up, Money};
use crate::rules::arrears::Tier;
use crate::rules::{in_force, Rules};
use crate::worksheet::Worksheet;

/// The most monthly payments a projection runs (100 years).
pub const MAX_PAYMENTS: u32 = 1200;

/// A payoff request (see the module docs for the JSON shape).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct PayoffInput {
    /// The state whose law applies.
    pub state: Jurisdiction,
    /// Balances are as of the start of this day.
    pub start: Date,
    /// Unpaid principal.
    #[serde(with = "crate::money::exact")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::ExactDecimal"))]
    pub principal: Decimal,
    /// Unpaid interest already accrued.
    #[serde(default, with = "crate::money::exact")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::ExactDecimal"))]
    pub interest: Decimal,
    /// The monthly payment to project.
    #[serde(
        default,
        with = "crate::money::exact_opt",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Option<crate::schema::ExactDecimal>")
    )]
    pub payment: Option<Decimal>,
    /// Find the smallest payment that pays off within this many payments.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub within_months: Option<u32>,
    /// The first payment's date (default: one month after `start`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_payment: Option<Date>,
    /// The day count (default: the state's).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub day_count: Option<DayCount>,
    /// The yearly rate (default: the state's rate in force on `start`).
    #[serde(
        default,
        with = "crate::money::exact_opt",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Option<crate::schema::ExactDecimal>")
    )]
    pub rate: Option<Decimal>,
    /// Principal that bears no interest (Texas: one month's obligation of unconfirmed arrears).
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
    /// Include the payment-by-payment schedule.
    #[serde(default)]
    pub schedule: bool,
    /// How interest is projected: the statutory ledger (default) or the county estimators'
    /// published method (California).
    #[serde(default)]
    pub method: PayoffMethod,
}

/// How a payoff projection computes interest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum PayoffMethod {
    /// The ledger engine: interest accrues exactly by day as the law provides and each payment
    /// is credited in the statutory order.
    #[default]
    Statutory,
    /// California counties' payoff estimators: 0.008333 a month on the principal at the start
    /// of the month, rounded half up, none in the month the principal is paid off
    /// ([`super::county_estimator`]).
    CountyEstimator,
}

/// One payment of a projection.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct ScheduleRow {
    /// The payment's number, from 1.
    pub number: u32,
    /// Its date.
    pub date: Date,
    /// Interest posted since the previous payment.
    pub interest_posted: Money,
    /// The payment.
    pub payment: Money,
    /// Applied to principal.
    pub to_principal: Money,
    /// Applied to interest.
    pub to_interest: Money,
    /// Principal after it.
    pub principal: Money,
    /// Interest after it.
    pub interest: Money,
}

/// A projection at one payment amount.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct Projection {
    /// The monthly payment.
    pub payment: Money,
    /// Whether the balances are paid off within [`MAX_PAYMENTS`] payments.
    pub paid_off: bool,
    /// The number of payments made (to payoff, or [`MAX_PAYMENTS`]).
    pub payments: u32,
    /// The date of the last payment, if paid off.
    pub payoff_date: Option<Date>,
    /// The last payment (what was left).
    pub last_payment: Money,
    /// Interest paid on the way (the interest given plus what accrues).
    pub interest_paid: Money,
    /// Everything paid.
    pub total_paid: Money,
    /// The payments, if asked for.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub schedule: Vec<ScheduleRow>,
}

/// The smallest payment that pays off within a number of payments.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct WithinMonths {
    /// The number of payments allowed.
    pub months: u32,
    /// The smallest such payment, in cents.
    pub payment: Money,
    /// Its projection.
    pub projection: Projection,
}

/// A payoff answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct PayoffResult {
    /// The method projected.
    pub method: PayoffMethod,
    /// The state.
    pub state: Jurisdiction,
    /// The yearly rate used.
    #[serde(with = "crate::money::exact")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::ExactDecimal"))]
    pub rate: Decimal,
    /// The day count used.
    pub day_count: DayCount,
    /// The projection at the payment given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub with_payment: Option<Projection>,
    /// The smallest payment within the months given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub within_months: Option<WithinMonths>,
    /// The rules and readings applied.
    pub worksheet: Worksheet,
}

/// What a projection starts from.
#[derive(Debug, Clone)]
pub(super) struct Params<'a> {
    pub rules: &'a Rules,
    pub state: Jurisdiction,
    pub start: Date,
    pub principal: Money,
    pub interest: Money,
    pub day_count: DayCount,
    pub interest_free: Decimal,
    pub first_payment: Date,
    pub method: PayoffMethod,
}

fn money(field: &str, v: Decimal) -> Result<Money, Error> {
    Money::from_exact_cents(field, require_amount(field, v)?)
}

/// The date of payment `k` (from 0): monthly on the first payment's day, clamped.
pub(super) fn payment_date(first: Date, k: u32) -> Result<Date, Error> {
    Ok(first
        .first_of_month_offset(k as i32)?
        .with_day_clamped(first.day()))
}

/// The ledger a projection of `n` payments of `payment` runs: the balances as an opening
/// balance on `start` (the interest-free part kept apart, paid last), the payments on their
/// dates, and the rate given (if any) as the rules' only rate. The projection is that ledger,
/// read payment by payment: interest and crediting are the ledger's own.
fn projection_ledger(p: &Params, payment: Money, n: u32) -> Result<LedgerInput, Error> {
    let mut payments = Vec::with_capacity(n as usize);
    for k in 0..n {
        payments.push(PaymentInput {
            date: payment_date(p.first_payment, k)?,
            amount: payment.as_decimal(),
            source: None,
            receipt: None,
            id: Some(format!("payment {}", k + 1)),
            withheld: None,
        });
    }
    let last = payments.last().map(|q| q.date).unwrap_or(p.first_payment);
    Ok(LedgerInput {
        state: p.state,
        as_of: None,
        through: Some(last),
        iv_d: false,
        options: LedgerOptions {
            day_count: Some(p.day_count),
            ..LedgerOptions::default()
        },
        orders: vec![],
        payments,
        fees: vec![],
        judgments: vec![],
        renewals: vec![],
        reversals: vec![],
        moves: vec![],
        opening_balances: vec![OpeningBalanceInput {
            date: p.start,
            obligation_type: None,
            principal: p.principal.as_decimal(),
            interest: p.interest.as_decimal(),
            owed_since: None,
            confirmed: false,
            // Principal below the interest-free amount bears no interest at all.
            interest_free: (!p.interest_free.is_zero())
                .then(|| p.interest_free.min(p.principal.as_decimal())),
        }],
        lump_sums: vec![],
        report_dates: vec![],
        resume_from: None,
    })
}

/// `rules` with `rate` as the state's only interest rate, from `start` on.
fn with_rate(
    rules: &Rules,
    state: Jurisdiction,
    start: Date,
    rate: Decimal,
) -> Result<Rules, Error> {
    let mut out = rules.clone();
    let series = match state {
        Jurisdiction::California => &mut out.arrears.california_interest,
        Jurisdiction::Texas => &mut out.arrears.texas_interest,
    };
    let mut entry = interest::rate_on(rules, state, start)?.clone();
    entry.validity.effective_from = start;
    entry.validity.effective_through = None;
    entry.validity.citation = "the rate given in the request".to_string();
    entry.rate = rate;
    entry.due_from = None;
    entry.due_through = None;
    *series = vec![entry];
    Ok(out)
}

/// Projects `payment` a month for up to `max` payments by the request's method.
fn project(p: &Params, payment: Money, max: u32, keep: bool) -> Result<Projection, Error> {
    match p.method {
        PayoffMethod::Statutory => project_ledger(p, payment, max, keep),
        PayoffMethod::CountyEstimator => super::county_estimator::project(p, payment, max, keep),
    }
}

/// Projects `payment` a month for up to `max` payments on the ledger engine.
fn project_ledger(p: &Params, payment: Money, max: u32, keep: bool) -> Result<Projection, Error> {
    let mut done = Projection {
        payment,
        paid_off: true,
        payments: 0,
        payoff_date: Some(p.start),
        last_payment: Money::ZERO,
        interest_paid: Money::ZERO,
        total_paid: Money::ZERO,
        schedule: vec![],
    };
    if p.principal.is_zero() && p.interest.is_zero() {
        return Ok(done);
    }
    // Enough payments for the balances without interest, then twice as many until paid off.
    let owed = (p.principal + p.interest).cents();
    let mut n = u32::try_from(owed / payment.cents().max(1) + 2)
        .unwrap_or(max)
        .clamp(1, max);
    loop {
        let ledger = compute_ledger(p.rules, &projection_ledger(p, payment, n)?)?;
        let mut posted = Money::ZERO;
        done.schedule.clear();
        done.paid_off = false;
        (done.interest_paid, done.total_paid) = (Money::ZERO, Money::ZERO);
        for line in &ledger.lines {
            match line.event {
                LineEvent::Interest => posted = posted + line.amount,
                LineEvent::Payment => {
                    let to_interest: Money = line
                        .applied
                        .iter()
                        .filter(|a| a.tier == Tier::Interest)
                        .map(|a| a.amount)
                        .sum();
                    let paid = line.amount - line.to_credit;
                    done.interest_paid = done.interest_paid + to_interest;
                    done.total_paid = done.total_paid + paid;
                    done.last_payment = paid;
                    let number = u32::try_from(done.schedule.len()).unwrap_or(u32::MAX) + 1;
                    let row = ScheduleRow {
                        number,
                        date: line.date,
                        interest_posted: posted,
                        payment: paid,
                        to_principal: paid - to_interest,
                        to_interest,
                        principal: line.balances.principal,
                        interest: line.balances.interest,
                    };
                    posted = Money::ZERO;
                    done.schedule.push(row);
                    if line.balances.total_owed.is_zero() {
                        done.paid_off = true;
                        done.payoff_date = Some(line.date);
                        break;
                    }
                }
                _ => {}
            }
        }
        if done.paid_off || n >= max {
            done.payments = u32::try_from(done.schedule.len()).unwrap_or(u32::MAX);
            if !done.paid_off {
                done.payoff_date = None;
            }
            if !keep {
                done.schedule.clear();
            }
            return Ok(done);
        }
        n = n.saturating_mul(2).min(max);
    }
}

/// The smallest payment, in cents, that pays off within `months` payments.
fn smallest_within(p: &Params, months: u32) -> Result<Money, Error> {
    let owed = p.principal + p.interest;
    let n = Decimal::from(months);
    let mut lo = Money::round_up(owed.as_decimal() / n); // never enough below this
    if lo.is_zero() {
        return Ok(Money::ZERO);
    }
    if project(p, lo, months, false)?.paid_off {
        return Ok(lo);
    }
    let mut hi = lo + lo;
    let mut guard = 0;
    while !project(p, hi, months, false)?.paid_off {
        lo = hi;
        hi = hi + hi;
        guard += 1;
        if guard > 60 {
            return Err(Error::invalid(
                "within_months",
                months,
                "a payoff that some payment reaches",
            ));
        }
    }
    // lo fails, hi succeeds.
    while hi.cents() - lo.cents() > 1 {
        let mid = Money::from_cents(lo.cents() + (hi.cents() - lo.cents()) / 2);
        if project(p, mid, months, false)?.paid_off {
            hi = mid;
        } else {
            lo = mid;
        }
    }
    Ok(hi)
}

/// Projects a payoff.
pub fn compute_payoff(rules: &Rules, input: &PayoffInput) -> Result<PayoffResult, Error> {
    let principal = money("principal", input.principal)?;
    let interest_given = money("interest", input.interest)?;
    let (rate, rate_cite) = match input.rate {
        Some(r) => {
            if r < Decimal::ZERO || r > Decimal::ONE {
                return Err(Error::invalid(
                    "rate",
                    r,
                    "a yearly rate from 0 to 1 (0.10 for 10%)",
                ));
            }
            (r, "rate given in the request".to_string())
        }
        None => {
            let r = interest::rate_on(rules, input.state, input.start)?;
            (r.rate, r.validity.cite())
        }
    };
    let day_count = match (input.day_count, input.state) {
        (Some(d), _) => d,
        (None, Jurisdiction::California) => {
            in_force(
                &rules.arrears.california_accrual,
                "arrears.california_accrual",
                input.start,
            )?
            .day_count
        }
        (None, Jurisdiction::Texas) => {
            in_force(
                &rules.arrears.texas_accrual,
                "arrears.texas_accrual",
                input.start,
            )?
            .day_count
        }
    };
    let interest_free = match input.interest_free {
        Some(v) => require_amount("interest_free", v)?,
        None => Decimal::ZERO,
    };
    let first_payment = match input.first_payment {
        Some(d) if d < input.start => {
            return Err(Error::invalid(
                "first_payment",
                d,
                format!("a date on or after start {}", input.start),
            ))
        }
        Some(d) => d,
        None => input
            .start
            .first_of_next_month()?
            .with_day_clamped(input.start.day()),
    };
    // A rate given in the request is the only rate of the rules the projection runs on.
    let given_rate;
    let rules = match input.rate {
        Some(r) => {
            given_rate = with_rate(rules, input.state, input.start, r)?;
            &given_rate
        }
        None => rules,
    };
    let p = Params {
        rules,
        state: input.state,
        start: input.start,
        principal,
        interest: interest_given,
        day_count,
        interest_free,
        first_payment,
        method: input.method,
    };
    if input.method == PayoffMethod::CountyEstimator {
        let given = [
            ("rate", input.rate.is_some()),
            ("interest_free", input.interest_free.is_some()),
            ("day_count", input.day_count.is_some()),
        ];
        if input.state != Jurisdiction::California {
            return Err(Error::invalid(
                "method",
                "county_estimator",
                "the county estimator method in California only (statutory elsewhere)",
            ));
        }
        if let Some((field, _)) = given.iter().find(|(_, g)| *g) {
            return Err(Error::invalid(
                *field,
                "given",
                "nothing: the county estimator method has its own monthly rate (0.008333), no day count and no interest-free principal",
            ));
        }
    }
    if input.payment.is_none() && input.within_months.is_none() {
        return Err(Error::invalid(
            "payment",
            "none",
            "a monthly payment, or within_months, or both",
        ));
    }
    // Crediting orders must cover the payment dates.
    crediting::order_on(rules, input.state, first_payment).map_err(|e| match e {
        Error::NoRule { covered, .. } => Error::invalid(
            "first_payment",
            first_payment,
            format!("a date a crediting order covers ({covered})"),
        ),
        other => other,
    })?;
    let with_payment = match input.payment {
        Some(v) => {
            let pay = money("payment", v)?;
            if pay.is_zero() {
                return Err(Error::invalid("payment", v, "a payment of more than zero"));
            }
            Some(project(&p, pay, MAX_PAYMENTS, input.schedule)?)
        }
        None => None,
    };
    let within = match input.within_months {
        Some(m) => {
            if m == 0 || m > MAX_PAYMENTS {
                return Err(Error::invalid(
                    "within_months",
                    m,
                    format!("from 1 to {MAX_PAYMENTS} payments"),
                ));
            }
            let pay = smallest_within(&p, m)?;
            Some(WithinMonths {
                months: m,
                payment: pay,
                projection: project(&p, pay, MAX_PAYMENTS, input.schedule)?,
            })
        }
        None => None,
    };
    let mut ws = Worksheet::new();
    ws.step(
        "payoff.method",
        "Method",
        match input.method {
            PayoffMethod::Statutory => "statutory: interest accrued by day, payments credited in the statutory order",
            PayoffMethod::CountyEstimator => "county payoff estimator: 0.008333 a month on the principal at the start of each month, rounded half up; none in the month the principal is paid off",
        },
        match input.method {
            PayoffMethod::Statutory => "Code Civ. Proc. §§685.010, 695.221; Tex. Fam. Code §§157.265, 157.268".to_string(),
            PayoffMethod::CountyEstimator => super::county_estimator::NAME.to_string(),
        },
    );
    ws.step("payoff.principal", "Principal", principal, "request");
    ws.step(
        "payoff.interest",
        "Interest accrued",
        interest_given,
        "request",
    );
    match input.method {
        PayoffMethod::Statutory => {
            ws.exact("payoff.rate", "Yearly rate (simple)", rate, rate_cite);
            ws.step(
                "payoff.day_count",
                "Day count",
                match day_count {
                    DayCount::Monthly => "monthly",
                    DayCount::Actual365 => "actual_365",
                },
                "library reading R-AR-2",
            );
            ws.step(
                "payoff.interest_free",
                "Interest-free principal",
                interest_free.normalize(),
                "Tex. Fam. Code §157.265(a) (one month's obligation) when given",
            );
            ws.step(
                "payoff.posting",
                "Interest posting",
                "as in the ledger: the cumulative exact interest rounded to cents, posted at each month end and payment",
                "library reading R-AR-2: interest posting",
            );
        }
        PayoffMethod::CountyEstimator => {
            ws.exact(
                "payoff.monthly_rate",
                "Monthly rate, on the principal at the start of each month",
                super::county_estimator::MONTHLY_RATE,
                super::county_estimator::NAME,
            );
        }
    }
    if let Some(w) = &with_payment {
        ws.step(
            "payoff.payments",
            "Payments to payoff",
            w.payments,
            "projection",
        );
    }
    if let Some(w) = &within {
        ws.step(
            "payoff.smallest_payment",
            format!("Smallest payment paying off within {} payments", w.months),
            w.payment,
            "projection (binary search in cents)",
        );
    }
    Ok(PayoffResult {
        method: input.method,
        state: input.state,
        rate,
        day_count,
        with_payment,
        within_months: within,
        worksheet: ws,
    })
}

/// A Texas §158.003 additional-withholding request (see the module docs).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct WithholdingInput {
    /// The date of the calculation (picks the rules).
    pub calculation_date: Date,
    /// The current monthly support order.
    #[serde(with = "crate::money::exact")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::ExactDecimal"))]
    pub current_support: Decimal,
    /// Unpaid arrears principal.
    #[serde(with = "crate::money::exact")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::ExactDecimal"))]
    pub arrears: Decimal,
    /// Accrued interest (Fam. Code §157.267: part of the obligation).
    #[serde(default, with = "crate::money::exact")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::ExactDecimal"))]
    pub accrued_interest: Decimal,
    /// Disposable earnings per month (Fam. Code §101.010), for the §158.009 limit.
    #[serde(
        default,
        with = "crate::money::exact_opt",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Option<crate::schema::ExactDecimal>")
    )]
    pub disposable_earnings: Option<Decimal>,
    /// Whether the arrears are confirmed by judgment (then all of them bear interest; otherwise
    /// one month's obligation is excluded, §157.265(a)).
    #[serde(default)]
    pub confirmed: bool,
}

/// A §158.003 answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct WithholdingResult {
    /// (principal + interest) / 24, rounded up to the cent.
    pub two_year_amount: Money,
    /// 20% of current support.
    pub twenty_percent_amount: Money,
    /// The additional withholding: the larger.
    pub additional: Money,
    /// Which option: `two_year` or `twenty_percent`.
    pub option: String,
    /// Current support plus the additional withholding.
    pub total: Money,
    /// The §158.009 limit (50% of disposable earnings, rounded toward zero), if earnings given.
    pub limit: Option<Money>,
    /// What is withheld: the total, at most the limit.
    pub withheld: Money,
    /// What of it goes to arrears (withheld less current support).
    pub arrears_payment: Money,
    /// Payments of `additional` to discharge the arrears without interest.
    pub months_without_interest: Option<u32>,
    /// A projection with interest at `arrears_payment`.
    pub projection: Option<Projection>,
    /// The rules and readings applied.
    pub worksheet: Worksheet,
}

/// Texas Fam. Code §158.003 additional withholding for arrears.
pub fn texas_withholding(
    rules: &Rules,
    input: &WithholdingInput,
) -> Result<WithholdingResult, Error> {
    let date = input.calculation_date;
    let current = money("current_support", input.current_support)?;
    let principal = money("arrears", input.arrears)?;
    let int = money("accrued_interest", input.accrued_interest)?;
    let rule = in_force(
        &rules.arrears.texas_withholding,
        "arrears.texas_withholding",
        date,
    )?;
    let owed = principal + int;
    let two_year = Money::from_exact_cents(
        "two_year_amount",
        round_cents_up(owed.as_decimal() / Decimal::from(rule.months)),
    )?;
    let twenty = Money::round(current.as_decimal() * rule.current_fraction);
    let (additional, option) = if two_year >= twenty {
        (two_year, "two_year")
    } else {
        (twenty, "twenty_percent")
    };
    let additional = additional.min(owed);
    let total = current + additional;
    let limit = match input.disposable_earnings {
        Some(d) => {
            let d = require_amount("disposable_earnings", d)?;
            let l = in_force(
                &rules.arrears.texas_withholding_limit,
                "arrears.texas_withholding_limit",
                date,
            )?;
            Some((
                Money::round_toward_zero(d * l.max_fraction_of_disposable),
                l.validity.cite(),
            ))
        }
        None => None,
    };
    let withheld = match &limit {
        Some((l, _)) => total.min(*l),
        None => total,
    };
    let arrears_payment = if withheld > current {
        withheld - current
    } else {
        Money::ZERO
    };
    let months_without_interest = if additional.is_zero() {
        None
    } else {
        let m = (owed.as_decimal() / additional.as_decimal()).ceil();
        u32::try_from(m.mantissa() / 10i128.pow(m.scale())).ok()
    };
    let projection = if arrears_payment.is_zero() || owed.is_zero() {
        None
    } else {
        let payoff = compute_payoff(
            rules,
            &PayoffInput {
                state: Jurisdiction::Texas,
                start: date,
                principal: principal.as_decimal(),
                interest: int.as_decimal(),
                payment: Some(arrears_payment.as_decimal()),
                within_months: None,
                first_payment: None,
                day_count: None,
                rate: None,
                interest_free: if input.confirmed {
                    None
                } else {
                    Some(current.as_decimal())
                },
                schedule: false,
                method: PayoffMethod::Statutory,
            },
        )?;
        payoff.with_payment
    };
    let cite = rule.validity.cite();
    let mut ws = Worksheet::new();
    ws.step(
        "withholding.owed",
        "Arrears: principal + accrued interest",
        owed,
        "Tex. Fam. Code §158.003(a), §157.267",
    );
    ws.step(
        "withholding.two_year",
        format!(
            "Discharge in {} months: owed / {}, rounded up to the cent",
            rule.months, rule.months
        ),
        two_year,
        format!("{cite}; library reading R-AR-5: rounded up"),
    );
    ws.step(
        "withholding.twenty_percent",
        "20% of current support",
        twenty,
        cite.clone(),
    );
    ws.step(
        "withholding.additional",
        "Additional withholding: the larger (discharges sooner)",
        additional,
        cite,
    );
    ws.step(
        "withholding.total",
        "Current support + additional",
        total,
        "Tex. Fam. Code §158.003(a)",
    );
    if let Some((l, c)) = &limit {
        ws.step(
            "withholding.limit",
            "Limit: 50% of disposable earnings",
            *l,
            c.clone(),
        );
    }
    ws.step(
        "withholding.withheld",
        "Withheld",
        withheld,
        "Tex. Fam. Code §158.003, §158.009",
    );
    if let Some(m) = months_without_interest {
        ws.step(
            "withholding.months",
            "Payments of the additional amount to discharge, without interest",
            m,
            "arithmetic",
        );
    }
    Ok(WithholdingResult {
        two_year_amount: two_year,
        twenty_percent_amount: twenty,
        additional,
        option: option.to_string(),
        total,
        limit: limit.map(|l| l.0),
        withheld,
        arrears_payment,
        months_without_interest,
        projection,
        worksheet: ws,
    })
}

impl PayoffInput {
    /// A statutory projection of `principal` owed under `state`'s law as of `start`; set
    /// `payment` and/or `within_months`.
    pub fn new(state: Jurisdiction, start: Date, principal: Decimal) -> PayoffInput {
        PayoffInput {
            state,
            start,
            principal,
            interest: Decimal::ZERO,
            payment: None,
            within_months: None,
            first_payment: None,
            day_count: None,
            rate: None,
            interest_free: None,
            schedule: false,
            method: PayoffMethod::Statutory,
        }
    }
}

impl WithholdingInput {
    /// Texas §158.003 withholding for `current_support` and `arrears` as of `calculation_date`.
    pub fn new(calculation_date: Date, current_support: Decimal, arrears: Decimal) -> Self {
        WithholdingInput {
            calculation_date,
            current_support,
            arrears,
            accrued_interest: Decimal::ZERO,
            disposable_earnings: None,
            confirmed: false,
        }
    }
}
