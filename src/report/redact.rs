//! Redaction of personal data in excerpts (SPEC §4): first letter kept, the rest `•`.

/// Redacts the character ranges `[start, end)` of `s` (in Unicode scalar values): the first
/// character of each range is kept when it is a letter (`Kaminski` → `K•••••••`), every other
/// character of the range becomes `•`. A range starting with a digit or a sign is redacted whole,
/// since the first digit of a social security number or a date of birth already says something.
/// Ranges may overlap, be unsorted or overrun the string: they are merged and clamped.
pub fn redact(s: &str, ranges: &[(usize, usize)]) -> String {
    if ranges.iter().all(|&(a, b)| a >= b) {
        return s.to_string();
    }
    let mut sorted: Vec<(usize, usize)> = ranges.iter().copied().filter(|(a, b)| a < b).collect();
    sorted.sort_unstable();
    let mut merged: Vec<(usize, usize)> = Vec::with_capacity(sorted.len());
    for (a, b) in sorted {
        match merged.last_mut() {
            Some(last) if a <= last.1 => last.1 = last.1.max(b),
            _ => merged.push((a, b)),
        }
    }
    let mut out = String::with_capacity(s.len() + 8);
    let mut ranges = merged.into_iter().peekable();
    for (i, c) in s.chars().enumerate() {
        while ranges.peek().is_some_and(|&(_, b)| b <= i) {
            ranges.next();
        }
        match ranges.peek() {
            Some(&(a, _)) if a <= i => {
                if i == a && c.is_alphabetic() {
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

#[cfg(test)]
mod tests {
    use super::redact;

    #[test]
    fn keeps_the_first_letter() {
        assert_eq!(
            redact("M. Kaminski a formé le pourvoi", &[(3, 11)]),
            "M. K••••••• a formé le pourvoi"
        );
    }

    #[test]
    fn counts_chars_not_bytes() {
        // `É` and `é` are two bytes each in UTF-8: ranges are in chars.
        assert_eq!(
            redact("Mme Éléonore Dû", &[(4, 12), (13, 15)]),
            "Mme É••••••• D•"
        );
    }

    #[test]
    fn digits_are_redacted_whole() {
        assert_eq!(
            redact("née le 3 mars 1975", &[(7, 18)]),
            "née le •••••••••••"
        );
    }

    #[test]
    fn overlapping_unsorted_and_overrunning_ranges() {
        assert_eq!(redact("abcdefgh", &[(5, 100), (1, 3), (2, 4)]), "ab••ef••");
        assert_eq!(redact("abc", &[(2, 2), (7, 9)]), "abc");
        assert_eq!(redact("", &[(0, 3)]), "");
    }

    proptest::proptest! {
        #[test]
        fn never_panics_keeps_length_and_hides_the_ranges(
            s in "\\PC{0,40}",
            ranges in proptest::collection::vec((0usize..50, 0usize..50), 0..4),
        ) {
            let out = redact(&s, &ranges);
            let (a, b): (Vec<char>, Vec<char>) = (s.chars().collect(), out.chars().collect());
            proptest::prop_assert_eq!(a.len(), b.len());
            for (i, (x, y)) in a.iter().zip(&b).enumerate() {
                let inside: Vec<&(usize, usize)> =
                    ranges.iter().filter(|(p, q)| *p <= i && i < *q).collect();
                if inside.is_empty() {
                    proptest::prop_assert_eq!(x, y);
                } else if y != &'•' {
                    // Only the first letter of a (merged) range stays.
                    proptest::prop_assert_eq!(x, y);
                    proptest::prop_assert!(x.is_alphabetic());
                    proptest::prop_assert!(!ranges.iter().any(|(p, q)| *p < i && i < *q));
                }
            }
        }
    }
}
