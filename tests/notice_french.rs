//! The French of the formal notice (`--report notice`) on the real decisions of `tests/data/`:
//! agreement with the number of breaches, no sentence opening with a figure, « aucun » for
//! none, hours without a leading zero, a corpus file named without the auditor's directories,
//! and findings accepted at review set aside in the verdict itself. Every expected sentence
//! below was written by hand from the letter's rules, not copied from its output.

use serde_json::{Value, json};
use std::ffi::OsStr;
use std::path::{Path, PathBuf};
mod support;
use support::binary::report_of;
use support::data::{cc_detail, cc_text, data};

const CC: &str = "5fca277de35a255d41ca73ab";
const CE: &str = "ORTA_2520143_20251205";

/// A record of the Judilibre decision 19-19.463 that breaches nothing: its text, its
/// identification, the source credited, loaded the day before the audit.
fn cc_record(id: &str) -> Value {
    json!({
        "id": id, "source_id": CC, "url": format!("https://www.exemple-editeur.fr/d/{id}"),
        "text": cc_text(), "jurisdiction": "Cour de cassation", "formation": "Chambre commerciale",
        "seat": "Paris", "decision_date": "2020-11-18", "number": "19-19.463",
        "attribution": "Source : Cour de cassation (Judilibre)",
        "updated_at": "2026-11-21T10:00:00Z",
    })
}

/// A record of the administrative decision ORTA_2520143_20251205 that breaches nothing.
fn ce_record(id: &str) -> Value {
    let reference = vigie::source::xml::parse_xml(
        &std::fs::read(data("ce/ORTA_2520143_20251205.xml")).unwrap(),
        vigie::model::Origin::default(),
    )
    .unwrap();
    json!({
        "id": id, "source_id": format!("{CE}.xml"),
        "url": format!("https://www.exemple-editeur.fr/d/{id}"),
        "text": reference.text, "jurisdiction": "Tribunal administratif de Cergy-Pontoise",
        "formation": "Ordonnance", "seat": "Cergy-Pontoise", "decision_date": "2025-12-05",
        "number": "2520143",
        "attribution": "Source : open data des juridictions administratives (Conseil d'État)",
        "updated_at": "2026-11-21T10:00:00Z",
        "update_notice": "Document chargé sur le site source le 21/11/2026",
    })
}

fn write_corpus(dir: &Path, name: &str, records: &[Value]) -> PathBuf {
    let corpus = dir.join(name);
    let lines: Vec<String> = records.iter().map(Value::to_string).collect();
    std::fs::write(&corpus, lines.join("\n")).unwrap();
    corpus
}

/// The references: the Judilibre decision and the administrative one, in a folder.
fn references(dir: &Path) -> PathBuf {
    let refs = dir.join("reference");
    std::fs::create_dir_all(&refs).unwrap();
    std::fs::copy(cc_detail(), refs.join("cc_detail.json")).unwrap();
    std::fs::copy(
        data("ce/ORTA_2520143_20251205.xml"),
        refs.join("ORTA_2520143_20251205.xml"),
    )
    .unwrap();
    refs
}

fn notice(corpus: &Path, refs: &Path, extra: &[&str]) -> String {
    let extra: Vec<&OsStr> = extra.iter().map(OsStr::new).collect();
    report_of(corpus, refs, "notice", &extra).replace('\u{202f}', " ")
}

// One breach (FRE005, an administrative decision's update notice): the CRPA's sanctions in the
// singular; a one-day delay « d'un jour », not « de 1 jour ».
#[test]
fn one_breach_is_in_the_singular() {
    let dir = tempfile::tempdir().unwrap();
    let mut r = ce_record("a-1");
    r["update_notice"] = json!("Mis à jour le 21/11/2026");
    let corpus = write_corpus(dir.path(), "corpus.jsonl", &[r]);
    let text = notice(&corpus, &references(dir.path()), &["--notice-days", "1"]);
    assert!(
        text.contains("Il a relevé 1 manquement, concernant 1 enregistrement."),
        "{text}"
    );
    assert!(text.contains("Le manquement constaté peut en outre vous exposer aux sanctions prévues à l'article L. 326-1 du code des relations entre le public et l'administration"), "{text}");
    assert!(!text.contains("Les manquements constatés"), "{text}");
    assert!(text.contains("nous vous mettons en demeure de remédier à ce manquement dans un délai d'un jour à compter de la réception de la présente"), "{text}");
    // Two of them: the plural.
    let mut s = ce_record("a-2");
    s["update_notice"] = json!("Mis à jour le 21/11/2026");
    let mut r = ce_record("a-1");
    r["update_notice"] = json!("Mis à jour le 21/11/2026");
    let corpus = write_corpus(dir.path(), "two.jsonl", &[r, s]);
    let text = notice(&corpus, &references(dir.path()), &["--notice-days", "2"]);
    assert!(
        text.contains("Les manquements constatés peuvent en outre vous exposer"),
        "{text}"
    );
    assert!(
        text.contains("à l'ensemble de ces manquements dans un délai de 2 jours"),
        "{text}"
    );
}

// The one breach of a corpus of both courts' decisions (FRE003, not updated for 96 hours): the
// note under its heading, in the singular, names the Cour de cassation's interruption for its
// decisions and refers the others to their own conditions.
#[test]
fn one_breach_about_both_courts_decisions_is_in_the_singular() {
    let dir = tempfile::tempdir().unwrap();
    let mut cc = cc_record("r-1");
    let mut ce = ce_record("a-1");
    cc["updated_at"] = json!("2026-11-18");
    ce["updated_at"] = json!("2026-11-18");
    ce["update_notice"] = json!("Document chargé sur le site source le 18/11/2026");
    let corpus = write_corpus(dir.path(), "corpus.jsonl", &[cc, ce]);
    let text = notice(&corpus, &references(dir.path()), &[]);
    assert!(
        text.contains("Il a relevé 1 manquement, concernant l'ensemble de la base."),
        "{text}"
    );
    assert!(text.contains("\n\nEn tant qu'il concerne des décisions issues de l'open data de la Cour de cassation, ce manquement peut justifier une interruption temporaire de la mise à disposition des données jusqu'à sa résolution (CGU de la Cour de cassation, art. XII) ; en tant qu'il concerne d'autres décisions, ses conséquences sont celles que prévoient les conditions de réutilisation applicables à celles-ci (voir la section 3, « Conséquences »).\n\n"), "{text}");
    assert!(!text.contains("Ceux de ces manquements"), "{text}");
}

// No record matched: « aucun », not « 0 rapproché ». A blank url gives no empty parentheses.
// The corpus named by an absolute path is named by its base name only.
#[test]
fn none_matched_a_blank_url_and_an_absolute_path() {
    let dir = tempfile::tempdir().unwrap();
    let mut r = cc_record("r-1");
    r["source_id"] = json!("inconnu");
    r["url"] = json!("  ");
    let corpus = write_corpus(dir.path(), "corpus.jsonl", &[r]);
    assert!(corpus.is_absolute());
    let text = notice(&corpus, &references(dir.path()), &[]);
    assert!(
        text.contains(
            "a porté sur 1 enregistrement (aucun rapproché d'une décision de la source officielle)"
        ),
        "{text}"
    );
    assert!(
        text.contains("    - enregistrement « r-1 », corpus.jsonl ligne 1 — "),
        "{text}"
    );
    assert!(!text.contains("()"), "{text}");
    let parent = dir.path().to_str().unwrap();
    assert!(!text.contains(parent), "{text}");
}

// A record loaded at 9 o'clock in Paris, before a correction at 11: « à 9 h 00 ».
#[test]
fn hours_have_no_leading_zero() {
    let dir = tempfile::tempdir().unwrap();
    let refs = dir.path().join("reference");
    std::fs::create_dir_all(&refs).unwrap();
    let mut detail: Value = serde_json::from_slice(&std::fs::read(cc_detail()).unwrap()).unwrap();
    detail["update_datetime"] = json!("2026-11-21T10:00:00Z");
    detail["update_date"] = json!("2026-11-21");
    std::fs::write(refs.join("cc.json"), detail.to_string()).unwrap();
    let mut r = cc_record("r-1");
    r["text"] = json!(cc_text().replacen("Rejet", "Rejett", 1));
    r["updated_at"] = json!("2026-11-21T08:00:00Z");
    let corpus = write_corpus(dir.path(), "corpus.jsonl", &[r]);
    let text = notice(&corpus, &refs, &[]);
    assert!(text.contains("décision mise à jour à la source le 21 novembre 2026 à 11 h 00 (heure de Paris), après le dernier chargement de l'enregistrement, le 21 novembre 2026 à 9 h 00 (heure de Paris)"), "{text}");
    assert!(!text.contains(" 09 h"), "{text}");
}

// Every finding accepted at review: the verdict sets them aside itself, and no sentence then
// says that the audit found what it has just said it did not.
#[test]
fn all_findings_accepted_no_contradiction() {
    let dir = tempfile::tempdir().unwrap();
    let mut r = cc_record("r-1");
    r.as_object_mut().unwrap().remove("attribution");
    r["seat"] = json!("Lyon");
    let corpus = write_corpus(dir.path(), "corpus.jsonl", &[r]);
    let refs = references(dir.path());
    let json: Value = serde_json::from_str(&report_of(&corpus, &refs, "json", &[])).unwrap();
    let findings = json["findings"].as_array().unwrap();
    assert_eq!(findings.len(), 2, "{json}");
    let waivers: serde_json::Map<String, Value> = findings
        .iter()
        .map(|f| {
            (
                f["fingerprint"].as_str().unwrap().to_string(),
                json!({"status": "accepted", "note": "vu"}),
            )
        })
        .collect();
    let path = dir.path().join("waivers.json");
    std::fs::write(&path, Value::Object(waivers).to_string()).unwrap();
    let text = notice(&corpus, &refs, &["--waivers", path.to_str().unwrap()]);
    assert!(text.contains("a porté sur 1 enregistrement (1 rapproché d'une décision de la source officielle). Il n'a relevé, en dehors de 2 constats acceptés lors de la revue de l'audit, aucun manquement aux conditions générales d'utilisation susceptible de justifier une interruption de la mise à disposition des données."), "{text}");
    assert!(!text.contains("ne sont pas repris"), "{text}");
    assert!(
        !text.contains("2 constats acceptés lors de la revue de l'audit ne"),
        "{text}"
    );
}

// A record's url is an autolink, `<https://…>`: no backslash escape inside it (which
// renderers that link bare URLs would put in the address), and what an autolink cannot hold
// percent-encoded; `)`, `]`, `*`, `_` and a backtick, inside it, open nothing.
#[test]
fn urls_are_autolinks_to_the_address_itself() {
    let dir = tempfile::tempdir().unwrap();
    let mut plain = cc_record("r-1");
    plain["url"] = json!("https://www.exemple.fr/decisions/cass_2023_10");
    plain.as_object_mut().unwrap().remove("attribution");
    let mut hostile = cc_record("r-2");
    hostile["url"] = json!("https://x.fr/a)b](javascript:alert(1))*c*_d_`e`<img src=x>f g");
    hostile.as_object_mut().unwrap().remove("attribution");
    let corpus = write_corpus(dir.path(), "corpus.jsonl", &[plain, hostile]);
    let text = notice(&corpus, &references(dir.path()), &[]);
    assert!(
        text.contains("    - enregistrement « r-1 » (<https://www.exemple.fr/decisions/cass_2023_10>), corpus.jsonl ligne 1 — "),
        "{text}"
    );
    assert!(
        text.contains("    - enregistrement « r-2 » (<https://x.fr/a)b](javascript:alert(1))*c*_d_`e`%3Cimg%20src=x%3Ef%20g>), corpus.jsonl ligne 2 — "),
        "{text}"
    );
    assert!(!text.contains("cass\\_"), "{text}");
    assert!(!text.contains("<img"), "{text}");
}

// `--policy` changing the penalty of rules the letter lists, and a finding marked `reviewed`,
// are said to the signatory in notes to remove before sending; an override of a rule that found
// nothing, or of a severity only, is not.
#[test]
fn policy_overrides_and_reviewed_findings_are_said_to_the_signatory() {
    let dir = tempfile::tempdir().unwrap();
    let mut r1 = cc_record("r-1");
    r1.as_object_mut().unwrap().remove("attribution");
    let mut r2 = cc_record("r-2");
    r2.as_object_mut().unwrap().remove("updated_at");
    let corpus = write_corpus(dir.path(), "corpus.jsonl", &[r1, r2]);
    let refs = references(dir.path());
    let policy = dir.path().join("policy.toml");
    std::fs::write(
        &policy,
        "[rules.ATT001]\npenalty = \"permanent\"\n\n[rules.FRE001]\npenalty = \"none\"\n\n\
         [rules.PRF002]\npenalty = \"temporary\"\n\n[rules.INT005]\nseverity = \"low\"\n",
    )
    .unwrap();
    let json: Value = serde_json::from_str(&report_of(&corpus, &refs, "json", &[])).unwrap();
    let fre001: Vec<&Value> = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "FRE001")
        .collect();
    assert_eq!(fre001.len(), 1, "{json}");
    let waivers = dir.path().join("waivers.json");
    std::fs::write(
        &waivers,
        json!({fre001[0]["fingerprint"].as_str().unwrap(): {"status": "reviewed", "note": "vérifié"}})
            .to_string(),
    )
    .unwrap();
    let text = notice(
        &corpus,
        &refs,
        &[
            "--policy",
            policy.to_str().unwrap(),
            "--waivers",
            waivers.to_str().unwrap(),
        ],
    );
    assert!(text.contains("\n\n[Note pour le signataire, à retirer avant l'envoi : la politique d'audit appliquée (`--policy`) classe les constats de la règle ATT001 (source des données non mentionnée) en pénalité définitive au lieu de la pénalité temporaire, et ceux de la règle FRE001 (date de la dernière mise à jour non mentionnée, illisible ou postérieure à l'audit) sans pénalité au lieu de la pénalité temporaire ; ces classements, qui ne sont pas ceux des règles, sont à justifier.]\n\n[Note pour le signataire, à retirer avant l'envoi : le constat marqué comme examiné (« reviewed ») lors de la revue de l'audit est maintenu dans la présente.]\n\n"), "{text}");
    assert!(
        !text.contains("PRF002") && !text.contains("INT005"),
        "{text}"
    );
    // One override: in the singular.
    std::fs::write(&policy, "[rules.ATT001]\npenalty = \"permanent\"\n").unwrap();
    let text = notice(&corpus, &refs, &["--policy", policy.to_str().unwrap()]);
    assert!(text.contains("classe les constats de la règle ATT001 (source des données non mentionnée) en pénalité définitive au lieu de la pénalité temporaire ; ce classement, qui n'est pas celui de la règle, est à justifier.]\n\n"), "{text}");
    assert!(!text.contains("reviewed"), "{text}");
    // Without them, no note.
    let text = notice(&corpus, &refs, &[]);
    assert!(!text.contains("Note pour le signataire"), "{text}");
}
