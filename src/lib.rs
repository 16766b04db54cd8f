//! vigie audits a reuser's corpus of French court decisions against the conditions under which
//! the courts publish those decisions in open data.

pub mod audit;
pub mod corpus;
pub mod error;
pub mod r#gen;
pub mod ident;
pub mod model;
pub mod penalty;
pub mod report;
pub mod rules;
pub mod source;
pub mod text;
pub mod tui;
