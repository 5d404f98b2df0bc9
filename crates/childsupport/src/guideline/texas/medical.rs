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
//! Readings: the caps are "not to exceed" limits, so each monthly cap is rounded toward zero to
//! the cent (spec/README.md, caps); the actual cost is rounded half away from zero.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::date::Date;
use crate::error::Error;
use crate::money::{require_amount, Money};
use crate::rules::{coverage, in_force, MissingRule, Rules};
use crate::worksheet::Worksheet;

/// Medical and dental support requested with a guideline calculation.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MedicalInput {
    /// The obligor's annual gross resources (§154.062(b)); default: from the obligor's
    /// resources (income items, or `annual_resources` when net resources are given directly).
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
#[serde(rename_all = "snake_case")]
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
#[serde(deny_unknown_fields)]
pub struct HealthSupport {
    /// Which kind.
    pub kind: HealthKind,
    /// The monthly cost (the child's share of the premium) or cash amount.
    #[serde(with = "crate::money::exact")]
    pub monthly_cost: Decimal,
}

/// Dental support: the obligee's dental insurance for the child.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DentalSupport {
    /// The monthly actual cost for the child.
    #[serde(with = "crate::money::exact")]
    pub monthly_cost: Decimal,
}

/// One medical or dental support amount.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SupportItem {
    /// The cost given, rounded.
    pub cost: Money,
    /// The amount the obligor pays: min(cost, cap).
    pub amount: Money,
    /// Whether the cap limited it.
    pub limited_by_cap: bool,
}

/// Medical and dental support.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MedicalResult {
    /// Annual gross resources used.
    #[serde(with = "crate::money::exact")]
    pub annual_resources: Decimal,
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

fn item(cost: Decimal, cap: Money) -> SupportItem {
    let cost = Money::round(cost);
    let amount = cost.min(cap);
    SupportItem {
        cost,
        amount,
        limited_by_cap: amount < cost,
    }
}

/// Computes medical and dental support on `date` from `annual_resources`.
pub fn compute(
    rules: &Rules,
    date: Date,
    input: &MedicalInput,
    annual_resources: Decimal,
    ws: &mut Worksheet,
    missing: &mut Vec<MissingRule>,
) -> Result<MedicalResult, Error> {
    let annual = require_amount("medical.annual_resources", annual_resources)?;
    let health_cost = input
        .health
        .as_ref()
        .map(|h| require_amount("medical.health.monthly_cost", h.monthly_cost))
        .transpose()?;
    let dental_cost = input
        .dental
        .as_ref()
        .map(|d| require_amount("medical.dental.monthly_cost", d.monthly_cost))
        .transpose()?;
    ws.exact(
        "texas.medical.annual_resources",
        "Obligor's annual resources (gross) for reasonable cost",
        annual,
        "Tex. Fam. Code §154.062(b) as referenced by §§154.181(e), 154.1815(a)",
    );
    let twelve = Decimal::from(12);
    let mut cap_for = |series: &[crate::rules::texas::ReasonableCost],
                       name: &str,
                       label: &str,
                       effect: &str|
     -> Option<Money> {
        match in_force(series, name, date) {
            Ok(rule) => {
                let cap = Money::round_toward_zero(rule.rate * annual / twelve);
                ws.step(
                    &format!("{name}_cap"),
                    format!(
                        "{label} reasonable-cost cap: {} x annual resources / 12",
                        rule.rate.normalize()
                    ),
                    cap,
                    format!(
                        "{}; \"not to exceed\": rounded toward zero (spec/README.md reading)",
                        rule.validity.cite()
                    ),
                );
                Some(cap)
            }
            Err(_) => {
                missing.push(MissingRule {
                    rule: name.to_string(),
                    date,
                    covered: coverage(series),
                    effect: effect.to_string(),
                });
                None
            }
        }
    };
    let health_cap = cap_for(
        &rules.texas.health_reasonable_cost,
        "texas.health_reasonable_cost",
        "Health",
        "the health reasonable-cost cap is not known for the date: health support is not computed",
    );
    let dental_cap = cap_for(
        &rules.texas.dental_reasonable_cost,
        "texas.dental_reasonable_cost",
        "Dental",
        "the dental reasonable-cost cap is not known for the date: dental support is not computed",
    );
    let health = match (health_cost, health_cap) {
        (Some(c), Some(cap)) => {
            let it = item(c, cap);
            ws.step(
                "texas.medical.health",
                "Health support paid by the obligor: min(cost, cap)",
                it.amount,
                match input.health.as_ref().map(|h| h.kind) {
                    Some(HealthKind::CashMedicalSupport) => {
                        "Tex. Fam. Code §154.182(b)(3): cash medical support not to exceed 9% of annual resources; in addition to guideline support (§154.183)"
                    }
                    _ => "Tex. Fam. Code §154.182(b-1): actual cost of the obligee's coverage for the child, not to exceed reasonable cost; in addition to guideline support (§154.183)",
                },
            );
            Some(it)
        }
        _ => None,
    };
    let dental = match (dental_cost, dental_cap) {
        (Some(c), Some(cap)) => {
            let it = item(c, cap);
            ws.step(
                "texas.medical.dental",
                "Dental support paid by the obligor: min(cost, cap)",
                it.amount,
                "Tex. Fam. Code §154.1825(d): actual cost of the obligee's dental insurance for the child, not to exceed reasonable cost; in addition to guideline support (§154.183)",
            );
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
