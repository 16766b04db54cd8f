//! Text processing: normalisation, alignment, pseudonymisation markers and the detectors of
//! names and identifiers in clear.

pub mod align;
pub mod identifiers;
pub mod markers;
pub mod names;
pub mod normalize;
pub mod sanitize;
