//! Reading JSON from C without a JSON parser: values by JSON pointer (RFC 6901).

use std::ffi::c_char;

use serde_json::Value;

use crate::boundary::{self, put, Failure};
use crate::response::live_document;
use crate::status::{
    cs_status, CS_STATUS_BUFFER_TOO_SMALL, CS_STATUS_INTERIOR_NUL, CS_STATUS_INVALID_JSON,
    CS_STATUS_NOT_FOUND, CS_STATUS_NULL_POINTER, CS_STATUS_OK, CS_STATUS_WRONG_TYPE,
};

/// Finds `pointer` in `json`: in the parsed document of the response whose text `json` is (the
/// pointer `cs_response_json` returned), parsed once for all reads; otherwise by parsing `json`.
///
/// # Safety
/// Both are NULL or NUL-terminated strings.
unsafe fn lookup<T>(
    json: *const c_char,
    pointer: *const c_char,
    f: impl FnOnce(&Value) -> Result<T, cs_status>,
) -> Result<T, cs_status> {
    let find = |doc: &Value, pointer: &str| match doc.pointer(pointer) {
        Some(v) => f(v),
        None => Err(CS_STATUS_NOT_FOUND),
    };
    if let Some(live) = unsafe { live_document(json) } {
        let pointer = unsafe { boundary::text(pointer, "pointer") }.map_err(|f| f.status)?;
        return find(live.get().ok_or(CS_STATUS_INVALID_JSON)?, pointer);
    }
    let json = unsafe { boundary::text(json, "json") }.map_err(|f: Failure| f.status)?;
    let pointer = unsafe { boundary::text(pointer, "pointer") }.map_err(|f| f.status)?;
    // `arbitrary_precision` keeps numbers as their text: "0.20" stays "0.20", never a float.
    let doc: Value = serde_json::from_str(json).map_err(|_| CS_STATUS_INVALID_JSON)?;
    find(&doc, pointer)
}

/// A value as text: a string's content, anything else as compact JSON.
fn value_text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// Copies the value at `pointer` in `json` into `buf` as a NUL-terminated string: a JSON string
/// by its content (unquoted, unescaped), any other value as its compact JSON text (`null`,
/// `true`, `2`, `0.20`, `{"a":1}`, `[1,2]`; numbers keep their exact digits).
///
/// `pointer` is a JSON pointer (RFC 6901): `""` is the whole document, `"/result/amount"` a
/// member, `"/result/per_child/0/amount"` an array element.
///
/// Given the text `cs_response_json` returned for a live response (that pointer, not a copy),
/// it reads the response's document, parsed on the first read and kept, so reading every line
/// of a long ledger parses the JSON once; any other text is parsed on each call.
///
/// `*needed` (if `needed` is not NULL) is set to the size the value takes in bytes with its
/// terminating NUL, whenever the value is found. If `buf_len` is smaller, nothing is copied
/// (`buf[0]` is set to NUL when `buf_len > 0`) and `CS_STATUS_BUFFER_TOO_SMALL` is returned: call
/// again with a buffer of `*needed` bytes. `buf` may be NULL when `buf_len` is 0, to ask for the
/// size.
///
/// Returns `CS_STATUS_OK`, `CS_STATUS_BUFFER_TOO_SMALL`, `CS_STATUS_NOT_FOUND` (nothing at the
/// pointer), `CS_STATUS_INVALID_JSON`, `CS_STATUS_INTERIOR_NUL` (a string holding `\u0000`),
/// `CS_STATUS_NULL_POINTER` or `CS_STATUS_INVALID_UTF8`.
///
/// # Safety
/// `json` and `pointer` are NULL or NUL-terminated strings; `buf` is NULL or valid for
/// `buf_len` bytes of writes; `needed` is NULL or valid for writes.
#[no_mangle]
pub unsafe extern "C" fn cs_json_get(
    json: *const c_char,
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
        let text = match unsafe { lookup(json, pointer, |v| Ok(value_text(v))) } {
            Ok(t) => t,
            Err(status) => return status,
        };
        if text.as_bytes().contains(&0) {
            return CS_STATUS_INTERIOR_NUL;
        }
        let size = text.len() + 1;
        unsafe { put(needed, size) };
        if buf_len < size {
            if buf_len > 0 {
                unsafe { buf.write(0) };
            }
            return CS_STATUS_BUFFER_TOO_SMALL;
        }
        unsafe {
            std::ptr::copy_nonoverlapping(text.as_ptr().cast::<c_char>(), buf, text.len());
            buf.add(text.len()).write(0);
        }
        CS_STATUS_OK
    })
}

/// Sets `*out` to the number of elements of the array at `pointer` in `json`.
///
/// Returns `CS_STATUS_OK`, `CS_STATUS_NOT_FOUND` (nothing at the pointer), `CS_STATUS_WRONG_TYPE`
/// (not an array), `CS_STATUS_INVALID_JSON`, `CS_STATUS_NULL_POINTER` or
/// `CS_STATUS_INVALID_UTF8`; `*out` is 0 on failure.
///
/// # Safety
/// `json` and `pointer` are NULL or NUL-terminated strings; `out` is NULL or valid for writes.
#[no_mangle]
pub unsafe extern "C" fn cs_json_array_len(
    json: *const c_char,
    pointer: *const c_char,
    out: *mut usize,
) -> cs_status {
    boundary::catch_status(|| {
        if out.is_null() {
            return CS_STATUS_NULL_POINTER;
        }
        unsafe { put(out, 0) };
        let len = unsafe {
            lookup(json, pointer, |v| match v {
                Value::Array(a) => Ok(a.len()),
                _ => Err(CS_STATUS_WRONG_TYPE),
            })
        };
        match len {
            Ok(n) => {
                unsafe { put(out, n) };
                CS_STATUS_OK
            }
            Err(status) => status,
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::status::*;
    use std::ffi::CStr;

    fn get(json: &CStr, pointer: &CStr, len: usize) -> (cs_status, String, usize) {
        // One byte more than we say, NUL, so the buffer reads as a C string even if untouched.
        let mut buf = vec![b'x' as c_char; len + 1];
        buf[len] = 0;
        let mut needed = 99usize;
        let ptr = if len == 0 {
            std::ptr::null_mut()
        } else {
            buf.as_mut_ptr()
        };
        let st = unsafe { cs_json_get(json.as_ptr(), pointer.as_ptr(), ptr, len, &mut needed) };
        let text = if len > 0 {
            unsafe { CStr::from_ptr(buf.as_ptr()) }
                .to_str()
                .unwrap()
                .to_string()
        } else {
            String::new()
        };
        (st, text, needed)
    }

    const DOC: &CStr =
        cr#"{"a":"954.21","n":0.20,"z":null,"o":{"k":[1, 2]},"e":"h\u00e9","nul":"a\u0000b"}"#;

    #[test]
    fn strings_unquoted_others_compact_numbers_exact() {
        assert_eq!(get(DOC, c"/a", 64), (CS_STATUS_OK, "954.21".into(), 7));
        assert_eq!(get(DOC, c"/n", 64), (CS_STATUS_OK, "0.20".into(), 5));
        assert_eq!(get(DOC, c"/z", 64), (CS_STATUS_OK, "null".into(), 5));
        assert_eq!(
            get(DOC, c"/o", 64),
            (CS_STATUS_OK, r#"{"k":[1,2]}"#.into(), 12)
        );
        assert_eq!(get(DOC, c"/o/k/1", 64), (CS_STATUS_OK, "2".into(), 2));
        assert_eq!(get(DOC, c"/e", 64), (CS_STATUS_OK, "hé".into(), 4));
        assert_eq!(get(DOC, c"/nul", 64).0, CS_STATUS_INTERIOR_NUL);
        // Nothing found: the buffer is untouched, nothing needed.
        let (st, text, needed) = get(DOC, c"/missing", 4);
        assert_eq!(
            (st, text.as_str(), needed),
            (CS_STATUS_NOT_FOUND, "xxxx", 0)
        );
    }

    #[test]
    fn buffer_sizes() {
        // Exactly enough: the text and its NUL.
        assert_eq!(get(DOC, c"/a", 7), (CS_STATUS_OK, "954.21".into(), 7));
        // One short: nothing copied, empty string, size reported.
        assert_eq!(
            get(DOC, c"/a", 6),
            (CS_STATUS_BUFFER_TOO_SMALL, String::new(), 7)
        );
        assert_eq!(
            get(DOC, c"/a", 1),
            (CS_STATUS_BUFFER_TOO_SMALL, String::new(), 7)
        );
        // Size query with a NULL buffer.
        assert_eq!(
            get(DOC, c"/a", 0),
            (CS_STATUS_BUFFER_TOO_SMALL, String::new(), 7)
        );
        // A NULL buffer with a length is a NULL pointer error.
        let st = unsafe {
            cs_json_get(
                DOC.as_ptr(),
                c"/a".as_ptr(),
                std::ptr::null_mut(),
                8,
                std::ptr::null_mut(),
            )
        };
        assert_eq!(st, CS_STATUS_NULL_POINTER);
    }

    #[test]
    fn nulls_bad_json_bad_utf8() {
        let mut buf = [0 as c_char; 16];
        let mut n = 0usize;
        let null = std::ptr::null::<c_char>();
        unsafe {
            assert_eq!(
                cs_json_get(null, c"".as_ptr(), buf.as_mut_ptr(), 16, &mut n),
                CS_STATUS_NULL_POINTER
            );
            assert_eq!(
                cs_json_get(DOC.as_ptr(), null, buf.as_mut_ptr(), 16, &mut n),
                CS_STATUS_NULL_POINTER
            );
            assert_eq!(
                cs_json_get(c"{".as_ptr(), c"".as_ptr(), buf.as_mut_ptr(), 16, &mut n),
                CS_STATUS_INVALID_JSON
            );
            let bad = b"{\"a\":\"\xff\"}\0";
            assert_eq!(
                cs_json_get(
                    bad.as_ptr().cast(),
                    c"/a".as_ptr(),
                    buf.as_mut_ptr(),
                    16,
                    &mut n
                ),
                CS_STATUS_INVALID_UTF8
            );
            assert_eq!(
                cs_json_array_len(DOC.as_ptr(), c"/o/k".as_ptr(), &mut n),
                CS_STATUS_OK
            );
            assert_eq!(n, 2);
            assert_eq!(
                cs_json_array_len(DOC.as_ptr(), c"/o".as_ptr(), &mut n),
                CS_STATUS_WRONG_TYPE
            );
            assert_eq!(n, 0);
            assert_eq!(
                cs_json_array_len(DOC.as_ptr(), c"/nope".as_ptr(), &mut n),
                CS_STATUS_NOT_FOUND
            );
            assert_eq!(
                cs_json_array_len(DOC.as_ptr(), c"/o/k".as_ptr(), std::ptr::null_mut()),
                CS_STATUS_NULL_POINTER
            );
        }
    }
}
