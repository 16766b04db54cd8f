pub mod archive;
pub mod xml;
