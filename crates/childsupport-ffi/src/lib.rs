//! # childsupport C ABI
//!
//! The C interface to [`childsupport`], for the county and state systems that link a C library.
//! It only translates: C strings and structs in, status codes, JSON and C structs out. Every rule
//! is the core crate's; nothing here computes support.
//!
//! The header `include/childsupport.h` is generated from this crate by cbindgen (see
//! `tests/header.rs`, which fails when the committed header is stale) and carries the contract:
//!
//! - **Status codes.** Every function that can fail returns a [`cs_status`]: 0 is success, 1-99
//!   are the core's [`childsupport::ErrorCode`] values (passed through unchanged), 100 and up
//!   belong to this interface (NULL pointer, invalid UTF-8, buffer too small, ...). Values never
//!   change.
//! - **Panics never cross.** Every exported function runs inside [`std::panic::catch_unwind`];
//!   a panic (a defect) becomes [`CS_STATUS_INTERNAL`].
//! - **Money crosses as decimal strings**, exact with any number of decimals (`"2773.333..."`),
//!   or as `int64_t` cents where the amount is whole cents. Never as a float.
//! - **Ownership.** Objects the library makes (`cs_rules`, `cs_response`, `cs_error`) are freed
//!   with their `_free` function, which accepts NULL. Strings the library returns are either
//!   static or owned by such an object; the caller never calls `free()` on library memory.
//!   Strings the caller passes are borrowed for the call only.

#![allow(non_camel_case_types)]
#![deny(unsafe_op_in_unsafe_fn)]
#![warn(missing_docs)]

pub mod api;
mod boundary;
pub mod california;
pub mod json;
pub mod response;
pub mod rules;
pub mod status;

pub use api::*;
pub use california::*;
pub use json::*;
pub use response::*;
pub use rules::*;
pub use status::*;

use std::ffi::c_char;

/// The library version, `"MAJOR.MINOR.PATCH"`; the same as `CHILDSUPPORT_VERSION` in the
/// header the program was compiled against (compare them to detect a mismatched library).
///
/// Static string: never free it.
#[no_mangle]
pub extern "C" fn cs_version() -> *const c_char {
    boundary::catch_ptr(|| concat!(env!("CARGO_PKG_VERSION"), "\0").as_ptr().cast())
}

/// The request kinds `cs_compute_json` answers in this build, as a JSON array of strings
/// (`["california_guideline", ...]`).
///
/// Static string: never free it. NULL only if the library is defective.
#[no_mangle]
pub extern "C" fn cs_kinds_json() -> *const c_char {
    boundary::catch_ptr(|| {
        static KINDS: std::sync::OnceLock<std::ffi::CString> = std::sync::OnceLock::new();
        KINDS
            .get_or_init(|| {
                boundary::c_string(
                    serde_json::to_string(childsupport::api::KINDS).unwrap_or_default(),
                )
            })
            .as_ptr()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ffi::CStr;

    #[test]
    fn version_is_the_crate_version() {
        let v = unsafe { CStr::from_ptr(cs_version()) }.to_str().unwrap();
        assert_eq!(v, env!("CARGO_PKG_VERSION"));
        assert_eq!(v, childsupport::VERSION);
    }

    #[test]
    fn kinds_are_the_core_kinds() {
        let k = unsafe { CStr::from_ptr(cs_kinds_json()) }.to_str().unwrap();
        let kinds: Vec<String> = serde_json::from_str(k).unwrap();
        assert_eq!(kinds, childsupport::api::KINDS);
    }
}
