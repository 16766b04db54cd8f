//! Audits against the official formats: every one of the 92 real DILA decisions audits clean
//! against a faithful copy of itself, whatever accepted spelling its identification takes, and
//! planted breaches are found on DILA and administrative references.

use serde_json::{Value, json};
use std::path::{Path, PathBuf};
use vigie::audit::{self, AuditOptions};
use vigie::model::{Origin, ReferenceDecision};
use vigie::rules::Rule;

mod support;
use support::audit::{messages, record_id, run_audit};
use support::data::{data, dila_files};

fn dila() -> Vec<ReferenceDecision> {
    dila_files()
        .iter()
        .map(|f| {
            vigie::source::xml::parse_xml(&std::fs::read(f).unwrap(), Origin::default()).unwrap()
        })
        .collect()
}

/// The chamber spelt three ways.
fn chamber(raw: &str, i: usize) -> String {
    let (code, long, short) = match raw {
        "CHAMBRE_CIVILE_1" => ("civ1", "Première chambre civile", "Civ. 1re"),
        "CHAMBRE_CIVILE_2" => ("civ2", "Deuxième chambre civile", "Civ. 2e"),
        "CHAMBRE_CIVILE_3" => ("civ3", "Troisième chambre civile", "Civ. 3e"),
        "CHAMBRE_COMMERCIALE" => (
            "comm",
            "Chambre commerciale, financière et économique",
            "Com.",
        ),
        "CHAMBRE_SOCIALE" => ("soc", "Chambre sociale", "Soc."),
        "CHAMBRE_CRIMINELLE" => ("cr", "Chambre criminelle", "Crim."),
        "ASSEMBLEE_PLENIERE" => ("pl", "Assemblée plénière", "Ass. plén."),
        other => panic!("unexpected chamber {other}"),
    };
    [code, long, short, raw][i % 4].to_string()
}

fn record(d: &ReferenceDecision, i: usize) -> Value {
    let date = d.decision_date.unwrap();
    let date = match i % 3 {
        0 => date.to_string(),
        1 => format!("{:02}/{:02}/{}", date.day(), date.month(), date.year()),
        _ => vigie::ident::french_date(date),
    };
    let number = &d.numbers[0];
    let digits: String = number.chars().filter(|c| c.is_ascii_digit()).collect();
    let number = match i % 3 {
        0 => number.clone(),
        1 => format!("{}-{}.{}", &digits[..2], &digits[2..4], &digits[4..]),
        _ => format!("n° {}-{}.{}", &digits[..2], &digits[2..4], &digits[4..]),
    };
    json!({
        "id": format!("r{i}"),
        "source_id": if i.is_multiple_of(5) { d.ecli.clone().unwrap_or(d.id.clone()) } else { d.id.to_lowercase() },
        "url": format!("https://example.test/{i}"),
        "text": d.text,
        "jurisdiction": (["Cour de cassation", "Cass.", "cc"][i % 3]),
        "formation": chamber(d.chamber.as_deref().unwrap(), i),
        "seat": "Paris",
        "decision_date": date,
        "number": number,
        "attribution": (["Source : Légifrance", "DILA", "Cour de cassation"][i % 3]),
        "updated_at": "2026-11-21T09:30:00+01:00",
        "update_notice": "Document chargé sur le site source le 21/11/2026",
    })
}

/// The outcome of an audit of `records` against `reference` at `as_of` on `jobs` threads (all
/// cores when `None`).
fn outcome(
    records: &[Value],
    reference: &[PathBuf],
    jobs: Option<usize>,
    as_of: &str,
) -> audit::AuditOutcome {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus.jsonl");
    let text: Vec<String> = records.iter().map(|r| r.to_string()).collect();
    std::fs::write(&corpus, text.join("\n")).unwrap();
    let opts = AuditOptions {
        corpus: vec![corpus],
        reference: reference.to_vec(),
        as_of: Some(as_of.parse().unwrap()),
        jobs,
        ..Default::default()
    };
    run_audit(&opts)
}

/// The report of an audit of `records` against `reference` on `jobs` threads (all cores when
/// `None`), at the demo's audit time.
fn report(records: &[Value], reference: &[PathBuf], jobs: Option<usize>) -> vigie::report::Report {
    outcome(records, reference, jobs, "2026-11-22T12:00:00Z").report
}

fn audit(records: &[Value], reference: &[PathBuf]) -> Vec<(String, Rule)> {
    report(records, reference, None)
        .findings
        .iter()
        .map(|f| (record_id(f), f.rule))
        .collect()
}

#[test]
fn all_92_dila_decisions_audit_clean_against_faithful_copies() {
    let decisions = dila();
    assert_eq!(decisions.len(), 92);
    let records: Vec<Value> = decisions
        .iter()
        .enumerate()
        .map(|(i, d)| record(d, i))
        .collect();
    let got = audit(&records, &[data("dila-cass")]);
    assert_eq!(got, vec![], "a faithful copy raised findings");
}

#[test]
fn planted_identification_breaches_on_dila() {
    let decisions = dila();
    let mut recs = Vec::new();
    let mut r = record(&decisions[0], 0);
    r["decision_date"] = json!("2023-10-04"); // the real one is 3 October 2023
    recs.push(r);
    let mut r = record(&decisions[1], 1);
    r["formation"] = json!("Troisième chambre civile");
    recs.push(r);
    let mut r = record(&decisions[2], 2);
    r["number"] = json!("22-99.999");
    recs.push(r);
    let mut r = record(&decisions[3], 3);
    r.as_object_mut().unwrap().remove("jurisdiction");
    recs.push(r);
    let mut r = record(&decisions[4], 4);
    r["attribution"] = json!("Source : Conseil d'État");
    recs.push(r);
    let got = audit(&recs, &[data("dila-cass")]);
    assert_eq!(
        got,
        vec![
            ("r0".into(), Rule::INT006),
            ("r1".into(), Rule::INT006),
            ("r2".into(), Rule::INT006),
            ("r3".into(), Rule::INT005),
            ("r4".into(), Rule::ATT002),
        ]
    );
}

/// The decision's arrêt number as DILA's `META_JURI/NUMERO` ends with it (`C2301078` → `01078`,
/// `52300985` → `00985`): the number its header writes (`N° 01078`, `Arrêt n° 985 F-B`).
fn dila_arret_numbers() -> Vec<String> {
    dila_files()
        .iter()
        .map(|f| {
            let xml = std::fs::read_to_string(f).unwrap();
            let at = xml.find("<NUMERO>").unwrap() + "<NUMERO>".len();
            let numero = &xml[at..at + xml[at..].find('<').unwrap()];
            assert_eq!(numero.len(), 8, "{f:?}");
            numero[3..].to_string()
        })
        .collect()
}

/// Publishers show the pourvoi number with the decision's own arrêt number (or its ECLI): on
/// every real DILA decision, the right arrêt number, labelled or not, with or without its
/// leading zeros, raises nothing; a wrong one labelled as such, or a wrong pourvoi number beside the right arrêt
/// number, contradicts the reference (INT006), whose message gives the arrêt number when it is
/// the one that differs.
#[test]
fn the_pourvoi_number_beside_the_decisions_arret_number() {
    let decisions = dila();
    let arrets = dila_arret_numbers();
    let shown = |d: &ReferenceDecision, arret: &str, i: usize| {
        let pourvoi = &d.numbers[0];
        let short = arret.trim_start_matches('0');
        match i % 5 {
            0 => format!("Pourvoi n° {pourvoi} - Arrêt n° {arret}"),
            1 => format!("pourvoi n° {pourvoi} (arrêt n° {short})"),
            2 => format!("N° {pourvoi} - ARRÊT N° {short}"),
            3 => format!("{pourvoi} {arret}"),
            // The decision's own ECLI identifies it too.
            _ => format!("{pourvoi} - {}", d.ecli.as_deref().unwrap()),
        }
    };
    let records: Vec<Value> = decisions
        .iter()
        .zip(&arrets)
        .enumerate()
        .map(|(i, (d, arret))| {
            let mut r = record(d, i);
            r["number"] = json!(shown(d, arret, i));
            r
        })
        .collect();
    let got = audit(&records, &[data("dila-cass")]);
    assert_eq!(got, vec![], "the right arrêt number raised findings");

    let mut records = Vec::new();
    for (i, (d, arret)) in decisions.iter().zip(&arrets).enumerate().take(12) {
        let wrong = format!("{:05}", arret.parse::<u32>().unwrap() + 1);
        let mut r = record(d, i);
        r["number"] = json!(match i % 3 {
            0 => format!("Pourvoi n° {} - Arrêt n° {wrong}", d.numbers[0]),
            1 => format!(
                "{} (arrêt n° {})",
                d.numbers[0],
                wrong.trim_start_matches('0')
            ),
            // The wrong pourvoi number.
            _ => format!("Pourvoi n° 99-99.999 - Arrêt n° {arret}"),
        });
        records.push(r);
    }
    let rep = report(&records, &[data("dila-cass")], None);
    let got = messages(&rep);
    assert_eq!(got.len(), 12, "{got:#?}");
    for (i, (id, rule, message)) in got.iter().enumerate() {
        assert_eq!(
            (id.as_str(), *rule),
            (format!("r{i}").as_str(), Rule::INT006)
        );
        let (d, arret) = (&decisions[i], arrets[i].trim_start_matches('0'));
        let expected = if i % 3 == 2 {
            format!("contradicts the reference ({})", d.numbers[0])
        } else {
            format!(
                "contradicts the reference ({}, arrêt n° {arret})",
                d.numbers[0]
            )
        };
        assert!(message.contains(&expected), "{message}");
    }
}

/// A decision joining four pourvois (JURITEXT000048242191: 21-25.274 to 21-25.277) shown by its
/// first number and how many others it joins, as by its first and last: no more others than
/// the reference lists, and a number of them.
#[test]
fn a_pourvoi_number_and_how_many_others_on_a_joined_decision() {
    let decisions = dila();
    let (i, d) = decisions
        .iter()
        .enumerate()
        .find(|(_, d)| d.id == "JURITEXT000048242191")
        .unwrap();
    assert_eq!(d.numbers.len(), 4);
    let cases = [
        ("21-25.274 et 3 autres", None),
        ("21-25.274 à 21-25.277", None),
        ("Pourvois n° F 21-25.274 et 3 autres - Arrêt n° 1046", None),
        ("21-25.274 et 4 autres", Some(Rule::INT006)),
        ("21-25.278 et 3 autres", Some(Rule::INT006)),
        ("21-25.274 et 3 autres - Arrêt n° 1047", Some(Rule::INT006)),
    ];
    let records: Vec<Value> = cases
        .iter()
        .enumerate()
        .map(|(k, (number, _))| {
            let mut r = record(d, i);
            r["id"] = json!(format!("n{k}"));
            r["number"] = json!(number);
            r
        })
        .collect();
    let want: Vec<(String, Rule)> = cases
        .iter()
        .enumerate()
        .filter_map(|(k, (_, rule))| rule.map(|r| (format!("n{k}"), r)))
        .collect();
    assert_eq!(audit(&records, &[data("dila-cass")]), want, "{cases:?}");
}

/// Identification written in ways a reader reads but no table lists, on real DILA decisions:
/// the day is read inside words, in English, compact, or as an instant (the day in France); a
/// court vigie has no table for is another court; what identifies nothing is said so, with the
/// value shown.
#[test]
fn identification_read_in_words_or_shown_in_no_usable_form() {
    let decisions = dila();
    let cases: Vec<(&str, String)> = decisions
        .iter()
        .take(8)
        .enumerate()
        .map(|(i, d)| {
            let day = d.decision_date.unwrap();
            let (field, value) = match i {
                // The right day.
                0 => (
                    "decision_date",
                    format!("Arrêt du {}", vigie::ident::french_date(day)),
                ),
                1 => ("decision_date", format!("{}", day.strftime("%Y%m%d"))),
                // Midnight in Paris, exported in UTC: the day before in UTC.
                2 => (
                    "decision_date",
                    format!("{}T22:00:00.000Z", day.yesterday().unwrap()),
                ),
                // The day after, and part of a day.
                3 => (
                    "decision_date",
                    format!("{}", day.tomorrow().unwrap().strftime("%d %B %Y")),
                ),
                4 => ("decision_date", "hier".to_string()),
                5 => ("decision_date", format!("{}", day.year())),
                6 => ("jurisdiction", "Conseil constitutionnel".to_string()),
                _ => ("jurisdiction", "XYZ".to_string()),
            };
            (field, value)
        })
        .collect();
    let recs: Vec<Value> = cases
        .iter()
        .enumerate()
        .map(|(i, (field, value))| {
            let mut r = record(&decisions[i], i);
            r[*field] = json!(value);
            r
        })
        .collect();
    let rep = report(&recs, &[data("dila-cass")], None);
    let got = messages(&rep);
    let rules: Vec<(&str, Rule)> = got.iter().map(|(id, r, _)| (id.as_str(), *r)).collect();
    assert_eq!(
        rules,
        vec![
            ("r3", Rule::INT006),
            ("r4", Rule::INT005),
            ("r5", Rule::INT005),
            ("r6", Rule::INT006),
            ("r7", Rule::INT005),
        ],
        "{got:#?}"
    );
    assert!(
        got[1]
            .2
            .contains("decision_date «hier» (no date can be read in it)"),
        "{}",
        got[1].2
    );
    assert!(got[2].2.contains("(it gives only a year)"), "{}", got[2].2);
    assert!(
        got[4].2.contains("jurisdiction «XYZ» (it names no court)"),
        "{}",
        got[4].2
    );
}

/// A value that shows no identification is absent (INT005); an impossible date contradicts the
/// reference (INT006); a court's name that names no court (`Haute juridiction`, a periphrasis)
/// identifies nothing (INT005); a date in words is read: the decision's day raises nothing,
/// another contradicts the reference.
#[test]
fn placeholders_are_absent_and_impossible_dates_contradict() {
    let decisions = dila();
    let mut recs = Vec::new();
    for (i, (field, value)) in [
        ("decision_date", "N/A"),
        ("decision_date", "non renseignée"),
        ("decision_date", "31/02/2023"),
        ("jurisdiction", "-"),
        // DILA requires the date and the jurisdiction only (SPEC INT005): nothing.
        ("formation", "?"),
        ("decision_date", "pas de date"),
        ("jurisdiction", "Haute juridiction"),
        // A date exported as zeros shows none.
        ("decision_date", "0000-00-00"),
        ("decision_date", "00/00/0000"),
        // In words: JURITEXT000048176198's day (4 October 2023), then a day before
        // JURITEXT000048211001's (11 October 2023).
        ("decision_date", "quatre octobre deux mille vingt-trois"),
        ("decision_date", "dix octobre deux mille vingt-trois"),
    ]
    .into_iter()
    .enumerate()
    {
        let mut r = record(&decisions[i], i);
        r[field] = json!(value);
        recs.push(r);
    }
    let got = audit(&recs, &[data("dila-cass")]);
    assert_eq!(
        got,
        vec![
            ("r0".into(), Rule::INT005),
            ("r1".into(), Rule::INT005),
            ("r2".into(), Rule::INT006),
            ("r3".into(), Rule::INT005),
            ("r5".into(), Rule::INT005),
            ("r6".into(), Rule::INT005),
            ("r7".into(), Rule::INT005),
            ("r8".into(), Rule::INT005),
            ("r10".into(), Rule::INT006),
        ]
    );
}

fn admin() -> ReferenceDecision {
    vigie::source::xml::parse_xml(
        &std::fs::read(data("ce/ORTA_2520143_20251205.xml")).unwrap(),
        Origin::default(),
    )
    .unwrap()
}

fn admin_record(id: &str) -> Value {
    let d = admin();
    json!({
        "id": id,
        "source_id": "ORTA_2520143_20251205",
        "text": d.text,
        "jurisdiction": "Tribunal administratif de Cergy-Pontoise",
        "seat": "Cergy-Pontoise",
        "decision_date": "5 décembre 2025",
        "number": "2520143",
        "attribution": "Open data des juridictions administratives (Conseil d'État)",
        "updated_at": "2026-11-21",
        "update_notice": "Document chargé sur le site source le 21/11/2026",
    })
}

#[test]
fn administrative_decisions_follow_the_conseil_d_etat_conditions() {
    let clean = admin_record("clean");
    let mut notice = admin_record("notice");
    notice["update_notice"] = json!("Mis à jour le 21/11/2026");
    let mut number = admin_record("number");
    number.as_object_mut().unwrap().remove("number");
    let mut credit = admin_record("credit");
    credit["attribution"] = json!("Source : Cour de cassation");
    let mut lifted = admin_record("lifted");
    lifted["text"] = json!(admin().text.replacen(
        "Mme C... A... B...",
        "Mme Claire Adam-Bernard",
        1
    ));
    let got = audit(
        &[clean, notice, number, credit, lifted],
        &[data("ce/ORTA_2520143_20251205.xml")],
    );
    assert_eq!(
        got,
        vec![
            ("notice".into(), Rule::FRE005),
            ("number".into(), Rule::INT005),
            ("credit".into(), Rule::ATT002),
            ("lifted".into(), Rule::MSK001),
        ]
    );
}

/// The real order, its text made a cour administrative d'appel's judgment: faithful copies of
/// the usual composition of such a court and of the officials whose acts it judges, named in
/// clear by the source, are compliant; a party's name in clear after the initials that mask it,
/// in a field named for the parties, or before `c/` in a title is MSK004.
#[test]
fn administrative_compositions_officials_and_parties_in_clear() {
    let d = admin();
    let composition = "Le maire de Villeurbanne, M. Cédric Van Styvendael, a refusé le permis. \
                       M. Pascal Mailhos, préfet du Rhône, a déféré cet arrêté.\n\nDélibéré après \
                       l'audience du 25 mai 2023, à laquelle siégeaient :\n\nM. Arbarétaz, \
                       président de chambre,\n\nMme Evrard, présidente-assesseure,\n\nM. Gros, \
                       président de la 4ème chambre,\n\nMme Burnichon, conseillère-rapporteure.\n\n";
    let caa_text = d
        .text
        .replacen("Fait à Cergy", &format!("{composition}Fait à Cergy"), 1);
    assert_ne!(caa_text, d.text);
    let dir = tempfile::tempdir().unwrap();
    let xml = String::from_utf8(std::fs::read(data("ce/ORTA_2520143_20251205.xml")).unwrap())
        .unwrap()
        .replacen(
            "Fait à Cergy",
            &format!("{}Fait à Cergy", composition.replace('\n', "<br/>\n")),
            1,
        );
    let reference = dir.path().join("ORTA_2520143_20251205.xml");
    std::fs::write(&reference, xml).unwrap();
    let mut faithful = admin_record("faithful");
    faithful["text"] = json!(caa_text);
    let mut nee = admin_record("nee");
    nee["text"] = json!(caa_text.replacen(
        "Mme C... A... B... demande",
        "Mme C... A... B..., née Chantal Abadie, demande",
        1
    ));
    let mut parties = admin_record("parties");
    parties["text"] = json!(caa_text);
    parties["parties"] = json!(["Chantal Abadie", "Préfet des Hauts-de-Seine"]);
    let mut requerant = admin_record("requerant");
    requerant["text"] = json!(caa_text);
    requerant["requérant"] = json!("Chantal Abadie");
    let mut title = admin_record("title");
    title["text"] = json!(caa_text);
    title["title"] = json!("Abadie c/ Préfet des Hauts-de-Seine");
    let mut other = admin_record("other");
    other["text"] = json!(caa_text);
    other["tags"] = json!(["Chantal Abadie"]);
    let got = audit(
        &[faithful, nee, parties, requerant, title, other],
        &[reference],
    );
    assert_eq!(
        got,
        vec![
            ("nee".into(), Rule::INT002),
            ("nee".into(), Rule::MSK004),
            ("parties".into(), Rule::MSK004),
            ("requerant".into(), Rule::MSK004),
            ("title".into(), Rule::MSK004),
        ]
    );
}

/// A publisher's structured fields on the real order: a party's name in parts (`nom`,
/// `prenom` in an object of a field named for the parties) and a date of birth under its key
/// are personal data in clear; an author's `nom`, a company among the parties (no first name)
/// and a masked or unreadable date are not.
#[test]
fn structured_fields_name_the_parties_and_their_dates_of_birth() {
    let mut person = admin_record("person");
    person["parties"] = json!([
        {"nom": "Dupont", "prenom": "Jean", "date_naissance": "14/07/1982"},
        {"nom": "Société Alpha", "qualite": "défenderesse"},
        {"nom": "Axa France", "forme": "SA"}
    ]);
    let mut iso = admin_record("iso");
    iso["meta"] = json!({"dateOfBirth": "1982-07-14"});
    let mut author = admin_record("author");
    author["doctrine"] = json!([{"nom": "Malaurie", "prenom": "Philippe", "revue": "Defrénois"}]);
    let mut masked = admin_record("masked");
    masked["parties"] = json!([{"nom": "[A]", "prenom": "[B]", "date_naissance": "[Date 1]"}]);
    masked["date_naissance"] = json!("inconnue");
    let r = report(
        &[person, iso, author, masked],
        &[data("ce/ORTA_2520143_20251205.xml")],
        None,
    );
    let got: Vec<(String, Rule, String)> = r
        .findings
        .iter()
        .map(|f| {
            let e = f.evidence.as_ref().unwrap();
            (record_id(f), f.rule, e.field.to_string())
        })
        .collect();
    let want = [
        ("person", Rule::MSK004, "parties[0].nom"),
        ("person", Rule::MSK004, "parties[0].prenom"),
        ("person", Rule::MSK005, "parties[0].date_naissance"),
        ("iso", Rule::MSK005, "meta.dateOfBirth"),
    ];
    let mut got_sorted = got.clone();
    got_sorted.sort();
    let mut want: Vec<(String, Rule, String)> = want
        .iter()
        .map(|(a, b, c)| (a.to_string(), *b, c.to_string()))
        .collect();
    want.sort();
    assert_eq!(got_sorted, want, "{got:?}");
}

/// Update notices of Conseil d'État decisions as publishers write them: a reload is a load
/// (no FRE005), a two-digit year is read (no FRE001), and a date no calendar has is said to be
/// unreadable, not absent.
#[test]
fn update_notices_as_publishers_write_them() {
    let mut recs = Vec::new();
    for (id, notice) in [
        ("reloaded", "Rechargé le 21/11/2026"),
        (
            "reloaded-from",
            "Document rechargé depuis la source le 21/11/2026",
        ),
        ("short-year", "Document chargé le 21/11/26"),
        (
            "no-such-day",
            "Document chargé sur le site source le 31/11/2026",
        ),
        ("no-date", "Document chargé sur le site source"),
    ] {
        let mut r = admin_record(id);
        r.as_object_mut().unwrap().remove("updated_at");
        r["update_notice"] = json!(notice);
        recs.push(r);
    }
    let report = report(&recs, &[data("ce/ORTA_2520143_20251205.xml")], None);
    let got: Vec<(&str, Rule, &str, &str)> = report
        .findings
        .iter()
        .map(|f| {
            (
                f.record.as_ref().unwrap().id.as_deref().unwrap(),
                f.rule,
                &*f.message,
                f.evidence.as_ref().map_or("", |e| &*e.field),
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            (
                "no-such-day",
                Rule::FRE001,
                "the date in the update notice cannot be read as a date",
                "update_notice"
            ),
            (
                "no-date",
                Rule::FRE001,
                "no date of last update is shown with the decision",
                "updated_at"
            ),
        ]
    );
}

/// The producers named in English, or the Conseil d'État by its abbreviation: the right one is
/// no finding, another ATT002, and neither ATT001.
#[test]
fn attributions_in_english_or_abbreviated_name_their_producer() {
    let decisions = dila();
    let mut recs = Vec::new();
    for (id, attr) in [
        ("ce-en", "Source: French Council of State"),
        ("ce-abbr", "Source : CE"),
        ("ce-dotted", "Source : C.E."),
        ("ce-cc-en", "Source: Court of Cassation"),
        ("ce-demonstrative", "Source : ce site"),
    ] {
        let mut r = admin_record(id);
        r["attribution"] = json!(attr);
        recs.push(r);
    }
    for (id, attr) in [
        ("cc-en", "Source: Court of Cassation"),
        (
            "cc-en-open-data",
            "Source: French Court of Cassation open data",
        ),
        ("cc-ce-abbr", "Source : CE"),
        ("cc-ce-en", "Source: French Council of State"),
    ] {
        let mut r = record(&decisions[0], 0);
        r["id"] = json!(id);
        r["attribution"] = json!(attr);
        recs.push(r);
    }
    let got = audit(&recs, &[data("dila-cass"), data("ce")]);
    assert_eq!(
        got,
        vec![
            ("ce-cc-en".into(), Rule::ATT002),
            ("ce-demonstrative".into(), Rule::ATT001),
            ("cc-ce-abbr".into(), Rule::ATT002),
            ("cc-ce-en".into(), Rule::ATT002),
        ]
    );
}

#[test]
fn several_references_at_once() {
    let decisions = dila();
    let recs = vec![record(&decisions[0], 0), admin_record("a")];
    let got = audit(
        &recs,
        &[
            data("dila-cass"),
            data("ce"),
            data("judilibre/cc_detail.json"),
        ],
    );
    assert_eq!(got, vec![]);
}

#[test]
fn a_dila_tar_gz_is_a_reference_and_its_unreadable_entries_are_counted() {
    let dir = tempfile::tempdir().unwrap();
    let archive = dir.path().join("CASS_20231117.tar.gz");
    {
        let f = std::fs::File::create(&archive).unwrap();
        let gz = flate2::write::GzEncoder::new(f, flate2::Compression::fast());
        let mut tar = tar::Builder::new(gz);
        for f in &dila_files() {
            let name = f.file_name().unwrap().to_str().unwrap();
            tar.append_path_with_name(f, format!("cass/global/JURI/TEXT/00/00/{name}"))
                .unwrap();
        }
        // One entry that is not a decision.
        let junk = b"not xml at all";
        let mut h = tar::Header::new_gnu();
        h.set_size(junk.len() as u64);
        h.set_mode(0o644);
        h.set_cksum();
        tar.append_data(&mut h, "cass/global/README", &junk[..])
            .unwrap();
        tar.into_inner().unwrap().finish().unwrap();
    }
    let decisions = dila();
    let records: Vec<Value> = decisions
        .iter()
        .take(10)
        .enumerate()
        .map(|(i, d)| record(d, i))
        .collect();
    let corpus = dir.path().join("corpus.jsonl");
    let text: Vec<String> = records.iter().map(|r| r.to_string()).collect();
    std::fs::write(&corpus, text.join("\n")).unwrap();
    let opts = AuditOptions {
        corpus: vec![corpus],
        reference: vec![archive],
        as_of: Some("2026-11-22T12:00:00Z".parse().unwrap()),
        ..Default::default()
    };
    let out = run_audit(&opts);
    assert!(out.report.findings.is_empty(), "{:?}", out.report.findings);
    assert_eq!(out.report.audit.reference_decisions, 92);
    assert_eq!(out.report.audit.unreadable_reference_decisions, 1);
    assert_eq!(out.report.audit.matched_records, 10);
}

/// Writes a `.tar.gz` of `entries` (name, bytes) at `path`.
fn tar_gz(path: &Path, entries: &[(String, &[u8])]) {
    let f = std::fs::File::create(path).unwrap();
    let gz = flate2::write::GzEncoder::new(f, flate2::Compression::fast());
    let mut tar = tar::Builder::new(gz);
    for (name, bytes) in entries {
        let mut h = tar::Header::new_gnu();
        h.set_size(bytes.len() as u64);
        h.set_mode(0o644);
        tar.append_data(&mut h, name, *bytes).unwrap();
    }
    tar.into_inner().unwrap().finish().unwrap();
}

// DILA's increments list the documents they withdraw (`liste_suppression_cass.dat`). A record
// still publishing a decision withdrawn after every version the reference holds, or of which it
// holds none, is FRE004, on the day of the increment; a decision withdrawn, then published
// again by a later increment, is not withdrawn. Each archive is a reference path of its own: an
// increment that only withdraws is one.
#[test]
fn decisions_dila_withdraws_in_an_increment_are_withdrawn_at_source() {
    let dir = tempfile::tempdir().unwrap();
    let xml: Vec<Vec<u8>> = dila_files()[..3]
        .iter()
        .map(|f| std::fs::read(f).unwrap())
        .collect();
    let decisions: Vec<ReferenceDecision> = dila().into_iter().take(3).collect();
    let path =
        |d: &ReferenceDecision| format!("juri/judi/global/JURI/TEXT/00/00/48/17/60/{}", d.id);
    let (a, b, c) = (&decisions[0], &decisions[1], &decisions[2]);
    let archives = [
        dir.path()
            .join("Freemium_cass_global_20231119-100000.tar.gz"),
        dir.path().join("CASS_20231125-130812.tar.gz"),
        dir.path().join("CASS_20231127-204209.tar.gz"),
        dir.path().join("CASS_20231128-200000.tar.gz"),
    ];
    // The export holds A and B; the first increment withdraws A, B and C (which the reference
    // never held); the second publishes B again and lists A again; the third's list is empty.
    tar_gz(
        &archives[0],
        &[
            (format!("{}.xml", path(a)), &xml[0][..]),
            (format!("{}.xml", path(b)), &xml[1][..]),
        ],
    );
    let list = format!("{}\n{}\r\n\n{}\n", path(a), path(b), path(c));
    tar_gz(
        &archives[1],
        &[(
            "20231125-130812/liste_suppression_cass.dat".to_string(),
            list.as_bytes(),
        )],
    );
    let again = format!("{}\n", path(a));
    tar_gz(
        &archives[2],
        &[
            (format!("20231127-204209/{}.xml", path(b)), &xml[1][..]),
            (
                "20231127-204209/liste_suppression_cass.dat".to_string(),
                again.as_bytes(),
            ),
        ],
    );
    tar_gz(
        &archives[3],
        &[(
            "20231128-200000/liste_suppression_cass.dat".to_string(),
            &b""[..],
        )],
    );
    let records = [record(a, 1), record(b, 2), record(c, 3)];
    // The findings of time and identity, and the withdrawals set aside for the audit time.
    let found = |as_of: &str| {
        let outcome = outcome(&records, &archives, None, as_of);
        let r = outcome.report;
        assert_eq!(r.audit.reference_decisions, 2);
        // C matched nothing, withdrawn or not.
        assert_eq!(r.audit.matched_records, 2);
        // The report lists the decisions withdrawn at the audit time, each once, in order of
        // id: never B, which a later increment published again.
        let ids = [a, c].map(|d| d.id.as_str());
        assert!(r.audit.withdrawn_reference.len() <= 2);
        for w in &r.audit.withdrawn_reference {
            assert!(ids.contains(&w.id.as_str()), "{w:?}");
            assert!(w.file.ends_with("/liste_suppression_cass.dat"), "{w:?}");
        }
        let findings = r
            .findings
            .iter()
            // The records, loaded in 2026, are dated after an audit in 2023 (FRE001).
            .filter(|f| f.rule == Rule::FRE004 || f.rule == Rule::INT007)
            .map(|f| {
                (
                    f.record.as_ref().and_then(|r| r.id.clone()).unwrap(),
                    f.rule,
                    f.message.to_string(),
                )
            })
            .collect::<Vec<_>>();
        (findings, outcome.withdrawals_after_as_of)
    };
    let deleted = |day: &str| {
        format!("the decision was deleted at source on {day}, but the record still publishes it")
    };
    assert_eq!(
        found("2026-11-22T12:00:00Z"),
        (
            vec![
                ("r1".to_string(), Rule::FRE004, deleted("2023-11-27")),
                ("r3".to_string(), Rule::FRE004, deleted("2023-11-25")),
            ],
            0
        )
    );
    // C, which the reference never held, was withdrawn by DILA: its conditions apply (the
    // formal notice cites them), as they do to A, whose DILA copy the reference holds.
    let producers: Vec<(Option<String>, Option<vigie::model::Producer>)> =
        outcome(&records, &archives, None, "2026-11-22T12:00:00Z")
            .report
            .findings
            .iter()
            .filter(|f| f.rule == Rule::FRE004)
            .map(|f| {
                let r = f.record.as_ref().unwrap();
                (r.id.clone(), r.producer)
            })
            .collect();
    let dila = Some(vigie::model::Producer::Legifrance);
    assert_eq!(
        producers,
        [
            (Some("r1".to_string()), dila),
            (Some("r3".to_string()), dila)
        ]
    );
    // The conditions that apply are counted for the three records, two of them matched.
    let r = outcome(&records, &archives, None, "2026-11-22T12:00:00Z").report;
    assert_eq!(r.audit.producers, [(vigie::model::Producer::Legifrance, 3)]);
    // Against the first increment alone, no record matches, and the formal notice still
    // invokes the DILA notice alone, not both CGU, as the breach's own heading does.
    let alone = outcome(&records[2..], &archives[1..2], None, "2026-11-22T12:00:00Z").report;
    assert_eq!(alone.audit.matched_records, 0);
    assert_eq!(
        alone.audit.producers,
        [(vigie::model::Producer::Legifrance, 1)]
    );
    assert_eq!(alone.findings.len(), 1);
    let mut notice = Vec::new();
    vigie::report::write(
        &alone,
        vigie::report::Format::Notice,
        &vigie::report::WriteOptions::default(),
        &mut notice,
    )
    .unwrap();
    let notice = String::from_utf8(notice).unwrap();
    assert!(
        !notice.contains("Cour de cassation (version du 6 janvier 2022)"),
        "{notice}"
    );
    assert!(notice.contains("DILA"), "{notice}");
    // Each withdrawn decision is listed once, by the withdrawal that stands (A's second).
    let listed: Vec<(&str, String)> = r
        .audit
        .withdrawn_reference
        .iter()
        .map(|w| (w.id.as_str(), w.published.unwrap().to_string()))
        .collect();
    assert_eq!(
        listed,
        [
            (a.id.as_str(), "2023-11-27T20:42:09".to_string()),
            (c.id.as_str(), "2023-11-25T13:08:12".to_string())
        ]
    );
    // Between the two lists of A, the first stands.
    assert_eq!(
        found("2023-11-26T12:00:00Z"),
        (
            vec![
                ("r1".to_string(), Rule::FRE004, deleted("2023-11-25")),
                ("r3".to_string(), Rule::FRE004, deleted("2023-11-25")),
            ],
            1
        )
    );
    // Before the first increment (12:08 UTC on the 25th is 13:08 in Paris), nothing was
    // withdrawn yet, and C is unknown.
    assert_eq!(
        found("2023-11-25T12:00:00Z"),
        (
            vec![(
                "r3".to_string(),
                Rule::INT007,
                "no reference decision matches the record's `source_id`".to_string()
            )],
            3
        )
    );
}

// Unpacked in a folder, a suppression list withdraws what it names from a version whose path
// gives no date (a decision copied by hand), and tells the withdrawal's day from its folder's name.
#[test]
fn a_suppression_list_unpacked_withdraws_an_undated_version() {
    let dir = tempfile::tempdir().unwrap();
    let file = dila_files().swap_remove(0);
    let decision = dila().into_iter().next().unwrap();
    assert!(file.ends_with(format!("{}.xml", decision.id)));
    std::fs::create_dir_all(dir.path().join("cass")).unwrap();
    std::fs::create_dir_all(dir.path().join("20231125-130812")).unwrap();
    std::fs::copy(
        &file,
        dir.path().join("cass").join(file.file_name().unwrap()),
    )
    .unwrap();
    std::fs::write(
        dir.path()
            .join("20231125-130812/liste_suppression_cass.dat"),
        format!(
            "juri/judi/global/JURI/TEXT/00/00/48/17/60/{}\n",
            decision.id
        ),
    )
    .unwrap();
    for jobs in [Some(1), Some(2)] {
        let r = report(&[record(&decision, 1)], &[dir.path().to_path_buf()], jobs);
        let rules: Vec<(Rule, String)> = r
            .findings
            .iter()
            .map(|f| (f.rule, f.message.to_string()))
            .collect();
        assert_eq!(
            rules,
            [(
                Rule::FRE004,
                "the decision was deleted at source on 2023-11-25, but the record still \
                 publishes it"
                    .to_string()
            )]
        );
    }
}

// A JADE decision withdrawn by DILA, which the reference never held, is under the Conseil
// d'État's conditions: the record that still publishes it is asked for their identification
// (INT005) and their update notice (FRE005), and must credit their producers (ATT002).
#[test]
fn a_jade_withdrawal_brings_the_conseil_d_etat_conditions() {
    let dir = tempfile::tempdir().unwrap();
    let archive = dir.path().join("JADE_20231125-130812.tar.gz");
    tar_gz(
        &archive,
        &[(
            "20231125-130812/liste_suppression_jade.dat".to_string(),
            &b"juri/admin/global/CETATEXT000046783006\n"[..],
        )],
    );
    let record = json!({
        "id": "j1",
        "source_id": "CETATEXT000046783006",
        "text": "Le Conseil d'État statuant au contentieux.",
        "jurisdiction": "Conseil d'État",
        "decision_date": "2022-11-14",
        "attribution": "Source : Cour de cassation",
        "updated_at": "2026-11-21T09:30:00+01:00",
    });
    let r = report(&[record], &[archive], None);
    let mut rules: Vec<(Rule, Option<vigie::model::Producer>)> = r
        .findings
        .iter()
        .map(|f| (f.rule, f.record.as_ref().unwrap().producer))
        .collect();
    rules.sort_by_key(|(rule, _)| *rule);
    let jade = Some(vigie::model::Producer::Jade);
    assert_eq!(
        rules,
        [
            (Rule::INT005, jade),
            (Rule::ATT002, jade),
            (Rule::FRE004, jade),
            (Rule::FRE005, jade),
        ]
    );
    let int005 = r.findings.iter().find(|f| f.rule == Rule::INT005).unwrap();
    assert!(int005.message.contains("formation"), "{}", int005.message);
    assert!(int005.message.contains("number"), "{}", int005.message);
}

// DILA publishes a full export now and then (`Freemium_cass_global_…`) and increments in
// between (`CASS_…`), each named with the date and time of its publication. A decision corrected
// twice is in two increments, and the export holds it too: whatever the names' order, the
// version published last is the one records are checked against.
#[test]
fn of_a_dila_decision_in_several_archives_the_one_published_last_is_used() {
    let dir = tempfile::tempdir().unwrap();
    let file = dila_files().swap_remove(0);
    let name = file.file_name().unwrap().to_str().unwrap().to_string();
    let latest = std::fs::read_to_string(&file).unwrap();
    let provisional = |note: &str| latest.replacen("<CONTENU>", &format!("<CONTENU>{note} "), 1);
    // Written in an order neither the names nor the dates follow.
    let archives = [
        (
            "CASS_20231127-204209.tar.gz",
            "20231127-204209/juri/judi/global/JURI/TEXT",
            latest.clone(),
        ),
        (
            "Freemium_cass_global_20231119-100000.tar.gz",
            "juri/judi/global/JURI/TEXT",
            provisional("Texte de l'export."),
        ),
        (
            "CASS_20231125-130812.tar.gz",
            "20231125-130812/juri/judi/global/JURI/TEXT",
            provisional("Texte provisoire."),
        ),
    ];
    for (archive, folder, xml) in &archives {
        tar_gz(
            &dir.path().join(archive),
            &[(format!("{folder}/{name}"), xml.as_bytes())],
        );
    }
    let entry = |k: usize| {
        format!(
            "{}!{}/{name}",
            dir.path().join(archives[k].0).display(),
            archives[k].1
        )
    };
    let decision = dila()
        .into_iter()
        .find(|d| name.starts_with(&d.id))
        .unwrap();
    // A record of the latest text is clean; one of the text the first increment gave differs.
    let mut stale = record(&decision, 1);
    stale["text"] = json!(format!("Texte provisoire. {}", decision.text));
    let r = report(
        &[record(&decision, 0), stale],
        &[dir.path().to_path_buf()],
        None,
    );
    let rules: Vec<(Option<&str>, Rule)> = r
        .findings
        .iter()
        .map(|f| (f.record.as_ref().and_then(|r| r.id.as_deref()), f.rule))
        .collect();
    assert_eq!(rules, [(Some("r1"), Rule::INT002)]);
    assert_eq!(r.audit.reference_decisions, 1);
    let dated = |s: &str| Some(s.parse::<jiff::civil::DateTime>().unwrap());
    let set_aside: Vec<_> = r
        .audit
        .superseded_reference
        .iter()
        .map(|s| {
            (
                s.file.clone(),
                s.published,
                s.used_file.clone(),
                s.used_published,
            )
        })
        .collect();
    assert_eq!(
        set_aside,
        [
            (
                entry(2),
                dated("2023-11-25T13:08:12"),
                entry(0),
                dated("2023-11-27T20:42:09")
            ),
            (
                entry(1),
                dated("2023-11-19T10:00:00"),
                entry(0),
                dated("2023-11-27T20:42:09")
            ),
        ]
    );
    assert_eq!(
        r.audit.superseded_reference[0].describe(),
        format!(
            "{} (no update date, id {}): set aside for {} (no update date either, published \
             later: its name is dated 2023-11-27 20:42:09, the other's 2023-11-25 13:08:12)",
            entry(2),
            decision.id,
            entry(0)
        )
    );
}

// ---------------------------------------------------------------------------------------------
// Passages left out of the real decision JURITEXT000048242129 (chambre criminelle, 17 October
// 2023, 38,000 chars), whatever sign stands for them. The paragraphs from « Faits et
// procédure » to « PAR CES MOTIFS » hold dozens of the reference's markers (`[5]`,
// `[Localité 4]`, `[E]`…).

const CRIM: &str = "JURITEXT000048242129";

/// The decision and its index among [`dila`].
fn crim() -> (usize, ReferenceDecision) {
    dila()
        .into_iter()
        .enumerate()
        .find(|(_, d)| d.id == CRIM)
        .unwrap()
}

/// A faithful record of the decision with `text` for its text, `id` for its id, and marked as an
/// excerpt with a link to the full text when `excerpt`.
fn crim_record(id: &str, text: String, excerpt: bool) -> Value {
    let (i, d) = crim();
    let mut r = record(&d, i);
    r["id"] = json!(id);
    r["text"] = json!(text);
    if excerpt {
        r["excerpt"] = json!(true);
        r["full_text_url"] = json!(format!("https://www.legifrance.gouv.fr/juri/id/{CRIM}"));
    }
    r
}

fn crim_audit(records: &[Value]) -> Vec<(String, Rule)> {
    audit(records, &[data(&format!("dila-cass/{CRIM}.xml"))])
}

/// `text` with `text[from..to]` replaced by `by`.
fn spliced(text: &str, from: usize, to: usize, by: &str) -> String {
    format!("{}{by}{}", &text[..from], &text[to..])
}

/// The byte offset `chars` chars before byte `at` of `text`, moved back to the start of a word.
fn chars_before(text: &str, at: usize, chars: usize) -> usize {
    let from = text[..at]
        .char_indices()
        .rev()
        .nth(chars - 1)
        .map_or(0, |(b, _)| b);
    text[..from].rfind(char::is_whitespace).map_or(0, |b| b + 1)
}

/// The signs a reuser writes where something is left out: markers (`[…]`, `***`, `█`, `X...`,
/// `[X]`) and the elision marks of French quotations.
const SIGNS: [&str; 8] = ["[…]", "[...]", "***", "█", "X...", "[X]", "(…)", "(...)"];

/// A sign in place of paragraphs is a cut (INT003), not a masking: « part of the reference text
/// is missing and the record is not marked excerpt » (SPEC). Marked as an excerpt with a link to
/// the full text, the same record is allowed.
#[test]
fn a_sign_in_place_of_paragraphs_is_a_cut_unless_the_record_is_an_excerpt() {
    let (_, d) = crim();
    let from = d.text.find("Faits et procédure").unwrap();
    let to = d.text.find("PAR CES MOTIFS").unwrap();
    assert!(to - from > 30_000);
    assert!(vigie::text::markers::find_markers(&d.text[from..to]).len() > 20);
    let mut records = Vec::new();
    let mut want = Vec::new();
    for (k, sign) in SIGNS.iter().enumerate() {
        let text = spliced(&d.text, from, to, &format!("{sign} "));
        records.push(crim_record(&format!("cut{k}"), text.clone(), false));
        want.push((format!("cut{k}"), Rule::INT003));
        records.push(crim_record(&format!("excerpt{k}"), text, true));
    }
    assert_eq!(crim_audit(&records), want, "{SIGNS:?}");
}

/// How much a marker may stand for: a few words are masked (MSK002: « l'arrêt est régulier en la
/// forme. »), sentences are cut (INT003), however long the passage and whether or not it holds
/// markers of the reference.
#[test]
fn a_marker_in_place_of_sentences_is_a_cut_however_long() {
    let (_, d) = crim();
    let to = d.text.find("PAR CES MOTIFS").unwrap();
    let mut records = Vec::new();
    let mut want = Vec::new();
    for (chars, rule) in [
        (20, Rule::MSK002),
        (30, Rule::MSK002),
        (80, Rule::INT003),
        (120, Rule::INT003),
        (200, Rule::INT003),
        (400, Rule::INT003),
        (1000, Rule::INT003),
        (5000, Rule::INT003),
    ] {
        let from = chars_before(&d.text, to, chars);
        // From 200 chars on, the passage holds the reference's `[5]`.
        assert_eq!(
            d.text[from..to].contains("[5]"),
            chars >= 200,
            "{}",
            &d.text[from..to]
        );
        let id = format!("mask{chars}");
        records.push(crim_record(&id, spliced(&d.text, from, to, "[…] "), false));
        want.push((id, rule));
    }
    assert_eq!(crim_audit(&records), want);
}

/// A reuser masking in its own style, one marker for a name, an address, a company, or two
/// markers and the words between them: no cut, however many markers the passage holds.
#[test]
fn a_marker_for_a_name_or_an_address_is_no_cut() {
    let (_, d) = crim();
    let mut records = Vec::new();
    for (k, (masked, sign)) in [
        ("[Localité 4], à [Localité 3]", "***"),
        ("[Localité 4], à [Localité 3]", "[…]"),
        ("l'aéroport de [Localité 4]", "X..."),
        ("la société [5]", "la société █"),
    ]
    .into_iter()
    .enumerate()
    {
        assert!(d.text.contains(masked), "{masked}");
        records.push(crim_record(
            &format!("mask{k}"),
            d.text.replace(masked, sign),
            false,
        ));
    }
    assert_eq!(crim_audit(&records), vec![]);
}

/// Every marker of the 92 real decisions respelt in a reuser's style is the same occultation:
/// no cut, no substitution, no masking finding.
#[test]
fn every_marker_respelt_in_a_reusers_style_is_no_breach() {
    let decisions = dila();
    let mut records = Vec::new();
    for (i, d) in decisions.iter().enumerate() {
        let style = ["***", "[…]", "X...", "█"][i % 4];
        let mut text = d.text.clone();
        for m in vigie::text::markers::find_markers(&d.text).iter().rev() {
            text.replace_range(m.start..m.end, style);
        }
        let mut r = record(d, i);
        r["text"] = json!(text);
        records.push(r);
    }
    let got = audit(&records, &[data("dila-cass")]);
    assert_eq!(got, vec![], "a reuser's markers raised findings");
}

/// Only the marker may be respelt: words changed beside a marker the record writes in its own
/// style are an alteration (INT001), as beside the reference's own marker; a case changed beside
/// an upper-cased marker is no marker shown in clear (MSK001). On the criminal chamber's
/// decision, each record with one edit.
#[test]
fn words_changed_beside_a_respelt_marker_alter_the_decision() {
    let edits = [
        // Word after, civility, word between two markers, word before two in a row.
        (
            "Monsieur [E] [M] représentait la Société [5]",
            "Monsieur X... dirigeait la Société [5]",
            "«X... dirigeait la»",
        ),
        (
            "Monsieur [R] [L] avait été entendu",
            "Madame [...] avait été entendu",
            "«que Madame [...]»",
        ),
        (
            "messieurs [J] [W] et [B] [N] avaient",
            "messieurs █ ou █ avaient",
            "«█ ou █»",
        ),
        (
            "la base de [Localité 4] [Localité 3] de disposer",
            "la base située à *** de disposer",
            "«base située à ***»",
        ),
        (
            "dirigeant de la société [5], qui",
            "dirigeant de la SARL X..., qui",
            "«la SARL X...»",
        ),
        (
            "site de [Localité 4], la Cour",
            "site De [LOCALITÉ 4], la Cour",
            "«site De [LOCALITÉ 4]»",
        ),
    ];
    let mut records = Vec::new();
    let mut want = Vec::new();
    for (k, (from, to, quote)) in edits.iter().enumerate() {
        let id = format!("edit{k}");
        records.push(crim_record(&id, crim_edited(from, to), false));
        want.push((id, Rule::INT001, quote));
    }
    let got = crim_messages(&records);
    assert_eq!(got.len(), want.len(), "{got:#?}");
    for ((id, rule, message), (wid, wrule, quote)) in got.iter().zip(&want) {
        assert_eq!((id, rule), (wid, wrule), "{message}");
        assert!(
            message.starts_with(&format!("the record reads {quote}")),
            "{message}"
        );
    }
    // The same markers respelt with the words kept: no finding.
    let respelt = [
        (
            "Monsieur [E] [M] représentait",
            "Monsieur X... représentait",
        ),
        (
            "messieurs [J] [W] et [B] [N] avaient",
            "messieurs █ et █ avaient",
        ),
        (
            "la base de [Localité 4] [Localité 3] de",
            "la base de *** de",
        ),
        (
            "site de [Localité 4], la Cour",
            "site de [LOCALITÉ 4], la Cour",
        ),
    ];
    let records: Vec<Value> = respelt
        .iter()
        .enumerate()
        .map(|(k, (from, to))| crim_record(&format!("same{k}"), crim_edited(from, to), false))
        .collect();
    assert_eq!(crim_audit(&records), vec![]);
}

/// An excerpt shows that it leaves passages out with the elision marks of French quotations,
/// `(…)` or `(...)`, as well as with `[…]`, `…` or nothing: the Conseil d'État allows a partial
/// reproduction « à la condition que le caractère partiel de cette reproduction soit clairement
/// indiqué » (article V). The parentheses of `(…)` are not matched with those of the passages
/// left out (`(OCLTI)` follows it). Not marked as an excerpt, the same record is cut (INT003),
/// not substituted.
#[test]
fn an_excerpt_may_mark_its_cuts_with_any_ellipsis() {
    let (_, d) = crim();
    let t = &d.text;
    let head = &t[..t.find("Faits et procédure").unwrap()];
    let second = t.find("2. Le 16 octobre 2009").unwrap();
    let middle = &t[second..t[second..].find("3. L'OCLTI").unwrap() + second];
    assert!(middle.contains("(OCLTI)"), "{middle}");
    let tail = &t[t.find("PAR CES MOTIFS").unwrap()..];
    let mut records = Vec::new();
    let mut want = Vec::new();
    for (k, sign) in [" (...) ", " (…) ", " […] ", " [...] ", " … ", " ... ", " "]
        .into_iter()
        .enumerate()
    {
        for (what, text) in [
            ("one", format!("{}{sign}{tail}", head.trim_end())),
            (
                "two",
                format!("{}{sign}{}{sign}{tail}", head.trim_end(), middle.trim()),
            ),
        ] {
            records.push(crim_record(
                &format!("excerpt-{what}-{k}"),
                text.clone(),
                true,
            ));
            let id = format!("cut-{what}-{k}");
            records.push(crim_record(&id, text, false));
            // Each passage left out is a finding of its own.
            let cuts = if what == "one" { 1 } else { 2 };
            want.extend(std::iter::repeat_n((id, Rule::INT003), cuts));
        }
    }
    assert_eq!(crim_audit(&records), want);
}

/// Every finding of an audit of `records` against `reference` at `--jobs 1`: its record, rule,
/// message and evidence.
fn findings_in_full(records: &[Value], reference: &Path) -> Vec<String> {
    report(records, &[reference.to_path_buf()], Some(1))
        .findings
        .iter()
        .map(|f| {
            let id = f.record.as_ref().and_then(|r| r.id.clone());
            format!("{id:?} {:?} {} {:?}", f.rule, f.message, f.evidence)
        })
        .collect()
}

/// Records citing a few decisions in turn, each with an edit of its own: the workers keep the
/// decisions compared more than once (`vigie::rules::kept`), and each record gets the findings
/// it gets audited alone.
#[test]
fn records_citing_a_few_decisions_in_turn_get_the_findings_each_gets_alone() {
    let decisions = dila();
    let reference = tempfile::tempdir().unwrap();
    let files = dila_files();
    let picked = [0, 10, 20, 30, 40, 50];
    for &k in &picked {
        std::fs::copy(
            &files[k],
            reference.path().join(files[k].file_name().unwrap()),
        )
        .unwrap();
    }
    let mut records = Vec::new();
    for round in 0..4 {
        for (n, &k) in picked.iter().enumerate() {
            let d = &decisions[k];
            let i = round * picked.len() + n;
            let mut r = record(d, i);
            let t = &d.text;
            let at = |share: f64| {
                let mut b = (t.len() as f64 * share) as usize;
                while !t.is_char_boundary(b) {
                    b += 1;
                }
                b
            };
            let text = match (round + n) % 4 {
                // A sentence inserted, the end cut, a few words kept, a word changed.
                0 => format!(
                    "{} Note de la rédaction : M. Paul Durand, né le 3 mars 1975, a commenté. {}",
                    &t[..at(0.5)],
                    &t[at(0.5)..]
                ),
                1 => t[..at(0.6)].to_string(),
                2 => "Bonjour.".to_string(),
                _ => t.replacen(" la ", " une ", 1),
            };
            r["text"] = json!(text);
            records.push(r);
        }
    }
    let alone: Vec<String> = records
        .iter()
        .flat_map(|r| findings_in_full(std::slice::from_ref(r), reference.path()))
        .collect();
    for rule in ["INT001", "INT002", "INT003", "MSK004", "MSK005"] {
        assert!(
            alone.iter().any(|f| f.contains(&format!(" {rule} "))),
            "{rule}: {alone:#?}"
        );
    }
    assert_eq!(findings_in_full(&records, reference.path()), alone);
}

/// The rules and messages of the text findings of an audit of `records` against the criminal
/// chamber's decision, by record.
fn crim_messages(records: &[Value]) -> Vec<(String, Rule, String)> {
    report(records, &[data(&format!("dila-cass/{CRIM}.xml"))], Some(1))
        .findings
        .iter()
        .map(|f| {
            let id = f.record.as_ref().and_then(|r| r.id.clone()).unwrap();
            (id, f.rule, f.message.to_string())
        })
        .collect()
}

/// The decision's text with the first `from` replaced by `to` (which must be there).
fn crim_edited(from: &str, to: &str) -> String {
    let t = crim().1.text;
    assert!(t.contains(from), "{from}");
    t.replacen(from, to, 1)
}

/// Words deleted from a sentence the record keeps, or replaced by others, change what the
/// decision says (INT001), in an excerpt as in a full record: an excerpt may leave passages
/// out, not alter what it keeps. Whole sentences, a paragraph, a heading or the dispositif
/// left out are a cut (INT003), which an excerpt may make. Both sides of the boundary, on the
/// real decision; each message quotes the change with a word of context on each side.
#[test]
fn words_deleted_from_a_kept_sentence_alter_it_whole_sentences_left_out_are_cut() {
    let t = crim().1.text;
    let altered = [
        (
            "negation",
            crim_edited("qui n'a pas constaté", "qui a constaté"),
            Some(
                "the record reads «qui a constaté» where the reference reads «qui n'a pas constaté»",
            ),
        ),
        (
            "amount",
            crim_edited("FIXE à 2 500 euros", "FIXE à 500 euros"),
            Some("the record reads «à 500» where the reference reads «à 2 500»"),
        ),
        (
            "ne",
            crim_edited("morale ne peut être retenue", "morale peut être retenue"),
            Some("the record reads «morale peut» where the reference reads «morale ne peut»"),
        ),
        (
            // Shorter than what it replaces, inside one sentence: words substituted, not cut.
            "paraphrase",
            crim_edited(
                "auraient eu la qualité de représentants de la société [5] dotés de la \
                 compétence, de l'autorité et des moyens nécessaires pour la représenter",
                "étaient ses représentants",
            ),
            None,
        ),
    ];
    let cut = [
        (
            "paragraph",
            crim_edited("51. Par ailleurs, l'arrêt est régulier en la forme.", ""),
        ),
        // A heading between two lines that end with no full stop: the line breaks of the
        // text as read end it.
        ("heading", crim_edited(" REJET\n", "")),
        (
            "dispositif",
            t[..t.find("PAR CES MOTIFS").unwrap()].to_string(),
        ),
    ];
    let mut records = Vec::new();
    let mut want = Vec::new();
    for (what, text, _) in &altered {
        for excerpt in [false, true] {
            let id = format!("{what}-{excerpt}");
            records.push(crim_record(&id, text.clone(), excerpt));
            want.push((id, Rule::INT001));
        }
    }
    for (what, text) in &cut {
        for excerpt in [false, true] {
            let id = format!("{what}-{excerpt}");
            records.push(crim_record(&id, text.clone(), excerpt));
            if !excerpt {
                want.push((id, Rule::INT003));
            }
        }
    }
    let got = crim_messages(&records);
    assert_eq!(
        got.iter()
            .map(|(id, rule, _)| (id.clone(), *rule))
            .collect::<Vec<_>>(),
        want
    );
    for (what, _, message) in &altered {
        let (_, _, got) = got
            .iter()
            .find(|(id, _, _)| id == &format!("{what}-true"))
            .unwrap();
        match message {
            Some(m) => assert_eq!(got, m),
            None => assert!(got.contains("«ils étaient ses représentants, et»"), "{got}"),
        }
    }
}

/// A note written where the record leaves a passage out is text inserted (INT002) and a
/// passage cut (INT003, which an excerpt may make), not words substituted: the diff pairs the
/// note's `de`, `l'` and `:` with those of the dispositif it replaces, and each piece alone
/// looks like words of one sentence replaced. Behind a `[…]` that marks the cut, the same. A
/// note after the whole decision stays an insertion; keywords in place of a paragraph are an
/// insertion and a cut; a line of the dispositif rewritten (its `;` kept) is a substitution.
#[test]
fn a_note_in_place_of_a_passage_is_inserted_not_substituted() {
    let t = crim().1.text;
    let head = t[..t.find("PAR CES MOTIFS").unwrap()].trim_end();
    let note =
        "Note de l'éditeur : cet arrêt confirme la jurisprudence antérieure. © ExempleJuris 2026";
    let cases = [
        (
            "note-cut",
            format!("{head}\n{note}"),
            false,
            vec![Rule::INT002, Rule::INT003],
        ),
        (
            "note-excerpt",
            format!("{head}\n{note}"),
            true,
            vec![Rule::INT002],
        ),
        (
            "marked-excerpt",
            format!("{head} […]\n{note}"),
            true,
            vec![Rule::INT002],
        ),
        (
            "note-end",
            format!("{t}\n{note}"),
            false,
            vec![Rule::INT002],
        ),
        // Cut in the middle of a sentence, to the end: all that follows is gone, wherever it
        // starts.
        (
            "mid-sentence",
            format!(
                "{} Note de l'éditeur : voir notre commentaire de cet arrêt.",
                &t[..t.find("qui n'a pas constaté").unwrap()]
            ),
            true,
            vec![Rule::INT002],
        ),
        // The motivation and the dispositif cut, more than 30,000 chars that hold some of the
        // note's words: the diff pairs a few with those of the note, not enough to make it the
        // passage altered.
        (
            "long-cut",
            format!(
                "{}\nNote de l'éditeur : sur le travail dissimulé et le prêt illicite de \
                 main-d'oeuvre, cet arrêt confirme la jurisprudence antérieure.",
                t[..t.find("Faits et procédure").unwrap()].trim_end()
            ),
            false,
            vec![Rule::INT002, Rule::INT003],
        ),
        (
            "keywords",
            crim_edited(
                "51. Par ailleurs, l'arrêt est régulier en la forme.",
                "Mots-clés : travail dissimulé, prêt illicite de main-d'oeuvre",
            ),
            false,
            vec![Rule::INT002, Rule::INT003],
        ),
        (
            "rewritten",
            crim_edited("REJETTE le pourvoi ;", "CASSE ET ANNULE l'arrêt ;"),
            false,
            vec![Rule::INT001],
        ),
    ];
    let records: Vec<Value> = cases
        .iter()
        .map(|(id, text, excerpt, _)| crim_record(id, text.clone(), *excerpt))
        .collect();
    let got = crim_messages(&records);
    for (id, _, _, want) in &cases {
        let of: Vec<&(String, Rule, String)> = got.iter().filter(|g| &g.0 == id).collect();
        assert_eq!(
            of.iter().map(|g| g.1).collect::<Vec<_>>(),
            *want,
            "{id}: {of:?}"
        );
        if id.starts_with("note") || id.starts_with("marked") {
            assert_eq!(
                of[0].2,
                "the record inserts «Note de l'éditeur : cet arrêt (…) © ExempleJuris 2026» into \
                 the decision text",
                "{id}"
            );
        }
    }
    let keywords: Vec<&str> = got
        .iter()
        .filter(|g| g.0 == "keywords")
        .map(|g| g.2.as_str())
        .collect();
    assert_eq!(
        keywords,
        [
            "the record inserts «Mots-clés : travail dissimulé, prêt illicite de main-d'oeuvre» \
             into the decision text",
            "a passage of the reference is missing: «51. Par ailleurs, l'arrêt est régulier en la \
             forme.»"
        ]
    );
}

/// Several changes in one record are each a finding of their own, in the text's order, each
/// message saying which it is and quoting it: a clerk can cite every one. Past ten, the rest
/// are one more finding that counts them, so that a text altered throughout does not flood
/// the report.
#[test]
fn every_change_is_a_finding_of_its_own_up_to_ten() {
    let t = crim().1.text;
    let two = t
        .replacen(
            "l'a condamnée à 200 000 euros",
            "l'a condamnée à 300 000 euros",
            1,
        )
        .replacen("l'article 618-1", "l'article 618-2", 1);
    // Fifteen numbered paragraphs renumbered.
    let mut many = t.clone();
    for n in 10..25 {
        let from = format!("\n {n}. ");
        assert!(many.contains(&from), "{n}");
        many = many.replacen(&from, &format!("\n {}. ", n + 100), 1);
    }
    let got = crim_messages(&[
        crim_record("two", two, false),
        crim_record("many", many, false),
    ]);
    let of = |id: &str| -> Vec<String> {
        got.iter()
            .filter(|g| g.0 == id && g.1 == Rule::INT001)
            .map(|g| g.2.clone())
            .collect()
    };
    assert_eq!(
        of("two"),
        [
            "the record reads «à 300 000» where the reference reads «à 200 000» (1 of 2)",
            "the record reads «618-2 du» where the reference reads «618-1 du» (2 of 2)"
        ]
    );
    let many = of("many");
    assert_eq!(many.len(), 11, "{many:#?}");
    assert_eq!(
        many[0],
        "the record reads «moyens 110. Les» where the reference reads «moyens 10. Les» (1 of \
         15)"
    );
    assert_eq!(
        many[10],
        "5 more passages substituted or deleted (11 to 15 of 15), not listed one by one: the \
         detail view's diff of the text shows each"
    );
}

/// An excerpt made of paragraphs picked across the decision, whole, with nothing in between,
/// leaves passages out and alters nothing: no finding; the same record not marked as an
/// excerpt has its passages cut (INT003), none of which is read as words inserted or altered.
#[test]
fn an_excerpt_of_paragraphs_picked_across_the_decision_is_no_alteration() {
    let t = crim().1.text;
    let head = &t[..t.find("Faits et procédure").unwrap()];
    let paragraph = |n: usize| {
        let from = t.find(&format!("\n {n}. ")).unwrap();
        let to = from + 1 + t[from + 1..].find("\n").unwrap();
        t[from..to].to_string()
    };
    let picked: String = [5, 12, 20, 33, 47].into_iter().map(paragraph).collect();
    let text = format!(
        "{head}{picked}\n{}",
        &t[t.find("PAR CES MOTIFS").unwrap()..]
    );
    let got = crim_audit(&[
        crim_record("excerpt", text.clone(), true),
        crim_record("full", text, false),
    ]);
    assert!(!got.is_empty());
    assert!(
        got.iter().all(|g| g == &("full".to_string(), Rule::INT003)),
        "{got:?}"
    );
}

/// The heading every one of the 92 DILA decisions opens with, letter-spaced.
const SPACED_HEADING: &str = "R É P U B L I Q U E F R A N Ç A I S E";

/// A reuser that sets DILA's letter-spaced heading solid (`RÉPUBLIQUE FRANÇAISE`), or that
/// letter-spaces a heading the decision sets solid, renders the decision, not alters it: no
/// finding, neither a cut of the letters (INT003) nor an alteration. Other letters are an
/// alteration (INT001), quoted as written on both sides, never a cut.
#[test]
fn a_heading_letter_spaced_or_set_solid_is_no_change() {
    let decisions = dila();
    let mut records: Vec<Value> = decisions
        .iter()
        .enumerate()
        .map(|(i, d)| {
            assert!(d.text.contains(SPACED_HEADING), "{}", d.id);
            let mut r = record(d, i);
            r["text"] = json!(d.text.replace(SPACED_HEADING, "RÉPUBLIQUE FRANÇAISE"));
            r
        })
        .collect();
    // The other way: the decision reviewed in black box, its second heading letter-spaced, two
    // spaces between the words, as typesetters do.
    let (i, d) = decisions
        .iter()
        .enumerate()
        .find(|(_, d)| d.id == "JURITEXT000048176061")
        .unwrap();
    assert!(d.text.contains("AU NOM DU PEUPLE FRANÇAIS"));
    let mut reverse = record(d, i);
    reverse["id"] = json!("reverse");
    reverse["text"] = json!(d.text.replace(
        "AU NOM DU PEUPLE FRANÇAIS",
        "A U  N O M  D U  P E U P L E  F R A N Ç A I S"
    ));
    records.push(reverse);
    assert_eq!(
        audit(&records, &[data("dila-cass")]),
        vec![],
        "letter-spacing raised findings"
    );

    // Other letters: the words altered, whichever side is letter-spaced.
    let changed = |id: &str, from: &str, to: &str| {
        let mut r = record(d, i);
        r["id"] = json!(id);
        assert!(d.text.contains(from));
        r["text"] = json!(d.text.replace(from, to));
        r
    };
    let records = [
        changed("unaccented", SPACED_HEADING, "REPUBLIQUE FRANCAISE"),
        changed(
            "spaced-unaccented",
            SPACED_HEADING,
            "R E P U B L I Q U E F R A N C A I S E",
        ),
        changed(
            "spaced-other-letters",
            "AU NOM DU PEUPLE FRANÇAIS",
            "A U N O M D U P E U P L E F R A N C A I S",
        ),
    ];
    let rep = report(&records, &[data("dila-cass")], None);
    assert_eq!(
        messages(&rep),
        vec![
            (
                "unaccented".to_string(),
                Rule::INT001,
                format!(
                    "the record reads «président, REPUBLIQUE FRANCAISE» where the reference \
                     reads «président, {SPACED_HEADING}»"
                )
            ),
            (
                "spaced-unaccented".to_string(),
                Rule::INT001,
                "the record reads «R E P» where the reference reads «R É P» (1 of 2)".to_string()
            ),
            (
                "spaced-unaccented".to_string(),
                Rule::INT001,
                "the record reads «N C A» where the reference reads «N Ç A» (2 of 2)".to_string()
            ),
            (
                "spaced-other-letters".to_string(),
                Rule::INT001,
                "the record reads «E F R A N C A I S» where the reference reads «PEUPLE \
                 FRANÇAIS»"
                    .to_string()
            ),
        ]
    );
}

/// DILA's header draws rules with underscores (`________________________________________` under
/// the court's name and the date, in 91 of the 92 decisions): a copy that leaves them out, draws
/// them with another char, or renders the text as HTML with `<hr>` in their place, shows the
/// decision unaltered (no INT003, nor INT001 for the rule drawn otherwise). A word changed
/// beside a rule left out is still an alteration, and the finding quotes the word, not the rule.
#[test]
fn rule_lines_left_out_or_drawn_otherwise_are_no_difference() {
    let decisions = dila();
    let rule = regex::Regex::new("_{3,}").unwrap();
    assert_eq!(
        decisions.iter().filter(|d| rule.is_match(&d.text)).count(),
        91
    );
    let mut records = Vec::new();
    for (i, d) in decisions.iter().enumerate() {
        let variant = |what: &str, text: String, html: bool| {
            let mut r = record(d, i);
            r["id"] = json!(format!("{what}-{i}"));
            r["text"] = json!(text);
            if html {
                r["text_format"] = json!("html");
            }
            r
        };
        records.push(variant(
            "removed",
            rule.replace_all(&d.text, "").into_owned(),
            false,
        ));
        records.push(variant(
            "redrawn",
            rule.replace_all(&d.text, "═════").into_owned(),
            false,
        ));
        let html = d.text.replace('&', "&amp;").replace('<', "&lt;");
        records.push(variant(
            "hr",
            rule.replace_all(&html, "<hr>").into_owned(),
            true,
        ));
    }
    assert_eq!(audit(&records, &[data("dila-cass")]), vec![]);

    // The rule under `AU NOM DU PEUPLE FRANÇAIS` left out, and the word after it changed.
    let (i, d) = crim();
    let from = "AU NOM DU PEUPLE FRANÇAIS\n _________________________\n\n\n ARRÊT";
    let to = "AU NOM DU PEUPLE FRANÇAIS\n\n\n JUGEMENT";
    assert_eq!(d.text.matches(from).count(), 1);
    let mut r = record(&d, i);
    r["id"] = json!("word-changed");
    r["text"] = json!(d.text.replace(from, to));
    let rep = report(&[r], &[data("dila-cass")], None);
    assert_eq!(
        messages(&rep),
        vec![(
            "word-changed".to_string(),
            Rule::INT001,
            // The words around it quoted (the reference's word before is past the rule, too
            // far back to be quoted), the rule not.
            "the record reads «FRANÇAIS JUGEMENT DE» where the reference reads «ARRÊT DE»"
                .to_string()
        )]
    );
}

/// The text of decision `d` as HTML whose numbered paragraphs (`1. Selon l'arrêt…`) are items
/// of ordered lists that draw their numbers, each item numbered by its `value` (`by_value`) or
/// each list by its `start`; other lines are paragraphs. `renumber` changes the numbers given.
/// With `keep`, each item also writes its number as text (`<span class="num">4.</span>`), as
/// pages that hide the list's own numbers with a stylesheet do, and lists say no `start`.
fn as_ordered_lists(
    d: &ReferenceDecision,
    by_value: bool,
    keep: bool,
    renumber: impl Fn(i64) -> i64,
) -> String {
    let numbered = regex::Regex::new(r"^\s*(\d+)\. (.*)$").unwrap();
    let escape = |s: &str| s.replace('&', "&amp;").replace('<', "&lt;");
    let mut html = String::new();
    // The number the next item of the list open would show.
    let mut open: Option<i64> = None;
    for line in d.text.lines() {
        match numbered.captures(line) {
            Some(c) => {
                let n: i64 = c[1].parse().unwrap();
                let shown = renumber(n);
                if by_value {
                    if open.is_none() {
                        html.push_str("<ol>");
                    }
                    html.push_str(&format!("<li value=\"{shown}\">"));
                } else {
                    if open != Some(shown) {
                        if open.is_some() {
                            html.push_str("</ol>");
                        }
                        // Items that write their numbers: lists that draw none of theirs, which
                        // would start at 1.
                        if keep {
                            html.push_str("<ol>");
                        } else {
                            html.push_str(&format!("<ol start=\"{shown}\">"));
                        }
                    }
                    html.push_str("<li>");
                }
                if keep {
                    html.push_str(&format!("<span class=\"num\">{n}.</span> "));
                }
                html.push_str(&escape(&c[2]));
                html.push_str("</li>\n");
                open = Some(shown + 1);
            }
            None => {
                if open.take().is_some() {
                    html.push_str("</ol>\n");
                }
                html.push_str(&format!("<p>{}</p>\n", escape(line)));
            }
        }
    }
    if open.is_some() {
        html.push_str("</ol>");
    }
    html
}

/// Numbered paragraphs rendered as an HTML ordered list show their numbers as the browser draws
/// them: the decision unaltered, for each of the 92 DILA decisions, whether the list says its
/// `start` or each item its `value`, or whether each item also writes its number as text (the
/// reader sees it once). A number the list shows otherwise than the decision is an alteration.
#[test]
fn numbered_paragraphs_as_an_ordered_list_keep_their_numbers() {
    let decisions = dila();
    let mut records = Vec::new();
    let mut lists = 0;
    for (i, d) in decisions.iter().enumerate() {
        for (by_value, keep) in [(false, false), (true, false), (false, true)] {
            let html = as_ordered_lists(d, by_value, keep, |n| n);
            lists += html.matches("<li").count();
            let mut r = record(d, i);
            r["id"] = json!(format!("{i}-{by_value}-{keep}"));
            r["text"] = json!(html);
            r["text_format"] = json!("html");
            records.push(r);
        }
    }
    // Nearly every decision numbers its paragraphs.
    assert!(lists > 92 * 3 * 10, "{lists}");
    assert_eq!(audit(&records, &[data("dila-cass")]), vec![]);

    // Paragraph 4 shown as 40, with the list numbering on from there.
    let (i, d) = crim();
    let mut r = record(&d, i);
    r["id"] = json!("renumbered");
    r["text"] = json!(as_ordered_lists(&d, true, false, |n| if n == 4 {
        40
    } else {
        n
    }));
    r["text_format"] = json!("html");
    let rep = report(&[r], &[data("dila-cass")], None);
    assert_eq!(
        messages(&rep),
        vec![(
            "renumbered".to_string(),
            Rule::INT001,
            "the record reads «employés. 40. Deux» where the reference reads «employés. 4. Deux»"
                .to_string()
        )]
    );
}

/// A ligature or a superscript letter is the same letters: DILA writes `oeuvre` and `1er`; a
/// copy that writes `œuvre`, `1ᵉʳ` and `Mᵐᵉ` (and `ﬁ` for `fi`) shows every decision unaltered.
/// The ordinal indicator `º` is another sign: `1º` for `1er` alters the text.
#[test]
fn ligatures_and_superscript_letters_are_the_same_letters() {
    let decisions = dila();
    let typeset = |t: &str| {
        t.replace("oeuvre", "œuvre")
            .replace("1er ", "1ᵉʳ ")
            .replace("Mme ", "Mᵐᵉ ")
            .replace("fi", "ﬁ")
    };
    let holding = |w: &str| decisions.iter().filter(|d| d.text.contains(w)).count();
    assert!(holding("oeuvre") >= 15 && holding("1er ") >= 25 && holding("Mme ") >= 50);
    let records: Vec<Value> = decisions
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let mut r = record(d, i);
            r["text"] = json!(typeset(&d.text));
            r
        })
        .collect();
    assert_eq!(audit(&records, &[data("dila-cass")]), vec![]);

    let (i, d) = decisions
        .iter()
        .enumerate()
        .find(|(_, d)| d.text.contains("1er "))
        .unwrap();
    let first = d.text.find("1er ").unwrap();
    let mut r = record(d, i);
    r["id"] = json!("ordinal");
    r["text"] = json!(format!("{}1º {}", &d.text[..first], &d.text[first + 4..]));
    assert_eq!(
        audit(&[r], &[data("dila-cass")]),
        vec![("ordinal".to_string(), Rule::INT001)]
    );
}

/// A legal publisher's bibliography and doctrine fields beside the real decision reviewed in
/// black box (a bâtonnier's case): the authors of the notes and books cited are no parties; a
/// party named beside them is.
#[test]
fn doctrine_authors_in_a_publishers_fields_are_no_parties() {
    let decisions = dila();
    let (i, d) = decisions
        .iter()
        .enumerate()
        .find(|(_, d)| d.id == "JURITEXT000048176061")
        .unwrap();
    let with = |id: &str, field: &str, value: Value| {
        let mut r = record(d, i);
        r["id"] = json!(id);
        r[field] = value;
        r
    };
    let records = [
        with(
            "bibliographie",
            "bibliographie",
            json!(
                "D. 2023, p. 1800, note M. Mekki ; Gaz. Pal. 2023, n° 38, p. 12, obs. M. Mignot."
            ),
        ),
        with(
            "doctrine",
            "doctrine",
            json!(
                "D. 2024, p. 55, chron. M. Latina ; Dr. soc. 2023, p. 1020, note Mme \
                 Pécaut-Rivolier. M. Poumarède, Droit des obligations, LGDJ, 2023, n° 120."
            ),
        ),
        with(
            "commentary",
            "commentary",
            json!("V. not. les obs. de M. Jourdain sous l'arrêt (RTD civ. 2004, p. 108)."),
        ),
        with(
            "tags",
            "tags",
            json!(["obs. M. Mekki", "secret professionnel"]),
        ),
        with(
            "party",
            "commentary",
            json!("D. 2023, p. 1800, note M. Mekki. M. Dupont a été condamné."),
        ),
    ];
    assert_eq!(
        audit(&records, &[data("dila-cass")]),
        vec![("party".into(), Rule::MSK004)]
    );
}

/// A publisher's commentary beside the real decision names a party by its role in the lawsuit
/// or the contract, without civility (« Le demandeur, Jean-Pierre Lemaire, »): a name in clear,
/// MSK004. The decision's own wording of those roles (« demandeur au pourvoi ») and a body in
/// the same place are not.
#[test]
fn a_party_named_after_its_role_in_a_publishers_commentary_is_in_clear() {
    let decisions = dila();
    let (i, d) = decisions
        .iter()
        .enumerate()
        .find(|(_, d)| d.id == "JURITEXT000048211001")
        .unwrap();
    // The decision itself writes the roles so.
    assert!(d.text.contains("demandeur au pourvoi"), "{}", d.text);
    let with = |id: &str, commentary: &str| {
        let mut r = record(d, i);
        r["id"] = json!(id);
        r["commentary"] = json!(commentary);
        r
    };
    let records = [
        with(
            "demandeur",
            "Le demandeur, Jean-Pierre Lemaire, soutenait que la vente était nulle.",
        ),
        with(
            "acquereuse",
            "Selon l'arrêt attaqué, l’acquéreuse Sophie Lambert avait payé le prix.",
        ),
        with(
            "requerante",
            "La requérante, Chloé Dupont, demandait l'annulation de la délibération.",
        ),
        with(
            "roles",
            "Le demandeur au pourvoi, la société [1], et la défenderesse à la cassation, \
             l'association [2], ont conclu.",
        ),
        with(
            "body",
            "Le vendeur, la SCI Les Pins, et l'acquéreur Axa ont signé l'acte.",
        ),
    ];
    assert_eq!(
        audit(&records, &[data("dila-cass")]),
        vec![
            ("demandeur".into(), Rule::MSK004),
            ("acquereuse".into(), Rule::MSK004),
            ("requerante".into(), Rule::MSK004),
        ]
    );
}
