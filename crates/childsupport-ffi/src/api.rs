//! The JSON call: every capability of the library, one function.

use std::ffi::c_char;

use crate::boundary::{self, put, Failure};
use crate::response::cs_response;
use crate::rules::cs_rules;
use crate::status::{cs_status, CS_STATUS_NULL_POINTER};

/// Answers one JSON request, `{"kind": KIND, "input": {...}}`, the same way the Rust, Python
/// and command-line interfaces do (see `cs_kinds_json` for the kinds).
///
/// Amounts go in as JSON strings (`"2773.333333333333333333333333"`) or JSON numbers, both read
/// exactly, and come out as strings.
///
/// Returns the status and sets `*out` to a response holding the response JSON: the result, or
/// `{"error": {...}}` whose code is the status. `*out` is set whenever `out` is not NULL, on
/// success and on failure alike (only a NULL `out` leaves nothing to free, with
/// `CS_STATUS_NULL_POINTER`); free it with `cs_response_free`.
///
/// # Safety
/// `rules` is NULL or a live rule set; `request_json` is NULL or a NUL-terminated string; `out`
/// is NULL or valid for writes.
#[no_mangle]
pub unsafe extern "C" fn cs_compute_json(
    rules: *const cs_rules,
    request_json: *const c_char,
    out: *mut *mut cs_response,
) -> cs_status {
    if out.is_null() {
        return CS_STATUS_NULL_POINTER;
    }
    unsafe { put(out, std::ptr::null_mut()) };
    let response = boundary::catch_or_else(
        || cs_response::failed(Failure::internal()),
        || {
            let rules = match unsafe { rules.as_ref() } {
                Some(r) => r,
                None => return cs_response::failed(Failure::null("rules")),
            };
            let request = match unsafe { boundary::text(request_json, "request_json") } {
                Ok(t) => t,
                Err(f) => return cs_response::failed(f),
            };
            match childsupport::api::handle(rules.get(), request) {
                Ok(json) => cs_response::ok(json),
                Err(e) => cs_response::failed(Failure::core(&e)),
            }
        },
    );
    let status = response.status();
    unsafe { put(out, response.into_raw()) };
    status
}

/// Computes a request, `{"kind": KIND, "input": {...}}`, and makes its printout for court: one
/// self-contained HTML page with print styles (kinds `california_guideline`,
/// `texas_guideline`, `arrears_ledger`), the page `childsupport guideline --html` writes.
///
/// `options_json` is NULL, empty, or the printout options as JSON (`{"caption": {"court",
/// "county", "case_number", "hearing_date"}, "parties": {...}, "time_measure": {...},
/// "hardship_claimed": false}`; see docs/printouts.md).
///
/// Returns the status and sets `*out` to a response whose text (`cs_response_json`) is the HTML
/// page on success, or the `{"error": {...}}` JSON on failure (a kind without a printout is
/// `CS_STATUS_REQUEST`). `*out` is set whenever `out` is not NULL; free it with
/// `cs_response_free`.
///
/// # Safety
/// `rules` is NULL or a live rule set; `request_json` and `options_json` are NULL or
/// NUL-terminated strings; `out` is NULL or valid for writes.
#[no_mangle]
pub unsafe extern "C" fn cs_printout_html(
    rules: *const cs_rules,
    request_json: *const c_char,
    options_json: *const c_char,
    out: *mut *mut cs_response,
) -> cs_status {
    if out.is_null() {
        return CS_STATUS_NULL_POINTER;
    }
    unsafe { put(out, std::ptr::null_mut()) };
    let response = boundary::catch_or_else(
        || cs_response::failed(Failure::internal()),
        || {
            let rules = match unsafe { rules.as_ref() } {
                Some(r) => r,
                None => return cs_response::failed(Failure::null("rules")),
            };
            let request = match unsafe { boundary::text(request_json, "request_json") } {
                Ok(t) => t,
                Err(f) => return cs_response::failed(f),
            };
            let options = if options_json.is_null() {
                ""
            } else {
                match unsafe { boundary::text(options_json, "options_json") } {
                    Ok(t) => t,
                    Err(f) => return cs_response::failed(f),
                }
            };
            match childsupport::printout::from_request(rules.get(), request, options) {
                Ok(html) => cs_response::ok(html),
                Err(e) => cs_response::failed(Failure::core(&e)),
            }
        },
    );
    let status = response.status();
    unsafe { put(out, response.into_raw()) };
    status
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::response::*;
    use crate::rules::*;
    use crate::status::*;
    use std::ffi::CStr;

    fn s<'a>(p: *const c_char) -> &'a str {
        assert!(!p.is_null());
        unsafe { CStr::from_ptr(p) }.to_str().unwrap()
    }

    fn default_rules() -> *mut cs_rules {
        let mut r = std::ptr::null_mut();
        assert_eq!(unsafe { cs_rules_default(&mut r) }, CS_STATUS_OK);
        r
    }

    const N2: &CStr = cr#"{"kind":"california_guideline","input":{"calculation_date":"2025-03-01",
        "parent_a_net_income":"3000","parent_b_net_income":"1000",
        "time_share":{"parent":"parent_a","fraction":"0.20"},"children":2}}"#;

    #[test]
    fn computes_like_the_core() {
        let rules = default_rules();
        let mut resp = std::ptr::null_mut();
        let st = unsafe { cs_compute_json(rules, N2.as_ptr(), &mut resp) };
        assert_eq!(st, CS_STATUS_OK);
        unsafe {
            assert_eq!(cs_response_status(resp), CS_STATUS_OK);
            assert!(cs_response_error_message(resp).is_null());
            assert!(cs_response_error_field(resp).is_null());
            let json = s(cs_response_json(resp));
            assert_eq!(
                json,
                childsupport::api::respond(childsupport::Rules::embedded(), N2.to_str().unwrap())
            );
            cs_response_free(resp);
            cs_rules_free(rules);
        }
    }

    #[test]
    fn prints_the_page_the_core_prints() {
        let rules = default_rules();
        let mut resp = std::ptr::null_mut();
        let options = cr#"{"caption": {"county": "Sacramento"}}"#;
        unsafe {
            let st = cs_printout_html(rules, N2.as_ptr(), options.as_ptr(), &mut resp);
            assert_eq!(st, CS_STATUS_OK);
            let html = s(cs_response_json(resp));
            assert_eq!(
                html,
                childsupport::printout::from_request(
                    childsupport::Rules::embedded(),
                    N2.to_str().unwrap(),
                    options.to_str().unwrap()
                )
                .unwrap()
            );
            assert!(html.contains("Parent A pays Parent B $954.21 per month"));
            cs_response_free(resp);
            // No options; a kind without a printout is a request error.
            assert_eq!(
                cs_printout_html(rules, N2.as_ptr(), std::ptr::null(), &mut resp),
                CS_STATUS_OK
            );
            cs_response_free(resp);
            let payoff = cr#"{"kind":"arrears_payoff","input":{}}"#;
            assert_eq!(
                cs_printout_html(rules, payoff.as_ptr(), std::ptr::null(), &mut resp),
                CS_STATUS_REQUEST
            );
            cs_response_free(resp);
            cs_rules_free(rules);
        }
    }

    #[test]
    fn errors_carry_code_field_and_message() {
        let rules = default_rules();
        let mut resp = std::ptr::null_mut();
        let req = cr#"{"kind":"california_guideline","input":{"calculation_date":"2025-03-01",
            "parent_a_net_income":"-5","parent_b_net_income":"1000",
            "time_share":{"parent":"parent_a","fraction":"0.2"},"children":2}}"#;
        unsafe {
            assert_eq!(
                cs_compute_json(rules, req.as_ptr(), &mut resp),
                CS_STATUS_INVALID_INPUT
            );
            assert_eq!(cs_response_status(resp), CS_STATUS_INVALID_INPUT);
            assert_eq!(s(cs_response_error_field(resp)), "parent_a_net_income");
            assert!(s(cs_response_error_message(resp)).contains("parent_a_net_income"));
            let v: serde_json::Value = serde_json::from_str(s(cs_response_json(resp))).unwrap();
            assert_eq!(v["error"]["code"], "invalid_input");
            cs_response_free(resp);

            assert_eq!(
                cs_compute_json(rules, cr#"{"kind":"ohio","input":{}}"#.as_ptr(), &mut resp),
                CS_STATUS_REQUEST
            );
            assert!(s(cs_response_error_message(resp)).contains("unknown kind"));
            cs_response_free(resp);
            cs_rules_free(rules);
        }
    }

    #[test]
    fn null_pointers_and_bad_utf8() {
        let rules = default_rules();
        let mut resp = std::ptr::null_mut();
        unsafe {
            assert_eq!(
                cs_compute_json(rules, N2.as_ptr(), std::ptr::null_mut()),
                CS_STATUS_NULL_POINTER
            );
            assert_eq!(
                cs_compute_json(std::ptr::null(), N2.as_ptr(), &mut resp),
                CS_STATUS_NULL_POINTER
            );
            assert_eq!(s(cs_response_error_field(resp)), "rules");
            cs_response_free(resp);
            assert_eq!(
                cs_compute_json(rules, std::ptr::null(), &mut resp),
                CS_STATUS_NULL_POINTER
            );
            assert_eq!(s(cs_response_error_field(resp)), "request_json");
            let v: serde_json::Value = serde_json::from_str(s(cs_response_json(resp))).unwrap();
            assert_eq!(v["error"]["code"], "null_pointer");
            cs_response_free(resp);
            let bad = b"{\"kind\":\"\xc3\x28\"}\0";
            assert_eq!(
                cs_compute_json(rules, bad.as_ptr().cast(), &mut resp),
                CS_STATUS_INVALID_UTF8
            );
            cs_response_free(resp);
            // Accessors and frees accept NULL.
            assert_eq!(cs_response_status(std::ptr::null()), CS_STATUS_NULL_POINTER);
            assert!(cs_response_json(std::ptr::null()).is_null());
            assert!(cs_response_error_message(std::ptr::null()).is_null());
            cs_response_free(std::ptr::null_mut());
            cs_rules_free(std::ptr::null_mut());
            cs_error_free(std::ptr::null_mut());
            assert_eq!(
                cs_rules_default(std::ptr::null_mut()),
                CS_STATUS_NULL_POINTER
            );
            cs_rules_free(rules);
        }
    }

    #[test]
    fn rules_from_toml_and_file() {
        let mut rules = std::ptr::null_mut();
        let mut err = std::ptr::null_mut();
        unsafe {
            assert_eq!(
                cs_rules_from_toml(c"[california".as_ptr(), &mut rules, &mut err),
                CS_STATUS_RULES
            );
            assert!(rules.is_null());
            assert_eq!(cs_error_status(err), CS_STATUS_RULES);
            assert!(!s(cs_error_message(err)).is_empty());
            let v: serde_json::Value = serde_json::from_str(s(cs_error_json(err))).unwrap();
            assert_eq!(v["error"]["code"], "rules");
            cs_error_free(err);

            // An empty document replaces nothing: the embedded rules.
            assert_eq!(
                cs_rules_from_toml(c"".as_ptr(), &mut rules, &mut err),
                CS_STATUS_OK
            );
            assert!(err.is_null());
            assert_eq!(
                s(cs_rules_version(rules)),
                childsupport::Rules::embedded().meta.version
            );
            cs_rules_free(rules);

            // A NULL err is allowed; a NULL out is an error.
            assert_eq!(
                cs_rules_from_toml(c"x = ".as_ptr(), &mut rules, std::ptr::null_mut()),
                CS_STATUS_RULES
            );
            assert_eq!(
                cs_rules_from_toml(c"".as_ptr(), std::ptr::null_mut(), &mut err),
                CS_STATUS_NULL_POINTER
            );
            assert_eq!(s(cs_error_field(err)), "out");
            cs_error_free(err);
            assert_eq!(
                cs_rules_from_toml(std::ptr::null(), &mut rules, &mut err),
                CS_STATUS_NULL_POINTER
            );
            assert_eq!(s(cs_error_field(err)), "toml");
            cs_error_free(err);

            let missing = c"/nonexistent/childsupport-rules.toml";
            assert_eq!(
                cs_rules_from_file(missing.as_ptr(), &mut rules, &mut err),
                CS_STATUS_RULES
            );
            assert!(s(cs_error_message(err)).contains("nonexistent"));
            cs_error_free(err);

            let path = std::env::temp_dir().join(format!("cs-ffi-{}.toml", std::process::id()));
            std::fs::write(&path, "").unwrap();
            let cpath = std::ffi::CString::new(path.to_str().unwrap()).unwrap();
            assert_eq!(
                cs_rules_from_file(cpath.as_ptr(), &mut rules, &mut err),
                CS_STATUS_OK
            );
            cs_rules_free(rules);
            std::fs::remove_file(&path).unwrap();
        }
    }
}
