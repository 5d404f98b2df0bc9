//! Runs the built `childsupport` binary on the arrears and Texas example case files (examples/)
//! and on bad arrears input, checking the printed figures and the exit codes. The figures are
//! the spec's (spec/california.md §5.5, spec/texas.md §6 TX-02, TX-15, TX-17, spec/README.md
//! readings), as listed in examples/README.md.

mod common;
use common::*;

/// The report for an example, which must succeed.
fn report(command: &str, name: &str) -> String {
    let o = run(&[command, &example(name)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stderr(&o).is_empty(), "{}", stderr(&o));
    stdout(&o)
}

/// The text of the report from the line starting `heading` to the next blank line.
fn section<'a>(out: &'a str, heading: &str) -> &'a str {
    let start = out
        .find(&format!("\n{heading}"))
        .unwrap_or_else(|| panic!("no section {heading:?} in\n{out}"))
        + 1;
    let rest = &out[start..];
    &rest[..rest.find("\n\n").unwrap_or(rest.len())]
}

/// The ledger row of the given date and event (the first such).
fn ledger_row<'a>(out: &'a str, date: &str, event: &str) -> &'a str {
    section(out, "Ledger")
        .lines()
        .find(|l| {
            let mut w = l.split_whitespace();
            w.next() == Some(date) && w.next() == Some(event)
        })
        .unwrap_or_else(|| panic!("no {event} row on {date} in\n{out}"))
}

fn words(line: &str) -> Vec<&str> {
    line.split_whitespace().collect()
}

#[test]
fn california_crediting_report() {
    // spec/california.md §5.5, post-2009 rule.
    let out = report("arrears", "arrears-california-crediting.json");
    assert!(out.starts_with("Arrears ledger\n"), "{out}");
    let case = section(&out, "Case");
    assert!(
        case.contains("State ") && case.contains("California"),
        "{case}"
    );
    assert!(case.contains("IV-D case             yes"), "{case}");
    assert!(case.contains("Day count             monthly"), "{case}");
    assert!(
        case.contains("on the 1st of the month after the due date"),
        "{case}"
    );
    assert!(case.contains("the start of 2025-07-16"), "{case}");

    let totals = section(&out, "Owed as of the start of 2025-07-16");
    assert!(totals.contains("Principal          $2,300.00"), "{totals}");
    assert!(totals.contains("Interest              $74.41"), "{totals}");
    assert!(totals.contains("Total owed         $2,374.41"), "{totals}");
    assert!(totals.contains("Credit                 $0.00"), "{totals}");
    assert!(totals.contains("Owed since 2025-02-01"), "{totals}");

    // Interest to the payment date: 11.29, bringing interest to 73.79.
    let interest = words(ledger_row(&out, "2025-07-15", "interest"));
    assert!(interest.contains(&"11.29"), "{interest:?}");
    assert_eq!(interest[interest.len() - 2], "73.79");
    // The payment: 1,200 = 500 current + 700 principal; after it 2,300 principal, 73.79
    // interest.
    let payment = words(ledger_row(&out, "2025-07-15", "payment"));
    assert_eq!(
        payment[payment.len() - 6..],
        ["1,200.00", "500.00", "700.00", "2,300.00", "73.79", "2,373.79"],
        "{payment:?}"
    );

    // Which installments the payment paid.
    let applied = section(&out, "How payments and credit were applied");
    for (tier, item, due, amount) in [
        ("current", "7", "2025-07-01", "500.00"),
        ("principal", "1", "2025-01-01", "500.00"),
        ("principal", "2", "2025-02-01", "200.00"),
    ] {
        // Places in the request in words: payment 1 paid order 1's installment N.
        assert!(
            applied.lines().any(|l| words(l)
                == [
                    "2025-07-15",
                    "payment",
                    "1",
                    tier,
                    "child",
                    "order",
                    "1,",
                    "installment",
                    item,
                    due,
                    amount
                ]),
            "{tier} {item} in\n{applied}"
        );
    }
    assert!(!applied.contains("interest "), "{applied}");

    // Months and worksheet.
    let months = section(&out, "By month");
    assert!(
        months
            .lines()
            .any(|l| l.trim_start().starts_with("2025-07") && l.ends_with("2,374.41")),
        "{months}"
    );
    assert!(out.contains("\nWorksheet\n"), "{out}");
    assert!(out.contains("Code Civ. Proc. §695.221"), "{out}");
}

#[test]
fn texas_tx15_report() {
    // spec/texas.md TX-15: interest through 2025-12-31 = 47.51, principal still 1,500.
    let out = report("arrears", "arrears-texas-tx15.json");
    let case = section(&out, "Case");
    assert!(case.contains("Texas"), "{case}");
    assert!(case.contains("IV-D case             no"), "{case}");
    assert!(case.contains("actual/365"), "{case}");
    let totals = section(&out, "Owed as of the start of 2026-01-01");
    assert!(totals.contains("Principal          $1,500.00"), "{totals}");
    assert!(
        totals.contains("not confirmed $1,500.00; confirmed by judgment $0.00"),
        "{totals}"
    );
    assert!(totals.contains("Interest              $47.51"), "{totals}");
    assert!(totals.contains("Total owed         $1,547.51"), "{totals}");
    assert!(totals.contains("Owed since 2025-01-01"), "{totals}");
    // Each payment of 500 goes to current support.
    let payment = words(ledger_row(&out, "2025-04-01", "payment"));
    assert_eq!(
        payment[payment.len() - 5..payment.len() - 3],
        ["500.00", "500.00"]
    );
    // The last interest posting leaves 47.51.
    let last = section(&out, "Ledger").lines().last().unwrap();
    assert!(last.trim_start().starts_with("2025-12-31"), "{last}");
    assert_eq!(words(last)[words(last).len() - 2], "47.51", "{last}");
    assert!(out.contains("Tex. Fam. Code §157.265"), "{out}");
}

#[test]
fn texas_withholding_tx17_report() {
    // spec/texas.md TX-17.
    let out = report("arrears", "texas-withholding-tx17.json");
    assert!(out.contains("§158.003"), "{out}");
    assert!(
        out.contains("Withhold $1,000.00 a month, of which $500.00 goes to the arrears"),
        "{out}"
    );
    for (label, amount) in [
        ("Option 1", "$625.00"),
        ("Option 2", "$100.00"),
        ("Additional", "$625.00"),
        ("Total", "$1,125.00"),
        ("Limit", "$1,000.00"),
        ("Withheld", "$1,000.00"),
        ("To arrears", "$500.00"),
    ] {
        assert!(
            out.lines()
                .any(|l| l.trim_start().starts_with(label) && words(l).contains(&amount)),
            "{label} {amount} in\n{out}"
        );
    }
    assert!(
        out.lines()
            .any(|l| l.contains("Option 1") && l.contains("the larger")),
        "{out}"
    );
    assert!(out.contains("arrears in 24 months"), "{out}");
    assert!(
        out.contains("Projection with interest, $500.00 a month"),
        "{out}"
    );
}

#[test]
fn payoff_report() {
    // ARR-PAYOFF-1 (spec/README.md readings).
    let out = report("arrears", "arrears-payoff.json");
    assert!(out.starts_with("Arrears payoff projection\n"), "{out}");
    assert!(out.contains("interest 10% simple a year"), "{out}");
    let paying = section(&out, "Paying $1,000.00 a month");
    assert!(
        paying.contains("Paid off on 2025-03-01 after 2 payments (the last $8.33)."),
        "{paying}"
    );
    assert!(paying.contains("Interest paid $8.33"), "{paying}");
    assert!(
        out.contains("Smallest payment that pays off within 1 month: $1,008.33"),
        "{out}"
    );
    assert!(
        out.contains("Paid off on 2025-02-01 after 1 payment (the last $1,008.33)."),
        "{out}"
    );
    // The schedule: the second payment of the 1,000 plan pays the 8.33 of interest.
    assert!(
        out.lines().any(|l| words(l)
            == [
                "2",
                "2025-03-01",
                "0.00",
                "8.33",
                "0.00",
                "8.33",
                "0.00",
                "0.00"
            ]),
        "{out}"
    );
}

#[test]
fn arrears_json_is_the_api_response() {
    for name in [
        "arrears-california-crediting.json",
        "arrears-texas-tx15.json",
        "texas-withholding-tx17.json",
        "arrears-payoff.json",
    ] {
        let o = run(&["arrears", &example(name), "--json"]);
        assert_eq!(o.status.code(), Some(0), "{name}: {}", stderr(&o));
        let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        let request = std::fs::read_to_string(example(name)).unwrap();
        let direct: serde_json::Value = serde_json::from_str(&childsupport::api::respond(
            childsupport::Rules::embedded(),
            &request,
        ))
        .unwrap();
        assert_eq!(v, direct, "{name}");
    }
    let o = run(&["arrears", &example("arrears-texas-tx15.json"), "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["result"]["totals"]["balances"]["interest"], "47.51");
}

#[test]
fn arrears_input_error_names_the_event_field() {
    // A negative payment (the vector ARR-ERR-negative-payment).
    let bad = r#"{"kind":"arrears_ledger","input":{"state":"texas","as_of":"2025-07-01",
        "orders":[{"frequency":"monthly","amount":"500","start":"2025-01-01"}],
        "payments":[{"date":"2025-02-01","amount":"10"},{"date":"2025-03-01","amount":"-10"}]}}"#;
    let o = run_stdin(&["arrears", "-"], bad);
    assert_eq!(o.status.code(), Some(2));
    assert!(stdout(&o).is_empty(), "{}", stdout(&o));
    let err = stderr(&o);
    assert!(err.contains("field:   payments[1].amount"), "{err}");
    let o = run_stdin(&["arrears", "-", "--json"], bad);
    assert_eq!(o.status.code(), Some(2));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["error"]["field"], "payments[1].amount");
    assert_eq!(v["error"]["code"], "invalid_input");
    // An unknown field in an event is named too.
    let o = run_stdin(
        &["arrears", "-"],
        &bad.replace(r#""amount":"-10""#, r#""amount":"10","amout":"5""#),
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("amout"), "{}", stderr(&o));
}

#[test]
fn each_command_sends_the_other_kinds_away() {
    let o = run(&["arrears", &example("california-n2.json")]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("use `childsupport guideline`"),
        "{}",
        stderr(&o)
    );
    let o = run(&["guideline", &example("arrears-texas-tx15.json")]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("use `childsupport arrears`"),
        "{}",
        stderr(&o)
    );
    assert_eq!(run(&["arrears"]).status.code(), Some(2));
    assert_eq!(
        run(&["arrears", &example("arrears-payoff.json"), "--compact"])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(
        run(&["arrears", "/no/such/case.json"]).status.code(),
        Some(2)
    );
}

#[test]
fn texas_guideline_tx02_summary() {
    // spec/texas.md TX-02.
    let out = report("guideline", "texas-tx02.json");
    assert!(out.starts_with("Texas guideline child support"), "{out}");
    assert!(
        out.contains("The obligor pays $991.37 per month in child support."),
        "{out}"
    );
    for (label, amount) in [
        ("Social Security", "-$372.00"),
        ("Medicare", "-$87.00"),
        ("Federal income tax", "-$584.17"),
        ("Net resources per month", "$4,956.83"),
        ("Cap on net resources", "$11,700.00"),
        ("Guideline amount", "$991.37"),
    ] {
        assert!(
            out.lines()
                .any(|l| l.trim_start().starts_with(label) && words(l).contains(&amount)),
            "{label} {amount} in\n{out}"
        );
    }
    assert!(out.contains("20% of net resources applied"), "{out}");
    assert!(out.contains("Findings (§154.130)"), "{out}");
    assert!(out.contains("\nWorksheet\n"), "{out}");
}

#[test]
fn texas_multiple_households_summary() {
    // examples/README.md: §154.128 1,053.71, §154.129 1,053.90, dental 40.00.
    let out = report("guideline", "texas-multiple-households.json");
    assert!(
        out.contains("The obligor pays $1,053.71 per month in child support,"),
        "{out}"
    );
    assert!(
        out.contains("plus $40.00 medical and dental support"),
        "{out}"
    );
    let mh = section(&out, "Multiple households");
    assert!(
        mh.contains("the two methods give different amounts"),
        "{mh}"
    );
    assert!(
        mh.contains("1347.2095") && mh.contains("336.802375"),
        "{mh}"
    );
    assert!(mh.contains("3512.367625"), "{mh}");
    let methods = &out[out.find("  Method  ").unwrap()..];
    assert!(
        methods
            .lines()
            .any(|l| l.contains("§154.128 computation (used)") && l.ends_with("$1,053.71")),
        "{methods}"
    );
    assert!(
        methods.lines().any(|l| l.contains("§154.129 table")
            && l.contains("27.38%")
            && l.ends_with("$1,053.90")),
        "{methods}"
    );
    let dental = section(&out, "Medical and dental support");
    assert!(dental.contains("Dental  $40.00"), "{dental}");
    assert!(
        out.contains("Step-downs as children's support ends (§154.127)"),
        "{out}"
    );
    let findings = section(&out, "Findings (§154.130)");
    assert!(
        findings.contains("$3,849.17") && findings.contains("$2,500.00"),
        "{findings}"
    );
}

#[test]
fn texas_net_resources_summary() {
    let request = r#"{"kind":"texas_net_resources","input":{"calculation_date":"2026-01-15",
        "resources":{"incomes":[{"amount":"6000.00","frequency":"monthly","kind":"wages"}]}}}"#;
    let o = run_stdin(&["guideline", "-"], request);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("Monthly net resources: $4,956.83."), "{out}");
    assert!(out.contains("-$584.17"), "{out}");
}

#[test]
fn help_names_the_arrears_command() {
    let o = run(&["--help"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).contains("arrears"), "{}", stdout(&o));
    let o = run(&["arrears", "--help"]);
    assert_eq!(o.status.code(), Some(0));
    let help = stdout(&o);
    assert!(
        help.contains("Usage: childsupport arrears [OPTIONS] <CASE_FILE>"),
        "{help}"
    );
    assert!(
        help.contains("--json")
            && help.contains("--rules <FILE>")
            && help.contains("--html <FILE>"),
        "{help}"
    );
    for kind in ["arrears_ledger", "arrears_payoff", "texas_withholding"] {
        assert!(help.contains(kind), "{kind}");
    }
}

#[test]
fn a_ledger_through_a_day_shows_payment_ids() {
    // Issue 8's audit order around its change (vector CA-MOD-650-480-ivd-monthly): the July
    // installment is 480.00; a payment is shown with the caller's ID.
    let req = r#"{"kind":"arrears_ledger","input":{"state":"california","through":"2021-07-31",
        "iv_d":true,"orders":[{"frequency":"monthly","amount":"650","start":"2021-05-01",
        "changes":[{"effective":"2021-07-01","amount":"480"}]}],
        "payments":[{"date":"2021-07-10","amount":"100","id":"PMT-9"}]}}"#;
    let o = run_stdin(&["arrears", "-"], req);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    let case = section(&out, "Case");
    assert!(
        case.contains("the end of 2021-07-31 (as of the start of 2021-08-01)"),
        "{case}"
    );
    let inst = words(ledger_row(&out, "2021-07-01", "installment"));
    assert!(inst.contains(&"480.00"), "{inst:?}");
    assert!(out.contains("payment 1 (PMT-9)"), "{out}");
}

#[test]
fn a_reversed_payment_is_listed_with_what_it_had_paid_and_what_moved() {
    // The case of the engine's test a_reversed_payment_is_as_if_never_credited_and_later_payments_move.
    let req = r#"{"kind":"arrears_ledger","input":{"state":"california","as_of":"2025-03-11",
        "iv_d":true,"orders":[{"frequency":"monthly","amount":"500","start":"2025-01-01"}],
        "payments":[{"date":"2025-02-10","amount":"800","id":"CHK-1"},
                    {"date":"2025-03-10","amount":"900","id":"EFT-2"}],
        "reversals":[{"payment_id":"CHK-1","date":"2025-02-20","reason":"NSF"}]}}"#;
    let o = run_stdin(&["arrears", "-"], req);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    let rev = section(&out, "Payments reversed");
    assert!(rev.contains("CHK-1") && rev.contains("NSF"), "{rev}");
    assert!(
        rev.contains("order 1, installment 2 500.00, order 1, installment 1 300.00"),
        "{rev}"
    );
    let moved = section(&out, "What the reversals moved");
    assert!(moved.contains("payment 2 (EFT-2)"), "{moved}");
    let totals = section(&out, "Owed as of the start of 2025-03-11");
    assert!(totals.contains("$600.00"), "{totals}");
    assert!(totals.contains("$6.75"), "{totals}");
}
