//! `Mapping::parse` on arbitrary text: a mapping or an error with places, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::path::Path;
use vigie::corpus::Mapping;

fuzz_target!(|text: &str| {
    if let Err(e) = Mapping::parse(text, Path::new("fuzz.toml")) {
        assert!(e.to_string().contains("fuzz.toml"));
    }
});
