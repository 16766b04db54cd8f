//! Text processing: normalisation, alignment, pseudonymisation markers and the detectors of
//! names and identifiers in clear.

pub mod align;
pub mod identifiers;
pub mod letterspacing;
pub mod markers;
pub mod names;
pub mod normalize;
pub mod rulelines;
pub mod sanitize;
pub mod sentences;
#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
pub(crate) mod simd;

/// The words of `a` then those of `b`, at compile time: one word list made of two, so that a
/// list two detectors share is written once (`names::BODIES`).
pub(crate) const fn concat_words<const N: usize>(
    a: &[&'static str],
    b: &[&'static str],
) -> [&'static str; N] {
    assert!(a.len() + b.len() == N);
    let mut out = [""; N];
    let mut i = 0;
    while i < a.len() {
        out[i] = a[i];
        i += 1;
    }
    while i < N {
        out[i] = b[i - a.len()];
        i += 1;
    }
    out
}
