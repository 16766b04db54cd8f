//! The one bound on what vigie writes of a text for a finding. A record's fields are untrusted
//! and may be of any length (a 500 KB `id`, `formation` or inserted passage): what a finding
//! quotes of them, its message, its excerpts, its field's name, and what it shows of its record
//! (`id`, `source_id`, `url`), is shown whole up to a bound, and beyond it by its two ends
//! around [`OMITTED`], the omission sign of French quotations that every excerpt uses. Every
//! output (the JSON, JSON Lines and CSV reports, the text summary, the formal notice, the
//! terminal UI) then writes a finding in a few kilobytes, whatever the corpus holds.
//!
//! The rules quote a value in a message or an excerpt through [`ends`] with a smaller bound of
//! their own ([`QUOTE`], [`VALUE`]); [`crate::model::Finding::bound`] applies [`MAX_CHARS`] to
//! what a finding holds once its rules are done, and [`crate::model::RecordRef::bound`] to what
//! it shows of its record.

use super::Personal;
use std::borrow::Cow;

/// The most chars of a finding's message, excerpt or field name, and of what it shows of its
/// record (`id`, `source_id`, `url`): at most a few kilobytes in UTF-8. Far above what a rule
/// writes of a record of common size (an excerpt is at most a few hundred chars, a message
/// quotes values of at most [`VALUE`] chars), so that only a hostile or broken record meets it.
pub const MAX_CHARS: usize = 1000;

/// The most chars of a value a message quotes (`formation «…» contradicts the reference`).
pub const QUOTE: usize = 80;

/// The most chars of a value an excerpt shows when it is the value itself (a `decision_date`,
/// an `attribution`, a `source_id`).
pub const VALUE: usize = 200;

/// What stands for the middle of a text left out: the omission sign of French quotations, in
/// parentheses (`[…]` is a masking marker), as in excerpts.
pub const OMITTED: &str = " (…) ";

/// Chars of [`OMITTED`].
const OMITTED_CHARS: usize = 5;

/// At most this many chars of a text's end are left out so that the cut falls between words.
const SLACK: usize = 15;

/// Where a text longer than its bound is cut: its chars `..head` and `tail..` are shown, around
/// [`OMITTED`]. Both are char indices of the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Cut {
    head: usize,
    tail: usize,
    /// The bytes of the same places.
    head_byte: usize,
    tail_byte: usize,
}

/// Where to cut `s` so that it shows at most `max` chars, or `None` when it has no more.
fn cut(s: &str, max: usize) -> Option<Cut> {
    // A char is at least a byte: a text of at most `max` bytes has at most `max` chars.
    if s.len() <= max {
        return None;
    }
    let n = s.chars().count();
    if n <= max {
        return None;
    }
    // The omission sign alone when there is no room for more.
    let room = max.saturating_sub(OMITTED_CHARS);
    let (head_n, tail_n) = (room - room / 2, room / 2);
    let head_byte = s.char_indices().nth(head_n).map_or(s.len(), |(b, _)| b);
    let tail_byte = if tail_n == 0 {
        s.len()
    } else {
        s.char_indices().nth_back(tail_n - 1).map_or(0, |(b, _)| b)
    };
    let (mut head, mut tail) = ((head_n, head_byte), (n - tail_n, tail_byte));
    // Between words, if one ends near enough, and the spaces there left out.
    let h = &s[..head.1];
    if !s[head.1..].starts_with(' ')
        && let Some(k) = h.rfind(' ')
        && h[k..].chars().count() <= SLACK
    {
        let kept = h[..k].trim_end_matches(' ');
        head = (head.0 - h[kept.len()..].chars().count(), kept.len());
    } else {
        let kept = h.trim_end_matches(' ');
        head = (head.0 - (h.len() - kept.len()), kept.len());
    }
    let t = &s[tail.1..];
    if !s[..tail.1].ends_with(' ')
        && let Some(k) = t.find(' ')
        && t[..k].chars().count() <= SLACK
    {
        let skipped = k + (t[k..].len() - t[k..].trim_start_matches(' ').len());
        tail = (tail.0 + t[..skipped].chars().count(), tail.1 + skipped);
    } else {
        let skipped = t.len() - t.trim_start_matches(' ').len();
        tail = (tail.0 + skipped, tail.1 + skipped);
    }
    Some(Cut {
        head: head.0,
        tail: tail.0,
        head_byte: head.1,
        tail_byte: tail.1,
    })
}

/// `s` whole when it has at most `max` chars; else its two ends around [`OMITTED`], at most
/// `max` chars in all, cut between words where one ends near the place.
pub fn ends(s: &str, max: usize) -> Cow<'_, str> {
    match cut(s, max) {
        None => Cow::Borrowed(s),
        Some(c) => Cow::Owned(format!(
            "{}{OMITTED}{}",
            &s[..c.head_byte],
            &s[c.tail_byte..]
        )),
    }
}

/// [`ends`] of an owned text, in place: unchanged, and not copied, when within `max` chars.
/// Returns whether it was shortened.
pub fn shorten(s: &mut String, max: usize) -> bool {
    bound(s, max, &mut Vec::new())
}

/// [`shorten`], with the pieces of personal data `personal` that `s` shows (chars of it)
/// made what the shortened text shows of them: a piece the omission cuts is shown in part (its
/// first or last char no longer shown), one it leaves out entirely is dropped.
pub fn bound(s: &mut String, max: usize, personal: &mut Vec<Personal>) -> bool {
    let Some(c) = cut(s, max) else {
        return false;
    };
    let mut out = String::with_capacity(c.head_byte + OMITTED.len() + (s.len() - c.tail_byte));
    out.push_str(&s[..c.head_byte]);
    out.push_str(OMITTED);
    out.push_str(&s[c.tail_byte..]);
    *s = out;
    // The tail's chars move back to after the omission sign.
    let shift = |k: usize| k - c.tail + c.head + OMITTED_CHARS;
    let mut kept = Vec::with_capacity(personal.len());
    for p in personal.iter() {
        if p.start < c.head {
            kept.push(Personal {
                start: p.start,
                end: p.end.min(c.head),
                first: p.first,
                last: p.last && p.end <= c.head,
            });
        }
        if p.end > c.tail {
            kept.push(Personal {
                start: shift(p.start.max(c.tail)),
                end: shift(p.end),
                first: p.first && p.start >= c.tail,
                last: p.last,
            });
        }
    }
    kept.retain(|p| p.start < p.end);
    kept.sort_unstable_by_key(|p| (p.start, p.end, p.first, p.last));
    kept.dedup();
    *personal = kept;
    true
}

/// `n` with its thousands grouped by commas, as the English messages write a count
/// (`31,996`).
pub fn count(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(d);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_short_text_is_kept_whole_and_not_copied() {
        assert!(matches!(ends("Chambre sociale", 80), Cow::Borrowed(_)));
        // Exactly the bound, in chars (more bytes: accents).
        let s = "é".repeat(80);
        assert!(matches!(ends(&s, 80), Cow::Borrowed(_)));
        let mut owned = s.clone();
        assert!(!shorten(&mut owned, 80));
        assert_eq!(owned, s);
    }

    #[test]
    fn a_long_text_shows_its_two_ends_within_the_bound() {
        let s: String = (0..1000)
            .map(|i| char::from(b'a' + (i % 26) as u8))
            .collect();
        let e = ends(&s, 100);
        assert_eq!(e.chars().count(), 100);
        assert_eq!(&e[..48], &s[..48]);
        assert_eq!(&e[48..48 + OMITTED.len()], OMITTED);
        assert_eq!(&e[48 + OMITTED.len()..], &s[1000 - 47..]);
        // Multibyte chars are counted as chars, and never split.
        let s = "é€😀".repeat(500);
        let e = ends(&s, 50);
        assert_eq!(e.chars().count(), 50);
        assert!(e.starts_with("é€😀é€😀"));
        assert!(e.ends_with("é€😀"));
        // No room for more than the sign.
        assert_eq!(ends(&s, 3), OMITTED);
    }

    #[test]
    fn the_cut_falls_between_words_when_one_ends_near() {
        let s = "Chambre civile trois ".repeat(40);
        let e = ends(&s, 60);
        assert!(e.chars().count() <= 60, "{e}");
        // The head ends with a whole word, the tail starts with one; no space beside the sign.
        assert!(e.starts_with("Chambre civile trois Chambre"), "{e}");
        let (head, tail) = e.split_once(OMITTED).unwrap();
        assert!(s.starts_with(head) && !head.ends_with(' '), "{e}");
        assert!(s.ends_with(tail) && !tail.starts_with(' '), "{e}");
        assert!(
            ["Chambre", "civile", "trois"]
                .iter()
                .any(|w| head.ends_with(w)),
            "{e}"
        );
        assert!(
            ["Chambre", "civile", "trois"]
                .iter()
                .any(|w| tail.starts_with(w)),
            "{e}"
        );
    }

    #[test]
    fn personal_pieces_follow_the_cut() {
        // `Dupont` at the start, a run of names across the cut, `Martin` at the end.
        let mut s = String::from("Dupont ");
        let run_start = s.chars().count();
        s.push_str(&"x".repeat(300));
        let run_end = s.chars().count();
        s.push_str(" Martin");
        let n = s.chars().count();
        let mut personal = vec![
            Personal::whole(0, 6),
            Personal::whole(run_start, run_end),
            Personal::whole(n - 6, n),
        ];
        assert!(bound(&mut s, 61, &mut personal));
        assert_eq!(s.chars().count(), 61);
        let chars: Vec<char> = s.chars().collect();
        let shown = |p: &Personal| chars[p.start..p.end].iter().collect::<String>();
        assert_eq!(personal.len(), 4, "{personal:?}");
        assert_eq!(shown(&personal[0]), "Dupont");
        assert!(personal[0].is_whole());
        // The run, in two parts: its start, then its end.
        assert!(personal[1].first && !personal[1].last);
        assert!(shown(&personal[1]).chars().all(|c| c == 'x'));
        assert!(!personal[2].first && personal[2].last);
        assert!(shown(&personal[2]).chars().all(|c| c == 'x'));
        assert_eq!(shown(&personal[3]), "Martin");
        assert!(personal[3].is_whole());
        // A piece in the middle only is dropped.
        let mut s = "a".repeat(400);
        let mut personal = vec![Personal::whole(190, 200)];
        assert!(bound(&mut s, 50, &mut personal));
        assert!(personal.is_empty());
    }

    #[test]
    fn counts_group_thousands() {
        assert_eq!(count(0), "0");
        assert_eq!(count(999), "999");
        assert_eq!(count(1000), "1,000");
        assert_eq!(count(31_996), "31,996");
        assert_eq!(count(1_234_567), "1,234,567");
    }
}
