//! The XML events of a decision file, read fast.
//!
//! quick-xml checks the UTF-8 of every event it reads with the standard library, which is
//! several times slower than checking the whole file at once (simdutf8): on a DILA reference it
//! was the largest single cost of reading the file. [`FastEvents`] reads a file already known to
//! be UTF-8 into the very events quick-xml gives, with the reader's settings the decision
//! readers use (`allow_dangling_amp`, `check_end_names`, the rest by default; see
//! [`quick_xml_reader`]), and checks nothing again. Where quick-xml's own parts serve (the ends
//! of tags and of processing instructions, names, white space), it calls them.
//!
//! It only takes what it is sure to read as quick-xml does: text, references, start, end and
//! empty tags (with attributes), comments, CDATA sections, XML declarations and processing
//! instructions. It gives up (`None`) at anything else (a DOCTYPE, a byte order mark at the
//! start, the caller having skipped the first) and at anything quick-xml reports as an error (an
//! end tag that closes nothing or the wrong element, an unclosed tag or section): the caller then
//! reads the file again with quick-xml, which says what is wrong and where. Tests and the `xml`
//! fuzz target compare its events with quick-xml's ([`fast_events_agree_with_quick_xml`]).

use memchr::{memchr_iter, memchr2, memchr3};
use quick_xml::events::{
    BytesCData, BytesDecl, BytesEnd, BytesPI, BytesRef, BytesStart, BytesText, Event,
};
use quick_xml::parser::{ElementParser, Parser, PiParser};
use quick_xml::reader::Reader;
use quick_xml::utils::{is_whitespace, name_len};

/// quick-xml's reader of `body` (UTF-8 without its byte order mark), set as the decision readers
/// use it, and as [`FastEvents`] reads.
pub(crate) fn quick_xml_reader(body: &[u8]) -> Reader<&[u8]> {
    let mut reader = Reader::from_reader(body);
    let config = reader.config_mut();
    // A lone `&` is a common defect of hand-made files; keep it as text rather than reject the
    // whole decision.
    config.allow_dangling_amp = true;
    config.check_end_names = true;
    reader
}

/// The events of a UTF-8 XML text, as quick-xml's reader gives them (see the module docs).
pub(crate) struct FastEvents<'a> {
    s: &'a str,
    /// Where the next event starts.
    pos: usize,
    /// The names of the elements open, innermost last.
    open: Vec<&'a str>,
}

/// The `>` that ends the tag `b` starts with, outside quoted attribute values: quick-xml's own
/// element parser.
fn tag_end(b: &[u8]) -> Option<usize> {
    ElementParser::Outside.feed(b)
}

impl<'a> FastEvents<'a> {
    /// The events of `s`, a file's text after its byte order mark, if any (at another, the reader
    /// gives up).
    pub(crate) fn new(s: &'a str) -> Self {
        FastEvents {
            s,
            pos: 0,
            open: Vec::with_capacity(16),
        }
    }

    /// The next event and the byte offset in `s` where it starts; `None` when this reader gives
    /// up (see the module docs).
    pub(crate) fn next_event(&mut self) -> Option<(usize, Event<'a>)> {
        let (s, at) = (self.s, self.pos);
        let b = s.as_bytes();
        if at == 0 && s.starts_with('\u{FEFF}') {
            // quick-xml drops one mark without counting it in positions.
            return None;
        }
        let Some(&first) = b.get(at) else {
            return Some((at, Event::Eof));
        };
        let event = match first {
            b'<' => self.markup(at)?,
            b'&' => match memchr3(b';', b'&', b'<', &b[at + 1..]) {
                Some(i) if b[at + 1 + i] == b';' => {
                    self.pos = at + i + 2;
                    Event::GeneralRef(BytesRef::new(&s[at + 1..at + 1 + i]))
                }
                // A lone `&`: text up to the next reference or markup, as `allow_dangling_amp`.
                Some(i) => {
                    self.pos = at + 1 + i;
                    Event::Text(BytesText::from_escaped(&s[at..at + 1 + i]))
                }
                None => {
                    self.pos = b.len();
                    Event::Text(BytesText::from_escaped(&s[at..]))
                }
            },
            _ => {
                let end = memchr2(b'<', b'&', &b[at..]).map_or(b.len(), |i| at + i);
                self.pos = end;
                Event::Text(BytesText::from_escaped(&s[at..end]))
            }
        };
        Some((at, event))
    }

    /// The markup that starts at `s[at]` (a `<`).
    fn markup(&mut self, at: usize) -> Option<Event<'a>> {
        let s = self.s;
        let rest = &s.as_bytes()[at..];
        match *rest.get(1)? {
            b'!' => match *rest.get(2)? {
                b'-' => {
                    // The first `>` after at least `<!----` that follows `--`.
                    let i =
                        memchr_iter(b'>', rest).find(|&i| i > 5 && rest[..i].ends_with(b"--"))?;
                    if !rest.starts_with(b"<!--") {
                        return None;
                    }
                    self.pos = at + i + 1;
                    Some(Event::Comment(BytesText::from_escaped(
                        &s[at + 4..at + i - 2],
                    )))
                }
                b'[' => {
                    // Past the prefix (which holds no `]`): `i` is 11 or more.
                    let i = memchr_iter(b'>', rest).find(|&i| rest[..i].ends_with(b"]]"))?;
                    if !rest.starts_with(b"<![CDATA[") {
                        return None;
                    }
                    self.pos = at + i + 1;
                    Some(Event::CData(BytesCData::new(&s[at + 9..at + i - 2])))
                }
                // A DOCTYPE, or no markup quick-xml knows.
                _ => None,
            },
            b'/' => {
                let i = tag_end(rest)?;
                let content = &s[at + 2..at + i];
                // White space after the name is dropped, but a name of white space alone is kept
                // as it is (`</ >` does not close `<>`).
                let name = match content.trim_end_matches([' ', '\t', '\r', '\n']) {
                    "" => content,
                    name => name,
                };
                if self.open.pop()? != name {
                    return None;
                }
                self.pos = at + i + 1;
                Some(Event::End(BytesEnd::new(name)))
            }
            b'?' => {
                let i = PiParser(false).feed(rest)?;
                // `<?>` is an error.
                if i < 3 {
                    return None;
                }
                let content = &s[at + 2..at + i - 1];
                self.pos = at + i + 1;
                let c = content.as_bytes();
                Some(
                    if c.starts_with(b"xml") && c.get(3).is_none_or(|&b| is_whitespace(b)) {
                        Event::Decl(BytesDecl::from_start(BytesStart::from_content(content, 3)))
                    } else {
                        Event::PI(BytesPI::new(content))
                    },
                )
            }
            _ => {
                let i = tag_end(rest)?;
                let inner = &s[at + 1..at + i];
                self.pos = at + i + 1;
                Some(match inner.strip_suffix('/') {
                    Some(c) => Event::Empty(BytesStart::from_content(c, name_len(c.as_bytes()))),
                    None => {
                        let n = name_len(inner.as_bytes());
                        self.open.push(&inner[..n]);
                        Event::Start(BytesStart::from_content(inner, n))
                    }
                })
            }
        }
    }
}

/// Reads `input` with [`FastEvents`] and quick-xml in step: `Ok(true)` when the fast reader read
/// it to its end, every event and its offset the same as quick-xml's, `Ok(false)` when it gave up
/// after the same events, and `Err` saying where they differ, or where the fast reader read on
/// where quick-xml reports an error. What the fast reader must keep to (for the tests and the
/// fuzz target).
#[doc(hidden)]
pub fn fast_events_agree_with_quick_xml(input: &str) -> Result<bool, String> {
    let mut fast = FastEvents::new(input);
    let mut quick = quick_xml_reader(input.as_bytes());
    loop {
        let at = quick.buffer_position() as usize;
        let Some((fast_at, fast_event)) = fast.next_event() else {
            return Ok(false);
        };
        let event = quick.read_event().map_err(|e| {
            format!("{fast_event:?} at {fast_at} where quick-xml fails ({e}) in {input:?}")
        })?;
        if (fast_at, &fast_event) != (at, &event) {
            return Err(format!(
                "{fast_event:?} at {fast_at} where quick-xml reads {event:?} at {at} in {input:?}"
            ));
        }
        if event == Event::Eof {
            return Ok(true);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::strategy::Strategy;

    /// How [`FastEvents`] read a text, event by event beside quick-xml.
    #[derive(Debug, PartialEq, Eq)]
    enum Outcome {
        /// To its end, every event and its offset the same as quick-xml's.
        Whole,
        /// The same events until it gave up.
        GaveUp,
    }

    /// [`fast_events_agree_with_quick_xml`], failing the test where they differ.
    fn in_step(input: &str) -> Outcome {
        match fast_events_agree_with_quick_xml(input) {
            Ok(true) => Outcome::Whole,
            Ok(false) => Outcome::GaveUp,
            Err(e) => panic!("{e}"),
        }
    }

    fn data_files() -> Vec<(std::path::PathBuf, String)> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data");
        let mut out = Vec::new();
        for dir in ["dila-cass", "ce"] {
            let mut paths: Vec<_> = std::fs::read_dir(root.join(dir))
                .unwrap()
                .map(|e| e.unwrap().path())
                .filter(|p| p.extension().is_some_and(|x| x == "xml"))
                .collect();
            paths.sort();
            for p in paths {
                let text = std::fs::read_to_string(&p).unwrap();
                out.push((p, text));
            }
        }
        out
    }

    #[test]
    fn the_real_decisions_read_whole_as_quick_xml_reads_them() {
        let files = data_files();
        assert_eq!(files.len(), 93);
        for (path, text) in &files {
            let body = text.strip_prefix('\u{FEFF}').unwrap_or(text);
            assert_eq!(in_step(body), Outcome::Whole, "{}", path.display());
        }
        // The same with Windows line endings, which text events keep (quick-xml's `xml10_content`
        // makes them `\n`).
        for (path, text) in files.iter().step_by(10) {
            let crlf = text.replace('\n', "\r\n");
            assert_eq!(in_step(&crlf), Outcome::Whole, "{}", path.display());
        }
    }

    /// Damage and rarer markup put into real decisions (every 23rd file, at about 150 places
    /// each, and cut short there): the fast reader reads what quick-xml reads, or gives up,
    /// never reading past an error.
    #[test]
    fn damaged_decisions_read_as_quick_xml_reads_them_or_give_up() {
        let files = data_files();
        let pieces = [
            "<",
            ">",
            "&",
            "&amp",
            "&amp;",
            "&;",
            "& x;",
            "&#233;",
            "&#xZZ;",
            "]]>",
            "<!-- c -->",
            "<!-- a--b -->",
            "<!-->",
            "<!--->",
            "<!---->",
            "<![CDATA[ a < b & c ]]>",
            "<![CDATA[]]>",
            "<![CDATA[x]>",
            "<![CDAT[x]]>",
            "<!DOCTYPE x>",
            "<!x>",
            "<?pi a?>",
            "<?xml version=\"1.0\"?>",
            "<?>",
            "<??>",
            "<?xml?>",
            "</x>",
            "</>",
            "<>",
            "<x/>",
            "<x>",
            "<x a='>'>",
            "<x a=\">\"/>",
            "<x a='1>",
            "<br />",
            "<b>gras</b>",
            "<i>x</ i>",
            "</i >",
            "<p\n>",
            "\r",
            "\r\n",
            "\u{FEFF}",
            "\"",
            "'",
        ];
        let mut seen = [0usize; 2];
        for (_, text) in files.iter().step_by(23) {
            let body = text.strip_prefix('\u{FEFF}').unwrap_or(text);
            let bounds: Vec<usize> = (0..=body.len())
                .filter(|&i| body.is_char_boundary(i))
                .collect();
            let step = (bounds.len() / 150).max(1);
            for &at in bounds.iter().step_by(step) {
                // Cut short there.
                let outcome = in_step(&body[..at]);
                seen[(outcome == Outcome::GaveUp) as usize] += 1;
                for piece in pieces {
                    let damaged = format!("{}{piece}{}", &body[..at], &body[at..]);
                    let outcome = in_step(&damaged);
                    seen[(outcome == Outcome::GaveUp) as usize] += 1;
                }
            }
        }
        // Both happen: the fast reader reads many damaged files whole, and gives up on others.
        assert!(seen[0] > 1000 && seen[1] > 1000, "{seen:?}");
    }

    /// What the fuzz target found: an element of no name, `<>`, is not closed by `</ >`.
    #[test]
    fn an_end_tag_of_white_space_closes_no_element_of_no_name() {
        assert_eq!(in_step("<a><></\n></a>"), Outcome::GaveUp);
        assert_eq!(in_step("<a><></></a>"), Outcome::Whole);
        assert_eq!(in_step("<a><b></b \n></a >"), Outcome::Whole);
    }

    proptest::proptest! {
        /// Any mix of markup, references and text reads as quick-xml reads it, or gives up.
        #[test]
        fn any_markup_reads_as_quick_xml_reads_it(s in proptest::collection::vec(
            proptest::sample::select(vec![
                "<a>", "</a>", "<b x='1'>", "</b>", "<a/>", "<b y=\"/>\"/>", "</a >", "<", ">",
                "&", "&amp;", "&lt", ";", "&#38;", "text", " ", "\n", "\r", "\r\n", "é", "<!--",
                "-->", "--", "-", "<![CDATA[", "]]>", "]", "<?", "?>", "<?xml", "<!", "<!D", "'",
                "\"", "/", "/>", "<>", "</>", "</ >", "</\n>",
            ]),
            0..24,
        ).prop_map(|v| v.concat())) {
            in_step(&s);
        }
    }
}
