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
//! let input = CaliforniaInput {
//!     calculation_date: "2025-03-01".parse::<Date>()?,
//!     parent_a_net_income: Decimal::from(3000),
//!     parent_b_net_income: Decimal::from(1000),
//!     time_share: Some(TimeShare { parent: Parent::A, fraction: Decimal::new(2, 1) }),
//!     child_time_shares: vec![],
//!     children: 2,
//!     birth_dates: vec![],
//!     add_ons: vec![],
//!     spousal_support: None,
//!     add_on_split: None,
//!     ordered_basic_support: None,
//!     low_income_adjustment: None,
//! };
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
pub mod catalogue;
pub mod date;
pub mod error;
pub mod exact;
pub mod guideline;
pub mod money;
pub mod rules;
pub mod worksheet;

pub use date::Date;
pub use error::{Error, ErrorCode};
pub use exact::Exact;
pub use money::Money;
pub use rules::Rules;
pub use rust_decimal::Decimal;

/// The library's version.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
