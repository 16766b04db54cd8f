//! The report writers, on a hand-built report.

use std::collections::BTreeMap;
use vigie::model::{Evidence, Fact, Finding, Personal, RecordRef};
use vigie::report::{
    self, AgeHistogram, AuditInfo, Format, PolicyOverride, Report, Summary, Waiver, WaiverStatus,
    WriteOptions,
};
use vigie::rules::{Penalty, Rule};
use vigie::text::identifiers::IdentifierKind;

fn rec(
    id: Option<&str>,
    source_id: Option<&str>,
    file_index: u32,
    line: u64,
) -> std::sync::Arc<RecordRef> {
    std::sync::Arc::new(RecordRef {
        id: id.map(str::to_string),
        id_as_written: false,
        source_id_as_written: false,
        source_id: source_id.map(str::to_string),
        url: id.map(|id| format!("https://juris.example/d/{id}")),
        file_index,
        line,
        column: 1,
        offset: line * 100,
        file_key: 0,
        producer: None,
        compared_with: None,
        digest: 0,
    })
}

/// Six findings of different rules, one at corpus level, one on an unreadable line, ordered by
/// file, line, then rule.
fn sample() -> Report {
    let r17 = rec(Some("r-17"), Some("5fca277de35a255d41ca73ab"), 0, 17);
    let findings = vec![
        Finding::new(
            Rule::FRE003,
            None,
            "the newest updated_at of the corpus is 9 days before the audit",
        ),
        Finding::new(
            Rule::INT001,
            Some(r17.clone()),
            "the text differs from the reference",
        )
        .with_evidence(Evidence {
            field: "text".into(),
            span: Some((0, 30)),
            reference_span: Some((0, 25)),
            excerpt: Some("=HYPERLINK(\"http://evil.example\",\"clic\")".into()),
            reference_excerpt: Some("Sur le moyen unique".into()),
            ..Evidence::default()
        }),
        Finding::new(
            Rule::MSK001,
            Some(r17),
            "pseudonymised name [K] of the reference is shown in clear",
        )
        .with_evidence(Evidence {
            field: "text".into(),
            span: Some((1204, 1212)),
            reference_span: Some((1204, 1207)),
            excerpt: Some("M. Kaminski a formé le pourvoi".into()),
            reference_excerpt: Some("M. [K] a formé le pourvoi".into()),
            personal: vec![Personal::whole(3, 11)],
            reference_personal: vec![],
            message_personal: vec![],
        }),
        Finding::new(
            Rule::ATT001,
            Some(rec(Some("r-20"), Some("JURITEXT000046"), 0, 20)),
            "-attribution names no producer # Titre\n[lien](http://x) \u{1b}[31m",
        )
        .with_evidence(Evidence {
            field: "attribution".into(),
            excerpt: Some("# Titre\n[lien](http://x) \u{1b}[31m".into()),
            ..Evidence::default()
        }),
        Finding::new(
            Rule::INT007,
            Some(rec(Some("r-21"), None, 0, 21)),
            "no reference decision matches the record",
        ),
        Finding::new(
            Rule::IN001,
            Some(rec(None, None, 1, 3)),
            "line 3: invalid JSON (expected value at column 1)",
        ),
    ];
    let mut sorted = findings.clone();
    sorted.sort_by_key(Finding::sort_key);
    assert_eq!(sorted, findings, "the sample is in report order");
    let summary = Summary::of(&findings);
    let mut waivers = BTreeMap::new();
    waivers.insert(
        findings[4].fingerprint(),
        Waiver {
            status: WaiverStatus::Accepted,
            note: "decision not yet in the reference".into(),
            at: "2026-11-22T13:00:00Z".into(),
        },
    );
    Report {
        audit: AuditInfo {
            as_of: "2026-11-22T12:00:00Z".into(),
            corpus: vec!["corpus.jsonl".into(), "other.jsonl".into()],
            reference: vec!["ref/".into()],
            history: vec![],
            records: 4,
            unreadable_records: 1,
            reference_decisions: 3,
            unreadable_reference_decisions: 1,
            unreadable_reference_uncounted: 0,
            unreadable_reference: vec![vigie::report::UnreadableInput {
                file: "ref/broken.xml".into(),
                line: 0,
                reason: "line 3, column 1: <CONTENU> is not closed".into(),
                lost: vigie::source::Lost::Decisions(1),
            }],
            superseded_reference: vec![],
            withdrawn_reference: vec![],
            skipped_files: vec!["corpus/README.txt".into()],
            vigie_files: vec![],
            matched_records: 2,
            producers: vec![],
            texts_not_compared_why: Default::default(),
            records_without_text: 0,
            mapping: None,
            policy_overrides: vec![PolicyOverride {
                rule: Rule::ATT001,
                field: "severity",
                from: "medium".into(),
                to: "low".into(),
            }],
            previous: None,
            elapsed_ms: 12,
            updated_at_ages: AgeHistogram {
                buckets: vec![("≤72 h", 0), ("3–7 d", 0), ("1–4 wk", 3), ("none", 1)],
            },
        },
        summary,
        findings,
        files: vec!["corpus.jsonl".into(), "other.jsonl".into()],
        waivers,
    }
}

fn render(report: &Report, format: Format, opts: &WriteOptions) -> String {
    let mut out = Vec::new();
    report::write(report, format, opts, &mut out).unwrap();
    words(format, String::from_utf8(out).unwrap())
}

/// The report as written, narrow no-break spaces and all.
fn written(report: &Report, format: Format, opts: &WriteOptions) -> String {
    let mut out = Vec::new();
    report::write(report, format, opts, &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

/// The notice with its narrow no-break spaces (French typography, U+202F before « : ; ! ? »,
/// inside « », between thousands) as plain spaces: what these tests check is the wording;
/// `notice_typography` checks the spaces on the letter as written.
fn words(format: Format, text: String) -> String {
    if format == Format::Notice {
        text.replace('\u{202f}', " ")
    } else {
        text
    }
}

fn keys(v: &serde_json::Value) -> Vec<&str> {
    v.as_object().unwrap().keys().map(String::as_str).collect()
}

/// Keys in the order they appear in the text (serde_json's map sorts them).
fn keys_in_order(text: &str, keys: &[&str]) -> bool {
    let pos: Vec<usize> = keys
        .iter()
        .map(|k| text.find(&format!("\"{k}\":")).unwrap_or(usize::MAX))
        .collect();
    pos.windows(2).all(|w| w[0] < w[1]) && pos.iter().all(|&p| p != usize::MAX)
}

#[test]
fn json_has_the_schema() {
    let r = sample();
    let text = render(&r, Format::Json, &WriteOptions::default());
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert!(keys_in_order(
        &text,
        &["vigie_report", "tool", "audit", "summary", "findings"]
    ));
    assert_eq!(v["vigie_report"], 1);
    assert_eq!(v["tool"]["name"], "vigie");
    assert_eq!(v["tool"]["version"], env!("CARGO_PKG_VERSION"));
    let audit = &v["audit"];
    for k in [
        "as_of",
        "corpus",
        "reference",
        "history",
        "records",
        "unreadable_records",
        "reference_decisions",
        "unreadable_reference_decisions",
        "unreadable_reference",
        "skipped_files",
        "matched_records",
        "producers",
        "texts_not_compared",
        "texts_not_compared_why",
        "records_without_text",
        "policy_overrides",
        "previous",
        "waivers",
        "reveal_personal_data",
        "elapsed_ms",
        "updated_at_ages",
    ] {
        assert!(audit.get(k).is_some(), "audit.{k}");
    }
    // No `--previous`, no `--waivers` file given, personal data redacted.
    assert!(audit["previous"].is_null());
    assert!(audit["waivers"].is_null());
    assert_eq!(audit["reveal_personal_data"], false);
    assert_eq!(audit["records"], 4);
    // A whole file: no line.
    assert_eq!(
        audit["unreadable_reference"],
        serde_json::json!([{"file": "ref/broken.xml", "line": null,
                            "reason": "line 3, column 1: <CONTENU> is not closed",
                            "lost": "decisions", "decisions": 1}])
    );
    assert_eq!(audit["unreadable_reference_decisions_exact"], true);
    assert_eq!(
        audit["skipped_files"],
        serde_json::json!(["corpus/README.txt"])
    );
    // No producer in the hand-built report: an empty object.
    assert_eq!(audit["producers"], serde_json::json!({}));
    assert_eq!(
        audit["policy_overrides"][0],
        serde_json::json!({"rule": "ATT001", "field": "severity", "from": "medium", "to": "low"})
    );
    assert_eq!(
        audit["updated_at_ages"][2],
        serde_json::json!({"age": "1–4 wk", "records": 3})
    );
    let s = &v["summary"];
    assert_eq!(s["verdict"], "permanent");
    assert_eq!(s["findings"], 6);
    // r-17, r-20, r-21 and the unreadable line; not the corpus-level finding.
    assert_eq!(s["records_with_findings"], 4);
    assert_eq!(
        s["by_rule"],
        serde_json::json!({"ATT001": 1, "FRE003": 1, "IN001": 1, "INT001": 1, "INT007": 1, "MSK001": 1})
    );
    assert_eq!(
        s["by_penalty"],
        serde_json::json!({"none": 2, "permanent": 1, "temporary": 3})
    );
    // Worked out from the sample's rules and the registry: FRE003 freshness/low, INT001
    // integrity/high, MSK001 masking/critical, ATT001 attribution/medium (the policy override
    // the sample's audit records is not applied to its findings), INT007 integrity/info,
    // IN001 input/high; nothing of profiling, listed as 0.
    assert_eq!(
        s["by_family"],
        serde_json::json!({"integrity": 2, "attribution": 1, "freshness": 1, "masking": 1,
                           "profiling": 0, "input": 1})
    );
    assert_eq!(
        s["by_severity"],
        serde_json::json!({"critical": 1, "high": 2, "medium": 1, "low": 1, "info": 1})
    );
    // In the registry's order, in the bytes written (JSON and the JSON Lines' last line).
    for format in [Format::Json, Format::Jsonl] {
        let text = written(&r, format, &WriteOptions::default());
        let compact: String = text.split_whitespace().collect();
        assert!(
            compact.contains("\"by_family\":{\"integrity\":2,\"attribution\":1,\"freshness\":1,\"masking\":1,\"profiling\":0,\"input\":1}"),
            "{format:?}: {text}"
        );
        assert!(
            compact.contains(
                "\"by_severity\":{\"critical\":1,\"high\":2,\"medium\":1,\"low\":1,\"info\":1}"
            ),
            "{format:?}"
        );
        assert!(
            compact.contains("\"by_penalty\":{\"permanent\":1,\"temporary\":3,\"none\":2}"),
            "{format:?}"
        );
    }

    let f = v["findings"].as_array().unwrap();
    assert_eq!(f.len(), 6);
    let finding_keys = [
        "fingerprint",
        "rule",
        "name",
        "family",
        "severity",
        "penalty",
        "repeated",
        "source_defect",
        "record",
        "message",
        "basis",
        "evidence",
        "waiver",
    ];
    for x in f {
        let mut k = keys(x);
        k.sort_unstable();
        let mut want = finding_keys.to_vec();
        want.sort_unstable();
        assert_eq!(k, want);
        assert_eq!(x["fingerprint"].as_str().unwrap().len(), 16);
    }
    assert!(keys_in_order(
        &text[text.find("\"findings\":").unwrap()..],
        &finding_keys
    ));
    // Corpus-level finding first, with no record.
    assert_eq!(f[0]["rule"], "FRE003");
    assert!(f[0]["record"].is_null());
    assert!(f[0]["evidence"].is_null());
    assert_eq!(f[0]["basis"], serde_json::json!(["CC V"]));
    let m = &f[2];
    assert_eq!(m["rule"], "MSK001");
    assert_eq!(m["name"], "occultation-lifted");
    assert_eq!(m["family"], "masking");
    assert_eq!(m["severity"], "critical");
    assert_eq!(m["penalty"], "permanent");
    assert_eq!(m["repeated"], false);
    assert_eq!(
        m["record"],
        serde_json::json!({"id": "r-17", "source_id": "5fca277de35a255d41ca73ab",
            "url": "https://juris.example/d/r-17", "file": "corpus.jsonl", "line": 17,
            "producer": null, "compared_with": null})
    );
    assert_eq!(
        m["evidence"],
        serde_json::json!({"field": "text", "span": [1204, 1212], "reference_span": [1204, 1207],
            "excerpt": "M. K••••••• a formé le pourvoi",
            "reference_excerpt": "M. [K] a formé le pourvoi"})
    );
    // The producer of r-17's decision is not known here: the whole basis.
    assert_eq!(
        m["basis"],
        serde_json::json!(["COJ L.111-13", "CJA L.10", "CC VII", "CC X", "CE X"])
    );
    // The unreadable line: no id, the second file.
    assert!(f[5]["record"]["id"].is_null());
    assert_eq!(f[5]["record"]["file"], "other.jsonl");
    assert_eq!(f[5]["record"]["line"], 3);
    // The waiver is shown on its finding only.
    assert_eq!(f[4]["waiver"]["status"], "accepted");
    assert!(f[3]["waiver"].is_null());
    assert!(!text.contains("Kaminski"));
}

// The JSON reports record the waivers file the waivers shown come from, whether personal data
// is revealed, and the earlier report repeated findings were found in.
#[test]
fn json_reports_record_the_waivers_file_reveal_and_the_previous_report() {
    let mut r = sample();
    r.audit.previous = Some(vigie::report::PreviousAudit {
        path: Some("reports/2026-11-01.json".into()),
        as_of: Some("2026-11-01T09:00:00Z".into()),
        repeated: 2,
        breaches: 5,
        breaches_no_longer_found: 3,
    });
    let opts = WriteOptions {
        reveal_personal_data: true,
        waivers: Some("audit/waivers.json".into()),
        ..WriteOptions::default()
    };
    let v: serde_json::Value = serde_json::from_str(&render(&r, Format::Json, &opts)).unwrap();
    let want = serde_json::json!({
        "previous": {"path": "reports/2026-11-01.json", "as_of": "2026-11-01T09:00:00Z",
                     "repeated_findings": 2, "breaches": 5,
                     "breaches_no_longer_found": 3},
        "waivers": "audit/waivers.json",
        "reveal_personal_data": true,
    });
    for (k, value) in want.as_object().unwrap() {
        assert_eq!(&v["audit"][k], value, "audit.{k}");
    }
    let jsonl = render(&r, Format::Jsonl, &opts);
    let last: serde_json::Value = serde_json::from_str(jsonl.lines().last().unwrap()).unwrap();
    for (k, value) in want.as_object().unwrap() {
        assert_eq!(&last["audit"][k], value, "audit.{k}");
    }
}

#[test]
fn reveal_shows_personal_data() {
    let r = sample();
    let opts = WriteOptions {
        reveal_personal_data: true,
        ..WriteOptions::default()
    };
    for format in [Format::Json, Format::Jsonl, Format::Csv, Format::Notice] {
        let hidden = render(&r, format, &WriteOptions::default());
        assert!(!hidden.contains("Kaminski"), "{format:?}");
        assert!(hidden.contains("K•••••••"), "{format:?}");
        assert!(render(&r, format, &opts).contains("Kaminski"), "{format:?}");
    }
}

#[test]
fn output_is_deterministic() {
    for format in Format::ALL {
        let a = render(&sample(), format, &WriteOptions::default());
        let b = render(&sample(), format, &WriteOptions::default());
        assert_eq!(a, b, "{format:?}");
    }
}

#[test]
fn jsonl_has_one_finding_per_line_then_the_summary() {
    let r = sample();
    let json: serde_json::Value =
        serde_json::from_str(&render(&r, Format::Json, &WriteOptions::default())).unwrap();
    let text = render(&r, Format::Jsonl, &WriteOptions::default());
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 7);
    for (i, line) in lines[..6].iter().enumerate() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        assert_eq!(v, json["findings"][i]);
    }
    let last: serde_json::Value = serde_json::from_str(lines[6]).unwrap();
    assert_eq!(keys(&last), ["audit", "summary"]);
    assert!(lines[6].starts_with("{\"summary\":"));
    assert_eq!(last["summary"], json["summary"]);
    assert_eq!(last["audit"], json["audit"]);
}

#[test]
fn json_reports_escape_what_a_terminal_would_act_on() {
    // A message carrying CSI as a C1 control (U+009B), DEL and a right-to-left override.
    let mut r = sample();
    let hostile = "attribution \u{9b}2J\u{7f} \u{202e}tseb";
    let f = r
        .findings
        .iter_mut()
        .find(|f| f.rule == Rule::ATT001)
        .unwrap();
    f.message = hostile.into();
    for format in [Format::Json, Format::Jsonl] {
        let text = render(&r, format, &WriteOptions::default());
        let raw = |c: char| c.is_control() && c != '\n' || ('\u{202a}'..='\u{202e}').contains(&c);
        assert!(!text.chars().any(raw), "{format:?}: {text}");
        assert!(
            text.contains(r"attribution \u009b2J\u007f \u202etseb"),
            "{format:?}"
        );
        // Escaped, not lost: the message reads back as it was.
        let back: Vec<serde_json::Value> = match format {
            Format::Json => serde_json::from_str::<serde_json::Value>(&text).unwrap()["findings"]
                .as_array()
                .unwrap()
                .clone(),
            _ => text
                .lines()
                .map(|l| serde_json::from_str(l).unwrap())
                .collect(),
        };
        assert!(back.iter().any(|v| v["message"] == hostile), "{format:?}");
    }
}

#[test]
fn csv_neutralises_formulas() {
    let r = sample();
    let text = render(&r, Format::Csv, &WriteOptions::default());
    let mut rd = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = rd.headers().unwrap().iter().map(str::to_string).collect();
    assert_eq!(
        header.join(","),
        "fingerprint,rule,name,family,severity,penalty,repeated,record_id,source_id,file,line,message,basis,excerpt,waiver"
    );
    // SPEC §4's fourteen columns, then the waiver (README); rows end with LF, as README says.
    assert!(text.starts_with("fingerprint,") && text.contains(",excerpt,waiver\n"));
    assert!(text.ends_with('\n') && !text.ends_with("\r\n"));
    let rows: Vec<csv::StringRecord> = rd.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 6);
    // FRE003: corpus level, no record.
    assert_eq!(&rows[0][1], "FRE003");
    assert_eq!(&rows[0][7], "");
    assert_eq!(&rows[0][10], "");
    // The excerpt from the corpus that starts with `=HYPERLINK(` is neutralised.
    assert_eq!(&rows[1][1], "INT001");
    assert_eq!(
        &rows[1][13],
        "'=HYPERLINK(\"http://evil.example\",\"clic\")"
    );
    // So is a message starting with `-`; its escape sequence is shown, not sent to a terminal
    // the file may be printed on, and its line break kept.
    assert!(rows[3][11].starts_with("'-attribution"));
    assert_eq!(&rows[3][13], "# Titre\n[lien](http://x) ␛[31m");
    assert!(!text.contains('\u{1b}'));
    // MSK001: redacted excerpt, file and line, basis.
    assert_eq!(&rows[2][7], "r-17");
    assert_eq!(&rows[2][9], "corpus.jsonl");
    assert_eq!(&rows[2][10], "17");
    assert_eq!(&rows[2][12], "COJ L.111-13; CJA L.10; CC VII; CC X; CE X");
    assert_eq!(&rows[2][13], "M. K••••••• a formé le pourvoi");
    assert_eq!(&rows[4][14], "accepted: decision not yet in the reference");
    // No cell of the file starts with a formula character.
    for row in &rows {
        for cell in row {
            assert!(
                !cell.starts_with(['\t', '\r'])
                    && !cell.trim_start().starts_with(['=', '+', '-', '@']),
                "{cell:?}"
            );
        }
    }
}

#[test]
fn notice_states_breaches_deadline_and_consequences() {
    let r = sample();
    let text = render(&r, Format::Notice, &WriteOptions::default());
    assert!(text.contains(
        "**Objet :** Mise en demeure — manquements aux conditions générales de réutilisation des décisions de justice diffusées en open data"
    ));
    assert!(text.contains("[Juridiction émettrice"));
    assert!(text.contains("[Réutilisateur — nom et adresse à compléter]"));
    assert!(text.contains("**Date de l'audit :** 22 novembre 2026"));
    assert!(text.contains("dans un délai de 15 jours à compter de la réception de la présente"));
    assert!(text.contains(
        "Interrompre temporairement la mise à disposition des données jusqu'à la résolution du manquement"
    ));
    assert!(text.contains("Interrompre définitivement la mise à disposition des données si le manquement est grave ou réitéré et notamment s'il concerne un manquement à la protection des données personnelles, après mise en demeure restée infructueuse"));
    assert!(text.contains("anonymisation.sder.courdecassation@justice.fr"));
    assert!(text.contains("opendata-signalerunprobleme@conseil-etat.fr"));
    assert!(text.contains("[Nom, qualité et signature"));
    // Counts: 1 permanent (MSK001) + 3 temporary (FRE003, INT001, ATT001) breaches on 2 records
    // and the corpus; INT007 is accepted by a waiver, IN001 is an observation. No record matched
    // a decision here: the breaches may come under either CGU, and the Cour de cassation's
    // interruption is named for its decisions only.
    assert!(text.contains("Il a relevé 4 manquements (1 grave ou réitéré, 3 autres), concernant 2 enregistrements et l'ensemble de la base."), "{text}");
    // The headings say what each section holds, « autres » after the graver breaches; a note
    // under each names the interruption for the Cour de cassation's decisions, and sends the
    // others to the consequences their own conditions provide (section 5: after the three
    // categories and the deadline); in the singular for the one grave breach, of a record that
    // matched no decision.
    let others = "(CGU de la Cour de cassation, art. XII) ; les conséquences des autres sont celles que prévoient les conditions de réutilisation applicables à leurs décisions (voir la section 5, « Conséquences »).\n\n### ";
    let perm = text
        .find("## 1. Manquements graves ou réitérés (1 constat)\n\nSi ce manquement concerne une décision issue de l'open data de la Cour de cassation, il est susceptible de justifier une interruption définitive de la mise à disposition des données (CGU de la Cour de cassation, art. XII) ; sinon, ses conséquences sont celles que prévoient les conditions de réutilisation applicables à la décision en cause (voir la section 5, « Conséquences »).\n\n### ")
        .expect(&text);
    let temp = text
        .find(&format!("## 2. Autres manquements (3 constats)\n\nCeux de ces manquements qui concernent des décisions issues de l'open data de la Cour de cassation peuvent justifier une interruption temporaire de la mise à disposition des données jusqu'à leur résolution {others}"))
        .expect(&text);
    assert!(text.contains("\n## 5. Conséquences\n"), "{text}");
    let obs = text
        .find("## 3. Observations sans sanction (1 constat)")
        .unwrap();
    assert!(perm < temp && temp < obs);
    // Grouped by the CGU article the rules enforce first, with each rule's full basis; the
    // heading says whose CGU the article is. MSK001 is filed under article X, the clause on
    // lifting occultations, which both CGU have (not under CC VII, cited first).
    assert!(!text.contains("des CGU — "), "{text}");
    let msk = text
        .find("### Article X des CGU de la Cour de cassation et du Conseil d'État — Traitement des demandes d'occultation ou de levée d'occultation (1 constat)")
        .expect(&text);
    assert!(perm < msk && msk < temp);
    assert!(text.contains(
        "- **MSK001** — occultation levée : élément pseudonymisé à la source diffusé en clair — 1 constat (fondement : art. L. 111-13 du code de l'organisation judiciaire ; art. L. 10 du code de justice administrative ; CGU de la Cour de cassation, art. VII et X ; CGU du Conseil d'État, art. X) ; exemples :"
    ));
    // INT001, ATT001 and FRE003 all enforce article V first: INT001 and ATT001 (CC V, CE V,
    // DILA, CRPA L.322-1) of both CGU and the DILA notice, FRE003 (CC V) of the Cour de
    // cassation's.
    let cc_v = text
        .find("### Article V des CGU de la Cour de cassation — Étendue du droit à réutilisation et conditions d'exercice (1 constat)")
        .expect(&text);
    let v = text
        .find("### Article V des CGU de la Cour de cassation et du Conseil d'État — Étendue du droit à réutilisation et conditions d'exercice ; notice de la DILA (2 constats)")
        .expect(&text);
    assert!(temp < cc_v && cc_v < v && v < obs);
    // Every text those bases rely on is named in the opening: both CGU, as no record matched,
    // and the DILA notice, which INT001 and ATT001 cite.
    let opening = &text[..text.find("Un audit de votre base").unwrap()];
    for want in [
        "les conditions générales d'utilisation (CGU) de la Cour de cassation (version du 6 janvier 2022)",
        "du Conseil d'État (version du 18 janvier 2022)",
        "la notice explicative de la Direction de l'information légale et administrative (DILA)",
    ] {
        assert!(opening.contains(want), "{want}: {opening}");
    }
    assert!(text.contains("### Contrôles de l'audit, sans article des CGU (1 constat)"));
    assert!(text.contains(
        "    - enregistrement « r-17 » (<https://juris.example/d/r-17>), corpus.jsonl ligne 17 — champ « text » (texte de la décision) — extrait : « M. K••••••• a formé le pourvoi » — source officielle : « M. \\[K\\] a formé le pourvoi »"
    ));
    // The engine's English messages stay out of the French letter.
    assert!(!text.contains("pseudonymised name"));
    assert!(text.contains("    - ensemble de la base\n"));
    assert!(text.contains("extrait : « M. K••••••• a formé le pourvoi »"));
    assert!(!text.contains("Kaminski"));
    // What the masking keeps, said as it is done: a first letter (of a name, of an IBAN), no
    // digit (of a date, of a number).
    assert!(text.contains("seule leur première lettre est conservée, et aucun de leurs chiffres."));
    assert!(text.contains(
        "Un constat accepté lors de la revue de l'audit n'est pas repris dans la présente."
    ));
    assert!(!text.contains("INT007"));
    // Corpus text cannot open a heading, a link or an escape sequence.
    assert!(!text.lines().any(|l| l.starts_with("# Titre")));
    assert!(!text.contains("[lien](http://x)"));
    assert!(text.contains("\\# Titre⏎\\[lien\\](http://x)"));
    assert!(!text.contains('\u{1b}'));

    let opts = WriteOptions {
        reuser: Some("Juris*Data [SA]".into()),
        notice_days: Some(30),
        ..WriteOptions::default()
    };
    let text = render(&r, Format::Notice, &opts);
    assert!(text.contains("**Destinataire :** Juris\\*Data \\[SA\\]"));
    assert!(text.contains("dans un délai de 30 jours à compter de la réception de la présente"));
}

#[test]
fn notice_for_a_compliant_corpus_is_short() {
    let mut r = sample();
    r.findings.retain(|f| f.penalty == Penalty::None);
    r.summary = Summary::of(&r.findings);
    r.waivers.clear();
    let text = render(&r, Format::Notice, &WriteOptions::default());
    assert!(text.contains("Il n'a relevé aucun manquement aux conditions générales d'utilisation"));
    assert!(!text.contains("délai de 15 jours"));
    assert!(text.starts_with("# Projet de lettre — audit de conformité"));
    assert!(text.contains("**Objet :** Audit de conformité aux conditions générales de réutilisation des décisions de justice diffusées en open data — absence de manquement"));
    assert!(!text.contains("Mise en demeure"));
    assert!(!text.contains("vous imposent notamment"));
    assert!(!text.contains("Interrompre définitivement"));
    assert!(text.contains("## 1. Observations sans sanction (2 constats)"));
    assert!(!text.contains("n'a pu être comparé"));
    // Texts that could not be compared (the reference changed during the audit) are told, in
    // the notice and in the text summary: "no breach" covers only what was compared.
    r.audit.texts_not_compared_why.reference_unreadable = 2;
    assert_eq!(r.audit.texts_not_compared(), 2);
    let text = render(&r, Format::Notice, &WriteOptions::default());
    assert!(
        text.contains(
            "; 2 enregistrements dont le texte n'a pu être comparé à celui de la source, car la \
             source a été modifiée pendant l'audit)."
        ),
        "{text}"
    );
    let summary = render(&r, Format::Text, &WriteOptions::default());
    assert!(
        summary.contains(
            "\ntexts not compared: 2 records (2 whose reference text could not be read again: \
             changed or removed during the audit)\n"
        ),
        "{summary}"
    );
    // For several reasons: each counted.
    r.audit.texts_not_compared_why.record_without_text = 1;
    r.audit.texts_not_compared_why.reference_without_text = 1;
    assert_eq!(r.audit.texts_not_compared(), 4);
    r.audit.records_without_text = 3;
    let text = render(&r, Format::Notice, &WriteOptions::default());
    assert!(
        text.contains(
            "; 4 enregistrements dont le texte n'a pu être comparé à celui de la source — 1 : \
             l'enregistrement ne reproduit aucun texte ; 1 : la décision de la source est \
             diffusée sans son texte ; 2 : la source a été modifiée pendant l'audit)."
        ),
        "{text}"
    );
    let summary = render(&r, Format::Text, &WriteOptions::default());
    assert!(
        summary.contains(
            "\ntexts not compared: 4 records (1 without a text; 1 whose reference decision has no \
             text; 2 whose reference text could not be read again: changed or removed during the \
             audit)\nrecords without a text: 3 (none of their text could be checked)\n"
        ),
        "{summary}"
    );
    let json = render(&r, Format::Json, &WriteOptions::default());
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(
        v["audit"]["texts_not_compared_why"],
        serde_json::json!({
            "record_without_text": 1,
            "reference_without_text": 1,
            "reference_unreadable": 2
        })
    );
    assert_eq!(v["audit"]["texts_not_compared"], 4);
    assert_eq!(v["audit"]["records_without_text"], 3);
}

/// The decisions withdrawn at source by DILA's suppression lists are listed in the text summary
/// (the id, the increment's date in French time, the list's line) and in the JSON (the date in
/// UTC).
#[test]
fn withdrawals_are_listed_in_the_text_summary_and_the_json() {
    let mut r = sample();
    r.audit.withdrawn_reference = vec![
        report::WithdrawnInput {
            id: "JURITEXT1\u{1b}[2J".into(),
            file: "dila/CASS_20231125-130812.tar.gz!20231125-130812/liste_suppression_cass.dat"
                .into(),
            line: 3,
            published: Some("2023-11-25T13:08:12".parse().unwrap()),
        },
        report::WithdrawnInput {
            id: "JURITEXT2".into(),
            file: "dila/liste_suppression_cass.dat".into(),
            line: 1,
            published: None,
        },
    ];
    let text = render(&r, Format::Text, &WriteOptions::default());
    assert!(
        text.contains(
            "\nreference decisions withdrawn at source by DILA's suppression lists: 2\n  \
             JURITEXT1\u{241b}[2J withdrawn in the increment of 2023-11-25 13:08:12 \
             (dila/CASS_20231125-130812.tar.gz!20231125-130812/liste_suppression_cass.dat:3)\n  \
             JURITEXT2 withdrawn on a date its list's name does not give \
             (dila/liste_suppression_cass.dat:1)\n"
        ),
        "{text}"
    );
    let json: serde_json::Value =
        serde_json::from_str(&render(&r, Format::Json, &WriteOptions::default())).unwrap();
    assert_eq!(
        json["audit"]["withdrawn_reference"],
        serde_json::json!([
            {"id": "JURITEXT1\u{1b}[2J",
             "file": "dila/CASS_20231125-130812.tar.gz!20231125-130812/liste_suppression_cass.dat",
             "line": 3, "published": "2023-11-25T12:08:12Z"},
            {"id": "JURITEXT2", "file": "dila/liste_suppression_cass.dat", "line": 1,
             "published": null}
        ])
    );
}

/// The versions of reference decisions set aside are listed in the text summary (where each lies,
/// its update date in French time and id, the version used and why) and in the JSON report.
#[test]
fn versions_set_aside_are_listed_in_the_text_summary_and_the_json() {
    let mut r = sample();
    r.audit.superseded_reference = vec![
        report::SupersededInput {
            file: "ref/full.jsonl".into(),
            line: 7,
            id: "abc\u{1b}[31m".into(),
            update_date: Some("2025-03-01T09:30:00Z".parse().unwrap()),
            used_file: "ref/delta.jsonl".into(),
            used_line: 2,
            used_update_date: Some("2025-07-01T12:00:00Z".parse().unwrap()),
            ..Default::default()
        },
        report::SupersededInput {
            file: "dila/b.xml".into(),
            line: 0,
            id: "JURITEXT1".into(),
            update_date: None,
            used_file: "dila/a.xml".into(),
            used_line: 0,
            used_update_date: None,
            ..Default::default()
        },
        // DILA's names date the archives: the one published later is used.
        report::SupersededInput {
            file: "dila/CASS_20231125-130812.tar.gz!JURITEXT2.xml".into(),
            line: 0,
            id: "JURITEXT2".into(),
            published: Some("2023-11-25T13:08:12".parse().unwrap()),
            used_file: "dila/CASS_20231127-204209.tar.gz!JURITEXT2.xml".into(),
            used_published: Some("2023-11-27T20:42:09".parse().unwrap()),
            ..Default::default()
        },
    ];
    let text = render(&r, Format::Text, &WriteOptions::default());
    assert!(
        text.contains(
            "\nreference versions set aside (read more than once; the one updated or published last is \
             used): 3\n  \
             ref/full.jsonl:7 (updated 2025-03-01 10:30 CET, id abc\u{241b}[31m): set aside for \
             ref/delta.jsonl:2 (updated 2025-07-01 14:00 CEST)\n  \
             dila/b.xml (no update date, id JURITEXT1): set aside for dila/a.xml (no update date \
             either, first by name)\n  \
             dila/CASS_20231125-130812.tar.gz!JURITEXT2.xml (no update date, id JURITEXT2): set \
             aside for dila/CASS_20231127-204209.tar.gz!JURITEXT2.xml (no update date either, \
             published later: its name is dated 2023-11-27 20:42:09, the other's 2023-11-25 \
             13:08:12)\n"
        ),
        "{text}"
    );
    let json: serde_json::Value =
        serde_json::from_str(&render(&r, Format::Json, &WriteOptions::default())).unwrap();
    assert_eq!(
        json["audit"]["superseded_reference"],
        serde_json::json!([
            {"file": "ref/full.jsonl", "line": 7, "id": "abc\u{1b}[31m",
             "update_date": "2025-03-01T09:30:00Z", "published": null,
             "used": {"file": "ref/delta.jsonl", "line": 2, "update_date": "2025-07-01T12:00:00Z",
                      "published": null}},
            {"file": "dila/b.xml", "line": null, "id": "JURITEXT1", "update_date": null,
             "published": null,
             "used": {"file": "dila/a.xml", "line": null, "update_date": null, "published": null}},
            {"file": "dila/CASS_20231125-130812.tar.gz!JURITEXT2.xml", "line": null,
             "id": "JURITEXT2", "update_date": null, "published": "2023-11-25T12:08:12Z",
             "used": {"file": "dila/CASS_20231127-204209.tar.gz!JURITEXT2.xml", "line": null,
                      "update_date": null, "published": "2023-11-27T19:42:09Z"}}
        ])
    );
}

#[test]
fn text_summary_is_short_and_sanitised() {
    let text = render(&sample(), Format::Text, &WriteOptions::default());
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[0],
        "vigie: verdict permanent — 6 findings in 4 records"
    );
    assert_eq!(
        lines[1],
        "records: 4 read, 1 unreadable, 2 matched a reference decision (of 3, 1 unreadable)"
    );
    // What was not read, named.
    assert_eq!(
        lines[2..6],
        [
            "reference decisions not read: 1",
            "  ref/broken.xml: line 3, column 1: <CONTENU> is not closed",
            "entries of the corpus folders not read (hidden, or not named .json, .jsonl, .ndjson or .jsonlines, or .gz): 1",
            "  corpus/README.txt",
        ]
    );
    assert_eq!(
        lines[6],
        "updated_at age: ≤72 h 0, 3–7 d 0, 1–4 wk 3, none 1"
    );
    assert_eq!(lines[7], "penalty: 1 permanent, 3 temporary, 2 none");
    assert_eq!(
        lines[8],
        "family:  integrity 2, attribution 1, freshness 1, masking 1, input 1"
    );
    assert!(lines[9].starts_with("top:     INT001 text-modified 1, INT007 unverifiable-record 1,"));
    assert!(text.contains("\npolicy:  ATT001 severity medium→low\n"));
    assert!(text.contains("\nwaivers: 1 finding(s) reviewed or accepted\n"));
    assert!(!text.contains("repeated"));
    assert!(text.contains(
        "corpus.jsonl:17 MSK001 critical/permanent pseudonymised name [K] of the reference is shown in clear\n"
    ));
    assert!(text.contains("(corpus) FRE003 low/temporary the newest"));
    assert!(text.contains("other.jsonl:3 IN001 high/none line 3"));
    assert!(text.contains("# Titre⏎[lien](http://x) ␛[31m"));
    assert!(!text.contains('\u{1b}'));
    // A finding in another field than the text names it (the MSK001 above is in `text`).
    assert!(
        text.contains("corpus.jsonl:20 ATT001 medium/temporary [attribution] -attribution names"),
        "{text}"
    );
}

/// The court's own pseudonymisation failures, copied faithfully (MSK004 and MSK005 with
/// `source_defect`), are not the reuser's breaches: CC IX has the reuser occult them
/// provisionally and report them. The letter lists them in their own section, out of the
/// counts and the headings of the breaches, each example marked; the JSON keeps the penalty.
#[test]
fn notice_lists_the_defects_of_the_source_apart_from_the_breaches() {
    let mut r = sample();
    let opts = WriteOptions {
        reuser: Some("Éditions Exemple".into()),
        ..WriteOptions::default()
    };
    assert!(!render(&r, Format::Notice, &opts).contains("défaut d'occultation de la source"));
    let name = |line| {
        Finding::new(
            Rule::MSK004,
            Some(rec(Some("r-30"), Some("5fca277de35a255d41ca73ab"), 0, line)),
            "the name of a natural person who is a party or a third party is shown in clear",
        )
        .with_source_defect(true)
    };
    // A mix: the sample's 4 breaches (1 permanent, 3 temporary) and one defect of the source.
    r.findings.push(name(30));
    r.summary = Summary::of(&r.findings);
    let one = render(&r, Format::Notice, &opts);
    assert!(
        one.contains(
            "Il a relevé 4 manquements (1 grave ou réitéré, 3 autres), concernant 2 \
             enregistrements et l'ensemble de la base. Ils sont détaillés ci-après. Il a relevé en \
             outre un défaut d'occultation de la source, que votre base reproduit, concernant 1 \
             enregistrement : il n'est pas compté parmi ces manquements, mais appelle une \
             occultation provisoire et un signalement (section 6).\n"
        ),
        "{one}"
    );
    // Not under a penalty heading: the permanent section still holds MSK001 alone.
    assert!(
        one.contains("## 1. Manquements graves ou réitérés (1 constat)\n"),
        "{one}"
    );
    assert!(!one.contains("Article IX des CGU"), "{one}");
    // Its own section, after the deadline (4) and the consequences (5), with the example
    // marked, then where to report it.
    let section = one
        .find("\n## 6. Défauts d'occultation de la source : occultation provisoire et signalement (1 constat)\n\nLa source a elle-même laissé en clair, dans les décisions qu'elle diffuse, les données à caractère personnel relevées ci-après, et votre base les reproduit telles quelles. Ce défaut d'occultation est celui de la source : il n'est pas retenu contre vous comme un manquement. Ces données n'en demeurent pas moins exposées dans votre publication : nous vous demandons de les occulter sans délai, à titre provisoire, dans l'attente de la modification de la décision à la source et de la mise à jour de votre base, et de signaler ces défauts à l'adresse indiquée ci-après.\n\n- **MSK004** — nom d'une personne physique, partie ou tiers, diffusé en clair — 1 constat (fondement : art. L. 111-13 du code de l'organisation judiciaire ; CGU de la Cour de cassation, art. IX ; CGU du Conseil d'État, art. IX) ; exemples :\n    - enregistrement « r-30 » (<https://juris.example/d/r-30>), corpus.jsonl ligne 30 — défaut d'occultation de la source\n\nTout défaut d'occultation")
        .expect(&one);
    assert!(one.find("\n## 5. Conséquences\n").unwrap() < section);
    assert!(!one.contains("Signalement des défauts d'occultation"));
    // Two, on two records.
    r.findings.push(name(31));
    r.summary = Summary::of(&r.findings);
    let two = render(&r, Format::Notice, &opts);
    assert!(
        two.contains(
            "Il a relevé en outre 2 défauts d'occultation de la source, que votre base reproduit, \
             concernant 2 enregistrements : ils ne sont pas comptés parmi ces manquements, mais \
             appellent une occultation provisoire et un signalement (section 6).\n"
        ),
        "{two}"
    );
    // The JSON keeps the rule's penalty.
    let json: serde_json::Value = serde_json::from_str(&render(&r, Format::Json, &opts)).unwrap();
    let msk004: Vec<&serde_json::Value> = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "MSK004")
        .collect();
    assert_eq!(msk004.len(), 2);
    assert!(
        msk004
            .iter()
            .all(|f| f["penalty"] == "permanent" && f["source_defect"] == true)
    );
    // Only defects of the source: no formal notice, no deadline, no consequences.
    r.findings.retain(|f| f.rule == Rule::MSK004);
    r.summary = Summary::of(&r.findings);
    r.waivers.clear();
    let only = render(&r, Format::Notice, &opts);
    assert!(
        only.starts_with("# Projet de lettre — audit de conformité"),
        "{only}"
    );
    assert!(only.contains("**Objet :** Audit de conformité aux conditions générales de réutilisation des décisions de justice diffusées en open data — défauts d'occultation de la source à occulter à titre provisoire et à signaler\n"), "{only}");
    assert!(
        only.contains(
            " Il n'a relevé aucun manquement aux conditions générales d'utilisation susceptible \
             de justifier une interruption de la mise à disposition des données. Il a relevé en \
             revanche 2 défauts d'occultation de la source, que votre base reproduit, concernant \
             2 enregistrements : ils appellent une occultation provisoire et un signalement \
             (section 1).\n"
        ),
        "{only}"
    );
    assert!(only.contains("\n## 1. Défauts d'occultation de la source : occultation provisoire et signalement (2 constats)\n"), "{only}");
    for absent in [
        "Mise en demeure",
        "mettons en demeure",
        "Délai",
        "Conséquences",
        "Interrompre",
    ] {
        assert!(!only.contains(absent), "{absent}: {only}");
    }
    // The conditions are still recalled, and where to report.
    assert!(only.contains("Ces conditions vous imposent notamment"));
    assert!(only.contains("anonymisation.sder.courdecassation@justice.fr"));
}

#[test]
fn notice_agrees_with_a_single_breach_and_groups_thousands() {
    let mut r = sample();
    // One breach left: INT005 on r-40, missing two fields; the observations stay. Its decision
    // is a Judilibre one: the Cour de cassation's interruption answers it.
    r.findings.retain(|f| f.penalty == Penalty::None);
    r.audit.producers = vec![(vigie::model::Producer::CourDeCassation, 1_234_567)];
    let rec = |id, sid, file, line| {
        let mut r = rec(id, sid, file, line);
        std::sync::Arc::make_mut(&mut r).producer = Some(vigie::model::Producer::CourDeCassation);
        r
    };
    r.findings.push(
        Finding::new(
            Rule::INT005,
            Some(rec(Some("r-40"), Some("5fca277de35a255d41ca73ab"), 0, 40)),
            "identification missing: decision_date, jurisdiction",
        )
        .with_evidence(Evidence {
            field: "decision_date,jurisdiction".into(),
            ..Evidence::default()
        }),
    );
    r.findings.sort_by_key(Finding::sort_key);
    r.summary = Summary::of(&r.findings);
    r.waivers.clear();
    r.audit.records = 2959;
    r.audit.matched_records = 1_234_567;
    let text = render(&r, Format::Notice, &WriteOptions::default());
    // An empty category is not named (« 0 susceptible de… »).
    assert!(text.contains("Il a relevé 1 manquement (justifiant une interruption temporaire), concernant 1 enregistrement. Il est détaillé ci-après.\n"), "{text}");
    assert!(!text.contains("0 susceptible"), "{text}");
    assert!(!text.contains("Ils sont détaillés"));
    assert!(text.contains(
        "nous vous mettons en demeure de remédier à ce manquement dans un délai de 15 jours"
    ));
    assert!(!text.contains("l'ensemble de ces manquements"));
    // The missing fields, one after the other as French writes a list (`_` escaped for Markdown).
    assert!(
        text.contains(
            " — champs « decision\\_date » (date de la décision), « jurisdiction » (juridiction)"
        ),
        "{text}"
    );
    // Thousands grouped by a narrow no-break space (U+202F).
    let text = written(&r, Format::Notice, &WriteOptions::default());
    assert!(
        text.contains(
            "a porté sur 2\u{202f}959 enregistrements (1\u{202f}234\u{202f}567 rapprochés"
        ),
        "{text}"
    );
    assert!(!text.contains("2959"));

    // Two breaches: plural again.
    r.findings.push(
        Finding::new(
            Rule::INT005,
            Some(rec(Some("r-41"), Some("5fca277de35a255d41ca73ab"), 0, 41)),
            "identification missing: seat",
        )
        .with_evidence(Evidence {
            field: "seat".into(),
            ..Evidence::default()
        }),
    );
    r.summary = Summary::of(&r.findings);
    let text = render(&r, Format::Notice, &WriteOptions::default());
    assert!(text.contains("concernant 2 enregistrements. Ils sont détaillés ci-après.\n"));
    assert!(
        text.contains(
            "Il a relevé 2 manquements (tous justifiant une interruption temporaire), concernant"
        ),
        "{text}"
    );
    // Both permanent (as repeated breaches become): the other category alone.
    for f in r.findings.iter_mut().filter(|f| f.rule == Rule::INT005) {
        f.penalty = Penalty::Permanent;
    }
    r.summary = Summary::of(&r.findings);
    let text = render(&r, Format::Notice, &WriteOptions::default());
    assert!(text.contains("Il a relevé 2 manquements (tous susceptibles de justifier une interruption définitive), concernant"), "{text}");
    assert!(text.contains("remédier à l'ensemble de ces manquements dans un délai"));
    assert!(text.contains(" — champ « seat » (siège)"));
}

#[test]
fn notice_examples_come_from_distinct_records_first_and_name_the_identifier() {
    let mut r = sample();
    let msk = |id: &str, line: u64, kind: IdentifierKind| {
        Finding::new(
            Rule::MSK005,
            Some(rec(Some(id), Some("5fca277de35a255d41ca73ab"), 0, line)),
            format!("{} is shown in clear", kind.with_article()),
        )
        .with_fact(Fact::Identifier(kind))
    };
    // Four identifiers on r-50, two on r-51, one on r-52, in report order.
    use IdentifierKind::*;
    r.findings.extend([
        msk("r-50", 50, Nir),
        msk("r-50", 50, Iban),
        msk("r-50", 50, Phone),
        msk("r-50", 50, Email),
        msk("r-51", 51, BirthDate),
        msk("r-51", 51, VehiclePlate),
        msk("r-52", 52, Phone),
    ]);
    r.summary = Summary::of(&r.findings);
    let text = render(&r, Format::Notice, &WriteOptions::default());
    let at = text.find("- **MSK005** — ").unwrap();
    let lines: Vec<&str> = text[at..].lines().skip(1).take(6).collect();
    // Each of the three records first (r-50's first, r-51's first, r-52), then r-50's next two
    // to make up five; shown in report order.
    assert_eq!(
        lines,
        [
            "    - enregistrement « r-50 » (<https://juris.example/d/r-50>), corpus.jsonl ligne 50 — identifiant : numéro de sécurité sociale (NIR)",
            "    - enregistrement « r-50 » (<https://juris.example/d/r-50>), corpus.jsonl ligne 50 — identifiant : IBAN",
            "    - enregistrement « r-50 » (<https://juris.example/d/r-50>), corpus.jsonl ligne 50 — identifiant : numéro de téléphone",
            "    - enregistrement « r-51 » (<https://juris.example/d/r-51>), corpus.jsonl ligne 51 — identifiant : date de naissance",
            "    - enregistrement « r-52 » (<https://juris.example/d/r-52>), corpus.jsonl ligne 52 — identifiant : numéro de téléphone",
            "    - … et 2 autres ; la liste complète figure dans le rapport d'audit joint.",
        ]
    );
}

#[test]
fn notice_examples_of_freshness_show_their_dates() {
    let mut r = sample();
    // The engine's own FRE003, for a newest update at 14:30 UTC and two records set aside.
    r.findings[0] = vigie::rules::freshness::check_sync(
        vigie::ident::parse_written_moment("2026-11-10T14:30:00Z"),
        2,
        "2026-11-22T12:00:00Z".parse().unwrap(),
    )
    .unwrap();
    r.findings.push(
        Finding::new(
            Rule::FRE002,
            Some(rec(Some("r-60"), Some("5fca277de35a255d41ca73ab"), 0, 60)),
            "the source updated the decision on 2026-11-10, after the record was last loaded on 2026-10-02, and the record's text differs: a correction was missed",
        )
        .with_fact(Fact::UpdatedAfterLoad(Box::new(vigie::model::AfterLoad {
            source: vigie::ident::Moment::Date(jiff::civil::date(2026, 11, 10)),
            loaded: vigie::ident::Moment::Date(jiff::civil::date(2026, 10, 2)),
        }))),
    );
    r.summary = Summary::of(&r.findings);
    let text = render(&r, Format::Notice, &WriteOptions::default());
    // 14:30 UTC is 15:30 in Paris in November (UTC+1); 2026-11-22T12:00Z less 2026-11-10T14:30Z
    // is 11 days 21.5 hours, 285 hours and 30 minutes; the time as written, in UTC, beside.
    assert!(text.contains("    - ensemble de la base — dernière mise à jour de la base le 10 novembre 2026 à 15 h 30 (heure de Paris ; 14 h 30 UTC dans votre base), 285 heures et 30 minutes avant la date de l'audit (2 enregistrements datés d'après la date de l'audit non pris en compte)\n"), "{text}");
    assert!(text.contains("    - enregistrement « r-60 » (<https://juris.example/d/r-60>), corpus.jsonl ligne 60 — décision mise à jour à la source le 10 novembre 2026, après le dernier chargement de l'enregistrement, le 2 octobre 2026\n"), "{text}");
}
