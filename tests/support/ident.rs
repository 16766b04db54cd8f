//! The identification fields, all of them (shared by the identification tests).
#![allow(dead_code)]

use vigie::model::IdField;

/// Every identification field of SPEC §2.2, in the order `IdField` declares them.
pub const ID_FIELDS: [IdField; 5] = [
    IdField::Jurisdiction,
    IdField::Formation,
    IdField::Seat,
    IdField::DecisionDate,
    IdField::Number,
];
