//! One error type for the whole engine.
//!
//! Every error says which field (or rule) was wrong, what it was, and what is allowed, so a
//! caseworker can fix the case file without reading code. Each variant has a stable
//! [`ErrorCode`], which the C ABI returns as its status and Python maps to an exception class.

use std::fmt;

use serde::Serialize;

use crate::date::Date;

/// An error from the engine: bad input, a date no rule covers, or a malformed rules file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A field of the input is outside what the law or the engine allows.
    #[error("invalid {field}: {value:?}; allowed: {allowed}")]
    InvalidInput {
        /// The field, as a path in the request (`parent_a.net_income`, `payments[3].date`).
        field: String,
        /// The value given, as text.
        value: String,
        /// What is allowed instead.
        allowed: String,
    },
    /// No rule in the rule set covers the date asked for.
    #[error("no {rule} rule covers {date}; the rules cover {covered}")]
    NoRule {
        /// The rule, by name (`california.k_table`).
        rule: String,
        /// The date asked for.
        date: Date,
        /// The covered range, as text.
        covered: String,
    },
    /// The rules data could not be read or fails validation.
    #[error("rules data: {location}: {message}")]
    Rules {
        /// Where in the rules data (`california.minimum_wage[2]`), or the file.
        location: String,
        /// What is wrong.
        message: String,
    },
    /// A request could not be parsed (bad JSON, unknown kind, missing field).
    #[error("malformed request: {message}")]
    Request {
        /// What is wrong, with the position where the parser knows it.
        message: String,
    },
    /// A value cannot be computed: an amount beyond any sum of money the library holds, or a
    /// quotient with a zero divisor (a defect: engines test for zero first). Never a guess.
    #[error("arithmetic: {message}")]
    Arithmetic {
        /// What happened and what to do.
        message: String,
    },
}

impl Error {
    /// An [`Error::InvalidInput`].
    pub fn invalid(
        field: impl Into<String>,
        value: impl fmt::Display,
        allowed: impl Into<String>,
    ) -> Error {
        Error::InvalidInput {
            field: field.into(),
            value: value.to_string(),
            allowed: allowed.into(),
        }
    }

    /// An [`Error::Rules`].
    pub fn rules(location: impl Into<String>, message: impl Into<String>) -> Error {
        Error::Rules {
            location: location.into(),
            message: message.into(),
        }
    }

    /// An [`Error::Arithmetic`]: an amount too large for the library's money.
    pub(crate) fn too_large() -> Error {
        Error::Arithmetic {
            message: "a result exceeds the largest amount of money the library holds (about 92 quadrillion dollars); check the inputs' magnitudes".into(),
        }
    }

    /// An [`Error::Arithmetic`]: a division by zero reached a result (a defect to report).
    pub fn undefined() -> Error {
        Error::Arithmetic {
            message: "a quotient with a zero divisor reached the result; this is a defect in the library, please report it with the input".into(),
        }
    }

    /// The same error with its field placed under `prefix` (`children[2]` + `birth_date`).
    pub fn within(self, prefix: &str) -> Error {
        match self {
            Error::InvalidInput {
                field,
                value,
                allowed,
            } => Error::InvalidInput {
                field: if field.is_empty() {
                    prefix.to_string()
                } else {
                    format!("{prefix}.{field}")
                },
                value,
                allowed,
            },
            other => other,
        }
    }

    /// The stable code of this error.
    pub fn code(&self) -> ErrorCode {
        match self {
            Error::InvalidInput { .. } => ErrorCode::InvalidInput,
            Error::NoRule { .. } => ErrorCode::NoRule,
            Error::Rules { .. } => ErrorCode::Rules,
            Error::Request { .. } => ErrorCode::Request,
            Error::Arithmetic { .. } => ErrorCode::Arithmetic,
        }
    }

    /// The field the error is about, if it is about one.
    pub fn field(&self) -> Option<&str> {
        match self {
            Error::InvalidInput { field, .. } => Some(field),
            Error::NoRule { rule, .. } => Some(rule),
            Error::Rules { location, .. } => Some(location),
            Error::Request { .. } | Error::Arithmetic { .. } => None,
        }
    }
}

/// Stable error codes, shared by every interface. Values never change; retired codes stay
/// reserved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
#[repr(u32)]
pub enum ErrorCode {
    /// A field of the input is not allowed.
    InvalidInput = 1,
    /// No rule covers the date.
    NoRule = 2,
    /// The rules data is malformed.
    Rules = 3,
    /// The request could not be parsed.
    Request = 4,
    /// A value cannot be computed (an amount beyond the library's money, or a defect).
    Arithmetic = 5,
}

impl ErrorCode {
    /// The code's name as it appears in JSON responses.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::InvalidInput => "invalid_input",
            ErrorCode::NoRule => "no_rule",
            ErrorCode::Rules => "rules",
            ErrorCode::Request => "request",
            ErrorCode::Arithmetic => "arithmetic",
        }
    }
}
