//! # childsupport
//!
//! US child support computed exactly as the law says: guideline support, arrears and payment
//! distribution, for the people who do this work every day.
//!
//! - Every formula is exact: [`Exact`] rationals, rounded once where the law or a documented
//!   reading says, half away from zero, into whole-cent [`Money`] ([`exact`], [`money`]).
//! - Rules are data: every rate, table and threshold is an effective-dated entry with its
//!   citation, embedded as the default and replaceable at run time ([`rules`]).
//! - Every result explains itself with a [`worksheet::Worksheet`]; the same engine runs without
//!   one for caseloads (`compute_lean`), with the same numbers. Steps' words live in the
//!   [`catalogue`].
//! - Bad input is an [`Error`] naming the field, never a panic.
//!
//! ```
//! use childsupport::guideline::california::{self, CaliforniaInput, TimeShare};
//! use childsupport::guideline::Parent;
//! use childsupport::{Date, Decimal, Rules};
//!
//! let mut input = CaliforniaInput::new(
//!     "2025-03-01".parse::<Date>()?,
//!     Decimal::from(3000),
//!     Decimal::from(1000),
//!     TimeShare { parent: Parent::A, fraction: Decimal::new(2, 1) },
//!     2,
//! );
//! // Optional fields are set by name (the input types are `#[non_exhaustive]`, so a field added
//! // later breaks no caller).
//! input.birth_dates = vec![];
//! let result = california::compute(Rules::embedded(), &input)?;
//! assert_eq!(result.amount.to_string(), "954.21");
//! assert_eq!(result.payer, Some(Parent::A));
//! print!("{}", result.worksheet);
//! # Ok::<(), childsupport::Error>(())
//! ```

#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod allocation;
pub mod api;
pub mod arrears;
pub mod batch;
pub mod catalogue;
pub mod date;
mod digest;
pub mod distribution;
pub mod error;
pub mod exact;
pub mod guideline;
pub mod money;
pub mod printout;
pub mod rules;
#[cfg(feature = "schema")]
pub mod schema;
pub mod worksheet;

pub use date::Date;
pub use error::{Error, ErrorCode};
pub use exact::Exact;
pub use money::Money;
pub use rules::Rules;
pub use rust_decimal::Decimal;

/// The library's version.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
