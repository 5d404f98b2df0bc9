//! Net resources (Tex. Fam. Code §§154.061-154.070) by the Attorney General's tax-chart method.
//!
//! ```text
//! annual_i      = amount_i x periods per year (weekly 52, biweekly 26, semimonthly 24,
//!                 monthly 12, annual 1)                                   §154.061(a)
//! SS            = r2(6.2% x min(annual wages, wage base) / 12)            §154.062(d)(1)
//! Medicare      = r2((1.45% x annual wages + 0.9% above $200,000) / 12)  §154.062(d)(1)
//! FIT           = r2(tax_single(taxable - standard deduction - one exemption) / 12)
//!                                                                          §154.062(d)(2)
//! NR            = annual / 12 (exact) - SS - Medicare - FIT - deductions  §154.062(d)(3)-(6)
//! ```
//!
//! NR is then rounded half away from zero to cents (library reading R-TX-1, revised 2026-11-29):
//! net resources are a finding the order states in dollars and cents (§154.130(b)(1)); net
//! resources the caller gives directly are rounded the same way. Every other value is exact
//! ([`Exact`]): each tax component is computed on the annual figure, divided by 12 and rounded
//! to cents (the chart's method); the monthly gross stays exact.
//!
//! Readings chosen where the law is silent (`docs/readings.md`), each cited in the worksheet:
//! - Tax year: the calendar year of the calculation date, unless the caller names one (R-TX-2).
//! - 2025: the chart as published in January 2025 (standard deduction 15,000) by default; the
//!   15,750 set is the alternative `2025_sd_15750`.
//! - The 0.9% additional Medicare tax is included above the threshold and flagged.
//! - Each resource says whether it is taxable; only taxable ones enter the federal income tax
//!   base. Social Security and Medicare apply to every `wages` item (federal law taxes wages as
//!   such); `pays_social_security: false` removes only the Social Security (OASDI) part.
//! - Self-employment (an unverified method, R-TX-4): SE base = 92.35% of positive net SE
//!   income; SS 12.4% of it up to the wage base less wages already taxed, Medicare 2.9%, the
//!   0.9% on wages + SE base above the threshold; federal income tax on taxable income less half
//!   the SE tax (the half-SE-tax deduction can be turned off). Flagged in the result.
//! - A negative self-employment income offsets other resources (and the tax base); total net
//!   resources below zero are zero, flagged.
//! - The child's health or dental premium is the caller's figure for the child's share.
//! - §154.068: with no evidence of resources, wages at the federal minimum wage for 40 hours a
//!   week (annual = hourly x 40 x 52), run through the same chart; not when the party is
//!   confined for more than 90 days (§154.068(b)).

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::params::{exact_of, TexasParams};
use super::Flag;
use crate::catalogue::texas as step;
use crate::date::Date;
use crate::error::Error;
use crate::exact::Exact;
use crate::money::{require_amount, Money, MAX_AMOUNT};
use crate::rules::Rules;
use crate::worksheet::{NoTrace, StepDef, Tracer, Value, Worksheet};

/// How often an income item is received.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Frequency {
    /// 52 a year.
    Weekly,
    /// 26 a year.
    Biweekly,
    /// 24 a year.
    Semimonthly,
    /// 12 a year.
    Monthly,
    /// Once a year.
    Annual,
}

impl Frequency {
    /// Periods per year (§154.061(a): compute on an annual basis).
    pub fn per_year(self) -> i64 {
        match self {
            Frequency::Weekly => 52,
            Frequency::Biweekly => 26,
            Frequency::Semimonthly => 24,
            Frequency::Monthly => 12,
            Frequency::Annual => 1,
        }
    }
}

/// What kind of resource an income item is (§154.062(b)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum IncomeKind {
    /// Wages, salary and other compensation for personal services (§154.062(b)(1)): subject to
    /// Social Security and Medicare.
    Wages,
    /// Net self-employment income (§154.065), positive or negative.
    SelfEmployment,
    /// Any other resource (§154.062(b)(2)-(5)): interest, dividends, net rent, benefits ...
    Other,
}

fn yes() -> bool {
    true
}

/// One resource of a party.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct IncomeItem {
    /// The amount per period; negative only for self-employment (a loss).
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::ExactDecimal"))]
    #[serde(with = "crate::money::exact")]
    pub amount: Decimal,
    /// How often it is received.
    pub frequency: Frequency,
    /// What kind of resource it is.
    pub kind: IncomeKind,
    /// Whether it is federally taxable (default true); only taxable items enter the federal
    /// income tax base.
    #[serde(default = "yes")]
    pub taxable: bool,
}

/// Monthly deductions from resources (§154.062(d)(3)-(6)), each zero unless given.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Deductions {
    /// Union dues, (d)(4).
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::ExactDecimal"))]
    #[serde(default, with = "crate::money::exact")]
    pub union_dues: Decimal,
    /// The child's share of the health insurance premium the obligor pays, (d)(5).
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::ExactDecimal"))]
    #[serde(default, with = "crate::money::exact")]
    pub child_health_insurance: Decimal,
    /// The child's share of the dental insurance premium the obligor pays, (d)(5).
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::ExactDecimal"))]
    #[serde(default, with = "crate::money::exact")]
    pub child_dental_insurance: Decimal,
    /// Cash medical support ordered for the obligor's child under §154.182, (d)(5).
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::ExactDecimal"))]
    #[serde(default, with = "crate::money::exact")]
    pub cash_medical_support: Decimal,
    /// Nondiscretionary retirement contributions, (d)(6): only when the party pays no Social
    /// Security taxes.
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::ExactDecimal"))]
    #[serde(default, with = "crate::money::exact")]
    pub nondiscretionary_retirement: Decimal,
    /// State income tax, (d)(3) (Texas has none; income taxed by another state).
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::ExactDecimal"))]
    #[serde(default, with = "crate::money::exact")]
    pub state_income_tax: Decimal,
}

/// A party's resources: net resources found directly, income items to run through the tax
/// chart, or no evidence of resources (the §154.068 presumption). Exactly one of the three.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Resources {
    /// Monthly net resources as found (the chart is not run).
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Option<crate::schema::ExactDecimal>")
    )]
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::money::exact_opt"
    )]
    pub net_resources: Option<Decimal>,
    /// Income items, each annualised by its frequency.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub incomes: Vec<IncomeItem>,
    /// There is no evidence of the party's resources: presume the federal minimum wage for a
    /// 40-hour week (§154.068(a)).
    #[serde(default)]
    pub no_evidence_of_resources: bool,
    /// The party is under an order of confinement over 90 days and incarcerated (§154.068(b)):
    /// the presumption does not apply.
    #[serde(default)]
    pub confined_over_90_days: bool,
    /// Whether the party pays Social Security taxes on wages (default true); when false,
    /// nondiscretionary retirement contributions may be deducted (§154.062(d)(6)).
    #[serde(default = "yes")]
    pub pays_social_security: bool,
    /// Monthly deductions (only with `incomes` or the presumption).
    #[serde(default)]
    pub deductions: Deductions,
    /// Annual gross resources (§154.062(b)) for the medical and dental caps: needed when
    /// `net_resources` is given directly; with income items it overrides their annual total.
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Option<crate::schema::ExactDecimal>")
    )]
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::money::exact_opt"
    )]
    pub annual_resources: Option<Decimal>,
    /// The tax year of the chart; default: the calendar year of the calculation date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tax_year: Option<i32>,
    /// A named alternative set of tax parameters (`2025_sd_15750`); default: the year's set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tax_parameter_set: Option<String>,
    /// Deduct half the self-employment tax before federal income tax (default: the rules'
    /// self-employed method, true). UNVERIFIED either way.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub half_se_tax_deduction: Option<bool>,
}

impl Resources {
    /// Net resources found directly.
    pub fn given(net_resources: Decimal) -> Resources {
        Resources {
            net_resources: Some(net_resources),
            incomes: vec![],
            no_evidence_of_resources: false,
            confined_over_90_days: false,
            pays_social_security: true,
            deductions: Deductions::default(),
            annual_resources: None,
            tax_year: None,
            tax_parameter_set: None,
            half_se_tax_deduction: None,
        }
    }

    /// Income items to run through the chart.
    pub fn from_incomes(incomes: Vec<IncomeItem>) -> Resources {
        Resources {
            net_resources: None,
            incomes,
            ..Resources::given(Decimal::ZERO)
        }
    }
}

/// How net resources were found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum NetResourcesMethod {
    /// Given by the caller.
    Given,
    /// Computed from income items by the tax-chart method.
    TaxChart,
    /// The §154.068 minimum-wage presumption, through the tax chart.
    MinimumWagePresumption,
}

/// The self-employment tax figures (an unverified method, library reading R-TX-4).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct SelfEmploymentTax {
    /// Annual net self-employment income (may be negative).
    pub annual_net_income: Exact,
    /// The SE base: the earnings fraction of positive net SE income.
    pub se_base: Exact,
    /// Annual SE tax (Social Security + Medicare parts, without the 0.9%).
    pub annual_se_tax: Exact,
    /// Whether half of it was deducted before federal income tax.
    pub half_deducted: bool,
    /// Always true: the Attorney General's self-employed chart method is not verified.
    pub unverified: bool,
}

/// A party's monthly net resources, with every step.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct NetResources {
    /// How they were found.
    pub method: NetResourcesMethod,
    /// The tax year of the chart (not when given directly).
    pub tax_year: Option<i32>,
    /// The tax parameter set used (`2026`, `2025_sd_15750`).
    pub tax_parameter_set: Option<String>,
    /// Annual gross resources, exact (may be negative with a self-employment loss).
    pub annual_gross: Option<Exact>,
    /// Monthly gross resources, exact.
    pub monthly_gross: Option<Exact>,
    /// Annual income entering the federal income tax base before the standard deduction
    /// (taxable items, less half the SE tax when deducted).
    pub annual_taxable_income: Option<Exact>,
    /// Monthly Social Security taxes, rounded.
    pub social_security: Money,
    /// Monthly Medicare taxes (with the 0.9% where it applies), rounded.
    pub medicare: Money,
    /// Whether the 0.9% additional Medicare tax applied.
    pub additional_medicare_applies: bool,
    /// Monthly federal income tax, rounded.
    pub federal_income_tax: Money,
    /// The self-employment figures, when there is self-employment income.
    pub self_employment: Option<SelfEmploymentTax>,
    /// The §154.062(d)(3)-(6) deductions, monthly total.
    pub deductions: Exact,
    /// Monthly net resources rounded half away from zero to cents: the finding, and what the
    /// percentages apply to (library reading R-TX-1).
    pub net_resources: Money,
    /// Monthly net resources before that rounding (monthly gross - the three rounded taxes -
    /// deductions, zero if below; or the figure given), exact.
    pub net_resources_exact: Exact,
    /// Whether the computed total was below zero and was taken as zero.
    pub below_zero: bool,
    /// Annual gross resources (§154.062(b)) for the medical and dental caps, when known.
    pub annual_resources: Option<Exact>,
    /// Flags: additional Medicare, self-employed method, below zero, presumption, alternative
    /// tax set.
    pub flags: Vec<Flag>,
    /// Every step (empty from the lean path, and inside a guideline result, whose worksheet
    /// holds them).
    pub worksheet: Worksheet,
}

/// Computes a party's monthly net resources on `date` (the calculation date; its calendar year
/// is the tax year unless the resources name one), with its worksheet. Field errors name fields
/// of `resources`.
pub fn compute(rules: &Rules, date: Date, resources: &Resources) -> Result<NetResources, Error> {
    let params = TexasParams::resolve_for_net_resources(rules, date);
    let mut ws = Worksheet::new();
    let mut nr = compute_with(&params, resources, &mut ws)?;
    nr.worksheet = ws;
    Ok(nr)
}

/// The same numbers as [`compute`], without the worksheet.
pub fn compute_lean(
    rules: &Rules,
    date: Date,
    resources: &Resources,
) -> Result<NetResources, Error> {
    let params = TexasParams::resolve_for_net_resources(rules, date);
    compute_with(&params, resources, &mut NoTrace)
}

const DEDUCTIONS: [(&str, &StepDef); 6] = [
    ("deductions.union_dues", &step::DEDUCTION_UNION_DUES),
    (
        "deductions.child_health_insurance",
        &step::DEDUCTION_CHILD_HEALTH,
    ),
    (
        "deductions.child_dental_insurance",
        &step::DEDUCTION_CHILD_DENTAL,
    ),
    (
        "deductions.cash_medical_support",
        &step::DEDUCTION_CASH_MEDICAL,
    ),
    (
        "deductions.nondiscretionary_retirement",
        &step::DEDUCTION_RETIREMENT,
    ),
    ("deductions.state_income_tax", &step::DEDUCTION_STATE_TAX),
];

/// Computes net resources with the rules already resolved for the date, reporting each step
/// to `trace` (the result's `worksheet` is left empty).
pub fn compute_with<T: Tracer>(
    params: &TexasParams<'_>,
    resources: &Resources,
    trace: &mut T,
) -> Result<NetResources, Error> {
    let r = resources;
    let chosen = r.net_resources.is_some() as u32
        + !r.incomes.is_empty() as u32
        + r.no_evidence_of_resources as u32;
    if chosen != 1 {
        return Err(Error::invalid(
            if r.net_resources.is_some() {
                "net_resources"
            } else if !r.incomes.is_empty() {
                "incomes"
            } else {
                "no_evidence_of_resources"
            },
            format!("{chosen} ways of finding net resources"),
            "exactly one of: net_resources (found directly), incomes (run through the tax chart), or no_evidence_of_resources = true (the §154.068 presumption)",
        ));
    }
    let d = &r.deductions;
    let deduction_values = [
        d.union_dues,
        d.child_health_insurance,
        d.child_dental_insurance,
        d.cash_medical_support,
        d.nondiscretionary_retirement,
        d.state_income_tax,
    ];
    for ((field, _), value) in DEDUCTIONS.iter().zip(&deduction_values) {
        require_amount(field, *value)?;
    }
    let annual_resources_given = match r.annual_resources {
        Some(a) => Some(exact_of(require_amount("annual_resources", a)?)),
        None => None,
    };

    if let Some(nr) = r.net_resources {
        let nr = exact_of(require_amount("net_resources", nr)?);
        if let Some(((field, _), value)) = DEDUCTIONS
            .iter()
            .zip(&deduction_values)
            .find(|(_, v)| !v.is_zero())
        {
            return Err(Error::invalid(
                *field,
                value,
                "zero when net_resources is given (net resources are already net of the §154.062(d) deductions); give incomes to have them deducted",
            ));
        }
        let rounded = nr.round_cents()?;
        trace.exact(&step::NET_RESOURCES_GIVEN_EXACT, &nr);
        trace.record(&step::NET_RESOURCES_GIVEN, Value::Money(rounded));
        return Ok(NetResources {
            method: NetResourcesMethod::Given,
            tax_year: None,
            tax_parameter_set: None,
            annual_gross: None,
            monthly_gross: None,
            annual_taxable_income: None,
            social_security: Money::ZERO,
            medicare: Money::ZERO,
            additional_medicare_applies: false,
            federal_income_tax: Money::ZERO,
            self_employment: None,
            deductions: Exact::ZERO,
            net_resources: rounded,
            net_resources_exact: nr,
            below_zero: false,
            annual_resources: annual_resources_given,
            flags: Vec::new(),
            worksheet: Worksheet::new(),
        });
    }

    let mut flags = Vec::new();
    let presumed;
    let (items, method): (&[IncomeItem], _) = if r.no_evidence_of_resources {
        if r.confined_over_90_days {
            return Err(Error::invalid(
                "confined_over_90_days",
                true,
                "false for the minimum-wage presumption: §154.068(b) excludes a party confined over 90 days; give incomes or net_resources instead",
            ));
        }
        let p = params.presumption.as_ref().ok_or_else(|| {
            params.no_rule(
                &params.rules.texas.minimum_wage_presumption,
                "texas.minimum_wage_presumption",
            )
        })?;
        trace.exact_rule(&step::PRESUMED_WAGE, &p.annual, &p.rule.validity);
        flags.push(Flag::MinimumWagePresumption);
        presumed = [IncomeItem {
            amount: Decimal::ZERO,
            frequency: Frequency::Annual,
            kind: IncomeKind::Wages,
            taxable: true,
        }];
        (&presumed[..], NetResourcesMethod::MinimumWagePresumption)
    } else {
        (&r.incomes[..], NetResourcesMethod::TaxChart)
    };

    let year = r.tax_year.unwrap_or(params.date.year());
    let tax = params.tax_for(year, r.tax_parameter_set.as_deref())?;
    if T::ON {
        trace.record_rule(
            &step::TAX_YEAR,
            Value::Text(format!("{year} ({})", tax.entry.name)),
            &tax.entry.validity,
        );
    }
    if r.tax_parameter_set.is_some()
        && tax.entry.validity.status == crate::rules::Status::Unverified
    {
        flags.push(Flag::AlternativeTaxParameters);
    }

    // Annualise each item (§154.061(a)).
    let mut wages = Exact::ZERO;
    let mut se = Exact::ZERO;
    let mut other = Exact::ZERO;
    let mut taxable_sum = Exact::ZERO;
    let mut has_se = false;
    for (i, item) in items.iter().enumerate() {
        let annual = if method == NetResourcesMethod::MinimumWagePresumption {
            // The presumed wage is an annual figure already.
            params
                .presumption
                .as_ref()
                .map_or(Exact::ZERO, |p| p.annual.clone())
        } else {
            if item.amount.abs() > MAX_AMOUNT {
                return Err(Error::invalid(
                    format!("incomes[{i}].amount"),
                    item.amount,
                    "an amount of at most 1,000,000,000,000",
                ));
            }
            if item.kind != IncomeKind::SelfEmployment
                && item.amount.is_sign_negative()
                && !item.amount.is_zero()
            {
                return Err(Error::invalid(
                    format!("incomes[{i}].amount"),
                    item.amount,
                    "an amount of zero or more (only self_employment income may be negative, §154.065(a))",
                ));
            }
            exact_of(item.amount.normalize()) * Exact::int(item.frequency.per_year())
        };
        if item.taxable {
            taxable_sum += &annual;
        }
        let def = match item.kind {
            IncomeKind::Wages => {
                wages += &annual;
                &step::INCOME_WAGES
            }
            IncomeKind::SelfEmployment => {
                has_se = true;
                se += &annual;
                &step::INCOME_SELF_EMPLOYMENT
            }
            IncomeKind::Other => {
                other += &annual;
                &step::INCOME_OTHER
            }
        };
        if method == NetResourcesMethod::TaxChart {
            trace.exact(
                if item.taxable {
                    def
                } else {
                    &step::INCOME_NOT_TAXABLE
                },
                &annual,
            );
        }
    }
    let annual_gross = (&(&wages + &se) + &other).checked()?;
    let twelve = Exact::int(12);
    let monthly_gross = &annual_gross / &twelve;
    trace.exact(&step::ANNUAL_GROSS, &annual_gross);
    trace.exact(&step::MONTHLY_GROSS, &monthly_gross);

    // Social Security and Medicare (§154.062(d)(1)).
    let se_method = if has_se {
        Some(params.self_employed.as_ref().ok_or_else(|| {
            params.no_rule(
                &params.rules.texas.self_employed_method,
                "texas.self_employed_method",
            )
        })?)
    } else {
        None
    };
    let ss_wages_base = if r.pays_social_security {
        wages.clone().min(tax.social_security_wage_base.clone())
    } else {
        Exact::ZERO
    };
    let (se_base, ss_se, med_se) = match se_method {
        Some(m) => {
            let base = se.clone().max(Exact::ZERO) * &m.earnings_fraction;
            let room = (&tax.social_security_wage_base - &ss_wages_base).max(Exact::ZERO);
            let two = Exact::int(2);
            let ss = &(&two * &tax.social_security_rate) * &base.clone().min(room);
            let med = &(&two * &tax.medicare_rate) * &base;
            (base, ss, med)
        }
        None => (Exact::ZERO, Exact::ZERO, Exact::ZERO),
    };
    // Each tax on the annual figure, / 12 (the rates are kept as rate / 12), rounded to cents.
    let medicare_base = &wages + &se_base;
    let additional_applies = medicare_base > tax.additional_medicare_threshold;
    let mut ss_monthly = &tax.social_security_rate_monthly * &ss_wages_base;
    let mut med_monthly = &tax.medicare_rate_monthly * &wages;
    if se_method.is_some() {
        ss_monthly += &ss_se / &twelve;
        med_monthly += &med_se / &twelve;
    }
    let additional = if additional_applies {
        let over = &medicare_base - &tax.additional_medicare_threshold;
        med_monthly += &tax.additional_medicare_rate_monthly * &over;
        &tax.additional_medicare_rate * &over
    } else {
        Exact::ZERO
    };
    let ss_m = ss_monthly.round_cents()?;
    let med_m = med_monthly.round_cents()?;
    trace.record(
        if !r.pays_social_security && !has_se {
            &step::SOCIAL_SECURITY_NONE
        } else if has_se {
            &step::SOCIAL_SECURITY_WITH_SE
        } else {
            &step::SOCIAL_SECURITY
        },
        Value::Money(ss_m),
    );
    trace.record(
        if has_se {
            &step::MEDICARE_WITH_SE
        } else {
            &step::MEDICARE
        },
        Value::Money(med_m),
    );
    if additional_applies {
        flags.push(Flag::AdditionalMedicareTax);
        trace.exact(&step::ADDITIONAL_MEDICARE, &additional);
    }

    // Federal income tax (§154.062(d)(2)).
    let half_deducted = se_method.is_some_and(|m| {
        r.half_se_tax_deduction
            .unwrap_or(m.rule.half_se_tax_deduction)
    });
    let se_tax = &ss_se + &med_se;
    let half_se = if half_deducted {
        &se_tax / &Exact::int(2)
    } else {
        Exact::ZERO
    };
    let taxable_income = &taxable_sum - &half_se;
    let taxable_after = (&taxable_income - &tax.deduction).max(Exact::ZERO);
    let fit_m = tax.income_tax_monthly(&taxable_after).round_cents()?;
    trace.exact(
        if half_deducted {
            &step::TAXABLE_INCOME_HALF_SE
        } else {
            &step::TAXABLE_INCOME
        },
        &taxable_after,
    );
    trace.record(&step::FEDERAL_INCOME_TAX, Value::Money(fit_m));
    let self_employment = match se_method {
        Some(m) => {
            flags.push(Flag::SelfEmployedMethodUnverified);
            trace.exact_rule(&step::SELF_EMPLOYED_METHOD, &se_base, &m.rule.validity);
            Some(SelfEmploymentTax {
                annual_net_income: se,
                se_base,
                annual_se_tax: se_tax,
                half_deducted,
                unverified: true,
            })
        }
        None => None,
    };

    // Deductions (§154.062(d)(3)-(6)).
    if r.pays_social_security && !d.nondiscretionary_retirement.is_zero() {
        return Err(Error::invalid(
            "deductions.nondiscretionary_retirement",
            d.nondiscretionary_retirement,
            "zero unless pays_social_security is false: §154.062(d)(6) allows the deduction only when the party pays no Social Security taxes",
        ));
    }
    let mut deductions = Exact::ZERO;
    for ((_, def), value) in DEDUCTIONS.iter().zip(&deduction_values) {
        if !value.is_zero() {
            let v = exact_of(value.normalize());
            trace.exact(def, &v);
            deductions += v;
        }
    }
    let mut nr = &monthly_gross - &Exact::from(ss_m + med_m + fit_m);
    if !deductions.is_zero() {
        nr -= &deductions;
    }
    let mut nr = nr.checked()?;
    let below_zero = nr.is_negative();
    if below_zero {
        trace.exact(&step::NET_RESOURCES_BELOW_ZERO, &nr);
        flags.push(Flag::NetResourcesBelowZero);
        nr = Exact::ZERO;
    }
    let rounded = nr.round_cents()?;
    trace.exact(&step::NET_RESOURCES_EXACT, &nr);
    trace.record(&step::NET_RESOURCES, Value::Money(rounded));
    let annual_resources =
        Some(annual_resources_given.unwrap_or_else(|| annual_gross.clone().max(Exact::ZERO)));
    Ok(NetResources {
        method,
        tax_year: Some(year),
        tax_parameter_set: Some(tax.entry.name.clone()),
        annual_gross: Some(annual_gross),
        monthly_gross: Some(monthly_gross),
        annual_taxable_income: Some(taxable_income),
        social_security: ss_m,
        medicare: med_m,
        additional_medicare_applies: additional_applies,
        federal_income_tax: fit_m,
        self_employment,
        deductions,
        net_resources: rounded,
        net_resources_exact: nr,
        below_zero,
        annual_resources,
        flags,
        worksheet: Worksheet::new(),
    })
}
