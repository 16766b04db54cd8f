//! Property tests (issue 7): the normaliser, the aligner, the audit of faithful records built
//! from the real DILA decisions, the independence of the report from `--jobs` and from the order
//! of the corpus files, and the accounting of every corpus line.
//!
//! Case counts are kept small so that the whole file runs in well under a minute in debug builds.

mod support;
use support::audit::run_audit;
use support::data::{data, dila_files};

use proptest::prelude::*;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;
use std::sync::atomic::AtomicBool;
use vigie::audit::{self, AuditOptions};
use vigie::corpus::parse_record;
use vigie::ident::reference_display;
use vigie::model::{IdField, Origin, ReferenceDecision};
use vigie::report::Report;
use vigie::rules::{Family, Rule};
use vigie::text::align::{
    Prepared, Tok, align, align_prepared, align_whole, interning_the_shorter_side_agrees,
};
use vigie::text::normalize::{normalize, normalize_careful, normalize_mapped};

fn as_of() -> jiff::Timestamp {
    "2026-11-22T12:00:00Z".parse().unwrap()
}

fn run(opts: &AuditOptions) -> Report {
    run_audit(opts).report
}

/// Text with the characters normalisation cares about over-represented: white space of every
/// kind, typographic quotes and dashes, combining marks, HTML tags and entities.
fn texty() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        4 => "[a-zA-ZéèàçœÉÀĀſÿ×0-9.,;:()'\\[\\]-]{1,8}",
        2 => prop::sample::select(vec![
            " ", "  ", "\n", "\r\n", "\t", "\u{a0}", "\u{202f}", "\u{2009}", "\u{200b}",
            "\u{feff}", "\u{2060}", "\u{b}", "\u{c}",
        ])
        .prop_map(str::to_string),
        2 => prop::sample::select(vec![
            "\u{2019}", "\u{2018}", "\u{2bc}", "\u{2032}", "\u{ab}", "\u{bb}", "\u{201c}",
            "\u{201d}", "\u{201e}", "\u{2013}", "\u{2014}", "\u{2011}", "\u{2212}", "« ", " »",
        ])
        .prop_map(str::to_string),
        1 => prop::sample::select(vec![
            "e\u{301}", "\u{301}", "\u{327}c", "é\u{301}", "ſ\u{307}", "Ā\u{300}", "A\u{30a}", "\u{1100}\u{1161}", "\u{11a8}",
            "\u{b47}\u{b3e}", "\u{fb01}",
        ])
        .prop_map(str::to_string),
        1 => prop::sample::select(vec![
            "<br/>", "<p>", "</p>", "<b>", "&amp;", "&nbsp;", "&lt;", "&#8217;", "&#x2019;",
            "<!-- c -->", "<script>x</script>", "&bogus;", "<", ">", "&",
        ])
        .prop_map(str::to_string),
        1 => any::<char>().prop_map(|c| c.to_string()),
    ];
    prop::collection::vec(piece, 0..40).prop_map(|v| v.concat())
}

fn check_tokens(text: &str, toks: &[Tok]) -> Result<(), TestCaseError> {
    let mut prev_end = 0;
    for t in toks {
        let (start, end) = (t.start as usize, t.end as usize);
        prop_assert!(start < end && end <= text.len(), "{t:?}");
        prop_assert!(text.is_char_boundary(start) && text.is_char_boundary(end));
        prop_assert!(start >= prev_end, "tokens overlap: {t:?}");
        prev_end = end;
        prop_assert_eq!(text[..start].chars().count(), t.char_start as usize);
        prop_assert_eq!(text[..end].chars().count(), t.char_end as usize);
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn normalisation_is_idempotent_and_its_map_stays_within_the_text(
        text in prop_oneof![texty(), any::<String>()],
        html in any::<bool>(),
    ) {
        let fast = normalize(&text, html);
        let mapped = normalize_mapped(&text, html);
        let careful = normalize_careful(&text, html);
        prop_assert_eq!(&fast, &careful.text, "the hot and the careful paths differ");
        prop_assert_eq!(&mapped, &careful, "the mapped hot path and the careful path differ");
        prop_assert_eq!(normalize(&fast, false), fast.clone(), "normalising twice changes the text");
        let n = text.chars().count();
        prop_assert_eq!(mapped.original_chars, n);
        let map = mapped.map_values();
        prop_assert_eq!(map.len(), fast.chars().count());
        prop_assert!(map.windows(2).all(|w| w[0] <= w[1]), "map not monotone");
        prop_assert!(map.iter().all(|&i| (i as usize) < n), "map outside the text");
        for (k, &v) in map.iter().enumerate() {
            prop_assert_eq!(mapped.original_index(k), Some(v as usize));
        }
        // Every span of the normalised text maps to a span of the original.
        let m = fast.chars().count();
        for (s, e) in [(0, m), (0, m / 2), (m / 3, m), (m / 2, m / 2)] {
            let (a, b) = mapped.original_span(s, e);
            prop_assert!(a <= b && b <= n, "({s}, {e}) -> ({a}, {b}) outside {n}");
        }
    }

    #[test]
    fn aligner_spans_lie_within_the_texts_on_char_boundaries(
        reference in prop_oneof![texty(), any::<String>()],
        record in prop_oneof![texty(), any::<String>()],
        normalise in any::<bool>(),
    ) {
        let (reference, record) = if normalise {
            (normalize(&reference, false), normalize(&record, false))
        } else {
            (reference, record)
        };
        let a = align(&reference, &record);
        check_tokens(&reference, &a.reference)?;
        check_tokens(&record, &a.record)?;
        let (rn, cn) = (reference.chars().count(), record.chars().count());
        for c in &a.changes {
            prop_assert!(c.reference.start <= c.reference.end);
            prop_assert!(c.reference.end <= a.reference.len());
            prop_assert!(c.record.start <= c.record.end && c.record.end <= a.record.len());
            let (s, e) = a.reference_chars(&c.reference);
            prop_assert!(s <= e && e <= rn, "{c:?}");
            let (s, e) = a.record_chars(&c.record);
            prop_assert!(s <= e && e <= cn, "{c:?}");
        }
        if reference == record {
            prop_assert!(a.changes.is_empty());
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Faithful records built from the real DILA decisions.

struct Dila {
    path: PathBuf,
    decision: ReferenceDecision,
    /// `FORMATION` as DILA writes it (`CHAMBRE_CIVILE_1`).
    formation: String,
}

static DILA: LazyLock<Vec<Dila>> = LazyLock::new(|| {
    dila_files()
        .into_iter()
        .map(|path| {
            let bytes = std::fs::read(&path).unwrap();
            let origin = Origin {
                file: path.display().to_string(),
                line: 0,
            };
            let decision = vigie::source::xml::parse_xml(&bytes, origin).unwrap();
            let raw = String::from_utf8_lossy(&bytes);
            let formation = raw
                .split_once("<FORMATION>")
                .and_then(|(_, r)| r.split_once("</FORMATION>"))
                .map(|(f, _)| f.trim().to_string())
                .unwrap_or_default();
            Dila {
                path,
                decision,
                formation,
            }
        })
        .collect()
});

/// Applies `edits` (position as a share of the text, bytes removed, text inserted) to `text`, on
/// char boundaries.
fn edited(text: &str, edits: &[(f64, usize, String)]) -> String {
    let mut out = text.to_string();
    for (at, del, ins) in edits {
        let boundary = |mut i: usize, s: &str| {
            i = i.min(s.len());
            while !s.is_char_boundary(i) {
                i -= 1;
            }
            i
        };
        let start = boundary((out.len() as f64 * at) as usize, &out);
        let end = boundary(start.saturating_add(*del), &out).max(start);
        out.replace_range(start..end, ins);
    }
    out
}

/// What the edits insert: words, white space, punctuation, pseudonymisation markers and elision
/// marks, alone or in runs.
fn insertion() -> impl Strategy<Value = String> {
    prop_oneof![
        texty(),
        prop::sample::select(vec![
            "[Adresse 1]",
            " [Adresse 1] ",
            "[X]",
            " X... ",
            "M. [W] [T]",
            "[...]",
            " ",
            "",
            "la",
            " la ",
            "cour",
            ".",
            " X... Y... ",
            "[Localité 2]",
            "***",
            // Elision marks, one token each, and their pieces.
            " (…) ",
            "(...)",
            "(",
            "...",
            ")",
        ])
        .prop_map(str::to_string),
        prop::collection::vec(texty(), 1..4).prop_map(|v| v.join(" ")),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn aligning_the_middles_gives_what_aligning_the_whole_texts_gives(
        base in prop_oneof![texty(), prop::collection::vec(texty(), 1..30).prop_map(|v| v.join(" "))],
        edits in prop::collection::vec((0.0f64..=1.0, 0usize..12, insertion()), 1..4),
        normalise in any::<bool>(),
    ) {
        let other = edited(&base, &edits);
        let (a, b) = if normalise {
            (normalize(&base, false), normalize(&other, false))
        } else {
            (base, other)
        };
        for (reference, record) in [(&a, &b), (&b, &a)] {
            let fast = align(reference, record);
            let whole = align_whole(reference, record);
            // With the reference's tokens found before, the very same alignment.
            let prepared = align_prepared(reference, &Prepared::with_tokens(reference), record);
            prop_assert_eq!(&prepared.reference, &fast.reference);
            prop_assert_eq!(&prepared.record, &fast.record);
            prop_assert_eq!(&prepared.changes, &fast.changes);
            check_tokens(reference, &fast.reference)?;
            check_tokens(record, &fast.record)?;
            prop_assert_eq!(
                fast.resolved(reference, record),
                whole.resolved(reference, record)
            );
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn interning_the_shorter_side_gives_the_changes_of_interning_each_token(
        base in prop::collection::vec(texty(), 1..40).prop_map(|v| v.join(" ")),
        edits in prop::collection::vec((0.0f64..=1.0, 0usize..200, insertion()), 1..6),
    ) {
        let other = edited(&base, &edits);
        for (reference, record) in [(&base, &other), (&other, &base)] {
            prop_assert_eq!(interning_the_shorter_side_agrees(reference, record), Ok(()));
        }
    }
}

#[test]
fn interning_the_shorter_side_agrees_on_real_decisions() {
    let texts: Vec<String> = DILA
        .iter()
        .map(|d| normalize(&d.decision.text, false))
        .collect();
    let mut cases = 0;
    for (k, text) in texts.iter().enumerate() {
        let at = |share: f64| {
            let mut i = (text.len() as f64 * share) as usize;
            while !text.is_char_boundary(i) {
                i += 1;
            }
            i
        };
        let others = [
            // An excerpt, a sentence, a few words: a short record citing the decision.
            text[at(0.3)..at(0.6)].to_string(),
            text[at(0.5)..at(0.52)].to_string(),
            "Bonjour.".to_string(),
            // The decision edited in three places.
            edited(
                text,
                &[
                    (0.2, 40, "la cour [X] rejette".into()),
                    (0.5, 0, " M. Dupont ".into()),
                    (0.8, 500, String::new()),
                ],
            ),
            // Another decision: many words of each lack in the other, and the common ones (`de`,
            // `la`) are frequent, which may make the histogram diff fall back to Myers'.
            texts[(k + 1) % texts.len()].clone(),
        ];
        for other in &others {
            for (reference, record) in [(text, other), (other, text)] {
                assert_eq!(
                    interning_the_shorter_side_agrees(reference, record),
                    Ok(()),
                    "{}",
                    DILA[k].path.display()
                );
                cases += 1;
            }
        }
    }
    assert_eq!(cases, DILA.len() * 10);
}

#[test]
fn aligning_the_middles_agrees_on_edited_real_decisions() {
    let mut shortcut = 0;
    let mut cases = 0;
    for d in DILA.iter() {
        let text = normalize(&d.decision.text, false);
        let n = text.len() as f64;
        let byte_at = |share: f64| {
            let mut i = (n * share) as usize;
            while !text.is_char_boundary(i) {
                i += 1;
            }
            i
        };
        let word_at = |share: f64| byte_at(share) as f64 / n;
        let edit_sets: Vec<Vec<(f64, usize, String)>> = vec![
            // A word swapped, a passage inserted, one removed, the end cut.
            vec![(word_at(0.33), 6, "rejette".into())],
            vec![(word_at(0.5), 0, " selon nous, la cour a tort ".into())],
            vec![(word_at(0.4), 300, String::new())],
            vec![(word_at(0.66), usize::MAX, String::new())],
            // Markers shown in clear or added, near the ends and in the middle.
            vec![(word_at(0.6), 0, " [Adresse 1] ".into())],
            vec![(0.0, 3, "[X]".into())],
            vec![(1.0, 0, " X... Y... ".into())],
            vec![(word_at(0.999), 4, "M. Dupont".into())],
            // A word repeated, two edits far apart.
            vec![(
                word_at(0.25),
                0,
                text[byte_at(0.25)..].chars().take(12).collect(),
            )],
            vec![
                (word_at(0.1), 2, "a".into()),
                (word_at(0.9), 0, " b".into()),
            ],
        ];
        // Kept for this decision across its records: its tokens are found once the middles
        // tokenised would reach its length (the last two records, its first half, see to it).
        let kept = Prepared::new(&text);
        let mut records: Vec<String> = edit_sets.iter().map(|e| edited(&text, e)).collect();
        records.extend([
            text[..byte_at(0.5)].to_string(),
            text[..byte_at(0.5)].to_string(),
        ]);
        for record in &records {
            let fast = align(&text, record);
            let prepared = align_prepared(&text, &kept, record);
            assert_eq!(
                (&prepared.reference, &prepared.record, &prepared.changes),
                (&fast.reference, &fast.record, &fast.changes),
                "{}",
                d.path.display()
            );
        }
        assert!(kept.has_tokens(), "{}", d.path.display());
        for edits in edit_sets {
            let other = edited(&text, &edits);
            for (reference, record) in [(&text, &other), (&other, &text)] {
                let fast = align(reference, record);
                let whole = align_whole(reference, record);
                assert_eq!(
                    fast.resolved(reference, record),
                    whole.resolved(reference, record),
                    "{} with {edits:?}",
                    d.path.display()
                );
                let prepared = align_prepared(reference, &Prepared::with_tokens(reference), record);
                assert_eq!(
                    (&prepared.reference, &prepared.record, &prepared.changes),
                    (&fast.reference, &fast.record, &fast.changes),
                    "{} with {edits:?}",
                    d.path.display()
                );
                cases += 1;
                if fast.reference.len() < whole.reference.len() {
                    shortcut += 1;
                }
            }
        }
    }
    assert_eq!(cases, DILA.len() * 20);
    // The middles are what was aligned in most cases.
    assert!(shortcut * 10 >= cases * 8, "{shortcut} of {cases}");
}

/// The accepted spellings of a DILA chamber (SPEC §2.2).
fn chamber_spellings(dila: &str) -> Vec<&'static str> {
    let code = match dila {
        "CHAMBRE_CIVILE_1" => "civ1",
        "CHAMBRE_CIVILE_2" => "civ2",
        "CHAMBRE_CIVILE_3" => "civ3",
        "CHAMBRE_COMMERCIALE" => "comm",
        "CHAMBRE_SOCIALE" => "soc",
        "CHAMBRE_CRIMINELLE" => "cr",
        "ASSEMBLEE_PLENIERE" => "pl",
        "CHAMBRE_MIXTE" => "mi",
        other => panic!("unexpected DILA formation {other}"),
    };
    vigie::r#gen::vocab::chamber_aliases(code).to_vec()
}

/// `23-80251` → `23-80.251`.
fn dotted(n: &str) -> String {
    let d: String = n.chars().filter(char::is_ascii_digit).collect();
    if d.len() == 7 {
        format!("{}-{}.{}", &d[..2], &d[2..4], &d[4..])
    } else {
        n.to_string()
    }
}

/// How the record carries the decision text: as read, with Windows line ends and non-breaking
/// spaces, or as HTML.
#[derive(Debug, Clone, Copy)]
enum TextForm {
    Plain,
    Crlf,
    Nbsp,
    Html,
}

fn faithful_record(
    d: &Dila,
    id: &str,
    picks: &[usize; 7],
    form: TextForm,
    pad: bool,
) -> serde_json::Value {
    let r = &d.decision;
    let pick = |v: &[String], i: usize| v[i % v.len()].clone();
    let mut source_ids = vec![r.id.clone(), r.id.to_lowercase()];
    if let Some(e) = &r.ecli {
        source_ids.push(e.clone());
    }
    let mut source_id = pick(&source_ids, picks[0]);
    if pad {
        source_id = format!("  {source_id} ");
    }
    let date = r.decision_date.expect("a DILA decision has a date");
    let dates = vec![
        date.to_string(),
        vigie::r#gen::vocab::slash_date(date),
        vigie::r#gen::vocab::french_date(date),
    ];
    let jurisdictions: Vec<String> = ["Cour de cassation", "Cass.", "cc"]
        .iter()
        .map(|s| s.to_string())
        .chain(reference_display(IdField::Jurisdiction, r))
        .collect();
    let formations: Vec<String> = chamber_spellings(&d.formation)
        .into_iter()
        .map(str::to_string)
        .chain(reference_display(IdField::Formation, r))
        .collect();
    let numbers = vec![
        r.numbers.join(", "),
        r.numbers
            .iter()
            .map(|n| dotted(n))
            .collect::<Vec<_>>()
            .join(", "),
        r.numbers
            .iter()
            .map(|n| format!("n° {}", dotted(n)))
            .collect::<Vec<_>>()
            .join(", "),
    ];
    let seats: Vec<String> = ["Paris", "paris"]
        .iter()
        .map(|s| s.to_string())
        .chain(reference_display(IdField::Seat, r))
        .collect();
    let attributions: Vec<String> = [
        "Source : Légifrance",
        "Légifrance (DILA)",
        "Source : Cour de cassation, via Légifrance",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    let (text, format) = match form {
        TextForm::Plain => (r.text.clone(), "plain"),
        TextForm::Crlf => (r.text.replace('\n', "\r\n"), "plain"),
        TextForm::Nbsp => (r.text.replace(" : ", "\u{a0}: "), "plain"),
        TextForm::Html => (
            format!(
                "<div class=\"decision\"><p>{}</p></div>",
                html_escape::encode_text(&r.text).replace('\n', "<br/>\n")
            ),
            "html",
        ),
    };
    serde_json::json!({
        "id": id,
        "source_id": source_id,
        "url": format!("https://example.test/d/{}", r.id),
        "text": text,
        "text_format": format,
        "jurisdiction": pick(&jurisdictions, picks[1]),
        "formation": pick(&formations, picks[2]),
        "seat": pick(&seats, picks[3]),
        "decision_date": pick(&dates, picks[4]),
        "number": pick(&numbers, picks[5]),
        "attribution": pick(&attributions, picks[6]),
        "updated_at": "2026-11-21T08:00:00Z",
        "update_notice": "Document chargé sur le site source le 21/11/2026",
    })
}

fn text_form() -> impl Strategy<Value = TextForm> {
    prop_oneof![
        Just(TextForm::Plain),
        Just(TextForm::Crlf),
        Just(TextForm::Nbsp),
        Just(TextForm::Html),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn a_record_identical_to_its_reference_raises_no_integrity_or_masking_finding(
        which in 0..92usize,
        id in "\\PC{1,24}".prop_filter("an id is not blank", |s| !s.trim().is_empty()),
        picks in any::<[usize; 7]>(),
        form in text_form(),
        pad in any::<bool>(),
    ) {
        let d = &DILA[which % DILA.len()];
        let rec = faithful_record(d, &id, &picks, form, pad);
        let dir = tempfile::tempdir().unwrap();
        let corpus = dir.path().join("corpus.jsonl");
        std::fs::write(&corpus, format!("{rec}\n")).unwrap();
        let report = run(&AuditOptions {
            corpus: vec![corpus],
            reference: vec![d.path.clone()],
            as_of: Some(as_of()),
            jobs: Some(1),
            ..Default::default()
        });
        prop_assert_eq!(report.audit.records, 1);
        prop_assert_eq!(report.audit.matched_records, 1);
        let bad: Vec<String> = report
            .findings
            .iter()
            .filter(|f| matches!(f.rule.info().family, Family::Integrity | Family::Masking))
            .map(|f| format!("{}: {}", f.rule.code(), f.message))
            .collect();
        prop_assert!(bad.is_empty(), "{}: {:?}", d.decision.id, bad);
    }
}

// ---------------------------------------------------------------------------------------------
// The report depends neither on `--jobs` nor on the order of the corpus files.

struct Generated {
    _dir: tempfile::TempDir,
    root: PathBuf,
    lines: Vec<String>,
}

impl Generated {
    /// The audit of `corpus` against this generated reference and history, with `--jobs` and a
    /// block size.
    fn audit(&self, corpus: PathBuf, jobs: usize, block_bytes: usize) -> AuditOptions {
        AuditOptions {
            corpus: vec![corpus],
            reference: vec![self.root.join("reference")],
            history: vec![self.root.join("history.json")],
            as_of: Some(as_of()),
            jobs: Some(jobs),
            limits: vigie::corpus::Limits {
                block_bytes,
                ..Default::default()
            },
            ..Default::default()
        }
    }
}

/// Two generated corpora (every rule planted), made once.
static GENERATED: LazyLock<Vec<Generated>> = LazyLock::new(|| {
    [(7u64, 0.5), (11, 0.9)]
        .into_iter()
        .map(|(seed, rate)| {
            let dir = tempfile::tempdir().unwrap();
            let root = dir.path().to_path_buf();
            let mut cfg = vigie::r#gen::Config::new(&root);
            cfg.records = 80;
            cfg.breach_rate = rate;
            cfg.seed = seed;
            vigie::r#gen::generate(cfg).unwrap();
            let lines = std::fs::read_to_string(root.join("corpus.jsonl"))
                .unwrap()
                .lines()
                .map(str::to_string)
                .collect();
            Generated {
                _dir: dir,
                root,
                lines,
            }
        })
        .collect()
});

/// The findings as a multiset of `(fingerprint, rule)`, and the counts of the audit.
fn fingerprints(r: &Report) -> (BTreeMap<(String, Rule), usize>, [u64; 3]) {
    let mut m = BTreeMap::new();
    for f in &r.findings {
        *m.entry((f.fingerprint(), f.rule)).or_insert(0) += 1;
    }
    (
        m,
        [
            r.audit.records,
            r.audit.unreadable_records,
            r.audit.matched_records,
        ],
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(12))]

    #[test]
    fn the_report_depends_neither_on_jobs_nor_on_the_order_of_the_files(
        which in 0..2usize,
        cuts in prop::collection::vec(any::<prop::sample::Index>(), 1..4),
        order in Just((0..4usize).collect::<Vec<_>>()).prop_shuffle(),
        jobs in 1..4usize,
    ) {
        let g = &GENERATED[which];
        // Split the corpus into consecutive parts at the cut points.
        let mut at: Vec<usize> = cuts.iter().map(|i| i.index(g.lines.len())).collect();
        at.push(0);
        at.push(g.lines.len());
        at.sort_unstable();
        at.dedup();
        let dir = tempfile::tempdir().unwrap();
        let mut parts = Vec::new();
        for (k, w) in at.windows(2).enumerate() {
            let p = dir.path().join(format!("part-{k}.jsonl"));
            let mut body = g.lines[w[0]..w[1]].join("\n");
            body.push('\n');
            std::fs::write(&p, body).unwrap();
            parts.push(p);
        }
        let permuted: Vec<PathBuf> = order
            .iter()
            .filter(|&&i| i < parts.len())
            .map(|&i| parts[i].clone())
            .collect();
        prop_assert_eq!(permuted.len(), parts.len());
        let opts = |corpus: Vec<PathBuf>, jobs: usize| AuditOptions {
            corpus,
            reference: vec![g.root.join("reference")],
            history: vec![g.root.join("history.json")],
            as_of: Some(as_of()),
            jobs: Some(jobs),
            ..Default::default()
        };
        let whole = run(&opts(vec![g.root.join("corpus.jsonl")], 1));
        let split = run(&opts(permuted, jobs));
        let (wf, wc) = fingerprints(&whole);
        let (sf, sc) = fingerprints(&split);
        prop_assert_eq!(wc, sc);
        prop_assert_eq!(whole.summary.verdict, split.summary.verdict);
        // IN001 without an id is fingerprinted by its file and content (its line, when it has
        // no bytes of its own), which change when the corpus is split: compare those by count,
        // every other finding by fingerprint.
        let keep = |m: &BTreeMap<(String, Rule), usize>, r: &Report| {
            let anonymous: usize = r
                .findings
                .iter()
                .filter(|f| f.rule == Rule::IN001 && f.record.as_ref().is_none_or(|x| x.id.is_none()))
                .count();
            let named: BTreeMap<(String, Rule), usize> = m
                .iter()
                .filter(|((fp, rule), _)| {
                    *rule != Rule::IN001
                        || r.findings.iter().any(|f| {
                            f.rule == Rule::IN001
                                && &f.fingerprint() == fp
                                && f.record.as_ref().is_some_and(|x| x.id.is_some())
                        })
                })
                .map(|(k, v)| (k.clone(), *v))
                .collect();
            (named, anonymous)
        };
        prop_assert_eq!(keep(&wf, &whole), keep(&sf, &split));
        // And the same split in the same order gives the same report whatever --jobs is.
        let again = run(&opts(
            order.iter().filter(|&&i| i < parts.len()).map(|&i| parts[i].clone()).collect(),
            1,
        ));
        prop_assert_eq!(fingerprints(&again), fingerprints(&split));
        let seq = |r: &Report| r.findings.iter().map(Finding::fingerprint).collect::<Vec<_>>();
        prop_assert_eq!(seq(&again), seq(&split), "the same inputs give the same order");
    }
}

use vigie::model::Finding;

// What the audit tells its subscriber as it goes adds up to its report: every finding is sent
// once as an event, unreadable files included, and the last progress has read every byte.
#[cfg(unix)]
#[test]
fn events_add_up_to_the_report() {
    let g = &GENERATED[1];
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    std::fs::create_dir(&corpus).unwrap();
    std::os::unix::fs::symlink(g.root.join("corpus.jsonl"), corpus.join("a.jsonl")).unwrap();
    std::os::unix::fs::symlink(dir.path().join("nowhere"), corpus.join("gone.jsonl")).unwrap();
    // A record whose text gives twins (the same address in the same words, four times over):
    // findings numbered apart only by their occurrence, live as in the report.
    let twins = serde_json::json!({
        "id": "twins",
        "text": "Écrire à jean.durand@gmail.com pour tout. ".repeat(6),
    });
    std::fs::write(corpus.join("twins.jsonl"), format!("{twins}\n")).unwrap();
    // A file the system lists but will not read (EIO): it fails once the reader is at it.
    #[cfg(target_os = "linux")]
    std::os::unix::fs::symlink("/proc/self/mem", corpus.join("mem.jsonl")).unwrap();
    let events = std::sync::Mutex::new(Vec::new());
    let mut opts = g.audit(corpus, 2, 8192);
    opts.live_findings = true;
    let report = audit::run(
        &opts,
        &|e| events.lock().unwrap().push(e),
        &AtomicBool::new(false),
    )
    .unwrap()
    .report;
    let events = events.into_inner().unwrap();
    let mut sent: Vec<String> = Vec::new();
    let mut last = None;
    for e in &events {
        match e {
            audit::AuditEvent::Findings(batch) => {
                sent.extend(batch.iter().map(Finding::fingerprint))
            }
            audit::AuditEvent::Progress(p) => last = Some(p.clone()),
            audit::AuditEvent::ReferenceLoaded { .. }
            | audit::AuditEvent::ReferenceProgress { .. } => {}
        }
    }
    let mut kept: Vec<String> = report.findings.iter().map(Finding::fingerprint).collect();
    sent.sort();
    kept.sort();
    assert_eq!(sent, kept);
    let twins: Vec<&Finding> = report
        .findings
        .iter()
        .filter(|f| f.rule == vigie::rules::Rule::MSK005 && f.occurrence > 0)
        .collect();
    assert_eq!(twins.len(), 3, "{twins:?}");
    let unreadable_files = report
        .findings
        .iter()
        .filter(|f| f.message.starts_with("cannot read the file"))
        .count();
    assert_eq!(
        unreadable_files,
        if cfg!(target_os = "linux") { 2 } else { 1 }
    );
    let last = last.expect("progress was told");
    assert_eq!(last.bytes_done, last.bytes_total);
    assert_eq!(last.records, report.audit.records);
    assert_eq!(last.findings, report.findings.len() as u64);
    assert_eq!(
        last.by_family.iter().sum::<u64>(),
        report.findings.len() as u64
    );
    assert_eq!(
        last.family_count(Family::Input),
        report
            .findings
            .iter()
            .filter(|f| f.rule.info().family == Family::Input)
            .count() as u64
    );
}

// Blocks are checked on the pool several at a time and may finish in any order; they are merged
// in the order they were read. With blocks of a few records, the report must be the one a single
// block gives, to the order of the findings and to which of two records with one id is the
// duplicate, whatever --jobs is.
#[test]
fn blocks_checked_out_of_order_merge_in_reading_order() {
    let g = &GENERATED[1];
    let opts =
        |block_bytes: usize, jobs: usize| g.audit(g.root.join("corpus.jsonl"), jobs, block_bytes);
    let whole = run(&opts(vigie::corpus::Limits::default().block_bytes, 1));
    let bytes = std::fs::metadata(g.root.join("corpus.jsonl"))
        .unwrap()
        .len();
    assert!(bytes > 40 * 4096, "at least forty blocks of 4 kB");
    let duplicates: Vec<&Finding> = whole
        .findings
        .iter()
        .filter(|f| f.rule == Rule::IN002)
        .collect();
    assert!(
        !duplicates.is_empty(),
        "the corpus reuses ids, so merging order matters"
    );
    for jobs in [1, 2, 4] {
        let small = run(&opts(4096, jobs));
        assert_eq!(
            format!("{:?}", small.findings),
            format!("{:?}", whole.findings),
            "--jobs {jobs}"
        );
        assert_eq!(small.audit.records, whole.audit.records);
        assert_eq!(small.audit.matched_records, whole.audit.matched_records);
        assert_eq!(
            format!("{:?}", small.audit.updated_at_ages),
            format!("{:?}", whole.audit.updated_at_ages)
        );
    }
    // Each duplicate names an earlier line as the record that holds the id first.
    for f in duplicates {
        let r = f.record.as_ref().unwrap();
        let first: u64 = f.message.rsplit(':').next().unwrap().parse().unwrap();
        assert!(first < r.line, "{}", f.message);
    }
}

// In a folder of one record per file, with more than one worker, the workers read the small
// files themselves, in batches; with one, the reader thread does. Either way each record gives
// the findings it gives in one JSON Lines file, in the same order, and a file that fails to read
// is reported in its place.
#[test]
fn a_folder_of_one_record_files_reads_like_one_file() {
    let g = &GENERATED[1];
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("corpus");
    std::fs::create_dir(&folder).unwrap();
    for (i, line) in g.lines.iter().enumerate() {
        std::fs::write(folder.join(format!("r{i:04}.json")), format!("{line}\n")).unwrap();
    }
    // Files the system lists but will not read, sorted between records 40 and 41, and 60 and 61:
    // `/proc/self/mem` (of size 0, like a pipe: the reader thread reads it) fails with EIO;
    // a write-only sysfs file (of size 4096: small, a worker reads it), where there is one,
    // fails to open.
    #[cfg(target_os = "linux")]
    std::os::unix::fs::symlink("/proc/self/mem", folder.join("r0040z-mem.json")).unwrap();
    #[cfg(target_os = "linux")]
    let sysfs = Path::new("/sys/bus/pci/rescan");
    #[cfg(target_os = "linux")]
    let sysfs = (std::fs::metadata(sysfs).is_ok_and(|m| m.is_file() && m.len() > 0)
        && std::fs::File::open(sysfs).is_err())
    .then(|| std::os::unix::fs::symlink(sysfs, folder.join("r0060z-sys.json")).unwrap())
    .is_some();
    #[cfg(not(target_os = "linux"))]
    let sysfs = false;
    // Files under an eighth of a block are read by the workers: with blocks of 128 kB, some
    // records are read there and some by the reader thread, in batches of 64 kB or more.
    let block_bytes = 128 * 1024;
    let sizes: Vec<usize> = g.lines.iter().map(|l| l.len() + 1).collect();
    assert!(sizes.iter().any(|&n| n < block_bytes / 8));
    assert!(sizes.iter().any(|&n| n >= block_bytes / 8));
    assert!(
        sizes.iter().sum::<usize>() > 4 * block_bytes,
        "several batches"
    );
    let opts = |corpus: PathBuf, jobs: usize| g.audit(corpus, jobs, block_bytes);
    let whole = run(&opts(g.root.join("corpus.jsonl"), 2));
    // A finding as `(line in corpus.jsonl, rule)`; of a file of the folder, its record's line.
    let places = |r: &Report| -> Vec<(u64, Rule)> {
        r.findings
            .iter()
            .filter_map(|f| {
                let rec = f.record.as_ref()?;
                let name = &r.files[rec.file_index as usize];
                let line = match name.rsplit_once("/r") {
                    // `r0040.json`: record 40, line 41 of corpus.jsonl.
                    Some((_, n)) if n.len() == 9 => n[..4].parse::<u64>().unwrap() + rec.line,
                    _ => rec.line,
                };
                Some((line, f.rule))
            })
            .collect()
    };
    let expected = places(&whole);
    assert!(expected.len() > 40, "{} findings", expected.len());
    let mut first: Option<String> = None;
    for jobs in [1, 2, 4] {
        let split = run(&opts(folder.clone(), jobs));
        assert_eq!(split.audit.records, whole.audit.records, "--jobs {jobs}");
        assert_eq!(split.audit.matched_records, whole.audit.matched_records);
        let unreadable: Vec<&Finding> = split
            .findings
            .iter()
            .filter(|f| f.message.starts_with("cannot read the file"))
            .collect();
        let mut got = places(&split);
        let mut bad: Vec<(&str, u64)> = Vec::new();
        if cfg!(target_os = "linux") {
            bad.push(("r0040z-mem.json", 41));
        }
        if sysfs {
            bad.push(("r0060z-sys.json", 61));
        }
        assert_eq!(unreadable.len(), bad.len(), "--jobs {jobs}");
        // Each in its place: after the findings of the record before it, before those after.
        for (f, (name, line)) in unreadable.iter().zip(&bad).rev() {
            let rec = f.record.as_ref().unwrap();
            assert!(split.files[rec.file_index as usize].ends_with(name));
            let at = split
                .findings
                .iter()
                .position(|x| std::ptr::eq(x, *f))
                .unwrap();
            assert!(got[..at].iter().all(|p| p.0 <= *line), "{name}");
            assert!(got[at + 1..].iter().all(|p| p.0 > *line), "{name}");
            got.remove(at);
        }
        assert_eq!(got, expected, "--jobs {jobs}");
        // The same folder gives the same report whatever --jobs is.
        let seq = format!("{:?}", split.findings);
        match &first {
            None => first = Some(seq),
            Some(s) => assert_eq!(&seq, s, "--jobs {jobs}"),
        }
    }
}

/// A JSON Lines reference of 160 decisions generated with `seed` (over 1 MB), and the folder
/// that holds it.
fn generated_reference(seed: u64) -> (tempfile::TempDir, PathBuf) {
    let gen_dir = tempfile::tempdir().unwrap();
    let mut cfg = vigie::r#gen::Config::new(gen_dir.path());
    cfg.records = 160;
    cfg.seed = seed;
    vigie::r#gen::generate(cfg).unwrap();
    let jsonl = gen_dir.path().join("reference").join("reference.jsonl");
    (gen_dir, jsonl)
}

/// `other` holds every decision of `whole`, none unreadable, the same but for their origins
/// (each pair is handed to `origins`), with the same digests and the same texts read back.
fn assert_same_decisions(
    whole: &vigie::source::ReferenceSet,
    other: &vigie::source::ReferenceSet,
    origins: impl Fn(&Origin, &Origin),
) {
    assert_eq!(other.len(), whole.len());
    assert!(other.unreadable.is_empty() && whole.unreadable.is_empty());
    let strip = |d: &ReferenceDecision| ReferenceDecision {
        origin: Origin::default(),
        ..d.clone()
    };
    for (i, d) in whole.decisions.iter().enumerate() {
        let j = other.find_index(&d.id).expect("the same decision");
        let e = &other.decisions[j];
        origins(&d.origin, &e.origin);
        assert_eq!(format!("{:?}", strip(e)), format!("{:?}", strip(d)));
        assert_eq!(other.stored(j).digest, whole.stored(i).digest);
        let text = whole.text(i).unwrap();
        assert!(!text.is_empty());
        assert_eq!(other.text(j).unwrap(), text);
    }
}

// A reference given as a folder of one decision per file (as Judilibre serves them) is read file
// by file, each on the thread that lists it: it gives the decisions and the texts that the same
// decisions give in one JSON Lines file, which is read block by block by a reader thread.
#[test]
fn a_folder_of_one_decision_files_loads_like_one_file() {
    use vigie::source::ReferenceSet;
    let (_gen_dir, jsonl) = generated_reference(5);
    let lines: Vec<String> = std::fs::read_to_string(&jsonl)
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect();
    assert!(
        std::fs::metadata(&jsonl).unwrap().len() > 1 << 20,
        "over 1 MB: the whole file is read by a reader thread"
    );
    let dir = tempfile::tempdir().unwrap();
    for (i, line) in lines.iter().enumerate() {
        std::fs::write(dir.path().join(format!("d{i:04}.json")), line).unwrap();
    }
    let limits = Default::default();
    let whole = ReferenceSet::load(&[jsonl], &limits).unwrap();
    let split = ReferenceSet::load(&[dir.path().to_path_buf()], &limits).unwrap();
    assert_same_decisions(&whole, &split, |d, e| {
        // The file `d{line - 1}.json`, line 1.
        assert_eq!(e.line, 1);
        assert!(e.file.ends_with(&format!("d{:04}.json", d.line - 1)));
    });
}

// A reference given as a pipe (`--reference <(zcat ref.jsonl.gz)`) cannot be read twice: the bytes
// read to tell its format are the start of its first decision, which must not be lost. Three
// pipes: JSON Lines of over a megabyte (read block by block by a reader thread), a Judilibre
// decision of one pretty-printed object (read whole), and the JSON Lines gzipped. A zip archive,
// which is read from its end, cannot come from a pipe: that is an error naming it.
#[test]
fn a_reference_read_from_a_pipe_loses_nothing() {
    use vigie::source::ReferenceSet;
    let (gen_dir, jsonl) = generated_reference(7);
    let detail = data("judilibre/cc_detail.json");
    let gz = gen_dir.path().join("reference.jsonl.gz");
    {
        use std::io::Write;
        let mut enc = flate2::write::GzEncoder::new(
            std::fs::File::create(&gz).unwrap(),
            flate2::Compression::fast(),
        );
        enc.write_all(&std::fs::read(&jsonl).unwrap()).unwrap();
        enc.finish().unwrap();
    }
    let zip = gen_dir.path().join("reference.zip");
    {
        use std::io::Write;
        let mut w = zip::ZipWriter::new(std::fs::File::create(&zip).unwrap());
        w.start_file("cc_detail.json", zip::write::SimpleFileOptions::default())
            .unwrap();
        w.write_all(&std::fs::read(&detail).unwrap()).unwrap();
        w.finish().unwrap();
    }
    let limits = Default::default();
    for file in [jsonl, detail.clone(), gz, zip] {
        let bytes = std::fs::read(&file).unwrap();
        let (piped, written) = support::pipe::through_a_pipe(bytes, |fifo| {
            ReferenceSet::load(&[fifo.to_path_buf()], &limits)
        });
        if file.extension().is_some_and(|e| e == "zip") {
            let e = piped.unwrap_err().to_string();
            assert!(
                e.contains("input.pipe") && e.contains("must be a file"),
                "{e}"
            );
            continue;
        }
        written.unwrap();
        let piped = piped.unwrap();
        let whole = ReferenceSet::load(std::slice::from_ref(&file), &limits).unwrap();
        assert!(!whole.is_empty(), "{}", file.display());
        // Texts read back from the store: the pipe cannot be read again.
        assert_same_decisions(&whole, &piped, |d, e| assert_eq!(e.line, d.line));
    }
}

// ---------------------------------------------------------------------------------------------
// Every corpus line is a record or an IN001.

/// `v` without line feeds, and not opening with `[` (after its white space): a line that holds
/// a JSON array is read as the array's elements, which [`array_line`] makes (and the property's
/// oracle parses) on purpose.
fn no_newline(v: Vec<u8>) -> Vec<u8> {
    let mut v: Vec<u8> = v.into_iter().filter(|&b| b != b'\n').collect();
    if let Some(first) = v.iter_mut().find(|b| !b.is_ascii_whitespace())
        && *first == b'['
    {
        *first = b'(';
    }
    v
}

/// A line that holds a JSON array of records (good, or with no `id`) and other values, as an
/// export that writes a batch of records a line does, with white space around it.
fn array_line() -> impl Strategy<Value = Vec<u8>> {
    let element = prop_oneof![
        3 => ("\\PC{0,12}", "\\PC{0,20}").prop_map(|(id, text)| {
            serde_json::json!({"id": id, "text": text}).to_string()
        }),
        1 => "\\PC{0,12}".prop_map(|t| serde_json::json!({"di": t}).to_string()),
        1 => any::<i32>().prop_map(|n| n.to_string()),
        1 => "\\PC{0,8}".prop_map(|t| serde_json::Value::String(t).to_string()),
    ];
    (
        prop::collection::vec(element, 0..5),
        prop::sample::select(vec!["", " ", "\t "]),
        prop::sample::select(vec!["", " ", "\r"]),
    )
        .prop_map(|(elements, lead, end)| {
            format!("{lead}[{}]{end}", elements.join(", ")).into_bytes()
        })
}

fn line_bytes() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        // Arbitrary bytes.
        3 => prop::collection::vec(any::<u8>(), 0..60).prop_map(no_newline),
        // Arbitrary text.
        2 => any::<String>().prop_map(|s| no_newline(s.into_bytes())),
        // Records, good or nearly so.
        3 => ("\\PC{0,12}", "\\PC{0,20}", any::<bool>(), 0..6usize).prop_map(
            |(id, text, quote_id, damage)| {
                let id = if quote_id {
                    serde_json::Value::String(id)
                } else {
                    serde_json::Value::from(id.len())
                };
                let s = serde_json::json!({"id": id, "text": text}).to_string();
                let mut b = match damage {
                    1 => format!("  \t{s}\r"),
                    2 => s.replace("\"id\"", "\"di\""),
                    3 => format!("{s},"),
                    _ => s,
                }
                .into_bytes();
                if damage == 0 {
                    // Cut anywhere, even inside a character.
                    b.truncate(b.len() / 2);
                }
                b
            }
        ),
        // Blank lines.
        1 => prop::sample::select(vec!["", " ", "\t", "\r", " \r", "\u{c}"])
            .prop_map(|s| s.as_bytes().to_vec()),
        // Arrays, one a line.
        1 => array_line(),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn every_corpus_line_is_a_record_or_an_in001(
        lines in prop::collection::vec(line_bytes(), 0..25),
    ) {
        // A readable first line keeps the file JSON Lines (an array or a lone multi-line
        // object is another layout).
        let mut all = vec![br#"{"id":"first"}"#.to_vec()];
        all.extend(lines);
        let mut body = all.join(&b'\n');
        body.push(b'\n');
        let dir = tempfile::tempdir().unwrap();
        let corpus = dir.path().join("corpus.jsonl");
        std::fs::write(&corpus, &body).unwrap();
        let report = run(&AuditOptions {
            corpus: vec![corpus],
            reference: vec![data("judilibre/cc_detail.json")],
            as_of: Some(as_of()),
            jobs: Some(2),
            ..Default::default()
        });
        let mut expect_records = 0u64;
        let mut expect_unreadable = Vec::new();
        let mut non_blank = 0u64;
        // Lines as an editor counts them: a line ends at LF, CRLF or a CR alone, so a record
        // after a CR alone (in the white space that leads its line) is on the next one.
        let editor_line = |at: usize| {
            1 + body[..at]
                .iter()
                .enumerate()
                .filter(|&(k, &b)| b == b'\n' || (b == b'\r' && body.get(k + 1) != Some(&b'\n')))
                .count() as u64
        };
        let mut offset = 0;
        for l in &all {
            let start = offset;
            offset += l.len() + 1;
            let lead = l.iter().take_while(|b| b.is_ascii_whitespace()).count();
            if lead == l.len() {
                continue;
            }
            if l[lead] == b'[' {
                // An array (valid JSON, see `array_line`): each element is a record or an
                // IN001 on the line; an empty array, one IN001.
                let elements: Vec<&serde_json::value::RawValue> =
                    serde_json::from_slice(&l[lead..]).unwrap();
                if elements.is_empty() {
                    non_blank += 1;
                    expect_unreadable.push(editor_line(start + lead));
                }
                for e in elements {
                    non_blank += 1;
                    match parse_record(e.get().as_bytes(), None) {
                        Ok(_) => expect_records += 1,
                        Err(_) => expect_unreadable.push(editor_line(start + lead)),
                    }
                }
                continue;
            }
            non_blank += 1;
            match parse_record(&l[lead..], None) {
                Ok(_) => expect_records += 1,
                Err(_) => expect_unreadable.push(editor_line(start + lead)),
            }
        }
        // Every line, or every element of a line's array, is a record or an IN001.
        prop_assert_eq!(report.audit.records + report.audit.unreadable_records, non_blank);
        prop_assert_eq!(report.audit.records, expect_records);
        let mut in001: Vec<u64> = report
            .findings
            .iter()
            .filter(|f| f.rule == Rule::IN001)
            .map(|f| f.record.as_ref().expect("IN001 names its line").line)
            .collect();
        in001.sort_unstable();
        prop_assert_eq!(in001, expect_unreadable);
    }
}
