//! The Judilibre JSON reader and the format dispatcher on arbitrary bytes: every item is a
//! decision (its zones clamped within its text) or an error naming the file, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    for item in vigie::source::judilibre::parse(data, "fuzz.json") {
        match item {
            Ok(d) => {
                let n = d.text.chars().count();
                for z in &d.zones {
                    assert!(z.start < z.end && z.end <= n, "{z:?} outside {n} chars");
                }
            }
            Err((origin, reason)) => {
                assert_eq!(origin.file, "fuzz.json");
                assert!(!reason.is_empty());
            }
        }
    }
    let _ = vigie::source::parse_bytes(data, "fuzz.bin");
});
