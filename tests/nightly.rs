//! End-to-end runs of the binary as a nightly job runs it (`--report json -o report.json
//! --previous last-night.json --waivers waivers.json`): what a failed sync, a wrong path or a
//! hand-edited waivers file does to the report, the exit status and stderr.

use serde_json::{Value, json};
use std::path::{Path, PathBuf};
use std::process::Output;

mod support;
use support::binary::vigie_on;
use support::data::{cc_detail, cc_text};

/// A record of the decision of `cc_detail()` that credits no source: one ATT001 (temporary).
fn unattributed(id: &str) -> Value {
    json!({
        "id": id, "source_id": "5fca277de35a255d41ca73ab", "text": cc_text(),
        "jurisdiction": "cc", "formation": "comm", "seat": "Paris",
        "decision_date": "2020-11-18", "number": "19-19463",
        "updated_at": "2026-11-21"
    })
}

fn write(path: &Path, text: impl AsRef<[u8]>) -> PathBuf {
    std::fs::write(path, text).unwrap();
    path.to_path_buf()
}

/// A corpus of one record with one ATT001.
fn breach_corpus(dir: &Path) -> PathBuf {
    write(
        &dir.join("corpus.jsonl"),
        format!("{}\n", unattributed("a")),
    )
}

/// One night's run at `as_of`: `vigie CORPUS --reference REF --as-of AS_OF --quiet --report
/// json`, then `extra`.
fn night(corpus: &Path, as_of: &str, extra: &[&std::ffi::OsStr]) -> Output {
    vigie_on(corpus, cc_detail())
        .args(["--as-of", as_of, "--quiet", "--report", "json"])
        .args(extra)
        .output()
        .unwrap()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn json_of(path: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// The names in `dir`, sorted.
fn entries(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

/// `(rule, repeated, penalty)` of every finding of a JSON report.
fn findings(v: &Value) -> Vec<(String, bool, String)> {
    v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["rule"].as_str().unwrap().to_string(),
                f["repeated"].as_bool().unwrap(),
                f["penalty"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

/// A sync that leaves an empty corpus makes a run that reads no record (exit 2). Its report does
/// not replace last night's `-o report.json`, so the next night, given it as `--previous`, still
/// finds the breach repeated, hence permanent, and `--fail-on permanent` fails.
#[test]
fn a_night_that_reads_no_record_keeps_last_nights_report_and_the_escalation() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let corpus = breach_corpus(d);
    let report = d.join("report.json");
    let o: [&std::ffi::OsStr; 6] = [
        "--fail-on".as_ref(),
        "permanent".as_ref(),
        "--previous".as_ref(),
        report.as_os_str(),
        "-o".as_ref(),
        report.as_os_str(),
    ];
    // Night 1: no previous report yet; the breach is temporary.
    let out = night(
        &corpus,
        "2026-11-22T02:00:00Z",
        &["-o".as_ref(), report.as_os_str()],
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let night1 = std::fs::read(&report).unwrap();
    assert_eq!(
        findings(&json_of(&report)),
        [("ATT001".into(), false, "temporary".into())]
    );
    // Night 2: the sync wrote an empty file.
    let empty = write(&d.join("empty.jsonl"), "");
    let out = night(&empty, "2026-11-23T02:00:00Z", &o);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("no record of the corpus could be read"),
        "{err}"
    );
    assert!(
        err.contains(&format!(
            "No report was written: {} is left as it was",
            report.display()
        )),
        "{err}"
    );
    assert!(out.stdout.is_empty());
    assert_eq!(std::fs::read(&report).unwrap(), night1);
    assert_eq!(
        entries(d),
        ["corpus.jsonl", "empty.jsonl", "report.json"],
        "no temporary file left"
    );
    // Night 3: the breach is back, found again since night 1.
    let out = night(&corpus, "2026-11-24T02:00:00Z", &o);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let v = json_of(&report);
    assert_eq!(findings(&v), [("ATT001".into(), true, "permanent".into())]);
    assert_eq!(v["audit"]["previous"]["as_of"], "2026-11-22T02:00:00Z");
    assert_eq!(v["audit"]["previous"]["repeated_findings"], 1);
}

/// Without `--output`, the report of a run that reads no record still goes to standard output
/// (exit 2), `"conclusive": false`; given as `--previous`, such a report (JSON, JSON Lines, or
/// one written before `conclusive` existed) is refused, exit 2, before the audit: it holds none
/// of the corpus's breaches, and taking it would lose their escalation without a word.
#[test]
fn an_inconclusive_previous_report_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let corpus = breach_corpus(d);
    let empty = write(&d.join("empty.jsonl"), "");
    let inconclusive = |format: &str| {
        let out = vigie_on(&empty, cc_detail())
            .args(["--as-of", "2026-11-23T02:00:00Z", "--quiet", "--report"])
            .arg(format)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2));
        assert!(!stderr(&out).contains("No report was written"));
        out.stdout
    };
    let json = inconclusive("json");
    let v: Value = serde_json::from_slice(&json).unwrap();
    assert_eq!(v["summary"]["conclusive"], false);
    // A report of a version that wrote no `conclusive`: its audit read no record.
    let mut older = v.clone();
    older["summary"]
        .as_object_mut()
        .unwrap()
        .remove("conclusive");
    let previous = [
        write(&d.join("prev.json"), &json),
        write(&d.join("prev.jsonl"), inconclusive("jsonl")),
        write(&d.join("older.json"), older.to_string()),
    ];
    let out_path = d.join("report.json");
    for prev in &previous {
        let out = night(
            &corpus,
            "2026-11-24T02:00:00Z",
            &[
                "--previous".as_ref(),
                prev.as_os_str(),
                "-o".as_ref(),
                out_path.as_os_str(),
            ],
        );
        assert_eq!(out.status.code(), Some(2), "{}", prev.display());
        let err = stderr(&out);
        assert!(
            err.contains(&format!(
                "vigie: {}: the previous report is inconclusive",
                prev.display()
            )),
            "{err}"
        );
        assert!(err.contains("Give the last conclusive report"), "{err}");
        assert!(!out_path.exists());
    }
    // A conclusive report with no finding is fine.
    let clean = night(&corpus, "2026-11-22T02:00:00Z", &[]);
    let mut v: Value = serde_json::from_slice(&clean.stdout).unwrap();
    v["findings"] = json!([]);
    let prev = write(&d.join("clean.json"), v.to_string());
    let out = night(
        &corpus,
        "2026-11-24T02:00:00Z",
        &["--previous".as_ref(), prev.as_os_str()],
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
}

/// `--previous report.json --report json > report.json`: the shell empties the file before vigie
/// starts, so the report of the night before is gone. vigie says so, and how to write over it
/// (`--output`), rather than "EOF while parsing"; an empty file that is not standard output is
/// refused too (exit 2, before the audit). With `--output` on the same path, the nightly
/// pattern works: the previous is read first, then replaced.
#[test]
fn an_empty_previous_report_says_why() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let corpus = breach_corpus(d);
    let report = d.join("report.json");
    // The first night writes a conclusive report, with its one ATT001.
    let first = night(
        &corpus,
        "2026-11-22T02:00:00Z",
        &["-o".as_ref(), report.as_os_str()],
    );
    assert_eq!(first.status.code(), Some(1), "{}", stderr(&first));
    assert_eq!(json_of(&report)["summary"]["findings"], 1);
    // The second night redirects standard output onto it, as a shell's `>` does: emptied first.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_vigie"))
        .arg(&corpus)
        .arg("--reference")
        .arg(cc_detail())
        .args([
            "--as-of",
            "2026-11-23T02:00:00Z",
            "--quiet",
            "--report",
            "json",
        ])
        .arg("--previous")
        .arg(&report)
        .stdout(std::fs::File::create(&report).unwrap())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains(&format!(
            "{}: the previous report is empty: it is also this run's standard output",
            report.display()
        )),
        "{err}"
    );
    assert!(
        err.contains(&format!("--output {}", report.display())),
        "{err}"
    );
    // An empty file elsewhere: refused, with no word of standard output.
    let empty = write(&d.join("empty.json"), "");
    let out = night(
        &corpus,
        "2026-11-23T02:00:00Z",
        &["--previous".as_ref(), empty.as_os_str()],
    );
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("the previous report is empty (0 bytes)"),
        "{err}"
    );
    assert!(!err.contains("standard output"), "{err}");
    // With `--output` on the same path, the first night's breach is found again: repeated.
    let first = night(
        &corpus,
        "2026-11-22T02:00:00Z",
        &["-o".as_ref(), report.as_os_str()],
    );
    assert_eq!(first.status.code(), Some(1));
    let second = night(
        &corpus,
        "2026-11-23T02:00:00Z",
        &[
            "--previous".as_ref(),
            report.as_os_str(),
            "-o".as_ref(),
            report.as_os_str(),
        ],
    );
    assert_eq!(second.status.code(), Some(1), "{}", stderr(&second));
    let v = json_of(&report);
    assert_eq!(v["findings"][0]["rule"], "ATT001");
    assert_eq!(v["findings"][0]["repeated"], true);
    assert_eq!(v["findings"][0]["penalty"], "permanent");
}

/// A court checks a reuser again after a formal notice: of the two breaches of the first audit
/// (a wrong number, no source credited), the reuser corrected the credit. The report, the text
/// summary and the notice say what was put right beside what was found again; once both are
/// corrected, the letter of compliance says that the earlier breaches are no longer found.
#[test]
fn the_breaches_of_the_previous_report_no_longer_found_are_counted() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let mut wrong_number = unattributed("a");
    wrong_number["number"] = json!("19-19999");
    let first = write(&d.join("first.jsonl"), format!("{wrong_number}\n"));
    let mut credited = wrong_number.clone();
    credited["attribution"] = json!("Cour de cassation, Judilibre");
    let second = write(&d.join("second.jsonl"), format!("{credited}\n"));
    let mut right = credited.clone();
    right["number"] = json!("19-19463");
    let third = write(&d.join("third.jsonl"), format!("{right}\n"));
    let report = d.join("first.json");
    let out = night(
        &first,
        "2026-11-22T02:00:00Z",
        &["-o".as_ref(), report.as_os_str()],
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let rules: Vec<Value> = json_of(&report)["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].clone())
        .collect();
    assert_eq!(rules, [json!("INT006"), json!("ATT001")]);
    let prev = ["--previous".as_ref(), report.as_os_str()];

    let out = night(&second, "2026-11-23T02:00:00Z", &prev);
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        v["audit"]["previous"],
        json!({"path": report.display().to_string(), "as_of": "2026-11-22T02:00:00Z",
               "repeated_findings": 1, "breaches": 2, "breaches_no_longer_found": 1})
    );
    let text = vigie_on(&second, cc_detail())
        .args(["--as-of", "2026-11-23T02:00:00Z", "--quiet", "--previous"])
        .arg(&report)
        .output()
        .unwrap();
    let text = String::from_utf8(text.stdout).unwrap();
    assert!(
        text.contains("settled: 1 of the previous report's 2 breaches no longer found"),
        "{text}"
    );
    let notice = |corpus: &Path| {
        let out = vigie_on(corpus, cc_detail())
            .args([
                "--as-of",
                "2026-11-23T02:00:00Z",
                "--quiet",
                "--report",
                "notice",
            ])
            .args(prev)
            .output()
            .unwrap();
        String::from_utf8(out.stdout).unwrap()
    };
    let letter = notice(&second);
    assert!(
        letter.contains(
            "Ce manquement avait déjà été relevé lors de l'audit arrêté au 22 novembre 2026"
        ),
        "{letter}"
    );
    assert!(
        letter.contains(
            "\n\nSur les 2 manquements relevés lors de l'audit arrêté au 22 novembre 2026, un \
             n'est plus constaté.\n\n"
        ),
        "{letter}"
    );
    let letter = notice(&third);
    assert!(
        letter.contains(
            "Il n'a relevé aucun manquement aux conditions générales d'utilisation susceptible \
             de justifier une interruption de la mise à disposition des données. Les 2 \
             manquements relevés lors de l'audit arrêté au 22 novembre 2026 ne sont plus \
             constatés.\n\n"
        ),
        "{letter}"
    );
}

/// A `--previous` made after this audit's time is no earlier report: said on stderr (the files
/// of two nights swapped, or a wrong `--as-of`); one made before is taken without a word.
#[test]
fn a_previous_report_dated_after_the_audit_is_warned_about() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let corpus = breach_corpus(d);
    let later = d.join("later.json");
    let out = night(
        &corpus,
        "2026-11-25T02:00:00Z",
        &["-o".as_ref(), later.as_os_str()],
    );
    assert_eq!(out.status.code(), Some(1));
    let out = night(
        &corpus,
        "2026-11-22T02:00:00Z",
        &["--previous".as_ref(), later.as_os_str()],
    );
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains(&format!(
            "vigie: warning: the previous report {} is of an audit made at \
             2026-11-25T02:00:00Z, after this audit's time (2026-11-22T02:00:00Z)",
            later.display()
        )),
        "{err}"
    );
    let out = night(
        &corpus,
        "2026-11-26T02:00:00Z",
        &["--previous".as_ref(), later.as_os_str()],
    );
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(stderr(&out), "");
}

/// In a headless run the waivers file is only read: a path that does not exist (a typo, a share
/// not mounted) is exit 2 before the audit, as a missing `--previous` is, rather than every
/// waiver dropped from the exports without a word. An empty file holds no waiver.
#[test]
fn a_missing_waivers_file_is_refused_in_a_headless_run() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let corpus = breach_corpus(d);
    let out_path = d.join("report.json");
    let missing = d.join("waiver.json");
    // No --reference: had the audit run, stderr would say that no record could be matched.
    let out = support::binary::vigie()
        .arg(&corpus)
        .args(["--quiet", "--report", "json", "--waivers"])
        .arg(&missing)
        .arg("-o")
        .arg(&out_path)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.starts_with(&format!("vigie: {}: no such file", missing.display())),
        "{err}"
    );
    assert!(!err.contains("no --reference given"), "{err}");
    assert!(!out_path.exists());
    assert!(!missing.exists());
    // An empty waivers file (none made yet) is read, and named in the report.
    let empty = write(&d.join("waivers.json"), "");
    let out = night(
        &corpus,
        "2026-11-22T12:00:00Z",
        &["--waivers".as_ref(), empty.as_os_str()],
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert_eq!(stderr(&out), "");
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["audit"]["waivers"], empty.display().to_string());
    assert!(v["findings"][0]["waiver"].is_null());
}

/// A waivers file that is not one is exit 2, with the file, line and column (from 1, columns
/// counting characters), before the audit: JSON that is no object, a file cut short, invalid
/// UTF-8 (placed at its first bad byte), an entry whose status vigie does not know.
#[test]
fn waivers_file_errors_name_file_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let corpus = breach_corpus(d);
    let cases: [(&str, &[u8], &str); 5] = [
        ("w1.json", b"[]\n", "w1.json:1:1: not a waivers file"),
        (
            "w2.json",
            b"{\"abc\": {\"status\": \"accepted\",\n",
            "w2.json:2:1: not a waivers file (a JSON object of fingerprint \u{2192} \
             {\"status\", \"note\", \"at\"}): EOF while parsing a value",
        ),
        (
            "w3.json",
            b"{\"abc\": {\"status\": \"accepted\", \"note\": \"caf\xe9\"}}\n",
            "w3.json:1:44: not a waivers file (a JSON object of fingerprint \u{2192} \
             {\"status\", \"note\", \"at\"}): invalid UTF-8",
        ),
        (
            "w4.json",
            "{\"é\": {\"status\": \"accepted\"}, \"9f2c41d07a3b5e11\": {\"status\": \"maybe\"}}"
                .as_bytes(),
            "w4.json:1:31: not a waivers file (a JSON object of fingerprint \u{2192} \
             {\"status\", \"note\", \"at\"}): entry 9f2c41d07a3b5e11: unknown variant `maybe`, \
             expected `reviewed` or `accepted`",
        ),
        (
            "w5.json",
            "{\"é\": {\"status\": \"accepted\"}, \"x\": 3}".as_bytes(),
            "w5.json:1:36: not a waivers file (a JSON object of fingerprint \u{2192} \
             {\"status\", \"note\", \"at\"}): invalid type: integer `3`, expected a map",
        ),
    ];
    for (name, text, want) in cases {
        let w = write(&d.join(name), text);
        let out = support::binary::vigie()
            .arg(&corpus)
            .args(["--quiet", "--report", "json", "--waivers"])
            .arg(&w)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{name}");
        let err = stderr(&out);
        assert!(
            err.starts_with(&format!("vigie: {}", d.join(want).display())),
            "{name}: {err}"
        );
        assert!(!err.contains("column 0"), "{err}");
        assert!(!err.contains("no --reference given"), "{err}");
    }
}

/// What a hand edit gets wrong though the file reads is said on stderr, with the file, line
/// and column, and the run goes on: a key that is no fingerprint, a fingerprint given twice
/// (the last entry is used), a field vigie does not read (`expires`: a waiver does not lapse),
/// each field said once however many entries have it.
#[test]
fn a_hand_edited_waivers_file_is_warned_about() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let corpus = breach_corpus(d);
    let first = night(&corpus, "2026-11-22T12:00:00Z", &[]);
    let v: Value = serde_json::from_slice(&first.stdout).unwrap();
    let fp = v["findings"][0]["fingerprint"]
        .as_str()
        .unwrap()
        .to_string();
    let waivers = write(
        &d.join("waivers.json"),
        format!(
            "{{\"{fp}\": {{\"status\": \"accepted\", \"note\": \"until the end of the month\", \
             \"expires\": \"2026-11-15\"}},\n \"{fp}\": {{\"status\": \"reviewed\", \"note\": \
             \"second\", \"expires\": \"2026-11-30\", \"by\": \"alice\"}},\n \
             \"not-a-fingerprint\": {{\"status\": \"accepted\"}}}}\n"
        ),
    );
    let out = night(
        &corpus,
        "2026-11-22T12:00:00Z",
        &["--waivers".as_ref(), waivers.as_os_str()],
    );
    assert_eq!(out.status.code(), Some(1));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["findings"][0]["waiver"]["status"], "reviewed");
    assert_eq!(v["findings"][0]["waiver"]["note"], "second");
    let w = waivers.display();
    let text = std::fs::read_to_string(&waivers).unwrap();
    // Where the `n`th (from 0) occurrence of `s` stands: `FILE:LINE:COLUMN`.
    let at = |s: &str, n: usize| {
        let offset = text.match_indices(s).nth(n).unwrap().0;
        let line = text[..offset].matches('\n').count() + 1;
        let col = offset - text[..offset].rfind('\n').map_or(0, |i| i + 1) + 1;
        format!("{w}:{line}:{col}")
    };
    let key = format!("\"{fp}\"");
    let err = stderr(&out);
    let want = [
        format!(
            "vigie: warning: {}: the fingerprint `{fp}` is given again (first at {}): only \
             this last entry is used\n",
            at(&key, 1),
            at(&key, 0)
        ),
        format!(
            "vigie: warning: {}: `not-a-fingerprint` is not a fingerprint (16 hexadecimal \
             digits in lower case, as the reports give them): its waiver matches no finding\n",
            at("\"not-a-fingerprint\"", 0)
        ),
        format!(
            "vigie: warning: {}: the field `expires` (in 2 entries) is not one vigie reads \
             (status, note, at): it is kept in the file but changes nothing (a waiver has no \
             expiry: it holds until it is removed)\n",
            at("\"expires\"", 0)
        ),
        format!(
            "vigie: warning: {}: the field `by` is not one vigie reads",
            at("\"by\"", 0)
        ),
    ];
    assert_eq!(at(&key, 1), format!("{w}:2:2"));
    for want in &want {
        assert!(err.contains(want.as_str()), "{want}\n---\n{err}");
    }
    assert_eq!(err.lines().count(), 4, "{err}");
    // A file as the terminal UI writes it draws no warning.
    let clean = write(
        &d.join("clean.json"),
        serde_json::to_string_pretty(&json!({
            fp.as_str(): {"status": "accepted", "note": "vu", "at": "2026-11-22T13:00:00Z"}
        }))
        .unwrap(),
    );
    let out = night(
        &corpus,
        "2026-11-22T12:00:00Z",
        &["--waivers".as_ref(), clean.as_os_str()],
    );
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(stderr(&out), "");
}

/// An `--output` in a folder that does not exist is refused before the audit (exit 2), as a
/// read-only file or a name that tells no format are, and the message names the folder, not
/// the temporary file the report would have been written to first.
#[test]
fn an_output_in_a_missing_folder_is_refused_before_the_audit() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let corpus = breach_corpus(d);
    let out_path = d.join("missing/report.json");
    // No --reference: had the audit run, stderr would say that no record could be matched.
    for report in [&["--report", "json"][..], &[]] {
        let out = support::binary::vigie()
            .arg(&corpus)
            .arg("--quiet")
            .args(report)
            .arg("-o")
            .arg(&out_path)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2));
        let err = stderr(&out);
        assert_eq!(
            err,
            format!(
                "vigie: {}: cannot be written: the folder {} does not exist (create it first)\n",
                out_path.display(),
                d.join("missing").display()
            )
        );
        assert!(!d.join("missing").exists());
    }
    // A file where the folder should be.
    let out_path = d.join("corpus.jsonl/report.json");
    let out = support::binary::vigie()
        .arg(&corpus)
        .args(["--quiet", "--report", "json", "-o"])
        .arg(&out_path)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains(&format!("{} is not a folder", corpus.display())),
        "{}",
        stderr(&out)
    );
}
