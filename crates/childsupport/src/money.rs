//! Exact money.
//!
//! Arithmetic is done on exact [`Decimal`] values and rounded only where the law or the spec says
//! (the final amount of a calculation). [`Money`] is such a rounded amount: always whole cents.
//!
//! `rust_decimal`'s own `round()` is banker's rounding (half to even); it is never used here.
//! The rounding rules of the spec are:
//! - [`round_cents`]: half away from zero to cents (the default for every final amount);
//! - [`round_cents_toward_zero`]: caps ("shall not exceed"), which must not round up;
//! - [`round_cents_up`]: amounts that must be enough (a 24-month payoff installment).
//!
//! Splitting an amount into parts uses [`split_exact`], so the parts always add up to
//! the rounded whole.

use std::cmp::Ordering;
use std::fmt;
use std::ops::{Add, Neg, Sub};
use std::str::FromStr;

use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::error::Error;
use crate::exact::Exact;

/// The largest amount any input may carry: one trillion dollars. It keeps every product of the
/// engine far inside `Decimal`'s range, so no arithmetic can overflow.
pub const MAX_AMOUNT: Decimal = Decimal::from_parts(3_567_587_328, 232, 0, false, 0);

/// An amount of money in whole cents (rounded; exact values are plain [`Decimal`]s).
///
/// Held as whole cents in an `i128` (wider than a `Decimal`'s 96-bit mantissa), so every amount
/// a `Decimal` at two places can hold is one `Money` holds, and sums, differences and comparisons
/// are integer instructions: the engines add and compare amounts at every step (a distribution
/// does a few dozen per collection), and going through `Decimal` for each cost more than the
/// rules they served.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Money(i128);

impl Money {
    /// Zero dollars.
    pub const ZERO: Money = Money(0);

    /// The cents of a decimal already at two places.
    fn of_scale2(value: Decimal) -> Money {
        debug_assert_eq!(value.scale(), 2);
        Money(value.mantissa())
    }

    /// `value` rounded half away from zero to cents.
    pub fn round(value: Decimal) -> Money {
        Money::of_scale2(round_cents(value))
    }

    /// `value` rounded toward zero to cents (for caps: never above the exact limit).
    pub fn round_toward_zero(value: Decimal) -> Money {
        Money::of_scale2(round_cents_toward_zero(value))
    }

    /// `value` rounded away from zero to the next cent (for installments that must suffice).
    pub fn round_up(value: Decimal) -> Money {
        Money::of_scale2(round_cents_up(value))
    }

    /// An amount already in whole cents; an error naming `field` if it has fractions of a cent.
    pub fn from_exact_cents(field: &str, value: Decimal) -> Result<Money, Error> {
        if value.round_dp_with_strategy(2, RoundingStrategy::ToZero) == value {
            Ok(Money::of_scale2(with_scale2(value)))
        } else {
            Err(Error::invalid(field, value, "an amount in whole cents"))
        }
    }

    /// `cents` as money.
    pub fn from_cents(cents: i64) -> Money {
        Money(i128::from(cents))
    }

    /// The amount in cents (beyond `i64`, which no input reaches, the nearest `i64`).
    #[inline]
    pub fn cents(self) -> i64 {
        i64::try_from(self.0).unwrap_or(if self.0 > 0 { i64::MAX } else { i64::MIN })
    }

    /// The amount as a decimal, at two places. (Beyond a `Decimal`'s mantissa at two places,
    /// which no input comes near, at one place or in whole dollars, as `Decimal`'s own sums
    /// would give it, and at the end of its range.)
    #[inline]
    pub fn as_decimal(self) -> Decimal {
        if let Ok(d) = Decimal::try_from_i128_with_scale(self.0, 2) {
            return d;
        }
        if self.0 % 10 == 0 {
            if let Ok(d) = Decimal::try_from_i128_with_scale(self.0 / 10, 1) {
                return d;
            }
        }
        let dollars = self.0 / 100 + (self.0 % 100) / 50;
        Decimal::try_from_i128_with_scale(dollars, 0).unwrap_or(if self.0 > 0 {
            Decimal::MAX
        } else {
            Decimal::MIN
        })
    }

    /// Whether this is zero.
    #[inline]
    pub fn is_zero(self) -> bool {
        self.0 == 0
    }

    /// The absolute value.
    pub fn abs(self) -> Money {
        Money(self.0.abs())
    }

    /// The smaller of two amounts.
    pub fn min(self, other: Money) -> Money {
        if self <= other {
            self
        } else {
            other
        }
    }

    /// The larger of two amounts.
    pub fn max(self, other: Money) -> Money {
        if self >= other {
            self
        } else {
            other
        }
    }
}

fn with_scale2(value: Decimal) -> Decimal {
    // Sums and differences of whole-cent amounts are already at scale 2: skip the rescale,
    // which dominated long ledgers.
    if value.scale() == 2 {
        return value;
    }
    let mut v = value;
    v.rescale(2);
    v
}

/// `value` rounded half away from zero to cents (the spec's default rounding).
pub fn round_cents(value: Decimal) -> Decimal {
    with_scale2(value.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero))
}

/// `value` rounded toward zero to cents.
pub fn round_cents_toward_zero(value: Decimal) -> Decimal {
    with_scale2(value.round_dp_with_strategy(2, RoundingStrategy::ToZero))
}

/// `value` rounded away from zero to cents (up for positive amounts).
pub fn round_cents_up(value: Decimal) -> Decimal {
    with_scale2(value.round_dp_with_strategy(2, RoundingStrategy::AwayFromZero))
}

/// `value` rounded half away from zero to `dp` decimals (for displayed rates and fractions).
pub fn round_half_away(value: Decimal, dp: u32) -> Decimal {
    value.round_dp_with_strategy(dp, RoundingStrategy::MidpointAwayFromZero)
}

/// Checks that an input amount is neither negative nor absurdly large, naming `field` if it is.
pub(crate) fn require_amount(field: &str, value: Decimal) -> Result<Decimal, Error> {
    if value.is_sign_negative() && !value.is_zero() {
        return Err(Error::invalid(field, value, "an amount of zero or more"));
    }
    if value > MAX_AMOUNT {
        return Err(Error::invalid(
            field,
            value,
            "an amount of at most 1,000,000,000,000",
        ));
    }
    Ok(value.normalize())
}

/// Checks that a fraction lies in `[0, 1]`, naming `field` if it does not.
pub(crate) fn require_fraction(field: &str, value: Decimal) -> Result<Decimal, Error> {
    if value < Decimal::ZERO || value > Decimal::ONE {
        return Err(Error::invalid(
            field,
            value,
            "a fraction from 0 to 1 (0.25 for 25%)",
        ));
    }
    Ok(value.normalize())
}

/// Splits `total` into whole-cent parts proportional to the exact `parts` (which sum to the exact
/// amount that `total` rounds), by largest remainder (Hamilton): each part is first cut to the
/// cent toward zero; the cents still missing go one each to the parts with the largest
/// remainders. Ties go to the part that comes first in `parts`: callers order parts by the tie
/// rule (the younger child first; the larger weight, then the case identifier). The parts always
/// add up to `total`. All parts must have the sign of `total`, or be zero.
pub fn split_exact(total: Money, parts: &[Exact]) -> Result<Vec<Money>, Error> {
    let mut out = vec![Money::ZERO; parts.len()];
    split_exact_into(total, parts, &mut out)?;
    Ok(out)
}

/// [`split_exact`] into `out` (one slot per part), without allocating for up to 16 parts.
pub fn split_exact_into(total: Money, parts: &[Exact], out: &mut [Money]) -> Result<(), Error> {
    const STACK: usize = 16;
    if parts.len() <= STACK && total.cents() >= 0 {
        // The usual case: non-negative parts in the fast form. Each part's cents and leftover
        // fraction of a cent come from one integer division; leftovers are compared by
        // cross-multiplication (each below 2^63 x 2^63).
        let mut left_over = [(0i128, 1i128); STACK];
        let mut cents = [0i64; STACK];
        let mut fast = true;
        for (i, p) in parts.iter().enumerate() {
            match p.cents_floor_and_left() {
                Some((c, l, d)) => {
                    cents[i] = c;
                    left_over[i] = (l, d);
                }
                None => {
                    fast = false;
                    break;
                }
            }
        }
        if fast {
            let n = parts.len();
            let mut missing = total.cents() - cents[..n].iter().sum::<i64>();
            if (0..=n as i64).contains(&missing) {
                let mut order = [0usize; STACK];
                for (i, o) in order[..n].iter_mut().enumerate() {
                    *o = i;
                }
                // Largest leftover first; ties to the earlier part.
                order[..n].sort_by(|&a, &b| {
                    let (la, da) = left_over[a];
                    let (lb, db) = left_over[b];
                    (lb * da).cmp(&(la * db)).then(a.cmp(&b))
                });
                for &i in &order[..n] {
                    if missing == 0 {
                        break;
                    }
                    cents[i] += 1;
                    missing -= 1;
                }
                for (o, c) in out.iter_mut().zip(&cents[..n]) {
                    *o = Money::from_cents(*c);
                }
                return Ok(());
            }
        }
    }
    if parts.len() <= STACK {
        // The usual case (children of one order, a handful of cases): no scratch allocations.
        let mut remainders: [Exact; STACK] = [const { Exact::ZERO }; STACK];
        let mut order = [0usize; STACK];
        let mut cents = [0i64; STACK];
        split_into(
            total,
            parts,
            &mut remainders[..parts.len()],
            &mut order[..parts.len()],
            &mut cents[..parts.len()],
        )?;
        for (o, c) in out.iter_mut().zip(cents) {
            *o = Money::from_cents(c);
        }
    } else {
        let mut remainders = vec![Exact::ZERO; parts.len()];
        let mut order = vec![0usize; parts.len()];
        let mut cents = vec![0i64; parts.len()];
        split_into(total, parts, &mut remainders, &mut order, &mut cents)?;
        for (o, c) in out.iter_mut().zip(cents) {
            *o = Money::from_cents(c);
        }
    }
    Ok(())
}

fn split_into(
    total: Money,
    parts: &[Exact],
    remainders: &mut [Exact],
    order: &mut [usize],
    cents: &mut [i64],
) -> Result<(), Error> {
    let negative = total.cents() < 0;
    let sign = if negative { -1 } else { 1 };
    for ((p, r), c) in parts
        .iter()
        .zip(remainders.iter_mut())
        .zip(cents.iter_mut())
    {
        let floor = if negative { -p } else { p.clone() }.round_cents_toward_zero()?;
        // The part's distance above its floor, for the ranking (sign-adjusted).
        *r = if negative {
            Exact::from_money(-floor) - p
        } else {
            p - &Exact::from_money(floor)
        };
        *c = floor.cents();
    }
    let mut left = total.cents() * sign - cents.iter().sum::<i64>();
    if left == 0 {
        cents.iter_mut().for_each(|c| *c *= sign);
        return Ok(());
    }
    for (i, o) in order.iter_mut().enumerate() {
        *o = i;
    }
    order.sort_by(|&a, &b| {
        remainders[b]
            .partial_cmp(&remainders[a])
            .unwrap_or(Ordering::Equal)
            .then(a.cmp(&b))
    });
    // `left` is below parts.len() when the parts sum to the exact total; if a caller passes parts
    // that do not, the rest still lands (cycling), so no cent is ever lost.
    let mut i = 0;
    while left > 0 && !order.is_empty() {
        cents[order[i % order.len()]] += 1;
        left -= 1;
        i += 1;
    }
    while left < 0 && !order.is_empty() {
        cents[order[order.len() - 1 - (i % order.len())]] -= 1;
        left += 1;
        i += 1;
    }
    cents.iter_mut().for_each(|c| *c *= sign);
    Ok(())
}

// Money is always at scale 2, so sums and differences are sums and differences of the
// mantissas (whole cents): no rescaling, which a ledger's running sums spent most time in.
impl Add for Money {
    type Output = Money;
    #[inline]
    fn add(self, rhs: Money) -> Money {
        Money(self.0.saturating_add(rhs.0))
    }
}

impl Sub for Money {
    type Output = Money;
    #[inline]
    fn sub(self, rhs: Money) -> Money {
        Money(self.0.saturating_sub(rhs.0))
    }
}

impl Neg for Money {
    type Output = Money;
    fn neg(self) -> Money {
        Money(self.0.saturating_neg())
    }
}

impl std::iter::Sum for Money {
    fn sum<I: Iterator<Item = Money>>(iter: I) -> Money {
        iter.fold(Money::ZERO, |a, b| a + b)
    }
}

impl PartialEq<Decimal> for Money {
    fn eq(&self, other: &Decimal) -> bool {
        self.as_decimal() == *other
    }
}

impl PartialOrd<Decimal> for Money {
    fn partial_cmp(&self, other: &Decimal) -> Option<Ordering> {
        self.as_decimal().partial_cmp(other)
    }
}

impl fmt::Display for Money {
    /// Dollars and two decimals (`-1234.56`), written from the cents directly: the decimal
    /// formatter cost more than most of the formulas whose results it writes.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut buf = [0u8; 48];
        f.pad(self.write_to(&mut buf))
    }
}

impl Money {
    /// The amount as text (`-1234.56`) in `buf`: cents in an i128 have at most 39 digits, so
    /// with the point and the sign it fits.
    fn write_to<'b>(&self, buf: &'b mut [u8; 48]) -> &'b str {
        let mantissa = self.0;
        let mut n = mantissa.unsigned_abs();
        let mut i = buf.len();
        let mut place = 0;
        while n > 0 || place < 3 {
            i -= 1;
            buf[i] = b'0' + (n % 10) as u8;
            n /= 10;
            place += 1;
            if place == 2 {
                i -= 1;
                buf[i] = b'.';
            }
        }
        if mantissa < 0 {
            i -= 1;
            buf[i] = b'-';
        }
        // Only ASCII digits, a point and a sign were written.
        std::str::from_utf8(&buf[i..]).unwrap_or("")
    }
}

impl fmt::Debug for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Money({self})")
    }
}

impl FromStr for Money {
    type Err = Error;
    fn from_str(s: &str) -> Result<Money, Error> {
        let d = exact::parse_plain(s)
            .map_err(|why| Error::invalid("amount", s, exact::allowed(why)))?;
        Money::from_exact_cents("amount", d)
    }
}

impl Serialize for Money {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Money {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Money, D::Error> {
        let d = exact::deserialize(deserializer)?;
        Money::from_exact_cents("amount", d).map_err(serde::de::Error::custom)
    }
}

/// Serde for exact decimals: written as strings; read from strings, integers, or JSON numbers
/// kept as their text, never through a float. The request interface ([`crate::api`]) keeps every
/// number's text; so does serde_json when a program turns on its `arbitrary_precision` feature
/// (the library does not need it, nor turn it on). A float from a reader that has no exact
/// numbers (a TOML `1.5`, serde_json's default `1.5`) is refused with a message to write it as a
/// string.
pub mod exact {
    use std::fmt;

    use rust_decimal::Decimal;
    use serde::de::{self, MapAccess, Visitor};
    use serde::{Deserializer, Serializer};

    /// The key under which the request reader ([`crate::api`]) hands a number's text to
    /// [`deserialize`]: a number that is not a 64-bit integer is the map `{NUMBER_TOKEN: text}`.
    pub(crate) const NUMBER_TOKEN: &str = "$childsupport::private::Number";

    /// The key serde_json uses the same way when a program turns on its `arbitrary_precision`
    /// feature; read when present, never required.
    const SERDE_JSON_NUMBER_TOKEN: &str = "$serde_json::private::Number";

    /// Writes the decimal as a string with all its digits.
    pub fn serialize<S: Serializer>(value: &Decimal, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(value)
    }

    /// What a decimal in the input may look like.
    pub const ALLOWED: &str = "a plain decimal number such as \"1234.56\" or \"-0.5\": an optional leading minus, digits, and an optional point followed by digits, exact to 28 significant digits";

    /// What is allowed, and what of `text` was not: the `allowed` of a refused number.
    pub fn allowed(why: &str) -> String {
        format!("{ALLOWED}; {why} is not accepted")
    }

    /// Reads a decimal exactly (the rule of [`parse_plain`]).
    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Decimal, D::Error> {
        deserializer.deserialize_any(ExactVisitor)
    }

    /// Reads `text` as a plain decimal, exactly: an optional leading minus, digits, and an
    /// optional point followed by digits. Everything else is refused, never reinterpreted or
    /// rounded: an exponent (`1e3`), a plus sign, spaces, underscores, a bare point (`5.`, `.5`),
    /// and digits beyond what a [`Decimal`] holds (28 significant digits, magnitude below about
    /// 7.9 x 10^28). The error says what was not accepted (`"an exponent (1e3)"`).
    pub fn parse_plain(text: &str) -> Result<Decimal, &'static str> {
        let unsigned = text.strip_prefix('-').unwrap_or(text);
        let (int, frac) = match unsigned.split_once('.') {
            Some((i, f)) => (i, Some(f)),
            None => (unsigned, None),
        };
        let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        if !(digits(int) && frac.is_none_or(digits)) {
            return Err(if text.is_empty() {
                "empty text"
            } else if text.contains(char::is_whitespace) {
                "a space"
            } else if text.contains('_') {
                "an underscore"
            } else if text.contains(['e', 'E']) && text.bytes().any(|b| b.is_ascii_digit()) {
                "an exponent (1e3)"
            } else if text.contains('+') {
                "a plus sign"
            } else if text.contains(',') {
                "a comma"
            } else if frac.is_some() && (int.is_empty() || frac == Some("")) {
                "a point without a digit on each side (write 0.5 or 5)"
            } else {
                "text that is not a number"
            });
        }
        match Decimal::from_str_exact(text) {
            Ok(d) => Ok(d),
            // Zeros after the last nonzero fraction digit do not change the value; more of them
            // than a decimal's 28 places still write an exact number.
            Err(_) if frac.is_some_and(|f| f.ends_with('0')) => {
                Decimal::from_str_exact(text.trim_end_matches('0').trim_end_matches('.'))
                    .map_err(|_| TOO_MANY_DIGITS)
            }
            Err(_) => Err(TOO_MANY_DIGITS),
        }
    }

    const TOO_MANY_DIGITS: &str =
        "a number with more digits than an exact decimal holds (it would have to be rounded)";

    /// A serde error for refused `text`: `"{text}" is refused; allowed: ...` (the JSON interface
    /// reports the part after "; allowed: " as what is allowed).
    fn refused<E: de::Error>(text: &str, why: &str) -> E {
        E::custom(format!("{text:?} is refused; allowed: {}", allowed(why)))
    }

    pub(crate) struct ExactVisitor;

    impl<'de> Visitor<'de> for ExactVisitor {
        type Value = Decimal;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a decimal number, such as \"1234.56\"")
        }

        fn visit_str<E: de::Error>(self, v: &str) -> Result<Decimal, E> {
            parse_plain(v).map_err(|why| refused(v, why))
        }

        fn visit_i64<E: de::Error>(self, v: i64) -> Result<Decimal, E> {
            Ok(Decimal::from(v))
        }

        fn visit_u64<E: de::Error>(self, v: u64) -> Result<Decimal, E> {
            Ok(Decimal::from(v))
        }

        fn visit_f64<E: de::Error>(self, v: f64) -> Result<Decimal, E> {
            Err(E::custom(format!(
                "{v} was given as a floating-point number; allowed: {ALLOWED}, written as a string (\"{v}\") so it is read exactly"
            )))
        }

        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Decimal, A::Error> {
            match map.next_key::<String>()? {
                Some(k) if k == NUMBER_TOKEN || k == SERDE_JSON_NUMBER_TOKEN => {
                    // A JSON number's own text: the same rule as a string, so `1e3` is
                    // refused in either form.
                    let text: String = map.next_value()?;
                    parse_plain(&text).map_err(|why| refused(&text, why))
                }
                _ => Err(de::Error::custom(format!(
                    "expected a decimal number; allowed: {ALLOWED}"
                ))),
            }
        }
    }
}

/// [`exact`] for optional decimals.
pub mod exact_opt {
    use rust_decimal::Decimal;
    use serde::{Deserialize, Deserializer, Serializer};

    /// Writes the decimal as a string, or nothing.
    pub fn serialize<S: Serializer>(
        value: &Option<Decimal>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        match value {
            Some(v) => serializer.collect_str(v),
            None => serializer.serialize_none(),
        }
    }

    /// Reads an optional decimal exactly.
    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<Decimal>, D::Error> {
        #[derive(Deserialize)]
        struct Wrap(#[serde(with = "super::exact")] Decimal);
        Ok(Option::<Wrap>::deserialize(deserializer)?.map(|w| w.0))
    }
}

/// [`exact`] for lists of decimals.
pub mod exact_vec {
    use rust_decimal::Decimal;
    use serde::ser::SerializeSeq;
    use serde::{Deserialize, Deserializer, Serializer};

    /// Writes the decimals as strings.
    pub fn serialize<S: Serializer>(value: &[Decimal], serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(value.len()))?;
        for v in value {
            seq.serialize_element(&v.to_string())?;
        }
        seq.end()
    }

    /// Reads a list of decimals exactly.
    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Vec<Decimal>, D::Error> {
        #[derive(Deserialize)]
        struct Wrap(#[serde(with = "super::exact")] Decimal);
        Ok(Vec::<Wrap>::deserialize(deserializer)?
            .into_iter()
            .map(|w| w.0)
            .collect())
    }
}

/// The cents fast path of sums, differences and comparisons against `Decimal`'s own arithmetic.
#[cfg(test)]
mod fast_path {
    use super::*;
    use proptest::prelude::*;

    fn dec(cents: i128) -> Decimal {
        Decimal::from_i128_with_scale(cents, 2)
    }

    proptest! {
        #[test]
        fn sums_differences_and_order_are_decimal_arithmetic(
            a in -(1i64 << 62)..(1i64 << 62),
            b in -(1i64 << 62)..(1i64 << 62),
        ) {
            let (x, y) = (Money::from_cents(a), Money::from_cents(b));
            let sum = x + y;
            prop_assert_eq!(sum.as_decimal(), dec(i128::from(a) + i128::from(b)));
            prop_assert_eq!(sum.as_decimal().scale(), 2);
            let difference = x - y;
            prop_assert_eq!(difference.as_decimal(), dec(i128::from(a) - i128::from(b)));
            prop_assert_eq!(x.cmp(&y), a.cmp(&b));
            prop_assert_eq!(x.cents(), a);
        }
    }

    #[test]
    fn the_widest_amounts_write_and_saturate() {
        let top = Money(i128::MAX);
        assert_eq!((top + Money::from_cents(1)), top);
        assert_eq!(
            Money(i128::MIN + 1) - Money::from_cents(5),
            Money(i128::MIN)
        );
        assert_eq!(top.to_string().len(), 40); // 39 digits and the point
        assert_eq!(Money(i128::MIN).to_string().len(), 41);
        assert_eq!(top.as_decimal(), Decimal::MAX);
    }

    #[test]
    fn zero_is_never_negative_and_large_amounts_take_the_general_path() {
        let x = Money::from_cents(-12_345);
        assert_eq!((x - x).to_string(), "0.00");
        assert_eq!((x + Money::from_cents(12_345)).to_string(), "0.00");
        // Beyond 63 bits of cents (no input reaches this; products may): Decimal's own sum.
        let big = Money::round(dec(1 << 70));
        let sum = big + big;
        assert_eq!(sum.as_decimal(), dec(1 << 71));
        assert!(big > Money::from_cents(i64::MAX));
        assert_eq!(
            (Money::from_cents(i64::MAX) + Money::from_cents(1)).as_decimal(),
            dec(i128::from(i64::MAX) + 1)
        );
        assert_eq!(
            (Money::from_cents(-i64::MAX) - Money::from_cents(1)).as_decimal(),
            dec(-i128::from(i64::MAX) - 1)
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn dec(s: &str) -> Decimal {
        Decimal::from_str_exact(s).unwrap()
    }

    #[test]
    fn rounds_half_away_from_zero_not_to_even() {
        // Banker's rounding would give 0.12 and 0.14; the law's convention gives 0.13 and 0.15.
        assert_eq!(Money::round(dec("0.125")).to_string(), "0.13");
        assert_eq!(Money::round(dec("0.145")).to_string(), "0.15");
        assert_eq!(Money::round(dec("-0.125")).to_string(), "-0.13");
        assert_eq!(Money::round(dec("2")).to_string(), "2.00");
    }

    #[test]
    fn money_text_is_dollars_and_two_decimals() {
        for (cents, text) in [
            (0i64, "0.00"),
            (5, "0.05"),
            (-5, "-0.05"),
            (100, "1.00"),
            (95421, "954.21"),
            (-123456, "-1234.56"),
            (i64::MAX, "92233720368547758.07"),
        ] {
            assert_eq!(Money::from_cents(cents).to_string(), text);
        }
        assert_eq!(format!("{:>8}", Money::from_cents(95421)), "  954.21");
    }

    #[test]
    fn cap_rounds_toward_zero() {
        // spec/README.md: the §4071(b) cap on 954.21 for 2 children is 477.10, not 477.11.
        assert_eq!(
            Money::round_toward_zero(dec("954.21") / dec("2")).to_string(),
            "477.10"
        );
    }

    #[test]
    fn max_amount_is_one_trillion() {
        assert_eq!(MAX_AMOUNT, dec("1000000000000"));
    }

    #[test]
    fn split_per_child_example() {
        // spec california.md N2: 596.379752 and 357.827851 (= 0.6 x 596.379752) total 954.21.
        let one = Exact::from(dec("596.379752"));
        let parts = [one.clone(), &one * &Exact::from(dec("0.6"))];
        let total = (&one * &Exact::from(dec("1.6"))).round_cents().unwrap();
        let split = split_exact(total, &parts).unwrap();
        assert_eq!(
            split,
            vec![Money::from_cents(59638), Money::from_cents(35783)]
        );
    }

    #[test]
    fn split_ties_go_to_the_first_part() {
        // 1.00 in three equal parts: 0.33 each leaves one cent, which goes to the first part.
        let third = Exact::ratio(1, 3);
        let split = split_exact(
            Money::from_cents(100),
            &[third.clone(), third.clone(), third],
        )
        .unwrap();
        assert_eq!(
            split,
            vec![
                Money::from_cents(34),
                Money::from_cents(33),
                Money::from_cents(33)
            ]
        );
    }

    #[test]
    fn the_three_roundings_on_both_sides_of_zero() {
        // Toward zero (caps) drops the fraction of a cent; up (installments that must suffice)
        // takes the next cent away from zero; half away from zero to any number of places.
        assert_eq!(
            Money::round_toward_zero(dec("-0.129")),
            Money::from_cents(-12)
        );
        assert_eq!(Money::round_up(dec("0.121")), Money::from_cents(13));
        assert_eq!(Money::round_up(dec("-0.121")), Money::from_cents(-13));
        assert_eq!(Money::round_up(dec("0.12")), Money::from_cents(12));
        assert_eq!(round_half_away(dec("0.12345"), 4), dec("0.1235"));
        assert_eq!(round_half_away(dec("-2.5"), 0), dec("-3"));
    }

    #[test]
    fn amounts_and_fractions_are_checked_on_their_edges() {
        // An amount: 0 to 1,000,000,000,000 inclusive; a fraction: 0 to 1 inclusive.
        assert_eq!(require_amount("a", dec("0")).unwrap(), dec("0"));
        assert_eq!(require_amount("a", dec("-0")).unwrap(), dec("0"));
        assert_eq!(require_amount("a", dec("12.50")).unwrap(), dec("12.5"));
        assert_eq!(require_amount("a", MAX_AMOUNT).unwrap(), MAX_AMOUNT);
        assert!(require_amount("a", dec("-0.01")).is_err());
        assert!(require_amount("a", dec("1000000000000.01")).is_err());
        for ok in ["0", "0.25", "1"] {
            assert_eq!(require_fraction("f", dec(ok)).unwrap(), dec(ok), "{ok}");
        }
        for bad in ["-0.01", "1.01"] {
            let e = require_fraction("f", dec(bad)).unwrap_err().to_string();
            assert!(e.contains("a fraction from 0 to 1"), "{bad}: {e}");
        }
    }

    #[test]
    fn cents_beyond_64_bits_saturate() {
        // 10^18 dollars are 10^20 cents, above i64::MAX (about 9.2 x 10^18).
        assert_eq!(Money::round(dec("1000000000000000000")).cents(), i64::MAX);
        assert_eq!(Money::round(dec("-1000000000000000000")).cents(), i64::MIN);
        assert_eq!(Money::from_cents(-7).cents(), -7);
    }

    #[test]
    fn absolute_value_min_and_max() {
        assert_eq!(Money::from_cents(-123).abs(), Money::from_cents(123));
        assert_eq!(Money::from_cents(123).abs(), Money::from_cents(123));
        let (a, b) = (Money::from_cents(-5), Money::from_cents(3));
        assert_eq!((a.min(b), b.min(a), a.max(b), b.max(a)), (a, a, b, b));
    }

    #[test]
    fn sums_past_a_decimal_mantissa_at_cents_stay_exact_in_dollars() {
        // 5 x 10^26 dollars is 5 x 10^28 cents (it fits a decimal's 96-bit mantissa, about
        // 7.9 x 10^28); twice that does not at two places, so the sum is kept in whole dollars.
        let half = Money::round(dec("500000000000000000000000000"));
        let whole = dec("1000000000000000000000000000");
        assert_eq!((half + half).as_decimal(), whole);
        assert_eq!((half - (-half)).as_decimal(), whole);
    }

    #[test]
    fn amounts_read_as_text_and_debug_as_money() {
        assert_eq!("12.30".parse::<Money>().unwrap(), Money::from_cents(1230));
        assert!("12.305".parse::<Money>().is_err());
        assert!("1e3".parse::<Money>().is_err());
        assert_eq!(format!("{:?}", Money::from_cents(-5)), "Money(-0.05)");
        assert!(Money::from_cents(-5) < dec("0"));
        assert!(Money::from_cents(5) == dec("0.05"));
        assert!(Money::from_cents(5) != dec("0.06"));
        assert!(Money::from_cents(5) > dec("0.049"));
    }

    #[test]
    fn split_leftover_cents_rank_by_fraction_not_by_denominator() {
        // 1/200 and 1/300 of a dollar (0.5 and 0.333... of a cent) sum to 1/120 = 0.00833...,
        // which rounds to 0.01: the one cent goes to the larger fraction (1/200), in either order.
        let (a, b) = (Exact::ratio(1, 200), Exact::ratio(1, 300));
        let cent = Money::from_cents(1);
        assert_eq!(
            split_exact(cent, &[a.clone(), b.clone()]).unwrap(),
            vec![cent, Money::ZERO]
        );
        assert_eq!(split_exact(cent, &[b, a]).unwrap(), vec![Money::ZERO, cent]);
    }

    /// The split of `total` cents into parts given in whole cents, as cents.
    fn split_cents(total: i64, parts: &[i64]) -> Vec<i64> {
        let parts: Vec<Exact> = parts.iter().map(|&c| Exact::cents(c)).collect();
        let split = split_exact(Money::from_cents(total), &parts).unwrap();
        split.into_iter().map(Money::cents).collect()
    }

    #[test]
    fn negative_totals_split_by_the_same_rule() {
        // -1.00 in thirds: -0.33 each toward zero, the missing cent to the first part.
        let third = Exact::ratio(-1, 3);
        let split = split_exact(
            Money::from_cents(-100),
            &[third.clone(), third.clone(), third],
        );
        assert_eq!(split.unwrap(), [-34, -33, -33].map(Money::from_cents));
        // -0.05 as -0.012 and -0.038: toward zero -0.01 and -0.03, remainders 0.002 and
        // 0.008: the missing cent goes to the second part.
        let parts = [Exact::from(dec("-0.012")), Exact::from(dec("-0.038"))];
        let split = split_exact(Money::from_cents(-5), &parts);
        assert_eq!(split.unwrap(), [-1, -4].map(Money::from_cents));
        // -0.04 as -0.019 and -0.021: toward zero -0.01 and -0.02, remainders 0.009 and 0.001:
        // the missing cent goes to the first part, whose remainder is larger though its
        // amount is smaller.
        let parts = [Exact::from(dec("-0.019")), Exact::from(dec("-0.021"))];
        let split = split_exact(Money::from_cents(-4), &parts);
        assert_eq!(split.unwrap(), [-2, -2].map(Money::from_cents));
        // Whole cents: nothing is missing.
        assert_eq!(split_cents(-30, &[-10, -20]), [-10, -20]);
    }

    #[test]
    fn whole_cent_parts_are_kept_as_they_are() {
        // 0.01 as 0.01, 0 and 0: no cent is missing, so none is added.
        assert_eq!(split_cents(1, &[1, 0, 0]), [1, 0, 0]);
        assert_eq!(split_cents(3, &[1, 1, 1]), [1, 1, 1]);
    }

    #[test]
    fn more_than_sixteen_parts_split_by_the_same_rule() {
        // 20 parts: 0.014, 0.006, 0.007 and 17 zeros sum to 0.027, which rounds to 0.03.
        // Toward zero: 0.01, 0, 0 (one cent); the two missing cents go to the largest
        // remainders, 0.007 (third part) then 0.006 (second part).
        let mut parts = vec![
            Exact::from(dec("0.014")),
            Exact::from(dec("0.006")),
            Exact::from(dec("0.007")),
        ];
        parts.resize(20, Exact::ZERO);
        let split = split_exact(Money::from_cents(3), &parts).unwrap();
        assert_eq!(split[..3], [Money::from_cents(1); 3]);
        assert!(split[3..].iter().all(|m| m.is_zero()));
        // 20 parts of 0.05 are 1.00 (and -0.05 of -1.00): each part is its own whole cents.
        assert_eq!(split_cents(100, &[5; 20]), [5; 20]);
        assert_eq!(split_cents(-100, &[-5; 20]), [-5; 20]);
    }

    #[test]
    fn parts_that_miss_the_total_still_land_every_cent() {
        // Parts below the total: 0.10 and 0.20 of 1.00 leave 70 cents, dealt one at a time
        // from the largest remainder (a tie: the first part first), 35 each: 0.45 and 0.55.
        assert_eq!(split_cents(100, &[10, 20]), [45, 55]);
        // Parts above the total: 0.30 and 0.20 of 0.10 are 40 cents too many, taken one at a
        // time from the smallest remainder (the last part first), 20 each: 0.10 and 0.00.
        assert_eq!(split_cents(10, &[30, 20]), [10, 0]);
        // The same below zero.
        assert_eq!(split_cents(-100, &[-10, -20]), [-45, -55]);
        assert_eq!(split_cents(-10, &[-30, -20]), [-10, 0]);
    }

    /// The general (any-form) path of the exact split, for comparison with the fast path.
    fn split_general(total: Money, parts: &[Exact]) -> Vec<Money> {
        let mut remainders = vec![Exact::ZERO; parts.len()];
        let mut order = vec![0usize; parts.len()];
        let mut cents = vec![0i64; parts.len()];
        split_into(total, parts, &mut remainders, &mut order, &mut cents).unwrap();
        cents.into_iter().map(Money::from_cents).collect()
    }

    proptest! {
        #[test]
        fn the_fast_exact_split_equals_the_general_one(
            weights in proptest::collection::vec(0u32..10_000, 1..14),
            cents in 0i64..100_000_000,
            den in 1i64..100_000,
        ) {
            // Parts proportional to the weights that sum exactly to cents/100 + k/den.
            let wsum: u32 = weights.iter().sum::<u32>().max(1);
            let exact_total = Exact::cents(cents) + Exact::ratio(7, den as i128);
            let parts: Vec<Exact> = weights
                .iter()
                .map(|w| &exact_total * &Exact::ratio(*w as i128, wsum as i128))
                .collect();
            let sum: Exact = parts.iter().sum();
            let total = sum.round_cents().unwrap();
            let fast = split_exact(total, &parts).unwrap();
            prop_assert_eq!(fast.iter().copied().sum::<Money>(), total);
            prop_assert_eq!(fast, split_general(total, &parts));
        }

        #[test]
        fn split_conserves_every_cent(weights in proptest::collection::vec(1u32..10_000, 1..12), cents in 0i64..100_000_000) {
            let total_exact = Exact::cents(cents) + Exact::ratio(4, 1000);
            let wsum: u32 = weights.iter().sum();
            let parts: Vec<Exact> = weights
                .iter()
                .map(|w| &total_exact * &Exact::ratio(*w as i128, wsum as i128))
                .collect();
            let total = total_exact.round_cents().unwrap();
            let split = split_exact(total, &parts).unwrap();
            prop_assert_eq!(split.iter().copied().sum::<Money>(), total);
            // Each part is within a cent of its exact share.
            for (s, p) in split.iter().zip(&parts) {
                prop_assert!((Exact::from(*s) - p).abs() < Exact::cents(1));
            }
        }
    }

    #[test]
    fn amounts_past_a_decimal_at_cents_keep_a_tenth_or_the_nearest_dollar() {
        // A decimal's mantissa is 96 bits, at most 79,228,162,514,264,337,593,543,950,335
        // (about 7.92 x 10^28). 10^29 cents and more do not fit it at two places.
        let c = |cents: i128| Money(cents).as_decimal();
        // 10^27 dollars and 10 cents: at one place the mantissa is 10^28 + 1, which fits.
        assert_eq!(
            c(100_000_000_000_000_000_000_000_000_010),
            dec("1000000000000000000000000000.1")
        );
        assert_eq!(
            c(-100_000_000_000_000_000_000_000_000_010),
            dec("-1000000000000000000000000000.1")
        );
        // 10^27 dollars and 75 or 25 cents: not a whole tenth, so the nearest whole dollar
        // (0.75 up, 0.25 down; away from zero for the negative amounts alike).
        assert_eq!(
            c(100_000_000_000_000_000_000_000_000_075),
            dec("1000000000000000000000000001")
        );
        assert_eq!(
            c(100_000_000_000_000_000_000_000_000_025),
            dec("1000000000000000000000000000")
        );
        assert_eq!(
            c(-100_000_000_000_000_000_000_000_000_075),
            dec("-1000000000000000000000000001")
        );
        assert_eq!(
            c(-100_000_000_000_000_000_000_000_000_025),
            dec("-1000000000000000000000000000")
        );
        // Past a decimal's whole range in dollars: its end, on the amount's side.
        assert_eq!(c(i128::MIN), Decimal::MIN);
        assert_eq!(c(i128::MAX), Decimal::MAX);
    }
}
