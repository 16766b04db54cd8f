//! What the byte scanners share (the normaliser's run scanner, the JSON string scanner, the
//! identifiers' digit search): the search for a first byte of a kind, and loads
//! of sixteen bytes for SSE2, part of every x86-64 processor and enabled by this build for the
//! whole program, and of thirty-two for AVX2, which the normaliser uses only once
//! [`std::arch::is_x86_feature_detected`] has found it.

use std::arch::x86_64::{__m128i, __m256i, _mm_set_epi64x, _mm256_set_epi64x};

/// The eight bytes of `b` from `k`, as one integer.
#[inline(always)]
fn word(b: &[u8], k: usize) -> i64 {
    let mut w = [0u8; 8];
    w.copy_from_slice(&b[k..k + 8]);
    i64::from_le_bytes(w)
}

/// The first sixteen bytes of `b` in one register. They are passed as two integers, which the
/// compiler turns into one unaligned load: no pointer is taken, so within this function, which
/// enables SSE2, the intrinsic is safe to call, and so is this function from another that
/// enables it.
#[target_feature(enable = "sse2")]
pub(crate) fn load16(b: &[u8]) -> __m128i {
    _mm_set_epi64x(word(b, 8), word(b, 0))
}

/// The first thirty-two bytes of `b` in one register, as [`load16`] does: four integers, one
/// unaligned load. Safe to call from a function that enables AVX2.
#[target_feature(enable = "avx2")]
pub(crate) fn load32(b: &[u8]) -> __m256i {
    _mm256_set_epi64x(word(b, 24), word(b, 16), word(b, 8), word(b, 0))
}

/// The first byte of `b` that `mask` flags, thirty-two bytes at a time: `mask` gives, for the
/// first sixteen bytes of its slice, one bit a byte. `Ok` with the position of that byte, or
/// `Err` with how far the whole blocks went (a multiple of 32: what is left is shorter, for the
/// caller to search byte by byte).
#[inline(always)]
pub(crate) fn first_flagged(b: &[u8], mask: impl Fn(&[u8]) -> u32) -> Result<usize, usize> {
    let mut i = 0;
    while i + 32 <= b.len() {
        let m = mask(&b[i..i + 16]) | mask(&b[i + 16..i + 32]) << 16;
        if m != 0 {
            return Ok(i + m.trailing_zeros() as usize);
        }
        i += 32;
    }
    Err(i)
}
