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
//! This is spec/texas.md §4.2 exactly: each tax component is computed on the annual figure,
//! divided by 12 and rounded to cents (half away from zero); the monthly gross stays exact.
//! Readings chosen where the law is silent (spec/README.md), each stated in the worksheet:
//! - Tax year: the calendar year of the calculation date, unless the caller names one.
//! - 2025: the chart as published in January 2025 (standard deduction 15,000) by default; the
//!   15,750 set is the alternative `2025_sd_15750`.
//! - The 0.9% additional Medicare tax is included above the threshold and flagged.
//! - Each resource says whether it is taxable; only taxable ones enter the federal income tax
//!   base. Social Security and Medicare apply to every `wages` item (federal law taxes wages as
//!   such); `pays_social_security: false` removes only the Social Security (OASDI) part.
//! - Self-employment (UNVERIFIED, spec/texas.md §4.5): SE base = 92.35% of positive net SE
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

use super::Flag;
use crate::date::Date;
use crate::error::Error;
use crate::money::{require_amount, Money, MAX_AMOUNT};
use crate::rules::federal_tax::TaxParameters;
use crate::rules::{in_force, Rules};
use crate::worksheet::Worksheet;

const SPEC: &str = "spec/README.md reading";

/// How often an income item is received.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
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
    pub fn per_year(self) -> Decimal {
        Decimal::from(match self {
            Frequency::Weekly => 52,
            Frequency::Biweekly => 26,
            Frequency::Semimonthly => 24,
            Frequency::Monthly => 12,
            Frequency::Annual => 1,
        })
    }

    fn as_str(self) -> &'static str {
        match self {
            Frequency::Weekly => "weekly",
            Frequency::Biweekly => "biweekly",
            Frequency::Semimonthly => "semimonthly",
            Frequency::Monthly => "monthly",
            Frequency::Annual => "annual",
        }
    }
}

/// What kind of resource an income item is (§154.062(b)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
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
#[serde(deny_unknown_fields)]
pub struct IncomeItem {
    /// The amount per period; negative only for self-employment (a loss).
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
#[serde(deny_unknown_fields)]
pub struct Deductions {
    /// Union dues, (d)(4).
    #[serde(default, with = "crate::money::exact")]
    pub union_dues: Decimal,
    /// The child's share of the health insurance premium the obligor pays, (d)(5).
    #[serde(default, with = "crate::money::exact")]
    pub child_health_insurance: Decimal,
    /// The child's share of the dental insurance premium the obligor pays, (d)(5).
    #[serde(default, with = "crate::money::exact")]
    pub child_dental_insurance: Decimal,
    /// Cash medical support ordered for the obligor's child under §154.182, (d)(5).
    #[serde(default, with = "crate::money::exact")]
    pub cash_medical_support: Decimal,
    /// Nondiscretionary retirement contributions, (d)(6): only when the party pays no Social
    /// Security taxes.
    #[serde(default, with = "crate::money::exact")]
    pub nondiscretionary_retirement: Decimal,
    /// State income tax, (d)(3) (Texas has none; income taxed by another state).
    #[serde(default, with = "crate::money::exact")]
    pub state_income_tax: Decimal,
}

/// A party's resources: net resources found directly, income items to run through the tax
/// chart, or no evidence of resources (the §154.068 presumption). Exactly one of the three.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Resources {
    /// Monthly net resources as found (the chart is not run).
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
#[serde(rename_all = "snake_case")]
pub enum NetResourcesMethod {
    /// Given by the caller.
    Given,
    /// Computed from income items by the tax-chart method.
    TaxChart,
    /// The §154.068 minimum-wage presumption, through the tax chart.
    MinimumWagePresumption,
}

/// The self-employment tax figures (UNVERIFIED method).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SelfEmploymentTax {
    /// Annual net self-employment income (may be negative).
    #[serde(with = "crate::money::exact")]
    pub annual_net_income: Decimal,
    /// The SE base: the earnings fraction of positive net SE income.
    #[serde(with = "crate::money::exact")]
    pub se_base: Decimal,
    /// Annual SE tax (Social Security + Medicare parts, without the 0.9%).
    #[serde(with = "crate::money::exact")]
    pub annual_se_tax: Decimal,
    /// Whether half of it was deducted before federal income tax.
    pub half_deducted: bool,
    /// Always true: the OAG self-employed chart method is not verified.
    pub unverified: bool,
}

/// A party's monthly net resources, with every step.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NetResources {
    /// How they were found.
    pub method: NetResourcesMethod,
    /// The tax year of the chart (not when given directly).
    pub tax_year: Option<i32>,
    /// The tax parameter set used (`2026`, `2025_sd_15750`).
    pub tax_parameter_set: Option<String>,
    /// Annual gross resources, exact (may be negative with a self-employment loss).
    #[serde(with = "crate::money::exact_opt")]
    pub annual_gross: Option<Decimal>,
    /// Monthly gross resources, exact.
    #[serde(with = "crate::money::exact_opt")]
    pub monthly_gross: Option<Decimal>,
    /// Annual income entering the federal income tax base before the standard deduction
    /// (taxable items, less half the SE tax when deducted).
    #[serde(with = "crate::money::exact_opt")]
    pub annual_taxable_income: Option<Decimal>,
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
    #[serde(with = "crate::money::exact")]
    pub deductions: Decimal,
    /// Monthly net resources, rounded to cents (for display and findings).
    pub net_resources: Money,
    /// Monthly net resources, exact: what the percentages apply to.
    #[serde(with = "crate::money::exact")]
    pub net_resources_exact: Decimal,
    /// Whether the computed total was below zero and was taken as zero.
    pub below_zero: bool,
    /// Annual gross resources (§154.062(b)) for the medical and dental caps, when known.
    #[serde(with = "crate::money::exact_opt")]
    pub annual_resources: Option<Decimal>,
    /// Flags: additional Medicare, self-employed method, below zero, presumption, alternative
    /// tax set.
    pub flags: Vec<Flag>,
    /// Every step.
    pub worksheet: Worksheet,
}

/// Computes a party's monthly net resources on `date` (the calculation date; its calendar year
/// is the tax year unless the resources name one). Field errors name fields of `resources`.
pub fn compute(rules: &Rules, date: Date, resources: &Resources) -> Result<NetResources, Error> {
    let mut ws = Worksheet::new();
    let r = resources;
    let chosen = [
        r.net_resources.is_some(),
        !r.incomes.is_empty(),
        r.no_evidence_of_resources,
    ]
    .iter()
    .filter(|x| **x)
    .count();
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
    let deduction_fields = [
        ("deductions.union_dues", d.union_dues, "§154.062(d)(4)"),
        (
            "deductions.child_health_insurance",
            d.child_health_insurance,
            "§154.062(d)(5)",
        ),
        (
            "deductions.child_dental_insurance",
            d.child_dental_insurance,
            "§154.062(d)(5)",
        ),
        (
            "deductions.cash_medical_support",
            d.cash_medical_support,
            "§154.062(d)(5)",
        ),
        (
            "deductions.nondiscretionary_retirement",
            d.nondiscretionary_retirement,
            "§154.062(d)(6)",
        ),
        (
            "deductions.state_income_tax",
            d.state_income_tax,
            "§154.062(d)(3)",
        ),
    ];
    for (field, value, _) in &deduction_fields {
        require_amount(field, *value)?;
    }
    if let Some(a) = r.annual_resources {
        require_amount("annual_resources", a)?;
    }

    if let Some(nr) = r.net_resources {
        let nr = require_amount("net_resources", nr)?;
        if let Some((field, value, _)) = deduction_fields.iter().find(|f| !f.1.is_zero()) {
            return Err(Error::invalid(
                *field,
                value,
                "zero when net_resources is given (net resources are already net of the §154.062(d) deductions); give incomes to have them deducted",
            ));
        }
        ws.exact(
            "texas.net_resources",
            "Monthly net resources (as found)",
            nr,
            "Tex. Fam. Code §154.062 (input)",
        );
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
            deductions: Decimal::ZERO,
            net_resources: Money::round(nr),
            net_resources_exact: nr,
            below_zero: false,
            annual_resources: r.annual_resources,
            flags: vec![],
            worksheet: ws,
        });
    }

    let mut flags = Vec::new();
    let (items, method) = if r.no_evidence_of_resources {
        if r.confined_over_90_days {
            return Err(Error::invalid(
                "confined_over_90_days",
                true,
                "false for the minimum-wage presumption: §154.068(b) excludes a party confined over 90 days; give incomes or net_resources instead",
            ));
        }
        let p = in_force(
            &rules.texas.minimum_wage_presumption,
            "texas.minimum_wage_presumption",
            date,
        )?;
        let annual = p.hourly * p.hours_per_week * p.weeks_per_year;
        ws.exact(
            "texas.presumed_wage",
            format!(
                "No evidence of resources: federal minimum wage {} x {} h x {} weeks, per year",
                p.hourly.normalize(),
                p.hours_per_week.normalize(),
                p.weeks_per_year.normalize()
            ),
            annual,
            format!("Tex. Fam. Code §154.068(a); {}", p.validity.cite()),
        );
        flags.push(Flag::MinimumWagePresumption);
        (
            vec![IncomeItem {
                amount: annual,
                frequency: Frequency::Annual,
                kind: IncomeKind::Wages,
                taxable: true,
            }],
            NetResourcesMethod::MinimumWagePresumption,
        )
    } else {
        (r.incomes.clone(), NetResourcesMethod::TaxChart)
    };

    let year = r.tax_year.unwrap_or(date.year());
    let tax = rules
        .federal_tax
        .for_year(year, r.tax_parameter_set.as_deref())?;
    ws.step(
        "texas.tax_year",
        "Tax year of the chart",
        format!("{year} (parameter set {})", tax.name),
        format!(
            "{}; tax year = calendar year of the calculation date unless named ({SPEC})",
            tax.validity.cite()
        ),
    );
    if r.tax_parameter_set.is_some() && tax.validity.status == crate::rules::Status::Unverified {
        flags.push(Flag::AlternativeTaxParameters);
    }

    // Annualise each item (§154.061(a)).
    let mut wages = Decimal::ZERO;
    let mut wages_taxable = Decimal::ZERO;
    let mut se = Decimal::ZERO;
    let mut se_taxable = Decimal::ZERO;
    let mut other = Decimal::ZERO;
    let mut other_taxable = Decimal::ZERO;
    let mut has_se = false;
    for (i, item) in items.iter().enumerate() {
        let field = format!("incomes[{i}].amount");
        let limit = MAX_AMOUNT;
        if item.amount.abs() > limit {
            return Err(Error::invalid(
                field,
                item.amount,
                "an amount of at most 1,000,000,000,000",
            ));
        }
        if item.kind != IncomeKind::SelfEmployment && item.amount < Decimal::ZERO {
            return Err(Error::invalid(
                field,
                item.amount,
                "an amount of zero or more (only self_employment income may be negative, §154.065(a))",
            ));
        }
        let annual = item.amount * item.frequency.per_year();
        let taxable = if item.taxable { annual } else { Decimal::ZERO };
        match item.kind {
            IncomeKind::Wages => {
                wages += annual;
                wages_taxable += taxable;
            }
            IncomeKind::SelfEmployment => {
                has_se = true;
                se += annual;
                se_taxable += taxable;
            }
            IncomeKind::Other => {
                other += annual;
                other_taxable += taxable;
            }
        }
        if method == NetResourcesMethod::TaxChart {
            ws.exact(
                &format!("texas.income[{i}]"),
                format!(
                    "Income {}: {} {} x {}, per year{}",
                    i + 1,
                    match item.kind {
                        IncomeKind::Wages => "wages",
                        IncomeKind::SelfEmployment => "self-employment",
                        IncomeKind::Other => "other resource",
                    },
                    item.frequency.as_str(),
                    item.frequency.per_year(),
                    if item.taxable { "" } else { " (not taxable)" }
                ),
                annual,
                "Tex. Fam. Code §§154.061(a), 154.062(b)",
            );
        }
    }
    let annual_gross = wages + se + other;
    let monthly_gross = annual_gross / Decimal::from(12);
    ws.exact(
        "texas.annual_gross",
        "Annual gross resources",
        annual_gross,
        "Tex. Fam. Code §§154.061(a), 154.062(b); a self-employment loss offsets other resources (§154.065(a))",
    );
    ws.exact(
        "texas.monthly_gross",
        "Monthly gross resources (annual / 12, exact)",
        monthly_gross,
        format!("Tex. Fam. Code §154.061(a); kept exact ({SPEC})"),
    );

    // Social Security and Medicare (§154.062(d)(1)).
    let se_method = if has_se {
        Some(in_force(
            &rules.texas.self_employed_method,
            "texas.self_employed_method",
            date,
        )?)
    } else {
        None
    };
    let ss_wages_base = if r.pays_social_security {
        wages.min(tax.social_security_wage_base)
    } else {
        Decimal::ZERO
    };
    let ss_wages = tax.social_security_rate * ss_wages_base;
    let med_wages = tax.medicare_rate * wages;
    let (se_base, ss_se, med_se) = match se_method {
        Some(m) => {
            let base = se.max(Decimal::ZERO) * m.earnings_fraction;
            let room = (tax.social_security_wage_base - ss_wages_base).max(Decimal::ZERO);
            (
                base,
                Decimal::TWO * tax.social_security_rate * base.min(room),
                Decimal::TWO * tax.medicare_rate * base,
            )
        }
        None => (Decimal::ZERO, Decimal::ZERO, Decimal::ZERO),
    };
    let additional = tax.additional_medicare_rate
        * (wages + se_base - tax.additional_medicare_threshold).max(Decimal::ZERO);
    let twelve = Decimal::from(12);
    let ss_m = Money::round((ss_wages + ss_se) / twelve);
    let med_m = Money::round((med_wages + med_se + additional) / twelve);
    ws.step(
        "texas.social_security",
        if r.pays_social_security {
            format!(
                "Social Security: {} x min(annual wages, {}) / 12{}",
                tax.social_security_rate.normalize(),
                tax.social_security_wage_base.normalize(),
                if has_se { " + SE part" } else { "" }
            )
        } else {
            "Social Security: none on wages (the party pays no Social Security taxes)".to_string()
        },
        ss_m,
        format!(
            "Tex. Fam. Code §154.062(d)(1); {}; rounded to cents ({SPEC})",
            tax.validity.cite()
        ),
    );
    let additional_applies = additional > Decimal::ZERO;
    ws.step(
        "texas.medicare",
        format!(
            "Medicare: {} x annual wages{} / 12",
            tax.medicare_rate.normalize(),
            if has_se { " + SE part" } else { "" }
        ),
        med_m,
        format!(
            "Tex. Fam. Code §154.062(d)(1); {}; rounded to cents ({SPEC})",
            tax.validity.cite()
        ),
    );
    if additional_applies {
        flags.push(Flag::AdditionalMedicareTax);
        ws.exact(
            "texas.additional_medicare",
            format!(
                "Additional Medicare tax included: {} x (wages + SE base - {}), per year",
                tax.additional_medicare_rate.normalize(),
                tax.additional_medicare_threshold.normalize()
            ),
            additional,
            format!("26 U.S.C. §3101(b)(2); included as federal law has it, whether the OAG chart does is UNVERIFIED ({SPEC})"),
        );
    }

    // Federal income tax (§154.062(d)(2)).
    let half_deducted =
        se_method.is_some_and(|m| r.half_se_tax_deduction.unwrap_or(m.half_se_tax_deduction));
    let se_tax = ss_se + med_se;
    let half_se = if half_deducted {
        se_tax / Decimal::TWO
    } else {
        Decimal::ZERO
    };
    let taxable_income = wages_taxable + se_taxable + other_taxable - half_se;
    let taxable_after = taxable_income - tax.standard_deduction - tax.personal_exemption;
    let fit_annual = tax.income_tax(taxable_after.max(Decimal::ZERO));
    let fit_m = Money::round(fit_annual / twelve);
    ws.exact(
        "texas.taxable_income",
        format!(
            "Taxable income: taxable resources{} - standard deduction {} - exemption {}",
            if half_deducted {
                " - half the SE tax"
            } else {
                ""
            },
            tax.standard_deduction.normalize(),
            tax.personal_exemption.normalize()
        ),
        taxable_after.max(Decimal::ZERO),
        format!(
            "Tex. Fam. Code §154.062(d)(2): single person, one personal exemption, standard deduction; only taxable resources ({SPEC})"
        ),
    );
    ws.step(
        "texas.federal_income_tax",
        "Federal income tax / 12",
        fit_m,
        format!("{}; rounded to cents ({SPEC})", tax.validity.cite()),
    );
    let self_employment = se_method.map(|m| {
        flags.push(Flag::SelfEmployedMethodUnverified);
        ws.step(
            "texas.self_employed_method",
            "Self-employed method (SE base, 12.4% / 2.9%, half-SE-tax deduction)",
            format!(
                "SE base {}; half deducted: {half_deducted}",
                se_base.normalize()
            ),
            format!("{} ({SPEC})", m.validity.cite()),
        );
        SelfEmploymentTax {
            annual_net_income: se.normalize(),
            se_base: se_base.normalize(),
            annual_se_tax: se_tax.normalize(),
            half_deducted,
            unverified: true,
        }
    });

    // Deductions (§154.062(d)(3)-(6)).
    if !r.pays_social_security || d.nondiscretionary_retirement.is_zero() {
        // allowed
    } else {
        return Err(Error::invalid(
            "deductions.nondiscretionary_retirement",
            d.nondiscretionary_retirement,
            "zero unless pays_social_security is false: §154.062(d)(6) allows the deduction only when the party pays no Social Security taxes",
        ));
    }
    let mut deductions = Decimal::ZERO;
    for (field, value, cite) in &deduction_fields {
        if !value.is_zero() {
            let name = field.trim_start_matches("deductions.");
            ws.exact(
                &format!("texas.deduction.{name}"),
                format!("Deduction: {}", name.replace('_', " ")),
                *value,
                format!("Tex. Fam. Code {cite}"),
            );
            deductions += *value;
        }
    }
    let mut nr =
        monthly_gross - ss_m.as_decimal() - med_m.as_decimal() - fit_m.as_decimal() - deductions;
    let below_zero = nr < Decimal::ZERO;
    if below_zero {
        ws.exact(
            "texas.net_resources_below_zero",
            "Computed net resources below zero",
            nr,
            format!("taken as zero ({SPEC})"),
        );
        flags.push(Flag::NetResourcesBelowZero);
        nr = Decimal::ZERO;
    }
    ws.exact(
        "texas.net_resources",
        "Monthly net resources = monthly gross - SS - Medicare - FIT - deductions",
        nr,
        format!("Tex. Fam. Code §154.062(d); OAG tax-chart method ({SPEC})"),
    );
    let annual_resources = Some(
        r.annual_resources
            .unwrap_or_else(|| annual_gross.max(Decimal::ZERO)),
    );
    Ok(NetResources {
        method,
        tax_year: Some(year),
        tax_parameter_set: Some(tax.name.clone()),
        annual_gross: Some(annual_gross.normalize()),
        monthly_gross: Some(monthly_gross.normalize()),
        annual_taxable_income: Some(taxable_income.normalize()),
        social_security: ss_m,
        medicare: med_m,
        additional_medicare_applies: additional_applies,
        federal_income_tax: fit_m,
        self_employment,
        deductions: deductions.normalize(),
        net_resources: Money::round(nr),
        net_resources_exact: nr.normalize(),
        below_zero,
        annual_resources: annual_resources.map(|a| a.normalize()),
        flags,
        worksheet: ws,
    })
}

/// The tax parameters a resources description would use on `date` (for callers who show the
/// chart inputs).
pub fn tax_parameters<'a>(
    rules: &'a Rules,
    date: Date,
    resources: &Resources,
) -> Result<&'a TaxParameters, Error> {
    rules.federal_tax.for_year(
        resources.tax_year.unwrap_or(date.year()),
        resources.tax_parameter_set.as_deref(),
    )
}
