//! The open ledger through the CLI: `childsupport compute -` with `arrears_ledger_post`, the
//! case and checkpoint carried from one call to the next as a payment system would store them.
//! Figures are derived in the comments (the vector ARR-POST-650-480-NSF and one more step).

mod common;
use common::*;

fn compute(request: &serde_json::Value) -> serde_json::Value {
    let o = run_stdin(&["compute", "-"], &request.to_string());
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    serde_json::from_slice(&o.stdout).unwrap()
}

#[test]
fn a_late_payment_posted_on_the_next_call_replays_the_ledger() {
    // Step 1: California IV-D, 650 a month from 2021-05-01, 480 from 2021-07-01; P1 pays
    // May, P2 is dishonored. As of 2021-07-02: 1,130.00 principal, 0.17 interest.
    let step1 = serde_json::json!({"kind": "arrears_ledger_post", "input": {
        "case": {"state": "california", "iv_d": true, "orders": [
            {"frequency": "monthly", "amount": "650", "start": "2021-05-01",
             "changes": [{"effective": "2021-07-01", "amount": "480"}]}]},
        "post": [
            {"event": "payment", "date": "2021-05-10", "amount": "650", "id": "P1"},
            {"event": "payment", "date": "2021-06-10", "amount": "650", "id": "P2"},
            {"event": "reversal", "payment_id": "P2", "date": "2021-06-20", "reason": "NSF"}],
        "advance_to": "2021-07-02"}});
    let r1 = compute(&step1);
    assert_eq!(r1["result"]["totals"]["balances"]["total_owed"], "1130.17");
    // Step 2: the replacement payment P3, received 2021-06-25, is posted late. It pays June's
    // installment as current support before June's interest would start (2021-07-01, IV-D),
    // so only July's 480.00 is owed.
    let step2 = serde_json::json!({"kind": "arrears_ledger_post", "input": {
        "case": r1["result"]["case"],
        "checkpoint": r1["result"]["checkpoint"],
        "post": [{"event": "payment", "date": "2021-06-25", "amount": "650", "id": "P3"}]}});
    let r2 = compute(&step2);
    let posted = &r2["result"]["posted"][0];
    assert_eq!(posted["reference"], "payments[2]");
    assert!(posted["replayed_from"].as_str().unwrap() <= "2021-06-25");
    assert_eq!(r2["result"]["totals"]["balances"]["total_owed"], "480.00");
    // A checkpoint edited by hand is refused, naming the checkpoint.
    let mut step3 = step2.clone();
    step3["input"]["checkpoint"]["credit"] = "5.00".into();
    let o = run_stdin(&["compute", "-"], &step3.to_string());
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["error"]["field"], "checkpoint.seal", "{v}");
}
