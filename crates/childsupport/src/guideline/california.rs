//! California guideline child support: Family Code §4055, with §4061-4062 add-ons.
//!
//! ```text
//! CS = K [HN - (H%)(TN)]                                    §4055(a)
//! K  = (1 + H%) x fraction(TN)   if H% <= 50%               §4055(b)(3)
//!      (2 - H%) x fraction(TN)   if H% >  50%
//! CS x multiplier(n children)                               §4055(b)(4)
//! positive: the high earner pays; negative: the low earner pays |CS|    §4055(b)(5)
//! ```
//!
//! The K-fraction table is chosen by the calculation date: the SB 343 table from 2024-09-01, the
//! former table before (from 2004-01-01, the earliest copy verified). Both live in the rules data.
//!
//! Readings chosen where the law is silent (spec/README.md), each stated in the worksheet:
//! - Band edges: TN <= 2,900 is band 1; 2,900 < TN <= 5,000 band 2; and so on.
//! - Equal incomes: parent A is taken as the high earner. By algebra
//!   (`CS = K x HN x (1 - 2H%)` when HN = LN) the payer and the amount do not depend on the choice.
//! - Low-income threshold T = minimum wage x 40 x 52 / 12, unrounded; the obligor is the payer
//!   after the sign rule; the lowest amount is `CS x N / T`, never below zero.
//! - Per-child allocation (§4055(b)(8)): youngest child first; shares rounded by largest
//!   remainder, ties to the younger child. A low-income-adjusted amount is split in the same
//!   proportions.
//! - Add-ons (§4061): proportional shares use net disposable incomes adjusted for spousal support
//!   (§4061(c), applied to net income as practitioners do) and for the basic child support as
//!   ordered, rounded (§4061(d)); the support payer's part of each add-on is rounded and the other
//!   parent pays the rest.
//!
//! Rounding: exact decimals throughout; only final amounts are rounded, half away from zero.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::date::Date;
use crate::error::Error;
use crate::guideline::Parent;
use crate::money::{require_amount, require_fraction, split_largest_remainder, Money};
use crate::rules::california::{AddOnSplit, KBand, KTable, ThresholdMethod};
use crate::rules::{coverage, in_force, MissingRule, Rules};
use crate::worksheet::Worksheet;

const SPEC: &str = "spec/README.md reading";

/// A request for California guideline support.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CaliforniaInput {
    /// The date the support is computed for; it picks the law and the thresholds.
    pub calculation_date: Date,
    /// The first parent's monthly net disposable income (FC §4059-4060).
    #[serde(with = "crate::money::exact")]
    pub parent_a_net_income: Decimal,
    /// The second parent's monthly net disposable income.
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
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::money::exact_opt"
    )]
    pub ordered_basic_support: Option<Decimal>,
}

/// One parent's share of time with the children.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TimeShare {
    /// Whose share it is.
    pub parent: Parent,
    /// The share, 0 to 1 (0.2 for 20%).
    #[serde(with = "crate::money::exact")]
    pub fraction: Decimal,
}

/// An add-on expense (§4062), per month.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AddOn {
    /// What the expense is.
    pub kind: AddOnKind,
    /// The amount to apportion.
    #[serde(with = "crate::money::exact")]
    pub amount: Decimal,
}

/// The §4062 add-on kinds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
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
    fn citation(self) -> &'static str {
        match self {
            AddOnKind::Childcare => "Fam. Code §4062(a)(1)",
            AddOnKind::UninsuredHealth => "Fam. Code §4062(a)(2)",
            AddOnKind::EducationalNeeds => "Fam. Code §4062(b)(1)",
            AddOnKind::VisitationTravel => "Fam. Code §4062(b)(2)",
        }
    }

    fn as_str(self) -> &'static str {
        match self {
            AddOnKind::Childcare => "childcare",
            AddOnKind::UninsuredHealth => "uninsured_health",
            AddOnKind::EducationalNeeds => "educational_needs",
            AddOnKind::VisitationTravel => "visitation_travel",
        }
    }
}

/// Spousal support ordered between the parents, per month.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SpousalSupport {
    /// The parent who pays it.
    pub paid_by: Parent,
    /// The monthly amount.
    #[serde(with = "crate::money::exact")]
    pub amount: Decimal,
}

/// The guideline result, with its worksheet.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CaliforniaResult {
    /// The version of the rules used.
    pub rules_version: String,
    /// The K table used (`sb343`, `former`).
    pub law: String,
    /// The calculation date.
    pub calculation_date: Date,
    /// Who pays; none when the formula gives zero.
    pub payer: Option<Parent>,
    /// Who receives; none when the formula gives zero.
    pub recipient: Option<Parent>,
    /// The guideline amount per month, rounded half away from zero.
    pub amount: Money,
    /// The exact guideline amount.
    #[serde(with = "crate::money::exact")]
    pub amount_exact: Decimal,
    /// The high earner (parent A when the incomes are equal).
    pub high_earner: Parent,
    /// HN, the high earner's monthly net disposable income.
    #[serde(with = "crate::money::exact")]
    pub high_earner_net_income: Decimal,
    /// TN, both parents' monthly net disposable income.
    #[serde(with = "crate::money::exact")]
    pub total_net_income: Decimal,
    /// H%, the high earner's time share.
    #[serde(with = "crate::money::exact")]
    pub high_earner_time_share: Decimal,
    /// The K-table band (1-based).
    pub band: u32,
    /// The K fraction for TN.
    #[serde(with = "crate::money::exact")]
    pub fraction: Decimal,
    /// K.
    #[serde(with = "crate::money::exact")]
    pub k: Decimal,
    /// The child multiplier.
    #[serde(with = "crate::money::exact")]
    pub multiplier: Decimal,
    /// CS for one child, exact and signed (positive: the high earner pays).
    #[serde(with = "crate::money::exact")]
    pub one_child_amount_exact: Decimal,
    /// The low-income adjustment range, when the obligor qualifies (§4055(b)(7), (c)).
    pub low_income_adjustment: Option<LowIncomeAdjustment>,
    /// The §4055(b)(8) allocation, youngest child first.
    pub per_child: Vec<ChildShare>,
    /// The §4061 apportionment of add-ons, when any are given.
    pub add_ons: Option<AddOnApportionment>,
    /// The most a §4071(a)(2) hardship deduction may be for each other child living with a
    /// parent: the support ordered divided by the number of children of this order, rounded
    /// toward zero (§4071(b); spec/README.md: caps are rounded toward zero). Computed on the
    /// guideline amount, or on `ordered_basic_support` when given.
    pub hardship_cap_per_child: Money,
    /// Rules missing for the date, and what the result lacks because of them.
    pub missing_rules: Vec<MissingRule>,
    /// Every step, its value and its citation.
    pub worksheet: Worksheet,
}

/// The low-income adjustment range (§4055(b)(7); a computer calculation must show it, (c)).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LowIncomeAdjustment {
    /// The threshold T, exact.
    #[serde(with = "crate::money::exact")]
    pub threshold: Decimal,
    /// The obligor's monthly net disposable income N.
    #[serde(with = "crate::money::exact")]
    pub obligor_net_income: Decimal,
    /// The largest reduction, `CS x (T - N) / T`, rounded.
    pub max_reduction: Money,
    /// The lowest amount the presumption allows, `CS x N / T`, rounded.
    pub lowest_amount: Money,
    /// The lowest amount, exact.
    #[serde(with = "crate::money::exact")]
    pub lowest_amount_exact: Decimal,
    /// The highest amount: the guideline amount.
    pub highest_amount: Money,
}

/// One child's share of the support.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChildShare {
    /// 1 for the youngest child.
    pub rank: u32,
    /// The child's position in the request's `birth_dates` (0-based), when dates were given.
    pub input_index: Option<usize>,
    /// The child's birth date, when given.
    pub birth_date: Option<Date>,
    /// The share of the guideline amount, rounded (the shares add up to the amount).
    pub amount: Money,
    /// The exact share.
    #[serde(with = "crate::money::exact")]
    pub amount_exact: Decimal,
    /// The share of the lowest low-income-adjusted amount, when there is one.
    pub lowest_amount: Option<Money>,
}

/// The §4061 apportionment of add-on expenses.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AddOnApportionment {
    /// The split used.
    pub split: AddOnSplit,
    /// Whether the split is the default in force on the date (false: requested or ordered).
    pub is_default: bool,
    /// Parent A's adjusted net income (proportional split).
    #[serde(with = "crate::money::exact")]
    pub parent_a_adjusted_income: Decimal,
    /// Parent B's adjusted net income (proportional split).
    #[serde(with = "crate::money::exact")]
    pub parent_b_adjusted_income: Decimal,
    /// Parent A's share, exact.
    #[serde(with = "crate::money::exact")]
    pub parent_a_share: Decimal,
    /// Parent B's share, exact.
    #[serde(with = "crate::money::exact")]
    pub parent_b_share: Decimal,
    /// Each add-on's split.
    pub items: Vec<AddOnItem>,
    /// Parent A's total.
    pub parent_a_total: Money,
    /// Parent B's total.
    pub parent_b_total: Money,
}

/// One add-on, split.
#[derive(Debug, Clone, PartialEq, Serialize)]
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

/// The K fraction of `table` for `tn`, with its 1-based band.
pub fn k_fraction(table: &KTable, tn: Decimal) -> (u32, &KBand, Decimal) {
    let (index, band) = table
        .bands
        .iter()
        .enumerate()
        .find(|(_, b)| b.up_to.is_none_or(|u| tn <= u))
        .unwrap_or_else(|| {
            let last = table.bands.len() - 1;
            (last, &table.bands[last])
        });
    let mut f = band.constant;
    if let Some(div) = band.tn_divisor {
        f += tn / div;
    }
    if let Some(num) = band.numerator_over_tn {
        // Validation keeps numerator bands away from TN = 0.
        if !tn.is_zero() {
            f += num / tn;
        }
    }
    (index as u32 + 1, band, f)
}

/// K for a high earner's time share `h` and fraction `f` (§4055(b)(3)).
pub fn k_value(h: Decimal, f: Decimal) -> Decimal {
    let half = Decimal::new(5, 1);
    if h <= half {
        (Decimal::ONE + h) * f
    } else {
        (Decimal::TWO - h) * f
    }
}

/// Computes California guideline support for `input` under `rules`.
pub fn compute(rules: &Rules, input: &CaliforniaInput) -> Result<CaliforniaResult, Error> {
    let ca = &rules.california;
    let date = input.calculation_date;
    let a = require_amount("parent_a_net_income", input.parent_a_net_income)?;
    let b = require_amount("parent_b_net_income", input.parent_b_net_income)?;
    let table = in_force(&ca.k_tables, "california.k_tables", date)?;
    let multipliers = in_force(&ca.child_multipliers, "california.child_multipliers", date)?;
    let max_children = multipliers.multipliers.len() as u32;
    if input.children < 1 || input.children > max_children {
        return Err(Error::invalid(
            "children",
            input.children,
            format!(
                "1 to {max_children} children (§4055(b)(4) gives multipliers for 1 to {max_children}; it is silent beyond)"
            ),
        ));
    }
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

    let mut ws = Worksheet::new();
    ws.step(
        "california.law",
        format!("Law in force on {date}"),
        &table.id,
        table.validity.cite(),
    );
    ws.exact(
        "california.parent_a_net_income",
        "Parent A monthly net disposable income",
        a,
        "Fam. Code §§4059, 4060 (input)",
    );
    ws.exact(
        "california.parent_b_net_income",
        "Parent B monthly net disposable income",
        b,
        "Fam. Code §§4059, 4060 (input)",
    );

    let high = if a >= b { Parent::A } else { Parent::B };
    let (hn, ln) = if high == Parent::A { (a, b) } else { (b, a) };
    let of_high = |field: &str, ts: &TimeShare| -> Result<Decimal, Error> {
        let f = require_fraction(field, ts.fraction)?;
        Ok(if ts.parent == high {
            f
        } else {
            Decimal::ONE - f
        })
    };
    let (h, shares_differ) = match (&input.time_share, input.child_time_shares.as_slice()) {
        (Some(ts), []) => (of_high("time_share.fraction", ts)?, false),
        (None, []) => {
            return Err(Error::invalid(
                "time_share",
                "none",
                "one parent's time share (or child_time_shares, one per child)",
            ))
        }
        (Some(_), _) => {
            return Err(Error::invalid(
                "child_time_shares",
                format!(
                    "{} shares with time_share also given",
                    input.child_time_shares.len()
                ),
                "either time_share or child_time_shares, not both",
            ))
        }
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
            let per_child = list
                .iter()
                .enumerate()
                .map(|(i, ts)| of_high(&format!("child_time_shares[{i}].fraction"), ts))
                .collect::<Result<Vec<_>, _>>()?;
            let avg =
                per_child.iter().copied().sum::<Decimal>() / Decimal::from(per_child.len() as u64);
            (avg, per_child.windows(2).any(|w| w[0] != w[1]))
        }
    };
    let tn = hn + ln;
    ws.step(
        "california.high_earner",
        "High earner",
        high,
        if a == b {
            "Fam. Code §4055(b)(1)(C); equal incomes: parent A taken as high earner (the result does not depend on the choice)"
        } else {
            "Fam. Code §4055(b)(1)(C)"
        },
    );
    ws.exact(
        "california.hn",
        "HN (high earner's net income)",
        hn,
        "Fam. Code §4055(b)(1)(C)",
    );
    ws.exact(
        "california.tn",
        "TN (total net income)",
        tn,
        "Fam. Code §4055(b)(1)(E)",
    );
    ws.exact(
        "california.h",
        if input.child_time_shares.is_empty() {
            "H% (high earner's time share)"
        } else {
            "H% (average of the high earner's time share with each child)"
        },
        h,
        "Fam. Code §4055(b)(1)(D)",
    );

    let (band, band_rule, fraction) = k_fraction(table, tn);
    ws.step(
        "california.band",
        "K-table band",
        format!("{band} ({})", band_rule.text),
        format!(
            "{}; band edges: TN at or below a band's upper figure is in that band ({SPEC})",
            table.validity.cite()
        ),
    );
    ws.exact(
        "california.fraction",
        "K fraction",
        fraction,
        table.validity.cite(),
    );
    let k = k_value(h, fraction);
    ws.exact(
        "california.k",
        if h <= Decimal::new(5, 1) {
            "K = (1 + H%) x fraction"
        } else {
            "K = (2 - H%) x fraction"
        },
        k,
        "Fam. Code §4055(b)(3)",
    );
    let cs1 = k * (hn - h * tn);
    ws.exact(
        "california.cs_one_child",
        "CS = K x (HN - H% x TN), one child",
        cs1,
        "Fam. Code §4055(a)",
    );
    let n = input.children as usize;
    let multiplier = multipliers.multipliers[n - 1];
    ws.step(
        "california.children",
        "Children",
        input.children,
        multipliers.validity.cite(),
    );
    ws.exact(
        "california.multiplier",
        "Child multiplier",
        multiplier,
        multipliers.validity.cite(),
    );
    let cs = cs1 * multiplier;
    ws.exact(
        "california.cs",
        "CS x multiplier",
        cs,
        "Fam. Code §4055(b)(4)",
    );
    let payer = if cs > Decimal::ZERO {
        Some(high)
    } else if cs < Decimal::ZERO {
        Some(high.other())
    } else {
        None
    };
    let amount_exact = cs.abs();
    let amount = Money::round(amount_exact);
    ws.step(
        "california.payer",
        "Payer",
        payer.map_or("none (the formula gives zero)", Parent::as_str),
        "Fam. Code §4055(b)(5): a positive amount is paid by the high earner, a negative one by the low earner",
    );
    ws.step(
        "california.amount",
        "Guideline support per month",
        amount,
        format!("rounded half away from zero to cents ({SPEC})"),
    );

    let mut missing = Vec::new();
    let low_income = match payer {
        None => None,
        Some(p) => {
            let obligor_income = if p == Parent::A { a } else { b };
            low_income_adjustment(
                rules,
                date,
                obligor_income,
                amount_exact,
                &mut ws,
                &mut missing,
            )?
        }
    };

    let per_child = if shares_differ {
        ws.step(
            "california.per_child",
            "Per-child allocation",
            "does not apply",
            "Fam. Code §4055(b)(8): not applied where there are different time-sharing arrangements for different children",
        );
        Vec::new()
    } else {
        allocate_children(
            input,
            cs1.abs(),
            &multipliers.multipliers,
            amount,
            low_income.as_ref(),
            &mut ws,
        )
    };

    let ordered = match input.ordered_basic_support {
        Some(o) => {
            let o = Money::round(require_amount("ordered_basic_support", o)?);
            ws.step(
                "california.ordered_basic_support",
                "Basic child support as ordered",
                o,
                "input (the court's order); Fam. Code §4061(d) uses the support ordered",
            );
            o
        }
        None => amount,
    };

    let add_ons = if input.add_ons.is_empty() {
        None
    } else {
        Some(apportion_add_ons(
            rules, input, a, b, payer, ordered, &mut ws,
        )?)
    };

    let hardship_cap_per_child =
        Money::round_toward_zero(ordered.as_decimal() / Decimal::from(input.children));
    ws.step(
        "california.hardship_cap_per_child",
        "Largest §4071(a)(2) hardship deduction per other child in the home",
        hardship_cap_per_child,
        format!("Fam. Code §4071(b): the total ordered divided by the number of children, not the (b)(8) allocation; rounded toward zero ({SPEC})"),
    );

    for m in &missing {
        ws.step(
            "california.missing_rule",
            format!("Missing rule: {}", m.rule),
            "not applied",
            format!("{} (covered: {})", m.effect, m.covered),
        );
    }

    Ok(CaliforniaResult {
        rules_version: rules.meta.version.clone(),
        law: table.id.clone(),
        calculation_date: date,
        payer,
        recipient: payer.map(Parent::other),
        amount,
        amount_exact: amount_exact.normalize(),
        high_earner: high,
        high_earner_net_income: hn,
        total_net_income: tn.normalize(),
        high_earner_time_share: h.normalize(),
        band,
        fraction: fraction.normalize(),
        k: k.normalize(),
        multiplier,
        one_child_amount_exact: cs1.normalize(),
        low_income_adjustment: low_income,
        per_child,
        add_ons,
        hardship_cap_per_child,
        missing_rules: missing,
        worksheet: ws,
    })
}

/// §4055(b)(7): the threshold in force and, when the obligor's income is below it, the range.
fn low_income_adjustment(
    rules: &Rules,
    date: Date,
    obligor_income: Decimal,
    amount_exact: Decimal,
    ws: &mut Worksheet,
    missing: &mut Vec<MissingRule>,
) -> Result<Option<LowIncomeAdjustment>, Error> {
    let ca = &rules.california;
    let method = in_force(&ca.low_income_method, "california.low_income_method", date)?;
    let threshold = match method.method {
        ThresholdMethod::MinimumWage => {
            match in_force(&ca.minimum_wage, "california.minimum_wage", date) {
                Ok(wage) => {
                    // Validation guarantees both figures for this method.
                    let hours = method.hours_per_week.unwrap_or_default();
                    let weeks = method.weeks_per_year.unwrap_or_default();
                    let t = wage.hourly * hours * weeks / Decimal::from(12);
                    ws.exact(
                        "california.minimum_wage",
                        "State minimum wage per hour",
                        wage.hourly,
                        wage.validity.cite(),
                    );
                    ws.exact(
                        "california.low_income_threshold",
                        format!("Low-income threshold T = wage x {hours} x {weeks} / 12"),
                        t,
                        format!("{}; unrounded ({SPEC})", method.validity.cite()),
                    );
                    Some(t)
                }
                Err(_) => {
                    missing.push(MissingRule {
                        rule: "california.minimum_wage".into(),
                        date,
                        covered: coverage(&ca.minimum_wage),
                        effect: "the low-income adjustment (§4055(b)(7)) could not be tested: no state minimum wage is known for the date; load it into the rules to get the range".into(),
                    });
                    None
                }
            }
        }
        ThresholdMethod::JudicialCouncil => {
            match in_force(
                &ca.judicial_council_threshold,
                "california.judicial_council_threshold",
                date,
            ) {
                Ok(t) => {
                    ws.exact(
                        "california.low_income_threshold",
                        "Low-income threshold (Judicial Council)",
                        t.monthly,
                        t.validity.cite(),
                    );
                    Some(t.monthly)
                }
                Err(_) => {
                    missing.push(MissingRule {
                        rule: "california.judicial_council_threshold".into(),
                        date,
                        covered: coverage(&ca.judicial_council_threshold),
                        effect: "the low-income adjustment (former §4055(b)(7)) could not be tested: the Judicial Council threshold for the date is not in the rules".into(),
                    });
                    None
                }
            }
        }
    };
    let Some(t) = threshold else {
        return Ok(None);
    };
    ws.exact(
        "california.obligor_net_income",
        "Obligor's net income N",
        obligor_income,
        "Fam. Code §4055(b)(7): the obligor is the payer after the sign rule",
    );
    if obligor_income >= t {
        ws.step(
            "california.low_income",
            "Low-income adjustment",
            "does not apply (N is not less than T)",
            method.validity.cite(),
        );
        return Ok(None);
    }
    let lowest_exact = (amount_exact * obligor_income / t).max(Decimal::ZERO);
    let max_reduction_exact = amount_exact - lowest_exact;
    let lowest = Money::round(lowest_exact);
    let highest = Money::round(amount_exact);
    ws.exact(
        "california.low_income_max_reduction",
        "Largest reduction CS x (T - N) / T",
        max_reduction_exact,
        method.validity.cite(),
    );
    ws.step(
        "california.low_income_range",
        "Low-income adjustment range (rebuttable presumption)",
        format!("{lowest} to {highest}"),
        "Fam. Code §4055(b)(7), (c): lowest = CS x N / T, rounded half away from zero",
    );
    Ok(Some(LowIncomeAdjustment {
        threshold: t.normalize(),
        obligor_net_income: obligor_income,
        max_reduction: Money::round(max_reduction_exact),
        lowest_amount: lowest,
        lowest_amount_exact: lowest_exact.normalize(),
        highest_amount: highest,
    }))
}

/// §4055(b)(8): youngest child the one-child amount, the next the difference to two, and so on.
fn allocate_children(
    input: &CaliforniaInput,
    cs1: Decimal,
    multipliers: &[Decimal],
    amount: Money,
    low_income: Option<&LowIncomeAdjustment>,
    ws: &mut Worksheet,
) -> Vec<ChildShare> {
    let n = input.children as usize;
    // Youngest first: latest birth date first; equal dates keep input order.
    let mut order: Vec<Option<usize>> = if input.birth_dates.is_empty() {
        vec![None; n]
    } else {
        let mut idx: Vec<usize> = (0..n).collect();
        idx.sort_by(|&x, &y| {
            input.birth_dates[y]
                .cmp(&input.birth_dates[x])
                .then(x.cmp(&y))
        });
        idx.into_iter().map(Some).collect()
    };
    order.truncate(n);
    let exact: Vec<Decimal> = (0..n)
        .map(|i| {
            let prev = if i == 0 {
                Decimal::ZERO
            } else {
                multipliers[i - 1]
            };
            cs1 * (multipliers[i] - prev)
        })
        .collect();
    let rounded = split_largest_remainder(amount, &exact);
    let lowest = low_income.map(|l| {
        let scaled: Vec<Decimal> = if l.highest_amount.is_zero() {
            vec![Decimal::ZERO; n]
        } else {
            exact
                .iter()
                .map(|e| *e * l.obligor_net_income / l.threshold)
                .collect()
        };
        split_largest_remainder(l.lowest_amount, &scaled)
    });
    let shares: Vec<ChildShare> = (0..n)
        .map(|i| ChildShare {
            rank: i as u32 + 1,
            input_index: order[i],
            birth_date: order[i].map(|j| input.birth_dates[j]),
            amount: rounded[i],
            amount_exact: exact[i].normalize(),
            lowest_amount: lowest.as_ref().map(|l| l[i]),
        })
        .collect();
    if n > 1 {
        ws.step(
            "california.per_child",
            "Per-child allocation, youngest first",
            shares
                .iter()
                .map(|s| s.amount.to_string())
                .collect::<Vec<_>>()
                .join(" / "),
            format!("Fam. Code §4055(b)(8); largest remainder to the cent, ties to the younger child ({SPEC})"),
        );
    }
    shares
}

/// §4061: the add-ons split by the default in force, or by the split the caller names.
fn apportion_add_ons(
    rules: &Rules,
    input: &CaliforniaInput,
    a: Decimal,
    b: Decimal,
    payer: Option<Parent>,
    ordered: Money,
    ws: &mut Worksheet,
) -> Result<AddOnApportionment, Error> {
    let date = input.calculation_date;
    let rule = in_force(
        &rules.california.add_on_apportionment,
        "california.add_on_apportionment",
        date,
    )?;
    let split = input.add_on_split.unwrap_or(rule.default);
    let is_default = split == rule.default;
    ws.step(
        "california.add_on_split",
        "Add-on apportionment",
        match split {
            AddOnSplit::Equal => "one-half each",
            AddOnSplit::Proportional => "in proportion to adjusted net incomes",
        },
        if is_default {
            rule.validity.cite()
        } else {
            "Fam. Code §4061(a): divided in a different manner on a party's request or the court's order".to_string()
        },
    );
    let mut adj_a = a;
    let mut adj_b = b;
    if let Some(ss) = &input.spousal_support {
        let amt = require_amount("spousal_support.amount", ss.amount)?;
        match ss.paid_by {
            Parent::A => {
                adj_a -= amt;
                adj_b += amt;
            }
            Parent::B => {
                adj_b -= amt;
                adj_a += amt;
            }
        }
    }
    match payer {
        Some(Parent::A) => adj_a -= ordered.as_decimal(),
        Some(Parent::B) => adj_b -= ordered.as_decimal(),
        None => {}
    }
    let adj_a = adj_a.max(Decimal::ZERO);
    let adj_b = adj_b.max(Decimal::ZERO);
    let half = Decimal::new(5, 1);
    let (share_a, share_b) = match split {
        AddOnSplit::Equal => (half, half),
        AddOnSplit::Proportional => {
            ws.exact(
                "california.add_on_adjusted_a",
                "Parent A adjusted net income",
                adj_a,
                "Fam. Code §4061(c) (spousal support, applied to net income), (d) (less basic child support ordered, rounded)",
            );
            ws.exact(
                "california.add_on_adjusted_b",
                "Parent B adjusted net income",
                adj_b,
                "Fam. Code §4061(c), (d) (child support received is not added)",
            );
            let total = adj_a + adj_b;
            if total.is_zero() {
                ws.step(
                    "california.add_on_no_income",
                    "Adjusted incomes are both zero",
                    "one-half each",
                    "no proportion exists; split equally (engine reading)",
                );
                (half, half)
            } else {
                (adj_a / total, Decimal::ONE - adj_a / total)
            }
        }
    };
    ws.exact(
        "california.add_on_share_a",
        "Parent A share of add-ons",
        share_a,
        "Fam. Code §4061(a)",
    );
    ws.exact(
        "california.add_on_share_b",
        "Parent B share of add-ons",
        share_b,
        "Fam. Code §4061(a)",
    );
    // The support payer's part is rounded; the other parent pays the rest (spec/README.md).
    let rounded_party = payer.unwrap_or(Parent::A);
    let mut items = Vec::new();
    for (i, add_on) in input.add_ons.iter().enumerate() {
        let amt = require_amount(&format!("add_ons[{i}].amount"), add_on.amount)?;
        let total = Money::round(amt);
        let (pa, pb) = if rounded_party == Parent::A {
            let pa = Money::round(amt * share_a);
            (pa, total - pa)
        } else {
            let pb = Money::round(amt * share_b);
            (total - pb, pb)
        };
        ws.step(
            &format!("california.add_on.{}", add_on.kind.as_str()),
            format!("{} {total}: parent A / parent B", add_on.kind.as_str()),
            format!("{pa} / {pb}"),
            format!(
                "{}; {rounded_party}'s part rounded, the other parent pays the rest ({SPEC})",
                add_on.kind.citation()
            ),
        );
        items.push(AddOnItem {
            kind: add_on.kind,
            amount: total,
            parent_a: pa,
            parent_b: pb,
        });
    }
    Ok(AddOnApportionment {
        split,
        is_default,
        parent_a_adjusted_income: adj_a.normalize(),
        parent_b_adjusted_income: adj_b.normalize(),
        parent_a_share: share_a.normalize(),
        parent_b_share: share_b.normalize(),
        parent_a_total: items.iter().map(|i| i.parent_a).sum(),
        parent_b_total: items.iter().map(|i| i.parent_b).sum(),
        items,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dec(s: &str) -> Decimal {
        Decimal::from_str_exact(s).unwrap()
    }

    fn input(date: &str, a: &str, b: &str, share_of_a: &str, n: u32) -> CaliforniaInput {
        CaliforniaInput {
            calculation_date: date.parse().unwrap(),
            parent_a_net_income: dec(a),
            parent_b_net_income: dec(b),
            time_share: Some(TimeShare {
                parent: Parent::A,
                fraction: dec(share_of_a),
            }),
            child_time_shares: vec![],
            children: n,
            birth_dates: vec![],
            add_ons: vec![],
            spousal_support: None,
            add_on_split: None,
            ordered_basic_support: None,
        }
    }

    fn run(i: &CaliforniaInput) -> CaliforniaResult {
        compute(Rules::embedded(), i).unwrap()
    }

    #[test]
    fn statutory_k_examples() {
        // §4055(b)(3): H% 20%, TN $1,000 gives K "0.21" (new law) and 0.30 (former law);
        // the spec carries the new-law K to ten places: 0.2124827836.
        let rules = Rules::embedded();
        let new = in_force(
            &rules.california.k_tables,
            "k",
            "2025-01-01".parse().unwrap(),
        )
        .unwrap();
        let (_, _, f) = k_fraction(new, dec("1000"));
        assert_eq!(
            crate::money::round_half_away(k_value(dec("0.2"), f), 10),
            dec("0.2124827836")
        );
        assert_eq!(
            crate::money::round_half_away(k_value(dec("0.8"), f), 10),
            dec("0.2124827836")
        );
        let old = in_force(
            &rules.california.k_tables,
            "k",
            "2020-01-01".parse().unwrap(),
        )
        .unwrap();
        let (_, _, f) = k_fraction(old, dec("1000"));
        assert_eq!(k_value(dec("0.2"), f), dec("0.30"));
        assert_eq!(k_value(dec("0.8"), f), dec("0.30"));
    }

    #[test]
    fn band_edges_follow_the_spec_reading() {
        // spec california.md §1.2 table: TN 2,900 is band 1 (0.2000000603...), 2,901 band 2.
        let table = &Rules::embedded().california.k_tables[1];
        let (band, _, f) = k_fraction(table, dec("2900"));
        assert_eq!(
            (band, crate::money::round_half_away(f, 10)),
            (1, dec("0.2000000603"))
        );
        let (band, _, f) = k_fraction(table, dec("2900.01"));
        assert_eq!(band, 2);
        assert!(f < dec("0.2"));
        let (band, _, f) = k_fraction(table, dec("15001"));
        assert_eq!(
            (band, crate::money::round_half_away(f, 10)),
            (5, dec("0.1999946670"))
        );
    }

    #[test]
    fn n2_two_children_with_per_child_split() {
        // spec N2: HN 3,000, LN 1,000, H% 0.20, 2 children: 954.21; youngest 596.38, next 357.83.
        let r = run(&input("2025-03-01", "3000", "1000", "0.2", 2));
        assert_eq!(r.amount, Money::from_cents(95421));
        assert_eq!(r.payer, Some(Parent::A));
        assert_eq!(r.per_child[0].amount, Money::from_cents(59638));
        assert_eq!(r.per_child[1].amount, Money::from_cents(35783));
        assert!(r.low_income_adjustment.is_none());
    }

    #[test]
    fn n1_low_income_range_by_year() {
        // spec N1: 351.31; lowest 228.01 (Sept-Dec 2024), 221.10 (2025), 215.87 (2026).
        for (date, lowest) in [
            ("2024-10-01", 22801),
            ("2025-06-01", 22110),
            ("2026-06-01", 21587),
        ] {
            let r = run(&input(date, "1800", "700", "0", 1));
            assert_eq!(r.amount, Money::from_cents(35131));
            let l = r.low_income_adjustment.unwrap();
            assert_eq!(l.lowest_amount, Money::from_cents(lowest), "{date}");
            assert_eq!(l.highest_amount, Money::from_cents(35131));
        }
    }

    #[test]
    fn a_2027_date_computes_support_and_reports_the_missing_wage() {
        let r = run(&input("2027-02-01", "1800", "700", "0", 1));
        assert_eq!(r.amount, Money::from_cents(35131));
        assert!(r.low_income_adjustment.is_none());
        assert_eq!(r.missing_rules[0].rule, "california.minimum_wage");
    }

    #[test]
    fn a_date_before_2004_is_an_error_naming_the_coverage() {
        let err = compute(
            Rules::embedded(),
            &input("2003-12-31", "1800", "700", "0", 1),
        )
        .unwrap_err();
        match err {
            Error::NoRule { rule, covered, .. } => {
                assert_eq!(rule, "california.k_tables");
                assert!(covered.starts_with("2004-01-01"));
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn add_on_split_n3() {
        // spec §5.2: N3 (payer 6,000 pays 750; payee 2,000): 5,250 vs 2,000 -> a $1,000
        // childcare cost splits 724.14 / 275.86.
        let mut i = input("2025-01-01", "6000", "2000", "0.5", 1);
        i.add_ons = vec![AddOn {
            kind: AddOnKind::Childcare,
            amount: dec("1000"),
        }];
        let r = run(&i);
        assert_eq!(r.amount, Money::from_cents(75000));
        let s = r.add_ons.unwrap();
        assert_eq!(s.items[0].parent_a, Money::from_cents(72414));
        assert_eq!(s.items[0].parent_b, Money::from_cents(27586));
        // Former law: one-half each.
        i.calculation_date = "2024-01-01".parse().unwrap();
        let s = run(&i).add_ons.unwrap();
        assert_eq!(
            (s.items[0].parent_a, s.items[0].parent_b),
            (Money::from_cents(50000), Money::from_cents(50000))
        );
    }

    #[test]
    fn bad_inputs_name_their_fields() {
        let cases = [
            (
                input("2025-01-01", "-1", "0", "0", 1),
                "parent_a_net_income",
            ),
            (
                input("2025-01-01", "1", "0", "1.01", 1),
                "time_share.fraction",
            ),
            (input("2025-01-01", "1", "0", "0", 0), "children"),
            (input("2025-01-01", "1", "0", "0", 11), "children"),
        ];
        for (i, field) in cases {
            let err = compute(Rules::embedded(), &i).unwrap_err();
            assert_eq!(err.field(), Some(field));
        }
    }

    mod properties {
        use super::*;
        use proptest::prelude::*;

        fn cents() -> impl Strategy<Value = Decimal> {
            (0i64..5_000_000).prop_map(|c| Decimal::new(c, 2))
        }

        fn share() -> impl Strategy<Value = Decimal> {
            (0i64..=10_000).prop_map(|bp| Decimal::new(bp, 4))
        }

        fn date() -> impl Strategy<Value = Date> {
            (2004i32..=2026, 1u32..=12, 1u32..=28).prop_map(|(y, m, d)| Date::new(y, m, d).unwrap())
        }

        fn make(
            date: Date,
            a: Decimal,
            b: Decimal,
            parent: Parent,
            f: Decimal,
            n: u32,
        ) -> CaliforniaInput {
            CaliforniaInput {
                calculation_date: date,
                parent_a_net_income: a,
                parent_b_net_income: b,
                time_share: Some(TimeShare {
                    parent,
                    fraction: f,
                }),
                child_time_shares: vec![],
                children: n,
                birth_dates: vec![],
                add_ons: vec![],
                spousal_support: None,
                add_on_split: None,
                ordered_basic_support: None,
            }
        }

        proptest! {
            #[test]
            fn swapping_the_parents_swaps_the_payer_and_keeps_the_amount(
                d in date(), a in cents(), b in cents(), f in share(), n in 1u32..=10
            ) {
                let r1 = compute(Rules::embedded(), &make(d, a, b, Parent::A, f, n)).unwrap();
                let r2 = compute(Rules::embedded(), &make(d, b, a, Parent::B, f, n)).unwrap();
                prop_assert_eq!(r1.amount, r2.amount);
                prop_assert_eq!(r1.payer, r2.payer.map(Parent::other));
                prop_assert_eq!(
                    r1.low_income_adjustment.as_ref().map(|l| l.lowest_amount),
                    r2.low_income_adjustment.as_ref().map(|l| l.lowest_amount)
                );
            }

            #[test]
            fn the_amount_is_zero_when_h_equals_hn_over_tn(
                d in date(), a in 1i64..5_000_000, b in 0i64..5_000_000, n in 1u32..=10
            ) {
                let (a, b) = (Decimal::new(a, 2), Decimal::new(b, 2));
                let (hn, tn) = (a.max(b), a + b);
                let h = hn / tn;
                let r = compute(Rules::embedded(), &make(d, a, b, if a >= b { Parent::A } else { Parent::B }, h, n)).unwrap();
                prop_assert!(r.amount.is_zero(), "amount {}", r.amount);
            }

            #[test]
            fn per_child_shares_add_up_to_the_amount(
                d in date(), a in cents(), b in cents(), f in share(), n in 1u32..=10
            ) {
                let r = compute(Rules::embedded(), &make(d, a, b, Parent::A, f, n)).unwrap();
                prop_assert_eq!(r.per_child.len(), n as usize);
                prop_assert_eq!(r.per_child.iter().map(|c| c.amount).sum::<Money>(), r.amount);
                if let Some(l) = &r.low_income_adjustment {
                    prop_assert!(l.lowest_amount <= l.highest_amount);
                    let lowest: Money = r.per_child.iter().map(|c| c.lowest_amount.unwrap()).sum();
                    prop_assert_eq!(lowest, l.lowest_amount);
                }
            }

            #[test]
            fn any_input_gives_a_result_or_a_typed_error(
                y in 1990i32..2040, m in 1u32..=12, day in 1u32..=28,
                a in any::<i64>(), b in any::<i64>(), scale in 0u32..12,
                f in any::<i64>(), n in 0u32..15, parent in any::<bool>()
            ) {
                let input = make(
                    Date::new(y, m, day).unwrap(),
                    Decimal::new(a, scale),
                    Decimal::new(b, scale),
                    if parent { Parent::A } else { Parent::B },
                    Decimal::new(f, 18),
                    n,
                );
                match compute(Rules::embedded(), &input) {
                    Ok(r) => prop_assert!(r.amount >= Money::ZERO),
                    Err(e) => prop_assert!(e.field().is_some()),
                }
            }

            #[test]
            fn any_text_to_the_json_api_gives_json(s in ".{0,200}") {
                let out = crate::api::respond(Rules::embedded(), &s);
                prop_assert!(serde_json::from_str::<serde_json::Value>(&out).is_ok());
            }
        }
    }
}
