//! Exact numbers: rationals, the one numeric type of every formula.
//!
//! The law's formulas produce values that never terminate in decimal (TN / 82,857, an annual
//! figure / 12, an average of time shares, a §154.128 credit divided by the number of children).
//! A fixed-precision decimal cuts them, and when the exact answer is k + 0.005 the cut value sits
//! a hair below it and rounds a cent low. An [`Exact`] is the exact rational the formula gives;
//! it is rounded once, where the law or a reading says ([`Exact::round_cents`] and friends).
//!
//! # Representation
//! A numerator and a positive denominator. Ordinary figures (cents, time shares to a few places,
//! the statutes' constants) stay in two `i128`s, with every operation checked and no reduction
//! while the products fit (a gcd costs more than the whole formula); when a product would not
//! fit, the operands are reduced and the operation tried again;
//! an operation whose result does not fit there (inputs with many decimal places, such as a
//! monthly income written to 28 digits) moves to arbitrary precision ([`num_rational`]'s
//! `BigRational`), so no input is ever rounded or refused for its digits. The small form is the
//! fast path: a California case stays in it from start to end.
//!
//! Dividing by zero gives an *undefined* value that every later operation keeps; engines test
//! for zero first, and reading an undefined value ([`Exact::checked`], rounding) is an error,
//! never a number or a panic.
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

use num_bigint::{BigInt, Sign};
use num_rational::BigRational;
use num_traits::{Signed, ToPrimitive, Zero};
use rust_decimal::Decimal;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::error::Error;
use crate::money::Money;

/// An exact rational number (see the [module docs](self)).
#[derive(Clone)]
pub struct Exact(Repr);

#[derive(Clone)]
enum Repr {
    /// `n / d`, `d > 0`, neither `i128::MIN`; not necessarily in lowest terms.
    Small(i128, i128),
    /// A value that does not fit `Small`, in lowest terms.
    Big(Box<BigRational>),
    /// The result of dividing by zero.
    Undefined,
}

fn gcd(a: i128, b: i128) -> i128 {
    let (mut a, mut b) = (a.unsigned_abs(), b.unsigned_abs());
    if a == 0 {
        return b as i128;
    }
    if b == 0 {
        return a as i128;
    }
    if let (Ok(x), Ok(y)) = (u64::try_from(a), u64::try_from(b)) {
        return gcd64(x, y) as i128;
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
    // Small values exclude i128::MIN, so the gcd is below 2^127.
    (a << shift) as i128
}

fn gcd64(mut a: u64, mut b: u64) -> u64 {
    let shift = (a | b).trailing_zeros();
    a >>= a.trailing_zeros();
    loop {
        b >>= b.trailing_zeros();
        if a > b {
            std::mem::swap(&mut a, &mut b);
        }
        b -= a;
        if b == 0 {
            return a << shift;
        }
    }
}

/// `n / d` in lowest terms (`d > 0`).
fn reduce(n: i128, d: i128) -> (i128, i128) {
    if d == 1 {
        return (n, 1);
    }
    let g = gcd(n, d);
    (n / g, d / g)
}

impl Exact {
    /// Zero.
    pub const ZERO: Exact = Exact(Repr::Small(0, 1));
    /// One.
    pub const ONE: Exact = Exact(Repr::Small(1, 1));
    /// One half.
    pub const HALF: Exact = Exact(Repr::Small(1, 2));

    /// The integer `n`.
    pub const fn int(n: i64) -> Exact {
        Exact(Repr::Small(n as i128, 1))
    }

    /// `n / d` in lowest terms; undefined if `d` is zero.
    pub fn ratio(n: i128, d: i128) -> Exact {
        if d == 0 {
            return Exact(Repr::Undefined);
        }
        if n == i128::MIN || d == i128::MIN {
            return Exact::from_big(BigRational::new(BigInt::from(n), BigInt::from(d)));
        }
        let g = gcd(n, d);
        let (mut n, mut d) = (n / g, d / g);
        if d < 0 {
            n = -n;
            d = -d;
        }
        Exact(Repr::Small(n, d))
    }

    /// A big rational, in the small form when it fits.
    fn from_big(r: BigRational) -> Exact {
        match (r.numer().to_i128(), r.denom().to_i128()) {
            (Some(n), Some(d)) if n != i128::MIN && d != i128::MIN => Exact(Repr::Small(n, d)),
            _ => Exact(Repr::Big(Box::new(r))),
        }
    }

    fn to_big(&self) -> Option<BigRational> {
        match &self.0 {
            Repr::Small(n, d) => Some(BigRational::new(BigInt::from(*n), BigInt::from(*d))),
            Repr::Big(r) => Some((**r).clone()),
            Repr::Undefined => None,
        }
    }

    /// An amount of `cents` hundredths.
    pub fn cents(cents: i64) -> Exact {
        Exact::ratio(cents as i128, 100)
    }

    /// The exact value of a decimal.
    pub fn from_decimal(value: Decimal) -> Exact {
        // A Decimal's mantissa is 96 bits and its scale at most 28: 10^28 fits in i128.
        Exact(Repr::Small(value.mantissa(), 10i128.pow(value.scale())))
    }

    /// The same value in lowest terms.
    fn reduced(&self) -> Exact {
        match &self.0 {
            Repr::Small(n, d) => {
                let (n, d) = reduce(*n, *d);
                Exact(Repr::Small(n, d))
            }
            other => Exact(other.clone()),
        }
    }

    /// The exact value of an amount of money.
    pub fn from_money(value: Money) -> Exact {
        Exact::from_decimal(value.as_decimal())
    }

    /// Whether a division by zero on the way left the value undefined.
    pub fn is_undefined(&self) -> bool {
        matches!(self.0, Repr::Undefined)
    }

    /// The value, or an error if a division by zero on the way left it undefined.
    pub fn checked(self) -> Result<Exact, Error> {
        if self.is_undefined() {
            Err(Error::undefined())
        } else {
            Ok(self)
        }
    }

    /// Whether this is zero.
    pub fn is_zero(&self) -> bool {
        match &self.0 {
            Repr::Small(n, _) => *n == 0,
            Repr::Big(r) => r.is_zero(),
            Repr::Undefined => false,
        }
    }

    /// -1, 0 or 1 (0 for an undefined value).
    pub fn signum(&self) -> i32 {
        match &self.0 {
            Repr::Small(n, _) => n.signum() as i32,
            Repr::Big(r) => match r.numer().sign() {
                Sign::Minus => -1,
                Sign::NoSign => 0,
                Sign::Plus => 1,
            },
            Repr::Undefined => 0,
        }
    }

    /// Whether this is below zero.
    pub fn is_negative(&self) -> bool {
        self.signum() < 0
    }

    /// Whether this is above zero.
    pub fn is_positive(&self) -> bool {
        self.signum() > 0
    }

    /// The absolute value.
    pub fn abs(&self) -> Exact {
        if self.is_negative() {
            -self
        } else {
            self.clone()
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
    pub fn checked_div(&self, other: &Exact) -> Option<Exact> {
        if other.is_zero() {
            None
        } else {
            Some(self / other)
        }
    }

    /// Whether the value is in the fast, 128-bit form.
    pub fn is_small(&self) -> bool {
        matches!(self.0, Repr::Small(..))
    }

    /// The numerator and denominator, in lowest terms, as text.
    pub fn parts(&self) -> Option<(String, String)> {
        match &self.reduced().0 {
            Repr::Small(n, d) => Some((n.to_string(), d.to_string())),
            Repr::Big(r) => Some((r.numer().to_string(), r.denom().to_string())),
            Repr::Undefined => None,
        }
    }

    /// Whether the value has a finite decimal expansion.
    pub fn terminates(&self) -> bool {
        match &self.reduced().0 {
            Repr::Small(_, d) => {
                let mut d = *d;
                while d % 2 == 0 {
                    d /= 2;
                }
                while d % 5 == 0 {
                    d /= 5;
                }
                d == 1
            }
            Repr::Big(r) => {
                let mut d = r.denom().clone();
                let (two, five) = (BigInt::from(2), BigInt::from(5));
                while (&d % &two).is_zero() {
                    d /= &two;
                }
                while (&d % &five).is_zero() {
                    d /= &five;
                }
                d == BigInt::from(1)
            }
            Repr::Undefined => false,
        }
    }

    /// The value as a decimal, when it terminates within a decimal's 28 places and range.
    pub fn to_decimal(&self) -> Option<Decimal> {
        let Repr::Small(n, d) = self.0 else {
            return None;
        };
        let (n, d) = reduce(n, d);
        decimal_of_reduced(n, d)
    }

    /// The value times `scale`, rounded to an integer by `mode`.
    fn round_scaled(&self, scale: u32, mode: Rounding) -> Option<BigInt> {
        if let Repr::Small(n, d) = self.0 {
            if let Some(v) = Exact::round_small_scaled(n, d, scale, mode) {
                return Some(BigInt::from(v));
            }
        }
        let r = self.to_big()? * BigRational::from_integer(BigInt::from(10u8).pow(scale));
        let neg = r.is_negative();
        let r = r.abs();
        let (q, rem) = (r.numer() / r.denom(), r.numer() % r.denom());
        let up = match mode {
            Rounding::HalfAway => &rem * 2u8 >= *r.denom(),
            Rounding::Down => false,
            Rounding::Up => !rem.is_zero(),
        };
        let mag = if up { q + 1u8 } else { q };
        Some(if neg { -mag } else { mag })
    }

    /// `n / d x 10^scale` rounded by `mode`, in 128-bit arithmetic; `None` when an
    /// intermediate would not fit (the caller then rounds in arbitrary precision).
    fn round_small_scaled(n: i128, d: i128, scale: u32, mode: Rounding) -> Option<i128> {
        let neg = n < 0;
        let (n, d) = (n.unsigned_abs(), d.unsigned_abs());
        let factor = 10u128.checked_pow(scale)?;
        let (q, r) = (n / d, n % d);
        let whole = q.checked_mul(factor)?;
        let rs = r.checked_mul(factor)?;
        let (fq, fr) = (rs / d, rs % d);
        let up = match mode {
            Rounding::HalfAway => fr.checked_mul(2)? >= d,
            Rounding::Down => false,
            Rounding::Up => fr != 0,
        };
        let mag = i128::try_from(whole.checked_add(fq)?.checked_add(up as u128)?).ok()?;
        Some(if neg { -mag } else { mag })
    }

    fn round_small_cents(n: i128, d: i128, mode: Rounding) -> Option<i64> {
        let neg = n < 0;
        let (n, d) = (n.unsigned_abs(), d.unsigned_abs());
        if let (Ok(n), true) = (u64::try_from(n), d < 1 << 57) {
            // Hardware division, the usual case: r < d < 2^57, so r x 100 fits a u64.
            let d = d as u64;
            let (q, r) = (n / d, n % d);
            let rs = r * 100;
            let (fq, fr) = (rs / d, rs % d);
            let up = match mode {
                Rounding::HalfAway => fr * 2 >= d,
                Rounding::Down => false,
                Rounding::Up => fr != 0,
            };
            let mag = i64::try_from(
                q.checked_mul(100)?
                    .checked_add(fq)?
                    .checked_add(up as u64)?,
            )
            .ok()?;
            return Some(if neg { -mag } else { mag });
        }
        let (q, r) = (n / d, n % d);
        let whole = q.checked_mul(100)?;
        let rs = r.checked_mul(100)?;
        let (fq, fr) = (rs / d, rs % d);
        let up = match mode {
            Rounding::HalfAway => fr.checked_mul(2)? >= d,
            Rounding::Down => false,
            Rounding::Up => fr != 0,
        };
        let mag = i64::try_from(whole.checked_add(fq)?.checked_add(up as u128)?).ok()?;
        Some(if neg { -mag } else { mag })
    }

    /// For a non-negative value in the fast form: its cents rounded toward zero, and what is
    /// left over as the fraction `left / denominator` of a cent (`0 <= left < denominator`).
    /// `None` for other values (callers use the general path).
    pub(crate) fn cents_floor_and_left(&self) -> Option<(i64, i128, i128)> {
        let Repr::Small(n, d) = self.0 else {
            return None;
        };
        if n < 0 || !fits64(n) || !fits64(d) {
            return None;
        }
        // n x 100 < 2^70 and d < 2^63: plain i128 arithmetic.
        let scaled = n * 100;
        let cents = scaled / d;
        Some((i64::try_from(cents).ok()?, scaled - cents * d, d))
    }

    /// The number of cents, rounded half away from zero (the default rounding of every amount).
    pub fn round_cents(&self) -> Result<Money, Error> {
        self.to_money(Rounding::HalfAway)
    }

    /// The number of cents, rounded toward zero (caps: "shall not exceed").
    pub fn round_cents_toward_zero(&self) -> Result<Money, Error> {
        self.to_money(Rounding::Down)
    }

    /// The number of cents, rounded away from zero (an installment that must suffice).
    pub fn round_cents_up(&self) -> Result<Money, Error> {
        self.to_money(Rounding::Up)
    }

    fn to_money(&self, mode: Rounding) -> Result<Money, Error> {
        let cents = match &self.0 {
            // Past what 128-bit intermediates hold (r x 100 with a wide denominator), the same
            // rounding in arbitrary precision.
            Repr::Small(n, d) => Exact::round_small_cents(*n, *d, mode)
                .or_else(|| self.round_scaled(2, mode).and_then(|c| c.to_i64())),
            Repr::Big(_) => self.round_scaled(2, mode).and_then(|c| c.to_i64()),
            Repr::Undefined => return Err(Error::undefined()),
        };
        // Inputs are capped at a trillion dollars, so every amount fits; past that, say so.
        cents.map(Money::from_cents).ok_or_else(Error::too_large)
    }

    /// The value rounded half away from zero to `places` decimals (at most 28), for display.
    pub fn to_decimal_places(&self, places: u32) -> Option<Decimal> {
        let places = places.min(28);
        let v = self.round_scaled(places, Rounding::HalfAway)?.to_i128()?;
        Decimal::try_from_i128_with_scale(v, places).ok()
    }
}

/// How a value is rounded to a whole number of its smallest unit.
#[derive(Clone, Copy)]
enum Rounding {
    /// Half away from zero: the law's default for amounts.
    HalfAway,
    /// Toward zero: caps.
    Down,
    /// Away from zero: installments that must suffice.
    Up,
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

/// Whether `x` fits an `i64`: a product of two such values cannot overflow an `i128`.
#[inline(always)]
fn fits64(x: i128) -> bool {
    x as i64 as i128 == x
}

/// A result of the fast path, reduced when it leaves the 64-bit lanes so that chains of
/// operations stay in them.
#[inline(always)]
fn small(n: i128, d: i128) -> Option<Exact> {
    if n == i128::MIN || d == i128::MIN {
        return None;
    }
    if fits64(n) && fits64(d) {
        return Some(Exact(Repr::Small(n, d)));
    }
    let (n, d) = reduce(n, d);
    Some(Exact(Repr::Small(n, d)))
}

/// A reduced `n / d` as a decimal, when `d` has no prime factors but 2 and 5 and the value fits a
/// decimal's 28 places.
fn decimal_of_reduced(n: i128, d: i128) -> Option<Decimal> {
    let (mut n, mut d, mut scale) = (n, d, 0u32);
    // Make the denominator a power of ten by multiplying up the missing 2s or 5s; any other
    // factor leaves it above 1 with no 2 or 5 to remove, and the value does not terminate.
    while d != 1 {
        let (mul, div) = if d % 10 == 0 {
            (1, 10)
        } else if d % 2 == 0 {
            (5, 2)
        } else if d % 5 == 0 {
            (2, 5)
        } else {
            return None;
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

#[inline(always)]
fn add_small(a: i128, b: i128, c: i128, d: i128) -> Option<Exact> {
    if b == d {
        return small(a.checked_add(c)?, b);
    }
    if fits64(a) && fits64(b) && fits64(c) && fits64(d) {
        // No product of i64s overflows an i128, and their sum stays below 2^127.
        return small(a * d + c * b, b * d);
    }
    add_small_slow(a, b, c, d)
}

#[inline(never)]
fn add_small_slow(a: i128, b: i128, c: i128, d: i128) -> Option<Exact> {
    // Cross-multiply without reducing.
    if let (Some(ad), Some(cb), Some(bd)) = (a.checked_mul(d), c.checked_mul(b), b.checked_mul(d)) {
        if let Some(n) = ad.checked_add(cb) {
            if let Some(r) = small(n, bd) {
                return Some(r);
            }
        }
    }
    let (a, b) = reduce(a, b);
    let (c, d) = reduce(c, d);
    let g = gcd(b, d);
    let (bg, dg) = (b / g, d / g);
    let n = a.checked_mul(dg)?.checked_add(c.checked_mul(bg)?)?;
    // gcd(n, b d / g) divides g (Knuth 4.5.1): reduce by gcd(n, g) only.
    let g2 = gcd(n, g);
    let den = bg.checked_mul(d / g2)?;
    if n == i128::MIN {
        return None;
    }
    Some(Exact(Repr::Small(n / g2, den)))
}

#[inline(always)]
fn mul_small(a: i128, b: i128, c: i128, d: i128) -> Option<Exact> {
    if fits64(a) && fits64(b) && fits64(c) && fits64(d) {
        return small(a * c, b * d);
    }
    mul_small_slow(a, b, c, d)
}

#[inline(never)]
fn mul_small_slow(a: i128, b: i128, c: i128, d: i128) -> Option<Exact> {
    // Multiply without reducing.
    if let (Some(n), Some(den)) = (a.checked_mul(c), b.checked_mul(d)) {
        if let Some(r) = small(n, den) {
            return Some(r);
        }
    }
    let g1 = gcd(a, d);
    let g2 = gcd(c, b);
    let n = (a / g1).checked_mul(c / g2)?;
    let den = (b / g2).checked_mul(d / g1)?;
    (n != i128::MIN && den != i128::MIN).then_some(Exact(Repr::Small(n, den)))
}

#[inline(always)]
fn binary(
    x: &Exact,
    y: &Exact,
    small: impl Fn(i128, i128, i128, i128) -> Option<Exact>,
    wide: fn(BigRational, BigRational) -> BigRational,
) -> Exact {
    if let (Repr::Small(a, b), Repr::Small(c, d)) = (&x.0, &y.0) {
        if let Some(r) = small(*a, *b, *c, *d) {
            return r;
        }
    }
    binary_wide(x, y, wide)
}

#[inline(never)]
fn binary_wide(x: &Exact, y: &Exact, wide: fn(BigRational, BigRational) -> BigRational) -> Exact {
    match (x.to_big(), y.to_big()) {
        (Some(p), Some(q)) => Exact::from_big(wide(p, q)),
        _ => Exact(Repr::Undefined),
    }
}

impl Add<&Exact> for &Exact {
    type Output = Exact;
    fn add(self, o: &Exact) -> Exact {
        binary(self, o, add_small, |p, q| p + q)
    }
}

impl Sub<&Exact> for &Exact {
    type Output = Exact;
    fn sub(self, o: &Exact) -> Exact {
        self + &(-o)
    }
}

impl Mul<&Exact> for &Exact {
    type Output = Exact;
    fn mul(self, o: &Exact) -> Exact {
        binary(self, o, mul_small, |p, q| p * q)
    }
}

impl Div<&Exact> for &Exact {
    type Output = Exact;
    /// Division; dividing by zero gives an undefined value (callers test for zero first).
    fn div(self, o: &Exact) -> Exact {
        let inverse = match &o.0 {
            Repr::Small(0, _) | Repr::Undefined => return Exact(Repr::Undefined),
            Repr::Small(n, d) if *n < 0 => Exact(Repr::Small(-*d, -*n)),
            Repr::Small(n, d) => Exact(Repr::Small(*d, *n)),
            Repr::Big(r) if r.is_zero() => return Exact(Repr::Undefined),
            Repr::Big(r) => Exact::from_big(r.recip()),
        };
        self * &inverse
    }
}

impl Neg for &Exact {
    type Output = Exact;
    fn neg(self) -> Exact {
        match &self.0 {
            // Small values exclude i128::MIN, so the negation fits.
            Repr::Small(n, d) => Exact(Repr::Small(-*n, *d)),
            Repr::Big(r) => Exact::from_big(-(**r).clone()),
            Repr::Undefined => Exact(Repr::Undefined),
        }
    }
}

impl Neg for Exact {
    type Output = Exact;
    fn neg(self) -> Exact {
        -&self
    }
}

macro_rules! owned_ops {
    ($($tr:ident $f:ident),*) => {$(
        impl $tr<Exact> for Exact {
            type Output = Exact;
            fn $f(self, o: Exact) -> Exact {
                (&self).$f(&o)
            }
        }
        impl $tr<&Exact> for Exact {
            type Output = Exact;
            fn $f(self, o: &Exact) -> Exact {
                (&self).$f(o)
            }
        }
        impl $tr<Exact> for &Exact {
            type Output = Exact;
            fn $f(self, o: Exact) -> Exact {
                self.$f(&o)
            }
        }
    )*};
}
owned_ops!(Add add, Sub sub, Mul mul, Div div);

impl AddAssign<&Exact> for Exact {
    fn add_assign(&mut self, o: &Exact) {
        *self = &*self + o;
    }
}

impl AddAssign for Exact {
    fn add_assign(&mut self, o: Exact) {
        *self = &*self + &o;
    }
}

impl SubAssign<&Exact> for Exact {
    fn sub_assign(&mut self, o: &Exact) {
        *self = &*self - o;
    }
}

impl SubAssign for Exact {
    fn sub_assign(&mut self, o: Exact) {
        *self = &*self - &o;
    }
}

impl std::iter::Sum for Exact {
    fn sum<I: Iterator<Item = Exact>>(iter: I) -> Exact {
        iter.fold(Exact::ZERO, |a, b| &a + &b)
    }
}

impl<'a> std::iter::Sum<&'a Exact> for Exact {
    fn sum<I: Iterator<Item = &'a Exact>>(iter: I) -> Exact {
        iter.fold(Exact::ZERO, |a, b| &a + b)
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
        // A value is Big only when even its lowest terms do not fit Small, so the two forms
        // never hold the same value; undefined values equal nothing.
        match (&self.0, &o.0) {
            (Repr::Small(a, b), Repr::Small(c, d)) if b == d => a == c,
            (Repr::Small(a, b), Repr::Small(c, d)) => {
                match (a.checked_mul(*d), c.checked_mul(*b)) {
                    (Some(x), Some(y)) => x == y,
                    _ => cmp_fractions(*a, *b, *c, *d) == Ordering::Equal,
                }
            }
            (Repr::Big(p), Repr::Big(q)) => p == q,
            _ => false,
        }
    }
}

impl PartialOrd for Exact {
    /// Undefined values are unordered.
    fn partial_cmp(&self, o: &Exact) -> Option<Ordering> {
        match (&self.0, &o.0) {
            (Repr::Undefined, _) | (_, Repr::Undefined) => None,
            (Repr::Small(a, b), Repr::Small(c, d)) if b == d => Some(a.cmp(c)),
            (Repr::Small(a, b), Repr::Small(c, d))
                if fits64(*a) && fits64(*b) && fits64(*c) && fits64(*d) =>
            {
                Some((a * d).cmp(&(c * b)))
            }
            (Repr::Small(a, b), Repr::Small(c, d)) => {
                Some(match (a.checked_mul(*d), c.checked_mul(*b)) {
                    (Some(x), Some(y)) => x.cmp(&y),
                    _ => cmp_fractions(*a, *b, *c, *d),
                })
            }
            _ => Some(self.to_big()?.cmp(&o.to_big()?)),
        }
    }
}

impl fmt::Display for Exact {
    /// A decimal where the value terminates, else `numerator/denominator`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.reduced().0 {
            Repr::Small(n, d) => match decimal_of_reduced(*n, *d) {
                Some(x) => write!(f, "{}", x.normalize()),
                None => write!(f, "{n}/{d}"),
            },
            Repr::Big(r) if self.terminates() => {
                // A terminating value too long for a Decimal: write its digits.
                let mut places = 0u32;
                let mut d = r.denom().clone();
                while d != BigInt::from(1) {
                    let ten = BigInt::from(10);
                    if (&d % &ten).is_zero() {
                        d /= ten;
                    } else if (&d % BigInt::from(2)).is_zero() {
                        d /= BigInt::from(2);
                    } else {
                        d /= BigInt::from(5);
                    }
                    places += 1;
                }
                let scaled = self
                    .round_scaled(places, Rounding::Down)
                    .unwrap_or_default();
                let digits = scaled.abs().to_string();
                let places = places as usize;
                let padded = format!("{digits:0>width$}", width = places + 1);
                let (int, frac) = padded.split_at(padded.len() - places);
                let sign = if scaled.is_negative() { "-" } else { "" };
                let frac = frac.trim_end_matches('0');
                if frac.is_empty() {
                    write!(f, "{sign}{int}")
                } else {
                    write!(f, "{sign}{int}.{frac}")
                }
            }
            Repr::Big(r) => write!(f, "{}/{}", r.numer(), r.denom()),
            Repr::Undefined => f.write_str("undefined"),
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
        let integer = |t: &str| -> Result<BigInt, Error> {
            let digits = t.strip_prefix('-').unwrap_or(t);
            if digits.is_empty() || !digits.bytes().all(|c| c.is_ascii_digit()) {
                return Err(bad());
            }
            t.parse::<BigInt>().map_err(|_| bad())
        };
        let value = match s.split_once('/') {
            Some((n, d)) => {
                let (n, d) = (integer(n)?, integer(d)?);
                if !d.is_positive() {
                    return Err(bad());
                }
                BigRational::new(n, d)
            }
            None => {
                let (int, frac) = s.split_once('.').unwrap_or((s, ""));
                if s.contains('.') && frac.is_empty() {
                    return Err(bad());
                }
                if !frac.bytes().all(|c| c.is_ascii_digit()) {
                    return Err(bad());
                }
                let sign = if int.starts_with('-') { "-" } else { "" };
                let n = integer(&format!("{int}{frac}"))?;
                let _ = sign;
                BigRational::new(n, BigInt::from(10u8).pow(frac.len() as u32))
            }
        };
        Ok(Exact::from_big(value))
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
            (x("1.2") * &f).to_decimal_places(10).unwrap().to_string(),
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
    fn values_past_128_bits_stay_exact() {
        // 28 decimal places cubed: far past i128, computed in arbitrary precision and back.
        let tiny = x("0.0000000000000000000000000001");
        let v = &(&tiny * &tiny) * &tiny;
        assert!(!v.is_small());
        assert_eq!(v.to_string(), format!("0.{}1", "0".repeat(83)));
        let back = &(&(&v / &tiny) / &tiny) / &tiny;
        assert!(back.is_small());
        assert_eq!(back, Exact::ONE);
        // A monthly income written to 28 digits, times a statute's fraction, rounds exactly.
        let monthly = x("2773.333333333333333333333333");
        let m = &(&monthly * &x("1499")) / &x("82857");
        assert_eq!(m.round_cents().unwrap().to_string(), "50.17");
        assert!(m > x("50.17") && m < x("50.18"));
        assert_eq!(v.partial_cmp(&Exact::ZERO), Some(Ordering::Greater));
    }

    #[test]
    fn rounding_a_small_value_with_a_wide_denominator() {
        // r x 100 overflows 128 bits here (found by the big-rational property test): the
        // rounding moves to arbitrary precision. 3403152594369202906749375 / 28436522400000000000000000
        // = 0.11967... -> 0.12.
        let v = Exact(Repr::Small(
            3403152594369202906749375000000000000,
            28436522400000000000000000000000000000,
        ));
        assert_eq!(v.round_cents().unwrap(), Money::from_cents(12));
        assert_eq!(v.round_cents_toward_zero().unwrap(), Money::from_cents(11));
    }

    #[test]
    fn display_places_round_half_away_in_both_forms() {
        // 2/3 to 10 places, and a value past 128 bits to 4 places (1134.27455640... -> 1134.2746):
        // both half away from zero.
        assert_eq!(
            x("2/3").to_decimal_places(10).unwrap().to_string(),
            "0.6666666667"
        );
        assert_eq!(x("-2/3").to_decimal_places(2).unwrap().to_string(), "-0.67");
        let wide = x("340282366920938463463374607431768211457/3");
        assert!(!wide.is_small());
        assert_eq!(
            (&wide / &x("100000000000000000000000000000000000")).to_decimal_places(4),
            Some(Decimal::new(11342746, 4))
        );
    }

    #[test]
    fn dividing_by_zero_is_an_error_not_a_number() {
        let v = Exact::ONE / Exact::ZERO;
        assert!(v.is_undefined());
        assert!((v.clone() + Exact::ONE).is_undefined());
        assert_eq!(
            v.round_cents().unwrap_err().code(),
            crate::ErrorCode::Arithmetic
        );
        assert!(v.partial_cmp(&Exact::ZERO).is_none());
        assert!(Exact::ONE.checked_div(&Exact::ZERO).is_none());
    }

    #[test]
    fn text_round_trips() {
        for s in ["0", "-12.5", "2500/82857", "-1/3", "1000000000000.01"] {
            assert_eq!(x(s).to_string(), s);
        }
        let wide = "340282366920938463463374607431768211457/3";
        assert_eq!(x(wide).to_string(), wide);
        assert!("1e5".parse::<Exact>().is_err());
        assert!("+1".parse::<Exact>().is_err());
        assert!("1/0".parse::<Exact>().is_err());
    }

    fn small() -> impl Strategy<Value = (i64, i64)> {
        (-1_000_000_000i64..1_000_000_000, 1i64..1_000_000)
    }

    /// The same value through `BigRational`, as a cross-check of the small path and of the move
    /// between the two forms.
    fn via_big(e: &Exact) -> BigRational {
        e.to_big().unwrap()
    }

    proptest! {
        #[test]
        fn chains_past_128_bits_equal_big_rational_arithmetic(
            xs in proptest::collection::vec((-1_000_000_000_000i64..1_000_000_000_000, 1i64..1_000_000_000), 2..12)
        ) {
            // Multiply and add many fractions: the product leaves i128, the result must equal
            // BigRational's at every step, and shrinking back must return to the small form.
            let mut acc = Exact::ONE;
            let mut reference = BigRational::from_integer(BigInt::from(1));
            for (n, d) in &xs {
                let f = Exact::ratio(*n as i128, *d as i128);
                let r = BigRational::new(BigInt::from(*n), BigInt::from(*d));
                acc = &(&acc * &f) + &f;
                reference = &reference * &r + &r;
                prop_assert_eq!(via_big(&acc), reference.clone());
            }
            let zero = &acc - &acc;
            prop_assert!(zero.is_zero() && zero.is_small());
        }

        #[test]
        fn arithmetic_matches_cross_multiplication((a, b) in small(), (c, d) in small()) {
            let (p, q) = (Exact::ratio(a as i128, b as i128), Exact::ratio(c as i128, d as i128));
            let (a, b, c, d) = (a as i128, b as i128, c as i128, d as i128);
            prop_assert_eq!(&p + &q, Exact::ratio(a * d + c * b, b * d));
            prop_assert_eq!(&p - &q, Exact::ratio(a * d - c * b, b * d));
            prop_assert_eq!(&p * &q, Exact::ratio(a * c, b * d));
            if c != 0 {
                prop_assert_eq!(&p / &q, Exact::ratio(a * d, b * c));
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
