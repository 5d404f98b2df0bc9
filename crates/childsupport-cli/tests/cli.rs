//! Runs the built `childsupport` binary on the example case files (examples/, the spec's
//! California examples) and on bad input, checking output and exit codes.

mod common;
use common::*;
use std::path::PathBuf;
use std::process::Output;

fn json(o: &Output) -> serde_json::Value {
    serde_json::from_slice(&o.stdout).expect("stdout is JSON")
}

#[test]
fn n2_report_names_payer_amount_per_child_and_worksheet() {
    let o = run(&["guideline", &example("california-n2.json")]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.contains("Parent A pays parent B $954.21 per month."),
        "{out}"
    );
    assert!(out.contains("$596.38") && out.contains("$357.83"), "{out}");
    assert!(out.contains("Worksheet"), "{out}");
    assert!(out.contains("Fam. Code §4055(b)(4)"), "{out}");
    assert!(out.contains("Guideline support per month"), "{out}");
}

#[test]
fn low_income_report_shows_the_range() {
    let o = run(&["guideline", &example("california-low-income.json")]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    // N1 (2024-10-01): §4055(b)(7) presumes the adjustment, so the headline is the lowest
    // amount of the range, 228.01; the guideline amount 351.31 is the top of the range.
    assert!(out.contains("$228.01 per month"), "{out}");
    assert!(out.contains("range $228.01 to $351.31"), "{out}");
    assert!(out.contains("presumptive"), "{out}");
}

#[test]
fn add_ons_report_shows_the_split() {
    let o = run(&["guideline", &example("california-add-ons.json")]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("$750.00 per month"), "{out}");
    assert!(out.contains("$724.14") && out.contains("$275.86"), "{out}");
}

#[test]
fn json_output_is_the_api_response() {
    let o = run(&["guideline", &example("california-n2.json"), "--json"]);
    assert_eq!(o.status.code(), Some(0));
    let v = json(&o);
    assert_eq!(v["kind"], "california_guideline");
    assert_eq!(v["result"]["amount"], "954.21");
    assert_eq!(v["result"]["per_child"][1]["amount"], "357.83");
    // The same answer as the library's JSON interface.
    let request = std::fs::read_to_string(example("california-n2.json")).unwrap();
    let direct: serde_json::Value = serde_json::from_str(&childsupport::api::respond(
        childsupport::Rules::embedded(),
        &request,
    ))
    .unwrap();
    assert_eq!(v, direct);
}

#[test]
fn compute_reads_stdin_and_prints_json() {
    let request = std::fs::read_to_string(example("california-add-ons.json")).unwrap();
    let o = run_stdin(&["compute", "-"], &request);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v = json(&o);
    assert_eq!(v["result"]["add_ons"]["parent_a_total"], "724.14");
    let o = run_stdin(&["compute", "-", "--compact"], &request);
    assert_eq!(stdout(&o).lines().count(), 1);
}

#[test]
fn invalid_input_exits_2_naming_the_field() {
    let bad = r#"{"kind":"california_guideline","input":{"calculation_date":"2025-03-01",
        "parent_a_net_income":"3000","parent_b_net_income":"1000",
        "time_share":{"parent":"parent_a","fraction":"0.2"},"children":2,
        "birth_dates":["2020-01-01","2030-01-01"]}}"#;
    let o = run_stdin(&["guideline", "-"], bad);
    assert_eq!(o.status.code(), Some(2));
    assert!(stdout(&o).is_empty());
    let err = stderr(&o);
    assert!(err.contains("field:   birth_dates[1]"), "{err}");
    // compute also prints the error JSON on stdout.
    let o = run_stdin(&["compute", "-"], bad);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(json(&o)["error"]["field"], "birth_dates[1]");
}

#[test]
fn malformed_requests_and_usage_errors_exit_2() {
    let o = run_stdin(&["compute", "-"], r#"{"kind":"ohio","input":{}}"#);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(json(&o)["error"]["code"], "request");
    let o = run_stdin(&["guideline", "-"], "{not json");
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("malformed request"));
    assert_eq!(
        run(&["guideline", "/no/such/case.json"]).status.code(),
        Some(2)
    );
    assert_eq!(run(&["guideline"]).status.code(), Some(2));
    assert_eq!(run(&["frobnicate"]).status.code(), Some(2));
    assert_eq!(run(&[]).status.code(), Some(2));
}

#[test]
fn missing_rules_and_no_rule_exit_1() {
    let o = run(&[
        "guideline",
        &example("california-n2.json"),
        "--rules",
        "/no/such/rules.toml",
    ]);
    assert_eq!(o.status.code(), Some(1));
    let old = std::fs::read_to_string(example("california-n2.json"))
        .unwrap()
        .replace("2025-03-01", "1999-03-01")
        .replace("\"2016-04-12\", \"2019-09-30\"", "");
    let o = run_stdin(&["guideline", "-"], &old);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("california.k_tables"), "{}", stderr(&o));
}

#[test]
fn rules_override_fills_a_missing_year() {
    let dir = std::env::temp_dir().join(format!("childsupport-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let rules = dir.join("ca-2027.toml");
    std::fs::write(
        &rules,
        "[[california.minimum_wage]]\neffective_from = \"2027-01-01\"\neffective_through = \"2027-12-31\"\n\
         hourly = \"17.00\"\ncitation = \"test fixture\"\nstatus = \"UNVERIFIED\"\n",
    )
    .unwrap();
    let case = std::fs::read_to_string(example("california-low-income.json"))
        .unwrap()
        .replace("2024-10-01", "2027-10-01");
    let plain = run_stdin(&["guideline", "-"], &case);
    assert_eq!(plain.status.code(), Some(0));
    assert!(
        stdout(&plain).contains("Missing rules"),
        "{}",
        stdout(&plain)
    );
    let with = run_stdin(
        &["guideline", "-", "--rules", rules.to_str().unwrap()],
        &case,
    );
    assert_eq!(with.status.code(), Some(0), "{}", stderr(&with));
    assert!(stdout(&with).contains("Low-income adjustment"));
    assert!(!stdout(&with).contains("Missing rules"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn rules_version_kinds_and_help() {
    let o = run(&["rules"]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(stdout(&o), childsupport::Rules::embedded_toml());
    let o = run(&["version"]);
    assert!(stdout(&o).contains(childsupport::VERSION));
    let o = run(&["kinds"]);
    assert!(stdout(&o).lines().any(|l| l == "california_guideline"));
    let o = run(&["--help"]);
    assert_eq!(o.status.code(), Some(0));
    for command in [
        "guideline",
        "arrears",
        "compute",
        "rules",
        "kinds",
        "completions",
    ] {
        assert!(stdout(&o).contains(command), "{command}: {}", stdout(&o));
    }
    let o = run(&["guideline", "--help"]);
    assert_eq!(o.status.code(), Some(0));
    let help = stdout(&o);
    assert!(
        help.contains("Usage: childsupport guideline [OPTIONS] <CASE_FILE>"),
        "{help}"
    );
    assert!(
        help.contains("texas_guideline") && help.contains("EXIT STATUS"),
        "{help}"
    );
    let o = run(&["completions", "bash"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).contains("complete -F"), "{}", stdout(&o));
}

#[test]
fn html_writes_a_printout_for_court() {
    let dir = std::env::temp_dir().join(format!("childsupport-html-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let page = dir.join("n2.html");
    let o = run(&[
        "guideline",
        &example("california-n2.json"),
        "--html",
        page.to_str().unwrap(),
        "--county",
        "Sacramento",
        "--case-number",
        "24FL000123",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    // The report still goes to stdout; the page to the file.
    assert!(stdout(&o).contains("$954.21"));
    let html = std::fs::read_to_string(&page).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("Parent A pays Parent B $954.21 per month"));
    assert!(html.contains("County: <b>Sacramento</b>") && html.contains("24FL000123"));
    // A kind without a printout is refused, naming the kinds that have one.
    let o = run(&[
        "arrears",
        &example("arrears-payoff.json"),
        "--html",
        page.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("no printout for kind"),
        "{}",
        stderr(&o)
    );
    // Caption flags without --html are a usage error.
    let o = run(&["guideline", &example("california-n2.json"), "--county", "X"]);
    assert_eq!(o.status.code(), Some(2));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn reports_cite_law_without_status_tags_websites_or_machine_keys() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    for path in files {
        let request: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let kind = request["kind"].as_str().unwrap_or("");
        let command = if kind.starts_with("arrears") || kind == "texas_withholding" {
            "arrears"
        } else {
            "guideline"
        };
        let o = run(&[command, path.to_str().unwrap()]);
        assert_eq!(o.status.code(), Some(0), "{}", path.display());
        // The sources list under the worksheet may name the website a secondary figure came
        // from (that is what it is for); the lines above it may not.
        let all = stdout(&o);
        let out = all.split("\nSources\n").next().unwrap_or("");
        assert!(
            !all.contains("[SECONDARY]") && !all.contains(".md"),
            "{all}"
        );
        for bad in [
            "[SECONDARY]",
            "[CORROBORATED]",
            "[UNVERIFIED]",
            "[DERIVED]",
            ".com",
            ".md",
            "parent_a",
            "parent_b",
            "payments[",
            "orders[",
        ] {
            assert!(!out.contains(bad), "{}: {bad:?} in\n{out}", path.display());
        }
    }
}
