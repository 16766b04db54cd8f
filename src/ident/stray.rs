//! Words that are part of no identification. An identification field is read for what it
//! recognises (a chamber, a city, a day, digits), and a value may say more than that in words
//! that belong to identifications too (`Cour de cassation, Chambre sociale, 4 octobre 2023`,
//! `Paris (France)`, `n° H 20-23.523`): but a word that no identification is written with
//! (`Chambre sociale xxxxx`, `Paris xxxx`, `2023-10-04 xxxx`) alters the identification the
//! reference gives, which CC V and CE V forbid (« L'interdiction d'altérer les données »):
//! INT006. See [`stray_words`].

use std::collections::HashSet;
use std::sync::LazyLock;

use super::fold::{memoized, words};
use super::{numbers, tables};
use crate::model::ReferenceDecision;

/// The words identifications are written with, on [`words`] (lower case, no accents): linking
/// words; courts, chambers and formations, in French and in English; months and weekdays;
/// what a number or a date is labelled with; how Légifrance and the Conseil d'État name a
/// decision's publication (`Publié au bulletin`, `Mentionné aux tables du recueil Lebon`).
#[rustfmt::skip]
const VOCABULARY: &[&str] = &[
    // Linking words and articles.
    "de", "du", "des", "d", "la", "le", "les", "l", "et", "en", "a", "au", "aux", "sur", "sous",
    "pres", "par", "pour", "dans", "ou", "of", "the", "and", "in", "at", "on", "for", "by",
    // Courts.
    "cour", "cours", "court", "courts", "cassation", "cass", "ccass", "cc", "tribunal",
    "tribunaux", "trib", "judiciaire", "judiciaires", "jud", "grande", "gde", "gr", "instance",
    "inst", "tgi", "tj", "ti", "tcom", "tae", "commerce", "activites", "economiques", "conseil",
    "conseils", "cons", "etat", "state", "council", "ce", "caa", "ca", "ta", "tc", "cph", "prud",
    "prudhommes", "prudhomme", "prudhommale", "prudhomale", "homale", "hommes", "administratif",
    "administrative", "administratifs", "administratives", "adm", "admin", "appel", "appeal",
    "appeals", "juridiction", "juridictions", "jurisdiction", "conflits", "confl", "correctionnel",
    "police", "enfants", "proximite", "assises", "departementale", "supreme", "haute",
    "ordre", "justice", "republique", "francaise", "france", "fr", "french", "paritaire", "baux",
    "ruraux", "securite", "incapacite", "maritime", "superieur", "cedh", "cjue", "edh",
    "constitutionnel", "comptes", "regionale", "nationale", "droit", "asile", "cnda", "tass",
    "tpbr", "siege", "seat", "ville", "city", "arrondissement", "departement", "region",
    "metropole", "metropolitaine", "outre", "mer", "dom", "tom", "st", "ste", "sts", "stes",
    "cedex",
    // The court's building, which publishers name as its seat (`Palais de justice de Paris`);
    // an address is no seat (`Quai de l'Horloge, Paris` is INT006).
    "palais",
    "union", "europeenne", "europeen", "europeennes", "communautes", "droits", "homme",
    // Chambers, formations and judges.
    "chambre", "chambres", "ch", "chb", "chbre", "chr", "chamber", "chambers", "formation",
    "formations", "form", "section", "sections", "sect", "sous", "ss", "ssr", "assemblee",
    "ass", "assembly", "pleniere", "plen", "plenary", "full", "mixte", "mixed", "reunies",
    "reunie", "reunis", "joint", "seule", "seul", "jugeant", "statuant", "unique", "single",
    "alone", "juge", "juges", "judge", "judges", "magistrat", "magistrats", "magistrate",
    "designe", "designee", "delegue", "deleguee", "president", "presidente", "presidence",
    "presiding", "vice", "premier", "premiere", "ordonnance", "ordonnances", "ord", "ordo",
    "order", "refere", "referes", "ref", "refes", "urgence", "urgences", "interim", "relief",
    "pole", "division", "panel", "bench", "civile", "civil", "civ", "civiles", "commerciale",
    "commercial", "commerciales", "com", "comm", "sociale", "social", "sociales", "soc",
    "criminelle", "criminal", "crim", "cr", "penale", "penal", "correctionnelle", "corr",
    "financiere", "financial", "economique", "economic", "famille", "family", "jaf", "jex",
    "jld", "jme", "jcp", "execution", "expropriation", "expropriations", "instruction",
    "contentieux", "litigation", "requetes", "cabinet", "service", "aud", "audience",
    "audiences", "hearing", "publique", "publiques", "public", "solennelle", "solennel",
    "restreinte", "restricted", "hors", "rnsm", "na", "fs", "fp", "frh", "frr", "fm", "pl",
    "ap", "mi", "creun", "protection", "etrangers", "libertes", "detention", "mise",
    "affaires", "familiales", "bureau", "jugement", "conciliation", "orientation",
    "departage", "diverses", "encadrement", "industrie", "agriculture", "collegiale",
    "collegial", "conseiller", "conseillere", "conseillers", "rapporteur", "doyen", "faisant",
    "fonction", "fonctions",
    // The benches of the courts of appeal, the tribunals and the conseils de prud'hommes, named
    // by what they judge (`Chambre des appels correctionnels`, `Chambre spéciale des mineurs`,
    // `Juge de l'application des peines`, `Chambre des saisies immobilières`, `Soins
    // psychiatriques sans consentement`, `Chambre commerciale internationale`).
    "appels", "correctionnels", "correctionnelles", "speciale", "special", "mineurs",
    "application", "peines", "saisies", "immobilieres", "immobiliere", "criees", "procedures",
    "collectives", "tutelle", "tutelles", "surendettement", "commerciaux", "detachee",
    "detachees", "construction", "soins", "psychiatriques", "sans", "consentement",
    "hospitalisation", "hospitalisations", "contrainte", "retention", "reparation",
    "indemnisation", "victimes", "infractions", "civi", "jap", "internationale",
    "international", "arbitrage", "entreprises", "travail", "generale", "nationalite",
    "disciplinaire", "discipline",
    // Ordinals, in words, in French and in English, and roman numerals.
    "premiers", "premieres", "deuxieme", "second", "seconde", "troisieme", "quatrieme",
    "cinquieme", "sixieme", "septieme", "huitieme", "neuvieme", "dixieme", "onzieme",
    "douzieme", "first", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
    "tenth", "ii", "iii", "iv", "vi", "vii", "viii", "ix", "xi", "xii", "bis", "ter",
    // Numbers in words (`le dix-huit novembre deux mille vingt`).
    "un", "une", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix",
    "onze", "douze", "treize", "quatorze", "quinze", "seize", "vingt", "vingts", "trente",
    "quarante", "cinquante", "soixante", "cent", "cents", "mille", "mil",
    // Months and weekdays, in full and abridged, in French and in English.
    "janvier", "janv", "jan", "fevrier", "fevr", "fev", "mars", "mar", "avril", "avr", "mai",
    "juin", "juillet", "juil", "aout", "septembre", "sep", "octobre", "oct", "novembre", "nov",
    "decembre", "dec", "january", "february", "feb", "march", "april", "apr", "may", "june",
    "jun", "july", "jul", "august", "aug", "september", "sept", "october", "november",
    "december", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche", "lun",
    "mer", "jeu", "ven", "sam", "dim", "monday", "tuesday", "wednesday", "thursday", "friday",
    "saturday", "sunday", "mon", "tue", "wed", "thu", "fri", "sat", "sun", "gmt", "utc", "cet",
    "cest", "h", "heures", "am", "pm",
    // What a date or a number is labelled with.
    "date", "dates", "dated", "day", "jour", "arret", "arrets", "arr", "judgment", "judgement",
    "decision", "decisions", "prononce", "prononcee", "rendu", "rendue", "rendered", "lecture",
    "lu", "lue", "read", "delivered", "seance", "delibere", "n", "no", "nos", "num", "numero",
    "numeros", "number", "numbers", "nr", "req", "pourvoi", "pourvois", "appeal", "requete",
    "requetes", "dossier", "dossiers", "affaire", "case", "cases", "rg", "repertoire",
    "general", "minute", "portalis", "ecli", "juritext", "jurite", "cetatext", "constext",
    "dce", "dca", "dta", "orta", "autres", "autre", "others", "other", "joints", "jointes",
    "jonction", "suivants", "suivantes", "ibid",
    // Publication.
    "publie", "publiee", "published", "bulletin", "bull", "inedit", "inedite", "unpublished",
    "recueil", "lebon", "rec", "tables", "table", "mentionne", "mentionnee", "non", "diffuse",
    "diffusion",
];

static WORDS: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| VOCABULARY.iter().copied().collect());

/// The departments and regions of France, which a seat may give beside its city
/// (`Cergy-Pontoise (Val-d'Oise)`, `Saint-Denis, La Réunion`).
const PLACES: &str = "Ain, Aisne, Allier, Alpes-de-Haute-Provence, Hautes-Alpes, \
    Alpes-Maritimes, Ardèche, Ardennes, Ariège, Aube, Aude, Aveyron, Bouches-du-Rhône, Calvados, \
    Cantal, Charente, Charente-Maritime, Cher, Corrèze, Corse-du-Sud, Haute-Corse, Côte-d'Or, \
    Côtes-d'Armor, Creuse, Dordogne, Doubs, Drôme, Eure, Eure-et-Loir, Finistère, Gard, \
    Haute-Garonne, Gers, Gironde, Hérault, Ille-et-Vilaine, Indre, Indre-et-Loire, Isère, Jura, \
    Landes, Loir-et-Cher, Loire, Haute-Loire, Loire-Atlantique, Loiret, Lot, Lot-et-Garonne, \
    Lozère, Maine-et-Loire, Manche, Marne, Haute-Marne, Mayenne, Meurthe-et-Moselle, Meuse, \
    Morbihan, Moselle, Nièvre, Nord, Oise, Orne, Pas-de-Calais, Puy-de-Dôme, \
    Pyrénées-Atlantiques, Hautes-Pyrénées, Pyrénées-Orientales, Bas-Rhin, Haut-Rhin, Rhône, \
    Haute-Saône, Saône-et-Loire, Sarthe, Savoie, Haute-Savoie, Paris, Seine-Maritime, \
    Seine-et-Marne, Yvelines, Deux-Sèvres, Somme, Tarn, Tarn-et-Garonne, Var, Vaucluse, Vendée, \
    Vienne, Haute-Vienne, Vosges, Yonne, Territoire de Belfort, Essonne, Hauts-de-Seine, \
    Seine-Saint-Denis, Val-de-Marne, Val-d'Oise, Guadeloupe, Martinique, Guyane, La Réunion, \
    Mayotte, Île-de-France, Auvergne, Bourgogne, Franche-Comté, Bretagne, Centre-Val de Loire, \
    Grand Est, Hauts-de-France, Normandie, Nouvelle-Aquitaine, Occitanie, Pays de la Loire, \
    Provence-Alpes-Côte d'Azur, Corse, Polynésie française, Nouvelle-Calédonie, Wallis-et-Futuna, \
    Saint-Pierre-et-Miquelon, Saint-Barthélemy, Saint-Martin";

/// The words of the cities vigie's tables hold (`aix`, `provence`, `roche`, `yon`…), and of
/// [`PLACES`], for a seat or a court named in full.
static CITY_WORDS: LazyLock<HashSet<String>> = LazyLock::new(|| {
    let mut out = HashSet::new();
    for table in [
        tables::CA_LOCATIONS,
        tables::TJ_INSEE,
        tables::TCOM_CODES,
        tables::TA_CODES,
        tables::CAA_CODES,
        tables::CPH_CODES,
    ] {
        for &(_, name) in table {
            out.extend(words(name).split(' ').map(str::to_owned));
        }
    }
    out.extend(words(PLACES).split(' ').map(str::to_owned));
    out
});

/// The endings a number may have in an identification: ordinals (`1re`, `2e`, `10ème`,
/// `2nd`, `18th`) and `bis`, `ter`.
fn ordinal_suffix(s: &str) -> bool {
    matches!(
        s,
        "e" | "er"
            | "re"
            | "ere"
            | "eme"
            | "em"
            | "de"
            | "nde"
            | "d"
            | "nd"
            | "st"
            | "rd"
            | "th"
            | "bis"
            | "ter"
            | "h"
            | "hm"
    )
}

/// Whether a token ([`words`]) holding a digit is one an identification writes: digits, an
/// ordinal (`1re`, `10eme`), a code (`tj75056`, `cr01078`, `21ly01234`, `2024g00010`,
/// `18t10`, `00z`). Letters glued before the digits are a short code or a word of
/// [`VOCABULARY`]; letters glued after them end the token only as an ordinal's ending or a
/// single letter (`2023-10-04xyz` is not a date).
fn digit_token(t: &str) -> bool {
    let lead_end = t.find(|c: char| c.is_ascii_digit()).unwrap_or(t.len());
    let lead = &t[..lead_end];
    if lead.chars().count() > 2 && !WORDS.contains(lead) {
        return false;
    }
    let trail_start = t
        .rfind(|c: char| c.is_ascii_digit())
        .map_or(t.len(), |i| i + 1);
    let trail = &t[trail_start..];
    trail.chars().count() <= 1 || ordinal_suffix(trail)
}

/// Whether a token ([`words`]) may be part of an identification, whatever the reference.
fn known(t: &str) -> bool {
    t.chars().count() <= 1
        || if t.bytes().any(|b| b.is_ascii_digit()) {
            digit_token(t)
        } else {
            WORDS.contains(t) || CITY_WORDS.contains(t)
        }
}

/// What [`unknown_words`] found, shared by the memo of [`stray_words`].
type Unknown = std::sync::Arc<[(Box<str>, Box<str>)]>;

/// The words of `value` that are part of no identification whatever the reference, each as the
/// value writes it, with its [`words`]: what [`stray_words`] then looks for in the reference.
fn unknown_words(value: &str) -> Vec<(Box<str>, Box<str>)> {
    // An ECLI is read whole (`ECLI:FR:CECHR:2023:462782.20231004`): its court's code is no word.
    let (rest, _) = numbers::take_eclis(value);
    let mut out = Vec::new();
    // The parts of a Portalis number after its label are codes (`DBVX-V-B7F-NBTC`).
    let mut portalis = 0usize;
    for word in rest
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        let folded = words(word);
        let mut stray = false;
        for t in folded.split(' ').filter(|t| !t.is_empty()) {
            if portalis > 0 {
                portalis -= 1;
                continue;
            }
            if t == "portalis" {
                portalis = 4;
            }
            if !known(t) {
                stray = true;
            }
        }
        if stray {
            out.push((Box::from(word), folded.into_boxed_str()));
        }
    }
    out
}

/// The words of `value`, an identification field's value, that are part of no identification:
/// none of the words courts, chambers, formations, dates and numbers are written with (in
/// French or in English), nor of a city vigie's tables hold, nor of the reference's own
/// identification (its court, seat, chamber and formation as its source writes them, which
/// may name a city or a bench the tables do not). Each is given as the value writes it.
pub fn stray_words(value: &str, reference: &ReferenceDecision) -> Vec<String> {
    // Invisible characters are nothing, digits of any script their values (`Ly\u{ad}on` is
    // one word), markup and entities no words (`Troisi&egrave;me chambre civile`, `<b>Chambre
    // sociale</b>`): the value is read as the field is compared ([`super::field_text`]).
    stray_words_in(&super::fold::field_text(value), reference)
}

/// [`stray_words`] of a value already read as [`super::field_text`] reads it (once: its text
/// is not decoded again).
pub(crate) fn stray_words_in(value: &str, reference: &ReferenceDecision) -> Vec<String> {
    thread_local! {
        static MEMO: std::cell::RefCell<std::collections::HashMap<Box<str>, Unknown>> =
            Default::default();
    }
    let unknown = memoized(&MEMO, value, |v| unknown_words(v).into());
    if unknown.is_empty() {
        return Vec::new();
    }
    let own: HashSet<String> = [
        &reference.jurisdiction,
        &reference.seat,
        &reference.chamber,
        &reference.formation,
    ]
    .into_iter()
    .flatten()
    .flat_map(|v| {
        words(v)
            .split(' ')
            .map(str::to_owned)
            .collect::<Vec<String>>()
    })
    .collect();
    unknown
        .iter()
        .filter(|(_, folded)| folded.split(' ').any(|t| !known(t) && !own.contains(t)))
        .map(|(word, _)| word.to_string())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stray(v: &str) -> Vec<String> {
        stray_words(v, &ReferenceDecision::default())
    }

    #[test]
    fn identifications_as_sources_and_reusers_write_them() {
        for v in [
            "Cour de cassation, civile, Chambre sociale, 4 octobre 2023, 22-12.387, Publié au bulletin",
            "Première chambre civile - Formation restreinte hors RNSM/NA",
            "Civ. 1re, FS-P+B+R+I",
            "5ème - 6ème chambres réunies",
            "Tribunal administratif de Cergy-Pontoise, 3ème chambre",
            "Cour d'appel d'Aix-en-Provence",
            "Tribunal de commerce de La Roche-sur-Yon",
            "2023-10-04T00:00:00Z",
            "Tue, 03 Oct 2023 22:00:00 GMT",
            "mercredi 4 octobre 2023",
            "1er octobre 2023",
            "Audience du 7 septembre 2023, arrêt du 5 octobre 2023",
            "n° H 20-23.523",
            "Pourvoi n° 23-80.251 - Arrêt n° 01078",
            "21-25.274 et 3 autres",
            "RG n° 20/00804 - N° Portalis DBVX-V-B7E-NBTC",
            "ECLI:FR:CECHR:2023:462782.20231004",
            "21LY01234",
            "tj75056",
            "Second Civil Chamber",
            "Pôle 4 - Chambre 9",
            "Juge des référés, formation collégiale",
            "Magistrat désigné",
            "le dix-huit novembre deux mille vingt",
        ] {
            assert_eq!(stray(v), Vec::<String>::new(), "{v}");
        }
    }

    #[test]
    fn words_of_no_identification_are_stray() {
        assert_eq!(stray("Chambre xxxxx"), ["xxxxx"]);
        assert_eq!(stray("Paris xxxx"), ["xxxx"]);
        assert_eq!(stray("2023-10-04 xxxx"), ["xxxx"]);
        assert_eq!(stray("2023-10-04xyz"), ["04xyz"]);
        assert_eq!(stray("22-12.387 (lien sponsorisé)"), ["lien", "sponsorisé"]);
        assert_eq!(stray("Chambre sociale Kaminski"), ["Kaminski"]);
        // An invisible character splits no word.
        assert_eq!(stray("Ly\u{ad}on xx\u{200b}xx"), ["xxxx"]);
        // Markup is no word; the words it holds are.
        assert!(stray("<b>Troisi&egrave;me chambre civile</b>").is_empty());
        assert_eq!(stray("Chambre sociale <b>xxxx</b>"), ["xxxx"]);
    }

    #[test]
    fn the_references_own_words_are_part_of_it() {
        let reference = ReferenceDecision {
            jurisdiction: Some("Conseil de prud'hommes".into()),
            seat: Some("Longjumeau".into()),
            ..Default::default()
        };
        assert!(stray_words("Longjumeau", &reference).is_empty());
        assert_eq!(stray_words("Longjumeau xxxx", &reference), ["xxxx"]);
    }
}
