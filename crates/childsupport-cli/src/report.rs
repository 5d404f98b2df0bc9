//! The human report, built from the engine's response JSON alone.
//!
//! Every result has a `worksheet` (`key`, `label`, `value`, `citation`), and most name a payer,
//! a recipient and an amount; the report is generic over those, so a new kind prints usefully
//! with no change here. California and Texas guideline results ([`crate::texas`]) and the
//! arrears kinds ([`crate::arrears`]) get summaries written for them.
//!
//! Values are printed as the engine wrote them (exact decimal text); the only formatting is
//! thousands separators and a `$` on rounded amounts in the summaries.

use std::fmt::Write as _;

use serde::de::{MapAccess, Visitor};
use serde::{Deserialize, Deserializer};
use serde_json::value::RawValue;
use serde_json::Value;

/// A JSON object with its keys in the order written (serde_json's `Map` sorts them).
struct Ordered(Vec<(String, Box<RawValue>)>);

impl<'de> Deserialize<'de> for Ordered {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Ordered, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Ordered;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut m: A) -> Result<Ordered, A::Error> {
                let mut v = Vec::new();
                while let Some(entry) = m.next_entry::<String, Box<RawValue>>()? {
                    v.push(entry);
                }
                Ok(Ordered(v))
            }
        }
        d.deserialize_map(V)
    }
}

impl Ordered {
    fn parse(text: &str) -> Option<Ordered> {
        serde_json::from_str(text).ok()
    }

    fn entries(&self) -> impl Iterator<Item = (&str, Value)> {
        self.0.iter().filter_map(|(k, raw)| {
            serde_json::from_str::<Value>(raw.get())
                .ok()
                .map(|v| (k.as_str(), v))
        })
    }
}

#[derive(Deserialize)]
struct Response<'a> {
    kind: String,
    #[serde(borrow)]
    result: &'a RawValue,
}

/// The report for a successful response (`{"kind", "result"}`).
pub fn render(response: &str) -> Result<String, String> {
    let resp: Response =
        serde_json::from_str(response).map_err(|e| format!("unexpected response: {e}"))?;
    let result: Value =
        serde_json::from_str(resp.result.get()).map_err(|e| format!("unexpected response: {e}"))?;
    let mut out = String::new();
    let title = title(&resp.kind);
    let _ = writeln!(out, "{title}");
    let _ = writeln!(out, "{}", "=".repeat(title.chars().count()));
    match resp.kind.as_str() {
        "california_guideline" => california(&mut out, &result),
        "texas_guideline" => crate::texas::guideline(&mut out, &result),
        "texas_net_resources" => crate::texas::net_resources(&mut out, &result),
        "arrears_ledger" => crate::arrears::ledger(&mut out, &result),
        "arrears_payoff" => crate::arrears::payoff(&mut out, &result),
        "texas_withholding" => crate::arrears::withholding(&mut out, &result),
        _ => generic(&mut out, resp.result.get(), &result),
    }
    missing_rules(&mut out, &result);
    worksheet(&mut out, &result);
    Ok(out)
}

fn title(kind: &str) -> String {
    match kind {
        "california_guideline" => "California guideline child support (Fam. Code §4055)".into(),
        "texas_guideline" => "Texas guideline child support (Tex. Fam. Code ch. 154)".into(),
        "texas_net_resources" => "Texas monthly net resources (Tex. Fam. Code §154.062)".into(),
        "arrears_ledger" => "Arrears ledger".into(),
        "arrears_payoff" => "Arrears payoff projection".into(),
        "texas_withholding" => {
            "Texas additional withholding for arrears (Tex. Fam. Code §158.003)".into()
        }
        other => {
            let words = other.replace('_', " ");
            let mut c = words.chars();
            match c.next() {
                Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
                None => String::new(),
            }
        }
    }
}

/// A value as text: strings by content, numbers as written, null as "none".
pub(crate) fn text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Null => "none".into(),
        other => other.to_string(),
    }
}

/// The value at a JSON pointer as text (see [`text`]); empty when absent.
pub(crate) fn at(v: &Value, pointer: &str) -> String {
    v.pointer(pointer).map(text).unwrap_or_default()
}

/// The amount at a JSON pointer in dollars; empty when absent or null.
pub(crate) fn dollars_at(v: &Value, pointer: &str) -> String {
    match v.pointer(pointer) {
        None | Some(Value::Null) => String::new(),
        Some(x) => dollars(&text(x)),
    }
}

/// Whether the value at a JSON pointer is present and not null.
pub(crate) fn has(v: &Value, pointer: &str) -> bool {
    v.pointer(pointer).is_some_and(|x| !x.is_null())
}

/// The label of the worksheet step with this key, if there is one.
pub(crate) fn step_label(result: &Value, key: &str) -> Option<String> {
    result
        .get("worksheet")?
        .as_array()?
        .iter()
        .find(|s| str_of(s, "key") == Some(key))
        .and_then(|s| str_of(s, "label"))
        .map(str::to_string)
}

/// Label / amount / note rows: the amounts right-aligned in one column (a row with no amount
/// shows its note there instead).
pub(crate) fn amount_rows(out: &mut String, rows: &[(String, String, String)]) {
    let lw = rows.iter().map(|r| r.0.chars().count()).max().unwrap_or(0);
    let aw = rows.iter().map(|r| r.1.chars().count()).max().unwrap_or(0);
    for (label, amount, note) in rows {
        let pad = " ".repeat(lw - label.chars().count());
        // A row without an amount is text: it starts where the amounts start.
        let line = if amount.is_empty() {
            format!("  {label}{pad}  {note}")
        } else {
            format!(
                "  {label}{pad}  {}{amount}  {note}",
                " ".repeat(aw - amount.chars().count())
            )
        };
        let _ = writeln!(out, "{}", line.trim_end());
    }
}

pub(crate) fn str_of<'a>(v: &'a Value, key: &str) -> Option<&'a str> {
    v.get(key).and_then(Value::as_str)
}

/// `parent_a` -> `parent A`; anything else as is.
pub(crate) fn who(s: &str) -> String {
    match s {
        "parent_a" => "parent A".into(),
        "parent_b" => "parent B".into(),
        other => other.replace('_', " "),
    }
}

pub(crate) fn capitalized(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

/// `1234.5` -> `$1,234.5`, `-954.21` -> `-$954.21`; the digits are kept exactly.
pub(crate) fn dollars(amount: &str) -> String {
    let (sign, digits) = match amount.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", amount),
    };
    let (int, frac) = match digits.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (digits, None),
    };
    if int.is_empty() || !int.bytes().all(|b| b.is_ascii_digit()) {
        return amount.to_string();
    }
    let mut grouped = String::new();
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(ch);
    }
    match frac {
        Some(f) => format!("{sign}${grouped}.{f}"),
        None => format!("{sign}${grouped}"),
    }
}

pub(crate) fn humanize(key: &str) -> String {
    capitalized(&key.replace('_', " "))
}

/// Label/value rows, labels padded to one width.
pub(crate) fn rows(out: &mut String, rows: &[(String, String)]) {
    let w = rows
        .iter()
        .map(|(l, _)| l.chars().count())
        .max()
        .unwrap_or(0);
    for (label, value) in rows {
        let pad = w - label.chars().count();
        let _ = writeln!(out, "  {label}{}  {value}", " ".repeat(pad));
    }
}

/// A table with a header; the last column is not padded. A cell may hold several lines
/// (`\n`): the row is as tall as its tallest cell.
pub(crate) fn table(out: &mut String, header: &[&str], body: &[Vec<String>], right: &[bool]) {
    grid(out, header, body, right, &[]);
}

/// [`table`] with group labels over runs of columns: `(first, last, label)` puts `label` over
/// the headers of columns `first..=last`.
///
/// Tables are drawn by `comfy-table` and wrap to the terminal's width (or to `COLUMNS` when it
/// is set), so a long citation wraps in its cell instead of widening the table past the screen;
/// output to a file or a pipe is not wrapped.
pub(crate) fn grid(
    out: &mut String,
    header: &[&str],
    body: &[Vec<String>],
    right: &[bool],
    groups: &[(usize, usize, &str)],
) {
    use comfy_table::{CellAlignment, ColumnConstraint, ContentArrangement, Table};
    let cols = header.len();
    let mut heads: Vec<String> = header.iter().map(|h| h.to_string()).collect();
    if !groups.is_empty() {
        // One line above the headers: the group's label over its first column.
        let mut over = vec![String::new(); cols];
        for &(first, _, label) in groups {
            if first < cols {
                over[first] = format!("{label}:");
            }
        }
        for (h, o) in heads.iter_mut().zip(over) {
            *h = format!("{o}\n{h}");
        }
    }
    let mut t = Table::new();
    t.load_preset(comfy_table::presets::NOTHING)
        .set_header(heads);
    match table_width() {
        Width::Terminal => {
            t.set_content_arrangement(ContentArrangement::Dynamic);
        }
        Width::Columns(w) => {
            t.set_content_arrangement(ContentArrangement::Dynamic)
                .set_width(w);
        }
        Width::Unlimited => {}
    }
    for row in body {
        t.add_row(row.iter().take(cols).cloned().collect::<Vec<_>>());
    }
    // Short columns (dates, words, amounts) never wrap; long text wraps, keeping at least 20
    // characters a line; amounts align right.
    let widest: Vec<usize> = (0..cols)
        .map(|i| {
            body.iter()
                .filter_map(|r| r.get(i))
                .chain(std::iter::once(&header[i].to_string()))
                .flat_map(|c| c.lines().map(|l| l.chars().count()).collect::<Vec<_>>())
                .max()
                .unwrap_or(0)
        })
        .collect();
    for (i, column) in t.column_iter_mut().enumerate() {
        if right.get(i).copied().unwrap_or(false) {
            column.set_cell_alignment(CellAlignment::Right);
        }
        column.set_constraint(if widest[i] <= 24 {
            ColumnConstraint::ContentWidth
        } else {
            ColumnConstraint::LowerBoundary(comfy_table::Width::Fixed(20))
        });
    }
    for line in t.lines() {
        let _ = writeln!(out, " {}", line.trim_end());
    }
}

/// What tables wrap to.
enum Width {
    /// The terminal's width (stdout is a terminal).
    Terminal,
    /// `COLUMNS` characters.
    Columns(u16),
    /// No wrapping: the output goes to a file or a pipe, where a line may be as long as it is.
    Unlimited,
}

/// `COLUMNS` when set, the terminal's width when stdout is one, else no limit.
fn table_width() -> Width {
    use std::io::IsTerminal;
    if let Some(w) = std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse::<u16>().ok())
    {
        return Width::Columns(w.max(40));
    }
    if std::io::stdout().is_terminal() {
        Width::Terminal
    } else {
        Width::Unlimited
    }
}

/// Words of `text` on lines of at most `width` characters (a longer word gets its own line).
pub(crate) fn wrap(text: &str, width: usize) -> String {
    let mut lines: Vec<String> = Vec::new();
    let mut current = String::new();
    for word in text.split_whitespace() {
        if !current.is_empty() && current.chars().count() + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut current));
        }
        if !current.is_empty() {
            current.push(' ');
        }
        current.push_str(word);
    }
    if !current.is_empty() || lines.is_empty() {
        lines.push(current);
    }
    lines.join("\n")
}

/// A fraction written as decimal text, as a percentage, by moving the point:
/// `0.35` -> `35%`, `0.275` -> `27.5%`, `0.10` -> `10%`, `0.0145` -> `1.45%`. Text that is not a
/// plain decimal is returned as is.
pub(crate) fn percent_of_fraction(fraction: &str) -> String {
    let (sign, digits) = match fraction.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", fraction),
    };
    let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
    if int.is_empty()
        || !(int.bytes().all(|b| b.is_ascii_digit()) && frac.bytes().all(|b| b.is_ascii_digit()))
    {
        return fraction.to_string();
    }
    let frac = format!("{frac:0<2}");
    let (moved, rest) = frac.split_at(2);
    let whole = format!("{int}{moved}");
    let whole = whole.trim_start_matches('0');
    let whole = if whole.is_empty() { "0" } else { whole };
    let rest = rest.trim_end_matches('0');
    if rest.is_empty() {
        format!("{sign}{whole}%")
    } else {
        format!("{sign}{whole}.{rest}%")
    }
}

/// A percentage written as decimal text (`27.375`), with a `%` and no trailing zeros.
pub(crate) fn percent(value: &str) -> String {
    let trimmed = if value.contains('.') {
        value.trim_end_matches('0').trim_end_matches('.')
    } else {
        value
    };
    format!("{trimmed}%")
}

/// An amount in whole cents, for adding up amounts the engine printed with at most two decimals
/// (the ledger groups a payment's applications by tier). Exact integer arithmetic; `None` for
/// any other text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct Cents(pub i128);

impl Cents {
    pub(crate) fn parse(text: &str) -> Option<Cents> {
        let (neg, digits) = match text.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, text),
        };
        let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
        if int.is_empty()
            || int.len() > 30
            || frac.len() > 2
            || !int.bytes().all(|b| b.is_ascii_digit())
            || !frac.bytes().all(|b| b.is_ascii_digit())
        {
            return None;
        }
        let whole: i128 = int.parse().ok()?;
        let cents: i128 = format!("{frac:0<2}").parse().ok()?;
        let v = whole.checked_mul(100)?.checked_add(cents)?;
        Some(Cents(if neg { -v } else { v }))
    }

    pub(crate) fn is_zero(self) -> bool {
        self.0 == 0
    }
}

impl std::fmt::Display for Cents {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        let v = self.0.unsigned_abs();
        write!(f, "{sign}{}.{:02}", v / 100, v % 100)
    }
}

pub(crate) fn headline(out: &mut String, result: &Value, period: &str) {
    let amount = str_of(result, "amount");
    match (str_of(result, "payer"), str_of(result, "recipient"), amount) {
        (Some(p), Some(r), Some(a)) => {
            let _ = writeln!(
                out,
                "\n  {} pays {} {}{period}.\n",
                capitalized(&who(p)),
                who(r),
                dollars(a)
            );
        }
        (None, None, Some(a)) if result.get("payer").is_some() => {
            let _ = writeln!(
                out,
                "\n  No one pays: the guideline amount is {}{period}.\n",
                dollars(a)
            );
        }
        _ => out.push('\n'),
    }
}

/// An exact value for reading: a fraction (`2500/82857`) to ten places, marked as rounded.
fn shown(exact: &str) -> String {
    match exact.parse::<childsupport::Exact>() {
        Ok(x) if exact.contains('/') => childsupport::worksheet::Value::Exact(x).to_string(),
        _ => exact.to_string(),
    }
}

fn california(out: &mut String, r: &Value) {
    let mut context = Vec::new();
    if let Some(d) = str_of(r, "calculation_date") {
        context.push(format!("Calculation date {d}"));
    }
    match str_of(r, "law") {
        Some("sb343") => context.push("Fam. Code §4055 as amended by SB 343".to_string()),
        Some("former") => context.push("Fam. Code §4055 before SB 343".to_string()),
        _ => {}
    }
    if let Some(v) = str_of(r, "rules_version") {
        context.push(format!("rules version {v}"));
    }
    let _ = writeln!(out, "{}", context.join(" · "));
    headline(out, r, " per month");

    let get = |k: &str| r.get(k).map(text).map(|t| shown(&t)).unwrap_or_default();
    let mut figures = vec![
        (
            "Guideline amount (exact)".to_string(),
            get("unadjusted_amount_exact"),
        ),
        (
            "High earner".to_string(),
            format!(
                "{} (HN {}, time share H% {})",
                who(&get("high_earner")),
                get("high_earner_net_income"),
                get("high_earner_time_share")
            ),
        ),
        ("Total net income (TN)".to_string(), get("total_net_income")),
        (
            "K".to_string(),
            format!(
                "{} (band {}, fraction {})",
                get("k"),
                get("band"),
                get("fraction")
            ),
        ),
        ("Children multiplier".to_string(), get("multiplier")),
    ];
    if let Some(lia) = r.get("low_income_adjustment").filter(|v| !v.is_null()) {
        let lowest = dollars(&lia.get("lowest_amount").map(text).unwrap_or_default());
        let highest = dollars(&lia.get("highest_amount").map(text).unwrap_or_default());
        let applied = match lia.get("applied") {
            Some(Value::String(s)) if s == "presumptive" => {
                format!("{lowest} applied, the presumptive (lowest) amount")
            }
            Some(Value::String(s)) if s == "none" => {
                format!("not applied (presumption rebutted): {highest}")
            }
            Some(Value::Object(o)) => format!(
                "{} applied, as the court found",
                dollars(&o.get("amount").map(text).unwrap_or_default())
            ),
            _ => String::new(),
        };
        figures.push((
            "Low-income adjustment".to_string(),
            format!(
                "range {lowest} to {highest} (threshold T {}; §4055(b)(7), (c)); {applied}",
                shown(&lia.get("threshold").map(text).unwrap_or_default())
            ),
        ));
    }
    let _ = writeln!(out, "Key figures");
    rows(out, &figures);

    if let Some(children) = r.get("per_child").and_then(Value::as_array) {
        if !children.is_empty() {
            let lowest = children
                .iter()
                .any(|c| c.get("unadjusted_amount") != c.get("amount"));
            let dated = children
                .iter()
                .any(|c| c.get("birth_date").is_some_and(|v| !v.is_null()));
            let mut header = vec!["Child"];
            if dated {
                header.push("Birth date");
            }
            header.push("Share");
            if lowest {
                header.push("Before adjustment");
            }
            let body: Vec<Vec<String>> = children
                .iter()
                .map(|c| {
                    let rank = c.get("rank").map(text).unwrap_or_default();
                    let mut row = vec![if rank == "1" {
                        "1 (youngest)".to_string()
                    } else {
                        rank
                    }];
                    if dated {
                        row.push(c.get("birth_date").map(text).unwrap_or_default());
                    }
                    row.push(dollars(&c.get("amount").map(text).unwrap_or_default()));
                    if lowest {
                        row.push(
                            c.get("unadjusted_amount")
                                .map(|v| dollars(&text(v)))
                                .unwrap_or_default(),
                        );
                    }
                    row
                })
                .collect();
            let _ = writeln!(out, "\nPer child (§4055(b)(8))");
            let right: Vec<bool> = header
                .iter()
                .map(|h| !h.starts_with("Child") && !h.starts_with("Birth"))
                .collect();
            table(out, &header, &body, &right);
        }
    }

    if let Some(add_ons) = r.get("add_ons").filter(|v| !v.is_null()) {
        let split = add_ons.get("split").map(text).unwrap_or_default();
        let default = add_ons.get("is_default").and_then(Value::as_bool) == Some(true);
        let _ = writeln!(
            out,
            "\nAdd-ons (§4061): {split} split{}",
            if default {
                " (the default in force)"
            } else {
                " (requested or ordered)"
            }
        );
        let mut body: Vec<Vec<String>> = add_ons
            .get("items")
            .and_then(Value::as_array)
            .map(|items| {
                items
                    .iter()
                    .map(|i| {
                        vec![
                            i.get("kind")
                                .map(text)
                                .unwrap_or_default()
                                .replace('_', " "),
                            dollars(&i.get("amount").map(text).unwrap_or_default()),
                            dollars(&i.get("parent_a").map(text).unwrap_or_default()),
                            dollars(&i.get("parent_b").map(text).unwrap_or_default()),
                        ]
                    })
                    .collect()
            })
            .unwrap_or_default();
        body.push(vec![
            "total".into(),
            String::new(),
            dollars(&add_ons.get("parent_a_total").map(text).unwrap_or_default()),
            dollars(&add_ons.get("parent_b_total").map(text).unwrap_or_default()),
        ]);
        table(
            out,
            &["Expense", "Amount", "Parent A", "Parent B"],
            &body,
            &[false, true, true, true],
        );
    }
}

/// Any other kind: headline, then every field of the result but the worksheet, in order.
pub(crate) fn generic(out: &mut String, result_text: &str, result: &Value) {
    headline(out, result, "");
    let Some(fields) = Ordered::parse(result_text) else {
        return;
    };
    let mut scalars = Vec::new();
    let mut sections = Vec::new();
    for (key, raw) in &fields.0 {
        if key == "worksheet" || key == "missing_rules" {
            continue;
        }
        let Ok(value) = serde_json::from_str::<Value>(raw.get()) else {
            continue;
        };
        match &value {
            Value::Array(items) if items.is_empty() => scalars.push((humanize(key), "none".into())),
            Value::Array(items) if items.iter().all(|v| !v.is_object() && !v.is_array()) => scalars
                .push((
                    humanize(key),
                    items.iter().map(text).collect::<Vec<_>>().join(", "),
                )),
            Value::Array(_) | Value::Object(_) => sections.push((key.as_str(), raw.get())),
            other => scalars.push((humanize(key), who(&text(other)))),
        }
    }
    if !scalars.is_empty() {
        let _ = writeln!(out, "Summary");
        rows(out, &scalars);
    }
    for (key, raw) in sections {
        let _ = writeln!(out, "\n{}", humanize(key));
        section(out, raw);
    }
}

/// A nested object (JSON text) as rows, or an array of flat objects as a table, keys in the
/// order written; deeper data is left to `--json`.
pub(crate) fn section(out: &mut String, raw: &str) {
    if let Some(object) = Ordered::parse(raw) {
        let entries: Vec<(String, String)> = object
            .entries()
            .map(|(k, v)| {
                let shown = match &v {
                    Value::Object(_) | Value::Array(_) => "(see --json)".to_string(),
                    other => who(&text(other)),
                };
                (humanize(k), shown)
            })
            .collect();
        rows(out, &entries);
        return;
    }
    let items: Vec<Ordered> = serde_json::from_str::<Vec<Box<RawValue>>>(raw)
        .ok()
        .map(|items| {
            items
                .iter()
                .filter_map(|i| Ordered::parse(i.get()))
                .collect()
        })
        .unwrap_or_default();
    // Columns: every key, in the order first seen.
    let mut columns: Vec<String> = Vec::new();
    for item in &items {
        for (k, _) in &item.0 {
            if !columns.contains(k) {
                columns.push(k.clone());
            }
        }
    }
    if columns.is_empty() {
        let _ = writeln!(out, "  (see --json)");
        return;
    }
    let cells: Vec<Vec<Option<Value>>> = items
        .iter()
        .map(|item| {
            let values: Vec<(&str, Value)> = item.entries().collect();
            columns
                .iter()
                .map(|c| values.iter().find(|(k, _)| k == c).map(|(_, v)| v.clone()))
                .collect()
        })
        .collect();
    let body: Vec<Vec<String>> = cells
        .iter()
        .map(|row| {
            row.iter()
                .map(|cell| match cell {
                    Some(Value::Object(_)) | Some(Value::Array(_)) => "...".to_string(),
                    Some(v) => text(v),
                    None => String::new(),
                })
                .collect()
        })
        .collect();
    let header: Vec<String> = columns.iter().map(|c| humanize(c)).collect();
    let header: Vec<&str> = header.iter().map(String::as_str).collect();
    let numeric = |v: &Option<Value>| match v {
        Some(Value::Number(_)) => true,
        Some(Value::String(s)) => {
            let digits = s.strip_prefix('-').unwrap_or(s);
            !digits.is_empty()
                && digits.chars().all(|ch| ch.is_ascii_digit() || ch == '.')
                && digits.chars().filter(|ch| *ch == '.').count() <= 1
        }
        _ => false,
    };
    let right: Vec<bool> = (0..columns.len())
        .map(|i| cells.iter().all(|row| numeric(&row[i])))
        .collect();
    table(out, &header, &body, &right);
}

fn missing_rules(out: &mut String, result: &Value) {
    let Some(missing) = result.get("missing_rules").and_then(Value::as_array) else {
        return;
    };
    if missing.is_empty() {
        return;
    }
    let _ = writeln!(out, "\nMissing rules (the result is incomplete)");
    for m in missing {
        let _ = writeln!(
            out,
            "  ! {} has no entry for {} (covers {}): {}",
            m.get("rule").map(text).unwrap_or_default(),
            m.get("date").map(text).unwrap_or_default(),
            m.get("covered").map(text).unwrap_or_default(),
            m.get("effect").map(text).unwrap_or_default()
        );
    }
    let _ = writeln!(
        out,
        "    Load the missing entries with --rules (`childsupport rules` prints the format)."
    );
}

/// The worksheet: every step, its value and its citation in the words of the law. A rules
/// entry's source that is not the official text leaves the line ("see Sources") for a list
/// under the table, as on the printout.
fn worksheet(out: &mut String, result: &Value) {
    let Some(steps) = result.get("worksheet").and_then(Value::as_array) else {
        return;
    };
    let mut sources: Vec<String> = Vec::new();
    let body: Vec<Vec<String>> = steps
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let key = s.get("key").map(text).unwrap_or_default();
            let label = s.get("label").map(text).unwrap_or_default();
            let law = childsupport::printout::catalogue_citation(&key, &label).unwrap_or("");
            let cited = childsupport::printout::split_citation(
                law,
                &s.get("citation").map(text).unwrap_or_default(),
            );
            if let Some((source, status)) = cited.source {
                let entry = format!("{label}: the figure {status}: {source}.");
                if !sources.contains(&entry) {
                    sources.push(entry);
                }
            }
            vec![
                (i + 1).to_string(),
                label,
                // A party's value is a machine word in the JSON (`parent_a`).
                who(&s.get("value").map(text).unwrap_or_default()),
                cited.line,
            ]
        })
        .collect();
    let _ = writeln!(out, "\nWorksheet");
    table(
        out,
        &["#", "Step", "Value", "Citation"],
        &body,
        &[true, false, true, false],
    );
    if !sources.is_empty() {
        let _ = writeln!(out, "\nSources");
        for s in sources {
            let _ = writeln!(out, "  {s}");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dollars_groups_thousands_and_keeps_digits() {
        assert_eq!(dollars("954.21"), "$954.21");
        assert_eq!(dollars("1500.00"), "$1,500.00");
        assert_eq!(dollars("-1234567.891"), "-$1,234,567.891");
        assert_eq!(dollars("100"), "$100");
        assert_eq!(dollars("n/a"), "n/a");
    }

    #[test]
    fn other_kinds_print_through_the_generic_path() {
        let response = r#"{"kind":"some_new_kind","result":{"total_due":"1234.56","months":7,
            "schedule":[{"month":"2025-01","payment":"200.00","balance":"1034.56"},
                        {"month":"2025-02","payment":"200.00","balance":"834.56"}],
            "terms":{"rate":"0.10","posting":"monthly"},
            "missing_rules":[],
            "worksheet":[{"key":"x.total","label":"Total due","value":"1234.56","citation":"Fam. Code §x"}]}}"#;
        let r = render(response).unwrap();
        assert!(r.starts_with("Some new kind\n============="), "{r}");
        assert!(r.contains("Total due  1234.56"), "{r}");
        assert!(r.contains("Months     7"), "{r}");
        assert!(r.contains("Schedule\n  Month    Payment  Balance"), "{r}");
        assert!(r.contains("2025-02   200.00   834.56"), "{r}");
        assert!(
            r.contains("Terms\n  Rate     0.10\n  Posting  monthly"),
            "{r}"
        );
        assert!(r.contains("1  Total due  1234.56  Fam. Code §x"), "{r}");
        assert!(!r.contains("Missing rules"));
    }

    #[test]
    fn a_generic_payer_gets_a_headline() {
        let response = r#"{"kind":"some_new_guideline","result":{"payer":"parent_b",
            "recipient":"parent_a","amount":"1500.00","worksheet":[]}}"#;
        let r = render(response).unwrap();
        assert!(r.contains("Parent B pays parent A $1,500.00."), "{r}");
    }

    #[test]
    fn percentages_move_the_point_only() {
        assert_eq!(percent_of_fraction("0.35"), "35%");
        assert_eq!(percent_of_fraction("0.275"), "27.5%");
        assert_eq!(percent_of_fraction("0.10"), "10%");
        assert_eq!(percent_of_fraction("0.0145"), "1.45%");
        assert_eq!(percent_of_fraction("1"), "100%");
        assert_eq!(percent_of_fraction("0"), "0%");
        assert_eq!(percent_of_fraction("-0.5"), "-50%");
        assert_eq!(percent_of_fraction("n/a"), "n/a");
        assert_eq!(percent("27.375"), "27.375%");
        assert_eq!(percent("22.50"), "22.5%");
        assert_eq!(percent("25"), "25%");
    }

    #[test]
    fn cents_add_exactly() {
        assert_eq!(Cents::parse("1200.00"), Some(Cents(120000)));
        assert_eq!(Cents::parse("-0.5"), Some(Cents(-50)));
        assert_eq!(Cents::parse("7"), Some(Cents(700)));
        assert_eq!(Cents::parse("1.234"), None);
        assert_eq!(Cents::parse("1e3"), None);
        assert_eq!(Cents::parse(""), None);
        assert_eq!(Cents(-5).to_string(), "-0.05");
        assert_eq!(Cents(123456).to_string(), "1234.56");
    }

    #[test]
    fn long_cells_wrap_and_groups_sit_over_their_columns() {
        assert_eq!(wrap("a bb ccc dddd", 6), "a bb\nccc\ndddd");
        assert_eq!(
            wrap("averyveryverylongword x", 4),
            "averyveryverylongword\nx"
        );
        assert_eq!(wrap("", 4), "");
        let mut out = String::new();
        grid(
            &mut out,
            &["A", "Bbbb", "C"],
            &[vec!["x".into(), "1\n2".into(), "yy".into()]],
            &[false, true, true],
            &[(1, 2, "g")],
        );
        // The group's label sits over its first column; numbers align right; a cell of two
        // lines makes its row two lines tall.
        assert_eq!(out, "       g:\n  A  Bbbb   C\n  x     1  yy\n        2\n");
    }
}
