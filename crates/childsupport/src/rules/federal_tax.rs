//! Federal tax parameters by tax year, for the Texas Attorney General's tax-chart method
//! (Tex. Fam. Code §§154.061(b), 154.062(d)(1)-(2)): standard deduction, personal exemption,
//! brackets for a single filer, the Social Security wage base and rates, Medicare rates and the
//! additional Medicare threshold.
//!
//! Each entry covers one tax year, 1 January to 31 December. A tax year with no entry is an
//! error naming the year and the years covered (spec/README.md: federal tax parameters hold for
//! their tax year only). Named alternative sets (the 2025 15,750 standard deduction) live in
//! `alternative_parameters` and are used only when a caller names them.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::{validate_series, Dated, Validity};
use crate::date::Date;
use crate::error::Error;
use crate::exact::Exact;

/// The federal tax series.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FederalTaxRules {
    /// The default parameters, one entry per tax year.
    pub parameters: Vec<TaxParameters>,
    /// Alternative parameter sets, chosen by name.
    #[serde(default)]
    pub alternative_parameters: Vec<TaxParameters>,
}

/// The parameters of one tax year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TaxParameters {
    /// The tax year: 1 January to 31 December.
    #[serde(flatten)]
    pub validity: Validity,
    /// The set's name (`2025`, `2025_sd_15750`), reported in results.
    pub name: String,
    /// The standard deduction for a single filer.
    #[serde(with = "crate::money::exact")]
    pub standard_deduction: Decimal,
    /// One personal exemption (zero since 2018).
    #[serde(with = "crate::money::exact")]
    pub personal_exemption: Decimal,
    /// Single-filer brackets, in increasing order; the last has no upper edge.
    pub brackets: Vec<Bracket>,
    /// The Social Security (OASDI) wage base.
    #[serde(with = "crate::money::exact")]
    pub social_security_wage_base: Decimal,
    /// The employee Social Security rate (0.062).
    #[serde(with = "crate::money::exact")]
    pub social_security_rate: Decimal,
    /// The employee Medicare rate (0.0145).
    #[serde(with = "crate::money::exact")]
    pub medicare_rate: Decimal,
    /// The additional Medicare rate (0.009).
    #[serde(with = "crate::money::exact")]
    pub additional_medicare_rate: Decimal,
    /// The additional Medicare threshold for a single filer (200,000).
    #[serde(with = "crate::money::exact")]
    pub additional_medicare_threshold: Decimal,
}

/// A bracket: `rate` on taxable income up to `up_to` (inclusive) above the previous edge.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Bracket {
    /// The upper edge; absent for the top bracket.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::money::exact_opt"
    )]
    pub up_to: Option<Decimal>,
    /// The marginal rate.
    #[serde(with = "crate::money::exact")]
    pub rate: Decimal,
}

impl Dated for TaxParameters {
    fn validity(&self) -> &Validity {
        &self.validity
    }
}

impl TaxParameters {
    /// Income tax on `taxable` (negative counts as zero) by these brackets, exact.
    pub fn income_tax(&self, taxable: Decimal) -> Decimal {
        let mut tax = Decimal::ZERO;
        let mut lower = Decimal::ZERO;
        for b in &self.brackets {
            if taxable <= lower {
                break;
            }
            let top = match b.up_to {
                Some(u) => taxable.min(u),
                None => taxable,
            };
            tax += (top - lower) * b.rate;
            match b.up_to {
                Some(u) => lower = u,
                None => break,
            }
        }
        tax
    }
}

/// A tax year's parameters in exact numbers, resolved once (the rates and edges of a
/// [`TaxParameters`] entry as [`Exact`] values).
#[derive(Debug, Clone)]
pub struct ExactTax<'r> {
    /// The entry.
    pub entry: &'r TaxParameters,
    /// Standard deduction + one personal exemption.
    pub deduction: Exact,
    /// Brackets: (upper edge, rate), the last without an edge.
    pub brackets: Vec<(Option<Exact>, Exact)>,
    /// The Social Security wage base.
    pub social_security_wage_base: Exact,
    /// The employee Social Security rate.
    pub social_security_rate: Exact,
    /// The employee Medicare rate.
    pub medicare_rate: Exact,
    /// The additional Medicare rate.
    pub additional_medicare_rate: Exact,
    /// The additional Medicare threshold.
    pub additional_medicare_threshold: Exact,
    /// Per bracket: its lower edge, the monthly rate (rate / 12) and the monthly tax on income
    /// up to the lower edge (tax / 12), so a month's tax is one product and one sum.
    pub monthly_brackets: Vec<(Exact, Exact, Exact)>,
    /// The Social Security rate / 12.
    pub social_security_rate_monthly: Exact,
    /// The Medicare rate / 12.
    pub medicare_rate_monthly: Exact,
    /// The additional Medicare rate / 12.
    pub additional_medicare_rate_monthly: Exact,
}

impl<'r> ExactTax<'r> {
    /// Income tax on `taxable` divided by 12, exact: the tax below the bracket's lower edge / 12
    /// plus (taxable - edge) x rate / 12 (equal to [`ExactTax::income_tax`] / 12).
    pub fn income_tax_monthly(&self, taxable: &Exact) -> Exact {
        if !taxable.is_positive() {
            return Exact::ZERO;
        }
        match self
            .monthly_brackets
            .iter()
            .rev()
            .find(|(lower, _, _)| taxable > lower)
        {
            Some((lower, rate, below)) => below + &(&(taxable - lower) * rate),
            None => Exact::ZERO,
        }
    }

    /// The exact view of `entry`.
    pub fn new(entry: &'r TaxParameters) -> ExactTax<'r> {
        let twelve = Exact::int(12);
        let mut monthly_brackets = Vec::with_capacity(entry.brackets.len());
        let (mut lower, mut below) = (Exact::ZERO, Exact::ZERO);
        for b in &entry.brackets {
            let rate = Exact::from(b.rate);
            monthly_brackets.push((lower.clone(), &rate / &twelve, &below / &twelve));
            if let Some(u) = b.up_to {
                let u = Exact::from(u);
                below += &(&u - &lower) * &rate;
                lower = u;
            }
        }
        ExactTax {
            monthly_brackets,
            social_security_rate_monthly: Exact::from(entry.social_security_rate) / &twelve,
            medicare_rate_monthly: Exact::from(entry.medicare_rate) / &twelve,
            additional_medicare_rate_monthly: Exact::from(entry.additional_medicare_rate) / &twelve,
            entry,
            deduction: Exact::from(entry.standard_deduction)
                + Exact::from(entry.personal_exemption),
            brackets: entry
                .brackets
                .iter()
                .map(|b| (b.up_to.map(Exact::from), Exact::from(b.rate)))
                .collect(),
            social_security_wage_base: Exact::from(entry.social_security_wage_base),
            social_security_rate: Exact::from(entry.social_security_rate),
            medicare_rate: Exact::from(entry.medicare_rate),
            additional_medicare_rate: Exact::from(entry.additional_medicare_rate),
            additional_medicare_threshold: Exact::from(entry.additional_medicare_threshold),
        }
    }

    /// Income tax on `taxable` (zero or below: none), exact.
    pub fn income_tax(&self, taxable: &Exact) -> Exact {
        let mut tax = Exact::ZERO;
        let mut lower = Exact::ZERO;
        for (up_to, rate) in &self.brackets {
            if *taxable <= lower {
                break;
            }
            let top = match up_to {
                Some(u) => taxable.clone().min(u.clone()),
                None => taxable.clone(),
            };
            tax += &(&top - &lower) * rate;
            match up_to {
                Some(u) => lower = u.clone(),
                None => break,
            }
        }
        tax
    }
}

impl FederalTaxRules {
    /// The parameters for `year`: the named alternative set, or the default set. The error
    /// names the year and the years (or sets) the rules have.
    pub fn for_year(&self, year: i32, set: Option<&str>) -> Result<&TaxParameters, Error> {
        let jan1 = Date::new(year, 1, 1)
            .map_err(|_| Error::invalid("tax_year", year, "a year from 1 to 9999"))?;
        match set {
            None => self
                .parameters
                .iter()
                .find(|p| p.validity.covers(jan1))
                .ok_or_else(|| Error::NoRule {
                    rule: "federal_tax.parameters".to_string(),
                    date: jan1,
                    covered: format!(
                        "tax years {} (none for tax year {year})",
                        years(self.parameters.iter())
                    ),
                }),
            Some(name) => {
                let named: Vec<&TaxParameters> = self
                    .parameters
                    .iter()
                    .chain(&self.alternative_parameters)
                    .filter(|p| p.name == name)
                    .collect();
                if named.is_empty() {
                    let mut names: Vec<&str> = self
                        .alternative_parameters
                        .iter()
                        .map(|p| p.name.as_str())
                        .collect();
                    names.dedup();
                    return Err(Error::invalid(
                        "tax_parameter_set",
                        name,
                        format!(
                            "omit it for the default set of the tax year, or one of: {}",
                            if names.is_empty() {
                                "(no alternative sets in the rules)".to_string()
                            } else {
                                names.join(", ")
                            }
                        ),
                    ));
                }
                named
                    .iter()
                    .find(|p| p.validity.covers(jan1))
                    .copied()
                    .ok_or_else(|| Error::NoRule {
                        rule: "federal_tax.alternative_parameters".to_string(),
                        date: jan1,
                        covered: format!(
                            "tax years {} for set {name:?} (none for tax year {year})",
                            years(named.iter().copied())
                        ),
                    })
            }
        }
    }

    /// Checks each series: one calendar year per entry, brackets in order, rates in range.
    pub fn validate(&self) -> Result<(), Error> {
        validate_series(&self.parameters, "federal_tax.parameters")?;
        let mut names: Vec<&str> = self
            .alternative_parameters
            .iter()
            .map(|p| p.name.as_str())
            .collect();
        names.sort_unstable();
        names.dedup();
        for name in names {
            let group: Vec<TaxParameters> = self
                .alternative_parameters
                .iter()
                .filter(|p| p.name == name)
                .cloned()
                .collect();
            validate_series(
                &group,
                &format!("federal_tax.alternative_parameters[name = {name:?}]"),
            )?;
        }
        for (series, list) in [
            ("federal_tax.parameters", &self.parameters),
            (
                "federal_tax.alternative_parameters",
                &self.alternative_parameters,
            ),
        ] {
            for (i, p) in list.iter().enumerate() {
                check_entry(&format!("{series}[{i}]"), p)?;
            }
        }
        Ok(())
    }
}

fn years<'a>(list: impl Iterator<Item = &'a TaxParameters>) -> String {
    let ys: Vec<String> = list
        .map(|p| p.validity.effective_from.year().to_string())
        .collect();
    if ys.is_empty() {
        "(none)".to_string()
    } else {
        ys.join(", ")
    }
}

fn check_entry(at: &str, p: &TaxParameters) -> Result<(), Error> {
    let v = &p.validity;
    let year = v.effective_from.year();
    let is_year = v.effective_from.month() == 1
        && v.effective_from.day() == 1
        && v.effective_through
            .is_some_and(|t| t.year() == year && t.month() == 12 && t.day() == 31);
    if !is_year {
        return Err(Error::rules(
            at,
            "an entry covers one tax year: effective_from YYYY-01-01 and effective_through YYYY-12-31",
        ));
    }
    if p.name.trim().is_empty() {
        return Err(Error::rules(format!("{at}.name"), "must not be empty"));
    }
    for (field, value) in [
        ("standard_deduction", p.standard_deduction),
        ("personal_exemption", p.personal_exemption),
        ("social_security_wage_base", p.social_security_wage_base),
        (
            "additional_medicare_threshold",
            p.additional_medicare_threshold,
        ),
    ] {
        if value < Decimal::ZERO {
            return Err(Error::rules(
                format!("{at}.{field}"),
                "must not be negative",
            ));
        }
    }
    for (field, value) in [
        ("social_security_rate", p.social_security_rate),
        ("medicare_rate", p.medicare_rate),
        ("additional_medicare_rate", p.additional_medicare_rate),
    ] {
        if value < Decimal::ZERO || value > Decimal::ONE {
            return Err(Error::rules(
                format!("{at}.{field}"),
                "must be a fraction from 0 to 1",
            ));
        }
    }
    if p.brackets.is_empty() {
        return Err(Error::rules(format!("{at}.brackets"), "has no brackets"));
    }
    let mut lower = Decimal::ZERO;
    for (j, b) in p.brackets.iter().enumerate() {
        let last = j + 1 == p.brackets.len();
        let here = format!("{at}.brackets[{j}]");
        if b.rate < Decimal::ZERO || b.rate > Decimal::ONE {
            return Err(Error::rules(here, "rate must be a fraction from 0 to 1"));
        }
        match (b.up_to, last) {
            (None, false) => {
                return Err(Error::rules(here, "only the last bracket may omit up_to"))
            }
            (Some(_), true) => {
                return Err(Error::rules(
                    here,
                    "the last bracket must omit up_to (it covers every larger income)",
                ))
            }
            (Some(u), false) if u <= lower => {
                return Err(Error::rules(here, "up_to must be positive and increase"))
            }
            (Some(u), false) => lower = u,
            (None, true) => {}
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::Rules;

    fn dec(s: &str) -> Decimal {
        Decimal::from_str_exact(s).unwrap()
    }

    /// The embedded 2024 parameters as an entry of `series`, named `name`, with `from` replaced
    /// by `to`.
    fn entry_2024(series: &str, name: &str, from: &str, to: &str) -> String {
        let text = include_str!("../../rules/federal_tax.toml");
        let start = text.find("[[federal_tax.parameters]]").unwrap();
        let end = start + 1 + text[start + 1..].find("[[").unwrap();
        text[start..end]
            .replace(
                "[[federal_tax.parameters]]",
                &format!("[[federal_tax.{series}]]"),
            )
            .replace("name = \"2024\"", &format!("name = \"{name}\""))
            .replace(from, to)
    }

    #[test]
    fn an_entry_covers_one_tax_year_and_alternatives_are_grouped_by_name() {
        let through = "effective_through = \"2024-12-31\"";
        Rules::from_toml_str(&entry_2024("parameters", "2024", "", "")).unwrap();
        for bad in [
            "effective_through = \"2024-12-30\"",
            "effective_through = \"2024-11-30\"",
            "effective_through = \"2025-12-31\"",
        ] {
            let err =
                Rules::from_toml_str(&entry_2024("parameters", "2024", through, bad)).unwrap_err();
            assert_eq!(err.field(), Some("federal_tax.parameters[0]"), "{bad}");
        }
        // Rates from 0 to 1, amounts of 0 or more, brackets rising from above 0 with only the
        // last open.
        let p = |from: &str, to: &str| {
            Rules::from_toml_str(&entry_2024("parameters", "2024", from, to))
        };
        let medicare = "medicare_rate = \"0.0145\"";
        let top = "{ rate = \"0.37\" }";
        let first = "{ up_to = \"11600\", rate = \"0.10\" }";
        for (from, to) in [
            (medicare, "medicare_rate = \"0\""),
            (medicare, "medicare_rate = \"1\""),
            (top, "{ rate = \"1\" }"),
            (top, "{ rate = \"0\" }"),
            (
                "standard_deduction = \"14600\"",
                "standard_deduction = \"0\"",
            ),
        ] {
            p(from, to).unwrap();
        }
        for (from, to, at) in [
            (
                medicare,
                "medicare_rate = \"-0.01\"",
                "federal_tax.parameters[0].medicare_rate",
            ),
            (
                medicare,
                "medicare_rate = \"1.01\"",
                "federal_tax.parameters[0].medicare_rate",
            ),
            (
                top,
                "{ rate = \"1.01\" }",
                "federal_tax.parameters[0].brackets[6]",
            ),
            (
                top,
                "{ rate = \"-0.01\" }",
                "federal_tax.parameters[0].brackets[6]",
            ),
            (
                "standard_deduction = \"14600\"",
                "standard_deduction = \"-1\"",
                "federal_tax.parameters[0].standard_deduction",
            ),
            (
                first,
                "{ up_to = \"0\", rate = \"0.10\" }",
                "federal_tax.parameters[0].brackets[0]",
            ),
            (
                first,
                "{ rate = \"0.10\" }",
                "federal_tax.parameters[0].brackets[0]",
            ),
            (
                "{ up_to = \"47150\", rate = \"0.12\" }",
                "{ up_to = \"11600\", rate = \"0.12\" }",
                "federal_tax.parameters[0].brackets[1]",
            ),
            (
                top,
                "{ up_to = \"700000\", rate = \"0.37\" }",
                "federal_tax.parameters[0].brackets[6]",
            ),
        ] {
            let err = p(from, to).unwrap_err();
            assert_eq!(err.field(), Some(at), "{to}: {err}");
        }
        // Three alternative sets for the same year, each its own series by name: accepted.
        let three: String = ["a", "b", "c"]
            .iter()
            .map(|n| entry_2024("alternative_parameters", n, "", ""))
            .collect();
        Rules::from_toml_str(&three).unwrap();
        // Two of one name for the same year overlap.
        let twice = entry_2024("alternative_parameters", "a", "", "")
            + &entry_2024("alternative_parameters", "a", "", "");
        let err = Rules::from_toml_str(&twice).unwrap_err();
        assert!(err.to_string().contains("name = \"a\""), "{err}");
    }

    #[test]
    fn brackets_tax_progressively() {
        let fed = &Rules::embedded().federal_tax;
        let p2026 = fed.for_year(2026, None).unwrap();
        // spec/texas.md §4.4: 2026, 6,000/month: (72,000 - 16,100) = 55,900 taxable;
        // 1,240 + 0.12 x 38,000 + 0.22 x 5,500 = 7,010 -> 584.17/month.
        assert_eq!(p2026.income_tax(dec("55900")), dec("7010"));
        assert_eq!(p2026.income_tax(dec("-5")), Decimal::ZERO);
        assert_eq!(p2026.income_tax(dec("12400")), dec("1240"));
        let x = ExactTax::new(p2026);
        assert_eq!(x.income_tax(&Exact::int(55900)), Exact::int(7010));
        assert_eq!(x.income_tax(&Exact::int(-5)), Exact::ZERO);
        assert_eq!(x.deduction, Exact::int(16100));
        for t in [0, 1, 12400, 12401, 55900, 105700, 300000, 700000, 1_000_000] {
            let t = Exact::int(t);
            assert_eq!(x.income_tax_monthly(&t), x.income_tax(&t) / Exact::int(12));
        }
    }

    #[test]
    fn a_missing_year_names_the_year_and_the_covered_years() {
        let err = Rules::embedded()
            .federal_tax
            .for_year(2023, None)
            .unwrap_err();
        let text = err.to_string();
        assert!(text.contains("tax year 2023"), "{text}");
        assert!(text.contains("2024, 2025, 2026"), "{text}");
        assert_eq!(err.code(), crate::error::ErrorCode::NoRule);
    }

    #[test]
    fn the_2025_alternative_is_chosen_by_name() {
        let fed = &Rules::embedded().federal_tax;
        assert_eq!(
            fed.for_year(2025, None).unwrap().standard_deduction,
            dec("15000")
        );
        assert_eq!(
            fed.for_year(2025, Some("2025_sd_15750"))
                .unwrap()
                .standard_deduction,
            dec("15750")
        );
        assert_eq!(
            fed.for_year(2025, Some("nope")).unwrap_err().field(),
            Some("tax_parameter_set")
        );
        assert!(matches!(
            fed.for_year(2026, Some("2025_sd_15750")),
            Err(Error::NoRule { .. })
        ));
    }

    #[test]
    fn an_entry_must_cover_one_calendar_year() {
        let doc = r#"
            [[federal_tax.parameters]]
            effective_from = "2027-02-01"
            effective_through = "2027-12-31"
            name = "2027"
            standard_deduction = "1"
            personal_exemption = "0"
            brackets = [{ rate = "0.1" }]
            social_security_wage_base = "1"
            social_security_rate = "0.062"
            medicare_rate = "0.0145"
            additional_medicare_rate = "0.009"
            additional_medicare_threshold = "200000"
            citation = "test"
            status = "UNVERIFIED"
        "#;
        let err = Rules::from_toml_str(doc).unwrap_err();
        assert_eq!(err.field(), Some("federal_tax.parameters[0]"));
    }
}
