//! Rule lines: the lines DILA's header draws with a run of one char (`________`, forty
//! underscores, under the court's name and the date), which a reuser drops, draws with
//! another char or renders as an HTML `<hr>`. A rule is typography, as re-flowed white space
//! is, not a passage of the decision: leaving it out or drawing it otherwise is no difference.
//!
//! Normalising cannot tell this without dropping the rules from every text, which would cost
//! the hot path: the differences found by aligning two texts are looked into instead (only
//! texts that differ pay for it). A rule is a run of at least [`MIN_RUN`] of one rule char
//! ([`rule_char`]) in a row; the aligner makes each of its chars a token. The rule tokens at the
//! ends of either side of a difference are set aside: a difference of rules alone (a rule one
//! side lacks, or faces with another rule) is none; one of rules and words keeps its words.
//!
//! Signs that mask or elide (`***`, `•••`, `...`, `XXX`) are not rules: they stand for
//! something left out.

use std::ops::Range;

/// The fewest chars in a row that draw a rule: `--` or `==` may be punctuation, `___` is a line
/// to write on or a rule.
pub const MIN_RUN: usize = 3;

/// Whether `c` draws rules: the underscore, `=`, `~`, the hyphen (dashes are folded to it when
/// normalising) and the box-drawing horizontals `─ ━ ═`.
pub fn rule_char(c: char) -> bool {
    matches!(c, '_' | '=' | '~' | '-' | '─' | '━' | '═')
}

/// Whether the token at bytes `range` of `text` is one rule char in a run of at least
/// [`MIN_RUN`] of it (the chars around it in `text` counted, whatever tokens they are).
pub fn in_rule(text: &str, range: Range<usize>) -> bool {
    let mut cs = text[range.clone()].chars();
    let (Some(c), None) = (cs.next(), cs.next()) else {
        return false;
    };
    if !rule_char(c) {
        return false;
    }
    let before = text[..range.start]
        .chars()
        .rev()
        .take_while(|&x| x == c)
        .take(MIN_RUN - 1)
        .count();
    before + 1 >= MIN_RUN
        || before
            + 1
            + text[range.end..]
                .chars()
                .take_while(|&x| x == c)
                .take(MIN_RUN - 1)
                .count()
            >= MIN_RUN
}

/// What a token is to a rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A char of a rule ([`in_rule`]).
    Rule,
    /// White space (the terminal UI's diff keeps spaces as tokens; the aligner does not).
    Space,
    /// Anything else.
    Other,
}

/// The difference between tokens `ra` of one text (whose token `k` is of kind `a(k)`) and `rb`
/// of the other, once the rules at the ends of both sides (and the white space beside them) are
/// set aside: `None` when it is rules and white space alone, else what is left of it (the
/// whole, when neither side ends with a rule).
pub fn trim(
    ra: Range<usize>,
    rb: Range<usize>,
    a: impl Fn(usize) -> Kind,
    b: impl Fn(usize) -> Kind,
) -> Option<(Range<usize>, Range<usize>)> {
    let mut rule = false;
    let mut side = |r: Range<usize>, kind: &dyn Fn(usize) -> Kind| {
        let (mut s, mut e) = (r.start, r.end);
        while s < e && kind(s) != Kind::Other {
            rule |= kind(s) == Kind::Rule;
            s += 1;
        }
        while s < e && kind(e - 1) != Kind::Other {
            rule |= kind(e - 1) == Kind::Rule;
            e -= 1;
        }
        s..e
    };
    let (ta, tb) = (side(ra.clone(), &a), side(rb.clone(), &b));
    if !rule {
        // White space alone is no rule: the difference as it is.
        return Some((ra, rb));
    }
    // Words replaced by a rule (`retenue.` drawn as `----`) are a substitution: the side that
    // is rules alone then keeps them, so that the words are not reported as cut.
    let (ta, tb) = match (ta.is_empty(), tb.is_empty()) {
        (true, false) => (ra, tb),
        (false, true) => (ta, rb),
        _ => (ta, tb),
    };
    (!ta.is_empty() || !tb.is_empty()).then_some((ta, tb))
}

/// Differences found by a diff (pairs of token ranges of one text, `a`, and of the other, `b`,
/// in order, with whether they differ), once rules are set aside ([`trim`]): the same tokens
/// covered, a difference split into the rules at its start (`false`), what is left of it
/// (`true`) and the rules at its end (`false`).
pub fn set_aside(
    pieces: Vec<(Range<usize>, Range<usize>, bool)>,
    a: impl Fn(usize) -> Kind,
    b: impl Fn(usize) -> Kind,
) -> Vec<(Range<usize>, Range<usize>, bool)> {
    let mut out = Vec::with_capacity(pieces.len());
    for (ra, rb, changed) in pieces {
        if !changed {
            out.push((ra, rb, false));
            continue;
        }
        match trim(ra.clone(), rb.clone(), &a, &b) {
            None => out.push((ra, rb, false)),
            Some((ta, tb)) => {
                if ra.start < ta.start || rb.start < tb.start {
                    out.push((ra.start..ta.start, rb.start..tb.start, false));
                }
                let (ea, eb) = (ta.end, tb.end);
                out.push((ta, tb, true));
                if ea < ra.end || eb < rb.end {
                    out.push((ea..ra.end, eb..rb.end, false));
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A text's tokens as the aligner cuts them: words, and other chars one by one.
    fn toks(text: &str) -> Vec<Range<usize>> {
        let mut out = Vec::new();
        let mut word: Option<usize> = None;
        for (i, c) in text.char_indices() {
            if c.is_alphanumeric() {
                word.get_or_insert(i);
                continue;
            }
            if let Some(s) = word.take() {
                out.push(s..i);
            }
            if !c.is_whitespace() {
                out.push(i..i + c.len_utf8());
            }
        }
        if let Some(s) = word {
            out.push(s..text.len());
        }
        out
    }

    fn kinds(text: &str) -> Vec<Kind> {
        toks(text)
            .into_iter()
            .map(|r| {
                if in_rule(text, r.clone()) {
                    Kind::Rule
                } else if text[r].trim().is_empty() {
                    Kind::Space
                } else {
                    Kind::Other
                }
            })
            .collect()
    }

    /// What is left of the whole of `a` against the whole of `b`, as the texts of both sides.
    fn left(a: &str, b: &str) -> Option<(String, String)> {
        let (ka, kb) = (kinds(a), kinds(b));
        let (ta, tb) = (toks(a), toks(b));
        let text = |t: &[Range<usize>], s: &str, r: Range<usize>| {
            t[r].iter()
                .map(|x| &s[x.clone()])
                .collect::<Vec<_>>()
                .join(" ")
        };
        trim(0..ka.len(), 0..kb.len(), |k| ka[k], |k| kb[k])
            .map(|(ra, rb)| (text(&ta, a, ra), text(&tb, b, rb)))
    }

    #[test]
    fn a_rule_is_three_of_one_rule_char_in_a_row() {
        let t = "a __ b ___ c -=- d ──── e ***";
        let rule: Vec<&str> = toks(t)
            .into_iter()
            .filter(|r| in_rule(t, r.clone()))
            .map(|r| &t[r])
            .collect();
        assert_eq!(rule, ["_", "_", "_", "─", "─", "─", "─"]);
        // The chars around a token count, at either end of the run.
        assert!(in_rule("x___", 1..2) && in_rule("x___", 3..4) && in_rule("x___", 2..3));
        assert!(!in_rule("x__y_", 1..2));
        for s in ["***", "•••", "...", "XXX", "…"] {
            assert!(!toks(s).into_iter().any(|r| in_rule(s, r)), "{s}");
        }
    }

    #[test]
    fn rules_alone_left_out_or_redrawn_are_no_difference() {
        let rule = "________________________________________";
        assert_eq!(left(rule, ""), None);
        assert_eq!(left("", rule), None);
        assert_eq!(left(rule, "==========="), None);
        assert_eq!(left(rule, "━━━━━ ───"), None);
        assert_eq!(left("--- ~~~", rule), None);
    }

    #[test]
    fn words_beside_rules_stay_a_difference() {
        let rule = "________";
        assert_eq!(
            left(&format!("{rule} CASSE {rule}"), "REJETTE"),
            Some(("CASSE".into(), "REJETTE".into()))
        );
        assert_eq!(
            left(&format!("{rule} Note"), ""),
            Some(("Note".into(), String::new()))
        );
        // A rule inside a difference stays in it.
        assert_eq!(
            left(&format!("CASSE {rule} ANNULE"), "REJETTE"),
            Some((
                format!("CASSE {} ANNULE", "_ ".repeat(8).trim()),
                "REJETTE".into()
            ))
        );
        // Masking and elision signs, and short runs, are no rules.
        assert_eq!(left("***", ""), Some(("* * *".into(), String::new())));
        assert_eq!(left("...", ""), Some((". . .".into(), String::new())));
        assert_eq!(left("__", ""), Some(("_ _".into(), String::new())));
    }

    #[test]
    fn pieces_cover_the_same_tokens() {
        // `a`: `x ___ y ___`, `b`: `x z`; one difference, tokens 1..8 of `a` and 1..2 of `b`.
        let a = [
            Kind::Other,
            Kind::Rule,
            Kind::Rule,
            Kind::Rule,
            Kind::Other,
            Kind::Rule,
            Kind::Rule,
            Kind::Rule,
        ];
        let b = [Kind::Other, Kind::Other];
        assert_eq!(
            set_aside(vec![(1..8, 1..2, true)], |k| a[k], |k| b[k]),
            vec![(1..4, 1..1, false), (4..5, 1..2, true), (5..8, 2..2, false)]
        );
        // Rules alone: the difference kept, as no difference.
        assert_eq!(
            set_aside(vec![(5..8, 2..2, true)], |k| a[k], |k| b[k]),
            vec![(5..8, 2..2, false)]
        );
        // White space alone, without rules, stays a difference.
        let s = [Kind::Space, Kind::Space];
        assert_eq!(
            set_aside(vec![(0..1, 0..1, true)], |k| s[k], |k| s[k]),
            vec![(0..1, 0..1, true)]
        );
    }
}
