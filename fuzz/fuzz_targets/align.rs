//! The aligner on two arbitrary strings (split at the first NUL): every token lies on char
//! boundaries with consistent char indices, and every change's token ranges and char spans lie
//! within the texts.
#![no_main]

use libfuzzer_sys::fuzz_target;
use vigie::text::align::{Tok, align};

fn check_tokens(text: &str, toks: &[Tok]) {
    let chars = text.chars().count();
    let mut prev_end = 0;
    for t in toks {
        assert!(t.start < t.end && t.end <= text.len(), "{t:?}");
        assert!(
            text.is_char_boundary(t.start) && text.is_char_boundary(t.end),
            "{t:?}"
        );
        assert!(t.start >= prev_end, "tokens overlap: {t:?}");
        prev_end = t.end;
        assert_eq!(text[..t.start].chars().count(), t.char_start, "{t:?}");
        assert_eq!(text[..t.end].chars().count(), t.char_end, "{t:?}");
        assert!(t.char_end <= chars);
    }
}

fuzz_target!(|data: &str| {
    let (reference, record) = data.split_once('\0').unwrap_or((data, ""));
    let a = align(reference, record);
    check_tokens(reference, &a.reference);
    check_tokens(record, &a.record);
    let (rn, cn) = (reference.chars().count(), record.chars().count());
    for c in &a.changes {
        assert!(c.reference.start <= c.reference.end && c.reference.end <= a.reference.len());
        assert!(c.record.start <= c.record.end && c.record.end <= a.record.len());
        let (s, e) = a.reference_chars(&c.reference);
        assert!(s <= e && e <= rn, "{c:?}");
        let (s, e) = a.record_chars(&c.record);
        assert!(s <= e && e <= cn, "{c:?}");
    }
});
