//! `corpus::parse_json` (simdutf8, then vigie's fast parser, then serde_json when the fast parser
//! is not sure) against serde_json alone, on arbitrary bytes: the same value, or the same error at
//! the same line and column.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Err(e) = vigie::corpus::parse_json_agrees_with_serde_json(data) {
        panic!("{e}");
    }
});
