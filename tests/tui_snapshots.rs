//! Whole-screen snapshots of the UI drawn into a `TestBackend`, driven by key sequences (one
//! line each, as in gitu). Review a changed snapshot by reading it: `cargo insta review`.

mod tui_common;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use vigie::tui::app::App;
use vigie::tui::views;

/// Draws `app` after `keys` at `w`×`h` and returns the screen as text.
fn screen(app: &mut App, keys: &str, w: u16, h: u16) -> String {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    // A frame after every key, as in a real terminal: drawing tells the app its list height
    // and the detail's line count, which paging and scrolling use.
    app.refresh();
    t.draw(|f| views::draw(f, app)).unwrap();
    for k in keys.split_whitespace() {
        tui_common::press(app, k);
        app.refresh();
        t.draw(|f| views::draw(f, app)).unwrap();
    }
    t.backend().to_string()
}

macro_rules! snap {
    ($name:ident, $keys:expr) => {
        snap!($name, $keys, 120, 32);
    };
    ($name:ident, $keys:expr, $w:expr, $h:expr) => {
        #[test]
        fn $name() {
            let mut app = tui_common::app();
            insta::assert_snapshot!(screen(&mut app, $keys, $w, $h));
        }
    };
}

snap!(overview, "");
snap!(list, "tab");
snap!(list_sorted_by_severity, "tab s");
snap!(list_filter_masking, "tab f l l l l");
snap!(list_grouped, "tab s R j j");
snap!(detail_masked, "tab j j enter");
snap!(detail_revealed, "tab j j enter r");
snap!(detail_side_by_side, "tab j j enter d");
snap!(detail_identification_field, "tab j enter");
snap!(help, "?", 100, 40);
snap!(waiver_prompt, "tab j j w");
snap!(export_prompt, "e");

#[test]
fn search_prompt() {
    let mut app = tui_common::app();
    tui_common::press(&mut app, "tab /");
    tui_common::type_text(&mut app, "msk");
    insta::assert_snapshot!(screen(&mut app, "", 120, 20));
}

#[test]
fn corpus_text_never_reaches_the_terminal_raw() {
    let mut app = tui_common::app();
    let s = screen(&mut app, "tab G", 120, 32);
    assert!(!s.contains('\u{1b}'), "{s}");
    assert!(s.contains("r-6␛[31m"), "{s}");
}

#[test]
fn tiny_terminals_never_crash() {
    for (w, h) in [
        (1, 1),
        (10, 3),
        (2, 40),
        (200, 1),
        (20, 5),
        (21, 6),
        (40, 8),
        (30, 12),
    ] {
        for keys in [
            "",
            "tab",
            "tab j enter",
            "tab j j enter d",
            "?",
            "tab f",
            "e",
            "tab w",
            "tab /",
        ] {
            let mut app = tui_common::app();
            let _ = screen(&mut app, keys, w, h);
            // And keys after drawing small.
            tui_common::press(&mut app, "j j G pagedown pageup k");
            let _ = screen(&mut app, "", w, h);
        }
    }
}

/// While the audit runs: progress, rate, ETA, findings by family, and the first findings.
#[test]
fn overview_live() {
    use vigie::audit::{AuditEvent, Progress};
    let mut app = App::new(vigie::tui::keymap::Keymap::default());
    app.on_audit(AuditEvent::ReferenceLoaded { decisions: 92 });
    let all = tui_common::findings();
    app.on_audit(AuditEvent::Findings(all[5..].to_vec()));
    let mut by_family = [0; 6];
    for f in &all[5..] {
        let i = vigie::rules::Family::ALL
            .iter()
            .position(|x| *x == f.rule.info().family)
            .unwrap();
        by_family[i] += 1;
    }
    app.on_audit(AuditEvent::Progress(Progress {
        records: 12_000,
        unreadable: 1,
        bytes_done: 250_000_000,
        bytes_total: 1_000_000_000,
        findings: 5,
        by_family,
        elapsed: std::time::Duration::from_secs(12),
        reading: std::time::Duration::from_secs(10),
    }));
    insta::assert_snapshot!(screen(&mut app, "", 120, 24));
    insta::assert_snapshot!("list_live", screen(&mut app, "tab", 120, 12));
}

snap!(detail_articles_scrolled, "tab j j enter a j j j", 100, 40);

/// The articles view quotes the articles that apply to the finding's decision: for MSK001 on a
/// decision Légifrance diffuses (r-1), of the rule's COJ L.111-13, CJA L.10, CC VII, CC X and
/// CE X, only the code of judicial organisation; all five when the producer is not known.
#[test]
fn the_articles_are_those_of_the_decisions_producer() {
    // Each article's text starts on its own line after its id, as the view lays them out.
    let quoted = |screen: &str| -> Vec<&'static str> {
        ["COJ L.111-13", "CJA L.10", "CC VII", "CC X", "CE X"]
            .into_iter()
            .filter(|id| {
                screen
                    .lines()
                    .any(|l| l.trim_matches(['"', '│', ' ']) == *id)
            })
            .collect()
    };
    let mut app = tui_common::app();
    let s = screen(&mut app, "tab j j enter a", 100, 400);
    assert!(s.contains("Articles enforced by MSK001"), "{s}");
    assert_eq!(quoted(&s), ["COJ L.111-13"], "{s}");

    let mut app = tui_common::app();
    for f in &mut app.report.findings {
        if let Some(r) = f.record.as_mut() {
            std::sync::Arc::make_mut(r).producer = None;
        }
    }
    let s = screen(&mut app, "tab j j enter a", 100, 400);
    assert!(s.contains("Articles enforced by MSK001"), "{s}");
    assert_eq!(
        quoted(&s),
        ["COJ L.111-13", "CJA L.10", "CC VII", "CC X", "CE X"],
        "{s}"
    );
}

/// The evidence is wrapped once per width, masking and mode: scrolling only picks other lines
/// of the wrapped text (a key press on a text of megabytes must not wrap it again).
#[test]
fn the_wrapped_evidence_is_kept_while_scrolling() {
    let mut app = tui_common::app();
    let mut t = Terminal::new(TestBackend::new(120, 32)).unwrap();
    let frame = |t: &mut Terminal<TestBackend>, app: &mut App, keys: &str| {
        tui_common::press(app, keys);
        app.refresh();
        t.draw(|f| views::draw(f, app)).unwrap();
        app.detail.as_ref().map(|d| d.wraps.get())
    };
    assert_eq!(frame(&mut t, &mut app, "tab j j enter"), Some(1));
    let first = app.detail_scroll_drawn.get();
    assert_eq!(frame(&mut t, &mut app, "j"), Some(1));
    assert_eq!(frame(&mut t, &mut app, "j"), Some(1));
    assert_eq!(frame(&mut t, &mut app, "k"), Some(1));
    assert_eq!(app.detail_scroll_drawn.get(), first + 1);
    assert_eq!(frame(&mut t, &mut app, "."), Some(1));
    // Masking and mode change what is drawn: wrapped again, once each.
    assert_eq!(frame(&mut t, &mut app, "r"), Some(2));
    assert_eq!(frame(&mut t, &mut app, "j"), Some(2));
    assert_eq!(frame(&mut t, &mut app, "d"), Some(3));
    assert_eq!(frame(&mut t, &mut app, "j"), Some(3));
    // And a new width.
    t.backend_mut().resize(100, 32);
    assert_eq!(frame(&mut t, &mut app, ""), Some(4));
}

/// `last` (`G`) shows the diff's last line at the bottom of the screen, below the excerpts the
/// detail shows above it, in either mode.
#[test]
fn last_reaches_the_end_of_the_diff_below_the_excerpts() {
    for mode in ["", "d"] {
        let mut app = tui_common::app();
        let mut t = Terminal::new(TestBackend::new(100, 20)).unwrap();
        for keys in ["tab", "j", "j", "enter", mode, "G"] {
            tui_common::press(&mut app, keys);
            app.refresh();
            t.draw(|f| views::draw(f, &app)).unwrap();
        }
        let (h, total) = (app.detail_height.get(), app.detail_lines.get());
        assert!(total > h, "mode {mode:?}: {total} lines on {h} rows");
        // The frame's title says which lines are on screen: the last one among them.
        let screen = t.backend().to_string();
        assert!(
            screen.contains(&format!("–{total} of {total} ┘")),
            "mode {mode:?}: the last line is not on screen\n{screen}"
        );
        assert_eq!(app.detail_scroll_drawn.get() + h, total, "mode {mode:?}");
    }
}

/// The help says what each key does where it is bound: `clear` in the filter panel clears the
/// selected filter only (the list's `esc` clears the search and every filter).
#[test]
fn help_tells_what_clear_does_in_each_view() {
    let mut app = tui_common::app();
    let help = screen(&mut app, "?", 100, 120);
    let line = |section: &str, keys: &str| -> String {
        let from = help.find(&format!("[{section}]")).unwrap();
        help[from..]
            .lines()
            .find(|l| l.contains(keys))
            .unwrap()
            .to_string()
    };
    assert!(
        line("list", "esc  ").contains("clear search and filters"),
        "{help}"
    );
    assert!(
        line("filter", "x, delete").contains("clear the selected filter"),
        "{help}"
    );
    // And that is what the keys do.
    tui_common::press(&mut app, "esc tab f l j l x");
    assert_eq!(app.filter.describe(), "family=integrity");
    tui_common::press(&mut app, "esc /");
    tui_common::type_text(&mut app, "msk");
    tui_common::press(&mut app, "enter esc");
    assert!(app.filter.is_empty() && app.search.is_empty());
}

/// The identification table marks what the engine's comparison says: `~` only for values it
/// finds equal though spelled differently, `?` for a value it cannot read (not equal, not at
/// fault), `≠` for a contradiction.
#[test]
fn identification_marks_follow_the_engines_comparison() {
    let mut app = tui_common::app();
    tui_common::press(&mut app, "tab j enter");
    let rec = app.detail.as_mut().unwrap().record.as_mut().unwrap();
    rec.number = Some("the first one".into());
    rec.formation = Some("Chambre sociale".into());
    let s = screen(&mut app, "", 120, 32);
    let row = |field: &str| -> String {
        s.lines()
            .find(|l| l.contains(&format!(" {field} ")))
            .unwrap()
            .chars()
            .skip(2)
            .take(20)
            .collect()
    };
    assert_eq!(row("number"), "? number        the ");
    assert!(row("formation").starts_with("≠ formation"), "{s}");
    assert!(row("decision_date").starts_with("≠ decision_date"), "{s}");
    assert!(row("jurisdiction").starts_with("  jurisdiction"), "{s}");
    // The number as the record wrote it: the same value, spelled differently.
    let rec = app.detail.as_mut().unwrap().record.as_mut().unwrap();
    rec.number = Some("23-80.251".into());
    let s = screen(&mut app, "", 120, 32);
    assert!(s.contains("│~ number "), "{s}");
}

/// The dates of last update in the identification are quoted as the reports quote an instant:
/// the record's as the corpus wrote it, then in UTC and in Paris time; the source's, given in
/// UTC, then in Paris time. They were shown in UTC alone (`2026-11-19T13:00:00Z`), or as the
/// record wrote them without telling the time in France.
#[test]
fn detail_updated_at_as_written_then_utc_and_paris() {
    let mut app = tui_common::app();
    tui_common::press(&mut app, "tab j enter");
    let d = app.detail.as_mut().unwrap();
    d.record.as_mut().unwrap().updated_at = Some("2026-11-18T08:00:00-05:00".into());
    d.reference.as_mut().unwrap().update_date = Some(vigie::ident::Moment::Instant(
        "2026-11-19T13:00:00Z".parse().unwrap(),
    ));
    let s = screen(&mut app, "", 120, 32);
    // The row's two columns, read down the lines they wrap to.
    let lines: Vec<Vec<char>> = s.lines().map(|l| l.chars().collect()).collect();
    let at = s
        .lines()
        .position(|l| l.contains(" updated_at "))
        .unwrap_or_else(|| panic!("{s}"));
    let place = |needle: &str| {
        let line: String = lines[at].iter().collect();
        line[..line.find(needle).unwrap_or_else(|| panic!("{s}"))]
            .chars()
            .count()
    };
    let (record, reference, end) = (place("2026-11-18"), place("2026-11-19"), place("││"));
    let column = |from: usize, to: usize| {
        (at..at + 3)
            .map(|i| {
                lines[i][from..to]
                    .iter()
                    .collect::<String>()
                    .trim()
                    .to_string()
            })
            .filter(|v| !v.is_empty())
            .collect::<Vec<_>>()
            .join(" ")
    };
    // 08:00 at UTC-5 is 13:00 UTC, 14:00 in Paris (UTC+1 in November).
    assert_eq!(
        column(record, reference),
        "2026-11-18 08:00 -05:00, 13:00 UTC, 14:00 in Paris",
        "{s}"
    );
    assert_eq!(
        column(reference, end),
        "2026-11-19 13:00 UTC, 14:00 in Paris",
        "{s}"
    );
    insta::assert_snapshot!(s);
}

/// A message longer than the screen is wide (FRE003's, in real audits) is wrapped in the
/// detail's head, and the lines under it still show.
#[test]
fn a_long_message_is_read_whole() {
    let mut app = tui_common::app();
    let long = "the newest update in the corpus (2026-11-17 11:00 UTC) is 121 hours before the \
                audit time, more than the 72 hours recommended: the corpus is not kept fresh";
    let i = app
        .report
        .findings
        .iter()
        .position(|f| f.rule == vigie::rules::Rule::FRE003)
        .unwrap();
    app.report.findings[i].message = long.into();
    let s = screen(&mut app, "tab enter", 80, 32);
    assert!(s.contains("FRE003"), "{s}");
    assert!(s.contains("the corpus is not kept fresh"), "{s}");
    assert!(s.contains("the corpus as a whole"), "{s}");
    assert!(s.contains("no waiver"), "{s}");
}

// The classic terminal size: every panel keeps its values (shorter headers, fewer columns, the
// articles a key away) rather than having them cut off.
snap!(overview_80x24, "", 80, 24);
snap!(list_80x24, "tab", 80, 24);
snap!(detail_text_80x24, "tab j j enter", 80, 24);

/// At 80 columns, with the counts of a national corpus, the audit panel still shows every count
/// (one pair to a line when two columns do not fit) and the matrix every total.
#[test]
fn the_overview_keeps_every_count_at_80_columns() {
    let mut report = tui_common::report();
    report.audit.records = 12_345_678;
    report.audit.matched_records = 12_300_001;
    report.audit.unreadable_records = 4_321;
    report.audit.reference_decisions = 13_999_999;
    report.audit.unreadable_reference_decisions = 17;
    report.summary.records_with_findings = 765_432;
    let mut app = App::with_report(vigie::tui::keymap::Keymap::default(), report, None);
    for (w, h) in [(80, 24), (100, 30), (120, 32)] {
        let s = screen(&mut app, "", w, h);
        for v in [
            "12345678",
            "12300001",
            "4321",
            "13999999",
            "17",
            "765432",
            "2026-11-22T12:00:00Z",
        ] {
            assert!(s.contains(v), "{v} missing at {w}×{h}:\n{s}");
        }
        // The matrix's header whole, abbreviated or not, and the reason for the verdict.
        assert!(s.contains("total"), "{s}");
        assert!(s.contains("serious or repeated breach"), "{s}");
        assert!(s.contains("(CGU XII)"), "{s}");
    }
}

/// Versions of reference decisions set aside (a decision read more than once) are said under the
/// audit panel's counts, as the reference decisions not read are: the count excludes them.
#[test]
fn the_overview_says_reference_versions_were_set_aside() {
    let mut report = tui_common::report();
    report.audit.superseded_reference = vec![vigie::report::SupersededInput::default(); 3];
    let mut app = App::with_report(vigie::tui::keymap::Keymap::default(), report, None);
    let s = screen(&mut app, "", 120, 32);
    assert!(
        s.contains("3 reference version(s) read more than once set aside"),
        "{s}"
    );
    // Nothing is said when there are none.
    let mut app = App::with_report(
        vigie::tui::keymap::Keymap::default(),
        tui_common::report(),
        None,
    );
    assert!(!screen(&mut app, "", 120, 32).contains("set aside"));
}

/// With `--previous`, the audit panel counts the findings found again and, of the earlier
/// report's breaches, those no longer found; at 80 columns too, where the labels shorten.
#[test]
fn the_overview_counts_what_the_previous_report_held() {
    let mut report = tui_common::report();
    report.audit.previous = Some(vigie::report::PreviousAudit {
        path: Some("last-night.json".into()),
        as_of: Some("2026-11-21T02:00:00Z".into()),
        repeated: 3,
        breaches: 7,
        breaches_no_longer_found: 4,
    });
    let mut app = App::with_report(vigie::tui::keymap::Keymap::default(), report, None);
    let s = screen(&mut app, "", 120, 32);
    let line = |s: &str, label: &str| {
        s.lines()
            .find(|l| l.contains(label))
            .unwrap_or_else(|| panic!("no {label}: {s}"))
            .to_string()
    };
    let words = |l: String| l.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        words(line(&s, "found again")).contains("found again 3 no longer found 4 of 7"),
        "{s}"
    );
    // At 80 columns, under the short labels (« repeated » alone would be found in the
    // verdict's « serious or repeated breach »).
    let s = screen(&mut app, "", 80, 24);
    assert!(
        s.lines()
            .any(|l| words(l.to_string()).contains("repeated 3 settled 4 of 7")),
        "{s}"
    );
    // Without `--previous`, neither.
    let mut app = App::with_report(
        vigie::tui::keymap::Keymap::default(),
        tui_common::report(),
        None,
    );
    let s = screen(&mut app, "", 120, 32);
    assert!(
        !s.contains("found again") && !s.contains("no longer"),
        "{s}"
    );
    // One finding is « 1 finding », in the verdict and in the filter.
    let mut report = tui_common::report();
    report.findings.truncate(1);
    report.summary = vigie::report::Summary::of(&report.findings);
    let mut app = App::with_report(vigie::tui::keymap::Keymap::default(), report, None);
    let s = screen(&mut app, "", 120, 32);
    assert!(s.contains("│1 finding "), "{s}");
    let s = screen(&mut app, "tab f", 120, 32);
    assert!(s.contains(" 1 finding shown"), "{s}");
}

/// Decisions DILA's suppression lists withdraw are counted there too.
#[test]
fn the_overview_says_decisions_were_withdrawn_at_source() {
    let mut report = tui_common::report();
    report.audit.withdrawn_reference = vec![vigie::report::WithdrawnInput::default(); 2];
    let mut app = App::with_report(vigie::tui::keymap::Keymap::default(), report, None);
    let s = screen(&mut app, "", 120, 32);
    assert!(
        s.contains("2 decision(s) withdrawn at source by DILA"),
        "{s}"
    );
}

/// The age chart shows the records dated more than a day after the audit time apart, in a
/// `future` bar, not among the fresh ones.
#[test]
fn the_overview_shows_dates_after_the_audit_apart() {
    let mut report = tui_common::report();
    report.audit.updated_at_ages.buckets = vec![
        ("≤72 h", 4),
        ("3–7 d", 1),
        ("1–4 wk", 2),
        ("1–6 mo", 1),
        (">6 mo", 0),
        ("none", 1),
        ("future", 3),
    ];
    let mut app = App::with_report(vigie::tui::keymap::Keymap::default(), report, None);
    let s = screen(&mut app, "", 120, 32);
    let labels = s
        .lines()
        .find(|l| l.contains("≤72 h"))
        .unwrap_or_else(|| panic!("{s}"));
    let at = |label: &str| {
        labels
            .find(label)
            .unwrap_or_else(|| panic!("{label}: {labels}"))
    };
    assert!(
        at("≤72 h") < at("none") && at("none") < at("future"),
        "{labels}"
    );
}

/// The list drops the family, then the place, at narrow widths; the message keeps 30 columns
/// or more, and severities and penalties are never cut.
#[test]
fn the_list_gives_way_to_the_message_on_narrow_screens() {
    for (w, family, place) in [(80, false, false), (100, false, true), (120, true, true)] {
        let mut app = tui_common::app();
        let s = screen(&mut app, "tab", w, 24);
        let header = s.lines().nth(2).unwrap();
        assert_eq!(header.contains("family"), family, "{w}: {header}");
        assert_eq!(header.contains("file:line"), place, "{w}: {header}");
        assert!(s.contains("critical"), "{s}");
        assert!(s.contains("permanent"), "{s}");
        let msg_col = header.find("message").unwrap();
        assert!(
            header.chars().count() - header[..msg_col].chars().count() >= 30,
            "{header}"
        );
    }
}

/// A finding on a field of the record's own naming (`meta<ESC>[2J.title`) shows the name
/// escaped: the key is corpus text too.
#[test]
fn a_field_named_by_the_corpus_never_reaches_the_terminal_raw() {
    use vigie::model::{Evidence, Finding, Personal, RecordRef};
    let mut report = tui_common::report();
    let rec = std::sync::Arc::new(RecordRef {
        id: Some("r-9".into()),
        line: 9,
        column: 1,
        ..RecordRef::default()
    });
    report.findings = vec![
        Finding::new(
            vigie::rules::Rule::MSK004,
            Some(rec),
            "the name of a natural person who is a party or a third party is shown in clear",
        )
        .with_evidence(Evidence {
            field: "meta\u{1b}[2J.title".to_string().into(),
            excerpt: Some("Affaire M. Hervé Wattelet".into()),
            personal: vec![Personal::whole(11, 25)],
            ..Default::default()
        }),
    ];
    report.summary = vigie::report::Summary::of(&report.findings);
    let mut app = App::with_report(vigie::tui::keymap::Keymap::default(), report, None);
    let s = screen(&mut app, "tab enter", 120, 32);
    assert!(!s.contains('\u{1b}'), "{s}");
    assert!(s.contains("meta␛[2J.title"), "{s}");
    assert!(!s.contains("Wattelet"), "{s}");
}

/// With a mapping, the detail view names the field of a finding as the reuser's schema does,
/// vigie's name beside it: the officer finds `meta.juridiction.chambre`, not `formation`.
#[test]
fn the_detail_names_a_mapped_field_by_the_reusers_path() {
    use vigie::model::{Evidence, Finding, RecordRef};
    let mut report = tui_common::report();
    let rec = std::sync::Arc::new(RecordRef {
        id: Some("r-9".into()),
        line: 9,
        column: 1,
        ..RecordRef::default()
    });
    report.findings = vec![
        Finding::new(
            vigie::rules::Rule::INT006,
            Some(rec),
            "formation «Chambre sociale» contradicts the reference (Chambre criminelle)",
        )
        .with_evidence(Evidence {
            field: "formation".to_string().into(),
            excerpt: Some("Chambre sociale".into()),
            ..Default::default()
        }),
    ];
    report.summary = vigie::report::Summary::of(&report.findings);
    let unmapped = screen(
        &mut App::with_report(vigie::tui::keymap::Keymap::default(), report.clone(), None),
        "tab enter",
        120,
        32,
    );
    assert!(
        unmapped.contains("record r-9  source —  corpus.jsonl:9 "),
        "{unmapped}"
    );
    assert!(!unmapped.contains("field formation"), "{unmapped}");
    report.audit.mapping = Some(vigie::report::MappingInfo {
        file: "m.toml".into(),
        fields: vec![("formation", "meta.juridiction.chambre".into(), 5)],
        ..Default::default()
    });
    let mut app = App::with_report(vigie::tui::keymap::Keymap::default(), report, None);
    let s = screen(&mut app, "tab enter", 120, 32);
    assert!(
        s.contains(
            "record r-9  source —  corpus.jsonl:9  field meta.juridiction.chambre (formation)"
        ),
        "{s}"
    );
}

/// The status line shows whole key hints: those that do not fit are left out, the least useful
/// first, rather than one being cut mid-word; `quit` stays.
#[test]
fn the_status_line_leaves_hints_out_whole() {
    let list = [
        "enter open",
        "/ search",
        "f filter",
        "s sort",
        "R group",
        "w waiver",
        "e export",
        "r reveal",
        "q quit",
    ];
    let detail = [
        "esc back",
        "n next",
        "p previous",
        "] next in record",
        "d toggle diff",
        "a toggle articles",
        "w waiver",
        "r reveal",
        "q quit",
    ];
    for (keys, all) in [("tab", &list), ("tab j j enter", &detail)] {
        for w in [60u16, 80, 100, 120] {
            let mut app = tui_common::app();
            let s = screen(&mut app, keys, w, 24);
            let status = s.lines().last().unwrap().trim_matches('"').trim_end();
            let shown: Vec<&str> = status.split("  ").collect();
            // Whole hints, in their order.
            let mut rest = all.iter();
            for h in &shown {
                assert!(rest.any(|x| x == h), "{w} columns: {h:?} in {status:?}");
            }
            assert_eq!(shown.last(), Some(&"q quit"), "{w} columns: {status:?}");
        }
    }
    // At 80 columns, the list leaves out grouping, the detail the next in record and reveal.
    let status = |keys: &str, w: u16| {
        let mut app = tui_common::app();
        let s = screen(&mut app, keys, w, 24);
        s.lines()
            .last()
            .unwrap()
            .trim_matches('"')
            .trim_end()
            .to_string()
    };
    assert_eq!(
        status("tab", 80),
        "enter open  / search  f filter  s sort  w waiver  e export  r reveal  q quit"
    );
    assert_eq!(
        status("tab j j enter", 80),
        "esc back  n next  p previous  d toggle diff  a toggle articles  w waiver  q quit"
    );
    // Wide enough, every hint.
    assert_eq!(status("tab", 120), list.join("  "));
}

/// A resize wraps the evidence again: the view keeps its place in the text (what was at the top
/// stays at the top), not its row number, unified and side by side.
#[test]
fn a_resize_keeps_the_place_in_the_evidence() {
    // The text of the rows from `row` on (the record's column), words joined by one space.
    let text_from = |app: &App, row: usize, rows: usize| -> String {
        let d = app.detail.as_ref().unwrap();
        let cache = d.wrapped.borrow();
        let column = cache.as_ref().unwrap().columns.last().unwrap();
        column[row..(row + rows).min(column.len())]
            .iter()
            .map(|l| l.to_string())
            .collect::<Vec<_>>()
            .join(" ")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    for keys in ["tab j j enter", "tab j j enter d"] {
        let mut app = tui_common::app();
        let mut t = Terminal::new(TestBackend::new(120, 32)).unwrap();
        let draw = |t: &mut Terminal<TestBackend>, app: &mut App, keys: &str| {
            for k in keys.split_whitespace() {
                tui_common::press(app, k);
                app.refresh();
                t.draw(|f| views::draw(f, app)).unwrap();
            }
        };
        draw(&mut t, &mut app, keys);
        // Well into the text, on a row that holds some.
        draw(&mut t, &mut app, &"j ".repeat(12));
        while text_from(&app, app.detail_scroll_drawn.get(), 1).len() < 20 {
            draw(&mut t, &mut app, "j");
        }
        let top = text_from(&app, app.detail_scroll_drawn.get(), 1);
        for width in [70, 160, 100] {
            t.backend_mut().resize(width, 32);
            t.draw(|f| views::draw(f, &app)).unwrap();
            // The old top row's text starts on the new top row.
            let first = text_from(&app, app.detail_scroll_drawn.get(), 1);
            let from_top = text_from(&app, app.detail_scroll_drawn.get(), 8);
            let at = from_top.find(&top);
            assert!(
                at.is_some_and(|at| at <= first.len()),
                "{keys} at {width} columns: {top:?} not at the top of {from_top:?}"
            );
        }
        // Back to the first width, the same rows: resizes do not drift.
        t.backend_mut().resize(120, 32);
        t.draw(|f| views::draw(f, &app)).unwrap();
        assert_eq!(
            text_from(&app, app.detail_scroll_drawn.get(), 1),
            top,
            "{keys}"
        );
        // Scrolling goes on from there.
        let row = app.detail_scroll_drawn.get();
        draw(&mut t, &mut app, "j");
        assert_eq!(app.detail_scroll_drawn.get(), row + 1, "{keys}");
    }
}

/// The terminal UI opens a finding off its thread (reading a record and its reference again and
/// diffing texts of megabytes takes a moment): the key is answered at once, the detail says
/// what is loading, esc goes back to the list and n/p open another finding instead; once come,
/// the finding shows as when opened at once.
#[test]
fn a_finding_opens_off_the_ui_thread() {
    use vigie::tui::app::View;
    let wait = |app: &mut App| {
        let start = std::time::Instant::now();
        while !app.poll_opening() {
            assert!(start.elapsed().as_secs() < 60, "never opened");
            std::thread::sleep(std::time::Duration::from_millis(2));
        }
    };
    let mut app = tui_common::app();
    app.open_in_background = true;
    let s = screen(&mut app, "tab j j enter", 120, 32);
    assert_eq!(app.view, View::Detail);
    assert!(app.opening.is_some() && app.detail.is_none());
    assert!(s.contains("Opening the finding"), "{s}");
    assert!(s.contains("MSK001") && s.contains("loading…"), "{s}");
    // Esc leaves it; what was being read is dropped.
    screen(&mut app, "esc", 120, 32);
    assert_eq!(app.view, View::List);
    assert!(app.opening.is_none() && !app.poll_opening());
    // Opened again and waited for: what opening at once shows.
    tui_common::press(&mut app, "enter");
    wait(&mut app);
    // Wrapped there for this screen: the first frame does not wrap it again.
    assert!(app.detail.as_ref().unwrap().wrapped.borrow().is_some());
    let mut at_once = tui_common::app();
    assert_eq!(
        screen(&mut app, "", 120, 32),
        screen(&mut at_once, "tab j j enter", 120, 32)
    );
    assert_eq!(app.detail.as_ref().unwrap().wraps.get(), 1);
    // Side by side, then the next finding twice, the second while the first loads: the
    // second comes, side by side still.
    tui_common::press(&mut app, "d n");
    assert!(app.opening.is_some());
    tui_common::press(&mut app, "n");
    wait(&mut app);
    let d = app.detail.as_ref().unwrap();
    assert_eq!(d.finding, app.order[app.selected]);
    assert_eq!(app.selected, 4);
    assert!(d.side_by_side);
    // Gone to the overview meanwhile, the auditor stays there.
    tui_common::press(&mut app, "n tab");
    wait(&mut app);
    assert_eq!(app.view, View::Overview);
}

/// A message wider than the screen (an export's error with its path, an audit's failure with
/// the file, line and column at fault) takes up to three lines rather than being cut; past
/// that, its end gives way to `…`.
#[test]
fn a_long_status_message_is_wrapped_not_cut() {
    let mut app = tui_common::app();
    let path = "/srv/exports/reuser-audit-2026-11-22/findings-by-record/report.csv";
    screen(&mut app, "tab", 80, 24);
    app.status = Some(format!(
        "export: cannot write {path}: No such file or directory (os error 2)"
    ));
    let s = screen(&mut app, "", 80, 24);
    let lines: Vec<&str> = s.lines().collect();
    let bottom: Vec<&str> = lines[lines.len() - 3..]
        .iter()
        .map(|l| l.trim_matches('"').trim_end())
        .collect();
    assert_eq!(
        bottom,
        [
            "export: cannot write",
            "/srv/exports/reuser-audit-2026-11-22/findings-by-record/report.csv: No such",
            "file or directory (os error 2)",
        ],
        "{s}"
    );
    // The list gave up two rows, and still ends with its border.
    assert!(lines[lines.len() - 4].contains("└"), "{s}");
    insta::assert_snapshot!(s);

    // An audit's failure, longer than three lines at 60 columns: three lines, the last cut.
    let mut app = tui_common::app();
    let err = format!(
        "cannot read the reference: {path}: line 48213, column 17: {}",
        "x ".repeat(80)
    );
    app.state = vigie::tui::app::AuditState::Failed(err);
    let s = screen(&mut app, "", 60, 20);
    let lines: Vec<&str> = s.lines().collect();
    let last3: Vec<&str> = lines[lines.len() - 3..]
        .iter()
        .map(|l| l.trim_matches('"').trim_end())
        .collect();
    assert!(last3[0].starts_with("cannot read the reference:"), "{s}");
    assert!(
        last3[1].contains("line 48213, column 17") || last3[2].contains("line 48213, column 17"),
        "{s}"
    );
    assert!(last3[2].ends_with('…'), "{s}");
    // The title still says the audit failed.
    assert!(lines[0].contains("audit failed"), "{s}");
}

/// While the reference loads, the title tells how much of it is read.
#[test]
fn the_title_tells_how_much_of_the_reference_is_loaded() {
    use vigie::audit::AuditEvent;
    let mut app = App::new(vigie::tui::keymap::Keymap::default());
    let s = screen(&mut app, "", 80, 24);
    assert!(
        s.lines().next().unwrap().contains("loading the reference…"),
        "{s}"
    );
    app.on_audit(AuditEvent::ReferenceProgress {
        bytes_done: 420,
        bytes_total: 1000,
    });
    let s = screen(&mut app, "", 80, 24);
    assert!(
        s.lines()
            .next()
            .unwrap()
            .contains("loading the reference 42%"),
        "{s}"
    );
    app.on_audit(AuditEvent::ReferenceLoaded { decisions: 92 });
    let s = screen(&mut app, "", 80, 24);
    assert!(!s.contains("loading the reference"), "{s}");
}

/// Waivers that could not be saved are said in the title for as long as they are not, however
/// narrow the screen, and no more once saved.
#[test]
fn the_title_says_waivers_are_not_saved() {
    for w in [120u16, 80, 50, 40, 30] {
        let mut app = tui_common::app();
        let s = screen(&mut app, "tab w enter j", w, 16);
        let title = s.lines().next().unwrap();
        assert!(title.contains(" 1 waiver NOT SAVED "), "{w}: {title}");
        if w >= 80 {
            assert!(title.contains("audit finished"), "{w}: {title}");
        }
        // A second one.
        let s = screen(&mut app, "w enter", w, 16);
        assert!(
            s.lines().next().unwrap().contains(" 2 waivers NOT SAVED "),
            "{s}"
        );
    }
    let mut app = tui_common::app();
    let s = screen(&mut app, "tab w enter w ctrl-d", 120, 16);
    assert!(!s.contains("NOT SAVED"), "{s}");
    insta::assert_snapshot!(screen(&mut tui_common::app(), "tab w enter j", 80, 12));
}

/// The test report with record ids as long as a real corpus's, that differ only at their end
/// (`jp-00000031`, `jp-00000032`…).
fn app_with_long_ids() -> App {
    let mut report = tui_common::report();
    for f in &mut report.findings {
        if let Some(r) = f.record.as_mut()
            && r.id.is_some()
        {
            std::sync::Arc::make_mut(r).id = Some(format!("jp-000000{}", 30 + r.line));
        }
    }
    let mut app = App::with_report(vigie::tui::keymap::Keymap::default(), report, None);
    app.now = || "2026-11-22T12:30:00Z".to_string();
    app
}

/// On a narrow screen the list keeps what tells findings apart, the rule's code and the
/// record's id, whole: the severity and penalty are shortened, then left out, before; and
/// whatever is cut says so with `…`.
#[test]
fn narrow_lists_keep_rule_codes_and_record_ids_whole() {
    for w in (26..=80u16).rev() {
        let mut app = app_with_long_ids();
        let s = screen(&mut app, "tab", w, 16);
        let rows: Vec<&str> = s.lines().skip(3).take(10).collect();
        for (row, &i) in rows.iter().zip(&app.order) {
            let f = &app.report.findings[i as usize];
            assert!(row.contains(f.rule.code()), "{w}: {row}\n{s}");
            if let Some(id) = f.record.as_ref().and_then(|r| r.id.as_deref()) {
                let id = id.replace('\u{1b}', "␛");
                assert!(row.contains(&format!(" {id} ")), "{w}: {row}\n{s}");
            }
            // A cut message ends with the mark.
            let cells = row
                .trim_matches('"')
                .trim_end_matches(['│', '▲', '▼', '█', '║']);
            assert!(
                cells.ends_with(' ') || cells.ends_with('…') || f.message.len() < 8,
                "{w}: {row}"
            );
        }
        let header = s.lines().nth(2).unwrap();
        match w {
            55.. => assert!(header.contains("severity  penalty"), "{w}: {header}"),
            45.. => assert!(header.contains(" sev  pen  rule"), "{w}: {header}"),
            40.. => assert!(header.contains(" W pen  rule"), "{w}: {header}"),
            _ => assert!(header.contains(" W rule"), "{w}: {header}"),
        }
    }
    insta::assert_snapshot!(screen(&mut app_with_long_ids(), "tab G", 50, 12));
    insta::assert_snapshot!(screen(&mut app_with_long_ids(), "tab G", 40, 12));
}

/// Long input in a prompt keeps its end and the cursor in view, and the key hints under it:
/// a long path and a long note wrap (the longest show their end); a long search scrolls.
#[test]
fn prompts_keep_the_end_of_long_input_in_view() {
    let path = "/srv/audits-2026/editeur-exemple-juris/novembre/rapport-final-v2.csv";
    let mut app = tui_common::app();
    tui_common::press(&mut app, "tab e");
    for _ in 0.."vigie-report.json".len() {
        tui_common::press(&mut app, "backspace");
    }
    tui_common::type_text(&mut app, path);
    let s = screen(&mut app, "", 120, 30);
    // (Cut where the line ends.)
    assert!(s.contains("t-final-v2.csv▏"), "{s}");
    assert!(
        s.contains("this file gets the json report, though its name tells csv"),
        "{s}"
    );
    assert!(s.contains("write  esc cancel"), "{s}");
    insta::assert_snapshot!("export_prompt_long_path", s);

    let note = "Vérifié avec le greffe le 20 novembre : la mention de la source figure en pied de \
                page sur le site, hors de l'export JSON fourni; deuxième phrase pour voir la fin. FIN";
    let mut app = tui_common::app();
    tui_common::press(&mut app, "tab j j w");
    tui_common::type_text(&mut app, note);
    let s = screen(&mut app, "", 120, 30);
    assert!(s.contains("la fin. FIN▏"), "{s}");
    assert!(s.contains("enter save"), "{s}");
    insta::assert_snapshot!("waiver_prompt_long_note", s);
    // Longer than six lines, or on a short screen: the end, marked as such, and the keys.
    for (times, h) in [(4, 30), (1, 10)] {
        let mut app = tui_common::app();
        tui_common::press(&mut app, "tab j j w");
        tui_common::type_text(&mut app, &[note; 4][..times].join(" "));
        let s = screen(&mut app, "", 120, h);
        assert!(s.contains("la fin. FIN▏"), "{s}");
        assert!(s.contains("│note: …"), "{s}");
        assert!(s.contains("enter save"), "{s}");
        assert!(s.contains("MSK001 on r-1"), "{s}");
    }

    let mut app = tui_common::app();
    tui_common::press(&mut app, "tab /");
    tui_common::type_text(&mut app, &format!("{} fin", "x".repeat(150)));
    let s = screen(&mut app, "", 80, 20);
    let last = s.lines().last().unwrap();
    assert!(last.contains("x fin▏"), "{last}");
    assert!(last.starts_with("\"/…"), "{last}");
}

/// The prompts draw the cursor where it is, and keep it in view in a long text: the text on
/// either side of what is shown is marked `…`.
#[test]
fn prompts_draw_the_cursor_where_it_is() {
    let mut app = tui_common::app();
    tui_common::press(&mut app, "tab /");
    tui_common::type_text(&mut app, &format!("start {} fin", "x".repeat(150)));
    let s = screen(&mut app, "home right right", 80, 20);
    let last = s.lines().last().unwrap();
    assert!(last.starts_with("\"/st▏art xxx"), "{last}");
    assert!(last.contains("x…  0 matches"), "{last}");
    // In the middle, moved by word: the end of what comes before, the cursor, and a mark.
    let s = screen(&mut app, "ctrl-right ctrl-right", 80, 20);
    let last = s.lines().last().unwrap();
    assert!(last.starts_with("\"/…xxx"), "{last}");
    assert!(last.contains("x ▏fin  0 matches"), "{last}");

    let note = "Vérifié avec le greffe le 20 novembre : la mention de la source figure en pied de \
                page sur le site, hors de l'export JSON fourni; deuxième phrase pour voir la fin. FIN";
    let mut app = tui_common::app();
    tui_common::press(&mut app, "tab j j w");
    tui_common::type_text(&mut app, &[note; 4].join(" "));
    tui_common::press(&mut app, "ctrl-a alt-f");
    let s = screen(&mut app, "", 120, 30);
    assert!(s.contains("│note: Vérifié ▏avec"), "{s}");
    assert!(!s.contains("la fin. FIN▏"), "{s}");
    assert!(s.contains("enter save"), "{s}");
    insta::assert_snapshot!("waiver_prompt_cursor_at_the_start", s);
}

/// Moving the cursor through a long search one character at a time moves the view by one
/// column at most: the cursor walks to its column, then the text scrolls under it, either way,
/// and never jumps (it did by a third of the line where the start of the text went out of view).
/// The characters either side of the cursor are always the query's there.
#[test]
fn a_long_search_scrolls_without_jumping() {
    let query: Vec<char> = (0..160u8).map(|i| char::from(b'a' + i % 26)).collect();
    let mut app = tui_common::app();
    tui_common::press(&mut app, "tab /");
    tui_common::type_text(&mut app, &query.iter().collect::<String>());
    // The column the query's first character would take (off screen when scrolled), with the
    // cursor after `pos` characters.
    let view = |app: &mut App, pos: usize| -> i64 {
        let s = screen(app, "", 80, 20);
        let line: Vec<char> = s.lines().last().unwrap().chars().collect();
        let col = line.iter().position(|&c| c == '▏').unwrap();
        if pos > 0 && line[col - 1] != '…' {
            assert_eq!(line[col - 1], query[pos - 1], "{pos}: {s}");
        }
        if pos < query.len() && line[col + 1] != '…' {
            assert_eq!(line[col + 1], query[pos], "{pos}: {s}");
        }
        col as i64 - pos as i64
    };
    tui_common::press(&mut app, "home");
    let mut last = view(&mut app, 0);
    let start = last;
    for pos in 1..=query.len() {
        tui_common::press(&mut app, "right");
        let now = view(&mut app, pos);
        assert!(
            now == last || now == last - 1,
            "right to {pos}: {last} -> {now}"
        );
        last = now;
    }
    assert!(last < start, "the text scrolled");
    for pos in (0..query.len()).rev() {
        tui_common::press(&mut app, "left");
        let now = view(&mut app, pos);
        assert!(
            now == last || now == last + 1,
            "left to {pos}: {last} -> {now}"
        );
        last = now;
    }
    assert_eq!(last, start);
}

/// The help lists the line editing keys of the text prompts.
#[test]
fn help_lists_the_prompt_editing_keys() {
    let mut app = tui_common::app();
    let s = screen(&mut app, &format!("?{}", " j".repeat(60)), 100, 40);
    assert!(s.contains("[prompt]"), "{s}");
    assert!(s.contains("ctrl-w"), "{s}");
    assert!(s.contains("delete back to the previous space"), "{s}");
    insta::assert_snapshot!("help_prompt_section", s);
}

/// A path starting with `~/` is followed by the file it writes, under `$HOME`.
#[test]
fn the_export_prompt_says_where_a_tilde_path_goes() {
    let mut app = tui_common::app();
    app.home = Some("/home/auditor".into());
    tui_common::press(&mut app, "tab e ctrl-u");
    tui_common::type_text(&mut app, "~/reports/x.json");
    let s = screen(&mut app, "", 80, 24);
    assert!(s.contains("path:   ~/reports/x.json▏"), "{s}");
    assert!(s.contains("writes /home/auditor/reports/x.json"), "{s}");
    insta::assert_snapshot!("export_prompt_tilde", s);
}

/// The rows a pane's bottom border says it shows: ` 61–87 of 87 ` → (61, 87, 87).
fn rows_shown(screen: &str) -> (usize, usize, usize) {
    let re = regex::Regex::new(r" (\d+)–(\d+) of (\d+) ").unwrap();
    let c = re.captures(screen).unwrap_or_else(|| panic!("{screen}"));
    let n = |i: usize| c[i].parse::<usize>().unwrap();
    (n(1), n(2), n(3))
}

/// Scrolled to the end (`G` in the detail's text and articles; `j` in the help), the last line
/// is at the bottom of the pane, and `j`, `pagedown` and the wheel leave it there rather than
/// scroll on into blank rows.
#[test]
fn scrolling_stops_at_the_last_line() {
    let to_end_of_help = format!("?{}", " j".repeat(200));
    for (keys, w, h) in [
        ("tab j j enter G", 120, 32),
        ("tab j j enter d G", 120, 32),
        ("tab j j enter a G", 100, 20),
        (to_end_of_help.as_str(), 100, 20),
    ] {
        let mut app = tui_common::app();
        let at_end = screen(&mut app, keys, w, h);
        let (first, last, total) = rows_shown(&at_end);
        assert!(first > 1, "{keys}: {at_end}");
        assert_eq!(last, total, "{keys}: {at_end}");
        for more in ["j", "pagedown", "space", "ctrl-f"] {
            assert_eq!(screen(&mut app, more, w, h), at_end, "{keys} then {more}");
        }
        app.on_scroll(3);
        assert_eq!(screen(&mut app, "", w, h), at_end, "{keys} then the wheel");
        // And back up by one line: one line up.
        let up = screen(&mut app, "k", w, h);
        assert_eq!(
            rows_shown(&up),
            (first - 1, last - 1, total),
            "{keys}: {up}"
        );
    }
}

/// The help pages as the detail does: `G`/`end` to its end, `g`/`home` to its start,
/// `pagedown`/`space` and `pageup` by a page (the UI smoke test found them doing nothing).
#[test]
fn the_help_pages() {
    let (w, h) = (100, 20);
    let mut app = tui_common::app();
    let start = screen(&mut app, "?", w, h);
    let (first, last, total) = rows_shown(&start);
    assert_eq!(first, 1, "{start}");
    let end = screen(&mut app, "G", w, h);
    assert_eq!(rows_shown(&end).1, total, "{end}");
    assert_eq!(screen(&mut app, "g", w, h), start);
    assert_eq!(screen(&mut app, "end", w, h), end);
    assert_eq!(screen(&mut app, "home", w, h), start);
    for key in ["pagedown", "space", "ctrl-f"] {
        let paged = screen(&mut app, key, w, h);
        let (f, _, _) = rows_shown(&paged);
        assert!(f > first && f <= last + 1, "{key}: {paged}");
        assert_eq!(screen(&mut app, "pageup", w, h), start, "{key} then pageup");
    }
}

/// A corpus of two folders that each hold a `corpus.jsonl`: the list and the detail name each
/// file by as much of its path as tells it from the other.
#[test]
fn files_of_the_same_name_are_told_apart() {
    let mut report = tui_common::report();
    report.files = vec![
        "exports/2024/corpus.jsonl".into(),
        "exports/2025/corpus.jsonl".into(),
    ];
    for f in &mut report.findings {
        if let Some(r) = &f.record
            && r.line >= 4
        {
            let mut r = (**r).clone();
            r.file_index = 1;
            f.record = Some(std::sync::Arc::new(r));
        }
    }
    let mut app = vigie::tui::app::App::with_report(
        vigie::tui::keymap::Keymap::default(),
        report,
        Some(std::sync::Arc::new(tui_common::Context)),
    );
    let s = screen(&mut app, "tab", 120, 32);
    assert!(s.contains("2024/corpus.jsonl:1"), "{s}");
    assert!(s.contains("2025/corpus.jsonl:4"), "{s}");
    assert!(!s.contains("exports/"), "{s}");
    // The detail of a record, and of an unreadable line.
    let s = screen(&mut app, "j j enter", 120, 32);
    assert!(s.contains("2024/corpus.jsonl:1"), "{s}");
    let s = screen(&mut app, "esc G k enter", 120, 32);
    assert!(s.contains("2025/corpus.jsonl, line 5"), "{s}");
    // On a narrow list, a long name gives way at its start, the line stays.
    let s = screen(&mut app, "esc", 100, 32);
    assert!(
        s.contains("…25/corpus.jsonl:4") || s.contains("2025/corpus.jsonl:4"),
        "{s}"
    );
}

/// Exporting to a folder says so in the prompt, which stays open with the path typed.
#[test]
fn the_export_prompt_says_a_folder_is_no_file() {
    let mut app = tui_common::app();
    tui_common::press(&mut app, "tab e");
    for _ in 0.."vigie-report.json".len() {
        tui_common::press(&mut app, "backspace");
    }
    tui_common::type_text(&mut app, "/tmp");
    let s = screen(&mut app, "enter", 120, 30);
    assert!(s.contains("Export the report"), "{s}");
    assert!(s.contains("path:   /tmp▏"), "{s}");
    assert!(
        s.contains("/tmp: is a folder, not a file the report can be written to"),
        "{s}"
    );
    assert!(!s.contains("this file exists"), "{s}");
}

/// A value wider than its column in the identification table wraps and is read whole; when
/// the screen has no room for that, it ends with `…`: never cut without a mark.
#[test]
fn identification_values_are_read_whole_or_marked_cut() {
    let attribution = "Données : open data des juridictions judiciaires, Cour de cassation \
                       (Judilibre), licence ouverte";
    let mut app = tui_common::app();
    tui_common::press(&mut app, "tab j enter");
    let rec = app.detail.as_mut().unwrap().record.as_mut().unwrap();
    rec.attribution = Some(attribution.into());
    let s = screen(&mut app, "", 120, 40);
    // Every field, and every word of the value, in the record's column.
    for field in [
        "source_id",
        "jurisdiction",
        "formation",
        "seat",
        "decision_date",
        "number",
        "attribution",
        "updated_at",
    ] {
        assert!(s.contains(&format!(" {field} ")), "{field}\n{s}");
    }
    let lines: Vec<&str> = s.lines().collect();
    let from = lines
        .iter()
        .position(|l| l.contains(" attribution "))
        .unwrap();
    let to = lines
        .iter()
        .position(|l| l.contains(" updated_at "))
        .unwrap();
    // The identification panel's part of each line, past the mark and the field.
    let cell: Vec<String> = lines[from..to]
        .iter()
        .map(|l| l.split('│').nth(1).unwrap().chars().skip(16).collect())
        .collect();
    let joined = cell.join(" ");
    let words: Vec<&str> = joined.split_whitespace().collect();
    for w in attribution.split_whitespace() {
        assert!(words.contains(&w), "{w} missing: {words:?}\n{s}");
    }
    insta::assert_snapshot!(s);

    // Short of room: one line each, the cut marked (the reference copy's origin too).
    let s = screen(&mut app, "", 120, 24);
    let row = s.lines().find(|l| l.contains(" attribution ")).expect(&s);
    assert!(row.contains("Données : open data des…"), "{row}\n{s}");
    let row = s.lines().find(|l| l.contains(" compared with ")).expect(&s);
    assert!(row.contains("JURITEXT000048176061 …"), "{row}\n{s}");
    assert!(s.contains(" updated_at "), "{s}");
}

/// The identification panel of an unreadable line (IN001) says what it is, where, and shows
/// the line when the evidence gives it (sanitised); a corpus-level finding's says it has none.
#[test]
fn an_unreadable_lines_identification_says_what_it_is() {
    let mut app = tui_common::app();
    let i = app
        .report
        .findings
        .iter()
        .position(|f| f.rule == vigie::rules::Rule::IN001)
        .unwrap();
    app.report.findings[i].evidence = Some(
        vigie::model::Evidence {
            field: "line".into(),
            excerpt: Some("{\"id\": \"r-5\u{1b}[2J\", \"text\": ".into()),
            ..Default::default()
        }
        .into(),
    );
    let s = screen(&mut app, "tab j j j j j j j j enter", 120, 32);
    assert!(
        s.contains("Identification: an unreadable line, no record"),
        "{s}"
    );
    assert!(!s.contains("not read yet"), "{s}");
    assert!(
        s.contains("corpus.jsonl, line 5: not a record vigie could read, so there is"),
        "{s}"
    );
    assert!(
        s.contains("the line: {\"id\": \"r-5␛[2J\", \"text\": "),
        "{s}"
    );
    assert!(!s.contains('\u{1b}'), "{s}");
    insta::assert_snapshot!(s);

    let mut app = tui_common::app();
    let s = screen(&mut app, "tab enter", 120, 32);
    assert!(
        s.contains("Identification: none, a finding on the corpus as a whole"),
        "{s}"
    );
}

/// The title line never passes a cut for the whole: however narrow the screen, it is the
/// title at full width or its beginning ending in `…`.
#[test]
fn the_title_is_whole_or_marked_cut() {
    for keys in ["", "tab", "tab j enter"] {
        let full = screen(&mut tui_common::app(), keys, 200, 24);
        let full = full.lines().next().unwrap().trim_matches('"').trim_end();
        for w in 20..=120u16 {
            let s = screen(&mut tui_common::app(), keys, w, 24);
            let title = s.lines().next().unwrap().trim_matches('"').trim_end();
            match title.strip_suffix('…') {
                Some(head) => assert!(full.starts_with(head), "{w}: {title}"),
                None => assert_eq!(title, full, "{w}"),
            }
        }
    }
    insta::assert_snapshot!(
        "small_detail_40x12",
        screen(&mut tui_common::app(), "tab j enter", 40, 12)
    );
}

/// Short of rows, the identification keeps the fields that differ and names those it leaves
/// out on its last row: none is dropped without a mark.
#[test]
fn the_identification_names_the_fields_it_leaves_out() {
    let fields = [
        "source_id",
        "compared with",
        "jurisdiction",
        "formation",
        "seat",
        "decision_date",
        "number",
        "attribution",
        "updated_at",
    ];
    for w in [60u16, 80, 120] {
        for h in 11..=32u16 {
            let s = screen(&mut tui_common::app(), "tab j enter", w, h);
            let panel: Vec<&str> = s
                .lines()
                .skip_while(|l| !l.contains("Identification"))
                .skip(1)
                .take_while(|l| !l.contains('└'))
                .collect();
            let more = panel.iter().find(|l| l.contains(" more field"));
            for field in fields {
                let shown = panel.iter().any(|l| l.contains(&format!(" {field} ")));
                let named = more.is_some_and(|m| m.contains(field) || m.contains('…'));
                assert!(shown || named, "{w}x{h}: {field}\n{s}");
            }
            // The field at fault (INT006: decision_date) is always among those shown.
            if !panel.is_empty() && !panel.iter().all(|l| l.contains(" more field")) {
                assert!(
                    panel.iter().any(|l| l.contains("≠ decision_date")),
                    "{w}x{h}\n{s}"
                );
            }
        }
    }
    insta::assert_snapshot!(
        "detail_identification_60x15",
        screen(&mut tui_common::app(), "tab j enter", 60, 15)
    );
    insta::assert_snapshot!(
        "detail_identification_80x22",
        screen(&mut tui_common::app(), "tab j j enter", 80, 22)
    );
}

// Small screens: what does not fit says so (`…`, `… N more`, a panel named as not shown, or
// the rows the view needs).
snap!(small_overview_40x12, "", 40, 12);
snap!(small_overview_60x15, "", 60, 15);
snap!(small_overview_40x10, "", 40, 10);
snap!(small_overview_50x13, "", 50, 13);

/// The family × severity table keeps its header on a short screen: families give way first,
/// and the last row says how many are not shown; every family is shown or counted.
#[test]
fn a_short_overview_keeps_the_tables_header() {
    let families = [
        ("integr", "integrity"),
        ("attrib", "attribution"),
        ("fresh", "freshness"),
        ("mask", "masking"),
        ("profil", "profiling"),
        ("input", "input"),
    ];
    for w in [40u16, 50, 60, 80, 120] {
        for h in 7..=32u16 {
            let s = screen(&mut tui_common::app(), "", w, h);
            let panel: Vec<&str> = s
                .lines()
                .skip_while(|l| !l.contains("Findings by family"))
                .skip(1)
                .take_while(|l| !l.contains('└'))
                .collect();
            if panel.is_empty() {
                continue;
            }
            // The table's own column, between the panel's borders.
            let cell = |l: &str| l.split('│').nth(1).unwrap_or("").to_string();
            let shown: Vec<usize> = families
                .iter()
                .enumerate()
                .filter(|(_, (short, long))| {
                    panel.iter().any(|l| {
                        let c = cell(l);
                        c.starts_with(&format!("{short} ")) || c.starts_with(&format!("{long} "))
                    })
                })
                .map(|(i, _)| i)
                .collect();
            if !shown.is_empty() {
                assert!(cell(panel[0]).starts_with("family "), "{w}x{h}\n{s}");
            }
            let left_out = families.len() - shown.len();
            if left_out > 0 {
                let more = if shown.is_empty() {
                    format!("… {left_out} families not shown")
                } else {
                    format!("… {left_out} more families")
                };
                assert!(
                    cell(panel[panel.len() - 1]).starts_with(&more),
                    "{w}x{h}\n{s}"
                );
            }
        }
    }
}
snap!(small_list_20x5, "tab", 20, 5);
snap!(small_help_40x12, "?", 40, 12);
snap!(small_filter_40x12, "tab f", 40, 12);
snap!(small_export_40x12, "e", 40, 12);

// A corpus none of whose records could be read has no verdict: the overview does not show the
// `COMPLIANT` its findings (IN001 alone, with no penalty) would give.
#[test]
fn an_audit_that_read_no_record_shows_no_verdict() {
    let mut report = tui_common::report();
    report
        .findings
        .retain(|f| f.rule == vigie::rules::Rule::IN001);
    assert_eq!(report.findings.len(), 1);
    report.summary = vigie::report::Summary::of(&report.findings);
    report.audit.records = 0;
    report.audit.unreadable_records = 1;
    report.audit.matched_records = 0;
    report.audit.producers.clear();
    let mut app = App::with_report(vigie::tui::keymap::Keymap::default(), report.clone(), None);
    let text = screen(&mut app, "", 120, 32);
    assert!(text.contains("NO VERDICT"), "{text}");
    assert!(
        text.contains("no record of the corpus could be read"),
        "{text}"
    );
    assert!(!text.contains("COMPLIANT"), "{text}");
    // One record read is enough for a verdict.
    report.audit.records = 1;
    let mut app = App::with_report(vigie::tui::keymap::Keymap::default(), report, None);
    let text = screen(&mut app, "", 120, 32);
    assert!(text.contains("COMPLIANT"), "{text}");
    assert!(!text.contains("NO VERDICT"), "{text}");
}

/// The detail names the reference copy the record was compared with (its id at the source and
/// where vigie read it, as the JSON report's `record.compared_with`): whole on a wide screen,
/// its start given up for its end (the file and line) on a narrow one, sanitised, and absent
/// when the record matched no reference decision.
#[test]
fn the_detail_names_the_reference_copy() {
    let app = |origin: &str| {
        let mut report = tui_common::report();
        for f in &mut report.findings {
            if let Some(r) = &f.record
                && r.id.as_deref() == Some("r-1")
            {
                let mut r = (**r).clone();
                r.compared_with = Some(std::sync::Arc::new(vigie::model::ComparedWith {
                    id: "JURITEXT000048176061".into(),
                    origin: origin.into(),
                }));
                f.record = Some(std::sync::Arc::new(r));
            }
        }
        let mut a = App::with_report(
            vigie::tui::keymap::Keymap::default(),
            report,
            Some(std::sync::Arc::new(tui_common::Context)),
        );
        a.now = || "2026-11-22T12:30:00Z".to_string();
        a
    };
    // Wide enough (the identification across 99 columns, a 40-column value): on one line, in
    // the reference's column, the escape shown as a symbol.
    let s = screen(&mut app("juri\u{1b}[2J.jsonl:12"), "tab j enter", 99, 40);
    let row = s.lines().find(|l| l.contains(" compared with ")).expect(&s);
    assert!(
        row.contains("JURITEXT000048176061 juri␛[2J.jsonl:12"),
        "{s}"
    );
    assert!(!s.contains('\u{1b}'), "{s}");
    // The record's column of that row is blank: the copy is the reference's.
    let after_name = &row[row.find("compared with").unwrap() + "compared with".len()..];
    assert!(after_name.trim_start().starts_with("JURITEXT"), "{row}");

    // Narrow (a 23-column value): the id on its line, the origin's end on the next, its
    // start given up and marked.
    let s = screen(
        &mut app("reference/juri\u{1b}[2J.jsonl:12"),
        "tab j enter",
        120,
        40,
    );
    let lines: Vec<&str> = s.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.contains(" compared with "))
        .expect(&s);
    assert!(lines[at].contains("JURITEXT000048176061 "), "{s}");
    assert!(lines[at + 1].contains(" …ence/juri␛[2J.jsonl:12│"), "{s}");
    assert!(!s.contains('\u{1b}'), "{s}");

    // No reference decision (INT007, the last finding): no such row.
    let s = screen(&mut app("x"), "tab G enter", 160, 40);
    assert!(s.contains("INT007"), "{s}");
    assert!(s.contains(" source_id "), "{s}");
    assert!(!s.contains("compared with"), "{s}");
}

// The audit's warnings (what a headless run says on standard error): counted on the overview's
// first row, with the first one; whole at the top of the help, wrapped, the inputs they name
// under them.
#[test]
fn the_warnings_are_counted_on_the_overview_and_shown_whole_in_the_help() {
    let mut app = tui_common::app();
    app.warnings = vec![
        "1 transaction of the history is dated after the audit time (2026-11-22T12:00:00Z) and \
         was set aside"
            .to_string(),
        "1 corpus input given more than once was read once:\n  ./corpus.jsonl: already read \
         through corpus.jsonl"
            .to_string(),
    ];
    let overview = screen(&mut app, "", 100, 30);
    assert!(overview.contains("⚠ 2 warnings (? shows them): 1 transaction of the history"));
    insta::assert_snapshot!("overview_with_warnings", overview);
    let help = screen(&mut app, "?", 100, 30);
    assert!(help.contains("Warnings and keys"));
    insta::assert_snapshot!("help_with_warnings", help);
}
