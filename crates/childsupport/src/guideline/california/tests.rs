//! Unit and property tests of the California guideline.

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
        low_income_adjustment: None,
    }
}

fn x(s: &str) -> Exact {
    s.parse().unwrap()
}

fn params(date: &str) -> CaliforniaParams<'static> {
    CaliforniaParams::resolve(Rules::embedded(), date.parse().unwrap()).unwrap()
}

fn run(i: &CaliforniaInput) -> CaliforniaResult {
    compute(Rules::embedded(), i).unwrap()
}

#[test]
fn statutory_k_examples() {
    // §4055(b)(3): H% 20%, TN $1,000 gives K "0.21" (new law) and 0.30 (former law);
    // the spec carries the new-law K to ten places: 0.2124827836. Exactly, the fraction is
    // 0.165 + 1000/82857 = (33 x 82857 + 200,000) / (200 x 82857).
    let new = params("2025-01-01");
    let (_, _, f) = new.fraction(&x("1000"));
    assert_eq!(f, Exact::ratio(2934281, 16571400));
    assert_eq!(
        k_value(&x("0.2"), &f).to_decimal_places(10).unwrap(),
        dec("0.2124827836")
    );
    assert_eq!(k_value(&x("0.8"), &f), k_value(&x("0.2"), &f));
    let old = params("2020-01-01");
    let (_, _, f) = old.fraction(&x("1000"));
    assert_eq!(k_value(&x("0.2"), &f), x("0.3"));
    assert_eq!(k_value(&x("0.8"), &f), x("0.3"));
}

#[test]
fn band_edges_follow_the_reading() {
    // california.md §1.2 table: TN 2,900 is band 1 (0.165 + 2900/82857 = 0.2000000603...),
    // 2,900.01 band 2; 15,001 is band 5 (0.1999946670...).
    let p = params("2025-01-01");
    let (band, _, f) = p.fraction(&x("2900"));
    assert_eq!(band, 1);
    assert_eq!(f, x("0.165") + x("2900") / x("82857"));
    assert_eq!(f.to_decimal_places(10).unwrap(), dec("0.2000000603"));
    let (band, _, f) = p.fraction(&x("2900.01"));
    assert_eq!(band, 2);
    assert!(f < x("0.2"));
    let (band, _, f) = p.fraction(&x("15001"));
    assert_eq!(
        (band, f.to_decimal_places(10).unwrap()),
        (5, dec("0.1999946670"))
    );
}

#[test]
fn a_half_cent_result_rounds_up() {
    // Issue 7's vector: incomes 8,547.50 each (TN 17,095, band 5) and parent A has the children
    // 75% of the time. Parent A is the high earner (R-CA-1) with H% = 0.75 > 0.5, so
    // K = (2 - 0.75) x fraction; CS = K x (8,547.50 - 0.75 x 17,095) is negative and parent B
    // pays. The exact amount is 2,032.125: 2,032.13 (a 28-digit decimal gave 2,032.12).
    let r = run(&input("2026-07-22", "8547.50", "8547.50", "0.75", 3));
    assert_eq!(r.amount_exact, x("2032.125"));
    assert_eq!(r.amount, Money::from_cents(203213));
    assert_eq!(r.payer, Some(Parent::B));
    let shares: Vec<i64> = r.per_child.iter().map(|c| c.amount.cents()).collect();
    assert_eq!(shares, vec![101606, 60964, 40643]);
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
    // Rank 1 is the youngest child; without birth dates no input index is given.
    assert_eq!(
        r.per_child.iter().map(|c| c.rank).collect::<Vec<_>>(),
        vec![1, 2]
    );
    assert!(r.per_child.iter().all(|c| c.input_index.is_none()));
    // §4071(b): 954.21 / 2 = 477.105, toward zero: 477.10 (spec README's own example).
    assert_eq!(r.hardship_cap_per_child, Money::from_cents(47710));
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
        // §4055(b)(7) presumes the adjustment: the amount is the lowest of the range.
        assert_eq!(r.unadjusted_amount, Money::from_cents(35131));
        assert_eq!(r.amount, Money::from_cents(lowest), "{date}");
        let l = r.low_income_adjustment.unwrap();
        assert_eq!(l.lowest_amount, Money::from_cents(lowest), "{date}");
        assert_eq!(l.highest_amount, Money::from_cents(35131));
        assert_eq!(l.applied, LowIncomeChoice::Presumptive);
        assert_eq!(r.per_child[0].amount, Money::from_cents(lowest));
        // §4071(b) follows the amount applied (one child: the whole amount).
        assert_eq!(r.hardship_cap_per_child, Money::from_cents(lowest));
    }
}

#[test]
fn the_court_may_choose_an_amount_in_the_range_or_none() {
    // N1 in 2025: range 221.10 to 351.31.
    let mut i = input("2025-06-01", "1800", "700", "0", 1);
    i.low_income_adjustment = Some(LowIncomeChoice::NotApplied);
    let r = run(&i);
    assert_eq!(r.amount, Money::from_cents(35131));
    assert_eq!(
        r.low_income_adjustment.unwrap().applied,
        LowIncomeChoice::NotApplied
    );
    i.low_income_adjustment = Some(LowIncomeChoice::Amount(dec("300.00")));
    let r = run(&i);
    assert_eq!(r.amount, Money::from_cents(30000));
    assert_eq!(r.amount_exact, x("300"));
    // The range's ends are in it: the lowest amount and the guideline amount themselves.
    for (edge, cents) in [("221.10", 22110), ("351.31", 35131)] {
        i.low_income_adjustment = Some(LowIncomeChoice::Amount(dec(edge)));
        assert_eq!(run(&i).amount, Money::from_cents(cents), "{edge}");
    }
    for bad in ["221.09", "351.32", "300.001"] {
        i.low_income_adjustment = Some(LowIncomeChoice::Amount(dec(bad)));
        let err = compute(Rules::embedded(), &i).unwrap_err();
        assert_eq!(err.field(), Some("low_income_adjustment.amount"), "{bad}");
    }
    // No adjustment applies to N2: a court amount would be ignored, so it is refused.
    let mut n2 = input("2025-03-01", "3000", "1000", "0.2", 2);
    n2.low_income_adjustment = Some(LowIncomeChoice::Amount(dec("900")));
    let err = compute(Rules::embedded(), &n2).unwrap_err();
    assert_eq!(err.field(), Some("low_income_adjustment.amount"));
}

#[test]
fn exact_incomes_below_zero_are_refused_naming_the_parent() {
    // From gross, an income can come out below zero; §4055 takes zero with the court's finding,
    // never a negative income (spec README: net disposable income below zero is an input error).
    let i = input("2025-06-01", "0", "0", "0.2", 1);
    let p = params("2025-06-01");
    for (a, b, field) in [
        (x("-1/3"), x("1000"), "parent_a_net_income"),
        (x("1000"), x("-0.01"), "parent_b_net_income"),
    ] {
        let err = compute_with_net_incomes(&p, &i, a, b, &mut NoTrace).unwrap_err();
        assert_eq!(err.field(), Some(field));
    }
    let ok = compute_with_net_incomes(&p, &i, x("3000"), x("1000"), &mut NoTrace).unwrap();
    assert_eq!(ok.total_net_income, x("4000"));
}

#[test]
fn the_worksheet_names_the_k_formula_and_the_equal_income_reading_that_applied() {
    // H% 0.75 > 50%: K = (2 - H%) x fraction (§4055(b)(3)); equal incomes: reading R-CA-1.
    let r = run(&input("2026-07-22", "8547.50", "8547.50", "0.75", 3));
    let label = |key: &str| r.worksheet.get(key).map(|s| s.label.to_string());
    assert_eq!(
        label("california.k").as_deref(),
        Some("K = (2 - H%) x fraction")
    );
    assert!(label("california.high_earner")
        .unwrap()
        .contains("equal incomes"));
    assert!(r
        .worksheet
        .get("california.high_earner")
        .unwrap()
        .citation
        .contains("R-CA-1"));
    // H% 0.20 <= 50% and different incomes: the other formula, no reading.
    let r = run(&input("2025-03-01", "3000", "1000", "0.2", 2));
    let label = |key: &str| r.worksheet.get(key).map(|s| s.label.to_string());
    assert_eq!(
        label("california.k").as_deref(),
        Some("K = (1 + H%) x fraction")
    );
    assert_eq!(
        label("california.high_earner").as_deref(),
        Some("High earner")
    );
}

#[test]
fn birth_dates_are_one_per_child_and_not_after_the_calculation_date() {
    let mut i = input("2025-03-01", "3000", "1000", "0.2", 2);
    i.birth_dates = vec!["2015-05-01".parse().unwrap()];
    let err = compute(Rules::embedded(), &i).unwrap_err();
    assert_eq!(err.field(), Some("birth_dates"));
    // A child born after the calculation date is an error naming it; born on it is allowed.
    i.birth_dates = vec!["2015-05-01".parse().unwrap(), "2025-03-02".parse().unwrap()];
    let err = compute(Rules::embedded(), &i).unwrap_err();
    assert_eq!(err.field(), Some("birth_dates[1]"));
    i.birth_dates = vec!["2015-05-01".parse().unwrap(), "2025-03-01".parse().unwrap()];
    let r = compute(Rules::embedded(), &i).unwrap();
    // The child born on the date is the youngest: rank 1 is input index 1 (596.38, N2).
    assert_eq!(r.per_child[0].input_index, Some(1));
    assert_eq!(r.per_child[0].amount, Money::from_cents(59638));
}

#[test]
fn lean_and_traced_give_the_same_numbers() {
    let i = input("2025-06-01", "1800", "700", "0", 1);
    let traced = run(&i);
    let lean = compute_lean(Rules::embedded(), &i).unwrap();
    assert!(lean.worksheet.is_empty());
    assert!(!traced.worksheet.is_empty());
    assert_eq!(
        CaliforniaResult {
            worksheet: Worksheet::new(),
            ..traced
        },
        lean
    );
}

#[test]
fn a_2027_date_computes_support_and_reports_the_missing_wage() {
    let r = run(&input("2027-02-01", "1800", "700", "0", 1));
    assert_eq!(r.amount, Money::from_cents(35131));
    assert!(r.low_income_adjustment.is_none());
    assert_eq!(r.missing_rules[0].rule, "california.minimum_wage");
    // The rules data holds the wage for 2024, 2025 and 2026, one calendar year each.
    assert_eq!(
        r.missing_rules[0].covered,
        "2024-01-01 to 2024-12-31, 2025-01-01 to 2025-12-31, 2026-01-01 to 2026-12-31"
    );
    assert!(r.missing_rules[0]
        .effect
        .contains("no state minimum wage is known for the date"));
}

#[test]
fn a_date_before_2024_reports_the_missing_judicial_council_threshold() {
    // Before 2024-09-01 former §4055(b)(7) used the Judicial Council's figure; the rules data
    // holds only the one from 2024-01-01 to 2024-08-31, so a 2020 date computes support and
    // reports that threshold (not the minimum wage) as missing.
    let r = run(&input("2020-02-01", "1800", "700", "0", 1));
    assert!(r.low_income_adjustment.is_none());
    assert_eq!(r.missing_rules.len(), 1);
    let m = &r.missing_rules[0];
    assert_eq!(m.rule, "california.judicial_council_threshold");
    assert_eq!(m.covered, "2024-01-01 to 2024-08-31");
    assert!(m.effect.contains("former §4055(b)(7)"), "{}", m.effect);
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
fn add_ons_with_spousal_support_either_way_a_requested_split_and_a_negative_income() {
    // N3 (6,000 / 2,000, 50% time, one child: parent A pays 750.00) with a $1,000 childcare cost.
    let mut i = input("2025-01-01", "6000", "2000", "0.5", 1);
    i.add_ons = vec![AddOn {
        kind: AddOnKind::Childcare,
        amount: dec("1000"),
    }];
    let split = |i: &CaliforniaInput| {
        let s = run(i).add_ons.unwrap();
        (s.items[0].parent_a.cents(), s.items[0].parent_b.cents(), s)
    };
    // Spousal support of 500 paid by A (§4061(c)): A 6,000 - 500 - 750 = 4,750, B 2,500;
    // A's part 1,000 x 4,750 / 7,250 = 655.1724... -> 655.17, B the rest, 344.83.
    i.spousal_support = Some(SpousalSupport {
        paid_by: Parent::A,
        amount: dec("500"),
    });
    let (a, b, s) = split(&i);
    assert_eq!((a, b), (65517, 34483));
    assert_eq!(s.parent_a_adjusted_income, x("4750"));
    assert_eq!(s.parent_b_adjusted_income, x("2500"));
    assert!(!s.negative_adjusted_income && s.is_default);
    // Paid by B: A 6,000 + 500 - 750 = 5,750, B 1,500; 1,000 x 5,750 / 7,250 = 793.1034... -> 793.10.
    i.spousal_support = Some(SpousalSupport {
        paid_by: Parent::B,
        amount: dec("500"),
    });
    let (a, b, s) = split(&i);
    assert_eq!((a, b), (79310, 20690));
    assert_eq!(s.parent_b_adjusted_income, x("1500"));
    // A split other than the default in force (proportional in 2025) is the court's: one-half.
    i.spousal_support = None;
    i.add_on_split = Some(AddOnSplit::Equal);
    let (a, b, s) = split(&i);
    assert_eq!((a, b, s.is_default), (50000, 50000, false));
    i.add_on_split = Some(AddOnSplit::Proportional);
    assert!(split(&i).2.is_default);
    // A pays spousal support of 6,000: A's adjusted income 6,000 - 6,000 - 750 = -750, taken as
    // zero for the proportion and flagged; B (8,000) bears the whole cost.
    i.add_on_split = None;
    i.spousal_support = Some(SpousalSupport {
        paid_by: Parent::A,
        amount: dec("6000"),
    });
    let (a, b, s) = split(&i);
    assert_eq!((a, b), (0, 100000));
    assert!(s.negative_adjusted_income);
    assert_eq!(s.parent_a_adjusted_income, x("-750"));
    // One-half each does not use the incomes: nothing to flag.
    i.add_on_split = Some(AddOnSplit::Equal);
    let (a, b, s) = split(&i);
    assert_eq!((a, b), (50000, 50000));
    assert!(!s.negative_adjusted_income);
}

#[test]
fn add_ons_when_the_low_earner_pays_under_a_low_income_adjustment() {
    // N8 (5,000 / 2,000, parent A 90% of the time, 2025): parent B pays; B's 2,000 is below
    // T = 2,860, so the presumptive amount is 357.50 x 2,000 / 2,860 = 250.00, and §4061(d)
    // deducts that amount as ordered: A 5,000, B 2,000 - 250 = 1,750. The payer's (B's) part of
    // a $1,000 cost is rounded: 1,000 x 1,750 / 6,750 = 259.259... -> 259.26; A pays 740.74.
    let mut i = input("2025-06-01", "5000", "2000", "0.9", 1);
    i.add_ons = vec![AddOn {
        kind: AddOnKind::Childcare,
        amount: dec("1000"),
    }];
    let r = run(&i);
    assert_eq!(r.payer, Some(Parent::B));
    assert_eq!(r.amount, Money::from_cents(25000));
    let s = r.add_ons.unwrap();
    assert_eq!(s.parent_b_adjusted_income, x("1750"));
    assert_eq!(
        (s.items[0].parent_a, s.items[0].parent_b),
        (Money::from_cents(74074), Money::from_cents(25926))
    );
    assert_eq!(s.parent_b_total, Money::from_cents(25926));
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
            low_income_adjustment: None,
        }
    }

    /// §4055 written out independently on big rationals (num-rational), from the statute's text
    /// (california.md §1.2, §2.1): the amount before any low-income adjustment, in cents, half
    /// away from zero, and the payer.
    fn reference(
        date: Date,
        a: Decimal,
        b: Decimal,
        share_of_a: Decimal,
        n: u32,
    ) -> (i64, Option<Parent>) {
        use num_bigint::BigInt;
        use num_rational::BigRational;
        use num_traits::{One, Signed, Zero};
        let q = |d: Decimal| {
            BigRational::new(BigInt::from(d.mantissa()), BigInt::from(10).pow(d.scale()))
        };
        let r = |s: &str| q(Decimal::from_str_exact(s).unwrap());
        let (a, b, share) = (q(a), q(b), q(share_of_a));
        let a_high = a >= b;
        let hn = if a_high { a.clone() } else { b.clone() };
        let tn = &a + &b;
        let h = if a_high {
            share
        } else {
            BigRational::one() - share
        };
        let f = if date >= Date::new(2024, 9, 1).unwrap() {
            if tn <= r("2900") {
                r("0.165") + &tn / r("82857")
            } else if tn <= r("5000") {
                r("0.131") + &tn / r("42149")
            } else if tn <= r("10000") {
                r("0.250")
            } else if tn <= r("15000") {
                r("0.10") + r("1499") / &tn
            } else {
                r("0.12") + r("1200") / &tn
            }
        } else if tn <= r("800") {
            r("0.20") + &tn / r("16000")
        } else if tn <= r("6666") {
            r("0.25")
        } else if tn <= r("10000") {
            r("0.10") + r("1000") / &tn
        } else {
            r("0.12") + r("800") / &tn
        };
        let k = if h <= r("0.5") {
            (BigRational::one() + &h) * &f
        } else {
            (r("2") - &h) * &f
        };
        let mult = [
            "1", "1.6", "2", "2.3", "2.5", "2.625", "2.75", "2.813", "2.844", "2.86",
        ][n as usize - 1];
        let cs = k * (&hn - &h * &tn) * r(mult);
        let payer = if cs.is_zero() {
            None
        } else if cs.is_positive() == a_high {
            Some(Parent::A)
        } else {
            Some(Parent::B)
        };
        let cents = (cs.abs() * r("100") + r("0.5")).floor().to_integer();
        (i64::try_from(cents).unwrap(), payer)
    }

    proptest! {
        #[test]
        fn the_engine_equals_an_independent_big_rational_evaluation(
            d in date(), a in cents(), b in cents(), f in share(), n in 1u32..=10
        ) {
            let r = compute_lean(Rules::embedded(), &make(d, a, b, Parent::A, f, n)).unwrap();
            let (cents, payer) = reference(d, a, b, f, n);
            prop_assert_eq!(r.unadjusted_amount.cents(), cents);
            prop_assert_eq!(r.payer, payer);
        }

        #[test]
        fn traced_and_lean_agree(
            d in date(), a in cents(), b in cents(), f in share(), n in 1u32..=10,
            choice in 0u8..3
        ) {
            let mut i = make(d, a, b, Parent::A, f, n);
            i.low_income_adjustment = match choice {
                0 => None,
                1 => Some(LowIncomeChoice::NotApplied),
                _ => Some(LowIncomeChoice::Presumptive),
            };
            let traced = compute(Rules::embedded(), &i).unwrap();
            let lean = compute_lean(Rules::embedded(), &i).unwrap();
            prop_assert!(lean.worksheet.is_empty());
            prop_assert_eq!(CaliforniaResult { worksheet: Worksheet::new(), ..traced }, lean);
        }

        #[test]
        fn extreme_inputs_give_a_result_or_an_error(
            y in 1990i32..2040, m in 1u32..=12, day in 1u32..=28,
            a in any::<i64>(), b in any::<i64>(), scale in 0u32..28,
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
                Ok(r) => {
                    // Never above the unadjusted amount, and the shares add up.
                    prop_assert!(r.amount <= r.unadjusted_amount);
                    prop_assert_eq!(r.per_child.iter().map(|c| c.amount).sum::<Money>(), r.amount);
                }
                Err(e) => match e.code() {
                    // Before 2004 no K table is known.
                    crate::ErrorCode::NoRule => prop_assert!(y < 2004, "{e}"),
                    _ => prop_assert!(e.field().is_some(), "{e}"),
                },
            }
        }

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
            d in date(), k in 1i64..50_000, h_bp in 5_000i64..=10_000, n in 1u32..=10,
            a_high in any::<bool>()
        ) {
            // H% = HN / TN exactly: TN = k x $100.00 and HN = TN x h_bp / 10,000 in whole cents.
            let tn_cents = k * 10_000;
            let hn = Decimal::new(k * h_bp, 2);
            let ln = Decimal::new(tn_cents - k * h_bp, 2);
            let h = Decimal::new(h_bp, 4);
            let (a, b) = if a_high { (hn, ln) } else { (ln, hn) };
            let parent = if a_high || hn == ln { Parent::A } else { Parent::B };
            let r = compute(Rules::embedded(), &make(d, a, b, parent, h, n)).unwrap();
            prop_assert!(r.amount.is_zero(), "amount {}", r.amount);
            prop_assert_eq!(r.payer, None);
        }

        #[test]
        fn per_child_shares_add_up_to_the_amount(
            d in date(), a in cents(), b in cents(), f in share(), n in 1u32..=10
        ) {
            let r = compute(Rules::embedded(), &make(d, a, b, Parent::A, f, n)).unwrap();
            prop_assert_eq!(r.per_child.len(), n as usize);
            prop_assert_eq!(r.per_child.iter().map(|c| c.amount).sum::<Money>(), r.amount);
            prop_assert_eq!(
                r.per_child.iter().map(|c| c.unadjusted_amount).sum::<Money>(),
                r.unadjusted_amount
            );
            if let Some(l) = &r.low_income_adjustment {
                prop_assert!(l.lowest_amount <= l.highest_amount);
                prop_assert_eq!(l.lowest_amount, r.amount);
            }
        }

        #[test]
        fn any_text_to_the_json_api_gives_json(s in ".{0,200}") {
            let out = crate::api::respond(Rules::embedded(), &s);
            prop_assert!(serde_json::from_str::<serde_json::Value>(&out).is_ok());
        }
    }
}
