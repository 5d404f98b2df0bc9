//! What a county's rules file changes against the embedded rules (`childsupport rules check`).
//!
//! A rules file that loads is valid ([`Rules::from_toml_str`] checks every series); this report
//! says what it *does*: which series it replaces, which dates each replaced series covers that
//! the embedded one did not (coverage gained) and which it no longer covers (coverage lost), the
//! gaps inside a replaced series, and which series of the effective rule set stop covering dates
//! soon (or already have). It works on the rule set's canonical JSON, so every series of every
//! jurisdiction is reported the same way, including series added later.
//!
//! ```
//! use childsupport::rules::check::check;
//! use childsupport::{Date, Rules};
//!
//! let rules = Rules::from_toml_str(
//!     r#"
//! [[california.minimum_wage]]
//! effective_from = "2027-01-01"
//! effective_through = "2027-12-31"
//! hourly = "17.25"
//! citation = "county test"
//! status = "UNVERIFIED"
//! "#,
//! )
//! .unwrap();
//! let report = check(&rules, Date::new(2027, 11, 1).unwrap(), 90);
//! let wage = &report.replaced[0];
//! assert_eq!(wage.series, "california.minimum_wage");
//! assert_eq!(wage.gained[0].to_string(), "2027-01-01 to 2027-12-31");
//! // 2027-12-31 is 60 days after 2027-11-01.
//! let ends = report.ending.iter().find(|e| e.series == "california.minimum_wage").unwrap();
//! assert_eq!(ends.days_left, 60);
//! ```

use std::fmt::{self, Write as _};

use serde::Serialize;
use serde_json::Value;

use super::Rules;
use crate::date::Date;

/// The report on a loaded rule set against the embedded rules.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RulesCheck {
    /// The loaded rule set's version.
    pub version: String,
    /// The loaded rule set's fingerprint ([`Rules::fingerprint`]).
    pub fingerprint: String,
    /// The embedded rules' fingerprint, for comparison.
    pub embedded_fingerprint: String,
    /// The date "soon" is measured from.
    pub today: Date,
    /// How many days after `today` count as soon.
    pub within_days: i64,
    /// Each series the document replaced, in the order written.
    pub replaced: Vec<SeriesChange>,
    /// Series of the effective rule set whose coverage ends within `within_days` of `today`,
    /// or ended before it.
    pub ending: Vec<Ending>,
}

/// A replaced series compared with the embedded one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SeriesChange {
    /// The series (`california.minimum_wage`).
    pub series: String,
    /// Whether the replacement holds exactly the embedded data.
    pub same_as_embedded: bool,
    /// Entries in the replacement.
    pub entries: usize,
    /// Entries in the embedded series.
    pub embedded_entries: usize,
    /// The dates the replacement covers.
    pub coverage: Vec<Span>,
    /// The dates the embedded series covers.
    pub embedded_coverage: Vec<Span>,
    /// Dates the replacement covers and the embedded series does not.
    pub gained: Vec<Span>,
    /// Dates the embedded series covers and the replacement does not: a request for one of
    /// them is now a `no_rule` error for this series.
    pub lost: Vec<Span>,
    /// Dates between the replacement's first and last covered dates that no entry covers.
    pub gaps: Vec<Span>,
}

/// A series whose coverage ends soon, or has ended.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Ending {
    /// The series.
    pub series: String,
    /// The last date any entry covers.
    pub last_covered: Date,
    /// Days from `today` to that date (negative: it has ended).
    pub days_left: i64,
    /// Whether the loaded document replaced the series.
    pub replaced: bool,
}

/// A range of dates, both ends inclusive; no `through` means onward without end.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Span {
    /// The first date.
    pub from: Date,
    /// The last date, if there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub through: Option<Date>,
}

impl fmt::Display for Span {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.through {
            Some(t) if t == self.from => write!(f, "{}", self.from),
            Some(t) => write!(f, "{} to {t}", self.from),
            None => write!(f, "{} onward", self.from),
        }
    }
}

/// Open-ended coverage, as a day number.
const ONWARD: i64 = i64::MAX;

/// Day ranges, inclusive, sorted and merged (adjacent ranges joined).
type Days = Vec<(i64, i64)>;

/// The report for `rules` against the embedded rules; `today` and `within_days` decide which
/// coverage ends soon.
pub fn check(rules: &Rules, today: Date, within_days: i64) -> RulesCheck {
    let embedded = Rules::embedded();
    let ours = serde_json::to_value(rules).unwrap_or(Value::Null);
    let theirs = serde_json::to_value(embedded).unwrap_or(Value::Null);
    let replaced = rules
        .replaced()
        .iter()
        .map(|name| {
            let mine = lookup(&ours, name);
            let base = lookup(&theirs, name);
            let coverage = covered(mine);
            let embedded_coverage = covered(base);
            let gaps = match (coverage.first(), coverage.last()) {
                (Some(first), Some(last)) => minus(&[(first.0, last.1)], &coverage),
                _ => Vec::new(),
            };
            SeriesChange {
                series: name.clone(),
                same_as_embedded: mine == base,
                entries: count(mine),
                embedded_entries: count(base),
                gained: spans(&minus(&coverage, &embedded_coverage)),
                lost: spans(&minus(&embedded_coverage, &coverage)),
                gaps: spans(&gaps),
                coverage: spans(&coverage),
                embedded_coverage: spans(&embedded_coverage),
            }
        })
        .collect();
    let horizon = today.to_days().saturating_add(within_days);
    let mut ending = Vec::new();
    for (name, series) in all_series(&ours) {
        let Some(&(_, last)) = covered(Some(series)).last() else {
            continue;
        };
        if last == ONWARD || last > horizon {
            continue;
        }
        if let Ok(last_covered) = Date::from_days(last) {
            ending.push(Ending {
                replaced: rules.replaced().contains(&name),
                series: name,
                last_covered,
                days_left: today.days_until(last_covered),
            });
        }
    }
    ending.sort_by(|a, b| (a.last_covered, &a.series).cmp(&(b.last_covered, &b.series)));
    RulesCheck {
        version: rules.meta.version.clone(),
        fingerprint: rules.fingerprint().to_string(),
        embedded_fingerprint: embedded.fingerprint().to_string(),
        today,
        within_days,
        replaced,
        ending,
    }
}

/// The value at `jurisdiction.series` of a rule set's JSON.
fn lookup<'a>(rules: &'a Value, name: &str) -> Option<&'a Value> {
    let (jurisdiction, series) = name.split_once('.')?;
    rules.get(jurisdiction)?.get(series)
}

/// Every series (a list of dated entries) of a rule set's JSON, named `jurisdiction.series`.
fn all_series(rules: &Value) -> Vec<(String, &Value)> {
    let mut out = Vec::new();
    if let Some(jurisdictions) = rules.as_object() {
        for (j, value) in jurisdictions {
            for (s, series) in value.as_object().into_iter().flatten() {
                if series.is_array() {
                    out.push((format!("{j}.{s}"), series));
                }
            }
        }
    }
    out
}

fn count(series: Option<&Value>) -> usize {
    series.and_then(Value::as_array).map_or(0, Vec::len)
}

/// The days a series' entries cover, merged.
fn covered(series: Option<&Value>) -> Days {
    let date = |v: Option<&Value>| v.and_then(Value::as_str)?.parse::<Date>().ok();
    let mut days: Days = series
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|entry| {
            let from = date(entry.get("effective_from"))?.to_days();
            let through = date(entry.get("effective_through")).map_or(ONWARD, Date::to_days);
            Some((from, through))
        })
        .collect();
    days.sort_unstable();
    let mut merged: Days = Vec::new();
    for (from, through) in days {
        match merged.last_mut() {
            Some(last) if from <= last.1.saturating_add(1) => last.1 = last.1.max(through),
            _ => merged.push((from, through)),
        }
    }
    merged
}

/// The days of `a` that are not in `b` (both merged).
fn minus(a: &[(i64, i64)], b: &[(i64, i64)]) -> Days {
    let mut out = Vec::new();
    for &(from, through) in a {
        let mut start = from;
        for &(bf, bt) in b {
            if bt < start || bf > through {
                continue;
            }
            if bf > start {
                out.push((start, bf - 1));
            }
            if bt >= through {
                start = ONWARD;
                break;
            }
            start = bt + 1;
        }
        if start <= through && start != ONWARD {
            out.push((start, through));
        }
    }
    out
}

fn spans(days: &[(i64, i64)]) -> Vec<Span> {
    days.iter()
        .filter_map(|&(from, through)| {
            Some(Span {
                from: Date::from_days(from).ok()?,
                through: if through == ONWARD {
                    None
                } else {
                    Some(Date::from_days(through).ok()?)
                },
            })
        })
        .collect()
}

fn list(spans: &[Span]) -> String {
    if spans.is_empty() {
        "none".to_string()
    } else {
        spans
            .iter()
            .map(Span::to_string)
            .collect::<Vec<_>>()
            .join(", ")
    }
}

impl fmt::Display for RulesCheck {
    /// The report as text for a person.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut s = String::new();
        let _ = writeln!(s, "The rules load: version {}", self.version);
        let _ = writeln!(s, "  fingerprint           {}", self.fingerprint);
        let _ = writeln!(s, "  embedded fingerprint  {}", self.embedded_fingerprint);
        if self.replaced.is_empty() {
            let _ = writeln!(s, "\nNo series replaced: these are the embedded rules.");
        } else {
            let _ = writeln!(s, "\nSeries replaced ({}):", self.replaced.len());
        }
        for c in &self.replaced {
            let same = if c.same_as_embedded {
                " (the same data as embedded)"
            } else {
                ""
            };
            let _ = writeln!(
                s,
                "  {}: {} entries, embedded {}{same}",
                c.series, c.entries, c.embedded_entries
            );
            let _ = writeln!(s, "    covers            {}", list(&c.coverage));
            let _ = writeln!(s, "    embedded covers   {}", list(&c.embedded_coverage));
            let _ = writeln!(s, "    coverage gained   {}", list(&c.gained));
            let _ = writeln!(s, "    coverage lost     {}", list(&c.lost));
            if !c.gaps.is_empty() {
                let _ = writeln!(s, "    gaps (no_rule)    {}", list(&c.gaps));
            }
        }
        let _ = writeln!(
            s,
            "\nCoverage ending by {} days after {}:",
            self.within_days, self.today
        );
        if self.ending.is_empty() {
            let _ = writeln!(s, "  none");
        }
        for e in &self.ending {
            let when = if e.days_left < 0 {
                format!("ended {} days ago", -e.days_left)
            } else {
                format!("{} days left", e.days_left)
            };
            let whose = if e.replaced { ", replaced" } else { "" };
            let _ = writeln!(
                s,
                "  {}: last covered {} ({when}{whose})",
                e.series, e.last_covered
            );
        }
        f.write_str(&s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> Date {
        s.parse().unwrap()
    }

    #[test]
    fn a_replaced_series_reports_coverage_gained_lost_and_gaps() {
        // The embedded minimum wage covers 2024-01-01 to 2026-12-31 (one entry a year). This file
        // keeps 2024, skips 2025, and adds 2027: 2025 and 2026 are lost, 2027 gained, 2025 to
        // 2026 is a gap inside the replacement.
        let doc = r#"
[[california.minimum_wage]]
effective_from = "2024-01-01"
effective_through = "2024-12-31"
hourly = "16.00"
citation = "a"
status = "VERIFIED"
[[california.minimum_wage]]
effective_from = "2027-01-01"
effective_through = "2027-12-31"
hourly = "17.25"
citation = "b"
status = "UNVERIFIED"
"#;
        let rules = Rules::from_toml_str(doc).unwrap();
        let r = check(&rules, day("2027-11-30"), 90);
        assert_eq!(r.replaced.len(), 1);
        let c = &r.replaced[0];
        assert_eq!(c.series, "california.minimum_wage");
        assert!(!c.same_as_embedded);
        assert_eq!(c.entries, 2);
        assert_eq!(list(&c.embedded_coverage), "2024-01-01 to 2026-12-31");
        assert_eq!(
            list(&c.coverage),
            "2024-01-01 to 2024-12-31, 2027-01-01 to 2027-12-31"
        );
        assert_eq!(list(&c.gained), "2027-01-01 to 2027-12-31");
        assert_eq!(list(&c.lost), "2025-01-01 to 2026-12-31");
        assert_eq!(list(&c.gaps), "2025-01-01 to 2026-12-31");
        // 2027-12-31 is 31 days after 2027-11-30.
        let wage = r
            .ending
            .iter()
            .find(|e| e.series == "california.minimum_wage")
            .unwrap();
        assert_eq!(
            (wage.last_covered, wage.days_left, wage.replaced),
            (day("2027-12-31"), 31, true)
        );
        let text = r.to_string();
        assert!(
            text.contains("coverage lost     2025-01-01 to 2026-12-31"),
            "{text}"
        );
        assert!(
            text.contains(
                "california.minimum_wage: last covered 2027-12-31 (31 days left, replaced)"
            ),
            "{text}"
        );
        assert!(
            text.contains("gaps (no_rule)    2025-01-01 to 2026-12-31"),
            "{text}"
        );
    }

    #[test]
    fn the_report_says_what_ended_what_ends_today_and_omits_no_gaps() {
        // The embedded minimum wage is known through 2026-12-31.
        let text = |today: &str| check(Rules::embedded(), day(today), 90).to_string();
        let after = text("2027-01-05");
        assert!(
            after.contains("california.minimum_wage: last covered 2026-12-31 (ended 5 days ago)"),
            "{after}"
        );
        let on = text("2026-12-31");
        assert!(
            on.contains("california.minimum_wage: last covered 2026-12-31 (0 days left)"),
            "{on}"
        );
        // A replacement without a gap writes no gaps line.
        let doc = r#"
[[california.minimum_wage]]
effective_from = "2024-01-01"
effective_through = "2024-12-31"
hourly = "16.00"
citation = "Lab. Code §1182.12"
status = "VERIFIED"
"#;
        let report = check(&Rules::from_toml_str(doc).unwrap(), day("2024-06-01"), 90).to_string();
        assert!(report.contains("coverage lost"), "{report}");
        assert!(!report.contains("gaps (no_rule)"), "{report}");
    }

    #[test]
    fn the_embedded_rules_replace_nothing_and_name_what_ends() {
        let r = check(Rules::embedded(), day("2026-11-30"), 90);
        assert!(r.replaced.is_empty());
        assert_eq!(r.fingerprint, r.embedded_fingerprint);
        // The embedded minimum wage is known through 2026-12-31: 31 days after 2026-11-30.
        let wage = r
            .ending
            .iter()
            .find(|e| e.series == "california.minimum_wage")
            .unwrap();
        assert_eq!((wage.days_left, wage.replaced), (31, false));
        // Open-ended series (the SB 343 K table) never end.
        assert!(r.ending.iter().all(|e| e.series != "california.k_tables"));
        // The Texas cap is known through 2031-08-31: past a 90-day horizon, not listed; with the
        // horizon on that very day (1,735 days after 2026-11-30), listed.
        assert!(r
            .ending
            .iter()
            .all(|e| e.series != "texas.net_resources_cap"));
        let on_the_day = check(Rules::embedded(), day("2026-11-30"), 1_735);
        let cap = on_the_day
            .ending
            .iter()
            .find(|e| e.series == "texas.net_resources_cap")
            .unwrap();
        assert_eq!(cap.days_left, 1_735);
        let a_day_short = check(Rules::embedded(), day("2026-11-30"), 1_734);
        assert!(a_day_short
            .ending
            .iter()
            .all(|e| e.series != "texas.net_resources_cap"));
    }

    #[test]
    fn the_same_data_replaced_is_said_so() {
        let doc = r#"
[[california.add_on_apportionment]]
effective_from = "2004-01-01"
effective_through = "2024-08-31"
default = "equal"
citation = "Fam. Code §4061(a) (former text): one-half each unless a party requests otherwise"
status = "SECONDARY"
[[california.add_on_apportionment]]
effective_from = "2024-09-01"
default = "proportional"
citation = "Fam. Code §4061(a)-(d) (SB 343): in proportion to net incomes as adjusted by (c) and (d)"
status = "VERIFIED"
"#;
        let rules = Rules::from_toml_str(doc).unwrap();
        let r = check(&rules, day("2026-11-30"), 90);
        let c = &r.replaced[0];
        assert!(c.same_as_embedded);
        assert!(c.gained.is_empty() && c.lost.is_empty() && c.gaps.is_empty());
        assert_eq!(list(&c.coverage), "2004-01-01 onward");
        assert_eq!(r.fingerprint, r.embedded_fingerprint);
    }

    #[test]
    fn set_difference_of_day_ranges() {
        assert_eq!(minus(&[(1, 10)], &[(3, 4), (8, 20)]), vec![(1, 2), (5, 7)]);
        assert_eq!(minus(&[(1, ONWARD)], &[(1, 5)]), vec![(6, ONWARD)]);
        assert_eq!(minus(&[(1, 5)], &[(1, ONWARD)]), vec![]);
        assert_eq!(minus(&[(1, 5)], &[]), vec![(1, 5)]);
        // Ranges wholly before or after, and those touching an end.
        assert_eq!(minus(&[(5, 10)], &[(1, 3), (12, 15)]), vec![(5, 10)]);
        assert_eq!(minus(&[(5, 10)], &[(1, 5)]), vec![(6, 10)]);
        assert_eq!(minus(&[(5, 10)], &[(10, 12)]), vec![(5, 9)]);
    }

    #[test]
    fn a_span_reads_as_a_day_a_range_or_onward() {
        let span = |from: &str, through: Option<&str>| {
            Span {
                from: day(from),
                through: through.map(day),
            }
            .to_string()
        };
        assert_eq!(span("2025-01-01", Some("2025-01-01")), "2025-01-01");
        assert_eq!(
            span("2025-01-01", Some("2025-01-02")),
            "2025-01-01 to 2025-01-02"
        );
        assert_eq!(span("2025-01-01", None), "2025-01-01 onward");
    }
}
