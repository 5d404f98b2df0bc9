//! Texas rule data: Family Code ch. 154 schedules (§154.125(b), (c)), the net-resources cap by
//! date (§154.125(a), (a-1)), the §154.129(a) multiple-family table, the §154.068 minimum-wage
//! presumption, the medical and dental reasonable-cost rates (§§154.181(e), 154.1815(a)) and the
//! (UNVERIFIED) self-employed chart method.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::{validate_series, Validity};
use crate::error::Error;

/// The Texas series.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TexasRules {
    /// §154.125(b): percentages for 1 to 5 children.
    pub schedule: Vec<Schedule>,
    /// §154.125(c): the low-income percentages, below a threshold of net resources.
    pub low_income_schedule: Vec<LowIncomeSchedule>,
    /// §154.125(a), (a-1): the cap on monthly net resources, by order date.
    pub net_resources_cap: Vec<NetResourcesCap>,
    /// §154.129(a): the multiple-family table.
    pub multiple_household_table: Vec<MultipleHouseholdTable>,
    /// §154.068: the presumed wage when there is no evidence of resources.
    pub minimum_wage_presumption: Vec<MinimumWagePresumption>,
    /// §§154.181(e), 154.182(b)(3): health reasonable cost, a fraction of annual resources.
    pub health_reasonable_cost: Vec<ReasonableCost>,
    /// §154.1815(a): dental reasonable cost, a fraction of annual resources.
    pub dental_reasonable_cost: Vec<ReasonableCost>,
    /// The OAG self-employed chart method (UNVERIFIED; spec/texas.md §4.5).
    pub self_employed_method: Vec<SelfEmployedMethod>,
    /// §154.127(b)(1): the age at which a child's support ends for step-downs.
    pub age_of_majority: Vec<AgeOfMajority>,
}

/// The age at which support for a child ends (absent a caller-supplied end date).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AgeOfMajority {
    /// When it holds.
    #[serde(flatten)]
    pub validity: Validity,
    /// Years of age.
    pub years: u32,
}

/// The standard schedule: the fraction of net resources for 1..5 children.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Schedule {
    /// When it holds.
    #[serde(flatten)]
    pub validity: Validity,
    /// Fractions for 1, 2, 3, 4 and 5 children (6 or more: not less than the 5-child amount).
    #[serde(with = "crate::money::exact_vec")]
    pub percentages: Vec<Decimal>,
}

/// The low-income schedule: applies when monthly net resources are below `below`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LowIncomeSchedule {
    /// When it holds.
    #[serde(flatten)]
    pub validity: Validity,
    /// The threshold: net resources strictly below it use this schedule.
    #[serde(with = "crate::money::exact")]
    pub below: Decimal,
    /// Fractions for 1..5 children.
    #[serde(with = "crate::money::exact_vec")]
    pub percentages: Vec<Decimal>,
}

/// The cap on monthly net resources to which the percentages apply.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NetResourcesCap {
    /// When it holds (by the date the order is rendered).
    #[serde(flatten)]
    pub validity: Validity,
    /// Dollars per month.
    #[serde(with = "crate::money::exact")]
    pub monthly: Decimal,
}

/// The §154.129(a) table, in percent.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MultipleHouseholdTable {
    /// When it holds.
    #[serde(flatten)]
    pub validity: Validity,
    /// Row r: r other children; column c: c + 1 children before the court. Percent (17.50).
    pub percent_rows: Vec<PercentRow>,
}

/// One row of the §154.129 table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct PercentRow(#[serde(with = "crate::money::exact_vec")] pub Vec<Decimal>);

/// The §154.068 presumed wage.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MinimumWagePresumption {
    /// When it holds.
    #[serde(flatten)]
    pub validity: Validity,
    /// The federal minimum wage per hour.
    #[serde(with = "crate::money::exact")]
    pub hourly: Decimal,
    /// Hours a week (40).
    #[serde(with = "crate::money::exact")]
    pub hours_per_week: Decimal,
    /// Weeks a year (52).
    #[serde(with = "crate::money::exact")]
    pub weeks_per_year: Decimal,
}

/// A reasonable-cost rate: a fraction of the obligor's annual gross resources.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReasonableCost {
    /// When it holds.
    #[serde(flatten)]
    pub validity: Validity,
    /// The fraction (0.09 for 9%).
    #[serde(with = "crate::money::exact")]
    pub rate: Decimal,
}

/// The self-employed chart method (UNVERIFIED).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SelfEmployedMethod {
    /// When it holds.
    #[serde(flatten)]
    pub validity: Validity,
    /// The share of net self-employment income subject to SE tax (0.9235).
    #[serde(with = "crate::money::exact")]
    pub earnings_fraction: Decimal,
    /// Whether half the SE tax is deducted before federal income tax.
    pub half_se_tax_deduction: bool,
}

dated!(
    Schedule,
    LowIncomeSchedule,
    NetResourcesCap,
    MultipleHouseholdTable,
    MinimumWagePresumption,
    ReasonableCost,
    SelfEmployedMethod,
    AgeOfMajority
);

fn fraction_list(at: &str, list: &[Decimal]) -> Result<(), Error> {
    if list.len() != 5 {
        return Err(Error::rules(
            at,
            format!(
                "must list 5 percentages (1 to 5 children), found {}",
                list.len()
            ),
        ));
    }
    if list
        .iter()
        .any(|p| *p <= Decimal::ZERO || *p > Decimal::ONE)
    {
        return Err(Error::rules(
            at,
            "each percentage is a fraction above 0 and at most 1 (0.20 for 20%)",
        ));
    }
    if list.windows(2).any(|w| w[1] < w[0]) {
        return Err(Error::rules(
            at,
            "must not decrease with the number of children",
        ));
    }
    Ok(())
}

impl TexasRules {
    /// Checks each series and the shape of each entry.
    pub fn validate(&self) -> Result<(), Error> {
        validate_series(&self.schedule, "texas.schedule")?;
        validate_series(&self.age_of_majority, "texas.age_of_majority")?;
        for (i, a) in self.age_of_majority.iter().enumerate() {
            if !(1..=30).contains(&a.years) {
                return Err(Error::rules(
                    format!("texas.age_of_majority[{i}].years"),
                    "must be an age from 1 to 30",
                ));
            }
        }
        validate_series(&self.low_income_schedule, "texas.low_income_schedule")?;
        validate_series(&self.net_resources_cap, "texas.net_resources_cap")?;
        validate_series(
            &self.multiple_household_table,
            "texas.multiple_household_table",
        )?;
        validate_series(
            &self.minimum_wage_presumption,
            "texas.minimum_wage_presumption",
        )?;
        validate_series(&self.health_reasonable_cost, "texas.health_reasonable_cost")?;
        validate_series(&self.dental_reasonable_cost, "texas.dental_reasonable_cost")?;
        validate_series(&self.self_employed_method, "texas.self_employed_method")?;
        for (i, s) in self.schedule.iter().enumerate() {
            fraction_list(&format!("texas.schedule[{i}].percentages"), &s.percentages)?;
        }
        for (i, s) in self.low_income_schedule.iter().enumerate() {
            fraction_list(
                &format!("texas.low_income_schedule[{i}].percentages"),
                &s.percentages,
            )?;
            if s.below <= Decimal::ZERO {
                return Err(Error::rules(
                    format!("texas.low_income_schedule[{i}].below"),
                    "must be positive",
                ));
            }
        }
        for (i, c) in self.net_resources_cap.iter().enumerate() {
            if c.monthly <= Decimal::ZERO {
                return Err(Error::rules(
                    format!("texas.net_resources_cap[{i}].monthly"),
                    "must be positive",
                ));
            }
        }
        for (i, t) in self.multiple_household_table.iter().enumerate() {
            let at = format!("texas.multiple_household_table[{i}].percent_rows");
            if t.percent_rows.is_empty() {
                return Err(Error::rules(at, "has no rows"));
            }
            let width = t.percent_rows[0].0.len();
            if width == 0 {
                return Err(Error::rules(at, "rows must not be empty"));
            }
            for (r, row) in t.percent_rows.iter().enumerate() {
                if row.0.len() != width {
                    return Err(Error::rules(
                        format!("{at}[{r}]"),
                        format!("has {} columns; every row must have {width}", row.0.len()),
                    ));
                }
                if row
                    .0
                    .iter()
                    .any(|p| *p <= Decimal::ZERO || *p > Decimal::ONE_HUNDRED)
                {
                    return Err(Error::rules(
                        format!("{at}[{r}]"),
                        "percentages are in percent, above 0 and at most 100 (17.50)",
                    ));
                }
            }
        }
        for (i, m) in self.minimum_wage_presumption.iter().enumerate() {
            if m.hourly <= Decimal::ZERO
                || m.hours_per_week <= Decimal::ZERO
                || m.weeks_per_year <= Decimal::ZERO
            {
                return Err(Error::rules(
                    format!("texas.minimum_wage_presumption[{i}]"),
                    "hourly, hours_per_week and weeks_per_year must be positive",
                ));
            }
        }
        for (name, series) in [
            ("texas.health_reasonable_cost", &self.health_reasonable_cost),
            ("texas.dental_reasonable_cost", &self.dental_reasonable_cost),
        ] {
            for (i, r) in series.iter().enumerate() {
                if r.rate < Decimal::ZERO || r.rate > Decimal::ONE {
                    return Err(Error::rules(
                        format!("{name}[{i}].rate"),
                        "must be a fraction from 0 to 1 (0.09 for 9%)",
                    ));
                }
            }
        }
        for (i, m) in self.self_employed_method.iter().enumerate() {
            if m.earnings_fraction <= Decimal::ZERO || m.earnings_fraction > Decimal::ONE {
                return Err(Error::rules(
                    format!("texas.self_employed_method[{i}].earnings_fraction"),
                    "must be a fraction above 0 and at most 1",
                ));
            }
        }
        Ok(())
    }
}

/// Range checks on load: each refused value names its entry; each edge the check allows loads.
#[cfg(test)]
mod validation_tests {
    use crate::rules::california::validation_tests::refused;
    use crate::rules::Rules;

    fn entry(series: &str, fields: &str) -> String {
        format!(
            "[[texas.{series}]]\neffective_from = \"1993-09-01\"\n{fields}\ncitation = \"Tex. Fam. Code ch. 154\"\nstatus = \"VERIFIED\"\n"
        )
    }

    #[test]
    fn each_texas_series_accepts_its_edges_and_refuses_past_them() {
        let accepted = [
            entry("age_of_majority", "years = 1"),
            entry("age_of_majority", "years = 30"),
            entry(
                "schedule",
                r#"percentages = ["0.01", "0.01", "0.50", "1", "1"]"#,
            ),
            entry(
                "low_income_schedule",
                r#"below = "0.01"
percentages = ["0.15", "0.20", "0.25", "0.30", "0.35"]"#,
            ),
            entry("net_resources_cap", r#"monthly = "0.01""#),
            entry(
                "multiple_household_table",
                r#"percent_rows = [["0.01", "100"]]"#,
            ),
            entry(
                "minimum_wage_presumption",
                r#"hourly = "0.01"
hours_per_week = "0.01"
weeks_per_year = "0.01""#,
            ),
            entry("health_reasonable_cost", r#"rate = "0""#),
            entry("dental_reasonable_cost", r#"rate = "1""#),
            entry(
                "self_employed_method",
                r#"earnings_fraction = "1"
half_se_tax_deduction = true"#,
            ),
        ];
        for doc in &accepted {
            if let Err(e) = Rules::from_toml_str(doc) {
                panic!("{doc}: {e}");
            }
        }
        let minimum_wage = |h: &str, w: &str, y: &str| {
            entry(
                "minimum_wage_presumption",
                &format!("hourly = \"{h}\"\nhours_per_week = \"{w}\"\nweeks_per_year = \"{y}\""),
            )
        };
        let refusals = [
            (
                entry("age_of_majority", "years = 0"),
                "texas.age_of_majority[0].years",
            ),
            (
                entry("age_of_majority", "years = 31"),
                "texas.age_of_majority[0].years",
            ),
            (
                entry(
                    "schedule",
                    r#"percentages = ["0.20", "0.25", "0.30", "0.35"]"#,
                ),
                "texas.schedule[0].percentages",
            ),
            (
                entry(
                    "schedule",
                    r#"percentages = ["0", "0.25", "0.30", "0.35", "0.40"]"#,
                ),
                "texas.schedule[0].percentages",
            ),
            (
                entry(
                    "schedule",
                    r#"percentages = ["0.20", "0.25", "0.30", "0.35", "1.01"]"#,
                ),
                "texas.schedule[0].percentages",
            ),
            (
                entry(
                    "schedule",
                    r#"percentages = ["0.20", "0.25", "0.24", "0.35", "0.40"]"#,
                ),
                "texas.schedule[0].percentages",
            ),
            (
                entry(
                    "low_income_schedule",
                    r#"below = "0"
percentages = ["0.15", "0.20", "0.25", "0.30", "0.35"]"#,
                ),
                "texas.low_income_schedule[0].below",
            ),
            (
                entry(
                    "low_income_schedule",
                    r#"below = "1000"
percentages = ["0.15", "0.20", "0.25", "0.30"]"#,
                ),
                "texas.low_income_schedule[0].percentages",
            ),
            (
                entry("net_resources_cap", r#"monthly = "0""#),
                "texas.net_resources_cap[0].monthly",
            ),
            (
                entry("multiple_household_table", "percent_rows = []"),
                "texas.multiple_household_table[0].percent_rows",
            ),
            (
                entry("multiple_household_table", "percent_rows = [[]]"),
                "texas.multiple_household_table[0].percent_rows",
            ),
            (
                entry(
                    "multiple_household_table",
                    r#"percent_rows = [["20", "25"], ["17.50"]]"#,
                ),
                "texas.multiple_household_table[0].percent_rows[1]",
            ),
            (
                entry(
                    "multiple_household_table",
                    r#"percent_rows = [["0", "25"]]"#,
                ),
                "texas.multiple_household_table[0].percent_rows[0]",
            ),
            (
                entry(
                    "multiple_household_table",
                    r#"percent_rows = [["20", "100.01"]]"#,
                ),
                "texas.multiple_household_table[0].percent_rows[0]",
            ),
            (
                minimum_wage("0", "40", "52"),
                "texas.minimum_wage_presumption[0]",
            ),
            (
                minimum_wage("7.25", "0", "52"),
                "texas.minimum_wage_presumption[0]",
            ),
            (
                minimum_wage("7.25", "40", "0"),
                "texas.minimum_wage_presumption[0]",
            ),
            (
                entry("health_reasonable_cost", r#"rate = "-0.01""#),
                "texas.health_reasonable_cost[0].rate",
            ),
            (
                entry("dental_reasonable_cost", r#"rate = "1.01""#),
                "texas.dental_reasonable_cost[0].rate",
            ),
            (
                entry(
                    "self_employed_method",
                    r#"earnings_fraction = "0"
half_se_tax_deduction = true"#,
                ),
                "texas.self_employed_method[0].earnings_fraction",
            ),
            (
                entry(
                    "self_employed_method",
                    r#"earnings_fraction = "1.01"
half_se_tax_deduction = true"#,
                ),
                "texas.self_employed_method[0].earnings_fraction",
            ),
        ];
        for (doc, at) in &refusals {
            let (location, msg) = refused(doc);
            assert_eq!(&location, at, "{doc}: {msg}");
        }
    }
}
