//! Identification of the decisions of the administrative courts (Conseil d'État, cours
//! administratives d'appel, tribunaux administratifs): the real order of the tribunal
//! administratif de Cergy-Pontoise (`tests/data/ce/ORTA_2520143_20251205.xml`, n° 2520143, 5
//! December 2025), and variants of it built here (another court, a formation, joined cases),
//! read by vigie's own reader.

use serde_json::json;
use vigie::audit::AuditOptions;
use vigie::ident::{Comparison, compare, unreadable};
use vigie::model::{IdField, ReferenceDecision};
use vigie::rules::Rule;
use vigie::source::parse_bytes;

mod support;
use support::audit::{messages, run_audit};
use support::data::data;
use support::ident::{different, equal, unknown};

const ORTA: &str = "ce/ORTA_2520143_20251205.xml";

/// The real order as written.
fn orta_xml() -> String {
    std::fs::read_to_string(data(ORTA)).unwrap()
}

/// `xml` with each `(from, to)` of `edits` made; each `from` must be there.
fn edit(xml: &str, edits: &[(&str, &str)]) -> String {
    let mut xml = xml.to_owned();
    for (from, to) in edits {
        assert!(xml.contains(from), "{from:?} is not in the order");
        xml = xml.replacen(from, to, 1);
    }
    xml
}

/// The one decision vigie reads from `xml`.
fn read(xml: &str) -> ReferenceDecision {
    let mut decisions = parse_bytes(xml.as_bytes(), "variant.xml");
    assert_eq!(decisions.len(), 1);
    decisions.remove(0).unwrap()
}

/// The real order, with the formation `formation` in its `Audience` (the real one gives none).
fn orta_with_formation(formation: &str) -> ReferenceDecision {
    read(&edit(
        &orta_xml(),
        &[(
            "<Audience>\n  </Audience>",
            &format!("<Audience><Formation_Jugement>{formation}</Formation_Jugement></Audience>"),
        )],
    ))
}

/// The real order made a decision of `court` (`Nom_Juridiction`), numbered `number`, read on
/// `day` (`2023-05-03`), given by `formation`.
fn moved(court: &str, number: &str, day: &str, formation: &str) -> ReferenceDecision {
    read(&edit(
        &orta_xml(),
        &[
            ("Tribunal Administratif de Cergy-Pontoise", court),
            (
                "<Numero_Dossier>2520143<",
                &format!("<Numero_Dossier>{number}<"),
            ),
            (
                "<Date_Lecture>2025-12-05<",
                &format!("<Date_Lecture>{day}<"),
            ),
            (
                "<Audience>\n  </Audience>",
                &format!(
                    "<Audience><Formation_Jugement>{formation}</Formation_Jugement></Audience>"
                ),
            ),
        ],
    ))
}

#[test]
fn the_decisions_own_ecli_beside_its_number() {
    let ta = read(&orta_xml());
    assert_eq!(ta.ecli, None, "the administrative open data give no ECLI");
    assert_eq!(ta.numbers, ["2520143"]);
    // The ECLI of the administrative courts embeds the court's code, the year, the number and
    // the day of reading: the decision's own is its identification.
    for v in [
        "2520143 - ECLI:FR:TACERGY:2025:2520143.20251205",
        "n° 2520143 (ECLI:FR:TACERGY:2025:2520143.20251205)",
        "ECLI:FR:TACERGY:2025:2520143.20251205",
        "ecli:fr:tacergy:2025:2520143.20251205",
        "n° 2520143 du 5 décembre 2025, ECLI:FR:TACERGY:2025:2520143.20251205",
    ] {
        equal(IdField::Number, v, &ta);
    }
    // Another number, another day, another year, another kind of court: not the decision's.
    for v in [
        "2520143 - ECLI:FR:TACERGY:2025:2520144.20251205",
        "2520143 - ECLI:FR:TACERGY:2025:2520143.20251204",
        "2520143 - ECLI:FR:TACERGY:2024:2520143.20251205",
        "2520143 - ECLI:FR:CECHR:2025:2520143.20251205",
        "2520143 - ECLI:FR:CAAVE:2025:2520143.20251205",
        "2520143 - ECLI:FR:CCASS:2025:C2520143",
        "ECLI:FR:TACERGY:2025:2520144.20251205",
    ] {
        different(IdField::Number, v, &ta, "2520143");
    }
    // The right ECLI beside another number.
    different(
        IdField::Number,
        "2520144 - ECLI:FR:TACERGY:2025:2520143.20251205",
        &ta,
        "2520143",
    );

    // The Conseil d'État: codes `CE…`, the formation's where vigie knows it: `CECHR` for
    // chambres réunies, `CEASS` for the Assemblée du contentieux.
    let ce = moved(
        "Conseil d'Etat",
        "462782",
        "2023-05-03",
        "2ème - 7ème chambres réunies",
    );
    equal(
        IdField::Number,
        "n° 462782 - ECLI:FR:CECHR:2023:462782.20230503",
        &ce,
    );
    for v in [
        "n° 462782 - ECLI:FR:TAPAR:2023:462782.20230503",
        "462782 ECLI:FR:CESEC:2023:462782.20230503",
        "462782 ECLI:FR:CEASS:2023:462782.20230503",
        "462782 ECLI:FR:CECHS:2023:462782.20230503",
    ] {
        different(IdField::Number, v, &ce, "462782");
    }
    let council = |formation: &str| moved("Conseil d'Etat", "462782", "2023-05-03", formation);
    let ecli = |code: &str| format!("n° 462782 - ECLI:FR:{code}:2023:462782.20230503");
    // (formation, codes that may be its, codes that are another formation's)
    for (formation, fits, contradicts) in [
        (
            "Assemblée du contentieux",
            &["CEASS"][..],
            &["CECHR", "CESEC"][..],
        ),
        // The codes of other formations are left unchecked, but not those vigie knows.
        ("Section du contentieux", &["CESEC"], &["CECHR", "CEASS"]),
        (
            "5ème chambre jugeant seule",
            &["CECHS", "CESJS"],
            &["CECHR", "CEASS"],
        ),
        ("Juge des référés", &["CEORD"], &["CECHR", "CEASS"]),
        // The former sous-sections réunies had a code of their own, which vigie leaves alone.
        (
            "1ère et 6ème sous-sections réunies",
            &["CESSR", "CECHR"],
            &["CEASS"],
        ),
        // A formation vigie cannot read: no code is checked.
        ("Formation xyz", &["CECHR", "CEASS", "CESEC"], &[]),
    ] {
        let r = council(formation);
        for code in fits {
            equal(IdField::Number, &ecli(code), &r);
        }
        for code in contradicts {
            different(IdField::Number, &ecli(code), &r, "462782");
        }
    }
    // A cour administrative d'appel: `CAA` and the letters of its numbers (LY: Lyon).
    let caa = moved(
        "Cour administrative d'appel de Lyon",
        "21LY01234",
        "2022-06-15",
        "4ème chambre",
    );
    equal(
        IdField::Number,
        "21LY01234 - ECLI:FR:CAALY:2022:21LY01234.20220615",
        &caa,
    );
    different(
        IdField::Number,
        "21LY01234 - ECLI:FR:CAAPA:2022:21LY01234.20220615",
        &caa,
        "21LY01234",
    );
    // A source that gives the decision's ECLI (JADE) is compared with it as written.
    let jade = ReferenceDecision {
        ecli: Some("ECLI:FR:CECHR:2023:462782.20230503".into()),
        ..ce.clone()
    };
    equal(
        IdField::Number,
        "462782 - ECLI:FR:CECHR:2023:462782.20230503",
        &jade,
    );
    different(
        IdField::Number,
        "462782 - ECLI:FR:CESEC:2023:462782.20230503",
        &jade,
        "462782",
    );
}

#[test]
fn formations_of_the_administrative_courts_told_apart() {
    // The Conseil d'État.
    let council = |formation: &str| moved("Conseil d'Etat", "462782", "2023-05-03", formation);
    let section = council("Section du Contentieux");
    let assembly = council("Assemblée");
    let referes = council("Juge des référés");
    let joint = council("2ème - 7ème chambres réunies");
    let alone = council("2ème chambre");
    for (reference, shown, same, other) in [
        (
            &section,
            "Section du Contentieux",
            &["Section", "CE, Sect.", "section du contentieux"][..],
            &[
                "Assemblée",
                "Assemblée du contentieux",
                "CE, Ass.",
                "Juge des référés",
                "2ème - 7ème chambres réunies",
                "2ème chambre",
            ][..],
        ),
        (
            &assembly,
            "Assemblée",
            &["Assemblée du contentieux", "CE, Ass.", "Ass."][..],
            &[
                "Section du Contentieux",
                "Section",
                "CE, Sect.",
                "2ème - 7ème chambres réunies",
                "Assemblée plénière",
            ][..],
        ),
        (
            &referes,
            "Juge des référés",
            &["juge des référés", "Juge des référés, formation collégiale"][..],
            &[
                "2ème chambre",
                "2ème - 7ème chambres réunies",
                "Section du contentieux",
                "Assemblée",
            ][..],
        ),
        (
            &joint,
            "2ème - 7ème chambres réunies",
            &[
                "2e et 7e ch. réunies",
                "7ème et 2ème chambres réunies",
                "2ème - 7ème chambres réunies",
                "2ème et 7ème sous-sections réunies",
            ][..],
            &[
                "Section",
                "Assemblée",
                "Section du contentieux",
                "Juge des référés",
                "2ème chambre",
                "2ème - 6ème chambres réunies",
                "Magistrat désigné",
            ][..],
        ),
        (
            &alone,
            "2ème chambre",
            &[
                "2ème chambre jugeant seule",
                "2e ch.",
                "2ème sous-section jugeant seule",
            ][..],
            &[
                "7ème chambre",
                "2ème - 7ème chambres réunies",
                "Section",
                "Juge des référés",
            ][..],
        ),
    ] {
        for v in same {
            equal(IdField::Formation, v, reference);
        }
        for v in other {
            different(IdField::Formation, v, reference, shown);
        }
    }

    // A tribunal administratif, whose sections are numbered, and a cour administrative d'appel.
    let ta = orta_with_formation("6ème Section - 1ère Chambre");
    for v in [
        "6ème Section - 1ère Chambre",
        "6e section, 1re chambre",
        "1ère chambre",
    ] {
        equal(IdField::Formation, v, &ta);
    }
    for v in [
        "6ème Section - 3ème Chambre",
        "3ème Chambre",
        "5ème Section - 1ère Chambre",
        "Formation plénière",
        "Juge des référés",
        "Chambre sociale",
    ] {
        different(IdField::Formation, v, &ta, "6ème Section - 1ère Chambre");
    }
    let caa = moved(
        "Cour administrative d'appel de Lyon",
        "21LY01234",
        "2022-06-15",
        "4ème chambre",
    );
    equal(IdField::Formation, "4e ch.", &caa);
    for v in [
        "5ème chambre",
        "Section du contentieux",
        "Chambre sociale",
        "Juge des référés",
        "Formation plénière",
        "Pôle 4 - Chambre 4",
    ] {
        different(IdField::Formation, v, &caa, "4ème chambre");
    }
    // What vigie cannot tell apart from the reference's raises nothing.
    unknown(IdField::Formation, "Président", &caa);
    unknown(IdField::Formation, "Formation de jugement", &caa);
}

#[test]
fn a_judge_sitting_alone_is_a_formation() {
    // CJA R.222-13: `Magistrat désigné`, `magistrat statuant seul`, as `Juge unique`.
    let ta = orta_with_formation("6ème Section - 1ère Chambre");
    for v in [
        "Magistrat désigné",
        "magistrat statuant seul",
        "Juge unique",
    ] {
        assert_eq!(unreadable(IdField::Formation, v, &ta), None, "{v}");
        // The judge may sit in that chamber: nothing to compare.
        unknown(IdField::Formation, v, &ta);
    }
    let single = orta_with_formation("Magistrat désigné");
    for v in [
        "magistrat désigné",
        "Magistrat statuant seul",
        "Juge unique",
    ] {
        equal(IdField::Formation, v, &single);
    }
    // A collegial formation it cannot be.
    let plenary = orta_with_formation("Formation plénière");
    different(
        IdField::Formation,
        "Magistrat désigné",
        &plenary,
        "Formation plénière",
    );
    different(
        IdField::Formation,
        "Formation plénière",
        &single,
        "Magistrat désigné",
    );
    // A formation named in no words benches have is still none.
    assert_eq!(
        unreadable(IdField::Formation, "XYZ", &single).as_deref(),
        Some("it names no chamber or formation")
    );
}

/// The real order made one of two joined cases, 2520143 and 2520150: `headings` gives the
/// cases their headings, `dispositif` names both in its first article.
fn joined(headings: bool, dispositif: bool) -> String {
    let mut edits = vec![];
    if headings {
        edits.push((
            "Par une requête et mémoires, enregistrés le 24 octobre 2025",
            "I. Sous le n° 2520143, par une requête et mémoires, enregistrés le 24 octobre 2025",
        ));
        edits.push((
            "Vu les autres pièces du dossier.",
            "II. Sous le n° 2520150, par une requête enregistrée le 3 novembre 2025, Mme A... B... demande la même chose.<br/>\nVu les autres pièces du dossier.",
        ));
    }
    if dispositif {
        edits.push((
            "Article 1er : Il est donné acte du désistement de la requête de Mme A... B....",
            "Article 1er : Il est donné acte du désistement des requêtes n° 2520143 et n° 2520150 de Mme A... B....",
        ));
    }
    // Another court's numbers, listed: the first-instance judgment of another case.
    edits.push((
        "Vu le code de justice administrative.",
        "Vu les jugements n° 2411111 et n° 2411112 du tribunal.<br/>\nVu le code de justice administrative.",
    ));
    edit(&orta_xml(), &edits)
}

#[test]
fn numbers_the_decision_joins() {
    for (headings, dispositif) in [(true, false), (false, true), (true, true)] {
        let d = read(&joined(headings, dispositif));
        assert_eq!(d.numbers, ["2520143"], "the source lists one number");
        for v in [
            "n°s 2520143, 2520150",
            "2520143 et 2520150",
            "n° 2520143 et n° 2520150",
            "2520150",
            "TA Cergy-Pontoise, 5 décembre 2025, n°s 2520143, 2520150",
        ] {
            equal(IdField::Number, v, &d);
        }
        for v in ["2520143 et 2520151", "2520143 et 2411112", "2411111"] {
            different(IdField::Number, v, &d, "2520143");
        }
    }
    // Without the headings or the dispositif, the other number is no number of the decision.
    let d = read(&joined(false, false));
    different(IdField::Number, "2520143 et 2520150", &d, "2520143");
}

#[test]
fn joined_numbers_in_an_audit_read_the_stored_text() {
    // The audit keeps reference texts in a store: the joined numbers are read from it.
    let dir = tempfile::tempdir().unwrap();
    let reference = dir.path().join("reference");
    std::fs::create_dir(&reference).unwrap();
    std::fs::write(
        reference.join("ORTA_2520143_20251205.xml"),
        joined(true, true),
    )
    .unwrap();
    let record = |id: &str, number: &str| {
        json!({
            "id": id,
            "source_id": "ORTA_2520143_20251205.xml",
            "jurisdiction": "Tribunal administratif de Cergy-Pontoise",
            "seat": "Cergy-Pontoise",
            "decision_date": "2025-12-05",
            "number": number,
            "attribution": "Source : Conseil d'État, open data des décisions de la justice administrative",
        })
        .to_string()
    };
    let corpus = dir.path().join("corpus.jsonl");
    std::fs::write(
        &corpus,
        [
            record("joined", "n°s 2520143, 2520150"),
            record("ecli", "2520143 - ECLI:FR:TACERGY:2025:2520143.20251205"),
            record("other", "n°s 2520143, 2520151"),
        ]
        .join("\n"),
    )
    .unwrap();
    let report = run_audit(&AuditOptions {
        corpus: vec![corpus],
        reference: vec![reference],
        as_of: Some("2026-11-22T12:00:00Z".parse().unwrap()),
        ..Default::default()
    })
    .report;
    let int006: Vec<(String, String)> = messages(&report)
        .into_iter()
        .filter(|(_, rule, _)| *rule == Rule::INT006)
        .map(|(id, _, message)| (id, message))
        .collect();
    assert_eq!(
        int006,
        [(
            "other".to_string(),
            "number «n°s 2520143, 2520151» contradicts the reference (2520143)".to_string()
        )]
    );
}

#[test]
fn comparisons_unchanged_for_the_real_order() {
    // The real order gives no formation: nothing to compare a formation with.
    let d = read(&orta_xml());
    assert_eq!(
        compare(IdField::Formation, "Magistrat désigné", &d),
        Comparison::Unknown
    );
    equal(IdField::Number, "n° 2520143", &d);
    different(IdField::Number, "2520143 et 2520150", &d, "2520143");
}
