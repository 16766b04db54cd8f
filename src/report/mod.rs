//! The report: what an audit found, and the writers of every output format (SPEC §4).

mod csv;
mod json;
mod jsonl;
mod notice;
pub mod redact;
mod text;
pub mod warnings;
pub use text::write_first_named;

use crate::model::{Finding, Producer};
use crate::rules::check::NotComparedWhy;
use crate::rules::{Basis, Family, Penalty, Rule, Severity};
use crate::text::sanitize::Shown;
use crate::text::sanitize::display_path;
use anyhow::Context;
use std::collections::BTreeMap;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// The corpus verdict (SPEC §3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Verdict {
    Permanent,
    Temporary,
    Compliant,
}

impl Verdict {
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Permanent => "permanent",
            Verdict::Temporary => "temporary",
            Verdict::Compliant => "compliant",
        }
    }
}

/// A `--policy` override, recorded in the report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PolicyOverride {
    pub rule: Rule,
    pub field: &'static str,
    pub from: String,
    pub to: String,
}

/// An input that could not be read: its file (`archive.tar.gz!entry`), the line where it starts
/// when meaningful (0 otherwise), why, and how much of the reference it stands for (one
/// decision; or a folder, or the rest of a file cut short, whose decisions cannot be counted).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UnreadableInput {
    pub file: String,
    pub line: u64,
    pub reason: String,
    pub lost: crate::source::Lost,
}

/// A version of a reference decision read more than once and set aside, and the version used in
/// its place: updated later, or from a later publication (DILA's names date its archives), or (on
/// a tie) first by file name and line.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SupersededInput {
    pub file: String,
    /// Where the version starts (0 when not meaningful: the whole file).
    pub line: u64,
    pub id: String,
    pub update_date: Option<jiff::Timestamp>,
    /// The date of the DILA publication it came in, from its path's name
    /// ([`crate::source::published_in`]).
    pub published: Option<jiff::civil::DateTime>,
    pub used_file: String,
    pub used_line: u64,
    pub used_update_date: Option<jiff::Timestamp>,
    pub used_published: Option<jiff::civil::DateTime>,
}

/// Where an input lies, `file:line` (or the file alone), for the terminal.
fn place(file: &str, line: u64) -> String {
    let o = crate::model::Origin {
        file: file.to_string(),
        line,
    };
    crate::text::sanitize::for_terminal(&o.to_string(), false).into_owned()
}

/// A date DILA's names give, as they write it (French time).
fn name_date(t: jiff::civil::DateTime) -> String {
    t.strftime("%Y-%m-%d %H:%M:%S").to_string()
}

impl SupersededInput {
    /// One line for a person: where the version set aside lies, its update date and id, and the
    /// version used, and why (update dates in French time, as the sources date them).
    pub fn describe(&self) -> String {
        use crate::text::sanitize::for_terminal;
        let when = |t: jiff::Timestamp| {
            t.to_zoned(crate::ident::paris())
                .strftime("%Y-%m-%d %H:%M %Z")
                .to_string()
        };
        let published = |t: Option<jiff::civil::DateTime>| t.map(name_date);
        let why = match (self.update_date, self.used_update_date) {
            (Some(a), Some(b)) if a < b => format!("updated {}", when(b)),
            (None, Some(b)) => format!("updated {}", when(b)),
            _ if self.published < self.used_published => format!(
                "{}, published later: its name is dated {}, {}",
                match self.update_date {
                    Some(_) => "updated at the same time",
                    None => "no update date either",
                },
                published(self.used_published).unwrap_or_default(),
                match published(self.published) {
                    Some(d) => format!("the other's {d}"),
                    None => "the other's is not".to_string(),
                },
            ),
            (Some(_), _) => "updated at the same time, first by name".to_string(),
            (None, None) => "no update date either, first by name".to_string(),
        };
        format!(
            "{} ({}, id {}): set aside for {} ({why})",
            place(&self.file, self.line),
            self.update_date
                .map_or("no update date".to_string(), |t| format!(
                    "updated {}",
                    when(t)
                )),
            for_terminal(&self.id, false),
            place(&self.used_file, self.used_line),
        )
    }
}

/// A decision withdrawn at source, as a DILA suppression list tells it: the id, the list and its
/// line, and the date of the increment that holds it, from its name (French time).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WithdrawnInput {
    pub id: String,
    pub file: String,
    pub line: u64,
    pub published: Option<jiff::civil::DateTime>,
}

impl WithdrawnInput {
    /// One line for a person: the id, when, and where the list lies.
    pub fn describe(&self) -> String {
        format!(
            "{} withdrawn {} ({})",
            crate::text::sanitize::for_terminal(&self.id, false),
            self.published
                .map_or("on a date its list's name does not give".to_string(), |d| {
                    format!("in the increment of {}", name_date(d))
                }),
            place(&self.file, self.line),
        )
    }
}

/// The earlier report given as `--previous`, recorded in the report (`audit.previous`): a
/// repeated breach is one found again after it, and the formal notice dates it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PreviousAudit {
    /// The file, as given; `None` when the report was not read from a file.
    pub path: Option<String>,
    /// The earlier audit's time (its `audit.as_of`), when it gives a valid one.
    pub as_of: Option<String>,
    /// The findings of this audit found again (`repeated: true`), whatever their penalty.
    pub repeated: u64,
    /// The earlier report's breaches (its findings with a penalty, each fingerprint once).
    pub breaches: u64,
    /// Of those, the ones no finding of this audit repeats: corrected since, or gone with
    /// their records.
    pub breaches_no_longer_found: u64,
}

/// How old the corpus's `updated_at` dates are at `as_of`, in buckets.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AgeHistogram {
    /// `(label, count)`: `≤72 h` (a date up to a day after the audit time counts as fresh),
    /// `3–7 d`, `1–4 wk`, `1–6 mo`, `>6 mo`, `none` (no date), and `future` (dated more than a
    /// day after the audit time, each an FRE001).
    pub buckets: Vec<(&'static str, u64)>,
}

/// Matched records whose text was not compared with their reference decision's, by reason.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TextsNotCompared {
    /// The record has no `text`.
    pub record_without_text: u64,
    /// The reference decision has no text (a search result, a list without texts).
    pub reference_without_text: u64,
    /// The reference text could not be read again: its file changed or went away during the
    /// audit (or it is 4 GiB or more).
    pub reference_unreadable: u64,
}

impl TextsNotCompared {
    /// The records not compared for `why`.
    pub fn get(&self, why: NotComparedWhy) -> u64 {
        match why {
            NotComparedWhy::RecordWithoutText => self.record_without_text,
            NotComparedWhy::ReferenceWithoutText => self.reference_without_text,
            NotComparedWhy::ReferenceUnreadable => self.reference_unreadable,
        }
    }

    /// Counts one more record not compared for `why`.
    pub fn add(&mut self, why: NotComparedWhy) {
        *match why {
            NotComparedWhy::RecordWithoutText => &mut self.record_without_text,
            NotComparedWhy::ReferenceWithoutText => &mut self.reference_without_text,
            NotComparedWhy::ReferenceUnreadable => &mut self.reference_unreadable,
        } += 1;
    }

    /// Each reason, in the order they are told, with its count.
    pub fn by_reason(&self) -> impl Iterator<Item = (NotComparedWhy, u64)> + '_ {
        NotComparedWhy::ALL.into_iter().map(|w| (w, self.get(w)))
    }

    pub fn total(&self) -> u64 {
        self.by_reason().map(|(_, n)| n).sum()
    }

    /// The reasons that hold records, with their counts, in words: `1 without a text; 2 whose
    /// reference decision has no text`.
    pub fn describe(&self) -> String {
        self.by_reason()
            .filter(|(_, n)| *n > 0)
            .map(|(why, n)| format!("{n} {}", why.english()))
            .collect::<Vec<_>>()
            .join("; ")
    }
}

/// `--mapping`, as the audit applied it (`audit.mapping` in the JSON report): the officer can
/// turn a canonical field of a finding back into the path of their own schema, and see which
/// paths gave nothing.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MappingInfo {
    /// The mapping file, as given.
    pub file: String,
    /// `(canonical field, path as the file writes it, line of its entry)`, in
    /// [`crate::corpus::mapping::CANONICAL_FIELDS`] order.
    pub fields: Vec<(&'static str, String, u64)>,
    /// The fields given a default, in the same order.
    pub defaults: Vec<&'static str>,
    /// The mapped fields whose path gave a value (not null) in none of the records read, when
    /// at least one was read: the path is almost always mistaken (SPEC §7).
    pub unmatched: Vec<&'static str>,
}

impl MappingInfo {
    /// The mapping `m`, with `resolved[i]` the records whose path of
    /// `CANONICAL_FIELDS[i]` gave a value, of the `records` read.
    pub fn of(m: &crate::corpus::Mapping, resolved: &[u64], records: u64) -> MappingInfo {
        use crate::corpus::mapping::CANONICAL_FIELDS;
        let mut info = MappingInfo {
            file: m.file.clone(),
            ..MappingInfo::default()
        };
        for (i, &field) in CANONICAL_FIELDS.iter().enumerate() {
            if let Some((path, line)) = m.written_path(field) {
                info.fields.push((field, path.to_string(), line));
                if records > 0 && resolved.get(i).is_some_and(|&n| n == 0) {
                    info.unmatched.push(field);
                }
            }
            if m.default_of(field).is_some() {
                info.defaults.push(field);
            }
        }
        info
    }

    /// The path `field` is read from, as the mapping file writes it.
    pub fn path_of(&self, field: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(f, _, _)| *f == field)
            .map(|(_, p, _)| p.as_str())
    }

    /// `field` as the reuser names it ([`crate::corpus::mapping::FieldName`]).
    pub fn name<'a>(&'a self, field: &'a str) -> crate::corpus::mapping::FieldName<'a> {
        crate::corpus::mapping::FieldName::new(field, self.path_of(field))
    }
}

/// What the audit looked at.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AuditInfo {
    /// RFC 3339, UTC.
    pub as_of: String,
    pub corpus: Vec<String>,
    pub reference: Vec<String>,
    pub history: Vec<String>,
    pub records: u64,
    pub unreadable_records: u64,
    pub reference_decisions: u64,
    /// The reference decisions that could not be read: those known one by one (files, lines,
    /// archive entries), and one for each part whose decisions cannot be counted (a folder
    /// that could not be listed, the rest of a file cut short), so at least that many when
    /// there are such parts (`unreadable_reference_uncounted`).
    pub unreadable_reference_decisions: u64,
    /// Of `unreadable_reference`, the parts whose decisions cannot be counted: the count above
    /// is exact when there is none (the JSON report's `unreadable_reference_decisions_exact`).
    pub unreadable_reference_uncounted: u64,
    /// The reference decisions that could not be read (`unreadable_reference_decisions` of
    /// them), each with where and why: a court checking a reuser can tell the reference's
    /// defects from the reuser's.
    pub unreadable_reference: Vec<UnreadableInput>,
    /// The versions of reference decisions read more than once that were set aside (a full
    /// export given with its increments): `reference_decisions` counts each decision once.
    pub superseded_reference: Vec<SupersededInput>,
    /// The decisions DILA's suppression lists withdraw at the audit time, each once, by the
    /// withdrawal that stands (the latest, unless `--history` tells of a later action): each is
    /// withdrawn at source (FRE004 for a record that still publishes it).
    pub withdrawn_reference: Vec<WithdrawnInput>,
    /// Files (and folders) of the corpus folders not read, being hidden or not of a corpus's
    /// extension: nothing the auditor gave is left out silently (SPEC §7).
    pub skipped_files: Vec<String>,
    /// Files of the corpus folders that vigie wrote, not read as records: its reports (an
    /// earlier run's, this run's `--output` and `--previous`) and waivers files
    /// ([`crate::corpus::is_vigie_file`]). In the JSON report, `audit.skipped_vigie_files`.
    pub vigie_files: Vec<String>,
    pub matched_records: u64,
    /// Records by the producer whose conditions apply to them, in the order of [`Producer`]'s
    /// variants, producers with none left out: the producer of the reference decision a record
    /// matches or, for a record of a decision a DILA suppression list withdrew and the
    /// reference does not hold, the list's. The counts add up to `matched_records` and those
    /// records. The producer decides which conditions of reuse apply (SPEC §1.1), and so which
    /// the formal notice invokes. In the JSON report, `audit.producers`, an object
    /// keyed by producer (`cour_de_cassation`, `legifrance`, `conseil_etat`, `jade`).
    pub producers: Vec<(Producer, u64)>,
    /// Matched records whose text was not compared with the reference's, by reason: nothing
    /// of their text was found faithful or not. [`AuditInfo::texts_not_compared`] is the total.
    pub texts_not_compared_why: TextsNotCompared,
    /// Records read (matched or not) without a `text`: none of their text could be checked,
    /// against the reference or for personal data.
    pub records_without_text: u64,
    /// `--mapping`, when one was given.
    pub mapping: Option<MappingInfo>,
    pub policy_overrides: Vec<PolicyOverride>,
    /// `--previous`: the earlier report the findings were compared with (SPEC §3).
    pub previous: Option<PreviousAudit>,
    pub elapsed_ms: u64,
    pub updated_at_ages: AgeHistogram,
}

impl AuditInfo {
    /// What of the reference could not be read, counted by kind (`unreadable_reference`).
    pub fn reference_incomplete(&self) -> crate::source::Incomplete {
        let mut out = crate::source::Incomplete::default();
        for u in &self.unreadable_reference {
            match u.lost {
                crate::source::Lost::Decisions(n) => out.decisions += n,
                crate::source::Lost::Folder => out.folders += 1,
                crate::source::Lost::Rest => out.rests += 1,
            }
        }
        out
    }

    /// Matched records whose text was not compared with the reference's, for any reason
    /// (`audit.texts_not_compared` in the JSON report).
    pub fn texts_not_compared(&self) -> u64 {
        self.texts_not_compared_why.total()
    }
}

/// Counts over the findings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    pub verdict: Verdict,
    pub findings: u64,
    pub records_with_findings: u64,
    pub by_rule: BTreeMap<Rule, u64>,
    pub by_family: BTreeMap<Family, u64>,
    pub by_severity: BTreeMap<Severity, u64>,
    pub by_penalty: BTreeMap<Penalty, u64>,
}

impl Summary {
    /// Computes the summary of a list of findings.
    pub fn of(findings: &[Finding]) -> Summary {
        let mut s = Summary {
            verdict: Verdict::Compliant,
            findings: findings.len() as u64,
            records_with_findings: 0,
            by_rule: BTreeMap::new(),
            by_family: BTreeMap::new(),
            by_severity: BTreeMap::new(),
            by_penalty: BTreeMap::new(),
        };
        // A record is told by its file and its place in it: several records may share a line
        // (a JSON array written on one line).
        let mut records: Vec<(u32, u64, u64)> = Vec::new();
        for f in findings {
            *s.by_rule.entry(f.rule).or_default() += 1;
            *s.by_family.entry(f.rule.info().family).or_default() += 1;
            *s.by_severity.entry(f.severity).or_default() += 1;
            *s.by_penalty.entry(f.penalty).or_default() += 1;
            match f.penalty {
                Penalty::Permanent => s.verdict = Verdict::Permanent,
                Penalty::Temporary if s.verdict == Verdict::Compliant => {
                    s.verdict = Verdict::Temporary
                }
                _ => {}
            }
            if let Some(r) = &f.record {
                records.push(r.place());
            }
        }
        records.sort_unstable();
        records.dedup();
        s.records_with_findings = records.len() as u64;
        s
    }
}

/// An auditor's decision on a finding, kept in `--waivers PATH` (JSON keyed by fingerprint).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Waiver {
    /// `reviewed` or `accepted`.
    pub status: WaiverStatus,
    #[serde(default)]
    pub note: String,
    /// RFC 3339 time of the decision.
    #[serde(default)]
    pub at: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum WaiverStatus {
    Reviewed,
    Accepted,
}

/// A finished audit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    pub audit: AuditInfo,
    pub summary: Summary,
    /// Ordered by file, line, then rule.
    pub findings: Vec<Finding>,
    /// Corpus file names, indexed by `RecordRef::file_index`.
    pub files: Vec<String>,
    /// Waivers by fingerprint, shown in every export.
    pub waivers: BTreeMap<String, Waiver>,
}

impl Report {
    /// The basis `f` cites, in every export: its rule's basis narrowed to the conditions that
    /// apply to the decision it is about, those of the producer of its record's reference
    /// decision or, for a corpus-level finding, of every producer of the corpus
    /// ([`AuditInfo::producers`]); the whole basis when no producer is known or none of it
    /// applies.
    pub fn basis(&self, f: &Finding) -> Basis {
        match &f.record {
            Some(r) => Basis::of(f.rule, r.producer),
            None => Basis::of(
                f.rule,
                self.audit
                    .producers
                    .iter()
                    .filter(|&&(_, n)| n > 0)
                    .map(|&(p, _)| p),
            ),
        }
    }

    /// Whether a finding's penalty is `threshold` or graver (`None`: no threshold): what the
    /// exit status says, `1` then (SPEC §4), whether the audit ran headless or in the UI.
    pub fn breaches(&self, threshold: Option<Penalty>) -> bool {
        threshold.is_some_and(|t| {
            self.findings
                .iter()
                .any(|f| f.penalty != Penalty::None && f.penalty <= t)
        })
    }

    /// Whether the corpus had lines or files but not one readable record: a verdict on it says
    /// nothing of the publication, and the run exits 2 (headless or in the UI).
    pub fn read_no_record(&self) -> bool {
        self.audit.records == 0 && self.audit.unreadable_records > 0
    }

    /// Whether records were read but the mapping's `source_id` path gave a value in none of
    /// them, with a reference given: no record could be matched with its decision, so nothing
    /// was checked against the source, and the verdict says nothing of the corpus.
    pub fn source_id_unmatched(&self) -> bool {
        !self.audit.reference.is_empty()
            && self
                .audit
                .mapping
                .as_ref()
                .is_some_and(|m| m.unmatched.contains(&"source_id"))
    }

    /// Whether the audit could not be carried out: no record read
    /// ([`Report::read_no_record`]), or none matchable with its decision
    /// ([`Report::source_id_unmatched`]). Its verdict says nothing of the corpus: the run
    /// exits 2, and `summary.conclusive` is false.
    pub fn inconclusive(&self) -> bool {
        self.read_no_record() || self.source_id_unmatched()
    }

    /// Why the audit is inconclusive when the mapping's `source_id` matched no record, as every
    /// output says it in English (stderr, the text summary, the terminal): `the audit could not
    /// be carried out: the mapping's path for …` ([`Report::source_id_unmatched_why`]).
    pub fn not_carried_out(&self) -> String {
        format!(
            "the audit {NOT_CARRIED_OUT}: {}",
            self.source_id_unmatched_why()
        )
    }

    /// Why the mapping's `source_id` gave nothing, in English: the path, as the mapping file
    /// writes it, and the file and line. Empty without a mapping.
    pub fn source_id_unmatched_why(&self) -> String {
        let Some(m) = &self.audit.mapping else {
            return String::new();
        };
        let (path, line) = m
            .fields
            .iter()
            .find(|(f, _, _)| *f == "source_id")
            .map_or(("", 0), |(_, p, l)| (p.as_str(), *l));
        format!(
            "the mapping's path for `source_id`, `{path}` ({}, line {line}), gave {}, so no \
             record could be matched with its decision and nothing was checked against the \
             source{}",
            m.file,
            no_value_in(self.audit.records),
            crate::corpus::mapping::dotted_index_hint(path).unwrap_or_default()
        )
    }

    /// A field as the reports show it to a person: a field the mapping reads from a path of
    /// the reuser's schema as that path, with vigie's name for it beside it
    /// (`meta.juridiction.chambre (formation)`), so that the officer finds it in their own
    /// data; any other field as it is (the reuser's own fields are named by their paths
    /// already). A list of fields (INT005's `decision_date,jurisdiction`) field by field.
    pub fn field_label(&self, field: &str) -> String {
        let Some(m) = &self.audit.mapping else {
            return field.to_string();
        };
        field
            .split(',')
            .map(|f| match m.path_of(f.trim()) {
                Some(_) => m.name(f.trim()).to_string(),
                None => f.to_string(),
            })
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// What an inconclusive audit is (SPEC §7), in the words every English output uses: the audit
/// `could not be carried out`.
pub const NOT_CARRIED_OUT: &str = "could not be carried out";

/// `no value in the only record read`, `a value in none of the 3 records read`.
pub fn no_value_in(records: u64) -> String {
    if records == 1 {
        "no value in the only record read".to_string()
    } else {
        format!("a value in none of the {records} records read")
    }
}

/// The reuser's name as the notice gives it: trimmed, and `None` when it shows nothing (empty,
/// white space, control characters only), so that the notice keeps its placeholder for the
/// addressee rather than a blank one.
pub fn reuser_name(name: Option<&str>) -> Option<&str> {
    name.map(str::trim)
        .filter(|s| !s.chars().all(|c| c.is_whitespace() || c.is_control()))
}

/// Output formats (`--report`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Json,
    Jsonl,
    Csv,
    Notice,
    Text,
}

/// How a report is written.
#[derive(Debug, Clone, Default)]
pub struct WriteOptions {
    /// `--reveal-personal-data`: do not redact personal data.
    pub reveal_personal_data: bool,
    /// `--reuser NAME`, for the notice; a blank one is none ([`reuser_name`]).
    pub reuser: Option<String>,
    /// `--notice-days N` (default 15).
    pub notice_days: Option<u32>,
    /// `--waivers PATH`: the file the waivers shown were read from, recorded in the JSON
    /// reports (`audit.waivers`).
    pub waivers: Option<std::path::PathBuf>,
}

impl Format {
    pub const ALL: [Format; 5] = [
        Format::Json,
        Format::Jsonl,
        Format::Csv,
        Format::Notice,
        Format::Text,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Jsonl => "jsonl",
            Format::Csv => "csv",
            Format::Notice => "notice",
            Format::Text => "text",
        }
    }
    pub fn parse(s: &str) -> Option<Format> {
        Format::ALL
            .into_iter()
            .find(|f| f.as_str().eq_ignore_ascii_case(s.trim()))
    }
    /// The usual file extension of the format.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Jsonl => "jsonl",
            Format::Csv => "csv",
            Format::Notice => "md",
            Format::Text => "txt",
        }
    }

    /// The formats a file's name tells by its extension (`report.csv`): what `--output` and the
    /// terminal UI's export read a path's name as.
    pub const EXTENSIONS: [(&'static str, Format); 6] = [
        ("json", Format::Json),
        ("jsonl", Format::Jsonl),
        ("ndjson", Format::Jsonl),
        ("csv", Format::Csv),
        ("md", Format::Notice),
        ("txt", Format::Text),
    ];

    /// The format the name of `path` tells by its extension (in any case), if it tells one.
    pub fn told_by(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        Format::EXTENSIONS
            .iter()
            .find(|(e, _)| *e == ext)
            .map(|(_, f)| *f)
    }
}

/// The default `--notice-days`.
pub const DEFAULT_NOTICE_DAYS: u32 = 15;

/// Writes `report` in `format` to `out`. Personal data in excerpts is redacted unless
/// `opts.reveal_personal_data`.
pub fn write(
    report: &Report,
    format: Format,
    opts: &WriteOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    match format {
        Format::Json => json::write(report, opts, out),
        Format::Jsonl => jsonl::write(report, opts, out),
        Format::Csv => csv::write(report, opts, out),
        Format::Notice => notice::write(report, opts, out),
        Format::Text => text::write(report, opts, out),
    }
}

/// The excerpts of a finding's evidence as exported: personal data redacted unless revealed.
pub(crate) fn exported_excerpts(
    e: &crate::model::Evidence,
    reveal: bool,
) -> (Option<String>, Option<String>) {
    let one = |s: &Option<String>, ranges: &[crate::model::Personal]| {
        s.as_deref().map(|s| {
            if reveal {
                s.to_string()
            } else {
                redact::redact(s, ranges)
            }
        })
    };
    (
        one(&e.excerpt, &e.personal),
        one(&e.reference_excerpt, &e.reference_personal),
    )
}

/// A finding's message as exported: the personal data it quotes (what the record masks, which
/// the reference may show in clear) redacted unless revealed.
pub fn exported_message(f: &Finding, reveal: bool) -> std::borrow::Cow<'_, str> {
    match &f.evidence {
        Some(e) if !reveal && !e.message_personal.is_empty() => {
            redact::redact(&f.message, &e.message_personal).into()
        }
        _ => f.message.as_ref().into(),
    }
}

/// Whether `path` may be written as a report: not a folder, nor a name that ends as a folder's
/// does (`out/`, `out/.`, `..`). Told before the audit runs, and again when writing.
pub fn check_output_path(path: &Path) -> anyhow::Result<()> {
    let s = path.as_os_str().as_encoded_bytes();
    if s.is_empty() {
        anyhow::bail!("the report's path is empty");
    }
    let folder_name = s.ends_with(b"/")
        || s.ends_with(b"/.")
        || s == b"."
        || (cfg!(windows) && (s.ends_with(b"\\") || s.ends_with(b"\\.")))
        || path.file_name().is_none();
    if folder_name || path.is_dir() {
        anyhow::bail!(
            "{}: is a folder, not a file the report can be written to: give the path of a file \
             (e.g. {})",
            path.shown(),
            path.join("report.json").shown()
        );
    }
    Ok(())
}

/// Fails when `path` is a file that is read-only: its permissions allow no one to write it, or
/// this user cannot. The rename of [`write_atomically`] needs only the folder to be writable,
/// and would replace such a file without a word; whoever made it read-only meant it to be kept
/// (a report signed off, a lead's waivers). A missing path, or one that is no file, is fine.
pub fn check_not_read_only(path: &Path) -> anyhow::Result<()> {
    let Ok(meta) = std::fs::metadata(path) else {
        return Ok(());
    };
    if !meta.is_file() {
        return Ok(());
    }
    let denied = meta.permissions().readonly()
        || std::fs::OpenOptions::new()
            .write(true)
            .open(path)
            .is_err_and(|e| e.kind() == io::ErrorKind::PermissionDenied);
    if denied {
        anyhow::bail!(
            "{}: the file is read-only: vigie does not replace it",
            path.shown()
        );
    }
    Ok(())
}

/// The most symbolic links followed from an output path, as the system follows them (Linux's
/// limit): past that, a loop.
const MAX_LINKS: usize = 40;

/// The file a report written to `path` lands in: `path` itself, or, when it is a symbolic link,
/// the file the link points to, followed through every link (a relative one from its link's
/// folder), whether that file exists or not: a shell's `>` writes through a link the same way,
/// creating its target when it is missing. A link that points, through others, back at itself
/// is an error.
pub fn output_target(path: &Path) -> io::Result<PathBuf> {
    let mut p = path.to_path_buf();
    for _ in 0..MAX_LINKS {
        match std::fs::symlink_metadata(&p) {
            Ok(m) if m.file_type().is_symlink() => {
                let to = std::fs::read_link(&p)?;
                p = match p.parent() {
                    Some(dir) if to.is_relative() => dir.join(to),
                    _ => to,
                };
            }
            _ => return Ok(p),
        }
    }
    Err(io::Error::other(
        "too many levels of symbolic links (a loop)",
    ))
}

/// `path`, and the file it points to when it is a symbolic link: what a message about an
/// output names (`latest.json, a link to reports/2026-11-22.json`).
fn output_named(path: &Path, target: &Path) -> String {
    if target == path {
        display_path(path).into_owned()
    } else {
        format!(
            "{}, a symbolic link to {}",
            display_path(path),
            display_path(target)
        )
    }
}

/// Fails when the folder `path` would be written in does not exist or is no folder: told before
/// the audit runs, as a read-only file is, rather than once the report is ready. A path that
/// is there (a file, a device, a pipe, a link to one) is in a folder that is. A link that points
/// at no file is written through ([`output_target`]): its target's folder must be there.
pub fn check_output_folder(path: &Path) -> anyhow::Result<()> {
    if std::fs::metadata(path).is_ok() {
        return Ok(());
    }
    let target = output_target(path).map_err(|e| {
        anyhow::anyhow!(
            "{}: cannot be written: a symbolic link that cannot be followed: {e}",
            display_path(path)
        )
    })?;
    let shown = output_named(path, &target);
    let dir = match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    match std::fs::metadata(dir) {
        Ok(m) if m.is_dir() => Ok(()),
        Ok(_) => anyhow::bail!(
            "{shown}: cannot be written: {} is not a folder",
            display_path(dir)
        ),
        Err(e) if e.kind() == io::ErrorKind::NotFound => anyhow::bail!(
            "{shown}: cannot be written: the folder {} does not exist (create it first)",
            display_path(dir)
        ),
        Err(e) => anyhow::bail!(
            "{shown}: cannot be written: cannot reach the folder {}: {e}",
            display_path(dir)
        ),
    }
}

/// Writes a file atomically: `f` writes into a temporary file in the same folder, which is
/// flushed, synced to disk and then renamed over `path`. On any error nothing is left behind (the
/// temporary file is removed, `path` is untouched) and the error names `path`.
///
/// A file that is read-only is not replaced ([`check_not_read_only`]). A symbolic link is
/// followed, as a shell's `>` follows it: the file it points to is replaced, or created when it
/// is missing (a dangling link: [`output_target`]), in its own folder, and the link kept. A
/// path that
/// is neither a file nor a folder (`/dev/null`, `/dev/stdout`, a named pipe a job reads) is
/// written to directly: a rename would replace the device or the pipe itself with a file.
pub fn write_atomically(
    path: &Path,
    f: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> anyhow::Result<()> {
    check_output_path(path)?;
    check_not_read_only(path)?;
    check_output_folder(path)?;
    let shown = path.shown();
    // Of the file itself, a symbolic link followed.
    let meta = std::fs::metadata(path).ok();
    if meta.as_ref().is_some_and(|m| !m.is_file() && !m.is_dir()) {
        let file = std::fs::OpenOptions::new()
            .write(true)
            .open(path)
            .with_context(|| format!("cannot write {shown}"))?;
        return write_buffered(file, f, &shown);
    }
    // Through a symbolic link, to the file it points to, there or still to create: the
    // temporary file is made beside it, so that the rename replaces that file and not the link.
    let resolved = output_target(path).with_context(|| format!("cannot write {shown}"))?;
    let path = resolved.as_path();
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(".vigie-").suffix(".tmp");
    // The temporary file is private by default; the report gets the permissions of the file it
    // replaces, or those of any new file (0666 less the umask).
    match &meta {
        Some(m) if m.is_file() => {
            builder.permissions(m.permissions());
        }
        _ => {
            #[cfg(unix)]
            {
                use std::os::unix::fs::PermissionsExt;
                builder.permissions(std::fs::Permissions::from_mode(0o666));
            }
        }
    }
    let mut tmp = builder.tempfile_in(dir).map_err(|e| {
        // tempfile's message ends with the temporary file's name (` at path ".vigie-….tmp"`),
        // a name the user never gave: the folder is named instead.
        let reason = e.to_string();
        let reason = reason
            .rfind(" at path ")
            .map_or(reason.as_str(), |k| &reason[..k]);
        anyhow::anyhow!(
            "cannot write {shown}: cannot create a file in {}: {reason}",
            dir.shown()
        )
    })?;
    write_buffered(tmp.as_file_mut(), f, &shown)?;
    tmp.as_file()
        .sync_all()
        .with_context(|| format!("cannot write {shown}: sync failed"))?;
    tmp.persist(path)
        .map_err(|e| e.error)
        .with_context(|| format!("cannot write {shown}: cannot rename the temporary file"))?;
    Ok(())
}

/// `f` writing into `out` through a buffer, flushed; an error names the file `shown`.
fn write_buffered(
    out: impl Write,
    f: impl FnOnce(&mut dyn Write) -> io::Result<()>,
    shown: &str,
) -> anyhow::Result<()> {
    let mut w = io::BufWriter::new(out);
    f(&mut w).with_context(|| format!("cannot write {shown}"))?;
    w.flush().with_context(|| format!("cannot write {shown}"))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Evidence, Personal};

    #[test]
    fn both_excerpts_are_redacted_unless_revealed() {
        // MSK004 with `source_defect`: the reference shows the name in clear too.
        let e = Evidence {
            field: "text".into(),
            excerpt: Some("Mme Sophie Lambert, née le 3 mars 1975".into()),
            reference_excerpt: Some("Mme Sophie Lambert, demeurant".into()),
            personal: vec![
                Personal::whole(4, 10),
                Personal::whole(11, 18),
                Personal::whole(27, 38),
            ],
            reference_personal: vec![Personal::whole(4, 18)],
            ..Evidence::default()
        };
        let (x, r) = exported_excerpts(&e, false);
        assert_eq!(x.as_deref(), Some("Mme S••••• L••••••, née le •••••••••••"));
        assert_eq!(r.as_deref(), Some("Mme S•••••••••••••, demeurant"));
        let (x, r) = exported_excerpts(&e, true);
        assert_eq!(x, e.excerpt);
        assert_eq!(r, e.reference_excerpt);
    }

    #[test]
    fn a_blank_reuser_is_none() {
        assert_eq!(reuser_name(None), None);
        for blank in ["", " ", "\t\n", "\u{a0}\u{202f}", "\u{1b}"] {
            assert_eq!(reuser_name(Some(blank)), None, "{blank:?}");
        }
        assert_eq!(reuser_name(Some("  Juris SA\n")), Some("Juris SA"));
        // What the notice writes for a blank name, given by a library caller or the terminal
        // UI: the placeholder, as for none.
        let report = Report {
            audit: AuditInfo {
                as_of: "2026-11-22T12:00:00Z".into(),
                ..AuditInfo::default()
            },
            summary: Summary::of(&[]),
            findings: Vec::new(),
            files: Vec::new(),
            waivers: BTreeMap::new(),
        };
        let notice = |reuser: Option<&str>| {
            let mut out = Vec::new();
            let opts = WriteOptions {
                reuser: reuser.map(str::to_string),
                ..WriteOptions::default()
            };
            write(&report, Format::Notice, &opts, &mut out).unwrap();
            String::from_utf8(out).unwrap()
        };
        assert!(notice(Some("  ")).contains("[Réutilisateur — nom et adresse à compléter]"));
        assert_eq!(notice(Some("  ")), notice(None));
    }

    /// MSK002 quotes what the record masks: a date of birth the reference shows in clear is
    /// redacted in the message as in the excerpts.
    #[test]
    fn the_message_is_redacted_unless_revealed() {
        let f = Finding::new(
            Rule::MSK002,
            None,
            "the record masks «3 mars 1975», which the reference shows in clear",
        )
        .with_evidence(Evidence {
            field: "text".into(),
            message_personal: vec![Personal::whole(18, 29)],
            ..Evidence::default()
        });
        assert_eq!(
            exported_message(&f, false),
            "the record masks «•••••••••••», which the reference shows in clear"
        );
        assert_eq!(exported_message(&f, true), f.message);
        let plain = Finding::new(Rule::MSK002, None, "the record masks «la société L'Oréal»");
        assert!(matches!(
            exported_message(&plain, false),
            std::borrow::Cow::Borrowed(_)
        ));
    }

    #[test]
    fn formats_parse() {
        for f in Format::ALL {
            assert_eq!(Format::parse(f.as_str()), Some(f));
        }
        assert_eq!(Format::parse(" JSON "), Some(Format::Json));
        assert_eq!(Format::parse("xml"), None);
    }

    /// The reasons a text was not compared, from their one list: the JSON report's keys in
    /// their order, each counted, and the total.
    #[test]
    fn texts_not_compared_are_told_by_reason_in_one_order() {
        let mut why = TextsNotCompared::default();
        why.add(NotComparedWhy::ReferenceUnreadable);
        why.add(NotComparedWhy::ReferenceUnreadable);
        why.add(NotComparedWhy::RecordWithoutText);
        assert_eq!(why.total(), 3);
        assert_eq!(
            why.describe(),
            "1 without a text; 2 whose reference text could not be read again: changed or \
             removed during the audit"
        );
        let report = Report {
            audit: AuditInfo {
                texts_not_compared_why: why,
                ..AuditInfo::default()
            },
            summary: Summary::of(&[]),
            findings: Vec::new(),
            files: Vec::new(),
            waivers: BTreeMap::new(),
        };
        let mut out = Vec::new();
        write(&report, Format::Json, &WriteOptions::default(), &mut out).unwrap();
        let json = String::from_utf8(out).unwrap();
        assert!(
            json.contains(
                "\"texts_not_compared\": 3,\n    \"texts_not_compared_why\": {\n      \
                 \"record_without_text\": 1,\n      \"reference_without_text\": 0,\n      \
                 \"reference_unreadable\": 2\n    },\n    \"records_without_text\": 0,"
            ),
            "{json}"
        );
    }
}
