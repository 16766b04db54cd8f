//! The detector of direct identifiers in clear (MSK005).

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum IdentifierKind {
    /// Social security number, key checked.
    Nir,
    /// IBAN, mod-97 checked.
    Iban,
    Phone,
    Email,
    /// `né le …`.
    BirthDate,
    VehiclePlate,
}

impl IdentifierKind {
    pub fn label(self) -> &'static str {
        match self {
            IdentifierKind::Nir => "social security number",
            IdentifierKind::Iban => "IBAN",
            IdentifierKind::Phone => "phone number",
            IdentifierKind::Email => "e-mail address",
            IdentifierKind::BirthDate => "date of birth",
            IdentifierKind::VehiclePlate => "vehicle plate",
        }
    }
}

/// One identifier in clear; `start..end` are byte offsets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IdentifierHit {
    pub start: usize,
    pub end: usize,
    pub kind: IdentifierKind,
}

pub fn find_identifiers(text: &str) -> Vec<IdentifierHit> {
    let _ = text;
    Vec::new()
}
