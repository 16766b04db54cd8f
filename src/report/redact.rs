//! Redaction of personal data in excerpts and messages (SPEC §4): first letter kept, the rest
//! `•`.

use crate::model::Personal;

/// Redacts the pieces of personal data of `s` (in Unicode scalar values): the first char of a
/// piece is kept when it is a letter and the piece's own first char (`Kaminski` → `K•••••••`);
/// every other char of the piece becomes `•`. A piece starting with a digit or a sign is
/// redacted whole, since the first digit of a social security number or a date of birth already
/// says something; so is what `s` shows of a piece whose start it leaves out (`ont`, the end of
/// `Dupont`, is `•••`): its first char shown is not the piece's first letter. Pieces may overlap,
/// be unsorted or overrun the string: overlapping or touching pieces are redacted as one, which
/// keeps a letter only where a piece starts that the others do not cover.
pub fn redact(s: &str, pieces: &[Personal]) -> String {
    if pieces.iter().all(|p| p.start >= p.end) {
        return s.to_string();
    }
    let merged = merged(pieces);
    let mut out = String::with_capacity(s.len() + 8);
    let mut ranges = merged.into_iter().peekable();
    for (i, c) in s.chars().enumerate() {
        while ranges.peek().is_some_and(|&(_, b, _)| b <= i) {
            ranges.next();
        }
        match ranges.peek() {
            Some(&(a, _, first)) if a <= i => {
                if i == a && first && c.is_alphabetic() {
                    out.push(c);
                } else {
                    out.push('•');
                }
            }
            _ => out.push(c),
        }
    }
    out
}

/// The pieces as [`redact`] masks them, sorted by start: overlapping or touching pieces as one
/// `(start, end, first)`, whose `first` says whether its start may show its letter (a piece
/// cut at that start, which shows none, wins over a whole one). Empty pieces are left out.
pub fn merged(pieces: &[Personal]) -> Vec<(usize, usize, bool)> {
    let mut sorted: Vec<(usize, usize, bool)> = pieces
        .iter()
        .filter(|p| p.start < p.end)
        .map(|p| (p.start, p.end, p.first))
        .collect();
    // At one start, a piece cut there comes first: its start shows no letter.
    sorted.sort_unstable_by_key(|&(a, _, first)| (a, first));
    let mut merged: Vec<(usize, usize, bool)> = Vec::with_capacity(sorted.len());
    for (a, b, first) in sorted {
        match merged.last_mut() {
            Some(last) if a <= last.1 => last.1 = last.1.max(b),
            _ => merged.push((a, b, first)),
        }
    }
    merged
}

#[cfg(test)]
mod tests {
    use super::redact;
    use crate::model::Personal;

    fn whole(ranges: &[(usize, usize)]) -> Vec<Personal> {
        ranges.iter().map(|&(a, b)| Personal::whole(a, b)).collect()
    }

    #[test]
    fn keeps_the_first_letter() {
        assert_eq!(
            redact("M. Kaminski a formé le pourvoi", &whole(&[(3, 11)])),
            "M. K••••••• a formé le pourvoi"
        );
    }

    #[test]
    fn counts_chars_not_bytes() {
        // `É` and `é` are two bytes each in UTF-8: ranges are in chars.
        assert_eq!(
            redact("Mme Éléonore Dû", &whole(&[(4, 12), (13, 15)])),
            "Mme É••••••• D•"
        );
    }

    #[test]
    fn digits_are_redacted_whole() {
        assert_eq!(
            redact("née le 3 mars 1975", &whole(&[(7, 18)])),
            "née le •••••••••••"
        );
    }

    #[test]
    fn overlapping_unsorted_and_overrunning_ranges() {
        assert_eq!(
            redact("abcdefgh", &whole(&[(5, 100), (1, 3), (2, 4)])),
            "ab••ef••"
        );
        assert_eq!(redact("abc", &whole(&[(2, 2), (7, 9)])), "abc");
        assert_eq!(redact("", &whole(&[(0, 3)])), "");
    }

    /// An excerpt whose window starts inside a name shows none of its letters: the first one
    /// it shows is not the name's (the review's `o•• a formé`).
    #[test]
    fn a_piece_whose_start_is_cut_keeps_no_letter() {
        let rest = Personal {
            start: 0,
            end: 3,
            first: false,
            last: true,
        };
        assert_eq!(redact("ont a formé", &[rest]), "••• a formé");
        // Cut at its end, a piece still shows its own first letter.
        let start = Personal {
            start: 12,
            end: 16,
            first: true,
            last: false,
        };
        assert_eq!(
            redact("ont a formé Lamb", &[rest, start]),
            "••• a formé L•••"
        );
        // Where a cut piece and a whole one start at the same char (the surname `Dupont`, the
        // end of `Jean Dupont`), the cut wins, whatever their lengths.
        for (a, b) in [(6, 6), (3, 6), (6, 3)] {
            let cut = Personal {
                start: 0,
                end: a,
                first: false,
                last: true,
            };
            assert_eq!(
                redact("Dupont a formé", &[Personal::whole(0, b), cut]),
                "•••••• a formé"
            );
        }
    }

    proptest::proptest! {
        #[test]
        fn never_panics_keeps_length_and_hides_the_ranges(
            s in "\\PC{0,40}",
            ranges in proptest::collection::vec(
                (0usize..50, 0usize..50, proptest::bool::ANY, proptest::bool::ANY),
                0..4,
            ),
        ) {
            let pieces: Vec<Personal> = ranges
                .iter()
                .map(|&(start, end, first, last)| Personal { start, end, first, last })
                .collect();
            let out = redact(&s, &pieces);
            let (a, b): (Vec<char>, Vec<char>) = (s.chars().collect(), out.chars().collect());
            proptest::prop_assert_eq!(a.len(), b.len());
            for (i, (x, y)) in a.iter().zip(&b).enumerate() {
                let inside = pieces.iter().any(|p| p.start <= i && i < p.end);
                if !inside {
                    proptest::prop_assert_eq!(x, y);
                } else if y != &'•' {
                    // Only the first letter of a (merged) piece stays, where a piece shows its
                    // own first char and no cut piece starts.
                    proptest::prop_assert_eq!(x, y);
                    proptest::prop_assert!(x.is_alphabetic());
                    proptest::prop_assert!(!pieces.iter().any(|p| p.start < i && i <= p.end));
                    proptest::prop_assert!(pieces.iter().any(|p| p.start == i && p.first));
                    proptest::prop_assert!(!pieces.iter().any(|p| p.start == i && !p.first && p.end > i));
                }
            }
        }
    }
}
