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
const MEDICAID: &str = "45 CFR 302.51(c), 302.50(e); 42 CFR 433.146; library reading R-DI-7";
const FOSTER_RETAINED_CURRENT: &str = "45 CFR 302.52(b)(1); 42 U.S.C. 657(e)";
const FOSTER_TO_AGENCY_CURRENT: &str = "45 CFR 302.52(b)(2); 42 U.S.C. 657(e)";
const FOSTER_RETAINED_ARREARS: &str = "45 CFR 302.52(b)(3), 303.72(h)(2); 42 U.S.C. 657(e)";
const FOSTER_TO_AGENCY_BALANCE: &str = "45 CFR 302.52(b)(4), 303.72(h)(2); 42 U.S.C. 657(e)";
const FOSTER_FUTURES: &str = "45 CFR 302.52(b)(5)";
const FORMER_PASS_THROUGH: &str = "42 U.S.C. 657(a)(6)(A); library reading R-DI-9";
const UNDISTRIBUTABLE: &str =
    "42 U.S.C. 654b(c)(1); 45 CFR 304.50(b), 301.15(a)(2); library reading R-DI-8";

/// How a tier's amount is paid.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Rule {
    Family(&'static str),
    Assigned,
    /// Assigned medical support: to the Medicaid agency (45 CFR 302.51(c)).
    Medicaid,
    /// IV-E foster care, the month's support: retained up to the month's maintenance payment,
    /// the rest to the IV-E agency (45 CFR 302.52(b)(1)-(2)).
    FosterCurrent,
    /// IV-E foster care, past support: retained up to the unreimbursed payments, the balance to
    /// the IV-E agency (45 CFR 302.52(b)(3)-(4)).
    FosterArrears,
}

/// What one distributed collection changed on the case, to reverse it exactly.
#[derive(Debug, Clone, Default)]
pub(super) struct Delta {
    arrears: Arrears,
    current: Option<(Date, Money)>,
    medical: Option<(Date, Money)>,
    medical_arrears: Money,
    retained: Money,
    pass_through: Option<(Date, Money)>,
    fee_year: Option<(i32, Money, Money)>,
    recovered: Money,
    family_cash: Money,
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

fn within(periods: &[AssistancePeriod], date: Date) -> bool {
    periods
        .iter()
        .any(|p| p.start <= date && p.end.is_none_or(|e| date <= e))
}

fn status_on(case: &CaseState, date: Date) -> Status {
    if within(&case.foster_care, date) {
        Status::FosterCare
    } else if within(&case.assistance, date) {
        Status::CurrentAssistance
    } else if case.assistance.iter().any(|p| p.start <= date) {
        Status::FormerAssistance
    } else {
        Status::NeverAssistance
    }
}

/// [`require_money`] with the field's name built only for an error (validation runs per case).
fn nonneg(m: Money, field: impl FnOnce() -> String) -> Result<(), Error> {
    // MAX_AMOUNT (10^12 dollars) in cents: money is always at scale 2.
    const MAX_CENTS: i64 = 100_000_000_000_000;
    if (0..=MAX_CENTS).contains(&m.cents()) {
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

fn until(end: Option<Date>) -> String {
    end.map(|e| e.to_string()).unwrap_or("now".into())
}

/// Periods in date order that end on or after they start and do not overlap (`at.name` is
/// how the request names the list; the name is built only for an error).
fn check_periods(periods: &[AssistancePeriod], at: &str, name: &str) -> Result<(), Error> {
    let at = || format!("{at}.{name}");
    for (i, p) in periods.iter().enumerate() {
        if p.end.is_some_and(|e| e < p.start) {
            return Err(Error::invalid(
                format!("{}[{i}].end", at()),
                p.end.map(|e| e.to_string()).unwrap_or_default(),
                format!("a date on or after the period's start {}", p.start),
            ));
        }
        for (j, q) in periods[..i].iter().enumerate() {
            let overlap = q.end.is_none_or(|e| p.start <= e) && p.end.is_none_or(|e| q.start <= e);
            if overlap {
                return Err(Error::invalid(
                    format!("{}[{i}]", at()),
                    format!("{} to {}", p.start, until(p.end)),
                    format!(
                        "a period that does not overlap {}[{j}] ({} to {})",
                        at(),
                        q.start,
                        until(q.end)
                    ),
                ));
            }
        }
    }
    Ok(())
}

fn check_months(months: &[MonthSupport], at: &str, name: &str) -> Result<(), Error> {
    for (i, m) in months.iter().enumerate() {
        let at = || format!("{at}.{name}[{i}]");
        if m.month.day() != 1 {
            return Err(Error::invalid(
                format!("{}.month", at()),
                m.month,
                "the first day of a month",
            ));
        }
        if months[..i].iter().any(|o| o.month == m.month) {
            return Err(Error::invalid(
                format!("{}.month", at()),
                m.month,
                "a month not listed before",
            ));
        }
        nonneg(m.due, || format!("{}.due", at()))?;
        nonneg(m.paid, || format!("{}.paid", at()))?;
        if m.paid > m.due {
            return Err(Error::invalid(
                format!("{}.paid", at()),
                m.paid,
                format!("at most the amount due, {}", m.due),
            ));
        }
    }
    Ok(())
}

/// One case's fields; `at` is how the request names it (`case`, `cases[2]`).
pub(super) fn validate_case(case: &CaseState, at: &str) -> Result<(), Error> {
    nonneg(case.ura, || format!("{at}.ura"))?;
    nonneg(case.overpayment_receivable, || {
        format!("{at}.overpayment_receivable")
    })?;
    nonneg(case.medical_arrears, || format!("{at}.medical_arrears"))?;
    for (c, m) in case.arrears.iter() {
        nonneg(m, || format!("{at}.arrears.{}", c.as_str()))?;
    }
    check_periods(&case.assistance, at, "assistance")?;
    check_periods(&case.medicaid, at, "medicaid")?;
    check_periods(&case.foster_care, at, "foster_care")?;
    check_months(&case.current_support, at, "current_support")?;
    check_months(&case.medical_support, at, "medical_support")?;
    for (i, m) in case.pass_through_paid.iter().enumerate() {
        nonneg(m.amount, || format!("{at}.pass_through_paid[{i}].amount"))?;
    }
    for (i, m) in case.foster_care_maintenance.iter().enumerate() {
        let field = || format!("{at}.foster_care_maintenance[{i}]");
        nonneg(m.amount, || format!("{}.amount", field()))?;
        if m.month.day() != 1
            || case.foster_care_maintenance[..i]
                .iter()
                .any(|o| o.month == m.month)
        {
            return Err(Error::invalid(
                format!("{}.month", field()),
                m.month,
                "the first day of a month not listed before",
            ));
        }
    }
    for (i, y) in case.fee_years.iter().enumerate() {
        nonneg(y.collected, || format!("{at}.fee_years[{i}].collected"))?;
        nonneg(y.fee, || format!("{at}.fee_years[{i}].fee"))?;
    }
    Ok(())
}

/// The elections, the FMAP values and the events (whatever the number of cases).
pub(super) fn validate_common(
    policy: &[Election],
    fmap: &[Fmap],
    events: &[Event],
) -> Result<(), Error> {
    if policy.is_empty() {
        return Err(Error::invalid(
            "policy",
            "[]",
            "the State's elections, at least one dated entry",
        ));
    }
    for (i, e) in policy.iter().enumerate() {
        let at = || format!("policy[{i}]");
        if e.effective_through.is_some_and(|t| t < e.effective_from) {
            return Err(Error::invalid(
                format!("{}.effective_through", at()),
                e.effective_through
                    .map(|t| t.to_string())
                    .unwrap_or_default(),
                "a date on or after effective_from",
            ));
        }
        for (j, o) in policy[..i].iter().enumerate() {
            let overlap = o.effective_through.is_none_or(|t| e.effective_from <= t)
                && e.effective_through.is_none_or(|t| o.effective_from <= t);
            if overlap {
                return Err(Error::invalid(
                    format!("{}.effective_from", at()),
                    e.effective_from,
                    format!("dates that do not overlap policy[{j}]"),
                ));
            }
        }
        if e.tax_offset_pays_current && e.former_assistance_order != FormerOrder::FamilyFirst {
            return Err(Error::invalid(
                format!("{}.tax_offset_pays_current", at()),
                "true",
                "false unless former_assistance_order is family_first (45 CFR 303.72(h)(3)(ii))",
            ));
        }
        if let Some(p) = e.pass_through {
            nonneg(p.one_child, || format!("{}.pass_through.one_child", at()))?;
            nonneg(p.two_or_more_children, || {
                format!("{}.pass_through.two_or_more_children", at())
            })?;
        }
        if let Some(r) = e.recovery {
            fraction(r.current, || format!("{}.recovery.current", at()))?;
            fraction(r.arrears, || format!("{}.recovery.arrears", at()))?;
        }
        if let Some(u) = &e.unclaimed_after {
            if u.months == 0 || u.months > 1200 {
                return Err(Error::invalid(
                    format!("{}.unclaimed_after.months", at()),
                    u.months,
                    "a number of months from 1 to 1200",
                ));
            }
            if u.citation.trim().is_empty() {
                return Err(Error::invalid(
                    format!("{}.unclaimed_after.citation", at()),
                    "",
                    "the State's unclaimed-property law that sets the period",
                ));
            }
        }
    }
    for (i, f) in fmap.iter().enumerate() {
        fraction(f.rate, || format!("fmap[{i}].rate"))?;
        if fmap[..i].iter().any(|o| o.ffy == f.ffy) {
            return Err(Error::invalid(
                format!("fmap[{i}].ffy"),
                f.ffy,
                "a federal fiscal year not listed before",
            ));
        }
    }
    // (A single event needs no set: the usual case of a collection on a case.)
    let mut ids = std::collections::HashSet::new();
    for (i, ev) in events.iter().enumerate() {
        match ev {
            Event::Collection(c) => {
                check_collection(c, || format!("events[{i}]"))?;
                if events.len() > 1 && !ids.insert(c.id.as_str()) {
                    return Err(Error::invalid(
                        format!("events[{i}].id"),
                        &c.id,
                        "an identifier not used by another collection",
                    ));
                }
            }
            Event::Move { reason, .. } if reason.trim().is_empty() => {
                return Err(Error::invalid(
                    format!("events[{i}].reason"),
                    "",
                    "why the collection is moved (recorded on both cases)",
                ));
            }
            _ => {}
        }
    }
    Ok(())
}

/// One collection's own fields (`at` names it, built only for an error).
pub(super) fn check_collection(c: &Collection, at: impl Fn() -> String) -> Result<(), Error> {
    nonneg(c.amount, || format!("{}.amount", at()))?;
    if c.withholding_date.is_some_and(|w| w > c.receipt_date) {
        return Err(Error::invalid(
            format!("{}.withholding_date", at()),
            c.withholding_date
                .map(|w| w.to_string())
                .unwrap_or_default(),
            "a date on or before receipt_date",
        ));
    }
    if c.distribution_date.is_some_and(|d| d < c.receipt_date) {
        return Err(Error::invalid(
            format!("{}.distribution_date", at()),
            c.distribution_date
                .map(|w| w.to_string())
                .unwrap_or_default(),
            "a date on or after receipt_date",
        ));
    }
    Ok(())
}

/// Drops empty accumulators and sorts them, so a case compares equal however it was listed.
pub(super) fn normalise(case: &mut CaseState) {
    case.pass_through_paid.retain(|m| !m.amount.is_zero());
    case.pass_through_paid.sort_by_key(|m| m.month);
    case.fee_years
        .retain(|y| !(y.collected.is_zero() && y.fee.is_zero()));
    case.fee_years.sort_by_key(|y| y.ffy);
    case.current_support.sort_by_key(|m| m.month);
    case.medical_support.sort_by_key(|m| m.month);
    case.foster_care_maintenance.sort_by_key(|m| m.month);
}

/// What a run of events needs besides the cases.
pub(super) struct Ctx<'a> {
    pub rules: &'a Rules,
    pub policy: &'a [Election],
    pub fmap: &'a [Fmap],
    pub holidays: &'a [Date],
    /// Whether results carry what explains them (the collection's identifier, each family
    /// payment's deadline); the lean distributor leaves them out, with the same cents.
    pub trace: bool,
}

impl Ctx<'_> {
    pub(super) fn election(&self, date: Date) -> Result<(usize, &Election), Error> {
        self.policy
            .iter()
            .enumerate()
            .find(|(_, e)| {
                e.effective_from <= date && e.effective_through.is_none_or(|t| date <= t)
            })
            .ok_or_else(|| Error::NoRule {
                rule: "policy (the State's elections)".into(),
                date,
                covered: self
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
        wd != 0 && wd != 6 && !self.holidays.contains(&d)
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
    validate_case(&input.case, "case")?;
    validate_common(&input.policy, &input.fmap, &input.events)?;
    for (i, ev) in input.events.iter().enumerate() {
        let named = match ev {
            Event::Collection(c) => c.case.as_deref(),
            Event::Consent { case, .. } => case.as_deref(),
            Event::Move { .. } => {
                return Err(Error::invalid(
                    format!("events[{i}].type"),
                    "move",
                    "collection, release, reversal or consent: a move spans two cases (kind iv_d_distribution_day)",
                ))
            }
            _ => None,
        };
        if let Some(named) = named.filter(|n| *n != input.case.id) {
            return Err(Error::invalid(
                format!("events[{i}].case"),
                named,
                format!("the case's id, {}, or nothing", input.case.id),
            ));
        }
    }
    let ctx = Ctx {
        rules,
        policy: &input.policy,
        fmap: &input.fmap,
        holidays: &input.holidays,
        trace: true,
    };
    let mut out = run(
        &ctx,
        std::slice::from_ref(&input.case),
        &input.events,
        &[],
        input.as_of,
    )?;
    Ok(out.pop().expect("one case in, one result out"))
}

/// A collection's state on its case.
enum Record {
    /// Held: the event that brought it, its date of collection.
    Held(usize, Date),
    /// Distributed: the event, its date of collection, and what it moved.
    Distributed(usize, Date, Box<(Delta, Totals)>),
    Reversed,
}

fn collection_of(events: &[Event], i: usize) -> &Collection {
    match &events[i] {
        Event::Collection(c) => c,
        _ => unreachable!("records point at collections"),
    }
}

/// Replays `events` on `cases`. `case_of[i]` is the case of event `i` when it is a collection or
/// a consent, or the target of a move (empty: every event is on `cases[0]`); releases, reversals
/// and moves find their collection's case by its identifier. Returns each case's result, in the
/// order of `cases`.
pub(super) fn run(
    ctx: &Ctx<'_>,
    cases_in: &[CaseState],
    events: &[Event],
    case_of: &[usize],
    as_of: Option<Date>,
) -> Result<Vec<DistributionResult>, Error> {
    let rules = ctx.rules;
    let mut cases: Vec<CaseState> = cases_in.to_vec();
    cases.iter_mut().for_each(normalise);
    let case_at = |i: usize| case_of.get(i).copied().unwrap_or(0);
    // Same-day events: consents, then collections by identifier, releases, reversals, moves.
    let mut order: Vec<usize> = (0..events.len()).collect();
    fn rank(e: &Event) -> (i32, &str) {
        match e {
            Event::Consent { .. } => (0, ""),
            Event::Collection(c) => (1, c.id.as_str()),
            Event::Release { collection_id, .. } => (2, collection_id.as_str()),
            Event::Reversal { collection_id, .. } => (3, collection_id.as_str()),
            Event::Move { collection_id, .. } => (4, collection_id.as_str()),
        }
    }
    order.sort_by(|&a, &b| {
        let (ea, eb) = (&events[a], &events[b]);
        ea.date()
            .cmp(&eb.date())
            .then(rank(ea).cmp(&rank(eb)))
            // Consents of one day on different cases: by case, so listing order never matters.
            .then(case_at(a).cmp(&case_at(b)))
    });
    let mut records: HashMap<&str, (usize, Record)> = HashMap::with_capacity(events.len());
    let mut results: Vec<Vec<EventResult>> = cases.iter().map(|_| Vec::new()).collect();
    let mut totals = vec![Totals::default(); cases.len()];
    let unknown = |i: usize, id: &str, what: &str| {
        Error::invalid(format!("events[{i}].collection_id"), id, what.to_string())
    };
    for i in order {
        let at = || format!("events[{i}]");
        match &events[i] {
            Event::Consent { given, .. } => {
                let k = case_at(i);
                cases[k].recovery_consent = *given;
                results[k].push(EventResult::empty("consent", None, cases[k].ura));
            }
            Event::Collection(c) => {
                let k = case_at(i);
                let case = &mut cases[k];
                let election = ctx.election(c.receipt_date)?.1;
                let doc = date_of_collection(case, c, election);
                let r = if let Some(hold) = c.hold {
                    let r = hold_result(rules, c, hold, doc, case.ura, at)?;
                    records.insert(&c.id, (k, Record::Held(i, doc)));
                    r
                } else {
                    let dist = c.distribution_date.unwrap_or(doc.max(c.receipt_date));
                    let (r, delta) = distribute_one(ctx, case, c, doc, dist)?;
                    records.insert(
                        &c.id,
                        (k, Record::Distributed(i, doc, Box::new((delta, r.totals)))),
                    );
                    r
                };
                totals[k].add(&r.totals, 1);
                results[k].push(r);
            }
            Event::Release {
                collection_id,
                date,
            } => {
                let (k, ev, doc) = match records.get(collection_id.as_str()) {
                    Some((k, Record::Held(ev, doc))) => (*k, *ev, *doc),
                    _ => {
                        return Err(unknown(
                            i,
                            collection_id,
                            "the identifier of a collection held on the case",
                        ))
                    }
                };
                let c = collection_of(events, ev);
                if *date < c.receipt_date {
                    return Err(Error::invalid(
                        format!("{}.date", at()),
                        date,
                        format!(
                            "a date on or after the collection's receipt, {}",
                            c.receipt_date
                        ),
                    ));
                }
                let (mut r, delta) = distribute_one(ctx, &mut cases[k], c, doc, *date)?;
                r.kind = "release";
                // Releasing moves the amount out of the hold.
                let mut with_release = r.totals;
                with_release.held = with_release.held - c.amount;
                totals[k].add(&with_release, 1);
                records.insert(
                    &c.id,
                    (k, Record::Distributed(ev, doc, Box::new((delta, r.totals)))),
                );
                results[k].push(r);
            }
            Event::Reversal {
                collection_id,
                disbursed,
                ..
            } => {
                let Some((k, record)) = records.get_mut(collection_id.as_str()) else {
                    return Err(unknown(i, collection_id, "the identifier of a collection distributed or held on the case before the reversal"));
                };
                let k = *k;
                let record = std::mem::replace(record, Record::Reversed);
                let mut r =
                    EventResult::empty("reversal", Some(collection_id.clone()), Money::ZERO);
                match record {
                    Record::Distributed(_, _, boxed) => {
                        let (delta, t) = *boxed;
                        r.overpayment_added = reverse(&mut cases[k], &delta, *disbursed);
                        r.totals.add(&t, -1);
                    }
                    Record::Held(ev, _) => {
                        r.totals.held = -collection_of(events, ev).amount;
                    }
                    Record::Reversed => {
                        return Err(unknown(
                            i,
                            collection_id,
                            "a collection not already reversed",
                        ));
                    }
                }
                r.ura_after = cases[k].ura;
                totals[k].add(&r.totals, 1);
                results[k].push(r);
            }
            Event::Move {
                collection_id,
                to_case,
                date,
                reason,
                disbursed,
            } => {
                let t = case_at(i);
                let Some((k, record)) = records.get_mut(collection_id.as_str()) else {
                    return Err(unknown(
                        i,
                        collection_id,
                        "the identifier of a collection distributed or held before the move",
                    ));
                };
                let k = *k;
                if k == t {
                    return Err(Error::invalid(
                        format!("{}.to_case", at()),
                        to_case,
                        "a case other than the one the collection is on",
                    ));
                }
                let (ev, doc) = match record {
                    Record::Held(ev, doc) | Record::Distributed(ev, doc, _) => (*ev, *doc),
                    Record::Reversed => {
                        return Err(unknown(i, collection_id, "a collection not reversed"));
                    }
                };
                let c = collection_of(events, ev);
                if *date < c.receipt_date {
                    return Err(Error::invalid(
                        format!("{}.date", at()),
                        date,
                        format!(
                            "a date on or after the collection's receipt, {}",
                            c.receipt_date
                        ),
                    ));
                }
                let record = std::mem::replace(record, Record::Reversed);
                let mut out = EventResult::empty("move_out", Some(c.id.clone()), Money::ZERO);
                let mut into = match record {
                    Record::Distributed(_, _, boxed) => {
                        let (delta, tt) = *boxed;
                        out.overpayment_added = reverse(&mut cases[k], &delta, *disbursed);
                        out.totals.add(&tt, -1);
                        let (r, delta) = distribute_one(ctx, &mut cases[t], c, doc, *date)?;
                        records.insert(
                            &c.id,
                            (t, Record::Distributed(ev, doc, Box::new((delta, r.totals)))),
                        );
                        r
                    }
                    Record::Held(..) => {
                        let hold = c.hold.expect("a held collection has its hold");
                        out.totals.held = -c.amount;
                        let r = hold_result(rules, c, hold, doc, cases[t].ura, at)?;
                        records.insert(&c.id, (t, Record::Held(ev, doc)));
                        r
                    }
                    Record::Reversed => unreachable!("checked above"),
                };
                out.ura_after = cases[k].ura;
                out.notes.push(format!(
                    "moved to case {to_case}: reversed here, distributed there with its date of collection (library reading R-DI-10)"
                ));
                into.notes.push(format!(
                    "moved from case {}: distributed here with its date of collection {doc} (library reading R-DI-10)",
                    cases[k].id
                ));
                out.reason = Some(reason.clone());
                out.linked_case = Some(to_case.clone());
                into.kind = "move_in";
                into.reason = Some(reason.clone());
                into.linked_case = Some(cases[k].id.clone());
                totals[k].add(&out.totals, 1);
                totals[t].add(&into.totals, 1);
                results[k].push(out);
                results[t].push(into);
            }
        }
    }
    // Collections still held, and those past the State's unclaimed period.
    let mut held: Vec<Vec<Held>> = cases.iter().map(|_| Vec::new()).collect();
    let mut lost: Vec<Vec<Undistributable>> = cases.iter().map(|_| Vec::new()).collect();
    for (k, record) in records.values() {
        let Record::Held(ev, doc) = record else {
            continue;
        };
        let c = collection_of(events, *ev);
        let reason = c.hold.map(|h| h.reason).unwrap_or(HoldReason::Other);
        // Checked when the collection was held, so no error is left to report here.
        let release_by = match c.hold {
            Some(hold) => release_by(ctx.rules, c, hold, String::new)?,
            None => None,
        };
        held[*k].push(Held {
            reason,
            amount: c.amount,
            date_of_collection: *doc,
            release_by,
        });
        if let (Some(as_of), HoldReason::UnidentifiedPayee) = (as_of, reason) {
            if let Some(period) = &ctx.election(*doc)?.1.unclaimed_after {
                let months = i32::try_from(period.months).unwrap_or(i32::MAX);
                let from = c
                    .receipt_date
                    .first_of_month_offset(months)?
                    .with_day_clamped(c.receipt_date.day());
                if from <= as_of {
                    lost[*k].push(Undistributable {
                        collection_id: c.id.clone(),
                        amount: c.amount,
                        date_of_collection: *doc,
                        undistributable_from: from,
                        citation: UNDISTRIBUTABLE,
                        state_citation: period.citation.clone(),
                    });
                }
            }
        }
    }
    let mut out = Vec::with_capacity(cases.len());
    for (((mut case, events), totals), (mut held, mut lost)) in cases
        .into_iter()
        .zip(results)
        .zip(totals)
        .zip(held.into_iter().zip(lost))
    {
        normalise(&mut case);
        held.sort_by_key(|h| (h.date_of_collection, h.amount));
        lost.sort_by(|a, b| {
            (a.date_of_collection, &a.collection_id).cmp(&(b.date_of_collection, &b.collection_id))
        });
        out.push(DistributionResult {
            events,
            totals,
            case,
            held,
            undistributable: lost,
        });
    }
    Ok(out)
}

/// The last day a collection may be held: for a joint-return tax offset, the rules' months from
/// the notification (45 CFR 303.72(h)(5)); no date for the other reasons. An error names the
/// field when the hold does not fit the collection.
fn release_by(
    rules: &Rules,
    c: &Collection,
    hold: Hold,
    at: impl Fn() -> String,
) -> Result<Option<Date>, Error> {
    if hold.reason != HoldReason::JointReturn {
        return Ok(None);
    }
    if c.source != Source::FederalTaxOffset {
        return Err(Error::invalid(format!("{}.hold.reason", at()), "joint_return", "a reason other than joint_return: only a federal tax refund offset is held for a joint return"));
    }
    let notified = hold.notified.ok_or_else(|| {
        Error::invalid(
            format!("{}.hold.notified", at()),
            "",
            "the date of notification of the joint-return offset",
        )
    })?;
    let timing = in_force(&rules.distribution.timing, "distribution.timing", notified)?;
    let months = i32::try_from(timing.joint_return_hold_months).unwrap_or(i32::MAX);
    let first = notified.first_of_month_offset(months)?;
    Ok(Some(first.with_day_clamped(notified.day())))
}

/// A collection held on arrival: the result with its hold path, or an error naming the field.
pub(super) fn hold_result(
    rules: &Rules,
    c: &Collection,
    hold: Hold,
    doc: Date,
    ura: Money,
    at: impl Fn() -> String,
) -> Result<EventResult, Error> {
    let release_by = release_by(rules, c, hold, at)?;
    let mut r = EventResult::empty("collection", Some(c.id.clone()), ura);
    r.date_of_collection = Some(doc);
    r.paths.push(Path {
        applied: Applied::Hold,
        payee: Payee::Held,
        amount: c.amount,
        citation: hold_citation(hold.reason),
        disburse_by: None,
    });
    r.totals.held = c.amount;
    r.held = Some(Held {
        reason: hold.reason,
        amount: c.amount,
        date_of_collection: doc,
        release_by,
    });
    Ok(r)
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
            reason: None,
            linked_case: None,
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
pub(super) fn date_of_collection(case: &CaseState, c: &Collection, election: &Election) -> Date {
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

pub(super) fn distribute_one(
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
    let foster = status == Status::FosterCare;
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
        (Status::CurrentAssistance | Status::FosterCare, _) => FAMILY_CURRENT,
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
    let foster_rule = Rule::FosterArrears;
    let arrears: Vec<(Category, Rule)> = match (status, tax_offset, family_first) {
        (Status::NeverAssistance, _, _) => vec![(Na, fam)],
        (Status::FosterCare, _, _) => [Pa, Ta, Ca, Na, Ua, Up]
            .into_iter()
            .map(|c| (c, foster_rule))
            .collect(),
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
    let pays_current = !tax_offset
        || (election.tax_offset_pays_current
            && !matches!(status, Status::CurrentAssistance | Status::FosterCare));
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
        Status::FosterCare => Rule::FosterCurrent,
    };
    // Specific-dollar medical support: to Medicaid while assigned (45 CFR 302.51(c)(1)),
    // otherwise support like the month's current support; its arrears under the assignment stay
    // assigned (302.51(c)(2)). Where it comes is the State's order (library reading R-DI-7).
    let medical_due = case
        .medical_support
        .iter()
        .find(|m| m.month == month)
        .map(|m| m.due - m.paid)
        .unwrap_or(Money::ZERO);
    let medical_rule = if within(&case.medicaid, doc) {
        Rule::Medicaid
    } else {
        current_rule
    };
    let medical_first = election.medical_support_order == MedicalOrder::BeforeChildSupport;
    let mut tiers: Vec<(Applied, Money, Rule)> = Vec::with_capacity(10);
    if pays_current {
        let current = (Applied::Current, current_due, current_rule);
        let medical = (Applied::MedicalCurrent, medical_due, medical_rule);
        if medical_first {
            tiers.extend([medical, current]);
        } else {
            tiers.extend([current, medical]);
        }
    }
    let medical_arrears = (
        Applied::MedicalArrears,
        case.medical_arrears,
        Rule::Medicaid,
    );
    if medical_first {
        tiers.push(medical_arrears);
    }
    for (cat, rule) in arrears {
        tiers.push((Applied::Arrears(cat), case.arrears.get(cat), rule));
    }
    if !medical_first {
        tiers.push(medical_arrears);
    }
    // IV-E foster care: the month's maintenance payment not yet reimbursed by its support.
    let mut maintenance_left = if foster {
        let paid = case
            .current_support
            .iter()
            .find(|m| m.month == month)
            .map(|m| m.paid)
            .unwrap_or(Money::ZERO);
        let maintenance = case
            .foster_care_maintenance
            .iter()
            .find(|m| m.month == month)
            .map(|m| m.amount)
            .unwrap_or(Money::ZERO);
        (maintenance - paid).max(Money::ZERO)
    } else {
        Money::ZERO
    };
    let former_pass_through =
        status == Status::FormerAssistance && election.former_assistance_pass_through;
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
    let to = |payee, applied, amount, citation| Path {
        applied,
        payee,
        amount,
        citation,
        disburse_by: None,
    };
    // Retained: a federal part (its amount set once per collection below) and the State's.
    let mut retain = |paths: &mut Vec<Path>, applied, kept: Money, citation| {
        if !kept.is_zero() {
            retained.push((paths.len(), kept));
            paths.push(to(Payee::Federal, applied, Money::ZERO, SHARE));
            paths.push(to(Payee::State, applied, kept, citation));
        }
    };
    for (applied, balance, rule) in tiers {
        let take = left.min(balance);
        if take.cents() <= 0 {
            continue;
        }
        left = left - take;
        match applied {
            Applied::Current => delta.current = Some((month, take)),
            Applied::MedicalCurrent => delta.medical = Some((month, take)),
            Applied::MedicalArrears => delta.medical_arrears = take,
            Applied::Arrears(cat) => *delta.arrears.get_mut(cat) = take,
            _ => {}
        }
        match rule {
            Rule::Family(cite) => paths.push(family(applied, take, cite)),
            Rule::Medicaid => paths.push(to(Payee::Medicaid, applied, take, MEDICAID)),
            Rule::FosterCurrent | Rule::FosterArrears => {
                let (cap, kept_cite, rest_cite) = if rule == Rule::FosterCurrent {
                    (
                        maintenance_left,
                        FOSTER_RETAINED_CURRENT,
                        FOSTER_TO_AGENCY_CURRENT,
                    )
                } else {
                    (take, FOSTER_RETAINED_ARREARS, FOSTER_TO_AGENCY_BALANCE)
                };
                let kept = take.min(cap).min(ura_left);
                if rule == Rule::FosterCurrent {
                    maintenance_left = maintenance_left - kept;
                }
                ura_left = ura_left - kept;
                retain(&mut paths, applied, kept, kept_cite);
                let rest = take - kept;
                if !rest.is_zero() {
                    paths.push(to(Payee::IvEAgency, applied, rest, rest_cite));
                }
            }
            Rule::Assigned => {
                let pt = take.min(pass_left);
                if !pt.is_zero() {
                    pass_left = pass_left - pt;
                    let prev = delta.pass_through.map(|p| p.1).unwrap_or(Money::ZERO);
                    delta.pass_through = Some((month, prev + pt));
                    paths.push(family(applied, pt, PASS_THROUGH));
                }
                let rest = take - pt;
                // A former-assistance pass-through (657(a)(6)(A)) pays the family instead.
                let kept = if former_pass_through {
                    Money::ZERO
                } else {
                    rest.min(ura_left)
                };
                ura_left = ura_left - kept;
                retain(&mut paths, applied, kept, retained_cite);
                let over = rest - kept;
                if !over.is_zero() {
                    let cite = if former_pass_through {
                        FORMER_PASS_THROUGH
                    } else {
                        above_ura
                    };
                    paths.push(family(applied, over, cite));
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
                citation: if foster { FOSTER_FUTURES } else { FUTURES },
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
    // Deadlines for the family's payments (a lean run reports only the cents).
    match in_force(&rules.distribution.timing, "distribution.timing", dist) {
        Ok(_) if !ctx.trace => {}
        Ok(timing) => {
            let end_of_month = dist.last_of_month();
            for p in paths.iter_mut().filter(|p| p.payee == Payee::IvEAgency) {
                p.disburse_by = Some(if tax_offset {
                    dist.add_days(i64::from(timing.tax_offset_calendar_days))?
                } else {
                    ctx.business_days_after(end_of_month, timing.iv_e_agency_business_days)?
                });
            }
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
    if let Some((month, m)) = delta.medical {
        if let Some(e) = case.medical_support.iter_mut().find(|e| e.month == month) {
            e.paid = e.paid + m;
        }
    }
    case.medical_arrears = case.medical_arrears - delta.medical_arrears;
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
        collection_id: ctx.trace.then(|| c.id.clone()),
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
        reason: None,
        linked_case: None,
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
    if let Some((month, m)) = delta.medical {
        if let Some(e) = case.medical_support.iter_mut().find(|e| e.month == month) {
            e.paid = e.paid - m;
        }
    }
    case.medical_arrears = case.medical_arrears + delta.medical_arrears;
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
