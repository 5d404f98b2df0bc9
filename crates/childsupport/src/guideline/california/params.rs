//! The California rules in force on one date, resolved once and reused for every case of that
//! date (a caseload study computes millions of cases against a handful of dates).

use std::sync::Arc;

use crate::date::Date;
use crate::error::Error;
use crate::exact::Exact;
use crate::rules::california::{
    AddOnApportionment, ExactBand, KBand, KTable, LowIncomeMethod, MinimumWage, ThresholdMethod,
};
use crate::rules::{coverage, in_force, MissingRule, Rules, Validity};

/// How the low-income threshold stands on the date.
#[derive(Debug, Clone)]
pub enum Threshold<'r> {
    /// T = minimum wage x hours x weeks / 12 (current §4055(b)(7)).
    MinimumWage {
        /// The method entry.
        method: &'r LowIncomeMethod,
        /// The wage entry.
        wage: &'r MinimumWage,
        /// Hours a week.
        hours: Exact,
        /// Weeks a year.
        weeks: Exact,
        /// T, exact.
        t: Exact,
    },
    /// A published monthly figure (former §4055(b)(7)).
    Fixed {
        /// The method entry.
        method: &'r LowIncomeMethod,
        /// The figure's entry.
        validity: &'r Validity,
        /// T.
        t: Exact,
    },
    /// The rules have no threshold for the date: the test cannot be run.
    Missing {
        /// The method entry.
        method: &'r LowIncomeMethod,
        /// The series that has no entry (`california.minimum_wage`).
        rule: &'static str,
    },
}

impl Threshold<'_> {
    /// The method entry in force.
    pub fn method(&self) -> &LowIncomeMethod {
        match self {
            Threshold::MinimumWage { method, .. }
            | Threshold::Fixed { method, .. }
            | Threshold::Missing { method, .. } => method,
        }
    }
}

/// The California rules in force on one date.
#[derive(Debug, Clone)]
pub struct CaliforniaParams<'r> {
    /// The date.
    pub date: Date,
    /// The rules the parameters come from.
    pub rules: &'r Rules,
    /// The rules' version, shared by every result of the date.
    pub rules_version: Arc<str>,
    /// The K table's name (`sb343`, `former`), shared by every result of the date.
    pub law: Arc<str>,
    /// The K table.
    pub table: &'r KTable,
    /// Its bands, exact.
    pub bands: &'r [ExactBand],
    /// The child multipliers entry.
    pub multipliers_rule: &'r Validity,
    /// The multipliers for 1, 2, ... children, exact.
    pub multipliers: &'r [Exact],
    /// The low-income threshold.
    pub threshold: Threshold<'r>,
    /// The §4061 default split.
    pub add_on_rule: &'r AddOnApportionment,
}

impl<'r> CaliforniaParams<'r> {
    /// Resolves the California rules in force on `date`: an error if the K table, the
    /// multipliers, the low-income method or the add-on rule is not covered; a missing
    /// threshold is not an error (the result reports it).
    pub fn resolve(rules: &'r Rules, date: Date) -> Result<CaliforniaParams<'r>, Error> {
        let ca = &rules.california;
        let table = in_force(&ca.k_tables, "california.k_tables", date)?;
        let multipliers = in_force(&ca.child_multipliers, "california.child_multipliers", date)?;
        let method = in_force(&ca.low_income_method, "california.low_income_method", date)?;
        let add_on_rule = in_force(
            &ca.add_on_apportionment,
            "california.add_on_apportionment",
            date,
        )?;
        // The exact forms are computed once per rule set and kept with it: resolving a date
        // allocates nothing.
        let (law, bands) = table.exact();
        let threshold = match method.method {
            ThresholdMethod::MinimumWage => {
                match ca.minimum_wage.iter().find(|w| w.validity.covers(date)) {
                    Some(wage) => {
                        // Validation guarantees both figures for this method.
                        let hours = Exact::from(method.hours_per_week.unwrap_or_default());
                        let weeks = Exact::from(method.weeks_per_year.unwrap_or_default());
                        let t = Exact::from(wage.hourly) * &hours * &weeks / Exact::int(12);
                        Threshold::MinimumWage {
                            method,
                            wage,
                            hours,
                            weeks,
                            t,
                        }
                    }
                    None => Threshold::Missing {
                        method,
                        rule: "california.minimum_wage",
                    },
                }
            }
            ThresholdMethod::JudicialCouncil => match ca
                .judicial_council_threshold
                .iter()
                .find(|t| t.validity.covers(date))
            {
                Some(t) => Threshold::Fixed {
                    method,
                    validity: &t.validity,
                    t: Exact::from(t.monthly),
                },
                None => Threshold::Missing {
                    method,
                    rule: "california.judicial_council_threshold",
                },
            },
        };
        Ok(CaliforniaParams {
            date,
            rules,
            rules_version: rules.meta.version_shared(),
            law: law.clone(),
            table,
            bands,
            multipliers_rule: &multipliers.validity,
            multipliers: multipliers.exact(),
            threshold,
            add_on_rule,
        })
    }

    /// The K-table band for `tn` (1-based) and the K fraction.
    pub fn fraction(&self, tn: &Exact) -> (u32, &'r KBand, Exact) {
        let last = self.bands.len() - 1;
        let (index, band) = self
            .bands
            .iter()
            .enumerate()
            .find(|(_, b)| b.up_to.as_ref().is_none_or(|u| tn <= u))
            .unwrap_or((last, &self.bands[last]));
        let mut f = band.constant.clone();
        if let Some(c) = &band.per_tn {
            f += tn * c;
        }
        if let Some(num) = &band.over_tn {
            // Validation keeps numerator bands away from the first band, so TN > 0 here.
            if !tn.is_zero() {
                f += num / tn;
            }
        }
        (index as u32 + 1, &self.table.bands[index], f)
    }

    /// The missing-rule report, when the low-income threshold is not known (built only then).
    pub fn missing_rule(&self) -> Option<MissingRule> {
        let Threshold::Missing { rule, .. } = self.threshold else {
            return None;
        };
        let ca = &self.rules.california;
        let (covered, effect) = if rule == "california.minimum_wage" {
            (
                coverage(&ca.minimum_wage),
                "the low-income adjustment (§4055(b)(7)) could not be tested: no state minimum wage is known for the date; load it into the rules to get the range",
            )
        } else {
            (
                coverage(&ca.judicial_council_threshold),
                "the low-income adjustment (former §4055(b)(7)) could not be tested: the Judicial Council threshold for the date is not in the rules",
            )
        };
        Some(MissingRule {
            rule: rule.to_string(),
            date: self.date,
            covered,
            effect: effect.to_string(),
        })
    }
}

/// K for a high earner's time share `h` and fraction `f` (§4055(b)(3)).
pub fn k_value(h: &Exact, f: &Exact) -> Exact {
    if *h <= Exact::HALF {
        (Exact::ONE + h) * f
    } else {
        (Exact::int(2) - h) * f
    }
}
