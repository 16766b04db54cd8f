//! Folding helpers shared by the identification parsers: lower case, no diacritics, plain
//! apostrophes, and a "words" form where every run of non-alphanumeric characters is one space.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Lower case, diacritics removed (`é` → `e`), ligatures split (`œ` → `oe`), typographic
/// apostrophes made plain, exotic spaces made ordinary spaces. Keeps punctuation.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.nfd() {
        if is_combining_mark(c) {
            continue;
        }
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
    out
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
