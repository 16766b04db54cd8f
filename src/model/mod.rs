//! The data vigie works on: reference decisions, reuser records and findings.

pub mod bound;
mod finding;
pub mod producer;

pub use finding::{
    AfterAudit, AfterLoad, ComparedWith, Evidence, Fact, Finding, Newest, Personal, RecordRef,
    content_digest, file_key, number_occurrences,
};
pub use producer::{IdField, Producer};

use jiff::civil::Date;

/// Where a piece of input came from, for error messages and findings.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Origin {
    /// The file, or `archive.tar.gz!entry/path.xml` for an archive entry.
    pub file: String,
    /// 1-based line where the value starts (0 when not meaningful).
    pub line: u64,
}

/// `file:line`, or the file alone when the line is not meaningful.
impl std::fmt::Display for Origin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.file)?;
        if self.line > 0 {
            write!(f, ":{}", self.line)?;
        }
        Ok(())
    }
}

/// A zone of a Judilibre decision (`introduction`, `expose`, `moyens`, `motivations`, `dispositif`,
/// `annexes`), in Unicode scalar values of the reference text, already clamped to the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Zone {
    pub name: String,
    pub start: usize,
    pub end: usize,
}

/// One decision of the official reference, whatever format it was read from.
#[derive(Debug, Clone, Default)]
pub struct ReferenceDecision {
    /// The main identifier at the source (Judilibre id, DILA `JURITEXT…` id, administrative
    /// `Identification`).
    pub id: String,
    /// Other identifiers a record may cite as `source_id` (ECLI, DILA id, …).
    pub other_ids: Vec<String>,
    pub producer: Producer,
    /// Jurisdiction as the source writes it (`cc`, `Cour de cassation`, `ca`, `Tribunal
    /// administratif de Cergy-Pontoise`…).
    pub jurisdiction: Option<String>,
    /// Chamber (`civ1`, `CHAMBRE_CIVILE_1`, `comm`…).
    pub chamber: Option<String>,
    /// Formation (`fs`, `frh`…; for administrative courts the `Formation_Jugement`).
    pub formation: Option<String>,
    /// Seat as the source writes it (`ca_paris`, `tj75056`, `Paris`…), when given.
    pub seat: Option<String>,
    pub decision_date: Option<Date>,
    /// Case numbers as the source writes them (`19-19.463`, `20/00804`, `2520143`).
    pub numbers: Vec<String>,
    pub ecli: Option<String>,
    /// When the source last updated the decision: an instant (Judilibre's `update_datetime`), or
    /// a day alone (Judilibre's `update_date`, the administrative `Date_Mise_Jour`), some time of
    /// which, in France, the update came.
    pub update_date: Option<crate::ident::Moment>,
    /// The decision text, plain (XML readers turn `<br/>` into line breaks and decode entities).
    pub text: String,
    pub zones: Vec<Zone>,
    /// Names of professionals the source's metadata gives (president, lawyers, rapporteur,
    /// advocate general): they stay in clear and must not be taken for parties.
    pub professionals: Vec<String>,
    /// How many of `professionals`, from the first, are members of the court (president,
    /// advocate general, rapporteur, government commissioner); the others are lawyers.
    pub magistrates: usize,
    pub origin: Origin,
}

impl ReferenceDecision {
    /// The members of the court the source's metadata names (president, advocate general,
    /// rapporteur, government commissioner), not the lawyers.
    pub fn magistrates(&self) -> &[String] {
        &self.professionals[..self.magistrates.min(self.professionals.len())]
    }
}

/// How the reuser's text is encoded.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum TextFormat {
    #[default]
    Plain,
    Html,
}

/// One record of the reuser's corpus, with its canonical fields (SPEC §1.2).
#[derive(Debug, Clone, Default)]
pub struct Record {
    /// The id as read; or, for one holding a lone UTF-16 surrogate escape (`"rec-\ud800"`,
    /// which reads as U+FFFD, as `"rec-\udbff"` does), as written, the escape kept as text
    /// (`rec-\ud800`: [`crate::corpus::json::written_string`]), so that ids that read alike
    /// stay apart; `id_as_written` says so.
    pub id: String,
    /// `id` is written so: the duplicate check and the fingerprints mark it, so that it is not
    /// taken for an id read with that text (`"rec-\\ud800"`, a backslash).
    pub id_as_written: bool,
    /// Index of the corpus file in the audit's file list.
    pub file: u32,
    /// 1-based line where the record starts.
    pub line: u64,
    /// As read; or, for one holding a lone UTF-16 surrogate escape (`"JURITEXT\ud800"`), as
    /// written (the escape kept as text, as `id`'s is), since it would otherwise read as U+FFFD,
    /// as `"JURITEXT\udbff"` does: `source_id_as_written` says so.
    pub source_id: Option<String>,
    /// `source_id` holds a lone surrogate, no character: no id of the reference holds one, so
    /// it designates no reference decision (INT007, which says why), rather than the decision
    /// whose id reads alike once mended.
    pub source_id_as_written: bool,
    pub url: Option<String>,
    pub text: Option<String>,
    pub text_format: TextFormat,
    pub jurisdiction: Option<String>,
    pub formation: Option<String>,
    pub seat: Option<String>,
    pub decision_date: Option<String>,
    pub number: Option<String>,
    pub attribution: Option<String>,
    pub source_link: Option<String>,
    pub updated_at: Option<String>,
    pub update_notice: Option<String>,
    pub excerpt: bool,
    pub full_text_url: Option<String>,
    pub commentary: Option<String>,
    /// Every other field of the record, kept for the profiling rules.
    pub extra: Vec<(String, serde_json::Value)>,
    /// With a mapping, the mapped fields whose path gave this record a value (not null, not a
    /// default): bit `i` for `CANONICAL_FIELDS[i]` ([`crate::corpus::mapping::field_bit`]).
    pub mapped: u32,
}

impl Record {
    /// A digest of what the record says (its id, its text and its canonical fields, which the
    /// detail view shows; not where it was read), kept for records with findings ([`RecordRef::digest`]) so that the detail view,
    /// which reads a record again from its file, can tell a record that changed since the
    /// audit. Never 0, which stands for "not kept".
    pub fn digest(&self) -> u64 {
        use std::hash::Hasher;
        let mut h = twox_hash::XxHash3_64::new();
        let mut put = |v: Option<&str>| {
            match v {
                Some(s) => {
                    h.write_u8(1);
                    h.write(s.as_bytes());
                }
                None => h.write_u8(0),
            }
            h.write_u8(0xff);
        };
        put(Some(&self.id));
        for v in [
            &self.source_id,
            &self.url,
            &self.text,
            &self.jurisdiction,
            &self.formation,
            &self.seat,
            &self.decision_date,
            &self.number,
            &self.attribution,
            &self.source_link,
            &self.updated_at,
            &self.update_notice,
            &self.full_text_url,
            &self.commentary,
        ] {
            put(v.as_deref());
        }
        h.write_u8(u8::from(self.excerpt) | (u8::from(self.text_format == TextFormat::Html) << 1));
        h.finish().max(1)
    }
}
