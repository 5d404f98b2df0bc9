//! Responses and errors: the objects the library hands back, with their accessors.

use std::ffi::{c_char, CString};

use crate::boundary::{self, c_string, Failure};
use crate::status::{cs_status, CS_STATUS_NULL_POINTER, CS_STATUS_OK};

/// The answer to a computation: a status and the response JSON.
///
/// On success the JSON is `{"kind": KIND, "result": {...}}` with every amount as a decimal
/// string; on failure it is `{"error": {"code", "message", "field"?, ...}}` and the status is the
/// error's code. Made by `cs_compute_json` and the typed calls; free it with `cs_response_free`.
/// Immutable: it may be read from several threads at once.
pub struct cs_response {
    status: cs_status,
    json: CString,
    message: Option<CString>,
    field: Option<CString>,
}

impl cs_response {
    pub(crate) fn ok(json: String) -> cs_response {
        cs_response {
            status: CS_STATUS_OK,
            json: c_string(json),
            message: None,
            field: None,
        }
    }

    pub(crate) fn failed(f: Failure) -> cs_response {
        cs_response {
            status: f.status,
            json: c_string(f.json),
            message: Some(c_string(f.message)),
            field: f.field.map(c_string),
        }
    }

    pub(crate) fn status(&self) -> cs_status {
        self.status
    }

    /// Moves the response to the heap for C.
    pub(crate) fn into_raw(self) -> *mut cs_response {
        Box::into_raw(Box::new(self))
    }
}

/// Why a rules set could not be made: a status, a message and the place in the rules data.
///
/// Made by `cs_rules_from_toml` / `cs_rules_from_file` when they fail; free it with
/// `cs_error_free`.
pub struct cs_error {
    status: cs_status,
    json: CString,
    message: CString,
    field: Option<CString>,
}

impl cs_error {
    pub(crate) fn new(f: Failure) -> cs_error {
        cs_error {
            status: f.status,
            json: c_string(f.json),
            message: c_string(f.message),
            field: f.field.map(c_string),
        }
    }
}

fn opt_ptr(s: &Option<CString>) -> *const c_char {
    s.as_ref().map_or(std::ptr::null(), |s| s.as_ptr())
}

/// The status of `response`: `CS_STATUS_OK` or the error's code. `CS_STATUS_NULL_POINTER` if
/// `response` is NULL.
///
/// # Safety
/// `response` is NULL or a live response from this library.
#[no_mangle]
pub unsafe extern "C" fn cs_response_status(response: *const cs_response) -> cs_status {
    boundary::catch_status(|| match unsafe { response.as_ref() } {
        Some(r) => r.status,
        None => CS_STATUS_NULL_POINTER,
    })
}

/// The response JSON (the result, or the `{"error": ...}` object). NULL if `response` is NULL.
///
/// Owned by `response`: valid until `cs_response_free(response)`; do not free it.
///
/// # Safety
/// `response` is NULL or a live response from this library.
#[no_mangle]
pub unsafe extern "C" fn cs_response_json(response: *const cs_response) -> *const c_char {
    boundary::catch_ptr(|| match unsafe { response.as_ref() } {
        Some(r) => r.json.as_ptr(),
        None => std::ptr::null(),
    })
}

/// The error message of a failed response, a sentence naming the field, the value given and
/// what is allowed. NULL when the response succeeded or `response` is NULL.
///
/// Owned by `response`: valid until `cs_response_free(response)`; do not free it.
///
/// # Safety
/// `response` is NULL or a live response from this library.
#[no_mangle]
pub unsafe extern "C" fn cs_response_error_message(response: *const cs_response) -> *const c_char {
    boundary::catch_ptr(|| match unsafe { response.as_ref() } {
        Some(r) => opt_ptr(&r.message),
        None => std::ptr::null(),
    })
}

/// The field a failed response is about, as a path in the request (`"parent_a_net_income"`,
/// `"time_share.fraction"`, `"payments[3].date"`) or the argument name (`"request_json"`).
/// NULL when there is none, when the response succeeded, or when `response` is NULL.
///
/// Owned by `response`: valid until `cs_response_free(response)`; do not free it.
///
/// # Safety
/// `response` is NULL or a live response from this library.
#[no_mangle]
pub unsafe extern "C" fn cs_response_error_field(response: *const cs_response) -> *const c_char {
    boundary::catch_ptr(|| match unsafe { response.as_ref() } {
        Some(r) => opt_ptr(&r.field),
        None => std::ptr::null(),
    })
}

/// Frees a response and every string it owns. NULL is accepted (and does nothing).
///
/// # Safety
/// `response` is NULL or a live response from this library, not used after this call.
#[no_mangle]
pub unsafe extern "C" fn cs_response_free(response: *mut cs_response) {
    boundary::catch_or((), || {
        if !response.is_null() {
            drop(unsafe { Box::from_raw(response) });
        }
    })
}

/// The status of `error` (its code). `CS_STATUS_NULL_POINTER` if `error` is NULL.
///
/// # Safety
/// `error` is NULL or a live error from this library.
#[no_mangle]
pub unsafe extern "C" fn cs_error_status(error: *const cs_error) -> cs_status {
    boundary::catch_status(|| match unsafe { error.as_ref() } {
        Some(e) => e.status,
        None => CS_STATUS_NULL_POINTER,
    })
}

/// The error message: what is wrong, where, and what is allowed. NULL if `error` is NULL.
///
/// Owned by `error`: valid until `cs_error_free(error)`; do not free it.
///
/// # Safety
/// `error` is NULL or a live error from this library.
#[no_mangle]
pub unsafe extern "C" fn cs_error_message(error: *const cs_error) -> *const c_char {
    boundary::catch_ptr(|| match unsafe { error.as_ref() } {
        Some(e) => e.message.as_ptr(),
        None => std::ptr::null(),
    })
}

/// Where the error is: the place in the rules data (`"california.minimum_wage[2]"`, the file)
/// or the argument name. NULL when there is none or `error` is NULL.
///
/// Owned by `error`: valid until `cs_error_free(error)`; do not free it.
///
/// # Safety
/// `error` is NULL or a live error from this library.
#[no_mangle]
pub unsafe extern "C" fn cs_error_field(error: *const cs_error) -> *const c_char {
    boundary::catch_ptr(|| match unsafe { error.as_ref() } {
        Some(e) => opt_ptr(&e.field),
        None => std::ptr::null(),
    })
}

/// The error as the JSON object every interface returns (`{"error": {"code", ...}}`). NULL if
/// `error` is NULL.
///
/// Owned by `error`: valid until `cs_error_free(error)`; do not free it.
///
/// # Safety
/// `error` is NULL or a live error from this library.
#[no_mangle]
pub unsafe extern "C" fn cs_error_json(error: *const cs_error) -> *const c_char {
    boundary::catch_ptr(|| match unsafe { error.as_ref() } {
        Some(e) => e.json.as_ptr(),
        None => std::ptr::null(),
    })
}

/// Frees an error. NULL is accepted (and does nothing).
///
/// # Safety
/// `error` is NULL or a live error from this library, not used after this call.
#[no_mangle]
pub unsafe extern "C" fn cs_error_free(error: *mut cs_error) {
    boundary::catch_or((), || {
        if !error.is_null() {
            drop(unsafe { Box::from_raw(error) });
        }
    })
}
