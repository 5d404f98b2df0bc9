//! Enforcement thresholds: passport denial and federal tax refund offset submission.

use serde::{Deserialize, Serialize};

use crate::date::Date;
use crate::error::Error;
use crate::money::Money;
use crate::rules::{in_force, Rules};

/// The input of `iv_d_enforcement_thresholds`: one obligor's arrears on a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct ThresholdInput {
    /// The date of the test.
    pub date: Date,
    /// Past-due support assigned to the State (IV-A, IV-E), combined over the obligor's cases.
    #[serde(default)]
    pub assigned_arrears: Money,
    /// Past-due support in non-assistance IV-D cases, combined over the obligor's cases.
    #[serde(default)]
    pub non_assistance_arrears: Money,
}

/// Which remedies the arrears qualify for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct ThresholdResult {
    /// Passport denial: the arrears (assigned and non-assistance together) exceed the threshold.
    pub passport: bool,
    /// Federal tax refund offset of the assigned arrears (at least the assigned threshold).
    pub tax_offset_assigned: bool,
    /// Federal tax refund offset of the non-assistance arrears (at least its own threshold);
    /// never combined with assigned arrears.
    pub tax_offset_non_assistance: bool,
    /// The thresholds applied.
    pub passport_exceeding: Money,
    /// The assigned threshold.
    pub tax_offset_assigned_at_least: Money,
    /// The non-assistance threshold.
    pub tax_offset_non_assistance_at_least: Money,
    /// The law.
    pub citation: String,
}

/// Tests the thresholds in force on `input.date` (42 U.S.C. 652(k)(1), 654(31), 664(b)(2)(A);
/// 45 CFR 303.72(a)(2), (a)(3)(ii)).
pub fn enforcement_thresholds(
    rules: &Rules,
    input: &ThresholdInput,
) -> Result<ThresholdResult, Error> {
    for (field, m) in [
        ("assigned_arrears", input.assigned_arrears),
        ("non_assistance_arrears", input.non_assistance_arrears),
    ] {
        super::engine::require_money(field, m)?;
    }
    let t = in_force(
        &rules.distribution.enforcement_thresholds,
        "distribution.enforcement_thresholds",
        input.date,
    )?;
    let passport = Money::round(t.passport_exceeding);
    let assigned = Money::round(t.tax_offset_assigned_at_least);
    let non_assistance = Money::round(t.tax_offset_non_assistance_at_least);
    Ok(ThresholdResult {
        passport: input.assigned_arrears + input.non_assistance_arrears > passport,
        tax_offset_assigned: input.assigned_arrears >= assigned,
        tax_offset_non_assistance: input.non_assistance_arrears >= non_assistance,
        passport_exceeding: passport,
        tax_offset_assigned_at_least: assigned,
        tax_offset_non_assistance_at_least: non_assistance,
        citation: t.validity.cite(),
    })
}
