//! The detail view's diff of the record's text against the reference, word by word
//! (imara-diff's histogram algorithm), with the offending spans and personal data marked.
//! Built once when a finding is opened; wrapped to the screen's width when drawn.

use super::app::App;
use crate::model::{Record, ReferenceDecision};
use crate::text::sanitize::for_terminal;
use imara_diff::{Algorithm, Diff, InternedInput};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};

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
}

/// Both sides of the diff and the merged (unified) sequence.
#[derive(Debug, Clone, Default)]
pub struct TextDiff {
    /// What is compared (`record text vs reference text`, `evidence excerpts`…).
    pub source: String,
    pub unified: Vec<Seg>,
    pub left: Vec<Seg>,
    pub right: Vec<Seg>,
    pub added: usize,
    pub removed: usize,
}

/// Highlighted and personal char ranges of one side of a diff.
pub type Marks<'a> = (&'a [(usize, usize)], &'a [(usize, usize)]);

struct Tok {
    start: usize,
    end: usize,
    text: String,
}

/// Words, runs of white space, and single other characters, with char offsets.
fn tokenize(text: &str) -> Vec<Tok> {
    #[derive(PartialEq)]
    enum C {
        Word,
        Space,
        Other,
    }
    let class = |c: char| {
        if c.is_alphanumeric() {
            C::Word
        } else if c.is_whitespace() {
            // Line breaks included: a run of white space is one token, drawn as it is written
            // but compared as one space.
            C::Space
        } else {
            C::Other
        }
    };
    let mut toks: Vec<Tok> = Vec::new();
    let mut prev: Option<C> = None;
    for (i, c) in text.chars().enumerate() {
        let k = class(c);
        let extend = prev.as_ref().is_some_and(|p| *p == k && k != C::Other);
        if extend {
            let t = toks.last_mut().expect("a token was started");
            t.text.push(c);
            t.end = i + 1;
        } else {
            toks.push(Tok {
                start: i,
                end: i + 1,
                text: c.to_string(),
            });
        }
        prev = Some(k);
    }
    toks
}

fn overlaps(t: &Tok, spans: &[(usize, usize)]) -> bool {
    spans
        .iter()
        .any(|&(a, b)| t.start < b.max(a + 1) && a < t.end)
}

impl TextDiff {
    /// The diff for finding `i` of `app`, with its record and reference when read.
    pub fn build(
        app: &App,
        i: u32,
        record: Option<&Record>,
        reference: Option<&ReferenceDecision>,
    ) -> TextDiff {
        let f = &app.report.findings[i as usize];
        let ev = f.evidence.as_ref();
        let on_text = ev.is_none_or(|e| e.field == "text");
        if let (true, Some(rec_text), Some(reference)) =
            (on_text, record.and_then(|r| r.text.as_deref()), reference)
        {
            // Personal data anywhere in the record's text: the spans of every finding of this
            // record that exposes some.
            let mut rec_personal = Vec::new();
            let mut ref_personal = Vec::new();
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
                    rec_personal.push(s);
                }
                if reference_side && let Some(s) = e.reference_span {
                    ref_personal.push(s);
                }
            }
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
                    rec_personal = rec_personal.into_iter().map(conv).collect();
                    html_text = text;
                    html_text.as_str()
                } else {
                    rec_text
                };
            let mut d = TextDiff::of(
                &reference.text,
                rec_text,
                (&ref_hl, &ref_personal),
                (&rec_hl, &rec_personal),
            );
            d.source = "reference text → record text".into();
            return d;
        }
        if let Some(e) = ev
            && (e.excerpt.is_some() || e.reference_excerpt.is_some())
        {
            let personal_rule = f.rule.exposes_personal_data();
            // Without precise ranges, a personal-data rule masks its whole excerpt.
            let whole = |s: &Option<String>, r: &Vec<(usize, usize)>| {
                if r.is_empty() && personal_rule {
                    vec![(0, s.as_deref().map_or(0, |s| s.chars().count()))]
                } else {
                    r.clone()
                }
            };
            let rec_p = whole(&e.excerpt, &e.personal);
            let ref_p = if f.source_defect {
                whole(&e.reference_excerpt, &e.reference_personal)
            } else {
                e.reference_personal.clone()
            };
            let mut d = TextDiff::of(
                e.reference_excerpt.as_deref().unwrap_or(""),
                e.excerpt.as_deref().unwrap_or(""),
                (&[], &ref_p),
                (&[], &rec_p),
            );
            d.source = format!("excerpts of `{}` (reference → record)", e.field);
            return d;
        }
        TextDiff {
            source: "no text to compare for this finding".into(),
            ..TextDiff::default()
        }
    }

    /// Diffs `before` (the reference) against `after` (the record). Each side has its
    /// highlighted and personal char ranges.
    pub fn of(
        before: &str,
        after: &str,
        before_marks: Marks<'_>,
        after_marks: Marks<'_>,
    ) -> TextDiff {
        let before = for_terminal(before, true);
        let after = for_terminal(after, true);
        let bt = tokenize(&before);
        let at = tokenize(&after);
        let mut input: InternedInput<&str> = InternedInput::default();
        // Texts are compared as vigie compares them (SPEC 1.4): any run of white space is one
        // space, so line breaks the reuser re-flowed are not shown as changes.
        fn key(t: &Tok) -> &str {
            if t.text.chars().all(crate::text::normalize::is_space) {
                " "
            } else {
                t.text.as_str()
            }
        }
        input.update_before(bt.iter().map(key));
        input.update_after(at.iter().map(key));
        let mut diff = Diff::compute(Algorithm::Histogram, &input);
        diff.postprocess_no_heuristic(&input);

        let seg = |t: &Tok, kind, marks: Marks<'_>| Seg {
            kind,
            text: t.text.clone(),
            highlight: overlaps(t, marks.0),
            personal: overlaps(t, marks.1),
        };
        let mut out = TextDiff::default();
        for (k, t) in bt.iter().enumerate() {
            let removed = diff.is_removed(k as u32);
            out.removed += usize::from(removed);
            let kind = if removed {
                SegKind::Removed
            } else {
                SegKind::Same
            };
            push(&mut out.left, seg(t, kind, before_marks));
        }
        for (k, t) in at.iter().enumerate() {
            let added = diff.is_added(k as u32);
            out.added += usize::from(added);
            let kind = if added { SegKind::Added } else { SegKind::Same };
            push(&mut out.right, seg(t, kind, after_marks));
        }
        // Unified: the record's sequence, each hunk's removed reference tokens before its
        // added record tokens.
        let mut pa = 0usize;
        for h in diff.hunks() {
            while pa < h.after.start as usize {
                push(&mut out.unified, seg(&at[pa], SegKind::Same, after_marks));
                pa += 1;
            }
            for t in &bt[h.before.start as usize..h.before.end as usize] {
                push(&mut out.unified, seg(t, SegKind::Removed, before_marks));
            }
            for t in &at[h.after.start as usize..h.after.end as usize] {
                push(&mut out.unified, seg(t, SegKind::Added, after_marks));
            }
            pa = h.after.end as usize;
        }
        while pa < at.len() {
            push(&mut out.unified, seg(&at[pa], SegKind::Same, after_marks));
            pa += 1;
        }
        out
    }
}

/// Appends a segment, merging it with the last one when they look the same.
fn push(v: &mut Vec<Seg>, s: Seg) {
    if let Some(last) = v.last_mut()
        && last.kind == s.kind
        && last.highlight == s.highlight
        && last.personal == s.personal
        && !s.personal
    {
        last.text.push_str(&s.text);
        return;
    }
    v.push(s);
}

/// Masks personal data: each word keeps its first letter, the rest becomes `•`.
pub fn mask(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_word = false;
    for c in text.chars() {
        if c.is_alphanumeric() {
            out.push(if in_word { '•' } else { c });
            in_word = true;
        } else {
            out.push(c);
            in_word = false;
        }
    }
    out
}

/// Wraps segments to `width` columns. Removed runs are written `[-…-]` and added runs `{+…+}`
/// (as `git diff --word-diff`), so that the diff reads without colours too. Returns the lines
/// and the first line holding highlighted text.
pub fn wrap(segs: &[Seg], width: usize, reveal: bool) -> (Vec<Line<'static>>, Option<usize>) {
    let width = width.max(1);
    let mut lines: Vec<Line<'static>> = Vec::new();
    let mut cur: Vec<Span<'static>> = Vec::new();
    let mut col = 0usize;
    let mut first_hl: Option<usize> = None;
    let mut prev_kind = SegKind::Same;

    fn flush(lines: &mut Vec<Line<'static>>, cur: &mut Vec<Span<'static>>, col: &mut usize) {
        lines.push(Line::from(std::mem::take(cur)));
        *col = 0;
    }

    let mut emit = |piece: &str,
                    style: Style,
                    hl: bool,
                    lines: &mut Vec<Line<'static>>,
                    cur: &mut Vec<Span<'static>>,
                    col: &mut usize| {
        for (k, part) in piece.split('\n').enumerate() {
            if k > 0 {
                flush(lines, cur, col);
            }
            // Words and the spaces after them, wrapped greedily.
            let mut rest = part;
            while !rest.is_empty() {
                let end = rest
                    .char_indices()
                    .skip_while(|(_, c)| *c == ' ')
                    .find(|(_, c)| *c == ' ')
                    .map_or(rest.len(), |(i, _)| i);
                let word = &rest[..end];
                rest = &rest[end..];
                let mut w = word.chars().count();
                if *col > 0 && *col + w > width {
                    flush(lines, cur, col);
                }
                let mut word = word;
                if *col == 0 {
                    let trimmed = word.trim_start_matches(' ');
                    if trimmed.is_empty() {
                        continue;
                    }
                    word = trimmed;
                    w = word.chars().count();
                }
                // A word longer than the line is cut.
                let mut word = word.to_string();
                while w > width.saturating_sub(*col) && w > 0 {
                    let room = width.saturating_sub(*col);
                    let head: String = word.chars().take(room).collect();
                    let tail: String = word.chars().skip(room).collect();
                    if hl && first_hl.is_none() {
                        first_hl = Some(lines.len());
                    }
                    cur.push(Span::styled(head, style));
                    flush(lines, cur, col);
                    word = tail;
                    w = word.chars().count();
                }
                if !word.is_empty() {
                    if hl && first_hl.is_none() {
                        first_hl = Some(lines.len());
                    }
                    *col += w;
                    cur.push(Span::styled(word, style));
                }
            }
        }
    };

    for s in segs {
        if s.kind != prev_kind {
            mark(prev_kind, false, &mut emit, &mut lines, &mut cur, &mut col);
            mark(s.kind, true, &mut emit, &mut lines, &mut cur, &mut col);
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
        let text = if s.personal && !reveal {
            mask(&s.text)
        } else {
            s.text.clone()
        };
        emit(&text, style, s.highlight, &mut lines, &mut cur, &mut col);
    }
    mark(prev_kind, false, &mut emit, &mut lines, &mut cur, &mut col);
    if !cur.is_empty() {
        lines.push(Line::from(cur));
    }
    (lines, first_hl)
}

type Emit<'a> =
    dyn FnMut(&str, Style, bool, &mut Vec<Line<'static>>, &mut Vec<Span<'static>>, &mut usize) + 'a;

/// Draws the mark that opens (`[-`, `{+`) or closes (`-]`, `+}`) a changed segment.
fn mark(
    kind: SegKind,
    opening: bool,
    emit: &mut Emit<'_>,
    lines: &mut Vec<Line<'static>>,
    cur: &mut Vec<Span<'static>>,
    col: &mut usize,
) {
    let (text, color) = match (kind, opening) {
        (SegKind::Removed, true) => ("[-", Color::Red),
        (SegKind::Removed, false) => ("-]", Color::Red),
        (SegKind::Added, true) => ("{+", Color::Green),
        (SegKind::Added, false) => ("+}", Color::Green),
        (SegKind::Same, _) => return,
    };
    emit(text, Style::default().fg(color), false, lines, cur, col);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(lines: &[Line<'_>]) -> Vec<String> {
        lines.iter().map(|l| l.to_string()).collect()
    }

    #[test]
    fn word_diff_marks_the_substitution() {
        let d = TextDiff::of(
            "M. [K] a formé le pourvoi",
            "M. Kaminski a formé le pourvoi",
            (&[(3, 6)], &[]),
            (&[(3, 11)], &[(3, 11)]),
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
            },
            Seg {
                kind: SegKind::Same,
                text: "six".into(),
                highlight: true,
                personal: false,
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

    #[test]
    fn masks_keep_first_letters() {
        assert_eq!(mask("Sophie Lambert"), "S••••• L••••••");
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
}
