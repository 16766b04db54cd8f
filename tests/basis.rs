//! A finding cites the articles that apply to its own decision: its rule's basis narrowed to the
//! conditions of the producer of the record's reference decision (SPEC §1.1), in every export.
//!
//! On the demo (assets/demo: 56 records matching decisions of the Cour de cassation as Légifrance
//! diffuses them, DILA CASS XML, and one matching the administrative decision ORTA_2520143); the
//! expected bases are worked out by hand from the registry (SPEC §2) and from the file each
//! record's `source_id` names in assets/demo/reference:
//! Légifrance (DILA) cites `DILA` and `COJ …`, the Conseil d'État's open data `CE …` and `CJA …`,
//! Judilibre `CC …` and `COJ …`; `CRPA …` and `code pénal …` apply to all; the whole basis when
//! none of it applies or the producer is not known.

use serde_json::{Value, json};
use std::path::{Path, PathBuf};
use vigie::audit::AuditOptions;
use vigie::model::{Finding, Producer};
mod support;
use support::audit::{demo_report, run_audit};
use support::rendered::render;
use vigie::report::{Format, Report};
use vigie::rules::Rule;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn run(corpus: PathBuf, reference: Vec<PathBuf>, history: Vec<PathBuf>) -> Report {
    let opts = AuditOptions {
        corpus: vec![corpus],
        reference,
        history,
        as_of: Some("2026-11-22T12:00:00Z".parse().unwrap()),
        ..Default::default()
    };
    run_audit(&opts).report
}

/// The finding of `rule` on the record `id` (`None`: the corpus-level finding) in a JSON report.
fn finding<'a>(v: &'a Value, rule: &str, id: Option<&str>) -> &'a Value {
    v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| {
            f["rule"] == rule
                && match id {
                    Some(id) => f["record"]["id"] == id,
                    None => f["record"].is_null(),
                }
        })
        .unwrap_or_else(|| panic!("no {rule} on {id:?}"))
}

#[test]
fn demo_findings_cite_the_conditions_of_their_decisions() {
    let r = demo_report();
    assert_eq!(
        r.audit.producers,
        vec![(Producer::Legifrance, 56), (Producer::ConseilEtat, 1)]
    );
    let v: Value = serde_json::from_str(&render(&r, Format::Json)).unwrap();
    // (rule, record, its decision's producer, the basis cited).
    let cases: &[(&str, &str, Value, Value)] = &[
        // COJ L.111-13, CJA L.10, CC VII, CC X, CE X: on a Légifrance decision, the COJ only.
        (
            "MSK001",
            "jp-00000010",
            json!("legifrance"),
            json!(["COJ L.111-13"]),
        ),
        // CC V, CE V, DILA, CRPA L.322-1.
        (
            "INT001",
            "jp-00000043",
            json!("legifrance"),
            json!(["DILA", "CRPA L.322-1"]),
        ),
        (
            "ATT001",
            "jp-00000051",
            json!("legifrance"),
            json!(["DILA", "CRPA L.322-1"]),
        ),
        // CE V, DILA.
        (
            "INT003",
            "jp-00000001",
            json!("legifrance"),
            json!(["DILA"]),
        ),
        // CC V, CE V, CRPA L.322-1: general law alone applies.
        (
            "INT006",
            "jp-00000028",
            json!("legifrance"),
            json!(["CRPA L.322-1"]),
        ),
        // CC VI, CE VI, COJ L.111-13, code pénal 226-18.
        (
            "PRF002",
            "jp-00000031",
            json!("legifrance"),
            json!(["COJ L.111-13", "code pénal 226-18"]),
        ),
        // CC X, CE X, COJ R.111-13, CJA R.741-15.
        (
            "MSK002",
            "jp-00000025",
            json!("legifrance"),
            json!(["COJ R.111-13"]),
        ),
        // CE V, on the administrative decision.
        (
            "FRE005",
            "jp-00000015",
            json!("conseil_etat"),
            json!(["CE V"]),
        ),
        // Nothing of the basis applies to a Légifrance decision: the articles of Légifrance's
        // own conditions carrying the same obligation. INT004 (CE V): the DILA notice (« coupes
        // altérant le sens de l'acte ») and L. 322-1 of the CRPA; ATT002 (CC V, CE V): the
        // notice (« indiquer la source des données rediffusées ») and L. 322-1; FRE002 (CC V,
        // CC XII, CE V, CE XII): the notice (« la date de leur dernière mise à jour ») and
        // L. 322-1; MSK005 (CC VII, CC IX, CE VII): L. 111-13 of the COJ.
        (
            "INT004",
            "jp-00000009",
            json!("legifrance"),
            json!(["DILA", "CRPA L.322-1"]),
        ),
        (
            "ATT002",
            "jp-00000033",
            json!("legifrance"),
            json!(["DILA", "CRPA L.322-1"]),
        ),
        (
            "MSK005",
            "jp-00000053",
            json!("legifrance"),
            json!(["COJ L.111-13"]),
        ),
        (
            "FRE002",
            "jp-00000039",
            json!("legifrance"),
            json!(["DILA", "CRPA L.322-1"]),
        ),
        // The decision withdrawn at source is no longer in the reference: no producer known,
        // the whole basis.
        (
            "FRE004",
            "jp-00000012",
            Value::Null,
            json!(["CC IV", "CC V"]),
        ),
        // No reference decision, no basis.
        ("INT007", "jp-00000003", Value::Null, json!([])),
    ];
    for (rule, id, producer, basis) in cases {
        let f = finding(&v, rule, Some(id));
        assert_eq!(&f["record"]["producer"], producer, "{rule} {id}");
        assert_eq!(&f["basis"], basis, "{rule} {id}");
    }
    // The unreadable line matched nothing.
    let unreadable = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "IN001")
        .unwrap();
    assert!(unreadable["record"]["producer"].is_null());
    // FRE003 (CC V) is the corpus's. It fires on the 72 hours CC V recommends, and its message
    // says so: CC V is cited (SPEC §2), whoever the producers. Neither Légifrance's nor the
    // Conseil d'État's decisions come under the Cour de cassation's CGU, so beside it each
    // producer's own duty to keep its data up to date: CE V for the Conseil d'État's, the DILA
    // notice for Légifrance's.
    let fre003 = finding(&v, "FRE003", None);
    assert!(fre003["record"].is_null());
    assert!(
        fre003["message"]
            .as_str()
            .unwrap()
            .contains("that the Cour de cassation recommends for its decisions (CC V;"),
        "{fre003}"
    );
    assert_eq!(fre003["basis"], json!(["CC V", "CE V", "DILA"]));
    // No finding on a known producer's decision cites another producer's conditions.
    for f in v["findings"].as_array().unwrap() {
        let basis: Vec<&str> = f["basis"]
            .as_array()
            .unwrap()
            .iter()
            .map(|b| b.as_str().unwrap())
            .collect();
        // (FRE003's CC V, the corpus's, is no record's.)
        let foreign: &[&str] = match f["record"]["producer"].as_str() {
            Some("legifrance") => &["CC ", "CE ", "CJA "],
            Some("conseil_etat") => &["CC ", "DILA", "COJ "],
            _ => &[],
        };
        for b in &basis {
            assert!(
                !foreign.iter().any(|x| b.starts_with(x)),
                "{} {}: {b}",
                f["rule"],
                f["record"]["id"]
            );
        }
    }
    // A corpus-level finding cites what applies to any producer of the corpus: MSK002's CC X,
    // CE X, COJ R.111-13 and CJA R.741-15, on Légifrance and Conseil d'État decisions.
    let corpus_level = Finding::new(Rule::MSK002, None, "for the test");
    assert_eq!(
        r.basis(&corpus_level).iter().collect::<Vec<_>>(),
        ["CE X", "COJ R.111-13", "CJA R.741-15"]
    );

    // JSON Lines: the same finding objects.
    let jsonl = render(&r, Format::Jsonl);
    let msk001: Value = jsonl
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .find(|f| f["rule"] == "MSK001")
        .unwrap();
    assert_eq!(msk001["record"]["producer"], "legifrance");
    assert_eq!(msk001["basis"], json!(["COJ L.111-13"]));

    // CSV: the basis column, `; ` between entries.
    let csv = render(&r, Format::Csv);
    let mut rows = csv::Reader::from_reader(csv.as_bytes());
    let header = rows.headers().unwrap().clone();
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let (rule, record, basis) = (col("rule"), col("record_id"), col("basis"));
    let cells: Vec<(String, String, String)> = rows
        .records()
        .map(|row| {
            let row = row.unwrap();
            (
                row[rule].to_string(),
                row[record].to_string(),
                row[basis].to_string(),
            )
        })
        .collect();
    let cell = |r: &str, id: &str| -> &str {
        &cells
            .iter()
            .find(|(rule, record, _)| rule == r && record == id)
            .unwrap_or_else(|| panic!("no {r} on {id}"))
            .2
    };
    assert_eq!(cell("MSK001", "jp-00000010"), "COJ L.111-13");
    assert_eq!(cell("INT001", "jp-00000043"), "DILA; CRPA L.322-1");
    assert_eq!(cell("FRE005", "jp-00000015"), "CE V");
    assert_eq!(cell("INT004", "jp-00000009"), "DILA; CRPA L.322-1");
    assert_eq!(cell("FRE003", ""), "CC V; CE V; DILA");
    assert_eq!(cell("INT007", "jp-00000003"), "");
}

// A fingerprint is what README and `Finding::fingerprint` say: XXH3-64 over the rule, the
// record's id and the evidence's field and excerpts (the excerpts as found, before redaction),
// worked out here again from those parts. The producer is not among them: the record's producer
// taken away, every fingerprint stays. And two runs give the same report.
#[test]
fn fingerprints_do_not_depend_on_the_producer() {
    use std::hash::Hasher;
    let r = demo_report();
    let v: Value = serde_json::from_str(&render(&r, Format::Json)).unwrap();
    let recipe = |f: &Finding| -> String {
        let mut h = xxhash_rust::xxh3::Xxh3::new();
        h.write(f.rule.code().as_bytes());
        h.write_u8(0);
        match &f.record {
            Some(rec) => {
                h.write(rec.id.as_deref().unwrap().as_bytes());
                h.write_u8(0);
            }
            None => h.write_u8(1),
        }
        if let Some(e) = &f.evidence {
            h.write(e.field.as_bytes());
            h.write_u8(0);
            if e.excerpt.is_some() || e.reference_excerpt.is_some() {
                for x in [&e.excerpt, &e.reference_excerpt] {
                    match x {
                        Some(x) => {
                            h.write_u8(1);
                            h.write(x.as_bytes());
                            h.write_u8(0);
                        }
                        None => h.write_u8(2),
                    }
                }
            } else {
                // Without excerpts, the spans.
                for (a, b) in [e.span, e.reference_span].into_iter().flatten() {
                    h.write_u64(a as u64);
                    h.write_u64(b as u64);
                }
            }
        }
        format!("{:016x}", h.finish())
    };
    for (rule, id) in [
        ("FRE003", None),
        ("INT004", Some("jp-00000009")),
        ("MSK001", Some("jp-00000010")),
        ("FRE005", Some("jp-00000015")),
    ] {
        let f = r
            .findings
            .iter()
            .find(|f| {
                f.rule.code() == rule && f.record.as_ref().and_then(|r| r.id.as_deref()) == id
            })
            .unwrap();
        assert_eq!(finding(&v, rule, id)["fingerprint"], recipe(f), "{rule}");
    }
    let mut anonymous = demo_report();
    for f in &mut anonymous.findings {
        if let Some(rec) = &mut f.record {
            std::sync::Arc::make_mut(rec).producer = None;
        }
    }
    let prints =
        |r: &Report| -> Vec<u64> { r.findings.iter().map(Finding::fingerprint_u64).collect() };
    assert_eq!(prints(&anonymous), prints(&r));
    let mut again = demo_report();
    again.audit.elapsed_ms = r.audit.elapsed_ms;
    assert_eq!(render(&again, Format::Json), render(&r, Format::Json));
}

// In the demo, a mixed corpus, each finding is filed under the conditions of its own decision:
// the Conseil d'État's CGU for the administrative decision, the DILA notice and the codes for
// Légifrance's.
#[test]
fn the_demo_notice_files_each_finding_under_its_decisions_conditions() {
    let text = render(&demo_report(), Format::Notice);
    let group = |heading: &str| -> &str {
        let at = text
            .find(heading)
            .unwrap_or_else(|| panic!("{heading} not in:\n{text}"))
            + heading.len();
        let end = text[at..].find("\n#").map_or(text.len(), |k| at + k);
        &text[at..end]
    };
    // FRE005 on jp-00000015, and nothing else (CE V; worked out above).
    let ce = group(
        "### Article V des CGU du Conseil d'État — Étendue du droit à réutilisation et conditions d'exercice (1 constat)\n",
    );
    assert!(ce.contains("- **FRE005** — mention de mise à jour ambiguë (la date de chargement n'est pas explicite) — 1 constat (fondement : CGU du Conseil d'État, art. V) ; exemples :\n    - enregistrement « jp-00000015 »"), "{ce}");
    assert_eq!(ce.matches("    - enregistrement").count(), 1, "{ce}");
    // The permanent breaches on Légifrance decisions that the code of judicial organisation
    // founds: MSK001 (jp-00000010), PRF002 (jp-00000031).
    let coj = group("### Article L. 111-13 du code de l'organisation judiciaire (2 constats)\n");
    assert!(coj.contains("- **MSK001** — occultation levée : élément pseudonymisé à la source diffusé en clair — 1 constat (fondement : art. L. 111-13 du code de l'organisation judiciaire) ; exemples :\n    - enregistrement « jp-00000010 »"), "{coj}");
    assert!(coj.contains("(fondement : art. L. 111-13 du code de l'organisation judiciaire ; art. 226-18 du code pénal)"));
    // The names and the identifier the source itself left in clear (MSK004 on jp-00000019 and
    // jp-00000059, MSK005 on jp-00000053, all `source_defect`), on the same basis, in the
    // section of the defects of the source, not among the breaches.
    let defects = group(
        "## 6. Défauts d'occultation de la source : occultation provisoire et signalement (3 constats)\n",
    );
    assert!(defects.contains("- **MSK004** — nom d'une personne physique, partie ou tiers, diffusé en clair — 2 constats (fondement : art. L. 111-13 du code de l'organisation judiciaire) ; exemples :\n    - enregistrement « jp-00000019 »"), "{defects}");
    assert!(defects.contains("- **MSK005** — identifiant direct d'une personne physique diffusé en clair — 1 constat (fondement : art. L. 111-13 du code de l'organisation judiciaire) ; exemples :\n    - enregistrement « jp-00000053 »"), "{defects}");
    assert_eq!(
        defects
            .matches(" — défaut d'occultation de la source")
            .count(),
        3,
        "{defects}"
    );
    assert!(text.contains(" Il a relevé 16 manquements (2 graves ou réitérés, 14 autres), concernant 16 enregistrements. Ils sont détaillés ci-après. Il a relevé en outre 3 défauts d'occultation de la source, que votre base reproduit, concernant 3 enregistrements : ils ne sont pas comptés parmi ces manquements, mais appellent une occultation provisoire et un signalement (section 6).\n"), "{text}");
    // INT001, INT002, INT003, INT005, ATT001, ATT002 and FRE002, each on a Légifrance
    // decision: the DILA notice, not the CGU of the Conseil d'État or the Cour de cassation.
    let dila = group(
        "### Notice de la DILA relative à la réutilisation des données de Légifrance (7 constats)\n",
    );
    for want in [
        "- **INT001** — texte de la décision altéré (mots, nombres ou ponctuation substitués) — 1 constat (fondement : notice de la DILA ; art. L. 322-1 du code des relations entre le public et l'administration)",
        "- **INT002** — éléments étrangers insérés dans le texte de la décision sans en être distingués — 1 constat (fondement : notice de la DILA)",
        "- **ATT002** — source des données attribuée à un autre producteur que celui qui les diffuse — 1 constat (fondement : notice de la DILA ; art. L. 322-1 du code des relations entre le public et l'administration) ; exemples :\n    - enregistrement « jp-00000033 »",
        "- **FRE002** — version de la décision non mise à jour après sa correction à la source — 1 constat (fondement : notice de la DILA ; art. L. 322-1 du code des relations entre le public et l'administration) ; exemples :\n    - enregistrement « jp-00000039 »",
        "« jp-00000001 »",
        "« jp-00000005 »",
        "« jp-00000051 »",
    ] {
        assert!(dila.contains(want), "{want} not in:\n{dila}");
    }
    // INT004 on a Légifrance decision (jp-00000009): the DILA notice says nothing of excerpts,
    // only of « coupes altérant le sens de l'acte »: an observation, which says so, under the
    // same heading in the observations.
    assert!(!dila.contains("INT004"), "{dila}");
    let observations = text.find("## 3. Observations sans sanction").expect(&text);
    let int004 = text.find("- **INT004** — extrait sans accès à la version intégrale de la décision ; les conditions applicables à ces décisions ne régissent pas la reproduction d'extraits, mais il vous appartient de veiller à ce que l'extrait n'altère pas la décision ni n'en dénature le sens — 1 constat (fondement : notice de la DILA ; art. L. 322-1 du code des relations entre le public et l'administration) ; exemples :\n    - enregistrement « jp-00000009 »").expect(&text);
    assert!(int004 > observations, "{text}");
    // FRE003, the corpus's: the Cour de cassation's article V, whose 72 hours it applies, told
    // as a recommendation for its decisions, and the Conseil d'État's CGU and the DILA notice,
    // which bind this corpus and fix no delay.
    let fre003 = group(
        "### Article V des CGU de la Cour de cassation et du Conseil d'État — Étendue du droit à réutilisation et conditions d'exercice ; notice de la DILA (1 constat)\n",
    );
    assert!(fre003.contains("- **FRE003** — base non mise à jour depuis plus de 72 heures, délai maximal entre deux mises à jour que les CGU de la Cour de cassation (art. V) recommandent pour ses décisions ; les conditions applicables à vos décisions ne fixent pas de délai — 1 constat (fondement : CGU de la Cour de cassation, art. V ; CGU du Conseil d'État, art. V ; notice de la DILA) ; exemples :"), "{fre003}");
    assert!(fre003.contains("    - ensemble de la base"));
    // No decision of the corpus comes under the Cour de cassation's CGU, the only conditions
    // that name a delay: the corpus's age is an observation, not a breach the letter asks the
    // reuser to remedy.
    assert!(text.find("- **FRE003**").unwrap() > observations, "{text}");
    // The withdrawn decision, whose producer is not known, cites its rule's whole basis (CC IV,
    // CC V): filed under the Cour de cassation's article IV, named as such. No heading names
    // an article without saying whose CGU.
    assert!(!text.contains("des CGU — "), "{text}");
    assert!(text.contains(
        "### Article IV des CGU de la Cour de cassation — Mise à jour des données (1 constat)\n"
    ));
    // No heading claims a Légifrance decision for the Cour de cassation's CGU: the only ones
    // that name them are the withdrawn decision's and the corpus-level FRE003's, for its 72
    // hours.
    let cc_headings: Vec<&str> = text
        .lines()
        .filter(|l| l.starts_with("### ") && l.contains("Cour de cassation"))
        .collect();
    assert_eq!(
        cc_headings,
        [
            "### Article IV des CGU de la Cour de cassation — Mise à jour des données (1 constat)",
            "### Article V des CGU de la Cour de cassation et du Conseil d'État — Étendue du droit à réutilisation et conditions d'exercice ; notice de la DILA (1 constat)"
        ],
        "{text}"
    );
}

/// The audit of one record of the Judilibre decision of tests/data/judilibre/cc_detail.json,
/// loaded on 2026-10-01 and stating nothing else: a stale corpus of the Cour de cassation's.
fn stale_judilibre_report() -> Report {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus.jsonl");
    std::fs::write(
        &corpus,
        json!({"id": "r0", "source_id": "5fca277de35a255d41ca73ab", "updated_at": "2026-10-01"})
            .to_string(),
    )
    .unwrap();
    run(
        corpus,
        vec![root().join("tests/data/judilibre/cc_detail.json")],
        vec![],
    )
}

// A Judilibre corpus: the corpus-level FRE003 comes under the Cour de cassation's CGU, whose
// article V recommends the 72 hours; its heading says so.
#[test]
fn a_stale_judilibre_corpus_is_told_so_under_the_cour_de_cassation_cgu() {
    let r = stale_judilibre_report();
    assert_eq!(r.audit.producers, vec![(Producer::CourDeCassation, 1)]);
    let v: Value = serde_json::from_str(&render(&r, Format::Json)).unwrap();
    let fre003 = finding(&v, "FRE003", None);
    assert_eq!(fre003["basis"], json!(["CC V"]));
    // The record's own findings: CC V, and general law.
    let att001 = finding(&v, "ATT001", Some("r0"));
    assert_eq!(att001["record"]["producer"], "cour_de_cassation");
    // The finding names the copy it was compared with: the decision's id and its file.
    let compared = &att001["record"]["compared_with"];
    assert_eq!(compared["id"], "5fca277de35a255d41ca73ab");
    let file = root().join("tests/data/judilibre/cc_detail.json");
    assert!(
        compared["origin"]
            .as_str()
            .unwrap()
            .starts_with(file.to_str().unwrap()),
        "{compared}"
    );
    // The corpus's own finding was compared with no decision.
    assert!(fre003["record"].is_null());
    assert_eq!(att001["basis"], json!(["CC V", "CRPA L.322-1"]));
    let text = render(&r, Format::Notice);
    let heading = "### Article V des CGU de la Cour de cassation — Étendue du droit à réutilisation et conditions d'exercice (";
    let at = text.find(heading).expect(&text);
    let end = text[at + 1..]
        .find("\n#")
        .map_or(text.len(), |k| at + 1 + k);
    assert!(
        text[at..end].contains("- **FRE003** — base non mise à jour depuis plus de 72 heures, délai maximal entre deux mises à jour que recommandent les CGU de la Cour de cassation (art. V) — 1 constat (fondement : CGU de la Cour de cassation, art. V) ; exemples :\n    - ensemble de la base"),
        "{text}"
    );
    assert!(!text.contains("### Article V des CGU — "), "{text}");
    // Judilibre's decisions only (INT005, ATT001 and FRE003): the Cour de cassation's
    // interruption answers every breach.
    assert!(
        text.contains(
            "\n## 1. Manquements justifiant une interruption temporaire de la mise à disposition des données (3 constats)\n"
        ),
        "{text}"
    );
    assert!(text.contains("Il a relevé 3 manquements (tous justifiant une interruption temporaire), concernant 1 enregistrement et l'ensemble de la base."), "{text}");
    assert!(
        text.contains("## 3. Conséquences (CGU de la Cour de cassation, art. XII)\n"),
        "{text}"
    );
}

// A corpus of Légifrance decisions only, last loaded 85 hours before the audit and otherwise
// compliant (the decision JURITEXT000048176061, 23-80.251, of the chambre criminelle of 3
// October 2023, identified as its XML gives it, no text to compare): FRE003 keeps its penalty
// in the JSON report (SPEC §3), but its 72 hours are the Cour de cassation's recommendation for
// its own decisions and the DILA notice fixes no delay, so the letter reports the corpus's age
// as an observation and asks no remedy.
#[test]
fn a_stale_legifrance_corpus_is_observed_not_put_on_notice() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus.jsonl");
    std::fs::write(
        &corpus,
        json!({
            "id": "x1",
            "source_id": "JURITEXT000048176061",
            "url": "https://juris.example.fr/d/x1",
            "jurisdiction": "Cour de cassation",
            "formation": "Chambre criminelle",
            "seat": "Paris",
            "decision_date": "2023-10-03",
            "number": "23-80.251",
            "attribution": "Source : Légifrance (DILA)",
            "source_link": "https://www.legifrance.gouv.fr/juri/id/JURITEXT000048176061",
            "updated_at": "2026-11-18",
        })
        .to_string(),
    )
    .unwrap();
    let r = run(
        corpus,
        vec![root().join("tests/data/dila-cass/JURITEXT000048176061.xml")],
        vec![],
    );
    assert_eq!(r.audit.producers, vec![(Producer::Legifrance, 1)]);
    let v: Value = serde_json::from_str(&render(&r, Format::Json)).unwrap();
    let rules: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap())
        .collect();
    assert_eq!(rules, ["FRE003"]);
    assert_eq!(finding(&v, "FRE003", None)["penalty"], "temporary");
    let text = render(&r, Format::Notice);
    assert!(
        text.starts_with("# Projet de lettre — audit de conformité"),
        "{text}"
    );
    assert!(!text.contains("mise en demeure"), "{text}");
    assert!(text.contains("a porté sur 1 enregistrement (1 rapproché d'une décision de la source officielle ; 1 enregistrement dont le texte n'a pu être comparé à celui de la source, car l'enregistrement ne reproduit aucun texte). Il n'a relevé aucun manquement aux conditions de réutilisation qui vous sont applicables."), "{text}");
    let observations = text
        .find("## 1. Observations sans sanction (1 constat)")
        .expect(&text);
    let fre003 = &text[observations..];
    assert!(fre003.contains("- **FRE003** — base non mise à jour depuis plus de 72 heures, délai maximal entre deux mises à jour que les CGU de la Cour de cassation (art. V) recommandent pour ses décisions ; les conditions applicables à vos décisions ne fixent pas de délai"), "{text}");
    assert!(fre003.contains("    - ensemble de la base — dernière mise à jour de la base le 18 novembre 2026, 85 heures avant la date de l'audit"), "{text}");
}

// A Judilibre corpus whose only breach is its age: the letter's count concerns the whole base,
// not « 0 enregistrement ».
#[test]
fn a_breach_of_the_whole_base_alone_concerns_the_base() {
    let mut r = stale_judilibre_report();
    r.findings.retain(|f| f.rule == Rule::FRE003);
    r.summary = vigie::report::Summary::of(&r.findings);
    let text = render(&r, Format::Notice);
    assert!(text.contains("Il a relevé 1 manquement (justifiant une interruption temporaire), concernant l'ensemble de la base."), "{text}");
}

// On a real Judilibre decision (tests/data/judilibre/cc_detail.json, 19-19.463): commentary
// inserted (INT002), the text cut (INT003) and an excerpt without the whole decision (INT004),
// whose bases in the registry (CE V, DILA; CE V) bind no reuser of Judilibre, cite the Cour de
// cassation's own article V (« L'interdiction d'altérer les données … préserver l'intégrité des
// données réutilisées »); the notice files them under it, not under « Article V des CGU » of
// no one.
#[test]
fn integrity_breaches_on_a_judilibre_decision_cite_the_cour_de_cassation_cgu() {
    let reference: Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("tests/data/judilibre/cc_detail.json")).unwrap(),
    )
    .unwrap();
    let text = reference["text"].as_str().unwrap();
    let at = text
        .find("Faits et procédure")
        .expect("a heading of the decision");
    let commented = format!(
        "{}Note de la rédaction : cet arrêt confirme une jurisprudence constante de la chambre \
         commerciale, voir notre dossier spécial sur les baux commerciaux.\n\n{}",
        &text[..at],
        &text[at..]
    );
    let half: String = text.chars().take(text.chars().count() / 2).collect();
    let records = [
        json!({"id": "commented", "source_id": "5fca277de35a255d41ca73ab", "text": commented}),
        json!({"id": "cut", "source_id": "5fca277de35a255d41ca73ab", "text": half}),
        json!({"id": "excerpt", "source_id": "5fca277de35a255d41ca73ab", "text": half,
               "excerpt": true}),
    ];
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus.jsonl");
    let lines: Vec<String> = records.iter().map(Value::to_string).collect();
    std::fs::write(&corpus, lines.join("\n")).unwrap();
    let r = run(
        corpus,
        vec![root().join("tests/data/judilibre/cc_detail.json")],
        vec![],
    );
    assert_eq!(r.audit.producers, vec![(Producer::CourDeCassation, 3)]);
    let v: Value = serde_json::from_str(&render(&r, Format::Json)).unwrap();
    for (rule, id) in [
        ("INT002", "commented"),
        ("INT003", "cut"),
        ("INT004", "excerpt"),
    ] {
        let f = finding(&v, rule, Some(id));
        assert_eq!(f["record"]["producer"], "cour_de_cassation");
        assert_eq!(f["basis"], json!(["CC V"]), "{rule}");
    }
    // No finding of the corpus cites the Conseil d'État's CGU or the DILA notice.
    let json = render(&r, Format::Json);
    assert!(
        !json.contains("\"CE ") && !json.contains("\"DILA\""),
        "{json}"
    );
    let notice = render(&r, Format::Notice);
    assert!(!notice.contains("### Article V des CGU — "), "{notice}");
    let heading = "### Article V des CGU de la Cour de cassation — Étendue du droit à réutilisation et conditions d'exercice (";
    let at = notice.find(heading).expect(&notice);
    let end = notice[at + 1..]
        .find("\n#")
        .map_or(notice.len(), |k| at + 1 + k);
    for rule in ["INT002", "INT003"] {
        assert!(
            notice[at..end].contains(&format!(
                "- **{rule}** — {} — 1 constat (fondement : CGU de la Cour de cassation, art. V) ;",
                match rule {
                    "INT002" =>
                        "éléments étrangers insérés dans le texte de la décision sans en être distingués",
                    _ => "texte de la décision coupé sans que le caractère partiel soit indiqué",
                }
            )),
            "{rule}: {notice}"
        );
    }
    // The excerpt, marked as such but without a link to the whole decision: the Cour de
    // cassation's CGU have no rule on excerpts (only the Conseil d'État's, art. V, have one),
    // and the letter lists no such obligation for its decisions. It is an observation, filed
    // under the article that does apply (CC V: not to alter the data nor distort their sense),
    // which it recalls; the JSON keeps the rule's penalty.
    assert_eq!(
        finding(&v, "INT004", Some("excerpt"))["penalty"],
        "temporary"
    );
    assert!(
        !notice[..notice.find("## 1.").unwrap()].contains("extrait qu"),
        "{notice}"
    );
    assert!(notice.contains("Il a relevé 11 manquements (tous justifiant une interruption temporaire), concernant 3 enregistrements."), "{notice}");
    assert!(notice.contains("\n## 2. Observations sans sanction (1 constat)\n\n### Article V des CGU de la Cour de cassation — Étendue du droit à réutilisation et conditions d'exercice (1 constat)\n\n- **INT004** — extrait sans accès à la version intégrale de la décision ; les conditions applicables à ces décisions ne régissent pas la reproduction d'extraits, mais il vous appartient de veiller à ce que l'extrait n'altère pas la décision ni n'en dénature le sens — 1 constat (fondement : CGU de la Cour de cassation, art. V) ; exemples :\n    - enregistrement « excerpt »"), "{notice}");
    assert!(notice.contains("de ne pas altérer les données ni en dénaturer le sens"));
}

// A decision of the administrative courts (tests/data/ce/ORTA_2520143_20251205.xml) withdrawn
// at source but still in the reference given, and still published: FRE004 (CC IV, CC V in the
// registry) cites the Conseil d'État's own articles IV and V; and the corpus not updated for
// months, FRE003 (CC V, whose 72 hours are the Cour de cassation's recommendation), that
// article V and the Conseil d'État's.
#[test]
fn a_withdrawn_administrative_decision_cites_the_conseil_d_etat_cgu() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus.jsonl");
    std::fs::write(
        &corpus,
        json!({"id": "w", "source_id": "ORTA_2520143_20251205", "updated_at": "2026-06-01"})
            .to_string(),
    )
    .unwrap();
    let history = dir.path().join("history.json");
    std::fs::write(
        &history,
        json!({"transactions": [
            {"id": "ORTA_2520143_20251205", "action": "deleted", "date": "2026-10-01T10:00:00Z"}
        ]})
        .to_string(),
    )
    .unwrap();
    let r = run(
        corpus,
        vec![root().join("tests/data/ce/ORTA_2520143_20251205.xml")],
        vec![history],
    );
    assert_eq!(r.audit.producers, vec![(Producer::ConseilEtat, 1)]);
    let v: Value = serde_json::from_str(&render(&r, Format::Json)).unwrap();
    let f = finding(&v, "FRE004", Some("w"));
    assert_eq!(f["record"]["producer"], "conseil_etat");
    assert_eq!(f["basis"], json!(["CE IV", "CE V"]));
    assert_eq!(
        finding(&v, "FRE003", None)["basis"],
        json!(["CC V", "CE V"])
    );
    let notice = render(&r, Format::Notice);
    assert!(
        notice.contains(
            "### Article IV des CGU du Conseil d'État — Mise à jour des données (1 constat)\n"
        ),
        "{notice}"
    );
    assert!(!notice.contains("CC IV"), "{notice}");
}

// The real Judilibre decision of tests/data/judilibre/cc_detail.json (19-19.463), in which the
// source would have left a party's date of birth in clear (« M. O... IIS..., né le 3 mars
// 1975, domicilié »). A record that copies it shows a direct identifier (MSK005, a defect of
// the source); a record that masks it (« né le [Date naissance 1] ») does what CC IX asks of
// the reuser pending the correction at source: a provisional occultation to report (MSK003),
// not an occultation added of its own initiative (MSK002) that the letter would ask it to undo
// by publishing the date again.
#[test]
fn masking_a_date_of_birth_the_source_left_in_clear_is_a_provisional_occultation() {
    let mut reference: Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("tests/data/judilibre/cc_detail.json")).unwrap(),
    )
    .unwrap();
    let text = reference["text"].as_str().unwrap().to_string();
    let party = "M. O... IIS..., domicilié";
    assert_eq!(text.matches(party).count(), 1);
    let born = text.replace(party, "M. O... IIS..., né le 3 mars 1975, domicilié");
    let masked = text.replace(party, "M. O... IIS..., né le [Date naissance 1], domicilié");
    reference["text"] = Value::String(born.clone());
    let dir = tempfile::tempdir().unwrap();
    let reference_file = dir.path().join("cc_detail.json");
    std::fs::write(&reference_file, reference.to_string()).unwrap();
    let corpus = dir.path().join("corpus.jsonl");
    let lines = [
        json!({"id": "copied", "source_id": "5fca277de35a255d41ca73ab", "text": born}),
        json!({"id": "masked", "source_id": "5fca277de35a255d41ca73ab", "text": masked}),
    ];
    std::fs::write(
        &corpus,
        lines
            .iter()
            .map(Value::to_string)
            .collect::<Vec<_>>()
            .join("\n"),
    )
    .unwrap();
    let r = run(corpus, vec![reference_file], vec![]);
    let v: Value = serde_json::from_str(&render(&r, Format::Json)).unwrap();
    let copied = finding(&v, "MSK005", Some("copied"));
    assert_eq!(copied["source_defect"], true);
    let on_masked: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["record"]["id"] == "masked" && f["family"] == "masking")
        .map(|f| f["rule"].as_str().unwrap())
        .collect();
    assert_eq!(on_masked, ["MSK003"], "{v:#}");
    let f = finding(&v, "MSK003", Some("masked"));
    assert_eq!(f["penalty"], "none");
    assert_eq!(f["basis"], json!(["CC IX"]));
    // The letter: an observation, whose reference excerpt hides the date; no breach to remedy
    // on that record.
    let notice = render(&r, Format::Notice);
    assert!(!notice.contains("MSK002"), "{notice}");
    assert!(!notice.contains("1975"), "{notice}");
    let obs = notice.find("Observations sans sanction").expect(&notice);
    let msk003 = notice
        .find("- **MSK003** — occultation provisoire d'un nom ou d'un identifiant direct laissé en clair à la source (défaut à signaler) — 1 constat (fondement : CGU de la Cour de cassation, art. IX) ; exemples :\n    - enregistrement « masked »")
        .expect(&notice);
    assert!(obs < msk003);
}
