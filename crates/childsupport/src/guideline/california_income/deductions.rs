//! Income items and §4059(c)-(f) deductions: by kind and period, annualised exactly (§4058,
//! §4060 works on the annual figure), with the default tax treatment of each kind (spec table of
//! income items; the caller may override each flag).

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::error::Error;
use crate::exact::Exact;
use crate::money::require_amount;

/// How often an amount is received or paid.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Period {
    /// A year (the default).
    #[default]
    Year,
    /// A month (x 12).
    Month,
    /// Twice a month (x 24).
    Semimonth,
    /// Every two weeks (x 26).
    Biweek,
    /// A week (x 52).
    Week,
    /// An hour (x hours a week x 52).
    Hour,
}

/// What an income item is (Fam. Code §4058; the new spouse's income is not one, §4057.5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum IncomeKind {
    /// Wages, salary, overtime, bonus, commission (§4058(a)(1)).
    Wages,
    /// Self-employment net profit: receipts less required expenses; may be below zero
    /// (§4058(a)(2)).
    SelfEmployment,
    /// Depreciation deducted for tax but added back for support (not taxable).
    SeDepreciationAddback,
    /// Unemployment insurance benefits (federally taxable, not by California).
    Unemployment,
    /// Paid Family Leave benefits (federally taxable, not by California).
    PaidFamilyLeave,
    /// Disability benefits, workers' compensation (not taxable).
    DisabilityBenefits,
    /// Social Security benefits (taxable part given by the caller; not by California).
    SocialSecurityBenefits,
    /// Interest, dividends and other investment income (taxable; counts toward the earned
    /// income credit's investment limit).
    Investment,
    /// Other taxable income (rent, royalties, pensions, trust income).
    OtherTaxable,
    /// Other income that is not taxable (VA disability, military allowances).
    OtherNontaxable,
}

impl IncomeKind {
    /// Default (federal taxable, California taxable).
    fn taxable(self) -> (bool, bool) {
        match self {
            IncomeKind::Wages | IncomeKind::SelfEmployment => (true, true),
            IncomeKind::Investment | IncomeKind::OtherTaxable => (true, true),
            IncomeKind::Unemployment | IncomeKind::PaidFamilyLeave => (true, false),
            IncomeKind::SocialSecurityBenefits => (false, false),
            IncomeKind::SeDepreciationAddback
            | IncomeKind::DisabilityBenefits
            | IncomeKind::OtherNontaxable => (false, false),
        }
    }
}

/// One income item.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct IncomeItem {
    /// What it is.
    pub kind: IncomeKind,
    /// The amount per `per`.
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::ExactDecimal"))]
    #[serde(with = "crate::money::exact")]
    pub amount: Decimal,
    /// The period of `amount` (a year by default).
    #[serde(default)]
    pub per: Period,
    /// Hours a week, for an hourly amount.
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Option<crate::schema::ExactDecimal>")
    )]
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::money::exact_opt"
    )]
    pub hours_per_week: Option<Decimal>,
    /// Whether it is federally taxable (other than wages and self-employment; default by kind).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fed_taxable: Option<bool>,
    /// The federally taxable part per `per`, when only part is (the §86 part of Social Security).
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Option<crate::schema::ExactDecimal>")
    )]
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::money::exact_opt"
    )]
    pub fed_taxable_amount: Option<Decimal>,
    /// Whether California taxes it (default by kind).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ca_taxable: Option<bool>,
}

/// A deduction the parent proves (§4059(c)-(f)) or a pre-tax item that lowers the tax only.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum DeductionKind {
    /// Health premium for the parent and children paid pre-tax (§125): §4059(d); out of the
    /// income tax, FICA and SDI wage bases.
    PretaxHealth,
    /// Health premium for the parent and children paid after tax: §4059(d).
    PosttaxHealth,
    /// Retirement contribution required as a condition of employment, tax-deferred: §4059(c).
    MandatoryRetirementPretax,
    /// Retirement contribution required as a condition of employment, not tax-deferred.
    MandatoryRetirementPosttax,
    /// Elective deferral: lowers the income tax, but is not a §4059 deduction.
    VoluntaryRetirementPretax,
    /// Mandatory union dues: §4059(c).
    UnionDues,
    /// Support actually paid for children or a spouse of other relationships: §4059(e).
    OtherSupportPaid,
    /// Job-related expenses allowed by the court: §4059(f).
    JobExpenses,
}

/// One deduction.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Deduction {
    /// What it is.
    pub kind: DeductionKind,
    /// The amount per `per`.
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::ExactDecimal"))]
    #[serde(with = "crate::money::exact")]
    pub amount: Decimal,
    /// The period of `amount` (a year by default).
    #[serde(default)]
    pub per: Period,
}

/// Annualises `amount` per `per`, exactly.
pub fn annualise(
    field: &str,
    amount: Exact,
    per: Period,
    hours: Option<Decimal>,
) -> Result<Exact, Error> {
    let times = match per {
        Period::Year => Exact::ONE,
        Period::Month => Exact::int(12),
        Period::Semimonth => Exact::int(24),
        Period::Biweek => Exact::int(26),
        Period::Week => Exact::int(52),
        Period::Hour => {
            let h = hours.ok_or_else(|| {
                Error::invalid(
                    format!("{field}.hours_per_week"),
                    "none",
                    "hours a week (up to 168) for an hourly amount",
                )
            })?;
            if h < Decimal::ZERO || h > Decimal::from(168) {
                return Err(Error::invalid(
                    format!("{field}.hours_per_week"),
                    h,
                    "hours a week from 0 to 168",
                ));
            }
            Exact::from(h) * Exact::int(52)
        }
    };
    if per != Period::Hour && hours.is_some() {
        return Err(Error::invalid(
            format!("{field}.hours_per_week"),
            hours.unwrap_or_default(),
            "only with per = \"hour\"",
        ));
    }
    (amount * times).checked()
}

/// A parent's income, annual and exact, by what the computation needs.
#[derive(Debug, Clone)]
pub struct AnnualIncome {
    /// Every item (§4058 gross income).
    pub gross: Exact,
    /// Wages.
    pub wages: Exact,
    /// Self-employment net profit (may be below zero).
    pub se_profit: Exact,
    /// Income other than wages and self-employment that is federally taxable.
    pub other_fed_taxable: Exact,
    /// The same, taxed by California.
    pub other_ca_taxable: Exact,
    /// Investment income (earned income credit limit).
    pub investment: Exact,
}

/// Totals the income items.
pub fn incomes(items: &[IncomeItem]) -> Result<AnnualIncome, Error> {
    let mut out = AnnualIncome {
        gross: Exact::ZERO,
        wages: Exact::ZERO,
        se_profit: Exact::ZERO,
        other_fed_taxable: Exact::ZERO,
        other_ca_taxable: Exact::ZERO,
        investment: Exact::ZERO,
    };
    for (i, it) in items.iter().enumerate() {
        let field = format!("incomes[{i}]");
        let raw = if it.kind == IncomeKind::SelfEmployment {
            Exact::from(it.amount.normalize())
        } else {
            Exact::from(require_amount(&format!("{field}.amount"), it.amount)?)
        };
        let a = annualise(&field, raw.clone(), it.per, it.hours_per_week)?;
        out.gross += &a;
        let (fed, ca) = it.kind.taxable();
        let fed = it.fed_taxable.unwrap_or(fed);
        let ca = it.ca_taxable.unwrap_or(ca);
        match it.kind {
            IncomeKind::Wages | IncomeKind::SelfEmployment => {
                if it.fed_taxable == Some(false)
                    || it.ca_taxable == Some(false)
                    || it.fed_taxable_amount.is_some()
                {
                    return Err(Error::invalid(
                        format!("{field}.fed_taxable"),
                        "given",
                        "wages and self-employment income are taxable; give tax flags only for other income",
                    ));
                }
                if it.kind == IncomeKind::Wages {
                    out.wages += a;
                } else {
                    out.se_profit += a;
                }
            }
            _ => {
                let fed_part = match it.fed_taxable_amount {
                    Some(t) => {
                        let t =
                            Exact::from(require_amount(&format!("{field}.fed_taxable_amount"), t)?);
                        if t > raw {
                            return Err(Error::invalid(
                                format!("{field}.fed_taxable_amount"),
                                t,
                                format!("at most the amount, {}", it.amount),
                            ));
                        }
                        annualise(&field, t, it.per, it.hours_per_week)?
                    }
                    None if fed => a.clone(),
                    None => Exact::ZERO,
                };
                out.other_fed_taxable += fed_part;
                if ca {
                    out.other_ca_taxable += &a;
                }
                if it.kind == IncomeKind::Investment {
                    out.investment += a;
                }
            }
        }
    }
    Ok(out)
}

/// A parent's deductions, annual and exact.
#[derive(Debug, Clone)]
pub struct AnnualDeductions {
    /// §125 health premium.
    pub pretax_health: Exact,
    /// After-tax health premium.
    pub posttax_health: Exact,
    /// Mandatory retirement, pre-tax.
    pub mandatory_pretax: Exact,
    /// Mandatory retirement, after tax.
    pub mandatory_posttax: Exact,
    /// Voluntary pre-tax deferral (tax only).
    pub voluntary_pretax: Exact,
    /// Union dues.
    pub union_dues: Exact,
    /// Support paid for other relationships.
    pub other_support: Exact,
    /// Job-related expenses.
    pub job_expenses: Exact,
}

/// Totals the deductions.
pub fn deductions(items: &[Deduction]) -> Result<AnnualDeductions, Error> {
    let mut d = AnnualDeductions {
        pretax_health: Exact::ZERO,
        posttax_health: Exact::ZERO,
        mandatory_pretax: Exact::ZERO,
        mandatory_posttax: Exact::ZERO,
        voluntary_pretax: Exact::ZERO,
        union_dues: Exact::ZERO,
        other_support: Exact::ZERO,
        job_expenses: Exact::ZERO,
    };
    for (i, it) in items.iter().enumerate() {
        let field = format!("deductions[{i}]");
        let amount = Exact::from(require_amount(&format!("{field}.amount"), it.amount)?);
        let a = annualise(&field, amount, it.per, None)?;
        let slot = match it.kind {
            DeductionKind::PretaxHealth => &mut d.pretax_health,
            DeductionKind::PosttaxHealth => &mut d.posttax_health,
            DeductionKind::MandatoryRetirementPretax => &mut d.mandatory_pretax,
            DeductionKind::MandatoryRetirementPosttax => &mut d.mandatory_posttax,
            DeductionKind::VoluntaryRetirementPretax => &mut d.voluntary_pretax,
            DeductionKind::UnionDues => &mut d.union_dues,
            DeductionKind::OtherSupportPaid => &mut d.other_support,
            DeductionKind::JobExpenses => &mut d.job_expenses,
        };
        *slot += a;
    }
    Ok(d)
}
