//! Texas guideline child support: Family Code ch. 154.
//!
//! - [`net_resources`]: §§154.061-154.070 by the Attorney General's tax-chart method.
//! - this module: §154.125 percentages and cap, §154.126 above the cap, §154.128 / §154.129
//!   multiple households, §154.130 findings.
//! - [`medical`]: §§154.181-154.1825 medical and dental support.
//! - [`step_down`]: §154.127 reduced amounts as children's support ends.
//!
//! ```text
//! cap        = cap in force on the order date                        §154.125(a), (a-1)
//! capped NR  = min(NR, cap)
//! schedule   = NR < 1,000 and order on/after 2021-09-01 ? low-income (15..35%) : standard (20..40%)
//! one household:   support = P(n) x capped NR   (6+ children: at least the 5-child amount)
//! other children m: §154.128: one = P(n+m) x capped NR; credit = one / (n+m) x m;
//!                   adjusted = capped NR - credit; support = P(n) x adjusted
//!                   §154.129(a): table[m][n] % x capped NR (caller's choice; both reported)
//! above the cap:   obligor pays at most max(presumptive, 100% of proven needs)   §154.126(b)
//! ```
//!
//! Every value is the exact rational the formula gives ([`Exact`]); net resources are rounded to
//! cents first (they are a finding stated in dollars and cents, §154.130(b)(1)), and only the
//! final amounts after them, half away from zero. [`TexasParams`] resolves the rules of a date
//! once, for many cases.
//!
//! - [`compute`] returns the result with its worksheet; [`compute_lean`] the same numbers
//!   without one; [`compute_with`] takes resolved parameters and any [`Tracer`]. Flags and
//!   findings are decided by the computation; the tracer only records.
//!
//! Readings chosen where the law is silent (`docs/readings.md`, R-TX-n), each cited in the
//! worksheet:
//! - Net resources rounded half away from zero to cents, computed or given (R-TX-1); then exact
//!   arithmetic throughout; only final amounts are rounded, half away from zero (R-1).
//! - The cap and the schedule are those in force on the order date; the low-income threshold
//!   compares the rounded net resources (strictly below $1,000) (R-TX-6).
//! - Multiple households with net resources below $1,000: the §154.129(b) table is not known,
//!   so §154.128 is computed with the low-income schedule in both steps, flagged non-statutory.
//!   More than 7 children on either side of the §154.129 table: the §154.128 formula, flagged
//!   non-statutory. Above the cap the multiple-household computation applies to the capped NR.
//! - 6 or more children: the result is a floor (the 5-child percentage) unless the caller gives
//!   the court's percentage (at least the floor); the court's percentage is also used for step-
//!   downs while 6 or more children remain.
//! - §154.126 extra support is the court's allocation (an input); step-downs are the
//!   presumptive amounts for the remaining children (without the §154.126 extra).
//! - The deviation finding compares the ordered amount with the guideline amount under
//!   §154.125 / §154.129 (the presumptive amount).

pub mod medical;
pub mod net_resources;
pub mod params;
pub mod step_down;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::catalogue::texas as step;
use crate::date::Date;
use crate::error::Error;
use crate::exact::Exact;
use crate::money::{require_amount, require_fraction, Money};
use crate::rules::{MissingRule, Rules};
use crate::worksheet::{NoTrace, Tracer, Value, Worksheet};

use medical::{MedicalInput, MedicalResult};
use net_resources::{NetResources, Resources};
use step_down::ChildDates;

use params::exact_of;
pub use params::TexasParams;

/// The most children (before the court, or other) a request may name.
pub const MAX_CHILDREN: u32 = 50;

/// Conditions a Texas result reports, for callers to act on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Flag {
    /// The 0.9% additional Medicare tax was included.
    AdditionalMedicareTax,
    /// Self-employment income was taxed by the UNVERIFIED self-employed method.
    SelfEmployedMethodUnverified,
    /// Computed net resources were below zero and taken as zero.
    NetResourcesBelowZero,
    /// §154.068 minimum-wage presumption.
    MinimumWagePresumption,
    /// A named alternative tax parameter set marked UNVERIFIED was used.
    AlternativeTaxParameters,
    /// The §154.125(c) low-income schedule applied.
    LowIncomeSchedule,
    /// 6 or more children: the amount is a floor (at least the 5-child amount).
    SixOrMoreChildrenFloor,
    /// The obligor's net resources exceed the cap.
    AboveCap,
    /// The multiple-household amount is not the statute's (low income, or past the table).
    NonStatutoryMultipleHousehold,
    /// The §154.128 computation and the §154.129 table give different amounts.
    MultipleHouseholdMethodsDiffer,
    /// The ordered amount differs from the guideline amount (§154.130 findings required).
    Deviation,
}

/// Which multiple-household method the caller chooses (both are reported when they differ).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum MultipleHouseholdMethod {
    /// §154.128 computation (the default).
    #[default]
    Formula,
    /// §154.129 table.
    Table,
}

/// The method that produced an amount.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub enum Method {
    /// §154.125: one household.
    #[serde(rename = "single_household")]
    SingleHousehold,
    /// §154.128 computation.
    #[serde(rename = "formula_154_128")]
    Formula154128,
    /// §154.129 table.
    #[serde(rename = "table_154_129")]
    Table154129,
}

/// A request for Texas guideline support. JSON shape (every amount a decimal string or an exact
/// JSON number):
///
/// ```json
/// {"order_date": "2026-01-15",
///  "obligor": {"incomes": [{"amount": "6000", "frequency": "monthly", "kind": "wages"}],
///              "deductions": {"union_dues": "50", "child_health_insurance": "300"}},
///  "children": 2, "other_children": 1, "multiple_household_method": "formula",
///  "obligee_net_resources": "2500", "ordered_amount": "900",
///  "medical": {"health": {"kind": "obligee_coverage", "monthly_cost": "200"},
///              "dental": {"monthly_cost": "40"}},
///  "children_dates": [{"birth_date": "2012-05-01"}, {"birth_date": "2015-02-28"}],
///  "due_day": 1}
/// ```
///
/// `obligor` is a [`Resources`]: exactly one of `net_resources` (found directly), `incomes`
/// (items with `amount`, `frequency` weekly | biweekly | semimonthly | monthly | annual,
/// `kind` wages | self_employment | other, `taxable` default true), or
/// `no_evidence_of_resources: true` (§154.068); plus `pays_social_security` (default true),
/// `deductions` (`union_dues`, `child_health_insurance`, `child_dental_insurance`,
/// `cash_medical_support`, `nondiscretionary_retirement`, `state_income_tax`, monthly),
/// `confined_over_90_days`, `annual_resources`, `tax_year`, `tax_parameter_set`
/// (`2025_sd_15750`) and `half_se_tax_deduction`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct TexasInput {
    /// The date the order is rendered: it picks the cap, the schedule and (its calendar year)
    /// the tax year.
    pub order_date: Date,
    /// The obligor's resources.
    pub obligor: Resources,
    /// Children before the court (1 or more).
    pub children: u32,
    /// Other children the obligor has a legal duty to support (§154.128(b)).
    #[serde(default)]
    pub other_children: u32,
    /// Child support the obligor receives, monthly, added to net resources in a multiple-
    /// household case (§154.070).
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Option<crate::schema::ExactDecimal>")
    )]
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::money::exact_opt"
    )]
    pub child_support_received: Option<Decimal>,
    /// §154.128 (`formula`, default) or §154.129 (`table`).
    #[serde(default)]
    pub multiple_household_method: MultipleHouseholdMethod,
    /// For 6 or more children, the court's percentage (a fraction, at least the 5-child one).
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Option<crate::schema::ExactDecimal>")
    )]
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::money::exact_opt"
    )]
    pub court_percentage: Option<Decimal>,
    /// The child's proven total monthly needs, when net resources exceed the cap (§154.126).
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Option<crate::schema::ExactDecimal>")
    )]
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::money::exact_opt"
    )]
    pub proven_needs: Option<Decimal>,
    /// The part of the needs above the presumptive amount the court allocates to the obligor,
    /// monthly (§154.126(b)).
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Option<crate::schema::ExactDecimal>")
    )]
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::money::exact_opt"
    )]
    pub court_allocated_extra: Option<Decimal>,
    /// The obligee's monthly net resources, for the §154.130 findings (optional).
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Option<crate::schema::ExactDecimal>")
    )]
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::money::exact_opt"
    )]
    pub obligee_net_resources: Option<Decimal>,
    /// The amount the court orders, if known: the result says whether it deviates.
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Option<crate::schema::ExactDecimal>")
    )]
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::money::exact_opt"
    )]
    pub ordered_amount: Option<Decimal>,
    /// Medical and dental support.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub medical: Option<MedicalInput>,
    /// The children before the court, for §154.127 step-downs (one per child, or none).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub children_dates: Vec<ChildDates>,
    /// The day of the month installments are due (1-31, default 1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due_day: Option<u32>,
}

impl TexasInput {
    /// A one-household request with net resources found directly.
    pub fn simple(order_date: Date, net_resources: Decimal, children: u32) -> TexasInput {
        TexasInput {
            order_date,
            obligor: Resources::given(net_resources),
            children,
            other_children: 0,
            child_support_received: None,
            multiple_household_method: MultipleHouseholdMethod::Formula,
            court_percentage: None,
            proven_needs: None,
            court_allocated_extra: None,
            obligee_net_resources: None,
            ordered_amount: None,
            medical: None,
            children_dates: vec![],
            due_day: None,
        }
    }
}

/// The §154.128 computation's steps.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct FormulaDetail {
    /// All children the obligor must support.
    pub total_children: u32,
    /// (1) the one-household percentage for all of them (a fraction).
    pub one_household_percentage: Exact,
    /// (1) the one-household amount, exact.
    pub one_household_amount: Exact,
    /// (2) the credit for the other children, exact.
    pub credit: Exact,
    /// (3) adjusted net resources, exact.
    pub adjusted_net_resources: Exact,
    /// (4) the percentage for the children before the court (a fraction).
    pub percentage: Exact,
    /// (4) the amount, exact.
    pub amount_exact: Exact,
    /// The amount, rounded.
    pub amount: Money,
}

/// The §154.129 table's figures.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct TableDetail {
    /// The table percentage (percent, 27.38).
    pub percent: Exact,
    /// The amount, exact.
    pub amount_exact: Exact,
    /// The amount, rounded.
    pub amount: Money,
}

/// Why a multiple-household amount is not the statute's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum NonStatutory {
    LowIncome,
    BeyondTable,
    NoTable,
}

impl NonStatutory {
    fn text(self) -> &'static str {
        match self {
            NonStatutory::LowIncome => "net resources below the low-income threshold: the §154.129(b) table is not known; §154.128 computed with the low-income schedule in both steps (library reading R-TX-7)",
            NonStatutory::BeyondTable => "the §154.129 table stops at 7 children on each side: the §154.128 computation is used, not the statute's table (library reading R-TX-7)",
            NonStatutory::NoTable => "no §154.129 table in the rules for the date: §154.128 computation used",
        }
    }

    fn step(self) -> &'static crate::worksheet::StepDef {
        match self {
            NonStatutory::LowIncome => &step::MH_NON_STATUTORY_LOW_INCOME,
            NonStatutory::BeyondTable => &step::MH_NON_STATUTORY_BEYOND_TABLE,
            NonStatutory::NoTable => &step::MH_NON_STATUTORY_NO_TABLE,
        }
    }
}

/// Both multiple-household methods.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct MultipleHousehold {
    /// The method used for the guideline amount.
    pub method_used: Method,
    /// The §154.128 computation (always).
    pub formula: FormulaDetail,
    /// The §154.129 table, where it applies (standard schedule, 7 or fewer each side).
    pub table: Option<TableDetail>,
    /// Whether the two methods give different rounded amounts.
    pub methods_differ: bool,
    /// Why the amount is not the statute's, when it is not.
    pub non_statutory: Option<String>,
}

/// §154.126: support above the cap.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct AboveCap {
    /// The presumptive amount on the capped net resources.
    pub presumptive: Money,
    /// The child's proven needs.
    pub proven_needs: Money,
    /// Needs above the presumptive amount.
    pub needs_gap: Money,
    /// The most the obligor may be ordered: max(presumptive, proven needs).
    pub obligor_maximum: Money,
    /// The court's allocation to the obligor (input).
    pub court_allocated_extra: Money,
    /// Presumptive + allocation, limited to the maximum.
    pub total: Money,
    /// Whether the maximum limited the allocation.
    pub limited_by_maximum: bool,
}

/// One §154.127 step.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct StepDown {
    /// The first installment of the reduced amount.
    pub effective_date: Date,
    /// The children (indices into `children_dates`) whose support ends with this step.
    pub children_ending: Vec<usize>,
    /// The dates their support ends.
    pub support_ends: Vec<Date>,
    /// Children remaining.
    pub children_remaining: u32,
    /// The percentage of capped net resources (percent, exact).
    pub percentage: Exact,
    /// The reduced monthly amount, rounded (zero when no child remains).
    pub amount: Money,
    /// The reduced amount, exact.
    pub amount_exact: Exact,
    /// Whether the amount is a floor (6 or more children remaining).
    pub is_floor: bool,
}

/// The §154.130 findings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct Findings {
    /// (1) The obligor's monthly net resources.
    pub obligor_net_resources: Money,
    /// (2) The obligee's monthly net resources, when given.
    pub obligee_net_resources: Option<Money>,
    /// (3) The percentage applied to the obligor's net resources (percent, rounded half away
    /// from zero to 2 places; above the cap, of the capped net resources).
    pub percentage_applied: Exact,
    /// The guideline amount (§154.125 or §154.129).
    pub guideline_amount: Money,
    /// The amount ordered, when given.
    pub ordered_amount: Option<Money>,
    /// (4) Whether the ordered amount varies from the guideline amount.
    pub deviation: bool,
    /// Ordered minus guideline, when an ordered amount is given.
    pub deviation_amount: Option<Money>,
}

/// The Texas guideline result, with its worksheet (empty from [`compute_lean`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct TexasResult {
    /// The version of the rules used.
    pub rules_version: String,
    /// The order date.
    pub order_date: Date,
    /// The obligor's net resources and how they were found.
    pub net_resources: NetResources,
    /// §154.070 child support received, added in a multiple-household case.
    pub child_support_received: Money,
    /// The net resources the percentages see (before the cap): the rounded net resources plus
    /// child support received.
    pub guideline_net_resources: Exact,
    /// The cap in force.
    pub cap: Money,
    /// Whether net resources exceed the cap.
    pub above_cap: bool,
    /// min(net resources, cap).
    pub capped_net_resources: Exact,
    /// `standard` or `low_income`.
    pub schedule: std::borrow::Cow<'static, str>,
    /// Children before the court.
    pub children: u32,
    /// Other children.
    pub other_children: u32,
    /// The method used.
    pub method: Method,
    /// The percentage of capped net resources applied (percent, exact).
    pub percentage: Exact,
    /// The guideline (presumptive) amount per month, rounded half away from zero.
    pub amount: Money,
    /// The guideline amount, exact.
    pub amount_exact: Exact,
    /// Whether `amount` is a floor (6 or more children without a court percentage).
    pub is_floor: bool,
    /// Both multiple-household methods, when there are other children.
    pub multiple_household: Option<MultipleHousehold>,
    /// §154.126 figures, when proven needs are given above the cap.
    pub above_cap_support: Option<AboveCap>,
    /// Child support per month: the guideline amount, or the §154.126 total.
    pub total_child_support: Money,
    /// Medical and dental support, when requested.
    pub medical: Option<MedicalResult>,
    /// Child support plus medical and dental support, per month.
    pub total_monthly: Money,
    /// §154.127 step-downs, in order (the last has no children remaining).
    pub step_downs: Vec<StepDown>,
    /// §154.130 findings.
    pub findings: Findings,
    /// Conditions to act on.
    pub flags: Vec<Flag>,
    /// Rules missing for the date, and what the result lacks because of them.
    pub missing_rules: Vec<MissingRule>,
    /// Every step, its value and its citation.
    pub worksheet: Worksheet,
}

/// What the percentages are applied with.
struct Basis<'a> {
    schedule: &'a [Exact; 5],
    low_income: bool,
    capped: Exact,
    table: Option<&'a [Vec<Exact>]>,
    court_percentage: Option<Exact>,
    method: MultipleHouseholdMethod,
}

/// One amount computed for `n` children before the court.
struct Computed {
    amount_exact: Exact,
    fraction: Exact,
    method: Method,
    is_floor: bool,
    multiple: Option<MultipleHousehold>,
    non_statutory: Option<NonStatutory>,
}

const HUNDRED: Exact = Exact::int(100);

impl Basis<'_> {
    fn pct(&self, k: u32) -> Exact {
        self.schedule[(k.clamp(1, 5) - 1) as usize].clone()
    }

    fn pct_before_court(&self, n: u32) -> Exact {
        match &self.court_percentage {
            Some(p) if n >= 6 => p.clone(),
            _ => self.pct(n),
        }
    }

    /// The exact §154.125 / §154.128 / §154.129 amount for `n` children before the court and
    /// `m` others (`with_detail`: also the multiple-household figures, rounded).
    fn compute(&self, n: u32, m: u32, with_detail: bool) -> Result<Computed, Error> {
        let p_n = self.pct_before_court(n);
        let is_floor = n >= 6 && self.court_percentage.is_none();
        if n == 0 {
            return Ok(Computed {
                amount_exact: Exact::ZERO,
                fraction: Exact::ZERO,
                method: Method::SingleHousehold,
                is_floor: false,
                multiple: None,
                non_statutory: None,
            });
        }
        if m == 0 {
            return Ok(Computed {
                amount_exact: (&p_n * &self.capped).checked()?,
                fraction: p_n,
                method: Method::SingleHousehold,
                is_floor,
                multiple: None,
                non_statutory: None,
            });
        }
        let total = n + m;
        let p_t = self.pct(total);
        let one = &p_t * &self.capped;
        let credit = &(&one / &Exact::from(total)) * &Exact::from(m);
        let adjusted = &self.capped - &credit;
        let formula_exact = (&p_n * &adjusted).checked()?;
        let formula_fraction =
            &p_n * &(Exact::ONE - &(&(&p_t * &Exact::from(m)) / &Exact::from(total)));
        let table_cell = if self.low_income || self.court_percentage.is_some() {
            None
        } else {
            self.table.and_then(|t| {
                t.get(m as usize)
                    .and_then(|row| row.get(n as usize - 1))
                    .cloned()
            })
        };
        let use_table = self.method == MultipleHouseholdMethod::Table && table_cell.is_some();
        let non_statutory = if self.low_income {
            Some(NonStatutory::LowIncome)
        } else if self.method == MultipleHouseholdMethod::Table && table_cell.is_none() {
            // The court's percentage never reaches here: `compute_with` refuses it with the
            // table method and other children, and without other children this returned above.
            Some(if self.table.is_none() {
                NonStatutory::NoTable
            } else {
                NonStatutory::BeyondTable
            })
        } else {
            None
        };
        let table_exact = match &table_cell {
            Some(f) => Some((f * &self.capped).checked()?),
            None => None,
        };
        let (amount_exact, fraction, method) = match (&table_cell, &table_exact, use_table) {
            (Some(f), Some(x), true) => (x.clone(), f.clone(), Method::Table154129),
            _ => (
                formula_exact.clone(),
                formula_fraction,
                Method::Formula154128,
            ),
        };
        let multiple = if with_detail {
            let formula_amount = formula_exact.round_cents()?;
            let table = match (table_cell, table_exact) {
                (Some(f), Some(x)) => Some(TableDetail {
                    percent: f * HUNDRED,
                    amount: x.round_cents()?,
                    amount_exact: x,
                }),
                _ => None,
            };
            Some(MultipleHousehold {
                method_used: method,
                formula: FormulaDetail {
                    total_children: total,
                    one_household_percentage: p_t,
                    one_household_amount: one,
                    credit,
                    adjusted_net_resources: adjusted,
                    percentage: p_n,
                    amount_exact: formula_exact,
                    amount: formula_amount,
                },
                methods_differ: table.as_ref().is_some_and(|t| t.amount != formula_amount),
                table,
                non_statutory: non_statutory.map(|w| w.text().to_string()),
            })
        } else {
            None
        };
        Ok(Computed {
            amount_exact,
            fraction,
            method,
            is_floor,
            multiple,
            non_statutory,
        })
    }
}

/// Computes Texas guideline support for `input` under `rules`, with its worksheet.
pub fn compute(rules: &Rules, input: &TexasInput) -> Result<TexasResult, Error> {
    let params = TexasParams::resolve(rules, input.order_date)?;
    let mut ws = Worksheet::with_capacity(48);
    let mut result = compute_with(&params, input, &mut ws)?;
    result.worksheet = ws;
    Ok(result)
}

/// The same numbers as [`compute`], without building the worksheet (for caseloads).
pub fn compute_lean(rules: &Rules, input: &TexasInput) -> Result<TexasResult, Error> {
    let params = TexasParams::resolve(rules, input.order_date)?;
    compute_with(&params, input, &mut NoTrace)
}

fn optional_amount(field: &str, value: Option<Decimal>) -> Result<Option<Exact>, Error> {
    match value {
        Some(v) => Ok(Some(exact_of(require_amount(field, v)?))),
        None => Ok(None),
    }
}

/// Computes with the rules already resolved for the input's order date, reporting each step to
/// `trace`. The result's `worksheet` is left empty: a [`Worksheet`] tracer holds the steps.
pub fn compute_with<T: Tracer>(
    params: &TexasParams<'_>,
    input: &TexasInput,
    trace: &mut T,
) -> Result<TexasResult, Error> {
    let date = input.order_date;
    if params.date != date {
        return Err(Error::invalid(
            "order_date",
            date,
            format!("the date the parameters were resolved for, {}", params.date),
        ));
    }
    let tx = &params.rules.texas;
    let cap_rule = params
        .cap_rule
        .ok_or_else(|| params.no_rule(&tx.net_resources_cap, "texas.net_resources_cap"))?;
    let standard_rule = params
        .schedule_rule
        .ok_or_else(|| params.no_rule(&tx.schedule, "texas.schedule"))?;
    let n = input.children;
    let m = input.other_children;
    if !(1..=MAX_CHILDREN).contains(&n) {
        return Err(Error::invalid(
            "children",
            n,
            format!("1 to {MAX_CHILDREN} children before the court"),
        ));
    }
    if m > MAX_CHILDREN {
        return Err(Error::invalid(
            "other_children",
            m,
            format!("0 to {MAX_CHILDREN} other children"),
        ));
    }
    let due_day = input.due_day.unwrap_or(1);
    if !(1..=31).contains(&due_day) {
        return Err(Error::invalid(
            "due_day",
            due_day,
            "a day of the month, 1 to 31",
        ));
    }
    if !input.children_dates.is_empty() && input.children_dates.len() != n as usize {
        return Err(Error::invalid(
            "children_dates",
            format!("{} entries", input.children_dates.len()),
            format!("none, or one per child before the court ({n})"),
        ));
    }
    let received = match input.child_support_received {
        Some(r) => {
            let r = require_amount("child_support_received", r)?;
            if m == 0 && !r.is_zero() {
                return Err(Error::invalid(
                    "child_support_received",
                    r,
                    "zero unless other_children > 0: §154.070 adds child support received only in a multiple-household case",
                ));
            }
            exact_of(r)
        }
        None => Exact::ZERO,
    };
    let proven_needs = optional_amount("proven_needs", input.proven_needs)?;
    let court_allocated_extra =
        optional_amount("court_allocated_extra", input.court_allocated_extra)?;
    let obligee_nr = optional_amount("obligee_net_resources", input.obligee_net_resources)?;
    let ordered = optional_amount("ordered_amount", input.ordered_amount)?;

    let nr = net_resources::compute_with(params, &input.obligor, trace)
        .map_err(|e| e.within("obligor"))?;
    let mut flags = nr.flags.clone();
    let mut missing = Vec::new();

    // §154.070, then the cap (§154.125(a)).
    let nr_g = if received.is_zero() {
        Exact::from(nr.net_resources)
    } else {
        Exact::from(nr.net_resources) + &received
    };
    if !received.is_zero() {
        trace.exact(&step::CHILD_SUPPORT_RECEIVED, &received);
        trace.exact(&step::GUIDELINE_NET_RESOURCES, &nr_g);
    }
    let cap = &params.cap;
    let above_cap = nr_g > *cap;
    let capped = nr_g.clone().min(cap.clone());
    trace.exact_rule(&step::CAP, cap, &cap_rule.validity);
    if above_cap {
        flags.push(Flag::AboveCap);
    }
    trace.exact(&step::CAPPED_NET_RESOURCES, &capped);

    // §154.125(b), (c): the schedule.
    let low = params.low_income.as_ref().filter(|l| nr_g < l.below);
    let (schedule, schedule_name) = match low {
        Some(l) => {
            flags.push(Flag::LowIncomeSchedule);
            trace.record_rule(
                &step::SCHEDULE_LOW_INCOME,
                Value::Word("low_income"),
                &l.rule.validity,
            );
            (&l.percentages, "low_income")
        }
        None => {
            trace.record_rule(
                &step::SCHEDULE_STANDARD,
                Value::Word("standard"),
                &standard_rule.validity,
            );
            (&params.standard, "standard")
        }
    };

    let court_percentage = match input.court_percentage {
        None => None,
        Some(p) => {
            let p = require_fraction("court_percentage", p)?;
            if n < 6 {
                return Err(Error::invalid(
                    "court_percentage",
                    p,
                    "only with 6 or more children before the court (§154.125: not less than the 5-child amount); fewer children have a fixed percentage",
                ));
            }
            let px = Exact::from(p);
            if px < schedule[4] {
                return Err(Error::invalid(
                    "court_percentage",
                    p,
                    format!(
                        "at least {} (the 5-child percentage of the {schedule_name} schedule)",
                        schedule[4]
                    ),
                ));
            }
            if m > 0 && input.multiple_household_method == MultipleHouseholdMethod::Table {
                return Err(Error::invalid(
                    "court_percentage",
                    p,
                    "the §154.128 method (multiple_household_method = formula): the §154.129 table has no place for a court percentage",
                ));
            }
            Some(px)
        }
    };
    let basis = Basis {
        schedule,
        low_income: low.is_some(),
        capped: capped.clone(),
        table: params.table_rule.map(|_| &params.table[..]),
        court_percentage,
        method: input.multiple_household_method,
    };
    trace.record(&step::CHILDREN, Value::Count(n));
    if m > 0 {
        trace.record(&step::OTHER_CHILDREN, Value::Count(m));
    }
    let c = basis.compute(n, m, true)?;
    let amount = c.amount_exact.round_cents()?;
    if c.is_floor {
        flags.push(Flag::SixOrMoreChildrenFloor);
    }
    if let Some(mh) = &c.multiple {
        if mh.methods_differ {
            flags.push(Flag::MultipleHouseholdMethodsDiffer);
        }
    }
    if c.non_statutory.is_some() {
        flags.push(Flag::NonStatutoryMultipleHousehold);
    }
    if T::ON {
        trace_amount(params, &c, n, trace);
    }
    trace.record(&step::AMOUNT, Value::Money(amount));

    // §154.126: above the cap.
    let above_cap_support = match proven_needs {
        None => {
            if let Some(x) = input.court_allocated_extra {
                return Err(Error::invalid(
                    "court_allocated_extra",
                    x,
                    "only with proven_needs (§154.126(b) allocates the needs above the presumptive amount)",
                ));
            }
            None
        }
        Some(needs) => {
            if !above_cap {
                return Err(Error::invalid(
                    "proven_needs",
                    input.proven_needs.unwrap_or_default(),
                    format!(
                        "only when the obligor's net resources exceed the cap ({}): §154.126",
                        params.cap_money
                    ),
                ));
            }
            let needs = needs.round_cents()?;
            let extra = court_allocated_extra.unwrap_or(Exact::ZERO).round_cents()?;
            let maximum = amount.max(needs);
            let gap = (needs - amount).max(Money::ZERO);
            let wanted = amount + extra;
            let total = wanted.min(maximum);
            trace.record(&step::PROVEN_NEEDS, Value::Money(needs));
            trace.record(&step::NEEDS_GAP, Value::Money(gap));
            trace.record(&step::OBLIGOR_MAXIMUM, Value::Money(maximum));
            trace.record(&step::COURT_ALLOCATED_EXTRA, Value::Money(extra));
            trace.record(&step::ABOVE_CAP_TOTAL, Value::Money(total));
            Some(AboveCap {
                presumptive: amount,
                proven_needs: needs,
                needs_gap: gap,
                obligor_maximum: maximum,
                court_allocated_extra: extra,
                total,
                limited_by_maximum: wanted > maximum,
            })
        }
    };
    let total_child_support = above_cap_support.as_ref().map_or(amount, |a| a.total);

    // Medical and dental support.
    let medical = match &input.medical {
        None => None,
        Some(med) => {
            let annual = match med.annual_resources {
                Some(a) => exact_of(require_amount("medical.annual_resources", a)?),
                None => nr.annual_resources.clone().ok_or_else(|| {
                    Error::invalid(
                        "medical.annual_resources",
                        "missing",
                        "the obligor's annual gross resources (§154.062(b)) when net resources are given directly: give medical.annual_resources or obligor.annual_resources",
                    )
                })?,
            };
            Some(medical::compute(params, med, annual, trace, &mut missing)?)
        }
    };
    let total_monthly = total_child_support + medical.as_ref().map_or(Money::ZERO, |m| m.total);

    // §154.127 step-downs.
    let mut step_downs = Vec::new();
    if !input.children_dates.is_empty() {
        let age = params
            .age_of_majority
            .ok_or_else(|| params.no_rule(&tx.age_of_majority, "texas.age_of_majority"))?;
        let terms = step_down::terminations(&input.children_dates, date, due_day, age.years)?;
        let mut remaining = n;
        let mut i = 0;
        while i < terms.len() {
            let eff = terms[i].effective;
            let group = terms[i..].iter().take_while(|t| t.effective == eff).count();
            let group = &terms[i..i + group];
            i += group.len();
            remaining -= group.len() as u32;
            let s = basis.compute(remaining, m, false)?;
            let sd = StepDown {
                effective_date: eff,
                children_ending: group.iter().map(|t| t.index).collect(),
                support_ends: group.iter().map(|t| t.ends).collect(),
                children_remaining: remaining,
                percentage: s.fraction * HUNDRED,
                amount: s.amount_exact.round_cents()?,
                amount_exact: s.amount_exact,
                is_floor: s.is_floor,
            };
            trace.record_with(&step::STEP_DOWN, || {
                Value::Text(format!(
                    "from {eff}: {remaining} remaining (support ends {}): {}",
                    sd.support_ends
                        .iter()
                        .map(Date::to_string)
                        .collect::<Vec<_>>()
                        .join(", "),
                    sd.amount
                ))
            });
            step_downs.push(sd);
        }
    }

    // §154.130 findings.
    let ordered = match ordered {
        Some(o) => Some(o.round_cents()?),
        None => None,
    };
    let deviation = ordered.is_some_and(|o| o != amount);
    if deviation {
        flags.push(Flag::Deviation);
    }
    let percentage = c.fraction * HUNDRED;
    let findings = Findings {
        obligor_net_resources: nr.net_resources,
        obligee_net_resources: match obligee_nr {
            Some(o) => Some(o.round_cents()?),
            None => None,
        },
        percentage_applied: percentage
            .to_decimal_places(2)
            .map(Exact::from)
            .ok_or_else(Error::too_large)?,
        guideline_amount: amount,
        ordered_amount: ordered,
        deviation,
        deviation_amount: ordered.map(|o| o - amount),
    };
    trace.record_with(&step::FINDINGS, || {
        Value::Text(format!(
            "{} / {} / {}% / {}",
            findings.obligor_net_resources,
            findings
                .obligee_net_resources
                .map_or("not given".to_string(), |m| m.to_string()),
            findings.percentage_applied,
            amount
        ))
    });
    if let Some(o) = ordered {
        if deviation {
            trace.record(&step::DEVIATION_YES, Value::Money(o - amount));
        } else {
            trace.record(&step::DEVIATION_NO, Value::Money(o));
        }
    }
    if T::ON {
        for mr in &missing {
            trace.record(&step::MISSING_RULE, Value::Text(mr.rule.clone()));
        }
    }

    Ok(TexasResult {
        rules_version: params.rules.meta.version.clone(),
        order_date: date,
        child_support_received: if received.is_zero() {
            Money::ZERO
        } else {
            received.round_cents()?
        },
        guideline_net_resources: nr_g,
        cap: params.cap_money,
        above_cap,
        capped_net_resources: capped,
        schedule: std::borrow::Cow::Borrowed(schedule_name),
        children: n,
        other_children: m,
        method: c.method,
        percentage,
        amount,
        amount_exact: c.amount_exact,
        is_floor: c.is_floor,
        multiple_household: c.multiple,
        above_cap_support,
        total_child_support,
        medical,
        total_monthly,
        step_downs,
        findings,
        flags,
        missing_rules: missing,
        net_resources: nr,
        worksheet: Worksheet::new(),
    })
}

/// Records the steps of the amount (the percentage, or the §§154.128-154.129 figures).
fn trace_amount<T: Tracer>(params: &TexasParams<'_>, c: &Computed, n: u32, trace: &mut T) {
    match &c.multiple {
        None => {
            let def = if c.is_floor {
                &step::PERCENTAGE_FLOOR
            } else if n >= 6 {
                &step::PERCENTAGE_COURT
            } else {
                &step::PERCENTAGE
            };
            trace.record_with(def, || Value::Exact(&c.fraction * &HUNDRED));
            trace.exact(&step::AMOUNT_EXACT, &c.amount_exact);
        }
        Some(mh) => {
            let f = &mh.formula;
            trace.exact(&step::MH_ONE_HOUSEHOLD, &f.one_household_amount);
            trace.exact(&step::MH_CREDIT, &f.credit);
            trace.exact(&step::MH_ADJUSTED, &f.adjusted_net_resources);
            trace.exact(&step::MH_FORMULA_AMOUNT, &f.amount_exact);
            if let (Some(t), Some(rule)) = (&mh.table, params.table_rule) {
                trace.record_rule(&step::MH_TABLE, Value::Money(t.amount), &rule.validity);
                if mh.methods_differ {
                    trace.record(
                        &step::MH_METHODS_DIFFER,
                        Value::Moneys(vec![f.amount, t.amount]),
                    );
                }
            }
            trace.record(
                match mh.method_used {
                    Method::Table154129 => &step::MH_METHOD_TABLE,
                    _ => &step::MH_METHOD_FORMULA,
                },
                Value::Word(match mh.method_used {
                    Method::Table154129 => "table",
                    _ => "formula",
                }),
            );
            if let Some(why) = c.non_statutory {
                trace.record(why.step(), Value::Word("non-statutory"));
            }
        }
    }
}

#[cfg(test)]
mod tests;
