//! Any bytes to the JSON API: the answer must be JSON (a result or an error), never a panic,
//! and the same answer twice (determinism).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let rules = childsupport::Rules::embedded();
        let first = childsupport::api::respond(rules, text);
        assert!(first.starts_with('{'), "not JSON: {first}");
        assert_eq!(first, childsupport::api::respond(rules, text));
    }
});
