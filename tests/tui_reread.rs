//! The detail view of findings of real audits: of the demo (whose records are built from the
//! DILA decisions of tests/data/dila-cass), or of records given against tests/data/dila-cass.
//! The detail reads a finding's record again from the corpus file, as it is when the finding
//! is opened.

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
    let app = audit_in_app(AuditOptions {
        corpus: vec![corpus.clone()],
        reference: vec![demo().join("reference")],
        history: vec![demo().join("history.json")],
        ..Default::default()
    });
    (dir, corpus, app)
}

/// The UI's app once an audit with `opts` (at 2026-11-22T12:00:00Z) ended.
fn audit_in_app(opts: AuditOptions) -> App {
    let opts = AuditOptions {
        as_of: Some("2026-11-22T12:00:00Z".parse().unwrap()),
        ..opts
    };
    let outcome = audit::run(&opts, &|_| {}, &AtomicBool::new(false)).unwrap();
    let mut app = App::new(Keymap::default());
    app.finish(outcome);
    app
}

/// `lines` as a corpus, audited against the DILA decisions of tests/data/dila-cass.
fn audited_lines(lines: &[serde_json::Value]) -> (tempfile::TempDir, App) {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus.jsonl");
    let text: String = lines.iter().map(|l| format!("{l}\n")).collect();
    std::fs::write(&corpus, text).unwrap();
    let app = audit_in_app(AuditOptions {
        corpus: vec![corpus],
        reference: vec![Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/dila-cass")],
        ..Default::default()
    });
    (dir, app)
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
    draw(app)
}

/// The screen, 120×40.
fn draw(app: &App) -> String {
    let mut t = Terminal::new(TestBackend::new(120, 40)).unwrap();
    t.draw(|f| views::draw(f, app)).unwrap();
    t.backend().to_string()
}

fn tui_press(app: &mut App, key: &str) {
    app.on_key(vigie::tui::keymap::Key::parse(key).unwrap());
    app.refresh();
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

// A record that cites no decision (INT007) names a person: its MSK004 evidence is the record's
// excerpt, shown as it is, not a diff in which the whole text is an insertion; and the fields
// at fault for being missing (source_id, attribution) are marked missing, not "≠ differs"
// between two empty columns.
#[test]
fn a_record_with_nothing_to_compare_is_shown_as_it_is() {
    let (_dir, mut app) = audited_lines(&[serde_json::json!({
        "id": "r1", "url": "https://ex.fr/d/1", "jurisdiction": "Cour de cassation",
        "formation": "civ1", "seat": "Paris", "decision_date": "2023-10-05",
        "text": "Mme Sophie Lambert, demeurant à Lyon, a formé le pourvoi.",
        "updated_at": "2026-11-21"
    })]);
    let screen = open(&mut app, Rule::MSK004, "r1");
    assert!(!screen.contains("{+"), "{screen}");
    assert!(!screen.contains("tokens"), "{screen}");
    assert!(
        screen.contains("excerpt of `text` (the record's; no reference text to compare)"),
        "{screen}"
    );
    // The words that are no personal data stay readable.
    assert!(
        screen.contains("demeurant à Lyon, a formé le pourvoi."),
        "{screen}"
    );
    assert!(!screen.contains("Lambert"), "{screen}");
    assert!(screen.contains("∅ source_id"), "{screen}");
    assert!(screen.contains("∅ attribution"), "{screen}");
    assert!(!screen.contains("≠"), "{screen}");
    // Side by side, the reference's column is empty: the excerpt once, on the record's side.
    tui_press(&mut app, "d");
    let screen = draw(&app);
    assert_eq!(screen.matches("a formé le pourvoi.").count(), 2, "{screen}");
}

// FRE002 rests on the source's update, which the history dates (the DILA reference gives no
// update date): the identification shows it beside the record's date of last update. In the
// demo, jp-00000039 was last loaded on 2026-10-13; the history updates its decision
// (JURITEXT000048283894) on 2026-10-19T05:00:00Z, the 19th in France.
#[test]
fn an_outdated_record_shows_the_sources_update_beside_its_own() {
    let (_dir, _corpus, mut app) = audited();
    let screen = open(&mut app, Rule::FRE002, "jp-00000039");
    assert!(screen.contains("on 2026-10-19"), "{screen}");
    // The row, and the line its values wrap to.
    let lines: Vec<&str> = screen.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.contains(" updated_at "))
        .unwrap_or_else(|| panic!("{screen}"));
    let row = lines[at..=at + 1].join("\n");
    assert!(lines[at].contains("2026-10-13"), "{row}");
    assert!(lines[at].contains("2026-10-19T05:00:00Z"), "{row}");
    assert!(lines[at + 1].contains("(history)"), "{row}");
}

// A corpus read from a named pipe cannot be read again: the detail says so at once, rather
// than wait for ever for a writer to open the pipe ("loading…").
#[cfg(unix)]
#[test]
fn a_record_of_a_named_pipe_is_said_not_to_be_read_again() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("corpus.jsonl");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    if !made.is_ok_and(|s| s.success()) {
        eprintln!("skipped: no mkfifo");
        return;
    }
    let lines = std::fs::read_to_string(demo().join("corpus.jsonl")).unwrap();
    let writer = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::write(fifo, lines).unwrap())
    };
    let opts = AuditOptions {
        corpus: vec![fifo],
        reference: vec![demo().join("reference")],
        history: vec![demo().join("history.json")],
        as_of: Some("2026-11-22T12:00:00Z".parse().unwrap()),
        ..Default::default()
    };
    let outcome = audit::run(&opts, &|_| {}, &AtomicBool::new(false)).unwrap();
    writer.join().unwrap();
    // Read again on another thread, so that a read that waits fails the test, not hangs it.
    let context = outcome.context.clone();
    let rref = outcome
        .report
        .findings
        .iter()
        .find(|f| f.rule == Rule::MSK001)
        .and_then(|f| f.record.clone())
        .unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(context.record(&rref).is_none());
    });
    let none = rx
        // (A bound on a hang only: the answer comes at once.)
        .recv_timeout(std::time::Duration::from_secs(120))
        .expect("reading the record again from the pipe still waits after 120 s");
    assert!(none);
    let mut app = App::new(Keymap::default());
    app.finish(outcome);
    let screen = open(&mut app, Rule::MSK001, "jp-00000010");
    assert!(
        screen.contains("the record could not be read again"),
        "{screen}"
    );
    assert!(!screen.contains("loading"), "{screen}");
}

// A record inserts an editor's note that names someone (INT002, and MSK004 for the name): the
// INT002 evidence redacts the name only, not every word of the note, which stays readable.
#[test]
fn an_insertion_that_names_someone_redacts_the_name_only() {
    let line = std::fs::read_to_string(demo().join("corpus.jsonl"))
        .unwrap()
        .lines()
        .nth(2)
        .unwrap()
        .to_string();
    let mut r: serde_json::Value = serde_json::from_str(&line).unwrap();
    r["id"] = "pd-1".into();
    let text = r["text"].as_str().unwrap().to_string();
    let (at, _) = text
        .char_indices()
        .find(|&(b, c)| c == '\n' && b >= 2500)
        .unwrap();
    r["text"] = format!(
        "{}\nNOTE DE LA RÉDACTION : M. Jean Dupont a été condamné.{}",
        &text[..at],
        &text[at..]
    )
    .into();
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus.jsonl");
    std::fs::write(&corpus, format!("{r}\n")).unwrap();
    let mut app = audit_in_app(AuditOptions {
        corpus: vec![corpus],
        reference: vec![demo().join("reference")],
        ..Default::default()
    });
    let screen = open(&mut app, Rule::INT002, "pd-1");
    let diff = screen
        .lines()
        .find(|l| l.contains("{+"))
        .unwrap_or_else(|| panic!("{screen}"));
    assert!(diff.contains("{+NOTE DE LA RÉDACTION : M. "), "{screen}");
    assert!(
        diff.contains("{+NOTE DE LA RÉDACTION : M. J••• D••••• a été condamné."),
        "{screen}"
    );
    assert!(!screen.contains("Jean"), "{screen}");
    assert!(!screen.contains("Dupont"), "{screen}");
    // The name's finding masks it as before.
    let screen = open(&mut app, Rule::MSK004, "pd-1");
    assert!(!screen.contains("Dupont"), "{screen}");
    assert!(screen.contains("D•••••"), "{screen}");
}
