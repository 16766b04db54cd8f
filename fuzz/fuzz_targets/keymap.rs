//! The keymap parser on arbitrary text: a keymap or every issue with a place, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::path::Path;
use vigie::tui::keymap::Keymap;

fuzz_target!(|text: &str| {
    if let Err(e) = Keymap::from_user_str(text, Some(Path::new("fuzz.toml"))) {
        assert!(!e.issues.is_empty());
        let _ = e.to_string();
    }
});
