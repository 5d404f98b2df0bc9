//! The JSON request/response interface, shared by the C ABI, Python and the CLI.
//!
//! A request is `{"kind": KIND, "input": {...}}`; the response is `{"kind": KIND, "result":
//! {...}}` or `{"error": {"code", "field", "message", ...}}`. Amounts go in as JSON strings or
//! numbers, both read as exact decimals (never through a float), and come out as strings.
//!
//! | kind | input | result |
//! |---|---|---|
//! | `california_guideline` | [`CaliforniaInput`] | [`CaliforniaResult`](crate::guideline::california::CaliforniaResult) |
//! | `california_guideline_from_gross` | [`CaliforniaFromGrossInput`](crate::guideline::california_income::CaliforniaFromGrossInput) | [`CaliforniaFromGrossResult`](crate::guideline::california_income::CaliforniaFromGrossResult) |
//! | `texas_guideline` | [`TexasInput`] | [`TexasResult`](crate::guideline::texas::TexasResult) |
//! | `texas_net_resources` | [`TexasNetResourcesInput`] | [`NetResources`](crate::guideline::texas::net_resources::NetResources) |
//! | `arrears_ledger` | [`LedgerInput`](crate::arrears::ledger::LedgerInput) (JSON shape in [`crate::arrears::ledger`]) | [`LedgerResult`](crate::arrears::ledger::LedgerResult) |
//! | `arrears_ledger_post` | [`PostInput`](crate::arrears::open::PostInput) (the open ledger over JSON) | [`PostResult`](crate::arrears::open::PostResult) |
//! | `arrears_payoff` | [`PayoffInput`](crate::arrears::payoff::PayoffInput) (JSON shape in [`crate::arrears::payoff`]) | [`PayoffResult`](crate::arrears::payoff::PayoffResult) |
//! | `texas_withholding` | [`WithholdingInput`](crate::arrears::payoff::WithholdingInput) | [`WithholdingResult`](crate::arrears::payoff::WithholdingResult) |
//! | `collection_allocation` | [`CollectionInput`](crate::allocation::CollectionInput) | [`Allocation`](crate::allocation::Allocation) |
//! | `collection_post` | [`PostCollectionInput`](crate::allocation::posting::PostCollectionInput) | [`PostCollectionResult`](crate::allocation::posting::PostCollectionResult) |
//! | `withholding_amounts` | [`WithholdingInput`](crate::allocation::withholding::WithholdingInput) | [`WithholdingResult`](crate::allocation::withholding::WithholdingResult) |
//! | `withholding_order_arrears` | [`OrderArrearsInput`](crate::allocation::order::OrderArrearsInput) | [`OrderArrearsResult`](crate::allocation::order::OrderArrearsResult) |
//! | `iv_d_distribution` | [`DistributionInput`](crate::distribution::DistributionInput) | [`DistributionResult`](crate::distribution::DistributionResult) |
//! | `iv_d_distribution_day` | [`DayInput`](crate::distribution::DayInput) | [`DayResult`](crate::distribution::DayResult) |
//! | `iv_d_enforcement_thresholds` | [`ThresholdInput`](crate::distribution::ThresholdInput) | [`ThresholdResult`](crate::distribution::ThresholdResult) |
//!
//! New capabilities add kinds; existing kinds keep their shape.

mod document;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

use document::Document;

use crate::arrears;
use crate::error::Error;
use crate::guideline::california::{self, CaliforniaInput};
use crate::guideline::texas::net_resources::{self, Resources};
use crate::guideline::texas::{self, TexasInput};
use crate::rules::Rules;

/// The request kinds this build answers.
pub const KINDS: &[&str] = &[
    "california_guideline",
    "california_guideline_from_gross",
    "texas_guideline",
    "texas_net_resources",
    "arrears_ledger",
    "arrears_ledger_post",
    "arrears_payoff",
    "texas_withholding",
    "collection_allocation",
    "collection_post",
    "withholding_amounts",
    "withholding_order_arrears",
    "iv_d_distribution",
    "iv_d_distribution_day",
    "iv_d_enforcement_thresholds",
];

/// The input of `texas_net_resources`: one party's monthly net resources by the Texas
/// tax-chart method (Tex. Fam. Code §§154.061-154.068), without a guideline.
///
/// ```json
/// {"calculation_date": "2026-03-01",
///  "resources": {"incomes": [{"amount": "6000", "frequency": "monthly", "kind": "wages"}]}}
/// ```
///
/// `resources` has the shape of [`Resources`] (see [`TexasInput`] for its fields); the tax year
/// is the calendar year of `calculation_date` unless `resources.tax_year` names one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct TexasNetResourcesInput {
    /// The date of the calculation (its calendar year is the tax year).
    pub calculation_date: crate::date::Date,
    /// The party's resources.
    pub resources: Resources,
}

impl TexasNetResourcesInput {
    /// The net resources of `resources` on `calculation_date`.
    pub fn new(
        calculation_date: crate::date::Date,
        resources: Resources,
    ) -> TexasNetResourcesInput {
        TexasNetResourcesInput {
            calculation_date,
            resources,
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Envelope<'a> {
    kind: String,
    #[serde(borrow)]
    input: &'a RawValue,
}

/// Reads a kind's input (see [`from_json`]).
pub(crate) fn parse<T: DeserializeOwned>(raw: &RawValue) -> Result<T, Error> {
    from_json(raw.get())
}

/// Reads `json` as an input type (`T` is [`CaliforniaInput`], [`TexasInput`], ...) the way a
/// request's `input` is read: every JSON number exactly as written, whatever features of
/// serde_json the program has turned on (`"1234.56"` and `1234.56` are the same amount; `1e3`
/// and a 29-digit number are refused, never rounded).
///
/// A value that does not fit its field (a refused number, a bad date, an unknown word, a wrong
/// type, a missing or unknown field) is an `invalid_input` error naming the field's path in the
/// input (`orders[2].changes[0].effective`), the value given and what is allowed. Text that is
/// not JSON is a `request` error.
///
/// ```
/// use childsupport::guideline::california::CaliforniaInput;
///
/// let input: CaliforniaInput = childsupport::api::from_json(
///     r#"{"calculation_date": "2025-03-01", "parent_a_net_income": 2773.3333333333333333,
///         "parent_b_net_income": "1000", "children": 1}"#,
/// )?;
/// assert_eq!(input.parent_a_net_income.to_string(), "2773.3333333333333333");
/// # Ok::<(), childsupport::Error>(())
/// ```
pub fn from_json<T: DeserializeOwned>(json: &str) -> Result<T, Error> {
    let doc = Document::parse(json).map_err(|e| Error::Request {
        message: format!("input: {e}"),
    })?;
    serde_path_to_error::deserialize(&doc).map_err(|e| input_error(&doc, e))
}

/// The error for input that did not deserialise (see [`from_json`]).
fn input_error(doc: &Document, e: serde_path_to_error::Error<document::Error>) -> Error {
    let path = e.path().clone();
    let message = e.into_inner().to_string();
    // The path, and the value's text as the caller wrote it (`1e3` stays `1e3`).
    let mut field = String::new();
    let mut at: Option<&Document> = Some(doc);
    for segment in &path {
        use serde_path_to_error::Segment;
        match segment {
            Segment::Seq { index } => {
                field.push_str(&format!("[{index}]"));
                at = at.and_then(|d| d.element(*index));
            }
            Segment::Map { key } | Segment::Enum { variant: key } => {
                if !field.is_empty() {
                    field.push('.');
                }
                field.push_str(key);
                at = at.and_then(|d| d.member(key));
            }
            Segment::Unknown => at = None,
        }
    }
    let value = match at.map(|d| (&d.value, d.text)) {
        Some((document::Value::String(s), _)) => s.to_string(),
        Some((_, text)) => match text.char_indices().nth(80) {
            Some((cut, _)) => format!("{}…", &text[..cut]),
            None => text.to_string(),
        },
        None => String::new(),
    };
    field_error(field, value, &message, false)
}

/// An `invalid_input` error from a deserialiser's `message` about the value `value` at `field`
/// (the path the caller wrote): a missing or unknown field is reported at the field itself, and
/// what is allowed is taken from the library's own messages or said in words for serde's.
/// `syntax`: the message is a JSON syntax error about a value that does not fit its field.
pub(crate) fn field_error(
    mut field: String,
    mut value: String,
    message: &str,
    syntax: bool,
) -> Error {
    // serde_path_to_error already ends the path of an unknown field with its name.
    for (prefix, absent) in [("missing field `", true), ("unknown field `", false)] {
        if let Some((name, _)) = message.strip_prefix(prefix).and_then(|r| r.split_once('`')) {
            if !(field == name || field.ends_with(&format!(".{name}"))) {
                if !field.is_empty() {
                    field.push('.');
                }
                field.push_str(name);
            }
            value = if absent {
                String::new()
            } else {
                name.to_string()
            };
        }
    }
    let allowed = if syntax {
        "a value of the field's type".to_string()
    } else if let Some((_, allowed)) = message.split_once("; allowed: ") {
        // The library's own messages (numbers, dates) say what is allowed.
        allowed.to_string()
    } else if message.starts_with("missing field `") {
        "a value: the field is required".to_string()
    } else if let Some((_, expected)) = message.split_once(", expected ") {
        // serde's messages: "invalid type: string \"two\", expected u32", "invalid value:
        // integer `-1`, expected u32", "unknown variant `parent_c`, expected `parent_a` or
        // `parent_b`".
        match expected {
            "u8" | "u16" | "u32" | "u64" | "usize" => "a whole number, 0 or more".to_string(),
            "i32" | "i64" => "a whole number".to_string(),
            "a boolean" => "true or false".to_string(),
            // Never a Rust type name ("struct SavedState"): say what JSON the field takes.
            s if s.starts_with("struct ") || s.starts_with("tuple struct ") || s == "a map" => {
                "a JSON object ({...}) with this field's keys".to_string()
            }
            "a sequence" => "a JSON list ([...])".to_string(),
            s if s.starts_with("enum ") || s.contains("identifier") => {
                "one of this field's names, as a string".to_string()
            }
            other => other.to_string(),
        }
    } else {
        message.to_string()
    };
    Error::InvalidInput {
        field,
        value,
        allowed,
    }
}

/// The response document for a result: `{"kind", "rules", "result"}`, where `rules` names the
/// version, the fingerprint and any replaced series of the rules used.
pub fn response_json<T: Serialize>(rules: &Rules, kind: &str, result: &T) -> Result<String, Error> {
    #[derive(Serialize)]
    struct Out<'a, T> {
        kind: &'a str,
        rules: crate::rules::RulesUsed<'a>,
        result: &'a T,
    }
    serde_json::to_string(&Out {
        kind,
        rules: rules.used(),
        result,
    })
    .map_err(|e| Error::Request {
        message: format!("result could not be written: {e}"),
    })
}

/// Answers one JSON request; `Err` for any error (see [`respond`] for an always-JSON answer).
pub fn handle(rules: &Rules, request: &str) -> Result<String, Error> {
    let env: Envelope = serde_json::from_str(request).map_err(|e| Error::Request {
        message: format!("{e} (a request is {{\"kind\": ..., \"input\": {{...}}}})"),
    })?;
    match env.kind.as_str() {
        "california_guideline" => {
            let input: CaliforniaInput = parse(env.input)?;
            response_json(rules, &env.kind, &california::compute(rules, &input)?)
        }
        "california_guideline_from_gross" => {
            let input: crate::guideline::california_income::CaliforniaFromGrossInput =
                parse(env.input)?;
            response_json(
                rules,
                &env.kind,
                &crate::guideline::california_income::compute(rules, &input)?,
            )
        }
        "texas_guideline" => {
            let input: TexasInput = parse(env.input)?;
            response_json(rules, &env.kind, &texas::compute(rules, &input)?)
        }
        "texas_net_resources" => {
            let input: TexasNetResourcesInput = parse(env.input)?;
            let nr = net_resources::compute(rules, input.calculation_date, &input.resources)
                .map_err(|e| e.within("resources"))?;
            response_json(rules, &env.kind, &nr)
        }
        "arrears_ledger" => {
            let input: arrears::LedgerInput = parse(env.input)?;
            response_json(rules, &env.kind, &arrears::compute_ledger(rules, &input)?)
        }
        "arrears_ledger_post" => {
            let input: arrears::open::PostInput = parse(env.input)?;
            response_json(rules, &env.kind, &arrears::open::post_json(rules, &input)?)
        }
        "arrears_payoff" => {
            let input: arrears::PayoffInput = parse(env.input)?;
            response_json(rules, &env.kind, &arrears::compute_payoff(rules, &input)?)
        }
        "texas_withholding" => {
            let input: arrears::WithholdingInput = parse(env.input)?;
            response_json(
                rules,
                &env.kind,
                &arrears::texas_withholding(rules, &input)?,
            )
        }
        "collection_allocation"
        | "collection_post"
        | "withholding_amounts"
        | "withholding_order_arrears" => crate::allocation::answer(rules, &env.kind, env.input),
        "iv_d_distribution" => {
            let input: crate::distribution::DistributionInput = parse(env.input)?;
            let result = crate::distribution::distribute_events(rules, &input)?;
            response_json(rules, &env.kind, &result)
        }
        "iv_d_distribution_day" => {
            let input: crate::distribution::DayInput = parse(env.input)?;
            let result = crate::distribution::distribute_day(rules, &input)?;
            response_json(rules, &env.kind, &result)
        }
        "iv_d_enforcement_thresholds" => {
            let input: crate::distribution::ThresholdInput = parse(env.input)?;
            let result = crate::distribution::enforcement_thresholds(rules, &input)?;
            response_json(rules, &env.kind, &result)
        }
        other => Err(Error::Request {
            message: format!("unknown kind {other:?}; the kinds are {}", KINDS.join(", ")),
        }),
    }
}

/// An error as the JSON the interfaces return.
pub fn error_json(error: &Error) -> String {
    let mut body = serde_json::Map::new();
    body.insert("code".into(), error.code().as_str().into());
    body.insert("message".into(), error.to_string().into());
    if let Some(f) = error.field() {
        body.insert("field".into(), f.into());
    }
    match error {
        Error::InvalidInput { value, allowed, .. } => {
            body.insert("value".into(), value.as_str().into());
            body.insert("allowed".into(), allowed.as_str().into());
        }
        Error::NoRule { date, covered, .. } => {
            body.insert("date".into(), date.to_string().into());
            body.insert("covered".into(), covered.as_str().into());
        }
        _ => {}
    }
    serde_json::json!({ "error": body }).to_string()
}

/// Answers one JSON request, always with JSON: the result, or the error.
pub fn respond(rules: &Rules, request: &str) -> String {
    match handle(rules, request) {
        Ok(s) => s,
        Err(e) => error_json(&e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_read_exactly_and_amounts_written_as_strings() {
        // 2,773.333... has more digits than an f64 carries; it must arrive exactly.
        let req = r#"{"kind":"california_guideline","input":{"calculation_date":"2025-03-01",
            "parent_a_net_income":3000,"parent_b_net_income":"1000.00",
            "time_share":{"parent":"parent_a","fraction":0.2},"children":2}}"#;
        let out: serde_json::Value =
            serde_json::from_str(&handle(Rules::embedded(), req).unwrap()).unwrap();
        assert_eq!(out["result"]["amount"].as_str(), Some("954.21"));
        assert_eq!(out["result"]["payer"].as_str(), Some("parent_a"));
    }

    #[test]
    fn errors_come_back_as_json_with_the_field() {
        let req = r#"{"kind":"california_guideline","input":{"calculation_date":"2025-03-01",
            "parent_a_net_income":"-5","parent_b_net_income":"1000",
            "time_share":{"parent":"parent_a","fraction":"0.2"},"children":2}}"#;
        let out: serde_json::Value =
            serde_json::from_str(&respond(Rules::embedded(), req)).unwrap();
        assert_eq!(out["error"]["code"].as_str(), Some("invalid_input"));
        assert_eq!(out["error"]["field"].as_str(), Some("parent_a_net_income"));
        let out: serde_json::Value =
            serde_json::from_str(&respond(Rules::embedded(), r#"{"kind":"ohio","input":{}}"#))
                .unwrap();
        assert_eq!(out["error"]["code"].as_str(), Some("request"));
        let out: serde_json::Value =
            serde_json::from_str(&respond(Rules::embedded(), "{")).unwrap();
        assert_eq!(out["error"]["code"].as_str(), Some("request"));
    }
}

#[cfg(test)]
mod thread_tests {
    use super::*;

    #[test]
    fn rules_are_shareable_and_answers_are_the_same_on_every_thread() {
        fn send_sync<T: Send + Sync>() {}
        send_sync::<Rules>();
        let req = r#"{"kind":"california_guideline","input":{"calculation_date":"2024-10-01",
            "parent_a_net_income":"1800","parent_b_net_income":"700",
            "time_share":{"parent":"parent_a","fraction":"0"},"children":1}}"#;
        let expected = respond(Rules::embedded(), req);
        let answers: Vec<String> = std::thread::scope(|s| {
            let handles: Vec<_> = (0..4)
                .map(|_| s.spawn(|| respond(Rules::embedded(), req)))
                .collect();
            handles.into_iter().map(|h| h.join().unwrap()).collect()
        });
        assert!(answers.iter().all(|a| *a == expected));
        // california.md N1 (2024-10-01): 351.31, presumptively adjusted to the lowest, 228.01.
        assert!(
            expected.contains("\"amount\":\"228.01\"")
                && expected.contains("\"unadjusted_amount\":\"351.31\"")
                && expected.contains("\"lowest_amount\":\"228.01\"")
        );
    }
}

/// Deserialisation failures: each refused form and each field path (issue 13).
#[cfg(test)]
mod input_error_tests {
    use super::*;
    use serde_json::{json, Value};

    fn california(input: Value) -> Value {
        california_text(&input.to_string())
    }

    fn california_text(input: &str) -> Value {
        let req = format!(r#"{{"kind": "california_guideline", "input": {input}}}"#);
        serde_json::from_str(&respond(Rules::embedded(), &req)).unwrap()
    }

    fn base() -> Value {
        json!({"calculation_date": "2025-03-01", "parent_a_net_income": "3000",
               "parent_b_net_income": "1000", "time_share": {"parent": "parent_a", "fraction": "0.2"},
               "children": 2})
    }

    fn with(key: &str, value: Value) -> Value {
        let mut input = base();
        input[key] = value;
        input
    }

    /// (code, field, value, allowed) of an error response.
    fn error(out: &Value) -> (&str, &str, &str, &str) {
        let e = &out["error"];
        let s = |k: &str| e[k].as_str().unwrap_or_else(|| panic!("no {k} in {out}"));
        (s("code"), s("field"), s("value"), s("allowed"))
    }

    #[test]
    fn the_base_case_computes() {
        assert!(california(base())["result"]["amount"].is_string());
    }

    #[test]
    fn every_non_plain_number_is_refused_naming_the_field_and_what_is_not_accepted() {
        for (text, why) in [
            ("3_000", "an underscore"),
            (" 3000 ", "a space"),
            ("3000 ", "a space"),
            ("+3000", "a plus sign"),
            ("1e3", "an exponent"),
            ("1E3", "an exponent"),
            ("0.80000000000000000000000000001e0", "an exponent"),
            ("3,000", "a comma"),
            ("5.", "a point without a digit"),
            (".5", "a point without a digit"),
            ("", "empty text"),
            ("-", "text that is not a number"),
            ("--5", "text that is not a number"),
            ("0x10", "text that is not a number"),
            ("NaN", "text that is not a number"),
            ("Infinity", "text that is not a number"),
            // 29 significant digits: a decimal cannot hold it, so it is refused, not rounded.
            ("0.80000000000000000000000000001", "more digits"),
            ("79228162514264337593543950336", "more digits"),
        ] {
            let out = california(with("parent_a_net_income", json!(text)));
            let (code, field, value, allowed) = error(&out);
            assert_eq!(
                (code, field, value),
                ("invalid_input", "parent_a_net_income", text),
                "{text:?}"
            );
            assert!(
                allowed.starts_with(crate::money::exact::ALLOWED) && allowed.contains(why),
                "{text:?}: {allowed}"
            );
        }
    }

    #[test]
    fn json_numbers_follow_the_same_rule_as_strings() {
        for text in [
            "1e3",
            "1E3",
            "3.0e0",
            "-1e-2",
            "0.80000000000000000000000000001e0",
        ] {
            let input = base().to_string().replace("\"3000\"", text);
            let out = california_text(&input);
            let (code, field, value, _) = error(&out);
            assert_eq!(
                (code, field, value),
                ("invalid_input", "parent_a_net_income", text),
                "{text}"
            );
        }
        // Plain JSON numbers are read exactly, like the same digits in a string.
        let plain = base().to_string().replace("\"3000\"", "3000.00");
        assert_eq!(
            california_text(&plain)["result"],
            california(base())["result"]
        );
    }

    #[test]
    fn plain_numbers_are_read_exactly_and_trailing_zeros_beyond_28_places_are_kept_exact() {
        use crate::money::exact::parse_plain;
        let d = |s: &str| rust_decimal::Decimal::from_str_exact(s).unwrap();
        assert_eq!(parse_plain("3000"), Ok(d("3000")));
        assert_eq!(parse_plain("-0.5"), Ok(d("-0.5")));
        assert_eq!(parse_plain("007.10"), Ok(d("7.10")));
        assert_eq!(
            parse_plain("0.8000000000000000000000000000"),
            Ok(d("0.8000000000000000000000000000"))
        );
        // 30 places, all zeros after the 8: the value is exactly 0.8.
        assert_eq!(
            parse_plain("0.800000000000000000000000000000"),
            Ok(d("0.8"))
        );
        assert_eq!(
            parse_plain("79228162514264337593543950335"),
            Ok(rust_decimal::Decimal::MAX)
        );
        assert!(parse_plain("79228162514264337593543950336").is_err());
        assert!(parse_plain("-79228162514264337593543950336").is_err());
    }

    #[test]
    fn a_bad_date_names_its_field_and_the_calendar_rule() {
        let out = california(with("calculation_date", json!("2025-02-30")));
        let (code, field, value, allowed) = error(&out);
        assert_eq!(
            (code, field, value),
            ("invalid_input", "calculation_date", "2025-02-30")
        );
        assert!(allowed.contains("28"), "{allowed}");
    }

    #[test]
    fn an_unknown_word_names_its_field_and_the_words_allowed() {
        let mut input = base();
        input["time_share"]["parent"] = json!("parent_c");
        let out = california(input);
        let (code, field, value, allowed) = error(&out);
        assert_eq!(
            (code, field, value),
            ("invalid_input", "time_share.parent", "parent_c")
        );
        assert!(allowed.contains("parent_a") && allowed.contains("parent_b"));
    }

    #[test]
    fn a_wrong_type_names_its_field() {
        let out = california(with("children", json!("two")));
        assert_eq!(
            error(&out),
            (
                "invalid_input",
                "children",
                "two",
                "a whole number, 0 or more"
            )
        );
        let out = california(with("children", json!(-1)));
        assert_eq!(error(&out).1, "children");
        let out = california(with("time_share", json!("0.2")));
        assert_eq!(error(&out).1, "time_share");
    }

    #[test]
    fn a_missing_or_unknown_field_is_named() {
        let mut input = base();
        input.as_object_mut().unwrap().remove("children");
        let out = california(input);
        assert_eq!(
            error(&out),
            (
                "invalid_input",
                "children",
                "",
                "a value: the field is required"
            )
        );
        let out = california(with("childern", json!(2)));
        let (code, field, value, allowed) = error(&out);
        assert_eq!(
            (code, field, value),
            ("invalid_input", "childern", "childern")
        );
        assert!(allowed.contains("`children`"), "{allowed}");
        let mut input = base();
        input["time_share"]["share"] = json!("0.2");
        assert_eq!(error(&california(input)).1, "time_share.share");
    }

    #[test]
    fn paths_reach_into_lists() {
        let ledger = |changes: Value| {
            let req = json!({"kind": "arrears_ledger", "input": {
                "state": "california", "as_of": "2021-10-01", "iv_d": true,
                "orders": [
                    {"type": "child", "frequency": "monthly", "amount": "650",
                     "start": "2019-03-01", "due_day": 1},
                    {"type": "child", "frequency": "monthly", "amount": "650",
                     "start": "2019-03-01", "due_day": 1},
                    {"type": "child", "frequency": "monthly", "amount": "650",
                     "start": "2019-03-01", "due_day": 1, "changes": changes}],
                "payments": []}})
            .to_string();
            serde_json::from_str::<Value>(&respond(Rules::embedded(), &req)).unwrap()
        };
        let out = ledger(json!([{"effective": "2021-02-30", "amount": "480"}]));
        let (code, field, value, _) = error(&out);
        assert_eq!(
            (code, field, value),
            (
                "invalid_input",
                "orders[2].changes[0].effective",
                "2021-02-30"
            )
        );
        let out = ledger(json!([
            {"effective": "2021-02-01", "amount": "480"},
            {"effective": "2021-03-01", "amount": "4_80"}]));
        let (code, field, value, _) = error(&out);
        assert_eq!(
            (code, field, value),
            ("invalid_input", "orders[2].changes[1].amount", "4_80")
        );
    }

    #[test]
    fn a_malformed_envelope_stays_a_request_error() {
        for req in [
            "{",
            r#"{"kind":"california_guideline"}"#,
            r#"{"kind":"ohio","input":{}}"#,
            r#"{"kind":"california_guideline","input":{},"extra":1}"#,
        ] {
            let out: Value = serde_json::from_str(&respond(Rules::embedded(), req)).unwrap();
            assert_eq!(out["error"]["code"], "request", "{req}");
            assert!(out["error"].get("field").is_none(), "{req}");
        }
    }
}

/// Inputs and results read back from their own JSON (issue 14): every kind but the arrears kinds,
/// whose types are not `Deserialize` yet.
#[cfg(test)]
mod round_trip_tests {
    use super::*;
    use crate::guideline::california::{ChildShare, TimeShare};
    use crate::guideline::california_income::{self, CaliforniaFromGrossInput, GrossIncome};
    use crate::guideline::Parent;
    use crate::Decimal;
    use serde_json::Value;

    /// The `input` of a request in `examples/`.
    fn example_input(request: &str) -> String {
        let v: Value = serde_json::from_str(request).unwrap();
        v["input"].to_string()
    }

    /// Writes `value`, reads it back, and checks the copy writes the same JSON.
    fn round_trip<T: Serialize + DeserializeOwned>(value: &T) -> T {
        let json = serde_json::to_string(value).unwrap();
        let back: T = serde_json::from_str(&json).unwrap();
        assert_eq!(serde_json::to_string(&back).unwrap(), json);
        back
    }

    const CALIFORNIA: [&str; 3] = [
        include_str!("../../../examples/california-n2.json"),
        include_str!("../../../examples/california-add-ons.json"),
        include_str!("../../../examples/california-low-income.json"),
    ];

    #[test]
    fn california_inputs_and_results_read_back_equal() {
        for request in CALIFORNIA {
            let input: CaliforniaInput = from_json(&example_input(request)).unwrap();
            assert_eq!(round_trip(&input), input);
            // Lean: no worksheet, so the copy is equal in every field.
            let lean = california::compute_lean(Rules::embedded(), &input).unwrap();
            assert_eq!(round_trip(&lean), lean);
            // Traced: the worksheet reads back as the values shown; the rest is equal.
            let traced = california::compute(Rules::embedded(), &input).unwrap();
            let mut back = round_trip(&traced);
            assert_eq!(back.worksheet.steps().len(), traced.worksheet.steps().len());
            back.worksheet = traced.worksheet.clone();
            assert_eq!(back, traced);
        }
        // california.md N2: 954.21 in two children's shares, 596.38 and 357.83.
        let n2: CaliforniaInput = from_json(&example_input(CALIFORNIA[0])).unwrap();
        let back = round_trip(&california::compute_lean(Rules::embedded(), &n2).unwrap());
        assert_eq!(back.amount.to_string(), "954.21");
        let shares: Vec<String> = back
            .per_child
            .iter()
            .map(|c: &ChildShare| c.amount.to_string())
            .collect();
        assert_eq!(shares, ["596.38", "357.83"]);
    }

    #[test]
    fn texas_inputs_and_results_read_back_equal() {
        for request in [
            include_str!("../../../examples/texas-tx02.json"),
            include_str!("../../../examples/texas-half-cent.json"),
            include_str!("../../../examples/texas-multiple-households.json"),
        ] {
            let input: TexasInput = from_json(&example_input(request)).unwrap();
            assert_eq!(round_trip(&input), input);
            let lean = texas::compute_lean(Rules::embedded(), &input).unwrap();
            assert_eq!(round_trip(&lean), lean);
            let traced = texas::compute(Rules::embedded(), &input).unwrap();
            let mut back = round_trip(&traced);
            back.worksheet = traced.worksheet.clone();
            assert_eq!(back, traced);
            // Net resources alone (`texas_net_resources`).
            let nr_input = TexasNetResourcesInput::new(input.order_date, input.obligor.clone());
            assert_eq!(round_trip(&nr_input), nr_input);
            let nr =
                net_resources::compute_lean(Rules::embedded(), input.order_date, &input.obligor)
                    .unwrap();
            assert_eq!(round_trip(&nr), nr);
        }
    }

    #[test]
    fn california_from_gross_inputs_and_results_read_back_equal() {
        let request = include_str!("../../../examples/california-from-gross-e8.json");
        let input: CaliforniaFromGrossInput = from_json(&example_input(request)).unwrap();
        assert_eq!(round_trip(&input), input);
        let lean = california_income::compute_lean(Rules::embedded(), &input).unwrap();
        assert_eq!(round_trip(&lean), lean);
        let traced = california_income::compute(Rules::embedded(), &input).unwrap();
        let back = round_trip(&traced);
        assert_eq!(back.guideline.amount, traced.guideline.amount);
    }

    #[test]
    fn the_constructors_give_what_a_request_without_the_optional_fields_gives() {
        let share = || TimeShare {
            parent: Parent::A,
            fraction: Decimal::new(2, 1),
        };
        let date = "2025-03-01".parse().unwrap();
        let built =
            CaliforniaInput::new(date, Decimal::from(3000), Decimal::from(1000), share(), 2);
        let read: CaliforniaInput = from_json(
            r#"{"calculation_date": "2025-03-01", "parent_a_net_income": "3000",
                "parent_b_net_income": "1000", "time_share": {"parent": "parent_a", "fraction": "0.2"},
                "children": 2}"#,
        )
        .unwrap();
        assert_eq!(built, read);

        let built = TexasInput::simple(date, Decimal::from(5000), 1);
        let read: TexasInput = from_json(
            r#"{"order_date": "2025-03-01", "obligor": {"net_resources": "5000"}, "children": 1}"#,
        )
        .unwrap();
        assert_eq!(built, read);

        let built = CaliforniaFromGrossInput::new(
            date,
            GrossIncome::new("single", vec![]),
            GrossIncome::new("hoh", vec![]),
            share(),
            1,
        );
        let read: CaliforniaFromGrossInput = from_json(
            r#"{"calculation_date": "2025-03-01", "parent_a": {"filing_status": "single"},
                "parent_b": {"filing_status": "hoh"},
                "time_share": {"parent": "parent_a", "fraction": "0.2"}, "children": 1}"#,
        )
        .unwrap();
        assert_eq!(built, read);
    }
}

/// Counts given as negative or non-integer JSON numbers (issue 14: the request reader).
#[cfg(test)]
mod count_tests {
    use super::*;
    use serde_json::Value;

    #[test]
    fn a_negative_or_fractional_count_says_a_whole_number_is_wanted() {
        for (text, shown) in [("-1", "-1"), ("1.5", "1.5"), ("2e0", "2e0")] {
            let req = format!(
                r#"{{"kind": "california_guideline", "input": {{"calculation_date": "2025-03-01",
                    "parent_a_net_income": "3000", "parent_b_net_income": "1000", "children": {text}}}}}"#
            );
            let out: Value = serde_json::from_str(&respond(Rules::embedded(), &req)).unwrap();
            let e = &out["error"];
            assert_eq!(e["code"], "invalid_input", "{text}");
            assert_eq!(e["field"], "children", "{text}");
            assert_eq!(e["value"], shown, "{text}");
            assert_eq!(e["allowed"], "a whole number, 0 or more", "{text}");
        }
    }
}
