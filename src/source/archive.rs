//! Archives (placeholder).
