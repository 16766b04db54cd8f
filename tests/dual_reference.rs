//! A decision the reference holds twice, from two producers: the real DILA CASS decision
//! 22-84.021 (chambre criminelle, 17 October 2023) and a Judilibre copy of it with the same
//! ECLI, as a reuser loading both Légifrance and Judilibre gives them with `--reference`
//! repeated. The ECLI (or the case number) designates both copies: crediting either producer is
//! right, and the record is checked against the copy it credits.

use serde_json::json;
use std::path::{Path, PathBuf};
use vigie::audit::AuditOptions;
use vigie::model::{Producer, Record};
use vigie::rules::Rule;
use vigie::source::ReferenceSet;

mod support;
use support::audit::run_audit;

const DILA_ID: &str = "JURITEXT000048242129";
const JUDILIBRE_ID: &str = "652e5f1a8b2c3d4e5f6a7b8c";
const ECLI: &str = "ECLI:FR:CCASS:2023:CR01180";

fn dila_xml() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("tests/data/dila-cass/{DILA_ID}.xml"))
}

/// The DILA decision's text, as vigie reads it.
fn dila_text() -> String {
    let set = ReferenceSet::load(&[dila_xml()], &Default::default()).unwrap();
    let i = set.find_index(DILA_ID).unwrap();
    assert_eq!(set.decisions[i].ecli.as_deref(), Some(ECLI));
    set.text(i).unwrap()
}

/// The Judilibre copy of the decision, with `text`, updated on `updated`.
fn judilibre_copy(text: &str, updated: &str) -> serde_json::Value {
    json!({
        "id": JUDILIBRE_ID,
        "source": "jurinet",
        "jurisdiction": "cc",
        "chamber": "cr",
        "formation": "f",
        "number": "22-84.021",
        "numbers": ["22-84.021"],
        "ecli": ECLI,
        "decision_date": "2023-10-17",
        "update_date": updated,
        "type": "arret",
        "solution": "rejet",
        "publication": ["b"],
        "text": text,
    })
}

/// A record stating the decision right, with `source_id`, `attribution` and `text`.
fn record(id: &str, source_id: &str, attribution: &str, text: &str) -> serde_json::Value {
    json!({
        "id": id,
        "source_id": source_id,
        "url": format!("https://example.test/{id}"),
        "text": text,
        "jurisdiction": "Cour de cassation",
        "formation": "Chambre criminelle",
        "seat": "Paris",
        "decision_date": "2023-10-17",
        "number": "22-84.021",
        "attribution": attribution,
        "updated_at": "2026-11-21T08:00:00Z",
        "update_notice": "Document chargé sur le site source le 21/11/2026",
    })
}

/// The findings as (record, rule, producer whose conditions apply, fingerprint).
type Seen = Vec<(String, Rule, Option<Producer>, String)>;

fn audit(records: &[serde_json::Value], reference: &[PathBuf], jobs: usize) -> Seen {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus.jsonl");
    let lines: Vec<String> = records.iter().map(|r| r.to_string()).collect();
    std::fs::write(&corpus, lines.join("\n")).unwrap();
    let opts = AuditOptions {
        corpus: vec![corpus],
        reference: reference.to_vec(),
        as_of: Some("2026-11-22T12:00:00Z".parse().unwrap()),
        jobs: Some(jobs),
        ..Default::default()
    };
    let out = run_audit(&opts);
    out.report
        .findings
        .iter()
        .map(|f| {
            let r = f.record.as_ref().unwrap();
            (
                r.id.clone().unwrap_or_default(),
                f.rule,
                r.producer,
                f.fingerprint(),
            )
        })
        .collect()
}

/// A folder holding both copies; the Judilibre copy's path.
fn both(dir: &Path, judilibre: &serde_json::Value) -> PathBuf {
    let jl = dir.join("jl.json");
    std::fs::write(&jl, judilibre.to_string()).unwrap();
    std::fs::copy(dila_xml(), dir.join(format!("{DILA_ID}.xml"))).unwrap();
    jl
}

#[test]
fn either_producer_of_a_decision_held_twice_may_be_credited() {
    let text = dila_text();
    let dir = tempfile::tempdir().unwrap();
    let jl = both(dir.path(), &judilibre_copy(&text, "2023-10-20"));
    let records = [
        record("du-0", ECLI, "Légifrance", &text),
        record("du-1", ECLI, "Judilibre", &text),
        record("du-2", ECLI, "Cour de cassation", &text),
        record("du-3", DILA_ID, "Judilibre", &text),
        // The Judilibre id tells the record was taken from Judilibre: Légifrance is not its
        // source.
        record("du-4", JUDILIBRE_ID, "Légifrance", &text),
        record("du-5", "22-84.021", "Légifrance", &text),
        record("du-6", ECLI, "Source : Conseil d'État", &text),
    ];
    let seen = audit(&records, &[dir.path().to_path_buf()], 2);
    let rules: Vec<(&str, Rule)> = seen
        .iter()
        .map(|(r, rule, ..)| (r.as_str(), *rule))
        .collect();
    assert_eq!(rules, [("du-4", Rule::ATT002), ("du-6", Rule::ATT002)]);
    // The same report whatever the order the copies are given in, and the number of threads.
    let xml = dir.path().join(format!("{DILA_ID}.xml"));
    for (reference, jobs) in [
        (vec![jl.clone(), xml.clone()], 1),
        (vec![xml.clone(), jl.clone()], 2),
        (vec![xml.clone(), jl.clone()], 1),
    ] {
        assert_eq!(audit(&records, &reference, jobs), seen);
    }
    // The Légifrance copy alone: crediting Légifrance is right; the Judilibre copy alone: it is
    // not.
    let alone = audit(&records[..1], &[xml], 1);
    assert!(alone.is_empty(), "{alone:?}");
    let alone = audit(&records[..1], &[jl], 1);
    assert_eq!(alone.len(), 1);
    assert_eq!(alone[0].1, Rule::ATT002);
}

// The Judilibre copy was corrected after the reuser's last load (a word of its text changed):
// a record credited to Légifrance, faithful to the Légifrance copy, which was not corrected,
// missed nothing; one credited to Judilibre or to the Cour de cassation (whose open data
// Judilibre is) with the same text missed the correction. Each finding's conditions are those
// of the copy credited. A record crediting neither is checked against the copy its text
// reproduces, though the other was updated later.
#[test]
fn a_record_is_checked_against_the_copy_it_credits() {
    let text = dila_text();
    let corrected = text.replacen("200 000 euros", "300 000 euros", 1);
    assert_ne!(corrected, text);
    let dir = tempfile::tempdir().unwrap();
    both(
        dir.path(),
        &judilibre_copy(&corrected, "2026-11-21T10:00:00Z"),
    );
    let records = [
        record("legifrance", ECLI, "Source : Légifrance", &text),
        record("judilibre", ECLI, "Source : Judilibre", &text),
        record(
            "judilibre-corrected",
            ECLI,
            "Source : Judilibre",
            &corrected,
        ),
        record("cc", ECLI, "Cour de cassation", &text),
        record("cc-corrected", ECLI, "Cour de cassation", &corrected),
        record("unnamed", ECLI, "Notre rédaction", &text),
        record("unnamed-corrected", ECLI, "Notre rédaction", &corrected),
    ];
    let seen = audit(&records, &[dir.path().to_path_buf()], 2);
    let got: Vec<(&str, Rule, Option<Producer>)> = seen
        .iter()
        .map(|(r, rule, p, _)| (r.as_str(), *rule, *p))
        .collect();
    let cc = Some(Producer::CourDeCassation);
    assert_eq!(
        got,
        [
            ("judilibre", Rule::FRE002, cc),
            ("cc", Rule::FRE002, cc),
            ("unnamed", Rule::ATT001, Some(Producer::Legifrance)),
            ("unnamed-corrected", Rule::ATT001, cc),
        ]
    );
    // The terminal UI's detail shows the record beside the same copy.
    let corpus = tempfile::tempdir().unwrap();
    let one = corpus.path().join("one.jsonl");
    std::fs::write(&one, records[0].to_string()).unwrap();
    let opts = AuditOptions {
        corpus: vec![one],
        reference: vec![dir.path().to_path_buf()],
        ..Default::default()
    };
    let out = run_audit(&opts);
    for (attribution, text, producer) in [
        ("Source : Judilibre", &text, Producer::CourDeCassation),
        ("Légifrance", &corrected, Producer::Legifrance),
        ("Notre rédaction", &text, Producer::Legifrance),
        ("Notre rédaction", &corrected, Producer::CourDeCassation),
    ] {
        let r = Record {
            id: "r".into(),
            source_id: Some(ECLI.into()),
            attribution: Some(attribution.into()),
            text: Some(text.clone()),
            ..Default::default()
        };
        let (d, unread) = out.context.reference_credited(ECLI, Some(&r)).unwrap();
        assert_eq!((d.producer, unread), (producer, None), "{attribution}");
    }
}
