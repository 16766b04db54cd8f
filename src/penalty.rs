//! Penalty classification (SPEC §3): each finding starts with its rule's default severity and
//! penalty; `--policy` overrides them per rule; `--previous` marks repeated breaches.
//!
//! Order: the policy is applied first, then repetition. A repeated breach therefore escalates to
//! `permanent` even when the policy lowered its rule to `temporary`: the CGU XII make repetition
//! a ground for permanent interruption whatever the breach. A penalty of `none` (set by default
//! or by the policy) is never escalated: what the court does not sanction once it does not
//! sanction twice either. The finding is still marked `repeated`.

use crate::model::Finding;
use crate::report::PolicyOverride;
use crate::rules::{Penalty, Rule, Severity};
use crate::text::sanitize::Shown;
use anyhow::Context;
use serde::Deserialize;
use std::collections::{BTreeMap, HashSet};
use std::path::Path;

/// Classifies the findings of an audit: the policy first, then repetition (see the module
/// documentation). Returns the overrides to record in `AuditInfo::policy_overrides`. The
/// summary must be computed afterwards (`Summary::of`), since penalties may have changed;
/// fingerprints do not depend on severity or penalty, so they are unchanged.
pub fn classify(
    findings: &mut [Finding],
    policy: Option<&Policy>,
    previous: Option<&Previous>,
) -> Vec<PolicyOverride> {
    let overrides = policy.map(|p| p.apply(findings)).unwrap_or_default();
    if let Some(prev) = previous {
        prev.mark(findings);
    }
    overrides
}

/// `--policy FILE.toml`: per-rule overrides of severity and penalty.
///
/// ```toml
/// [rules.MSK002]
/// penalty = "permanent"
/// severity = "high"
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Policy {
    /// Overrides by rule, in registry order.
    pub rules: BTreeMap<Rule, RulePolicy>,
}

/// The overrides of one rule.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RulePolicy {
    pub severity: Option<Severity>,
    pub penalty: Option<Penalty>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPolicy {
    #[serde(default)]
    rules: BTreeMap<toml::Spanned<String>, RawRule>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRule {
    severity: Option<toml::Spanned<String>>,
    penalty: Option<toml::Spanned<String>>,
}

impl Policy {
    /// Reads and parses a policy file.
    pub fn load(path: &Path) -> anyhow::Result<Policy> {
        let text = crate::error::read_bounded_string(path, crate::error::MAX_SETTINGS_BYTES)
            .map_err(|e| match crate::error::InvalidUtf8::of(&e) {
                Some(at) => anyhow::Error::new(at.in_file(path, "invalid UTF-8")),
                None => anyhow::Error::new(e)
                    .context(format!("cannot read the policy file {}", path.shown())),
            })?;
        Policy::parse(&text, &path.shown())
    }

    /// Parses a policy; `origin` names the file in error messages (`FILE:LINE:COLUMN: …`).
    pub fn parse(text: &str, origin: &str) -> anyhow::Result<Policy> {
        let at = |offset: usize, msg: &str| {
            let (l, c) = crate::error::line_col(text, offset);
            anyhow::anyhow!("{origin}:{l}:{c}: {msg}")
        };
        let raw: RawPolicy = toml::from_str(text).map_err(|e| {
            let msg = e.message().trim().to_string();
            match e.span() {
                Some(span) => at(span.start, &msg),
                None => anyhow::anyhow!("{origin}: {msg}"),
            }
        })?;
        let mut policy = Policy::default();
        for (code, raw_rule) in raw.rules {
            let rule = Rule::from_code(code.get_ref()).ok_or_else(|| {
                at(
                    code.span().start,
                    &format!("unknown rule `{}` (see `vigie rules`)", code.get_ref()),
                )
            })?;
            let mut rp = RulePolicy::default();
            if let Some(s) = raw_rule.severity {
                rp.severity = Some(Severity::parse(s.get_ref().trim()).ok_or_else(|| {
                    at(
                        s.span().start,
                        &format!(
                            "unknown severity `{}` (expected critical, high, medium, low or info)",
                            s.get_ref()
                        ),
                    )
                })?);
            }
            if let Some(p) = raw_rule.penalty {
                rp.penalty = Some(Penalty::parse(p.get_ref().trim()).ok_or_else(|| {
                    at(
                        p.span().start,
                        &format!(
                            "unknown penalty `{}` (expected permanent, temporary or none)",
                            p.get_ref()
                        ),
                    )
                })?);
            }
            if policy.rules.insert(rule, rp).is_some() {
                return Err(at(
                    code.span().start,
                    &format!("rule {rule} is given twice"),
                ));
            }
        }
        Ok(policy)
    }

    /// The overrides the policy makes, from each rule's default: what the report records.
    pub fn overrides(&self) -> Vec<PolicyOverride> {
        let mut out = Vec::new();
        for (&rule, rp) in &self.rules {
            let info = rule.info();
            if let Some(s) = rp.severity {
                out.push(PolicyOverride {
                    rule,
                    field: "severity",
                    from: info.severity.as_str().to_string(),
                    to: s.as_str().to_string(),
                });
            }
            if let Some(p) = rp.penalty {
                out.push(PolicyOverride {
                    rule,
                    field: "penalty",
                    from: info.penalty.as_str().to_string(),
                    to: p.as_str().to_string(),
                });
            }
        }
        out
    }

    /// Sets the severity and penalty of every finding whose rule the policy overrides, and
    /// returns the overrides, for the report. Apply before [`Previous::mark`].
    pub fn apply(&self, findings: &mut [Finding]) -> Vec<PolicyOverride> {
        if !self.rules.is_empty() {
            for f in findings.iter_mut() {
                if let Some(rp) = self.rules.get(&f.rule) {
                    if let Some(s) = rp.severity {
                        f.severity = s;
                    }
                    if let Some(p) = rp.penalty {
                        f.penalty = p;
                    }
                }
            }
        }
        self.overrides()
    }
}

/// Of an earlier report's breaches, how many there were and how many this audit no longer finds
/// ([`Previous::settled`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Settled {
    pub breaches: u64,
    pub no_longer_found: u64,
}

/// The findings of an earlier vigie JSON report (`--previous`).
#[derive(Debug, Clone, Default)]
pub struct Previous {
    fingerprints: HashSet<String>,
    /// The earlier report's breaches (findings with a penalty), each fingerprint once: its
    /// fingerprint as a number (`None` when it is not vigie's 16 hexadecimal digits), its rule
    /// and trimmed, lowercased source id when it has them. What [`Previous::settled`] counts.
    breaches: Vec<PrevBreach>,
    /// `(rule, source_id)` with the source id trimmed and lowercased, as matching does.
    rule_sources: HashSet<(Rule, String)>,
    /// The file it was read from, as given (`--previous PATH`); `None` when parsed from memory.
    pub path: Option<String>,
    /// The time of the earlier audit (its `audit.as_of`, RFC 3339 in UTC), when the report
    /// gives a valid one: the formal notice dates the breach found again by it.
    pub as_of: Option<String>,
}

/// One breach of an earlier report: its fingerprint as a number, when it is one, and its rule
/// and source id, when it has both.
type PrevBreach = (Option<u64>, Option<(Rule, String)>);

#[derive(Deserialize)]
struct PrevReport {
    vigie_report: u32,
    #[serde(default)]
    audit: Option<PrevAudit>,
    #[serde(default)]
    summary: Option<PrevSummary>,
    findings: Vec<PrevFinding>,
}

/// Of an earlier report's `audit`, its time and how many records it read. Anything else, or a
/// value of another type, is ignored: the report is still used for its findings.
#[derive(Deserialize)]
struct PrevAudit {
    #[serde(default)]
    as_of: Option<serde_json::Value>,
    #[serde(default)]
    records: Option<serde_json::Value>,
    #[serde(default)]
    unreadable_records: Option<serde_json::Value>,
}

impl PrevAudit {
    /// `as_of` as vigie writes it (`2026-11-22T12:00:00Z`), if it is a valid time.
    fn as_of(&self) -> Option<String> {
        let s = self.as_of.as_ref()?.as_str()?;
        let t: jiff::Timestamp = s.trim().parse().ok()?;
        Some(t.strftime("%Y-%m-%dT%H:%M:%SZ").to_string())
    }

    /// Whether the earlier audit read no record though its corpus had lines or files, as
    /// reports written before `summary.conclusive` tell it.
    fn read_no_record(&self) -> bool {
        let count = |v: &Option<serde_json::Value>| v.as_ref().and_then(serde_json::Value::as_u64);
        count(&self.records) == Some(0) && count(&self.unreadable_records).is_some_and(|n| n > 0)
    }
}

/// Of an earlier report's `summary`, whether it states a verdict on its corpus.
#[derive(Deserialize)]
struct PrevSummary {
    #[serde(default)]
    conclusive: Option<serde_json::Value>,
}

/// Whether an earlier report is inconclusive: its summary says `"conclusive": false`, or (a
/// report written before that field) its audit read no record of a corpus that had some lines.
fn inconclusive(audit: Option<&PrevAudit>, summary: Option<&PrevSummary>) -> bool {
    match summary.and_then(|s| s.conclusive.as_ref()) {
        Some(c) => c.as_bool() == Some(false),
        None => audit.is_some_and(PrevAudit::read_no_record),
    }
}

/// Why an inconclusive earlier report is refused as `--previous`: it holds no breach of the
/// corpus, so every breach found again would be taken for a new one, its escalation to
/// `permanent` lost without a word, and a nightly job's `--fail-on permanent` would pass.
fn inconclusive_previous() -> String {
    format!(
        "the previous report is inconclusive (`\"conclusive\": false`: its audit {}: it read no \
         record of the corpus, or matched none with its decision), so it holds none of the \
         corpus's breaches: those found again would not be told repeated, and would lose their \
         escalation to permanent. Give the last conclusive report as --previous (vigie leaves \
         its --output as it was when it reads no record), or leave --previous out to start \
         afresh",
        crate::report::NOT_CARRIED_OUT
    )
}

/// Why a JSON Lines report that does not end with its summary line is refused as `--previous`.
const INCOMPLETE_JSONL: &str = "the previous report is incomplete: a JSON Lines report ends with \
    its `{\"summary\": …}` line, and this one does not (cut short: a partial copy, a full disk?), \
    so breaches it lost would not be told repeated, and would lose their escalation to permanent. \
    Give a whole report as --previous, or leave --previous out to start afresh";

/// The last line of a JSON Lines report: `{"summary": …, "audit": …}`.
#[derive(Deserialize)]
struct PrevLastLine {
    #[serde(default)]
    audit: Option<PrevAudit>,
    #[serde(default)]
    summary: Option<PrevSummary>,
}

#[derive(Deserialize)]
struct PrevFinding {
    fingerprint: String,
    rule: String,
    record: Option<PrevRecord>,
    /// Its penalty as the earlier report gives it; a breach unless `none`.
    #[serde(default)]
    penalty: Option<String>,
}

#[derive(Deserialize)]
struct PrevRecord {
    source_id: Option<String>,
}

/// A serde_json error without its own ` at line L column C` suffix (we give the place first).
fn json_reason(e: &serde_json::Error) -> String {
    let s = e.to_string();
    match s.rfind(" at line ") {
        Some(k) => s[..k].to_string(),
        None => s,
    }
}

fn source_key(s: &str) -> String {
    s.trim().to_lowercase()
}

/// Why an empty `--previous` file is refused. When it is this run's standard output
/// (`--previous r.json --report json > r.json`), the shell emptied it before vigie started, and
/// every night would find it so: the message says how to write over the last report instead.
fn empty_previous_reason(path: &Path) -> String {
    if is_standard_output(path) {
        format!(
            "the previous report is empty: it is also this run's standard output, which the \
             shell emptied before vigie started. Write the report with `--output {}` instead: \
             vigie reads --previous first, then replaces the file whole at the end",
            path.shown()
        )
    } else {
        "the previous report is empty (0 bytes): give the last report vigie wrote, or leave \
         --previous out to start afresh"
            .to_string()
    }
}

/// Whether `path` is the file standard output writes to (same device and inode).
#[cfg(unix)]
fn is_standard_output(path: &Path) -> bool {
    use std::os::fd::AsFd;
    use std::os::unix::fs::MetadataExt;
    let Ok(fd) = std::io::stdout().as_fd().try_clone_to_owned() else {
        return false;
    };
    let (Ok(out), Ok(file)) = (std::fs::File::from(fd).metadata(), std::fs::metadata(path)) else {
        return false;
    };
    out.is_file() && out.dev() == file.dev() && out.ino() == file.ino()
}

#[cfg(not(unix))]
fn is_standard_output(_path: &Path) -> bool {
    false
}

/// The longest line of a JSON Lines report read back: a finding, whose excerpts are short.
const MAX_PREVIOUS_LINE: u64 = 64 << 20;

impl Previous {
    /// Reads an earlier JSON report (or JSON Lines report). A malformed file is an error naming
    /// it, with line and column.
    pub fn load(path: &Path) -> anyhow::Result<Previous> {
        use std::io::Read;
        let shown = path.shown();
        let file = std::fs::File::open(path)
            .with_context(|| format!("cannot read the previous report {shown}"))?;
        let mut reader = std::io::BufReader::new(file);
        // Its first bytes tell its format: not its first line, which may be the whole of a
        // compact report, or never end (`/dev/zero`).
        let mut head = Vec::with_capacity(16);
        (&mut reader)
            .take(16)
            .read_to_end(&mut head)
            .with_context(|| format!("cannot read the previous report {shown}"))?;
        if head.is_empty() {
            anyhow::bail!("{shown}: {}", empty_previous_reason(path));
        }
        // A JSON Lines report (`--report jsonl`) starts with a finding or, when it has none, with
        // its summary line; vigie writes those keys first.
        let jsonl = head.starts_with(b"{\"fingerprint\":") || head.starts_with(b"{\"summary\":");
        let whole = std::io::Cursor::new(head).chain(reader);
        if jsonl {
            return Previous::load_jsonl(std::io::BufReader::new(whole), path);
        }
        let raw: PrevReport = serde_json::from_reader(whole).map_err(|e| {
            if e.is_io() {
                anyhow::anyhow!("cannot read the previous report {shown}: {e}")
            } else {
                anyhow::anyhow!(
                    "{shown}:{}:{}: not a vigie JSON report: {}",
                    e.line(),
                    e.column().max(1),
                    json_reason(&e)
                )
            }
        })?;
        if raw.vigie_report == 1 && inconclusive(raw.audit.as_ref(), raw.summary.as_ref()) {
            anyhow::bail!("{shown}: {}", inconclusive_previous());
        }
        let mut prev =
            Previous::from_raw(raw).with_context(|| format!("in the previous report {shown}"))?;
        prev.path = Some(shown.to_string());
        Ok(prev)
    }

    fn load_jsonl(mut lines: impl std::io::BufRead, path: &Path) -> anyhow::Result<Previous> {
        use std::io::{BufRead, Read};
        let shown = path.shown();
        let mut prev = Previous::default();
        let mut buf = Vec::new();
        // Whether the last line read is the summary, which ends a whole report.
        let mut ended = false;
        for k in 0.. {
            buf.clear();
            // A line of a finding is short: one that never ends is no report's.
            let n = (&mut lines)
                .take(MAX_PREVIOUS_LINE + 1)
                .read_until(b'\n', &mut buf)
                .with_context(|| format!("cannot read the previous report {shown}"))?;
            if n == 0 {
                break;
            }
            if n as u64 > MAX_PREVIOUS_LINE && buf.last() != Some(&b'\n') {
                anyhow::bail!(
                    "{shown}:{}: a line of more than {} MiB: not a vigie JSON Lines report",
                    k + 1,
                    MAX_PREVIOUS_LINE >> 20
                );
            }
            let line = std::str::from_utf8(&buf).map_err(|e| {
                anyhow::anyhow!(
                    "{shown}:{}: not UTF-8 (byte {}): not a vigie JSON Lines report",
                    k + 1,
                    e.valid_up_to() + 1
                )
            })?;
            let line = line.trim_end();
            if line.is_empty() {
                continue;
            }
            if line.starts_with("{\"summary\":") {
                // The audit it ends with dates the earlier audit. A summary line that does not
                // parse was cut short (a copy cut inside its last line): the report is not
                // whole, as one cut before it is not.
                let Ok(last) = serde_json::from_str::<PrevLastLine>(line) else {
                    anyhow::bail!("{shown}:{}: {INCOMPLETE_JSONL}", k + 1);
                };
                if inconclusive(last.audit.as_ref(), last.summary.as_ref()) {
                    anyhow::bail!("{shown}: {}", inconclusive_previous());
                }
                prev.as_of = last.audit.as_ref().and_then(PrevAudit::as_of);
                ended = true;
                continue;
            }
            ended = false;
            let f: PrevFinding = serde_json::from_str(line).map_err(|e| {
                anyhow::anyhow!(
                    "{shown}:{}:{}: not a vigie JSON Lines report: {}",
                    k + 1,
                    e.column().max(1),
                    json_reason(&e)
                )
            })?;
            prev.insert(f);
        }
        // A report cut on a line boundary (a partial copy, a full disk) reads as a whole one
        // of fewer findings: the breaches it lost would no longer be repeated, without a word.
        if !ended {
            anyhow::bail!("{shown}: {INCOMPLETE_JSONL}");
        }
        prev.path = Some(shown.to_string());
        Ok(prev)
    }

    /// Parses an earlier JSON report held in memory.
    pub fn from_json(text: &str) -> anyhow::Result<Previous> {
        let raw: PrevReport = serde_json::from_str(text).map_err(|e| {
            anyhow::anyhow!(
                "{}:{}: not a vigie JSON report: {}",
                e.line(),
                e.column().max(1),
                json_reason(&e)
            )
        })?;
        if raw.vigie_report == 1 && inconclusive(raw.audit.as_ref(), raw.summary.as_ref()) {
            anyhow::bail!("{}", inconclusive_previous());
        }
        Previous::from_raw(raw)
    }

    fn from_raw(raw: PrevReport) -> anyhow::Result<Previous> {
        if raw.vigie_report != 1 {
            anyhow::bail!("unsupported report schema version {}", raw.vigie_report);
        }
        let mut prev = Previous {
            as_of: raw.audit.as_ref().and_then(PrevAudit::as_of),
            ..Previous::default()
        };
        for f in raw.findings {
            prev.insert(f);
        }
        Ok(prev)
    }

    fn insert(&mut self, f: PrevFinding) {
        // A rule code that no longer exists cannot repeat: only its fingerprint is kept.
        let sid = f
            .record
            .and_then(|r| r.source_id)
            .filter(|s| !s.trim().is_empty())
            .map(|s| source_key(&s));
        let rule = Rule::from_code(&f.rule);
        if let (Some(rule), Some(sid)) = (rule, &sid) {
            self.rule_sources.insert((rule, sid.clone()));
        }
        let breach = f.penalty.as_deref().map(str::trim) != Some("none");
        let fingerprint = u64::from_str_radix(&f.fingerprint, 16)
            .ok()
            .filter(|_| f.fingerprint.len() == 16);
        if self.fingerprints.insert(f.fingerprint) && breach {
            self.breaches
                .push((fingerprint, rule.and_then(|r| Some((r, sid?)))));
        }
    }

    /// Of the earlier report's breaches (its findings with a penalty, each fingerprint once),
    /// how many there were and how many no finding of this audit repeats (neither its
    /// fingerprint nor its rule on its source id, as [`Previous::contains`] matches): corrected
    /// since, or gone with their records. A court checking a reuser after a formal notice reads
    /// there what was put right.
    pub fn settled(&self, findings: &[Finding]) -> Settled {
        let found: HashSet<u64> = findings.iter().map(Finding::fingerprint_u64).collect();
        let found_sources: HashSet<(Rule, String)> = findings
            .iter()
            .filter_map(|f| {
                let sid = f.record.as_ref()?.source_id.as_deref()?;
                (!sid.trim().is_empty()).then(|| (f.rule, source_key(sid)))
            })
            .collect();
        let no_longer_found = self
            .breaches
            .iter()
            .filter(|(fp, rule_source)| {
                !fp.is_some_and(|fp| found.contains(&fp))
                    && !rule_source
                        .as_ref()
                        .is_some_and(|rs| found_sources.contains(rs))
            })
            .count() as u64;
        Settled {
            breaches: self.breaches.len() as u64,
            no_longer_found,
        }
    }

    /// How many findings the earlier report held (distinct fingerprints).
    pub fn len(&self) -> usize {
        self.fingerprints.len()
    }

    pub fn is_empty(&self) -> bool {
        self.fingerprints.is_empty()
    }

    /// Whether `f` was already found: same fingerprint, or same rule on the same `source_id`.
    pub fn contains(&self, f: &Finding) -> bool {
        if self.fingerprints.contains(&f.fingerprint()) {
            return true;
        }
        f.record
            .as_ref()
            .and_then(|r| r.source_id.as_deref())
            .filter(|s| !s.trim().is_empty())
            .is_some_and(|sid| self.rule_sources.contains(&(f.rule, source_key(sid))))
    }

    /// Marks repeated findings; their penalty becomes `permanent` unless it is `none`.
    /// Apply after [`Policy::apply`]. Returns how many were marked.
    pub fn mark(&self, findings: &mut [Finding]) -> u64 {
        let mut n = 0;
        for f in findings.iter_mut() {
            if self.contains(f) {
                f.repeated = true;
                n += 1;
                if f.penalty != Penalty::None {
                    f.penalty = Penalty::Permanent;
                }
            }
        }
        n
    }
}
