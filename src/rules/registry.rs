//! The single list of rules: code, name, family, severity, penalty, basis and documentation.
//! `vigie rules`, `vigie explain` and the engine all read it.

use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Family {
    Integrity,
    Attribution,
    Freshness,
    Masking,
    Profiling,
    Input,
}

impl Family {
    pub const ALL: [Family; 6] = [
        Family::Integrity,
        Family::Attribution,
        Family::Freshness,
        Family::Masking,
        Family::Profiling,
        Family::Input,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            Family::Integrity => "integrity",
            Family::Attribution => "attribution",
            Family::Freshness => "freshness",
            Family::Masking => "masking",
            Family::Profiling => "profiling",
            Family::Input => "input",
        }
    }
}

/// Severity, from the most to the least serious (the derived order sorts `Critical` first).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Critical,
    High,
    Medium,
    Low,
    Info,
}

impl Severity {
    pub const ALL: [Severity; 5] = [
        Severity::Critical,
        Severity::High,
        Severity::Medium,
        Severity::Low,
        Severity::Info,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Critical => "critical",
            Severity::High => "high",
            Severity::Medium => "medium",
            Severity::Low => "low",
            Severity::Info => "info",
        }
    }
    pub fn parse(s: &str) -> Option<Severity> {
        Severity::ALL.into_iter().find(|v| v.as_str() == s)
    }
}

/// The penalty categories of CC CGU XII, from the most to the least serious.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Penalty {
    Permanent,
    Temporary,
    None,
}

impl Penalty {
    pub const ALL: [Penalty; 3] = [Penalty::Permanent, Penalty::Temporary, Penalty::None];
    pub fn as_str(self) -> &'static str {
        match self {
            Penalty::Permanent => "permanent",
            Penalty::Temporary => "temporary",
            Penalty::None => "none",
        }
    }
    pub fn parse(s: &str) -> Option<Penalty> {
        Penalty::ALL.into_iter().find(|v| v.as_str() == s)
    }
}

macro_rules! rules {
    ($($code:ident, $name:literal, $family:ident, $severity:ident, $penalty:ident,
       [$($basis:literal),*], $fires:literal;)*) => {
        /// A rule code. Codes are stable; a code is never reused for another meaning.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Rule { $($code),* }

        impl Rule {
            pub const ALL: &'static [Rule] = &[$(Rule::$code),*];

            pub fn info(self) -> &'static RuleInfo {
                match self {
                    $(Rule::$code => &RuleInfo {
                        code: stringify!($code),
                        name: $name,
                        family: Family::$family,
                        severity: Severity::$severity,
                        penalty: Penalty::$penalty,
                        basis: &[$($basis),*],
                        fires_when: $fires,
                    },)*
                }
            }
        }
    };
}

/// Everything the registry knows of a rule.
#[derive(Debug)]
pub struct RuleInfo {
    pub code: &'static str,
    pub name: &'static str,
    pub family: Family,
    pub severity: Severity,
    pub penalty: Penalty,
    /// The articles it enforces, as cited in reports (`CC V`, `COJ L.111-13`…); the texts are in
    /// `assets/articles/`.
    pub basis: &'static [&'static str],
    pub fires_when: &'static str,
}

rules! {
    INT001, "text-modified", Integrity, High, Temporary, ["CC V", "CE V", "DILA", "CRPA L.322-1"],
        "the normalised text differs from the reference by substituted words, numbers or punctuation (occultation markers excepted: see MSK rules)";
    INT002, "commentary-inserted", Integrity, High, Temporary, ["CE V", "DILA"],
        "text absent from the reference is inserted into the decision text (notes, headings, links, ads)";
    INT003, "text-cut", Integrity, High, Temporary, ["CE V", "DILA"],
        "part of the reference text is missing and the record is not marked `excerpt`";
    INT004, "excerpt-without-full-text", Integrity, Medium, Temporary, ["CE V"],
        "`excerpt` is true but no `full_text_url` lets the reader reach the whole decision";
    INT005, "identification-missing", Integrity, Medium, Temporary, ["CC V", "CE V", "DILA"],
        "identification required for the producer is absent: jurisdiction, formation, seat, decision date (Cour de cassation); the same plus number (Conseil d'État); date and jurisdiction (DILA). One finding per record, listing the fields";
    INT006, "identification-mismatch", Integrity, High, Temporary, ["CC V", "CE V", "CRPA L.322-1"],
        "an identification field contradicts the reference (dates, numbers, jurisdictions, chambers and seats are compared through their accepted spellings)";
    INT007, "unverifiable-record", Integrity, Info, None, [],
        "no reference decision matches the record";
    ATT001, "source-not-mentioned", Attribution, Medium, Temporary, ["CC V", "CE V", "DILA", "CRPA L.322-1"],
        "`attribution` is absent or names no producer";
    ATT002, "source-misattributed", Attribution, Medium, Temporary, ["CC V", "CE V"],
        "`attribution` names a producer other than the decision's (a Conseil d'État decision credited to the Cour de cassation…)";
    FRE001, "update-date-missing", Freshness, Medium, Temporary, ["CC V", "CE V", "CRPA L.322-1"],
        "no `updated_at` (nor a date inside `update_notice`)";
    FRE002, "outdated-version", Freshness, Medium, Temporary, ["CC V", "CC XII", "CE V", "CE XII"],
        "the reference was updated after the record's `updated_at` and the texts or identifications differ: the reuser missed a correction (reported instead of INT001–INT006)";
    FRE003, "sync-overdue", Freshness, Low, Temporary, ["CC V"],
        "corpus level: the newest `updated_at` in the corpus is more than 72 hours before the audit time (`--as-of`)";
    FRE004, "withdrawn-at-source", Freshness, High, Temporary, ["CC IV", "CC V"],
        "the decision was deleted at source (`--history`) but the reuser still publishes it (reported instead of INT007)";
    FRE005, "ambiguous-update-notice", Freshness, Low, Temporary, ["CE V"],
        "Conseil d'État decisions: `update_notice` does not make clear that the date is when the reuser loaded the document";
    MSK001, "occultation-lifted", Masking, Critical, Permanent, ["COJ L.111-13", "CJA L.10", "CC VII", "CC X", "CE X"],
        "an element pseudonymised in the reference (`[K]`, `[Adresse 2]`, `C... A...`) appears in clear in the record";
    MSK002, "occultation-added", Masking, Medium, Temporary, ["CC X", "CE X", "COJ R.111-13", "CJA R.741-15"],
        "the record masks an element that the reference shows in clear, other than the name of a natural person who is a party or a third party";
    MSK003, "provisional-occultation", Masking, Info, None, ["CC IX", "CE IX"],
        "the record masks a natural person's name that the reference left in clear: allowed as the provisional occultation, but the defect must be reported to the court";
    MSK004, "person-name-in-clear", Masking, High, Permanent, ["COJ L.111-13", "CC IX", "CE IX"],
        "the record shows in clear the name of a natural person who is a party or a third party (not a magistrate, clerk, lawyer or other professional acting as such)";
    MSK005, "identifier-in-clear", Masking, High, Permanent, ["CC VII", "CC IX", "CE VII"],
        "the record shows in clear a direct identifier of a natural person: social security number, IBAN, phone number, e-mail address, date of birth, vehicle plate";
    PRF001, "magistrate-identity-indexed", Profiling, Medium, Temporary, ["CC VI", "CE VI", "COJ L.111-13"],
        "a structured field of the record carries the identity of magistrates or clerks as indexable metadata";
    PRF002, "magistrate-analytics", Profiling, Critical, Permanent, ["CC VI", "CE VI", "COJ L.111-13", "code pénal 226-18"],
        "the record pairs a magistrate's or clerk's identity with figures or judgements about their practice (rates, counts, scores, predictions)";
    IN001, "unreadable-record", Input, High, None, [],
        "a line or file of the corpus cannot be read (bad JSON, invalid UTF-8, no `id`, too large)";
    IN002, "duplicate-record", Input, Low, None, [],
        "two records share an `id`";
}

impl Rule {
    pub fn code(self) -> &'static str {
        self.info().code
    }

    /// Looks a rule up by its code, case-insensitively.
    pub fn from_code(code: &str) -> Option<Rule> {
        Rule::ALL
            .iter()
            .copied()
            .find(|r| r.code().eq_ignore_ascii_case(code.trim()))
    }

    /// Rules whose evidence exposes personal data, redacted on export (SPEC §4).
    pub fn exposes_personal_data(self) -> bool {
        matches!(
            self,
            Rule::MSK001 | Rule::MSK004 | Rule::MSK005 | Rule::PRF001 | Rule::PRF002
        )
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl Serialize for Rule {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.code())
    }
}
