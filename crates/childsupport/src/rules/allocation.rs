//! Allocation rule data (section `allocation` of the rules): each state's policy for sharing one
//! collection across an obligor's cases, the federal limit on withholding for support, and each
//! state's rule for several withholding orders against one employee.
//!
//! Every series is effective-dated; the collection policies and the withholding rules hold one
//! series per state (entries carry `state`), each state's entries in date order without overlap.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::{coverage, validate_series, Validity};
use crate::date::Date;
use crate::error::Error;

/// The allocation series.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AllocationRules {
    /// Each state's policy for one collection across an obligor's cases.
    pub collection_policy: Vec<CollectionPolicy>,
    /// The federal limit on withholding for support (15 U.S.C. 1673(b)).
    pub federal_withholding_limit: Vec<FederalWithholdingLimit>,
    /// Each state's withholding rules: several orders, disposable earnings, its own limit.
    pub withholding: Vec<StateWithholding>,
    /// Pay periods a year, to convert monthly amounts to a pay period.
    pub pay_periods: Vec<PayPeriods>,
    /// Each state's rule for the arrears amount an agency writes into a withholding order.
    pub order_arrears: Vec<OrderArrears>,
}

/// One state's rule for the arrears amount an agency writes into an income withholding order,
/// relative to current support (California: 22 CCR §116100(a)(3)). This is what the order asks
/// for; what the employer may apply is the withholding limit, a separate rule.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OrderArrears {
    /// The state whose agency issues the order (`california`).
    pub state: String,
    /// When it holds, and its source.
    #[serde(flatten)]
    pub validity: Validity,
    /// The most the arrears amount may be, as a fraction of the current support order, when both
    /// current support and arrears exist.
    #[serde(with = "crate::money::exact")]
    pub max_fraction_of_current: Decimal,
    /// The most current support and the arrears amount together may be, as a fraction of the
    /// obligor's disposable earnings.
    #[serde(with = "crate::money::exact")]
    pub max_fraction_of_disposable: Decimal,
    /// The most the arrears amount may be, as a fraction of a disabled obligor's monthly
    /// disability benefits, when the obligor has shown the conditions for it.
    #[serde(with = "crate::money::exact")]
    pub max_fraction_of_disability_benefits: Decimal,
}

/// How many pay periods of each kind a year holds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PayPeriods {
    /// When it holds.
    #[serde(flatten)]
    pub validity: Validity,
    /// Weekly pay periods a year.
    pub weekly: u32,
    /// Biweekly (every two weeks) pay periods a year.
    pub biweekly: u32,
    /// Semimonthly (twice a month) pay periods a year.
    pub semimonthly: u32,
    /// Monthly pay periods a year.
    pub monthly: u32,
}

/// How arrears are shared across cases once current support is paid.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ArrearsPolicy {
    /// In proportion to each case's arrears balance.
    ByBalance,
    /// In proportion to the arrears amount each case's withholding order asks for.
    ByWithholdingOrder,
    /// In equal shares, a case needing less taking only what it needs.
    Equal,
    /// The case with the oldest unpaid support first, in full, then the next.
    OldestFirst,
}

/// What happens to what is left once every case's current support and arrears are paid.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum RemainderPolicy {
    /// Held as future support (45 CFR 302.51(b)), shared by current support due.
    Future,
    /// Returned to the obligor.
    Refund,
}

/// One state's cross-case policy for a period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CollectionPolicy {
    /// The state (`missouri`).
    pub state: String,
    /// When it holds, and its source.
    #[serde(flatten)]
    pub validity: Validity,
    /// How arrears are shared.
    pub arrears: ArrearsPolicy,
    /// What happens to the rest.
    pub remainder: RemainderPolicy,
}

/// The federal limit on withholding for support.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FederalWithholdingLimit {
    /// When it holds.
    #[serde(flatten)]
    pub validity: Validity,
    /// The fraction of disposable earnings when the obligor supports another spouse or child.
    #[serde(with = "crate::money::exact")]
    pub supporting_other_family: Decimal,
    /// The fraction when not.
    #[serde(with = "crate::money::exact")]
    pub not_supporting_other_family: Decimal,
    /// The additional fraction for support owed for a period before the last `old_arrears_weeks`.
    #[serde(with = "crate::money::exact")]
    pub old_arrears_additional: Decimal,
    /// The weeks that make arrears old.
    pub old_arrears_weeks: u32,
}

/// How several withholding orders against one employee share the amount withheld.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum MultipleOrders {
    /// Current support in equal amounts per order, then arrears in equal amounts.
    EqualShares,
    /// Current support in proportion to each order's, then arrears in proportion to each's.
    Prorate,
}

/// Which earnings count as disposable.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum DisposableDefinition {
    /// Earnings less amounts required by law to be withheld (15 U.S.C. 1672(b)).
    Federal,
    /// Also less union dues, nondiscretionary retirement, and medical, hospitalization and
    /// disability insurance for the obligor and the obligor's children (Tex. Fam. Code §101.010).
    Texas,
}

/// One state's withholding rules for a period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StateWithholding {
    /// The state of the principal place of employment (`texas`).
    pub state: String,
    /// When it holds.
    #[serde(flatten)]
    pub validity: Validity,
    /// How several orders share.
    pub multiple_orders: MultipleOrders,
    /// The state's definition of disposable earnings.
    pub disposable: DisposableDefinition,
    /// The state's own limit, a fraction of its disposable earnings (absent: the state's limit is
    /// elsewhere in the rules, or it has none beyond the federal one).
    #[serde(
        default,
        with = "crate::money::exact_opt",
        skip_serializing_if = "Option::is_none"
    )]
    pub max_fraction: Option<Decimal>,
}

dated!(
    CollectionPolicy,
    FederalWithholdingLimit,
    StateWithholding,
    PayPeriods,
    OrderArrears
);

/// Entries that belong to one state's series.
trait PerState: super::Dated {
    fn state(&self) -> &str;
}

impl PerState for CollectionPolicy {
    fn state(&self) -> &str {
        &self.state
    }
}

impl PerState for StateWithholding {
    fn state(&self) -> &str {
        &self.state
    }
}

impl PerState for OrderArrears {
    fn state(&self) -> &str {
        &self.state
    }
}

/// The entry of `state` in force on `date` in a per-state series, or a `no_rule` error naming
/// the series and the state.
fn for_state<'a, T: PerState + Clone>(
    series: &'a [T],
    name: &str,
    state: &str,
    date: Date,
) -> Result<&'a T, Error> {
    // Looked up for every collection: found without collecting the state's series, which is
    // gathered only for the error.
    series
        .iter()
        .find(|e| e.state() == state && e.validity().covers(date))
        .ok_or_else(|| {
            let owned: Vec<T> = series
                .iter()
                .filter(|e| e.state() == state)
                .cloned()
                .collect();
            let covered = if owned.is_empty() {
                let mut states: Vec<&str> = series.iter().map(|e| e.state()).collect();
                states.sort_unstable();
                states.dedup();
                format!("no dates for {state}; the states are {}", states.join(", "))
            } else {
                coverage(&owned)
            };
            Error::NoRule {
                rule: format!("{name} ({state})"),
                date,
                covered,
            }
        })
}

impl AllocationRules {
    /// The cross-case policy of `state` on `date`.
    pub fn collection_policy(&self, state: &str, date: Date) -> Result<&CollectionPolicy, Error> {
        for_state(
            &self.collection_policy,
            "allocation.collection_policy",
            state,
            date,
        )
    }

    /// The withholding rules of `state` on `date`.
    pub fn withholding(&self, state: &str, date: Date) -> Result<&StateWithholding, Error> {
        for_state(&self.withholding, "allocation.withholding", state, date)
    }

    /// The rule of `state` on `date` for the arrears amount of a withholding order.
    pub fn order_arrears(&self, state: &str, date: Date) -> Result<&OrderArrears, Error> {
        for_state(&self.order_arrears, "allocation.order_arrears", state, date)
    }

    /// Checks every series: each state's entries in date order, fractions within 0..1.
    pub fn validate(&self) -> Result<(), Error> {
        per_state(&self.collection_policy, "allocation.collection_policy")?;
        per_state(&self.withholding, "allocation.withholding")?;
        per_state(&self.order_arrears, "allocation.order_arrears")?;
        validate_series(
            &self.federal_withholding_limit,
            "allocation.federal_withholding_limit",
        )?;
        validate_series(&self.pay_periods, "allocation.pay_periods")?;
        for (i, p) in self.pay_periods.iter().enumerate() {
            if [p.weekly, p.biweekly, p.semimonthly, p.monthly].contains(&0) {
                return Err(Error::rules(
                    format!("allocation.pay_periods[{i}]"),
                    "every count of pay periods must be at least 1",
                ));
            }
        }
        let fraction = |v: Decimal, at: String| {
            if v < Decimal::ZERO || v > Decimal::ONE {
                Err(Error::rules(
                    at,
                    format!("{v} is not a fraction from 0 to 1"),
                ))
            } else {
                Ok(())
            }
        };
        for (i, l) in self.federal_withholding_limit.iter().enumerate() {
            let at = format!("allocation.federal_withholding_limit[{i}]");
            fraction(
                l.supporting_other_family,
                format!("{at}.supporting_other_family"),
            )?;
            fraction(
                l.not_supporting_other_family,
                format!("{at}.not_supporting_other_family"),
            )?;
            fraction(
                l.old_arrears_additional,
                format!("{at}.old_arrears_additional"),
            )?;
        }
        for (i, w) in self.withholding.iter().enumerate() {
            if let Some(f) = w.max_fraction {
                fraction(f, format!("allocation.withholding[{i}].max_fraction"))?;
            }
        }
        for (i, o) in self.order_arrears.iter().enumerate() {
            let at = format!("allocation.order_arrears[{i}]");
            fraction(
                o.max_fraction_of_current,
                format!("{at}.max_fraction_of_current"),
            )?;
            fraction(
                o.max_fraction_of_disposable,
                format!("{at}.max_fraction_of_disposable"),
            )?;
            fraction(
                o.max_fraction_of_disability_benefits,
                format!("{at}.max_fraction_of_disability_benefits"),
            )?;
        }
        Ok(())
    }
}

/// Each state's entries of a per-state series in date order without overlap.
fn per_state<T: PerState + Clone>(series: &[T], name: &str) -> Result<(), Error> {
    let mut states: Vec<&str> = series.iter().map(|e| e.state()).collect();
    states.sort_unstable();
    states.dedup();
    for state in states {
        let mine: Vec<T> = series
            .iter()
            .filter(|e| e.state() == state)
            .cloned()
            .collect();
        validate_series(&mine, &format!("{name} ({state})"))?;
    }
    Ok(())
}

#[cfg(test)]
mod validation_tests {
    use crate::rules::california::validation_tests::refused;
    use crate::rules::Rules;

    fn limit(other_family: &str) -> String {
        format!(
            "[[allocation.federal_withholding_limit]]\neffective_from = \"2025-01-01\"\nsupporting_other_family = \"{other_family}\"\nnot_supporting_other_family = \"0.60\"\nold_arrears_additional = \"0.05\"\nold_arrears_weeks = 12\ncitation = \"15 U.S.C. 1673(b)(2)\"\nstatus = \"VERIFIED\"\n"
        )
    }

    #[test]
    fn a_withholding_fraction_is_from_0_to_1() {
        for edge in ["0", "1"] {
            Rules::from_toml_str(&limit(edge)).unwrap();
        }
        for outside in ["-0.01", "1.01"] {
            let (at, msg) = refused(&limit(outside));
            assert_eq!(
                at,
                "allocation.federal_withholding_limit[0].supporting_other_family"
            );
            assert!(msg.contains("is not a fraction from 0 to 1"), "{msg}");
        }
    }

    #[test]
    fn each_states_entries_are_checked_apart() {
        let policy = |state: &str, from: &str| {
            format!(
                "[[allocation.collection_policy]]\nstate = \"{state}\"\neffective_from = \"{from}\"\narrears = \"by_balance\"\nremainder = \"future\"\ncitation = \"45 CFR 303.100(a)(5)\"\nstatus = \"VERIFIED\"\n"
            )
        };
        // Two states open from the same day: each is its own series.
        Rules::from_toml_str(
            &(policy("missouri", "2025-01-01") + &policy("georgia", "2025-01-01")),
        )
        .unwrap();
        // One state twice, both open: the first must end before the second.
        let (at, msg) =
            refused(&(policy("missouri", "2025-01-01") + &policy("missouri", "2026-01-01")));
        assert_eq!(at, "allocation.collection_policy (missouri)[0]");
        assert!(msg.contains("open-ended entry must be the last"), "{msg}");
    }
}
