//! Printouts: one self-contained HTML page a caseworker can hand a judge.
//!
//! [`california`], [`texas`] and [`arrears`] turn a result into a page with print styles (US
//! letter; a typical guideline case fits one page): an optional caption (court, county, case
//! number, hearing date), the parties by role and, optionally, by name, the headline amount, the
//! lines that apply with the law behind each, and a sources appendix naming the rules used (their
//! version, fingerprint and any series the user replaced) and every figure that rests on a
//! secondary source. [`from_request`] computes a JSON request and prints it, for the interfaces
//! that speak JSON (the command line, Python).
//!
//! What a judge reads, and how:
//!
//! - Money in dollars and cents; factors to 6 places and percentages to 4 ([`format`]); a figure
//!   with more places than shown is marked `*` and a note says so. The exact values stay in the
//!   JSON result.
//! - Citations are law: statutes, regulations, published notices, and the library's readings by
//!   their identifier ("library reading R-CA-3"). A rules entry's source that is not the official
//!   text (a secondary source) is named in the appendix, not on the line.
//! - No machine keys: the page never shows a field name, a step key or a request path.
//!
//! California: the guideline amount, and when the obligor qualifies for the low-income
//! adjustment the presumptive amount as the headline with the range; the time share and, when
//! given, how it was measured ([`time_share`]); add-on and hardship lines only when they apply;
//! a negative adjusted income flagged. Texas: net resources, each §154.128 step for several
//! households, and the §154.130 findings with the percentage applied as applied. Arrears: the
//! totals, a chart of principal and interest over time (inline SVG), and the ledger line by line
//! with each payment's identifier and source; an order change is shown as a change of the
//! installment, not as a charge.

pub mod format;
mod page;

mod arrears;
mod california;
mod texas;

#[cfg(test)]
mod tests;

use serde::{Deserialize, Serialize};

use crate::date::Date;
use crate::error::Error;
use crate::exact::Exact;
use crate::rules::Rules;

pub use arrears::arrears;
pub use california::california;
pub use page::{
    catalogue_citation, has_forbidden, has_forbidden_except_web, split_citation, Cited, FORBIDDEN,
};
pub use texas::texas;

/// The caption of the case, every part optional.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Caption {
    /// The court (`Superior Court of California`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub court: Option<String>,
    /// The county.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub county: Option<String>,
    /// The case number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub case_number: Option<String>,
    /// The hearing date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hearing_date: Option<Date>,
}

/// A party's role in the case as filed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CourtRole {
    /// The petitioner.
    Petitioner,
    /// The respondent.
    Respondent,
    /// Another party (a local child support agency, an intervenor).
    OtherParty,
}

impl CourtRole {
    /// The role in words.
    pub fn word(self) -> &'static str {
        match self {
            CourtRole::Petitioner => "petitioner",
            CourtRole::Respondent => "respondent",
            CourtRole::OtherParty => "other party",
        }
    }
}

/// How a party is named on the page, beyond the role the calculation gives them.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Party {
    /// The party's name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Petitioner or respondent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<CourtRole>,
}

/// The parties: California names parents A and B (the obligor and obligee follow from the
/// result); Texas and arrears name the obligor and the obligee.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Parties {
    /// California: the request's parent A.
    #[serde(default)]
    pub parent_a: Party,
    /// California: the request's parent B.
    #[serde(default)]
    pub parent_b: Party,
    /// Texas and arrears: the obligor.
    #[serde(default)]
    pub obligor: Party,
    /// Texas and arrears: the obligee.
    #[serde(default)]
    pub obligee: Party,
}

/// A unit a time share is counted in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TimeUnit {
    /// Overnights a year (of 365).
    Nights,
    /// Hours a year (of 8,760).
    Hours,
}

/// How a time share was measured: `parent` has `count` of `of` nights or hours a year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TimeMeasure {
    /// Whose time it is (California: `parent_a` or `parent_b`).
    pub parent: crate::guideline::Parent,
    /// Nights or hours.
    pub unit: TimeUnit,
    /// The parent's count.
    pub count: u32,
    /// The year's count (365 nights, 8,760 hours; 366 and 8,784 in a leap year).
    pub of: u32,
}

impl TimeMeasure {
    /// The count in words: `1,248 of 8,760 hours a year`.
    pub fn words(&self) -> String {
        let unit = match self.unit {
            TimeUnit::Nights => "nights",
            TimeUnit::Hours => "hours",
        };
        format!(
            "{} of {} {unit} a year",
            format::count(self.count),
            format::count(self.of)
        )
    }
}

/// The time share a count of nights or hours gives: `count / of`, exact. Every other weekend
/// counted as 1,248 of the year's 8,760 hours (52 days of 365) is 1,248 / 8,760 = 52/365 =
/// 0.142465…, printed 14.2466% (to four places, marked as rounded for display).
///
/// ```
/// use childsupport::printout::{time_share, TimeMeasure, TimeUnit};
/// use childsupport::guideline::Parent;
/// let every_other_weekend = TimeMeasure { parent: Parent::B, unit: TimeUnit::Hours, count: 1248, of: 8760 };
/// let share = time_share(&every_other_weekend)?;
/// assert_eq!(share.to_string(), "52/365");
/// assert_eq!(share.to_decimal_places(6).unwrap().to_string(), "0.142466");
/// # Ok::<(), childsupport::Error>(())
/// ```
///
/// The count must be at most the year's, and the year's must be a year of nights (365, 366) or
/// of hours (8,760, 8,784).
pub fn time_share(m: &TimeMeasure) -> Result<Exact, Error> {
    let years: &[u32] = match m.unit {
        TimeUnit::Nights => &[365, 366],
        TimeUnit::Hours => &[8760, 8784],
    };
    if !years.contains(&m.of) {
        return Err(Error::invalid(
            "time_measure.of",
            m.of,
            match m.unit {
                TimeUnit::Nights => "365 or 366 nights a year",
                TimeUnit::Hours => "8760 or 8784 hours a year",
            },
        ));
    }
    if m.count > m.of {
        return Err(Error::invalid(
            "time_measure.count",
            m.count,
            format!("0 to {} (the year's count)", m.of),
        ));
    }
    Ok(Exact::ratio(m.count as i128, m.of as i128))
}

/// What a printout shows beyond the result: the caption, the parties' names and roles, and
/// facts the calculation does not need.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PrintOptions {
    /// The case caption.
    #[serde(default)]
    pub caption: Caption,
    /// The parties' names and roles.
    #[serde(default)]
    pub parties: Parties,
    /// California: how the time share was measured (printed next to it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time_measure: Option<TimeMeasure>,
    /// California: a §4071 hardship deduction is claimed, so the §4071(b) cap applies and is
    /// printed (by default it is not: it applies only to a hardship claim).
    #[serde(default)]
    pub hardship_claimed: bool,
}

/// A request's envelope and the printout options, as the JSON interfaces take them.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PrintRequest<'a> {
    kind: String,
    #[serde(borrow)]
    input: &'a serde_json::value::RawValue,
}

/// The kinds that have a printout.
pub const KINDS: &[&str] = &["california_guideline", "texas_guideline", "arrears_ledger"];

/// Computes a JSON request (`{"kind", "input"}`, as [`crate::api::handle`] takes) and returns its
/// printout. `options` is JSON of [`PrintOptions`] (`{"caption": {...}, "parties": {...}}`), or
/// empty for none. Errors are those of the request (with the input's field paths), or a
/// `request` error for a kind without a printout.
pub fn from_request(rules: &Rules, request: &str, options: &str) -> Result<String, Error> {
    let options: PrintOptions = if options.trim().is_empty() {
        PrintOptions::default()
    } else {
        let mut de = serde_json::Deserializer::from_str(options);
        serde_path_to_error::deserialize(&mut de).map_err(|e| Error::InvalidInput {
            field: format!("options.{}", e.path()),
            value: String::new(),
            allowed: format!(
                "printout options: caption (court, county, case_number, hearing_date), parties (parent_a, parent_b, obligor, obligee: name, role petitioner | respondent | other_party), time_measure (parent parent_a | parent_b, unit nights | hours, count, of), hardship_claimed ({})",
                e.into_inner()
            ),
        })?
    };
    let env: PrintRequest = serde_json::from_str(request).map_err(|e| Error::Request {
        message: format!("{e} (a request is {{\"kind\": ..., \"input\": {{...}}}})"),
    })?;
    match env.kind.as_str() {
        "california_guideline" => {
            let input = crate::api::parse(env.input)?;
            let result = crate::guideline::california::compute(rules, &input)?;
            Ok(california(&result, rules, &options))
        }
        "texas_guideline" => {
            let input = crate::api::parse(env.input)?;
            let result = crate::guideline::texas::compute(rules, &input)?;
            Ok(texas(&result, rules, &options))
        }
        "arrears_ledger" => {
            let input = crate::api::parse(env.input)?;
            let result = crate::arrears::compute_ledger(rules, &input)?;
            Ok(arrears(&result, rules, &options))
        }
        other => Err(Error::Request {
            message: format!(
                "no printout for kind {other:?}; printouts are made for {}",
                KINDS.join(", ")
            ),
        }),
    }
}
