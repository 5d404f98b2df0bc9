//! Arrears: from an order history and a payment history to an exact, explainable ledger, for
//! California and Texas.
//!
//! - [`schedule`]: the installments an order history makes (amount, frequency, due days,
//!   modifications, obligation types kept apart).
//! - [`interest`]: the states' interest rules and day counts, accrued exactly.
//! - [`crediting`]: the statutory order in which a payment is applied (CCP §695.221,
//!   Tex. Fam. Code §157.268), by payment date.
//! - [`ledger`]: the event-driven engine: ledger lines with citations, monthly periods, totals as
//!   of any date, and a saved state to resume from; its stages are [`input`] (the request and
//!   its validation), [`state`] (the saved state and the running sums beside it), accrual,
//!   crediting, capitalisation (judgments, renewals) and [`report`].
//! - [`payoff`]: payoff projections, the smallest payment that pays off within N months, and
//!   Texas §158.003 additional withholding.
//!
//! # Readings (spec/README.md), followed exactly
//! - "As of D" is the start of day D: interest accrues for each day from its start (inclusive)
//!   to D (exclusive); events on D are not yet in a ledger as of D. "Through D" (the request's
//!   `through`) is the end of day D, the same as as of D+1.
//! - Same-day events: order changes taking effect, then installments falling due, then fees
//!   assessed, then payments (in receipt order, then by payment ID), then judgments and renewals
//!   (end of day). A change effective on D therefore governs the installment due on D ("$480
//!   effective July 1" charges $480 on July 1, Fam. Code §3653(a)); an order's end date and a
//!   change's effective date are both inclusive; M(t), the Texas monthly obligation, follows the
//!   new terms from D.
//! - Interest rates apply by the date the interest accrues (CCP §685.010(b)), not by the due
//!   date of the support: the rules hold each state's rates as a series by accrual date (an
//!   entry may be limited to support due in a range, for a law like Texas H.B. 4213); a span no
//!   rate covers is an error naming the rule.
//! - Interest accrues exactly and is never compounded. Per obligation type the ledger keeps the
//!   cumulative exact interest; it posts the change in that total rounded to cents at each month
//!   end, on each payment, judgment or renewal date, and for the last, partial month on the
//!   as-of date, so postings sum to the rounded exact total and every period's postings
//!   reconcile with its closing balance.
//! - A payment is applied by the statutory order in force on its date; current support is the
//!   installments due in the payment's calendar month; within each tier child support, then
//!   medical, (Texas: dental,) then spousal, configurable; tax offsets pay arrears only
//!   (principal, then interest); what is left is carried forward as a credit and applied to
//!   installments as they fall due.

mod accrual;
mod capitalisation;
pub mod checkpoint;
mod corrections;
pub mod county_estimator;
pub mod crediting;
pub mod input;
pub mod interest;
pub mod ledger;
pub mod open;
pub mod payoff;
pub mod report;
pub mod schedule;
pub mod state;

#[cfg(test)]
mod checkpoint_tests;
#[cfg(test)]
mod corrections_tests;
#[cfg(test)]
mod open_tests;
#[cfg(test)]
mod tests;

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::error::Error;

/// The state whose law applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Jurisdiction {
    /// California: CCP §§685.010-685.030, §695.221; Fam. Code §17433.5.
    California,
    /// Texas: Fam. Code §§157.261-157.268, §158.003.
    Texas,
}

impl Jurisdiction {
    /// The name used in requests and results.
    pub fn as_str(self) -> &'static str {
        match self {
            Jurisdiction::California => "california",
            Jurisdiction::Texas => "texas",
        }
    }

    /// The obligation types this state's ledger keeps, in the default crediting order.
    pub fn default_type_order(self) -> &'static [ObligationType] {
        match self {
            Jurisdiction::California => &[
                ObligationType::Child,
                ObligationType::Medical,
                ObligationType::Spousal,
            ],
            Jurisdiction::Texas => &[
                ObligationType::Child,
                ObligationType::Medical,
                ObligationType::Dental,
                ObligationType::Spousal,
            ],
        }
    }
}

/// A kind of support obligation; each is kept apart in the ledger (its own installments,
/// interest and judgments: Tex. Fam. Code §157.263 confirms child, medical and dental support
/// separately).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ObligationType {
    /// Child support.
    Child,
    /// Medical support.
    Medical,
    /// Dental support (Texas, Fam. Code §154.1815).
    Dental,
    /// Spousal (or family) support.
    Spousal,
}

impl ObligationType {
    /// Every type, in a fixed order (the index used for per-type state).
    pub const ALL: [ObligationType; 4] = [
        ObligationType::Child,
        ObligationType::Medical,
        ObligationType::Dental,
        ObligationType::Spousal,
    ];

    /// The name used in requests and results.
    pub fn as_str(self) -> &'static str {
        match self {
            ObligationType::Child => "child",
            ObligationType::Medical => "medical",
            ObligationType::Dental => "dental",
            ObligationType::Spousal => "spousal",
        }
    }

    /// The index of this type in [`ObligationType::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }

    /// Parses a type named in a request, checking that the state has it.
    pub fn parse(field: &str, text: &str, state: Jurisdiction) -> Result<ObligationType, Error> {
        let allowed = state.default_type_order();
        let names = allowed
            .iter()
            .map(|t| t.as_str())
            .collect::<Vec<_>>()
            .join(", ");
        allowed
            .iter()
            .copied()
            .find(|t| t.as_str() == text)
            .ok_or_else(|| {
                Error::invalid(
                    field,
                    text,
                    format!("an obligation type of {}: {names}", state.as_str()),
                )
            })
    }
}

impl fmt::Display for ObligationType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

pub use crediting::PaymentSource;
pub use ledger::{
    compute_ledger, compute_totals, LedgerInput, LedgerResult, LedgerTotals, SavedState,
};
pub use payoff::{
    compute_payoff, texas_withholding, PayoffInput, PayoffMethod, PayoffResult, WithholdingInput,
};
pub use schedule::Frequency;
