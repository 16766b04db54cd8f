//! Aligns a record's normalised text with its reference's, token by token, so that every
//! difference can be classified: a marker shown in clear or added (masking), words substituted,
//! inserted or cut (integrity).
//!
//! Tokens are pseudonymisation markers (one token however many words they span), elision marks
//! (`(…)`, `(...)`), runs of letters and digits, and single punctuation marks; white space
//! separates tokens and is not one.
//! The diff is imara-diff's histogram diff over interned tokens (see [`histogram`]); a long
//! text is first cut where the two sides hold the same rare token (see [`diff_ids`]).

use crate::text::markers::{self, Marker};
use imara_diff::{Algorithm, Diff, Token};
use std::cell::{Cell, OnceCell};
use std::collections::HashMap;
use std::ops::Range;

/// One token of a normalised text. Its offsets are `u32`, as a record is at most 4 GiB
/// (`--max-record-mib`): a long text has millions of tokens, and this halves them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tok {
    /// Byte range in the normalised text.
    pub start: u32,
    pub end: u32,
    /// Char index of `start` in the normalised text.
    pub char_start: u32,
    /// Char index of `end`.
    pub char_end: u32,
    pub marker: bool,
}

impl Tok {
    fn new(start: usize, end: usize, char_start: usize, char_end: usize, marker: bool) -> Tok {
        Tok {
            start: start as u32,
            end: end as u32,
            char_start: char_start as u32,
            char_end: char_end as u32,
            marker,
        }
    }

    /// Its byte range in the normalised text.
    pub fn range(&self) -> Range<usize> {
        self.start as usize..self.end as usize
    }
}

/// Splits a normalised text into tokens.
pub fn tokenize(text: &str) -> Vec<Tok> {
    let marks = markers::find_markers(text);
    tokenize_in(text, &marks, 0..text.len(), 0, usize::MAX)
}

/// The tokens of `text[range]`, at most `max_tokens` of them, `marks` being the markers of the whole
/// text and `chars` the char index of `range.start`. They are the tokens [`tokenize`] finds
/// there when no marker crosses either end of the range and each end is the text's own or a
/// space: every token then lies wholly inside or outside the range.
fn tokenize_in(
    text: &str,
    marks: &[Marker],
    range: Range<usize>,
    mut chars: usize,
    max_tokens: usize,
) -> Vec<Tok> {
    let first = marks.partition_point(|m| m.start < range.start);
    let mut m = marks[first..]
        .iter()
        .take_while(|m| m.end <= range.end)
        .peekable();
    let mut toks = Vec::with_capacity((range.len() / 5).min(max_tokens));
    let bytes = &text.as_bytes()[..range.end];
    let mut pos = range.start; // `chars` is the char index of `pos`
    let mut word_start: Option<(usize, usize)> = None;
    while pos < bytes.len() && toks.len() < max_tokens {
        let i = pos;
        if let Some(mk) = m.peek()
            && mk.start == i
        {
            end_word(&mut toks, &mut word_start, i, chars);
            let n = text[mk.start..mk.end].chars().count();
            toks.push(Tok::new(mk.start, mk.end, chars, chars + n, true));
            chars += n;
            pos = mk.end;
            m.next();
            continue;
        }
        // A marker that starts inside the word being read (should not happen with well-formed
        // markers) is skipped rather than allowed to overlap.
        while let Some(mk) = m.peek() {
            if mk.start < i {
                m.next();
            } else {
                break;
            }
        }
        // An elision mark, `(…)` or `(...)`: one token, so that its parentheses and dots are not
        // matched with those of the passage it stands for (unless a marker starts inside).
        if bytes[i] == b'('
            && let Some(n) = elision_at(&text[..range.end], i)
            && m.peek().is_none_or(|mk| mk.start >= i + n)
        {
            end_word(&mut toks, &mut word_start, i, chars);
            let c = text[i..i + n].chars().count();
            toks.push(Tok::new(i, i + n, chars, chars + c, false));
            chars += c;
            pos = i + n;
            continue;
        }
        // ASCII without decoding a char; other chars decoded.
        let (word, space, len) = match bytes[i] {
            b if b.is_ascii() => (b.is_ascii_alphanumeric(), (b as char).is_whitespace(), 1),
            _ => {
                let c = text[i..].chars().next().unwrap_or('\u{FFFD}');
                // The accented letters of French without the Unicode tables.
                let latin_letter = matches!(c, '\u{C0}'..='\u{17F}') && c != '×' && c != '÷';
                (
                    latin_letter || c.is_alphanumeric() || is_mark(c),
                    c.is_whitespace(),
                    c.len_utf8(),
                )
            }
        };
        if word {
            if word_start.is_none() {
                word_start = Some((i, chars));
            }
            chars += 1;
            pos += len;
            // The rest of an ASCII word at once, up to the next marker.
            let limit = m.peek().map_or(bytes.len(), |mk| mk.start.max(pos));
            let run = bytes[pos..limit]
                .iter()
                .position(|b| !b.is_ascii_alphanumeric())
                .unwrap_or(limit - pos);
            chars += run;
            pos += run;
            continue;
        }
        end_word(&mut toks, &mut word_start, i, chars);
        if !space {
            toks.push(Tok::new(i, i + len, chars, chars + 1, false));
        }
        chars += 1;
        pos += len;
    }
    end_word(&mut toks, &mut word_start, bytes.len(), chars);
    // A word and the punctuation after it may come in one step.
    toks.truncate(max_tokens);
    toks
}

/// Ends the word being read, if any, at byte `end` and char `chars`.
fn end_word(
    toks: &mut Vec<Tok>,
    word_start: &mut Option<(usize, usize)>,
    end: usize,
    chars: usize,
) {
    if let Some((ws, wc)) = word_start.take() {
        toks.push(Tok::new(ws, end, wc, chars, false));
    }
}

/// The length in bytes of the elision mark that starts at byte `i` of `text`, if one does: an
/// opening parenthesis, an ellipsis (`…`, or three dots or more) and a closing parenthesis,
/// with no space inside (the aligner cuts texts at spaces). It is how French marks a passage
/// left out of a quotation, and what a reuser writes where an excerpt skips part of a
/// decision (the bracketed `[…]` is a marker, see [`markers`]).
pub fn elision_at(text: &str, i: usize) -> Option<usize> {
    let rest = text.as_bytes().get(i..)?.strip_prefix(b"(")?;
    let ellipsis = "…".as_bytes();
    let mut n = 0;
    if rest.starts_with(ellipsis) {
        while rest[n..].starts_with(ellipsis) {
            n += ellipsis.len();
        }
    } else {
        n = rest.iter().take_while(|&&b| b == b'.').count();
        if n < 3 {
            return None;
        }
    }
    (rest.get(n) == Some(&b')')).then_some(n + 2)
}

/// Whether the whole of `token` is an elision mark (see [`elision_at`]).
pub fn is_elision(token: &str) -> bool {
    elision_at(token, 0) == Some(token.len())
}

/// Whether `c` is a combining mark, which belongs to the word it follows.
pub fn is_mark(c: char) -> bool {
    unicode_normalization::char::is_combining_mark(c)
}

/// A difference between the reference (`before`) and the record (`after`), in token indices.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub reference: Range<usize>,
    pub record: Range<usize>,
}

/// The tokens of both texts and their differences, in order.
#[derive(Debug, Clone)]
pub struct Alignment {
    pub reference: Vec<Tok>,
    pub record: Vec<Tok>,
    pub changes: Vec<Change>,
}

/// A change as its users read it: the char spans in both texts, and the tokens on each side
/// (their text, and whether each is a marker).
pub type ResolvedChange = (
    (usize, usize),
    (usize, usize),
    Vec<(String, bool)>,
    Vec<(String, bool)>,
);

impl Alignment {
    /// The changes as their users read them, whatever the token lists hold: what [`align`] and
    /// [`align_whole`] must agree on (for tests and the fuzz target).
    #[doc(hidden)]
    pub fn resolved(&self, reference: &str, record: &str) -> Vec<ResolvedChange> {
        let toks = |text: &str, t: &[Tok]| -> Vec<(String, bool)> {
            t.iter()
                .map(|t| (text[t.range()].to_string(), t.marker))
                .collect()
        };
        self.changes
            .iter()
            .map(|c| {
                (
                    self.reference_chars(&c.reference),
                    self.record_chars(&c.record),
                    toks(reference, &self.reference[c.reference.clone()]),
                    toks(record, &self.record[c.record.clone()]),
                )
            })
            .collect()
    }

    /// Char range, in the normalised reference text, of a token range (empty ranges give the
    /// position where the tokens would be).
    pub fn reference_chars(&self, r: &Range<usize>) -> (usize, usize) {
        chars_of(&self.reference, r)
    }

    /// Char range, in the normalised record text, of a token range.
    pub fn record_chars(&self, r: &Range<usize>) -> (usize, usize) {
        chars_of(&self.record, r)
    }
}

fn chars_of(toks: &[Tok], r: &Range<usize>) -> (usize, usize) {
    if r.start < r.end {
        (
            toks[r.start].char_start as usize,
            toks[r.end - 1].char_end as usize,
        )
    } else if r.start < toks.len() {
        let at = toks[r.start].char_start as usize;
        (at, at)
    } else {
        let end = toks.last().map_or(0, |t| t.char_end as usize);
        (end, end)
    }
}

/// Aligns two normalised texts.
///
/// Most differing texts differ in a few places: the bytes they share at both ends are set aside
/// before tokenising, and only the middle of each text is tokenised and diffed. The result is
/// the one [`align_whole`] gives (a test checks it), but for its token lists, which hold only the
/// tokens of the middle (and, after them, the first token of the common end, where an insertion
/// at the end of the middle is placed): the changes index these lists and the char positions of
/// tokens are those of the whole texts, which is all the changes are read by.
pub fn align(reference: &str, record: &str) -> Alignment {
    let ref_marks = markers::find_markers(reference);
    let rec_marks = markers::find_markers(record);
    let reference = Side {
        text: reference,
        marks: &ref_marks,
        prepared: None,
    };
    align_in_middle(&reference, record, &rec_marks)
        .unwrap_or_else(|| whole(&reference, record, &rec_marks))
}

/// A reference text's markers, and its tokens once they are worth finding, kept for the records
/// that are compared with it: when many records cite one long decision, tokenising it for each
/// would cost each record the length of the decision.
///
/// Each record tokenises only the middle of the reference that its text does not share. The
/// tokens of the whole reference are found when the middles tokenised so far would reach its
/// length: the whole is then tokenised once, at no more cost than the middles already were, and
/// each record after takes its middle from it. Records that differ from the reference in a
/// few places keep tokenising their few words.
#[derive(Debug)]
pub struct Prepared {
    marks: Vec<Marker>,
    whole: OnceCell<Whole>,
    /// Bytes of the reference tokenised anew, before its tokens were found.
    tokenised: Cell<usize>,
}

/// The tokens of a whole reference text, interned once: a record's middle then takes the ids of
/// its reference tokens as they are, and looks up only its own.
#[derive(Debug)]
struct Whole {
    toks: Vec<Tok>,
    /// The id of each token: one for each distinct token text, from 0.
    ids: Vec<u32>,
    /// The id of each distinct token text.
    vocab: HashMap<Box<str>, u32, foldhash::fast::RandomState>,
    /// The bytes of the texts of `vocab`.
    vocab_bytes: usize,
}

impl Whole {
    fn new(text: &str, toks: Vec<Tok>) -> Whole {
        let mut vocab: HashMap<Box<str>, u32, foldhash::fast::RandomState> = HashMap::default();
        let ids = toks
            .iter()
            .map(|t| {
                let word = &text[t.range()];
                match vocab.get(word) {
                    Some(&id) => id,
                    None => {
                        let id = vocab.len() as u32;
                        vocab.insert(word.into(), id);
                        id
                    }
                }
            })
            .collect();
        let vocab_bytes = vocab.keys().map(|k| k.len()).sum();
        Whole {
            toks,
            ids,
            vocab,
            vocab_bytes,
        }
    }

    /// The ids of `mid`, tokens of this text one after another, each id passed through `id`;
    /// `None` when they are not (never, as the aligner takes them from here, but then the caller
    /// interns them itself).
    fn ids_of(&self, mid: &[Tok], id: impl Fn(u32) -> u32) -> Option<Vec<Token>> {
        let start = mid.first()?.start;
        let first = self.toks.partition_point(|t| t.start < start);
        let slice = self.toks.get(first..first + mid.len())?;
        // Whenever these tokens were found, the aligner took its middle from them (`Side::tokens`),
        // so it is a run of them, placed by its first token; the ends check that much, and the
        // debug assertion all of it.
        (slice.first() == mid.first() && slice.last() == mid.last()).then(|| {
            debug_assert_eq!(slice, mid);
            self.ids[first..first + mid.len()]
                .iter()
                .map(|&i| Token(id(i)))
                .collect()
        })
    }

    /// The ids of the tokens `mid` of `record`: a token this text holds has its id here, and
    /// one it lacks an id after them; with how many ids there are.
    fn record_ids(&self, record: &str, mid: &[Tok]) -> (Vec<Token>, u32) {
        let known = self.vocab.len() as u32;
        let mut own: HashMap<&str, u32, foldhash::fast::RandomState> = HashMap::default();
        let ids = mid
            .iter()
            .map(|t| {
                let word = &record[t.range()];
                Token(match self.vocab.get(word) {
                    Some(&id) => id,
                    None => {
                        let next = known + own.len() as u32;
                        *own.entry(word).or_insert(next)
                    }
                })
            })
            .collect();
        (ids, known + own.len() as u32)
    }

    fn heap_bytes(&self) -> usize {
        self.toks.capacity() * std::mem::size_of::<Tok>()
            + self.ids.capacity() * std::mem::size_of::<u32>()
            + self.vocab.capacity() * std::mem::size_of::<(Box<str>, u32, u64)>()
            + self.vocab_bytes
    }
}

impl Prepared {
    /// The markers of the normalised text `reference`.
    pub fn new(reference: &str) -> Prepared {
        Prepared {
            marks: markers::find_markers(reference),
            whole: OnceCell::new(),
            tokenised: Cell::new(0),
        }
    }

    /// The same, with the tokens of the whole text found at once (for tests).
    #[doc(hidden)]
    pub fn with_tokens(reference: &str) -> Prepared {
        let p = Prepared::new(reference);
        p.whole(reference);
        p
    }

    /// The bytes it holds on the heap.
    pub fn heap_bytes(&self) -> usize {
        self.marks.capacity() * std::mem::size_of::<Marker>()
            + self.whole.get().map_or(0, Whole::heap_bytes)
    }

    /// Whether the tokens of the whole text were found.
    pub fn has_tokens(&self) -> bool {
        self.whole.get().is_some()
    }

    fn whole(&self, reference: &str) -> &Whole {
        self.whole.get_or_init(|| {
            let toks = tokenize_in(reference, &self.marks, 0..reference.len(), 0, usize::MAX);
            Whole::new(reference, toks)
        })
    }
}

/// [`align`] with `prepared`, made by [`Prepared::new`] on this very text `reference`: the same
/// alignment.
pub fn align_prepared(reference: &str, prepared: &Prepared, record: &str) -> Alignment {
    let rec_marks = markers::find_markers(record);
    let reference = Side {
        text: reference,
        marks: &prepared.marks,
        prepared: Some(prepared),
    };
    align_in_middle(&reference, record, &rec_marks)
        .unwrap_or_else(|| whole(&reference, record, &rec_marks))
}

/// The reference side of an alignment: its text, its markers, and what was kept of it.
struct Side<'a> {
    text: &'a str,
    marks: &'a [Marker],
    prepared: Option<&'a Prepared>,
}

impl Side<'_> {
    /// [`tokenize_in`] on this text, from its tokens when they were found (see [`Prepared`]).
    /// The ends of `range` are the text's own or spaces that no marker crosses, so every token
    /// lies wholly inside or outside it, and the tokens inside are those [`tokenize_in`] finds
    /// (the char positions included, which count from the text's start either way). `chars`
    /// gives the char index of `range.start`, counted only when the tokens are found anew.
    fn tokens(
        &self,
        range: Range<usize>,
        chars: impl Fn() -> usize,
        max_tokens: usize,
    ) -> Vec<Tok> {
        let anew = || tokenize_in(self.text, self.marks, range.clone(), chars(), max_tokens);
        let Some(prepared) = self.prepared else {
            return anew();
        };
        if !prepared.has_tokens() {
            // A token or a few (the first of a tail) cost little whatever the range's length.
            if max_tokens != usize::MAX {
                return anew();
            }
            let tokenised = prepared.tokenised.get().saturating_add(range.len());
            if tokenised < self.text.len() {
                prepared.tokenised.set(tokenised);
                return anew();
            }
        }
        let toks = &prepared.whole(self.text).toks;
        let first = toks.partition_point(|t| (t.start as usize) < range.start);
        let inside = toks[first..].partition_point(|t| t.end as usize <= range.end);
        let found = toks[first..first + inside.min(max_tokens)].to_vec();
        debug_assert_eq!(found, anew());
        found
    }
}

/// [`align`] tokenising the whole of both texts: what the aligner must agree with (for tests).
#[doc(hidden)]
pub fn align_whole(reference: &str, record: &str) -> Alignment {
    let ref_marks = markers::find_markers(reference);
    let rec_marks = markers::find_markers(record);
    let reference = Side {
        text: reference,
        marks: &ref_marks,
        prepared: None,
    };
    whole(&reference, record, &rec_marks)
}

fn whole(reference: &Side<'_>, record: &str, rec_marks: &[Marker]) -> Alignment {
    let ref_toks = reference.tokens(0..reference.text.len(), || 0, usize::MAX);
    let rec_toks = tokenize_in(record, rec_marks, 0..record.len(), 0, usize::MAX);
    let changes = diff_tokens(reference, record, &ref_toks, &rec_toks);
    Alignment {
        reference: ref_toks,
        record: rec_toks,
        changes,
    }
}

/// Equal tokens at both ends are not interned nor diffed (the diff would set them aside first
/// anyway); the rest goes through the histogram diff.
fn diff_tokens(
    reference: &Side<'_>,
    record: &str,
    ref_toks: &[Tok],
    rec_toks: &[Tok],
) -> Vec<Change> {
    let whole = reference.prepared.and_then(|p| p.whole.get());
    let reference = reference.text;
    let same = |a: &Tok, b: &Tok| reference[a.range()] == record[b.range()];
    let head = ref_toks
        .iter()
        .zip(rec_toks)
        .take_while(|(a, b)| same(a, b))
        .count();
    let tail = ref_toks[head..]
        .iter()
        .rev()
        .zip(rec_toks[head..].iter().rev())
        .take_while(|(a, b)| same(a, b))
        .count();
    let (ref_mid, rec_mid) = (
        &ref_toks[head..ref_toks.len() - tail],
        &rec_toks[head..rec_toks.len() - tail],
    );
    // What is left of one text is nothing (a passage cut, or one inserted, and nothing else):
    // the other's rest is the one change, with no diff to run.
    if ref_mid.is_empty() || rec_mid.is_empty() {
        return (!ref_mid.is_empty() || !rec_mid.is_empty())
            .then(|| Change {
                reference: head..head + ref_mid.len(),
                record: head..head + rec_mid.len(),
            })
            .into_iter()
            .collect();
    }
    // With the reference interned once, the record's middle is looked up in it; the reference
    // tokens the record's middle lacks then share one id, as in [`histogram`].
    let interned = whole.and_then(|w| {
        let (after, n) = w.record_ids(record, rec_mid);
        let mut in_record = vec![false; n as usize];
        for t in &after {
            in_record[t.0 as usize] = true;
        }
        let before = w.ids_of(ref_mid, |id| if in_record[id as usize] { id } else { n })?;
        Some((before, after, n + 1))
    });
    match interned {
        Some(ids) => diff_ids(ids, head),
        None => histogram(reference, record, ref_mid, rec_mid, head),
    }
}

/// The histogram diff of the tokens `ref_mid` and `rec_mid`, which come after `head` tokens.
///
/// Only the tokens of the shorter side are interned. A token of the longer side is looked up
/// among them, and all those it lacks share one id that the shorter side does not hold. The diff
/// reads the same from that as from every token interned apart: a token that one side lacks is
/// never matched, whatever its id. The histogram diff looks the tokens of `after` up among those
/// of `before`, and extends a match only over tokens equal on both sides; the Myers diff it
/// falls back to first drops the tokens that the other side lacks. A short record citing a long
/// decision then costs a lookup per token of the decision, not an insertion.
fn histogram(
    reference: &str,
    record: &str,
    ref_mid: &[Tok],
    rec_mid: &[Tok],
    head: usize,
) -> Vec<Change> {
    let ids = if ref_mid.len() <= rec_mid.len() {
        intern_shorter(reference, ref_mid, record, rec_mid)
    } else {
        let (after, before, n) = intern_shorter(record, rec_mid, reference, ref_mid);
        (before, after, n)
    };
    diff_ids(ids, head)
}

/// The histogram diff of the token ids `before` (the reference's) and `after` (the record's),
/// `num_tokens` ids in all, which come after `head` tokens.
///
/// Past [`ANCHORED_ABOVE`] tokens, the two sides are first cut at [`anchors`], and each stretch
/// between two cuts is diffed apart: by the histogram diff, or by the Myers diff when a stretch
/// is still longer than that (no rare token shared in it), as its heuristics bound its work
/// (200,000 tokens of entirely different texts: 0.5 s, where the histogram diff takes 0.05 s
/// but has no bound). The histogram diff takes the least frequent run of tokens
/// the two sides share, then compares what lies before it and what lies after it in the same
/// way. A text whose every line holds a token of its own and has one word changed (a list of
/// thousands of near-identical lines, each with its own number) is then compared one line at a
/// time, each time over all the rest: 16,000 such lines took 7 s, four times as long as 8,000.
fn diff_ids(
    (before, after, num_tokens): (Vec<Token>, Vec<Token>, u32),
    head: usize,
) -> Vec<Change> {
    let mut diff = Diff::default();
    let mut out = Vec::new();
    let cuts = if before.len().max(after.len()) > ANCHORED_ABOVE {
        anchors(&before, &after, num_tokens)
    } else {
        Vec::new()
    };
    let ends = cuts.into_iter().chain([(before.len(), after.len())]);
    let (mut b0, mut a0) = (0, 0);
    for (b1, a1) in ends {
        // A stretch still longer than that (no rare token shared in it) goes to the Myers
        // diff, whose heuristics bound its work where the histogram diff's has no bound.
        let algorithm = if (b1 - b0).max(a1 - a0) > ANCHORED_ABOVE {
            Algorithm::Myers
        } else {
            Algorithm::Histogram
        };
        diff.compute_with(algorithm, &before[b0..b1], &after[a0..a1], num_tokens);
        out.extend(diff.hunks().map(|h| Change {
            reference: head + b0 + h.before.start as usize..head + b0 + h.before.end as usize,
            record: head + a0 + h.after.start as usize..head + a0 + h.after.end as usize,
        }));
        (b0, a0) = (b1, a1);
    }
    out
}

/// Tokens to compare (the longer side's) above which [`diff_ids`] cuts the texts at anchors
/// first. The longest real decision of the benchmark has about 14,000 tokens; below this, no
/// alignment is changed.
pub const ANCHORED_ABOVE: usize = 30_000;

/// Stretches of at least this many tokens (on the longer side) lie between two cuts.
const STRETCH: usize = 1_000;

/// Where to cut `before` and `after`, as pairs of positions holding the same token, in
/// increasing order on both sides: the tokens that occur as many times on each side, and at
/// most [`RARE`] times, pair their occurrences in order (the first with the first, …); the
/// longest chain of pairs increasing on both sides is kept (as the patience diff keeps the
/// tokens unique to each side), and a cut is made at its pairs [`STRETCH`] tokens apart. Each
/// cut's token starts the stretch after it and is equal on both sides, so no change spans a cut.
fn anchors(before: &[Token], after: &[Token], num_tokens: u32) -> Vec<(usize, usize)> {
    const RARE: u32 = 4;
    let n = num_tokens as usize;
    let (mut in_before, mut in_after) = (vec![0u32; n], vec![0u32; n]);
    for t in before {
        in_before[t.0 as usize] += 1;
    }
    for t in after {
        in_after[t.0 as usize] += 1;
    }
    let rare = |id: usize| in_before[id] == in_after[id] && in_before[id] <= RARE;
    // The positions in `after` of each rare token, in order.
    let mut positions: Vec<Vec<u32>> = vec![Vec::new(); n];
    for (j, t) in after.iter().enumerate() {
        if in_after[t.0 as usize] > 0 && rare(t.0 as usize) {
            positions[t.0 as usize].push(j as u32);
        }
    }
    let mut seen = vec![0u32; n];
    let mut pairs: Vec<(u32, u32)> = Vec::new();
    for (i, t) in before.iter().enumerate() {
        let id = t.0 as usize;
        if let Some(&j) = positions[id].get(seen[id] as usize) {
            pairs.push((i as u32, j));
            seen[id] += 1;
        }
    }
    // The longest chain increasing in `after` (patience sorting): `tails[k]` is the pair that
    // ends the best chain of length k + 1 found so far, `back[p]` the pair before pair p.
    let mut tails: Vec<usize> = Vec::new();
    let mut back: Vec<usize> = vec![usize::MAX; pairs.len()];
    for (p, &(_, j)) in pairs.iter().enumerate() {
        let k = tails.partition_point(|&q| pairs[q].1 < j);
        if k > 0 {
            back[p] = tails[k - 1];
        }
        if k == tails.len() {
            tails.push(p);
        } else {
            tails[k] = p;
        }
    }
    let mut chain = Vec::with_capacity(tails.len());
    let mut p = tails.last().copied().unwrap_or(usize::MAX);
    while p != usize::MAX {
        chain.push(pairs[p]);
        p = back[p];
    }
    chain.reverse();
    let mut cuts = Vec::new();
    let (mut b0, mut a0) = (0usize, 0usize);
    for (i, j) in chain {
        let (i, j) = (i as usize, j as usize);
        if (i - b0).max(j - a0) >= STRETCH {
            cuts.push((i, j));
            (b0, a0) = (i, j);
        }
    }
    cuts
}

/// The ids of the tokens `short` of `short_text` and `long` of `long_text`, and how many ids
/// there are: each distinct token of `short` has its own, and the tokens of `long` that `short`
/// lacks share the last one (see [`histogram`]).
fn intern_shorter(
    short_text: &str,
    short: &[Tok],
    long_text: &str,
    long: &[Tok],
) -> (Vec<Token>, Vec<Token>, u32) {
    let mut ids: HashMap<&str, u32, foldhash::fast::RandomState> =
        HashMap::with_capacity_and_hasher(short.len(), Default::default());
    let short_ids = short
        .iter()
        .map(|t| {
            let n = ids.len() as u32;
            Token(*ids.entry(&short_text[t.range()]).or_insert(n))
        })
        .collect();
    let absent = ids.len() as u32;
    let long_ids = long
        .iter()
        .map(|t| Token(ids.get(&long_text[t.range()]).copied().unwrap_or(absent)))
        .collect();
    (short_ids, long_ids, absent + 1)
}

/// One piece of a change re-aligned by [`marker_pieces`]: token ranges of both sides, relative
/// to the slices given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece {
    pub reference: Range<usize>,
    pub record: Range<usize>,
    /// Whether the two sides were matched: one token alike on each side, or a run of markers on
    /// each side (whatever they read).
    pub matched: bool,
}

/// Re-aligns the tokens `ref_toks` of `reference` with `rec_toks` of `record` (both sides of a
/// change), taking every run of markers (markers one after another, with nothing but spaces
/// between them: `[Z] [R]`, `C... A...`) as one token equal to any other run: a marker respelt
/// in another style (`[Adresse 1]` as `[...]`, `M. [Z] [R]` as `M. X...`) is then matched, and
/// the words around it are compared on their own. The pieces cover both slices in order; a
/// matched piece is one token or one run on each side, the others are the differences.
pub fn marker_pieces<'a>(
    reference: &'a str,
    ref_toks: &[Tok],
    record: &'a str,
    rec_toks: &[Tok],
) -> Vec<Piece> {
    // The units of a side: a run of markers, or one other token; as token ranges.
    fn units(toks: &[Tok]) -> Vec<Range<usize>> {
        let mut out: Vec<Range<usize>> = Vec::with_capacity(toks.len());
        for (i, t) in toks.iter().enumerate() {
            match out.last_mut() {
                Some(last) if t.marker && toks[last.end - 1].marker => last.end = i + 1,
                _ => out.push(i..i + 1),
            }
        }
        out
    }
    let (ref_units, rec_units) = (units(ref_toks), units(rec_toks));
    // Id 0 for every run of markers; the other tokens by their text.
    let mut ids: HashMap<&'a str, u32, foldhash::fast::RandomState> = HashMap::default();
    let mut id_of = |text: &'a str, toks: &[Tok], u: &Range<usize>| -> Token {
        let t = toks[u.start];
        if t.marker {
            return Token(0);
        }
        let n = ids.len() as u32 + 1;
        Token(*ids.entry(&text[t.range()]).or_insert(n))
    };
    let before: Vec<Token> = ref_units
        .iter()
        .map(|u| id_of(reference, ref_toks, u))
        .collect();
    let after: Vec<Token> = rec_units
        .iter()
        .map(|u| id_of(record, rec_toks, u))
        .collect();
    let num = ids.len() as u32 + 1;
    let mut diff = Diff::default();
    diff.compute_with(Algorithm::Histogram, &before, &after, num);
    let span = |units: &[Range<usize>], r: Range<u32>, at_end: usize| -> Range<usize> {
        let (a, b) = (r.start as usize, r.end as usize);
        let start = units.get(a).map_or(at_end, |u| u.start);
        let end = if b > a { units[b - 1].end } else { start };
        start..end
    };
    let mut out = Vec::new();
    let (mut i, mut j) = (0usize, 0usize);
    let matched_until = |out: &mut Vec<Piece>, i: &mut usize, j: &mut usize, a: usize, b: usize| {
        while *i < a && *j < b {
            out.push(Piece {
                reference: ref_units[*i].clone(),
                record: rec_units[*j].clone(),
                matched: true,
            });
            *i += 1;
            *j += 1;
        }
    };
    for h in diff.hunks() {
        matched_until(
            &mut out,
            &mut i,
            &mut j,
            h.before.start as usize,
            h.after.start as usize,
        );
        out.push(Piece {
            reference: span(&ref_units, h.before.clone(), ref_toks.len()),
            record: span(&rec_units, h.after.clone(), rec_toks.len()),
            matched: false,
        });
        (i, j) = (h.before.end as usize, h.after.end as usize);
    }
    matched_until(&mut out, &mut i, &mut j, ref_units.len(), rec_units.len());
    out
}

/// Whether [`histogram`] finds in the whole of both texts the changes it finds when every token
/// of both sides is interned apart (for the tests).
#[doc(hidden)]
pub fn interning_the_shorter_side_agrees(reference: &str, record: &str) -> Result<(), String> {
    let ref_toks = tokenize(reference);
    let rec_toks = tokenize(record);
    let fast = histogram(reference, record, &ref_toks, &rec_toks, 0);
    let mut interner: imara_diff::Interner<&str> =
        imara_diff::Interner::new(ref_toks.len() + rec_toks.len());
    let before: Vec<Token> = ref_toks
        .iter()
        .map(|t| interner.intern(&reference[t.range()]))
        .collect();
    let after: Vec<Token> = rec_toks
        .iter()
        .map(|t| interner.intern(&record[t.range()]))
        .collect();
    let mut diff = Diff::default();
    diff.compute_with(Algorithm::Histogram, &before, &after, interner.num_tokens());
    let each: Vec<Change> = diff
        .hunks()
        .map(|h| Change {
            reference: h.before.start as usize..h.before.end as usize,
            record: h.after.start as usize..h.after.end as usize,
        })
        .collect();
    if fast == each {
        Ok(())
    } else {
        Err(format!(
            "interning the shorter side gave {} changes, interning each token {}: first apart at {:?}",
            fast.len(),
            each.len(),
            fast.iter().zip(&each).position(|(a, b)| a != b)
        ))
    }
}

/// [`align`] on the middles of the texts, or `None` when the shortcut cannot be sure to give what
/// [`whole`] gives.
///
/// The texts are cut at a space that no marker of either text crosses: the head cut at the last
/// such space inside the bytes both texts start with, the tail cut at the first such space inside
/// the bytes they end with (past the head). The heads are then the same text with the same
/// markers, so they are the same tokens, which the whole diff would set aside first; likewise the
/// tails. The whole diff sets aside the equal leading tokens first, then the equal trailing ones
/// of what is left: if the equal leading tokens of the middles run to the end of either middle,
/// they could run on into the tails, and the whole diff would split the texts otherwise. And a
/// change at the end of an empty middle with nothing after it is placed after the head's last
/// token: these two rare cases are left to [`whole`].
fn align_in_middle(reference: &Side<'_>, record: &str, rec_marks: &[Marker]) -> Option<Alignment> {
    let (ref_marks, ref_side) = (reference.marks, reference);
    let reference = reference.text;
    let (a, b) = (reference.as_bytes(), record.as_bytes());
    let prefix = common_prefix(a, b);
    let suffix = common_suffix(a, b).min(a.len().min(b.len()) - prefix);
    let head = head_cut(a, prefix, ref_marks, rec_marks);
    let (ref_tail, rec_tail) = tail_cut(a, b, suffix, ref_marks, rec_marks);
    // The heads are alike: their chars too.
    let ref_chars = head_chars(&a[..head]);
    let mut ref_toks = ref_side.tokens(head..ref_tail, || ref_chars, usize::MAX);
    let mut rec_toks = tokenize_in(record, rec_marks, head..rec_tail, ref_chars, usize::MAX);
    // The first token of each tail: where an insertion at the end of the middle is placed.
    let first_of_tail = |text: &str, marks: &[Marker], at: usize| {
        let chars = ref_chars + head_chars(&text.as_bytes()[head..at]);
        tokenize_in(text, marks, at..text.len(), chars, 1)
    };
    let ref_next = ref_side.tokens(
        ref_tail..reference.len(),
        || ref_chars + head_chars(&a[head..ref_tail]),
        1,
    );
    let rec_next = first_of_tail(record, rec_marks, rec_tail);
    if !ref_next.is_empty() || !rec_next.is_empty() {
        let lead = ref_toks
            .iter()
            .zip(&rec_toks)
            .take_while(|(x, y)| reference[x.range()] == record[y.range()])
            .count();
        if lead == ref_toks.len() || lead == rec_toks.len() {
            return None;
        }
    } else if ref_toks.is_empty() || rec_toks.is_empty() {
        // Nothing after the middle: an insertion at its end is placed after the last token of
        // the head, which these lists do not hold.
        return None;
    }
    let changes = diff_tokens(ref_side, record, &ref_toks, &rec_toks);
    ref_toks.extend(ref_next);
    rec_toks.extend(rec_next);
    Some(Alignment {
        reference: ref_toks,
        record: rec_toks,
        changes,
    })
}

/// How many bytes `a` and `b` start with alike.
fn common_prefix(a: &[u8], b: &[u8]) -> usize {
    let n = a.len().min(b.len());
    let mut i = 0;
    while i + 8 <= n && a[i..i + 8] == b[i..i + 8] {
        i += 8;
    }
    while i < n && a[i] == b[i] {
        i += 1;
    }
    i
}

/// How many bytes `a` and `b` end with alike.
fn common_suffix(a: &[u8], b: &[u8]) -> usize {
    let n = a.len().min(b.len());
    let (a, b) = (&a[a.len() - n..], &b[b.len() - n..]);
    let mut i = 0;
    while i + 8 <= n && a[n - i - 8..n - i] == b[n - i - 8..n - i] {
        i += 8;
    }
    while i < n && a[n - i - 1] == b[n - i - 1] {
        i += 1;
    }
    i
}

/// Chars in `bytes` (UTF-8): the bytes that do not continue a char.
fn head_chars(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| b & 0xC0 != 0x80).count()
}

/// The marker of `marks` (sorted, not overlapping) that holds byte `i`, if any.
fn marker_at(marks: &[Marker], i: usize) -> Option<&Marker> {
    let k = marks.partition_point(|m| m.start <= i);
    marks[..k].last().filter(|m| i < m.end)
}

/// The head cut: the last space before byte `prefix` (both texts are alike up to there) that no
/// marker of either text holds, and before which both texts have the same markers; 0 if none.
fn head_cut(a: &[u8], prefix: usize, ref_marks: &[Marker], rec_marks: &[Marker]) -> usize {
    // The markers both texts open with, alike.
    let alike = ref_marks
        .iter()
        .zip(rec_marks)
        .take_while(|(x, y)| x.start == y.start && x.end == y.end)
        .count();
    // Past the markers alike, the first marker of either text: the cut must come before it.
    let bound = [ref_marks.get(alike), rec_marks.get(alike)]
        .into_iter()
        .flatten()
        .map(|m| m.start)
        .min()
        .unwrap_or(usize::MAX);
    let mut end = prefix.min(bound);
    while let Some(i) = memchr::memrchr(b' ', &a[..end]) {
        match marker_at(ref_marks, i).or_else(|| marker_at(rec_marks, i)) {
            Some(m) => end = m.start,
            None => return i,
        }
    }
    0
}

/// The tail cuts, in each text: the first space within the last `suffix` bytes (alike in both)
/// that no marker of either text holds, and after which both texts have the same markers; the
/// ends of the texts if none.
fn tail_cut(
    a: &[u8],
    b: &[u8],
    suffix: usize,
    ref_marks: &[Marker],
    rec_marks: &[Marker],
) -> (usize, usize) {
    let (la, lb) = (a.len(), b.len());
    // The markers both texts close with, alike (at the same distance from the end).
    let alike = ref_marks
        .iter()
        .rev()
        .zip(rec_marks.iter().rev())
        .take_while(|(x, y)| la - x.start == lb - y.start && la - x.end == lb - y.end)
        .count();
    // Before the markers alike, the last marker end of either text (as a distance from the
    // end): the cut must come after it.
    let bound = [
        ref_marks.iter().rev().nth(alike).map(|m| la - m.end),
        rec_marks.iter().rev().nth(alike).map(|m| lb - m.end),
    ]
    .into_iter()
    .flatten()
    .min()
    .unwrap_or(usize::MAX);
    // `back` is a distance from the end of the texts.
    let mut back = suffix.min(bound);
    while let Some(k) = memchr::memchr(b' ', &a[la - back..]) {
        let i = la - back + k;
        let j = lb - (la - i);
        match marker_at(ref_marks, i)
            .map(|m| la - m.end)
            .or_else(|| marker_at(rec_marks, j).map(|m| lb - m.end))
        {
            Some(d) => back = d,
            None => return (i, j),
        }
    }
    (la, lb)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A middle left empty on one side (a passage cut or inserted, and nothing else) is the one
    /// change the histogram diff finds there too, at both ends and inside, on a real decision's
    /// words, with repeated words about the cut.
    #[test]
    fn a_cut_or_an_insertion_alone_is_the_change_the_diff_finds() {
        let text = "Attendu que la cour d'appel a retenu que la société [K] avait, par la lettre \
                    du 3 mars, rompu le contrat ; que la cour d'appel a ainsi légalement justifié \
                    sa décision ; PAR CES MOTIFS rejette le pourvoi";
        let toks = tokenize(text);
        let n = toks.len();
        for from in 0..n {
            for to in from + 1..=n.min(from + 9) {
                let (a, b) = (toks[from].start as usize, toks[to - 1].end as usize);
                let cut = format!("{}{}", &text[..a], &text[b..]);
                for (reference, record) in [(text, cut.as_str()), (cut.as_str(), text)] {
                    let (rt, ct) = (tokenize(reference), tokenize(record));
                    let side = Side {
                        text: reference,
                        marks: &[],
                        prepared: None,
                    };
                    let got = diff_tokens(&side, record, &rt, &ct);
                    let want = histogram(reference, record, &rt, &ct, 0);
                    assert_eq!(got, want, "{reference:?} / {record:?}");
                    assert_eq!(got.len(), 1);
                }
            }
        }
    }

    fn words(s: &str) -> Vec<&str> {
        tokenize(s).iter().map(|t| &s[t.range()]).collect()
    }

    #[test]
    fn tokens_are_words_and_punctuation() {
        assert_eq!(
            words("L'arrêt n° 20-23.523, rendu"),
            vec![
                "L", "'", "arrêt", "n", "°", "20", "-", "23", ".", "523", ",", "rendu"
            ]
        );
        let t = tokenize("é a");
        assert_eq!((t[1].char_start, t[1].char_end), (2, 3));
    }

    #[test]
    fn substitution_insertion_and_cut() {
        let text = |s: &str, a: &[Tok], r: &Range<usize>| -> Vec<String> {
            a[r.clone()]
                .iter()
                .map(|t| s[t.range()].to_string())
                .collect()
        };
        let (x, y) = ("la cour rejette le pourvoi", "la cour casse le pourvoi");
        for a in [align(x, y), align_whole(x, y)] {
            assert_eq!(a.changes.len(), 1);
            let c = &a.changes[0];
            assert_eq!(text(x, &a.reference, &c.reference), ["rejette"]);
            assert_eq!(text(y, &a.record, &c.record), ["casse"]);
            assert_eq!(a.record_chars(&c.record), (8, 13));
        }
        // Indices in the whole texts' token lists, and in the middles' (`rejette` / `casse`,
        // then `le`, the first token of the tails).
        assert_eq!(align_whole(x, y).changes[0].reference, 2..3);
        assert_eq!(align(x, y).changes[0].reference, 0..1);
        assert_eq!(align(x, y).reference.len(), 2);

        let (x, y) = ("la cour rejette", "la cour , selon nous , rejette");
        for a in [align(x, y), align_whole(x, y)] {
            assert_eq!(a.changes.len(), 1);
            let c = &a.changes[0];
            assert!(c.reference.is_empty());
            assert_eq!(text(y, &a.record, &c.record), [",", "selon", "nous", ","]);
            assert_eq!(a.reference_chars(&c.reference), (8, 8));
        }

        let (x, y) = ("la cour rejette le pourvoi", "la cour");
        for a in [align(x, y), align_whole(x, y)] {
            assert_eq!(a.changes.len(), 1);
            assert!(a.changes[0].record.is_empty());
            assert_eq!(a.reference_chars(&a.changes[0].reference), (8, 26));
        }
    }

    #[test]
    fn an_elision_mark_is_one_token() {
        assert_eq!(
            words("arrêt. (…) PAR CES (...) MOTIFS (....) x"),
            vec![
                "arrêt", ".", "(…)", "PAR", "CES", "(...)", "MOTIFS", "(....)", "x"
            ]
        );
        // Not an elision: a space inside, two dots, a word inside, no closing parenthesis.
        assert_eq!(words("( … )"), vec!["(", "…", ")"]);
        assert_eq!(words("(..)"), vec!["(", ".", ".", ")"]);
        assert_eq!(words("(etc...)"), vec!["(", "etc", ".", ".", ".", ")"]);
        assert_eq!(words("(…"), vec!["(", "…"]);
        assert!(is_elision("(…)") && is_elision("(...)") && is_elision("(……)"));
        assert!(!is_elision("(…) x") && !is_elision("…") && !is_elision("[…]"));
        // Its chars are counted as chars.
        let t = tokenize("a (…) b");
        assert_eq!((t[1].char_start, t[1].char_end, t[2].char_start), (2, 5, 6));
        // The texts cut into middles still align as wholes.
        let (x, y) = (
            "la cour, au visa de l'article 12 (OCLTI), rejette le pourvoi formé par M. [K]",
            "la cour, (…) rejette le pourvoi formé par M. [K]",
        );
        assert_eq!(align(x, y).resolved(x, y), align_whole(x, y).resolved(x, y));
        assert_eq!(align(x, y).changes.len(), 1);
    }

    /// A list of near-identical lines, each with its own number (or a number two lines share),
    /// with one word changed on every line: past [`ANCHORED_ABOVE`] tokens the texts are cut at
    /// the numbers, and each line's change is still found alone, as the histogram diff finds it
    /// on a shorter list.
    #[test]
    fn a_long_repetitive_list_is_cut_at_its_rare_tokens() {
        let list = |lines: usize, share: usize, word: &str| -> String {
            (0..lines)
                .map(|i| {
                    format!(
                        "Par acte du {} mars 2020, Mme [O] [C] a formé un {word} contre la \
                         décision numéro {} du tribunal.\n",
                        i % 28 + 1,
                        i / share
                    )
                })
                .collect()
        };
        for (lines, share) in [(200, 1), (3_000, 1), (3_000, 2)] {
            let (reference, record) =
                (list(lines, share, "pourvoi"), list(lines, share, "recours"));
            let al = align(&reference, &record);
            assert_eq!(
                al.reference.len() > ANCHORED_ABOVE,
                lines > 1_000,
                "{lines} lines"
            );
            assert_eq!(al.changes.len(), lines, "{lines} lines, shared by {share}");
            for ch in &al.changes {
                let text = |toks: &[Tok], text: &str, r: &Range<usize>| -> Vec<String> {
                    toks[r.clone()]
                        .iter()
                        .map(|t| text[t.range()].to_string())
                        .collect()
                };
                assert_eq!(text(&al.reference, &reference, &ch.reference), ["pourvoi"]);
                assert_eq!(text(&al.record, &record, &ch.record), ["recours"]);
            }
        }
    }

    /// The cuts pair the same token, increase on both sides, and are a stretch apart; tokens
    /// frequent on one side, or unequal in number, make none.
    #[test]
    fn anchors_pair_rare_tokens_in_order() {
        let ids = |v: &[u32]| v.iter().map(|&x| Token(x)).collect::<Vec<_>>();
        // Token 1 is rare, inserted twice in the record before its matching occurrence: the
        // chain keeps the pairs increasing on both sides.
        let mut before = vec![0u32; 3 * STRETCH];
        before[STRETCH] = 1;
        before[2 * STRETCH] = 2;
        let mut after = before.clone();
        after.insert(10, 3);
        let cuts = anchors(&ids(&before), &ids(&after), 4);
        assert_eq!(
            cuts,
            [(STRETCH, STRETCH + 1), (2 * STRETCH, 2 * STRETCH + 1)]
        );
        for &(i, j) in &cuts {
            assert_eq!(before[i], after[j]);
        }
        // A token twice in the reference but once in the record pairs nothing.
        after.remove(2 * STRETCH + 1);
        assert_eq!(
            anchors(&ids(&before), &ids(&after), 4),
            [(STRETCH, STRETCH + 1)]
        );
        // Two cuts closer than a stretch: only the first.
        let mut close = vec![0u32; 3 * STRETCH];
        close[STRETCH] = 1;
        close[STRETCH + 5] = 2;
        assert_eq!(anchors(&ids(&close), &ids(&close), 3), [(STRETCH, STRETCH)]);
    }

    #[test]
    fn identical_texts_have_no_change() {
        let t = "Sur le rapport de Mme Thomas, conseiller, la Cour...";
        assert!(align(t, t).changes.is_empty());
    }

    /// Runs of markers are matched with any other run, whatever they read, so that the words
    /// around them are compared on their own.
    #[test]
    fn marker_pieces_match_runs_of_markers_in_any_style() {
        let pieces = |a: &str, b: &str| -> Vec<(Vec<String>, Vec<String>, bool)> {
            let (ta, tb) = (tokenize(a), tokenize(b));
            marker_pieces(a, &ta, b, &tb)
                .into_iter()
                .map(|p| {
                    let side = |text: &str, toks: &[Tok], r: Range<usize>| {
                        toks[r]
                            .iter()
                            .map(|t| text[t.range()].to_string())
                            .collect()
                    };
                    (side(a, &ta, p.reference), side(b, &tb, p.record), p.matched)
                })
                .collect()
        };
        let v = |s: &[&str]| -> Vec<String> { s.iter().map(|w| w.to_string()).collect() };
        assert_eq!(
            pieces(
                "M. [Z] [R], domicilié [Adresse 1]",
                "Mme X..., demeurant ***"
            ),
            vec![
                (v(&["M", "."]), v(&["Mme"]), false),
                (v(&["[Z]", "[R]"]), v(&["X..."]), true),
                (v(&[","]), v(&[","]), true),
                (v(&["domicilié"]), v(&["demeurant"]), false),
                (v(&["[Adresse 1]"]), v(&["***"]), true),
            ]
        );
        // A run one side lacks is a difference.
        assert_eq!(
            pieces("[Adresse 2] à [Localité 4]", "[…]"),
            vec![
                (v(&["[Adresse 2]"]), v(&["[…]"]), true),
                (v(&["à", "[Localité 4]"]), v(&[]), false),
            ]
        );
    }
}
