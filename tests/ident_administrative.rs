//! Identification of the decisions of the administrative courts (Conseil d'État, cours
//! administratives d'appel, tribunaux administratifs): the real order of the tribunal
//! administratif de Cergy-Pontoise (`tests/data/ce/ORTA_2520143_20251205.xml`, n° 2520143, 5
//! December 2025), and variants of it built here (another court, a formation, joined cases),
//! read by vigie's own reader.

use vigie::ident::{Comparison, compare, unreadable};
use vigie::model::{IdField, ReferenceDecision};
use vigie::source::parse_bytes;

mod support;
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

#[test]
fn comparisons_unchanged_for_the_real_order() {
    // The real order gives no formation: nothing to compare a formation with.
    let d = read(&orta_xml());
    assert_eq!(
        compare(IdField::Formation, "Magistrat désigné", &d),
        Comparison::Unknown
    );
    equal(IdField::Number, "n° 2520143", &d);
}
