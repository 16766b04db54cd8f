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
// (JURITEXT000048283894) on 2026-10-19T05:00:00Z, the 19th in France: quoted as the reports
// quote an instant, in UTC then in Paris time (07:00, summer time, UTC+2), where it was in UTC
// alone (`2026-10-19T05:00:00Z`).
#[test]
fn an_outdated_record_shows_the_sources_update_beside_its_own() {
    let (_dir, _corpus, mut app) = audited();
    let screen = open(&mut app, Rule::FRE002, "jp-00000039");
    assert!(screen.contains("on 2026-10-19"), "{screen}");
    // The row, and the lines its values wrap to.
    let lines: Vec<&str> = screen.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.contains(" updated_at "))
        .unwrap_or_else(|| panic!("{screen}"));
    let row = lines[at..=at + 2].join("\n");
    assert!(lines[at].contains("2026-10-13"), "{row}");
    assert!(lines[at].contains("2026-10-19 05:00 UTC,"), "{row}");
    assert!(lines[at + 1].contains("07:00 in Paris"), "{row}");
    assert!(row.contains("(history)"), "{row}");
    assert!(!row.contains("05:00:00Z"), "{row}");
    // A record's instant is quoted as the corpus wrote it, then in UTC and in Paris time:
    // jp-00000010 was last updated at 2026-11-12T13:00:00Z, 14:00 in Paris (winter time).
    let screen = open(&mut app, Rule::MSK001, "jp-00000010");
    let lines: Vec<&str> = screen.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.contains(" updated_at "))
        .unwrap_or_else(|| panic!("{screen}"));
    assert!(lines[at].contains("2026-11-12 13:00 UTC,"), "{screen}");
    assert!(lines[at + 1].contains("14:00 in Paris"), "{screen}");
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

/// The report of `app`'s audit in `format`, as `--report` writes it (personal data redacted).
fn export(app: &App, format: vigie::report::Format) -> String {
    let mut out = Vec::new();
    vigie::report::write(&app.report, format, &Default::default(), &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

/// The excerpt of the finding of `rule` on record `id` in the JSON report `json`.
fn json_excerpt(json: &str, rule: Rule, id: &str) -> String {
    let report: serde_json::Value = serde_json::from_str(json).unwrap();
    let f = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == format!("{rule:?}") && f["record"]["id"] == id)
        .unwrap_or_else(|| panic!("no {rule:?} on {id}"));
    f["evidence"]["excerpt"].as_str().unwrap().to_string()
}

/// Whether `line` holds `masked`, a name redacted, whole: not the start of a longer run of `•`.
fn holds_masked(line: &str, masked: &str) -> bool {
    line.match_indices(masked)
        .any(|(at, _)| !line[at + masked.len()..].starts_with('•'))
}

/// The text of the evidence's diff on `screen`, below the excerpts the engine gave
/// (`record:`, `reference:`, which are redacted as the exports are), its lines joined (so
/// that a name wrapped at the line's end is read whole), the diff's marks of what the
/// reference holds alone (`[-…-]`) and of what the record adds (`{+`, `+}`) taken out: the
/// record's text, as the diff shows it.
fn diff_text(screen: &str) -> String {
    let lines: Vec<&str> = screen.lines().collect();
    let from = lines
        .iter()
        .rposition(|l| l.contains("│record:") || l.contains("│reference: "))
        .unwrap_or_else(|| panic!("{screen}"));
    // (The test backend writes each line between quotes.)
    let joined: String = lines[from + 1..]
        .iter()
        .map(|l| l.trim_matches('"'))
        .take_while(|l| l.starts_with('│'))
        .map(|l| l.trim_matches('│').trim_end())
        .collect();
    let mut out = String::new();
    let mut rest = joined.as_str();
    while let Some(k) = rest.find("[-") {
        out.push_str(&rest[..k]);
        rest = rest[k..].find("-]").map_or("", |e| &rest[k + e + 2..]);
    }
    out.push_str(rest);
    out.replace("{+", "").replace("+}", "")
}

// A name a record shows in clear is masked in the diff as every export redacts it: its first
// letter kept, every other char `•`, the space between its words too. In the demo,
// jp-00000010 lifts «M. [R] [S]» to «M. Mathieu Rousseau» (MSK001: `M` and 15 `•`) and
// jp-00000019 shows «Mme Sophie KAMINSKI» (MSK004: `S` and 14 `•`). The diff kept the first
// letter of each word (`M•••••• R•••••••`), one more than the exports show.
#[test]
fn the_diff_masks_a_name_as_the_exports_redact_it() {
    let (_dir, _corpus, mut app) = audited();
    let json = export(&app, vigie::report::Format::Json);
    let csv = export(&app, vigie::report::Format::Csv);
    for (rule, id, masked, by_word) in [
        (
            Rule::MSK001,
            "jp-00000010",
            format!("M{}", "•".repeat(15)),
            "M•••••• R•••••••",
        ),
        (
            Rule::MSK004,
            "jp-00000019",
            format!("S{}", "•".repeat(14)),
            "S••••• K•••••••",
        ),
    ] {
        let excerpt = json_excerpt(&json, rule, id);
        assert!(holds_masked(&excerpt, &masked), "{excerpt}");
        assert!(
            csv.lines().any(|l| l.contains(&format!("{rule:?}"))
                && l.contains(id)
                && holds_masked(l, &masked)),
            "{csv}"
        );
        let screen = open(&mut app, rule, id);
        assert!(holds_masked(&diff_text(&screen), &masked), "{screen}");
        assert!(!screen.contains(by_word), "{screen}");
        for name in ["Mathieu", "Rousseau", "Sophie", "KAMINSKI"] {
            assert!(!screen.contains(name), "{screen}");
        }
        // Side by side, the record's column shows it as it is.
        tui_press(&mut app, "d");
        let screen = draw(&app);
        assert!(holds_masked(&diff_text(&screen), &masked), "{screen}");
        tui_press(&mut app, "d");
    }
}

// A name the source left in clear, which the record shows too (jp-00000019's «Mme Sophie
// KAMINSKI», an MSK004 source defect whose evidence gives no span of the reference), is
// masked in the reference's column of the side-by-side diff as in the record's: it was shown
// there in clear.
#[test]
fn a_name_both_texts_show_is_masked_on_both_sides() {
    let (_dir, _corpus, mut app) = audited();
    open(&mut app, Rule::MSK004, "jp-00000019");
    tui_press(&mut app, "d");
    let screen = draw(&app);
    assert!(screen.contains("side by side"), "{screen}");
    assert!(!screen.contains("KAMINSKI"), "{screen}");
    assert!(!screen.contains("Sophie"), "{screen}");
    let masked = format!("S{}", "•".repeat(14));
    let rows: Vec<&str> = screen
        .lines()
        .filter(|l| l.contains(&format!("│{masked} des chefs")))
        .collect();
    // On one row, at the start of both columns.
    assert_eq!(rows.len(), 1, "{screen}");
    assert_eq!(
        rows[0].matches(&format!("│{masked} des chefs")).count(),
        2,
        "{screen}"
    );
    // Revealed, both columns show it.
    tui_press(&mut app, "r");
    let screen = draw(&app);
    assert_eq!(
        screen.matches("│Sophie KAMINSKI des chefs").count(),
        2,
        "{screen}"
    );
}

/// The demo's record on line `line` (0-based), as `pd-1`, its text `edit`ed, audited alone
/// against the demo's reference.
fn demo_record_edited(line: usize, edit: impl FnOnce(&str) -> String) -> (tempfile::TempDir, App) {
    let line = std::fs::read_to_string(demo().join("corpus.jsonl"))
        .unwrap()
        .lines()
        .nth(line)
        .unwrap()
        .to_string();
    let mut r: serde_json::Value = serde_json::from_str(&line).unwrap();
    r["id"] = "pd-1".into();
    r["text"] = edit(r["text"].as_str().unwrap()).into();
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus.jsonl");
    std::fs::write(&corpus, format!("{r}\n")).unwrap();
    let app = audit_in_app(AuditOptions {
        corpus: vec![corpus],
        reference: vec![demo().join("reference")],
        ..Default::default()
    });
    (dir, app)
}

/// `text` with `note` inserted before the first `at` found from byte 2500 on.
fn insert_before(text: &str, at: &str, note: &str) -> String {
    let k = 2500 + text[2500..].find(at).unwrap();
    format!("{}{note}{}", &text[..k], &text[k..])
}

/// The JOHN DOE of French notes: `Jean Dupont` redacted (`J` and 10 `•`).
const JEAN_DUPONT: &str = "J••••••••••";

// A record inserts an editor's note that names someone (INT002, and MSK004 for the name): the
// INT002 evidence redacts the name only, not every word of the note, which stays readable; in
// the diff as in the excerpt, whatever the record's line ends (jp-00000002: LF; jp-00000011:
// CRLF, which the excerpt, taken from the text as the engine normalised it, writes as a space)
// or format (jp-00000004: HTML, whose tags the excerpt leaves out).
#[test]
fn an_insertion_that_names_someone_redacts_the_name_only() {
    let note = "NOTE DE LA RÉDACTION : M. Jean Dupont a été condamné.";
    for (line, nl, html) in [(2, "\n", false), (11, "\r\n", false), (4, "", true)] {
        let (_dir, mut app) = demo_record_edited(line, |text| {
            if html {
                insert_before(text, "<p>", &format!("<p>{note}</p>"))
            } else {
                assert_eq!(text.contains("\r\n"), nl == "\r\n");
                insert_before(text, nl, &format!("{nl}{note}"))
            }
        });
        let json = export(&app, vigie::report::Format::Json);
        let excerpt = json_excerpt(&json, Rule::INT002, "pd-1");
        let shown = format!("NOTE DE LA RÉDACTION : M. {JEAN_DUPONT} a été condamné.");
        assert!(excerpt.contains(&shown), "{excerpt}");
        let screen = open(&mut app, Rule::INT002, "pd-1");
        let diff = screen
            .lines()
            .find(|l| l.contains("{+"))
            .unwrap_or_else(|| panic!("{screen}"));
        assert!(
            diff.contains(&format!("{{+{shown}")),
            "line {line}: {screen}"
        );
        assert!(!screen.contains("Jean"), "{screen}");
        assert!(!screen.contains("Dupont"), "{screen}");
        // The name's finding masks it as before.
        let screen = open(&mut app, Rule::MSK004, "pd-1");
        assert!(!screen.contains("Dupont"), "{screen}");
        assert!(holds_masked(&diff_text(&screen), JEAN_DUPONT), "{screen}");
    }
}

// A long insertion (jp-00000011, CRLF, typographic apostrophes), whose excerpt shows its two
// ends around « (…) »: the diff masks the names the ends show, and the middle the excerpt
// leaves out (it might name someone the excerpt does not mark), not the rest of the ends.
#[test]
fn a_long_insertion_shows_the_ends_its_excerpt_shows() {
    let note = format!(
        "\r\nNOTE DE LA RÉDACTION : M. Jean Dupont l\u{2019}a emporté. {}Mme Sophie Lambert l\u{2019}a lu.",
        "Commentaire sur la portée de l\u{2019}arrêt. ".repeat(5)
    );
    let (_dir, mut app) = demo_record_edited(11, |text| insert_before(text, "\r\n", &note));
    let json = export(&app, vigie::report::Format::Json);
    let excerpt = json_excerpt(&json, Rule::INT002, "pd-1");
    assert!(excerpt.contains(" (…) "), "{excerpt}");
    assert!(
        excerpt.contains(&format!(
            "NOTE DE LA RÉDACTION : M. {JEAN_DUPONT} l'a emporté."
        )),
        "{excerpt}"
    );
    let lambert = format!("S{}", "•".repeat(13));
    assert!(
        excerpt.contains(&format!("Mme {lambert} l'a lu.")),
        "{excerpt}"
    );
    let screen = open(&mut app, Rule::INT002, "pd-1");
    assert!(
        screen.contains(&format!(
            "{{+NOTE DE LA RÉDACTION : M. {JEAN_DUPONT} l\u{2019}a emporté."
        )),
        "{screen}"
    );
    assert!(
        screen.contains(&format!("Mme {lambert} l\u{2019}a lu.")),
        "{screen}"
    );
    // The middle: masked, as the excerpt leaves it out; the ends show what the excerpt does.
    let diff = diff_text(&screen);
    assert!(diff.contains("••••••••••••••••••••"), "{screen}");
    assert_eq!(
        diff.matches("portée").count(),
        excerpt.matches("portée").count(),
        "{screen}"
    );
    assert!(excerpt.matches("portée").count() < 5, "{excerpt}");
    for name in ["Jean", "Dupont", "Sophie", "Lambert"] {
        assert!(!screen.contains(name), "{screen}");
    }
}
