//! Profiling (PRF001, PRF002): « les données d'identité des magistrats et des membres du greffe
//! ne peuvent faire l'objet d'une réutilisation ayant pour objet ou pour effet d'évaluer,
//! d'analyser, de comparer ou de prédire leurs pratiques professionnelles » (COJ L.111-13, CC VI).
//!
//! The structured fields of a record that are not canonical are inspected: a field named for a
//! magistrate or a clerk that carries an identity is indexable metadata (PRF001); one that pairs
//! an identity with figures or judgements about their practice is analytics (PRF002).

use super::Rule;
use crate::corpus::Mapping;
use crate::corpus::mapping::FieldName;
use crate::model::{Evidence, Finding, Personal, RecordRef};
use crate::text::names::{BODIES, may_be_name_word};
use regex::Regex;
use serde_json::Value;
use std::borrow::Cow;
use std::sync::{Arc, LazyLock};

/// Words of a field name that designate magistrates or clerks.
const MAGISTRATE_WORDS: &[&str] = &[
    "president",
    "presidente",
    "presidents",
    "presidency",
    "rapporteur",
    "rapporteurs",
    "rapporteure",
    "magistrat",
    "magistrats",
    "magistrate",
    "magistrates",
    "judge",
    "judges",
    "juge",
    "juges",
    "greffier",
    "greffiers",
    "greffiere",
    "greffe",
    "clerk",
    "clerks",
    "conseiller",
    "conseillers",
    "conseillere",
    "assesseur",
    "assesseurs",
    "procureur",
];

/// Pairs of words that designate magistrates together (`avocat general`, `rapporteur public`…).
const MAGISTRATE_PAIRS: &[(&str, &str)] = &[
    ("avocat", "general"),
    ("avocats", "generaux"),
    ("advocate", "general"),
    ("commissaire", "gouvernement"),
    ("rapporteur", "public"),
];

/// Words of a field name for professionals acting as such (`lawyer_stats`), whose figures are
/// not a magistrate's and whose names are not masked.
const PROFESSIONAL_WORDS: &[&str] = &[
    "lawyer",
    "lawyers",
    "avocat",
    "avocats",
    "attorney",
    "attorneys",
    "counsel",
    "barrister",
    "solicitor",
    "notaire",
    "huissier",
    "expert",
    "experts",
    "firm",
    "cabinet",
];

/// Words of a field name for the parties, whose figures are not a magistrate's either.
const PARTY_WORDS: &[&str] = &[
    "party",
    "parties",
    "partie",
    "company",
    "companies",
    "societe",
];

/// Words of a field name for the people of a case, magistrates among them or not (`composition`,
/// `persons`): their identity with a magistrate's role, or a civility, is the bench's.
const PEOPLE_WORDS: &[&str] = &[
    "composition",
    "bench",
    "siege",
    "persons",
    "people",
    "personnes",
    "participants",
    "members",
    "membres",
];

/// Words of a field name that designate figures or judgements about a practice.
const ANALYTICS_WORDS: &[&str] = &[
    "rate",
    "rates",
    "ratio",
    "taux",
    "score",
    "scores",
    "scoring",
    "stat",
    "stats",
    "statistic",
    "statistics",
    "statistique",
    "statistiques",
    "count",
    "counts",
    "nombre",
    "percent",
    "percentage",
    "pourcentage",
    "prediction",
    "predictions",
    "predicted",
    "predictive",
    "prevision",
    "probability",
    "probabilite",
    "likelihood",
    "ranking",
    "rank",
    "classement",
    "average",
    "moyenne",
    "mean",
    "severity",
    "severite",
    "tendency",
    "tendance",
    "tendances",
    "profile",
    "profil",
    "profiling",
    "profilage",
    "reversal",
    "reversals",
    "infirmation",
    "cassation_rate",
    "analytics",
    "analysis",
    "analyse",
    "performance",
    "benchmark",
    "behaviour",
    "behavior",
    "comportement",
    "leniency",
    "clemence",
    "favorability",
    "bias",
    "biais",
    "success",
    "succes",
    "cassations",
    "rejets",
    "rejet",
    "pct",
    "total",
    "totals",
    "nb",
    "grade",
    "grades",
    "notation",
    "rating",
    "ratings",
    "evaluation",
    "evaluations",
    "appreciation",
    "appreciations",
    "probable",
    "pronostic",
    "forecast",
];

/// Words of a name that make it an institution's or a subject's, not a person's (`Cour de
/// cassation, chambre sociale`).
const NOT_PERSON_WORDS: &[&str] = &[
    "chambre",
    "chamber",
    "cour",
    "court",
    "tribunal",
    "conseil",
    "juridiction",
    "section",
    "formation",
    "assemblee",
    "pleniere",
    "etat",
    "appel",
    "cassation",
    "sociale",
    "civile",
    "commerciale",
    "criminelle",
    "administratif",
    "administrative",
];

/// Splits a field name into folded words: `presidentReversalRate` → `president reversal rate`.
fn key_words(key: &str) -> Vec<String> {
    let mut spaced = String::with_capacity(key.len() + 8);
    let mut prev_lower = false;
    for c in key.chars() {
        if c.is_uppercase() && prev_lower {
            spaced.push(' ');
        }
        prev_lower = c.is_lowercase();
        spaced.push(c);
    }
    super::attribution::fold(&spaced)
        .split(' ')
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// Whether a field named `key` is for magistrates, clerks, the bench or other professionals
/// (`president`, `composition`, `avocats`): the names it holds are theirs, which the profiling
/// rules judge and the masking rules leave alone.
pub(crate) fn names_professionals(key: &str) -> bool {
    let words = key_words(key);
    is_magistrate_key(&words)
        || words
            .iter()
            .any(|w| PEOPLE_WORDS.contains(&w.as_str()) || PROFESSIONAL_WORDS.contains(&w.as_str()))
}

fn is_magistrate_key(words: &[String]) -> bool {
    words.iter().any(|w| MAGISTRATE_WORDS.contains(&w.as_str()))
        || MAGISTRATE_PAIRS.iter().any(|(a, b)| {
            words
                .windows(2)
                .any(|p| p[0] == *a && (p[1] == *b || p[1] == "du" && *b == "gouvernement"))
                || words.iter().any(|w| w == a) && words.iter().any(|w| w == b)
        })
}

/// Words of [`ANALYTICS_WORDS`] that count things: what they count says whether the count is a
/// practice's (`nb_decisions`, `count`) or the case's (`nombre_de_moyens`, `nb_magistrats`, the
/// size of the bench).
const COUNT_WORDS: &[&str] = &["count", "counts", "nombre", "nb", "total", "totals"];

/// What a count of a practice counts: decisions and their outcomes.
const COUNTED_DECISIONS: &[&str] = &[
    "pourvois",
    "affaires",
    "dossiers",
    "decisions",
    "arrets",
    "recours",
    "jugements",
    "ordonnances",
    "condamnations",
    "requetes",
    "appels",
    "relaxes",
    "cassations",
    "rejets",
    "infirmations",
    "annulations",
    "cases",
    "rulings",
    "judgments",
    "judgements",
    "appeals",
    "reversals",
];

fn is_analytics_key(words: &[String]) -> bool {
    let count = |w: &String| COUNT_WORDS.contains(&w.as_str());
    words
        .iter()
        .any(|w| ANALYTICS_WORDS.contains(&w.as_str()) && !count(w))
        || words.iter().any(count)
            && words.iter().all(|w| {
                count(w)
                    || COUNTED_DECISIONS.contains(&w.as_str())
                    || matches!(w.as_str(), "de" | "des" | "d" | "of")
            })
}

/// Words of a name that make it a company's or another body's, not a person's (`Société
/// Générale`, `Crédit Agricole`).
const ORG_WORDS: &[&str] = BODIES;

/// Words that name an office, a court or its parts, as written in fields for magistrates
/// (`Président de chambre`, `Procureur général près la cour d'appel de Rouen`, `CA Rouen`,
/// `Greffe de la chambre criminelle`), beside [`MAGISTRATE_WORDS`] and [`NOT_PERSON_WORDS`].
const OFFICE_WORDS: &[&str] = &[
    "premier",
    "premiere",
    "vice",
    // Folded as [`names_someone`] folds a token: `Vice-Présidente` is `vice presidente`.
    "vice president",
    "vice presidente",
    "general",
    "generale",
    "generaux",
    "procureure",
    "substitut",
    "avocat",
    "avocate",
    "avocats",
    "parquet",
    "ministere",
    "public",
    "republique",
    "doyen",
    "doyenne",
    "delegue",
    "deleguee",
    "referendaire",
    "instruction",
    "juridictions",
    "chambres",
    "ca",
    "caa",
    "ta",
    "tj",
    "tgi",
    "ti",
    "cph",
    "cass",
    "ce",
    "soc",
    "civ",
    "crim",
    "com",
];

/// Whether a string names someone rather than only an office or a court: a capitalised word
/// that is not a civility, an office, a court or a body, nor the place after a preposition or
/// a court (`Martinel`, `Mme Martinel`, `Jean Dupont`, `Dupont (président)`, `de Gaulle`); not
/// `Président de chambre`, `Greffe de la chambre criminelle`, `CA Rouen`, `Procureur général
/// près la cour d'appel de Rouen`, `Mme [K]`.
fn names_someone(s: &str) -> bool {
    let tokens = s
        .split(|c: char| !(c.is_alphanumeric() || matches!(c, '-' | '[' | ']')))
        .filter(|w| !w.is_empty());
    // Whether the token before is a preposition or an article (but the first), or a court.
    let mut place_next = false;
    // Whether a civility comes before, particles aside: its name is one whatever list holds it
    // (`Mme de Froment`, `M. Doyen`, `Mme Greffe`).
    let mut after_civility = false;
    for (i, tok) in tokens.enumerate() {
        let folded = super::attribution::fold(tok);
        let w = folded.trim();
        let capital = tok.starts_with(char::is_uppercase);
        let civility = matches!(
            w,
            "m" | "mm" | "mme" | "mmes" | "mlle" | "mlles" | "monsieur" | "madame" | "mademoiselle"
        );
        if civility {
            after_civility = true;
            continue;
        }
        if after_civility {
            if capital && !is_pseudonymised(tok) {
                return true;
            }
            if matches!(w, "de" | "du" | "des" | "d" | "la" | "le" | "van" | "von") {
                continue;
            }
            after_civility = false;
        }
        let office = MAGISTRATE_WORDS.contains(&w)
            || NOT_PERSON_WORDS.contains(&w)
            || OFFICE_WORDS.contains(&w)
            || ORG_WORDS.contains(&w);
        if capital && !office && !place_next && !is_pseudonymised(tok) {
            return true;
        }
        let court = matches!(
            w,
            "cour" | "tribunal" | "ca" | "caa" | "ta" | "tj" | "tgi" | "ti" | "cph" | "conseil"
        );
        place_next = court
            || i > 0
                && matches!(
                    w,
                    "de" | "du"
                        | "des"
                        | "d"
                        | "pres"
                        | "la"
                        | "le"
                        | "l"
                        | "les"
                        | "a"
                        | "aux"
                        | "au"
                        | "en"
                        | "sur"
                );
    }
    false
}

/// Whether a value carries a person's identity (a name, a list of names, an object with one).
/// A string is read by its beginning ([`NAME_READ`] chars): a name that opens it is there
/// whatever follows (`M. Huglo` then a page of text).
fn carries_identity(v: &Value) -> bool {
    match v {
        Value::String(s) => {
            let s = name_head(s);
            looks_like_name(s) && names_someone(s)
        }
        Value::Array(a) => a.iter().any(carries_identity),
        Value::Object(o) => o.iter().any(|(k, v)| {
            let w = key_words(k);
            (w.iter().any(|x| {
                matches!(
                    x.as_str(),
                    "name"
                        | "nom"
                        | "names"
                        | "noms"
                        | "prenom"
                        | "firstname"
                        | "lastname"
                        | "surname"
                        | "identite"
                        | "identity"
                        | "fullname"
                )
            }) || is_magistrate_key(&w))
                && carries_identity(v)
        }),
        _ => false,
    }
}

/// The most chars of a string [`carries_identity`] reads: a name, or a few names, and more.
const NAME_READ: usize = 200;

/// The beginning of `s` that [`carries_identity`] reads: `s` itself, up to [`NAME_READ`] chars;
/// else its first [`NAME_READ`] chars, without the word they cut (`M. Huglo lorem ipsum…`).
fn name_head(s: &str) -> &str {
    let Some((cut, _)) = s.char_indices().nth(NAME_READ) else {
        return s;
    };
    let head = &s[..cut];
    match head.rfind(char::is_whitespace) {
        Some(i) if s[cut..].starts_with(|c: char| !c.is_whitespace()) => &head[..i],
        _ => head,
    }
}

/// A string that reads like a person's name: letters, at least one capital, not a bare code.
fn looks_like_name(s: &str) -> bool {
    let s = s.trim();
    if s.chars().count() < 2 || s.chars().count() > NAME_READ {
        return false;
    }
    let letters = s.chars().filter(|c| c.is_alphabetic()).count();
    let uppercase = s.chars().any(|c| c.is_uppercase());
    let digits = s.chars().filter(|c| c.is_ascii_digit()).count();
    letters >= 2 && uppercase && digits * 3 < letters && !is_pseudonymised(s)
}

/// `[K]`, `X...`, `***`: not an identity.
fn is_pseudonymised(s: &str) -> bool {
    let t = s.trim();
    (t.starts_with('[') && t.ends_with(']') && t.len() <= 24)
        || t.chars()
            .all(|c| matches!(c, '*' | '█' | '.' | 'X' | 'x' | ' ' | '…'))
}

/// Whether a value holds figures or judgements (a number, a numeric string, a percentage, a
/// grade, or an object/array holding some).
fn carries_figures(v: &Value) -> bool {
    match v {
        Value::Number(_) => true,
        Value::String(s) => {
            let t = s.trim();
            !t.is_empty()
                && (t.chars().any(|c| c.is_ascii_digit())
                    || t.contains('%')
                    || t.split_whitespace().count() >= 2)
        }
        Value::Array(a) => a.iter().any(carries_figures),
        Value::Object(o) => o.values().any(carries_figures),
        _ => false,
    }
}

/// Whether a name is a person's: a civility before it (`Mme Martinel`), or two to five words
/// that open with a capital (particles aside) and none of which names an institution
/// (`Jean-Paul Dupont`; not `Harcèlement moral`, `Cour de cassation, chambre sociale`).
fn person_like(s: &str) -> bool {
    let t = s.trim();
    if [
        "M. ",
        "Mme ",
        "Mlle ",
        "MM. ",
        "Mmes ",
        "Monsieur ",
        "Madame ",
    ]
    .iter()
    .any(|c| t.starts_with(c))
    {
        return true;
    }
    let words: Vec<&str> = t.split_whitespace().collect();
    (2..=5).contains(&words.len())
        && !t.contains(|c: char| c == ',' || c.is_ascii_digit())
        && words.iter().all(|w| {
            w.chars().next().is_some_and(char::is_uppercase)
                || matches!(
                    *w,
                    "de" | "du" | "des" | "le" | "la" | "van" | "von" | "ben"
                )
                || w.starts_with("d'")
        })
        && !key_words(t)
            .iter()
            .any(|w| NOT_PERSON_WORDS.contains(&w.as_str()) || ORG_WORDS.contains(&w.as_str()))
}

/// Whether an object names a person under an identity key (`name`, `nom`…).
fn names_a_person(o: &serde_json::Map<String, Value>) -> bool {
    fn person(v: &Value) -> bool {
        match v {
            Value::String(s) => person_like(s),
            Value::Array(a) => a.iter().any(person),
            _ => false,
        }
    }
    o.iter().any(|(k, v)| {
        key_words(k).iter().any(|x| {
            matches!(
                x.as_str(),
                "name" | "nom" | "identity" | "identite" | "fullname" | "surname" | "lastname"
            )
        }) && person(v)
    })
}

/// An object that pairs an identity field with an analytics field with figures.
fn pairs_identity_with_figures(o: &serde_json::Map<String, Value>) -> bool {
    let has_identity = o.iter().any(|(k, v)| {
        let w = key_words(k);
        (is_magistrate_key(&w)
            || w.iter().any(|x| {
                matches!(
                    x.as_str(),
                    "name" | "nom" | "identity" | "identite" | "fullname" | "surname" | "lastname"
                )
            }))
            && !is_analytics_key(&w)
            && carries_identity(v)
    });
    // Under a key for figures or judgements, a word is a judgement too (`"grade": "B+"`,
    // `"note_severite": "sévère"`).
    let has_figures = o.iter().any(|(k, v)| {
        let w = key_words(k);
        is_analytics_key(&w)
            && (carries_figures(v) || v.as_str().is_some_and(|s| !s.trim().is_empty()))
    });
    has_identity && has_figures
}

/// Words of [`ANALYTICS_WORDS`] for figures of any kind, which a record may give about itself
/// (`"score": 0.93` of a search, `"stats": {"pages": 12}`): beside a field for magistrates, at
/// the top of a record, they judge a practice only through a key inside them that names one
/// (`"stats": {"cassation_rate": 0.63}`).
const GENERIC_ANALYTICS: &[&str] = &[
    "stat",
    "stats",
    "statistic",
    "statistics",
    "statistique",
    "statistiques",
    "analytics",
    "analysis",
    "analyse",
    "score",
    "scores",
    "count",
    "counts",
    "nombre",
    "nb",
    "total",
    "totals",
    "rank",
    "average",
    "mean",
    "moyenne",
    "performance",
    "benchmark",
    "success",
    "succes",
    "rating",
    "ratings",
    "grade",
    "grades",
    "evaluation",
    "evaluations",
    "de",
    "des",
    "d",
    "of",
];

/// Whether a field named by `words` that holds `v` gives figures about a practice: a key for
/// them (`cassation_rate`, `taux_rejet`, `severity_score`) over figures, or a generic one
/// (`stats`) over an object with such a key inside.
fn practice_field(words: &[String], v: &Value, depth: usize) -> bool {
    if depth > 8 || !is_analytics_key(words) {
        return false;
    }
    if words
        .iter()
        .all(|w| GENERIC_ANALYTICS.contains(&w.as_str()))
    {
        match v {
            Value::Object(o) => o
                .iter()
                .any(|(k, x)| practice_field(&key_words(k), x, depth + 1)),
            _ => false,
        }
    } else {
        carries_figures(v)
    }
}

/// Whether a value for magistrates pairs names with figures: an array of tuples (`[["M.
/// Bonnal", 0.63], …]`), or an object keyed by their names (`{"M. Bonnal": 0.63}`).
fn tuples_with_figures(v: &Value) -> bool {
    let figure = |x: &Value| match x {
        Value::Number(_) => true,
        Value::String(s) => s.contains('%') || s.trim().parse::<f64>().is_ok(),
        _ => false,
    };
    let name = |x: &Value| {
        x.as_str()
            .is_some_and(|s| looks_like_name(s) && names_someone(s))
    };
    match v {
        Value::Array(a) => a.iter().any(|t| {
            t.as_array()
                .is_some_and(|t| t.iter().any(name) && t.iter().any(figure))
        }),
        Value::Object(o) => o
            .iter()
            .any(|(k, x)| person_like(k) && names_someone(k) && figure(x)),
        _ => false,
    }
}

/// Runs the profiling rules over a record's extra fields. The record is one object: a field
/// for a magistrate beside a field of figures about a practice (`"judge": "Bonnal",
/// "cassation_rate": 0.63`) pairs them as much as one object inside it would.
pub fn check(extra: &[(String, Value)], rec: &Arc<RecordRef>, out: &mut Vec<Finding>) {
    let identity = extra.iter().find(|(k, v)| {
        let w = key_words(k);
        is_magistrate_key(&w) && !is_analytics_key(&w) && carries_identity(v)
    });
    let figures = identity.and_then(|_| {
        extra
            .iter()
            .find(|(k, v)| practice_field(&key_words(k), v, 0))
    });
    let paired = identity.zip(figures);
    if let Some(((ik, iv), (fk, fv))) = paired {
        let shown = Value::Object(
            [(ik.clone(), iv.clone()), (fk.clone(), fv.clone())]
                .into_iter()
                .collect(),
        );
        out.push(
            Finding::new(
                Rule::PRF002,
                Some(rec.clone()),
                format!(
                    "field {} and field {} pair a magistrate's or clerk's identity with figures or judgements about their practice",
                    FieldName::new(ik, None).quoted(),
                    FieldName::new(fk, None).quoted()
                ),
            )
            .with_evidence(evidence(ik, &shown, &|_| true)),
        );
    }
    for (key, value) in extra {
        if paired.is_some_and(|((ik, _), _)| ik == key) {
            continue;
        }
        visit(key, value, key, true, rec, out, 0);
    }
}

/// The fields (paths) the findings of `rules` in `out` report.
fn reported_fields(out: &[Finding], rules: &[Rule]) -> Vec<String> {
    out.iter()
        .filter(|f| rules.contains(&f.rule))
        .filter_map(|f| f.evidence.as_ref().map(|e| e.field.to_string()))
        .collect()
}

/// Whether the field at `path` is `field` or inside it (`meta.tags[0]` in `meta`).
fn within(path: &str, field: &str) -> bool {
    path.strip_prefix(field)
        .is_some_and(|r| r.is_empty() || r.starts_with(['.', '[']))
}

/// The longest element of an array read with its neighbours as one text: a tag, a label
/// (`["M. Bonnal", "taux de cassation 63 %"]`), not a paragraph.
const MAX_TAG: usize = 80;

/// [`check_text`] on the reuser's commentary and on every string of its other fields (each named
/// by its path, `notes`, `meta.tags[0]`), but those that a finding of [`check`] already covers.
/// An array of short strings (tags, labels) is read as one text, its elements parted by commas:
/// a name in one and figures in the next are paired as in a sentence. A magistrate judged there
/// is no party: the MSK004 of their name in that field is withdrawn. The commentary is named as
/// `mapping` reads it.
pub fn check_texts(
    commentary: Option<&str>,
    mapping: Option<&Mapping>,
    extra: &[(String, Value)],
    court: &Court<'_>,
    rec: &Arc<RecordRef>,
    out: &mut Vec<Finding>,
) {
    let (indexed, analysed) = (
        reported_fields(out, &[Rule::PRF001]),
        reported_fields(out, &[Rule::PRF002]),
    );
    let is_in = |fields: &[String], path: &str| fields.iter().any(|c| within(path, c));
    let known = |s: &str| court.names_surname(s);
    let mut judged: Vec<(String, String, Vec<String>)> = Vec::new();
    if let Some(c) = commentary {
        let names = check_text(FieldName::of(mapping, "commentary"), c, court, rec, out);
        if !names.is_empty() {
            judged.push(("commentary".into(), c.to_string(), names));
        }
    }
    fn visit(path: String, v: &Value, depth: usize, check: &mut dyn FnMut(&str, &str, bool)) {
        if depth > 32 {
            return;
        }
        match v {
            Value::String(s) => check(&path, s, false),
            Value::Array(a) => {
                let tags: Option<Vec<&str>> = a
                    .iter()
                    .map(|x| x.as_str().filter(|s| s.len() <= MAX_TAG))
                    .collect();
                if let Some(tags) = tags.filter(|t| t.len() >= 2) {
                    check(&path, &tags.join(", "), true);
                }
                for (i, x) in a.iter().enumerate() {
                    visit(format!("{path}[{i}]"), x, depth + 1, check);
                }
            }
            Value::Object(o) => {
                for (k, x) in o {
                    visit(format!("{path}.{k}"), x, depth + 1, check);
                }
            }
            _ => {}
        }
    }
    let mut found = Vec::new();
    let mut check = |path: &str, s: &str, joined: bool| {
        if !found.is_empty() || is_in(&analysed, path) {
            return;
        }
        if is_in(&indexed, path) {
            // A field already found to index magistrates (`"juges": "M. X, président ; taux de
            // cassation : 43 %"`): figures about a practice anywhere in it are theirs, whatever
            // separates them from the name.
            if !joined && judges_practice(&fold_text(s)) {
                found.push(analytics_finding(
                    FieldName::new(path, None),
                    &Value::String(s.to_string()),
                    &known,
                    rec,
                ));
            }
        } else {
            let names = check_text(FieldName::new(path, None), s, court, rec, &mut found);
            if !names.is_empty() && !joined {
                judged.push((path.to_string(), s.to_string(), names));
            }
        }
    };
    for (key, value) in extra {
        visit(key.clone(), value, 0, &mut check);
    }
    out.append(&mut found);
    for (path, value, names) in judged {
        withdraw_parties(out, &path, &value, &names);
    }
}

/// Withdraws the MSK004 findings of field `path` (which holds `value`) on a name whose surname
/// (folded) is one of `surnames`: magistrates whose practice the field judges, no parties. The
/// names are read in one pass over the value, in the order of their spans, and the surnames
/// looked up in a set: a table of thousands of judges' rates has thousands of each.
fn withdraw_parties(out: &mut Vec<Finding>, path: &str, value: &str, surnames: &[String]) {
    let of_field = |f: &Finding| {
        f.evidence
            .as_ref()
            .filter(|e| f.rule == Rule::MSK004 && e.field == path)
            .and_then(|e| e.span)
    };
    // The spans (chars) of the field's MSK004, in order, and the byte each starts and ends at.
    let mut spans: Vec<(usize, usize)> = out.iter().filter_map(of_field).collect();
    if spans.is_empty() {
        return;
    }
    spans.sort_unstable();
    spans.dedup();
    let mut marks: Vec<usize> = spans.iter().flat_map(|&(a, b)| [a, b.max(a)]).collect();
    marks.sort_unstable();
    marks.dedup();
    let mut bytes = std::collections::HashMap::with_capacity(marks.len());
    let mut next = marks.iter().peekable();
    for (c, (b, _)) in value
        .char_indices()
        .chain(std::iter::once((value.len(), ' ')))
        .enumerate()
    {
        while next.next_if(|&&m| m == c).is_some() {
            bytes.insert(c, b);
        }
        if next.peek().is_none() {
            break;
        }
    }
    let surnames: std::collections::HashSet<&str> = surnames.iter().map(String::as_str).collect();
    let judged: std::collections::HashSet<(usize, usize)> = spans
        .into_iter()
        .filter(|&(a, b)| {
            // A span that starts past the value's end shows nothing of it; one that ends past
            // it, the value's end.
            let Some(&s) = bytes.get(&a) else {
                return false;
            };
            let e = bytes.get(&b.max(a)).copied().unwrap_or(value.len());
            words_of(&value[s..e])
                .last()
                .is_some_and(|w| surnames.contains(w.folded.as_str()))
        })
        .collect();
    if judged.is_empty() {
        return;
    }
    out.retain(|f| of_field(f).is_none_or(|span| !judged.contains(&span)));
}

/// The members of the court a record's decision names, for the reuser's fields: those the
/// source's metadata and the decision's texts give a role in the court
/// ([`Professionals::court`](super::masking::Professionals::court)), and the signatories of an
/// order (`La présidente, signé S. Edert.`). Worked out once, when a field asks.
pub struct Court<'p> {
    professionals: &'p super::masking::Professionals<'p>,
    names: std::cell::OnceCell<Vec<CourtName>>,
}

impl<'p> Court<'p> {
    pub fn new(professionals: &'p super::masking::Professionals<'p>) -> Self {
        Court {
            professionals,
            names: std::cell::OnceCell::new(),
        }
    }

    fn names(&self) -> &[CourtName] {
        self.names.get_or_init(|| {
            let mut names: Vec<CourtName> = self
                .professionals
                .court()
                .iter()
                .filter_map(|n| CourtName::new(n))
                .collect();
            for t in self.professionals.texts() {
                names.extend(signatories(t).filter_map(CourtName::new));
            }
            names
        })
    }

    /// Whether the decision names a professional of surname `surname` (a magistrate, a clerk,
    /// a lawyer), or a signatory of that surname.
    fn names_surname(&self, surname: &str) -> bool {
        self.professionals.names_surname(surname) || {
            let folded = crate::ident::fold(&letters(surname));
            self.names().iter().any(|n| n.surname() == folded)
        }
    }
}

/// A signature of an order or a judgement, as administrative courts write it (normalised: one
/// space for each run of white space): the signatory's role, `signé`, then their name (`La
/// présidente, signé S. Edert.`, `Le greffier, signé J. Dupont`).
static SIGNATURE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[\s.])(?:Le|La|L['’])\s*(?:pr[ée]sidente?(?:-rapporteure?)?(?:\s+de\s+la\s+formation\s+de\s+jugement)?|vice-pr[ée]sidente?|magistrate?\s+d[ée]sign[ée]e?|rapporteure?|greffi[èe]re?|assesseure?(?:\s+la\s+plus\s+ancienne|\s+le\s+plus\s+ancien)?|juge\s+des\s+r[ée]f[ée]r[ée]s|premi[eè]re?\s+conseill[eè]re?|conseill[eè]re?)\s*,\s*\(?[Ss]ign[ée]\)?\s*:?\s*((?:\p{Lu}\.\s?(?:-\s?\p{Lu}\.\s?)?)?\p{Lu}[\p{L}'’-]*\p{L}(?:\s+\p{Lu}[\p{L}'’-]*\p{L}){0,2})")
        .expect("a valid pattern")
});

/// The names `text` signs with a role in the court (see [`SIGNATURE`]).
fn signatories(text: &str) -> impl Iterator<Item = &str> {
    SIGNATURE
        .captures_iter(text)
        .filter_map(|c| c.get(1))
        .map(|m| m.as_str())
        .filter(|n| words_of(n).iter().any(|w| may_be_name_word(&w.text)))
}

/// Words of a field name for the parties of a case or their lawyers, besides
/// [`PARTY_WORDS`] and [`PROFESSIONAL_WORDS`]: the names such a field holds are not the
/// court's, even when a party shares a judge's surname.
const PARTY_ROLE_WORDS: &[&str] = &[
    "demandeur",
    "demandeurs",
    "demanderesse",
    "defendeur",
    "defendeurs",
    "defenderesse",
    "requerant",
    "requerants",
    "requerante",
    "appelant",
    "appelants",
    "appelante",
    "intime",
    "intimes",
    "intimee",
    "plaintiff",
    "plaintiffs",
    "defendant",
    "defendants",
    "claimant",
    "claimants",
    "applicant",
    "applicants",
    "respondent",
    "respondents",
    "appellant",
    "appellants",
    "victime",
    "victimes",
    "prevenu",
    "prevenus",
    "client",
    "clients",
];

/// Whether a field named `key` is for the parties or their lawyers (`parties`, `avocats`,
/// `demandeur`), not for magistrates (`avocat_general` is).
fn names_parties_or_lawyers(key: &str) -> bool {
    let words = key_words(key);
    !is_magistrate_key(&words)
        && words.iter().any(|w| {
            let w = w.as_str();
            PARTY_WORDS.contains(&w)
                || PROFESSIONAL_WORDS.contains(&w)
                || PARTY_ROLE_WORDS.contains(&w)
        })
}

/// Lower-case words a field that lists people may hold beside their names (folded): particles,
/// `et`, and the words of their roles (`M. Bonnal, président de chambre`, `Mme Thomas,
/// conseiller référendaire rapporteur`, `greffier lors des débats`).
const NAME_LIST_WORDS: &[&str] = &[
    "de",
    "du",
    "des",
    "d",
    "la",
    "le",
    "les",
    "l",
    "et",
    "ou",
    "en",
    "a",
    "au",
    "aux",
    "van",
    "von",
    "der",
    "den",
    "ben",
    "da",
    "dos",
    "y",
    "par",
    "sous",
    "lors",
    "faisant",
    "fonction",
    "fonctions",
    "chef",
    "suppleant",
    "suppleante",
    "honoraire",
    "redacteur",
    "redactrice",
    "debats",
    "delibere",
    "prononce",
    "audience",
    "presidence",
    "composition",
    "membre",
    "membres",
    "siege",
    "assiste",
    "assistee",
    "greffe",
    "division",
    "premier",
    "premiere",
];

/// Words that open with a capital in a field without naming anyone, folded: months and
/// ordinals of a decision's header (`Cour de cassation, Deuxième chambre civile, 26 octobre
/// 2023`).
const HEADER_WORDS: &[&str] = &[
    "janvier",
    "fevrier",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "aout",
    "septembre",
    "octobre",
    "novembre",
    "decembre",
    "deuxieme",
    "troisieme",
    "quatrieme",
    "cinquieme",
    "sixieme",
    "chambres",
    "arret",
    "arrets",
    "decision",
    "jugement",
    "ordonnance",
    "audience",
];

/// A word of a field's value: where it is (`start..end`, as written), its letters (`text`: as
/// written, without the invisible characters and combining marks it may hold) and folded.
struct Word<'s> {
    start: usize,
    end: usize,
    text: Cow<'s, str>,
    folded: String,
}

impl Word<'_> {
    fn capital(&self) -> bool {
        self.text.starts_with(char::is_uppercase)
    }

    fn civility(&self) -> bool {
        matches!(
            self.folded.as_str(),
            "m" | "mm"
                | "mme"
                | "mmes"
                | "mlle"
                | "mlles"
                | "mr"
                | "monsieur"
                | "madame"
                | "mademoiselle"
                | "messieurs"
                | "mesdames"
        )
    }

    /// A lawyer's or a firm's mark (`Me`, `Maître`, `SCP`, `Cabinet`): the name after it is
    /// theirs.
    fn lawyer_mark(&self) -> bool {
        matches!(self.folded.as_str(), "me" | "maitre" | "cabinet" | "selafa")
            || ORG_WORDS.contains(&self.folded.as_str())
    }

    /// A role in the court (`président`, `conseiller`, `greffier`, `général` of `avocat
    /// général`).
    fn court_role(&self) -> bool {
        let w = self.folded.as_str();
        MAGISTRATE_WORDS.contains(&w)
            || matches!(
                w,
                "vice-president"
                    | "vice-presidente"
                    | "doyen"
                    | "doyenne"
                    | "referendaire"
                    | "substitut"
                    | "procureure"
                    | "general"
                    | "generale"
                    | "generaux"
            )
    }

    /// Another profession's (`avocat`, `expert`, `huissier`…), unless `général` follows.
    fn other_role(&self) -> bool {
        matches!(
            self.folded.as_str(),
            "avocat"
                | "avocate"
                | "avocats"
                | "avocates"
                | "expert"
                | "experte"
                | "experts"
                | "huissier"
                | "huissiere"
                | "notaire"
                | "mandataire"
                | "liquidateur"
                | "liquidatrice"
                | "batonnier"
                | "mediateur"
                | "mediatrice"
        )
    }
}

/// Whether `c`, inside a word, is part of it without being a letter a reader sees apart: an
/// invisible format character (a soft hyphen, a zero-width space: `B\u{ad}onnal` is one word,
/// `Bonnal`) or a combining mark (`Kamiń́ski`).
fn inside_word(c: char) -> bool {
    crate::text::normalize::is_invisible(c) || unicode_normalization::char::is_combining_mark(c)
}

/// `w` without the chars [`inside_word`] tells, borrowed when it holds none.
fn letters(w: &str) -> Cow<'_, str> {
    if w.is_ascii() || !w.chars().any(inside_word) {
        Cow::Borrowed(w)
    } else {
        Cow::Owned(w.chars().filter(|&c| !inside_word(c)).collect())
    }
}

/// The words of `s`: letters, with inner hyphens and apostrophes (`Dang Van Sung`,
/// `Bacache-Gibeili`), invisible characters and combining marks (see [`inside_word`]); an
/// elided article or preposition is a word of its own (`l'audience`).
fn words_of(s: &str) -> Vec<Word<'_>> {
    let mut out = Vec::new();
    let mut push = |start: usize, end: usize| {
        let mut text = s[start..end].trim_end_matches(['-', '\'', '’']);
        let mut start = start;
        if let Some(i) = text.find(['\'', '’'])
            && i <= 1
        {
            let q = i + text[i..].chars().next().map_or(1, char::len_utf8);
            out.push(Word {
                start,
                end: start + i,
                folded: crate::ident::fold(&letters(&text[..i])),
                text: letters(&text[..i]),
            });
            start += q;
            text = &text[q..];
        }
        if !text.is_empty() {
            out.push(Word {
                start,
                end: start + text.len(),
                folded: crate::ident::fold(&letters(text)),
                text: letters(text),
            });
        }
    };
    let mut word: Option<usize> = None;
    for (i, c) in s.char_indices() {
        let letter = c.is_alphabetic()
            || (word.is_some() && (matches!(c, '-' | '\'' | '’') || inside_word(c)));
        match (letter, word) {
            (true, None) => word = Some(i),
            (false, Some(w)) => {
                push(w, i);
                word = None;
            }
            _ => {}
        }
    }
    if let Some(w) = word {
        push(w, s.len());
    }
    out
}

/// A member of the court as the decision names them: the folded words of their name
/// (`["dang", "van", "sung"]`), the surname last, and the name as written (`Mme Dang Van
/// Sung`), by which the decision's texts give their role.
struct CourtName(Vec<String>, String);

impl CourtName {
    /// The name words of `name` (`M. Bonnal`, `Marie-Claire Martinel`, `Bonnal (Président)`),
    /// without civility, role or particle; `None` without any.
    fn new(name: &str) -> Option<Self> {
        let words: Vec<String> = name
            .split(|c: char| {
                !(c.is_alphabetic() || matches!(c, '-' | '\'' | '’') || inside_word(c))
            })
            .filter(|w| may_be_name_word(&letters(w)))
            .map(crate::ident::fold)
            .collect();
        (!words.is_empty()).then(|| CourtName(words, name.trim().to_string()))
    }

    fn surname(&self) -> &str {
        self.0.last().map_or("", String::as_str)
    }
}

/// Whether a field's value is prose rather than a list of people: more than three lower-case
/// words that are neither a particle nor a role (`Sur le rapport de Mme Thomas, conseiller, et
/// après débats…`). Prose is the reuser's words, whose figures about a magistrate PRF002 judges
/// ([`check_texts`]); a name in it is no indexed metadata.
fn free_words(words: &[Word<'_>]) -> usize {
    words
        .iter()
        .filter(|w| !w.capital())
        .filter(|w| {
            let f = w.folded.as_str();
            !(NAME_LIST_WORDS.contains(&f)
                || MAGISTRATE_WORDS.contains(&f)
                || OFFICE_WORDS.contains(&f)
                || NOT_PERSON_WORDS.contains(&f)
                || w.court_role()
                || w.other_role())
        })
        .count()
}

/// The longest value read as a list of people: longer ones are texts.
const MAX_NAME_LIST: usize = 400;

/// Whether a word of a value may be a name the court's could be: a capital, not a civility, a
/// role, an office, a court's or a header's word (`Cour`, `Deuxième`, `octobre`), nor a marker.
fn may_be_member_word(w: &Word<'_>) -> bool {
    let f = w.folded.as_str();
    w.capital()
        && w.text.chars().count() >= 2
        && !w.civility()
        && !w.court_role()
        && !w.lawyer_mark()
        && !(OFFICE_WORDS.contains(&f)
            || NOT_PERSON_WORDS.contains(&f)
            || HEADER_WORDS.contains(&f)
            || ORG_WORDS.contains(&f))
}

/// Those of `court` (folded names) that `s`, a value of the reuser's fields, names, in the
/// order it names them: a word of it is their surname, written with a capital (`Bonnal`,
/// `BONNAL`), and
/// - it is not another person's: no other first name before it (`Jean Bonnal` is not
///   `Marie Bonnal`), no lawyer's or firm's mark (`Me Bonnal`, `SCP Bonnal et Dupont`), no other
///   profession after it (`M. Bonnal, avocat`);
/// - it is a name: after a civility or a court role (`M. Bonnal`, `Président Bonnal`), before a
///   court role (`Bonnal (président)`), with the first name the decision gives, or alone in a
///   value that holds nothing but names and roles (`Bonnal`, `Bonnal, Thomas`), not in a
///   phrase (`Petit commerce`).
fn named_members<'c>(s: &str, words: &[Word<'_>], court: &'c [CourtName]) -> Vec<&'c CourtName> {
    let free = free_words(words);
    (0..words.len())
        .filter_map(|i| member_at(s, words, i, court))
        .filter(|&(_, strong, complement)| strong || free == 0 && !complement)
        .map(|(name, _, _)| name)
        .collect()
}

/// The member of `court` that word `i` of `s` may name (see [`named_members`]), if any, with
/// whether a civility, a role or their first name says it is a name (`strong`), and whether it
/// stands after a preposition or an article (`complement`, a place's or a thing's).
fn member_at<'c>(
    s: &str,
    words: &[Word<'_>],
    i: usize,
    court: &'c [CourtName],
) -> Option<(&'c CourtName, bool, bool)> {
    // Whether only white space, a civility's dot or an elision lie between two words (no `,`,
    // `;`, `(`): they are one name.
    let joined = |a: &Word<'_>, b: &Word<'_>| {
        s[a.end..b.start]
            .chars()
            .all(|c| c.is_whitespace() || matches!(c, '.' | '\'' | '’'))
    };
    let w = &words[i];
    if !may_be_member_word(w) {
        return None;
    }
    'names: for name in court.iter().filter(|n| n.surname() == w.folded) {
        // Back over the first names and particles before the surname, to what opens the
        // name.
        let mut strong = false;
        let mut other_person = false;
        // A lawyer's, a firm's or another body's name (`Me Bonnal`, `SCP Rocheteau et
        // Bonnal`, `Société Bonnal`).
        let mut firm = false;
        let mut j = i;
        while j > 0 && joined(&words[j - 1], &words[j]) && i - j < 5 {
            let b = &words[j - 1];
            if b.civility() || b.court_role() {
                strong = true;
                break;
            }
            if b.lawyer_mark() {
                firm = true;
                break;
            }
            // A first name, or another part of the surname (`Dang Van Sung`); a particle
            // (`Van`, `de`) is neither.
            if b.capital() && may_be_member_word(b) && may_be_name_word(&b.text) {
                if name.0.contains(&b.folded) {
                    strong = true;
                } else if name.0.len() >= 2 {
                    other_person = true;
                }
            } else if !NAME_LIST_WORDS.contains(&b.folded.as_str()) {
                break;
            }
            j -= 1;
        }
        if firm || other_person {
            continue;
        }
        // After a preposition or an article, a capitalised word is a place's or a thing's
        // (`Cour d'appel de Rouen`), unless a civility or a role says otherwise.
        let complement = i > 0
            && joined(&words[i - 1], w)
            && matches!(
                words[i - 1].text.as_ref(),
                "de" | "du"
                    | "d"
                    | "des"
                    | "à"
                    | "a"
                    | "au"
                    | "aux"
                    | "en"
                    | "sur"
                    | "près"
                    | "la"
                    | "le"
                    | "les"
                    | "l"
            );
        // The role after the name: past `,`, `(`, `:` and the rest of the name, of at most
        // `NAME_REST` words; after a longer run of capitalised words (`Bonnal Bonnal …`, a
        // surname repeated down a table), none. Bounded, so that each word of such a run does
        // not read all the others.
        let rest = words[i + 1..]
            .iter()
            .take(NAME_REST + 1)
            .take_while(|a| a.capital() && may_be_member_word(a))
            .count();
        let mut after = if rest > NAME_REST {
            [].iter()
        } else {
            words[i + 1 + rest..].iter()
        };
        match after.next() {
            Some(a) if a.other_role() => {
                let general = after
                    .next()
                    .is_some_and(|g| matches!(g.folded.as_str(), "general" | "generale"));
                if !general {
                    continue 'names;
                }
                strong = true;
            }
            Some(a) if a.court_role() => strong = true,
            _ => {}
        }
        return Some((name, strong, complement));
    }
    None
}

/// The most words of a name [`member_at`] reads past its surname, to the role after it.
const NAME_REST: usize = 4;

/// PRF001 by what a field holds, whatever its name: a field of the record beside the canonical
/// ones (`persons`, `entities[…].text`, `signataires`, `meta.signed_by`, a `title`), at any depth,
/// whose value names a member of the court that decided the case — a magistrate or a clerk the
/// reference's metadata names (president, rapporteur, advocate general) or the decision's text
/// gives a role in the court (`M. Bonnal, président`, `Greffier : Mme X`) — indexes that person
/// with the decision as much as a field named `president`. One finding per field: an object's
/// member (`meta.signed_by`), or an array as a whole (`entities`). Not a field for the parties
/// or their lawyers (`parties`, `avocats`), nor prose (the reuser's notes: PRF002 reads them),
/// nor a field [`check`] or [`check_texts`] has reported already. The decision's members are
/// worked out only when a field holds a word that may be a name.
pub fn check_court_members(
    extra: &[(String, Value)],
    members: &Court<'_>,
    rec: &Arc<RecordRef>,
    out: &mut Vec<Finding>,
) {
    if extra.is_empty() {
        return;
    }
    let professionals = members.professionals;
    let covered = reported_fields(out, &[Rule::PRF001, Rule::PRF002]);
    // Whether `path` is reported already, or holds a field that is.
    let is_covered = |path: &str| covered.iter().any(|c| within(path, c) || within(c, path));
    let court = || members.names();
    // The members of the court that a string, or the strings inside a value (but under a key
    // for parties or lawyers), name; `all` false stops at the first.
    fn holds<'c>(
        v: &Value,
        depth: usize,
        court: &dyn Fn() -> &'c [CourtName],
        all: bool,
        named: &mut Vec<&'c CourtName>,
    ) {
        if depth > 32 || !all && !named.is_empty() {
            return;
        }
        match v {
            Value::String(s) => {
                let link = ["http://", "https://", "www."]
                    .iter()
                    .any(|p| s.trim_start().starts_with(p));
                if s.len() > MAX_NAME_LIST
                    || link
                    || !s.chars().any(char::is_uppercase)
                    || is_pseudonymised(s)
                {
                    return;
                }
                let words = words_of(s);
                if !words.iter().any(may_be_member_word) || free_words(&words) > 3 {
                    return;
                }
                let court = court();
                if !court.is_empty() {
                    named.extend(named_members(s, &words, court));
                }
            }
            Value::Array(a) => {
                for x in a {
                    holds(x, depth + 1, court, all, named);
                }
            }
            Value::Object(o) => {
                for (k, x) in o {
                    if !names_parties_or_lawyers(k) {
                        holds(x, depth + 1, court, all, named);
                    }
                }
            }
            _ => {}
        }
    }
    #[allow(clippy::too_many_arguments)]
    fn visit<'c>(
        path: String,
        key: &str,
        v: &Value,
        depth: usize,
        is_covered: &dyn Fn(&str) -> bool,
        court: &dyn Fn() -> &'c [CourtName],
        found: &mut Vec<(String, Value)>,
        analysed: &mut Vec<(String, Value)>,
    ) {
        if depth > 32 || names_parties_or_lawyers(key) || is_covered(&path) {
            return;
        }
        match v {
            Value::Object(o) => {
                // Figures keyed by the name of a member of the court (`"stats": {"Bonnal":
                // {"cassation": 0.63}}`, `"par_juge": {"Bonnal": 0.63}`).
                let words = key_words(key);
                let per_member = o.iter().any(|(k, x)| {
                    let figures = (is_analytics_key(&words) || is_magistrate_key(&words))
                        && carries_figures(x)
                        || x.as_object().is_some_and(|x| {
                            x.iter().any(|(k, v)| practice_field(&key_words(k), v, 0))
                        });
                    figures && k.len() <= 60 && {
                        let kw = words_of(k);
                        kw.iter().any(may_be_member_word)
                            && !named_members(k, &kw, court()).is_empty()
                    }
                });
                // A member of the court beside figures about a practice (`"signataire": {"nom":
                // "S. Edert", "taux_desistement": 0.4}`).
                if per_member || pairs_member_with_figures(o.iter(), depth, court) {
                    analysed.push((path, v.clone()));
                    return;
                }
                for (k, x) in o {
                    visit(
                        format!("{path}.{k}"),
                        k,
                        x,
                        depth + 1,
                        is_covered,
                        court,
                        found,
                        analysed,
                    );
                }
            }
            Value::String(_) | Value::Array(_) => {
                let mut named = Vec::new();
                holds(v, depth, court, false, &mut named);
                if !named.is_empty() {
                    found.push((path, v.clone()));
                }
            }
            _ => {}
        }
    }
    // Whether, among the members of an object (the record's, at the top), one names a member of
    // the court and another gives figures about a practice.
    // Returns the two: the member's field, then the figures'.
    type Entry<'v> = (&'v String, &'v Value);
    fn member_with_figures<'v, 'c>(
        mut entries: impl Iterator<Item = (&'v String, &'v Value)> + Clone,
        depth: usize,
        court: &dyn Fn() -> &'c [CourtName],
    ) -> Option<(Entry<'v>, Entry<'v>)> {
        let figures = entries
            .clone()
            .find(|(k, x)| practice_field(&key_words(k), x, 0))?;
        let member = entries.find(|(k, x)| {
            let mut named = Vec::new();
            if (x.is_string() || x.is_array()) && !names_parties_or_lawyers(k) {
                holds(x, depth + 1, court, false, &mut named);
            }
            !named.is_empty()
        })?;
        Some((member, figures))
    }
    fn pairs_member_with_figures<'v, 'c>(
        entries: impl Iterator<Item = (&'v String, &'v Value)> + Clone,
        depth: usize,
        court: &dyn Fn() -> &'c [CourtName],
    ) -> bool {
        member_with_figures(entries, depth, court).is_some()
    }
    let (mut found, mut analysed) = (Vec::new(), Vec::new());
    // The record's own fields, at the top (`"persons": "S. Edert", "taux_rejet": 0.92`), but
    // when [`check`] has paired them already.
    let top = if covered.is_empty() {
        member_with_figures(extra.iter().map(|(k, v)| (k, v)), 0, &court)
    } else {
        None
    };
    if let Some(((mk, mv), (fk, fv))) = top {
        let shown = [(mk.clone(), mv.clone()), (fk.clone(), fv.clone())];
        analysed.push((mk.clone(), Value::Object(shown.into_iter().collect())));
    }
    for (key, value) in extra {
        if top.is_some_and(|((mk, _), _)| mk == key) {
            continue;
        }
        visit(
            key.clone(),
            key,
            value,
            0,
            &is_covered,
            &court,
            &mut found,
            &mut analysed,
        );
    }
    for (path, value) in analysed {
        out.push(analytics_finding(
            FieldName::new(&path, None),
            &value,
            &|w| members.names_surname(w),
            rec,
        ));
    }
    for (path, value) in found {
        // Who the field names, for the message to say which side of the case they are on.
        let mut named = Vec::new();
        holds(&value, 0, &court, true, &mut named);
        let mut sides: Vec<Side> = named
            .iter()
            .map(|n| side_of(&n.1, professionals.texts()))
            .collect();
        sides.sort_unstable();
        sides.dedup();
        let who = sides
            .iter()
            .map(|s| s.phrase())
            .collect::<Vec<_>>()
            .join(" and ");
        out.push(
            Finding::new(
                Rule::PRF001,
                Some(rec.clone()),
                format!(
                    "field {} carries the identity of magistrates or clerks as indexable metadata: it names {who}",
                    FieldName::new(&path, None).quoted()
                ),
            )
            .with_evidence(evidence(&path, &value, &|w| professionals.names_surname(w))),
        );
    }
}

/// Which side of a case a member of the court named in the reuser's fields is on, as the
/// decision's texts give their role: the bench that decided it, its clerk, the parquet (an
/// advocate general or a prosecutor, who is no judge of it) or the rapporteur public. Ordered
/// as a message lists them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Side {
    Bench,
    Clerk,
    Parquet,
    RapporteurPublic,
    /// The source's metadata names them, the texts give no role beside the name.
    Unknown,
}

impl Side {
    fn phrase(self) -> &'static str {
        match self {
            Side::Bench => "a member of the court that decided the case",
            Side::Clerk => "a clerk of the court that decided the case",
            Side::Parquet => {
                "a magistrate of the parquet in the case (avocat général, procureur), not a judge of it"
            }
            Side::RapporteurPublic => "the rapporteur public of the case",
            Side::Unknown => "a magistrate of the case, as the source's metadata names them",
        }
    }
}

/// Roles, folded, as a decision writes them after a name (`M. Lemoine, avocat général`, `Mme
/// Thomas, conseiller rapporteur`) or before it (`Greffier : Mme X`, `le président M. X`), and
/// the side each stands for; the longer first where one opens the other.
const SIDES: &[(&str, Side)] = &[
    ("premier avocat general", Side::Parquet),
    ("premiere avocate generale", Side::Parquet),
    ("avocat general", Side::Parquet),
    ("avocate generale", Side::Parquet),
    ("avocats generaux", Side::Parquet),
    ("procureur", Side::Parquet),
    ("substitut", Side::Parquet),
    ("ministere public", Side::Parquet),
    ("rapporteur public", Side::RapporteurPublic),
    ("rapporteure publique", Side::RapporteurPublic),
    ("commissaire du gouvernement", Side::RapporteurPublic),
    ("greffier", Side::Clerk),
    ("greffiere", Side::Clerk),
    ("directeur de greffe", Side::Clerk),
    ("directrice de greffe", Side::Clerk),
    ("premier president", Side::Bench),
    ("premiere presidente", Side::Bench),
    ("vice-president", Side::Bench),
    ("president", Side::Bench),
    ("conseiller", Side::Bench),
    ("juge", Side::Bench),
    ("magistrat", Side::Bench),
    ("doyen", Side::Bench),
    ("rapporteur", Side::Bench),
    ("assesseur", Side::Bench),
];

/// The role `folded` opens with (`avocat general`, `presidente de chambre`), with what
/// follows it: a role's feminine or plural ending (`e`, `s`, `es`, `ne`) is part of it, not
/// another word (`jugement` is no `juge`).
fn role_at(folded: &str) -> Option<(Side, &str)> {
    SIDES.iter().find_map(|&(role, side)| {
        let rest = folded.strip_prefix(role)?;
        let ending = rest.len() - rest.trim_start_matches(['e', 's', 'n']).len();
        let rest = &rest[ending.min(2)..];
        (!rest.starts_with(char::is_alphanumeric)).then_some((side, rest))
    })
}

/// The side of the case of the member of the court named `written` (as the decision writes
/// it, `M. Lemoine`), from the role one of `texts` gives beside that name: the words after it
/// (past `,` or `(`: `M. Lemoine, avocat général`), else the label before it on its line
/// (`Greffier : Mme X`, `l'avocat général M. X`). Each text is searched for the name as
/// written, which only a finding asks.
fn side_of<'t>(written: &str, texts: impl Iterator<Item = &'t str>) -> Side {
    if written.is_empty() {
        return Side::Unknown;
    }
    for text in texts {
        for (at, _) in text.match_indices(written) {
            let end = at + written.len();
            if text[end..].starts_with(char::is_alphanumeric)
                || text[..at].ends_with(char::is_alphanumeric)
            {
                continue;
            }
            let after = text[end..].trim_start_matches([' ', ',', '(', '\u{a0}']);
            if let Some((side, _)) = role_at(&fold_text(&after[..ceil(after, after.len().min(40))]))
            {
                return side;
            }
            // The label before the name, on its line, after the last punctuation: a role
            // alone (`le président M. X`), or opening a label that a colon ends (`Greffier
            // lors des débats : Mme X`).
            let line = &text[floor(text, at.saturating_sub(60))..at];
            let line = line[line.rfind('\n').map_or(0, |i| i + 1)..].trim_end();
            let colon = line.ends_with(':');
            let before = fold_text(line.trim_end_matches(':').trim_end());
            // A signature's label is before `signé` (`La présidente, signé S. Edert`).
            let before = before
                .strip_suffix("signe")
                .map_or(before.as_str(), |b| b.trim_end().trim_end_matches(','));
            let label = before
                .rsplit([',', '.', ';', ':'])
                .next()
                .unwrap_or("")
                .trim_start();
            let label = ["le ", "la ", "l'"]
                .iter()
                .find_map(|a| label.strip_prefix(a))
                .unwrap_or(label);
            if let Some((side, rest)) = role_at(label)
                && (colon || rest.trim().is_empty())
            {
                return side;
            }
        }
    }
    Side::Unknown
}

/// A pattern over folded text (see [`fold_text`]), its word boundaries ASCII ones: folded text
/// is ASCII but for rare letters, and a Unicode boundary would keep the search off the fast
/// engines (the reuser's every string is searched).
fn folded_regex(pattern: &str) -> Result<Regex, regex::Error> {
    Regex::new(&pattern.replace(r"\b", r"(?-u:\b)"))
}

/// Magistrates' and clerks' roles, folded, as a text names them beside a name (`Mme Mouillard,
/// présidente`, `la présidente Mme Mouillard`, `l'avocat général M. X`).
static MAGISTRATE_NEAR: LazyLock<Regex> = LazyLock::new(|| {
    folded_regex(
        r"\b(president|presidente|presidence|vice-president\w*|conseill\w+|rapporteur\w*|avocat general|avocate generale|avocats generaux|greffi\w+|juges?|magistrat\w*|procureur\w*|substitut|doyen\w*|assesseur\w*|commissaire du gouvernement)\b|\b(pres|pr|rapp)\.",
    )
    .expect("a valid pattern")
});

/// A lawyer or another professional beside a name: their practice is not a magistrate's.
static OTHER_PROFESSIONAL_NEAR: LazyLock<Regex> = LazyLock::new(|| {
    folded_regex(r"\b(avocat|avocate|avocats|me|maitre|scp|selarl|cabinet|batonnier|expert\w*|huissier\w*|notaire)\b(\s+general\w*)?")
        .expect("a valid pattern")
});

/// Decisions a practice is counted in, folded (`82 % des pourvois`, `9 affaires sur 10`).
const CASES: &str = r"(pourvois|affaires|dossiers|decisions|arrets|recours|demandes|jugements|ordonnances|condamnations|requetes|appels|relaxes|cassations|rejets|litiges|causes)";
/// Outcomes of decisions a rate is given of (`taux de cassation`, `taux de mise en examen`).
const OUTCOMES: &str = r"(rejets?|cassations?|confirmations?|infirmations?|condamnations?|relaxes?|succes|reussite|reformations?|annulations?|admissions?|irrecevabilites?|acquittements?|mises? en examen|liquidations?|erreurs?|desistements?|censures?|non-lieux?|renvois?)";
/// What a judgement says of a magistrate's temper.
const JUDGED: &str = r"(severes?|clementes?|clements|indulgente?s?|laxistes?|repressi\w*|partiale?s?|partiaux|expeditifs?|expeditives?)";
/// A magistrate's office, as a superlative judges them among their peers.
const BENCH: &str =
    r"(president|presidente|juge|magistrat|magistrate|conseiller|conseillere|greffier|greffiere)";
/// What a magistrate does to a case (`casse`, `rejettent`), as a rate or a comparison says it.
const DOES: &str = r"(casse|cassent|rejette|rejettent|infirme|infirment|confirme|confirment|annule|annulent|condamne|condamnent|relaxe|relaxent|censure|censurent|accueille|accueillent)";

/// Figures or judgements about a person's practice, folded, that name the practice beyond doubt:
/// rates of outcomes, scores, statistics, predictions, a reputation for severity or leniency,
/// comparisons. Each names the practice, not just a figure or a word a decision uses otherwise:
/// `taux de rejet`, not `taux d'intérêt`; `réputé sévère`, not `réputé non écrit`; `ratio
/// decidendi`, `classement sans suite` and `la sévérité de la peine` are not profiling.
static PRACTICE: LazyLock<Regex> = LazyLock::new(|| {
    // What a prediction says a magistrate will do (`cassera`, `rejetteront`).
    const WILL: &str =
        r"(cass|rejett|confirm|infirm|condamn|relax|annul|accueill|reform)(era|eront)";
    // A judgement without a figure that says it of a person, not of a sentence (`un président
    // sévère`; `le juge répressif` is a court).
    const TEMPER: &str = r"(severes?|clementes?|clements|indulgente?s?|laxistes?|partiale?s?|partiaux|expeditifs?|expeditives?)";
    folded_regex(
        &[
            format!(r"\b(taux|pourcentage|proportion)\s+(de\s+|d')\s*{OUTCOMES}\b"),
            r"\b(score|notation|note|indice|niveau|degre)\s+(de\s+)?(severite|clemence|indulgence|laxisme|fiabilite|productivite|performance)\b".to_string(),
            r"\bstatistiques?\b|\bpredicti\w*|\bpronostics?\b".to_string(),
            format!(r"\b(probabilites?|chances?)\s+(de\s+|d')\s*{OUTCOMES}\b"),
            r"\bclassement\s+des\s+(juges|magistrats|presidents|presidentes|conseillers|chambres|juridictions|greffiers)\b".to_string(),
            r"\d\s?/\s?(10|20|100)\b".to_string(),
            // A probability given as a figure (`une probabilité de 0,81`), and a prediction of
            // what a magistrate will decide (`prédit que M. X cassera`); not a chance as damages
            // (`une perte de chance de 30 %`), nor a prediction of something else (`comme
            // l'avait prédit la doctrine`).
            r"\bprobabilites?\s+(de\s+|:\s*)?\d".to_string(),
            format!(r"\bpredi\w*\s+(qu'|que\s)[^;!?]{{0,80}}\b{WILL}\b"),
            // A superlative among magistrates (`le président le plus sévère`, `la plus clémente
            // des juges`, `le plus sévère de la chambre`); not one of a sentence or a reading
            // (`la peine la plus sévère`).
            format!(r"\b{BENCH}s?\s+(le|la|les)\s+(plus|moins)\s+{JUDGED}"),
            format!(r"\b(le|la)\s+(plus|moins)\s+{JUDGED}\s+(des|de\s+tous\s+les|de\s+toutes\s+les)\s+{BENCH}s\b"),
            format!(r"\best\s+(le|la)\s+(plus|moins)\s+{TEMPER}\s+(de\s+la\s+(chambre|cour|juridiction|formation|section)|du\s+(tribunal|siege|ressort|parquet|conseil|greffe))\b"),
            format!(r"\b(un|une)\s+{BENCH}\s+(tres\s+|trop\s+|particulierement\s+|plutot\s+)?{TEMPER}\b"),
            format!(r"\b(reput\w*|se montrent?)\s+(tres\s+|trop\s+|particulierement\s+|plutot\s+|pour\s+etre\s+|comme\s+)?{JUDGED}\b"),
            r"\b(connue?s?|reputee?s?|celebres?)\s+pour\s+(sa|son|leur)\s+(grande\s+)?(severite|clemence|indulgence|laxisme|partialite|rigueur|mansuetude)\b".to_string(),
            // A leaning towards a class of litigants (`plutôt favorable aux épouses`,
            // `tranche généralement en leur faveur`); not a view on this case (`favorable à la
            // cassation`).
            r"\b(plutot|generalement|habituellement|traditionnellement|souvent|toujours|systematiquement)\s+(favorables?|defavorables?|hostiles?|bienveillante?s?|sensibles?)\s+aux\s".to_string(),
            r"\b(generalement|habituellement|systematiquement|toujours|souvent)\s+en\s+(leur|sa)\s+faveur\b".to_string(),
            r"\b(presque toujours|systematiquement|quasi systematiquement|le plus souvent)\s+(\w+\s+){0,2}(rejet\w*|cass\w*|condamn\w*|relax\w*|accueill\w*|infirm\w*|confirm\w*)".to_string(),
            // A comparison of what they decide (`casse deux fois plus que Mme X`, `casse plus
            // souvent que la moyenne`).
            format!(r"\b{DOES}\s+(\w+\s+){{0,2}}(plus|moins)\s+(souvent\s+)?que\b"),
            // A mean time or count of a clerk's or a judge's work (`délai moyen de mise au
            // rôle`).
            r"\b(delais?|durees?|temps)\s+moyen(ne)?s?\b".to_string(),
        ]
        .join("|"),
    )
    .expect("a valid pattern")
});

/// Figures that are a practice's when they are about a magistrate, but may be the case's: a
/// share of decisions (`82 % des pourvois`, `dans 80 % des cas`), counts of decisions (`9
/// affaires sur 10`, `41 des 52 pourvois`, `45 arrêts, 30 cassations`, `a traité 312
/// dossiers`). [`CASE_FIGURE`] tells those of the case.
static COUNTS: LazyLock<Regex> = LazyLock::new(|| {
    folded_regex(
        &[
            format!(r"\d\s?(%|pour\s?cent)\s+((environ|au moins|pres de)\s+)?(des|de\s+ses|de\s+leurs|de|d')\s*({CASES}|cas)\b"),
            format!(r"\b{CASES}\b[^.;]{{0,60}}\d\s?(%|pour\s?cent)"),
            format!(r"\b\d+\s+({CASES}|cas|fois)\s+sur\s+\d+"),
            format!(r"\b\d+\s+des\s+\d+\s+{CASES}\b"),
            // Counts of cases and of their outcomes (`45 arrêts, 30 cassations`, `312 décisions
            // dont 41 cassations`): a single count (`les 3 pourvois`) is a decision's, not a
            // practice's, but of the cases someone dealt with (`a traité 312 dossiers`).
            format!(r"\b\d+\s+{CASES}\b[\s,:/(]*((et|dont|pour|contre)\s+)?\d+\s+{OUTCOMES}\b"),
            format!(r"\b(traite|rendu|juge|instruit|signe|prononce|examine)s?\s+(plus\s+de\s+|pres\s+de\s+|environ\s+)?\d[\d\s]*\s+{CASES}\b"),
        ]
        .join("|"),
    )
    .expect("a valid pattern")
});

/// What makes a share of decisions the case's, not a practice's: claims of one party (`30 %
/// des demandes de l'épouse`).
static CASE_FIGURE: LazyLock<Regex> = LazyLock::new(|| {
    folded_regex(&format!(
        r"\b{CASES}\s+(de\s+l'|de\s+la\s+|du\s+|d')\s*(epouse|epoux|mari|conjoint|conjointe|salariee?|employeur|victime|demandeur|demanderesse|defendeur|defenderesse|requerante?|appelante?|intimee?|prevenue?|accusee?|locataire|bailleur|bailleresse|assuree?|assureur|societe|mere|pere|enfant|partie)\b"
    ))
    .expect("a valid pattern")
});

/// Whether a window (folded) gives figures or judgements about a practice.
fn judges_practice(window: &str) -> bool {
    PRACTICE.is_match(window) || COUNTS.is_match(window) && !CASE_FIGURE.is_match(window)
}

/// Practices only a magistrate has (`taux de cassation`, `rejette 82 % des pourvois`, `casse
/// deux fois plus que`, `conclut au rejet dans`): a civility and a name beside them is a
/// magistrate's, whether the decision names them or not (`Mme Martinel, présidente de la 2e
/// chambre civile`, on a criminal chamber's decision).
static JUDGE_ONLY: LazyLock<Regex> = LazyLock::new(|| {
    folded_regex(&format!(
        r"\btaux\s+(de\s+|d')\s*(cassation|rejet|infirmation|confirmation|reformation|annulation|condamnation|relaxe|mise en examen|liquidation|censure|irrecevabilite|non-lieu)|\b{DOES}\s+(\w+\s+){{0,2}}(\d|deux\s+fois|trois\s+fois|plus\s|moins\s)|\bconclut\s+(au|a\s+la|a\s+l')\s*(rejet|cassation|annulation|irrecevabilite)\b[^.;]{{0,20}}\d|\bvote\s+(la|le)\s+(cassation|rejet)\b[^.;]{{0,20}}\d"
    ))
    .expect("a valid pattern")
});

/// A heading over a list of magistrates that ranks them (`Classement des présidents les plus
/// sévères :`, `Top 5 des juges`, `Taux de cassation par magistrat :`).
static RANKING: LazyLock<Regex> = LazyLock::new(|| {
    folded_regex(r"\b(classement|palmares|top\s?\d*|hit-parade)\s+(\w+\s+){0,2}(juges|magistrats|presidents|presidentes|conseillers|greffiers|rapporteurs)\b|\bpar\s+(juge|magistrat|president|presidente|conseiller|greffier|rapporteur|formation\s+de\s+jugement)\b")
        .expect("a valid pattern")
});

/// A figure in an item of a list: a share, a score or a decimal (a rate), not a year.
static FIGURE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\d\s?(%|pour\s?cent)|\d\s?/\s?\d|\d[.,]\d").expect("a valid pattern")
});

/// A magistrate's or clerk's title, then a word that opens with a capital: a name given by its
/// title without a civility (`le président Bonnal`, `Le juge Bonnal`, `du magistrat Bonnal`,
/// `l'avocat général Lemoine`). The title in any case, the name with its capital. No `\b`, which
/// would keep the pattern off the fast engines: [`titled_names`] checks what stands before the
/// title.
static TITLED_NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i:vice-pr[eé]sidente?|pr[eé]sidente?|juges?(?:\s+(?:d['’]instruction|des\s+enfants|aux\s+affaires\s+familiales|de\s+l['’]application\s+des\s+peines|des\s+libert[eé]s\s+et\s+de\s+la\s+d[eé]tention|de\s+l['’]ex[eé]cution|des\s+r[eé]f[eé]r[eé]s|de\s+la\s+mise\s+en\s+[eé]tat|commissaire|consulaire))?|magistrate?s?|conseill[eè]re?s?|rapporteure?(?:\s+publi(?:c|que))?|commissaire\s+du\s+gouvernement|greffi[eè]re?|procureure?|substitut|doyen(?:ne)?|assesseure?s?|avocate?\s+g[eé]n[eé]rale?)\s+(\p{Lu}[\p{L}\p{M}'’\x{AD}\x{200B}-\x{200D}\x{2060}\x{FEFF}-]*\p{L})",
    )
    .expect("a valid pattern")
});

/// The byte spans of the names `value` gives after a magistrate's or clerk's title, without a
/// civility (see [`TITLED_NAME`]): a word that may be a name, not an office, a court or a body
/// (`le président Bonnal`; not `le juge Européen`, `la présidente Cour`).
fn titled_names(value: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    TITLED_NAME.captures_iter(value).filter_map(move |c| {
        let (title, name) = (c.get(0)?, c.get(1)?);
        let cut = value[..title.start()]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric);
        let folded = crate::ident::fold(name.as_str());
        let f = folded.as_str();
        let office = OFFICE_WORDS.contains(&f)
            || NOT_PERSON_WORDS.contains(&f)
            || HEADER_WORDS.contains(&f)
            || ORG_WORDS.contains(&f);
        (!cut && !office && may_be_name_word(&letters(name.as_str())))
            .then_some((name.start(), name.end()))
    })
}

/// PRF002 in the reuser's own words (a commentary, a note, a tag): a text that names a
/// magistrate or clerk and, beside the name, gives figures or judgements about their practice
/// (« Mme X, présidente, rejette 82 % des pourvois », « réputée très sévère », « score de
/// sévérité 8,7/10 », « Le juge X rejette 9 pourvois sur 10 »), or lists them under a heading
/// that does (a table, a list or a ranking of rates per magistrate: « Taux de cassation par
/// magistrat : » then « - M. X : 63 % »). A name is given with a civility, by a title without
/// one (`le président X`), or by a surname alone that the decision gives a role in the court
/// (`X : taux de cassation`, `X propose la cassation dans 63 % des dossiers`). It is a
/// magistrate's when a magistrate's role stands beside it, when the decision names that surname
/// in such a role, or when the practice is one only a magistrate has (`taux de cassation`,
/// `rejette 82 % des pourvois`: « Mme Martinel », of another chamber), and no other profession
/// stands beside it. A commentary on the decision that judges nobody's practice (« M. X,
/// conseiller rapporteur, a proposé le rejet », « la cour d'appel n'avait accordé que 50 % des
/// dommages-intérêts demandés ») is not profiling. A text written decomposed (NFD) is read
/// composed. Returns the surnames (folded) of the magistrates judged.
pub fn check_text(
    name: FieldName<'_>,
    original: &str,
    court: &Court<'_>,
    rec: &Arc<RecordRef>,
    out: &mut Vec<Finding>,
) -> Vec<String> {
    use unicode_normalization::UnicodeNormalization;
    let composed: Cow<'_, str> = if original.is_ascii() || unicode_normalization::is_nfc(original) {
        Cow::Borrowed(original)
    } else {
        Cow::Owned(original.nfc().collect())
    };
    let value = composed.as_ref();
    // Nothing said of a practice, nothing to pair a name with.
    let all = fold_text(value);
    if !(PRACTICE.is_match(&all) || COUNTS.is_match(&all) || RANKING.is_match(&all)) {
        return Vec::new();
    }
    let mut people: Vec<(usize, usize)> = crate::text::names::civility_names(value)
        .into_iter()
        .map(|(start, end, _)| (start, end))
        .chain(titled_names(value))
        .collect();
    // A surname alone that the decision gives a role in the court.
    let words = words_of(value);
    if words.iter().any(may_be_member_word) {
        let members = court.names();
        if !members.is_empty() {
            people.extend(
                (0..words.len())
                    .filter(|&i| member_at(value, &words, i, members).is_some_and(|m| m.1 || !m.2))
                    .map(|i| (words[i].start, words[i].end)),
            );
        }
    }
    people.sort_unstable();
    people.dedup();
    let mut judged: Vec<String> = Vec::new();
    // Where the text's sentences and paragraphs begin, found once the first item of a list
    // asks for its heading.
    let starts: std::cell::OnceCell<Vec<usize>> = std::cell::OnceCell::new();
    for (start, end) in people {
        let (lo, hi) = sentence_around(value, start, end, |i| ends_sentence(value, i));
        let (lo, hi) = (floor(value, lo), ceil(value, hi));
        // A decimal point (`8.7/10`) does not end the sentence: the figures may follow it.
        let hi = if value[hi..].starts_with('.')
            && value[hi + 1..].starts_with(|c: char| c.is_ascii_digit())
        {
            ceil(value, (hi + 40).min(value.len()))
        } else {
            hi
        };
        let window = fold_text(&value[lo..hi]);
        let name = &value[start..end];
        let surname = letters(name.split_whitespace().last().unwrap_or(name));
        let mut practice = judges_practice(&window);
        let mut role = MAGISTRATE_NEAR.is_match(&window);
        if !practice && item_of_list(&value[lo..hi]) {
            // An item of a table, a list or a ranking (`| M. X | 63 % |`, `1. M. X (63 %)`):
            // the heading above says what its figure is, and of whom.
            let starts = starts.get_or_init(|| block_starts(value));
            for heading in heading_before(value, lo, starts) {
                let heading = fold_text(heading);
                if RANKING.is_match(&heading)
                    || judges_practice(&heading) && FIGURE.is_match(&window)
                {
                    practice = true;
                    role |= MAGISTRATE_NEAR.is_match(&heading);
                    break;
                }
            }
        }
        if !practice {
            continue;
        }
        let magistrate = role
            || !OTHER_PROFESSIONAL_NEAR.is_match(&window)
                && (court.names_surname(&surname) || JUDGE_ONLY.is_match(&window));
        if magistrate {
            judged.push(crate::ident::fold(&surname));
        }
    }
    if !judged.is_empty() {
        out.push(analytics_finding(
            name,
            &Value::String(original.to_string()),
            &|s| court.names_surname(s),
            rec,
        ));
    }
    judged
}

/// Whether a piece of text (a line of a table or a list, an item of a ranking) holds little but
/// a name and its figure: no more than two lower-case words but particles and roles (`| M.
/// Bonnal | 63 % |`, `- M. Bonnal : 63 %`, `1. M. Bonnal (63 %)`; not `M. Bonnal, président :
/// perte de chance de 30 %`).
fn item_of_list(piece: &str) -> bool {
    words_of(piece)
        .iter()
        .filter(|w| {
            !w.capital()
                && !w.court_role()
                && !NAME_LIST_WORDS.contains(&w.folded.as_str())
                && !matches!(w.folded.as_str(), "environ" | "pour" | "cent" | "sur")
        })
        .count()
        <= 2
}

/// The most bytes of a heading read on each side: the opening of the block an item is in, and
/// the text just before the item.
const HEADING_REACH: usize = 400;

/// Where the blocks of `value` that a list's heading opens begin, in order: its start, and past
/// the end of each sentence or paragraph (`!`, `?`, a `.` that ends a sentence and follows no
/// digit, a blank line), not past the lines, the `;` and the numbers (`1.`) that part items.
/// Found in one pass, so that every item of a list of thousands finds its block in a look-up.
fn block_starts(value: &str) -> Vec<usize> {
    let mut out = vec![0];
    for (at, c) in value.match_indices(['!', '?', '.', '\n']) {
        let ends = match c {
            "!" | "?" => true,
            "." => ends_sentence(value, at) && !value[..at].ends_with(|c: char| c.is_ascii_digit()),
            _ => value[..at]
                .trim_end_matches([' ', '\t', '\r'])
                .ends_with('\n'),
        };
        if ends {
            out.push(at + c.len());
        }
    }
    out
}

/// The heading of the list that an item at `lo` of `value` belongs to, in the block that holds
/// it (`starts`, [`block_starts`]): the opening of the block, where a table's or a list's
/// heading stands however many items follow it (`| Magistrat | Taux de cassation |` above a
/// thousand rows), and the text just before the item, [`HEADING_REACH`] bytes at most each (one
/// piece when they meet).
fn heading_before<'a>(value: &'a str, lo: usize, starts: &[usize]) -> Vec<&'a str> {
    let start = starts[starts.partition_point(|&s| s <= lo) - 1];
    if lo - start <= 2 * HEADING_REACH {
        return vec![&value[start..lo]];
    }
    vec![
        &value[start..floor(value, start + HEADING_REACH)],
        &value[ceil(value, lo - HEADING_REACH)..lo],
    ]
}

/// The sentence of `value` around the name at `start..end`, or [`SENTENCE_REACH`] bytes on
/// either side of it; `ends` tells whether the stop at a byte ends a sentence. The stops are
/// looked for within those bytes only, so that many names in a text without a sentence end
/// (`Bonnal : 9/10, Bonnal : 9/10, …`) do not each read it whole.
fn sentence_around(
    value: &str,
    start: usize,
    end: usize,
    mut ends: impl FnMut(usize) -> bool,
) -> (usize, usize) {
    let from = floor(value, start.saturating_sub(SENTENCE_REACH));
    let lo = value[from..start]
        .rmatch_indices(STOPS)
        .find(|&(i, _)| ends(from + i))
        .map_or(from, |(i, _)| from + i + 1)
        .max(start.saturating_sub(SENTENCE_REACH));
    let to = ceil(value, (end + SENTENCE_REACH).min(value.len()));
    let hi = value[end..to]
        .match_indices(STOPS)
        .find(|&(i, _)| ends(end + i))
        .map_or(to, |(i, _)| end + i)
        .min(end + SENTENCE_REACH);
    (lo, hi)
}

/// How far on either side of a name [`check_text`] reads the sentence that holds it, in bytes.
const SENTENCE_REACH: usize = 160;

/// What may end a sentence.
const STOPS: [char; 5] = ['.', ';', '\n', '!', '?'];

/// Whether the stop at `i` of `s` ends a sentence: not the dot of a civility or an initial
/// (`Le président M. Bonnal`, `MM. Pons`, `J.-M. Dupont`, `Pr. X`), which the names around it
/// belong to. Another short word ends one (`selon l'UE.`).
fn ends_sentence(s: &str, i: usize) -> bool {
    if !s[i..].starts_with('.') {
        return true;
    }
    let before = &s[..i];
    let word = &before[before.rfind(|c: char| !c.is_alphabetic()).map_or(0, |j| {
        j + before[j..].chars().next().map_or(1, char::len_utf8)
    })..];
    let initial = word.chars().count() == 1 && word.starts_with(char::is_uppercase);
    let civility = matches!(
        word,
        "M" | "MM" | "Me" | "Mme" | "Mmes" | "Mlle" | "Mlles" | "Pr" | "Dr" | "Mgr"
    );
    !(initial || civility)
}

/// `s` in lower case without accents, its punctuation kept (`82 %`, `8,7/10`).
fn fold_text(s: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    s.nfd()
        .filter(|&c| !unicode_normalization::char::is_combining_mark(c))
        .flat_map(char::to_lowercase)
        .map(|c| if c == '’' { '\'' } else { c })
        .collect()
}

fn floor(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn ceil(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// PRF002 on the field `name`, which holds `value`; `known` tells the surnames the decision
/// names (see [`identity_pieces`]).
fn analytics_finding(
    name: FieldName<'_>,
    value: &Value,
    known: &dyn Fn(&str) -> bool,
    rec: &Arc<RecordRef>,
) -> Finding {
    Finding::new(
        Rule::PRF002,
        Some(rec.clone()),
        format!(
            "field {} pairs a magistrate's or clerk's identity with figures or judgements about their practice",
            name.quoted()
        ),
    )
    .with_evidence(evidence(name.field, value, known))
}

/// The evidence of a PRF finding on the field at `path`, which holds `v`: its first 200 chars,
/// the pieces of identity marked (see [`identity_pieces`] for `known`).
fn evidence(path: &str, v: &Value, known: &dyn Fn(&str) -> bool) -> Evidence {
    let shown: String = match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
    .chars()
    .take(200)
    .collect();
    let personal = identity_pieces(&shown, known);
    Evidence {
        field: path.to_string().into(),
        excerpt: Some(shown),
        personal,
        ..Default::default()
    }
}

/// Words that may open with a capital in a magistrate's field without being part of a name
/// (folded: lower case, no accents): civilities, offices, courts and chambers.
const NOT_IDENTITY: &[&str] = &[
    "m",
    "mm",
    "mme",
    "mmes",
    "mlle",
    "me",
    "monsieur",
    "madame",
    "mademoiselle",
    "maitre",
    "dr",
    "pr",
    "president",
    "presidente",
    "vice-president",
    "vice-presidente",
    "conseiller",
    "conseillere",
    "conseillers",
    "rapporteur",
    "rapporteure",
    "referendaire",
    "doyen",
    "doyenne",
    "greffier",
    "greffiere",
    "juge",
    "juges",
    "magistrat",
    "magistrate",
    "assesseur",
    "procureur",
    "procureure",
    "substitut",
    "avocat",
    "avocate",
    "general",
    "generale",
    "premier",
    "premiere",
    "public",
    "publique",
    "cour",
    "cours",
    "chambre",
    "tribunal",
    "cassation",
    "appel",
    "conseil",
    "etat",
    "d'etat",
    "section",
    "formation",
    "civile",
    "criminelle",
    "sociale",
    "commerciale",
    "mixte",
    "pleniere",
    "assemblee",
    "judiciaire",
    "administratif",
    "administrative",
    "null",
    "true",
    "false",
];

/// Capitalised words that open a sentence or a label in the reuser's words about a magistrate
/// without being part of a name (folded), beside [`ANALYTICS_WORDS`] (`Taux`, `Sévérité`,
/// `Statistiques`) and the words [`may_be_name_word`] rejects (`Selon`, `Le`, `Société`).
const COMMON_WORDS: &[&str] = &[
    "notre",
    "nos",
    "votre",
    "vos",
    "leur",
    "leurs",
    "son",
    "sa",
    "ses",
    "ces",
    "cet",
    "chaque",
    "tout",
    "tous",
    "toute",
    "toutes",
    "plus",
    "moins",
    "tres",
    "depuis",
    "apres",
    "avant",
    "lorsque",
    "quand",
    "comme",
    "sans",
    "sous",
    "on",
    "nous",
    "vous",
    "aucun",
    "aucune",
    "plusieurs",
    "ia",
    "note",
    "indice",
    "niveau",
    "degre",
    "proportion",
    "probabilite",
    "chances",
    "risque",
    "resultat",
    "resultats",
    "bilan",
    "palmares",
    "top",
];

/// Particles that open a name with a capital (`Le Gall`, `De Gaulle`, `Van Ruymbeke`), as
/// they open a sentence (`Le juge`, `La présidente`).
const NAME_PARTICLES: &[&str] = &[
    "le", "la", "les", "de", "du", "des", "d", "l", "van", "von", "der", "den", "di", "da", "del",
    "ben", "el", "al",
];

/// The pieces of an identity a PRF finding's excerpt shows, to be redacted on export (SPEC
/// §4): each word opening with a capital letter that may be part of a person's name. What is
/// said of the practice, figures included, stays readable for the auditor and the court (`M.
/// B•••••`, `"taux_cassation": 0.82`), where redacting the whole field left nothing to read.
/// Left in clear:
/// - civilities, offices, courts and chambers ([`NOT_IDENTITY`]), and words that are no name
///   ([`may_be_name_word`], [`ANALYTICS_WORDS`], [`COMMON_WORDS`]: `Selon`, `Taux`,
///   `Statistiques`, `Notre`), but right after a civility (`M. Doyen`);
/// - a capitalised particle but before a name (`Le juge`, not `Le Gall`);
/// - a lawyer's, a firm's or a company's name after its mark (`Me Dupont`, `SCP Rocheteau,
///   Uzan-Sarano et Goulet`, `SARL Boré, Salve de Bruneton et Mégret`): SPEC §2.1 keeps lawyers
///   in clear, and a company is no natural person;
/// - a word that opens a sentence before a lower-case word (`Cassation probable pour…`), unless
///   `known` says the decision names that surname, or the excerpt shows it as a name elsewhere.
///
/// A word of a name written in lower case is left: such fields give names as the source does,
/// capitalised.
fn identity_pieces(shown: &str, known: &dyn Fn(&str) -> bool) -> Vec<Personal> {
    let words = words_of(shown);
    if words.is_empty() {
        return Vec::new();
    }
    // The char offset of a byte offset: excerpts are 200 chars at most.
    let char_at = |b: usize| shown[..b].chars().count();
    let between = |k: usize| &shown[words[k - 1].end..words[k].start];
    // Whether only white space (or a civility's dot, an elision) parts word `k` from the one
    // before.
    let joined = |k: usize| {
        k > 0
            && between(k)
                .chars()
                .all(|c| c.is_whitespace() || matches!(c, '.' | '\'' | '’'))
    };
    let after_civility = |k: usize| k > 0 && words[k - 1].civility() && joined(k);
    let common = |w: &Word<'_>| {
        let f = w.folded.as_str();
        NOT_IDENTITY.contains(&f)
            || ANALYTICS_WORDS.contains(&f)
            || COMMON_WORDS.contains(&f)
            || !may_be_name_word(&w.text)
    };
    let name_like = |w: &Word<'_>| w.capital() && w.text.chars().count() >= 2 && !common(w);
    // Whether word `k` opens a sentence or a quoted value.
    let opens = |k: usize| {
        k == 0 || {
            let gap = between(k);
            let base = words[k - 1].end;
            gap.contains(['!', '?', '\n', '"'])
                || gap
                    .match_indices('.')
                    .any(|(i, _)| ends_sentence(shown, base + i))
        }
    };
    // Words of a lawyer's, a firm's or a company's name, after its mark: capitalised words,
    // particles and `et` parted by spaces, commas, `&` or hyphens, up to a civility, a role or
    // anything else; not a name a court role follows (`SCP X, Bonnal, président`).
    let mut firm = vec![false; words.len()];
    let mut k = 0;
    while k < words.len() {
        if !(words[k].capital() && words[k].lawyer_mark()) {
            k += 1;
            continue;
        }
        k += 1;
        while k < words.len()
            && between(k)
                .chars()
                .all(|c| c.is_whitespace() || matches!(c, ',' | '&' | '-' | '\'' | '’'))
        {
            let w = &words[k];
            let role_next = words.get(k + 1).is_some_and(Word::court_role);
            let part = if w.capital() {
                !w.civility() && !w.court_role() && !role_next
            } else {
                matches!(
                    w.folded.as_str(),
                    "et" | "de" | "du" | "des" | "la" | "le" | "d" | "l"
                )
            };
            if !part {
                break;
            }
            firm[k] = true;
            k += 1;
        }
    }
    // First pass: `Some(true)` masked, `Some(false)` clear, `None` a sentence's first word
    // that only a name elsewhere masks.
    let decided: Vec<Option<bool>> = (0..words.len())
        .map(|k| {
            let w = &words[k];
            if !w.capital() || w.text.chars().count() < 2 || firm[k] {
                return Some(false);
            }
            if after_civility(k) {
                return Some(true);
            }
            if NAME_PARTICLES.contains(&w.folded.as_str()) {
                let before_name = words
                    .get(k + 1)
                    .is_some_and(|n| joined(k + 1) && name_like(n));
                return Some(before_name);
            }
            if common(w) {
                return Some(false);
            }
            // A place after its preposition (`juge aux affaires familiales à Lyon`), unless
            // the decision names that surname.
            let place = k > 0
                && joined(k)
                && matches!(
                    words[k - 1].text.as_ref(),
                    "à" | "au" | "aux" | "en" | "près" | "sur"
                );
            if place && !known(&w.text) {
                return Some(false);
            }
            let lower_next = words
                .get(k + 1)
                .is_some_and(|n| joined(k + 1) && !n.capital());
            if opens(k) && lower_next && !known(&w.text) {
                return None;
            }
            Some(true)
        })
        .collect();
    let masked: Vec<&str> = words
        .iter()
        .zip(&decided)
        .filter(|(_, d)| **d == Some(true))
        .map(|(w, _)| w.folded.as_str())
        .collect();
    words
        .iter()
        .zip(&decided)
        .filter(|(w, d)| d.unwrap_or_else(|| masked.contains(&w.folded.as_str())))
        .map(|(w, _)| Personal::whole(char_at(w.start), char_at(w.end)))
        .collect()
}

fn visit(
    key: &str,
    value: &Value,
    path: &str,
    _top: bool,
    rec: &Arc<RecordRef>,
    out: &mut Vec<Finding>,
    depth: usize,
) {
    if depth > 32 {
        return;
    }
    let words = key_words(key);
    let magistrate = is_magistrate_key(&words);
    let analytics = is_analytics_key(&words);
    // A field named for both (`judge_stats`, `president_reversal_rate`) that holds figures, or an
    // object pairing an identity with figures.
    let paired_in_key =
        magistrate && analytics && (carries_figures(value) || carries_identity(value));
    // Figures under a generic analytics key (`stats`) are a magistrate's unless the key or the
    // identity says another professional's or a party's (`lawyer_stats`, `Me Dupont`).
    let other = !magistrate
        && words
            .iter()
            .any(|w| PROFESSIONAL_WORDS.contains(&w.as_str()) || PARTY_WORDS.contains(&w.as_str()));
    let judged = |o: &serde_json::Map<String, Value>| {
        pairs_identity_with_figures(o)
            && (magistrate
                || has_magistrate_inside(o)
                || analytics && !other && !names_another_professional(o) && names_a_person(o))
    };
    let paired_in_object = match value {
        Value::Object(o) => judged(o),
        Value::Array(a) => a.iter().any(|x| x.as_object().is_some_and(judged)),
        _ => false,
    };
    // A field built for magistrates holds names where it may open a sentence (`"Bonnal rejette
    // 80 %"`), and no decision is at hand to tell: any capitalised word of no list may be one.
    if paired_in_key || paired_in_object || magistrate && tuples_with_figures(value) {
        out.push(analytics_finding(
            FieldName::new(path, None),
            value,
            &|_| true,
            rec,
        ));
        return;
    }
    let people = !analytics && words.iter().any(|w| PEOPLE_WORDS.contains(&w.as_str()));
    if (magistrate && !analytics && carries_identity(value)) || (people && bench_identity(value)) {
        out.push(
            Finding::new(
                Rule::PRF001,
                Some(rec.clone()),
                format!(
                    "field {} carries the identity of magistrates or clerks as indexable metadata",
                    FieldName::new(path, None).quoted()
                ),
            )
            .with_evidence(evidence(path, value, &|_| true)),
        );
        return;
    }
    match value {
        Value::Object(o) => {
            for (k, v) in o {
                visit(k, v, &format!("{path}.{k}"), false, rec, out, depth + 1);
            }
        }
        Value::Array(a) => {
            for (i, v) in a.iter().enumerate() {
                if let Value::Object(o) = v {
                    for (k, v) in o {
                        visit(
                            k,
                            v,
                            &format!("{path}[{i}].{k}"),
                            false,
                            rec,
                            out,
                            depth + 1,
                        );
                    }
                }
            }
        }
        _ => {}
    }
}

fn has_magistrate_inside(o: &serde_json::Map<String, Value>) -> bool {
    o.keys().any(|k| is_magistrate_key(&key_words(k))) || magistrate_role(o)
}

/// Whether an object's role (`role`, `fonction`, `qualité`…) is a magistrate's or a clerk's.
fn magistrate_role(o: &serde_json::Map<String, Value>) -> bool {
    const ROLE_KEYS: &[&str] = &[
        "role", "fonction", "function", "qualite", "qualité", "title",
    ];
    ROLE_KEYS
        .iter()
        .filter_map(|k| o.get(*k))
        .filter_map(Value::as_str)
        .any(|r| is_magistrate_key(&key_words(r)))
}

/// Whether the identity an object holds is a lawyer's or a firm's (`Me Dupont`, `SCP Piwnica`).
fn names_another_professional(o: &serde_json::Map<String, Value>) -> bool {
    o.values().filter_map(Value::as_str).any(|s| {
        let t = s.trim_start();
        [
            "Me ", "Maître ", "MAÎTRE ", "SCP ", "SELARL ", "SELAS ", "AARPI ", "Cabinet ",
        ]
        .iter()
        .any(|p| t.starts_with(p))
    })
}

/// The bench in a field for the people of a case: an object (or objects) pairing an identity
/// with a magistrate's role, or a text naming someone with a civility and a magistrate's role
/// (`Mme Martinel (président), Mme Leroy (greffier)`).
fn bench_identity(v: &Value) -> bool {
    match v {
        Value::String(s) => {
            // A civility, then a name that is not a marker (`M. [K]`).
            let tokens: Vec<&str> = s.split_whitespace().collect();
            let named = tokens.windows(2).any(|w| {
                matches!(w[0], "M." | "Mme" | "Monsieur" | "Madame" | "MM." | "Mmes")
                    && w[1].chars().next().is_some_and(char::is_uppercase)
                    && !is_pseudonymised(w[1].trim_end_matches([',', ';', ')']))
            });
            named && is_magistrate_key(&key_words(s))
        }
        Value::Array(a) => a.iter().any(bench_identity),
        // Fields named for magistrates inside are reported on their own, a level down.
        Value::Object(o) => magistrate_role(o) && o.values().any(carries_identity),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn run(v: Value) -> Vec<(Rule, String)> {
        let extra: Vec<(String, Value)> = v.as_object().unwrap().clone().into_iter().collect();
        let mut out = Vec::new();
        check(&extra, &Arc::default(), &mut out);
        out.iter()
            .map(|f| (f.rule, f.evidence.as_ref().unwrap().field.to_string()))
            .collect()
    }

    /// The excerpt as an export shows it: each piece of identity redacted, first letter kept.
    fn redacted(v: Value) -> String {
        let extra: Vec<(String, Value)> = v.as_object().unwrap().clone().into_iter().collect();
        let mut out = Vec::new();
        check(&extra, &Arc::default(), &mut out);
        let e = out[0].evidence.as_ref().unwrap();
        let mut shown: Vec<char> = e.excerpt.as_ref().unwrap().chars().collect();
        for p in &e.personal {
            shown[p.start + 1..p.end].fill('•');
        }
        shown.into_iter().collect()
    }

    /// A field named for magistrates that holds an office or a court, not a person, indexes
    /// nobody; nor are a company's figures a magistrate's.
    #[test]
    fn offices_courts_and_companies_are_nobody() {
        for v in [
            json!({"greffe": "Greffe de la chambre criminelle"}),
            json!({"president_formation": "Président de chambre"}),
            json!({"juges_du_fond": "Cour d'appel de Rouen, chambre de l'instruction"}),
            json!({"juges_du_fond": "CA Rouen"}),
            json!({"procureur": "Procureur général près la cour d'appel de Rouen"}),
            json!({"president": "Mme [K]"}),
            json!({"stats": {"nom": "Société Générale", "nb_affaires": 12}}),
            json!({"stats": {"nom": "Crédit Agricole", "nombre": 40}}),
        ] {
            assert_eq!(run(v.clone()), vec![], "{v}");
        }
        // The same fields naming someone.
        for (v, rule) in [
            (json!({"greffe": "Mme Leroy"}), Rule::PRF001),
            (json!({"president_formation": "Bonnal"}), Rule::PRF001),
            (json!({"president": "de Gaulle"}), Rule::PRF001),
            (json!({"rapporteur": "Mme de Froment"}), Rule::PRF001),
            (json!({"rapporteur": "M. de la Lance"}), Rule::PRF001),
            (json!({"president": "M. Doyen"}), Rule::PRF001),
            (json!({"greffier": "Mme Greffe"}), Rule::PRF001),
            (json!({"conseiller": "M. Conseil"}), Rule::PRF001),
            (
                json!({"stats": {"nom": "M. de Froment", "nb_affaires": 12}}),
                Rule::PRF002,
            ),
            (
                json!({"juges_du_fond": "M. Dupont, président de la cour d'appel de Rouen"}),
                Rule::PRF001,
            ),
            (
                json!({"stats": {"nom": "Jean Dupont", "nb_affaires": 12}}),
                Rule::PRF002,
            ),
        ] {
            assert_eq!(run(v.clone()).first().map(|f| f.0), Some(rule), "{v}");
        }
    }

    // Only the names are redacted: the civility, the office and the figures stay for the
    // auditor and the court to read.
    #[test]
    fn only_the_identity_of_a_magistrate_is_redacted() {
        assert_eq!(redacted(json!({"president": "M. Bonnal"})), "M. B•••••");
        assert_eq!(
            redacted(
                json!({"judge_stats": {"name": "Mme Marie-Claire Martinel", "reversal_rate": 0.42}})
            ),
            r#"{"name":"Mme M••••••••••• M•••••••","reversal_rate":0.42}"#
        );
        assert_eq!(
            redacted(json!({"rapporteur": "Mme Le Gall, conseiller référendaire"})),
            "Mme L• G•••, conseiller référendaire"
        );
        assert_eq!(
            redacted(
                json!({"composition": ["M. SOULARD, premier président", "Mme TEILLER, présidente de chambre"]})
            ),
            r#"["M. S••••••, premier président","Mme T••••••, présidente de chambre"]"#
        );
    }

    #[test]
    fn identity_fields_are_prf001() {
        assert_eq!(
            run(json!({"president": "M. Bonnal"})),
            vec![(Rule::PRF001, "president".into())]
        );
        assert_eq!(
            run(
                json!({"composition": {"rapporteur": "Mme Thomas", "avocat_general": "M. Lemoine"}})
            ),
            vec![
                (Rule::PRF001, "composition.avocat_general".into()),
                (Rule::PRF001, "composition.rapporteur".into())
            ]
        );
        assert_eq!(
            run(json!({"judges": ["Mme Martinel", "M. Pireyre"]})),
            vec![(Rule::PRF001, "judges".into())]
        );
        assert_eq!(run(json!({"greffierName": "Mme Dang Van Sung"})).len(), 1);
    }

    #[test]
    fn analytics_are_prf002() {
        assert_eq!(
            run(json!({"judge_stats": {"name": "Mme Martinel", "reversal_rate": 0.42}})),
            vec![(Rule::PRF002, "judge_stats".into())]
        );
        assert_eq!(
            run(json!({"president_cassation_rate": "38 %"})),
            vec![(Rule::PRF002, "president_cassation_rate".into())]
        );
        assert_eq!(
            run(
                json!({"magistrates": [{"name": "M. Bonnal", "role": "président", "severity_score": 7.5}]})
            ),
            vec![(Rule::PRF002, "magistrates".into())]
        );
    }

    /// The bench stored as the people of the case, with their roles.
    #[test]
    fn the_bench_among_the_people_of_a_case_is_prf001() {
        for v in [
            json!({"composition": "Mme Martinel (président), Mme Leroy (greffier)"}),
            json!({"persons": [{"name": "Mme Martinel", "role": "président"}]}),
            json!({"siege": [{"nom": "M. Bonnal", "qualite": "conseiller rapporteur"}]}),
            json!({"bench": ["Mme Martinel, présidente", "M. Roux, conseiller"]}),
        ] {
            assert_eq!(run(v.clone()).len(), 1, "{v}");
            assert_eq!(run(v.clone())[0].0, Rule::PRF001, "{v}");
        }
        // The people of a case without a magistrate among them, or a formation's name.
        assert!(run(json!({"composition": "Formation restreinte"})).is_empty());
        assert!(run(json!({"persons": [{"name": "M. Martin", "role": "demandeur"}]})).is_empty());
        assert!(run(json!({"composition": "M. [K] (président)"})).is_empty());
    }

    /// Figures about a lawyer or a firm are not a magistrate's analytics.
    #[test]
    fn a_lawyers_figures_are_not_prf002() {
        assert!(run(json!({"lawyer_stats": {"name": "Me Dupont", "win_rate": 0.6}})).is_empty());
        assert!(run(json!({"stats": {"name": "SCP Fabiani", "win_rate": 0.6}})).is_empty());
        assert!(
            run(json!({"avocat_general_stats": {"name": "M. Lenoir", "rate": 0.6}}))
                .iter()
                .all(|f| f.0 == Rule::PRF002)
        );
        assert_eq!(
            run(json!({"stats": {"name": "Mme Martinel", "reversal_rate": 0.42}})),
            vec![(Rule::PRF002, "stats".into())]
        );
    }

    /// Byte offsets of the stops that end a sentence: not the dots of `M.`, `MM.`, `J.-M.`,
    /// `Pr.` or `É.`.
    #[test]
    fn the_dot_of_a_civility_or_an_initial_ends_no_sentence() {
        let ends = |s: &str| {
            s.match_indices(STOPS)
                .filter(|&(i, _)| ends_sentence(s, i))
                .map(|(i, _)| i)
                .collect::<Vec<_>>()
        };
        assert_eq!(ends("Le président M. Bonnal rejette."), [31]);
        assert_eq!(ends("MM. Pons et J.-M. Dupont; Pr. Roux."), [24, 34]);
        assert_eq!(ends("Il rejette. Elle casse! É. Durand"), [10, 22]);
        assert_eq!(ends("rejeté.\nÉté"), [7, 8]);
        // An acronym or a numeral of two capitals ends one.
        assert_eq!(ends("selon l'UE. Mme X. II. Dr. Y"), [10, 21]);
    }

    /// Figures about a magistrate under words of every kind: counts, percentages, totals,
    /// grades, judgements in words.
    #[test]
    fn a_magistrates_figures_of_any_kind_are_prf002() {
        for v in [
            json!({"magistrats": [{"nom": "M. Huglo", "cassations": 41, "rejets": 271}]}),
            json!({"magistrats": [{"nom": "M. Huglo", "pct_rejet": 78}]}),
            json!({"magistrats": [{"nom": "M. Huglo", "total_decisions": 312}]}),
            json!({"magistrats": [{"nom": "M. Huglo", "grade": "B+"}]}),
            json!({"magistrats": [{"nom": "M. Huglo", "evaluation": "4/5"}]}),
            json!({"president": {"nom": "M. Huglo", "appreciation": "très sévère envers les salariés"}}),
            json!({"president": {"nom": "M. Huglo", "note_severite": "sévère"}}),
            json!({"nb_rejets_president": 312}),
            json!({"magistrats": [{"nom": "M. Huglo", "issue_probable": "rejet (78 %)"}]}),
        ] {
            assert_eq!(
                run(v.clone()).first().map(|f| f.0),
                Some(Rule::PRF002),
                "{v}"
            );
        }
    }

    /// Scores of topics, keywords or courts under a `name` are no magistrate's analytics.
    #[test]
    fn figures_about_no_person_are_not_prf002() {
        for v in [
            json!({"topic_scores": [{"name": "Harcèlement moral", "score": 0.91}]}),
            json!({"keywords_probability": [{"name": "Discrimination salariale", "probability": 0.7}]}),
            json!({"court_stats": {"name": "Cour de cassation, chambre sociale", "reversal_rate": 0.27}}),
            json!({"stats": {"name": "Chambre Sociale", "rate": 0.3}}),
        ] {
            assert!(run(v.clone()).is_empty(), "{v}");
        }
        // A person scored under a generic key is, with or without a civility.
        for v in [
            json!({"stats": {"name": "Jean-Paul Dupont", "reversal_rate": 0.42}}),
            json!({"scores": [{"nom": "Mme Martinel", "score": 7}]}),
        ] {
            assert_eq!(
                run(v.clone()).first().map(|f| f.0),
                Some(Rule::PRF002),
                "{v}"
            );
        }
    }

    #[test]
    fn ordinary_fields_are_not_profiling() {
        assert!(
            run(json!({"keywords": ["bail", "congé"], "score": 0.87, "avocats": "SCP Rocheteau"}))
                .is_empty()
        );
        assert!(run(json!({"president": "[K]"})).is_empty());
        assert!(run(json!({"president": null, "judges": []})).is_empty());
        assert!(
            run(
                json!({"tags": {"theme": "Sécurité sociale"}, "jurisdiction_stats": {"cases": 12}})
            )
            .is_empty()
        );
    }

    /// A vice-president is an office like a president: the office alone names nobody, the
    /// office beside a name indexes that name.
    #[test]
    fn a_vice_presidents_office_names_nobody_but_their_name_does() {
        for v in [
            json!({"president": "Vice-Président de la chambre sociale"}),
            json!({"president_formation": "Vice-présidente"}),
        ] {
            assert_eq!(run(v.clone()), vec![], "{v}");
        }
        for v in [
            json!({"president": "Mme Durand (Vice-Présidente faisant fonction de présidente)"}),
            json!({"president": "Vice-Président : M. Bonnal"}),
            json!({"president": "Vice-Présidente Durand"}),
        ] {
            assert_eq!(
                run(v.clone()),
                vec![(Rule::PRF001, "president".into())],
                "{v}"
            );
        }
    }

    /// A decision's composition: its bench and clerk, a lawyer, an expert, parties masked.
    const BENCH: &str = "Sur le pourvoi formé par M. [Z] [R], domicilié [Adresse 1]. Sur le rapport \
        de Mme Thomas, conseiller, les observations de la SCP Rocheteau et Uzan-Sarano, avocat de \
        M. [Z] [R], et l'avis de M. Lemoine, avocat général, après débats en l'audience publique \
        où étaient présents M. Bonnal, président, Mme Thomas, conseiller rapporteur, M. Pireyre, \
        conseiller doyen, et Mme Dang Van Sung, greffier de chambre. M. Petit, expert, a déposé \
        son rapport. M. Durand, avocat au barreau de Rouen, a plaidé.";

    /// The profiling findings of a record whose extra fields are `v`, for a decision of text
    /// `text` whose metadata names `magistrates` of the court, then `lawyers`: as the audit runs
    /// them.
    fn run_with(
        v: Value,
        text: &str,
        magistrates: &[&str],
        lawyers: &[&str],
    ) -> Vec<(Rule, String)> {
        let extra: Vec<(String, Value)> = v.as_object().unwrap().clone().into_iter().collect();
        let metadata: Vec<String> = magistrates
            .iter()
            .chain(lawyers)
            .map(|s| s.to_string())
            .collect();
        let pros = crate::rules::masking::Professionals::with_texts(&metadata, [Some(text), None])
            .with_court(&metadata[..magistrates.len()]);
        let rec = Arc::default();
        let mut out = Vec::new();
        let court = Court::new(&pros);
        check(&extra, &rec, &mut out);
        check_texts(None, None, &extra, &court, &rec, &mut out);
        check_court_members(&extra, &court, &rec, &mut out);
        out.iter()
            .map(|f| (f.rule, f.evidence.as_ref().unwrap().field.to_string()))
            .collect()
    }

    /// Figures about a practice in a field already found to index magistrates are theirs,
    /// whatever separates them from the name (a `;`, another element of its list); dates and
    /// numbers of cases are no figures about a practice.
    #[test]
    fn figures_in_a_field_for_magistrates_are_prf002() {
        let run = |v: Value| run_with(v, BENCH, &[], &[]);
        assert_eq!(
            run(json!({"juges": "M. Pireyre, président; taux de cassation: 43 %"})),
            vec![
                (Rule::PRF001, "juges".to_string()),
                (Rule::PRF002, "juges".to_string())
            ]
        );
        assert_eq!(
            run(json!({"juges": ["M. Bonnal", "taux de rejet : 82 %"]})),
            vec![
                (Rule::PRF001, "juges".to_string()),
                (Rule::PRF002, "juges[1]".to_string())
            ]
        );
        for v in [
            json!({"juges": "M. Pireyre, président; audience du 3 mars 2023"}),
            json!({"juges": ["M. Bonnal", "pourvoi n° 22-13.759"]}),
        ] {
            assert_eq!(
                run(v.clone()),
                vec![(Rule::PRF001, "juges".to_string())],
                "{v}"
            );
        }
    }

    fn members(v: Value) -> Vec<(Rule, String)> {
        run_with(v, BENCH, &[], &[])
    }

    /// A field of any name that names a member of the court the decision names in that role
    /// indexes them: a magistrate or a clerk, by name, surname, in capitals, among other
    /// people, at any depth.
    #[test]
    fn a_field_naming_a_member_of_the_court_is_prf001_whatever_its_name() {
        for (v, field) in [
            (json!({"persons": "M. Bonnal"}), "persons"),
            (json!({"names": ["Mme [K]", "M. Bonnal"]}), "names"),
            (json!({"noms": "BONNAL"}), "noms"),
            (json!({"intervenants": "Bonnal"}), "intervenants"),
            (
                json!({"signataires": "M. Bonnal, Mme Dang Van Sung"}),
                "signataires",
            ),
            (json!({"signataires": "Mme Dang Van Sung"}), "signataires"),
            (
                json!({"entities": [{"type": "PERSON", "text": "Mme Thomas"}]}),
                "entities",
            ),
            (
                json!({"meta": {"signed_by": "M. Pireyre", "lang": "fr"}}),
                "meta.signed_by",
            ),
            (json!({"auteur": "Bonnal (Président)"}), "auteur"),
            (json!({"acteurs": "Président Bonnal"}), "acteurs"),
            (
                json!({"ner": {"people": [["M. Lemoine", "PER"]]}}),
                "ner.people",
            ),
            (
                json!({"titre": "Arrêt rendu sous la présidence de M. Bonnal"}),
                "titre",
            ),
        ] {
            assert_eq!(
                members(v.clone()),
                vec![(Rule::PRF001, field.into())],
                "{v}"
            );
        }
        // One finding per field, the fields named for magistrates as before.
        assert_eq!(
            members(json!({"president": "M. Bonnal", "persons": ["M. Bonnal", "Mme Thomas"]})),
            vec![
                (Rule::PRF001, "president".into()),
                (Rule::PRF001, "persons".into())
            ]
        );
        // The source's metadata names them too, without the text.
        assert_eq!(
            run_with(json!({"persons": "Mme Batut"}), "", &["Mme Batut"], &[]),
            vec![(Rule::PRF001, "persons".into())]
        );
    }

    /// Nobody of the court: the parties, the lawyers and the expert, however the field is
    /// named; a marker; a surname in lower case or as a common word; a decision's header; prose.
    #[test]
    fn a_field_naming_no_member_of_the_court_is_not_prf001() {
        for v in [
            json!({"parties": "M. Bonnal"}),
            json!({"demandeur": {"nom": "M. Bonnal"}}),
            json!({"avocats": ["Me Bonnal", "SCP Rocheteau et Uzan-Sarano"]}),
            json!({"persons": "Me Bonnal"}),
            json!({"persons": "SCP Rocheteau et Bonnal"}),
            json!({"persons": "M. Durand"}),
            json!({"persons": ["M. Petit"]}),
            json!({"persons": "M. Bonnal, avocat"}),
            json!({"persons": "M. [K]"}),
            json!({"persons": "Mme Marie Thomas-Durand"}),
            json!({"tags": ["bonnal", "Petit commerce"]}),
            json!({"juridiction_origine": "Cour d'appel de Bonnal"}),
            json!({"source": "https://example.test/Bonnal"}),
            json!({"title": "Cour de cassation, Deuxième chambre civile, 5 octobre 2023, 22-14.430"}),
            json!({"notes": "Sur le rapport de Mme Thomas, conseiller, et après débats en l'audience publique où étaient présents M. Bonnal, président, la chambre a rendu le présent arrêt."}),
            json!({"keywords": ["bail", "congé"], "score": 0.87}),
        ] {
            assert_eq!(members(v.clone()), vec![], "{v}");
        }
        // The lawyers of the metadata are not the court's.
        assert_eq!(
            run_with(json!({"persons": "Me Batut"}), "", &[], &["Me Batut"]),
            vec![]
        );
        assert_eq!(
            run_with(json!({"persons": "M. Batut"}), "", &[], &["M. Batut"]),
            vec![]
        );
        // Another first name is another person; the first name the decision gives is theirs.
        let text = "Mme Marie-Claire Martinel, présidente, et Mme Leroy, greffière.";
        assert_eq!(
            run_with(json!({"persons": "Mme Anne Martinel"}), text, &[], &[]),
            vec![]
        );
        assert_eq!(
            run_with(json!({"persons": "Marie-Claire Martinel"}), text, &[], &[]),
            vec![(Rule::PRF001, "persons".into())]
        );
    }

    /// Figures about a member of the court in the reuser's words stay PRF002, not PRF001.
    #[test]
    fn a_member_of_the_court_judged_in_a_note_is_prf002_only() {
        assert_eq!(
            members(json!({"notes": "M. Bonnal rejette 82 % des pourvois"})),
            vec![(Rule::PRF002, "notes".into())]
        );
    }

    /// The profiling findings of a commentary about the decision [`BENCH`] (whose president is
    /// M. Bonnal), as the audit runs them.
    /// [`member_at`] reads at most [`NAME_REST`] words of a name past its surname to find the
    /// role after it: a surname repeated down a table (`Bonnal Bonnal …`) no longer makes each
    /// of its words read all those after it.
    #[test]
    fn the_role_after_a_surname_is_read_a_few_words_on() {
        let court = [CourtName::new("Marie Bonnal").unwrap()];
        let strong = |s: &str| {
            let words = words_of(s);
            member_at(s, &words, 0, &court).map(|(_, strong, _)| strong)
        };
        assert_eq!(strong("Bonnal (président)"), Some(true));
        assert_eq!(
            strong("Bonnal Dupont Durand Petit Martin (président)"),
            Some(true)
        );
        assert_eq!(
            strong("Bonnal Dupont Durand Petit Martin Roux (président)"),
            Some(false)
        );
        let run = "Bonnal ".repeat(10_000) + "(président)";
        assert_eq!(strong(&run), Some(false));
        // Each name of a long run without a sentence end still gives one PRF002.
        let table = "| magistrat | taux de cassation |\n".to_string()
            + &"| Bonnal | 63 % |\n".repeat(5_000);
        let text = "Bonnal : 9/10, ".repeat(5_000);
        for t in [&table, &text] {
            let pros = crate::rules::masking::Professionals::with_texts(&[], [Some(BENCH), None]);
            let mut out = Vec::new();
            let judged = check_text(
                FieldName::new("commentary", None),
                t,
                &Court::new(&pros),
                &Arc::default(),
                &mut out,
            );
            assert_eq!(out.len(), 1);
            assert_eq!(out[0].rule, Rule::PRF002);
            assert!(!judged.is_empty() && judged.iter().all(|s| s == "bonnal"));
        }
    }

    /// The sentence around a name is looked for [`SENTENCE_REACH`] bytes on either side of it,
    /// no further: many names in a text without a sentence end each read a bounded window.
    #[test]
    fn the_sentence_around_a_name_is_read_within_its_reach() {
        let text = "M. Dupont 9/10 ".repeat(2_000);
        let start = text.len() / 2 + 3;
        assert_eq!(&text[start - 3..start + 6], "M. Dupont");
        let mut farthest = 0;
        let (lo, hi) = sentence_around(&text, start, start + 6, |i| {
            farthest = farthest.max(i.abs_diff(start));
            ends_sentence(&text, i)
        });
        // The civilities' dots end no sentence: 160 bytes on either side.
        assert_eq!((lo, hi), (start - 160, start + 6 + 160));
        assert!(farthest <= 160 + 6, "{farthest}");
        // A stop within reach ends the sentence.
        let text = "Vu. M. Bonnal : 9/10. Suite";
        assert_eq!(
            sentence_around(text, 7, 13, |i| ends_sentence(text, i)),
            (3, 20)
        );
    }

    fn commentary(text: &str) -> Vec<(Rule, String)> {
        let pros = crate::rules::masking::Professionals::with_texts(&[], [Some(BENCH), None]);
        let mut out = Vec::new();
        check_texts(
            Some(text),
            None,
            &[],
            &Court::new(&pros),
            &Arc::default(),
            &mut out,
        );
        out.iter()
            .map(|f| (f.rule, f.evidence.as_ref().unwrap().field.to_string()))
            .collect()
    }

    /// The rapporteur public and a president named by their title without a civility (rev. 20E
    /// H4), a rate given as « dans N % des cas »: PRF002.
    #[test]
    fn a_rapporteur_public_or_a_president_named_by_title_is_prf002() {
        let text = "Après avoir entendu en séance publique : - les conclusions de M. Nicolas \
            Fournier, rapporteur public. Délibéré à l'issue de la séance où siégeaient : M. Rémy \
            Schwartz, président adjoint de la section du contentieux, présidant.";
        let pros = crate::rules::masking::Professionals::with_texts(&[], [Some(text), None]);
        for c in [
            "Le rapporteur public Fournier rejette 80 % des pourvois.",
            "Le rapporteur public Fournier conclut au rejet dans 80 % des affaires.",
            "Le président Schwartz rejette dans 95 % des cas.",
            "M. Schwartz rejette dans 95 % des cas.",
        ] {
            let mut out = Vec::new();
            check_texts(
                Some(c),
                None,
                &[],
                &Court::new(&pros),
                &Arc::default(),
                &mut out,
            );
            let rules: Vec<Rule> = out.iter().map(|f| f.rule).collect();
            assert_eq!(rules, vec![Rule::PRF002], "{c}");
        }
    }

    /// Figures or judgements about a magistrate named by a title without a civility (`le
    /// président Bonnal`), in a note or a commentary: PRF002, whether the decision names them or
    /// not, and not the PRF001 of a field that lists the court.
    #[test]
    fn a_magistrate_named_by_title_and_judged_in_prose_is_prf002() {
        for text in [
            "Statistiques du magistrat Bonnal : 45 arrêts, 30 cassations.",
            "Le juge Bonnal rejette 9 pourvois sur 10.",
            "Sévérité du président Bonnal : très élevée (note 9/10).",
            "Le président Bonnal : taux de cassation 78 %.",
            "L'avocat général Lemoine requiert la cassation dans 80 % des affaires.",
            "Selon nos statistiques, le doyen Bonnal casse 78 % des pourvois.",
            "La doyenne Thomas : taux de rejet 60 %.",
            "Le juge Dupont rejette 9 pourvois sur 10.",
        ] {
            assert_eq!(
                members(json!({ "analyse": text })),
                vec![(Rule::PRF002, "analyse".into())],
                "{text}"
            );
            assert_eq!(
                commentary(text),
                vec![(Rule::PRF002, "commentary".into())],
                "{text}"
            );
        }
    }

    /// Counts, a probability, a prediction and a superlative about a magistrate the decision
    /// names, and figures about a kind of decision the rules had not listed (`ordonnances`).
    #[test]
    fn counts_predictions_and_superlatives_about_a_magistrate_are_prf002() {
        for text in [
            "M. Bonnal casse 78 % des ordonnances qui lui sont soumises.",
            "M. Bonnal : 45 arrêts, 30 cassations.",
            "M. Bonnal : 312 décisions dont 41 cassations.",
            "Notre IA prédit que M. Bonnal cassera la décision avec une probabilité de 0,81.",
            "Notre IA prédit que M. Bonnal cassera la décision.",
            "Probabilité de 0,81 que M. Bonnal casse.",
            "M. Bonnal est le président le plus sévère de la chambre criminelle.",
            "Mme Thomas est la plus clémente des conseillères de la chambre.",
        ] {
            assert_eq!(
                commentary(text),
                vec![(Rule::PRF002, "commentary".into())],
                "{text}"
            );
        }
    }

    /// What looks like those figures without being anybody's practice: a title without a name,
    /// a single count, a chance as damages, a prediction by someone else, a sentence's severity,
    /// a chamber's rate, a lawyer's.
    #[test]
    fn figures_that_judge_no_magistrates_practice_are_not_prf002() {
        for text in [
            "Le président Bonnal a rejeté le pourvoi.",
            "Le président Bonnal a joint les 3 pourvois.",
            "Le juge des libertés a rejeté 9 requêtes sur 10.",
            "La chambre criminelle casse 78 % des ordonnances qui lui sont soumises.",
            "M. Bonnal, président, a retenu une perte de chance de 30 %.",
            "Comme l'avait prédit la doctrine, M. Bonnal, président, a rejeté le pourvoi.",
            "M. Bonnal, président, a prononcé la peine la plus sévère.",
            "Me Bonnal gagne 60 % de ses dossiers.",
            "La présidente Cour a statué : 45 arrêts, 30 cassations.",
        ] {
            assert_eq!(commentary(text), vec![], "{text}");
        }
    }

    /// The PRF001 messages of a record whose extra fields are `v`, for the decision [`BENCH`].
    fn member_messages(v: Value) -> Vec<String> {
        let extra: Vec<(String, Value)> = v.as_object().unwrap().clone().into_iter().collect();
        let pros = crate::rules::masking::Professionals::with_texts(&[], [Some(BENCH), None]);
        let mut out = Vec::new();
        check_court_members(&extra, &Court::new(&pros), &Arc::default(), &mut out);
        out.into_iter().map(|f| f.message.to_string()).collect()
    }

    /// The message says which side of the case the people a field names are on: the bench,
    /// the clerk, or the parquet (an advocate general is no member of the court that decided).
    #[test]
    fn a_members_message_gives_their_side_of_the_case() {
        let says = |v: Value, who: &str| {
            assert_eq!(
                member_messages(v.clone()),
                vec![format!(
                    "field `f` carries the identity of magistrates or clerks as indexable metadata: it names {who}"
                )],
                "{v}"
            );
        };
        let bench = "a member of the court that decided the case";
        let parquet = "a magistrate of the parquet in the case (avocat général, procureur), not a judge of it";
        says(json!({"f": "M. Bonnal"}), bench);
        says(json!({"f": ["Mme Thomas"]}), bench);
        says(
            json!({"f": "Mme Dang Van Sung"}),
            "a clerk of the court that decided the case",
        );
        says(
            json!({"f": ["M. Lemoine", "SCP Rocheteau et Uzan-Sarano"]}),
            parquet,
        );
        says(
            json!({"f": ["M. Lemoine", "M. Bonnal"]}),
            &format!("{bench} and {parquet}"),
        );
    }

    /// The role beside a name, after it or as a label before it, and the side it stands for.
    #[test]
    fn the_side_of_a_member_is_read_beside_their_name() {
        let side = |text: &str, name: &str| side_of(name, [text].into_iter());
        assert_eq!(side(BENCH, "M. Lemoine"), Side::Parquet);
        assert_eq!(side(BENCH, "M. Bonnal"), Side::Bench);
        assert_eq!(side(BENCH, "M. Pireyre"), Side::Bench);
        assert_eq!(side(BENCH, "Mme Dang Van Sung"), Side::Clerk);
        assert_eq!(
            side("Greffier lors des débats : Mme Leroy\n", "Mme Leroy"),
            Side::Clerk
        );
        assert_eq!(
            side("l'avocat général M. Roux a conclu", "M. Roux"),
            Side::Parquet
        );
        assert_eq!(
            side("la présidente Mme Roux a statué", "Mme Roux"),
            Side::Bench
        );
        assert_eq!(
            side("Mme Roux, procureure générale, a requis", "Mme Roux"),
            Side::Parquet
        );
        assert_eq!(
            side("M. Roux, rapporteur public, a conclu", "M. Roux"),
            Side::RapporteurPublic
        );
        assert_eq!(side("Mme Roux, doyenne, a siégé", "Mme Roux"), Side::Bench);
        // A word that opens with a role is not one; a phrase before the name is no label.
        assert_eq!(
            side("M. Roux, jugement du 3 mars", "M. Roux"),
            Side::Unknown
        );
        assert_eq!(side("Sur le rapport de M. Roux.", "M. Roux"), Side::Unknown);
        // Another name that holds this one is not it.
        assert_eq!(side("M. Rouxel, avocat général", "M. Roux"), Side::Unknown);
        assert_eq!(side(BENCH, "M. Absent"), Side::Unknown);
    }

    /// `s` as an export shows it once [`identity_pieces`] are redacted, the decision naming the
    /// surnames `known`.
    fn redact(s: &str, known: &[&str]) -> String {
        let mut shown: Vec<char> = s.chars().collect();
        for p in identity_pieces(s, &|w| known.contains(&w)) {
            shown[p.start + 1..p.end].fill('•');
        }
        shown.into_iter().collect()
    }

    /// The ordinary words that open a sentence with a capital (`Taux`, `Le`, `Sévérité`,
    /// `Notre`) are no names: only the magistrate's is redacted.
    #[test]
    fn words_that_open_a_sentence_are_not_redacted() {
        for (s, want) in [
            (
                "Taux de cassation de M. Bonnal : 78 %.",
                "Taux de cassation de M. B••••• : 78 %.",
            ),
            (
                "Le juge Bonnal rejette 9 pourvois sur 10.",
                "Le juge B••••• rejette 9 pourvois sur 10.",
            ),
            (
                "Sévérité du président Bonnal : très élevée (note 9/10).",
                "Sévérité du président B••••• : très élevée (note 9/10).",
            ),
            (
                "Statistiques du magistrat Bonnal : 45 arrêts, 30 cassations.",
                "Statistiques du magistrat B••••• : 45 arrêts, 30 cassations.",
            ),
            (
                "Notre IA prédit que M. Bonnal cassera.",
                "Notre IA prédit que M. B••••• cassera.",
            ),
            (
                "L'avocat général Lemoine requiert. Cassation probable.",
                "L'avocat général L•••••• requiert. Cassation probable.",
            ),
            // A word of no list that opens a sentence before a lower-case word.
            (
                "Record battu : M. Bonnal casse 78 % des pourvois.",
                "Record battu : M. B••••• casse 78 % des pourvois.",
            ),
        ] {
            assert_eq!(redact(s, &[]), want, "{s}");
        }
    }

    /// A name stays redacted wherever it stands: opening a sentence when the decision names
    /// that surname or the excerpt shows it as a name elsewhere, after a civility whatever the
    /// word, with its particles, after a firm's name.
    #[test]
    fn names_stay_redacted_wherever_they_stand() {
        for (s, known, want) in [
            (
                "Bonnal casse 78 % des pourvois.",
                &["Bonnal"][..],
                "B••••• casse 78 % des pourvois.",
            ),
            (
                "Bonnal casse ; M. Bonnal rejette.",
                &[],
                "B••••• casse ; M. B••••• rejette.",
            ),
            ("M. Doyen préside.", &[], "M. D•••• préside."),
            (
                "Mme Le Gall et Mme Dang Van Sung",
                &[],
                "Mme L• G••• et Mme D••• V•• S•••",
            ),
            (
                "La présidente De Gaulle casse",
                &[],
                "La présidente D• G••••• casse",
            ),
            (
                "SCP Piwnica et Molinié, Bonnal, président",
                &[],
                "SCP Piwnica et Molinié, B•••••, président",
            ),
            (
                r#"{"name":"Jean-Paul Dupont","rate":0.4}"#,
                &[],
                r#"{"name":"J•••••••• D•••••","rate":0.4}"#,
            ),
        ] {
            assert_eq!(redact(s, known), want, "{s}");
        }
    }

    /// Lawyers, firms and companies acting as such stay in clear (SPEC §2.1), to the civility
    /// or the role that ends their name.
    #[test]
    fn lawyers_and_firms_are_not_redacted() {
        for (s, want) in [
            (
                r#"["M. Lemoine","SARL Boré, Salve de Bruneton et Mégret"]"#,
                r#"["M. L••••••","SARL Boré, Salve de Bruneton et Mégret"]"#,
            ),
            (
                "SCP Rocheteau, Uzan-Sarano et Goulet, avocat de M. Bonnal",
                "SCP Rocheteau, Uzan-Sarano et Goulet, avocat de M. B•••••",
            ),
            (
                "Me Dupont plaide devant M. Bonnal",
                "Me Dupont plaide devant M. B•••••",
            ),
            (
                "Société Générale contre Mme Martinel",
                "Société Générale contre Mme M•••••••",
            ),
        ] {
            assert_eq!(redact(s, &[]), want, "{s}");
        }
    }

    /// Only the names are redacted on export, as for the fields named for magistrates.
    #[test]
    fn the_identity_a_field_names_is_redacted() {
        let extra: Vec<(String, Value)> = vec![("persons".into(), json!("M. Bonnal"))];
        let pros = crate::rules::masking::Professionals::with_texts(&[], [Some(BENCH), None]);
        let mut out = Vec::new();
        check_court_members(&extra, &Court::new(&pros), &Arc::default(), &mut out);
        let e = out[0].evidence.as_ref().unwrap();
        assert_eq!(e.excerpt.as_deref(), Some("M. Bonnal"));
        assert_eq!(e.personal.len(), 1);
        assert!(!out[0].message.contains("Bonnal"));
    }

    /// An invisible character (a soft hyphen from a CMS's `&shy;`, a zero-width space or joiner,
    /// a word joiner, a byte order mark) or a combining mark inside a magistrate's name leaves
    /// it one name: redacted whole on export, in a field naming them (PRF001) as in a
    /// commentary judging them (PRF002), whether the decision names them or not.
    #[test]
    fn a_name_holding_an_invisible_char_or_a_mark_is_redacted_whole() {
        let pros = crate::rules::masking::Professionals::with_texts(&[], [Some(BENCH), None]);
        let exported = |f: &Finding| {
            let e = f.evidence.as_ref().unwrap();
            crate::report::redact::redact(e.excerpt.as_deref().unwrap(), &e.personal)
        };
        for inside in [
            '\u{ad}', '\u{200b}', '\u{200c}', '\u{200d}', '\u{2060}', '\u{feff}', '\u{301}',
        ] {
            // PRF001: the field `president`, and a field listing the court.
            let name = format!("M. B{inside}onnal");
            let mut out = Vec::new();
            check(
                &[("president".into(), json!(name))],
                &Arc::default(),
                &mut out,
            );
            assert_eq!(out.len(), 1, "{name:?}");
            assert_eq!(exported(&out[0]), "M. B••••••", "{name:?}");
            let mut out = Vec::new();
            check_court_members(
                &[("persons".into(), json!(name))],
                &Court::new(&pros),
                &Arc::default(),
                &mut out,
            );
            assert_eq!(out.len(), 1, "{name:?}");
            assert_eq!(exported(&out[0]), "M. B••••••", "{name:?}");
            // PRF002: the name cut after its second letter, a known one and an unknown one.
            for surname in ["Bonnal", "Durand"] {
                let (a, b) = surname.split_at(2);
                let text = format!(
                    "Le président {a}{inside}{b} casse 90 % des arrêts, taux de cassation record"
                );
                let mut out = Vec::new();
                check_texts(
                    Some(&text),
                    None,
                    &[],
                    &Court::new(&pros),
                    &Arc::default(),
                    &mut out,
                );
                assert_eq!(out.len(), 1, "{text:?}");
                assert_eq!(out[0].rule, Rule::PRF002);
                let want = format!(
                    "Le président {}•••••• casse 90 % des arrêts, taux de cassation record",
                    &a[..1]
                );
                assert_eq!(exported(&out[0]), want, "{text:?}");
            }
        }
    }

    /// The words [`names_someone`] looks up are written as it folds a token, else they never
    /// match.
    #[test]
    fn the_words_names_someone_looks_up_are_folded() {
        for w in [MAGISTRATE_WORDS, NOT_PERSON_WORDS, OFFICE_WORDS, ORG_WORDS].concat() {
            assert_eq!(super::super::attribution::fold(w).trim(), w);
        }
    }
}
