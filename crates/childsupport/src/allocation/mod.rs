//! One collection across an obligor's cases (45 CFR 303.100(a)(5)), the income withholding
//! that brings it in (15 U.S.C. 1673(b)), and the posting of each case's share into its ledger.
//!
//! A collection is shared in tiers:
//!
//! 1. **Current support**, in proportion to the current support due in each case, paid in full
//!    when the collection covers it (303.100(a)(5) gives current support priority; the
//!    proportion is the states' common procedure, library reading R-AL-1);
//! 2. **Arrears**, by the state's policy: in proportion to each case's balance, to the arrears
//!    amount of each case's withholding order, in equal shares, or the oldest unpaid first;
//! 3. **The remainder**: held as future support (45 CFR 302.51(b)), shared by current support
//!    due, or refunded to the obligor (library reading R-AL-2).
//!
//! Every split is exact and rounded once, by largest remainder, ties to the larger weight and
//! then the caller's stable case ID (library reading R-2), so the listing order of cases never
//! changes a cent. Each case names its managing agency, and the result totals by agency. The
//! policy is effective-dated data per state (`allocation.collection_policy`); a caller may give
//! its own instead. Amounts are whole cents, so the exact shares are computed in integers (the
//! proof is in the `split` module); [`allocate_lean`] gives the same cents without the paths and
//! agency totals, for collections in bulk.
//!
//! The income withholding for one pay period is [`withholding`]; the arrears amount an agency
//! writes into a withholding order (22 CCR §116100) is [`order`].
//!
//! ```
//! use childsupport::allocation::{allocate, CollectionInput};
//! use childsupport::Rules;
//!
//! // Spec vector E8: $500 over current support of $350, $250 and $150.
//! let input: CollectionInput = serde_json::from_str(r#"{"date": "2026-03-10", "amount": "500",
//!     "state": "missouri", "cases": [
//!     {"id": "A", "agency": "Jackson County", "current_due": "350"},
//!     {"id": "B", "agency": "Jackson County", "current_due": "250"},
//!     {"id": "C", "agency": "Greene County", "current_due": "150"}]}"#).unwrap();
//! let a = allocate(Rules::embedded(), &input)?;
//! let shares: Vec<String> = a.cases.iter().map(|c| c.total.to_string()).collect();
//! assert_eq!(shares, ["233.33", "166.67", "100.00"]);
//! assert_eq!(a.agencies[0].agency, "Greene County");
//! # Ok::<(), childsupport::Error>(())
//! ```

pub mod order;
pub mod posting;
mod split;
pub mod withholding;

#[cfg(test)]
mod tests;

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::date::Date;
use crate::error::Error;
use crate::money::{require_amount, Money};
use crate::rules::allocation::CollectionPolicy;
pub use crate::rules::allocation::{ArrearsPolicy, RemainderPolicy};
use crate::rules::Rules;
use split::{Claim, Rule};

/// One collection to share across an obligor's cases.
///
/// ```json
/// {"date": "2026-03-10", "amount": "1000.00", "state": "missouri",
///  "cases": [{"id": "A", "agency": "Jackson County", "current_due": "350", "arrears": "1000"}]}
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct CollectionInput {
    /// The date of collection (selects the state's policy in force).
    pub date: Date,
    /// The amount collected, in whole cents.
    #[serde(with = "crate::money::exact")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::ExactDecimal"))]
    pub amount: Decimal,
    /// The state whose policy applies (`missouri`); not needed when `policy` is given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state: Option<String>,
    /// The caller's own policy, used instead of the state's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub policy: Option<PolicyInput>,
    /// A tax refund offset: it pays arrears only, never current support (45 CFR 302.51(a)(3)).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub tax_offset: bool,
    /// The obligor's cases.
    pub cases: Vec<CaseInput>,
}

/// A policy given by the caller.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct PolicyInput {
    /// How arrears are shared.
    pub arrears: ArrearsPolicy,
    /// What happens to the rest.
    pub remainder: RemainderPolicy,
}

/// One of the obligor's cases, with what it is owed on the date of collection.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct CaseInput {
    /// The caller's stable case ID (unique; it breaks ties, never the listing order).
    pub id: String,
    /// The managing agency (county).
    pub agency: String,
    /// Current support due for the month of collection, unpaid.
    #[serde(default, with = "crate::money::exact")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::ExactDecimal"))]
    pub current_due: Decimal,
    /// The arrears balance.
    #[serde(default, with = "crate::money::exact")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::ExactDecimal"))]
    pub arrears: Decimal,
    /// The arrears amount the case's withholding order asks for (policy `by_withholding_order`).
    #[serde(
        default,
        with = "crate::money::exact_opt",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Option<crate::schema::ExactDecimal>")
    )]
    pub withholding_arrears: Option<Decimal>,
    /// The due date of the oldest unpaid support (policy `oldest_first`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub oldest_unpaid: Option<Date>,
}

/// The policy applied, and its source.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct PolicyUsed {
    /// The state whose policy it is (absent: the caller's).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub state: Option<String>,
    /// How arrears were shared.
    pub arrears: ArrearsPolicy,
    /// What happens to the rest.
    pub remainder: RemainderPolicy,
    /// Its source.
    pub citation: String,
}

/// One step of a cent's path: which obligation of the case took how much, on what basis.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct PathStep {
    /// `current`, `arrears` or `future`.
    pub obligation: &'static str,
    /// The amount.
    pub amount: Money,
    /// How the amount was found.
    pub basis: String,
    /// The law or library reading.
    pub citation: &'static str,
}

/// One case's share.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct CaseShare {
    /// The caller's case ID.
    pub id: String,
    /// The managing agency.
    pub agency: String,
    /// Paid toward current support.
    pub current: Money,
    /// Paid toward arrears.
    pub arrears: Money,
    /// Held as future support.
    pub future: Money,
    /// The case's whole share.
    pub total: Money,
    /// Current support still unpaid.
    pub current_unpaid: Money,
    /// Arrears still unpaid.
    pub arrears_unpaid: Money,
    /// How the share was found, tier by tier.
    pub path: Vec<PathStep>,
}

/// What one agency receives.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct AgencyTotal {
    /// The agency.
    pub agency: String,
    /// Its cases, by ID.
    pub cases: Vec<String>,
    /// Toward current support.
    pub current: Money,
    /// Toward arrears.
    pub arrears: Money,
    /// Held as future support.
    pub future: Money,
    /// All it receives.
    pub total: Money,
}

/// The allocation of one collection.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct Allocation {
    /// The date of collection.
    pub date: Date,
    /// The amount collected.
    pub amount: Money,
    /// The policy applied.
    pub policy: PolicyUsed,
    /// Toward current support, all cases.
    pub current: Money,
    /// Toward arrears, all cases.
    pub arrears: Money,
    /// Held as future support, all cases.
    pub future: Money,
    /// Returned to the obligor.
    pub refund: Money,
    /// Each case's share, in the order the cases were given.
    pub cases: Vec<CaseShare>,
    /// Each agency's total, by agency name.
    pub agencies: Vec<AgencyTotal>,
}

const CURRENT_CITE: &str =
    "45 CFR 303.100(a)(5); 45 CFR 302.51(a)(1); library readings R-2 and R-AL-1";
const ARREARS_CITE: &str =
    "45 CFR 302.51(a)(1); the state's policy; library readings R-2 and R-AL-3";
const FUTURE_CITE: &str = "45 CFR 302.51(b); library reading R-AL-2";

/// A checked case: whole-cent amounts.
struct Case<'a> {
    input: &'a CaseInput,
    current: i64,
    arrears: i64,
    withholding: i64,
}

/// The cents of one allocation, tier by tier, before any sentence is written: one buffer of
/// four rows of one slot per case (current, arrears, future, and scratch for a split).
struct Tiers {
    n: usize,
    cents: Vec<i64>,
    refund: i64,
}

impl Tiers {
    fn current(&self) -> &[i64] {
        &self.cents[..self.n]
    }
    fn arrears(&self) -> &[i64] {
        &self.cents[self.n..2 * self.n]
    }
    fn future(&self) -> &[i64] {
        &self.cents[2 * self.n..3 * self.n]
    }
}

/// Shares one collection across the obligor's cases (see the module docs), with each case's
/// path and the agency totals. [`allocate_lean`] gives the same cents without them.
pub fn allocate(rules: &Rules, input: &CollectionInput) -> Result<Allocation, Error> {
    let amount = amount_cents(input)?;
    let (arrears_policy, remainder, entry) = policy_of(rules, input)?;
    let cases = check_cases(&input.cases, arrears_policy)?;
    let tiers = tiers(amount, &cases, input.tax_offset, arrears_policy, remainder);
    let (current, arrears, future) = (tiers.current(), tiers.arrears(), tiers.future());
    let policy = PolicyUsed {
        state: input.state.clone(),
        arrears: arrears_policy,
        remainder,
        citation: match entry {
            Some(p) => p.validity.cite(),
            None => "45 CFR 303.100(a)(5) (the state's procedure, as given by the caller)".into(),
        },
    };

    let m = Money::from_cents;
    let total_current: i64 = current.iter().sum();
    let total_owed: i64 = cases.iter().map(|c| c.current).sum();
    let total_arrears: i64 = cases.iter().map(|c| c.arrears).sum();
    let shares: Vec<CaseShare> = cases
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let mut path = Vec::new();
            if current[i] > 0 || c.current > 0 {
                path.push(PathStep {
                    obligation: "current",
                    amount: m(current[i]),
                    basis: if input.tax_offset {
                        "a tax refund offset pays arrears only".to_string()
                    } else if current[i] == c.current {
                        format!("current support due {} paid in full", m(c.current))
                    } else {
                        format!(
                            "{} of current support collected, shared by current support due: {} of {}",
                            m(total_current),
                            m(c.current),
                            m(total_owed)
                        )
                    },
                    citation: CURRENT_CITE,
                });
            }
            if arrears[i] > 0 || c.arrears > 0 {
                path.push(PathStep {
                    obligation: "arrears",
                    amount: m(arrears[i]),
                    basis: arrears_basis(arrears_policy, c, arrears[i], total_arrears),
                    citation: ARREARS_CITE,
                });
            }
            if future[i] > 0 {
                path.push(PathStep {
                    obligation: "future",
                    amount: m(future[i]),
                    basis: format!(
                        "held as future support, shared by current support due: {} of {}",
                        m(c.current),
                        m(total_owed)
                    ),
                    citation: FUTURE_CITE,
                });
            }
            CaseShare {
                id: c.input.id.clone(),
                agency: c.input.agency.clone(),
                current: m(current[i]),
                arrears: m(arrears[i]),
                future: m(future[i]),
                total: m(current[i] + arrears[i] + future[i]),
                current_unpaid: m(c.current - current[i]),
                arrears_unpaid: m(c.arrears - arrears[i]),
                path,
            }
        })
        .collect();
    Ok(Allocation {
        date: input.date,
        amount: m(amount),
        current: m(total_current),
        arrears: m(arrears.iter().sum()),
        future: m(future.iter().sum()),
        refund: m(tiers.refund),
        agencies: by_agency(&shares),
        cases: shares,
        policy,
    })
}

/// One case's share in a lean allocation, in cents.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct CaseCents {
    /// Paid toward current support, in cents.
    pub current_cents: i64,
    /// Paid toward arrears, in cents.
    pub arrears_cents: i64,
    /// Held as future support, in cents.
    pub future_cents: i64,
}

/// The allocation of one collection in cents, without paths, agency totals or policy text: the
/// same cents as [`allocate`]'s.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct LeanAllocation {
    /// Toward current support, all cases, in cents.
    pub current_cents: i64,
    /// Toward arrears, all cases, in cents.
    pub arrears_cents: i64,
    /// Held as future support, all cases, in cents.
    pub future_cents: i64,
    /// Returned to the obligor, in cents.
    pub refund_cents: i64,
    /// Each case's share, in the order the cases were given.
    pub cases: Vec<CaseCents>,
}

/// Shares one collection across the obligor's cases as [`allocate`] does (the same checks, the
/// same errors, the same cents), in cents, without writing each case's path, the agency totals
/// or the policy's citation: for a day's collections in bulk.
///
/// ```
/// use childsupport::allocation::{allocate_lean, CollectionInput};
/// use childsupport::Rules;
///
/// // Spec vector E9: 1,000 over three cases, arrears by balance.
/// let input: CollectionInput = serde_json::from_str(r#"{"date": "2026-03-10", "amount": "1000",
///     "state": "missouri", "cases": [
///     {"id": "A", "agency": "Jackson County", "current_due": "350", "arrears": "1000"},
///     {"id": "B", "agency": "Jackson County", "current_due": "250", "arrears": "3000"},
///     {"id": "C", "agency": "Greene County", "current_due": "150"}]}"#).unwrap();
/// let a = allocate_lean(Rules::embedded(), &input)?;
/// let arrears: Vec<i64> = a.cases.iter().map(|c| c.arrears_cents).collect();
/// assert_eq!(arrears, [6250, 18750, 0]);
/// # Ok::<(), childsupport::Error>(())
/// ```
pub fn allocate_lean(rules: &Rules, input: &CollectionInput) -> Result<LeanAllocation, Error> {
    let amount = amount_cents(input)?;
    let (arrears_policy, remainder, _) = policy_of(rules, input)?;
    let cases = check_cases(&input.cases, arrears_policy)?;
    let tiers = tiers(amount, &cases, input.tax_offset, arrears_policy, remainder);
    let (current, arrears, future) = (tiers.current(), tiers.arrears(), tiers.future());
    Ok(LeanAllocation {
        current_cents: current.iter().sum(),
        arrears_cents: arrears.iter().sum(),
        future_cents: future.iter().sum(),
        refund_cents: tiers.refund,
        cases: (0..cases.len())
            .map(|i| CaseCents {
                current_cents: current[i],
                arrears_cents: arrears[i],
                future_cents: future[i],
            })
            .collect(),
    })
}

fn amount_cents(input: &CollectionInput) -> Result<i64, Error> {
    whole_cents(input.amount, || "amount".into())
}

/// The three tiers in cents (shared by [`allocate`] and [`allocate_lean`]).
fn tiers(
    amount: i64,
    cases: &[Case<'_>],
    tax_offset: bool,
    arrears_policy: ArrearsPolicy,
    remainder: RemainderPolicy,
) -> Tiers {
    let n = cases.len();
    let mut cents = vec![0i64; 4 * n];
    let mut claims: Vec<Claim<'_>> = cases
        .iter()
        .map(|c| {
            // A tax offset pays no current support.
            let due = if tax_offset { 0 } else { c.current };
            Claim {
                id: &c.input.id,
                weight: due,
                need: due,
            }
        })
        .collect();
    let (current, rest) = cents.split_at_mut(n);
    let (arrears, rest) = rest.split_at_mut(n);
    let (future, scratch) = rest.split_at_mut(n);

    // Tier 1: current support.
    split::share_into(amount, &claims, Rule::Prorate, current);
    let mut left = amount - current.iter().sum::<i64>();

    // Tier 2: arrears.
    share_arrears(left, cases, arrears_policy, &mut claims, arrears, scratch);
    left -= arrears.iter().sum::<i64>();

    // Tier 3: the remainder (a tax offset's excess is repaid: 45 CFR 303.72(h)(4)).
    let refund = match remainder {
        RemainderPolicy::Future if !tax_offset && cases.iter().any(|c| c.current > 0) => {
            for (claim, c) in claims.iter_mut().zip(cases) {
                claim.weight = c.current;
                claim.need = left;
            }
            split::share_into(left, &claims, Rule::Prorate, future);
            left - future.iter().sum::<i64>()
        }
        _ => left,
    };
    Tiers { n, cents, refund }
}

fn arrears_basis(policy: ArrearsPolicy, c: &Case<'_>, paid: i64, total: i64) -> String {
    let m = Money::from_cents;
    if paid == c.arrears {
        return format!("arrears balance {} paid in full", m(c.arrears));
    }
    match policy {
        ArrearsPolicy::ByBalance => {
            format!(
                "shared by arrears balance: {} of {}",
                m(c.arrears),
                m(total)
            )
        }
        ArrearsPolicy::ByWithholdingOrder => format!(
            "shared by the withholding order's arrears amount {}",
            m(c.withholding)
        ),
        ArrearsPolicy::Equal => "shared in equal shares among the cases with arrears".into(),
        ArrearsPolicy::OldestFirst => match c.input.oldest_unpaid {
            Some(d) => format!("oldest unpaid support first: this case's is due {d}"),
            None => "oldest unpaid support first".into(),
        },
    }
}

/// Shares `amount` cents among the cases' arrears by `policy` into `out`; `claims` (one per
/// case) and `scratch` (one slot per case) are working space.
fn share_arrears<'a>(
    amount: i64,
    cases: &'a [Case<'a>],
    policy: ArrearsPolicy,
    claims: &mut [Claim<'a>],
    out: &mut [i64],
    scratch: &mut [i64],
) {
    let mut by = |weight: &dyn Fn(&Case<'_>) -> i64| {
        for (claim, c) in claims.iter_mut().zip(cases) {
            claim.weight = weight(c);
            claim.need = c.arrears;
        }
    };
    match policy {
        ArrearsPolicy::ByBalance => {
            by(&|c| c.arrears);
            split::share_into(amount, claims, Rule::Prorate, out);
        }
        ArrearsPolicy::Equal => {
            by(&|c| c.arrears);
            split::share_into(amount, claims, Rule::Equal, out);
        }
        ArrearsPolicy::ByWithholdingOrder => {
            // By the orders' arrears amounts; what cases without one (or paid in full) leave
            // goes by balance to the arrears still unpaid (library reading R-AL-3).
            by(&|c| c.withholding);
            split::share_into(amount, claims, Rule::Prorate, scratch);
            let rest = amount - scratch.iter().sum::<i64>();
            for ((claim, c), first) in claims.iter_mut().zip(cases).zip(scratch.iter()) {
                claim.weight = c.arrears - first;
                claim.need = c.arrears - first;
            }
            split::share_into(rest, claims, Rule::Prorate, out);
            for (o, first) in out.iter_mut().zip(scratch.iter()) {
                *o += first;
            }
        }
        ArrearsPolicy::OldestFirst => {
            // The cases with arrears, oldest first (on the stack for a handful of cases).
            let mut stack = [0usize; 16];
            let mut heap = Vec::new();
            let order: &mut [usize] = if cases.len() <= stack.len() {
                &mut stack[..cases.len()]
            } else {
                heap.resize(cases.len(), 0);
                &mut heap
            };
            let mut k = 0;
            for (i, c) in cases.iter().enumerate() {
                if c.arrears > 0 {
                    order[k] = i;
                    k += 1;
                }
            }
            let order = &mut order[..k];
            order.sort_unstable_by(|&a, &b| {
                let (ca, cb) = (&cases[a], &cases[b]);
                ca.input
                    .oldest_unpaid
                    .cmp(&cb.input.oldest_unpaid)
                    .then_with(|| cb.arrears.cmp(&ca.arrears))
                    .then_with(|| ca.input.id.cmp(&cb.input.id))
            });
            out.fill(0);
            let mut left = amount;
            for &i in order.iter() {
                let pay = left.min(cases[i].arrears);
                out[i] = pay;
                left -= pay;
            }
        }
    }
}

fn by_agency(shares: &[CaseShare]) -> Vec<AgencyTotal> {
    let mut map: BTreeMap<&str, AgencyTotal> = BTreeMap::new();
    for s in shares {
        let t = map.entry(&s.agency).or_insert_with(|| AgencyTotal {
            agency: s.agency.clone(),
            cases: vec![],
            current: Money::ZERO,
            arrears: Money::ZERO,
            future: Money::ZERO,
            total: Money::ZERO,
        });
        t.cases.push(s.id.clone());
        t.current = t.current + s.current;
        t.arrears = t.arrears + s.arrears;
        t.future = t.future + s.future;
        t.total = t.total + s.total;
    }
    map.into_values()
        .map(|mut t| {
            t.cases.sort();
            t
        })
        .collect()
}

/// The policy that applies: the caller's, or the state's entry for the date (returned too, for
/// its citation).
fn policy_of<'r>(
    rules: &'r Rules,
    input: &CollectionInput,
) -> Result<(ArrearsPolicy, RemainderPolicy, Option<&'r CollectionPolicy>), Error> {
    match (&input.policy, &input.state) {
        (Some(p), _) => Ok((p.arrears, p.remainder, None)),
        (None, Some(state)) => {
            let p = rules.allocation.collection_policy(state, input.date)?;
            Ok((p.arrears, p.remainder, Some(p)))
        }
        (None, None) => Err(Error::invalid(
            "state",
            "",
            "the state whose policy applies (missouri), or a policy {\"arrears\": ..., \"remainder\": ...}",
        )),
    }
}
/// Answers the JSON kinds `collection_allocation`, `collection_post`, `withholding_amounts` and
/// `withholding_order_arrears`.
pub(crate) fn answer(
    rules: &Rules,
    kind: &str,
    input: &serde_json::value::RawValue,
) -> Result<String, Error> {
    use crate::api::{parse, response_json};
    match kind {
        "collection_allocation" => response_json(rules, kind, &allocate(rules, &parse(input)?)?),
        "collection_post" => response_json(
            rules,
            kind,
            &posting::post_collection(rules, &parse(input)?)?,
        ),
        "withholding_order_arrears" => {
            response_json(rules, kind, &order::order_arrears(rules, &parse(input)?)?)
        }
        _ => response_json(
            rules,
            kind,
            &withholding::withholding_amounts(rules, &parse(input)?)?,
        ),
    }
}

/// An amount of zero or more in whole cents, naming `field` if not.
pub(crate) fn cents(field: &str, value: Decimal) -> Result<Money, Error> {
    Money::from_exact_cents(field, require_amount(field, value)?)
}

/// An amount of zero or more in whole cents, as cents; the field's name is built only for an
/// error. The usual input (a decimal with at most two places) is read straight from its
/// mantissa; anything else goes through [`cents`], which names what is wrong.
pub(crate) fn whole_cents(value: Decimal, field: impl Fn() -> String) -> Result<i64, Error> {
    const MAX_CENTS: i128 = 100_000_000_000_000; // money::MAX_AMOUNT, 10^12, in cents
    let mantissa = value.mantissa();
    let scale = value.scale();
    if mantissa >= 0 && scale <= 2 {
        let c = mantissa
            * if scale == 2 {
                1
            } else if scale == 1 {
                10
            } else {
                100
            };
        if c <= MAX_CENTS {
            return Ok(c as i64);
        }
    }
    cents(&field(), value).map(Money::cents)
}

/// Empty or only white space (`trim` is the reference; an ASCII letter or digit first settles it
/// without scanning).
fn blank(s: &str) -> bool {
    match s.as_bytes().first() {
        Some(b) if b.is_ascii_alphanumeric() => false,
        _ => s.trim().is_empty(),
    }
}

fn check_cases(cases: &[CaseInput], policy: ArrearsPolicy) -> Result<Vec<Case<'_>>, Error> {
    if cases.is_empty() {
        return Err(Error::invalid(
            "cases",
            "none",
            "at least one of the obligor's cases",
        ));
    }
    let mut out: Vec<Case<'_>> = Vec::with_capacity(cases.len());
    let mut seen = std::collections::HashSet::new();
    for (i, c) in cases.iter().enumerate() {
        let at = |f: &str| format!("cases[{i}].{f}");
        if blank(&c.id) {
            return Err(Error::invalid(
                at("id"),
                &c.id,
                "a case ID that is not empty",
            ));
        }
        // A handful of cases: compare with the earlier ones; many: a set.
        let repeated = if cases.len() <= 16 {
            out.iter().any(|p| p.input.id == c.id)
        } else {
            !seen.insert(c.id.as_str())
        };
        if repeated {
            return Err(Error::invalid(
                at("id"),
                &c.id,
                "a case ID unique among the cases (it breaks ties)",
            ));
        }
        if blank(&c.agency) {
            return Err(Error::invalid(
                at("agency"),
                &c.agency,
                "the managing agency (county) of the case",
            ));
        }
        let current = whole_cents(c.current_due, || at("current_due"))?;
        let arrears = whole_cents(c.arrears, || at("arrears"))?;
        if current == 0 && arrears == 0 {
            return Err(Error::invalid(
                format!("cases[{i}]"),
                &c.id,
                "a case with current support due or an arrears balance (a case owed nothing takes no share: leave it out)",
            ));
        }
        let withholding = match c.withholding_arrears {
            Some(w) => whole_cents(w, || at("withholding_arrears"))?,
            None => 0,
        };
        if policy == ArrearsPolicy::OldestFirst && arrears > 0 && c.oldest_unpaid.is_none() {
            return Err(Error::invalid(
                at("oldest_unpaid"),
                "",
                "the due date of the case's oldest unpaid support (the policy is oldest first)",
            ));
        }
        out.push(Case {
            input: c,
            current,
            arrears,
            withholding,
        });
    }
    Ok(out)
}
