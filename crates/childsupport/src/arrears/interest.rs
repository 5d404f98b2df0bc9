//! Interest: the states' rules and day counts, accrued exactly.
//!
//! Interest is simple (never compounded) and accrues per day:
//! - [`DayCount::Monthly`] (California default, as the DCSS estimator): a whole calendar month
//!   earns rate/12 on the unpaid principal; part of a month earns rate/12 x days / days in that
//!   month, so a payment stops interest on the paid part the day it is paid (CCP §685.030).
//! - [`DayCount::Actual365`] (Texas default; California option): rate x days / 365, leap years
//!   included.
//!
//! To stay exact, accrued interest is kept as a whole-number multiple of 1/[`DENOMINATOR`]
//! dollars: the denominator is 12 x the least common multiple of 365 and 12 x 28, 29, 30 and 31,
//! so every day's accrual is an exact decimal numerator and rounding the total to cents is exact.
//!
//! California (CCP §685.010, §685.020(b); FC §17433.5): 10% on each installment from its due
//! date, or in IV-D cases from the first day of the next month (the default for IV-D cases).
//! Texas (Fam. Code §157.265, §157.266): 6% on the delinquent amount (unpaid more than 30 days)
//! above one month's obligation, the newest delinquent amounts being the ones excluded; a
//! judgment bears interest on its whole unpaid amount from the day it is rendered.

use rust_decimal::Decimal;

use super::Jurisdiction;
use crate::date::Date;
use crate::error::Error;
use crate::money::round_cents;
use crate::rules::arrears::InterestRate;
pub use crate::rules::arrears::{AccrualStart, DayCount};
use crate::rules::Rules;

/// 12 x lcm(365, 336, 348, 360, 372) = 12 x 330,760,080: accrued interest is counted in
/// 1/DENOMINATOR dollars.
pub const DENOMINATOR: i64 = 3_969_120_960;
const BASE: i64 = 330_760_080;

/// The numerator weight of one day at `day_count` in the month of `day`, for an amount kept
/// x12: `amount_x12 x rate x weight` is the day's interest in 1/DENOMINATOR dollars.
pub fn day_weight(day_count: DayCount, day: Date) -> Decimal {
    match day_count {
        DayCount::Actual365 => Decimal::from(BASE / 365),
        DayCount::Monthly => Decimal::from(BASE / (12 * i64::from(day.days_in_month()))),
    }
}

/// Exact interest for a numerator.
pub fn exact(numerator: Decimal) -> Decimal {
    numerator / Decimal::from(DENOMINATOR)
}

/// A numerator rounded to cents (half away from zero).
pub fn rounded(numerator: Decimal) -> Decimal {
    round_cents(exact(numerator))
}

/// `a + b`, or an error if the amounts are too large to keep exact.
pub fn add(a: Decimal, b: Decimal) -> Result<Decimal, Error> {
    a.checked_add(b).ok_or_else(too_large)
}

/// `a x b`, or an error if the amounts are too large to keep exact.
pub fn mul(a: Decimal, b: Decimal) -> Result<Decimal, Error> {
    a.checked_mul(b).ok_or_else(too_large)
}

fn too_large() -> Error {
    Error::invalid(
        "orders",
        "amounts too large",
        "amounts and periods small enough for exact interest (at most 10^12 dollars over 100 years)",
    )
}

/// The interest (exact, unrounded) on `principal` for `days` days in the month of `day`.
pub fn simple(
    principal: Decimal,
    rate: Decimal,
    days: i64,
    day_count: DayCount,
    day: Date,
) -> Decimal {
    exact(principal * Decimal::from(12) * rate * Decimal::from(days) * day_weight(day_count, day))
}

/// The rate series of a state.
pub fn rate_series(rules: &Rules, state: Jurisdiction) -> (&[InterestRate], &'static str) {
    match state {
        Jurisdiction::California => (
            &rules.arrears.california_interest,
            "arrears.california_interest",
        ),
        Jurisdiction::Texas => (&rules.arrears.texas_interest, "arrears.texas_interest"),
    }
}

/// The rate for interest accruing on `accrual` on an amount falling due (or a judgment
/// rendered) on `due` (CCP §685.010(b): a rate applies to the interest that accrues while it is
/// in force), or an error naming the rule.
pub fn rate_at(
    rules: &Rules,
    state: Jurisdiction,
    accrual: Date,
    due: Date,
) -> Result<&InterestRate, Error> {
    let (series, name) = rate_series(rules, state);
    crate::rules::arrears::rate_at(series, name, accrual, due)
}

/// The rate for interest accruing on `date` on an amount due (or rendered) that day.
pub fn rate_on(rules: &Rules, state: Jurisdiction, date: Date) -> Result<&InterestRate, Error> {
    rate_at(rules, state, date, date)
}

/// When an installment due on `due` starts to bear interest under `start`.
pub fn accrual_start(start: AccrualStart, due: Date) -> Result<Date, Error> {
    match start {
        AccrualStart::DueDate => Ok(due),
        AccrualStart::FirstOfNextMonth => due.first_of_next_month(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        s.parse().unwrap()
    }

    #[test]
    fn the_denominator_is_exact_for_every_month_length() {
        for n in [365i64, 12 * 28, 12 * 29, 12 * 30, 12 * 31] {
            assert_eq!(BASE % n, 0, "{n}");
        }
        assert_eq!(DENOMINATOR, 12 * BASE);
    }

    fn dec(s: &str) -> Decimal {
        Decimal::from_str_exact(s).unwrap()
    }

    #[test]
    fn one_day_earns_a_365th_or_a_month_length_share_of_a_month() {
        // Actual/365: 365 x 10% x 1/365 = 0.10 for one day, in any month.
        let a = simple(
            dec("365"),
            dec("0.10"),
            1,
            DayCount::Actual365,
            d("2024-02-10"),
        );
        assert_eq!(a, dec("0.1"));
        // Monthly: a month earns 12% / 12 = 1%, each day of it 1% / (days in the month); on
        // 12 x that many days (360, 372, 348, 336), one day earns 0.12 in every month length.
        for (day, amount) in [
            ("2025-04-15", "360"),
            ("2025-01-15", "372"),
            ("2024-02-15", "348"),
            ("2025-02-15", "336"),
        ] {
            let m = simple(dec(amount), dec("0.12"), 1, DayCount::Monthly, d(day));
            assert_eq!(m, dec("0.12"), "{day}");
        }
    }

    #[test]
    fn a_numerator_rounds_half_away_from_zero() {
        // 1.005 and -1.005 dollars kept as numerators over DENOMINATOR.
        let n = Decimal::from(DENOMINATOR) * dec("1.005");
        assert_eq!(exact(n), dec("1.005"));
        assert_eq!(rounded(n), dec("1.01"));
        assert_eq!(rounded(-n), dec("-1.01"));
    }

    #[test]
    fn sums_and_products_too_large_to_keep_exact_are_errors() {
        assert_eq!(add(dec("1.5"), dec("2.25")).unwrap(), dec("3.75"));
        assert_eq!(mul(dec("1.5"), dec("2")).unwrap(), dec("3"));
        assert!(add(Decimal::MAX, Decimal::ONE).is_err());
        let e = mul(Decimal::MAX, dec("2")).unwrap_err().to_string();
        assert!(
            e.contains("orders") && e.contains("at most 10^12 dollars"),
            "{e}"
        );
    }

    #[test]
    fn interest_starts_on_the_due_date_or_the_first_of_the_next_month() {
        // CCP §685.020(b): from the due date; FC §17433.5 (IV-D): from the next month's first.
        assert_eq!(
            accrual_start(AccrualStart::DueDate, d("2025-01-15")).unwrap(),
            d("2025-01-15")
        );
        assert_eq!(
            accrual_start(AccrualStart::FirstOfNextMonth, d("2025-12-15")).unwrap(),
            d("2026-01-01")
        );
    }

    #[test]
    fn spec_i1_single_installment() {
        // california.md §5.4 I1: 500 due 2025-01-01, as of 2025-07-01.
        let r = Decimal::new(10, 2);
        let p = Decimal::from(500);
        let a365 = simple(p, r, 181, DayCount::Actual365, d("2025-01-01"));
        assert_eq!(round_cents(a365).to_string(), "24.79");
        let mut monthly = Decimal::ZERO;
        let mut m = d("2025-01-01");
        while m < d("2025-07-01") {
            monthly += simple(p, r, i64::from(m.days_in_month()), DayCount::Monthly, m);
            m = m.first_of_next_month().unwrap();
        }
        assert_eq!(round_cents(monthly).to_string(), "25.00");
    }
}
