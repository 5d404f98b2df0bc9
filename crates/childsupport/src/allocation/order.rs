//! What an agency writes into an income withholding order toward arrears, given current support
//! (California: 22 CCR §116100(a)), kept apart from what the employer may then apply (the
//! withholding limit of [`super::withholding`]).
//!
//! Where the court ordered no arrears amount, the regulation bounds the one the agency sets:
//! at most a fraction (25%) of the current support order, and current support with it at most a
//! fraction (50%) of disposable earnings; current support for a child that ended by operation of
//! law is added in full within the second bound; a disabled obligor's arrears amount is at most
//! 5% of the monthly disability benefits. Both bounds hold and the lower binds (library reading
//! R-AL-9). The answer is the ceiling, rounded toward zero to the cent, with each bound and its
//! authority; the agency may ask for less.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::cents;
use crate::date::Date;
use crate::error::Error;
use crate::exact::Exact;
use crate::money::Money;
use crate::rules::Rules;

/// The request `withholding_order_arrears`: one case's amounts for one period (the
/// regulation's are monthly; every amount must be for the same period).
///
/// ```json
/// {"date": "2026-03-01", "state": "california", "current": "400", "arrears_balance": "5000",
///  "disposable": "1000"}
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct OrderArrearsInput {
    /// The date the order is issued (selects the rules in force).
    pub date: Date,
    /// The state whose agency issues the order (`california`).
    pub state: String,
    /// Current support in the most recent support order, for the period.
    #[serde(default, with = "crate::money::exact")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::ExactDecimal"))]
    pub current: Decimal,
    /// The arrears balance.
    #[serde(with = "crate::money::exact")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::ExactDecimal"))]
    pub arrears_balance: Decimal,
    /// Current support for children whose support ended by operation of law while arrears
    /// remain, for the period (22 CCR §116100(a)(3)(A)).
    #[serde(default, with = "crate::money::exact")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::ExactDecimal"))]
    pub terminated_current: Decimal,
    /// The obligor's disposable earnings for the period, when known (absent: the bound on
    /// current support and arrears together is not applied).
    #[serde(
        default,
        with = "crate::money::exact_opt",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Option<crate::schema::ExactDecimal>")
    )]
    pub disposable: Option<Decimal>,
    /// The arrears amount the court ordered for the period, if it ordered one (then the order
    /// carries it as ordered).
    #[serde(
        default,
        with = "crate::money::exact_opt",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Option<crate::schema::ExactDecimal>")
    )]
    pub court_ordered_arrears: Option<Decimal>,
    /// A disabled obligor's monthly Social Security Disability Insurance benefits, when the
    /// obligor has shown the conditions of 22 CCR §116100(a)(3)(B).
    #[serde(
        default,
        with = "crate::money::exact_opt",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Option<crate::schema::ExactDecimal>")
    )]
    pub disability_benefits: Option<Decimal>,
}

/// One bound on the arrears amount, or the amount itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct OrderStep {
    /// What it is: `court_order`, `share_of_current`, `terminated_current`,
    /// `share_of_disposable`, `disability_benefits`, `balance`.
    pub bound: &'static str,
    /// The amount.
    pub amount: Money,
    /// How it was found.
    pub basis: String,
    /// The law or library reading.
    pub citation: String,
}

/// The answer to `withholding_order_arrears`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct OrderArrearsResult {
    /// Current support the order specifies.
    pub current: Money,
    /// The most the order may ask for toward arrears (the lowest bound).
    pub arrears: Money,
    /// Current support and the arrears amount.
    pub total: Money,
    /// The bounds, each with its authority (the arrears amount is the lowest).
    pub steps: Vec<OrderStep>,
    /// What was not applied, and why.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
}

/// The arrears amount of a withholding order (see the module docs).
pub fn order_arrears(
    rules: &Rules,
    input: &OrderArrearsInput,
) -> Result<OrderArrearsResult, Error> {
    let current = cents("current", input.current)?;
    let balance = cents("arrears_balance", input.arrears_balance)?;
    let terminated = cents("terminated_current", input.terminated_current)?;
    let rule = rules.allocation.order_arrears(&input.state, input.date)?;
    let cite = format!("{}; library reading R-AL-9", rule.validity.cite());
    let of = |fraction: Decimal, amount: Money| -> Result<Money, Error> {
        (&Exact::from_decimal(fraction) * &Exact::from_money(amount)).round_cents_toward_zero()
    };
    let pct = |fraction: Decimal| (fraction * Decimal::ONE_HUNDRED).normalize();
    let mut steps = Vec::new();
    let mut notes = Vec::new();

    if let Some(ordered) = input.court_ordered_arrears {
        let ordered = cents("court_ordered_arrears", ordered)?;
        steps.push(OrderStep {
            bound: "court_order",
            amount: ordered,
            basis: format!("the arrears amount the court ordered, {ordered}"),
            citation: "22 CCR §116100(a)(2); library reading R-AL-9".into(),
        });
        return Ok(OrderArrearsResult {
            current,
            arrears: ordered,
            total: current + ordered,
            steps,
            notes,
        });
    }
    if current.is_zero() && terminated.is_zero() {
        return Err(Error::invalid(
            "current",
            current,
            "current support above zero, or terminated_current (22 CCR §116100(a)(3) sets the arrears amount only beside current support; a court-ordered amount goes in court_ordered_arrears)",
        ));
    }
    let mut ceiling = Money::ZERO;
    if !current.is_zero() {
        let share = of(rule.max_fraction_of_current, current)?;
        steps.push(OrderStep {
            bound: "share_of_current",
            amount: share,
            basis: format!(
                "{}% of current support {current}, rounded down to the cent",
                pct(rule.max_fraction_of_current)
            ),
            citation: cite.clone(),
        });
        ceiling = share;
    }
    if !terminated.is_zero() {
        steps.push(OrderStep {
            bound: "terminated_current",
            amount: terminated,
            basis: format!(
                "current support ended by operation of law, {terminated}, added toward arrears"
            ),
            citation: cite.clone(),
        });
        ceiling = ceiling + terminated;
    }
    match input.disposable {
        Some(de) => {
            let de = cents("disposable", de)?;
            let whole = of(rule.max_fraction_of_disposable, de)?;
            let room = if whole > current {
                whole - current
            } else {
                Money::ZERO
            };
            steps.push(OrderStep {
                bound: "share_of_disposable",
                amount: room,
                basis: format!(
                    "{}% of disposable earnings {de} is {whole}, less current support {current}",
                    pct(rule.max_fraction_of_disposable)
                ),
                citation: cite.clone(),
            });
            ceiling = ceiling.min(room);
        }
        None => notes.push(format!(
            "disposable earnings not given: the {}% limit on current support and arrears together is not applied (22 CCR §116100(a)(3))",
            pct(rule.max_fraction_of_disposable)
        )),
    }
    if let Some(benefits) = input.disability_benefits {
        let benefits = cents("disability_benefits", benefits)?;
        let share = of(rule.max_fraction_of_disability_benefits, benefits)?;
        steps.push(OrderStep {
            bound: "disability_benefits",
            amount: share,
            basis: format!(
                "{}% of monthly disability benefits {benefits}, rounded down to the cent",
                pct(rule.max_fraction_of_disability_benefits)
            ),
            citation: cite.clone(),
        });
        ceiling = ceiling.min(share);
    }
    steps.push(OrderStep {
        bound: "balance",
        amount: balance,
        basis: format!("the arrears balance {balance}"),
        citation: "library reading R-AL-9".into(),
    });
    let arrears = ceiling.min(balance);
    Ok(OrderArrearsResult {
        current,
        arrears,
        total: current + arrears,
        steps,
        notes,
    })
}
