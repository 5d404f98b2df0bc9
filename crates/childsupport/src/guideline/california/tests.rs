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
