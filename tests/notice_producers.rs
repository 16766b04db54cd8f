//! The producers of the reference decisions the records matched, counted in the report: they
//! decide which conditions apply (SPEC §1.1).

use serde_json::{Value, json};
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;
use vigie::audit::{self, AuditOptions};
use vigie::model::Producer;
use vigie::report::{self, Format, Report, WriteOptions};

fn data(p: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(p)
}

/// Judilibre (Cour de cassation), administrative open data (Conseil d'État), Légifrance CASS.
const CC: &str = "5fca277de35a255d41ca73ab";
const CE: &str = "ORTA_2520143_20251205";
const DILA: &str = "JURITEXT000048176061";

fn reference(id: &str) -> PathBuf {
    match id {
        CC => data("judilibre/cc_detail.json"),
        CE => data("ce/ORTA_2520143_20251205.xml"),
        DILA => data(&format!("dila-cass/{id}.xml")),
        // Any other id matches nothing: the Judilibre decision as reference.
        _ => data("judilibre/cc_detail.json"),
    }
}

/// One record per source id, showing nothing but its id: every one breaches (no attribution,
/// no identification, no update date).
fn audit(ids: &[&str]) -> Report {
    let records: Vec<Value> = ids
        .iter()
        .enumerate()
        .map(|(i, s)| json!({"id": format!("r{i}"), "source_id": s}))
        .collect();
    audit_records(&records, ids)
}

fn audit_records(records: &[Value], ids: &[&str]) -> Report {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus.jsonl");
    let lines: Vec<String> = records.iter().map(Value::to_string).collect();
    std::fs::write(&corpus, lines.join("\n")).unwrap();
    let opts = AuditOptions {
        corpus: vec![corpus],
        reference: {
            let mut paths: Vec<PathBuf> = ids.iter().map(|s| reference(s)).collect();
            paths.sort();
            paths.dedup();
            paths
        },
        as_of: Some("2026-11-22T12:00:00Z".parse().unwrap()),
        ..Default::default()
    };
    audit::run(&opts, &|_| {}, &AtomicBool::new(false))
        .unwrap()
        .report
}

fn render(r: &Report, format: Format) -> String {
    let mut out = Vec::new();
    report::write(r, format, &WriteOptions::default(), &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

#[test]
fn producers_are_counted_in_the_report() {
    let r = audit(&[CC, CE, DILA, DILA, "no-such-decision"]);
    assert_eq!(r.audit.matched_records, 4);
    assert_eq!(
        r.audit.producers,
        vec![
            (Producer::CourDeCassation, 1),
            (Producer::Legifrance, 2),
            (Producer::ConseilEtat, 1),
        ]
    );
    let v: Value = serde_json::from_str(&render(&r, Format::Json)).unwrap();
    assert_eq!(
        v["audit"]["producers"],
        json!({"cour_de_cassation": 1, "legifrance": 2, "conseil_etat": 1})
    );
    // An unmatched corpus counts no producer: an empty object.
    let r = audit(&["no-such-decision"]);
    assert!(r.audit.producers.is_empty());
    let v: Value = serde_json::from_str(&render(&r, Format::Json)).unwrap();
    assert_eq!(v["audit"]["producers"], json!({}));
}
