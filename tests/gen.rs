//! The corpus generator: deterministic, every rule planted, and an audit of what it writes finds
//! exactly the labels.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use vigie::audit::AuditOptions;
use vigie::r#gen::{Config, RECORD_RULES, ReferenceFormat, generate};

mod support;
use support::audit::run_audit;

fn config(out: &Path, records: u64, rate: f64, seed: u64, format: ReferenceFormat) -> Config {
    let mut c = Config::new(out);
    c.records = records;
    c.breach_rate = rate;
    c.seed = seed;
    c.reference_format = format;
    c
}

/// Every file under `dir`, by relative path, with its bytes.
fn tree(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    fn walk(root: &Path, d: &Path, out: &mut BTreeMap<PathBuf, Vec<u8>>) {
        for e in std::fs::read_dir(d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                walk(root, &p, out);
            } else {
                out.insert(
                    p.strip_prefix(root).unwrap().to_path_buf(),
                    std::fs::read(&p).unwrap(),
                );
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

fn read_labels(dir: &Path) -> Vec<serde_json::Value> {
    std::fs::read_to_string(dir.join("labels.jsonl"))
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn the_same_seed_gives_the_same_bytes() {
    for format in [ReferenceFormat::Judilibre, ReferenceFormat::Dila] {
        let (a, b, c) = (
            tempfile::tempdir().unwrap(),
            tempfile::tempdir().unwrap(),
            tempfile::tempdir().unwrap(),
        );
        generate(config(a.path(), 700, 0.2, 42, format)).unwrap();
        generate(config(b.path(), 700, 0.2, 42, format)).unwrap();
        generate(config(c.path(), 700, 0.2, 43, format)).unwrap();
        let (ta, tb, tc) = (tree(a.path()), tree(b.path()), tree(c.path()));
        assert!(ta.len() >= 5, "{:?}", ta.keys());
        assert_eq!(ta.keys().collect::<Vec<_>>(), tb.keys().collect::<Vec<_>>());
        for (k, v) in &ta {
            assert!(
                v == &tb[k],
                "{format:?}: {} differs between two runs",
                k.display()
            );
        }
        let corpus = PathBuf::from("corpus.jsonl");
        assert_ne!(ta[&corpus], tc[&corpus], "another seed, another corpus");
    }
}

#[test]
fn labels_cover_every_rule_at_rate_one_in_23() {
    let dir = tempfile::tempdir().unwrap();
    let mut cfg = config(dir.path(), 600, 1.0 / 23.0, 5, ReferenceFormat::Judilibre);
    cfg.stale = true;
    let s = generate(cfg).unwrap();
    assert_eq!(s.records, 600);
    let labels = read_labels(dir.path());
    let rules: BTreeSet<&str> = labels.iter().map(|l| l["rule"].as_str().unwrap()).collect();
    for r in RECORD_RULES.iter().chain(&["FRE003"]) {
        assert!(rules.contains(r), "no {r} planted: {rules:?}");
    }
    assert_eq!(rules.len(), 23);
    // About one record in 23 carries a breach, at most one each.
    let per_record = labels.iter().filter(|l| l["rule"] != "FRE003").count();
    assert!((24..=28).contains(&per_record), "{per_record}");
    let lines: BTreeSet<u64> = labels.iter().filter_map(|l| l["line"].as_u64()).collect();
    assert_eq!(lines.len(), per_record, "one planted rule per record");

    // Every line is a record but the IN001 ones; ids are unique but the IN002 ones.
    let corpus = std::fs::read(dir.path().join("corpus.jsonl")).unwrap();
    let mut ids = BTreeSet::new();
    let mut unreadable = BTreeSet::new();
    for (n, line) in corpus.split(|&c| c == b'\n').enumerate() {
        if line.is_empty() {
            continue;
        }
        match serde_json::from_slice::<serde_json::Value>(line) {
            Ok(v) if v["id"].is_string() => {
                ids.insert(v["id"].as_str().unwrap().to_string());
            }
            _ => {
                unreadable.insert(n as u64 + 1);
            }
        }
    }
    let in001: BTreeSet<u64> = labels
        .iter()
        .filter(|l| l["rule"] == "IN001")
        .map(|l| l["line"].as_u64().unwrap())
        .collect();
    assert_eq!(unreadable, in001);
    let in002 = labels.iter().filter(|l| l["rule"] == "IN002").count();
    assert_eq!(ids.len() + in001.len() + in002, 600);

    // Without --stale the corpus is fresh: no FRE003.
    let fresh = tempfile::tempdir().unwrap();
    generate(config(
        fresh.path(),
        100,
        0.1,
        5,
        ReferenceFormat::Judilibre,
    ))
    .unwrap();
    assert!(
        read_labels(fresh.path())
            .iter()
            .all(|l| l["rule"] != "FRE003")
    );
}

#[test]
fn a_size_stops_the_corpus() {
    let dir = tempfile::tempdir().unwrap();
    let mut cfg = config(dir.path(), u64::MAX, 0.1, 1, ReferenceFormat::Judilibre);
    cfg.size = Some(2 << 20);
    let s = generate(cfg).unwrap();
    let len = std::fs::metadata(dir.path().join("corpus.jsonl"))
        .unwrap()
        .len();
    assert_eq!(len, s.corpus_bytes);
    assert!((2 << 20..(2 << 20) + (200 << 10)).contains(&len), "{len}");
}

/// `(record id, or "line N" for IN001, or "" for FRE003; rule)`.
type Key = (String, String);

fn expected(dir: &Path) -> BTreeSet<Key> {
    read_labels(dir)
        .iter()
        .map(|l| {
            let rule = l["rule"].as_str().unwrap().to_string();
            let who = if rule == "IN001" {
                format!("line {}", l["line"])
            } else {
                l["record_id"].as_str().unwrap_or("").to_string()
            };
            (who, rule)
        })
        .collect()
}

/// The findings of an audit of the corpus of `dir` against its `reference` folder, with its
/// history, at the demo's audit time.
fn audited(dir: &Path) -> BTreeSet<Key> {
    let opts = AuditOptions {
        corpus: vec![dir.join("corpus.jsonl")],
        reference: vec![dir.join("reference")],
        history: vec![dir.join("history.json")],
        as_of: Some("2026-11-22T12:00:00Z".parse().unwrap()),
        ..Default::default()
    };
    let outcome = run_audit(&opts);
    outcome
        .report
        .findings
        .iter()
        .map(|f| {
            let rule = f.rule.code().to_string();
            let who = match &f.record {
                None => String::new(),
                Some(r) if rule == "IN001" => format!("line {}", r.line),
                Some(r) => r.id.clone().unwrap_or_default(),
            };
            (who, rule)
        })
        .collect()
}

/// Compares, and says rule by rule what the audit missed and what it found beyond the labels.
fn assert_same(expected: &BTreeSet<Key>, found: &BTreeSet<Key>) {
    let mut by_rule: BTreeMap<&str, (Vec<&str>, Vec<&str>)> = BTreeMap::new();
    for (who, rule) in expected.difference(found) {
        by_rule.entry(rule).or_default().0.push(who);
    }
    for (who, rule) in found.difference(expected) {
        by_rule.entry(rule).or_default().1.push(who);
    }
    let report: Vec<String> = by_rule
        .iter()
        .map(|(rule, (missed, extra))| {
            format!(
                "{rule}: missed {} {:?}, extra {} {:?}",
                missed.len(),
                &missed[..missed.len().min(5)],
                extra.len(),
                &extra[..extra.len().min(5)]
            )
        })
        .collect();
    assert!(
        report.is_empty(),
        "the audit disagrees with the planted labels:\n{}",
        report.join("\n")
    );
}

#[test]
fn an_audit_of_a_generated_judilibre_corpus_finds_exactly_the_labels() {
    let dir = tempfile::tempdir().unwrap();
    let mut cfg = config(dir.path(), 600, 1.0 / 23.0, 11, ReferenceFormat::Judilibre);
    cfg.stale = true;
    generate(cfg).unwrap();
    assert_same(&expected(dir.path()), &audited(dir.path()));
}

#[test]
fn an_audit_of_a_generated_dila_corpus_finds_exactly_the_labels() {
    let dir = tempfile::tempdir().unwrap();
    generate(config(dir.path(), 300, 0.1, 12, ReferenceFormat::Dila)).unwrap();
    assert_same(&expected(dir.path()), &audited(dir.path()));
}

#[test]
fn an_audit_of_the_demo_finds_exactly_its_labels() {
    let demo = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/demo");
    let found = audited(&demo);
    let want = expected(&demo);
    let rules: BTreeSet<&str> = want.iter().map(|(_, r)| r.as_str()).collect();
    assert_eq!(rules.len(), 23, "the demo shows every rule: {rules:?}");
    assert_same(&want, &found);
}
