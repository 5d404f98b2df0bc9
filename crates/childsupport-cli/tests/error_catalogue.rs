//! The error catalogue (docs/errors.md) checked through Rust and the command line: every request
//! of tests/vectors/errors.json gives its expected code and field from `childsupport compute`
//! (with the exit status the catalogue gives the code), every refused rules document of its
//! `rules_cases` is refused by `Rules::from_toml_str` and by `childsupport rules check` with the
//! same code, field and line, and every code of the catalogue has an input here that produces
//! it. C (tests/c/conformance.c, which runs both lists) and Python
//! (test_error_catalogue.py and test_conformance.py) read the same file.

mod common;

use std::path::PathBuf;

use childsupport::{ErrorCode, Rules};
use common::{run, run_stdin, stderr};
use serde_json::Value;

fn repo(path: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(path)
}

fn catalogue() -> Value {
    serde_json::from_str(&std::fs::read_to_string(repo("tests/vectors/errors.json")).unwrap())
        .unwrap()
}

/// The value at `pointer` as the vectors compare it: a string as itself, anything else as JSON.
fn value_at(v: &Value, pointer: &str) -> Option<String> {
    v.pointer(pointer).map(|x| match x {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    })
}

fn scratch(name: &str, text: &str) -> String {
    let dir = std::env::temp_dir().join(format!("cs-error-catalogue-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path.to_string_lossy().into_owned()
}

/// The exit status docs/errors.md gives each code.
fn exit_status(code: &str) -> i32 {
    match code {
        "invalid_input" | "request" => 2,
        _ => 1,
    }
}

#[test]
fn every_request_gives_its_code_and_field_from_the_command_line() {
    let doc = catalogue();
    for case in doc["cases"].as_array().unwrap() {
        let id = case["id"].as_str().unwrap();
        let mut args = vec!["compute", "-", "--compact"];
        let rules_file;
        if let Some(rules) = case["rules"].as_str() {
            rules_file = scratch(&format!("{id}.toml"), rules);
            args.extend(["--rules", rules_file.as_str()]);
        }
        let o = run_stdin(&args, &case["request"].to_string());
        let out = String::from_utf8(o.stdout.clone()).unwrap();
        assert_eq!(out.lines().count(), 1, "{id}: {out}");
        let response: Value = serde_json::from_str(&out).unwrap();
        for pair in case["expect"].as_array().unwrap() {
            let pointer = pair[0].as_str().unwrap();
            assert_eq!(
                value_at(&response, pointer).as_deref(),
                pair[1].as_str(),
                "{id} {pointer}: {out}"
            );
        }
        let want = response["error"]["code"].as_str().map_or(0, exit_status);
        assert_eq!(o.status.code(), Some(want), "{id}: {}", stderr(&o));
    }
}

#[test]
fn every_refused_rules_document_names_its_entry_and_line_in_rust_and_the_cli() {
    let doc = catalogue();
    for case in doc["rules_cases"].as_array().unwrap() {
        let id = case["id"].as_str().unwrap();
        let rules = case["rules"].as_str().unwrap();
        let field = case["field"].as_str().unwrap();
        let code = case["code"].as_str().unwrap();
        let line = case["line"].as_u64().map(|n| format!("(line {n})"));
        // Rust.
        let err = Rules::from_toml_str(rules).unwrap_err();
        assert_eq!(err.code().as_str(), code, "{id}: {err}");
        assert_eq!(err.field(), Some(field), "{id}: {err}");
        if let Some(line) = &line {
            assert!(err.to_string().ends_with(line.as_str()), "{id}: {err}");
        }
        // The command line: the file's name, then the same field.
        let file = scratch(&format!("{id}.toml"), rules);
        let o = run(&["rules", "check", &file, "--json"]);
        assert_eq!(o.status.code(), Some(exit_status(code)), "{id}");
        let v: Value = serde_json::from_slice(&o.stdout).unwrap();
        assert_eq!(v["error"]["code"], code, "{id}");
        assert_eq!(v["error"]["field"], format!("{file}: {field}"), "{id}");
        if let Some(line) = &line {
            let message = v["error"]["message"].as_str().unwrap();
            assert!(message.ends_with(line.as_str()), "{id}: {message}");
        }
        // And a guideline run with the file refuses it the same way (exit 1, stderr only).
        let o = run(&[
            "compute",
            &repo("examples/california-n2.json").to_string_lossy(),
            "--rules",
            &file,
        ]);
        assert_eq!(o.status.code(), Some(1), "{id}");
        assert!(stderr(&o).contains(field), "{id}: {}", stderr(&o));
    }
}

#[test]
fn every_code_of_the_catalogue_has_an_input_that_produces_it() {
    let text = std::fs::read_to_string(repo("docs/errors.md")).unwrap();
    let doc = catalogue();
    let mut produced: Vec<String> = doc["cases"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|c| {
            c["expect"]
                .as_array()?
                .iter()
                .find(|p| p[0] == "/error/code")
                .and_then(|p| p[1].as_str())
                .map(str::to_string)
        })
        .collect();
    produced.extend(
        doc["rules_cases"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|c| c["code"].as_str().map(str::to_string)),
    );
    let codes = [
        ErrorCode::InvalidInput,
        ErrorCode::NoRule,
        ErrorCode::Rules,
        ErrorCode::Request,
        ErrorCode::Arithmetic,
    ];
    for code in codes {
        // The catalogue's row: `| `code` | number |`.
        let row = format!("| `{}` | {} |", code.as_str(), code as u32);
        assert!(text.contains(&row), "docs/errors.md has no row {row}");
        assert!(
            produced.iter().any(|c| c == code.as_str()),
            "no input in tests/vectors/errors.json produces {}",
            code.as_str()
        );
    }
}
