//! The rules, one file per family, and the registry that lists them.

mod articles;
pub mod attribution;
pub mod basis;
pub mod check;
mod explain;
pub mod freshness;
pub mod identification;
pub mod integrity;
pub mod kept;
pub mod masking;
pub mod profiling;
mod registry;

pub use articles::{BASIS_IDS, article_text, article_title};
pub use basis::Basis;
pub use explain::{explain, rules_table};
pub use registry::{Family, Penalty, Rule, RuleInfo, Severity};
