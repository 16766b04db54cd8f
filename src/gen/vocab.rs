//! Realistic French wording: party names in the spellings reusers print them, attributions,
//! update notices, editorial notes, identification aliases.

use super::rng::Rng;

pub const MALE_FIRST: &[&str] = &[
    "Julien",
    "Thomas",
    "Nicolas",
    "Laurent",
    "Philippe",
    "Jean-Pierre",
    "Mathieu",
    "Karim",
    "Antoine",
    "François",
    "Sébastien",
    "Mehdi",
];
pub const FEMALE_FIRST: &[&str] = &[
    "Sophie",
    "Nathalie",
    "Isabelle",
    "Claire",
    "Aurélie",
    "Fatima",
    "Anne-Sophie",
    "Camille",
    "Élodie",
    "Marie-Hélène",
    "Sandrine",
    "Leïla",
];
pub const SURNAMES: &[&str] = &[
    "Durand",
    "Lambert",
    "Moreau",
    "Lefèvre",
    "Kaminski",
    "Bernard",
    "Garnier",
    "Rousseau",
    "Benali",
    "Nguyen",
    "Fontaine",
    "Chevalier",
    "Girard",
    "Lefèvre-Dubois",
    "Morel-Vasseur",
    "Kowalczyk",
    "Haddad",
    "Perrin",
    "Marchand",
    "Boyer-Lemaire",
];

/// A party's name in one of the spellings reusers print: given `markers` pseudonymisation
/// markers after the civility (`M. [Z] [R]` has two), the replacement for them. The surname is
/// one that `text` does not hold already (a magistrate of the decision may bear it).
pub fn person_name(rng: &mut Rng, female: bool, markers: usize, text: &str) -> String {
    let lower = text.to_lowercase();
    // Every part of a compound name counts: `M. Boyer`, a magistrate, forbids `Boyer-Lemaire`,
    // and `Mme Thomas, conseiller` forbids the first name Thomas.
    let taken = |name: &str| {
        name.split(['-', ' '])
            .any(|part| lower.contains(&part.to_lowercase()))
    };
    let mut pick_free = |list: &[&'static str]| {
        let mut name = *rng.pick(list);
        for _ in 0..50 {
            if !taken(name) {
                break;
            }
            name = *rng.pick(list);
        }
        name
    };
    let first = pick_free(if female { FEMALE_FIRST } else { MALE_FIRST });
    let last = pick_free(SURNAMES);
    let upper = rng.chance(0.35);
    let last = if upper {
        last.to_uppercase()
    } else {
        last.to_string()
    };
    if markers >= 2 {
        format!("{first} {last}")
    } else {
        last
    }
}

pub const JUDILIBRE_ATTRIBUTIONS: &[&str] = &[
    "Source : Cour de cassation (Judilibre)",
    "Données issues de l'open data de la Cour de cassation",
    "Judilibre — Cour de cassation",
    "Source : Judilibre, base open data de la Cour de cassation",
];
pub const DILA_ATTRIBUTIONS: &[&str] = &[
    "Source : Légifrance",
    "legifrance.gouv.fr (DILA)",
    "Données DILA — Légifrance, base CASS",
    "Source : Légifrance / Cour de cassation",
];
pub const ADMIN_ATTRIBUTIONS: &[&str] = &[
    "Source : open data des décisions de la justice administrative (Conseil d'État)",
    "Conseil d'État — opendata.justice-administrative.fr",
];
/// Attributions that name no producer (ATT001).
pub const VAGUE_ATTRIBUTIONS: &[&str] = &[
    "Source : internet",
    "Base de jurisprudence de l'éditeur",
    "Tous droits réservés",
];
/// Attributions crediting the Conseil d'État for a judicial decision (ATT002).
pub const WRONG_ATTRIBUTIONS: &[&str] = &[
    "Source : Conseil d'État",
    "Données : open data des juridictions administratives (Conseil d'État)",
];

/// Editorial notes a reuser inserts into a decision text (INT002).
pub const EDITORIAL_NOTES: &[&str] = &[
    "Note de la rédaction : cette décision s'inscrit dans une jurisprudence constante de la haute juridiction.",
    "À retenir : la solution est conforme à l'arrêt de principe rendu en la matière en 2019.",
    "Publicité — Abonnez-vous à notre lettre de jurisprudence pour recevoir chaque semaine les décisions commentées.",
    "Lire aussi notre commentaire de cette décision sur https://www.exemple-juris.fr/commentaires/ .",
    "Mots-clés : procédure ; recevabilité ; cassation ; renvoi.",
];

/// Commentary a reuser keeps apart from the decision (allowed).
pub const COMMENTARIES: &[&str] = &[
    "Un arrêt qui précise utilement la portée de la règle.",
    "Décision à rapprocher de la jurisprudence antérieure de la chambre.",
    "Commentaire de la rédaction : solution classique, motivation enrichie.",
];

/// Lower-case words of legal French swapped one for another (INT001, FRE002).
pub const SWAP_WORDS: &[&str] = &[
    "pourvoi",
    "arrêt",
    "demande",
    "moyen",
    "contrat",
    "procédure",
    "décision",
    "délai",
    "jugement",
    "appel",
    "preuve",
    "dommage",
    "obligation",
    "paiement",
];

pub use crate::ident::french_date;

/// `05/10/2023`.
pub fn slash_date(d: jiff::civil::Date) -> String {
    format!("{:02}/{:02}/{}", d.day(), d.month(), d.year())
}

/// A date in one of the accepted spellings.
pub fn any_date(rng: &mut Rng, d: jiff::civil::Date) -> String {
    match rng.below(3) {
        0 => d.to_string(),
        1 => slash_date(d),
        _ => french_date(d),
    }
}

/// The aliases of a Judilibre chamber code a reuser may print.
pub fn chamber_aliases(code: &str) -> &'static [&'static str] {
    match code {
        "civ1" => &[
            "civ1",
            "Première chambre civile",
            "Chambre civile 1",
            "Civ. 1re",
        ],
        "civ2" => &[
            "civ2",
            "Deuxième chambre civile",
            "Chambre civile 2",
            "Civ. 2e",
        ],
        "civ3" => &[
            "civ3",
            "Troisième chambre civile",
            "Chambre civile 3",
            "Civ. 3e",
        ],
        "comm" => &[
            "comm",
            "Chambre commerciale, financière et économique",
            "Chambre commerciale",
        ],
        "soc" => &["soc", "Chambre sociale"],
        "cr" => &["cr", "Chambre criminelle"],
        "pl" => &["pl", "Assemblée plénière"],
        "mi" => &["mi", "Chambre mixte"],
        _ => &["ordo"],
    }
}

pub const CHAMBERS: &[&str] = &["civ1", "civ2", "civ3", "comm", "soc", "cr"];

/// A phone number in one of the usual spellings.
pub fn phone(rng: &mut Rng) -> String {
    let mut d = [0u64; 8];
    for x in &mut d {
        *x = rng.below(10);
    }
    let lead = *rng.pick(&[6u64, 7, 1, 4]);
    match rng.below(3) {
        0 => format!(
            "0{lead} {}{} {}{} {}{} {}{}",
            d[0], d[1], d[2], d[3], d[4], d[5], d[6], d[7]
        ),
        1 => format!(
            "+33 {lead} {}{} {}{} {}{} {}{}",
            d[0], d[1], d[2], d[3], d[4], d[5], d[6], d[7]
        ),
        _ => format!(
            "0{lead}.{}{}.{}{}.{}{}.{}{}",
            d[0], d[1], d[2], d[3], d[4], d[5], d[6], d[7]
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn planted_names_avoid_every_name_of_the_decision() {
        let text = "présents M. Delbano, conseiller doyen, M. Boyer, Mme Abgrall, Mme Sophie";
        for seed in 0..200 {
            let n = person_name(&mut Rng::new(seed), true, 2, text);
            assert!(!n.to_lowercase().contains("boyer"), "{n}");
            assert!(!n.contains("Sophie"), "{n}");
        }
    }
}
