//! California rule data: Family Code §4055 K-fraction tables, child multipliers, low-income
//! thresholds, and the §4061 add-on apportionment default.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use std::sync::Arc;

use super::{validate_series, Cache, Validity};
use crate::error::Error;
use crate::exact::Exact;

/// The California series.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CaliforniaRules {
    /// §4055(b)(3) K-fraction tables, by effective date.
    pub k_tables: Vec<KTable>,
    /// §4055(b)(4) multipliers for more than one child.
    pub child_multipliers: Vec<ChildMultipliers>,
    /// Which low-income threshold §4055(b)(7) uses on a date.
    pub low_income_method: Vec<LowIncomeMethod>,
    /// State minimum wage (Labor Code §1182.12), for the current §4055(b)(7) threshold.
    pub minimum_wage: Vec<MinimumWage>,
    /// Judicial Council low-income thresholds (former §4055(b)(7)), monthly.
    pub judicial_council_threshold: Vec<FixedThreshold>,
    /// §4061 default apportionment of add-on expenses.
    pub add_on_apportionment: Vec<AddOnApportionment>,
}

/// One K-fraction table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KTable {
    /// When the table holds, and its citation.
    #[serde(flatten)]
    pub validity: Validity,
    /// A short name for the law (`sb343`, `former`), reported in results.
    pub id: String,
    /// The bands, in increasing order of TN.
    pub bands: Vec<KBand>,
    #[serde(skip)]
    exact: Cache<(Arc<str>, Vec<ExactBand>)>,
}

/// A band of a K table in exact numbers: `constant + TN x per_tn + over_tn / TN`.
#[derive(Debug, Clone, PartialEq)]
pub struct ExactBand {
    /// The upper edge, inclusive (none for the last band).
    pub up_to: Option<Exact>,
    /// The constant term.
    pub constant: Exact,
    /// The coefficient of TN (1 / divisor), if the band has one.
    pub per_tn: Option<Exact>,
    /// The numerator over TN, if the band has one.
    pub over_tn: Option<Exact>,
}

impl KTable {
    /// The bands in exact numbers, and the table's name, shared (computed once per rule set).
    pub fn exact(&self) -> (&Arc<str>, &[ExactBand]) {
        let (id, bands) = self.exact.get_or_init(|| {
            let bands = self
                .bands
                .iter()
                .map(|b| ExactBand {
                    up_to: b.up_to.map(Exact::from),
                    constant: Exact::from(b.constant),
                    per_tn: b.tn_divisor.map(|d| Exact::ONE / Exact::from(d)),
                    over_tn: b.numerator_over_tn.map(Exact::from),
                })
                .collect();
            (Arc::from(self.id.as_str()), bands)
        });
        (id, bands)
    }
}

/// A band of a K-fraction table: `fraction = constant + TN / tn_divisor + numerator_over_tn / TN`
/// (each term only where given), for TN up to and including `up_to` (the last band has none).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KBand {
    /// The band's upper edge, inclusive (spec/README.md: TN <= 2,900 is band 1).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::money::exact_opt"
    )]
    pub up_to: Option<Decimal>,
    /// The constant term.
    #[serde(with = "crate::money::exact")]
    pub constant: Decimal,
    /// `TN / tn_divisor` is added, where given.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::money::exact_opt"
    )]
    pub tn_divisor: Option<Decimal>,
    /// `numerator_over_tn / TN` is added, where given.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::money::exact_opt"
    )]
    pub numerator_over_tn: Option<Decimal>,
    /// The band as the statute writes it, for the worksheet.
    pub text: String,
}

/// The multipliers for 1 to N children (the first is 1).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChildMultipliers {
    /// When the multipliers hold.
    #[serde(flatten)]
    pub validity: Validity,
    /// Multiplier for 1, 2, ... children.
    #[serde(with = "crate::money::exact_vec")]
    pub multipliers: Vec<Decimal>,
    #[serde(skip)]
    exact: Cache<Vec<Exact>>,
}

impl ChildMultipliers {
    /// The multipliers in exact numbers (computed once per rule set).
    pub fn exact(&self) -> &[Exact] {
        self.exact
            .get_or_init(|| self.multipliers.iter().copied().map(Exact::from).collect())
    }
}

/// How the low-income threshold is found on a date.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LowIncomeMethod {
    /// When the method holds.
    #[serde(flatten)]
    pub validity: Validity,
    /// Which threshold the law uses.
    pub method: ThresholdMethod,
    /// Hours a week of full-time work (`minimum_wage` method).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::money::exact_opt"
    )]
    pub hours_per_week: Option<Decimal>,
    /// Weeks a year (`minimum_wage` method).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::money::exact_opt"
    )]
    pub weeks_per_year: Option<Decimal>,
}

/// The threshold a low-income adjustment is measured against.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ThresholdMethod {
    /// Monthly gross pay at the state minimum wage (current §4055(b)(7)).
    MinimumWage,
    /// The Judicial Council's published monthly figure (former §4055(b)(7)).
    JudicialCouncil,
}

/// A state minimum wage, per hour.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MinimumWage {
    /// When the wage holds.
    #[serde(flatten)]
    pub validity: Validity,
    /// Dollars per hour.
    #[serde(with = "crate::money::exact")]
    pub hourly: Decimal,
}

/// A fixed monthly threshold.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FixedThreshold {
    /// When the threshold holds.
    #[serde(flatten)]
    pub validity: Validity,
    /// Dollars per month.
    #[serde(with = "crate::money::exact")]
    pub monthly: Decimal,
}

/// How add-on expenses are split by default.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AddOnApportionment {
    /// When the default holds.
    #[serde(flatten)]
    pub validity: Validity,
    /// The default split.
    pub default: AddOnSplit,
}

/// A way of splitting add-on expenses between the parents.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AddOnSplit {
    /// One-half each.
    Equal,
    /// In proportion to the parents' net disposable incomes as adjusted by §4061(c) and (d).
    Proportional,
}

dated!(
    KTable,
    ChildMultipliers,
    LowIncomeMethod,
    MinimumWage,
    FixedThreshold,
    AddOnApportionment
);

impl CaliforniaRules {
    /// Checks each series and the shape of each entry.
    pub fn validate(&self) -> Result<(), Error> {
        validate_series(&self.k_tables, "california.k_tables")?;
        validate_series(&self.child_multipliers, "california.child_multipliers")?;
        validate_series(&self.low_income_method, "california.low_income_method")?;
        validate_series(&self.minimum_wage, "california.minimum_wage")?;
        validate_series(
            &self.judicial_council_threshold,
            "california.judicial_council_threshold",
        )?;
        validate_series(
            &self.add_on_apportionment,
            "california.add_on_apportionment",
        )?;
        for (i, t) in self.k_tables.iter().enumerate() {
            let at = |j: usize| format!("california.k_tables[{i}].bands[{j}]");
            if t.bands.is_empty() {
                return Err(Error::rules(
                    format!("california.k_tables[{i}]"),
                    "has no bands",
                ));
            }
            let mut lower = Decimal::ZERO;
            for (j, b) in t.bands.iter().enumerate() {
                let last = j + 1 == t.bands.len();
                match (b.up_to, last) {
                    (None, false) => {
                        return Err(Error::rules(at(j), "only the last band may omit up_to"))
                    }
                    (Some(_), true) => {
                        return Err(Error::rules(
                            at(j),
                            "the last band must omit up_to (it covers every larger TN)",
                        ))
                    }
                    (Some(u), false) if u <= lower && j > 0 => {
                        return Err(Error::rules(at(j), "up_to must increase from band to band"))
                    }
                    (Some(u), false) if u < Decimal::ZERO => {
                        return Err(Error::rules(at(j), "up_to must not be negative"))
                    }
                    _ => {}
                }
                if b.tn_divisor.is_some_and(|d| d <= Decimal::ZERO) {
                    return Err(Error::rules(at(j), "tn_divisor must be positive"));
                }
                if b.numerator_over_tn.is_some() && j == 0 {
                    return Err(Error::rules(
                        at(j),
                        "the first band cannot divide by TN (TN may be zero)",
                    ));
                }
                lower = b.up_to.unwrap_or(lower);
            }
        }
        for (i, m) in self.child_multipliers.iter().enumerate() {
            if m.multipliers.first() != Some(&Decimal::ONE) {
                return Err(Error::rules(
                    format!("california.child_multipliers[{i}].multipliers"),
                    "must start with 1 (the multiplier for one child)",
                ));
            }
            if m.multipliers.windows(2).any(|w| w[1] < w[0]) {
                return Err(Error::rules(
                    format!("california.child_multipliers[{i}].multipliers"),
                    "must not decrease",
                ));
            }
        }
        for (i, m) in self.low_income_method.iter().enumerate() {
            if m.method == ThresholdMethod::MinimumWage
                && (m.hours_per_week.is_none() || m.weeks_per_year.is_none())
            {
                return Err(Error::rules(
                    format!("california.low_income_method[{i}]"),
                    "the minimum_wage method needs hours_per_week and weeks_per_year",
                ));
            }
        }
        Ok(())
    }
}
