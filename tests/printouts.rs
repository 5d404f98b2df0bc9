//! Printouts (issue 12): golden pages, and checks over every example and vector.
//!
//! - `tests/golden/printouts/NAME.request.json` holds a request and printout options; the page
//!   it gives is pinned in `NAME.html`. Regenerate with
//!   `UPDATE_GOLDEN=1 cargo test -p childsupport-conformance --test printouts` after reading the
//!   difference.
//! - Every example and vector of a kind with a printout is printed, and its human text is
//!   checked: no file name, web address, internal word, status tag or machine key on a line, and
//!   every library reading it cites is documented in `docs/readings.md`.
//! - The headline figures of the golden cases are checked against values worked out by hand
//!   (each derivation is written beside its assertion), not against the code's own output.

use std::path::{Path, PathBuf};

use childsupport::printout;
use childsupport::Rules;
use serde_json::Value;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("repository root")
        .to_path_buf()
}

fn golden_dir() -> PathBuf {
    root().join("tests/golden/printouts")
}

/// The golden cases: (name, request JSON, options JSON).
fn golden_cases() -> Vec<(String, String, String)> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(golden_dir())
        .expect("tests/golden/printouts exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().ends_with(".request.json"))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let doc: Value = serde_json::from_str(&std::fs::read_to_string(&p).unwrap())
                .unwrap_or_else(|e| panic!("{}: {e}", p.display()));
            let name = p
                .file_name()
                .unwrap()
                .to_string_lossy()
                .trim_end_matches(".request.json")
                .to_string();
            (name, doc["request"].to_string(), doc["options"].to_string())
        })
        .collect()
}

fn page(name: &str) -> String {
    let (_, request, options) = golden_cases()
        .into_iter()
        .find(|(n, _, _)| n == name)
        .unwrap_or_else(|| panic!("no golden case {name}"));
    printout::from_request(Rules::embedded(), &request, &options).expect("the case prints")
}

/// The text a reader sees: tags, the style sheet and entities removed, split at the sources
/// appendix (the lines, then the appendix).
fn human_text(html: &str) -> (String, String) {
    let body = html.split("</style>").nth(1).unwrap_or(html);
    let mut text = String::with_capacity(body.len());
    let mut in_tag = false;
    for ch in body.chars() {
        match ch {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                text.push(' ');
            }
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    let text = text
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&");
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    match text.split_once(" Sources ") {
        Some((lines, sources)) => (lines.to_string(), sources.to_string()),
        None => (text, String::new()),
    }
}

/// Every problem with a page's words.
fn problems(html: &str, readings: &str) -> Vec<String> {
    let (lines, sources) = human_text(html);
    let mut out = Vec::new();
    if let Some(w) = printout::has_forbidden(&lines) {
        out.push(format!("a line holds {w:?}"));
    }
    // The appendix may name the website a secondary figure was taken from.
    if let Some(w) = printout::has_forbidden_except_web(&sources) {
        out.push(format!("the sources appendix holds {w:?}"));
    }
    let all = format!("{lines} {sources}");
    // Machine keys: snake_case words and request paths (`orders[0]`).
    for word in all.split_whitespace() {
        if word.contains('_') && !word.starts_with("sha256:") {
            out.push(format!("a machine key: {word:?}"));
        }
        if let Some(i) = word.find('[') {
            if i > 0 && word[i + 1..].starts_with(|c: char| c.is_ascii_digit()) {
                out.push(format!("a request path: {word:?}"));
            }
        }
    }
    // Every reading cited is documented.
    let mut rest = all.as_str();
    while let Some(i) = rest.find("R-") {
        let id: String = rest[i..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
            .collect();
        let id = id.trim_end_matches('-');
        if id.len() > 2 && !readings.contains(&format!("\n## {id} ")) {
            out.push(format!("reading {id} is not in docs/readings.md"));
        }
        // Past the whole ID (R-AR-6 holds "R-6", which is not a reading cited).
        rest = &rest[i + id.len().max(2)..];
    }
    out
}

#[test]
fn golden_printouts_are_pinned() {
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    let cases = golden_cases();
    assert!(cases.len() >= 4, "the four golden cases are present");
    let mut differ = Vec::new();
    for (name, request, options) in cases {
        let html = printout::from_request(Rules::embedded(), &request, &options)
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        let path = golden_dir().join(format!("{name}.html"));
        if update {
            std::fs::write(&path, &html).unwrap();
            continue;
        }
        let expected = std::fs::read_to_string(&path).unwrap_or_default();
        if html != expected {
            let first = html
                .lines()
                .zip(expected.lines())
                .find(|(a, e)| a != e)
                .map(|(a, e)| format!("\n  expected: {e}\n  actual:   {a}"))
                .unwrap_or_default();
            differ.push(format!("{name}{first}"));
        }
    }
    assert!(
        differ.is_empty(),
        "printouts differ from tests/golden/printouts (regenerate with UPDATE_GOLDEN=1 after reading the difference):\n{}",
        differ.join("\n")
    );
}

#[test]
fn every_example_and_vector_prints_in_the_words_of_the_law() {
    let readings = std::fs::read_to_string(root().join("docs/readings.md")).unwrap();
    let mut requests: Vec<(String, Rules, String)> = Vec::new();
    for case in childsupport_conformance::cases() {
        let rules = match &case.rules {
            Some(doc) => Rules::from_toml_str(doc).expect("rules load"),
            None => Rules::embedded().clone(),
        };
        requests.push((format!("{} {}", case.file, case.id), rules, case.request));
    }
    let mut examples: Vec<PathBuf> = std::fs::read_dir(root().join("examples"))
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    examples.sort();
    for p in examples {
        requests.push((
            p.display().to_string(),
            Rules::embedded().clone(),
            std::fs::read_to_string(&p).unwrap(),
        ));
    }
    for (name, _, request, options) in golden_cases().into_iter().map(|(n, r, o)| (n, (), r, o)) {
        let html = printout::from_request(Rules::embedded(), &request, &options).unwrap();
        let found = problems(&html, &readings);
        assert!(found.is_empty(), "{name}: {found:?}");
    }
    let mut printed = 0;
    let mut failures = Vec::new();
    for (name, rules, request) in &requests {
        let kind: Value = serde_json::from_str(request).unwrap();
        let kind = kind["kind"].as_str().unwrap_or("");
        if !printout::KINDS.contains(&kind) {
            continue;
        }
        // A request the engine refuses has no printout; the vectors of refused input say so.
        let Ok(html) = printout::from_request(rules, request, "") else {
            continue;
        };
        printed += 1;
        let found = problems(&html, &readings);
        if !found.is_empty() {
            failures.push(format!("{name}: {found:?}"));
        }
    }
    assert!(printed > 50, "only {printed} printouts were made");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// California low income (the example `california-low-income.json`): TN = 1,800 + 700 = 2,500
/// is in the first band, so the K fraction is 0.165 + 2,500/82,857 and, with H% = 0,
/// K = the fraction and CS = K x 1,800 = 297 + 4,500,000/82,857 = 351.3109…, $351.31. The
/// threshold on 2024-10-01 is 16.00 x 40 x 52 / 12 = 2,773.33…; N = 1,800 is below it, so the
/// lowest amount is CS x 1,800 / 2,773.33… = 351.3109… x 0.649038… = 228.0146…, $228.01: the
/// presumptive amount is the headline, and the range is $228.01 to $351.31.
#[test]
fn california_low_income_headlines_the_presumptive_amount() {
    let html = page("california-low-income");
    let (lines, _) = human_text(&html);
    let headline = lines
        .split("Presumptive amount:")
        .nth(1)
        .expect("the presumptive amount is the headline");
    assert!(
        headline.contains("Parent A (Alex Doe, respondent) pays Parent B (Blair Doe, petitioner) $228.01 per month"),
        "{headline}"
    );
    assert!(lines.contains("$228.01 to $351.31"));
    assert!(
        lines.contains("Sacramento")
            && lines.contains("24FL000123")
            && lines.contains("2024-11-04")
    );
    // No hardship claim: no §4071(b) line.
    assert!(!lines.contains("hardship"));
}

/// California add-ons: parent A pays parent B $3,500 spousal support, so A's §4061(c) adjusted
/// income is 3,000 - 3,500 = -500 (A pays no child support here: the low earner B does), below
/// zero: the page flags it, and B bears all of the add-ons (600 + 75 = 675.00, A 0.00). The
/// time share is printed with how it was measured: 1,248 of 8,760 hours = 52/365 = 14.24657…%,
/// shown 14.2466%.
#[test]
fn california_add_ons_flag_a_negative_adjusted_income() {
    let html = page("california-add-ons");
    let (lines, _) = human_text(&html);
    assert!(
        lines.contains("BELOW ZERO, taken as zero for the proportion"),
        "{lines}"
    );
    assert!(html.contains("<tr class=\"flag\">"));
    assert!(
        lines.contains(
            "Parent B (Casey Roe, respondent) has 1,248 of 8,760 hours a year, 14.2466%*"
        ),
        "{lines}"
    );
    assert!(lines.contains("-$500.00"), "{lines}");
    assert!(lines.contains("Total per month $0.00 $675.00"), "{lines}");
    assert!(lines.contains("hardship deduction"));
    assert!(lines.contains("A figure marked * is rounded for display only"));
}

/// Texas, two households (the example `texas-multiple-households.json`, documented in
/// examples/README.md): net resources 5,000 - 310.00 - 72.50 - 418.33 - 50 - 300 = 3,849.17;
/// (1) 35% x 3,849.17 = 1,347.2095; (2) / 4 x 1 = 336.802375; (3) 3,849.17 - 336.802375 =
/// 3,512.367625; (4) 30% x 3,512.367625 = 1,053.7102875, $1,053.71. The findings state the
/// percentage applied as applied: 1,053.7102875 / 3,849.17 = 27.375%, not 27.38%. The order of
/// $1,000.00 varies from the guideline by -$53.71.
#[test]
fn texas_two_households_show_each_step_and_the_findings() {
    let html = page("texas-two-households");
    let (lines, _) = human_text(&html);
    for figure in [
        "$3,849.17",
        "35% x $3,849.17",
        "$1,347.21*",
        "$336.80*",
        "$3,512.37*",
        "30% x $3,512.37*",
        "$1,053.71",
        "27.375%",
        "-$53.71",
        "Tex. Fam. Code §154.128(a)(2), (c)",
        "Tex. Fam. Code §154.130(b)",
    ] {
        assert!(lines.contains(figure), "{figure} is missing:\n{lines}");
    }
    assert!(!lines.contains("27.38% x $3,849.17 $1,053.71"));
}

/// Arrears audit: $500 a month from 2025-01-01, $650 from 2025-06-01 (an order change, not a
/// charge); due through 2025-09-01: 5 x 500 + 4 x 650 = 5,100.00; paid 400 + 900 + 650 =
/// 1,950.00; principal 5,100 - 1,950 = 3,150.00 if every payment went to principal (the IV-D
/// order credits current support and principal before interest, and none of these payments
/// exceeds what was owed).
#[test]
fn arrears_audit_lists_payments_with_id_and_source_and_order_changes_as_changes() {
    let html = page("arrears-audit");
    let (lines, _) = human_text(&html);
    assert!(lines.contains("PMT-1001 (regular payment)"), "{lines}");
    assert!(lines.contains("OFFSET-2025 (tax refund offset)"), "{lines}");
    assert!(lines.contains("Order changed"));
    assert!(lines.contains("(new installment $650.00)"), "{lines}");
    assert!(
        lines.contains("total due $5,100.00, total paid $1,950.00"),
        "{lines}"
    );
    assert!(lines.contains("principal $3,150.00"), "{lines}");
    assert!(html.contains("<svg ") && html.contains("<polyline"));
}

/// A case on a date with no low-income threshold in the rules (California N1 in 2027, the
/// vector CA-N1-2027-MISSING-WAGE): the headline says the amount comes before a test that could
/// not be run, and the box saying so sits right under it, before any line.
#[test]
fn a_missing_low_income_test_is_said_under_the_headline() {
    let request = r#"{"kind":"california_guideline","input":{"calculation_date":"2027-02-01",
        "parent_a_net_income":"1800.00","parent_b_net_income":"700.00",
        "time_share":{"parent":"parent_a","fraction":"0"},"children":1}}"#;
    let html = printout::from_request(Rules::embedded(), request, "").unwrap();
    let (lines, _) = human_text(&html);
    let headline = lines
        .find("before a low-income test that could not be run")
        .expect("headline");
    let boxed = lines.find("Not complete:").expect("the box");
    let first_line = lines.find("Guideline formula").expect("the lines");
    assert!(headline < boxed && boxed < first_line, "{lines}");
}

/// The issue's Texas case: net resources $3,182.36, 2 children before the court and 2 other
/// children. §154.128: (1) 35% (4 children) x 3,182.36 = 1,113.826; (2) / 4 x 2 = 556.913;
/// (3) 3,182.36 - 556.913 = 2,625.447; (4) 25% x 2,625.447 = 656.36175, $656.36. The
/// percentage applied is 656.36175 / 3,182.36 = 25% x (1 - 35%/4 x 2) = 25% x 82.5% = 20.625%:
/// the findings say 20.625% (20.63% x 3,182.36 would be 656.52, not the amount ordered).
#[test]
fn texas_findings_state_the_percentage_applied_as_applied() {
    let request = r#"{"kind":"texas_guideline","input":{"order_date":"2026-01-15",
        "obligor":{"net_resources":"3182.36"},"children":2,"other_children":2}}"#;
    let html = printout::from_request(Rules::embedded(), request, "").unwrap();
    let (lines, _) = human_text(&html);
    assert!(
        lines.contains("(3) The percentage applied to the obligor's net resources 20.625%"),
        "{lines}"
    );
    assert!(
        lines.contains("Guideline child support per month $656.36"),
        "{lines}"
    );
    assert!(
        lines.contains("(2) Credit for the other children: $1,113.83* / 4 x 2 $556.91*"),
        "{lines}"
    );
}
