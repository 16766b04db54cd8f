//! Chambers and formations.
//!
//! For the Cour de cassation, an alias table: `civ1` = `Chambre civile 1` =
//! `Première chambre civile` = `CHAMBRE_CIVILE_1` = `Civ. 1re`…, and the formations `fs`, `fp`,
//! `f`, `frh`, `frr`, `fm`. For the other courts, a description of the chamber (`pôle 4,
//! chambre 9`, `1re chambre`, `chambre sociale`, `juge des référés`, `10ème - 9ème chambres
//! réunies`) compared feature by feature.

use std::sync::LazyLock;

use regex::Regex;

use super::fold::words;

/// The chambers of the Cour de cassation (Judilibre codes).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CcChamber {
    Civ1,
    Civ2,
    Civ3,
    Comm,
    Soc,
    Cr,
    Pl,
    Mi,
    Creun,
    Ordo,
}

impl CcChamber {
    pub fn code(self) -> &'static str {
        match self {
            CcChamber::Civ1 => "civ1",
            CcChamber::Civ2 => "civ2",
            CcChamber::Civ3 => "civ3",
            CcChamber::Comm => "comm",
            CcChamber::Soc => "soc",
            CcChamber::Cr => "cr",
            CcChamber::Pl => "pl",
            CcChamber::Mi => "mi",
            CcChamber::Creun => "creun",
            CcChamber::Ordo => "ordo",
        }
    }

    /// The label Légifrance uses (`Chambre civile 1`).
    pub fn label(self) -> &'static str {
        match self {
            CcChamber::Civ1 => "Chambre civile 1",
            CcChamber::Civ2 => "Chambre civile 2",
            CcChamber::Civ3 => "Chambre civile 3",
            CcChamber::Comm => "Chambre commerciale, financière et économique",
            CcChamber::Soc => "Chambre sociale",
            CcChamber::Cr => "Chambre criminelle",
            CcChamber::Pl => "Assemblée plénière",
            CcChamber::Mi => "Chambre mixte",
            CcChamber::Creun => "Chambres réunies",
            CcChamber::Ordo => "Première présidence (Ordonnance)",
        }
    }
}

/// The formations of the Cour de cassation (Judilibre codes).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CcFormation {
    /// Formation plénière de chambre.
    Fp,
    /// Formation mixte.
    Fm,
    /// Formation de section.
    Fs,
    /// Formation restreinte.
    F,
    /// Formation restreinte hors RNSM/NA.
    Frh,
    /// Formation restreinte RNSM/NA.
    Frr,
}

impl CcFormation {
    pub fn label(self) -> &'static str {
        match self {
            CcFormation::Fp => "Formation plénière de chambre",
            CcFormation::Fm => "Formation mixte",
            CcFormation::Fs => "Formation de section",
            CcFormation::F => "Formation restreinte",
            CcFormation::Frh => "Formation restreinte hors RNSM/NA",
            CcFormation::Frr => "Formation restreinte RNSM/NA",
        }
    }

    /// Whether two formations can be the same: `Formation restreinte` covers both kinds of
    /// restricted formation.
    pub fn compatible(self, other: CcFormation) -> bool {
        use CcFormation::*;
        self == other || matches!((self, other), (F, Frh | Frr) | (Frh | Frr, F))
    }
}

/// What a value says of a Cour de cassation chamber and formation.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CcParsed {
    pub chamber: Option<CcChamber>,
    pub formation: Option<CcFormation>,
    /// Words were left that vigie could not read.
    pub leftover: bool,
    /// Two different chambers, or two incompatible formations, are named.
    pub conflicting: bool,
}

/// The aliases, on [`words`] (lower case, no accents, punctuation as spaces). In each
/// alternation the longer spelling comes first (`formation restreinte hors rnsm` before
/// `formation restreinte`).
static CC_RE: LazyLock<Regex> = LazyLock::new(|| {
    const ONE: &str = r"(?:1|1re|1ere|1er|premiere|i)";
    const TWO: &str = r"(?:2|2e|2eme|2de|2nde|deuxieme|seconde|ii)";
    const THREE: &str = r"(?:3|3e|3eme|troisieme|iii)";
    let civ = |n: &str| {
        format!(
            r"{n}\ (?:chambre|ch)\ civ(?:ile)?|(?:(?:chambre|ch)\ )?civ(?:ile)?\ ?{n}|{n}\ civ(?:ile)?"
        )
    };
    let pattern = format!(
        r"(?x)\b(?:
            (?P<frh>formation\ restreinte\ hors\ rnsm(?:\ na)?|frh)
          | (?P<frr>formation\ restreinte\ rnsm(?:\ na)?|frr)
          | (?P<f>formation\ restreinte|f)
          | (?P<fs>formation\ de\ section|formation\ section|fs)
          | (?P<fp>formation\ pleniere(?:\ de\ chambre)?|fp)
          | (?P<fm>formation\ mixte|fm)
          | (?P<ordo>(?:premiere|1re|1ere)\ presidence(?:\ ordonnance)?|(?:premier|1er)\ president(?:e)?|ordonnance|ordo)
          | (?P<civ1>{c1})
          | (?P<civ2>{c2})
          | (?P<civ3>{c3})
          | (?P<comm>(?:(?:chambre|ch)\ )?(?:commerciale|comm|com)(?:\ financiere(?:\ et)?\ economique)?)
          | (?P<soc>(?:(?:chambre|ch)\ )?(?:sociale|soc))
          | (?P<cr>(?:(?:chambre|ch)\ )?(?:criminelle|crim|cr))
          | (?P<pl>(?:assemblee|ass)\ (?:pleniere|plen)|ap|pl)
          | (?P<creun>chambres\ reunies)
          | (?P<mi>(?:chambre|ch)\ mixte|mi)
        )\b",
        c1 = civ(ONE),
        c2 = civ(TWO),
        c3 = civ(THREE),
    );
    Regex::new(&pattern).expect("chamber regex")
});

/// Words that may sit beside a chamber or a formation without saying anything of them: the
/// court's name, the `civile`/`criminelle` category of Légifrance titles, publication codes
/// (`FS-P+B+R+I`, `F-D`), linking words.
fn ignorable(word: &str) -> bool {
    matches!(
        word,
        "cour"
            | "de"
            | "du"
            | "la"
            | "le"
            | "et"
            | "cassation"
            | "cass"
            | "c"
            | "cc"
            | "civile"
            | "civ"
            | "criminelle"
            | "penale"
            | "p"
            | "b"
            | "r"
            | "i"
            | "d"
            | "n"
            | "l"
            | "publie"
            | "au"
            | "bulletin"
            | "arret"
            | "audience"
            | "publique"
    )
}

/// Reads what `value` says of a Cour de cassation chamber and formation.
pub fn parse_cc(value: &str) -> CcParsed {
    thread_local! {
        static MEMO: std::cell::RefCell<std::collections::HashMap<Box<str>, CcParsed>> =
            Default::default();
    }
    super::fold::memoized(&MEMO, value, parse_cc_uncached)
}

fn parse_cc_uncached(value: &str) -> CcParsed {
    let w = words(value);
    let mut out = CcParsed::default();
    let mut last = 0;
    fn check_gap(gap: &str, out: &mut CcParsed) {
        if gap.split(' ').any(|t| !t.is_empty() && !ignorable(t)) {
            out.leftover = true;
        }
    }
    for caps in CC_RE.captures_iter(&w) {
        let m = caps.get(0).expect("whole match");
        check_gap(&w[last..m.start()], &mut out);
        last = m.end();
        use CcChamber::*;
        use CcFormation::*;
        let chamber = [
            ("civ1", Civ1),
            ("civ2", Civ2),
            ("civ3", Civ3),
            ("comm", Comm),
            ("soc", Soc),
            ("cr", Cr),
            ("pl", Pl),
            ("mi", Mi),
            ("creun", Creun),
            ("ordo", Ordo),
        ]
        .into_iter()
        .find(|(n, _)| caps.name(n).is_some())
        .map(|(_, c)| c);
        let formation = [
            ("frh", Frh),
            ("frr", Frr),
            ("f", F),
            ("fs", Fs),
            ("fp", Fp),
            ("fm", Fm),
        ]
        .into_iter()
        .find(|(n, _)| caps.name(n).is_some())
        .map(|(_, f)| f);
        if let Some(c) = chamber {
            if out.chamber.is_some_and(|old| old != c) {
                out.conflicting = true;
            }
            out.chamber = Some(c);
        }
        if let Some(f) = formation {
            match out.formation {
                Some(old) if !old.compatible(f) => out.conflicting = true,
                // Keep the more precise of two compatible formations.
                Some(CcFormation::Frh | CcFormation::Frr) => {}
                _ => out.formation = Some(f),
            }
        }
    }
    check_gap(&w[last..], &mut out);
    out
}

/// A chamber of another court, described by its features.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ChamberDesc {
    /// `pôle 4` → 4.
    pub pole: Option<u32>,
    /// `1re chambre` → {1}; `10ème - 9ème chambres réunies` → {9, 10}.
    pub chambers: Vec<u32>,
    /// `première section`, `section 2`, `section A` (letters as 101, 102…).
    pub section: Option<u32>,
    /// Named kinds: `sociale`, `commerciale`, `referes`, `contentieux`…
    pub kinds: Vec<&'static str>,
}

impl ChamberDesc {
    /// Whether nothing of a chamber was read.
    pub fn is_empty(&self) -> bool {
        self.pole.is_none()
            && self.chambers.is_empty()
            && self.section.is_none()
            && self.kinds.is_empty()
    }
}

/// `1`, `1re`, `1ere`, `1er`, `premiere`, `10eme`, `dixieme`… → the number.
fn ordinal(token: &str) -> Option<u32> {
    let digits_end = token
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(token.len());
    if digits_end > 0 {
        let suffix = &token[digits_end..];
        if matches!(
            suffix,
            "" | "e" | "er" | "re" | "ere" | "eme" | "em" | "de" | "nde" | "d"
        ) {
            return token[..digits_end].parse().ok();
        }
        return None;
    }
    const WORDS: &[(&str, u32)] = &[
        ("premier", 1),
        ("premiere", 1),
        ("deuxieme", 2),
        ("seconde", 2),
        ("second", 2),
        ("troisieme", 3),
        ("quatrieme", 4),
        ("cinquieme", 5),
        ("sixieme", 6),
        ("septieme", 7),
        ("huitieme", 8),
        ("neuvieme", 9),
        ("dixieme", 10),
        ("onzieme", 11),
        ("douzieme", 12),
    ];
    WORDS.iter().find(|(w, _)| *w == token).map(|&(_, n)| n)
}

/// Kinds of chamber or formation that name what the chamber does.
fn kind_word(token: &str) -> Option<&'static str> {
    Some(match token {
        "civile" | "civil" | "civ" => "civile",
        "commerciale" | "commercial" | "com" | "comm" => "commerciale",
        "sociale" | "social" | "soc" | "prud" => "sociale",
        "correctionnelle" | "correctionnel" | "penale" | "criminelle" | "cr" | "crim" => "penale",
        "famille" | "jaf" => "famille",
        "referes" | "refere" => "referes",
        "contentieux" => "contentieux",
        "expropriations" | "expropriation" => "expropriation",
        "instruction" => "instruction",
        "mixte" => "mixte",
        "pleniere" => "pleniere",
        "urgences" | "urgence" => "urgence",
        "execution" | "jex" => "execution",
        // Formations of the Conseil d'État: `10ème et 9ème chambres réunies`, `chambre
        // jugeant seule`.
        "reunies" | "reunie" => "chambres-reunies",
        "seule" => "chambre-seule",
        _ => return None,
    })
}

/// The tokens of `w` ([`words`]) with the abbreviations and former names of benches spelt as
/// [`describe`] reads them: `sect` is `section`; the Conseil d'État's `sous-section(s)`, which
/// became its chambers in 2016, are `chambre(s)`; `ssr` is `chambres réunies`.
fn bench_tokens(w: &str) -> Vec<&str> {
    let mut tokens: Vec<&str> = Vec::new();
    for t in w.split(' ').filter(|t| !t.is_empty()) {
        match t {
            "sect" => tokens.push("section"),
            "section" | "sections" if tokens.last() == Some(&"sous") => {
                tokens.pop();
                tokens.push(if t == "section" {
                    "chambre"
                } else {
                    "chambres"
                });
            }
            "ssr" => tokens.extend(["chambres", "reunies"]),
            _ => tokens.push(t),
        }
    }
    tokens
}

/// Describes a chamber of a court other than the Cour de cassation.
pub fn describe(value: &str) -> ChamberDesc {
    let w = words(value);
    let tokens = bench_tokens(&w);
    let mut desc = ChamberDesc::default();
    for (i, &t) in tokens.iter().enumerate() {
        let after = tokens.get(i + 1).copied();
        let number_after = after.and_then(ordinal);
        match t {
            "pole" => desc.pole = desc.pole.or(number_after),
            "chambre" | "chambres" | "ch" | "chbre" => {
                // Numbers before: `1re chambre`, `10eme 9eme chambres`; or after: `chambre 9`.
                let mut j = i;
                let mut before = Vec::new();
                while j > 0 {
                    if tokens[j - 1] == "et" && !before.is_empty() {
                        j -= 1;
                        continue;
                    }
                    // A number after `pôle` or `section` is theirs (`pôle 4 chambre 9`),
                    // unless the section has its own before it (`6ème section 1ère chambre`).
                    let theirs = j >= 2
                        && matches!(tokens[j - 2], "pole" | "section")
                        && !(tokens[j - 2] == "section"
                            && j >= 3
                            && ordinal(tokens[j - 3]).is_some());
                    match ordinal(tokens[j - 1]) {
                        Some(n) if !theirs => {
                            before.push(n);
                            j -= 1;
                        }
                        _ => break,
                    }
                }
                if before.is_empty() {
                    if let Some(n) = number_after {
                        desc.chambers.push(n);
                    }
                } else {
                    desc.chambers.extend(before);
                }
            }
            "section" => {
                let n = number_after.or_else(|| {
                    let a = after?;
                    (a.len() == 1 && a.as_bytes()[0].is_ascii_lowercase())
                        .then(|| 100 + u32::from(a.as_bytes()[0] - b'a') + 1)
                });
                let before = i.checked_sub(1).and_then(|j| ordinal(tokens[j]));
                if let Some(n) = before.or(n) {
                    desc.section = Some(n);
                } else if after == Some("du") || after == Some("contentieux") {
                    desc.kinds.push("section-contentieux");
                }
            }
            _ => {
                if let Some(k) = kind_word(t) {
                    // `Section du contentieux` and `Assemblée du contentieux` are formations
                    // of the Conseil d'État, not a subject.
                    let k = if k == "contentieux" && i >= 2 && tokens[i - 2] == "assemblee" {
                        "assemblee-contentieux"
                    } else if k == "contentieux" && i >= 2 && tokens[i - 2] == "section" {
                        continue;
                    } else {
                        k
                    };
                    desc.kinds.push(k);
                }
            }
        }
    }
    desc.chambers.sort_unstable();
    desc.chambers.dedup();
    desc.kinds.sort_unstable();
    desc.kinds.dedup();
    desc
}

/// How two chamber descriptions compare: `Some(true)` when their common features agree and
/// there is at least one, `Some(false)` when one of them disagrees, `None` when nothing can be
/// compared.
pub fn compare_desc(record: &ChamberDesc, reference: &ChamberDesc) -> Option<bool> {
    if record.is_empty() || reference.is_empty() {
        return None;
    }
    let mut compared = false;
    if let (Some(a), Some(b)) = (record.pole, reference.pole) {
        if a != b {
            return Some(false);
        }
        compared = true;
    }
    if !record.chambers.is_empty() && !reference.chambers.is_empty() {
        if record.chambers != reference.chambers {
            return Some(false);
        }
        compared = true;
    }
    if let (Some(a), Some(b)) = (record.section, reference.section) {
        if a != b {
            return Some(false);
        }
        compared = true;
    }
    if !record.kinds.is_empty() && !reference.kinds.is_empty() {
        if !record.kinds.iter().any(|k| reference.kinds.contains(k)) {
            return Some(false);
        }
        compared = true;
    }
    compared.then_some(true)
}

/// The kind of formation of an administrative court (Conseil d'État, cour administrative
/// d'appel, tribunal administratif) that a value names. Numbers (which chamber, which section)
/// are compared apart, on the [`ChamberDesc`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AdminFormation {
    /// `Assemblée du contentieux`, `Assemblée`, `CE, Ass.`
    Assemblee,
    /// `Section du contentieux`, `CE, Sect.`; on the Conseil d'État, `Section` alone.
    Section,
    /// `Juge des référés`, `Juge des référés, formation collégiale`.
    Referes,
    /// `Formation plénière` of a cour administrative d'appel or a tribunal.
    Pleniere,
    /// A judge sitting alone (CJA R.222-13): `Magistrat désigné`, `magistrat statuant seul`,
    /// `Juge unique`.
    SingleJudge,
    /// Chambers sitting together: `2ème - 7ème chambres réunies`, `2e et 7e ch. réunies`,
    /// `sous-sections réunies`.
    Reunies,
    /// One chamber: `4ème chambre`, `2ème chambre jugeant seule`, `6ème Section - 1ère
    /// Chambre`.
    Chambre,
    /// A bench of the judicial courts (`Chambre sociale`, `Pôle 4`, `Assemblée plénière`,
    /// `Chambre mixte`).
    Judicial,
}

impl AdminFormation {
    /// Whether two formations can be one: a judge sitting alone may be a chamber's member or
    /// the juge des référés, whom the source may name by the chamber or the office.
    pub fn compatible(self, other: AdminFormation) -> bool {
        use AdminFormation::*;
        self == other
            || matches!(
                (self, other),
                (SingleJudge, Chambre | Referes) | (Chambre | Referes, SingleJudge)
            )
    }
}

/// The administrative formation `value` names, `desc` being its [`describe`]; `council` when
/// the court is the Conseil d'État, where `Section` alone is the Section du contentieux (a
/// tribunal's sections are numbered). `None` when it names none, or several.
pub fn admin_formation(value: &str, desc: &ChamberDesc, council: bool) -> Option<AdminFormation> {
    use AdminFormation::*;
    let w = words(value);
    let tokens = bench_tokens(&w);
    let has = |t: &str| tokens.contains(&t);
    let kind = |k: &str| desc.kinds.contains(&k);
    let plenary_assembly = tokens
        .windows(2)
        .any(|p| matches!(p[0], "assemblee" | "ass") && matches!(p[1], "pleniere" | "plen"));
    let judicial = desc.pole.is_some()
        || plenary_assembly
        || desc.kinds.iter().any(|k| {
            matches!(
                *k,
                "civile"
                    | "commerciale"
                    | "sociale"
                    | "penale"
                    | "famille"
                    | "expropriation"
                    | "instruction"
                    | "mixte"
                    | "execution"
            )
        });
    let referes = kind("referes");
    let single = !referes
        && (has("magistrat") || has("juge"))
        && tokens.iter().any(|t| {
            matches!(
                *t,
                "designe"
                    | "designee"
                    | "delegue"
                    | "deleguee"
                    | "unique"
                    | "seul"
                    | "seule"
                    | "statuant"
            )
        });
    let flags = [
        (
            Assemblee,
            !plenary_assembly && (has("assemblee") || has("ass")),
        ),
        (
            Section,
            kind("section-contentieux") || (council && has("section") && desc.section.is_none()),
        ),
        (Referes, referes),
        (Pleniere, kind("pleniere") && !plenary_assembly),
        (SingleJudge, single),
        (Judicial, judicial),
    ];
    let mut named = flags.iter().filter(|(_, on)| *on).map(|(f, _)| *f);
    match (named.next(), named.next()) {
        (Some(f), None) => Some(f),
        (Some(_), Some(_)) => None,
        (None, _) if kind("chambres-reunies") || desc.chambers.len() >= 2 => Some(Reunies),
        (None, _) if kind("chambre-seule") || desc.chambers.len() == 1 => Some(Chambre),
        (None, _) => None,
    }
}

/// How two formations of an administrative court compare: `Some(false)` when they are
/// formations that cannot be one (`Section du contentieux` and `Assemblée`, `Juge des référés`
/// and `2ème chambre`) or name other chambers or sections (`6ème Section - 1ère Chambre` and
/// `3ème Chambre`); `Some(true)` when they name the same formation, or agree on a chamber or
/// section; `None` when nothing can be compared (`Président`, `Magistrat désigné` beside a
/// chamber). `council` as for [`admin_formation`].
pub fn compare_admin(record: &str, reference: &str, council: bool) -> Option<bool> {
    let (rd, fd) = (describe(record), describe(reference));
    let rf = admin_formation(record, &rd, council);
    let ff = admin_formation(reference, &fd, council);
    if let (Some(a), Some(b)) = (rf, ff)
        && !a.compatible(b)
    {
        return Some(false);
    }
    let mut agreed = rf.is_some() && rf == ff;
    if !rd.chambers.is_empty() && !fd.chambers.is_empty() {
        if rd.chambers != fd.chambers {
            return Some(false);
        }
        agreed = true;
    }
    if let (Some(a), Some(b)) = (rd.section, fd.section) {
        if a != b {
            return Some(false);
        }
        agreed = true;
    }
    agreed.then_some(true)
}

#[cfg(test)]
mod tests {
    use super::*;
    use CcChamber::*;
    use CcFormation::*;

    fn cc(v: &str) -> (Option<CcChamber>, Option<CcFormation>) {
        let p = parse_cc(v);
        assert!(!p.leftover, "{v}: leftover words");
        assert!(!p.conflicting, "{v}: conflicting");
        (p.chamber, p.formation)
    }

    #[test]
    fn cour_de_cassation_chambers() {
        for v in [
            "Première chambre civile",
            "civ1",
            "Civ1",
            "Chambre civile 1",
            "CHAMBRE_CIVILE_1",
            "Civ. 1re",
            "Civ. 1ère",
            "1re Civ.",
            "1ère chambre civile",
            "Cass. civ. 1re",
            "Cour de cassation, civile, Chambre civile 1",
        ] {
            assert_eq!(cc(v), (Some(Civ1), None), "{v}");
        }
        for v in [
            "Deuxième chambre civile",
            "civ2",
            "Civ. 2e",
            "2e Civ.",
            "CHAMBRE_CIVILE_2",
            "Chambre civile 2",
        ] {
            assert_eq!(cc(v), (Some(Civ2), None), "{v}");
        }
        for v in [
            "Troisième chambre civile",
            "civ3",
            "Civ. 3e",
            "3e Civ.",
            "CHAMBRE_CIVILE_3",
        ] {
            assert_eq!(cc(v), (Some(Civ3), None), "{v}");
        }
        for v in [
            "Chambre commerciale, financière et économique",
            "Chambre commerciale financière et économique",
            "Chambre commerciale",
            "CHAMBRE_COMMERCIALE",
            "Com.",
            "comm",
        ] {
            assert_eq!(cc(v), (Some(Comm), None), "{v}");
        }
        for v in [
            "Soc.",
            "soc",
            "Chambre sociale",
            "CHAMBRE_SOCIALE",
            "civile, Chambre sociale",
        ] {
            assert_eq!(cc(v), (Some(Soc), None), "{v}");
        }
        for v in [
            "Crim.",
            "cr",
            "Chambre criminelle",
            "criminelle, Chambre criminelle",
            "CHAMBRE_CRIMINELLE",
        ] {
            assert_eq!(cc(v), (Some(Cr), None), "{v}");
        }
        for v in [
            "Assemblée plénière",
            "Ass. plén.",
            "ASSEMBLEE_PLENIERE",
            "pl",
        ] {
            assert_eq!(cc(v), (Some(Pl), None), "{v}");
        }
        for v in ["Chambre mixte", "Ch. mixte", "mi", "CHAMBRE_MIXTE"] {
            assert_eq!(cc(v), (Some(Mi), None), "{v}");
        }
        assert_eq!(cc("Première présidence (Ordonnance)"), (Some(Ordo), None));
        assert_eq!(cc("Chambres réunies"), (Some(Creun), None));
    }

    #[test]
    fn cour_de_cassation_formations() {
        for (v, f) in [
            ("Formation de section", Fs),
            ("FS", Fs),
            ("fs", Fs),
            ("Formation restreinte", F),
            ("F", F),
            ("Formation plénière de chambre", Fp),
            ("FP", Fp),
            ("Formation mixte", Fm),
            ("fm", Fm),
            ("Formation restreinte hors RNSM/NA", Frh),
            ("frh", Frh),
            ("Formation restreinte RNSM/NA", Frr),
            ("frr", Frr),
            ("FS-P+B", Fs),
            ("F-B", F),
            ("FP-P+B+R+I", Fp),
        ] {
            assert_eq!(cc(v), (None, Some(f)), "{v}");
        }
        assert_eq!(
            cc("Première chambre civile - Formation de section"),
            (Some(Civ1), Some(Fs))
        );
        assert_eq!(cc("civ1 fs"), (Some(Civ1), Some(Fs)));
        assert_eq!(cc("Civ. 1re, FS-B"), (Some(Civ1), Some(Fs)));
        assert_eq!(cc("Chambre mixte, Formation mixte"), (Some(Mi), Some(Fm)));
    }

    #[test]
    fn unreadable_and_conflicting() {
        assert!(parse_cc("1re chambre").leftover);
        assert!(parse_cc("pôle 4, chambre 9").leftover);
        assert!(parse_cc("Chambre des requêtes").leftover);
        assert!(parse_cc("civ1 civ2").conflicting);
        assert!(!parse_cc("frh f").conflicting);
        assert!(parse_cc("fs f").conflicting);
    }

    #[test]
    fn other_courts_chambers() {
        let d = describe("pôle 4, chambre 9");
        assert_eq!((d.pole, d.chambers.as_slice()), (Some(4), &[9][..]));
        assert_eq!(describe("Pôle 4 - Chambre 9"), d);
        assert_eq!(describe("1re chambre").chambers, vec![1]);
        assert_eq!(describe("1ère chambre").chambers, vec![1]);
        assert_eq!(describe("première chambre").chambers, vec![1]);
        assert_eq!(describe("5ème chambre").chambers, vec![5]);
        assert_eq!(
            describe("10ème - 9ème chambres réunies").chambers,
            vec![9, 10]
        );
        assert_eq!(describe("chambre sociale").kinds, vec!["sociale"]);
        assert_eq!(describe("juge des référés").kinds, vec!["referes"]);
        assert_eq!(
            describe("Section du contentieux").kinds,
            vec!["section-contentieux"]
        );
        let ch = describe("Chambre civile - Première section");
        assert_eq!(
            (ch.section, ch.kinds.as_slice()),
            (Some(1), &["civile"][..])
        );

        let cmp = |a: &str, b: &str| compare_desc(&describe(a), &describe(b));
        assert_eq!(cmp("pôle 4, chambre 9", "Pôle 4 - chambre 9"), Some(true));
        assert_eq!(cmp("pôle 4, chambre 10", "Pôle 4 - chambre 9"), Some(false));
        assert_eq!(cmp("1re chambre", "1ère chambre"), Some(true));
        assert_eq!(cmp("première chambre", "5ème chambre"), Some(false));
        assert_eq!(
            cmp(
                "9ème et 10ème chambres réunies",
                "10ème - 9ème chambres réunies"
            ),
            Some(true)
        );
        assert_eq!(cmp("chambre sociale", "Chambre Sociale"), Some(true));
        assert_eq!(cmp("chambre sociale", "chambre commerciale"), Some(false));
        assert_eq!(
            cmp("1re chambre civile", "Chambre civile - Première section"),
            Some(true)
        );
        assert_eq!(cmp("juge des référés", "1ère chambre"), None);
        assert_eq!(
            cmp("Section du contentieux", "section du contentieux"),
            Some(true)
        );
        assert_eq!(cmp("n'importe quoi", "1ère chambre"), None);
    }
}
