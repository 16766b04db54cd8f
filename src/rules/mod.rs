//! The rules, one file per family, and the registry that lists them.

mod articles;
mod explain;
mod registry;

pub use articles::{BASIS_IDS, article_text, article_title};
pub use explain::{explain, rules_table};
pub use registry::{Family, Penalty, Rule, RuleInfo, Severity};
