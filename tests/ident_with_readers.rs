//! The identification comparisons on reference decisions as vigie's own readers build them
//! from the real files of `tests/data/`.

use regex::Regex;
use vigie::ident::{Comparison, compare, reference_display, reference_has};
use vigie::model::{IdField, ReferenceDecision};
use vigie::source::parse_bytes;

mod support;
use support::data::{data, dila_files};
use support::ident::{ID_FIELDS, different, displays, equal};

fn read(rel: &str) -> (String, Vec<ReferenceDecision>) {
    let bytes = std::fs::read(data(rel)).unwrap();
    let decisions = parse_bytes(&bytes, rel)
        .into_iter()
        .map(|d| d.unwrap_or_else(|e| panic!("{rel}: {e:?}")))
        .collect();
    (String::from_utf8_lossy(&bytes).into_owned(), decisions)
}

fn assert_required_known(d: &ReferenceDecision) {
    for &field in d.producer.required_fields() {
        if reference_has(field, d) {
            assert!(reference_display(field, d).is_some(), "{}: {field:?}", d.id);
        }
    }
}

#[test]
fn dila_decisions_read_by_vigie() {
    let titre_re = Regex::new("<TITRE>([^<]*)</TITRE>").unwrap();
    let files = dila_files();
    assert_eq!(files.len(), 92);
    for file in files {
        let name = file.file_name().unwrap().to_string_lossy().into_owned();
        let (xml, decisions) = read(&format!("dila-cass/{name}"));
        let [d] = decisions.as_slice() else {
            panic!("{name}: one decision per file");
        };
        assert_required_known(d);
        for field in ID_FIELDS {
            assert!(reference_has(field, d), "{name}: {field:?}");
        }
        let titre = &titre_re.captures(&xml).unwrap()[1];
        let parts: Vec<&str> = titre.split(", ").collect();
        let date_at = parts
            .iter()
            .position(|p| vigie::ident::parse_date(p).is_some())
            .unwrap();
        equal(IdField::Jurisdiction, parts[0], d);
        equal(IdField::Formation, &parts[1..date_at].join(", "), d);
        equal(IdField::DecisionDate, parts[date_at], d);
        equal(IdField::Number, parts[date_at + 1], d);
        equal(IdField::Seat, "Paris", d);
        assert!(matches!(
            compare(IdField::Seat, "Lyon", d),
            Comparison::Different { .. }
        ));
    }
}

#[test]
fn judilibre_details_read_by_vigie() {
    let (_, cc) = read("judilibre/cc_detail.json");
    let cc = &cc[0];
    assert_required_known(cc);
    for (field, value) in [
        (IdField::Jurisdiction, "Cour de cassation"),
        (
            IdField::Formation,
            "Chambre commerciale, financière et économique",
        ),
        (IdField::Formation, "COMM. FS-P+B"),
        (IdField::Seat, "Paris"),
        (IdField::DecisionDate, "18 novembre 2020"),
        (IdField::DecisionDate, "2020-11-18"),
        (IdField::Number, "Pourvoi n° Y 19-19.463"),
    ] {
        equal(field, value, cc);
    }
    different(
        IdField::Formation,
        "Chambre sociale",
        cc,
        "Chambre commerciale, financière et économique - Formation de section",
    );

    let (_, ca) = read("judilibre/ca_detail.json");
    let ca = &ca[0];
    assert_required_known(ca);
    equal(IdField::Jurisdiction, "Cour d'appel de Chambéry", ca);
    equal(IdField::Seat, "Chambéry", ca);
    equal(IdField::Number, "RG 20/00804", ca);

    let (_, tcom) = read("judilibre/tcom_detail.json");
    let tcom = &tcom[0];
    equal(
        IdField::Jurisdiction,
        "Tribunal de commerce de La Roche-sur-Yon",
        tcom,
    );
    equal(IdField::Seat, "La Roche-sur-Yon", tcom);
    displays(
        IdField::Jurisdiction,
        tcom,
        "Tribunal de commerce de La Roche-sur-Yon",
    );
}

#[test]
fn administrative_order_read_by_vigie() {
    let (_, ta) = read("ce/ORTA_2520143_20251205.xml");
    let ta = &ta[0];
    assert_required_known(ta);
    for (field, value) in [
        (IdField::Jurisdiction, "TA95"),
        (
            IdField::Jurisdiction,
            "Tribunal administratif de Cergy-Pontoise",
        ),
        (IdField::Seat, "Cergy-Pontoise"),
        (IdField::DecisionDate, "5 décembre 2025"),
        (IdField::Number, "n° 2520143"),
    ] {
        equal(field, value, ta);
    }
    assert!(matches!(
        compare(IdField::Jurisdiction, "TA Montreuil", ta),
        Comparison::Different { .. }
    ));
}

#[test]
fn arret_number_from_the_header_in_an_audit() {
    // A DILA decision whose source gives no ECLI: its arrêt number (985) is read from its
    // header (`Arrêt n° 985 F-B`) in the text the audit keeps in its store.
    let name = "JURITEXT000048176094.xml";
    let xml = std::fs::read_to_string(data(&format!("dila-cass/{name}"))).unwrap();
    let ecli = "<ECLI>ECLI:FR:CCASS:2023:SO00985</ECLI>";
    assert!(xml.contains(ecli) && xml.contains("Arrêt n° 985 F-B"));
    let dir = tempfile::tempdir().unwrap();
    let reference = dir.path().join("reference");
    std::fs::create_dir(&reference).unwrap();
    std::fs::write(reference.join(name), xml.replace(ecli, "<ECLI></ECLI>")).unwrap();
    let corpus = dir.path().join("corpus.jsonl");
    let record = |id: &str, number: &str| {
        serde_json::json!({
            "id": id,
            "source_id": "JURITEXT000048176094",
            "decision_date": "2023-10-04",
            "number": number,
        })
        .to_string()
    };
    std::fs::write(
        &corpus,
        [
            record("right", "22-12.387 - Arrêt n° 985"),
            record("wrong", "22-12.387 - Arrêt n° 986"),
        ]
        .join("\n"),
    )
    .unwrap();
    let report = support::audit::run_audit(&vigie::audit::AuditOptions {
        corpus: vec![corpus],
        reference: vec![reference],
        as_of: Some("2026-11-22T12:00:00Z".parse().unwrap()),
        ..Default::default()
    })
    .report;
    let int006: Vec<(String, String)> = support::audit::messages(&report)
        .into_iter()
        .filter(|(_, rule, _)| *rule == vigie::rules::Rule::INT006)
        .map(|(id, _, message)| (id, message))
        .collect();
    assert_eq!(
        int006,
        [(
            "wrong".to_string(),
            "number «22-12.387 - Arrêt n° 986» contradicts the reference (22-12387, arrêt n° 985)"
                .to_string()
        )]
    );
}

/// A bench of a court of appeal vigie cannot read is held to the words identifications are
/// written with, as one of the Cour de cassation is: `Chambre xxxxx` is not the reference's
/// bench (INT006), while the spellings the courts of appeal use for their benches, which vigie
/// reads or cannot tell, raise nothing. The Judilibre sample of the cour d'appel de Chambéry
/// (20/00804), read by vigie's reader: its `chamber` is `comm` (the sample's metadata are
/// partly mock); then the bench its text's header names (`Chambre civile - Première
/// section`), and benches of other courts of appeal as Judilibre writes them.
#[test]
fn an_unreadable_bench_of_a_court_of_appeal_is_held_to_the_words_of_identifications() {
    use support::ident::Want::{Different, Equal, Unknown};
    let (_, ca) = read("judilibre/ca_detail.json");
    let ca = &ca[0];
    assert_eq!(ca.chamber.as_deref(), Some("comm"));
    let bench = |chamber: &str| ReferenceDecision {
        chamber: Some(chamber.into()),
        ..ca.clone()
    };
    support::ident::check_all(
        IdField::Formation,
        &[
            (
                ca,
                "comm",
                &[
                    ("Chambre xxxxx", Different),
                    ("Chambre commerciale xxxxx", Different),
                    ("Chambre commerciale", Equal),
                    ("Chambre commerciale internationale", Equal),
                    ("Chambre sociale", Different),
                    // Other axes than the reference's, or nothing vigie reads: no verdict.
                    ("Chambre 5-1", Unknown),
                    ("Chambre des appels correctionnels", Unknown),
                ],
            ),
            (
                &bench("Chambre civile - Première section"),
                "Chambre civile - Première section",
                &[
                    ("Chambre civile, 1re section", Equal),
                    ("Ch. civ. 1re sect.", Equal),
                    ("Chambre civile section xxxx", Different),
                    ("Chambre xxxxx", Different),
                ],
            ),
            (
                &bench("Pôle 4 - Chambre 9"),
                "Pôle 4 - Chambre 9",
                &[
                    ("Pôle 4, chambre 9", Equal),
                    ("Chambre xxxxx", Different),
                    ("Chambre des appels correctionnels", Unknown),
                    ("Chambre spéciale des mineurs", Unknown),
                    ("Juge de l'application des peines", Unknown),
                ],
            ),
            (
                &bench("Chambre sociale 4-6"),
                "Chambre sociale 4-6",
                &[
                    ("Chambre sociale 4-6", Equal),
                    ("chambre 4-6", Unknown),
                    ("Chambre xxxxx", Different),
                ],
            ),
            (
                &bench("chambre 5-1"),
                "chambre 5-1",
                &[
                    ("Chambre 5-1", Equal),
                    ("5e chambre, 1re section", Equal),
                    ("Chambre xxxxx", Different),
                ],
            ),
        ],
    );
    // A value with no word of a bench identifies none: INT005, not INT006.
    assert_eq!(
        vigie::ident::unreadable(IdField::Formation, "xxxxx", ca).as_deref(),
        Some("it names no chamber or formation")
    );
}
