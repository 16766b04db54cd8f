//! Corpus text is untrusted: nothing from it may reach a terminal raw.

use std::borrow::Cow;

/// Replaces control characters (C0, DEL, C1) and the bidirectional controls and marks with
/// visible stand-ins, so that no escape sequence from the corpus reaches the terminal. Tabs
/// become a space, line breaks `⏎` unless `keep_newlines` (the Unicode line and paragraph
/// separators always).
pub fn for_terminal(s: &str, keep_newlines: bool) -> Cow<'_, str> {
    if !any_escape(s, keep_newlines) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if !needs_escape(c, keep_newlines) {
            out.push(c);
        } else if c == '\t' {
            out.push(' ');
        } else if matches!(c, '\n' | '\r' | '\u{2028}' | '\u{2029}') {
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

/// A JSON formatter that writes, within strings, DEL, the C1 controls, the bidirectional
/// controls and the line and paragraph separators as `\uXXXX` escapes. `serde_json` escapes
/// only the C0 controls: a report printed to a terminal would pass U+009B (CSI) or U+202E raw.
/// The JSON read back is the same. `F` is the layout: `CompactFormatter` or `PrettyFormatter`.
pub struct JsonFormatter<F>(pub F);

impl JsonFormatter<serde_json::ser::CompactFormatter> {
    pub fn compact() -> Self {
        JsonFormatter(serde_json::ser::CompactFormatter)
    }
}

impl JsonFormatter<serde_json::ser::PrettyFormatter<'static>> {
    pub fn pretty() -> Self {
        JsonFormatter(serde_json::ser::PrettyFormatter::new())
    }
}

/// Writes `value` as JSON with [`JsonFormatter`].
pub fn write_json<W, F, T>(out: W, formatter: JsonFormatter<F>, value: &T) -> std::io::Result<()>
where
    W: std::io::Write,
    F: serde_json::ser::Formatter,
    T: serde::Serialize + ?Sized,
{
    let mut ser = serde_json::Serializer::with_formatter(out, formatter);
    value.serialize(&mut ser).map_err(std::io::Error::other)
}

impl<F: serde_json::ser::Formatter> serde_json::ser::Formatter for JsonFormatter<F> {
    fn write_string_fragment<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        fragment: &str,
    ) -> std::io::Result<()> {
        if fragment.is_ascii() && !fragment.contains('\u{7f}') {
            return w.write_all(fragment.as_bytes());
        }
        let mut from = 0;
        for (i, c) in fragment.char_indices() {
            if c >= '\u{7f}' && needs_escape(c, true) {
                w.write_all(&fragment.as_bytes()[from..i])?;
                write!(w, "\\u{:04x}", c as u32)?;
                from = i + c.len_utf8();
            }
        }
        w.write_all(&fragment.as_bytes()[from..])
    }

    // The layout is `F`'s.
    fn begin_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_array(w)
    }
    fn end_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_array(w)
    }
    fn begin_array_value<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.0.begin_array_value(w, first)
    }
    fn end_array_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_array_value(w)
    }
    fn begin_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_object(w)
    }
    fn end_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_object(w)
    }
    fn begin_object_key<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.0.begin_object_key(w, first)
    }
    fn end_object_key<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_object_key(w)
    }
    fn begin_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_object_value(w)
    }
    fn end_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_object_value(w)
    }
}

/// Whether a char of `s` [needs an escape](needs_escape). Byte by byte (the terminal UI passes
/// texts of megabytes): every such char starts with a C0 or DEL byte, or with the first byte of
/// U+0080–U+00BF (C1), of U+0600–U+063F (U+061C) or of U+2000–U+2FFF; only those are decoded.
fn any_escape(s: &str, keep_newlines: bool) -> bool {
    s.bytes().enumerate().any(|(i, b)| {
        matches!(b, 0..0x20 | 0x7f | 0xc2 | 0xd8 | 0xe2)
            && s[i..]
                .chars()
                .next()
                .is_some_and(|c| needs_escape(c, keep_newlines))
    })
}

fn needs_escape(c: char, keep_newlines: bool) -> bool {
    match c {
        '\n' => !keep_newlines,
        '\u{0}'..='\u{1f}' | '\u{7f}'..='\u{9f}' => true,
        // Bidirectional embeddings, overrides, isolates and marks can reorder what the auditor
        // sees; the line and paragraph separators break a line where none shows.
        '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => true,
        '\u{200e}' | '\u{200f}' | '\u{061c}' | '\u{2028}' | '\u{2029}' => true,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The byte scan finds what a char by char scan finds.
    #[test]
    fn the_byte_scan_finds_every_char_to_escape() {
        for c in (0..=0x3000u32).filter_map(char::from_u32) {
            for keep in [false, true] {
                let s = format!("aé{c}b");
                assert_eq!(any_escape(&s, keep), needs_escape(c, keep), "{:?}", c);
            }
        }
    }

    #[test]
    fn escapes_never_pass() {
        let s = for_terminal("a\u{1b}[31mred\u{7}\u{9b}x\u{202e}", false);
        assert!(!s.chars().any(|c| c.is_control()));
        assert_eq!(s, "a␛[31mred␇�x�");
        // The bidirectional marks and the Unicode line separators too (the review's case).
        let s = for_terminal("a\u{200e}b\u{200f}c\u{61c}d\u{2028}e\u{2029}f\u{85}g", true);
        assert_eq!(s, "a�b�c�d⏎e⏎f�g");
    }

    #[test]
    fn json_escapes_what_a_terminal_would_act_on() {
        let v = serde_json::json!({"k\u{9b}": ["a\u{1b}[31m\u{7f}\u{9b}2J\u{202e}é\u{2028}€"]});
        let mut compact = Vec::new();
        write_json(&mut compact, JsonFormatter::compact(), &v).unwrap();
        let compact = String::from_utf8(compact).unwrap();
        assert_eq!(
            compact,
            r#"{"k\u009b":["a\u001b[31m\u007f\u009b2J\u202eé\u2028€"]}"#
        );
        assert!(!compact.chars().any(|c| c.is_control()));
        // The same value read back, and the pretty layout kept.
        assert_eq!(
            serde_json::from_str::<serde_json::Value>(&compact).unwrap(),
            v
        );
        let mut pretty = Vec::new();
        write_json(&mut pretty, JsonFormatter::pretty(), &v).unwrap();
        let pretty = String::from_utf8(pretty).unwrap();
        assert_eq!(
            pretty,
            "{\n  \"k\\u009b\": [\n    \"a\\u001b[31m\\u007f\\u009b2J\\u202eé\\u2028€\"\n  ]\n}"
        );
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
