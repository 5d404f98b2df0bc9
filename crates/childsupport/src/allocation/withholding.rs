//! Income withholding for one pay period: the most an employer may withhold for support, and
//! how several orders against one employee share it.
//!
//! - **Disposable earnings**: earnings less the amounts required by law to be withheld
//!   (15 U.S.C. 1672(b)); where the state of the principal place of employment defines them more
//!   narrowly (Tex. Fam. Code §101.010: also union dues, nondiscretionary retirement, and
//!   medical, hospitalization and disability insurance for the obligor and the obligor's
//!   children) the state's limit is applied to the state's figure. Voluntary deductions
//!   (charity, savings) never come off.
//! - **The limit**: 50% of disposable earnings when the obligor supports another spouse or child,
//!   else 60%, plus 5 points when support for a period before the last 12 weeks is withheld
//!   (15 U.S.C. 1673(b)(2)); the lower of that and the state's own limit binds (42 U.S.C.
//!   666(b)(6)(A)(i)), rounded toward zero to the cent (library reading R-3). An employer's fee
//!   counts inside the limit (42 U.S.C. 666(b)(1)).
//! - **Several orders**: current support before arrears (45 CFR 303.100(a)(5)); within a tier,
//!   by the state's rule: Texas pays equal amounts per order, an order needing less taking only
//!   what it needs (Tex. Fam. Code §158.207(b)); California prorates by each order's current
//!   support, then by each order's arrears (Fam. Code §5238(b)); with no state rule, proration
//!   (library reading R-AL-6). No order is left without its share (303.100(a)(5)).
//!
//! The amounts here are per pay period: the orders' amounts are given for the same period as
//! the earnings. What an agency writes into an order is a separate question from what the
//! employer may apply: this computes the latter.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::cents;
use super::split::{self, Claim, Rule};
use crate::date::Date;
use crate::error::Error;
use crate::exact::Exact;
use crate::money::{require_fraction, Money};
use crate::rules::allocation::{DisposableDefinition, MultipleOrders};
use crate::rules::{in_force, Rules};

/// How the 5 additional points for old arrears are read (library reading R-AL-4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum OldArrearsReading {
    /// "if and to the extent": the 5 points are available only for the old arrears, up to
    /// what the orders ask for them (the statute's words; the default).
    #[default]
    ToTheExtent,
    /// The whole limit rises by 5 points (common practice).
    WholeLimit,
}

/// The earnings of one pay period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct EarningsInput {
    /// Disposable earnings, when known (used for every definition); else from `gross`.
    #[serde(
        default,
        with = "crate::money::exact_opt",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Option<crate::schema::ExactDecimal>")
    )]
    pub disposable: Option<Decimal>,
    /// Gross earnings for the period.
    #[serde(
        default,
        with = "crate::money::exact_opt",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Option<crate::schema::ExactDecimal>")
    )]
    pub gross: Option<Decimal>,
    /// Amounts required by law to be withheld: income taxes, Social Security, Medicare, state
    /// taxes.
    #[serde(default, with = "crate::money::exact")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::ExactDecimal"))]
    pub required_by_law: Decimal,
    /// Union dues.
    #[serde(default, with = "crate::money::exact")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::ExactDecimal"))]
    pub union_dues: Decimal,
    /// Nondiscretionary (mandatory) retirement contributions.
    #[serde(default, with = "crate::money::exact")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::ExactDecimal"))]
    pub mandatory_retirement: Decimal,
    /// Medical, hospitalization and disability insurance for the obligor and the children.
    #[serde(default, with = "crate::money::exact")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::ExactDecimal"))]
    pub health_insurance: Decimal,
    /// Other (voluntary) deductions: never deducted from disposable earnings.
    #[serde(default, with = "crate::money::exact")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::ExactDecimal"))]
    pub other: Decimal,
}

/// A pay period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum PayPeriod {
    /// Every week.
    Weekly,
    /// Every two weeks.
    Biweekly,
    /// Twice a month.
    Semimonthly,
    /// Once a month.
    Monthly,
}

/// One withholding order's amounts for the pay period (or monthly, with `monthly_amounts`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct OrderInput {
    /// The caller's stable order (or case) ID: it breaks ties.
    pub id: String,
    /// Current support for the period.
    #[serde(default, with = "crate::money::exact")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::ExactDecimal"))]
    pub current: Decimal,
    /// The amount toward arrears for the period.
    #[serde(default, with = "crate::money::exact")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::ExactDecimal"))]
    pub arrears: Decimal,
}

/// The request `withholding_amounts`.
///
/// ```json
/// {"date": "2026-03-06", "state": "texas", "earnings": {"disposable": "850"},
///  "supports_other_family": false, "arrears_over_12_weeks": false,
///  "orders": [{"id": "1", "current": "100", "arrears": "50"}]}
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct WithholdingInput {
    /// The pay date (selects the rules in force).
    pub date: Date,
    /// The state of the principal place of employment (absent: the federal limit only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state: Option<String>,
    /// The period's earnings.
    pub earnings: EarningsInput,
    /// The obligor supports a spouse or dependent child other than those of the orders.
    #[serde(default)]
    pub supports_other_family: bool,
    /// Support for a period before the 12 weeks ending with the start of the workweek is owed.
    #[serde(default)]
    pub arrears_over_12_weeks: bool,
    /// How the 5 additional points are read.
    #[serde(default)]
    pub old_arrears_reading: OldArrearsReading,
    /// A state limit the caller states (a fraction of federal disposable earnings, 0 to 1),
    /// instead of the rules' for the state.
    #[serde(
        default,
        with = "crate::money::exact_opt",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Option<crate::schema::ExactDecimal>")
    )]
    pub state_max_fraction: Option<Decimal>,
    /// The pay period; with `monthly_amounts`, the orders' amounts are converted to it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pay_period: Option<PayPeriod>,
    /// The orders' amounts are monthly (converted to `pay_period` by library reading R-AL-8);
    /// otherwise they are already per pay period.
    #[serde(default)]
    pub monthly_amounts: bool,
    /// The employer's fee for the period, where the state allows one (inside the limit).
    #[serde(default, with = "crate::money::exact")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::ExactDecimal"))]
    pub employer_fee: Decimal,
    /// The orders.
    pub orders: Vec<OrderInput>,
}

/// A limit and how it was found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct Limit {
    /// `federal` or `state`.
    pub source: &'static str,
    /// The disposable earnings it applies to.
    pub disposable: Money,
    /// The fraction of them, as text (`0.55`).
    pub fraction: String,
    /// The amount (rounded toward zero to the cent).
    pub amount: Money,
    /// Its authority.
    pub citation: String,
}

/// One order's withholding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct OrderShare {
    /// The order's ID.
    pub id: String,
    /// Current support asked for in the period (converted from monthly when so given).
    pub current_due: Money,
    /// Arrears asked for in the period (converted from monthly when so given).
    pub arrears_due: Money,
    /// Withheld toward current support.
    pub current: Money,
    /// Withheld toward arrears.
    pub arrears: Money,
    /// Withheld in all.
    pub total: Money,
    /// What the order asks for and is not withheld (the employee's responsibility).
    pub unwithheld: Money,
}

/// The answer to `withholding_amounts`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct WithholdingResult {
    /// Disposable earnings by the federal definition.
    pub disposable_federal: Money,
    /// Disposable earnings by the state's definition, where it differs.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub disposable_state: Option<Money>,
    /// The limits considered.
    pub limits: Vec<Limit>,
    /// The binding limit, the employer's fee included.
    pub limit: Money,
    /// The employer's fee.
    pub employer_fee: Money,
    /// What the orders ask for.
    pub requested: Money,
    /// Withheld for support, all orders.
    pub withheld: Money,
    /// What the orders ask for and is not withheld.
    pub unwithheld: Money,
    /// How several orders share, and its authority.
    pub multiple_orders: MultipleOrders,
    /// Its authority.
    pub multiple_orders_citation: String,
    /// Each order's withholding, in the order given.
    pub orders: Vec<OrderShare>,
    /// How monthly amounts were converted to the pay period, when they were.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub conversion: Option<Conversion>,
}

/// The conversion of monthly amounts to a pay period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct Conversion {
    /// The pay period.
    pub pay_period: PayPeriod,
    /// Pay periods a year (a period's amount is the monthly amount x 12 / this).
    pub periods_a_year: u32,
    /// Its authority.
    pub citation: String,
}

/// Computes the withholding for one pay period (see the module docs).
pub fn withholding_amounts(
    rules: &Rules,
    input: &WithholdingInput,
) -> Result<WithholdingResult, Error> {
    let e = &input.earnings;
    let required = cents("earnings.required_by_law", e.required_by_law)?;
    let dues = cents("earnings.union_dues", e.union_dues)?;
    let retirement = cents("earnings.mandatory_retirement", e.mandatory_retirement)?;
    let insurance = cents("earnings.health_insurance", e.health_insurance)?;
    cents("earnings.other", e.other)?;
    let (federal_de, texas_de) = match (e.disposable, e.gross) {
        (Some(d), None) => {
            let d = cents("earnings.disposable", d)?;
            (d, d)
        }
        (None, Some(g)) => {
            let g = cents("earnings.gross", g)?;
            let f = non_negative("earnings.required_by_law", g - required)?;
            let t = non_negative("earnings.health_insurance", f - dues - retirement - insurance)?;
            (f, t)
        }
        _ => {
            return Err(Error::invalid(
                "earnings",
                "",
                "either disposable (the period's disposable earnings) or gross with its deductions, not both",
            ))
        }
    };
    let fee = cents("employer_fee", input.employer_fee)?;
    if input.orders.is_empty() {
        return Err(Error::invalid(
            "orders",
            "none",
            "at least one withholding order",
        ));
    }
    let conversion = match (input.monthly_amounts, input.pay_period) {
        (false, _) => None,
        (true, None) => {
            return Err(Error::invalid(
                "pay_period",
                "",
                "the pay period (weekly, biweekly, semimonthly, monthly) to convert the monthly amounts to",
            ))
        }
        (true, Some(period)) => {
            let p = in_force(
                &rules.allocation.pay_periods,
                "allocation.pay_periods",
                input.date,
            )?;
            let periods_a_year = match period {
                PayPeriod::Weekly => p.weekly,
                PayPeriod::Biweekly => p.biweekly,
                PayPeriod::Semimonthly => p.semimonthly,
                PayPeriod::Monthly => p.monthly,
            };
            Some(Conversion {
                pay_period: period,
                periods_a_year,
                citation: p.validity.cite(),
            })
        }
    };
    let per_period = |m: Money| -> Result<Money, Error> {
        match &conversion {
            None => Ok(m),
            Some(c) => (&(&Exact::from_money(m) * &Exact::int(12))
                / &Exact::int(i64::from(c.periods_a_year)))
                .round_cents(),
        }
    };
    let mut orders = Vec::with_capacity(input.orders.len());
    for (i, o) in input.orders.iter().enumerate() {
        if o.id.trim().is_empty() || input.orders[..i].iter().any(|p| p.id == o.id) {
            return Err(Error::invalid(
                format!("orders[{i}].id"),
                &o.id,
                "an order ID that is not empty and unique among the orders (it breaks ties)",
            ));
        }
        let c = cents(&format!("orders[{i}].current"), o.current)?;
        let a = cents(&format!("orders[{i}].arrears"), o.arrears)?;
        if c.is_zero() && a.is_zero() {
            return Err(Error::invalid(
                format!("orders[{i}]"),
                &o.id,
                "an order asking for current support or arrears",
            ));
        }
        orders.push((o.id.as_str(), per_period(c)?, per_period(a)?));
    }
    let requested_current: Money = orders.iter().map(|o| o.1).sum();
    let requested_arrears: Money = orders.iter().map(|o| o.2).sum();

    // The federal limit.
    let fed = in_force(
        &rules.allocation.federal_withholding_limit,
        "allocation.federal_withholding_limit",
        input.date,
    )?;
    let base = if input.supports_other_family {
        fed.supporting_other_family
    } else {
        fed.not_supporting_other_family
    };
    let of = |fraction: Decimal, de: Money| -> Result<Money, Error> {
        (&Exact::from_decimal(fraction) * &Exact::from_money(de)).round_cents_toward_zero()
    };
    let base_limit = of(base, federal_de)?;
    let (federal_limit, fraction_text, current_room) = if input.arrears_over_12_weeks {
        let extra = of(fed.old_arrears_additional, federal_de)?;
        let whole = base + fed.old_arrears_additional;
        match input.old_arrears_reading {
            OldArrearsReading::WholeLimit => {
                let l = of(whole, federal_de)?;
                (l, whole.normalize().to_string(), l)
            }
            OldArrearsReading::ToTheExtent => (
                base_limit + extra.min(requested_arrears),
                format!(
                    "{} (+ {} to the extent withheld for arrears over {} weeks)",
                    base.normalize(),
                    fed.old_arrears_additional.normalize(),
                    fed.old_arrears_weeks
                ),
                base_limit,
            ),
        }
    } else {
        (base_limit, base.normalize().to_string(), base_limit)
    };
    let mut limits = vec![Limit {
        source: "federal",
        disposable: federal_de,
        fraction: fraction_text,
        amount: federal_limit,
        citation: fed.validity.cite(),
    }];

    // The state's rules.
    let mut method = MultipleOrders::Prorate;
    let mut method_citation =
        "45 CFR 303.100(a)(5) (current support first); library reading R-AL-6".to_string();
    let mut disposable_state = None;
    let mut state_limit = None;
    if let Some(state) = &input.state {
        let w = rules.allocation.withholding(state, input.date)?;
        method = w.multiple_orders;
        method_citation = w.validity.cite();
        let de = match w.disposable {
            DisposableDefinition::Federal => federal_de,
            DisposableDefinition::Texas => {
                if texas_de != federal_de {
                    disposable_state = Some(texas_de);
                }
                texas_de
            }
        };
        let fraction = match (w.max_fraction, w.disposable) {
            (Some(f), _) => Some((f, w.validity.cite())),
            (None, DisposableDefinition::Texas) => {
                let l = in_force(
                    &rules.arrears.texas_withholding_limit,
                    "arrears.texas_withholding_limit",
                    input.date,
                )?;
                Some((l.max_fraction_of_disposable, l.validity.cite()))
            }
            (None, DisposableDefinition::Federal) => None,
        };
        if let Some((f, citation)) = fraction {
            state_limit = Some((f, de, citation));
        }
    }
    if let Some(f) = input.state_max_fraction {
        let f = require_fraction("state_max_fraction", f)?;
        state_limit = Some((f, federal_de, "the state's limit, as given".to_string()));
    }
    let mut limit = federal_limit;
    let mut room = current_room;
    if let Some((f, de, citation)) = state_limit {
        let amount = of(f, de)?;
        limits.push(Limit {
            source: "state",
            disposable: de,
            fraction: f.normalize().to_string(),
            amount,
            citation,
        });
        limit = limit.min(amount);
        room = room.min(amount);
    }
    if fee > limit {
        return Err(Error::invalid(
            "employer_fee",
            fee,
            format!("a fee within the limit of {limit} (the fee counts inside it)"),
        ));
    }

    // Current support first, then arrears.
    let for_current = requested_current.min(room - fee.min(room));
    let rule = match method {
        MultipleOrders::EqualShares => Rule::Equal,
        MultipleOrders::Prorate => Rule::Prorate,
    };
    let share = |total: Money, amount: &dyn Fn(&(&str, Money, Money)) -> Money| -> Vec<Money> {
        let claims: Vec<Claim<'_>> = orders
            .iter()
            .map(|o| Claim {
                id: o.0,
                weight: amount(o).cents(),
                need: amount(o).cents(),
            })
            .collect();
        let mut out = vec![0; claims.len()];
        split::share_into(total.cents(), &claims, rule, &mut out);
        out.into_iter().map(Money::from_cents).collect()
    };
    let current = share(for_current, &|o| o.1);
    let paid_current: Money = current.iter().copied().sum();
    let for_arrears = requested_arrears.min(limit - fee - paid_current);
    let arrears = share(for_arrears, &|o| o.2);
    let shares: Vec<OrderShare> = orders
        .iter()
        .enumerate()
        .map(|(i, o)| OrderShare {
            id: o.0.to_string(),
            current_due: o.1,
            arrears_due: o.2,
            current: current[i],
            arrears: arrears[i],
            total: current[i] + arrears[i],
            unwithheld: o.1 + o.2 - current[i] - arrears[i],
        })
        .collect();
    let withheld: Money = shares.iter().map(|s| s.total).sum();
    let requested = requested_current + requested_arrears;
    Ok(WithholdingResult {
        disposable_federal: federal_de,
        disposable_state,
        limits,
        limit,
        employer_fee: fee,
        requested,
        withheld,
        unwithheld: requested - withheld,
        multiple_orders: method,
        multiple_orders_citation: method_citation,
        orders: shares,
        conversion,
    })
}

fn non_negative(field: &str, value: Money) -> Result<Money, Error> {
    if value.cents() < 0 {
        Err(Error::invalid(
            field,
            value,
            "deductions no larger than gross earnings",
        ))
    } else {
        Ok(value)
    }
}
