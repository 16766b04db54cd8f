//! Text processing: normalisation, alignment, pseudonymisation markers and the detectors of
//! names and identifiers in clear.

pub mod align;
pub mod identifiers;
pub mod markers;
pub mod names;
pub mod normalize;
pub mod sanitize;
pub mod sentences;
#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
pub(crate) mod simd;
