//! Medical and dental support (Tex. Fam. Code §§154.064, 154.181-154.1825, 154.183).
//!
//! ```text
//! health cap = 9%   x annual resources (§154.062(b), gross) / 12     §§154.181(e), 154.182(b)(3)
//! dental cap = 1.5% x annual resources / 12                          §154.1815(a)
//! obligee carries the child's health insurance: obligor pays min(actual cost, cap)  §154.182(b-1)
//! cash medical support (no coverage at reasonable cost): min(amount, cap)         §154.182(b)(3)
//! obligee carries dental insurance: obligor pays min(actual cost, cap)            §154.1825(d)
//! ```
//!
//! When the OBLIGOR carries the child's coverage, the child's premium share is not medical
//! support here: it is a deduction from resources (§154.062(d)(5); `deductions` in
//! [`Resources`](super::net_resources::Resources)). Medical and dental support are in addition
//! to guideline support (§§154.064, 154.183).
//!
//! Readings: the caps are "not to exceed" limits, so each monthly cap (exact: rate x annual / 12)
//! is rounded toward zero to the cent (library reading R-3); the actual cost is rounded half away
//! from zero.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::params::TexasParams;
use crate::catalogue::texas as step;
use crate::error::Error;
use crate::exact::Exact;
use crate::money::{require_amount, Money};
use crate::rules::MissingRule;
use crate::worksheet::{Tracer, Value};

/// Medical and dental support requested with a guideline calculation.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct MedicalInput {
    /// The obligor's annual gross resources (§154.062(b)); default: from the obligor's
    /// resources (income items, or `annual_resources` when net resources are given directly).
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Option<crate::schema::ExactDecimal>")
    )]
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::money::exact_opt"
    )]
    pub annual_resources: Option<Decimal>,
    /// Health care for the child paid by the obligor to the obligee.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub health: Option<HealthSupport>,
    /// Dental insurance the obligee carries for the child.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dental: Option<DentalSupport>,
}

/// How the obligor supports the child's health care through the obligee.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum HealthKind {
    /// The obligee carries the child's health insurance (§154.182(b-1)): `monthly_cost` is the
    /// actual cost for the child.
    ObligeeCoverage,
    /// No coverage at reasonable cost: cash medical support (§154.182(b)(3)); `monthly_cost` is
    /// the amount sought.
    CashMedicalSupport,
}

/// Health support.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct HealthSupport {
    /// Which kind.
    pub kind: HealthKind,
    /// The monthly cost (the child's share of the premium) or cash amount.
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::ExactDecimal"))]
    #[serde(with = "crate::money::exact")]
    pub monthly_cost: Decimal,
}

/// Dental support: the obligee's dental insurance for the child.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct DentalSupport {
    /// The monthly actual cost for the child.
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::ExactDecimal"))]
    #[serde(with = "crate::money::exact")]
    pub monthly_cost: Decimal,
}

/// One medical or dental support amount.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct SupportItem {
    /// The cost given, rounded.
    pub cost: Money,
    /// The amount the obligor pays: min(cost, cap).
    pub amount: Money,
    /// Whether the cap limited it.
    pub limited_by_cap: bool,
}

/// Medical and dental support.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct MedicalResult {
    /// Annual gross resources used.
    pub annual_resources: Exact,
    /// The monthly health reasonable-cost cap, when the rule is known.
    pub health_cap: Option<Money>,
    /// The monthly dental reasonable-cost cap, when the rule is known.
    pub dental_cap: Option<Money>,
    /// Health support (kind and amount), when requested.
    pub health_kind: Option<HealthKind>,
    /// Health support, when requested and the cap is known.
    pub health: Option<SupportItem>,
    /// Dental support, when requested and the cap is known.
    pub dental: Option<SupportItem>,
    /// Health + dental support per month.
    pub total: Money,
}

fn item(cost: Money, cap: Money) -> SupportItem {
    let amount = cost.min(cap);
    SupportItem {
        cost,
        amount,
        limited_by_cap: amount < cost,
    }
}

/// Computes medical and dental support from `annual_resources` (already checked as an
/// amount), reporting each step to `trace` and each missing rate to `missing`.
pub fn compute<T: Tracer>(
    params: &TexasParams<'_>,
    input: &MedicalInput,
    annual: Exact,
    trace: &mut T,
    missing: &mut Vec<MissingRule>,
) -> Result<MedicalResult, Error> {
    let health_cost = match &input.health {
        Some(h) => Some(
            Exact::from(require_amount(
                "medical.health.monthly_cost",
                h.monthly_cost,
            )?)
            .round_cents()?,
        ),
        None => None,
    };
    let dental_cost = match &input.dental {
        Some(d) => Some(
            Exact::from(require_amount(
                "medical.dental.monthly_cost",
                d.monthly_cost,
            )?)
            .round_cents()?,
        ),
        None => None,
    };
    trace.exact(&step::MEDICAL_ANNUAL_RESOURCES, &annual);
    let twelve = Exact::int(12);
    let health_cap = match &params.health {
        Some(r) => {
            let cap = (&(&r.rate * &annual) / &twelve).round_cents_toward_zero()?;
            trace.record_rule(&step::HEALTH_CAP, Value::Money(cap), &r.rule.validity);
            Some(cap)
        }
        None => {
            missing.push(params.missing_rate(false));
            None
        }
    };
    let dental_cap = match &params.dental {
        Some(r) => {
            let cap = (&(&r.rate * &annual) / &twelve).round_cents_toward_zero()?;
            trace.record_rule(&step::DENTAL_CAP, Value::Money(cap), &r.rule.validity);
            Some(cap)
        }
        None => {
            missing.push(params.missing_rate(true));
            None
        }
    };
    let health = match (health_cost, health_cap) {
        (Some(c), Some(cap)) => {
            let it = item(c, cap);
            trace.record(
                match input.health.as_ref().map(|h| h.kind) {
                    Some(HealthKind::CashMedicalSupport) => &step::HEALTH_CASH,
                    _ => &step::HEALTH_COVERAGE,
                },
                Value::Money(it.amount),
            );
            Some(it)
        }
        _ => None,
    };
    let dental = match (dental_cost, dental_cap) {
        (Some(c), Some(cap)) => {
            let it = item(c, cap);
            trace.record(&step::DENTAL, Value::Money(it.amount));
            Some(it)
        }
        _ => None,
    };
    let total = health.as_ref().map_or(Money::ZERO, |h| h.amount)
        + dental.as_ref().map_or(Money::ZERO, |d| d.amount);
    Ok(MedicalResult {
        annual_resources: annual,
        health_cap,
        dental_cap,
        health_kind: input.health.as_ref().map(|h| h.kind),
        health,
        dental,
        total,
    })
}
