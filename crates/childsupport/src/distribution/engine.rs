//! The distribution of collections on one case, event by event.

use std::collections::HashMap;

use rust_decimal::Decimal;

use super::*;
use crate::error::Error;
use crate::exact::Exact;
use crate::money::{require_fraction, split_exact};
use crate::rules::{in_force, Rules};

const CURRENT_NEVER: &str = "42 U.S.C. 657(a)(4); 45 CFR 302.51(a)(1)";
const CURRENT_FORMER: &str = "42 U.S.C. 657(a)(2)(A); 45 CFR 302.51(a)(1)";
const RETAINED_CURRENT: &str = "42 U.S.C. 657(a)(1)(A)-(B), (a)(3); 45 CFR 302.51(a)(1)";
const RETAINED_FORMER: &str = "42 U.S.C. 657(a)(2)(B)(ii), (a)(3)";
const RETAINED_TAX_OFFSET: &str = "42 U.S.C. 657(a)(3); 45 CFR 302.51(a)(3), 303.72(h)(1)";
const SHARE: &str = "42 U.S.C. 657(c)(2)-(4); library reading R-DI-2";
const PASS_THROUGH: &str = "42 U.S.C. 657(a)(6)(B); library reading R-DI-3";
const ABOVE_URA_CURRENT: &str = "42 U.S.C. 657(a)(1)(C), (a)(3)";
const ABOVE_URA_FORMER: &str = "42 U.S.C. 657(a)(2)(B)(iii), (a)(3)";
const FAMILY_NEVER: &str = "42 U.S.C. 657(a)(4)";
const FAMILY_CURRENT: &str = "42 U.S.C. 657(a)(1)(C); 45 CFR 302.51(a)(1)";
const FAMILY_PRWORA: &str =
    "former 42 U.S.C. 657(a)(2)(B) (PRWORA order, State election under 654(34)); library reading R-DI-1";
const FAMILY_FIRST: &str = "42 U.S.C. 657(a)(2)(B)(i), 654(34) (family first)";
const FAMILY_TAX_OFFSET: &str = "45 CFR 302.51(a)(3), 303.72(h)(1); 42 U.S.C. 657(a)";
const FUTURES: &str = "45 CFR 302.51(b)";
const EXCESS: &str = "45 CFR 303.72(h)(4)";
const FEE: &str = "42 U.S.C. 654(6)(B)(ii); 45 CFR 302.33(e), 302.51(a)(5)(i)";
const RECOVERY: &str =
    "OCSE PIQ-02-01 (recovery only with the custodial parent's written consent); library reading R-DI-5";

/// How a tier's amount is paid.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Rule {
    Family(&'static str),
    Assigned,
}

/// What one distributed collection changed on the case, to reverse it exactly.
#[derive(Debug, Clone, Default)]
struct Delta {
    arrears: Arrears,
    current: Option<(Date, Money)>,
    retained: Money,
    pass_through: Option<(Date, Money)>,
    fee_year: Option<(i32, Money, Money)>,
    recovered: Money,
    family_cash: Money,
}

enum Record {
    Held(Collection, Date),
    Distributed(Box<(Delta, Totals)>),
    Reversed,
}

/// The federal fiscal year of `date` (October to September).
pub(crate) fn ffy(date: Date) -> i32 {
    if date.month() >= 10 {
        date.year() + 1
    } else {
        date.year()
    }
}

/// Reclassifies a family's arrears when assistance has ended (the exit event): assigned arrears
/// (TA, PA) above the URA are unassigned, first from TA (to UP), then from PA (to UA); the TA left
/// becomes CA (Ariz. Admin. Code R6-7-715(A); library reading R-DI-3). Returns what moved, in
/// words.
pub fn exit_reclassify(arrears: &mut Arrears, ura: Money) -> Vec<String> {
    let mut notes = Vec::new();
    let excess = (arrears.ta + arrears.pa - ura).max(Money::ZERO);
    let from_ta = excess.min(arrears.ta);
    let from_pa = excess - from_ta;
    if !from_ta.is_zero() {
        arrears.ta = arrears.ta - from_ta;
        arrears.up = arrears.up + from_ta;
        notes.push(format!("TA {from_ta} above the URA unassigned to UP at the end of assistance (Ariz. Admin. Code R6-7-715(A); library reading R-DI-3)"));
    }
    if !from_pa.is_zero() {
        arrears.pa = arrears.pa - from_pa;
        arrears.ua = arrears.ua + from_pa;
        notes.push(format!("PA {from_pa} above the URA unassigned to UA at the end of assistance (Ariz. Admin. Code R6-7-715(A); library reading R-DI-3)"));
    }
    if !arrears.ta.is_zero() {
        notes.push(format!(
            "TA {} became CA at the end of assistance (WAC 388-14A-2039; library reading R-DI-3)",
            arrears.ta
        ));
        arrears.ca = arrears.ca + arrears.ta;
        arrears.ta = Money::ZERO;
    }
    notes
}

fn status_on(case: &CaseState, date: Date) -> Status {
    if case
        .assistance
        .iter()
        .any(|p| p.start <= date && p.end.is_none_or(|e| date <= e))
    {
        Status::CurrentAssistance
    } else if case.assistance.iter().any(|p| p.start <= date) {
        Status::FormerAssistance
    } else {
        Status::NeverAssistance
    }
}

/// [`require_money`] with the field's name built only for an error (validation runs per case).
fn nonneg(m: Money, field: impl FnOnce() -> String) -> Result<(), Error> {
    if m.cents() >= 0 && m.as_decimal() <= crate::money::MAX_AMOUNT {
        return Ok(());
    }
    require_money(&field(), m)
}

/// [`require_fraction`] with the field's name built only for an error.
fn fraction(value: Decimal, field: impl FnOnce() -> String) -> Result<(), Error> {
    if value >= Decimal::ZERO && value <= Decimal::ONE {
        return Ok(());
    }
    require_fraction(&field(), value).map(|_| ())
}

/// An amount of zero or more, at most the library's largest input (so no sum can overflow).
pub(crate) fn require_money(field: &str, m: Money) -> Result<(), Error> {
    crate::money::require_amount(field, m.as_decimal()).map(|_| ())
}

fn validate(input: &DistributionInput) -> Result<(), Error> {
    let case = &input.case;
    require_money("case.ura", case.ura)?;
    require_money("case.overpayment_receivable", case.overpayment_receivable)?;
    for (c, m) in case.arrears.iter() {
        nonneg(m, || format!("case.arrears.{}", c.as_str()))?;
    }
    for (i, p) in case.assistance.iter().enumerate() {
        if p.end.is_some_and(|e| e < p.start) {
            return Err(Error::invalid(
                format!("case.assistance[{i}].end"),
                p.end.map(|e| e.to_string()).unwrap_or_default(),
                format!("a date on or after the period's start {}", p.start),
            ));
        }
        for (j, q) in case.assistance[..i].iter().enumerate() {
            let overlap = q.end.is_none_or(|e| p.start <= e) && p.end.is_none_or(|e| q.start <= e);
            if overlap {
                return Err(Error::invalid(
                    format!("case.assistance[{i}]"),
                    format!(
                        "{} to {}",
                        p.start,
                        p.end.map(|e| e.to_string()).unwrap_or("now".into())
                    ),
                    format!(
                        "a period that does not overlap case.assistance[{j}] ({} to {})",
                        q.start,
                        q.end.map(|e| e.to_string()).unwrap_or("now".into())
                    ),
                ));
            }
        }
    }
    for (i, m) in case.current_support.iter().enumerate() {
        let at = format!("case.current_support[{i}]");
        if m.month.day() != 1 {
            return Err(Error::invalid(
                format!("{at}.month"),
                m.month,
                "the first day of a month",
            ));
        }
        if case.current_support[..i].iter().any(|o| o.month == m.month) {
            return Err(Error::invalid(
                format!("{at}.month"),
                m.month,
                "a month not listed before",
            ));
        }
        nonneg(m.due, || format!("{at}.due"))?;
        nonneg(m.paid, || format!("{at}.paid"))?;
        if m.paid > m.due {
            return Err(Error::invalid(
                format!("{at}.paid"),
                m.paid,
                format!("at most the amount due, {}", m.due),
            ));
        }
    }
    for (i, m) in case.pass_through_paid.iter().enumerate() {
        nonneg(m.amount, || format!("case.pass_through_paid[{i}].amount"))?;
    }
    for (i, y) in case.fee_years.iter().enumerate() {
        nonneg(y.collected, || format!("case.fee_years[{i}].collected"))?;
        nonneg(y.fee, || format!("case.fee_years[{i}].fee"))?;
    }
    if input.policy.is_empty() {
        return Err(Error::invalid(
            "policy",
            "[]",
            "the State's elections, at least one dated entry",
        ));
    }
    for (i, e) in input.policy.iter().enumerate() {
        let at = format!("policy[{i}]");
        if e.effective_through.is_some_and(|t| t < e.effective_from) {
            return Err(Error::invalid(
                format!("{at}.effective_through"),
                e.effective_through
                    .map(|t| t.to_string())
                    .unwrap_or_default(),
                "a date on or after effective_from",
            ));
        }
        for (j, o) in input.policy[..i].iter().enumerate() {
            let overlap = o.effective_through.is_none_or(|t| e.effective_from <= t)
                && e.effective_through.is_none_or(|t| o.effective_from <= t);
            if overlap {
                return Err(Error::invalid(
                    format!("{at}.effective_from"),
                    e.effective_from,
                    format!("dates that do not overlap policy[{j}]"),
                ));
            }
        }
        if e.tax_offset_pays_current && e.former_assistance_order != FormerOrder::FamilyFirst {
            return Err(Error::invalid(
                format!("{at}.tax_offset_pays_current"),
                "true",
                "false unless former_assistance_order is family_first (45 CFR 303.72(h)(3)(ii))",
            ));
        }
        if let Some(p) = e.pass_through {
            nonneg(p.one_child, || format!("{at}.pass_through.one_child"))?;
            nonneg(p.two_or_more_children, || {
                format!("{at}.pass_through.two_or_more_children")
            })?;
        }
        if let Some(r) = e.recovery {
            fraction(r.current, || format!("{at}.recovery.current"))?;
            fraction(r.arrears, || format!("{at}.recovery.arrears"))?;
        }
    }
    for (i, f) in input.fmap.iter().enumerate() {
        fraction(f.rate, || format!("fmap[{i}].rate"))?;
        if input.fmap[..i].iter().any(|o| o.ffy == f.ffy) {
            return Err(Error::invalid(
                format!("fmap[{i}].ffy"),
                f.ffy,
                "a federal fiscal year not listed before",
            ));
        }
    }
    let mut ids = std::collections::HashSet::new();
    for (i, ev) in input.events.iter().enumerate() {
        if let Event::Collection(c) = ev {
            nonneg(c.amount, || format!("events[{i}].amount"))?;
            if !ids.insert(c.id.as_str()) {
                return Err(Error::invalid(
                    format!("events[{i}].id"),
                    &c.id,
                    "an identifier not used by another collection on the case",
                ));
            }
            if c.withholding_date.is_some_and(|w| w > c.receipt_date) {
                return Err(Error::invalid(
                    format!("events[{i}].withholding_date"),
                    c.withholding_date
                        .map(|w| w.to_string())
                        .unwrap_or_default(),
                    "a date on or before receipt_date",
                ));
            }
            if c.distribution_date.is_some_and(|d| d < c.receipt_date) {
                return Err(Error::invalid(
                    format!("events[{i}].distribution_date"),
                    c.distribution_date
                        .map(|w| w.to_string())
                        .unwrap_or_default(),
                    "a date on or after receipt_date",
                ));
            }
        }
    }
    Ok(())
}

/// Drops empty accumulators and sorts them, so a case compares equal however it was listed.
fn normalise(case: &mut CaseState) {
    case.pass_through_paid.retain(|m| !m.amount.is_zero());
    case.pass_through_paid.sort_by_key(|m| m.month);
    case.fee_years
        .retain(|y| !(y.collected.is_zero() && y.fee.is_zero()));
    case.fee_years.sort_by_key(|y| y.ffy);
    case.current_support.sort_by_key(|m| m.month);
}

struct Ctx<'a> {
    rules: &'a Rules,
    input: &'a DistributionInput,
}

impl Ctx<'_> {
    fn election(&self, date: Date) -> Result<(usize, &Election), Error> {
        self.input
            .policy
            .iter()
            .enumerate()
            .find(|(_, e)| {
                e.effective_from <= date && e.effective_through.is_none_or(|t| date <= t)
            })
            .ok_or_else(|| Error::NoRule {
                rule: "policy (the State's elections)".into(),
                date,
                covered: self
                    .input
                    .policy
                    .iter()
                    .map(|e| match e.effective_through {
                        Some(t) => format!("{} to {t}", e.effective_from),
                        None => format!("{} onward", e.effective_from),
                    })
                    .collect::<Vec<_>>()
                    .join(", "),
            })
    }

    fn is_business_day(&self, d: Date) -> bool {
        // 1970-01-01 was a Thursday: (days + 4) mod 7 is 0 on Sundays.
        let wd = (d.to_days() + 4).rem_euclid(7);
        wd != 0 && wd != 6 && !self.input.holidays.contains(&d)
    }

    fn business_days_after(&self, from: Date, n: u32) -> Result<Date, Error> {
        let mut d = from;
        let mut left = n;
        while left > 0 {
            d = d.add_days(1)?;
            if self.is_business_day(d) {
                left -= 1;
            }
        }
        Ok(d)
    }
}

/// Distributes the events of `input` on its case (see the module docs).
pub fn distribute_events(
    rules: &Rules,
    input: &DistributionInput,
) -> Result<DistributionResult, Error> {
    validate(input)?;
    let ctx = Ctx { rules, input };
    let mut case = input.case.clone();
    normalise(&mut case);
    // Same-day events: consents, then collections by identifier, releases, reversals.
    let mut order: Vec<usize> = (0..input.events.len()).collect();
    fn rank(e: &Event) -> (i32, &str) {
        match e {
            Event::Consent { .. } => (0, ""),
            Event::Collection(c) => (1, c.id.as_str()),
            Event::Release { collection_id, .. } => (2, collection_id.as_str()),
            Event::Reversal { collection_id, .. } => (3, collection_id.as_str()),
        }
    }
    order.sort_by(|&a, &b| {
        let (ea, eb) = (&input.events[a], &input.events[b]);
        ea.date().cmp(&eb.date()).then(rank(ea).cmp(&rank(eb)))
    });
    let mut records: HashMap<String, Record> = HashMap::new();
    let mut results = Vec::with_capacity(order.len());
    let mut totals = Totals::default();
    for i in order {
        let at = format!("events[{i}]");
        let result = match &input.events[i] {
            Event::Consent { given, .. } => {
                case.recovery_consent = *given;
                EventResult::empty("consent", None, case.ura)
            }
            Event::Collection(c) => {
                let election = ctx.election(c.receipt_date)?.1;
                let doc = date_of_collection(&case, c, election);
                if let Some(hold) = c.hold {
                    let release_by = match hold.reason {
                        HoldReason::JointReturn => {
                            let notified = hold.notified.ok_or_else(|| {
                                Error::invalid(
                                    format!("{at}.hold.notified"),
                                    "",
                                    "the date of notification of the joint-return offset",
                                )
                            })?;
                            let timing = in_force(
                                &rules.distribution.timing,
                                "distribution.timing",
                                notified,
                            )?;
                            let months =
                                i32::try_from(timing.joint_return_hold_months).unwrap_or(i32::MAX);
                            let first = notified.first_of_month_offset(months)?;
                            Some(first.with_day_clamped(notified.day()))
                        }
                        _ => None,
                    };
                    if hold.reason == HoldReason::JointReturn
                        && c.source != Source::FederalTaxOffset
                    {
                        return Err(Error::invalid(format!("{at}.hold.reason"), "joint_return", "a reason other than joint_return: only a federal tax refund offset is held for a joint return"));
                    }
                    let held = Held {
                        reason: hold.reason,
                        amount: c.amount,
                        date_of_collection: doc,
                        release_by,
                    };
                    records.insert(c.id.clone(), Record::Held(c.clone(), doc));
                    let mut r = EventResult::empty("collection", Some(c.id.clone()), case.ura);
                    r.date_of_collection = Some(doc);
                    r.paths.push(Path {
                        applied: Applied::Hold,
                        payee: Payee::Held,
                        amount: c.amount,
                        citation: hold_citation(hold.reason),
                        disburse_by: None,
                    });
                    r.totals.held = c.amount;
                    r.held = Some(held);
                    r
                } else {
                    let dist = c.distribution_date.unwrap_or(doc.max(c.receipt_date));
                    let (r, delta) = distribute_one(&ctx, &mut case, c, doc, dist)?;
                    records.insert(
                        c.id.clone(),
                        Record::Distributed(Box::new((delta, r.totals))),
                    );
                    r
                }
            }
            Event::Release {
                collection_id,
                date,
            } => {
                let (c, doc) = match records.remove(collection_id) {
                    Some(Record::Held(c, doc)) => (c, doc),
                    other => {
                        if let Some(o) = other {
                            records.insert(collection_id.clone(), o);
                        }
                        return Err(Error::invalid(
                            format!("{at}.collection_id"),
                            collection_id,
                            "the identifier of a collection held on the case",
                        ));
                    }
                };
                if *date < c.receipt_date {
                    return Err(Error::invalid(
                        format!("{at}.date"),
                        date,
                        format!(
                            "a date on or after the collection's receipt, {}",
                            c.receipt_date
                        ),
                    ));
                }
                let (mut r, delta) = distribute_one(&ctx, &mut case, &c, doc, *date)?;
                r.kind = "release";
                // Releasing moves the amount out of the hold.
                let mut with_release = r.totals;
                with_release.held = with_release.held - c.amount;
                totals.add(&with_release, 1);
                records.insert(
                    c.id.clone(),
                    Record::Distributed(Box::new((delta, r.totals))),
                );
                results.push(r);
                continue;
            }
            Event::Reversal {
                collection_id,
                disbursed,
                ..
            } => {
                let record = records.insert(collection_id.clone(), Record::Reversed);
                match record {
                    Some(Record::Distributed(boxed)) => {
                        let (delta, t) = *boxed;
                        let added = reverse(&mut case, &delta, *disbursed);
                        let mut r =
                            EventResult::empty("reversal", Some(collection_id.clone()), case.ura);
                        r.totals.add(&t, -1);
                        r.overpayment_added = added;
                        r
                    }
                    Some(Record::Held(c, _)) => {
                        let mut r =
                            EventResult::empty("reversal", Some(collection_id.clone()), case.ura);
                        r.totals.held = -c.amount;
                        r
                    }
                    Some(Record::Reversed) => {
                        return Err(Error::invalid(
                            format!("{at}.collection_id"),
                            collection_id,
                            "a collection not already reversed",
                        ));
                    }
                    None => {
                        records.remove(collection_id);
                        return Err(Error::invalid(format!("{at}.collection_id"), collection_id, "the identifier of a collection distributed or held on the case before the reversal"));
                    }
                }
            }
        };
        totals.add(&result.totals, 1);
        results.push(result);
    }
    normalise(&mut case);
    let mut held: Vec<Held> = records
        .values()
        .filter_map(|r| match r {
            Record::Held(c, doc) => Some(Held {
                reason: c.hold.map(|h| h.reason).unwrap_or(HoldReason::Other),
                amount: c.amount,
                date_of_collection: *doc,
                release_by: None,
            }),
            _ => None,
        })
        .collect();
    held.sort_by_key(|h| (h.date_of_collection, h.amount));
    Ok(DistributionResult {
        events: results,
        totals,
        case,
        held,
    })
}

impl EventResult {
    fn empty(kind: &'static str, collection_id: Option<String>, ura: Money) -> EventResult {
        EventResult {
            kind,
            collection_id,
            status: None,
            date_of_collection: None,
            distribution_date: None,
            support_month: None,
            fmap: None,
            paths: Vec::new(),
            totals: Totals::default(),
            held: None,
            ura_after: ura,
            overpayment_added: Money::ZERO,
            notes: Vec::new(),
        }
    }
}

fn hold_citation(reason: HoldReason) -> &'static str {
    match reason {
        HoldReason::JointReturn => {
            "45 CFR 303.72(h)(5); 42 U.S.C. 664(a)(3)(B); library reading R-DI-4"
        }
        HoldReason::UnidentifiedPayee => "42 U.S.C. 654b(c)(1); library reading R-DI-4",
        HoldReason::ArrearsAppeal => "42 U.S.C. 654b(c)(2); library reading R-DI-4",
        HoldReason::TaxOffsetAppeal => "45 CFR 302.32(b)(3)(ii); library reading R-DI-4",
        HoldReason::Other => "library reading R-DI-4",
    }
}

/// The date of collection: the date of receipt, or, for current support withheld in the month it
/// was due and received in another month, the date of withholding where the State so elects
/// (45 CFR 302.51(a)(4); 42 U.S.C. 654b(c)(1)).
fn date_of_collection(case: &CaseState, c: &Collection, election: &Election) -> Date {
    match c.withholding_date {
        Some(w)
            if c.source == Source::IncomeWithholding
                && election.withholding_date_is_collection_date
                && w.first_of_month() != c.receipt_date.first_of_month()
                && case
                    .current_support
                    .iter()
                    .any(|m| m.month == w.first_of_month() && m.due > m.paid) =>
        {
            w
        }
        _ => c.receipt_date,
    }
}

fn distribute_one(
    ctx: &Ctx<'_>,
    case: &mut CaseState,
    c: &Collection,
    doc: Date,
    dist: Date,
) -> Result<(EventResult, Delta), Error> {
    use Category::*;
    let rules = ctx.rules;
    let (policy_index, election) = ctx.election(doc)?;
    let status = status_on(case, doc);
    let tax_offset = c.source == Source::FederalTaxOffset;
    let mut notes = Vec::new();
    if status == Status::FormerAssistance && !case.arrears.ta.is_zero() {
        notes.extend(exit_reclassify(&mut case.arrears, case.ura));
    }
    if election.discontinue_pre_assistance_assignment {
        for cat in [Ta, Ca] {
            let m = case.arrears.get(cat);
            if !m.is_zero() {
                *case.arrears.get_mut(cat) = Money::ZERO;
                case.arrears.up = case.arrears.up + m;
                notes.push(format!("{} {m} distributed as UP: the State discontinued pre-assistance assignments (42 U.S.C. 657(b)(2))", cat.as_str()));
            }
        }
    }
    if status == Status::NeverAssistance {
        for (cat, m) in case.arrears.iter() {
            if cat != Na && !m.is_zero() {
                return Err(Error::invalid(format!("case.arrears.{}", cat.as_str()), m, "zero: a family that never received assistance has only never-assigned (NA) arrears"));
            }
        }
    }
    let family_first = election.former_assistance_order == FormerOrder::FamilyFirst;
    if family_first && status == Status::FormerAssistance {
        in_force(
            &rules.distribution.family_first_option,
            "distribution.family_first_option",
            doc,
        )?;
    }
    // The tiers, first paid first.
    let family_arrears = match (status, family_first) {
        (Status::NeverAssistance, _) => FAMILY_NEVER,
        (Status::CurrentAssistance, _) => FAMILY_CURRENT,
        (Status::FormerAssistance, false) => FAMILY_PRWORA,
        (Status::FormerAssistance, true) => FAMILY_FIRST,
    };
    let fam = Rule::Family(if tax_offset {
        FAMILY_TAX_OFFSET
    } else {
        family_arrears
    });
    let asg = Rule::Assigned;
    let assigned_pair = match election.current_assistance_order {
        AssignedOrder::PaFirst => [(Pa, asg), (Ta, asg)],
        AssignedOrder::TaFirst => [(Ta, asg), (Pa, asg)],
    };
    let arrears: Vec<(Category, Rule)> = match (status, tax_offset, family_first) {
        (Status::NeverAssistance, _, _) => vec![(Na, fam)],
        (Status::CurrentAssistance, false, _) => {
            let mut v = assigned_pair.to_vec();
            v.extend([(Ca, fam), (Na, fam), (Ua, fam), (Up, fam)]);
            v
        }
        (Status::CurrentAssistance, true, _) => {
            let mut v = assigned_pair.to_vec();
            v.extend([(Ca, asg), (Na, fam), (Ua, fam), (Up, fam)]);
            v
        }
        (Status::FormerAssistance, false, false) => {
            vec![(Na, fam), (Up, fam), (Ca, fam), (Pa, asg), (Ua, fam)]
        }
        (Status::FormerAssistance, true, false) => {
            vec![(Pa, asg), (Ca, asg), (Na, fam), (Up, fam), (Ua, fam)]
        }
        (Status::FormerAssistance, false, true) => {
            vec![(Na, fam), (Ua, fam), (Up, fam), (Ca, fam), (Pa, asg)]
        }
        (Status::FormerAssistance, true, true) => {
            vec![(Na, fam), (Ua, fam), (Up, fam), (Pa, asg), (Ca, asg)]
        }
    };
    let pays_current =
        !tax_offset || (election.tax_offset_pays_current && status != Status::CurrentAssistance);
    let month = doc.first_of_month();
    let current_due = case
        .current_support
        .iter()
        .find(|m| m.month == month)
        .map(|m| m.due - m.paid)
        .unwrap_or(Money::ZERO);
    let current_rule = match status {
        Status::CurrentAssistance => asg,
        Status::FormerAssistance => Rule::Family(CURRENT_FORMER),
        Status::NeverAssistance => Rule::Family(CURRENT_NEVER),
    };
    let mut tiers: Vec<(Applied, Money, Rule)> = Vec::with_capacity(8);
    if pays_current {
        tiers.push((Applied::Current, current_due, current_rule));
    }
    for (cat, rule) in arrears {
        tiers.push((Applied::Arrears(cat), case.arrears.get(cat), rule));
    }
    // The pass-through still available this month.
    let mut pass_left = Money::ZERO;
    if status == Status::CurrentAssistance {
        if let Some(p) = election.pass_through {
            let limit = in_force(
                &rules.distribution.pass_through_limit,
                "distribution.pass_through_limit",
                doc,
            )?;
            let (elected, ceiling, name) = if case.children >= 2 {
                (
                    p.two_or_more_children,
                    limit.two_or_more_children,
                    "two_or_more_children",
                )
            } else {
                (p.one_child, limit.one_child, "one_child")
            };
            if elected.as_decimal() > ceiling {
                return Err(Error::invalid(
                    format!("policy[{policy_index}].pass_through.{name}"),
                    elected,
                    format!("at most {ceiling} a month ({})", limit.validity.cite()),
                ));
            }
            let paid = case
                .pass_through_paid
                .iter()
                .find(|m| m.month == month)
                .map(|m| m.amount)
                .unwrap_or(Money::ZERO);
            pass_left = (elected - paid).max(Money::ZERO);
        }
    }
    let retained_cite = if tax_offset {
        RETAINED_TAX_OFFSET
    } else if status == Status::CurrentAssistance {
        RETAINED_CURRENT
    } else {
        RETAINED_FORMER
    };
    let above_ura = if status == Status::CurrentAssistance {
        ABOVE_URA_CURRENT
    } else {
        ABOVE_URA_FORMER
    };
    let mut left = c.amount;
    let mut ura_left = case.ura;
    let mut delta = Delta::default();
    let mut paths: Vec<Path> = Vec::new();
    let mut retained: Vec<(usize, Money)> = Vec::new();
    let family = |applied, amount, citation| Path {
        applied,
        payee: Payee::Family,
        amount,
        citation,
        disburse_by: None,
    };
    for (applied, balance, rule) in tiers {
        let take = left.min(balance);
        if take.cents() <= 0 {
            continue;
        }
        left = left - take;
        match applied {
            Applied::Current => delta.current = Some((month, take)),
            Applied::Arrears(cat) => *delta.arrears.get_mut(cat) = take,
            _ => {}
        }
        match rule {
            Rule::Family(cite) => paths.push(family(applied, take, cite)),
            Rule::Assigned => {
                let pt = take.min(pass_left);
                if !pt.is_zero() {
                    pass_left = pass_left - pt;
                    let prev = delta.pass_through.map(|p| p.1).unwrap_or(Money::ZERO);
                    delta.pass_through = Some((month, prev + pt));
                    paths.push(family(applied, pt, PASS_THROUGH));
                }
                let rest = take - pt;
                let kept = rest.min(ura_left);
                if !kept.is_zero() {
                    ura_left = ura_left - kept;
                    retained.push((paths.len(), kept));
                    paths.push(Path {
                        applied,
                        payee: Payee::Federal,
                        amount: Money::ZERO,
                        citation: SHARE,
                        disburse_by: None,
                    });
                    paths.push(Path {
                        applied,
                        payee: Payee::State,
                        amount: kept,
                        citation: retained_cite,
                        disburse_by: None,
                    });
                }
                let over = rest - kept;
                if !over.is_zero() {
                    paths.push(family(applied, over, above_ura));
                }
            }
        }
    }
    if !left.is_zero() {
        if tax_offset {
            paths.push(Path {
                applied: Applied::Excess,
                payee: Payee::Refund,
                amount: left,
                citation: EXCESS,
                disburse_by: None,
            });
        } else {
            paths.push(Path {
                applied: Applied::Futures,
                payee: Payee::Held,
                amount: left,
                citation: FUTURES,
                disburse_by: None,
            });
        }
    }
    // The federal share of what was retained: once per collection, split over its parts.
    let mut fmap_used = None;
    let kept_total: Money = retained.iter().map(|r| r.1).sum();
    if !kept_total.is_zero() {
        let year = ffy(dist);
        let rate = ctx
            .input
            .fmap
            .iter()
            .find(|f| f.ffy == year)
            .ok_or_else(|| Error::invalid("fmap", format!("no entry for {year}"), format!("the FMAP of federal fiscal year {year} (the year of distribution, {dist}; 42 U.S.C. 657(c)(2))")))?
            .rate;
        fmap_used = Some(rate);
        let fmap = Exact::from_decimal(rate);
        let federal = (&Exact::from_money(kept_total) * &fmap).round_cents()?;
        let parts: Vec<Exact> = retained
            .iter()
            .map(|(_, k)| &Exact::from_money(*k) * &fmap)
            .collect();
        let shares = split_exact(federal, &parts)?;
        for ((i, k), f) in retained.iter().zip(shares) {
            paths[*i].amount = f;
            paths[*i + 1].amount = *k - f;
        }
        delta.retained = kept_total;
    }
    // The annual fee, never assistance.
    if status == Status::NeverAssistance {
        let family_sum: Money = paths
            .iter()
            .filter(|p| p.payee == Payee::Family)
            .map(|p| p.amount)
            .sum();
        if !family_sum.is_zero() {
            let year = ffy(dist);
            let entry = match case.fee_years.iter().position(|y| y.ffy == year) {
                Some(i) => i,
                None => {
                    case.fee_years.push(FeeYear {
                        ffy: year,
                        collected: Money::ZERO,
                        fee: Money::ZERO,
                    });
                    case.fee_years.len() - 1
                }
            };
            let mut fee_taken = Money::ZERO;
            if election.annual_fee == FeeCollection::RetainedFromFamily {
                let rule = in_force(
                    &rules.distribution.annual_fee,
                    "distribution.annual_fee",
                    dist,
                )?;
                let y = case.fee_years[entry];
                let below = Money::round(rule.threshold) - y.collected;
                let bearing = (family_sum - below.max(Money::ZERO)).max(Money::ZERO);
                let fee_left = (Money::round(rule.fee) - y.fee).max(Money::ZERO);
                fee_taken = bearing.min(fee_left);
                take_from(&mut paths, |_| true, fee_taken, Payee::Fee, FEE);
            }
            let y = &mut case.fee_years[entry];
            y.collected = y.collected + family_sum;
            y.fee = y.fee + fee_taken;
            delta.fee_year = Some((year, family_sum, fee_taken));
        }
    }
    // Recovery of an overpayment, with consent, at the State's rates.
    if let Some(rates) = election.recovery {
        if case.recovery_consent && case.overpayment_receivable.cents() > 0 {
            let sum = |paths: &[Path], current: bool| -> Money {
                paths
                    .iter()
                    .filter(|p| {
                        p.payee == Payee::Family && (p.applied == Applied::Current) == current
                    })
                    .map(|p| p.amount)
                    .sum()
            };
            let on_current = Money::round(sum(&paths, true).as_decimal() * rates.current)
                .min(case.overpayment_receivable);
            let on_arrears = Money::round(sum(&paths, false).as_decimal() * rates.arrears)
                .min(case.overpayment_receivable - on_current);
            take_from(
                &mut paths,
                |p| p.applied == Applied::Current,
                on_current,
                Payee::Recovery,
                RECOVERY,
            );
            take_from(
                &mut paths,
                |p| p.applied != Applied::Current,
                on_arrears,
                Payee::Recovery,
                RECOVERY,
            );
            delta.recovered = on_current + on_arrears;
            case.overpayment_receivable = case.overpayment_receivable - delta.recovered;
        }
    }
    paths.retain(|p| !p.amount.is_zero());
    // Deadlines for the family's payments.
    match in_force(&rules.distribution.timing, "distribution.timing", dist) {
        Ok(timing) => {
            let end_of_month = dist.last_of_month();
            for p in paths.iter_mut().filter(|p| p.payee == Payee::Family) {
                p.disburse_by = Some(if tax_offset {
                    dist.add_days(i64::from(timing.tax_offset_calendar_days))?
                } else if status == Status::CurrentAssistance && p.citation != PASS_THROUGH {
                    ctx.business_days_after(end_of_month, timing.business_days)?
                } else {
                    ctx.business_days_after(dist, timing.business_days)?
                });
            }
        }
        Err(Error::NoRule {
            rule,
            date,
            covered,
        }) => notes.push(format!(
            "no disbursement deadline: no {rule} rule covers {date} (the rules cover {covered})"
        )),
        Err(e) => return Err(e),
    }
    // The case after.
    for (cat, m) in delta.arrears.iter() {
        *case.arrears.get_mut(cat) = case.arrears.get(cat) - m;
    }
    if let Some((month, m)) = delta.current {
        if let Some(e) = case.current_support.iter_mut().find(|e| e.month == month) {
            e.paid = e.paid + m;
        }
    }
    case.ura = ura_left;
    if let Some((month, m)) = delta.pass_through {
        match case.pass_through_paid.iter_mut().find(|e| e.month == month) {
            Some(e) => e.amount = e.amount + m,
            None => case
                .pass_through_paid
                .push(MonthAmount { month, amount: m }),
        }
    }
    let mut totals = Totals::default();
    for p in &paths {
        totals.add_path(p.payee, p.amount);
    }
    delta.family_cash = totals.family;
    let result = EventResult {
        kind: "collection",
        collection_id: Some(c.id.clone()),
        status: Some(status),
        date_of_collection: Some(doc),
        distribution_date: Some(dist),
        support_month: Some(month),
        fmap: fmap_used,
        paths,
        totals,
        held: None,
        ura_after: case.ura,
        overpayment_added: Money::ZERO,
        notes,
    };
    Ok((result, delta))
}

/// Moves `amount` from the family's paths that `which` selects, last paid first, to `payee`.
fn take_from(
    paths: &mut Vec<Path>,
    which: impl Fn(&Path) -> bool,
    amount: Money,
    payee: Payee,
    citation: &'static str,
) {
    let mut left = amount;
    let mut i = paths.len();
    while i > 0 && left.cents() > 0 {
        i -= 1;
        if paths[i].payee != Payee::Family || !which(&paths[i]) {
            continue;
        }
        let t = paths[i].amount.min(left);
        if t.is_zero() {
            continue;
        }
        paths[i].amount = paths[i].amount - t;
        left = left - t;
        let applied = paths[i].applied;
        paths.insert(
            i + 1,
            Path {
                applied,
                payee,
                amount: t,
                citation,
                disburse_by: None,
            },
        );
    }
}

/// Undoes what a collection moved; returns the overpayment receivable added.
fn reverse(case: &mut CaseState, delta: &Delta, disbursed: bool) -> Money {
    for (cat, m) in delta.arrears.iter() {
        *case.arrears.get_mut(cat) = case.arrears.get(cat) + m;
    }
    if let Some((month, m)) = delta.current {
        if let Some(e) = case.current_support.iter_mut().find(|e| e.month == month) {
            e.paid = e.paid - m;
        }
    }
    case.ura = case.ura + delta.retained;
    if let Some((month, m)) = delta.pass_through {
        if let Some(e) = case.pass_through_paid.iter_mut().find(|e| e.month == month) {
            e.amount = e.amount - m;
        }
    }
    if let Some((year, collected, fee)) = delta.fee_year {
        if let Some(y) = case.fee_years.iter_mut().find(|y| y.ffy == year) {
            y.collected = y.collected - collected;
            y.fee = y.fee - fee;
        }
    }
    let added = if disbursed {
        delta.family_cash
    } else {
        Money::ZERO
    };
    case.overpayment_receivable = case.overpayment_receivable + delta.recovered + added;
    added
}
