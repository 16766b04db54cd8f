//! `Policy::parse` on arbitrary text: a policy or an error naming the file, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use vigie::penalty::Policy;

fuzz_target!(|text: &str| {
    match Policy::parse(text, "fuzz.toml") {
        Ok(p) => {
            let _ = p.overrides();
        }
        Err(e) => assert!(e.to_string().starts_with("fuzz.toml")),
    }
});
