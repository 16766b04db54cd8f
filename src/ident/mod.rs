//! Placeholder until the identification branch lands: the agreed API, answering conservatively.
use crate::model::ReferenceDecision;
use crate::model::producer::IdField;

pub enum Moment {
    Date(jiff::civil::Date),
    Instant(jiff::Timestamp),
}

pub fn parse_date(s: &str) -> Option<jiff::civil::Date> {
    s.trim().get(..10)?.parse().ok()
}

pub fn parse_moment(s: &str) -> Option<Moment> {
    let s = s.trim();
    if let Ok(t) = s.parse::<jiff::Timestamp>() {
        return Some(Moment::Instant(t));
    }
    parse_date(s).map(Moment::Date)
}

pub fn find_moment_in(text: &str) -> Option<Moment> {
    text.split_whitespace().find_map(parse_moment)
}

pub enum Comparison {
    Equal,
    Different { expected: String },
    Unknown,
}

pub fn compare(field: IdField, record_value: &str, reference: &ReferenceDecision) -> Comparison {
    let _ = (field, record_value, reference);
    Comparison::Unknown
}

pub fn reference_has(field: IdField, reference: &ReferenceDecision) -> bool {
    let _ = (field, reference);
    true
}

pub fn reference_display(field: IdField, reference: &ReferenceDecision) -> Option<String> {
    let _ = (field, reference);
    None
}
