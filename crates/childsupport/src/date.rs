//! Civil (calendar) dates: the only kind of date the law of support uses.
//!
//! A [`Date`] is a proleptic Gregorian day with no time and no zone. Orders fall due on days,
//! interest accrues per day, and rules take effect on days; nothing here needs an hour.
//!
//! Month arithmetic is explicit about the end of the month: [`Date::with_day_clamped`] moves a
//! due day of 29-31 to the last day of a shorter month (the reading in `spec/README.md`), so
//! there is never a silent "January 31 plus one month".

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::error::Error;

/// A calendar day between 1800-01-01 and 2999-12-31.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: i32,
    month: u8,
    day: u8,
}

const MIN_YEAR: i32 = 1800;
const MAX_YEAR: i32 = 2999;

impl Date {
    /// The first day a date can be (1800-01-01).
    pub const MIN: Date = Date {
        year: MIN_YEAR,
        month: 1,
        day: 1,
    };

    /// The last day a date can be (2999-12-31).
    pub const MAX: Date = Date {
        year: MAX_YEAR,
        month: 12,
        day: 31,
    };

    /// The date `year-month-day`, or an error naming what is out of range.
    pub fn new(year: i32, month: u32, day: u32) -> Result<Date, Error> {
        if !(MIN_YEAR..=MAX_YEAR).contains(&year) {
            return Err(Error::invalid(
                "date",
                format!("{year:04}-{month:02}-{day:02}"),
                "a year from 1800 to 2999",
            ));
        }
        if !(1..=12).contains(&month) {
            return Err(Error::invalid(
                "date",
                format!("{year:04}-{month:02}-{day:02}"),
                "a month from 1 to 12",
            ));
        }
        let last = days_in_month(year, month as u8);
        if day < 1 || day > u32::from(last) {
            return Err(Error::invalid(
                "date",
                format!("{year:04}-{month:02}-{day:02}"),
                format!("a day from 1 to {last} in that month"),
            ));
        }
        Ok(Date {
            year,
            month: month as u8,
            day: day as u8,
        })
    }

    /// The year.
    pub fn year(self) -> i32 {
        self.year
    }

    /// The month, 1 to 12.
    pub fn month(self) -> u32 {
        u32::from(self.month)
    }

    /// The day of the month, 1 to 31.
    pub fn day(self) -> u32 {
        u32::from(self.day)
    }

    /// Days since 1970-01-01 (negative before).
    pub fn to_days(self) -> i64 {
        // Howard Hinnant's days-from-civil algorithm.
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let mp = (m + 9) % 12;
        let doy = (153 * mp + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date `days` after 1970-01-01; an error outside the supported years.
    pub fn from_days(days: i64) -> Result<Date, Error> {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let d = doy - (153 * mp + 2) / 5 + 1;
        let m = if mp < 10 { mp + 3 } else { mp - 9 };
        let y = yoe + era * 400 + i64::from(m <= 2);
        let year = i32::try_from(y).unwrap_or(i32::MAX);
        Date::new(year, m as u32, d as u32)
    }

    /// This date moved by `days` (negative moves back).
    pub fn add_days(self, days: i64) -> Result<Date, Error> {
        Date::from_days(self.to_days() + days)
    }

    /// The number of days from `self` to `later` (negative if `later` is earlier).
    pub fn days_until(self, later: Date) -> i64 {
        later.to_days() - self.to_days()
    }

    /// The number of days in this date's month.
    pub fn days_in_month(self) -> u32 {
        u32::from(days_in_month(self.year, self.month))
    }

    /// The first day of this date's month.
    pub fn first_of_month(self) -> Date {
        Date { day: 1, ..self }
    }

    /// The last day of this date's month.
    pub fn last_of_month(self) -> Date {
        Date {
            day: days_in_month(self.year, self.month),
            ..self
        }
    }

    /// The first day of the month `months` after this date's month (negative goes back).
    pub fn first_of_month_offset(self, months: i32) -> Result<Date, Error> {
        let index = self.year * 12 + i32::from(self.month) - 1 + months;
        Date::new(index.div_euclid(12), (index.rem_euclid(12) + 1) as u32, 1)
    }

    /// The first day of the next month.
    pub fn first_of_next_month(self) -> Result<Date, Error> {
        self.first_of_month_offset(1)
    }

    /// Day `day` of this date's month, clamped to the month's last day (a due day of 31 in
    /// February falls on the 28th or 29th).
    pub fn with_day_clamped(self, day: u32) -> Date {
        let last = days_in_month(self.year, self.month);
        Date {
            day: day.clamp(1, u32::from(last)) as u8,
            ..self
        }
    }

    /// The same month and day `years` later; 29 February becomes 1 March in a common year
    /// (the reading for birthdays in `spec/README.md`).
    pub fn add_years_feb29_to_mar1(self, years: i32) -> Result<Date, Error> {
        let year = self.year + years;
        if self.month == 2 && self.day == 29 && !is_leap(year) {
            Date::new(year, 3, 1)
        } else {
            Date::new(year, self.month(), self.day())
        }
    }

    /// Whether this date's year is a leap year.
    pub fn is_leap_year(self) -> bool {
        is_leap(self.year)
    }
}

/// Whether `year` is a Gregorian leap year.
pub fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if is_leap(year) => 29,
        _ => 28,
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl fmt::Debug for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl FromStr for Date {
    type Err = Error;

    /// Parses `YYYY-MM-DD` exactly (ISO 8601 calendar date, four-digit year).
    fn from_str(s: &str) -> Result<Date, Error> {
        let bad = || Error::invalid("date", s, "a calendar date written YYYY-MM-DD");
        let b = s.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return Err(bad());
        }
        let digits = |r: std::ops::Range<usize>| -> Result<u32, Error> {
            let part = &s[r];
            if part.bytes().all(|c| c.is_ascii_digit()) {
                part.parse::<u32>().map_err(|_| bad())
            } else {
                Err(bad())
            }
        };
        let (y, m, d) = (digits(0..4)?, digits(5..7)?, digits(8..10)?);
        Date::new(y as i32, m, d).map_err(|e| match e {
            Error::InvalidInput { allowed, .. } => Error::invalid("date", s, allowed),
            other => other,
        })
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Date, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = Date;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a date written YYYY-MM-DD")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Date, E> {
                v.parse().map_err(E::custom)
            }
        }
        deserializer.deserialize_str(Visitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(s: &str) -> Date {
        s.parse().unwrap()
    }

    #[test]
    fn epoch_and_known_days() {
        assert_eq!(d("1970-01-01").to_days(), 0);
        // 2000-03-01 is 11,017 days after the epoch: 30 years of 365 days, 7 leap days
        // (1972..1996), plus January and February 2000 (31 + 29).
        assert_eq!(d("2000-03-01").to_days(), 30 * 365 + 7 + 31 + 29);
    }

    #[test]
    fn day_counts_from_the_spec() {
        // spec california.md I1: 2025-01-01 to 2025-07-01 is 181 days; from 2025-02-01, 150.
        assert_eq!(d("2025-01-01").days_until(d("2025-07-01")), 181);
        assert_eq!(d("2025-02-01").days_until(d("2025-07-01")), 150);
    }

    #[test]
    fn clamping_and_month_steps() {
        assert_eq!(d("2025-02-10").with_day_clamped(31), d("2025-02-28"));
        assert_eq!(d("2024-02-10").with_day_clamped(30), d("2024-02-29"));
        assert_eq!(
            d("2025-12-15").first_of_next_month().unwrap(),
            d("2026-01-01")
        );
        assert_eq!(
            d("2025-01-15").first_of_month_offset(-1).unwrap(),
            d("2024-12-01")
        );
        assert_eq!(
            d("2008-02-29").add_years_feb29_to_mar1(18).unwrap(),
            d("2026-03-01")
        );
        assert_eq!(
            d("2008-02-29").add_years_feb29_to_mar1(16).unwrap(),
            d("2024-02-29")
        );
    }

    #[test]
    fn rejects_bad_text() {
        for s in [
            "2025-02-29",
            "2025-13-01",
            "2025-1-01",
            "20250101",
            "2025-01-0a",
            "",
        ] {
            assert!(s.parse::<Date>().is_err(), "{s}");
        }
    }

    proptest! {
        #[test]
        fn days_round_trip(n in -60_000i64..300_000) {
            let date = Date::from_days(n).unwrap();
            prop_assert_eq!(date.to_days(), n);
            prop_assert_eq!(date.to_string().parse::<Date>().unwrap(), date);
        }
    }
}
