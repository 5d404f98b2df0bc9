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
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
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
        // A value that must be above zero (`positive`) or zero or more, named by its entry.
        let check = |location: String, what: &str, value: Decimal, positive: bool| {
            let ok = if positive {
                value > Decimal::ZERO
            } else {
                value >= Decimal::ZERO
            };
            if ok {
                Ok(())
            } else {
                Err(Error::rules(
                    location,
                    format!(
                        "{what} is {value}; allowed: {}",
                        if positive {
                            "a number greater than 0"
                        } else {
                            "a number of 0 or more"
                        }
                    ),
                ))
            }
        };
        for (i, w) in self.minimum_wage.iter().enumerate() {
            check(
                format!("california.minimum_wage[{i}]"),
                "hourly",
                w.hourly,
                true,
            )?;
        }
        for (i, t) in self.judicial_council_threshold.iter().enumerate() {
            check(
                format!("california.judicial_council_threshold[{i}]"),
                "monthly",
                t.monthly,
                true,
            )?;
        }
        for (i, m) in self.low_income_method.iter().enumerate() {
            let at = format!("california.low_income_method[{i}]");
            if let Some(h) = m.hours_per_week {
                check(at.clone(), "hours_per_week", h, true)?;
            }
            if let Some(w) = m.weeks_per_year {
                check(at, "weeks_per_year", w, true)?;
            }
        }
        for (i, t) in self.k_tables.iter().enumerate() {
            for (j, b) in t.bands.iter().enumerate() {
                let at = format!("california.k_tables[{i}].bands[{j}]");
                check(at.clone(), "constant", b.constant, false)?;
                if let Some(n) = b.numerator_over_tn {
                    check(at, "numerator_over_tn", n, false)?;
                }
            }
        }
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
                if let Some(d) = b.tn_divisor.filter(|d| *d <= Decimal::ZERO) {
                    return Err(Error::rules(
                        at(j),
                        format!("tn_divisor is {d}; allowed: a number greater than 0"),
                    ));
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
            if let Some(k) = m.multipliers.iter().position(|x| *x <= Decimal::ZERO) {
                return Err(Error::rules(
                    format!("california.child_multipliers[{i}].multipliers[{k}]"),
                    format!("is {}; allowed: a number greater than 0", m.multipliers[k]),
                ));
            }
            if m.multipliers.windows(2).any(|w| w[1] < w[0]) {
                return Err(Error::rules(
                    format!("california.child_multipliers[{i}].multipliers"),
                    "must not decrease; allowed: each multiplier at least the one before it",
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

/// Range checks on load (issue 13): each refused value names its entry and what is allowed.
#[cfg(test)]
pub(crate) mod validation_tests {
    use crate::error::Error;
    use crate::rules::Rules;

    /// The rules error (location, message) for an override document.
    pub(crate) fn refused(doc: &str) -> (String, String) {
        match Rules::from_toml_str(doc) {
            Err(Error::Rules { location, message }) => (location, message),
            other => panic!("expected a rules error, got {other:?}"),
        }
    }

    /// A K table of `bands` (each `up_to` or none), every band 0.25 with its text.
    fn k_table(bands: &[Option<&str>]) -> String {
        let bands: Vec<String> = bands
            .iter()
            .map(|up_to| match up_to {
                Some(u) => format!("{{ up_to = \"{u}\", constant = \"0.25\", text = \"band\" }}"),
                None => "{ constant = \"0.25\", text = \"band\" }".to_string(),
            })
            .collect();
        format!(
            "[[california.k_tables]]\nid = \"test\"\neffective_from = \"2004-01-01\"\ncitation = \"Fam. Code §4055(b)(3)\"\nstatus = \"VERIFIED\"\nbands = [{}]\n",
            bands.join(", ")
        )
    }

    #[test]
    fn k_table_bands_rise_from_zero_and_only_the_last_is_open() {
        // A first band up to 0 and rising bands after it: accepted.
        Rules::from_toml_str(&k_table(&[Some("0"), Some("100"), None])).unwrap();
        for (bands, at, says) in [
            (
                vec![None, None],
                "california.k_tables[0].bands[0]",
                "only the last band may omit up_to",
            ),
            (
                vec![Some("100"), Some("200")],
                "california.k_tables[0].bands[1]",
                "the last band must omit up_to",
            ),
            (
                vec![Some("100"), Some("100"), None],
                "california.k_tables[0].bands[1]",
                "up_to must increase",
            ),
            (
                vec![Some("-1"), None],
                "california.k_tables[0].bands[0]",
                "up_to must not be negative",
            ),
        ] {
            let (location, msg) = refused(&k_table(&bands));
            assert_eq!(location, at, "{bands:?}");
            assert!(msg.contains(says), "{msg}");
        }
    }

    #[test]
    fn the_minimum_wage_method_needs_both_hours_and_weeks() {
        let method = |fields: &str| {
            format!(
                "[[california.low_income_method]]\neffective_from = \"2004-01-01\"\nmethod = \"minimum_wage\"\n{fields}citation = \"Fam. Code §4055(b)(7)\"\nstatus = \"VERIFIED\"\n"
            )
        };
        Rules::from_toml_str(&method(
            "hours_per_week = \"40\"\nweeks_per_year = \"52\"\n",
        ))
        .unwrap();
        for fields in ["hours_per_week = \"40\"\n", "weeks_per_year = \"52\"\n"] {
            let (at, msg) = refused(&method(fields));
            assert_eq!(at, "california.low_income_method[0]");
            assert!(
                msg.contains("needs hours_per_week and weeks_per_year"),
                "{msg}"
            );
        }
    }

    fn wages(entries: &[(&str, &str)]) -> String {
        entries
            .iter()
            .enumerate()
            .map(|(i, (hourly, citation))| {
                format!(
                    "[[california.minimum_wage]]\neffective_from = \"{}-01-01\"\neffective_through = \"{}-12-31\"\nhourly = \"{hourly}\"\ncitation = \"{citation}\"\nstatus = \"UNVERIFIED\"\n",
                    2030 + i,
                    2030 + i
                )
            })
            .collect()
    }

    #[test]
    fn a_negative_minimum_wage_with_an_empty_citation_is_refused() {
        // The case: it loaded, and silently removed the low-income range.
        let (at, msg) = refused(&wages(&[
            ("16.50", "a"),
            ("17", "b"),
            ("17.5", "c"),
            ("-16.50", ""),
        ]));
        assert_eq!(at, "california.minimum_wage[3]");
        assert!(msg.contains("citation is empty"), "{msg}");
        let (at, msg) = refused(&wages(&[
            ("16.50", "a"),
            ("17", "b"),
            ("17.5", "c"),
            ("-16.50", "d"),
        ]));
        assert_eq!(at, "california.minimum_wage[3]");
        assert_eq!(
            msg,
            "hourly is -16.50; allowed: a number greater than 0 (line 19)"
        );
        let (at, _) = refused(&wages(&[("0", "a")]));
        assert_eq!(at, "california.minimum_wage[0]");
        assert!(Rules::from_toml_str(&wages(&[("16.50", "a"), ("17", "b")])).is_ok());
    }

    #[test]
    fn k_band_terms_must_not_be_negative() {
        let table = |band0: &str, band1: &str| {
            format!(
                "[[california.k_tables]]\nid = \"t\"\neffective_from = \"2004-01-01\"\ncitation = \"c\"\nstatus = \"UNVERIFIED\"\nbands = [\n  {{ up_to = \"2900\", {band0}, text = \"a\" }},\n  {{ {band1}, text = \"b\" }},\n]\n"
            )
        };
        // A negative K constant flipped the payer.
        let (at, msg) = refused(&table(
            "constant = \"-0.165\", tn_divisor = \"82857\"",
            "constant = \"0.12\", numerator_over_tn = \"1200\"",
        ));
        assert_eq!(at, "california.k_tables[0].bands[0]");
        assert_eq!(
            msg,
            "constant is -0.165; allowed: a number of 0 or more (line 7)"
        );
        let (at, msg) = refused(&table(
            "constant = \"0.165\"",
            "constant = \"0.12\", numerator_over_tn = \"-1200\"",
        ));
        assert_eq!(at, "california.k_tables[0].bands[1]");
        assert!(msg.starts_with("numerator_over_tn is -1200"), "{msg}");
        let (at, msg) = refused(&table(
            "constant = \"0.165\", tn_divisor = \"-82857\"",
            "constant = \"0.12\"",
        ));
        assert_eq!(at, "california.k_tables[0].bands[0]");
        assert!(msg.starts_with("tn_divisor is -82857"), "{msg}");
        // Zero is a constant the law could write.
        assert!(Rules::from_toml_str(&table("constant = \"0\"", "constant = \"0.12\"")).is_ok());
    }

    #[test]
    fn multipliers_must_be_positive_and_not_decrease() {
        let doc = |m: &str| {
            format!("[[california.child_multipliers]]\neffective_from = \"2004-01-01\"\ncitation = \"c\"\nstatus = \"UNVERIFIED\"\nmultipliers = [{m}]\n")
        };
        let (at, msg) = refused(&doc("\"1\", \"-1.6\""));
        assert_eq!(at, "california.child_multipliers[0].multipliers[1]");
        assert!(msg.contains("greater than 0"), "{msg}");
        let (at, msg) = refused(&doc("\"1\", \"1.6\", \"1.5\""));
        assert_eq!(at, "california.child_multipliers[0].multipliers");
        assert!(msg.contains("must not decrease"), "{msg}");
        assert!(Rules::from_toml_str(&doc("\"1\", \"1.6\", \"1.6\"")).is_ok());
    }

    #[test]
    fn hours_weeks_and_the_judicial_council_threshold_must_be_positive() {
        let method = |h: &str, w: &str| {
            format!("[[california.low_income_method]]\neffective_from = \"2004-01-01\"\nmethod = \"minimum_wage\"\nhours_per_week = \"{h}\"\nweeks_per_year = \"{w}\"\ncitation = \"c\"\nstatus = \"UNVERIFIED\"\n")
        };
        let (at, msg) = refused(&method("0", "52"));
        assert_eq!(at, "california.low_income_method[0]");
        assert!(msg.starts_with("hours_per_week is 0"), "{msg}");
        let (at, msg) = refused(&method("40", "-52"));
        assert_eq!(at, "california.low_income_method[0]");
        assert!(msg.starts_with("weeks_per_year is -52"), "{msg}");
        let jc = "[[california.judicial_council_threshold]]\neffective_from = \"2024-01-01\"\nmonthly = \"-2137\"\ncitation = \"c\"\nstatus = \"SECONDARY\"\n";
        let (at, msg) = refused(jc);
        assert_eq!(at, "california.judicial_council_threshold[0]");
        assert!(msg.contains("greater than 0"), "{msg}");
    }

    #[test]
    fn every_series_needs_a_citation() {
        let doc = "[[california.add_on_apportionment]]\neffective_from = \"2004-01-01\"\ndefault = \"equal\"\ncitation = \"  \"\nstatus = \"VERIFIED\"\n";
        assert_eq!(refused(doc).0, "california.add_on_apportionment[0]");
    }

    #[test]
    fn rules_numbers_follow_the_plain_rule() {
        // A rules file is read like input: an exponent or an underscore is refused, not read.
        for bad in ["1.65e1", "16_50", "+16.50", " 16.50"] {
            assert!(
                Rules::from_toml_str(&wages(&[(bad, "a")])).is_err(),
                "{bad}"
            );
        }
    }
}
