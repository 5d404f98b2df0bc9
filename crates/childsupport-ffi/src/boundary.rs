//! The panic boundary and the conversions every exported function shares.

use std::ffi::{c_char, CStr, CString};
use std::panic::{catch_unwind, AssertUnwindSafe};

use childsupport::Error;

use crate::status::{self, cs_status, CS_STATUS_INTERNAL, CS_STATUS_NULL_POINTER};

/// Runs `f`, turning a panic into [`CS_STATUS_INTERNAL`].
pub(crate) fn catch_status(f: impl FnOnce() -> cs_status) -> cs_status {
    catch_unwind(AssertUnwindSafe(f)).unwrap_or(CS_STATUS_INTERNAL)
}

/// Runs `f`, turning a panic into NULL.
pub(crate) fn catch_ptr<T>(f: impl FnOnce() -> *const T) -> *const T {
    catch_unwind(AssertUnwindSafe(f)).unwrap_or(std::ptr::null())
}

/// Runs `f`, turning a panic into `fallback`.
pub(crate) fn catch_or<T>(fallback: T, f: impl FnOnce() -> T) -> T {
    catch_unwind(AssertUnwindSafe(f)).unwrap_or(fallback)
}

/// As [`catch_or`], building the fallback only after a panic: the success path allocates
/// nothing for a failure it does not have.
pub(crate) fn catch_or_else<T>(fallback: impl FnOnce() -> T, f: impl FnOnce() -> T) -> T {
    catch_unwind(AssertUnwindSafe(f)).unwrap_or_else(|_| fallback())
}

/// `s` as a C string; a NUL inside (from an input echoed in a message) is written `\0`.
pub(crate) fn c_string(s: impl Into<String>) -> CString {
    let s = s.into();
    match CString::new(s) {
        Ok(c) => c,
        Err(e) => {
            let text = String::from_utf8_lossy(&e.into_vec()).replace('\0', "\\0");
            CString::new(text).unwrap_or_default()
        }
    }
}

/// Why a call failed: its status, the field (argument or input path) and a message, and the
/// `{"error": {...}}` JSON every interface returns for it.
#[derive(Debug, Clone)]
pub(crate) struct Failure {
    pub status: cs_status,
    pub field: Option<String>,
    pub message: String,
    pub json: String,
}

impl Failure {
    /// A core error, with the core's own JSON.
    pub fn core(e: &Error) -> Failure {
        Failure {
            status: status::from_core(e.code()),
            field: e.field().map(str::to_string),
            message: e.to_string(),
            json: childsupport::api::error_json(e),
        }
    }

    /// An error of this interface, in the core's JSON shape.
    pub fn ffi(status: cs_status, field: Option<&str>, message: String) -> Failure {
        let mut body = serde_json::Map::new();
        body.insert("code".into(), status::name(status).into());
        body.insert("message".into(), message.clone().into());
        if let Some(f) = field {
            body.insert("field".into(), f.into());
        }
        Failure {
            status,
            field: field.map(str::to_string),
            json: serde_json::json!({ "error": body }).to_string(),
            message,
        }
    }

    pub fn null(field: &str) -> Failure {
        Failure::ffi(
            CS_STATUS_NULL_POINTER,
            Some(field),
            format!("{field} is NULL; a valid pointer is required"),
        )
    }

    pub fn internal() -> Failure {
        Failure::ffi(
            CS_STATUS_INTERNAL,
            None,
            "internal error in the childsupport library (a caught panic); please report it with the input"
                .to_string(),
        )
    }
}

/// The UTF-8 text of the C string `p`, naming `field` if it is NULL or not UTF-8.
///
/// # Safety
/// `p` is NULL or points to a NUL-terminated string that lives for `'a`.
pub(crate) unsafe fn text<'a>(p: *const c_char, field: &str) -> Result<&'a str, Failure> {
    if p.is_null() {
        return Err(Failure::null(field));
    }
    let bytes = unsafe { CStr::from_ptr(p) }.to_bytes();
    std::str::from_utf8(bytes).map_err(|e| {
        Failure::ffi(
            status::CS_STATUS_INVALID_UTF8,
            Some(field),
            format!(
                "{field} is not valid UTF-8 (the first invalid byte is at offset {}); strings are UTF-8",
                e.valid_up_to()
            ),
        )
    })
}

/// Stores `value` through `out` when `out` is not NULL.
///
/// # Safety
/// `out` is NULL or valid for writes.
pub(crate) unsafe fn put<T>(out: *mut T, value: T) {
    if !out.is_null() {
        unsafe { out.write(value) };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_becomes_internal() {
        let prev = std::panic::take_hook();
        std::panic::set_hook(Box::new(|_| {}));
        assert_eq!(catch_status(|| panic!("defect")), CS_STATUS_INTERNAL);
        assert!(catch_ptr::<u8>(|| panic!("defect")).is_null());
        assert_eq!(catch_or(7, || panic!("defect")), 7);
        std::panic::set_hook(prev);
        assert_eq!(catch_status(|| 3), 3);
    }

    #[test]
    fn nul_inside_a_message_is_escaped() {
        assert_eq!(c_string("a\0b").to_str().unwrap(), "a\\0b");
        assert_eq!(c_string("ab").to_str().unwrap(), "ab");
    }

    #[test]
    fn text_names_the_field() {
        let f = unsafe { text(std::ptr::null(), "toml") }.unwrap_err();
        assert_eq!(f.status, CS_STATUS_NULL_POINTER);
        assert_eq!(f.field.as_deref(), Some("toml"));
        let bad = b"ab\xffc\0";
        let f = unsafe { text(bad.as_ptr().cast(), "request_json") }.unwrap_err();
        assert_eq!(f.status, status::CS_STATUS_INVALID_UTF8);
        assert!(f.message.contains("offset 2"), "{}", f.message);
        let v: serde_json::Value = serde_json::from_str(&f.json).unwrap();
        assert_eq!(v["error"]["code"], "invalid_utf8");
        assert_eq!(v["error"]["field"], "request_json");
        assert_eq!(unsafe { text(c"héllo".as_ptr(), "x") }.unwrap(), "héllo");
    }
}
