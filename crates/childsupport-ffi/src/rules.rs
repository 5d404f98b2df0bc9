//! Rule sets: the embedded default, or the default with series replaced from TOML.

use std::borrow::Cow;
use std::ffi::{c_char, CString};

use childsupport::Rules;

use crate::boundary::{self, c_string, put, Failure};
use crate::response::cs_error;
use crate::status::{cs_status, CS_STATUS_NULL_POINTER, CS_STATUS_OK};

/// A validated rule set (rates, tables, thresholds, each effective-dated with its citation).
///
/// Made by `cs_rules_default`, `cs_rules_from_toml` or `cs_rules_from_file`; free it with
/// `cs_rules_free`. Immutable: one rule set may be used by any number of threads at once.
pub struct cs_rules {
    rules: Cow<'static, Rules>,
    version: CString,
}

impl cs_rules {
    fn new(rules: Cow<'static, Rules>) -> cs_rules {
        let version = c_string(rules.meta.version.clone());
        cs_rules { rules, version }
    }

    pub(crate) fn get(&self) -> &Rules {
        &self.rules
    }
}

/// Sets `*out` to the rules embedded in the library (the default every interface uses).
///
/// Returns `CS_STATUS_OK`, or `CS_STATUS_NULL_POINTER` if `out` is NULL. Free `*out` with
/// `cs_rules_free`.
///
/// # Safety
/// `out` is NULL or valid for writes.
#[no_mangle]
pub unsafe extern "C" fn cs_rules_default(out: *mut *mut cs_rules) -> cs_status {
    if out.is_null() {
        return CS_STATUS_NULL_POINTER;
    }
    unsafe { put(out, std::ptr::null_mut()) };
    boundary::catch_status(|| {
        let rules = Box::new(cs_rules::new(Cow::Borrowed(Rules::embedded())));
        unsafe { put(out, Box::into_raw(rules)) };
        CS_STATUS_OK
    })
}

/// Loads a rules document: the embedded rules with every series the document names replaced
/// whole (a county adding next year's `[[california.minimum_wage]]` entries gives the embedded
/// entries plus the new one).
///
/// On success returns `CS_STATUS_OK` and sets `*out` (free it with `cs_rules_free`). On failure
/// returns the status (`CS_STATUS_RULES` for a malformed or invalid document,
/// `CS_STATUS_NULL_POINTER`, `CS_STATUS_INVALID_UTF8`), sets `*out` to NULL and, if `err` is
/// not NULL, sets `*err` to an error to read and free with `cs_error_free` (`*err` is set to NULL
/// on success, so it can always be freed).
///
/// # Safety
/// `toml` is NULL or a NUL-terminated string; `out` and `err` are NULL or valid for writes.
#[no_mangle]
pub unsafe extern "C" fn cs_rules_from_toml(
    toml: *const c_char,
    out: *mut *mut cs_rules,
    err: *mut *mut cs_error,
) -> cs_status {
    unsafe {
        load(out, err, || {
            let text = boundary::text(toml, "toml")?;
            Rules::from_toml_str(text).map_err(|e| Failure::core(&e))
        })
    }
}

/// Loads a rules document from the file at `path` (as `cs_rules_from_toml`; a file that cannot
/// be read is `CS_STATUS_RULES` naming the file).
///
/// # Safety
/// `path` is NULL or a NUL-terminated string; `out` and `err` are NULL or valid for writes.
#[no_mangle]
pub unsafe extern "C" fn cs_rules_from_file(
    path: *const c_char,
    out: *mut *mut cs_rules,
    err: *mut *mut cs_error,
) -> cs_status {
    unsafe {
        load(out, err, || {
            if path.is_null() {
                return Err(Failure::null("path"));
            }
            let bytes = std::ffi::CStr::from_ptr(path).to_bytes();
            #[cfg(unix)]
            let p = {
                use std::os::unix::ffi::OsStrExt;
                std::path::Path::new(std::ffi::OsStr::from_bytes(bytes))
            };
            #[cfg(not(unix))]
            let p = std::path::Path::new(boundary::text(path, "path")?);
            let _ = bytes;
            Rules::from_path(p).map_err(|e| Failure::core(&e))
        })
    }
}

unsafe fn load(
    out: *mut *mut cs_rules,
    err: *mut *mut cs_error,
    f: impl FnOnce() -> Result<Rules, Failure>,
) -> cs_status {
    unsafe {
        put(out, std::ptr::null_mut());
        put(err, std::ptr::null_mut());
    }
    let result = boundary::catch_or_else(
        || Err(Failure::internal()),
        || {
            if out.is_null() {
                return Err(Failure::null("out"));
            }
            f()
        },
    );
    match result {
        Ok(rules) => {
            let handle = Box::new(cs_rules::new(Cow::Owned(rules)));
            unsafe { put(out, Box::into_raw(handle)) };
            CS_STATUS_OK
        }
        Err(failure) => {
            let status = failure.status;
            boundary::catch_or((), || {
                if !err.is_null() {
                    unsafe { put(err, Box::into_raw(Box::new(cs_error::new(failure)))) };
                }
            });
            status
        }
    }
}

/// The version of the rule set (`meta.version`), reported in every result. NULL if `rules` is
/// NULL.
///
/// Owned by `rules`: valid until `cs_rules_free(rules)`; do not free it.
///
/// # Safety
/// `rules` is NULL or a live rule set from this library.
#[no_mangle]
pub unsafe extern "C" fn cs_rules_version(rules: *const cs_rules) -> *const c_char {
    boundary::catch_ptr(|| match unsafe { rules.as_ref() } {
        Some(r) => r.version.as_ptr(),
        None => std::ptr::null(),
    })
}

/// Frees a rule set. NULL is accepted (and does nothing). Responses made with it stay valid.
///
/// # Safety
/// `rules` is NULL or a live rule set from this library, not used after this call.
#[no_mangle]
pub unsafe extern "C" fn cs_rules_free(rules: *mut cs_rules) {
    boundary::catch_or((), || {
        if !rules.is_null() {
            drop(unsafe { Box::from_raw(rules) });
        }
    })
}
