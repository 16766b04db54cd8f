//! A realistic synthetic audit for the UI tests: real rule codes, a real Cour de cassation
//! decision (tests/data/dila-cass) as the reference, and a record that lifts one of its
//! pseudonymisation markers.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::sync::Arc;
use vigie::audit::AuditContext;
use vigie::model::{Evidence, Finding, Personal, Record, RecordRef, ReferenceDecision};
use vigie::report::{AgeHistogram, AuditInfo, Report, Summary};
use vigie::rules::Rule;
use vigie::tui::app::App;
use vigie::tui::keymap::{Key, Keymap};

pub const SOURCE_ID: &str = "JURITEXT000048176061";

/// The decision text of the DILA file, `<br/>` removed (the file already breaks lines there).
pub fn reference_text() -> String {
    let xml = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/dila-cass/JURITEXT000048176061.xml"
    ))
    .unwrap();
    let start = xml.find("<CONTENU>").unwrap() + "<CONTENU>".len();
    let end = xml[start..].find("</CONTENU>").unwrap() + start;
    xml[start..end]
        .replace("<br/>", "")
        .replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
}

/// Char index of the first `needle` in `hay`.
pub fn char_pos(hay: &str, needle: &str) -> usize {
    let b = hay.find(needle).unwrap();
    hay[..b].chars().count()
}

/// The record's text: the reference with its first `[C]` lifted to a name.
pub fn record_text() -> String {
    reference_text().replacen("[C]", "Kaminski", 1)
}

fn rec(id: Option<&str>, line: u64, source: Option<&str>) -> Option<std::sync::Arc<RecordRef>> {
    // The reference file a matched record's decision was read from, as the audit names it.
    let copy = source
        .map(|s| format!("tests/data/dila-cass/{s}.xml"))
        .filter(|f| {
            std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join(f)
                .is_file()
        });
    Some(std::sync::Arc::new(RecordRef {
        id: id.map(str::to_string),
        id_as_written: false,
        source_id_as_written: false,
        source_id: source.map(str::to_string),
        url: id.map(|i| format!("https://juris.example.fr/d/{i}")),
        file_index: 0,
        line,
        column: 1,
        offset: line * 100,
        file_key: 0,
        // A record matches when its decision is in the reference, tests/data/dila-cass: a
        // decision Légifrance diffuses.
        producer: source
            .filter(|s| {
                std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                    .join(format!("tests/data/dila-cass/{s}.xml"))
                    .is_file()
            })
            .map(|_| vigie::model::Producer::Legifrance),
        compared_with: copy.map(|origin| {
            Arc::new(vigie::model::ComparedWith {
                id: source.unwrap_or_default().to_string(),
                origin,
            })
        }),
        digest: 0,
    }))
}

pub fn findings() -> Vec<Finding> {
    let reference = reference_text();
    let at = char_pos(&reference, "[C]");
    let mut v = vec![
        Finding::new(
            Rule::FRE003,
            None,
            "the newest updated_at is 9 days old (more than 72 hours)",
        ),
        Finding::new(
            Rule::MSK001,
            rec(Some("r-1"), 1, Some(SOURCE_ID)),
            "pseudonymised name [C] of the reference is shown in clear",
        )
        .with_evidence(Evidence {
            field: "text".into(),
            span: Some((at, at + 8)),
            reference_span: Some((at, at + 3)),
            excerpt: Some("par M. Kaminski, contre".into()),
            reference_excerpt: Some("par M. [C], contre".into()),
            personal: vec![Personal::whole(7, 15)],
            reference_personal: vec![],
            message_personal: vec![],
        }),
        Finding::new(
            Rule::INT006,
            rec(Some("r-1"), 1, Some(SOURCE_ID)),
            "decision_date 2023-10-06 contradicts the reference (2023-10-03)",
        )
        .with_evidence(Evidence {
            field: "decision_date".into(),
            excerpt: Some("2023-10-06".into()),
            reference_excerpt: Some("2023-10-03".into()),
            ..Evidence::default()
        }),
        Finding::new(
            Rule::ATT001,
            rec(Some("r-2"), 2, Some("JURITEXT000048176094")),
            "attribution is absent",
        ),
        Finding::new(
            Rule::FRE001,
            rec(Some("r-2"), 2, Some("JURITEXT000048176094")),
            "no updated_at nor update_notice date",
        ),
        Finding::new(
            Rule::MSK004,
            rec(Some("r-3"), 3, Some("JURITEXT000048176096")),
            "a party's name is shown in clear",
        )
        .with_source_defect(true)
        .with_evidence(Evidence {
            field: "text".into(),
            span: Some((120, 134)),
            reference_span: Some((118, 132)),
            excerpt: Some("Mme Sophie Lambert, née le 3 mars 1975".into()),
            reference_excerpt: Some("Mme Sophie Lambert, née le 3 mars 1975".into()),
            personal: vec![Personal::whole(4, 18)],
            reference_personal: vec![Personal::whole(4, 18)],
            message_personal: vec![],
        }),
        Finding::new(
            Rule::MSK005,
            rec(Some("r-3"), 3, Some("JURITEXT000048176096")),
            "a date of birth is shown in clear",
        )
        .with_source_defect(true)
        .with_evidence(Evidence {
            field: "text".into(),
            span: Some((141, 152)),
            reference_span: Some((139, 150)),
            excerpt: Some("née le 3 mars 1975".into()),
            reference_excerpt: Some("née le 3 mars 1975".into()),
            personal: vec![Personal::whole(7, 18)],
            reference_personal: vec![Personal::whole(7, 18)],
            message_personal: vec![],
        }),
        Finding::new(
            Rule::INT001,
            rec(Some("r-4"), 4, Some("JURITEXT000048176166")),
            "the text differs from the reference: « rejette » became « rejeté »",
        ),
        Finding::new(
            Rule::IN001,
            rec(None, 5, None),
            "invalid JSON: expected `,` or `}` at column 88",
        ),
        Finding::new(
            Rule::INT007,
            rec(Some("r-6\u{1b}[31m"), 6, Some("JURITEXT999")),
            "no reference decision matches source_id JURITEXT999",
        ),
    ];
    // r-4 was already reported in the previous audit.
    v[7].repeated = true;
    v[7].penalty = vigie::rules::Penalty::Permanent;
    v.sort_by_key(Finding::sort_key);
    v
}

pub fn report() -> Report {
    let findings = findings();
    Report {
        audit: AuditInfo {
            as_of: "2026-11-22T12:00:00Z".into(),
            corpus: vec!["corpus.jsonl".into()],
            reference: vec!["tests/data/dila-cass".into()],
            records: 5,
            unreadable_records: 1,
            reference_decisions: 92,
            matched_records: 4,
            producers: vec![(vigie::model::Producer::Legifrance, 4)],
            elapsed_ms: 812,
            updated_at_ages: AgeHistogram {
                buckets: vec![
                    ("≤72 h", 0),
                    ("3–7 d", 1),
                    ("1–4 wk", 2),
                    ("1–6 mo", 1),
                    (">6 mo", 0),
                    ("none", 1),
                ],
            },
            ..AuditInfo::default()
        },
        summary: Summary::of(&findings),
        findings,
        files: vec!["corpus.jsonl".into()],
        waivers: BTreeMap::new(),
    }
}

/// Serves r-1 (the record that lifts `[C]`) and the reference decision.
pub struct Context;

impl AuditContext for Context {
    fn record(&self, r: &RecordRef) -> Option<Record> {
        (r.id.as_deref() == Some("r-1")).then(|| Record {
            id: "r-1".into(),
            line: 1,
            source_id: Some(SOURCE_ID.into()),
            text: Some(record_text()),
            jurisdiction: Some("Cour de cassation".into()),
            formation: Some("Chambre criminelle".into()),
            decision_date: Some("2023-10-06".into()),
            number: Some("23-80.251".into()),
            attribution: Some("Source : Légifrance".into()),
            updated_at: Some("2026-11-13".into()),
            ..Record::default()
        })
    }
    fn reference_for(&self, source_id: &str) -> Option<(ReferenceDecision, Option<String>)> {
        (source_id == SOURCE_ID).then(|| {
            let d = ReferenceDecision {
                id: SOURCE_ID.into(),
                producer: vigie::model::Producer::Legifrance,
                jurisdiction: Some("Cour de cassation".into()),
                chamber: Some("CHAMBRE_CRIMINELLE".into()),
                decision_date: jiff::civil::Date::new(2023, 10, 3).ok(),
                numbers: vec!["23-80251".into()],
                text: reference_text(),
                ..ReferenceDecision::default()
            };
            (d, None)
        })
    }
}

pub fn app() -> App {
    let mut app = App::with_report(Keymap::default(), report(), Some(Arc::new(Context)));
    app.now = || "2026-11-22T12:30:00Z".to_string();
    app
}

/// Presses keys written as in keymap.toml, separated by spaces.
pub fn press(app: &mut App, keys: &str) {
    for k in keys.split_whitespace() {
        let key = Key::parse(k).unwrap_or_else(|| panic!("bad key {k}"));
        app.on_key(key);
    }
}

/// Types text into a prompt, one character at a time.
pub fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        let name = if c == ' ' {
            "space".to_string()
        } else {
            c.to_string()
        };
        app.on_key(Key::parse(&name).unwrap());
    }
}
