//! Allocation and withholding tests. Expected values are the spec's vectors (federal.md §10:
//! V1, E8-E13) and the published examples of issue 9 (Texas Attorney General, Indiana), each
//! derived by hand in the comments.

use proptest::prelude::*;

use super::withholding::{withholding_amounts, WithholdingInput};
use super::*;
use crate::error::ErrorCode;

fn collection(json: &str) -> CollectionInput {
    serde_json::from_str(json).unwrap()
}

fn totals(a: &Allocation) -> Vec<String> {
    a.cases.iter().map(|c| c.total.to_string()).collect()
}

fn arrears_of(a: &Allocation) -> Vec<String> {
    a.cases.iter().map(|c| c.arrears.to_string()).collect()
}

fn run(json: &str) -> Result<Allocation, Error> {
    allocate(Rules::embedded(), &collection(json))
}

#[test]
fn e8_withholding_below_total_current_support() {
    // 500 x 350/750 = 233.333..., x 250/750 = 166.666..., x 150/750 = 100: floors sum to
    // 499.99; the cent goes to the largest fraction (B, .666...).
    let a = run(
        r#"{"date": "2026-03-10", "amount": "500", "state": "missouri", "cases": [
        {"id": "A", "agency": "Jackson", "current_due": "350"},
        {"id": "B", "agency": "Jackson", "current_due": "250"},
        {"id": "C", "agency": "Greene", "current_due": "150"}]}"#,
    )
    .unwrap();
    assert_eq!(totals(&a), ["233.33", "166.67", "100.00"]);
    assert_eq!(a.current.to_string(), "500.00");
    assert_eq!(a.cases[0].current_unpaid.to_string(), "116.67");
    // By agency: Greene 100.00; Jackson 233.33 + 166.67 = 400.00.
    let agencies: Vec<(String, String)> = a
        .agencies
        .iter()
        .map(|t| (t.agency.clone(), t.total.to_string()))
        .collect();
    assert_eq!(
        agencies,
        [
            ("Greene".to_string(), "100.00".to_string()),
            ("Jackson".to_string(), "400.00".to_string())
        ]
    );
}

#[test]
fn e9_collection_above_current_support_by_balance_and_oldest_first() {
    // Current 350 + 250 + 150 = 750 in full; 250 left by balance 1000:3000:0 = 62.50, 187.50.
    let cases = r#"[
        {"id": "A", "agency": "X", "current_due": "350", "arrears": "1000", "oldest_unpaid": "2024-05-01"},
        {"id": "B", "agency": "X", "current_due": "250", "arrears": "3000", "oldest_unpaid": "2023-01-01"},
        {"id": "C", "agency": "X", "current_due": "150"}]"#;
    let a = run(&format!(
        r#"{{"date": "2026-03-10", "amount": "1000", "state": "missouri", "cases": {cases}}}"#
    ))
    .unwrap();
    assert_eq!(arrears_of(&a), ["62.50", "187.50", "0.00"]);
    assert_eq!(totals(&a), ["412.50", "437.50", "150.00"]);
    // Oldest first: all 250 to B, whose unpaid support is the oldest.
    let a = run(&format!(
        r#"{{"date": "2026-03-10", "amount": "1000", "policy": {{"arrears": "oldest_first",
        "remainder": "refund"}}, "cases": {cases}}}"#
    ))
    .unwrap();
    assert_eq!(arrears_of(&a), ["0.00", "250.00", "0.00"]);
}

#[test]
fn e10_ties_go_to_the_lowest_case_id_whatever_the_listing_order() {
    // 100 over three equal orders of 100: 33.333... each; the cent to the lowest ID.
    for (order, expected) in [
        (["c1", "c2", "c3"], ["33.34", "33.33", "33.33"]),
        (["c3", "c1", "c2"], ["33.33", "33.34", "33.33"]),
    ] {
        let cases: Vec<String> = order
            .iter()
            .map(|id| format!(r#"{{"id": "{id}", "agency": "X", "current_due": "100"}}"#))
            .collect();
        let a = run(&format!(
            r#"{{"date": "2026-03-10", "amount": "100", "state": "missouri", "cases": [{}]}}"#,
            cases.join(",")
        ))
        .unwrap();
        assert_eq!(totals(&a), expected);
    }
}

#[test]
fn v1_wisconsin_two_families_in_proportion_to_current_support() {
    // $100 over 240:160 = 60.00, 40.00; $110 = 66.00, 44.00.
    for (amount, expected) in [("100", ["60.00", "40.00"]), ("110", ["66.00", "44.00"])] {
        let a = run(&format!(
            r#"{{"date": "2026-03-10", "amount": "{amount}", "policy": {{"arrears": "by_balance",
            "remainder": "future"}}, "cases": [
            {{"id": "A", "agency": "X", "current_due": "240"}},
            {{"id": "B", "agency": "X", "current_due": "160"}}]}}"#
        ))
        .unwrap();
        assert_eq!(totals(&a), expected);
    }
}

#[test]
fn arrears_by_withholding_order_equal_shares_and_the_remainder() {
    let cases = r#"[
        {"id": "A", "agency": "X", "current_due": "100", "arrears": "30", "withholding_arrears": "50"},
        {"id": "B", "agency": "Y", "current_due": "300", "arrears": "500", "withholding_arrears": "50"},
        {"id": "C", "agency": "Y", "arrears": "500"}]"#;
    // 600 collected: current 100 + 300; 200 to arrears by the orders' 50:50 = 100 each, A needs
    // only 30, so B takes 170; nothing goes to C (no order amount) while B can take it.
    let a = run(&format!(
        r#"{{"date": "2026-03-10", "amount": "600", "policy": {{"arrears": "by_withholding_order",
        "remainder": "future"}}, "cases": {cases}}}"#
    ))
    .unwrap();
    assert_eq!(arrears_of(&a), ["30.00", "170.00", "0.00"]);
    // Equal shares: 200 / 3 = 66.66...; A needs 30, so 170 / 2 = 85.00 each to B and C.
    let a = run(&format!(
        r#"{{"date": "2026-03-10", "amount": "600", "policy": {{"arrears": "equal",
        "remainder": "future"}}, "cases": {cases}}}"#
    ))
    .unwrap();
    assert_eq!(arrears_of(&a), ["30.00", "85.00", "85.00"]);
    // 1,530 collected: everything owed is 400 + 1,030 = 1,430; 100 left as future support by
    // current support 100:300 = 25.00, 75.00; or refunded.
    let a = run(&format!(
        r#"{{"date": "2026-03-10", "amount": "1530", "policy": {{"arrears": "by_balance",
        "remainder": "future"}}, "cases": {cases}}}"#
    ))
    .unwrap();
    let future: Vec<String> = a.cases.iter().map(|c| c.future.to_string()).collect();
    assert_eq!(future, ["25.00", "75.00", "0.00"]);
    assert_eq!(a.refund, Money::ZERO);
    let a = run(&format!(
        r#"{{"date": "2026-03-10", "amount": "1530", "policy": {{"arrears": "by_balance",
        "remainder": "refund"}}, "cases": {cases}}}"#
    ))
    .unwrap();
    assert_eq!(a.refund.to_string(), "100.00");
    assert_eq!(a.future, Money::ZERO);
}

#[test]
fn bad_input_names_the_field() {
    let case = r#"{"id": "A", "agency": "X", "current_due": "100"}"#;
    for (json, field) in [
        (
            format!(
                r#"{{"date": "2026-03-10", "amount": "-1", "state": "missouri", "cases": [{case}]}}"#
            ),
            "amount",
        ),
        (
            r#"{"date": "2026-03-10", "amount": "1", "state": "missouri", "cases": []}"#
                .to_string(),
            "cases",
        ),
        (
            r#"{"date": "2026-03-10", "amount": "1", "state": "missouri", "cases": [
                {"id": "A", "agency": "X"}]}"#
                .to_string(),
            "cases[0]",
        ),
        (
            format!(
                r#"{{"date": "2026-03-10", "amount": "1", "state": "missouri", "cases": [{case}, {case}]}}"#
            ),
            "cases[1].id",
        ),
        (
            r#"{"date": "2026-03-10", "amount": "1", "policy": {"arrears": "oldest_first",
                "remainder": "refund"}, "cases": [{"id": "A", "agency": "X", "arrears": "5"}]}"#
                .to_string(),
            "cases[0].oldest_unpaid",
        ),
        (
            format!(r#"{{"date": "2026-03-10", "amount": "1", "cases": [{case}]}}"#),
            "state",
        ),
        (
            r#"{"date": "2026-03-10", "amount": "1", "state": "missouri", "cases": [
                {"id": "A", "agency": "X", "current_due": "100.005"}]}"#
                .to_string(),
            "cases[0].current_due",
        ),
        (
            r#"{"date": "2026-03-10", "amount": "1", "state": "missouri", "cases": [
                {"id": "A", "agency": "X", "current_due": "1"},
                {"id": "B", "agency": "X", "arrears": "-3"}]}"#
                .to_string(),
            "cases[1].arrears",
        ),
        (
            format!(
                r#"{{"date": "2026-03-10", "amount": "1000000000000.01", "state": "missouri", "cases": [{case}]}}"#
            ),
            "amount",
        ),
        (
            r#"{"date": "2026-03-10", "amount": "1", "state": "missouri", "cases": [
                {"id": " ", "agency": "X", "current_due": "1"}]}"#
                .to_string(),
            "cases[0].id",
        ),
        (
            r#"{"date": "2026-03-10", "amount": "1", "state": "missouri", "cases": [
                {"id": "A", "agency": "", "current_due": "1"}]}"#
                .to_string(),
            "cases[0].agency",
        ),
    ] {
        let e = run(&json).unwrap_err();
        assert_eq!(e.code(), ErrorCode::InvalidInput, "{json}");
        assert_eq!(e.field(), Some(field), "{json}");
        // The lean path refuses the same input the same way.
        let lean = allocate_lean(Rules::embedded(), &collection(&json)).unwrap_err();
        assert_eq!(lean.field(), Some(field), "{json}");
    }
    // A state without a policy, or a date before the policy: no_rule naming the series.
    let e = run(&format!(
        r#"{{"date": "2026-03-10", "amount": "1", "state": "ohio", "cases": [{case}]}}"#
    ))
    .unwrap_err();
    assert_eq!(e.code(), ErrorCode::NoRule);
    assert!(e.to_string().contains("missouri"), "{e}");
}

fn withholding(json: &str) -> super::withholding::WithholdingResult {
    let input: WithholdingInput = serde_json::from_str(json).unwrap();
    withholding_amounts(Rules::embedded(), &input).unwrap()
}

fn order_totals(r: &super::withholding::WithholdingResult) -> Vec<String> {
    r.orders.iter().map(|o| o.total.to_string()).collect()
}

const TX_ORDERS: &str = r#"[{"id": "1", "current": "100", "arrears": "50"},
    {"id": "2", "current": "200", "arrears": "50"}, {"id": "3", "current": "50", "arrears": "25"}]"#;

#[test]
fn texas_attorney_general_multiple_orders_example_1() {
    // Disposable 850: Texas limit 50% = 425 (federal 60% = 510 does not bind); due 475; current
    // 350 in full, 75 of arrears in equal shares of 25: 125, 225, 75; 50 is not withheld.
    let r = withholding(&format!(
        r#"{{"date": "2026-03-06", "state": "texas", "earnings": {{"disposable": "850"}},
        "orders": {TX_ORDERS}}}"#
    ));
    assert_eq!(r.limit.to_string(), "425.00");
    assert_eq!(r.requested.to_string(), "475.00");
    assert_eq!(order_totals(&r), ["125.00", "225.00", "75.00"]);
    assert_eq!(r.unwithheld.to_string(), "50.00");
}

#[test]
fn texas_equal_shares_of_current_support() {
    // Disposable 600: limit 300; current in equal shares of 100, the third needing only 50; the
    // 250 left shared by the first two, the first needing only 100: 100, 150, 50.
    let r = withholding(&format!(
        r#"{{"date": "2026-03-06", "state": "texas", "earnings": {{"disposable": "600"}},
        "orders": {TX_ORDERS}}}"#
    ));
    assert_eq!(r.limit.to_string(), "300.00");
    let current: Vec<String> = r.orders.iter().map(|o| o.current.to_string()).collect();
    assert_eq!(current, ["100.00", "150.00", "50.00"]);
    assert_eq!(order_totals(&r), ["100.00", "150.00", "50.00"]);
}

#[test]
fn indiana_federal_definition_of_disposable_earnings() {
    // 250 gross less taxes 40 and Social Security 20 = 190 (union dues, insurance and charity do
    // not come off federally); 60% = 114.
    let r = withholding(
        r#"{"date": "2026-03-06", "earnings": {"gross": "250", "required_by_law": "60",
        "union_dues": "10", "health_insurance": "50", "other": "5"},
        "orders": [{"id": "1", "current": "200"}]}"#,
    );
    assert_eq!(r.disposable_federal.to_string(), "190.00");
    assert_eq!(r.limit.to_string(), "114.00");
    assert_eq!(r.withheld.to_string(), "114.00");
}

#[test]
fn e11_ccpa_single_order() {
    let base = r#""date": "2026-03-06", "earnings": {"disposable": "800"},
        "orders": [{"id": "1", "current": "300", "arrears": "200"}]"#;
    // Second family, old arrears: 50% = 400 + 5% = 40 for the old arrears: 440 = 300 + 140,
    // under either reading.
    for reading in ["to_the_extent", "whole_limit"] {
        let r = withholding(&format!(
            r#"{{{base}, "supports_other_family": true, "arrears_over_12_weeks": true,
            "old_arrears_reading": "{reading}"}}"#
        ));
        assert_eq!(r.limit.to_string(), "440.00");
        assert_eq!(r.orders[0].arrears.to_string(), "140.00");
    }
    // With a $2.00 fee inside the limit: 438 of support, 300 + 138.
    let r = withholding(&format!(
        r#"{{{base}, "supports_other_family": true, "arrears_over_12_weeks": true,
        "employer_fee": "2"}}"#
    ));
    assert_eq!(r.withheld.to_string(), "438.00");
    assert_eq!(r.orders[0].arrears.to_string(), "138.00");
    // Current support above what the limit leaves: 50% of 800 = 400, less the $2.00 fee = 398
    // of the 450 due, nothing to arrears; 450 - 398 = 52 and the 200 of arrears unwithheld.
    let r = withholding(
        r#"{"date": "2026-03-06", "earnings": {"disposable": "800"}, "supports_other_family": true,
        "employer_fee": "2", "orders": [{"id": "1", "current": "450", "arrears": "200"}]}"#,
    );
    assert_eq!(r.withheld.to_string(), "398.00");
    assert_eq!(r.orders[0].current.to_string(), "398.00");
    assert_eq!(r.orders[0].unwithheld.to_string(), "252.00");
    // A fee equal to the limit is allowed (it counts inside it) and leaves nothing: 60% of 10.
    let r = withholding(
        r#"{"date": "2026-03-06", "earnings": {"disposable": "10"}, "employer_fee": "6",
        "orders": [{"id": "1", "current": "1"}]}"#,
    );
    assert_eq!(r.withheld, Money::ZERO);
    // Deductions equal to gross earnings leave nothing to withhold, and are not an error.
    let r = withholding(
        r#"{"date": "2026-03-06", "earnings": {"gross": "100", "required_by_law": "100"},
        "orders": [{"id": "1", "current": "1"}]}"#,
    );
    assert_eq!(r.disposable_federal, Money::ZERO);
    // No second family, old arrears: 65% = 520: the whole 500.
    let r = withholding(&format!(r#"{{{base}, "arrears_over_12_weeks": true}}"#));
    assert_eq!(r.withheld.to_string(), "500.00");
    // No second family, no old arrears: 60% = 480: 300 + 180.
    let r = withholding(&format!(r#"{{{base}}}"#));
    assert_eq!(r.orders[0].arrears.to_string(), "180.00");
}

#[test]
fn e12_two_orders_prorated() {
    // Disposable 1,000, 50% = 500 < current 600: 500 x 400/600 = 333.33..., x 200/600 =
    // 166.66...: 333.33, 166.67, no arrears.
    let orders = r#"[{"id": "X", "current": "400", "arrears": "100"},
        {"id": "Y", "current": "200", "arrears": "50"}]"#;
    let r = withholding(&format!(
        r#"{{"date": "2026-03-06", "earnings": {{"disposable": "1000"}},
        "supports_other_family": true, "orders": {orders}}}"#
    ));
    assert_eq!(order_totals(&r), ["333.33", "166.67"]);
    // Unwithheld: 500 - 333.33 = 166.67 and 250 - 166.67 = 83.33.
    let unwithheld: Vec<String> = r.orders.iter().map(|o| o.unwithheld.to_string()).collect();
    assert_eq!(unwithheld, ["166.67", "83.33"]);
    // 1,400: 700; current 600 in full, 100 to arrears 100:50 = 66.67, 33.33.
    let r = withholding(&format!(
        r#"{{"date": "2026-03-06", "earnings": {{"disposable": "1400"}},
        "supports_other_family": true, "orders": {orders}}}"#
    ));
    let arrears: Vec<String> = r.orders.iter().map(|o| o.arrears.to_string()).collect();
    assert_eq!(arrears, ["66.67", "33.33"]);
    // Unwithheld: 500 - 400 - 66.67 = 33.33 and 250 - 200 - 33.33 = 16.67.
    let unwithheld: Vec<String> = r.orders.iter().map(|o| o.unwithheld.to_string()).collect();
    assert_eq!(unwithheld, ["33.33", "16.67"]);
}

#[test]
fn e13_texas_and_federal_disposable_earnings() {
    // Federal 2,000 - 400 = 1,600 (60% = 960); Texas 1,600 - 150 - 20 - 80 = 1,350 (50% =
    // 675): 675 binds. California: 50% of federal disposable = 800.
    let earnings = r#"{"gross": "2000", "required_by_law": "400", "health_insurance": "150",
        "union_dues": "20", "mandatory_retirement": "80"}"#;
    let orders = r#"[{"id": "1", "current": "1000"}]"#;
    let r = withholding(&format!(
        r#"{{"date": "2026-03-06", "state": "texas", "earnings": {earnings}, "orders": {orders}}}"#
    ));
    assert_eq!(r.disposable_federal.to_string(), "1600.00");
    assert_eq!(
        r.disposable_state.map(|m| m.to_string()),
        Some("1350.00".into())
    );
    assert_eq!(r.limits[0].amount.to_string(), "960.00");
    assert_eq!(r.limit.to_string(), "675.00");
    let r = withholding(&format!(
        r#"{{"date": "2026-03-06", "state": "california", "earnings": {earnings}, "orders": {orders}}}"#
    ));
    assert_eq!(r.limit.to_string(), "800.00");
}

#[test]
fn withholding_bad_input_names_the_field() {
    for (json, field) in [
        (
            r#"{"date": "2026-03-06", "earnings": {"disposable": "800"}, "state_max_fraction": "1.5",
            "orders": [{"id": "1", "current": "1"}]}"#,
            "state_max_fraction",
        ),
        (
            r#"{"date": "2026-03-06", "earnings": {"disposable": "800"}, "orders": []}"#,
            "orders",
        ),
        (
            r#"{"date": "2026-03-06", "earnings": {"disposable": "-1"},
            "orders": [{"id": "1", "current": "1"}]}"#,
            "earnings.disposable",
        ),
        (
            r#"{"date": "2026-03-06", "earnings": {"disposable": "10"}, "employer_fee": "7",
            "orders": [{"id": "1", "current": "1"}]}"#,
            "employer_fee",
        ),
        (
            r#"{"date": "2026-03-06", "earnings": {"disposable": "800"},
            "orders": [{"id": " ", "current": "1"}]}"#,
            "orders[0].id",
        ),
        (
            r#"{"date": "2026-03-06", "earnings": {"disposable": "800"},
            "orders": [{"id": "1", "current": "1"}, {"id": "1", "current": "2"}]}"#,
            "orders[1].id",
        ),
        (
            r#"{"date": "2026-03-06", "earnings": {"gross": "100", "required_by_law": "100.01"},
            "orders": [{"id": "1", "current": "1"}]}"#,
            "earnings.required_by_law",
        ),
    ] {
        let input: WithholdingInput = serde_json::from_str(json).unwrap();
        let e = withholding_amounts(Rules::embedded(), &input).unwrap_err();
        assert_eq!(e.field(), Some(field), "{json}");
    }
}

fn arb_cases() -> impl Strategy<Value = Vec<(u32, u32, u32)>> {
    prop::collection::vec((0u32..50_000, 0u32..200_000, 0u32..30_000), 1..7)
        .prop_map(|v| v.into_iter().filter(|c| c.0 + c.1 > 0).collect::<Vec<_>>())
        .prop_filter("a case", |v| !v.is_empty())
}

fn input_of(
    amount: u32,
    cases: &[(u32, u32, u32)],
    policy: &str,
    perm: &[usize],
) -> CollectionInput {
    let list: Vec<String> = perm
        .iter()
        .map(|&i| {
            let (c, a, w) = cases[i];
            format!(
                r#"{{"id": "case{i}", "agency": "county{}", "current_due": "{}", "arrears": "{}",
                "withholding_arrears": "{}", "oldest_unpaid": "2020-01-{:02}"}}"#,
                i % 2,
                Money::from_cents(c.into()),
                Money::from_cents(a.into()),
                Money::from_cents(w.into()),
                1 + i % 3
            )
        })
        .collect();
    collection(&format!(
        r#"{{"date": "2026-03-10", "amount": "{}", "policy": {{"arrears": "{policy}",
        "remainder": "future"}}, "cases": [{}]}}"#,
        Money::from_cents(amount.into()),
        list.join(",")
    ))
}

proptest! {
    #[test]
    fn parts_sum_to_the_collection_no_case_gets_more_than_owed_and_order_does_not_matter(
        amount in 0u32..400_000,
        cases in arb_cases(),
        policy in prop::sample::select(vec!["by_balance", "by_withholding_order", "equal", "oldest_first"]),
        seed in any::<u64>(),
    ) {
        let n = cases.len();
        let forward: Vec<usize> = (0..n).collect();
        let mut shuffled = forward.clone();
        // A deterministic shuffle from the seed.
        let mut s = seed;
        for i in (1..n).rev() {
            s = s.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            shuffled.swap(i, (s >> 33) as usize % (i + 1));
        }
        let a = allocate(Rules::embedded(), &input_of(amount, &cases, policy, &forward)).unwrap();
        let b = allocate(Rules::embedded(), &input_of(amount, &cases, policy, &shuffled)).unwrap();
        let sum: Money = a.cases.iter().map(|c| c.total).sum::<Money>() + a.refund;
        prop_assert_eq!(sum, Money::from_cents(amount.into()));
        let by_agency: Money = a.agencies.iter().map(|t| t.total).sum();
        prop_assert_eq!(by_agency + a.refund, Money::from_cents(amount.into()));
        for (i, c) in a.cases.iter().enumerate() {
            prop_assert!(c.current.cents() <= i64::from(cases[i].0));
            prop_assert!(c.arrears.cents() <= i64::from(cases[i].1));
            // Nothing is held as future support while any case is owed anything.
            if a.future.cents() > 0 || a.refund.cents() > 0 {
                prop_assert_eq!(c.current_unpaid, Money::ZERO);
                prop_assert_eq!(c.arrears_unpaid, Money::ZERO);
            }
        }
        for c in &b.cases {
            let same = a.cases.iter().find(|x| x.id == c.id).unwrap();
            prop_assert_eq!(&same.total, &c.total);
            prop_assert_eq!(&same.arrears, &c.arrears);
        }
    }

    #[test]
    fn the_lean_path_gives_the_traced_cents(
        amount in 0u32..400_000,
        cases in arb_cases(),
        policy in prop::sample::select(vec!["by_balance", "by_withholding_order", "equal", "oldest_first"]),
        tax_offset in any::<bool>(),
    ) {
        let forward: Vec<usize> = (0..cases.len()).collect();
        let mut input = input_of(amount, &cases, policy, &forward);
        input.tax_offset = tax_offset;
        let traced = allocate(Rules::embedded(), &input).unwrap();
        let lean = allocate_lean(Rules::embedded(), &input).unwrap();
        prop_assert_eq!(
            (lean.current_cents, lean.arrears_cents, lean.future_cents, lean.refund_cents),
            (traced.current.cents(), traced.arrears.cents(), traced.future.cents(), traced.refund.cents())
        );
        prop_assert_eq!(lean.cases.len(), traced.cases.len());
        for (l, t) in lean.cases.iter().zip(&traced.cases) {
            prop_assert_eq!(
                (l.current_cents, l.arrears_cents, l.future_cents),
                (t.current.cents(), t.arrears.cents(), t.future.cents())
            );
        }
    }

    #[test]
    fn withholding_never_exceeds_the_limit(
        disposable in 0u32..500_000,
        orders in prop::collection::vec((0u32..100_000, 0u32..50_000), 1..5),
        other in any::<bool>(),
        old in any::<bool>(),
        state in prop::sample::select(vec!["", "texas", "california"]),
    ) {
        let list: Vec<String> = orders.iter().enumerate().map(|(i, (c, a))| format!(
            r#"{{"id": "o{i}", "current": "{}", "arrears": "{}"}}"#,
            Money::from_cents(i64::from(*c) + 1), Money::from_cents((*a).into()))).collect();
        let state = if state.is_empty() { String::new() } else { format!(r#""state": "{state}","#) };
        let r = withholding(&format!(
            r#"{{"date": "2026-03-06", {state} "earnings": {{"disposable": "{}"}},
            "supports_other_family": {other}, "arrears_over_12_weeks": {old},
            "orders": [{}]}}"#, Money::from_cents(disposable.into()), list.join(",")));
        let total: Money = r.orders.iter().map(|o| o.total).sum();
        prop_assert_eq!(total, r.withheld);
        prop_assert!(r.withheld <= r.limit);
        // 65% is the most any reading allows.
        prop_assert!(r.withheld.cents() * 100 <= i64::from(disposable) * 65);
        prop_assert_eq!(r.withheld + r.unwithheld, r.requested);
    }
}

#[test]
fn posting_allocates_and_credits_each_case_ledger() {
    // Two California cases, $300 and $200 a month from January 2025; on 2025-02-10 January is
    // unpaid in both. $600: February's current support 300 + 200 in full, then 100 of arrears by
    // balance 300:200 = 60, 40. Each ledger credits current support, then principal (CCP
    // §695.221 from 2009): January's principal left is 300 - 60 = 240 and 200 - 40 = 160.
    let ledger = |amount: &str| {
        format!(
            r#"{{"case": {{"state": "california", "orders": [{{"frequency": "monthly",
            "amount": "{amount}", "start": "2025-01-01"}}]}}}}"#
        )
    };
    let request = format!(
        r#"{{"kind": "collection_post", "input": {{"payment_id": "SDU-1",
        "collection": {{"date": "2025-02-10", "amount": "600", "policy": {{"arrears": "by_balance",
        "remainder": "future"}}, "cases": [
            {{"id": "A", "agency": "Fresno", "current_due": "300", "arrears": "300"}},
            {{"id": "B", "agency": "Kern", "current_due": "200", "arrears": "200"}}]}},
        "ledgers": {{"A": {}, "B": {}}}}}}}"#,
        ledger("300"),
        ledger("200")
    );
    let out: serde_json::Value =
        serde_json::from_str(&crate::api::handle(Rules::embedded(), &request).unwrap()).unwrap();
    let r = &out["result"];
    assert_eq!(r["allocation"]["cases"][0]["total"], "360.00");
    assert_eq!(r["allocation"]["cases"][1]["total"], "240.00");
    for (i, principal) in ["240.00", "160.00"].iter().enumerate() {
        let case = &r["cases"][i]["ledger"];
        assert_eq!(case["totals"]["balances"]["principal"], *principal);
        assert_eq!(case["totals"]["paid"], r["allocation"]["cases"][i]["total"]);
    }
    assert_eq!(
        r["cases"][0]["ledger"]["case"]["payments"][0]["id"],
        "SDU-1/A"
    );
    // The same collection as a tax offset (the payment's source): no current support, so 100
    // goes to arrears by balance 300:0, all to A; B's share is nothing and its ledger gets no
    // payment.
    let offset = request
        .replace(
            r#""payment_id": "SDU-1","#,
            r#""payment_id": "SDU-2", "source": "tax_offset","#,
        )
        .replace(r#""amount": "600""#, r#""amount": "100""#)
        .replace(
            r#""current_due": "200", "arrears": "200""#,
            r#""current_due": "200""#,
        );
    let out: serde_json::Value =
        serde_json::from_str(&crate::api::handle(Rules::embedded(), &offset).unwrap()).unwrap();
    let r = &out["result"];
    assert_eq!(r["allocation"]["cases"][0]["total"], "100.00", "{r}");
    assert_eq!(r["allocation"]["cases"][1]["total"], "0.00");
    let b_payments = &r["cases"][1]["ledger"]["case"]["payments"];
    assert!(
        b_payments.as_array().is_none_or(Vec::is_empty),
        "{b_payments}"
    );
    // A ledger for a case not in the collection is refused by name.
    let bad = request.replace(r#""B": {"case""#, r#""Z": {"case""#);
    let e = crate::api::handle(Rules::embedded(), &bad).unwrap_err();
    assert_eq!(e.field(), Some("ledgers.Z"));
}

#[test]
fn monthly_amounts_are_converted_to_the_pay_period() {
    // $500 a month weekly: 500 x 12 / 52 = 115.384... -> 115.38; $100 of arrears: 23.076... ->
    // 23.08. Biweekly: 230.769... -> 230.77. Semimonthly: 250.00.
    let order = r#""orders": [{"id": "1", "current": "500", "arrears": "100"}]"#;
    for (period, current, arrears) in [
        ("weekly", "115.38", "23.08"),
        ("biweekly", "230.77", "46.15"),
        ("semimonthly", "250.00", "50.00"),
    ] {
        let r = withholding(&format!(
            r#"{{"date": "2026-03-06", "earnings": {{"disposable": "5000"}}, {order},
            "monthly_amounts": true, "pay_period": "{period}"}}"#
        ));
        assert_eq!(r.orders[0].current_due.to_string(), current, "{period}");
        assert_eq!(r.orders[0].arrears_due.to_string(), arrears, "{period}");
        assert_eq!(r.orders[0].current.to_string(), current, "{period}");
    }
    let input: WithholdingInput = serde_json::from_str(&format!(
        r#"{{"date": "2026-03-06", "earnings": {{"disposable": "5000"}}, {order},
        "monthly_amounts": true}}"#
    ))
    .unwrap();
    let e = withholding_amounts(Rules::embedded(), &input).unwrap_err();
    assert_eq!(e.field(), Some("pay_period"));
}

#[test]
fn a_tax_offset_pays_arrears_only_and_its_excess_is_repaid() {
    // E9's cases with a 1,000 tax offset: no current support; 1,000 by balance 1,000:3,000 =
    // 250, 750. With 4,500: both balances (4,000) paid, 500 repaid to the obligor (no future
    // support from an offset).
    let cases = r#"[{"id": "A", "agency": "X", "current_due": "350", "arrears": "1000"},
        {"id": "B", "agency": "X", "current_due": "250", "arrears": "3000"},
        {"id": "C", "agency": "X", "current_due": "150"}]"#;
    let a = run(&format!(
        r#"{{"date": "2026-03-10", "amount": "1000", "state": "missouri", "tax_offset": true,
        "cases": {cases}}}"#
    ))
    .unwrap();
    assert_eq!(a.current, Money::ZERO);
    assert_eq!(arrears_of(&a), ["250.00", "750.00", "0.00"]);
    let a = run(&format!(
        r#"{{"date": "2026-03-10", "amount": "4500", "state": "missouri", "tax_offset": true,
        "cases": {cases}}}"#
    ))
    .unwrap();
    assert_eq!(a.refund.to_string(), "500.00");
    assert_eq!(a.future, Money::ZERO);
}

fn order(json: &str) -> Result<order::OrderArrearsResult, Error> {
    order::order_arrears(Rules::embedded(), &serde_json::from_str(json).unwrap())
}

#[test]
fn order_arrears_terminated_support_is_added_within_half_of_disposable() {
    // 22 CCR §116100(a)(3) and (3)(A): 25% of the remaining 300 = 75, plus the terminated 200 =
    // 275; 50% of 2,000 = 1,000 less 300 = 700 does not bind: 275, in all 575.
    let r = order(
        r#"{"date": "2026-03-01", "state": "california", "current": "300",
            "terminated_current": "200", "arrears_balance": "10000", "disposable": "2000"}"#,
    )
    .unwrap();
    assert_eq!(
        (r.arrears.to_string(), r.total.to_string()),
        ("275.00".into(), "575.00".into())
    );
    // With disposable 1,000: 500 less 300 = 200 binds.
    let r = order(
        r#"{"date": "2026-03-01", "state": "california", "current": "300",
            "terminated_current": "200", "arrears_balance": "10000", "disposable": "1000"}"#,
    )
    .unwrap();
    assert_eq!(r.arrears.to_string(), "200.00");
}

#[test]
fn order_arrears_ceiling_rounds_toward_zero_and_current_above_half_leaves_nothing() {
    // 25% of 333.34 = 83.335 -> 83.33 (a ceiling, R-3).
    let r = order(
        r#"{"date": "2026-03-01", "state": "california", "current": "333.34",
            "arrears_balance": "5000"}"#,
    )
    .unwrap();
    assert_eq!(r.arrears.to_string(), "83.33");
    assert_eq!(
        r.steps[0].basis,
        "25% of current support 333.34, rounded down to the cent"
    );
    assert_eq!(r.notes.len(), 1);
    // A court-ordered amount is used as it is (22 CCR §116100(a)(2)): 300 + 150 = 450.
    let r = order(
        r#"{"date": "2026-03-01", "state": "california", "current": "300",
            "arrears_balance": "5000", "court_ordered_arrears": "150"}"#,
    )
    .unwrap();
    assert_eq!(
        (r.arrears.to_string(), r.total.to_string()),
        ("150.00".into(), "450.00".into())
    );
    // Current support 600 above 50% of 1,000 = 500: no room for arrears.
    let r = order(
        r#"{"date": "2026-03-01", "state": "california", "current": "600",
            "arrears_balance": "5000", "disposable": "1000"}"#,
    )
    .unwrap();
    assert_eq!(r.arrears.to_string(), "0.00");
    let e = order(
        r#"{"date": "2026-03-01", "state": "california", "current": "400",
            "arrears_balance": "5000", "terminated_current": "-5"}"#,
    )
    .unwrap_err();
    assert_eq!(e.field(), Some("terminated_current"));
}

proptest! {
    #[test]
    fn order_arrears_stays_within_every_bound(
        current in 0i64..500_000,
        terminated in 0i64..100_000,
        balance in 0i64..5_000_000,
        disposable in 0i64..2_000_000,
    ) {
        prop_assume!(current + terminated > 0);
        let r = order(&format!(
            r#"{{"date": "2026-03-01", "state": "california", "current": "{}",
                "terminated_current": "{}", "arrears_balance": "{}", "disposable": "{}"}}"#,
            Money::from_cents(current),
            Money::from_cents(terminated),
            Money::from_cents(balance),
            Money::from_cents(disposable)
        ))
        .unwrap();
        let a = r.arrears.cents();
        // 22 CCR §116100(a)(3): at most 25% of current support (plus what terminated), current
        // support and arrears together at most 50% of disposable earnings, never past the
        // balance (R-AL-9); and the largest amount within them (the bounds are the ceiling).
        prop_assert!(a >= 0 && a <= balance);
        prop_assert!(4 * (a - terminated) <= current);
        prop_assert!(a == 0 || 2 * (current + a) <= disposable);
        let quarter = current / 4 + terminated;
        let half_room = (disposable / 2 - current).max(0);
        prop_assert_eq!(a, quarter.min(half_room).min(balance));
        prop_assert_eq!(r.total.cents(), current + a);
    }
}

/// Each case's path as (obligation, amount, basis).
fn paths(a: &Allocation) -> Vec<Vec<(String, String, String)>> {
    a.cases
        .iter()
        .map(|c| {
            c.path
                .iter()
                .map(|s| {
                    (
                        s.obligation.to_string(),
                        s.amount.to_string(),
                        s.basis.clone(),
                    )
                })
                .collect()
        })
        .collect()
}

fn step(obligation: &str, amount: &str, basis: &str) -> (String, String, String) {
    (obligation.into(), amount.into(), basis.into())
}

#[test]
fn each_case_path_names_what_it_was_owed_and_how_its_share_was_found() {
    // A tax offset of 1,000 over E9's cases (45 CFR 302.51(a)(3): arrears only): every case with
    // current support due shows it unpaid (0.00) with the reason; arrears by balance
    // 1,000:3,000 = 250.00, 750.00; C owes no arrears and has no arrears step.
    let cases = r#"[{"id": "A", "agency": "X", "current_due": "350", "arrears": "1000"},
        {"id": "B", "agency": "X", "current_due": "250", "arrears": "3000"},
        {"id": "C", "agency": "X", "current_due": "150"}]"#;
    let a = run(&format!(
        r#"{{"date": "2026-03-10", "amount": "1000", "state": "missouri", "tax_offset": true,
        "cases": {cases}}}"#
    ))
    .unwrap();
    let offset = "a tax refund offset pays arrears only";
    assert_eq!(
        paths(&a),
        [
            vec![
                step("current", "0.00", offset),
                step(
                    "arrears",
                    "250.00",
                    "shared by arrears balance: 1000.00 of 4000.00"
                ),
            ],
            vec![
                step("current", "0.00", offset),
                step(
                    "arrears",
                    "750.00",
                    "shared by arrears balance: 3000.00 of 4000.00"
                ),
            ],
            vec![step("current", "0.00", offset)],
        ]
    );

    // E8 with an arrears balance on A: 500 of 750 current support, 350:250:150 = 233.33,
    // 166.67, 100.00 (the cent to B's larger fraction); nothing left for arrears, so A's arrears
    // step is 0.00 of its balance (100.00 of 100.00 owed in all).
    let a = run(
        r#"{"date": "2026-03-10", "amount": "500", "state": "missouri", "cases": [
        {"id": "A", "agency": "X", "current_due": "350", "arrears": "100"},
        {"id": "B", "agency": "X", "current_due": "250"},
        {"id": "C", "agency": "X", "current_due": "150"}]}"#,
    )
    .unwrap();
    let shared = |due: &str| {
        format!(
            "500.00 of current support collected, shared by current support due: {due} of 750.00"
        )
    };
    assert_eq!(
        paths(&a),
        [
            vec![
                step("current", "233.33", &shared("350.00")),
                step(
                    "arrears",
                    "0.00",
                    "shared by arrears balance: 100.00 of 100.00"
                ),
            ],
            vec![step("current", "166.67", &shared("250.00"))],
            vec![step("current", "100.00", &shared("150.00"))],
        ]
    );

    // 550 with the remainder held as future support: current 240 + 160 in full, D's arrears of
    // 50 in full (D owes no current support, so it has no current step), and the 100 left held
    // as future support by current support due, 240:160 = 60.00, 40.00 (D's share is 0: no
    // future step).
    let a = run(
        r#"{"date": "2026-03-10", "amount": "550", "policy": {"arrears": "by_balance",
        "remainder": "future"}, "cases": [
        {"id": "A", "agency": "X", "current_due": "240"},
        {"id": "B", "agency": "X", "current_due": "160"},
        {"id": "D", "agency": "X", "arrears": "50"}]}"#,
    )
    .unwrap();
    let future = |due: &str| {
        format!("held as future support, shared by current support due: {due} of 400.00")
    };
    assert_eq!(
        paths(&a),
        [
            vec![
                step(
                    "current",
                    "240.00",
                    "current support due 240.00 paid in full"
                ),
                step("future", "60.00", &future("240.00")),
            ],
            vec![
                step(
                    "current",
                    "160.00",
                    "current support due 160.00 paid in full"
                ),
                step("future", "40.00", &future("160.00")),
            ],
            vec![step(
                "arrears",
                "50.00",
                "arrears balance 50.00 paid in full"
            )],
        ]
    );
}

#[test]
fn with_no_current_support_due_the_remainder_is_refunded_not_held() {
    // Future support is held against current support due (reading R-AL-2); a case with arrears
    // only has none, so of 80 the 50 of arrears is paid and 30 is refunded.
    let a = run(
        r#"{"date": "2026-03-10", "amount": "80", "policy": {"arrears": "by_balance",
        "remainder": "future"}, "cases": [{"id": "D", "agency": "X", "arrears": "50"}]}"#,
    )
    .unwrap();
    assert_eq!(arrears_of(&a), ["50.00"]);
    assert_eq!(a.future, Money::ZERO);
    assert_eq!(a.refund.to_string(), "30.00");
}

#[test]
fn agency_totals_add_each_tier() {
    // The 550 of `each_case_path_names_...` in one agency: current 240 + 160 = 400.00, arrears
    // 50.00, future 60 + 40 = 100.00, total 550.00.
    let a = run(
        r#"{"date": "2026-03-10", "amount": "550", "policy": {"arrears": "by_balance",
        "remainder": "future"}, "cases": [
        {"id": "A", "agency": "X", "current_due": "240"},
        {"id": "B", "agency": "X", "current_due": "160"},
        {"id": "D", "agency": "X", "arrears": "50"}]}"#,
    )
    .unwrap();
    let [x] = &a.agencies[..] else {
        panic!("one agency: {:?}", a.agencies)
    };
    let tiers = [x.current, x.arrears, x.future, x.total].map(|m| m.to_string());
    assert_eq!(tiers, ["400.00", "50.00", "100.00", "550.00"]);
    assert_eq!(x.cases, ["A", "B", "D"]);
}

#[test]
fn oldest_first_over_more_cases_than_fit_on_the_stack() {
    // 17 cases of 10.00 arrears each, the oldest unpaid support in case c00 (2020-01-01) and a
    // month later in each next case; 125.00 pays the twelve oldest in full and 5.00 of the
    // thirteenth (c12), nothing to the last four.
    let cases: Vec<String> = (0..17)
        .map(|i| {
            format!(
                r#"{{"id": "c{i:02}", "agency": "X", "arrears": "10", "oldest_unpaid": "{}-{:02}-01"}}"#,
                2020 + i / 12,
                i % 12 + 1
            )
        })
        .collect();
    let a = run(&format!(
        r#"{{"date": "2026-03-10", "amount": "125", "policy": {{"arrears": "oldest_first",
        "remainder": "refund"}}, "cases": [{}]}}"#,
        cases.join(",")
    ))
    .unwrap();
    let mut expected = vec!["10.00"; 12];
    expected.extend(["5.00", "0.00", "0.00", "0.00", "0.00"]);
    assert_eq!(arrears_of(&a), expected);
}

#[test]
fn a_repeated_case_id_is_refused_among_many_cases_too() {
    // Seventeen cases (past the 16 compared one by one): c00..c15 and c00 again.
    let cases: Vec<String> = (0..17)
        .map(|i| {
            format!(
                r#"{{"id": "c{:02}", "agency": "X", "current_due": "10"}}"#,
                i % 16
            )
        })
        .collect();
    let e = run(&format!(
        r#"{{"date": "2026-03-10", "amount": "5", "state": "missouri", "cases": [{}]}}"#,
        cases.join(",")
    ))
    .unwrap_err();
    assert_eq!(e.field(), Some("cases[16].id"));
}

#[test]
fn each_kind_is_answered_by_its_own_computation() {
    let ask = |kind: &str, input: &str| -> serde_json::Value {
        let request = format!(r#"{{"kind": "{kind}", "input": {input}}}"#);
        serde_json::from_str(&crate::api::handle(Rules::embedded(), &request).unwrap()).unwrap()
    };
    // E8: 500 over 350:250:150.
    let r = ask(
        "collection_allocation",
        r#"{"date": "2026-03-10", "amount": "500", "state": "missouri", "cases": [
            {"id": "A", "agency": "X", "current_due": "350"},
            {"id": "B", "agency": "X", "current_due": "250"},
            {"id": "C", "agency": "X", "current_due": "150"}]}"#,
    );
    assert_eq!(r["result"]["cases"][0]["total"], "233.33", "{r}");
    // 22 CCR §116100: 25% of 333.34 rounded down, 83.33.
    let r = ask(
        "withholding_order_arrears",
        r#"{"date": "2026-03-01", "state": "california", "current": "333.34",
            "arrears_balance": "5000"}"#,
    );
    assert_eq!(r["result"]["arrears"], "83.33", "{r}");
    // E11 without a second family or old arrears: 60% of 800 = 480, 300 + 180.
    let r = ask(
        "withholding_amounts",
        r#"{"date": "2026-03-06", "earnings": {"disposable": "800"},
            "orders": [{"id": "1", "current": "300", "arrears": "200"}]}"#,
    );
    assert_eq!(r["result"]["withheld"], "480.00", "{r}");
}
