//! The warnings of an audit: a headless run prints them on standard error once the audit ends
//! (`headless` in src/main.rs), each after `vigie: warning: `; the UI shows them, since the
//! terminal it takes would hide what was printed (`tests/tui_warnings.rs` compares each with the
//! warnings its inputs call for, written by hand).
//! Nothing is lost and nothing is silent (SPEC §7).

use crate::audit::{AuditOptions, AuditOutcome};
use crate::text::sanitize::for_terminal;

/// What the warnings need of the audit's options, taken before the audit runs (which takes
/// them).
#[derive(Debug, Clone, Default)]
pub struct Inputs {
    /// Where the mapping takes the text from, if it says.
    text_from: Option<String>,
    /// No `--reference` was given.
    no_reference: bool,
}

impl Inputs {
    pub fn of(opts: &AuditOptions) -> Inputs {
        Inputs {
            text_from: opts
                .mapping
                .as_ref()
                .and_then(|m| m.written_path("text"))
                .map(|(p, _)| p.to_string()),
            no_reference: opts.reference.is_empty(),
        }
    }
}

/// The warnings of the audit that gave `outcome`, each without the `vigie: warning: ` that
/// starts it on standard error; one that names inputs holds a line for each.
pub fn after_audit(outcome: &AuditOutcome, inputs: &Inputs) -> Vec<String> {
    let mut out = Vec::new();
    let plural = |n: u64| if n == 1 { "" } else { "s" };
    let is_are = |n: u64| if n == 1 { "is" } else { "are" };
    let was_were = |n: u64| if n == 1 { "was" } else { "were" };
    let audit = &outcome.report.audit;

    let unreadable = outcome.context.unreadable_reference();
    let lost = crate::source::Incomplete::of(unreadable);
    // The records that matched no decision, which may cite one of those lost: not checked.
    let unmatched = outcome
        .report
        .findings
        .iter()
        .filter(|f| {
            f.rule == crate::rules::Rule::INT007
                && f.record
                    .as_ref()
                    .is_some_and(|r| r.source_id.is_some() && !r.source_id_as_written)
        })
        .count() as u64;
    let tie = if unmatched == 0 {
        String::new()
    } else {
        format!(
            "; {unmatched} record{} whose `source_id` matched no decision (INT007, unverifiable, \
             no penalty) may cite one and {} not checked",
            plural(unmatched),
            was_were(unmatched)
        )
    };
    let header = if lost.exact() {
        let n = lost.decisions;
        let (it, s) = if n == 1 { ("it", "") } else { ("them", "s") };
        format!(
            "{n} reference decision{s} could not be read: the reference is incomplete, and \
             records citing {it} cannot be checked against {it}{tie}:"
        )
    } else {
        format!(
            "the reference is incomplete: {}; records citing a decision among those cannot be \
             checked against it{tie}:",
            lost.describe()
        )
    };
    naming(
        &mut out,
        header,
        unreadable.iter().map(|u| {
            format!(
                "{}: {}",
                for_terminal(&u.origin.to_string(), false),
                for_terminal(&u.reason, false)
            )
        }),
    );

    let superseded = &audit.superseded_reference;
    let n = superseded.len() as u64;
    naming(
        &mut out,
        format!(
            "{n} version{} of reference decisions read more than once {} set aside: of each \
             decision, the version updated last is used and counted; on a tie (DILA's files \
             carry no update date), the one published last, as DILA's names date their archives \
             and folders (`CASS_20231127-204209`), then the first by file name and line:",
            plural(n),
            was_were(n),
        ),
        superseded.iter().map(|s| s.describe()),
    );

    let n = outcome.skipped_files.len() as u64;
    naming(
        &mut out,
        format!(
            "{n} entr{} of the corpus folders {} not read, being hidden (a name starting with a \
             dot) or not named .json, .jsonl, .ndjson or .jsonlines (or .gz): give a file by its \
             name to read it",
            if n == 1 { "y" } else { "ies" },
            was_were(n)
        ),
        outcome
            .skipped_files
            .iter()
            .map(|s| for_terminal(s, false).into_owned()),
    );

    for (what, repeated) in [
        ("corpus", outcome.repeated_inputs.as_slice()),
        ("reference", outcome.context.repeated_reference()),
    ] {
        let n = repeated.len() as u64;
        naming(
            &mut out,
            format!(
                "{n} {what} input{} given more than once {} read once:",
                plural(n),
                was_were(n)
            ),
            repeated
                .iter()
                .map(|r| r.describe(|s| for_terminal(s, false).into_owned())),
        );
    }

    let n = audit.vigie_files.len() as u64;
    naming(
        &mut out,
        format!(
            "{n} file{} of the corpus folders {} written by vigie (a report or a waivers file) \
             and {} not read as records:",
            plural(n),
            was_were(n),
            was_were(n)
        ),
        audit
            .vigie_files
            .iter()
            .map(|s| for_terminal(s, false).into_owned()),
    );

    if let Some(u) = outcome.history_unreadable.first() {
        let n = outcome.history_unreadable.len() as u64;
        out.push(format!(
            "{n} transaction{} of the history could not be read and {} left out (the first: {}: \
             {})",
            plural(n),
            was_were(n),
            for_terminal(&u.origin.to_string(), false),
            for_terminal(&u.reason, false)
        ));
    }
    let n = outcome.history_after_as_of;
    if n > 0 {
        out.push(format!(
            "{n} transaction{} of the history {} dated after the audit time ({}) and {} set aside",
            plural(n),
            is_are(n),
            audit.as_of,
            was_were(n),
        ));
    }
    let n = outcome.withdrawals_after_as_of;
    if n > 0 {
        out.push(format!(
            "{n} withdrawal{} of DILA's suppression lists {} dated after the audit time ({}) and \
             {} set aside",
            plural(n),
            is_are(n),
            audit.as_of,
            was_were(n),
        ));
    }
    unmatched_mapping(&mut out, &outcome.report);
    let text_unmatched = audit
        .mapping
        .as_ref()
        .is_some_and(|m| m.unmatched.contains(&"text"));
    if audit.records_without_text > 0 && !text_unmatched {
        let from = inputs
            .text_from
            .as_ref()
            .map(|p| format!(" (the mapping takes it from `{}`)", for_terminal(p, false)))
            .unwrap_or_default();
        out.push(format!(
            "{} of the {} records read have no text{from}: their text could not be checked \
             (integrity, masking)",
            audit.records_without_text, audit.records
        ));
    }
    let n = audit.texts_not_compared_why.reference_without_text;
    if n > 0 {
        out.push(format!(
            "the text of {n} matched record{} could not be compared: {} reference decision has \
             no text (a search result or a list gives none; give the decisions themselves as the \
             reference)",
            plural(n),
            if n == 1 { "its" } else { "their" },
        ));
    }
    if let Some(first) = &outcome.first_not_compared {
        let n = audit.texts_not_compared_why.reference_unreadable;
        out.push(format!(
            "the text of {n} record{} could not be compared with its reference decision, whose \
             text could not be read again (the first: {}): was the reference changed during the \
             audit? Run it again once it is complete",
            plural(n),
            for_terminal(first, false)
        ));
    }
    if inputs.no_reference {
        out.push(
            "no --reference given: no record could be matched with its decision, so each is \
             INT007 (unverifiable) and the text, identification and masking checks against the \
             source did not run"
                .to_string(),
        );
    }
    out
}

/// For each field the mapping reads from a path that gave a value in none of the records read,
/// the entry (file and line), the path and what it cost: almost always a mistaken path (SPEC
/// §7), which would otherwise let the audit pass without a word. A `source_id` that makes the
/// audit inconclusive is said once, by the message that says so.
fn unmatched_mapping(out: &mut Vec<String>, report: &crate::report::Report) {
    let Some(m) = &report.audit.mapping else {
        return;
    };
    for &field in &m.unmatched {
        if field == "source_id" && report.source_id_unmatched() {
            continue;
        }
        let Some((_, path, line)) = m.fields.iter().find(|(f, _, _)| *f == field) else {
            continue;
        };
        let cost = match field {
            "source_id" => {
                "no record could be matched with its decision (each is INT007, unverifiable)"
                    .to_string()
            }
            "text" => "no record's text could be checked (integrity, masking)".to_string(),
            _ if m.defaults.contains(&field) => {
                format!("every record was given the [defaults] value of `{field}` instead")
            }
            _ => format!("every record was read as having no `{field}`"),
        };
        out.push(format!(
            "{}:{line}: the mapping's path for `{field}`, `{}`, gave {}: {cost}; is the path \
             right?{}",
            for_terminal(&m.file, false),
            for_terminal(path, false),
            crate::report::no_value_in(report.audit.records),
            for_terminal(
                &crate::corpus::mapping::dotted_index_hint(path).unwrap_or_default(),
                false
            )
        ));
    }
}

/// A warning that names inputs, when there is something to name: `header`, then the first few
/// `items` one a line, and how many more (as the headless run lists them).
fn naming(out: &mut Vec<String>, header: String, items: impl ExactSizeIterator<Item = String>) {
    let mut lines = Vec::new();
    let _ = crate::report::write_first_named(&mut lines, &header, items, "");
    if !lines.is_empty() {
        out.push(String::from_utf8_lossy(&lines).trim_end().to_string());
    }
}
