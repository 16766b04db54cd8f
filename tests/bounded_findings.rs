//! What vigie writes of each finding stays within a few kilobytes, whatever a record holds.
//! Hostile records, each a real decision (the demo's copies of tests/data, and a DILA decision
//! of tests/data made hostile) with one field or one change of its text some 500 KB long, for
//! every rule of the catalogue: a 500 KB id, url, title, formation, seat, number, date,
//! jurisdiction, source_id, attribution, date of last update, update notice, commentary, key
//! and value of a field about magistrates; a 500 KB passage inserted, a sentence of 500 KB on
//! one line changed (one word, every other word), cut, a link and an e-mail address of 500 KB
//! masked, a run of 32,000 pseudonymisation markers shown in clear, runs of identifiers, a
//! duplicated 500 KB id, unreadable 500 KB lines. Every finding's message, excerpts, field and
//! record (what the terminal UI's detail shows) and every output's text for it (the JSON and JSON
//! Lines reports, the CSV, the text summary, the French notice, redacted and revealed) is
//! measured against the bound ([`vigie::model::bound::MAX_CHARS`]): a long value is shown by its
//! two ends, with the counts a reader needs.

mod support;
use support::data::demo_records;

use serde_json::{Value, json};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use support::audit::run_audit;
use vigie::audit::AuditOptions;
use vigie::model::Origin;
use vigie::model::bound::{MAX_CHARS, OMITTED};
use vigie::report::{Format, Report, WriteOptions, exported_message};
use vigie::rules::Rule;
use vigie::source::xml::parse_xml;

/// The length of each hostile value.
const N: usize = 500_000;

/// The most bytes of a line of the text summary or of the notice (a finding's line or example:
/// its record's id and url, file, field, excerpts and reference copy, each within the bound).
const LINE_BYTES: usize = 8 << 10;

/// The most bytes of a finding in the JSON Lines report.
const JSONL_BYTES: usize = 16 << 10;

fn manifest() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `n` chars: words, without a sentence's end.
fn words(n: usize) -> String {
    "lorem ipsum dolor sit amet ".repeat(n / 27)
}

/// The hostile copy of the decision JURITEXT000048176096 (chambre sociale, 4 October 2023), by
/// the id it is given.
const HOSTILE_ID: &str = "JURITEXT000099000001";

/// What the hostile copy holds beside the decision's text.
struct Hostile {
    /// The text as vigie reads it.
    text: String,
    /// 32,000 markers `[K]` where the decision has one.
    run: String,
    /// A sentence of 500 KB on one line.
    sentence: String,
    /// A link and an e-mail address of 500 KB each, shown in clear.
    link: String,
    mail: String,
}

/// Writes the hostile copy of the decision into `dir`.
fn hostile_reference(dir: &Path) -> Hostile {
    let xml =
        std::fs::read_to_string(manifest().join("tests/data/dila-cass/JURITEXT000048176096.xml"))
            .unwrap()
            .replace("JURITEXT000048176096", HOSTILE_ID);
    let named = "1°/ à Mme [Y] [E], épouse [K], domiciliée";
    let anchor = "Le dossier a été communiqué au procureur général.";
    assert!(xml.contains(named) && xml.contains(anchor));
    let run = "[K] ".repeat(32_000);
    let sentence = format!("Il résulte de la procédure que {}ainsi jugé.", words(N));
    let link = format!("https://exemple.fr/{}", "a".repeat(N));
    let mail = format!("{}@exemple.fr", "b".repeat(N));
    let xml = xml
        .replace(
            named,
            &format!("1°/ à Mme [Y] [E], épouse {run}, domiciliée"),
        )
        .replace(
            anchor,
            &format!(
                "{anchor}<br/>{sentence}<br/>Voir le lien {link} ici.<br/>Écrire à {mail} pour \
                 tout renseignement.<br/>"
            ),
        );
    let file = format!("{HOSTILE_ID}.xml");
    std::fs::write(dir.join(&file), &xml).unwrap();
    let text = parse_xml(xml.as_bytes(), Origin { file, line: 0 })
        .unwrap()
        .text;
    for part in [&run, &sentence, &link, &mail] {
        assert!(text.contains(part.trim_end()));
    }
    Hostile {
        text,
        run,
        sentence,
        link,
        mail,
    }
}

/// The hostile corpus, one record (or line) a rule at least, and the rule each record must get
/// (its id, or `None` for an unreadable line).
fn corpus(h: &Hostile) -> (String, Vec<(Option<String>, Rule)>) {
    let demo = demo_records();
    let big = "x".repeat(N);
    let mut lines = Vec::new();
    let mut expected = Vec::new();
    let mut add = |base: &str, id: &str, rule: Rule, edit: &dyn Fn(&mut Value)| {
        let mut r = demo[base].clone();
        r["id"] = json!(id);
        r["url"] = json!(format!("https://exemple.test/{id}"));
        edit(&mut r);
        let id = r["id"].as_str().unwrap().to_string();
        lines.push(r.to_string());
        expected.push((Some(id), rule));
    };
    // A faithful record of the Cour de cassation's decision 22-12.922 (jp-00000002), with one
    // field or passage made hostile.
    let base = "jp-00000002";
    let text = demo[base]["text"].as_str().unwrap().to_string();
    let insert = |passage: &str| {
        let at = "Le dossier a été communiqué";
        assert!(text.contains(at));
        text.replacen(at, &format!("{passage}\n{at}"), 1)
    };
    add(base, "id", Rule::ATT001, &|r| {
        r["id"] = json!(format!("id-{}", "i".repeat(N)));
        r.as_object_mut().unwrap().remove("attribution");
    });
    add(base, "url", Rule::ATT001, &|r| {
        r["url"] = json!(format!("https://exemple.test/{}", "u".repeat(N)));
        r.as_object_mut().unwrap().remove("attribution");
    });
    add(base, "title", Rule::MSK004, &|r| {
        r["title"] = json!(format!(
            "Affaire {} opposant M. Jean Dupontel à la société X",
            words(N)
        ))
    });
    add(base, "formation", Rule::INT006, &|r| {
        r["formation"] = json!(format!("Chambre civile 3 {big}"))
    });
    add(base, "formation-words", Rule::INT006, &|r| {
        r["formation"] = json!(format!("Chambre civile 3 {}", words(N)))
    });
    add(base, "seat", Rule::INT006, &|r| {
        r["seat"] = json!(format!("Lyon {big}"))
    });
    add(base, "number", Rule::INT006, &|r| {
        r["number"] = json!(format!("22-12.922 {}", "1".repeat(N)))
    });
    add(base, "date", Rule::INT006, &|r| {
        r["decision_date"] = json!(format!("2023-10-05 {big}"))
    });
    add(base, "date-unread", Rule::INT005, &|r| {
        r["decision_date"] = json!(big)
    });
    add(base, "jurisdiction", Rule::INT006, &|r| {
        r["jurisdiction"] = json!(format!("Conseil d'État {big}"))
    });
    add(base, "source-id", Rule::INT007, &|r| {
        r["source_id"] = json!(format!("JURITEXT{}", "9".repeat(N)))
    });
    add(base, "excerpt", Rule::INT004, &|r| {
        r["excerpt"] = json!(true);
        r["full_text_url"] = json!(" ".repeat(N));
    });
    add(base, "commentary", Rule::MSK004, &|r| {
        r["commentary"] = json!(format!(
            "M. Jean Dupontel {} M. Paul Lemarchand habite ici.",
            words(N)
        ))
    });
    add(base, "inserted", Rule::INT002, &|r| {
        r["text"] = json!(insert(&format!("Note de l'éditeur : {}", words(N))))
    });
    add(base, "inserted-word", Rule::INT002, &|r| {
        r["text"] = json!(insert(&"lorem_ipsum_".repeat(N / 12)))
    });
    add(base, "phones", Rule::MSK005, &|r| {
        r["text"] = json!(insert(&"Joindre le 06 12 34 56 78. ".repeat(5_000)))
    });
    add(base, "glued-digits", Rule::INT002, &|r| {
        r["text"] = json!(insert(&format!("Tél. {}", "0612345678".repeat(N / 10))))
    });
    add(base, "email", Rule::MSK005, &|r| {
        r["text"] = json!(insert(&format!("Écrire à {}@exemple.fr.", "a".repeat(N))))
    });
    add(base, "attribution", Rule::ATT001, &|r| {
        r["attribution"] = json!(format!("Éditions {big}"))
    });
    add(base, "attribution-other", Rule::ATT002, &|r| {
        r["attribution"] = json!(format!("Conseil d'État {big}"))
    });
    add(base, "updated-at", Rule::FRE001, &|r| {
        r["updated_at"] = json!(format!("le {big}"));
        r.as_object_mut().unwrap().remove("update_notice");
    });
    add(base, "presidents", Rule::PRF001, &|r| {
        r["presidents"] = json!(vec!["M. Huglo"; N / 10])
    });
    add(base, "key", Rule::PRF001, &|r| {
        r[format!("president_{}", "k".repeat(N))] = json!("M. Huglo")
    });
    add(
        base,
        "stats",
        Rule::PRF002,
        &|r| r["judge_stats"] = json!({ format!("M. Huglo {big}"): { "taux_cassation": 0.63 } }),
    );
    add(base, "prf-commentary", Rule::PRF002, &|r| {
        r["commentary"] = json!(format!(
            "Le président Huglo rejette 82 % des pourvois. {}",
            words(N)
        ))
    });
    let dup = format!("dup-{}", "d".repeat(N));
    for _ in 0..2 {
        add(base, "dup", Rule::IN002, &|r| r["id"] = json!(dup));
    }
    // A record of the decision the source updated after the record's load (jp-00000039), with
    // 500 KB inserted; of the decision withdrawn at source (jp-00000012), with a 500 KB
    // formation; of the administrative order (jp-00000015), with a 500 KB update notice.
    add("jp-00000039", "outdated", Rule::FRE002, &|r| {
        let t = r["text"].as_str().unwrap().replacen(
            "Sur le moyen",
            &format!("{} Sur le moyen", words(N)),
            1,
        );
        r["text"] = json!(t);
    });
    add("jp-00000012", "withdrawn", Rule::FRE004, &|r| {
        r["formation"] = json!(format!("Civ. 2e {big}"))
    });
    add("jp-00000015", "notice", Rule::FRE005, &|r| {
        r["update_notice"] = json!(format!("Mis à jour {big}"))
    });
    // The hostile copy of the decision, faithful but for one change.
    let on_hostile = |id: &str, rule: Rule, text: String| {
        (
            json!({
                "id": id,
                "source_id": HOSTILE_ID,
                "url": format!("https://exemple.test/{id}"),
                "text": text,
                "jurisdiction": "Cour de cassation",
                "formation": "Chambre sociale",
                "seat": "Paris",
                "decision_date": "2023-10-04",
                "number": "22-12.922",
                "attribution": "Source : Légifrance (DILA)",
                "updated_at": "2026-11-03T18:00:00Z",
                "update_notice": "Document chargé sur le site source le 3 novembre 2026",
            })
            .to_string(),
            (Some(id.to_string()), rule),
        )
    };
    let s = &h.sentence;
    let k = s[s.len() / 2..].find("dolor").unwrap() + s.len() / 2;
    for (id, rule, text) in [
        (
            "lifted",
            Rule::MSK001,
            h.text
                .replacen(h.run.trim_end(), "Dupont ".repeat(32_000).trim_end(), 1),
        ),
        (
            "changed-word",
            Rule::INT001,
            h.text
                .replacen(s, &format!("{}DOLORES{}", &s[..k], &s[k + 5..]), 1),
        ),
        (
            "changed-words",
            Rule::INT001,
            h.text.replacen(s, &s.replace("dolor", "DOLORES"), 1),
        ),
        (
            "cut",
            Rule::INT003,
            h.text.replacen(&format!("{s}\n"), "", 1),
        ),
        (
            "masked-link",
            Rule::MSK002,
            h.text.replacen(&h.link, "***", 1),
        ),
        (
            "masked-mail",
            Rule::MSK003,
            h.text.replacen(&h.mail, "***", 1),
        ),
    ] {
        let (line, want) = on_hostile(id, rule, text);
        lines.push(line);
        expected.push(want);
    }
    // Unreadable lines of 500 KB: not JSON, and JSON cut after a 500 KB id.
    lines.push(format!("not JSON at all {big}"));
    lines.push(format!(r#"{{"id": "bad-{}" not JSON"#, "b".repeat(N)));
    expected.push((None, Rule::IN001));
    (lines.join("\n") + "\n", expected)
}

/// Every string of `v`, anywhere in it, with the path to it.
fn strings<'a>(v: &'a Value, path: String, out: &mut Vec<(String, &'a str)>) {
    match v {
        Value::String(s) => out.push((path, s)),
        Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                strings(x, format!("{path}[{i}]"), out);
            }
        }
        Value::Object(o) => {
            for (k, x) in o {
                strings(x, format!("{path}.{k}"), out);
            }
        }
        _ => {}
    }
}

/// `s` is within the bound of a finding's text: [`MAX_CHARS`] chars, a few KB.
#[track_caller]
fn within(what: &str, s: &str) {
    let chars = s.chars().count();
    assert!(
        chars <= MAX_CHARS && s.len() <= 4 * MAX_CHARS,
        "{what}: {chars} chars, {} bytes: {}…",
        s.len(),
        s.chars().take(120).collect::<String>()
    );
}

/// What a finding of `report` on the record `id` with `rule` says.
fn finding<'a>(report: &'a Report, id: &str, rule: Rule) -> &'a vigie::model::Finding {
    report
        .findings
        .iter()
        .find(|f| {
            f.rule == rule
                && f.record
                    .as_ref()
                    .and_then(|r| r.id.as_deref())
                    .is_some_and(|i| i.starts_with(id))
        })
        .unwrap_or_else(|| panic!("no {rule} on {id}"))
}

#[test]
fn every_finding_of_hostile_records_is_written_within_the_bound() {
    let dir = tempfile::tempdir().unwrap();
    let hostile_ref = dir.path().join("reference");
    std::fs::create_dir(&hostile_ref).unwrap();
    let h = hostile_reference(&hostile_ref);
    let (content, expected) = corpus(&h);
    let corpus = dir.path().join("corpus.jsonl");
    std::fs::write(&corpus, content).unwrap();
    let demo = manifest().join("assets/demo");
    let outcome = run_audit(&AuditOptions {
        corpus: vec![corpus],
        reference: vec![demo.join("reference"), hostile_ref],
        history: vec![demo.join("history.json")],
        as_of: Some("2026-11-22T12:00:00Z".parse().unwrap()),
        ..Default::default()
    });
    let report = &outcome.report;

    // Each hostile record got the rule it was built for, and every rule of the catalogue fired.
    let got: BTreeSet<(Option<String>, Rule)> = report
        .findings
        .iter()
        .map(|f| (f.record.as_ref().and_then(|r| r.id.clone()), f.rule))
        .collect();
    for (id, rule) in &expected {
        let shown = id
            .as_deref()
            .map(|i| vigie::model::bound::ends(i, MAX_CHARS));
        assert!(
            got.iter()
                .any(|(i, r)| r == rule && i.as_deref() == shown.as_deref()),
            "{rule} on {id:.40?}"
        );
    }
    let fired: BTreeSet<Rule> = report.findings.iter().map(|f| f.rule).collect();
    assert_eq!(fired, Rule::ALL.iter().copied().collect());

    // A run of 32,000 markers shown in clear: one MSK001 that quotes four and counts the rest.
    assert_eq!(
        finding(report, "lifted", Rule::MSK001).message,
        "pseudonymised name [K] [K] [K] [K] … and 31,996 more of the reference is shown in clear"
    );
    // A long value is shown by its two ends.
    let e = finding(report, "source-id", Rule::INT007)
        .evidence
        .as_ref()
        .unwrap();
    let x = e.excerpt.as_deref().unwrap();
    assert!(
        x.starts_with("JURITEXT999") && x.contains(OMITTED) && x.ends_with("999"),
        "{x}"
    );
    let m = &finding(report, "formation", Rule::INT006).message;
    assert!(
        m.starts_with("formation «Chambre civile 3 xxx")
            && m.contains(OMITTED)
            && m.contains(
                "xxx» contradicts the reference (Chambre sociale - Formation restreinte); the \
                 word «xxx"
            )
            && m.ends_with("xxx» is part of no identification")
            && m.matches(OMITTED).count() == 2,
        "{m}"
    );
    // The duplicate's message ends with the place of the first record of its id (the 26th).
    let m = &finding(report, "dup-", Rule::IN002).message;
    assert!(m.contains(OMITTED) && m.ends_with("corpus.jsonl:26"), "{m}");

    // The findings as the terminal UI's detail shows them: message, record, field, excerpts.
    for f in &report.findings {
        let what = format!(
            "{} {:.40?}",
            f.rule,
            f.record.as_ref().and_then(|r| r.id.as_deref())
        );
        within(&what, &f.message);
        within(&what, &exported_message(f, false));
        if let Some(r) = &f.record {
            for s in [&r.id, &r.source_id, &r.url].into_iter().flatten() {
                within(&what, s);
            }
            if let Some(c) = &r.compared_with {
                within(&what, &c.id);
                within(&what, &c.origin);
            }
        }
        if let Some(e) = &f.evidence {
            within(&what, &e.field);
            for x in [&e.excerpt, &e.reference_excerpt].into_iter().flatten() {
                within(&what, x);
            }
            // What it marks as personal data lies within what it shows.
            for (x, personal) in [
                (&e.excerpt, &e.personal),
                (&e.reference_excerpt, &e.reference_personal),
            ] {
                let n = x.as_deref().map_or(0, |x| x.chars().count());
                assert!(
                    personal.iter().all(|p| p.start < p.end && p.end <= n),
                    "{what}"
                );
            }
            let n = f.message.chars().count();
            assert!(e.message_personal.iter().all(|p| p.end <= n), "{what}");
        }
    }

    // Every output, redacted and revealed.
    for reveal in [false, true] {
        let opts = WriteOptions {
            reveal_personal_data: reveal,
            ..WriteOptions::default()
        };
        let written = |format: Format| {
            let mut out = Vec::new();
            vigie::report::write(report, format, &opts, &mut out).unwrap();
            String::from_utf8(out).unwrap()
        };
        // JSON: every string of every finding.
        let json: Value = serde_json::from_str(&written(Format::Json)).unwrap();
        let findings = json["findings"].as_array().unwrap();
        assert_eq!(findings.len(), report.findings.len());
        for f in findings {
            let mut all = Vec::new();
            strings(f, String::new(), &mut all);
            for (path, s) in all {
                within(&format!("JSON {}{path}", f["rule"]), s);
            }
        }
        // JSON Lines: each finding a line of a few KB, its strings within the bound.
        for line in written(Format::Jsonl).lines() {
            assert!(
                line.len() <= JSONL_BYTES,
                "JSON Lines: {} bytes",
                line.len()
            );
            let v: Value = serde_json::from_str(line).unwrap();
            if v.get("rule").is_some() {
                let mut all = Vec::new();
                strings(&v, String::new(), &mut all);
                for (path, s) in all {
                    within(&format!("JSON Lines {}{path}", v["rule"]), s);
                }
            }
        }
        // CSV: every cell (one more char for a cell kept from starting a formula).
        let csv = written(Format::Csv);
        let mut rows = csv::Reader::from_reader(csv.as_bytes());
        let mut n = 0;
        for row in rows.records() {
            n += 1;
            for cell in row.unwrap().iter() {
                let cell = cell.strip_prefix('\'').unwrap_or(cell);
                within("CSV", cell);
            }
        }
        assert_eq!(n, report.findings.len());
        // The text summary and the French notice: every line.
        for format in [Format::Text, Format::Notice] {
            let out = written(format);
            for line in out.lines() {
                assert!(
                    line.len() <= LINE_BYTES,
                    "{format:?}: a line of {} bytes: {}…",
                    line.len(),
                    line.chars().take(120).collect::<String>()
                );
            }
        }
        // The notice gives the lifted markers' example, bounded.
        let notice = written(Format::Notice);
        assert!(
            notice
                .lines()
                .any(|l| l.contains("enregistrement «\u{202f}lifted\u{202f}»")),
            "the notice gives no example of the lifted run"
        );
    }
}
