//! Values read whole: what vigie recognises in a value does not hide the rest of it.
//! - An identification field that holds the reference's identification and a word that is part
//!   of no identification (`Chambre sociale xxxxx`, `Paris xxxx`, `2023-10-04 xxxx`) is altered:
//!   INT006 (CC V, CE V: « L'interdiction d'altérer les données »), while the longer spellings
//!   sources and publishers use (`Cour de cassation, civile, Chambre sociale`, `mercredi 4
//!   octobre 2023`, `Pourvoi n° A 22-12.922`) still pass.
//! - A field for magistrates that opens with a name is PRF001 whatever follows it.
//! - Personal data the source left in clear, masked by the record, is MSK003 whatever the
//!   marker (`[X]` as much as `***`) and however long the data.
//!
//! The records are the demo's copies of real decisions (assets/demo, from tests/data): the
//! faithful record of the Cour de cassation's decision 22-12.922 (jp-00000002, chambre sociale,
//! 4 October 2023, DILA JURITEXT000048176096) and that of the tribunal administratif de
//! Cergy-Pontoise's order 2520143 (jp-00000015, 5 December 2025).

mod support;
use support::data::demo_records;

use serde_json::{Value, json};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use support::audit::{record_id, run_audit};
use vigie::audit::AuditOptions;
use vigie::model::bound::MAX_CHARS;
use vigie::model::{Finding, Origin};
use vigie::rules::Rule;
use vigie::source::xml::parse_xml;

fn manifest() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Audits `records` against `reference`, the findings of each record by id.
fn audit(records: &[Value], reference: &Path) -> BTreeMap<String, Vec<Finding>> {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus.jsonl");
    let lines: Vec<String> = records.iter().map(Value::to_string).collect();
    std::fs::write(&corpus, lines.join("\n") + "\n").unwrap();
    let outcome = run_audit(&AuditOptions {
        corpus: vec![corpus],
        reference: vec![reference.to_path_buf()],
        as_of: Some("2026-11-22T12:00:00Z".parse().unwrap()),
        ..Default::default()
    });
    let mut out: BTreeMap<String, Vec<Finding>> = BTreeMap::new();
    for f in outcome.report.findings {
        out.entry(record_id(&f)).or_default().push(f);
    }
    out
}

/// The demo's record `base` under id `id`, with `field` set to `value`.
fn variant(
    demo: &BTreeMap<String, Value>,
    base: &str,
    id: &str,
    field: &str,
    value: &str,
) -> Value {
    let mut r = demo[base].clone();
    r["id"] = json!(id);
    r[field] = json!(value);
    r
}

fn rules(findings: Option<&Vec<Finding>>) -> Vec<Rule> {
    findings
        .map(|fs| fs.iter().map(|f| f.rule).collect())
        .unwrap_or_default()
}

/// A variant of a demo record: (base record, field, value, what the reference shows, the word
/// part of no identification).
type Altered<'a> = (&'a str, &'a str, &'a str, &'a str, &'a str);

/// Audits `altered` and `kept` variants of the demo's records (base record, field, value),
/// `more` records and the base records as the demo has them, against the demo's reference:
/// each altered variant raises one finding more than its base, INT006 on its field, quoting the
/// value and what the reference shows and naming the word; each kept one what its base raises.
/// Returns the findings by id, for the rest.
fn audit_variants(
    altered: &[Altered],
    kept: &[(&str, &str, &str)],
    more: Vec<Value>,
) -> BTreeMap<String, Vec<Finding>> {
    let demo = demo_records();
    let mut records = Vec::new();
    for (i, (base, field, value, ..)) in altered.iter().enumerate() {
        records.push(variant(&demo, base, &format!("altered-{i}"), field, value));
    }
    for (i, (base, field, value)) in kept.iter().enumerate() {
        records.push(variant(&demo, base, &format!("kept-{i}"), field, value));
    }
    records.extend(more);
    let bases: std::collections::BTreeSet<&str> = altered
        .iter()
        .map(|a| a.0)
        .chain(kept.iter().map(|k| k.0))
        .collect();
    records.extend(bases.iter().map(|b| demo[*b].clone()));
    let found = audit(&records, &manifest().join("assets/demo/reference"));
    for (i, (base, field, value, shown, word)) in altered.iter().enumerate() {
        let id = format!("altered-{i}");
        let base_rules = rules(found.get(*base));
        let got: Vec<&Finding> = found[&id]
            .iter()
            .filter(|f| !base_rules.contains(&f.rule))
            .collect();
        assert_eq!(got.len(), 1, "{field} {value:?}: {got:?}");
        let f = got[0];
        assert_eq!(f.rule, Rule::INT006, "{field} {value:?}");
        assert_eq!(f.evidence.as_ref().unwrap().field.to_string(), *field);
        let message = f.message.to_string();
        assert!(
            message.starts_with(&format!(
                "{field} «{value}» contradicts the reference ({shown})"
            )),
            "{message}"
        );
        assert!(
            message.contains(&format!("«{word}»")) && message.contains("part of no identification"),
            "{message}"
        );
    }
    for (i, (base, field, value)) in kept.iter().enumerate() {
        assert_eq!(
            rules(found.get(&format!("kept-{i}"))),
            rules(found.get(*base)),
            "{field} {value:?}"
        );
    }
    found
}

#[test]
fn an_identification_with_words_of_no_identification_is_altered() {
    // (base record, field, value, what the reference shows, the word part of no identification)
    let altered = [
        (
            "jp-00000002",
            "formation",
            "Chambre xxxxx",
            "Chambre sociale - Formation restreinte",
            "xxxxx",
        ),
        (
            "jp-00000002",
            "formation",
            "Chambre sociale xxxxx",
            "Chambre sociale - Formation restreinte",
            "xxxxx",
        ),
        (
            "jp-00000002",
            "formation",
            "Formation restreinte, chambre sociale - lien sponsorisé",
            "Chambre sociale - Formation restreinte",
            "lien",
        ),
        ("jp-00000002", "seat", "Paris xxxx", "Paris", "xxxx"),
        // An address is no seat (the court's building is: kept below).
        (
            "jp-00000002",
            "seat",
            "Quai de l'Horloge, Paris",
            "Paris",
            "Horloge",
        ),
        (
            "jp-00000002",
            "decision_date",
            "2023-10-04 xxxx",
            "2023-10-04",
            "xxxx",
        ),
        (
            "jp-00000002",
            "decision_date",
            "4 octobre 2023 lorem",
            "2023-10-04",
            "lorem",
        ),
        (
            "jp-00000002",
            "number",
            "22-12.922 xxxx",
            "22-12922",
            "xxxx",
        ),
        (
            "jp-00000002",
            "jurisdiction",
            "Cour de cassation xxxx",
            "Cour de cassation",
            "xxxx",
        ),
        (
            "jp-00000002",
            "jurisdiction",
            "Cass. xxxx",
            "Cour de cassation",
            "xxxx",
        ),
        (
            "jp-00000015",
            "seat",
            "Cergy-Pontoise xxxx",
            "Cergy-Pontoise",
            "xxxx",
        ),
        (
            "jp-00000015",
            "jurisdiction",
            "Tribunal administratif de Cergy-Pontoise xxxx",
            "Tribunal Administratif de Cergy-Pontoise",
            "xxxx",
        ),
        (
            "jp-00000015",
            "decision_date",
            "05/12/2025 xxxx",
            "2025-12-05",
            "xxxx",
        ),
        (
            "jp-00000015",
            "number",
            "n° 2520143 xxxx",
            "2520143",
            "xxxx",
        ),
    ];
    // Longer spellings of the same identification, as sources and publishers write them.
    let kept = [
        (
            "jp-00000002",
            "formation",
            "Cour de cassation, civile, Chambre sociale",
        ),
        (
            "jp-00000002",
            "formation",
            "Chambre sociale - Formation restreinte",
        ),
        ("jp-00000002", "formation", "Soc., F-B"),
        ("jp-00000002", "formation", "SOC. - Arrêt n° 986 F-B"),
        ("jp-00000002", "seat", "Cour de cassation, Paris"),
        ("jp-00000002", "seat", "Paris (France)"),
        // The court's building, named for its city.
        ("jp-00000002", "seat", "Palais de justice de Paris"),
        ("jp-00000002", "seat", "Palais de Justice, Paris"),
        ("jp-00000002", "decision_date", "4 octobre 2023"),
        ("jp-00000002", "decision_date", "mercredi 4 octobre 2023"),
        ("jp-00000002", "decision_date", "2023-10-04T00:00:00Z"),
        (
            "jp-00000002",
            "decision_date",
            "Audience publique du 4 octobre 2023",
        ),
        ("jp-00000002", "number", "Pourvoi n° A 22-12.922"),
        ("jp-00000002", "number", "n° 22-12.922 du 4 octobre 2023"),
        (
            "jp-00000002",
            "jurisdiction",
            "Cour de cassation, chambre sociale",
        ),
        (
            "jp-00000015",
            "jurisdiction",
            "Tribunal administratif de Cergy-Pontoise",
        ),
        ("jp-00000015", "jurisdiction", "TA Cergy-Pontoise"),
        ("jp-00000015", "seat", "Cergy-Pontoise (Val-d'Oise)"),
        ("jp-00000015", "decision_date", "5 décembre 2025"),
        ("jp-00000015", "number", "req. n° 2520143"),
    ];
    // The records as the demo has them: jp-00000002 raises nothing, jp-00000015 only FRE005
    // (its update notice says « Mis à jour »).
    let found = audit_variants(&altered, &kept, Vec::new());
    assert_eq!(rules(found.get("jp-00000002")), []);
    assert_eq!(rules(found.get("jp-00000015")), [Rule::FRE005]);
}

/// A value vigie cannot read at all (a date written its own way, a court abbreviated so) that
/// holds a word of no identification is not the reference's identification either: INT006
/// naming the word, where it raised nothing. Without that word it still raises nothing, and a
/// value that identifies nothing is still INT005. HTML entities are read as the letters they
/// stand for by the comparison too: `Troisi&egrave;me chambre civile` is the chambre civile 3's
/// name, `Deuxi&egrave;me chambre civile` another chamber's. The records are the demo's
/// faithful copies of 22-12.922 (jp-00000002, chambre sociale, 4 October 2023), of 21-24.231
/// (jp-00000036, troisième chambre civile, 26 October 2023) and of the order 2520143 of the
/// tribunal administratif de Cergy-Pontoise (jp-00000015, 5 December 2025).
#[test]
fn an_unreadable_identification_with_words_of_no_identification_is_altered() {
    // (base record, field, value, what the reference shows, the word part of no identification)
    let altered = [
        (
            "jp-00000002",
            "decision_date",
            "04-OCT-23 xxxx",
            "2023-10-04",
            "xxxx",
        ),
        (
            "jp-00000002",
            "decision_date",
            "octobre 2023 lorem",
            "2023-10-04",
            "lorem",
        ),
        (
            "jp-00000002",
            "jurisdiction",
            "Cour de cass. xxxx",
            "Cour de cassation",
            "xxxx",
        ),
        (
            "jp-00000015",
            "decision_date",
            "05-DEC-25 xxxx",
            "2025-12-05",
            "xxxx",
        ),
    ];
    let kept = [
        ("jp-00000002", "decision_date", "04-OCT-23"),
        // A date in words is read.
        (
            "jp-00000002",
            "decision_date",
            "le quatre octobre deux mille vingt-trois",
        ),
        ("jp-00000002", "jurisdiction", "Cour de cass."),
        ("jp-00000015", "decision_date", "05-DEC-25"),
        (
            "jp-00000036",
            "formation",
            "Troisi&egrave;me chambre civile",
        ),
    ];
    let demo = demo_records();
    let more = vec![
        variant(
            &demo,
            "jp-00000036",
            "other-chamber",
            "formation",
            "Deuxi&egrave;me chambre civile",
        ),
        variant(
            &demo,
            "jp-00000002",
            "no-date",
            "decision_date",
            "hier xxxx",
        ),
    ];
    let found = audit_variants(&altered, &kept, more);
    assert_eq!(rules(found.get("jp-00000002")), []);
    assert_eq!(rules(found.get("jp-00000036")), []);
    assert_eq!(rules(found.get("jp-00000015")), [Rule::FRE005]);
    let other = &found["other-chamber"];
    assert_eq!(rules(Some(other)), [Rule::INT006]);
    assert!(
        other[0].message.starts_with(
            "formation «Deuxi&egrave;me chambre civile» contradicts the reference (Chambre civile 3"
        ),
        "{}",
        other[0].message
    );
    let no_date = &found["no-date"];
    assert_eq!(rules(Some(no_date)), [Rule::INT005]);
}

#[test]
fn a_500_kb_identification_is_read_whole_and_reported_within_the_bound() {
    let demo = demo_records();
    let reference = manifest().join("assets/demo/reference");
    let tail = "lorem ipsum dolor sit amet ".repeat(20_000);
    let records = [
        variant(
            &demo,
            "jp-00000002",
            "formation",
            "formation",
            &format!("Chambre sociale {tail}"),
        ),
        variant(
            &demo,
            "jp-00000002",
            "seat",
            "seat",
            &format!("Paris {tail}"),
        ),
    ];
    let found = audit(&records, &reference);
    for id in ["formation", "seat"] {
        let fs = &found[id];
        assert_eq!(rules(Some(fs)), [Rule::INT006], "{id}");
        let message = fs[0].message.to_string();
        assert!(
            message.chars().count() <= MAX_CHARS,
            "{id}: {}",
            message.len()
        );
        // Four words quoted, and how many more there are: 100,000 in all.
        assert!(
            message.ends_with(
                "«lorem», «ipsum», «dolor», «sit» and 99996 more are part of no identification"
            ),
            "{message}"
        );
    }
}

#[test]
fn a_field_for_magistrates_that_opens_with_a_name_is_prf001_whatever_follows() {
    let demo = demo_records();
    let reference = manifest().join("assets/demo/reference");
    let words = "lorem ipsum dolor sit amet ".repeat(18_600);
    let with = |id: &str, key: &str, value: String| {
        let mut r = demo["jp-00000002"].clone();
        r["id"] = json!(id);
        r[key] = json!(value);
        r
    };
    let records = [
        // The president of the decision (M. Huglo, conseiller doyen faisant fonction de
        // président), then 500 KB.
        with("short", "president", "M. Huglo".into()),
        with("words", "president", format!("M. Huglo {words}")),
        with(
            "glued",
            "president",
            format!("M. Huglo {}", "x".repeat(500_000)),
        ),
        with(
            "greffier",
            "greffier",
            format!("Mme Jouanneau, greffier {words}"),
        ),
        // An office and a court, however long, name nobody.
        with(
            "office",
            "president",
            format!("Président de chambre {words}"),
        ),
    ];
    let found = audit(&records, &reference);
    for id in ["short", "words", "glued", "greffier"] {
        let fs = &found[id];
        assert_eq!(rules(Some(fs)), [Rule::PRF001], "{id}");
        let message = fs[0].message.to_string();
        assert!(message.chars().count() <= MAX_CHARS);
        let excerpt = fs[0].evidence.as_ref().unwrap().excerpt.clone().unwrap();
        assert!(excerpt.chars().count() <= MAX_CHARS, "{id}");
        assert!(
            excerpt.starts_with("M. Huglo") || excerpt.starts_with("Mme Jouanneau"),
            "{id}"
        );
    }
    assert_eq!(rules(found.get("office")), []);
}

/// A copy of DILA JURITEXT000048176096 under `id`, with a sentence giving `mail`, in `dir`;
/// returns the record of jp-00000002 with the same sentence, `mail` written as `shown`.
fn with_mail(dir: &Path, id: &str, mail: &str) -> impl Fn(&str, &str) -> Value {
    let anchor = "Le dossier a été communiqué au procureur général.";
    let xml =
        std::fs::read_to_string(manifest().join("tests/data/dila-cass/JURITEXT000048176096.xml"))
            .unwrap()
            .replace("JURITEXT000048176096", id);
    assert!(xml.contains(anchor));
    let sentence = |m: &str| format!("Écrire à {m} pour tout renseignement.");
    let xml = xml.replace(anchor, &format!("{anchor}<br/>{}<br/>", sentence(mail)));
    let file = format!("{id}.xml");
    std::fs::write(dir.join(&file), &xml).unwrap();
    let text = parse_xml(xml.as_bytes(), Origin { file, line: 0 })
        .unwrap()
        .text;
    assert!(text.contains(&sentence(mail)));
    let demo = demo_records();
    let base = demo["jp-00000002"].clone();
    let id = id.to_string();
    move |record_id: &str, shown: &str| {
        let mut r = base.clone();
        let t = r["text"].as_str().unwrap().to_string();
        assert!(t.contains(anchor));
        r["id"] = json!(record_id);
        r["source_id"] = json!(id);
        r["text"] = json!(t.replacen(anchor, &format!("{anchor}\n{}", sentence(shown)), 1));
        r
    }
}

#[test]
fn an_e_mail_address_masked_by_the_record_is_msk003_whatever_the_marker_and_its_length() {
    let dir = tempfile::tempdir().unwrap();
    let long = format!("{}@exemple.fr", "b".repeat(500_000));
    let mut records = Vec::new();
    for (id, mail) in [
        ("JURITEXT000099000011", "jean.martin@exemple.fr".to_string()),
        ("JURITEXT000099000012", long),
    ] {
        let record = with_mail(dir.path(), id, &mail);
        records.push(record(&format!("{id}-clear"), &mail));
        for marker in ["[X]", "***", "[Courriel 1]", "[…]", "X..."] {
            records.push(record(&format!("{id}-{marker}"), marker));
        }
    }
    let found = audit(&records, dir.path());
    for id in ["JURITEXT000099000011", "JURITEXT000099000012"] {
        // In clear, the record shows what the source shows: MSK005, a defect of the source.
        let clear = &found[&format!("{id}-clear")];
        assert_eq!(rules(Some(clear)), [Rule::MSK005], "{id}");
        for marker in ["[X]", "***", "[Courriel 1]", "[…]", "X..."] {
            let fs = &found[&format!("{id}-{marker}")];
            assert_eq!(rules(Some(fs)), [Rule::MSK003], "{id} {marker}");
            assert!(
                fs[0].message.contains("a direct identifier"),
                "{id} {marker}: {}",
                fs[0].message
            );
            assert!(fs[0].message.chars().count() <= MAX_CHARS);
        }
    }
}
