//! The identification fields, and what comparing a value with a reference should give
//! (shared by the identification tests).
#![allow(dead_code)]

use Want::{Different, Equal, Unknown};
use vigie::ident::{Comparison, compare, reference_display};
use vigie::model::{IdField, ReferenceDecision};

/// Every identification field of SPEC §2.2, in the order `IdField` declares them.
pub const ID_FIELDS: [IdField; 5] = [
    IdField::Jurisdiction,
    IdField::Formation,
    IdField::Seat,
    IdField::DecisionDate,
    IdField::Number,
];

/// The id, court, seat and bench of `reference`, for failure messages.
pub fn name(reference: &ReferenceDecision) -> String {
    format!(
        "{:?} ({:?} {:?} {:?} {:?})",
        reference.id,
        reference.jurisdiction,
        reference.seat,
        reference.chamber,
        reference.formation
    )
}

/// `value` in `field` is the same as `reference`'s.
#[track_caller]
pub fn equal(field: IdField, value: &str, reference: &ReferenceDecision) {
    assert_eq!(
        compare(field, value, reference),
        Comparison::Equal,
        "{field:?} {value:?} should equal the reference {}",
        name(reference)
    );
}

/// `value` in `field` contradicts `reference`, which shows `expected`.
#[track_caller]
pub fn different(field: IdField, value: &str, reference: &ReferenceDecision, expected: &str) {
    assert_eq!(
        compare(field, value, reference),
        Comparison::Different {
            expected: expected.into()
        },
        "{field:?} {value:?} should contradict the reference {}",
        name(reference)
    );
}

/// Whether `value` in `field` is `reference`'s cannot be told.
#[track_caller]
pub fn unknown(field: IdField, value: &str, reference: &ReferenceDecision) {
    assert_eq!(
        compare(field, value, reference),
        Comparison::Unknown,
        "{field:?} {value:?} should be unknown against the reference {}",
        name(reference)
    );
}

/// What comparing a value with the reference should give: [`equal`], [`different`] or
/// [`unknown`].
#[derive(Clone, Copy)]
pub enum Want {
    Equal,
    Different,
    Unknown,
}

/// Compares each value of `rows` in `field` with `reference`, which shows `shown` for `field`
/// when a value contradicts it: each gives what its row wants.
#[track_caller]
pub fn check(field: IdField, reference: &ReferenceDecision, shown: &str, rows: &[(&str, Want)]) {
    for &(value, want) in rows {
        match want {
            Equal => equal(field, value, reference),
            Different => different(field, value, reference, shown),
            Unknown => unknown(field, value, reference),
        }
    }
}

/// A reference decision, what it shows when a value contradicts it, and values with what each
/// gives.
pub type Case<'a> = (&'a ReferenceDecision, &'a str, &'a [(&'a str, Want)]);

/// [`check`]s each case in `field`.
#[track_caller]
pub fn check_all(field: IdField, cases: &[Case]) {
    for &(reference, shown, rows) in cases {
        check(field, reference, shown, rows);
    }
}

/// `reference` shows `shown` as its `field`.
#[track_caller]
pub fn displays(field: IdField, reference: &ReferenceDecision, shown: &str) {
    assert_eq!(
        reference_display(field, reference).as_deref(),
        Some(shown),
        "{field:?} of {}",
        name(reference)
    );
}
