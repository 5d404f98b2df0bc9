//! Arrears rule data: interest rates, when interest starts and how days are counted, the
//! statutory crediting orders, and Texas §158.003 withholding (section `arrears` of the rules).
//!
//! Rates are looked up by the date an installment falls due (a judgment or renewal: the date it
//! is rendered or filed); crediting orders by the date a payment is received.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::{validate_series, Validity};
use crate::error::Error;

/// The arrears series.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ArrearsRules {
    /// California interest rate (CCP §685.010).
    pub california_interest: Vec<InterestRate>,
    /// California start of accrual and day count (CCP §685.020, FC §17433.5).
    pub california_accrual: Vec<CaliforniaAccrual>,
    /// California crediting order (CCP §695.221), by payment date.
    pub california_crediting: Vec<CreditingOrder>,
    /// Texas interest rate (Fam. Code §157.265).
    pub texas_interest: Vec<InterestRate>,
    /// Texas delinquency and interest base (Fam. Code §157.265(a), §157.266).
    pub texas_accrual: Vec<TexasAccrual>,
    /// Texas crediting order (Fam. Code §157.268), by payment date.
    pub texas_crediting: Vec<CreditingOrder>,
    /// Texas additional withholding for arrears (Fam. Code §158.003).
    pub texas_withholding: Vec<TexasWithholding>,
    /// Texas maximum withholding (Fam. Code §158.009).
    pub texas_withholding_limit: Vec<WithholdingLimit>,
}

/// A simple annual interest rate.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InterestRate {
    /// When the rate holds (by due date or date rendered).
    #[serde(flatten)]
    pub validity: Validity,
    /// The rate per year (0.10 for 10%), simple.
    #[serde(with = "crate::money::exact")]
    pub rate: Decimal,
}

/// When an installment starts to bear interest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AccrualStart {
    /// On the day it falls due (CCP §685.020(b)).
    DueDate,
    /// On the first day of the month after it falls due (FC §17433.5).
    FirstOfNextMonth,
}

/// How interest is counted over days.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DayCount {
    /// rate/12 per whole calendar month; rate/12 x days/days-in-month for part of a month.
    Monthly,
    /// rate x days / 365, leap years included.
    #[serde(rename = "actual_365")]
    Actual365,
}

/// California accrual rules.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CaliforniaAccrual {
    /// When the rules hold.
    #[serde(flatten)]
    pub validity: Validity,
    /// Start of accrual outside IV-D enforcement.
    pub start: AccrualStart,
    /// Start of accrual in IV-D cases (the default for them; overridable).
    pub iv_d_start: AccrualStart,
    /// The default day count.
    pub day_count: DayCount,
}

/// Texas accrual rules.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TexasAccrual {
    /// When the rules hold.
    #[serde(flatten)]
    pub validity: Validity,
    /// A payment is delinquent if not received within this many days after its due date
    /// (30: delinquent from the 31st day, §157.266(a)).
    pub delinquent_after_days: u32,
    /// Whether interest bears only on the delinquent amount above one month's obligation.
    pub exclude_one_month: bool,
    /// The default day count.
    pub day_count: DayCount,
}

/// A tier of a statutory crediting order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Tier {
    /// Installments due in the calendar month of the payment.
    Current,
    /// Texas: support past due but not yet delinquent (within 30 days).
    NonDelinquent,
    /// All unpaid past-due principal, oldest installment first (California).
    Principal,
    /// Texas: principal not confirmed and reduced to money judgment, oldest first.
    UnconfirmedPrincipal,
    /// Texas: the unpaid balance of judgments (confirmed arrears with their capitalised
    /// interest), oldest first.
    ConfirmedPrincipal,
    /// Accrued interest.
    Interest,
    /// Ordered fees and costs.
    Fees,
}

impl Tier {
    /// The name used in data and results.
    pub fn as_str(self) -> &'static str {
        match self {
            Tier::Current => "current",
            Tier::NonDelinquent => "non_delinquent",
            Tier::Principal => "principal",
            Tier::UnconfirmedPrincipal => "unconfirmed_principal",
            Tier::ConfirmedPrincipal => "confirmed_principal",
            Tier::Interest => "interest",
            Tier::Fees => "fees",
        }
    }
}

/// A statutory crediting order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CreditingOrder {
    /// When the order holds (by the date the payment is received).
    #[serde(flatten)]
    pub validity: Validity,
    /// The tiers, first paid first.
    pub order: Vec<Tier>,
}

/// Texas §158.003 additional withholding.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TexasWithholding {
    /// When the rule holds.
    #[serde(flatten)]
    pub validity: Validity,
    /// The months within which the arrears must be discharged (24).
    pub months: u32,
    /// The fraction of current support added (0.20).
    #[serde(with = "crate::money::exact")]
    pub current_fraction: Decimal,
}

/// A limit on total withholding.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WithholdingLimit {
    /// When the limit holds.
    #[serde(flatten)]
    pub validity: Validity,
    /// The largest fraction of disposable earnings withheld (0.50).
    #[serde(with = "crate::money::exact")]
    pub max_fraction_of_disposable: Decimal,
}

dated!(
    InterestRate,
    CaliforniaAccrual,
    TexasAccrual,
    CreditingOrder,
    TexasWithholding,
    WithholdingLimit
);

fn check_rates(series: &[InterestRate], name: &str) -> Result<(), Error> {
    for (i, r) in series.iter().enumerate() {
        if r.rate < Decimal::ZERO || r.rate > Decimal::ONE {
            return Err(Error::rules(
                format!("{name}[{i}].rate"),
                "must be a yearly rate from 0 to 1 (0.10 for 10%)",
            ));
        }
    }
    Ok(())
}

fn check_order(series: &[CreditingOrder], name: &str, allowed: &[Tier]) -> Result<(), Error> {
    for (i, c) in series.iter().enumerate() {
        let at = format!("{name}[{i}].order");
        if c.order.first() != Some(&Tier::Current) {
            return Err(Error::rules(at, "must start with current support"));
        }
        for (j, t) in c.order.iter().enumerate() {
            if !allowed.contains(t) {
                return Err(Error::rules(
                    format!("{at}[{j}]"),
                    format!(
                        "{} is not a tier of this state; the tiers are {}",
                        t.as_str(),
                        allowed
                            .iter()
                            .map(|t| t.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                ));
            }
            if c.order[..j].contains(t) {
                return Err(Error::rules(
                    format!("{at}[{j}]"),
                    format!("{} appears twice", t.as_str()),
                ));
            }
        }
        for t in allowed {
            if !c.order.contains(t) {
                return Err(Error::rules(
                    at.clone(),
                    format!("is missing the tier {}", t.as_str()),
                ));
            }
        }
    }
    Ok(())
}

/// The California crediting tiers.
pub const CALIFORNIA_TIERS: &[Tier] = &[Tier::Current, Tier::Principal, Tier::Interest, Tier::Fees];

/// The Texas crediting tiers.
pub const TEXAS_TIERS: &[Tier] = &[
    Tier::Current,
    Tier::NonDelinquent,
    Tier::UnconfirmedPrincipal,
    Tier::ConfirmedPrincipal,
    Tier::Interest,
    Tier::Fees,
];

impl ArrearsRules {
    /// Checks each series and the shape of each entry.
    pub fn validate(&self) -> Result<(), Error> {
        validate_series(&self.california_interest, "arrears.california_interest")?;
        validate_series(&self.california_accrual, "arrears.california_accrual")?;
        validate_series(&self.california_crediting, "arrears.california_crediting")?;
        validate_series(&self.texas_interest, "arrears.texas_interest")?;
        validate_series(&self.texas_accrual, "arrears.texas_accrual")?;
        validate_series(&self.texas_crediting, "arrears.texas_crediting")?;
        validate_series(&self.texas_withholding, "arrears.texas_withholding")?;
        validate_series(
            &self.texas_withholding_limit,
            "arrears.texas_withholding_limit",
        )?;
        check_rates(&self.california_interest, "arrears.california_interest")?;
        check_rates(&self.texas_interest, "arrears.texas_interest")?;
        check_order(
            &self.california_crediting,
            "arrears.california_crediting",
            CALIFORNIA_TIERS,
        )?;
        check_order(
            &self.texas_crediting,
            "arrears.texas_crediting",
            TEXAS_TIERS,
        )?;
        for (i, a) in self.texas_accrual.iter().enumerate() {
            if a.delinquent_after_days > 366 {
                return Err(Error::rules(
                    format!("arrears.texas_accrual[{i}].delinquent_after_days"),
                    "must be at most 366",
                ));
            }
        }
        for (i, w) in self.texas_withholding.iter().enumerate() {
            if w.months == 0 || w.months > 600 {
                return Err(Error::rules(
                    format!("arrears.texas_withholding[{i}].months"),
                    "must be from 1 to 600",
                ));
            }
            if w.current_fraction < Decimal::ZERO || w.current_fraction > Decimal::ONE {
                return Err(Error::rules(
                    format!("arrears.texas_withholding[{i}].current_fraction"),
                    "must be a fraction from 0 to 1",
                ));
            }
        }
        for (i, w) in self.texas_withholding_limit.iter().enumerate() {
            if w.max_fraction_of_disposable <= Decimal::ZERO
                || w.max_fraction_of_disposable > Decimal::ONE
            {
                return Err(Error::rules(
                    format!("arrears.texas_withholding_limit[{i}].max_fraction_of_disposable"),
                    "must be a fraction above 0 and at most 1",
                ));
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use crate::error::Error;
    use crate::rules::Rules;

    #[test]
    fn embedded_arrears_rules_hold_the_spec_numbers() {
        let a = &Rules::embedded().arrears;
        assert_eq!(a.california_interest[0].rate.to_string(), "0.10");
        assert_eq!(a.texas_interest[0].rate.to_string(), "0.06");
        assert!(a
            .texas_interest
            .last()
            .unwrap()
            .validity
            .effective_through
            .is_none());
    }

    #[test]
    fn a_crediting_order_missing_a_tier_is_rejected() {
        let doc = r#"
            [[arrears.texas_crediting]]
            effective_from = "2010-01-01"
            order = ["current", "interest"]
            citation = "x"
            status = "UNVERIFIED"
        "#;
        let err = Rules::from_toml_str(doc).unwrap_err();
        assert!(matches!(err, Error::Rules { .. }), "{err}");
        assert_eq!(err.field(), Some("arrears.texas_crediting[0].order"));
    }

    #[test]
    fn a_county_can_load_a_later_texas_rate() {
        let doc = r#"
            [[arrears.texas_interest]]
            effective_from = "2002-01-01"
            effective_through = "2025-12-31"
            rate = "0.06"
            citation = "Tex. Fam. Code §157.265"
            status = "VERIFIED"
            [[arrears.texas_interest]]
            effective_from = "2026-01-01"
            rate = "0.075"
            citation = "county-loaded post-judgment rate"
            status = "UNVERIFIED"
        "#;
        let rules = Rules::from_toml_str(doc).unwrap();
        assert_eq!(rules.arrears.texas_interest.len(), 2);
    }
}
