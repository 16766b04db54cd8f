//! Corpus text is untrusted: nothing from it may reach a terminal raw.

use std::borrow::Cow;

/// Replaces control characters (C0, DEL, C1) and the bidirectional overrides with visible
/// stand-ins, so that no escape sequence from the corpus reaches the terminal. Tabs become a
/// space, line breaks `⏎` unless `keep_newlines`.
pub fn for_terminal(s: &str, keep_newlines: bool) -> Cow<'_, str> {
    if !s.chars().any(|c| needs_escape(c, keep_newlines)) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if !needs_escape(c, keep_newlines) {
            out.push(c);
        } else if c == '\t' {
            out.push(' ');
        } else if c == '\n' || c == '\r' {
            out.push('⏎');
        } else if (c as u32) < 0x20 {
            // U+2400..: the "control pictures" block shows C0 controls visibly.
            out.push(char::from_u32(0x2400 + c as u32).unwrap_or('�'));
        } else {
            out.push('�');
        }
    }
    Cow::Owned(out)
}

fn needs_escape(c: char, keep_newlines: bool) -> bool {
    match c {
        '\n' => !keep_newlines,
        '\u{0}'..='\u{1f}' | '\u{7f}'..='\u{9f}' => true,
        // Bidirectional embeddings, overrides and isolates can reorder what the auditor sees.
        '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => true,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_never_pass() {
        let s = for_terminal("a\u{1b}[31mred\u{7}\u{9b}x\u{202e}", false);
        assert!(!s.chars().any(|c| c.is_control()));
        assert_eq!(s, "a␛[31mred␇�x�");
    }

    #[test]
    fn clean_text_is_borrowed() {
        assert!(matches!(
            for_terminal("Cour de cassation", false),
            Cow::Borrowed(_)
        ));
        assert_eq!(for_terminal("a\nb", true), "a\nb");
        assert_eq!(for_terminal("a\nb", false), "a⏎b");
    }
}
