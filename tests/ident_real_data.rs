//! Identification comparisons over the real decisions of `tests/data/`.

use regex::Regex;
use serde_json::Value;
use vigie::ident::{
    CcChamber, Comparison, compare, find_moment_in, parse_cc, parse_date, reference_display,
};
use vigie::model::{IdField, Producer, ReferenceDecision};

mod support;
use support::data::dila_files;

/// The text of `rel`, a file of `tests/data/`.
fn data(rel: &str) -> String {
    let p = support::data::data(rel);
    std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

fn string(v: &Value, key: &str) -> Option<String> {
    v.get(key).and_then(Value::as_str).map(str::to_owned)
}

/// The union of `number` (a string, or in search results an array) and `numbers`: in 33 of
/// the 928 search results `numbers` holds only one of the decision's joined pourvois and
/// `number` holds them all.
fn numbers(v: &Value) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for key in ["number", "numbers"] {
        let values = match v.get(key) {
            Some(Value::String(s)) => vec![s.clone()],
            Some(Value::Array(a)) => a
                .iter()
                .filter_map(Value::as_str)
                .map(str::to_owned)
                .collect(),
            _ => Vec::new(),
        };
        for n in values {
            if !out.contains(&n) {
                out.push(n);
            }
        }
    }
    out
}

/// A reference decision as a Judilibre reader would build it from an unresolved entry.
fn judilibre_reference(v: &Value) -> ReferenceDecision {
    ReferenceDecision {
        id: string(v, "id").unwrap_or_default(),
        producer: Producer::CourDeCassation,
        jurisdiction: string(v, "jurisdiction"),
        chamber: string(v, "chamber"),
        formation: string(v, "formation"),
        seat: string(v, "location"),
        decision_date: string(v, "decision_date").and_then(|d| parse_date(&d)),
        numbers: numbers(v),
        ..Default::default()
    }
}

#[test]
fn cc_list_resolved_labels_equal_unresolved_codes() {
    let list: Value = serde_json::from_str(&data("judilibre/cc_list.json")).unwrap();
    let resolved = list["resolved"].as_array().unwrap();
    let unresolved = list["unresolved"].as_array().unwrap();
    assert_eq!(resolved.len(), 928);
    assert_eq!(unresolved.len(), 928);
    // The six chambers the sample holds, as labels, to pick a wrong one from.
    let labels = [
        ("civ1", "Première chambre civile"),
        ("civ2", "Deuxième chambre civile"),
        ("civ3", "Troisième chambre civile"),
        ("comm", "Chambre commerciale financière et économique"),
        ("soc", "Chambre sociale"),
        ("cr", "Chambre criminelle"),
    ];
    let mut with_formation = 0;
    for (res, unres) in resolved.iter().zip(unresolved) {
        assert_eq!(res["id"], unres["id"]);
        let r = judilibre_reference(unres);
        let id = &r.id;
        let eq = |field: IdField, value: &str| {
            assert_eq!(
                compare(field, value, &r),
                Comparison::Equal,
                "{id}: {field:?} {value:?}"
            );
        };
        let jurisdiction = string(res, "jurisdiction").unwrap();
        eq(IdField::Jurisdiction, &jurisdiction);
        eq(IdField::Seat, "Paris");
        let chamber = string(res, "chamber").unwrap();
        eq(IdField::Formation, &chamber);
        if let Some(formation) = string(res, "formation") {
            with_formation += 1;
            eq(IdField::Formation, &formation);
            eq(IdField::Formation, &format!("{chamber} - {formation}"));
            eq(IdField::Formation, &format!("{chamber}, {formation}"));
        }
        eq(
            IdField::DecisionDate,
            &string(res, "decision_date").unwrap(),
        );
        eq(IdField::Number, &string(res, "number").unwrap());

        // Another chamber is a contradiction, reported with the reference's chamber.
        let code = r.chamber.as_deref().unwrap();
        let (_, wrong) = labels.iter().find(|(c, _)| *c != code).unwrap();
        let expected = reference_display(IdField::Formation, &r).unwrap();
        let own = parse_cc(code).chamber.map(CcChamber::label).unwrap();
        assert!(expected.starts_with(own), "{id}: {expected}");
        assert_eq!(
            compare(IdField::Formation, wrong, &r),
            Comparison::Different { expected },
            "{id}: {wrong} for {code}"
        );
        // So are another day and other digits.
        assert!(matches!(
            compare(IdField::DecisionDate, "1er janvier 1990", &r),
            Comparison::Different { .. }
        ));
        assert!(matches!(
            compare(IdField::Number, "99-99.999", &r),
            Comparison::Different { .. }
        ));
        assert!(matches!(
            compare(IdField::Jurisdiction, "Conseil d'État", &r),
            Comparison::Different { .. }
        ));
    }
    assert_eq!(with_formation, 928);
}

#[test]
fn judilibre_details_of_other_courts() {
    let ca: Value = serde_json::from_str(&data("judilibre/ca_detail.json")).unwrap();
    let ca = judilibre_reference(&ca);
    assert_eq!(ca.seat.as_deref(), Some("ca_chambery"));
    for v in [
        "Cour d'appel de Chambéry",
        "CA Chambery",
        "Cour d'appel",
        "ca_chambery",
    ] {
        assert_eq!(
            compare(IdField::Jurisdiction, v, &ca),
            Comparison::Equal,
            "{v}"
        );
    }
    assert_eq!(
        compare(IdField::Jurisdiction, "Cour d'appel de Lyon", &ca),
        Comparison::Different {
            expected: "Cour d'appel de Chambéry".into()
        }
    );
    assert_eq!(compare(IdField::Seat, "CHAMBERY", &ca), Comparison::Equal);
    assert_eq!(compare(IdField::Number, "2000804", &ca), Comparison::Equal);
    assert_eq!(
        compare(IdField::Number, "RG 20/00804", &ca),
        Comparison::Equal
    );

    // The TJ sample's jurisdiction is the code of the tribunal judiciaire of Bordeaux.
    let tj: Value = serde_json::from_str(&data("judilibre/tj_detail.json")).unwrap();
    let tj = judilibre_reference(&tj);
    assert_eq!(tj.jurisdiction.as_deref(), Some("tj33063"));
    for v in ["Tribunal judiciaire de Bordeaux", "TJ Bordeaux", "tj33063"] {
        assert_eq!(
            compare(IdField::Jurisdiction, v, &tj),
            Comparison::Equal,
            "{v}"
        );
    }
    assert_eq!(
        compare(IdField::Jurisdiction, "TJ Paris", &tj),
        Comparison::Different {
            expected: "Tribunal judiciaire de Bordeaux".into()
        }
    );
    // Its `location`, the seat field (`ca_chambery`), names another seat than its jurisdiction's
    // code: the source gives two, and a record naming either contradicts nothing.
    assert_eq!(tj.seat.as_deref(), Some("ca_chambery"));
    for v in ["Bordeaux", "Chambéry", "CHAMBERY", "tj33063", "ca_chambery"] {
        assert_eq!(compare(IdField::Seat, v, &tj), Comparison::Equal, "{v}");
    }
    for v in [
        "TJ Chambéry",
        "Tribunal judiciaire de Chambéry",
        "TGI Bordeaux",
    ] {
        assert_eq!(
            compare(IdField::Jurisdiction, v, &tj),
            Comparison::Equal,
            "{v}"
        );
    }
    assert_eq!(
        compare(IdField::Seat, "Lyon", &tj),
        Comparison::Different {
            expected: "Bordeaux or Chambéry".into()
        }
    );
    assert_eq!(
        compare(IdField::Jurisdiction, "CA Chambéry", &tj),
        Comparison::Different {
            expected: "Tribunal judiciaire de Bordeaux".into()
        }
    );

    let tcom: Value = serde_json::from_str(&data("judilibre/tcom_detail.json")).unwrap();
    let tcom = judilibre_reference(&tcom);
    assert_eq!(tcom.seat.as_deref(), Some("8501"));
    // `TC` may be a tribunal de commerce: with the tribunal's seat, it is this one.
    for v in [
        "Tribunal de commerce",
        "T. com.",
        "Tribunal de commerce de La Roche-sur-Yon",
        "TC La Roche-sur-Yon",
        "T.C. La Roche-sur-Yon",
        "TC",
        "Trib. comm. La Roche-sur-Yon",
    ] {
        assert_eq!(
            compare(IdField::Jurisdiction, v, &tcom),
            Comparison::Equal,
            "{v}"
        );
    }
    assert_eq!(
        compare(IdField::Seat, "La Roche-sur-Yon", &tcom),
        Comparison::Equal
    );
    assert_eq!(
        compare(IdField::Seat, "la roche sur yon", &tcom),
        Comparison::Equal
    );
    for v in ["TC Nantes", "CA Poitiers", "TJ La Roche-sur-Yon"] {
        assert_eq!(
            compare(IdField::Jurisdiction, v, &tcom),
            Comparison::Different {
                expected: "Tribunal de commerce de La Roche-sur-Yon".into()
            },
            "{v}"
        );
    }
    assert_eq!(
        compare(IdField::Seat, "Nice", &tcom),
        Comparison::Different {
            expected: "La Roche-sur-Yon".into()
        }
    );
    assert_eq!(
        compare(IdField::DecisionDate, "22 novembre 2022", &tcom),
        Comparison::Equal
    );
}

#[test]
fn tcom_list_resolved_locations_equal_codes() {
    let list: Value = serde_json::from_str(&data("judilibre/tcom_list.json")).unwrap();
    let results = |k: &str| -> Vec<Value> {
        let v = &list[k];
        v.get("results").unwrap_or(v).as_array().unwrap().clone()
    };
    let (resolved, unresolved) = (results("resolved"), results("unresolved"));
    assert_eq!(resolved.len(), 20);
    for (res, unres) in resolved.iter().zip(&unresolved) {
        let r = judilibre_reference(unres);
        let location = string(res, "location").unwrap();
        assert_eq!(
            compare(IdField::Jurisdiction, &location, &r),
            Comparison::Equal,
            "{location}"
        );
        assert_eq!(
            compare(IdField::Seat, &location, &r),
            Comparison::Equal,
            "{location}"
        );
        assert_eq!(
            compare(IdField::Number, &string(res, "number").unwrap(), &r),
            Comparison::Equal
        );
    }
}

/// The first value of `<tag>…</tag>` in an XML text.
fn xml_values(xml: &str, tag: &str) -> Vec<String> {
    let re = Regex::new(&format!("<{tag}>([^<]*)</{tag}>")).unwrap();
    re.captures_iter(xml)
        .map(|c| c[1].trim().to_owned())
        .collect()
}

#[test]
fn dila_titles_agree_with_their_metadata() {
    let files = dila_files();
    assert_eq!(files.len(), 92);
    for path in files {
        let xml = std::fs::read_to_string(&path).unwrap();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let titre = xml_values(&xml, "TITRE").remove(0);
        let formation = xml_values(&xml, "FORMATION").remove(0);
        let date_dec = xml_values(&xml, "DATE_DEC").remove(0);
        let numbers = xml_values(&xml, "NUMERO_AFFAIRE");
        assert!(!numbers.is_empty(), "{name}");

        let parsed = parse_cc(&formation);
        assert!(
            parsed.chamber.is_some() && !parsed.leftover,
            "{name}: {formation}"
        );
        let reference = ReferenceDecision {
            id: name.clone(),
            producer: Producer::Legifrance,
            jurisdiction: xml_values(&xml, "JURIDICTION").pop(),
            chamber: Some(formation.clone()),
            decision_date: parse_date(&date_dec),
            numbers,
            ..Default::default()
        };
        assert!(reference.decision_date.is_some(), "{name}: {date_dec}");

        // `Cour de cassation, civile, Chambre civile 2, 19 octobre 2023, 21-25.274 …, Publié au bulletin`
        let parts: Vec<&str> = titre.split(", ").collect();
        let date_at = parts
            .iter()
            .position(|p| parse_date(p).is_some())
            .unwrap_or_else(|| panic!("{name}: no date in {titre}"));
        let eq = |field: IdField, value: &str| {
            assert_eq!(
                compare(field, value, &reference),
                Comparison::Equal,
                "{name}: {field:?} {value:?} ({titre})"
            );
        };
        eq(IdField::Jurisdiction, parts[0]);
        eq(IdField::Formation, &parts[1..date_at].join(", "));
        eq(IdField::DecisionDate, parts[date_at]);
        eq(IdField::Number, parts[date_at + 1]);
        eq(IdField::Seat, "Paris");
        assert_eq!(
            find_moment_in(&titre).map(|m| m.date()),
            reference.decision_date,
            "{name}"
        );
    }
}

#[test]
fn administrative_order_of_cergy_pontoise() {
    let xml = data("ce/ORTA_2520143_20251205.xml");
    let reference = ReferenceDecision {
        producer: Producer::ConseilEtat,
        jurisdiction: xml_values(&xml, "Nom_Juridiction").pop(),
        decision_date: parse_date(&xml_values(&xml, "Date_Lecture")[0]),
        numbers: xml_values(&xml, "Numero_Dossier"),
        ..Default::default()
    };
    let code = xml_values(&xml, "Code_Juridiction").remove(0);
    assert_eq!(code, "TA95");
    for (field, value) in [
        (IdField::Jurisdiction, code.as_str()),
        (IdField::Jurisdiction, "TA Cergy-Pontoise"),
        (
            IdField::Jurisdiction,
            "Tribunal administratif de Cergy-Pontoise",
        ),
        (IdField::Seat, "Cergy-Pontoise"),
        (IdField::DecisionDate, "5 décembre 2025"),
        (IdField::DecisionDate, "05/12/2025"),
        (IdField::Number, "2520143"),
        (IdField::Number, "n° 2520143"),
    ] {
        assert_eq!(
            compare(field, value, &reference),
            Comparison::Equal,
            "{field:?} {value}"
        );
    }
    assert_eq!(
        compare(
            IdField::Jurisdiction,
            "Tribunal administratif de Montreuil",
            &reference
        ),
        Comparison::Different {
            expected: "Tribunal Administratif de Cergy-Pontoise".into()
        }
    );
    assert_eq!(
        compare(IdField::Number, "2520144", &reference),
        Comparison::Different {
            expected: "2520143".into()
        }
    );
    assert_eq!(
        reference_display(IdField::Seat, &reference).as_deref(),
        Some("Cergy-Pontoise")
    );
}
