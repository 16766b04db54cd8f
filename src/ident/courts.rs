//! Courts and seats: `Cour de cassation` = `Cass.` = `cc`; `Cour d'appel de Paris` = `CA Paris`
//! = `ca` at `ca_paris`; `Tribunal judiciaire de Bordeaux` = `TJ Bordeaux` = `tj33063`…

use std::borrow::Cow;
use std::sync::LazyLock;

use regex::Regex;

use super::fold::words;
use super::tables;

/// The kinds of court vigie knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CourtKind {
    CourDeCassation,
    CourAppel,
    TribunalJudiciaire,
    TribunalCommerce,
    ConseilPrudhommes,
    ConseilEtat,
    TribunalAdministratif,
    CourAdministrativeAppel,
    TribunalConflits,
}

impl CourtKind {
    pub fn label(self) -> &'static str {
        match self {
            CourtKind::CourDeCassation => "Cour de cassation",
            CourtKind::CourAppel => "Cour d'appel",
            CourtKind::TribunalJudiciaire => "Tribunal judiciaire",
            CourtKind::TribunalCommerce => "Tribunal de commerce",
            CourtKind::ConseilPrudhommes => "Conseil de prud'hommes",
            CourtKind::ConseilEtat => "Conseil d'État",
            CourtKind::TribunalAdministratif => "Tribunal administratif",
            CourtKind::CourAdministrativeAppel => "Cour administrative d'appel",
            CourtKind::TribunalConflits => "Tribunal des conflits",
        }
    }

    /// The seat of a court that has only one.
    pub fn fixed_seat(self) -> Option<&'static str> {
        match self {
            CourtKind::CourDeCassation | CourtKind::ConseilEtat | CourtKind::TribunalConflits => {
                Some("Paris")
            }
            _ => None,
        }
    }
}

/// What a seat written somewhere resolves to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SeatValue {
    /// A city, as displayed.
    City(Cow<'static, str>),
    /// A code vigie has no table for (`tj99999`): cannot tell.
    UnknownCode,
    /// A seat written in a way vigie cannot read (`TI Paris`, a chamber where a city would
    /// be: `Cour d'appel, 1re chambre`): cannot tell.
    Unreadable,
}

/// A court as a value names it: its kind, and its seat when the value gives one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Court {
    pub kind: CourtKind,
    pub seat: Option<SeatValue>,
    /// The full label, when a table gives it (`Tribunal des activités économiques du Mans`).
    pub label: Option<&'static str>,
    /// The other kinds an ambiguous abbreviation may stand for: `TC` is the tribunal des
    /// conflits, a tribunal de commerce or a tribunal correctionnel (which is the tribunal
    /// judiciaire judging offences).
    pub also: &'static [CourtKind],
}

impl Court {
    /// Whether the value may name a court of `kind`.
    pub fn may_be(&self, kind: CourtKind) -> bool {
        self.kind == kind || self.also.contains(&kind)
    }

    /// Whether the two values may name courts of the same kind.
    pub fn same_kind_as(&self, other: &Court) -> bool {
        self.may_be(other.kind) || other.also.iter().any(|&k| self.may_be(k))
    }
}

/// What `TC` may stand for besides the tribunal des conflits.
const TC_ALSO: &[CourtKind] = &[CourtKind::TribunalCommerce, CourtKind::TribunalJudiciaire];

/// Court prefixes, on [`words`] (lower case, no accents, punctuation as spaces, so that
/// `C.A.` is `c a` and `Cons. prud'h.` is `cons prud h`). Where one is the prefix of another
/// (`caa` and `ca`, `t com` and `t c`), the first that lets the whole value match is taken.
/// The optional `code` follows the prefix, glued (`tj33063`) or not (`tj 33063`). `tc_any` is
/// `TC`, which may be the tribunal des conflits, a tribunal de commerce or a tribunal
/// correctionnel.
static COURT_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)^(?:
            (?P<cc>cour\ de\ cassation|cour\ cassation|cassation|c\ de\ cass|c\ cass|ccass|cass|cc)
          | (?P<ce>conseil\ d\ etat|conseil\ etat|cons\ d\ etat|cons\ d\ et|cons\ etat|c\ e|ce)
          | (?P<caa>cour\ administrative\ d\ appel|cour\ adm\ d\ appel|c\ a\ a|caa)
          | (?P<ca>cour\ d\ appel|cour\ appel|c\ a|ca)
          | (?P<tj>tribunal\ judiciaire|trib\ judiciaire|trib\ jud|t\ jud|tribunal\ de\ grande\ instance
                  |trib\ gr\ inst|trib\ gde\ inst|t\ g\ i|tgi|tj
                  |tribunal\ correctionnel|trib\ corr|t\ corr)
          | (?P<tcom>tribunal\ de\ commerce|tribunal\ des\ activites\ economiques|trib\ comm?
                    |t\ comm?|tcom|tae)
          | (?P<cph>(?:conseils?|cons)\ (?:de[s]?\ )?prud\ ?h(?:ommes)?|c\ p\ h|cph)
          | (?P<ta>tribunal\ administratif|trib\ adm|t\ a|ta)
          | (?P<tc>tribunal\ des\ conflits|trib\ confl|t\ confl)
          | (?P<tc_any>t\ c|tc)
        )
        (?:\ ?(?P<code>[0-9][0-9ab][0-9]{0,4}))?
        (?:\ (?P<tail>.*))?$",
    )
    .expect("court regex")
});

fn kind_of(caps: &regex::Captures<'_>) -> Option<CourtKind> {
    use CourtKind::*;
    [
        ("cc", CourDeCassation),
        ("ce", ConseilEtat),
        ("caa", CourAdministrativeAppel),
        ("ca", CourAppel),
        ("tj", TribunalJudiciaire),
        ("tcom", TribunalCommerce),
        ("cph", ConseilPrudhommes),
        ("ta", TribunalAdministratif),
        ("tc", TribunalConflits),
        ("tc_any", TribunalConflits),
    ]
    .into_iter()
    .find(|(name, _)| caps.name(name).is_some())
    .map(|(_, kind)| kind)
}

/// Words that begin a chamber, a formation or a judge rather than a city, after a court's
/// name (`Cour d'appel, 1re chambre`, `TJ, JAF`, `CE, sect.`): the seat cannot be read then.
fn names_a_formation(tail: &str) -> bool {
    let first = tail.split(' ').next().unwrap_or("");
    // An ordinal (`1re`, `2e`, `10eme`, `1er`) or a number.
    let ordinal = first.starts_with(|c: char| c.is_ascii_digit())
        && first
            .trim_start_matches(|c: char| c.is_ascii_digit())
            .chars()
            .all(|c| c.is_ascii_alphabetic());
    ordinal
        || matches!(
            first,
            "ch" | "chb"
                | "chbre"
                | "chambre"
                | "chambres"
                | "premiere"
                | "deuxieme"
                | "troisieme"
                | "quatrieme"
                | "cinquieme"
                | "sixieme"
                | "septieme"
                | "huitieme"
                | "neuvieme"
                | "dixieme"
                | "pole"
                | "sect"
                | "section"
                | "ass"
                | "assemblee"
                | "ord"
                | "ordonnance"
                | "ref"
                | "refere"
                | "refes"
                | "form"
                | "formation"
                | "civ"
                | "civile"
                | "com"
                | "comm"
                | "commerciale"
                | "soc"
                | "sociale"
                | "crim"
                | "criminelle"
                | "corr"
                | "correctionnelle"
                | "jex"
                | "jaf"
                | "jld"
                | "jme"
                | "jcp"
                | "juge"
                | "cab"
                | "cabinet"
                | "pres"
                | "president"
                | "premier"
                | "service"
                | "aud"
                | "audience"
                | "plen"
                | "pleniere"
                | "mixte"
                | "sous"
                | "ss"
        )
}

/// The seat of a court of `kind` from a code (`33063` for a TJ, `8501` for a tcom, `95` for a
/// TA).
fn seat_from_code(kind: CourtKind, code: &str) -> (SeatValue, Option<&'static str>) {
    let found = match kind {
        CourtKind::TribunalJudiciaire => tables::tj_city(code).map(|c| (Cow::Borrowed(c), None)),
        CourtKind::TribunalCommerce => {
            tables::tcom_label(code).map(|l| (city_of_label(l), Some(l)))
        }
        CourtKind::ConseilPrudhommes => tables::CPH_CODES
            .iter()
            .find(|(c, _)| *c == code)
            .map(|&(_, city)| (Cow::Borrowed(city), None)),
        CourtKind::TribunalAdministratif => {
            tables::department_city(tables::TA_CODES, code).map(|c| (Cow::Borrowed(c), None))
        }
        CourtKind::CourAdministrativeAppel => {
            tables::department_city(tables::CAA_CODES, code).map(|c| (Cow::Borrowed(c), None))
        }
        _ => None,
    };
    match found {
        Some((city, label)) => (SeatValue::City(city), label),
        None => (SeatValue::UnknownCode, None),
    }
}

/// `Tribunal de commerce de La Roche-sur-Yon` → `La Roche-sur-Yon`;
/// `Tribunal des activités économiques du Mans` → `Le Mans`.
fn city_of_label(label: &'static str) -> Cow<'static, str> {
    let rest = label
        .strip_prefix("Tribunal de commerce ")
        .or_else(|| label.strip_prefix("Tribunal des activités économiques "))
        .unwrap_or(label);
    if let Some(city) = rest.strip_prefix("de ").or_else(|| rest.strip_prefix("d'")) {
        Cow::Borrowed(city)
    } else if let Some(city) = rest.strip_prefix("du ") {
        Cow::Owned(format!("Le {city}"))
    } else {
        Cow::Borrowed(rest)
    }
}

/// Prepositions and articles before a city in a court's name: `de`, `d'`, `du`, `des`.
fn strip_lead(tail: &str) -> &str {
    let mut t = tail.trim();
    for p in ["de ", "d ", "du ", "des "] {
        if let Some(rest) = t.strip_prefix(p) {
            t = rest;
            break;
        }
    }
    t
}

/// The city a court of appeal's `location` slug names (`ca_paris`, `ca_aix_provence`).
pub fn ca_location(slug: &str) -> Option<&'static str> {
    let slug = slug.trim().to_ascii_lowercase();
    tables::CA_LOCATIONS
        .iter()
        .find(|(s, _)| *s == slug)
        .map(|&(_, city)| city)
}

/// Parses a jurisdiction value: a name (`Cour d'appel de Paris`, `TJ Bordeaux`), an
/// abbreviation (`Cass.`, `C. cass.`, `T. com.`) or a code (`cc`, `ca_paris`, `tj33063`, `TA95`).
pub fn parse_court(value: &str) -> Option<Court> {
    thread_local! {
        static MEMO: std::cell::RefCell<std::collections::HashMap<Box<str>, Option<Court>>> =
            Default::default();
    }
    super::fold::memoized(&MEMO, value, parse_court_uncached)
}

fn parse_court_uncached(value: &str) -> Option<Court> {
    let w = words(value);
    if let Some(city) = ca_location(&value.trim().replace([' ', '-'], "_")) {
        return Some(Court {
            kind: CourtKind::CourAppel,
            seat: Some(SeatValue::City(Cow::Borrowed(city))),
            label: None,
            also: &[],
        });
    }
    let caps = COURT_RE.captures(&w)?;
    let kind = kind_of(&caps)?;
    let also = if caps.name("tc_any").is_some() {
        TC_ALSO
    } else {
        &[]
    };
    let mut label = None;
    let mut seat = None;
    if let Some(code) = caps.name("code") {
        if also.is_empty() {
            let (s, l) = seat_from_code(kind, code.as_str());
            seat = Some(s);
            label = l;
        } else {
            // Whose code, of the courts it may be, cannot be told.
            seat = Some(SeatValue::UnknownCode);
        }
    }
    if seat.is_none()
        && let Some(tail) = caps.name("tail")
    {
        let city = strip_lead(tail.as_str());
        if !city.is_empty() && !matches!(kind, CourtKind::CourDeCassation | CourtKind::ConseilEtat)
        {
            seat = Some(if names_a_formation(city) {
                SeatValue::Unreadable
            } else {
                SeatValue::City(Cow::Owned(city.to_owned()))
            });
        }
    }
    // An ambiguous abbreviation does not tell the seat of one of its courts.
    if seat.is_none()
        && also.is_empty()
        && let Some(fixed) = kind.fixed_seat()
    {
        seat = Some(SeatValue::City(Cow::Borrowed(fixed)));
    }
    Some(Court {
        kind,
        seat,
        label,
        also,
    })
}

/// Courts vigie has no table for, on [`words`]: other French courts (constitutional, financial,
/// asylum, criminal) and the European courts. A record naming one of them names another court
/// than any reference decision's. The courts merged into the tribunal judiciaire in 2020
/// (`Tribunal d'instance`) and those that sit within it are not among them: a record may still
/// name a tribunal judiciaire's decision so.
static OTHER_COURT_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)^(?:
            conseil\ constitutionnel|cons\ const|
            cour\ des\ comptes|chambre\ regionale\ des\ comptes|crc|
            cour\ nationale\ du\ droit\ d\ asile|cnda|commission\ des\ recours\ des\ refugies|
            cour\ de\ justice\ de\ l\ union\ europeenne|cjue|
            cour\ de\ justice\ des\ communautes\ europeennes|cjce|
            tribunal\ de\ l\ union\ europeenne|
            cour\ europeenne\ des\ droits\ de\ l\ homme|cour\ edh|cedh|
            court\ of\ justice|european\ court|
            cour\ de\ justice\ de\ la\ republique|haute\ cour|
            cour\ d\ assises|cour\ criminelle
        )(?:\ |$)",
    )
    .expect("other court regex")
});

/// Courts merged into the tribunal judiciaire in 2020, or sitting within one or beside it, on
/// [`words`]: a record may still name a tribunal judiciaire's decision so. vigie cannot tell
/// whether they name the reference's court.
static KINDRED_COURT_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)^(?:
            tribunal\ d\ instance|trib\ inst|t\ i|ti|juridiction\ de\ proximite|
            tribunal\ de\ police|tribunal\ pour\ enfants|
            tribunal\ des\ affaires\ de\ securite\ sociale|tass|
            tribunal\ du\ contentieux\ de\ l\ incapacite|
            tribunal\ paritaire\ des\ baux\ ruraux|tpbr|
            tribunal\ maritime|tribunal\ superieur\ d\ appel|tribunal\ de\ premiere\ instance
        )(?:\ |$)",
    )
    .expect("kindred court regex")
});

/// Whether `value` names a court vigie has no table for, and which is not the reference's
/// ([`OTHER_COURT_RE`]).
pub fn other_court(value: &str) -> bool {
    OTHER_COURT_RE.is_match(&words(value))
}

/// Whether `value` names a court, one vigie has no table for included.
pub fn names_a_court(value: &str) -> bool {
    parse_court(value).is_some() || {
        let w = words(value);
        OTHER_COURT_RE.is_match(&w) || KINDRED_COURT_RE.is_match(&w)
    }
}

/// Parses a seat value: a city (`Paris`, `Aix-en-Provence`), a court's name
/// (`Cour d'appel de Paris`) or a code (`ca_paris`, `tj75056`). `kind` is the kind of court
/// the seat belongs to, which decides how a bare code (`8501`, `33063`) is read. `None` when
/// the value names a court without its seat (`Tribunal de commerce`).
pub fn parse_seat(value: &str, kind: Option<CourtKind>) -> Option<SeatValue> {
    let trimmed = value.trim();
    if trimmed.is_empty() {
        return None;
    }
    if let Some(city) = ca_location(&trimmed.replace([' ', '-'], "_")) {
        return Some(SeatValue::City(Cow::Borrowed(city)));
    }
    let bare_code = trimmed.chars().all(|c| c.is_ascii_alphanumeric())
        && trimmed.chars().next().is_some_and(|c| c.is_ascii_digit());
    if bare_code {
        return Some(match kind {
            Some(k) => seat_from_code(k, trimmed).0,
            None => SeatValue::UnknownCode,
        });
    }
    if court_prefix_is_explicit(trimmed) {
        // A court's name vigie cannot read (`TI Paris`, `Tribunal d'instance de Paris`) is
        // no city.
        return match parse_court(trimmed) {
            Some(court) => court.seat,
            None => Some(SeatValue::Unreadable),
        };
    }
    let w = words(trimmed);
    // The court's building, named for its city (`Palais de justice de Paris`, `Palais de
    // Justice, Agen`): the city.
    let w = match w.strip_prefix("palais de justice ") {
        Some(rest) => ["de ", "d "]
            .iter()
            .find_map(|p| rest.strip_prefix(p))
            .unwrap_or(rest),
        None => &w,
    };
    let city = w.strip_prefix("a ").unwrap_or(w);
    Some(SeatValue::City(Cow::Owned(city.to_owned())))
}

/// Whether a seat value starts with a court's name or code rather than being a bare city that
/// happens to begin like one (`Cannes`, `Caen`, `Tarbes` start with `ca`, `ta`…).
fn court_prefix_is_explicit(value: &str) -> bool {
    let w = words(value);
    let first = w.split(' ').next().unwrap_or("");
    let glued_code = |p: &str| {
        first.strip_prefix(p).is_some_and(|rest| {
            !rest.is_empty()
                && rest
                    .chars()
                    .all(|c| c.is_ascii_digit() || c == 'a' || c == 'b')
        })
    };
    matches!(
        first,
        "cour"
            | "tribunal"
            | "trib"
            | "conseil"
            | "conseils"
            | "ca"
            | "caa"
            | "tj"
            | "tgi"
            | "tcom"
            | "ta"
            | "cph"
            | "tae"
            | "t"
            | "c"
            | "cc"
            | "cass"
            | "ccass"
            | "ce"
            | "tc"
            | "ti"
            | "cons"
    ) || ["tj", "tcom", "ta", "caa", "cph"]
        .into_iter()
        .any(glued_code)
}

/// The comparison key of a city: accents, case, hyphens, articles and `Saint`/`St` ignored.
pub fn city_key(city: &str) -> String {
    let w = words(city);
    let mut out = String::with_capacity(w.len());
    for token in w.split(' ') {
        let token = match token {
            "saint" => "st",
            "sainte" => "ste",
            "de" | "du" | "des" | "d" | "la" | "le" | "les" | "l" | "en" | "sur" | "sous" => {
                continue;
            }
            // A postal code (`75001 Paris`) or a department (`Lyon (69)`).
            t if t.chars().all(|c| c.is_ascii_digit()) => continue,
            t => t,
        };
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(token);
    }
    out
}

/// Whether two cities are the same: equal keys, or one the beginning of the other
/// (`Saint-Denis` and `Saint-Denis de La Réunion`, `Vesoul` and `Vesoul - Gray`,
/// `Paris` and `Paris, pôle 4`).
pub fn same_city(a: &str, b: &str) -> bool {
    let (ka, kb) = (city_key(a), city_key(b));
    if ka.is_empty() || kb.is_empty() {
        return false;
    }
    let prefix = |short: &str, long: &str| {
        long.strip_prefix(short)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with(' '))
    };
    prefix(&ka, &kb) || prefix(&kb, &ka) || aliases(&ka) == aliases(&kb)
}

/// Short forms of seats in common use.
fn aliases(key: &str) -> &str {
    match key {
        "aix" => "aix provence",
        "st denis reunion" | "st denis run" => "st denis reunion",
        k => k,
    }
}

/// `de Paris`, `d'Agen`, `du Mans`, `des Sables-d'Olonne`.
pub fn with_preposition(city: &str) -> String {
    if let Some(rest) = city.strip_prefix("Le ") {
        return format!("du {rest}");
    }
    if let Some(rest) = city.strip_prefix("Les ") {
        return format!("des {rest}");
    }
    let first = words(city).chars().next().unwrap_or('x');
    if matches!(first, 'a' | 'e' | 'i' | 'o' | 'u' | 'y' | 'h') {
        format!("d'{city}")
    } else {
        format!("de {city}")
    }
}

/// Makes a city read from a lowercase key presentable: `cergy pontoise` → `Cergy Pontoise`.
pub fn title_case(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut start = true;
    for c in s.chars() {
        if start {
            out.extend(c.to_uppercase());
        } else {
            out.push(c);
        }
        start = c == ' ' || c == '-';
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use CourtKind::*;

    fn court(v: &str) -> (CourtKind, Option<String>) {
        let c = parse_court(v).unwrap_or_else(|| panic!("{v} parses"));
        let seat = c.seat.map(|s| match s {
            SeatValue::City(c) => city_key(&c),
            SeatValue::UnknownCode => "?".into(),
            SeatValue::Unreadable => "??".into(),
        });
        (c.kind, seat)
    }

    #[test]
    fn courts_and_their_seats() {
        let paris = Some("paris".to_string());
        for v in [
            "Cour de cassation",
            "Cass.",
            "cc",
            "C. cass.",
            "COUR DE CASSATION",
            "Cassation",
        ] {
            assert_eq!(court(v), (CourDeCassation, paris.clone()), "{v}");
        }
        for v in [
            "Cour d'appel de Paris",
            "CA Paris",
            "CA de Paris",
            "ca_paris",
            "cour d’appel de PARIS",
        ] {
            assert_eq!(court(v), (CourAppel, paris.clone()), "{v}");
        }
        assert_eq!(court("Cour d'appel"), (CourAppel, None));
        assert_eq!(court("ca"), (CourAppel, None));
        assert_eq!(
            court("Cour d'appel d'Aix-en-Provence"),
            (CourAppel, Some("aix provence".into()))
        );
        assert_eq!(
            court("ca_aix_en_provence"),
            (CourAppel, Some("aix provence".into()))
        );
        for v in [
            "Tribunal judiciaire de Bordeaux",
            "TJ Bordeaux",
            "tj33063",
            "TJ 33063",
            "tj de Bordeaux",
        ] {
            assert_eq!(
                court(v),
                (TribunalJudiciaire, Some("bordeaux".into())),
                "{v}"
            );
        }
        assert_eq!(court("tj99999"), (TribunalJudiciaire, Some("?".into())));
        assert_eq!(court("tj"), (TribunalJudiciaire, None));
        for v in ["Tribunal de commerce", "tcom", "T. com."] {
            assert_eq!(court(v), (TribunalCommerce, None), "{v}");
        }
        assert_eq!(
            court("Tribunal de commerce de Nice"),
            (TribunalCommerce, Some("nice".into()))
        );
        assert_eq!(
            court("tcom8501"),
            (TribunalCommerce, Some("roche yon".into()))
        );
        for v in ["Conseil de prud'hommes", "cph", "Conseil de prud’hommes"] {
            assert_eq!(court(v), (ConseilPrudhommes, None), "{v}");
        }
        for v in ["Conseil d'État", "CE", "conseil d'etat"] {
            assert_eq!(court(v), (ConseilEtat, paris.clone()), "{v}");
        }
        for v in [
            "Tribunal administratif de Cergy-Pontoise",
            "Tribunal Administratif de Cergy-Pontoise",
            "TA Cergy-Pontoise",
            "TA95",
        ] {
            assert_eq!(
                court(v),
                (TribunalAdministratif, Some("cergy pontoise".into())),
                "{v}"
            );
        }
        for v in [
            "Cour administrative d'appel de Lyon",
            "CAA Lyon",
            "CAA de Lyon",
        ] {
            assert_eq!(
                court(v),
                (CourAdministrativeAppel, Some("lyon".into())),
                "{v}"
            );
        }
        assert_eq!(
            court("Tribunal des conflits"),
            (TribunalConflits, paris.clone())
        );
        assert!(parse_court("Juridiction inconnue").is_none());
        assert!(parse_court("").is_none());

        // Abbreviations with their points (`C.A.`, `T.G.I.`) and shortened words.
        for (v, kind, seat) in [
            ("C.A. Paris", CourAppel, "paris"),
            ("C. A. de Paris", CourAppel, "paris"),
            ("C.A.A. Lyon", CourAdministrativeAppel, "lyon"),
            ("C.A. Aix", CourAppel, "aix"),
            ("T.G.I. Paris", TribunalJudiciaire, "paris"),
            ("Trib. jud. Paris", TribunalJudiciaire, "paris"),
            ("T. jud. Paris", TribunalJudiciaire, "paris"),
            ("Trib. gr. inst. Paris", TribunalJudiciaire, "paris"),
            ("T. corr. Paris", TribunalJudiciaire, "paris"),
            (
                "Tribunal correctionnel de Paris",
                TribunalJudiciaire,
                "paris",
            ),
            ("T. comm. Nice", TribunalCommerce, "nice"),
            ("Trib. comm. Nice", TribunalCommerce, "nice"),
            ("C.P.H. Paris", ConseilPrudhommes, "paris"),
            ("Cons. prud'h. Paris", ConseilPrudhommes, "paris"),
            ("Cons. prud'hommes de Paris", ConseilPrudhommes, "paris"),
            (
                "Conseil des prud'hommes de Paris",
                ConseilPrudhommes,
                "paris",
            ),
            (
                "T.A. Cergy-Pontoise",
                TribunalAdministratif,
                "cergy pontoise",
            ),
            ("C.E.", ConseilEtat, "paris"),
            ("Cons. d'Ét.", ConseilEtat, "paris"),
            ("Cons. État, sect.", ConseilEtat, "paris"),
            ("C. de cass.", CourDeCassation, "paris"),
            ("T. confl.", TribunalConflits, "paris"),
        ] {
            assert_eq!(court(v), (kind, Some(seat.into())), "{v}");
        }
    }

    // `TC` is the tribunal des conflits, a tribunal de commerce or a tribunal correctionnel
    // (the tribunal judiciaire judging offences): it may be any, and does not tell the seat of
    // the tribunal des conflits.
    #[test]
    fn tc_may_be_three_courts() {
        for v in ["TC", "T.C.", "TC La Roche-sur-Yon", "tc Bordeaux"] {
            let c = parse_court(v).unwrap();
            for kind in [TribunalConflits, TribunalCommerce, TribunalJudiciaire] {
                assert!(c.may_be(kind), "{v} {kind:?}");
            }
            assert!(!c.may_be(CourAppel), "{v}");
        }
        assert_eq!(court("TC"), (TribunalConflits, None));
        assert_eq!(
            court("TC La Roche-sur-Yon"),
            (TribunalConflits, Some("roche yon".into()))
        );
        let tcom = parse_court("Tribunal de commerce de Nice").unwrap();
        assert!(parse_court("TC").unwrap().same_kind_as(&tcom));
        assert!(tcom.same_kind_as(&parse_court("TC").unwrap()));
        assert!(!tcom.same_kind_as(&parse_court("CA Nice").unwrap()));
        // Which court's code a code after `TC` is cannot be told.
        assert_eq!(court("TC 8501"), (TribunalConflits, Some("?".into())));
    }

    // After a court's name, a chamber, a formation or a judge is no city: the seat cannot be
    // read.
    #[test]
    fn a_chamber_after_a_court_is_no_seat() {
        for v in [
            "Cour d'appel, 1re chambre",
            "CA, 2e ch.",
            "CA 12ème chambre",
            "TJ, JAF",
            "TJ, juge des référés",
            "Cour d'appel, pôle 4",
            "Tribunal de commerce, chambre des procédures collectives",
        ] {
            assert_eq!(
                parse_court(v).unwrap().seat,
                Some(SeatValue::Unreadable),
                "{v}"
            );
        }
        // A city, then its chamber: the city.
        assert_eq!(
            court("CA Paris, 1re ch."),
            (CourAppel, Some("paris 1re ch".into()))
        );
    }

    #[test]
    fn seats() {
        let city = |v: &str, k: Option<CourtKind>| match parse_seat(v, k) {
            Some(SeatValue::City(c)) => city_key(&c),
            Some(SeatValue::UnknownCode) => "?".into(),
            Some(SeatValue::Unreadable) => "??".into(),
            None => "-".into(),
        };
        assert_eq!(city("Paris", None), "paris");
        assert_eq!(city("ca_paris", None), "paris");
        assert_eq!(city("Cour d'appel de Paris", None), "paris");
        assert_eq!(city("ca_aix_en_provence", None), "aix provence");
        assert_eq!(city("tj75056", None), "paris");
        assert_eq!(city("75056", Some(TribunalJudiciaire)), "paris");
        assert_eq!(city("8501", Some(TribunalCommerce)), "roche yon");
        assert_eq!(city("8501", None), "?");
        assert_eq!(city("tj12345", None), "?");
        assert_eq!(city("Cannes", None), "cannes");
        assert_eq!(city("Caen", None), "caen");
        assert_eq!(city("Tarbes", None), "tarbes");
        assert_eq!(city("à Lyon", None), "lyon");
        // The court's building, named for its city.
        assert_eq!(city("Palais de justice de Paris", None), "paris");
        assert_eq!(city("Palais de Justice, Lyon", None), "lyon");
        assert_eq!(city("Palais de justice d'Agen", None), "agen");
        assert_eq!(city("", None), "-");
        // A court's name whose seat vigie cannot read is no city.
        assert_eq!(city("T.G.I. Paris", None), "paris");
        assert_eq!(city("TI Paris", None), "??");
        assert_eq!(city("Tribunal d'instance de Paris", None), "??");
        assert_eq!(city("Cour d'appel, 1re chambre", None), "??");
        assert_eq!(city("TC", None), "-");
    }

    #[test]
    fn same_cities() {
        assert!(same_city("Aix-en-Provence", "aix en provence"));
        assert!(same_city("AIX-EN-PROVENCE", "Aix"));
        assert!(same_city("Saint-Étienne", "St Etienne"));
        assert!(same_city("St-Denis", "Saint-Denis de La Réunion"));
        assert!(same_city("Le Mans", "Mans"));
        assert!(same_city("Chambéry", "CHAMBERY"));
        assert!(same_city("75001 Paris", "Paris"));
        assert!(same_city("Lyon (69)", "Lyon"));
        assert!(!same_city("Saint-Denis", "Saint-Étienne"));
        assert!(!same_city("Lyon", "Paris"));
        assert!(!same_city("Boulogne-sur-Mer", "Boulogne-Billancourt"));
        assert!(!same_city("", "Paris"));
    }
}
