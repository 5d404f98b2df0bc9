//! Each kind's key figures: their columns (name, type, meaning) and how a result gives them.
//!
//! A table of cases answers one row per case with the figures a caseload study compares; the
//! whole result (worksheet, lines, paths) stays with the scalar interfaces. Money is whole cents
//! and is never rounded here: every amount is one the result already holds in cents. Where a
//! result holds an exact figure that is not in cents (California's monthly net disposable
//! income), the column says it is rounded for the table only.

use std::borrow::Cow;

use crate::allocation::order::OrderArrearsResult;
use crate::allocation::withholding::WithholdingResult;
use crate::allocation::Allocation;
use crate::arrears::payoff::Projection;
use crate::arrears::report::Totals;
use crate::arrears::{LedgerTotals, PayoffResult};
use crate::distribution::{DistributionResult, ThresholdResult};
use crate::guideline::california::{CaliforniaResult, LowIncomeChoice};
use crate::guideline::california_income::{CaliforniaFromGrossResult, NetIncome};
use crate::guideline::texas::net_resources::NetResources;
use crate::guideline::texas::TexasResult;
use crate::guideline::Parent;
use crate::money::Money;
use crate::rules::MissingRule;

use super::{Figure, FigureDef, FigureType};

const fn fig(name: &'static str, ty: FigureType, doc: &'static str) -> FigureDef {
    FigureDef { name, ty, doc }
}

use FigureType::{Bool, Date, Int, Money as Cents, Text};

pub(super) const CALIFORNIA: &[FigureDef] = &[
    fig("payer", Text, "parent_a or parent_b; null when the amount is zero"),
    fig("amount", Cents, "the monthly support: the guideline amount, or the low-income amount applied"),
    fig("unadjusted_amount", Cents, "the guideline amount before any low-income adjustment"),
    fig("high_earner", Text, "parent_a or parent_b (parent_a when the incomes are equal)"),
    fig("band", Int, "the K-table band (1-based)"),
    fig("low_income_applied", Text, "presumptive, none or amount when the obligor qualifies for the §4055(b)(7) adjustment; null otherwise"),
    fig("low_income_lowest_amount", Cents, "the lowest amount of the §4055(b)(7) range, when the obligor qualifies"),
    fig("add_ons_parent_a", Cents, "parent A's total of the §4061 add-ons, when any are given"),
    fig("add_ons_parent_b", Cents, "parent B's total of the §4061 add-ons, when any are given"),
    fig("hardship_cap_per_child", Cents, "the §4071(b) cap on a hardship deduction per other child"),
    fig("law", Text, "the K table used (sb343, former)"),
    fig("missing_rules", Text, "rules missing for the date (comma-separated series), null when none"),
];

const FROM_GROSS_INCOME: &[FigureDef] = &[
    fig("tax_year", Int, "the tax year of the income figures"),
    fig("parent_a_annual_net_income", Cents, "parent A's annual net disposable income (Fam. Code §4059), rounded to cents for the table"),
    fig("parent_a_monthly_net_income", Cents, "parent A's monthly net disposable income, rounded to cents for the table (the guideline uses the exact figure, reading R-CI-5)"),
    fig("parent_a_federal_tax", Cents, "parent A's federal income tax (§4059(a))"),
    fig("parent_a_california_tax", Cents, "parent A's California income tax (§4059(a))"),
    fig("parent_b_annual_net_income", Cents, "parent B's annual net disposable income, rounded to cents for the table"),
    fig("parent_b_monthly_net_income", Cents, "parent B's monthly net disposable income, rounded to cents for the table"),
    fig("parent_b_federal_tax", Cents, "parent B's federal income tax"),
    fig("parent_b_california_tax", Cents, "parent B's California income tax"),
];

/// The income figures, then the guideline's as the `california_guideline` kind gives them.
pub(super) static CALIFORNIA_FROM_GROSS: std::sync::LazyLock<Vec<FigureDef>> =
    std::sync::LazyLock::new(|| [FROM_GROSS_INCOME, CALIFORNIA].concat());

pub(super) const TEXAS: &[FigureDef] = &[
    fig(
        "net_resources",
        Cents,
        "the obligor's monthly net resources (§154.062)",
    ),
    fig(
        "net_resources_method",
        Text,
        "given, tax_chart or minimum_wage_presumption",
    ),
    fig(
        "amount",
        Cents,
        "the guideline (presumptive) amount per month",
    ),
    fig(
        "total_child_support",
        Cents,
        "child support per month: the guideline amount or the §154.126 total",
    ),
    fig(
        "total_monthly",
        Cents,
        "child support plus medical and dental support, per month",
    ),
    fig(
        "method",
        Text,
        "single_household, formula_154_128 or table_154_129",
    ),
    fig("schedule", Text, "standard or low_income"),
    fig("above_cap", Bool, "whether net resources exceed the cap"),
    fig(
        "is_floor",
        Bool,
        "whether the amount is a floor (6 or more children)",
    ),
    fig(
        "flags",
        Text,
        "conditions to act on (comma-separated), null when none",
    ),
    fig(
        "missing_rules",
        Text,
        "rules missing for the date (comma-separated series), null when none",
    ),
];

pub(super) const TEXAS_NET_RESOURCES: &[FigureDef] = &[
    fig(
        "net_resources",
        Cents,
        "monthly net resources (Tex. Fam. Code §154.062)",
    ),
    fig(
        "method",
        Text,
        "given, tax_chart or minimum_wage_presumption",
    ),
    fig(
        "tax_year",
        Int,
        "the tax year of the tax chart, when computed from income",
    ),
    fig(
        "social_security",
        Cents,
        "monthly Social Security tax (§154.062(d)(1))",
    ),
    fig("medicare", Cents, "monthly Medicare tax (§154.062(d)(1))"),
    fig(
        "federal_income_tax",
        Cents,
        "monthly federal income tax (§154.062(d)(2))",
    ),
    fig(
        "below_zero",
        Bool,
        "whether the resources computed were below zero (zero is used)",
    ),
    fig(
        "flags",
        Text,
        "conditions to act on (comma-separated), null when none",
    ),
];

pub(super) const ARREARS_LEDGER: &[FigureDef] = &[
    fig(
        "as_of",
        Date,
        "the ledger's date: balances as of the start of this day",
    ),
    fig("due", Cents, "installments fallen due"),
    fig("paid", Cents, "payments received"),
    fig("applied_current", Cents, "applied to current support"),
    fig("applied_principal", Cents, "applied to arrears principal"),
    fig("applied_interest", Cents, "applied to interest"),
    fig("principal", Cents, "unpaid principal fallen due"),
    fig("interest", Cents, "unpaid interest"),
    fig("fees", Cents, "unpaid fees"),
    fig("credit", Cents, "credit carried forward"),
    fig("total_owed", Cents, "principal + interest + fees"),
    fig(
        "owed_since",
        Date,
        "the due date of the oldest unpaid amount; null when nothing is owed",
    ),
];

pub(super) const ARREARS_PAYOFF: &[FigureDef] = &[
    fig(
        "payment",
        Cents,
        "the monthly payment projected (given, or the smallest within the months given)",
    ),
    fig(
        "paid_off",
        Bool,
        "whether the balances are paid off within the projection's limit",
    ),
    fig(
        "payments",
        Int,
        "the number of payments to payoff (or the limit)",
    ),
    fig(
        "payoff_date",
        Date,
        "the date of the last payment, when paid off",
    ),
    fig("last_payment", Cents, "the last payment (what was left)"),
    fig("interest_paid", Cents, "interest paid on the way"),
    fig("total_paid", Cents, "everything paid"),
];

pub(super) const TEXAS_WITHHOLDING: &[FigureDef] = &[
    fig(
        "two_year_amount",
        Cents,
        "principal and interest over 24 months, rounded up (Tex. Fam. Code §158.003(b))",
    ),
    fig(
        "twenty_percent_amount",
        Cents,
        "20 percent of current support (§158.003(b))",
    ),
    fig(
        "additional",
        Cents,
        "the additional withholding for arrears: the larger",
    ),
    fig("option", Text, "two_year or twenty_percent"),
    fig(
        "total",
        Cents,
        "current support plus the additional withholding",
    ),
    fig(
        "limit",
        Cents,
        "the §158.009 limit, when disposable earnings are given",
    ),
    fig(
        "withheld",
        Cents,
        "what is withheld: the total, at most the limit",
    ),
    fig("arrears_payment", Cents, "what of it goes to arrears"),
    fig(
        "months_without_interest",
        Int,
        "payments of the additional amount that discharge the arrears, interest aside",
    ),
];

pub(super) const ENFORCEMENT_THRESHOLDS: &[FigureDef] = &[
    fig("passport", Bool, "arrears exceed the passport denial threshold (42 U.S.C. 652(k)(1))"),
    fig("tax_offset_assigned", Bool, "assigned arrears reach the federal tax refund offset threshold (45 CFR 303.72(a)(2))"),
    fig("tax_offset_non_assistance", Bool, "non-assistance arrears reach the federal tax refund offset threshold (45 CFR 303.72(a)(3)(ii))"),
];

pub(super) const COLLECTION_ALLOCATION: &[FigureDef] = &[
    fig(
        "current",
        Cents,
        "toward current support, all cases (45 CFR 303.100(a)(5))",
    ),
    fig("arrears", Cents, "toward arrears, all cases"),
    fig("future", Cents, "held as future support"),
    fig("refund", Cents, "returned to the obligor"),
    fig(
        "case_amounts",
        Text,
        "each case's share, in the order the cases were given (comma-separated)",
    ),
];

pub(super) const WITHHOLDING_AMOUNTS: &[FigureDef] = &[
    fig(
        "disposable_federal",
        Cents,
        "disposable earnings by the federal definition (15 U.S.C. 1672(b))",
    ),
    fig(
        "disposable_state",
        Cents,
        "disposable earnings by the state's definition, where it differs",
    ),
    fig(
        "limit",
        Cents,
        "the binding limit, the employer's fee included (15 U.S.C. 1673(b))",
    ),
    fig("employer_fee", Cents, "the employer's fee"),
    fig("requested", Cents, "what the orders ask for"),
    fig("withheld", Cents, "withheld for support, all orders"),
    fig(
        "unwithheld",
        Cents,
        "what the orders ask for and is not withheld",
    ),
    fig("multiple_orders", Text, "how several orders share"),
    fig(
        "order_amounts",
        Text,
        "each order's withholding, in the order given (comma-separated)",
    ),
];

pub(super) const WITHHOLDING_ORDER_ARREARS: &[FigureDef] = &[
    fig("current", Cents, "current support the order specifies"),
    fig(
        "arrears",
        Cents,
        "the most the order may ask for toward arrears (22 CCR §116100)",
    ),
    fig("total", Cents, "current support and the arrears amount"),
];

pub(super) const IV_D_DISTRIBUTION: &[FigureDef] = &[
    fig("family", Cents, "paid to the family (42 U.S.C. 657(a))"),
    fig("state", Cents, "retained by the State"),
    fig("federal", Cents, "the federal share (42 U.S.C. 657(c))"),
    fig("fee", Cents, "the annual fee (42 U.S.C. 654(6)(B)(ii))"),
    fig("recovered", Cents, "an overpayment recovered with consent"),
    fig("held", Cents, "held (a hold, or future support)"),
    fig("refund", Cents, "refunded to the obligor"),
    fig(
        "medicaid",
        Cents,
        "to the Medicaid agency (45 CFR 302.51(c))",
    ),
    fig(
        "iv_e_agency",
        Cents,
        "to the IV-E agency (45 CFR 302.52(b))",
    ),
    fig("ura", Cents, "unreimbursed assistance after the events"),
    fig(
        "arrears_assigned",
        Cents,
        "assigned arrears after the events",
    ),
    fig(
        "arrears_unassigned",
        Cents,
        "unassigned arrears after the events",
    ),
    fig(
        "overpayment_receivable",
        Cents,
        "what the custodial parent owes back after the events",
    ),
];

fn parent(p: Parent) -> Figure {
    Figure::Text(Cow::Borrowed(match p {
        Parent::A => "parent_a",
        Parent::B => "parent_b",
    }))
}

fn money(m: Option<Money>) -> Figure {
    m.map_or(Figure::Null, Figure::Money)
}

fn word<T: serde::Serialize>(value: &T) -> Figure {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => Figure::Text(Cow::Owned(s)),
        _ => Figure::Null,
    }
}

fn joined<I: Iterator<Item = String>>(mut items: I) -> Figure {
    match items.next() {
        None => Figure::Null,
        Some(first) => Figure::Text(Cow::Owned(items.fold(first, |acc, s| acc + "," + &s))),
    }
}

fn words<'a, T: serde::Serialize + 'a>(items: impl Iterator<Item = &'a T>) -> Figure {
    joined(items.filter_map(|i| match word(i) {
        Figure::Text(t) => Some(t.into_owned()),
        _ => None,
    }))
}

fn missing(rules: &[MissingRule]) -> Figure {
    joined(rules.iter().map(|m| m.rule.clone()))
}

pub(super) fn california(r: &CaliforniaResult, out: &mut Vec<Figure>) {
    let low = r.low_income_adjustment.as_ref();
    out.extend([
        r.payer.map_or(Figure::Null, parent),
        Figure::Money(r.amount),
        Figure::Money(r.unadjusted_amount),
        parent(r.high_earner),
        Figure::Int(i64::from(r.band)),
        low.map_or(Figure::Null, |l| {
            Figure::Text(Cow::Borrowed(match l.applied {
                LowIncomeChoice::Presumptive => "presumptive",
                LowIncomeChoice::NotApplied => "none",
                LowIncomeChoice::Amount(_) => "amount",
            }))
        }),
        money(low.map(|l| l.lowest_amount)),
        money(r.add_ons.as_ref().map(|a| a.parent_a_total)),
        money(r.add_ons.as_ref().map(|a| a.parent_b_total)),
        Figure::Money(r.hardship_cap_per_child),
        Figure::Text(Cow::Owned(r.law.to_string())),
        missing(&r.missing_rules),
    ]);
}

fn net_income(n: &NetIncome, out: &mut Vec<Figure>) -> Result<(), crate::error::Error> {
    out.extend([
        Figure::Money(n.annual_net_income.round_cents()?),
        Figure::Money(n.monthly_net_income.round_cents()?),
        Figure::Money(n.federal_tax),
        Figure::Money(n.california_tax),
    ]);
    Ok(())
}

pub(super) fn california_from_gross(
    r: &CaliforniaFromGrossResult,
    out: &mut Vec<Figure>,
) -> Result<(), crate::error::Error> {
    out.push(Figure::Int(i64::from(r.tax_year)));
    net_income(&r.parent_a, out)?;
    net_income(&r.parent_b, out)?;
    california(&r.guideline, out);
    Ok(())
}

pub(super) fn texas(r: &TexasResult, out: &mut Vec<Figure>) {
    out.extend([
        Figure::Money(r.net_resources.net_resources),
        word(&r.net_resources.method),
        Figure::Money(r.amount),
        Figure::Money(r.total_child_support),
        Figure::Money(r.total_monthly),
        word(&r.method),
        Figure::Text(r.schedule.clone()),
        Figure::Bool(r.above_cap),
        Figure::Bool(r.is_floor),
        words(r.flags.iter()),
        missing(&r.missing_rules),
    ]);
}

pub(super) fn texas_net_resources(r: &NetResources, out: &mut Vec<Figure>) {
    out.extend([
        Figure::Money(r.net_resources),
        word(&r.method),
        r.tax_year
            .map_or(Figure::Null, |y| Figure::Int(i64::from(y))),
        Figure::Money(r.social_security),
        Figure::Money(r.medicare),
        Figure::Money(r.federal_income_tax),
        Figure::Bool(r.below_zero),
        words(r.flags.iter()),
    ]);
}

pub(super) fn arrears_ledger(r: &LedgerTotals, out: &mut Vec<Figure>) {
    let t: &Totals = &r.totals;
    out.extend([
        Figure::Date(r.as_of),
        Figure::Money(t.due),
        Figure::Money(t.paid),
        Figure::Money(t.counters.applied_current),
        Figure::Money(t.counters.applied_principal),
        Figure::Money(t.counters.applied_interest),
        Figure::Money(t.balances.principal),
        Figure::Money(t.balances.interest),
        Figure::Money(t.balances.fees),
        Figure::Money(t.balances.credit),
        Figure::Money(t.balances.total_owed),
        t.owed_since.map_or(Figure::Null, Figure::Date),
    ]);
}

fn projection(p: Option<&Projection>, out: &mut Vec<Figure>) {
    match p {
        None => out.extend(std::iter::repeat_n(Figure::Null, ARREARS_PAYOFF.len())),
        Some(p) => out.extend([
            Figure::Money(p.payment),
            Figure::Bool(p.paid_off),
            Figure::Int(i64::from(p.payments)),
            p.payoff_date.map_or(Figure::Null, Figure::Date),
            Figure::Money(p.last_payment),
            Figure::Money(p.interest_paid),
            Figure::Money(p.total_paid),
        ]),
    }
}

pub(super) fn arrears_payoff(r: &PayoffResult, out: &mut Vec<Figure>) {
    // A request gives a payment or a number of months; the projection answers it.
    let p = r
        .with_payment
        .as_ref()
        .or(r.within_months.as_ref().map(|w| &w.projection));
    projection(p, out);
}

pub(super) fn texas_withholding(
    r: &crate::arrears::payoff::WithholdingResult,
    out: &mut Vec<Figure>,
) {
    out.extend([
        Figure::Money(r.two_year_amount),
        Figure::Money(r.twenty_percent_amount),
        Figure::Money(r.additional),
        Figure::Text(Cow::Owned(r.option.clone())),
        Figure::Money(r.total),
        money(r.limit),
        Figure::Money(r.withheld),
        Figure::Money(r.arrears_payment),
        r.months_without_interest
            .map_or(Figure::Null, |m| Figure::Int(i64::from(m))),
    ]);
}

pub(super) fn enforcement_thresholds(r: &ThresholdResult, out: &mut Vec<Figure>) {
    out.extend([
        Figure::Bool(r.passport),
        Figure::Bool(r.tax_offset_assigned),
        Figure::Bool(r.tax_offset_non_assistance),
    ]);
}

fn amounts<I: Iterator<Item = Money>>(items: I) -> Figure {
    joined(items.map(|m| m.to_string()))
}

pub(super) fn collection_allocation(r: &Allocation, out: &mut Vec<Figure>) {
    out.extend([
        Figure::Money(r.current),
        Figure::Money(r.arrears),
        Figure::Money(r.future),
        Figure::Money(r.refund),
        amounts(r.cases.iter().map(|c| c.total)),
    ]);
}

pub(super) fn withholding_amounts(r: &WithholdingResult, out: &mut Vec<Figure>) {
    out.extend([
        Figure::Money(r.disposable_federal),
        money(r.disposable_state),
        Figure::Money(r.limit),
        Figure::Money(r.employer_fee),
        Figure::Money(r.requested),
        Figure::Money(r.withheld),
        Figure::Money(r.unwithheld),
        word(&r.multiple_orders),
        amounts(r.orders.iter().map(|o| o.total)),
    ]);
}

pub(super) fn withholding_order_arrears(r: &OrderArrearsResult, out: &mut Vec<Figure>) {
    out.extend([
        Figure::Money(r.current),
        Figure::Money(r.arrears),
        Figure::Money(r.total),
    ]);
}

pub(super) fn iv_d_distribution(r: &DistributionResult, out: &mut Vec<Figure>) {
    let t = &r.totals;
    out.extend([
        Figure::Money(t.family),
        Figure::Money(t.state),
        Figure::Money(t.federal),
        Figure::Money(t.fee),
        Figure::Money(t.recovered),
        Figure::Money(t.held),
        Figure::Money(t.refund),
        Figure::Money(t.medicaid),
        Figure::Money(t.iv_e_agency),
        Figure::Money(r.case.ura),
        Figure::Money(r.case.arrears.assigned()),
        Figure::Money(r.case.arrears.unassigned()),
        Figure::Money(r.case.overpayment_receivable),
    ]);
}
