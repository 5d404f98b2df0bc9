//! `childsupport batch`: files of cases in CSV and NDJSON, one result row per case.

mod common;
use common::*;

const HEADER: &str = "case_id,calculation_date,parent_a_net_income,parent_b_net_income,time_share.parent,time_share.fraction,children";

/// N2 (spec california.md §5.2): 954.21 paid by parent A; then a row with an exponent, and one
/// with 11 children.
fn csv_cases() -> String {
    format!(
        "{HEADER}\nN2,2025-03-01,3000,1000,parent_a,0.20,2\nbad,2025-03-01,1e3,1000,parent_a,0.2,2\nmany,2025-03-01,3000,1000,parent_a,0.2,11\n"
    )
}

#[test]
fn csv_in_csv_out_one_row_per_case_with_errors_in_place() {
    let o = run_stdin(
        &[
            "batch",
            "california_guideline",
            "--keep",
            "case_id",
            "--no-progress",
        ],
        &csv_cases(),
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 4, "{out}");
    assert!(lines[0].starts_with("case_id,payer,amount,"), "{out}");
    assert!(
        lines[0].ends_with("error_code,error_field,error_message"),
        "{out}"
    );
    assert!(
        lines[1].starts_with("N2,parent_a,954.21,954.21,parent_a,2,"),
        "{out}"
    );
    assert!(lines[1].ends_with(",,,"), "{out}");
    assert!(lines[2].starts_with("bad,,,"), "{out}");
    assert!(
        lines[2].contains(",invalid_input,parent_a_net_income,"),
        "{out}"
    );
    assert!(lines[3].contains(",invalid_input,children,"), "{out}");
    assert!(
        stderr(&o).contains("3 rows, 2 with errors"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn ndjson_in_and_out_keeps_ids_and_column_order() {
    let input = concat!(
        r#"{"case_id": 7, "calculation_date": "2025-03-01", "parent_a_net_income": "3000", "parent_b_net_income": 1000, "time_share": {"parent": "parent_a", "fraction": "0.2"}, "children": 2}"#,
        "\n\nnot json\n"
    );
    let o = run_stdin(
        &[
            "batch",
            "california_guideline",
            "--from",
            "ndjson",
            "--keep",
            "case_id",
        ],
        input,
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 2, "{out}");
    assert!(
        lines[0].starts_with(r#"{"case_id":7,"payer":"parent_a","amount":"954.21""#),
        "{out}"
    );
    let bad: serde_json::Value = serde_json::from_str(lines[1]).unwrap();
    assert_eq!(bad["error_code"], "request");
    assert_eq!(bad["amount"], serde_json::Value::Null);
}

#[test]
fn files_and_formats_by_extension() {
    let dir = std::env::temp_dir().join(format!("cs-batch-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let input = dir.join("cases.csv");
    let output = dir.join("out.ndjson");
    std::fs::write(&input, csv_cases()).unwrap();
    let o = run(&[
        "batch",
        "california_guideline",
        input.to_str().unwrap(),
        "--output",
        output.to_str().unwrap(),
        "--keep",
        "case_id",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let written = std::fs::read_to_string(&output).unwrap();
    let first: serde_json::Value = serde_json::from_str(written.lines().next().unwrap()).unwrap();
    assert_eq!(first["case_id"], "N2");
    assert_eq!(first["amount"], "954.21");
    assert_eq!(first["band"], 2);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn arrears_ledgers_from_ndjson_and_from_a_csv_input_column() {
    // Vector CA-I1-due-monthly (spec california.md §4 I1): $500 due 2025-01-01, unpaid; as of
    // 2025-07-01 six months at 10% a year on the monthly count = 25.00 of interest.
    let input = r#"{"state":"california","as_of":"2025-07-01","iv_d":false,"options":{},"orders":[{"type":"child","frequency":"monthly","amount":"500","start":"2025-01-01","end":"2025-01-31","due_day":1}]}"#;
    let o = run_stdin(
        &[
            "batch",
            "arrears_ledger",
            "--from",
            "ndjson",
            "--no-progress",
        ],
        &format!("{input}\n"),
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let row: serde_json::Value = serde_json::from_str(stdout(&o).lines().next().unwrap()).unwrap();
    assert_eq!(row["interest"], "25.00");
    assert_eq!(row["total_owed"], "525.00");
    assert_eq!(row["owed_since"], "2025-01-01");
    assert_eq!(row["as_of"], "2025-07-01");

    let csv = format!("case_id,input\nA-1,\"{}\"\n", input.replace('"', "\"\""));
    let o = run_stdin(
        &[
            "batch",
            "arrears_ledger",
            "--keep",
            "case_id",
            "--no-progress",
        ],
        &csv,
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    let mut lines = out.lines();
    assert!(
        lines.next().unwrap().starts_with("case_id,as_of,due,paid,"),
        "{out}"
    );
    let row = lines.next().unwrap();
    assert!(row.starts_with("A-1,2025-07-01,500.00,0.00,"), "{out}");
    assert!(
        row.contains(",500.00,25.00,0.00,0.00,525.00,2025-01-01,"),
        "{out}"
    );
}

#[test]
fn texas_from_gross_columns() {
    // TX-02 (spec texas.md §6): 6,000 a month in wages, one child: 4,956.83 and 991.37.
    let input = "order_date,obligor.incomes[0].amount_cents,obligor.incomes[0].frequency,obligor.incomes[0].kind,children\n2026-03-01,600000,monthly,wages,1\n";
    let o = run_stdin(&["batch", "texas_guideline", "--no-progress"], input);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.lines()
            .nth(1)
            .unwrap()
            .starts_with("4956.83,tax_chart,991.37,"),
        "{out}"
    );
}

#[test]
fn a_wrong_command_line_or_header_exits_2() {
    for (args, input, says) in [
        (vec!["batch"], "", "no kind"),
        (vec!["batch", "nope"], "", "unknown batch kind"),
        (
            vec!["batch", "california_guideline", "--keep", "x"],
            "a,b\n1,2\n",
            "--keep x",
        ),
        (
            vec!["batch", "california_guideline"],
            "children,children_cents\n1,2\n",
            "name the same field",
        ),
        (
            vec!["batch", "california_guideline", "--to", "xml"],
            "",
            "unknown format",
        ),
    ] {
        let o = run_stdin(&args, input);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
        assert!(stderr(&o).contains(says), "{args:?}: {}", stderr(&o));
    }
    let o = run(&["batch", "--help"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).contains("_cents"));
}
