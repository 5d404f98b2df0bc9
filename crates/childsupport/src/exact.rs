//! Exact numbers: rationals over `i128`, the one numeric type of every formula.
//!
//! The law's formulas produce values that never terminate in decimal (TN / 82,857, an annual
//! figure / 12, an average of time shares, a §154.128 credit divided by the number of children).
//! A fixed-precision decimal cuts them, and when the exact answer is k + 0.005 the cut value sits
//! a hair below it and rounds a cent low. An [`Exact`] is the exact rational the formula gives;
//! it is rounded once, where the law or a reading says ([`Exact::round_cents`] and friends).
//!
//! # Representation
//! A numerator and a positive denominator in lowest terms, both `i128`. Every operation is
//! checked; a result that does not fit (only inputs with very many decimal places get there: a
//! figure with 28 decimals divided by another one) makes the value *overflowed*, which every
//! later operation keeps. Nothing reads an overflowed value as a number: rounding it, or asking
//! for its value with [`Exact::checked`], is an [`Error`] with code `precision`, never a wrong
//! number or a panic. The type is `Copy` and 32 bytes, so formulas read like arithmetic.
//!
//! # Text
//! [`Exact`] writes itself as a decimal where the value terminates (`2032.125`) and as a
//! fraction where it does not (`2500/82857`): the exact value can always be read back with
//! [`Exact::from_str`](std::str::FromStr). [`Exact::to_decimal_places`] gives a rounded decimal
//! for display.

use std::cmp::Ordering;
use std::fmt;
use std::ops::{Add, AddAssign, Div, Mul, Neg, Sub, SubAssign};
use std::str::FromStr;

use rust_decimal::Decimal;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::error::Error;
use crate::money::Money;

/// An exact rational number (see the [module docs](self)).
#[derive(Clone, Copy)]
pub struct Exact {
    n: i128,
    /// Positive, and coprime with `n`; 0 marks an overflowed value.
    d: i128,
}

const OVERFLOWED: Exact = Exact { n: 0, d: 0 };

fn gcd(a: i128, b: i128) -> i128 {
    let (mut a, mut b) = (a.unsigned_abs(), b.unsigned_abs());
    if a == 0 {
        return b as i128;
    }
    if b == 0 {
        return a as i128;
    }
    let shift = (a | b).trailing_zeros();
    a >>= a.trailing_zeros();
    loop {
        b >>= b.trailing_zeros();
        if a > b {
            std::mem::swap(&mut a, &mut b);
        }
        b -= a;
        if b == 0 {
            break;
        }
    }
    // Both inputs are below 2^127 in magnitude except i128::MIN, whose gcd with anything
    // else is a power of two that still fits once shifted back.
    i128::try_from(a << shift).unwrap_or(i128::MAX)
}

impl Exact {
    /// Zero.
    pub const ZERO: Exact = Exact { n: 0, d: 1 };
    /// One.
    pub const ONE: Exact = Exact { n: 1, d: 1 };
    /// One half.
    pub const HALF: Exact = Exact { n: 1, d: 2 };

    /// The integer `n`.
    pub const fn int(n: i64) -> Exact {
        Exact { n: n as i128, d: 1 }
    }

    /// `n / d` in lowest terms; overflowed if `d` is zero.
    pub fn ratio(n: i128, d: i128) -> Exact {
        if d == 0 || n == i128::MIN || d == i128::MIN {
            return OVERFLOWED;
        }
        let g = gcd(n, d);
        let (mut n, mut d) = (n / g, d / g);
        if d < 0 {
            n = -n;
            d = -d;
        }
        Exact { n, d }
    }

    /// An amount of `cents` hundredths.
    pub fn cents(cents: i64) -> Exact {
        Exact::ratio(cents as i128, 100)
    }

    /// The exact value of a decimal.
    pub fn from_decimal(value: Decimal) -> Exact {
        // A Decimal's mantissa is 96 bits and its scale at most 28: 10^28 fits in i128.
        Exact::ratio(value.mantissa(), 10i128.pow(value.scale()))
    }

    /// The exact value of an amount of money.
    pub fn from_money(value: Money) -> Exact {
        Exact::from_decimal(value.as_decimal())
    }

    /// Whether a previous operation overflowed.
    pub fn is_overflowed(self) -> bool {
        self.d == 0
    }

    /// The value, or the `precision` error if an operation on the way overflowed.
    pub fn checked(self) -> Result<Exact, Error> {
        if self.is_overflowed() {
            Err(Error::precision())
        } else {
            Ok(self)
        }
    }

    /// The numerator (in lowest terms).
    pub fn numer(self) -> i128 {
        self.n
    }

    /// The denominator (positive, in lowest terms; 0 if overflowed).
    pub fn denom(self) -> i128 {
        self.d
    }

    /// Whether this is zero.
    pub fn is_zero(self) -> bool {
        self.n == 0 && self.d != 0
    }

    /// Whether this is below zero.
    pub fn is_negative(self) -> bool {
        self.n < 0
    }

    /// Whether this is above zero.
    pub fn is_positive(self) -> bool {
        self.n > 0
    }

    /// The absolute value.
    pub fn abs(self) -> Exact {
        if self.n < 0 {
            -self
        } else {
            self
        }
    }

    /// The smaller of two values.
    pub fn min(self, other: Exact) -> Exact {
        if other < self {
            other
        } else {
            self
        }
    }

    /// The larger of two values.
    pub fn max(self, other: Exact) -> Exact {
        if other > self {
            other
        } else {
            self
        }
    }

    /// `self / other`, or `None` when `other` is zero.
    pub fn checked_div(self, other: Exact) -> Option<Exact> {
        if other.is_zero() {
            None
        } else {
            Some(self / other)
        }
    }

    /// Whether the value has a finite decimal expansion.
    pub fn terminates(self) -> bool {
        if self.d == 0 {
            return false;
        }
        let mut d = self.d;
        while d % 2 == 0 {
            d /= 2;
        }
        while d % 5 == 0 {
            d /= 5;
        }
        d == 1
    }

    /// The value as a decimal, when it terminates within a decimal's 28 places.
    pub fn to_decimal(self) -> Option<Decimal> {
        if !self.terminates() {
            return None;
        }
        let mut scale = 0u32;
        let mut n = self.n;
        let mut d = self.d;
        // Make the denominator a power of ten by multiplying up the missing 2s or 5s.
        while d != 1 {
            let (mul, div) = if d % 10 == 0 {
                (1, 10)
            } else if d % 2 == 0 {
                (5, 2)
            } else {
                (2, 5)
            };
            n = n.checked_mul(mul)?;
            d /= div;
            scale += 1;
            if scale > 28 {
                return None;
            }
        }
        Decimal::try_from_i128_with_scale(n, scale).ok()
    }

    fn round_scaled(self, scale: i128, mode: Rounding) -> Option<i128> {
        if self.d == 0 {
            return None;
        }
        let neg = self.n < 0;
        let n = self.n.unsigned_abs();
        let d = self.d.unsigned_abs();
        let (q, r) = (n / d, n % d);
        let whole = q.checked_mul(scale as u128)?;
        // r < d, so r * scale fits when d * scale does.
        let rs = r.checked_mul(scale as u128)?;
        let (fq, fr) = (rs / d, rs % d);
        let up = match mode {
            Rounding::HalfAwayFromZero => fr.checked_mul(2)? >= d,
            Rounding::TowardZero => false,
            Rounding::AwayFromZero => fr != 0,
        };
        let mag = whole.checked_add(fq)?.checked_add(up as u128)?;
        let mag = i128::try_from(mag).ok()?;
        Some(if neg { -mag } else { mag })
    }

    /// The number of cents, rounded half away from zero (the default rounding of every amount).
    pub fn round_cents(self) -> Result<Money, Error> {
        self.to_money(Rounding::HalfAwayFromZero)
    }

    /// The number of cents, rounded toward zero (caps: "shall not exceed").
    pub fn round_cents_toward_zero(self) -> Result<Money, Error> {
        self.to_money(Rounding::TowardZero)
    }

    /// The number of cents, rounded away from zero (an installment that must suffice).
    pub fn round_cents_up(self) -> Result<Money, Error> {
        self.to_money(Rounding::AwayFromZero)
    }

    fn to_money(self, mode: Rounding) -> Result<Money, Error> {
        let cents = self.round_scaled(100, mode).ok_or_else(Error::precision)?;
        i64::try_from(cents)
            .map(Money::from_cents)
            .map_err(|_| Error::precision())
    }

    /// The value rounded half away from zero to `places` decimals, for display.
    pub fn to_decimal_places(self, places: u32) -> Option<Decimal> {
        let scale = 10i128.checked_pow(places.min(28))?;
        let v = self.round_scaled(scale, Rounding::HalfAwayFromZero)?;
        Decimal::try_from_i128_with_scale(v, places.min(28)).ok()
    }

    /// The largest integer not above the value.
    pub fn floor(self) -> Option<i128> {
        if self.d == 0 {
            return None;
        }
        Some(self.n.div_euclid(self.d))
    }
}

#[derive(Clone, Copy)]
enum Rounding {
    HalfAwayFromZero,
    TowardZero,
    AwayFromZero,
}

impl From<Decimal> for Exact {
    fn from(value: Decimal) -> Exact {
        Exact::from_decimal(value)
    }
}

impl From<Money> for Exact {
    fn from(value: Money) -> Exact {
        Exact::from_money(value)
    }
}

impl From<u32> for Exact {
    fn from(value: u32) -> Exact {
        Exact::int(value as i64)
    }
}

impl From<i64> for Exact {
    fn from(value: i64) -> Exact {
        Exact::int(value)
    }
}

impl Add for Exact {
    type Output = Exact;
    fn add(self, o: Exact) -> Exact {
        if self.d == 0 || o.d == 0 {
            return OVERFLOWED;
        }
        if self.d == o.d {
            return match self.n.checked_add(o.n) {
                Some(n) if self.d == 1 => Exact { n, d: 1 },
                Some(n) => Exact::ratio(n, self.d),
                None => OVERFLOWED,
            };
        }
        let g = gcd(self.d, o.d);
        let (sd, od) = (self.d / g, o.d / g);
        let n = match self
            .n
            .checked_mul(od)
            .zip(o.n.checked_mul(sd))
            .and_then(|(a, b)| a.checked_add(b))
        {
            Some(n) => n,
            None => return OVERFLOWED,
        };
        // gcd(n, d) divides g (Knuth 4.5.1): reduce by gcd(n, g) only.
        let g2 = gcd(n, g);
        match sd.checked_mul(o.d / g2) {
            Some(d) => Exact { n: n / g2, d },
            None => OVERFLOWED,
        }
    }
}

impl Sub for Exact {
    type Output = Exact;
    fn sub(self, o: Exact) -> Exact {
        self + (-o)
    }
}

impl Neg for Exact {
    type Output = Exact;
    fn neg(self) -> Exact {
        match self.n.checked_neg() {
            Some(n) => Exact { n, d: self.d },
            None => OVERFLOWED,
        }
    }
}

impl Mul for Exact {
    type Output = Exact;
    fn mul(self, o: Exact) -> Exact {
        if self.d == 0 || o.d == 0 {
            return OVERFLOWED;
        }
        if self.d == 1 && o.d == 1 {
            return match self.n.checked_mul(o.n) {
                Some(n) => Exact { n, d: 1 },
                None => OVERFLOWED,
            };
        }
        let g1 = gcd(self.n, o.d);
        let g2 = gcd(o.n, self.d);
        let n = (self.n / g1).checked_mul(o.n / g2);
        let d = (self.d / g2).checked_mul(o.d / g1);
        match (n, d) {
            (Some(n), Some(d)) => Exact { n, d },
            _ => OVERFLOWED,
        }
    }
}

impl Div for Exact {
    type Output = Exact;
    /// Division; dividing by zero gives an overflowed value (callers test for zero first).
    fn div(self, o: Exact) -> Exact {
        if o.d == 0 || o.n == 0 || o.n == i128::MIN {
            return OVERFLOWED;
        }
        let (n, d) = if o.n < 0 { (-o.d, -o.n) } else { (o.d, o.n) };
        self * Exact { n, d }
    }
}

impl AddAssign for Exact {
    fn add_assign(&mut self, o: Exact) {
        *self = *self + o;
    }
}

impl SubAssign for Exact {
    fn sub_assign(&mut self, o: Exact) {
        *self = *self - o;
    }
}

impl std::iter::Sum for Exact {
    fn sum<I: Iterator<Item = Exact>>(iter: I) -> Exact {
        iter.fold(Exact::ZERO, |a, b| a + b)
    }
}

/// Compares `a/b` with `c/d` (b, d > 0) without overflow, by continued fractions.
fn cmp_fractions(mut a: i128, mut b: i128, mut c: i128, mut d: i128) -> Ordering {
    loop {
        let (qa, ra) = (a.div_euclid(b), a.rem_euclid(b));
        let (qc, rc) = (c.div_euclid(d), c.rem_euclid(d));
        match qa.cmp(&qc) {
            Ordering::Equal => {}
            other => return other,
        }
        // Equal integer parts: compare ra/b with rc/d, both in [0, 1).
        match (ra == 0, rc == 0) {
            (true, true) => return Ordering::Equal,
            (true, false) => return Ordering::Less,
            (false, true) => return Ordering::Greater,
            (false, false) => {}
        }
        // ra/b < rc/d  <=>  d/rc < b/ra.
        (a, b, c, d) = (d, rc, b, ra);
    }
}

impl PartialEq for Exact {
    fn eq(&self, o: &Exact) -> bool {
        // Lowest terms make the representation unique; overflowed values equal nothing.
        self.d != 0 && self.n == o.n && self.d == o.d
    }
}

impl PartialOrd for Exact {
    /// Overflowed values are unordered.
    fn partial_cmp(&self, o: &Exact) -> Option<Ordering> {
        if self.d == 0 || o.d == 0 {
            return None;
        }
        if self.d == o.d {
            return Some(self.n.cmp(&o.n));
        }
        Some(cmp_fractions(self.n, self.d, o.n, o.d))
    }
}

impl fmt::Display for Exact {
    /// A decimal where the value terminates, else `numerator/denominator`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.d == 0 {
            return f.write_str("overflow");
        }
        match self.to_decimal() {
            Some(d) => write!(f, "{}", d.normalize()),
            None => write!(f, "{}/{}", self.n, self.d),
        }
    }
}

impl fmt::Debug for Exact {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Exact({self})")
    }
}

impl FromStr for Exact {
    type Err = Error;
    /// A plain decimal (`-12.5`) or a fraction of two integers (`2500/82857`).
    fn from_str(s: &str) -> Result<Exact, Error> {
        let bad = || Error::invalid("value", s, "a decimal (12.5) or a fraction (25/2)");
        let plain = |t: &str| -> Result<Exact, Error> {
            let digits = t.strip_prefix('-').unwrap_or(t);
            if digits.is_empty()
                || !digits.chars().all(|c| c.is_ascii_digit() || c == '.')
                || digits.matches('.').count() > 1
                || digits.starts_with('.')
                || digits.ends_with('.')
            {
                return Err(bad());
            }
            Decimal::from_str_exact(t)
                .map(Exact::from_decimal)
                .map_err(|_| bad())
        };
        match s.split_once('/') {
            None => plain(s),
            Some((n, d)) => {
                let n: i128 = n.parse().map_err(|_| bad())?;
                let d: i128 = d.parse().map_err(|_| bad())?;
                if d <= 0 {
                    return Err(bad());
                }
                Ok(Exact::ratio(n, d))
            }
        }
    }
}

impl Serialize for Exact {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Exact {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Exact, D::Error> {
        let s = String::deserialize(deserializer)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn x(s: &str) -> Exact {
        s.parse().unwrap()
    }

    #[test]
    fn keeps_values_that_do_not_terminate() {
        let tn = x("1000");
        let f = x("0.165") + tn / Exact::int(82857);
        // 0.165 + 1000/82857 = (33 x 82857 + 200,000) / (200 x 82857).
        assert_eq!(f.to_string(), "2934281/16571400");
        // §4055(b)(3)'s example: K = 1.2 x fraction = 0.2124827836 to ten places.
        assert_eq!(
            (x("1.2") * f).to_decimal_places(10).unwrap().to_string(),
            "0.2124827836"
        );
    }

    #[test]
    fn a_half_cent_rounds_away_from_zero() {
        // The Texas case: 605.375 exactly must give 605.38.
        assert_eq!(x("605.375").round_cents().unwrap().to_string(), "605.38");
        assert_eq!(x("-605.375").round_cents().unwrap().to_string(), "-605.38");
        assert_eq!(
            x("605.375").round_cents_toward_zero().unwrap().to_string(),
            "605.37"
        );
        assert_eq!(x("605.371").round_cents_up().unwrap().to_string(), "605.38");
        // 3,354.115 stays 3,354.115, and rounds to 3,354.12.
        let v = x("6708.23") / Exact::int(2);
        assert_eq!(v.to_string(), "3354.115");
        assert_eq!(v.round_cents().unwrap().to_string(), "3354.12");
    }

    #[test]
    fn overflow_is_an_error_not_a_number() {
        let tiny = x("0.0000000000000000000000000001");
        let v = tiny * tiny * tiny * Exact::int(3);
        assert!(v.is_overflowed());
        assert!((v + Exact::ONE).is_overflowed());
        assert_eq!(
            v.round_cents().unwrap_err().code(),
            crate::ErrorCode::Precision
        );
        assert!(v.partial_cmp(&Exact::ZERO).is_none());
        assert!((Exact::ONE / Exact::ZERO).is_overflowed());
    }

    #[test]
    fn text_round_trips() {
        for s in ["0", "-12.5", "2500/82857", "-1/3", "1000000000000.01"] {
            assert_eq!(x(s).to_string(), s);
        }
        assert!("1e5".parse::<Exact>().is_err());
        assert!("+1".parse::<Exact>().is_err());
        assert!("1/0".parse::<Exact>().is_err());
    }

    fn small() -> impl Strategy<Value = (i64, i64)> {
        (-1_000_000_000i64..1_000_000_000, 1i64..1_000_000)
    }

    proptest! {
        #[test]
        fn arithmetic_matches_cross_multiplication((a, b) in small(), (c, d) in small()) {
            let (p, q) = (Exact::ratio(a as i128, b as i128), Exact::ratio(c as i128, d as i128));
            let (a, b, c, d) = (a as i128, b as i128, c as i128, d as i128);
            prop_assert_eq!(p + q, Exact::ratio(a * d + c * b, b * d));
            prop_assert_eq!(p - q, Exact::ratio(a * d - c * b, b * d));
            prop_assert_eq!(p * q, Exact::ratio(a * c, b * d));
            if c != 0 {
                prop_assert_eq!(p / q, Exact::ratio(a * d, b * c));
            }
            prop_assert_eq!(p.partial_cmp(&q), Some((a * d).cmp(&(c * b))));
        }

        #[test]
        fn rounding_matches_integer_arithmetic(n in -10_000_000_000i64..10_000_000_000, d in 1i64..100_000) {
            // Half away from zero: |n|/d * 100 + 1/2, floored, with the sign put back.
            let (n, d) = (n as i128, d as i128);
            let mag = (2 * n.abs() * 100 + d) / (2 * d);
            let expect = if n < 0 { -mag } else { mag };
            prop_assert_eq!(Exact::ratio(n, d).round_cents().unwrap().cents() as i128, expect);
            let tz = n.abs() * 100 / d;
            prop_assert_eq!(
                Exact::ratio(n, d).round_cents_toward_zero().unwrap().cents() as i128,
                if n < 0 { -tz } else { tz }
            );
        }
    }
}
