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
//! Readings chosen where the law is silent (spec/README.md), each stated in the worksheet:
//! - Exact decimals throughout; only final amounts are rounded, half away from zero.
//! - The cap and the schedule are those in force on the order date; the low-income threshold
//!   compares the exact net resources (strictly below $1,000).
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
pub mod step_down;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::date::Date;
use crate::error::Error;
use crate::money::{require_amount, require_fraction, round_half_away, Money};
use crate::rules::texas::MultipleHouseholdTable;
use crate::rules::{in_force, MissingRule, Rules};
use crate::worksheet::Worksheet;

use medical::{MedicalInput, MedicalResult};
use net_resources::{NetResources, Resources};
use step_down::ChildDates;

const SPEC: &str = "spec/README.md reading";

/// The most children (before the court, or other) a request may name.
pub const MAX_CHILDREN: u32 = 50;

/// Conditions a Texas result reports, for callers to act on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
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
#[serde(deny_unknown_fields)]
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
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::money::exact_opt"
    )]
    pub court_percentage: Option<Decimal>,
    /// The child's proven total monthly needs, when net resources exceed the cap (§154.126).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::money::exact_opt"
    )]
    pub proven_needs: Option<Decimal>,
    /// The part of the needs above the presumptive amount the court allocates to the obligor,
    /// monthly (§154.126(b)).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::money::exact_opt"
    )]
    pub court_allocated_extra: Option<Decimal>,
    /// The obligee's monthly net resources, for the §154.130 findings (optional).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::money::exact_opt"
    )]
    pub obligee_net_resources: Option<Decimal>,
    /// The amount the court orders, if known: the result says whether it deviates.
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
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FormulaDetail {
    /// All children the obligor must support.
    pub total_children: u32,
    /// (1) the one-household percentage for all of them.
    #[serde(with = "crate::money::exact")]
    pub one_household_percentage: Decimal,
    /// (1) the one-household amount, exact.
    #[serde(with = "crate::money::exact")]
    pub one_household_amount: Decimal,
    /// (2) the credit for the other children, exact.
    #[serde(with = "crate::money::exact")]
    pub credit: Decimal,
    /// (3) adjusted net resources, exact.
    #[serde(with = "crate::money::exact")]
    pub adjusted_net_resources: Decimal,
    /// (4) the percentage for the children before the court.
    #[serde(with = "crate::money::exact")]
    pub percentage: Decimal,
    /// (4) the amount, exact.
    #[serde(with = "crate::money::exact")]
    pub amount_exact: Decimal,
    /// The amount, rounded.
    pub amount: Money,
}

/// The §154.129 table's figures.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TableDetail {
    /// The table percentage (percent, 27.38).
    #[serde(with = "crate::money::exact")]
    pub percent: Decimal,
    /// The amount, exact.
    #[serde(with = "crate::money::exact")]
    pub amount_exact: Decimal,
    /// The amount, rounded.
    pub amount: Money,
}

/// Both multiple-household methods.
#[derive(Debug, Clone, PartialEq, Serialize)]
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
#[derive(Debug, Clone, PartialEq, Serialize)]
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
#[derive(Debug, Clone, PartialEq, Serialize)]
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
    #[serde(with = "crate::money::exact")]
    pub percentage: Decimal,
    /// The reduced monthly amount, rounded (zero when no child remains).
    pub amount: Money,
    /// The reduced amount, exact.
    #[serde(with = "crate::money::exact")]
    pub amount_exact: Decimal,
    /// Whether the amount is a floor (6 or more children remaining).
    pub is_floor: bool,
}

/// The §154.130 findings.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Findings {
    /// (1) The obligor's monthly net resources.
    pub obligor_net_resources: Money,
    /// (2) The obligee's monthly net resources, when given.
    pub obligee_net_resources: Option<Money>,
    /// (3) The percentage applied to the obligor's net resources (percent, rounded to 2 places;
    /// above the cap, of the capped net resources).
    #[serde(with = "crate::money::exact")]
    pub percentage_applied: Decimal,
    /// The guideline amount (§154.125 or §154.129).
    pub guideline_amount: Money,
    /// The amount ordered, when given.
    pub ordered_amount: Option<Money>,
    /// (4) Whether the ordered amount varies from the guideline amount.
    pub deviation: bool,
    /// Ordered minus guideline, when an ordered amount is given.
    pub deviation_amount: Option<Money>,
}

/// The Texas guideline result, with its worksheet.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TexasResult {
    /// The version of the rules used.
    pub rules_version: String,
    /// The order date.
    pub order_date: Date,
    /// The obligor's net resources and how they were found.
    pub net_resources: NetResources,
    /// §154.070 child support received, added in a multiple-household case.
    pub child_support_received: Money,
    /// The net resources the percentages see (before the cap), exact.
    #[serde(with = "crate::money::exact")]
    pub guideline_net_resources: Decimal,
    /// The cap in force.
    pub cap: Money,
    /// Whether net resources exceed the cap.
    pub above_cap: bool,
    /// min(net resources, cap), exact.
    #[serde(with = "crate::money::exact")]
    pub capped_net_resources: Decimal,
    /// `standard` or `low_income`.
    pub schedule: String,
    /// Children before the court.
    pub children: u32,
    /// Other children.
    pub other_children: u32,
    /// The method used.
    pub method: Method,
    /// The percentage of capped net resources applied (percent, exact).
    #[serde(with = "crate::money::exact")]
    pub percentage: Decimal,
    /// The guideline (presumptive) amount per month, rounded half away from zero.
    pub amount: Money,
    /// The guideline amount, exact.
    #[serde(with = "crate::money::exact")]
    pub amount_exact: Decimal,
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
    schedule: &'a [Decimal],
    schedule_cite: String,
    low_income: bool,
    capped: Decimal,
    table: Option<&'a MultipleHouseholdTable>,
    court_percentage: Option<Decimal>,
    method: MultipleHouseholdMethod,
}

/// One amount computed for `n` children before the court.
struct Computed {
    amount_exact: Decimal,
    fraction: Decimal,
    method: Method,
    is_floor: bool,
    multiple: Option<MultipleHousehold>,
}

impl Basis<'_> {
    fn pct(&self, k: u32) -> Decimal {
        self.schedule[(k.clamp(1, 5) - 1) as usize]
    }

    fn pct_before_court(&self, n: u32) -> Decimal {
        match self.court_percentage {
            Some(p) if n >= 6 => p,
            _ => self.pct(n),
        }
    }

    fn compute(&self, n: u32, m: u32) -> Computed {
        let p_n = self.pct_before_court(n);
        let is_floor = n >= 6 && self.court_percentage.is_none();
        if n == 0 {
            return Computed {
                amount_exact: Decimal::ZERO,
                fraction: Decimal::ZERO,
                method: Method::SingleHousehold,
                is_floor: false,
                multiple: None,
            };
        }
        if m == 0 {
            return Computed {
                amount_exact: p_n * self.capped,
                fraction: p_n,
                method: Method::SingleHousehold,
                is_floor,
                multiple: None,
            };
        }
        let total = n + m;
        let p_t = self.pct(total);
        let one = p_t * self.capped;
        let credit = one / Decimal::from(total) * Decimal::from(m);
        let adjusted = self.capped - credit;
        let formula_exact = p_n * adjusted;
        let formula_fraction = p_n * (Decimal::ONE - p_t * Decimal::from(m) / Decimal::from(total));
        let formula = FormulaDetail {
            total_children: total,
            one_household_percentage: p_t,
            one_household_amount: one.normalize(),
            credit: credit.normalize(),
            adjusted_net_resources: adjusted.normalize(),
            percentage: p_n,
            amount_exact: formula_exact.normalize(),
            amount: Money::round(formula_exact),
        };
        let table_cell = if self.low_income || self.court_percentage.is_some() {
            None
        } else {
            self.table.and_then(|t| {
                t.percent_rows
                    .get(m as usize)
                    .and_then(|row| row.0.get(n as usize - 1))
                    .copied()
            })
        };
        let table = table_cell.map(|percent| {
            let exact = percent / Decimal::ONE_HUNDRED * self.capped;
            TableDetail {
                percent,
                amount_exact: exact.normalize(),
                amount: Money::round(exact),
            }
        });
        let mut non_statutory = None;
        if self.low_income {
            non_statutory = Some(format!(
                "net resources below the low-income threshold: the §154.129(b) table is not known; §154.128 computed with the low-income schedule in both steps ({SPEC})"
            ));
        }
        let use_table = self.method == MultipleHouseholdMethod::Table && table.is_some();
        if self.method == MultipleHouseholdMethod::Table && table.is_none() && !self.low_income {
            non_statutory = Some(if self.court_percentage.is_some() {
                "the §154.129 table has no place for the court's percentage: §154.128 computation used".to_string()
            } else if self.table.is_none() {
                "no §154.129 table in the rules for the date: §154.128 computation used".to_string()
            } else {
                format!("the §154.129 table stops at 7 children on each side ({n} before the court, {m} other): §154.128 formula used, not the statute's table")
            });
        }
        let methods_differ = table.as_ref().is_some_and(|t| t.amount != formula.amount);
        let (amount_exact, fraction, method) = match (&table, use_table) {
            (Some(t), true) => (
                t.amount_exact,
                t.percent / Decimal::ONE_HUNDRED,
                Method::Table154129,
            ),
            _ => (formula_exact, formula_fraction, Method::Formula154128),
        };
        Computed {
            amount_exact,
            fraction,
            method,
            is_floor,
            multiple: Some(MultipleHousehold {
                method_used: method,
                formula,
                table,
                methods_differ,
                non_statutory,
            }),
        }
    }
}

fn percent(fraction: Decimal) -> Decimal {
    (fraction * Decimal::ONE_HUNDRED).normalize()
}

/// Computes Texas guideline support for `input` under `rules`.
pub fn compute(rules: &Rules, input: &TexasInput) -> Result<TexasResult, Error> {
    let tx = &rules.texas;
    let date = input.order_date;
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
            r
        }
        None => Decimal::ZERO,
    };
    for (field, v) in [
        ("proven_needs", input.proven_needs),
        ("court_allocated_extra", input.court_allocated_extra),
        ("obligee_net_resources", input.obligee_net_resources),
        ("ordered_amount", input.ordered_amount),
    ] {
        if let Some(v) = v {
            require_amount(field, v)?;
        }
    }

    let mut nr =
        net_resources::compute(rules, date, &input.obligor).map_err(|e| e.within("obligor"))?;
    let mut ws = Worksheet::new();
    // The net-resources steps move into the one worksheet of the result.
    ws.extend(std::mem::take(&mut nr.worksheet));
    let mut flags = nr.flags.clone();
    let mut missing = Vec::new();

    let nr_g = nr.net_resources_exact + received;
    if !received.is_zero() {
        ws.exact(
            "texas.child_support_received",
            "Child support received by the obligor, added",
            received,
            "Tex. Fam. Code §154.070",
        );
        ws.exact(
            "texas.guideline_net_resources",
            "Net resources for the multiple-household computation",
            nr_g,
            "Tex. Fam. Code §154.070",
        );
    }
    let cap = in_force(&tx.net_resources_cap, "texas.net_resources_cap", date)?;
    let above_cap = nr_g > cap.monthly;
    let capped = nr_g.min(cap.monthly);
    ws.exact(
        "texas.cap",
        format!("Cap on monthly net resources in force on {date}"),
        cap.monthly,
        format!(
            "{}; the cap in force when the order is rendered ({SPEC})",
            cap.validity.cite()
        ),
    );
    if above_cap {
        flags.push(Flag::AboveCap);
    }
    ws.exact(
        "texas.capped_net_resources",
        "Net resources the percentages apply to: min(net resources, cap)",
        capped,
        "Tex. Fam. Code §§154.125(a), 154.126(a)",
    );

    let standard = in_force(&tx.schedule, "texas.schedule", date)?;
    let low = in_force(&tx.low_income_schedule, "texas.low_income_schedule", date)
        .ok()
        .filter(|l| nr_g < l.below);
    let (schedule, schedule_name, schedule_cite) = match low {
        Some(l) => {
            flags.push(Flag::LowIncomeSchedule);
            (
                &l.percentages[..],
                "low_income",
                format!(
                    "{}; net resources below {} (exact, strictly below)",
                    l.validity.cite(),
                    l.below.normalize()
                ),
            )
        }
        None => (
            &standard.percentages[..],
            "standard",
            standard.validity.cite(),
        ),
    };
    ws.step(
        "texas.schedule",
        "Percentage schedule",
        schedule_name,
        schedule_cite.clone(),
    );

    if let Some(p) = input.court_percentage {
        let p = require_fraction("court_percentage", p)?;
        if n < 6 {
            return Err(Error::invalid(
                "court_percentage",
                p,
                "only with 6 or more children before the court (§154.125: not less than the 5-child amount); fewer children have a fixed percentage",
            ));
        }
        if p < schedule[4] {
            return Err(Error::invalid(
                "court_percentage",
                p,
                format!(
                    "at least {} (the 5-child percentage of the {schedule_name} schedule)",
                    schedule[4].normalize()
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
    }
    let table = in_force(
        &tx.multiple_household_table,
        "texas.multiple_household_table",
        date,
    )
    .ok();
    let basis = Basis {
        schedule,
        schedule_cite,
        low_income: low.is_some(),
        capped,
        table,
        court_percentage: input.court_percentage,
        method: input.multiple_household_method,
    };
    ws.step(
        "texas.children",
        "Children before the court",
        n,
        "Tex. Fam. Code §154.125(b)",
    );
    if m > 0 {
        ws.step(
            "texas.other_children",
            "Other children the obligor must support",
            m,
            "Tex. Fam. Code §154.128(b)",
        );
    }
    let c = basis.compute(n, m);
    let amount = Money::round(c.amount_exact);
    worksheet_amount(&basis, &c, n, m, &mut ws, &mut flags, table);
    ws.step(
        "texas.amount",
        "Guideline support per month",
        amount,
        format!("rounded half away from zero to cents ({SPEC})"),
    );

    // §154.126: above the cap.
    let above_cap_support = match input.proven_needs {
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
                    needs,
                    format!(
                        "only when the obligor's net resources exceed the cap ({}): §154.126",
                        Money::round(cap.monthly)
                    ),
                ));
            }
            let needs = Money::round(needs);
            let extra = Money::round(input.court_allocated_extra.unwrap_or_default());
            let maximum = amount.max(needs);
            let gap = (needs - amount).max(Money::ZERO);
            let wanted = amount + extra;
            let total = wanted.min(maximum);
            ws.step(
                "texas.proven_needs",
                "Proven needs of the child; needs above the presumptive amount",
                format!("{needs}; {gap}"),
                "Tex. Fam. Code §154.126(b)",
            );
            ws.step(
                "texas.obligor_maximum",
                "Most the obligor may pay: max(presumptive, 100% of proven needs)",
                maximum,
                "Tex. Fam. Code §154.126(b)",
            );
            ws.step(
                "texas.above_cap_total",
                format!("Presumptive + court's allocation {extra}, at most the maximum"),
                total,
                "Tex. Fam. Code §154.126(a), (b) (the allocation is the court's, an input)",
            );
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
            let annual = med.annual_resources.or(nr.annual_resources).ok_or_else(|| {
                Error::invalid(
                    "medical.annual_resources",
                    "missing",
                    "the obligor's annual gross resources (§154.062(b)) when net resources are given directly: give medical.annual_resources or obligor.annual_resources",
                )
            })?;
            Some(medical::compute(
                rules,
                date,
                med,
                annual,
                &mut ws,
                &mut missing,
            )?)
        }
    };
    let total_monthly = total_child_support + medical.as_ref().map_or(Money::ZERO, |m| m.total);

    // §154.127 step-downs.
    let mut step_downs = Vec::new();
    if !input.children_dates.is_empty() {
        let age = in_force(&rules.texas.age_of_majority, "texas.age_of_majority", date)?;
        let terms = step_down::terminations(&input.children_dates, date, due_day, age.years)?;
        let mut remaining = n;
        let mut i = 0;
        while i < terms.len() {
            let eff = terms[i].effective;
            let group: Vec<&step_down::Termination> = terms[i..]
                .iter()
                .take_while(|t| t.effective == eff)
                .collect();
            i += group.len();
            remaining -= group.len() as u32;
            let s = basis.compute(remaining, m);
            let step = StepDown {
                effective_date: eff,
                children_ending: group.iter().map(|t| t.index).collect(),
                support_ends: group.iter().map(|t| t.ends).collect(),
                children_remaining: remaining,
                percentage: percent(s.fraction),
                amount: Money::round(s.amount_exact),
                amount_exact: s.amount_exact.normalize(),
                is_floor: s.is_floor,
            };
            ws.step(
                &format!("texas.step_down[{}]", step_downs.len()),
                format!(
                    "From {eff}: {remaining} child(ren) remaining (support ends {})",
                    step.support_ends
                        .iter()
                        .map(Date::to_string)
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
                step.amount,
                format!(
                    "Tex. Fam. Code §154.127; {}th birthday ({}; 29 Feb: 1 Mar in common years) or the given end date; first installment due after it, due day {due_day} ({SPEC})",
                    age.years,
                    age.validity.cite()
                ),
            );
            step_downs.push(step);
        }
    }

    // §154.130 findings.
    let ordered = input.ordered_amount.map(Money::round);
    let deviation = ordered.is_some_and(|o| o != amount);
    if deviation {
        flags.push(Flag::Deviation);
    }
    let findings = Findings {
        obligor_net_resources: nr.net_resources,
        obligee_net_resources: input.obligee_net_resources.map(Money::round),
        percentage_applied: round_half_away(percent(c.fraction), 2).normalize(),
        guideline_amount: amount,
        ordered_amount: ordered,
        deviation,
        deviation_amount: ordered.map(|o| o - amount),
    };
    ws.step(
        "texas.findings",
        "Findings: obligor NR / obligee NR / percentage applied / guideline amount",
        format!(
            "{} / {} / {}% / {}",
            findings.obligor_net_resources,
            findings
                .obligee_net_resources
                .map_or("not given".to_string(), |m| m.to_string()),
            findings.percentage_applied,
            amount
        ),
        "Tex. Fam. Code §154.130(b)",
    );
    if let Some(o) = ordered {
        ws.step(
            "texas.deviation",
            format!("Ordered amount {o} varies from the guideline amount"),
            deviation,
            "Tex. Fam. Code §154.130(a)(3), (b)(4): findings with the reasons are required when it varies",
        );
    }
    for mr in &missing {
        ws.step(
            "texas.missing_rule",
            format!("Missing rule: {}", mr.rule),
            "not applied",
            format!("{} (covered: {})", mr.effect, mr.covered),
        );
    }

    Ok(TexasResult {
        rules_version: rules.meta.version.clone(),
        order_date: date,
        child_support_received: Money::round(received),
        guideline_net_resources: nr_g.normalize(),
        cap: Money::round(cap.monthly),
        above_cap,
        capped_net_resources: capped.normalize(),
        schedule: schedule_name.to_string(),
        children: n,
        other_children: m,
        method: c.method,
        percentage: percent(c.fraction),
        amount,
        amount_exact: c.amount_exact.normalize(),
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
        worksheet: ws,
    })
}

fn worksheet_amount(
    basis: &Basis,
    c: &Computed,
    n: u32,
    m: u32,
    ws: &mut Worksheet,
    flags: &mut Vec<Flag>,
    table: Option<&MultipleHouseholdTable>,
) {
    if c.is_floor {
        flags.push(Flag::SixOrMoreChildrenFloor);
    }
    match &c.multiple {
        None => {
            ws.step(
                "texas.percentage",
                format!("Percentage for {n} child(ren)"),
                format!("{}%", percent(c.fraction)),
                if c.is_floor {
                    format!("{}; 6 or more children: not less than the 5-child amount (a floor)", basis.schedule_cite)
                } else if n >= 6 {
                    "Tex. Fam. Code §154.125(b): the court's percentage for 6 or more children (input)".to_string()
                } else {
                    basis.schedule_cite.clone()
                },
            );
            ws.exact(
                "texas.amount_exact",
                "Percentage x capped net resources",
                c.amount_exact,
                "Tex. Fam. Code §154.125",
            );
        }
        Some(mh) => {
            let f = &mh.formula;
            ws.exact(
                "texas.mh.one_household",
                format!(
                    "(1) All {} children in one household: {}% x capped NR",
                    f.total_children,
                    percent(f.one_household_percentage)
                ),
                f.one_household_amount,
                format!("Tex. Fam. Code §154.128(a)(1); {}", basis.schedule_cite),
            );
            ws.exact(
                "texas.mh.credit",
                format!("(2) Credit: (1) / {} x {m}", f.total_children),
                f.credit,
                "Tex. Fam. Code §154.128(a)(2), (c)",
            );
            ws.exact(
                "texas.mh.adjusted",
                "(3) Adjusted net resources: capped NR - credit",
                f.adjusted_net_resources,
                format!("Tex. Fam. Code §154.128(a)(3); above the cap, the capped NR ({SPEC})"),
            );
            ws.exact(
                "texas.mh.formula_amount",
                format!("(4) {}% x adjusted net resources", percent(f.percentage)),
                f.amount_exact,
                "Tex. Fam. Code §154.128(a)(4)",
            );
            if let Some(t) = &mh.table {
                ws.step(
                    "texas.mh.table",
                    format!(
                        "§154.129 table: {}% ({m} other, {n} before the court) x capped NR",
                        t.percent
                    ),
                    t.amount,
                    table.map_or(String::new(), |t| t.validity.cite()),
                );
                if mh.methods_differ {
                    flags.push(Flag::MultipleHouseholdMethodsDiffer);
                    ws.step(
                        "texas.mh.methods_differ",
                        "§154.128 and §154.129 give different amounts (the table is rounded)",
                        format!("{} vs {}", f.amount, t.amount),
                        "Tex. Fam. Code §§154.128, 154.129 (both reported)",
                    );
                }
            }
            ws.step(
                "texas.mh.method",
                "Multiple-household method used",
                match mh.method_used {
                    Method::Table154129 => "§154.129 table",
                    _ => "§154.128 computation",
                },
                "the caller's choice (Tex. Fam. Code §154.129: \"in lieu of\" §154.128)",
            );
            if let Some(why) = &mh.non_statutory {
                flags.push(Flag::NonStatutoryMultipleHousehold);
                ws.step(
                    "texas.mh.non_statutory",
                    "Not the statute's amount",
                    "non-statutory",
                    why.clone(),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests;
