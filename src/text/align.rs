//! Aligns a record's normalised text with its reference's, token by token, so that every
//! difference can be classified: a marker shown in clear or added (masking), words substituted,
//! inserted or cut (integrity).
//!
//! Tokens are pseudonymisation markers (one token however many words they span), runs of
//! letters and digits, and single punctuation marks; white space separates tokens and is not one.
//! The diff is imara-diff's histogram diff over interned tokens.

use crate::text::markers;
use imara_diff::{Algorithm, Diff, Interner, Token};
use std::ops::Range;

/// One token of a normalised text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tok {
    /// Byte range in the normalised text.
    pub start: usize,
    pub end: usize,
    /// Char index of `start` in the normalised text.
    pub char_start: usize,
    /// Char index of `end`.
    pub char_end: usize,
    pub marker: bool,
}

/// Splits a normalised text into tokens.
pub fn tokenize(text: &str) -> Vec<Tok> {
    let marks = markers::find_markers(text);
    let mut toks = Vec::with_capacity(text.len() / 5);
    let mut m = marks.iter().peekable();
    let bytes = text.as_bytes();
    let mut chars = 0usize; // char index of `pos`
    let mut pos = 0usize;
    let mut word_start: Option<(usize, usize)> = None;
    while pos < bytes.len() {
        let i = pos;
        if let Some(mk) = m.peek()
            && mk.start == i
        {
            end_word(&mut toks, &mut word_start, i, chars);
            let n = text[mk.start..mk.end].chars().count();
            toks.push(Tok {
                start: mk.start,
                end: mk.end,
                char_start: chars,
                char_end: chars + n,
                marker: true,
            });
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
            toks.push(Tok {
                start: i,
                end: i + len,
                char_start: chars,
                char_end: chars + 1,
                marker: false,
            });
        }
        chars += 1;
        pos += len;
    }
    end_word(&mut toks, &mut word_start, bytes.len(), chars);
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
        toks.push(Tok {
            start: ws,
            end,
            char_start: wc,
            char_end: chars,
            marker: false,
        });
    }
}

fn is_mark(c: char) -> bool {
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

impl Alignment {
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
        (toks[r.start].char_start, toks[r.end - 1].char_end)
    } else if r.start < toks.len() {
        (toks[r.start].char_start, toks[r.start].char_start)
    } else {
        let end = toks.last().map(|t| t.char_end).unwrap_or(0);
        (end, end)
    }
}

/// Aligns two normalised texts.
pub fn align(reference: &str, record: &str) -> Alignment {
    let ref_toks = tokenize(reference);
    let rec_toks = tokenize(record);
    // Equal tokens at both ends are not interned nor diffed (the diff would set them aside
    // first anyway): most differing records differ in a few places.
    let same = |a: &Tok, b: &Tok| reference[a.start..a.end] == record[b.start..b.end];
    let head = ref_toks
        .iter()
        .zip(&rec_toks)
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
    let mut interner: Interner<&str> = Interner::new(ref_mid.len() + rec_mid.len());
    let before: Vec<Token> = ref_mid
        .iter()
        .map(|t| interner.intern(&reference[t.start..t.end]))
        .collect();
    let after: Vec<Token> = rec_mid
        .iter()
        .map(|t| interner.intern(&record[t.start..t.end]))
        .collect();
    let mut diff = Diff::default();
    diff.compute_with(Algorithm::Histogram, &before, &after, interner.num_tokens());
    let changes = diff
        .hunks()
        .map(|h| Change {
            reference: head + h.before.start as usize..head + h.before.end as usize,
            record: head + h.after.start as usize..head + h.after.end as usize,
        })
        .collect();
    Alignment {
        reference: ref_toks,
        record: rec_toks,
        changes,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Vec<&str> {
        tokenize(s).iter().map(|t| &s[t.start..t.end]).collect()
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
        let a = align("la cour rejette le pourvoi", "la cour casse le pourvoi");
        assert_eq!(a.changes.len(), 1);
        assert_eq!(a.changes[0].reference, 2..3);
        assert_eq!(a.changes[0].record, 2..3);
        assert_eq!(a.record_chars(&a.changes[0].record), (8, 13));

        let a = align("la cour rejette", "la cour , selon nous , rejette");
        assert_eq!(a.changes.len(), 1);
        assert!(a.changes[0].reference.is_empty());

        let a = align("la cour rejette le pourvoi", "la cour");
        assert_eq!(a.changes.len(), 1);
        assert!(a.changes[0].record.is_empty());
        assert_eq!(a.reference_chars(&a.changes[0].reference), (8, 26));
    }

    #[test]
    fn identical_texts_have_no_change() {
        let t = "Sur le rapport de Mme Thomas, conseiller, la Cour...";
        assert!(align(t, t).changes.is_empty());
    }
}
