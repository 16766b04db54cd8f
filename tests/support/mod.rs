pub mod audit;
pub mod binary;
pub mod corpus_file;
pub mod data;
pub mod ident;
pub mod masking_harness;
pub mod pipe;
pub mod rendered;
