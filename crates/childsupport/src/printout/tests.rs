use super::*;
use crate::guideline::Parent;

const N2: &str = r#"{"kind":"california_guideline","input":{"calculation_date":"2025-03-01",
    "parent_a_net_income":"3000","parent_b_net_income":"1000",
    "time_share":{"parent":"parent_a","fraction":"0.2"},"children":2}}"#;

#[test]
fn a_request_prints_and_bad_options_name_their_field() {
    // N2 of the California vectors: $954.21 (derived in the vectors' derivation text).
    let html = from_request(Rules::embedded(), N2, "").unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("Parent A pays Parent B $954.21 per month"));
    let err = from_request(
        Rules::embedded(),
        N2,
        r#"{"caption": {"court": "X", "judge": "Y"}}"#,
    )
    .unwrap_err();
    assert_eq!(err.code(), crate::ErrorCode::InvalidInput);
    assert!(err.to_string().contains("caption"), "{err}");
    let err = from_request(
        Rules::embedded(),
        r#"{"kind":"arrears_payoff","input":{}}"#,
        "",
    )
    .unwrap_err();
    assert_eq!(err.code(), crate::ErrorCode::Request);
    assert!(err.to_string().contains("no printout for kind"), "{err}");
    // The request's own errors keep their field paths.
    let bad = N2.replace("\"children\":2", "\"children\":\"two\"");
    let err = from_request(Rules::embedded(), &bad, "").unwrap_err();
    assert_eq!(err.field(), Some("children"));
}

#[test]
fn names_and_roles_and_the_caption_are_escaped() {
    let options = r#"{"caption": {"court": "Court <of> A&B"},
        "parties": {"parent_a": {"name": "O'Neil", "role": "petitioner"}}}"#;
    let html = from_request(Rules::embedded(), N2, options).unwrap();
    assert!(html.contains("Court &lt;of&gt; A&amp;B"));
    assert!(html.contains("Parent A (O&#39;Neil, petitioner)"));
}

#[test]
fn time_share_from_nights_or_hours() {
    // Every other weekend as 1,248 of 8,760 hours: 52/365.
    let m = TimeMeasure {
        parent: Parent::B,
        unit: TimeUnit::Hours,
        count: 1248,
        of: 8760,
    };
    assert_eq!(time_share(&m).unwrap(), Exact::ratio(52, 365));
    assert_eq!(m.words(), "1,248 of 8,760 hours a year");
    // 73 of 365 nights: exactly 20%.
    let nights = TimeMeasure {
        parent: Parent::A,
        unit: TimeUnit::Nights,
        count: 73,
        of: 365,
    };
    assert_eq!(time_share(&nights).unwrap(), Exact::ratio(1, 5));
    let too_many = TimeMeasure {
        count: 366,
        ..nights
    };
    assert_eq!(
        time_share(&too_many).unwrap_err().field(),
        Some("time_measure.count")
    );
    let odd_year = TimeMeasure { of: 360, ..nights };
    assert_eq!(
        time_share(&odd_year).unwrap_err().field(),
        Some("time_measure.of")
    );
}
