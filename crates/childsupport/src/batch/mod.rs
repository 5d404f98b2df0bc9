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
mod figures;
mod layout;
#[cfg(test)]
mod tests;

use std::borrow::Cow;
use std::fmt;

use rust_decimal::Decimal;
use serde::de::DeserializeOwned;

use crate::date::Date;
use crate::error::Error;
use crate::guideline::california::{self, CaliforniaInput};
use crate::guideline::california_income::{self, CaliforniaFromGrossInput};
use crate::guideline::texas::{self, net_resources, TexasInput};
use crate::money::Money;
use crate::rules::Rules;
use crate::{allocation, api, arrears, distribution};

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

/// The kinds a table of cases can hold: every request kind that computes from one input (the
/// open ledger's `arrears_ledger_post` and `collection_post`, which carry a ledger's state from
/// call to call, and `iv_d_distribution_day`, a day over many cases, are not row kinds).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Kind {
    /// `california_guideline`: Fam. Code §4055 from net incomes.
    CaliforniaGuideline,
    /// `california_guideline_from_gross`: §§4058-4059 net disposable income from gross, then
    /// §4055.
    CaliforniaGuidelineFromGross,
    /// `texas_guideline`: Tex. Fam. Code ch. 154, from net resources (`obligor.net_resources`)
    /// or from gross income items (`obligor.incomes[0].amount`, ...).
    TexasGuideline,
    /// `texas_net_resources`: Tex. Fam. Code §154.062 net resources of one party.
    TexasNetResources,
    /// `arrears_ledger`: an arrears ledger's totals as of its date (the lean ledger).
    ArrearsLedger,
    /// `arrears_payoff`: a payoff projection.
    ArrearsPayoff,
    /// `texas_withholding`: Tex. Fam. Code §158.003 additional withholding for arrears.
    TexasWithholding,
    /// `iv_d_enforcement_thresholds`: passport denial and tax refund offset thresholds.
    IvDEnforcementThresholds,
    /// `collection_allocation`: one collection across an obligor's cases (45 CFR 303.100).
    CollectionAllocation,
    /// `withholding_amounts`: income withholding for a pay period (15 U.S.C. 1673).
    WithholdingAmounts,
    /// `withholding_order_arrears`: the arrears amount a withholding order may ask for.
    WithholdingOrderArrears,
    /// `iv_d_distribution`: one case's collections distributed (42 U.S.C. 657).
    IvDDistribution,
}

impl Kind {
    /// The kinds, by their request names.
    pub const ALL: [(&'static str, Kind); 12] = [
        ("california_guideline", Kind::CaliforniaGuideline),
        (
            "california_guideline_from_gross",
            Kind::CaliforniaGuidelineFromGross,
        ),
        ("texas_guideline", Kind::TexasGuideline),
        ("texas_net_resources", Kind::TexasNetResources),
        ("arrears_ledger", Kind::ArrearsLedger),
        ("arrears_payoff", Kind::ArrearsPayoff),
        ("texas_withholding", Kind::TexasWithholding),
        (
            "iv_d_enforcement_thresholds",
            Kind::IvDEnforcementThresholds,
        ),
        ("collection_allocation", Kind::CollectionAllocation),
        ("withholding_amounts", Kind::WithholdingAmounts),
        ("withholding_order_arrears", Kind::WithholdingOrderArrears),
        ("iv_d_distribution", Kind::IvDDistribution),
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
        Kind::ALL
            .iter()
            .find(|(_, k)| *k == self)
            .map_or("", |(n, _)| n)
    }

    /// The key figures a row of this kind gives, in output order.
    pub fn figures(self) -> &'static [FigureDef] {
        match self {
            Kind::CaliforniaGuideline => figures::CALIFORNIA,
            Kind::CaliforniaGuidelineFromGross => &figures::CALIFORNIA_FROM_GROSS,
            Kind::TexasGuideline => figures::TEXAS,
            Kind::TexasNetResources => figures::TEXAS_NET_RESOURCES,
            Kind::ArrearsLedger => figures::ARREARS_LEDGER,
            Kind::ArrearsPayoff => figures::ARREARS_PAYOFF,
            Kind::TexasWithholding => figures::TEXAS_WITHHOLDING,
            Kind::IvDEnforcementThresholds => figures::ENFORCEMENT_THRESHOLDS,
            Kind::CollectionAllocation => figures::COLLECTION_ALLOCATION,
            Kind::WithholdingAmounts => figures::WITHHOLDING_AMOUNTS,
            Kind::WithholdingOrderArrears => figures::WITHHOLDING_ORDER_ARREARS,
            Kind::IvDDistribution => figures::IV_D_DISTRIBUTION,
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
    /// A calendar date.
    Date,
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
    /// A calendar date.
    Date(Date),
}

/// A table's columns read for one kind: built once per table, then used for every row (from
/// any number of threads: it is `Sync`).
#[derive(Debug, Clone)]
pub struct Batch<'r> {
    kind: Kind,
    rules: &'r Rules,
    root: Node,
    columns: Vec<Option<Column>>,
    /// The column that holds each row's whole input as JSON text, when the table is one
    /// (`input`).
    json: Option<usize>,
}

/// The name of the one column of a table whose rows are JSON inputs.
pub const JSON_COLUMN: &str = "input";

impl<'r> Batch<'r> {
    /// Reads the column names of a table of `kind` (the flattening rule in the module's
    /// documentation); columns named in `keep` are not read. A malformed name, or two columns
    /// for one field, is an `invalid_input` error on the field `columns`.
    ///
    /// A table whose only column read is [`JSON_COLUMN`] (`input`) holds in each row the
    /// kind's whole input as JSON text, nested as the JSON interface takes it: the form for
    /// inputs with lists of any length (an arrears ledger's orders and payments).
    pub fn new(rules: &'r Rules, kind: Kind, names: &[&str], keep: &[&str]) -> Result<Self, Error> {
        let read: Vec<usize> = (0..names.len())
            .filter(|&i| !keep.contains(&names[i]))
            .collect();
        let json = match read.as_slice() {
            [only] if names[*only] == JSON_COLUMN => Some(*only),
            _ => None,
        };
        let (root, columns) = if json.is_some() {
            (Node::Map(Vec::new()), vec![None; names.len()])
        } else {
            layout::build(names, keep)?
        };
        Ok(Batch {
            kind,
            rules,
            root,
            columns,
            json,
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
        if let Some(column) = self.json {
            return match row.cell(column) {
                Cell::Text(text) => {
                    let raw: &serde_json::value::RawValue =
                        serde_json::from_str(text).map_err(|e| {
                            Error::invalid(
                                JSON_COLUMN,
                                shorten(text),
                                format!("the kind's input as JSON text ({e})"),
                            )
                        })?;
                    compute_json(self.rules, self.kind, raw, out)
                }
                Cell::Null => Err(Error::invalid(
                    JSON_COLUMN,
                    "",
                    "the kind's input as JSON text (the cell is empty)",
                )),
                other => Err(Error::invalid(
                    JSON_COLUMN,
                    other.to_string(),
                    "the kind's input as JSON text",
                )),
            };
        }
        dispatch(self.rules, self.kind, &Cells { batch: self, row }, out)
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

/// The start of a long text, for an error message.
fn shorten(text: &str) -> String {
    match text.char_indices().nth(60) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_string(),
    }
}

/// Where a row's input comes from: its cells, or a JSON text.
trait Source {
    fn input<T: DeserializeOwned>(&self) -> Result<T, Error>;
}

struct Cells<'b, 'r, R: Row + ?Sized> {
    batch: &'b Batch<'r>,
    row: &'b R,
}

impl<R: Row + ?Sized> Source for Cells<'_, '_, R> {
    fn input<T: DeserializeOwned>(&self) -> Result<T, Error> {
        self.batch.read(self.row)
    }
}

struct Json<'a>(&'a serde_json::value::RawValue);

impl Source for Json<'_> {
    fn input<T: DeserializeOwned>(&self) -> Result<T, Error> {
        api::parse(self.0)
    }
}

/// Reads one input of `kind` from `source`, computes it with the lean engine where there is
/// one, and writes its figures.
fn dispatch<S: Source>(
    rules: &Rules,
    kind: Kind,
    source: &S,
    out: &mut Vec<Figure>,
) -> Result<(), Error> {
    match kind {
        Kind::CaliforniaGuideline => {
            let input: CaliforniaInput = source.input()?;
            figures::california(&california::compute_lean(rules, &input)?, out);
        }
        Kind::CaliforniaGuidelineFromGross => {
            let input: CaliforniaFromGrossInput = source.input()?;
            figures::california_from_gross(&california_income::compute_lean(rules, &input)?, out)?;
        }
        Kind::TexasGuideline => {
            let input: TexasInput = source.input()?;
            figures::texas(&texas::compute_lean(rules, &input)?, out);
        }
        Kind::TexasNetResources => {
            let input: api::TexasNetResourcesInput = source.input()?;
            let nr = net_resources::compute(rules, input.calculation_date, &input.resources)
                .map_err(|e| e.within("resources"))?;
            figures::texas_net_resources(&nr, out);
        }
        Kind::ArrearsLedger => {
            let input: arrears::LedgerInput = source.input()?;
            figures::arrears_ledger(&arrears::compute_totals(rules, &input)?, out);
        }
        Kind::ArrearsPayoff => {
            let input: arrears::PayoffInput = source.input()?;
            figures::arrears_payoff(&arrears::compute_payoff(rules, &input)?, out);
        }
        Kind::TexasWithholding => {
            let input: arrears::WithholdingInput = source.input()?;
            figures::texas_withholding(&arrears::texas_withholding(rules, &input)?, out);
        }
        Kind::IvDEnforcementThresholds => {
            let input: distribution::ThresholdInput = source.input()?;
            figures::enforcement_thresholds(
                &distribution::enforcement_thresholds(rules, &input)?,
                out,
            );
        }
        Kind::CollectionAllocation => {
            let input: allocation::CollectionInput = source.input()?;
            figures::collection_allocation(&allocation::allocate(rules, &input)?, out);
        }
        Kind::WithholdingAmounts => {
            let input: allocation::withholding::WithholdingInput = source.input()?;
            let result = allocation::withholding::withholding_amounts(rules, &input)?;
            figures::withholding_amounts(&result, out);
        }
        Kind::WithholdingOrderArrears => {
            let input: allocation::order::OrderArrearsInput = source.input()?;
            let result = allocation::order::order_arrears(rules, &input)?;
            figures::withholding_order_arrears(&result, out);
        }
        Kind::IvDDistribution => {
            let input: distribution::DistributionInput = source.input()?;
            let result = distribution::distribute_events(rules, &input)?;
            figures::iv_d_distribution(&result, out);
        }
    }
    Ok(())
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
    dispatch(rules, kind, &Json(input), out)
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
