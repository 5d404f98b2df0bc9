//! The committed JSON Schemas under `schema/` are what the Rust types generate (issue 14).
//!
//! A stale copy is rewritten and the test fails, so the change shows in `git diff` (set
//! `CHILDSUPPORT_SCHEMA_CHECK_ONLY` to leave the files alone, as CI may).

use std::collections::BTreeSet;
use std::path::Path;

#[test]
fn committed_schemas_are_current() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../schema");
    let check_only = std::env::var_os("CHILDSUPPORT_SCHEMA_CHECK_ONLY").is_some();
    let mut expected = BTreeSet::new();
    let mut stale = Vec::new();
    for kind in childsupport::schema::kinds() {
        for (part, schema) in [("input", &kind.input), ("result", &kind.result)] {
            let name = format!("{}.{part}.json", kind.kind);
            let text = serde_json::to_string_pretty(schema).unwrap() + "\n";
            let path = dir.join(&name);
            if std::fs::read_to_string(&path).unwrap_or_default() != text {
                if !check_only {
                    std::fs::create_dir_all(&dir).unwrap();
                    std::fs::write(&path, &text).unwrap();
                }
                stale.push(name.clone());
            }
            expected.insert(name);
        }
    }
    let extra: Vec<String> = std::fs::read_dir(&dir)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok()?.file_name().into_string().ok())
                .filter(|n| n.ends_with(".json") && !expected.contains(n))
                .collect()
        })
        .unwrap_or_default();
    assert!(
        stale.is_empty(),
        "schema/ was stale ({}): regenerated; review `git diff` and commit it",
        stale.join(", ")
    );
    assert!(
        extra.is_empty(),
        "schema/ has files no kind generates: {extra:?}"
    );
}

#[test]
fn every_kind_has_a_schema() {
    let with_schema: Vec<&str> = childsupport::schema::kinds()
        .iter()
        .map(|k| k.kind)
        .collect();
    assert_eq!(with_schema, childsupport::api::KINDS);
}

#[test]
fn the_schemas_describe_the_inputs_the_library_reads() {
    let kinds = childsupport::schema::kinds();
    let california = &kinds[0];
    assert_eq!(california.kind, "california_guideline");
    let input = serde_json::to_value(&california.input).unwrap();
    // The fields a California request must have, and nothing unknown allowed.
    let mut required: Vec<&str> = input["required"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    required.sort();
    assert_eq!(
        required,
        [
            "calculation_date",
            "children",
            "parent_a_net_income",
            "parent_b_net_income"
        ]
    );
    assert_eq!(input["additionalProperties"], false);
    // An income is an exact decimal: a string or a JSON number.
    assert_eq!(
        input["properties"]["parent_a_net_income"]["$ref"],
        "#/$defs/ExactDecimal"
    );
    let result = serde_json::to_value(&california.result).unwrap();
    assert_eq!(result["properties"]["amount"]["$ref"], "#/$defs/Money");
}
