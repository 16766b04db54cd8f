//! The detector of direct identifiers in clear (MSK005): social security numbers (NIR, key
//! checked), IBANs (mod-97 checked), phone numbers (French, and foreign after `+`), e-mail
//! addresses, dates of birth and vehicle plates.
//!
//! Each kind is guarded by a cheap literal test (a digit, `@`, `né`, `naissance`) before its
//! regex runs; regexes are compiled once. Case numbers (`19-19.463`, `20/00804`), article
//! numbers, hearing dates, SIREN/SIRET, ECLI and amounts do not match: the checksums, the shapes
//! and the word boundaries keep them out.

use std::sync::LazyLock;

use regex::Regex;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum IdentifierKind {
    /// Social security number, key checked.
    Nir,
    /// IBAN, mod-97 checked.
    Iban,
    Phone,
    Email,
    /// `né le …`.
    BirthDate,
    VehiclePlate,
}

impl IdentifierKind {
    /// Every kind of identifier MSK005 finds.
    pub const ALL: [IdentifierKind; 6] = [
        IdentifierKind::Nir,
        IdentifierKind::Iban,
        IdentifierKind::Phone,
        IdentifierKind::Email,
        IdentifierKind::BirthDate,
        IdentifierKind::VehiclePlate,
    ];

    pub fn label(self) -> &'static str {
        match self {
            IdentifierKind::Nir => "social security number",
            IdentifierKind::Iban => "IBAN",
            IdentifierKind::Phone => "phone number",
            IdentifierKind::Email => "e-mail address",
            IdentifierKind::BirthDate => "date of birth",
            IdentifierKind::VehiclePlate => "vehicle plate",
        }
    }

    /// [`IdentifierKind::label`] after its indefinite article: `an IBAN`, `a phone number`.
    pub fn with_article(self) -> String {
        let article = match self {
            IdentifierKind::Iban | IdentifierKind::Email => "an",
            _ => "a",
        };
        format!("{article} {}", self.label())
    }
}

/// One identifier in clear; `start..end` are byte offsets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IdentifierHit {
    pub start: usize,
    pub end: usize,
    pub kind: IdentifierKind,
}

/// Separator allowed between the groups of a number: space, dot, dash, non-breaking spaces.
const SEP: &str = r"(?:[ .\-]|\x{a0}|\x{202f})?";

// The regexes below are anchored (`^`) and run on a short window at a candidate position
// found by the byte scan: none of them scans the text.

static NIR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^[1-478]{SEP}[0-9]{{2}}{SEP}[0-9]{{2}}{SEP}(?:[0-9]{{2}}|2[ABab]){SEP}[0-9]{{3}}{SEP}[0-9]{{3}}{SEP}[0-9]{{2}}"
    ))
    .expect("NIR regex")
});

static PHONE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^(?:(?:\+33|0033){SEP}(?:\(0\){SEP})?[1-9]|0[1-9])(?:{SEP}[0-9]{{2}}){{4}}"
    ))
    .expect("phone regex")
});

/// A phone number of another country: `+`, a country code, then groups of digits (`+32 470 12
/// 34 56`, `+44 20 7946 0958`, `+1 212 555 0123`); [`foreign_phone`] checks the digits' count
/// and the groups' shape.
static FOREIGN_PHONE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^\+[1-9][0-9]{{0,2}}(?:{SEP}\(0\))?(?:{SEP}[0-9]{{1,4}}){{1,7}}"
    ))
    .expect("foreign phone regex")
});

const MONTHS: &str = "janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|novembre|décembre|decembre";

fn date_pattern() -> String {
    format!(
        r"(?:(?:1er|[0-9]{{1,2}})(?: |\x{{a0}})+(?i:{MONTHS})(?: |\x{{a0}})+[0-9]{{4}}|[0-9]{{1,2}}[/.\-][0-9]{{1,2}}[/.\-](?:[0-9]{{4}}|[0-9]{{2}})|[0-9]{{4}}-[0-9]{{1,2}}-[0-9]{{1,2}})"
    )
}

/// `né le 3 mars 1975`, `née à Lyon le 03/03/1975`, `né(e) le 1er avril 1980`, `née [M], le
/// 3 mars 1975` (a maiden name between), `nés (respectivement) les 3 mars 2010 et 5 avril 2012`
/// (the first date; the others follow, [`NEXT_DATE`]).
static BORN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^(?:[Nn]ée?s?|[Nn]é\(e\)|NÉE?S?)\s+(?:(?:\[[^\]\n]{{1,30}}\]|\p{{Lu}}[\p{{L}}'\-]+),?\s+)?(?:(?:à|À|en|EN|au|AU|aux|AUX)\s+(?P<place>[^,;.\n]{{1,60}}?),?\s+)?(?:respectivement\s+)?(?:les?|LES?)\s+(?P<date>{})",
        date_pattern()
    ))
    .expect("birth date regex")
});

/// The next date of a list (`nés les 3 mars 2010 et 5 avril 2012`, `, 6 mai 2014`).
static NEXT_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^(?:\s*,\s*|\s+et\s+)(?P<date>{})",
        date_pattern()
    ))
    .expect("next date regex")
});

/// Nouns whose birth a date may tell, not a person's: a claim's, a right's, a dispute's, a
/// body's (`la créance de la banque est née le 12 mars 2016`, `le litige né le 3 mars 2015`),
/// with their gender and number, which the participle agrees with ([`FEM`], [`PLURAL`]; both
/// numbers when [`ANY_NUMBER`]).
const BORN_NOT_PEOPLE: &[(&str, u8)] = &[
    ("créance", FEM),
    ("créances", FEM | PLURAL),
    ("droit", 0),
    ("droits", PLURAL),
    ("dette", FEM),
    ("dettes", FEM | PLURAL),
    ("obligation", FEM),
    ("obligations", FEM | PLURAL),
    ("action", FEM),
    ("actions", FEM | PLURAL),
    ("litige", 0),
    ("litiges", PLURAL),
    ("différend", 0),
    ("différends", PLURAL),
    ("conflit", 0),
    ("conflits", PLURAL),
    ("dommage", 0),
    ("dommages", PLURAL),
    ("préjudice", 0),
    ("préjudices", PLURAL),
    ("sinistre", 0),
    ("sinistres", PLURAL),
    ("désordre", 0),
    ("désordres", PLURAL),
    ("vice", 0),
    ("vices", PLURAL),
    ("contrat", 0),
    ("contrats", PLURAL),
    ("contentieux", ANY_NUMBER),
    ("instance", FEM),
    ("procédure", FEM),
    ("responsabilité", FEM),
    ("indemnité", FEM),
    ("indemnités", FEM | PLURAL),
    ("intérêt", 0),
    ("intérêts", PLURAL),
    ("besoin", 0),
    ("besoins", PLURAL),
    ("engagement", 0),
    ("engagements", PLURAL),
    ("risque", 0),
    ("contestation", FEM),
    ("contestations", FEM | PLURAL),
    ("difficulté", FEM),
    ("difficultés", FEM | PLURAL),
    ("situation", FEM),
    ("charge", FEM),
    ("charges", FEM | PLURAL),
    ("société", FEM | BODY),
    ("entreprise", FEM | BODY),
    ("association", FEM | BODY),
    ("syndicat", BODY),
];

/// Flags of [`BORN_NOT_PEOPLE`]: a feminine noun, a plural one, one whose form is the same in
/// both numbers, a body (whose own name may follow it: `la société Alpha, née le…`).
const FEM: u8 = 1;
const PLURAL: u8 = 2;
const ANY_NUMBER: u8 = 4;
const BODY: u8 = 8;

/// The flags of `w` in [`BORN_NOT_PEOPLE`], if it is there.
fn thing_noun(w: &str) -> Option<u8> {
    BORN_NOT_PEOPLE
        .iter()
        .find(|(n, _)| *n == w)
        .map(|&(_, flags)| flags)
}

/// Words that open a clause before its subject: conjunctions and the like.
fn clause_opener(w: &str) -> bool {
    matches!(
        w,
        "attendu"
            | "considérant"
            | "que"
            | "qu"
            | "dont"
            | "qui"
            | "et"
            | "mais"
            | "or"
            | "si"
            | "lorsque"
    )
}

/// Determiners, which open a noun group (`l'` is `l` once split).
fn determiner(w: &str) -> bool {
    matches!(
        w,
        "le" | "la"
            | "les"
            | "l"
            | "un"
            | "une"
            | "ce"
            | "cet"
            | "cette"
            | "ces"
            | "son"
            | "sa"
            | "ses"
            | "leur"
            | "leurs"
            | "du"
            | "des"
            | "au"
            | "aux"
    )
}

/// Whether the `né` at `s` tells a thing's birth, not a person's. Either its clause (back to
/// the punctuation before it) opens with a noun of [`BORN_NOT_PEOPLE`] and ends with the
/// auxiliary before `né` (`La créance de la banque est née le…`, `le droit à indemnisation de
/// M. [K] est né le…`; not `la fille de M. [K] est née le…`); or, without an auxiliary, `né`
/// qualifies the noun group just before it, or the one its comma sets it in apposition to,
/// whose noun is one of them and agrees with it (`La créance née le…`, `l'obligation de
/// reclassement née le…`, `Les créances nées le…`, `La société Alpha, née le 1er janvier 2010
/// de la fusion`). Not when a person stands between the noun and `né`, a marker or a
/// capitalised word (`la créance de Mme [K] née le…`), nor when the noun does not agree (`le
/// gérant de la société [1] né le…`), nor a body's noun that is not the clause's subject (`la
/// gérante de la société Alpha, née le…`).
fn thing_born_at(text: &str, s: usize) -> bool {
    let lo = crate::text::names::floor_boundary(text, s.saturating_sub(100));
    let clause = last_clause(&text[lo..s]).to_lowercase();
    let words: Vec<&str> = clause
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .collect();
    let auxiliary = words.last().is_some_and(|w| {
        matches!(
            *w,
            "est" | "était" | "sont" | "étaient" | "serait" | "seraient" | "soit" | "sera" | "fut"
        )
    });
    if auxiliary {
        // The subject's noun: the first word that is not a conjunction, a pronoun or a
        // determiner.
        let subject = words.iter().find(|w| !clause_opener(w) && !determiner(w));
        return subject.is_some_and(|w| thing_noun(w).is_some());
    }
    // Without an auxiliary: the noun group before `né`, past the comma of an apposition.
    let before = text[lo..s].trim_end();
    let before = before.strip_suffix(',').unwrap_or(before).trim_end();
    let group = last_clause(before);
    // Words as written (a capital tells a name) and where they start, split on anything but
    // letters.
    let mut tokens: Vec<(usize, &str)> = Vec::new();
    let mut start = None;
    for (i, c) in group
        .char_indices()
        .chain(std::iter::once((group.len(), ' ')))
    {
        match (c.is_alphabetic(), start) {
            (true, None) => start = Some(i),
            (false, Some(a)) => {
                tokens.push((a, &group[a..i]));
                start = None;
            }
            _ => {}
        }
    }
    let lower = |w: &str| w.to_lowercase();
    let Some(det) = tokens.iter().rposition(|(_, w)| determiner(&lower(w))) else {
        return false;
    };
    let Some(&(noun_at, noun)) = tokens.get(det + 1) else {
        return false;
    };
    let Some(flags) = thing_noun(&lower(noun)) else {
        return false;
    };
    // A marker between the noun and `né` may be a person's (`la créance de [K] née le`).
    let rest = &group[noun_at..];
    if rest.contains(['[', '…']) || rest.contains("...") {
        return false;
    }
    let tokens: Vec<&str> = tokens.iter().map(|&(_, w)| w).collect();
    let capitalised = tokens[det + 2..]
        .iter()
        .any(|w| w.starts_with(char::is_uppercase));
    if flags & BODY != 0 {
        // A body: the subject of its clause, and its own name may follow (`La société Alpha,
        // née le`), but no civility.
        if !tokens[..det].iter().all(|w| clause_opener(&lower(w)))
            || tokens[det + 2..].iter().any(|w| {
                matches!(
                    *w,
                    "M" | "MM" | "Mme" | "Mmes" | "Mlle" | "Monsieur" | "Madame"
                )
            })
        {
            return false;
        }
    } else if capitalised {
        return false;
    }
    // The participle agrees with the noun.
    let participle = text[s..crate::text::names::ceil_boundary(text, s + 8)].to_lowercase();
    let (fem, plural) = if participle.starts_with("né(e)") {
        return true;
    } else if participle.starts_with("nées") {
        (true, true)
    } else if participle.starts_with("nés") {
        (false, true)
    } else if participle.starts_with("née") {
        (true, false)
    } else {
        (false, false)
    };
    (flags & FEM != 0) == fem && (flags & ANY_NUMBER != 0 || (flags & PLURAL != 0) == plural)
}

/// What follows the last punctuation of `s` that ends a clause: a comma, a semicolon, a colon,
/// a parenthesis, or a full stop but that of an abbreviation (`M.`, `Mme.`, `Dr.`).
fn last_clause(s: &str) -> &str {
    let mut end = s.len();
    loop {
        let Some(i) = s[..end].rfind([',', '.', ';', ':', '(', ')', '!', '?']) else {
            return s;
        };
        if s.as_bytes()[i] == b'.' {
            let word = s[..i]
                .rsplit(|c: char| !c.is_alphabetic())
                .next()
                .unwrap_or_default();
            if (1..=3).contains(&word.chars().count()) && word.starts_with(char::is_uppercase) {
                end = i;
                continue;
            }
        }
        return &s[i + 1..];
    }
}

/// From `naissance` on, once [`birth_label_before`] has found `date de`, `date et lieu de` or
/// `lieu et date de` before it: `date de naissance : 03/03/1975`, `Date et lieu de naissance :
/// 12 mars 1975 à Lyon`, `Date de naissance du salarié : 3 mars 1975`, `Lieu et date de
/// naissance : Lyon, le 12 mars 1975` (a place, then a comma, before the date). Whose birth it
/// is, when said, is followed by a colon: not `la date de naissance de la créance du 3 mars`.
static BIRTH_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^(?i:naissance)(?:\s+(?:du|des|de\s+la|de\s+l['’])\s*\p{{L}}[\p{{L}}\-]*\s*:|\s*:?)\s*(?:(?:à\s+)?\p{{Lu}}[\p{{L}}'’\-]*(?:[ \-]\p{{L}}[\p{{L}}'’\-]*){{0,3}}(?:\s*\([0-9AB]{{2,3}}\))?\s*,\s*)?(?:le\s+|du\s+)?({})",
        date_pattern()
    ))
    .expect("date of birth regex")
});

/// Whether `date de`, `date et lieu de` or `lieu et date de` (any case, a word of its own)
/// ends just before `n`, where `naissance` starts.
fn birth_label_before(text: &str, n: usize) -> bool {
    let lo = crate::text::names::floor_boundary(text, n.saturating_sub(24));
    let before = text[lo..n].trim_end().to_lowercase();
    ["date de", "date et lieu de", "lieu et date de"]
        .iter()
        .any(|label| {
            before.strip_suffix(label).is_some_and(|head| {
                head.chars()
                    .next_back()
                    .is_none_or(|c| !c.is_alphanumeric())
            })
        })
}

/// SIV plates (`AB-123-CD`, `AB 123 CD`, `AB123CD`: no I, O, U).
static SIV_PLATE: LazyLock<Regex> = LazyLock::new(|| {
    let l = "[A-HJ-NP-TV-Z]";
    Regex::new(&format!(
        r"^{l}{{2}}(?:-[0-9]{{3}}-|[ ][0-9]{{3}}[ ]|[0-9]{{3}}){l}{{2}}"
    ))
    .expect("plate regex")
});

/// The older FNI plates (`1234 AB 75`, `123-ABC-2A`).
static FNI_PLATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^[0-9]{1,4}(?:[ ][A-HJ-NP-Z]{1,3}[ ]|-[A-HJ-NP-Z]{1,3}-)(?:0[1-9]|[1-8][0-9]|9[0-5]|2[AB]|97[1-6])",
    )
    .expect("plate regex")
});

pub fn find_identifiers(text: &str) -> Vec<IdentifierHit> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    scan_numbers(text, &mut out);
    find_birth_dates(text, &mut out);
    if memchr::memchr(b'@', bytes).is_some() {
        find_emails(text, &mut out);
    }
    if out.len() > 1 {
        out.sort_by_key(|h| (h.start, std::cmp::Reverse(h.end)));
        // One exposure, one hit: drop hits inside an earlier one.
        let mut kept: Vec<IdentifierHit> = Vec::with_capacity(out.len());
        for h in out {
            if kept.last().is_some_and(|k| h.start < k.end) {
                continue;
            }
            kept.push(h);
        }
        out = kept;
    }
    out
}

/// A window of `text` from `s`, about `len` bytes, cut on a char boundary.
fn window(text: &str, s: usize, len: usize) -> &str {
    let mut e = (s + len).min(text.len());
    while !text.is_char_boundary(e) {
        e += 1;
    }
    &text[s..e]
}

/// One pass over the bytes: at the start of every run of digits, try the identifiers that can
/// start there or just before (IBAN and SIV plates open with letters, phones with `+`).
fn scan_numbers(text: &str, out: &mut Vec<IdentifierHit>) {
    let b = text.as_bytes();
    let mut i = 0;
    let mut covered = 0; // end of the last identifier found
    while i < b.len() {
        let Some(k) = find_digit(&b[i..]) else {
            break;
        };
        i += k;
        let run_start = i;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        if run_start > 0 && b[run_start - 1].is_ascii_digit() || run_start < covered {
            continue;
        }
        if let Some(h) = number_at(text, run_start) {
            covered = h.end;
            i = i.max(h.end);
            out.push(h);
        }
    }
}

/// The position of the first ASCII digit of `b`: `b.iter().position(u8::is_ascii_digit)`,
/// thirty-two bytes at a time with SSE2 (part of every x86-64 processor), then as
/// [`find_digit_swar`] does.
#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
fn find_digit(b: &[u8]) -> Option<usize> {
    // SAFETY: `digits_sse2` needs only SSE2, which this build enables for the whole program
    // (the cfg above), as every x86-64 target does: the processor running it has SSE2. The
    // function reads nothing but its slice argument.
    match crate::text::simd::first_flagged(b, |c| unsafe { digits_sse2(c) }) {
        Ok(k) => Some(k),
        Err(i) => find_digit_swar(&b[i..]).map(|k| i + k),
    }
}

#[cfg(not(all(target_arch = "x86_64", target_feature = "sse2")))]
fn find_digit(b: &[u8]) -> Option<usize> {
    find_digit_swar(b)
}

/// For the first sixteen bytes of `b`, one bit a byte: the ASCII digits. Adding `0x80 - b'0'`
/// maps `0`–`9` to the ten smallest signed bytes, -128 to -119, and nothing else there. The
/// intrinsics take no pointer: within this function, which enables SSE2, they are safe to call.
#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
#[target_feature(enable = "sse2")]
fn digits_sse2(b: &[u8]) -> u32 {
    use std::arch::x86_64::*;
    let v = crate::text::simd::load16(b);
    let shifted = _mm_add_epi8(v, _mm_set1_epi8((0x80u8 - b'0') as i8));
    let digit = _mm_cmplt_epi8(shifted, _mm_set1_epi8(-128 + 10));
    _mm_movemask_epi8(digit) as u32
}

/// [`find_digit`] eight bytes at a time, without SIMD.
fn find_digit_swar(b: &[u8]) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // The high bit of each byte of the result is set when that byte is in `0x30..=0x39`
    // ("hasbetween" of Bit Twiddling Hacks: exact per byte, no carry crosses bytes).
    let digits = |x: u64| {
        let low7 = x & (ONES * 0x7f);
        (ONES * (0x7f + b'9' as u64 + 1) - low7)
            & !x
            & (low7 + ONES * (0x7f - (b'0' as u64 - 1)))
            & HIGH
    };
    let mut chunks = b.chunks_exact(16);
    let mut at = 0;
    for c in &mut chunks {
        let lo = digits(u64::from_le_bytes(c[..8].try_into().expect("8 bytes")));
        let hi = digits(u64::from_le_bytes(c[8..].try_into().expect("8 bytes")));
        if lo | hi != 0 {
            return Some(if lo != 0 {
                at + (lo.trailing_zeros() / 8) as usize
            } else {
                at + 8 + (hi.trailing_zeros() / 8) as usize
            });
        }
        at += 16;
    }
    chunks
        .remainder()
        .iter()
        .position(u8::is_ascii_digit)
        .map(|k| at + k)
}

/// Cheap necessary conditions for the anchored number regexes at `d`, the start of a run of
/// digits (`b[d]` is a digit): when one is false its regex cannot match there, so it is not
/// run. Most runs of digits (dates, article and case numbers, amounts) fail them all.
mod may_match {
    /// `NIR`: `[1-478]` (1 to 4, 7, 8), then at least 14 digits in all (13, and a `2A`/`2B` letter) before
    /// any byte that no NIR holds, within 33 bytes (15 characters and 6 separators of at most
    /// 3 bytes: space, `.`, `-`, U+00A0, U+202F).
    pub(super) fn nir(b: &[u8], d: usize) -> bool {
        // `[1-478]` is 1 to 4, 7 and 8.
        if !matches!(b[d], b'1'..=b'4' | b'7' | b'8') {
            return false;
        }
        let mut digits = 0;
        for &c in &b[d..b.len().min(d + 33)] {
            if c.is_ascii_digit() {
                digits += 1;
                if digits == 14 {
                    return true;
                }
            } else if !matches!(
                c,
                b'A' | b'B' | b'a' | b'b' | b' ' | b'.' | b'-' | 0xc2 | 0xa0 | 0xe2 | 0x80 | 0xaf
            ) {
                return false;
            }
        }
        false
    }

    /// `PHONE` without `+`: `0033…` or `0[1-9]…`.
    pub(super) fn phone(b: &[u8], d: usize) -> bool {
        b[d] == b'0'
    }

    /// `FNI_PLATE`: 1 to 4 digits (the whole run: a digit cannot stand for the separator),
    /// then a space or a dash and a capital letter.
    pub(super) fn fni_plate(b: &[u8], d: usize) -> bool {
        let run = b[d..]
            .iter()
            .take(5)
            .take_while(|c| c.is_ascii_digit())
            .count();
        run <= 4
            && matches!(b.get(d + run), Some(b' ' | b'-'))
            && b.get(d + run + 1).is_some_and(u8::is_ascii_uppercase)
    }
}

/// The identifier around the run of digits starting at `d`, if any.
fn number_at(text: &str, d: usize) -> Option<IdentifierHit> {
    let b = text.as_bytes();
    let upper = |i: usize| b[i].is_ascii_uppercase();
    let free_left = |s: usize| s == 0 || !(b[s - 1].is_ascii_alphanumeric() || b[s - 1] >= 0x80);
    let free_right = |e: usize| e >= b.len() || !(b[e].is_ascii_alphanumeric() || b[e] >= 0x80);
    let hit = |start, end, kind| Some(IdentifierHit { start, end, kind });
    // Two capital letters just before: an IBAN (`FR76 3000…`) or a SIV plate (`AB123CD`).
    if d >= 2 && upper(d - 2) && upper(d - 1) && free_left(d - 2) {
        if let Some(e) = iban_at(text, d - 2) {
            return hit(d - 2, e, IdentifierKind::Iban);
        }
        if let Some(m) = SIV_PLATE.find(window(text, d - 2, 16))
            && free_right(d - 2 + m.end())
            && !reference_number_at(text, d)
        {
            return hit(d - 2, d - 2 + m.end(), IdentifierKind::VehiclePlate);
        }
    }
    // `AB-123-CD`, `AB 123 CD`; not `LE 123 ET` in a text in capitals.
    if d >= 3
        && matches!(b[d - 1], b'-' | b' ')
        && upper(d - 3)
        && upper(d - 2)
        && free_left(d - 3)
        && let Some(m) = SIV_PLATE.find(window(text, d - 3, 16))
        && free_right(d - 3 + m.end())
        && !reference_number_at(text, d)
        && (!siv_letters_are_words(m.as_str()) || announced_as_plate(text, d - 3))
    {
        return hit(d - 3, d - 3 + m.end(), IdentifierKind::VehiclePlate);
    }
    // `+33 6 12 34 56 78`.
    if d >= 1 && b[d - 1] == b'+' {
        let s = d - 1;
        if (s == 0 || !b[s - 1].is_ascii_alphanumeric())
            && let Some(m) = PHONE.find(window(text, s, 32))
            && clean_right(text, s + m.end())
            && consistent_separators(m.as_str())
            && !reference_number_at(text, d)
        {
            return hit(s, s + m.end(), IdentifierKind::Phone);
        }
        if let Some(m) = FOREIGN_PHONE.find(window(text, s, 40))
            && (s == 0 || !b[s - 1].is_ascii_alphanumeric())
            && clean_right(text, s + m.end())
            && foreign_phone(m.as_str())
            && !reference_number_at(text, d)
        {
            return hit(s, s + m.end(), IdentifierKind::Phone);
        }
        return None;
    }
    if !clean_left(text, d) {
        return None;
    }
    let w = window(text, d, 40);
    if may_match::nir(b, d)
        && let Some(m) = NIR.find(w)
        && clean_right(text, d + m.end())
        && nir_key_ok(m.as_str())
    {
        return hit(d, d + m.end(), IdentifierKind::Nir);
    }
    if may_match::phone(b, d)
        && let Some(m) = PHONE.find(w)
        && clean_right(text, d + m.end())
        && consistent_separators(m.as_str())
        && !reference_number_at(text, d)
    {
        return hit(d, d + m.end(), IdentifierKind::Phone);
    }
    if may_match::fni_plate(b, d)
        && let Some(m) = FNI_PLATE.find(w)
        && free_right(d + m.end())
        && clean_right(text, d + m.end())
        && !reference_number_at(text, d)
        && (!fni_letters_are_a_word(m.as_str()) || announced_as_plate(text, d))
    {
        return hit(d, d + m.end(), IdentifierKind::VehiclePlate);
    }
    None
}

/// Short words of a text in capitals that a plate's letters may spell: `ARTICLES 6 ET 13`,
/// `DU 12 AU 15 MARS`, `PIÈCES 12 A 15` (à without its accent), `N° 12 RG 34` (a docket), `LE 123
/// ET`. A plate whose letters are one of them is too rare to outweigh the prose that shows them.
const CAPITAL_WORDS: &[&str] = &[
    "A", "AU", "AUX", "CE", "DE", "DES", "DU", "EN", "ET", "LA", "LE", "LES", "NE", "PAR", "RG",
    "SA", "SE", "SES", "SUR", "UN", "UNE",
];

/// Whether the words just before `at` announce a plate (`véhicule immatriculé 1234 DE 75`,
/// `plaque : LE 123 ET`): then letters that spell a word are a plate's all the same.
fn announced_as_plate(text: &str, at: usize) -> bool {
    let mut from = at.saturating_sub(40);
    while !text.is_char_boundary(from) {
        from -= 1;
    }
    let before = text[from..at].to_lowercase();
    ["immatricul", "plaque", "véhicule", "vehicule"]
        .iter()
        .any(|w| before.contains(w))
}

/// Whether the letters of an FNI plate (`1234 AB 75`: those between its separators) are one of
/// [`CAPITAL_WORDS`].
fn fni_letters_are_a_word(plate: &str) -> bool {
    plate
        .split([' ', '-'])
        .nth(1)
        .is_some_and(|letters| CAPITAL_WORDS.contains(&letters))
}

/// Whether both pairs of letters of a SIV plate written with spaces (`LE 123 ET`) are
/// [`CAPITAL_WORDS`]: written with dashes, or with one pair that is no word, it is a plate.
fn siv_letters_are_words(plate: &str) -> bool {
    let parts: Vec<&str> = plate.split(' ').collect();
    parts.len() == 3 && CAPITAL_WORDS.contains(&parts[0]) && CAPITAL_WORDS.contains(&parts[2])
}

/// Whether `s`, a match of [`FOREIGN_PHONE`], is a phone number: 9 to 15 digits (the `(0)`
/// aside), as ITU-T E.164 numbers have, one separator throughout (`+32 470 12 34 56`,
/// `+32.470.12.34.56`, `+32470123456`), and not the shape of an amount or a count, whose groups
/// after the first are all of three digits (`+10 000 000 000`, `+1 234 567 890`).
fn foreign_phone(s: &str) -> bool {
    let body = s.replace("(0)", "");
    let digits = body.bytes().filter(u8::is_ascii_digit).count();
    let groups: Vec<&str> = body[1..]
        .split(|c: char| !c.is_ascii_digit())
        .filter(|g| !g.is_empty())
        .collect();
    let mut seps = body[1..]
        .split(|c: char| c.is_ascii_digit())
        .filter(|sep| !sep.is_empty())
        .map(|sep| sep.replace(['\u{a0}', '\u{202f}'], " "));
    let first_sep = seps.next();
    (9..=15).contains(&digits)
        && seps.all(|sep| Some(&sep) == first_sep.as_ref())
        && !(groups.len() > 2 && groups[1..].iter().all(|g| g.len() == 3))
}

/// Documents whose number a phone or a plate shape may be (`offre de prêt n° 0712345678`,
/// `lots numéros 05 06 07 08 09`, `arrêté préfectoral n° 2019-DDT-45`).
const NUMBERED_DOCUMENTS: &[&str] = &[
    "prêt",
    "offre",
    "lot",
    "lots",
    "arrêté",
    "décret",
    "contrat",
    "dossier",
    "facture",
    "factures",
    "commande",
    "bon",
    "décision",
    "jugement",
    "arrêt",
    "pourvoi",
    "requête",
    "rôle",
    "registre",
    "répertoire",
    "procès-verbal",
    "compte",
    "avenant",
    "article",
    "affaire",
    "parcelle",
    "parcelles",
    "police",
    "déclaration",
    "créance",
    "marché",
    "minute",
];

/// Whether the phone or plate whose digits start at `d` is announced as a reference or a
/// parcel (its letters and separators, for a plate, aside): `réf.` or `référence` just before
/// it; `n°` or `numéro(s)` just before it after a document of [`NUMBERED_DOCUMENTS`] within
/// three words (`offre de prêt n° 0712345678`, but not `la ligne n° 06 12 34 56 78` nor
/// `immatriculé sous le numéro AB-123-CD`); or a parcel a few words before (a word starting
/// with `cadastr` or `parcelle`: `parcelle cadastrée AB 123 LE`). NIRs and IBANs, which a
/// reference number does not pass for (a valid key, valid check digits), are not asked.
#[cold]
#[inline(never)]
fn reference_number_at(text: &str, d: usize) -> bool {
    // Back over a plate's letters and separators (`AB-123`, `BC 456`) and a `+`.
    let mut s = d;
    let b = text.as_bytes();
    while s > 0 && s + 4 > d && (b[s - 1].is_ascii_uppercase() || matches!(b[s - 1], b'-' | b'+')) {
        s -= 1;
    }
    let lo = crate::text::names::floor_boundary(text, s.saturating_sub(60));
    let near = text[lo..s].to_lowercase();
    let words: Vec<&str> = near
        .split(|c: char| c.is_whitespace() || matches!(c, ':' | ',' | '(' | ')'))
        .filter(|w| !w.is_empty())
        .collect();
    let Some((&last, rest)) = words.split_last() else {
        return false;
    };
    // `réf.`, and the number of a decision's minute (`N° de minute 06 12 34 56 78`).
    let reference = matches!(last, "réf." | "réf" | "référence" | "références")
        || last == "minute" && rest.iter().rev().take(2).any(|w| matches!(*w, "n°" | "nº"));
    let number_sign = matches!(last, "n°" | "nº" | "no" | "numéro" | "numéros");
    let of_document = || {
        rest.iter()
            .rev()
            .filter(|w| !matches!(**w, "de" | "du" | "des" | "d'" | "le" | "la" | "les" | "l'"))
            .take(3)
            .any(|w| {
                let w = w
                    .strip_prefix("l'")
                    .or_else(|| w.strip_prefix("d'"))
                    .unwrap_or(w);
                NUMBERED_DOCUMENTS.contains(&w)
            })
    };
    let parcel = words
        .iter()
        .any(|w| w.starts_with("cadastr") || w.starts_with("parcelle"));
    reference || number_sign && of_document() || parcel
}

/// No letter or digit may touch a number on the left, nor a digit group (`443 061 841`).
fn clean_left(text: &str, s: usize) -> bool {
    let b = text.as_bytes();
    if s == 0 {
        return true;
    }
    let p = b[s - 1];
    if p.is_ascii_alphanumeric() || p == b'+' {
        return false;
    }
    if s >= 2 && matches!(p, b' ' | b'.' | b'-' | b'/') && b[s - 2].is_ascii_digit() {
        return false;
    }
    text[..s]
        .chars()
        .next_back()
        .is_none_or(|c| !c.is_alphanumeric())
}

fn clean_right(text: &str, e: usize) -> bool {
    let b = text.as_bytes();
    if e >= b.len() {
        return true;
    }
    let n = b[e];
    if n.is_ascii_alphanumeric() {
        return false;
    }
    if matches!(n, b'.' | b'-' | b'/' | b',') && b.get(e + 1).is_some_and(u8::is_ascii_digit) {
        return false;
    }
    text[e..]
        .chars()
        .next()
        .is_none_or(|c| !c.is_alphanumeric())
}

/// Whether the 15 characters of a NIR (separators ignored) carry a valid key:
/// key = 97 − (number mod 97), with Corsica's `2A` read as 19 and `2B` as 18.
pub fn nir_key_ok(s: &str) -> bool {
    let chars: Vec<u8> = s
        .bytes()
        .filter(|b| b.is_ascii_alphanumeric())
        .map(|b| b.to_ascii_uppercase())
        .collect();
    if chars.len() != 15 {
        return false;
    }
    let mut digits = [0u8; 13];
    for (i, d) in digits.iter_mut().enumerate() {
        let c = chars[i];
        *d = match (i, c) {
            (5, b'2') if matches!(chars[6], b'A' | b'B') => 1,
            (6, b'A') => 9,
            (6, b'B') => 8,
            (_, c) if c.is_ascii_digit() => c - b'0',
            _ => return false,
        };
    }
    let n = digits.iter().fold(0u64, |acc, &d| acc * 10 + u64::from(d));
    let key = match (chars[13], chars[14]) {
        (a, b) if a.is_ascii_digit() && b.is_ascii_digit() => {
            u64::from(a - b'0') * 10 + u64::from(b - b'0')
        }
        _ => return false,
    };
    key == 97 - n % 97
}

/// An IBAN starting at `s` (two capital letters, two digits, then groups of up to four
/// letters or digits, single spaces allowed between groups); returns its end. The longest
/// prefix that passes the checks wins.
fn iban_at(text: &str, s: usize) -> Option<usize> {
    let b = text.as_bytes();
    if s + 4 > b.len() || !b[s + 2].is_ascii_digit() || !b[s + 3].is_ascii_digit() {
        return None;
    }
    let alnum = |c: u8| c.is_ascii_uppercase() || c.is_ascii_digit();
    let mut compact = [0u8; 34];
    let mut n = 0;
    // (compact length, byte end) at each place the IBAN may stop.
    let mut ends = [(0usize, 0usize); 40];
    let mut k = 0;
    let mut i = s;
    while i < b.len() && n < 34 {
        let c = b[i];
        if alnum(c) {
            compact[n] = c;
            n += 1;
            i += 1;
            if (i >= b.len() || !alnum(b[i])) && k < ends.len() {
                ends[k] = (n, i);
                k += 1;
            }
        } else if c == b' ' && n > 0 && i + 1 < b.len() && alnum(b[i + 1]) {
            i += 1;
        } else {
            break;
        }
    }
    if n < 15 {
        return None;
    }
    ends[..k]
        .iter()
        .rev()
        .filter(|&&(len, _)| len >= 15)
        .find(|&&(len, _)| iban_ok(&compact[..len]))
        .map(|&(_, end)| end)
}

/// Lengths of the IBANs of the countries most often met; others are checked by mod 97 alone.
fn iban_length(country: &[u8]) -> Option<usize> {
    Some(match country {
        b"FR" | b"MC" | b"IT" | b"SM" | b"GR" => 27,
        b"BE" => 16,
        b"DE" => 22,
        b"ES" => 24,
        b"LU" => 20,
        b"CH" | b"LI" => 21,
        b"NL" => 18,
        b"GB" | b"IE" => 22,
        b"PT" => 25,
        b"AT" => 20,
        b"PL" => 28,
        b"MA" => 28,
        b"TN" => 24,
        b"DZ" => 26,
        b"SN" | b"CI" => 28,
        _ => return None,
    })
}

/// ISO 13616 check: move the first four characters to the end, letters as 10–35, mod 97 = 1.
pub fn iban_ok(compact: &[u8]) -> bool {
    if compact.len() < 15 || compact.len() > 34 {
        return false;
    }
    if !compact[..2].iter().all(u8::is_ascii_uppercase)
        || !compact[2..4].iter().all(u8::is_ascii_digit)
    {
        return false;
    }
    if let Some(l) = iban_length(&compact[..2])
        && l != compact.len()
    {
        return false;
    }
    let mut rem: u32 = 0;
    for &c in compact[4..].iter().chain(&compact[..4]) {
        if c.is_ascii_digit() {
            rem = (rem * 10 + u32::from(c - b'0')) % 97;
        } else if c.is_ascii_uppercase() {
            let v = u32::from(c - b'A') + 10;
            rem = (rem * 100 + v) % 97;
        } else {
            return false;
        }
    }
    rem == 1
}

/// The pairs of a phone number are all separated the same way (`06 12 34 56 78`,
/// `06.12.34.56.78`, `0612345678`), which keeps other digit sequences out.
fn consistent_separators(s: &str) -> bool {
    let body = s
        .trim_start_matches("+33")
        .trim_start_matches("0033")
        .trim_start_matches(|c: char| !c.is_ascii_digit() && c != '(');
    let body = body.strip_prefix("(0)").unwrap_or(body);
    let mut seps: Vec<char> = Vec::with_capacity(4);
    let mut prev_digit = false;
    let mut cur: Option<char> = None;
    for c in body.chars() {
        if c.is_ascii_digit() {
            if let Some(sp) = cur.take() {
                seps.push(sp);
            } else if prev_digit {
                // Digits run on: no separator here.
            }
            prev_digit = true;
        } else {
            cur = Some(if c == '\u{a0}' || c == '\u{202f}' {
                ' '
            } else {
                c
            });
            prev_digit = false;
        }
    }
    seps.windows(2).all(|w| w[0] == w[1])
}

/// The literals that announce a date of birth, in one automaton (one pass over the text, with
/// the Teddy prefilter): `né`, `Né`, `NÉ` (a birth date follows), `aissance`, `AISSANCE` (the
/// end of `date de naissance`). Pattern ids below 3 are the first kind.
static BIRTH_AC: LazyLock<aho_corasick::AhoCorasick> = LazyLock::new(|| {
    aho_corasick::AhoCorasick::builder()
        .match_kind(aho_corasick::MatchKind::LeftmostFirst)
        .build(["né", "Né", "NÉ", "aissance", "AISSANCE"])
        .expect("valid literals")
});

fn find_birth_dates(text: &str, out: &mut Vec<IdentifierHit>) {
    let b = text.as_bytes();
    let mut push = |re: &Regex, s: usize| {
        let Some(c) = re.captures(window(text, s, 140)) else {
            return;
        };
        // `La créance de la banque est née le…`: a thing's birth (only asked once the date is
        // found: `né` opens many words).
        if c.name("date").is_some() && thing_born_at(text, s) {
            return;
        }
        // `né en 1962 et engagé le 1er septembre 1990`, `né au Maroc et entré en France le…`:
        // the date of another event, not of the birth. Not `né à Lyon 3e le…`, `né à Bordeaux
        // (33) le…`, `né en Bosnie et Herzégovine le…`.
        if c.name("place").is_some_and(|p| {
            let words: Vec<&str> = p.as_str().split_whitespace().collect();
            words
                .first()
                .is_some_and(|w| w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit()))
                || words.windows(2).any(|w| {
                    matches!(w[0], "et" | "puis" | "ou" | "où")
                        && w[1].starts_with(|c: char| c.is_lowercase())
                })
        }) {
            return;
        }
        let Some(mut date) = c.name("date").or_else(|| c.get(1)) else {
            return;
        };
        let mut at = s;
        while clean_right(text, at + date.end()) {
            out.push(IdentifierHit {
                start: at + date.start(),
                end: at + date.end(),
                kind: IdentifierKind::BirthDate,
            });
            // The other dates of a list: `nés les 3 mars 2010 et 5 avril 2012`.
            at += date.end();
            match NEXT_DATE
                .captures(window(text, at, 60))
                .and_then(|c| c.name("date"))
            {
                Some(d) => date = d,
                None => break,
            }
        }
    };
    for m in BIRTH_AC.find_iter(b) {
        let p = m.start();
        if m.pattern().as_usize() < 3 {
            // `né`, `Né`, `NÉ`: a word of its own (`condamné le` is not `né le`).
            if text[..p]
                .chars()
                .next_back()
                .is_some_and(char::is_alphanumeric)
            {
                continue;
            }
            push(&BORN, p);
        } else {
            // `naissance`, any case, after its label (`date de`, `date et lieu de`…).
            let Some(n) = p.checked_sub(1) else {
                continue;
            };
            if !matches!(b[n], b'n' | b'N') || !birth_label_before(text, n) {
                continue;
            }
            push(&BIRTH_DATE, n);
        }
    }
}

/// First words of the local part of an address that is an office's, not a person's
/// (`contact@`, `greffe.tj-paris@`, `no-reply@`): it identifies no natural person.
const FUNCTIONAL_MAILBOXES: &[&str] = &[
    "abuse",
    "accueil",
    "adherents",
    "admin",
    "administration",
    "anonymisation",
    "assurance",
    "barreau",
    "bonjour",
    "candidature",
    "candidatures",
    "client",
    "clients",
    "commande",
    "commandes",
    "communication",
    "compta",
    "comptabilite",
    "conciliateur",
    "conciliation",
    "consommateurs",
    "contact",
    "contacts",
    "contentieux",
    "courrier",
    "direction",
    "dpd",
    "dpo",
    "drh",
    "facturation",
    "gestion",
    "greffe",
    "hello",
    "info",
    "information",
    "informations",
    "infos",
    "juridique",
    "legal",
    "litige",
    "litiges",
    "mairie",
    "mediateur",
    "mediation",
    "newsletter",
    "no",
    "noreply",
    "opendata",
    "ordre",
    "paie",
    "plainte",
    "plaintes",
    "postmaster",
    "press",
    "presse",
    "reclamation",
    "reclamations",
    "recouvrement",
    "recrutement",
    "redaction",
    "relation",
    "ressources",
    "rgpd",
    "rh",
    "sav",
    "secretariat",
    "service",
    "serviceclient",
    "services",
    "signalement",
    "sinistre",
    "sinistres",
    "standard",
    "support",
    "webmaster",
];

/// Whether an address's domain is a court's (`justice.fr`, `conseil-etat.fr`,
/// `courdecassation.fr` and their subdomains) or has `avocat`, `notaire`, `huissier` or
/// `barreau` in it (`morel-avocats.fr`): whoever it names, it is a magistrate's, a clerk's or
/// a lawyer's acting as such, not a party's. Not a ministry's (`gouv.fr`): a civil servant may
/// be a party before the administrative courts.
fn is_institutional_domain(domain: &str) -> bool {
    let d = domain.to_ascii_lowercase();
    ["justice.fr", "conseil-etat.fr", "courdecassation.fr"]
        .iter()
        .any(|i| {
            d.strip_suffix(i)
                .is_some_and(|r| r.is_empty() || r.ends_with('.'))
        })
        || ["avocat", "notaire", "huissier", "barreau"]
            .iter()
            .any(|w| d.contains(w))
}

/// Whether the local part of an e-mail address is an office's: its first word is one of
/// [`FUNCTIONAL_MAILBOXES`] (`sinistres@axa.fr`, `ressources.humaines@…`), or the whole local
/// part is a word of the domain, the body's own name (`cnil@cnil.fr`,
/// `mediateur@mediateur-energie.fr`).
fn is_functional_mailbox(local: &str, domain: &str) -> bool {
    let first = local
        .split(['.', '-', '_', '+'])
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase();
    FUNCTIONAL_MAILBOXES.contains(&first.as_str())
        || domain
            .rsplit_once('.')
            .map_or(domain, |(name, _)| name)
            .split(['.', '-'])
            .any(|w| w.len() >= 3 && w.eq_ignore_ascii_case(local))
}

fn find_emails(text: &str, out: &mut Vec<IdentifierHit>) {
    let b = text.as_bytes();
    let local = |c: u8| c.is_ascii_alphanumeric() || matches!(c, b'.' | b'_' | b'%' | b'+' | b'-');
    let domain = |c: u8| c.is_ascii_alphanumeric() || matches!(c, b'.' | b'-');
    let mut last_end = 0;
    for at in memchr::memchr_iter(b'@', b) {
        if at < last_end {
            continue;
        }
        let mut s = at;
        while s > last_end && local(b[s - 1]) {
            s -= 1;
        }
        while s < at && matches!(b[s], b'.' | b'-') {
            s += 1;
        }
        let mut e = at + 1;
        while e < b.len() && domain(b[e]) {
            e += 1;
        }
        while e > at + 1 && matches!(b[e - 1], b'.' | b'-') {
            e -= 1;
        }
        if s == at || e <= at + 1 {
            continue;
        }
        let dom = &text[at + 1..e];
        let Some(dot) = dom.rfind('.') else {
            continue;
        };
        let tld = &dom[dot + 1..];
        if dot == 0 || tld.len() < 2 || !tld.bytes().all(|c| c.is_ascii_alphabetic()) {
            continue;
        }
        if is_functional_mailbox(&text[s..at], dom) || is_institutional_domain(dom) {
            last_end = e;
            continue;
        }
        out.push(IdentifierHit {
            start: s,
            end: e,
            kind: IdentifierKind::Email,
        });
        last_end = e;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<(&str, IdentifierKind)> {
        find_identifiers(text)
            .into_iter()
            .map(|h| (&text[h.start..h.end], h.kind))
            .collect()
    }

    /// Court style that looks like personal data and is not: a claim's birth, a hiring date
    /// after the year of birth, references and parcels, offices' and law firms' addresses.
    #[test]
    fn references_claims_and_offices_are_not_personal_data() {
        for t in [
            "La créance de la banque est née le 12 mars 2016, date du prononcé du jugement.",
            // Without an auxiliary: `né` qualifies the thing just before it.
            "La créance née le 12 mars 2016 du contrat de prêt n'a pas été déclarée au passif.",
            "le litige né le 3 mars 2015 entre les parties relève de la compétence du tribunal.",
            "Le préjudice né le 3 mars 2015 de la perte de chance doit être réparé.",
            "Les créances nées le 3 mars 2015, date du jugement d'ouverture, sont soumises",
            "le droit à déduction né le 3 mars 2015 a été exercé tardivement.",
            "La société Alpha, née le 1er janvier 2010 de la fusion des sociétés Beta et Gamma",
            "le différend né le 12 mai 2018 a été soumis à l'arbitrage.",
            "L'obligation de reclassement née le 26 avril 2018 de l'avis d'inaptitude",
            "l'action née le 3 mars 2015 se prescrit par cinq ans.",
            "Le contentieux né le 3 mars 2015 de l'exécution du marché",
            "La dette fiscale née le 31 décembre 2015 a été recouvrée.",
            "Le besoin de financement né le 3 mars 2015 a justifié l'octroi du prêt.",
            "que les créances salariales nées le 3 mars 2015 sont garanties",
            "Le droit à indemnisation de M. [K] est né le 3 mars 2015.",
            "M. [K], né en 1962 et engagé le 1er septembre 1990 en qualité de chauffeur",
            "M. [K], né au Maroc et entré en France le 3 mars 1990, a sollicité un titre.",
            "Selon l'offre de prêt n° 0712345678 acceptée le 3 mars 2015, le taux était de 2 %.",
            "la réunion des lots numéros 05 06 07 08 09 de l'état descriptif de division",
            "l'arrêté préfectoral n° 2019-DDT-45 du 3 mars 2019",
            "LA PARCELLE CADASTRÉE AB 123 LE BOURG",
            "Le bon de commande porte la référence BC-456-DE.",
            "la police d'assurance n° 06 12 34 56 78",
            "la déclaration de créance n° 06 12 34 56 78",
            "le marché public n° 06 12 34 56 78 notifié le 3 mars 2015",
            "N° de minute 06 12 34 56 78",
            "écrire à ordre@barreau-lyon.com, rh@dilo-guyane.fr ou commandes@dilo-guyane.fr",
            "le signaler à anonymisation.sder.courdecassation@justice.fr",
            "Me Sophie Morel (s.morel@morel-avocats.fr) a déposé des conclusions.",
        ] {
            assert_eq!(found(t), vec![], "{t}");
        }
    }

    /// Phones, plates and dates of birth that court style around them must not hide.
    #[test]
    fn personal_data_near_numbers_places_and_claims() {
        use IdentifierKind::{BirthDate, Email, Phone, VehiclePlate};
        for (t, want) in [
            (
                "les appels provenant du numéro 06 12 34 56 78 attribué à M. [K]",
                ("06 12 34 56 78", Phone),
            ),
            (
                "l'interception de la ligne n° 06 12 34 56 78 utilisée par M. [K]",
                ("06 12 34 56 78", Phone),
            ),
            (
                "sa déclaration de créance mentionne son portable, n° 06 12 34 56 78",
                ("06 12 34 56 78", Phone),
            ),
            (
                "la police l'a joint au 06 12 34 56 78",
                ("06 12 34 56 78", Phone),
            ),
            (
                "le véhicule immatriculé n° AB-123-CD",
                ("AB-123-CD", VehiclePlate),
            ),
            (
                "immatriculé sous le numéro AB-123-CD",
                ("AB-123-CD", VehiclePlate),
            ),
            (
                "à l'intersection de la rue, le véhicule AB-123-CD de M. [K]",
                ("AB-123-CD", VehiclePlate),
            ),
            (
                "la section de recherches a contrôlé le véhicule AB-123-CD",
                ("AB-123-CD", VehiclePlate),
            ),
            (
                "M. [K] né à Lyon 3e le 3 mars 1975",
                ("3 mars 1975", BirthDate),
            ),
            (
                "M. [K] né à Bordeaux (33) le 3 mars 1975",
                ("3 mars 1975", BirthDate),
            ),
            (
                "M. [K], né à Paris 15e, le 3 mars 1975",
                ("3 mars 1975", BirthDate),
            ),
            (
                "M. [K], né en Bosnie et Herzégovine le 3 mars 1975",
                ("3 mars 1975", BirthDate),
            ),
            (
                "l'action en contestation de paternité de l'enfant [S] né le 12 mai 2010",
                ("12 mai 2010", BirthDate),
            ),
            (
                "le préjudice subi par l'enfant [S] né le 12 mai 2010",
                ("12 mai 2010", BirthDate),
            ),
            (
                "l'intérêt de l'enfant [S] né le 12 mai 2010",
                ("12 mai 2010", BirthDate),
            ),
            (
                "le droit de visite du père sur l'enfant [S] né le 12 mai 2010",
                ("12 mai 2010", BirthDate),
            ),
            (
                "le gérant de la société [1] né le 12 mai 1960",
                ("12 mai 1960", BirthDate),
            ),
            (
                "La fille de M. [K] est née le 12 mai 2010.",
                ("12 mai 2010", BirthDate),
            ),
            // A person between the thing and `né`, a noun that does not agree, a body that is
            // not the subject: the person's birth.
            (
                "la créance de Mme [K] née le 3 mars 1975 a été admise",
                ("3 mars 1975", BirthDate),
            ),
            (
                "la créance de Mme Durand née le 3 mars 1975 a été admise",
                ("3 mars 1975", BirthDate),
            ),
            (
                "le litige opposant M. [K], né le 3 mars 1975, à son employeur",
                ("3 mars 1975", BirthDate),
            ),
            (
                "la gérante de la société Alpha, née le 12 mai 1960, demeurant à Lyon",
                ("12 mai 1960", BirthDate),
            ),
            (
                "le préjudice de l'enfant né le 12 mai 2010 a été réparé",
                ("12 mai 2010", BirthDate),
            ),
            (
                "le préjudice subi par sa fille née le 12 mai 2010",
                ("12 mai 2010", BirthDate),
            ),
            (
                "Mme [K], salariée de l'association, née le 3 mars 1975",
                ("3 mars 1975", BirthDate),
            ),
            (
                "écrire à jean.dupont@interieur.gouv.fr",
                ("jean.dupont@interieur.gouv.fr", Email),
            ),
        ] {
            assert_eq!(found(t), vec![want], "{t}");
        }
    }

    /// Dates of birth in a list, after a maiden name, or of a child whose birth is the subject.
    #[test]
    fn dates_of_birth_in_lists_and_after_a_maiden_name() {
        use IdentifierKind::BirthDate;
        assert_eq!(
            found("Les enfants [S] et [T], nés les 3 mars 2010 et 5 avril 2012, résident"),
            vec![("3 mars 2010", BirthDate), ("5 avril 2012", BirthDate)]
        );
        assert_eq!(
            found("les enfants [S] et [T], nés respectivement les 3 mars 2010 et 5 avril 2012"),
            vec![("3 mars 2010", BirthDate), ("5 avril 2012", BirthDate)]
        );
        assert_eq!(
            found("Les enfants, nés les 3 mars 2010, 5 avril 2012 et 6 mai 2014, résident"),
            vec![
                ("3 mars 2010", BirthDate),
                ("5 avril 2012", BirthDate),
                ("6 mai 2014", BirthDate)
            ]
        );
        assert_eq!(
            found("Mme [K] [L], née [M], le 3 mars 1975 à Lyon"),
            vec![("3 mars 1975", BirthDate)]
        );
        assert_eq!(
            found("Mme [K], dont le fils est né le 3 mars 2010, demande"),
            vec![("3 mars 2010", BirthDate)]
        );
        assert_eq!(
            found("M. [K], né à Saint-Étienne (Loire), le 3 mars 1962"),
            vec![("3 mars 1962", BirthDate)]
        );
        // A NIR after `n°` is still one; a mobile after a comma too.
        assert_eq!(
            found("numéro de sécurité sociale n° 1 85 05 78 006 084 91"),
            vec![("1 85 05 78 006 084 91", IdentifierKind::Nir)]
        );
        assert_eq!(
            found("son portable, 06 12 34 56 78, figure au dossier"),
            vec![("06 12 34 56 78", IdentifierKind::Phone)]
        );
    }

    #[test]
    fn labels_take_their_article() {
        let got: Vec<String> = IdentifierKind::ALL
            .iter()
            .map(|k| k.with_article())
            .collect();
        assert_eq!(
            got,
            [
                "a social security number",
                "an IBAN",
                "a phone number",
                "an e-mail address",
                "a date of birth",
                "a vehicle plate"
            ]
        );
    }

    #[test]
    fn nir_keys() {
        // 1 85 05 78 006 084, key 97 − (1850578006084 mod 97) = 91, checked by hand with bc.
        assert!(nir_key_ok("185057800608491"));
        assert!(!nir_key_ok("185057800608492"));
        // Corsica: 2A read as 19 (2690519004013 mod 97 = 70, key 27, checked with python).
        assert!(nir_key_ok("269052A00401327"));
        assert_eq!(
            found("son numéro de sécurité sociale 1 85 05 78 006 084 91."),
            vec![("1 85 05 78 006 084 91", IdentifierKind::Nir)]
        );
    }

    #[test]
    fn ibans() {
        assert!(iban_ok(b"FR1420041010050500013M02606"));
        assert!(!iban_ok(b"FR1420041010050500013M02607"));
        assert_eq!(
            found("IBAN FR14 2004 1010 0505 0001 3M02 606 au nom de"),
            vec![("FR14 2004 1010 0505 0001 3M02 606", IdentifierKind::Iban)]
        );
    }

    #[test]
    fn phones_emails_plates_birth_dates() {
        use IdentifierKind::*;
        assert_eq!(
            found(
                "tél. 06 12 34 56 78, 06.12.34.56.78, +33 6 12 34 56 78, 0612345678, \
                 jean.dupont@example.fr, véhicule AB-123-CD puis AB 123 CD et 1234 AB 75, \
                 né le 3 mars 1975, née le 03/03/1975, né(e) le 1er avril 1980, \
                 Née à Saint-Denis, le 4 mai 1990, Date de naissance : 05/06/1971, \
                 né en Algérie le 12 mars 1961, né au Maroc le 13 mars 1962"
            ),
            vec![
                ("06 12 34 56 78", Phone),
                ("06.12.34.56.78", Phone),
                ("+33 6 12 34 56 78", Phone),
                ("0612345678", Phone),
                ("jean.dupont@example.fr", Email),
                ("AB-123-CD", VehiclePlate),
                ("AB 123 CD", VehiclePlate),
                ("1234 AB 75", VehiclePlate),
                ("3 mars 1975", BirthDate),
                ("03/03/1975", BirthDate),
                ("1er avril 1980", BirthDate),
                ("4 mai 1990", BirthDate),
                ("05/06/1971", BirthDate),
                ("12 mars 1961", BirthDate),
                ("13 mars 1962", BirthDate),
            ]
        );
    }

    /// In a text in capitals, numbers joined by a short word have a plate's shape; they are
    /// prose. Plates, even among capitals, are still found.
    #[test]
    fn numbers_joined_by_a_word_in_capitals_are_not_plates() {
        assert_eq!(
            found(
                "PAR CES MOTIFS, LA COUR : VU LES ARTICLES 6 ET 13 DE LA CONVENTION, \
                 LES PIÈCES 12 A 15 SONT ÉCARTÉES, DU 12 AU 15 MARS 2019, ARTICLES 1 ET 22, \
                 N° 12 RG 34, VU LE 123 ET LE 124"
            ),
            vec![]
        );
        use IdentifierKind::VehiclePlate;
        assert_eq!(
            found(
                "LE VÉHICULE IMMATRICULÉ 1234 AB 75, PUIS 123-ABC-2A, ENFIN LE-123-ET ET AB 123 ET"
            ),
            vec![
                ("1234 AB 75", VehiclePlate),
                ("123-ABC-2A", VehiclePlate),
                ("LE-123-ET", VehiclePlate),
                ("AB 123 ET", VehiclePlate),
            ]
        );
        // Announced as a plate, letters that spell a word are a plate's.
        assert_eq!(
            found(
                "conducteur du véhicule immatriculé 1234 DE 75, puis plaque : LE 123 ET, \
                 LE VÉHICULE IMMATRICULÉ 56 ET 13"
            ),
            vec![
                ("1234 DE 75", VehiclePlate),
                ("LE 123 ET", VehiclePlate),
                ("56 ET 13", VehiclePlate),
            ]
        );
    }

    /// Phone numbers of other countries; amounts after a `+` are none.
    #[test]
    fn foreign_phones() {
        for (t, want) in [
            ("joignable au +32 470 12 34 56.", "+32 470 12 34 56"),
            ("joignable au +41 79 123 45 67", "+41 79 123 45 67"),
            ("tél. : +44 20 7946 0958", "+44 20 7946 0958"),
            ("tél. : +212 6 12 34 56 78", "+212 6 12 34 56 78"),
            ("tél. : +32470123456", "+32470123456"),
            ("tél. : +32 (0)470 12 34 56", "+32 (0)470 12 34 56"),
        ] {
            assert_eq!(found(t), vec![(want, IdentifierKind::Phone)], "{t}");
        }
        for t in [
            "une augmentation de +10 000 000 euros",
            "le solde est de +1 234 567 890 euros",
            "la hausse est de +12,5 % par an",
            "une variation de +123456 euros",
            "+32 470.12 34 56",
        ] {
            assert_eq!(found(t), vec![], "{t}");
        }
    }

    /// A date of birth written as exports and databases write it (ISO 8601, SPEC §1.2's
    /// `YYYY-MM-DD`), after a label or after `né le`, as the French spellings are.
    #[test]
    fn dates_of_birth_in_iso_form() {
        for (text, date) in [
            ("Date de naissance : 1982-07-14.", "1982-07-14"),
            ("Mme [X], née le 1982-07-14, a été licenciée.", "1982-07-14"),
            ("nés les 2010-03-03 et 2012-04-05", "2010-03-03"),
        ] {
            let hits = find_identifiers(text);
            let births: Vec<&str> = hits
                .iter()
                .filter(|h| h.kind == IdentifierKind::BirthDate)
                .map(|h| &text[h.start..h.end])
                .collect();
            assert_eq!(births.first().copied(), Some(date), "{text}: {births:?}");
        }
        // Another date of the narrative in ISO form is none.
        assert!(find_identifiers("Le contrat a été signé le 1982-07-14.").is_empty());
    }

    /// A date of birth after its label however the label is worded; other dates after
    /// `naissance` are none.
    #[test]
    fn dates_of_birth_after_any_label() {
        for (t, want) in [
            (
                "Date et lieu de naissance : 12 mars 1975 à Lyon",
                "12 mars 1975",
            ),
            ("Date de naissance du salarié : 3 mars 1975", "3 mars 1975"),
            (
                "Lieu et date de naissance : Lyon, le 12 mars 1975",
                "12 mars 1975",
            ),
            ("DATE DE NAISSANCE : 03/03/1975", "03/03/1975"),
        ] {
            assert_eq!(found(t), vec![(want, IdentifierKind::BirthDate)], "{t}");
        }
        for t in [
            "Il a été statué sur la date de naissance de la créance du 12/03/2016.",
            "la date de naissance de la société est inconnue",
            "Date de l'audience : 12 mars 2019",
            "la naissance : 3 mars 2010",
        ] {
            assert_eq!(found(t), vec![], "{t}");
        }
    }

    /// An office's address identifies no natural person; a person's does, whatever the domain.
    #[test]
    fn functional_mailboxes_are_not_personal() {
        assert_eq!(
            found(
                "écrire à contact@editeur.fr, greffe.tj-paris@justice.fr, no-reply@x.com, \
                 Redaction@Dalloz.fr ou à helene.contact@gmail.com, jmartin@cabinet-martin.fr"
            ),
            vec![
                ("helene.contact@gmail.com", IdentifierKind::Email),
                ("jmartin@cabinet-martin.fr", IdentifierKind::Email),
            ]
        );
        // Companies' and bodies' services, and a body's own name as its address.
        for t in [
            "à l'adresse sinistres@axa.fr",
            "à l'adresse serviceclient@free.fr",
            "à l'adresse litiges@sncf.fr",
            "à l'adresse reclamations@edf.fr",
            "à l'adresse relation.client@banque.fr",
            "à l'adresse ressources.humaines@entreprise.fr",
            "à l'adresse paie@entreprise.fr",
            "à l'adresse conciliateur@ville-lyon.fr",
            "à l'adresse cnil@cnil.fr",
            "à l'adresse dpd@macif.fr",
            "à l'adresse mediateur@mediateur-energie.fr",
        ] {
            assert_eq!(found(t), vec![], "{t}");
        }
        // A person's address, whatever the domain's name.
        for (t, a) in [
            ("à l'adresse jean.dupont@gmail.com", "jean.dupont@gmail.com"),
            ("à l'adresse jean@dupont.fr", "jean@dupont.fr"),
            (
                "à l'adresse j.martin@martin-conseil.fr",
                "j.martin@martin-conseil.fr",
            ),
            (
                "à l'adresse paul.sinistre@gmail.com",
                "paul.sinistre@gmail.com",
            ),
        ] {
            assert_eq!(found(t), vec![(a, IdentifierKind::Email)], "{t}");
        }
    }

    #[test]
    fn no_false_alarms_on_court_numbers() {
        for t in [
            "pourvoi n° 19-19.463, RG 20/00804, article L. 1234-5 du code du travail",
            "l'audience publique du 3 octobre 2023, condamné le 3 mars 2020, donné le 5 mai 2021",
            "SIREN 443 061 841, SIRET 443 061 841 00047, ECLI:FR:CCASS:2023:CR01078",
            "la somme de 1 234 567,89 euros et 3 000 euros au titre de l'article 700",
            "N° E 23-80.251 F-B, N° 01078, arrêt n° 971 FS-B, [Courriel 1], [Immatriculation 2]",
        ] {
            assert_eq!(found(t), vec![], "{t}");
        }
    }
}

/// The shortcuts of the number scan against what they stand for.
#[cfg(test)]
mod shortcut_tests {
    use super::*;
    use proptest::prelude::*;

    /// Text dense in digits, separators and the letters of IBANs and plates.
    fn numbery() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            4 => "[0-9]{1,5}",
            2 => prop::sample::select(vec![
                " ", ".", "-", "/", ",", "\u{a0}", "\u{202f}", "+", "+33", "(0)", "2A", "2b", "é",
                "\n",
            ])
            .prop_map(str::to_string),
            2 => "[A-Za-z]{1,3}",
            1 => prop::sample::select(vec![
                "1 85 05 78 006 084 91", "269052A00401327", "06 12 34 56 78", "0033 6 12 34 56 78",
                "1234 AB 75", "123-ABC-2A", "AB-123-CD", "FR14 2004 1010 0505 0001 3M02 606",
            ])
            .prop_map(str::to_string),
        ];
        prop::collection::vec(piece, 0..30).prop_map(|v| v.concat())
    }

    fn check_may_match(text: &str) {
        let b = text.as_bytes();
        for d in 0..b.len() {
            if !b[d].is_ascii_digit() || !text.is_char_boundary(d) {
                continue;
            }
            let w = window(text, d, 40);
            if NIR.is_match(w) {
                assert!(may_match::nir(b, d), "NIR at {d}: {w:?}");
            }
            if PHONE.is_match(w) {
                assert!(may_match::phone(b, d), "phone at {d}: {w:?}");
            }
            if FNI_PLATE.is_match(w) {
                assert!(may_match::fni_plate(b, d), "plate at {d}: {w:?}");
            }
        }
    }

    #[test]
    fn nir_shortcut_knows_the_range_of_the_first_digit() {
        // `[1-478]` holds 3 and 4: proptest found the first version of the shortcut missing
        // them.
        for t in [
            "300000000000000",
            "4 00 00 00 000 000 00",
            "1 85 05 78 006 084 91",
        ] {
            check_may_match(t);
            assert!(may_match::nir(t.as_bytes(), 0), "{t}");
        }
        assert!(!may_match::nir(b"500000000000000", 0));
    }

    #[test]
    fn shortcuts_on_the_real_decisions() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data");
        for dir in ["dila-cass", "judilibre", "ce"] {
            for e in std::fs::read_dir(root.join(dir)).unwrap() {
                let Ok(text) = std::fs::read_to_string(e.unwrap().path()) else {
                    continue;
                };
                check_may_match(&text);
                // The automaton finds every literal where a plain search for each finds it.
                let b = text.as_bytes();
                let mut want: Vec<(usize, usize)> = ["né", "Né", "NÉ", "aissance", "AISSANCE"]
                    .iter()
                    .enumerate()
                    .flat_map(|(k, lit)| memchr::memmem::find_iter(b, lit).map(move |p| (p, k)))
                    .collect();
                want.sort_unstable();
                let got: Vec<(usize, usize)> = BIRTH_AC
                    .find_iter(b)
                    .map(|m| (m.start(), m.pattern().as_usize()))
                    .collect();
                assert_eq!(got, want);
            }
        }
    }

    /// Every byte value, at every place of a 32-byte block and of the tail after it: found
    /// exactly when it is a digit.
    #[test]
    fn find_digit_tells_every_byte() {
        for x in 0..=255u8 {
            for at in 0..40 {
                let mut b = vec![b'a'; 40];
                b[at] = x;
                let want = x.is_ascii_digit().then_some(at);
                assert_eq!(find_digit(&b), want, "{x:#x} at {at}");
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        #[test]
        fn find_digit_is_position(
            bytes in prop::collection::vec(
                prop_oneof![Just(b'0'), Just(b'9'), Just(b'/'), Just(b':'), any::<u8>()],
                0..70,
            ),
            start in 0usize..70,
        ) {
            let b = &bytes[start.min(bytes.len())..];
            prop_assert_eq!(find_digit(b), b.iter().position(u8::is_ascii_digit));
            prop_assert_eq!(find_digit_swar(b), b.iter().position(u8::is_ascii_digit));
        }

        #[test]
        fn shortcuts_never_skip_a_match(text in numbery()) {
            check_may_match(&text);
        }
    }
}
