//! Folding helpers shared by the identification parsers: lower case, no diacritics, plain
//! apostrophes, and a "words" form where every run of non-alphanumeric characters is one space.

use unicode_normalization::char::{decompose_canonical, is_combining_mark};

/// Lower case, diacritics removed (`é` → `e`), ligatures split (`œ` → `oe`), typographic
/// apostrophes made plain, exotic spaces made ordinary spaces. Keeps punctuation.
///
/// Each char is decomposed on its own rather than the text put through NFD: NFD also reorders
/// the combining marks of a sequence, but marks are all dropped here, so the result is the same
/// (checked against NFD by a test), and ASCII, most of an identification value, skips the tables.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_ascii() {
            fold_char(c, &mut out);
        } else {
            decompose_canonical(c, |d| {
                if !is_combining_mark(d) {
                    fold_char(d, &mut out);
                }
            });
        }
    }
    out
}

/// [`fold`] of one char that is not a combining mark, after canonical decomposition.
#[inline]
fn fold_char(c: char, out: &mut String) {
    match c {
        'œ' | 'Œ' => out.push_str("oe"),
        'æ' | 'Æ' => out.push_str("ae"),
        '’' | '‘' | 'ʼ' | '′' | '`' | '´' => out.push('\''),
        '\u{a0}' | '\u{202f}' | '\u{2009}' | '\u{2007}' => out.push(' '),
        '–' | '—' | '‑' | '−' => out.push('-'),
        c if c.is_ascii() => out.push(c.to_ascii_lowercase()),
        c => out.extend(c.to_lowercase()),
    }
}

/// [`fold`], then every run of characters that are neither letters nor digits made one space,
/// ends trimmed: `Cour d’appel d'Aix-en-Provence` → `cour d appel d aix en provence`.
pub fn words(s: &str) -> String {
    let folded = fold(s);
    let mut out = String::with_capacity(folded.len());
    let mut pending = false;
    for c in folded.chars() {
        if c.is_alphanumeric() {
            if pending && !out.is_empty() {
                out.push(' ');
            }
            pending = false;
            out.push(c);
        } else {
            pending = true;
        }
    }
    out
}

/// Remembers, per thread, what a parser made of a value. Identification values come from a short
/// list of spellings (`cr`, `Chambre criminelle`, `CIV. 2`, `Cour de cassation`…) repeated on
/// every record, and the parsers behind them run regular expressions with captures. The memo
/// keeps values of up to `LONGEST` bytes and forgets everything when it holds `CAP` of them, so
/// it stays small (about a megabyte) whatever the corpus.
pub(crate) fn memoized<T: Clone + 'static>(
    memo: &'static std::thread::LocalKey<
        std::cell::RefCell<std::collections::HashMap<Box<str>, T>>,
    >,
    value: &str,
    parse: impl FnOnce(&str) -> T,
) -> T {
    const CAP: usize = 4096;
    // Long values are not the repeated spellings the memo is for, and would make it large.
    const LONGEST: usize = 256;
    if value.len() > LONGEST {
        return parse(value);
    }
    if let Some(v) = memo.with(|m| m.borrow().get(value).cloned()) {
        return v;
    }
    let v = parse(value);
    memo.with(|m| {
        let mut m = m.borrow_mut();
        if m.len() >= CAP {
            m.clear();
        }
        m.insert(value.into(), v.clone());
    });
    v
}

#[cfg(test)]
mod tests {

    thread_local! {
        static MEMO: std::cell::RefCell<std::collections::HashMap<Box<str>, usize>> =
            Default::default();
    }

    /// The text put through NFD as a whole, then folded char by char: what [`super::fold`]
    /// must give.
    fn fold_through_nfd(s: &str) -> String {
        use unicode_normalization::UnicodeNormalization;
        let mut out = String::new();
        for c in s.nfd() {
            if !unicode_normalization::char::is_combining_mark(c) {
                super::fold_char(c, &mut out);
            }
        }
        out
    }

    #[test]
    fn folding_char_by_char_agrees_with_nfd() {
        for s in [
            "Chambre commerciale, financière et économique",
            "Cour d’appel d'Aix-en-Provence",
            "CŒUR ÆTHER Ǖ ǅ ﬁ Å Å ẞ İ",
            "e\u{301}\u{327} e\u{327}\u{301} a\u{30a}\u{301}\u{323}",
            "`5 déc. 2023`\u{a0}–\u{202f}‑",
        ] {
            assert_eq!(super::fold(s), fold_through_nfd(s), "{s:?}");
        }
        // Every char of the Basic Multilingual Plane, alone and between a letter and a mark.
        for c in (0..0x1_0000u32).filter_map(char::from_u32) {
            for s in [
                c.to_string(),
                format!("a{c}\u{301}b"),
                format!("{c}\u{327}\u{301}"),
            ] {
                assert_eq!(super::fold(&s), fold_through_nfd(&s), "{:?}", s);
            }
        }
    }

    #[test]
    fn the_memo_keeps_short_values_only() {
        let len = |v: &str| super::memoized(&MEMO, v, str::len);
        assert_eq!(len("Chambre criminelle"), 18);
        assert_eq!(len("Chambre criminelle"), 18);
        let long = "x".repeat(100 << 10);
        assert_eq!(len(&long), 100 << 10);
        // The short value is remembered; the long one, however often seen, is not.
        assert_eq!(len(&long), 100 << 10);
        MEMO.with(|m| {
            let m = m.borrow();
            assert_eq!(m.len(), 1);
            assert!(m.contains_key("Chambre criminelle"));
        });
    }

    use super::*;

    #[test]
    fn folds_accents_case_and_apostrophes() {
        assert_eq!(fold("Décembre ÉTÉ Œuvre"), "decembre ete oeuvre");
        assert_eq!(fold("Cour d’appel"), "cour d'appel");
        assert_eq!(
            words("Cour d’appel d'Aix-en-Provence"),
            "cour d appel d aix en provence"
        );
        assert_eq!(words("  CHAMBRE_CIVILE_1 "), "chambre civile 1");
        assert_eq!(words("FS-P+B"), "fs p b");
    }
}
