//! Pseudonymisation markers: Judilibre's (`[K]`, `[Adresse 1]`…), DILA's older style
//! (`M. O... IIS...`, `[...]`), the administrative initials (`Mme C... A... B...`) and what
//! reusers use to mask (`[…]`, `***`, `█`, `X...`, `[nom]`).
//!
//! The scan is driven by an Aho-Corasick automaton over the few literals a marker can contain
//! (`[`, `...`, `…`, `XXX`, `***`, block characters); nothing else of the text is looked at.

use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, Input, MatchKind};

/// The kind of a marker.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MarkerKind {
    /// `[K]`, `[AB]`: a person's name or first name.
    Letter,
    /// `[Adresse 1]`, `[Localité 2]`, `[Date naissance 1]`, `[N° SIREN/SIRET 1]`, `[1]`…
    Labelled,
    /// `[...]`, `[…]`.
    Ellipsis,
    /// `O... IIS...`, `C... A... B...`: initials followed by dots.
    Initials,
    /// `XXX`, `[XXXXXXXX01]`.
    Xs,
    /// `***`, `█`, `[nom]`, `X...`: what reusers use to mask.
    Reuser,
}

/// One marker found in a text; `start..end` are byte offsets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Marker {
    pub start: usize,
    pub end: usize,
    pub kind: MarkerKind,
}

/// The literals that start (or, for initials, end) a marker.
const TRIGGERS: &[&str] = &["[", "...", "…", "XXX", "***", "█", "■", "▇", "▓"];

static TRIGGER_AC: LazyLock<AhoCorasick> = LazyLock::new(|| {
    AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostFirst)
        .build(TRIGGERS)
        .expect("marker triggers compile")
});

/// Longest bracket content looked at (`[N° SIREN/SIRET 12]` is 19 bytes).
const MAX_BRACKET: usize = 48;

/// Words a reuser writes in brackets in place of what they masked (compared lower-cased,
/// trailing numbers removed): `[nom]`, `[Prénom 2]`, `[adresse]`, `[anonymisé]`…
const REUSER_WORDS: &[&str] = &[
    "nom",
    "noms",
    "prénom",
    "prénoms",
    "prenom",
    "prenoms",
    "nom prénom",
    "prénom nom",
    "nom et prénom",
    "nom de famille",
    "patronyme",
    "adresse",
    "domicile",
    "ville",
    "localité",
    "commune",
    "lieu",
    "date",
    "date de naissance",
    "naissance",
    "téléphone",
    "telephone",
    "tél",
    "tel",
    "email",
    "e-mail",
    "mail",
    "courriel",
    "identifiant",
    "immatriculation",
    "plaque",
    "iban",
    "rib",
    "numéro",
    "société",
    "entreprise",
    "personne",
    "personne physique",
    "particulier",
    "partie",
    "anonyme",
    "anonymisé",
    "anonymisée",
    "anonymisation",
    "occulté",
    "occultée",
    "occultés",
    "occultées",
    "occultation",
    "masqué",
    "masquée",
    "masqués",
    "caviardé",
    "caviardée",
    "supprimé",
    "supprimée",
    "retiré",
    "confidentiel",
    "nom occulté",
    "nom masqué",
    "nom anonymisé",
    "donnée occultée",
    "données occultées",
    "donnée masquée",
    "information occultée",
    "mention occultée",
    "x",
    "xx",
    "xxx",
];

/// Every pseudonymisation marker in `text`, in order, not overlapping.
pub fn find_markers(text: &str) -> Vec<Marker> {
    let mut out = Vec::new();
    for_each_marker(text, |m| out.push(m));
    out
}

/// Whether the whole of `token` (surrounding white space ignored) is one marker.
pub fn is_marker(token: &str) -> bool {
    let t = token.trim();
    if t.is_empty() {
        return false;
    }
    let mut found = None;
    let mut count = 0;
    for_each_marker(t, |m| {
        count += 1;
        found = Some(m);
    });
    matches!(found, Some(m) if count == 1 && m.start == 0 && m.end == t.len())
}

/// Calls `f` with every marker of `text`, in order, not overlapping. Allocates nothing.
pub fn for_each_marker(text: &str, mut f: impl FnMut(Marker)) {
    let bytes = text.as_bytes();
    let mut pos = 0;
    // End of the last marker reported: a marker found by looking backwards (initials) must not
    // start before it.
    let mut last_end = 0;
    while pos < bytes.len() {
        let Some(m) = TRIGGER_AC.find(Input::new(text).span(pos..text.len())) else {
            break;
        };
        let (s, e) = (m.start(), m.end());
        let found = match &bytes[s] {
            b'[' => bracket_marker(text, s),
            b'.' => initials_marker(bytes, s, e, last_end),
            b'X' => xs_marker(bytes, s),
            b'*' => run_marker(bytes, s, b"*"),
            0xE2 => {
                // `…` (E2 80 A6) or a block character (E2 96 xx).
                if &bytes[s..e] == "…".as_bytes() {
                    initials_marker(bytes, s, e, last_end)
                } else {
                    block_marker(text, s)
                }
            }
            _ => None,
        };
        match found {
            Some(mk) => {
                f(mk);
                last_end = mk.end;
                pos = mk.end;
            }
            None => pos = s + 1,
        }
        // Stay on a char boundary.
        while pos < bytes.len() && !text.is_char_boundary(pos) {
            pos += 1;
        }
    }
}

fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b >= 0x80
}

/// The char that ends just before byte `i`, if any.
fn char_before(text: &str, i: usize) -> Option<char> {
    text[..i].chars().next_back()
}

/// `[` at `s`: a bracketed marker, or `None` for an editorial bracket (`[sic]`, `[L]a cour`).
fn bracket_marker(text: &str, s: usize) -> Option<Marker> {
    let bytes = text.as_bytes();
    let limit = (s + 1 + MAX_BRACKET).min(bytes.len());
    let close = memchr::memchr(b']', &bytes[s + 1..limit])? + s + 1;
    let inner = &text[s + 1..close];
    if inner.contains(['[', '\n', '\r']) {
        return None;
    }
    let end = close + 1;
    let kind = classify_bracket(inner)?;
    if kind == MarkerKind::Letter {
        // `[L]a cour`, `l[a]`: a letter completed by the word around it is an editorial change
        // of case, not a marker.
        let next_is_letter = text[end..].chars().next().is_some_and(char::is_alphabetic);
        let prev_is_letter = char_before(text, s).is_some_and(char::is_alphabetic);
        if next_is_letter || prev_is_letter {
            return None;
        }
    }
    Some(Marker {
        start: s,
        end,
        kind,
    })
}

fn classify_bracket(inner: &str) -> Option<MarkerKind> {
    let t = inner.trim();
    if t.is_empty() {
        return None;
    }
    let b = t.as_bytes();
    // `[...]`, `[…]`, `[. . .]`
    if t.chars().all(|c| c == '.' || c == '…' || c == ' ') && (t.contains('…') || b.len() >= 3)
    {
        return Some(MarkerKind::Ellipsis);
    }
    // `[K]`, `[AB]`
    if b.len() <= 3 && b.iter().all(u8::is_ascii_uppercase) {
        return Some(MarkerKind::Letter);
    }
    // `[1]`: a company.
    if b.len() <= 4 && b.iter().all(u8::is_ascii_digit) {
        return Some(MarkerKind::Labelled);
    }
    // `[XXXXXXXX01]`
    let xs = b.iter().take_while(|&&c| c == b'X').count();
    if xs >= 3 && b[xs..].iter().all(u8::is_ascii_digit) {
        return Some(MarkerKind::Xs);
    }
    // `[***]`, `[███]`, `[xxx]`
    if t.chars()
        .all(|c| matches!(c, '*' | '█' | '■' | '▇' | '▓' | 'x' | 'X' | ' '))
    {
        return Some(MarkerKind::Reuser);
    }
    // Judilibre's labels: `[Adresse 1]`, `[Date naissance 2]`, `[N° SIREN/SIRET 1]`.
    if let Some(sp) = t.rfind(' ') {
        let (label, num) = (&t[..sp], &t[sp + 1..]);
        if !num.is_empty()
            && num.len() <= 4
            && num.bytes().all(|c| c.is_ascii_digit())
            && label.chars().next().is_some_and(char::is_uppercase)
            && label
                .chars()
                .all(|c| c.is_alphabetic() || matches!(c, ' ' | '°' | '/' | '\'' | '’' | '-'))
        {
            return Some(MarkerKind::Labelled);
        }
    }
    // What reusers write: `[nom]`, `[Prénom 2]`, `[anonymisé]`.
    let word = t.trim_end_matches(|c: char| c.is_ascii_digit() || c == ' ');
    if word.len() <= 24 {
        let mut buf = [0u8; 96];
        let lower = lowercase_into(word, &mut buf)?;
        if REUSER_WORDS.contains(&lower) {
            return Some(MarkerKind::Reuser);
        }
    }
    None
}

/// Lower-cases `s` into `buf` without allocating; `None` when it does not fit.
fn lowercase_into<'a>(s: &str, buf: &'a mut [u8]) -> Option<&'a str> {
    let mut n = 0;
    for c in s.chars().flat_map(char::to_lowercase) {
        let len = c.len_utf8();
        if n + len > buf.len() {
            return None;
        }
        c.encode_utf8(&mut buf[n..n + len]);
        n += len;
    }
    std::str::from_utf8(&buf[..n]).ok()
}

/// `...` or `…` at `s..e`: initials `O...`, `IIS...`, `X...` just before it.
fn initials_marker(bytes: &[u8], s: usize, e: usize, last_end: usize) -> Option<Marker> {
    let mut i = s;
    while i > last_end && i > 0 && bytes[i - 1].is_ascii_uppercase() && s - i < 4 {
        i -= 1;
    }
    if i == s {
        return None;
    }
    if i > 0 && (is_word_byte(bytes[i - 1]) || bytes[i - 1] == b'.') {
        return None;
    }
    if i < last_end {
        return None;
    }
    let kind = if &bytes[i..s] == b"X" {
        MarkerKind::Reuser
    } else {
        MarkerKind::Initials
    };
    Some(Marker {
        start: i,
        end: e,
        kind,
    })
}

/// `XXX` at `s`: a run of at least three `X` standing alone, optionally followed by digits
/// (`XXXXXXXX01`).
fn xs_marker(bytes: &[u8], s: usize) -> Option<Marker> {
    if s > 0 && is_word_byte(bytes[s - 1]) {
        return None;
    }
    let mut e = s;
    while e < bytes.len() && bytes[e] == b'X' {
        e += 1;
    }
    while e < bytes.len() && bytes[e].is_ascii_digit() {
        e += 1;
    }
    if e < bytes.len() && is_word_byte(bytes[e]) {
        return None;
    }
    Some(Marker {
        start: s,
        end: e,
        kind: MarkerKind::Xs,
    })
}

/// A run of at least three copies of `unit` at `s`.
fn run_marker(bytes: &[u8], s: usize, unit: &[u8]) -> Option<Marker> {
    let mut e = s;
    let mut n = 0;
    while bytes[e..].starts_with(unit) {
        e += unit.len();
        n += 1;
    }
    (n >= 3).then_some(Marker {
        start: s,
        end: e,
        kind: MarkerKind::Reuser,
    })
}

/// A run of block characters (`█`, `■`…) at `s`, single spaces inside the run included.
fn block_marker(text: &str, s: usize) -> Option<Marker> {
    let is_block = |c: char| matches!(c, '█' | '■' | '▇' | '▓');
    let mut end = s;
    let mut it = text[s..].char_indices().peekable();
    while let Some((i, c)) = it.next() {
        if is_block(c) {
            end = s + i + c.len_utf8();
        } else if c == ' ' && it.peek().is_some_and(|&(_, n)| is_block(n)) {
            continue;
        } else {
            break;
        }
    }
    (end > s).then_some(Marker {
        start: s,
        end,
        kind: MarkerKind::Reuser,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(text: &str) -> Vec<(&str, MarkerKind)> {
        find_markers(text)
            .into_iter()
            .map(|m| (&text[m.start..m.end], m.kind))
            .collect()
    }

    #[test]
    fn judilibre_markers() {
        use MarkerKind::*;
        let t = "M. [K] [C], né le [Date naissance 1] à [Localité 2], demeurant [Adresse 1], \
                 la société [1], [N° SIREN/SIRET 3], [Courriel 1], [Immatriculation 2], \
                 [XXXXXXXX01] et XXX, M. [AB]";
        assert_eq!(
            spans(t),
            vec![
                ("[K]", Letter),
                ("[C]", Letter),
                ("[Date naissance 1]", Labelled),
                ("[Localité 2]", Labelled),
                ("[Adresse 1]", Labelled),
                ("[1]", Labelled),
                ("[N° SIREN/SIRET 3]", Labelled),
                ("[Courriel 1]", Labelled),
                ("[Immatriculation 2]", Labelled),
                ("[XXXXXXXX01]", Xs),
                ("XXX", Xs),
                ("[AB]", Letter),
            ]
        );
    }

    #[test]
    fn dila_and_administrative_initials() {
        use MarkerKind::*;
        assert_eq!(
            spans("2°/ M. O... IIS..., domicilié [...] ,"),
            vec![
                ("O...", Initials),
                ("IIS...", Initials),
                ("[...]", Ellipsis)
            ]
        );
        assert_eq!(
            spans("Mme C... A... B... demande au tribunal ; Mme A... B...."),
            vec![
                ("C...", Initials),
                ("A...", Initials),
                ("B...", Initials),
                ("A...", Initials),
                ("B...", Initials),
            ]
        );
    }

    #[test]
    fn reuser_masks() {
        use MarkerKind::*;
        assert_eq!(
            spans("M. X... et Mme *** ou ███ ██, [nom] [Prénom 2] […] [anonymisé] X…"),
            vec![
                ("X...", Reuser),
                ("***", Reuser),
                ("███ ██", Reuser),
                ("[nom]", Reuser),
                ("[Prénom 2]", Labelled),
                ("[…]", Ellipsis),
                ("[anonymisé]", Reuser),
                ("X…", Reuser),
            ]
        );
    }

    #[test]
    fn editorial_brackets_and_ellipses_are_not_markers() {
        for t in [
            "il [était] tenu",
            "sic [sic] ici",
            "[la cour] a dit",
            "[L]a cour d'appel",
            "l[a] cour",
            "les présidents (...) peuvent",
            "etc... et ainsi",
            "le XXe siècle, le XXXe",
            "a) ** b)",
            "ARRÊT...",
            "voir article 700...",
        ] {
            assert_eq!(spans(t), vec![], "{t}");
        }
    }

    #[test]
    fn whole_token_is_marker() {
        for t in [
            "[K]",
            "[Adresse 12]",
            "O...",
            "IIS...",
            "XXX",
            "***",
            "█",
            "[…]",
            " [nom] ",
        ] {
            assert!(is_marker(t), "{t}");
        }
        for t in ["Kaminski", "[sic]", "[K] [C]", "M. [K]", "...", "", "X"] {
            assert!(!is_marker(t), "{t}");
        }
    }
}
