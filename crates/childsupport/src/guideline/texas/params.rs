//! The Texas rules in force on one date, resolved once and reused for every case of that date:
//! the cap, the schedules, the §154.129 table, the §154.068 presumed wage, the medical and dental
//! rates, the self-employed method, the age of majority and the tax year's federal parameters,
//! all in exact numbers.
//!
//! The cap and the standard schedule are required (resolving fails without them); every other
//! series is looked up here and reported missing only by a case that needs it.

use std::borrow::Cow;

use crate::date::Date;
use crate::error::Error;
use crate::exact::Exact;
use crate::rules::federal_tax::ExactTax;
use crate::rules::texas::{
    AgeOfMajority, LowIncomeSchedule, MinimumWagePresumption, MultipleHouseholdTable,
    NetResourcesCap, ReasonableCost, Schedule, SelfEmployedMethod,
};
use crate::rules::{coverage, in_force, MissingRule, Rules};

/// A reasonable-cost rate in force, exact.
#[derive(Debug, Clone)]
pub struct Rate<'r> {
    /// The entry.
    pub rule: &'r ReasonableCost,
    /// The rate.
    pub rate: Exact,
}

/// The low-income schedule in force, exact.
#[derive(Debug, Clone)]
pub struct LowIncome<'r> {
    /// The entry.
    pub rule: &'r LowIncomeSchedule,
    /// Net resources strictly below it use this schedule.
    pub below: Exact,
    /// Fractions for 1 to 5 children.
    pub percentages: [Exact; 5],
}

/// The §154.068 presumed wage in force, exact.
#[derive(Debug, Clone)]
pub struct Presumption<'r> {
    /// The entry.
    pub rule: &'r MinimumWagePresumption,
    /// Hourly wage x hours a week x weeks a year.
    pub annual: Exact,
}

/// The self-employed method in force, exact.
#[derive(Debug, Clone)]
pub struct SelfEmployed<'r> {
    /// The entry.
    pub rule: &'r SelfEmployedMethod,
    /// The share of net self-employment income subject to self-employment tax.
    pub earnings_fraction: Exact,
}

/// The Texas rules in force on one date.
#[derive(Debug, Clone)]
pub struct TexasParams<'r> {
    /// The date (the order date, or the calculation date of a net-resources request).
    pub date: Date,
    /// The rules the parameters come from.
    pub rules: &'r Rules,
    /// The cap entry (always present when resolved for a guideline).
    pub cap_rule: Option<&'r NetResourcesCap>,
    /// The cap on monthly net resources (zero when no cap is known).
    pub cap: Exact,
    /// The cap, in cents.
    pub cap_money: crate::money::Money,
    /// The standard schedule entry (always present when resolved for a guideline).
    pub schedule_rule: Option<&'r Schedule>,
    /// Standard fractions for 1 to 5 children.
    pub standard: [Exact; 5],
    /// The low-income schedule, when one is in force.
    pub low_income: Option<LowIncome<'r>>,
    /// The §154.129 table, when one is in force.
    pub table_rule: Option<&'r MultipleHouseholdTable>,
    /// Its cells as fractions (percent / 100): row = other children, column = children before
    /// the court - 1.
    pub table: Vec<Vec<Exact>>,
    /// The §154.068 presumed wage, when known.
    pub presumption: Option<Presumption<'r>>,
    /// The health reasonable-cost rate, when known.
    pub health: Option<Rate<'r>>,
    /// The dental reasonable-cost rate, when known.
    pub dental: Option<Rate<'r>>,
    /// The self-employed method, when known.
    pub self_employed: Option<SelfEmployed<'r>>,
    /// The age at which support for a child ends, when known.
    pub age_of_majority: Option<&'r AgeOfMajority>,
    /// The federal tax parameters of the date's calendar year (the default set), when known.
    pub tax: Option<ExactTax<'r>>,
}

fn five(list: &[rust_decimal::Decimal]) -> [Exact; 5] {
    // Validation guarantees five percentages.
    let mut out = [Exact::ZERO; 5];
    for (o, p) in out.iter_mut().zip(list) {
        *o = Exact::from(*p);
    }
    out
}

impl<'r> TexasParams<'r> {
    /// Resolves the Texas rules in force on `date`: an error if the cap or the standard
    /// schedule is not covered; other series are resolved when present.
    pub fn resolve(rules: &'r Rules, date: Date) -> Result<TexasParams<'r>, Error> {
        let tx = &rules.texas;
        in_force(&tx.net_resources_cap, "texas.net_resources_cap", date)?;
        in_force(&tx.schedule, "texas.schedule", date)?;
        Ok(TexasParams::resolve_for_net_resources(rules, date))
    }

    /// Resolves what the rules have for `date` without requiring the guideline's cap and
    /// schedule (a net-resources calculation alone).
    pub fn resolve_for_net_resources(rules: &'r Rules, date: Date) -> TexasParams<'r> {
        let tx = &rules.texas;
        let cap_rule = tx
            .net_resources_cap
            .iter()
            .find(|c| c.validity.covers(date));
        let schedule_rule = tx.schedule.iter().find(|c| c.validity.covers(date));
        let table_rule = tx
            .multiple_household_table
            .iter()
            .find(|t| t.validity.covers(date));
        let table = table_rule.map_or_else(Vec::new, |t| {
            t.percent_rows
                .iter()
                .map(|row| {
                    row.0
                        .iter()
                        .map(|p| Exact::from(*p) / Exact::int(100))
                        .collect()
                })
                .collect()
        });
        let rate = |series: &'r [ReasonableCost]| {
            series
                .iter()
                .find(|r| r.validity.covers(date))
                .map(|rule| Rate {
                    rule,
                    rate: Exact::from(rule.rate),
                })
        };
        TexasParams {
            date,
            rules,
            cap_rule,
            cap: cap_rule.map_or(Exact::ZERO, |c| Exact::from(c.monthly)),
            cap_money: cap_rule.map_or(crate::money::Money::ZERO, |c| {
                crate::money::Money::round(c.monthly)
            }),
            schedule_rule,
            standard: schedule_rule.map_or([Exact::ZERO; 5], |s| five(&s.percentages)),
            low_income: tx
                .low_income_schedule
                .iter()
                .find(|l| l.validity.covers(date))
                .map(|rule| LowIncome {
                    rule,
                    below: Exact::from(rule.below),
                    percentages: five(&rule.percentages),
                }),
            table_rule,
            table,
            presumption: tx
                .minimum_wage_presumption
                .iter()
                .find(|p| p.validity.covers(date))
                .map(|rule| Presumption {
                    rule,
                    annual: Exact::from(rule.hourly)
                        * Exact::from(rule.hours_per_week)
                        * Exact::from(rule.weeks_per_year),
                }),
            health: rate(&tx.health_reasonable_cost),
            dental: rate(&tx.dental_reasonable_cost),
            self_employed: tx
                .self_employed_method
                .iter()
                .find(|m| m.validity.covers(date))
                .map(|rule| SelfEmployed {
                    rule,
                    earnings_fraction: Exact::from(rule.earnings_fraction),
                }),
            age_of_majority: tx.age_of_majority.iter().find(|a| a.validity.covers(date)),
            tax: rules
                .federal_tax
                .for_year(date.year(), None)
                .ok()
                .map(ExactTax::new),
        }
    }

    /// The tax parameters for `year` and the named set: the resolved ones when they are the
    /// date's default, else looked up (an error naming the year or the set).
    pub fn tax_for(&self, year: i32, set: Option<&str>) -> Result<Cow<'_, ExactTax<'r>>, Error> {
        if set.is_none() && year == self.date.year() {
            if let Some(t) = &self.tax {
                return Ok(Cow::Borrowed(t));
            }
        }
        self.rules
            .federal_tax
            .for_year(year, set)
            .map(|t| Cow::Owned(ExactTax::new(t)))
    }

    /// The error for a series the case needs and the date does not cover.
    pub fn no_rule<T: crate::rules::Dated>(&self, series: &[T], rule: &str) -> Error {
        match in_force(series, rule, self.date) {
            Err(e) => e,
            Ok(_) => Error::NoRule {
                rule: rule.to_string(),
                date: self.date,
                covered: coverage(series),
            },
        }
    }

    /// The missing-rule report for a medical or dental rate (built only when one is missing).
    pub fn missing_rate(&self, dental: bool) -> MissingRule {
        let tx = &self.rules.texas;
        let (rule, series, effect) = if dental {
            (
                "texas.dental_reasonable_cost",
                &tx.dental_reasonable_cost,
                "the dental reasonable-cost cap is not known for the date: dental support is not computed",
            )
        } else {
            (
                "texas.health_reasonable_cost",
                &tx.health_reasonable_cost,
                "the health reasonable-cost cap is not known for the date: health support is not computed",
            )
        };
        MissingRule {
            rule: rule.to_string(),
            date: self.date,
            covered: coverage(series),
            effect: effect.to_string(),
        }
    }
}

/// The exact value of a decimal; a whole number is taken without reducing a fraction.
pub(crate) fn exact_of(value: rust_decimal::Decimal) -> Exact {
    if value.scale() == 0 {
        if let Ok(n) = i64::try_from(value.mantissa()) {
            return Exact::int(n);
        }
    }
    Exact::from(value)
}
