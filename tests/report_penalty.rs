//! Penalty classification: `--policy` overrides and `--previous` repetition.

use std::io::Write;
use vigie::model::{Evidence, Finding, RecordRef};
use vigie::penalty::{Policy, Previous};
use vigie::report::{self, AuditInfo, Format, Report, Summary, WriteOptions};
use vigie::rules::{Penalty, Rule, Severity};

mod support;
use support::audit::run_audit;

fn rec(id: &str, source_id: Option<&str>, line: u64) -> Option<std::sync::Arc<RecordRef>> {
    Some(std::sync::Arc::new(RecordRef {
        id: Some(id.into()),
        id_as_written: false,
        source_id_as_written: false,
        source_id: source_id.map(str::to_string),
        url: None,
        file_index: 0,
        line,
        column: 1,
        offset: 0,
        file_key: 0,
        producer: None,
        compared_with: None,
        digest: 0,
    }))
}

fn findings() -> Vec<Finding> {
    vec![
        Finding::new(Rule::FRE003, None, "sync overdue"),
        Finding::new(
            Rule::MSK002,
            rec("r-1", Some("ABC123"), 1),
            "occultation added",
        )
        .with_evidence(Evidence {
            field: "text".into(),
            span: Some((10, 13)),
            ..Evidence::default()
        }),
        Finding::new(Rule::ATT001, rec("r-2", Some("DEF456"), 2), "no source"),
        Finding::new(Rule::INT007, rec("r-3", Some("nope"), 3), "unverifiable"),
    ]
}

fn json_report(findings: Vec<Finding>) -> String {
    write_report(findings, Format::Json)
}

fn write_report(findings: Vec<Finding>, format: Format) -> String {
    let report = Report {
        audit: AuditInfo {
            as_of: "2026-11-21T12:00:00Z".into(),
            ..AuditInfo::default()
        },
        summary: Summary::of(&findings),
        findings,
        files: vec!["corpus.jsonl".into()],
        waivers: Default::default(),
    };
    let mut out = Vec::new();
    report::write(&report, format, &WriteOptions::default(), &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

#[test]
fn policy_overrides_severity_and_penalty() {
    let policy = Policy::parse(
        "# stricter on masking\n[rules.MSK002]\npenalty = \"permanent\"\nseverity = \"high\"\n\n[rules.att001]\nseverity = \"low\"\n",
        "policy.toml",
    )
    .unwrap();
    let mut f = findings();
    let overrides = policy.apply(&mut f);
    assert_eq!(f[1].penalty, Penalty::Permanent);
    assert_eq!(f[1].severity, Severity::High);
    assert_eq!(f[2].severity, Severity::Low);
    assert_eq!(f[2].penalty, Penalty::Temporary);
    assert_eq!(f[0].severity, Severity::Low);
    let shown: Vec<String> = overrides
        .iter()
        .map(|o| format!("{} {} {}→{}", o.rule, o.field, o.from, o.to))
        .collect();
    assert_eq!(
        shown,
        [
            "ATT001 severity medium→low",
            "MSK002 severity medium→high",
            "MSK002 penalty temporary→permanent",
        ]
    );
}

#[test]
fn policy_errors_carry_line_and_column() {
    let err = |text: &str| Policy::parse(text, "policy.toml").unwrap_err().to_string();
    // Unknown rule: the key `MSK999` starts at line 2, column 8.
    let e = err("# policy\n[rules.MSK999]\npenalty = \"none\"\n");
    assert!(
        e.starts_with("policy.toml:2:8: unknown rule `MSK999`"),
        "{e}"
    );
    // Unknown value: the string starts at line 3, column 11.
    let e = err("[rules.MSK002]\nseverity = \"high\"\npenalty = \"forever\"\n");
    assert!(
        e.starts_with("policy.toml:3:11: unknown penalty `forever`"),
        "{e}"
    );
    let e = err("[rules.MSK002]\nseverity = \"huge\"\n");
    assert!(
        e.starts_with("policy.toml:2:12: unknown severity `huge`"),
        "{e}"
    );
    // Unknown field, reported by toml with its span.
    let e = err("[rules.MSK002]\npenalty = \"none\"\nweight = 3\n");
    assert!(e.starts_with("policy.toml:3:1: "), "{e}");
    assert!(e.contains("weight"), "{e}");
    // Unknown table.
    let e = err("[rule.MSK002]\npenalty = \"none\"\n");
    assert!(e.starts_with("policy.toml:1:2: "), "{e}");
    // Wrong type.
    let e = err("[rules.MSK002]\npenalty = 3\n");
    assert!(e.starts_with("policy.toml:2:11: "), "{e}");
    // Bad TOML.
    let e = err("[rules.MSK002\n");
    assert!(e.starts_with("policy.toml:1:"), "{e}");
}

#[test]
fn policy_load_names_a_missing_file() {
    let e = Policy::load(std::path::Path::new("/nonexistent/policy.toml")).unwrap_err();
    assert!(format!("{e:#}").contains("/nonexistent/policy.toml"));
}

#[test]
fn previous_marks_repeated_findings() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("previous.json");
    std::fs::write(&path, json_report(findings())).unwrap();
    let previous = Previous::load(&path).unwrap();
    assert_eq!(previous.len(), 4);

    let mut now = vec![
        // Same fingerprint as before (corpus level).
        Finding::new(Rule::FRE003, None, "sync overdue"),
        // Same rule on the same source id (spelled differently), another span and record id.
        Finding::new(
            Rule::MSK002,
            rec("r-9", Some("  abc123 "), 9),
            "occultation added",
        )
        .with_evidence(Evidence {
            field: "text".into(),
            span: Some((40, 43)),
            ..Evidence::default()
        }),
        // Another rule on a source id seen before: new.
        Finding::new(Rule::INT001, rec("r-2", Some("DEF456"), 2), "text modified"),
        // Repeated, but no penalty: stays `none`.
        Finding::new(Rule::INT007, rec("r-3", Some("nope"), 3), "unverifiable"),
        // New record.
        Finding::new(Rule::ATT001, rec("r-4", Some("GHI789"), 4), "no source"),
    ];
    previous.mark(&mut now);
    let got: Vec<(bool, Penalty)> = now.iter().map(|f| (f.repeated, f.penalty)).collect();
    assert_eq!(
        got,
        [
            (true, Penalty::Permanent),
            (true, Penalty::Permanent),
            (false, Penalty::Temporary),
            (true, Penalty::None),
            (false, Penalty::Temporary),
        ]
    );
}

/// Of the earlier report's breaches (findings with a penalty, each fingerprint once), those no
/// finding of this audit repeats are no longer found: what a court reads as put right.
#[test]
fn previous_counts_the_breaches_no_longer_found() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("previous.json");
    // FRE003, MSK002 on ABC123, ATT001 on DEF456 (breaches), INT007 (no penalty), and the
    // ATT001 twice: one breach of that fingerprint.
    let mut before = findings();
    before.push(before[2].clone());
    std::fs::write(&path, json_report(before)).unwrap();
    let previous = Previous::load(&path).unwrap();
    let now = vec![
        // FRE003 by its fingerprint, MSK002 by its rule on its source id: found again.
        Finding::new(Rule::FRE003, None, "sync overdue"),
        Finding::new(
            Rule::MSK002,
            rec("r-9", Some("ABC123"), 9),
            "occultation added",
        ),
        // ATT001 on DEF456 is gone: another rule on that source, the same rule on another.
        Finding::new(Rule::INT001, rec("r-2", Some("DEF456"), 2), "text modified"),
        Finding::new(Rule::ATT001, rec("r-4", Some("GHI789"), 4), "no source"),
    ];
    let s = previous.settled(&now);
    assert_eq!((s.breaches, s.no_longer_found), (3, 1));
    // Nothing found now: all three are no longer found; the INT007 (no penalty) never counts.
    let s = previous.settled(&[]);
    assert_eq!((s.breaches, s.no_longer_found), (3, 3));
    // Everything found again.
    let s = previous.settled(&findings());
    assert_eq!((s.breaches, s.no_longer_found), (3, 0));
}

#[test]
fn repetition_escalates_after_the_policy() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("previous.json");
    std::fs::write(&path, json_report(findings())).unwrap();
    let previous = Previous::load(&path).unwrap();
    // The policy lowers ATT001 to `temporary`… it already is; lower MSK002's penalty to `none`
    // and raise nothing: the repeated MSK002 stays `none`, the repeated ATT001 becomes permanent.
    let policy = Policy::parse(
        "[rules.MSK002]\npenalty = \"none\"\n[rules.ATT001]\npenalty = \"temporary\"\n",
        "p.toml",
    )
    .unwrap();
    let mut now = findings();
    let overrides = vigie::penalty::classify(&mut now, Some(&policy), Some(&previous));
    assert_eq!(overrides.len(), 2);
    assert_eq!(now[1].rule, Rule::MSK002);
    assert_eq!((now[1].repeated, now[1].penalty), (true, Penalty::None));
    assert_eq!(now[2].rule, Rule::ATT001);
    assert_eq!(
        (now[2].repeated, now[2].penalty),
        (true, Penalty::Permanent)
    );
}

#[test]
fn previous_errors_name_file_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.json");
    let mut f = std::fs::File::create(&path).unwrap();
    f.write_all(b"{\n  \"vigie_report\": 1,\n  \"findings\": [\n    {\"fingerprint\": }\n")
        .unwrap();
    drop(f);
    let e = Previous::load(&path).unwrap_err().to_string();
    let want = format!(
        "{}:4:21: not a vigie JSON report: expected value",
        path.display()
    );
    assert_eq!(e, want);

    let e = Previous::load(&dir.path().join("missing.json")).unwrap_err();
    assert!(format!("{e:#}").contains("missing.json"));

    // Valid JSON that is not a report.
    std::fs::write(&path, "[1, 2]").unwrap();
    assert!(Previous::load(&path).is_err());

    // A file that never ends, or a JSON Lines line that does not, is an error, not an abort
    // for want of memory.
    #[cfg(unix)]
    assert_eq!(
        Previous::load(std::path::Path::new("/dev/zero"))
            .unwrap_err()
            .to_string(),
        "/dev/zero:1:1: not a vigie JSON report: expected value"
    );
    let long = dir.path().join("long.jsonl");
    let mut f = std::fs::File::create(&long).unwrap();
    f.write_all(b"{\"fingerprint\":\"").unwrap();
    f.write_all(&vec![b'a'; 65 << 20]).unwrap();
    drop(f);
    assert_eq!(
        Previous::load(&long).unwrap_err().to_string(),
        format!(
            "{}:1: a line of more than 64 MiB: not a vigie JSON Lines report",
            long.display()
        )
    );
    // A line of 64 MiB exactly, its line break after: read (and found not to be a finding).
    let mut f = std::fs::File::create(&long).unwrap();
    f.write_all(b"{\"fingerprint\":\"").unwrap();
    f.write_all(&vec![b'a'; (64 << 20) - 18]).unwrap();
    f.write_all(b"\"}\n").unwrap();
    drop(f);
    assert_eq!(std::fs::metadata(&long).unwrap().len(), (64 << 20) + 1);
    let e = Previous::load(&long).unwrap_err().to_string();
    assert!(e.contains(":1:") && e.contains("missing field"), "{e}");
    // A line that is not UTF-8: its line and byte.
    std::fs::write(&long, b"{\"summary\":{}}\n{\"fingerprint\":\"\xff\"}\n").unwrap();
    assert_eq!(
        Previous::load(&long).unwrap_err().to_string(),
        format!(
            "{}:2: not UTF-8 (byte 17): not a vigie JSON Lines report",
            long.display()
        )
    );
}

#[test]
fn previous_reads_a_json_lines_report_too() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("previous.jsonl");
    std::fs::write(&path, write_report(findings(), Format::Jsonl)).unwrap();
    let previous = Previous::load(&path).unwrap();
    assert_eq!(previous.len(), 4);
    let mut now = findings();
    previous.mark(&mut now);
    assert!(now.iter().all(|f| f.repeated));

    // A JSON Lines report without findings is only its summary line.
    std::fs::write(&path, write_report(vec![], Format::Jsonl)).unwrap();
    assert!(Previous::load(&path).unwrap().is_empty());

    // A bad line is reported with its number.
    let mut text = write_report(findings(), Format::Jsonl);
    text.insert_str(text.find('\n').unwrap() + 1, "{\"fingerprint\": 3}\n");
    std::fs::write(&path, text).unwrap();
    let e = Previous::load(&path).unwrap_err().to_string();
    assert!(e.starts_with(&format!("{}:2:", path.display())), "{e}");
}

#[test]
fn previous_reads_a_compact_json_report() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("previous.json");
    let v: serde_json::Value = serde_json::from_str(&json_report(findings())).unwrap();
    std::fs::write(&path, serde_json::to_string(&v).unwrap()).unwrap();
    assert_eq!(Previous::load(&path).unwrap().len(), 4);
}

// Reports carry the producer of each record's reference decision (`record.producer`) since it
// decides the basis cited; `--previous` reads them, and the reports written before, alike.
#[test]
fn previous_reads_reports_with_and_without_the_record_producer() {
    use vigie::model::Producer;
    let with_producers = || -> Vec<Finding> {
        let mut v = findings();
        for (f, p) in v[1..].iter_mut().zip([
            Some(Producer::Legifrance),
            Some(Producer::ConseilEtat),
            None,
        ]) {
            let r = f.record.as_mut().unwrap();
            std::sync::Arc::make_mut(r).producer = p;
        }
        v
    };
    // `record.producer`, its last key.
    let field = regex::Regex::new(r#",\s*"producer":\s*(null|"[a-z_]+")"#).unwrap();
    let dir = tempfile::tempdir().unwrap();
    for format in [Format::Json, Format::Jsonl] {
        let text = write_report(with_producers(), format);
        // Written as `audit.producers` names them; null for the unmatched record.
        assert!(text.contains("\"producer\":"), "{text}");
        assert!(text.contains("\"legifrance\""), "{text}");
        assert!(text.contains("\"conseil_etat\""), "{text}");
        // The same report as an earlier vigie wrote it: no `producer` in `record`, the rest
        // byte for byte.
        assert_eq!(field.find_iter(&text).count(), 3, "{text}");
        let older = field.replace_all(&text, "").into_owned();
        assert!(!older.contains("\"producer\""), "{older}");
        for text in [text, older] {
            let path = dir.path().join("previous");
            std::fs::write(&path, &text).unwrap();
            let previous = Previous::load(&path).unwrap();
            assert_eq!(previous.len(), 4);
            let mut now = with_producers();
            previous.mark(&mut now);
            assert!(now.iter().all(|f| f.repeated), "{format:?}");
            // The fingerprint does not depend on the producer.
            let mut bare = findings();
            previous.mark(&mut bare);
            assert!(bare.iter().all(|f| f.repeated), "{format:?}");
        }
    }
}

/// Audits, at `as_of`, one record of the Judilibre decision tests/data/judilibre/cc_detail.json
/// (19-19.463) that shows nothing but its ids, and another that matches no decision.
fn audit_twice_corpus(
    dir: &std::path::Path,
    as_of: &str,
    previous: Option<Previous>,
) -> vigie::report::Report {
    let corpus = dir.join("corpus.jsonl");
    std::fs::write(
        &corpus,
        "{\"id\": \"r0\", \"source_id\": \"5fca277de35a255d41ca73ab\"}\n\
         {\"id\": \"r1\", \"source_id\": \"no-such-decision\"}\n",
    )
    .unwrap();
    let opts = vigie::audit::AuditOptions {
        corpus: vec![corpus],
        reference: vec![
            std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("tests/data/judilibre/cc_detail.json"),
        ],
        as_of: Some(as_of.parse().unwrap()),
        previous,
        ..Default::default()
    };
    run_audit(&opts).report
}

// The report records which earlier report the findings were compared with, its audit time and
// how many findings were found again (SPEC §3: `repeated`).
#[test]
fn the_report_records_the_previous_report() {
    let dir = tempfile::tempdir().unwrap();
    let first = audit_twice_corpus(dir.path(), "2026-11-01T09:00:00Z", None);
    assert!(first.audit.previous.is_none());
    let text = {
        let mut out = Vec::new();
        report::write(&first, Format::Json, &WriteOptions::default(), &mut out).unwrap();
        String::from_utf8(out).unwrap()
    };
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert!(v["audit"]["previous"].is_null());
    // r0: INT005 (jurisdiction, formation, seat, decision date), ATT001, FRE001; r1 the same
    // and INT007.
    let rules: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap())
        .collect();
    assert_eq!(
        rules,
        [
            "INT005", "ATT001", "FRE001", "INT005", "INT007", "ATT001", "FRE001"
        ]
    );
    let path = dir.path().join("first.json");
    std::fs::write(&path, &text).unwrap();

    let previous = Previous::load(&path).unwrap();
    assert_eq!(previous.as_of.as_deref(), Some("2026-11-01T09:00:00Z"));
    assert_eq!(
        previous.path.as_deref(),
        Some(path.display().to_string().as_str())
    );
    let second = audit_twice_corpus(dir.path(), "2026-11-22T12:00:00Z", Some(previous));
    // All seven found again: six breaches, now permanent, and INT007, still without penalty.
    let p = second.audit.previous.as_ref().unwrap();
    assert_eq!(p.repeated, 7);
    let mut out = Vec::new();
    report::write(&second, Format::Json, &WriteOptions::default(), &mut out).unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(
        v["audit"]["previous"],
        serde_json::json!({"path": path.display().to_string(),
                           "as_of": "2026-11-01T09:00:00Z", "repeated_findings": 7,
                           "breaches": 6, "breaches_no_longer_found": 0})
    );
    assert_eq!(
        v["summary"]["by_penalty"],
        serde_json::json!({"permanent": 6, "temporary": 0, "none": 1})
    );
    // JSON Lines: the same, on its last line.
    let mut out = Vec::new();
    report::write(&second, Format::Jsonl, &WriteOptions::default(), &mut out).unwrap();
    let last: serde_json::Value =
        serde_json::from_str(String::from_utf8(out).unwrap().lines().last().unwrap()).unwrap();
    assert_eq!(last["audit"]["previous"]["repeated_findings"], 7);

    // An earlier JSON Lines report is dated by its last line.
    let mut out = Vec::new();
    report::write(&first, Format::Jsonl, &WriteOptions::default(), &mut out).unwrap();
    let jsonl = dir.path().join("first.jsonl");
    std::fs::write(&jsonl, &out).unwrap();
    let previous = Previous::load(&jsonl).unwrap();
    assert_eq!(previous.as_of.as_deref(), Some("2026-11-01T09:00:00Z"));
    // A report whose `as_of` is not a time is still used, undated.
    let bad = text.replace("\"as_of\": \"2026-11-01T09:00:00Z\"", "\"as_of\": \"hier\"");
    assert_ne!(bad, text);
    std::fs::write(&path, &bad).unwrap();
    let previous = Previous::load(&path).unwrap();
    assert_eq!((previous.len(), previous.as_of), (7, None));
}

// The notice dates a repeated breach by the earlier audit (CC XII: « réitéré … après mise en
// demeure restée infructueuse »), and does not call an observation found again a breach.
#[test]
fn the_notice_dates_repeated_breaches_by_the_previous_audit() {
    let dir = tempfile::tempdir().unwrap();
    let first = audit_twice_corpus(dir.path(), "2026-11-01T09:00:00Z", None);
    let path = dir.path().join("first.json");
    let mut out = Vec::new();
    report::write(&first, Format::Json, &WriteOptions::default(), &mut out).unwrap();
    std::fs::write(&path, &out).unwrap();
    let second = audit_twice_corpus(
        dir.path(),
        "2026-11-22T12:00:00Z",
        Some(Previous::load(&path).unwrap()),
    );
    let mut out = Vec::new();
    report::write(&second, Format::Notice, &WriteOptions::default(), &mut out).unwrap();
    let text = String::from_utf8(out).unwrap().replace('\u{202f}', " ");
    // Six breaches found again (INT005, ATT001, FRE001 on r0 and on r1), INT007 an observation.
    assert!(
        text.contains(
            "Six de ces manquements avaient déjà été relevés lors de l'audit arrêté au 1er novembre \
             2026 [préciser, le cas échéant, la date de la mise en demeure alors adressée]."
        ),
        "{text}"
    );
    let tag = " (manquement réitéré : déjà relevé lors de l'audit arrêté au 1er novembre 2026)";
    assert_eq!(text.matches(tag).count(), 6, "{text}");
    let observations = &text[text.find("Observations sans sanction").unwrap()..];
    let observations = &observations[..observations.find("\n## ").unwrap()];
    assert!(observations.contains("« r1 »"), "{observations}");
    assert!(!observations.contains("réitéré"), "{observations}");

    // An earlier report that gives no valid date: « lors d'un audit précédent ».
    let mut undated = second.clone();
    undated.audit.previous.as_mut().unwrap().as_of = None;
    let mut out = Vec::new();
    report::write(&undated, Format::Notice, &WriteOptions::default(), &mut out).unwrap();
    let text = String::from_utf8(out).unwrap().replace('\u{202f}', " ");
    assert!(
        text.contains("Six de ces manquements avaient déjà été relevés lors d'un audit précédent")
    );
    assert_eq!(
        text.matches(" (manquement réitéré : déjà relevé lors d'un audit précédent)")
            .count(),
        6
    );
}
