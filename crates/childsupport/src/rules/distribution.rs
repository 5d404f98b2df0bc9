//! IV-D distribution rule data (section `distribution` of the rules): the never-assistance annual
//! fee, the federal ceilings on the pass-through, when the family-first options open, the
//! disbursement deadlines and holds, and the enforcement thresholds.
//!
//! A state's own elections (PRWORA or DRA family-first, its pass-through amounts, its recovery
//! rates) are not rule data here: the library's sources do not verify California's or Texas's,
//! so they are the caller's dated policy (library reading R-DI-1), checked against these ceilings.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::{validate_series, Validity};
use crate::error::Error;

/// The distribution series.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DistributionRules {
    /// The never-assistance annual fee (42 U.S.C. 654(6)(B)(ii); 45 CFR 302.33(e)).
    pub annual_fee: Vec<AnnualFee>,
    /// The federal ceilings on the excepted portion (42 U.S.C. 657(a)(6)(B)).
    pub pass_through_limit: Vec<PassThroughLimit>,
    /// When the family-first election may apply (42 U.S.C. 654(34); AT-09-03).
    pub family_first_option: Vec<FamilyFirstOption>,
    /// Disbursement deadlines and the joint-return hold (42 U.S.C. 654b(c); 45 CFR 302.32(b)).
    pub timing: Vec<Timing>,
    /// Enforcement thresholds (passport denial, federal tax refund offset).
    pub enforcement_thresholds: Vec<EnforcementThresholds>,
}

/// The annual fee in never-assistance cases.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AnnualFee {
    /// When the fee holds (by the date of distribution).
    #[serde(flatten)]
    pub validity: Validity,
    /// The fee per case per federal fiscal year.
    #[serde(with = "crate::money::exact")]
    pub fee: Decimal,
    /// The support collected and disbursed in the year that cannot bear the fee.
    #[serde(with = "crate::money::exact")]
    pub threshold: Decimal,
}

/// The federal ceilings on the monthly excepted portion.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PassThroughLimit {
    /// When the ceilings hold.
    #[serde(flatten)]
    pub validity: Validity,
    /// A family with one child.
    #[serde(with = "crate::money::exact")]
    pub one_child: Decimal,
    /// A family with two or more children.
    #[serde(with = "crate::money::exact")]
    pub two_or_more_children: Decimal,
}

/// The dates on which a state may apply the family-first election.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FamilyFirstOption {
    /// When the option is available.
    #[serde(flatten)]
    pub validity: Validity,
}

/// Disbursement deadlines and holds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Timing {
    /// When the deadlines hold.
    #[serde(flatten)]
    pub validity: Validity,
    /// Business days from receipt (or, on assistance, from the end of the month) to disburse.
    pub business_days: u32,
    /// Calendar days from receipt to pay a tax offset's amount due the family.
    pub tax_offset_calendar_days: u32,
    /// The longest hold of a joint-return tax offset, in months from notification.
    pub joint_return_hold_months: u32,
    /// Business days from the end of the month of receipt to send a IV-E foster care case's
    /// payments to the IV-E agency (45 CFR 302.32(b)(2)(iii)).
    pub iv_e_agency_business_days: u32,
}

/// Enforcement thresholds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EnforcementThresholds {
    /// When the thresholds hold.
    #[serde(flatten)]
    pub validity: Validity,
    /// Passport denial: arrears strictly above this amount.
    #[serde(with = "crate::money::exact")]
    pub passport_exceeding: Decimal,
    /// Tax refund offset, assigned support: at least this amount.
    #[serde(with = "crate::money::exact")]
    pub tax_offset_assigned_at_least: Decimal,
    /// Tax refund offset, non-assistance support: at least this amount.
    #[serde(with = "crate::money::exact")]
    pub tax_offset_non_assistance_at_least: Decimal,
}

dated!(
    AnnualFee,
    PassThroughLimit,
    FamilyFirstOption,
    Timing,
    EnforcementThresholds
);

impl DistributionRules {
    /// Date order, no overlaps, and amounts of zero or more.
    pub fn validate(&self) -> Result<(), Error> {
        validate_series(&self.annual_fee, "distribution.annual_fee")?;
        validate_series(&self.pass_through_limit, "distribution.pass_through_limit")?;
        validate_series(
            &self.family_first_option,
            "distribution.family_first_option",
        )?;
        validate_series(&self.timing, "distribution.timing")?;
        validate_series(
            &self.enforcement_thresholds,
            "distribution.enforcement_thresholds",
        )?;
        let amounts = self
            .annual_fee
            .iter()
            .enumerate()
            .flat_map(|(i, e)| {
                [
                    (format!("distribution.annual_fee[{i}].fee"), e.fee),
                    (
                        format!("distribution.annual_fee[{i}].threshold"),
                        e.threshold,
                    ),
                ]
            })
            .chain(
                self.pass_through_limit
                    .iter()
                    .enumerate()
                    .flat_map(|(i, e)| {
                        [
                            (
                                format!("distribution.pass_through_limit[{i}].one_child"),
                                e.one_child,
                            ),
                            (
                                format!(
                                    "distribution.pass_through_limit[{i}].two_or_more_children"
                                ),
                                e.two_or_more_children,
                            ),
                        ]
                    }),
            )
            .chain(
                self.enforcement_thresholds
                    .iter()
                    .enumerate()
                    .flat_map(|(i, e)| {
                        let at = format!("distribution.enforcement_thresholds[{i}]");
                        [
                            (format!("{at}.passport_exceeding"), e.passport_exceeding),
                            (
                                format!("{at}.tax_offset_assigned_at_least"),
                                e.tax_offset_assigned_at_least,
                            ),
                            (
                                format!("{at}.tax_offset_non_assistance_at_least"),
                                e.tax_offset_non_assistance_at_least,
                            ),
                        ]
                    }),
            );
        for (at, value) in amounts {
            if value < Decimal::ZERO || value.normalize().scale() > 2 {
                return Err(Error::rules(
                    at,
                    "must be an amount of zero or more in whole cents",
                ));
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod validation_tests {
    use crate::rules::california::validation_tests::refused;
    use crate::rules::Rules;

    fn fee(fee: &str) -> String {
        format!(
            "[[distribution.annual_fee]]\neffective_from = \"2020-06-09\"\nfee = \"{fee}\"\nthreshold = \"550\"\ncitation = \"42 U.S.C. 654(6)(B)(ii)\"\nstatus = \"VERIFIED\"\n"
        )
    }

    #[test]
    fn distribution_amounts_are_zero_or_more_in_whole_cents() {
        for ok in ["0", "35.10", "35.00", "35.01"] {
            Rules::from_toml_str(&fee(ok)).unwrap();
        }
        for bad in ["-0.01", "35.001"] {
            let (at, msg) = refused(&fee(bad));
            assert_eq!(at, "distribution.annual_fee[0].fee");
            assert!(msg.contains("zero or more in whole cents"), "{msg}");
        }
    }
}
