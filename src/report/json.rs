//! The JSON report (SPEC §4): borrowed view structs serialised in a fixed field order, maps
//! sorted (the summary's counts by family, severity and penalty in the registry's order, every
//! key present), so that the same audit gives the same bytes (but for `elapsed_ms`).

use super::{AuditInfo, PreviousAudit, Report, Waiver, WriteOptions};
use crate::model::Finding;
use crate::text::sanitize::Shown;
use crate::text::sanitize::{JsonFormatter, write_json};
use serde::Serialize;
use std::collections::BTreeMap;
use std::io::{self, Write};

/// The schema version.
pub(crate) const SCHEMA_VERSION: u32 = 1;

#[derive(Serialize)]
struct ReportView<'a> {
    vigie_report: u32,
    tool: ToolView,
    audit: AuditView<'a>,
    summary: SummaryView,
    findings: FindingsView<'a>,
}

#[derive(Serialize)]
pub(crate) struct ToolView {
    name: &'static str,
    version: &'static str,
}

pub(crate) const TOOL: ToolView = ToolView {
    name: "vigie",
    version: env!("CARGO_PKG_VERSION"),
};

#[derive(Serialize)]
pub(crate) struct AuditView<'a> {
    as_of: &'a str,
    corpus: &'a [String],
    reference: &'a [String],
    history: &'a [String],
    records: u64,
    unreadable_records: u64,
    reference_decisions: u64,
    unreadable_reference_decisions: u64,
    /// Whether `unreadable_reference_decisions` is exact: false when a folder that could not be
    /// listed, or a file cut short (its rest lost), is among them, each counted as one.
    unreadable_reference_decisions_exact: bool,
    unreadable_reference: Vec<UnreadableView<'a>>,
    superseded_reference: Vec<SupersededView<'a>>,
    withdrawn_reference: Vec<WithdrawnView<'a>>,
    skipped_files: &'a [String],
    /// Files of the corpus folders that vigie wrote (reports, waivers), not read as records.
    skipped_vigie_files: &'a [String],
    matched_records: u64,
    producers: ProducersView<'a>,
    texts_not_compared: u64,
    /// Why, by reason: `record_without_text`, `reference_without_text`, `reference_unreadable`.
    texts_not_compared_why: TextsNotComparedView<'a>,
    records_without_text: u64,
    /// `--mapping`: the file, each mapped field's path as the file writes it, the fields given
    /// a default, and the mapped fields whose path gave a value in no record read. Absent
    /// without a mapping.
    #[serde(skip_serializing_if = "Option::is_none")]
    mapping: Option<MappingView<'a>>,
    policy_overrides: Vec<OverrideView<'a>>,
    /// `--previous`: the earlier report, its audit time and how many findings were found
    /// again; `null` without it.
    previous: Option<PreviousView<'a>>,
    /// `--waivers`: the file of the waivers shown; `null` without it.
    waivers: Option<String>,
    /// `--reveal-personal-data`: whether the excerpts show personal data in clear.
    reveal_personal_data: bool,
    elapsed_ms: u64,
    updated_at_ages: Vec<AgeView>,
}

/// The records not compared by reason, each under its key, in the order of
/// [`NotComparedWhy::ALL`](crate::rules::check::NotComparedWhy::ALL).
struct TextsNotComparedView<'a>(&'a super::TextsNotCompared);

impl Serialize for TextsNotComparedView<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(self.0.by_reason().map(|(why, n)| (why.key(), n)))
    }
}

#[derive(Serialize)]
struct PreviousView<'a> {
    path: Option<&'a str>,
    as_of: Option<&'a str>,
    repeated_findings: u64,
    /// The earlier report's breaches (findings with a penalty), and those of them no finding
    /// of this audit repeats.
    breaches: u64,
    breaches_no_longer_found: u64,
}

impl<'a> PreviousView<'a> {
    fn new(p: &'a PreviousAudit) -> Self {
        PreviousView {
            path: p.path.as_deref(),
            as_of: p.as_of.as_deref(),
            repeated_findings: p.repeated,
            breaches: p.breaches,
            breaches_no_longer_found: p.breaches_no_longer_found,
        }
    }
}

/// `{"cour_de_cassation": 3, "conseil_etat": 1}`: matched records by producer, in
/// [`AuditInfo::producers`] order.
pub(crate) struct ProducersView<'a>(&'a [(crate::model::Producer, u64)]);

impl Serialize for ProducersView<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (p, n) in self.0 {
            map.serialize_entry(p, n)?;
        }
        map.end()
    }
}

#[derive(Serialize)]
struct MappingView<'a> {
    file: &'a str,
    fields: MappedPaths<'a>,
    defaults: &'a [&'static str],
    unmatched: &'a [&'static str],
}

/// `{"source_id": "ref.legifrance", …}`, in the canonical fields' order.
struct MappedPaths<'a>(&'a [(&'static str, String, u64)]);

impl Serialize for MappedPaths<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(self.0.iter().map(|(f, p, _)| (f, p)))
    }
}

#[derive(Serialize)]
struct OverrideView<'a> {
    rule: &'static str,
    field: &'static str,
    from: &'a str,
    to: &'a str,
}

#[derive(Serialize)]
struct UnreadableView<'a> {
    file: &'a str,
    /// `null` when the line is not meaningful (the whole file).
    line: Option<u64>,
    reason: &'a str,
    /// What it stands for: `decisions` (a file, a line or an archive's entry, or entries
    /// counted beyond those named), `folder` (a folder that could not be listed) or
    /// `rest_of_file` (what follows the point `reason` names in a file cut short or damaged).
    lost: &'static str,
    /// How many decisions it stands for; `null` when that cannot be known (a folder, the rest
    /// of a file).
    decisions: Option<u64>,
}

#[derive(Serialize)]
struct SupersededView<'a> {
    file: &'a str,
    /// `null` when the line is not meaningful (the whole file).
    line: Option<u64>,
    id: &'a str,
    /// RFC 3339, UTC; `null` when the decision gives none (DILA).
    update_date: Option<String>,
    /// The date and time of the DILA publication it came in, as its path names it in French
    /// time (`CASS_20231127-204209.tar.gz`), in RFC 3339, UTC (`2023-11-27T19:42:09Z`); `null`
    /// when the path gives none.
    published: Option<String>,
    /// The version used in its place.
    used: UsedView<'a>,
}

/// A date and time in France (DILA's names), in RFC 3339, UTC.
fn utc(t: Option<jiff::civil::DateTime>) -> Option<String> {
    t.and_then(crate::ident::paris_instant)
        .map(|t| t.to_string())
}

#[derive(Serialize)]
struct WithdrawnView<'a> {
    id: &'a str,
    /// The suppression list, and the line that names the decision.
    file: &'a str,
    line: u64,
    /// The date of the increment, from its name, in RFC 3339, UTC; `null` when the name gives
    /// none.
    published: Option<String>,
}

#[derive(Serialize)]
struct UsedView<'a> {
    file: &'a str,
    line: Option<u64>,
    update_date: Option<String>,
    published: Option<String>,
}

#[derive(Serialize)]
struct AgeView {
    age: &'static str,
    records: u64,
}

impl<'a> AuditView<'a> {
    pub(crate) fn new(a: &'a AuditInfo, opts: &WriteOptions) -> Self {
        AuditView {
            as_of: &a.as_of,
            corpus: &a.corpus,
            reference: &a.reference,
            history: &a.history,
            records: a.records,
            unreadable_records: a.unreadable_records,
            reference_decisions: a.reference_decisions,
            unreadable_reference_decisions: a.unreadable_reference_decisions,
            unreadable_reference_decisions_exact: a.unreadable_reference_uncounted == 0,
            unreadable_reference: a
                .unreadable_reference
                .iter()
                .map(|u| UnreadableView {
                    file: &u.file,
                    line: (u.line > 0).then_some(u.line),
                    reason: &u.reason,
                    lost: u.lost.as_str(),
                    decisions: u.lost.decisions(),
                })
                .collect(),
            superseded_reference: a
                .superseded_reference
                .iter()
                .map(|s| SupersededView {
                    file: &s.file,
                    line: (s.line > 0).then_some(s.line),
                    id: &s.id,
                    update_date: s.update_date.map(|t| t.to_string()),
                    published: utc(s.published),
                    used: UsedView {
                        file: &s.used_file,
                        line: (s.used_line > 0).then_some(s.used_line),
                        update_date: s.used_update_date.map(|t| t.to_string()),
                        published: utc(s.used_published),
                    },
                })
                .collect(),
            withdrawn_reference: a
                .withdrawn_reference
                .iter()
                .map(|w| WithdrawnView {
                    id: &w.id,
                    file: &w.file,
                    line: w.line,
                    published: utc(w.published),
                })
                .collect(),
            skipped_files: &a.skipped_files,
            skipped_vigie_files: &a.vigie_files,
            matched_records: a.matched_records,
            producers: ProducersView(&a.producers),
            texts_not_compared: a.texts_not_compared(),
            texts_not_compared_why: TextsNotComparedView(&a.texts_not_compared_why),
            records_without_text: a.records_without_text,
            mapping: a.mapping.as_ref().map(|m| MappingView {
                file: &m.file,
                fields: MappedPaths(&m.fields),
                defaults: &m.defaults,
                unmatched: &m.unmatched,
            }),
            policy_overrides: a
                .policy_overrides
                .iter()
                .map(|o| OverrideView {
                    rule: o.rule.code(),
                    field: o.field,
                    from: &o.from,
                    to: &o.to,
                })
                .collect(),
            previous: a.previous.as_ref().map(PreviousView::new),
            waivers: opts.waivers.as_ref().map(|p| p.shown().to_string()),
            reveal_personal_data: opts.reveal_personal_data,
            elapsed_ms: a.elapsed_ms,
            updated_at_ages: a
                .updated_at_ages
                .buckets
                .iter()
                .map(|&(age, records)| AgeView { age, records })
                .collect(),
        }
    }
}

#[derive(Serialize)]
pub(crate) struct SummaryView {
    verdict: &'static str,
    /// False when the audit could not be carried out ([`Report::inconclusive`]): no record of
    /// the corpus could be read, or none matched with its decision (a mapping's `source_id`
    /// that gives nothing). The
    /// verdict, worked out from the findings alone (SPEC §3), then says nothing of the corpus,
    /// though it reads `compliant`.
    conclusive: bool,
    findings: u64,
    records_with_findings: u64,
    /// The rules that fired, by code.
    by_rule: BTreeMap<&'static str, u64>,
    /// Every family, severity and penalty, in the registry's order (`integrity` … `input`,
    /// `critical` … `info`, `permanent`, `temporary`, `none`), 0 where nothing was found: a
    /// job reading `summary.by_penalty.permanent` gets 0 from a clean audit, not a missing key.
    by_family: Counts,
    by_severity: Counts,
    by_penalty: Counts,
}

/// Counts keyed by a fixed set, serialised as a JSON object in the set's order.
struct Counts(Vec<(&'static str, u64)>);

impl Counts {
    fn of<K: Ord + Copy>(
        keys: &[K],
        name: impl Fn(K) -> &'static str,
        counts: &BTreeMap<K, u64>,
    ) -> Counts {
        Counts(
            keys.iter()
                .map(|&k| (name(k), counts.get(&k).copied().unwrap_or(0)))
                .collect(),
        )
    }
}

impl Serialize for Counts {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(self.0.iter().map(|(k, v)| (k, v)))
    }
}

impl SummaryView {
    pub(crate) fn new(report: &Report) -> Self {
        use crate::rules::{Family, Penalty, Severity};
        let s = &report.summary;
        SummaryView {
            verdict: s.verdict.as_str(),
            conclusive: !report.inconclusive(),
            findings: s.findings,
            records_with_findings: s.records_with_findings,
            by_rule: s.by_rule.iter().map(|(k, &v)| (k.code(), v)).collect(),
            by_family: Counts::of(&Family::ALL, Family::as_str, &s.by_family),
            by_severity: Counts::of(&Severity::ALL, Severity::as_str, &s.by_severity),
            by_penalty: Counts::of(&Penalty::ALL, Penalty::as_str, &s.by_penalty),
        }
    }
}

/// The findings, serialised one by one without collecting views of all of them first.
struct FindingsView<'a> {
    report: &'a Report,
    reveal: bool,
}

impl Serialize for FindingsView<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(
            self.report
                .findings
                .iter()
                .map(|f| FindingView::new(self.report, f, self.reveal)),
        )
    }
}

/// One finding as exported (JSON report and JSON Lines).
#[derive(Serialize)]
pub(crate) struct FindingView<'a> {
    fingerprint: String,
    rule: &'static str,
    name: &'static str,
    family: &'static str,
    severity: &'static str,
    penalty: &'static str,
    repeated: bool,
    source_defect: bool,
    record: Option<RecordView<'a>>,
    message: std::borrow::Cow<'a, str>,
    /// The rule's basis as it applies to the record's decision ([`Report::basis`]).
    basis: crate::rules::Basis,
    evidence: Option<EvidenceView<'a>>,
    waiver: Option<&'a Waiver>,
}

#[derive(Serialize)]
struct RecordView<'a> {
    id: Option<&'a str>,
    source_id: Option<&'a str>,
    url: Option<&'a str>,
    file: Option<&'a str>,
    line: u64,
    /// The producer of the reference decision the record matched (`legifrance`,
    /// `conseil_etat`…, as `audit.producers` names them), or of the DILA suppression list that
    /// withdrew a decision the reference does not hold; null otherwise.
    producer: Option<crate::model::Producer>,
    /// The reference decision the record was compared with: its id at the source and where
    /// it was read (`{"id": "JURITEXT…", "origin": "reference/x.xml"}`); null when none.
    compared_with: Option<ComparedWithView<'a>>,
}

#[derive(Serialize)]
struct ComparedWithView<'a> {
    id: &'a str,
    origin: &'a str,
}

#[derive(Serialize)]
struct EvidenceView<'a> {
    field: &'a str,
    span: Option<[usize; 2]>,
    reference_span: Option<[usize; 2]>,
    excerpt: Option<String>,
    reference_excerpt: Option<String>,
}

impl<'a> FindingView<'a> {
    pub(crate) fn new(report: &'a Report, f: &'a Finding, reveal: bool) -> Self {
        let info = f.rule.info();
        let fingerprint = f.fingerprint();
        let waiver = report.waivers.get(&fingerprint);
        FindingView {
            rule: info.code,
            name: info.name,
            family: info.family.as_str(),
            severity: f.severity.as_str(),
            penalty: f.penalty.as_str(),
            repeated: f.repeated,
            source_defect: f.source_defect,
            record: f.record.as_ref().map(|r| RecordView {
                id: r.id.as_deref(),
                source_id: r.source_id.as_deref(),
                url: r.url.as_deref(),
                file: report.files.get(r.file_index as usize).map(String::as_str),
                line: r.line,
                producer: r.producer,
                compared_with: r.compared_with.as_deref().map(|c| ComparedWithView {
                    id: &c.id,
                    origin: &c.origin,
                }),
            }),
            message: super::exported_message(f, reveal),
            basis: report.basis(f),
            evidence: f.evidence.as_ref().map(|e| {
                let (excerpt, reference_excerpt) = super::exported_excerpts(e, reveal);
                EvidenceView {
                    field: &e.field,
                    span: e.span.map(|(a, b)| [a, b]),
                    reference_span: e.reference_span.map(|(a, b)| [a, b]),
                    excerpt,
                    reference_excerpt,
                }
            }),
            waiver,
            fingerprint,
        }
    }
}

pub(crate) fn write(report: &Report, opts: &WriteOptions, out: &mut dyn Write) -> io::Result<()> {
    let view = ReportView {
        vigie_report: SCHEMA_VERSION,
        tool: TOOL,
        audit: AuditView::new(&report.audit, opts),
        summary: SummaryView::new(report),
        findings: FindingsView {
            report,
            reveal: opts.reveal_personal_data,
        },
    };
    let mut out = io::BufWriter::new(out);
    write_json(&mut out, JsonFormatter::pretty(), &view)?;
    out.write_all(b"\n")?;
    out.flush()
}
