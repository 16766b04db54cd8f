//! The rules, one file per family, and the registry that lists them.

mod registry;

pub use registry::{Family, Penalty, Rule, RuleInfo, Severity};
