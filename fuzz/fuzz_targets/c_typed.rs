//! The C typed call `cs_california_guideline`, checked against the JSON interface: see the harness.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| childsupport_fuzz_harness::c_typed(data));
