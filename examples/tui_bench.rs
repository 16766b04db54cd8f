//! Measures the terminal UI with a million findings: the time from a key press to a finished
//! frame (update + draw into a 200×50 `TestBackend`), and the memory of the loaded findings.
//!
//!     cargo run --release --example tui_bench [-- N]
//!
//! The memory figure is the growth of the resident set (Linux `/proc/self/statm`) while the
//! findings are built, divided by their number; then what the UI adds (its 4-byte `Meta` and
//! `u32` index per finding).

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::collections::BTreeMap;
use std::time::Instant;
use vigie::model::{Evidence, Finding, Personal, RecordRef};
use vigie::report::{AuditInfo, Report, Summary};
use vigie::rules::Rule;
use vigie::tui::app::{App, NoContext};
use vigie::tui::keymap::{Key, Keymap};
use vigie::tui::views;

fn rss_bytes() -> u64 {
    let statm = std::fs::read_to_string("/proc/self/statm").unwrap_or_default();
    let pages: u64 = statm
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    pages * 4096
}

fn findings(n: usize) -> Vec<Finding> {
    let mut v = Vec::with_capacity(n);
    let mut seed = 0x9e37_79b9_7f4a_7c15u64;
    let mut next = || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    for i in 0..n {
        let rule = Rule::ALL[(next() % Rule::ALL.len() as u64) as usize];
        let line = (i / 3) as u64 + 1;
        let record = Some(RecordRef {
            id: Some(format!("rec-{:08}", next() % 400_000)),
            id_as_written: false,
            source_id_as_written: false,
            source_id: Some(format!("JURITEXT0000{:08}", line)),
            url: Some(format!("https://juris.example.fr/decision/{line}")),
            file_index: 0,
            line,
            column: 1,
            offset: line * 4000,
            file_key: 0,
            producer: None,
            compared_with: None,
            digest: 0,
        });
        let mut f = Finding::new(
            rule,
            record.map(std::sync::Arc::new),
            format!(
                "{} in field text near character {} of the decision",
                rule.info().name,
                next() % 50_000
            ),
        );
        if i % 2 == 0 {
            let at = (next() % 40_000) as usize;
            f = f.with_evidence(Evidence {
                field: "text".into(),
                span: Some((at, at + 8)),
                reference_span: Some((at, at + 3)),
                excerpt: Some("a formé le pourvoi par M. Kaminski, demeurant".into()),
                reference_excerpt: Some("a formé le pourvoi par M. [K], demeurant".into()),
                personal: vec![Personal::whole(26, 34)],
                reference_personal: vec![],
                message_personal: vec![],
            });
        }
        v.push(f);
    }
    v.sort_by_key(Finding::sort_key);
    v
}

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(1_000_000);
    let before = rss_bytes();
    let t = Instant::now();
    let findings = findings(n);
    let built = t.elapsed();
    let after_findings = rss_bytes();
    let report = Report {
        audit: AuditInfo::default(),
        summary: Summary::of(&findings),
        findings,
        files: vec!["corpus.jsonl".into()],
        waivers: BTreeMap::new(),
    };
    let t = Instant::now();
    let mut app = App::with_report(
        Keymap::default(),
        report,
        Some(std::sync::Arc::new(NoContext)),
    );
    let loaded = t.elapsed();
    let after_app = rss_bytes();
    println!("{n} findings built in {built:.2?}; UI index built in {loaded:.2?}");
    println!(
        "memory: findings {:.0} bytes/finding (RSS growth {:.1} MiB); UI index adds {:.1} bytes/finding",
        (after_findings - before) as f64 / n as f64,
        (after_findings - before) as f64 / 1048576.0,
        after_app.saturating_sub(after_findings) as f64 / n as f64
    );
    println!(
        "  (size_of::<Finding>() = {} bytes inline, the rest is its strings)",
        std::mem::size_of::<Finding>()
    );

    let mut term = Terminal::new(TestBackend::new(200, 50)).unwrap();
    term.draw(|f| views::draw(f, &app)).unwrap();
    let steps: &[(&str, &str)] = &[
        ("tab", "switch to the list"),
        ("j", "down"),
        ("G", "last"),
        ("k", "up"),
        ("g", "first"),
        ("pagedown", "page down"),
        ("s", "sort by severity"),
        ("s", "sort by penalty"),
        ("s", "sort by rule"),
        ("s", "sort by family"),
        ("s", "sort by record (first time: ranks computed)"),
        ("S", "reverse (record ranks cached)"),
        ("s", "sort by message (first time: ranks computed)"),
        ("s", "back to position"),
        ("R", "group by record (first time: ranks computed)"),
        ("R", "ungroup"),
        ("f", "open the filter"),
        ("l", "filter family=integrity"),
        ("l", "filter family=attribution"),
        ("esc", "close the filter"),
        ("esc", "clear the filter"),
        ("/", "open the search"),
        ("m", "search `m` (first time: index built)"),
        ("s", "search `ms`"),
        ("k", "search `msk`"),
        ("0", "search `msk0`"),
        ("enter", "close the search"),
        ("G", "last match"),
        ("enter", "open the detail"),
        ("n", "next finding"),
        ("esc", "back to the list"),
        ("esc", "clear the search"),
        ("r", "reveal"),
    ];
    // `frame`: the key's update and the frame drawn after it, once. `best of 5`: the same work
    // done again five times (the list rebuilt from its filter, search and sort, and a frame),
    // keeping the fastest: on a loaded machine the first figure includes waiting for a core.
    println!(
        "{:<10} {:>10} {:>11}  {:>9}  what",
        "key", "frame", "best of 5", "shown"
    );
    let mut worst = std::time::Duration::ZERO;
    let mut worst_best = std::time::Duration::ZERO;
    for (key, what) in steps {
        let t = Instant::now();
        app.on_key(Key::parse(key).unwrap());
        app.refresh();
        term.draw(|f| views::draw(f, &app)).unwrap();
        let dt = t.elapsed();
        let rebuilds =
            matches!(*key, "s" | "S" | "R" | "l" | "m" | "k" | "0") || what.contains("clear");
        let best = (0..5)
            .map(|_| {
                let t = Instant::now();
                if rebuilds {
                    app.recompute();
                }
                term.draw(|f| views::draw(f, &app)).unwrap();
                t.elapsed()
            })
            .min()
            .unwrap();
        if !what.contains("first time") {
            worst = worst.max(dt);
            worst_best = worst_best.max(best);
        }
        println!(
            "{key:<10} {:>10.2?} {:>11.2?}  {:>9}  {what}",
            dt,
            best,
            app.order.len()
        );
    }
    println!(
        "memory after the steps: caches (string orders, search index) add {:.1} bytes/finding",
        rss_bytes().saturating_sub(after_app) as f64 / n as f64
    );
    println!(
        "worst key-to-frame time, first-time rank computations excluded: {worst:.2?} (best of 5: {worst_best:.2?})"
    );
}
