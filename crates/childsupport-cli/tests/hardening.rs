//! The command's own failure modes (issue 13): errors on one line under `--compact`, a closed
//! stdout is a failure (never exit 0, never a panic), no Rust type names in an error.

mod common;

use common::{example, run_piped, run_stdin, stderr};

#[test]
fn compact_errors_are_one_line_of_json() {
    let request = std::fs::read_to_string(example("california-n2.json"))
        .unwrap()
        .replace("\"children\"", "\"childern\"");
    let o = run_stdin(&["compute", "-", "--compact"], &request);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let out = String::from_utf8(o.stdout).unwrap();
    assert_eq!(out.lines().count(), 1, "{out}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["error"]["code"], "invalid_input");
    assert_eq!(v["error"]["field"], "childern");
}

#[test]
fn a_closed_stdout_fails_without_a_panic() {
    let request = std::fs::read_to_string(example("california-n2.json")).unwrap();
    // A result, and an error (whose JSON also goes to stdout).
    for (args, input) in [
        (&["compute", "-"][..], request.clone()),
        (&["guideline", "-"][..], request.clone()),
        (
            &["compute", "-", "--compact"][..],
            "{\"kind\": \"ohio\", \"input\": {}}".to_string(),
        ),
    ] {
        let o = run_piped(args, &input, true);
        let err = stderr(&o);
        assert_ne!(o.status.code(), Some(0), "{args:?}: {err}");
        assert_ne!(o.status.code(), Some(101), "{args:?} panicked: {err}");
        assert!(!err.contains("panicked"), "{args:?}: {err}");
    }
}

#[test]
fn a_resume_state_of_the_wrong_type_names_json_not_rust() {
    let mut request: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(example("arrears-texas-tx15.json")).unwrap())
            .unwrap();
    request["input"]["resume_from"] = serde_json::json!(5);
    let o = run_stdin(&["compute", "-", "--compact"], &request.to_string());
    assert_eq!(o.status.code(), Some(2));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["error"]["field"], "resume_from");
    assert_eq!(
        v["error"]["allowed"],
        "a JSON object ({...}) with this field's keys"
    );
    assert!(!stderr(&o).contains("SavedState"), "{}", stderr(&o));
}
