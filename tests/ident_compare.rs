//! Hand-checked cases of SPEC §2.2 "What counts as equal identification".

use jiff::civil::date;
use vigie::ident::{Comparison, compare, reference_display, reference_has, unreadable};
use vigie::model::{IdField, Producer, ReferenceDecision};

mod support;
use support::ident::Want::{Different, Equal, Unknown};
use support::ident::{ID_FIELDS, check, check_all, different, displays, equal, unknown};

fn cc_reference() -> ReferenceDecision {
    // The Judilibre sample decision 19-19.463 (tests/data/judilibre/cc_detail.json).
    ReferenceDecision {
        id: "5fca277de35a255d41ca73ab".into(),
        producer: Producer::CourDeCassation,
        jurisdiction: Some("cc".into()),
        chamber: Some("comm".into()),
        formation: Some("fs".into()),
        decision_date: Some(date(2020, 11, 18)),
        numbers: vec!["19-19.463".into()],
        ..Default::default()
    }
}

/// A reference decision of `jurisdiction`, in `seat` when one is given, and nothing more.
fn court(jurisdiction: &str, seat: Option<&str>) -> ReferenceDecision {
    ReferenceDecision {
        jurisdiction: Some(jurisdiction.into()),
        seat: seat.map(Into::into),
        ..Default::default()
    }
}

/// A reference decision of `jurisdiction` given by its bench, `formation`.
fn bench(jurisdiction: &str, formation: &str) -> ReferenceDecision {
    ReferenceDecision {
        formation: Some(formation.into()),
        ..court(jurisdiction, None)
    }
}

#[test]
fn dates_same_calendar_day() {
    let r = cc_reference();
    for v in [
        "2020-11-18",
        "2020-11-18T10:00:00",
        "2020-11-18T10:00:00Z",
        "18/11/2020",
        "18-11-2020",
        "18.11.2020",
        "18 novembre 2020",
        "18 nov. 2020",
        "mercredi 18 novembre 2020",
        "le 18 NOVEMBRE 2020",
    ] {
        equal(IdField::DecisionDate, v, &r);
    }
    different(IdField::DecisionDate, "19/11/2020", &r, "2020-11-18");
    // Month first, where no 18th month lets it be read day first: the right day, written the
    // American way.
    equal(IdField::DecisionDate, "11/18/2020", &r);
    different(IdField::DecisionDate, "11/19/2020", &r, "2020-11-18");
    // A date no calendar has, either way round, is no date: not the reference's.
    for v in [
        "31/02/2020",
        "2020-13-45",
        "30 février 2020",
        "le 32 novembre 2020",
    ] {
        different(IdField::DecisionDate, v, &r, "2020-11-18");
    }
    unknown(IdField::DecisionDate, "novembre 2020", &r);
    let mut no_date = cc_reference();
    no_date.decision_date = None;
    unknown(IdField::DecisionDate, "18/11/2020", &no_date);
}

#[test]
fn dates_inside_words_compact_english_or_in_part() {
    let r = cc_reference(); // 18 November 2020
    for v in [
        "Arrêt du 18 novembre 2020",
        "18 novembre 2020, Com.",
        "20201118",
        "2020.11.18",
        "18 November 2020",
        "November 18, 2020",
        "Nov. 18th 2020",
        // A year of two digits, in the reference's century.
        "18/11/20",
        // An instant is the day it falls on in France: midnight in Paris, exported in UTC, in
        // ISO 8601 or as JavaScript's `toUTCString` writes it.
        "2020-11-17T23:00:00.000Z",
        "2020-11-18T00:00:00+01:00",
        "Tue, 17 Nov 2020 23:00:00 GMT",
        // Several days, the decision's among them.
        "Audience du 7 octobre 2020, arrêt du 18 novembre 2020",
        // In words.
        "le dix-huit novembre 2020",
        "le dix-huit novembre deux mille vingt",
        "mercredi dix-huit novembre deux mille vingt",
    ] {
        equal(IdField::DecisionDate, v, &r);
        assert_eq!(unreadable(IdField::DecisionDate, v, &r), None, "{v}");
    }
    for v in [
        "Arrêt du 19 novembre 2020",
        "19 November 2020",
        "20201119",
        "2020.11.19",
        "19/11/20",
        "18/11/21",
        "le dix-neuf novembre deux mille vingt",
        "le dix-huit novembre deux mille vingt et un",
        "2020-11-18T23:30:00Z", // the 19th in Paris
        // Part of another day.
        "2019",
        "octobre 2020",
        "2020-10",
        "10/2020",
        "19 novembre",
        // No calendar has it.
        "2020-13-05",
        "31/02/20",
    ] {
        different(IdField::DecisionDate, v, &r, "2020-11-18");
        assert_eq!(unreadable(IdField::DecisionDate, v, &r), None, "{v}");
    }
    // The right day with words that are part of no identification glued to it or beside it:
    // the date shown is not the reference's as it stands (CC V: « L'interdiction d'altérer les
    // données »).
    for v in ["2020-11-18xyz", "2020-11-18 xxxx", "18 novembre 2020 lorem"] {
        different(IdField::DecisionDate, v, &r, "2020-11-18");
    }
    // So is a date vigie reads only in part (a day in words, a month) with such a word beside
    // it: whatever the rest may say, the value is not the reference's date as it stands.
    for v in [
        "le dix-huit novembre 2020 xxxx",
        "novembre 2020 xxxx",
        "18-NOV-20 lorem",
    ] {
        different(IdField::DecisionDate, v, &r, "2020-11-18");
        assert_eq!(unreadable(IdField::DecisionDate, v, &r), None, "{v}");
    }
    // No date at all beside such a word identifies nothing: INT005, as without it.
    unknown(IdField::DecisionDate, "hier xxxx", &r);
    assert_eq!(
        unreadable(IdField::DecisionDate, "hier xxxx", &r).as_deref(),
        Some("no date can be read in it")
    );
    // Part of the right day, or nothing of a day: too little to identify the decision.
    for (v, why) in [
        ("2020", "it gives only a year"),
        ("novembre 2020", "it gives no day"),
        ("2020-11", "it gives no day"),
        ("18 novembre", "it gives no year"),
        ("hier", "no date can be read in it"),
        ("date du prononcé", "no date can be read in it"),
        ("45248", "no date can be read in it"),
    ] {
        unknown(IdField::DecisionDate, v, &r);
        assert_eq!(
            unreadable(IdField::DecisionDate, v, &r).as_deref(),
            Some(why),
            "{v}"
        );
    }
    // A day vigie reads only in part, in a longer value: nothing to say.
    for v in ["18 novembre 20", "18 11 2020", "18-NOV-20"] {
        unknown(IdField::DecisionDate, v, &r);
        assert_eq!(unreadable(IdField::DecisionDate, v, &r), None, "{v}");
    }
    // Nothing to say when the reference has no date, or when the value shows none.
    let mut no_date = cc_reference();
    no_date.decision_date = None;
    assert_eq!(unreadable(IdField::DecisionDate, "hier", &no_date), None);
    assert_eq!(unreadable(IdField::DecisionDate, "N/A", &r), None);
}

#[test]
fn courts_and_benches_vigie_has_no_table_for() {
    let r = cc_reference();
    // Other courts: a contradiction.
    for v in [
        "Conseil constitutionnel",
        "Cour des comptes",
        "Cour nationale du droit d'asile",
        "CJUE",
        "Cour de justice de l'Union européenne",
        "Cour européenne des droits de l'homme",
        "CEDH",
        "Cour d'assises de Paris",
    ] {
        different(IdField::Jurisdiction, v, &r, "Cour de cassation");
        assert_eq!(unreadable(IdField::Jurisdiction, v, &r), None, "{v}");
    }
    // A court in words vigie cannot read, with a word that is part of no identification: not
    // the reference's court.
    for v in ["Cour de cass. xxxx", "Court of Cassation lorem"] {
        different(IdField::Jurisdiction, v, &r, "Cour de cassation");
    }
    // A court in words vigie cannot read: nothing to say.
    for v in ["Cour de cass.", "Court of Cassation", "Paris, Cour d'appel"] {
        assert_ne!(
            compare(IdField::Jurisdiction, v, &r),
            Comparison::Different {
                expected: "Cour de cassation".into()
            },
            "{v}"
        );
        assert_eq!(unreadable(IdField::Jurisdiction, v, &r), None, "{v}");
    }
    // No court at all: it identifies nothing.
    for v in ["XYZ", "Haute juridiction", "Juridiction administrative"] {
        unknown(IdField::Jurisdiction, v, &r);
        assert_eq!(
            unreadable(IdField::Jurisdiction, v, &r).as_deref(),
            Some("it names no court"),
            "{v}"
        );
    }
    // A court merged into the tribunal judiciaire may still name its decisions: unknown.
    let tj = court("tj75056", None);
    unknown(IdField::Jurisdiction, "Tribunal d'instance de Paris", &tj);
    assert_eq!(
        unreadable(IdField::Jurisdiction, "Tribunal d'instance de Paris", &tj),
        None
    );

    // Benches of other courts, or no longer sitting, on a Cour de cassation decision.
    // The chamber's official name, then the formation, as the reference shows them.
    let expected = "Chambre commerciale, financière et économique - Formation de section";
    assert_eq!(
        reference_display(IdField::Formation, &r).as_deref(),
        Some(expected)
    );
    for v in [
        "Pôle 4 - Chambre 9",
        "Juge des référés",
        "Section du contentieux",
        "Chambre des requêtes",
        "Tribunal des conflits",
    ] {
        different(IdField::Formation, v, &r, expected);
    }
    // The first president's orders are a formation of the Cour de cassation.
    let ordo = ReferenceDecision {
        formation: Some("Première présidence (Ordonnance)".into()),
        chamber: None,
        ..cc_reference()
    };
    equal(IdField::Formation, "Premier président", &ordo);
    // A bench in words vigie cannot read is not a contradiction; no bench at all is unreadable.
    for v in [
        "1re chambre",
        "Commercial Chamber",
        "Chambre commerciale n° 1",
        "Chambre du conseil",
    ] {
        unknown(IdField::Formation, v, &r);
        assert_eq!(unreadable(IdField::Formation, v, &r), None, "{v}");
    }
    assert_eq!(
        unreadable(IdField::Formation, "XYZ", &r).as_deref(),
        Some("it names no chamber or formation of the Cour de cassation")
    );

    // The formations of the Conseil d'État tell each other apart.
    let ce = bench("Conseil d'État", "10ème - 9ème chambres réunies");
    for v in [
        "Assemblée du contentieux",
        "Section du contentieux",
        "Juge des référés",
        "chambre jugeant seule",
    ] {
        different(IdField::Formation, v, &ce, "10ème - 9ème chambres réunies");
    }
    assert_eq!(
        unreadable(IdField::Formation, "XYZ", &ce).as_deref(),
        Some("it names no chamber or formation")
    );
}

#[test]
fn numbers_same_digits() {
    let mut r = cc_reference();
    r.numbers = vec!["20-23.523".into()];
    for v in [
        "20-23.523",
        "20-23523",
        "n° H 20-23.523",
        "Pourvoi n° H 20-23.523 F-B",
    ] {
        equal(IdField::Number, v, &r);
    }
    different(IdField::Number, "20-23.532", &r, "20-23.523");
    different(IdField::Number, "20-23.523, 20-23.524", &r, "20-23.523");
    unknown(IdField::Number, "n°", &r);

    r.numbers = vec!["20-23.523".into(), "20-23.524".into()];
    equal(IdField::Number, "20-23.523, 20-23.524", &r);
    equal(IdField::Number, "20-23.523 et 20-23.524", &r);
    equal(IdField::Number, "20-23.524", &r);
    different(IdField::Number, "20-23.525", &r, "20-23.523, 20-23.524");

    let ca = ReferenceDecision {
        numbers: vec!["20/00804".into()],
        ..court("ca", Some("ca_chambery"))
    };
    equal(IdField::Number, "20/00804", &ca);
    equal(IdField::Number, "2000804", &ca);
    equal(IdField::Number, "RG n° 20/00804", &ca);
    different(IdField::Number, "20/00805", &ca, "20/00804");

    let dila = ReferenceDecision {
        numbers: vec!["23-80251".into()],
        ..court("Cour de cassation", None)
    };
    equal(IdField::Number, "n° E 23-80.251 F-B", &dila);
    equal(IdField::Number, "23-80.251", &dila);
}

/// Publishers show the decision's own arrêt number beside its pourvoi number: the reference
/// gives it in its ECLI (`…:CR01078`, as DILA's `NUMERO` `C2301078`) or its header (`Arrêt n°
/// 740 FS-P+B`; `N° 01078` alone in a criminal judgment's). The right one labelled or bare is
/// no contradiction; a wrong one labelled as such is, and so is a wrong pourvoi number beside
/// the right arrêt number.
#[test]
fn numbers_beside_the_decisions_arret_number() {
    // DILA JURITEXT000048176061: pourvoi 23-80.251, arrêt N° 01078.
    let crim = ReferenceDecision {
        numbers: vec!["23-80251".into()],
        ecli: Some("ECLI:FR:CCASS:2023:CR01078".into()),
        ..court("Cour de cassation", None)
    };
    for v in [
        "Pourvoi n° 23-80.251 - Arrêt n° 01078",
        "pourvoi n° 23-80.251 (arrêt n° 1078)",
        "23-80.251, arrêt n°01078",
        "N° E 23-80.251 F-B - ARRÊT N° 01078",
        "23-80.251 Arr. n° 1078",
        "23-80.251 01078",
        "Arrêt n° 1078",
    ] {
        equal(IdField::Number, v, &crim);
    }
    let shown = "23-80251, arrêt n° 1078";
    different(
        IdField::Number,
        "Pourvoi n° 23-80.251 - Arrêt n° 01079",
        &crim,
        shown,
    );
    different(IdField::Number, "23-80.251 (arrêt n° 1077)", &crim, shown);
    different(IdField::Number, "Arrêt n° 01079", &crim, shown);
    // The decision's own ECLI identifies it as well as its number; another ECLI does not.
    equal(IdField::Number, "ECLI:FR:CCASS:2023:CR01078", &crim);
    equal(
        IdField::Number,
        "23-80.251 (ECLI:FR:CCASS:2023:CR01078)",
        &crim,
    );
    different(
        IdField::Number,
        "ECLI:FR:CCASS:2023:CR01079",
        &crim,
        "23-80251",
    );
    different(
        IdField::Number,
        "23-80.251, ECLI:FR:CCASS:2023:CR01079",
        &crim,
        "23-80251",
    );
    // A wrong pourvoi number beside the right arrêt number, a bare number that is neither.
    different(
        IdField::Number,
        "Pourvoi n° 23-80.252 - Arrêt n° 01078",
        &crim,
        "23-80251",
    );
    different(IdField::Number, "23-80.251 01079", &crim, "23-80251");
    different(IdField::Number, "23-80.251 1079", &crim, "23-80251");
    // Not an arrêt number's shape: compared as a case number.
    different(
        IdField::Number,
        "23-80.251 arrêt n° 23-80.252",
        &crim,
        "23-80251",
    );

    // No ECLI: the header gives the arrêt number (Judilibre's text of 19-19.463).
    let mut comm = cc_reference();
    comm.text =
        "COMM.\n\nFB\n\nCOUR DE CASSATION\n\nArrêt n° 740 FS-P+B\n\nPourvoi n° Y 19-19.463\n"
            .into();
    equal(
        IdField::Number,
        "Pourvoi n° Y 19-19.463 - Arrêt n° 740",
        &comm,
    );
    equal(IdField::Number, "19-19.463 (arrêt n° 00740)", &comm);
    different(
        IdField::Number,
        "19-19.463, arrêt n° 741",
        &comm,
        "19-19.463, arrêt n° 740",
    );
    let mut header = crim.clone();
    header.ecli = None;
    header.text = "N° E 23-80.251 F-B\n\n N° 01078\n\n ODVS\n 3 OCTOBRE 2023\n".into();
    equal(IdField::Number, "23-80.251 - Arrêt n° 1078", &header);
    different(IdField::Number, "23-80.251 - Arrêt n° 1079", &header, shown);

    // The reference gives no arrêt number: a labelled one cannot be checked, and nothing is
    // told; a wrong pourvoi number beside it still contradicts the reference.
    let bare = cc_reference();
    unknown(
        IdField::Number,
        "Pourvoi n° Y 19-19.463 - Arrêt n° 740",
        &bare,
    );
    unknown(IdField::Number, "Arrêt n° 740", &bare);
    different(
        IdField::Number,
        "19-19.464 - Arrêt n° 740",
        &bare,
        "19-19.463",
    );
    different(IdField::Number, "19-19.463 740", &bare, "19-19.463");
    // A court of appeal's `Arrêt n°` beside its RG number, and a wrong RG number so labelled.
    let ca = ReferenceDecision {
        numbers: vec!["20/00804".into()],
        ..court("ca", Some("ca_chambery"))
    };
    unknown(IdField::Number, "RG n° 20/00804 - Arrêt n° 123", &ca);
    different(IdField::Number, "Arrêt n° 20/00805", &ca, "20/00804");
}

/// Publishers cite the number with the decision's date, and the court and chamber before it:
/// the number is read apart from the date, and the date must be the decision's (the Judilibre
/// sample 19-19.463 of 18 November 2020; the court of appeal's RG number of the review's case).
#[test]
fn numbers_cited_with_the_decisions_date() {
    let r = cc_reference();
    for v in [
        "n° 19-19.463 du 18 novembre 2020",
        "19-19.463 (18/11/2020)",
        "Com., 18 nov. 2020, n° 19-19.463",
        "Cass. com., 18 novembre 2020, pourvoi n° Y 19-19.463, FS-P+B",
        "n° 19-19.463 du 2020-11-18",
    ] {
        equal(IdField::Number, v, &r);
    }
    // Another day: the message gives the reference's number and day.
    different(
        IdField::Number,
        "n° 19-19.463 du 19 novembre 2020",
        &r,
        "19-19.463 du 18 novembre 2020",
    );
    // A wrong number is still one, dated right or not.
    different(
        IdField::Number,
        "n° 19-19.464 du 18 novembre 2020",
        &r,
        "19-19.463",
    );
    different(
        IdField::Number,
        "Com., 18 nov. 2020, n° 19-19.464",
        &r,
        "19-19.463",
    );
    // A date alone is no number, and says another than the reference's (the regression
    // review's case: it passed unseen).
    for v in [
        "du 18 novembre 2020",
        "18/11/2020",
        "2020-11-18",
        "arrêt du 18 novembre 2020",
    ] {
        different(IdField::Number, v, &r, "19-19.463");
    }
    // Without the decision's date in the reference, the date cannot be checked.
    let undated = ReferenceDecision {
        decision_date: None,
        ..cc_reference()
    };
    unknown(
        IdField::Number,
        "n° 19-19.463 du 18 novembre 2020",
        &undated,
    );
    let ca = ReferenceDecision {
        numbers: vec!["20/00804".into()],
        decision_date: Some(date(2020, 11, 18)),
        ..court("ca", Some("ca_chambery"))
    };
    equal(
        IdField::Number,
        "CA Chambéry, 18 nov. 2020, RG n° 20/00804",
        &ca,
    );
    different(
        IdField::Number,
        "CA Chambéry, 18 nov. 2020, RG n° 20/00805",
        &ca,
        "20/00804",
    );
}

/// `N et k autres` on a decision that joins pourvois: the right number and no more others than
/// the reference lists (DILA JURITEXT000048242191: 21-25.274 to 21-25.277).
#[test]
fn a_number_and_how_many_others() {
    let joined = ReferenceDecision {
        numbers: ["21-25274", "21-25275", "21-25276", "21-25277"]
            .map(String::from)
            .to_vec(),
        ecli: Some("ECLI:FR:CCASS:2023:C201046".into()),
        ..court("Cour de cassation", None)
    };
    let shown = "21-25274, 21-25275, 21-25276, 21-25277";
    for v in [
        "21-25.274 et 3 autres",
        "21-25.274 et 2 autres",
        "21-25.274 et 1 autre",
        "n° F 21-25.274 (+ 3 autres)",
        "21-25.276 et 3 autres",
        "21-25.274 à 21-25.277",
        "Pourvois n° 21-25.274 et 3 autres - Arrêt n° 1046",
    ] {
        equal(IdField::Number, v, &joined);
    }
    different(IdField::Number, "21-25.274 et 4 autres", &joined, shown);
    different(IdField::Number, "21-25.278 et 3 autres", &joined, shown);
    different(IdField::Number, "21-25.274 et 0 autres", &joined, shown);
    let single = cc_reference();
    different(
        IdField::Number,
        "19-19.463 et 1 autre",
        &single,
        "19-19.463",
    );
    unknown(IdField::Number, "et 3 autres", &joined);
}

#[test]
fn jurisdiction_same_court() {
    let aix = court("ca", Some("ca_aix_provence"));
    displays(
        IdField::Jurisdiction,
        &aix,
        "Cour d'appel d'Aix-en-Provence",
    );
    let ta_code = court("TA95", None);
    displays(
        IdField::Jurisdiction,
        &ta_code,
        "Tribunal administratif de Cergy-Pontoise",
    );
    let administrative = |jurisdiction: &str| ReferenceDecision {
        producer: Producer::ConseilEtat,
        ..court(jurisdiction, None)
    };
    check_all(
        IdField::Jurisdiction,
        &[
            (
                &cc_reference(),
                "Cour de cassation",
                &[
                    ("Cour de cassation", Equal),
                    ("Cass.", Equal),
                    ("cc", Equal),
                    ("C. cass.", Equal),
                    ("COUR DE CASSATION", Equal),
                    ("Conseil d'État", Different),
                    ("Cour d'appel de Paris", Different),
                    ("Haute juridiction", Unknown),
                ],
            ),
            (
                &court("ca", Some("ca_paris")),
                "Cour d'appel de Paris",
                &[
                    ("Cour d'appel de Paris", Equal),
                    ("CA Paris", Equal),
                    ("CA de Paris", Equal),
                    ("ca_paris", Equal),
                    ("Cour d'appel", Equal),
                    ("ca", Equal),
                    ("Cour d'appel de Lyon", Different),
                    ("CA Versailles", Different),
                    ("Tribunal judiciaire de Paris", Different),
                ],
            ),
            (
                &aix,
                "Cour d'appel d'Aix-en-Provence",
                &[("Cour d'appel d'Aix-en-Provence", Equal), ("CA Aix", Equal)],
            ),
            (
                &court("tj33063", None),
                "Tribunal judiciaire de Bordeaux",
                &[
                    ("Tribunal judiciaire de Bordeaux", Equal),
                    ("TJ Bordeaux", Equal),
                    ("tj33063", Equal),
                    ("Tribunal judiciaire", Equal),
                    ("TJ Lyon", Different),
                    ("tj99999", Unknown),
                ],
            ),
            (
                &court("tj99999", None),
                "Tribunal judiciaire",
                &[("TJ Lyon", Unknown), ("Tribunal judiciaire", Equal)],
            ),
            (
                &court("tcom", Some("0605")),
                "Tribunal de commerce de Nice",
                &[
                    ("Tribunal de commerce", Equal),
                    ("tcom", Equal),
                    ("T. com.", Equal),
                    ("Tribunal de commerce de Nice", Equal),
                    ("Tribunal de commerce de Cannes", Different),
                ],
            ),
            (
                &court("cph", None),
                "Conseil de prud'hommes",
                &[
                    ("Conseil de prud'hommes", Equal),
                    ("cph", Equal),
                    ("Tribunal de commerce", Different),
                ],
            ),
            (
                &administrative("Conseil d'État"),
                "Conseil d'État",
                &[
                    ("Conseil d'État", Equal),
                    ("CE", Equal),
                    ("Conseil d'Etat", Equal),
                ],
            ),
            (
                &administrative("Tribunal Administratif de Cergy-Pontoise"),
                "Tribunal Administratif de Cergy-Pontoise",
                &[
                    ("Tribunal administratif de Cergy-Pontoise", Equal),
                    ("TA Cergy-Pontoise", Equal),
                    ("TA95", Equal),
                    ("Tribunal administratif", Equal),
                    ("TA Montreuil", Different),
                ],
            ),
            (
                &ta_code,
                "Tribunal administratif de Cergy-Pontoise",
                &[("Tribunal administratif de Cergy-Pontoise", Equal)],
            ),
            (
                &court("Cour administrative d'appel de Lyon", None),
                "Cour administrative d'appel de Lyon",
                &[
                    ("CAA Lyon", Equal),
                    ("CAA de Lyon", Equal),
                    ("CAA Paris", Different),
                    ("Cour d'appel de Lyon", Different),
                ],
            ),
        ],
    );
}

/// The common abbreviations of French courts name the court they abbreviate: none contradicts
/// a reference of that court; one with another seat, or of another kind of court, does. A
/// spelling vigie cannot read (the abolished tribunal d'instance, whose work the tribunal
/// judiciaire took over; a chamber where the seat would be) contradicts nothing.
#[test]
fn common_abbreviations_of_courts() {
    let cases: [(ReferenceDecision, &[&str], &[&str]); 9] = [
        (
            court("cc", None),
            &[
                "Cass.",
                "Cass",
                "C. cass.",
                "C. de cass.",
                "Cass. civ. 1re",
                "Cass. crim.",
                "Cass., ch. crim.",
            ],
            &["CE", "CA Paris", "TC"],
        ),
        (
            court("ca", Some("ca_paris")),
            &[
                "CA Paris",
                "CA, Paris",
                "C.A. Paris",
                "C. A. de Paris",
                "CA Paris, pôle 4, ch. 2",
                "CA Paris 1re ch.",
                "CA",
            ],
            &["CA Lyon", "C.A. Lyon", "CAA Paris", "TJ Paris", "TC Paris"],
        ),
        (
            court("tj", Some("tj75056")),
            &[
                "TJ Paris",
                "TJ de Paris",
                "TGI Paris",
                "T.G.I. Paris",
                "Trib. jud. Paris",
                "T. jud. Paris",
                "Tribunal de grande instance de Paris",
                "T. corr. Paris",
                "Tribunal correctionnel de Paris",
                // A tribunal correctionnel.
                "TC Paris",
                "TJ Paris, 1re ch.",
                "TJ",
            ],
            &[
                "TJ Lyon",
                "TGI Créteil",
                "CA Paris",
                "TC Lyon",
                "T. com. Paris",
            ],
        ),
        (
            court("tcom", Some("0605")),
            &[
                "TC Nice",
                "T.C. Nice",
                "TC",
                "T. com. Nice",
                "T. comm. Nice",
                "Trib. com. Nice",
                "Trib. comm. Nice",
                "TCOM Nice",
                "TAE Nice",
            ],
            &["TC Cannes", "T. com. Cannes", "TJ Nice", "CA Nice"],
        ),
        (
            court("cph", Some("ca_paris")),
            &[
                "CPH Paris",
                "C.P.H. Paris",
                "Cons. prud'h. Paris",
                "Cons. prud'hommes Paris",
                "Conseil des prud'hommes de Paris",
                "CPH",
            ],
            &["CPH Lyon", "TJ Paris", "TC Paris"],
        ),
        (
            court("Tribunal administratif de Cergy-Pontoise", None),
            &[
                "TA Cergy-Pontoise",
                "T.A. Cergy-Pontoise",
                "TA Cergy",
                "Trib. adm. Cergy-Pontoise",
                "TA",
            ],
            &["TA Paris", "CAA Versailles", "TC"],
        ),
        (
            court("Cour administrative d'appel de Lyon", None),
            &[
                "CAA Lyon",
                "C.A.A. Lyon",
                "Cour adm. d'appel de Lyon",
                "CAA",
            ],
            &["CAA Paris", "CA Lyon", "TA Lyon"],
        ),
        (
            court("Conseil d'État", None),
            &[
                "CE",
                "C.E.",
                "CE, sect.",
                "CE, 5e et 6e ch. réunies",
                "Cons. d'Ét.",
                "Cons. État",
                "Conseil d'Etat, 10ème chambre",
            ],
            &["Cass.", "CAA Paris", "TC"],
        ),
        (
            court("Tribunal des conflits", None),
            &[
                "TC",
                "TC Paris",
                "T.C.",
                "T. confl.",
                "Tribunal des conflits",
            ],
            &["CE", "Cass.", "TC Lyon"],
        ),
    ];
    for (r, same, other) in &cases {
        let name = reference_display(IdField::Jurisdiction, r).unwrap();
        for v in *same {
            equal(IdField::Jurisdiction, v, r);
        }
        for v in *other {
            different(IdField::Jurisdiction, v, r, &name);
        }
        for v in [
            "TI Paris",
            "Tribunal d'instance de Paris",
            "Haute juridiction",
        ] {
            assert_ne!(
                compare(IdField::Jurisdiction, v, r),
                Comparison::Equal,
                "{v} for {name}"
            );
        }
    }
    // A chamber where the seat would be: the court, its seat unread.
    let ca = &cases[1].0;
    for v in ["Cour d'appel, 1re chambre", "CA, 2e ch.", "CA, pôle 4"] {
        unknown(IdField::Jurisdiction, v, ca);
        unknown(IdField::Seat, v, ca);
    }
    let tj = &cases[2].0;
    unknown(IdField::Jurisdiction, "TJ, JAF", tj);
    unknown(IdField::Jurisdiction, "TI Paris", tj);
    // In the seat field too, an abbreviated court names its seat, and one vigie cannot read
    // names none.
    for (v, r) in [
        ("T.G.I. Paris", tj),
        ("T. corr. Paris", tj),
        ("C.A. Paris", ca),
        ("Cons. prud'h. Paris", &cases[4].0),
        ("T.A. Cergy", &cases[5].0),
        ("T.C. Nice", &cases[3].0),
        ("T. comm. Nice", &cases[3].0),
        ("C.E.", &cases[7].0),
    ] {
        equal(IdField::Seat, v, r);
    }
    different(IdField::Seat, "C.A. Lyon", ca, "Paris");
    for v in ["TI Paris", "Tribunal d'instance de Lyon", "TC"] {
        unknown(IdField::Seat, v, tj);
    }
}

#[test]
fn formation_cour_de_cassation() {
    check_all(
        IdField::Formation,
        &[
            (
                &cc_reference(), // comm + fs
                "Chambre commerciale, financière et économique - Formation de section",
                &[
                    ("Chambre commerciale, financière et économique", Equal),
                    // HTML entities are read as the letters they stand for, as a page shows
                    // them.
                    (
                        "Chambre commerciale, financi&egrave;re et &eacute;conomique",
                        Equal,
                    ),
                    ("Premi&egrave;re chambre civile", Different),
                    ("Chambre commerciale", Equal),
                    ("Com.", Equal),
                    ("comm", Equal),
                    ("CHAMBRE_COMMERCIALE", Equal),
                    ("Formation de section", Equal),
                    ("FS", Equal),
                    ("FS-P+B", Equal),
                    (
                        "Chambre commerciale, financière et économique - Formation de section",
                        Equal,
                    ),
                    ("comm fs", Equal),
                    ("Cour de cassation, civile, Chambre commerciale", Equal),
                    ("Chambre sociale", Different),
                    ("Soc.", Different),
                    ("Crim.", Different),
                    ("Première chambre civile", Different),
                    ("civ1", Different),
                    ("Civ. 1re", Different),
                    ("Ass. plén.", Different),
                    ("Ch. mixte", Different),
                    ("Formation restreinte", Different),
                    ("FP", Different),
                    ("Com. F-B", Different),
                    ("1re chambre", Unknown),
                    ("civ1 civ2", Unknown),
                    ("chambre des requêtes", Different),
                ],
            ),
            // A part the record omits is no contradiction; a part the reference lacks cannot be
            // checked.
            (
                &ReferenceDecision {
                    chamber: Some("civ1".into()),
                    ..court("cc", None)
                },
                "Chambre civile 1",
                &[
                    ("Première chambre civile", Equal),
                    ("civ1", Equal),
                    ("Chambre civile 1", Equal),
                    ("CHAMBRE_CIVILE_1", Equal),
                    ("Civ. 1re", Equal),
                    ("1re Civ.", Equal),
                    ("Première chambre civile - Formation de section", Equal),
                    ("civ1 fs", Equal),
                    ("Formation de section", Unknown),
                    ("Deuxième chambre civile", Different),
                ],
            ),
            // A restricted formation covers both kinds of restricted formation.
            (
                &ReferenceDecision {
                    chamber: Some("cr".into()),
                    formation: Some("frh".into()),
                    ..court("cc", None)
                },
                "Chambre criminelle - Formation restreinte hors RNSM/NA",
                &[
                    ("Formation restreinte", Equal),
                    ("Crim., F", Equal),
                    ("Formation restreinte hors RNSM/NA", Equal),
                    ("Formation restreinte RNSM/NA", Different),
                ],
            ),
            // DILA references carry the chamber as FORMATION.
            (
                &ReferenceDecision {
                    producer: Producer::Legifrance,
                    chamber: Some("ASSEMBLEE_PLENIERE".into()),
                    ..court("Cour de cassation", None)
                },
                "Assemblée plénière",
                &[
                    ("Assemblée plénière", Equal),
                    ("Ass. plén.", Equal),
                    ("Chambre mixte", Different),
                ],
            ),
        ],
    );
}

#[test]
fn formation_other_courts() {
    let ca = ReferenceDecision {
        chamber: Some("Pôle 4 - Chambre 9".into()),
        ..court("ca", Some("ca_paris"))
    };
    check_all(
        IdField::Formation,
        &[
            (
                &ca,
                "Pôle 4 - Chambre 9",
                &[
                    ("pôle 4, chambre 9", Equal),
                    ("Pôle 4 chambre 9", Equal),
                    ("pôle 4, chambre 10", Different),
                    ("pôle 5, chambre 9", Different),
                    ("chambre sociale", Unknown),
                ],
            ),
            (
                &bench("Tribunal administratif de Lyon", "1ère chambre"),
                "1ère chambre",
                &[
                    ("1re chambre", Equal),
                    ("première chambre", Equal),
                    ("1ERE CHAMBRE", Equal),
                    ("5ème chambre", Different),
                    // The juge des référés is a formation of its own, no chamber.
                    ("juge des référés", Different),
                    ("Magistrat désigné", Unknown),
                ],
            ),
            (
                &bench("Conseil d'État", "10ème - 9ème chambres réunies"),
                "10ème - 9ème chambres réunies",
                &[
                    ("9ème et 10ème chambres réunies", Equal),
                    ("10e et 9e chambres réunies", Equal),
                    ("10ème chambre", Different),
                ],
            ),
            (
                &bench("Conseil d'État", "Section du contentieux"),
                "Section du contentieux",
                &[
                    ("section du contentieux", Equal),
                    ("Assemblée du contentieux", Different),
                ],
            ),
            (
                &bench("Tribunal administratif de Lyon", "juge des référés"),
                "juge des référés",
                &[("Juge des référés", Equal), ("JUGE DES REFERES", Equal)],
            ),
        ],
    );
}

#[test]
fn seat_same_city() {
    let cc = cc_reference();
    assert!(reference_has(IdField::Seat, &cc));
    let unknown_code = court("tj", Some("tj12345"));
    unknown(IdField::Seat, "Paris", &unknown_code);
    assert!(reference_has(IdField::Seat, &unknown_code));
    displays(IdField::Seat, &unknown_code, "tj12345");
    let seatless = court("ca", None);
    assert!(!reference_has(IdField::Seat, &seatless));
    unknown(IdField::Seat, "Paris", &seatless);
    check_all(
        IdField::Seat,
        &[
            (
                &cc,
                "Paris",
                &[
                    ("Paris", Equal),
                    ("PARIS", Equal),
                    ("paris", Equal),
                    ("Cour de cassation", Equal),
                    ("Lyon", Different),
                ],
            ),
            (
                &court("ca", Some("ca_aix_en_provence")),
                "Aix-en-Provence",
                &[
                    ("Aix-en-Provence", Equal),
                    ("aix en provence", Equal),
                    ("AIX-EN-PROVENCE", Equal),
                    ("Cour d'appel d'Aix-en-Provence", Equal),
                    ("ca_aix_provence", Equal),
                    ("Marseille", Different),
                ],
            ),
            (
                &court("ca", Some("ca_paris")),
                "Paris",
                &[
                    ("Paris", Equal),
                    ("Cour d'appel de Paris", Equal),
                    ("ca_paris", Equal),
                    ("tj75056", Equal),
                    ("Versailles", Different),
                ],
            ),
            (
                &court("tj", Some("tj75056")),
                "Paris",
                &[("Paris", Equal), ("Bobigny", Different)],
            ),
            (
                &court("tj", Some("tj42218")),
                "Saint-Étienne",
                &[
                    ("St-Etienne", Equal),
                    ("Saint Étienne", Equal),
                    ("Saint-Denis", Different),
                ],
            ),
            (
                &court("tj97411", None),
                "Saint-Denis de La Réunion",
                &[("Saint-Denis", Equal), ("Saint-Denis (La Réunion)", Equal)],
            ),
            (&court("Conseil d'État", None), "Paris", &[("Paris", Equal)]),
            (
                &court("Tribunal Administratif de Cergy-Pontoise", None),
                "Cergy-Pontoise",
                &[
                    ("Cergy-Pontoise", Equal),
                    ("CERGY PONTOISE", Equal),
                    ("Versailles", Different),
                ],
            ),
        ],
    );
}

#[test]
fn what_the_reference_gives() {
    let r = cc_reference();
    for (field, shown) in [
        (IdField::Jurisdiction, "Cour de cassation"),
        (
            IdField::Formation,
            "Chambre commerciale, financière et économique - Formation de section",
        ),
        (IdField::Seat, "Paris"),
        (IdField::DecisionDate, "2020-11-18"),
        (IdField::Number, "19-19.463"),
    ] {
        assert!(reference_has(field, &r), "{field:?}");
        displays(field, &r, shown);
    }

    let empty = ReferenceDecision::default();
    for field in ID_FIELDS {
        assert!(!reference_has(field, &empty), "{field:?}");
        assert_eq!(reference_display(field, &empty), None);
        assert_eq!(compare(field, "quelque chose", &empty), Comparison::Unknown);
    }
    // An empty record value is for INT005 to report, not a contradiction.
    assert_eq!(
        compare(IdField::Jurisdiction, "  ", &r),
        Comparison::Unknown
    );
}

#[test]
fn displays_spell_codes_out() {
    let caa = court("Cour administrative d'appel", Some("Lyon"));
    let tcom = court("tcom", Some("7202"));
    let ce = court("CE", None);
    for (reference, shown) in [
        (
            &court("ca", Some("ca_st_denis_reunion")),
            "Cour d'appel de Saint-Denis de La Réunion",
        ),
        (&caa, "Cour administrative d'appel de Lyon"),
        (&tcom, "Tribunal des activités économiques du Mans"),
        (&court("tj", Some("tj06088")), "Tribunal judiciaire de Nice"),
        (&ce, "Conseil d'État"),
    ] {
        displays(IdField::Jurisdiction, reference, shown);
    }
    displays(IdField::Seat, &tcom, "Le Mans");
    equal(IdField::Jurisdiction, "CAA Lyon", &caa);
    equal(IdField::Seat, "Le Mans", &tcom);
    equal(IdField::Jurisdiction, "Tribunal de commerce du Mans", &tcom);
    // A court's abbreviation as the seat names the court's city.
    equal(IdField::Seat, "CE", &ce);
    equal(IdField::Seat, "Cass.", &cc_reference());
}

#[test]
fn conseil_de_prudhommes_by_code() {
    let cph = court("cph", Some("101152"));
    check(
        IdField::Jurisdiction,
        &cph,
        "Conseil de prud'hommes d'Annemasse",
        &[
            ("Conseil de prud'hommes d'Annemasse", Equal),
            ("CPH Annemasse", Equal),
            ("Conseil de prud'hommes de Lyon", Different),
        ],
    );
    equal(IdField::Seat, "Annemasse", &cph);
    different(IdField::Seat, "Annecy", &cph, "Annemasse");
    // A CPH code vigie has no table for: the seat cannot be checked.
    let unknown_cph = court("cph", Some("109999"));
    unknown(IdField::Seat, "Annemasse", &unknown_cph);
    unknown(IdField::Jurisdiction, "CPH Annemasse", &unknown_cph);
}
