//! §154.127 partial termination: the reduced amounts as each child's support ends.
//!
//! A child's support ends on the 18th birthday (29 February births: 1 March in a common year),
//! or on a date the caller gives (the high-school extension, §154.001(a)(1), or another
//! terminating event). The reduced amount takes effect with the first monthly installment due
//! strictly after that date (library reading R-TX-9: "the first installment due after it is the reduced
//! amount"); due days 29-31 are clamped to short months. Each reduced amount is the guideline for
//! the remaining children on the same net resources and the same multiple-household inputs.

use serde::{Deserialize, Serialize};

use crate::date::Date;
use crate::error::Error;

/// A child before the court, for step-downs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ChildDates {
    /// The child's birth date.
    pub birth_date: Date,
    /// The date the child's support ends, when not the 18th birthday (for example the
    /// high-school extension). Optional.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub support_ends: Option<Date>,
}

/// When each child's support ends and when the reduced amount takes effect.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Termination {
    /// The child's index in the request.
    pub index: usize,
    /// The date support for the child ends.
    pub ends: Date,
    /// The first installment due strictly after `ends`.
    pub effective: Date,
}

/// The first installment due strictly after `date`, for a monthly order due on `due_day`.
pub fn first_due_after(date: Date, due_day: u32) -> Result<Date, Error> {
    let this_month = date.with_day_clamped(due_day);
    if this_month > date {
        Ok(this_month)
    } else {
        Ok(date.first_of_next_month()?.with_day_clamped(due_day))
    }
}

/// Each child's termination, in order of effect (then input order). Errors name
/// `children_dates[i]`.
pub fn terminations(
    children: &[ChildDates],
    order_date: Date,
    due_day: u32,
    age_of_majority: u32,
) -> Result<Vec<Termination>, Error> {
    let mut out = Vec::with_capacity(children.len());
    for (i, c) in children.iter().enumerate() {
        if c.birth_date > order_date {
            return Err(Error::invalid(
                format!("children_dates[{i}].birth_date"),
                c.birth_date,
                format!("a date on or before the order date {order_date}"),
            ));
        }
        let ends = match c.support_ends {
            Some(e) => {
                if e <= c.birth_date {
                    return Err(Error::invalid(
                        format!("children_dates[{i}].support_ends"),
                        e,
                        "a date after the birth date",
                    ));
                }
                e
            }
            None => c
                .birth_date
                .add_years_feb29_to_mar1(age_of_majority as i32)
                .map_err(|_| {
                    Error::invalid(
                        format!("children_dates[{i}].birth_date"),
                        c.birth_date,
                        format!(
                            "a birth date whose {age_of_majority}th birthday is a calendar date"
                        ),
                    )
                })?,
        };
        if ends <= order_date {
            return Err(Error::invalid(
                format!("children_dates[{i}]"),
                format!("support ends {ends}"),
                format!(
                    "a child whose support ends after the order date {order_date} ({age_of_majority}th birthday, or support_ends)"
                ),
            ));
        }
        let effective = first_due_after(ends, due_day).map_err(|_| {
            Error::invalid(
                format!("children_dates[{i}]"),
                ends,
                "a support end date with a following due date in the calendar",
            )
        })?;
        out.push(Termination {
            index: i,
            ends,
            effective,
        });
    }
    out.sort_by(|a, b| a.effective.cmp(&b.effective).then(a.index.cmp(&b.index)));
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        s.parse().unwrap()
    }

    #[test]
    fn the_first_installment_strictly_after_the_date() {
        assert_eq!(
            first_due_after(d("2026-03-01"), 1).unwrap(),
            d("2026-04-01")
        );
        assert_eq!(
            first_due_after(d("2026-03-02"), 1).unwrap(),
            d("2026-04-01")
        );
        assert_eq!(
            first_due_after(d("2026-02-28"), 31).unwrap(),
            d("2026-03-31")
        );
        assert_eq!(
            first_due_after(d("2026-01-31"), 31).unwrap(),
            d("2026-02-28")
        );
        assert_eq!(
            first_due_after(d("2026-01-10"), 15).unwrap(),
            d("2026-01-15")
        );
    }

    #[test]
    fn leap_day_births_age_out_on_march_first() {
        let t = terminations(
            &[ChildDates {
                birth_date: d("2008-02-29"),
                support_ends: None,
            }],
            d("2025-01-01"),
            1,
            18,
        )
        .unwrap();
        assert_eq!(t[0].ends, d("2026-03-01"));
        assert_eq!(t[0].effective, d("2026-04-01"));
    }

    #[test]
    fn a_child_already_aged_out_is_an_error() {
        let err = terminations(
            &[ChildDates {
                birth_date: d("2000-01-01"),
                support_ends: None,
            }],
            d("2025-01-01"),
            1,
            18,
        )
        .unwrap_err();
        assert_eq!(err.field(), Some("children_dates[0]"));
    }
}
