//! The typed California guideline call (Family Code §4055), for C callers who want structs.
//!
//! It builds the core's `CaliforniaInput` from C values and calls
//! `childsupport::guideline::california::compute`; the rules are all the core's. Everything else
//! the calculation can take (birth dates, add-ons, spousal support) goes through
//! `cs_compute_json` with kind `"california_guideline"`.

use std::ffi::c_char;

use childsupport::guideline::california::{
    self, CaliforniaInput, CaliforniaResult, LowIncomeChoice, TimeShare,
};
use childsupport::guideline::Parent;
use childsupport::{Date, Decimal, Error, Money};

use crate::boundary::{self, put, Failure};
use crate::response::cs_response;
use crate::rules::cs_rules;
use crate::status::{cs_status, CS_STATUS_OK};

/// A parent, as C passes and receives it (`uint32_t`).
#[repr(u32)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum cs_parent {
    /// The first parent of the request (`"parent_a"`).
    CS_PARENT_A = 0,
    /// The second parent of the request (`"parent_b"`).
    CS_PARENT_B = 1,
    /// No parent: the payer and recipient when the guideline amount is zero (output only).
    CS_PARENT_NONE = 2,
}

impl TryFrom<u32> for cs_parent {
    type Error = u32;
    fn try_from(v: u32) -> Result<cs_parent, u32> {
        match v {
            0 => Ok(cs_parent::CS_PARENT_A),
            1 => Ok(cs_parent::CS_PARENT_B),
            2 => Ok(cs_parent::CS_PARENT_NONE),
            other => Err(other),
        }
    }
}

impl From<Option<Parent>> for cs_parent {
    fn from(p: Option<Parent>) -> cs_parent {
        match p {
            Some(Parent::A) => cs_parent::CS_PARENT_A,
            Some(Parent::B) => cs_parent::CS_PARENT_B,
            None => cs_parent::CS_PARENT_NONE,
        }
    }
}

/// What the court does with a low-income adjustment the obligor qualifies for (Fam. Code
/// §4055(b)(7)), as C passes it (`uint32_t`).
#[repr(u32)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum cs_low_income {
    /// The presumptive (lowest) amount of the range: the default (a zeroed field).
    CS_LOW_INCOME_PRESUMPTIVE = 0,
    /// No adjustment (the presumption rebutted): the guideline amount.
    CS_LOW_INCOME_NONE = 1,
    /// The amount in `low_income_amount`, within the range, as the court finds.
    CS_LOW_INCOME_AMOUNT = 2,
}

/// The size of the decimal-string buffers of `cs_amount`: any amount the library returns, its
/// sign, point and terminating NUL fit.
pub const CS_DECIMAL_LEN: usize = 48;

/// An amount of money in whole cents, two ways.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct cs_amount {
    /// The amount in cents (`95421` for $954.21).
    pub cents: i64,
    /// The amount as a NUL-terminated decimal string with two decimals (`"954.21"`).
    pub decimal: [c_char; CS_DECIMAL_LEN],
}

impl cs_amount {
    const ZERO: cs_amount = cs_amount {
        cents: 0,
        decimal: [0; CS_DECIMAL_LEN],
    };

    fn new(m: Money) -> cs_amount {
        let cents = m.cents();
        let mut out = cs_amount {
            cents,
            decimal: [0; CS_DECIMAL_LEN],
        };
        // Whole cents as text, "-1234.56", written directly (an i64 has at most 19 digits, so
        // the text always fits with its NUL; the formatter machinery cost more than the formula).
        let mut digits = [0u8; 24];
        let mut n = cents.unsigned_abs();
        let mut i = digits.len();
        let mut place = 0;
        while n > 0 || place < 3 {
            i -= 1;
            digits[i] = b'0' + (n % 10) as u8;
            n /= 10;
            place += 1;
            if place == 2 {
                i -= 1;
                digits[i] = b'.';
            }
        }
        if cents < 0 {
            i -= 1;
            digits[i] = b'-';
        }
        for (dst, src) in out.decimal[..CS_DECIMAL_LEN - 1]
            .iter_mut()
            .zip(&digits[i..])
        {
            *dst = *src as c_char;
        }
        out
    }
}

/// The input of `cs_california_guideline`: amounts as exact decimal strings.
///
/// Every string is NUL-terminated UTF-8 and borrowed for the call only. Errors name a field by
/// its path in the JSON request: `calculation_date`, `parent_a_net_income`,
/// `parent_b_net_income`, `time_share.parent`, `time_share.fraction`, `children`.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct cs_california_input {
    /// The date the support is computed for, `"YYYY-MM-DD"`; it picks the law and the
    /// thresholds in force.
    pub calculation_date: *const c_char,
    /// Parent A's monthly net disposable income (Fam. Code §§4059-4060), an exact decimal
    /// string with any number of decimals (`"3000"`, `"2773.333333333333333333333333"`).
    pub parent_a_net_income: *const c_char,
    /// Parent B's monthly net disposable income, as above.
    pub parent_b_net_income: *const c_char,
    /// Whose time share `time_share_fraction` is: `CS_PARENT_A` (0) or `CS_PARENT_B` (1).
    pub time_share_parent: u32,
    /// That parent's share of time with the children, a decimal string from 0 to 1 (`"0.20"`).
    pub time_share_fraction: *const c_char,
    /// The number of children of this order, 1 to 10.
    pub children: u32,
    /// What to apply when the obligor qualifies for a low-income adjustment: a `cs_low_income`
    /// value (`CS_LOW_INCOME_PRESUMPTIVE`, 0, when the struct is zero-initialised).
    pub low_income_adjustment: u32,
    /// With `CS_LOW_INCOME_AMOUNT`: the court's amount, a decimal string in whole cents within
    /// the range; otherwise ignored (may be NULL).
    pub low_income_amount: *const c_char,
}

/// The input of `cs_california_guideline_cents`: as `cs_california_input`, with the incomes as
/// whole cents (a convenience for callers that keep money in cents; use the decimal-string
/// input for amounts with fractions of a cent, such as an annual income divided by 12).
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct cs_california_input_cents {
    /// The date the support is computed for, `"YYYY-MM-DD"`.
    pub calculation_date: *const c_char,
    /// Parent A's monthly net disposable income in cents (`300000` for $3,000.00).
    pub parent_a_net_income_cents: i64,
    /// Parent B's monthly net disposable income in cents.
    pub parent_b_net_income_cents: i64,
    /// Whose time share `time_share_fraction` is: `CS_PARENT_A` (0) or `CS_PARENT_B` (1).
    pub time_share_parent: u32,
    /// That parent's share of time with the children, a decimal string from 0 to 1 (`"0.20"`).
    pub time_share_fraction: *const c_char,
    /// The number of children of this order, 1 to 10.
    pub children: u32,
    /// As in `cs_california_input`.
    pub low_income_adjustment: u32,
    /// As in `cs_california_input`.
    pub low_income_amount: *const c_char,
}

/// The headline numbers of a California guideline result. The whole result (the worksheet of
/// every step with its citation, the per-child allocation, the exact amounts, missing rules) is
/// the response JSON.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct cs_california_output {
    /// The support per month: the guideline amount or, when the obligor qualifies for the
    /// low-income adjustment, the amount applied (by default the presumptive, lowest amount).
    pub amount: cs_amount,
    /// Who pays: `CS_PARENT_A`, `CS_PARENT_B`, or `CS_PARENT_NONE` when the amount is zero.
    pub payer: u32,
    /// Who receives: `CS_PARENT_A`, `CS_PARENT_B`, or `CS_PARENT_NONE` when the amount is zero.
    pub recipient: u32,
    /// The K-table band of the total net income (1-based).
    pub band: u32,
    /// Whether the obligor qualifies for the low-income adjustment (§4055(b)(7)): then the
    /// presumed amount lies anywhere from `low_income_lowest` to `low_income_highest`.
    pub has_low_income_range: bool,
    /// The lowest amount of the low-income range (zero when there is no range).
    pub low_income_lowest: cs_amount,
    /// The highest amount of the low-income range, the guideline amount (zero when there is no
    /// range).
    pub low_income_highest: cs_amount,
    /// The guideline amount before any low-income adjustment.
    pub unadjusted_amount: cs_amount,
}

impl cs_california_output {
    const EMPTY: cs_california_output = cs_california_output {
        amount: cs_amount::ZERO,
        payer: cs_parent::CS_PARENT_NONE as u32,
        recipient: cs_parent::CS_PARENT_NONE as u32,
        band: 0,
        has_low_income_range: false,
        low_income_lowest: cs_amount::ZERO,
        low_income_highest: cs_amount::ZERO,
        unadjusted_amount: cs_amount::ZERO,
    };

    fn new(r: &CaliforniaResult) -> cs_california_output {
        let mut out = cs_california_output {
            amount: cs_amount::new(r.amount),
            payer: cs_parent::from(r.payer) as u32,
            recipient: cs_parent::from(r.recipient) as u32,
            band: r.band,
            unadjusted_amount: cs_amount::new(r.unadjusted_amount),
            ..cs_california_output::EMPTY
        };
        if let Some(lia) = &r.low_income_adjustment {
            out.has_low_income_range = true;
            out.low_income_lowest = cs_amount::new(lia.lowest_amount);
            out.low_income_highest = cs_amount::new(lia.highest_amount);
        }
        out
    }
}

/// An exact decimal from a C string, read by the JSON interface's rule
/// ([`childsupport::money::exact::parse_plain`]): plain notation only, never rounded.
unsafe fn decimal(p: *const c_char, field: &str) -> Result<Decimal, Failure> {
    let text = unsafe { boundary::text(p, field) }?;
    childsupport::money::exact::parse_plain(text).map_err(|why| {
        Failure::core(&Error::invalid(
            field,
            text,
            childsupport::money::exact::allowed(why),
        ))
    })
}

unsafe fn date(p: *const c_char, field: &str) -> Result<Date, Failure> {
    let text = unsafe { boundary::text(p, field) }?;
    text.parse::<Date>().map_err(|e| {
        let allowed = match e {
            Error::InvalidInput { allowed, .. } => allowed,
            other => other.to_string(),
        };
        Failure::core(&Error::invalid(field, text, allowed))
    })
}

fn parent(v: u32) -> Result<Parent, Failure> {
    match cs_parent::try_from(v) {
        Ok(cs_parent::CS_PARENT_A) => Ok(Parent::A),
        Ok(cs_parent::CS_PARENT_B) => Ok(Parent::B),
        _ => Err(Failure::core(&Error::invalid(
            "time_share.parent",
            v,
            "CS_PARENT_A (0) or CS_PARENT_B (1)",
        ))),
    }
}

fn input(
    calculation_date: Date,
    a: Decimal,
    b: Decimal,
    time_share_parent: u32,
    fraction: Decimal,
    children: u32,
    low_income: LowIncomeChoice,
) -> Result<CaliforniaInput, Failure> {
    let time_share = TimeShare {
        parent: parent(time_share_parent)?,
        fraction,
    };
    let mut input = CaliforniaInput::new(calculation_date, a, b, time_share, children);
    input.low_income_adjustment = Some(low_income);
    Ok(input)
}

/// The low-income choice from its C fields.
unsafe fn low_income(kind: u32, amount: *const c_char) -> Result<LowIncomeChoice, Failure> {
    match kind {
        0 => Ok(LowIncomeChoice::Presumptive),
        1 => Ok(LowIncomeChoice::NotApplied),
        2 => Ok(LowIncomeChoice::Amount(unsafe {
            decimal(amount, "low_income_adjustment.amount")
        }?)),
        other => Err(Failure::core(&Error::invalid(
            "low_income_adjustment",
            other,
            "CS_LOW_INCOME_PRESUMPTIVE (0), CS_LOW_INCOME_NONE (1) or CS_LOW_INCOME_AMOUNT (2)",
        ))),
    }
}

/// The response JSON of a result: the same document `cs_compute_json` gives.
fn result_json(rules: &childsupport::Rules, result: &CaliforniaResult) -> Result<String, Failure> {
    childsupport::api::response_json(rules, "california_guideline", result)
        .map_err(|e| Failure::core(&e))
}

/// Runs a typed call: `build` reads the C input; the output and response are filled in.
unsafe fn run(
    rules: *const cs_rules,
    out: *mut cs_california_output,
    response: *mut *mut cs_response,
    build: impl FnOnce() -> Result<CaliforniaInput, Failure>,
) -> cs_status {
    unsafe {
        put(response, std::ptr::null_mut());
        put(out, cs_california_output::EMPTY);
    }
    let answer = boundary::catch_or_else(
        || Err(Failure::internal()),
        || {
            if out.is_null() {
                return Err(Failure::null("out"));
            }
            let rules = unsafe { rules.as_ref() }.ok_or_else(|| Failure::null("rules"))?;
            let input = build()?;
            // Without a response nobody reads the worksheet: compute lean, the same numbers.
            let (result, json) = if response.is_null() {
                let r =
                    california::compute_lean(rules.get(), &input).map_err(|e| Failure::core(&e))?;
                (r, String::new())
            } else {
                let r = california::compute(rules.get(), &input).map_err(|e| Failure::core(&e))?;
                let json = result_json(rules.get(), &r)?;
                (r, json)
            };
            Ok((cs_california_output::new(&result), json))
        },
    );
    let (status, resp) = match answer {
        Ok((output, json)) => {
            unsafe { put(out, output) };
            (CS_STATUS_OK, cs_response::ok(json))
        }
        Err(f) => (f.status, cs_response::failed(f)),
    };
    if !response.is_null() {
        unsafe { put(response, resp.into_raw()) };
    }
    status
}

/// California guideline child support (Fam. Code §4055) from decimal strings.
///
/// Returns the status. On success fills `*out`. On failure `*out` is zeroed (`payer` is
/// `CS_PARENT_NONE`) and the status says why: `CS_STATUS_INVALID_INPUT` (a field not allowed:
/// a negative income, a fraction above 1, an unknown `time_share_parent`, a malformed date or
/// decimal), `CS_STATUS_NO_RULE` (no rule covers the date), `CS_STATUS_NULL_POINTER` (`rules`,
/// `input`, `out` or a string field is NULL), `CS_STATUS_INVALID_UTF8`.
///
/// `response` is optional: when it is not NULL, `*response` is always set, to the full response
/// JSON on success (the worksheet, per-child shares, exact amounts: the same document
/// `cs_compute_json` gives) or to the error, whose message and field say what to fix. Free it
/// with `cs_response_free`. With a NULL `response` only the status is reported.
///
/// # Safety
/// `rules` is NULL or a live rule set; `input` is NULL or points to an input whose string
/// fields are NULL or NUL-terminated; `out` and `response` are NULL or valid for writes.
#[no_mangle]
pub unsafe extern "C" fn cs_california_guideline(
    rules: *const cs_rules,
    input: *const cs_california_input,
    out: *mut cs_california_output,
    response: *mut *mut cs_response,
) -> cs_status {
    unsafe {
        run(rules, out, response, || {
            let i = input.as_ref().ok_or_else(|| Failure::null("input"))?;
            let date = date(i.calculation_date, "calculation_date")?;
            let a = decimal(i.parent_a_net_income, "parent_a_net_income")?;
            let b = decimal(i.parent_b_net_income, "parent_b_net_income")?;
            let f = decimal(i.time_share_fraction, "time_share.fraction")?;
            let li = low_income(i.low_income_adjustment, i.low_income_amount)?;
            self::input(date, a, b, i.time_share_parent, f, i.children, li)
        })
    }
}

/// As `cs_california_guideline`, with the incomes in whole cents.
///
/// # Safety
/// As `cs_california_guideline`.
#[no_mangle]
pub unsafe extern "C" fn cs_california_guideline_cents(
    rules: *const cs_rules,
    input: *const cs_california_input_cents,
    out: *mut cs_california_output,
    response: *mut *mut cs_response,
) -> cs_status {
    unsafe {
        run(rules, out, response, || {
            let i = input.as_ref().ok_or_else(|| Failure::null("input"))?;
            let date = date(i.calculation_date, "calculation_date")?;
            let a = Decimal::new(i.parent_a_net_income_cents, 2);
            let b = Decimal::new(i.parent_b_net_income_cents, 2);
            let f = decimal(i.time_share_fraction, "time_share.fraction")?;
            let li = low_income(i.low_income_adjustment, i.low_income_amount)?;
            self::input(date, a, b, i.time_share_parent, f, i.children, li)
        })
    }
}

/// Sets every field of `*input` to its default: NULL strings, `CS_PARENT_A`, no children,
/// `CS_LOW_INCOME_PRESUMPTIVE`. Call it before filling in the fields, so a field added in a later
/// version of the library has its default rather than stack garbage. NULL is ignored.
///
/// # Safety
/// `input` is NULL or valid for writes.
#[no_mangle]
pub unsafe extern "C" fn cs_california_input_init(input: *mut cs_california_input) {
    unsafe {
        put(
            input,
            cs_california_input {
                calculation_date: std::ptr::null(),
                parent_a_net_income: std::ptr::null(),
                parent_b_net_income: std::ptr::null(),
                time_share_parent: cs_parent::CS_PARENT_A as u32,
                time_share_fraction: std::ptr::null(),
                children: 0,
                low_income_adjustment: cs_low_income::CS_LOW_INCOME_PRESUMPTIVE as u32,
                low_income_amount: std::ptr::null(),
            },
        )
    }
}

/// As `cs_california_input_init`, for `cs_california_input_cents`.
///
/// # Safety
/// `input` is NULL or valid for writes.
#[no_mangle]
pub unsafe extern "C" fn cs_california_input_cents_init(input: *mut cs_california_input_cents) {
    unsafe {
        put(
            input,
            cs_california_input_cents {
                calculation_date: std::ptr::null(),
                parent_a_net_income_cents: 0,
                parent_b_net_income_cents: 0,
                time_share_parent: cs_parent::CS_PARENT_A as u32,
                time_share_fraction: std::ptr::null(),
                children: 0,
                low_income_adjustment: cs_low_income::CS_LOW_INCOME_PRESUMPTIVE as u32,
                low_income_amount: std::ptr::null(),
            },
        )
    }
}

/// The name of a parent code as JSON writes it: `"parent_a"`, `"parent_b"`, `"none"`
/// (`CS_PARENT_NONE`), or `"unknown"` for any other value.
///
/// Static string: never free it.
#[no_mangle]
pub extern "C" fn cs_parent_name(parent: u32) -> *const c_char {
    boundary::catch_ptr(|| match cs_parent::try_from(parent) {
        Ok(cs_parent::CS_PARENT_A) => c"parent_a".as_ptr(),
        Ok(cs_parent::CS_PARENT_B) => c"parent_b".as_ptr(),
        Ok(cs_parent::CS_PARENT_NONE) => c"none".as_ptr(),
        Err(_) => c"unknown".as_ptr(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::cs_compute_json;
    use crate::response::*;
    use crate::rules::*;
    use crate::status::*;
    use std::ffi::CStr;

    fn rules() -> *mut cs_rules {
        let mut r = std::ptr::null_mut();
        assert_eq!(unsafe { cs_rules_default(&mut r) }, CS_STATUS_OK);
        r
    }

    fn text(buf: &[c_char]) -> &str {
        unsafe { CStr::from_ptr(buf.as_ptr()) }.to_str().unwrap()
    }

    fn n2() -> cs_california_input {
        cs_california_input {
            calculation_date: c"2025-03-01".as_ptr(),
            parent_a_net_income: c"3000".as_ptr(),
            parent_b_net_income: c"1000".as_ptr(),
            time_share_parent: cs_parent::CS_PARENT_A as u32,
            time_share_fraction: c"0.20".as_ptr(),
            children: 2,
            low_income_adjustment: 0,
            low_income_amount: std::ptr::null(),
        }
    }

    #[test]
    fn amounts_are_written_as_the_money_type_writes_them() {
        for cents in [
            0i64,
            1,
            9,
            10,
            99,
            100,
            101,
            95421,
            -5,
            -95421,
            100_000_000_000_000,
        ] {
            let a = cs_amount::new(Money::from_cents(cents));
            assert_eq!(
                text(&a.decimal),
                Money::from_cents(cents).to_string(),
                "{cents}"
            );
            assert_eq!(a.cents, cents);
        }
    }

    #[test]
    fn n2_typed_matches_the_json_call() {
        let r = rules();
        let mut out = cs_california_output::EMPTY;
        let mut resp = std::ptr::null_mut();
        unsafe {
            assert_eq!(
                cs_california_guideline(r, &n2(), &mut out, &mut resp),
                CS_STATUS_OK
            );
            assert_eq!(out.amount.cents, 95421);
            assert_eq!(text(&out.amount.decimal), "954.21");
            assert_eq!(out.payer, cs_parent::CS_PARENT_A as u32);
            assert_eq!(out.recipient, cs_parent::CS_PARENT_B as u32);
            assert_eq!(out.band, 2);
            assert!(!out.has_low_income_range);

            let req = cr#"{"kind":"california_guideline","input":{"calculation_date":"2025-03-01",
                "parent_a_net_income":"3000","parent_b_net_income":"1000",
                "time_share":{"parent":"parent_a","fraction":"0.20"},"children":2}}"#;
            let mut resp2 = std::ptr::null_mut();
            assert_eq!(cs_compute_json(r, req.as_ptr(), &mut resp2), CS_STATUS_OK);
            assert_eq!(
                CStr::from_ptr(cs_response_json(resp)),
                CStr::from_ptr(cs_response_json(resp2))
            );
            cs_response_free(resp);
            cs_response_free(resp2);

            // The same in cents, without asking for the response.
            let cents = cs_california_input_cents {
                calculation_date: c"2025-03-01".as_ptr(),
                parent_a_net_income_cents: 300000,
                parent_b_net_income_cents: 100000,
                time_share_parent: 0,
                time_share_fraction: c"0.20".as_ptr(),
                children: 2,
                low_income_adjustment: 0,
                low_income_amount: std::ptr::null(),
            };
            let mut out2 = cs_california_output::EMPTY;
            assert_eq!(
                cs_california_guideline_cents(r, &cents, &mut out2, std::ptr::null_mut()),
                CS_STATUS_OK
            );
            assert_eq!(out2.amount.cents, 95421);
            cs_rules_free(r);
        }
    }

    #[test]
    fn n1_low_income_range() {
        // spec/california.md §5 N1: HN 1,800, LN 700, H% 0, one child, 2024-10-01.
        let r = rules();
        let input = cs_california_input {
            calculation_date: c"2024-10-01".as_ptr(),
            parent_a_net_income: c"1800".as_ptr(),
            parent_b_net_income: c"700".as_ptr(),
            time_share_parent: 0,
            time_share_fraction: c"0".as_ptr(),
            children: 1,
            low_income_adjustment: 0,
            low_income_amount: std::ptr::null(),
        };
        let mut out = cs_california_output::EMPTY;
        unsafe {
            assert_eq!(
                cs_california_guideline(r, &input, &mut out, std::ptr::null_mut()),
                CS_STATUS_OK
            );
            cs_rules_free(r);
        }
        assert!(out.has_low_income_range);
        assert_eq!(text(&out.low_income_lowest.decimal), "228.01");
        assert_eq!(out.low_income_lowest.cents, 22801);
        assert_eq!(text(&out.low_income_highest.decimal), "351.31");
        // §4055(b)(7) presumes the adjustment: the amount is the lowest of the range.
        assert_eq!(out.amount.cents, 22801);
        assert_eq!(out.unadjusted_amount.cents, 35131);
    }

    #[test]
    fn n1_the_court_chooses_an_amount_or_none() {
        // N1 (2024-10-01): range 228.01 to 351.31.
        let r = rules();
        let mut input = cs_california_input {
            calculation_date: c"2024-10-01".as_ptr(),
            parent_a_net_income: c"1800".as_ptr(),
            parent_b_net_income: c"700".as_ptr(),
            time_share_parent: 0,
            time_share_fraction: c"0".as_ptr(),
            children: 1,
            low_income_adjustment: cs_low_income::CS_LOW_INCOME_NONE as u32,
            low_income_amount: std::ptr::null(),
        };
        let mut out = cs_california_output::EMPTY;
        unsafe {
            assert_eq!(
                cs_california_guideline(r, &input, &mut out, std::ptr::null_mut()),
                CS_STATUS_OK
            );
            assert_eq!(out.amount.cents, 35131);
            input.low_income_adjustment = cs_low_income::CS_LOW_INCOME_AMOUNT as u32;
            input.low_income_amount = c"300.00".as_ptr();
            assert_eq!(
                cs_california_guideline(r, &input, &mut out, std::ptr::null_mut()),
                CS_STATUS_OK
            );
            assert_eq!(out.amount.cents, 30000);
            input.low_income_amount = c"400.00".as_ptr();
            let mut resp = std::ptr::null_mut();
            assert_eq!(
                cs_california_guideline(r, &input, &mut out, &mut resp),
                CS_STATUS_INVALID_INPUT
            );
            assert_eq!(
                CStr::from_ptr(cs_response_error_field(resp))
                    .to_str()
                    .unwrap(),
                "low_income_adjustment.amount"
            );
            cs_response_free(resp);
            input.low_income_adjustment = 7;
            assert_eq!(
                cs_california_guideline(r, &input, &mut out, std::ptr::null_mut()),
                CS_STATUS_INVALID_INPUT
            );
            cs_rules_free(r);
        }
    }

    #[test]
    fn errors_name_the_field() {
        let r = rules();
        let cases: Vec<(cs_california_input, cs_status, &str)> = vec![
            (
                cs_california_input {
                    parent_a_net_income: c"-5".as_ptr(),
                    ..n2()
                },
                CS_STATUS_INVALID_INPUT,
                "parent_a_net_income",
            ),
            (
                cs_california_input {
                    parent_b_net_income: c"12,000".as_ptr(),
                    ..n2()
                },
                CS_STATUS_INVALID_INPUT,
                "parent_b_net_income",
            ),
            (
                cs_california_input {
                    calculation_date: c"2025-02-30".as_ptr(),
                    ..n2()
                },
                CS_STATUS_INVALID_INPUT,
                "calculation_date",
            ),
            (
                cs_california_input {
                    time_share_parent: 7,
                    ..n2()
                },
                CS_STATUS_INVALID_INPUT,
                "time_share.parent",
            ),
            (
                cs_california_input {
                    time_share_parent: cs_parent::CS_PARENT_NONE as u32,
                    ..n2()
                },
                CS_STATUS_INVALID_INPUT,
                "time_share.parent",
            ),
            (
                cs_california_input {
                    time_share_fraction: c"1.5".as_ptr(),
                    ..n2()
                },
                CS_STATUS_INVALID_INPUT,
                "time_share.fraction",
            ),
            (
                cs_california_input {
                    time_share_fraction: std::ptr::null(),
                    ..n2()
                },
                CS_STATUS_NULL_POINTER,
                "time_share.fraction",
            ),
            (
                cs_california_input {
                    parent_a_net_income: c"3\xff".as_ptr(),
                    ..n2()
                },
                CS_STATUS_INVALID_UTF8,
                "parent_a_net_income",
            ),
            (
                cs_california_input {
                    calculation_date: c"1999-01-01".as_ptr(),
                    ..n2()
                },
                CS_STATUS_NO_RULE,
                "california.k_tables",
            ),
        ];
        for (input, status, field) in cases {
            let mut out = cs_california_output::EMPTY;
            out.band = 99;
            let mut resp = std::ptr::null_mut();
            unsafe {
                assert_eq!(
                    cs_california_guideline(r, &input, &mut out, &mut resp),
                    status
                );
                assert_eq!(cs_response_status(resp), status);
                assert_eq!(
                    CStr::from_ptr(cs_response_error_field(resp))
                        .to_str()
                        .unwrap(),
                    field
                );
                cs_response_free(resp);
            }
            assert_eq!(out.band, 0, "the output is zeroed on failure");
            assert_eq!(out.payer, cs_parent::CS_PARENT_NONE as u32);
        }
        unsafe {
            let mut out = cs_california_output::EMPTY;
            let mut resp = std::ptr::null_mut();
            assert_eq!(
                cs_california_guideline(r, std::ptr::null(), &mut out, &mut resp),
                CS_STATUS_NULL_POINTER
            );
            cs_response_free(resp);
            assert_eq!(
                cs_california_guideline(r, &n2(), std::ptr::null_mut(), &mut resp),
                CS_STATUS_NULL_POINTER
            );
            assert_eq!(
                CStr::from_ptr(cs_response_error_field(resp))
                    .to_str()
                    .unwrap(),
                "out"
            );
            cs_response_free(resp);
            assert_eq!(
                cs_california_guideline(std::ptr::null(), &n2(), &mut out, std::ptr::null_mut()),
                CS_STATUS_NULL_POINTER
            );
            cs_rules_free(r);
        }
    }

    #[test]
    fn parent_codes() {
        assert_eq!(cs_parent::try_from(0), Ok(cs_parent::CS_PARENT_A));
        assert_eq!(cs_parent::try_from(1), Ok(cs_parent::CS_PARENT_B));
        assert_eq!(cs_parent::try_from(2), Ok(cs_parent::CS_PARENT_NONE));
        assert_eq!(cs_parent::try_from(3), Err(3));
        let name = |p| {
            unsafe { CStr::from_ptr(cs_parent_name(p)) }
                .to_str()
                .unwrap()
        };
        assert_eq!(name(0), "parent_a");
        assert_eq!(name(1), "parent_b");
        assert_eq!(name(2), "none");
        assert_eq!(name(9), "unknown");
    }

    #[test]
    fn amounts_fit_their_buffer() {
        let biggest = Money::round(childsupport::money::MAX_AMOUNT * Decimal::from(100));
        let a = cs_amount::new(-biggest);
        assert!(text(&a.decimal).starts_with("-100000000000000"));
        assert_eq!(a.decimal[CS_DECIMAL_LEN - 1], 0);
    }
}
