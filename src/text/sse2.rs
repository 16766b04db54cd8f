//! What the SSE2 byte scanners share (the normaliser's run scanner, the JSON string scanner).
//! SSE2 is part of every x86-64 processor, and this build enables it for the whole program.

use std::arch::x86_64::{__m128i, _mm_set_epi64x};

/// The first sixteen bytes of `b` in one register. They are passed as two integers, which the
/// compiler turns into one unaligned load: no pointer is taken, so within this function, which
/// enables SSE2, the intrinsic is safe to call, and so is this function from another that
/// enables it.
#[target_feature(enable = "sse2")]
pub(crate) fn load16(b: &[u8]) -> __m128i {
    let mut lo = [0u8; 8];
    let mut hi = [0u8; 8];
    lo.copy_from_slice(&b[0..8]);
    hi.copy_from_slice(&b[8..16]);
    _mm_set_epi64x(i64::from_le_bytes(hi), i64::from_le_bytes(lo))
}
