//! Tables of cases: one row in, one row of key figures (or an error) out.
//!
//! The Python batch functions (Arrow tables) and the CLI's `batch` command (CSV, NDJSON) read
//! rows through this module, so every interface maps a row to an input the same way and every
//! row is checked exactly as a JSON request is: a row is deserialised into the kind's input type
//! (`CaliforniaInput`, `TexasInput`) straight from its cells, then computed by the lean engine
//! (no worksheet). A bad row is an [`Error`] for that row only.
//!
//! **Columns** are named by the field's path, as error messages name fields (module `layout`):
//! `.` between an object and its field, `[i]` for a list's `i`-th item (from 0), and a
//! `_cents` suffix for whole cents. A null cell is an absent field; an object or list item whose
//! cells are all null is absent (so `birth_dates[2]` may be null in rows with fewer children).
//! Columns named in `keep` are not read (the caller carries them to the output).
//!
//! **Cells** ([`Cell`]): text is read as the JSON interface reads a string (amounts in plain
//! decimal notation, dates `YYYY-MM-DD`, words), and a count or flag written as text
//! (`"2"`, `"true"`, as in CSV) is read as the number or flag; integers and exact decimals are
//! read exactly; a float is refused.
//!
//! **Figures** ([`Batch::figures`]): each kind's key figures, typed (money in whole cents), so
//! that Arrow, CSV and NDJSON writers need no knowledge of the results.

mod de;
mod layout;
#[cfg(test)]
mod tests;

use std::borrow::Cow;
use std::fmt;

use rust_decimal::Decimal;
use serde::de::DeserializeOwned;

use crate::date::Date;
use crate::error::Error;
use crate::guideline::california::{self, CaliforniaInput, CaliforniaResult, LowIncomeChoice};
use crate::guideline::texas::{self, TexasInput, TexasResult};
use crate::guideline::Parent;
use crate::money::Money;
use crate::rules::{MissingRule, Rules};

use de::NodeDe;
use layout::{Column, Node};

/// One cell of a row, as the table holds it.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell<'a> {
    /// No value: the field is absent.
    Null,
    /// Text: an amount in plain decimal notation, a date, a word, or a count or flag as text.
    Text(&'a str),
    /// An integer (a count, or whole cents in a `_cents` column).
    Int(i64),
    /// An exact decimal (an amount, a fraction).
    Decimal(Decimal),
    /// A calendar date.
    Date(Date),
    /// A flag.
    Bool(bool),
    /// A value the table holds in a form that cannot be read exactly (a float, a timestamp
    /// with a time of day): `what` it was and what is `allowed`.
    Refused {
        /// The value and its type, as text.
        what: String,
        /// What is allowed instead.
        allowed: &'static str,
    },
}

impl fmt::Display for Cell<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Cell::Null => Ok(()),
            Cell::Text(t) => f.write_str(t),
            Cell::Int(i) => write!(f, "{i}"),
            Cell::Decimal(d) => write!(f, "{d}"),
            Cell::Date(d) => write!(f, "{d}"),
            Cell::Bool(b) => write!(f, "{b}"),
            Cell::Refused { what, .. } => f.write_str(what),
        }
    }
}

/// A row of a table: its cells by column index (the order of the names given to
/// [`Batch::new`]).
pub trait Row {
    /// The cell in `column`.
    fn cell(&self, column: usize) -> Cell<'_>;
}

impl Row for [Cell<'_>] {
    fn cell(&self, column: usize) -> Cell<'_> {
        self.get(column).cloned().unwrap_or(Cell::Null)
    }
}

/// The kinds a table of cases can hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `california_guideline`: Fam. Code §4055 from net incomes.
    CaliforniaGuideline,
    /// `texas_guideline`: Tex. Fam. Code ch. 154, from net resources (`obligor.net_resources`)
    /// or from gross income items (`obligor.incomes[0].amount`, ...).
    TexasGuideline,
}

impl Kind {
    /// The kinds, by their request names.
    pub const ALL: [(&'static str, Kind); 2] = [
        ("california_guideline", Kind::CaliforniaGuideline),
        ("texas_guideline", Kind::TexasGuideline),
    ];

    /// The kind named `name` (a request kind), or a `request` error listing the kinds.
    pub fn from_name(name: &str) -> Result<Kind, Error> {
        Kind::ALL
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, k)| *k)
            .ok_or_else(|| Error::Request {
                message: format!(
                    "unknown batch kind {name:?}; the kinds are {}",
                    Kind::ALL.map(|(n, _)| n).join(", ")
                ),
            })
    }

    /// The request name (`california_guideline`).
    pub fn name(self) -> &'static str {
        match self {
            Kind::CaliforniaGuideline => "california_guideline",
            Kind::TexasGuideline => "texas_guideline",
        }
    }

    /// The key figures a row of this kind gives, in output order.
    pub fn figures(self) -> &'static [FigureDef] {
        match self {
            Kind::CaliforniaGuideline => CALIFORNIA_FIGURES,
            Kind::TexasGuideline => TEXAS_FIGURES,
        }
    }
}

/// The type of a key figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FigureType {
    /// An amount of money, whole cents.
    Money,
    /// A word or text.
    Text,
    /// A whole number.
    Int,
    /// A flag.
    Bool,
}

/// A key figure's column: its name, type and meaning.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FigureDef {
    /// The output column's name.
    pub name: &'static str,
    /// Its type.
    pub ty: FigureType,
    /// What it holds.
    pub doc: &'static str,
}

/// One key figure of a row (null where the result has none: no payer when the amount is zero).
#[derive(Debug, Clone, PartialEq)]
pub enum Figure {
    /// No value.
    Null,
    /// An amount.
    Money(Money),
    /// A word or text.
    Text(Cow<'static, str>),
    /// A whole number.
    Int(i64),
    /// A flag.
    Bool(bool),
}

const fn fig(name: &'static str, ty: FigureType, doc: &'static str) -> FigureDef {
    FigureDef { name, ty, doc }
}

const CALIFORNIA_FIGURES: &[FigureDef] = &[
    fig("payer", FigureType::Text, "parent_a or parent_b; null when the amount is zero"),
    fig("amount", FigureType::Money, "the monthly support: the guideline amount, or the low-income amount applied"),
    fig("unadjusted_amount", FigureType::Money, "the guideline amount before any low-income adjustment"),
    fig("high_earner", FigureType::Text, "parent_a or parent_b (parent_a when the incomes are equal)"),
    fig("band", FigureType::Int, "the K-table band (1-based)"),
    fig("low_income_applied", FigureType::Text, "presumptive, none or amount when the obligor qualifies for the §4055(b)(7) adjustment; null otherwise"),
    fig("low_income_lowest_amount", FigureType::Money, "the lowest amount of the §4055(b)(7) range, when the obligor qualifies"),
    fig("add_ons_parent_a", FigureType::Money, "parent A's total of the §4061 add-ons, when any are given"),
    fig("add_ons_parent_b", FigureType::Money, "parent B's total of the §4061 add-ons, when any are given"),
    fig("hardship_cap_per_child", FigureType::Money, "the §4071(b) cap on a hardship deduction per other child"),
    fig("law", FigureType::Text, "the K table used (sb343, former)"),
    fig("missing_rules", FigureType::Text, "rules missing for the date (comma-separated series), null when none"),
];

const TEXAS_FIGURES: &[FigureDef] = &[
    fig(
        "net_resources",
        FigureType::Money,
        "the obligor's monthly net resources (§154.062)",
    ),
    fig(
        "net_resources_method",
        FigureType::Text,
        "given, tax_chart or minimum_wage_presumption",
    ),
    fig(
        "amount",
        FigureType::Money,
        "the guideline (presumptive) amount per month",
    ),
    fig(
        "total_child_support",
        FigureType::Money,
        "child support per month: the guideline amount or the §154.126 total",
    ),
    fig(
        "total_monthly",
        FigureType::Money,
        "child support plus medical and dental support, per month",
    ),
    fig(
        "method",
        FigureType::Text,
        "single_household, formula_154_128 or table_154_129",
    ),
    fig("schedule", FigureType::Text, "standard or low_income"),
    fig(
        "above_cap",
        FigureType::Bool,
        "whether net resources exceed the cap",
    ),
    fig(
        "is_floor",
        FigureType::Bool,
        "whether the amount is a floor (6 or more children)",
    ),
    fig(
        "flags",
        FigureType::Text,
        "conditions to act on (comma-separated), null when none",
    ),
    fig(
        "missing_rules",
        FigureType::Text,
        "rules missing for the date (comma-separated series), null when none",
    ),
];

/// A table's columns read for one kind: built once per table, then used for every row (from
/// any number of threads: it is `Sync`).
#[derive(Debug, Clone)]
pub struct Batch<'r> {
    kind: Kind,
    rules: &'r Rules,
    root: Node,
    columns: Vec<Option<Column>>,
}

impl<'r> Batch<'r> {
    /// Reads the column names of a table of `kind` (the flattening rule in the module's
    /// documentation); columns named in `keep` are not read. A malformed name, or two columns
    /// for one field, is an `invalid_input` error on the field `columns`.
    pub fn new(rules: &'r Rules, kind: Kind, names: &[&str], keep: &[&str]) -> Result<Self, Error> {
        let (root, columns) = layout::build(names, keep)?;
        Ok(Batch {
            kind,
            rules,
            root,
            columns,
        })
    }

    /// The kind of the table.
    pub fn kind(&self) -> Kind {
        self.kind
    }

    /// The key figures a row gives, in output order.
    pub fn figures(&self) -> &'static [FigureDef] {
        self.kind.figures()
    }

    /// Computes one row: its key figures in `out` (cleared first, one per
    /// [`figures`](Batch::figures)), or the row's error.
    pub fn compute<R: Row + ?Sized>(&self, row: &R, out: &mut Vec<Figure>) -> Result<(), Error> {
        out.clear();
        match self.kind {
            Kind::CaliforniaGuideline => {
                let input: CaliforniaInput = self.read(row)?;
                california_figures(&california::compute_lean(self.rules, &input)?, out);
            }
            Kind::TexasGuideline => {
                let input: TexasInput = self.read(row)?;
                texas_figures(&texas::compute_lean(self.rules, &input)?, out);
            }
        }
        Ok(())
    }

    fn read<T: DeserializeOwned, R: Row + ?Sized>(&self, row: &R) -> Result<T, Error> {
        let de = NodeDe {
            node: &self.root,
            columns: &self.columns,
            row,
        };
        // Rows are mostly good: read without tracking the path, and again with it for an error.
        if let Ok(input) = T::deserialize(de) {
            return Ok(input);
        }
        serde_path_to_error::deserialize(de).map_err(|e| {
            let field = field_path(e.path());
            let value = self
                .columns
                .iter()
                .position(|c| c.as_ref().is_some_and(|c| c.path == field))
                .map(|i| row.cell(i).to_string())
                .unwrap_or_default();
            crate::api::field_error(field, value, &e.into_inner().to_string(), false)
        })
    }
}

/// Computes one JSON input of `kind` (the `input` of a request, as the JSON interface takes
/// it): its key figures in `out`, or its error (field paths as the JSON interface names them).
pub fn compute_json(
    rules: &Rules,
    kind: Kind,
    input: &serde_json::value::RawValue,
    out: &mut Vec<Figure>,
) -> Result<(), Error> {
    out.clear();
    match kind {
        Kind::CaliforniaGuideline => {
            let input: CaliforniaInput = crate::api::parse(input)?;
            california_figures(&california::compute_lean(rules, &input)?, out);
        }
        Kind::TexasGuideline => {
            let input: TexasInput = crate::api::parse(input)?;
            texas_figures(&texas::compute_lean(rules, &input)?, out);
        }
    }
    Ok(())
}

/// A deserialiser's path as the JSON interface writes field paths (`add_ons[0].amount`).
fn field_path(path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    let mut field = String::new();
    for segment in path {
        match segment {
            Segment::Seq { index } => field.push_str(&format!("[{index}]")),
            Segment::Map { key } | Segment::Enum { variant: key } => {
                if !field.is_empty() {
                    field.push('.');
                }
                field.push_str(key);
            }
            Segment::Unknown => {}
        }
    }
    field
}

fn parent(p: Parent) -> Figure {
    Figure::Text(Cow::Borrowed(match p {
        Parent::A => "parent_a",
        Parent::B => "parent_b",
    }))
}

fn money(m: Option<Money>) -> Figure {
    m.map_or(Figure::Null, Figure::Money)
}

fn word<T: serde::Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}

fn joined<I: Iterator<Item = String>>(mut items: I) -> Figure {
    match items.next() {
        None => Figure::Null,
        Some(first) => Figure::Text(Cow::Owned(items.fold(first, |acc, s| acc + "," + &s))),
    }
}

fn missing(rules: &[MissingRule]) -> Figure {
    joined(rules.iter().map(|m| m.rule.clone()))
}

fn california_figures(r: &CaliforniaResult, out: &mut Vec<Figure>) {
    let low = r.low_income_adjustment.as_ref();
    out.extend([
        r.payer.map_or(Figure::Null, parent),
        Figure::Money(r.amount),
        Figure::Money(r.unadjusted_amount),
        parent(r.high_earner),
        Figure::Int(i64::from(r.band)),
        low.map_or(Figure::Null, |l| {
            Figure::Text(Cow::Borrowed(match l.applied {
                LowIncomeChoice::Presumptive => "presumptive",
                LowIncomeChoice::NotApplied => "none",
                LowIncomeChoice::Amount(_) => "amount",
            }))
        }),
        money(low.map(|l| l.lowest_amount)),
        money(r.add_ons.as_ref().map(|a| a.parent_a_total)),
        money(r.add_ons.as_ref().map(|a| a.parent_b_total)),
        Figure::Money(r.hardship_cap_per_child),
        Figure::Text(Cow::Owned(r.law.to_string())),
        missing(&r.missing_rules),
    ]);
}

fn texas_figures(r: &TexasResult, out: &mut Vec<Figure>) {
    out.extend([
        Figure::Money(r.net_resources.net_resources),
        Figure::Text(Cow::Owned(word(&r.net_resources.method))),
        Figure::Money(r.amount),
        Figure::Money(r.total_child_support),
        Figure::Money(r.total_monthly),
        Figure::Text(Cow::Owned(word(&r.method))),
        Figure::Text(r.schedule.clone()),
        Figure::Bool(r.above_cap),
        Figure::Bool(r.is_floor),
        joined(r.flags.iter().map(word)),
        missing(&r.missing_rules),
    ]);
}
