//! The producer of a decision decides which conditions of reuse apply.

use serde::Serialize;

/// Who publishes a reference decision in open data, which follows from its format (SPEC §1.1).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Producer {
    /// Judilibre JSON: the Cour de cassation's open data (CC CGU).
    #[default]
    CourDeCassation,
    /// DILA CASS, INCA, CAPP: judicial decisions as Légifrance diffuses them (DILA notice).
    Legifrance,
    /// Administrative open data XML: the Conseil d'État's open data (CE CGU).
    ConseilEtat,
    /// DILA JADE: administrative decisions as Légifrance diffuses them (CE CGU).
    Jade,
}

/// Identification fields a producer requires beside each decision (INT005).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdField {
    Jurisdiction,
    Formation,
    Seat,
    DecisionDate,
    Number,
}

impl IdField {
    pub fn name(self) -> &'static str {
        match self {
            IdField::Jurisdiction => "jurisdiction",
            IdField::Formation => "formation",
            IdField::Seat => "seat",
            IdField::DecisionDate => "decision_date",
            IdField::Number => "number",
        }
    }
}

impl Producer {
    /// A short English label.
    pub fn label(self) -> &'static str {
        match self {
            Producer::CourDeCassation => "Cour de cassation open data (Judilibre)",
            Producer::Legifrance => "Légifrance (DILA)",
            Producer::ConseilEtat => "Conseil d'État open data",
            Producer::Jade => "Légifrance JADE (Conseil d'État)",
        }
    }

    /// The conditions that apply, as cited in rule bases (`CC`, `CE`, `DILA`).
    pub fn cgu(self) -> &'static str {
        match self {
            Producer::CourDeCassation => "CC",
            Producer::Legifrance => "DILA",
            Producer::ConseilEtat | Producer::Jade => "CE",
        }
    }

    /// Whether the Conseil d'État's conditions apply (FRE005, INT005 number).
    pub fn is_administrative(self) -> bool {
        matches!(self, Producer::ConseilEtat | Producer::Jade)
    }

    /// The identification the producer requires (SPEC §2, INT005).
    pub fn required_fields(self) -> &'static [IdField] {
        use IdField::*;
        match self {
            Producer::CourDeCassation => &[Jurisdiction, Formation, Seat, DecisionDate],
            Producer::Legifrance => &[DecisionDate, Jurisdiction],
            Producer::ConseilEtat | Producer::Jade => {
                &[Jurisdiction, Formation, Seat, DecisionDate, Number]
            }
        }
    }

    /// Where a pseudonymisation defect must be reported (CC IX, CE IX).
    pub fn defect_contact(self) -> &'static str {
        match self {
            Producer::CourDeCassation | Producer::Legifrance => {
                "anonymisation.sder.courdecassation@justice.fr"
            }
            Producer::ConseilEtat | Producer::Jade => "opendata-signalerunprobleme@conseil-etat.fr",
        }
    }
}
