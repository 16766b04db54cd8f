//! Letter-spacing: words set with a space between their letters (`R É P U B L I Q U E F R A N Ç A
//! I S E`, the heading of nearly every Cour de cassation decision DILA publishes) are the same
//! text as the words set solid (`RÉPUBLIQUE FRANÇAISE`), in either direction. Re-typesetting a
//! heading is rendering, as re-flowed white space is, not altering the decision.
//!
//! Normalising cannot tell this: which single letters are a word spaced out is only known
//! against the other text. So the differences found by aligning two texts are looked into
//! (only texts that differ pay for it): a run of at least [`MIN_LETTERS`] single letters on one
//! side that, joined, spells exactly words that follow one another on the other side is no
//! difference. Letters, accents and case count as everywhere else (`R E P U B L I Q U E` is not
//! `RÉPUBLIQUE`). Where the words of the spaced run break is not checked: DILA's heading puts one
//! space between `E` and `F` as between any two letters, so the letters alone say nothing of it.
//!
//! A single letter is also a word of its own (`a`, `à`, `y`, an initial, a list item `a)`):
//! with fewer than [`MIN_LETTERS`] letters in a row, or letters that do not spell the other
//! side's words, a difference stays one.

use std::ops::Range;

/// The fewest single letters in a row read as a word spaced out: two are often words of their
/// own (`il y a`), three seldom (`y a à`), and then they must still spell the other side's words.
pub const MIN_LETTERS: usize = 3;

/// The most letters of a run looked at: headings are short, and a run of thousands of single
/// letters (no text) would cost its square.
const MAX_LETTERS: usize = 512;

/// The most letters read and tokens of the solid side tried as the start of the words a run
/// spells, for one difference: a bound on the cost of a long difference full of runs that spell
/// nothing.
const BUDGET: usize = 1 << 20;

/// Whether `token` is one letter.
fn letter(token: &str) -> bool {
    let mut c = token.chars();
    c.next().is_some_and(char::is_alphabetic) && c.next().is_none()
}

/// Whether `token` is white space (the terminal UI's diff keeps spaces as tokens; the aligner
/// does not).
fn space(token: &str) -> bool {
    !token.is_empty() && token.chars().all(char::is_whitespace)
}

/// Whether `tokens` hold [`MIN_LETTERS`] single letters in a row (white space between them
/// aside): what makes [`unspaced`] worth calling.
pub fn has_run<'a>(tokens: impl IntoIterator<Item = &'a str>) -> bool {
    let mut n = 0;
    for t in tokens {
        if letter(t) {
            n += 1;
            if n >= MIN_LETTERS {
                return true;
            }
        } else if !space(t) {
            n = 0;
        }
    }
    false
}

/// Letters a word has, on average in French: what a run of letters spaced out weighs.
const WORD_LETTERS: usize = 5;

/// How many words `tokens` hold: a token each, but a run of [`MIN_LETTERS`] single letters or
/// more (white space between them aside) as many words as its letters make at
/// [`WORD_LETTERS`] a word. The length of a difference, with a heading spaced out not weighing
/// as many words as it has letters (`R É P U B L I Q U E F R A N Ç A I S E` weighs 4).
pub fn weight<'a>(tokens: impl IntoIterator<Item = &'a str>) -> usize {
    let run_weight = |run: usize| {
        if run < MIN_LETTERS {
            run
        } else {
            run.div_ceil(WORD_LETTERS)
        }
    };
    let (mut n, mut run) = (0, 0);
    for t in tokens {
        if space(t) {
            continue;
        }
        if letter(t) {
            run += 1;
        } else {
            n += run_weight(run) + 1;
            run = 0;
        }
    }
    n + run_weight(run)
}

/// Differences found by a diff, once letter-spacing is set aside: `hunks` are pairs of token
/// ranges of one text (`a`, whose token `k` is `a(k)`) and of the other (`b`), in order, and the
/// tokens between two hunks are alike on both sides. Hunks only single letters or white space
/// apart are looked at together (the diff may match a letter of a run spaced out, or a space of
/// it, with one of the other side). Gives the hunks and the tokens between them as pieces that
/// cover the same tokens: a difference left (`true`), or the same text, letter-spaced on one side
/// (`false`), whose sides may hold any number of tokens each.
pub fn set_aside<'a>(
    hunks: &[(Range<usize>, Range<usize>)],
    a: impl Fn(usize) -> &'a str,
    b: impl Fn(usize) -> &'a str,
) -> Vec<(Range<usize>, Range<usize>, bool)> {
    let mut out = Vec::with_capacity(hunks.len());
    let mut i = 0;
    while i < hunks.len() {
        let mut j = i;
        while j + 1 < hunks.len()
            && (hunks[j].0.end..hunks[j + 1].0.start).all(|k| letter(a(k)) || space(a(k)))
        {
            j += 1;
        }
        let (ra, rb) = (
            hunks[i].0.start..hunks[j].0.end,
            hunks[i].1.start..hunks[j].1.end,
        );
        let left = if has_run(ra.clone().map(&a)) || has_run(rb.clone().map(&b)) {
            let ta: Vec<&str> = ra.clone().map(&a).collect();
            let tb: Vec<&str> = rb.clone().map(&b).collect();
            Some(unspaced(&ta, &tb)).filter(|l| *l != [(0..ta.len(), 0..tb.len())])
        } else {
            None
        };
        match left {
            // No letter-spacing: the hunks as they are.
            None => out.extend(
                hunks[i..=j]
                    .iter()
                    .map(|(x, y)| (x.clone(), y.clone(), true)),
            ),
            Some(left) => {
                let (mut pa, mut pb) = (ra.start, rb.start);
                for (la, lb) in left {
                    let (la, lb) = (
                        ra.start + la.start..ra.start + la.end,
                        rb.start + lb.start..rb.start + lb.end,
                    );
                    if pa < la.start || pb < lb.start {
                        out.push((pa..la.start, pb..lb.start, false));
                    }
                    (pa, pb) = (la.end, lb.end);
                    out.push((la, lb, true));
                }
                if pa < ra.end || pb < rb.end {
                    out.push((pa..ra.end, pb..rb.end, false));
                }
            }
        }
        i = j + 1;
    }
    out
}

/// A difference between tokens `a` (one text's) and `b` (the other's), as the differences left
/// once letter-spacing is set aside, in order: pairs of token ranges of `a` and of `b`, never
/// both empty nor white space alone. Empty when the two differ only by letter-spacing; the whole
/// of both when they do not at all.
pub fn unspaced(a: &[&str], b: &[&str]) -> Vec<(Range<usize>, Range<usize>)> {
    let mut budget = BUDGET;
    let mut pieces = Vec::new();
    // Letters spaced out in `a`.
    split(a, b, 0..a.len(), 0..b.len(), &mut budget, &mut pieces);
    // Then in `b`, in what is left.
    let mut out = Vec::new();
    for (ra, rb) in pieces {
        let mut swapped = Vec::new();
        split(b, a, rb, ra, &mut budget, &mut swapped);
        out.extend(swapped.into_iter().map(|(rb, ra)| (ra, rb)));
    }
    // What is left beside the runs read may start or end with tokens both sides share (white
    // space in the UI's diff, which keeps spaces as tokens, or what the diff matched with a
    // letter of a run): those are no difference.
    let alike = |x: &str, y: &str| x == y || (space(x) && space(y));
    for (ra, rb) in &mut out {
        while ra.start < ra.end && rb.start < rb.end && alike(a[ra.start], b[rb.start]) {
            ra.start += 1;
            rb.start += 1;
        }
        while ra.start < ra.end && rb.start < rb.end && alike(a[ra.end - 1], b[rb.end - 1]) {
            ra.end -= 1;
            rb.end -= 1;
        }
    }
    out.retain(|(ra, rb)| {
        !(a[ra.clone()].iter().all(|t| space(t)) && b[rb.clone()].iter().all(|t| space(t)))
    });
    out
}

/// [`unspaced`] of `a[ra]` and `b[rb]`, with the letters spaced out in `a` only: pushes the
/// differences left to `out`.
fn split(
    a: &[&str],
    b: &[&str],
    ra: Range<usize>,
    rb: Range<usize>,
    budget: &mut usize,
    out: &mut Vec<(Range<usize>, Range<usize>)>,
) {
    // The tokens of each side from which the difference left starts.
    let (mut pa, mut pb) = (ra.start, rb.start);
    let mut i = ra.start;
    let mut letters = String::new();
    // The token of `a` after each letter of `letters`, by letter.
    let mut after: Vec<usize> = Vec::new();
    while i < ra.end {
        if !letter(a[i]) {
            i += 1;
            continue;
        }
        // The run of single letters from `i`, white space between them.
        letters.clear();
        after.clear();
        let mut k = i;
        while k < ra.end && after.len() < MAX_LETTERS {
            if letter(a[k]) {
                letters.push_str(a[k]);
                after.push(k + 1);
            } else if !space(a[k]) {
                break;
            }
            k += 1;
        }
        if after.len() < MIN_LETTERS {
            i = k;
            continue;
        }
        // Reading the run costs its length: a long difference of single letters that spell
        // nothing is left as it is once the budget is spent.
        if *budget < after.len() {
            break;
        }
        *budget -= after.len();
        // The words of `b` its letters spell, from the first letter on, as many as they can.
        match spelt(b, pb..rb.end, &letters, budget) {
            Some((words, n)) => {
                if pa < i || pb < words.start {
                    out.push((pa..i, pb..words.start));
                }
                // The run's letters spelt; the rest of it, if any, is read again.
                i = after[n - 1];
                (pa, pb) = (i, words.end);
            }
            // Not from its first letter: the run's other letters may still start a word spaced
            // out (`A R É P U B L I Q U E` as `A RÉPUBLIQUE`).
            None => i = after[0],
        }
    }
    if pa < ra.end || pb < rb.end {
        out.push((pa..ra.end, pb..rb.end));
    }
}

/// The first words of `b[within]`, one after another (white space between them), that spell
/// the most of `letters` from its start, at least [`MIN_LETTERS`] letters: their token range and
/// how many letters they spell.
fn spelt(
    b: &[&str],
    within: Range<usize>,
    letters: &str,
    budget: &mut usize,
) -> Option<(Range<usize>, usize)> {
    for j in within.clone() {
        if *budget == 0 {
            return None;
        }
        *budget -= 1;
        if space(b[j]) || !letters.starts_with(b[j]) {
            continue;
        }
        // From `j`, the words that go on spelling `letters`; the end of the last, and the
        // bytes and letters spelt so far.
        let (mut k, mut bytes, mut n) = (j, 0, 0);
        let mut best = None;
        while k < within.end {
            let t = b[k];
            if space(t) {
                k += 1;
                continue;
            }
            if t.is_empty() || !letters[bytes..].starts_with(t) {
                break;
            }
            bytes += t.len();
            n += t.chars().count();
            k += 1;
            if n >= MIN_LETTERS {
                best = Some((j..k, n));
            }
            if bytes == letters.len() {
                break;
            }
        }
        if best.is_some() {
            return best;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(text: &str) -> Vec<&str> {
        text.split(' ').filter(|t| !t.is_empty()).collect()
    }

    /// The differences left, as the texts of both sides.
    fn left(a: &str, b: &str) -> Vec<(String, String)> {
        let (a, b) = (toks(a), toks(b));
        unspaced(&a, &b)
            .into_iter()
            .map(|(ra, rb)| (a[ra].join(" "), b[rb].join(" ")))
            .collect()
    }

    fn same(a: &str, b: &str) -> bool {
        left(a, b).is_empty() && left(b, a).is_empty()
    }

    #[test]
    fn letters_spaced_out_are_the_words_they_spell_either_way() {
        let spaced = "R É P U B L I Q U E F R A N Ç A I S E";
        assert!(same(spaced, "RÉPUBLIQUE FRANÇAISE"));
        assert!(same(spaced, "RÉPUBLIQUEFRANÇAISE"));
        assert!(same("A U N O M D U P E U P L E", "AU NOM DU PEUPLE"));
    }

    #[test]
    fn other_letters_or_case_are_a_difference() {
        let spaced = "R É P U B L I Q U E F R A N Ç A I S E";
        assert_eq!(
            left(spaced, "REPUBLIQUE FRANCAISE"),
            vec![(spaced.to_string(), "REPUBLIQUE FRANCAISE".to_string())]
        );
        assert!(!same("R E P U B L I Q U E", "RÉPUBLIQUE"));
        assert!(!same("r é p u b l i q u e", "RÉPUBLIQUE"));
        assert!(!same("R É P U B L I Q U E", "République"));
        // Letters left out or added.
        assert!(!same("R É P U B L I Q U E", "RÉPUBLIQU"));
        assert!(!same("R É P U B L I Q U", "RÉPUBLIQUE"));
    }

    #[test]
    fn a_few_single_letters_are_words_of_their_own() {
        // Two single letters in a row are no run.
        assert!(!same("il y a lieu", "il ya lieu"));
        assert!(!same("M. X Y", "M. XY"));
        assert!(!same("a) b) c)", "abc"));
    }

    #[test]
    fn what_is_left_beside_a_run_is_still_a_difference() {
        let spaced = "R É P U B L I Q U E F R A N Ç A I S E";
        // The rest of the run changed.
        assert_eq!(
            left(spaced, "RÉPUBLIQUE FRANCAISE"),
            vec![("F R A N Ç A I S E".into(), "FRANCAISE".into())]
        );
        // The rest of the run left out, words beside it changed.
        assert_eq!(
            left(&format!("président, {spaced}"), "juge, RÉPUBLIQUE"),
            vec![
                ("président,".into(), "juge,".into()),
                ("F R A N Ç A I S E".into(), String::new()),
            ]
        );
        // Spaced out on both sides, each on its own words.
        assert!(same(
            "R É P U B L I Q U E FRANÇAISE",
            "RÉPUBLIQUE F R A N Ç A I S E"
        ));
        // A letter before the run that is a word of its own.
        assert_eq!(
            left("A R É P U B L I Q U E", "à RÉPUBLIQUE"),
            vec![("A".into(), "à".into())]
        );
    }

    /// Hunks a letter or a space apart (the diff matched one of the run's) are one.
    #[test]
    fn hunks_a_letter_apart_are_looked_at_together() {
        let a = toks("le R É P U B L I Q U E F R A N Ç A I S E rejette");
        let b = toks("le RÉPUBLIQUE F R ANÇAISE casse");
        // As a diff finds them: `F R` matched with the run's.
        let hunks = [(1..11, 1..2), (13..21, 4..6)];
        assert_eq!(
            set_aside(&hunks, |k| a[k], |k| b[k]),
            vec![(1..20, 1..5, false), (20..21, 5..6, true)]
        );
        // Nothing spaced out: the hunks as they are.
        let hunks = [(20..21, 5..6)];
        assert_eq!(
            set_aside(&hunks, |k| a[k], |k| b[k]),
            vec![(20..21, 5..6, true)]
        );
    }

    #[test]
    fn white_space_tokens_go_with_the_run() {
        let a = ["R", " ", "É", " ", "P", " ", "U"];
        let b = ["RÉPU"];
        assert!(unspaced(&a, &b).is_empty());
        let a = ["R", " ", "É", " ", "P", " ", "U", " ", "X"];
        let b = ["RÉ", " ", "PU", " ", "Y"];
        assert_eq!(unspaced(&a, &b), vec![(8..9, 4..5)]);
        assert!(has_run(a));
        assert_eq!(weight(a), 1);
        assert_eq!(weight(toks("R É P U B L I Q U E F R A N Ç A I S E")), 4);
        assert_eq!(weight(["a", "b", "c", ".", "x", "y"]), 4);
        assert_eq!(weight(["il", "y", "a"]), 3);
        assert!(!has_run(["R", " ", "É", ".", "P"]));
    }
}
