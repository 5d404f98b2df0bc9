//! Worksheets: every calculation explains itself.
//!
//! A [`Worksheet`] is the ordered list of steps a calculation took: what was computed, the value
//! (exact, and rounded where the step rounds), and the law or rule behind it. It is part of every
//! result, so a caseworker can read the calculation to a judge, and it serialises to a stable
//! JSON shape (`key`, `label`, `value`, `citation`).

use std::fmt;

use rust_decimal::Decimal;
use serde::Serialize;

/// One step of a calculation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Step {
    /// A stable machine key (`california.k`), the same in every interface and release.
    pub key: String,
    /// What the step is, in words.
    pub label: String,
    /// The value, exact (a decimal with all its digits, a count, a date or a word).
    pub value: String,
    /// The citation: statute, regulation, rule-data entry, or the spec reading applied.
    pub citation: String,
}

/// The ordered steps of one calculation.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct Worksheet {
    steps: Vec<Step>,
}

impl Worksheet {
    /// An empty worksheet.
    pub fn new() -> Worksheet {
        Worksheet::default()
    }

    /// Adds a step with any displayable value.
    pub fn step(
        &mut self,
        key: &str,
        label: impl Into<String>,
        value: impl fmt::Display,
        citation: impl Into<String>,
    ) {
        self.steps.push(Step {
            key: key.to_string(),
            label: label.into(),
            value: value.to_string(),
            citation: citation.into(),
        });
    }

    /// Adds a step whose value is an exact decimal (written without trailing zeros).
    pub fn exact(
        &mut self,
        key: &str,
        label: impl Into<String>,
        value: Decimal,
        citation: impl Into<String>,
    ) {
        self.step(key, label, value.normalize(), citation);
    }

    /// Appends another worksheet's steps.
    pub fn extend(&mut self, other: Worksheet) {
        self.steps.extend(other.steps);
    }

    /// The steps, in order.
    pub fn steps(&self) -> &[Step] {
        &self.steps
    }

    /// The step with `key`, if there is one.
    pub fn get(&self, key: &str) -> Option<&Step> {
        self.steps.iter().find(|s| s.key == key)
    }
}

impl fmt::Display for Worksheet {
    /// A plain-text table: step, value, citation.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label_w = self
            .steps
            .iter()
            .map(|s| s.label.chars().count())
            .max()
            .unwrap_or(0)
            .min(60);
        let value_w = self
            .steps
            .iter()
            .map(|s| s.value.chars().count())
            .max()
            .unwrap_or(0)
            .min(32);
        for (i, s) in self.steps.iter().enumerate() {
            writeln!(
                f,
                "{:>3}  {:<label_w$}  {:>value_w$}  {}",
                i + 1,
                s.label,
                s.value,
                s.citation
            )?;
        }
        Ok(())
    }
}
