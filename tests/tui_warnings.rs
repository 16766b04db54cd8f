//! The warnings a headless run says on standard error are the UI's too (`vigie::tui::warnings`):
//! the same words, for the same audit, on the real Judilibre decision of tests/data.

use assert_cmd::Command;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;
use vigie::audit::{self, AuditOptions};
use vigie::tui::warnings;

mod support;
use support::data::cc_detail;

/// A corpus folder of one record of the Judilibre decision and a file it does not read, and a
/// history that deletes the decision after the audit time.
fn inputs(dir: &Path) -> (PathBuf, PathBuf, PathBuf) {
    let v: serde_json::Value =
        serde_json::from_slice(&std::fs::read(cc_detail()).unwrap()).unwrap();
    let folder = dir.join("export");
    std::fs::create_dir(&folder).unwrap();
    let record = serde_json::json!({
        "id": "r-1", "source_id": "5fca277de35a255d41ca73ab", "text": v["text"],
        "jurisdiction": "cc", "formation": "comm", "seat": "Paris",
        "decision_date": "2020-11-18", "number": "19-19463",
        "attribution": "Judilibre", "updated_at": "2026-11-21"
    });
    let file = folder.join("corpus.jsonl");
    std::fs::write(&file, format!("{record}\n")).unwrap();
    std::fs::write(folder.join("notes.txt"), "not records\n").unwrap();
    let history = dir.join("history.json");
    std::fs::write(
        &history,
        r#"{"transactions":[
{"id":"5fca277de35a255d41ca73ab","action":"created","date":"2020-11-20T10:00:00Z"},
{"id":"5fca277de35a255d41ca73ab","action":"deleted","date":"2027-01-01T00:00:00Z"}
]}"#,
    )
    .unwrap();
    (folder, file, history)
}

#[test]
fn the_ui_has_the_warnings_a_headless_run_says() {
    let dir = tempfile::tempdir().unwrap();
    let (folder, file, history) = inputs(dir.path());
    let reference = cc_detail();
    // The folder, and its file given again.
    let out = Command::cargo_bin("vigie")
        .unwrap()
        .arg(&folder)
        .arg(&file)
        .arg("--reference")
        .arg(&reference)
        .arg("--history")
        .arg(&history)
        .args([
            "--as-of",
            "2026-11-22T12:00:00Z",
            "--report",
            "json",
            "--quiet",
        ])
        .output()
        .unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();

    let opts = AuditOptions {
        corpus: vec![folder.clone(), file.clone()],
        reference: vec![reference.clone()],
        history: vec![history.clone()],
        as_of: Some("2026-11-22T12:00:00Z".parse().unwrap()),
        ..Default::default()
    };
    let outcome = audit::run(&opts, &|_| {}, &AtomicBool::new(false)).unwrap();
    let said = warnings::after_audit(&outcome, &warnings::Inputs::of(&opts));

    // The three this audit calls for: the file left out of the folder, the file given twice,
    // the deletion after the audit time.
    assert_eq!(said.len(), 3, "{said:#?}");
    assert!(said[0].starts_with("1 entry of the corpus folders was not read"));
    assert!(said[0].ends_with("/export/notes.txt"), "{}", said[0]);
    assert!(said[1].starts_with("1 corpus input given more than once was read once:\n  "));
    assert_eq!(
        said[2],
        "1 transaction of the history is dated after the audit time (2026-11-22T12:00:00Z) and \
         was set aside"
    );
    // Word for word, and no other.
    for w in &said {
        assert!(
            stderr.contains(&format!("vigie: warning: {w}\n")),
            "{w}\nnot in\n{stderr}"
        );
    }
    assert_eq!(
        stderr.matches("vigie: warning: ").count(),
        said.len(),
        "{stderr}"
    );
}

// Without a reference, the run says that nothing could be matched.
#[test]
fn the_ui_says_no_reference_was_given_as_a_headless_run_does() {
    let dir = tempfile::tempdir().unwrap();
    let (_, file, _) = inputs(dir.path());
    let out = Command::cargo_bin("vigie")
        .unwrap()
        .arg(&file)
        .args([
            "--as-of",
            "2026-11-22T12:00:00Z",
            "--report",
            "json",
            "--quiet",
        ])
        .output()
        .unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    let opts = AuditOptions {
        corpus: vec![file],
        as_of: Some("2026-11-22T12:00:00Z".parse().unwrap()),
        ..Default::default()
    };
    let outcome = audit::run(&opts, &|_| {}, &AtomicBool::new(false)).unwrap();
    let said = warnings::after_audit(&outcome, &warnings::Inputs::of(&opts));
    assert_eq!(said.len(), 1, "{said:#?}");
    assert!(said[0].starts_with("no --reference given"));
    assert!(
        stderr.contains(&format!("vigie: warning: {}\n", said[0])),
        "{stderr}"
    );
    assert_eq!(stderr.matches("vigie: warning: ").count(), 1, "{stderr}");
}

// A mapped path that gives nothing, and a reference decision given twice: said in the UI as on
// standard error (the headless run prints the same list).
#[test]
fn the_ui_says_a_mapped_path_gave_nothing_and_a_reference_was_read_once() {
    let dir = tempfile::tempdir().unwrap();
    let (_, file, _) = inputs(dir.path());
    let mapping = dir.path().join("m.toml");
    std::fs::write(&mapping, "[fields]\nnumber = \"meta.numero\"\n").unwrap();
    let reference = cc_detail();
    let out = Command::cargo_bin("vigie")
        .unwrap()
        .arg(&file)
        .arg("--reference")
        .arg(&reference)
        .arg("--reference")
        .arg(&reference)
        .arg("--mapping")
        .arg(&mapping)
        .args([
            "--as-of",
            "2026-11-22T12:00:00Z",
            "--report",
            "json",
            "--quiet",
        ])
        .output()
        .unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    let opts = AuditOptions {
        corpus: vec![file],
        reference: vec![reference.clone(), reference.clone()],
        mapping: Some(vigie::corpus::Mapping::load(&mapping).unwrap()),
        as_of: Some("2026-11-22T12:00:00Z".parse().unwrap()),
        ..Default::default()
    };
    let outcome = audit::run(&opts, &|_| {}, &AtomicBool::new(false)).unwrap();
    let said = warnings::after_audit(&outcome, &warnings::Inputs::of(&opts));
    assert_eq!(said.len(), 2, "{said:#?}");
    assert!(
        said[0].starts_with("1 reference input given more than once was read once:\n  "),
        "{}",
        said[0]
    );
    // The mapping's entry, at its line (2), and the path that gave nothing.
    assert!(
        said[1].ends_with(
            "m.toml:2: the mapping's path for `number`, `meta.numero`, gave no value in the only \
             record read: every record was read as having no `number`; is the path right?"
        ),
        "{}",
        said[1]
    );
    for w in &said {
        assert!(
            stderr.contains(&format!("vigie: warning: {w}\n")),
            "{w}\nnot in\n{stderr}"
        );
    }
    assert_eq!(stderr.matches("vigie: warning: ").count(), 2, "{stderr}");
}
