//! Corpus text is untrusted: nothing from it may reach a terminal raw.

use std::borrow::Cow;

/// Replaces control characters (C0, DEL, C1), the bidirectional controls and marks and the
/// other invisible format characters (zero-width spaces and joiners, soft hyphens, byte order
/// marks, tags) with visible stand-ins, so that no escape sequence from the corpus reaches the terminal. Tabs
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

/// A path as vigie shows it wherever it names one (messages, warnings, every report, the
/// terminal UI): as written when it is UTF-8; else each byte that is not (a name in Latin-1,
/// `caf\xE9.jsonl`) written `\xE9`, as ripgrep and GNU ls show them, rather than U+FFFD, so that
/// two names that differ there are told apart, and the JSON and CSV reports stay valid UTF-8.
/// Control characters are left to [`for_terminal`] (a report keeps the name as written).
pub fn display_path(p: &std::path::Path) -> Cow<'_, str> {
    display_bytes(p.as_os_str().as_encoded_bytes())
}

/// [`display_path`] as a method of paths: `path.shown()` wherever `path.display()` would put
/// U+FFFD for the bytes that are not UTF-8.
pub trait Shown {
    fn shown(&self) -> Cow<'_, str>;
}

impl Shown for std::path::Path {
    fn shown(&self) -> Cow<'_, str> {
        display_path(self)
    }
}

/// `bytes` (a name as a file system or an archive gives it) as [`display_path`] shows it.
pub fn display_bytes(bytes: &[u8]) -> Cow<'_, str> {
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(bytes.len() + 8);
    for chunk in bytes.utf8_chunks() {
        out.push_str(chunk.valid());
        for b in chunk.invalid() {
            out.push_str(&format!("\\x{b:02X}"));
        }
    }
    Cow::Owned(out)
}

/// A JSON formatter that writes, within strings, DEL, the C1 controls, the bidirectional
/// controls, the other invisible format characters and the line and paragraph separators as
/// `\uXXXX` escapes. `serde_json` escapes
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
                // Beyond the BMP (the tag characters), as a surrogate pair.
                for unit in c.encode_utf16(&mut [0; 2]) {
                    write!(w, "\\u{:04x}", unit)?;
                }
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
/// U+0080–U+00BF (C1, the soft hyphen), U+0600–U+063F (U+0600–U+0605, U+061C), U+06C0–U+06FF
/// (U+06DD), U+0700–U+073F (U+070F), U+0800–U+0FFF (U+0890, U+0891, U+08E2), U+1800–U+1FFF
/// (U+180E), U+2000–U+2FFF, U+F000–U+FFFF (U+FEFF, U+FFF9–U+FFFB), U+10000–U+3FFFF or
/// U+C0000–U+FFFFF (the tags); only those are decoded.
fn any_escape(s: &str, keep_newlines: bool) -> bool {
    s.bytes().enumerate().any(|(i, b)| {
        matches!(
            b,
            0..0x20 | 0x7f | 0xc2 | 0xd8 | 0xdb | 0xdc | 0xe0 | 0xe1 | 0xe2 | 0xef | 0xf0 | 0xf3
        ) && s[i..]
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
        // The other invisible format characters (Unicode 15's category Cf): two ids that look
        // alike may differ by one, and a CSV cell may hide a formula behind one.
        '\u{ad}'
        | '\u{600}'..='\u{605}'
        | '\u{6dd}'
        | '\u{70f}'
        | '\u{890}'..='\u{891}'
        | '\u{8e2}'
        | '\u{180e}'
        | '\u{200b}'..='\u{200d}'
        | '\u{2060}'..='\u{2064}'
        | '\u{206a}'..='\u{206f}'
        | '\u{feff}'
        | '\u{fff9}'..='\u{fffb}'
        | '\u{110bd}'
        | '\u{110cd}'
        | '\u{13430}'..='\u{1343f}'
        | '\u{1bca0}'..='\u{1bca3}'
        | '\u{1d173}'..='\u{1d17a}'
        | '\u{e0001}'
        | '\u{e0020}'..='\u{e007f}' => true,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A path in UTF-8 is shown as it is (not copied); the bytes of one that are not UTF-8 as
    /// `\xHH`, each, the rest as it is: two names that differ by such a byte stay apart, and
    /// what is shown is UTF-8. Control characters are left to `for_terminal`.
    #[cfg(unix)]
    #[test]
    fn paths_not_in_utf8_show_their_bytes_escaped() {
        use std::os::unix::ffi::OsStrExt;
        let path = |b: &[u8]| std::path::Path::new(std::ffi::OsStr::from_bytes(b)).to_path_buf();
        let utf8 = path("dossier/café\u{1b}.jsonl".as_bytes());
        assert!(matches!(
            display_path(&utf8),
            Cow::Borrowed("dossier/café\u{1b}.jsonl")
        ));
        assert_eq!(utf8.shown(), "dossier/café\u{1b}.jsonl");
        let latin1 = path(b"dossier/caf\xe9.jsonl");
        let other = path(b"dossier/caf\xe8.jsonl");
        assert_eq!(display_path(&latin1), r"dossier/caf\xE9.jsonl");
        assert_eq!(display_path(&other), r"dossier/caf\xE8.jsonl");
        // A sequence cut short, then valid text; bytes that never start one.
        assert_eq!(
            display_bytes(b"\xc3 \xff\xfe\xe2\x82 \xe2\x82\xac"),
            r"\xC3 \xFF\xFE\xE2\x82 €"
        );
    }

    /// The byte scan finds what a char by char scan finds.
    #[test]
    fn the_byte_scan_finds_every_char_to_escape() {
        for c in (0..=0x10ffffu32).filter_map(char::from_u32) {
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
        // Invisible format characters: ids that look alike show apart.
        let s = for_terminal("\u{200b}=1+1\u{feff}a\u{ad}b\u{2060}c\u{e0041}", true);
        assert_eq!(s, "�=1+1�a�b�c�");
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

    /// A format character beyond the BMP is escaped as a surrogate pair, read back the same.
    #[test]
    fn json_escapes_tags_as_surrogate_pairs() {
        let v = serde_json::json!("a\u{200b}b\u{e0041}c");
        let mut out = Vec::new();
        write_json(&mut out, JsonFormatter::compact(), &v).unwrap();
        let out = String::from_utf8(out).unwrap();
        assert_eq!(out, r#""a\u200bb\udb40\udc41c""#);
        assert_eq!(serde_json::from_str::<serde_json::Value>(&out).unwrap(), v);
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
