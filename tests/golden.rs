//! The golden worksheets: every conformance vector and every example's worksheet steps, by key,
//! with their exact values, pinned in `tests/golden/steps.txt`.
//!
//! A change to any step's value (or a step appearing, disappearing or moving) fails this test.
//! Labels and citations are left out on purpose: they are the words of the printout, reviewed on
//! their own; this file pins the numbers. When a revised reading changes a number, regenerate
//! with `UPDATE_GOLDEN=1 cargo test -p childsupport-conformance --test golden` and say in the
//! commit which steps moved and why.

use std::fmt::Write as _;
use std::path::PathBuf;

use serde_json::Value;

fn golden_path() -> PathBuf {
    childsupport_conformance::vectors_dir()
        .parent()
        .expect("tests/")
        .join("golden/steps.txt")
}

fn examples() -> Vec<(String, String)> {
    let dir = childsupport_conformance::vectors_dir()
        .parent()
        .and_then(|p| p.parent())
        .expect("repository root")
        .join("examples");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("examples/ exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let name = format!("examples/{}", p.file_name().unwrap().to_string_lossy());
            (name, std::fs::read_to_string(&p).expect("example reads"))
        })
        .collect()
}

/// One line per step: `key = exact` for numbers, `key = value` for the rest.
fn steps_of(out: &mut String, title: &str, response: &str) {
    let doc: Value = serde_json::from_str(response).expect("response is JSON");
    let _ = writeln!(out, "## {title}");
    let Some(result) = doc.get("result") else {
        let code = doc
            .pointer("/error/code")
            .and_then(Value::as_str)
            .unwrap_or("?");
        let field = doc
            .pointer("/error/field")
            .and_then(Value::as_str)
            .unwrap_or("");
        let _ = writeln!(out, "error {code} {field}");
        return;
    };
    let mut stack = vec![result];
    // Worksheets may nest (a Texas result carries its net-resources worksheet): walk them all in
    // document order.
    while let Some(v) = stack.pop() {
        match v {
            Value::Object(map) => {
                if let Some(Value::Array(steps)) = map.get("worksheet") {
                    for s in steps {
                        let key = s.get("key").and_then(Value::as_str).unwrap_or("?");
                        let value = s
                            .get("exact")
                            .or_else(|| s.get("value"))
                            .map(|v| match v {
                                Value::String(s) => s.clone(),
                                other => other.to_string(),
                            })
                            .unwrap_or_default();
                        let _ = writeln!(out, "{key} = {value}");
                    }
                }
                let mut children: Vec<&Value> = map
                    .iter()
                    .filter(|(k, _)| *k != "worksheet")
                    .map(|(_, v)| v)
                    .collect();
                children.reverse();
                stack.extend(children);
            }
            Value::Array(items) => stack.extend(items.iter().rev()),
            _ => {}
        }
    }
}

fn render() -> String {
    let mut out = String::new();
    for case in childsupport_conformance::cases() {
        let rules = match &case.rules {
            Some(doc) => childsupport::Rules::from_toml_str(doc).expect("rules load"),
            None => childsupport::Rules::embedded().clone(),
        };
        let response = childsupport::api::respond(&rules, &case.request);
        steps_of(&mut out, &format!("{} {}", case.file, case.id), &response);
    }
    for (name, request) in examples() {
        let response = childsupport::api::respond(childsupport::Rules::embedded(), &request);
        steps_of(&mut out, &name, &response);
    }
    out
}

#[test]
fn worksheet_steps_and_exact_values_are_pinned() {
    let actual = render();
    let path = golden_path();
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, &actual).expect("golden file writes");
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_default();
    if actual != expected {
        // Show the first differing lines, with their case.
        let mut title = "";
        let mut shown = Vec::new();
        for (a, e) in actual.lines().zip(expected.lines()) {
            if a.starts_with("## ") {
                title = a;
            }
            if a != e {
                shown.push(format!("{title}\n  expected: {e}\n  actual:   {a}"));
                if shown.len() == 10 {
                    break;
                }
            }
        }
        panic!(
            "worksheets differ from {} ({} vs {} lines); first differences:\n{}\n\
             If a revised reading moved these numbers, regenerate with UPDATE_GOLDEN=1 and say why in the commit.",
            path.display(),
            actual.lines().count(),
            expected.lines().count(),
            shown.join("\n")
        );
    }
}
