//! Tax parameters for California net disposable income from gross (Fam. Code §4059(a), (b),
//! (d)): federal income tax by filing status (26 U.S.C. §§1, 24, 32, 63, 199A), FICA and SECA
//! (26 U.S.C. §§1401, 1402, 3101, 3121), California personal income tax (R&TC §§17041, 17043,
//! 17054, 17054.1, 17073.5, 17053.5) and State Disability Insurance (UIC §984).
//!
//! Four series, each keyed by tax year (one entry = 1 January to 31 December of one year):
//! `california_income.federal`, `.payroll`, `.sdi` and `.california`. A tax year with no entry
//! is an error naming the series and the years covered; a county loads next year's figures by
//! replacing a series (see [`crate::rules`]). These are California's own copies: the Texas
//! tax-chart series (`federal_tax`) keeps its own 2025 reading.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::{validate_series, Dated, Validity};
use crate::date::Date;
use crate::error::Error;

/// The California income series.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CaliforniaIncomeRules {
    /// Federal income tax, one entry per tax year.
    pub federal: Vec<FederalYear>,
    /// FICA and self-employment tax, one entry per tax year.
    pub payroll: Vec<PayrollYear>,
    /// California State Disability Insurance, one entry per tax year.
    pub sdi: Vec<SdiYear>,
    /// California personal income tax, one entry per tax year.
    pub california: Vec<CaliforniaYear>,
}

/// An amount for each filing status (a qualifying surviving spouse uses `mfj`).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ByStatus {
    /// Single.
    #[serde(with = "crate::money::exact")]
    pub single: Decimal,
    /// Married filing jointly (and qualifying surviving spouse).
    #[serde(with = "crate::money::exact")]
    pub mfj: Decimal,
    /// Married filing separately.
    #[serde(with = "crate::money::exact")]
    pub mfs: Decimal,
    /// Head of household.
    #[serde(with = "crate::money::exact")]
    pub hoh: Decimal,
}

/// Federal income tax parameters of one tax year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FederalYear {
    /// The tax year and its citation.
    #[serde(flatten)]
    pub validity: Validity,
    /// The marginal rates, lowest first (one more than the edges).
    #[serde(with = "crate::money::exact_vec")]
    pub rates: Vec<Decimal>,
    /// Upper edges of taxable income for each rate but the last, single.
    #[serde(with = "crate::money::exact_vec")]
    pub single: Vec<Decimal>,
    /// The same, married filing jointly.
    #[serde(with = "crate::money::exact_vec")]
    pub mfj: Vec<Decimal>,
    /// The same, married filing separately.
    #[serde(with = "crate::money::exact_vec")]
    pub mfs: Vec<Decimal>,
    /// The same, head of household.
    #[serde(with = "crate::money::exact_vec")]
    pub hoh: Vec<Decimal>,
    /// Basic standard deduction (26 U.S.C. §63(c)).
    pub standard_deduction: ByStatus,
    /// Child tax credit per qualifying child (§24(h)(2)).
    #[serde(with = "crate::money::exact")]
    pub ctc_per_child: Decimal,
    /// Credit for other dependents, each (§24(h)(4)).
    #[serde(with = "crate::money::exact")]
    pub odc_per_dependent: Decimal,
    /// Modified AGI above which the credit phases out (§24(b)(2), (h)(3)).
    pub ctc_phaseout_threshold: ByStatus,
    /// Reduction per 1,000 (or fraction) of modified AGI over the threshold (§24(b)(1)).
    #[serde(with = "crate::money::exact")]
    pub ctc_phaseout_per_1000: Decimal,
    /// Refundable portion cap per qualifying child (§24(h)(5)).
    #[serde(with = "crate::money::exact")]
    pub actc_cap_per_child: Decimal,
    /// Refundable portion rate on earned income above the floor (§24(d)(1)(B)(i)).
    #[serde(with = "crate::money::exact")]
    pub actc_rate: Decimal,
    /// Earned income floor for the refundable portion (§24(h)(6)).
    #[serde(with = "crate::money::exact")]
    pub actc_earned_floor: Decimal,
    /// Earned income credit percentage for 0, 1, 2, 3+ children (§32(b)(1)).
    #[serde(with = "crate::money::exact_vec")]
    pub eitc_credit_rate: Vec<Decimal>,
    /// Earned income credit phase-out percentage for 0, 1, 2, 3+ children.
    #[serde(with = "crate::money::exact_vec")]
    pub eitc_phaseout_rate: Vec<Decimal>,
    /// Maximum earned income credit for 0, 1, 2, 3+ children.
    #[serde(with = "crate::money::exact_vec")]
    pub eitc_max_credit: Vec<Decimal>,
    /// Phase-out start for 0, 1, 2, 3+ children, returns other than joint.
    #[serde(with = "crate::money::exact_vec")]
    pub eitc_phaseout_start: Vec<Decimal>,
    /// Phase-out start for 0, 1, 2, 3+ children, joint returns.
    #[serde(with = "crate::money::exact_vec")]
    pub eitc_phaseout_start_mfj: Vec<Decimal>,
    /// Disqualified investment income limit (§32(i)).
    #[serde(with = "crate::money::exact")]
    pub eitc_investment_limit: Decimal,
    /// Qualified business income deduction rate (§199A).
    #[serde(with = "crate::money::exact")]
    pub qbi_rate: Decimal,
    /// Taxable income at or below which the plain 20% QBI deduction applies; absent: the year's
    /// threshold is not known (a self-employed parent needs a tax figure or the option off).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub qbi_threshold: Option<ByStatus>,
}

/// FICA and self-employment tax parameters of one tax year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PayrollYear {
    /// The tax year and its citation.
    #[serde(flatten)]
    pub validity: Validity,
    /// Employee OASDI rate (§3101(a)).
    #[serde(with = "crate::money::exact")]
    pub social_security_rate: Decimal,
    /// OASDI contribution and benefit base (§3121(a)(1)).
    #[serde(with = "crate::money::exact")]
    pub social_security_wage_base: Decimal,
    /// Employee Medicare rate (§3101(b)(1)).
    #[serde(with = "crate::money::exact")]
    pub medicare_rate: Decimal,
    /// Additional Medicare rate (§3101(b)(2)).
    #[serde(with = "crate::money::exact")]
    pub additional_medicare_rate: Decimal,
    /// Additional Medicare threshold by filing status (§3101(b)(2)).
    pub additional_medicare_threshold: ByStatus,
    /// Self-employment OASDI rate (§1401(a)).
    #[serde(with = "crate::money::exact")]
    pub se_social_security_rate: Decimal,
    /// Self-employment Medicare rate (§1401(b)).
    #[serde(with = "crate::money::exact")]
    pub se_medicare_rate: Decimal,
    /// Share of net profit that is net earnings from self-employment (§1402(a)(12)).
    #[serde(with = "crate::money::exact")]
    pub se_earnings_factor: Decimal,
    /// Net earnings below which there is no self-employment tax (§1402(b)).
    #[serde(with = "crate::money::exact")]
    pub se_minimum: Decimal,
}

/// State Disability Insurance of one tax year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SdiYear {
    /// The tax year and its citation.
    #[serde(flatten)]
    pub validity: Validity,
    /// Employee contribution rate (UIC §984).
    #[serde(with = "crate::money::exact")]
    pub rate: Decimal,
    /// Taxable wage ceiling; absent: none (from 2024, SB 951).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::money::exact_opt"
    )]
    pub wage_ceiling: Option<Decimal>,
}

/// California personal income tax parameters of one tax year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CaliforniaYear {
    /// The tax year and its citation.
    #[serde(flatten)]
    pub validity: Validity,
    /// The marginal rates, lowest first (one more than the edges).
    #[serde(with = "crate::money::exact_vec")]
    pub rates: Vec<Decimal>,
    /// Schedule X (single and married filing separately): upper edges.
    #[serde(with = "crate::money::exact_vec")]
    pub single: Vec<Decimal>,
    /// Schedule Y (married filing jointly, qualifying surviving spouse): upper edges.
    #[serde(with = "crate::money::exact_vec")]
    pub mfj: Vec<Decimal>,
    /// Schedule Z (head of household): upper edges.
    #[serde(with = "crate::money::exact_vec")]
    pub hoh: Vec<Decimal>,
    /// Standard deduction (R&TC §17073.5).
    pub standard_deduction: ByStatus,
    /// Personal exemption credit, each (R&TC §17054(a), (b)).
    #[serde(with = "crate::money::exact")]
    pub personal_credit: Decimal,
    /// Dependent exemption credit, each (R&TC §17054(d)).
    #[serde(with = "crate::money::exact")]
    pub dependent_credit: Decimal,
    /// Federal AGI above which the credits phase out (R&TC §17054.1).
    pub credit_phaseout_threshold: ByStatus,
    /// Reduction per credit for each step (or fraction) of AGI above the threshold.
    #[serde(with = "crate::money::exact")]
    pub credit_phaseout_reduction: Decimal,
    /// The step, returns other than married filing separately.
    #[serde(with = "crate::money::exact")]
    pub credit_phaseout_step: Decimal,
    /// The step, married filing separately.
    #[serde(with = "crate::money::exact")]
    pub credit_phaseout_step_mfs: Decimal,
    /// Mental Health (Behavioral Health) Services Tax rate (R&TC §17043).
    #[serde(with = "crate::money::exact")]
    pub mental_health_rate: Decimal,
    /// Taxable income above which it applies.
    #[serde(with = "crate::money::exact")]
    pub mental_health_threshold: Decimal,
    /// Nonrefundable renter's credit (R&TC §17053.5).
    pub renter_credit: ByStatus,
    /// California AGI limit for the renter's credit.
    pub renter_agi_limit: ByStatus,
}

dated!(FederalYear, PayrollYear, SdiYear, CaliforniaYear);

/// The entry of `series` for tax `year`, or an error naming the series, the year and the years
/// covered.
pub fn for_year<'a, T: Dated>(series: &'a [T], rule: &str, year: i32) -> Result<&'a T, Error> {
    let jan1 = Date::new(year, 1, 1)
        .map_err(|_| Error::invalid("tax_year", year, "a year from 1 to 9999"))?;
    series
        .iter()
        .find(|e| e.validity().covers(jan1))
        .ok_or_else(|| {
            let ys: Vec<String> = series
                .iter()
                .map(|e| e.validity().effective_from.year().to_string())
                .collect();
            Error::NoRule {
                rule: rule.to_string(),
                date: jan1,
                covered: format!(
                    "tax years {} (none for tax year {year})",
                    if ys.is_empty() {
                        "(none)".to_string()
                    } else {
                        ys.join(", ")
                    }
                ),
            }
        })
}

fn check_year(at: &str, v: &Validity) -> Result<(), Error> {
    let year = v.effective_from.year();
    let ok = v.effective_from.month() == 1
        && v.effective_from.day() == 1
        && v.effective_through
            .is_some_and(|t| t.year() == year && t.month() == 12 && t.day() == 31);
    if ok {
        Ok(())
    } else {
        Err(Error::rules(
            at,
            "an entry covers one tax year: effective_from YYYY-01-01 and effective_through YYYY-12-31",
        ))
    }
}

fn check_rate(at: &str, r: Decimal) -> Result<(), Error> {
    if r < Decimal::ZERO || r > Decimal::ONE {
        return Err(Error::rules(at, format!("{r} is not a rate from 0 to 1")));
    }
    Ok(())
}

fn check_amount(at: &str, a: Decimal) -> Result<(), Error> {
    if a < Decimal::ZERO {
        return Err(Error::rules(at, format!("{a} is below zero")));
    }
    Ok(())
}

fn check_status(at: &str, b: &ByStatus) -> Result<(), Error> {
    for (k, v) in [
        ("single", b.single),
        ("mfj", b.mfj),
        ("mfs", b.mfs),
        ("hoh", b.hoh),
    ] {
        check_amount(&format!("{at}.{k}"), v)?;
    }
    Ok(())
}

fn check_schedule(at: &str, rates: &[Decimal], edges: &[(&str, &[Decimal])]) -> Result<(), Error> {
    if rates.is_empty() {
        return Err(Error::rules(format!("{at}.rates"), "must not be empty"));
    }
    for (i, r) in rates.iter().enumerate() {
        check_rate(&format!("{at}.rates[{i}]"), *r)?;
    }
    for (name, list) in edges {
        if list.len() + 1 != rates.len() {
            return Err(Error::rules(
                format!("{at}.{name}"),
                format!(
                    "{} edges for {} rates: give one edge fewer than rates (the top rate has none)",
                    list.len(),
                    rates.len()
                ),
            ));
        }
        let mut prev = Decimal::ZERO;
        for (i, e) in list.iter().enumerate() {
            if *e <= prev {
                return Err(Error::rules(
                    format!("{at}.{name}[{i}]"),
                    "edges must be above zero and increasing",
                ));
            }
            prev = *e;
        }
    }
    Ok(())
}

fn check_four(at: &str, list: &[Decimal], rate: bool) -> Result<(), Error> {
    if list.len() != 4 {
        return Err(Error::rules(
            at,
            "four values: for 0, 1, 2, and 3 or more qualifying children",
        ));
    }
    for (i, v) in list.iter().enumerate() {
        if rate {
            check_rate(&format!("{at}[{i}]"), *v)?;
        } else {
            check_amount(&format!("{at}[{i}]"), *v)?;
        }
    }
    Ok(())
}

impl CaliforniaIncomeRules {
    /// Checks each series: one tax year per entry, in order; schedules with increasing edges;
    /// rates from 0 to 1; amounts not below zero.
    pub fn validate(&self) -> Result<(), Error> {
        validate_series(&self.federal, "california_income.federal")?;
        validate_series(&self.payroll, "california_income.payroll")?;
        validate_series(&self.sdi, "california_income.sdi")?;
        validate_series(&self.california, "california_income.california")?;
        for (i, f) in self.federal.iter().enumerate() {
            let at = format!("california_income.federal[{i}]");
            check_year(&at, &f.validity)?;
            check_schedule(
                &at,
                &f.rates,
                &[
                    ("single", &f.single),
                    ("mfj", &f.mfj),
                    ("mfs", &f.mfs),
                    ("hoh", &f.hoh),
                ],
            )?;
            check_status(&format!("{at}.standard_deduction"), &f.standard_deduction)?;
            check_status(
                &format!("{at}.ctc_phaseout_threshold"),
                &f.ctc_phaseout_threshold,
            )?;
            for (k, v) in [
                ("ctc_per_child", f.ctc_per_child),
                ("odc_per_dependent", f.odc_per_dependent),
                ("ctc_phaseout_per_1000", f.ctc_phaseout_per_1000),
                ("actc_cap_per_child", f.actc_cap_per_child),
                ("actc_earned_floor", f.actc_earned_floor),
                ("eitc_investment_limit", f.eitc_investment_limit),
            ] {
                check_amount(&format!("{at}.{k}"), v)?;
            }
            check_rate(&format!("{at}.actc_rate"), f.actc_rate)?;
            check_rate(&format!("{at}.qbi_rate"), f.qbi_rate)?;
            check_four(&format!("{at}.eitc_credit_rate"), &f.eitc_credit_rate, true)?;
            check_four(
                &format!("{at}.eitc_phaseout_rate"),
                &f.eitc_phaseout_rate,
                true,
            )?;
            check_four(&format!("{at}.eitc_max_credit"), &f.eitc_max_credit, false)?;
            check_four(
                &format!("{at}.eitc_phaseout_start"),
                &f.eitc_phaseout_start,
                false,
            )?;
            check_four(
                &format!("{at}.eitc_phaseout_start_mfj"),
                &f.eitc_phaseout_start_mfj,
                false,
            )?;
            if let Some(q) = &f.qbi_threshold {
                check_status(&format!("{at}.qbi_threshold"), q)?;
            }
        }
        for (i, p) in self.payroll.iter().enumerate() {
            let at = format!("california_income.payroll[{i}]");
            check_year(&at, &p.validity)?;
            for (k, v) in [
                ("social_security_rate", p.social_security_rate),
                ("medicare_rate", p.medicare_rate),
                ("additional_medicare_rate", p.additional_medicare_rate),
                ("se_social_security_rate", p.se_social_security_rate),
                ("se_medicare_rate", p.se_medicare_rate),
                ("se_earnings_factor", p.se_earnings_factor),
            ] {
                check_rate(&format!("{at}.{k}"), v)?;
            }
            check_amount(
                &format!("{at}.social_security_wage_base"),
                p.social_security_wage_base,
            )?;
            check_amount(&format!("{at}.se_minimum"), p.se_minimum)?;
            check_status(
                &format!("{at}.additional_medicare_threshold"),
                &p.additional_medicare_threshold,
            )?;
        }
        for (i, s) in self.sdi.iter().enumerate() {
            let at = format!("california_income.sdi[{i}]");
            check_year(&at, &s.validity)?;
            check_rate(&format!("{at}.rate"), s.rate)?;
            if let Some(c) = s.wage_ceiling {
                check_amount(&format!("{at}.wage_ceiling"), c)?;
            }
        }
        for (i, c) in self.california.iter().enumerate() {
            let at = format!("california_income.california[{i}]");
            check_year(&at, &c.validity)?;
            check_schedule(
                &at,
                &c.rates,
                &[("single", &c.single), ("mfj", &c.mfj), ("hoh", &c.hoh)],
            )?;
            check_status(&format!("{at}.standard_deduction"), &c.standard_deduction)?;
            check_status(
                &format!("{at}.credit_phaseout_threshold"),
                &c.credit_phaseout_threshold,
            )?;
            check_status(&format!("{at}.renter_credit"), &c.renter_credit)?;
            check_status(&format!("{at}.renter_agi_limit"), &c.renter_agi_limit)?;
            for (k, v) in [
                ("personal_credit", c.personal_credit),
                ("dependent_credit", c.dependent_credit),
                ("credit_phaseout_reduction", c.credit_phaseout_reduction),
                ("mental_health_threshold", c.mental_health_threshold),
            ] {
                check_amount(&format!("{at}.{k}"), v)?;
            }
            for (k, v) in [
                ("credit_phaseout_step", c.credit_phaseout_step),
                ("credit_phaseout_step_mfs", c.credit_phaseout_step_mfs),
            ] {
                if v <= Decimal::ZERO {
                    return Err(Error::rules(format!("{at}.{k}"), "must be above zero"));
                }
            }
            check_rate(&format!("{at}.mental_health_rate"), c.mental_health_rate)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::Rules;

    #[test]
    fn a_year_without_parameters_names_the_series_and_the_years() {
        let r = &Rules::embedded().california_income;
        let err = for_year(&r.california, "california_income.california", 2026).unwrap_err();
        assert_eq!(err.field(), Some("california_income.california"));
        assert!(err.to_string().contains("2024, 2025"), "{err}");
        assert!(for_year(&r.federal, "california_income.federal", 2026).is_ok());
        assert!(for_year(&r.federal, "california_income.federal", 2027).is_err());
    }

    #[test]
    fn bad_schedules_are_rejected_with_their_location() {
        let doc = r#"
            [[california_income.sdi]]
            effective_from = "2027-01-01"
            effective_through = "2027-06-30"
            rate = "0.013"
            citation = "test"
            status = "UNVERIFIED"
        "#;
        let err = Rules::from_toml_str(doc).unwrap_err();
        assert_eq!(err.field(), Some("california_income.sdi[0]"));
        let doc = r#"
            [[california_income.sdi]]
            effective_from = "2027-01-01"
            effective_through = "2027-12-31"
            rate = "1.3"
            citation = "test"
            status = "UNVERIFIED"
        "#;
        let err = Rules::from_toml_str(doc).unwrap_err();
        assert_eq!(err.field(), Some("california_income.sdi[0].rate"));
    }

    /// The embedded 2024 federal entry, with `from` replaced by `to` (which must occur once).
    fn federal_2024_with(from: &str, to: &str) -> String {
        let text = include_str!("../../rules/california_income.toml");
        let start = text.find("[[california_income.federal]]").unwrap();
        let end = start + 1 + text[start + 1..].find("[[").unwrap();
        let entry = &text[start..end];
        assert_eq!(entry.matches(from).count(), 1, "{from}");
        entry.replace(from, to)
    }

    #[test]
    fn a_federal_schedule_and_its_amounts_are_checked_where_written() {
        // As embedded (a rate of 0, an amount of 0 and equal EITC values are allowed).
        Rules::from_toml_str(&federal_2024_with(
            r#"qbi_rate = "0.20""#,
            r#"qbi_rate = "0""#,
        ))
        .unwrap();
        Rules::from_toml_str(&federal_2024_with(
            r#"ctc_per_child = "2000""#,
            r#"ctc_per_child = "0""#,
        ))
        .unwrap();
        for (from, to, at) in [
            (
                r#"qbi_rate = "0.20""#,
                r#"qbi_rate = "-0.01""#,
                "california_income.federal[0].qbi_rate",
            ),
            (
                r#"qbi_rate = "0.20""#,
                r#"qbi_rate = "1.01""#,
                "california_income.federal[0].qbi_rate",
            ),
            (
                r#"ctc_per_child = "2000""#,
                r#"ctc_per_child = "-1""#,
                "california_income.federal[0].ctc_per_child",
            ),
            (
                r#"standard_deduction = { single = "14600""#,
                r#"standard_deduction = { single = "-1""#,
                "california_income.federal[0].standard_deduction.single",
            ),
            (
                r#"rates = ["0.10", "0.12", "0.22", "0.24", "0.32", "0.35", "0.37"]"#,
                "rates = []",
                "california_income.federal[0].rates",
            ),
            (
                r#"rates = ["0.10", "0.12", "0.22", "0.24", "0.32", "0.35", "0.37"]"#,
                r#"rates = ["0.10", "0.12", "0.22", "0.24", "0.32", "0.35", "1.37"]"#,
                "california_income.federal[0].rates[6]",
            ),
            (
                r#"single = ["11600", "47150", "100525", "191950", "243725", "609350"]"#,
                r#"single = ["11600", "47150", "100525", "191950", "243725"]"#,
                "california_income.federal[0].single",
            ),
            (
                r#"single = ["11600", "47150", "100525", "191950", "243725", "609350"]"#,
                r#"single = ["11600", "11600", "100525", "191950", "243725", "609350"]"#,
                "california_income.federal[0].single[1]",
            ),
            (
                r#"single = ["11600", "47150", "100525", "191950", "243725", "609350"]"#,
                r#"single = ["0", "47150", "100525", "191950", "243725", "609350"]"#,
                "california_income.federal[0].single[0]",
            ),
            (
                r#"eitc_max_credit = ["632", "4213", "6960", "7830"]"#,
                r#"eitc_max_credit = ["632", "4213", "6960"]"#,
                "california_income.federal[0].eitc_max_credit",
            ),
            (
                r#"eitc_max_credit = ["632", "4213", "6960", "7830"]"#,
                r#"eitc_max_credit = ["632", "4213", "-1", "7830"]"#,
                "california_income.federal[0].eitc_max_credit[2]",
            ),
            (
                r#"eitc_credit_rate = ["0.0765", "0.34", "0.40", "0.45"]"#,
                r#"eitc_credit_rate = ["0.0765", "1.34", "0.40", "0.45"]"#,
                "california_income.federal[0].eitc_credit_rate[1]",
            ),
        ] {
            let err = Rules::from_toml_str(&federal_2024_with(from, to)).unwrap_err();
            assert_eq!(err.field(), Some(at), "{to}: {err}");
        }
    }

    #[test]
    fn an_entry_covers_exactly_one_tax_year() {
        let sdi = |from: &str, through: &str, rate: &str| {
            format!(
                "[[california_income.sdi]]\neffective_from = \"{from}\"\neffective_through = \"{through}\"\nrate = \"{rate}\"\ncitation = \"Unemp. Ins. Code §984\"\nstatus = \"VERIFIED\"\n"
            )
        };
        for rate in ["0", "1"] {
            Rules::from_toml_str(&sdi("2027-01-01", "2027-12-31", rate)).unwrap();
        }
        for (from, through) in [
            ("2027-01-02", "2027-12-31"),
            ("2027-02-01", "2027-12-31"),
            ("2027-01-01", "2028-12-31"),
            ("2027-01-01", "2027-11-30"),
            ("2027-01-01", "2027-12-30"),
        ] {
            let err = Rules::from_toml_str(&sdi(from, through, "0.013")).unwrap_err();
            assert_eq!(
                err.field(),
                Some("california_income.sdi[0]"),
                "{from} {through}"
            );
        }
        let err = Rules::from_toml_str(&sdi("2027-01-01", "2027-12-31", "-0.01")).unwrap_err();
        assert_eq!(err.field(), Some("california_income.sdi[0].rate"));
    }
}
