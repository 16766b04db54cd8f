//! The UI's state and update logic, without a terminal.

mod tui_common;

use tui_common::{app, press, type_text};
use vigie::audit::{AuditEvent, Progress};
use vigie::report::WaiverStatus;
use vigie::rules::{Penalty, Rule, Severity};
use vigie::tui::app::{App, AuditState, SortColumn, View};
use vigie::tui::keymap::Keymap;

fn shown_rules(app: &App) -> Vec<&'static str> {
    app.order
        .iter()
        .map(|&i| app.report.findings[i as usize].rule.code())
        .collect()
}

#[test]
fn opens_on_the_overview_and_tab_switches() {
    let mut a = app();
    assert_eq!(a.view, View::Overview);
    press(&mut a, "tab");
    assert_eq!(a.view, View::List);
    press(&mut a, "tab");
    assert_eq!(a.view, View::Overview);
    press(&mut a, "enter");
    assert_eq!(a.view, View::List);
}

#[test]
fn the_list_starts_in_report_order() {
    let a = app();
    // FRE003 (corpus level) first, then by line, then by rule within a line.
    assert_eq!(
        shown_rules(&a),
        [
            "FRE003", "INT006", "MSK001", "ATT001", "FRE001", "MSK004", "MSK005", "INT001",
            "IN001", "INT007"
        ]
    );
}

#[test]
fn moving_stays_in_bounds() {
    let mut a = app();
    press(&mut a, "tab k k");
    assert_eq!(a.selected, 0);
    press(&mut a, "j j j");
    assert_eq!(a.selected, 3);
    press(&mut a, "G");
    assert_eq!(a.selected, 9);
    press(&mut a, "j down");
    assert_eq!(a.selected, 9);
    press(&mut a, "g");
    assert_eq!(a.selected, 0);
    press(&mut a, "pagedown");
    assert_eq!(a.selected, 9, "a page is 20 rows before the first frame");
}

#[test]
fn sort_cycles_columns_and_keeps_the_selection() {
    let mut a = app();
    press(&mut a, "tab j j"); // MSK001
    press(&mut a, "s");
    assert_eq!(a.sort, SortColumn::Severity);
    // Critical first; the selected MSK001 (the only critical) moves to the top.
    assert_eq!(shown_rules(&a)[0], "MSK001");
    assert_eq!(a.selected, 0);
    // High: INT006, MSK004, MSK005, INT001, IN001 in report order (the sort is stable).
    assert_eq!(
        &shown_rules(&a)[1..6],
        ["INT006", "MSK004", "MSK005", "INT001", "IN001"]
    );
    assert_eq!(shown_rules(&a)[9], "INT007");
    press(&mut a, "S");
    assert!(a.descending);
    assert_eq!(shown_rules(&a)[0], "INT007");
    assert_eq!(shown_rules(&a)[9], "MSK001");
    press(&mut a, "s"); // penalty
    assert_eq!(a.sort, SortColumn::Penalty);
    let pens: Vec<Penalty> = a
        .order
        .iter()
        .map(|&i| a.report.findings[i as usize].penalty)
        .collect();
    let mut sorted = pens.clone();
    sorted.sort();
    assert_eq!(pens, sorted);
    press(&mut a, "s s s"); // rule, family, record
    assert_eq!(a.sort, SortColumn::Record);
    let ids: Vec<String> = a
        .order
        .iter()
        .map(|&i| {
            a.report.findings[i as usize]
                .record
                .as_ref()
                .and_then(|r| r.id.clone())
                .unwrap_or_default()
        })
        .collect();
    // No id (the corpus finding and the unreadable line) sorts first.
    assert_eq!(ids[..4], ["", "", "r-1", "r-1"]);
    press(&mut a, "s s");
    assert_eq!(a.sort, SortColumn::Position);
}

#[test]
fn filter_by_family_severity_and_flags() {
    let mut a = app();
    press(&mut a, "tab f");
    press(&mut a, "l l l l"); // family: integrity, attribution, freshness, masking
    assert_eq!(shown_rules(&a), ["MSK001", "MSK004", "MSK005"]);
    press(&mut a, "j j l"); // severity: critical
    assert_eq!(shown_rules(&a), ["MSK001"]);
    press(&mut a, "x"); // severity back to any
    press(&mut a, "j j j l"); // source defect: yes
    assert_eq!(shown_rules(&a), ["MSK004", "MSK005"]);
    press(&mut a, "esc");
    assert!(a.overlay.is_none());
    assert_eq!(a.filter.describe(), "family=masking source_defect=yes");
    press(&mut a, "esc"); // clear
    assert_eq!(a.order.len(), 10);
    // Repeated.
    press(&mut a, "f j j j j l esc");
    assert_eq!(shown_rules(&a), ["INT001"]);
}

#[test]
fn filter_by_rule_and_penalty() {
    let mut a = app();
    press(&mut a, "tab f j");
    // Rule cycles through the rules that fired, in the registry's order: INT001, then INT006.
    press(&mut a, "l l");
    assert_eq!(a.filter.rule, Some(Rule::INT006));
    assert_eq!(shown_rules(&a), ["INT006"]);
    press(&mut a, "x j j l"); // penalty: permanent
    assert_eq!(shown_rules(&a), ["MSK001", "MSK004", "MSK005", "INT001"]);
}

// The rule filter offers the rules that fired (the ten of the synthetic audit, in the
// registry's order), not all 23; with a family chosen, those of that family.
#[test]
fn the_rule_filter_offers_the_rules_that_fired() {
    let mut a = app();
    press(&mut a, "tab f j");
    let mut offered = Vec::new();
    loop {
        press(&mut a, "l");
        match a.filter.rule {
            Some(r) => offered.push(r.code()),
            None => break,
        }
        assert!(offered.len() <= Rule::ALL.len(), "{offered:?}");
    }
    assert_eq!(
        offered,
        [
            "INT001", "INT006", "INT007", "ATT001", "FRE001", "FRE003", "MSK001", "MSK004",
            "MSK005", "IN001"
        ]
    );
    // Every one shows findings.
    for _ in &offered {
        press(&mut a, "l");
        assert!(!a.order.is_empty(), "{:?}", a.filter.rule);
    }
    // family = masking: its three rules, then any; backwards from any, the last of them.
    press(&mut a, "x k l l l l j");
    assert_eq!(a.filter.family, Some(vigie::rules::Family::Masking));
    assert_eq!(a.filter.rule, None);
    let mut masking = Vec::new();
    for _ in 0..4 {
        press(&mut a, "l");
        masking.push(a.filter.rule.map(Rule::code));
    }
    assert_eq!(
        masking,
        [Some("MSK001"), Some("MSK004"), Some("MSK005"), None]
    );
    press(&mut a, "h");
    assert_eq!(a.filter.rule, Some(Rule::MSK005));
}

#[test]
fn search_matches_rule_record_and_message_as_you_type() {
    let mut a = app();
    press(&mut a, "tab /");
    type_text(&mut a, "msk00");
    assert_eq!(shown_rules(&a), ["MSK001", "MSK004", "MSK005"]);
    press(&mut a, "backspace backspace backspace backspace backspace");
    type_text(&mut a, "r-2");
    assert_eq!(shown_rules(&a), ["ATT001", "FRE001"]);
    press(&mut a, "enter");
    assert!(a.overlay.is_none());
    assert_eq!(a.search, "r-2");
    // `q` typed in the search is text, not quit.
    press(&mut a, "/");
    type_text(&mut a, "q");
    assert!(!a.should_quit);
    assert_eq!(a.search, "r-2q");
    assert!(a.order.is_empty());
    press(&mut a, "esc");
    assert_eq!(a.search, "");
    assert_eq!(a.order.len(), 10);
    // ctrl-c still quits from a prompt.
    press(&mut a, "/ ctrl-c");
    assert!(a.should_quit);
}

#[test]
fn grouping_keeps_a_records_findings_together() {
    let mut a = app();
    press(&mut a, "tab s"); // by severity: r-1's findings are apart
    let pos = |a: &App, r: &str| -> Vec<usize> {
        a.order
            .iter()
            .enumerate()
            .filter(|(_, i)| {
                a.report.findings[**i as usize]
                    .record
                    .as_ref()
                    .and_then(|x| x.id.as_deref())
                    == Some(r)
            })
            .map(|(p, _)| p)
            .collect()
    };
    assert_eq!(pos(&a, "r-1"), [0, 1]);
    assert_eq!(pos(&a, "r-3"), [2, 3]);
    press(&mut a, "R");
    assert!(a.group);
    let p = pos(&a, "r-3");
    assert_eq!(p[1], p[0] + 1);
    // Within a record, the chosen sort still applies: MSK001 (critical) before INT006 (high).
    assert_eq!(shown_rules(&a)[1..3], ["MSK001", "INT006"]);
    assert!(a.starts_group(1));
    assert!(!a.starts_group(2));
}

#[test]
fn detail_navigates_the_list_and_the_record() {
    let mut a = app();
    press(&mut a, "tab j enter");
    assert_eq!(a.view, View::Detail);
    let d = a.detail.as_ref().unwrap();
    assert_eq!(a.report.findings[d.finding as usize].rule, Rule::INT006);
    assert!(d.record.is_some() && d.reference.is_some());
    press(&mut a, "]");
    let d = a.detail.as_ref().unwrap();
    assert_eq!(a.report.findings[d.finding as usize].rule, Rule::MSK001);
    press(&mut a, "]");
    assert!(
        a.status
            .as_deref()
            .unwrap()
            .contains("no next finding of this record")
    );
    press(&mut a, "n");
    let d = a.detail.as_ref().unwrap();
    assert_eq!(a.report.findings[d.finding as usize].rule, Rule::ATT001);
    press(&mut a, "p p");
    let d = a.detail.as_ref().unwrap();
    assert_eq!(a.report.findings[d.finding as usize].rule, Rule::INT006);
    press(&mut a, "esc");
    assert_eq!(a.view, View::List);
    assert_eq!(a.selected, 1);
}

#[test]
fn the_diff_marks_the_lifted_marker() {
    let mut a = app();
    press(&mut a, "tab j j enter");
    let d = a.detail.as_ref().unwrap();
    assert_eq!(d.diff.removed, 3, "`[`, `C`, `]` of the reference");
    assert_eq!(d.diff.added, 1, "`Kaminski` of the record");
    let added: Vec<_> = d
        .diff
        .unified
        .iter()
        .filter(|s| s.kind == vigie::tui::diff::SegKind::Added)
        .collect();
    assert_eq!(added.len(), 1);
    assert_eq!(added[0].text, "Kaminski");
    assert!(added[0].highlight && added[0].personal);
}

/// The reference text could not be read again (its file changed since the audit): the detail
/// view shows the evidence's excerpts, and says why, rather than diffing the record against an
/// empty text as if all of it were inserted.
#[test]
fn a_reference_text_that_cannot_be_read_again_is_told_not_diffed() {
    use vigie::audit::AuditContext;
    use vigie::model::{Record, RecordRef, ReferenceDecision};
    struct Changed;
    impl AuditContext for Changed {
        fn record(&self, r: &RecordRef) -> Option<Record> {
            tui_common::Context.record(r)
        }
        fn reference_for(&self, source_id: &str) -> Option<(ReferenceDecision, Option<String>)> {
            tui_common::Context
                .reference_for(source_id)
                .map(|(mut d, _)| {
                    d.text.clear();
                    let why = "ref/x.xml: the decision's text cannot be read again: the file is \
                           shorter than when it was read\u{1b}[2J";
                    (d, Some(why.to_string()))
                })
        }
    }
    let mut a = App::with_report(
        Keymap::default(),
        tui_common::report(),
        Some(std::sync::Arc::new(Changed)),
    );
    press(&mut a, "tab j j enter");
    let d = a.detail.as_ref().unwrap();
    assert_eq!(a.report.findings[d.finding as usize].rule, Rule::MSK001);
    assert!(
        d.diff.source.starts_with("excerpts of `text`"),
        "{}",
        d.diff.source
    );
    assert!(
        d.diff
            .source
            .contains("the reference text cannot be read: ref/x.xml"),
        "{}",
        d.diff.source
    );
    assert!(!d.diff.source.contains('\u{1b}'), "{}", d.diff.source);
    // The excerpts' diff: the marker lifted, not the whole record inserted.
    assert!(d.diff.added <= 3, "{}", d.diff.added);
}

#[test]
fn waivers_are_set_saved_and_reloaded() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("waivers.json");
    let mut a = app();
    a.waivers_path = Some(path.clone());
    press(&mut a, "tab j j w");
    type_text(&mut a, "vu avec le DPO q");
    press(&mut a, "down enter");
    let fp = a.report.findings[a.order[2] as usize].fingerprint();
    let w = a.report.waivers.get(&fp).expect("waiver set");
    assert_eq!(w.status, WaiverStatus::Accepted);
    assert_eq!(w.note, "vu avec le DPO q");
    assert_eq!(w.at, "2026-11-22T12:30:00Z");
    assert!(!a.should_quit);
    let saved = vigie::tui::waivers::load(&path).unwrap();
    assert_eq!(saved, a.report.waivers);
    // A new session with the file shows it, and the final report keeps it.
    let mut b = App::new(Keymap::default());
    b.report.waivers = vigie::tui::waivers::load(&path).unwrap();
    b.finish(outcome());
    assert_eq!(b.report.waivers.len(), 1);
    assert!(
        b.waiver_of(&b.report.findings[b.order[2] as usize])
            .is_some()
    );
    // Removing it.
    a.on_key(vigie::tui::keymap::Key::parse("w").unwrap());
    press(&mut a, "ctrl-d");
    assert!(a.report.waivers.is_empty());
    assert!(vigie::tui::waivers::load(&path).unwrap().is_empty());
}

/// Two sessions on one waivers file: each save writes only that session's own changes on top
/// of what the file holds then, so neither loses the other's waiver, and each shows both
/// after its next save.
#[test]
fn two_sessions_sharing_a_waivers_file_keep_each_others_waivers() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("waivers.json");
    std::fs::write(&path, "{}\n").unwrap();
    let mut a = app();
    a.load_waivers(path.clone()).unwrap();
    let mut b = app();
    b.load_waivers(path.clone()).unwrap();
    press(&mut a, "tab j w");
    type_text(&mut a, "from A");
    press(&mut a, "enter");
    let fp_a = a.report.findings[a.order[1] as usize].fingerprint();
    press(&mut b, "tab j j w");
    type_text(&mut b, "from B");
    press(&mut b, "enter");
    let fp_b = b.report.findings[b.order[2] as usize].fingerprint();
    assert_ne!(fp_a, fp_b);
    let on_disk = vigie::tui::waivers::load(&path).unwrap();
    assert_eq!(on_disk[&fp_a].note, "from A");
    assert_eq!(on_disk[&fp_b].note, "from B");
    assert_eq!(on_disk.len(), 2);
    // B shows A's waiver since its save; A removes its own: B's stays.
    assert_eq!(b.report.waivers, on_disk);
    press(&mut a, "w ctrl-d");
    let on_disk = vigie::tui::waivers::load(&path).unwrap();
    assert_eq!(on_disk.keys().collect::<Vec<_>>(), [&fp_b]);
    assert_eq!(a.report.waivers, on_disk);
    assert_eq!(a.unsaved_waivers, 0);
}

/// Removing the waiver of a finding that has none writes nothing and says so.
#[test]
fn removing_no_waiver_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("no-such-dir").join("waivers.json");
    let mut a = app();
    a.load_waivers(path.clone()).unwrap();
    press(&mut a, "tab w ctrl-d");
    assert_eq!(
        a.status.as_deref(),
        Some("this finding has no waiver to remove")
    );
    assert!(a.overlay.is_none());
    assert!(!path.parent().unwrap().exists());
    assert_eq!(a.unsaved_waivers, 0);
}

#[test]
fn export_asks_before_overwriting() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("out.json");
    std::fs::write(&path, "old").unwrap();
    let mut a = app();
    press(&mut a, "e");
    // Replace the default path.
    for _ in 0.."vigie-report.json".len() {
        press(&mut a, "backspace");
    }
    type_text(&mut a, path.to_str().unwrap());
    press(&mut a, "enter");
    assert!(matches!(&a.overlay, Some(vigie::tui::app::Overlay::Export(p)) if p.confirm_overwrite));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "old");
    press(&mut a, "enter");
    assert!(a.overlay.is_none());
    let written = std::fs::read_to_string(&path).unwrap();
    let json: serde_json::Value = serde_json::from_str(&written).unwrap();
    assert_eq!(json["findings"].as_array().unwrap().len(), 10);
    assert!(
        a.status
            .as_deref()
            .unwrap()
            .contains("exported 10 findings as json")
    );
    // Personal data is redacted in the export.
    assert!(!written.contains("Kaminski"), "{written}");
}

/// The terminal UI exports a notice with the run's `--reuser` and `--notice-days`: they are
/// used there (a headless run of another format says they are not, `tests/cli.rs`).
#[test]
fn a_notice_exported_from_the_ui_names_the_reuser_and_the_deadline() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mise-en-demeure.md");
    let mut a = app();
    a.write_options.reuser = Some("Éditions Exemple SA".into());
    a.write_options.notice_days = Some(30);
    // The fourth format: the notice.
    press(&mut a, "e down down down");
    assert_eq!(export_prompt(&a).path.value(), "vigie-report.md");
    for _ in 0.."vigie-report.md".len() {
        press(&mut a, "backspace");
    }
    type_text(&mut a, path.to_str().unwrap());
    press(&mut a, "enter");
    assert!(a.overlay.is_none(), "{:?}", a.status);
    let notice = std::fs::read_to_string(&path).unwrap();
    assert!(
        notice.contains("**Destinataire\u{202f}:** Éditions Exemple SA"),
        "{notice}"
    );
    assert!(notice.contains("dans un délai de 30 jours"), "{notice}");
}

#[test]
fn export_format_follows_the_extension() {
    let mut a = app();
    press(&mut a, "e down down");
    match &a.overlay {
        Some(vigie::tui::app::Overlay::Export(p)) => assert_eq!(p.path.value(), "vigie-report.csv"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn live_findings_arrive_then_the_final_report_replaces_them() {
    let mut a = App::new(Keymap::default());
    assert_eq!(a.state, AuditState::Loading);
    a.on_audit(AuditEvent::ReferenceLoaded { decisions: 92 });
    assert_eq!(a.state, AuditState::Running);
    let all = tui_common::findings();
    // Arrival order differs from the final order.
    a.on_audit(AuditEvent::Findings(all[5..].to_vec()));
    a.on_audit(AuditEvent::Progress(Progress {
        records: 3,
        bytes_done: 50,
        bytes_total: 100,
        findings: 5,
        ..Progress::default()
    }));
    assert_eq!(a.order.len(), 5);
    press(&mut a, "tab j");
    let selected = a.selected_finding().unwrap().fingerprint();
    // While live, a sort re-sorts on the next refresh when more findings come.
    press(&mut a, "s");
    a.on_audit(AuditEvent::Findings(all[..5].to_vec()));
    a.refresh();
    assert_eq!(a.order.len(), 10);
    assert_eq!(a.counts.by_penalty.iter().sum::<u64>(), 10);
    let sev: Vec<Severity> = a
        .order
        .iter()
        .map(|&i| a.report.findings[i as usize].severity)
        .collect();
    assert!(sev.windows(2).all(|w| w[0] <= w[1]));
    a.finish(outcome());
    assert_eq!(a.state, AuditState::Finished);
    assert_eq!(a.report.findings.len(), 10);
    assert_eq!(a.selected_finding().unwrap().fingerprint(), selected);
}

#[test]
fn quit_and_help() {
    let mut a = app();
    press(&mut a, "?");
    assert!(matches!(
        a.overlay,
        Some(vigie::tui::app::Overlay::Help { .. })
    ));
    press(&mut a, "?");
    assert!(a.overlay.is_none());
    press(&mut a, "f1 esc");
    assert!(a.overlay.is_none());
    press(&mut a, "q");
    assert!(a.should_quit);
}

#[test]
fn reveal_toggles() {
    let mut a = app();
    press(&mut a, "tab r");
    assert!(a.reveal);
    press(&mut a, "r");
    assert!(!a.reveal);
}

#[test]
fn mouse_scrolls_the_list() {
    let mut a = app();
    press(&mut a, "tab");
    a.on_scroll(3);
    assert_eq!(a.selected, 3);
    a.on_scroll(-30);
    assert_eq!(a.selected, 0);
}

/// With a large list, the first sort by a string column is announced by a frame before the
/// index is built (the UI sets `defer_slow`); the result is the same.
#[test]
fn slow_first_sorts_are_announced_then_done() {
    use vigie::model::{Finding, RecordRef};
    let findings: Vec<Finding> = (0..200_000u64)
        .map(|i| {
            Finding::new(
                Rule::INT007,
                Some(std::sync::Arc::new(RecordRef {
                    id: Some(format!("r-{}", 199_999 - i)),
                    id_as_written: false,
                    source_id_as_written: false,
                    source_id: None,
                    url: None,
                    file_index: 0,
                    line: i + 1,
                    column: 1,
                    offset: 0,
                    file_key: 0,
                    producer: None,
                    compared_with: None,
                    digest: 0,
                })),
                "no reference decision matches",
            )
        })
        .collect();
    let mut report = tui_common::report();
    report.summary = vigie::report::Summary::of(&findings);
    report.findings = findings;
    let mut a = App::with_report(Keymap::default(), report, None);
    a.defer_slow = true;
    press(&mut a, "tab s s s s s"); // severity, penalty, rule, family, record
    assert_eq!(a.sort, SortColumn::Record);
    assert!(a.slow_pending());
    assert!(
        a.status
            .as_deref()
            .unwrap()
            .starts_with("sorting the findings by record")
    );
    // Not sorted yet.
    assert_eq!(a.order[0], 0);
    a.refresh();
    assert!(!a.slow_pending());
    assert_eq!(a.status, None);
    // `r-0` < `r-1` < `r-10` …: the last finding (`r-0`) comes first.
    assert_eq!(a.order[0], 199_999);
    // Once built, the next sort of that column is immediate.
    press(&mut a, "S");
    assert!(!a.slow_pending());
}

/// The search also reads the record's `source_id` and url, and the id of the reference
/// decision it was compared with (which may differ from the `source_id`: an ECLI names two
/// copies).
#[test]
fn search_matches_source_id_url_and_reference_copy() {
    let mut report = tui_common::report();
    for f in &mut report.findings {
        if let Some(r) = &f.record
            && r.id.as_deref() == Some("r-4")
        {
            let mut r = (**r).clone();
            r.compared_with = Some(std::sync::Arc::new(vigie::model::ComparedWith {
                id: "JURI-COPY-4".into(),
                origin: "reference/juri.jsonl:4".into(),
            }));
            f.record = Some(std::sync::Arc::new(r));
        }
    }
    let mut a = App::with_report(Keymap::default(), report.clone(), None);
    press(&mut a, "tab /");
    type_text(&mut a, "juritext000048176094");
    assert_eq!(shown_rules(&a), ["ATT001", "FRE001"]);
    press(&mut a, "ctrl-u");
    type_text(&mut a, "example.fr/d/r-3");
    assert_eq!(shown_rules(&a), ["MSK004", "MSK005"]);
    press(&mut a, "ctrl-u");
    type_text(&mut a, "juri-copy");
    assert_eq!(shown_rules(&a), ["INT001"]);

    // The same while the audit runs, finding by finding.
    let mut a = App::new(Keymap::default());
    press(&mut a, "tab /");
    type_text(&mut a, "juri-copy");
    a.on_audit(AuditEvent::Findings(report.findings.clone()));
    assert_eq!(shown_rules(&a), ["INT001"]);
}

/// A search typed during a live audit keeps matching the findings that arrive after it.
#[test]
fn live_search_sees_new_findings() {
    let mut a = App::new(Keymap::default());
    let all = tui_common::findings();
    a.on_audit(AuditEvent::Findings(all[..3].to_vec()));
    press(&mut a, "tab /");
    type_text(&mut a, "msk");
    assert_eq!(shown_rules(&a), ["MSK001"]);
    press(&mut a, "enter s"); // a sort: the list is rebuilt from the index on refresh
    a.on_audit(AuditEvent::Findings(all[3..].to_vec()));
    a.refresh();
    assert_eq!(shown_rules(&a), ["MSK001", "MSK004", "MSK005"]);
}

/// Waived findings can be hidden or shown alone.
#[test]
fn filter_by_waiver() {
    let mut a = app();
    press(&mut a, "tab j j w");
    type_text(&mut a, "ok");
    press(&mut a, "down enter"); // MSK001 accepted
    press(&mut a, "f j j j j j j l"); // waiver: none
    assert_eq!(a.order.len(), 9);
    assert!(!shown_rules(&a).contains(&"MSK001"));
    press(&mut a, "l"); // reviewed
    assert!(a.order.is_empty());
    press(&mut a, "l"); // accepted
    assert_eq!(shown_rules(&a), ["MSK001"]);
    assert_eq!(a.filter.describe(), "waiver=accepted");
    // Removing the waiver takes the finding out of the list at once.
    press(&mut a, "esc w ctrl-d");
    assert!(a.order.is_empty());
}

/// The outcome of the test audit, as `finish` takes it.
fn outcome() -> vigie::audit::AuditOutcome {
    vigie::audit::AuditOutcome {
        report: tui_common::report(),
        context: std::sync::Arc::new(tui_common::Context),
        skipped_files: Vec::new(),
        repeated_inputs: Vec::new(),
        history_unreadable: Vec::new(),
        history_after_as_of: 0,
        withdrawals_after_as_of: 0,
        first_not_compared: None,
    }
}

/// A list whose selection the auditor never moved opens on its first row once the audit ends,
/// even when the final order puts another finding there (the corpus-level FRE003, found last,
/// sorts first).
#[test]
fn an_untouched_selection_stays_on_the_first_row_when_the_audit_ends() {
    let mut a = App::new(Keymap::default());
    let all = tui_common::findings();
    assert_eq!(all[0].rule, Rule::FRE003);
    a.on_audit(AuditEvent::Findings(all[1..].to_vec()));
    a.on_audit(AuditEvent::Findings(all[..1].to_vec()));
    press(&mut a, "tab");
    assert_eq!(a.selected, 0);
    a.finish(outcome());
    assert_eq!(a.selected, 0);
    assert_eq!(a.offset, 0);
    assert_eq!(a.selected_finding().unwrap().rule, Rule::FRE003);
}

/// A selection the auditor moved keeps its finding through the final sort, even back on the
/// first row, and stays within the rows shown.
#[test]
fn a_chosen_selection_follows_its_finding_when_the_audit_ends() {
    let mut a = App::new(Keymap::default());
    let all = tui_common::findings();
    a.on_audit(AuditEvent::Findings(all[1..].to_vec()));
    a.on_audit(AuditEvent::Findings(all[..1].to_vec()));
    press(&mut a, "tab j k");
    let chosen = a.selected_finding().unwrap().fingerprint();
    a.finish(outcome());
    assert_eq!(a.selected_finding().unwrap().fingerprint(), chosen);
    assert_eq!(a.selected, 1);

    // Further down a short list: the offset follows the selection.
    let mut a = App::new(Keymap::default());
    a.list_height.set(3);
    a.on_audit(AuditEvent::Findings(all[1..].to_vec()));
    a.on_audit(AuditEvent::Findings(all[..1].to_vec()));
    press(&mut a, "tab j j j j j");
    let chosen = a.selected_finding().unwrap().fingerprint();
    a.finish(outcome());
    assert_eq!(a.selected_finding().unwrap().fingerprint(), chosen);
    assert!(
        a.offset <= a.selected && a.selected < a.offset + 3,
        "selected {} offset {}",
        a.selected,
        a.offset
    );
}

/// The audit ends while the waiver prompt is open on a live finding: the note is saved under
/// that finding's fingerprint, not under whichever finding the final order puts in its row
/// (the corpus-level FRE003, found last, sorts first).
#[test]
fn a_waiver_stays_bound_to_its_finding_when_the_audit_ends() {
    let mut a = App::new(Keymap::default());
    let all = tui_common::findings();
    assert_eq!(all[0].rule, Rule::FRE003);
    a.on_audit(AuditEvent::Findings(all[1..].to_vec()));
    // The first live row, never moved: INT006 of r-1.
    press(&mut a, "tab w");
    type_text(&mut a, "seen with the clerk");
    let fp = all[1].fingerprint();
    assert_eq!(all[1].rule, Rule::INT006);
    a.finish(outcome());
    assert_eq!(a.report.findings[a.order[0] as usize].rule, Rule::FRE003);
    // The prompt still names its finding, and saves under its fingerprint.
    match &a.overlay {
        Some(vigie::tui::app::Overlay::Waiver(p)) => {
            assert_eq!((p.rule, p.about.as_str()), (Rule::INT006, "r-1"));
            assert_eq!(p.fingerprint, fp);
        }
        other => panic!("{other:?}"),
    }
    press(&mut a, "enter");
    assert_eq!(a.report.waivers.len(), 1);
    assert_eq!(a.report.waivers[&fp].note, "seen with the clerk");
    // And the selection followed the finding the waiver was written for.
    assert_eq!(a.selected_finding().unwrap().fingerprint(), fp);
}

/// The audit ends while a live finding is open: the detail stays open on it, read again with
/// the final report's context (its record and reference, which a live audit cannot read), in
/// the mode it had, and the list's selection is on it.
#[test]
fn the_detail_stays_open_on_its_finding_when_the_audit_ends() {
    for background in [false, true] {
        let mut a = App::new(Keymap::default());
        a.open_in_background = background;
        let all = tui_common::findings();
        a.on_audit(AuditEvent::Findings(all[1..].to_vec()));
        press(&mut a, "tab enter");
        wait_opened(&mut a);
        press(&mut a, "d");
        let d = a.detail.as_ref().unwrap();
        let fp = a.report.findings[d.finding as usize].fingerprint();
        assert!(d.record.is_none(), "not read while the audit runs");
        a.finish(outcome());
        wait_opened(&mut a);
        assert_eq!(a.view, View::Detail);
        let d = a.detail.as_ref().unwrap();
        assert_eq!(a.report.findings[d.finding as usize].fingerprint(), fp);
        assert_eq!(a.report.findings[d.finding as usize].rule, Rule::INT006);
        assert!(d.record.is_some() && d.reference.is_some());
        assert!(d.side_by_side);
        assert_eq!(a.selected_finding().unwrap().fingerprint(), fp);
        assert_eq!(a.selected, 1);
        // Back in the list, on it.
        press(&mut a, "esc");
        assert_eq!(a.view, View::List);
        assert_eq!(a.selected_finding().unwrap().fingerprint(), fp);
    }
}

/// The articles view of a live finding is still the articles view once the audit ends.
#[test]
fn the_articles_view_survives_the_end_of_the_audit() {
    let mut a = App::new(Keymap::default());
    let all = tui_common::findings();
    a.on_audit(AuditEvent::Findings(all[1..].to_vec()));
    press(&mut a, "tab j enter a");
    assert!(a.detail.as_ref().unwrap().articles);
    a.finish(outcome());
    let d = a.detail.as_ref().unwrap();
    assert!(d.articles);
    assert_eq!(a.report.findings[d.finding as usize].rule, Rule::MSK001);
}

/// A selection moved down a live list keeps its row on the screen when the audit ends and the
/// final order moves its finding: the list scrolls under it.
#[test]
fn a_chosen_selection_keeps_its_row_on_the_screen_when_the_audit_ends() {
    let mut a = App::new(Keymap::default());
    a.list_height.set(4);
    let all = tui_common::findings();
    // Arriving in reverse order: the final order turns the list upside down.
    let mut reversed = all.clone();
    reversed.reverse();
    a.on_audit(AuditEvent::Findings(reversed));
    press(&mut a, "tab j j j j j j");
    assert_eq!((a.selected, a.offset), (6, 3));
    let chosen = a.selected_finding().unwrap().fingerprint();
    a.finish(outcome());
    assert_eq!(a.selected_finding().unwrap().fingerprint(), chosen);
    assert_eq!(a.selected, 3);
    assert_eq!(
        a.selected - a.offset,
        3,
        "the fourth row of the screen still"
    );
}

/// Waits for a finding being opened off the UI thread, if one is.
fn wait_opened(a: &mut App) {
    let start = std::time::Instant::now();
    while a.opening.is_some() {
        a.poll_opening();
        assert!(start.elapsed().as_secs() < 60, "never opened");
        std::thread::sleep(std::time::Duration::from_millis(2));
    }
}

/// `n` on the last finding and `p` on the first stay where they are, the scroll too, and say
/// so, rather than opening the same finding again from its top.
#[test]
fn next_and_previous_stop_at_the_ends_of_the_list() {
    let mut a = app();
    a.detail_lines.set(100);
    a.detail_height.set(10);
    press(&mut a, "tab G enter j j j");
    let shown = |a: &App| a.detail.as_ref().unwrap().finding;
    let last = shown(&a);
    let scroll = a.detail.as_ref().unwrap().scroll.get();
    assert!(scroll > 0);
    press(&mut a, "n");
    assert_eq!(shown(&a), last);
    assert_eq!(a.detail.as_ref().unwrap().scroll.get(), scroll);
    assert!(!a.detail.as_ref().unwrap().follow);
    assert_eq!(a.status.as_deref(), Some("last finding of the list"));
    press(&mut a, "p");
    assert_ne!(shown(&a), last);
    assert_eq!(a.selected, 8);
    press(&mut a, "g esc g enter p");
    assert_eq!(a.selected, 0);
    assert_eq!(a.status.as_deref(), Some("first finding of the list"));
    press(&mut a, "n");
    assert_eq!(a.selected, 1);
    assert_eq!(a.status, None);
}

/// A read-only waivers file (one its owner means to keep) with its waivers.
fn read_only_waivers(dir: &std::path::Path) -> std::path::PathBuf {
    let path = dir.join("waivers.json");
    std::fs::write(&path, "{}\n").unwrap();
    let mut perms = std::fs::metadata(&path).unwrap().permissions();
    perms.set_readonly(true);
    std::fs::set_permissions(&path, perms).unwrap();
    path
}

/// A waiver that cannot be saved is kept in the session and never lost silently: the failure
/// is said when it happens (and, for a read-only file, at start), the count of waivers not
/// saved stays until a save succeeds, quitting asks first, and what vigie prints on leaving
/// holds them as the waivers file would.
#[test]
fn a_waiver_that_cannot_be_saved_is_kept_said_and_printed_on_leaving() {
    let dir = tempfile::tempdir().unwrap();
    let path = read_only_waivers(dir.path());
    let mut a = app();
    a.load_waivers(path.clone()).unwrap();
    let said = a.status.clone().unwrap();
    assert!(
        said.contains("cannot be saved") && said.contains("read-only"),
        "{said}"
    );
    press(&mut a, "tab j j w");
    type_text(&mut a, "vu avec le greffe");
    press(&mut a, "enter");
    let fp = a.report.findings[a.order[2] as usize].fingerprint();
    let said = a.status.clone().unwrap();
    assert!(said.starts_with("cannot save the waivers: "), "{said}");
    assert!(said.contains(&path.display().to_string()), "{said}");
    assert_eq!(a.unsaved_waivers, 1);
    assert_eq!(a.report.waivers[&fp].note, "vu avec le greffe");
    // The file was not replaced.
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "{}\n");
    // The next key takes the message away, not the count.
    press(&mut a, "j");
    assert_eq!(a.status, None);
    assert_eq!(a.unsaved_waivers, 1);
    // Quitting asks; another key cancels; quit twice quits.
    press(&mut a, "q");
    assert!(!a.should_quit);
    let said = a.status.clone().unwrap();
    assert!(
        said.starts_with("1 waiver change is not saved: press q again to quit all the same"),
        "{said}"
    );
    assert!(said.contains("read-only"), "{said}");
    press(&mut a, "k q");
    assert!(!a.should_quit);
    // ctrl-c in a prompt asks the same.
    press(&mut a, "/ ctrl-c");
    assert!(!a.should_quit);
    press(&mut a, "ctrl-c");
    assert!(a.should_quit);
    // What vigie prints on leaving: why, then the waivers file's JSON.
    let notice = a.unsaved_waivers_notice().unwrap();
    let (head, json) = notice.split_at(notice.find('{').unwrap());
    assert!(
        head.starts_with(&format!(
            "vigie: 1 waiver change was not saved: they could not be saved: {}: the file is \
             read-only",
            path.display()
        )),
        "{head}"
    );
    assert!(head.contains("read-only"), "{head}");
    let back: std::collections::BTreeMap<String, vigie::report::Waiver> =
        serde_json::from_str(json).unwrap();
    assert_eq!(back, a.report.waivers);
}

/// Quitting tries the save once more: if the file was made writable meanwhile, the waivers are
/// saved and vigie quits at once.
#[test]
fn quitting_saves_waivers_that_can_be_saved_by_then() {
    let dir = tempfile::tempdir().unwrap();
    let path = read_only_waivers(dir.path());
    let mut a = app();
    a.load_waivers(path.clone()).unwrap();
    press(&mut a, "tab w enter");
    assert_eq!(a.unsaved_waivers, 1);
    let mut perms = std::fs::metadata(&path).unwrap().permissions();
    #[allow(clippy::permissions_set_readonly_false)]
    perms.set_readonly(false);
    std::fs::set_permissions(&path, perms).unwrap();
    press(&mut a, "q");
    assert!(a.should_quit);
    assert_eq!(a.unsaved_waivers, 0);
    assert_eq!(a.unsaved_waivers_notice(), None);
    assert_eq!(vigie::tui::waivers::load(&path).unwrap(), a.report.waivers);
}

/// Without a `--waivers` file, waivers last the session: quitting asks too, and they are
/// printed on leaving; a waiver set then removed leaves nothing to lose.
#[test]
fn waivers_without_a_file_are_printed_on_leaving() {
    let mut a = app();
    press(&mut a, "tab w");
    type_text(&mut a, "ok");
    press(&mut a, "enter");
    assert_eq!(a.unsaved_waivers, 1);
    press(&mut a, "q");
    assert!(!a.should_quit);
    assert!(
        a.status
            .as_deref()
            .unwrap()
            .contains("there is no --waivers file")
    );
    let notice = a.unsaved_waivers_notice().unwrap();
    assert!(
        notice.starts_with("vigie: 1 waiver change was not saved: there is no --waivers file\n"),
        "{notice}"
    );
    assert!(notice.contains("\"note\": \"ok\""), "{notice}");
    // Removed again: nothing to lose, quit quits.
    press(&mut a, "w ctrl-d");
    assert_eq!(a.unsaved_waivers, 0);
    press(&mut a, "q");
    assert!(a.should_quit);
}

/// Replaces the export prompt's path with `path`.
fn type_export_path(a: &mut App, path: &str) {
    let Some(vigie::tui::app::Overlay::Export(p)) = &a.overlay else {
        panic!("no export prompt: {:?}", a.overlay)
    };
    for _ in 0..p.path.value().chars().count() {
        press(a, "backspace");
    }
    type_text(a, path);
}

fn export_prompt(a: &App) -> &vigie::tui::app::ExportPrompt {
    match &a.overlay {
        Some(vigie::tui::app::Overlay::Export(p)) => p,
        other => panic!("no export prompt: {other:?}"),
    }
}

/// Exporting to a folder says it is one (it is no file to overwrite) and writes nothing; a
/// write that fails keeps the prompt open with the path and format as typed and chosen, and
/// says why; changing the path takes the error away.
#[test]
fn an_export_that_cannot_be_written_keeps_the_prompt_and_says_why() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app();
    press(&mut a, "e");
    type_export_path(&mut a, dir.path().to_str().unwrap());
    press(&mut a, "enter");
    let p = export_prompt(&a);
    assert!(!p.confirm_overwrite);
    let e = p.error.as_deref().unwrap();
    assert!(e.contains("is a folder"), "{e}");
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    // Enter again: still a folder, still nothing asked.
    press(&mut a, "enter");
    assert!(!export_prompt(&a).confirm_overwrite);

    // In a "folder" that is a file: the write fails.
    let file = dir.path().join("plain");
    std::fs::write(&file, "x").unwrap();
    let target = file.join("report.csv");
    press(&mut a, "esc e down down");
    type_export_path(&mut a, target.to_str().unwrap());
    press(&mut a, "enter");
    let p = export_prompt(&a);
    assert_eq!(p.path.value(), target.to_str().unwrap());
    assert_eq!(vigie::tui::app::FORMATS[p.format].as_str(), "csv");
    let e = p.error.as_deref().unwrap();
    assert!(e.starts_with("export failed: "), "{e}");
    assert!(e.contains(target.to_str().unwrap()), "{e}");
    // A key after it: the prompt and the error stay (the error goes once the path changes).
    press(&mut a, "ctrl-x");
    assert!(export_prompt(&a).error.is_some());
    press(&mut a, "backspace");
    assert_eq!(export_prompt(&a).error, None);
    // Fixed, it writes and closes.
    type_export_path(&mut a, dir.path().join("report.csv").to_str().unwrap());
    press(&mut a, "enter");
    assert!(a.overlay.is_none());
    assert!(dir.path().join("report.csv").is_file());

    // A read-only file is said to be one before anything is asked, and kept.
    let kept = dir.path().join("signed.csv");
    std::fs::write(&kept, "signed off\n").unwrap();
    let mut perms = std::fs::metadata(&kept).unwrap().permissions();
    perms.set_readonly(true);
    std::fs::set_permissions(&kept, perms).unwrap();
    press(&mut a, "e");
    type_export_path(&mut a, kept.to_str().unwrap());
    press(&mut a, "enter");
    let p = export_prompt(&a);
    assert!(!p.confirm_overwrite);
    let e = p.error.as_deref().unwrap();
    assert!(
        e.contains("the file is read-only: vigie does not replace it"),
        "{e}"
    );
    press(&mut a, "enter");
    assert!(export_prompt(&a).error.is_some());
    assert_eq!(std::fs::read_to_string(&kept).unwrap(), "signed off\n");
}

/// A name that tells another format than the one chosen is pointed out, as `--output`'s is.
#[test]
fn the_export_prompt_sees_a_name_that_tells_another_format() {
    let mut a = app();
    press(&mut a, "e");
    assert_eq!(export_prompt(&a).other_format_named(), None);
    type_export_path(&mut a, "report.CSV");
    assert_eq!(
        export_prompt(&a).other_format_named(),
        Some(vigie::report::Format::Csv)
    );
    press(&mut a, "down down");
    assert_eq!(export_prompt(&a).other_format_named(), None);
    type_export_path(&mut a, "report.out");
    assert_eq!(export_prompt(&a).other_format_named(), None);
}

/// The text prompts edit at a cursor: typing, deleting and killing where it stands, moving by
/// character, word and to either end.
#[test]
fn the_search_prompt_edits_at_its_cursor() {
    let mut a = app();
    press(&mut a, "tab /");
    type_text(&mut a, "MSK01");
    assert!(shown_rules(&a).is_empty());
    press(&mut a, "left");
    type_text(&mut a, "0");
    assert_eq!(a.search, "MSK001");
    assert_eq!(shown_rules(&a), ["MSK001"]);
    // Home and ctrl-e: typed at the start, then at the end again.
    press(&mut a, "home");
    type_text(&mut a, "x");
    assert_eq!(a.search, "xMSK001");
    press(&mut a, "ctrl-e");
    type_text(&mut a, "y");
    assert_eq!(a.search, "xMSK001y");
    // Delete under the cursor, backspace before it.
    press(&mut a, "ctrl-a delete end backspace");
    assert_eq!(a.search, "MSK001");
    assert_eq!(shown_rules(&a), ["MSK001"]);
    // ctrl-u kills to the start, ctrl-k to the end.
    press(&mut a, "left left left ctrl-k");
    assert_eq!(a.search, "MSK");
    press(&mut a, "left ctrl-u");
    assert_eq!(a.search, "K");
    press(&mut a, "enter");
    assert!(a.overlay.is_none());
    // Opened again, the cursor is at the end of the search.
    press(&mut a, "/");
    type_text(&mut a, "001");
    assert_eq!(a.search, "K001");
}

#[test]
fn the_waiver_note_edits_by_word() {
    let mut a = app();
    press(&mut a, "tab j w");
    type_text(&mut a, "seen the clerk");
    press(&mut a, "ctrl-left ctrl-left");
    type_text(&mut a, "with ");
    press(&mut a, "alt-f alt-f");
    type_text(&mut a, " twice");
    press(&mut a, "alt-b ctrl-right");
    type_text(&mut a, "!");
    match &a.overlay {
        Some(vigie::tui::app::Overlay::Waiver(p)) => {
            assert_eq!(p.input.value(), "seen with the clerk twice!");
        }
        other => panic!("{other:?}"),
    }
    // ctrl-w deletes back to the previous space; the status keys still act.
    press(&mut a, "ctrl-w ctrl-w up");
    let fp = a.selected_finding().unwrap().fingerprint();
    press(&mut a, "enter");
    assert_eq!(a.report.waivers[&fp].note, "seen with the");
    assert_eq!(a.report.waivers[&fp].status, WaiverStatus::Accepted);
}

/// In the export prompt, left and right move the cursor in the path; up and down still change
/// the format (and the extension with it).
#[test]
fn the_export_path_edits_at_its_cursor_and_up_down_change_the_format() {
    let mut a = app();
    press(&mut a, "e");
    press(&mut a, "home right right right right right right");
    for _ in 0.."report".len() {
        press(&mut a, "delete");
    }
    type_text(&mut a, "audit");
    let p = export_prompt(&a);
    assert_eq!(p.path.value(), "vigie-audit.json");
    assert_eq!(p.path.cursor(), "vigie-audit".len());
    assert_eq!(vigie::tui::app::FORMATS[p.format].as_str(), "json");
    press(&mut a, "down");
    let p = export_prompt(&a);
    assert_eq!(p.path.value(), "vigie-audit.jsonl");
    assert_eq!(vigie::tui::app::FORMATS[p.format].as_str(), "jsonl");
    press(&mut a, "up ctrl-w");
    assert_eq!(export_prompt(&a).path.value(), "");
}

/// `~/…` in the export path is under `$HOME`, as in a shell: the file is written there (not in
/// a folder named `~`), and the status says where it went; a second export there asks first.
#[test]
fn a_tilde_in_the_export_path_is_the_home_folder() {
    let home = tempfile::tempdir().unwrap();
    std::fs::create_dir(home.path().join("reports")).unwrap();
    let mut a = app();
    a.home = Some(home.path().to_path_buf());
    press(&mut a, "e ctrl-u");
    type_text(&mut a, "~/reports/x.json");
    assert_eq!(
        a.export_target(export_prompt(&a)).unwrap(),
        home.path().join("reports/x.json")
    );
    press(&mut a, "enter");
    assert!(a.overlay.is_none(), "{:?}", a.overlay);
    let written = home.path().join("reports/x.json");
    assert!(written.is_file());
    assert!(!std::path::Path::new("~").exists());
    let status = a.status.clone().unwrap();
    let real = std::fs::canonicalize(&written).unwrap();
    assert!(status.contains(real.to_str().unwrap()), "{status}");
    // Again: it exists, so it asks.
    press(&mut a, "e ctrl-u");
    type_text(&mut a, "~/reports/x.json");
    press(&mut a, "enter");
    assert!(export_prompt(&a).confirm_overwrite);
    // `~user` is a name like any other.
    press(&mut a, "ctrl-u");
    type_text(&mut a, "~auditor/x.json");
    assert_eq!(
        a.export_target(export_prompt(&a)).unwrap(),
        std::path::PathBuf::from("~auditor/x.json")
    );
}
