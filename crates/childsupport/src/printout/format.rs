//! Numbers for people: money in dollars and cents, factors and percentages to a stated number of
//! places, each figure marked when it is rounded for display (the JSON keeps the exact value).

use rust_decimal::Decimal;

use crate::exact::Exact;
use crate::money::Money;

/// Decimal places a factor (K, the K fraction, a multiplier) is shown to.
pub const FACTOR_PLACES: u32 = 6;
/// Decimal places a percentage (a time share, a Texas percentage) is shown to.
pub const PERCENT_PLACES: u32 = 4;

/// A figure as shown, and whether showing it rounded the exact value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shown {
    /// The text (`0.271082`, `14.2466%`, `$1,234.56`).
    pub text: String,
    /// Whether the exact value has more places than shown.
    pub rounded: bool,
}

/// `1234567` -> `1,234,567` (digits only; a sign and a fraction are the caller's).
fn group_thousands(int: &str) -> String {
    let mut out = String::with_capacity(int.len() + int.len() / 3);
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (int.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

/// A decimal's text with thousands grouped: `-1234.5` -> `-1,234.5`.
fn grouped(d: Decimal) -> String {
    let text = d.to_string();
    let (sign, digits) = match text.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", text.as_str()),
    };
    match digits.split_once('.') {
        Some((int, frac)) => format!("{sign}{}.{frac}", group_thousands(int)),
        None => format!("{sign}{}", group_thousands(digits)),
    }
}

/// An amount in dollars and cents: `$1,234.56`, `-$0.05`.
pub fn money(m: Money) -> String {
    let d = m.as_decimal();
    let text = grouped(d.abs());
    let text = if text.contains('.') {
        text
    } else {
        format!("{text}.00")
    };
    if d.is_sign_negative() && !d.is_zero() {
        format!("-${text}")
    } else {
        format!("${text}")
    }
}

/// An exact amount in dollars and cents, rounded half away from zero for display when it has
/// more places (an income of 4,008.333… shows as `$4,008.33`, marked rounded).
pub fn exact_money(x: &Exact) -> Shown {
    match x.round_cents() {
        Ok(m) => Shown {
            text: money(m),
            rounded: Exact::from_money(m) != *x,
        },
        Err(_) => Shown {
            text: x.to_string(),
            rounded: false,
        },
    }
}

/// A value to at most `places` decimals (trailing zeros dropped), rounded half away from zero
/// and marked when that cut digits.
pub fn fixed(x: &Exact, places: u32) -> Shown {
    match x.to_decimal_places(places) {
        Some(d) => Shown {
            rounded: Exact::from_decimal(d) != *x,
            text: grouped(d.normalize()),
        },
        None => Shown {
            text: x.to_string(),
            rounded: false,
        },
    }
}

/// A factor (K, a K fraction) to [`FACTOR_PLACES`] places.
pub fn factor(x: &Exact) -> Shown {
    fixed(x, FACTOR_PLACES)
}

/// A fraction (0.142466…) as a percentage to [`PERCENT_PLACES`] places: `14.2466%`.
pub fn percent_of_fraction(x: &Exact) -> Shown {
    percent(&(x * &Exact::int(100)))
}

/// A value already in percent (27.375) to [`PERCENT_PLACES`] places: `27.375%`.
pub fn percent(x: &Exact) -> Shown {
    let mut s = fixed(x, PERCENT_PLACES);
    s.text.push('%');
    s
}

/// A count with thousands grouped: `8,760`.
pub fn count(n: u32) -> String {
    group_thousands(&n.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_has_a_dollar_sign_grouping_and_cents() {
        assert_eq!(money(Money::from_cents(123456)), "$1,234.56");
        assert_eq!(money(Money::from_cents(-5)), "-$0.05");
        assert_eq!(money(Money::from_cents(0)), "$0.00");
        assert_eq!(money(Money::from_cents(100_000_000)), "$1,000,000.00");
    }

    #[test]
    fn figures_say_when_they_are_rounded() {
        // 48100 / 12 = 4,008.333…: shown to the cent, marked.
        let s = exact_money(&Exact::ratio(48100, 12));
        assert_eq!((s.text.as_str(), s.rounded), ("$4,008.33", true));
        let s = exact_money(&Exact::ratio(95421, 100));
        assert_eq!((s.text.as_str(), s.rounded), ("$954.21", false));
        // 1,248 / 8,760 = 0.14246575…: 14.2466% to four places, marked.
        let s = percent_of_fraction(&Exact::ratio(1248, 8760));
        assert_eq!((s.text.as_str(), s.rounded), ("14.2466%", true));
        // 20.625% is exact at four places: not marked, and not cut to 20.63%.
        let s = percent(&Exact::ratio(20625, 1000));
        assert_eq!((s.text.as_str(), s.rounded), ("20.625%", false));
        // 2500 / 82857 + 0.165 (the K fraction at TN = 2,500) = 0.19517…
        let s = factor(&(&Exact::ratio(165, 1000) + &Exact::ratio(2500, 82857)));
        assert_eq!((s.text.as_str(), s.rounded), ("0.195172", true));
        assert_eq!(count(8760), "8,760");
    }
}
