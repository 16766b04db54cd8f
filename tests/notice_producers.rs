//! The formal notice invokes the conditions that apply to the decisions audited: those of the
//! producers of the reference decisions the records matched (SPEC §1.1), counted in the report.

use serde_json::{Value, json};
use std::path::{Path, PathBuf};
use vigie::audit::AuditOptions;
use vigie::model::Producer;
mod support;
use support::audit::{demo_report, run_audit};
use support::binary::{report_of, vigie_on};
use support::data::data;
use support::rendered::{render, words};
use vigie::report::{self, Format, Report, WriteOptions};

/// Judilibre (Cour de cassation), administrative open data (Conseil d'État), Légifrance CASS.
const CC: &str = "5fca277de35a255d41ca73ab";
const CE: &str = "ORTA_2520143_20251205";
const DILA: &str = "JURITEXT000048176061";

fn reference(id: &str) -> PathBuf {
    match id {
        CC => data("judilibre/cc_detail.json"),
        CE => data("ce/ORTA_2520143_20251205.xml"),
        DILA => data(&format!("dila-cass/{id}.xml")),
        // Any other id matches nothing: the Judilibre decision as reference.
        _ => data("judilibre/cc_detail.json"),
    }
}

/// One record per source id, showing nothing but its id: every one breaches (no attribution,
/// no identification, no update date).
fn audit(ids: &[&str]) -> Report {
    let records: Vec<Value> = ids
        .iter()
        .enumerate()
        .map(|(i, s)| json!({"id": format!("r{i}"), "source_id": s}))
        .collect();
    audit_records(&records, ids)
}

fn audit_records(records: &[Value], ids: &[&str]) -> Report {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus.jsonl");
    let lines: Vec<String> = records.iter().map(Value::to_string).collect();
    std::fs::write(&corpus, lines.join("\n")).unwrap();
    let opts = AuditOptions {
        corpus: vec![corpus],
        reference: {
            let mut paths: Vec<PathBuf> = ids.iter().map(|s| reference(s)).collect();
            paths.sort();
            paths.dedup();
            paths
        },
        as_of: Some("2026-11-22T12:00:00Z".parse().unwrap()),
        ..Default::default()
    };
    run_audit(&opts).report
}

/// The Cour de cassation's sanctions (CGU XII), which the Conseil d'État's CGU do not provide.
const CC_INTERRUPTION: &str = "pourra conduire la Cour de cassation à :";

/// The Conseil d'État's CGU XII, word for word (seed 001, `assets/articles/ce-xii.md`).
const CE_XII: &str = "« Le Conseil d’Etat se réserve le droit de vérifier ou de faire vérifier que les dispositions des présentes conditions générales d’utilisation et de la licence ouverte de réutilisation d’informations publiques version 2.0 sont respectées et, à défaut, d’engager toute action répressive et/ou toute action en réparation du préjudice subi. »";

#[test]
fn the_quote_of_ce_xii_is_the_seeds() {
    let article = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/articles/ce-xii.md"),
    )
    .unwrap();
    let inner = CE_XII.trim_start_matches("« ").trim_end_matches(" »");
    assert!(article.contains(inner));
}

#[test]
fn producers_are_counted_in_the_report() {
    let r = audit(&[CC, CE, DILA, DILA, "no-such-decision"]);
    assert_eq!(r.audit.matched_records, 4);
    assert_eq!(
        r.audit.producers,
        vec![
            (Producer::CourDeCassation, 1),
            (Producer::Legifrance, 2),
            (Producer::ConseilEtat, 1),
        ]
    );
    let v: Value = serde_json::from_str(&render(&r, Format::Json)).unwrap();
    assert_eq!(
        v["audit"]["producers"],
        json!({"cour_de_cassation": 1, "legifrance": 2, "conseil_etat": 1})
    );
    // An unmatched corpus counts no producer: an empty object.
    let r = audit(&["no-such-decision"]);
    assert!(r.audit.producers.is_empty());
    let v: Value = serde_json::from_str(&render(&r, Format::Json)).unwrap();
    assert_eq!(v["audit"]["producers"], json!({}));
}

#[test]
fn a_conseil_d_etat_corpus_gets_the_conseil_d_etat_conditions() {
    let text = render(&audit(&[CE]), Format::Notice);
    assert!(text.contains("les conditions générales d'utilisation (CGU) du Conseil d'État (version du 18 janvier 2022)"), "{text}");
    assert!(text.contains("décisions des juridictions administratives diffusées dans l'open data des juridictions administratives (1 enregistrement) :"));
    assert!(!text.contains("(version du 6 janvier 2022)"));
    assert!(text.contains(". Conséquences (CGU du Conseil d'État, art. XII)\n\nÀ défaut, conformément à l'article XII des conditions générales d'utilisation du Conseil d'État : « Le Conseil d’Etat se réserve"), "{text}");
    assert!(text.contains(CE_XII));
    assert!(text.contains("sanctions prévues à l'article L. 326-1 du code des relations entre le public et l'administration, applicable à la réutilisation de ces décisions en vertu de l'article L. 10 du code de justice administrative"));
    // Nothing of the Cour de cassation's CGU XII: no interruption of the provision of data,
    // which the Conseil d'État's CGU do not provide, in the headings, the count or the
    // consequences. The record shows nothing but its ids: INT005, ATT001, FRE001 and FRE005.
    assert!(!text.contains(CC_INTERRUPTION));
    assert!(!text.contains("Interrompre"));
    assert!(!text.contains("interruption"), "{text}");
    assert!(!text.contains("La Cour de cassation se réserve"));
    assert!(
        text.contains("Il a relevé 4 manquements, concernant 1 enregistrement."),
        "{text}"
    );
    assert!(
        text.contains("\n## 1. Manquements constatés (4 constats)\n\n### "),
        "{text}"
    );
    // Article headings and obligations say whose CGU.
    assert!(
        text.contains("### Article V des CGU du Conseil d'État — "),
        "{text}"
    );
    assert!(!text.contains("des CGU — "));
    assert!(text.contains("(CGU du Conseil d'État, article V ; article L. 322-1 du code des relations entre le public et l'administration)"));
    // The Conseil d'État's article V, not the Cour de cassation's: the number is among the
    // mentions that may not be detached from the decision (« la mention de son numéro, le nom
    // de la juridiction et la formation qui l'a rendue, son siège et la date de son
    // prononcé »), which INT005 holds the record to.
    assert!(text.contains("- de ne pas altérer les données ni en dénaturer le sens, et de mentionner pour chaque décision son numéro, le nom de la juridiction et la formation qui l'a rendue, son siège et la date de son prononcé (CGU du Conseil d'État, article V ; "), "{text}");
    assert!(text.contains("- **INT005** — mentions d'identification de la décision absentes ou inexploitables — 1 constat (fondement : CGU du Conseil d'État, art. V)"), "{text}");
    // « de votre propre initiative … pour lever des occultations ou en ajouter » is the Cour
    // de cassation's article X, not the Conseil d'État's, whose article X gives it the
    // exclusive competence over requests to change the occultations.
    assert!(!text.contains("propre initiative"), "{text}");
    assert!(text.contains("- de respecter la compétence exclusive du Conseil d'État pour traiter les demandes tendant à modifier la décision relative aux occultations, qu'il s'agisse d'occulter d'autres éléments ou de lever l'occultation de certains éléments, et d'informer le demandeur qui vous saisirait d'une telle demande qu'elle relève de la seule compétence du membre du Conseil d'État désigné par son vice-président (CGU du Conseil d'État, article X ; article R. 741-15 du code de justice administrative)."), "{text}");
    let ce_x = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/articles/ce-x.md"),
    )
    .unwrap();
    assert!(!ce_x.contains("propre initiative"));
    assert!(ce_x.contains("dispose d’une compétence exclusive pour traiter les demandes tendant à modifier la décision relative aux occultations"));
    // The date of last update must say it is the date the reuser loaded the decision (CE V),
    // which FRE005 holds the record to.
    assert!(text.contains("- de faire clairement apparaître, dans la mention de la date de mise à jour, qu'elle est uniquement celle à laquelle vous avez chargé la décision (CGU du Conseil d'État, article V) ;"), "{text}");
    assert!(text.contains(
        "(CGU du Conseil d'État, article VI ; article L. 10 du code de justice administrative)"
    ));
    assert!(!text.contains("CC V"));

    // A lifted pseudonymisation (MSK001, basis COJ L.111-13, CJA L.10, CC VII, CC X, CE X):
    // the basis cited is the Conseil d'État's CGU and the code of administrative justice, not
    // the Cour de cassation's CGU nor the code of judicial organisation.
    let reference = vigie::source::xml::parse_xml(
        &std::fs::read(data("ce/ORTA_2520143_20251205.xml")).unwrap(),
        vigie::model::Origin::default(),
    )
    .unwrap();
    assert!(reference.text.contains("Mme C... A... B..."));
    let lifted = json!({
        "id": "lifted", "source_id": CE,
        "text": reference.text.replacen("Mme C... A... B...", "Mme Claire Adam-Bernard", 1),
    });
    let text = render(&audit_records(&[lifted], &[CE]), Format::Notice);
    assert!(
        text.contains("- **MSK001** — occultation levée : élément pseudonymisé à la source diffusé en clair — 1 constat (fondement : art. L. 10 du code de justice administrative ; CGU du Conseil d'État, art. X) ; exemples :"),
        "{text}"
    );
    assert!(text.contains("### Article X des CGU du Conseil d'État — Traitement des demandes d'occultation ou de levée d'occultation (1 constat)"));
    assert!(!text.contains("COJ") && !text.contains("code de l'organisation judiciaire"));
    // The lifted name, a permanent breach: grave, with no interruption (CE XII has none).
    assert!(
        text.contains("\n## 1. Manquements graves ou réitérés (1 constat)\n"),
        "{text}"
    );
    assert!(!text.contains("interruption"), "{text}");
    // Pseudonymisation defects go to the Conseil d'État only.
    assert!(text.contains("opendata-signalerunprobleme@conseil-etat.fr"));
    assert!(!text.contains("anonymisation.sder.courdecassation@justice.fr"));
}

#[test]
fn a_legifrance_corpus_gets_the_dila_notice() {
    let text = render(&audit(&[DILA]), Format::Notice);
    assert!(text.contains("décisions de l'ordre judiciaire diffusées sur Légifrance (bases CASS, INCA et CAPP) (1 enregistrement) : la licence de réutilisation et les engagements que rappelle la notice explicative de la Direction de l'information légale et administrative (DILA) relative à la réutilisation des données disponibles sur Légifrance."), "{text}");
    assert!(!text.contains("conditions générales d'utilisation (CGU)"));
    assert!(text.contains(". Conséquences (notice de la DILA ; article L. 326-1 du CRPA)\n\nÀ défaut, la notice explicative de la DILA relative à la réutilisation des données disponibles sur Légifrance rappelle que « la licence ne peut être accordée que si le candidat s'engage »"), "{text}");
    assert!(text.contains("en vertu de l'article L. 111-13 du code de l'organisation judiciaire."));
    assert!(!text.contains("Interrompre"));
    assert!(!text.contains("interruption"), "{text}");
    assert!(!text.contains("Conseil d’Etat se réserve"));
    assert!(
        text.contains("\n## 1. Manquements constatés (3 constats)\n\n### "),
        "{text}"
    );
    // Defects of occultation: the Cour de cassation's address, under the code of judicial
    // organisation, not its CGU.
    assert!(text.contains("- décisions de l'ordre judiciaire diffusées sur Légifrance (occultation prévue par l'art. L. 111-13 du code de l'organisation judiciaire) : auprès de la Cour de cassation, anonymisation.sder.courdecassation@justice.fr.\n"), "{text}");
    assert!(!text.contains("CGU de la Cour de cassation"), "{text}");
    // The rules the DILA notice founds are filed under it, not under a CGU article.
    assert!(
        text.contains(
            "### Notice de la DILA relative à la réutilisation des données de Légifrance"
        )
    );
    assert!(text.contains("(notice de la DILA ; article L. 322-1 du code des relations entre le public et l'administration)"));
    // The quoted words are the notice's.
    let dila = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/articles/dila.md"),
    )
    .unwrap();
    assert!(dila.contains("la licence ne peut être accordée que si le candidat s'engage"));
}

#[test]
fn a_mixed_corpus_gets_each_condition_attributed() {
    let text = render(&audit(&[CC, CE, DILA]), Format::Notice);
    let cc = text
        .find("**Décisions issues de l'open data de la Cour de cassation (Judilibre).** Conformément à l'article XII des conditions générales d'utilisation de la Cour de cassation, « outre les sanctions prévues à l'article L. 326-1 du CRPA, tout manquement du réutilisateur aux présentes conditions générales d'utilisation pourra conduire la Cour de cassation à :")
        .expect(&text);
    let ce = text
        .find(&format!("**Décisions des juridictions administratives.** Conformément à l'article XII des conditions générales d'utilisation du Conseil d'État : {CE_XII}"))
        .expect(&text);
    let dila = text
        .find("**Décisions de l'ordre judiciaire diffusées sur Légifrance (bases CASS, INCA et CAPP).** La notice explicative de la DILA")
        .expect(&text);
    assert!(
        text.contains(
            ". Conséquences\n\nÀ défaut, selon la provenance des décisions en cause :\n\n"
        )
    );
    assert!(cc < ce && ce < dila);
    assert!(
        text.contains(
            "(CGU de la Cour de cassation et du Conseil d'État, article V ; notice de la DILA)"
        ),
        "{text}"
    );
    // Each finding is cited against the conditions of its own decision's producer: r0 is the
    // Judilibre decision, r1 the Conseil d'État's, r2 Légifrance's. Each record shows nothing
    // but its ids, hence INT005, ATT001 and FRE001 on each, and FRE005 on r1 (worked out from
    // the registry's bases: CC V, CE V and DILA for INT005; the same and CRPA L.322-1 for
    // ATT001; CC V, CE V and CRPA L.322-1 for FRE001; CE V for FRE005).
    let headings = section_headings(&text);
    assert_eq!(
        headings,
        [
            "### Article V des CGU de la Cour de cassation — Étendue du droit à réutilisation et conditions d'exercice (3 constats)",
            "### Article V des CGU du Conseil d'État — Étendue du droit à réutilisation et conditions d'exercice (4 constats)",
            "### Notice de la DILA relative à la réutilisation des données de Légifrance (2 constats)",
            "### Article L. 322-1 du code des relations entre le public et l'administration (1 constat)",
        ],
        "{text}"
    );
    let cc = group(&text, &headings[0]);
    assert!(cc.contains("(fondement : CGU de la Cour de cassation, art. V) ; exemples :\n    - enregistrement « r0 »"));
    assert!(cc.contains("— 1 constat (fondement : CGU de la Cour de cassation, art. V ; art. L. 322-1 du code des relations entre le public et l'administration) ; exemples :"));
    assert!(!cc.contains("« r1 »") && !cc.contains("« r2 »") && !cc.contains("Conseil d'État"));
    let ce = group(&text, &headings[1]);
    assert!(ce.contains("- **FRE005** — "));
    assert!(!ce.contains("« r0 »") && !ce.contains("« r2 »") && !ce.contains("Cour de cassation"));
    let dila = group(&text, &headings[2]);
    assert!(dila.contains("- **INT005** — mentions d'identification de la décision absentes ou inexploitables — 1 constat (fondement : notice de la DILA) ; exemples :\n    - enregistrement « r2 »"));
    assert!(dila.contains("- **ATT001** — source des données non mentionnée — 1 constat (fondement : notice de la DILA ; art. L. 322-1 du code des relations entre le public et l'administration) ; exemples :\n    - enregistrement « r2 »"));
    let crpa = group(&text, &headings[3]);
    assert!(crpa.contains("- **FRE001** — date de la dernière mise à jour non mentionnée, illisible ou postérieure à l'audit — 1 constat (fondement : art. L. 322-1 du code des relations entre le public et l'administration) ; exemples :
    - enregistrement « r2 »"));
    assert!(text.contains("anonymisation.sder.courdecassation@justice.fr ;\n- décisions de la juridiction administrative"));
    // The interruption is the Cour de cassation's remedy: the heading says what the section
    // holds (no graver breach comes before it), and a note under it names the interruption for
    // the Cour de cassation's decisions only, the consequences of the others being those their
    // conditions provide, quoted in section 3.
    assert!(text.contains("\n## 1. Manquements constatés (10 constats)\n\nCeux de ces manquements qui concernent des décisions issues de l'open data de la Cour de cassation peuvent justifier une interruption temporaire de la mise à disposition des données jusqu'à leur résolution (CGU de la Cour de cassation, art. XII) ; les conséquences des autres sont celles que prévoient les conditions de réutilisation applicables à leurs décisions (voir la section 3, « Conséquences »).\n\n### "), "{text}");
    assert!(text.contains("\n## 3. Conséquences\n"), "{text}");
    assert!(
        text.contains("Il a relevé 10 manquements, concernant 3 enregistrements."),
        "{text}"
    );

    // Conseil d'État and Légifrance decisions: a Légifrance record's breach is not the Conseil
    // d'État CGU's, and no heading names the Cour de cassation's.
    let text = render(&audit(&[CE, DILA]), Format::Notice);
    assert_eq!(
        section_headings(&text),
        [
            "### Article V des CGU du Conseil d'État — Étendue du droit à réutilisation et conditions d'exercice (4 constats)",
            "### Notice de la DILA relative à la réutilisation des données de Légifrance (2 constats)",
            "### Article L. 322-1 du code des relations entre le public et l'administration (1 constat)",
        ],
        "{text}"
    );
}

/// The `###` headings of a notice, in order.
fn section_headings(text: &str) -> Vec<String> {
    text.lines()
        .filter(|l| l.starts_with("### "))
        .map(str::to_string)
        .collect()
}

/// What a notice files under `heading`: up to the next heading.
fn group<'a>(text: &'a str, heading: &str) -> &'a str {
    let at = text.find(heading).expect(heading) + heading.len();
    let end = text[at..].find("\n#").map_or(text.len(), |k| at + k);
    &text[at..end]
}

#[test]
fn a_corpus_matching_nothing_keeps_both_cgu() {
    let text = render(&audit(&["no-such-decision"]), Format::Notice);
    assert!(text.contains("les conditions générales d'utilisation (CGU) de la Cour de cassation (version du 6 janvier 2022) et, pour les décisions des juridictions administratives, du Conseil d'État (version du 18 janvier 2022)"), "{text}");
    // Which producer's remedies answer the breaches is not known: those of both CGU, each
    // attributed, the interruption named for the Cour de cassation's decisions only.
    assert!(text.contains(". Conséquences\n\nÀ défaut, selon la provenance des décisions en cause :\n\n**Décisions issues de l'open data de la Cour de cassation (Judilibre).** Conformément à l'article XII des conditions générales d'utilisation de la Cour de cassation, « outre"), "{text}");
    assert!(text.contains(&format!("**Décisions des juridictions administratives.** Conformément à l'article XII des conditions générales d'utilisation du Conseil d'État : {CE_XII}")), "{text}");
    assert!(text.contains("\n## 1. Manquements constatés ("), "{text}");
    // The consequences come after the observations (INT007) and the deadline.
    assert!(text.contains(" constats)\n\nCeux de ces manquements qui concernent des décisions issues de l'open data de la Cour de cassation peuvent justifier une interruption temporaire de la mise à disposition des données jusqu'à leur résolution (CGU de la Cour de cassation, art. XII) ; les conséquences des autres sont celles que prévoient les conditions de réutilisation applicables à leurs décisions (voir la section 4, « Conséquences »).\n\n### "), "{text}");
    assert!(
        text.contains("\n## 2. Observations sans sanction ("),
        "{text}"
    );
    assert!(text.contains("\n## 4. Conséquences\n"), "{text}");
    assert!(!text.contains("Enregistrements non rapprochés"), "{text}");
}

// `--as-of 2026-11-22` is midnight in Paris (`2026-11-21T23:00:00Z`): the letter is dated the
// 22nd, the day given, not the UTC day.
#[test]
fn a_date_only_as_of_dates_the_letter_that_day() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus.jsonl");
    std::fs::write(&corpus, json!({"id": "r0", "source_id": CE}).to_string()).unwrap();
    let run = |as_of: &str, format: &str| {
        let out = vigie_on(&corpus, reference(CE))
            .args(["--as-of", as_of, "--report", format, "--quiet"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1));
        let format = if format == "notice" {
            Format::Notice
        } else {
            Format::Json
        };
        words(format, String::from_utf8(out.stdout).unwrap())
    };
    let v: Value = serde_json::from_str(&run("2026-11-22", "json")).unwrap();
    assert_eq!(v["audit"]["as_of"], "2026-11-21T23:00:00Z");
    assert_eq!(v["audit"]["producers"], json!({"conseil_etat": 1}));
    let text = run("2026-11-22", "notice");
    assert!(
        text.contains("**Date de l'audit :** 22 novembre 2026  \n"),
        "{text}"
    );
    assert!(text.contains("arrêté au 22 novembre 2026,"));
    // Late evening in UTC is the next day in Paris.
    let text = run("2026-11-22T23:30:00Z", "notice");
    assert!(
        text.contains("**Date de l'audit :** 23 novembre 2026  \n"),
        "{text}"
    );
}

// `--waivers PATH` and `--reveal-personal-data` are recorded in the JSON report's `audit`.
#[test]
fn the_json_report_records_the_waivers_file_and_reveal() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus.jsonl");
    std::fs::write(&corpus, json!({"id": "r0", "source_id": CE}).to_string()).unwrap();
    let v: Value = serde_json::from_str(&report_of(&corpus, &reference(CE), "json", &[])).unwrap();
    assert!(v["audit"]["waivers"].is_null());
    assert_eq!(v["audit"]["reveal_personal_data"], false);
    // r0 shows nothing but its ids: INT005, ATT001, FRE001 and FRE005. Two accepted.
    let fingerprints: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["fingerprint"].as_str().unwrap())
        .collect();
    assert_eq!(fingerprints.len(), 4);
    let waivers = dir.path().join("waivers.json");
    let accepted = json!({"status": "accepted", "note": "vu", "at": "2026-11-22T13:00:00Z"});
    std::fs::write(
        &waivers,
        json!({fingerprints[0]: accepted, fingerprints[1]: accepted}).to_string(),
    )
    .unwrap();
    let v: Value = serde_json::from_str(&report_of(
        &corpus,
        &reference(CE),
        "json",
        &[
            "--waivers".as_ref(),
            waivers.as_os_str(),
            "--reveal-personal-data".as_ref(),
        ],
    ))
    .unwrap();
    assert_eq!(v["audit"]["waivers"], waivers.display().to_string());
    assert_eq!(v["audit"]["reveal_personal_data"], true);
    assert_eq!(v["findings"][0]["waiver"]["status"], "accepted");
    // The notice leaves the two accepted findings out, and says so in the plural.
    let text = words(
        Format::Notice,
        report_of(
            &corpus,
            &reference(CE),
            "notice",
            &["--waivers".as_ref(), waivers.as_os_str()],
        ),
    );
    assert!(
        text.contains(
            "Deux constats acceptés lors de la revue de l'audit ne sont pas repris dans la présente."
        ),
        "{text}"
    );
    assert!(text.contains("Il a relevé 2 manquements, concernant 1 enregistrement."));
}

// The letter says how the personal data its excerpts quote is shown, and only when an excerpt
// quotes some: masked (first letter kept), or in clear with `--reveal-personal-data`.
#[test]
fn the_notice_says_how_quoted_personal_data_is_shown() {
    const MASKED: &str = "Dans les extraits cités, les données à caractère personnel sont masquées : seule leur première lettre est conservée, et aucun de leurs chiffres.";
    const REVEALED: &str = "Les extraits cités reproduisent en clair les données à caractère personnel qu'ils contiennent, l'audit ayant été exporté sans masquage : la présente ne doit être communiquée qu'à son destinataire.";
    let write = |r: &Report, reveal: bool| {
        let mut out = Vec::new();
        let opts = WriteOptions {
            reveal_personal_data: reveal,
            ..WriteOptions::default()
        };
        report::write(r, Format::Notice, &opts, &mut out).unwrap();
        words(Format::Notice, String::from_utf8(out).unwrap())
    };
    // A record showing nothing but its ids: no excerpt quotes personal data.
    let bare = audit(&[CE]);
    for reveal in [false, true] {
        let text = write(&bare, reveal);
        assert!(!text.contains("Dans les extraits cités"), "{text}");
        assert!(!text.contains("Les extraits cités"), "{text}");
    }
    // The administrative decision with the pseudonymised « Mme C... A... B... » lifted.
    let reference = vigie::source::xml::parse_xml(
        &std::fs::read(data("ce/ORTA_2520143_20251205.xml")).unwrap(),
        vigie::model::Origin::default(),
    )
    .unwrap();
    let lifted = json!({
        "id": "lifted", "source_id": CE,
        "text": reference.text.replacen("Mme C... A... B...", "Mme Claire Adam-Bernard", 1),
    });
    let r = audit_records(&[lifted], &[CE]);
    let text = write(&r, false);
    assert!(text.contains(MASKED), "{text}");
    assert!(!text.contains("Adam-Bernard") && text.contains("Mme C••••"));
    let text = write(&r, true);
    assert!(text.contains(REVEALED), "{text}");
    assert!(!text.contains(MASKED));
    assert!(text.contains("Mme Claire Adam-Bernard"));
}

// French typography: a narrow no-break space (U+202F) before « : ; ! ? » and inside
// « guillemets » in the letter's own words; the text quoted from the corpus (ids, URLs,
// excerpts) as it is.
#[test]
fn notice_typography() {
    let record = json!({
        "id": "r : 0", "source_id": DILA, "url": "https://juris.example/d/r0",
        "attribution": "Source : nos services ; voir « ici » !",
    });
    let r = audit_records(&[record], &[DILA]);
    let mut out = Vec::new();
    report::write(&r, Format::Notice, &WriteOptions::default(), &mut out).unwrap();
    let text = String::from_utf8(out).unwrap();
    const N: char = '\u{202f}';
    for want in [
        format!("**Objet{N}:** Mise en demeure"),
        format!("**Destinataire{N}:** [Réutilisateur"),
        "Madame, Monsieur,\n".to_string(),
        // The record's id and URL as given, in guillemets spaced as French wants.
        format!("- enregistrement «{N}r : 0{N}» (<https://juris.example/d/r0>), "),
        // ATT001 quotes the attribution as the record shows it.
        format!("— extrait{N}: «{N}Source : nos services ; voir « ici » !{N}»"),
        format!("(fondement{N}: notice de la DILA{N}; art. L. 322-1 du code"),
        format!("l'occultation «{N}socle{N}» appliquée"),
        "dans un délai de 15 jours".to_string(),
    ] {
        assert!(text.contains(&want), "{want:?} not in:\n{text}");
    }
    // Every ordinary space before those signs or inside guillemets is in the quoted text: the
    // id three times (INT005, ATT001, FRE001 on r : 0), the attribution once.
    assert_eq!(text.matches(" :").count(), 3 + 1, "{text}");
    assert_eq!(text.matches(" ;").count(), 1, "{text}");
    assert_eq!(text.matches(" !").count(), 1, "{text}");
    assert_eq!(text.matches("« ").count(), 1, "{text}");
    assert_eq!(text.matches(" »").count(), 1, "{text}");
    // The markers of quoted text are gone; Markdown is intact.
    assert!(!text.contains(['\u{e000}', '\u{e001}']));
    assert!(text.starts_with("# Projet de mise en demeure\n"));
    assert!(text.contains("\n## 1. Manquements constatés ("));
}

/// The texts the `(fondement : …)` of a notice name: `cc` the Cour de cassation's CGU, `ce`
/// the Conseil d'État's, `dila` the DILA notice.
fn founded_on(text: &str) -> (bool, bool, bool) {
    let bases: Vec<&str> = text
        .match_indices("(fondement : ")
        .map(|(at, _)| {
            let rest = &text[at..];
            &rest[..rest.find(')').unwrap()]
        })
        .collect();
    let any = |what: &str| bases.iter().any(|b| b.contains(what));
    (
        any("CGU de la Cour de cassation"),
        any("CGU du Conseil d'État"),
        any("notice de la DILA"),
    )
}

// Review item 1: a decision of the Conseil d'État's matched, and a record of a decision the
// Judilibre history deletes, which the reference no longer holds (no producer known): FRE004
// cites its whole basis, the Cour de cassation's CGU, art. IV and V. That text must be in the
// opening's list of conditions, its heading must say whose article IV it is, and the
// consequences must quote the Cour de cassation's remedy, CGU XII (seed 000), as they quote
// the Conseil d'État's for the matched record.
#[test]
fn a_breach_founded_on_the_cour_de_cassation_cgu_invokes_them_throughout() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus.jsonl");
    let lines = [
        json!({"id": "r0", "source_id": CE}),
        // Shown with its identification, source and date: nothing but its withdrawal to find.
        json!({"id": "gone", "source_id": "JURITEXT000000000042",
               "jurisdiction": "Cour de cassation", "formation": "Chambre civile 2",
               "seat": "Paris", "decision_date": "2023-10-12", "number": "22-13.759",
               "attribution": "Source : Judilibre, Cour de cassation",
               "updated_at": "2026-11-21"}),
    ];
    let lines: Vec<String> = lines.iter().map(Value::to_string).collect();
    std::fs::write(&corpus, lines.join("\n")).unwrap();
    let history = dir.path().join("history.json");
    std::fs::write(
        &history,
        json!({"transactions": [
            {"id": "JURITEXT000000000042", "action": "created", "date": "2024-01-10T10:00:00Z"},
            {"id": "JURITEXT000000000042", "action": "deleted", "date": "2026-10-29T00:00:00Z"}
        ]})
        .to_string(),
    )
    .unwrap();
    let opts = AuditOptions {
        corpus: vec![corpus],
        reference: vec![reference(CE)],
        history: vec![history],
        as_of: Some("2026-11-22T12:00:00Z".parse().unwrap()),
        ..Default::default()
    };
    let r = run_audit(&opts).report;
    // Only the Conseil d'État's decision matched.
    assert_eq!(r.audit.producers, vec![(Producer::ConseilEtat, 1)]);
    let v: Value = serde_json::from_str(&render(&r, Format::Json)).unwrap();
    let fre004 = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "FRE004")
        .expect("FRE004");
    assert_eq!(fre004["basis"], json!(["CC IV", "CC V"]));

    let text = render(&r, Format::Notice);
    let opening = &text[..text.find("Ces conditions vous imposent").expect(&text)];
    // The conditions: the Conseil d'État's for the matched record, the Cour de cassation's,
    // which the withdrawn decision's breach relies on; no record counted under them.
    assert!(opening.contains("vous êtes tenu, selon la provenance des décisions de votre base, au respect des conditions suivantes :"), "{opening}");
    assert!(opening.contains("- décisions diffusées par la Cour de cassation dans son open data (Judilibre) : la licence ouverte de réutilisation d'informations publiques version 2.0 et les conditions générales d'utilisation (CGU) de la Cour de cassation (version du 6 janvier 2022), que vous avez acceptées sans réserve ;"), "{opening}");
    assert!(opening.contains("- décisions des juridictions administratives diffusées dans l'open data des juridictions administratives (1 enregistrement) : "), "{opening}");
    assert!(!opening.contains("DILA"), "{opening}");
    // Every text a basis names is in the opening.
    let (cc, ce, dila) = founded_on(&text);
    assert!(cc && ce && !dila, "{text}");
    // The heading says whose article IV.
    assert!(text.contains("\n### Article IV des CGU de la Cour de cassation — Mise à jour des données (1 constat)\n\n- **FRE004** — décision retirée à la source et toujours diffusée — 1 constat (fondement : CGU de la Cour de cassation, art. IV et V) ; exemples :\n    - enregistrement « gone »"), "{text}");
    assert!(!text.contains("des CGU — "), "{text}");
    // The consequences: the Cour de cassation's CGU XII, quoted from the seed, and the
    // Conseil d'État's.
    let consequences = &text[text.find(". Conséquences").expect(&text)..];
    let cc_xii = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/articles/cc-xii.md"),
    )
    .unwrap();
    for quoted in [
        "Interrompre temporairement la mise à disposition des données jusqu'à la résolution du manquement,",
        "Interrompre définitivement la mise à disposition des données si le manquement est grave ou réitéré et notamment s'il concerne un manquement à la protection des données personnelles, après mise en demeure restée infructueuse.",
        "tout manquement du réutilisateur aux présentes conditions générales d'utilisation pourra conduire la Cour de cassation à :",
    ] {
        assert!(cc_xii.contains(quoted), "{quoted}");
        assert!(consequences.contains(quoted), "{quoted}: {consequences}");
    }
    assert!(consequences.contains("**Décisions issues de l'open data de la Cour de cassation (Judilibre).** Conformément à l'article XII des conditions générales d'utilisation de la Cour de cassation, « outre"), "{consequences}");
    assert!(consequences.contains(CE_XII), "{consequences}");
    // The withdrawn decision's basis names one producer: its record is not left to a producer
    // « not known ».
    assert!(
        !consequences.contains("Enregistrements non rapprochés"),
        "{consequences}"
    );
    // The withdrawn decision's FRE004 is the Cour de cassation's: its interruption is named for
    // its decisions.
    assert!(text.contains("\n## 1. Manquements constatés ("), "{text}");
    assert!(text.contains(" constats)\n\nCeux de ces manquements qui concernent des décisions issues de l'open data de la Cour de cassation peuvent justifier une interruption temporaire de la mise à disposition des données jusqu'à leur résolution (CGU de la Cour de cassation, art. XII) ; les conséquences des autres sont celles que prévoient les conditions de réutilisation applicables à leurs décisions (voir la section 3, « Conséquences »).\n\n### "), "{text}");
}

// The same holds of every notice: each text a basis names is in the opening, and each
// producer's remedy quoted. The demo corpus (Légifrance and the Conseil d'État, a decision
// withdrawn in Judilibre's history) and corpora of each kind.
#[test]
fn every_text_a_notice_founds_a_breach_on_is_in_its_opening_and_consequences() {
    for r in [
        demo_report(),
        audit(&[CC]),
        audit(&[CE]),
        audit(&[DILA]),
        audit(&[CE, DILA]),
        audit(&["no-such-decision"]),
        audit(&[DILA, "no-such-decision"]),
    ] {
        let text = render(&r, Format::Notice);
        let opening = &text[..text.find("Un audit de votre base").expect(&text)];
        let consequences = &text[text.find(". Conséquences").expect(&text)..];
        let (cc, ce, dila) = founded_on(&text);
        if cc {
            assert!(
                opening.contains("conditions générales d'utilisation (CGU) de la Cour de cassation (version du 6 janvier 2022)")
                    || opening.contains("conditions générales d'utilisation de la Cour de cassation (version du 6 janvier 2022, article V) recommandent"),
                "{text}"
            );
        }
        if ce {
            assert!(
                opening.contains("du Conseil d'État (version du 18 janvier 2022)"),
                "{text}"
            );
            assert!(consequences.contains(CE_XII), "{text}");
        }
        if dila {
            assert!(opening.contains("notice explicative de la Direction de l'information légale et administrative (DILA)"), "{text}");
            assert!(
                consequences
                    .contains("« la licence ne peut être accordée que si le candidat s'engage »"),
                "{text}"
            );
        }
        // The Cour de cassation's remedy wherever a breach other than FRE003's 72 hours rests
        // on its CGU.
        let cc_breach = text.lines().any(|l| {
            l.starts_with("- **")
                && !l.starts_with("- **FRE003**")
                && l.contains("(fondement : CGU de la Cour de cassation")
        });
        if cc_breach {
            assert!(consequences.contains(CC_INTERRUPTION), "{text}");
        }
        assert!(!text.contains("des CGU — "), "{text}");
        // No date of the official source is quoted as an ISO date (review item 5).
        for (at, m) in text.match_indices("source officielle : « ") {
            let quoted: Vec<char> = text[at + m.len()..].chars().take(10).collect();
            let iso = quoted.len() == 10
                && quoted.iter().enumerate().all(|(i, c)| {
                    if i == 4 || i == 7 {
                        *c == '-'
                    } else {
                        c.is_ascii_digit()
                    }
                });
            assert!(!iso, "{}", &text[at..]);
        }
    }
    // The demo's INT006 on jp-00000028: the record shows « 24 octobre 2023 », the source
    // decided on 2023-10-19 (assets/demo/reference), quoted as the letter writes dates; the
    // decision compared with is the one its source_id names, JURITEXT000048242197.
    let text = render(&demo_report(), Format::Notice);
    let line = text
        .lines()
        .find(|l| l.contains("enregistrement « jp-00000028 »"))
        .expect(&text);
    // The demo corpus, read by its absolute path, is named by its base name alone.
    assert!(!text.contains("assets/demo"), "{text}");
    assert!(line.ends_with("), corpus.jsonl ligne 29 — champ « decision\\_date » (date de la décision) — extrait : « 24 octobre 2023 » — source officielle : « 19 octobre 2023 » — décision de référence : JURITEXT000048242197"), "{line}");
}

// MSK001 (basis COJ L.111-13, CJA L.10, CC VII, CC X, CE X) is filed under article X, the
// clause on lifting occultations, whoever produced the decision: a name lifted in a Judilibre
// decision comes under the Cour de cassation's article X, one in an administrative decision
// under the Conseil d'État's; CC VII (data protection in general), cited first, heads nothing.
#[test]
fn a_lifted_occultation_is_filed_under_article_x_for_every_producer() {
    let cc: Value =
        serde_json::from_slice(&std::fs::read(data("judilibre/cc_detail.json")).unwrap()).unwrap();
    let cc_text = cc["text"].as_str().unwrap();
    assert!(cc_text.contains("M. O... IIS..."));
    let ce = vigie::source::xml::parse_xml(
        &std::fs::read(data("ce/ORTA_2520143_20251205.xml")).unwrap(),
        vigie::model::Origin::default(),
    )
    .unwrap();
    assert!(ce.text.contains("Mme C... A... B..."));
    let records = [
        json!({"id": "cc", "source_id": CC,
               "text": cc_text.replacen("M. O... IIS...", "M. Olivier Isidore", 1)}),
        json!({"id": "ce", "source_id": CE,
               "text": ce.text.replacen("Mme C... A... B...", "Mme Claire Adam-Bernard", 1)}),
    ];
    let text = render(&audit_records(&records, &[CC, CE]), Format::Notice);
    assert!(
        text.contains("### Article X des CGU de la Cour de cassation — Traitement des demandes d'occultation ou de levée d'occultation (1 constat)\n\n- **MSK001** — occultation levée : élément pseudonymisé à la source diffusé en clair — 1 constat (fondement : art. L. 111-13 du code de l'organisation judiciaire ; CGU de la Cour de cassation, art. VII et X) ; exemples :"),
        "{text}"
    );
    assert!(
        text.contains("### Article X des CGU du Conseil d'État — Traitement des demandes d'occultation ou de levée d'occultation (1 constat)\n\n- **MSK001** — occultation levée : élément pseudonymisé à la source diffusé en clair — 1 constat (fondement : art. L. 10 du code de justice administrative ; CGU du Conseil d'État, art. X) ; exemples :"),
        "{text}"
    );
    assert!(!text.contains("### Article VII"), "{text}");
    // The Cour de cassation's decision alone: its article X.
    let text = render(&audit_records(&records[..1], &[CC]), Format::Notice);
    assert!(
        text.contains("### Article X des CGU de la Cour de cassation — Traitement des demandes d'occultation ou de levée d'occultation (1 constat)\n\n- **MSK001**"),
        "{text}"
    );
    assert!(!text.contains("### Article VII"), "{text}");
}
