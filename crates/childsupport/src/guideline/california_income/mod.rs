//! California net disposable income from gross income, then the §4055 guideline.
//!
//! ```text
//! annualise every income item exactly                                   Fam. Code §4058, §4060
//! FICA / SECA, or the §4059(b) alternative                              §4059(b)
//! federal income tax after credits (may be below zero)                  §4059(a)
//! California income tax after credits                                   §4059(a)
//! SDI or a voluntary plan                                               §4059(d)
//! deductions as entered                                                 §4059(c)-(f)
//! annual NDI = gross - all of the above; monthly NDI = annual / 12     §4059, §4060 (exact)
//! hardship (§4071(a)(2)) solved against the §4071(b) cap               §4059(g), §§4070-4073
//! §4055 guideline on the two monthly NDIs                              guideline::california
//! ```
//!
//! Each annual tax or contribution is computed exactly and rounded once, half away from zero,
//! to cents; monthly NDI is not rounded. A tax figure from a filed return replaces the computed
//! tax (Cal. Rules of Court, rule 5.275(b)(1)(B)); the worksheet says so.
//!
//! - [`compute`] returns the result with every worksheet; [`compute_lean`] the same numbers
//!   without them; [`compute_with`] takes resolved [`FromGrossParams`] and a tracer per part.
//! - Submodules: `deductions` (income items, deductions), `payroll` (FICA/SECA/SDI),
//!   `federal_tax`, `california_tax`, `hardship` (§4071(b) fixed point), [`params`].

mod california_tax;
mod deductions;
mod federal_tax;
mod hardship;
pub mod params;
mod payroll;
#[cfg(test)]
mod tests;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::catalogue::california_income as step;
use crate::date::Date;
use crate::error::Error;
use crate::exact::Exact;
use crate::guideline::california::{
    self, AddOn, CaliforniaInput, CaliforniaParams, CaliforniaResult, LowIncomeChoice,
    SpousalSupport, TimeShare,
};
use crate::guideline::Parent;
use crate::money::{require_amount, Money};
use crate::rules::california::AddOnSplit;
use crate::rules::Rules;
use crate::worksheet::{NoTrace, Tracer, Value, Worksheet};

pub use deductions::{Deduction, DeductionKind, IncomeItem, IncomeKind, Period};
pub use params::IncomeParams;

/// A filing status (a qualifying surviving spouse uses the joint tables).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum FilingStatus {
    /// Single.
    Single,
    /// Married filing jointly (with the new spouse's income for the tax only, §4057.5).
    Mfj,
    /// Married filing separately.
    Mfs,
    /// Head of household.
    Hoh,
    /// Qualifying surviving spouse.
    Qss,
}

impl FilingStatus {
    /// Reads a filing status, naming `field` when it is not one.
    pub fn parse(field: &str, s: &str) -> Result<FilingStatus, Error> {
        Ok(match s {
            "single" => FilingStatus::Single,
            "mfj" => FilingStatus::Mfj,
            "mfs" => FilingStatus::Mfs,
            "hoh" => FilingStatus::Hoh,
            "qss" => FilingStatus::Qss,
            other => {
                return Err(Error::invalid(
                    field,
                    other,
                    "single, mfj (married filing jointly), mfs (married filing separately), hoh (head of household) or qss (qualifying surviving spouse)",
                ))
            }
        })
    }

    /// A joint return with a spouse (a qualifying surviving spouse files alone, on the joint
    /// tables).
    fn joint(self) -> bool {
        self == FilingStatus::Mfj
    }

    fn as_str(self) -> &'static str {
        match self {
            FilingStatus::Single => "single",
            FilingStatus::Mfj => "married filing jointly",
            FilingStatus::Mfs => "married filing separately",
            FilingStatus::Hoh => "head of household",
            FilingStatus::Qss => "qualifying surviving spouse",
        }
    }
}

/// How a married parent's tax is found (spec reading: share of the joint return by default).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum JointMethod {
    /// The parent's share of the joint return's tax.
    #[default]
    Share,
    /// The parent's tax as on a separate return (married filing separately), the spouse's
    /// income left out.
    Separate,
}

/// How the income taxes are read from the rates.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum TaxMethod {
    /// The rate schedules, exact to cents (the default).
    #[default]
    Schedule,
    /// The IRS Tax Table (taxable income under $100,000) and the FTB Tax Table ($100,000 or
    /// less); the schedules above.
    Table,
}

fn yes() -> bool {
    true
}

/// Tax dependents a parent claims (a court allocation, or children of other households).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Dependents {
    /// Qualifying children for the child tax credit (under 17).
    #[serde(default)]
    pub ctc_children: u32,
    /// Other dependents (credit for other dependents).
    #[serde(default)]
    pub other_dependents: u32,
    /// Qualifying children for the earned income credit.
    #[serde(default)]
    pub eitc_children: u32,
    /// California dependent exemption credits.
    #[serde(default)]
    pub ca_dependents: u32,
}

/// The new spouse on a joint return: income for the tax only (§4057.5; County of Tulare v.
/// Campbell).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Spouse {
    /// The spouse's income items (wages and other income; self-employment is not supported).
    #[serde(default)]
    pub incomes: Vec<IncomeItem>,
}

/// One child of another relationship living with the parent (§4071(a)(2)).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct HardshipChild {
    /// The share of the per-child cap allowed, above 0 and at most 1 (1 by default; the DCSS
    /// calculator uses 0.5 when the child's other parent contributes).
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::ExactDecimal"))]
    #[serde(default = "one", with = "crate::money::exact")]
    pub weight: Decimal,
    /// The child's minimum basic living expenses per month, when less than the cap allows.
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Option<crate::schema::ExactDecimal>")
    )]
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::money::exact_opt"
    )]
    pub expenses: Option<Decimal>,
}

fn one() -> Decimal {
    Decimal::ONE
}

/// A parent's hardship deductions (§§4070-4073), per month.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Hardship {
    /// Extraordinary health expenses and uninsured catastrophic losses, per month (§4071(a)(1)).
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Option<crate::schema::ExactDecimal>")
    )]
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::money::exact_opt"
    )]
    pub extraordinary_expenses: Option<Decimal>,
    /// Children of other relationships living with the parent (§4071(a)(2)).
    #[serde(default)]
    pub children: Vec<HardshipChild>,
    /// The court's amount for those children per month, still capped by §4071(b).
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Option<crate::schema::ExactDecimal>")
    )]
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::money::exact_opt"
    )]
    pub amount: Option<Decimal>,
    /// The support the cap is measured on: `presumed` (after any low-income adjustment, the
    /// default) or `basic` (before it, the DCSS "Match Basic" setting).
    #[serde(default)]
    pub basis: HardshipBasis,
    /// The legacy one-pass computation (the cap from the support before any hardship), labelled
    /// as such; it can exceed the cap at the resulting support.
    #[serde(default)]
    pub one_pass: bool,
}

/// The support the §4071(b) cap is measured on.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum HardshipBasis {
    /// The support ordered or presumed (after a low-income adjustment): the default.
    #[default]
    Presumed,
    /// The guideline amount before any low-income adjustment.
    Basic,
}

/// One parent's gross income and what the taxes need to know.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct GrossIncome {
    /// `single`, `mfj`, `mfs`, `hoh` or `qss`: the status the parent actually files.
    pub filing_status: String,
    /// Income items (§4058), each with its period.
    #[serde(default)]
    pub incomes: Vec<IncomeItem>,
    /// Deductions (§4059(c)-(f)) and pre-tax items, each with its period.
    #[serde(default)]
    pub deductions: Vec<Deduction>,
    /// Whether the wages are subject to Social Security (true by default).
    #[serde(default = "yes")]
    pub fica_covered: bool,
    /// Whether the wages are subject to Medicare (true by default).
    #[serde(default = "yes")]
    pub medicare_covered: bool,
    /// A parent outside Social Security: the part of the mandatory retirement contributions
    /// (per year) that secures retirement or disability benefits (§4059(b), second clause).
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Option<crate::schema::ExactDecimal>")
    )]
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::money::exact_opt"
    )]
    pub fica_substitute_contribution: Option<Decimal>,
    /// Whether the wages are subject to State Disability Insurance (true by default).
    #[serde(default = "yes")]
    pub sdi_covered: bool,
    /// A voluntary disability plan's contribution per year, instead of SDI.
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Option<crate::schema::ExactDecimal>")
    )]
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::money::exact_opt"
    )]
    pub vpdi_contribution: Option<Decimal>,
    /// Dependents claimed; absent: the parent with more time claims the children of the case.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dependents: Option<Dependents>,
    /// Whether the earned income credit is applied (true by default).
    #[serde(default = "yes")]
    pub eitc: bool,
    /// Whether the qualified business income deduction is applied (true by default).
    #[serde(default = "yes")]
    pub qbi: bool,
    /// `schedule` (exact to cents, the default) or `table` (the IRS and FTB tax tables below
    /// $100,000: the tax at the row's midpoint in whole dollars).
    #[serde(default)]
    pub tax_method: TaxMethod,
    /// Federal and California tax below zero (refundable credits larger than the tax) taken as
    /// zero (false by default: the tax actually payable may be below zero).
    #[serde(default)]
    pub floor_tax_at_zero: bool,
    /// How a married parent's tax is found: `share` of the joint return (the default) or
    /// `separate` (the parent's own return, married filing separately).
    #[serde(default)]
    pub joint_method: JointMethod,
    /// The parent's share of a joint return as the court finds it, 0 to 1 (default: own
    /// adjusted gross income / joint).
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Option<crate::schema::ExactDecimal>")
    )]
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::money::exact_opt"
    )]
    pub joint_share: Option<Decimal>,
    /// Self-employment profit under $400 a year left out of income altogether, as the DCSS
    /// calculator does (false by default: it counts as income; only the SE tax is not due).
    #[serde(default)]
    pub dcss_small_se_exclusion: bool,
    /// Whether the parent is an eligible renter (false by default).
    #[serde(default)]
    pub ca_renter: bool,
    /// Federal itemized deductions per year, used when larger than the standard deduction.
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Option<crate::schema::ExactDecimal>")
    )]
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::money::exact_opt"
    )]
    pub federal_itemized: Option<Decimal>,
    /// California itemized deductions per year.
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Option<crate::schema::ExactDecimal>")
    )]
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::money::exact_opt"
    )]
    pub ca_itemized: Option<Decimal>,
    /// Other federal deductions per year (tips, overtime, senior, car-loan interest).
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Option<crate::schema::ExactDecimal>")
    )]
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::money::exact_opt"
    )]
    pub other_federal_deductions: Option<Decimal>,
    /// Other nonrefundable federal credits per year.
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Option<crate::schema::ExactDecimal>")
    )]
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::money::exact_opt"
    )]
    pub other_nonrefundable_credits_fed: Option<Decimal>,
    /// Other nonrefundable California credits per year.
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Option<crate::schema::ExactDecimal>")
    )]
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::money::exact_opt"
    )]
    pub other_nonrefundable_credits_ca: Option<Decimal>,
    /// Refundable California credits per year (CalEITC, YCTC).
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Option<crate::schema::ExactDecimal>")
    )]
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::money::exact_opt"
    )]
    pub refundable_credits_ca: Option<Decimal>,
    /// The new spouse, on a joint return.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub spouse: Option<Spouse>,
    /// The parent's federal income tax per year from a filed return (may be below zero).
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Option<crate::schema::ExactDecimal>")
    )]
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::money::exact_opt"
    )]
    pub tax_override_federal: Option<Decimal>,
    /// The parent's California income tax per year from a filed return.
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Option<crate::schema::ExactDecimal>")
    )]
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::money::exact_opt"
    )]
    pub tax_override_state: Option<Decimal>,
    /// Hardship deductions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hardship: Option<Hardship>,
}

impl GrossIncome {
    /// A parent filing as `filing_status` (`single`, `mfj`, `mfs`, `hoh` or `qss`, checked when
    /// the calculation runs) with these incomes, and every other field as a request that leaves
    /// it out has it: no deductions, covered by FICA, Medicare and SDI, the EITC and the QBI
    /// deduction claimed where they apply, the standard deductions, the computed taxes.
    pub fn new(filing_status: &str, incomes: Vec<IncomeItem>) -> GrossIncome {
        GrossIncome {
            filing_status: filing_status.to_string(),
            incomes,
            deductions: Vec::new(),
            fica_covered: true,
            medicare_covered: true,
            fica_substitute_contribution: None,
            sdi_covered: true,
            vpdi_contribution: None,
            dependents: None,
            eitc: true,
            qbi: true,
            tax_method: TaxMethod::default(),
            floor_tax_at_zero: false,
            joint_method: JointMethod::default(),
            joint_share: None,
            dcss_small_se_exclusion: false,
            ca_renter: false,
            federal_itemized: None,
            ca_itemized: None,
            other_federal_deductions: None,
            other_nonrefundable_credits_fed: None,
            other_nonrefundable_credits_ca: None,
            refundable_credits_ca: None,
            spouse: None,
            tax_override_federal: None,
            tax_override_state: None,
            hardship: None,
        }
    }
}

/// A request for California guideline support from gross income.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct CaliforniaFromGrossInput {
    /// The date the support is computed for.
    pub calculation_date: Date,
    /// The tax year (the calendar year of `calculation_date` unless given).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tax_year: Option<i32>,
    /// The first parent's income.
    pub parent_a: GrossIncome,
    /// The second parent's income.
    pub parent_b: GrossIncome,
    /// As [`CaliforniaInput::time_share`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time_share: Option<TimeShare>,
    /// As [`CaliforniaInput::child_time_shares`].
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub child_time_shares: Vec<TimeShare>,
    /// The number of children of this order.
    pub children: u32,
    /// As [`CaliforniaInput::birth_dates`].
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub birth_dates: Vec<Date>,
    /// As [`CaliforniaInput::add_ons`].
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub add_ons: Vec<AddOn>,
    /// As [`CaliforniaInput::spousal_support`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub spousal_support: Option<SpousalSupport>,
    /// As [`CaliforniaInput::add_on_split`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub add_on_split: Option<AddOnSplit>,
    /// As [`CaliforniaInput::ordered_basic_support`].
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Option<crate::schema::ExactDecimal>")
    )]
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::money::exact_opt"
    )]
    pub ordered_basic_support: Option<Decimal>,
    /// As [`CaliforniaInput::low_income_adjustment`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub low_income_adjustment: Option<LowIncomeChoice>,
}

impl CaliforniaFromGrossInput {
    /// A request with the fields every request has; the others are empty or absent, as in a
    /// request that leaves them out, and can be set by name.
    pub fn new(
        calculation_date: Date,
        parent_a: GrossIncome,
        parent_b: GrossIncome,
        time_share: TimeShare,
        children: u32,
    ) -> CaliforniaFromGrossInput {
        CaliforniaFromGrossInput {
            calculation_date,
            tax_year: None,
            parent_a,
            parent_b,
            time_share: Some(time_share),
            child_time_shares: Vec::new(),
            children,
            birth_dates: Vec::new(),
            add_ons: Vec::new(),
            spousal_support: None,
            add_on_split: None,
            ordered_basic_support: None,
            low_income_adjustment: None,
        }
    }
}

/// One parent's net disposable income.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct NetIncome {
    /// The filing status used.
    pub filing_status: FilingStatus,
    /// Annual gross income (§4058), exact.
    pub gross_income: Exact,
    /// Federal income tax after credits (below zero with refundable credits), per year.
    pub federal_tax: Money,
    /// Whether `federal_tax` is the caller's figure from a filed return.
    pub federal_tax_entered: bool,
    /// California income tax, per year.
    pub california_tax: Money,
    /// Whether `california_tax` is the caller's figure.
    pub california_tax_entered: bool,
    /// Social Security.
    pub social_security: Money,
    /// Medicare.
    pub medicare: Money,
    /// Additional Medicare tax (the parent's share on a joint return).
    pub additional_medicare: Money,
    /// Self-employment tax.
    pub self_employment_tax: Money,
    /// The §4059(b) alternative for a parent outside Social Security.
    pub fica_alternative: Money,
    /// SDI or the voluntary plan's contribution.
    pub sdi: Money,
    /// §4059(c) mandatory retirement (less any part deducted under (b)).
    pub mandatory_retirement: Exact,
    /// §4059(c) union dues.
    pub union_dues: Exact,
    /// §4059(d) health insurance.
    pub health_insurance: Exact,
    /// §4059(e) support paid for other relationships.
    pub other_support_paid: Exact,
    /// §4059(f) job-related expenses.
    pub job_expenses: Exact,
    /// The parent's share of a joint return, when filing jointly.
    pub joint_share: Option<Exact>,
    /// Annual net disposable income, exact.
    pub annual_net_income: Exact,
    /// Monthly net disposable income = annual / 12, exact (not rounded).
    pub monthly_net_income: Exact,
    /// The hardship deductions, when the parent has any.
    pub hardship: Option<HardshipResult>,
    /// The monthly figure given to the guideline: after hardship, and zero if below zero.
    pub net_income_for_guideline: Exact,
    /// Whether the computed net income was below zero (zero is used; for the court).
    pub below_zero: bool,
    /// This parent's steps.
    pub worksheet: Worksheet,
}

/// A parent's hardship deductions, per month.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct HardshipResult {
    /// §4071(a)(1) extraordinary expenses.
    pub extraordinary_expenses: Exact,
    /// §4071(a)(2) deduction for other children: the largest whole-cent h with h <= allowed(h).
    pub children_deduction: Money,
    /// The §4071(b) cap per child at that deduction.
    pub cap_per_child: Money,
    /// The sum of the children's weights.
    pub children_weight: Exact,
    /// The support the cap was measured on.
    pub basis: HardshipBasis,
    /// Whether the legacy one-pass computation was asked for (`cap_per_child` is then the cap
    /// before any hardship).
    pub one_pass: bool,
}

/// The result: each parent's net disposable income and the §4055 guideline on them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct CaliforniaFromGrossResult {
    /// The version of the rules used.
    pub rules_version: String,
    /// The tax year.
    pub tax_year: i32,
    /// Parent A.
    pub parent_a: NetIncome,
    /// Parent B.
    pub parent_b: NetIncome,
    /// How many rounds the hardship solution took (both parents with hardship children).
    pub hardship_rounds: u32,
    /// The guideline on the two monthly figures.
    pub guideline: CaliforniaResult,
    /// Every step: parent A, parent B, then the guideline.
    pub worksheet: Worksheet,
}

/// The rules of one case date and tax year, resolved once.
#[derive(Debug, Clone)]
pub struct FromGrossParams<'r> {
    /// Tax parameters.
    pub income: IncomeParams<'r>,
    /// The §4055 parameters of the date.
    pub guideline: CaliforniaParams<'r>,
}

impl<'r> FromGrossParams<'r> {
    /// Resolves the rules for `date` and tax `year`.
    pub fn resolve(rules: &'r Rules, date: Date, year: i32) -> Result<FromGrossParams<'r>, Error> {
        Ok(FromGrossParams {
            income: IncomeParams::resolve(rules, year)?,
            guideline: CaliforniaParams::resolve(rules, date)?,
        })
    }
}

fn tax_year(input: &CaliforniaFromGrossInput) -> Result<i32, Error> {
    let y = input.tax_year.unwrap_or(input.calculation_date.year());
    if !(1900..=9999).contains(&y) {
        return Err(Error::invalid("tax_year", y, "a year such as 2025"));
    }
    Ok(y)
}

/// Computes both parents' net disposable income and the guideline, with worksheets.
pub fn compute(
    rules: &Rules,
    input: &CaliforniaFromGrossInput,
) -> Result<CaliforniaFromGrossResult, Error> {
    let params = FromGrossParams::resolve(rules, input.calculation_date, tax_year(input)?)?;
    let (mut a, mut b, mut g) = (Worksheet::new(), Worksheet::new(), Worksheet::new());
    let mut r = compute_with(&params, input, &mut a, &mut b, &mut g)?;
    let mut all = a.clone();
    all.extend(b.clone());
    all.extend(g.clone());
    r.parent_a.worksheet = a;
    r.parent_b.worksheet = b;
    r.guideline.worksheet = g;
    r.worksheet = all;
    Ok(r)
}

/// The same numbers as [`compute`], without worksheets (for caseloads).
pub fn compute_lean(
    rules: &Rules,
    input: &CaliforniaFromGrossInput,
) -> Result<CaliforniaFromGrossResult, Error> {
    let params = FromGrossParams::resolve(rules, input.calculation_date, tax_year(input)?)?;
    compute_with(&params, input, &mut NoTrace, &mut NoTrace, &mut NoTrace)
}

/// Computes with resolved rules; each parent's steps go to `trace_a` / `trace_b`, the
/// guideline's to `trace_g`. The result's worksheets are left empty.
pub fn compute_with<TA: Tracer, TB: Tracer, TG: Tracer>(
    params: &FromGrossParams<'_>,
    input: &CaliforniaFromGrossInput,
    trace_a: &mut TA,
    trace_b: &mut TB,
    trace_g: &mut TG,
) -> Result<CaliforniaFromGrossResult, Error> {
    if params.guideline.date != input.calculation_date || params.income.year != tax_year(input)? {
        return Err(Error::invalid(
            "calculation_date",
            input.calculation_date,
            format!(
                "the date and tax year the parameters were resolved for, {} and {}",
                params.guideline.date, params.income.year
            ),
        ));
    }
    let (claims_a, claims_b) = default_claims(input)?;
    trace_a.record(&step::PARENT, Value::Party(Parent::A));
    let mut a = net_income(&params.income, &input.parent_a, claims_a, trace_a)
        .map_err(|e| e.within("parent_a"))?;
    trace_b.record(&step::PARENT, Value::Party(Parent::B));
    let mut b = net_income(&params.income, &input.parent_b, claims_b, trace_b)
        .map_err(|e| e.within("parent_b"))?;

    let (ha, hb, rounds) = hardship::solve(
        &params.guideline,
        input,
        [
            (
                a.monthly_net_income.clone(),
                input.parent_a.hardship.as_ref(),
            ),
            (
                b.monthly_net_income.clone(),
                input.parent_b.hardship.as_ref(),
            ),
        ],
    )?;
    finish(&mut a, ha, trace_a)?;
    finish(&mut b, hb, trace_b)?;

    let guideline = guideline(
        &params.guideline,
        input,
        a.net_income_for_guideline.clone(),
        b.net_income_for_guideline.clone(),
        trace_g,
    )?;
    Ok(CaliforniaFromGrossResult {
        rules_version: params.income.rules.meta.version.clone(),
        tax_year: params.income.year,
        parent_a: a,
        parent_b: b,
        hardship_rounds: rounds,
        guideline,
        worksheet: Worksheet::new(),
    })
}

/// Records the hardship and the figure given to the guideline.
fn finish<T: Tracer>(
    n: &mut NetIncome,
    h: Option<HardshipResult>,
    trace: &mut T,
) -> Result<(), Error> {
    let mut monthly = n.monthly_net_income.clone();
    if let Some(h) = &h {
        if h.extraordinary_expenses.is_positive() {
            trace.exact(&step::HARDSHIP_EXTRAORDINARY, &h.extraordinary_expenses);
        }
        if h.children_weight.is_positive() {
            trace.exact(&step::HARDSHIP_CHILDREN, &h.children_weight);
            if h.one_pass {
                trace.record(&step::HARDSHIP_CAP_BEFORE, Value::Money(h.cap_per_child));
                trace.record(&step::HARDSHIP_ONE_PASS, Value::Money(h.children_deduction));
            } else {
                trace.record(
                    if h.basis == HardshipBasis::Basic {
                        &step::HARDSHIP_CAP_BASIC
                    } else {
                        &step::HARDSHIP_CAP
                    },
                    Value::Money(h.cap_per_child),
                );
                trace.record(
                    &step::HARDSHIP_DEDUCTION,
                    Value::Money(h.children_deduction),
                );
            }
        }
        monthly = monthly - &h.extraordinary_expenses - Exact::from(h.children_deduction);
        trace.exact(&step::NDI_AFTER_HARDSHIP, &monthly);
    }
    n.hardship = h;
    if monthly.is_negative() {
        n.below_zero = true;
        trace.exact(&step::NEGATIVE_NDI, &monthly);
        monthly = Exact::ZERO;
    }
    trace.exact(&step::NDI_TO_GUIDELINE, &monthly);
    n.net_income_for_guideline = monthly.checked()?;
    Ok(())
}

/// Who claims the children of the case by default: the parent with more time.
fn default_claims(input: &CaliforniaFromGrossInput) -> Result<(u32, u32), Error> {
    if input.parent_a.dependents.is_some() && input.parent_b.dependents.is_some() {
        return Ok((0, 0));
    }
    let share_a = match (&input.time_share, input.child_time_shares.as_slice()) {
        (Some(ts), []) => {
            let f = Exact::from(crate::money::require_fraction(
                "time_share.fraction",
                ts.fraction,
            )?);
            if ts.parent == Parent::A {
                f
            } else {
                Exact::ONE - f
            }
        }
        (None, list) if !list.is_empty() => {
            let mut sum = Exact::ZERO;
            for (i, ts) in list.iter().enumerate() {
                let f = Exact::from(crate::money::require_fraction(
                    &format!("child_time_shares[{i}].fraction"),
                    ts.fraction,
                )?);
                sum += if ts.parent == Parent::A {
                    f
                } else {
                    Exact::ONE - f
                };
            }
            sum / Exact::from(list.len() as u32)
        }
        // The guideline reports the missing or doubled time share.
        _ => return Ok((0, 0)),
    };
    let n = input.children;
    if share_a > Exact::HALF {
        Ok((n, 0))
    } else if share_a < Exact::HALF {
        Ok((0, n))
    } else {
        let field = if input.parent_a.dependents.is_none() {
            "parent_a.dependents"
        } else {
            "parent_b.dependents"
        };
        Err(Error::invalid(
            field,
            "none",
            "at equal time shares, the dependents each parent claims (the court's allocation)",
        ))
    }
}

/// The guideline on the two exact monthly figures: §4055 takes them as they are (annual / 12
/// need not terminate) and rounds only its amounts, once (library reading R-CI-5).
pub(crate) fn guideline<T: Tracer>(
    params: &CaliforniaParams<'_>,
    input: &CaliforniaFromGrossInput,
    a: Exact,
    b: Exact,
    trace: &mut T,
) -> Result<CaliforniaResult, Error> {
    california::compute_with_net_incomes(params, &guideline_input(input), a, b, trace)
}

/// The guideline request for the case (its net incomes are given apart, exactly).
fn guideline_input(input: &CaliforniaFromGrossInput) -> CaliforniaInput {
    CaliforniaInput {
        calculation_date: input.calculation_date,
        parent_a_net_income: Decimal::ZERO,
        parent_b_net_income: Decimal::ZERO,
        time_share: input.time_share,
        child_time_shares: input.child_time_shares.clone(),
        children: input.children,
        birth_dates: input.birth_dates.clone(),
        add_ons: input.add_ons.clone(),
        spousal_support: input.spousal_support,
        add_on_split: input.add_on_split,
        ordered_basic_support: input.ordered_basic_support,
        low_income_adjustment: input.low_income_adjustment,
    }
}

/// The largest integer not above `x`; `None` when `x` is undefined or its cents pass an `i64`
/// (income inputs are capped far below).
pub(crate) fn floor(x: &Exact) -> Option<i128> {
    // Whole cents toward zero, then whole units toward zero: the integer part, toward zero.
    let t = i128::from(x.round_cents_toward_zero().ok()?.cents() / 100);
    // Below zero with a fraction, the floor is one less.
    Some(if *x < Exact::ratio(t, 1) { t - 1 } else { t })
}

/// The smallest integer not below `x` ("each $1,000 or fraction thereof").
pub(crate) fn ceil(x: &Exact) -> Option<i128> {
    floor(&-x).map(|f| -f)
}

/// A yearly tax entered from a filed return: below zero is allowed (refundable credits), but not
/// beyond the input limit either way, so a 28-digit figure is refused, not carried into a result
/// no money holds (found by the `california_from_gross` fuzz target).
fn entered_tax(field: &str, t: Decimal) -> Result<Exact, Error> {
    if t.abs() > crate::money::MAX_AMOUNT {
        return Err(Error::invalid(
            field,
            t,
            "a yearly tax from -1,000,000,000,000 to 1,000,000,000,000",
        ));
    }
    Ok(Exact::from(t))
}

fn opt(field: &str, v: Option<Decimal>) -> Result<Exact, Error> {
    match v {
        Some(d) => Ok(Exact::from(require_amount(field, d)?)),
        None => Ok(Exact::ZERO),
    }
}

/// One parent's net disposable income before hardship.
pub fn net_income<T: Tracer>(
    p: &IncomeParams<'_>,
    g: &GrossIncome,
    claims: u32,
    trace: &mut T,
) -> Result<NetIncome, Error> {
    let filed = FilingStatus::parse("filing_status", &g.filing_status)?;
    let separate = filed == FilingStatus::Mfj && g.joint_method == JointMethod::Separate;
    if g.joint_method == JointMethod::Separate && filed != FilingStatus::Mfj {
        return Err(Error::invalid(
            "joint_method",
            "separate",
            "only with filing_status mfj (the parent's tax as on a separate return)",
        ));
    }
    // The separate-return method computes the parent's own return (married filing separately).
    let status = if separate { FilingStatus::Mfs } else { filed };
    let mut inc = deductions::incomes(&g.incomes)?;
    if g.dcss_small_se_exclusion
        && inc.se_profit.is_positive()
        && inc.se_profit < p.payroll().se_minimum
    {
        inc.gross -= &inc.se_profit;
        inc.se_profit = Exact::ZERO;
        trace.record(&step::SMALL_SE_EXCLUDED, Value::Word("left out"));
    }
    let ded = deductions::deductions(&g.deductions)?;
    let deps = g.dependents.unwrap_or(Dependents {
        ctc_children: claims,
        other_dependents: 0,
        eitc_children: claims,
        ca_dependents: claims,
    });
    match (&g.spouse, status.joint(), separate) {
        (None, true, _) => {
            return Err(Error::invalid(
                "spouse",
                "none",
                "the spouse's income for a joint return (filing_status mfj)",
            ))
        }
        (Some(_), false, false) => {
            return Err(Error::invalid(
                "spouse",
                "given",
                "only with a joint return (filing_status mfj; a qualifying surviving spouse files alone)",
            ))
        }
        _ => {}
    }
    if status == FilingStatus::Hoh
        && deps.ctc_children + deps.other_dependents + deps.eitc_children + deps.ca_dependents == 0
    {
        return Err(Error::invalid(
            "filing_status",
            "hoh",
            "head of household needs a qualifying person: give dependents (a child of this or another household)",
        ));
    }
    let pretax = &ded.pretax_health + &ded.mandatory_pretax + &ded.voluntary_pretax;
    if pretax > inc.wages {
        return Err(Error::invalid(
            "deductions",
            pretax,
            format!("pre-tax deductions of at most the wages, {}", inc.wages),
        ));
    }
    let mandatory = &ded.mandatory_pretax + &ded.mandatory_posttax;
    let substitute = match g.fica_substitute_contribution {
        Some(s) => {
            let s = Exact::from(require_amount("fica_substitute_contribution", s)?);
            if g.fica_covered && g.medicare_covered {
                return Err(Error::invalid(
                    "fica_substitute_contribution",
                    s,
                    "only for a parent not covered by Social Security or Medicare (fica_covered or medicare_covered false)",
                ));
            }
            if s > mandatory {
                return Err(Error::invalid(
                    "fica_substitute_contribution",
                    s,
                    format!("at most the mandatory retirement contributions, {mandatory}"),
                ));
            }
            Some(s)
        }
        None => None,
    };
    let fed_wages = &inc.wages - &pretax;
    let fica_wages = &inc.wages - &ded.pretax_health;
    let other = &inc.gross - &inc.wages - &inc.se_profit;

    trace.record(&step::TAX_YEAR, Value::Count(p.year as u32));
    trace.record(&step::FILING_STATUS, Value::Word(filed.as_str()));
    if separate {
        trace.record(
            &step::JOINT_SEPARATE,
            Value::Word(FilingStatus::Mfs.as_str()),
        );
    }
    let deps_step = if g.dependents.is_some() {
        &step::DEPENDENTS_GIVEN
    } else {
        &step::DEPENDENTS
    };
    trace.record_with(deps_step, || {
        Value::Text(format!(
            "{} / {} / {} / {}",
            deps.ctc_children, deps.other_dependents, deps.eitc_children, deps.ca_dependents
        ))
    });
    trace.exact(&step::GROSS, &inc.gross);
    trace.exact(&step::WAGES, &inc.wages);
    if inc.se_profit != Exact::ZERO {
        trace.exact(&step::SE_PROFIT, &inc.se_profit);
    }
    if other != Exact::ZERO {
        trace.exact(&step::OTHER_INCOME, &other);
    }
    if ded.pretax_health.is_positive() {
        trace.exact(&step::FICA_WAGES, &fica_wages);
    }

    // §4059(b).
    let pay = p.payroll();
    let fica = payroll::fica(
        pay,
        &payroll::PayrollFacts {
            fica_wages: fica_wages.clone(),
            se_profit: inc.se_profit.clone(),
            fica_covered: g.fica_covered,
            medicare_covered: g.medicare_covered,
            substitute,
        },
        trace,
    )?;

    // The spouse on a joint return: income for the tax only.
    let spouse = match &g.spouse {
        Some(_) if separate => None,
        Some(s) => {
            let si = deductions::incomes(&s.incomes).map_err(|e| e.within("spouse"))?;
            if si.se_profit != Exact::ZERO {
                return Err(Error::invalid(
                    "spouse.incomes",
                    "self_employment",
                    "the spouse's wages and other income (self-employment of a new spouse is not supported: enter the joint tax from the return)",
                ));
            }
            Some(si)
        }
        None => None,
    };
    let (sp_wages, sp_fed, sp_ca, sp_inv) = spouse
        .as_ref()
        .map(|s| {
            (
                s.wages.clone(),
                s.other_fed_taxable.clone(),
                s.other_ca_taxable.clone(),
                s.investment.clone(),
            )
        })
        .unwrap_or((Exact::ZERO, Exact::ZERO, Exact::ZERO, Exact::ZERO));

    // Wages and self-employment less half the SE tax: earned income, in both AGIs.
    let own_earned = &fed_wages + &inc.se_profit - &fica.half_se;
    let own_agi = &own_earned + &inc.other_fed_taxable;
    let agi = &own_agi + &sp_wages + &sp_fed;
    let own_ca_agi = &own_earned + &inc.other_ca_taxable;
    let ca_agi = own_ca_agi + &sp_ca + &sp_wages;
    let share = if status.joint() {
        let s = if let Some(js) = g.joint_share {
            Exact::from(crate::money::require_fraction("joint_share", js)?)
        } else if agi.is_positive() {
            (&own_agi / &agi).max(Exact::ZERO).min(Exact::ONE)
        } else {
            Exact::HALF
        };
        trace.exact(&step::JOINT_SHARE, &s);
        Some(s)
    } else {
        None
    };
    let parent_part = |x: Money| -> Result<Money, Error> {
        match &share {
            Some(s) => (Exact::from(x) * s).round_cents(),
            None => Ok(x),
        }
    };

    // Additional Medicare on the return.
    let add_joint = payroll::additional_medicare(pay, status, &(&fica.additional_base + &sp_wages))
        .round_cents()?;
    if share.is_some() && add_joint.cents() != 0 {
        trace.record(&step::JOINT_ADDITIONAL_MEDICARE, Value::Money(add_joint));
    }
    let additional_medicare = parent_part(add_joint)?;
    if additional_medicare.cents() != 0 {
        trace.record_rule(
            &step::ADDITIONAL_MEDICARE,
            Value::Money(additional_medicare),
            &pay.rule.validity,
        );
    }

    // §4059(a): federal.
    let federal_tax = match g.tax_override_federal {
        Some(t) => {
            let m = entered_tax("tax_override_federal", t)?.round_cents()?;
            trace.record(&step::FED_TAX_ENTERED, Value::Money(m));
            m
        }
        None => {
            let f = p.federal.as_ref().map_err(Clone::clone)?;
            let sp_payroll = match &spouse {
                Some(s) => {
                    &pay.ss_rate * s.wages.clone().min(pay.ss_base.clone())
                        + &pay.medicare_rate * &s.wages
                }
                None => Exact::ZERO,
            };
            let ret = federal_tax::FederalReturn {
                status,
                agi: agi.clone(),
                earned: own_earned.clone().max(Exact::ZERO) + &sp_wages,
                investment: &inc.investment + &sp_inv,
                itemized: opt("federal_itemized", g.federal_itemized)?,
                other_deductions: opt("other_federal_deductions", g.other_federal_deductions)?,
                other_credits: opt(
                    "other_nonrefundable_credits_fed",
                    g.other_nonrefundable_credits_fed,
                )?,
                qbi_income: &inc.se_profit - &fica.half_se,
                qbi_on: g.qbi,
                table: g.tax_method == TaxMethod::Table,
                ctc_children: deps.ctc_children,
                other_dependents: deps.other_dependents,
                eitc_children: deps.eitc_children,
                eitc_on: g.eitc,
                payroll_taxes: Exact::from(fica.social_security)
                    + Exact::from(fica.medicare)
                    + Exact::from(add_joint)
                    + &fica.half_se
                    + sp_payroll,
            };
            let mut t = federal_tax::tax(f, &ret, p.year, trace)?.round_cents()?;
            if g.floor_tax_at_zero && t.cents() < 0 {
                t = Money::ZERO;
                trace.record(&step::TAX_FLOORED, Value::Money(t));
            }
            if share.is_some() {
                trace.record(&step::JOINT_FED_TAX, Value::Money(t));
            }
            let m = parent_part(t)?;
            trace.record_rule(&step::FED_TAX, Value::Money(m), &f.rule.validity);
            m
        }
    };

    // §4059(a): California.
    let california_tax = match g.tax_override_state {
        Some(t) => {
            let m = entered_tax("tax_override_state", t)?.round_cents()?;
            trace.record(&step::CA_TAX_ENTERED, Value::Money(m));
            m
        }
        None => {
            let c = p.california.as_ref().map_err(Clone::clone)?;
            let ret = california_tax::CaliforniaReturn {
                status,
                agi: ca_agi,
                federal_agi: agi,
                itemized: opt("ca_itemized", g.ca_itemized)?,
                dependents: deps.ca_dependents,
                renter: g.ca_renter,
                other_credits: opt(
                    "other_nonrefundable_credits_ca",
                    g.other_nonrefundable_credits_ca,
                )?,
                refundable_credits: opt("refundable_credits_ca", g.refundable_credits_ca)?,
                table: g.tax_method == TaxMethod::Table,
            };
            let mut t = california_tax::tax(c, &ret, trace)?.round_cents()?;
            if g.floor_tax_at_zero && t.cents() < 0 {
                t = Money::ZERO;
                trace.record(&step::TAX_FLOORED, Value::Money(t));
            }
            if share.is_some() {
                trace.record(&step::JOINT_CA_TAX, Value::Money(t));
            }
            let m = parent_part(t)?;
            trace.record_rule(&step::CA_TAX, Value::Money(m), &c.rule.validity);
            m
        }
    };

    // §4059(d): SDI on the same wage base as FICA.
    let vpdi = match g.vpdi_contribution {
        Some(v) => Some(Exact::from(require_amount("vpdi_contribution", v)?)),
        None => None,
    };
    let sdi = payroll::sdi(&p.sdi, g.sdi_covered, vpdi, fica_wages, trace)?;

    // §4059(c)-(f).
    let mandatory_rest = mandatory - Exact::from(fica.alternative);
    if mandatory_rest.is_positive() {
        trace.exact(&step::MANDATORY_RETIREMENT, &mandatory_rest);
    }
    if ded.union_dues.is_positive() {
        trace.exact(&step::UNION_DUES, &ded.union_dues);
    }
    let health = &ded.pretax_health + &ded.posttax_health;
    if health.is_positive() {
        trace.exact(&step::HEALTH, &health);
    }
    if ded.other_support.is_positive() {
        trace.exact(&step::OTHER_SUPPORT, &ded.other_support);
    }
    if ded.job_expenses.is_positive() {
        trace.exact(&step::JOB_EXPENSES, &ded.job_expenses);
    }

    let annual = (&inc.gross
        - Exact::from(federal_tax)
        - Exact::from(california_tax)
        - Exact::from(fica.social_security)
        - Exact::from(fica.medicare)
        - Exact::from(additional_medicare)
        - Exact::from(fica.se_tax)
        - Exact::from(fica.alternative)
        - &mandatory_rest
        - &ded.union_dues
        - &health
        - Exact::from(sdi)
        - &ded.other_support
        - &ded.job_expenses)
        .checked()?;
    trace.exact(&step::ANNUAL_NDI, &annual);
    let monthly = (&annual / Exact::int(12)).checked()?;
    trace.exact(&step::MONTHLY_NDI, &monthly);

    Ok(NetIncome {
        filing_status: filed,
        gross_income: inc.gross,
        federal_tax,
        federal_tax_entered: g.tax_override_federal.is_some(),
        california_tax,
        california_tax_entered: g.tax_override_state.is_some(),
        social_security: fica.social_security,
        medicare: fica.medicare,
        additional_medicare,
        self_employment_tax: fica.se_tax,
        fica_alternative: fica.alternative,
        sdi,
        mandatory_retirement: mandatory_rest,
        union_dues: ded.union_dues,
        health_insurance: health,
        other_support_paid: ded.other_support,
        job_expenses: ded.job_expenses,
        joint_share: share,
        annual_net_income: annual,
        monthly_net_income: monthly.clone(),
        hardship: None,
        net_income_for_guideline: monthly,
        below_zero: false,
        worksheet: Worksheet::new(),
    })
}
