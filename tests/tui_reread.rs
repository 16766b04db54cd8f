//! The detail view reads a finding's record again from the corpus file: a real audit of the
//! demo (whose records are built from the DILA decisions of tests/data/dila-cass), then the
//! file as it is when the finding is opened.

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;
use vigie::audit::{self, AuditOptions};
use vigie::rules::Rule;
use vigie::tui::app::{App, View};
use vigie::tui::keymap::Keymap;
use vigie::tui::views;

fn demo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/demo")
}

/// The demo's corpus copied into a folder of its own, audited as README's first command does,
/// in the UI's app once the audit ended.
fn audited() -> (tempfile::TempDir, PathBuf, App) {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus.jsonl");
    std::fs::copy(demo().join("corpus.jsonl"), &corpus).unwrap();
    let outcome = audit::run(
        &AuditOptions {
            corpus: vec![corpus.clone()],
            reference: vec![demo().join("reference")],
            history: vec![demo().join("history.json")],
            as_of: Some("2026-11-22T12:00:00Z".parse().unwrap()),
            ..Default::default()
        },
        &|_| {},
        &AtomicBool::new(false),
    )
    .unwrap();
    let mut app = App::new(Keymap::default());
    app.finish(outcome);
    (dir, corpus, app)
}

/// Opens the finding of `rule` on record `id` and returns the screen, 120×40.
fn open(app: &mut App, rule: Rule, id: &str) -> String {
    let pos = app
        .order
        .iter()
        .position(|&i| {
            let f = &app.report.findings[i as usize];
            f.rule == rule && f.record.as_ref().and_then(|r| r.id.as_deref()) == Some(id)
        })
        .unwrap_or_else(|| panic!("no {rule:?} finding on {id}"));
    app.view = View::List;
    app.selected = pos;
    app.open_detail();
    assert_eq!(app.view, View::Detail);
    let mut t = Terminal::new(TestBackend::new(120, 40)).unwrap();
    app.refresh();
    t.draw(|f| views::draw(f, app)).unwrap();
    t.backend().to_string()
}

/// The lines of `corpus`, `edit`ed, written back.
fn rewrite(corpus: &Path, edit: impl FnOnce(&mut Vec<String>)) {
    let mut lines: Vec<String> = std::fs::read_to_string(corpus)
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect();
    edit(&mut lines);
    std::fs::write(corpus, lines.join("\n") + "\n").unwrap();
}

const CHANGED: &str = "the corpus file changed since the audit";

// Unchanged, the record is shown: its identification beside the reference's (the demo's
// jp-00000010 publishes JURITEXT000048211001, whose formation it spells otherwise).
#[test]
fn an_unchanged_record_is_shown() {
    let (_dir, _corpus, mut app) = audited();
    let screen = open(&mut app, Rule::MSK001, "jp-00000010");
    assert!(!screen.contains(CHANGED), "{screen}");
    assert!(screen.contains("source_id"), "{screen}");
    assert!(screen.contains("JURITEXT000048211001"), "{screen}");
    assert!(!screen.contains("JURITEXT000048211070"), "{screen}");
    assert!(app.detail.as_ref().unwrap().record.is_some());
}

// A nightly sync rewrote the export after the audit, in another order: line 11, where the
// audit read jp-00000010, now holds jp-00000011 (JURITEXT000048211070, formation `cr`). None
// of it is shown under jp-00000010's finding: a notice says why.
#[test]
fn another_record_on_the_line_is_not_shown() {
    let (_dir, corpus, mut app) = audited();
    rewrite(&corpus, |l| {
        assert!(l[10].contains("\"jp-00000010\"") && l[11].contains("\"jp-00000011\""));
        l.swap(10, 11);
    });
    let screen = open(&mut app, Rule::MSK001, "jp-00000010");
    assert!(screen.contains(CHANGED), "{screen}");
    assert!(screen.contains("this record cannot be"), "{screen}");
    assert!(!screen.contains("JURITEXT000048211070"), "{screen}");
    assert!(!screen.contains("X 23-80.819"), "{screen}");
    assert!(app.detail.as_ref().unwrap().record.is_none());
}

// The record was synced again after the audit, with the same id on the same line, and now
// names a party in clear: the finding's masking spans, which were for the text audited, would
// leave parts of the name readable. Nothing of the new text is shown.
#[test]
fn a_record_changed_in_place_is_not_shown() {
    let (_dir, corpus, mut app) = audited();
    rewrite(&corpus, |l| {
        let mut r: serde_json::Value = serde_json::from_str(&l[10]).unwrap();
        assert_eq!(r["id"], "jp-00000010");
        let text = r["text"].as_str().unwrap();
        assert!(text.contains("dans le litige l'opposant :"));
        r["text"] = text
            .replacen(
                "dans le litige l'opposant :",
                "dans le litige l'opposant à M. Jean Dupont, né le 3 mars 1975 :",
                1,
            )
            .into();
        l[10] = r.to_string();
    });
    let screen = open(&mut app, Rule::MSK001, "jp-00000010");
    assert!(screen.contains(CHANGED), "{screen}");
    assert!(!screen.contains("Dupont"), "{screen}");
    assert!(!screen.contains("D•••••"), "{screen}");
    assert!(!screen.contains("1975"), "{screen}");
    assert!(app.detail.as_ref().unwrap().record.is_none());
}
