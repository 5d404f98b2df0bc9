//! Status codes: what every fallible function returns.
//!
//! Plain `uint32_t` constants with explicit values that never change (retired values stay
//! reserved). 1-99 are the core library's error codes, passed through unchanged, so a code added
//! to the core reaches C callers without a change here; 100 and up are this interface's own.

use std::ffi::c_char;

use childsupport::ErrorCode;

/// A status code: `CS_STATUS_OK` (0) or the reason a call failed.
///
/// 1-99 are the core library's error codes (the `"code"` of an `{"error": ...}` response);
/// 100 and up are raised by the C interface itself. `cs_status_name` gives a code's name.
pub type cs_status = u32;

/// Success.
pub const CS_STATUS_OK: cs_status = 0;
/// A field of the input is not allowed (negative income, a fraction above 1, an unknown date
/// format); the message and `field` name it. JSON code `"invalid_input"`.
pub const CS_STATUS_INVALID_INPUT: cs_status = 1;
/// No rule in the rule set covers the date asked for. JSON code `"no_rule"`.
pub const CS_STATUS_NO_RULE: cs_status = 2;
/// The rules data is malformed or cannot be read. JSON code `"rules"`.
pub const CS_STATUS_RULES: cs_status = 3;
/// The request could not be parsed (bad JSON, unknown kind, missing field). JSON code
/// `"request"`.
pub const CS_STATUS_REQUEST: cs_status = 4;
/// A value cannot be computed: an amount beyond the largest the library holds, or a defect
/// (a zero divisor reached a result). JSON code `"arithmetic"`.
pub const CS_STATUS_ARITHMETIC: cs_status = 5;
/// A pointer argument (or a string field of an input struct) was NULL. JSON code
/// `"null_pointer"`.
pub const CS_STATUS_NULL_POINTER: cs_status = 100;
/// A string argument is not valid UTF-8. JSON code `"invalid_utf8"`.
pub const CS_STATUS_INVALID_UTF8: cs_status = 101;
/// The caller's buffer is too small; the size needed (with the terminating NUL) is reported.
pub const CS_STATUS_BUFFER_TOO_SMALL: cs_status = 102;
/// `cs_json_get` / `cs_json_array_len`: nothing at that JSON pointer.
pub const CS_STATUS_NOT_FOUND: cs_status = 103;
/// `cs_json_array_len`: the value at the pointer is not an array.
pub const CS_STATUS_WRONG_TYPE: cs_status = 104;
/// `cs_json_get` / `cs_json_array_len`: the document is not valid JSON.
pub const CS_STATUS_INVALID_JSON: cs_status = 105;
/// `cs_json_get`: the string value contains a NUL character, which a C string cannot carry.
pub const CS_STATUS_INTERIOR_NUL: cs_status = 106;
/// A defect in the library (a caught panic). Please report it with the input.
pub const CS_STATUS_INTERNAL: cs_status = 255;

/// The status of a core error: its stable core code, unchanged.
pub(crate) fn from_core(code: ErrorCode) -> cs_status {
    code as u32
}

/// The name of a status: `"ok"`, the core's JSON code (`"invalid_input"`, `"no_rule"`,
/// `"rules"`, `"request"`) or this interface's (`"null_pointer"`, `"invalid_utf8"`,
/// `"buffer_too_small"`, `"not_found"`, `"wrong_type"`, `"invalid_json"`, `"interior_nul"`,
/// `"internal"`); `"unknown"` for any other value.
///
/// Static string: never free it.
#[no_mangle]
pub extern "C" fn cs_status_name(status: cs_status) -> *const c_char {
    crate::boundary::catch_ptr(|| status_name(status).as_ptr())
}

fn status_name(status: cs_status) -> &'static std::ffi::CStr {
    let name: &'static std::ffi::CStr = match status {
        CS_STATUS_OK => c"ok",
        CS_STATUS_INVALID_INPUT => c"invalid_input",
        CS_STATUS_NO_RULE => c"no_rule",
        CS_STATUS_RULES => c"rules",
        CS_STATUS_REQUEST => c"request",
        CS_STATUS_ARITHMETIC => c"arithmetic",
        CS_STATUS_NULL_POINTER => c"null_pointer",
        CS_STATUS_INVALID_UTF8 => c"invalid_utf8",
        CS_STATUS_BUFFER_TOO_SMALL => c"buffer_too_small",
        CS_STATUS_NOT_FOUND => c"not_found",
        CS_STATUS_WRONG_TYPE => c"wrong_type",
        CS_STATUS_INVALID_JSON => c"invalid_json",
        CS_STATUS_INTERIOR_NUL => c"interior_nul",
        CS_STATUS_INTERNAL => c"internal",
        _ => c"unknown",
    };
    name
}

/// The name of a status as Rust text (for JSON error objects).
pub(crate) fn name(status: cs_status) -> &'static str {
    // Every name above is ASCII.
    status_name(status).to_str().unwrap_or("unknown")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn core_codes_pass_through_with_their_names() {
        for code in [
            ErrorCode::InvalidInput,
            ErrorCode::NoRule,
            ErrorCode::Rules,
            ErrorCode::Request,
        ] {
            let status = from_core(code);
            assert!((1..100).contains(&status), "{code:?} is {status}");
            assert_eq!(name(status), code.as_str());
        }
        assert_eq!(from_core(ErrorCode::InvalidInput), CS_STATUS_INVALID_INPUT);
        assert_eq!(from_core(ErrorCode::NoRule), CS_STATUS_NO_RULE);
        assert_eq!(from_core(ErrorCode::Rules), CS_STATUS_RULES);
        assert_eq!(from_core(ErrorCode::Request), CS_STATUS_REQUEST);
        assert_eq!(from_core(ErrorCode::Arithmetic), CS_STATUS_ARITHMETIC);
    }

    #[test]
    fn values_are_stable() {
        // These numbers are the ABI: changing one breaks every compiled caller.
        let table = [
            (CS_STATUS_OK, 0, "ok"),
            (CS_STATUS_NULL_POINTER, 100, "null_pointer"),
            (CS_STATUS_INVALID_UTF8, 101, "invalid_utf8"),
            (CS_STATUS_BUFFER_TOO_SMALL, 102, "buffer_too_small"),
            (CS_STATUS_NOT_FOUND, 103, "not_found"),
            (CS_STATUS_WRONG_TYPE, 104, "wrong_type"),
            (CS_STATUS_INVALID_JSON, 105, "invalid_json"),
            (CS_STATUS_INTERIOR_NUL, 106, "interior_nul"),
            (CS_STATUS_INTERNAL, 255, "internal"),
        ];
        for (status, value, n) in table {
            assert_eq!(status, value);
            assert_eq!(name(status), n);
        }
        assert_eq!(name(99), "unknown");
    }
}
