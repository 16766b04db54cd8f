//! Audits run through the library (shared by the tests of the engine, the reports and the
//! notice).
#![allow(dead_code)]

use std::path::Path;
use std::sync::atomic::AtomicBool;
use vigie::audit::{self, AuditOptions, AuditOutcome};
use vigie::model::Finding;
use vigie::report::Report;
use vigie::rules::Rule;

/// The outcome of an audit with `opts` that nobody watches or stops.
pub fn run_audit(opts: &AuditOptions) -> AuditOutcome {
    audit::run(opts, &|_| {}, &AtomicBool::new(false)).expect("the audit runs")
}

/// The demo (`assets/demo`) audited as README's first command does.
pub fn demo_report() -> Report {
    let demo = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/demo");
    run_audit(&AuditOptions {
        corpus: vec![demo.join("corpus.jsonl")],
        reference: vec![demo.join("reference")],
        history: vec![demo.join("history.json")],
        as_of: Some("2026-11-22T12:00:00Z".parse().unwrap()),
        ..Default::default()
    })
    .report
}

/// The id of the record `f` is on: empty for a finding on no record or on a record without one.
pub fn record_id(f: &Finding) -> String {
    f.record
        .as_ref()
        .and_then(|r| r.id.clone())
        .unwrap_or_default()
}

/// The record id (see [`record_id`]), rule and message of each finding of `report`, in order.
pub fn messages(report: &Report) -> Vec<(String, Rule, String)> {
    report
        .findings
        .iter()
        .map(|f| (record_id(f), f.rule, f.message.to_string()))
        .collect()
}
