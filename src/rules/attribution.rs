//! Attribution (ATT001, ATT002): the source must be mentioned, and it must be the decision's.
//!
//! CC V: « Le réutilisateur a l'obligation de mentionner que les données proviennent de la base
//! de données Open Data tenue par la Cour de cassation ». CE V likewise for the Conseil d'État.

use super::Rule;
use crate::model::{Evidence, Finding, Producer, RecordRef, bound};
use std::sync::Arc;

/// Who an attribution can name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Named {
    CourDeCassation,
    Legifrance,
    ConseilEtat,
}

impl Named {
    fn label(self) -> &'static str {
        match self {
            Named::CourDeCassation => "the Cour de cassation (Judilibre)",
            Named::Legifrance => "Légifrance (DILA)",
            Named::ConseilEtat => "the Conseil d'État (administrative open data)",
        }
    }
}

/// Phrases naming each producer, in folded form (lower case, no accents, words separated by one
/// space). English names count where they designate the producer and nothing else: "Court of
/// Cassation" (or "Cassation Court") is the Cour de cassation, "Council of State" the Conseil
/// d'État, whatever precedes them ("French", "the"). "Supreme Court" does not count: English
/// writes it of the Cour de cassation and of the Conseil d'État (and of other countries' courts).
/// The abbreviation "CE" is told apart in the text as written ([`names_ce`]).
const NAMES: &[(Named, &[&str])] = &[
    (
        Named::CourDeCassation,
        &[
            "cour de cassation",
            "judilibre",
            "courdecassation fr",
            "c cass",
            "cass",
            "court of cassation",
            "cassation court",
        ],
    ),
    (
        Named::Legifrance,
        &[
            "legifrance",
            "legifrance gouv fr",
            "dila",
            "direction de l information legale et administrative",
            "directorate of legal and administrative information",
        ],
    ),
    (
        Named::ConseilEtat,
        &[
            "conseil d etat",
            "conseil etat",
            "conseil d etat fr",
            "justice administrative",
            "juridiction administrative",
            "juridictions administratives",
            "opendata justice administrative fr",
            "open data des juridictions administratives",
            "decisions de la justice administrative",
            "council of state",
            "administrative courts",
            "administrative justice",
        ],
    ),
];

/// Lower case, accents removed, every run of non-alphanumerics one space; the invisible format
/// characters the text normalisation drops are nothing (`Légi\u{ad}france` is `legifrance`).
pub fn fold(s: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let mut out = String::with_capacity(s.len() + 2);
    out.push(' ');
    let mut space = true;
    for c in s.nfd() {
        if unicode_normalization::char::is_combining_mark(c)
            || crate::text::normalize::is_invisible(c)
        {
            continue;
        }
        if c.is_alphanumeric() {
            for l in c.to_lowercase() {
                out.push(l);
            }
            space = false;
        } else if !space {
            out.push(' ');
            space = true;
        }
    }
    if !space {
        out.push(' ');
    }
    out
}

/// The producers an attribution names. A corpus repeats a few attributions on every record:
/// each is read once per thread.
pub fn named(attribution: &str) -> Vec<Named> {
    thread_local! {
        static MEMO: std::cell::RefCell<std::collections::HashMap<Box<str>, Vec<Named>>> =
            Default::default();
    }
    crate::ident::memoized(&MEMO, attribution, named_uncached)
}

fn named_uncached(attribution: &str) -> Vec<Named> {
    // `C\u{200b}E` is `CE`, as `Légi\u{ad}france` is Légifrance.
    let visible: String;
    let attribution = if attribution
        .chars()
        .any(crate::text::normalize::is_invisible)
    {
        visible = attribution
            .chars()
            .filter(|&c| !crate::text::normalize::is_invisible(c))
            .collect();
        visible.as_str()
    } else {
        attribution
    };
    let f = fold(attribution);
    NAMES
        .iter()
        .filter(|(n, phrases)| {
            phrases.iter().any(|p| has_phrase(&f, p))
                || (*n == Named::ConseilEtat && names_ce(attribution))
        })
        .map(|(n, _)| *n)
        .collect()
}

/// Whether an attribution, as written, holds the abbreviation of the Conseil d'État: `CE` or
/// `C.E.` (`C.E`), in capitals, as a word of its own. Lower-case `ce` is the French
/// demonstrative ("ce site"), and `CE` inside a word (`CEDH`, `CESE`) is something else. In an
/// attribution written all in capitals, where the demonstrative is capitalised too (`DONNÉES DE
/// CE SITE`), `CE` counts only when no word follows it: the demonstrative always comes before
/// one.
fn names_ce(attribution: &str) -> bool {
    let chars: Vec<char> = attribution.chars().collect();
    let all_caps = !chars.iter().any(|c| c.is_lowercase());
    let in_word = |i: usize| chars.get(i).is_some_and(|c| c.is_alphanumeric());
    (0..chars.len()).any(|i| {
        // A word starts here: not preceded by a letter or a digit, nor by one and a dot
        // (`J.C.E.`).
        if chars[i] != 'C'
            || (i > 0 && in_word(i - 1))
            || (i > 1 && chars[i - 1] == '.' && in_word(i - 2))
        {
            return false;
        }
        // Just after `CE` or `C.E`.
        let after = match (chars.get(i + 1), chars.get(i + 2)) {
            (Some('E'), _) => i + 2,
            (Some('.'), Some('E')) => i + 3,
            _ => return false,
        };
        // Nor does one go on after it, nor a longer dotted abbreviation (`C.E.D.H.`).
        if in_word(after) || (chars.get(after) == Some(&'.') && in_word(after + 1)) {
            return false;
        }
        // A word just after is what the demonstrative comes before (`CE texte`, `CE n'est
        // pas`, `CE DOCUMENT`), unless it is a capitalised word in a text not all in capitals
        // (`CE Ass.`, `CE Section`). A number after is a European act's (`règlement CE
        // n° 44/2001`), and so is a slash before (`directive 2000/31/CE`).
        let next: String = chars[after..]
            .iter()
            .skip_while(|c| c.is_whitespace())
            .take_while(|c| c.is_alphanumeric() || **c == '°')
            .collect();
        let word_follows = next.chars().next().is_some_and(char::is_alphabetic);
        let demonstrative = word_follows
            && (all_caps || next.starts_with(char::is_lowercase) || next.ends_with('\''));
        let before: String = chars[..i]
            .iter()
            .rev()
            .skip_while(|c| c.is_whitespace())
            .take_while(|c| c.is_alphabetic() || **c == '/')
            .collect::<String>()
            .chars()
            .rev()
            .collect::<String>()
            .to_lowercase();
        let european = before.ends_with('/')
            || matches!(
                before.as_str(),
                "règlement" | "reglement" | "directive" | "décision" | "decision"
            )
            || next.starts_with(|c: char| c.is_ascii_digit())
            || matches!(next.as_str(), "n" | "n°" | "no" | "nº");
        !demonstrative && !european
    })
}

/// Whether `f` holds ` {p} ` (a phrase between spaces), without building that string.
fn has_phrase(f: &str, p: &str) -> bool {
    f.match_indices(p)
        .any(|(i, _)| f[..i].ends_with(' ') && f[i + p.len()..].starts_with(' '))
}

/// Who may be credited for a producer's decisions (SPEC §1.1).
pub fn accepted(p: Producer) -> &'static [Named] {
    match p {
        Producer::CourDeCassation => &[Named::CourDeCassation],
        Producer::Legifrance => &[Named::Legifrance, Named::CourDeCassation],
        Producer::ConseilEtat => &[Named::ConseilEtat],
        Producer::Jade => &[Named::ConseilEtat, Named::Legifrance],
    }
}

/// Who diffuses a producer's decisions, as an attribution names it: the Cour de cassation
/// for Judilibre, Légifrance for DILA's bases (JADE included), the Conseil d'État for the
/// administrative open data.
fn diffuser(p: Producer) -> Named {
    match p {
        Producer::CourDeCassation => Named::CourDeCassation,
        Producer::Legifrance | Producer::Jade => Named::Legifrance,
        Producer::ConseilEtat => Named::ConseilEtat,
    }
}

/// How well an attribution fits a copy of a decision from producer `p`: 0 when it names the
/// producer that diffuses the copy (Légifrance for the DILA copy, the Cour de cassation or
/// Judilibre for the Judilibre copy); 1 when it names another producer the copy may be credited
/// to (the Cour de cassation for the DILA copy); 2 otherwise.
pub fn fit(attribution: Option<&str>, p: Producer) -> u8 {
    let names = named(attribution.map(str::trim).unwrap_or(""));
    if names.contains(&diffuser(p)) {
        0
    } else if names.iter().any(|n| accepted(p).contains(n)) {
        1
    } else {
        2
    }
}

/// ATT001 and ATT002 for one record. `producers` are those of the reference decision it
/// matched, the one checked first, then those of the other copies of the same decision that
/// the key it matched on designates (the Judilibre and Légifrance copies of one ECLI): an
/// attribution any of them accepts is right. Empty when no reference matched.
pub fn check(
    attribution: Option<&str>,
    source_link: Option<&str>,
    producers: &[Producer],
    rec: &Arc<RecordRef>,
    out: &mut Vec<Finding>,
) {
    let text = attribution.map(str::trim).unwrap_or("");
    let names = named(text);
    let evidence = || Evidence {
        field: "attribution".into(),
        excerpt: (!text.is_empty()).then(|| bound::ends(text, bound::VALUE).into_owned()),
        ..Default::default()
    };
    // The producers this decision may be credited to, when it matched one.
    let mut ok: Vec<Named> = Vec::new();
    for n in producers.iter().flat_map(|&p| accepted(p)) {
        if !ok.contains(n) {
            ok.push(*n);
        }
    }
    let expected: Vec<&str> = ok.iter().map(|n| n.label()).collect();
    if names.is_empty() {
        // The producers to credit: this decision's when it matched one, not every producer
        // vigie knows (a Conseil d'État decision credited to Légifrance would be an ATT002).
        // A link to the source is not its mention: CC V lets a reuser « renvoyer, par un lien
        // hypertexte, vers la source des données en assurant une mention effective de sa
        // paternité ».
        let linked = source_link.is_some_and(|l| !l.trim().is_empty());
        let msg = match (text.is_empty(), expected.is_empty()) {
            (true, _) if linked => {
                let from = if expected.is_empty() {
                    String::new()
                } else {
                    format!(" ({})", expected.join(" or "))
                };
                format!(
                    "no source is mentioned with the decision: a link to the source is given, but not the name of its producer{from}"
                )
            }
            (true, true) => "no source is mentioned with the decision".to_string(),
            (true, false) => format!(
                "no source is mentioned with the decision, which comes from {}",
                expected.join(" or ")
            ),
            (false, true) => "the source mention names no producer of the data (Cour de cassation, Judilibre, Légifrance, DILA, Conseil d'État)".to_string(),
            (false, false) => format!(
                "the source mention names no producer of the data: the decision comes from {}",
                expected.join(" or ")
            ),
        };
        out.push(Finding::new(Rule::ATT001, Some(rec.clone()), msg).with_evidence(evidence()));
        return;
    }
    if producers.is_empty() {
        return;
    }
    if !names.iter().any(|n| ok.contains(n)) {
        let credited: Vec<&str> = names.iter().map(|n| n.label()).collect();
        out.push(
            Finding::new(
                Rule::ATT002,
                Some(rec.clone()),
                format!(
                    "the decision is credited to {} but comes from {}",
                    credited.join(" and "),
                    expected.join(" or ")
                ),
            )
            .with_evidence(evidence()),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules(attr: Option<&str>, p: Option<Producer>) -> Vec<Rule> {
        let mut out = Vec::new();
        check(attr, None, p.as_slice(), &Arc::default(), &mut out);
        out.iter().map(|f| f.rule).collect()
    }

    /// ATT001 names the producers this decision may be credited to, when it matched one: not
    /// the four others of a Conseil d'État decision, which would be ATT002 for it.
    #[test]
    fn att001_names_the_decision_s_own_producers() {
        let message = |attr: Option<&str>, p: &[Producer]| {
            let mut out = Vec::new();
            check(attr, None, p, &Arc::default(), &mut out);
            assert_eq!(out.len(), 1);
            assert_eq!(out[0].rule, Rule::ATT001);
            out[0].message.clone()
        };
        assert_eq!(
            message(Some("Base JurisPlus"), &[Producer::ConseilEtat]),
            "the source mention names no producer of the data: the decision comes from the \
             Conseil d'État (administrative open data)"
        );
        assert_eq!(
            message(None, &[Producer::Legifrance]),
            "no source is mentioned with the decision, which comes from Légifrance (DILA) or the \
             Cour de cassation (Judilibre)"
        );
        // No decision matched: every producer the mention may name.
        assert_eq!(
            message(Some("Base JurisPlus"), &[]),
            "the source mention names no producer of the data (Cour de cassation, Judilibre, \
             Légifrance, DILA, Conseil d'État)"
        );
        assert_eq!(
            message(Some(" "), &[]),
            "no source is mentioned with the decision"
        );
        // A link alone is no mention of the source (CC V).
        let mut out = Vec::new();
        let link = Some("https://www.legifrance.gouv.fr/juri/id/JURITEXT000048176061");
        check(
            None,
            link,
            &[Producer::Legifrance],
            &Arc::default(),
            &mut out,
        );
        assert_eq!(out.len(), 1);
        assert_eq!(
            out[0].message,
            "no source is mentioned with the decision: a link to the source is given, but not \
             the name of its producer (Légifrance (DILA) or the Cour de cassation (Judilibre))"
        );
    }

    #[test]
    fn recognises_each_producer() {
        assert_eq!(
            named("Source : Cour de cassation"),
            vec![Named::CourDeCassation]
        );
        assert_eq!(named("Données Judilibre"), vec![Named::CourDeCassation]);
        assert_eq!(named("www.legifrance.gouv.fr"), vec![Named::Legifrance]);
        assert_eq!(named("Source: Conseil d’Etat"), vec![Named::ConseilEtat]);
        assert_eq!(
            named("Open data des juridictions administratives"),
            vec![Named::ConseilEtat]
        );
        assert!(named("la société Dilo Guyane").is_empty());
        assert!(named("Notre rédaction").is_empty());
    }

    /// The invisible format characters the text normalisation drops (a soft hyphen, a
    /// zero-width space, joiner, word joiner, byte order mark) hide nothing of a producer's
    /// name: `Légi\u{ad}france` is Légifrance, no ATT001.
    #[test]
    fn invisible_chars_hide_no_producer() {
        for c in [
            '\u{ad}', '\u{200b}', '\u{200c}', '\u{200d}', '\u{2060}', '\u{feff}',
        ] {
            for (attr, who) in [
                (format!("Légi{c}france"), Named::Legifrance),
                (format!("Source\u{a0}: Légi{c}france"), Named::Legifrance),
                (format!("Cour de cas{c}sation"), Named::CourDeCassation),
                (format!("Source : C{c}E"), Named::ConseilEtat),
            ] {
                assert_eq!(named(&attr), vec![who], "{attr:?}");
            }
            let attr = format!("Légi{c}france");
            assert!(
                rules(Some(&attr), Some(Producer::Legifrance)).is_empty(),
                "{attr:?}"
            );
        }
    }

    /// English attributions name the producer in English: the right one is no finding, the
    /// wrong one ATT002, and "Supreme Court", which English writes of both supreme courts, no
    /// producer.
    #[test]
    fn english_names_of_the_producers() {
        for (attr, who) in [
            ("Source: Court of Cassation", Named::CourDeCassation),
            (
                "Source: French Court of Cassation open data",
                Named::CourDeCassation,
            ),
            ("From the French Cassation Court", Named::CourDeCassation),
            ("Source: French Council of State", Named::ConseilEtat),
            ("Council of State (France), open data", Named::ConseilEtat),
            (
                "Open data of the French administrative courts",
                Named::ConseilEtat,
            ),
            ("Source: Legifrance", Named::Legifrance),
            (
                "Directorate of Legal and Administrative Information (DILA)",
                Named::Legifrance,
            ),
        ] {
            assert_eq!(named(attr), vec![who], "{attr}");
        }
        for attr in [
            "Source: French Supreme Court",
            "Conseil of State",
            "Source: the State",
            "Source: our own court reporters",
        ] {
            assert!(named(attr).is_empty(), "{attr}");
        }
        let cc = Some(Producer::CourDeCassation);
        let ce = Some(Producer::ConseilEtat);
        let dila = Some(Producer::Legifrance);
        assert!(rules(Some("Source: Court of Cassation"), dila).is_empty());
        assert!(rules(Some("Source: French Court of Cassation open data"), cc).is_empty());
        assert!(rules(Some("Source: French Council of State"), ce).is_empty());
        assert_eq!(
            rules(Some("Source: French Council of State"), cc),
            vec![Rule::ATT002]
        );
        assert_eq!(
            rules(Some("Source: Court of Cassation"), ce),
            vec![Rule::ATT002]
        );
    }

    /// `CE` and `C.E.` are the Conseil d'État when written in capitals as a word of their own;
    /// `ce` is a French demonstrative, and `CE` inside a word is another body.
    #[test]
    fn the_abbreviation_ce() {
        for attr in [
            "Source : CE",
            "Source : C.E.",
            "Source : C.E",
            "CE, 5 décembre 2025, open data",
            "Source : CE (open data)",
            "CE",
            "SOURCE : CE",
            "SOURCE : CE, OPEN DATA",
            "SOURCE : C.E. OPEN DATA",
        ] {
            assert_eq!(named(attr), vec![Named::ConseilEtat], "{attr}");
        }
        for attr in [
            "Source : ce site",
            "Ce document provient de notre base",
            "Source : CEDH",
            "Source : CESE",
            "Source : ACE",
            "Source : C.E.D.H.",
            "Source : J.C.E.",
            "Source : CE2",
            // In capitals throughout, `CE` before a word is the demonstrative.
            "DONNÉES DE CE SITE",
            "C'EST NOTRE BASE",
            // So is `CE` before a word in lower case, in any text.
            "Source : notre rédaction. CE texte est reproduit intégralement",
            "Source : Dalloz — CE n'est pas une reproduction officielle",
            "CE document provient de notre base",
            // A European act's abbreviation.
            "Source : Dalloz (règlement CE n° 44/2001)",
            "Source : notre base ; directive 2000/31/CE",
            "Source : notre base (CE 1234/2008)",
        ] {
            assert!(named(attr).is_empty(), "{attr}: {:?}", named(attr));
        }
        // Before a capitalised word in a text not all in capitals: a formation.
        assert_eq!(named("Source : CE Ass."), vec![Named::ConseilEtat]);
        // Both the Conseil d'État's abbreviation and Légifrance.
        assert_eq!(
            named("Légifrance, CE"),
            vec![Named::Legifrance, Named::ConseilEtat]
        );
        let ce = Some(Producer::ConseilEtat);
        assert!(rules(Some("Source : CE"), ce).is_empty());
        assert!(rules(Some("Source : C.E."), Some(Producer::Jade)).is_empty());
        assert_eq!(
            rules(Some("Source : CE"), Some(Producer::Legifrance)),
            vec![Rule::ATT002]
        );
        assert_eq!(
            rules(Some("Source : CE"), Some(Producer::CourDeCassation)),
            vec![Rule::ATT002]
        );
        assert_eq!(rules(Some("Source : ce site"), ce), vec![Rule::ATT001]);
    }

    #[test]
    fn att001_and_att002() {
        let cc = Some(Producer::CourDeCassation);
        assert_eq!(rules(None, cc), vec![Rule::ATT001]);
        assert_eq!(rules(Some("  "), cc), vec![Rule::ATT001]);
        assert_eq!(rules(Some("Source : notre base"), cc), vec![Rule::ATT001]);
        assert!(rules(Some("Source : Cour de cassation"), cc).is_empty());
        assert_eq!(
            rules(Some("Source : Conseil d'État"), cc),
            vec![Rule::ATT002]
        );
        let ce = Some(Producer::ConseilEtat);
        assert_eq!(rules(Some("Cour de cassation"), ce), vec![Rule::ATT002]);
        assert!(rules(Some("Conseil d'État, open data"), ce).is_empty());
        assert!(rules(Some("Légifrance"), Some(Producer::Legifrance)).is_empty());
        assert!(rules(Some("Cour de cassation"), Some(Producer::Legifrance)).is_empty());
        assert!(rules(Some("Légifrance"), Some(Producer::Jade)).is_empty());
        assert_eq!(rules(Some("Légifrance"), cc), vec![Rule::ATT002]);
        // Unmatched record: only ATT001 can be told.
        assert!(rules(Some("Conseil d'État"), None).is_empty());
    }

    // A decision the reference holds from Judilibre and from Légifrance (its ECLI designates
    // both copies) may be credited to either.
    #[test]
    fn copies_from_several_producers_may_each_be_credited() {
        let both = [Producer::CourDeCassation, Producer::Legifrance];
        let rules = |attr: &str, producers: &[Producer]| {
            let mut out = Vec::new();
            check(Some(attr), None, producers, &Arc::default(), &mut out);
            out
        };
        for attr in ["Légifrance", "DILA", "Judilibre", "Cour de cassation"] {
            assert!(rules(attr, &both).is_empty(), "{attr}");
        }
        let out = rules("Conseil d'État", &both);
        assert_eq!(out.len(), 1);
        assert_eq!(
            out[0].message,
            "the decision is credited to the Conseil d'État (administrative open data) but comes \
             from the Cour de cassation (Judilibre) or Légifrance (DILA)"
        );
    }

    #[test]
    fn how_well_an_attribution_fits_each_copy() {
        use Producer::*;
        for (attr, p, fit_) in [
            ("Légifrance", Legifrance, 0),
            ("Légifrance", CourDeCassation, 2),
            ("Judilibre", CourDeCassation, 0),
            ("Cour de cassation", Legifrance, 1),
            ("Légifrance", Jade, 0),
            ("Conseil d'État", Jade, 1),
            ("Conseil d'État", ConseilEtat, 0),
            ("", ConseilEtat, 2),
        ] {
            assert_eq!(fit(Some(attr), p), fit_, "{attr} {p:?}");
        }
        assert_eq!(fit(None, Legifrance), 2);
    }
}
