//! Worksheets and tracing: every calculation explains itself, and explaining costs nothing when
//! nobody reads it.
//!
//! An engine computes against a [`Tracer`]. A [`Worksheet`] is a tracer that keeps every step;
//! [`NoTrace`] keeps nothing and compiles to nothing, so a caseload of millions runs lean and a
//! single case runs traced, through the same code and with the same numbers.
//!
//! A step is a [`StepDef`] from the [`catalogue`](crate::catalogue) (its stable key, its label and
//! its citation: static data, written once) and a typed [`Value`]. Values stay typed until they
//! are shown: money in cents, exact values exact (a decimal where they terminate, a fraction where
//! they do not), rendered for people only by `Display` and serialisation. A step whose citation is
//! a rules entry's (a K table, a minimum wage) carries that entry's citation text.
//!
//! JSON shape of a step: `key`, `label`, `value` (for reading), `exact` (the exact value of a
//! number, when the step has one) and `citation`. A step read back from JSON keeps what the JSON
//! holds: its value is the exact value where there is one ([`Value::Exact`]) and otherwise the
//! text shown ([`Value::Text`]), so it writes the same JSON again.

use std::borrow::Cow;
use std::fmt;

use rust_decimal::Decimal;
use serde::ser::SerializeStruct;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::date::Date;
use crate::exact::Exact;
use crate::guideline::Parent;
use crate::money::Money;
use crate::rules::Validity;

/// A kind of step: the catalogue's static key, label and citation.
#[derive(Debug, PartialEq, Eq)]
pub struct StepDef {
    /// A stable machine key (`california.k`), the same in every interface and release.
    pub key: &'static str,
    /// What the step is, in words.
    pub label: &'static str,
    /// The law behind it (a rules entry's own citation is added where the step names one).
    pub citation: &'static str,
}

/// A step's value, typed until it is shown.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// An amount in cents.
    Money(Money),
    /// An exact value (a factor, an income, an unrounded amount).
    Exact(Exact),
    /// A count.
    Count(u32),
    /// A date.
    Date(Date),
    /// A parent.
    Party(Parent),
    /// A fixed word or phrase.
    Word(&'static str),
    /// Text built for this case.
    Text(String),
    /// Amounts shown together (per-child shares), in order.
    Moneys(Vec<Money>),
    /// A range of amounts, lowest to highest.
    Range(Money, Money),
}

/// Decimal places shown for a value that does not terminate (the JSON keeps it exact).
pub const SHOWN_PLACES: u32 = 10;

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Money(m) => write!(f, "{m}"),
            Value::Exact(x) => match x.to_decimal() {
                Some(d) if d.normalize().scale() <= SHOWN_PLACES => write!(f, "{}", d.normalize()),
                _ => match x.to_decimal_places(SHOWN_PLACES) {
                    Some(d) => write!(f, "{}…", d.normalize()),
                    None => write!(f, "{x}"),
                },
            },
            Value::Count(n) => write!(f, "{n}"),
            Value::Date(d) => write!(f, "{d}"),
            Value::Party(p) => write!(f, "{p}"),
            Value::Word(w) => f.write_str(w),
            Value::Text(t) => f.write_str(t),
            Value::Moneys(list) => {
                for (i, m) in list.iter().enumerate() {
                    if i > 0 {
                        f.write_str(" / ")?;
                    }
                    write!(f, "{m}")?;
                }
                Ok(())
            }
            Value::Range(lo, hi) => write!(f, "{lo} to {hi}"),
        }
    }
}

impl Value {
    /// The exact value of a numeric step.
    pub fn exact(&self) -> Option<Exact> {
        match self {
            Value::Money(m) => Some(Exact::from_money(*m)),
            Value::Exact(x) => Some(x.clone()),
            Value::Count(n) => Some(Exact::from(*n)),
            _ => None,
        }
    }
}

/// What a calculation reports its steps to.
pub trait Tracer {
    /// Whether steps are kept (false: every call is a no-op the compiler removes).
    const ON: bool;

    /// Records a step with the catalogue's citation.
    fn record(&mut self, def: &'static StepDef, value: Value);

    /// Records a step whose authority is a rules entry: its citation follows the catalogue's.
    fn record_rule(&mut self, def: &'static StepDef, value: Value, rule: &Validity);

    /// Records a step whose value is built only when it is kept.
    fn record_with(&mut self, def: &'static StepDef, value: impl FnOnce() -> Value) {
        if Self::ON {
            self.record(def, value());
        }
    }

    /// Records an exact value (copied only when it is kept).
    fn exact(&mut self, def: &'static StepDef, value: &Exact) {
        if Self::ON {
            self.record(def, Value::Exact(value.clone()));
        }
    }

    /// Records an exact value whose authority is a rules entry.
    fn exact_rule(&mut self, def: &'static StepDef, value: &Exact, rule: &Validity) {
        if Self::ON {
            self.record_rule(def, Value::Exact(value.clone()), rule);
        }
    }
}

/// The tracer that keeps nothing: the lean path.
#[derive(Debug, Clone, Copy, Default)]
pub struct NoTrace;

impl Tracer for NoTrace {
    const ON: bool = false;
    #[inline(always)]
    fn record(&mut self, _: &'static StepDef, _: Value) {}
    #[inline(always)]
    fn record_rule(&mut self, _: &'static StepDef, _: Value, _: &Validity) {}
}

/// One step of a calculation.
#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    /// A stable machine key (`california.k`).
    pub key: Cow<'static, str>,
    /// What the step is, in words.
    pub label: Cow<'static, str>,
    /// The value.
    pub value: Value,
    /// The law or rule behind it.
    pub citation: Cow<'static, str>,
}

impl Serialize for Step {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let exact = match &self.value {
            Value::Exact(x) => Some(x),
            _ => None,
        };
        let mut s = serializer.serialize_struct("Step", if exact.is_some() { 5 } else { 4 })?;
        s.serialize_field("key", &self.key)?;
        s.serialize_field("label", &self.label)?;
        s.serialize_field("value", &self.value.to_string())?;
        if let Some(x) = exact {
            s.serialize_field("exact", &x)?;
        }
        s.serialize_field("citation", &self.citation)?;
        s.end()
    }
}

impl<'de> Deserialize<'de> for Step {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Step, D::Error> {
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Shown {
            key: String,
            label: String,
            value: String,
            #[serde(default)]
            exact: Option<Exact>,
            citation: String,
        }
        let shown = Shown::deserialize(deserializer)?;
        Ok(Step {
            key: Cow::Owned(shown.key),
            label: Cow::Owned(shown.label),
            value: match shown.exact {
                Some(x) => Value::Exact(x),
                None => Value::Text(shown.value),
            },
            citation: Cow::Owned(shown.citation),
        })
    }
}

/// The ordered steps of one calculation: the tracer that keeps everything.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Worksheet {
    steps: Vec<Step>,
}

impl Tracer for Worksheet {
    const ON: bool = true;

    fn record(&mut self, def: &'static StepDef, value: Value) {
        self.steps.push(Step {
            key: Cow::Borrowed(def.key),
            label: Cow::Borrowed(def.label),
            value,
            citation: Cow::Borrowed(def.citation),
        });
    }

    fn record_rule(&mut self, def: &'static StepDef, value: Value, rule: &Validity) {
        // One allocation of the exact size: the rule's citation text is built once per rules
        // entry (`cite_shared`), and the formatter is not needed to join two strings.
        let cite = rule.cite_shared();
        let mut text = String::with_capacity(def.citation.len() + 2 + cite.len());
        if !def.citation.is_empty() {
            text.push_str(def.citation);
            text.push_str("; ");
        }
        text.push_str(&cite);
        let citation = Cow::Owned(text);
        self.steps.push(Step {
            key: Cow::Borrowed(def.key),
            label: Cow::Borrowed(def.label),
            value,
            citation,
        });
    }
}

impl Worksheet {
    /// An empty worksheet.
    pub fn new() -> Worksheet {
        Worksheet::default()
    }

    /// An empty worksheet with room for `steps` steps (a calculation's usual count), so that
    /// recording does not grow the list step by step.
    pub fn with_capacity(steps: usize) -> Worksheet {
        Worksheet {
            steps: Vec::with_capacity(steps),
        }
    }

    /// Adds a step built for this case (engines not yet on the catalogue).
    pub fn step(
        &mut self,
        key: &str,
        label: impl Into<String>,
        value: impl fmt::Display,
        citation: impl Into<String>,
    ) {
        self.steps.push(Step {
            key: Cow::Owned(key.to_string()),
            label: Cow::Owned(label.into()),
            value: Value::Text(value.to_string()),
            citation: Cow::Owned(citation.into()),
        });
    }

    /// Adds a step whose value is an exact decimal.
    pub fn exact(
        &mut self,
        key: &str,
        label: impl Into<String>,
        value: Decimal,
        citation: impl Into<String>,
    ) {
        self.steps.push(Step {
            key: Cow::Owned(key.to_string()),
            label: Cow::Owned(label.into()),
            value: Value::Exact(Exact::from_decimal(value)),
            citation: Cow::Owned(citation.into()),
        });
    }

    /// Appends another worksheet's steps.
    pub fn extend(&mut self, other: Worksheet) {
        self.steps.extend(other.steps);
    }

    /// The steps, in order.
    pub fn steps(&self) -> &[Step] {
        &self.steps
    }

    /// Whether the worksheet has no steps (a lean calculation).
    pub fn is_empty(&self) -> bool {
        self.steps.is_empty()
    }

    /// The step with `key`, if there is one.
    pub fn get(&self, key: &str) -> Option<&Step> {
        self.steps.iter().find(|s| s.key == key)
    }
}

impl fmt::Display for Worksheet {
    /// A plain-text table: step, value, citation.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let values: Vec<String> = self.steps.iter().map(|s| s.value.to_string()).collect();
        let label_w = self
            .steps
            .iter()
            .map(|s| s.label.chars().count())
            .max()
            .unwrap_or(0)
            .min(60);
        let value_w = values
            .iter()
            .map(|v| v.chars().count())
            .max()
            .unwrap_or(0)
            .min(32);
        for (i, (s, v)) in self.steps.iter().zip(&values).enumerate() {
            writeln!(
                f,
                "{:>3}  {:<label_w$}  {:>value_w$}  {}",
                i + 1,
                s.label,
                v,
                s.citation
            )?;
        }
        Ok(())
    }
}
