//! Arrow tables of cases in, Arrow tables of key figures out (`childsupport.batch`).
//!
//! The table arrives through the Arrow C stream interface (pyo3-arrow reads anything with
//! `__arrow_c_stream__` or `__arrow_c_array__`), is read batch by batch without copying, and
//! each batch is cut into chunks computed on all cores (rayon) without the GIL. Rows are mapped
//! to inputs and figures by the core crate ([`childsupport::batch`]); this module only reads
//! Arrow cells and writes Arrow columns.

use std::sync::Arc;

use arrow_array::builder::{
    BooleanBuilder, Date32Builder, Decimal128Builder, Int64Builder, StringBuilder,
};
use arrow_array::cast::AsArray;
use arrow_array::types::{
    Date32Type, Date64Type, Decimal128Type, Int16Type, Int32Type, Int64Type, Int8Type,
    TimestampMicrosecondType, TimestampMillisecondType, TimestampNanosecondType,
    TimestampSecondType, UInt16Type, UInt32Type, UInt64Type, UInt8Type,
};
use arrow_array::{Array, ArrayRef, RecordBatch};
use arrow_schema::{DataType, Field, Schema, SchemaRef, TimeUnit};
use childsupport::batch::{Batch, Cell, Figure, FigureType, Kind, Row};
use childsupport::{Date, Decimal, Error};
use rayon::prelude::*;

/// Rows computed together by one thread: large enough to amortise scheduling, small enough to
/// spread a chunk over both cores.
const PART_ROWS: usize = 2048;

/// The precision of money columns: `decimal128(20, 2)` holds every amount the library computes.
const MONEY_PRECISION: u8 = 20;

/// A column, typed once per chunk.
enum Col<'a> {
    Skip,
    I64(&'a arrow_array::PrimitiveArray<Int64Type>),
    I32(&'a arrow_array::PrimitiveArray<Int32Type>),
    I16(&'a arrow_array::PrimitiveArray<Int16Type>),
    I8(&'a arrow_array::PrimitiveArray<Int8Type>),
    U64(&'a arrow_array::PrimitiveArray<UInt64Type>),
    U32(&'a arrow_array::PrimitiveArray<UInt32Type>),
    U16(&'a arrow_array::PrimitiveArray<UInt16Type>),
    U8(&'a arrow_array::PrimitiveArray<UInt8Type>),
    Decimal(&'a arrow_array::PrimitiveArray<Decimal128Type>, i8),
    Utf8(&'a arrow_array::StringArray),
    LargeUtf8(&'a arrow_array::LargeStringArray),
    Utf8View(&'a arrow_array::StringViewArray),
    Date32(&'a arrow_array::PrimitiveArray<Date32Type>),
    Date64(&'a arrow_array::PrimitiveArray<Date64Type>),
    /// Timestamps as integers of `per_day` units a day.
    Timestamp(&'a dyn Array, Vec<i64>, i64),
    Bool(&'a arrow_array::BooleanArray),
    Dict(Vec<usize>, &'a dyn Array, Box<Col<'a>>),
    Null,
    /// A type that cannot be read exactly (floats) or at all: refused in every non-null cell.
    Refused(&'a dyn Array, &'static str, String),
}

const FLOAT_ALLOWED: &str = "an exact value: money as decimal128, a string, or whole cents as an integer in a column named ..._cents; counts as integers (cast the column; a float cannot hold most cent amounts exactly)";
const TYPE_ALLOWED: &str =
    "a column of integers, decimal128, strings, booleans, date32, date64 or timestamps";
const TIME_ALLOWED: &str =
    "a date: a timestamp at midnight (no time of day), a date32, or a string YYYY-MM-DD";

fn col(array: &dyn Array) -> Col<'_> {
    match array.data_type() {
        DataType::Int64 => Col::I64(array.as_primitive()),
        DataType::Int32 => Col::I32(array.as_primitive()),
        DataType::Int16 => Col::I16(array.as_primitive()),
        DataType::Int8 => Col::I8(array.as_primitive()),
        DataType::UInt64 => Col::U64(array.as_primitive()),
        DataType::UInt32 => Col::U32(array.as_primitive()),
        DataType::UInt16 => Col::U16(array.as_primitive()),
        DataType::UInt8 => Col::U8(array.as_primitive()),
        DataType::Decimal128(_, scale) => Col::Decimal(array.as_primitive(), *scale),
        DataType::Utf8 => Col::Utf8(array.as_string()),
        DataType::LargeUtf8 => Col::LargeUtf8(array.as_string()),
        DataType::Utf8View => Col::Utf8View(array.as_string_view()),
        DataType::Date32 => Col::Date32(array.as_primitive()),
        DataType::Date64 => Col::Date64(array.as_primitive()),
        DataType::Timestamp(unit, _) => {
            let (values, per_day): (Vec<i64>, i64) = match unit {
                TimeUnit::Second => (
                    array
                        .as_primitive::<TimestampSecondType>()
                        .values()
                        .to_vec(),
                    86_400,
                ),
                TimeUnit::Millisecond => (
                    array
                        .as_primitive::<TimestampMillisecondType>()
                        .values()
                        .to_vec(),
                    86_400_000,
                ),
                TimeUnit::Microsecond => (
                    array
                        .as_primitive::<TimestampMicrosecondType>()
                        .values()
                        .to_vec(),
                    86_400_000_000,
                ),
                TimeUnit::Nanosecond => (
                    array
                        .as_primitive::<TimestampNanosecondType>()
                        .values()
                        .to_vec(),
                    86_400_000_000_000,
                ),
            };
            Col::Timestamp(array, values, per_day)
        }
        DataType::Boolean => Col::Bool(array.as_boolean()),
        DataType::Null => Col::Null,
        DataType::Dictionary(_, _) => match array.as_any_dictionary_opt() {
            Some(dict) => Col::Dict(dict.normalized_keys(), array, Box::new(col(dict.values()))),
            None => Col::Refused(array, TYPE_ALLOWED, array.data_type().to_string()),
        },
        DataType::Float16 | DataType::Float32 | DataType::Float64 => {
            Col::Refused(array, FLOAT_ALLOWED, array.data_type().to_string())
        }
        other => Col::Refused(array, TYPE_ALLOWED, other.to_string()),
    }
}

fn int<T: arrow_array::ArrowPrimitiveType>(
    a: &arrow_array::PrimitiveArray<T>,
    i: usize,
    to: impl Fn(T::Native) -> Option<i64>,
) -> Cell<'_>
where
    T::Native: std::fmt::Display,
{
    if a.is_null(i) {
        return Cell::Null;
    }
    let v = a.value(i);
    to(v).map_or_else(
        || Cell::Refused {
            what: format!("{v} (beyond a 64-bit integer)"),
            allowed: "a whole number below 2^63",
        },
        Cell::Int,
    )
}

fn date(days: i64) -> Cell<'static> {
    match Date::from_days(days) {
        Ok(d) => Cell::Date(d),
        Err(_) => Cell::Refused {
            what: format!("{days} days from 1970-01-01"),
            allowed: "a date the library covers",
        },
    }
}

impl Col<'_> {
    fn cell(&self, i: usize) -> Cell<'_> {
        match self {
            Col::Skip | Col::Null => Cell::Null,
            Col::I64(a) => int(a, i, Some),
            Col::I32(a) => int(a, i, |v| Some(i64::from(v))),
            Col::I16(a) => int(a, i, |v| Some(i64::from(v))),
            Col::I8(a) => int(a, i, |v| Some(i64::from(v))),
            Col::U64(a) => int(a, i, |v| i64::try_from(v).ok()),
            Col::U32(a) => int(a, i, |v| Some(i64::from(v))),
            Col::U16(a) => int(a, i, |v| Some(i64::from(v))),
            Col::U8(a) => int(a, i, |v| Some(i64::from(v))),
            Col::Decimal(a, scale) => {
                if a.is_null(i) {
                    return Cell::Null;
                }
                let v = a.value(i);
                let exact = u32::try_from(*scale)
                    .ok()
                    .and_then(|s| Decimal::try_from_i128_with_scale(v, s).ok());
                exact.map_or_else(
                    || Cell::Refused {
                        what: format!("{v}e-{scale} (a decimal128 beyond 28 digits)"),
                        allowed: "an exact decimal of at most 28 significant digits and 28 places",
                    },
                    Cell::Decimal,
                )
            }
            Col::Utf8(a) => text(a.is_null(i), || a.value(i)),
            Col::LargeUtf8(a) => text(a.is_null(i), || a.value(i)),
            Col::Utf8View(a) => text(a.is_null(i), || a.value(i)),
            Col::Date32(a) => {
                if a.is_null(i) {
                    Cell::Null
                } else {
                    date(i64::from(a.value(i)))
                }
            }
            Col::Date64(a) => {
                if a.is_null(i) {
                    Cell::Null
                } else {
                    midnight(a.value(i), 86_400_000)
                }
            }
            Col::Timestamp(a, values, per_day) => {
                if a.is_null(i) {
                    Cell::Null
                } else {
                    midnight(values[i], *per_day)
                }
            }
            Col::Bool(a) => {
                if a.is_null(i) {
                    Cell::Null
                } else {
                    Cell::Bool(a.value(i))
                }
            }
            Col::Dict(keys, array, values) => {
                if array.is_null(i) {
                    Cell::Null
                } else {
                    values.cell(keys[i])
                }
            }
            Col::Refused(array, allowed, ty) => {
                if array.is_null(i) {
                    Cell::Null
                } else {
                    Cell::Refused {
                        what: format!("a value of type {ty}"),
                        allowed,
                    }
                }
            }
        }
    }
}

fn text<'a>(null: bool, value: impl FnOnce() -> &'a str) -> Cell<'a> {
    if null {
        Cell::Null
    } else {
        Cell::Text(value())
    }
}

fn midnight(value: i64, per_day: i64) -> Cell<'static> {
    if value.rem_euclid(per_day) == 0 {
        date(value.div_euclid(per_day))
    } else {
        Cell::Refused {
            what: format!("a timestamp with a time of day ({value} units of 1/{per_day} day)"),
            allowed: TIME_ALLOWED,
        }
    }
}

struct ArrowRow<'a> {
    cols: &'a [Col<'a>],
    i: usize,
}

impl Row for ArrowRow<'_> {
    fn cell(&self, column: usize) -> Cell<'_> {
        self.cols.get(column).map_or(Cell::Null, |c| c.cell(self.i))
    }
}

/// One part's results: `figures` row after row (one per figure definition), and each row's
/// error.
struct Part {
    figures: Vec<Figure>,
    errors: Vec<Option<Error>>,
}

/// The output schema: the kept columns, the kind's figures, and the three error columns.
pub fn output_schema(kind: Kind, input: &Schema, keep: &[String]) -> SchemaRef {
    let mut fields: Vec<Field> = keep
        .iter()
        .filter_map(|k| input.field_with_name(k).ok().cloned())
        .collect();
    for f in kind.figures() {
        let ty = match f.ty {
            FigureType::Money => DataType::Decimal128(MONEY_PRECISION, 2),
            FigureType::Text => DataType::Utf8,
            FigureType::Int => DataType::Int64,
            FigureType::Bool => DataType::Boolean,
            FigureType::Date => DataType::Date32,
        };
        fields.push(Field::new(f.name, ty, true));
    }
    for name in ["error_code", "error_field", "error_message"] {
        fields.push(Field::new(name, DataType::Utf8, true));
    }
    Arc::new(Schema::new(fields))
}

/// Computes one record batch (a chunk of the input) on all cores; the output batch has the
/// rows in input order.
pub fn compute_chunk(
    plan: &Batch<'_>,
    chunk: &RecordBatch,
    keep: &[String],
    schema: &SchemaRef,
) -> Result<RecordBatch, arrow_schema::ArrowError> {
    let input_schema = chunk.schema();
    let cols: Vec<Col<'_>> = input_schema
        .fields()
        .iter()
        .zip(chunk.columns())
        .map(|(f, a)| {
            if keep.iter().any(|k| k == f.name()) {
                Col::Skip
            } else {
                col(a.as_ref())
            }
        })
        .collect();
    let rows = chunk.num_rows();
    let starts: Vec<usize> = (0..rows).step_by(PART_ROWS).collect();
    let parts: Vec<Part> = starts
        .into_par_iter()
        .map(|start| {
            let end = (start + PART_ROWS).min(rows);
            let mut part = Part {
                figures: Vec::with_capacity((end - start) * plan.figures().len()),
                errors: Vec::with_capacity(end - start),
            };
            let mut out = Vec::with_capacity(plan.figures().len());
            for i in start..end {
                match plan.compute(&ArrowRow { cols: &cols, i }, &mut out) {
                    Ok(()) => {
                        part.figures.append(&mut out);
                        part.errors.push(None);
                    }
                    Err(e) => {
                        part.figures
                            .extend(std::iter::repeat_n(Figure::Null, plan.figures().len()));
                        part.errors.push(Some(e));
                    }
                }
            }
            part
        })
        .collect();
    let mut columns: Vec<ArrayRef> = keep
        .iter()
        .filter_map(|k| chunk.column_by_name(k).cloned())
        .collect();
    let defs = plan.figures();
    for (at, def) in defs.iter().enumerate() {
        let cells = parts
            .iter()
            .flat_map(|p| p.figures.iter().skip(at).step_by(defs.len()));
        columns.push(figure_column(def.ty, cells, rows)?);
    }
    let errors = || parts.iter().flat_map(|p| p.errors.iter());
    let mut code = StringBuilder::new();
    let mut field = StringBuilder::new();
    let mut message = StringBuilder::new();
    for e in errors() {
        code.append_option(e.as_ref().map(|e| e.code().as_str()));
        field.append_option(e.as_ref().and_then(Error::field));
        message.append_option(e.as_ref().map(Error::to_string));
    }
    columns.push(Arc::new(code.finish()));
    columns.push(Arc::new(field.finish()));
    columns.push(Arc::new(message.finish()));
    RecordBatch::try_new(schema.clone(), columns)
}

fn figure_column<'f>(
    ty: FigureType,
    cells: impl Iterator<Item = &'f Figure>,
    rows: usize,
) -> Result<ArrayRef, arrow_schema::ArrowError> {
    match ty {
        FigureType::Money => {
            let mut b = Decimal128Builder::with_capacity(rows);
            for c in cells {
                b.append_option(match c {
                    Figure::Money(m) => Some(i128::from(m.cents())),
                    _ => None,
                });
            }
            Ok(Arc::new(
                b.finish().with_precision_and_scale(MONEY_PRECISION, 2)?,
            ))
        }
        FigureType::Text => {
            let mut b = StringBuilder::with_capacity(rows, rows * 8);
            for c in cells {
                b.append_option(match c {
                    Figure::Text(t) => Some(t.as_ref()),
                    _ => None,
                });
            }
            Ok(Arc::new(b.finish()))
        }
        FigureType::Int => {
            let mut b = Int64Builder::with_capacity(rows);
            for c in cells {
                b.append_option(match c {
                    Figure::Int(i) => Some(*i),
                    _ => None,
                });
            }
            Ok(Arc::new(b.finish()))
        }
        FigureType::Date => {
            let mut b = Date32Builder::with_capacity(rows);
            for c in cells {
                b.append_option(match c {
                    // Every date the library covers fits in i32 days from 1970-01-01.
                    Figure::Date(d) => i32::try_from(d.to_days()).ok(),
                    _ => None,
                });
            }
            Ok(Arc::new(b.finish()))
        }
        FigureType::Bool => {
            let mut b = BooleanBuilder::with_capacity(rows);
            for c in cells {
                b.append_option(match c {
                    Figure::Bool(v) => Some(*v),
                    _ => None,
                });
            }
            Ok(Arc::new(b.finish()))
        }
    }
}
