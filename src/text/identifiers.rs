//! The detector of direct identifiers in clear (MSK005): social security numbers (NIR, key
//! checked), IBANs (mod-97 checked), French phone numbers, e-mail addresses, dates of birth and
//! vehicle plates.
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
}

/// One identifier in clear; `start..end` are byte offsets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IdentifierHit {
    pub start: usize,
    pub end: usize,
    pub kind: IdentifierKind,
}

/// Separator allowed between the groups of a number: space, dot, non-breaking spaces.
const SEP: &str = r"(?:[ .\-]|\x{a0}|\x{202f})?";

static NIR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"[1-478]{SEP}[0-9]{{2}}{SEP}[0-9]{{2}}{SEP}(?:[0-9]{{2}}|2[ABab]){SEP}[0-9]{{3}}{SEP}[0-9]{{3}}{SEP}[0-9]{{2}}"
    ))
    .expect("NIR regex")
});

static IBAN_START: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[A-Z]{2}[0-9]{2} ?[A-Z0-9]{4}").expect("IBAN regex"));

static PHONE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?:(?:\+33|0033){SEP}(?:\(0\){SEP})?[1-9]|0[1-9])(?:{SEP}[0-9]{{2}}){{4}}"
    ))
    .expect("phone regex")
});

const MONTHS: &str = "janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|novembre|décembre|decembre";

static BIRTH: LazyLock<Regex> = LazyLock::new(|| {
    let date = format!(
        r"(?:(?:1er|[0-9]{{1,2}})(?: |\x{{a0}})+(?i:{MONTHS})(?: |\x{{a0}})+[0-9]{{4}}|[0-9]{{1,2}}[/.\-][0-9]{{1,2}}[/.\-](?:[0-9]{{4}}|[0-9]{{2}}))"
    );
    Regex::new(&format!(
        r"(?:(?:[Nn]ée?s?|[Nn]é\(e\)|NÉE?)\s+(?:à\s+[^,;.\n]{{1,60}}?,?\s+)?(?:le|LE)\s+|(?i:date\s+de\s+naissance)\s*:?\s*(?:le\s+|du\s+)?)({date})"
    ))
    .expect("birth date regex")
});

/// SIV plates (`AB-123-CD`, `AB 123 CD`, `AB123CD`: no I, O, U) and the older FNI ones
/// (`1234 AB 75`).
static PLATE: LazyLock<Regex> = LazyLock::new(|| {
    let l = "[A-HJ-NP-TV-Z]";
    Regex::new(&format!(
        r"{l}{{2}}(?:-[0-9]{{3}}-|[ ][0-9]{{3}}[ ]|[0-9]{{3}}){l}{{2}}|[0-9]{{1,4}}(?:[ ][A-HJ-NP-Z]{{1,3}}[ ]|-[A-HJ-NP-Z]{{1,3}}-)(?:0[1-9]|[1-8][0-9]|9[0-5]|2[AB]|97[1-6])"
    ))
    .expect("plate regex")
});

pub fn find_identifiers(text: &str) -> Vec<IdentifierHit> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let has_digit = bytes.iter().any(u8::is_ascii_digit);
    if has_digit {
        find_nir(text, &mut out);
        find_iban(text, &mut out);
        find_phones(text, &mut out);
        find_plates(text, &mut out);
        if memchr::memmem::find(bytes, "né".as_bytes()).is_some()
            || memchr::memmem::find(bytes, "NÉ".as_bytes()).is_some()
            || memchr::memmem::find(bytes, b"aissance").is_some()
            || memchr::memmem::find(bytes, b"AISSANCE").is_some()
        {
            find_birth_dates(text, &mut out);
        }
    }
    if memchr::memchr(b'@', bytes).is_some() {
        find_emails(text, &mut out);
    }
    out.sort_by_key(|h| (h.start, std::cmp::Reverse(h.end)));
    // One exposure, one hit: drop hits inside an earlier one.
    let mut kept: Vec<IdentifierHit> = Vec::with_capacity(out.len());
    for h in out {
        if kept.last().is_some_and(|k| h.start < k.end) {
            continue;
        }
        kept.push(h);
    }
    kept
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

fn find_nir(text: &str, out: &mut Vec<IdentifierHit>) {
    let mut pos = 0;
    while let Some(m) = NIR.find_at(text, pos) {
        pos = m.start() + 1;
        while !text.is_char_boundary(pos) {
            pos += 1;
        }
        if !clean_left(text, m.start()) || !clean_right(text, m.end()) {
            continue;
        }
        if nir_key_ok(m.as_str()) {
            out.push(IdentifierHit {
                start: m.start(),
                end: m.end(),
                kind: IdentifierKind::Nir,
            });
            pos = m.end();
        }
    }
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

fn find_iban(text: &str, out: &mut Vec<IdentifierHit>) {
    let b = text.as_bytes();
    let mut pos = 0;
    while let Some(m) = IBAN_START.find_at(text, pos) {
        let s = m.start();
        pos = s + 1;
        if s > 0 && b[s - 1].is_ascii_alphanumeric() {
            continue;
        }
        // Collect up to 34 alphanumerics, single spaces allowed between them; remember where
        // each group ends so that the IBAN may stop there.
        let mut compact = [0u8; 34];
        let mut n = 0;
        let mut ends: Vec<(usize, usize)> = Vec::new(); // (compact length, byte end)
        let mut i = s;
        while i < b.len() && n < 34 {
            let c = b[i];
            if c.is_ascii_uppercase() || c.is_ascii_digit() {
                compact[n] = c;
                n += 1;
                i += 1;
                if i >= b.len() || !(b[i].is_ascii_uppercase() || b[i].is_ascii_digit()) {
                    ends.push((n, i));
                }
            } else if c == b' '
                && i + 1 < b.len()
                && (b[i + 1].is_ascii_uppercase() || b[i + 1].is_ascii_digit())
                && n > 0
            {
                i += 1;
            } else {
                break;
            }
        }
        if n == 34 && i < b.len() && b[i].is_ascii_alphanumeric() {
            ends.push((n, i));
        }
        for &(len, end) in ends.iter().rev() {
            if len < 15 {
                break;
            }
            if !clean_right(text, end) && end < b.len() && b[end].is_ascii_alphanumeric() {
                continue;
            }
            if iban_ok(&compact[..len]) {
                out.push(IdentifierHit {
                    start: s,
                    end,
                    kind: IdentifierKind::Iban,
                });
                pos = end;
                break;
            }
        }
    }
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

fn find_phones(text: &str, out: &mut Vec<IdentifierHit>) {
    let mut pos = 0;
    while let Some(m) = PHONE.find_at(text, pos) {
        pos = m.start() + 1;
        while !text.is_char_boundary(pos) {
            pos += 1;
        }
        let s = m.start();
        let left_ok = if text.as_bytes()[s] == b'+' {
            s == 0 || !text.as_bytes()[s - 1].is_ascii_alphanumeric()
        } else {
            clean_left(text, s)
        };
        if left_ok && clean_right(text, m.end()) && consistent_separators(m.as_str()) {
            out.push(IdentifierHit {
                start: s,
                end: m.end(),
                kind: IdentifierKind::Phone,
            });
            pos = m.end();
        }
    }
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

fn find_plates(text: &str, out: &mut Vec<IdentifierHit>) {
    let b = text.as_bytes();
    let mut pos = 0;
    while let Some(m) = PLATE.find_at(text, pos) {
        pos = m.start() + 1;
        while !text.is_char_boundary(pos) {
            pos += 1;
        }
        let (s, e) = (m.start(), m.end());
        let left_ok = s == 0 || !(b[s - 1].is_ascii_alphanumeric() || b[s - 1] >= 0x80);
        let right_ok = e >= b.len() || !(b[e].is_ascii_alphanumeric() || b[e] >= 0x80);
        // `1234 AB 75`: not inside a longer run of numbers.
        let num_ok = !b[s].is_ascii_digit() || clean_left(text, s) && clean_right(text, e);
        if left_ok && right_ok && num_ok {
            out.push(IdentifierHit {
                start: s,
                end: e,
                kind: IdentifierKind::VehiclePlate,
            });
            pos = e;
        }
    }
}

fn find_birth_dates(text: &str, out: &mut Vec<IdentifierHit>) {
    for c in BIRTH.captures_iter(text) {
        let (Some(all), Some(date)) = (c.get(0), c.get(1)) else {
            continue;
        };
        // `condamné le`, `donné le` are not `né le`.
        if text[..all.start()]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric)
        {
            continue;
        }
        if !clean_right(text, date.end()) {
            continue;
        }
        out.push(IdentifierHit {
            start: date.start(),
            end: date.end(),
            kind: IdentifierKind::BirthDate,
        });
    }
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
                 né le 3 mars 1975, née le 03/03/1975, né(e) le 1er avril 1980"
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
            ]
        );
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
