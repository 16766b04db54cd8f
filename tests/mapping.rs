//! `--mapping` end to end (SPEC §1.2), on a real DILA decision (JURITEXT000048176061: Cour de
//! cassation, chambre criminelle, 3 October 2023, n° 23-80.251) published in a reuser's own
//! schema: a path that gives nothing in any record is said, and a `source_id` that matches no
//! record makes the audit inconclusive; findings on mapped fields name the reuser's path; a
//! field of the reuser's named like a canonical one mapped elsewhere is named apart.

use serde_json::{Value, json};
use std::path::{Path, PathBuf};
use std::process::Output;
use vigie::model::Origin;

mod support;
mod tui_common;
use support::binary::vigie;
use support::data::data;

const DECISION: &str = "dila-cass/JURITEXT000048176061.xml";

/// The decision's text, as DILA gives it.
fn text() -> String {
    let d =
        vigie::source::xml::parse_xml(&std::fs::read(data(DECISION)).unwrap(), Origin::default())
            .unwrap();
    // The decision the test is written for (checked by hand against the XML).
    assert_eq!(d.numbers, ["23-80251"]);
    assert_eq!(d.chamber.as_deref(), Some("CHAMBRE_CRIMINELLE"));
    d.text
}

/// A faithful copy of the decision in the reuser's schema (nested identification, French
/// dates, an integer id, the number in an array), but for its formation, `Chambre sociale`
/// (INT006), and with `extra` merged in at the top level.
fn record(extra: Value) -> Value {
    let mut r = json!({
        "doc_id": 1,
        "ref": {"legifrance": "JURITEXT000048176061"},
        "meta": {
            "juridiction": {"nom": "Cour de cassation", "chambre": "Chambre sociale"},
            "date": "03/10/2023",
            "numeros": ["23-80.251"],
        },
        "content": {"body": text()},
        "credit": "Source : Légifrance",
        "maj": "2026-11-21",
    });
    for (k, v) in extra.as_object().unwrap() {
        r[k] = v.clone();
    }
    r
}

const MAPPING: &str = "[fields]\nid = \"doc_id\"\nsource_id = \"ref.legifrance\"\n\
jurisdiction = \"meta.juridiction.nom\"\nformation = \"meta.juridiction.chambre\"\n\
decision_date = \"meta.date\"\nnumber = \"meta.numeros[0]\"\ntext = \"content.body\"\n\
attribution = \"credit\"\nupdated_at = \"maj\"\n";

/// A folder with `corpus.jsonl` (the records) and `m.toml` (the mapping).
fn setup(records: &[Value], mapping: &str) -> (tempfile::TempDir, PathBuf, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let c = dir.path().join("corpus.jsonl");
    let lines: Vec<String> = records.iter().map(Value::to_string).collect();
    std::fs::write(&c, lines.join("\n") + "\n").unwrap();
    let m = dir.path().join("m.toml");
    std::fs::write(&m, mapping).unwrap();
    (dir, c, m)
}

/// `vigie CORPUS --mapping M --reference DECISION --report FORMAT` at a fixed time, run from
/// the mapping's folder (so that the mapping is `m.toml` in messages), `extra` after.
fn run(c: &Path, m: &Path, format: &str, extra: &[&str]) -> Output {
    vigie()
        .current_dir(m.parent().unwrap())
        .arg(c)
        .args(["--mapping", "m.toml", "--reference"])
        .arg(data(DECISION))
        .args([
            "--as-of",
            "2026-11-22T12:00:00Z",
            "--quiet",
            "--report",
            format,
        ])
        .args(extra)
        .output()
        .unwrap()
}

fn json_of(out: &Output) -> Value {
    serde_json::from_slice(&out.stdout).unwrap()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// What the run printed; the notice's narrow no-break spaces (inside « ») as spaces.
fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).replace('\u{202f}', " ")
}

/// The faithful mapping: the planted formation is found (INT006), nothing else; the JSON
/// report records the mapping, each field's path as the file writes it, and no path unmatched.
#[test]
fn the_report_records_the_mapping() {
    let (_d, c, m) = setup(&[record(json!({}))], MAPPING);
    let out = run(&c, &m, "json", &[]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let v = json_of(&out);
    let rules: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap())
        .collect();
    assert_eq!(rules, ["INT006"]);
    assert_eq!(v["summary"]["conclusive"], true);
    assert_eq!(
        v["audit"]["mapping"],
        json!({
            "file": "m.toml",
            "fields": {
                "id": "doc_id", "source_id": "ref.legifrance", "text": "content.body",
                "jurisdiction": "meta.juridiction.nom", "formation": "meta.juridiction.chambre",
                "decision_date": "meta.date", "number": "meta.numeros[0]",
                "attribution": "credit", "updated_at": "maj"
            },
            "defaults": [],
            "unmatched": []
        })
    );
    assert!(!stderr(&out).contains("warning"), "{}", stderr(&out));
    // Without a mapping, no `audit.mapping` at all.
    let out = vigie()
        .arg(&c)
        .arg("--reference")
        .arg(data(DECISION))
        .args([
            "--as-of",
            "2026-11-22T12:00:00Z",
            "--quiet",
            "--report",
            "json",
        ])
        .output()
        .unwrap();
    assert!(json_of(&out)["audit"].get("mapping").is_none());
}

/// A number in the bracket form vigie's reports print (`meta.numeros[0]`) is read: a wrong one
/// is INT006, which the path read nothing of before.
#[test]
fn a_path_in_brackets_reads_the_element() {
    let mut r = record(json!({}));
    r["meta"]["juridiction"]["chambre"] = json!("Chambre criminelle");
    r["meta"]["numeros"] = json!(["22-99.999"]);
    let (_d, c, m) = setup(&[r], MAPPING);
    let out = run(&c, &m, "json", &[]);
    let v = json_of(&out);
    let f = &v["findings"][0];
    assert_eq!(
        (f["rule"].as_str(), v["findings"].as_array().unwrap().len()),
        (Some("INT006"), 1)
    );
    assert_eq!(f["evidence"]["field"], "number");
}

/// A JSONPath `$.` or an empty segment is a bad mapping: exit 2 at the entry's line and
/// column, and no report.
#[test]
fn a_malformed_path_is_refused_at_load() {
    for (path, said) in [
        (
            "$.ref.legifrance",
            "m.toml:3:1: `source_id`: `$.ref.legifrance` starts with `$`: write the dotted path without `$.`",
        ),
        (
            "ref..legifrance",
            "m.toml:3:1: `source_id`: `ref..legifrance` has an empty segment",
        ),
        (
            "ref[0",
            "m.toml:3:1: `source_id`: `ref[0` has a `[` that is not closed by `]`",
        ),
    ] {
        let mapping = MAPPING.replace("ref.legifrance", path);
        let (_d, c, m) = setup(&[record(json!({}))], &mapping);
        let out = run(&c, &m, "json", &[]);
        assert_eq!(out.status.code(), Some(2));
        assert!(stderr(&out).contains(said), "{path}: {}", stderr(&out));
        assert!(out.stdout.is_empty());
    }
}

/// A mapped path that gives a value in no record read (a typo) is said after the audit, with
/// the mapping's file and the entry's line, the field and the path, and what it cost; the JSON
/// report lists it. A path that gives a value in some records is not.
#[test]
fn a_mapped_path_that_gives_nothing_is_said() {
    let mapping = MAPPING.replace("meta.date", "meta.datte");
    let (_d, c, m) = setup(&[record(json!({})), record(json!({"doc_id": 2}))], &mapping);
    let out = run(&c, &m, "json", &[]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains(
            "vigie: warning: m.toml:6: the mapping's path for `decision_date`, `meta.datte`, gave \
             a value in none of the 2 records read: every record was read as having no \
             `decision_date`; is the path right?"
        ),
        "{err}"
    );
    assert_eq!(
        json_of(&out)["audit"]["mapping"]["unmatched"],
        json!(["decision_date"])
    );
    // The text: said the same way, and not again as records without a text.
    let mapping = MAPPING.replace("content.body", "content.bdy");
    let (_d, c, m) = setup(&[record(json!({}))], &mapping);
    let out = run(&c, &m, "json", &[]);
    let err = stderr(&out);
    assert!(
        err.contains(
            "vigie: warning: m.toml:8: the mapping's path for `text`, `content.bdy`, gave no \
             value in the only record read: no record's text could be checked (integrity, \
             masking); is the path right?"
        ),
        "{err}"
    );
    assert!(!err.contains("have no text"), "{err}");
    // Given in one record of two: no warning, nothing unmatched.
    let mut without = record(json!({"doc_id": 2}));
    without["meta"].as_object_mut().unwrap().remove("date");
    let (_d, c, m) = setup(&[record(json!({})), without], MAPPING);
    let out = run(&c, &m, "json", &[]);
    assert!(!stderr(&out).contains("warning"), "{}", stderr(&out));
    assert_eq!(json_of(&out)["audit"]["mapping"]["unmatched"], json!([]));
}

/// A `source_id` path that gives nothing in any record, with a reference given: no record was
/// matched with its decision, nothing was checked against the source (the planted formation
/// is not found), and the audit is inconclusive as one that read no record: exit 2,
/// `"conclusive": false`, an `--output` file left as it was, and the text summary, the notice
/// and stderr say why.
#[test]
fn a_source_id_that_matches_no_record_makes_the_audit_inconclusive() {
    let mapping = MAPPING.replace("ref.legifrance", "ref.legifrance_id");
    let (d, c, m) = setup(&[record(json!({})), record(json!({"doc_id": 2}))], &mapping);
    let out = run(&c, &m, "json", &[]);
    assert_eq!(out.status.code(), Some(2));
    let v = json_of(&out);
    assert_eq!(v["summary"]["conclusive"], false);
    assert_eq!(v["audit"]["matched_records"], 0);
    assert_eq!(v["audit"]["mapping"]["unmatched"], json!(["source_id"]));
    let err = stderr(&out);
    assert!(
        err.contains(
            "vigie: the audit could not be carried out: the mapping's path for `source_id`, \
             `ref.legifrance_id` (m.toml, line 3), gave a value in none of the 2 records read, \
             so no record could be matched with its decision and nothing was checked against \
             the source."
        ),
        "{err}"
    );
    // An --output file is left as it was.
    let o = d.path().join("report.json");
    std::fs::write(&o, "last night's").unwrap();
    let out = run(&c, &m, "json", &["--output", o.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(std::fs::read_to_string(&o).unwrap(), "last night's");
    assert!(
        stderr(&out).contains("is left as it was"),
        "{}",
        stderr(&out)
    );
    let out = run(&c, &m, "text", &[]);
    assert!(
        stdout(&out).starts_with(
            "vigie: no verdict — the audit could not be carried out: the mapping's path for \
             `source_id`, `ref.legifrance_id` (m.toml, line 3)"
        ),
        "{}",
        stdout(&out)
    );
    let out = run(&c, &m, "notice", &[]);
    let notice = stdout(&out);
    assert!(
        notice.contains("audit impossible, aucun enregistrement rapproché de sa décision"),
        "{notice}"
    );
    assert!(
        notice.contains("n'a pu être mené à bien : le chemin de l'identifiant de la décision"),
        "{notice}"
    );
    assert!(notice.contains("« ref.legifrance\\_id »"), "{notice}");
    assert!(
        notice.contains("ne donne de valeur dans aucun des 2 enregistrements lus"),
        "{notice}"
    );
    assert!(!notice.contains("Projet de mise en demeure"), "{notice}");
    // Without a reference, nothing is matched anyway: said, but the audit is what it is.
    let out = vigie()
        .current_dir(d.path())
        .arg(&c)
        .args([
            "--mapping",
            "m.toml",
            "--as-of",
            "2026-11-22T12:00:00Z",
            "--quiet",
            "--report",
            "json",
        ])
        .output()
        .unwrap();
    assert_ne!(out.status.code(), Some(2));
    assert_eq!(json_of(&out)["summary"]["conclusive"], true);
    assert!(
        stderr(&out).contains(
            "m.toml:3: the mapping's path for `source_id`, `ref.legifrance_id`, gave a value in \
             none of the 2 records read: no record could be matched with its decision"
        ),
        "{}",
        stderr(&out)
    );
}

/// A finding on a mapped field keeps vigie's name in the JSON report (the mapping translates
/// it), and is shown by the reuser's path, vigie's name beside it, in the text summary and
/// the notice.
#[test]
fn a_mapped_field_is_shown_by_the_reusers_path() {
    let (_d, c, m) = setup(&[record(json!({}))], MAPPING);
    let v = json_of(&run(&c, &m, "json", &[]));
    assert_eq!(v["findings"][0]["evidence"]["field"], "formation");
    let text = stdout(&run(&c, &m, "text", &[]));
    assert!(
        text.contains(
            "INT006 high/temporary [meta.juridiction.chambre (formation)] \
             meta.juridiction.chambre (formation) «Chambre sociale» contradicts"
        ),
        "{text}"
    );
    let notice = stdout(&run(&c, &m, "notice", &[]));
    assert!(
        notice.contains("champ « meta.juridiction.chambre » (« formation »)"),
        "{notice}"
    );
    assert!(!notice.contains("champ « formation »"), "{notice}");
}

/// The reuser's own top-level `text` (a summary), with the decision's text mapped to
/// `content.body`: a name in clear in it is reported in the field `$.text`, never `text`, and
/// the notice does not gloss it as the decision's text.
#[test]
fn a_field_named_like_the_mapped_text_is_named_apart() {
    let summary = "Résumé : M. Walter Kaminski, né le 3 mars 1975, conteste la saisie.";
    let mut r = record(json!({ "text": summary }));
    r["meta"]["juridiction"]["chambre"] = json!("Chambre criminelle");
    let (_d, c, m) = setup(&[r], MAPPING);
    let v = json_of(&run(&c, &m, "json", &[]));
    let fields: Vec<(&str, &str)> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["rule"].as_str().unwrap(),
                f["evidence"]["field"].as_str().unwrap(),
            )
        })
        .collect();
    assert!(!fields.is_empty());
    assert!(fields.iter().all(|(_, f)| *f == "$.text"), "{fields:?}");
    assert!(fields.iter().any(|(r, _)| *r == "MSK005"), "{fields:?}");
    let text = stdout(&run(&c, &m, "text", &[]));
    assert!(text.contains("[$.text]"), "{text}");
    let notice = stdout(&run(&c, &m, "notice", &[]));
    assert!(notice.contains("champ « $.text »"), "{notice}");
    assert!(!notice.contains("texte de la décision)"), "{notice}");
    assert!(!notice.contains("« text »"), "{notice}");
}

/// A field both mapped and given a default: the default is the fallback of the records where
/// the path gives nothing (no ATT001 for the record without `credit`), which is said once at
/// load with both lines; the run goes on.
#[test]
fn a_field_mapped_and_defaulted_is_warned_of_at_load() {
    let mapping = format!("{MAPPING}[defaults]\nattribution = \"Source : Légifrance\"\n");
    let mut r = record(json!({ "doc_id": 2 }));
    r.as_object_mut().unwrap().remove("credit");
    r["meta"]["juridiction"]["chambre"] = json!("Chambre criminelle");
    let (_d, c, m) = setup(&[r], &mapping);
    let out = run(&c, &m, "json", &[]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stderr(&out).contains(
            "vigie: warning: m.toml: `attribution` is both mapped (line 9, `credit`) and given \
             a default (line 12): the default is used for every record where `credit` is \
             missing or null"
        ),
        "{}",
        stderr(&out)
    );
    let v = json_of(&out);
    assert_eq!(v["findings"], json!([]));
    assert_eq!(v["audit"]["mapping"]["defaults"], json!(["attribution"]));
    // `credit` gave nothing in the only record: said as well, with the default's cost.
    assert!(
        stderr(&out)
            .contains("every record was given the [defaults] value of `attribution` instead"),
        "{}",
        stderr(&out)
    );
}

/// A commentary of the reuser's that judges a magistrate's practice (PRF002).
const PROFILING: &str = "Commentaire : M. Bonnal, président de la chambre, rejette 82 % des \
pourvois dont il est saisi, selon nos statistiques.";

/// Every message of a finding on a mapped field names it as the reuser's schema does, vigie's
/// name beside it (INT005, INT006, INT007, PRF002), in the JSON, JSON Lines and CSV reports,
/// the text summary and the terminal UI's detail, while `evidence.field` keeps vigie's name
/// (which `audit.mapping.fields` translates). Record 1: the planted formation, no date at its
/// path, and a commentary mapped from `notes.body` that profiles a magistrate; record 2 no
/// `ref.legifrance`; record 3 a `ref.legifrance` of no reference decision.
#[test]
fn messages_name_a_mapped_field_by_the_reusers_path() {
    let mut r1 = record(json!({ "notes": { "body": PROFILING } }));
    r1["meta"].as_object_mut().unwrap().remove("date");
    let mut r2 = record(json!({ "doc_id": 2, "ref": {} }));
    r2["meta"]["juridiction"]["chambre"] = json!("Chambre criminelle");
    let mut r3 = record(json!({ "doc_id": 3, "ref": { "legifrance": "JURITEXT000099999999" } }));
    r3["meta"]["juridiction"]["chambre"] = json!("Chambre criminelle");
    let mapping = format!("{MAPPING}commentary = \"notes.body\"\n");
    let (_d, c, m) = setup(&[r1, r2, r3], &mapping);
    let out = run(&c, &m, "json", &[]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let v = json_of(&out);
    let found: Vec<(&str, &str, &str)> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["rule"].as_str().unwrap(),
                f["evidence"]["field"].as_str().unwrap(),
                f["message"].as_str().unwrap(),
            )
        })
        .collect();
    let want = [
        (
            "INT005",
            "decision_date",
            "identification required beside the decision is absent: meta.date (decision_date)",
        ),
        (
            "INT006",
            "formation",
            "meta.juridiction.chambre (formation) «Chambre sociale» contradicts the reference \
             (Chambre criminelle - Formation restreinte)",
        ),
        (
            "PRF002",
            "commentary",
            "field `notes.body` (commentary) pairs a magistrate's or clerk's identity with \
             figures or judgements about their practice",
        ),
        (
            "INT007",
            "source_id",
            "the record gives no `ref.legifrance` (source_id): it cannot be checked against the \
             reference",
        ),
        (
            "INT007",
            "source_id",
            "no reference decision matches the record's `ref.legifrance` (source_id)",
        ),
    ];
    assert_eq!(found, want);
    assert_eq!(
        v["audit"]["mapping"]["fields"]["commentary"],
        json!("notes.body")
    );
    // The same messages in the other reports.
    let jsonl = stdout(&run(&c, &m, "jsonl", &[]));
    let csv = stdout(&run(&c, &m, "csv", &[]));
    let text = stdout(&run(&c, &m, "text", &[]));
    for (_, _, message) in &want {
        assert_eq!(
            jsonl.matches(&json!(message).to_string()).count(),
            1,
            "{jsonl}"
        );
        assert!(csv.contains(message), "{message}\n{csv}");
        assert!(text.contains(message), "{message}\n{text}");
    }
    // No message names a mapped field by vigie's name alone.
    for report in [&jsonl, &csv, &text] {
        for bare in [
            "`commentary`",
            "`source_id`",
            "absent: decision_date",
            " formation «",
        ] {
            assert!(!report.contains(bare), "{bare} in\n{report}");
        }
    }
    assert!(
        text.contains(
            "corpus.jsonl:1 PRF002 critical/permanent [notes.body (commentary)] field \
             `notes.body` (commentary) pairs"
        ),
        "{text}"
    );
    // The terminal UI's detail of the first finding (INT005) shows its message so.
    let opts = vigie::audit::AuditOptions {
        corpus: vec![c.clone()],
        reference: vec![data(DECISION)],
        mapping: Some(vigie::corpus::Mapping::load(&m).unwrap()),
        as_of: Some("2026-11-22T12:00:00Z".parse().unwrap()),
        ..Default::default()
    };
    let outcome =
        vigie::audit::run(&opts, &|_| {}, &std::sync::atomic::AtomicBool::new(false)).unwrap();
    let mut app = vigie::tui::app::App::with_report(
        vigie::tui::keymap::Keymap::default(),
        outcome.report,
        None,
    );
    let screen = detail_screen(&mut app);
    assert!(
        screen.contains("identification required beside the decision is absent: meta.date"),
        "{screen}"
    );
    assert!(
        screen.contains("field meta.date (decision_date)"),
        "{screen}"
    );
}

/// The terminal UI at 160×40 after `tab enter` (the detail of the first finding of the list).
fn detail_screen(app: &mut vigie::tui::app::App) -> String {
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    let mut t = Terminal::new(TestBackend::new(160, 40)).unwrap();
    app.refresh();
    t.draw(|f| vigie::tui::views::draw(f, app)).unwrap();
    for k in ["tab", "enter"] {
        tui_common::press(app, k);
        app.refresh();
        t.draw(|f| vigie::tui::views::draw(f, app)).unwrap();
    }
    t.backend().to_string()
}

/// A key that holds a dot (`"meta.date"`) is reached by the quoted form JSONPath and jq write,
/// `["meta.date"]`, or after a key (`meta["numéro.x"][0]`), `\"` and `\\` escaped inside; the
/// reports name the field by the path as written.
#[test]
fn a_key_holding_a_dot_is_reached_in_quotes() {
    let mut r = record(json!({
        "meta.date": "03/10/2023",
        "a\"b\\c": "Cour de cassation",
    }));
    let meta = r["meta"].as_object_mut().unwrap();
    meta.remove("date");
    meta.insert("numéro.x".into(), meta["numeros"].clone());
    meta.remove("numeros");
    meta["juridiction"]["chambre"] = json!("Chambre criminelle");
    let mapping = MAPPING
        .replace("\"meta.date\"", r#"'["meta.date"]'"#)
        .replace("\"meta.numeros[0]\"", r#"'meta["numéro.x"][0]'"#)
        .replace("\"meta.juridiction.nom\"", r#"'["a\"b\\c"]'"#);
    let (_d, c, m) = setup(&[r.clone()], &mapping);
    let out = run(&c, &m, "json", &[]);
    // Every field read: nothing found, nothing unmatched.
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let v = json_of(&out);
    assert_eq!(v["findings"], json!([]));
    assert_eq!(v["audit"]["mapping"]["unmatched"], json!([]));
    assert_eq!(
        v["audit"]["mapping"]["fields"]["decision_date"],
        json!(r#"["meta.date"]"#)
    );
    // Another date at the quoted key: INT006, named by the path as written.
    r["meta.date"] = json!("04/10/2023");
    let (_d, c, m) = setup(&[r], &mapping);
    let v = json_of(&run(&c, &m, "json", &[]));
    let f = &v["findings"][0];
    assert_eq!(
        (f["rule"].as_str(), v["findings"].as_array().unwrap().len()),
        (Some("INT006"), 1)
    );
    assert_eq!(f["evidence"]["field"], "decision_date");
    assert!(
        f["message"]
            .as_str()
            .unwrap()
            .starts_with(r#"["meta.date"] (decision_date) «04/10/2023» contradicts the reference"#),
        "{f}"
    );
    let notice = stdout(&run(&c, &m, "notice", &[]));
    assert!(
        notice.contains(r#"champ « \["meta.date"\] » (« decision\_date » : "#),
        "{notice}"
    );
}

/// `[0]` reads an array's element only, `.0` an object's member named `0` only, as jq reads
/// them: a path that reads the one where the record has the other gives nothing, which is said
/// with a hint.
#[test]
fn an_index_and_a_numeric_key_are_told_apart() {
    let as_object = |r: &mut Value| r["meta"]["numeros"] = json!({ "0": "23-80.251" });
    let mut chambre = record(json!({}));
    chambre["meta"]["juridiction"]["chambre"] = json!("Chambre criminelle");
    let mut keyed = chambre.clone();
    as_object(&mut keyed);
    for (path, r, read) in [
        ("meta.numeros[0]", &chambre, true),
        ("meta.numeros.0", &keyed, true),
        ("meta.numeros[\\\"0\\\"]", &keyed, true),
        ("meta.numeros.0", &chambre, false),
        ("meta.numeros[0]", &keyed, false),
    ] {
        let mapping = MAPPING.replace("meta.numeros[0]", path);
        let (_d, c, m) = setup(std::slice::from_ref(r), &mapping);
        let out = run(&c, &m, "json", &[]);
        let v = json_of(&out);
        let unmatched = v["audit"]["mapping"]["unmatched"].clone();
        let err = stderr(&out);
        if read {
            assert_eq!(unmatched, json!([]), "{path}: {err}");
            assert_eq!(v["findings"], json!([]), "{path}");
        } else {
            assert_eq!(unmatched, json!(["number"]), "{path}: {err}");
            assert!(
                err.contains("the mapping's path for `number`"),
                "{path}: {err}"
            );
        }
    }
    // The hint, where a dotted index read nothing.
    let mapping = MAPPING.replace("meta.numeros[0]", "meta.numeros.0");
    let (_d, c, m) = setup(std::slice::from_ref(&chambre), &mapping);
    let err = stderr(&run(&c, &m, "json", &[]));
    assert!(
        err.contains(
            "m.toml:7: the mapping's path for `number`, `meta.numeros.0`, gave no value in the \
             only record read: every record was read as having no `number`; is the path right? \
             (`.0` names an object's member `0`; an array's element is `[0]`)"
        ),
        "{err}"
    );
}

/// A malformed quote is a bad mapping: exit 2 at the entry's line and column, no report.
#[test]
fn a_malformed_quote_is_refused_at_load() {
    for (path, said) in [
        (
            r#"ref[\"legifrance"#,
            r#"m.toml:3:1: `source_id`: `ref["legifrance` has a `"` that is not closed"#,
        ),
        (
            r#"ref.\"legifrance\""#,
            r#"m.toml:3:1: `source_id`: `ref."legifrance"` has a `"` outside brackets: a quoted key goes in brackets"#,
        ),
        (
            r#"ref[\"legi\\france\"]"#,
            r#"m.toml:3:1: `source_id`: `ref["legi\france"]`: `\f` in a quoted key"#,
        ),
    ] {
        let mapping = MAPPING.replace("ref.legifrance", path);
        let (_d, c, m) = setup(&[record(json!({}))], &mapping);
        let out = run(&c, &m, "json", &[]);
        assert_eq!(out.status.code(), Some(2), "{path}");
        assert!(stderr(&out).contains(said), "{path}: {}", stderr(&out));
        assert!(out.stdout.is_empty());
    }
}

/// A field mapped to its own name (`formation = "formation"`) is named once, as without a
/// mapping: not `formation (formation)`, in the message, the label or the notice.
#[test]
fn a_field_mapped_to_its_own_name_is_named_once() {
    let mut r = record(json!({ "formation": "Chambre sociale" }));
    r["meta"]["juridiction"]["chambre"] = json!("Chambre criminelle");
    let mapping = MAPPING.replace("\"meta.juridiction.chambre\"", "\"formation\"");
    let (_d, c, m) = setup(&[r], &mapping);
    let v = json_of(&run(&c, &m, "json", &[]));
    assert_eq!(v["audit"]["mapping"]["fields"]["formation"], "formation");
    assert_eq!(v["findings"].as_array().unwrap().len(), 1, "{v}");
    assert!(
        v["findings"][0]["message"]
            .as_str()
            .unwrap()
            .starts_with("formation «Chambre sociale» contradicts the reference"),
        "{v}"
    );
    let text = stdout(&run(&c, &m, "text", &[]));
    assert!(
        text.contains("INT006 high/temporary [formation] formation «Chambre sociale»"),
        "{text}"
    );
    let notice = stdout(&run(&c, &m, "notice", &[]));
    assert!(notice.contains("champ « formation » — extrait"), "{notice}");
    assert!(!notice.contains("(« formation »"), "{notice}");
}
