//! Folding helpers shared by the identification parsers: lower case, no diacritics, plain
//! apostrophes, and a "words" form where every run of non-alphanumeric characters is one space.

use crate::text::normalize::is_invisible;
use std::borrow::Cow;
use unicode_normalization::char::{decompose_canonical, is_combining_mark};

/// Lower case, diacritics removed (`é` → `e`), ligatures split (`œ` → `oe`), typographic
/// apostrophes made plain, exotic spaces made ordinary spaces, the invisible format characters
/// the text normalisation drops dropped too (`Pa\u{ad}ris` is `paris`, see
/// [`is_invisible`]). Keeps punctuation.
///
/// Each char is decomposed on its own rather than the text put through NFD: NFD also reorders
/// the combining marks of a sequence, but marks are all dropped here, so the result is the same
/// (checked against NFD by a test), and ASCII, most of an identification value, skips the tables.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_ascii() {
            fold_char(c, &mut out);
        } else if is_invisible(c) {
        } else if let Some(d) = other_digit(c) {
            out.push(char::from(b'0' + d));
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

/// The first digit, zero, of each run of ten decimal digits (Unicode general category Nd)
/// other than ASCII's: Arabic-Indic `٠`, extended Arabic-Indic `۰`, Devanagari `०`, …,
/// full-width `０`, mathematical `𝟎`. Unicode allots the decimal digits of a script in one run
/// from 0 to 9 and never changes a digit's value (checked against the regular expression
/// engine's tables by a test).
const DIGIT_ZEROS: [u32; 75] = [
    0x660, 0x6F0, 0x7C0, 0x966, 0x9E6, 0xA66, 0xAE6, 0xB66, 0xBE6, 0xC66, 0xCE6, 0xD66, 0xDE6,
    0xE50, 0xED0, 0xF20, 0x1040, 0x1090, 0x17E0, 0x1810, 0x1946, 0x19D0, 0x1A80, 0x1A90, 0x1B50,
    0x1BB0, 0x1C40, 0x1C50, 0xA620, 0xA8D0, 0xA900, 0xA9D0, 0xA9F0, 0xAA50, 0xABF0, 0xFF10,
    0x104A0, 0x10D30, 0x10D40, 0x11066, 0x110F0, 0x11136, 0x111D0, 0x112F0, 0x11450, 0x114D0,
    0x11650, 0x116C0, 0x116D0, 0x116DA, 0x11730, 0x118E0, 0x11950, 0x11BF0, 0x11C50, 0x11D50,
    0x11DA0, 0x11F50, 0x16130, 0x16A60, 0x16AC0, 0x16B50, 0x16D70, 0x1CCF0, 0x1D7CE, 0x1D7D8,
    0x1D7E2, 0x1D7EC, 0x1D7F6, 0x1E140, 0x1E2F0, 0x1E4F0, 0x1E5F1, 0x1E950, 0x1FBF0,
];

/// The value of `c` as a decimal digit of a script other than ASCII (`٣`, `３`, `३` are 3).
#[inline]
pub fn other_digit(c: char) -> Option<u8> {
    let c = u32::from(c);
    if c < DIGIT_ZEROS[0] {
        return None;
    }
    let zero = DIGIT_ZEROS[DIGIT_ZEROS.partition_point(|&z| z <= c) - 1];
    u8::try_from(c - zero).ok().filter(|&d| d < 10)
}

/// The value of `c` as a decimal digit of any script.
#[inline]
pub fn digit_value(c: char) -> Option<u8> {
    if c.is_ascii_digit() {
        Some(c as u8 - b'0')
    } else {
        other_digit(c)
    }
}

/// `s` as an identification parser reads it: the invisible format characters the text
/// normalisation drops dropped (see [`is_invisible`]) and the decimal digits of every script
/// written in ASCII (`２０２３-１０-０３` is `2023-10-03`); borrowed when that changes nothing,
/// as for any ASCII value.
pub fn plain(s: &str) -> Cow<'_, str> {
    if s.is_ascii()
        || !s
            .chars()
            .any(|c| is_invisible(c) || other_digit(c).is_some())
    {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        s.chars()
            .filter(|&c| !is_invisible(c))
            .map(|c| other_digit(c).map_or(c, |d| char::from(b'0' + d)))
            .collect(),
    )
}

/// An identification field's value as vigie reads it for comparison: [`plain`], and its HTML
/// read as the text a page shows when it holds markup or entities (`Troisi&egrave;me chambre
/// civile` is `Troisième chambre civile`, `<b>Paris</b>` is `Paris`). The parsers and the check
/// of words of no identification read the same text. Borrowed when that changes nothing.
pub fn field_text(s: &str) -> Cow<'_, str> {
    let s = plain(s);
    if !s.contains(['&', '<']) {
        return s;
    }
    Cow::Owned(crate::text::normalize::normalize(&s, true))
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
            if let Some(d) = super::other_digit(c) {
                out.push(char::from(b'0' + d));
            } else if !unicode_normalization::char::is_combining_mark(c) && !is_invisible(c) {
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

    /// Every decimal digit Unicode knows (the regular expression engine's `\d`) is read as
    /// its value, and nothing else is a digit.
    #[test]
    fn digits_of_every_script_are_read() {
        let digit = regex::Regex::new(r"^\d$").unwrap();
        let mut count = 0;
        for c in (0..=0x10_ffffu32).filter_map(char::from_u32) {
            let mut buf = [0; 4];
            let unicode = digit.is_match(c.encode_utf8(&mut buf));
            assert_eq!(
                digit_value(c).is_some(),
                unicode,
                "{c:?} U+{:04X}",
                c as u32
            );
            if let Some(d) = digit_value(c) {
                count += 1;
                // Its value is its place in its run of ten (and `char::to_digit` for ASCII).
                let zero = char::from_u32(c as u32 - u32::from(d)).unwrap();
                assert_eq!(digit_value(zero), Some(0), "{c:?}");
                assert_eq!(c.to_digit(10).map(|v| v as u8), c.is_ascii().then_some(d));
            }
        }
        assert_eq!(count, 10 * (DIGIT_ZEROS.len() + 1));
        assert!(DIGIT_ZEROS.windows(2).all(|w| w[1] - w[0] >= 10));
        assert_eq!(fold("２０２３-１０-０３"), "2023-10-03");
        assert_eq!(fold("٩٩-٩٩.٩٩٩"), "99-99.999");
        assert_eq!(fold("۲۳-۸۰.۲۵۱ २३"), "23-80.251 23");
        assert_eq!(plain("n° ２３-８０.２５１"), "n° 23-80.251");
        assert_eq!(plain("Pa\u{200b}ris, ٣"), "Paris, 3");
        assert!(matches!(plain("Cour d'appel de Nîmes"), Cow::Borrowed(_)));
    }

    /// The invisible format characters the text normalisation drops are nothing in a value
    /// either: `Pa\u{200b}ris` is Paris, `Cour de cas\u{ad}sation` the Cour de cassation.
    #[test]
    fn invisible_chars_are_dropped() {
        for c in [
            '\u{ad}', '\u{200b}', '\u{200c}', '\u{200d}', '\u{2060}', '\u{feff}',
        ] {
            assert!(is_invisible(c));
            assert_eq!(fold(&format!("Pa{c}ris")), "paris");
            assert_eq!(
                words(&format!("{c}Cour de cas{c}sation{c}")),
                "cour de cassation"
            );
        }
    }
}
