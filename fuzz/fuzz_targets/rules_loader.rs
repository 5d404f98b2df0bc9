//! Rules documents made by structured edits of the embedded rules, loaded and used: see the harness.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| childsupport_fuzz_harness::rules_loader(data));
