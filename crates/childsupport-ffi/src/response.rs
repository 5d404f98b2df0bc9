//! Responses and errors: the objects the library hands back, with their accessors.

use std::collections::BTreeMap;
use std::ffi::{c_char, CStr, CString};
use std::sync::{Arc, Mutex, OnceLock};

use serde_json::Value;

use crate::boundary::{self, c_string, put, Failure};
use crate::json::cs_json_get;
use crate::status::{
    cs_status, CS_STATUS_INVALID_JSON, CS_STATUS_NOT_FOUND, CS_STATUS_NULL_POINTER, CS_STATUS_OK,
    CS_STATUS_WRONG_TYPE,
};

/// The answer to a computation: a status and the response JSON.
///
/// On success the JSON is `{"kind": KIND, "result": {...}}` with every amount as a decimal
/// string; on failure it is `{"error": {"code", "message", "field"?, ...}}` and the status is the
/// error's code. Made by `cs_compute_json` and the typed calls; free it exactly once with
/// `cs_response_free` (freeing it twice, or using it after, is undefined behaviour).
/// Immutable: it may be read from several threads at once.
pub struct cs_response {
    status: cs_status,
    json: CString,
    message: Option<CString>,
    field: Option<CString>,
    /// `json` parsed on the first read (`cs_response_get`, `cs_response_array_len`, or
    /// `cs_json_get` given the text `cs_response_json` returned) and kept, so that reading every
    /// line of a long ledger parses the document once, not once per value. `None` inside if the
    /// JSON does not parse (never expected: the library wrote it).
    parsed: Parsed,
}

/// A response's JSON parsed once, shared with [`LIVE`].
type Parsed = Arc<OnceLock<Option<Value>>>;

/// The responses handed to C, by the address of their JSON text (what `cs_response_json`
/// returns), so that `cs_json_get` given that text answers from the response's parsed document
/// instead of parsing the text on every call. A response is entered when it is handed to C
/// ([`cs_response::into_raw`]) and removed when it is dropped (`cs_response_free`), before its
/// text is freed, so an address in the map is always the live text of that response.
static LIVE: Mutex<BTreeMap<usize, Parsed>> = Mutex::new(BTreeMap::new());

fn live() -> std::sync::MutexGuard<'static, BTreeMap<usize, Parsed>> {
    // The map is consistent after any panic (each operation is one insert or remove).
    LIVE.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// The parsed document of the live response whose JSON text is at `json`, if `json` is one
/// (the pointer `cs_response_json` returned, not a copy).
///
/// # Safety
/// `json` is NULL or a NUL-terminated string (it is only read if it is a live response's text).
pub(crate) unsafe fn live_document(json: *const c_char) -> Option<LiveDocument> {
    let parsed = live().get(&(json as usize)).cloned()?;
    // The text is the response's own JSON, valid while the response lives, which the caller
    // guarantees for as long as it reads from it.
    parsed.get_or_init(|| serde_json::from_slice(unsafe { CStr::from_ptr(json) }.to_bytes()).ok());
    Some(LiveDocument(parsed))
}

/// A live response's parsed document (see [`live_document`]).
pub(crate) struct LiveDocument(Parsed);

impl LiveDocument {
    /// The document; `None` if the response's JSON did not parse (never expected).
    pub(crate) fn get(&self) -> Option<&Value> {
        self.0.get().and_then(Option::as_ref)
    }
}

impl Drop for cs_response {
    fn drop(&mut self) {
        let key = self.json.as_ptr() as usize;
        let mut live = live();
        if live.get(&key).is_some_and(|p| Arc::ptr_eq(p, &self.parsed)) {
            live.remove(&key);
        }
    }
}

impl cs_response {
    pub(crate) fn ok(json: String) -> cs_response {
        cs_response {
            status: CS_STATUS_OK,
            json: c_string(json),
            message: None,
            field: None,
            parsed: Parsed::default(),
        }
    }

    pub(crate) fn failed(f: Failure) -> cs_response {
        cs_response {
            status: f.status,
            json: c_string(f.json),
            message: Some(c_string(f.message)),
            field: f.field.map(c_string),
            parsed: Parsed::default(),
        }
    }

    pub(crate) fn status(&self) -> cs_status {
        self.status
    }

    /// The response JSON as a document, parsed on the first call and kept (thread-safe).
    fn document(&self) -> Option<&Value> {
        self.parsed
            .get_or_init(|| {
                // `arbitrary_precision` keeps numbers as their text: "954.21" is never a float.
                serde_json::from_slice(self.json.as_bytes()).ok()
            })
            .as_ref()
    }

    /// Moves the response to the heap for C, and enters its JSON text in [`LIVE`].
    pub(crate) fn into_raw(self) -> *mut cs_response {
        live().insert(self.json.as_ptr() as usize, Arc::clone(&self.parsed));
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

/// Reads the value at `pointer` in the response JSON into `buf`: `cs_json_get` on
/// `cs_response_json(response)`, with the same results, statuses and buffer rules, but the JSON is
/// parsed only once, on the first `cs_response_get` / `cs_response_array_len` of this response,
/// and kept until `cs_response_free`. Use it to read many values (every line of a ledger): each
/// `cs_json_get` parses the whole document again.
///
/// `CS_STATUS_NULL_POINTER` if `response`, `pointer`, or `buf` with `buf_len > 0` is NULL.
///
/// # Safety
/// `response` is NULL or a live response from this library; `pointer` is NULL or a
/// NUL-terminated string; `buf` is NULL or valid for `buf_len` bytes of writes; `needed` is NULL
/// or valid for writes.
#[no_mangle]
pub unsafe extern "C" fn cs_response_get(
    response: *const cs_response,
    pointer: *const c_char,
    buf: *mut c_char,
    buf_len: usize,
    needed: *mut usize,
) -> cs_status {
    boundary::catch_status(|| {
        unsafe { put(needed, 0) };
        if buf.is_null() && buf_len > 0 {
            return CS_STATUS_NULL_POINTER;
        }
        let value = match unsafe { find(response, pointer) } {
            Ok(v) => v,
            Err(status) => return status,
        };
        // Only the value found is written out and handed to cs_json_get, which copies it by the
        // same rules as for any JSON text (a string by its content, anything else compact).
        let text = c_string(value.to_string());
        unsafe { cs_json_get(text.as_ptr(), c"".as_ptr(), buf, buf_len, needed) }
    })
}

/// Sets `*out` to the number of elements of the array at `pointer` in the response JSON:
/// `cs_json_array_len` on `cs_response_json(response)`, parsing the JSON only once per response
/// (see `cs_response_get`). `*out` is 0 on failure.
///
/// # Safety
/// `response` is NULL or a live response from this library; `pointer` is NULL or a
/// NUL-terminated string; `out` is NULL or valid for writes.
#[no_mangle]
pub unsafe extern "C" fn cs_response_array_len(
    response: *const cs_response,
    pointer: *const c_char,
    out: *mut usize,
) -> cs_status {
    boundary::catch_status(|| {
        if out.is_null() {
            return CS_STATUS_NULL_POINTER;
        }
        unsafe { put(out, 0) };
        match unsafe { find(response, pointer) } {
            Ok(Value::Array(a)) => {
                unsafe { put(out, a.len()) };
                CS_STATUS_OK
            }
            Ok(_) => CS_STATUS_WRONG_TYPE,
            Err(status) => status,
        }
    })
}

/// The value at `pointer` in the (cached) document of `response`.
///
/// # Safety
/// As `cs_response_get`.
unsafe fn find<'a>(
    response: *const cs_response,
    pointer: *const c_char,
) -> Result<&'a Value, cs_status> {
    let response = unsafe { response.as_ref() }.ok_or(CS_STATUS_NULL_POINTER)?;
    let pointer = unsafe { boundary::text(pointer, "pointer") }.map_err(|f| f.status)?;
    let doc = response.document().ok_or(CS_STATUS_INVALID_JSON)?;
    doc.pointer(pointer).ok_or(CS_STATUS_NOT_FOUND)
}

/// Frees a response and every string it owns. NULL is accepted (and does nothing).
///
/// Free each response exactly once: freeing it twice, or using it (or a string it owns) after
/// this call, is undefined behaviour.
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
/// Free each error exactly once: freeing it twice, or using it (or a string it owns) after this
/// call, is undefined behaviour.
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json::cs_json_array_len;
    use std::ffi::CStr;

    /// `cs_response_get` into a buffer of `len` bytes: (status, text, needed).
    fn get(r: *const cs_response, pointer: &CStr, len: usize) -> (cs_status, String, usize) {
        let mut buf = vec![b'x' as c_char; len + 1];
        buf[len] = 0;
        let mut needed = 99usize;
        let ptr = if len == 0 {
            std::ptr::null_mut()
        } else {
            buf.as_mut_ptr()
        };
        let st = unsafe { cs_response_get(r, pointer.as_ptr(), ptr, len, &mut needed) };
        let text = unsafe { CStr::from_ptr(buf.as_ptr()) };
        let text = if len > 0 { text.to_str().unwrap() } else { "" };
        (st, text.to_string(), needed)
    }

    /// `cs_json_get` on the response's JSON text, for comparison.
    fn json_get(r: &cs_response, pointer: &CStr, len: usize) -> (cs_status, String, usize) {
        let mut buf = vec![b'x' as c_char; len + 1];
        buf[len] = 0;
        let mut needed = 99usize;
        let ptr = if len == 0 {
            std::ptr::null_mut()
        } else {
            buf.as_mut_ptr()
        };
        let st = unsafe { cs_json_get(r.json.as_ptr(), pointer.as_ptr(), ptr, len, &mut needed) };
        let text = unsafe { CStr::from_ptr(buf.as_ptr()) };
        let text = if len > 0 { text.to_str().unwrap() } else { "" };
        (st, text.to_string(), needed)
    }

    const DOC: &str = r#"{"kind":"k","result":{"amount":"954.21","n":0.20,"z":null,
        "o":{"k":[1, 2]},"e":"h\u00e9","nul":"a\u0000b","lines":[{"b":"1.00"},{"b":"2.50"}]}}"#;

    #[test]
    fn answers_as_cs_json_get_does() {
        let r = cs_response::ok(DOC.to_string());
        for pointer in [
            c"",
            c"/kind",
            c"/result/amount",
            c"/result/n",
            c"/result/z",
            c"/result/o",
            c"/result/o/k/1",
            c"/result/e",
            c"/result/nul",
            c"/result/lines/1/b",
            c"/result/missing",
            c"/result/lines/7",
        ] {
            for len in [0, 1, 4, 5, 7, 256] {
                assert_eq!(
                    get(&r, pointer, len),
                    json_get(&r, pointer, len),
                    "{pointer:?} {len}"
                );
            }
        }
        assert_eq!(
            get(&r, c"/result/amount", 64),
            (CS_STATUS_OK, "954.21".into(), 7)
        );
        assert_eq!(get(&r, c"/result/n", 64), (CS_STATUS_OK, "0.20".into(), 5));
    }

    #[test]
    fn parses_once_and_keeps_the_document() {
        let r = cs_response::ok(DOC.to_string());
        assert!(
            r.parsed.get().is_none(),
            "nothing is parsed before it is asked for"
        );
        assert_eq!(get(&r, c"/result/lines/0/b", 8).1, "1.00");
        let first: *const Value = r.document().unwrap();
        assert_eq!(get(&r, c"/result/lines/1/b", 8).1, "2.50");
        assert!(
            std::ptr::eq(first, r.document().unwrap()),
            "the same document, not a new parse"
        );
    }

    #[test]
    fn cs_json_get_on_a_live_response_text_reads_its_parsed_document() {
        let raw = cs_response::ok(DOC.to_string()).into_raw();
        let r = unsafe { &*raw };
        let text = unsafe { cs_response_json(raw) };
        assert!(r.parsed.get().is_none());
        assert_eq!(json_get(r, c"/result/lines/1/b", 8).1, "2.50");
        // cs_json_get parsed the response's own document, once, and keeps reading it.
        let first: *const Value = r.document().unwrap();
        assert_eq!(json_get(r, c"/result/n", 8).1, "0.20");
        assert!(std::ptr::eq(first, r.document().unwrap()));
        // A copy of the text is not the response's: it is parsed on its own, same answers.
        let copy = CString::from(unsafe { CStr::from_ptr(text) });
        let mut buf = [0 as c_char; 8];
        let st = unsafe {
            cs_json_get(
                copy.as_ptr(),
                c"/result/lines/0/b".as_ptr(),
                buf.as_mut_ptr(),
                8,
                std::ptr::null_mut(),
            )
        };
        assert_eq!(st, CS_STATUS_OK);
        assert_eq!(unsafe { CStr::from_ptr(buf.as_ptr()) }, c"1.00");
        // Freed, the response leaves the register, so its address can be reused safely.
        let key = text as usize;
        assert!(live().contains_key(&key));
        unsafe { cs_response_free(raw) };
        assert!(!live().contains_key(&key));
    }

    #[test]
    fn array_len_and_errors() {
        let r = cs_response::ok(DOC.to_string());
        let rp: *const cs_response = &r;
        let mut n = 9usize;
        unsafe {
            assert_eq!(
                cs_response_array_len(rp, c"/result/lines".as_ptr(), &mut n),
                CS_STATUS_OK
            );
            assert_eq!(n, 2);
            let mut m = 9usize;
            assert_eq!(
                cs_json_array_len(r.json.as_ptr(), c"/result/lines".as_ptr(), &mut m),
                CS_STATUS_OK
            );
            assert_eq!(m, n);
            assert_eq!(
                cs_response_array_len(rp, c"/result/o".as_ptr(), &mut n),
                CS_STATUS_WRONG_TYPE
            );
            assert_eq!(n, 0);
            assert_eq!(
                cs_response_array_len(rp, c"/nope".as_ptr(), &mut n),
                CS_STATUS_NOT_FOUND
            );
            assert_eq!(
                cs_response_array_len(rp, c"/result/lines".as_ptr(), std::ptr::null_mut()),
                CS_STATUS_NULL_POINTER
            );
            assert_eq!(
                cs_response_array_len(std::ptr::null(), c"".as_ptr(), &mut n),
                CS_STATUS_NULL_POINTER
            );
            assert_eq!(
                cs_response_array_len(rp, std::ptr::null(), &mut n),
                CS_STATUS_NULL_POINTER
            );
            let mut buf = [0 as c_char; 8];
            let mut needed = 5usize;
            assert_eq!(
                cs_response_get(
                    std::ptr::null(),
                    c"".as_ptr(),
                    buf.as_mut_ptr(),
                    8,
                    &mut needed
                ),
                CS_STATUS_NULL_POINTER
            );
            assert_eq!(needed, 0);
            assert_eq!(
                cs_response_get(rp, c"/kind".as_ptr(), std::ptr::null_mut(), 8, &mut needed),
                CS_STATUS_NULL_POINTER
            );
        }
        // A failed response answers from its error document.
        let f = cs_response::failed(Failure::null("rules"));
        assert_eq!(
            get(&f, c"/error/field", 64),
            (CS_STATUS_OK, "rules".into(), 6)
        );
    }

    #[test]
    fn several_threads_read_one_response() {
        let r = cs_response::ok(DOC.to_string());
        let r = &r;
        std::thread::scope(|s| {
            for _ in 0..4 {
                s.spawn(move || assert_eq!(get(r, c"/result/amount", 16).1, "954.21"));
            }
        });
    }
}
