//! `corpus::parse_json` (simdutf8, then vigie's fast parser, then serde_json when the fast parser
//! is not sure) against serde_json alone, on arbitrary bytes: the same value, or the same error at
//! the same line and column.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let ours = vigie::corpus::parse_json(data);
    let theirs = serde_json::from_slice::<serde_json::Value>(data);
    match (ours, theirs) {
        (Ok(a), Ok(b)) => assert_eq!(a, b),
        (Err(a), Err(b)) => {
            assert_eq!(a.to_string(), b.to_string());
            assert_eq!((a.line(), a.column()), (b.line(), b.column()));
        }
        (a, b) => panic!("parse_json gave {a:?}, serde_json {b:?}"),
    }
});
