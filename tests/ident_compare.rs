//! Hand-checked cases of SPEC §2.2 "What counts as equal identification".

use jiff::civil::date;
use vigie::ident::{Comparison, compare, reference_display, reference_has, unreadable};
use vigie::model::{IdField, Producer, ReferenceDecision};

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

fn equal(field: IdField, value: &str, reference: &ReferenceDecision) {
    assert_eq!(
        compare(field, value, reference),
        Comparison::Equal,
        "{field:?} {value:?} should equal the reference"
    );
}

fn different(field: IdField, value: &str, reference: &ReferenceDecision, expected: &str) {
    assert_eq!(
        compare(field, value, reference),
        Comparison::Different {
            expected: expected.into()
        },
        "{field:?} {value:?} should contradict the reference"
    );
}

fn unknown(field: IdField, value: &str, reference: &ReferenceDecision) {
    assert_eq!(
        compare(field, value, reference),
        Comparison::Unknown,
        "{field:?} {value:?} should be unknown"
    );
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
        "2020-11-18xyz",
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
    for v in [
        "le dix-huit novembre 2020",
        "18 novembre 20",
        "18 11 2020",
        "18-NOV-20",
    ] {
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
    let tj = ReferenceDecision {
        jurisdiction: Some("tj75056".into()),
        ..Default::default()
    };
    unknown(IdField::Jurisdiction, "Tribunal d'instance de Paris", &tj);
    assert_eq!(
        unreadable(IdField::Jurisdiction, "Tribunal d'instance de Paris", &tj),
        None
    );

    // Benches of other courts, or no longer sitting, on a Cour de cassation decision.
    let expected = "Chambre commerciale financière et économique - Formation de section";
    let expected = reference_display(IdField::Formation, &r).unwrap_or(expected.into());
    for v in [
        "Pôle 4 - Chambre 9",
        "Juge des référés",
        "Section du contentieux",
        "Chambre des requêtes",
        "Tribunal des conflits",
    ] {
        different(IdField::Formation, v, &r, &expected);
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
    assert_eq!(unreadable(IdField::Formation, "1re chambre", &r), None);
    assert_eq!(
        unreadable(IdField::Formation, "XYZ", &r).as_deref(),
        Some("it names no chamber or formation of the Cour de cassation")
    );

    // The formations of the Conseil d'État tell each other apart.
    let ce = ReferenceDecision {
        jurisdiction: Some("Conseil d'État".into()),
        formation: Some("10ème - 9ème chambres réunies".into()),
        ..Default::default()
    };
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
        jurisdiction: Some("ca".into()),
        seat: Some("ca_chambery".into()),
        numbers: vec!["20/00804".into()],
        ..Default::default()
    };
    equal(IdField::Number, "20/00804", &ca);
    equal(IdField::Number, "2000804", &ca);
    equal(IdField::Number, "RG n° 20/00804", &ca);
    different(IdField::Number, "20/00805", &ca, "20/00804");

    let dila = ReferenceDecision {
        jurisdiction: Some("Cour de cassation".into()),
        numbers: vec!["23-80251".into()],
        ..Default::default()
    };
    equal(IdField::Number, "n° E 23-80.251 F-B", &dila);
    equal(IdField::Number, "23-80.251", &dila);
}

#[test]
fn jurisdiction_same_court() {
    let cc = cc_reference();
    for v in [
        "Cour de cassation",
        "Cass.",
        "cc",
        "C. cass.",
        "COUR DE CASSATION",
    ] {
        equal(IdField::Jurisdiction, v, &cc);
    }
    different(
        IdField::Jurisdiction,
        "Conseil d'État",
        &cc,
        "Cour de cassation",
    );
    different(
        IdField::Jurisdiction,
        "Cour d'appel de Paris",
        &cc,
        "Cour de cassation",
    );
    unknown(IdField::Jurisdiction, "Haute juridiction", &cc);

    let ca = ReferenceDecision {
        jurisdiction: Some("ca".into()),
        seat: Some("ca_paris".into()),
        ..Default::default()
    };
    for v in [
        "Cour d'appel de Paris",
        "CA Paris",
        "CA de Paris",
        "ca_paris",
        "Cour d'appel",
        "ca",
    ] {
        equal(IdField::Jurisdiction, v, &ca);
    }
    different(
        IdField::Jurisdiction,
        "Cour d'appel de Lyon",
        &ca,
        "Cour d'appel de Paris",
    );
    different(
        IdField::Jurisdiction,
        "CA Versailles",
        &ca,
        "Cour d'appel de Paris",
    );
    different(
        IdField::Jurisdiction,
        "Tribunal judiciaire de Paris",
        &ca,
        "Cour d'appel de Paris",
    );

    let aix = ReferenceDecision {
        jurisdiction: Some("ca".into()),
        seat: Some("ca_aix_provence".into()),
        ..Default::default()
    };
    equal(
        IdField::Jurisdiction,
        "Cour d'appel d'Aix-en-Provence",
        &aix,
    );
    equal(IdField::Jurisdiction, "CA Aix", &aix);
    assert_eq!(
        reference_display(IdField::Jurisdiction, &aix).as_deref(),
        Some("Cour d'appel d'Aix-en-Provence")
    );

    let tj = ReferenceDecision {
        jurisdiction: Some("tj33063".into()),
        ..Default::default()
    };
    for v in [
        "Tribunal judiciaire de Bordeaux",
        "TJ Bordeaux",
        "tj33063",
        "Tribunal judiciaire",
    ] {
        equal(IdField::Jurisdiction, v, &tj);
    }
    different(
        IdField::Jurisdiction,
        "TJ Lyon",
        &tj,
        "Tribunal judiciaire de Bordeaux",
    );
    unknown(IdField::Jurisdiction, "tj99999", &tj);
    let unknown_tj = ReferenceDecision {
        jurisdiction: Some("tj99999".into()),
        ..Default::default()
    };
    unknown(IdField::Jurisdiction, "TJ Lyon", &unknown_tj);
    equal(IdField::Jurisdiction, "Tribunal judiciaire", &unknown_tj);

    let tcom = ReferenceDecision {
        jurisdiction: Some("tcom".into()),
        seat: Some("0605".into()),
        ..Default::default()
    };
    for v in [
        "Tribunal de commerce",
        "tcom",
        "T. com.",
        "Tribunal de commerce de Nice",
    ] {
        equal(IdField::Jurisdiction, v, &tcom);
    }
    different(
        IdField::Jurisdiction,
        "Tribunal de commerce de Cannes",
        &tcom,
        "Tribunal de commerce de Nice",
    );

    let cph = ReferenceDecision {
        jurisdiction: Some("cph".into()),
        ..Default::default()
    };
    equal(IdField::Jurisdiction, "Conseil de prud'hommes", &cph);
    equal(IdField::Jurisdiction, "cph", &cph);
    different(
        IdField::Jurisdiction,
        "Tribunal de commerce",
        &cph,
        "Conseil de prud'hommes",
    );

    let ce = ReferenceDecision {
        producer: Producer::ConseilEtat,
        jurisdiction: Some("Conseil d'État".into()),
        ..Default::default()
    };
    equal(IdField::Jurisdiction, "Conseil d'État", &ce);
    equal(IdField::Jurisdiction, "CE", &ce);
    equal(IdField::Jurisdiction, "Conseil d'Etat", &ce);

    let ta = ReferenceDecision {
        producer: Producer::ConseilEtat,
        jurisdiction: Some("Tribunal Administratif de Cergy-Pontoise".into()),
        ..Default::default()
    };
    for v in [
        "Tribunal administratif de Cergy-Pontoise",
        "TA Cergy-Pontoise",
        "TA95",
        "Tribunal administratif",
    ] {
        equal(IdField::Jurisdiction, v, &ta);
    }
    different(
        IdField::Jurisdiction,
        "TA Montreuil",
        &ta,
        "Tribunal Administratif de Cergy-Pontoise",
    );
    let ta_code = ReferenceDecision {
        jurisdiction: Some("TA95".into()),
        ..Default::default()
    };
    equal(
        IdField::Jurisdiction,
        "Tribunal administratif de Cergy-Pontoise",
        &ta_code,
    );
    assert_eq!(
        reference_display(IdField::Jurisdiction, &ta_code).as_deref(),
        Some("Tribunal administratif de Cergy-Pontoise")
    );

    let caa = ReferenceDecision {
        jurisdiction: Some("Cour administrative d'appel de Lyon".into()),
        ..Default::default()
    };
    equal(IdField::Jurisdiction, "CAA Lyon", &caa);
    equal(IdField::Jurisdiction, "CAA de Lyon", &caa);
    different(
        IdField::Jurisdiction,
        "CAA Paris",
        &caa,
        "Cour administrative d'appel de Lyon",
    );
    different(
        IdField::Jurisdiction,
        "Cour d'appel de Lyon",
        &caa,
        "Cour administrative d'appel de Lyon",
    );
}

/// The common abbreviations of French courts name the court they abbreviate: none contradicts
/// a reference of that court; one with another seat, or of another kind of court, does. A
/// spelling vigie cannot read (the abolished tribunal d'instance, whose work the tribunal
/// judiciaire took over; a chamber where the seat would be) contradicts nothing.
#[test]
fn common_abbreviations_of_courts() {
    let reference = |jurisdiction: &str, seat: Option<&str>| ReferenceDecision {
        jurisdiction: Some(jurisdiction.into()),
        seat: seat.map(Into::into),
        ..Default::default()
    };
    let cases: [(ReferenceDecision, &[&str], &[&str]); 9] = [
        (
            reference("cc", None),
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
            reference("ca", Some("ca_paris")),
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
            reference("tj", Some("tj75056")),
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
            reference("tcom", Some("0605")),
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
            reference("cph", Some("ca_paris")),
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
            reference("Tribunal administratif de Cergy-Pontoise", None),
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
            reference("Cour administrative d'appel de Lyon", None),
            &[
                "CAA Lyon",
                "C.A.A. Lyon",
                "Cour adm. d'appel de Lyon",
                "CAA",
            ],
            &["CAA Paris", "CA Lyon", "TA Lyon"],
        ),
        (
            reference("Conseil d'État", None),
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
            reference("Tribunal des conflits", None),
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
    let r = cc_reference(); // comm + fs
    for v in [
        "Chambre commerciale, financière et économique",
        "Chambre commerciale",
        "Com.",
        "comm",
        "CHAMBRE_COMMERCIALE",
        "Formation de section",
        "FS",
        "FS-P+B",
        "Chambre commerciale, financière et économique - Formation de section",
        "comm fs",
        "Cour de cassation, civile, Chambre commerciale",
    ] {
        equal(IdField::Formation, v, &r);
    }
    let expected = "Chambre commerciale, financière et économique - Formation de section";
    for v in [
        "Chambre sociale",
        "Soc.",
        "Crim.",
        "Première chambre civile",
        "civ1",
        "Civ. 1re",
        "Ass. plén.",
        "Ch. mixte",
    ] {
        different(IdField::Formation, v, &r, expected);
    }
    different(IdField::Formation, "Formation restreinte", &r, expected);
    different(IdField::Formation, "FP", &r, expected);
    different(IdField::Formation, "Com. F-B", &r, expected);
    unknown(IdField::Formation, "1re chambre", &r);
    unknown(IdField::Formation, "civ1 civ2", &r);
    different(IdField::Formation, "chambre des requêtes", &r, expected);

    // A part the record omits is no contradiction; a part the reference lacks cannot be checked.
    let civ1 = ReferenceDecision {
        jurisdiction: Some("cc".into()),
        chamber: Some("civ1".into()),
        ..Default::default()
    };
    for v in [
        "Première chambre civile",
        "civ1",
        "Chambre civile 1",
        "CHAMBRE_CIVILE_1",
        "Civ. 1re",
        "1re Civ.",
        "Première chambre civile - Formation de section",
        "civ1 fs",
    ] {
        equal(IdField::Formation, v, &civ1);
    }
    unknown(IdField::Formation, "Formation de section", &civ1);
    different(
        IdField::Formation,
        "Deuxième chambre civile",
        &civ1,
        "Chambre civile 1",
    );

    // A restricted formation covers both kinds of restricted formation.
    let frh = ReferenceDecision {
        jurisdiction: Some("cc".into()),
        chamber: Some("cr".into()),
        formation: Some("frh".into()),
        ..Default::default()
    };
    equal(IdField::Formation, "Formation restreinte", &frh);
    equal(IdField::Formation, "Crim., F", &frh);
    equal(
        IdField::Formation,
        "Formation restreinte hors RNSM/NA",
        &frh,
    );
    different(
        IdField::Formation,
        "Formation restreinte RNSM/NA",
        &frh,
        "Chambre criminelle - Formation restreinte hors RNSM/NA",
    );

    // DILA references carry the chamber as FORMATION.
    let dila = ReferenceDecision {
        producer: Producer::Legifrance,
        jurisdiction: Some("Cour de cassation".into()),
        chamber: Some("ASSEMBLEE_PLENIERE".into()),
        ..Default::default()
    };
    equal(IdField::Formation, "Assemblée plénière", &dila);
    equal(IdField::Formation, "Ass. plén.", &dila);
    different(
        IdField::Formation,
        "Chambre mixte",
        &dila,
        "Assemblée plénière",
    );
}

#[test]
fn formation_other_courts() {
    let ca = ReferenceDecision {
        jurisdiction: Some("ca".into()),
        seat: Some("ca_paris".into()),
        chamber: Some("Pôle 4 - Chambre 9".into()),
        ..Default::default()
    };
    equal(IdField::Formation, "pôle 4, chambre 9", &ca);
    equal(IdField::Formation, "Pôle 4 chambre 9", &ca);
    different(
        IdField::Formation,
        "pôle 4, chambre 10",
        &ca,
        "Pôle 4 - Chambre 9",
    );
    different(
        IdField::Formation,
        "pôle 5, chambre 9",
        &ca,
        "Pôle 4 - Chambre 9",
    );
    unknown(IdField::Formation, "chambre sociale", &ca);

    let ta = ReferenceDecision {
        jurisdiction: Some("Tribunal administratif de Lyon".into()),
        formation: Some("1ère chambre".into()),
        ..Default::default()
    };
    equal(IdField::Formation, "1re chambre", &ta);
    equal(IdField::Formation, "première chambre", &ta);
    equal(IdField::Formation, "1ERE CHAMBRE", &ta);
    different(IdField::Formation, "5ème chambre", &ta, "1ère chambre");
    unknown(IdField::Formation, "juge des référés", &ta);

    let ce = ReferenceDecision {
        jurisdiction: Some("Conseil d'État".into()),
        formation: Some("10ème - 9ème chambres réunies".into()),
        ..Default::default()
    };
    equal(IdField::Formation, "9ème et 10ème chambres réunies", &ce);
    equal(IdField::Formation, "10e et 9e chambres réunies", &ce);
    different(
        IdField::Formation,
        "10ème chambre",
        &ce,
        "10ème - 9ème chambres réunies",
    );
    let section = ReferenceDecision {
        jurisdiction: Some("Conseil d'État".into()),
        formation: Some("Section du contentieux".into()),
        ..Default::default()
    };
    equal(IdField::Formation, "section du contentieux", &section);
    different(
        IdField::Formation,
        "Assemblée du contentieux",
        &section,
        "Section du contentieux",
    );
    let refere = ReferenceDecision {
        jurisdiction: Some("Tribunal administratif de Lyon".into()),
        formation: Some("juge des référés".into()),
        ..Default::default()
    };
    equal(IdField::Formation, "Juge des référés", &refere);
    equal(IdField::Formation, "JUGE DES REFERES", &refere);
}

#[test]
fn seat_same_city() {
    let cc = cc_reference();
    for v in ["Paris", "PARIS", "paris", "Cour de cassation"] {
        equal(IdField::Seat, v, &cc);
    }
    different(IdField::Seat, "Lyon", &cc, "Paris");
    assert!(reference_has(IdField::Seat, &cc));

    let ca = ReferenceDecision {
        jurisdiction: Some("ca".into()),
        seat: Some("ca_aix_en_provence".into()),
        ..Default::default()
    };
    for v in [
        "Aix-en-Provence",
        "aix en provence",
        "AIX-EN-PROVENCE",
        "Cour d'appel d'Aix-en-Provence",
        "ca_aix_provence",
    ] {
        equal(IdField::Seat, v, &ca);
    }
    different(IdField::Seat, "Marseille", &ca, "Aix-en-Provence");

    let paris = ReferenceDecision {
        jurisdiction: Some("ca".into()),
        seat: Some("ca_paris".into()),
        ..Default::default()
    };
    for v in ["Paris", "Cour d'appel de Paris", "ca_paris", "tj75056"] {
        equal(IdField::Seat, v, &paris);
    }
    different(IdField::Seat, "Versailles", &paris, "Paris");

    let tj = ReferenceDecision {
        jurisdiction: Some("tj".into()),
        seat: Some("tj75056".into()),
        ..Default::default()
    };
    equal(IdField::Seat, "Paris", &tj);
    different(IdField::Seat, "Bobigny", &tj, "Paris");
    let saint_etienne = ReferenceDecision {
        jurisdiction: Some("tj".into()),
        seat: Some("tj42218".into()),
        ..Default::default()
    };
    equal(IdField::Seat, "St-Etienne", &saint_etienne);
    equal(IdField::Seat, "Saint Étienne", &saint_etienne);
    different(
        IdField::Seat,
        "Saint-Denis",
        &saint_etienne,
        "Saint-Étienne",
    );
    let reunion = ReferenceDecision {
        jurisdiction: Some("tj97411".into()),
        ..Default::default()
    };
    equal(IdField::Seat, "Saint-Denis", &reunion);
    equal(IdField::Seat, "Saint-Denis (La Réunion)", &reunion);

    let unknown_code = ReferenceDecision {
        jurisdiction: Some("tj".into()),
        seat: Some("tj12345".into()),
        ..Default::default()
    };
    unknown(IdField::Seat, "Paris", &unknown_code);
    assert!(reference_has(IdField::Seat, &unknown_code));
    assert_eq!(
        reference_display(IdField::Seat, &unknown_code).as_deref(),
        Some("tj12345")
    );

    let ce = ReferenceDecision {
        jurisdiction: Some("Conseil d'État".into()),
        ..Default::default()
    };
    equal(IdField::Seat, "Paris", &ce);
    let ta = ReferenceDecision {
        jurisdiction: Some("Tribunal Administratif de Cergy-Pontoise".into()),
        ..Default::default()
    };
    equal(IdField::Seat, "Cergy-Pontoise", &ta);
    equal(IdField::Seat, "CERGY PONTOISE", &ta);
    different(IdField::Seat, "Versailles", &ta, "Cergy-Pontoise");

    let seatless = ReferenceDecision {
        jurisdiction: Some("ca".into()),
        ..Default::default()
    };
    assert!(!reference_has(IdField::Seat, &seatless));
    unknown(IdField::Seat, "Paris", &seatless);
}

#[test]
fn what_the_reference_gives() {
    let r = cc_reference();
    for field in [
        IdField::Jurisdiction,
        IdField::Formation,
        IdField::Seat,
        IdField::DecisionDate,
        IdField::Number,
    ] {
        assert!(reference_has(field, &r), "{field:?}");
    }
    assert_eq!(
        reference_display(IdField::Jurisdiction, &r).as_deref(),
        Some("Cour de cassation")
    );
    assert_eq!(
        reference_display(IdField::Formation, &r).as_deref(),
        Some("Chambre commerciale, financière et économique - Formation de section")
    );
    assert_eq!(
        reference_display(IdField::Seat, &r).as_deref(),
        Some("Paris")
    );
    assert_eq!(
        reference_display(IdField::DecisionDate, &r).as_deref(),
        Some("2020-11-18")
    );
    assert_eq!(
        reference_display(IdField::Number, &r).as_deref(),
        Some("19-19.463")
    );

    let empty = ReferenceDecision::default();
    for field in [
        IdField::Jurisdiction,
        IdField::Formation,
        IdField::Seat,
        IdField::DecisionDate,
        IdField::Number,
    ] {
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
    let ca = ReferenceDecision {
        jurisdiction: Some("ca".into()),
        seat: Some("ca_st_denis_reunion".into()),
        ..Default::default()
    };
    assert_eq!(
        reference_display(IdField::Jurisdiction, &ca).as_deref(),
        Some("Cour d'appel de Saint-Denis de La Réunion")
    );
    let caa = ReferenceDecision {
        jurisdiction: Some("Cour administrative d'appel".into()),
        seat: Some("Lyon".into()),
        ..Default::default()
    };
    assert_eq!(
        reference_display(IdField::Jurisdiction, &caa).as_deref(),
        Some("Cour administrative d'appel de Lyon")
    );
    equal(IdField::Jurisdiction, "CAA Lyon", &caa);
    let tcom = ReferenceDecision {
        jurisdiction: Some("tcom".into()),
        seat: Some("7202".into()),
        ..Default::default()
    };
    assert_eq!(
        reference_display(IdField::Jurisdiction, &tcom).as_deref(),
        Some("Tribunal des activités économiques du Mans")
    );
    assert_eq!(
        reference_display(IdField::Seat, &tcom).as_deref(),
        Some("Le Mans")
    );
    equal(IdField::Seat, "Le Mans", &tcom);
    equal(IdField::Jurisdiction, "Tribunal de commerce du Mans", &tcom);
    let tj = ReferenceDecision {
        jurisdiction: Some("tj".into()),
        seat: Some("tj06088".into()),
        ..Default::default()
    };
    assert_eq!(
        reference_display(IdField::Jurisdiction, &tj).as_deref(),
        Some("Tribunal judiciaire de Nice")
    );
    let ce = ReferenceDecision {
        jurisdiction: Some("CE".into()),
        ..Default::default()
    };
    assert_eq!(
        reference_display(IdField::Jurisdiction, &ce).as_deref(),
        Some("Conseil d'État")
    );
    // A court's abbreviation as the seat names the court's city.
    equal(IdField::Seat, "CE", &ce);
    equal(IdField::Seat, "Cass.", &cc_reference());
}

#[test]
fn conseil_de_prudhommes_by_code() {
    let cph = ReferenceDecision {
        jurisdiction: Some("cph".into()),
        seat: Some("101152".into()),
        ..Default::default()
    };
    equal(
        IdField::Jurisdiction,
        "Conseil de prud'hommes d'Annemasse",
        &cph,
    );
    equal(IdField::Jurisdiction, "CPH Annemasse", &cph);
    equal(IdField::Seat, "Annemasse", &cph);
    different(IdField::Seat, "Annecy", &cph, "Annemasse");
    different(
        IdField::Jurisdiction,
        "Conseil de prud'hommes de Lyon",
        &cph,
        "Conseil de prud'hommes d'Annemasse",
    );
    // A CPH code vigie has no table for: the seat cannot be checked.
    let unknown_cph = ReferenceDecision {
        jurisdiction: Some("cph".into()),
        seat: Some("109999".into()),
        ..Default::default()
    };
    unknown(IdField::Seat, "Annemasse", &unknown_cph);
    unknown(IdField::Jurisdiction, "CPH Annemasse", &unknown_cph);
}
