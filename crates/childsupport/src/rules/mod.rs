//! Rules as data.
//!
//! Every legal number the engine uses (rates, tables, caps, thresholds) lives in versioned TOML
//! files under `crates/childsupport/rules/`, one per jurisdiction, each entry with the dates it
//! holds for, its citation and its status tag from the spec (VERIFIED, SECONDARY, CORROBORATED,
//! DERIVED, UNVERIFIED). The files are embedded in the library as the default
//! ([`Rules::embedded`]) and can be replaced at run time ([`Rules::from_toml_str`],
//! [`Rules::from_path`]).
//!
//! # Replacing rules at run time
//!
//! A rules document names only what it replaces. Its top-level tables are jurisdictions
//! (`california`, `texas`, ...); each key inside one is a *series* (`california.minimum_wage`),
//! and a series given in the document replaces the embedded series whole. Everything not named
//! keeps its embedded value. So a county that wants next year's minimum wage loads a file with
//! just the `[[california.minimum_wage]]` entries (the embedded ones plus the new year).
//!
//! # How far a rule holds
//!
//! Each entry has `effective_from` and, where the rule is known to end or is only known to a
//! date, `effective_through` (inclusive). A date outside every entry of a series is an
//! [`Error::NoRule`] naming the date and the covered ranges; the engine never extrapolates.
//!
//! Decimals in the files are written as strings (`"16.50"`) so they are read exactly; dates as
//! `"YYYY-MM-DD"` strings.

/// `impl Dated` for rule entries that keep their dates in a `validity` field.
macro_rules! dated {
    ($($t:ty),*) => {$(
        impl $crate::rules::Dated for $t {
            fn validity(&self) -> &$crate::rules::Validity {
                &self.validity
            }
        }
    )*};
}

pub mod allocation;
pub mod arrears;
pub mod california;
pub mod california_income;
pub mod check;
pub mod distribution;
pub mod federal_tax;
pub mod texas;

use std::fmt;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::date::Date;
use crate::error::Error;

pub use allocation::AllocationRules;
pub use arrears::ArrearsRules;
pub use california::CaliforniaRules;
pub use california_income::CaliforniaIncomeRules;
pub use distribution::DistributionRules;
pub use federal_tax::FederalTaxRules;
pub use texas::TexasRules;

/// The embedded default rules, one TOML document per jurisdiction, concatenated.
const EMBEDDED: &[(&str, &str)] = &[
    ("meta.toml", include_str!("../../rules/meta.toml")),
    (
        "california.toml",
        include_str!("../../rules/california.toml"),
    ),
    ("texas.toml", include_str!("../../rules/texas.toml")),
    (
        "federal_tax.toml",
        include_str!("../../rules/federal_tax.toml"),
    ),
    ("arrears.toml", include_str!("../../rules/arrears.toml")),
    (
        "california_income.toml",
        include_str!("../../rules/california_income.toml"),
    ),
    (
        "allocation.toml",
        include_str!("../../rules/allocation.toml"),
    ),
    (
        "distribution.toml",
        include_str!("../../rules/distribution.toml"),
    ),
];

/// A complete, validated rule set.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rules {
    /// What this rule set is.
    pub meta: Meta,
    /// California: Family Code §4055 and the add-on rules.
    pub california: CaliforniaRules,
    /// Texas: Family Code ch. 154 guideline rules.
    pub texas: TexasRules,
    /// Federal tax parameters by tax year (the Texas tax-chart method).
    pub federal_tax: FederalTaxRules,
    /// Arrears: interest, crediting orders and withholding, California and Texas.
    pub arrears: ArrearsRules,
    /// California net disposable income from gross: federal and state income tax, FICA/SECA
    /// and SDI parameters by tax year.
    pub california_income: CaliforniaIncomeRules,
    /// One collection across an obligor's cases, and income withholding limits.
    pub allocation: AllocationRules,
    /// IV-D distribution: the annual fee, pass-through ceilings, timing and enforcement
    /// thresholds.
    pub distribution: DistributionRules,
    /// The series a caller replaced (`california.minimum_wage`), in the order given.
    #[serde(skip)]
    replaced: Vec<String>,
    #[serde(skip)]
    fingerprint: Cache<String>,
}

/// Which rules a result was computed with: the version, the fingerprint of the whole effective
/// rule set, and the series a caller replaced. The JSON envelope carries it beside every result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RulesUsed<'a> {
    /// The rule set's version (`2026.11.0`).
    pub version: &'a str,
    /// `sha256:` and the hex digest of the effective rule set (after any replacement).
    pub fingerprint: &'a str,
    /// The series a caller replaced; empty for the embedded rules.
    pub replaced: &'a [String],
}

/// What a rule set is: its version and where it comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Meta {
    /// The rule set's version (`2026.11.0`); reported in every result.
    pub version: String,
    /// A sentence on what the rule set holds.
    #[serde(default)]
    pub description: String,
    #[serde(skip)]
    shared_version: Cache<std::sync::Arc<str>>,
}

impl Meta {
    /// The version, shared: every result of the rule set holds the same string.
    pub fn version_shared(&self) -> std::sync::Arc<str> {
        self.shared_version
            .get_or_init(|| std::sync::Arc::from(self.version.as_str()))
            .clone()
    }
}

/// A value derived from rules data the first time it is needed (the exact form of a table), kept
/// with the data so that every later case reuses it. It is not part of the data: two entries
/// with the same data are equal whether or not either has filled its cache, and a clone starts
/// empty.
#[derive(Default)]
pub struct Cache<T>(OnceLock<T>);

impl<T> Cache<T> {
    /// The value, computing it with `f` the first time.
    pub fn get_or_init(&self, f: impl FnOnce() -> T) -> &T {
        self.0.get_or_init(f)
    }
}

impl<T> Clone for Cache<T> {
    fn clone(&self) -> Cache<T> {
        Cache(OnceLock::new())
    }
}

impl<T> PartialEq for Cache<T> {
    fn eq(&self, _: &Cache<T>) -> bool {
        true
    }
}

impl<T> Eq for Cache<T> {}

impl<T> fmt::Debug for Cache<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Cache")
    }
}

/// How sure the spec is of a rule (the spec's status tags).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Status {
    /// Statute or regulation text read.
    Verified,
    /// Reputable secondary sources.
    Secondary,
    /// Several independent secondary sources agree.
    Corroborated,
    /// Built by arithmetic on verified rules.
    Derived,
    /// Not confirmed; used as a parameter with the reading stated.
    Unverified,
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Status::Verified => "VERIFIED",
            Status::Secondary => "SECONDARY",
            Status::Corroborated => "CORROBORATED",
            Status::Derived => "DERIVED",
            Status::Unverified => "UNVERIFIED",
        })
    }
}

/// When an entry holds, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Validity {
    /// The first day the entry holds.
    pub effective_from: Date,
    /// The last day the entry holds (inclusive); absent: until changed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub effective_through: Option<Date>,
    /// The law or source behind the entry.
    pub citation: String,
    /// The spec's status tag for it.
    pub status: Status,
    #[serde(skip)]
    cited: Cache<std::sync::Arc<str>>,
}

impl Validity {
    /// [`Validity::cite`], built once per rules entry and shared by every worksheet that cites it.
    pub fn cite_shared(&self) -> std::sync::Arc<str> {
        self.cited
            .get_or_init(|| std::sync::Arc::from(self.cite()))
            .clone()
    }

    /// Whether the entry holds on `date`.
    pub fn covers(&self, date: Date) -> bool {
        self.effective_from <= date && self.effective_through.is_none_or(|t| date <= t)
    }

    /// The citation with its status tag, as worksheets print it.
    pub fn cite(&self) -> String {
        if self.status == Status::Verified {
            self.citation.clone()
        } else {
            format!("{} [{}]", self.citation, self.status)
        }
    }
}

/// An entry of an effective-dated series.
pub trait Dated {
    /// When the entry holds.
    fn validity(&self) -> &Validity;
}

/// The entry of `series` in force on `date`, or an error naming `rule`, the date and the
/// covered ranges.
pub fn in_force<'a, T: Dated>(series: &'a [T], rule: &str, date: Date) -> Result<&'a T, Error> {
    series
        .iter()
        .find(|e| e.validity().covers(date))
        .ok_or_else(|| Error::NoRule {
            rule: rule.to_string(),
            date,
            covered: coverage(series),
        })
}

/// The ranges a series covers, as text (`2024-01-01 to 2024-12-31, 2025-01-01 onward`).
pub fn coverage<T: Dated>(series: &[T]) -> String {
    if series.is_empty() {
        return "no dates (the series is empty)".to_string();
    }
    series
        .iter()
        .map(|e| {
            let v = e.validity();
            match v.effective_through {
                Some(t) => format!("{} to {}", v.effective_from, t),
                None => format!("{} onward", v.effective_from),
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// Checks that an entry names the law or source behind it (`at` names the entry).
///
/// Worksheets print the citation to a court, so it names law, an official notice or a library
/// reading, never a website: a web address is refused (where a figure was read belongs in a
/// comment of the rules file).
pub fn check_citation(v: &Validity, at: impl FnOnce() -> String) -> Result<(), Error> {
    if v.citation.trim().is_empty() {
        return Err(Error::rules(
            at(),
            "citation is empty; allowed: the law or source behind the entry",
        ));
    }
    if let Some(web) = web_address(&v.citation) {
        return Err(Error::rules(
            at(),
            format!(
                "citation names a website ({web}); allowed: the statute, regulation, official notice or library reading (keep where a figure was read in a comment)"
            ),
        ));
    }
    Ok(())
}

/// The first web address in `text`: a URL scheme, `www.`, or a word ending in a common
/// top-level domain (`wacofamilylaw.com`).
fn web_address(text: &str) -> Option<&str> {
    text.split(|c: char| c.is_whitespace() || matches!(c, '(' | ')' | ',' | ';' | '"'))
        .find(|word| {
            let w = word.trim_end_matches(['.', ':']).to_ascii_lowercase();
            w.contains("://")
                || w.starts_with("www.")
                || [".com", ".org", ".gov", ".net", ".edu", ".us", ".io"]
                    .iter()
                    .any(|tld| w.ends_with(tld) && w.len() > tld.len())
        })
}

/// Checks that a series is in date order, that no two entries overlap, and that every entry
/// has a citation.
pub fn validate_series<T: Dated>(series: &[T], name: &str) -> Result<(), Error> {
    for (i, e) in series.iter().enumerate() {
        let v = e.validity();
        check_citation(v, || format!("{name}[{i}]"))?;
        if let Some(t) = v.effective_through {
            if t < v.effective_from {
                return Err(Error::rules(
                    format!("{name}[{i}]"),
                    format!(
                        "effective_through {t} is before effective_from {}",
                        v.effective_from
                    ),
                ));
            }
        }
        if i > 0 {
            let prev = series[i - 1].validity();
            match prev.effective_through {
                None => {
                    return Err(Error::rules(
                        format!("{name}[{}]", i - 1),
                        "an open-ended entry must be the last of its series",
                    ))
                }
                Some(t) if t >= v.effective_from => {
                    return Err(Error::rules(
                        format!("{name}[{i}]"),
                        format!(
                            "starts {} but the entry before it holds through {t}: entries must be in date order and must not overlap",
                            v.effective_from
                        ),
                    ))
                }
                _ => {}
            }
        }
    }
    Ok(())
}

impl Rules {
    /// The rules embedded in this build (parsed once, then shared read-only).
    pub fn embedded() -> &'static Rules {
        static EMBEDDED_RULES: OnceLock<Rules> = OnceLock::new();
        EMBEDDED_RULES.get_or_init(|| {
            // The embedded files are checked by the test suite; failing here is a build defect.
            Rules::from_table(embedded_table().expect("embedded rules parse"))
                .expect("embedded rules validate")
        })
    }

    /// The embedded rules with the series named in `document` replaced (see the module docs).
    pub fn from_toml_str(document: &str) -> Result<Rules, Error> {
        let overrides: toml::Table = document
            .parse()
            .map_err(|e: toml::de::Error| Error::rules("rules document", e.to_string()))?;
        let mut table = embedded_table()?;
        let mut replaced = Vec::new();
        for (jurisdiction, value) in overrides {
            match (table.get_mut(&jurisdiction), value) {
                (Some(toml::Value::Table(base)), toml::Value::Table(series)) => {
                    for (key, v) in series {
                        replaced.push(format!("{jurisdiction}.{key}"));
                        base.insert(key, v);
                    }
                }
                (Some(_), _) => {
                    return Err(Error::rules(
                        jurisdiction,
                        "must be a table of series (for example [[california.minimum_wage]])",
                    ))
                }
                (None, _) => {
                    return Err(Error::rules(
                        jurisdiction.clone(),
                        format!(
                            "unknown section; the sections are {}",
                            embedded_table()?
                                .keys()
                                .cloned()
                                .collect::<Vec<_>>()
                                .join(", ")
                        ),
                    ))
                }
            }
        }
        let mut rules = Rules::from_table(table).map_err(|e| with_line(e, document))?;
        rules.replaced = replaced;
        Ok(rules)
    }

    /// [`Rules::from_toml_str`] on the contents of a file.
    pub fn from_path(path: impl AsRef<std::path::Path>) -> Result<Rules, Error> {
        let path = path.as_ref();
        let text = std::fs::read_to_string(path)
            .map_err(|e| Error::rules(path.display().to_string(), e.to_string()))?;
        Rules::from_toml_str(&text).map_err(|e| match e {
            Error::Rules { location, message } => {
                Error::rules(format!("{}: {location}", path.display()), message)
            }
            other => other,
        })
    }

    /// The series a caller replaced (`california.minimum_wage`); empty for the embedded rules.
    pub fn replaced(&self) -> &[String] {
        &self.replaced
    }

    /// One fingerprint of the whole effective rule set: `sha256:` and the hex SHA-256 digest of
    /// its canonical JSON (every series, in order, after any replacement). Two rule sets with the
    /// same fingerprint give the same results; a checkpoint or a printout names the rules by it.
    /// Computed once per rule set.
    pub fn fingerprint(&self) -> &str {
        self.fingerprint.get_or_init(|| {
            // Serialising plain data cannot fail; an empty text would still fingerprint.
            crate::digest::sha256_hex(&serde_json::to_string(self).unwrap_or_default())
        })
    }

    /// The version, fingerprint and replaced series, for a result to carry.
    pub fn used(&self) -> RulesUsed<'_> {
        RulesUsed {
            version: &self.meta.version,
            fingerprint: self.fingerprint(),
            replaced: &self.replaced,
        }
    }

    /// The embedded rules as one TOML document (what a county copies to edit).
    pub fn embedded_toml() -> String {
        EMBEDDED
            .iter()
            .map(|(_, text)| *text)
            .collect::<Vec<_>>()
            .join("\n")
    }

    fn from_table(table: toml::Table) -> Result<Rules, Error> {
        // The path of a value that does not deserialise names its entry like validation does.
        let rules: Rules =
            serde_path_to_error::deserialize(toml::Value::Table(table)).map_err(|e| {
                let path = e.path().to_string();
                let location = if path.is_empty() || path == "." {
                    "rules document".to_string()
                } else {
                    path
                };
                // The message alone: the path is the location, the line is added after.
                Error::rules(location, e.into_inner().message().trim_end())
            })?;
        rules.validate()?;
        Ok(rules)
    }

    /// Checks every series: date order, no overlaps, and each jurisdiction's own constraints.
    pub fn validate(&self) -> Result<(), Error> {
        if self.meta.version.trim().is_empty() {
            return Err(Error::rules("meta.version", "must not be empty"));
        }
        self.california.validate()?;
        self.texas.validate()?;
        self.federal_tax.validate()?;
        self.california_income.validate()?;
        self.allocation.validate()?;
        self.distribution.validate()?;
        self.arrears.validate()
    }
}

/// A rules error about a value written in `document` says on which line: the location
/// (`california.k_tables[0].bands[1]`) stays the path, and the message ends `(line N)`.
fn with_line(error: Error, document: &str) -> Error {
    match error {
        Error::Rules { location, message } => match line_of(document, &location) {
            Some(line) => Error::rules(location, format!("{message} (line {line})")),
            None => Error::rules(location, message),
        },
        other => other,
    }
}

/// The line (from 1) of `document` where the deepest part of `location` that the document
/// writes begins: `california.minimum_wage[3].hourly` finds the value, or its entry where the
/// value is not written there. `None` when the document does not write the series.
fn line_of(document: &str, location: &str) -> Option<usize> {
    use toml::de::{DeTable, DeValue};
    let root = DeTable::parse(document).ok()?;
    let mut table: Option<&DeTable<'_>> = Some(root.get_ref());
    let mut span = None;
    for segment in location.split('.') {
        let (key, indexes) = segment.split_once('[').unwrap_or((segment, ""));
        let found = table?
            .iter()
            .find(|(k, _)| k.get_ref().as_ref() == key)
            .map(|(_, v)| v);
        let Some(found) = found else { break };
        span = Some(found.span());
        let mut value = found.get_ref();
        for index in indexes.split('[').filter(|s| !s.is_empty()) {
            let i: usize = index.trim_end_matches(']').parse().ok()?;
            match value {
                DeValue::Array(items) if i < items.len() => {
                    span = Some(items[i].span());
                    value = items[i].get_ref();
                }
                _ => break,
            }
        }
        table = match value {
            DeValue::Table(t) => Some(t),
            _ => None,
        };
        if table.is_none() {
            break;
        }
    }
    let start = span?.start;
    Some(document[..start.min(document.len())].matches('\n').count() + 1)
}

fn embedded_table() -> Result<toml::Table, Error> {
    let mut table = toml::Table::new();
    for (name, text) in EMBEDDED {
        let part: toml::Table = text
            .parse()
            .map_err(|e: toml::de::Error| Error::rules(*name, e.to_string()))?;
        // Several files may add series to one jurisdiction: merge at the series level.
        for (section, value) in part {
            match (table.get_mut(&section), value) {
                (Some(toml::Value::Table(base)), toml::Value::Table(series)) => {
                    for (key, v) in series {
                        if base.contains_key(&key) {
                            return Err(Error::rules(
                                *name,
                                format!("{section}.{key} is defined in two embedded files"),
                            ));
                        }
                        base.insert(key, v);
                    }
                }
                (_, value) => {
                    table.insert(section, value);
                }
            }
        }
    }
    Ok(table)
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_fingerprint_names_the_effective_rules_and_the_replaced_series() {
        let embedded = Rules::embedded();
        let fp = embedded.fingerprint();
        assert!(fp.starts_with("sha256:") && fp.len() == 7 + 64, "{fp}");
        assert!(embedded.replaced().is_empty());
        // The same rules loaded again: the same fingerprint.
        assert_eq!(Rules::from_toml_str("").unwrap().fingerprint(), fp);
        // A replaced series (here with the same content) is named; a changed value changes the
        // fingerprint.
        let wage = r#"
[[california.minimum_wage]]
effective_from = "2024-01-01"
effective_through = "2024-12-31"
hourly = "16.00"
citation = "Lab. Code §1182.12"
status = "VERIFIED"
"#;
        let replaced = Rules::from_toml_str(wage).unwrap();
        assert_eq!(replaced.replaced(), ["california.minimum_wage"]);
        assert_ne!(replaced.fingerprint(), fp);
        let changed = Rules::from_toml_str(&wage.replace("16.00", "16.01")).unwrap();
        assert_ne!(changed.fingerprint(), replaced.fingerprint());
        let used = changed.used();
        assert_eq!(used.version, embedded.meta.version);
        assert_eq!(used.replaced, ["california.minimum_wage"]);
    }

    use super::*;

    #[test]
    fn embedded_rules_parse_and_validate() {
        let rules = Rules::from_table(embedded_table().unwrap()).unwrap();
        assert!(!rules.meta.version.is_empty());
    }

    #[test]
    fn a_series_can_be_replaced_alone() {
        let doc = r#"
            [[california.minimum_wage]]
            effective_from = "2027-01-01"
            effective_through = "2027-12-31"
            hourly = "17.25"
            citation = "test entry"
            status = "UNVERIFIED"
        "#;
        let rules = Rules::from_toml_str(doc).unwrap();
        assert_eq!(rules.california.minimum_wage.len(), 1);
        assert_eq!(
            rules.california.k_tables,
            Rules::embedded().california.k_tables
        );
    }

    #[test]
    fn overlapping_entries_are_rejected_with_their_location() {
        let doc = r#"
            [[california.minimum_wage]]
            effective_from = "2027-01-01"
            effective_through = "2027-12-31"
            hourly = "17.25"
            citation = "a"
            status = "UNVERIFIED"
            [[california.minimum_wage]]
            effective_from = "2027-06-01"
            hourly = "18.00"
            citation = "b"
            status = "UNVERIFIED"
        "#;
        let err = Rules::from_toml_str(doc).unwrap_err();
        assert_eq!(err.field(), Some("california.minimum_wage[1]"));
    }

    #[test]
    fn unknown_sections_and_bad_toml_are_errors() {
        assert!(matches!(
            Rules::from_toml_str("[ohio]\nx = 1"),
            Err(Error::Rules { .. })
        ));
        assert!(matches!(
            Rules::from_toml_str("[[california.minimum_wage"),
            Err(Error::Rules { .. })
        ));
        assert!(matches!(
            Rules::from_toml_str("[[california.minimum_wage]]\nhourly = \"x\""),
            Err(Error::Rules { .. })
        ));
    }

    #[test]
    fn the_embedded_rules_as_one_document_load_as_the_embedded_rules() {
        let text = Rules::embedded_toml();
        let loaded = Rules::from_toml_str(&text).unwrap();
        assert_eq!(loaded.fingerprint(), Rules::embedded().fingerprint());
        assert!(text.contains("[[california.minimum_wage]]"));
    }

    #[test]
    fn a_location_past_the_documents_entries_names_the_series_line() {
        // The document writes one entry (line 2); an error about a fifth still finds the series.
        assert_eq!(super::line_of("\n[[a]]\nx = 1\n", "a[4].x"), Some(2));
        assert_eq!(super::line_of("\n[[a]]\nx = 1\n", "a[1].x"), Some(2));
    }
}

/// A secondary rule the rule set does not have for a date. The calculation still gives what the
/// law allows without it and says, here, what it could not do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct MissingRule {
    /// The series that has no entry for the date (`california.minimum_wage`).
    pub rule: String,
    /// The date asked for.
    pub date: Date,
    /// The ranges the series covers.
    pub covered: String,
    /// What the result lacks because of it.
    pub effect: String,
}

/// Rules errors name the line of the document that wrote the refused value (issue 13).
#[cfg(test)]
mod line_tests {
    use super::california::validation_tests::refused;

    #[test]
    fn a_validation_error_names_the_entry_and_its_line() {
        // Line 1 is empty; the second entry's table header is line 8, its hourly line 10.
        let doc = "
[[california.minimum_wage]]
effective_from = \"2030-01-01\"
effective_through = \"2030-12-31\"
hourly = \"16.50\"
citation = \"a\"
status = \"UNVERIFIED\"
[[california.minimum_wage]]
effective_from = \"2031-01-01\"
hourly = \"-16.50\"
citation = \"b\"
status = \"UNVERIFIED\"
";
        let (at, msg) = refused(doc);
        assert_eq!(at, "california.minimum_wage[1]");
        assert!(msg.ends_with("(line 8)"), "{msg}");
    }

    #[test]
    fn an_inline_band_is_found_in_its_array() {
        let doc = "[[california.k_tables]]
id = \"t\"
effective_from = \"2004-01-01\"
citation = \"c\"
status = \"UNVERIFIED\"
bands = [
  { up_to = \"2900\", constant = \"0.165\", text = \"a\" },
  { constant = \"0.12\", tn_divisor = \"-5\", text = \"b\" },
]
";
        let (at, msg) = refused(doc);
        assert_eq!(at, "california.k_tables[0].bands[1]");
        assert!(msg.ends_with("(line 8)"), "{msg}");
    }

    #[test]
    fn a_value_that_does_not_deserialise_names_its_path_and_line() {
        let doc = "[[texas.net_resources_cap]]
effective_from = \"2030-01-01\"
monthly = 1.5
citation = \"c\"
status = \"UNVERIFIED\"
";
        let (at, msg) = refused(doc);
        assert_eq!(at, "texas.net_resources_cap[0].monthly");
        assert!(msg.ends_with("so it is read exactly (line 3)"), "{msg}");
    }

    #[test]
    fn an_empty_citation_is_refused_in_every_jurisdiction() {
        let doc = "[[texas.age_of_majority]]
effective_from = \"2004-01-01\"
years = 18
citation = \" \"
status = \"VERIFIED\"
";
        let (at, msg) = refused(doc);
        assert_eq!(at, "texas.age_of_majority[0]");
        assert!(msg.starts_with("citation is empty"), "{msg}");
    }

    #[test]
    fn a_citation_naming_a_website_is_refused() {
        for (citation, web) in [
            (
                "Tex. Fam. Code §154.129(a) (values per wacofamilylaw.com)",
                "wacofamilylaw.com",
            ),
            ("see https://example.org/x", "https://example.org/x"),
            ("ACL 23-93 (www.childsup.ca.gov)", "www.childsup.ca.gov"),
        ] {
            let doc = format!(
                "[[texas.age_of_majority]]\neffective_from = \"2004-01-01\"\nyears = 18\ncitation = \"{citation}\"\nstatus = \"VERIFIED\"\n"
            );
            let (at, msg) = refused(&doc);
            assert_eq!(at, "texas.age_of_majority[0]");
            assert!(msg.contains(&format!("names a website ({web})")), "{msg}");
        }
        for citation in [
            "45 CFR 302.51(a)(4)(ii); 42 U.S.C. 654b(c)(1)",
            "Tex. Fam. Code §154.125(a-1); Pub. L. 119-21",
            "26 U.S.C. §§1(j), 63(c); N.H. Admin. R. He-W 403.04",
        ] {
            assert_eq!(super::web_address(citation), None, "{citation}");
        }
        // A top-level domain alone is not an address; one letter before it is.
        assert_eq!(super::web_address("the .gov domain"), None);
        assert_eq!(super::web_address("a x.us b"), Some("x.us"));
    }

    #[test]
    fn a_series_is_refused_where_an_entry_ends_before_it_starts_or_an_open_one_is_followed() {
        let wage = |from: &str, through: Option<&str>| {
            let through = through
                .map(|t| format!("effective_through = \"{t}\"\n"))
                .unwrap_or_default();
            format!(
                "[[california.minimum_wage]]\neffective_from = \"{from}\"\n{through}hourly = \"17.25\"\ncitation = \"Lab. Code §1182.12\"\nstatus = \"UNVERIFIED\"\n"
            )
        };
        // A one-day entry, then an open one from the next day: accepted.
        let doc = wage("2027-01-01", Some("2027-01-01")) + &wage("2027-01-02", None);
        super::Rules::from_toml_str(&doc).unwrap();
        // Ending the day before it starts.
        let (at, msg) = refused(&wage("2027-01-02", Some("2027-01-01")));
        assert_eq!(at, "california.minimum_wage[0]");
        assert!(msg.contains("before effective_from"), "{msg}");
        // An open-ended entry followed by another.
        let (at, msg) = refused(&(wage("2027-01-01", None) + &wage("2028-01-01", None)));
        assert_eq!(at, "california.minimum_wage[0]");
        assert!(msg.contains("open-ended entry must be the last"), "{msg}");
    }
}
