//! `childsupport rules check`: a county's rules file, what it changes, and the errors it names.

mod common;

use common::{run, stderr};

fn write(name: &str, text: &str) -> String {
    let dir = std::env::temp_dir().join(format!("cs-rules-check-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path.to_string_lossy().into_owned()
}

/// The embedded minimum wage covers 2024 to 2026; this file keeps 2024 and adds 2027.
const COUNTY: &str = r#"
[[california.minimum_wage]]
effective_from = "2024-01-01"
effective_through = "2024-12-31"
hourly = "16.00"
citation = "Lab. Code §1182.12"
status = "VERIFIED"
[[california.minimum_wage]]
effective_from = "2027-01-01"
effective_through = "2027-12-31"
hourly = "17.25"
citation = "county test entry"
status = "UNVERIFIED"
"#;

#[test]
fn a_loading_file_reports_what_it_changes() {
    let file = write("county.toml", COUNTY);
    let o = run(&["rules", "check", &file, "--today", "2027-11-30"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = String::from_utf8(o.stdout).unwrap();
    assert!(text.contains("Series replaced (1):"), "{text}");
    assert!(
        text.contains("coverage gained   2027-01-01 to 2027-12-31"),
        "{text}"
    );
    assert!(
        text.contains("coverage lost     2025-01-01 to 2026-12-31"),
        "{text}"
    );
    // 2027-12-31 is 31 days after 2027-11-30.
    assert!(
        text.contains("california.minimum_wage: last covered 2027-12-31 (31 days left, replaced)"),
        "{text}"
    );
}

#[test]
fn json_output_is_the_library_report() {
    let file = write("county-json.toml", COUNTY);
    let o = run(&[
        "rules",
        "check",
        &file,
        "--json",
        "--today",
        "2027-11-30",
        "--within",
        "10",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["replaced"][0]["series"], "california.minimum_wage");
    assert_eq!(v["replaced"][0]["gained"][0]["from"], "2027-01-01");
    assert_eq!(v["replaced"][0]["lost"][0]["through"], "2026-12-31");
    assert_eq!(v["within_days"], 10);
    // 31 days is beyond 10: the wage is not listed as ending.
    let ending = v["ending"].as_array().unwrap();
    assert!(ending
        .iter()
        .all(|e| e["series"] != "california.minimum_wage"));
}

#[test]
fn a_file_that_does_not_load_names_the_entry_and_line_and_exits_1() {
    // The issue's case: a negative minimum wage with an empty citation loaded before.
    let file = write(
        "bad.toml",
        "\n[[california.minimum_wage]]\neffective_from = \"2024-01-01\"\nhourly = \"-16.50\"\ncitation = \"\"\nstatus = \"VERIFIED\"\n",
    );
    let o = run(&["rules", "check", &file, "--json"]);
    assert_eq!(o.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["error"]["code"], "rules");
    let field = v["error"]["field"].as_str().unwrap();
    assert!(field.ends_with("california.minimum_wage[0]"), "{field}");
    assert!(stderr(&o).contains("citation is empty"), "{}", stderr(&o));
    assert!(stderr(&o).contains("(line 2)"), "{}", stderr(&o));
}

#[test]
fn bad_command_lines_exit_2() {
    for args in [
        &["rules", "check"][..],
        &["rules", "check", "a.toml", "--today", "2027-02-30"],
        &["rules", "check", "a.toml", "--within", "-1"],
        &["rules", "check", "a.toml", "--bogus"],
    ] {
        assert_eq!(run(args).status.code(), Some(2), "{args:?}");
    }
    assert_eq!(run(&["rules", "check", "--help"]).status.code(), Some(0));
}
