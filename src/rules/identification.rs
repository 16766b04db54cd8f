//! Identification (INT005, INT006): CC V « doivent être mentionnés, pour chaque décision de
//! justice réutilisée, le nom de la juridiction et la formation qui l'a rendue, son siège et la
//! date de son prononcé »; CE V adds the number.

use super::Rule;
use crate::corpus::Mapping;
use crate::corpus::mapping::FieldName;
use crate::ident::{self, Comparison};
use crate::model::producer::IdField;
use crate::model::{Evidence, Finding, Producer, Record, RecordRef, ReferenceDecision, bound};
use std::sync::Arc;

/// The record's value of an identification field, if it shows one: not a placeholder (`-`,
/// `N/A`, `non renseigné`…); for a number, a digit other than zero (`n°` alone, `000000`, show
/// none); for a date, no digits or one other than zero (`0000-00-00` shows none, `hier` one,
/// which [`ident::unreadable`] tells). A value that shows none is absent (INT005).
pub fn record_value(r: &Record, f: IdField) -> Option<&str> {
    let v = match f {
        IdField::Jurisdiction => r.jurisdiction.as_deref(),
        IdField::Formation => r.formation.as_deref(),
        IdField::Seat => r.seat.as_deref(),
        IdField::DecisionDate => r.decision_date.as_deref(),
        IdField::Number => r.number.as_deref(),
    };
    // Digits of any script count (`２０２３-１０-０３`, `٩٩-٩٩.٩٩٩`).
    let has_digit = |s: &str, nonzero: bool| {
        let counts = |d: u8| !nonzero || d > 0;
        if s.is_ascii() {
            s.bytes().any(|b| b.is_ascii_digit() && counts(b - b'0'))
        } else {
            s.chars().any(|c| ident::digit_value(c).is_some_and(counts))
        }
    };
    let shows = |s: &str| {
        let digit = has_digit(s, true);
        match f {
            IdField::Number => digit,
            IdField::DecisionDate => digit || !has_digit(s, false),
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

/// Checks the record's identification in one pass over its fields: pushes INT005 onto `out`
/// for the required identification that is absent, or shown in a form that identifies nothing
/// (a date with no day, a court's name that names none); returns INT006 for the fields that
/// contradict the reference (the caller reports them, or FRE002 instead when the record is
/// outdated).
///
/// `text` gives the reference's text, when the reference holds none: read only for a number
/// that does not match the reference's at once ([`ident::compare_in`]). The messages name the
/// fields as `mapping` reads them.
pub fn check(
    r: &Record,
    reference: Option<&ReferenceDecision>,
    text: &dyn Fn() -> Option<String>,
    mapping: Option<&Mapping>,
    rec: &Arc<RecordRef>,
    out: &mut Vec<Finding>,
) -> Vec<Finding> {
    let required = required(reference, rec);
    let fields = [
        IdField::Jurisdiction,
        IdField::Formation,
        IdField::Seat,
        IdField::DecisionDate,
        IdField::Number,
    ];
    let values = fields.map(|f| record_value(r, f));
    let value = |f: IdField| fields.iter().position(|&g| g == f).and_then(|i| values[i]);
    let mut mismatches = Vec::new();
    let mut unread = Vec::new();
    for (&f, v) in fields.iter().zip(values) {
        let (Some(v), Some(d)) = (v, reference) else {
            continue;
        };
        match ident::compare_in(f, v, d, text) {
            Comparison::Different { expected } => {
                mismatches.push(mismatch(f, v, expected, d, mapping, rec))
            }
            Comparison::Unknown if required.contains(&f) => {
                if let Some(why) = ident::unreadable(f, v, d) {
                    unread.push((f.name(), v, why));
                }
            }
            _ => {}
        }
    }
    // In the producer's order of its required fields.
    let missing: Vec<&str> = required
        .iter()
        .filter(|f| value(**f).is_none())
        .map(|f| f.name())
        .collect();
    if !missing.is_empty() || !unread.is_empty() {
        out.push(int005(&missing, &unread, mapping, rec));
    }
    mismatches
}

/// INT005 for the fields `missing` and the values `unread` (field, value, why).
fn int005(
    missing: &[&str],
    unread: &[(&str, &str, String)],
    mapping: Option<&Mapping>,
    rec: &Arc<RecordRef>,
) -> Finding {
    let mut parts = Vec::new();
    if !missing.is_empty() {
        let named: Vec<String> = missing
            .iter()
            .map(|f| FieldName::of(mapping, f).to_string())
            .collect();
        parts.push(format!("absent: {}", named.join(", ")));
    }
    if !unread.is_empty() {
        let shown: Vec<String> = unread
            .iter()
            .map(|(name, v, why)| {
                format!(
                    "{} «{}» ({why})",
                    FieldName::of(mapping, name),
                    bound::ends(v, bound::QUOTE)
                )
            })
            .collect();
        parts.push(format!(
            "shown in no form that identifies the decision: {}",
            shown.join(", ")
        ));
    }
    let fields: Vec<&str> = missing
        .iter()
        .copied()
        .chain(unread.iter().map(|(name, ..)| *name))
        .collect();
    // The first value shown, for the excerpt.
    let excerpt = unread
        .first()
        .map(|(_, v, _)| bound::ends(v, bound::VALUE).into_owned());
    Finding::new(
        Rule::INT005,
        Some(rec.clone()),
        format!(
            "identification required beside the decision is {}",
            parts.join("; ")
        ),
    )
    .with_evidence(Evidence {
        field: fields.join(",").into(),
        excerpt,
        ..Default::default()
    })
}

/// INT006: field `f`, whose value `v` contradicts the reference's, `expected`. The message
/// names the words of `v` that are part of no identification, when there are some (a value
/// vigie reads as `reference`'s but for them: `Chambre sociale xxxxx`).
fn mismatch(
    f: IdField,
    v: &str,
    expected: String,
    reference: &ReferenceDecision,
    mapping: Option<&Mapping>,
    rec: &Arc<RecordRef>,
) -> Finding {
    let stray = ident::stray_words(v, reference);
    let stray = if stray.is_empty() {
        String::new()
    } else {
        // A few words are quoted, each bounded; the count says how many there are.
        let quoted: Vec<String> = stray
            .iter()
            .take(4)
            .map(|w| format!("«{}»", bound::ends(w, bound::QUOTE)))
            .collect();
        let more = match stray.len() {
            n if n > quoted.len() => format!(" and {} more", n - quoted.len()),
            _ => String::new(),
        };
        let (noun, verb) = if stray.len() == 1 {
            ("word", "is")
        } else {
            ("words", "are")
        };
        format!(
            "; the {noun} {}{more} {verb} part of no identification",
            quoted.join(", ")
        )
    };
    Finding::new(
        Rule::INT006,
        Some(rec.clone()),
        format!(
            "{} «{}» contradicts the reference ({}){stray}",
            FieldName::of(mapping, f.name()),
            bound::ends(v, bound::QUOTE),
            bound::ends(&expected, bound::VALUE)
        ),
    )
    .with_evidence(Evidence {
        field: f.name().into(),
        excerpt: Some(bound::ends(v, bound::VALUE).into_owned()),
        reference_excerpt: Some(bound::ends(&expected, bound::VALUE).into_owned()),
        ..Default::default()
    })
}
