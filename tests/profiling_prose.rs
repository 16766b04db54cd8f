//! The profiling rules end to end on the real DILA decision JURITEXT000048176061 (chambre
//! criminelle, 3 October 2023), whose text names « M. Bonnal, président », « Mme Thomas,
//! conseiller rapporteur », « M. Lemoine, avocat général », « Mme Dang Van Sung, greffier de
//! chambre » and the firm « SARL Boré, Salve de Bruneton et Mégret »: the reuser's words
//! about them, as the JSON report gives them (rule, penalty, message, redacted excerpt).

use serde_json::{Value, json};
use std::sync::LazyLock;
use vigie::model::Origin;
use vigie::source::xml::parse_xml;

mod support;
use support::binary::report_of;
use support::data::data;

const REFERENCE: &str = "dila-cass/JURITEXT000048176061.xml";

/// The decision's text as vigie reads it: a record that gives it is faithful.
static TEXT: LazyLock<String> = LazyLock::new(|| {
    let bytes = std::fs::read(data(REFERENCE)).unwrap();
    let origin = Origin {
        file: REFERENCE.to_string(),
        line: 0,
    };
    parse_xml(&bytes, origin).unwrap().text
});

/// A faithful record of the decision with `field` set to `value`.
fn record(id: &str, field: &str, value: Value) -> Value {
    let mut r = json!({
        "id": id,
        "source_id": "JURITEXT000048176061",
        "text": *TEXT,
        "url": format!("https://example.test/d/{id}"),
        "jurisdiction": "Cour de cassation",
        "formation": "Chambre criminelle",
        "seat": "Paris",
        "decision_date": "2023-10-03",
        "number": "23-80.251",
        "attribution": "Source : Légifrance (DILA)",
        "updated_at": "2026-11-21T08:00:00Z",
        "update_notice": "Document chargé sur le site source le 21/11/2026"
    });
    r[field] = value;
    r
}

/// Each finding of an audit of `records` against the decision: record id, rule, penalty,
/// message and excerpt as exported (personal data redacted).
fn findings(records: &[Value]) -> Vec<(String, String, String, String, String)> {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus.jsonl");
    let lines: Vec<String> = records.iter().map(Value::to_string).collect();
    std::fs::write(&corpus, lines.join("\n") + "\n").unwrap();
    let reference = data(REFERENCE);
    let report: Value = serde_json::from_str(&report_of(&corpus, &reference, "json", &[])).unwrap();
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let s = |v: &Value| v.as_str().unwrap_or_default().to_string();
            (
                s(&f["record"]["id"]),
                s(&f["rule"]),
                s(&f["penalty"]),
                s(&f["message"]),
                s(&f["evidence"]["excerpt"]),
            )
        })
        .collect()
}

const ANALYTICS: &str =
    "pairs a magistrate's or clerk's identity with figures or judgements about their practice";

/// Figures or judgements about the president, in a note or a commentary, whether he is named
/// by his title without a civility or with one: PRF002, critical and permanent, never the
/// temporary PRF001 of a field indexing the court. The excerpt redacts his name only.
#[test]
fn figures_about_a_magistrate_in_the_reusers_words_are_prf002() {
    let cases = [
        (
            "analyse",
            "Statistiques du magistrat Bonnal : 45 arrêts, 30 cassations.",
            "Statistiques du magistrat B••••• : 45 arrêts, 30 cassations.",
        ),
        (
            "analyse",
            "Le juge Bonnal rejette 9 pourvois sur 10.",
            "Le juge B••••• rejette 9 pourvois sur 10.",
        ),
        (
            "analyse",
            "Sévérité du président Bonnal : très élevée (note 9/10).",
            "Sévérité du président B••••• : très élevée (note 9/10).",
        ),
        (
            "commentary",
            "M. Bonnal casse 78 % des ordonnances qui lui sont soumises.",
            "M. B••••• casse 78 % des ordonnances qui lui sont soumises.",
        ),
        (
            "commentary",
            "Le président Bonnal : taux de cassation 78 %.",
            "Le président B••••• : taux de cassation 78 %.",
        ),
        (
            "commentary",
            "Notre IA prédit que M. Bonnal cassera la décision avec une probabilité de 0,81.",
            "Notre IA prédit que M. B••••• cassera la décision avec une probabilité de 0,81.",
        ),
        (
            "commentary",
            "M. Bonnal : 45 arrêts, 30 cassations.",
            "M. B••••• : 45 arrêts, 30 cassations.",
        ),
        (
            "commentary",
            "M. Bonnal est le président le plus sévère de la chambre criminelle.",
            "M. B••••• est le président le plus sévère de la chambre criminelle.",
        ),
        (
            "commentary",
            "Taux de cassation de M. Bonnal : 78 %.",
            "Taux de cassation de M. B••••• : 78 %.",
        ),
    ];
    let records: Vec<Value> = cases
        .iter()
        .enumerate()
        .map(|(k, (field, text, _))| record(&format!("p{k}"), field, json!(text)))
        .collect();
    let got = findings(&records);
    let want: Vec<_> = cases
        .iter()
        .enumerate()
        .map(|(k, (field, _, excerpt))| {
            (
                format!("p{k}"),
                "PRF002".to_string(),
                "permanent".to_string(),
                format!("field `{field}` {ANALYTICS}"),
                excerpt.to_string(),
            )
        })
        .collect();
    assert_eq!(got, want);
}

/// Nothing about anybody's practice: the bench named without figures in a commentary, a
/// chamber's rate, a lawyer's success rate, a chance as damages, a sentence's severity.
#[test]
fn the_bench_named_without_figures_about_their_practice_is_no_profiling() {
    let records = [
        "Arrêt rendu sous la présidence de M. Bonnal, sur le rapport de Mme Thomas.",
        "Le président Bonnal a joint les pourvois.",
        "La chambre criminelle casse 78 % des ordonnances qui lui sont soumises.",
        "Me Spinosi gagne 60 % de ses dossiers devant la chambre criminelle.",
        "M. Bonnal, président, a retenu une perte de chance de 30 %.",
        "M. Bonnal, président, a prononcé la peine la plus sévère.",
        "Comme l'avait prédit la doctrine, la chambre présidée par M. Bonnal casse.",
    ]
    .iter()
    .enumerate()
    .map(|(k, text)| record(&format!("n{k}"), "commentary", json!(text)))
    .collect::<Vec<_>>();
    assert_eq!(findings(&records), vec![]);
}

/// A field listing people of the case indexes them (PRF001), and its message says who they
/// are: the avocat général is the parquet, not the bench; the clerk is the court's clerk. The
/// firm that argued the case stays in clear in the excerpt.
#[test]
fn a_field_naming_people_of_the_case_says_which_side_they_are_on() {
    let records = [
        record(
            "g1",
            "entities",
            json!(["M. Lemoine", "SARL Boré, Salve de Bruneton et Mégret"]),
        ),
        record("g2", "signataires", json!("Mme Dang Van Sung")),
        record("g3", "entities", json!(["M. Bonnal", "M. Lemoine"])),
    ];
    let indexed = "carries the identity of magistrates or clerks as indexable metadata: it names";
    let bench = "a member of the court that decided the case";
    let parquet =
        "a magistrate of the parquet in the case (avocat général, procureur), not a judge of it";
    let row = |id: &str, field: &str, who: &str, excerpt: &str| {
        (
            id.to_string(),
            "PRF001".to_string(),
            "temporary".to_string(),
            format!("field `{field}` {indexed} {who}"),
            excerpt.to_string(),
        )
    };
    assert_eq!(
        findings(&records),
        vec![
            row(
                "g1",
                "entities",
                parquet,
                r#"["M. L••••••","SARL Boré, Salve de Bruneton et Mégret"]"#,
            ),
            row(
                "g2",
                "signataires",
                "a clerk of the court that decided the case",
                "Mme D••• V•• S•••",
            ),
            row(
                "g3",
                "entities",
                &format!("{bench} and {parquet}"),
                r#"["M. B•••••","M. L••••••"]"#,
            ),
        ]
    );
}
