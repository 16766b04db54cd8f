//! Shared by `tests/masking_eval.rs` and `examples/masking_eval.rs`: loads the real decisions,
//! plants labelled party names and identifiers into them, and scores the detectors.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use vigie::ident::MONTHS_FR;
use vigie::text::identifiers::{IdentifierKind, find_identifiers};
use vigie::text::markers::{MarkerKind, find_markers};
use vigie::text::names::find_person_names;

/// One real decision: its file, its text (line breaks kept) and the professionals its metadata
/// names (PRESIDENT, AVOCAT_GL, AVOCATS, RAPPORTEUR).
#[derive(Clone)]
pub struct Decision {
    pub file: String,
    pub text: String,
    pub professionals: Vec<String>,
}

pub fn data_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data")
}

/// Text of the first `<tag>…</tag>` of `xml`, `<br/>` made line breaks, other tags dropped,
/// entities decoded.
pub fn xml_text(xml: &str, tag: &str) -> Option<String> {
    let open = format!("<{tag}>");
    let close = format!("</{tag}>");
    let s = xml.find(&open)? + open.len();
    let e = s + xml[s..].find(&close)?;
    let raw = &xml[s..e];
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(i) = rest.find('<') {
        out.push_str(&rest[..i]);
        let j = rest[i..].find('>').map_or(rest.len(), |j| i + j + 1);
        let tagtxt = &rest[i..j];
        if tagtxt.starts_with("<br") {
            out.push('\n');
        }
        rest = &rest[j..];
    }
    out.push_str(rest);
    Some(html_escape::decode_html_entities(&out).into_owned())
}

pub fn load_dila() -> Vec<Decision> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(data_dir().join("dila-cass"))
        .expect("tests/data/dila-cass")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "xml"))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let xml = std::fs::read_to_string(&p).unwrap();
            let text = xml_text(&xml, "CONTENU").expect("CONTENU");
            let professionals = ["PRESIDENT", "AVOCAT_GL", "AVOCATS", "RAPPORTEUR"]
                .iter()
                .filter_map(|t| xml_text(&xml, t))
                .filter(|s| !s.trim().is_empty())
                .collect();
            Decision {
                file: p.file_name().unwrap().to_string_lossy().into_owned(),
                text,
                professionals,
            }
        })
        .collect()
}

/// The decisions as vigie compares them: normalised (SPEC §1.4), so on one line with single
/// spaces. The rules run the detectors on this form.
pub fn normalised(decisions: &[Decision]) -> Vec<Decision> {
    decisions
        .iter()
        .map(|d| Decision {
            file: d.file.clone(),
            text: vigie::text::normalize::normalize(&d.text, false),
            professionals: d.professionals.clone(),
        })
        .collect()
}

pub fn load_ce() -> String {
    let xml = std::fs::read_to_string(data_dir().join("ce/ORTA_2520143_20251205.xml")).unwrap();
    xml_text(&xml, "Texte_Integral").unwrap()
}

/// A tiny deterministic generator (Knuth's MMIX LCG): the labelled sets are the same on every
/// run and every machine.
pub struct Lcg(u64);

impl Lcg {
    pub fn new(seed: u64) -> Self {
        Lcg(seed)
    }
    pub fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    pub fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[self.below(xs.len())]
    }
}

/// First names and surnames of the planted parties. None is the surname of a magistrate or
/// lawyer of these decisions (a party sharing a magistrate's surname in the same decision is
/// read as the magistrate: a known limit).
pub const FIRST_NAMES: &[&str] = &[
    "Jean",
    "Marie",
    "Sophie",
    "Pierre",
    "Nathalie",
    "Karim",
    "Fatima",
    "Thomas",
    "Camille",
    "Lucas",
    "Léa",
    "Hélène",
    "François",
    "Amélie",
    "Mohamed",
    "Chloé",
    "Étienne",
    "Inès",
    "Yasmine",
    "Olivier",
    "Isabelle",
    "Julien",
    "Aurélie",
    "Youssef",
];
pub const COMPOUND_FIRST_NAMES: &[&str] = &[
    "Jean-Pierre",
    "Marie-Claire",
    "Anne-Sophie",
    "Jean-Baptiste",
    "Marie-Hélène",
    "Pierre-Yves",
];
pub const SURNAMES: &[&str] = &[
    "Durand",
    "Lambert",
    "Moreau",
    "Girard",
    "Lefebvre",
    "Kaminski",
    "Nguyen",
    "Benali",
    "Fournier",
    "Mercier",
    "Faure",
    "Chevallier",
    "Garnier",
    "Haddad",
    "Traoré",
    "Diallo",
    "Lemaire",
    "Barbier",
    "Perrin",
    "Caron",
    "Roussel",
    "Gauthier",
    "Masson",
    "Marchand",
    "Blanchard",
    "Guérin",
    "Brunet",
    "Royer",
    "Hoarau",
    "Mathieu",
    "Renard",
    "Vidal",
    "Leclerc",
    "Aubry",
    "Picard",
    "Legrand",
    "Meunier",
    "Bertin",
    "Jacquet",
    "Lacroix",
    "Tessier",
    "Pichon",
];
pub const COMPOUND_SURNAMES: &[&str] = &[
    "Dupont-Moretti",
    "Le Gall",
    "de La Fontaine",
    "d'Almeida",
    "N'Diaye",
    "Ben Salah",
    "Van der Berg",
    "du Pont de Nemours",
    "Saint-Martin",
    "El Amrani",
    "Le Goff-Kervella",
    "de Villeneuve",
    "Da Silva",
    "Martin-Lagarde",
];

/// The contexts in which party names are planted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Category {
    /// `M. Durand`
    CivilitySurname,
    /// `Mme Sophie Lambert`
    CivilityFirstName,
    /// `M. Jean DURAND`, `Mme MOREAU`
    UpperCase,
    /// `Mme Marie-Claire Le Gall`, `M. Jean-Pierre Dupont-Moretti`
    Compound,
    /// `les époux Durand`
    Epoux,
    /// `Mme [K] [C], épouse Lefebvre`
    Epouse,
    /// `Mme Sophie Girard, veuve Lambert`
    Veuve,
    /// `Jean Durand, demeurant [Adresse 1]`
    Demeurant,
    /// `la succession de Jean Durand`
    Succession,
    /// `Sophie Lambert, née le 3 mars 1975`
    NeLe,
    /// `M. Jean Durand, président de la société [1]`: a function that is not the court's.
    WithFunction,
    /// `le demandeur, Jean Durand,`, `l'acquéreuse Sophie Lambert`: a party named after its
    /// role in the lawsuit or the contract, without civility.
    Role,
}

pub const CATEGORIES: &[Category] = &[
    Category::CivilitySurname,
    Category::CivilityFirstName,
    Category::UpperCase,
    Category::Compound,
    Category::Epoux,
    Category::Epouse,
    Category::Veuve,
    Category::Demeurant,
    Category::Succession,
    Category::NeLe,
    Category::WithFunction,
    Category::Role,
];

/// A decision with planted names: the new text and the byte spans of every planted name.
pub struct Planted {
    pub text: String,
    pub spans: Vec<(usize, usize)>,
    pub professionals: Vec<String>,
}

/// Civility followed by one to three person markers: `Mme [O] [C]`, `M. et Mme [T]`.
fn person_marker_sites(text: &str) -> Vec<(usize, usize, usize)> {
    // (start of the civility, start of the markers, end of the markers)
    let civs = ["M. et Mme ", "Monsieur ", "Madame ", "Mme ", "M. "];
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let Some(civ) = civs.iter().find(|c| text[i..].starts_with(**c)) else {
            i += 1;
            while i < b.len() && !text.is_char_boundary(i) {
                i += 1;
            }
            continue;
        };
        let left_ok = i == 0 || !text[..i].chars().next_back().unwrap().is_alphanumeric();
        let ms = i + civ.len();
        let mut e = ms;
        let mut n = 0;
        let mut hi = (ms + 40).min(text.len());
        while !text.is_char_boundary(hi) {
            hi += 1;
        }
        for m in find_markers(&text[ms..hi]) {
            if m.kind != MarkerKind::Letter || ms + m.start != e + usize::from(n > 0) {
                break;
            }
            e = ms + m.end;
            n += 1;
        }
        if left_ok && n > 0 {
            out.push((i, ms, e));
            i = e;
        } else {
            i += civ.len();
        }
    }
    out
}

fn upper(s: &str) -> String {
    s.to_uppercase()
}

/// Replaces every civility + person markers of `d` with a party name in `cat`'s context.
pub fn plant_names(d: &Decision, cat: Category, rng: &mut Lcg) -> Planted {
    let t = &d.text;
    let mut out = String::with_capacity(t.len() + 4096);
    let mut spans = Vec::new();
    let mut last = 0;
    for (cs, ms, me) in person_marker_sites(t) {
        out.push_str(&t[last..cs]);
        let civ = t[cs..ms].trim_end();
        let civ = civ.strip_prefix("M. et ").unwrap_or(civ);
        let first = rng.pick(FIRST_NAMES);
        let sur = rng.pick(SURNAMES);
        let push_name = |out: &mut String, name: &str, spans: &mut Vec<(usize, usize)>| {
            spans.push((out.len(), out.len() + name.len()));
            out.push_str(name);
        };
        match cat {
            Category::CivilitySurname => {
                out.push_str(civ);
                out.push(' ');
                push_name(&mut out, sur, &mut spans);
            }
            Category::CivilityFirstName => {
                out.push_str(civ);
                out.push(' ');
                push_name(&mut out, &format!("{first} {sur}"), &mut spans);
            }
            Category::UpperCase => {
                out.push_str(civ);
                out.push(' ');
                let name = if rng.below(2) == 0 {
                    format!("{first} {}", upper(sur))
                } else {
                    upper(sur)
                };
                push_name(&mut out, &name, &mut spans);
            }
            Category::Compound => {
                out.push_str(civ);
                out.push(' ');
                let f = rng.pick(COMPOUND_FIRST_NAMES);
                let s = rng.pick(COMPOUND_SURNAMES);
                push_name(&mut out, &format!("{f} {s}"), &mut spans);
            }
            Category::Epoux => {
                out.push_str("les époux ");
                push_name(&mut out, sur, &mut spans);
            }
            Category::Epouse => {
                out.push_str(&t[cs..me]);
                out.push_str(", épouse ");
                push_name(&mut out, sur, &mut spans);
            }
            Category::Veuve => {
                out.push_str(civ);
                out.push(' ');
                push_name(&mut out, &format!("{first} {sur}"), &mut spans);
                out.push_str(", veuve ");
                push_name(&mut out, rng.pick(SURNAMES), &mut spans);
            }
            Category::Demeurant => {
                push_name(&mut out, &format!("{first} {sur}"), &mut spans);
                out.push_str(", demeurant [Adresse 1]");
            }
            Category::Succession => {
                out.push_str("la succession de ");
                push_name(&mut out, &format!("{first} {sur}"), &mut spans);
            }
            Category::NeLe => {
                push_name(&mut out, &format!("{first} {sur}"), &mut spans);
                out.push_str(", né le [Date naissance 1]");
            }
            Category::WithFunction => {
                out.push_str(civ);
                out.push(' ');
                push_name(&mut out, &format!("{first} {sur}"), &mut spans);
                out.push_str(rng.pick(&[
                    ", président de la société [1]",
                    ", gérant de la société [2]",
                    ", conseiller financier",
                    ", directeur de l'agence",
                    ", conseillère municipale",
                    ", président du conseil d'administration",
                    ", délégué syndical",
                    ", administrateur de l'association [1]",
                ]));
            }
            Category::Role => {
                // The role with its article, then the name in apposition (between commas) or
                // right after it.
                const ROLES: &[(&str, bool)] = &[
                    ("le demandeur", true),
                    ("la demanderesse", true),
                    ("le défendeur", true),
                    ("la défenderesse", false),
                    ("le vendeur", true),
                    ("l'acquéreur", false),
                    ("l’acquéreuse", true),
                    ("le requérant", true),
                    ("la requérante", false),
                    ("le dénommé", false),
                    ("la dénommée", false),
                ];
                let (role, comma) = ROLES[rng.below(ROLES.len())];
                out.push_str(role);
                out.push_str(if comma { ", " } else { " " });
                push_name(&mut out, &format!("{first} {sur}"), &mut spans);
                if comma {
                    out.push(',');
                }
            }
        }
        last = me;
    }
    out.push_str(&t[last..]);
    Planted {
        text: out,
        spans,
        professionals: d.professionals.clone(),
    }
}

/// Counts for a detector on a labelled set.
#[derive(Debug, Default, Clone, Copy)]
pub struct Score {
    pub expected: usize,
    pub found: usize,
    pub exact: usize,
    pub hits: usize,
    pub true_hits: usize,
}

impl Score {
    pub fn recall(&self) -> f64 {
        if self.expected == 0 {
            1.0
        } else {
            self.found as f64 / self.expected as f64
        }
    }
    pub fn precision(&self) -> f64 {
        if self.hits == 0 {
            1.0
        } else {
            self.true_hits as f64 / self.hits as f64
        }
    }
    pub fn add(&mut self, o: Score) {
        self.expected += o.expected;
        self.found += o.found;
        self.exact += o.exact;
        self.hits += o.hits;
        self.true_hits += o.true_hits;
    }
}

fn overlaps(a: (usize, usize), b: (usize, usize)) -> bool {
    a.0 < b.1 && b.0 < a.1
}

/// Scores `hits` against the expected `spans`: a span is found when a hit overlaps it, exact
/// when a hit has its very bounds; a hit is true when it overlaps an expected span.
pub fn score(spans: &[(usize, usize)], hits: &[(usize, usize)]) -> Score {
    Score {
        expected: spans.len(),
        found: spans
            .iter()
            .filter(|s| hits.iter().any(|h| overlaps(**s, *h)))
            .count(),
        exact: spans.iter().filter(|s| hits.contains(s)).count(),
        hits: hits.len(),
        true_hits: hits
            .iter()
            .filter(|h| spans.iter().any(|s| overlaps(*s, **h)))
            .count(),
    }
}

/// Plants every category of names into every decision and scores the name detector.
/// `use_metadata` passes the decisions' professionals to the detector.
pub fn evaluate_names(decisions: &[Decision], use_metadata: bool) -> Vec<(Category, Score)> {
    let mut out = Vec::new();
    for (k, &cat) in CATEGORIES.iter().enumerate() {
        let mut rng = Lcg::new(0x5EED_0000 + k as u64);
        let mut total = Score::default();
        for d in decisions {
            let p = plant_names(d, cat, &mut rng);
            let pros: &[String] = if use_metadata { &p.professionals } else { &[] };
            let hits: Vec<(usize, usize)> = find_person_names(&p.text, pros)
                .iter()
                .map(|h| (h.start, h.end))
                .collect();
            total.add(score(&p.spans, &hits));
        }
        out.push((cat, total));
    }
    out
}

/// A valid NIR (key computed), with `spaced` grouping `1 85 05 78 006 084 91`.
pub fn make_nir(rng: &mut Lcg, corsica: bool, spaced: bool) -> String {
    let sex = 1 + rng.below(2);
    let year = rng.below(100);
    let month = 1 + rng.below(12);
    let (dept_str, dept_num) = if corsica {
        if rng.below(2) == 0 {
            ("2A".to_string(), "19".to_string())
        } else {
            ("2B".to_string(), "18".to_string())
        }
    } else {
        let d = format!("{:02}", 1 + rng.below(95));
        (d.clone(), d)
    };
    let commune = rng.below(1000);
    let order = 1 + rng.below(999);
    let num = format!("{sex}{year:02}{month:02}{dept_num}{commune:03}{order:03}");
    let n: u64 = num.parse().unwrap();
    let key = 97 - n % 97;
    if spaced {
        format!("{sex} {year:02} {month:02} {dept_str} {commune:03} {order:03} {key:02}")
    } else {
        format!("{sex}{year:02}{month:02}{dept_str}{commune:03}{order:03}{key:02}")
    }
}

/// A valid French IBAN (check digits computed), grouped by four or compact.
pub fn make_iban(rng: &mut Lcg, grouped: bool) -> String {
    const ALNUM: &[u8] = b"0123456789ABCDEFGHJKLMNPQRSTUVWXYZ";
    let mut bban = String::new();
    for i in 0..23 {
        // The account number (positions 10..21) may hold letters.
        if (10..21).contains(&i) && rng.below(5) == 0 {
            bban.push(ALNUM[10 + rng.below(ALNUM.len() - 10)] as char);
        } else {
            bban.push((b'0' + rng.below(10) as u8) as char);
        }
    }
    let rearranged = format!("{bban}FR00");
    let mut rem = 0u32;
    for c in rearranged.bytes() {
        if c.is_ascii_digit() {
            rem = (rem * 10 + u32::from(c - b'0')) % 97;
        } else {
            rem = (rem * 100 + u32::from(c - b'A') + 10) % 97;
        }
    }
    let check = 98 - rem;
    let compact = format!("FR{check:02}{bban}");
    if grouped {
        compact
            .as_bytes()
            .chunks(4)
            .map(|c| std::str::from_utf8(c).unwrap())
            .collect::<Vec<_>>()
            .join(" ")
    } else {
        compact
    }
}

/// A phone number in one of the usual spellings.
pub fn make_phone(rng: &mut Lcg) -> String {
    let lead = 1 + rng.below(9);
    let pairs: Vec<String> = (0..4).map(|_| format!("{:02}", rng.below(100))).collect();
    match rng.below(5) {
        0 => format!("0{lead} {}", pairs.join(" ")),
        1 => format!("0{lead}.{}", pairs.join(".")),
        2 => format!("+33 {lead} {}", pairs.join(" ")),
        3 => format!("0{lead}{}", pairs.concat()),
        _ => format!("0{lead}-{}", pairs.join("-")),
    }
}

pub fn make_plate(rng: &mut Lcg) -> String {
    const L: &[u8] = b"ABCDEFGHJKLMNPQRSTVWXYZ";
    let mut l = || L[rng.below(L.len())] as char;
    let (a, b, c, d) = (l(), l(), l(), l());
    let n = rng.below(999) + 1;
    match rng.below(3) {
        0 => format!("{a}{b}-{n:03}-{c}{d}"),
        1 => format!("{a}{b} {n:03} {c}{d}"),
        _ => format!("{} {a}{b} {:02}", 1 + rng.below(9999), 1 + rng.below(95)),
    }
}

pub fn make_birth_date(rng: &mut Lcg) -> String {
    let day = 1 + rng.below(28);
    let year = 1930 + rng.below(80);
    match rng.below(3) {
        0 => format!("{day} {} {year}", MONTHS_FR[rng.below(12)]),
        1 => format!("{day:02}/{:02}/{year}", 1 + rng.below(12)),
        _ => format!("1er {} {year}", MONTHS_FR[rng.below(12)]),
    }
}

/// Plants identifiers after every civility + person markers of `d`:
/// `M. [K] [C], né le 3 mars 1975, NIR …, joignable au …, …`. Returns the text and the spans
/// by kind.
pub fn plant_identifiers(
    d: &Decision,
    rng: &mut Lcg,
) -> (String, Vec<(usize, usize, IdentifierKind)>) {
    let t = &d.text;
    let mut out = String::with_capacity(t.len() + 8192);
    let mut spans = Vec::new();
    let mut last = 0;
    for (k, (_, _, me)) in person_marker_sites(t).into_iter().enumerate() {
        out.push_str(&t[last..me]);
        let (lead, kind, value) = match k % 6 {
            0 => {
                let born = ["né le ", "née le ", "né(e) le ", "né à Lyon le "][rng.below(4)];
                (
                    born.to_string(),
                    IdentifierKind::BirthDate,
                    make_birth_date(rng),
                )
            }
            1 => (
                "immatriculé à la sécurité sociale sous le n° ".to_string(),
                IdentifierKind::Nir,
                {
                    let (corsica, spaced) = (rng.below(4) == 0, rng.below(2) == 0);
                    make_nir(rng, corsica, spaced)
                },
            ),
            2 => ("titulaire du compte ".to_string(), IdentifierKind::Iban, {
                let grouped = rng.below(2) == 0;
                make_iban(rng, grouped)
            }),
            3 => (
                "joignable au ".to_string(),
                IdentifierKind::Phone,
                make_phone(rng),
            ),
            4 => {
                let user = rng.pick(SURNAMES).to_lowercase().replace('é', "e");
                let dom = ["gmail.com", "orange.fr", "free.fr", "example.org"][rng.below(4)];
                (
                    "courriel ".to_string(),
                    IdentifierKind::Email,
                    format!("{user}.{}@{dom}", rng.below(100)),
                )
            }
            _ => (
                "conducteur du véhicule immatriculé ".to_string(),
                IdentifierKind::VehiclePlate,
                make_plate(rng),
            ),
        };
        out.push_str(", ");
        out.push_str(&lead);
        spans.push((out.len(), out.len() + value.len(), kind));
        out.push_str(&value);
        out.push(',');
        last = me;
    }
    out.push_str(&t[last..]);
    (out, spans)
}

/// Plants identifiers into every decision and scores the detector per kind (a hit counts only
/// with the kind planted there).
pub fn evaluate_identifiers(decisions: &[Decision]) -> Vec<(IdentifierKind, Score)> {
    use IdentifierKind::*;
    let kinds = [Nir, Iban, Phone, Email, BirthDate, VehiclePlate];
    let mut scores = [Score::default(); 6];
    let mut rng = Lcg::new(0x1DE7_1F1E);
    for d in decisions {
        let (text, spans) = plant_identifiers(d, &mut rng);
        let hits = find_identifiers(&text);
        for (i, k) in kinds.iter().enumerate() {
            let s: Vec<(usize, usize)> = spans
                .iter()
                .filter(|x| x.2 == *k)
                .map(|x| (x.0, x.1))
                .collect();
            let h: Vec<(usize, usize)> = hits
                .iter()
                .filter(|x| x.kind == *k)
                .map(|x| (x.start, x.end))
                .collect();
            scores[i].add(score(&s, &h));
        }
    }
    kinds.into_iter().zip(scores).collect()
}
