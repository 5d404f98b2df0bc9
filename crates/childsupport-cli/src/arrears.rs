//! Reports for the arrears kinds: `arrears_ledger`, `arrears_payoff`, `texas_withholding`.
//!
//! Built from the engine's response alone. The only arithmetic is grouping: a ledger line's
//! applications are added up by crediting tier (exact, in whole cents) so a payment fits on one
//! row; every application is also listed on its own.

use std::fmt::Write as _;

use serde_json::Value;

use crate::report::{
    amount_rows, at, capitalized, dollars, dollars_at, grid, has, percent_of_fraction, rows,
    step_label, str_of, table, text, wrap, Cents,
};

/// The widest a ledger description gets before it wraps.
const DESCRIPTION_WIDTH: usize = 30;
/// Ledgers of at most this many months get the month-by-month table; longer ones get year-end
/// balances (the months are in `--json`).
const MAX_MONTHS_SHOWN: usize = 60;

/// `1234.5` -> `1,234.5`: [`dollars`] without the `$`, for table cells.
fn num(amount: &str) -> String {
    dollars(amount).replacen('$', "", 1)
}

/// A table cell: the amount, or blank when it is zero.
fn num_or_blank(amount: &str) -> String {
    match Cents::parse(amount) {
        Some(c) if c.is_zero() => String::new(),
        _ => num(amount),
    }
}

fn yes_no(b: bool) -> &'static str {
    if b {
        "yes"
    } else {
        "no"
    }
}

fn state_name(r: &Value) -> String {
    capitalized(&at(r, "/state"))
}

fn day_count(name: &str) -> String {
    match name {
        "monthly" => "monthly (rate/12 for a whole month; by days in the month for part)".into(),
        "actual_365" => "actual/365 (rate/365 a day)".into(),
        other => other.replace('_', " "),
    }
}

/// True when the amount at `pointer` in any of `items` is not zero.
fn any_nonzero<'a>(items: impl IntoIterator<Item = &'a Value>, pointer: &str) -> bool {
    items.into_iter().any(|v| {
        v.pointer(pointer)
            .map(text)
            .and_then(|t| Cents::parse(&t))
            .is_some_and(|c| !c.is_zero())
    })
}

/// The crediting tier columns of the ledger table.
#[derive(Clone, Copy, PartialEq)]
enum Column {
    Current,
    NonDelinquent,
    Principal,
    Interest,
    Fees,
}

fn column_of(tier: &str) -> Column {
    match tier {
        "current" => Column::Current,
        "non_delinquent" => Column::NonDelinquent,
        "interest" => Column::Interest,
        "fees" => Column::Fees,
        _ => Column::Principal,
    }
}

/// A line's applications added up by column; `None` if an amount is not plain cents.
fn applied_by_column(line: &Value) -> Option<Vec<(Column, Cents)>> {
    let mut sums: Vec<(Column, Cents)> = Vec::new();
    for a in line
        .get("applied")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let col = column_of(&at(a, "/tier"));
        let amount = Cents::parse(&at(a, "/amount"))?;
        match sums.iter_mut().find(|(c, _)| *c == col) {
            Some((_, sum)) => sum.0 += amount.0,
            None => sums.push((col, amount)),
        }
    }
    Some(sums)
}

/// `arrears_ledger`: settings, totals, the ledger, months, how payments were applied.
pub fn ledger(out: &mut String, r: &Value) {
    let texas = at(r, "/state") == "texas";
    let as_of = at(r, "/as_of");

    let _ = writeln!(out, "\nCase");
    let interest_start = match str_of(&r["settings"], "interest_start") {
        Some("due_date") => "on the due date".to_string(),
        Some("first_of_next_month") => "on the 1st of the month after the due date".to_string(),
        Some(other) => other.replace('_', " "),
        None => step_value(r, "arrears.interest_start").unwrap_or_else(|| "-".into()),
    };
    let crediting = match str_of(&r["settings"], "crediting_date") {
        Some(d) => format!("the order in force on {d}, for every payment"),
        None => "the order in force on each payment's date".into(),
    };
    let type_order = r
        .pointer("/settings/type_order")
        .and_then(Value::as_array)
        .map(|t| t.iter().map(text).collect::<Vec<_>>().join(", "))
        .unwrap_or_default();
    rows(
        out,
        &[
            ("State".into(), state_name(r)),
            (
                "IV-D case".into(),
                yes_no(r.pointer("/settings/iv_d").and_then(Value::as_bool) == Some(true)).into(),
            ),
            ("Day count".into(), day_count(&at(r, "/settings/day_count"))),
            ("Interest starts".into(), interest_start),
            ("Crediting order".into(), crediting),
            ("Types, in tier order".into(), type_order),
            match str_of(r, "through") {
                Some(t) => (
                    "Through".into(),
                    format!("the end of {t} (as of the start of {as_of})"),
                ),
                None => (
                    "As of".into(),
                    format!("the start of {as_of} (events on {as_of} are not included)"),
                ),
            },
        ],
    );

    let totals = &r["totals"];
    let _ = writeln!(out, "\nOwed as of the start of {as_of}");
    totals_rows(out, totals, texas);

    let snapshots: Vec<&Value> = r
        .get("snapshots")
        .and_then(Value::as_array)
        .map(|s| s.iter().collect())
        .unwrap_or_default();
    if !snapshots.is_empty() {
        let _ = writeln!(out, "\nOwed as of the report dates (start of day)");
        let body: Vec<Vec<String>> = snapshots
            .iter()
            .map(|s| {
                vec![
                    at(s, "/as_of"),
                    num(&at(s, "/balances/principal")),
                    num(&at(s, "/balances/interest")),
                    num(&at(s, "/balances/fees")),
                    num(&at(s, "/balances/credit")),
                    num(&at(s, "/balances/total_owed")),
                    owed_since(s),
                ]
            })
            .collect();
        table(
            out,
            &[
                "As of",
                "Principal",
                "Interest",
                "Fees",
                "Credit",
                "Total owed",
                "Owed since",
            ],
            &body,
            &[false, true, true, true, true, true, false],
        );
    }

    by_type(out, totals);
    lines_table(out, r);
    periods_table(out, r);
    applications(out, r);
    reversals(out, r);
}

fn step_value(r: &Value, key: &str) -> Option<String> {
    r.get("worksheet")?
        .as_array()?
        .iter()
        .find(|s| str_of(s, "key") == Some(key))
        .and_then(|s| s.get("value"))
        .map(text)
}

fn owed_since(totals: &Value) -> String {
    match totals.get("owed_since") {
        Some(Value::String(d)) => d.clone(),
        _ => "nothing owed".into(),
    }
}

fn totals_rows(out: &mut String, t: &Value, texas: bool) {
    let principal_note = if texas {
        format!(
            "not confirmed {}; confirmed by judgment {}",
            dollars_at(t, "/balances/unconfirmed_principal"),
            dollars_at(t, "/balances/confirmed_principal")
        )
    } else {
        String::new()
    };
    amount_rows(
        out,
        &[
            (
                "Principal".into(),
                dollars_at(t, "/balances/principal"),
                principal_note,
            ),
            (
                "Interest".into(),
                dollars_at(t, "/balances/interest"),
                format!("accrued in all {} exact", at(t, "/interest_accrued_exact")),
            ),
            (
                "Fees".into(),
                dollars_at(t, "/balances/fees"),
                String::new(),
            ),
            (
                "Total owed".into(),
                dollars_at(t, "/balances/total_owed"),
                "principal + interest + fees".into(),
            ),
            (
                "Credit".into(),
                dollars_at(t, "/balances/credit"),
                "carried forward to installments not yet due".into(),
            ),
            (
                "Installments due".into(),
                dollars_at(t, "/due"),
                "fallen due so far".into(),
            ),
            (
                "Payments received".into(),
                dollars_at(t, "/paid"),
                String::new(),
            ),
        ],
    );
    let _ = writeln!(
        out,
        "  Owed since {} (the due date of the oldest unpaid amount)",
        owed_since(t)
    );
}

fn by_type(out: &mut String, t: &Value) {
    let types: Vec<&Value> = t
        .get("by_type")
        .and_then(Value::as_array)
        .map(|v| {
            v.iter()
                .filter(|x| {
                    any_nonzero([*x], "/principal") || any_nonzero([*x], "/interest_accrued")
                })
                .collect()
        })
        .unwrap_or_default();
    if types.len() < 2 {
        return;
    }
    let _ = writeln!(out, "\nBy obligation type");
    let body: Vec<Vec<String>> = types
        .iter()
        .map(|x| {
            vec![
                at(x, "/type"),
                num(&at(x, "/principal")),
                num(&at(x, "/interest")),
                num(&at(x, "/interest_accrued")),
                num(&at(x, "/interest_paid")),
                num(&at(x, "/interest_capitalized")),
            ]
        })
        .collect();
    table(
        out,
        &[
            "Type",
            "Principal",
            "Interest",
            "Interest accrued",
            "Interest paid",
            "Capitalised",
        ],
        &body,
        &[false, true, true, true, true, true],
    );
}

fn lines_table(out: &mut String, r: &Value) {
    let lines: Vec<&Value> = r
        .get("lines")
        .and_then(Value::as_array)
        .map(|l| l.iter().collect())
        .unwrap_or_default();
    let _ = writeln!(out, "\nLedger ({} lines)", lines.len());
    if lines.is_empty() {
        let _ = writeln!(out, "  (no events before {})", at(r, "/as_of"));
        return;
    }
    let mut types: Vec<String> = lines.iter().map(|l| at(l, "/type")).collect();
    types.retain(|t| !t.is_empty());
    types.sort();
    types.dedup();
    let show_type = types.len() > 1;
    let sums: Vec<Option<Vec<(Column, Cents)>>> =
        lines.iter().map(|l| applied_by_column(l)).collect();
    let used = |c: Column| {
        sums.iter()
            .any(|s| s.as_ref().is_some_and(|s| s.iter().any(|(x, _)| *x == c)))
    };
    let mut applied_cols = vec![(Column::Current, "Current")];
    if used(Column::NonDelinquent) {
        applied_cols.push((Column::NonDelinquent, "Not delinq."));
    }
    applied_cols.push((Column::Principal, "Principal"));
    applied_cols.push((Column::Interest, "Interest"));
    if used(Column::Fees) {
        applied_cols.push((Column::Fees, "Fees"));
    }
    let show_fees = any_nonzero(lines.iter().copied(), "/balances/fees");
    let show_credit = any_nonzero(lines.iter().copied(), "/balances/credit");
    let show_judgment = any_nonzero(lines.iter().copied(), "/balances/confirmed_principal");

    let mut header: Vec<&str> = vec!["Date", "Event"];
    if show_type {
        header.push("Type");
    }
    header.extend(["Description", "Amount"]);
    let first_applied = header.len();
    header.extend(applied_cols.iter().map(|(_, h)| *h));
    header.push("To credit");
    let last_applied = header.len() - 1;
    header.push("Principal");
    if show_judgment {
        header.push("of which judgment");
    }
    header.push("Interest");
    if show_fees {
        header.push("Fees");
    }
    if show_credit {
        header.push("Credit");
    }
    header.push("Total owed");
    let last = header.len() - 1;

    let body: Vec<Vec<String>> = lines
        .iter()
        .zip(&sums)
        .map(|(l, sums)| {
            let event = at(l, "/event");
            let description = at(l, "/description");
            // Interest postings say why before the colon; the cumulative figure is in --json.
            let description = match (event.as_str(), description.split_once(": ")) {
                ("interest", Some((why, _))) => why.to_string(),
                _ => description,
            };
            let mut row = vec![at(l, "/date"), event.replace('_', " ")];
            if show_type {
                row.push(at(l, "/type"));
            }
            row.push(wrap(&description, DESCRIPTION_WIDTH));
            row.push(num(&at(l, "/amount")));
            for (col, _) in &applied_cols {
                row.push(match sums {
                    Some(s) => s
                        .iter()
                        .find(|(c, _)| c == col)
                        .map(|(_, v)| num_or_blank(&v.to_string()))
                        .unwrap_or_default(),
                    None => "see below".into(),
                });
            }
            row.push(num_or_blank(&at(l, "/to_credit")));
            row.push(num(&at(l, "/balances/principal")));
            if show_judgment {
                row.push(num(&at(l, "/balances/confirmed_principal")));
            }
            row.push(num(&at(l, "/balances/interest")));
            if show_fees {
                row.push(num(&at(l, "/balances/fees")));
            }
            if show_credit {
                row.push(num(&at(l, "/balances/credit")));
            }
            row.push(num(&at(l, "/balances/total_owed")));
            row
        })
        .collect();
    let right: Vec<bool> = (0..header.len()).map(|i| i > first_applied - 2).collect();
    grid(
        out,
        &header,
        &body,
        &right,
        &[
            (first_applied, last_applied, "applied to"),
            (last_applied + 1, last, "balances after the line"),
        ],
    );
}

fn periods_table(out: &mut String, r: &Value) {
    let periods: Vec<&Value> = r
        .get("periods")
        .and_then(Value::as_array)
        .map(|p| p.iter().collect())
        .unwrap_or_default();
    if periods.is_empty() {
        return;
    }
    let show_fees = any_nonzero(periods.iter().copied(), "/applied_fees")
        || any_nonzero(periods.iter().copied(), "/closing/fees");
    let show_nd = any_nonzero(periods.iter().copied(), "/applied_non_delinquent");
    let show_credit = any_nonzero(periods.iter().copied(), "/closing/credit")
        || any_nonzero(periods.iter().copied(), "/to_credit");
    if periods.len() > MAX_MONTHS_SHOWN {
        let _ = writeln!(
            out,
            "\nYear-end balances ({} months; the month-by-month figures are in --json)",
            periods.len()
        );
        let shown: Vec<&&Value> = periods
            .iter()
            .enumerate()
            .filter(|(i, p)| at(p, "/month").ends_with("-12") || *i + 1 == periods.len())
            .map(|(_, p)| p)
            .collect();
        let mut header = vec!["Month", "Principal", "Interest"];
        if show_fees {
            header.push("Fees");
        }
        if show_credit {
            header.push("Credit");
        }
        header.push("Total owed");
        let body: Vec<Vec<String>> = shown
            .iter()
            .map(|p| {
                let mut row = vec![
                    at(p, "/month"),
                    num(&at(p, "/closing/principal")),
                    num(&at(p, "/closing/interest")),
                ];
                if show_fees {
                    row.push(num(&at(p, "/closing/fees")));
                }
                if show_credit {
                    row.push(num(&at(p, "/closing/credit")));
                }
                row.push(num(&at(p, "/closing/total_owed")));
                row
            })
            .collect();
        let right: Vec<bool> = (0..header.len()).map(|i| i > 0).collect();
        table(out, &header, &body, &right);
        return;
    }
    let _ = writeln!(out, "\nBy month");
    let mut header = vec!["Month", "Due", "Paid", "Current"];
    let mut keys = vec!["/due", "/paid", "/applied_current"];
    if show_nd {
        header.push("Not delinq.");
        keys.push("/applied_non_delinquent");
    }
    header.extend(["Principal", "Interest"]);
    keys.extend(["/applied_principal", "/applied_interest"]);
    if show_fees {
        header.push("Fees");
        keys.push("/applied_fees");
    }
    header.push("To credit");
    keys.push("/to_credit");
    let last_applied = header.len() - 1;
    header.push("Interest posted");
    keys.push("/interest_posted");
    header.extend(["Principal", "Interest"]);
    keys.extend(["/closing/principal", "/closing/interest"]);
    if show_fees {
        header.push("Fees");
        keys.push("/closing/fees");
    }
    if show_credit {
        header.push("Credit");
        keys.push("/closing/credit");
    }
    header.push("Total owed");
    keys.push("/closing/total_owed");
    let body: Vec<Vec<String>> = periods
        .iter()
        .map(|p| {
            std::iter::once(at(p, "/month"))
                .chain(keys.iter().map(|k| num(&at(p, k))))
                .collect()
        })
        .collect();
    let right: Vec<bool> = (0..header.len()).map(|i| i > 0).collect();
    grid(
        out,
        &header,
        &body,
        &right,
        &[
            (3, last_applied, "applied to"),
            (last_applied + 2, header.len() - 1, "closing balances"),
        ],
    );
}

/// Payments reversed (what they had paid, now undone) and the lines whose applications moved.
fn reversals(out: &mut String, r: &Value) {
    let list = r.get("reversals").and_then(Value::as_array);
    let Some(list) = list.filter(|l| !l.is_empty()) else {
        return;
    };
    let _ = writeln!(out, "\nPayments reversed (treated as never credited)");
    let body: Vec<Vec<String>> = list
        .iter()
        .map(|v| {
            let undone = v
                .get("applied")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .map(|a| {
                    format!(
                        "{} {}",
                        reference_words(&at(a, "/item")),
                        num(&at(a, "/amount"))
                    )
                })
                .collect::<Vec<_>>()
                .join(", ");
            vec![
                at(v, "/payment_id"),
                at(v, "/payment_date"),
                num(&at(v, "/amount")),
                at(v, "/date"),
                at(v, "/reason"),
                undone,
            ]
        })
        .collect();
    table(
        out,
        &[
            "Payment", "Received", "Amount", "Reversed", "Reason", "Had paid",
        ],
        &body,
        &[false, false, true, false, false, false],
    );
    let moved: Vec<Vec<String>> = r
        .get("moved")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .map(|m| {
            let list = |key: &str| {
                m.get(key)
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten()
                    .map(|a| {
                        let what = match str_of(a, "item") {
                            Some(i) => reference_words(i),
                            None => at(a, "/tier"),
                        };
                        format!("{what} {}", num(&at(a, "/amount")))
                    })
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            vec![
                at(m, "/date"),
                match str_of(m, "payment_id") {
                    Some(id) => format!("{} ({id})", reference_words(&at(m, "/reference"))),
                    None => reference_words(&at(m, "/reference")),
                },
                list("before"),
                list("after"),
            ]
        })
        .collect();
    if !moved.is_empty() {
        let _ = writeln!(out, "\nWhat the reversals moved");
        table(
            out,
            &["Date", "Line", "Before", "After"],
            &moved,
            &[false, false, false, false],
        );
    }
}

/// A place in the request in words: `payments[0]` -> `payment 1`, `orders[0]#7` -> `order 1,
/// installment 7`, `fees[2]` -> `fee 3`; anything else as it is.
fn reference_words(reference: &str) -> String {
    let (head, installment) = match reference.split_once('#') {
        Some((h, n)) => (h, Some(n)),
        None => (reference, None),
    };
    let Some((list, rest)) = head.split_once('[') else {
        return reference.to_string();
    };
    let Some(index) = rest.strip_suffix(']').and_then(|i| i.parse::<usize>().ok()) else {
        return reference.to_string();
    };
    let noun = match list {
        "payments" => "payment",
        "orders" => "order",
        "fees" => "fee",
        "judgments" => "judgment",
        "renewals" => "renewal",
        "reversals" => "reversal",
        _ => return reference.to_string(),
    };
    match installment {
        Some(n) => format!("{noun} {}, installment {n}", index + 1),
        None => format!("{noun} {}", index + 1),
    }
}

/// Every application of a payment or of credit, one a row: which installment it paid.
fn applications(out: &mut String, r: &Value) {
    let mut body = Vec::new();
    for l in r
        .get("lines")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        for a in l
            .get("applied")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            body.push(vec![
                at(l, "/date"),
                match str_of(l, "payment_id") {
                    Some(id) => format!("{} ({id})", reference_words(&at(l, "/reference"))),
                    None => reference_words(&at(l, "/reference")),
                },
                at(a, "/tier").replace('_', " "),
                at(a, "/type"),
                reference_words(&at(a, "/item")),
                at(a, "/due"),
                num(&at(a, "/amount")),
                if a.get("from_credit").and_then(Value::as_bool) == Some(true) {
                    "from credit".into()
                } else {
                    String::new()
                },
            ]);
        }
    }
    if body.is_empty() {
        return;
    }
    let _ = writeln!(out, "\nHow payments and credit were applied");
    table(
        out,
        &["Date", "From", "Tier", "Type", "Item", "Due", "Amount", ""],
        &body,
        &[false, false, false, false, false, false, true, false],
    );
}

/// One projection as a sentence or two.
fn projection(out: &mut String, p: &Value, indent: &str) {
    let payments = at(p, "/payments");
    let plural = if payments == "1" { "" } else { "s" };
    if p.get("paid_off").and_then(Value::as_bool) == Some(true) {
        let _ = writeln!(
            out,
            "{indent}Paid off on {} after {payments} payment{plural} (the last {}).",
            at(p, "/payoff_date"),
            dollars_at(p, "/last_payment")
        );
    } else {
        let _ = writeln!(
            out,
            "{indent}Not paid off after {payments} payment{plural}: the payment does not keep up."
        );
    }
    let _ = writeln!(
        out,
        "{indent}Interest paid {}; total paid {}.",
        dollars_at(p, "/interest_paid"),
        dollars_at(p, "/total_paid")
    );
    if let Some(rows) = p.get("schedule").and_then(Value::as_array) {
        let body: Vec<Vec<String>> = rows
            .iter()
            .map(|s| {
                vec![
                    at(s, "/number"),
                    at(s, "/date"),
                    num(&at(s, "/interest_posted")),
                    num(&at(s, "/payment")),
                    num(&at(s, "/to_principal")),
                    num(&at(s, "/to_interest")),
                    num(&at(s, "/principal")),
                    num(&at(s, "/interest")),
                ]
            })
            .collect();
        if !body.is_empty() {
            out.push('\n');
            grid(
                out,
                &[
                    "#",
                    "Date",
                    "Interest posted",
                    "Payment",
                    "Principal",
                    "Interest",
                    "Principal",
                    "Interest",
                ],
                &body,
                &[true, false, true, true, true, true, true, true],
                &[(4, 5, "applied to"), (6, 7, "owed after")],
            );
        }
    }
}

/// `arrears_payoff`: payoff date, payments, interest, the smallest payment within N months.
pub fn payoff(out: &mut String, r: &Value) {
    let _ = writeln!(
        out,
        "{} · interest {} simple a year · day count {}",
        state_name(r),
        percent_of_fraction(&at(r, "/rate")),
        day_count(&at(r, "/day_count"))
    );
    let mut start = Vec::new();
    for (key, label) in [
        ("payoff.principal", "Principal"),
        ("payoff.interest", "Interest accrued"),
        ("payoff.interest_free", "Interest-free principal"),
    ] {
        match step_value(r, key) {
            Some(v) if key != "payoff.interest_free" || Cents::parse(&v) != Some(Cents(0)) => {
                start.push((label.to_string(), dollars(&v), String::new()));
            }
            _ => {}
        }
    }
    if !start.is_empty() {
        let _ = writeln!(out, "\nOwed at the start");
        amount_rows(out, &start);
    }
    if has(r, "/with_payment") {
        let p = &r["with_payment"];
        let _ = writeln!(out, "\nPaying {} a month", dollars_at(p, "/payment"));
        projection(out, p, "  ");
    }
    if has(r, "/within_months") {
        let w = &r["within_months"];
        let months = at(w, "/months");
        let _ = writeln!(
            out,
            "\nSmallest payment that pays off within {months} month{}: {}",
            if months == "1" { "" } else { "s" },
            dollars_at(w, "/payment")
        );
        projection(out, &w["projection"], "  ");
    }
}

/// `texas_withholding`: the two options, the additional amount, the total, the limit, what is
/// withheld and the projection.
pub fn withholding(out: &mut String, r: &Value) {
    let limited = has(r, "/limit") && at(r, "/withheld") != at(r, "/total");
    let _ = writeln!(
        out,
        "\n  Withhold {} a month, of which {} goes to the arrears{}.\n",
        dollars_at(r, "/withheld"),
        dollars_at(r, "/arrears_payment"),
        if limited {
            " (limited by the withholding limit)"
        } else {
            ""
        }
    );
    let label = |key: &str, fallback: &str| step_label(r, key).unwrap_or_else(|| fallback.into());
    let chosen = |option: &str| {
        if at(r, "/option") == option {
            "<- the larger".to_string()
        } else {
            String::new()
        }
    };
    let mut figures = vec![
        (
            "Owed".to_string(),
            step_value(r, "withholding.owed")
                .map(|v| dollars(&v))
                .unwrap_or_default(),
            label("withholding.owed", "Arrears: principal + accrued interest"),
        ),
        (
            "Option 1".to_string(),
            dollars_at(r, "/two_year_amount"),
            format!(
                "{} {}",
                label(
                    "withholding.two_year",
                    "Discharge within the months allowed"
                ),
                chosen("two_year")
            ),
        ),
        (
            "Option 2".to_string(),
            dollars_at(r, "/twenty_percent_amount"),
            format!(
                "{} {}",
                label("withholding.twenty_percent", "Share of current support"),
                chosen("twenty_percent")
            ),
        ),
        (
            "Additional".to_string(),
            dollars_at(r, "/additional"),
            label("withholding.additional", "Additional withholding"),
        ),
        (
            "Total".to_string(),
            dollars_at(r, "/total"),
            label("withholding.total", "Current support + additional"),
        ),
    ];
    if has(r, "/limit") {
        figures.push((
            "Limit".to_string(),
            dollars_at(r, "/limit"),
            label("withholding.limit", "Withholding limit"),
        ));
    } else {
        figures.push((
            "Limit".to_string(),
            "-".to_string(),
            "not checked: give disposable_earnings for the §158.009 limit".to_string(),
        ));
    }
    figures.push((
        "Withheld".to_string(),
        dollars_at(r, "/withheld"),
        if limited {
            "the limit".into()
        } else {
            "the total".into()
        },
    ));
    figures.push((
        "To arrears".to_string(),
        dollars_at(r, "/arrears_payment"),
        "withheld less current support".into(),
    ));
    let figures: Vec<(String, String, String)> = figures
        .into_iter()
        .map(|(a, b, c)| (a, b, c.trim_end().to_string()))
        .collect();
    amount_rows(out, &figures);
    if has(r, "/months_without_interest") {
        let _ = writeln!(
            out,
            "\n  Without interest, payments of the additional amount discharge the arrears in {} months.",
            at(r, "/months_without_interest")
        );
    }
    if has(r, "/projection") {
        let p = &r["projection"];
        let _ = writeln!(
            out,
            "\nProjection with interest, {} a month to the arrears",
            dollars_at(p, "/payment")
        );
        projection(out, p, "  ");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_places_read_as_words() {
        assert_eq!(reference_words("payments[0]"), "payment 1");
        assert_eq!(reference_words("orders[1]#7"), "order 2, installment 7");
        assert_eq!(reference_words("fees[2]"), "fee 3");
        assert_eq!(reference_words("credit"), "credit");
        assert_eq!(reference_words("things[x]"), "things[x]");
    }

    #[test]
    fn applications_are_grouped_by_column_exactly() {
        let line: Value = serde_json::from_str(
            r#"{"applied":[{"tier":"current","amount":"500.00"},
                {"tier":"principal","amount":"500.00"},{"tier":"principal","amount":"200.01"},
                {"tier":"unconfirmed_principal","amount":"0.09"}]}"#,
        )
        .unwrap();
        let sums = applied_by_column(&line).unwrap();
        assert_eq!(sums.len(), 2);
        assert_eq!(sums[0].1.to_string(), "500.00");
        assert_eq!(sums[1].1.to_string(), "700.10");
        let odd: Value =
            serde_json::from_str(r#"{"applied":[{"tier":"current","amount":"1.234"}]}"#).unwrap();
        assert!(applied_by_column(&odd).is_none());
    }

    #[test]
    fn zero_cells_are_blank() {
        assert_eq!(num_or_blank("0.00"), "");
        assert_eq!(num_or_blank("1200.00"), "1,200.00");
        assert_eq!(num("-3500.5"), "-3,500.5");
    }
}
