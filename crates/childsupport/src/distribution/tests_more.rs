//! A day over several cases (totals by agency, moves), medical support, IV-E foster care,
//! undistributable collections and the former-assistance pass-through. Expected figures are
//! derived in the comments, from the regulation's steps, not from running the code.

use super::*;

fn on(c: Event, case: &str) -> Event {
    match c {
        Event::Collection(mut c) => {
            c.case = Some(case.into());
            Event::Collection(c)
        }
        other => other,
    }
}

fn with_agency(id: &str, agency: &str, na: i64) -> CaseState {
    let mut c = case(id);
    c.agency = agency.into();
    c.arrears.na = m(na);
    c
}

fn day(cases: Vec<CaseState>, events: Vec<Event>) -> DayInput {
    DayInput {
        cases,
        policy: vec![prwora()],
        fmap: fmap60(),
        holidays: vec![],
        events,
        as_of: None,
    }
}

fn moved(id: &str, to: &str, date: &str, disbursed: bool) -> Event {
    Event::Move {
        collection_id: id.into(),
        to_case: to.into(),
        date: d(date),
        reason: "posted to the wrong case".into(),
        disbursed,
    }
}

/// Three never-assistance cases in two counties. A (Jackson, NA 500.00) receives 200.00 and B
/// (Jackson, NA 300.00) 100.00: all to the family on NA arrears. C (Greene) owes 200.00 current
/// support for March and receives 250.00: 200.00 to the family, 50.00 held as future support
/// (45 CFR 302.51(b)). Jackson: family 300.00; Greene: family 200.00, held 50.00; the day:
/// family 500.00, held 50.00.
#[test]
fn a_day_totals_by_payee_and_by_agency() {
    let mut c = case("C");
    c.agency = "Greene".into();
    c.current_support = vec![MonthSupport {
        month: d("2025-03-01"),
        due: m(20_000),
        paid: Money::ZERO,
    }];
    let input = day(
        vec![
            with_agency("A", "Jackson", 50_000),
            with_agency("B", "Jackson", 30_000),
            c,
        ],
        vec![
            on(
                collection("a1", 20_000, "2025-03-10", Source::Voluntary),
                "A",
            ),
            on(
                collection("b1", 10_000, "2025-03-10", Source::Voluntary),
                "B",
            ),
            on(
                collection("c1", 25_000, "2025-03-10", Source::Voluntary),
                "C",
            ),
        ],
    );
    let r = distribute_day(Rules::embedded(), &input).unwrap();
    assert_eq!((r.totals.family, r.totals.held), (m(50_000), m(5_000)));
    let got: Vec<(Option<&str>, Vec<&str>, Money, Money)> = r
        .agencies
        .iter()
        .map(|a| {
            (
                a.agency.as_deref(),
                a.cases.iter().map(String::as_str).collect(),
                a.totals.family,
                a.totals.held,
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            (Some("Greene"), vec!["C"], m(20_000), m(5_000)),
            (Some("Jackson"), vec!["A", "B"], m(30_000), Money::ZERO),
        ]
    );
    assert_eq!(r.cases[0].case.arrears.na, m(30_000));
    assert_eq!(r.cases[1].case.arrears.na, m(20_000));
    // C's March support is recorded as paid.
    assert_eq!(r.cases[2].case.current_support[0].paid, m(20_000));
    // Listed the other way round: the same totals, each case the same.
    let mut reversed = input.clone();
    reversed.cases.reverse();
    reversed.events.reverse();
    let b = distribute_day(Rules::embedded(), &reversed).unwrap();
    assert_eq!(b.totals, r.totals);
    assert_eq!(b.agencies, r.agencies);
    assert_eq!(b.cases[2], r.cases[0]);
}

/// 200.00 posted to A (NA 500.00) on March 10 belongs to B (NA 300.00); moved on March 12
/// before it was paid out: A's NA is 500.00 again and it owes nothing back; B's NA is 100.00.
/// A's events: +200.00, then -200.00 (move_out, to B); B's: +200.00 (move_in, from A), both
/// with the reason; the day's family total is 200.00.
#[test]
fn a_move_reverses_on_one_case_and_distributes_on_the_other() {
    let input = day(
        vec![
            with_agency("A", "Jackson", 50_000),
            with_agency("B", "Greene", 30_000),
        ],
        vec![
            on(
                collection("c1", 20_000, "2025-03-10", Source::Voluntary),
                "A",
            ),
            moved("c1", "B", "2025-03-12", false),
        ],
    );
    let r = distribute_day(Rules::embedded(), &input).unwrap();
    let (a, b) = (&r.cases[0], &r.cases[1]);
    assert_eq!(a.case.arrears.na, m(50_000));
    assert_eq!(a.case.overpayment_receivable, Money::ZERO);
    assert_eq!(b.case.arrears.na, m(10_000));
    assert_eq!(
        a.events.iter().map(|e| e.kind).collect::<Vec<_>>(),
        ["collection", "move_out"]
    );
    assert_eq!(a.events[1].totals.family, m(-20_000));
    assert_eq!(a.events[1].linked_case.as_deref(), Some("B"));
    assert_eq!(b.events[0].kind, "move_in");
    assert_eq!(b.events[0].linked_case.as_deref(), Some("A"));
    assert_eq!(
        b.events[0].reason.as_deref(),
        Some("posted to the wrong case")
    );
    // Its date of collection stays March 10; it is distributed on the day of the move.
    assert_eq!(b.events[0].date_of_collection, Some(d("2025-03-10")));
    assert_eq!(b.events[0].distribution_date, Some(d("2025-03-12")));
    assert_eq!(r.totals.family, m(20_000));
    assert_eq!((a.totals.family, b.totals.family), (Money::ZERO, m(20_000)));
    // Already paid out on A: the 200.00 is A's family's overpayment.
    let mut paid = input.clone();
    paid.events[1] = moved("c1", "B", "2025-03-12", true);
    let r = distribute_day(Rules::embedded(), &paid).unwrap();
    assert_eq!(r.cases[0].case.overpayment_receivable, m(20_000));
}

#[test]
fn a_move_needs_two_cases_a_reason_and_known_ids() {
    let base = || {
        day(
            vec![with_agency("A", "X", 50_000), with_agency("B", "X", 0)],
            vec![
                on(
                    collection("c1", 20_000, "2025-03-10", Source::Voluntary),
                    "A",
                ),
                moved("c1", "B", "2025-03-12", false),
            ],
        )
    };
    let field = |input: &DayInput| {
        distribute_day(Rules::embedded(), input)
            .unwrap_err()
            .field()
            .map(str::to_string)
    };
    let mut i = base();
    i.events[1] = moved("c1", "A", "2025-03-12", false);
    assert_eq!(field(&i).as_deref(), Some("events[1].to_case"));
    let mut i = base();
    i.events[1] = moved("c1", "Z", "2025-03-12", false);
    assert_eq!(field(&i).as_deref(), Some("events[1].to_case"));
    let mut i = base();
    if let Event::Move { reason, .. } = &mut i.events[1] {
        reason.clear();
    }
    assert_eq!(field(&i).as_deref(), Some("events[1].reason"));
    let mut i = base();
    i.events[1] = moved("c9", "B", "2025-03-12", false);
    assert_eq!(field(&i).as_deref(), Some("events[1].collection_id"));
    let mut i = base();
    i.events[0] = collection("c1", 20_000, "2025-03-10", Source::Voluntary);
    assert_eq!(field(&i).as_deref(), Some("events[0].case"));
    let mut i = base();
    i.cases[1].id = "A".into();
    assert_eq!(field(&i).as_deref(), Some("cases[1].id"));
    // A consent names its case too.
    let mut i = base();
    i.events.push(Event::Consent {
        date: d("2025-03-12"),
        given: true,
        case: Some("Z".into()),
    });
    assert_eq!(field(&i).as_deref(), Some("events[2].case"));
    // On one case, a move is refused with the kind to use.
    let single = one(
        with_agency("A", "X", 100),
        prwora(),
        vec![],
        moved("c1", "B", "2025-03-12", false),
    );
    let err = distribute_events(Rules::embedded(), &single).unwrap_err();
    assert_eq!(err.field(), Some("events[0].type"));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// Posting a collection to the wrong case and moving it leaves that case exactly as if it had
    /// never been posted there (plus, if it was paid out, the family's share as a receivable),
    /// and the right case exactly as if it had been posted there directly.
    #[test]
    fn a_move_restores_the_source_exactly(input in arb_wide(), amount in 1i64..300_000, source in 0u8..3, disbursed in any::<bool>()) {
        let mut target = input.case.clone();
        target.id = "Q".into();
        let source = [Source::IncomeWithholding, Source::Voluntary, Source::FederalTaxOffset][usize::from(source)];
        let stray = collection("stray", amount, "2025-03-28", source);
        let mut events: Vec<Event> = input.events.iter().cloned().map(|e| on(e, "P")).collect();
        let base = DayInput { cases: vec![input.case.clone(), target.clone()], policy: input.policy.clone(), fmap: input.fmap.clone(), holidays: vec![], events: events.clone(), as_of: None };
        let mut direct = base.clone();
        direct.events.push(on(stray.clone(), "Q"));
        events.push(on(stray, "P"));
        events.push(moved("stray", "Q", "2025-03-28", disbursed));
        let with_move = DayInput { events, ..base };
        let got = distribute_day(Rules::embedded(), &with_move).unwrap();
        let want = distribute_day(Rules::embedded(), &direct).unwrap();
        let mut source_after = got.cases[0].case.clone();
        let family_share = got.cases[0].events.iter().find(|e| e.kind == "collection" && e.collection_id.as_deref() == Some("stray")).unwrap().totals.family;
        if disbursed {
            prop_assert_eq!(source_after.overpayment_receivable, want.cases[0].case.overpayment_receivable + family_share);
            source_after.overpayment_receivable = want.cases[0].case.overpayment_receivable;
        }
        // The exit reclassification a stray collection triggers moves balances between
        // categories whatever happens later; the sum is restored.
        let mut want_source = want.cases[0].case.clone();
        if source_after.arrears != want_source.arrears {
            prop_assert_eq!(source_after.arrears.assigned() + source_after.arrears.unassigned(), want_source.arrears.assigned() + want_source.arrears.unassigned());
            source_after.arrears = Arrears::default();
            want_source.arrears = Arrears::default();
        }
        prop_assert_eq!(source_after, want_source);
        prop_assert_eq!(&got.cases[1].case, &want.cases[1].case);
        prop_assert_eq!(got.totals.sum(), want.totals.sum());
        prop_assert_eq!(got.cases[1].totals, want.cases[1].totals);
    }
}

fn medical_case() -> CaseState {
    let mut c = case("M");
    c.medicaid = vec![AssistancePeriod {
        start: d("2024-06-01"),
        end: None,
    }];
    c.current_support = vec![MonthSupport {
        month: d("2025-03-01"),
        due: m(30_000),
        paid: Money::ZERO,
    }];
    c.medical_support = vec![MonthSupport {
        month: d("2025-03-01"),
        due: m(5_000),
        paid: Money::ZERO,
    }];
    c.arrears.na = m(10_000);
    c.medical_arrears = m(8_000);
    c
}

/// A Medicaid family that never received cash assistance: current support 300.00, the order's
/// medical amount 50.00 for March, NA 100.00, assigned medical arrears 80.00. 500.00 collected:
/// current 300.00 to the family, medical 50.00 to Medicaid (45 CFR 302.51(c)(1)), NA 100.00 to
/// the family, then 50.00 of the medical arrears to Medicaid (302.51(c)(2)). Family 400.00,
/// Medicaid 100.00; medical arrears left 30.00.
#[test]
fn medical_support_assigned_to_medicaid_goes_to_medicaid() {
    let input = one(
        medical_case(),
        prwora(),
        vec![],
        collection("c1", 50_000, "2025-03-10", Source::Voluntary),
    );
    let r = distribute_events(Rules::embedded(), &input).unwrap();
    let paths: Vec<(Applied, Payee, Money)> = r.events[0]
        .paths
        .iter()
        .map(|p| (p.applied, p.payee, p.amount))
        .collect();
    assert_eq!(
        paths,
        vec![
            (Applied::Current, Payee::Family, m(30_000)),
            (Applied::MedicalCurrent, Payee::Medicaid, m(5_000)),
            (Applied::Arrears(Category::Na), Payee::Family, m(10_000)),
            (Applied::MedicalArrears, Payee::Medicaid, m(5_000)),
        ]
    );
    assert_eq!(r.totals.medicaid, m(10_000));
    assert_eq!(r.case.medical_arrears, m(3_000));
    assert_eq!(r.case.medical_support[0].paid, m(5_000));
    // Medical first (the State's order): 320.00 pays the medical 50.00, then 270.00 of current.
    let mut first = prwora();
    first.medical_support_order = MedicalOrder::BeforeChildSupport;
    let input = one(
        medical_case(),
        first,
        vec![],
        collection("c1", 32_000, "2025-03-10", Source::Voluntary),
    );
    let r = distribute_events(Rules::embedded(), &input).unwrap();
    assert_eq!((r.totals.medicaid, r.totals.family), (m(5_000), m(27_000)));
    // The month's support still comes before any arrears (45 CFR 302.51(a)(1)): the medical
    // arrears (80.00) and NA are untouched.
    assert_eq!(
        (r.case.arrears.na, r.case.medical_arrears),
        (m(10_000), m(8_000))
    );
    // Without Medicaid the month's medical amount is the family's support.
    let mut c = medical_case();
    c.medicaid.clear();
    c.medical_arrears = Money::ZERO;
    let input = one(
        c,
        prwora(),
        vec![],
        collection("c1", 35_000, "2025-03-10", Source::Voluntary),
    );
    let r = distribute_events(Rules::embedded(), &input).unwrap();
    assert_eq!(
        (r.totals.family, r.totals.medicaid),
        (m(35_000), Money::ZERO)
    );
}

fn foster_case(ura: i64) -> CaseState {
    let mut c = case("F");
    c.foster_care = vec![AssistancePeriod {
        start: d("2025-01-01"),
        end: None,
    }];
    c.foster_care_maintenance = vec![MonthAmount {
        month: d("2025-03-01"),
        amount: m(40_000),
    }];
    c.current_support = vec![MonthSupport {
        month: d("2025-03-01"),
        due: m(50_000),
        paid: Money::ZERO,
    }];
    c.arrears.pa = m(100_000);
    c.ura = m(ura);
    c
}

/// IV-E foster care (45 CFR 302.52(b)), maintenance 400.00 for March, current support 500.00,
/// past support 1,000.00, unreimbursed payments 3,000.00, FMAP 0.60; 1,200.00 collected on
/// Monday March 10, 2025. (1) 400.00 of the month's support retained (federal 240.00, State
/// 160.00); (2) the other 100.00 of the month's support to the IV-E agency; (3) 700.00 of past
/// support retained (federal 420.00, State 280.00). Federal 660.00 = 1,100.00 x 0.60, State
/// 440.00; unreimbursed 1,900.00; past support 300.00. The agency's 100.00 is due 15 business
/// days after March 31: April 21 (302.32(b)(2)(iii)).
#[test]
fn foster_care_follows_the_four_steps() {
    let input = one(
        foster_case(300_000),
        prwora(),
        fmap60(),
        collection("c1", 120_000, "2025-03-10", Source::IncomeWithholding),
    );
    let r = distribute_events(Rules::embedded(), &input).unwrap();
    let e = &r.events[0];
    assert_eq!(e.status, Some(Status::FosterCare));
    assert_eq!(
        (e.totals.federal, e.totals.state, e.totals.iv_e_agency),
        (m(66_000), m(44_000), m(10_000))
    );
    let agency = e
        .paths
        .iter()
        .find(|p| p.payee == Payee::IvEAgency)
        .unwrap();
    assert_eq!(agency.applied, Applied::Current);
    assert_eq!(agency.disburse_by, Some(d("2025-04-21")));
    assert_eq!((r.case.ura, r.case.arrears.pa), (m(190_000), m(30_000)));
    // Unreimbursed payments of 600.00 only: 400.00 of the month's support and 200.00 of the past
    // support retained (federal 360.00, State 240.00); the IV-E agency receives the month's
    // other 100.00 and the balance of 500.00 (302.52(b)(4)): 600.00.
    let input = one(
        foster_case(60_000),
        prwora(),
        fmap60(),
        collection("c1", 120_000, "2025-03-10", Source::IncomeWithholding),
    );
    let r = distribute_events(Rules::embedded(), &input).unwrap();
    assert_eq!(
        (r.totals.federal, r.totals.state, r.totals.iv_e_agency),
        (m(36_000), m(24_000), m(60_000))
    );
    assert_eq!(r.case.ura, Money::ZERO);
}

/// A payment whose payee cannot be found, received 2022-03-10 and held, under a State period of
/// 36 months (a hypothetical figure; the real one is the State's unclaimed-property law): on
/// 2025-03-10 it is undistributable, on 2025-03-09 not yet.
#[test]
fn a_held_collection_past_the_state_period_is_undistributable() {
    let mut e = prwora();
    e.unclaimed_after = Some(UnclaimedPeriod {
        months: 36,
        citation: "the State's unclaimed-property law (hypothetical period)".into(),
    });
    let Event::Collection(mut c) = collection("c1", 15_000, "2022-03-10", Source::Voluntary) else {
        unreachable!()
    };
    c.hold = Some(Hold {
        reason: HoldReason::UnidentifiedPayee,
        notified: None,
    });
    let mut input = one(case("U"), e, vec![], Event::Collection(c));
    input.as_of = Some(d("2025-03-10"));
    let r = distribute_events(Rules::embedded(), &input).unwrap();
    assert_eq!(r.undistributable.len(), 1);
    let u = &r.undistributable[0];
    assert_eq!(
        (u.amount, u.undistributable_from),
        (m(15_000), d("2025-03-10"))
    );
    assert!(u.citation.contains("45 CFR 304.50"));
    input.as_of = Some(d("2025-03-09"));
    let r = distribute_events(Rules::embedded(), &input).unwrap();
    assert!(r.undistributable.is_empty());
    assert_eq!(r.held.len(), 1);
}

/// A former-assistance family, current support 300.00, PA 1,000.00, unreimbursed assistance
/// 1,500.00; 800.00 collected. Without the election: current 300.00 to the family, PA 500.00
/// retained (federal 300.00, State 200.00). With the State paying former-assistance collections
/// to the family (42 U.S.C. 657(a)(6)(A)): the PA 500.00 goes to the family too, nothing is
/// retained, the URA stays 1,500.00 (library reading R-DI-9) and PA falls to 500.00.
#[test]
fn the_former_assistance_pass_through_pays_the_family() {
    let mut c = case("P");
    c.assistance = vec![AssistancePeriod {
        start: d("2020-01-01"),
        end: Some(d("2023-12-31")),
    }];
    c.ura = m(150_000);
    c.arrears.pa = m(100_000);
    c.current_support = vec![MonthSupport {
        month: d("2025-03-01"),
        due: m(30_000),
        paid: Money::ZERO,
    }];
    let run = |pass: bool| {
        let mut e = prwora();
        e.former_assistance_pass_through = pass;
        let input = one(
            c.clone(),
            e,
            fmap60(),
            collection("c1", 80_000, "2025-03-10", Source::IncomeWithholding),
        );
        distribute_events(Rules::embedded(), &input).unwrap()
    };
    let r = run(false);
    assert_eq!(
        (r.totals.family, r.totals.federal, r.totals.state),
        (m(30_000), m(30_000), m(20_000))
    );
    let r = run(true);
    assert_eq!(
        (r.totals.family, r.totals.federal, r.totals.state),
        (m(80_000), Money::ZERO, Money::ZERO)
    );
    assert_eq!((r.case.ura, r.case.arrears.pa), (m(150_000), m(50_000)));
    assert!(r.events[0]
        .paths
        .iter()
        .any(|p| p.citation.starts_with("42 U.S.C. 657(a)(6)(A)")));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(150))]

    /// Two cases in two counties, their events interleaved: listing the cases and the events in
    /// another order changes neither case's result nor the totals by payee and by agency.
    #[test]
    fn a_day_does_not_depend_on_listing_order(p in arb_wide(), q in arb_wide(), seed in any::<u64>()) {
        let mut qc = q.case.clone();
        qc.id = "Q".into();
        qc.agency = "Greene".into();
        let mut pc = p.case.clone();
        pc.agency = "Jackson".into();
        let mut events: Vec<Event> = p.events.iter().cloned().map(|e| on(e, "P")).collect();
        events.extend(q.events.iter().cloned().map(|e| match e {
            Event::Collection(mut c) => {
                c.id = format!("q{}", c.id);
                c.case = Some("Q".into());
                Event::Collection(c)
            }
            other => other,
        }));
        let input = DayInput { cases: vec![pc, qc], policy: p.policy.clone(), fmap: p.fmap.clone(), holidays: vec![], events, as_of: None };
        let a = distribute_day(Rules::embedded(), &input).unwrap();
        let mut shuffled = input.clone();
        shuffled.cases.reverse();
        let mut s = seed;
        for i in (1..shuffled.events.len()).rev() {
            s = s.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            shuffled.events.swap(i, (s >> 33) as usize % (i + 1));
        }
        let b = distribute_day(Rules::embedded(), &shuffled).unwrap();
        prop_assert_eq!(&a.cases[0], &b.cases[1]);
        prop_assert_eq!(&a.cases[1], &b.cases[0]);
        prop_assert_eq!(a.totals, b.totals);
        prop_assert_eq!(&a.agencies, &b.agencies);
        let by_agency = a.agencies.iter().fold(Totals::default(), |mut t, x| { t.add(&x.totals, 1); t });
        prop_assert_eq!(by_agency, a.totals);
    }
}

/// 45 CFR 302.50(e): without a specific dollar amount for medical purposes in the order, nothing
/// collected pays medical support, Medicaid or not. A family on assistance with Medicaid,
/// current support 300.00, URA 1,000.00: 300.00 collected is all retained current support
/// (federal 180.00, State 120.00), none of it to Medicaid.
#[test]
fn without_a_specific_medical_amount_nothing_goes_to_medicaid() {
    let mut c = case("N");
    c.assistance = on_assistance();
    c.medicaid = on_assistance();
    c.ura = m(100_000);
    c.current_support = vec![MonthSupport {
        month: d("2025-03-01"),
        due: m(30_000),
        paid: Money::ZERO,
    }];
    let input = one(
        c,
        prwora(),
        fmap60(),
        collection("c1", 30_000, "2025-03-10", Source::IncomeWithholding),
    );
    let r = distribute_events(Rules::embedded(), &input).unwrap();
    assert_eq!(
        (r.totals.medicaid, r.totals.federal, r.totals.state),
        (Money::ZERO, m(18_000), m(12_000))
    );
}

#[test]
fn assigned_and_unassigned_arrears_add_their_three_categories() {
    // PA 1 + TA 2 + CA 4 = 7 assigned; UA 8 + UP 16 + NA 32 = 56 unassigned (cents chosen as
    // powers of two so a sign or a missing term shows).
    let a = Arrears {
        pa: m(1),
        ta: m(2),
        ca: m(4),
        ua: m(8),
        up: m(16),
        na: m(32),
    };
    assert_eq!(a.assigned(), m(7));
    assert_eq!(a.unassigned(), m(56));
}

#[test]
fn totals_sum_every_payee() {
    // Nine payees, 1, 2, 4, ... 256 cents: 511 in all.
    let t = Totals {
        family: m(1),
        state: m(2),
        federal: m(4),
        fee: m(8),
        recovered: m(16),
        held: m(32),
        refund: m(64),
        medicaid: m(128),
        iv_e_agency: m(256),
    };
    assert_eq!(t.sum(), m(511));
}

#[test]
fn a_reversal_or_a_move_without_disbursed_means_the_family_was_paid() {
    // The safe reading: unless told otherwise, the family's share is taken as paid out, so a
    // reversal of it is an overpayment receivable.
    let reversal: Event = serde_json::from_str(
        r#"{"type": "reversal", "collection_id": "c1", "date": "2025-03-05"}"#,
    )
    .unwrap();
    assert!(matches!(
        reversal,
        Event::Reversal {
            disbursed: true,
            ..
        }
    ));
    let moved: Event = serde_json::from_str(
        r#"{"type": "move", "collection_id": "c1", "to_case": "B", "date": "2025-03-05",
            "reason": "posted to the wrong case"}"#,
    )
    .unwrap();
    assert!(matches!(
        moved,
        Event::Move {
            disbursed: true,
            ..
        }
    ));
}

#[test]
fn zero_medical_arrears_are_left_out_of_the_case_and_others_written() {
    let mut c = case("A");
    let json = serde_json::to_value(&c).unwrap();
    assert!(json.get("medical_arrears").is_none(), "{json}");
    c.medical_arrears = m(1_250);
    let json = serde_json::to_value(&c).unwrap();
    assert_eq!(json["medical_arrears"], "12.50");
}

#[test]
fn a_negative_opening_balance_names_its_category() {
    let mut c = case("A");
    c.arrears.pa = m(-1);
    let err = distribute_events(
        Rules::embedded(),
        &one(
            c,
            prwora(),
            fmap60(),
            collection("c1", 100, "2025-03-05", Source::Voluntary),
        ),
    )
    .unwrap_err();
    assert_eq!(err.field(), Some("case.arrears.PA"));
}

#[test]
fn a_case_without_an_agency_is_totalled_after_the_named_agencies() {
    // "" sorts before "Greene", but a case with no managing agency is listed last, unnamed.
    let input = day(
        vec![
            with_agency("A", "", 10_000),
            with_agency("B", "Greene", 10_000),
        ],
        vec![
            on(
                collection("a1", 1_000, "2025-03-10", Source::Voluntary),
                "A",
            ),
            on(
                collection("b1", 2_000, "2025-03-10", Source::Voluntary),
                "B",
            ),
        ],
    );
    let r = distribute_day(Rules::embedded(), &input).unwrap();
    let got: Vec<(Option<&str>, Money)> = r
        .agencies
        .iter()
        .map(|a| (a.agency.as_deref(), a.totals.family))
        .collect();
    assert_eq!(got, vec![(Some("Greene"), m(2_000)), (None, m(1_000))]);
}

#[test]
fn the_federal_fiscal_year_starts_in_october() {
    // FFY 2026 runs from 2025-10-01 to 2026-09-30.
    assert_eq!(super::engine::ffy(d("2025-09-30")), 2025);
    assert_eq!(super::engine::ffy(d("2025-10-01")), 2026);
    assert_eq!(super::engine::ffy(d("2026-09-30")), 2026);
}

#[test]
fn assistance_periods_must_be_in_order_and_not_overlap() {
    let run = |periods: Vec<AssistancePeriod>| {
        let mut c = case("A");
        c.arrears.na = m(10_000);
        c.assistance = periods;
        distribute_events(
            Rules::embedded(),
            &one(
                c,
                prwora(),
                fmap60(),
                collection("c1", 100, "2025-03-05", Source::Voluntary),
            ),
        )
    };
    let p = |start: &str, end: Option<&str>| AssistancePeriod {
        start: d(start),
        end: end.map(d),
    };
    // A one-day period (end on its start) is a period; so are two apart, the later open.
    run(vec![p("2024-01-01", Some("2024-01-01"))]).unwrap();
    run(vec![
        p("2023-01-01", Some("2023-06-30")),
        p("2024-01-01", None),
    ])
    .unwrap();
    // An end before its start.
    let err = run(vec![p("2024-01-02", Some("2024-01-01"))]).unwrap_err();
    assert_eq!(err.field(), Some("case.assistance[0].end"));
    // An open period overlapped by a later one: named with both, "now" for the open end.
    let err = run(vec![
        p("2024-01-01", None),
        p("2024-06-01", Some("2024-06-30")),
    ])
    .unwrap_err();
    assert_eq!(err.field(), Some("case.assistance[1]"));
    let text = err.to_string();
    assert!(text.contains("2024-06-01 to 2024-06-30"), "{text}");
    assert!(
        text.contains("case.assistance[0] (2024-01-01 to now)"),
        "{text}"
    );
}

/// Each check of a request, on both sides of its edge: the input it refuses names the field, and
/// the input just inside is accepted.
#[test]
fn bad_case_and_policy_fields_are_named_and_edges_accepted() {
    let month = |month: &str, due: i64, paid: i64| MonthSupport {
        month: d(month),
        due: m(due),
        paid: m(paid),
    };
    let run = |c: CaseState, policy: Vec<Election>, fmap: Vec<Fmap>, events: Vec<Event>| {
        distribute_events(
            Rules::embedded(),
            &DistributionInput {
                case: c,
                policy,
                fmap,
                holidays: vec![],
                events,
                as_of: None,
            },
        )
    };
    let event = || vec![collection("c1", 100, "2025-03-05", Source::Voluntary)];
    let with_case = |f: &dyn Fn(&mut CaseState)| {
        let mut c = case("A");
        c.arrears.na = m(10_000);
        f(&mut c);
        run(c, vec![prwora()], fmap60(), event())
    };
    let field =
        |r: Result<DistributionResult, crate::Error>| r.unwrap_err().field().map(str::to_string);

    // Current support by month: the first of a month, once each, paid at most what is due.
    with_case(&|c| c.current_support = vec![month("2025-03-01", 500, 500)]).unwrap();
    type Edit<'a> = &'a dyn Fn(&mut CaseState);
    let cases: [(Edit<'_>, &str); 5] = [
        (
            &|c| c.current_support = vec![month("2025-03-02", 500, 0)],
            "case.current_support[0].month",
        ),
        (
            &|c| c.current_support = vec![month("2025-02-01", 500, 0), month("2025-02-01", 500, 0)],
            "case.current_support[1].month",
        ),
        (
            &|c| c.current_support = vec![month("2025-03-01", 500, 501)],
            "case.current_support[0].paid",
        ),
        (
            &|c| {
                c.foster_care_maintenance = vec![MonthAmount {
                    month: d("2025-03-02"),
                    amount: m(1),
                }]
            },
            "case.foster_care_maintenance[0].month",
        ),
        (
            &|c| {
                c.foster_care_maintenance = vec![
                    MonthAmount {
                        month: d("2025-02-01"),
                        amount: m(1),
                    },
                    MonthAmount {
                        month: d("2025-02-01"),
                        amount: m(1),
                    },
                ]
            },
            "case.foster_care_maintenance[1].month",
        ),
    ];
    for (f, want) in cases {
        assert_eq!(field(with_case(f)).as_deref(), Some(want));
    }
    // Two months of maintenance, each the first of its month, are accepted.
    with_case(&|c| {
        c.foster_care_maintenance = vec![
            MonthAmount {
                month: d("2025-01-01"),
                amount: m(1),
            },
            MonthAmount {
                month: d("2025-02-01"),
                amount: m(1),
            },
        ]
    })
    .unwrap();

    let case_na = || {
        let mut c = case("A");
        c.arrears.na = m(10_000);
        c
    };
    let dated = |from: &str, through: Option<&str>| {
        let mut e = prwora();
        e.effective_from = d(from);
        e.effective_through = through.map(d);
        e
    };
    // Elections: a one-day entry, and two entries that meet without overlapping, are accepted;
    // an end before the start, or two entries sharing a day, are not.
    run(
        case_na(),
        vec![
            dated("2000-01-01", Some("2000-01-01")),
            dated("2000-01-02", None),
        ],
        fmap60(),
        event(),
    )
    .unwrap();
    run(
        case_na(),
        vec![
            dated("2000-01-02", None),
            dated("2000-01-01", Some("2000-01-01")),
        ],
        fmap60(),
        event(),
    )
    .unwrap();
    assert_eq!(
        field(run(
            case_na(),
            vec![dated("2000-01-02", Some("2000-01-01"))],
            fmap60(),
            event()
        ))
        .as_deref(),
        Some("policy[0].effective_through")
    );
    assert_eq!(
        field(run(
            case_na(),
            vec![
                dated("2000-01-01", Some("2020-01-01")),
                dated("2020-01-01", None)
            ],
            fmap60(),
            event()
        ))
        .as_deref(),
        Some("policy[1].effective_from")
    );
    // The unclaimed-property period: 1 to 1200 months.
    let unclaimed = |months: u32| {
        let mut e = prwora();
        e.unclaimed_after = Some(UnclaimedPeriod {
            months,
            citation: "the State's unclaimed property law".into(),
        });
        run(case_na(), vec![e], fmap60(), event())
    };
    unclaimed(1).unwrap();
    unclaimed(1200).unwrap();
    for months in [0, 1201] {
        assert_eq!(
            field(unclaimed(months)).as_deref(),
            Some("policy[0].unclaimed_after.months")
        );
    }
    // FMAP: one value a federal fiscal year.
    let fmap = |years: [i32; 2]| {
        years
            .iter()
            .map(|&ffy| Fmap {
                ffy,
                rate: Decimal::new(50, 2),
            })
            .collect::<Vec<_>>()
    };
    run(case_na(), vec![prwora()], fmap([2024, 2025]), event()).unwrap();
    assert_eq!(
        field(run(case_na(), vec![prwora()], fmap([2025, 2025]), event())).as_deref(),
        Some("fmap[1].ffy")
    );
    // A collection's dates: withheld on or before receipt, distributed on or after it.
    let dates = |withheld: &str, distributed: &str| {
        let Event::Collection(mut c) =
            collection("c1", 100, "2025-03-05", Source::IncomeWithholding)
        else {
            unreachable!()
        };
        c.withholding_date = Some(d(withheld));
        c.distribution_date = Some(d(distributed));
        run(
            case_na(),
            vec![prwora()],
            fmap60(),
            vec![Event::Collection(c)],
        )
    };
    dates("2025-03-05", "2025-03-05").unwrap();
    dates("2025-03-04", "2025-03-06").unwrap();
    assert_eq!(
        field(dates("2025-03-06", "2025-03-06")).as_deref(),
        Some("events[0].withholding_date")
    );
    assert_eq!(
        field(dates("2025-03-05", "2025-03-04")).as_deref(),
        Some("events[0].distribution_date")
    );
    // Two collections with one ID.
    let twice = vec![
        collection("c1", 100, "2025-03-05", Source::Voluntary),
        collection("c1", 200, "2025-03-06", Source::Voluntary),
    ];
    assert_eq!(
        field(run(case_na(), vec![prwora()], fmap60(), twice)).as_deref(),
        Some("events[1].id")
    );
}

#[test]
fn a_collection_outside_every_election_is_no_rule_naming_the_dates_covered() {
    let mut ended = prwora();
    ended.effective_through = Some(d("2024-12-31"));
    let run = |date: &str| {
        let mut c = case("A");
        c.arrears.na = m(10_000);
        distribute_events(
            Rules::embedded(),
            &one(
                c,
                ended.clone(),
                fmap60(),
                collection("c1", 100, date, Source::Voluntary),
            ),
        )
    };
    // The last day covered, then the next.
    run("2024-12-31").unwrap();
    let err = run("2025-01-01").unwrap_err();
    assert_eq!(err.code(), crate::ErrorCode::NoRule);
    let text = err.to_string();
    assert!(text.contains("2000-01-01 to 2024-12-31"), "{text}");
}

/// A never-assistance case (NA 500.00) receives a 200.00 federal tax refund offset on
/// 2025-03-10, held for a joint return notified on 2025-03-15: held until at most six months
/// from notification, 2025-09-15 (45 CFR 303.72(h)(5); the six months are rules data). Released
/// on 2025-03-20, the 200.00 goes to the family's NA arrears; the hold's 200.00 leaves the held
/// total, so over both events held is 0.00 and the family 200.00. Reversed instead of released,
/// nothing is held or paid.
#[test]
fn a_joint_return_hold_is_released_or_reversed_out_of_the_held_total() {
    let held = |source: Source, reason: HoldReason, notified: Option<&str>| {
        let Event::Collection(mut c) = collection("c1", 20_000, "2025-03-10", source) else {
            unreachable!()
        };
        c.hold = Some(Hold {
            reason,
            notified: notified.map(d),
        });
        Event::Collection(c)
    };
    let joint = || {
        held(
            Source::FederalTaxOffset,
            HoldReason::JointReturn,
            Some("2025-03-15"),
        )
    };
    let run = |events: Vec<Event>| {
        let mut c = case("A");
        c.arrears.na = m(50_000);
        let mut input = one(c, prwora(), fmap60(), events[0].clone());
        input.events = events;
        distribute_events(Rules::embedded(), &input)
    };

    let r = run(vec![joint()]).unwrap();
    let h = &r.held[0];
    assert_eq!((h.amount, h.release_by), (m(20_000), Some(d("2025-09-15"))));
    let path = &r.events[0].paths[0];
    assert_eq!((path.payee, path.amount), (Payee::Held, m(20_000)));
    assert_eq!(
        path.citation,
        "45 CFR 303.72(h)(5); 42 U.S.C. 664(a)(3)(B); library reading R-DI-4"
    );
    assert_eq!(r.totals.held, m(20_000));

    let release = |date: &str| Event::Release {
        collection_id: "c1".into(),
        date: d(date),
    };
    let r = run(vec![joint(), release("2025-03-20")]).unwrap();
    assert_eq!((r.totals.held, r.totals.family), (Money::ZERO, m(20_000)));
    assert_eq!(r.case.arrears.na, m(30_000));
    assert!(r.held.is_empty());

    let reversal = Event::Reversal {
        collection_id: "c1".into(),
        date: d("2025-03-20"),
        disbursed: false,
    };
    let r = run(vec![joint(), reversal]).unwrap();
    assert_eq!((r.totals.held, r.totals.family), (Money::ZERO, Money::ZERO));
    assert_eq!(r.case.arrears.na, m(50_000));

    // The payee not identified: its own authority, and no release date.
    let r = run(vec![held(
        Source::Voluntary,
        HoldReason::UnidentifiedPayee,
        None,
    )])
    .unwrap();
    assert_eq!(
        r.events[0].paths[0].citation,
        "42 U.S.C. 654b(c)(1); library reading R-DI-4"
    );
    assert_eq!(r.held[0].release_by, None);

    // Refused: a joint-return hold on anything but a federal offset, one without its
    // notification date, and a release dated before the collection was received (events are
    // taken in date order, so no collection of that ID is held yet).
    let field =
        |r: Result<DistributionResult, crate::Error>| r.unwrap_err().field().map(str::to_string);
    assert_eq!(
        field(run(vec![held(
            Source::Voluntary,
            HoldReason::JointReturn,
            Some("2025-03-15")
        )]))
        .as_deref(),
        Some("events[0].hold.reason")
    );
    assert_eq!(
        field(run(vec![held(
            Source::FederalTaxOffset,
            HoldReason::JointReturn,
            None
        )]))
        .as_deref(),
        Some("events[0].hold.notified")
    );
    run(vec![joint(), release("2025-03-10")]).unwrap();
    assert_eq!(
        field(run(vec![joint(), release("2025-03-09")])).as_deref(),
        Some("events[1].collection_id")
    );
}

#[test]
fn on_one_case_an_event_may_name_only_that_case() {
    let mut c = case("A");
    c.arrears.na = m(10_000);
    let named = |name: &str| {
        let Event::Collection(mut e) = collection("c1", 100, "2025-03-05", Source::Voluntary)
        else {
            unreachable!()
        };
        e.case = Some(name.into());
        one(c.clone(), prwora(), fmap60(), Event::Collection(e))
    };
    distribute_events(Rules::embedded(), &named("A")).unwrap();
    let err = distribute_events(Rules::embedded(), &named("B")).unwrap_err();
    assert_eq!(err.field(), Some("events[0].case"));
    let consent = one(
        c.clone(),
        prwora(),
        fmap60(),
        Event::Consent {
            date: d("2025-03-05"),
            given: true,
            case: Some("B".into()),
        },
    );
    let err = distribute_events(Rules::embedded(), &consent).unwrap_err();
    assert_eq!(err.field(), Some("events[0].case"));
}

/// 45 CFR 302.51(a)(4): the date of collection is the date of receipt, except that a State may
/// use the date of withholding for current support withheld in the month it was due and received
/// in another month. Each condition is turned off in turn (E14's facts: January's 400.00
/// withheld 2025-01-30, received 2025-02-02).
#[test]
fn the_date_of_withholding_is_the_date_of_collection_only_when_every_condition_holds() {
    use super::engine::date_of_collection;
    let month = |month: &str, due: i64, paid: i64| MonthSupport {
        month: d(month),
        due: m(due),
        paid: m(paid),
    };
    let doc = |source: Source, elected: bool, withheld: &str, months: Vec<MonthSupport>| {
        let Event::Collection(mut c) = collection("c1", 40_000, "2025-02-02", source) else {
            unreachable!()
        };
        c.withholding_date = Some(d(withheld));
        let mut e = prwora();
        e.withholding_date_is_collection_date = elected;
        let mut k = case("E14");
        k.current_support = months;
        date_of_collection(&k, &c, &e).to_string()
    };
    let due = || {
        vec![
            month("2025-01-01", 40_000, 0),
            month("2025-02-01", 40_000, 0),
        ]
    };
    let iw = Source::IncomeWithholding;
    assert_eq!(doc(iw, true, "2025-01-30", due()), "2025-01-30");
    // January partly paid is still due.
    assert_eq!(
        doc(
            iw,
            true,
            "2025-01-30",
            vec![month("2025-01-01", 40_000, 10_000)]
        ),
        "2025-01-30"
    );
    // Not elected; not withheld from income; withheld in the month received; the month
    // withheld has nothing due (paid in full, or not listed).
    assert_eq!(doc(iw, false, "2025-01-30", due()), "2025-02-02");
    assert_eq!(
        doc(Source::Voluntary, true, "2025-01-30", due()),
        "2025-02-02"
    );
    assert_eq!(doc(iw, true, "2025-02-01", due()), "2025-02-02");
    assert_eq!(
        doc(
            iw,
            true,
            "2025-01-30",
            vec![month("2025-01-01", 40_000, 40_000)]
        ),
        "2025-02-02"
    );
    assert_eq!(
        doc(iw, true, "2025-01-30", vec![month("2025-02-01", 40_000, 0)]),
        "2025-02-02"
    );
}

/// The exit reclassification runs when a collection finds a former-assistance case still holding
/// TA (library reading R-DI-3), and never during assistance. Former: URA 1,000.00, TA 300.00,
/// PA 900.00: 200.00 of TA above the URA to UP, the other 100.00 to CA; 50.00 collected pays UP
/// first under PRWORA (NA, UP, CA, PA, UA; NA is zero), leaving UP 150.00. Current: TA 300.00
/// stays TA, and 10.00 pays PA first.
#[test]
fn a_collection_after_assistance_reclassifies_ta_and_one_during_assistance_does_not() {
    let mut former = case("F");
    former.assistance = vec![AssistancePeriod {
        start: d("2020-01-01"),
        end: Some(d("2023-12-31")),
    }];
    former.ura = m(100_000);
    former.arrears.ta = m(30_000);
    former.arrears.pa = m(90_000);
    let input = one(
        former,
        prwora(),
        fmap60(),
        collection("c1", 5_000, "2025-03-10", Source::Voluntary),
    );
    let r = distribute_events(Rules::embedded(), &input).unwrap();
    let a = &r.case.arrears;
    assert_eq!(
        (a.ta, a.ca, a.up, a.pa),
        (Money::ZERO, m(10_000), m(15_000), m(90_000))
    );
    assert_eq!(r.events[0].notes.len(), 2, "{:?}", r.events[0].notes);

    let mut current = case("C");
    current.assistance = on_assistance();
    current.ura = m(100_000);
    current.arrears.ta = m(30_000);
    current.arrears.pa = m(50_000);
    let input = one(
        current,
        prwora(),
        fmap60(),
        collection("c1", 1_000, "2025-03-10", Source::Voluntary),
    );
    let r = distribute_events(Rules::embedded(), &input).unwrap();
    let a = &r.case.arrears;
    assert_eq!((a.ta, a.ca, a.pa), (m(30_000), Money::ZERO, m(49_000)));
    assert!(r.events[0].notes.is_empty(), "{:?}", r.events[0].notes);
}

/// 42 U.S.C. 657(b)(2): where the State discontinues pre-assistance assignments, TA and CA are
/// distributed as UP; only a category holding something is moved and noted.
#[test]
fn discontinued_pre_assistance_assignments_move_only_what_is_there() {
    let mut c = case("D");
    c.assistance = vec![AssistancePeriod {
        start: d("2020-01-01"),
        end: Some(d("2023-12-31")),
    }];
    c.arrears.ca = m(20_000);
    let mut e = prwora();
    e.discontinue_pre_assistance_assignment = true;
    let input = one(
        c,
        e,
        fmap60(),
        collection("c1", 1_000, "2025-03-10", Source::Voluntary),
    );
    let r = distribute_events(Rules::embedded(), &input).unwrap();
    let notes = &r.events[0].notes;
    assert_eq!(notes.len(), 1, "{notes:?}");
    assert!(
        notes[0].starts_with("CA 200.00 distributed as UP"),
        "{notes:?}"
    );
    // 200.00 of UP less the 10.00 collected, paid to the family.
    assert_eq!(
        (r.case.arrears.ca, r.case.arrears.up),
        (Money::ZERO, m(19_000))
    );
}

/// A federal tax offset pays arrears only (45 CFR 303.72(h)(3)), unless the State elects, with
/// family-first, that it pays current support first for a family not receiving assistance
/// (303.72(h)(3)(ii)). March's current support is 200.00 and 100.00 is offset.
#[test]
fn a_tax_offset_pays_current_support_only_where_elected_and_never_during_assistance() {
    let paid_current = |status: &str, elect: bool| {
        let mut c = case("T");
        match status {
            "never" => c.arrears.na = m(50_000),
            "former" => {
                c.assistance = vec![AssistancePeriod {
                    start: d("2020-01-01"),
                    end: Some(d("2023-12-31")),
                }];
                c.arrears.ua = m(50_000);
            }
            _ => {
                c.assistance = on_assistance();
                c.ura = m(100_000);
                c.arrears.pa = m(50_000);
            }
        }
        c.current_support = vec![MonthSupport {
            month: d("2025-03-01"),
            due: m(20_000),
            paid: Money::ZERO,
        }];
        let mut e = prwora();
        if elect {
            e.former_assistance_order = FormerOrder::FamilyFirst;
            e.tax_offset_pays_current = true;
        }
        let input = one(
            c,
            e,
            fmap60(),
            collection("c1", 10_000, "2025-03-10", Source::FederalTaxOffset),
        );
        let r = distribute_events(Rules::embedded(), &input).unwrap();
        r.events[0]
            .paths
            .iter()
            .filter(|p| p.applied == Applied::Current)
            .map(|p| p.amount)
            .sum::<Money>()
    };
    assert_eq!(paid_current("never", false), Money::ZERO);
    assert_eq!(paid_current("former", false), Money::ZERO);
    assert_eq!(paid_current("former", true), m(10_000));
    assert_eq!(paid_current("never", true), m(10_000));
    assert_eq!(paid_current("current", true), Money::ZERO);
}

/// Family-first for former-assistance families is an option from 2008-10-01 (42 U.S.C.
/// 654(34)); before it only such a family's collection is refused, not a PRWORA State's nor a
/// family on assistance.
#[test]
fn family_first_before_its_start_is_refused_only_for_a_former_assistance_family() {
    let run = |former: bool, family_first: bool| {
        let mut c = case("F");
        c.assistance = vec![AssistancePeriod {
            start: d("2005-01-01"),
            end: former.then(|| d("2007-12-31")),
        }];
        c.ura = m(100_000);
        c.arrears.pa = m(50_000);
        let mut e = prwora();
        if family_first {
            e.former_assistance_order = FormerOrder::FamilyFirst;
        }
        let fmap = vec![Fmap {
            ffy: 2008,
            rate: Decimal::new(50, 2),
        }];
        let input = one(
            c,
            e,
            fmap,
            collection("c1", 1_000, "2008-09-30", Source::Voluntary),
        );
        distribute_events(Rules::embedded(), &input)
    };
    run(true, false).unwrap();
    run(false, true).unwrap();
    let err = run(true, true).unwrap_err();
    assert_eq!(err.code(), crate::ErrorCode::NoRule);
}

/// Spec E16 on both sides of each edge: passport denial for arrears exceeding $2,500 (42 U.S.C.
/// 652(k)(1), assigned and non-assistance together); federal tax refund offset at $150 or more
/// of assigned arrears and $500 or more of non-assistance arrears, never combined (42 U.S.C.
/// 664(b)(2)(A); 45 CFR 303.72(a)(2), (a)(3)(ii)).
#[test]
fn enforcement_thresholds_on_each_side_of_their_edges() {
    let test = |assigned: i64, non_assistance: i64| {
        let r = enforcement_thresholds(
            Rules::embedded(),
            &ThresholdInput {
                date: d("2025-03-10"),
                assigned_arrears: m(assigned),
                non_assistance_arrears: m(non_assistance),
            },
        )
        .unwrap();
        (
            r.passport,
            r.tax_offset_assigned,
            r.tax_offset_non_assistance,
        )
    };
    assert_eq!(test(0, 250_000), (false, false, true));
    assert_eq!(test(0, 250_001), (true, false, true));
    assert_eq!(test(125_000, 125_001), (true, true, true));
    assert_eq!(test(14_999, 0), (false, false, false));
    assert_eq!(test(15_000, 0), (false, true, false));
    assert_eq!(test(0, 49_999), (false, false, false));
    // 400.00 assigned and 400.00 non-assistance: offset for the assigned only.
    assert_eq!(test(40_000, 40_000), (false, true, false));
}

/// As `foster_care_follows_the_four_steps`, with 150.00 of March's 500.00 already paid and a
/// February (maintenance 100.00, support paid in full) on the case: March's maintenance not yet
/// reimbursed is 400.00 - 150.00 = 250.00. Of 1,200.00: (1) 250.00 retained; (2) the other
/// 100.00 of March's support left (350.00 - 250.00) to the IV-E agency; (3) 850.00 of past
/// support retained. Retained 1,100.00: federal 660.00, State 440.00.
#[test]
fn foster_care_counts_only_the_months_own_maintenance_and_support_paid() {
    let mut c = foster_case(300_000);
    c.foster_care_maintenance.insert(
        0,
        MonthAmount {
            month: d("2025-02-01"),
            amount: m(10_000),
        },
    );
    c.current_support = vec![
        MonthSupport {
            month: d("2025-02-01"),
            due: m(50_000),
            paid: m(50_000),
        },
        MonthSupport {
            month: d("2025-03-01"),
            due: m(50_000),
            paid: m(15_000),
        },
    ];
    let input = one(
        c,
        prwora(),
        fmap60(),
        collection("c1", 120_000, "2025-03-10", Source::IncomeWithholding),
    );
    let r = distribute_events(Rules::embedded(), &input).unwrap();
    assert_eq!(
        (r.totals.federal, r.totals.state, r.totals.iv_e_agency),
        (m(66_000), m(44_000), m(10_000))
    );
}

/// The pass-through (42 U.S.C. 657(a)(7)(B)): what the State elects, at most the federal
/// ceiling for the number of children ($100 for one child, $200 for two or more), less what was
/// already passed through in the same month. A family on assistance, current support 300.00
/// for March, 300.00 collected on March 10.
#[test]
fn the_pass_through_is_what_is_left_of_the_months_election() {
    let family = |children: u32, one_child: i64, two: i64, paid: Vec<(&str, i64)>| {
        let mut c = case("P");
        c.children = children;
        c.assistance = on_assistance();
        c.ura = m(500_000);
        c.current_support = vec![MonthSupport {
            month: d("2025-03-01"),
            due: m(30_000),
            paid: Money::ZERO,
        }];
        let paid_before: Money = paid
            .iter()
            .filter(|p| p.0 == "2025-03-01")
            .map(|p| m(p.1))
            .sum();
        c.pass_through_paid = paid
            .into_iter()
            .map(|(month, cents)| MonthAmount {
                month: d(month),
                amount: m(cents),
            })
            .collect();
        let mut e = prwora();
        e.pass_through = Some(PassThrough {
            one_child: m(one_child),
            two_or_more_children: m(two),
        });
        let input = one(
            c,
            e,
            fmap60(),
            collection("c1", 30_000, "2025-03-10", Source::Voluntary),
        );
        distribute_events(Rules::embedded(), &input).map(|r| {
            let march = r
                .case
                .pass_through_paid
                .iter()
                .find(|p| p.month == d("2025-03-01"))
                .map(|p| p.amount);
            assert_eq!(
                march,
                Some(r.totals.family + paid_before),
                "March's pass-through recorded"
            );
            r.totals.family
        })
    };
    // One child, the full $100 elected; February's pass-through does not count against March.
    assert_eq!(
        family(1, 10_000, 20_000, vec![("2025-02-01", 10_000)]).unwrap(),
        m(10_000)
    );
    // 60.00 already passed through in March: 40.00 left.
    assert_eq!(
        family(
            1,
            10_000,
            20_000,
            vec![("2025-02-01", 10_000), ("2025-03-01", 6_000)]
        )
        .unwrap(),
        m(4_000)
    );
    // Two children, 150.00 elected (below the $200 ceiling).
    assert_eq!(family(2, 5_000, 15_000, vec![]).unwrap(), m(15_000));
    // Above the ceiling: refused naming the election.
    let err = family(2, 5_000, 20_001, vec![]).unwrap_err();
    assert_eq!(
        err.field(),
        Some("policy[0].pass_through.two_or_more_children")
    );
}

/// The annual fee of a never-assistance family (42 U.S.C. 654(6)(B)(ii); 45 CFR 302.33(e), from
/// 2020-06-09: $35 once $550 has been collected for the family in the federal fiscal year),
/// retained from the family's share where the State so elects. FFY 2025 (March 2025): 500.00
/// already collected, so of 100.00 the first 50.00 reaches 550.00 and the fee is taken from the
/// other 50.00: 35.00, the family 65.00. With 20.00 of the fee already paid: 15.00. An entry
/// for FFY 2024 does not count.
#[test]
fn the_annual_fee_is_taken_once_the_years_collections_pass_the_threshold() {
    let fee = |collected: i64, fee_paid: i64| {
        let mut c = case("N");
        c.arrears.na = m(100_000);
        c.fee_years = vec![
            FeeYear {
                ffy: 2024,
                collected: m(90_000),
                fee: m(3_500),
            },
            FeeYear {
                ffy: 2025,
                collected: m(collected),
                fee: m(fee_paid),
            },
        ];
        let mut e = prwora();
        e.annual_fee = FeeCollection::RetainedFromFamily;
        let input = one(
            c,
            e,
            fmap60(),
            collection("c1", 10_000, "2025-03-10", Source::Voluntary),
        );
        let r = distribute_events(Rules::embedded(), &input).unwrap();
        let y = r.case.fee_years.iter().find(|y| y.ffy == 2025).unwrap();
        (r.totals.fee, r.totals.family, y.collected, y.fee)
    };
    assert_eq!(fee(50_000, 0), (m(3_500), m(6_500), m(60_000), m(3_500)));
    assert_eq!(
        fee(50_000, 2_000),
        (m(1_500), m(8_500), m(60_000), m(3_500))
    );
    // The fee comes out of the family's payments last paid first: with March's 50.00 of
    // current support due, 100.00 pays current support 50.00 and NA 50.00; the 35.00 fee is
    // taken from the NA part only (15.00 left of it).
    let mut c = case("N");
    c.arrears.na = m(100_000);
    c.fee_years = vec![FeeYear {
        ffy: 2025,
        collected: m(50_000),
        fee: Money::ZERO,
    }];
    c.current_support = vec![MonthSupport {
        month: d("2025-03-01"),
        due: m(5_000),
        paid: Money::ZERO,
    }];
    let mut e = prwora();
    e.annual_fee = FeeCollection::RetainedFromFamily;
    let input = one(
        c,
        e,
        fmap60(),
        collection("c1", 10_000, "2025-03-10", Source::Voluntary),
    );
    let r = distribute_events(Rules::embedded(), &input).unwrap();
    let family: Vec<(Applied, Money)> = r.events[0]
        .paths
        .iter()
        .filter(|p| p.payee == Payee::Family)
        .map(|p| (p.applied, p.amount))
        .collect();
    assert_eq!(
        family,
        vec![
            (Applied::Current, m(5_000)),
            (Applied::Arrears(Category::Na), m(1_500))
        ]
    );
    // Below the threshold after the collection: no fee yet.
    assert_eq!(
        fee(40_000, 0),
        (Money::ZERO, m(10_000), m(50_000), Money::ZERO)
    );
}

/// A never-assistance case (NA 500.00, `current_due` cents of March's support) owing
/// `receivable` cents of overpayment, recovery consent `consent`, under rates of 10% of current
/// support and 50% of arrears (caller data), with 400.00 collected on 2025-03-10.
fn recovery_input(receivable: i64, current_due: i64, consent: bool) -> DistributionInput {
    let mut c = case("R");
    c.arrears.na = m(50_000);
    c.overpayment_receivable = m(receivable);
    c.recovery_consent = consent;
    c.current_support = vec![MonthSupport {
        month: d("2025-03-01"),
        due: m(current_due),
        paid: Money::ZERO,
    }];
    let mut e = prwora();
    e.recovery = Some(Recovery {
        current: Decimal::new(10, 2),
        arrears: Decimal::new(50, 2),
    });
    one(
        c,
        e,
        fmap60(),
        collection("c1", 40_000, "2025-03-10", Source::Voluntary),
    )
}

/// Recovery of an overpayment from the family's share, with the custodial parent's consent, at
/// the State's rates (caller data; reading R-DI-5): receivable 100.00, rates 10% of current
/// support and 50% of arrears. 400.00 collected: current 200.00 and NA arrears 200.00 to the
/// family; recovered 20.00 (10% of 200.00) and then 80.00 (50% of 200.00 is 100.00, but only
/// 80.00 is left owed): the family 300.00, the receivable 0.00. Without consent nothing is
/// recovered.
#[test]
fn an_overpayment_is_recovered_at_the_states_rates_only_with_consent() {
    let run = |consent: bool| {
        distribute_events(Rules::embedded(), &recovery_input(10_000, 20_000, consent)).unwrap()
    };
    let r = run(true);
    assert_eq!(
        (
            r.totals.recovered,
            r.totals.family,
            r.case.overpayment_receivable
        ),
        (m(10_000), m(30_000), Money::ZERO)
    );
    let recovered: Vec<(Applied, Money)> = r.events[0]
        .paths
        .iter()
        .filter(|p| p.payee == Payee::Recovery)
        .map(|p| (p.applied, p.amount))
        .collect();
    assert_eq!(
        recovered,
        vec![
            (Applied::Current, m(2_000)),
            (Applied::Arrears(Category::Na), m(8_000))
        ]
    );
    let r = run(false);
    assert_eq!(
        (
            r.totals.recovered,
            r.totals.family,
            r.case.overpayment_receivable
        ),
        (Money::ZERO, m(40_000), m(10_000))
    );
    // The collection reversed: what it recovered is owed again (100.00); if the family's 300.00
    // had been paid out, that is owed too: 400.00 (reading R-DI-5).
    let reversed = |disbursed: bool| {
        let mut input = recovery_input(10_000, 20_000, true);
        input.events.push(Event::Reversal {
            collection_id: "c1".into(),
            date: d("2025-03-12"),
            disbursed,
        });
        distribute_events(Rules::embedded(), &input)
            .unwrap()
            .case
            .overpayment_receivable
    };
    assert_eq!(reversed(false), m(10_000));
    assert_eq!(reversed(true), m(40_000));
}

/// What is retained and what goes to the family above the URA cite the paragraph for the
/// family's status (42 U.S.C. 657(a)(1) during assistance, (a)(2) after it). URA 100.00, PA
/// 500.00, 300.00 collected: 100.00 retained, 200.00 to the family.
#[test]
fn retained_and_above_the_ura_cite_the_familys_status() {
    let paths = |former: bool| {
        let mut c = case("S");
        c.assistance = vec![AssistancePeriod {
            start: d("2020-01-01"),
            end: former.then(|| d("2023-12-31")),
        }];
        c.ura = m(10_000);
        c.arrears.pa = m(50_000);
        let input = one(
            c,
            prwora(),
            fmap60(),
            collection("c1", 30_000, "2025-03-10", Source::Voluntary),
        );
        let r = distribute_events(Rules::embedded(), &input).unwrap();
        r.events[0]
            .paths
            .iter()
            .filter(|p| matches!(p.payee, Payee::State | Payee::Family))
            .map(|p| (p.payee, p.amount, p.citation))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        paths(false),
        vec![
            (
                Payee::State,
                m(4_000),
                "42 U.S.C. 657(a)(1)(A)-(B), (a)(3); 45 CFR 302.51(a)(1)"
            ),
            (Payee::Family, m(20_000), "42 U.S.C. 657(a)(1)(C), (a)(3)"),
        ]
    );
    assert_eq!(
        paths(true),
        vec![
            (Payee::State, m(4_000), "42 U.S.C. 657(a)(2)(B)(ii), (a)(3)"),
            (
                Payee::Family,
                m(20_000),
                "42 U.S.C. 657(a)(2)(B)(iii), (a)(3)"
            ),
        ]
    );
}

/// The month's pass-through is shared by current support and assigned arrears in the order
/// paid: current support 30.00 passes 30.00 through, and 70.00 of the PA paid is passed
/// through too; the family receives the election, 100.00.
#[test]
fn the_pass_through_spans_current_support_and_assigned_arrears() {
    let mut c = case("P");
    c.assistance = on_assistance();
    c.ura = m(500_000);
    c.arrears.pa = m(50_000);
    c.current_support = vec![MonthSupport {
        month: d("2025-03-01"),
        due: m(3_000),
        paid: Money::ZERO,
    }];
    let mut e = prwora();
    e.pass_through = Some(PassThrough {
        one_child: m(10_000),
        two_or_more_children: m(20_000),
    });
    let input = one(
        c,
        e,
        fmap60(),
        collection("c1", 30_000, "2025-03-10", Source::Voluntary),
    );
    let r = distribute_events(Rules::embedded(), &input).unwrap();
    assert_eq!(r.totals.family, m(10_000));
}

/// Recovery takes each rate from its own part of the family's share: 1,000.00 receivable,
/// current support 100.00 and NA arrears 300.00 paid to the family from 400.00; 10% of 100.00
/// is 10.00 and 50% of 300.00 is 150.00: 160.00 recovered, the family 240.00, 840.00 still owed.
#[test]
fn recovery_applies_each_rate_to_its_own_part() {
    let r = distribute_events(Rules::embedded(), &recovery_input(100_000, 10_000, true)).unwrap();
    assert_eq!(
        (
            r.totals.recovered,
            r.totals.family,
            r.case.overpayment_receivable
        ),
        (m(16_000), m(24_000), m(84_000))
    );
    // Each recovery follows the family payment it came from.
    let order: Vec<(Payee, Applied, Money)> = r.events[0]
        .paths
        .iter()
        .map(|p| (p.payee, p.applied, p.amount))
        .collect();
    let na = Applied::Arrears(Category::Na);
    assert_eq!(
        order,
        vec![
            (Payee::Family, Applied::Current, m(9_000)),
            (Payee::Recovery, Applied::Current, m(1_000)),
            (Payee::Family, na, m(15_000)),
            (Payee::Recovery, na, m(15_000)),
        ]
    );
}

/// Deadlines to pay the family (42 U.S.C. 654b(c)(1); 45 CFR 302.32(b)): two business days
/// from receipt, but during assistance two business days from the end of the month of receipt
/// except for a pass-through. A family on assistance (URA 50.00, current support 300.00, $100
/// pass-through) with 300.00 received Monday 2025-03-10: 100.00 passed through by Wednesday
/// March 12; 50.00 retained; 150.00 above the URA by Wednesday April 2 (March 31 is a Monday).
#[test]
fn family_deadlines_follow_the_familys_status() {
    let mut c = case("P");
    c.assistance = on_assistance();
    c.ura = m(5_000);
    c.current_support = vec![MonthSupport {
        month: d("2025-03-01"),
        due: m(30_000),
        paid: Money::ZERO,
    }];
    let mut e = prwora();
    e.pass_through = Some(PassThrough {
        one_child: m(10_000),
        two_or_more_children: m(20_000),
    });
    let input = one(
        c,
        e,
        fmap60(),
        collection("c1", 30_000, "2025-03-10", Source::Voluntary),
    );
    let r = distribute_events(Rules::embedded(), &input).unwrap();
    let family: Vec<(Money, Option<Date>)> = r.events[0]
        .paths
        .iter()
        .filter(|p| p.payee == Payee::Family)
        .map(|p| (p.amount, p.disburse_by))
        .collect();
    assert_eq!(
        family,
        vec![
            (m(10_000), Some(d("2025-03-12"))),
            (m(15_000), Some(d("2025-04-02")))
        ]
    );
}

/// A held collection moved to the case it belongs on stays held there: the first case's held
/// total goes back to zero, the second's is the amount, and the day holds it once.
#[test]
fn a_held_collection_moved_stays_held_once() {
    let Event::Collection(mut c1) = collection("c1", 20_000, "2025-03-10", Source::Voluntary)
    else {
        unreachable!()
    };
    c1.hold = Some(Hold {
        reason: HoldReason::ArrearsAppeal,
        notified: None,
    });
    c1.case = Some("A".into());
    let input = day(
        vec![with_agency("A", "X", 50_000), with_agency("B", "X", 50_000)],
        vec![Event::Collection(c1), moved("c1", "B", "2025-03-12", false)],
    );
    let r = distribute_day(Rules::embedded(), &input).unwrap();
    assert_eq!(
        (
            r.cases[0].totals.held,
            r.cases[1].totals.held,
            r.totals.held
        ),
        (Money::ZERO, m(20_000), m(20_000))
    );
    assert!(r.cases[0].held.is_empty());
    assert_eq!(r.cases[1].held.len(), 1);
}
