//! Structured arrears requests (`arrears_ledger`, `arrears_payoff`, `texas_withholding`): see the harness.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| childsupport_fuzz_harness::engine(
    childsupport_fuzz_harness::Engine::Arrears,
    data
));
