//! Unit and property tests. Expected values are the spec's published checks (§10 P1, P2, P5),
//! its printed bases (§5.2) and its §8.4 example, or derivations written out here.

use proptest::prelude::*;

use super::*;
use crate::rules::Rules;

fn x(s: &str) -> Exact {
    s.parse().unwrap()
}

fn params(year: i32) -> IncomeParams<'static> {
    IncomeParams::resolve(Rules::embedded(), year).unwrap()
}

#[test]
fn federal_schedules_reproduce_the_published_top_bases() {
    // P1 (Rev. Proc. 2025-32 §4.01) and P2 (Rev. Proc. 2024-40).
    let p = params(2026);
    let f = p.federal.as_ref().unwrap();
    for (status, ti, tax) in [
        (FilingStatus::Single, "640600", "192979.25"),
        (FilingStatus::Mfj, "768700", "206583.50"),
        (FilingStatus::Hoh, "640600", "191171"),
        (FilingStatus::Mfs, "384350", "103291.75"),
    ] {
        assert_eq!(f.schedule(status).tax(&x(ti)), x(tax), "2026 {status:?}");
    }
    let p = params(2025);
    let f = p.federal.as_ref().unwrap();
    for (status, ti, tax) in [
        (FilingStatus::Mfj, "751600", "202154.50"),
        (FilingStatus::Hoh, "626350", "187031.50"),
        (FilingStatus::Single, "626350", "188769.75"),
        (FilingStatus::Mfs, "375800", "101077.25"),
        // 35% bases: HoH 55,484 and single 57,231 (Rev. Proc. 2024-40).
        (FilingStatus::Hoh, "250500", "55484"),
        (FilingStatus::Single, "250525", "57231"),
    ] {
        assert_eq!(f.schedule(status).tax(&x(ti)), x(tax), "2025 {status:?}");
    }
    // 2024 single 37% base 183,647.25 (DERIVED from the edges).
    let p = params(2024);
    let f = p.federal.as_ref().unwrap();
    assert_eq!(
        f.schedule(FilingStatus::Single).tax(&x("609350")),
        x("183647.25")
    );
}

#[test]
fn california_printed_bases_match_the_list() {
    // §5.2: the bases at each band's upper edge.
    let lists: [(i32, usize, &str); 6] = [
        (
            2024,
            0,
            "107.56 402.42 992.26 1929.52 3108.72 30083.65 37512.83 70116.38",
        ),
        (
            2024,
            1,
            "215.12 804.84 1984.52 3859.04 6217.44 60167.30 75025.67 140232.77",
        ),
        (
            2024,
            2,
            "215.27 804.73 1394.49 2331.69 3511.13 40189.03 50293.33 94633.85",
        ),
        (
            2025,
            0,
            "110.79 414.49 1022.01 1987.41 3201.97 30986.19 38638.27 72219.84",
        ),
        (
            2025,
            1,
            "221.58 828.98 2044.02 3974.82 6403.94 61972.37 77276.52 144439.65",
        ),
        (
            2025,
            2,
            "221.73 828.87 1436.31 2401.65 3616.45 41394.72 51802.15 97472.91",
        ),
    ];
    for (year, k, list) in lists {
        let p = params(year);
        let c = p.california.as_ref().unwrap();
        let got: Vec<Exact> = c.schedules[k].bases[1..].to_vec();
        let want: Vec<Exact> = list.split(' ').map(x).collect();
        assert_eq!(got, want, "{year} schedule {k}");
    }
    // P5: 2025 Schedule Y, TI 125,000 -> 3,974.82 + 8% x 9,916 = 4,768.10.
    let p = params(2025);
    let c = p.california.as_ref().unwrap();
    assert_eq!(
        c.schedule(FilingStatus::Mfj).tax(&x("125000")),
        x("4768.10")
    );
    // §5.2: 2025 X at 742,955 by printed bases: 72,219.84 + 12.3% x 2 = 72,220.086 -> 72,220.09.
    assert_eq!(
        c.schedule(FilingStatus::Single)
            .tax(&x("742955"))
            .round_cents()
            .unwrap()
            .to_string(),
        "72220.09"
    );
}

fn gross(wages: &str) -> GrossIncome {
    serde_json::from_value(serde_json::json!({
        "filing_status": "single",
        "incomes": [{"kind": "wages", "amount": wages}],
    }))
    .unwrap()
}

fn case(a: GrossIncome, b: GrossIncome) -> CaliforniaFromGrossInput {
    CaliforniaFromGrossInput {
        calculation_date: Date::new(2025, 7, 1).unwrap(),
        tax_year: None,
        parent_a: a,
        parent_b: b,
        time_share: Some(TimeShare {
            parent: Parent::A,
            fraction: Decimal::new(2, 1),
        }),
        child_time_shares: Vec::new(),
        children: 1,
        birth_dates: Vec::new(),
        add_ons: Vec::new(),
        spousal_support: None,
        add_on_split: None,
        ordered_basic_support: None,
        low_income_adjustment: None,
    }
}

#[test]
fn the_worksheet_says_when_a_tax_is_entered_and_cites_law() {
    let mut a = gross("60000");
    a.tax_override_federal = Some(Decimal::new(500000, 2));
    let r = compute(Rules::embedded(), &case(a, gross("42000"))).unwrap();
    let step = r
        .parent_a
        .worksheet
        .get("california_income.federal_tax")
        .unwrap();
    assert!(step.label.contains("as entered"), "{}", step.label);
    assert!(step.citation.contains("5.275(b)(1)(B)"));
    assert_eq!(r.parent_a.federal_tax.to_string(), "5000.00");
    // One worksheet: parent A, parent B, then the guideline.
    let keys: Vec<&str> = r.worksheet.steps().iter().map(|s| s.key.as_ref()).collect();
    assert_eq!(
        keys.iter()
            .filter(|k| **k == "california_income.parent")
            .count(),
        2
    );
    assert!(keys.contains(&"california.amount"));
    // The lean path gives the same numbers.
    let lean = compute_lean(
        Rules::embedded(),
        &case(
            {
                let mut a = gross("60000");
                a.tax_override_federal = Some(Decimal::new(500000, 2));
                a
            },
            gross("42000"),
        ),
    )
    .unwrap();
    assert!(lean.worksheet.is_empty() && lean.parent_a.worksheet.is_empty());
    assert_eq!(lean.guideline.amount, r.guideline.amount);
    assert_eq!(
        lean.parent_b.monthly_net_income,
        r.parent_b.monthly_net_income
    );
}

#[test]
fn a_receiving_parent_hardship_needs_the_upward_check() {
    // §8.4: 2025-07-01, A 5,000 and B 1,000 a month, A 70% time, one child, B with two
    // full-weight hardship children: 954.12 passes, 954.13 fails, 954.14 passes; h* = 954.14.
    let mut input = case(gross("0"), gross("0"));
    input.time_share = Some(TimeShare {
        parent: Parent::A,
        fraction: Decimal::new(7, 1),
    });
    let hardship = Hardship {
        extraordinary_expenses: None,
        children: vec![
            HardshipChild {
                weight: Decimal::ONE,
                expenses: None,
            },
            HardshipChild {
                weight: Decimal::ONE,
                expenses: None,
            },
        ],
        amount: None,
        ..Hardship::default()
    };
    let gp = CaliforniaParams::resolve(Rules::embedded(), input.calculation_date).unwrap();
    let (ha, hb, _) = hardship::solve(
        &gp,
        &input,
        [(x("5000"), None), (x("1000"), Some(&hardship))],
    )
    .unwrap();
    assert!(ha.is_none());
    assert_eq!(hb.unwrap().children_deduction.to_string(), "954.14");
}

#[test]
fn filing_status_and_missing_spouse_errors_name_the_field() {
    let mut a = gross("1000");
    a.filing_status = "mfj".into();
    let err = compute(Rules::embedded(), &case(a, gross("0"))).unwrap_err();
    assert_eq!(err.field(), Some("parent_a.spouse"));
    let mut b = gross("1000");
    b.filing_status = "married".into();
    let err = compute(Rules::embedded(), &case(gross("0"), b)).unwrap_err();
    assert_eq!(err.field(), Some("parent_b.filing_status"));
}

fn ndi(g: &GrossIncome) -> Exact {
    net_income(&params(2025), g, 0, &mut NoTrace)
        .unwrap()
        .annual_net_income
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn more_income_never_lowers_ndi_by_more_than_it_adds(
        w in 0i64..15_000_000, extra in 1i64..1_000_000, se in 0i64..3_000_000,
    ) {
        // Cents; wages plus self-employment. NDI may fall (phase-outs), never by more than the
        // added income.
        let mk = |w: i64| -> GrossIncome {
            serde_json::from_value(serde_json::json!({
                "filing_status": "single",
                "incomes": [
                    {"kind": "wages", "amount": Decimal::new(w, 2).to_string()},
                    {"kind": "self_employment", "amount": Decimal::new(se, 2).to_string()},
                ],
            })).unwrap()
        };
        let lo = ndi(&mk(w));
        let hi = ndi(&mk(w + extra));
        prop_assert!(hi - lo >= -Exact::cents(extra));
    }

    #[test]
    fn each_deduction_lowers_ndi_by_at_most_its_amount(
        w in 1_000_000i64..30_000_000, d in 1i64..1_000_000, kind in 0usize..8,
    ) {
        // After-tax deductions lower NDI by exactly their amount. Pre-tax ones lower it by at
        // most their amount, except where the law makes a credit grow with earned income: a
        // pre-tax deferral is not earned income (26 U.S.C. §32(c)(2)(A): wages includible in
        // gross income), so in the earned income credit's phase-in (7.65% with no children)
        // the credit falls with it. Found by this test (w = 10,000.00, d = 1,516.41: NDI falls
        // by 1,516.42).
        let kinds = ["posttax_health", "mandatory_retirement_posttax", "union_dues",
            "other_support_paid", "job_expenses", "pretax_health",
            "mandatory_retirement_pretax", "voluntary_retirement_pretax"];
        let pretax = kind >= 5;
        let mk = |with: bool| -> GrossIncome {
            let deductions = if with {
                serde_json::json!([{"kind": kinds[kind], "amount": Decimal::new(d, 2).to_string()}])
            } else {
                serde_json::json!([])
            };
            serde_json::from_value(serde_json::json!({
                "filing_status": "single",
                "incomes": [{"kind": "wages", "amount": Decimal::new(w, 2).to_string()}],
                "deductions": deductions,
            })).unwrap()
        };
        let without = ndi(&mk(false));
        let with = ndi(&mk(true));
        let amount = Exact::cents(d);
        if kinds[kind] == "voluntary_retirement_pretax" {
            // Not a §4059 deduction: it only lowers the tax (NDI may rise or fall by the
            // credit's phase-in).
            prop_assert!(with - without <= amount * x("0.5"));
        } else if pretax {
            prop_assert!(with <= without);
            prop_assert!(without - with <= amount * x("1.0765") + Exact::cents(1));
        } else {
            prop_assert_eq!(without - with, amount);
        }
    }

    #[test]
    fn the_parents_order_does_not_matter(
        a in 0i64..20_000_000, b in 0i64..20_000_000, share in 0u32..=10,
    ) {
        prop_assume!(share != 5);
        let ga = gross(&Decimal::new(a, 2).to_string());
        let gb = gross(&Decimal::new(b, 2).to_string());
        let mut ab = case(ga.clone(), gb.clone());
        ab.time_share = Some(TimeShare { parent: Parent::A, fraction: Decimal::new(share as i64, 1) });
        let mut ba = case(gb, ga);
        ba.time_share = Some(TimeShare { parent: Parent::B, fraction: Decimal::new(share as i64, 1) });
        let r1 = compute_lean(Rules::embedded(), &ab).unwrap();
        let r2 = compute_lean(Rules::embedded(), &ba).unwrap();
        prop_assert_eq!(r1.guideline.amount, r2.guideline.amount);
        prop_assert_eq!(r1.guideline.payer, r2.guideline.payer.map(Parent::other));
        prop_assert_eq!(r1.parent_a.monthly_net_income, r2.parent_b.monthly_net_income);
    }
}

#[test]
fn the_tax_table_option_reproduces_the_irs_rows() {
    // P4 (IRS Tax Withholding Estimator tests), 2024 single: 20,000 -> 2,171; 57,050 -> 7,610;
    // 2,975 -> 299; 3,000 -> 303.
    let p = params(2024);
    let f = p.federal.as_ref().unwrap();
    for (ti, tax) in [
        ("20000", "2171"),
        ("57050", "7610"),
        ("2975", "299"),
        ("3000", "303"),
    ] {
        let mid = federal_tax::table_midpoint(&x(ti)).unwrap();
        let t = federal_tax::whole_dollars(f.schedule(FilingStatus::Single).tax(&mid)).unwrap();
        assert_eq!(t, x(tax), "TI {ti}");
    }
    assert!(federal_tax::table_midpoint(&x("100000")).is_none());
    // FTB rows: 54,294 -> 54,300; 99,960 -> 99,975; above 100,000 the schedule.
    assert_eq!(california_tax::table_row(&x("54294")), Some(x("54300")));
    assert_eq!(california_tax::table_row(&x("99960")), Some(x("99975")));
    assert_eq!(california_tax::table_row(&x("100001")), None);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn both_parents_hardship_settles_within_the_cap(
        a in 100_000i64..1_200_000, b in 100_000i64..1_200_000, share in 0u32..=10,
        wa in 1u32..=2, wb in 1u32..=2,
    ) {
        // Each parent's deduction must not exceed weight x the cap at the solution (§4071(b)).
        let mut input = case(gross("0"), gross("0"));
        input.time_share = Some(TimeShare { parent: Parent::A, fraction: Decimal::new(share as i64, 1) });
        let h = |w: u32| Hardship {
            children: (0..w).map(|_| HardshipChild { weight: Decimal::ONE, expenses: None }).collect(),
            ..Hardship::default()
        };
        let (ha_in, hb_in) = (h(wa), h(wb));
        let gp = CaliforniaParams::resolve(Rules::embedded(), input.calculation_date).unwrap();
        let (ha, hb, rounds) = hardship::solve(
            &gp,
            &input,
            [(Exact::cents(a), Some(&ha_in)), (Exact::cents(b), Some(&hb_in))],
        ).unwrap();
        prop_assert!(rounds <= 100);
        for (r, w, ndi) in [(ha.unwrap(), wa, a), (hb.unwrap(), wb, b)] {
            let d = Exact::from(r.children_deduction);
            prop_assert!(d <= Exact::from(w) * Exact::from(r.cap_per_child));
            prop_assert!(d <= Exact::cents(ndi));
        }
    }
}

#[test]
fn a_step_phase_out_can_cost_more_than_the_income_added() {
    // Rev. & Tax. Code §17054.1: $6 per credit for each $2,500 "or fraction thereof" over the
    // threshold (2025 single 252,203). One cent over: the personal credit falls 153 -> 147, so
    // the California tax rises by 6 plus 9.3% of a cent (rounded), and NDI falls by about 6.
    let lo = ndi(&gross("252203.00"));
    let hi = ndi(&gross("252203.01"));
    assert!(hi < &lo - Exact::int(5), "{lo} -> {hi}");
}

#[test]
fn the_rules_data_passes_the_spec_consistency_checks() {
    let r = &Rules::embedded().california_income;
    let ca = |y: i32| {
        r.california
            .iter()
            .find(|c| c.validity.effective_from.year() == y)
            .unwrap()
    };
    let (c24, c25) = (ca(2024), ca(2025));
    // To the dollar, half away from zero (never banker's rounding).
    let dollars = |e: Exact| {
        federal_tax::whole_dollars(e)
            .unwrap()
            .to_decimal()
            .unwrap()
            .normalize()
    };
    let index = |v: Decimal| dollars(Exact::from(v) * x("1.03"));
    for (a, b) in c24
        .single
        .iter()
        .zip(&c25.single)
        .chain(c24.hoh.iter().zip(&c25.hoh))
    {
        // §5.1 (DERIVED): every 2025 X and Z edge = the 2024 edge x 1.030, to the dollar.
        assert_eq!(index(*a), *b);
    }
    for c in [c24, c25] {
        // Schedule Y = 2 x Schedule X.
        for (xx, y) in c.single.iter().zip(&c.mfj) {
            assert_eq!(*xx * Decimal::from(2), *y);
        }
    }
    for (a, b) in [
        (c24.standard_deduction.single, c25.standard_deduction.single),
        (c24.standard_deduction.mfj, c25.standard_deduction.mfj),
        (c24.personal_credit, c25.personal_credit),
        (c24.dependent_credit, c25.dependent_credit),
        (
            c24.credit_phaseout_threshold.single,
            c25.credit_phaseout_threshold.single,
        ),
        (
            c24.credit_phaseout_threshold.mfj,
            c25.credit_phaseout_threshold.mfj,
        ),
        (
            c24.credit_phaseout_threshold.hoh,
            c25.credit_phaseout_threshold.hoh,
        ),
    ] {
        assert_eq!(index(a), b);
    }
    // §3.4 (DERIVED, 2026 VERIFIED): the maximum credit = rate x earned income amount, to the
    // dollar: 0.34 x 13,020 = 4,426.80 -> 4,427; 0.45 x 18,290 = 8,230.50 -> 8,231.
    let f26 = r
        .federal
        .iter()
        .find(|f| f.validity.effective_from.year() == 2026)
        .unwrap();
    assert_eq!(
        dollars(Exact::from(f26.eitc_credit_rate[1]) * x("13020")),
        f26.eitc_max_credit[1]
    );
    assert_eq!(
        dollars(Exact::from(f26.eitc_credit_rate[3]) * x("18290")),
        f26.eitc_max_credit[3]
    );
}

#[test]
fn extreme_inputs_give_an_answer_or_an_error_never_a_panic() {
    let amounts = [
        "0",
        "0.01",
        "1000000000000",
        "999999999999.99",
        "0.0000000000000000000000000001",
        "123456.789012345",
        "-1",
        "-1000000000000",
    ];
    for a in amounts {
        for kind in [
            "wages",
            "self_employment",
            "investment",
            "social_security_benefits",
        ] {
            for per in ["year", "month", "hour"] {
                let mut item = serde_json::json!({"kind": kind, "amount": a, "per": per});
                if per == "hour" {
                    item["hours_per_week"] = serde_json::json!("168");
                }
                let req = serde_json::json!({
                    "kind": "california_guideline_from_gross",
                    "input": {
                        "calculation_date": "2025-07-01",
                        "parent_a": {"filing_status": "mfj", "incomes": [item.clone()],
                            "spouse": {"incomes": [item.clone()]},
                            "deductions": [{"kind": "pretax_health", "amount": "0.01"}],
                            "dependents": {"ctc_children": 4, "eitc_children": 4, "ca_dependents": 4},
                            "hardship": {"children": [{"weight": "0.5"}, {}], "extraordinary_expenses": a}},
                        "parent_b": {"filing_status": "hoh", "incomes": [item],
                            "hardship": {"children": [{}]}},
                        "time_share": {"parent": "parent_a", "fraction": "0.3"},
                        "children": 3
                    }
                });
                let out = crate::api::respond(Rules::embedded(), &req.to_string());
                let v: serde_json::Value = serde_json::from_str(&out).unwrap();
                assert!(
                    v.get("result").is_some() || v.get("error").is_some(),
                    "{out}"
                );
            }
        }
    }
}

#[test]
fn floor_and_ceiling_by_whole_cents() {
    // By definition: floor is the largest integer not above, ceiling the smallest not below;
    // below zero with a fraction the floor is one further from zero than the integer part.
    let cases = [
        ("2.5", 2, 3),
        ("2", 2, 2),
        ("0", 0, 0),
        ("0.001", 0, 1),
        ("-0.001", -1, 0),
        ("-2.5", -3, -2),
        ("-3", -3, -3),
        ("1/3", 0, 1),
        ("-1/3", -1, 0),
        ("100000.999", 100_000, 100_001),
        ("1001/1000", 1, 2),
    ];
    for (v, f, c) in cases {
        assert_eq!(floor(&x(v)), Some(f), "floor {v}");
        assert_eq!(ceil(&x(v)), Some(c), "ceil {v}");
    }
    assert_eq!(floor(&(Exact::ONE / Exact::ZERO)), None);
}

#[test]
fn a_monthly_income_that_does_not_terminate_reaches_the_guideline_exactly() {
    // Annual NDI is whole cents; / 12 terminates only when the cents divide by 3, so one of
    // three consecutive cents of wages gives a monthly figure with a third of a cent. The
    // guideline records the parents' incomes as it receives them: they must be that fraction.
    let found = (0..3).find_map(|c| {
        let input = case(gross(&format!("60000.0{c}")), gross("30000"));
        let r = compute(Rules::embedded(), &input).unwrap();
        (!r.parent_a.monthly_net_income.terminates()).then_some(r)
    });
    let r = found.expect("one of three cents leaves a third of a cent");
    let step = r
        .guideline
        .worksheet
        .steps()
        .iter()
        .find(|s| s.key == "california.parent_a_net_income")
        .expect("the guideline records parent A's income");
    assert_eq!(
        step.value,
        Value::Exact(r.parent_a.monthly_net_income.clone())
    );
    assert_eq!(
        r.parent_a.net_income_for_guideline,
        r.parent_a.monthly_net_income
    );
}
