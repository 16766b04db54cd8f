//! The normaliser on arbitrary text, as plain text and as HTML:
//! - the mapped and the fast paths give the same text;
//! - normalising again (as plain text) changes nothing;
//! - the map has one entry per output char, is monotone, and stays within the original.
#![no_main]

use libfuzzer_sys::fuzz_target;
use vigie::text::normalize::{normalize, normalize_mapped};

fuzz_target!(|text: &str| {
    for html in [false, true] {
        let fast = normalize(text, html);
        let mapped = normalize_mapped(text, html);
        assert_eq!(
            fast, mapped.text,
            "fast and mapped paths differ (html: {html})"
        );
        assert_eq!(
            normalize(&fast, false),
            fast,
            "not idempotent (html: {html})"
        );
        let n = text.chars().count();
        assert_eq!(mapped.original_chars, n);
        assert_eq!(mapped.map.len(), mapped.text.chars().count());
        assert!(
            mapped.map.windows(2).all(|w| w[0] <= w[1]),
            "map not monotone"
        );
        assert!(
            mapped.map.iter().all(|&i| (i as usize) < n),
            "map outside the original"
        );
    }
});
