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
//! its own instead.
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
pub use crate::rules::allocation::{ArrearsPolicy, RemainderPolicy};
use crate::rules::Rules;
use split::Claim;

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
    current: Money,
    arrears: Money,
    withholding: Money,
}

/// Shares one collection across the obligor's cases (see the module docs).
pub fn allocate(rules: &Rules, input: &CollectionInput) -> Result<Allocation, Error> {
    let amount = cents("amount", input.amount)?;
    let policy = policy(rules, input)?;
    let cases = check_cases(&input.cases, policy.arrears)?;

    // Tier 1: current support (none for a tax offset).
    let claims: Vec<Claim<'_>> = cases
        .iter()
        .map(|c| {
            let due = if input.tax_offset {
                Money::ZERO
            } else {
                c.current
            };
            Claim {
                id: &c.input.id,
                weight: due,
                need: due,
            }
        })
        .collect();
    let current = split::prorate(amount, &claims)?;
    let mut left = amount - current.iter().copied().sum();

    // Tier 2: arrears.
    let arrears = share_arrears(left, &cases, policy.arrears)?;
    left = left - arrears.iter().copied().sum();

    // Tier 3: the remainder (a tax offset's excess is repaid: 45 CFR 303.72(h)(4)).
    let (future, refund) = match policy.remainder {
        RemainderPolicy::Future
            if !input.tax_offset && cases.iter().any(|c| c.current.cents() > 0) =>
        {
            let claims: Vec<Claim<'_>> = cases
                .iter()
                .map(|c| Claim {
                    id: &c.input.id,
                    weight: c.current,
                    need: left,
                })
                .collect();
            let f = split::prorate(left, &claims)?;
            let rest = left - f.iter().copied().sum();
            (f, rest)
        }
        _ => (vec![Money::ZERO; cases.len()], left),
    };

    let total_current: Money = current.iter().copied().sum();
    let total_owed: Money = cases.iter().map(|c| c.current).sum();
    let total_arrears: Money = cases.iter().map(|c| c.arrears).sum();
    let shares: Vec<CaseShare> = cases
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let mut path = Vec::new();
            if current[i].cents() > 0 || c.current.cents() > 0 {
                path.push(PathStep {
                    obligation: "current",
                    amount: current[i],
                    basis: if input.tax_offset {
                        "a tax refund offset pays arrears only".to_string()
                    } else if current[i] == c.current {
                        format!("current support due {} paid in full", c.current)
                    } else {
                        format!(
                            "{} of current support collected, shared by current support due: {} of {}",
                            total_current, c.current, total_owed
                        )
                    },
                    citation: CURRENT_CITE,
                });
            }
            if arrears[i].cents() > 0 || c.arrears.cents() > 0 {
                path.push(PathStep {
                    obligation: "arrears",
                    amount: arrears[i],
                    basis: arrears_basis(policy.arrears, c, arrears[i], total_arrears),
                    citation: ARREARS_CITE,
                });
            }
            if future[i].cents() > 0 {
                path.push(PathStep {
                    obligation: "future",
                    amount: future[i],
                    basis: format!(
                        "held as future support, shared by current support due: {} of {}",
                        c.current, total_owed
                    ),
                    citation: FUTURE_CITE,
                });
            }
            CaseShare {
                id: c.input.id.clone(),
                agency: c.input.agency.clone(),
                current: current[i],
                arrears: arrears[i],
                future: future[i],
                total: current[i] + arrears[i] + future[i],
                current_unpaid: c.current - current[i],
                arrears_unpaid: c.arrears - arrears[i],
                path,
            }
        })
        .collect();
    Ok(Allocation {
        date: input.date,
        amount,
        current: total_current,
        arrears: arrears.iter().copied().sum(),
        future: future.iter().copied().sum(),
        refund,
        agencies: by_agency(&shares),
        cases: shares,
        policy,
    })
}

fn arrears_basis(policy: ArrearsPolicy, c: &Case<'_>, paid: Money, total: Money) -> String {
    if paid == c.arrears {
        return format!("arrears balance {} paid in full", c.arrears);
    }
    match policy {
        ArrearsPolicy::ByBalance => {
            format!("shared by arrears balance: {} of {}", c.arrears, total)
        }
        ArrearsPolicy::ByWithholdingOrder => format!(
            "shared by the withholding order's arrears amount {}",
            c.withholding
        ),
        ArrearsPolicy::Equal => "shared in equal shares among the cases with arrears".into(),
        ArrearsPolicy::OldestFirst => match c.input.oldest_unpaid {
            Some(d) => format!("oldest unpaid support first: this case's is due {d}"),
            None => "oldest unpaid support first".into(),
        },
    }
}

/// Shares `amount` among the cases' arrears by `policy`.
fn share_arrears(
    amount: Money,
    cases: &[Case<'_>],
    policy: ArrearsPolicy,
) -> Result<Vec<Money>, Error> {
    let by = |weight: &dyn Fn(&Case<'_>) -> Money| -> Vec<Claim<'_>> {
        cases
            .iter()
            .map(|c| Claim {
                id: &c.input.id,
                weight: weight(c),
                need: c.arrears,
            })
            .collect()
    };
    match policy {
        ArrearsPolicy::ByBalance => split::prorate(amount, &by(&|c| c.arrears)),
        ArrearsPolicy::Equal => split::equal(amount, &by(&|c| c.arrears)),
        ArrearsPolicy::ByWithholdingOrder => {
            // By the orders' arrears amounts; what cases without one (or paid in full) leave
            // goes by balance to the arrears still unpaid (library reading R-AL-3).
            let first = split::prorate(amount, &by(&|c| c.withholding))?;
            let rest = amount - first.iter().copied().sum();
            let claims: Vec<Claim<'_>> = cases
                .iter()
                .zip(&first)
                .map(|(c, f)| Claim {
                    id: &c.input.id,
                    weight: c.arrears - *f,
                    need: c.arrears - *f,
                })
                .collect();
            let second = split::prorate(rest, &claims)?;
            Ok(first.iter().zip(&second).map(|(a, b)| *a + *b).collect())
        }
        ArrearsPolicy::OldestFirst => {
            let mut order: Vec<usize> = (0..cases.len())
                .filter(|&i| cases[i].arrears.cents() > 0)
                .collect();
            order.sort_by(|&a, &b| {
                let (ca, cb) = (&cases[a], &cases[b]);
                ca.input
                    .oldest_unpaid
                    .cmp(&cb.input.oldest_unpaid)
                    .then_with(|| cb.arrears.cmp(&ca.arrears))
                    .then_with(|| ca.input.id.cmp(&cb.input.id))
            });
            let mut out = vec![Money::ZERO; cases.len()];
            let mut left = amount;
            for i in order {
                let pay = left.min(cases[i].arrears);
                out[i] = pay;
                left = left - pay;
            }
            Ok(out)
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

fn policy(rules: &Rules, input: &CollectionInput) -> Result<PolicyUsed, Error> {
    match (&input.policy, &input.state) {
        (Some(p), state) => Ok(PolicyUsed {
            state: state.clone(),
            arrears: p.arrears,
            remainder: p.remainder,
            citation: "45 CFR 303.100(a)(5) (the state's procedure, as given by the caller)"
                .into(),
        }),
        (None, Some(state)) => {
            let p = rules.allocation.collection_policy(state, input.date)?;
            Ok(PolicyUsed {
                state: Some(state.clone()),
                arrears: p.arrears,
                remainder: p.remainder,
                citation: p.validity.cite(),
            })
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

fn check_cases(cases: &[CaseInput], policy: ArrearsPolicy) -> Result<Vec<Case<'_>>, Error> {
    if cases.is_empty() {
        return Err(Error::invalid(
            "cases",
            "none",
            "at least one of the obligor's cases",
        ));
    }
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::with_capacity(cases.len());
    for (i, c) in cases.iter().enumerate() {
        let at = |f: &str| format!("cases[{i}].{f}");
        if c.id.trim().is_empty() {
            return Err(Error::invalid(
                at("id"),
                &c.id,
                "a case ID that is not empty",
            ));
        }
        if !seen.insert(c.id.as_str()) {
            return Err(Error::invalid(
                at("id"),
                &c.id,
                "a case ID unique among the cases (it breaks ties)",
            ));
        }
        if c.agency.trim().is_empty() {
            return Err(Error::invalid(
                at("agency"),
                &c.agency,
                "the managing agency (county) of the case",
            ));
        }
        let current = cents(&at("current_due"), c.current_due)?;
        let arrears = cents(&at("arrears"), c.arrears)?;
        if current.is_zero() && arrears.is_zero() {
            return Err(Error::invalid(
                format!("cases[{i}]"),
                &c.id,
                "a case with current support due or an arrears balance (a case owed nothing takes no share: leave it out)",
            ));
        }
        let withholding = match c.withholding_arrears {
            Some(w) => cents(&at("withholding_arrears"), w)?,
            None => Money::ZERO,
        };
        if policy == ArrearsPolicy::OldestFirst && arrears.cents() > 0 && c.oldest_unpaid.is_none()
        {
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
