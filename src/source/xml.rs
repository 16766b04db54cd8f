//! Placeholder until the DILA and administrative XML readers land.
use crate::model::{Origin, ReferenceDecision};

#[derive(Debug, Clone)]
pub struct XmlError {
    pub line: u64,
    pub column: u64,
    pub message: String,
}

impl std::fmt::Display for XmlError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}: {}", self.line, self.column, self.message)
    }
}

pub fn parse_xml(bytes: &[u8], origin: Origin) -> Result<ReferenceDecision, XmlError> {
    let _ = (bytes, origin);
    Err(XmlError {
        line: 1,
        column: 1,
        message: "XML references are not supported yet".into(),
    })
}
