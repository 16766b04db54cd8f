//! Text normalisation (SPEC §1.4). Two texts are the same decision text when they are equal after:
//! HTML tags removed and entities decoded (for HTML text); Unicode NFC; every run of white space
//! made one space and the ends trimmed; typographic apostrophes, quotes (with their inner spaces)
//! and dashes made plain. Case, digits, words and punctuation otherwise count.
//!
//! Invisible format characters are dropped: the soft hyphen (`&shy;`, a hyphenation point), the
//! zero-width space, non-joiner and joiner, the word joiner and the byte order mark. They change
//! nothing a reader sees, and are none of the "words, numbers or punctuation" whose change is an
//! alteration (INT001): a reuser's HTML that marks hyphenation points shows the decision unaltered.
//! A zero-width space put for a real space does join two words, as the reader sees them.
//!
//! Ligatures and superscript letters are spelt out as the plain letters they are
//! ([`same_letters`]: `œuvre` is `oeuvre`, `1ᵉʳ` is `1er`, `ﬁ` is `fi`). That goes beyond the
//! folds SPEC §1.4 lists, but changes no word: NFKC folds them so. No other compatibility form
//! is folded (not `º`, `ª` nor `°`).
//!
//! The hot path ([`normalize_into`]) builds no offset map. When two digests differ, the aligner
//! asks for [`normalize_mapped`], which also maps each output character back to its position in
//! the text as read, so that findings report spans of the original field.

use unicode_normalization::{IsNormalized, UnicodeNormalization, char::canonical_combining_class};

/// A normalised text with, for each of its characters, the index (in Unicode scalar values) of
/// the character of the original text it comes from.
///
/// That map is kept as anchors, not as one index per char: it is linear over the long runs the
/// hot path copies whole, so an anchor is needed only where it is not, and one every
/// [`CHECKPOINT`] bytes so that finding a char's place stays cheap. A dense map took four bytes
/// a char, more than the text itself, and filling it cost more than normalising. A space maps to
/// the char after it (the careful path writes a white space run when the next char comes, at
/// that char's index); no space is the last char.
#[derive(Debug, Clone, Default, Eq)]
pub struct Normalized {
    pub text: String,
    anchors: Vec<Anchor>,
    /// Number of chars of `text`.
    chars: u32,
    /// Number of chars in the original text.
    pub original_chars: usize,
}

/// Char `out` of a normalised text, at byte `byte`, comes from char `orig` of the original;
/// so do the chars after it up to the next anchor, each from the char after (but a space, from
/// the same as the char after it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Anchor {
    out: u32,
    byte: u32,
    orig: u32,
}

/// Whether a text's map and tokens can be worked out: their offsets are 32-bit (half the memory
/// of `usize` ones, on texts of millions of chars), so a text of 4 GiB or more, as read or once
/// normalised, is neither mapped nor aligned. A corpus record is at most 4095 MiB
/// (`--max-record-mib`), but normalising may make it longer, and a reference file may be longer.
pub fn mappable(text: &str) -> bool {
    text.len() < u32::MAX as usize
}

/// The most bytes of normalised text between two anchors, give or take a run: a char's place
/// is found by reading on from the anchor before it.
const CHECKPOINT: usize = 4096;

/// Two maps are equal when they map every char alike, wherever their anchors lie.
impl PartialEq for Normalized {
    fn eq(&self, other: &Self) -> bool {
        self.text == other.text
            && self.original_chars == other.original_chars
            && self.map_values() == other.map_values()
    }
}

impl Normalized {
    /// The bytes it holds on the heap.
    pub fn heap_bytes(&self) -> usize {
        self.text.capacity() + self.anchors.capacity() * std::mem::size_of::<Anchor>()
    }

    /// Maps a `[start, end)` range of chars of the normalised text to the original text.
    pub fn original_span(&self, start: usize, end: usize) -> (usize, usize) {
        let s = self.original_index(start).unwrap_or(self.original_chars);
        let e = if end == 0 || end <= start {
            s
        } else {
            self.original_index(end - 1)
                .map(|v| v + 1)
                .unwrap_or(self.original_chars)
        };
        (s, e.max(s))
    }

    /// The index in the original text of the char the `k`-th char of the normalised text comes
    /// from; `None` past the end.
    pub fn original_index(&self, k: usize) -> Option<usize> {
        if k >= self.chars as usize {
            return None;
        }
        // Anchor 0 is char 0: the first char written is never a space.
        let at = self.anchors.partition_point(|a| a.out as usize <= k) - 1;
        let a = self.anchors[at];
        let ahead = k - a.out as usize;
        let is_space = self.text[a.byte as usize..].chars().nth(ahead) == Some(' ');
        Some(if !is_space {
            a.orig as usize + ahead
        } else {
            match self.anchors.get(at + 1) {
                Some(b) if b.out as usize == k + 1 => b.orig as usize,
                _ => a.orig as usize + ahead + 1,
            }
        })
    }

    /// Reads the map for chars taken in order (what the diff of the terminal UI does over texts
    /// of millions of chars): see [`MapReader::original_index`].
    pub fn reader(&self) -> MapReader<'_> {
        MapReader {
            anchors: &self.anchors,
            at: 0,
        }
    }

    /// The whole map, an index per char (for tests).
    #[doc(hidden)]
    pub fn map_values(&self) -> Vec<u32> {
        let mut out = Vec::with_capacity(self.chars as usize);
        for (at, a) in self.anchors.iter().enumerate() {
            let end = self.anchors.get(at + 1);
            let upto = end.map_or(self.chars, |b| b.out);
            let mut chars = self.text[a.byte as usize..].chars();
            for (j, k) in (a.out..upto).enumerate() {
                let linear = a.orig + j as u32;
                out.push(if chars.next() == Some(' ') {
                    match end {
                        Some(b) if b.out == k + 1 => b.orig,
                        _ => linear + 1,
                    }
                } else {
                    linear
                });
            }
        }
        out
    }
}

/// A reader of a [`Normalized`]'s map for chars taken in order.
pub struct MapReader<'a> {
    anchors: &'a [Anchor],
    /// The anchor of the last char read.
    at: usize,
}

impl MapReader<'_> {
    /// [`Normalized::original_index`] of char `k` of the normalised text, `space` telling
    /// whether that char is a space, in constant time when `k` grows from one call to the next
    /// (as `k` must not go back). `k` must be a char of the text.
    pub fn original_index(&mut self, k: u32, space: bool) -> u32 {
        while self.anchors.get(self.at + 1).is_some_and(|b| b.out <= k) {
            self.at += 1;
        }
        let a = self.anchors[self.at];
        let linear = a.orig + (k - a.out);
        if !space {
            return linear;
        }
        match self.anchors.get(self.at + 1) {
            Some(b) if b.out == k + 1 => b.orig,
            _ => linear + 1,
        }
    }
}

/// Builds a [`Normalized`]'s anchors as its chars are written.
#[derive(Default)]
struct MapBuilder {
    anchors: Vec<Anchor>,
    /// Chars written so far.
    chars: u32,
}

impl MapBuilder {
    /// Char `c`, written at byte `byte`, comes from char `orig`.
    #[inline]
    fn note(&mut self, c: char, byte: usize, orig: u32) {
        let k = self.chars;
        self.chars += 1;
        if c != ' ' {
            self.at(k, byte, orig);
        }
    }

    /// Char `k`, not a space, written at byte `byte`, comes from char `orig`: an anchor unless
    /// the last one already says so and is near enough.
    #[inline]
    fn at(&mut self, k: u32, byte: usize, orig: u32) {
        if let Some(a) = self.anchors.last()
            && a.orig.wrapping_add(k - a.out) == orig
            && byte - (a.byte as usize) < CHECKPOINT
        {
            return;
        }
        self.anchors.push(Anchor {
            out: k,
            byte: byte as u32,
            orig,
        });
    }

    /// A run written as it is at byte `byte`, whose first char (not a space) is char `orig` of
    /// the text: its chars come from the consecutive chars of the text. Returns its length in
    /// chars.
    fn run(&mut self, run: &str, byte: usize, orig: u32) -> u32 {
        let b = run.as_bytes();
        let (mut p, mut k, mut orig) = (0, self.chars, orig);
        loop {
            self.at(k, byte + p, orig);
            if b.len() - p <= CHECKPOINT {
                k += run[p..].chars().count() as u32;
                break;
            }
            // A checkpoint further on, on a char that is not a space (a run ends with one).
            let mut q = p + CHECKPOINT;
            while q < b.len() && (b[q] & 0xC0 == 0x80 || b[q] == b' ') {
                q += 1;
            }
            let n = run[p..q].chars().count() as u32;
            k += n;
            orig += n;
            p = q;
            if p == b.len() {
                break;
            }
        }
        let n = k - self.chars;
        self.chars = k;
        n
    }

    /// Takes back the last char written (not a space).
    fn unwrite_last(&mut self) {
        self.chars -= 1;
        if self.anchors.last().is_some_and(|a| a.out == self.chars) {
            self.anchors.pop();
        }
    }
}

/// Normalises `text` into `out` (cleared first), without an offset map.
pub fn normalize_into(text: &str, html: bool, out: &mut String) {
    out.clear();
    out.reserve(text.len());
    let mut w = Writer {
        out,
        map: None,
        pending_space: false,
        suppress_space: true,
    };
    run(text, html, &mut w);
}

thread_local! {
    static DIGEST_BUF: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
}

/// The digest texts are compared by (xxh3): of their normalised form, or of the texts as read
/// to tell an exact copy at once.
pub fn digest(text: &str) -> u64 {
    // XXH3, as `xxhash_rust::xxh3::xxh3_64` computes it, with AVX2 where the processor has it
    // (chosen at run time): texts are hashed whole, several times per record.
    twox_hash::XxHash3_64::oneshot(text.as_bytes())
}

/// Normalises `text` (in a buffer kept per thread) and digests it.
pub fn digest_of(text: &str, html: bool) -> u64 {
    DIGEST_BUF.with(|b| {
        let mut b = b.borrow_mut();
        normalize_into(text, html, &mut b);
        digest(&b)
    })
}

/// Normalises `text` into a new string.
pub fn normalize(text: &str, html: bool) -> String {
    let mut out = String::new();
    normalize_into(text, html, &mut out);
    out
}

/// Normalises `text` and maps every output char to its original position.
pub fn normalize_mapped(text: &str, html: bool) -> Normalized {
    mapped_by(text, html, run)
}

/// [`normalize_mapped`] on the careful path only, char by char: what the hot path must agree
/// with (for tests).
#[doc(hidden)]
pub fn normalize_careful(text: &str, html: bool) -> Normalized {
    mapped_by(text, html, careful)
}

/// Normalises with an offset map, by `path`.
fn mapped_by(text: &str, html: bool, path: fn(&str, bool, &mut Writer<'_>)) -> Normalized {
    let mut out = String::with_capacity(text.len());
    let mut map = MapBuilder::default();
    let mut w = Writer {
        out: &mut out,
        map: Some(&mut map),
        pending_space: false,
        suppress_space: true,
    };
    path(text, html, &mut w);
    Normalized {
        text: out,
        anchors: map.anchors,
        chars: map.chars,
        original_chars: text.chars().count(),
    }
}

fn run(text: &str, html: bool, w: &mut Writer<'_>) {
    if w.push_fast(text, html) {
        return;
    }
    // Not in NFC: start again on the careful path.
    w.out.clear();
    if let Some(m) = w.map.as_deref_mut() {
        *m = MapBuilder::default();
    }
    w.pending_space = false;
    w.suppress_space = true;
    careful(text, html, w);
}

/// The careful path: char by char, through NFC when the text may need it.
fn careful(text: &str, html: bool, w: &mut Writer<'_>) {
    // ASCII is always in NFC: only the text from the first other byte needs the quick check, and
    // only its non-ASCII chars (an ASCII char has combining class 0, so leaving it out can only
    // make the check more cautious).
    // In HTML, an entity may stand for a combining mark (`&#769;`, `&DownBreve;`).
    let needs_nfc = match text.bytes().position(|b| b >= 0x80) {
        _ if html && text.contains('&') => true,
        None => false,
        Some(first) => !matches!(
            unicode_normalization::is_nfc_quick(text[first..].chars().filter(|c| !c.is_ascii())),
            IsNormalized::Yes
        ),
    };
    if html {
        let mut nfc = NfcStage::new(needs_nfc);
        html_chars(text, &mut |c, i| nfc.push(c, i, w));
        nfc.flush(w);
    } else if needs_nfc {
        let mut nfc = NfcStage::new(true);
        plain_chars(text, &mut |c, i| nfc.push(c, i, w));
        nfc.flush(w);
    } else {
        plain_chars(text, &mut |c, i| w.push(c, i));
    }
}

/// The chars of a plain text with their char indices, a line break tag (`<br>`, `<br/>`,
/// `<br />`, in any case) given as one space at its `<`: a text copied from the source's
/// markup may keep them, and SPEC §1.4 counts them as white space.
fn plain_chars(text: &str, f: &mut dyn FnMut(char, u32)) {
    let mut skip_to = 0;
    for (i, (b, c)) in text.char_indices().enumerate() {
        if b < skip_to {
            continue;
        }
        if c == '<'
            && let Some(len) = br_at(&text[b..])
        {
            f(' ', i as u32);
            skip_to = b + len;
        } else {
            f(c, i as u32);
        }
    }
}

/// The length of the line break tag `s` starts with: `<br>`, `<br/>`, `<br />` (white space
/// before the `/` or the `>`, any case).
fn br_at(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    if b.len() < 4 || b[0] != b'<' || !b[1..3].eq_ignore_ascii_case(b"br") {
        return None;
    }
    let mut k = 3;
    while b.get(k).is_some_and(|x| x.is_ascii_whitespace()) {
        k += 1;
    }
    if b.get(k) == Some(&b'/') {
        k += 1;
    }
    (b.get(k) == Some(&b'>')).then_some(k + 1)
}

/// The last stage: white space, quotes and dashes.
struct Writer<'a> {
    out: &'a mut String,
    map: Option<&'a mut MapBuilder>,
    /// A white space run is waiting to be written as one space.
    pending_space: bool,
    /// The previous char opens a quote (or nothing was written): a following space is dropped.
    suppress_space: bool,
}

impl Writer<'_> {
    #[inline]
    fn emit(&mut self, c: char, i: u32) {
        if let Some(m) = self.map.as_deref_mut() {
            m.note(c, self.out.len(), i);
        }
        self.out.push(c);
    }

    /// The hot path: runs of words and single spaces, which need no change, are copied whole.
    /// A char that may not be in NFC (a combining mark, a char whose NFC quick check is not
    /// `Yes`) is composed with the starter written before it ([`Writer::compose_at`]) in plain
    /// text; where that cannot be done (in HTML, after a space or a folded quote), `false` is
    /// returned, having written an unfinished text: the caller then starts again on the careful
    /// path.
    ///
    /// A run is made of bytes of class [`PLAIN`] (ASCII but white space), of the two-byte
    /// letters U+00C0–U+017F ([`LATIN`]: the accented letters of French, all in NFC, of
    /// combining class 0, neither space nor quote nor dash) and of single spaces between them.
    /// Any other char goes through [`Writer::push`].
    fn push_fast(&mut self, text: &str, html: bool) -> bool {
        let class = if html { &CLASS_HTML } else { &CLASS };
        let bytes = text.as_bytes();
        let n = bytes.len();
        let mut i = 0;
        // The char index of byte `i` in the text, for the offset map.
        let mut ci = 0u32;
        let mapped = self.map.is_some();
        let chars = |s: &str| if mapped { s.chars().count() as u32 } else { 0 };
        while i < n {
            let mut cl = class[bytes[i] as usize];
            if cl == LATIN && bytes.get(i + 1).is_some_and(|&b| ligature_end(b)) {
                // `æ`, `œ`… are spelt out (see [`same_letters`]).
                cl = OTHER;
            }
            match cl {
                SPACE | WHITE => {
                    if !self.suppress_space {
                        self.pending_space = true;
                    }
                    i += 1;
                    ci += 1;
                    continue;
                }
                MARKUP if bytes[i] == b'<' => {
                    if let Some((len, kind)) = scan_tag(&text[i..]) {
                        match kind {
                            // An ordered list numbers its items: on the careful path, which
                            // follows the lists ([`html_chars`]).
                            TagKind::List {
                                ordered: true,
                                closing: false,
                            } => return false,
                            // Items of no ordered list show no number.
                            TagKind::Block | TagKind::List { .. } | TagKind::Item => {
                                self.push(' ', ci)
                            }
                            TagKind::Inline => {}
                            TagKind::RawStart(name) => {
                                let skip = len + skip_raw(&text[i + len..], name);
                                ci += chars(&text[i..i + skip]);
                                i += skip;
                                continue;
                            }
                        }
                        ci += chars(&text[i..i + len]);
                        i += len;
                    } else {
                        self.push('<', ci);
                        i += 1;
                        ci += 1;
                    }
                    continue;
                }
                BREAK => {
                    // `<br/>` in a plain text: white space.
                    if let Some(len) = br_at(&text[i..]) {
                        if !self.suppress_space {
                            self.pending_space = true;
                        }
                        i += len;
                        ci += len as u32;
                    } else {
                        self.push('<', ci);
                        i += 1;
                        ci += 1;
                    }
                    continue;
                }
                MARKUP => {
                    if let Some((len, decoded)) = scan_entity(&text[i..]) {
                        for c in decoded.chars() {
                            if !self.push_checked(c, ci) {
                                return false;
                            }
                        }
                        // An entity is ASCII: one char per byte.
                        i += len;
                        ci += len as u32;
                    } else {
                        self.push('&', ci);
                        i += 1;
                        ci += 1;
                    }
                    continue;
                }
                OTHER => {
                    let c = text[i..].chars().next().unwrap_or('\u{FFFD}');
                    if self.push_checked(c, ci) {
                        i += c.len_utf8();
                        ci += 1;
                    } else {
                        // A decomposed text (NFD) has a mark after most accented letters:
                        // composed here, not by starting again on the careful path.
                        let Some((len, count)) =
                            (!html).then(|| self.compose_at(text, i, ci)).flatten()
                        else {
                            return false;
                        };
                        i += len;
                        ci += count;
                    }
                    continue;
                }
                _ => {}
            }
            // A run of words separated by single spaces: thirty-two bytes at a time while
            // they can be (with AVX2 when the processor has it), then byte by byte.
            let mut j = i;
            while j < n {
                let to = if j + 32 <= n {
                    run_with_avx2(bytes, j, html)
                        .unwrap_or_else(|| j + plain_block(&bytes[j..j + 32], html))
                } else if j + 16 <= n {
                    j + plain_block(&bytes[j..j + 16], html)
                } else {
                    j
                };
                if to > j {
                    j = to;
                    continue;
                }
                match class[bytes[j] as usize] {
                    PLAIN => j += 1,
                    LATIN if !bytes.get(j + 1).is_some_and(|&b| ligature_end(b)) => j += 2,
                    SPACE if j + 1 < n && class[bytes[j + 1] as usize] <= LATIN => j += 1,
                    _ => break,
                }
            }
            if self.pending_space {
                if let Some(m) = self.map.as_deref_mut() {
                    m.note(' ', self.out.len(), ci);
                }
                self.out.push(' ');
                self.pending_space = false;
            }
            // The run is copied as is: its chars map to consecutive chars of the text. (Char
            // indices matter only for the map: without one, `ci` is not kept up to date.)
            if let Some(m) = self.map.as_deref_mut() {
                ci += m.run(&text[i..j], self.out.len(), ci);
            }
            self.out.push_str(&text[i..j]);
            self.suppress_space = false;
            i = j;
        }
        true
    }

    /// Composes the NFC segment at byte `i` of a plain text, whose first char may not be in NFC
    /// (a combining mark, a char whose quick check is not `Yes`), as the careful path does: the
    /// segment runs from the starter before that char, when it is one, to the next starter.
    /// Returns the bytes and chars of the text it takes from `i`, or `None` when the starter
    /// before is not the last char written as it is in the text (a space, a folded quote), for
    /// the caller to start again on the careful path.
    fn compose_at(&mut self, text: &str, i: usize, ci: u32) -> Option<(usize, u32)> {
        let rest = &text[i..];
        let first = rest.chars().next()?;
        let (mut len, mut count) = (first.len_utf8(), 1u32);
        for c in rest[len..].chars() {
            if starts_segment(c) {
                break;
            }
            len += c.len_utf8();
            count += 1;
        }
        let marks = &rest[..len];
        // The starter the segment begins with: this char, or the one before it, which the hot
        // path wrote as it is (it checked it to be a starter whose quick check is `Yes`). The
        // last char written is the one before's when that is not white space (never written
        // last: a space is written only before another char), and it was written as it is when
        // they are the same (a folded quote or dash is written as another).
        let starter = if starts_segment(first) {
            None
        } else {
            match text[..i].chars().next_back() {
                None => None,
                // A space waiting to be written (after a line break tag, whose `>` is the
                // char before) is the starter's place too.
                Some(p) if !is_space(p) && !self.pending_space && self.out.ends_with(p) => Some(p),
                Some(_) => return None,
            }
        };
        let at = match starter {
            Some(p) => {
                self.out.truncate(self.out.len() - p.len_utf8());
                if let Some(m) = self.map.as_deref_mut() {
                    m.unwrite_last();
                }
                ci.saturating_sub(1)
            }
            None => ci,
        };
        // The most common segment, an ASCII letter and one mark that composes (e + U+0301): one
        // table lookup. An ASCII letter has no decomposition, so nothing needs reordering.
        let mut one = marks.chars();
        if let (Some(p), Some(m), None) = (starter, one.next(), one.next())
            && p.is_ascii()
            && !matches!(
                unicode_normalization::is_nfc_quick(std::iter::once(m)),
                IsNormalized::No
            )
        {
            match unicode_normalization::char::compose(p, m) {
                Some(c) => self.push(c, at),
                None => {
                    self.push(p, at);
                    self.push(m, ci);
                }
            }
        } else {
            let seg: Vec<(char, u32)> = starter
                .map(|p| (p, at))
                .into_iter()
                .chain(marks.chars().zip(ci..))
                .collect();
            let composed: Vec<char> = seg.iter().map(|&(c, _)| c).nfc().collect();
            push_composed(&seg, &composed, at, self);
        }
        Some((len, count))
    }

    /// Pushes a char of the hot path, or returns `false` if it may not be in NFC.
    #[inline]
    fn push_checked(&mut self, c: char, i: u32) -> bool {
        // Latin-1 signs (NBSP, «, », °, §) and general punctuation (’, “, ”, –, —, …, the
        // narrow no-break space) are starters in NFC, but for U+2000 and U+2001, which NFC
        // replaces: no table needed.
        let common = matches!(c, '\u{A0}'..='\u{BF}' | '\u{2002}'..='\u{206F}');
        if !c.is_ascii()
            && !common
            && (canonical_combining_class(c) != 0
                || !matches!(
                    unicode_normalization::is_nfc_quick(std::iter::once(c)),
                    IsNormalized::Yes
                ))
        {
            return false;
        }
        self.push(c, i);
        true
    }

    #[inline]
    fn push(&mut self, c: char, i: u32) {
        if is_invisible(c) {
            return;
        }
        // A ligature or a superscript letter: its letters, each from it.
        if let Some(letters) = same_letters(c) {
            for l in letters.chars() {
                self.push(l, i);
            }
            return;
        }
        if is_space(c) {
            if !self.suppress_space {
                self.pending_space = true;
            }
            return;
        }
        let (c, kind) = fold(c);
        match kind {
            Fold::Closing => {
                // A closing quote swallows the space before it.
                self.pending_space = false;
                self.emit(c, i);
                self.suppress_space = false;
            }
            Fold::Opening => {
                if self.pending_space {
                    self.emit(' ', i);
                    self.pending_space = false;
                }
                self.emit(c, i);
                self.suppress_space = true;
            }
            Fold::Plain => {
                if self.pending_space {
                    self.emit(' ', i);
                    self.pending_space = false;
                }
                self.emit(c, i);
                self.suppress_space = false;
            }
        }
    }
}

/// Byte classes of the hot path ([`Writer::push_fast`]).
const PLAIN: u8 = 0;
const LATIN: u8 = 1;
const SPACE: u8 = 2;
const WHITE: u8 = 3;
const OTHER: u8 = 4;
/// `<` and `&` in HTML text.
const MARKUP: u8 = 5;
/// `<` in plain text, which may open a line break tag.
const BREAK: u8 = 6;

static CLASS: [u8; 256] = {
    let mut t = [PLAIN; 256];
    let mut b = 0x80;
    while b < 256 {
        t[b] = OTHER;
        b += 1;
    }
    // Lead bytes of U+00C0–U+017F.
    t[0xC3] = LATIN;
    t[0xC4] = LATIN;
    t[0xC5] = LATIN;
    t[b' ' as usize] = SPACE;
    t[b'\t' as usize] = WHITE;
    t[b'\n' as usize] = WHITE;
    t[0x0b] = WHITE;
    t[0x0c] = WHITE;
    t[b'\r' as usize] = WHITE;
    t[b'<' as usize] = BREAK;
    t
};

static CLASS_HTML: [u8; 256] = {
    let mut t = CLASS;
    t[b'<' as usize] = MARKUP;
    t[b'&' as usize] = MARKUP;
    t
};

/// Sixteen or thirty-two bytes of text as the hot path's run scanner sees them: how many of
/// their first bytes belong to a run of words, from 0 to all. A run holds printable ASCII but
/// `<` (and, in HTML, `&`), the lead bytes `C3`–`C5` of the letters U+00C0–U+017F and
/// continuation bytes, and single spaces: a space belongs to it only when the byte after it does,
/// so the count stops before a space or a lead byte that is the last of the block (its follower
/// is unknown) or that comes just before a byte outside the run. A continuation byte can only
/// belong to such a letter: the scanner is at a char boundary and any other lead byte stops it.
/// With SSE2 (part of every x86-64 processor), else byte by byte.
#[inline]
fn plain_block(b: &[u8], html: bool) -> usize {
    debug_assert!(b.len() == 16 || b.len() == 32);
    #[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
    {
        // SAFETY: `plain_block_sse2` needs only SSE2, which this build enables for the whole
        // program (the cfg above), as every x86-64 target does: the processor running it has
        // SSE2. The function reads nothing but its slice argument.
        unsafe { plain_block_sse2(b, html) }
    }
    #[cfg(not(all(target_arch = "x86_64", target_feature = "sse2")))]
    {
        plain_block_scalar(b, html)
    }
}

/// [`plain_block`] byte by byte: what the SSE2 version must agree with, and the version
/// elsewhere.
#[cfg_attr(all(target_arch = "x86_64", target_feature = "sse2"), allow(dead_code))]
fn plain_block_scalar(b: &[u8], html: bool) -> usize {
    let allowed = |x: u8| match x {
        b'<' => false,
        b'&' => !html,
        0x80..=0xbf => !ligature_end(x),
        0x20..=0x7e | 0xc3..=0xc5 => true,
        _ => false,
    };
    let mut n = 0;
    while n < b.len() && allowed(b[n]) && !(b[n] == b' ' && b.get(n + 1) == Some(&b' ')) {
        n += 1;
    }
    if n > 0 && (b[n - 1] == b' ' || (0xc3..=0xc5).contains(&b[n - 1])) {
        n - 1
    } else {
        n
    }
}

/// [`plain_block`] with SSE2, sixteen bytes at a time (twice for thirty-two). The intrinsics
/// take no pointer: within these functions, which enable SSE2, they are safe to call.
#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
#[target_feature(enable = "sse2")]
fn plain_block_sse2(b: &[u8], html: bool) -> usize {
    let (ok, spaces, leads) = if b.len() == 32 {
        let (o0, s0, l0) = masks_sse2(&b[..16], html);
        let (o1, s1, l1) = masks_sse2(&b[16..32], html);
        (o0 | o1 << 16, s0 | s1 << 16, l0 | l1 << 16)
    } else {
        masks_sse2(&b[..16], html)
    };
    let width = b.len() as u32;
    // Bytes outside the run, and spaces followed by another space.
    let bad = (!ok & ((1 << width) - 1)) | (spaces & (spaces >> 1));
    let n = (bad | 1 << width).trailing_zeros() as usize;
    if n > 0 && (spaces | leads) & (1 << (n - 1)) != 0 {
        n - 1
    } else {
        n
    }
}

/// For the first sixteen bytes of `b`, one bit a byte: the bytes a run may hold, the spaces,
/// and the lead bytes `C3`–`C5`.
#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
#[target_feature(enable = "sse2")]
fn masks_sse2(b: &[u8], html: bool) -> (u64, u64, u64) {
    use std::arch::x86_64::*;
    let v = crate::text::simd::load16(b);
    let splat = |x: u8| _mm_set1_epi8(x as i8);
    // Printable ASCII but the space: 0x21..=0x7E (signed: bytes of 0x80 and above are negative).
    let mut ascii = _mm_andnot_si128(
        _mm_cmpeq_epi8(v, splat(0x7f)),
        _mm_cmpgt_epi8(v, splat(0x20)),
    );
    // `<` stops a run in any text (a tag, or a line break tag in plain text), `&` in HTML.
    let mut markup = _mm_cmpeq_epi8(v, splat(b'<'));
    if html {
        markup = _mm_or_si128(markup, _mm_cmpeq_epi8(v, splat(b'&')));
    }
    ascii = _mm_andnot_si128(markup, ascii);
    let space = _mm_cmpeq_epi8(v, splat(b' '));
    // Continuation bytes, but those that may end a ligature ([`ligature_end`]).
    let cont = _mm_andnot_si128(
        _mm_or_si128(
            _mm_cmpeq_epi8(_mm_and_si128(v, splat(0xfe)), splat(0x92)),
            _mm_cmpeq_epi8(_mm_and_si128(v, splat(0xdf)), splat(0x86)),
        ),
        _mm_cmpeq_epi8(_mm_and_si128(v, splat(0xc0)), splat(0x80)),
    );
    let lead = _mm_or_si128(
        _mm_or_si128(
            _mm_cmpeq_epi8(v, splat(0xc3)),
            _mm_cmpeq_epi8(v, splat(0xc4)),
        ),
        _mm_cmpeq_epi8(v, splat(0xc5)),
    );
    let ok = _mm_or_si128(_mm_or_si128(ascii, space), _mm_or_si128(cont, lead));
    let mask = |m: __m128i| _mm_movemask_epi8(m) as u32 as u64;
    (mask(ok), mask(space), mask(lead))
}

/// How far [`run_avx2`] takes the run of words that starts at `b[j]`, on a processor that has
/// AVX2 (detected once by the standard library, then a load); `None` elsewhere.
#[inline]
fn run_with_avx2(b: &[u8], j: usize, html: bool) -> Option<usize> {
    #[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
    if std::arch::is_x86_feature_detected!("avx2") {
        // SAFETY: `run_avx2` needs AVX2 (and reads nothing but its slice argument): the
        // processor running it has it, as checked just above.
        return Some(unsafe { run_avx2(b, j, html) });
    }
    let _ = (b, j, html);
    None
}

/// The end of the run of words that starts at `b[j]`, thirty-two bytes at a time with AVX2: as
/// far as whole blocks of [`plain_block`] go, stopping at the first block that stops the run
/// before its last byte (or `j` itself when the run stops in its first byte), and before the
/// last thirty-two bytes of `b` are not a whole block. The caller goes on from there as without
/// AVX2. Only [`std::arch::is_x86_feature_detected`] tells whether it may be called (see
/// [`run_with_avx2`]).
#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
#[target_feature(enable = "avx2")]
fn run_avx2(b: &[u8], mut j: usize, html: bool) -> usize {
    while j + 32 <= b.len() {
        let (ok, spaces, leads) = masks_avx2(&b[j..j + 32], html);
        // As in `plain_block_sse2`, on one register of thirty-two bytes.
        let bad = !ok | (spaces & (spaces >> 1));
        // A whole block of the run (the common case) is told without counting, so that the load
        // of the next block waits on no count: the processor runs ahead on the branch.
        if bad == 0 && (spaces | leads) >> 31 == 0 {
            j += 32;
            continue;
        }
        let mut n = (bad as u64 | 1 << 32).trailing_zeros() as usize;
        if n > 0 && (spaces | leads) & (1 << (n - 1)) != 0 {
            n -= 1;
        }
        j += n;
        // Short of the last byte, the run stops here: the caller looks at what stops it.
        if n < 31 {
            break;
        }
    }
    j
}

/// [`masks_sse2`] on thirty-two bytes at once, with AVX2: one bit a byte, for the bytes a run
/// may hold, the spaces, and the lead bytes `C3`–`C5`. The intrinsics take no pointer: within
/// this function, which enables AVX2, they are safe to call.
#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
#[target_feature(enable = "avx2")]
fn masks_avx2(b: &[u8], html: bool) -> (u32, u32, u32) {
    use std::arch::x86_64::*;
    let v = crate::text::simd::load32(b);
    let splat = |x: u8| _mm256_set1_epi8(x as i8);
    // Printable ASCII but the space: 0x21..=0x7E (signed: bytes of 0x80 and above are negative).
    let mut ascii = _mm256_andnot_si256(
        _mm256_cmpeq_epi8(v, splat(0x7f)),
        _mm256_cmpgt_epi8(v, splat(0x20)),
    );
    // `<` stops a run in any text (a tag, or a line break tag in plain text), `&` in HTML.
    let mut markup = _mm256_cmpeq_epi8(v, splat(b'<'));
    if html {
        markup = _mm256_or_si256(markup, _mm256_cmpeq_epi8(v, splat(b'&')));
    }
    ascii = _mm256_andnot_si256(markup, ascii);
    let space = _mm256_cmpeq_epi8(v, splat(b' '));
    // Continuation bytes, but those that may end a ligature ([`ligature_end`]).
    let cont = _mm256_andnot_si256(
        _mm256_or_si256(
            _mm256_cmpeq_epi8(_mm256_and_si256(v, splat(0xfe)), splat(0x92)),
            _mm256_cmpeq_epi8(_mm256_and_si256(v, splat(0xdf)), splat(0x86)),
        ),
        _mm256_cmpeq_epi8(_mm256_and_si256(v, splat(0xc0)), splat(0x80)),
    );
    let lead = _mm256_or_si256(
        _mm256_or_si256(
            _mm256_cmpeq_epi8(v, splat(0xc3)),
            _mm256_cmpeq_epi8(v, splat(0xc4)),
        ),
        _mm256_cmpeq_epi8(v, splat(0xc5)),
    );
    let ok = _mm256_or_si256(_mm256_or_si256(ascii, space), _mm256_or_si256(cont, lead));
    let mask = |m: __m256i| _mm256_movemask_epi8(m) as u32;
    (mask(ok), mask(space), mask(lead))
}

enum Fold {
    Plain,
    Opening,
    Closing,
}

#[inline]
fn fold(c: char) -> (char, Fold) {
    match c {
        '\u{2019}' | '\u{2018}' | '\u{02BC}' | '\u{2032}' => ('\'', Fold::Plain),
        '\u{00AB}' | '\u{201C}' | '\u{201E}' => ('"', Fold::Opening),
        '\u{00BB}' | '\u{201D}' => ('"', Fold::Closing),
        '\u{2013}' | '\u{2014}' | '\u{2011}' | '\u{2212}' => ('-', Fold::Plain),
        _ => (c, Fold::Plain),
    }
}

/// White space, including non-breaking and narrow spaces.
#[inline]
pub fn is_space(c: char) -> bool {
    c.is_whitespace()
}

/// The invisible format characters that normalising drops: soft hyphen, zero-width space,
/// non-joiner and joiner, word joiner, byte order mark (zero-width no-break space).
#[inline]
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{AD}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}'
    )
}

/// The plain letters a char that spells them otherwise stands for: the ligatures of French
/// typography `œ`, `Œ`, `æ`, `Æ` (`œuvre` is `oeuvre`), the Latin typographic ligatures
/// (`ﬁ`, U+FB00–U+FB06) and the superscript modifier letters that NFKC folds to a plain letter
/// (`1ᵉʳ` is `1er`, `Mᵐᵉ` is `Mme`). The same letters, not others: beyond SPEC §1.4's list, as
/// NFKC would fold them, but no other compatibility form (not the ordinal indicators `º`, `ª`,
/// nor `°`, nor digits in superscript). `None` for every other char (all those below U+00C6 at
/// once).
#[inline]
pub fn same_letters(c: char) -> Option<&'static str> {
    if c < '\u{C6}' {
        return None;
    }
    Some(match c {
        'œ' => "oe",
        'Œ' => "OE",
        'æ' => "ae",
        'Æ' => "AE",
        '\u{2B0}' => "h",    // ʰ
        '\u{2B2}' => "j",    // ʲ
        '\u{2B3}' => "r",    // ʳ
        '\u{2B7}' => "w",    // ʷ
        '\u{2B8}' => "y",    // ʸ
        '\u{2E1}' => "l",    // ˡ
        '\u{2E2}' => "s",    // ˢ
        '\u{2E3}' => "x",    // ˣ
        '\u{1D2C}' => "A",   // ᴬ
        '\u{1D2E}' => "B",   // ᴮ
        '\u{1D30}' => "D",   // ᴰ
        '\u{1D31}' => "E",   // ᴱ
        '\u{1D33}' => "G",   // ᴳ
        '\u{1D34}' => "H",   // ᴴ
        '\u{1D35}' => "I",   // ᴵ
        '\u{1D36}' => "J",   // ᴶ
        '\u{1D37}' => "K",   // ᴷ
        '\u{1D38}' => "L",   // ᴸ
        '\u{1D39}' => "M",   // ᴹ
        '\u{1D3A}' => "N",   // ᴺ
        '\u{1D3C}' => "O",   // ᴼ
        '\u{1D3E}' => "P",   // ᴾ
        '\u{1D3F}' => "R",   // ᴿ
        '\u{1D40}' => "T",   // ᵀ
        '\u{1D41}' => "U",   // ᵁ
        '\u{1D42}' => "W",   // ᵂ
        '\u{1D43}' => "a",   // ᵃ
        '\u{1D47}' => "b",   // ᵇ
        '\u{1D48}' => "d",   // ᵈ
        '\u{1D49}' => "e",   // ᵉ
        '\u{1D4D}' => "g",   // ᵍ
        '\u{1D4F}' => "k",   // ᵏ
        '\u{1D50}' => "m",   // ᵐ
        '\u{1D52}' => "o",   // ᵒ
        '\u{1D56}' => "p",   // ᵖ
        '\u{1D57}' => "t",   // ᵗ
        '\u{1D58}' => "u",   // ᵘ
        '\u{1D5B}' => "v",   // ᵛ
        '\u{1D9C}' => "c",   // ᶜ
        '\u{1DA0}' => "f",   // ᶠ
        '\u{1DBB}' => "z",   // ᶻ
        '\u{2071}' => "i",   // ⁱ
        '\u{207F}' => "n",   // ⁿ
        '\u{A7F2}' => "C",   // ꟲ
        '\u{A7F3}' => "F",   // ꟳ
        '\u{A7F4}' => "Q",   // ꟴ
        '\u{FB00}' => "ff",  // ﬀ
        '\u{FB01}' => "fi",  // ﬁ
        '\u{FB02}' => "fl",  // ﬂ
        '\u{FB03}' => "ffi", // ﬃ
        '\u{FB04}' => "ffl", // ﬄ
        '\u{FB05}' => "st",  // ﬅ
        '\u{FB06}' => "st",  // ﬆ
        _ => return None,
    })
}

/// Whether a continuation byte may end one of the ligatures `Æ` (`C3 86`), `æ` (`C3 A6`), `Œ`
/// (`C5 92`) and `œ` (`C5 93`), which [`same_letters`] spells out: the hot path's run of words
/// stops at it (and at the few other letters of U+00C0–U+017F it ends, `Ò Ó Ć Ē ē Ħ ņ Ŧ`,
/// which then take the way of any other char). Two tests of a masked byte, in SIMD as here.
#[inline]
fn ligature_end(b: u8) -> bool {
    b & 0xfe == 0x92 || b & 0xdf == 0x86
}

/// NFC with offsets: a segment (a char that starts one, see [`starts_segment`], and the chars
/// after it that do not) is composed whole. Where NFC changes nothing in it, each char keeps its
/// own position; otherwise every output char maps to the segment's start.
struct NfcStage {
    active: bool,
    /// The segment's chars, with their original indices.
    seg: Vec<(char, u32)>,
    seg_start: u32,
    /// The segment in NFC.
    composed: Vec<char>,
}

impl NfcStage {
    fn new(active: bool) -> Self {
        NfcStage {
            active,
            seg: Vec::new(),
            seg_start: 0,
            composed: Vec::new(),
        }
    }

    #[inline]
    fn push(&mut self, c: char, i: u32, w: &mut Writer<'_>) {
        if !self.active {
            w.push(c, i);
            return;
        }
        // Dropped before composing, so that the letter and the mark an invisible char stands
        // between compose as if it were not there (`e`, U+200B, U+0301 is `é`).
        if is_invisible(c) {
            return;
        }
        // A ligature or a superscript letter is spelt out before composing, so that a mark
        // after it composes with its last letter, as it would with the letters written plain.
        if let Some(letters) = same_letters(c) {
            for l in letters.chars() {
                self.push(l, i, w);
            }
            return;
        }
        if starts_segment(c) {
            self.flush(w);
            self.seg_start = i;
        } else if self.seg.is_empty() {
            self.seg_start = i;
        }
        self.seg.push((c, i));
    }

    fn flush(&mut self, w: &mut Writer<'_>) {
        let start = self.seg_start;
        match *self.seg.as_slice() {
            [] => return,
            // A starter alone, the most common segment even in a decomposed text, is its own
            // NFC when the quick check says so (always for ASCII): composing it would build an
            // iterator for nothing.
            [(c, _)]
                if c.is_ascii()
                    || matches!(
                        unicode_normalization::is_nfc_quick(std::iter::once(c)),
                        IsNormalized::Yes
                    ) =>
            {
                w.push(c, start)
            }
            _ => {
                self.composed.clear();
                self.composed.extend(self.seg.iter().map(|&(c, _)| c).nfc());
                push_composed(&self.seg, &self.composed, start, w);
            }
        }
        self.seg.clear();
    }
}

/// Writes an NFC segment, `seg` (its chars with their original indices) composed: where NFC
/// changed nothing, each char keeps its own index; otherwise each char written maps to the
/// segment's start, `start`.
fn push_composed(seg: &[(char, u32)], composed: &[char], start: u32, w: &mut Writer<'_>) {
    if composed.iter().copied().eq(seg.iter().map(|&(c, _)| c)) {
        for &(c, i) in seg {
            w.push(c, i);
        }
    } else {
        for &c in composed {
            w.push(c, start);
        }
    }
}

/// Whether `c` starts an NFC segment, which nothing before it affects: a starter (combining
/// class 0) whose NFC quick check is `Yes`. A starter that is `Maybe` may compose with what
/// precedes it (a Hangul vowel, some vowel signs); one that is `No` may decompose into a mark
/// that must be reordered with the marks before it (U+0F73).
#[inline]
fn starts_segment(c: char) -> bool {
    c.is_ascii()
        || (canonical_combining_class(c) == 0
            && matches!(
                unicode_normalization::is_nfc_quick(std::iter::once(c)),
                IsNormalized::Yes
            ))
}

/// Elements whose content a browser does not show in the page: scripts, styles, the page's
/// title (shown in the window's title bar, not in the page) and templates. Their content is
/// dropped, up to their end tag.
const RAW_TAGS: &[&str] = &["script", "style", "title", "template"];

/// Elements whose start or end separates words, as a line break does.
const BLOCK_TAGS: &[&str] = &[
    "br",
    "p",
    "div",
    "li",
    "ul",
    "ol",
    "tr",
    "td",
    "th",
    "table",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "section",
    "article",
    "header",
    "footer",
    "hr",
    "dd",
    "dt",
    "dl",
    "pre",
    "nav",
    "aside",
    "main",
    "figure",
    "figcaption",
];

/// Walks an HTML text, calling `f` with each char of its text content and its original char
/// index. Tags are removed (block tags count as white space), comments and the content of
/// scripts, styles, titles and templates ([`RAW_TAGS`]) are dropped, entities are decoded. The
/// items of an ordered list show their numbers (`4. `), as a browser draws them ([`List`]): the
/// chars of a number are given the index of its `<li>` tag.
pub fn html_chars(text: &str, f: &mut dyn FnMut(char, u32)) {
    let bytes = text.as_bytes();
    let mut pos = 0usize; // byte position
    let mut ci = 0u32; // char index of `pos`
    let count = |s: &str| s.chars().count() as u32;
    // The lists open, innermost last; how many have opened so far, and how many items each
    // holds (read once a reversed list needs it).
    let mut lists: Vec<List> = Vec::new();
    let mut opened = 0;
    let mut items: Option<Vec<i64>> = None;
    let mut number = String::new();
    while pos < bytes.len() {
        let b = bytes[pos];
        if b == b'<' {
            if let Some((len, kind)) = scan_tag(&text[pos..]) {
                let tag_text = &text[pos..pos + len];
                match kind {
                    TagKind::Block => f(' ', ci),
                    TagKind::List { ordered, closing } => {
                        f(' ', ci);
                        if closing {
                            lists.pop();
                        } else {
                            let at = opened;
                            opened += 1;
                            lists.push(List::open(ordered, tag_text, || {
                                let counts = items.get_or_insert_with(|| list_items(text));
                                counts.get(at).copied().unwrap_or(0)
                            }));
                        }
                    }
                    TagKind::Item => {
                        f(' ', ci);
                        // The item's number and a full stop, as a browser shows them, from
                        // the `<li>` tag.
                        if let Some(list) = lists.last_mut()
                            && list.item(tag_text, &mut number)
                            && !writes_its_number(&text[pos + len..], &number)
                        {
                            for c in number.chars() {
                                f(c, ci);
                            }
                        }
                    }
                    TagKind::Inline => {}
                    TagKind::RawStart(name) => {
                        // Skip until the matching end tag: scripts, styles, titles and
                        // templates are not text of the page.
                        let rest = &text[pos + len..];
                        let skip = skip_raw(rest, name);
                        ci += count(tag_text) + count(&rest[..skip]);
                        pos += len + skip;
                        continue;
                    }
                }
                ci += count(tag_text);
                pos += len;
                continue;
            }
        } else if b == b'&'
            && let Some((len, decoded)) = scan_entity(&text[pos..])
        {
            for c in decoded.chars() {
                f(c, ci);
            }
            ci += count(&text[pos..pos + len]);
            pos += len;
            continue;
        }
        let c = text[pos..].chars().next().unwrap_or('\u{FFFD}');
        f(c, ci);
        ci += 1;
        pos += c.len_utf8();
    }
}

/// An HTML list open while [`html_chars`] reads a text: what the number of its next item is,
/// when it is ordered (`<ol>`: from `start`, or 1; down from `start`, or from the number of its
/// items, when `reversed`; an item's `value` sets its own number and the next; `type` `a`, `A`,
/// `i` or `I` writes them as letters or Roman numerals).
struct List {
    ordered: bool,
    next: i64,
    reversed: bool,
    style: u8,
}

impl List {
    /// The list that `tag`, its start tag, opens; `items`, how many items it holds.
    fn open(ordered: bool, tag: &str, items: impl FnOnce() -> i64) -> List {
        let reversed = ordered && attribute(tag, "reversed").is_some();
        let next = match attribute(tag, "start").and_then(|v| v.trim().parse().ok()) {
            Some(n) => n,
            None if reversed => items(),
            None => 1,
        };
        let style = match attribute(tag, "type").map(str::as_bytes) {
            Some([c @ (b'a' | b'A' | b'i' | b'I')]) => *c,
            _ => b'1',
        };
        List {
            ordered,
            next,
            reversed,
            style,
        }
    }

    /// Numbers an item whose start tag is `tag`: writes into `out` what a browser shows before
    /// it (`3. `, `c. `, `iii. `), and says whether it shows any (items of an unordered list do
    /// not).
    fn item(&mut self, tag: &str, out: &mut String) -> bool {
        if !self.ordered {
            return false;
        }
        let n = attribute(tag, "value")
            .and_then(|v| v.trim().parse().ok())
            .unwrap_or(self.next);
        self.next = if self.reversed {
            n.saturating_sub(1)
        } else {
            n.saturating_add(1)
        };
        out.clear();
        match self.style {
            b'a' | b'A' if n > 0 => {
                // Bijective base 26: a … z, aa, ab …
                let mut letters = Vec::new();
                let mut k = n;
                while k > 0 {
                    k -= 1;
                    letters.push(b'a' + (k % 26) as u8);
                    k /= 26;
                }
                for &l in letters.iter().rev() {
                    out.push(if self.style == b'A' {
                        l.to_ascii_uppercase()
                    } else {
                        l
                    } as char);
                }
            }
            b'i' | b'I' if (1..4000).contains(&n) => {
                let mut k = n;
                for (value, numeral) in ROMAN {
                    while k >= value {
                        k -= value;
                        if self.style == b'I' {
                            out.push_str(&numeral.to_ascii_uppercase());
                        } else {
                            out.push_str(numeral);
                        }
                    }
                }
            }
            _ => {
                use std::fmt::Write;
                let _ = write!(out, "{n}");
            }
        }
        out.push_str(". ");
        true
    }
}

/// Whether the item whose content starts `rest` writes a number of its own: the one its list
/// would draw, `number` (`4. `, `c. `), or any number in digits (`<li><span class="num">4.</span>
/// Selon…`, `<li>5) …` in a list that would draw `1.`). A page whose items write their numbers
/// hides the list's with a stylesheet (`list-style: none`), which is not read: the reader sees
/// the item's number only. Tags and white space before it are passed over; the number must be
/// followed by `.`, `)` or `°`.
fn writes_its_number(rest: &str, number: &str) -> bool {
    let own = number.trim_end_matches(". ");
    let mut r = rest;
    // A few inline tags at most (`<span>`, `<strong>`).
    for _ in 0..4 {
        r = r.trim_start_matches(|c: char| c.is_ascii_whitespace());
        match scan_tag(r) {
            Some((len, TagKind::Inline)) if r.starts_with('<') => r = &r[len..],
            _ => break,
        }
    }
    let r = r.trim_start_matches(|c: char| c.is_ascii_whitespace());
    let label = |after: &str| after.starts_with(['.', ')', '°']);
    let digits = r.trim_start_matches(|c: char| c.is_ascii_digit());
    (digits.len() < r.len() && label(digits)) || r.strip_prefix(own).is_some_and(label)
}

/// Roman numerals, largest first.
const ROMAN: [(i64, &str); 13] = [
    (1000, "m"),
    (900, "cm"),
    (500, "d"),
    (400, "cd"),
    (100, "c"),
    (90, "xc"),
    (50, "l"),
    (40, "xl"),
    (10, "x"),
    (9, "ix"),
    (5, "v"),
    (4, "iv"),
    (1, "i"),
];

/// The value of attribute `name` of start tag `tag` (`<ol start="3" reversed>`): quoted or
/// not; empty for an attribute without a value.
fn attribute<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let inner = tag
        .strip_prefix('<')?
        .strip_suffix('>')?
        .trim_end_matches('/');
    let b = inner.as_bytes();
    // Past the element's name.
    let mut k = b
        .iter()
        .position(|c| c.is_ascii_whitespace())
        .unwrap_or(b.len());
    while k < b.len() {
        while k < b.len() && (b[k].is_ascii_whitespace() || b[k] == b'/') {
            k += 1;
        }
        let at = k;
        while k < b.len() && !b[k].is_ascii_whitespace() && b[k] != b'=' {
            k += 1;
        }
        let this = &inner[at..k];
        while k < b.len() && b[k].is_ascii_whitespace() {
            k += 1;
        }
        let value = if b.get(k) == Some(&b'=') {
            k += 1;
            while k < b.len() && b[k].is_ascii_whitespace() {
                k += 1;
            }
            match b.get(k) {
                Some(&q @ (b'"' | b'\'')) => {
                    let end = inner[k + 1..]
                        .find(q as char)
                        .map_or(b.len(), |e| k + 1 + e);
                    let v = &inner[(k + 1).min(end)..end];
                    k = (end + 1).min(b.len());
                    v
                }
                _ => {
                    let at = k;
                    while k < b.len() && !b[k].is_ascii_whitespace() {
                        k += 1;
                    }
                    &inner[at..k]
                }
            }
        } else {
            ""
        };
        if !this.is_empty() && this.eq_ignore_ascii_case(name) {
            return Some(value);
        }
        if this.is_empty() && k == at {
            k += 1;
        }
    }
    None
}

/// How many items each list of an HTML text holds, in the order the lists open: their `<li>`
/// tags, those of the lists inside them aside (what a reversed list counts down from). Read in
/// one pass, when a reversed list first needs it.
fn list_items(text: &str) -> Vec<i64> {
    let (mut counts, mut open) = (Vec::new(), Vec::new());
    let mut pos = 0;
    while let Some(k) = memchr::memchr(b'<', &text.as_bytes()[pos..]) {
        pos += k;
        let Some((len, kind)) = scan_tag(&text[pos..]) else {
            pos += 1;
            continue;
        };
        match kind {
            TagKind::List { closing: false, .. } => {
                open.push(counts.len());
                counts.push(0);
            }
            TagKind::List { closing: true, .. } => {
                open.pop();
            }
            TagKind::Item => {
                if let Some(&l) = open.last() {
                    counts[l] += 1;
                }
            }
            TagKind::RawStart(name) => pos += skip_raw(&text[pos + len..], name),
            TagKind::Block | TagKind::Inline => {}
        }
        pos += len;
    }
    counts
}

enum TagKind {
    Block,
    Inline,
    RawStart(&'static str),
    /// The start or end of a list (`<ol>`, `<ul>`, `<menu>`): a block, which numbers its items
    /// when ordered.
    List {
        ordered: bool,
        closing: bool,
    },
    /// The start of a list item (`<li>`): a block, with its number when its list is ordered.
    Item,
}

/// The length of the content of a [`RAW_TAGS`] element and its end tag, from `rest`.
fn skip_raw(rest: &str, name: &str) -> usize {
    let close = format!("</{name}");
    find_ascii_ci(rest, &close)
        .map(|k| k + rest[k..].find('>').map(|g| g + 1).unwrap_or(rest.len() - k))
        .unwrap_or(rest.len())
}

fn find_ascii_ci(hay: &str, needle: &str) -> Option<usize> {
    let h = hay.as_bytes();
    let n = needle.as_bytes();
    if n.len() > h.len() {
        return None;
    }
    (0..=h.len() - n.len()).find(|&i| h[i..i + n.len()].eq_ignore_ascii_case(n))
}

/// The longest tag read as one (its `>` looked for this far): an inline image's data URI
/// (`<img src="data:image/png;base64,…">`) runs to hundreds of KB in pages exported from a
/// CMS. The scan for a tag's end stops at a `<` outside quotes, so a stray `<` costs the
/// distance to the next one, not this bound.
const MAX_TAG_BYTES: usize = 1 << 20;

/// Recognises a tag or comment at the start of `s`: its byte length and kind.
fn scan_tag(s: &str) -> Option<(usize, TagKind)> {
    let b = s.as_bytes();
    if let Some(rest) = s.strip_prefix("<!--") {
        let end = rest.find("-->").map(|k| k + 7).unwrap_or(s.len());
        return Some((end, TagKind::Inline));
    }
    let first = *b.get(1)?;
    if !(first.is_ascii_alphabetic() || first == b'/' || first == b'!' || first == b'?') {
        return None;
    }
    // Find the closing '>' outside quotes, within a sane distance.
    let mut quote = 0u8;
    let mut end = None;
    for (k, &c) in b.iter().enumerate().skip(1).take(MAX_TAG_BYTES) {
        if quote != 0 {
            if c == quote {
                quote = 0;
            }
        } else if c == b'"' || c == b'\'' {
            quote = c;
        } else if c == b'>' {
            end = Some(k + 1);
            break;
        } else if c == b'<' {
            return None;
        }
    }
    let end = end?;
    let inner = &s[1..end - 1];
    let closing = inner.starts_with('/');
    let name = inner.trim_start_matches('/').as_bytes();
    let name = &name[..name
        .iter()
        .position(|c| !c.is_ascii_alphanumeric())
        .unwrap_or(name.len())];
    if !closing
        && let Some(raw) = RAW_TAGS
            .iter()
            .find(|t| t.as_bytes().eq_ignore_ascii_case(name))
    {
        return Some((end, TagKind::RawStart(raw)));
    }
    let is = |t: &[u8]| name.eq_ignore_ascii_case(t);
    if is(b"ol") || is(b"ul") || is(b"menu") {
        return Some((
            end,
            TagKind::List {
                ordered: is(b"ol"),
                closing,
            },
        ));
    }
    if is(b"li") && !closing {
        return Some((end, TagKind::Item));
    }
    if BLOCK_TAGS
        .iter()
        .any(|t| t.as_bytes().eq_ignore_ascii_case(name))
    {
        Some((end, TagKind::Block))
    } else {
        Some((end, TagKind::Inline))
    }
}

/// Widens the ends of `spans`, char ranges of the HTML text `text` as
/// [`Normalized::original_span`] maps them, over the whole of an entity their last char comes
/// from: the map gives the chars an entity stands for the index of its `&`, so a span ending
/// in `Dupr&eacute;` would end after the `&`. One walk over the text for all the spans.
pub fn widen_to_entities(text: &str, spans: &mut [(usize, usize)]) {
    let mut last: Vec<(usize, usize)> = (0..spans.len())
        .filter(|&i| spans[i].1 > spans[i].0)
        .map(|i| (spans[i].1 - 1, i))
        .collect();
    last.sort_unstable();
    let mut chars = text.char_indices().enumerate().peekable();
    for (at, i) in last {
        while chars.next_if(|&(k, _)| k < at).is_some() {}
        let Some(&(_, (b, '&'))) = chars.peek() else {
            continue;
        };
        if let Some((len, _)) = scan_entity(&text[b..]) {
            spans[i].1 = at + text[b..b + len].chars().count();
        }
    }
}

/// Recognises an HTML entity at the start of `s`: its byte length and decoded text.
fn scan_entity(s: &str) -> Option<(usize, String)> {
    let semi = s.as_bytes().iter().take(40).position(|&c| c == b';')?;
    let ent = &s[..=semi];
    if ent.len() < 3
        || ent[1..semi]
            .bytes()
            .any(|c| !(c.is_ascii_alphanumeric() || c == b'#'))
    {
        return None;
    }
    let decoded = html_escape::decode_html_entities(ent);
    if decoded == ent {
        return None;
    }
    Some((ent.len(), decoded.into_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::strategy::Strategy;

    #[test]
    fn white_space_runs_become_one_space() {
        assert_eq!(
            normalize("  Attendu\u{a0}que\n\n la  Cour\u{202f}: \t", false),
            "Attendu que la Cour :"
        );
    }

    /// A tag of hundreds of KB (an inline image's data URI, as pages exported from a CMS hold)
    /// is a tag, not text; a stray `<` before a long run without `>` is a char.
    #[test]
    fn a_long_tag_is_a_tag() {
        let image = format!(
            "<img alt=\"logo\" src=\"data:image/png;base64,{}\">",
            "iVBORw0K".repeat(20_000)
        );
        let t = format!("<p>{image}Attendu que la Cour <b>rejette</b> le pourvoi.</p>");
        let want = "Attendu que la Cour rejette le pourvoi.";
        assert_eq!(normalize(&t, true), want);
        assert_eq!(normalize_mapped(&t, true).text, want);
        let stray = format!("<p>3 <a {} 4</p>", "x".repeat(200_000));
        assert!(normalize(&stray, true).starts_with("3 <a xxx"));
    }

    /// A plain text may keep the line break tags of the markup it was copied from: white space
    /// (SPEC §1.4), on the hot path, on the careful one and in the map. Another `<` is a char.
    #[test]
    fn line_break_tags_in_plain_text_are_white_space() {
        let want = "Attendu que la Cour a rejeté : 3 < 4 <b>";
        for t in [
            "Attendu que<br/>la Cour a rejeté : 3 < 4 <b>",
            "Attendu que <br /> <BR>la Cour<br>a rejeté : 3 < 4 <b>",
            "<br/>Attendu que\n<br/>\nla Cour a rejeté : 3 < 4 <b><br >",
            // Not in NFC (a decomposed é): the careful path.
            "Attendu que<br/>la Cour a rejete\u{301} : 3 < 4 <b>",
        ] {
            assert_eq!(normalize(t, false), want, "{t:?}");
            assert_eq!(normalize_careful(t, false).text, want, "{t:?}");
            let m = normalize_mapped(t, false);
            assert_eq!(m.text, want, "{t:?}");
            // `la` maps back to `la` in the text.
            let k = want.find("la").unwrap();
            let at = m.original_index(k).unwrap();
            assert_eq!(
                t.chars().skip(at).take(2).collect::<String>(),
                "la",
                "{t:?}"
            );
        }
        for (t, len) in [
            ("<br>", Some(4)),
            ("<BR/>", Some(5)),
            ("<br  / >", None),
            ("<br", None),
            ("<bra>", None),
            ("<br\n/>", Some(6)),
        ] {
            assert_eq!(br_at(t), len, "{t:?}");
        }
    }

    #[test]
    fn quotes_and_dashes_fold() {
        assert_eq!(
            normalize("l’arrêt « attaqué » — dit “ceci”", false),
            "l'arrêt \"attaqué\" - dit \"ceci\""
        );
        assert_eq!(normalize("«\u{a0}texte\u{a0}»", false), "\"texte\"");
    }

    // A span of an HTML text mapped back from its text as read takes in the whole of an entity
    // at its end, not its `&` alone; an entity inside it or at its start is in already.
    #[test]
    fn spans_widen_over_a_last_entity() {
        let text = "<p>M. Dupr&eacute; et Jean-Andr&#233;</p> &amp;";
        let m = normalize_mapped(text, true);
        assert_eq!(m.text, "M. Dupré et Jean-André &");
        let find = |s: &str| {
            let a = m.text[..m.text.find(s).unwrap()].chars().count();
            (a, a + s.chars().count())
        };
        let mut spans = vec![
            m.original_span(find("Dupré").0, find("Dupré").1),
            m.original_span(find("Jean-André").0, find("Jean-André").1),
            m.original_span(find("Dupr").0, find("Dupr").1),
            m.original_span(find("&").0, find("&").1),
            (0, 0),
        ];
        // `<p>M. ` is 6 chars, `Dupr&eacute;` 12, ` et ` 4, `Jean-Andr&#233;` 15, `</p> ` 5.
        assert_eq!(spans, [(6, 11), (22, 32), (6, 10), (42, 43), (0, 0)]);
        widen_to_entities(text, &mut spans);
        assert_eq!(spans, [(6, 18), (22, 37), (6, 10), (42, 47), (0, 0)]);
    }

    #[test]
    fn html_is_stripped_and_decoded() {
        assert_eq!(
            normalize("<p>La&nbsp;Cour</p><p>d&#39;appel <b>rejette</b></p>", true),
            "La Cour d'appel rejette"
        );
        assert_eq!(normalize("a<br/>b<script>x<y</script>c", true), "a bc");
        assert_eq!(
            normalize("a &lt; b &amp; c &unknown; d", true),
            "a < b & c &unknown; d"
        );
    }

    /// The items of an ordered list show their numbers, as a browser draws them: from 1, from
    /// `start`, from an item's `value` on, down when `reversed` (from the number of items
    /// without `start`), as letters or Roman numerals by `type`; items of an unordered list
    /// show none, nor do those of a list inside an ordered one.
    #[test]
    fn ordered_list_items_show_their_numbers() {
        let html = |h: &str| {
            let n = normalize(h, true);
            // The careful path, and the hot one that hands an ordered list over to it.
            assert_eq!(normalize_mapped(h, true), normalize_careful(h, true), "{h}");
            assert_eq!(normalize_mapped(h, true).text, n);
            n
        };
        assert_eq!(html("<ol><li>un</li><li>deux</li></ol>"), "1. un 2. deux");
        assert_eq!(
            html("<p>Faits</p><ol start=\"4\"><li>a</li><li>b</li></ol>"),
            "Faits 4. a 5. b"
        );
        assert_eq!(
            html("<OL><LI VALUE='7'>a<li>b<li value=2>c<li>d</OL>"),
            "7. a 8. b 2. c 3. d"
        );
        assert_eq!(html("<ol reversed><li>a<li>b<li>c</ol>"), "3. a 2. b 1. c");
        assert_eq!(
            html("<ol reversed start=\"10\"><li>a<li>b</ol>"),
            "10. a 9. b"
        );
        // Nested lists: each its own numbers; a reversed list counts its own items only.
        assert_eq!(
            html("<ol reversed><li>a<ol><li>x<li>y</ol><li>b<ul><li>z</ul></ol><ol><li>c</ol>"),
            "2. a 1. x 2. y 1. b z 1. c"
        );
        assert_eq!(html("<ul><li>a</li><li>b</li></ul>"), "a b");
        assert_eq!(
            html("<ol type=\"a\"><li>a<li>b</ol><ol type=A start=27><li>c</ol>"),
            "a. a b. b AA. c"
        );
        assert_eq!(
            html("<ol type=\"i\" start=\"3\"><li>a<li>b</ol><ol type=I start=1994><li>c</ol>"),
            "iii. a iv. b MCMXCIV. c"
        );
        // Not a number: the next one.
        assert_eq!(html("<ol start=x><li value=\"\">a</li></ol>"), "1. a");
        // An item that writes its own number shows it once: the page hides the list's.
        assert_eq!(
            html(
                "<ol start=3><li><span class=\"num\">3.</span> a</li><li> 4) b<li><b>5°/</b> c\
                  <li>6 d<li>7b. e<li>1er f<li>12/03 g</ol><ol type=a><li>a. h<li>c. i</ol>"
            ),
            "3. a 4) b 5°/ c 6. 6 d 7. 7b. e 8. 1er f 9. 12/03 g a. h b. c. i"
        );
        // Whatever number it writes: the list's is hidden.
        assert_eq!(
            html("<ol><li><span>5.</span> a</li></ol><ol><li>6. b</ol>"),
            "5. a 6. b"
        );
        // An item with no list, and a list in a comment or a script, number nothing.
        assert_eq!(
            html("<li>a</li><!-- <ol> --><script><ol></script><li>b"),
            "a b"
        );
        // The number maps to the `<li>` tag; the item's text to its own chars.
        let h = "<ol start=\"12\">\n<li>Selon l'arrêt</li></ol>";
        let n = normalize_mapped(h, true);
        assert_eq!(n.text, "12. Selon l'arrêt");
        let li = h.find("<li>").unwrap();
        for k in 0..3 {
            assert_eq!(n.original_index(k), Some(li), "{k}");
        }
        assert_eq!(n.original_span(0, 3), (li, li + 1));
        let selon = h.find("Selon").unwrap();
        assert_eq!(n.original_index(4), Some(selon));
    }

    /// A ligature or a superscript letter is the plain letters it stands for (`œuvre` is
    /// `oeuvre`, `1ᵉʳ` is `1er`, `ﬁn` is `fin`), on the hot path and the careful one, each
    /// letter mapped to the char it comes from; the ordinal indicators, the degree sign and
    /// superscript digits stay as they are.
    #[test]
    fn ligatures_and_superscript_letters_are_their_letters() {
        let cases = [
            ("mise en œuvre", "mise en oeuvre"),
            ("ŒUVRE, Æ, cæcum", "OEUVRE, AE, caecum"),
            (
                "le 1ᵉʳ octobre, Mᵐᵉ, Mˡˡᵉ, 2ᵈ",
                "le 1er octobre, Mme, Mlle, 2d",
            ),
            (
                "ﬁn ﬂux eﬀet eﬃcace souﬄe ﬅ ﬆ",
                "fin flux effet efficace souffle st st",
            ),
            ("n° 1º 1ª ² ³", "n° 1º 1ª ² ³"),
            // A mark after a ligature composes with its last letter, as with the letters.
            ("œ\u{301} oe\u{301}", "oé oé"),
        ];
        for (text, want) in cases {
            for html in [false, true] {
                let n = normalize(text, html);
                assert_eq!(n, want, "{text:?}");
                assert_eq!(normalize(&n, html), n, "idempotent: {text:?}");
                let careful = normalize_careful(text, html);
                assert_eq!(normalize_mapped(text, html), careful, "{text:?}");
            }
        }
        assert_eq!(normalize("&oelig;uvre <b>Œ</b>uvre", true), "oeuvre OEuvre");
        // Both letters of `œ` come from it: a span of them is the one char.
        let text = "en œuvre";
        let n = normalize_mapped(text, false);
        assert_eq!(n.text, "en oeuvre");
        assert_eq!(
            (n.original_index(3), n.original_index(4)),
            (Some(3), Some(3))
        );
        assert_eq!(n.original_index(5), Some(4));
        assert_eq!(n.original_span(3, 5), (3, 4));
        assert_eq!(n.original_span(3, 9), (3, 8));
        // In a long text the hot path copies in runs.
        let long = format!("{} l'œuvre {}", "abcdefgh ".repeat(40), "é".repeat(100));
        let n = normalize_mapped(&long, false);
        assert_eq!(n, normalize_careful(&long, false));
        let at = n.text.find("oeuvre").unwrap();
        let chars = n.text[..at].chars().count();
        let o = long.chars().position(|c| c == 'œ').unwrap();
        assert_eq!(n.original_span(chars, chars + 6), (o, o + 5));
    }

    /// What a browser does not show in the page is no text: a script, a style, the page's
    /// title, a template; on the hot path and the careful one, with the map pointing past them.
    #[test]
    fn title_and_template_are_not_text_of_the_page() {
        let page = "<html><head><TITLE>Décision</TITLE><style>p{}</style></head><body>\
                    <p>La Cour</p><template><p>Modèle</p></template><p>rejette</p></body></html>";
        assert_eq!(normalize(page, true), "La Cour rejette");
        let (mapped, careful) = (normalize_mapped(page, true), normalize_careful(page, true));
        assert_eq!(mapped, careful);
        let chars: Vec<char> = page.chars().collect();
        let la = mapped.original_index(0).unwrap();
        assert_eq!(chars[la..la + 2], ['L', 'a']);
        let re = mapped.original_index("La Cour ".len()).unwrap();
        assert_eq!(chars[re..re + 7].iter().collect::<String>(), "rejette");
        // A title in the body text, not an element: text.
        assert_eq!(normalize("<p>Titre : la cour</p>", true), "Titre : la cour");
        // Other elements whose name starts alike are shown.
        assert_eq!(
            normalize("<titles>a</titles> <templ>b</templ>", true),
            "a b"
        );
    }

    /// The digest is XXH3-64 whatever the processor: the same value as the portable
    /// implementation, for every length class (short, medium, long, several stripes).
    #[test]
    fn digests_are_xxh3() {
        let text = "La Cour de cassation, « vu l'article 700 », rejette é😀\n".repeat(400);
        for end in (0..300).chain([1024, 4096, 9999, text.len()]) {
            let mut end = end.min(text.len());
            while !text.is_char_boundary(end) {
                end -= 1;
            }
            let t = &text[..end];
            assert_eq!(digest(t), xxhash_rust::xxh3::xxh3_64(t.as_bytes()), "{end}");
        }
    }

    #[test]
    fn invisible_format_chars_are_dropped() {
        // A soft hyphen (as read, or `&shy;` in HTML), a zero-width space, joiner, non-joiner,
        // word joiner and byte order mark inside a word leave it whole; between words, the
        // space around them stays one space.
        let plain = "La Cour rejette le pourvoi";
        for (text, html) in [
            ("La Cour rej\u{ad}ette le pour\u{ad}voi", false),
            ("<p>La Cour rej&shy;ette le pour&#173;voi</p>", true),
            ("La Cour rejet\u{200b}te le pour\u{200c}voi\u{200d}", false),
            (
                "\u{feff}La Cour re\u{2060}jette \u{200b} le\u{feff} pourvoi",
                false,
            ),
        ] {
            assert_eq!(normalize(text, html), plain, "{text:?}");
            assert_eq!(normalize_mapped(text, html).text, plain, "{text:?}");
            assert_eq!(normalize_careful(text, html).text, plain, "{text:?}");
        }
        // A zero-width space put for a space joins the words, as the reader sees them.
        assert_eq!(normalize("rejette\u{200b}le", false), "rejettele");
        // A letter and a mark with an invisible char between them compose as if it were not
        // there, so that normalising is idempotent.
        assert_eq!(normalize("e\u{200b}\u{301}t\u{ad}e\u{301}", false), "été");
        // Each char of the text keeps its place: `ette` is chars 12 to 15 of the text as read.
        let m = normalize_mapped("La Cour rej\u{ad}ette", false);
        assert_eq!(m.original_span(11, 15), (12, 16));
    }

    #[test]
    fn nfc_makes_composed_forms_equal() {
        assert_eq!(normalize("e\u{301}te\u{301}", false), "été");
        // Chars whose NFC the composition tables alone do not give: a vowel sign that composes
        // with the one before it, a starter that decomposes into marks to reorder, and a named
        // entity that stands for a mark.
        assert_eq!(normalize("\u{cc6}\u{cc2}", false), "\u{cca}");
        assert_eq!(
            normalize("a\u{327}\u{f73}", false),
            "a\u{f71}\u{f72}\u{327}"
        );
        assert_eq!(normalize("e&DownBreve;", true), "\u{207}");
        assert_eq!(normalize("<p>e&#769;t<b>e</b>\u{301}</p>", true), "été");
        assert_eq!(normalize_mapped("e&#x301;t", true).text, "ét");
    }

    proptest::proptest! {
        /// The NFC stage composes what Unicode's NFC composes, segment by segment: starters
        /// alone, marks to reorder, Hangul jamo, singletons and marks with nothing before them.
        #[test]
        fn the_nfc_stage_is_nfc(s in proptest::collection::vec(proptest::sample::select(vec![
            'a', 'e', 'E', 'o', 'x', 'c', 'é', 'ê', 'Å', 'ſ', '가', '\u{212B}', '\u{2126}',
            '\u{301}', '\u{300}', '\u{302}', '\u{308}', '\u{323}', '\u{327}', '\u{307}',
            '\u{345}', '\u{1100}', '\u{1161}', '\u{11A8}', '\u{0B47}', '\u{0B3E}',
            '\u{0CC6}', '\u{0CC2}', '\u{0F71}', '\u{0F72}', '\u{0F73}', '\u{0F81}',
        ]), 0..40).prop_map(|v| v.into_iter().collect::<String>())) {
            let nfc: String = s.nfc().collect();
            proptest::prop_assert_eq!(&normalize(&s, false), &nfc);
            proptest::prop_assert_eq!(&normalize_careful(&s, false).text, &nfc);
            proptest::prop_assert_eq!(&normalize_mapped(&s, false).text, &nfc);
            proptest::prop_assert_eq!(&normalize(&s, true), &nfc);
        }
    }

    proptest::proptest! {
        /// The hot path, composing marks where it meets them, agrees with the careful path, map
        /// included, on text mixing words, spaces, quotes, marks and decomposable chars.
        #[test]
        fn the_hot_path_composes_as_the_careful_one(s in proptest::collection::vec(
            proptest::sample::select(vec![
                "e", "a", "Z", " ", "  ", "\n", "'", "\u{2019}", "\u{ab}", "\u{bb}", "-", "\u{2014}",
                "\u{a0}", "é", "Ā", "ſ", "\u{212B}", "\u{301}", "\u{300}", "\u{323}", "\u{327}",
                "\u{308}", "\u{307}", "\u{341}", "\u{344}", "\u{345}", "\u{1100}", "\u{1161}",
                "\u{11A8}", "\u{0B47}", "\u{0B3E}", "가", "x&amp;y", "<b>", "&#769;", "<br/>",
                "<BR >", "<",
            ]),
            0..48,
        ).prop_map(|v| v.concat())) {
            for html in [false, true] {
                let careful = normalize_careful(&s, html);
                proptest::prop_assert_eq!(&normalize(&s, html), &careful.text);
                proptest::prop_assert_eq!(&normalize_mapped(&s, html), &careful);
                let n = normalize_mapped(&s, html);
                let mut reader = n.reader();
                let read: Vec<u32> = n
                    .text
                    .chars()
                    .enumerate()
                    .map(|(k, c)| reader.original_index(k as u32, c == ' '))
                    .collect();
                proptest::prop_assert_eq!(read, n.map_values());
            }
        }
    }

    #[test]
    fn map_points_into_the_original() {
        let n = normalize_mapped("  a<b>bc</b>  d", true);
        assert_eq!(n.text, "abc d");
        assert_eq!(n.map_values(), vec![2, 6, 7, 14, 14]);
        let n = normalize_mapped("x\u{a0}\u{a0}« y »", false);
        assert_eq!(n.text, "x \"y\"");
        assert_eq!(n.original_span(3, 4), (5, 6));
    }

    #[test]
    fn the_map_is_a_few_anchors_and_reads_back_everywhere() {
        // Three runs of 10,000 bytes (ASCII: a byte a char), after two spaces, two line breaks
        // and two spaces: each a run the hot path copies whole.
        let run = "abcdefg hi".repeat(1000);
        let text = format!("  {run}\n\n{run}  {run}");
        let n = normalize_mapped(&text, false);
        assert_eq!(n.text, format!("{run} {run} {run}"));
        assert_eq!(n.original_chars, 30_006);
        // Run `r` starts at char 2, 10,004 and 20,006 of the text; within it, char `p` comes
        // from that start plus `p`, a space from the char after it, and the space between two
        // runs from the first char of the next.
        let starts = [2u32, 10_004, 20_006];
        let mut want = Vec::new();
        for (r, start) in starts.iter().enumerate() {
            if r > 0 {
                want.push(*start);
            }
            for (p, c) in run.chars().enumerate() {
                want.push(start + p as u32 + u32::from(c == ' '));
            }
        }
        assert_eq!(n.map_values(), want);
        let mut reader = n.reader();
        for (k, c) in n.text.chars().enumerate() {
            assert_eq!(
                reader.original_index(k as u32, c == ' '),
                want[k],
                "char {k}"
            );
        }
        for k in [
            0, 7, 8, 4095, 4096, 4097, 8192, 9_999, 10_000, 10_001, 20_000, 30_001,
        ] {
            assert_eq!(n.original_index(k), Some(want[k] as usize), "char {k}");
        }
        assert_eq!(n.original_index(30_002), None);
        assert_eq!(n.original_span(10_000, 10_001), (10_004, 10_005));
        // An anchor a run and one every 4 KiB within it, not one a char.
        assert!(n.anchors.len() <= 9, "{} anchors", n.anchors.len());
    }

    #[test]
    fn the_fast_path_agrees_with_the_mapped_one() {
        for s in [
            "  Attendu\u{a0}que\n\n la  Cour\u{202f}: \t",
            "l’arrêt « attaqué » — dit “ceci”\x0b fin",
            "x\u{a0}\u{a0}« y »  ",
            "",
            "   ",
            "ABC\r\ndef\u{2028}ghi",
            "la  Cour a  de\u{301}cide\u{301} « que »",
            "a \u{2126} b",
            "x y\t z  \n",
            "L'arrêt\u{a0}: « déchéance » de Œdipe ; ÿ × ſ\u{307}t é\u{301} à  ç\n",
            "Ā\u{300}x",
            "<p>La&nbsp;Cour</p>\n<p>d&#39;appel <b>rejette</b> &amp; &bogus; a < b</p>",
            "<P>x</P><BR>y<script>z</script> <style>q</STYLE>w &#x2019; <!-- c --> v",
            "&#769;a e&#x301; &eacute;",
            "Attendu que l'arrêt attaqué énonce  que, à défaut\n\nde preuve, Mme Lefèvre-Châtel",
            "abcdefgé ijklmnoé qrstuvw xyzabcd efghijk\u{a0}lmnopqré",
            "1234567\u{e9}1234567 ",
            "<p>abcdefgh<i>ijklmnop</i> q&amp;rstuvwxyz</p>",
            "abcdefg\u{7f}hijklmno\u{1}pqrs",
        ] {
            for html in [false, true] {
                let careful = normalize_careful(s, html);
                assert_eq!(normalize(s, html), careful.text, "{s:?}");
                assert_eq!(normalize_mapped(s, html), careful, "{s:?}");
            }
        }
    }

    #[test]
    fn sixteen_bytes_at_a_time() {
        let block = |s: &str, html: bool| plain_block(&s.as_bytes()[..16], html);
        assert_eq!(block("abcdefgh ijklmno", false), 16);
        assert_eq!(block("l'arrêt attaqué, ", false), 15);
        assert_eq!(block("éèàçëéèàç", false), 16);
        assert_eq!(block("aéèàçëéèàç", false), 15);
        // The ligatures `œ` and `æ` (and the letters whose last byte they share) stop a run:
        // they are spelt out, off the hot path's runs.
        assert_eq!(block("éèàçœéèàç", false), 8);
        assert_eq!(block("aéèàçæéèàç", false), 9);
        assert_eq!(block("ŒÆéèàçéèàç", false), 0);
        assert_eq!(block("éÓèàçéèàç", false), 2);
        assert_eq!(block("abcdefghijklmno ", false), 15);
        // `<` may open a line break tag in plain text, a tag in HTML.
        assert_eq!(block("ab<cdefghijklmno", false), 2);
        assert_eq!(block("abcdefghijklm&no", false), 16);
        assert_eq!(block("ab<cdefghijklmno", true), 2);
        assert_eq!(block("abcdefghijklm&no", true), 13);
        for (text, run) in [
            ("abcdefgh  jklmno", 8),
            ("abcdefghijklmn\nop", 14),
            ("abcdefghijklm \nop", 13),
            ("a\tbcdefghijklmnop", 1),
            ("abcdefghijklmno\u{7f}", 15),
            ("\u{1}abcdefghijklmno", 0),
            ("  abcdefghijklmno", 0),
            ("abcdefghijk’mnop", 11),
            ("abcdefgh\u{a0}jklmnop", 8),
            ("abcdefghijklm«nop", 13),
            ("abcdefghijklmn\u{301}", 14),
            ("abcdefghijklmé\u{301}", 15),
            ("abcdefghijklmno\u{2019}", 15),
        ] {
            assert_eq!(block(text, false), run, "{text:?}");
        }
        // Thirty-two bytes: a run across the two halves, stops in either.
        let block32 = |s: &str| plain_block(&s.as_bytes()[..32], false);
        assert_eq!(block32("abcdefgh ijklmnopqrstuvwx yzabcde"), 32);
        assert_eq!(block32("abcdefghijklmno  qrstuvwxyzabcdef"), 15);
        assert_eq!(block32("abcdefghijklmnopqrstuvw\nyzabcdefgh"), 23);
        assert_eq!(block32("abcdefghijklmnopqrstuvwxyzabcdeé"), 31);
        // The SSE2 test agrees with the byte-by-byte one at every char boundary of real text,
        // on sixteen and on thirty-two bytes.
        for text in [
            "Attendu que l'arrêt attaqué énonce que, à défaut de preuve contraire, la Cour",
            "LA COUR DE CASSATION, CHAMBRE CRIMINELLE, a rendu l’arrêt suivant :\nN° E 23-80.251",
            "<p>M. [Z] [R], domicilié  [Adresse 1] &amp; Mme Lefèvre-Châtel, Œdipe ÿ Ā ſ×÷</p>",
        ] {
            let b = text.as_bytes();
            for width in [16, 32] {
                for k in (0..b.len() - width).filter(|&k| text.is_char_boundary(k)) {
                    for html in [false, true] {
                        assert_eq!(
                            plain_block(&b[k..k + width], html),
                            plain_block_scalar(&b[k..k + width], html),
                            "{:?} at {k}, {width} bytes",
                            &text[k..]
                        );
                    }
                }
            }
        }
    }

    /// `run_avx2` goes as far as `plain_block_scalar` does block after block, from every char
    /// boundary of real text (on a processor with AVX2; elsewhere it is never called).
    #[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
    #[test]
    fn thirty_two_bytes_at_a_time_with_avx2() {
        if !std::arch::is_x86_feature_detected!("avx2") {
            return;
        }
        let scalar = |b: &[u8], mut j: usize, html: bool| {
            while j + 32 <= b.len() {
                let n = plain_block_scalar(&b[j..j + 32], html);
                j += n;
                if n < 31 {
                    break;
                }
            }
            j
        };
        // SAFETY: the processor has AVX2 (checked above).
        let avx2 = |b: &[u8], j: usize, html: bool| unsafe { run_avx2(b, j, html) };
        let long = "Attendu que l'arrêt attaqué énonce que, à défaut de preuve contraire, la Cour \
                    d'appel a retenu à bon droit que la société Évrard et Châteaux était tenue";
        // 163 bytes, all of one run: five whole blocks, the second of which ends on a space and
        // so gives 31 bytes (32 + 31 + 32 + 32 + 32 = 159); the last 4 are left to the caller.
        assert_eq!(long.len(), 163);
        assert_eq!(avx2(long.as_bytes(), 0, false), 159);
        assert_eq!(avx2(b"abcdefghijklmno  qrstuvwxyzabcdef", 0, false), 15);
        assert_eq!(avx2(b"short", 0, false), 0);
        let oe = "l'arrêt attaqué a retenu que la mise en œuvre des garanties était";
        assert_eq!(avx2(oe.as_bytes(), 0, false), oe.find('œ').unwrap());
        for text in [
            long,
            "LA COUR DE CASSATION, CHAMBRE CRIMINELLE, a rendu l’arrêt suivant :\nN° E 23-80.251 \
             sur le pourvoi formé par M. [Z] [R], domicilié  [Adresse 1], contre l'arrêt",
            "<p>M. [Z] [R], domicilié  [Adresse 1] &amp; Mme Lefèvre-Châtel, Œdipe ÿ Ā ſ×÷</p>\
             <br/>Attendu que \u{7f}la cour d'appel\t a retenu é\u{301} que « la société »",
        ] {
            let b = text.as_bytes();
            for k in (0..b.len()).filter(|&k| text.is_char_boundary(k)) {
                for html in [false, true] {
                    assert_eq!(
                        avx2(b, k, html),
                        scalar(b, k, html),
                        "{:?} at {k}",
                        &text[k..]
                    );
                }
            }
        }
    }

    #[test]
    fn idempotent_on_samples() {
        for s in ["« a »  b", "a\u{2019}b", "<p>x</p>", "e\u{301}", " - – — "] {
            let once = normalize(s, false);
            assert_eq!(normalize(&once, false), once);
        }
    }
}
