//! Distribution: the spec's paths in detail, and properties over random cases.

use proptest::prelude::*;
use proptest::strategy::ValueTree;

use super::*;
use crate::rules::Rules;

#[path = "tests_more.rs"]
mod more;

fn d(s: &str) -> Date {
    s.parse().unwrap()
}

fn m(cents: i64) -> Money {
    Money::from_cents(cents)
}

fn prwora() -> Election {
    Election {
        effective_from: d("2000-01-01"),
        effective_through: None,
        former_assistance_order: FormerOrder::Prwora,
        tax_offset_pays_current: false,
        discontinue_pre_assistance_assignment: false,
        current_assistance_order: AssignedOrder::PaFirst,
        pass_through: None,
        withholding_date_is_collection_date: false,
        annual_fee: FeeCollection::NotRetained,
        recovery: None,
        medical_support_order: MedicalOrder::AfterChildSupport,
        former_assistance_pass_through: false,
        unclaimed_after: None,
        citation: String::new(),
    }
}

fn collection(id: &str, cents: i64, date: &str, source: Source) -> Event {
    Event::Collection(Collection {
        id: id.into(),
        amount: m(cents),
        source,
        receipt_date: d(date),
        withholding_date: None,
        distribution_date: None,
        hold: None,
        case: None,
    })
}

fn case(id: &str) -> CaseState {
    CaseState {
        id: id.into(),
        children: 1,
        assistance: vec![],
        ura: Money::ZERO,
        arrears: Arrears::default(),
        current_support: vec![],
        pass_through_paid: vec![],
        fee_years: vec![],
        overpayment_receivable: Money::ZERO,
        recovery_consent: false,
        agency: String::new(),
        medicaid: vec![],
        medical_support: vec![],
        medical_arrears: Money::ZERO,
        foster_care: vec![],
        foster_care_maintenance: vec![],
    }
}

fn on_assistance() -> Vec<AssistancePeriod> {
    vec![AssistancePeriod {
        start: d("2024-01-01"),
        end: None,
    }]
}

fn one(c: CaseState, policy: Election, fmap: Vec<Fmap>, event: Event) -> DistributionInput {
    DistributionInput {
        case: c,
        policy: vec![policy],
        fmap,
        holidays: vec![],
        events: vec![event],
        as_of: None,
    }
}

fn fmap60() -> Vec<Fmap> {
    vec![Fmap {
        ffy: 2025,
        rate: Decimal::new(60, 2),
    }]
}

/// E5 (PRWORA): the order of the paths, each with its payee (spec/federal.md §10 E5).
#[test]
fn e5_prwora_paths_follow_the_former_assistance_order() {
    let mut c = case("E5");
    c.assistance = vec![AssistancePeriod {
        start: d("2020-01-01"),
        end: Some(d("2023-12-31")),
    }];
    c.ura = m(150_000);
    c.arrears = Arrears {
        na: m(40_000),
        up: m(20_000),
        ua: m(10_000),
        ca: m(50_000),
        pa: m(100_000),
        ta: Money::ZERO,
    };
    c.current_support = vec![MonthSupport {
        month: d("2025-03-01"),
        due: m(30_000),
        paid: Money::ZERO,
    }];
    let input = one(
        c,
        prwora(),
        fmap60(),
        collection("c1", 200_000, "2025-03-10", Source::IncomeWithholding),
    );
    let r = distribute_events(Rules::embedded(), &input).unwrap();
    let got: Vec<(Applied, Payee, Money)> = r.events[0]
        .paths
        .iter()
        .map(|p| (p.applied, p.payee, p.amount))
        .collect();
    use Category::*;
    assert_eq!(
        got,
        vec![
            (Applied::Current, Payee::Family, m(30_000)),
            (Applied::Arrears(Na), Payee::Family, m(40_000)),
            (Applied::Arrears(Up), Payee::Family, m(20_000)),
            (Applied::Arrears(Ca), Payee::Family, m(50_000)),
            (Applied::Arrears(Pa), Payee::Federal, m(36_000)),
            (Applied::Arrears(Pa), Payee::State, m(24_000)),
        ]
    );
    // Former assistance: two business days after receipt (Monday 10 March 2025 -> Wednesday).
    assert_eq!(r.events[0].paths[0].disburse_by, Some(d("2025-03-12")));
}

/// The exit reclassification (Ariz. Admin. Code R6-7-715(A)): TA 300 + PA 900 against a URA of
/// 1,000: 200 above it, taken from TA first (to UP); TA left (100) becomes CA.
#[test]
fn exit_reclassification_unassigns_ta_first() {
    let mut a = Arrears {
        ta: m(30_000),
        pa: m(90_000),
        ..Arrears::default()
    };
    let notes = exit_reclassify(&mut a, m(100_000));
    assert_eq!(
        (a.ta, a.up, a.ca, a.pa, a.ua),
        (Money::ZERO, m(20_000), m(10_000), m(90_000), Money::ZERO)
    );
    assert_eq!(notes.len(), 2);
    // Above the URA by more than TA: the rest comes from PA (to UA).
    let mut b = Arrears {
        ta: m(10_000),
        pa: m(100_000),
        ..Arrears::default()
    };
    exit_reclassify(&mut b, m(50_000));
    assert_eq!(
        (b.up, b.ua, b.pa, b.ca),
        (m(10_000), m(50_000), m(50_000), Money::ZERO)
    );
}

#[test]
fn a_pass_through_above_the_federal_ceiling_is_refused() {
    let mut c = case("P");
    c.assistance = on_assistance();
    c.ura = m(100_000);
    let mut e = prwora();
    e.pass_through = Some(PassThrough {
        one_child: m(10_001),
        two_or_more_children: m(20_000),
    });
    let input = one(
        c,
        e,
        fmap60(),
        collection("c1", 10_000, "2025-03-10", Source::Voluntary),
    );
    let err = distribute_events(Rules::embedded(), &input).unwrap_err();
    assert_eq!(err.field(), Some("policy[0].pass_through.one_child"));
}

#[test]
fn a_retained_amount_without_an_fmap_names_the_field() {
    let mut c = case("F");
    c.assistance = on_assistance();
    c.ura = m(100_000);
    c.arrears.pa = m(50_000);
    let input = one(
        c,
        prwora(),
        vec![],
        collection("c1", 10_000, "2025-03-10", Source::Voluntary),
    );
    let err = distribute_events(Rules::embedded(), &input).unwrap_err();
    assert_eq!(err.field(), Some("fmap"));
}

#[test]
fn a_second_reversal_and_a_release_of_a_distributed_collection_are_refused() {
    let mut c = case("R");
    c.arrears.na = m(50_000);
    let events = vec![
        collection("c1", 10_000, "2025-03-10", Source::Voluntary),
        Event::Reversal {
            collection_id: "c1".into(),
            date: d("2025-03-11"),
            disbursed: true,
        },
        Event::Reversal {
            collection_id: "c1".into(),
            date: d("2025-03-12"),
            disbursed: true,
        },
    ];
    let mut input = DistributionInput {
        case: c,
        policy: vec![prwora()],
        fmap: vec![],
        holidays: vec![],
        events,
        as_of: None,
    };
    let err = distribute_events(Rules::embedded(), &input).unwrap_err();
    assert_eq!(err.field(), Some("events[2].collection_id"));
    input.events[2] = Event::Release {
        collection_id: "c1".into(),
        date: d("2025-03-12"),
    };
    input.events.truncate(1);
    input.events.push(Event::Release {
        collection_id: "c1".into(),
        date: d("2025-03-12"),
    });
    let err = distribute_events(Rules::embedded(), &input).unwrap_err();
    assert_eq!(err.field(), Some("events[1].collection_id"));
}

#[test]
fn citations_name_the_law_not_files_or_internal_words() {
    let mut c = case("C");
    c.assistance = on_assistance();
    c.ura = m(10_000);
    c.arrears.pa = m(50_000);
    c.arrears.na = m(50_000);
    let input = one(
        c,
        prwora(),
        fmap60(),
        collection("c1", 200_000, "2025-03-10", Source::FederalTaxOffset),
    );
    let r = distribute_events(Rules::embedded(), &input).unwrap();
    let readings = include_str!("../../../../docs/readings.md");
    for p in &r.events[0].paths {
        for bad in [".md", "http", "spec", "engine", "UNVERIFIED", "_"] {
            assert!(!p.citation.contains(bad), "{:?}", p.citation);
        }
        if let Some(i) = p.citation.find("R-DI-") {
            let id: String = p.citation[i..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
                .collect();
            assert!(readings.contains(&format!("## {id} ")), "{id}");
        }
    }
}

// ---- properties ----

fn status_periods(kind: u8) -> Vec<AssistancePeriod> {
    match kind {
        0 => vec![],
        1 => on_assistance(),
        _ => vec![AssistancePeriod {
            start: d("2020-01-01"),
            end: Some(d("2023-12-31")),
        }],
    }
}

prop_compose! {
    fn arb_input()(
        kind in 0u8..3,
        cats in proptest::collection::vec(0i64..200_000, 6),
        ura in 0i64..300_000,
        due in 0i64..100_000,
        children in 1u32..4,
        family_first in any::<bool>(),
        pays_current in any::<bool>(),
        discontinue in any::<bool>(),
        pass in proptest::option::of((0i64..=10_000, 0i64..=20_000)),
        fee in any::<bool>(),
        fmap in 50u32..=83,
        amounts in proptest::collection::vec((1i64..300_000, 0u8..4, 1u32..28), 1..5),
    ) -> DistributionInput {
        let mut c = case("P");
        c.children = children;
        c.assistance = status_periods(kind);
        c.ura = m(ura);
        if kind == 0 {
            c.arrears.na = m(cats[5]);
        } else {
            c.arrears = Arrears { pa: m(cats[0]), ta: m(cats[1]), ca: m(cats[2]), ua: m(cats[3]), up: m(cats[4]), na: m(cats[5]) };
        }
        c.current_support = vec![MonthSupport { month: d("2025-03-01"), due: m(due), paid: Money::ZERO }];
        let mut e = prwora();
        if family_first {
            e.effective_from = d("2008-10-01");
            e.former_assistance_order = FormerOrder::FamilyFirst;
            e.tax_offset_pays_current = pays_current;
        }
        e.discontinue_pre_assistance_assignment = discontinue;
        e.pass_through = pass.map(|(a, b)| PassThrough { one_child: m(a), two_or_more_children: m(b) });
        if fee {
            e.annual_fee = FeeCollection::RetainedFromFamily;
        }
        let events = amounts.iter().enumerate().map(|(i, (a, s, day))| {
            let source = [Source::IncomeWithholding, Source::Voluntary, Source::FederalTaxOffset, Source::StateTaxOffset][usize::from(*s)];
            collection(&format!("c{i}"), *a, &format!("2025-03-{day:02}"), source)
        }).collect();
        DistributionInput { case: c, policy: vec![e], fmap: vec![Fmap { ffy: 2025, rate: Decimal::new(i64::from(fmap), 2) }], holidays: vec![], events, as_of: None }
    }
}

prop_compose! {
    /// [`arb_input`] with medical support (assigned to Medicaid or not), IV-E foster care and the
    /// former-assistance pass-through drawn too.
    fn arb_wide()(
        input in arb_input(),
        medical in proptest::option::of((0i64..20_000, 0i64..50_000, any::<bool>(), any::<bool>())),
        foster in proptest::option::of(0i64..80_000),
        former_pass_through in any::<bool>(),
    ) -> DistributionInput {
        let mut input = input;
        if let Some((due, arrears, medicaid, first)) = medical {
            input.case.medical_support = vec![MonthSupport { month: d("2025-03-01"), due: m(due), paid: Money::ZERO }];
            input.case.medical_arrears = m(arrears);
            if medicaid {
                input.case.medicaid = on_assistance();
            }
            if first {
                input.policy[0].medical_support_order = MedicalOrder::BeforeChildSupport;
            }
        }
        if let Some(maintenance) = foster {
            input.case.foster_care = vec![AssistancePeriod { start: d("2025-02-01"), end: None }];
            input.case.foster_care_maintenance = vec![MonthAmount { month: d("2025-03-01"), amount: m(maintenance) }];
        }
        input.policy[0].former_assistance_pass_through = former_pass_through;
        input
    }
}

fn no_negative(c: &CaseState) {
    assert!(c.ura.cents() >= 0, "URA {}", c.ura);
    for (cat, v) in c.arrears.iter() {
        assert!(v.cents() >= 0, "{} {v}", cat.as_str());
    }
    for s in &c.current_support {
        assert!(s.paid.cents() >= 0 && s.paid <= s.due);
    }
    assert!(c.overpayment_receivable.cents() >= 0);
    assert!(c.medical_arrears.cents() >= 0);
    for s in &c.medical_support {
        assert!(s.paid.cents() >= 0 && s.paid <= s.due);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// Every collection is accounted for to the cent; nothing goes negative; what the State and
    /// the Federal Government keep never exceeds the URA they reimburse.
    #[test]
    fn every_cent_is_accounted_for(input in arb_wide()) {
        let r = distribute_events(Rules::embedded(), &input).unwrap();
        let mut ura = input.case.ura;
        let total_in: Money = input.events.iter().map(|e| match e { Event::Collection(c) => c.amount, _ => Money::ZERO }).sum();
        for (e, res) in input.events.iter().filter(|e| matches!(e, Event::Collection(_))).zip(&r.events) {
            let Event::Collection(_) = e else { unreachable!() };
            let c = input.events.iter().find_map(|e| match e { Event::Collection(c) if Some(&c.id) == res.collection_id.as_ref() => Some(c), _ => None }).unwrap();
            prop_assert_eq!(res.totals.sum(), c.amount);
            let paths: Money = res.paths.iter().map(|p| p.amount).sum();
            prop_assert_eq!(paths, c.amount);
            prop_assert!(res.paths.iter().all(|p| p.amount.cents() > 0));
            let kept = res.totals.state + res.totals.federal;
            prop_assert!(kept <= ura, "kept {} of URA {}", kept, ura);
            // 657(a)(6)(A): nothing kept from a former-assistance family when the State passes
            // its collections through; only a foster care case pays the IV-E agency; Medicaid
            // receives at most the medical support owed.
            if res.status == Some(Status::FormerAssistance) && input.policy[0].former_assistance_pass_through {
                prop_assert!(kept.is_zero());
            }
            if res.status != Some(Status::FosterCare) {
                prop_assert!(res.totals.iv_e_agency.is_zero());
            }
            let medical_owed: Money = input.case.medical_support.iter().map(|s| s.due).sum::<Money>() + input.case.medical_arrears;
            prop_assert!(res.totals.medicaid <= medical_owed);
            prop_assert!(res.totals.state.cents() >= 0 && res.totals.federal.cents() >= 0);
            ura = res.ura_after;
        }
        prop_assert_eq!(r.totals.sum(), total_in);
        no_negative(&r.case);
    }

    /// Reversing every collection (before any was paid out) restores the case exactly.
    #[test]
    fn reversal_restores_the_case(input in arb_wide()) {
        let before = distribute_events(Rules::embedded(), &DistributionInput { events: vec![], ..input.clone() }).unwrap().case;
        let mut with = input.clone();
        let ids: Vec<String> = input.events.iter().filter_map(|e| match e { Event::Collection(c) => Some(c.id.clone()), _ => None }).collect();
        for id in ids {
            with.events.push(Event::Reversal { collection_id: id, date: d("2025-03-28"), disbursed: false });
        }
        let r = distribute_events(Rules::embedded(), &with).unwrap();
        // The exit reclassification and discontinued assignments move balances between
        // categories whatever happens later; compare what the collections moved.
        let mut expected = before.clone();
        let mut got = r.case.clone();
        if expected.arrears != got.arrears {
            prop_assert_eq!(expected.arrears.assigned() + expected.arrears.unassigned(), got.arrears.assigned() + got.arrears.unassigned());
            expected.arrears = Arrears::default();
            got.arrears = Arrears::default();
        }
        prop_assert_eq!(got, expected);
        prop_assert!(r.totals.sum().is_zero());
    }

    /// Paid out and then reversed: the family's cash becomes the receivable.
    #[test]
    fn a_reversal_after_payment_makes_the_family_cash_a_receivable(input in arb_input()) {
        let Event::Collection(first) = &input.events[0] else { unreachable!() };
        let mut with = input.clone();
        with.events.truncate(1);
        with.events.push(Event::Reversal { collection_id: first.id.clone(), date: d("2025-03-28"), disbursed: true });
        let r = distribute_events(Rules::embedded(), &with).unwrap();
        prop_assert_eq!(r.case.overpayment_receivable, r.events[0].totals.family);
        prop_assert_eq!(r.events[1].overpayment_added, r.events[0].totals.family);
    }

    /// The order in which the events are listed does not change anything.
    #[test]
    fn listing_order_is_irrelevant(input in arb_wide(), seed in any::<u64>()) {
        let a = distribute_events(Rules::embedded(), &input).unwrap();
        let mut shuffled = input.clone();
        let n = shuffled.events.len();
        let mut s = seed;
        for i in (1..n).rev() {
            s = s.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            let j = (s >> 33) as usize % (i + 1);
            shuffled.events.swap(i, j);
        }
        let b = distribute_events(Rules::embedded(), &shuffled).unwrap();
        prop_assert_eq!(a, b);
    }
}

/// Throughput on a day's collections over a mix of case histories (never, current and former
/// assistance; PRWORA and family-first; regular collections and tax offsets), one collection per
/// case. In the test run it distributes each of 1,000 generated histories once and checks every
/// collection is fully accounted for; with `CS_THROUGHPUT=200000` (in a release build:
/// `CS_THROUGHPUT=200000 cargo test --release -p childsupport --lib distribution_throughput --
/// --nocapture`) it times that many distributions and prints the rate; the time is never
/// asserted (the benchmark of record is `benches/distribution.rs`, in docs/benchmarks.md).
#[test]
fn distribution_throughput() {
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let inputs: Vec<DistributionInput> = (0..1000)
        .map(|_| {
            let mut input = arb_input().new_tree(&mut runner).unwrap().current();
            input.events.truncate(1);
            input
        })
        .collect();
    let rules = Rules::embedded();
    let n: u32 = std::env::var("CS_THROUGHPUT")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1000);
    let start = std::time::Instant::now();
    let mut family = 0i64;
    for i in 0..n {
        let r = distribute_events(rules, &inputs[i as usize % inputs.len()]).unwrap();
        assert_eq!(r.events.len(), 1);
        family += r.totals.family.cents();
    }
    let secs = start.elapsed().as_secs_f64();
    println!(
        "{n} collections in {secs:.3} s: {:.0} a second (checksum {family})",
        f64::from(n) / secs
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// The lean distributor gives each collection the traced distribution's cents and leaves
    /// the case as the traced run does (collections taken in the engine's order: by date, then
    /// identifier).
    #[test]
    fn the_lean_distributor_gives_the_traced_cents(input in arb_wide()) {
        let rules = Rules::embedded();
        let traced = distribute_events(rules, &input).unwrap();
        let lean = Distributor::new(rules, &input.policy, &input.fmap, &input.holidays).unwrap();
        let mut collections: Vec<&Collection> = input
            .events
            .iter()
            .filter_map(|e| match e {
                Event::Collection(c) => Some(c),
                _ => None,
            })
            .collect();
        collections.sort_by(|a, b| (a.receipt_date, &a.id).cmp(&(b.receipt_date, &b.id)));
        prop_assert_eq!(collections.len(), traced.events.len());
        let mut case = input.case.clone();
        for (c, r) in collections.iter().zip(&traced.events) {
            prop_assert_eq!(Some(&c.id), r.collection_id.as_ref());
            let totals = lean.distribute(&mut case, c).unwrap();
            prop_assert_eq!(totals, r.totals);
            prop_assert_eq!(case.ura, r.ura_after);
        }
        prop_assert_eq!(case, traced.case);
    }
}

#[test]
fn the_lean_distributor_checks_what_a_request_checks() {
    let rules = Rules::embedded();
    let policy = vec![prwora()];
    let fmap = vec![Fmap {
        ffy: 2025,
        rate: Decimal::new(60, 2),
    }];
    let bad_fmap = vec![Fmap {
        ffy: 2025,
        rate: Decimal::new(101, 2),
    }];
    let err = Distributor::new(rules, &policy, &bad_fmap, &[]).unwrap_err();
    assert_eq!(err.field(), Some("fmap[0].rate"));
    let negative_fmap = vec![Fmap {
        ffy: 2025,
        rate: Decimal::new(-1, 2),
    }];
    let err = Distributor::new(rules, &policy, &negative_fmap, &[]).unwrap_err();
    assert_eq!(err.field(), Some("fmap[0].rate"));
    let lean = Distributor::new(rules, &policy, &fmap, &[]).unwrap();
    let mut c = case("N");
    c.ura = m(-1);
    let Event::Collection(collected) = collection("c1", 10_000, "2025-03-10", Source::Voluntary)
    else {
        unreachable!()
    };
    let err = lean.distribute(&mut c, &collected).unwrap_err();
    assert_eq!(err.field(), Some("case.ura"));
    let mut c = case("N");
    let mut negative = collected;
    negative.amount = m(-5);
    let err = lean.distribute(&mut c, &negative).unwrap_err();
    assert_eq!(err.field(), Some("collection.amount"));
}
