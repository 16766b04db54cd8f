//! The short text summary printed when stdout is not a terminal.

use super::{Report, WriteOptions};
use crate::model::Finding;
use crate::rules::{Family, Penalty};
use crate::text::sanitize::for_terminal;
use std::io::{self, Write};

/// How many rules the summary lists, and how many findings.
const TOP_RULES: usize = 5;
const FIRST_FINDINGS: usize = 10;

/// Where a finding is, as `file:line` (or `(corpus)`), sanitised.
pub(crate) fn location(report: &Report, f: &Finding) -> String {
    match &f.record {
        Some(r) => {
            let file = report
                .files
                .get(r.file_index as usize)
                .map(String::as_str)
                .unwrap_or("?");
            format!("{}:{}", for_terminal(file, false), r.line)
        }
        None => "(corpus)".to_string(),
    }
}

pub(crate) fn write(report: &Report, opts: &WriteOptions, out: &mut dyn Write) -> io::Result<()> {
    let s = &report.summary;
    let a = &report.audit;
    let mut out = io::BufWriter::new(out);
    if report.read_no_record() {
        // The verdict would read `compliant`: it says nothing of a corpus none of whose records
        // could be read.
        writeln!(
            out,
            "vigie: no verdict — no record of the corpus could be read ({} unreadable line{} or \
             file{}, IN001)",
            a.unreadable_records,
            plural(a.unreadable_records),
            plural(a.unreadable_records)
        )?;
    } else if report.source_id_unmatched() {
        writeln!(
            out,
            "vigie: no verdict — {}",
            for_terminal(&report.not_carried_out(), false)
        )?;
    } else {
        writeln!(
            out,
            "vigie: verdict {} — {} finding{} in {} record{}",
            s.verdict.as_str(),
            s.findings,
            plural(s.findings),
            s.records_with_findings,
            plural(s.records_with_findings)
        )?;
    }
    writeln!(
        out,
        "records: {} read, {} unreadable, {} matched a reference decision (of {}{})",
        a.records,
        a.unreadable_records,
        a.matched_records,
        a.reference_decisions,
        if a.unreadable_reference_uncounted > 0 {
            format!(
                ", {} unreadable, not an exact count",
                a.unreadable_reference_decisions
            )
        } else if a.unreadable_reference_decisions > 0 {
            format!(", {} unreadable", a.unreadable_reference_decisions)
        } else {
            String::new()
        }
    )?;
    if a.texts_not_compared() > 0 {
        writeln!(
            out,
            "texts not compared: {} record{} ({})",
            a.texts_not_compared(),
            plural(a.texts_not_compared()),
            a.texts_not_compared_why.describe()
        )?;
    }
    if a.records_without_text > a.texts_not_compared_why.record_without_text {
        // Records without a text that matched no decision are not counted above.
        writeln!(
            out,
            "records without a text: {} (none of their text could be checked)",
            a.records_without_text
        )?;
    }
    named_lines(
        &mut out,
        "reference versions set aside (read more than once; the one updated or published last is used)",
        a.superseded_reference.iter().map(|s| s.describe()),
    )?;
    named_lines(
        &mut out,
        "reference decisions withdrawn at source by DILA's suppression lists",
        a.withdrawn_reference.iter().map(|w| w.describe()),
    )?;
    // A folder or the rest of a file cut short counts as one: the count is then not exact.
    let not_read = if a.unreadable_reference_uncounted > 0 {
        format!(
            "reference decisions not read: {}, not an exact count (the reference is \
             incomplete: {})",
            a.unreadable_reference_decisions,
            a.reference_incomplete().describe()
        )
    } else {
        format!(
            "reference decisions not read: {}",
            a.unreadable_reference_decisions
        )
    };
    write_first_named(
        &mut out,
        &not_read,
        a.unreadable_reference.iter().map(|u| {
            // Where, as the warning on standard error says it (`file:line`, or the file).
            format!(
                "{}: {}",
                super::place(&u.file, u.line),
                for_terminal(&u.reason, false)
            )
        }),
        " (--report json lists them all)",
    )?;
    named_lines(
        &mut out,
        "entries of the corpus folders not read (hidden, or not named .json, .jsonl, .ndjson or .jsonlines, or .gz)",
        a.skipped_files
            .iter()
            .map(|f| for_terminal(f, false).into_owned()),
    )?;
    named_lines(
        &mut out,
        "files of the corpus folders written by vigie (reports, waivers), not read as records",
        a.vigie_files
            .iter()
            .map(|f| for_terminal(f, false).into_owned()),
    )?;
    if a.updated_at_ages.buckets.iter().any(|&(_, n)| n > 0) {
        let ages: Vec<String> = a
            .updated_at_ages
            .buckets
            .iter()
            .map(|(label, n)| format!("{label} {n}"))
            .collect();
        writeln!(out, "updated_at age: {}", ages.join(", "))?;
    }
    let count = |p: Penalty| s.by_penalty.get(&p).copied().unwrap_or(0);
    writeln!(
        out,
        "penalty: {} permanent, {} temporary, {} none",
        count(Penalty::Permanent),
        count(Penalty::Temporary),
        count(Penalty::None)
    )?;
    let families: Vec<String> = Family::ALL
        .iter()
        .filter_map(|f| s.by_family.get(f).map(|n| format!("{} {n}", f.as_str())))
        .collect();
    if !families.is_empty() {
        writeln!(out, "family:  {}", families.join(", "))?;
    }
    let mut rules: Vec<_> = s.by_rule.iter().map(|(r, &n)| (*r, n)).collect();
    // Most frequent first; ties in registry order.
    rules.sort_by(|x, y| y.1.cmp(&x.1).then(x.0.cmp(&y.0)));
    if !rules.is_empty() {
        let top: Vec<String> = rules
            .iter()
            .take(TOP_RULES)
            .map(|(r, n)| format!("{r} {} {n}", r.info().name))
            .collect();
        writeln!(out, "top:     {}", top.join(", "))?;
    }
    let repeated = report.findings.iter().filter(|f| f.repeated).count();
    if repeated > 0 {
        writeln!(out, "repeated: {repeated} already in the previous report")?;
    }
    if let Some(p) = a.previous.as_ref().filter(|p| p.breaches > 0) {
        writeln!(
            out,
            "settled: {} of the previous report's {} breach{} no longer found",
            p.breaches_no_longer_found,
            p.breaches,
            if p.breaches == 1 { "" } else { "es" }
        )?;
    }
    if !a.policy_overrides.is_empty() {
        let shown: Vec<String> = a
            .policy_overrides
            .iter()
            .map(|o| format!("{} {} {}→{}", o.rule, o.field, o.from, o.to))
            .collect();
        writeln!(out, "policy:  {}", shown.join(", "))?;
    }
    if !report.waivers.is_empty() {
        let waived = report
            .findings
            .iter()
            .filter(|f| report.waivers.contains_key(&f.fingerprint()))
            .count();
        writeln!(out, "waivers: {waived} finding(s) reviewed or accepted")?;
    }
    if !report.findings.is_empty() {
        writeln!(out)?;
        for f in report.findings.iter().take(FIRST_FINDINGS) {
            // The field, when it is not the decision's text: a name in clear may be in the
            // commentary or any field of the reuser's (`parties[0].nom`).
            let field = f
                .evidence
                .as_ref()
                .map(|e| e.field.as_ref())
                .filter(|field| *field != "text")
                .map(|field| report.field_label(field))
                .map(|field| format!(" [{}]", for_terminal(&field, false)))
                .unwrap_or_default();
            writeln!(
                out,
                "{} {} {}/{}{}{field} {}",
                location(report, f),
                f.rule,
                f.severity.as_str(),
                f.penalty.as_str(),
                if f.repeated { " repeated" } else { "" },
                for_terminal(
                    &super::exported_message(f, opts.reveal_personal_data),
                    false
                )
            )?;
        }
        if report.findings.len() > FIRST_FINDINGS {
            writeln!(
                out,
                "… and {} more (use --report json, jsonl, csv or notice for all of them)",
                report.findings.len() - FIRST_FINDINGS
            )?;
        }
    }
    out.flush()
}

/// How many inputs not read the summary names, before "and N more".
const NAMED_INPUTS: usize = 5;

/// `header: N`, then the first [`NAMED_INPUTS`] items one a line, and how many more; nothing
/// when there are none.
fn named_lines(
    out: &mut impl Write,
    header: &str,
    items: impl ExactSizeIterator<Item = String>,
) -> io::Result<()> {
    let n = items.len();
    write_first_named(
        out,
        &format!("{header}: {n}"),
        items,
        " (--report json lists them all)",
    )
}

/// `header`, then the first [`NAMED_INPUTS`] items one a line, indented, and `and N more` with
/// `more` after it; nothing when there are no items. What the text summary and the warnings on
/// standard error list the inputs not read with.
pub fn write_first_named(
    out: &mut impl Write,
    header: &str,
    items: impl ExactSizeIterator<Item = String>,
    more: &str,
) -> io::Result<()> {
    let n = items.len();
    if n == 0 {
        return Ok(());
    }
    writeln!(out, "{header}")?;
    for item in items.take(NAMED_INPUTS) {
        writeln!(out, "  {item}")?;
    }
    if n > NAMED_INPUTS {
        writeln!(out, "  and {} more{more}", n - NAMED_INPUTS)?;
    }
    Ok(())
}

fn plural(n: u64) -> &'static str {
    if n == 1 { "" } else { "s" }
}
