//! Structured California-from-gross requests (`california_guideline_from_gross`): see the harness.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| childsupport_fuzz_harness::engine(
    childsupport_fuzz_harness::Engine::CaliforniaFromGross,
    data
));
