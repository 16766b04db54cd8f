//! Properties of the identification parsers: every accepted spelling of a valid day reads back
//! as that day, and no input makes a comparison panic.

use jiff::civil::Date;
use proptest::prelude::*;
use vigie::ident::{
    Comparison, MONTHS_FR, compare, find_moment_in, french_date, parse_date, parse_moment,
};
use vigie::model::{IdField, ReferenceDecision};

mod support;
use support::ident::ID_FIELDS;

fn day() -> impl Strategy<Value = Date> {
    (1900i16..2100, 1i8..=12, 1i8..=31)
        .prop_filter_map("valid day", |(y, m, d)| Date::new(y, m, d).ok())
}

proptest! {
    #[test]
    fn every_spelling_reads_back(d in day()) {
        let (y, m, dd) = (d.year(), d.month(), d.day());
        let month = MONTHS_FR[(m - 1) as usize];
        let spellings = [
            format!("{y:04}-{m:02}-{dd:02}"),
            format!("{y:04}-{m:02}-{dd:02}T12:30:00"),
            format!("{y:04}-{m:02}-{dd:02}T12:30:00Z"),
            format!("{dd:02}/{m:02}/{y:04}"),
            format!("{dd}/{m}/{y:04}"),
            format!("{dd:02}-{m:02}-{y:04}"),
            format!("{dd:02}.{m:02}.{y:04}"),
            french_date(d),
            format!("le {dd} {} {y}", month.to_uppercase()),
        ];
        for s in &spellings {
            prop_assert_eq!(parse_date(s), Some(d), "{}", s);
            prop_assert!(parse_moment(s).is_some(), "{}", s);
            let sentence = format!("Document chargé sur le site source le {s}.");
            prop_assert_eq!(find_moment_in(&sentence).map(|m| m.date()), Some(d), "{}", sentence);
        }
    }

    #[test]
    fn comparisons_never_panic(value in "\\PC{0,40}", jurisdiction in "\\PC{0,20}", seat in "\\PC{0,12}") {
        let reference = ReferenceDecision {
            jurisdiction: Some(jurisdiction.clone()),
            chamber: Some(seat.clone()),
            formation: Some(value.clone()),
            seat: Some(seat),
            numbers: vec![jurisdiction],
            ..Default::default()
        };
        for field in ID_FIELDS {
            let _ = compare(field, &value, &reference);
        }
        let _ = parse_moment(&value);
        let _ = find_moment_in(&value);
    }

    #[test]
    fn a_value_equals_itself_or_is_unknown(code in prop::sample::select(vec![
        "civ1", "civ2", "civ3", "comm", "soc", "cr", "pl", "mi", "Première chambre civile",
        "CHAMBRE_SOCIALE", "1ère chambre", "pôle 4, chambre 9", "juge des référés",
    ])) {
        for jurisdiction in ["cc", "ca", "Tribunal administratif de Lyon"] {
            let reference = ReferenceDecision {
                jurisdiction: Some(jurisdiction.into()),
                chamber: Some(code.into()),
                ..Default::default()
            };
            let c = compare(IdField::Formation, code, &reference);
            prop_assert!(matches!(c, Comparison::Equal | Comparison::Unknown), "{} {}: {:?}", jurisdiction, code, c);
        }
    }
}
