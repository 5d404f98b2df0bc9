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
//! | `arrears_payoff` | [`PayoffInput`](crate::arrears::payoff::PayoffInput) (JSON shape in [`crate::arrears::payoff`]) | [`PayoffResult`](crate::arrears::payoff::PayoffResult) |
//! | `texas_withholding` | [`WithholdingInput`](crate::arrears::payoff::WithholdingInput) | [`WithholdingResult`](crate::arrears::payoff::WithholdingResult) |
//!
//! New capabilities add kinds; existing kinds keep their shape.

use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

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
    "arrears_payoff",
    "texas_withholding",
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
#[serde(deny_unknown_fields)]
pub struct TexasNetResourcesInput {
    /// The date of the calculation (its calendar year is the tax year).
    pub calculation_date: crate::date::Date,
    /// The party's resources.
    pub resources: Resources,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Envelope<'a> {
    kind: String,
    #[serde(borrow)]
    input: &'a RawValue,
}

fn parse<'a, T: Deserialize<'a>>(raw: &'a RawValue) -> Result<T, Error> {
    serde_json::from_str(raw.get()).map_err(|e| Error::Request {
        message: format!("input: {e}"),
    })
}

fn wrap<T: Serialize>(kind: &str, result: &T) -> Result<String, Error> {
    #[derive(Serialize)]
    struct Out<'a, T> {
        kind: &'a str,
        result: &'a T,
    }
    serde_json::to_string(&Out { kind, result }).map_err(|e| Error::Request {
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
            wrap(&env.kind, &california::compute(rules, &input)?)
        }
        "california_guideline_from_gross" => {
            let input: crate::guideline::california_income::CaliforniaFromGrossInput =
                parse(env.input)?;
            wrap(
                &env.kind,
                &crate::guideline::california_income::compute(rules, &input)?,
            )
        }
        "texas_guideline" => {
            let input: TexasInput = parse(env.input)?;
            wrap(&env.kind, &texas::compute(rules, &input)?)
        }
        "texas_net_resources" => {
            let input: TexasNetResourcesInput = parse(env.input)?;
            let nr = net_resources::compute(rules, input.calculation_date, &input.resources)
                .map_err(|e| e.within("resources"))?;
            wrap(&env.kind, &nr)
        }
        "arrears_ledger" => {
            let input: arrears::LedgerInput = parse(env.input)?;
            wrap(&env.kind, &arrears::compute_ledger(rules, &input)?)
        }
        "arrears_payoff" => {
            let input: arrears::PayoffInput = parse(env.input)?;
            wrap(&env.kind, &arrears::compute_payoff(rules, &input)?)
        }
        "texas_withholding" => {
            let input: arrears::WithholdingInput = parse(env.input)?;
            wrap(&env.kind, &arrears::texas_withholding(rules, &input)?)
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
