//! Any bytes to the JSON API: the answer must be JSON (a result or an error), never a panic, and the same answer twice (determinism).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| childsupport_fuzz_harness::json_api(data));
