//! The profiling rules (PRF001, PRF002) on faithful copies of real decisions, with what a
//! publisher adds beside them: tables and rankings of rates per judge, a surname alone, figures
//! in sibling fields, magistrates of other chambers, other phrasings of a rate, judgements
//! without figures, decomposed accents, the signatory of an administrative order; and the
//! false alarms a PRF002 (critical, permanent) must not raise: counts about the case in a
//! composition object, figures about the lower court's award beside the president's name.
//!
//! - DILA JURITEXT000048242135 (chambre criminelle, 17 October 2023): « M. BONNAL président »,
//!   « M. Violeau, conseiller rapporteur », « Mme Labrousse, conseiller de la chambre ».
//! - Judilibre 19-19.463 (`cc_detail.json`): « Mme Bellino, conseiller référendaire ».
//! - TA Cergy-Pontoise 2520143 (`ORTA_2520143_20251205.xml`), signed « La présidente, signé
//!   S. Edert. ».

use serde_json::{Value, json};
use std::path::PathBuf;
use vigie::model::Origin;
use vigie::source::xml::parse_xml;

mod support;
use support::binary::report_of;
use support::data::data;

/// The text of an XML decision of `tests/data`, as vigie reads it.
fn xml_text(rel: &str) -> String {
    let bytes = std::fs::read(data(rel)).unwrap();
    let origin = Origin {
        file: rel.to_string(),
        line: 0,
    };
    parse_xml(&bytes, origin).unwrap().text
}

const CRIM: &str = "dila-cass/JURITEXT000048242135.xml";
const ORTA: &str = "ce/ORTA_2520143_20251205.xml";

/// A faithful record of the criminal chamber's decision, with `extra` fields added.
fn crim(id: &str, extra: Value) -> Value {
    let mut r = json!({
        "id": id,
        "source_id": "JURITEXT000048242135",
        "url": format!("https://example.test/d/{id}"),
        "jurisdiction": "Cour de cassation",
        "formation": "Chambre criminelle",
        "seat": "Paris",
        "decision_date": "2023-10-17",
        "number": "22-83869",
        "text": xml_text(CRIM),
        "attribution": "Source : Légifrance (DILA), base CASS",
        "source_link": "https://www.legifrance.gouv.fr/juri/id/JURITEXT000048242135",
        "updated_at": "2026-11-21T10:00:00Z",
    });
    for (k, v) in extra.as_object().unwrap() {
        r[k] = v.clone();
    }
    r
}

/// A faithful record of the Judilibre decision 19-19.463, with `extra` fields added.
fn judilibre(id: &str, extra: Value) -> Value {
    let d: Value =
        serde_json::from_str(&std::fs::read_to_string(data("judilibre/cc_detail.json")).unwrap())
            .unwrap();
    let mut r = json!({
        "id": id,
        "source_id": d["id"],
        "url": format!("https://example.test/d/{id}"),
        "jurisdiction": "Cour de cassation",
        "formation": d["chamber"],
        "seat": "Paris",
        "decision_date": d["decision_date"],
        "number": d["number"],
        "text": d["text"],
        "attribution": "Source : Cour de cassation, Judilibre",
        "source_link": format!("https://www.courdecassation.fr/decision/{}", d["id"].as_str().unwrap()),
        "updated_at": "2026-11-21T10:00:00Z",
    });
    for (k, v) in extra.as_object().unwrap() {
        r[k] = v.clone();
    }
    r
}

/// A faithful record of the TA order, with `extra` fields added.
fn orta(id: &str, extra: Value) -> Value {
    let mut r = json!({
        "id": id,
        "source_id": "ORTA_2520143_20251205.xml",
        "jurisdiction": "Tribunal administratif de Cergy-Pontoise",
        "seat": "Cergy",
        "decision_date": "2025-12-05",
        "number": "2520143",
        "text": xml_text(ORTA),
        "attribution": "Source : open data des juridictions administratives (Conseil d'État)",
        "updated_at": "2026-11-21T10:00:00Z",
        "update_notice": "Document chargé sur le site source le 21/11/2026",
    });
    for (k, v) in extra.as_object().unwrap() {
        r[k] = v.clone();
    }
    r
}

/// Each finding of an audit of `records` against `reference`: record id, rule, field and
/// excerpt as exported (personal data redacted), in the report's order.
fn audit(reference: PathBuf, records: &[Value]) -> Vec<(String, String, String, String)> {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus.jsonl");
    let lines: Vec<String> = records.iter().map(Value::to_string).collect();
    std::fs::write(&corpus, lines.join("\n") + "\n").unwrap();
    let report: Value = serde_json::from_str(&report_of(&corpus, &reference, "json", &[])).unwrap();
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let s = |v: &Value| v.as_str().unwrap_or_default().to_string();
            (
                s(&f["record"]["id"]),
                s(&f["rule"]),
                s(&f["evidence"]["field"]),
                s(&f["evidence"]["excerpt"]),
            )
        })
        .collect()
}

/// The rules (sorted) each record of `records` gets, by id, in the records' order.
fn rules_by_record(reference: PathBuf, records: &[Value]) -> Vec<(String, Vec<String>)> {
    let found = audit(reference, records);
    records
        .iter()
        .map(|r| {
            let id = r["id"].as_str().unwrap().to_string();
            let mut rules: Vec<String> = found
                .iter()
                .filter(|f| f.0 == id)
                .map(|f| f.1.clone())
                .collect();
            rules.sort();
            (id, rules)
        })
        .collect()
}

/// Asserts that each record of `cases` (id, extra fields) gets exactly the rules given.
fn expect(reference: PathBuf, build: fn(&str, Value) -> Value, cases: &[(&str, Value, &[&str])]) {
    let records: Vec<Value> = cases
        .iter()
        .map(|(id, v, _)| build(id, v.clone()))
        .collect();
    let got = rules_by_record(reference, &records);
    for ((id, v, want), (_, rules)) in cases.iter().zip(got) {
        assert_eq!(rules, *want, "{id}: {v}");
    }
}

fn commentary(s: &str) -> Value {
    json!({ "commentary": s })
}

/// A faithful copy gives no finding: the controls below owe nothing to the decision itself.
#[test]
fn faithful_copies_give_no_finding() {
    expect(data(CRIM), crim, &[("crim", json!({}), &[])]);
    expect(
        data("judilibre/cc_detail.json"),
        judilibre,
        &[("cc", json!({}), &[])],
    );
    expect(data(ORTA), orta, &[("orta", json!({}), &[])]);
}

/// A count about the case in a composition object (the grounds of this appeal, the size of
/// the bench) and figures about the lower court's award beside the president's name say
/// nothing of a practice: no PRF002. The composition object indexes the president (PRF001).
#[test]
fn figures_about_the_case_are_not_prf002() {
    let prf001: &[&str] = &["PRF001"];
    expect(
        data(CRIM),
        crim,
        &[
            (
                "moyens",
                json!({"audience": {"date": "2023-09-19", "president": "M. Bonnal", "nombre_de_moyens": 1}}),
                prf001,
            ),
            (
                "juges",
                json!({"formation_de_jugement": {"type": "F", "president": "M. Bonnal", "nombre_de_juges": 3}}),
                prf001,
            ),
            (
                "nb-magistrats",
                json!({"siege": {"president": "M. Bonnal", "nb_magistrats": 3}}),
                prf001,
            ),
            (
                "damages",
                commentary(
                    "M. Bonnal, président : la cour d'appel n'avait accordé que 50 % des dommages-intérêts demandés.",
                ),
                &[],
            ),
            (
                "presidence",
                commentary(
                    "Sous la présidence de M. Bonnal, la Cour casse l'arrêt qui avait alloué 50 % des dommages-intérêts demandés.",
                ),
                &[],
            ),
            (
                "claims",
                commentary(
                    "M. Bonnal, président : 30 % des demandes de l'épouse ont été accueillies en appel.",
                ),
                &[],
            ),
            (
                "list-no-rate",
                commentary(
                    "Statistiques de la chambre en 2023 : 41 % de cassations.\n\nM. Bonnal, président : perte de chance de 30 %.",
                ),
                &[],
            ),
            // Judgements of a sentence or a court, not of a magistrate.
            (
                "sentence",
                commentary(
                    "M. Bonnal, président : la peine la plus sévère de la chambre a été confirmée ; le juge répressif est compétent.",
                ),
                &[],
            ),
            (
                "view-on-the-case",
                commentary(
                    "M. Violeau, conseiller rapporteur, plutôt favorable à la cassation, a proposé de casser l'arrêt.",
                ),
                &[],
            ),
        ],
    );
}

/// A surname the decision gives a role, without a civility: PRF002, as with one.
#[test]
fn a_surname_alone_with_a_rate_is_prf002() {
    let prf002: &[&str] = &["PRF002"];
    expect(
        data(CRIM),
        crim,
        &[
            (
                "bare",
                commentary("Bonnal : taux de cassation de 63 %."),
                prf002,
            ),
            (
                "caps",
                commentary("BONNAL — taux de cassation : 63 %"),
                prf002,
            ),
            (
                "role-after",
                commentary("Bonnal, président : taux de cassation de 63 %."),
                prf002,
            ),
            (
                "verb",
                commentary("Violeau propose la cassation dans 63 % des dossiers."),
                prf002,
            ),
            (
                "initial",
                commentary("J. Bonnal : taux de cassation de 63 %."),
                prf002,
            ),
            // A lawyer of that name, or a name the decision does not give, is not.
            (
                "lawyer",
                commentary("Me Bonnal : taux de cassation de 63 %."),
                &[],
            ),
            (
                "nobody",
                commentary("Durand : taux de cassation de 63 %."),
                &[],
            ),
        ],
    );
    expect(
        data("judilibre/cc_detail.json"),
        judilibre,
        &[(
            "caps",
            commentary("BELLINO — taux de cassation : 12 %"),
            prf002,
        )],
    );
}

/// Tables, lists and rankings of rates per judge: the heading says what each figure is.
#[test]
fn tables_lists_and_rankings_per_judge_are_prf002() {
    let prf002: &[&str] = &["PRF002"];
    expect(
        data(CRIM),
        crim,
        &[
            (
                "table",
                commentary(
                    "| Magistrat | Taux de cassation |\n|---|---|\n| M. Bonnal | 63 % |\n| M. Violeau | 41 % |",
                ),
                prf002,
            ),
            (
                "ranking",
                commentary(
                    "Classement des présidents par taux de cassation : 1. M. Bonnal (63 %) ; 2. M. Violeau (41 %).",
                ),
                prf002,
            ),
            (
                "list",
                commentary(
                    "Taux de cassation par magistrat :\n- M. Bonnal : 63 %\n- M. Violeau : 41 %",
                ),
                prf002,
            ),
            (
                "inline",
                commentary(
                    "Taux de cassation par magistrat : Bonnal 63 %, Violeau 41 %, Labrousse 22 %.",
                ),
                prf002,
            ),
            (
                "ranking-without-figures",
                commentary(
                    "Classement des présidents les plus sévères : 1. M. Bonnal ; 2. M. Violeau.",
                ),
                prf002,
            ),
        ],
    );
}

/// `n` distinct surnames (`Berardin`, `Lefaudeau`…), of syllables as French surnames have.
fn surnames(n: usize) -> Vec<String> {
    const A: [&str; 20] = [
        "Ber", "Mar", "Lef", "Dur", "Rou", "Gar", "Fon", "Bla", "Mor", "Gir", "Cha", "Per", "Lam",
        "Dub", "Leg", "Car", "Mic", "Bon", "Vio", "Lab",
    ];
    const B: [&str; 20] = [
        "tin", "nard", "ier", "aud", "eau", "ot", "ais", "ac", "ère", "ault", "ain", "on", "el",
        "and", "ès", "oux", "et", "in", "al", "ard",
    ];
    const C: [&str; 10] = ["", "e", "s", "y", "t", "ne", "lle", "x", "re", "ac"];
    let one: Vec<String> = A
        .iter()
        .flat_map(|a| {
            B.iter()
                .flat_map(move |b| C.iter().map(move |c| format!("{a}{b}{c}")))
        })
        .collect();
    // Then double-barrelled ones, as many as asked.
    let two = one[..300]
        .iter()
        .flat_map(|x| one[300..400].iter().map(move |y| format!("{x}-{y}")));
    one.iter().cloned().chain(two).take(n).collect()
}

/// A table or a list of rates per judge, one row per judge, however long: every row is under
/// the heading that says what its figure is and of whom, thousands of bytes below it (rows more
/// than 400 bytes below used to lose it, and their names were read as parties' in clear,
/// MSK004). A 300 KB table of 11,000 judges is one PRF002 and nothing else. A long table of
/// parties' figures is no profiling: each name in it is in clear.
#[test]
fn a_long_table_of_rates_per_judge_is_prf002_whatever_its_length() {
    let names = surnames(11_000);
    let table = format!(
        "| Magistrat | Taux de cassation |\n|---|---|\n{}",
        names
            .iter()
            .enumerate()
            .map(|(i, n)| format!("| M. {n} | {} % |\n", i * 7 % 100))
            .collect::<String>()
    );
    assert!(table.len() > 290_000, "{}", table.len());
    let list = format!(
        "Taux de cassation par magistrat :\n{}",
        names[..2_000]
            .iter()
            .enumerate()
            .map(|(i, n)| format!("- M. {n} : {} %\n", i * 7 % 100))
            .collect::<String>()
    );
    let parties = format!(
        "| Partie | Part des dommages-intérêts accordée |\n|---|---|\n{}",
        names[..40]
            .iter()
            .enumerate()
            .map(|(i, n)| format!("| M. {n} | {} % |\n", i * 7 % 100))
            .collect::<String>()
    );
    assert!(parties.len() > 800, "{}", parties.len());
    let party_names = vec!["MSK004"; 40];
    expect(
        data(CRIM),
        crim,
        &[
            ("table", commentary(&table), &["PRF002"]),
            ("list", commentary(&list), &["PRF002"]),
            ("parties", commentary(&parties), &party_names),
        ],
    );
}

/// A name and its figures in sibling fields of the record, a name as a key, tuples, tags: the
/// record pairs them.
#[test]
fn a_name_and_figures_in_sibling_fields_are_prf002() {
    let prf002: &[&str] = &["PRF002"];
    expect(
        data(CRIM),
        crim,
        &[
            (
                "judge+rate",
                json!({"judge": "Bonnal", "cassation_rate": 0.63}),
                prf002,
            ),
            (
                "president+stats",
                json!({"president": "M. Bonnal", "stats": {"cassation_rate": 0.63}}),
                prf002,
            ),
            (
                "name-as-key",
                json!({"stats": {"Bonnal": {"cassation": 0.63, "rejet": 0.37}}}),
                prf002,
            ),
            (
                "tuples",
                json!({"magistrats": [["M. Bonnal", 0.63], ["M. Violeau", 0.41]]}),
                prf002,
            ),
            (
                "tags",
                json!({"tags": ["M. Bonnal", "taux de cassation 63 %"]}),
                prf002,
            ),
            (
                "persons+rate",
                json!({"persons": ["M. Bonnal"], "taux_cassation": 0.63}),
                prf002,
            ),
            // Figures a record gives about itself beside the president: PRF001 only.
            (
                "search-score",
                json!({"president": "M. Bonnal", "score": 0.93, "stats": {"pages": 12}}),
                &["PRF001"],
            ),
        ],
    );
}

/// A magistrate named with a civility beside a practice only magistrates have is profiled,
/// whether or not on this decision's bench: PRF002, not the MSK004 of a party. The other
/// names of the sentence are redacted in the excerpt.
#[test]
fn a_magistrate_of_another_chamber_is_profiled_not_a_party() {
    let found = audit(
        data(CRIM),
        &[
            crim(
                "martinel",
                commentary("Mme Martinel : taux de cassation de 63 %."),
            ),
            crim(
                "compare",
                commentary("M. Bonnal casse deux fois plus que Mme Martinel."),
            ),
            crim(
                "instruction",
                commentary("Le juge d'instruction Dupont a un taux de mise en examen de 80 %."),
            ),
            crim(
                "place",
                commentary(
                    "Mme Durand, juge aux affaires familiales à Lyon, fixe la résidence alternée dans 70 % des dossiers.",
                ),
            ),
        ],
    );
    let shown: Vec<(&str, &str, &str)> = found
        .iter()
        .map(|f| (f.0.as_str(), f.1.as_str(), f.3.as_str()))
        .collect();
    assert_eq!(
        shown,
        vec![
            (
                "martinel",
                "PRF002",
                "Mme M••••••• : taux de cassation de 63 %."
            ),
            (
                "compare",
                "PRF002",
                "M. B••••• casse deux fois plus que Mme M•••••••."
            ),
            (
                "instruction",
                "PRF002",
                "Le juge d'instruction D••••• a un taux de mise en examen de 80 %."
            ),
            // The town after `à` is no name.
            (
                "place",
                "PRF002",
                "Mme D•••••, juge aux affaires familiales à Lyon, fixe la résidence alternée dans 70 % des dossiers."
            ),
        ]
    );
}

/// Other ways of writing a rate or a count, for judges and clerks alike.
#[test]
fn rates_and_counts_of_any_phrasing_are_prf002() {
    let prf002: &[&str] = &["PRF002"];
    expect(
        data(CRIM),
        crim,
        &[
            (
                "des-cas",
                commentary("M. Bonnal, président, rejette dans 80 % des cas."),
                prf002,
            ),
            (
                "x-des-y",
                commentary("M. Bonnal a rejeté 41 des 52 pourvois dont il a été saisi en 2023."),
                prf002,
            ),
            (
                "cas-sur",
                commentary("Mme Labrousse vote la cassation dans 9 cas sur 10."),
                prf002,
            ),
            (
                "fois-sur",
                commentary("M. Bonnal casse 9 fois sur 10."),
                prf002,
            ),
            (
                "comparison",
                commentary("M. Bonnal casse plus souvent que la moyenne de la chambre."),
                prf002,
            ),
            (
                "greffier-delai",
                commentary("Mme Layemar, greffière, délai moyen de mise au rôle : 45 jours."),
                prf002,
            ),
            (
                "greffier-count",
                commentary("Mme Boudalia, greffier, a traité 312 dossiers cette année."),
                prf002,
            ),
            (
                "taux-erreurs",
                commentary("Mme Boudalia, greffier : taux d'erreurs de 4 %."),
                prf002,
            ),
            // A count or a rate about the case is none.
            (
                "this-case",
                commentary(
                    "M. Bonnal, président : le taux d'intérêt légal est de 4 %, les 3 pourvois sont joints.",
                ),
                &[],
            ),
        ],
    );
}

/// Judgements of a magistrate's practice without figures.
#[test]
fn judgements_without_figures_are_prf002() {
    let prf002: &[&str] = &["PRF002"];
    expect(
        data(CRIM),
        crim,
        &[
            (
                "favorable",
                commentary(
                    "Le conseiller Labrousse, plutôt favorable aux épouses, tranche généralement en leur faveur.",
                ),
                prf002,
            ),
            (
                "severite",
                commentary("Le président Bonnal est connu pour sa sévérité."),
                prf002,
            ),
            (
                "severe",
                commentary("M. Bonnal est un président sévère."),
                prf002,
            ),
            (
                "le-plus",
                commentary("Le président Bonnal est le plus sévère de la chambre."),
                prf002,
            ),
        ],
    );
}

/// Decomposed accents (NFD) are read as composed ones.
#[test]
fn decomposed_text_is_read_composed() {
    let prf002: &[&str] = &["PRF002"];
    expect(
        data(CRIM),
        crim,
        &[
            (
                "nfd-title",
                commentary("Le pre\u{301}sident Bonnal : taux de cassation de 12 %."),
                prf002,
            ),
            (
                "nfd-rate",
                commentary("M. Bonnal : re\u{301}formation dans 12 % des de\u{301}cisions."),
                prf002,
            ),
        ],
    );
}

/// The signatory of a TA order (`La présidente, signé S. Edert.`) is the court's magistrate:
/// a field naming her is PRF001, figures about her practice PRF002, not the MSK004 of a party.
#[test]
fn the_signatory_of_an_administrative_order_is_its_magistrate() {
    let found = audit(
        data(ORTA),
        &[
            orta("persons", json!({"persons": ["S. Edert"]})),
            orta(
                "commentary",
                commentary("Mme Edert rejette 95 % des requêtes."),
            ),
            orta(
                "initial",
                commentary("S. Edert : taux de rejet de 92 % en contentieux des étrangers."),
            ),
            orta(
                "object",
                json!({"signataire": {"nom": "S. Edert", "taux_desistement": 0.4}}),
            ),
            // Naming her without figures about her practice is no profiling.
            orta(
                "mention",
                commentary(
                    "Ordonnance signée par S. Edert, présidente ; désistement pur et simple, 1 requête.",
                ),
            ),
        ],
    );
    let shown: Vec<(&str, &str, &str)> = found
        .iter()
        .map(|f| (f.0.as_str(), f.1.as_str(), f.2.as_str()))
        .collect();
    assert_eq!(
        shown,
        vec![
            ("persons", "PRF001", "persons"),
            ("commentary", "PRF002", "commentary"),
            ("initial", "PRF002", "commentary"),
            ("object", "PRF002", "signataire"),
        ]
    );
}
