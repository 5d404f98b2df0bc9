use super::*;

use serde_json::Value;

fn rules() -> &'static Rules {
    Rules::embedded()
}

/// Computes one row given as (column, cell) pairs.
fn row(kind: Kind, cells: &[(&str, Cell<'_>)]) -> Result<Vec<Figure>, Error> {
    let names: Vec<&str> = cells.iter().map(|(n, _)| *n).collect();
    let values: Vec<Cell<'_>> = cells.iter().map(|(_, c)| c.clone()).collect();
    let batch = Batch::new(rules(), kind, &names, &[])?;
    let mut out = Vec::new();
    batch.compute(&values[..], &mut out)?;
    Ok(out)
}

fn figure<'f>(kind: Kind, out: &'f [Figure], name: &str) -> &'f Figure {
    let at = kind.figures().iter().position(|f| f.name == name).unwrap();
    &out[at]
}

fn cents(c: i64) -> Figure {
    Figure::Money(Money::from_cents(c))
}

fn text(t: &'static str) -> Figure {
    Figure::Text(Cow::Borrowed(t))
}

// N2 (spec california.md): 2025-03-01, A 3,000, B 1,000, A has the children 20% of the time,
// 2 children: CS = 954.21, paid by A (the crate's doc example derives the same figure).
const N2_AMOUNT: i64 = 95421;

#[test]
fn n2_from_text_cells_as_csv_gives_them() {
    let out = row(
        Kind::CaliforniaGuideline,
        &[
            ("calculation_date", Cell::Text("2025-03-01")),
            ("parent_a_net_income", Cell::Text("3000")),
            ("parent_b_net_income", Cell::Text("1000")),
            ("time_share.parent", Cell::Text("parent_a")),
            ("time_share.fraction", Cell::Text("0.2")),
            ("children", Cell::Text("2")),
        ],
    )
    .unwrap();
    let k = Kind::CaliforniaGuideline;
    assert_eq!(out.len(), k.figures().len());
    assert_eq!(figure(k, &out, "amount"), &cents(N2_AMOUNT));
    assert_eq!(figure(k, &out, "payer"), &text("parent_a"));
    assert_eq!(figure(k, &out, "high_earner"), &text("parent_a"));
    assert_eq!(figure(k, &out, "add_ons_parent_a"), &Figure::Null);
}

#[test]
fn n2_from_typed_cells_and_cents_gives_them() {
    let out = row(
        Kind::CaliforniaGuideline,
        &[
            (
                "calculation_date",
                Cell::Date("2025-03-01".parse().unwrap()),
            ),
            ("parent_a_net_income_cents", Cell::Int(300_000)),
            (
                "parent_b_net_income",
                Cell::Decimal(Decimal::new(100_000, 2)),
            ),
            ("time_share.parent", Cell::Text("parent_a")),
            ("time_share.fraction", Cell::Decimal(Decimal::new(20, 2))),
            ("children", Cell::Int(2)),
            ("birth_dates[0]", Cell::Null),
            ("spousal_support.paid_by", Cell::Null),
            ("spousal_support.amount", Cell::Null),
        ],
    )
    .unwrap();
    assert_eq!(
        figure(Kind::CaliforniaGuideline, &out, "amount"),
        &cents(N2_AMOUNT)
    );
}

#[test]
fn tx02_from_gross_columns() {
    // TX-02 (spec texas.md §6): 6,000 a month in wages, 1 child, 2026: net resources 4,956.83
    // and 20% of them, 991.37.
    let out = row(
        Kind::TexasGuideline,
        &[
            ("order_date", Cell::Text("2026-03-01")),
            ("obligor.incomes[0].amount", Cell::Int(6000)),
            ("obligor.incomes[0].frequency", Cell::Text("monthly")),
            ("obligor.incomes[0].kind", Cell::Text("wages")),
            ("children", Cell::Int(1)),
        ],
    )
    .unwrap();
    let k = Kind::TexasGuideline;
    assert_eq!(figure(k, &out, "net_resources"), &cents(495_683));
    assert_eq!(figure(k, &out, "net_resources_method"), &text("tax_chart"));
    assert_eq!(figure(k, &out, "amount"), &cents(99_137));
    assert_eq!(figure(k, &out, "method"), &text("single_household"));
    assert_eq!(figure(k, &out, "above_cap"), &Figure::Bool(false));
}

#[test]
fn bad_cells_are_errors_naming_the_field() {
    let base = |children: Cell<'static>, income: Cell<'static>| {
        row(
            Kind::CaliforniaGuideline,
            &[
                ("calculation_date", Cell::Text("2025-03-01")),
                ("parent_a_net_income", income),
                ("parent_b_net_income", Cell::Text("1000")),
                ("time_share.parent", Cell::Text("parent_a")),
                ("time_share.fraction", Cell::Text("0.2")),
                ("children", children),
            ],
        )
        .unwrap_err()
    };
    let e = base(Cell::Text("two"), Cell::Text("3000"));
    assert_eq!(e.field(), Some("children"));
    assert!(e.to_string().contains("a whole number"), "{e}");
    let e = base(Cell::Int(2), Cell::Text("1e3"));
    assert_eq!(e.field(), Some("parent_a_net_income"));
    assert!(e.to_string().contains("exponent"), "{e}");
    let e = base(
        Cell::Int(2),
        Cell::Refused {
            what: "3000.5 (a float)".into(),
            allowed: "an exact decimal",
        },
    );
    assert_eq!(e.field(), Some("parent_a_net_income"));
    let e = base(Cell::Int(2), Cell::Null);
    assert_eq!(e.field(), Some("parent_a_net_income"));
    assert!(e.to_string().contains("required"), "{e}");
    // The engine's own checks, as for a JSON request.
    let e = base(Cell::Int(11), Cell::Text("3000"));
    assert_eq!(e.field(), Some("children"));
    assert!(e.to_string().contains("1 to 10"), "{e}");
}

#[test]
fn cents_columns_take_whole_cents_only() {
    let e = row(
        Kind::CaliforniaGuideline,
        &[
            ("calculation_date", Cell::Text("2025-03-01")),
            ("parent_a_net_income_cents", Cell::Text("3000.5")),
        ],
    )
    .unwrap_err();
    assert_eq!(e.field(), Some("parent_a_net_income"));
    assert!(e.to_string().contains("whole cents"), "{e}");
}

#[test]
fn unknown_columns_are_errors_and_kept_columns_are_not_read() {
    let names = ["calculation_date", "case_id"];
    let err = Batch::new(rules(), Kind::CaliforniaGuideline, &names, &[])
        .unwrap()
        .compute(
            &[Cell::Text("2025-03-01"), Cell::Text("x")][..],
            &mut Vec::new(),
        )
        .unwrap_err();
    assert_eq!(err.field(), Some("case_id"));
    // Kept: the error is now the first missing field.
    let err = Batch::new(rules(), Kind::CaliforniaGuideline, &names, &["case_id"])
        .unwrap()
        .compute(
            &[Cell::Text("2025-03-01"), Cell::Text("x")][..],
            &mut Vec::new(),
        )
        .unwrap_err();
    assert_eq!(err.field(), Some("parent_a_net_income"));
}

/// Flattens a JSON input by the column rule: (path, cell) for every leaf.
fn flatten<'v>(value: &'v Value, path: String, out: &mut Vec<(String, Cell<'v>)>) {
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                let p = if path.is_empty() {
                    k.clone()
                } else {
                    format!("{path}.{k}")
                };
                flatten(v, p, out);
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                flatten(v, format!("{path}[{i}]"), out);
            }
        }
        Value::String(s) => out.push((path, Cell::Text(s))),
        // (Without serde_json's arbitrary_precision a JSON number is read as i64 or f64; the
        // vectors' numbers are counts and short decimals, which f64 writes back exactly.)
        Value::Number(n) => match n.as_i64() {
            Some(i) => out.push((path, Cell::Int(i))),
            None => out.push((
                path,
                Cell::Decimal(n.to_string().parse().expect("a short decimal")),
            )),
        },
        Value::Bool(b) => out.push((path, Cell::Bool(*b))),
        Value::Null => out.push((path, Cell::Null)),
    }
}

/// Whether `value` holds an empty object or list anywhere.
fn has_empty(value: &Value) -> bool {
    match value {
        Value::Object(m) => m.is_empty() || m.values().any(has_empty),
        Value::Array(a) => a.is_empty() || a.iter().any(has_empty),
        _ => false,
    }
}

/// The conformance vectors of the row kinds: (vector file, case).
fn vectors() -> Vec<(String, Value)> {
    let mut out = Vec::new();
    for file in [
        "california_guideline",
        "california_income",
        "texas_guideline",
        "arrears",
        "allocation",
        "distribution",
        "errors",
    ] {
        let path = format!(
            "{}/../../tests/vectors/{file}.json",
            env!("CARGO_MANIFEST_DIR")
        );
        let doc: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        for case in doc["cases"].as_array().unwrap() {
            out.push((file.to_string(), case.clone()));
        }
    }
    out
}

/// Every conformance vector of a row kind, flattened into columns, gives the figures (or the
/// error) of the same input through the JSON interface.
#[test]
fn flattened_vectors_match_the_json_interface() {
    let mut checked = 0;
    let all = vectors();
    {
        for (_, case) in &all {
            let request = &case["request"];
            let Ok(kind) = Kind::from_name(request["kind"].as_str().unwrap_or("")) else {
                continue;
            };
            let input = &request["input"];
            // Columns cannot say "an empty object" or "an empty list", nor a request without
            // an input: such a vector is about the JSON shape, not a row.
            if has_empty(input) || !input.is_object() {
                continue;
            }
            let mut cells = Vec::new();
            flatten(input, String::new(), &mut cells);
            let raw = serde_json::value::to_raw_value(input).unwrap();
            let mut want = Vec::new();
            let want = compute_json(rules(), kind, &raw, &mut want).map(|()| want);
            let names: Vec<&str> = cells.iter().map(|(n, _)| n.as_str()).collect();
            let values: Vec<Cell<'_>> = cells.iter().map(|(_, c)| c.clone()).collect();
            let got = Batch::new(rules(), kind, &names, &[]).and_then(|b| {
                let mut out = Vec::new();
                b.compute(&values[..], &mut out).map(|()| out)
            });
            match (&want, &got) {
                (Ok(w), Ok(g)) => assert_eq!(w, g, "{}", case["id"]),
                (Err(w), Err(g)) => {
                    assert_eq!(w.code(), g.code(), "{}", case["id"]);
                    assert_eq!(w.field(), g.field(), "{}", case["id"]);
                }
                _ => panic!("{}: {want:?} against {got:?}", case["id"]),
            }
            checked += 1;
        }
    }
    assert!(checked > 250, "only {checked} vectors");
}

/// A table of one `input` column holding each row's input as JSON text gives what the JSON
/// interface gives, for every vector of every row kind (lists of any length fit in one cell).
#[test]
fn json_input_column_matches_the_json_interface() {
    let mut checked = 0;
    for (_, case) in vectors() {
        let request = &case["request"];
        let Ok(kind) = Kind::from_name(request["kind"].as_str().unwrap_or("")) else {
            continue;
        };
        let text = serde_json::to_string(&request["input"]).unwrap();
        let raw = serde_json::value::to_raw_value(&request["input"]).unwrap();
        let mut want = Vec::new();
        let want = compute_json(rules(), kind, &raw, &mut want).map(|()| want);
        let batch = Batch::new(rules(), kind, &["case_id", "input"], &["case_id"]).unwrap();
        let mut got = Vec::new();
        let got = batch
            .compute(&[Cell::Text("kept"), Cell::Text(&text)][..], &mut got)
            .map(|()| got);
        match (&want, &got) {
            (Ok(w), Ok(g)) => assert_eq!(w, g, "{}", case["id"]),
            (Err(w), Err(g)) => assert_eq!(w.to_string(), g.to_string(), "{}", case["id"]),
            _ => panic!("{}: {want:?} against {got:?}", case["id"]),
        }
        checked += 1;
    }
    assert!(checked > 300, "only {checked} vectors");
}

#[test]
fn a_bad_json_input_cell_is_an_error_naming_the_column() {
    let batch = Batch::new(rules(), Kind::ArrearsLedger, &["input"], &[]).unwrap();
    let mut out = Vec::new();
    let err = batch
        .compute(&[Cell::Text("{\"state\": ")][..], &mut out)
        .unwrap_err();
    assert_eq!(err.code().as_str(), "invalid_input");
    assert_eq!(err.field(), Some("input"));
    let err = batch.compute(&[Cell::Null][..], &mut out).unwrap_err();
    assert_eq!(err.field(), Some("input"));
    assert!(err.to_string().contains("the cell is empty"), "{err}");
    // An error inside the input names the field as the JSON interface does.
    let err = batch
        .compute(&[Cell::Text("{\"state\": \"ohio\"}")][..], &mut out)
        .unwrap_err();
    assert_eq!(err.field(), Some("state"), "{err}");
}

/// Where each figure is in the full result of the scalar interface (`None`: not there as
/// such, e.g. a figure rounded for the table).
fn pointer(kind: Kind, figure: &str) -> Option<String> {
    let p = |s: &str| Some(s.to_string());
    match (kind, figure) {
        // Lists, joined with commas in the table.
        (_, "flags" | "missing_rules") => None,
        (Kind::CaliforniaGuideline, f) => p(&format!("/result/{f}")),
        (Kind::CaliforniaGuidelineFromGross, "tax_year") => p("/result/tax_year"),
        (Kind::CaliforniaGuidelineFromGross, f) if f.starts_with("parent_") => {
            let (parent, field) = f.split_at(8);
            (!field.starts_with("monthly")).then(|| format!("/result/{}/{field}", &parent[..7]))
        }
        (Kind::CaliforniaGuidelineFromGross, f) => p(&format!("/result/guideline/{f}")),
        (Kind::TexasGuideline, "net_resources") => p("/result/net_resources/net_resources"),
        (Kind::TexasGuideline, "net_resources_method") => p("/result/net_resources/method"),
        (Kind::TexasGuideline, f) => p(&format!("/result/{f}")),
        (Kind::TexasNetResources, f) => p(&format!("/result/{f}")),
        (Kind::ArrearsLedger, "as_of") => p("/result/as_of"),
        (Kind::ArrearsLedger, "due" | "paid" | "owed_since") => {
            p(&format!("/result/totals/{figure}"))
        }
        (Kind::ArrearsLedger, f) if f.starts_with("applied_") => {
            p(&format!("/result/totals/counters/{f}"))
        }
        (Kind::ArrearsLedger, f) => p(&format!("/result/totals/balances/{f}")),
        (Kind::ArrearsPayoff, _) => None,
        (Kind::TexasWithholding, f) => p(&format!("/result/{f}")),
        (Kind::IvDEnforcementThresholds, f) => p(&format!("/result/{f}")),
        (
            Kind::CollectionAllocation | Kind::WithholdingAmounts,
            "case_amounts" | "order_amounts",
        ) => None,
        (
            Kind::CollectionAllocation | Kind::WithholdingAmounts | Kind::WithholdingOrderArrears,
            f,
        ) => p(&format!("/result/{f}")),
        (Kind::IvDDistribution, "ura" | "overpayment_receivable") => {
            p(&format!("/result/case/{figure}"))
        }
        (Kind::IvDDistribution, "arrears_assigned" | "arrears_unassigned") => None,
        (Kind::IvDDistribution, f) => p(&format!("/result/totals/{f}")),
    }
}

/// A figure as the JSON interface writes the same value.
fn as_json(f: &Figure) -> Value {
    match f {
        Figure::Null => Value::Null,
        Figure::Money(m) => Value::String(m.to_string()),
        Figure::Text(t) => Value::String(t.to_string()),
        Figure::Int(i) => Value::from(*i),
        Figure::Bool(b) => Value::Bool(*b),
        Figure::Date(d) => Value::String(d.to_string()),
    }
}

/// Every figure is the value the scalar interface gives for the same input (so the vectors'
/// expected values, which pin the scalar results, pin the figures too); a payoff's figures
/// are its projection's.
#[test]
fn figures_are_the_scalar_results() {
    let mut compared = std::collections::BTreeMap::new();
    for (_, case) in vectors() {
        let request = &case["request"];
        let Ok(kind) = Kind::from_name(request["kind"].as_str().unwrap_or("")) else {
            continue;
        };
        let raw = serde_json::value::to_raw_value(&request["input"]).unwrap();
        let mut figures = Vec::new();
        if compute_json(rules(), kind, &raw, &mut figures).is_err() {
            continue;
        }
        let scalar: Value =
            serde_json::from_str(&crate::api::handle(rules(), &request.to_string()).unwrap())
                .unwrap();
        let payoff = ["/result/with_payment", "/result/within_months/projection"]
            .iter()
            .find_map(|p| scalar.pointer(p).filter(|v| !v.is_null()));
        for (def, figure) in kind.figures().iter().zip(&figures) {
            let want = match (kind, payoff) {
                (Kind::ArrearsPayoff, Some(projection)) => projection.get(def.name),
                _ => pointer(kind, def.name).and_then(|p| scalar.pointer(&p)),
            };
            let Some(want) = want else { continue };
            assert_eq!(&as_json(figure), want, "{} {}", case["id"], def.name);
            *compared.entry(kind.name()).or_insert(0) += 1;
        }
    }
    // Every row kind has vectors, and each compared many figures.
    for (name, _) in Kind::ALL {
        let n = compared.get(name).copied().unwrap_or(0);
        assert!(n >= 8, "{name}: only {n} figures compared");
    }
}
