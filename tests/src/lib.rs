//! The shared conformance vectors (`tests/vectors/*.json`) and the rule that checks them.
//!
//! A vector file is `{"description": ..., "cases": [CASE, ...]}`; a case is
//!
//! ```json
//! {"id": "CA-N2", "source": "spec/california.md §5.2 N2 (DERIVED)",
//!  "derivation": "how the expected values were worked out",
//!  "rules": "optional TOML that replaces rule series for this case",
//!  "request": {"kind": "...", "input": {...}},
//!  "expect": [["/result/amount", "954.21"], ["/result/payer", "parent_a"]]}
//! ```
//!
//! Each expectation is a JSON pointer into the response and the expected value as a string: a
//! JSON string in the response is compared by its content, anything else by its compact JSON
//! text (`null`, `2`, `true`). Error cases expect `/error/code` and `/error/field`. The C program
//! (`tests/c/conformance.c`) and pytest apply exactly this rule.

use std::path::{Path, PathBuf};

use serde_json::Value;

/// The folder holding the vector files.
pub fn vectors_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("vectors")
}

/// Every vector file, sorted by name.
pub fn vector_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(vectors_dir())
        .expect("tests/vectors exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    files
}

/// One case of a vector file.
#[derive(Debug, Clone)]
pub struct Case {
    /// The file it came from.
    pub file: String,
    /// The case id.
    pub id: String,
    /// Rule series replaced for this case (TOML), if any.
    pub rules: Option<String>,
    /// The request, as JSON text.
    pub request: String,
    /// (JSON pointer, expected value) pairs.
    pub expect: Vec<(String, String)>,
}

/// Every case of every vector file.
pub fn cases() -> Vec<Case> {
    let mut out = Vec::new();
    for path in vector_files() {
        let text = std::fs::read_to_string(&path).expect("vector file reads");
        let doc: Value =
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let file = path.file_name().unwrap().to_string_lossy().to_string();
        for case in doc["cases"].as_array().expect("cases array") {
            let id = case["id"].as_str().expect("case id").to_string();
            let expect = case["expect"]
                .as_array()
                .unwrap_or_else(|| panic!("{file} {id}: expect array"))
                .iter()
                .map(|pair| {
                    (
                        pair[0].as_str().expect("pointer").to_string(),
                        pair[1]
                            .as_str()
                            .expect("expected value as a string")
                            .to_string(),
                    )
                })
                .collect::<Vec<_>>();
            assert!(
                !expect.is_empty(),
                "{file} {id}: a case must expect something"
            );
            out.push(Case {
                file: file.clone(),
                id,
                rules: case
                    .get("rules")
                    .and_then(|r| r.as_str())
                    .map(str::to_string),
                request: case["request"].to_string(),
                expect,
            });
        }
    }
    out
}

/// The value at `pointer` in `response` as the comparison rule sees it.
pub fn value_at(response: &Value, pointer: &str) -> Option<String> {
    response.pointer(pointer).map(|v| match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    })
}

/// Runs one case through the Rust API; the mismatches, empty when the case passes.
pub fn check(case: &Case) -> Vec<String> {
    let rules = match &case.rules {
        Some(doc) => match childsupport::Rules::from_toml_str(doc) {
            Ok(r) => r,
            Err(e) => return vec![format!("rules override does not load: {e}")],
        },
        None => childsupport::Rules::embedded().clone(),
    };
    let response_text = childsupport::api::respond(&rules, &case.request);
    let response: Value = serde_json::from_str(&response_text).expect("response is JSON");
    case.expect
        .iter()
        .filter_map(|(pointer, expected)| match value_at(&response, pointer) {
            Some(actual) if &actual == expected => None,
            actual => Some(format!(
                "{pointer}: expected {expected:?}, got {actual:?} (response: {})",
                truncate(&response_text)
            )),
        })
        .collect()
}

fn truncate(s: &str) -> &str {
    match s.char_indices().nth(600) {
        Some((i, _)) => &s[..i],
        None => s,
    }
}
