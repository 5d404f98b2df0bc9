//! California guideline child support: Family Code §4055, with §4061-4062 add-ons.
//!
//! ```text
//! CS = K [HN - (H%)(TN)]                                    §4055(a)
//! K  = (1 + H%) x fraction(TN)   if H% <= 50%               §4055(b)(3)
//!      (2 - H%) x fraction(TN)   if H% >  50%
//! CS x multiplier(n children)                               §4055(b)(4)
//! positive: the high earner pays; negative: the low earner pays |CS|    §4055(b)(5)
//! obligor's N < T: range [CS x N / T, CS], presumptively the lowest     §4055(b)(7), (c)
//! ```
//!
//! Every value is the exact rational the formula gives ([`Exact`]); only amounts are rounded,
//! once, half away from zero to cents. The K-fraction table is chosen by the calculation date:
//! the SB 343 table from 2024-09-01, the former table before (from 2004-01-01, the earliest copy
//! verified). [`CaliforniaParams`] resolves the rules of a date once, for many cases.
//!
//! - [`compute`] returns the result with its worksheet; [`compute_lean`] the same numbers without
//!   one; [`compute_with`] takes resolved parameters and any [`Tracer`].
//! - Submodules: [`params`] (rules by date), `low_income` (§4055(b)(7)), `per_child`
//!   (§4055(b)(8)), `add_ons` (§4061).
//!
//! Readings where the law is silent (`docs/readings.md`): band edges (R-CA-2), equal incomes
//! (R-CA-1), the low-income amount (R-CA-3), add-ons on net income (R-CA-4, R-CA-5), splits by
//! largest remainder (R-2), caps toward zero (R-3).

mod add_ons;
mod low_income;
pub mod params;
mod per_child;
#[cfg(test)]
mod tests;

use std::sync::Arc;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::catalogue::california as step;
use crate::date::Date;
use crate::error::Error;
use crate::exact::Exact;
use crate::guideline::Parent;
use crate::money::{require_amount, require_fraction, Money};
use crate::rules::california::AddOnSplit;
use crate::rules::{MissingRule, Rules};
use crate::worksheet::{NoTrace, Tracer, Value, Worksheet};

pub use params::{k_value, CaliforniaParams};

/// A request for California guideline support.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct CaliforniaInput {
    /// The date the support is computed for; it picks the law and the thresholds.
    pub calculation_date: Date,
    /// The first parent's monthly net disposable income (FC §4059-4060).
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::ExactDecimal"))]
    #[serde(with = "crate::money::exact")]
    pub parent_a_net_income: Decimal,
    /// The second parent's monthly net disposable income.
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::ExactDecimal"))]
    #[serde(with = "crate::money::exact")]
    pub parent_b_net_income: Decimal,
    /// One parent's share of time with the children, 0 to 1; the engine finds the high
    /// earner's H% from it. Give this or `child_time_shares`, not both.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time_share: Option<TimeShare>,
    /// Each child's time share, when the children have different time-sharing arrangements
    /// (one per child, in the order of `birth_dates` when given): H% is their average
    /// (§4055(b)(1)(D)) and the §4055(b)(8) allocation does not apply.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub child_time_shares: Vec<TimeShare>,
    /// The number of children of this order, 1 to 10.
    pub children: u32,
    /// The children's birth dates, any order, for the §4055(b)(8) allocation (optional).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub birth_dates: Vec<Date>,
    /// §4062 add-on expenses to apportion.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub add_ons: Vec<AddOn>,
    /// Spousal support ordered between the parents, for §4061(c).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub spousal_support: Option<SpousalSupport>,
    /// A split of the add-ons other than the default in force (a party's request or the
    /// court's order).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub add_on_split: Option<AddOnSplit>,
    /// The basic child support actually ordered per month, when it differs from the guideline
    /// amount (a low-income adjustment, a deviation): §4061(d) reduces the payer's income by
    /// the support *ordered*. Absent: the guideline amount, rounded.
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
    /// What the court does with a low-income adjustment the obligor qualifies for
    /// (§4055(b)(7)): the presumptive (lowest) amount by default, an amount within the range, or
    /// none (the presumption rebutted).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub low_income_adjustment: Option<LowIncomeChoice>,
}

impl CaliforniaInput {
    /// A case with one time share for all children and nothing else: no birth dates, add-ons,
    /// spousal support or court findings (set those fields afterwards as needed).
    ///
    /// ```
    /// use childsupport::guideline::california::{self, CaliforniaInput, TimeShare};
    /// use childsupport::guideline::Parent;
    /// use childsupport::{Decimal, Rules};
    ///
    /// let share = TimeShare { parent: Parent::A, fraction: Decimal::new(2, 1) };
    /// let input = CaliforniaInput::new("2025-03-01".parse()?, Decimal::from(3000), Decimal::from(1000), share, 2);
    /// assert_eq!(california::compute_lean(Rules::embedded(), &input)?.amount.to_string(), "954.21");
    /// # Ok::<(), childsupport::Error>(())
    /// ```
    pub fn new(
        calculation_date: Date,
        parent_a_net_income: Decimal,
        parent_b_net_income: Decimal,
        time_share: TimeShare,
        children: u32,
    ) -> CaliforniaInput {
        CaliforniaInput {
            calculation_date,
            parent_a_net_income,
            parent_b_net_income,
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

/// The court's finding on a low-income adjustment (§4055(b)(7)).
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum LowIncomeChoice {
    /// The lowest amount of the range: the presumption (the default).
    #[default]
    Presumptive,
    /// No adjustment: the presumption is rebutted; the guideline amount applies.
    #[serde(rename = "none")]
    NotApplied,
    /// An amount within the range, as the court finds (`{"amount": "300.00"}`).
    Amount(
        #[serde(with = "crate::money::exact")]
        #[cfg_attr(feature = "schema", schemars(with = "crate::schema::ExactDecimal"))]
        Decimal,
    ),
}

/// One parent's share of time with the children.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct TimeShare {
    /// Whose share it is.
    pub parent: Parent,
    /// The share, 0 to 1 (0.2 for 20%).
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::ExactDecimal"))]
    #[serde(with = "crate::money::exact")]
    pub fraction: Decimal,
}

/// An add-on expense (§4062), per month.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct AddOn {
    /// What the expense is.
    pub kind: AddOnKind,
    /// The amount to apportion.
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::ExactDecimal"))]
    #[serde(with = "crate::money::exact")]
    pub amount: Decimal,
}

/// The §4062 add-on kinds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum AddOnKind {
    /// Employment or education childcare, §4062(a)(1) (mandatory).
    Childcare,
    /// Reasonable uninsured health care costs, §4062(a)(2) (mandatory).
    UninsuredHealth,
    /// Educational or other special needs, §4062(b)(1) (discretionary).
    EducationalNeeds,
    /// Travel expenses for visitation, §4062(b)(2) (discretionary).
    VisitationTravel,
}

impl AddOnKind {
    fn step(self) -> &'static crate::worksheet::StepDef {
        match self {
            AddOnKind::Childcare => &step::ADD_ON_CHILDCARE,
            AddOnKind::UninsuredHealth => &step::ADD_ON_HEALTH,
            AddOnKind::EducationalNeeds => &step::ADD_ON_EDUCATION,
            AddOnKind::VisitationTravel => &step::ADD_ON_TRAVEL,
        }
    }
}

/// Spousal support ordered between the parents, per month.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct SpousalSupport {
    /// The parent who pays it.
    pub paid_by: Parent,
    /// The monthly amount.
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::ExactDecimal"))]
    #[serde(with = "crate::money::exact")]
    pub amount: Decimal,
}

/// The guideline result, with its worksheet (empty from [`compute_lean`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct CaliforniaResult {
    /// The version of the rules used.
    pub rules_version: Arc<str>,
    /// The K table used (`sb343`, `former`).
    pub law: Arc<str>,
    /// The calculation date.
    pub calculation_date: Date,
    /// Who pays; none when the formula gives zero.
    pub payer: Option<Parent>,
    /// Who receives; none when the formula gives zero.
    pub recipient: Option<Parent>,
    /// The support per month: the guideline amount, or under a low-income adjustment the amount
    /// chosen (by default the presumptive, lowest amount of the range).
    pub amount: Money,
    /// The exact value `amount` was rounded from (the caller's amount when the court chose one).
    pub amount_exact: Exact,
    /// The guideline amount before any low-income adjustment, rounded.
    pub unadjusted_amount: Money,
    /// The guideline amount before any low-income adjustment, exact.
    pub unadjusted_amount_exact: Exact,
    /// The high earner (parent A when the incomes are equal).
    pub high_earner: Parent,
    /// HN, the high earner's monthly net disposable income.
    pub high_earner_net_income: Exact,
    /// TN, both parents' monthly net disposable income.
    pub total_net_income: Exact,
    /// H%, the high earner's time share.
    pub high_earner_time_share: Exact,
    /// The K-table band (1-based).
    pub band: u32,
    /// The K fraction for TN.
    pub fraction: Exact,
    /// K.
    pub k: Exact,
    /// The child multiplier.
    pub multiplier: Exact,
    /// CS for one child, exact and signed (positive: the high earner pays).
    pub one_child_amount_exact: Exact,
    /// The low-income adjustment, when the obligor qualifies (§4055(b)(7), (c)).
    pub low_income_adjustment: Option<LowIncomeAdjustment>,
    /// The §4055(b)(8) allocation, youngest child first (empty when the children have
    /// different time shares).
    pub per_child: Vec<ChildShare>,
    /// The §4061 apportionment of add-ons, when any are given.
    pub add_ons: Option<AddOnApportionment>,
    /// The most a §4071(a)(2) hardship deduction may be for each other child living with a
    /// parent: the support ordered (the caller's `ordered_basic_support`, else `amount`) divided
    /// by the number of children of this order, rounded toward zero (§4071(b)).
    pub hardship_cap_per_child: Money,
    /// Rules missing for the date, and what the result lacks because of them.
    pub missing_rules: Vec<MissingRule>,
    /// Every step, its value and its citation.
    pub worksheet: Worksheet,
}

/// The low-income adjustment (§4055(b)(7); a computer calculation must show the range, (c)).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct LowIncomeAdjustment {
    /// The threshold T, exact.
    pub threshold: Exact,
    /// The obligor's monthly net disposable income N.
    pub obligor_net_income: Exact,
    /// The largest reduction, `CS x (T - N) / T`: the guideline amount less the lowest amount.
    pub max_reduction: Money,
    /// The lowest amount, `CS x N / T` (never below zero), rounded: the presumptive amount.
    pub lowest_amount: Money,
    /// The lowest amount, exact.
    pub lowest_amount_exact: Exact,
    /// The highest amount: the guideline amount.
    pub highest_amount: Money,
    /// What was applied: the presumptive amount, the court's amount, or none.
    pub applied: LowIncomeChoice,
}

/// One child's share of the support.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct ChildShare {
    /// 1 for the youngest child.
    pub rank: u32,
    /// The child's position in the request's `birth_dates` (0-based), when dates were given.
    pub input_index: Option<usize>,
    /// The child's birth date, when given.
    pub birth_date: Option<Date>,
    /// The share of `amount` (the shares add up to it).
    pub amount: Money,
    /// The share of the guideline amount before any low-income adjustment.
    pub unadjusted_amount: Money,
    /// The exact §4055(b)(8) share of the guideline amount.
    pub unadjusted_exact: Exact,
}

/// The §4061 apportionment of add-on expenses.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct AddOnApportionment {
    /// The split used.
    pub split: AddOnSplit,
    /// Whether the split is the default in force on the date (false: requested or ordered).
    pub is_default: bool,
    /// Parent A's adjusted net income (proportional split; may be below zero).
    pub parent_a_adjusted_income: Exact,
    /// Parent B's adjusted net income (proportional split; may be below zero).
    pub parent_b_adjusted_income: Exact,
    /// Whether an adjusted income was below zero and taken as zero for the proportion.
    pub negative_adjusted_income: bool,
    /// Parent A's share, exact.
    pub parent_a_share: Exact,
    /// Parent B's share, exact.
    pub parent_b_share: Exact,
    /// Each add-on's split.
    pub items: Vec<AddOnItem>,
    /// Parent A's total.
    pub parent_a_total: Money,
    /// Parent B's total.
    pub parent_b_total: Money,
}

/// One add-on, split.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct AddOnItem {
    /// What the expense is.
    pub kind: AddOnKind,
    /// The amount, rounded.
    pub amount: Money,
    /// Parent A's part.
    pub parent_a: Money,
    /// Parent B's part.
    pub parent_b: Money,
}

/// Computes California guideline support for `input` under `rules`, with its worksheet.
pub fn compute(rules: &Rules, input: &CaliforniaInput) -> Result<CaliforniaResult, Error> {
    let params = CaliforniaParams::resolve(rules, input.calculation_date)?;
    let mut ws = Worksheet::with_capacity(32);
    let mut result = compute_with(&params, input, &mut ws)?;
    result.worksheet = ws;
    Ok(result)
}

/// The same numbers as [`compute`], without building the worksheet (for caseloads).
pub fn compute_lean(rules: &Rules, input: &CaliforniaInput) -> Result<CaliforniaResult, Error> {
    let params = CaliforniaParams::resolve(rules, input.calculation_date)?;
    compute_with(&params, input, &mut NoTrace)
}

/// Computes with the rules already resolved for the input's date, reporting each step to
/// `trace`. The result's `worksheet` is left empty: a [`Worksheet`] tracer holds the steps.
pub fn compute_with<T: Tracer>(
    params: &CaliforniaParams<'_>,
    input: &CaliforniaInput,
    trace: &mut T,
) -> Result<CaliforniaResult, Error> {
    let a = Exact::from(require_amount(
        "parent_a_net_income",
        input.parent_a_net_income,
    )?);
    let b = Exact::from(require_amount(
        "parent_b_net_income",
        input.parent_b_net_income,
    )?);
    compute_with_net_incomes(params, input, a, b, trace)
}

/// As [`compute_with`], with the parents' monthly net disposable incomes given as exact values
/// (computed from gross income, where annual / 12 need not terminate) instead of the input's
/// `parent_a_net_income` and `parent_b_net_income`, which are ignored.
pub fn compute_with_net_incomes<T: Tracer>(
    params: &CaliforniaParams<'_>,
    input: &CaliforniaInput,
    a: Exact,
    b: Exact,
    trace: &mut T,
) -> Result<CaliforniaResult, Error> {
    let date = input.calculation_date;
    if params.date != date {
        return Err(Error::invalid(
            "calculation_date",
            date,
            format!("the date the parameters were resolved for, {}", params.date),
        ));
    }
    for (field, v) in [("parent_a_net_income", &a), ("parent_b_net_income", &b)] {
        if v.is_negative() || v.is_undefined() {
            return Err(Error::invalid(
                field,
                v,
                "an amount of zero or more (the court's finding of zero where the computation gives less)",
            ));
        }
    }
    let max_children = params.multipliers.len() as u32;
    if input.children < 1 || input.children > max_children {
        return Err(Error::invalid(
            "children",
            input.children,
            format!(
                "1 to {max_children} children (§4055(b)(4) gives multipliers for 1 to {max_children}; it is silent beyond)"
            ),
        ));
    }
    check_birth_dates(input)?;

    trace.record_rule(
        &step::LAW,
        Value::Word(law_name(params)),
        &params.table.validity,
    );
    trace.exact(&step::NET_INCOME_A, &a);
    trace.exact(&step::NET_INCOME_B, &b);

    let high = if a >= b { Parent::A } else { Parent::B };
    let (hn, ln) = if high == Parent::A {
        (&a, &b)
    } else {
        (&b, &a)
    };
    let (h, shares_differ) = high_earner_share(input, high)?;
    let tn = hn + ln;
    trace.record(
        if a == b {
            &step::HIGH_EARNER_EQUAL
        } else {
            &step::HIGH_EARNER
        },
        Value::Party(high),
    );
    trace.exact(&step::HN, hn);
    trace.exact(&step::TN, &tn);
    trace.exact(
        if input.child_time_shares.is_empty() {
            &step::H
        } else {
            &step::H_AVERAGE
        },
        &h,
    );

    let (band, band_rule, fraction) = params.fraction(&tn);
    trace.record_with(&step::BAND, || {
        Value::Text(format!("{band} ({})", band_rule.text))
    });
    trace.exact_rule(&step::FRACTION, &fraction, &params.table.validity);
    let k = k_value(&h, &fraction);
    trace.exact(
        if h <= Exact::HALF {
            &step::K_LOW
        } else {
            &step::K_HIGH
        },
        &k,
    );
    let cs1 = &k * &(hn - &(&h * &tn));
    trace.exact(&step::CS_ONE, &cs1);
    let n = input.children as usize;
    let multiplier = &params.multipliers[n - 1];
    trace.record_rule(
        &step::CHILDREN,
        Value::Count(input.children),
        params.multipliers_rule,
    );
    trace.exact_rule(&step::MULTIPLIER, multiplier, params.multipliers_rule);
    let cs = (&cs1 * multiplier).checked()?;
    trace.exact(&step::CS, &cs);
    let payer = if cs.is_positive() {
        Some(high)
    } else if cs.is_negative() {
        Some(high.other())
    } else {
        None
    };
    match payer {
        Some(p) => trace.record(&step::PAYER, Value::Party(p)),
        None => trace.record(&step::NO_PAYER, Value::Word("none")),
    }
    let unadjusted_exact = cs.abs();
    let unadjusted = unadjusted_exact.round_cents()?;
    trace.record(&step::GUIDELINE, Value::Money(unadjusted));

    let obligor_income = match payer {
        Some(Parent::A) => Some(&a),
        Some(Parent::B) => Some(&b),
        None => None,
    };
    let low_income = match obligor_income {
        Some(n_income) => low_income::adjust(
            params,
            n_income.clone(),
            unadjusted_exact.clone(),
            unadjusted,
            input.low_income_adjustment,
            trace,
        )?,
        None => {
            low_income::refuse_unused_amount(input.low_income_adjustment)?;
            None
        }
    };
    let (amount, amount_exact) = match &low_income {
        Some(l) => match l.applied {
            LowIncomeChoice::Presumptive => (l.lowest_amount, l.lowest_amount_exact.clone()),
            LowIncomeChoice::NotApplied => (unadjusted, unadjusted_exact.clone()),
            LowIncomeChoice::Amount(x) => {
                let m = Money::round(x);
                (m, Exact::from(m))
            }
        },
        None => (unadjusted, unadjusted_exact.clone()),
    };
    trace.record(&step::AMOUNT, Value::Money(amount));

    let per_child = if shares_differ {
        trace.record(&step::PER_CHILD_NOT, Value::Word("does not apply"));
        Vec::new()
    } else {
        per_child::allocate(
            input,
            cs1.abs(),
            params.multipliers,
            (amount, &amount_exact),
            (unadjusted, &unadjusted_exact),
            trace,
        )?
    };

    let ordered = match input.ordered_basic_support {
        Some(o) => {
            let o = require_amount("ordered_basic_support", o)?;
            let o = Exact::from(o).round_cents()?;
            trace.record(&step::ORDERED, Value::Money(o));
            o
        }
        None => amount,
    };

    let add_ons = if input.add_ons.is_empty() {
        None
    } else {
        Some(add_ons::apportion(
            params, input, &a, &b, payer, ordered, trace,
        )?)
    };

    let hardship_cap_per_child =
        (Exact::from(ordered) / Exact::from(input.children)).round_cents_toward_zero()?;
    trace.record(&step::HARDSHIP_CAP, Value::Money(hardship_cap_per_child));

    let missing_rules: Vec<MissingRule> = params.missing_rule().into_iter().collect();
    if !missing_rules.is_empty() && payer.is_some() {
        trace.record(&step::MISSING_RULE, Value::Word("not applied"));
    }

    Ok(CaliforniaResult {
        rules_version: params.rules_version.clone(),
        law: params.law.clone(),
        calculation_date: date,
        payer,
        recipient: payer.map(Parent::other),
        amount,
        amount_exact: amount_exact.checked()?,
        unadjusted_amount: unadjusted,
        unadjusted_amount_exact: unadjusted_exact,
        high_earner: high,
        high_earner_net_income: hn.clone(),
        total_net_income: tn,
        high_earner_time_share: h,
        band,
        fraction: fraction.checked()?,
        k: k.checked()?,
        multiplier: multiplier.clone(),
        one_child_amount_exact: cs1.checked()?,
        low_income_adjustment: low_income,
        per_child,
        add_ons,
        hardship_cap_per_child,
        missing_rules,
        worksheet: Worksheet::new(),
    })
}

fn law_name(params: &CaliforniaParams<'_>) -> &'static str {
    match params.table.id.as_str() {
        "sb343" => "Fam. Code §4055 as amended by SB 343 (Stats. 2023)",
        "former" => "Fam. Code §4055 before SB 343",
        _ => "the K table loaded for the date",
    }
}

fn check_birth_dates(input: &CaliforniaInput) -> Result<(), Error> {
    let date = input.calculation_date;
    if !input.birth_dates.is_empty() && input.birth_dates.len() != input.children as usize {
        return Err(Error::invalid(
            "birth_dates",
            format!("{} dates", input.birth_dates.len()),
            format!(
                "none, or one per child ({} dates for children = {})",
                input.children, input.children
            ),
        ));
    }
    if let Some((i, d)) = input
        .birth_dates
        .iter()
        .enumerate()
        .find(|(_, d)| **d > date)
    {
        return Err(Error::invalid(
            format!("birth_dates[{i}]"),
            d,
            format!("a date on or before the calculation date {date}"),
        ));
    }
    Ok(())
}

/// H%, the high earner's time share: the one given, or the average of the children's
/// (§4055(b)(1)(D)); and whether the children's shares differ.
fn high_earner_share(input: &CaliforniaInput, high: Parent) -> Result<(Exact, bool), Error> {
    let of_high = |field: &str, ts: &TimeShare| -> Result<Exact, Error> {
        let f = Exact::from(require_fraction(field, ts.fraction)?);
        Ok(if ts.parent == high { f } else { Exact::ONE - f })
    };
    match (&input.time_share, input.child_time_shares.as_slice()) {
        (Some(ts), []) => Ok((of_high("time_share.fraction", ts)?, false)),
        (None, []) => Err(Error::invalid(
            "time_share",
            "none",
            "one parent's time share (or child_time_shares, one per child)",
        )),
        (Some(_), _) => Err(Error::invalid(
            "child_time_shares",
            format!(
                "{} shares with time_share also given",
                input.child_time_shares.len()
            ),
            "either time_share or child_time_shares, not both",
        )),
        (None, list) => {
            if list.len() != input.children as usize {
                return Err(Error::invalid(
                    "child_time_shares",
                    format!("{} shares", list.len()),
                    format!(
                        "one per child ({} for children = {})",
                        input.children, input.children
                    ),
                ));
            }
            let mut sum = Exact::ZERO;
            let mut first: Option<Exact> = None;
            let mut differ = false;
            for (i, ts) in list.iter().enumerate() {
                let s = of_high(&format!("child_time_shares[{i}].fraction"), ts)?;
                match &first {
                    None => first = Some(s.clone()),
                    Some(f) => differ |= *f != s,
                }
                sum += s;
            }
            Ok(((sum / Exact::from(list.len() as u32)).checked()?, differ))
        }
    }
}
