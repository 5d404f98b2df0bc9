//! Guideline support: the amount the statewide formula gives.
//!
//! - [`california`]: Family Code §4055 (the SB 343 law from 2024-09-01 and the former law),
//!   low-income adjustment, per-child allocation, and §4061 add-on apportionment.
//! - [`texas`]: Family Code ch. 154: net resources by the tax-chart method, percentages and
//!   cap, multiple households, medical and dental support, step-downs, findings.

pub mod california;
pub mod california_income;
pub mod texas;

use serde::{Deserialize, Serialize};

/// One of the two parents of a guideline calculation, as the caller named them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub enum Parent {
    /// The first parent of the request.
    #[serde(rename = "parent_a")]
    A,
    /// The second parent of the request.
    #[serde(rename = "parent_b")]
    B,
}

impl Parent {
    /// The other parent.
    pub fn other(self) -> Parent {
        match self {
            Parent::A => Parent::B,
            Parent::B => Parent::A,
        }
    }

    /// The name used in requests and results (`parent_a`).
    pub fn as_str(self) -> &'static str {
        match self {
            Parent::A => "parent_a",
            Parent::B => "parent_b",
        }
    }
}

impl std::fmt::Display for Parent {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}
