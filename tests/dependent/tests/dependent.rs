//! A crate that depends on childsupport keeps serde_json's ordinary number handling, and the
//! library still reads request numbers exactly.

use serde::Deserialize;

/// An untagged enum of a float or text: with serde_json's `arbitrary_precision` turned on, `1.5`
/// reaches serde's untagged buffer as a map and matches neither variant.
#[derive(Debug, PartialEq, Deserialize)]
#[serde(untagged)]
enum FloatOrText {
    Float(f64),
    Text(String),
}

#[test]
fn an_untagged_float_enum_still_reads_a_json_number() {
    assert_eq!(
        serde_json::from_str::<FloatOrText>("1.5").unwrap(),
        FloatOrText::Float(1.5)
    );
    assert_eq!(
        serde_json::from_str::<Vec<FloatOrText>>(r#"[0.25, "x"]"#).unwrap(),
        [FloatOrText::Float(0.25), FloatOrText::Text("x".into())]
    );
}

#[test]
fn the_library_still_reads_numbers_exactly() {
    use childsupport::guideline::california::CaliforniaInput;
    // More digits than an f64 carries: read exactly, not as 2773.3333333333335.
    let input: CaliforniaInput = childsupport::api::from_json(
        r#"{"calculation_date": "2025-03-01", "parent_a_net_income": 2773.3333333333333333,
            "parent_b_net_income": 1000, "children": 1}"#,
    )
    .unwrap();
    assert_eq!(
        input.parent_a_net_income.to_string(),
        "2773.3333333333333333"
    );
    // The spec's California example N2 (3,000 and 1,000 net, 20% time with parent A, two
    // children: 954.21), its numbers written as JSON numbers.
    let request = r#"{"kind": "california_guideline", "input": {"calculation_date": "2025-03-01",
        "parent_a_net_income": 3000.00, "parent_b_net_income": 1000,
        "time_share": {"parent": "parent_a", "fraction": 0.2}, "children": 2}}"#;
    let response: serde_json::Value = serde_json::from_str(&childsupport::api::respond(
        childsupport::Rules::embedded(),
        request,
    ))
    .unwrap();
    assert_eq!(response["result"]["amount"], "954.21");
    // A number the library cannot hold exactly is refused, not rounded.
    let refused = childsupport::api::respond(
        childsupport::Rules::embedded(),
        &request.replace("3000.00", "1e3"),
    );
    assert!(refused.contains(r#""code":"invalid_input""#), "{refused}");
}

#[test]
fn serde_json_alone_refuses_a_non_integer_amount_rather_than_reading_a_float() {
    use childsupport::guideline::california::CaliforniaInput;
    let text = r#"{"calculation_date": "2025-03-01", "parent_a_net_income": 2773.33,
        "parent_b_net_income": 1000, "children": 1}"#;
    let e = serde_json::from_str::<CaliforniaInput>(text).unwrap_err();
    assert!(e.to_string().contains("written as a string"), "{e}");
    // Whole numbers are exact in any reader.
    let whole = text.replace("2773.33", "2773");
    let input: CaliforniaInput = serde_json::from_str(&whole).unwrap();
    assert_eq!(input.parent_a_net_income.to_string(), "2773");
}
