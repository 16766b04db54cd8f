//! The detail view's diff of the record's text against the reference, word by word
//! (imara-diff's histogram algorithm) on the texts normalised as the engine compares them
//! (SPEC 1.4), shown as written, with the offending spans and personal data marked. Built once
//! when a finding is opened; wrapped to the screen's width (in terminal columns) when drawn,
//! and kept wrapped while the width and masking hold.

use super::app::App;
use crate::model::{Personal, Record, ReferenceDecision};
use crate::text::letterspacing;
use crate::text::normalize::{Normalized, mappable, normalize_mapped};
use crate::text::rulelines;
use crate::text::sanitize::for_terminal;
use imara_diff::{Algorithm, Diff, Interner, NoSliderHeuristic, Token};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use std::ops::Range;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SegKind {
    Same,
    /// In the reference only.
    Removed,
    /// In the record only.
    Added,
}

/// A run of text of one kind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Seg {
    pub kind: SegKind,
    pub text: String,
    /// Inside the finding's span (record) or reference span (reference).
    pub highlight: bool,
    /// Personal data: masked unless revealed.
    pub personal: bool,
    /// Personal data whose first char is where a piece starts that shows its first letter:
    /// masked, that letter is kept, as exports keep it ([`mask`]).
    pub lead: bool,
}

/// Both sides of the diff, aligned, and the merged (unified) sequence.
#[derive(Debug, Clone, Default)]
pub struct TextDiff {
    /// What is compared (`record text vs reference text`, `evidence excerpts`…).
    pub source: String,
    pub unified: Vec<Seg>,
    /// The side-by-side view: runs of the reference (left) and of the record (right) that
    /// face each other. Each pair ends on text both sides share, so that a passage both hold
    /// starts on the same row of both columns.
    pub pairs: Vec<(Vec<Seg>, Vec<Seg>)>,
    pub added: usize,
    pub removed: usize,
    /// One text shown as it is, compared with nothing.
    pub plain: bool,
}

/// Highlighted char ranges and pieces of personal data of one side of a diff.
pub type Marks<'a> = (&'a [(usize, usize)], &'a [Personal]);

/// A pair of the side-by-side view is closed on shared white space holding a line break on both
/// sides, or, failing that, once either side holds this many bytes, so that a text re-flowed
/// into one line still stays aligned within a screenful.
const PAIR_BYTES: usize = 1000;

/// One side of a diff: its text normalised as the engine compares it (SPEC 1.4) and cut into
/// tokens, each standing for a run of the text as read, which is what is shown. Offsets are
/// `u32`, as the normalised text's map is (a text must be [`mappable`]): a decision of megabytes
/// has millions of tokens.
struct Side<'a> {
    original: &'a str,
    norm: String,
    /// Byte ranges of the tokens in `norm`.
    toks: Vec<(u32, u32)>,
    /// Char index in the text as read of the run each token stands for, and of the end: the
    /// runs are consecutive, from 0 to the end.
    starts: Vec<u32>,
    /// Byte offset in `original` of each run, and of the end.
    bytes: Vec<u32>,
}

impl<'a> Side<'a> {
    /// Reads the text in one pass over the normalised text and one over the text as read.
    fn new(original: &'a str) -> Side<'a> {
        let n = normalize_mapped(original, false);
        let total = n.original_chars as u32;
        // Words, single spaces and single other chars of the normalised text, as byte ranges,
        // with the chars of the text as read their first and last chars come from.
        let mut toks: Vec<(u32, u32)> = Vec::with_capacity(n.text.len() / 2);
        let mut from: Vec<(u32, u32)> = Vec::with_capacity(n.text.len() / 2);
        let mut map = n.reader();
        let text = n.text.as_bytes();
        // Byte and char of the normalised text.
        let (mut at, mut k) = (0usize, 0u32);
        while at < text.len() {
            let start = (at, k);
            let (c, len) = match text[at] {
                b if b.is_ascii() => (char::from(b), 1),
                _ => {
                    let c = n.text[at..].chars().next().unwrap_or_default();
                    (c, c.len_utf8())
                }
            };
            at += len;
            k += 1;
            if c.is_alphanumeric() {
                // A word: the letters and digits that follow (ASCII ones a byte each).
                while at < text.len() {
                    let b = text[at];
                    if b.is_ascii_alphanumeric() {
                        at += 1;
                    } else if b.is_ascii() {
                        break;
                    } else {
                        let c = n.text[at..].chars().next().unwrap_or_default();
                        if !c.is_alphanumeric() {
                            break;
                        }
                        at += c.len_utf8();
                    }
                    k += 1;
                }
            }
            let first = map.original_index(start.1, c == ' ');
            // A word's last char is not a space.
            let last = if k - start.1 > 1 {
                map.original_index(k - 1, false)
            } else {
                first
            };
            toks.push((start.0 as u32, at as u32));
            from.push((first, last));
        }
        // The chars of the text as read a token comes from.
        let core = |k: usize| -> (u32, u32) {
            let (s, e) = from[k];
            (s, (e + 1).max(s))
        };
        let space = |k: usize| n.text.as_bytes()[toks[k].0 as usize] == b' ';
        // Where each token's run of the text as read starts: a word or other char where the
        // char it comes from is; a space where the white space after the previous token
        // starts. What normalising dropped between tokens (a quote's inner space, a combining
        // mark composed away) stays with the token before.
        let mut starts = Vec::with_capacity(toks.len() + 1);
        let mut bytes = Vec::with_capacity(toks.len() + 1);
        // At the start of the last run.
        let mut place = Cursor::new(original);
        for k in 0..toks.len() {
            let last = place.char;
            if k == 0 {
                // The first run starts the text.
            } else if space(k) {
                // The first white space from the end of the previous token (which is at or
                // after `last`) up to the next token, or that end if there is none.
                place.seek(core(k - 1).1.max(last));
                let before = if k + 1 < toks.len() {
                    core(k + 1).0
                } else {
                    total
                }
                .min(total);
                let mut scan = place.clone();
                while scan.char < before && !scan.at_space() {
                    scan.step();
                }
                if scan.char < before {
                    place = scan;
                }
            } else {
                place.seek(core(k).0.clamp(last, total));
            }
            starts.push(place.char);
            bytes.push(place.byte);
        }
        starts.push(total);
        bytes.push(original.len() as u32);
        Side {
            original,
            norm: n.text,
            toks,
            starts,
            bytes,
        }
    }

    fn len(&self) -> usize {
        self.toks.len()
    }

    fn key(&self, k: usize) -> &str {
        let (a, b) = self.toks[k];
        &self.norm[a as usize..b as usize]
    }

    fn space(&self, k: usize) -> bool {
        self.norm.as_bytes()[self.toks[k].0 as usize] == b' '
    }

    /// What token `k` is to a rule line ([`rulelines`]).
    fn rule_kind(&self, k: usize) -> rulelines::Kind {
        let (a, b) = self.toks[k];
        if self.space(k) {
            rulelines::Kind::Space
        } else if rulelines::in_rule(&self.norm, a as usize..b as usize) {
            rulelines::Kind::Rule
        } else {
            rulelines::Kind::Other
        }
    }

    /// The char range of the text as read token `k` stands for.
    fn shown(&self, k: usize) -> (usize, usize) {
        (self.starts[k] as usize, self.starts[k + 1] as usize)
    }

    /// The text as read token `k` stands for.
    fn text(&self, k: usize) -> &'a str {
        &self.original[self.bytes[k] as usize..self.bytes[k + 1] as usize]
    }

    /// Whether the text as read token `k` stands for holds a line break.
    fn breaks_line(&self, k: usize) -> bool {
        self.original.as_bytes()[self.bytes[k] as usize..self.bytes[k + 1] as usize]
            .contains(&b'\n')
    }

    /// The tokens of `within` that some mark touches ([`overlaps`]), as ranges in order; they
    /// may overlap.
    fn marked(&self, within: Range<usize>, marks: Marks<'_>) -> Vec<(usize, usize)> {
        let mut out: Vec<(usize, usize)> = marks
            .0
            .iter()
            .copied()
            .chain(marks.1.iter().map(|p| (p.start, p.end)))
            .map(|(a, b)| {
                // Token `k` touches `[a, b)` (a mark of no char: the char at `a`) when it
                // starts before its end and ends after its start.
                let end = b.max(a + 1);
                let first = self.starts[1..].partition_point(|&e| e as usize <= a);
                let past =
                    self.starts[..self.starts.len() - 1].partition_point(|&s| (s as usize) < end);
                (first.max(within.start), past.min(within.end))
            })
            .filter(|(a, b)| a < b)
            .collect();
        out.sort_unstable();
        out
    }
}

/// A place in a text, as a char index and a byte offset, moved forward.
#[derive(Clone)]
struct Cursor<'a> {
    text: &'a str,
    char: u32,
    byte: u32,
}

impl<'a> Cursor<'a> {
    fn new(text: &'a str) -> Cursor<'a> {
        Cursor {
            text,
            char: 0,
            byte: 0,
        }
    }

    /// Whether the char here is white space (as normalising takes it); not at the end.
    fn at_space(&self) -> bool {
        match self.text.as_bytes().get(self.byte as usize) {
            None => false,
            Some(&b) if b.is_ascii() => matches!(b, b' ' | b'\t'..=b'\r'),
            Some(_) => self.text[self.byte as usize..]
                .chars()
                .next()
                .is_some_and(crate::text::normalize::is_space),
        }
    }

    fn step(&mut self) {
        self.seek(self.char + 1);
    }

    /// Moves on to char `to`, or to the end (never back).
    fn seek(&mut self, to: u32) {
        let bytes = self.text.as_bytes();
        while self.char < to && (self.byte as usize) < bytes.len() {
            // The length of a char, from its first byte (the text is UTF-8).
            self.byte += match bytes[self.byte as usize] {
                0..0x80 => 1,
                0xC0..0xE0 => 2,
                0xE0..0xF0 => 3,
                _ => 4,
            };
            self.char += 1;
        }
    }
}

/// Appends `piece` as shown: a carriage return before a line feed dropped, control chars made
/// visible.
fn shown_into(out: &mut String, piece: &str) {
    if piece.contains('\r') {
        out.push_str(&for_terminal(&piece.replace("\r\n", "\n"), true));
    } else {
        out.push_str(&for_terminal(piece, true));
    }
}

fn overlaps((s, e): (usize, usize), spans: &[(usize, usize)]) -> bool {
    spans.iter().any(|&(a, b)| s < b.max(a + 1) && a < e)
}

/// Whether chars `[s, e)` touch a piece of personal data, and whether they start where a
/// piece starts that shows its first letter. `pieces`: as [`merged`], sorted and apart.
fn personal_at((s, e): (usize, usize), pieces: &[Personal]) -> (bool, bool) {
    let personal = pieces.iter().any(|p| s < p.end && p.start < e);
    let lead = personal
        && pieces
            .binary_search_by_key(&s, |p| p.start)
            .is_ok_and(|i| pieces[i].first);
    (personal, lead)
}

/// The pieces of personal data as exports redact them ([`crate::report::redact::merged`]):
/// those that overlap or touch as one, sorted.
fn merged(pieces: &[Personal]) -> Vec<Personal> {
    crate::report::redact::merged(pieces)
        .into_iter()
        .map(|(start, end, first)| Personal {
            start,
            end,
            first,
            last: true,
        })
        .collect()
}

/// Segments built token by token: consecutive tokens of one side that look alike are written
/// as one piece, so that a decision of megabytes costs a few string copies, not one per word.
#[derive(Default)]
struct Segs<'a> {
    segs: Vec<Seg>,
    /// The tokens gathered: a byte range of a text as read, and how it looks.
    run: Option<Run<'a>>,
}

struct Run<'a> {
    text: &'a str,
    from: usize,
    to: usize,
    kind: SegKind,
    highlight: bool,
    personal: bool,
    lead: bool,
}

impl<'a> Segs<'a> {
    /// Adds token `k` of `side`, of `kind`, marked as `marks` say.
    fn put(&mut self, side: &Side<'a>, k: usize, kind: SegKind, marks: Marks<'_>) {
        let shown = side.shown(k);
        let highlight = overlaps(shown, marks.0);
        let (personal, lead) = personal_at(shown, marks.1);
        let (from, to) = (side.bytes[k] as usize, side.bytes[k + 1] as usize);
        self.append(side.original, from, to, kind, highlight, (personal, lead));
    }

    /// Adds tokens `from..to` of `side`: as [`Segs::put`] does one by one, but taking the
    /// tokens no mark touches as one piece.
    fn put_run(
        &mut self,
        side: &Side<'a>,
        from: usize,
        to: usize,
        kind: SegKind,
        marks: Marks<'_>,
    ) {
        let mut k = from;
        for (a, b) in side.marked(from..to, marks) {
            if k < a {
                self.extend(side, k, a, kind);
            }
            for t in a.max(k)..b {
                self.put(side, t, kind, marks);
            }
            k = k.max(b);
        }
        if k < to {
            self.extend(side, k, to, kind);
        }
    }

    /// Adds tokens `from..to` of `side`, which no mark touches, as one piece.
    fn extend(&mut self, side: &Side<'a>, from: usize, to: usize, kind: SegKind) {
        let (from, to) = (side.bytes[from] as usize, side.bytes[to] as usize);
        self.append(side.original, from, to, kind, false, (false, false));
    }

    /// Adds bytes `from..to` of `text`: to the run before when `push` would merge them (the
    /// same text, contiguous, the same look, no personal data: that is masked whole), else as
    /// a run of their own.
    fn append(
        &mut self,
        text: &'a str,
        from: usize,
        to: usize,
        kind: SegKind,
        highlight: bool,
        (personal, lead): (bool, bool),
    ) {
        if let Some(r) = &mut self.run
            && std::ptr::eq(r.text, text)
            && r.to == from
            && r.kind == kind
            && r.highlight == highlight
            && !r.personal
            && !personal
        {
            r.to = to;
            return;
        }
        self.flush();
        self.run = Some(Run {
            text,
            from,
            to,
            kind,
            highlight,
            personal,
            lead,
        });
    }

    fn flush(&mut self) {
        if let Some(r) = self.run.take() {
            push(
                &mut self.segs,
                r.kind,
                &r.text[r.from..r.to],
                r.highlight,
                (r.personal, r.lead),
            );
        }
    }

    fn is_empty(&self) -> bool {
        self.segs.is_empty() && self.run.is_none()
    }

    fn finish(mut self) -> Vec<Seg> {
        self.flush();
        self.segs
    }
}

/// The side-by-side pairs being built.
#[derive(Default)]
struct Pairs<'a> {
    done: Vec<(Vec<Seg>, Vec<Seg>)>,
    left: Segs<'a>,
    right: Segs<'a>,
    /// Each side ends with a line break.
    at_line_start: [bool; 2],
    bytes: usize,
}

impl<'a> Pairs<'a> {
    /// Notes token `k` of `side`, written on side `i` (0: reference, 1: record).
    fn note(&mut self, i: usize, side: &Side<'_>, k: usize) {
        let text = side.text(k);
        // Mostly a char: no `memchr` call.
        self.at_line_start[i] = side.space(k) && text.bytes().any(|b| b == b'\n');
        self.bytes += text.len();
    }

    /// Ends the current pair where both sides start a new line, or, on shared white space
    /// (`shared_space`), where it has grown long.
    fn close(&mut self, shared_space: bool) {
        let lines = self.at_line_start == [true, true];
        if (lines || (shared_space && self.bytes >= PAIR_BYTES))
            && !(self.left.is_empty() && self.right.is_empty())
        {
            let left = std::mem::take(&mut self.left).finish();
            let right = std::mem::take(&mut self.right).finish();
            self.done.push((left, right));
            self.bytes = 0;
        }
    }

    /// Writes the shared tokens `b_from..` of the reference and `a_from..` of the record,
    /// `n` of each, closing pairs where [`Pairs::note`] and [`Pairs::close`] token by token
    /// would.
    fn shared(
        &mut self,
        (b, b_from, b_marks): (&Side<'a>, usize, Marks<'_>),
        (a, a_from, a_marks): (&Side<'a>, usize, Marks<'_>),
        n: usize,
    ) {
        let mut done = 0;
        for j in 0..n {
            let (kb, ka) = (b_from + j, a_from + j);
            // Equal tokens: both spaces or neither.
            let space = b.space(kb);
            self.at_line_start = if space {
                [b.breaks_line(kb), a.breaks_line(ka)]
            } else {
                [false, false]
            };
            self.bytes += (b.bytes[kb + 1] - b.bytes[kb] + a.bytes[ka + 1] - a.bytes[ka]) as usize;
            if self.at_line_start == [true, true] || (space && self.bytes >= PAIR_BYTES) {
                self.left
                    .put_run(b, b_from + done, kb + 1, SegKind::Same, b_marks);
                self.right
                    .put_run(a, a_from + done, ka + 1, SegKind::Same, a_marks);
                done = j + 1;
                self.close(space);
            }
        }
        self.left
            .put_run(b, b_from + done, b_from + n, SegKind::Same, b_marks);
        self.right
            .put_run(a, a_from + done, a_from + n, SegKind::Same, a_marks);
    }

    fn finish(mut self) -> Vec<(Vec<Seg>, Vec<Seg>)> {
        self.close(true);
        if !self.left.is_empty() || !self.right.is_empty() {
            let left = std::mem::take(&mut self.left).finish();
            let right = std::mem::take(&mut self.right).finish();
            self.done.push((left, right));
        }
        self.done
    }
}

/// The personal data of `to` for its tokens `to_from..to_from + n`, which are the same text
/// as `from`'s `from_from..`: `to`'s own pieces there, and those `from` marks there. `None`
/// when `from` marks none there (then `to`'s own are all). Sorted and merged, as [`merged`].
fn mirror_personal(
    (from, from_from, from_p): (&Side<'_>, usize, &[Personal]),
    (to, to_from, to_p): (&Side<'_>, usize, &[Personal]),
    n: usize,
) -> Option<Vec<Personal>> {
    if from_p.is_empty() || n == 0 {
        return None;
    }
    let marked = from.marked(from_from..from_from + n, (&[], from_p));
    if marked.is_empty() {
        return None;
    }
    // `to`'s pieces that reach the run (they are sorted and apart), not all of them.
    let (lo, hi) = (to.starts[to_from] as usize, to.starts[to_from + n] as usize);
    let first = to_p.partition_point(|p| p.end <= lo);
    let past = first + to_p[first..].partition_point(|p| p.start <= hi);
    let mut out = to_p[first..past].to_vec();
    for (s, e) in marked {
        let (ts, te) = (s - from_from + to_from, e - from_from + to_from);
        out.push(Personal {
            start: to.starts[ts] as usize,
            end: to.starts[te] as usize,
            first: personal_at(from.shown(s), from_p).1,
            last: true,
        });
    }
    Some(merged(&out))
}

/// The shared tokens diffed on either side of what differs, at first: enough for the hunks of
/// any text but a repetitive one to find their places.
const AROUND: usize = 64;

/// A hunk: the tokens of the reference it removes and of the record it adds.
type Hunk = (Range<usize>, Range<usize>);

/// The hunks of imara-diff's histogram diff of the sides' tokens, post-processed (sliders moved
/// down), as ranges of tokens (reference, record). The tokens both texts start and end with are
/// not diffed (the diff sets them aside first): only what lies between, with some of them around
/// it for the post-processing to slide hunks over. A hunk that reaches the edge of what was
/// diffed might have slid further over the whole texts: the diff is then done again with more
/// around it, up to the whole texts.
fn hunks(b: &Side<'_>, a: &Side<'_>, around: usize) -> Vec<Hunk> {
    hunks_tried(b, a, around).0
}

/// [`hunks`], and how many times the diff was done.
fn hunks_tried(b: &Side<'_>, a: &Side<'_>, around: usize) -> (Vec<Hunk>, usize) {
    let (nb, na) = (b.len(), a.len());
    let (bn, an) = (b.norm.as_bytes(), a.norm.as_bytes());
    // The tokens before the first byte the texts differ at, but the one that ends there (it
    // may go on in the other text), are alike: the same text cut alike. Then token by token.
    let mut prefix = bn.iter().zip(an).take_while(|(x, y)| x == y).count();
    while !b.norm.is_char_boundary(prefix) {
        prefix -= 1;
    }
    let mut head = b.toks.partition_point(|t| (t.1 as usize) < prefix).min(na);
    while head < nb.min(na) && b.key(head) == a.key(head) {
        head += 1;
    }
    // Likewise from the end, in what follows the head.
    let suffix = bn
        .iter()
        .rev()
        .zip(an.iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let mut cut = bn.len() - suffix;
    while !b.norm.is_char_boundary(cut) {
        cut += 1;
    }
    let room = nb.min(na) - head;
    let mut tail = (nb - b.toks.partition_point(|t| (t.0 as usize) <= cut)).min(room);
    while tail < room && b.key(nb - 1 - tail) == a.key(na - 1 - tail) {
        tail += 1;
    }
    let mut around = around;
    for tries in 1.. {
        let lo = head.saturating_sub(around);
        let hb = (nb - tail).saturating_add(around).min(nb);
        let ha = (na - tail).saturating_add(around).min(na);
        let mut interner: Interner<&str> = Interner::new(hb - lo + ha - lo);
        let before: Vec<Token> = (lo..hb).map(|k| interner.intern(b.key(k))).collect();
        let after: Vec<Token> = (lo..ha).map(|k| interner.intern(a.key(k))).collect();
        let mut diff = Diff::default();
        diff.compute_with(Algorithm::Histogram, &before, &after, interner.num_tokens());
        diff.postprocess_with(&before, &after, NoSliderHeuristic);
        let found: Vec<Hunk> = diff
            .hunks()
            .map(|h| {
                (
                    lo + h.before.start as usize..lo + h.before.end as usize,
                    lo + h.after.start as usize..lo + h.after.end as usize,
                )
            })
            .collect();
        // An edge of what was diffed that is not an end of the text.
        let edge = |r: &Range<usize>, end: usize, n: usize| {
            (r.start == lo && lo > 0) || (r.end == end && end < n)
        };
        if !found
            .iter()
            .any(|(rb, ra)| edge(rb, hb, nb) || edge(ra, ha, na))
        {
            return (found, tries);
        }
        around = around.saturating_mul(16).max(1);
    }
    unreachable!("the whole texts are diffed at last")
}

/// What the diff of a finding needs of the report besides its record and reference: taken
/// out of the app, so that the diff can be built on another thread.
#[derive(Debug, Clone)]
pub struct DiffInput {
    evidence: Option<std::sync::Arc<crate::model::Evidence>>,
    /// The finding's rule exposes personal data.
    personal_rule: bool,
    source_defect: bool,
    /// Personal data anywhere in the record's text (and in the reference's): the spans of
    /// every finding of this record that exposes some.
    rec_personal: Vec<Personal>,
    ref_personal: Vec<Personal>,
    /// The personal data of findings on passages that hold some, in their excerpts.
    in_excerpts: Vec<InExcerpt>,
}

impl DiffInput {
    pub fn of(app: &App, i: u32) -> DiffInput {
        let f = &app.report.findings[i as usize];
        let mut rec_personal = Vec::new();
        let mut ref_personal = Vec::new();
        let mut in_excerpts = Vec::new();
        for g in app.same_record(i) {
            let Some(e) = &g.evidence else { continue };
            let record_side = g.rule.exposes_personal_data() || !e.personal.is_empty();
            // The reference shows personal data where the source failed to mask it: a source
            // defect, or a name the record masks (MSK003).
            let reference_side = g.source_defect || !e.reference_personal.is_empty();
            if e.field != "text" || !(record_side || reference_side) {
                continue;
            }
            if record_side && let Some(s) = e.span {
                match &e.excerpt {
                    // A finding on a passage that holds personal data (an insertion naming
                    // someone): only the pieces its excerpt marks, placed in the text once it
                    // is read, not the whole passage.
                    Some(x) if !g.rule.exposes_personal_data() => in_excerpts.push(InExcerpt {
                        span: s,
                        excerpt: x.clone(),
                        personal: e.personal.clone(),
                    }),
                    _ => rec_personal.push(Personal::whole(s.0, s.1)),
                }
            }
            if reference_side && let Some(s) = e.reference_span {
                ref_personal.push(Personal::whole(s.0, s.1));
            }
        }
        DiffInput {
            evidence: f.evidence.clone(),
            personal_rule: f.rule.exposes_personal_data(),
            source_defect: f.source_defect,
            rec_personal,
            ref_personal,
            in_excerpts,
        }
    }
}

/// Personal data that an excerpt of the record marks, to be placed in the record's text.
#[derive(Debug, Clone)]
struct InExcerpt {
    /// The finding's span, in chars of the text.
    span: (usize, usize),
    excerpt: String,
    /// Its pieces, in chars of `excerpt`.
    personal: Vec<Personal>,
}

/// Chars an excerpt found in the normalised text may start or resume away from where the span
/// maps to: a space or a char normalising dropped at the span's edge.
const SLACK: usize = 8;

/// A record's normalised text, where excerpts are looked for, with the byte of each of its
/// chars (and of its end): worked out once for all the excerpts of the record.
struct NormChars<'a> {
    norm: &'a Normalized,
    bytes: Vec<usize>,
}

impl<'a> NormChars<'a> {
    fn new(norm: &'a Normalized) -> Self {
        let text = norm.text.as_str();
        let bytes = text
            .char_indices()
            .map(|(b, _)| b)
            .chain(std::iter::once(text.len()))
            .collect();
        NormChars { norm, bytes }
    }
}

impl InExcerpt {
    /// The personal data's pieces in the text as read, whose normalised text is `norm` (the
    /// span is in chars of the text as read): the excerpt, which the engine took from the
    /// normalised text (SPEC 1.4: a line break a space, typographic quotes straight), is found
    /// there around the span, and its pieces mapped back to the text as read. Where it leaves
    /// out the middle of a long span, that middle, which it does not show, is masked whole, as
    /// it might name someone. Where the excerpt is not found, the whole span.
    fn place(&self, norm: &NormChars<'_>, out: &mut Vec<Personal>) {
        match self.found(norm) {
            Some(pieces) => out.extend(pieces),
            None => out.push(Personal::whole(self.span.0, self.span.1)),
        }
    }

    /// [`InExcerpt::place`]'s pieces, where the excerpt is found.
    fn found(&self, chars: &NormChars<'_>) -> Option<Vec<Personal>> {
        use crate::rules::integrity::{CONTEXT, OMITTED, SPAN_ENDS};
        let (norm, bytes) = (chars.norm, &chars.bytes);
        let text = norm.text.as_str();
        let n = bytes.len() - 1;
        // The first char of the normalised text that comes from char `c` or after.
        let at_or_after = |c: usize| -> usize {
            let (mut lo, mut hi) = (0, n);
            while lo < hi {
                let mid = (lo + hi) / 2;
                if norm.original_index(mid).is_some_and(|o| o < c) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            lo
        };
        let (start, end) = (at_or_after(self.span.0), at_or_after(self.span.1));
        // The char of `text` where `piece` is written: at `expected`, or else the first in
        // `window` (a char range).
        let find = |piece: &str, expected: usize, window: std::ops::Range<usize>| {
            std::iter::once(expected)
                .chain(window)
                .take_while(|&c| c <= n)
                .find(|&c| text[bytes[c]..].starts_with(piece))
        };
        let omitted = OMITTED.chars().count();
        // The excerpt whole, or its two ends around an omission sign (the text may write one
        // too: each is tried).
        let cuts = std::iter::once(None).chain(
            self.excerpt
                .match_indices(OMITTED)
                .map(|(k, _)| Some(k))
                .collect::<Vec<_>>(),
        );
        for cut in cuts {
            let (head, tail) = match cut {
                None => (self.excerpt.as_str(), None),
                Some(k) => (&self.excerpt[..k], Some(&self.excerpt[k + OMITTED.len()..])),
            };
            // The excerpt starts a few words before the span (at most its head's length).
            let lead = head.chars().count();
            let expected = start.saturating_sub(CONTEXT);
            let window = start.saturating_sub(lead + SLACK)..start + SLACK;
            let Some(from) = find(head, expected, window) else {
                continue;
            };
            let cut_at = from + lead;
            // Its tail starts `SPAN_ENDS` chars before the span's end.
            let resume = match tail {
                None => cut_at,
                Some(tail) => {
                    let at = end.saturating_sub(SPAN_ENDS);
                    match find(tail, at, at.saturating_sub(SLACK).max(cut_at)..at + SLACK) {
                        Some(r) => r,
                        None => continue,
                    }
                }
            };
            let to_text = |a: usize, b: usize| norm.original_span(a, b);
            let mut pieces: Vec<Personal> = self
                .personal
                .iter()
                .filter_map(|p| {
                    let (a, b) = if p.end <= lead {
                        (from + p.start, from + p.end)
                    } else if p.start >= lead + omitted {
                        let k = resume - lead - omitted;
                        (k + p.start, k + p.end)
                    } else {
                        return None;
                    };
                    let (start, end) = to_text(a, b);
                    Some(Personal { start, end, ..*p })
                })
                .collect();
            if resume > cut_at {
                let (start, end) = to_text(cut_at, resume);
                pieces.push(Personal {
                    start,
                    end,
                    first: false,
                    last: false,
                });
            }
            return Some(pieces);
        }
        None
    }
}

impl TextDiff {
    /// The diff for finding `i` of `app`, with its record and reference when read.
    pub fn build(
        app: &App,
        i: u32,
        record: Option<&Record>,
        reference: Option<&ReferenceDecision>,
    ) -> TextDiff {
        TextDiff::build_from(&DiffInput::of(app, i), record, reference)
    }

    /// The diff of a finding, from what it needs of the report, its record and reference.
    pub fn build_from(
        input: &DiffInput,
        record: Option<&Record>,
        reference: Option<&ReferenceDecision>,
    ) -> TextDiff {
        let ev = input.evidence.as_ref();
        let on_text = ev.is_none_or(|e| e.field == "text");
        if let (true, Some(rec_text), Some(reference)) =
            (on_text, record.and_then(|r| r.text.as_deref()), reference)
        {
            let mut rec_personal = input.rec_personal.clone();
            if !input.in_excerpts.is_empty() && mappable(rec_text) {
                // The excerpts are of the text as the engine normalised it.
                let html = record.is_some_and(|r| r.text_format == crate::model::TextFormat::Html);
                let norm = normalize_mapped(rec_text, html);
                let chars = NormChars::new(&norm);
                for x in &input.in_excerpts {
                    x.place(&chars, &mut rec_personal);
                }
            } else {
                rec_personal.extend(
                    input
                        .in_excerpts
                        .iter()
                        .map(|x| Personal::whole(x.span.0, x.span.1)),
                );
            }
            let ref_personal = &input.ref_personal;
            let mut rec_hl: Vec<_> = ev.and_then(|e| e.span).into_iter().collect();
            let ref_hl: Vec<_> = ev.and_then(|e| e.reference_span).into_iter().collect();
            // HTML is shown as the text it renders, as vigie compares it: tags go, and the
            // spans (of the HTML as read) follow the chars they cover.
            let html_text;
            let rec_text =
                if record.is_some_and(|r| r.text_format == crate::model::TextFormat::Html) {
                    let mut text = String::with_capacity(rec_text.len());
                    let mut map: Vec<usize> = Vec::with_capacity(rec_text.len());
                    crate::text::normalize::html_chars(rec_text, &mut |c, i| {
                        text.push(c);
                        map.push(i as usize);
                    });
                    let conv = |(a, b): (usize, usize)| {
                        (
                            map.partition_point(|&x| x < a),
                            map.partition_point(|&x| x < b),
                        )
                    };
                    rec_hl = rec_hl.into_iter().map(conv).collect();
                    rec_personal = rec_personal
                        .into_iter()
                        .map(|p| {
                            let (start, end) = conv((p.start, p.end));
                            Personal { start, end, ..p }
                        })
                        .collect();
                    html_text = text;
                    html_text.as_str()
                } else {
                    rec_text
                };
            let mut d = TextDiff::of(
                &reference.text,
                rec_text,
                (&ref_hl, ref_personal),
                (&rec_hl, &rec_personal),
            );
            d.source = "reference text → record text".into();
            return d;
        }
        if let Some(e) = ev
            && (e.excerpt.is_some() || e.reference_excerpt.is_some())
        {
            let personal_rule = input.personal_rule;
            // Without precise ranges, a personal-data rule masks its whole excerpt.
            let ranges = |r: &[Personal]| -> Vec<Personal> { r.to_vec() };
            let whole = |s: &Option<String>, r: &[Personal]| {
                if r.is_empty() && personal_rule {
                    vec![Personal::whole(
                        0,
                        s.as_deref().map_or(0, |s| s.chars().count()),
                    )]
                } else {
                    ranges(r)
                }
            };
            let rec_p = whole(&e.excerpt, &e.personal);
            if let (Some(x), None) = (&e.excerpt, &e.reference_excerpt) {
                // Nothing to compare it with (no reference decision, or a field it does not
                // have): the record's excerpt as it is, not drawn as text inserted.
                let mut d = TextDiff::of(x, x, (&[], &rec_p), (&[], &rec_p));
                d.source = format!(
                    "excerpt of `{}` (the record's; no reference text to compare)",
                    crate::text::sanitize::for_terminal(&e.field, false)
                );
                d.plain = true;
                // Side by side, the reference's column stays empty.
                for (reference, _) in &mut d.pairs {
                    reference.clear();
                }
                return d;
            }
            let ref_p = if input.source_defect {
                whole(&e.reference_excerpt, &e.reference_personal)
            } else {
                ranges(&e.reference_personal)
            };
            let mut d = TextDiff::of(
                e.reference_excerpt.as_deref().unwrap_or(""),
                e.excerpt.as_deref().unwrap_or(""),
                (&[], &ref_p),
                (&[], &rec_p),
            );
            // The field's name is the corpus's (a key of the record's other fields).
            d.source = format!(
                "excerpts of `{}` (reference → record)",
                crate::text::sanitize::for_terminal(&e.field, false)
            );
            return d;
        }
        TextDiff {
            source: "no text to compare for this finding".into(),
            ..TextDiff::default()
        }
    }

    /// Diffs `before` (the reference) against `after` (the record), as the engine compares
    /// texts (SPEC 1.4: white space, NFC, quotes and dashes), showing each as written. Each
    /// side has its highlighted and personal char ranges, in chars of the text as given.
    pub fn of(
        before: &str,
        after: &str,
        before_marks: Marks<'_>,
        after_marks: Marks<'_>,
    ) -> TextDiff {
        Self::of_around(before, after, before_marks, after_marks, AROUND)
    }

    /// [`TextDiff::of`], diffing `around` shared tokens on either side of what differs first.
    fn of_around(
        before: &str,
        after: &str,
        before_marks: Marks<'_>,
        after_marks: Marks<'_>,
        around: usize,
    ) -> TextDiff {
        if !mappable(before) || !mappable(after) {
            return TextDiff {
                source: "texts too long to compare".into(),
                ..TextDiff::default()
            };
        }
        let (b, a) = (Side::new(before), Side::new(after));
        // Personal data as exports redact it: pieces that touch are one, which shows one
        // letter at most.
        let (bp, ap) = (merged(before_marks.1), merged(after_marks.1));
        let (before_marks, after_marks) = ((before_marks.0, &bp[..]), (after_marks.0, &ap[..]));
        let mut out = TextDiff::default();
        let mut unified = Segs::default();
        let mut pairs = Pairs::default();
        let (mut pb, mut pa) = (0usize, 0usize);
        // The hunks, then the shared tokens after the last.
        // Letter-spacing and rule lines set aside, as the engine does: the same text written
        // otherwise.
        let spaced = letterspacing::set_aside(&hunks(&b, &a, around), |k| b.key(k), |k| a.key(k));
        let hunks = rulelines::set_aside(spaced, |k| b.rule_kind(k), |k| a.rule_kind(k))
            .into_iter()
            .map(Some)
            .chain(std::iter::once(None));
        for h in hunks {
            let (bs, be, as_, ae) = match &h {
                Some((hb, ha, _)) => (hb.start, hb.end, ha.start, ha.end),
                None => (b.len(), 0, 0, 0),
            };
            // Shared tokens before the hunk face each other. They are the same text: personal
            // data one side marks there (a name the source left in clear, whose finding gives
            // no span of the reference) is masked on both.
            let n = bs - pb;
            let to_a = mirror_personal((&b, pb, before_marks.1), (&a, pa, after_marks.1), n);
            let to_b = mirror_personal((&a, pa, after_marks.1), (&b, pb, before_marks.1), n);
            let am = to_a
                .as_ref()
                .map_or(after_marks, |p| (after_marks.0, p.as_slice()));
            let bm = to_b
                .as_ref()
                .map_or(before_marks, |p| (before_marks.0, p.as_slice()));
            unified.put_run(&a, pa, pa + n, SegKind::Same, am);
            pairs.shared((&b, pb, bm), (&a, pa, am), n);
            let Some((_, _, changed)) = h else {
                break;
            };
            if !changed {
                // The same text, letter-spaced or its rules drawn otherwise on one side: each
                // side as written.
                unified.put_run(&a, as_, ae, SegKind::Same, after_marks);
                pairs.left.put_run(&b, bs, be, SegKind::Same, before_marks);
                pairs.right.put_run(&a, as_, ae, SegKind::Same, after_marks);
                (bs..be).for_each(|k| pairs.note(0, &b, k));
                (as_..ae).for_each(|k| pairs.note(1, &a, k));
                pairs.close(false);
                pb = be;
                pa = ae;
                continue;
            }
            // Unified: each hunk's removed reference tokens before its added record tokens.
            for k in bs..be {
                unified.put(&b, k, SegKind::Removed, before_marks);
                pairs.left.put(&b, k, SegKind::Removed, before_marks);
                pairs.note(0, &b, k);
            }
            for k in as_..ae {
                unified.put(&a, k, SegKind::Added, after_marks);
                pairs.right.put(&a, k, SegKind::Added, after_marks);
                pairs.note(1, &a, k);
            }
            pairs.close(false);
            out.removed += be - bs;
            out.added += ae - as_;
            pb = be;
            pa = ae;
        }
        out.unified = unified.finish();
        out.pairs = pairs.finish();
        out
    }
}

/// Appends a run of text, merged with the last segment when it looks the same (personal data
/// stays a segment of its own, to be masked whole).
fn push(
    v: &mut Vec<Seg>,
    kind: SegKind,
    piece: &str,
    highlight: bool,
    (personal, lead): (bool, bool),
) {
    if let Some(last) = v.last_mut()
        && last.kind == kind
        && last.highlight == highlight
        && !last.personal
        && !personal
    {
        shown_into(&mut last.text, piece);
        return;
    }
    let mut text = String::new();
    shown_into(&mut text, piece);
    v.push(Seg {
        kind,
        text,
        highlight,
        personal,
        lead,
    });
}

/// Masks a segment of personal data as exports redact it (SPEC §4): with
/// [`crate::report::redact::redact`], the segment one piece, which keeps its first char where it
/// is the letter a piece of personal data starts with (`lead`), and makes every other char `•`
/// (the spaces between the words of a name too: `Sophie Lambert` is `S•••••••••••••`). So no
/// digit is ever kept, nor a letter after an invisible character (a soft hyphen, a zero-width
/// space, which the terminal sanitiser shows as `�`) or a combining mark inside a name.
pub fn mask(text: &str, lead: bool) -> String {
    let piece = Personal {
        start: 0,
        end: text.chars().count(),
        first: lead,
        last: true,
    };
    crate::report::redact::redact(text, &[piece])
}

/// The columns a char takes on a terminal: two for wide (CJK) chars, none for combining marks.
fn char_width(c: char) -> usize {
    unicode_width::UnicodeWidthChar::width(c).unwrap_or(0)
}

fn str_width(s: &str) -> usize {
    // Printable ASCII, most of a decision: a column a byte.
    if s.bytes().all(|b| (0x20..0x7f).contains(&b)) {
        return s.len();
    }
    s.chars().map(char_width).sum()
}

/// Lines being filled to a width, in terminal columns.
struct Wrapper {
    width: usize,
    lines: Vec<Line<'static>>,
    cur: Vec<Span<'static>>,
    col: usize,
    first_hl: Option<usize>,
    /// Chars of the segments' text written so far (the `[-` `{+` marks are not theirs; a
    /// masked char is one char still), from where the text started.
    pos: usize,
    /// Where the line being filled starts, and where each line written started: what stays
    /// put in the text when it is wrapped to another width.
    line_start: usize,
    starts: Vec<usize>,
}

impl Wrapper {
    /// A wrapper to `width` columns of a text that starts at char `pos` of a column's text.
    fn new(width: usize, pos: usize) -> Wrapper {
        Wrapper {
            width: width.max(1),
            lines: Vec::new(),
            cur: Vec::new(),
            col: 0,
            first_hl: None,
            pos,
            line_start: pos,
            starts: Vec::new(),
        }
    }

    fn flush(&mut self) {
        self.lines.push(Line::from(std::mem::take(&mut self.cur)));
        self.starts.push(self.line_start);
        self.line_start = self.pos;
        self.col = 0;
    }

    /// Appends `s`, `w` columns wide, to the current line.
    fn put(&mut self, s: &str, w: usize, style: Style, hl: bool) {
        if s.is_empty() {
            return;
        }
        if hl && self.first_hl.is_none() {
            self.first_hl = Some(self.lines.len());
        }
        self.col += w;
        match self.cur.last_mut() {
            Some(last) if last.style == style => last.content.to_mut().push_str(s),
            _ => self.cur.push(Span::styled(s.to_string(), style)),
        }
    }

    /// Writes `piece`, words wrapped greedily; a word longer than a line is cut. Each char is
    /// looked at a bounded number of times, so a megabyte without a space wraps in linear time.
    fn emit(&mut self, piece: &str, style: Style, hl: bool) {
        for (k, part) in piece.split('\n').enumerate() {
            if k > 0 {
                // The line feed.
                self.pos += 1;
                self.flush();
            }
            // Each word with the spaces before it.
            let mut rest = part;
            while !rest.is_empty() {
                let lead = rest.len() - rest.trim_start_matches(' ').len();
                let end = rest[lead..].find(' ').map_or(rest.len(), |i| lead + i);
                let mut word = &rest[..end];
                rest = &rest[end..];
                // Where the word and its spaces start and end in the text.
                let (at, after) = (self.pos, self.pos + word.chars().count());
                let mut w = str_width(word);
                if self.col > 0 && self.col + w > self.width {
                    self.flush();
                }
                let mut skipped = 0;
                if self.col == 0 {
                    // The spaces before the word (a byte a char).
                    skipped = lead;
                    word = &word[lead..];
                    if word.is_empty() {
                        self.pos = after;
                        continue;
                    }
                    w = str_width(word);
                }
                if self.col + w <= self.width {
                    self.put(word, w, style, hl);
                    self.pos = after;
                    continue;
                }
                // Cut: as many chars as fit on each line, at least one.
                let (mut from, mut acc) = (0usize, 0usize);
                for (n, (i, c)) in word.char_indices().enumerate() {
                    let cw = char_width(c);
                    if self.col + acc + cw > self.width && self.col + acc > 0 {
                        self.put(&word[from..i], acc, style, hl);
                        self.pos = at + skipped + n;
                        self.flush();
                        from = i;
                        acc = 0;
                    }
                    acc += cw;
                }
                self.put(&word[from..], acc, style, hl);
                self.pos = after;
            }
        }
    }

    /// Draws the mark that opens (`[-`, `{+`) or closes (`-]`, `+}`) a changed segment.
    fn mark(&mut self, kind: SegKind, opening: bool) {
        let (text, color) = match (kind, opening) {
            (SegKind::Removed, true) => ("[-", Color::Red),
            (SegKind::Removed, false) => ("-]", Color::Red),
            (SegKind::Added, true) => ("{+", Color::Green),
            (SegKind::Added, false) => ("+}", Color::Green),
            (SegKind::Same, _) => return,
        };
        // Not text of the segments: no place in it.
        let pos = self.pos;
        self.emit(text, Style::default().fg(color), false);
        self.pos = pos;
    }

    fn segs(&mut self, segs: &[Seg], reveal: bool) {
        let mut prev_kind = SegKind::Same;
        for s in segs {
            if s.kind != prev_kind {
                self.mark(prev_kind, false);
                self.mark(s.kind, true);
                prev_kind = s.kind;
            }
            let mut style = match s.kind {
                SegKind::Same => Style::default(),
                SegKind::Removed => Style::default()
                    .fg(Color::Red)
                    .add_modifier(Modifier::CROSSED_OUT),
                SegKind::Added => Style::default()
                    .fg(Color::Green)
                    .add_modifier(Modifier::UNDERLINED),
            };
            if s.highlight {
                style = style
                    .bg(Color::Yellow)
                    .fg(Color::Black)
                    .add_modifier(Modifier::BOLD);
            }
            if s.personal && !reveal {
                // As many chars as the text: the places in it hold.
                self.emit(&mask(&s.text, s.lead), style, s.highlight);
            } else {
                self.emit(&s.text, style, s.highlight);
            }
        }
        self.mark(prev_kind, false);
        if !self.cur.is_empty() {
            self.flush();
        }
    }
}

/// What a wrapped diff depends on besides the diff itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WrapKey {
    pub width: u16,
    pub reveal: bool,
    pub side_by_side: bool,
}

/// A diff wrapped for the screen: one column (unified) or two of as many lines (side by side),
/// and the first line holding highlighted text. The detail view keeps it while its key holds,
/// so that scrolling does not wrap a text of megabytes again on every key.
#[derive(Debug, Clone)]
pub struct WrappedDiff {
    pub key: WrapKey,
    pub columns: Vec<Vec<Line<'static>>>,
    /// For each line of each column, where it starts in the column's text, in chars (of the
    /// segments as given): the place a line stands for, whatever the width.
    pub starts: Vec<Vec<usize>>,
    pub first_hl: Option<usize>,
    /// The place this wrapping was scrolled to on being made, and the row it gave: while the
    /// view stays on that row, a further resize keeps that place rather than the row's start
    /// (which may lie before it), so that resizes do not drift.
    pub kept: Option<(usize, Vec<usize>)>,
}

impl WrappedDiff {
    pub fn rows(&self) -> usize {
        self.columns.iter().map(Vec::len).max().unwrap_or(0)
    }

    /// Where row `row` starts in the text of each column.
    pub fn place(&self, row: usize) -> Vec<usize> {
        self.starts
            .iter()
            .map(|s| s.get(row).copied().unwrap_or(usize::MAX))
            .collect()
    }

    /// The place shown from row `row` on: the one kept if the view is still where it was put,
    /// else where the row starts.
    pub fn place_shown(&self, row: usize) -> Vec<usize> {
        match &self.kept {
            Some((kept_row, place)) if *kept_row == row => place.clone(),
            _ => self.place(row),
        }
    }

    /// Scrolled to `place` (of this diff wrapped otherwise, in the same mode): the row that
    /// holds it, the last one that starts at or before it in every column, kept with it.
    pub fn scroll_to(&mut self, place: Vec<usize>) -> usize {
        let row = self.row_at(&place);
        self.kept = Some((row, place));
        row
    }

    /// The row holding `place`: the last one that starts at or before it in every column.
    pub fn row_at(&self, place: &[usize]) -> usize {
        let before = |row: usize| {
            self.starts
                .iter()
                .zip(place)
                .all(|(s, p)| s.get(row).is_some_and(|s| s <= p))
        };
        // The rows that start at or before it come first (the starts only grow).
        let (mut lo, mut hi) = (0, self.rows());
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            if before(mid) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        lo.saturating_sub(1)
    }
}

/// Wraps `diff` as `key` says to a body of `key.width` columns: unified, or in two columns
/// with a separator.
pub fn wrap_diff(diff: &TextDiff, key: WrapKey) -> WrappedDiff {
    let width = usize::from(key.width);
    let (columns, starts, first_hl) = if key.side_by_side {
        let half = width.saturating_sub(1) / 2;
        let (left, right, hl) = wrap_columns(&diff.pairs, half.max(1), key.reveal);
        (vec![left.0, right.0], vec![left.1, right.1], hl)
    } else {
        let mut w = Wrapper::new(width, 0);
        w.segs(&diff.unified, key.reveal);
        (vec![w.lines], vec![w.starts], w.first_hl)
    };
    WrappedDiff {
        key,
        columns,
        starts,
        first_hl,
        kept: None,
    }
}

/// Wraps segments to `width` terminal columns. Removed runs are written `[-…-]` and added runs
/// `{+…+}` (as `git diff --word-diff`), so that the diff reads without colours too. Returns the
/// lines and the first line holding highlighted text.
pub fn wrap(segs: &[Seg], width: usize, reveal: bool) -> (Vec<Line<'static>>, Option<usize>) {
    let mut w = Wrapper::new(width, 0);
    w.segs(segs, reveal);
    (w.lines, w.first_hl)
}

/// Lines of a column, and where each starts in the column's text.
type Column = (Vec<Line<'static>>, Vec<usize>);

/// Wraps the side-by-side pairs to two columns of `width`: each pair starts on the same row of
/// both, the shorter side padded with empty lines (which start where the side's next pair
/// does). Returns the columns, of as many lines each, and the first row holding highlighted
/// text on either side.
fn wrap_columns(
    pairs: &[(Vec<Seg>, Vec<Seg>)],
    width: usize,
    reveal: bool,
) -> (Column, Column, Option<usize>) {
    let (mut left, mut right): (Column, Column) = Default::default();
    let mut first_hl: Option<usize> = None;
    let (mut at_l, mut at_r) = (0usize, 0usize);
    for (l, r) in pairs {
        let row = left.0.len();
        let (mut wl, mut wr) = (Wrapper::new(width, at_l), Wrapper::new(width, at_r));
        wl.segs(l, reveal);
        wr.segs(r, reveal);
        if first_hl.is_none() {
            first_hl = [wl.first_hl, wr.first_hl]
                .into_iter()
                .flatten()
                .min()
                .map(|h| row + h);
        }
        let n = wl.lines.len().max(wr.lines.len());
        (at_l, at_r) = (wl.pos, wr.pos);
        for (w, col, at) in [(wl, &mut left, at_l), (wr, &mut right, at_r)] {
            let (mut lines, mut starts) = (w.lines, w.starts);
            lines.resize(n, Line::default());
            starts.resize(n, at);
            col.0.append(&mut lines);
            col.1.append(&mut starts);
        }
    }
    (left, right, first_hl)
}

/// Wraps the side-by-side pairs to two columns of `width`: each pair starts on the same row of
/// both, the shorter side padded with empty lines. Returns the columns, of as many lines each,
/// and the first row holding highlighted text on either side.
pub fn wrap_pairs(
    pairs: &[(Vec<Seg>, Vec<Seg>)],
    width: usize,
    reveal: bool,
) -> (Vec<Line<'static>>, Vec<Line<'static>>, Option<usize>) {
    let (left, right, hl) = wrap_columns(pairs, width, reveal);
    (left.0, right.0, hl)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The chars `[a, b)` of `text`.
    fn chars(text: &str, (a, b): (usize, usize)) -> String {
        text.chars().skip(a).take(b - a).collect()
    }

    // An excerpt's personal data is placed where the excerpt is found around the span, in the
    // text as the engine normalised it (a CRLF a space, a typographic apostrophe straight);
    // where the excerpt leaves out a long span's middle, that middle is masked whole; where
    // the excerpt is not found, the whole span.
    #[test]
    fn personal_data_of_an_excerpt_is_placed_in_the_text_or_the_span_whole() {
        let text = "Vu.\r\nNOTE : M. Jean Dupont a été condamné.\r\nFin.";
        let norm = normalize_mapped(text, false);
        assert_eq!(norm.text, "Vu. NOTE : M. Jean Dupont a été condamné. Fin.");
        let start = text.chars().position(|c| c == 'N').unwrap();
        let x = InExcerpt {
            span: (start, start + 38),
            excerpt: "Vu. NOTE : M. Jean Dupont a été condamné. Fin.".into(),
            personal: vec![Personal::whole(14, 25)],
        };
        let mut out = Vec::new();
        x.place(&NormChars::new(&norm), &mut out);
        assert_eq!(out.len(), 1);
        assert_eq!(chars(text, (out[0].start, out[0].end)), "Jean Dupont");
        let elsewhere = InExcerpt {
            excerpt: "Vu. NOTE : M. Paul Durand a été condamné. Fin.".into(),
            ..x
        };
        let mut out = Vec::new();
        elsewhere.place(&NormChars::new(&norm), &mut out);
        assert_eq!(out, [Personal::whole(start, start + 38)]);
    }

    // A long insertion, excerpted as the engine does (its two ends around the omission sign),
    // in a text with CRLF and typographic apostrophes: the names the ends show are placed,
    // the middle left out is masked, the rest of the ends is not.
    #[test]
    fn a_long_insertions_ends_are_placed_and_its_middle_masked() {
        let note = format!(
            "NOTE : M. Jean Dupont l\u{2019}a dit.\r\n{}Mme Sophie Lambert l\u{2019}a lu.",
            "Commentaire de la rédaction sur l\u{2019}arrêt. ".repeat(6)
        );
        let text = format!("Vu l\u{2019}article 1.\r\n{note}\r\nPar ces motifs.");
        let norm = normalize_mapped(&text, false);
        let at = |s: &str| {
            norm.text
                .find(s)
                .map(|b| norm.text[..b].chars().count())
                .unwrap()
        };
        let (rs, re) = (at("NOTE"), at("Par ces") - 1);
        let names = [
            (at("Jean"), at("Jean") + 11),
            (at("Sophie"), at("Sophie") + 14),
        ];
        let (excerpt, _, personal) =
            crate::rules::integrity::marked_excerpt(&norm.text, rs, re, &names);
        assert!(
            excerpt.contains(crate::rules::integrity::OMITTED),
            "{excerpt}"
        );
        assert_eq!(personal.len(), 2, "{personal:?}");
        let x = InExcerpt {
            span: norm.original_span(rs, re),
            excerpt,
            personal,
        };
        let mut out = Vec::new();
        x.place(&NormChars::new(&norm), &mut out);
        let shown: Vec<String> = out.iter().map(|p| chars(&text, (p.start, p.end))).collect();
        assert_eq!(shown[..2], ["Jean Dupont", "Sophie Lambert"]);
        assert!(out[0].first && out[1].first);
        // The middle: what the excerpt leaves out, from the first end to the second.
        assert_eq!(out.len(), 3);
        assert!(!out[2].first);
        assert!(
            shown[2].contains("Commentaire de la rédaction"),
            "{shown:?}"
        );
        assert!(!shown[2].contains("Jean") && !shown[2].contains("Lambert"));
        assert!(out[2].start > out[0].end && out[2].end < out[1].start);
    }

    pub(super) fn plain(lines: &[Line<'_>]) -> Vec<String> {
        lines.iter().map(|l| l.to_string()).collect()
    }

    #[test]
    fn word_diff_marks_the_substitution() {
        let d = TextDiff::of(
            "M. [K] a formé le pourvoi",
            "M. Kaminski a formé le pourvoi",
            (&[(3, 6)], &[]),
            (&[(3, 11)], &[Personal::whole(3, 11)]),
        );
        assert_eq!(d.removed, 3); // `[`, `K`, `]`
        assert_eq!(d.added, 1); // `Kaminski`
        let (lines, hl) = wrap(&d.unified, 80, false);
        assert_eq!(
            plain(&lines),
            vec!["M. [-[K]-]{+K•••••••+} a formé le pourvoi"]
        );
        assert_eq!(hl, Some(0));
        let (lines, _) = wrap(&d.unified, 80, true);
        assert_eq!(
            plain(&lines),
            vec!["M. [-[K]-]{+Kaminski+} a formé le pourvoi"]
        );
    }

    #[test]
    fn wrapping_breaks_lines_and_finds_the_highlight() {
        let segs = vec![
            Seg {
                kind: SegKind::Same,
                text: "un deux trois\nquatre cinq ".into(),
                highlight: false,
                personal: false,
                lead: false,
            },
            Seg {
                kind: SegKind::Same,
                text: "six".into(),
                highlight: true,
                personal: false,
                lead: false,
            },
        ];
        let (lines, hl) = wrap(&segs, 9, false);
        assert_eq!(
            plain(&lines),
            vec!["un deux", "trois", "quatre", "cinq six"]
        );
        assert_eq!(hl, Some(3));
        // A width of one column never loops forever.
        let (lines, _) = wrap(&segs, 1, false);
        assert!(lines.len() > 10);
    }

    /// A name is masked as exports redact it: its first letter kept, every other char `•`,
    /// the space between its words too (`redact` of the piece: `S•••••••••••••`).
    #[test]
    fn masks_keep_the_first_letter_as_exports_do() {
        let name = "Sophie Lambert";
        assert_eq!(mask(name, true), "S•••••••••••••");
        assert_eq!(
            mask(name, true),
            crate::report::redact::redact(name, &[Personal::whole(0, 14)])
        );
        // A segment that does not start a piece (its second word) shows no letter.
        assert_eq!(mask("Lambert", false), "•••••••");
        // Diffed, the name's words are segments of their own, each facing its marker: one
        // letter in all, as the export shows it, the space between them masked too.
        let d = TextDiff::of(
            "Mme [S] [L] a formé",
            "Mme Sophie Lambert a formé",
            (&[], &[]),
            (&[], &[Personal::whole(4, 18)]),
        );
        let (lines, _) = wrap(&d.unified, 80, false);
        assert_eq!(
            plain(&lines),
            vec!["Mme [-[S]-]{+S•••••+}•[-[L]-]{+•••••••+} a formé"]
        );
        // A piece the excerpt cut at its start shows no letter, nor one that touches the
        // piece before it.
        let cut = Personal {
            first: false,
            ..Personal::whole(4, 18)
        };
        let d = TextDiff::of("", "Mme Sophie Lambert a formé", (&[], &[]), (&[], &[cut]));
        let (lines, _) = wrap(&d.unified, 80, false);
        assert_eq!(plain(&lines), vec!["{+Mme •••••••••••••• a formé+}"]);
        let touching = [Personal::whole(4, 10), Personal::whole(10, 18)];
        let d = TextDiff::of(
            "",
            "Mme Sophie Lambert a formé",
            (&[], &[]),
            (&[], &touching),
        );
        let (lines, _) = wrap(&d.unified, 80, false);
        assert_eq!(plain(&lines), vec!["{+Mme S••••••••••••• a formé+}"]);
    }

    /// A name both texts show, which one side alone marks (the source left it in clear),
    /// is masked on both sides, unified and side by side, as the marking side masks it.
    #[test]
    fn a_name_both_texts_show_is_masked_on_both_sides() {
        let text = "Vu. Mme Sophie Lambert a formé le pourvoi.";
        // The name's place on a side that writes `by` chars before `text`.
        let name = |by: usize| vec![Personal::whole(8 + by, 22 + by)];
        for (before, after) in [(vec![], name(10)), (name(7), vec![])] {
            let d = TextDiff::of(
                &format!("Arrêt. {text}"),
                &format!("Décision. {text}"),
                (&[], &before),
                (&[], &after),
            );
            let (lines, _) = wrap(&d.unified, 80, false);
            assert_eq!(
                plain(&lines),
                vec!["[-Arrêt-]{+Décision+}. Vu. Mme S••••••••••••• a formé le pourvoi."]
            );
            let sides: Vec<String> = d
                .pairs
                .iter()
                .flat_map(|(l, r)| [l, r])
                .map(|segs| plain(&wrap(segs, 80, false).0).concat())
                .collect();
            assert!(
                sides
                    .iter()
                    .filter(|s| s.contains("Mme S••••••••••••• a formé"))
                    .count()
                    == 2,
                "{sides:?}"
            );
            assert!(!sides.concat().contains("Lambert"), "{sides:?}");
        }
    }

    /// An invisible character or a combining mark inside a name, as read or as the terminal
    /// sanitiser shows it (`�`), shows no letter after it.
    #[test]
    fn masks_go_on_over_invisible_chars_and_marks() {
        for inside in [
            '\u{ad}', '\u{200b}', '\u{2060}', '\u{feff}', '\u{fffd}', '\u{301}',
        ] {
            let name = format!("Bo{inside}nnal Sophie");
            assert_eq!(
                mask(&name, true),
                format!("B{}", "•".repeat(13)),
                "{name:?}"
            );
            // Starting with it, the piece shows no letter.
            let name = format!("{inside}Bonnal");
            assert_eq!(mask(&name, true), "•".repeat(7), "{name:?}");
        }
    }

    /// No digit of personal data is kept: a piece that starts with one is masked whole.
    #[test]
    fn masks_keep_no_digit() {
        assert_eq!(mask("21 novembre 1962", true), "••••••••••••••••");
        assert_eq!(mask("06 12 34 56 78", true), "••••••••••••••");
        assert_eq!(mask("1 85 03 75 116 001 42", true), "•••••••••••••••••••••");
        for lead in [true, false] {
            assert!(
                !mask("né le 3 mars 1975, 3e étage, 2bis", lead)
                    .chars()
                    .any(|c| c.is_numeric())
            );
        }
    }
}

#[cfg(test)]
mod whitespace_tests {
    use super::*;

    #[test]
    fn re_flowed_white_space_is_not_a_change() {
        let d = TextDiff::of(
            "Sur le moyen\nunique",
            "Sur le  moyen\n\n unique",
            (&[], &[]),
            (&[], &[]),
        );
        assert_eq!((d.removed, d.added), (0, 0));
        let d = TextDiff::of("la Cour rejette", "la Cour casse", (&[], &[]), (&[], &[]));
        assert_eq!((d.removed, d.added), (1, 1));
    }

    fn changed(d: &TextDiff) -> Vec<(SegKind, String)> {
        d.unified
            .iter()
            .filter(|s| s.kind != SegKind::Same)
            .map(|s| (s.kind, s.text.clone()))
            .collect()
    }

    /// A heading letter-spaced on one side and set solid on the other is no change, as the
    /// engine reads it: each side shown as written, nothing removed or added. Other letters are.
    #[test]
    fn letter_spacing_is_not_a_change() {
        let spaced = "M. BONNAL président,\n R É P U B L I Q U E F R A N Ç A I S E\n ____\n AU NOM";
        let solid = "M. BONNAL président,\n RÉPUBLIQUE FRANÇAISE\n ____\n A U N O M";
        for (reference, record) in [(spaced, solid), (solid, spaced)] {
            let d = TextDiff::of(reference, record, (&[], &[]), (&[], &[]));
            assert_eq!((d.removed, d.added), (0, 0), "{:?}", changed(&d));
            let shown: String = d.unified.iter().map(|s| s.text.as_str()).collect();
            assert_eq!(shown, record);
            let left: String = d
                .pairs
                .iter()
                .flat_map(|p| &p.0)
                .map(|s| s.text.as_str())
                .collect();
            let right: String = d
                .pairs
                .iter()
                .flat_map(|p| &p.1)
                .map(|s| s.text.as_str())
                .collect();
            assert_eq!((left.as_str(), right.as_str()), (reference, record));
        }
        // Beside a word changed, only that word is.
        let d = TextDiff::of(
            spaced,
            &solid.replace("président", "juge"),
            (&[], &[]),
            (&[], &[]),
        );
        assert_eq!(
            changed(&d),
            vec![
                (SegKind::Removed, "président".into()),
                (SegKind::Added, "juge".into())
            ]
        );
        // Other letters are a change.
        let d = TextDiff::of(
            spaced,
            &solid.replace("RÉPUBLIQUE", "REPUBLIQUE"),
            (&[], &[]),
            (&[], &[]),
        );
        assert!(d.removed > 0 && d.added > 0);
        assert!(changed(&d).contains(&(SegKind::Added, "REPUBLIQUE".into())));
    }

    /// A rule line left out or drawn otherwise is no change, as the engine reads it: each side
    /// shown as written, nothing removed or added. A word beside it is a change, alone.
    #[test]
    fn rule_lines_are_not_a_change() {
        let reference = "M. BONNAL président,\n RÉPUBLIQUE FRANÇAISE\n ________\n AU NOM";
        for record in [
            "M. BONNAL président,\n RÉPUBLIQUE FRANÇAISE\n AU NOM",
            "M. BONNAL président,\n RÉPUBLIQUE FRANÇAISE\n ═══\n AU NOM",
        ] {
            for (before, after) in [(reference, record), (record, reference)] {
                let d = TextDiff::of(before, after, (&[], &[]), (&[], &[]));
                assert_eq!((d.removed, d.added), (0, 0), "{:?}", changed(&d));
                let shown: String = d.unified.iter().map(|s| s.text.as_str()).collect();
                assert_eq!(shown, after);
                let side = |right: bool| -> String {
                    d.pairs
                        .iter()
                        .flat_map(|p| if right { &p.1 } else { &p.0 })
                        .map(|s| s.text.as_str())
                        .collect()
                };
                assert_eq!((side(false).as_str(), side(true).as_str()), (before, after));
            }
        }
        let d = TextDiff::of(
            reference,
            "M. BONNAL président,\n RÉPUBLIQUE FRANÇAISE\n AU NOM DU",
            (&[], &[]),
            (&[], &[]),
        );
        assert_eq!(changed(&d), vec![(SegKind::Added, " DU".into())]);
        // Signs that mask are no rule.
        let d = TextDiff::of(
            &reference.replace("________", "***"),
            "M. BONNAL président,\n RÉPUBLIQUE FRANÇAISE\n AU NOM",
            (&[], &[]),
            (&[], &[]),
        );
        assert!(d.removed > 0, "{:?}", changed(&d));
    }
}

#[cfg(test)]
mod wrap_tests {
    use super::tests::plain;
    use super::*;

    fn same(text: &str) -> Vec<Seg> {
        vec![Seg {
            kind: SegKind::Same,
            text: text.into(),
            highlight: false,
            personal: false,
            lead: false,
        }]
    }

    /// A run without spaces far longer than a line is cut into full lines, in order, with
    /// nothing lost (the cut takes each char once: see the report for timings on megabytes).
    #[test]
    fn an_over_long_word_is_cut_into_full_lines() {
        let word: String = "QUJDRA".repeat(20_000);
        let text = format!("data:{word} fin");
        let (lines, _) = wrap(&same(&text), 97, false);
        let got = plain(&lines);
        assert_eq!(got.len(), text.len().div_ceil(97));
        // Every line but the last is full: the word is cut, not wrapped word by word.
        assert!(got[..got.len() - 1].iter().all(|l| l.len() == 97));
        assert!(got.concat() == text, "chars lost or reordered");
        assert!(got.last().unwrap().ends_with("QUJDRA fin"));
    }

    /// Each line knows where it starts in the text: the text from there is what the line
    /// shows (bar the `[-` `{+` marks and the spaces a wrap drops), at any width, cut words
    /// and line breaks included; and a place is found again at another width.
    #[test]
    fn lines_know_where_they_start() {
        let d = TextDiff::of(
            "Sur le moyen unique, pris de la violation\nde la loi. La Cour rejette le pourvoi \
             formé par M. [K]. QUJDRAQUJDRAQUJDRAQUJDRAQUJDRA fin.",
            "Sur le moyen unique, pris de la violation\nde la loi. La Cour casse le pourvoi \
             formé par M. Kaminski. QUJDRAQUJDRAQUJDRAQUJDRAQUJDRA fin.",
            (&[], &[]),
            (&[], &[]),
        );
        let full: Vec<char> = d.unified.iter().flat_map(|s| s.text.chars()).collect();
        let key = |width| WrapKey {
            width,
            reveal: false,
            side_by_side: false,
        };
        for width in [7, 12, 19, 33, 80] {
            let w = wrap_diff(&d, key(width));
            for (row, line) in w.columns[0].iter().enumerate() {
                let shown: String = line.to_string();
                let shown = ["[-", "-]", "{+", "+}"]
                    .iter()
                    .fold(shown, |s, m| s.replace(m, ""));
                let from: String = full[w.starts[0][row]..].iter().collect();
                let from = from.trim_start_matches([' ', '\n']);
                // A closing mark wrapped to the line leaves the space after it.
                let shown = shown.trim_start();
                assert!(from.starts_with(shown), "{width}: {shown:?} / {from:?}");
            }
            // Every row's place is found at another width on the row that holds it.
            let other = wrap_diff(&d, key(width + 10));
            for row in 0..w.rows() {
                let place = w.place(row);
                let r = other.row_at(&place);
                assert!(other.starts[0][r] <= place[0], "{width}: {row}");
                assert!(other.starts[0].get(r + 1).is_none_or(|s| *s > place[0]));
            }
        }
    }

    /// Wide (CJK) chars take two columns: a line holds half as many, and none overflows.
    #[test]
    fn wide_chars_wrap_by_columns() {
        let text = "漢字仮名交じり文".repeat(10);
        let (lines, _) = wrap(&same(&text), 9, false);
        let got = plain(&lines);
        for l in &got {
            assert_eq!(str_width(l), 8, "{l}");
        }
        assert_eq!(got.concat(), text);
        // Words of wide chars move to the next line by their width.
        let (lines, _) = wrap(&same("ab 漢字漢字"), 8, false);
        assert_eq!(plain(&lines), vec!["ab", "漢字漢字"]);
        // A wide char on a one-column line is still written, one per line.
        let (lines, _) = wrap(&same("漢字"), 1, false);
        assert_eq!(plain(&lines), vec!["漢", "字"]);
        // Combining marks take no column and stay with their letter.
        let (lines, _) = wrap(&same("cafe\u{301}s"), 4, false);
        assert_eq!(plain(&lines), vec!["cafe\u{301}", "s"]);
    }
}

#[cfg(test)]
mod normalisation_tests {
    use super::*;

    fn text_of(segs: &[Seg], kind: SegKind) -> Vec<String> {
        segs.iter()
            .filter(|s| s.kind == kind)
            .map(|s| s.text.clone())
            .collect()
    }

    /// What SPEC 1.4 calls the same text is no change: line ends, NFD accents, typographic
    /// apostrophes, quotes with their inner spaces, dashes.
    #[test]
    fn what_normalisation_makes_equal_is_not_a_change() {
        let reference = "L'arrêt « attaqué » du 3 mars - rejette\nle pourvoi.";
        let record = "L\u{2019}arre\u{302}t \"attaqué\" du 3 mars \u{2013} rejette\r\nle  pourvoi.";
        let d = TextDiff::of(reference, record, (&[], &[]), (&[], &[]));
        let changed: Vec<_> = d
            .unified
            .iter()
            .filter(|s| s.kind != SegKind::Same)
            .collect();
        assert_eq!((d.removed, d.added), (0, 0), "{changed:?}");
        // The record is shown as written (a carriage return before a line feed dropped).
        let shown: String = d.unified.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(
            shown,
            "L\u{2019}arre\u{302}t \"attaqué\" du 3 mars \u{2013} rejette\nle  pourvoi."
        );
        // Words still count.
        let d = TextDiff::of(
            "l\u{2019}arrêt casse",
            "l'arrêt rejette",
            (&[], &[]),
            (&[], &[]),
        );
        assert_eq!((d.removed, d.added), (1, 1));
        assert_eq!(text_of(&d.unified, SegKind::Removed), vec!["casse"]);
        assert_eq!(text_of(&d.unified, SegKind::Added), vec!["rejette"]);
    }

    /// Spans are chars of the text as given: after NFD accents and CRLF, the highlight and the
    /// masking still cover the offending name, and only it.
    #[test]
    fn spans_stay_on_their_words_through_normalisation() {
        let reference = "Arrêt.\nM. [K] a formé le pourvoi";
        let record = "Arre\u{302}t.\r\nM. Kaminski a formé le pourvoi";
        let at = record.chars().count() - "Kaminski a formé le pourvoi".chars().count();
        let span = (at, at + 8);
        let r_at = reference.chars().count() - "[K] a formé le pourvoi".chars().count();
        let d = TextDiff::of(
            reference,
            record,
            (&[(r_at, r_at + 3)], &[]),
            (&[span], &[Personal::whole(span.0, span.1)]),
        );
        assert_eq!((d.removed, d.added), (3, 1));
        let hl: Vec<_> = d.unified.iter().filter(|s| s.highlight).collect();
        assert_eq!(hl.len(), 2, "{hl:?}");
        assert_eq!((hl[0].kind, hl[0].text.as_str()), (SegKind::Removed, "[K]"));
        assert_eq!(
            (hl[1].kind, hl[1].text.as_str()),
            (SegKind::Added, "Kaminski")
        );
        assert!(hl[1].personal && !hl[0].personal);
        let (lines, first) = wrap(&d.unified, 80, false);
        assert_eq!(first, Some(1));
        assert_eq!(
            lines.iter().map(|l| l.to_string()).collect::<Vec<_>>(),
            vec!["Arre\u{302}t.", "M. [-[K]-]{+K•••••••+} a formé le pourvoi"]
        );
    }

    /// Side by side, a passage both texts hold starts on the same row of both columns, however
    /// much one side inserted before it; the offending spans of both sides land on one row.
    #[test]
    fn side_by_side_columns_are_aligned() {
        let para = "Sur le moyen unique, pris de la violation de la loi. ";
        let reference = format!("Intro.\n\n{}\n\nM. [K] a formé le pourvoi.", para.repeat(2));
        let record = format!(
            "Intro.\n\nNOTE : {}\n\n{}\n\nM. Kaminski a formé le pourvoi.",
            "commentaire de l'éditeur ".repeat(12),
            para.repeat(2)
        );
        let r_at = reference
            .find("[K]")
            .map(|b| reference[..b].chars().count())
            .unwrap();
        let at = record
            .find("Kaminski")
            .map(|b| record[..b].chars().count())
            .unwrap();
        let d = TextDiff::of(
            &reference,
            &record,
            (&[(r_at, r_at + 3)], &[]),
            (&[(at, at + 8)], &[]),
        );
        let (left, right, first) = wrap_pairs(&d.pairs, 30, true);
        assert_eq!(left.len(), right.len());
        let row = |col: &[Line<'_>], needle: &str| {
            col.iter()
                .position(|l| l.to_string().contains(needle))
                .unwrap()
        };
        assert_eq!(row(&left, "Sur le moyen"), row(&right, "Sur le moyen"));
        assert_eq!(row(&left, "[K]"), row(&right, "Kaminski"));
        assert_eq!(first, Some(row(&right, "Kaminski")));
        // The inserted note faces empty rows.
        let note = row(&right, "NOTE");
        assert_eq!(left[note].to_string(), "");
    }
}

#[cfg(test)]
mod shortcut_tests {
    use super::*;

    fn next(seed: &mut u64) -> u64 {
        *seed ^= *seed << 13;
        *seed ^= *seed >> 7;
        *seed ^= *seed << 17;
        *seed
    }

    /// Words, white space, quotes, dashes and marks, few of them: texts that repeat themselves,
    /// where hunks have room to slide.
    const PIECES: &[&str] = &[
        "la",
        "Cour",
        "le",
        " ",
        " ",
        "  ",
        "\n",
        "\r\n",
        ".",
        "«",
        " »",
        "\u{2019}",
        "-",
        "arre\u{302}t",
        "\u{301}",
        "漢字",
        "[C]",
        "a",
    ];

    fn text(seed: &mut u64, n: usize) -> Vec<&'static str> {
        (0..n)
            .map(|_| PIECES[(next(seed) % PIECES.len() as u64) as usize])
            .collect()
    }

    /// Diffing only what lies between the tokens both texts start and end with, and a few
    /// around it, finds what diffing the whole texts finds, hunks slid to their places included:
    /// with no token around (every hunk that slides is diffed again with more), one, or the
    /// default.
    #[test]
    fn diffing_the_middle_finds_what_the_whole_texts_give() {
        let mut seed = 0x9e37_79b9_7f4a_7c15u64;
        let mut slid = 0;
        for round in 0..3000 {
            let len = 1 + (next(&mut seed) % 40) as usize;
            let unit = text(&mut seed, len);
            let reps = 1 + (next(&mut seed) % 8) as usize;
            let mut rec: Vec<&str> = unit.repeat(reps);
            for _ in 0..=next(&mut seed) % 3 {
                let at = (next(&mut seed) % (rec.len() as u64 + 1)) as usize;
                let piece = PIECES[(next(&mut seed) % PIECES.len() as u64) as usize];
                match next(&mut seed) % 3 {
                    0 if at < rec.len() => {
                        rec.remove(at);
                    }
                    1 if at < rec.len() => rec[at] = piece,
                    _ => rec.insert(at, piece),
                }
            }
            let (b, a) = (unit.repeat(reps).concat(), rec.concat());
            let mark = (b.len() / 3, b.len() / 2);
            let p = [Personal::whole(mark.0, mark.1)];
            let whole = TextDiff::of_around(&b, &a, (&[mark], &[]), (&[mark], &p), usize::MAX);
            for around in [0, 1, AROUND] {
                let d = TextDiff::of_around(&b, &a, (&[mark], &[]), (&[mark], &p), around);
                assert_eq!(
                    (&d.unified, &d.pairs, d.added, d.removed),
                    (&whole.unified, &whole.pairs, whole.added, whole.removed),
                    "round {round}, around {around}: {b:?} → {a:?}"
                );
            }
            let (sb, sa) = (Side::new(&b), Side::new(&a));
            slid += usize::from(hunks_tried(&sb, &sa, 0).1 > 1);
        }
        // The case of a hunk that slides out of what was diffed came up.
        assert!(slid > 100, "{slid}");
    }
}
