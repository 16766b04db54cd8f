//! Identification (INT005, INT006): CC V « doivent être mentionnés, pour chaque décision de
//! justice réutilisée, le nom de la juridiction et la formation qui l'a rendue, son siège et la
//! date de son prononcé »; CE V adds the number.

use super::Rule;
use crate::ident::{self, Comparison};
use crate::model::producer::IdField;
use crate::model::{Evidence, Finding, Producer, Record, RecordRef, ReferenceDecision};
use std::sync::Arc;

/// The record's value of an identification field, if it shows one: not a placeholder (`-`,
/// `N/A`, `non renseigné`…); for a number, a digit other than zero (`n°` alone, `000000`, show
/// none); for a date, the same, or the name of a month (`cinq octobre deux mille vingt-trois`
/// shows one, `0000-00-00` none). A value that shows none is absent (INT005), not a value
/// vigie cannot read.
pub fn record_value(r: &Record, f: IdField) -> Option<&str> {
    let v = match f {
        IdField::Jurisdiction => r.jurisdiction.as_deref(),
        IdField::Formation => r.formation.as_deref(),
        IdField::Seat => r.seat.as_deref(),
        IdField::DecisionDate => r.decision_date.as_deref(),
        IdField::Number => r.number.as_deref(),
    };
    let shows = |s: &str| {
        let digit = s.bytes().any(|b| matches!(b, b'1'..=b'9'));
        match f {
            IdField::Number => digit,
            IdField::DecisionDate => digit || ident::names_a_month(s),
            _ => true,
        }
    };
    v.map(str::trim)
        .filter(|s| !ident::placeholder(s))
        .filter(|s| shows(s))
}

/// The fields required of a record: its producer's, those the reference actually gives; for an
/// unmatched record, those of the producer whose conditions apply (`rec`'s: that of a
/// withdrawal), else Légifrance's.
fn required(reference: Option<&ReferenceDecision>, rec: &RecordRef) -> Vec<IdField> {
    match reference {
        Some(d) => d
            .producer
            .required_fields()
            .iter()
            .copied()
            .filter(|f| ident::reference_has(*f, d))
            .collect(),
        None => rec
            .producer
            .unwrap_or(Producer::Legifrance)
            .required_fields()
            .to_vec(),
    }
}

/// INT005: the required identification that is absent.
pub fn check_missing(
    r: &Record,
    reference: Option<&ReferenceDecision>,
    rec: &Arc<RecordRef>,
    out: &mut Vec<Finding>,
) {
    let missing: Vec<&str> = required(reference, rec)
        .into_iter()
        .filter(|f| record_value(r, *f).is_none())
        .map(|f| f.name())
        .collect();
    if !missing.is_empty() {
        out.push(
            Finding::new(
                Rule::INT005,
                Some(rec.clone()),
                format!(
                    "identification required beside the decision is absent: {}",
                    missing.join(", ")
                ),
            )
            .with_evidence(Evidence {
                field: missing.join(",").into(),
                ..Default::default()
            }),
        );
    }
}

/// INT006: identification fields that contradict the reference. Returns the findings (the caller
/// reports them, or FRE002 instead when the record is outdated).
pub fn mismatches(r: &Record, d: &ReferenceDecision, rec: &Arc<RecordRef>) -> Vec<Finding> {
    let mut out = Vec::new();
    for f in [
        IdField::Jurisdiction,
        IdField::Formation,
        IdField::Seat,
        IdField::DecisionDate,
        IdField::Number,
    ] {
        let Some(v) = record_value(r, f) else {
            continue;
        };
        if let Comparison::Different { expected } = ident::compare(f, v, d) {
            out.push(
                Finding::new(
                    Rule::INT006,
                    Some(rec.clone()),
                    format!(
                        "{} «{}» contradicts the reference ({})",
                        f.name(),
                        v.chars().take(80).collect::<String>(),
                        expected
                    ),
                )
                .with_evidence(Evidence {
                    field: f.name().into(),
                    excerpt: Some(v.chars().take(200).collect()),
                    reference_excerpt: Some(expected),
                    ..Default::default()
                }),
            );
        }
    }
    out
}
