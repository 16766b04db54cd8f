//! The audit engine end to end on the real Judilibre decision (19-19.463, chambre commerciale,
//! 18 November 2020), through the library.

use serde_json::json;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;
use vigie::audit::{self, AuditOptions};
use vigie::rules::Rule;

fn data(p: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(p)
}

fn cc_text() -> String {
    let v: serde_json::Value =
        serde_json::from_slice(&std::fs::read(data("judilibre/cc_detail.json")).unwrap()).unwrap();
    v["text"].as_str().unwrap().to_string()
}

/// A record that states everything right about the cc_detail decision.
fn clean(id: &str) -> serde_json::Value {
    json!({
        "id": id,
        "source_id": "5fca277de35a255d41ca73ab",
        "url": format!("https://example.test/d/{id}"),
        "text": cc_text(),
        "jurisdiction": "Cour de cassation",
        "formation": "Chambre commerciale, financière et économique",
        "seat": "Paris",
        "decision_date": "18 novembre 2020",
        "number": "19-19.463",
        "attribution": "Source : Cour de cassation (Judilibre)",
        "updated_at": "2026-11-21T08:00:00+01:00",
        "update_notice": "Document chargé sur le site source le 21/11/2026"
    })
}

fn audit(records: &[serde_json::Value]) -> Vec<(String, Rule)> {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus.jsonl");
    let mut lines = String::new();
    for r in records {
        lines.push_str(&r.to_string());
        lines.push('\n');
    }
    std::fs::write(&corpus, lines).unwrap();
    let opts = AuditOptions {
        corpus: vec![corpus],
        reference: vec![data("judilibre/cc_detail.json")],
        as_of: Some("2026-11-22T12:00:00Z".parse().unwrap()),
        ..Default::default()
    };
    let out = audit::run(&opts, &|_| {}, &AtomicBool::new(false)).unwrap();
    out.report
        .findings
        .iter()
        .map(|f| {
            (
                f.record
                    .as_ref()
                    .and_then(|r| r.id.clone())
                    .unwrap_or_default(),
                f.rule,
            )
        })
        .collect()
}

#[test]
fn a_faithful_record_is_clean() {
    assert_eq!(audit(&[clean("r1")]), vec![]);
}

#[test]
fn text_changes_are_classified() {
    let mut sub = clean("sub");
    sub["text"] = json!(cc_text().replacen("REJETTE le pourvoi", "CASSE le pourvoi", 1));
    let mut ins = clean("ins");
    ins["text"] = json!(format!(
        "{}\n\nNote de la rédaction : cet arrêt est commenté dans notre revue, abonnez-vous pour lire la suite.",
        cc_text()
    ));
    let mut cut = clean("cut");
    let t = cc_text();
    cut["text"] = json!(t[..t.len() / 2].to_string());
    let mut excerpt = cut.clone();
    excerpt["id"] = json!("excerpt");
    excerpt["excerpt"] = json!(true);
    excerpt["full_text_url"] =
        json!("https://www.courdecassation.fr/decision/5fca277de35a255d41ca73ab");
    let mut bad_excerpt = excerpt.clone();
    bad_excerpt["id"] = json!("bad-excerpt");
    bad_excerpt.as_object_mut().unwrap().remove("full_text_url");
    let got = audit(&[sub, ins, cut, excerpt, bad_excerpt]);
    assert!(got.contains(&("sub".into(), Rule::INT001)), "{got:?}");
    assert!(got.contains(&("ins".into(), Rule::INT002)), "{got:?}");
    assert!(got.contains(&("cut".into(), Rule::INT003)), "{got:?}");
    assert!(!got.iter().any(|(id, _)| id == "excerpt"), "{got:?}");
    assert_eq!(
        got.iter()
            .filter(|(id, _)| id == "bad-excerpt")
            .map(|x| x.1)
            .collect::<Vec<_>>(),
        vec![Rule::INT004]
    );
    assert_eq!(got.len(), 4, "{got:?}");
}

#[test]
fn attribution_freshness_and_input_rules() {
    let mut no_attr = clean("no-attr");
    no_attr.as_object_mut().unwrap().remove("attribution");
    let mut wrong = clean("wrong");
    wrong["attribution"] = json!("Source : Conseil d'État");
    let mut no_date = clean("no-date");
    no_date.as_object_mut().unwrap().remove("updated_at");
    no_date.as_object_mut().unwrap().remove("update_notice");
    let mut unknown = clean("unknown");
    unknown["source_id"] = json!("000000000000000000000000");
    let dup = clean("no-attr");
    let mut missing = clean("missing");
    missing.as_object_mut().unwrap().remove("formation");
    missing.as_object_mut().unwrap().remove("seat");
    let mut prf = clean("prf");
    prf["president"] = json!("Mme Mouillard");
    let got = audit(&[no_attr, wrong, no_date, unknown, dup, missing, prf]);
    let expect = vec![
        ("no-attr".to_string(), Rule::ATT001),
        ("wrong".into(), Rule::ATT002),
        ("no-date".into(), Rule::FRE001),
        ("unknown".into(), Rule::INT007),
        // The duplicate is a faithful copy: only its id is wrong.
        ("no-attr".into(), Rule::IN002),
        ("missing".into(), Rule::INT005),
        ("prf".into(), Rule::PRF001),
    ];
    assert_eq!(got, expect);
}
