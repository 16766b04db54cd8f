//! Where the sentences of a decision text end, for the comparison to tell words deleted from a
//! sentence the record keeps (an alteration) from sentences or paragraphs left out (a cut).
//!
//! A sentence of French court text ends:
//! - at `.`, `?` or `!` followed by the end of the text or by a word that does not start in lower
//!   case (`… légalement justifié. PAR CES MOTIFS`, `… susvisés. 9. Le moyen`), unless the `.`
//!   ends an abbreviation or an initial (`M.`, `Mme`, `art.`, `CIV. 2`, `R. 222-1`, `S. Edert`)
//!   or belongs to a run of dots (`X...`, the older pseudonymisation markers);
//! - at `;` followed by a word in capitals or a number, where one paragraph of a dispositif or a
//!   numbered paragraph ends and the next begins (`aux dépens ; En application de l'article
//!   700`), not at the `;` inside a sentence (`… résilié ; que le moyen …`);
//! - before a list item (`1°/ à M. [N]`, `2°) la société`);
//! - at a paragraph break of the text as read (a heading, `Cassation`, a dispositif's line):
//!   normalised text has none, so the caller tells them (see [`within_sentence`]).

/// Abbreviations (lower case) whose `.` ends no sentence; a letter alone (an initial, `L.`,
/// `R.`, `p.`) is one too.
const ABBREVIATIONS: &[&str] = &[
    "adj", "adm", "al", "alin", "anc", "art", "arts", "ass", "av", "bd", "bull", "c", "cass", "cf",
    "ch", "chap", "cit", "civ", "cod", "com", "cons", "const", "crim", "dr", "déc", "décr", "ex",
    "gal", "gén", "ibid", "jo", "jur", "me", "mes", "mlle", "mlles", "mm", "mme", "mmes", "n",
    "no", "nos", "nouv", "obs", "op", "ord", "p", "plén", "pp", "pr", "proc", "préc", "prés",
    "pén", "req", "sect", "soc", "ss", "st", "ste", "sté", "subst", "trib", "vol", "éd",
];

/// Whether the `.`, `?`, `!` or `;` at byte `p` of the normalised text `text` ends a sentence.
pub fn ends_sentence(text: &str, p: usize) -> bool {
    let bytes = text.as_bytes();
    match bytes.get(p) {
        Some(b'.') => {
            if (p > 0 && bytes[p - 1] == b'.') || bytes.get(p + 1) == Some(&b'.') {
                // `X...`, `IIS...`, `etc...`: markers and ellipses end nothing.
                return false;
            }
            let before = &text[..p];
            let word_len: usize = before
                .chars()
                .rev()
                .take_while(|c| c.is_alphanumeric())
                .map(char::len_utf8)
                .sum();
            let word = &before[before.len() - word_len..];
            if !word.is_empty() && !word.bytes().all(|b| b.is_ascii_digit()) {
                let lower = word.to_lowercase();
                if word.chars().count() == 1 || ABBREVIATIONS.binary_search(&&*lower).is_ok() {
                    return false;
                }
            }
            next_starts_sentence(text, p + 1)
        }
        Some(b'?' | b'!') => next_starts_sentence(text, p + 1),
        Some(b';') => text[p + 1..]
            .strip_prefix(' ')
            .and_then(|rest| rest.chars().next())
            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit()),
        _ => false,
    }
}

/// Whether what follows a full stop at byte `q` (past the quotes or parentheses it closes)
/// starts a sentence: the end of the text, or a space and a char that neither starts in lower
/// case nor continues the sentence (`,`, `;`, `:`, `)`).
fn next_starts_sentence(text: &str, q: usize) -> bool {
    let rest = text[q..].trim_start_matches(['"', ')']);
    if rest.is_empty() {
        return true;
    }
    let Some(rest) = rest.strip_prefix(' ') else {
        return false;
    };
    rest.chars()
        .next()
        .is_none_or(|c| !c.is_lowercase() && !matches!(c, ',' | ';' | ':' | ')' | '.'))
}

/// Whether a list item starts at byte `n` of `text`: a number of up to three digits, `°`, and
/// `/` or `)` (`1°/`, `2° /`, `3°)`), at the start of a word.
pub fn starts_item(text: &str, n: usize) -> bool {
    let bytes = text.as_bytes();
    if n > 0 && bytes[n - 1].is_ascii_alphanumeric() {
        return false;
    }
    let digits = bytes[n..].iter().take_while(|b| b.is_ascii_digit()).count();
    if !(1..=3).contains(&digits) {
        return false;
    }
    let Some(rest) = text[n + digits..].strip_prefix('°') else {
        return false;
    };
    let rest = rest.strip_prefix(' ').unwrap_or(rest);
    rest.starts_with(['/', ')'])
}

/// Whether the bytes `gap` of the normalised text `text` (whole tokens, not empty) lie inside
/// one sentence with words of it on both sides: text before and after the gap, no sentence end
/// from the last char before the gap to the gap's last char, and no list item starting in the
/// gap or right after it. `line_break(a, b)` tells whether the text as read breaks a paragraph
/// between the chars at bytes `a` (the last before the gap) and `b` (the first after it).
pub fn within_sentence(
    text: &str,
    gap: std::ops::Range<usize>,
    line_break: impl FnOnce(usize, usize) -> bool,
) -> bool {
    let (s, e) = (gap.start, gap.end);
    let before = text[..s].trim_end_matches(' ');
    let Some(last) = before.chars().next_back() else {
        return false;
    };
    let left = before.len() - last.len_utf8();
    let right = e + (text[e..].len() - text[e..].trim_start_matches(' ').len());
    if right >= text.len() {
        return false;
    }
    let ends = text.as_bytes()[left..e]
        .iter()
        .enumerate()
        .any(|(i, b)| matches!(b, b'.' | b'?' | b'!' | b';') && ends_sentence(text, left + i));
    if ends {
        return false;
    }
    // A list item's number starts a word in the gap or right after it.
    let item = text.as_bytes()[s..=right]
        .iter()
        .enumerate()
        .any(|(i, b)| b.is_ascii_digit() && starts_item(text, s + i));
    !item && !line_break(left, right)
}

/// Whether the bytes `gap` of the normalised text `text` (whole tokens, not empty) are whole
/// sentences or paragraphs, or all of the text before or after some point: the text's start or
/// its end (but for punctuation) is theirs; or before them, the end of a sentence, and after
/// them, their last token ending a sentence (the end mark is theirs: a record that keeps the
/// `;` or `.` of a sentence and replaces the words before it rewrote the sentence) or a list
/// item. `breaks_before` and `breaks_after` tell whether the
/// text as read breaks a paragraph right before the gap and right after it (asked last: they
/// read the text's map).
pub fn whole_sentences(
    text: &str,
    gap: std::ops::Range<usize>,
    breaks_before: impl FnOnce() -> bool,
    breaks_after: impl FnOnce() -> bool,
) -> bool {
    let (s, e) = (gap.start, gap.end);
    let before = text[..s].trim_end_matches(' ');
    // The gap runs to the text's end (but for punctuation), or from its start: whatever the
    // rest, all that follows, or all that precedes, is gone.
    let to_end = !text[e..].chars().any(char::is_alphanumeric);
    let Some(c) = before.chars().next_back() else {
        return true;
    };
    if to_end {
        return true;
    }
    let starts = starts_item(text, s)
        || (matches!(c, '.' | '?' | '!' | ';') && ends_sentence(text, before.len() - 1))
        || breaks_before();
    if !starts {
        return false;
    }
    let right = e + (text[e..].len() - text[e..].trim_start_matches(' ').len());
    (e > s
        && matches!(text.as_bytes()[e - 1], b'.' | b'?' | b'!' | b';')
        && ends_sentence(text, e - 1))
        || (right < text.len() && starts_item(text, right))
        || breaks_after()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn abbreviations_are_sorted_for_the_binary_search() {
        assert!(ABBREVIATIONS.is_sorted());
    }

    fn ends_at(text: &str, mark: &str) -> bool {
        ends_sentence(text, text.find(mark).unwrap())
    }

    #[test]
    fn full_stops_end_sentences_but_abbreviations_and_initials() {
        // From real decisions (data/dila-cass, the review's cases).
        assert!(ends_at("a violé les textes susvisés. PAR CES MOTIFS", "."));
        assert!(ends_at("ont relevé appel. 2. Par ordonnance", "."));
        assert!(ends_at("(Paris, 2 mars 2022). Le dossier", "."));
        assert!(ends_at("deux mille vingt-trois.", "."));
        assert!(ends_at("MM. IIS... et Y... . PREMIER MOYEN", ". P"));
        assert!(ends_at("est \"nul.\" Le moyen", "."));
        for (text, mark) in [
            ("par Mme Martinel et M. Dupont", "M."),
            ("CIV. 2 LM", "."),
            ("l'article R. 222-1 du code", "."),
            ("signé S. Edert. La République", "."),
            ("Cass. civ. 2e", "."),
            ("le pourvoi n° 20-23.523 contre", "."),
            ("MM. IIS... et Y...", "..."),
            ("des frais, etc. et des dépens", "."),
        ] {
            assert!(!ends_at(text, mark), "{text}");
        }
    }

    #[test]
    fn a_semicolon_ends_a_paragraph_only_before_a_capital_or_a_number() {
        assert!(ends_at("aux dépens ; En application de l'article 700", ";"));
        assert!(ends_at("l'arrêt attaqué ; 6. Il résulte", ";"));
        assert!(!ends_at("le bail était résilié ; que le moyen", ";"));
    }

    #[test]
    fn list_items_start_at_their_number() {
        let t = "dans le litige l'opposant : 1°/ à M. [N] [M], 2° / au comité, 3°) la société";
        for item in ["1°/", "2° /", "3°)"] {
            assert!(starts_item(t, t.find(item).unwrap()), "{item}");
        }
        assert!(!starts_item("le 1° de l'article", 3));
        assert!(!starts_item("art12°/", 3));
    }

    fn whole(text: &str, gap: &str) -> bool {
        let s = text.find(gap).unwrap();
        whole_sentences(text, s..s + gap.len(), || false, || false)
    }

    #[test]
    fn whole_sentences_start_and_end_at_sentence_ends() {
        let t = "un moyen unique de cassation. Le dossier a été communiqué au procureur général. \
                 Sur le rapport de Mme Dudit, la Cour : REJETTE le pourvoi ; Condamne la société \
                 aux dépens. Ainsi fait et jugé.";
        for gap in [
            "Le dossier a été communiqué au procureur général.",
            "un moyen unique de cassation.",
            // To the end of the text, but for its last full stop, from anywhere; from the
            // start of the text, to anywhere.
            "Ainsi fait et jugé",
            "et jugé",
            "un moyen unique de",
        ] {
            assert!(whole(t, gap), "{gap}");
        }
        for gap in [
            // The record keeps the `;` that ends the sentence: the words before it rewritten.
            "REJETTE le pourvoi",
            // Mid-sentence starts and ends.
            "dossier a été communiqué",
            "Le dossier a été communiqué",
            "communiqué au procureur général.",
        ] {
            assert!(!whole(t, gap), "{gap}");
        }
        // A paragraph break of the text as read before or after (`la Cour :` ends a line of
        // the real decision).
        let s = t.find("REJETTE").unwrap();
        let line = "REJETTE le pourvoi ;".len();
        assert!(!whole_sentences(t, s..s + line, || false, || false));
        assert!(whole_sentences(t, s..s + line, || true, || false));
        assert!(!whole_sentences(t, s..s + 7, || true, || false));
        assert!(whole_sentences(t, s..s + 7, || true, || true));
    }

    fn inside(text: &str, gap: &str) -> bool {
        let s = text.find(gap).unwrap();
        within_sentence(text, s..s + gap.len(), |_, _| false)
    }

    /// Both sides of the boundary, on the words of real decisions.
    #[test]
    fn a_gap_inside_a_sentence_and_one_across_sentences() {
        let t = "l'arrêt retient que la pension d'invalidité n'ayant pas été suspendue avant \
                 le passage en invalidité de deuxième catégorie. 9. Le moyen n'est donc pas \
                 fondé. PAR CES MOTIFS, la Cour : CASSE ET ANNULE, mais seulement en ce que, \
                 d'une part, il infirme le jugement ; Condamne M. [K] aux dépens ; En \
                 application de l'article 700, rejette les demandes.";
        for gap in ["n'", "pas", "mais seulement en ce que,", "M.", "Cour"] {
            assert!(inside(t, gap), "{gap}");
        }
        for gap in [
            // A whole sentence, and the numbered paragraph with it.
            "9. Le moyen n'est donc pas fondé.",
            "Le moyen n'est donc pas fondé.",
            // Across the end of a sentence.
            "catégorie. 9",
            // A paragraph of the dispositif, after a `;` that ends one.
            "En application de l'article 700, rejette les demandes",
            // Words of the first sentence: nothing before them.
            "l'arrêt retient",
            // The last words: nothing after.
            "les demandes.",
        ] {
            assert!(!inside(t, gap), "{gap}");
        }
        // A `;` inside a sentence is no end.
        assert!(inside(
            "le bail était résilié ; que le moyen n'est pas fondé ; que",
            "le moyen"
        ));
        // A list item left out, or one whose number is right after the gap.
        let t =
            "l'opposant : 1°/ à M. [N], domicilié [Adresse 2], 2°/ au comité social, défendeurs";
        assert!(!inside(t, "1°/ à M. [N], domicilié [Adresse 2],"));
        assert!(!inside(t, "domicilié [Adresse 2],"));
        assert!(inside(t, "domicilié"));
        // A paragraph break of the text as read, told by the caller.
        let t = "Audience publique du 16 novembre 2023 Cassation Mme MARTINEL, président";
        let s = t.find("Cassation").unwrap();
        assert!(within_sentence(t, s..s + 9, |_, _| false));
        assert!(!within_sentence(t, s..s + 9, |_, _| true));
    }
}
