//! Integrity of the text (INT001–INT004) and the masking differences found by the same alignment
//! (MSK001–MSK003). A record's normalised text is compared with its reference's only when their
//! digests differ; the differences are then classified from a real token diff:
//! - a reference marker replaced by clear text: MSK001 (occultation lifted);
//! - clear reference text replaced by a marker: MSK003 when it is a person's name or holds a
//!   direct identifier the source left in clear (what MSK004 and MSK005 flag in clear: a
//!   provisional occultation of the source's defect), MSK002 otherwise (occultation added);
//! - a marker replaced by another marker: no finding (the same occultation, another spelling),
//!   but the words beside it are compared on their own (see [`split_respelt`]);
//! - otherwise words inserted (INT002), cut (INT003, unless the record is an excerpt) or
//!   substituted (INT001). A marker in place of more than a name, an address or a date
//!   (sentences, paragraphs) and an elision mark `(…)` in place of words stand for a cut.
//!   Words deleted from a sentence the record keeps are an alteration (INT001), in an excerpt
//!   too: an excerpt may leave passages out, not change what it keeps; text written in place
//!   of whole sentences is an insertion and a cut (see [`classify`]).
//!
//! Each difference is a finding of its own, whose message quotes it, up to [`LISTED`] of one
//! rule in a record; the rest are one more finding.

use super::Rule;
use crate::model::{Evidence, Finding, Personal, RecordRef, bound};
use crate::text::align::{self, Alignment, Change};
use crate::text::letterspacing;
use crate::text::markers::{self, MarkerKind};
use crate::text::names;
use crate::text::normalize::Normalized;
use crate::text::rulelines;
use crate::text::sentences;
use std::cell::OnceCell;
use std::ops::Range;
use std::sync::Arc;

/// Characters of context around a span in evidence excerpts.
pub(crate) const CONTEXT: usize = 40;

/// What comparing a record's text with its reference found.
#[derive(Debug, Default, PartialEq)]
pub struct TextComparison {
    /// INT001–INT003 (replaced by FRE002 when the record is outdated).
    pub integrity: Vec<Finding>,
    /// MSK001–MSK003.
    pub masking: Vec<Finding>,
    /// Spans (chars of the record text as read) reported as MSK001: not reported again as
    /// MSK004 or MSK005.
    pub lifted: Vec<(usize, usize)>,
    /// The first textual difference, for FRE002.
    pub first_difference: Option<Evidence>,
    /// Whether the texts differ at all once what is no change is set aside (letter-spacing,
    /// see [`set_aside_letter_spacing`]): a marker respelt is a difference, though no finding.
    pub differs: bool,
}

/// The most tokens other than markers (words and punctuation) that a marker stands for when it
/// masks: a name, a company, an address or a date (`la société Dilo Guyane`, `12 avenue du
/// Maréchal de Lattre de Tassigny`). A marker in place of more, sentences or paragraphs, stands
/// for a passage cut from the decision: a cut, whatever sign marks it.
const MASKED_TOKENS: usize = 10;

/// Chars of a long span shown at each of its ends in an excerpt; the middle is left out.
pub(crate) const SPAN_ENDS: usize = 80;

/// What stands for the middle of a long span left out of an excerpt: the omission sign of
/// French quotations, in parentheses (`[…]` is a masking marker).
pub(crate) const OMITTED: &str = " (…) ";

/// Builds an excerpt of `text` around chars `[start, end)`: the excerpt and the span's place in
/// it (in chars). A span of more than `2 × SPAN_ENDS` chars and the omission sign shows its two
/// ends around [`OMITTED`]: a passage cut from a decision may be most of it, and every finding
/// keeps its excerpts. A span of personal data is shown whole (see [`personal_excerpt`]).
pub fn excerpt(text: &str, start: usize, end: usize) -> (String, (usize, usize)) {
    let (ex, span, _) = Excerpter::new(text, &[]).excerpt_of(start, end, true);
    (ex, span)
}

/// [`excerpt`] of a span that holds personal data, never shortened: what an excerpt marks as
/// personal is looked for in the record's other excerpts to be redacted there too
/// ([`crate::rules::masking::share_personal`]), so all of it must be there.
pub fn personal_excerpt(text: &str, start: usize, end: usize) -> (String, (usize, usize)) {
    let (ex, span, _) = Excerpter::new(text, &[]).excerpt_of(start, end, false);
    (ex, span)
}

/// [`excerpt`], with the pieces of personal data it shows of those of `text`, `personal` (char
/// ranges of `text`, sorted by start): each as much of it as the excerpt shows.
pub fn marked_excerpt(
    text: &str,
    start: usize,
    end: usize,
    personal: &[(usize, usize)],
) -> (String, (usize, usize), Vec<Personal>) {
    Excerpter::new(text, personal).marked(start, end)
}

/// [`personal_excerpt`], with the pieces of personal data it shows, as [`marked_excerpt`].
pub fn marked_personal_excerpt(
    text: &str,
    start: usize,
    end: usize,
    personal: &[(usize, usize)],
) -> (String, (usize, usize), Vec<Personal>) {
    Excerpter::new(text, personal).marked_personal(start, end)
}

/// Ranges sorted by start, with the furthest end reached so far at each: which of them reach a
/// place is a look-up, not a walk through them all (an excerpt's pieces of personal data, the
/// spans a record lifted).
pub struct Reach<'a> {
    ranges: &'a [(usize, usize)],
    /// `furthest[i]`: the greatest end of `ranges[..=i]`.
    furthest: Vec<usize>,
}

impl<'a> Reach<'a> {
    /// `ranges`: sorted by start.
    pub fn new(ranges: &'a [(usize, usize)]) -> Reach<'a> {
        debug_assert!(ranges.is_sorted_by_key(|r| r.0));
        let furthest = ranges
            .iter()
            .scan(0, |m, &(_, b)| {
                *m = b.max(*m);
                Some(*m)
            })
            .collect();
        Reach { ranges, furthest }
    }

    /// The ranges from the first that ends after `from` on: those before it end at or before
    /// `from`. (The furthest end first passes `from` at a range that itself ends after it.)
    pub fn ending_after(&self, from: usize) -> &'a [(usize, usize)] {
        &self.ranges[self.furthest.partition_point(|&m| m <= from)..]
    }

    /// Whether a range overlaps `[start, end)`: the first that ends after `start` starts before
    /// `end` (the later ones start later).
    pub fn overlaps(&self, (start, end): (usize, usize)) -> bool {
        self.ending_after(start)
            .first()
            .is_some_and(|&(a, _)| a < end)
    }
}

/// Chars between two marks of an [`Excerpter`]'s index.
const MARK_EVERY: usize = 4096;

/// Excerpts of one text, with the pieces of personal data it shows: what the findings of a
/// record share. Its excerpts cost what they show, not what comes before them: the byte of a
/// char is counted from the nearest mark of an index built on the first excerpt of a long text,
/// and the pieces are looked up from the first that can reach the excerpt. (Counting from the
/// text's start and going through every piece cost the square of the findings' count on a text
/// of thousands of exposed numbers.)
pub struct Excerpter<'a> {
    text: &'a str,
    /// Char ranges of `text`, sorted by start.
    pieces: Reach<'a>,
    /// The byte of every [`MARK_EVERY`]-th char, built when first needed.
    marks: std::cell::OnceCell<Vec<usize>>,
}

impl<'a> Excerpter<'a> {
    /// `pieces`: char ranges of `text`, sorted by start.
    pub fn new(text: &'a str, pieces: &'a [(usize, usize)]) -> Excerpter<'a> {
        Excerpter {
            text,
            pieces: Reach::new(pieces),
            marks: std::cell::OnceCell::new(),
        }
    }

    /// [`marked_excerpt`].
    pub fn marked(&self, start: usize, end: usize) -> (String, (usize, usize), Vec<Personal>) {
        let (ex, span, window) = self.excerpt_of(start, end, true);
        (ex, span, self.shown(&window))
    }

    /// [`marked_personal_excerpt`].
    pub fn marked_personal(
        &self,
        start: usize,
        end: usize,
    ) -> (String, (usize, usize), Vec<Personal>) {
        let (ex, span, window) = self.excerpt_of(start, end, false);
        (ex, span, self.shown(&window))
    }

    /// What the excerpt of `window` shows of the pieces ([`Window::personal`]).
    fn shown(&self, window: &Window) -> Vec<Personal> {
        window.personal(self.reaching(window.from))
    }

    /// The pieces from the first that can reach char `from` on (those before end before it).
    fn reaching(&self, from: usize) -> &'a [(usize, usize)] {
        self.pieces.ending_after(from)
    }

    /// A char boundary at or before char `k` and its char index: a mark of the index, for a
    /// long text.
    fn before(&self, k: usize) -> (usize, usize) {
        if self.text.len() < 4 * MARK_EVERY || k < MARK_EVERY {
            return (0, 0);
        }
        let marks = self.marks.get_or_init(|| {
            // From mark to mark with the fast count, not char by char.
            let mut marks = vec![0];
            let (mut b, mut c) = (0, 0);
            loop {
                (b, c) = byte_of_char(self.text, b, c, c + MARK_EVERY);
                if b >= self.text.len() {
                    break marks;
                }
                marks.push(b);
            }
        });
        let i = (k / MARK_EVERY).min(marks.len() - 1);
        (marks[i], i * MARK_EVERY)
    }
}

/// Where the chars of an excerpt come from in its text: chars `from..cut`, then, after the
/// omission sign when the excerpt leaves out the middle of a long span, `resume..to`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Window {
    from: usize,
    cut: usize,
    resume: usize,
    to: usize,
    /// Chars of the omission sign: 0 when nothing is left out (then `cut == resume`).
    omitted: usize,
}

impl Window {
    /// What the excerpt shows of the pieces `personal` (char ranges of its text, sorted by
    /// start), in chars of the excerpt. A piece the window or the omission cuts is shown in
    /// part: the part says whether the piece's first and last chars are in it.
    fn personal(&self, personal: &[(usize, usize)]) -> Vec<Personal> {
        // The runs of the text the excerpt shows, and where each starts in it.
        let runs: &[(usize, usize, usize)] = if self.omitted == 0 {
            &[(self.from, self.to, 0)]
        } else {
            &[
                (self.from, self.cut, 0),
                (self.resume, self.to, self.cut - self.from + self.omitted),
            ]
        };
        let mut out = Vec::new();
        for &(a, b) in personal.iter().take_while(|&&(a, _)| a < self.to) {
            for &(lo, hi, at) in runs {
                let (s, e) = (a.max(lo), b.min(hi));
                if s < e {
                    out.push(Personal {
                        start: at + s - lo,
                        end: at + e - lo,
                        first: s == a,
                        last: e == b,
                    });
                }
            }
        }
        out
    }
}

/// The most chars of a text that a message quotes whole; a longer quote shows its first
/// [`QUOTE_HEAD`] and last [`QUOTE_TAIL`] chars around [`OMITTED`].
const QUOTE: usize = 70;
const QUOTE_HEAD: usize = 35;
const QUOTE_TAIL: usize = 30;
/// The most chars of a word cut by a quote's omission that are left out to cut between words.
const QUOTE_SLACK: usize = 15;

/// The most chars of context [`Excerpter::widened`] adds on each side of a span.
const CONTEXT_WORD: usize = 24;

impl Excerpter<'_> {
    /// Chars `[start, end)` of the text with the word before and the word after, and what lies
    /// between (`qui n'a pas constaté` for `n'a pas`); a word of one or two letters elided before
    /// an apostrophe (`d'`, `l'`) brings the next one with it; a marker there is taken whole. At
    /// most [`CONTEXT_WORD`] chars on each side.
    fn widened(&self, (start, end): (usize, usize)) -> (usize, usize) {
        let text = self.text;
        let (b0, c0) = self.before(start);
        let (s, cs) = byte_of_char(text, b0, c0, start);
        let (e, ce) = byte_of_char(text, s, cs, end.max(cs));
        // Back: past spaces and punctuation, then the word.
        let back: Vec<char> = text[..s].chars().rev().take(CONTEXT_WORD).collect();
        let gap = back.iter().take_while(|c| !c.is_alphanumeric()).count();
        let word = back[gap..]
            .iter()
            .take_while(|c| c.is_alphanumeric())
            .count();
        // A word the look-back cuts is left out.
        let whole = gap + word < back.len() || back.len() < CONTEXT_WORD;
        let left = if word > 0 && whole { gap + word } else { 0 };
        // On: past spaces and punctuation, then the word, and the next if it is elided.
        let on: Vec<char> = text[e..].chars().take(CONTEXT_WORD).collect();
        let mut right = 0;
        while right < on.len() {
            let gap = on[right..]
                .iter()
                .take_while(|c| !c.is_alphanumeric())
                .count();
            let word = on[right + gap..]
                .iter()
                .take_while(|c| c.is_alphanumeric())
                .count();
            if word == 0 || (right + gap + word == on.len() && on.len() == CONTEXT_WORD) {
                break;
            }
            right += gap + word;
            if !(word <= 2 && on.get(right) == Some(&'\'')) {
                break;
            }
        }
        // A marker next to the span is quoted whole (`[Adresse 1] à` rather than `1] à`), as
        // the word it stands for would be.
        let no_word = |s: &str| !s.chars().any(char::is_alphanumeric);
        let ws = s - back.iter().map(|c| c.len_utf8()).sum::<usize>();
        let left = match markers::find_markers(&text[ws..s]).last() {
            Some(m) if no_word(&text[ws + m.end..s]) => text[ws + m.start..s].chars().count(),
            _ => left,
        };
        let we = e + on.iter().map(|c| c.len_utf8()).sum::<usize>();
        let right = match markers::find_markers(&text[e..we]).first() {
            Some(m) if no_word(&text[e..e + m.start]) => text[e..e + m.end].chars().count(),
            _ => right,
        };
        (cs - left, ce + right)
    }

    /// Chars `[start, end)` of the text, as a message quotes them (see [`QUOTE`]), with what
    /// the quote shows of the pieces of personal data, in its chars.
    fn quote(&self, start: usize, end: usize) -> (String, Vec<Personal>) {
        let text = self.text;
        let (b0, c0) = self.before(start);
        let (s, cs) = byte_of_char(text, b0, c0, start);
        let (e, ce) = byte_of_char(text, s, cs, end.max(cs));
        let (quote, window) = if ce - cs > QUOTE {
            let (cut, _) = byte_of_char(text, s, cs, cs + QUOTE_HEAD);
            let (resume, _) = byte_of_char(text, cut, cs + QUOTE_HEAD, ce - QUOTE_TAIL);
            // Cut between words, if one ends near enough, and the spaces there left out.
            let mut head = &text[s..cut];
            if !text[cut..].starts_with(' ')
                && let Some(k) = head.rfind(' ')
                && head[k..].chars().count() <= QUOTE_SLACK
            {
                head = &head[..k];
            }
            let head = head.trim_end_matches(' ');
            let mut tail = &text[resume..e];
            if !text[..resume].ends_with(' ')
                && let Some(k) = tail.find(' ')
                && tail[..k].chars().count() <= QUOTE_SLACK
            {
                tail = &tail[k..];
            }
            let tail = tail.trim_start_matches(' ');
            let (c_cut, c_resume) = (cs + head.chars().count(), ce - tail.chars().count());
            let quote = format!("{head}{OMITTED}{tail}");
            let window = Window {
                from: cs,
                cut: c_cut,
                resume: c_resume,
                to: ce,
                omitted: OMITTED.chars().count(),
            };
            (quote, window)
        } else {
            let window = Window {
                from: cs,
                cut: ce,
                resume: ce,
                to: ce,
                omitted: 0,
            };
            (text[s..e].to_string(), window)
        };
        let pieces = window.personal(self.reaching(cs));
        (quote, pieces)
    }
}

impl Excerpter<'_> {
    /// The excerpt around chars `[start, end)`, the span's place in it, and where its chars
    /// come from in the text.
    fn excerpt_of(
        &self,
        start: usize,
        end: usize,
        elide: bool,
    ) -> (String, (usize, usize), Window) {
        let text = self.text;
        let omitted_chars = OMITTED.chars().count();
        // Where the span starts and ends, within the text.
        let from = start.saturating_sub(CONTEXT);
        let (b0, c0) = self.before(from);
        let (from, c_from) = byte_of_char(text, b0, c0, from);
        let (start, c_start) = byte_of_char(text, from, c_from, start);
        let (end, c_end) = byte_of_char(text, start, c_start, end.max(c_start));
        let elided = elide && c_end - c_start > 2 * SPAN_ENDS + omitted_chars;
        let ((cut_from, c_cut), (cut_to, c_resume)) = if elided {
            let (cut_from, c) = byte_of_char(text, start, c_start, c_start + SPAN_ENDS);
            (
                (cut_from, c),
                byte_of_char(text, cut_from, c, c_end - SPAN_ENDS),
            )
        } else {
            ((end, c_end), (end, c_end))
        };
        let (to, c_to) = byte_of_char(text, end, c_end, c_end + CONTEXT);
        let omitted = if elided { OMITTED } else { "" };
        // What is shown, not the whole window: a long span's middle is left out.
        let mut out = String::with_capacity((cut_from - from) + omitted.len() + (to - cut_to));
        out.push_str(&text[from..cut_from]);
        out.push_str(omitted);
        out.push_str(&text[cut_to..to]);
        let lead = c_start - c_from;
        let span = if elided {
            2 * SPAN_ENDS + omitted_chars
        } else {
            c_end - c_start
        };
        let window = Window {
            from: c_from,
            cut: c_cut,
            resume: c_resume,
            to: c_to,
            omitted: if elided { omitted_chars } else { 0 },
        };
        (out, (lead, lead + span), window)
    }
}

/// The byte offset of char `k` of `text` (its length when `k` is past the end), counting on
/// from byte `b`, a char boundary, which is char `c` (at most `k`); and the char index reached.
/// Chars are counted a stretch at a time with the standard library's fast count, each stretch as
/// many bytes as chars are left to go (a char is at least one byte, so it cannot overshoot):
/// far quicker than decoding every char, on texts that are mostly ASCII.
fn byte_of_char(text: &str, mut b: usize, mut c: usize, k: usize) -> (usize, usize) {
    while c < k && b < text.len() {
        let mut e = (b + (k - c)).min(text.len());
        while !text.is_char_boundary(e) {
            e += 1;
        }
        c += text[b..e].chars().count();
        b = e;
    }
    (b, c)
}

/// The two texts compared, and their excerpts, which hide the personal data each shows in
/// clear (char ranges of the normalised text, sorted by start).
struct Texts<'a> {
    record: &'a Normalized,
    reference: &'a Normalized,
    /// The names the reference shows in clear ([`names::find_person_names`], with the
    /// decision's professionals).
    reference_names: &'a [names::NameHit],
    /// Excerpts of each text, hiding its personal data.
    record_ex: Excerpter<'a>,
    reference_ex: Excerpter<'a>,
}

/// What a reference text shows in clear: the chars of its personal data, sorted, and the
/// names among it.
type InClearOfReference = (Vec<(usize, usize)>, Vec<names::NameHit>);

/// A reference text, normalised with its map, and what comparing records with it finds in it
/// alone: kept for the next records compared with it, so that many records citing one long
/// decision do not each cost the length of the decision.
#[derive(Debug)]
pub struct ComparedReference {
    pub text: Normalized,
    /// Its professionals (the decision's metadata), which its personal data leaves out.
    professionals: Vec<String>,
    /// Its markers, and its tokens once they are worth finding.
    prepared: align::Prepared,
    /// The personal data it shows in clear (what the source failed to mask), as chars, and
    /// the names among it, found at the first record that differs from it: each masking the
    /// reuser adds is asked whether it hides one of those names (MSK003), and a record may add
    /// thousands.
    personal: OnceCell<InClearOfReference>,
    /// The chars of the text as read that break a line (`\n`, `\r`), by index: where its
    /// paragraphs end, which the normalised text no longer shows (see [`sentences`]).
    breaks: Vec<u32>,
}

impl ComparedReference {
    /// `text`, the normalised reference text, of a decision whose metadata names
    /// `professionals`; `original`, the text as read that it normalises.
    pub fn new(text: Normalized, original: &str, professionals: &[String]) -> Self {
        ComparedReference {
            prepared: align::Prepared::new(&text.text),
            text,
            professionals: professionals.to_vec(),
            personal: OnceCell::new(),
            breaks: line_breaks(original),
        }
    }

    /// Whether the text as read breaks a line between the chars at bytes `a` and `b` of the
    /// normalised text, which are chars `ca` and `cb`.
    fn breaks_between(&self, ca: usize, cb: usize) -> bool {
        let (Some(oa), Some(ob)) = (self.text.original_index(ca), self.text.original_index(cb))
        else {
            return false;
        };
        let i = self.breaks.partition_point(|&x| (x as usize) <= oa);
        self.breaks.get(i).is_some_and(|&x| (x as usize) < ob)
    }
}

/// The char indices of the line breaks (`\n`, `\r`) of `text`, counted a line at a time.
fn line_breaks(text: &str) -> Vec<u32> {
    let mut out = Vec::new();
    let (mut b, mut c) = (0, 0);
    for i in memchr::memchr2_iter(b'\n', b'\r', text.as_bytes()) {
        c += text[b..i].chars().count();
        b = i;
        out.push(c as u32);
    }
    out
}

impl super::kept::Weigh for ComparedReference {
    fn heap_bytes(&self) -> usize {
        self.text.heap_bytes()
            + self.prepared.heap_bytes()
            + self
                .professionals
                .iter()
                .map(|p| p.capacity() + std::mem::size_of::<String>())
                .sum::<usize>()
            + self.personal.get().map_or(0, |(p, n)| {
                p.capacity() * std::mem::size_of::<(usize, usize)>()
                    + n.capacity() * std::mem::size_of::<names::NameHit>()
            })
            + self.breaks.capacity() * std::mem::size_of::<u32>()
    }
}

/// Compares the normalised (and mapped) record and reference texts. `record_personal` is the
/// personal data the record's text shows in clear ([`crate::rules::masking::InClear`], char
/// ranges of the normalised text, sorted by start): the excerpts hide it, and the reference's,
/// found here (what the source failed to mask).
pub fn compare(
    record: &Normalized,
    compared: &ComparedReference,
    is_excerpt: bool,
    record_personal: &[(usize, usize)],
    rec: &Arc<RecordRef>,
) -> TextComparison {
    let reference = &compared.text;
    let professionals = compared.professionals.as_slice();
    let mut al = align::align_prepared(&reference.text, &compared.prepared, &record.text);
    // Letters spaced out on one side and set solid on the other are no change.
    set_aside_letter_spacing(&mut al, record, reference);
    // So are rule lines left out or drawn otherwise.
    set_aside_rules(&mut al, record, reference);
    // A last word cut short is where the record ends, not a word matched further on.
    mend_truncated_end(&mut al, record, reference);
    // A marker respelt beside words changed is two differences: the marker (no finding) and
    // the words (an alteration of the text); see [`split_respelt`].
    if al
        .changes
        .iter()
        .any(|ch| respelt_with_words(&al, ch, record, reference))
    {
        let changes = std::mem::take(&mut al.changes);
        let split: Vec<Change> = changes
            .into_iter()
            .flat_map(|ch| {
                if respelt_with_words(&al, &ch, record, reference) {
                    split_respelt(&al, &ch, record, reference)
                } else {
                    vec![ch]
                }
            })
            .collect();
        al.changes = split;
    }
    // A name shown in place of markers with words added after it is two differences too: the
    // name lifted and the words inserted; see [`lifted_with_words`]. So is a name masked with
    // words added after the markers ([`masked_with_words`]).
    let cuts: Vec<Option<usize>> = al
        .changes
        .iter()
        .map(|ch| {
            lifted_with_words(&al, ch, record, reference)
                .or_else(|| masked_with_words(&al, ch, record, reference))
        })
        .collect();
    if cuts.iter().any(Option::is_some) {
        let mut split = Vec::with_capacity(al.changes.len() + cuts.len());
        for (ch, cut) in std::mem::take(&mut al.changes).into_iter().zip(cuts) {
            match cut {
                Some(cut) => {
                    split.push(Change {
                        reference: ch.reference.clone(),
                        record: ch.record.start..cut,
                    });
                    split.push(Change {
                        reference: ch.reference.end..ch.reference.end,
                        record: cut..ch.record.end,
                    });
                }
                None => split.push(ch),
            }
        }
        al.changes = split;
    }
    let mut out = TextComparison {
        differs: !al.changes.is_empty(),
        ..TextComparison::default()
    };
    let (reference_personal, reference_names): (&[(usize, usize)], &[names::NameHit]) =
        if al.changes.is_empty() {
            (&[], &[])
        } else {
            let (p, n) = compared.personal.get_or_init(|| {
                use crate::rules::masking::{InClear, Professionals};
                InClear::find(&reference.text, &Professionals::of_metadata(professionals))
                    .into_pieces_and_names()
            });
            (p, n)
        };
    let texts = Texts {
        record,
        reference,
        reference_names,
        record_ex: Excerpter::new(&record.text, record_personal),
        reference_ex: Excerpter::new(&reference.text, reference_personal),
    };
    // The changes that are no masking difference, by index: words substituted, inserted or
    // cut, classified together below.
    let mut candidates: Vec<usize> = Vec::new();
    for (k, ch) in al.changes.iter().enumerate() {
        let (ref_markers, rec_markers) = markers_in(&al, ch);
        let rec_words = ch.record.len() - rec_markers;
        let ref_words = ch.reference.len() - ref_markers;
        // A marker shown in clear is replaced by a few words (a name, an address); a marker
        // added replaces a few words. A change that also holds a long passage is a cut or an
        // insertion that happens to cross a marker, or that a marker stands for.
        if ref_markers > 0
            && rec_markers == 0
            && ref_words <= 2
            && respelt_as_marks(&al, ch, record, reference)
        {
            // Initials respelt (`C... A... B...` as `C. A. B.`), or marks of the reuser's own
            // (`XX-XXX-XX` for a plate, `société X`): the same occultation, no name shown.
        } else if ref_markers > 0 && ref_words == 0 && marker_in_entities(&al, ch, record) {
            // A marker written with HTML entities in a plain text (`[Localit&eacute; 3]`): no
            // name shown, but not the text as published either.
            candidates.push(k);
        } else if ref_markers > 0
            && rec_markers == 0
            && rec_words > 0
            && ref_words <= 2
            && clear_words(&al, ch, record) <= words_per_marker(&al, ch, reference) * ref_markers
            && shows_a_value(&al, ch, record, reference)
        {
            let shown = markers_of(&al, ch, reference);
            let (rspan, fspan) = (
                al.record_chars(&ch.record),
                al.reference_chars(&ch.reference),
            );
            lifted(rspan, fspan, &shown, &texts, rec, &mut out);
        } else if rec_words == 0
            && ref_words > 0
            && al.record[ch.record.clone()]
                .iter()
                .all(|t| elision_mark(&record.text, t))
            && whole_sentences(&al, ch, compared)
        {
            // `[…]` in place of whole sentences: a passage left out and marked so, as excerpts
            // do (a cut), not an occultation the reuser added.
            candidates.push(k);
        } else if rec_markers > 0
            && ref_markers == 0
            && ref_words > 0
            && rec_words <= 2
            && ref_words <= MASKED_TOKENS * rec_markers
            && (masks_a_value(&al, ch, record, reference) || masks_personal_data(&al, ch, &texts))
        {
            added(&al, ch, &texts, rec, &mut out);
        } else if ref_markers > 0
            && rec_markers > 0
            && ref_words <= MASKED_TOKENS * rec_markers
            && clear_words(&al, ch, record) <= words_per_marker(&al, ch, reference) * ref_markers
        {
            // The same occultation, spelt otherwise, or markers moved: nothing the reuser exposed
            // or added, as long as neither side holds more than the other's markers may stand
            // for (a `[…]` in place of paragraphs that hold markers of the reference is a cut);
            // unless the record shows, beside markers of its own, name words that the reference
            // masks (`M. [H] [W]` as `M. H... Wattelet` or `M. Hervé X...`).
            if ref_words <= 2
                && let Some(shown) = names_shown(&al, ch, record, reference, 8 * ref_markers)
            {
                let markers = markers_of(&al, ch, reference);
                let (rspan, fspan) = (al.record_chars(&shown), al.reference_chars(&ch.reference));
                lifted(rspan, fspan, &markers, &texts, rec, &mut out);
            }
        } else if ch.reference.is_empty() {
            // A name added beside a marker shows whom the marker masks (`Mme B...` as
            // `Mme B... Bensaïd`, `M. [J] Yvelin`).
            match name_beside_marker(&al, ch, record) {
                Some((marker, before)) => {
                    // The marker beside may be the reuser's spelling of the reference's (a change
                    // of its own, see [`split_respelt`]): what is shown is what those mask.
                    let respelt = if before {
                        k.checked_sub(1)
                            .map(|p| &al.changes[p])
                            .filter(|p| p.record.end == ch.record.start)
                    } else {
                        al.changes
                            .get(k + 1)
                            .filter(|n| n.record.start == ch.record.end)
                    }
                    .filter(|n| al.reference[n.reference.clone()].iter().any(|t| t.marker));
                    let rspan = al.record_chars(&ch.record);
                    match respelt {
                        Some(n) => {
                            let shown = markers_of(&al, n, reference);
                            let fspan = al.reference_chars(&n.reference);
                            lifted(rspan, fspan, &shown, &texts, rec, &mut out);
                        }
                        None => {
                            let fspan = al.reference_chars(&ch.reference);
                            lifted(rspan, fspan, &[marker], &texts, rec, &mut out);
                        }
                    }
                }
                None => candidates.push(k),
            }
        } else {
            candidates.push(k);
        }
    }
    let hunks = classify(&al, &candidates, compared, record);
    // The change the first integrity difference starts at, by index.
    let first_integrity = hunks.first().map(|h| h.at);
    if let Some(first) = al.changes.iter().enumerate().find_map(|(k, ch)| {
        // Masking differences aside, the first real difference: one that no marker takes part
        // in, or one classified as a cut, an insertion or a substitution all the same.
        if first_integrity == Some(k) {
            return Some(&hunks[0].change);
        }
        let rm = al.reference[ch.reference.clone()].iter().any(|t| t.marker);
        let cm = al.record[ch.record.clone()].iter().any(|t| t.marker);
        (!rm && !cm).then_some(ch)
    }) {
        out.first_difference = Some(change_evidence(&al, first, &texts));
    }
    let of = |kinds: &[Kind]| -> Vec<&Hunk> {
        hunks.iter().filter(|h| kinds.contains(&h.kind)).collect()
    };
    report(
        Rule::INT001,
        &of(&[Kind::Substituted]),
        &al,
        &texts,
        rec,
        &mut out,
    );
    report(
        Rule::INT002,
        &of(&[Kind::Inserted]),
        &al,
        &texts,
        rec,
        &mut out,
    );
    if !is_excerpt {
        report(Rule::INT003, &of(&[Kind::Cut]), &al, &texts, rec, &mut out);
    }
    out
}

/// The changes of `al` as what is left of them once letter-spacing is set aside: a run of single
/// letters on one side that spells the other side's words is no change
/// ([`letterspacing::set_aside`]).
fn set_aside_letter_spacing(al: &mut Alignment, record: &Normalized, reference: &Normalized) {
    let (ref_toks, rec_toks) = (&al.reference, &al.record);
    let spaced = |ch: &Change| {
        letterspacing::has_run(
            ref_toks[ch.reference.clone()]
                .iter()
                .map(|t| &reference.text[t.range()]),
        ) || letterspacing::has_run(
            rec_toks[ch.record.clone()]
                .iter()
                .map(|t| &record.text[t.range()]),
        )
    };
    // Most changes hold no single letters in a row.
    if !al.changes.iter().any(spaced) {
        return;
    }
    let hunks: Vec<_> = al
        .changes
        .iter()
        .map(|ch| (ch.reference.clone(), ch.record.clone()))
        .collect();
    al.changes = letterspacing::set_aside(
        &hunks,
        |k| &reference.text[ref_toks[k].range()],
        |k| &record.text[rec_toks[k].range()],
    )
    .into_iter()
    .filter(|&(_, _, changed)| changed)
    .map(|(reference, record, _)| Change { reference, record })
    .collect();
}

/// The changes of `al` as what is left of them once the rule lines at their ends are set aside
/// ([`rulelines::trim`]): a change of rules alone is none.
fn set_aside_rules(al: &mut Alignment, record: &Normalized, reference: &Normalized) {
    let (ref_toks, rec_toks) = (&al.reference, &al.record);
    let kind = |text: &str, t: &align::Tok| {
        if rulelines::in_rule(text, t.range()) {
            rulelines::Kind::Rule
        } else {
            rulelines::Kind::Other
        }
    };
    al.changes.retain_mut(|ch| {
        match rulelines::trim(
            ch.reference.clone(),
            ch.record.clone(),
            |k| kind(&reference.text, &ref_toks[k]),
            |k| kind(&record.text, &rec_toks[k]),
        ) {
            Some((reference, record)) => {
                *ch = Change { reference, record };
                true
            }
            None => false,
        }
    });
}

/// A record that ends on a word cut short (an excerpt cut at a number of chars: `le 3 a` for
/// `le 3 août 2018, …`) ends there. When the fragment is also a word of the reference further on
/// (`a`), the diff matches it there, and the words between would be deleted inside a sentence
/// the record keeps (an alteration, INT001) rather than left out at its end (a cut, which an
/// excerpt may make). So when the record's last token, a word, is matched after a deletion that
/// starts with a longer word it begins, the deletion, the token and the rest of the reference
/// are one change: the reference's end left out, with the fragment written in its place.
fn mend_truncated_end(al: &mut Alignment, record: &Normalized, reference: &Normalized) {
    let (n, m) = (al.record.len(), al.reference.len());
    let Some(last) = n.checked_sub(1) else {
        return;
    };
    // The change at or before the record's last token, and what follows it.
    let Some(k) = al.changes.iter().rposition(|c| c.record.start <= last) else {
        return;
    };
    let ch = &al.changes[k];
    if !ch.record.is_empty() || ch.record.start != last || ch.reference.is_empty() {
        return;
    }
    let tail = &al.changes[k + 1..];
    let ends = match tail {
        [] => ch.reference.end + 1 == m,
        [t] => t.record == (n..n) && t.reference.end == m,
        _ => false,
    };
    let fragment = &record.text[al.record[last].range()];
    let cut_word = &reference.text[al.reference[ch.reference.start].range()];
    if ends
        && fragment.chars().all(char::is_alphanumeric)
        && cut_word.len() > fragment.len()
        && cut_word.starts_with(fragment)
    {
        let start = ch.reference.start;
        al.changes.truncate(k);
        al.changes.push(Change {
            reference: start..m,
            record: last..n,
        });
    }
}

/// How many markers the reference's side of `ch`, then the record's, holds.
fn markers_in(al: &Alignment, ch: &Change) -> (usize, usize) {
    let count = |tokens: &[align::Tok]| tokens.iter().filter(|t| t.marker).count();
    (
        count(&al.reference[ch.reference.clone()]),
        count(&al.record[ch.record.clone()]),
    )
}

/// Whether change `ch` holds markers on both sides and words of the record's, and is within what
/// markers may stand for: the same occultation respelt (`[Adresse 1]` as `[...]`, `M. [Z] [R]`
/// as `M. X...`), but perhaps with words changed beside the markers, which [`split_respelt`]
/// sets apart. These are the changes that [`compare`] would take whole for the same occultation.
fn respelt_with_words(
    al: &Alignment,
    ch: &Change,
    record: &Normalized,
    reference: &Normalized,
) -> bool {
    let (ref_markers, rec_markers) = markers_in(al, ch);
    let ref_words = ch.reference.len() - ref_markers;
    ref_markers > 0
        && rec_markers > 0
        && ch.record.len() > rec_markers
        && !(ref_words == 0 && marker_in_entities(al, ch, record))
        && ref_words <= MASKED_TOKENS * rec_markers
        && clear_words(al, ch, record) <= words_per_marker(al, ch, reference) * ref_markers
}

/// Change `ch` (see [`respelt_with_words`]) as the differences it is made of. Only a marker may
/// be spelt otherwise unnoticed, not the words around it (`domicilié [Adresse 1]` as `demeurant
/// [...]`, `M. [Z] [R]` as `la société [...]`): the change is re-aligned with every run of
/// markers matched with any other ([`align::marker_pieces`]), and
/// - words written in place of other words, or inserted, beside the markers are a change of their
///   own, which [`compare`] classifies as any (an alteration, an insertion, or a name shown
///   beside a marker);
/// - the markers respelt, with what else holds markers and the words of the reference the
///   record leaves out next to them (which the record's marker may stand for: `M. [Z] [R]` as
///   `[...]`), are one change, the same occultation as before;
/// - tokens alike on both sides are no change.
fn split_respelt(
    al: &Alignment,
    ch: &Change,
    record: &Normalized,
    reference: &Normalized,
) -> Vec<Change> {
    let (ref_toks, rec_toks) = (
        &al.reference[ch.reference.clone()],
        &al.record[ch.record.clone()],
    );
    let pieces = align::marker_pieces(&reference.text, ref_toks, &record.text, rec_toks);
    let alike = |p: &align::Piece| {
        p.reference.len() == p.record.len()
            && ref_toks[p.reference.clone()]
                .iter()
                .zip(&rec_toks[p.record.clone()])
                .all(|(a, b)| reference.text[a.range()] == record.text[b.range()])
    };
    let respelt = |p: Option<&align::Piece>| p.is_some_and(|p| p.matched && !alike(p));
    let has_marker = |p: &align::Piece| {
        ref_toks[p.reference.clone()].iter().any(|t| t.marker)
            || rec_toks[p.record.clone()].iter().any(|t| t.marker)
    };
    let mut out: Vec<Change> = Vec::new();
    // Whether the last change of `out` is a group of markers respelt that may go on.
    let mut open = false;
    for (k, p) in pieces.iter().enumerate() {
        let change = Change {
            reference: ch.reference.start + p.reference.start..ch.reference.start + p.reference.end,
            record: ch.record.start + p.record.start..ch.record.start + p.record.end,
        };
        let grouped = if p.matched {
            if alike(p) {
                open = false;
                continue;
            }
            true
        } else if has_marker(p) {
            true
        } else if p.record.is_empty() {
            respelt(k.checked_sub(1).and_then(|k| pieces.get(k))) || respelt(pieces.get(k + 1))
        } else {
            false
        };
        match out.last_mut() {
            Some(last) if grouped && open => {
                last.reference.end = change.reference.end;
                last.record.end = change.record.end;
            }
            _ => out.push(change),
        }
        open = grouped;
    }
    out
}

/// Where change `ch` splits into a name lifted and words added after it: the record shows, in
/// place of markers of names alone (`M. [Z] [R]`), a name, then a comma, a parenthesis, a
/// semicolon or a dash standing alone (any dash, once normalised) and words of its own
/// (`M. Zoran Radic, 45 ans,`, `M. Zoran Radic (chauffeur routier)`, `M. Zoran Radic – 45 ans`). The
/// change taken whole is no value shown, since the words added are not a name, and would be an
/// alteration (INT001) beside a name in clear (MSK004): the name is an occultation lifted
/// (MSK001), the words an insertion (INT002). The name must follow a civility or be two words
/// at least, end just before that punctuation, and be what the markers may mask (as
/// [`shows_a_value`] tells). Returns the index of the record's first token added.
fn lifted_with_words(
    al: &Alignment,
    ch: &Change,
    record: &Normalized,
    reference: &Normalized,
) -> Option<usize> {
    let (ref_markers, rec_markers) = markers_in(al, ch);
    if ref_markers == 0 || rec_markers > 0 || ch.reference.len() - ref_markers > 2 {
        return None;
    }
    if !names_only(&marker_kinds_among(
        &al.reference[ch.reference.clone()],
        &reference.text,
    )) {
        return None;
    }
    let toks = &al.record[ch.record.clone()];
    let stop = toks.iter().position(|t| opens_words_added(record, t))?;
    if stop == 0 || stop + 1 == toks.len() && &record.text[toks[stop].range()] == "," {
        // Nothing before the comma, or the comma alone after the name (`M. Zoran Radic,`),
        // which the whole change already takes for a name shown.
        return None;
    }
    let cut = ch.record.start + stop;
    let name = Change {
        reference: ch.reference.clone(),
        record: ch.record.start..cut,
    };
    let words = clear_words(al, &name, record);
    let after_civility = follows_civility(record, &toks[0]);
    let whole = shows_a_value(al, ch, record, reference);
    (!whole
        && words > 0
        && (after_civility || words >= 2)
        && words <= words_per_marker(al, &name, reference) * ref_markers
        && shows_a_value(al, &name, record, reference))
    .then_some(cut)
}

/// Whether token `t` of `text` may open words added after a name: a comma, a parenthesis, a
/// semicolon, or a dash standing alone (not the hyphen of `Jean-Pierre`).
fn opens_words_added(text: &Normalized, t: &align::Tok) -> bool {
    match &text.text[t.range()] {
        "," | "(" | ";" => true,
        "-" => {
            text.text[..t.range().start].ends_with(' ')
                && text.text[t.range().end..].starts_with(' ')
        }
        _ => false,
    }
}

/// The reverse of [`lifted_with_words`]: where change `ch` splits into a name masked and words
/// added after the markers. The reference shows a name (`M. Zoran Radic`), the record masks it
/// and adds words of its own (`M. [Z] [R], 45 ans,`): taken whole, the change would be an
/// alteration (INT001), losing the masking the reuser did (MSK003, or MSK002 when what is
/// masked is no person's name). The record's side must be markers of names alone (`[Z]`,
/// `Z...`), then that punctuation and words, and the reference's side what the markers may
/// mask (as [`masks_a_value`] tells, and no more words than they may stand for). Returns the
/// index of the record's first token added.
fn masked_with_words(
    al: &Alignment,
    ch: &Change,
    record: &Normalized,
    reference: &Normalized,
) -> Option<usize> {
    let (ref_markers, rec_markers) = markers_in(al, ch);
    if rec_markers == 0 || ref_markers > 0 || ch.reference.is_empty() {
        return None;
    }
    let toks = &al.record[ch.record.clone()];
    // The markers first, then the punctuation that opens the words added.
    let stop = toks.iter().position(|t| !t.marker)?;
    if stop == 0 || stop != rec_markers || !opens_words_added(record, &toks[stop]) {
        return None;
    }
    if stop + 1 == toks.len() && &record.text[toks[stop].range()] == "," {
        // The comma alone after the markers: the whole change already masks the name.
        return None;
    }
    if !names_only(&marker_kinds_among(&toks[..stop], &record.text)) {
        return None;
    }
    let cut = ch.record.start + stop;
    let name = Change {
        reference: ch.reference.clone(),
        record: ch.record.start..cut,
    };
    (ch.reference.len() <= MASKED_TOKENS * rec_markers
        && masks_a_value(al, &name, record, reference))
    .then_some(cut)
}

/// What a difference that is no masking difference does to the decision text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// Words, numbers or punctuation of the reference replaced by others, or deleted from a
    /// sentence the record keeps (INT001).
    Substituted,
    /// Text absent from the reference inserted (INT002).
    Inserted,
    /// A passage of the reference left out: sentences, paragraphs, or words an elision mark
    /// stands for (INT003, allowed in an excerpt).
    Cut,
}

/// A difference, classified: the tokens of both texts it covers.
#[derive(Debug)]
struct Hunk {
    /// The index of the alignment's change it starts at.
    at: usize,
    kind: Kind,
    change: Change,
}

/// The most tokens alike between two changes that text written in place of a passage may share
/// with it by chance (`de`, `:`, `cet arrêt`): the diff matches them, and cuts the note and the
/// passage into pieces that, one by one, look like words substituted.
const CHANCE_MATCH: usize = 3;

/// Whether the tokens alike between changes `a` and `b` (in this order) may be alike by chance:
/// up to [`CHANCE_MATCH`] of them, or a few more between passages of the reference eight times
/// longer (a note's `illicite de main-d'oeuvre` found in the thousands of words it replaces).
fn by_chance(a: &Change, b: &Change) -> bool {
    let alike = b.reference.start - a.reference.end;
    alike <= CHANCE_MATCH
        || (alike <= 4 * CHANCE_MATCH && alike * 8 <= a.reference.len().min(b.reference.len()))
}

/// Classifies the changes `candidates` (indices of `al.changes`, in order), which are no
/// masking difference:
/// - words inserted: an insertion (INT002);
/// - words deleted from a sentence the record keeps (the words on both sides of the gap are
///   kept and belong to one sentence of the reference, see [`sentences`]), or punctuation
///   alone deleted: an alteration (INT001); whole sentences or paragraphs deleted, or the
///   text's start or end: a cut (INT003, which an excerpt may make);
/// - words replaced by an elision mark (`(…)`): a cut, however few;
/// - words of one sentence replaced by others: a substitution (INT001), a paraphrase shorter
///   than what it replaces included, unless far more words are written than replaced (a note
///   inserted);
/// - a passage across sentences replaced by at least three words of which at most a quarter
///   are its own (a note, an advertisement, keywords in place of a paragraph): an insertion
///   and a cut. Changes a few tokens apart (see [`CHANCE_MATCH`]) are first taken together
///   for this: the diff pairs a note's `de` or `:` with those of the passage it replaces;
/// - otherwise, by length: far more words written than replaced, an insertion; far fewer, a
///   cut; else a substitution.
fn classify(
    al: &Alignment,
    candidates: &[usize],
    compared: &ComparedReference,
    record: &Normalized,
) -> Vec<Hunk> {
    let reference = &compared.text;
    let mut out = Vec::new();
    let mut i = 0;
    while i < candidates.len() {
        let mut j = i;
        while j + 1 < candidates.len()
            && candidates[j + 1] == candidates[j] + 1
            && by_chance(&al.changes[candidates[j]], &al.changes[candidates[j + 1]])
        {
            j += 1;
        }
        let (first, last) = (&al.changes[candidates[i]], &al.changes[candidates[j]]);
        let whole = Change {
            reference: first.reference.start..last.reference.end,
            record: first.record.start..last.record.end,
        };
        let parts =
            || -> Vec<&Change> { candidates[i..=j].iter().map(|&k| &al.changes[k]).collect() };
        // Changes a few tokens apart in one sentence are one alteration of it (`n'ayant pas
        // été` as `ayant été`, `a violé` as `n'a pas violé`), unless one of them is a cut an
        // elision mark or a marker stands for.
        let plain = || {
            al.record[whole.record.clone()]
                .iter()
                .all(|t| !t.marker && !elision_mark_where(&record.text, t, false))
        };
        let inside = OnceCell::new();
        let inside = || *inside.get_or_init(|| inside_sentence(al, &whole, compared));
        if j > i && inside() && plain() {
            let (r, c) = (whole.reference.len(), whole.record.len());
            out.push(Hunk {
                at: candidates[i],
                kind: if c > 3 * r && c - r >= 8 {
                    Kind::Inserted
                } else {
                    Kind::Substituted
                },
                change: whole,
            });
        } else if j > i
            && !al.record[whole.record.clone()]
                .iter()
                .any(|t| !t.marker && is_word(&record.text[t.range()]))
            && al.reference[whole.reference.clone()]
                .iter()
                .any(|t| t.marker || is_word(&reference.text[t.range()]))
            && !inside()
        {
            // A passage left out, but for punctuation the diff matched by chance with what the
            // record writes in its place (the dots of `...`): one cut.
            out.push(Hunk {
                at: candidates[i],
                kind: Kind::Cut,
                change: whole,
            });
        } else if j > i
            && written_in_place(al, &whole, &parts(), record, reference)
            && whole_sentences(al, &whole, compared)
        {
            let cut = candidates[i..=j].iter().any(|&k| {
                content_words(
                    &al.reference[al.changes[k].reference.clone()],
                    &reference.text,
                )
                .next()
                .is_some()
            });
            note_and_cut(al, candidates[i], &whole, cut, record, &mut out);
        } else {
            for &k in &candidates[i..=j] {
                classify_one(al, k, compared, record, &mut out);
            }
        }
        i = j + 1;
    }
    out
}

/// Classifies change `k` alone (see [`classify`]).
fn classify_one(
    al: &Alignment,
    k: usize,
    compared: &ComparedReference,
    record: &Normalized,
    out: &mut Vec<Hunk>,
) {
    let reference = &compared.text;
    let ch = &al.changes[k];
    let hunk = |kind: Kind| Hunk {
        at: k,
        kind,
        change: ch.clone(),
    };
    let ref_toks = &al.reference[ch.reference.clone()];
    let rec_toks = &al.record[ch.record.clone()];
    if ch.reference.is_empty() {
        // A mark of a passage left out, which the diff set apart from the passage: no text
        // of the record's own.
        if !rec_toks.iter().all(|t| elision_mark(&record.text, t)) {
            out.push(hunk(Kind::Inserted));
        }
        return;
    }
    let inside = inside_sentence(al, ch, compared);
    if ch.record.is_empty() {
        // Words or punctuation deleted inside a sentence change it; so does a full stop
        // deleted between two, which joins them. Words between sentences, or a line of the
        // header drawn with mixed signs (`-=-=-=-`; a rule of one char, `______`, is no change,
        // see [`set_aside_rules`]), are left out like any passage.
        let words = ref_toks
            .iter()
            .any(|t| t.marker || is_word(&reference.text[t.range()]));
        // Told only for punctuation, whose span is short: a passage cut may be the whole text.
        let rule_line = || match (ref_toks.first(), ref_toks.last()) {
            (Some(a), Some(b)) => {
                let s = &reference.text[a.range().start..b.range().end];
                !s.chars().any(char::is_alphanumeric)
                    && s.chars().filter(|c| !c.is_whitespace()).count() >= 3
            }
            _ => false,
        };
        let kind = if inside || (!words && !rule_line()) {
            Kind::Substituted
        } else {
            Kind::Cut
        };
        out.push(hunk(kind));
        return;
    }
    // Lengths in words, a run of letters spaced out weighing the words its letters make
    // (`R É P U B L I Q U E` is two, not ten tokens): other letters written in place of a
    // heading spaced out alter it, not cut it.
    let weight = |text: &str, toks: &[align::Tok]| {
        letterspacing::weight(toks.iter().map(|t| &text[t.range()]))
    };
    let (r, c) = (
        weight(&reference.text, ref_toks),
        weight(&record.text, rec_toks),
    );
    let elisions =
        |text: &str, toks: &[align::Tok]| toks.iter().all(|t| elision_mark_where(text, t, !inside));
    let much_longer = c > 3 * r && c - r >= 8;
    let kind = if elisions(&record.text, rec_toks) && !elisions(&reference.text, ref_toks) {
        // `(…)` in place of the reference's words: a passage cut, and marked as such (what an
        // excerpt may do), however short. One elision mark spelt as another (`(...)` as `(…)`)
        // is a substitution, as `...` as `…` is.
        Kind::Cut
    } else if inside {
        if much_longer {
            Kind::Inserted
        } else {
            Kind::Substituted
        }
    } else if written_in_place(al, ch, &[ch], record, reference)
        && whole_sentences(al, ch, compared)
    {
        let cut = content_words(ref_toks, &reference.text).next().is_some();
        note_and_cut(al, k, ch, cut, record, out);
        return;
    } else if much_longer {
        Kind::Inserted
    } else if r > 3 * c && r - c >= 8 {
        Kind::Cut
    } else {
        Kind::Substituted
    };
    out.push(hunk(kind));
}

/// Text written in place of a passage of the reference (`whole`, starting at change `at`): an
/// insertion of the record's words, but the elision marks and markers at its ends (`[…] Note de
/// l'éditeur`), and, when `cut`, the passage left out.
fn note_and_cut(
    al: &Alignment,
    at: usize,
    whole: &Change,
    cut: bool,
    record: &Normalized,
    out: &mut Vec<Hunk>,
) {
    let toks = &al.record[whole.record.clone()];
    let mark = |t: &align::Tok| t.marker || elision_mark(&record.text, t);
    let lead = toks.iter().take_while(|t| mark(t)).count();
    let trail = toks[lead..].iter().rev().take_while(|t| mark(t)).count();
    let (from, to) = (whole.record.start + lead, whole.record.end - trail);
    let at_passage = whole.reference.start..whole.reference.start;
    if from < to {
        out.push(Hunk {
            at,
            kind: Kind::Inserted,
            change: Change {
                reference: at_passage,
                record: from..to,
            },
        });
    }
    if cut {
        out.push(Hunk {
            at,
            kind: Kind::Cut,
            change: Change {
                reference: whole.reference.clone(),
                record: whole.record.start..whole.record.start,
            },
        });
    }
}

/// Whether the reference's side of `ch` (not empty) lies inside one of its sentences, with
/// words of that sentence kept on both sides (see [`sentences::within_sentence`]).
fn inside_sentence(al: &Alignment, ch: &Change, compared: &ComparedReference) -> bool {
    let toks = &al.reference[ch.reference.clone()];
    let (Some(a), Some(b)) = (toks.first(), toks.last()) else {
        return false;
    };
    let text = &compared.text.text;
    sentences::within_sentence(text, a.range().start..b.range().end, |l, r| {
        // The chars of the last char before the gap and of the first after it.
        let cl = a.char_start as usize - text[l..a.start as usize].chars().count();
        let cr = b.char_end as usize + text[b.end as usize..r].chars().count();
        compared.breaks_between(cl, cr)
    })
}

/// Whether the reference's side of `ch` (not empty) is whole sentences or paragraphs (see
/// [`sentences::whole_sentences`]).
fn whole_sentences(al: &Alignment, ch: &Change, compared: &ComparedReference) -> bool {
    let toks = &al.reference[ch.reference.clone()];
    let (Some(a), Some(b)) = (toks.first(), toks.last()) else {
        return false;
    };
    let (start, end) = (a.char_start as usize, b.char_end as usize);
    // The chars next to the gap (past the space, if any), where the map is read.
    let text = &compared.text.text;
    let before = text[..a.start as usize].ends_with(' ') as usize + 1;
    let after = text[b.end as usize..].starts_with(' ') as usize;
    sentences::whole_sentences(
        text,
        a.range().start..b.range().end,
        || start >= before && compared.breaks_between(start - before, start),
        || compared.breaks_between(end - 1, end + after),
    )
}

/// French words too common to tell one text from another.
const COMMON_WORDS: &[&str] = &[
    "a", "au", "aux", "avec", "ce", "ces", "cet", "cette", "d", "dans", "de", "des", "du", "elle",
    "elles", "en", "est", "et", "il", "ils", "l", "la", "le", "les", "leur", "leurs", "lui", "n",
    "ne", "ni", "ou", "où", "par", "pas", "pour", "qu", "que", "qui", "s", "sa", "se", "ses",
    "son", "sont", "sur", "un", "une", "y", "à",
];

/// Whether a token is a word (letters or digits).
fn is_word(token: &str) -> bool {
    token.chars().any(char::is_alphanumeric)
}

/// The words of `toks` (of `text`) that are not markers nor [`COMMON_WORDS`], in lower case.
fn content_words<'a>(toks: &'a [align::Tok], text: &'a str) -> impl Iterator<Item = String> + 'a {
    toks.iter()
        .filter(|t| !t.marker && is_word(&text[t.range()]))
        .map(|t| text[t.range()].to_lowercase())
        .filter(|w| !COMMON_WORDS.contains(&w.as_str()))
}

/// Whether the record's side of `ch` is text written in place of the reference's, rather than
/// the same text altered: at least three words other than [`COMMON_WORDS`], at most a quarter
/// of which the diff matched with the reference's (the tokens alike between the changes `parts`
/// that `ch` takes together) and at most a quarter of which the reference's side holds anywhere
/// (a paraphrase puts words in another order). Where the reference's side is more than four
/// times longer, most of the passage is gone, and some of a note's words are found there by
/// chance (looking would cost the passage's length): at least three and a third of its words
/// that the diff did not match are enough; the fragments of an abridged passage have none.
fn written_in_place(
    al: &Alignment,
    ch: &Change,
    parts: &[&Change],
    record: &Normalized,
    reference: &Normalized,
) -> bool {
    let written: Vec<String> = content_words(&al.record[ch.record.clone()], &record.text).collect();
    if written.len() < 3 {
        return false;
    }
    // The words the diff matched: those between the parts.
    let matched: usize = parts
        .windows(2)
        .map(|w| {
            content_words(&al.record[w[0].record.end..w[1].record.start], &record.text).count()
        })
        .sum();
    if ch.reference.len() > 4 * ch.record.len() {
        // Most of the passage is gone: what the record writes there is its own text if enough
        // of its words are its own, though the diff found the others in the passage.
        let own = written.len() - matched;
        return own >= 3 && own * 3 >= written.len();
    }
    if matched * 4 > written.len() {
        return false;
    }
    let wanted: std::collections::HashSet<&str> = written.iter().map(String::as_str).collect();
    let mut held = std::collections::HashSet::new();
    let mut lower = String::new();
    for t in &al.reference[ch.reference.clone()] {
        let w = &reference.text[t.range()];
        if t.marker || !is_word(w) {
            continue;
        }
        lower.clear();
        lower.extend(w.chars().flat_map(char::to_lowercase));
        if let Some(&w) = wanted.get(lower.as_str()) {
            held.insert(w);
            if held.len() == wanted.len() {
                break;
            }
        }
    }
    let shared = written.iter().filter(|w| held.contains(w.as_str())).count();
    shared * 4 <= written.len()
}

/// The most differences of one rule in one record that are reported one by one; the rest are
/// reported together, in one more finding (a wholly different text must not give thousands).
const LISTED: usize = 10;

/// Reports the differences `hunks` of one rule, one finding each, each message quoting what
/// changed: up to [`LISTED`] of them, and the rest in one more finding whose evidence spans
/// them all.
fn report(
    rule: Rule,
    hunks: &[&Hunk],
    al: &Alignment,
    texts: &Texts<'_>,
    rec: &Arc<RecordRef>,
    out: &mut TextComparison,
) {
    let n = hunks.len();
    for (i, h) in hunks.iter().take(LISTED).enumerate() {
        let mut msg = describe(h, al, texts);
        if n > 1 {
            msg.push(&format!(" ({} of {n})", i + 1));
        }
        let mut ev = change_evidence(al, &h.change, texts);
        ev.message_personal = msg.personal;
        out.integrity
            .push(Finding::new(rule, Some(rec.clone()), msg.text).with_evidence(ev));
    }
    if n > LISTED {
        let rest = &hunks[LISTED..];
        let (a, b) = (&rest[0].change, &rest[rest.len() - 1].change);
        let span = Change {
            reference: a.reference.start..b.reference.end.max(a.reference.start),
            record: a.record.start..b.record.end.max(a.record.start),
        };
        let more = n - LISTED;
        let what = match (rule, more) {
            (Rule::INT001, 1) => "passage substituted or deleted",
            (Rule::INT001, _) => "passages substituted or deleted",
            (Rule::INT002, 1) => "passage inserted",
            (Rule::INT002, _) => "passages inserted",
            (_, 1) => "passage of the reference missing",
            _ => "passages of the reference missing",
        };
        let which = if more == 1 {
            format!("{n} of {n}")
        } else {
            format!("{} to {n} of {n}", LISTED + 1)
        };
        let msg = format!(
            "{more} more {what} ({which}), not listed one by one: the detail view's diff of \
             the text shows each"
        );
        out.integrity.push(
            Finding::new(rule, Some(rec.clone()), msg)
                .with_evidence(change_evidence(al, &span, texts)),
        );
    }
}

/// A message being written, with the pieces of personal data its quotes show.
#[derive(Default)]
struct Message {
    text: String,
    chars: usize,
    personal: Vec<Personal>,
}

impl Message {
    fn push(&mut self, s: &str) {
        self.text.push_str(s);
        self.chars += s.chars().count();
    }

    /// Quotes chars `[start, end)` of the text of `ex` (see [`Excerpter::quote`]).
    fn quote(&mut self, ex: &Excerpter<'_>, (start, end): (usize, usize)) {
        let (q, pieces) = ex.quote(start, end);
        self.push("«");
        self.personal.extend(pieces.into_iter().map(|p| Personal {
            start: p.start + self.chars,
            end: p.end + self.chars,
            ..p
        }));
        self.push(&q);
        self.push("»");
    }
}

/// What a difference changed, in words, quoting both texts: a substitution or a deletion
/// with a word of context on each side, which both texts share (`«à 500»` where the reference
/// reads `«à 2 500»`), as a clerk quotes it.
fn describe(h: &Hunk, al: &Alignment, t: &Texts<'_>) -> Message {
    let rec = al.record_chars(&h.change.record);
    let reference = al.reference_chars(&h.change.reference);
    let mut m = Message::default();
    match h.kind {
        Kind::Substituted => {
            m.push("the record reads ");
            m.quote(&t.record_ex, t.record_ex.widened(rec));
            m.push(" where the reference reads ");
            m.quote(&t.reference_ex, t.reference_ex.widened(reference));
        }
        Kind::Inserted => {
            m.push("the record inserts ");
            m.quote(&t.record_ex, rec);
            m.push(" into the decision text");
        }
        Kind::Cut if t.record.text.is_empty() => {
            m.push("the record's text is empty: nothing of the decision text is reproduced");
        }
        Kind::Cut => {
            m.push("a passage of the reference is missing: ");
            m.quote(&t.reference_ex, reference);
        }
    }
    m
}

/// Evidence of a change: spans in both texts as read, excerpts from the normalised texts.
fn change_evidence(al: &Alignment, ch: &Change, t: &Texts<'_>) -> Evidence {
    let (rs, re) = al.record_chars(&ch.record);
    let (fs, fe) = al.reference_chars(&ch.reference);
    let (ex, _, personal) = t.record_ex.marked(rs, re);
    let (rex, _, reference_personal) = t.reference_ex.marked(fs, fe);
    Evidence {
        field: "text".into(),
        span: Some(t.record.original_span(rs, re)),
        reference_span: Some(t.reference.original_span(fs, fe)),
        excerpt: Some(ex),
        reference_excerpt: Some(rex),
        personal,
        reference_personal,
        ..Default::default()
    }
}

/// Whether the record's side of change `ch`, which replaces markers of the reference, shows
/// nothing of what they mask: initials (`C. A. B.` for `C... A... B...`), letters X
/// (`XX-XXX-XX`), or no letter or digit at all. For a labelled marker (a company, an address),
/// one initial at most: a company's `[3]` shown as `M.B.T.` is its name.
fn respelt_as_marks(
    al: &Alignment,
    ch: &Change,
    record: &Normalized,
    reference: &Normalized,
) -> bool {
    let tokens: Vec<&str> = al.record[ch.record.clone()]
        .iter()
        .map(|t| &record.text[t.range()])
        .collect();
    let xs = |t: &str| !t.is_empty() && t.chars().all(|c| c == 'X' || c == 'x');
    if !tokens.iter().all(|t| xs(t) || initial_or_mark(t)) {
        return false;
    }
    let labelled = marker_kinds_among(&al.reference[ch.reference.clone()], &reference.text)
        .contains(&Some(MarkerKind::Labelled));
    let initials = tokens
        .iter()
        .filter(|t| !xs(t) && t.chars().any(char::is_alphanumeric))
        .count();
    !labelled || initials <= 1
}

/// Whether a token of the record shows nothing of a name: one capital letter (an initial), or
/// no letter or digit at all (the dots or the ellipsis after one).
fn initial_or_mark(token: &str) -> bool {
    let mut chars = token.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) if c.is_uppercase() => true,
        _ => !token.chars().any(char::is_alphanumeric),
    }
}

fn marker_label(kind: MarkerKind) -> &'static str {
    match kind {
        MarkerKind::Letter | MarkerKind::Initials => "pseudonymised name",
        MarkerKind::Labelled => "pseudonymised element",
        _ => "occultation",
    }
}

/// The kind of a marker token (of a normalised text).
fn marker_kind(marker: &str) -> Option<MarkerKind> {
    markers::find_markers(marker).first().map(|m| m.kind)
}

/// The words a lifted marker may stand for: a name is a few, an address (`[Adresse 2]` shown as
/// `12 avenue du Maréchal de Lattre de Tassigny, 92100 Boulogne`) a dozen or more.
fn words_per_marker(al: &Alignment, ch: &Change, reference: &Normalized) -> usize {
    let labelled = markers_of(al, ch, reference)
        .iter()
        .any(|m| marker_kind(m) == Some(MarkerKind::Labelled));
    if labelled { 20 } else { 8 }
}

/// The words of the record's side of a change, markers and punctuation aside.
fn clear_words(al: &Alignment, ch: &Change, record: &Normalized) -> usize {
    al.record[ch.record.clone()]
        .iter()
        .filter(|t| !t.marker && record.text[t.range()].chars().any(char::is_alphanumeric))
        .count()
}

/// Whether the record's side of a change may be what the reference's markers in it mask. Where
/// the texts are reordered, the diff pairs a marker with whatever words face it (`Faits et
/// procédure`, `24. Selon`, `de la cour d'appel de Rouen`): an alteration, not an occultation
/// lifted. Nor do a reuser's rewording (`L'intéressé`), placeholders (`N/A`, `M. Nom`) and marks
/// (`XX-XXX-XX`) show what a marker masks. So ([`may_be_masked_by`]):
/// - for markers of names (`[K]`, `[AB]`, `C...`), the words shown are a name: one at least may be a
///   name word ([`names::may_be_name_word`]: capitalised, no common word, role or civility; after
///   a civility, any capitalised first word), and every word is capitalised, a particle (`de
///   Villepin`), a letter alone (`d'Estaing`, `Mac'h`) or joins names (`X et Y`, `Y épouse Z`);
/// - for the other markers (an address, a place, a date, a number, an organisation), the words
///   shown start with a capital or a digit, a kind of way (`avenue Foch`) or `+`, or hold an
///   e-mail address, and run into no other sentence (a full stop after a word that is no
///   abbreviation, then a word with a capital or a number: `S3. 2. Le 30 janvier`);
/// - for any, not only words that designate without naming ([`generic_word`]) or placeholders
///   ([`placeholder_word`]).
fn shows_a_value(al: &Alignment, ch: &Change, record: &Normalized, reference: &Normalized) -> bool {
    // What the record's text holds just before the change: a civility (`M. Conseil`, `Mme
    // Cour`) makes a name of a capitalised word that would otherwise designate without naming.
    let after_civility = al
        .record
        .get(ch.record.start)
        .is_some_and(|t| follows_civility(record, t));
    may_be_masked_by(
        &words_among(&al.record[ch.record.clone()], &record.text),
        &marker_kinds_among(&al.reference[ch.reference.clone()], &reference.text),
        after_civility,
    )
}

/// Whether token `t` of the record's text follows a civility (`M.`, `Mme`, `Monsieur`…).
fn follows_civility(record: &Normalized, t: &align::Tok) -> bool {
    let before = record.text[..t.start as usize].trim_end();
    let last = before
        .rsplit(|c: char| c.is_whitespace())
        .next()
        .unwrap_or("");
    matches!(
        last,
        "M." | "Mme"
            | "Mme."
            | "Mlle"
            | "Mlle."
            | "Me"
            | "Me."
            | "MM."
            | "Mmes"
            | "Monsieur"
            | "Madame"
            | "Mademoiselle"
    )
}

/// Whether the reference's side of a change, which the record replaces with markers of its own,
/// may be what they mask: as [`shows_a_value`], for the record's markers when they are written
/// as the sources write theirs (`[K]`, `[Adresse 1]`); a reuser's own marks (`X...`, `***`,
/// `[…]`) may mask any words. An elision mark is no text to mask (`(...)` as `[...]`).
fn masks_a_value(al: &Alignment, ch: &Change, record: &Normalized, reference: &Normalized) -> bool {
    let words = words_among(&al.reference[ch.reference.clone()], &reference.text);
    if words.iter().all(|w| align::is_elision(w)) {
        return false;
    }
    let kinds = marker_kinds_among(&al.record[ch.record.clone()], &record.text);
    if !kinds
        .iter()
        .all(|k| matches!(k, Some(MarkerKind::Letter | MarkerKind::Labelled)))
    {
        return true;
    }
    may_be_masked_by(&words, &kinds, false)
}

/// Whether the reference's side of change `ch` is, whole, personal data the source left in
/// clear (a direct identifier MSK005 flags: an e-mail address, a phone number…; a name MSK004
/// flags): what any marker of the record masks, a marker of names (`[X]`) as much as a
/// reuser's own (`***`). The reuser masks it pending the source's correction (CC IX, CE IX):
/// MSK003, whatever the marker and however long the data.
fn masks_personal_data(al: &Alignment, ch: &Change, texts: &Texts<'_>) -> bool {
    let (fs, fe) = al.reference_chars(&ch.reference);
    if fs >= fe {
        return false;
    }
    // The pieces, sorted, cover `fs..fe` without a gap.
    let mut covered = fs;
    for &(a, b) in texts.reference_ex.reaching(fs) {
        if a >= fe || a > covered {
            break;
        }
        covered = covered.max(b);
    }
    covered >= fe
}

/// Whether `w` joins the names of several people, or the names of one (`X et Y`, `Y épouse Z`).
fn joins_names(w: &str) -> bool {
    matches!(
        w,
        "et" | "ou" | "né" | "née" | "épouse" | "époux" | "veuve" | "veuf" | "dit" | "dite"
    )
}

/// The words of `toks`, tokens of `text`, its markers aside.
fn words_among<'a>(toks: &[align::Tok], text: &'a str) -> Vec<&'a str> {
    toks.iter()
        .filter(|t| !t.marker)
        .map(|t| &text[t.range()])
        .collect()
}

/// Whether markers of `kinds` all mask names (`[K]`, `K...`, initials).
fn names_only(kinds: &[Option<MarkerKind>]) -> bool {
    kinds
        .iter()
        .all(|k| matches!(k, Some(MarkerKind::Letter | MarkerKind::Initials)))
}

/// The kinds of the markers among `toks`, tokens of `text`.
fn marker_kinds_among(toks: &[align::Tok], text: &str) -> Vec<Option<MarkerKind>> {
    toks.iter()
        .filter(|t| t.marker)
        .map(|t| marker_kind(&text[t.range()]))
        .collect()
}

/// Whether `words` may be what markers of `kinds` mask (see [`shows_a_value`]).
fn may_be_masked_by(words: &[&str], kinds: &[Option<MarkerKind>], after_civility: bool) -> bool {
    let names_only = names_only(kinds);
    let capital_or_digit = |w: &str| {
        w.chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
    };
    let lettered = |w: &&&str| w.chars().any(char::is_alphabetic);
    // Leading words that introduce a value (`au 12 rue de la Paix`, `à Paris`).
    let words = {
        let lead = words
            .iter()
            .take_while(|w| matches!(**w, "à" | "au" | "aux" | "en" | "chez" | "sis" | "sise"))
            .count();
        // And the sign of a number (`n° 123 456 789`, `N° SIREN`).
        let lead = lead
            + match words.get(lead..lead + 2) {
                Some([n, "°"]) if n.eq_ignore_ascii_case("n") => 2,
                _ => 0,
            };
        &words[lead.min(words.len().saturating_sub(1))..]
    };
    // A placeholder (`N/A`, `inconnu`, `non communiquée`), the name of what a marker masks
    // (`Nom`, `Date de naissance`, `JJ/MM/AAAA`), or words that designate without naming (`le
    // Tribunal`, `le Salarié`, `la Banque`, `Voir annexe`; not after a civility, where they are
    // a surname: `M. Conseil`) show no value.
    let no_value = |w: &str| placeholder_word(w) || (!after_civility && generic_word(w));
    let mut lettered_words = words.iter().filter(lettered).peekable();
    // Zeros alone (`00/00/0000`) are a date or a number masked.
    let zeros = words.iter().any(|w| w.contains('0'))
        && words
            .iter()
            .all(|w| w.chars().all(|c| c == '0' || !c.is_alphanumeric()));
    if zeros
        || crate::ident::placeholder(&words.concat())
        || (lettered_words.peek().is_some() && lettered_words.all(|w| no_value(w)))
    {
        return false;
    }
    if names_only {
        let article = words
            .first()
            .is_some_and(|w| matches!(crate::ident::fold(w).as_str(), "le" | "la" | "les" | "l"));
        // After a civility, a capitalised word is a surname, even an office's (`M. Juge`,
        // `M. Maire`), unless an article makes it a title (`M. le Maire`).
        let surname = |w: &str| {
            after_civility
                && !article
                && words.first() == Some(&w)
                && w.chars().next().is_some_and(char::is_uppercase)
                && w.chars().count() > 1
        };
        words
            .iter()
            .any(|w| !no_value(w) && (name_word_with_marks(w) || surname(w)))
            && words.iter().filter(lettered).all(|w| {
                capital_or_digit(w)
                        || names::is_name_particle(w)
                        || joins_names(w)
                        // A letter alone: an elided particle (`d'Estaing`), the end of `Mac'h`,
                        // a tag's name left in a plain text (`<b>`).
                        || w.chars().count() == 1
            })
    } else {
        // A full stop after a word that is no abbreviation, then a capital or a number.
        let ends_sentence = |k: usize| k.checked_sub(1).is_none_or(|b| !abbreviation(words[b]));
        // An e-mail address (`[Courriel 1]` as `jean.martin@example.fr`), or an address that
        // starts with the kind of way (`avenue Foch`, `rue de la Paix`, `lieu-dit les Granges`).
        let email = words.contains(&"@");
        let way = words.first().is_some_and(|w| street_word(w));
        // A telephone number in international form (`+33 6 12 34 56 78`).
        let phone = words.first() == Some(&"+");
        email
            || ((way || phone || words.first().is_some_and(|w| capital_or_digit(w)))
                && !(0..words.len().saturating_sub(1))
                    .any(|k| words[k] == "." && capital_or_digit(words[k + 1]) && ends_sentence(k)))
    }
}

/// [`names::may_be_name_word`], also for a word whose letters carry combining marks that have no
/// precomposed form (`Kamiń́ski`, Yoruba `Adébáyọ̀`): the marks are set aside.
fn name_word_with_marks(w: &str) -> bool {
    if w.is_ascii() || !w.chars().any(align::is_mark) {
        return names::may_be_name_word(w);
    }
    let bare: String = w.chars().filter(|&c| !align::is_mark(c)).collect();
    names::may_be_name_word(&bare)
}

/// Whether `w` designates a party, a court, an institution or a place in the text without
/// naming it, or points elsewhere (`Tribunal`, `Salarié`, `Banque`, `Société`, `Idem`, `Cf.`,
/// `Voir annexe`), in any case: no value a marker masks. Particles (`le`, `la`, `des`, any case:
/// [`names::is_name_particle`]) and the other articles count among them, so that `le Tribunal`
/// is generic whole.
fn generic_word(w: &str) -> bool {
    let f = crate::ident::fold(w);
    names::is_name_particle(w)
        || matches!(
            f.as_str(),
            "les"
                | "l"
                | "un"
                | "une"
                | "ce"
                | "cet"
                | "cette"
                | "tribunal"
                | "tribunaux"
                | "cour"
                | "conseil"
                | "juridiction"
                | "chambre"
                | "cass"
                | "parquet"
                | "greffe"
                | "juge"
                | "police"
                | "prefet"
                | "prefecture"
                | "ministere"
                | "ministre"
                | "etat"
                | "administration"
                | "commune"
                | "ville"
                | "departement"
                | "region"
                | "mairie"
                | "maire"
                | "prevenu"
                | "prevenue"
                | "salarie"
                | "salariee"
                | "employeur"
                | "employeuse"
                | "client"
                | "cliente"
                | "demandeur"
                | "demanderesse"
                | "defendeur"
                | "defenderesse"
                | "requerant"
                | "requerante"
                | "appelant"
                | "appelante"
                | "intime"
                | "intimee"
                | "partie"
                | "parties"
                | "interesse"
                | "interessee"
                | "banque"
                | "societe"
                | "sas"
                | "sasu"
                | "sarl"
                | "sa"
                | "eurl"
                | "sci"
                | "snc"
                | "gie"
                | "entreprise"
                | "association"
                | "syndicat"
                | "assurance"
                | "assurances"
                | "assureur"
                | "caisse"
                | "mutuelle"
                | "etablissement"
                | "groupe"
                | "agence"
                | "office"
                | "fondation"
                | "organisme"
                | "voir"
                | "idem"
                | "cf"
                | "supra"
                | "infra"
                | "annexe"
                | "ci"
                | "dessus"
                | "dessous"
                | "precite"
                | "precitee"
                | "adresse"
                | "domicile"
                | "siege"
                | "non"
                | "communique"
                | "communiquee"
                | "renseigne"
                | "renseignee"
                | "masque"
                | "masquee"
                | "anonymise"
                | "anonymisee"
                | "occulte"
                | "occultee"
                | "confidentiel"
                | "confidentielle"
                | "inconnu"
                | "inconnue"
                | "article"
                | "art"
                | "gerant"
                | "gerante"
                | "sieur"
                | "susnomme"
                | "susnommee"
                | "ledit"
                | "ladite"
                | "lesdits"
                | "lesdites"
                | "liquidateur"
                | "mandataire"
                | "administrateur"
                | "ras"
                | "id"
                | "company"
                | "untel"
                | "unetelle"
                | "tartempion"
                | "sans"
                | "fixe"
                | "victime"
                | "victimes"
                | "plaignant"
                | "plaignante"
                | "bailleur"
                | "bailleresse"
                | "preneur"
                | "preneuse"
                | "locataire"
                | "proprietaire"
                | "syndic"
                | "conjoint"
                | "conjointe"
                | "enfant"
                | "mineur"
                | "mineure"
                | "tiers"
                | "personne"
                | "individu"
                | "avocat"
                | "avocate"
                | "notaire"
                | "madame"
                | "monsieur"
                | "mademoiselle"
                | "ibid"
                | "sic"
                | "ste"
                | "ets"
                | "the"
                | "defendant"
                | "claimant"
                | "plaintiff"
                | "respondent"
                | "appellant"
                | "poste"
                | "restante"
                | "sdf"
                | "pays"
                | "etranger"
        )
}

/// Whether `w` is the name of what a marker masks or of a field to fill in (`Nom`, `Date de
/// naissance`, `Téléphone`, `Localité`, `JJ/MM/AAAA`, `Anonyme`), letters X (`XX`, `0X`), or a
/// web domain's ending: what a reuser writes to mask, in any case.
fn placeholder_word(w: &str) -> bool {
    if w.chars().any(|c| c == 'X' || c == 'x')
        && w.chars()
            .all(|c| c == 'X' || c == 'x' || c.is_ascii_digit())
    {
        return true;
    }
    matches!(
        crate::ident::fold(w).as_str(),
        "nom"
            | "noms"
            | "prenom"
            | "prenoms"
            | "date"
            | "naissance"
            | "deces"
            | "mariage"
            | "telephone"
            | "tel"
            | "courriel"
            | "email"
            | "mail"
            | "iban"
            | "bic"
            | "rib"
            | "siren"
            | "siret"
            | "numero"
            | "identifiant"
            | "immatriculation"
            | "plaque"
            | "cadastre"
            | "localite"
            | "lieu"
            | "anonyme"
            | "anonymes"
            | "jj"
            | "mm"
            | "aaaa"
            | "aa"
            | "fr"
            | "com"
            | "net"
            | "org"
            | "eu"
    )
}

/// Whether `w` names a kind of way, with which an address may start in lower case.
fn street_word(w: &str) -> bool {
    matches!(
        w,
        "rue"
            | "avenue"
            | "av"
            | "boulevard"
            | "bd"
            | "place"
            | "chemin"
            | "allée"
            | "allee"
            | "impasse"
            | "quai"
            | "route"
            | "lieu"
            | "lieu-dit"
            | "résidence"
            | "residence"
            | "square"
            | "cours"
            | "passage"
            | "voie"
            | "hameau"
            | "sentier"
            | "villa"
            | "cité"
            | "faubourg"
            | "esplanade"
            | "parvis"
            | "rond-point"
            | "promenade"
            | "domaine"
            | "lotissement"
            | "ruelle"
            | "venelle"
            | "mail"
            | "montée"
            | "traverse"
            | "ferme"
    )
}

/// Whether a word followed by a full stop is an abbreviation, which ends no sentence: a single
/// letter (an initial, `S.A.`, `S.A.R.L.`) or a word that addresses and company names abridge
/// (`3 av. Foch`, `bd.`, `Cie.`).
fn abbreviation(w: &str) -> bool {
    let mut c = w.chars();
    if c.next().is_some_and(char::is_alphabetic) && c.next().is_none() {
        return true;
    }
    matches!(
        w.to_lowercase().as_str(),
        "av" | "ave"
            | "bd"
            | "boul"
            | "bld"
            | "pl"
            | "rte"
            | "che"
            | "imp"
            | "all"
            | "sq"
            | "fg"
            | "qu"
            | "crs"
            | "res"
            | "rés"
            | "bât"
            | "bat"
            | "esc"
            | "apt"
            | "appt"
            | "st"
            | "ste"
            | "sté"
            | "cie"
            | "co"
            | "inc"
            | "ltd"
            | "etabl"
            | "éts"
            | "ets"
            | "me"
            | "mme"
            | "mlle"
            | "mm"
            | "dr"
            | "pr"
            | "jr"
            | "sr"
    )
}

/// The markers of the reference's side of a change.
fn markers_of<'a>(al: &Alignment, ch: &Change, reference: &'a Normalized) -> Vec<&'a str> {
    al.reference[ch.reference.clone()]
        .iter()
        .filter(|t| t.marker)
        .map(|t| &reference.text[t.range()])
        .collect()
}

/// The record tokens of a change whose both sides hold markers that show a name the reference
/// masks: from the first to the last word that may be a name (see [`names::may_be_name_word`])
/// and that the reference's side of the change does not hold, when there are some, and at most
/// `limit`.
fn names_shown(
    al: &Alignment,
    ch: &Change,
    record: &Normalized,
    reference: &Normalized,
    limit: usize,
) -> Option<Range<usize>> {
    let in_reference: Vec<&str> = al.reference[ch.reference.clone()]
        .iter()
        .filter(|t| !t.marker)
        .map(|t| &reference.text[t.range()])
        .collect();
    let shown: Vec<usize> = ch
        .record
        .clone()
        .filter(|&i| {
            let t = &al.record[i];
            let w = &record.text[t.range()];
            !t.marker && names::may_be_name_word(w) && !in_reference.contains(&w)
        })
        .collect();
    match (shown.first(), shown.last()) {
        (Some(&a), Some(&b)) if shown.len() <= limit => Some(a..b + 1),
        _ => None,
    }
}

/// For words inserted into the record (`ch.reference` is empty): when they are one to three
/// words that may be a name, written right after or right before a marker (which the texts
/// share, the words alone being inserted), that marker, and whether it comes before them.
fn name_beside_marker<'a>(
    al: &Alignment,
    ch: &Change,
    record: &'a Normalized,
) -> Option<(&'a str, bool)> {
    let toks = &al.record[ch.record.clone()];
    let mut words = 0;
    for t in toks {
        let w = &record.text[t.range()];
        if t.marker {
            return None;
        } else if names::may_be_name_word(w) && !w.chars().all(|c| c == 'X') && !generic_word(w) {
            // Not `XX` (`XX-XXX-XX`, a plate masked around `XXX`), nor `Tribunal`.
            words += 1;
        } else if w != "-" {
            return None;
        }
    }
    if !(1..=3).contains(&words) {
        return None;
    }
    let text = &record.text;
    let (s, e) = (toks.first()?.start as usize, toks.last()?.end as usize);
    // A marker that ends where the spaces before the words begin.
    let p = text[..s].trim_end_matches(' ').len();
    let from = names::floor_boundary(text, p.saturating_sub(48));
    if let Some(m) = markers::find_markers(&text[from..p]).last()
        && from + m.end == p
    {
        return Some((&text[from + m.start..p], true));
    }
    // One that begins where the spaces after them end.
    let q = e + (text[e..].len() - text[e..].trim_start_matches(' ').len());
    let to = names::ceil_boundary(text, q + 48);
    markers::find_markers(&text[q..to])
        .first()
        .filter(|m| m.start == 0)
        .map(|m| (&text[q..q + m.end], false))
}

/// MSK001 on the record's chars `rs..re` (normalised), which show what the reference masks at
/// chars `fs..fe` with the markers `shown`.
/// Whether `token` marks a passage left out: `(…)`, `(...)` ([`align::is_elision`]), or an
/// ellipsis standing alone between words (` … `), as excerpts also write it between the
/// paragraphs they keep. An ellipsis glued to a word (`etc…`) is punctuation.
fn elision_mark(text: &str, t: &align::Tok) -> bool {
    elision_mark_where(text, t, true)
}

/// [`elision_mark`], where a bare ellipsis counts only `between` sentences: inside one, ` … `
/// in place of a word (`n'ayant … été`) changes the sentence it keeps, as a deletion would.
fn elision_mark_where(text: &str, t: &align::Tok, between: bool) -> bool {
    let token = &text[t.range()];
    let alone = || {
        let before = text[..t.range().start].chars().next_back();
        let after = text[t.range().end..].chars().next();
        before.is_none_or(char::is_whitespace) && after.is_none_or(char::is_whitespace)
    };
    align::is_elision(token)
        || (between && token == "…" && alone())
        || (t.marker && matches!(token, "[…]" | "[...]"))
}

/// Whether the record's side of change `ch` is an occultation marker once its HTML entities
/// are decoded: what a plain text shows of a marker its publisher escaped.
fn marker_in_entities(al: &Alignment, ch: &Change, record: &Normalized) -> bool {
    let toks = &al.record[ch.record.clone()];
    let (Some(first), Some(last)) = (toks.first(), toks.last()) else {
        return false;
    };
    let shown = &record.text[first.start as usize..last.end as usize];
    shown.contains('&')
        && shown.len() < 200
        && crate::text::markers::is_marker(&crate::text::normalize::normalize(shown, true))
}

fn lifted(
    (rs, re): (usize, usize),
    (fs, fe): (usize, usize),
    shown: &[&str],
    t: &Texts<'_>,
    rec: &Arc<RecordRef>,
    out: &mut TextComparison,
) {
    let kind = shown
        .first()
        .and_then(|t| marker_kind(t))
        .unwrap_or(MarkerKind::Letter);
    let (ex, span_in, mut personal) = t.record_ex.marked_personal(rs, re);
    // What the reference masks is personal, whatever the detectors make of it.
    personal.push(Personal::whole(span_in.0, span_in.1));
    personal.sort_unstable_by_key(|p| (p.start, p.end, p.first, p.last));
    personal.dedup();
    let (rex, _, reference_personal) = t.reference_ex.marked(fs, fe);
    let span = t.record.original_span(rs, re);
    out.lifted.push(span);
    out.masking.push(
        Finding::new(
            Rule::MSK001,
            Some(rec.clone()),
            format!(
                "{} {} of the reference is shown in clear",
                marker_label(kind),
                markers_quoted(shown)
            ),
        )
        .with_evidence(Evidence {
            field: "text".into(),
            span: Some(span),
            reference_span: Some(t.reference.original_span(fs, fe)),
            excerpt: Some(ex),
            reference_excerpt: Some(rex),
            personal,
            reference_personal,
            message_personal: Vec::new(),
        }),
    );
}

/// The most markers an MSK001 message quotes: a name is one to four (`[Y] [E]`, `M. [C] [K]`).
const MARKERS_QUOTED: usize = 4;

/// The markers `shown` as an MSK001 message quotes them: up to [`MARKERS_QUOTED`], then how
/// many more there are (`[K] [K] [K] [K] … and 31,996 more`), so that a run of thousands of
/// markers lifted together makes a message of a line, not one that quotes them all.
fn markers_quoted(shown: &[&str]) -> String {
    if shown.len() <= MARKERS_QUOTED {
        return shown.join(" ");
    }
    format!(
        "{} … and {} more",
        shown[..MARKERS_QUOTED].join(" "),
        bound::count(shown.len() - MARKERS_QUOTED)
    )
}

/// The longest quote of the text a record masks that an MSK002 message gives, in chars: a
/// longer one shows its two ends ([`bound::ends`]).
const QUOTED: usize = 80;

fn added(
    al: &Alignment,
    ch: &Change,
    t: &Texts<'_>,
    rec: &Arc<RecordRef>,
    out: &mut TextComparison,
) {
    let (record, reference) = (t.record, t.reference);
    let (rs, re) = al.record_chars(&ch.record);
    let (fs, fe) = al.reference_chars(&ch.reference);
    let toks = &al.reference[ch.reference.clone()];
    let (bs, be) = (toks[0].start as usize, toks[toks.len() - 1].end as usize);
    let person = names::person_name_among(&reference.text, bs, be, t.reference_names);
    // The personal data the source left in clear (names and the direct identifiers MSK005
    // flags, [`crate::rules::masking::InClear`]) that the masked text holds: masking one is
    // what CC IX and CE IX ask of the reuser pending the source's correction, not an
    // occultation added of the reuser's own initiative (CC X), which remedying would undo by
    // publishing the identifier again.
    let identifier = !person
        && t.reference_ex
            .reaching(fs)
            .iter()
            .take_while(|&&(a, _)| a < fe)
            .any(|&(_, b)| b > fs);
    let (ex, _, personal) = t.record_ex.marked(rs, re);
    let (rex, ref_span_in, mut reference_personal) = if person {
        t.reference_ex.marked_personal(fs, fe)
    } else {
        t.reference_ex.marked(fs, fe)
    };
    let masked = &reference.text[bs..be];
    let (rule, msg, message_personal) = if person {
        reference_personal.push(Personal::whole(ref_span_in.0, ref_span_in.1));
        reference_personal.sort_unstable_by_key(|p| (p.start, p.end, p.first, p.last));
        reference_personal.dedup();
        (
            Rule::MSK003,
            "the record masks a person's name that the source left in clear: allowed as a provisional occultation, but the defect must be reported to the court".to_string(),
            Vec::new(),
        )
    } else if identifier {
        (
            Rule::MSK003,
            "the record masks personal data that the source left in clear (a direct identifier): allowed as a provisional occultation, but the defect must be reported to the court".to_string(),
            Vec::new(),
        )
    } else {
        const BEFORE: &str = "the record masks «";
        // The masked text is chars `fs..fs + n` of the reference: what it shows of the
        // reference's personal data (a date of birth the source left in clear) is the
        // message's, as much of it as the quote shows ([`bound::bound`]), `at` chars on.
        let mut quote = masked.to_string();
        let n = quote.chars().count();
        let mut message_personal: Vec<Personal> = t
            .reference_ex
            .reaching(fs)
            .iter()
            .take_while(|&&(a, _)| a < fs + n)
            .filter(|&&(_, b)| b > fs)
            .map(|&(a, b)| Personal {
                start: a.max(fs) - fs,
                end: b.min(fs + n) - fs,
                first: a >= fs,
                last: b <= fs + n,
            })
            .collect();
        bound::bound(&mut quote, QUOTED, &mut message_personal);
        let at = BEFORE.chars().count();
        for p in &mut message_personal {
            p.start += at;
            p.end += at;
        }
        (
            Rule::MSK002,
            format!("{BEFORE}{quote}», which the reference shows in clear"),
            message_personal,
        )
    };
    out.masking.push(
        Finding::new(rule, Some(rec.clone()), msg).with_evidence(Evidence {
            field: "text".into(),
            span: Some(record.original_span(rs, re)),
            reference_span: Some(reference.original_span(fs, fe)),
            excerpt: Some(ex),
            reference_excerpt: Some(rex),
            personal,
            reference_personal,
            message_personal,
        }),
    );
}

/// INT004: an excerpt must let the reader reach the whole decision.
pub fn check_excerpt(
    is_excerpt: bool,
    full_text_url: Option<&str>,
    rec: &Arc<RecordRef>,
    out: &mut Vec<Finding>,
) {
    if is_excerpt && full_text_url.is_none_or(|u| u.trim().is_empty()) {
        out.push(
            Finding::new(
                Rule::INT004,
                Some(rec.clone()),
                "the record reproduces only part of the decision but gives no link to the full text",
            )
            .with_evidence(Evidence {
                field: "full_text_url".into(),
                ..Default::default()
            }),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::normalize::normalize_mapped;

    fn cmp(reference: &str, record: &str, excerpt: bool) -> TextComparison {
        let record = normalize_mapped(record, false);
        let personal = crate::rules::masking::InClear::find(
            &record.text,
            &crate::rules::masking::Professionals::of_metadata(&[]),
        )
        .pieces;
        let reference = ComparedReference::new(normalize_mapped(reference, false), reference, &[]);
        let first = compare(&record, &reference, excerpt, &personal, &Arc::default());
        // Compared again with the tokens of the whole reference found: the same comparison.
        let reference = ComparedReference {
            prepared: align::Prepared::with_tokens(&reference.text.text),
            ..reference
        };
        let again = compare(&record, &reference, excerpt, &personal, &Arc::default());
        assert!(reference.prepared.has_tokens());
        assert_eq!(again, first);
        first
    }

    #[test]
    fn substitution_is_int001_with_spans_of_the_original() {
        let c = cmp(
            "Par ces motifs, la Cour REJETTE le pourvoi.",
            "Par ces  motifs, la Cour CASSE le pourvoi.",
            false,
        );
        assert_eq!(c.integrity.len(), 1);
        let f = &c.integrity[0];
        assert_eq!(f.rule, Rule::INT001);
        let ev = f.evidence.as_ref().unwrap();
        // "CASSE" starts at char 25 of the record as read (two spaces after "ces").
        assert_eq!(ev.span, Some((25, 30)));
        assert_eq!(ev.reference_span, Some((24, 31)));
    }

    #[test]
    fn insertion_and_cut() {
        let r = "Attendu que la cour d'appel a retenu que le bail était résilié ; que le moyen n'est pas fondé.";
        let c = cmp(
            r,
            &format!("{r} Note de la rédaction : voir notre dossier sur les baux commerciaux."),
            false,
        );
        assert_eq!(
            c.integrity.iter().map(|f| f.rule).collect::<Vec<_>>(),
            vec![Rule::INT002]
        );
        // The last clause of the sentence deleted, its full stop kept: the sentence no longer
        // says what the decision says, in an excerpt too.
        for excerpt in [false, true] {
            let c = cmp(
                r,
                "Attendu que la cour d'appel a retenu que le bail était résilié.",
                excerpt,
            );
            assert_eq!(
                c.integrity.iter().map(|f| f.rule).collect::<Vec<_>>(),
                vec![Rule::INT001]
            );
            assert_eq!(
                c.integrity[0].message,
                "the record reads «résilié» where the reference reads «résilié ; que le moyen \
                 n'est pas fondé»"
            );
        }
        // A whole sentence left out: a cut, which an excerpt may make.
        let whole = format!("{r} PAR CES MOTIFS, la Cour rejette le pourvoi.");
        let c = cmp(&whole, r, false);
        assert_eq!(
            c.integrity.iter().map(|f| f.rule).collect::<Vec<_>>(),
            vec![Rule::INT003]
        );
        assert!(
            cmp(&whole, r, true).integrity.is_empty(),
            "an excerpt may cut"
        );
    }

    /// A heading letter-spaced on one side and set solid on the other (DILA's `R É P U B L I Q U
    /// E F R A N Ç A I S E`) is no change, either way, and no difference at all (no FRE002);
    /// other letters are a change, an alteration of the words, not a cut.
    #[test]
    fn letter_spacing_is_no_change() {
        let spaced = "Arrêt n° 1 F-D\n\nM. BONNAL président,\n R É P U B L I Q U E F R A N Ç A I S E\n \
                      ________\n AU NOM DU PEUPLE FRANÇAIS\n Le pourvoi est rejeté.";
        let solid = "Arrêt n° 1 F-D\n\nM. BONNAL président,\n RÉPUBLIQUE FRANÇAISE\n ________\n \
                     AU NOM DU PEUPLE FRANÇAIS\n Le pourvoi est rejeté.";
        let letters = "Arrêt n° 1 F-D\n\nM. BONNAL président,\n R É P U B L I Q U E F R A N Ç A I \
                       S E\n ________\n A U N O M D U P E U P L E F R A N Ç A I S\n Le pourvoi est \
                       rejeté.";
        for (reference, record) in [
            (spaced, solid),
            (solid, spaced),
            (solid, letters),
            (letters, spaced),
        ] {
            let c = cmp(reference, record, false);
            assert_eq!(c, TextComparison::default(), "{reference:?} / {record:?}");
        }
        // Other letters: the words altered.
        for (reference, record, message) in [
            (
                spaced,
                solid.replace("RÉPUBLIQUE FRANÇAISE", "REPUBLIQUE FRANCAISE"),
                "the record reads «président, REPUBLIQUE FRANCAISE ________ AU» where the \
                 reference reads «président, R É P U B L I Q U E F R A N Ç A I S E ________ AU»",
            ),
            (
                solid,
                spaced.replace("R É P U B L I Q U E", "R E P U B L I Q U E"),
                // The word after the record's, for context: the run's next letter.
                "the record reads «président, R E P U B L I Q U E F» where the reference reads \
                 «président, RÉPUBLIQUE FRANÇAISE»",
            ),
            (
                spaced,
                solid.replace("FRANÇAISE", "FRANCAISE"),
                "the record reads «RÉPUBLIQUE FRANCAISE ________ AU» where the reference reads \
                 «E F R A N Ç A I S E ________ AU»",
            ),
        ] {
            let c = cmp(reference, &record, false);
            assert!(c.differs);
            let got: Vec<_> = c
                .integrity
                .iter()
                .map(|f| (f.rule, f.message.to_string()))
                .collect();
            assert_eq!(got, vec![(Rule::INT001, message.to_string())], "{record:?}");
        }
        // Letters left out are a cut of those letters only.
        let c = cmp(spaced, &solid.replace(" FRANÇAISE", ""), false);
        assert_eq!(rules(&c), vec![Rule::INT003]);
        assert_eq!(
            c.integrity[0].message,
            "a passage of the reference is missing: «F R A N Ç A I S E»"
        );
    }

    /// A rule line of the header (DILA's `________`) left out, or drawn with another char, is
    /// no change and no difference at all (no FRE002); words changed beside it still are, and
    /// what is quoted is the words. Masking and elision signs are no rules.
    #[test]
    fn rule_lines_are_no_change() {
        let reference = "M. BONNAL président,\n RÉPUBLIQUE FRANÇAISE\n ________________\n \
                         AU NOM DU PEUPLE FRANÇAIS\n ________\n Le pourvoi est rejeté.";
        for record in [
            reference.replace("________", ""),
            reference
                .replace("________________", "═════")
                .replace("________", "---"),
            reference
                .replace("________________", "=====================")
                .replace("________", "~~~"),
        ] {
            assert_eq!(
                cmp(reference, &record, false),
                TextComparison::default(),
                "{record:?}"
            );
            // Either way.
            assert_eq!(cmp(&record, reference, false), TextComparison::default());
        }
        // Words changed beside a rule left out.
        let c = cmp(
            reference,
            &reference.replace("________\n Le pourvoi", "Le recours"),
            false,
        );
        assert!(c.differs);
        assert_eq!(rules(&c), vec![Rule::INT001]);
        assert_eq!(
            c.integrity[0].message,
            "the record reads «Le recours est» where the reference reads «Le pourvoi est»"
        );
        assert_eq!(
            c.first_difference.as_ref().unwrap().reference_excerpt,
            c.integrity[0].evidence.as_ref().unwrap().reference_excerpt
        );
        // Words replaced by a rule are changed, not cut, in an excerpt too (the regression
        // review's `de la somme retenue.` drawn as `----`).
        for excerpt in [false, true] {
            for rule in ["----", "____", "====", "───"] {
                let c = cmp(
                    reference,
                    &reference.replace("est rejeté.", &format!("est {rule}")),
                    excerpt,
                );
                assert_eq!(rules(&c), vec![Rule::INT001], "{rule} {excerpt}");
            }
        }
        // Not a rule: two chars, or signs that stand for something left out.
        for (short, sign) in [("__", "__"), ("***", "***"), ("...", "...")] {
            let with = reference.replace("________", sign);
            let c = cmp(&with, &reference.replace("________", ""), false);
            assert!(c.differs, "{short}");
        }
    }

    fn rules(c: &TextComparison) -> Vec<Rule> {
        c.integrity
            .iter()
            .chain(&c.masking)
            .map(|f| f.rule)
            .collect()
    }

    /// A marker faced with words that cannot be what it masks is an alteration, not an
    /// occultation lifted (MSK001) or added (MSK002): where texts are reordered, the diff pairs
    /// a marker with whatever words face it. A name, a value, or names joined still are.
    #[test]
    fn a_marker_faced_with_ordinary_words_is_an_alteration() {
        let r = "Sur le rapport de Mme Durand, la Cour a statué. Mme [C] a formé un pourvoi \
                 contre l'arrêt de la cour d'appel de Rouen, domiciliée [Adresse 1], le 3 mars.";
        for shown in ["la cour", "et", "Faits et procédure", "24. Selon", "5"] {
            let got = rules(&cmp(r, &r.replace("[C]", shown), false));
            assert!(!got.contains(&Rule::MSK001), "{shown}: {got:?}");
        }
        for shown in ["Dupont", "de Villepin", "Jeanne Dupont et Paul Martin"] {
            let got = rules(&cmp(r, &r.replace("[C]", shown), false));
            assert_eq!(got, [Rule::MSK001], "{shown}");
        }
        for (shown, lifted) in [
            ("12 rue de la Paix", true),
            ("Paris", true),
            ("en son domicile", false),
            ("S3. 2. Le", false),
        ] {
            let got = rules(&cmp(r, &r.replace("[Adresse 1]", shown), false));
            assert_eq!(got.contains(&Rule::MSK001), lifted, "{shown}: {got:?}");
        }
        // A source-style marker over words that are no value, or over an elision mark; a
        // place masked is MSK002.
        for (masked, marker, added) in [
            ("a formé", "[X]", false),
            ("Rouen", "[Localité 1]", true),
            ("Durand", "[D]", true),
        ] {
            let got = rules(&cmp(r, &r.replacen(masked, marker, 1), false));
            assert_eq!(got.contains(&Rule::MSK002), added, "{masked}: {got:?}");
        }
        let r = "l'article dispose que « les présidents (...) peuvent » statuer";
        let got = rules(&cmp(r, &r.replace("(...)", "[...]"), false));
        assert!(!got.contains(&Rule::MSK002), "{got:?}");
    }

    /// A value shown in place of a marker is lifted in the shapes names and values take: a name
    /// with a particle or an apostrophe, in capitals, inside tags; an address abridged or
    /// starting with its kind of way, a company with its legal form or as dotted capitals, an
    /// e-mail address. Words that designate without naming, placeholders and the reuser's own
    /// marks are not.
    #[test]
    fn a_marker_shown_in_clear_whatever_the_shape_of_the_value() {
        let r = "Mme [O] [C] et le bâtonnier de l'ordre, demeurant [Adresse 1], joignable à \
                 l'adresse [Courriel 1], gérant de la société [3], ont été entendus.";
        for (marker, shown) in [
            ("[C]", "d'Estaing"),
            ("[C]", "d’Ormesson"),
            ("[C]", "de la Tour d'Auvergne"),
            ("[C]", "Mac'h"),
            ("[C]", "<b>Kaminski</b>"),
            ("[Adresse 1]", "3 av. Foch"),
            ("[Adresse 1]", "12 bd. Voltaire"),
            ("[3]", "Martin S.A."),
            ("[3]", "S.A.R.L. Martin"),
            ("[Courriel 1]", "jean.martin@example.fr"),
            ("[3]", "M.B.T."),
            ("[Adresse 1]", "avenue Foch"),
            ("[Adresse 1]", "rue de la Paix"),
            ("[Adresse 1]", "lieu-dit les Granges"),
            ("[C]", "KAMINSKI"),
            ("[C]", "Kamin\u{301}\u{301}ski"),
            ("[3]", "Banque Populaire"),
            ("[Adresse 1]", "1985"),
            ("[Adresse 1]", "au 12 rue de la Paix"),
            ("[Courriel 1]", "JEAN.MARTIN@EXAMPLE.FR"),
            ("[Courriel 1]", "+33 6 12 34 56 78"),
            ("[3]", "n° 123 456 789"),
            ("[Adresse 1]", "12/03/1985"),
        ] {
            let got = rules(&cmp(r, &r.replacen(marker, shown, 1), false));
            assert!(got.contains(&Rule::MSK001), "{shown}: {got:?}");
            assert!(!got.contains(&Rule::INT001), "{shown}: {got:?}");
        }
        // Words the reference holds elsewhere, in lower case or run into a sentence, are not
        // what a marker masks.
        for (marker, shown) in [
            ("[C]", "le bâtonnier"),
            ("[Adresse 1]", "entendus. Mme"),
            ("[3]", "l'ordre"),
            // Words that designate without naming, placeholders, the reuser's own marks.
            ("[C]", "L'intéressé"),
            ("[C]", "le Tribunal"),
            ("[C]", "Le Prévenu"),
            ("[C]", "Monsieur"),
            ("[3]", "la Banque"),
            ("[3]", "X"),
            ("[Adresse 1]", "N/A"),
            ("[Adresse 1]", "Voir annexe"),
            ("[Adresse 1]", "Adresse non communiquée"),
            ("[Adresse 1]", "XX-XXX-XX"),
            ("[C]", "Nom"),
            ("[C]", "La Victime"),
            ("[Adresse 1]", "Localité"),
            ("[Courriel 1]", "xxx@xxx.fr"),
            ("[Courriel 1]", "0X XX XX XX XX"),
            ("[3]", "SOCIETE X"),
            ("[Adresse 1]", "00/00/0000"),
            ("[3]", "N° SIREN"),
            ("[C]", "Le Gérant"),
        ] {
            let got = rules(&cmp(r, &r.replacen(marker, shown, 1), false));
            assert!(!got.contains(&Rule::MSK001), "{shown}: {got:?}");
        }
        // After a civility, a capitalised word is a surname, an office's word too; not a title
        // with its article, nor the name of the field.
        let r = "Le 3 mars 2023, M. [J] a formé un pourvoi contre l'arrêt.";
        for (shown, lifted) in [
            ("Conseil", true),
            ("Juge", true),
            ("le Maire", false),
            ("Nom", false),
        ] {
            let got = rules(&cmp(r, &r.replacen("[J]", shown, 1), false));
            assert_eq!(got.contains(&Rule::MSK001), lifted, "{shown}: {got:?}");
        }
    }

    /// `(…)` where an excerpt skips words: a cut (allowed in an excerpt), not the words
    /// substituted, though the passage left out holds parentheses and dots of its own.
    #[test]
    fn an_elision_mark_in_place_of_words_is_a_cut() {
        let r = "La cour d'appel a retenu que l'Office (OCLTI) avait relevé des faits (2009). \
                 PAR CES MOTIFS, la Cour rejette le pourvoi.";
        for mark in ["(…)", "(...)"] {
            let record = format!(
                "La cour d'appel a retenu {mark} PAR CES MOTIFS, la Cour rejette le pourvoi."
            );
            assert_eq!(rules(&cmp(r, &record, false)), [Rule::INT003], "{mark}");
            assert_eq!(rules(&cmp(r, &record, true)), [], "{mark}");
            // However short the passage.
            let record = r.replace("(OCLTI)", mark);
            assert_eq!(rules(&cmp(r, &record, false)), [Rule::INT003], "{mark}");
        }
        // One elision mark spelt as another is a substitution, as before.
        let r = "l'article dispose que « les présidents (...) peuvent » statuer";
        let c = cmp(r, &r.replace("(...)", "(…)"), true);
        assert_eq!(rules(&c), [Rule::INT001]);
    }

    /// A marker in place of more than a name, however many markers of the reference the passage
    /// holds, is a cut; in place of markers and a few words, the same occultation.
    #[test]
    fn a_marker_in_place_of_sentences_is_a_cut() {
        let r = "Attendu que la société [5] a installé un établissement à [Localité 4] ; que \
                 M. [K] en était le gérant depuis plusieurs années, selon les pièces ; PAR CES \
                 MOTIFS, rejette";
        for mark in ["[…]", "***", "█", "X...", "[X]"] {
            let record = format!("Attendu que {mark} PAR CES MOTIFS, rejette");
            assert_eq!(rules(&cmp(r, &record, false)), [Rule::INT003], "{mark}");
            assert_eq!(rules(&cmp(r, &record, true)), [], "{mark}");
            let record = r.replace("[Localité 4] ; que M. [K]", mark);
            assert_eq!(rules(&cmp(r, &record, false)), [], "{mark}");
        }
        // The cut is the first difference, what FRE002 shows when the record is outdated.
        let c = cmp(r, "Attendu que […] PAR CES MOTIFS, rejette", false);
        assert_eq!(c.first_difference.unwrap().span, Some((12, 15)));
        // A marker shown beside a long passage inserted: an insertion, not the same occultation.
        let record = r.replace(
            "M. [K]",
            "M. X... (voir notre commentaire détaillé de cette affaire publié le 3 mars dernier dans notre revue)",
        );
        assert_eq!(rules(&cmp(r, &record, false)), [Rule::INT002]);
    }

    fn masking(reference: &str, record: &str) -> Vec<(Rule, Option<(usize, usize)>)> {
        let c = cmp(reference, record, false);
        assert!(c.integrity.is_empty(), "{:?}", c.integrity);
        c.masking
            .iter()
            .map(|f| (f.rule, f.evidence.as_ref().unwrap().span))
            .collect()
    }

    #[test]
    fn the_masking_examples_of_the_spec() {
        assert_eq!(
            masking(
                "M. [K] a formé le pourvoi",
                "M. Kaminski a formé le pourvoi"
            ),
            vec![(Rule::MSK001, Some((3, 11)))]
        );
        assert_eq!(
            masking("la société Dilo Guyane", "la société [X]"),
            vec![(Rule::MSK002, Some((11, 14)))]
        );
        assert_eq!(
            masking(
                "M. Durand, demeurant [Adresse 1]",
                "M. [D], demeurant [Adresse 1]"
            ),
            vec![(Rule::MSK003, Some((3, 6)))]
        );
        // Every name the source left in clear that the record masks, in a long decision: the
        // names of the reference are found once for all of its maskings (each asking for them
        // made a thousand maskings cost a thousand searches of the whole text).
        let (mut reference, mut record) = (String::new(), String::new());
        for i in 0..300 {
            reference += &format!("Par acte du {i} mars, Mme Odile Castaing a formé un recours. ");
            record += &format!("Par acte du {i} mars, Mme [O] [C] a formé un recours. ");
        }
        let found = masking(&reference, &record);
        assert_eq!(found.len(), 300);
        assert!(found.iter().all(|(r, _)| *r == Rule::MSK003));
        // A marker respelt is the same occultation.
        assert!(masking("M. [K] a formé", "M. [...] a formé").is_empty());
        // So are initials respelt, with dots, an ellipsis or nothing after them; a name that
        // follows an initial is shown, though.
        for record in [
            "Mme C. A. B. demande",
            "Mme C.A.B. demande",
            "Mme C A B demande",
        ] {
            assert!(
                masking("Mme C... A... B... demande", record).is_empty(),
                "{record}"
            );
        }
        assert!(masking("M. [K] a formé", "M. K. a formé").is_empty());
        assert_eq!(
            masking("Mme C... demande", "Mme C. Martin demande")
                .iter()
                .map(|f| f.0)
                .collect::<Vec<_>>(),
            [Rule::MSK001]
        );
    }

    #[test]
    fn names_shown_beside_markers_of_the_reuser_are_lifted() {
        // A reuser masking in its own style and still showing part of the name.
        for (reference, record, shown) in [
            ("M. [H] [W] a formé", "M. H... Wattelet a formé", "Wattelet"),
            ("M. [H] [W] a formé", "M. X... Wattelet a formé", "Wattelet"),
            ("M. [H] [W] a formé", "M. *** Wattelet a formé", "Wattelet"),
            ("M. [H] [W] a formé", "M. Hervé X... a formé", "Hervé"),
            ("M. [H] [W] a formé", "M. Hervé ███ a formé", "Hervé"),
            ("M. J... Y... a formé", "M. [J] Yvelin a formé", "Yvelin"),
            // A name added beside a marker both texts hold.
            ("Mme B... demande", "Mme B... Bensaïd demande", "Bensaïd"),
            ("Mme [B] demande", "Mme [B] Bensaïd demande", "Bensaïd"),
        ] {
            let c = cmp(reference, record, false);
            assert!(c.integrity.is_empty(), "{record}: {:?}", c.integrity);
            assert_eq!(c.masking.len(), 1, "{record}");
            assert_eq!(c.masking[0].rule, Rule::MSK001, "{record}");
            let (s, e) = c.masking[0].evidence.as_ref().unwrap().span.unwrap();
            let got: String = record.chars().skip(s).take(e - s).collect();
            assert_eq!(got, shown, "{record}");
        }
        // Markers respelt or moved, words the reference holds, or a word that is no name: nothing.
        for (reference, record) in [
            ("M. [H] [W] a formé", "M. X... Y... a formé"),
            ("M. [H] et [W] ont formé", "M. X... et Y... ont formé"),
            ("[K] a formé", "X... a formé"),
            ("M. [H] Attendu que", "M. X... Attendu que"),
        ] {
            let c = cmp(reference, record, false);
            assert!(c.masking.is_empty(), "{record}: {:?}", c.masking);
        }
        // Words inserted beside a marker that are no name stay an insertion.
        let c = cmp("M. [K] a formé", "M. [K] (voir note) a formé", false);
        assert!(c.masking.is_empty());
        assert_eq!(c.integrity[0].rule, Rule::INT002);
    }

    /// The char span of the first `needle` in `text` at or after byte `from`.
    fn span_of(text: &str, from: usize, needle: &str) -> (usize, usize) {
        let b = from
            + text[from..]
                .find(needle)
                .unwrap_or_else(|| panic!("{needle} in {text}"));
        let s = text[..b].chars().count();
        (s, s + needle.chars().count())
    }

    /// The reference's opening, as the Cour de cassation publishes it (Judilibre's markers).
    const OPENING: &str = "Sur le pourvoi formé par M. [Z] [R], domicilié [Adresse 1] à \
        [Localité 3], contre l'arrêt rendu le 3 mars 2022 par la cour d'appel de Rouen, dans le \
        litige l'opposant à la société [1], dont le siège est [Adresse 2] [Localité 4]. Mme [K] \
        a formé un pourvoi incident.";

    /// Only a marker may be respelt unnoticed: words changed beside a marker that the record
    /// writes in another style are an alteration (INT001), as beside the reference's own marker,
    /// whatever the style, before, after or between markers, beside several in a row. The marker
    /// respelt alone, or standing for the civility too, is no finding.
    #[test]
    fn words_changed_beside_a_marker_respelt_alter_the_text() {
        for style in [
            "[K]",
            "[Localité 3]",
            "X...",
            "C... A...",
            "***",
            "█",
            "[...]",
            "[…]",
        ] {
            // Respelt alone: nothing, however many markers one stands for.
            for edits in [
                vec![
                    ("M. [Z] [R]", format!("M. {style}")),
                    ("[Adresse 1] à [Localité 3]", format!("{style} à {style}")),
                    ("[Adresse 2] [Localité 4]", style.to_string()),
                    ("Mme [K]", format!("Mme {style}")),
                ],
                vec![("M. [Z] [R]", style.to_string())],
                vec![("[Adresse 2] [Localité 4]", format!("{style} {style}"))],
            ] {
                let mut record = OPENING.to_string();
                for (from, to) in &edits {
                    record = record.replacen(from, to, 1);
                }
                assert_eq!(rules(&cmp(OPENING, &record, false)), [], "{record}");
            }
            // A word changed beside it: INT001 on that word, which the reference reads at the
            // place of `was`.
            for (from, to, changed, was) in [
                // Before the marker (D2 of the review).
                (
                    "domicilié [Adresse 1]",
                    format!("demeurant {style}"),
                    "demeurant",
                    "domicilié",
                ),
                // Between two markers.
                (
                    "[Adresse 1] à [Localité 3]",
                    format!("{style} en {style}"),
                    "en",
                    "à",
                ),
                // After it.
                (
                    "Mme [K] a formé",
                    format!("Mme {style} avait formé"),
                    "avait",
                    "a",
                ),
                // Before several in a row, respelt as one or as many.
                (
                    "est [Adresse 2] [Localité 4]",
                    format!("était {style}"),
                    "était",
                    "est",
                ),
                (
                    "est [Adresse 2] [Localité 4]",
                    format!("était {style} {style}"),
                    "était",
                    "est",
                ),
                // A natural person made a company, a man a woman, a company another form.
                (
                    "par M. [Z] [R]",
                    format!("par la société {style}"),
                    "la société",
                    "M.",
                ),
                ("Mme [K] a", format!("M. {style} a"), "M.", "Mme"),
                (
                    "la société [1]",
                    format!("la SARL {style}"),
                    "SARL",
                    "société",
                ),
                // A case changed (D6 of the review): an alteration, as it is beside the
                // reference's own marker, and no marker shown in clear.
                (
                    "domicilié [Adresse 1]",
                    format!("Domicilié {style}"),
                    "Domicilié",
                    "domicilié",
                ),
            ] {
                let record = OPENING.replacen(from, &to, 1);
                let c = cmp(OPENING, &record, false);
                assert_eq!(rules(&c), [Rule::INT001], "{record}");
                let ev = c.integrity[0].evidence.as_ref().unwrap();
                let at = OPENING.find(from).unwrap();
                assert_eq!(ev.span, Some(span_of(&record, at, changed)), "{record}");
                assert_eq!(
                    ev.reference_span,
                    Some(span_of(OPENING, at, was)),
                    "{record}"
                );
            }
            // Words inserted beside it: an insertion; a name: the marker lifted, reported with
            // the reference's marker.
            let record = OPENING.replacen("Mme [K] a", &format!("Mme {style} (voir note) a"), 1);
            assert_eq!(
                rules(&cmp(OPENING, &record, false)),
                [Rule::INT002],
                "{record}"
            );
            for name in [
                format!("Mme {style} Kaminski a"),
                format!("Mme Karine {style} a"),
            ] {
                let record = OPENING.replacen("Mme [K] a", &name, 1);
                let c = cmp(OPENING, &record, false);
                assert_eq!(rules(&c), [Rule::MSK001], "{record}");
                assert_eq!(
                    c.masking[0].message,
                    "pseudonymised name [K] of the reference is shown in clear"
                );
            }
        }
        // The same alterations beside the reference's own markers, for comparison.
        for (from, to) in [
            ("domicilié [Adresse 1]", "demeurant [Adresse 1]"),
            ("domicilié [Adresse 1]", "Domicilié [Adresse 1]"),
            ("Mme [K] a", "M. [K] a"),
        ] {
            let record = OPENING.replacen(from, to, 1);
            assert_eq!(
                rules(&cmp(OPENING, &record, false)),
                [Rule::INT001],
                "{record}"
            );
        }
        // The marker upper-cased beside a word whose case changed: still a marker.
        let record = OPENING.replacen("domicilié [Adresse 1]", "Domicilié [ADRESSE 1]", 1);
        let c = cmp(OPENING, &record, false);
        assert_eq!(rules(&c), [Rule::INT001]);
        assert_eq!(
            c.integrity[0].message,
            "the record reads «[R], Domicilié [ADRESSE 1]» where the reference reads «[R], \
             domicilié [Adresse 1]»"
        );
        assert!(
            rules(&cmp(
                OPENING,
                &OPENING.replace("[Adresse 1]", "[ADRESSE 1]"),
                false
            ))
            .is_empty()
        );
    }

    #[test]
    fn an_ellipsis_alone_between_kept_passages_is_a_cut() {
        let reference =
            "Le moyen est fondé. Faits et procédure. 1. La cour a jugé. 2. Elle a rejeté.";
        for record in [
            "Le moyen est fondé. … 1. La cour a jugé. 2. Elle a rejeté.",
            "Le moyen est fondé. (…) 1. La cour a jugé. 2. Elle a rejeté.",
            "Le moyen est fondé. […] 1. La cour a jugé. 2. Elle a rejeté.",
            "Le moyen est fondé. [...] 1. La cour a jugé. 2. Elle a rejeté.",
        ] {
            // An excerpt may leave passages out; a full record may not.
            let c = cmp(reference, record, true);
            assert!(c.integrity.is_empty(), "{record}: {:?}", c.integrity);
            let c = cmp(reference, record, false);
            assert_eq!(rules(&c), vec![Rule::INT003], "{record}");
        }
        // Inside a sentence, ` … ` in place of a word changes what the sentence says.
        let c = cmp(
            "Le moyen n'est pas fondé. La cour a jugé.",
            "Le moyen n'est … fondé. La cour a jugé.",
            true,
        );
        assert_eq!(rules(&c), vec![Rule::INT001]);
        // A full stop deleted between two sentences joins them: a change, not a cut.
        let c = cmp(
            reference,
            "Le moyen est fondé Faits et procédure. 1. La cour a jugé. 2. Elle a rejeté.",
            true,
        );
        assert_eq!(rules(&c), vec![Rule::INT001]);
        // `[…]` in place of words inside a sentence masks them (a party's name: MSK003).
        let c = cmp(
            "Le pourvoi de M. Jean Dupont est rejeté.",
            "Le pourvoi de M. […] est rejeté.",
            true,
        );
        assert!(c.integrity.is_empty(), "{:?}", c.integrity);
        assert_eq!(c.masking.len(), 1);
        // Glued to a word, it is punctuation: `jugé…` for `jugé.` is a change of the text.
        let c = cmp(
            reference,
            "Le moyen est fondé. Faits et procédure. 1. La cour a jugé… 2. Elle a rejeté.",
            true,
        );
        assert_eq!(rules(&c), vec![Rule::INT001]);
    }

    #[test]
    fn a_marker_escaped_in_a_plain_text_is_no_name_shown() {
        // A publisher's plain text with HTML entities: the marker is still there, escaped. The
        // text differs as published, but nothing the source masks is shown.
        let c = cmp(
            "la caisse de [Localité 3] a formé un pourvoi",
            "la caisse de [Localit&eacute; 3] a formé un pourvoi",
            false,
        );
        assert!(c.masking.is_empty(), "{:?}", c.masking);
        assert_eq!(c.integrity.len(), 1, "{:?}", c.integrity);
        // A name in the marker's place still is one.
        let c = cmp(
            "la caisse de [Localité 3] a formé un pourvoi",
            "la caisse de Saint-Denis a formé un pourvoi",
            false,
        );
        assert_eq!(c.masking.len(), 1);
        assert_eq!(c.masking[0].rule, Rule::MSK001);
    }

    #[test]
    fn a_long_address_shown_in_clear_is_lifted() {
        for record in [
            "demeurant 14 rue des Lilas, 92100 Boulogne-Billancourt, a formé",
            "demeurant 12 avenue du Maréchal de Lattre de Tassigny, 92100 Boulogne, a formé",
        ] {
            let got = masking("demeurant [Adresse 2], a formé", record);
            assert_eq!(got.len(), 1, "{record}");
            assert_eq!(got[0].0, Rule::MSK001, "{record}");
        }
    }

    /// What an excerpt shows of the personal data of its text: the pieces in its window, a piece
    /// its start cuts without its first char, one its end cuts without its last, and one the
    /// omission of a long span cuts in two.
    #[test]
    fn excerpts_mark_what_they_show_of_the_personal_data() {
        let text = format!("M. Jean Dupont, {}, né le 3 mars 1975.", "x".repeat(100));
        let n = text.chars().count();
        let (dupont, born) = ((3, 14), (n - 12, n - 1));
        let pieces = [dupont, born];
        // The window (40 chars before the span) starts inside `Jean Dupont`.
        let (ex, _, marks) = marked_excerpt(&text, 51, 52, &pieces);
        assert!(ex.starts_with("ont, xxx"), "{ex}");
        let rest = Personal {
            start: 0,
            end: 3,
            first: false,
            last: true,
        };
        assert_eq!(marks, vec![rest]);
        assert!(crate::report::redact::redact(&ex, &marks).starts_with("•••, xxx"));
        // It holds all of `Jean Dupont`.
        let (ex, _, marks) = marked_excerpt(&text, 0, 1, &pieces);
        assert_eq!(ex, format!("M. Jean Dupont, {}", "x".repeat(25)));
        assert_eq!(marks, vec![Personal::whole(3, 14)]);
        // It ends inside the date: its start is there, not its end.
        let (ex, _, marks) = marked_excerpt(&text, born.0 - 35, born.0 - 34, &pieces);
        assert!(ex.ends_with(", né le 3 mars"), "{ex}");
        let m = ex.chars().count();
        let start = Personal {
            start: m - 6,
            end: m,
            first: true,
            last: false,
        };
        assert_eq!(marks, vec![start]);
        // A long span (3..183) left out in its middle (83..103): a piece in the part shown
        // first, one its cut ends, one left out, one the rest starts inside.
        let long: String = (0..300)
            .map(|i| char::from(b'a' + (i % 26) as u8))
            .collect();
        let chars: Vec<char> = long.chars().collect();
        let pieces = [(3, 14), (78, 88), (85, 95), (100, 111)];
        let (ex, (s, t), marks) = marked_excerpt(&long, 3, 183, &pieces);
        assert_eq!((s, t), (3, 3 + 2 * SPAN_ENDS + OMITTED.chars().count()));
        let shown: Vec<char> = ex.chars().collect();
        let parts: Vec<(String, bool, bool)> = marks
            .iter()
            .map(|p| (shown[p.start..p.end].iter().collect(), p.first, p.last))
            .collect();
        let of = |a: usize, b: usize| chars[a..b].iter().collect::<String>();
        assert_eq!(
            parts,
            vec![
                (of(3, 14), true, true),
                (of(78, 83), true, false),
                (of(103, 111), false, true),
            ]
        );
        let redacted = crate::report::redact::redact(&ex, &marks);
        assert!(
            redacted.contains(&format!("{OMITTED}••••••••")),
            "{redacted}"
        );
    }

    /// The reference shows a date of birth the record masks: MSK003, whose reference excerpt
    /// marks it as personal; so does any other excerpt of the reference
    /// that shows it (a passage the record cut).
    // The look-up finds what a walk through every range finds, long and overlapping ranges
    // and empty spans included.
    #[test]
    fn reach_agrees_with_a_walk() {
        let mut ranges = vec![
            (0, 3),
            (2, 40),
            (5, 6),
            (7, 7),
            (10, 12),
            (41, 50),
            (60, 61),
        ];
        ranges.sort_unstable();
        let reach = Reach::new(&ranges);
        for s in 0..70 {
            for e in s..70 {
                let walk = ranges.iter().any(|&(a, b)| s < b && a < e);
                assert_eq!(reach.overlaps((s, e)), walk, "{s}..{e}");
            }
            let skipped = ranges.len() - reach.ending_after(s).len();
            assert!(ranges[..skipped].iter().all(|&(_, b)| b <= s), "{s}");
        }
    }

    // The excerpter looks pieces up from the first that can reach an excerpt, and counts chars
    // from a mark of its index: what it gives is what going through every piece from the
    // text's start gives, whatever the pieces (long ones, overlapping ones) and the text (long
    // enough for the index, with multi-byte chars).
    #[test]
    fn the_excerpter_agrees_with_a_plain_walk() {
        let mut seed = 0x9e37_79b9_7f4a_7c15u64;
        let mut next = |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n as u64) as usize
        };
        let text: String = (0..40_000)
            .map(|i| ['a', 'é', ' ', 'Ω', 'z', '€'][(i * 7 + i / 13) % 6])
            .collect();
        let chars = text.chars().count();
        for round in 0..40 {
            let mut pieces: Vec<(usize, usize)> = (0..200)
                .map(|_| {
                    let a = next(chars);
                    // Now and then a piece of thousands of chars.
                    let len = if next(10) == 0 {
                        next(6000)
                    } else {
                        next(40) + 1
                    };
                    (a, (a + len).min(chars))
                })
                .collect();
            pieces.sort_unstable();
            let ex = Excerpter::new(&text, &pieces);
            for _ in 0..50 {
                let start = next(chars);
                let end = (start + next(if round % 2 == 0 { 30 } else { 3000 })).min(chars);
                let (got, span, marks) = ex.marked(start, end);
                // The plain way: chars counted from the start, every piece tried.
                let plain = Excerpter {
                    marks: std::cell::OnceCell::from(vec![0]),
                    ..Excerpter::new(&text, &pieces)
                };
                let (want, want_span, window) = plain.excerpt_of(start, end, true);
                assert_eq!((&got, span), (&want, want_span));
                assert_eq!(marks, window.personal(&pieces));
            }
        }
    }

    #[test]
    fn personal_data_of_the_reference_is_marked_in_messages_and_excerpts() {
        let c = cmp(
            "M. [H], né le 3 mars 1975, a formé le pourvoi.",
            "M. [H], né le [Date naissance 1], a formé le pourvoi.",
            false,
        );
        assert_eq!(c.masking.len(), 1, "{:?}", c.masking);
        let f = &c.masking[0];
        // Masking a date of birth the source left in clear (what MSK005 flags in clear) is the
        // provisional occultation CC IX asks for, not an occultation added (MSK002): its message
        // does not quote it.
        assert_eq!(f.rule, Rule::MSK003);
        assert_eq!(
            f.message,
            "the record masks personal data that the source left in clear (a direct identifier): allowed as a provisional occultation, but the defect must be reported to the court"
        );
        let e = f.evidence.as_ref().unwrap();
        assert!(e.message_personal.is_empty());
        assert_eq!(
            crate::report::redact::redact(
                e.reference_excerpt.as_deref().unwrap(),
                &e.reference_personal
            ),
            "M. [H], né le •••••••••••, a formé le pourvoi."
        );
        // A passage of the reference the record leaves out (INT003).
        let reference = format!(
            "{} M. [H], né le 3 mars 1975, a formé le pourvoi le même jour que Mme Jeanne Roux. {}",
            "Attendu que la cour d'appel a retenu que le bail était résilié.",
            "PAR CES MOTIFS, la Cour rejette le pourvoi."
        );
        let record = format!(
            "{} {}",
            "Attendu que la cour d'appel a retenu que le bail était résilié.",
            "PAR CES MOTIFS, la Cour rejette le pourvoi."
        );
        let c = cmp(&reference, &record, false);
        let cut = c.integrity.iter().find(|f| f.rule == Rule::INT003).unwrap();
        let e = cut.evidence.as_ref().unwrap();
        let shown = crate::report::redact::redact(
            e.reference_excerpt.as_deref().unwrap(),
            &e.reference_personal,
        );
        assert!(shown.contains("né le •••••••••••,"), "{shown}");
        assert!(shown.contains("Mme J••••••••••."), "{shown}");
        // The message quotes the passage: what it shows of the personal data is redacted too.
        let msg = crate::report::exported_message(cut, false);
        assert!(!msg.contains("1975") && !msg.contains("Jeanne"), "{msg}");
        assert!(msg.contains("né le ••••"), "{msg}");
    }

    #[test]
    fn a_lifted_marker_is_redacted_in_the_excerpt() {
        let c = cmp(
            "M. [K] a formé le pourvoi",
            "M. Kaminski a formé le pourvoi",
            false,
        );
        let ev = c.masking[0].evidence.as_ref().unwrap();
        assert_eq!(ev.personal, vec![Personal::whole(3, 11)]);
        assert_eq!(c.lifted, vec![(3, 11)]);
        assert!(c.masking[0].message.contains("[K]"));
        assert!(!c.masking[0].message.contains("Kaminski"));
    }

    #[test]
    fn a_name_shown_with_words_added_after_it_is_lifted_and_the_words_inserted() {
        let reference = "Sur le moyen unique. M. [Z] [R] a formé un pourvoi contre l'arrêt. \
                         Par ces motifs, la Cour rejette le pourvoi.";
        for (record, added) in [
            ("M. Zoran Radic, 45 ans, a formé", ", 45 ans,"),
            (
                "M. Zoran Radic, chauffeur routier, a formé",
                ", chauffeur routier,",
            ),
            ("M. Zoran Radic (né en 1970) a formé", "(né en 1970)"),
            ("Zoran Radic, 45 ans, a formé", ", 45 ans,"),
            (
                "M. Zoran Radic – chauffeur routier – a formé",
                // Dashes are folded to `-` by normalisation (SPEC §1.4).
                "- chauffeur routier -",
            ),
            ("M. Zoran Radic — 45 ans — a formé", "- 45 ans -"),
            ("M. Zoran Radic - 45 ans - a formé", "- 45 ans -"),
            ("M. Zoran Radic ; chauffeur, a formé", "; chauffeur,"),
        ] {
            let text = reference.replace("M. [Z] [R] a formé", record);
            let c = cmp(reference, &text, false);
            let name = text.find("Zoran").unwrap();
            assert_eq!(rules(&c), [Rule::INT002, Rule::MSK001], "{record}");
            assert_eq!(
                c.lifted,
                vec![(name, name + "Zoran Radic".len())],
                "{record}"
            );
            assert!(c.masking[0].message.contains("[Z] [R]"), "{record}");
            assert!(c.integrity[0].message.contains(added), "{record}: {c:?}");
        }
        // The words alone are no name: the change is an alteration, and no marker is lifted.
        for record in [
            "M. [Z] [R], 45 ans, a formé",
            "M. le président, 45 ans, a formé",
            "M. le président – 45 ans – a formé",
            "Selon lui, il a formé",
        ] {
            let text = reference.replace("M. [Z] [R] a formé", record);
            let c = cmp(reference, &text, false);
            assert!(!rules(&c).contains(&Rule::MSK001), "{record}: {c:?}");
        }
        // A hyphenated first name is one word of the name, not a dash before words added.
        let text = reference.replace("M. [Z] [R] a formé", "M. Jean-Zoran Radic, 45 ans, a formé");
        let c = cmp(reference, &text, false);
        let name = text.find("Jean-Zoran").unwrap();
        assert_eq!(rules(&c), [Rule::INT002, Rule::MSK001], "{c:?}");
        assert_eq!(c.lifted, vec![(name, name + "Jean-Zoran Radic".len())]);
        // A name alone, with its comma, is the occultation lifted as before.
        let text = reference.replace("M. [Z] [R] a formé", "M. Zoran Radic, a formé");
        assert_eq!(rules(&cmp(reference, &text, false)), [Rule::MSK001]);
    }

    #[test]
    fn a_name_masked_with_words_added_after_it_is_masked_and_the_words_inserted() {
        let reference = "Sur le moyen unique. M. Zoran Radic a formé un pourvoi contre l'arrêt. \
                         Par ces motifs, la Cour rejette le pourvoi.";
        for (record, added) in [
            ("M. [Z] [R], 45 ans, a formé", ", 45 ans,"),
            ("M. [Z] [R] (né en 1970) a formé", "(né en 1970)"),
            (
                "M. Z... R... – chauffeur routier – a formé",
                "- chauffeur routier -",
            ),
            ("M. [Z] [R] ; chauffeur, a formé", "; chauffeur,"),
        ] {
            let text = reference.replace("M. Zoran Radic a formé", record);
            let c = cmp(reference, &text, false);
            assert_eq!(rules(&c), [Rule::INT002, Rule::MSK003], "{record}: {c:?}");
            assert!(c.integrity[0].message.contains(added), "{record}: {c:?}");
            // The name masked is not quoted in clear where the finding is told.
            assert!(!c.masking[0].message.contains("Radic"), "{record}: {c:?}");
        }
        // The markers alone, with their comma, mask the name as before.
        let text = reference.replace("M. Zoran Radic a formé", "M. [Z] [R], a formé");
        assert_eq!(rules(&cmp(reference, &text, false)), [Rule::MSK003]);
        // Markers of an address before words added mask no name: not split.
        let text = reference.replace("M. Zoran Radic a formé", "M. [Adresse 1], 45 ans, a formé");
        assert!(!rules(&cmp(reference, &text, false)).contains(&Rule::MSK003));
    }

    #[test]
    fn a_last_word_cut_short_is_the_end_of_an_excerpt() {
        let reference = "Selon l'arrêt attaqué, le 3 août 2018, l'établissement public a \
                         demandé la résiliation du bail. Par ces motifs, la Cour casse.";
        for end in [
            "le 3",
            "le 3 a",
            "le 3 ao",
            "le 3 août 2018, l",
            "le 3 août 2018, l'établissement public a d",
        ] {
            let text = &reference[..reference.find(end).unwrap() + end.len()];
            let c = cmp(reference, text, true);
            assert!(rules(&c).is_empty(), "{end}: {c:?}");
            // Not marked as an excerpt: a cut, not an alteration.
            let c = cmp(reference, text, false);
            assert_eq!(rules(&c), [Rule::INT003], "{end}: {c:?}");
        }
        // A word of the record's own at its end is still one.
        let text = reference.replace("a demandé", "a obtenu");
        assert_eq!(rules(&cmp(reference, &text, true)), [Rule::INT001]);
    }

    #[test]
    fn excerpt_marks_the_span() {
        let (e, s) = excerpt("abcdef", 2, 4);
        assert_eq!((e.as_str(), s), ("abcdef", (2, 4)));
        let long = "x".repeat(100);
        let (e, s) = excerpt(&long, 50, 52);
        assert_eq!(e.chars().count(), 82);
        assert_eq!(s, (40, 42));
        // Past the end of the text, and an empty span.
        assert_eq!(excerpt("abc", 1, 9), ("abc".to_string(), (1, 3)));
        assert_eq!(excerpt("abc", 3, 3), ("abc".to_string(), (3, 3)));
        assert_eq!(excerpt("", 0, 0), (String::new(), (0, 0)));
    }

    #[test]
    fn byte_of_char_counts_chars_not_bytes() {
        let text = "aé€😀b";
        for k in 0..=7 {
            let want = text.char_indices().nth(k).map_or(text.len(), |(b, _)| b);
            assert_eq!(byte_of_char(text, 0, 0, k).0, want, "{k}");
            // On from another char.
            if k >= 2 {
                assert_eq!(byte_of_char(text, 1, 1, k).0, want, "{k}");
            }
        }
        assert_eq!(byte_of_char(text, 0, 0, 9), (text.len(), 5));
    }

    /// A long span (a passage cut, most of the decision) shows its two ends, not all of it:
    /// findings keep their excerpts, and a report listing thousands of cut decisions must not
    /// copy them whole.
    #[test]
    fn excerpt_of_a_long_span_shows_its_two_ends() {
        // 50 chars before, a span of 1,000 chars (digits of its position, « é » multi-byte),
        // 50 after.
        let span: String = (0..1000)
            .map(|i| {
                if i % 7 == 0 {
                    'é'
                } else {
                    char::from(b'0' + (i % 10) as u8)
                }
            })
            .collect();
        let text = format!("{}{span}{}", "a".repeat(50), "z".repeat(50));
        let (e, (s, t)) = excerpt(&text, 50, 1050);
        let want = format!(
            "{}{}{OMITTED}{}{}",
            "a".repeat(40),
            span.chars().take(80).collect::<String>(),
            span.chars().skip(920).collect::<String>(),
            "z".repeat(40)
        );
        assert_eq!(e, want);
        // It holds what it shows, not the window it was cut from: a finding keeps its excerpt,
        // and a cut of a megabyte kept a megabyte a finding (1.6 GB for 1,666 of them).
        assert_eq!(e.capacity(), e.len());
        assert_eq!((s, t), (40, 40 + 80 + 5 + 80));
        let marked: String = e.chars().skip(s).take(t - s).collect();
        assert!(marked.starts_with(&span.chars().take(80).collect::<String>()));
        assert!(marked.ends_with(&span.chars().skip(920).collect::<String>()));
        // A span just short of the limit is shown whole.
        let (e, (s, t)) = excerpt(&text, 50, 50 + 165);
        assert_eq!((s, t), (40, 205));
        assert_eq!(e.chars().count(), 40 + 165 + 40);
        // A span of personal data is never shortened.
        let (e, (s, t)) = personal_excerpt(&text, 50, 1050);
        assert_eq!(e.chars().skip(s).take(t - s).collect::<String>(), span);
        // A span past the text's end is the part within it, shortened only if that is long.
        let x = "x".repeat(100);
        assert_eq!(excerpt(&x, 0, 1000), (x.clone(), (0, 100)));
        let (e, (s, t)) = excerpt(&text, 50, 5000);
        assert_eq!((s, t), (40, 205));
        let last: String = text.chars().skip(text.chars().count() - 80).collect();
        assert!(e.ends_with(&format!("{OMITTED}{last}")));
    }

    /// Every span of a text with multi-byte chars is marked exactly: its chars, or its two ends
    /// around the omission sign; in or past the text.
    #[test]
    fn excerpt_marks_every_span_exactly() {
        let text: String = (0..400)
            .map(|i| {
                if i % 3 == 0 {
                    'é'
                } else {
                    char::from(b'a' + (i % 26) as u8)
                }
            })
            .collect();
        let chars: Vec<char> = text.chars().collect();
        for start in (0..=430).step_by(7) {
            for end in start..=430 {
                let (e, (s, t)) = excerpt(&text, start, end);
                let shown: Vec<char> = e.chars().collect();
                let (a, b) = (start.min(400), end.min(400));
                let lead = a - start.saturating_sub(CONTEXT).min(400);
                assert_eq!(s, lead, "{start} {end}");
                let marked: String = shown[s..t].iter().collect();
                let span: String = chars[a..b].iter().collect();
                if b - a > 2 * SPAN_ENDS + 5 {
                    let ends: String = chars[a..a + SPAN_ENDS]
                        .iter()
                        .chain(OMITTED.chars().collect::<Vec<_>>().iter())
                        .chain(&chars[b - SPAN_ENDS..b])
                        .collect();
                    assert_eq!(marked, ends, "{start} {end}");
                } else {
                    assert_eq!(marked, span, "{start} {end}");
                }
                assert_eq!(shown.len() - t, (b + CONTEXT).min(400) - b, "{start} {end}");
            }
        }
    }
}
