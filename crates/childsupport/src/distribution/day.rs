//! A day's collections over several cases (`iv_d_distribution_day`): each case's distribution,
//! the totals by payee and by managing agency (county), and moves of misallocated collections
//! from one case to another.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::engine::{run, validate_case, validate_common, Ctx};
use super::*;
use crate::error::Error;
use crate::rules::Rules;

/// The input of `iv_d_distribution_day`.
///
/// ```json
/// {"cases": [{"id": "A", "agency": "Jackson County", "arrears": {"NA": "500"}},
///            {"id": "B", "agency": "Greene County", "arrears": {"NA": "300"}}],
///  "policy": [{"effective_from": "2000-01-01", "former_assistance_order": "prwora"}],
///  "events": [{"type": "collection", "case": "A", "id": "c1", "amount": "200",
///              "source": "voluntary", "receipt_date": "2025-03-10"},
///             {"type": "move", "collection_id": "c1", "to_case": "B", "date": "2025-03-12",
///              "reason": "posted to the wrong obligor"}]}
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct DayInput {
    /// The cases before the events, each with its managing agency (`agency`) if any.
    pub cases: Vec<CaseState>,
    /// The State's elections, dated.
    pub policy: Vec<Election>,
    /// FMAP by federal fiscal year.
    #[serde(default)]
    pub fmap: Vec<Fmap>,
    /// Days the State's offices are closed besides Saturdays and Sundays.
    #[serde(default)]
    pub holidays: Vec<Date>,
    /// The events of all cases, in any order; collections and consents name their `case`, a
    /// move its `to_case`.
    pub events: Vec<Event>,
    /// The date as of which held collections past the State's unclaimed period are reported.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub as_of: Option<Date>,
}

/// What one managing agency's cases moved, by payee.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct AgencyTotals {
    /// The agency (absent: the cases that name none).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub agency: Option<String>,
    /// Its cases, by ID.
    pub cases: Vec<String>,
    /// By payee (reversals and moves out subtract).
    pub totals: Totals,
}

/// The result of `iv_d_distribution_day`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct DayResult {
    /// Each case's distribution, in the order the cases were given.
    pub cases: Vec<DistributionResult>,
    /// By payee over all cases.
    pub totals: Totals,
    /// By managing agency, by agency name (the cases naming none last).
    pub agencies: Vec<AgencyTotals>,
}

/// Distributes a day's events over its cases (see the module docs). The result does not depend
/// on the order in which cases or events are listed, beyond the order of `cases` in it.
pub fn distribute_day(rules: &Rules, input: &DayInput) -> Result<DayResult, Error> {
    if input.cases.is_empty() {
        return Err(Error::invalid("cases", "[]", "at least one case"));
    }
    let mut index: BTreeMap<&str, usize> = BTreeMap::new();
    for (k, case) in input.cases.iter().enumerate() {
        let at = format!("cases[{k}]");
        validate_case(case, &at)?;
        if index.insert(case.id.as_str(), k).is_some() {
            return Err(Error::invalid(
                format!("{at}.id"),
                &case.id,
                "an identifier not used by another case",
            ));
        }
    }
    validate_common(&input.policy, &input.fmap, &input.events)?;
    let mut case_of = vec![0usize; input.events.len()];
    for (i, ev) in input.events.iter().enumerate() {
        let (named, field) = match ev {
            Event::Collection(c) => (c.case.as_deref(), "case"),
            Event::Consent { case, .. } => (case.as_deref(), "case"),
            Event::Move { to_case, .. } => (Some(to_case.as_str()), "to_case"),
            _ => continue,
        };
        case_of[i] = named.and_then(|n| index.get(n).copied()).ok_or_else(|| {
            Error::invalid(
                format!("events[{i}].{field}"),
                named.unwrap_or(""),
                "the id of one of the day's cases",
            )
        })?;
    }
    let ctx = Ctx {
        rules,
        policy: &input.policy,
        fmap: &input.fmap,
        holidays: &input.holidays,
        trace: true,
    };
    let cases = run(&ctx, &input.cases, &input.events, &case_of, input.as_of)?;
    let mut totals = Totals::default();
    let mut by_agency: BTreeMap<(bool, &str), AgencyTotals> = BTreeMap::new();
    for (case, result) in input.cases.iter().zip(&cases) {
        totals.add(&result.totals, 1);
        let named = !case.agency.is_empty();
        let entry = by_agency
            .entry((!named, case.agency.as_str()))
            .or_insert_with(|| AgencyTotals {
                agency: named.then(|| case.agency.clone()),
                cases: Vec::new(),
                totals: Totals::default(),
            });
        entry.cases.push(case.id.clone());
        entry.totals.add(&result.totals, 1);
    }
    let agencies = by_agency
        .into_values()
        .map(|mut a| {
            a.cases.sort();
            a
        })
        .collect();
    Ok(DayResult {
        cases,
        totals,
        agencies,
    })
}
