//! Texas guideline tests: the spec's vectors (spec/texas.md §6), errors, and properties.

use super::net_resources::{Frequency, IncomeItem, IncomeKind};
use super::*;
use crate::exact::Exact;
use proptest::prelude::*;

fn dec(s: &str) -> Decimal {
    Decimal::from_str_exact(s).unwrap()
}

fn d(s: &str) -> Date {
    s.parse().unwrap()
}

fn cents(c: i64) -> Money {
    Money::from_cents(c)
}

fn wages(monthly: &str) -> Resources {
    Resources::from_incomes(vec![IncomeItem {
        amount: dec(monthly),
        frequency: Frequency::Monthly,
        kind: IncomeKind::Wages,
        taxable: true,
    }])
}

fn run(i: &TexasInput) -> TexasResult {
    compute(Rules::embedded(), i).unwrap()
}

fn given(date: &str, nr: &str, n: u32) -> TexasInput {
    TexasInput::simple(d(date), dec(nr), n)
}

#[test]
fn tx02_2026_chart_6000() {
    // spec TX-02: SS 372.00, Med 87.00, FIT 584.17, NR 4,956.83; 1 child 991.37.
    let mut i = given("2026-03-01", "0", 1);
    i.obligor = wages("6000");
    let r = run(&i);
    let nr = &r.net_resources;
    assert_eq!(nr.social_security, cents(37200));
    assert_eq!(nr.medicare, cents(8700));
    assert_eq!(nr.federal_income_tax, cents(58417));
    assert_eq!(nr.net_resources, cents(495683));
    assert_eq!(r.amount, cents(99137));
}

#[test]
fn tx03_children_counts() {
    for (n, c) in [
        (2, 123921),
        (3, 148705),
        (4, 173489),
        (5, 198273),
        (6, 198273),
    ] {
        let r = run(&given("2026-03-01", "4956.83", n));
        assert_eq!(r.amount, cents(c), "{n} children");
        assert_eq!(r.is_floor, n >= 6);
    }
}

#[test]
fn tx04_above_cap_with_proven_needs() {
    let mut i = given("2026-01-15", "0", 1);
    i.obligor = wages("20000");
    i.proven_needs = Some(dec("3000"));
    let r = run(&i);
    assert_eq!(r.net_resources.net_resources, cents(1471808));
    assert!(r.net_resources.additional_medicare_applies);
    assert_eq!(r.amount, cents(234000));
    let a = r.above_cap_support.unwrap();
    assert_eq!(a.obligor_maximum, cents(300000));
    assert_eq!(a.needs_gap, cents(66000));
    assert_eq!(a.total, cents(234000));
    i.court_allocated_extra = Some(dec("1000"));
    let a = run(&i).above_cap_support.unwrap();
    assert_eq!((a.total, a.limited_by_maximum), (cents(300000), true));
}

#[test]
fn tx05_low_income_threshold() {
    for (nr, n, c) in [
        ("900", 1, 13500),
        ("900", 2, 18000),
        ("999.99", 1, 15000),
        ("1000.00", 1, 20000),
    ] {
        let r = run(&given("2025-01-15", nr, n));
        assert_eq!(r.amount, cents(c), "{nr} {n}");
    }
    // Before 2021-09-01 there was no low-income schedule.
    assert_eq!(run(&given("2021-08-31", "900", 1)).amount, cents(18000));
}

#[test]
fn tx06_to_tx09_multiple_households() {
    for (nr, n, m, formula, table) in [
        ("4000", 2, 1, 90000, 90000),
        ("5000", 3, 1, 136875, 136900),
        ("3000", 1, 2, 48000, 48000),
        ("8000", 2, 3, 152000, 152000),
    ] {
        let mut i = given("2025-01-15", nr, n);
        i.other_children = m;
        let r = run(&i);
        let mh = r.multiple_household.as_ref().unwrap();
        assert_eq!(r.amount, cents(formula));
        assert_eq!(mh.formula.amount, cents(formula));
        assert_eq!(mh.table.as_ref().unwrap().amount, cents(table));
        assert_eq!(mh.methods_differ, formula != table);
        i.multiple_household_method = MultipleHouseholdMethod::Table;
        assert_eq!(run(&i).amount, cents(table));
    }
}

#[test]
fn tx10_tx11_medical_caps() {
    let mut i = given("2025-01-15", "2000", 1);
    i.medical = Some(MedicalInput {
        annual_resources: Some(dec("30000")),
        ..MedicalInput::default()
    });
    let med = run(&i).medical.unwrap();
    assert_eq!(med.health_cap, Some(cents(22500)));
    assert_eq!(med.dental_cap, Some(cents(3750)));
    i.medical = Some(MedicalInput {
        annual_resources: Some(dec("60000")),
        health: Some(medical::HealthSupport {
            kind: medical::HealthKind::ObligeeCoverage,
            monthly_cost: dec("520"),
        }),
        dental: Some(medical::DentalSupport {
            monthly_cost: dec("90"),
        }),
    });
    let r = run(&i);
    let med = r.medical.unwrap();
    assert_eq!(med.health.unwrap().amount, cents(45000));
    assert_eq!(med.dental.unwrap().amount, cents(7500));
    assert_eq!(r.total_monthly, cents(40000 + 45000 + 7500));
}

#[test]
fn tx12_deductions() {
    let mut i = given("2025-06-01", "0", 2);
    i.obligor = wages("5000");
    i.obligor.deductions.child_health_insurance = dec("300");
    i.obligor.deductions.union_dues = dec("50");
    let r = run(&i);
    assert_eq!(r.net_resources.net_resources, cents(383737));
    assert_eq!(r.amount, cents(95934));
}

#[test]
fn tx13_minimum_wage_presumption_by_year() {
    for (date, nr, c) in [
        ("2024-06-01", 115654, 23131),
        ("2025-06-01", 115987, 23197),
        ("2026-06-01", 116054, 23211),
    ] {
        let mut i = given(date, "0", 1);
        i.obligor = Resources {
            no_evidence_of_resources: true,
            ..Resources::from_incomes(vec![])
        };
        let r = run(&i);
        assert_eq!(r.net_resources.net_resources, cents(nr), "{date}");
        assert_eq!(r.amount, cents(c), "{date}");
    }
}

#[test]
fn tx14_step_downs() {
    let mut i = given("2025-01-15", "5000", 3);
    i.children_dates = vec![
        ChildDates {
            birth_date: d("2010-06-10"),
            support_ends: None,
        },
        ChildDates {
            birth_date: d("2008-02-29"),
            support_ends: None,
        },
        ChildDates {
            birth_date: d("2012-01-01"),
            support_ends: Some(d("2030-05-31")),
        },
    ];
    let r = run(&i);
    assert_eq!(r.amount, cents(150000));
    let s = &r.step_downs;
    assert_eq!(s.len(), 3);
    assert_eq!(
        (s[0].effective_date, s[0].children_remaining, s[0].amount),
        (d("2026-04-01"), 2, cents(125000))
    );
    assert_eq!(
        (s[1].effective_date, s[1].amount),
        (d("2028-07-01"), cents(100000))
    );
    assert_eq!(
        (s[2].effective_date, s[2].children_remaining, s[2].amount),
        (d("2030-06-01"), 0, cents(0))
    );
}

#[test]
fn tx19_cap_amounts() {
    for (date, amounts) in [
        ("2025-08-31", [184000, 230000, 276000, 322000, 368000]),
        ("2025-09-01", [234000, 292500, 351000, 409500, 468000]),
    ] {
        for (k, c) in amounts.iter().enumerate() {
            let r = run(&given(date, "50000", k as u32 + 1));
            assert_eq!(r.amount, cents(*c), "{date} {}", k + 1);
        }
    }
}

#[test]
fn self_employed_method_matches_spec_4_5() {
    let mut i = given("2026-03-01", "0", 1);
    i.obligor = Resources::from_incomes(vec![IncomeItem {
        amount: dec("5000"),
        frequency: Frequency::Monthly,
        kind: IncomeKind::SelfEmployment,
        taxable: true,
    }]);
    let r = run(&i);
    let nr = &r.net_resources;
    assert_eq!(
        (nr.social_security, nr.medicare, nr.federal_income_tax),
        (cents(57257), cents(13391), cents(37594))
    );
    assert_eq!(nr.net_resources, cents(391758));
    assert!(r.flags.contains(&Flag::SelfEmployedMethodUnverified));
    i.obligor.half_se_tax_deduction = Some(false);
    let nr = run(&i).net_resources;
    assert_eq!(
        (nr.federal_income_tax, nr.net_resources),
        (cents(41833), cents(387519))
    );
}

#[test]
fn negative_self_employment_offsets_and_zero_floor() {
    let mut i = given("2026-03-01", "0", 1);
    i.obligor = Resources::from_incomes(vec![
        IncomeItem {
            amount: dec("1000"),
            frequency: Frequency::Monthly,
            kind: IncomeKind::Other,
            taxable: false,
        },
        IncomeItem {
            amount: dec("-3000"),
            frequency: Frequency::Monthly,
            kind: IncomeKind::SelfEmployment,
            taxable: true,
        },
    ]);
    let r = run(&i);
    assert_eq!(r.net_resources.net_resources, Money::ZERO);
    assert!(r.flags.contains(&Flag::NetResourcesBelowZero));
    assert_eq!(r.amount, Money::ZERO);
}

#[test]
fn low_income_multiple_household_is_non_statutory() {
    let mut i = given("2025-01-15", "900", 1);
    i.other_children = 1;
    let r = run(&i);
    // 15% x (900 - 20% x 900 / 2 x 1) = 0.15 x 810 = 121.50.
    assert_eq!(r.amount, cents(12150));
    assert!(r.flags.contains(&Flag::NonStatutoryMultipleHousehold));
    assert!(r.multiple_household.unwrap().table.is_none());
}

#[test]
fn more_than_seven_in_the_table_uses_the_formula() {
    let mut i = given("2025-01-15", "4000", 1);
    i.other_children = 8;
    i.multiple_household_method = MultipleHouseholdMethod::Table;
    let r = run(&i);
    assert_eq!(r.method, Method::Formula154128);
    assert!(r.flags.contains(&Flag::NonStatutoryMultipleHousehold));
}

#[test]
fn errors_name_their_fields() {
    let mut neg = given("2026-03-01", "0", 1);
    neg.obligor = wages("-1");
    assert_eq!(
        compute(Rules::embedded(), &neg).unwrap_err().field(),
        Some("obligor.incomes[0].amount")
    );
    let zero = given("2026-03-01", "1000", 0);
    assert_eq!(
        compute(Rules::embedded(), &zero).unwrap_err().field(),
        Some("children")
    );
    let mut old = given("2023-03-01", "0", 1);
    old.obligor = wages("3000");
    let err = compute(Rules::embedded(), &old).unwrap_err();
    let text = err.to_string();
    assert!(
        text.contains("tax year 2023") && text.contains("2024, 2025, 2026"),
        "{text}"
    );
    let mut ret = given("2026-03-01", "0", 1);
    ret.obligor = wages("3000");
    ret.obligor.deductions.nondiscretionary_retirement = dec("100");
    assert_eq!(
        compute(Rules::embedded(), &ret).unwrap_err().field(),
        Some("obligor.deductions.nondiscretionary_retirement")
    );
    let mut needs = given("2026-03-01", "3000", 1);
    needs.proven_needs = Some(dec("5000"));
    assert_eq!(
        compute(Rules::embedded(), &needs).unwrap_err().field(),
        Some("proven_needs")
    );
    let late = given("2031-09-01", "3000", 1);
    assert!(matches!(
        compute(Rules::embedded(), &late),
        Err(Error::NoRule { .. })
    ));
}

#[test]
fn presumption_and_resource_rules() {
    // §154.068(b): no presumption for a party confined over 90 days.
    let mut i = given("2026-03-01", "0", 1);
    i.obligor = Resources {
        no_evidence_of_resources: true,
        confined_over_90_days: true,
        ..Resources::from_incomes(vec![])
    };
    assert_eq!(
        compute(Rules::embedded(), &i).unwrap_err().field(),
        Some("obligor.confined_over_90_days")
    );
    // Net resources found directly are already net: deductions are refused.
    let mut i = given("2026-03-01", "3000", 1);
    i.obligor.deductions.union_dues = dec("10");
    assert_eq!(
        compute(Rules::embedded(), &i).unwrap_err().field(),
        Some("obligor.deductions.union_dues")
    );
    // Two ways at once are refused.
    let mut i = given("2026-03-01", "3000", 1);
    i.obligor.incomes = wages("1000").incomes;
    assert!(compute(Rules::embedded(), &i).is_err());
    // (d)(6): nondiscretionary retirement when no Social Security is paid; Medicare stays.
    let mut i = given("2026-03-01", "0", 1);
    i.obligor = wages("6000");
    i.obligor.pays_social_security = false;
    i.obligor.deductions.nondiscretionary_retirement = dec("400");
    let nr = run(&i).net_resources;
    assert_eq!(nr.social_security, Money::ZERO);
    assert_eq!(nr.medicare, cents(8700));
    // 6000 - 87.00 - 584.17 - 400 = 4928.83
    assert_eq!(nr.net_resources, cents(492883));
}

#[test]
fn non_taxable_resources_stay_out_of_the_tax_base() {
    // 2026: wages 6,000/month plus 1,000/month non-taxable VA disability: FIT as TX-02
    // (584.17), NR 4,956.83 + 1,000 = 5,956.83; annual resources 84,000 for the medical caps.
    let mut i = given("2026-03-01", "0", 1);
    i.obligor = wages("6000");
    i.obligor.incomes.push(IncomeItem {
        amount: dec("12000"),
        frequency: Frequency::Annual,
        kind: IncomeKind::Other,
        taxable: false,
    });
    let nr = run(&i).net_resources;
    assert_eq!(nr.federal_income_tax, cents(58417));
    assert_eq!(nr.net_resources, cents(595683));
    assert_eq!(nr.annual_resources, Some(Exact::int(84000)));
}

#[test]
fn court_percentage_for_six_or_more() {
    let mut i = given("2026-03-01", "5000", 6);
    i.court_percentage = Some(dec("0.45"));
    let r = run(&i);
    assert_eq!((r.amount, r.is_floor), (cents(225000), false));
    i.court_percentage = Some(dec("0.35"));
    assert_eq!(
        compute(Rules::embedded(), &i).unwrap_err().field(),
        Some("court_percentage")
    );
    let mut five = given("2026-03-01", "5000", 5);
    five.court_percentage = Some(dec("0.45"));
    assert!(compute(Rules::embedded(), &five).is_err());
}

#[test]
fn child_support_received_is_added_in_multiple_households_only() {
    // §154.070: NR 3,000 + 1,000 received = 4,000; TX-06's computation gives 900.00.
    let mut i = given("2025-01-15", "3000", 2);
    i.other_children = 1;
    i.child_support_received = Some(dec("1000"));
    assert_eq!(run(&i).amount, cents(90000));
    i.other_children = 0;
    assert_eq!(
        compute(Rules::embedded(), &i).unwrap_err().field(),
        Some("child_support_received")
    );
}

#[test]
fn deviation_and_findings() {
    let mut i = given("2025-01-15", "5000", 3);
    i.other_children = 1;
    i.obligee_net_resources = Some(dec("2500"));
    i.ordered_amount = Some(dec("1368.75"));
    let r = run(&i);
    assert!(!r.findings.deviation);
    assert_eq!(r.findings.percentage_applied, Exact::from(dec("27.38")));
    i.ordered_amount = Some(dec("1369"));
    let r = run(&i);
    assert!(r.findings.deviation && r.flags.contains(&Flag::Deviation));
    assert_eq!(r.findings.deviation_amount, Some(cents(25)));
}

fn amount(nr_cents: i64, n: u32, m: u32, method: MultipleHouseholdMethod) -> Money {
    let mut i = TexasInput::simple(d("2026-03-01"), Decimal::new(nr_cents, 2), n);
    i.other_children = m;
    i.multiple_household_method = method;
    run(&i).amount
}

fn method() -> impl Strategy<Value = MultipleHouseholdMethod> {
    prop_oneof![
        Just(MultipleHouseholdMethod::Formula),
        Just(MultipleHouseholdMethod::Table)
    ]
}

proptest! {
    #[test]
    fn support_never_decreases_with_net_resources_and_is_flat_above_the_cap(
        a in 0i64..1_500_000, b in 0i64..1_500_000, n in 1u32..9, m in 0u32..9, meth in method()
    ) {
        let (lo, hi) = (a.min(b), a.max(b));
        prop_assert!(amount(lo, n, m, meth) <= amount(hi, n, m, meth));
        if lo >= 1_170_000 {
            prop_assert_eq!(amount(lo, n, m, meth), amount(hi, n, m, meth));
        }
    }

    #[test]
    fn multiple_households_never_exceed_one_household(
        nr in 0i64..2_000_000, n in 1u32..9, m in 1u32..9, meth in method()
    ) {
        prop_assert!(amount(nr, n, m, meth) <= amount(nr, n, 0, meth));
    }
}

proptest! {
    // Most random inputs are refused (each field is drawn over its invalid values too), so
    // enough cases that thousands reach a result and its amount is checked.
    #![proptest_config(ProptestConfig::with_cases(2048))]

    #[test]
    fn any_input_gives_a_result_or_a_typed_error(
        amounts in proptest::collection::vec((-10_000_000i64..10_000_000, 0usize..5, 0usize..3, any::<bool>()), 0..4),
        n in 0u32..12, m in 0u32..12,
        // Half the dates in the tax years the rules cover (2024-2026), so results are common.
        days in prop_oneof![0i64..23_500, 19_723i64..20_819], births in proptest::collection::vec(0i64..12_000, 0..4),
        due in 0u32..33, needs in proptest::option::of(0i64..10_000_000),
        presume in any::<bool>(), ss in any::<bool>(),
    ) {
        let freqs = [Frequency::Weekly, Frequency::Biweekly, Frequency::Semimonthly, Frequency::Monthly, Frequency::Annual];
        let kinds = [IncomeKind::Wages, IncomeKind::SelfEmployment, IncomeKind::Other];
        let date = Date::from_days(days).unwrap();
        let mut obligor = Resources::from_incomes(amounts.iter().map(|(a, f, k, t)| IncomeItem {
            amount: Decimal::new(*a, 2), frequency: freqs[*f], kind: kinds[*k], taxable: *t,
        }).collect());
        obligor.no_evidence_of_resources = presume;
        obligor.pays_social_security = ss;
        let mut i = TexasInput::simple(date, Decimal::ZERO, n);
        i.obligor = obligor;
        i.other_children = m;
        i.due_day = Some(due);
        i.proven_needs = needs.map(|c| Decimal::new(c, 2));
        i.children_dates = births.iter().map(|b| ChildDates {
            birth_date: Date::from_days(days - b).unwrap(), support_ends: None,
        }).collect();
        i.multiple_household_method = MultipleHouseholdMethod::Formula;
        let result = compute(Rules::embedded(), &i);

        // What is wrong with the input, decided here from the statute and the readings, not
        // from the engine: each error must be one of these, and an input with none of them
        // must give a result.
        let chosen = usize::from(!amounts.is_empty()) + usize::from(presume);
        let negative: Vec<usize> = amounts
            .iter()
            .enumerate()
            .filter(|(_, (a, _, k, _))| *a < 0 && kinds[*k] != IncomeKind::SelfEmployment)
            .map(|(j, _)| j)
            .collect();
        let cap_known = d("1993-09-01") <= date && date <= d("2031-08-31");
        let tax_year_known = (2024..=2026).contains(&date.year());
        let justified = |e: &Error| -> bool {
            let field = e.field().unwrap_or("");
            let field = field.strip_prefix("obligor.").unwrap_or(field);
            match e.code() {
                crate::ErrorCode::NoRule => match field {
                    "texas.net_resources_cap" => !cap_known,
                    f if f.starts_with("federal_tax") => !tax_year_known,
                    "texas.minimum_wage_presumption" => presume && date < d("2008-07-24"),
                    _ => false,
                },
                crate::ErrorCode::InvalidInput => match field {
                    "children" => n == 0,
                    "due_day" => !(1..=31).contains(&due),
                    "incomes" | "no_evidence_of_resources" => chosen != 1,
                    "proven_needs" => needs.is_some(),
                    f if f.starts_with("children_dates") => !births.is_empty(),
                    f => negative.iter().any(|j| f == format!("incomes[{j}].amount")),
                },
                _ => false,
            }
        };
        let valid = n >= 1
            && (1..=31).contains(&due)
            && chosen == 1
            && negative.is_empty()
            && needs.is_none()
            && births.is_empty()
            && cap_known
            && tax_year_known;
        match &result {
            Err(e) => {
                prop_assert!(!valid, "a valid input was refused: {e}");
                prop_assert!(justified(e), "error {:?} {:?} not explained by the input: {e}", e.code(), e.field());
            }
            Ok(r) => {
                prop_assert!(n >= 1 && (1..=31).contains(&due) && chosen == 1 && negative.is_empty());
                prop_assert!(cap_known && tax_year_known);
                // The amount: §154.125 / §154.128 on the engine's net resources, evaluated
                // here (cap by date, low-income schedule below 1,000 from 2021-09-01, 6 or
                // more children at the 5-child percentage, the low-income schedule in both
                // §154.128 steps).
                if needs.is_none() {
                    let caps = [("2007-08-31", 6000), ("2013-08-31", 7500), ("2019-08-31", 8550), ("2025-08-31", 9200), ("2031-08-31", 11700)];
                    let cap = caps.iter().find(|(through, _)| date <= d(through)).unwrap().1 as i128;
                    let nr = Q::new(r.net_resources.net_resources.cents() as i128, 100);
                    prop_assert!(!nr.lt(Q::new(0, 1)));
                    let capped = if Q::new(cap, 1).lt(nr) { Q::new(cap, 1) } else { nr };
                    let low = date >= d("2021-09-01") && nr.lt(Q::new(1000, 1));
                    let p = |k: u32| Q::new(if low { 10 } else { 15 } + 5 * k.clamp(1, 5) as i128, 100);
                    let exact = if m == 0 {
                        p(n).mul(capped)
                    } else {
                        let credit = p(n + m).mul(capped).mul(Q::new(m as i128, (n + m) as i128));
                        p(n).mul(capped.sub(credit))
                    };
                    prop_assert_eq!(r.amount, Money::from_cents(exact.cents()));
                }
            }
        }
    }
}

#[test]
fn issue_7_half_cent_rounds_up() {
    // NR 2,087.50, 4 before the court, 3 other: 0.35 x (2087.50 - 0.40 x 2087.50 / 7 x 3)
    // = 0.35 x 24215/14 = 605.375 exactly -> 605.38.
    let mut i = given("2025-05-06", "2087.50", 4);
    i.other_children = 3;
    let r = run(&i);
    assert_eq!(r.amount_exact, Exact::from(dec("605.375")));
    assert_eq!(r.amount, cents(60538));
    let f = &r.multiple_household.as_ref().unwrap().formula;
    assert_eq!(f.credit, Exact::ratio(2505, 7));
    assert_eq!(f.adjusted_net_resources, Exact::ratio(24215, 14));
}

#[test]
fn given_net_resources_are_rounded_to_cents_first() {
    // Library reading R-TX-1: 999.995 -> 1,000.00, the standard schedule: 200.00.
    let r = run(&given("2025-01-15", "999.995", 1));
    assert_eq!(r.net_resources.net_resources, cents(100000));
    assert_eq!(r.schedule, "standard");
    assert_eq!(r.amount, cents(20000));
    // Weekly 500 (2026): NR 23021/12 -> 1,918.42; 25% = 479.605 -> 479.61.
    let mut i = given("2026-03-01", "0", 2);
    i.obligor = Resources::from_incomes(vec![IncomeItem {
        amount: dec("500"),
        frequency: Frequency::Weekly,
        kind: IncomeKind::Wages,
        taxable: true,
    }]);
    let r = run(&i);
    assert_eq!(r.net_resources.net_resources_exact, Exact::ratio(23021, 12));
    assert_eq!(r.net_resources.net_resources, cents(191842));
    assert_eq!(r.amount_exact, Exact::from(dec("479.605")));
    assert_eq!(r.amount, cents(47961));
}

#[test]
fn catalogue_words_cite_the_law_not_the_library() {
    for s in crate::catalogue::texas::ALL {
        assert!(s.key.starts_with("texas."), "{}", s.key);
        assert!(!s.citation.is_empty(), "{}: no citation", s.key);
        for word in [
            "spec",
            ".md",
            "http",
            "engine",
            "README",
            "UNVERIFIED",
            "SECONDARY",
            "[",
            "OAG",
        ] {
            assert!(!s.label.contains(word), "{}: label says {word:?}", s.key);
            assert!(
                !s.citation.contains(word),
                "{}: citation says {word:?}",
                s.key
            );
        }
    }
    // A traced result's catalogue citations never name a file or the library's internals.
    let mut i = given("2025-01-15", "5000", 3);
    i.other_children = 1;
    let r = run(&i);
    for step in r.worksheet.steps() {
        assert!(
            !step.citation.contains("spec"),
            "{}: {}",
            step.key,
            step.citation
        );
    }
}

/// A fraction of two i128s in lowest terms, written here independently of `Exact`.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Q(i128, i128);

fn gcd_i(a: i128, b: i128) -> i128 {
    if b == 0 {
        a.abs()
    } else {
        gcd_i(b, a % b)
    }
}

impl Q {
    fn new(n: i128, d: i128) -> Q {
        let g = gcd_i(n, d).max(1);
        let (n, d) = (n / g, d / g);
        if d < 0 {
            Q(-n, -d)
        } else {
            Q(n, d)
        }
    }
    fn mul(self, o: Q) -> Q {
        Q::new(self.0 * o.0, self.1 * o.1)
    }
    fn sub(self, o: Q) -> Q {
        Q::new(self.0 * o.1 - o.0 * self.1, self.1 * o.1)
    }
    fn lt(self, o: Q) -> bool {
        self.0 * o.1 < o.0 * self.1
    }
    /// Cents, half away from zero (non-negative values).
    fn cents(self) -> i64 {
        ((self.0 * 200 + self.1) / (2 * self.1)) as i64
    }
}

/// §154.125 / §154.128 for net resources given in mills (thousandths), on 2026-03-01 (cap
/// 11,700; standard 20..40%, low-income 15..35% below 1,000): the reference evaluation.
fn reference(nr_mills: i64, n: u32, m: u32) -> (i64, Q) {
    // Net resources rounded half away from zero to cents (library reading R-TX-1).
    let nr_cents = (nr_mills as i128 * 2 + 10) / 20;
    let nr = Q::new(nr_cents, 100);
    let capped = if Q::new(1_170_000, 100).lt(nr) {
        Q::new(11700, 1)
    } else {
        nr
    };
    let low = nr.lt(Q::new(1000, 1));
    let p = |k: u32| -> Q {
        let k = k.clamp(1, 5) as i128;
        Q::new(if low { 10 + 5 * k } else { 15 + 5 * k }, 100)
    };
    let exact = if m == 0 {
        p(n).mul(capped)
    } else {
        let t = (n + m) as i128;
        let one = p(n + m).mul(capped);
        let credit = one.mul(Q::new(m as i128, t));
        p(n).mul(capped.sub(credit))
    };
    (exact.cents(), exact)
}

fn strip(mut r: TexasResult) -> TexasResult {
    r.worksheet = Worksheet::new();
    r
}

proptest! {
    #[test]
    fn the_engine_equals_a_reference_evaluation_of_the_formula(
        nr in 0i64..20_000_000, n in 1u32..9, m in 0u32..9,
    ) {
        let mut i = TexasInput::simple(d("2026-03-01"), Decimal::new(nr, 3), n);
        i.other_children = m;
        let r = compute_lean(Rules::embedded(), &i).unwrap();
        let (c, q) = reference(nr, n, m);
        prop_assert_eq!(r.amount, Money::from_cents(c));
        prop_assert_eq!(r.amount_exact, crate::exact::Exact::ratio(q.0, q.1));
    }

    #[test]
    fn traced_and_lean_paths_give_the_same_result(
        amounts in proptest::collection::vec((0i64..3_000_000, 0usize..5, 0usize..3, any::<bool>()), 0..4),
        given_nr in proptest::option::of(0i64..3_000_000),
        n in 1u32..9, m in 0u32..9, table in any::<bool>(),
        days in 19_000i64..21_800, births in proptest::collection::vec(0i64..6_000, 0..3),
        received in proptest::option::of(0i64..100_000),
        medical in any::<bool>(), needs in proptest::option::of(0i64..5_000_000),
    ) {
        let freqs = [Frequency::Weekly, Frequency::Biweekly, Frequency::Semimonthly, Frequency::Monthly, Frequency::Annual];
        let kinds = [IncomeKind::Wages, IncomeKind::SelfEmployment, IncomeKind::Other];
        let date = Date::from_days(days).unwrap();
        let obligor = match given_nr {
            Some(c) => Resources { annual_resources: Some(Decimal::new(c * 12, 2)), ..Resources::given(Decimal::new(c, 3)) },
            None if amounts.is_empty() => Resources { no_evidence_of_resources: true, ..Resources::from_incomes(vec![]) },
            None => Resources::from_incomes(amounts.iter().map(|(a, f, k, t)| IncomeItem {
                amount: Decimal::new(*a, 2), frequency: freqs[*f], kind: kinds[*k], taxable: *t,
            }).collect()),
        };
        let mut i = TexasInput::simple(date, Decimal::ZERO, n);
        i.obligor = obligor;
        i.other_children = m;
        if table { i.multiple_household_method = MultipleHouseholdMethod::Table; }
        if m > 0 { i.child_support_received = received.map(|c| Decimal::new(c, 2)); }
        i.proven_needs = needs.map(|c| Decimal::new(c, 2));
        if births.len() == n as usize {
            i.children_dates = births.iter().map(|b| ChildDates {
                birth_date: Date::from_days(days - b).unwrap(), support_ends: None,
            }).collect();
        }
        if medical {
            i.medical = Some(MedicalInput {
                health: Some(medical::HealthSupport { kind: medical::HealthKind::ObligeeCoverage, monthly_cost: dec("212.345") }),
                dental: Some(medical::DentalSupport { monthly_cost: dec("40") }),
                ..MedicalInput::default()
            });
        }
        let traced = compute(Rules::embedded(), &i);
        let lean = compute_lean(Rules::embedded(), &i);
        match (traced, lean) {
            (Ok(t), Ok(l)) => {
                prop_assert!(!t.worksheet.is_empty());
                prop_assert!(l.worksheet.is_empty());
                prop_assert_eq!(strip(t), l);
            }
            (Err(a), Err(b)) => prop_assert_eq!(a.to_string(), b.to_string()),
            (a, b) => prop_assert!(false, "traced {:?} vs lean {:?}", a.map(|r| r.amount), b.map(|r| r.amount)),
        }
    }
}

#[test]
fn inputs_with_many_decimals_give_an_exact_result() {
    let tiny = "0.0000000000000000000000000001";
    let long = "1234.5678901234567890123456789";
    for (nr, expected) in [
        (tiny, cents(0)),
        (long, cents(35803)), // 0.29 x 1,234.57 = 358.0253
        ("999999999999.9999999999999999", cents(266800)), // 0.29 x 9,200
    ] {
        let mut i = given("2025-05-06", nr, 4);
        i.other_children = 3;
        i.child_support_received = Some(dec(tiny));
        let traced = compute(Rules::embedded(), &i).unwrap();
        let lean = compute_lean(Rules::embedded(), &i).unwrap();
        assert_eq!(strip(traced.clone()), lean);
        // Net resources are rounded to cents first (R-TX-1), so the 1e-28 inputs vanish:
        // 0.00; 1,234.57; above the 2025-05-06 cap, 9,200. 4 before the court, 3 others:
        // 0.35 x (NR - 0.40 x NR x 3/7) = 0.35 x 58/70 NR = 0.29 NR (the low-income schedule
        // for 0.00 gives 0 too).
        assert_eq!(traced.amount, expected, "{nr}");
    }
    let mut i = given("2026-03-01", "0", 2);
    i.obligor = Resources::from_incomes(vec![
        IncomeItem {
            amount: dec(long),
            frequency: Frequency::Weekly,
            kind: IncomeKind::SelfEmployment,
            taxable: true,
        },
        IncomeItem {
            amount: dec("0.0000000000000000000000000007"),
            frequency: Frequency::Biweekly,
            kind: IncomeKind::Wages,
            taxable: true,
        },
    ]);
    i.obligor.deductions.union_dues = dec("0.0000000000000000000000000003");
    i.medical = Some(MedicalInput {
        annual_resources: Some(dec(long)),
        health: Some(medical::HealthSupport {
            kind: medical::HealthKind::CashMedicalSupport,
            monthly_cost: dec(tiny),
        }),
        dental: None,
    });
    // Exact values past 128 bits move to arbitrary precision: a result, never a refusal. The
    // 1e-28 items cannot move a cent (net resources are rounded to cents, R-TX-1): the result
    // equals the one without them, and the traced and lean paths agree.
    let r = compute(Rules::embedded(), &i).unwrap();
    assert_eq!(
        strip(r.clone()),
        compute_lean(Rules::embedded(), &i).unwrap()
    );
    let mut plain = i.clone();
    plain.obligor.incomes.truncate(1);
    plain.obligor.deductions.union_dues = Decimal::ZERO;
    let p = compute(Rules::embedded(), &plain).unwrap();
    assert_eq!(r.net_resources.net_resources, p.net_resources.net_resources);
    assert_eq!(r.amount, p.amount);
    // And the amount is 25% (2 children) of the net resources, exactly, to the cent.
    let nr = r.net_resources.net_resources.cents();
    assert_eq!(r.amount, Money::from_cents((nr * 25 + 50) / 100));
    assert!(r.amount > cents(100_000), "{:?}", r.amount);
}

// Tests added for mutants that survived `scripts/mutants.sh texas` (docs/mutation.md).

#[test]
fn non_statutory_amounts_say_why_and_cite_the_reading() {
    // Below $1,000 (R-TX-7): the §154.129(b) table is not known.
    let mut low = given("2025-01-15", "900", 1);
    low.other_children = 1;
    let why = run(&low).multiple_household.unwrap().non_statutory.unwrap();
    assert!(
        why.contains("§154.129(b)") && why.contains("R-TX-7"),
        "{why}"
    );
    // Past the table's 7 children (R-TX-7).
    let mut past = given("2025-01-15", "4000", 1);
    past.other_children = 8;
    past.multiple_household_method = MultipleHouseholdMethod::Table;
    let why = run(&past)
        .multiple_household
        .unwrap()
        .non_statutory
        .unwrap();
    assert!(
        why.contains("7 children") && why.contains("R-TX-7"),
        "{why}"
    );
    // Rules without a §154.129 table for the date: the computation, and the reason.
    let rules = Rules::from_toml_str("[texas]\nmultiple_household_table = []").unwrap();
    let mut none = given("2025-01-15", "4000", 2);
    none.other_children = 1;
    none.multiple_household_method = MultipleHouseholdMethod::Table;
    let r = compute(&rules, &none).unwrap();
    // TX-06: 25% x (4000 - 30% x 4000 / 3) = 900.00 by §154.128.
    assert_eq!((r.method, r.amount), (Method::Formula154128, cents(90000)));
    let why = r.multiple_household.unwrap().non_statutory.unwrap();
    assert!(why.contains("no §154.129 table"), "{why}");
    // A statutory amount carries no reason.
    none.multiple_household_method = MultipleHouseholdMethod::Formula;
    let r = compute(Rules::embedded(), &none).unwrap();
    assert_eq!(r.multiple_household.unwrap().non_statutory, None);
}

/// A monthly income item.
fn monthly(amount: &str, kind: IncomeKind, taxable: bool) -> IncomeItem {
    IncomeItem {
        amount: dec(amount),
        frequency: Frequency::Monthly,
        kind,
        taxable,
    }
}

/// The label of the worksheet's first step with `key`.
fn label_of(r: &TexasResult, key: &str) -> String {
    r.worksheet
        .get(key)
        .map(|s| s.label.to_string())
        .unwrap_or_else(|| panic!("no step {key}"))
}

#[test]
fn the_worksheet_names_the_subsection_that_applied() {
    // Several steps share a key and differ in what they say (the golden file pins keys and
    // values only): each says which rule applied.
    // §154.062(d)(6): no Social Security taxes.
    let mut i = given("2026-03-01", "0", 1);
    i.obligor = wages("6000");
    i.obligor.pays_social_security = false;
    let r = run(&i);
    assert!(label_of(&r, "texas.social_security").contains("none"));
    assert!(label_of(&r, "texas.medicare").starts_with("Medicare taxes: rate"));
    assert!(label_of(&r, "texas.taxable_income")
        .starts_with("Taxable income: taxable resources - standard"));
    // Wages only: the plain Social Security line.
    i.obligor.pays_social_security = true;
    let r = run(&i);
    assert!(label_of(&r, "texas.social_security").starts_with("Social Security taxes: rate"));
    assert!(label_of(&r, "texas.income").starts_with("Wages"));
    // Self-employment (R-TX-4), also when the party pays no Social Security on wages.
    let mut se = given("2026-03-01", "0", 1);
    se.obligor = Resources::from_incomes(vec![monthly("5000", IncomeKind::SelfEmployment, true)]);
    se.obligor.pays_social_security = false;
    let r = run(&se);
    assert!(label_of(&r, "texas.social_security").contains("self-employment"));
    assert!(label_of(&r, "texas.medicare").contains("self-employment"));
    assert!(label_of(&r, "texas.taxable_income").contains("half the SE tax"));
    assert!(label_of(&r, "texas.income").starts_with("Self-employment"));
    // A resource outside the tax base (R-TX-5), and an other resource inside it.
    let mut other = given("2026-03-01", "0", 1);
    other.obligor = Resources::from_incomes(vec![
        monthly("1000", IncomeKind::Other, false),
        monthly("500", IncomeKind::Other, true),
    ]);
    let r = run(&other);
    let incomes: Vec<&str> = r
        .worksheet
        .steps()
        .iter()
        .filter(|s| s.key == "texas.income")
        .map(|s| s.label.as_ref())
        .collect();
    assert_eq!(incomes.len(), 2);
    assert!(incomes[0].contains("not federally taxable"), "{incomes:?}");
    assert!(incomes[1].starts_with("Other resource"), "{incomes:?}");
    // §154.182(b)(3) cash medical support and (b-1) the obligee's coverage.
    let mut med = given("2025-01-15", "2000", 1);
    med.medical = Some(MedicalInput {
        annual_resources: Some(dec("30000")),
        health: Some(medical::HealthSupport {
            kind: medical::HealthKind::CashMedicalSupport,
            monthly_cost: dec("100"),
        }),
        dental: None,
    });
    let r = run(&med);
    assert!(label_of(&r, "texas.medical.health").starts_with("Cash medical support"));
    assert!(r
        .worksheet
        .get("texas.medical.health")
        .unwrap()
        .citation
        .contains("§154.182(b)(3)"));
    med.medical.as_mut().unwrap().health.as_mut().unwrap().kind =
        medical::HealthKind::ObligeeCoverage;
    let r = run(&med);
    assert!(r
        .worksheet
        .get("texas.medical.health")
        .unwrap()
        .citation
        .contains("§154.182(b-1)"));
    // Six or more children: the floor, or the court's percentage; five: the schedule.
    let r = run(&given("2025-01-15", "5000", 6));
    assert!(label_of(&r, "texas.percentage").contains("a floor"));
    let mut court = given("2025-01-15", "5000", 6);
    court.court_percentage = Some(dec("0.45"));
    assert!(label_of(&run(&court), "texas.percentage").ends_with("the court's"));
    let r = run(&given("2025-01-15", "5000", 5));
    assert_eq!(
        label_of(&r, "texas.percentage"),
        "Percentage for the children before the court (percent)"
    );
    // The multiple-household method used.
    let mut mh = given("2025-01-15", "5000", 3);
    mh.other_children = 1;
    assert!(label_of(&run(&mh), "texas.mh.method").contains("§154.128 computation"));
    mh.multiple_household_method = MultipleHouseholdMethod::Table;
    assert!(label_of(&run(&mh), "texas.mh.method").contains("§154.129 table"));
}

#[test]
fn input_limits_hold_on_their_edges() {
    // Up to MAX_CHILDREN other children; one more is refused naming the field.
    let mut i = given("2025-01-15", "5000", 1);
    i.other_children = MAX_CHILDREN;
    // §154.128 with 51 children in all: 20% x (5000 - 40% x 5000 / 51 x 50)
    // = 1000 x (1 - 20/51) = 31000/51.
    assert_eq!(run(&i).amount_exact, Exact::ratio(31000, 51));
    i.other_children = MAX_CHILDREN + 1;
    assert_eq!(
        compute(Rules::embedded(), &i).unwrap_err().field(),
        Some("other_children")
    );
    // An income item of exactly 1,000,000,000,000 is accepted; a cent more is refused.
    let mut big = given("2026-03-01", "0", 1);
    big.obligor = Resources::from_incomes(vec![IncomeItem {
        frequency: Frequency::Annual,
        ..monthly("1000000000000", IncomeKind::Other, false)
    }]);
    let r = run(&big);
    assert_eq!(
        r.net_resources.annual_gross,
        Some(Exact::int(1_000_000_000_000))
    );
    big.obligor.incomes[0].amount = dec("1000000000000.01");
    assert_eq!(
        compute(Rules::embedded(), &big).unwrap_err().field(),
        Some("obligor.incomes[0].amount")
    );
}
