//! The HTML page: escaping, the caption, line tables, notes, and the sources appendix.
//!
//! A page collects every citation it prints. A citation that carries a rules entry's source
//! with a status other than verified (`… [SECONDARY]`) prints clean on its line (the law only)
//! and its source goes to the appendix, which says what the figure rests on.

use std::collections::BTreeSet;
use std::fmt::Write as _;

use super::format::{Shown, FACTOR_PLACES, PERCENT_PLACES};
use super::{Caption, Party, PrintOptions};
use crate::rules::Rules;
use crate::worksheet::{StepDef, Worksheet};

/// Text made safe for HTML.
pub fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The print styles: US letter, small margins, tables that do not split a row across pages.
const STYLE: &str = "\
@page { size: letter; margin: 0.45in 0.5in; }
* { box-sizing: border-box; }
body { font-family: 'Liberation Serif', 'Times New Roman', serif; font-size: 9pt; color: #000; margin: 0 auto; max-width: 7.5in; line-height: 1.15; }
header.caption { border-bottom: 1.5pt solid #000; margin-bottom: 6pt; padding-bottom: 4pt; }
header.caption table td { padding: 0 12pt 0 0; }
h1 { font-size: 13pt; margin: 4pt 0; }
h2 { font-size: 10.5pt; margin: 6pt 0 2pt; border-bottom: 0.5pt solid #666; }
p { margin: 3pt 0; }
p.headline { font-size: 11pt; font-weight: bold; border: 1pt solid #000; padding: 3pt 6pt; margin-top: 4pt; }
p.subhead { margin-top: -1pt; }
div.attention { border: 1.5pt solid #000; padding: 3pt 6pt; margin: 4pt 0; font-weight: bold; }
table { border-collapse: collapse; width: 100%; }
table.lines { table-layout: fixed; }
table.lines td.n { white-space: normal; }
table.lines td, table.lines th, table.grid td, table.grid th { border-bottom: 0.5pt solid #bbb; padding: 1pt 3pt; vertical-align: top; text-align: left; }
table.lines th, table.grid th { border-bottom: 1pt solid #000; font-weight: bold; }
td.n { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
th.n { text-align: right; }
table.grid td:first-child { white-space: nowrap; }
td.num { color: #444; }
td.cite { font-size: 7.5pt; color: #222; }
tr { page-break-inside: avoid; break-inside: avoid; }
tr.total td { font-weight: bold; border-top: 1pt solid #000; }
tr.flag td { font-weight: bold; }
section.sources { font-size: 7.5pt; margin-top: 4pt; }
section.sources ul { margin: 0; padding-left: 14pt; }
section.sources h2 { font-size: 9.5pt; }
section.sources li { margin: 0; }
.mono { font-family: 'Liberation Mono', 'Courier New', monospace; font-size: 8pt; word-break: break-all; }
p.notes { font-size: 7.5pt; }
svg { display: block; margin: 4pt 0; }
@media screen { body { margin: 24px auto; } }
@media print { h2 { break-after: avoid; page-break-after: avoid; } }
";

/// What a status tag means, in words for the sources appendix.
fn status_words(tag: &str) -> Option<&'static str> {
    Some(match tag {
        "SECONDARY" => "rests on a secondary source",
        "CORROBORATED" => "rests on secondary sources that agree with each other",
        "DERIVED" => "is derived by arithmetic from the law",
        "UNVERIFIED" => "is not confirmed against the official source",
        _ => return None,
    })
}

/// A figure's source kept for the appendix.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Source {
    /// What the source is for (the line's label).
    figure: String,
    /// The source's own text, tag removed.
    text: String,
    /// The status in words.
    status: &'static str,
}

/// Words and marks that do not belong on a line a court reads: file names, web addresses and
/// the library's internal words. A citation's parenthetical that contains one is left off the
/// line (see [`clean`]).
pub const FORBIDDEN: &[&str] = &[
    ".md",
    ".toml",
    ".json",
    ".rs",
    ".py",
    "engine",
    "spec",
    "[SECONDARY]",
    "[UNVERIFIED]",
    "[CORROBORATED]",
    "[DERIVED]",
    "[VERIFIED]",
    "http",
    "www.",
    ".com",
    ".org",
];

/// The [`FORBIDDEN`] words the sources appendix may hold: it names the websites a secondary
/// figure was taken from, which is what it is for.
const WEB: &[&str] = &["http", "www.", ".com", ".org"];

/// Whether `text` holds a [`FORBIDDEN`] word (case-insensitive). The internal words count only
/// as whole words ("spec", not "special needs" or "specific"); the rest anywhere.
pub fn has_forbidden(text: &str) -> Option<&'static str> {
    forbidden_in(text, FORBIDDEN)
}

/// [`has_forbidden`] without the websites ([`WEB`]): what the sources appendix may not hold.
pub fn has_forbidden_except_web(text: &str) -> Option<&'static str> {
    let rest: Vec<&'static str> = FORBIDDEN
        .iter()
        .filter(|w| !WEB.contains(w))
        .copied()
        .collect();
    forbidden_in(text, &rest)
}

fn forbidden_in(text: &str, list: &[&'static str]) -> Option<&'static str> {
    let lower = text.to_lowercase();
    list.iter().copied().find(|w| {
        if w.chars().all(|c| c.is_ascii_alphabetic()) {
            lower
                .split(|c: char| !c.is_alphanumeric())
                .any(|word| word == *w)
        } else {
            lower.contains(&w.to_lowercase())
        }
    })
}

fn has_forbidden_offline(text: &str) -> bool {
    has_forbidden_except_web(text).is_some()
}

/// `text` with every parenthetical that holds a forbidden word removed.
fn clean(text: &str) -> String {
    clean_by(text, |t| has_forbidden(t).is_some())
}

/// [`clean`] for the appendix: websites stay.
fn clean_source(text: &str) -> String {
    clean_by(text, has_forbidden_offline)
}

fn clean_by(text: &str, bad: impl Fn(&str) -> bool) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find(" (") {
        let after = &rest[open + 2..];
        // The matching close, allowing one level of nesting.
        let mut depth = 1usize;
        let mut close = None;
        for (i, ch) in after.char_indices() {
            match ch {
                '(' => depth += 1,
                ')' => {
                    depth -= 1;
                    if depth == 0 {
                        close = Some(i);
                        break;
                    }
                }
                _ => {}
            }
        }
        let Some(close) = close else { break };
        let inner = &after[..close];
        out.push_str(&rest[..open]);
        if !bad(inner) {
            out.push_str(" (");
            out.push_str(inner);
            out.push(')');
        }
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    out
}

/// The catalogue's own citation of the step with this key and label (the words a rules entry's
/// source follows in a worksheet citation).
pub fn catalogue_citation(key: &str, label: &str) -> Option<&'static str> {
    use crate::catalogue::{california, california_income, texas};
    [california::ALL, california_income::ALL, texas::ALL]
        .iter()
        .flat_map(|all| all.iter())
        .find(|d| d.key == key && d.label == label)
        .map(|d| d.citation)
}

/// `text` without status tags (` [SECONDARY]`).
fn untag(text: &str) -> String {
    let mut t = text.to_string();
    for tag in [
        "SECONDARY",
        "CORROBORATED",
        "DERIVED",
        "UNVERIFIED",
        "VERIFIED",
    ] {
        t = t.replace(&format!(" [{tag}]"), "");
    }
    t
}

/// One row of a line table.
pub struct Row {
    /// What the line is.
    pub label: String,
    /// Its value as shown (empty for a line of words).
    pub value: String,
    /// The authority.
    pub cite: String,
    /// A row to draw attention to (a negative income, a deviation).
    pub flag: bool,
    /// A total.
    pub total: bool,
}

/// A citation split for people: what its line shows, and the source it rests on when that is
/// not the official text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cited {
    /// The citation for the line: law and library readings only, "(see Sources)" where a
    /// source was moved out.
    pub line: String,
    /// The source moved out, and what the figure rests on in words ("rests on a secondary
    /// source").
    pub source: Option<(String, &'static str)>,
}

/// Splits a worksheet citation for people. `law` is the catalogue's citation when it is known
/// to open `text` (a rules entry's source follows it), or empty.
///
/// A source whose status is not "verified" ends with its tag (`… [SECONDARY]`): the line keeps
/// the law it is for (its text up to the first parenthetical, colon or semicolon) with "(see
/// Sources)", and the source goes out, in full, with what it rests on. A tag inside a
/// parenthetical marks that note as the secondary part. Parentheticals naming a file or an
/// internal word are dropped from the line (and from the source, which may name a website).
pub fn split_citation(law: &str, text: &str) -> Cited {
    let tagged = text.rfind(" [").and_then(|i| {
        let tag = text[i + 2..].strip_suffix(']')?;
        Some((i, status_words(tag)?))
    });
    let (line, source) = match tagged {
        Some((i, status)) => {
            let body = &text[..i];
            let (law, source) = match body.strip_prefix(law).and_then(|r| r.strip_prefix("; ")) {
                Some(rest) if !law.is_empty() => (law, rest),
                _ => ("", body),
            };
            let source = untag(&clean_source(source));
            let lead = source
                .split(" (")
                .next()
                .and_then(|t| t.split(": ").next())
                .and_then(|t| t.split("; ").next())
                .unwrap_or("")
                .trim()
                .trim_end_matches(',')
                .to_string();
            let mut parts: Vec<String> = Vec::new();
            if !law.is_empty() {
                parts.push(law.to_string());
            }
            parts.push(if lead.is_empty() {
                "see Sources".to_string()
            } else {
                format!("{lead} (see Sources)")
            });
            (parts.join("; "), Some((source, status)))
        }
        None => {
            let inner = ["SECONDARY", "CORROBORATED", "DERIVED", "UNVERIFIED"]
                .iter()
                .find_map(|tag| {
                    text.contains(&format!(" [{tag}]"))
                        .then(|| status_words(tag))
                        .flatten()
                });
            match inner {
                Some(status) => (
                    format!("{} (see Sources)", clean(text)),
                    Some((clean_source(&untag(text)), status)),
                ),
                None => match text.strip_prefix(law).and_then(|r| r.strip_prefix("; ")) {
                    // A rules entry's citation that the catalogue's already holds.
                    Some(rest) if !law.is_empty() && law.contains(rest) => (law.to_string(), None),
                    _ => (text.to_string(), None),
                },
            }
        }
    };
    Cited {
        line: untag(&clean(&line)),
        source,
    }
}

/// A plain row: a line, its value, its authority.
pub fn row(label: impl Into<String>, value: impl Into<String>, cite: String) -> Row {
    Row {
        label: label.into(),
        value: value.into(),
        cite,
        flag: false,
        total: false,
    }
}

/// An HTML page being written.
pub struct Page<'o> {
    body: String,
    options: &'o PrintOptions,
    sources: BTreeSet<Source>,
    readings: BTreeSet<String>,
    rounded: bool,
    line: u32,
}

impl<'o> Page<'o> {
    /// A page with the caption and the title.
    pub fn new(title: &str, options: &'o PrintOptions) -> Page<'o> {
        let mut page = Page {
            body: String::with_capacity(16 * 1024),
            options,
            sources: BTreeSet::new(),
            readings: BTreeSet::new(),
            rounded: false,
            line: 0,
        };
        page.caption(&options.caption);
        let _ = writeln!(page.body, "<h1>{}</h1>", esc(title));
        page
    }

    fn caption(&mut self, c: &Caption) {
        let mut cells: Vec<(&str, String)> = Vec::new();
        if let Some(court) = &c.court {
            cells.push(("Court", court.clone()));
        }
        if let Some(county) = &c.county {
            cells.push(("County", county.clone()));
        }
        if let Some(case) = &c.case_number {
            cells.push(("Case number", case.clone()));
        }
        if let Some(date) = c.hearing_date {
            cells.push(("Hearing date", date.to_string()));
        }
        if cells.is_empty() {
            return;
        }
        self.body.push_str("<header class=\"caption\"><table><tr>");
        for (k, v) in cells {
            let _ = write!(self.body, "<td>{k}: <b>{}</b></td>", esc(&v));
        }
        self.body.push_str("</tr></table></header>\n");
    }

    /// The options the page was made with.
    pub fn options(&self) -> &PrintOptions {
        self.options
    }

    /// Raw HTML (already escaped by the caller).
    pub fn raw(&mut self, html: &str) {
        self.body.push_str(html);
    }

    /// A paragraph of text.
    pub fn para(&mut self, class: &str, text: &str) {
        if class.is_empty() {
            let _ = writeln!(self.body, "<p>{}</p>", esc(text));
        } else {
            let _ = writeln!(self.body, "<p class=\"{class}\">{}</p>", esc(text));
        }
    }

    /// A box the court should not miss.
    pub fn attention(&mut self, text: &str) {
        let _ = writeln!(self.body, "<div class=\"attention\">{}</div>", esc(text));
    }

    /// The parties on one line: `Obligor (Sam Smith, respondent): obligor, pays support.`.
    pub fn parties(&mut self, parties: &[(String, String)]) {
        let text: Vec<String> = parties
            .iter()
            .map(|(who, role)| format!("<b>{}</b>: {}.", esc(who), esc(role)))
            .collect();
        let _ = writeln!(self.body, "<p class=\"parties\">{}</p>", text.join(" "));
    }

    /// A section heading.
    pub fn heading(&mut self, text: &str) {
        let _ = writeln!(self.body, "<h2>{}</h2>", esc(text));
    }

    /// A shown figure's text, with a `*` when it is rounded for display.
    pub fn shown(&mut self, s: Shown) -> String {
        if s.rounded {
            self.rounded = true;
            format!("{}*", s.text)
        } else {
            s.text
        }
    }

    /// A citation for a line: `text` cleaned, a status-tagged source moved to the appendix under
    /// `figure`, and its readings noted (see [`Page::cite_with`]).
    pub fn cite(&mut self, figure: &str, text: &str) -> String {
        self.cite_with(figure, "", text)
    }

    /// As [`Page::cite`], where `law` (the catalogue's citation) is known to open `text`: a
    /// rules entry's source, when the worksheet added one, is the rest.
    ///
    /// A source whose status is not "verified" ends with its tag (`… [SECONDARY]`): the line
    /// keeps the law it is for (its text up to the first parenthetical, colon or semicolon)
    /// with "see Sources", and the appendix gets the source in full and what it rests on.
    pub fn cite_with(&mut self, figure: &str, law: &str, text: &str) -> String {
        let cited = split_citation(law, text);
        if let Some((source, status)) = cited.source {
            self.sources.insert(Source {
                figure: figure.to_string(),
                text: source,
                status,
            });
        }
        self.note_readings(&cited.line);
        cited.line
    }

    /// The citation of a catalogue step as the worksheet recorded it (with a rules entry's
    /// source where the step has one), else the catalogue's own.
    pub fn cite_step(&mut self, ws: &Worksheet, def: &StepDef) -> String {
        let text = ws
            .steps()
            .iter()
            .find(|s| s.key == def.key && s.label == def.label)
            .map(|s| s.citation.to_string())
            .unwrap_or_else(|| def.citation.to_string());
        self.cite_with(def.label, def.citation, &text)
    }

    /// A worksheet step as a line: its words, its value for people (money in dollars and cents,
    /// an exact amount to the cent and marked when rounded), and its citation.
    pub fn step_row(&mut self, step: &crate::worksheet::Step) -> Row {
        use super::format::{exact_money, money};
        use crate::worksheet::Value;
        let value = match &step.value {
            Value::Money(m) => money(*m),
            Value::Exact(x) => self.shown(exact_money(x)),
            Value::Moneys(list) => list
                .iter()
                .map(|m| money(*m))
                .collect::<Vec<_>>()
                .join(" / "),
            Value::Range(lo, hi) => format!("{} to {}", money(*lo), money(*hi)),
            Value::Party(p) => match p {
                crate::guideline::Parent::A => "Parent A".to_string(),
                crate::guideline::Parent::B => "Parent B".to_string(),
            },
            other => other.to_string(),
        };
        let law = catalogue_citation(&step.key, &step.label).unwrap_or("");
        let cite = self.cite_with(&step.label, law, &step.citation);
        Row {
            label: step.label.to_string(),
            value,
            cite,
            flag: false,
            total: false,
        }
    }

    fn note_readings(&mut self, text: &str) {
        let mut rest = text;
        while let Some(i) = rest.find("reading R-") {
            let id: String = rest[i + 8..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
                .collect();
            let id = id.trim_end_matches('-').to_string();
            self.readings.insert(id);
            rest = &rest[i + 10..];
        }
    }

    /// A table of lines: number, line, value, authority.
    pub fn lines(&mut self, rows: &[Row]) {
        if rows.is_empty() {
            return;
        }
        self.body.push_str(
            "<table class=\"lines\"><colgroup><col style=\"width:4%\"><col style=\"width:50%\"><col style=\"width:13%\"><col style=\"width:33%\"></colgroup><thead><tr><th></th><th>Line</th><th class=\"n\">Amount</th><th>Authority</th></tr></thead><tbody>\n",
        );
        for r in rows {
            self.line += 1;
            let class = match (r.flag, r.total) {
                (true, _) => " class=\"flag\"",
                (false, true) => " class=\"total\"",
                _ => "",
            };
            let _ = writeln!(
                self.body,
                "<tr{class}><td class=\"num\">{}</td><td>{}</td><td class=\"n\">{}</td><td class=\"cite\">{}</td></tr>",
                self.line,
                esc(&r.label),
                esc(&r.value),
                esc(&r.cite)
            );
        }
        self.body.push_str("</tbody></table>\n");
    }

    /// A table with a header; `numeric` columns align right.
    pub fn grid(&mut self, header: &[&str], numeric: &[bool], rows: &[Vec<String>]) {
        self.body.push_str("<table class=\"grid\"><thead><tr>");
        for (i, h) in header.iter().enumerate() {
            let class = if numeric.get(i).copied().unwrap_or(false) {
                " class=\"n\""
            } else {
                ""
            };
            let _ = write!(self.body, "<th{class}>{}</th>", esc(h));
        }
        self.body.push_str("</tr></thead><tbody>\n");
        for row in rows {
            self.body.push_str("<tr>");
            for (i, cell) in row.iter().enumerate() {
                let class = if numeric.get(i).copied().unwrap_or(false) {
                    " class=\"n\""
                } else {
                    ""
                };
                let _ = write!(self.body, "<td{class}>{}</td>", esc(cell));
            }
            self.body.push_str("</tr>\n");
        }
        self.body.push_str("</tbody></table>\n");
    }

    /// A party's name for the page: `Parent A`, `Parent A (Jane Roe, petitioner)`.
    pub fn party(&self, role_name: &str, party: &Party) -> String {
        let mut extra: Vec<String> = Vec::new();
        if let Some(n) = party.name.as_deref().filter(|n| !n.trim().is_empty()) {
            extra.push(n.trim().to_string());
        }
        if let Some(r) = party.role {
            extra.push(r.word().to_string());
        }
        if extra.is_empty() {
            role_name.to_string()
        } else {
            format!("{role_name} ({})", extra.join(", "))
        }
    }

    /// The finished page: the notes on rounding, the sources appendix, and the document around
    /// the body.
    pub fn finish(mut self, title: &str, rules: &Rules) -> String {
        let mut notes = vec![format!(
            "Money is shown in dollars and cents. Factors are shown to at most {FACTOR_PLACES} decimal places and percentages to at most {PERCENT_PLACES}."
        )];
        if self.rounded {
            notes.push(
                "A figure marked * is rounded for display only; the calculation used its exact value, which the machine-readable result keeps."
                    .to_string(),
            );
        }
        let _ = writeln!(
            self.body,
            "<p class=\"notes\">{}</p>",
            esc(&notes.join(" "))
        );

        self.body
            .push_str("<section class=\"sources\"><h2>Sources</h2><ul>\n");
        let _ = writeln!(
            self.body,
            "<li>Rules: version {} of the rules published with childsupport {}.</li>",
            esc(&rules.meta.version),
            esc(crate::VERSION)
        );
        let _ = writeln!(
            self.body,
            "<li>Rules fingerprint (identifies the exact rule set used): <span class=\"mono\">{}</span></li>",
            esc(rules.fingerprint())
        );
        if rules.replaced().is_empty() {
            self.body.push_str(
                "<li>Rules replaced by the user: none (the published rules were used unchanged).</li>\n",
            );
        } else {
            let names: Vec<String> = rules.replaced().iter().map(|s| series_words(s)).collect();
            let _ = writeln!(
                self.body,
                "<li><b>Rules replaced by the user</b> (not the published figures): {}.</li>",
                esc(&names.join("; "))
            );
        }
        if !self.readings.is_empty() {
            let ids: Vec<&str> = self.readings.iter().map(String::as_str).collect();
            let _ = writeln!(
                self.body,
                "<li>Library readings cited ({}): where the law is silent the library chose a reading; each is documented with its reasons in the library's list of readings under the same identifier.</li>",
                esc(&ids.join(", "))
            );
        }
        for s in &self.sources {
            let _ = writeln!(
                self.body,
                "<li>{}: the figure {}: {}.</li>",
                esc(&s.figure),
                s.status,
                esc(s.text.trim_end_matches('.'))
            );
        }
        self.body.push_str("</ul></section>\n");

        format!(
            "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n<style>\n{STYLE}</style>\n</head>\n<body>\n{}</body>\n</html>\n",
            esc(title),
            self.body
        )
    }
}

/// A rules series' name in words: `california.minimum_wage` -> `California minimum wage`.
fn series_words(series: &str) -> String {
    let words = series.replace(['.', '_'], " ");
    let mut c = words.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_tagged_sources_leave_the_line_for_the_appendix() {
        let options = PrintOptions::default();
        let mut page = Page::new("T", &options);
        let line = page.cite(
            "Multiple-family table",
            "Tex. Fam. Code §154.129(a) table (values per wacofamilylaw.com and T. J. Daley's calculator) [CORROBORATED]",
        );
        assert_eq!(line, "Tex. Fam. Code §154.129(a) table (see Sources)");
        let line = page.cite(
            "Interest",
            "Tex. Fam. Code §157.266(a), §157.265(a); day count actual/365 (texas.md §5.4 reading) [DERIVED]",
        );
        assert_eq!(
            line,
            "Tex. Fam. Code §157.266(a), §157.265(a) (see Sources)"
        );
        let line = page.cite(
            "Rate",
            "Code Civ. Proc. §685.010(a)(1) (10% simple; from 1983-07-01 per CSDA Attorney Sourcebook [SECONDARY])",
        );
        assert_eq!(line, "Code Civ. Proc. §685.010(a)(1) (see Sources)");
        assert_eq!(
            page.cite("x", "Fam. Code §4055(b)(7) (library reading R-CA-3)"),
            "Fam. Code §4055(b)(7) (library reading R-CA-3)"
        );
        assert!(page.readings.contains("R-CA-3"));
        let html = page.finish("T", Rules::embedded());
        assert!(html.contains("wacofamilylaw.com and T. J. Daley"), "{html}");
        assert!(!html.contains("texas.md"), "{html}");
        assert!(html.contains("Rate: the figure rests on a secondary source: Code Civ. Proc. §685.010(a)(1) (10% simple; from 1983-07-01 per CSDA Attorney Sourcebook)."), "{html}");
        assert!(html.contains("Interest: the figure is derived by arithmetic from the law: Tex. Fam. Code §157.266(a), §157.265(a); day count actual/365."), "{html}");
    }

    #[test]
    fn internal_words_count_as_whole_words_only() {
        assert_eq!(has_forbidden("per the spec"), Some("spec"));
        assert_eq!(has_forbidden("Engine reading"), Some("engine"));
        assert_eq!(has_forbidden("Educational or other special needs"), None);
        assert_eq!(has_forbidden("a specific finding"), None);
        assert_eq!(has_forbidden("see texas.md §5.4"), Some(".md"));
        assert_eq!(has_forbidden("values per wacofamilylaw.com"), Some(".com"));
        assert_eq!(
            has_forbidden_except_web("values per wacofamilylaw.com"),
            None
        );
        assert_eq!(
            clean("Fam. Code §4062(b)(1) (special needs) (spec §3)"),
            "Fam. Code §4062(b)(1) (special needs)"
        );
    }

    #[test]
    fn escaping() {
        assert_eq!(
            esc("<a href=\"x\">R&D's</a>"),
            "&lt;a href=&quot;x&quot;&gt;R&amp;D&#39;s&lt;/a&gt;"
        );
    }
}
