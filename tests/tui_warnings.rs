//! The warnings of an audit, on the real Judilibre decision of tests/data: those a headless run
//! says on standard error, and those the UI shows (`vigie::tui::warnings`, the list the headless
//! run prints too), are each compared with the warnings these inputs call for, written here by
//! hand: a warning lost, added or reworded in the shared list fails them.

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

/// The warnings of a headless run's standard error, each without its `vigie: warning: ` and with
/// the lines that follow it (the inputs it names, indented); and the other lines, if any.
fn said_on_stderr(stderr: &str) -> (Vec<String>, Vec<String>) {
    let (mut warnings, mut other): (Vec<String>, Vec<String>) = Default::default();
    for line in stderr.lines() {
        if let Some(w) = line.strip_prefix("vigie: warning: ") {
            warnings.push(w.to_string());
        } else if line.starts_with("  ")
            && let Some(w) = warnings.last_mut()
        {
            w.push('\n');
            w.push_str(line);
        } else {
            other.push(line.to_string());
        }
    }
    (warnings, other)
}

/// Runs vigie headless with `args` (and a fixed audit time, a JSON report): its warnings.
fn headless_warnings(args: &[&std::ffi::OsStr]) -> Vec<String> {
    let out = Command::cargo_bin("vigie")
        .unwrap()
        .args(args)
        .args([
            "--as-of",
            "2026-11-22T12:00:00Z",
            "--report",
            "json",
            "--quiet",
        ])
        .output()
        .unwrap();
    assert!(out.status.code().is_some_and(|c| c < 2), "{out:?}");
    let stderr = String::from_utf8(out.stderr).unwrap();
    let (warnings, other) = said_on_stderr(&stderr);
    assert!(other.is_empty(), "{stderr}");
    warnings
}

/// The warnings the UI shows for an audit with `opts`.
fn ui_warnings(opts: AuditOptions) -> Vec<String> {
    let inputs = warnings::Inputs::of(&opts);
    let outcome = audit::run(&opts, &|_| {}, &AtomicBool::new(false)).unwrap();
    warnings::after_audit(&outcome, &inputs)
}

#[test]
fn the_ui_has_the_warnings_a_headless_run_says() {
    let dir = tempfile::tempdir().unwrap();
    let (folder, file, history) = inputs(dir.path());
    let reference = cc_detail();
    // The three these inputs call for: `notes.txt`, which the folder holds and which is no
    // corpus file; `corpus.jsonl`, given by its name and read already through the folder
    // (under the same name: the folder's path and its own); the deletion of 2027, after the
    // audit time.
    let shown = |p: &Path| p.display().to_string();
    let expected = [
        format!(
            "1 entry of the corpus folders was not read, being hidden (a name starting with a \
             dot) or not named .json, .jsonl, .ndjson or .jsonlines (or .gz): give a file by its \
             name to read it\n  {}",
            shown(&folder.join("notes.txt"))
        ),
        format!(
            "1 corpus input given more than once was read once:\n  {}, given by name: already \
             read through the folder {}",
            shown(&file),
            shown(&folder)
        ),
        "1 transaction of the history is dated after the audit time (2026-11-22T12:00:00Z) and \
         was set aside"
            .to_string(),
    ];
    // The folder, and its file given again.
    let said = headless_warnings(&[
        folder.as_os_str(),
        file.as_os_str(),
        "--reference".as_ref(),
        reference.as_os_str(),
        "--history".as_ref(),
        history.as_os_str(),
    ]);
    assert_eq!(said, expected);
    let shown_in_ui = ui_warnings(AuditOptions {
        corpus: vec![folder.clone(), file.clone()],
        reference: vec![reference.clone()],
        history: vec![history.clone()],
        as_of: Some("2026-11-22T12:00:00Z".parse().unwrap()),
        ..Default::default()
    });
    assert_eq!(shown_in_ui, expected);
}

// Without a reference, the run says that nothing could be matched.
#[test]
fn the_ui_says_no_reference_was_given_as_a_headless_run_does() {
    let dir = tempfile::tempdir().unwrap();
    let (_, file, _) = inputs(dir.path());
    let expected = [
        "no --reference given: no record could be matched with its decision, so each is INT007 \
         (unverifiable) and the text, identification and masking checks against the source did \
         not run",
    ];
    assert_eq!(headless_warnings(&[file.as_os_str()]), expected);
    let shown_in_ui = ui_warnings(AuditOptions {
        corpus: vec![file],
        as_of: Some("2026-11-22T12:00:00Z".parse().unwrap()),
        ..Default::default()
    });
    assert_eq!(shown_in_ui, expected);
}

// A mapped path that gives nothing, and a reference decision given twice: said in the UI as on
// standard error.
#[test]
fn the_ui_says_a_mapped_path_gave_nothing_and_a_reference_was_read_once() {
    let dir = tempfile::tempdir().unwrap();
    let (_, file, _) = inputs(dir.path());
    let mapping = dir.path().join("m.toml");
    std::fs::write(&mapping, "[fields]\nnumber = \"meta.numero\"\n").unwrap();
    let reference = cc_detail();
    // The reference given twice, by the same name; the mapping's entry for `number` on its line
    // 2, and the one record, which has no `meta` at all.
    let expected = [
        format!(
            "1 reference input given more than once was read once:\n  {0}: given more than \
             once by the same name",
            reference.display()
        ),
        format!(
            "{}:2: the mapping's path for `number`, `meta.numero`, gave no value in the only \
             record read: every record was read as having no `number`; is the path right?",
            mapping.display()
        ),
    ];
    let said = headless_warnings(&[
        file.as_os_str(),
        "--reference".as_ref(),
        reference.as_os_str(),
        "--reference".as_ref(),
        reference.as_os_str(),
        "--mapping".as_ref(),
        mapping.as_os_str(),
    ]);
    assert_eq!(said, expected);
    let shown_in_ui = ui_warnings(AuditOptions {
        corpus: vec![file],
        reference: vec![reference.clone(), reference.clone()],
        mapping: Some(vigie::corpus::Mapping::load(&mapping).unwrap()),
        as_of: Some("2026-11-22T12:00:00Z".parse().unwrap()),
        ..Default::default()
    });
    assert_eq!(shown_in_ui, expected);
}
