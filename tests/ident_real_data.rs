//! Identification comparisons over the real decisions of `tests/data/`.

use regex::Regex;
use serde_json::Value;
use vigie::ident::{
    CcChamber, Comparison, compare, find_moment_in, parse_cc, parse_date, reference_display,
};
use vigie::model::{IdField, Producer, ReferenceDecision};

mod support;
use support::data::dila_files;
use support::ident::Want::{Different, Equal};
use support::ident::{check, different, displays, equal};

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
        let jurisdiction = string(res, "jurisdiction").unwrap();
        equal(IdField::Jurisdiction, &jurisdiction, &r);
        equal(IdField::Seat, "Paris", &r);
        let chamber = string(res, "chamber").unwrap();
        equal(IdField::Formation, &chamber, &r);
        if let Some(formation) = string(res, "formation") {
            with_formation += 1;
            equal(IdField::Formation, &formation, &r);
            equal(IdField::Formation, &format!("{chamber} - {formation}"), &r);
            equal(IdField::Formation, &format!("{chamber}, {formation}"), &r);
        }
        equal(
            IdField::DecisionDate,
            &string(res, "decision_date").unwrap(),
            &r,
        );
        equal(IdField::Number, &string(res, "number").unwrap(), &r);

        // Another chamber is a contradiction, reported with the reference's chamber.
        let code = r.chamber.as_deref().unwrap();
        let (_, wrong) = labels.iter().find(|(c, _)| *c != code).unwrap();
        let expected = reference_display(IdField::Formation, &r).unwrap();
        let own = parse_cc(code).chamber.map(CcChamber::label).unwrap();
        assert!(expected.starts_with(own), "{id}: {expected}");
        different(IdField::Formation, wrong, &r, &expected);
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
    check(
        IdField::Jurisdiction,
        &ca,
        "Cour d'appel de Chambéry",
        &[
            ("Cour d'appel de Chambéry", Equal),
            ("CA Chambery", Equal),
            ("Cour d'appel", Equal),
            ("ca_chambery", Equal),
            ("Cour d'appel de Lyon", Different),
        ],
    );
    equal(IdField::Seat, "CHAMBERY", &ca);
    equal(IdField::Number, "2000804", &ca);
    equal(IdField::Number, "RG 20/00804", &ca);

    // The TJ sample's jurisdiction is the code of the tribunal judiciaire of Bordeaux.
    let tj: Value = serde_json::from_str(&data("judilibre/tj_detail.json")).unwrap();
    let tj = judilibre_reference(&tj);
    assert_eq!(tj.jurisdiction.as_deref(), Some("tj33063"));
    // Its `location`, the seat field (`ca_chambery`), names another seat than its jurisdiction's
    // code: the source gives two, and a record naming either contradicts nothing.
    assert_eq!(tj.seat.as_deref(), Some("ca_chambery"));
    check(
        IdField::Jurisdiction,
        &tj,
        "Tribunal judiciaire de Bordeaux",
        &[
            ("Tribunal judiciaire de Bordeaux", Equal),
            ("TJ Bordeaux", Equal),
            ("tj33063", Equal),
            ("TJ Paris", Different),
            ("TJ Chambéry", Equal),
            ("Tribunal judiciaire de Chambéry", Equal),
            ("TGI Bordeaux", Equal),
            ("CA Chambéry", Different),
        ],
    );
    check(
        IdField::Seat,
        &tj,
        "Bordeaux or Chambéry",
        &[
            ("Bordeaux", Equal),
            ("Chambéry", Equal),
            ("CHAMBERY", Equal),
            ("tj33063", Equal),
            ("ca_chambery", Equal),
            ("Lyon", Different),
        ],
    );

    let tcom: Value = serde_json::from_str(&data("judilibre/tcom_detail.json")).unwrap();
    let tcom = judilibre_reference(&tcom);
    assert_eq!(tcom.seat.as_deref(), Some("8501"));
    check(
        IdField::Jurisdiction,
        &tcom,
        "Tribunal de commerce de La Roche-sur-Yon",
        &[
            // `TC` may be a tribunal de commerce: with the tribunal's seat, it is this one.
            ("Tribunal de commerce", Equal),
            ("T. com.", Equal),
            ("Tribunal de commerce de La Roche-sur-Yon", Equal),
            ("TC La Roche-sur-Yon", Equal),
            ("T.C. La Roche-sur-Yon", Equal),
            ("TC", Equal),
            ("Trib. comm. La Roche-sur-Yon", Equal),
            ("TC Nantes", Different),
            ("CA Poitiers", Different),
            ("TJ La Roche-sur-Yon", Different),
        ],
    );
    check(
        IdField::Seat,
        &tcom,
        "La Roche-sur-Yon",
        &[
            ("La Roche-sur-Yon", Equal),
            ("la roche sur yon", Equal),
            ("Nice", Different),
        ],
    );
    equal(IdField::DecisionDate, "22 novembre 2022", &tcom);
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
        equal(IdField::Jurisdiction, &location, &r);
        equal(IdField::Seat, &location, &r);
        equal(IdField::Number, &string(res, "number").unwrap(), &r);
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
        equal(field, value, &reference);
    }
    different(
        IdField::Jurisdiction,
        "Tribunal administratif de Montreuil",
        &reference,
        "Tribunal Administratif de Cergy-Pontoise",
    );
    different(IdField::Number, "2520144", &reference, "2520143");
    displays(IdField::Seat, &reference, "Cergy-Pontoise");
}
