//! The rules, one file per family, and the registry that lists them.

pub mod attribution;
pub mod check;
pub mod freshness;
pub mod identification;
pub mod integrity;
pub mod masking;
pub mod profiling;
mod registry;

pub use registry::{Family, Penalty, Rule, RuleInfo, Severity};
