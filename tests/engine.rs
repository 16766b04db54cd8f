//! The audit engine end to end on the real Judilibre decision (19-19.463, chambre commerciale,
//! 18 November 2020), through the library.

use serde_json::json;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;
use vigie::audit::{self, AuditOptions};
use vigie::rules::Rule;

mod support;
use support::audit::{messages, run_audit};
use support::data::{cc_text, data};

/// A record that states everything right about the cc_detail decision.
fn clean(id: &str) -> serde_json::Value {
    json!({
        "id": id,
        "source_id": "5fca277de35a255d41ca73ab",
        "url": format!("https://example.test/d/{id}"),
        "text": cc_text(),
        "jurisdiction": "Cour de cassation",
        "formation": "Chambre commerciale, financière et économique",
        "seat": "Paris",
        "decision_date": "18 novembre 2020",
        "number": "19-19.463",
        "attribution": "Source : Cour de cassation (Judilibre)",
        "updated_at": "2026-11-21T08:00:00+01:00",
        "update_notice": "Document chargé sur le site source le 21/11/2026"
    })
}

fn audit(records: &[serde_json::Value]) -> Vec<(String, Rule)> {
    audit_with(records, None)
}

fn audit_with(records: &[serde_json::Value], history: Option<&str>) -> Vec<(String, Rule)> {
    let lines: Vec<String> = records.iter().map(|r| r.to_string()).collect();
    audit_lines_with(&lines, history)
}

fn audit_lines(lines: &[String]) -> Vec<(String, Rule)> {
    audit_lines_with(lines, None)
}

fn audit_lines_with(records: &[String], history: Option<&str>) -> Vec<(String, Rule)> {
    findings_with(records, history)
        .into_iter()
        .map(|(id, rule, _)| (id, rule))
        .collect()
}

/// The findings of an audit of `records` with `history`: record id, rule and message.
fn messages_with(
    records: &[serde_json::Value],
    history: Option<&str>,
) -> Vec<(String, Rule, String)> {
    let lines: Vec<String> = records.iter().map(|r| r.to_string()).collect();
    findings_with(&lines, history)
}

/// The findings of an audit of the lines `records` with `history`: record id, rule, message.
fn findings_with(records: &[String], history: Option<&str>) -> Vec<(String, Rule, String)> {
    messages(&report_lines_with(records, history))
}

fn report_lines_with(records: &[String], history: Option<&str>) -> vigie::report::Report {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus.jsonl");
    let mut lines = String::new();
    for r in records {
        lines.push_str(r);
        lines.push('\n');
    }
    std::fs::write(&corpus, lines).unwrap();
    let history = history.map(|h| {
        let p = dir.path().join("history.json");
        std::fs::write(&p, h).unwrap();
        p
    });
    let opts = AuditOptions {
        corpus: vec![corpus],
        reference: vec![data("judilibre/cc_detail.json")],
        history: history.into_iter().collect(),
        as_of: Some("2026-11-22T12:00:00Z".parse().unwrap()),
        ..Default::default()
    };
    run_audit(&opts).report
}

#[test]
fn a_faithful_record_is_clean() {
    assert_eq!(audit(&[clean("r1")]), vec![]);
}

#[test]
fn text_changes_are_classified() {
    let mut sub = clean("sub");
    sub["text"] = json!(cc_text().replacen("REJETTE le pourvoi", "CASSE le pourvoi", 1));
    let mut ins = clean("ins");
    ins["text"] = json!(format!(
        "{}\n\nNote de la rédaction : cet arrêt est commenté dans notre revue, abonnez-vous pour lire la suite.",
        cc_text()
    ));
    let mut cut = clean("cut");
    let t = cc_text();
    cut["text"] = json!(t[..t.len() / 2].to_string());
    let mut excerpt = cut.clone();
    excerpt["id"] = json!("excerpt");
    excerpt["excerpt"] = json!(true);
    excerpt["full_text_url"] =
        json!("https://www.courdecassation.fr/decision/5fca277de35a255d41ca73ab");
    let mut bad_excerpt = excerpt.clone();
    bad_excerpt["id"] = json!("bad-excerpt");
    bad_excerpt.as_object_mut().unwrap().remove("full_text_url");
    let got = audit(&[sub, ins, cut, excerpt, bad_excerpt]);
    assert!(got.contains(&("sub".into(), Rule::INT001)), "{got:?}");
    assert!(got.contains(&("ins".into(), Rule::INT002)), "{got:?}");
    assert!(got.contains(&("cut".into(), Rule::INT003)), "{got:?}");
    assert!(!got.iter().any(|(id, _)| id == "excerpt"), "{got:?}");
    assert_eq!(
        got.iter()
            .filter(|(id, _)| id == "bad-excerpt")
            .map(|x| x.1)
            .collect::<Vec<_>>(),
        vec![Rule::INT004]
    );
    assert_eq!(got.len(), 4, "{got:?}");
}

#[test]
fn attribution_freshness_and_input_rules() {
    let mut no_attr = clean("no-attr");
    no_attr.as_object_mut().unwrap().remove("attribution");
    let mut wrong = clean("wrong");
    wrong["attribution"] = json!("Source : Conseil d'État");
    let mut no_date = clean("no-date");
    no_date.as_object_mut().unwrap().remove("updated_at");
    no_date.as_object_mut().unwrap().remove("update_notice");
    let mut unknown = clean("unknown");
    unknown["source_id"] = json!("000000000000000000000000");
    let dup = clean("no-attr");
    let mut missing = clean("missing");
    missing.as_object_mut().unwrap().remove("formation");
    missing.as_object_mut().unwrap().remove("seat");
    let mut prf = clean("prf");
    prf["president"] = json!("Mme Mouillard");
    let got = audit(&[no_attr, wrong, no_date, unknown, dup, missing, prf]);
    let expect = vec![
        ("no-attr".to_string(), Rule::ATT001),
        ("wrong".into(), Rule::ATT002),
        ("no-date".into(), Rule::FRE001),
        ("unknown".into(), Rule::INT007),
        // The duplicate is a faithful copy: only its id is wrong.
        ("no-attr".into(), Rule::IN002),
        ("missing".into(), Rule::INT005),
        ("prf".into(), Rule::PRF001),
    ];
    assert_eq!(got, expect);
}

/// A field of any name that names a member of the court that decided 19-19.463, as its text
/// gives them (`Mme Mouillard, président`, `Mme Fornarelli, greffier de chambre`), indexes them
/// with the decision: PRF001 on that field. The lawyers (`SCP Gadiou et Chevallier`), the
/// parties, the decision's header and plain tags name nobody of the court.
#[test]
fn a_field_naming_a_member_of_the_court_is_prf001_whatever_its_name() {
    let mut entities = clean("entities");
    entities["entities"] = json!([
        {"type": "ORG", "text": "Uber France"},
        {"type": "PERSON", "text": "Mme Mouillard"}
    ]);
    let mut signed = clean("signed");
    signed["meta"] = json!({"lang": "fr", "signed_by": "Mme Fornarelli"});
    let mut upper = clean("upper");
    upper["intervenants"] = json!("PONSOT");
    let mut others = clean("others");
    others["title"] =
        json!("Cour de cassation, Chambre commerciale, financière et économique, 18 novembre 2020");
    others["persons"] = json!(["SCP Gadiou et Chevallier", "M. O... IIS..."]);
    others["parties"] = json!("Uber France");
    others["tags"] = json!(["concurrence déloyale", "compétence"]);
    let report = report_lines_with(
        &[entities, signed, upper, others].map(|r| r.to_string()),
        None,
    );
    let got: Vec<(String, Rule, String)> = report
        .findings
        .iter()
        .map(|f| {
            let field = f.evidence.as_ref().map(|e| e.field.to_string());
            (
                support::audit::record_id(f),
                f.rule,
                field.unwrap_or_default(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("entities", Rule::PRF001, "entities"),
            ("signed", Rule::PRF001, "meta.signed_by"),
            ("upper", Rule::PRF001, "intervenants"),
        ]
        .map(|(id, rule, field)| (id.to_string(), rule, field.to_string()))
    );
    // The names are marked personal, for an export to redact.
    for f in &report.findings {
        let e = f.evidence.as_deref().unwrap();
        assert!(!e.personal.is_empty(), "{e:?}");
    }
}

#[test]
fn a_missed_correction_is_fre002_not_int001() {
    // The reference was updated on 2021-11-30.
    let mut old = clean("old");
    old["text"] = json!(cc_text().replacen("REJETTE le pourvoi", "CASSE le pourvoi", 1));
    old["updated_at"] = json!("2021-06-01");
    old["update_notice"] = json!("Document chargé sur le site source le 01/06/2021");
    let mut old_ident = clean("old-ident");
    old_ident["decision_date"] = json!("19 novembre 2020");
    old_ident["updated_at"] = json!("01/06/2021");
    old_ident.as_object_mut().unwrap().remove("update_notice");
    let mut same_old = clean("same-old");
    same_old["updated_at"] = json!("2021-06-01");
    same_old.as_object_mut().unwrap().remove("update_notice");
    let mut new = clean("new");
    new["text"] = json!(cc_text().replacen("REJETTE le pourvoi", "CASSE le pourvoi", 1));
    let got = audit(&[old, old_ident, same_old, new]);
    assert_eq!(
        got,
        vec![
            ("old".to_string(), Rule::FRE002),
            ("old-ident".into(), Rule::FRE002),
            ("new".into(), Rule::INT001),
            // The newest update in the corpus (2026-11-21) is fresh: no FRE003.
        ]
    );
}

/// The reference was updated on 2021-11-30, a date without a time (Judilibre's `update_date`).
/// A load dated the day before, however written, cannot have seen that update: its differing
/// text is a missed correction (FRE002), not an alteration (INT001).
#[test]
fn a_load_dated_the_day_before_a_dated_update_missed_it() {
    let changed = cc_text().replacen("REJETTE le pourvoi", "CASSE le pourvoi", 1);
    let record = |id: &str, updated_at: Option<&str>, notice: Option<&str>| {
        let mut r = clean(id);
        r["text"] = json!(changed);
        let o = r.as_object_mut().unwrap();
        o.remove("updated_at");
        o.remove("update_notice");
        if let Some(u) = updated_at {
            r["updated_at"] = json!(u);
        }
        if let Some(n) = notice {
            r["update_notice"] = json!(n);
        }
        r
    };
    let recs = [
        record("iso", Some("2021-11-29"), None),
        record("slashes", Some("29/11/2021"), None),
        record("french", Some("29 novembre 2021"), None),
        record(
            "notice",
            None,
            Some("Document chargé sur le site source le 29/11/2021"),
        ),
        record("notice-words", None, Some("Chargé le 29 novembre 2021")),
        record("notice-short-year", None, Some("Chargé le 29/11/21")),
        // The last minute of the 29th in Paris (UTC+1): still before the 30th.
        record("instant", Some("2021-11-29T22:59:00Z"), None),
        // Loaded the day after the update: the text was changed after the load.
        record("day-after", Some("2021-12-01"), None),
        // The first minutes of 1 December in Paris, the 30th in UTC.
        record("just-after", Some("2021-11-30T23:30:00Z"), None),
        // A fresh record, so that the corpus is no FRE003.
        clean("fresh"),
    ];
    // Every load above is of the 29th in Paris, the last minute of it for "instant".
    let missed = "the source updated the decision on 2021-11-30, after the record was last \
                  loaded on 2021-11-29, and the record's text differs: a correction was missed";
    let mut expected: Vec<(String, Rule, String)> = [
        "iso",
        "slashes",
        "french",
        "notice",
        "notice-words",
        "notice-short-year",
        "instant",
    ]
    .iter()
    .map(|id| (id.to_string(), Rule::FRE002, missed.to_string()))
    .collect();
    for id in ["day-after", "just-after"] {
        expected.push((
            id.into(),
            Rule::INT001,
            "the record reads «Cour : CASSE le» where the reference reads «Cour : REJETTE le»"
                .into(),
        ));
    }
    assert_eq!(messages_with(&recs, None), expected);
}

/// A text that differs from the reference only by letter-spacing (Judilibre's `R É P U B L I Q
/// U E F R A N Ç A I S E` set solid) is the decision's text: a record loaded before the source's
/// update missed no correction (no FRE002), and one loaded after altered nothing.
#[test]
fn a_heading_set_solid_is_no_correction_missed() {
    let spaced = "R É P U B L I Q U E F R A N Ç A I S E";
    assert!(cc_text().contains(spaced));
    let solid = cc_text().replace(spaced, "RÉPUBLIQUE FRANÇAISE");
    let mut before = clean("before");
    before["text"] = json!(solid);
    before["updated_at"] = json!("2021-11-29");
    before.as_object_mut().unwrap().remove("update_notice");
    let mut after = clean("after");
    after["text"] = json!(solid);
    // Other letters, loaded before the update: a correction missed, by the source's account.
    let mut other = before.clone();
    other["id"] = json!("other");
    other["text"] = json!(cc_text().replace(spaced, "REPUBLIQUE FRANCAISE"));
    assert_eq!(
        audit(&[before, after, other]),
        vec![("other".to_string(), Rule::FRE002)]
    );
}

/// An update on the day of the load, one of the two dates without a time, may have come before
/// the load or after it: the benefit of the doubt goes to a missed correction (FRE002, medium)
/// rather than to an alteration (INT001, high), and the message says it is a doubt. With both
/// times known, the order is known.
#[test]
fn an_update_on_the_day_of_the_load_is_a_doubtful_missed_correction() {
    let changed = cc_text().replacen("REJETTE le pourvoi", "CASSE le pourvoi", 1);
    let record = |id: &str, updated_at: &str| {
        let mut r = clean(id);
        r["text"] = json!(changed);
        r["updated_at"] = json!(updated_at);
        r.as_object_mut().unwrap().remove("update_notice");
        r
    };
    let mut both = record("both", "2021-11-30");
    both["decision_date"] = json!("19 novembre 2020");
    // The reference's update (2021-11-30) has no time.
    let got = messages_with(
        &[
            record("days", "2021-11-30"),
            record("instant", "2021-11-30T10:00:00+01:00"),
            both,
            clean("fresh"),
        ],
        None,
    );
    let doubt = |what: &str, differ: &str, no_time: &str| {
        format!(
            "the source updated the decision on 2021-11-30, the day the record was last loaded, \
             and the record's {what} {differ}: {no_time} to tell which came first, so this is \
             taken for a correction missed rather than for an alteration"
        )
    };
    assert_eq!(
        got,
        vec![
            (
                "days".to_string(),
                Rule::FRE002,
                doubt("text", "differs", "neither date gives a time")
            ),
            (
                "instant".into(),
                Rule::FRE002,
                doubt("text", "differs", "the source gives no time")
            ),
            (
                "both".into(),
                Rule::FRE002,
                doubt(
                    "text and identification",
                    "differ",
                    "neither date gives a time"
                )
            ),
        ]
    );

    // The history times the update (10:00 UTC, 11:00 in Paris) on 1 November 2026.
    let history = r#"{"transactions":[
        {"id":"5fca277de35a255d41ca73ab","action":"updated","date":"2026-11-01T10:00:00Z"}]}"#;
    let lines: Vec<String> = [
        record("day", "2026-11-01"),
        record("before", "2026-11-01T10:30:00+01:00"),
        record("after", "2026-11-01T11:30:00+01:00"),
        record("next-day", "2026-11-02"),
        // Loaded the day before, at a time: the days tell the order.
        record("day-before", "2026-10-31T23:00:00+01:00"),
        clean("fresh"),
    ]
    .iter()
    .map(|r| r.to_string())
    .collect();
    let report = report_lines_with(&lines, Some(history));
    let got = messages(&report);
    let substituted =
        "the record reads «Cour : CASSE le» where the reference reads «Cour : REJETTE le»";
    assert_eq!(
        got,
        vec![
            (
                "day".to_string(),
                Rule::FRE002,
                "the source updated the decision on 2026-11-01, the day the record was last \
                 loaded, and the record's text differs: the record's date of last update gives \
                 no time to tell which came first, so this is taken for a correction missed \
                 rather than for an alteration"
                    .to_string()
            ),
            // Both on one day, each at a time: the message gives the times, which tell why
            // the update came after (10:30 in Paris is 09:30 UTC): the record's time as it
            // wrote it, then in UTC.
            (
                "before".into(),
                Rule::FRE002,
                "the source updated the decision on 2026-11-01 10:00 UTC, after the record was \
                 last loaded on 2026-11-01 10:30 +01:00, 09:30 UTC, and the record's text differs: a \
                 correction was missed"
                    .into()
            ),
            ("after".into(), Rule::INT001, substituted.into()),
            ("next-day".into(), Rule::INT001, substituted.into()),
            (
                "day-before".into(),
                Rule::FRE002,
                "the source updated the decision on 2026-11-01, after the record was last \
                 loaded on 2026-10-31, and the record's text differs: a correction was missed"
                    .into()
            ),
        ]
    );
    // The notice gives the times too, in Paris, as its other times.
    let mut out = Vec::new();
    vigie::report::write(
        &report,
        vigie::report::Format::Notice,
        &vigie::report::WriteOptions::default(),
        &mut out,
    )
    .unwrap();
    let notice = String::from_utf8(out).unwrap().replace('\u{202f}', " ");
    assert!(
        notice.contains(
            "décision mise à jour à la source le 1er novembre 2026 à 11 h 00 (heure de Paris), \
             après le dernier chargement de l'enregistrement, le 1er novembre 2026 à 10 h 30 \
             (heure de Paris)"
        ),
        "{notice}"
    );
    assert!(
        notice.contains(
            "décision mise à jour à la source le 1er novembre 2026, après le dernier chargement \
             de l'enregistrement, le 31 octobre 2026 "
        ),
        "{notice}"
    );
}

#[test]
fn a_decision_deleted_at_source_is_fre004() {
    let history = r#"{"transactions":[
        {"id":"5fca277de35a255d41ca73ab","action":"updated","date":"2021-11-30T10:00:00Z"},
        {"id":"5fca277de35a255d41ca73ab","action":"deleted","date":"2026-11-01T10:00:00Z"},
        {"id":"aaaaaaaaaaaaaaaaaaaaaaaa","action":"created","date":"2024-01-01T10:00:00Z"},
        {"id":"aaaaaaaaaaaaaaaaaaaaaaaa","action":"deleted","date":"2026-10-01T10:00:00Z"}]}"#;
    let still = clean("still");
    let mut gone = clean("gone");
    gone["source_id"] = json!("AAAAAAAAAAAAAAAAAAAAAAAA");
    // Loaded before the update of 2021-11-30 with another text: a correction missed, were the
    // decision not withdrawn since; it is to be taken down, not corrected, so FRE004 alone.
    let mut stale = clean("stale");
    stale["text"] = json!(cc_text().replacen("REJETTE le pourvoi", "CASSE le pourvoi", 1));
    stale["updated_at"] = json!("2021-06-01");
    stale.as_object_mut().unwrap().remove("update_notice");
    let got = audit_with(&[still, gone, stale], Some(history));
    assert_eq!(
        got,
        vec![
            ("still".to_string(), Rule::FRE004),
            ("gone".into(), Rule::FRE004),
            ("stale".into(), Rule::FRE004)
        ]
    );
}

#[test]
fn a_stale_corpus_is_fre003_at_corpus_level() {
    let mut a = clean("a");
    a["updated_at"] = json!("2026-11-10");
    a["update_notice"] = json!("Document chargé le 10/11/2026");
    let got = audit(&[a.clone()]);
    assert_eq!(got, vec![(String::new(), Rule::FRE003)]);
    // A load dated more than a day after the audit time (2026-11-22T12:00Z) cannot be true: it
    // is an FRE001 and cannot show the corpus fresh then; within a day after it, it can (clocks
    // drift, a date alone may be read a day ahead).
    let mut future = clean("future");
    future["updated_at"] = json!("2027-01-01");
    future["update_notice"] = json!("Document chargé le 01/01/2027");
    let got = audit(&[a.clone(), future]);
    assert_eq!(
        got,
        vec![
            (String::new(), Rule::FRE003),
            ("future".to_string(), Rule::FRE001)
        ]
    );
    let mut ahead = clean("ahead");
    ahead["updated_at"] = json!("2026-11-23T08:00:00Z");
    assert_eq!(audit(&[a, ahead]), vec![]);
}

fn report_of(records: &[serde_json::Value]) -> vigie::report::Report {
    report_with_jobs(records, None)
}

/// The report of an audit of `records` on `jobs` threads (all cores when `None`).
fn report_with_jobs(records: &[serde_json::Value], jobs: Option<usize>) -> vigie::report::Report {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus.jsonl");
    let lines: Vec<String> = records.iter().map(|r| r.to_string() + "\n").collect();
    std::fs::write(&corpus, lines.concat()).unwrap();
    let opts = AuditOptions {
        corpus: vec![corpus],
        reference: vec![data("judilibre/cc_detail.json")],
        as_of: Some("2026-11-22T12:00:00Z".parse().unwrap()),
        jobs,
        ..Default::default()
    };
    run_audit(&opts).report
}

/// Dates of last update after the audit time (2026-11-22T12:00Z): more than a day after, each
/// is an FRE001 that says by how much, is counted in the `future` age bucket, not as fresh, and
/// is left out of FRE003, whose message counts it; within a day, it is fresh.
#[test]
fn dates_after_the_audit_are_fre001_and_counted_apart() {
    let dated = |id: &str, updated_at: &str| {
        let mut r = clean(id);
        r["updated_at"] = json!(updated_at);
        r.as_object_mut().unwrap().remove("update_notice");
        r
    };
    let r = report_of(&[
        dated("old", "2026-11-01"),
        dated("far", "2099-01-01"),
        // The 24th starts at 23:00 UTC on the 23rd, 35 hours after the audit time.
        dated("day-after-next", "2026-11-24"),
        // 23 hours ahead: slack.
        dated("slack", "2026-11-23T11:00:00Z"),
    ]);
    let got: Vec<(&str, Rule)> = r
        .findings
        .iter()
        .map(|f| {
            (
                f.record
                    .as_ref()
                    .and_then(|r| r.id.as_deref())
                    .unwrap_or(""),
                f.rule,
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![("far", Rule::FRE001), ("day-after-next", Rule::FRE001)],
        "the slack record is fresh, so is the corpus"
    );
    assert_eq!(
        r.findings[1].message,
        "the date of last update shown (2026-11-24) is 2 days after the day of the audit \
         (2026-11-22, in France): a date still to come cannot be that of the last update (if the \
         audit is back-dated, --as-of may be wrong)"
    );
    // 2026-11-01 ends at 23:00 UTC: 20 days and 13 hours before, in 1–4 wk; the slack record
    // counts as fresh.
    assert_eq!(
        r.audit.updated_at_ages.buckets,
        vec![
            ("≤72 h", 1),
            ("3–7 d", 0),
            ("1–4 wk", 1),
            ("1–6 mo", 0),
            (">6 mo", 0),
            ("none", 0),
            ("future", 2),
        ]
    );
    // Without the slack record the newest is 2026-11-01, quoted as that day: 493 hours (from
    // 2026-11-01T23:00Z to 2026-11-22T12:00Z, 20 days and 13 hours), the two records set aside.
    let r = report_of(&[
        dated("old", "2026-11-01"),
        dated("far", "2099-01-01"),
        dated("day-after-next", "2026-11-24"),
    ]);
    let fre003 = r.findings.iter().find(|f| f.rule == Rule::FRE003).unwrap();
    assert_eq!(
        fre003.message,
        "the newest update in the corpus (2026-11-01, a date without a time, taken at the end of \
         that day in France) is 493 hours before the audit time: more than 72 hours, the \
         longest interval between two updates that the Cour de cassation recommends for its \
         decisions (CC V; the other producers set no figure) (2 records dated more than a day after the audit time \
         are not counted: see their FRE001)"
    );
    let vigie::model::Fact::Newest(n) = &fre003.fact else {
        panic!("{:?}", fre003.fact)
    };
    assert_eq!(
        n.shown,
        vigie::ident::Moment::Date(jiff::civil::date(2026, 11, 1))
    );
    assert_eq!((n.age_secs, n.set_aside), (493 * 3600, 2));
    // Only dates after the audit: no newest, no FRE003, but every record is an FRE001 and the
    // verdict is not compliant.
    let r = report_of(&[dated("a", "2099-01-01"), dated("b", "2099-01-01")]);
    assert_eq!(r.findings.len(), 2);
    assert!(r.findings.iter().all(|f| f.rule == Rule::FRE001));
    assert_eq!(r.summary.verdict, vigie::report::Verdict::Temporary);
}

#[test]
fn html_text_is_compared_after_normalisation() {
    let mut h = clean("html");
    let t = cc_text();
    let html: String = t
        .split("\n\n")
        .map(|p| format!("<p>{}</p>", p.replace('&', "&amp;").replace('<', "&lt;")))
        .collect();
    h["text"] = json!(html);
    h["text_format"] = json!("html");
    assert_eq!(audit(&[h]), vec![]);
}

/// A whole HTML page is the decision its body shows: the page's title, like its styles and
/// scripts, is not shown in the page and is no text inserted (INT002). Text in the body is.
#[test]
fn the_head_of_an_html_page_is_no_text() {
    let body: String = cc_text()
        .split("\n\n")
        .map(|p| format!("<p>{}</p>", p.replace('&', "&amp;").replace('<', "&lt;")))
        .collect();
    let page = |body: &str| {
        format!(
            "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Décision</title>\
             <style>p {{ margin: 0 }}</style><script>var x = 1;</script></head>\
             <body>{body}<template><p>Modèle</p></template></body></html>"
        )
    };
    let mut h = clean("page");
    h["text"] = json!(page(&body));
    h["text_format"] = json!("html");
    let mut t = clean("page-title-in-body");
    t["text"] = json!(page(&format!("<h1>Décision</h1>{body}")));
    t["text_format"] = json!("html");
    assert_eq!(
        audit(&[h, t]),
        vec![("page-title-in-body".to_string(), Rule::INT002)]
    );
}

/// A plain text that keeps the source's line break tags (`<br/>`, as DILA's XML has them) for
/// its line breaks is the decision unaltered (SPEC §1.4): no INT002 for each tag. A word
/// inserted beside one still is.
#[test]
fn line_break_tags_in_a_plain_text_are_white_space() {
    let t = cc_text();
    let mut kept = clean("kept");
    kept["text"] = json!(t.replace('\n', "<br/>"));
    let mut mixed = clean("mixed");
    mixed["text"] = json!(t.replacen("\n", "<BR>", 3).replacen("\n", "<br />\n", 3));
    let mut inserted = clean("inserted");
    inserted["text"] = json!(t.replacen("\n", "<br/>ajouté<br/>", 1));
    assert_eq!(
        audit(&[kept, mixed, inserted]),
        vec![("inserted".to_string(), Rule::INT002)]
    );
}

/// Hyphenation points and other invisible format characters alter nothing a reader sees: a
/// reuser's HTML that marks them with `&shy;`, or a text with zero-width spaces inside words, is
/// the decision unaltered. A zero-width space put for a real space joins two words: INT001.
#[test]
fn invisible_format_characters_are_no_alteration() {
    let t = cc_text();
    let hyphenate = |w: &str, shy: &str| {
        let cut = w.char_indices().nth(3).map_or(w.len(), |(i, _)| i);
        format!("{}{shy}{}", &w[..cut], &w[cut..])
    };
    // Every word of seven letters or more gets a hyphenation point.
    let mark = |shy: &str| -> String {
        t.split(' ')
            .map(|w| {
                if w.chars().count() >= 7 && w.chars().all(char::is_alphabetic) {
                    hyphenate(w, shy)
                } else {
                    w.to_string()
                }
            })
            .collect::<Vec<_>>()
            .join(" ")
    };
    let mut html = clean("html-shy");
    let marked = mark("&shy;");
    assert!(marked.matches("&shy;").count() > 100);
    html["text"] = json!(format!("<p>{}</p>", marked.replace("\n\n", "</p><p>")));
    html["text_format"] = json!("html");
    let mut plain = clean("plain-shy");
    plain["text"] = json!(mark("\u{ad}"));
    let mut zwsp = clean("zwsp");
    zwsp["text"] = json!(format!("\u{feff}{}", mark("\u{200b}")));
    assert_eq!(audit(&[html, plain, zwsp]), vec![]);
    // A zero-width space for the space of `la Cour`: the words are joined.
    let mut joined = clean("joined");
    assert!(t.contains("la Cour"));
    joined["text"] = json!(t.replacen("la Cour", "la\u{200b}Cour", 1));
    assert_eq!(audit(&[joined]), vec![("joined".to_string(), Rule::INT001)]);
}

/// A party named without civility in the operative part, the own name of a married woman, a
/// foreign phone number and a date of birth after `Date et lieu de naissance` are exposures
/// the reference does not share (MSK004, MSK005, not source defects); a company and a lawyer
/// after the same operative words are none.
#[test]
fn parties_without_civility_and_foreign_identifiers_are_flagged() {
    let mut r = clean("bare");
    let text = cc_text()
        .replacen(
            "PAR CES MOTIFS",
            "Claire Martin épouse Lambert, joignable au +32 470 12 34 56, date et lieu de \
             naissance : 12 mars 1975 à Liège, a témoigné.\n\nPAR CES MOTIFS",
            1,
        )
        .replacen(
            "Condamne la société Uber France",
            "Condamne Karim Haddad, la société Axa, Me Jean Dupont et la société Uber France",
            1,
        );
    r["text"] = json!(text);
    let report = report_of(&[r]);
    let chars: Vec<char> = text.chars().collect();
    let mut shown: Vec<(Rule, String)> = report
        .findings
        .iter()
        .filter(|f| matches!(f.rule, Rule::MSK004 | Rule::MSK005))
        .map(|f| {
            let e = f.evidence.as_ref().unwrap();
            let (s, t) = e.span.unwrap();
            assert!(!f.source_defect, "{f:?}");
            (f.rule, chars[s..t].iter().collect())
        })
        .collect();
    shown.sort();
    assert_eq!(
        shown,
        vec![
            (Rule::MSK004, "Claire Martin".to_string()),
            (Rule::MSK004, "Karim Haddad".to_string()),
            (Rule::MSK004, "Lambert".to_string()),
            (Rule::MSK005, "+32 470 12 34 56".to_string()),
            (Rule::MSK005, "12 mars 1975".to_string()),
        ]
    );
}

/// Personal data flagged by one finding is redacted in every excerpt of the record, in every
/// export: an inserted passage (INT002) quoting a phone number, or an MSK005 excerpt beside the
/// name an MSK004 flags, must not show them in clear.
#[test]
fn personal_data_is_redacted_in_the_neighbours_excerpts_too() {
    use vigie::report::{self, Format, WriteOptions};
    let mut r = clean("leak");
    r["text"] = json!(cc_text().replacen(
        "PAR CES MOTIFS",
        "Mme Sophie Lambert, née le 3 mars 1975, joignable au 06 12 34 56 78, a témoigné.\n\nPAR CES MOTIFS",
        1
    ));
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus.jsonl");
    std::fs::write(&corpus, format!("{r}\n")).unwrap();
    let opts = AuditOptions {
        corpus: vec![corpus],
        reference: vec![data("judilibre/cc_detail.json")],
        as_of: Some("2026-11-22T12:00:00Z".parse().unwrap()),
        ..Default::default()
    };
    let report = run_audit(&opts).report;
    let rules: Vec<Rule> = report.findings.iter().map(|f| f.rule).collect();
    for rule in [Rule::INT002, Rule::MSK004, Rule::MSK005] {
        assert!(rules.contains(&rule), "{rules:?}");
    }
    // Each finding's excerpt shows the passage: the inserted text, the name, the date.
    for f in &report.findings {
        let ex = f
            .evidence
            .as_ref()
            .and_then(|e| e.excerpt.as_deref())
            .unwrap();
        assert!(
            ex.contains("Lambert") || ex.contains("1975") || ex.contains("06 12"),
            "{f:?}"
        );
    }
    let clear = [
        "Lambert",
        "Sophie",
        "ophie",
        "1975",
        "mars 1975",
        "06 12 34 56 78",
        "56 78",
    ];
    let render = |o: &WriteOptions, format| {
        let mut out = Vec::new();
        report::write(&report, format, o, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    };
    for format in [Format::Json, Format::Jsonl, Format::Csv, Format::Text] {
        let hidden = render(&WriteOptions::default(), format);
        for c in clear {
            assert!(!hidden.contains(c), "{format:?} shows {c}:\n{hidden}");
        }
        if format != Format::Text {
            // The text summary shows no excerpts; the others show the name's first letter.
            assert!(hidden.contains("Mme S"), "{format:?}:\n{hidden}");
        }
    }
    let notice = render(
        &WriteOptions {
            reuser: Some("Éditions Exemple".into()),
            ..WriteOptions::default()
        },
        Format::Notice,
    );
    for c in clear {
        assert!(!notice.contains(c), "the notice shows {c}:\n{notice}");
    }
    let revealed = render(
        &WriteOptions {
            reveal_personal_data: true,
            ..WriteOptions::default()
        },
        Format::Json,
    );
    assert!(revealed.contains("Sophie Lambert"));
    assert!(revealed.contains("06 12 34 56 78"));
}

/// A lone UTF-16 surrogate escape (which Python's `json.dumps` writes for a string that split a
/// character) is read as U+FFFD rather than losing the record: a faithful record with one in a
/// metadata field is clean, and one in the text is a substitution against the reference.
#[test]
fn lone_surrogate_escapes_are_read_as_replacement_characters() {
    let mut tags = clean("tags").to_string();
    tags.pop();
    tags.push_str(r#","tags":"voir \ud800"}"#);
    let mut text = clean("text");
    text["text"] = json!(cc_text().replacen("REJETTE le pourvoi", "REJETTE le pourvSURROGATEi", 1));
    let text = text.to_string().replace("SURROGATE", r"\udc00");
    let got = audit_lines(&[tags, text]);
    assert_eq!(got, vec![("text".to_string(), Rule::INT001)]);
}

/// Audits `corpus` against `reference`, written with `original` first; then, once the reference
/// is loaded and before the corpus is checked, rewritten with `rewritten` when given (a sync job
/// writing over it during the audit).
fn audit_rewriting_reference(
    corpus: &Path,
    reference: &Path,
    original: &str,
    rewritten: Option<&str>,
) -> audit::AuditOutcome {
    std::fs::write(reference, original).unwrap();
    let opts = AuditOptions {
        corpus: vec![corpus.to_path_buf()],
        reference: vec![reference.to_path_buf()],
        as_of: Some("2026-11-22T12:00:00Z".parse().unwrap()),
        ..Default::default()
    };
    let sink = |e: audit::AuditEvent| {
        if let (Some(text), audit::AuditEvent::ReferenceLoaded { .. }) = (rewritten, e) {
            std::fs::write(reference, text).unwrap();
        }
    };
    audit::run(&opts, &sink, &AtomicBool::new(false)).unwrap()
}

/// A reference rewritten while the corpus is checked (a sync job writing over it): a record
/// whose text had to be compared with the reference's, which can no longer be read, is counted
/// and named as not compared, never passed in silence as faithful.
#[test]
fn a_reference_changed_during_the_audit_leaves_texts_counted_as_not_compared() {
    let dir = tempfile::tempdir().unwrap();
    let reference = dir.path().join("cc_detail.json");
    let original = std::fs::read_to_string(data("judilibre/cc_detail.json")).unwrap();
    let corpus = dir.path().join("corpus.jsonl");
    // A faithful copy (equal byte for byte: the reference is not read again) and a changed one.
    let mut sub = clean("sub");
    sub["text"] = json!(cc_text().replacen("REJETTE le pourvoi", "CASSE le pourvoi", 1));
    std::fs::write(&corpus, format!("{}\n{sub}\n", clean("same"))).unwrap();
    assert!(original.contains("REJETTE le pourvoi"));
    let changed = original.replacen("REJETTE le pourvoi", "REJETTE le recours", 1);
    let run = |rewrite: bool| {
        audit_rewriting_reference(&corpus, &reference, &original, rewrite.then_some(&*changed))
    };
    let rules = |out: &audit::AuditOutcome| -> Vec<Rule> {
        out.report.findings.iter().map(|f| f.rule).collect()
    };

    let steady = run(false);
    assert_eq!(rules(&steady), vec![Rule::INT001]);
    assert_eq!(steady.report.audit.texts_not_compared(), 0);
    assert_eq!(steady.first_not_compared, None);

    let changed = run(true);
    assert_eq!(rules(&changed), Vec::<Rule>::new());
    assert_eq!(changed.report.audit.texts_not_compared(), 1);
    let first = changed.first_not_compared.unwrap();
    assert!(first.contains("corpus.jsonl:2: "), "{first}");
    assert!(first.contains("changed since it was read"), "{first}");
    // It names the reference decision whose text could not be read.
    assert!(first.contains("cc_detail.json"), "{first}");
}

/// A record whose text is the reference's, byte for byte, needs no reading of the reference
/// text, even to tell that a name it shows in clear is in clear at the source too
/// (`source_defect`): a reference rewritten during the audit changes nothing for it.
#[test]
fn a_record_equal_to_its_reference_never_reads_it_again() {
    let dir = tempfile::tempdir().unwrap();
    let reference = dir.path().join("ref.json");
    let text = "Mme Sophie Lambert, née le 3 mars 1975, a formé un pourvoi contre l'arrêt rendu \
                par la cour d'appel ; PAR CES MOTIFS, la Cour rejette le pourvoi.";
    let original = json!({"id": "d1", "text": text}).to_string();
    let corpus = dir.path().join("corpus.jsonl");
    std::fs::write(
        &corpus,
        format!("{}\n", json!({"id": "r1", "source_id": "d1", "text": text})),
    )
    .unwrap();
    let run = |rewrite: bool| {
        audit_rewriting_reference(&corpus, &reference, &original, rewrite.then_some("{}"))
    };
    let masking = |out: &audit::AuditOutcome| -> Vec<(Rule, bool)> {
        out.report
            .findings
            .iter()
            .filter(|f| matches!(f.rule, Rule::MSK004 | Rule::MSK005))
            .map(|f| (f.rule, f.source_defect))
            .collect()
    };
    let steady = run(false);
    assert!(!masking(&steady).is_empty(), "{:?}", steady.report.findings);
    assert!(masking(&steady).iter().all(|&(_, defect)| defect));
    let rewritten = run(true);
    assert_eq!(masking(&rewritten), masking(&steady));
    assert_eq!(rewritten.report.audit.texts_not_compared(), 0);
    assert_eq!(rewritten.first_not_compared, None);
}

/// Names in the middle of a long lifted passage, which its excerpt shortens, are still redacted
/// wherever else the record shows them: the excerpt of personal data is never shortened, so
/// that all of it is known to the other excerpts.
#[test]
fn names_of_a_long_lifted_passage_are_redacted_in_the_other_excerpts() {
    let dir = tempfile::tempdir().unwrap();
    let text = "Attendu que [A] [B] [C] [D] [E] ont formé un pourvoi contre l'arrêt rendu le \
                3 mars 2019 par la cour d'appel ; que le moyen n'est pas fondé ; PAR CES MOTIFS, \
                la Cour rejette le pourvoi.";
    let reference = dir.path().join("ref.json");
    std::fs::write(&reference, json!({"id": "d1", "text": text}).to_string()).unwrap();
    let names = "Jean-Baptiste Maximilien Lefebvre-Durand de la Tour-Montfaucon, Marie-Antoinette \
                 Clémentine Beauregard, Pierre-Alexandre Hippolyte Vasseur-Lemoine, \
                 Louise-Éléonore Castelnau et Gontran Saint-Exupéry";
    assert!(names.chars().count() > 170);
    let record = text.replace("[A] [B] [C] [D] [E]", names).replace(
        "PAR CES MOTIFS",
        "Note de la rédaction : voir aussi l'affaire Beauregard et ses suites. PAR CES MOTIFS",
    );
    let corpus = dir.path().join("corpus.jsonl");
    std::fs::write(
        &corpus,
        format!(
            "{}\n",
            json!({"id": "r1", "source_id": "d1", "text": record})
        ),
    )
    .unwrap();
    let opts = AuditOptions {
        corpus: vec![corpus],
        reference: vec![reference],
        as_of: Some("2026-11-22T12:00:00Z".parse().unwrap()),
        ..Default::default()
    };
    let report = run_audit(&opts).report;
    let evidence = |rule: Rule| {
        report
            .findings
            .iter()
            .find(|f| f.rule == rule)
            .and_then(|f| f.evidence.as_deref())
            .unwrap_or_else(|| panic!("no {rule:?} in {:?}", report.findings))
    };
    let lifted = evidence(Rule::MSK001);
    assert!(lifted.excerpt.as_deref().unwrap().contains(names));
    let inserted = evidence(Rule::INT002);
    let excerpt: Vec<char> = inserted.excerpt.as_deref().unwrap().chars().collect();
    let shown: String = excerpt.iter().collect();
    let at = shown.find("Beauregard et").unwrap();
    let at = shown[..at].chars().count();
    assert!(
        inserted
            .personal
            .iter()
            .any(|p| p.start <= at && at + "Beauregard".len() <= p.end),
        "{inserted:?}"
    );
}

/// While the reference loads, the audit tells how many of its bytes are read: from none to all
/// of them, never backwards, in a few hundred steps at most, all before it says the reference is
/// loaded. A JSON Lines file tells as its blocks are parsed; the files of a folder (the demo's
/// DILA XML files) as each is read.
#[test]
fn the_reference_loading_tells_its_progress_in_bytes() {
    let dir = tempfile::tempdir().unwrap();
    // 40 copies of the real decision, each a line of about 150 KB: several blocks of 1 MiB
    // and more.
    let mut v: serde_json::Value =
        serde_json::from_slice(&std::fs::read(data("judilibre/cc_detail.json")).unwrap()).unwrap();
    let mut jsonl = String::new();
    for i in 0..40 {
        v["id"] = json!(format!("{i:024x}"));
        jsonl.push_str(&v.to_string());
        jsonl.push('\n');
    }
    let big = dir.path().join("export.jsonl");
    std::fs::write(&big, &jsonl).unwrap();
    let demo = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/demo/reference");
    let corpus = dir.path().join("corpus.jsonl");
    std::fs::write(&corpus, format!("{}\n", clean("r-1"))).unwrap();
    let mut total = jsonl.len() as u64;
    for e in walkdir(&demo) {
        total += std::fs::metadata(e).unwrap().len();
    }
    let opts = AuditOptions {
        corpus: vec![corpus],
        reference: vec![big, demo],
        as_of: Some("2026-11-22T12:00:00Z".parse().unwrap()),
        ..Default::default()
    };
    let events = std::sync::Mutex::new(Vec::new());
    let sink = |e: audit::AuditEvent| match e {
        audit::AuditEvent::ReferenceProgress {
            bytes_done,
            bytes_total,
        } => events.lock().unwrap().push(Some((bytes_done, bytes_total))),
        audit::AuditEvent::ReferenceLoaded { .. } => events.lock().unwrap().push(None),
        _ => {}
    };
    audit::run(&opts, &sink, &AtomicBool::new(false)).unwrap();
    let events = events.into_inner().unwrap();
    let loaded = events.iter().position(Option::is_none).unwrap();
    assert_eq!(
        loaded,
        events.len() - 1,
        "progress after the loading: {events:?}"
    );
    let told: Vec<(u64, u64)> = events[..loaded].iter().map(|e| e.unwrap()).collect();
    assert_eq!(told.first(), Some(&(0, total)));
    assert_eq!(told.last(), Some(&(total, total)));
    assert!(told.windows(2).all(|w| w[0].0 < w[1].0), "{told:?}");
    assert!(told.iter().all(|&(_, t)| t == total), "{told:?}");
    // Steps of 1/200th at least, and more than one for the JSON Lines file alone.
    assert!(told.len() <= 202, "{}", told.len());
    assert!(
        told.iter()
            .filter(|&&(d, _)| d > 0 && d < jsonl.len() as u64)
            .count()
            >= 2,
        "{told:?}"
    );
}

/// The files under `dir`, recursively.
fn walkdir(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(walkdir(&p));
        } else {
            out.push(p);
        }
    }
    out
}

/// The reuser's own words (a commentary, a note, a tag) about the real decision, whose text
/// names « Mme MOUILLARD, président ». Naming the bench, a rapporteur or an academic who wrote
/// a note is no party's name in clear (MSK004); pairing a magistrate with figures or judgements
/// about their practice is profiling (PRF002, CGU VI), in free text as much as in a field built
/// for it; a commentary on the decision, or on figures that are not anybody's practice, is
/// neither.
#[test]
fn the_reusers_words_about_the_bench_are_judged_as_profiling_not_as_names() {
    let with = |id: &str, field: &str, value: serde_json::Value| {
        let mut r = clean(id);
        r[field] = value;
        r
    };
    let records = [
        // Profiling: rates, counts, scores, a reputation, a habit.
        with(
            "rate",
            "analysis",
            json!("Mme Mouillard, présidente, rejette 82 % des pourvois dont elle est saisie."),
        ),
        with(
            "count",
            "commentary",
            json!(
                "Statistiques : la présidente Mme Mouillard a rejeté 412 pourvois sur 500 en 2020."
            ),
        ),
        with(
            "reputation",
            "commentary",
            json!(
                "La présidente, Mme Mouillard, est réputée très sévère envers les chauffeurs VTC."
            ),
        ),
        with(
            "score",
            "commentary",
            json!("Score de sévérité du président (Mme Mouillard) : 8,7/10"),
        ),
        // Named without a role: the decision gives her one.
        with(
            "tagged",
            "notes",
            json!(["Mme Mouillard : taux de cassation 18 %"]),
        ),
        // Not profiling, and no party named: the bench, the rapporteur, an academic.
        with(
            "bench",
            "commentary",
            json!(
                "Arrêt rendu sous la présidence de Mme Mouillard, qui a suivi l'avis du rapporteur."
            ),
        ),
        with(
            "figures",
            "commentary",
            json!(
                "Mme Mouillard, présidente, applique le taux d'intérêt légal ; la clause est réputée non écrite et la sévérité de la peine est discutée."
            ),
        ),
        with(
            "academic",
            "commentary",
            json!("Voir la note de M. Jean Dupont, professeur à l'université Paris II."),
        ),
        with(
            "lawyer",
            "commentary",
            json!("Me Spinosi gagne 60 % de ses dossiers devant la chambre commerciale."),
        ),
        // A tag that names the president indexes her with the decision as a field named for
        // her would: PRF001 (no figures, so no PRF002).
        with("tag", "tags", json!(["Mme Mouillard", "rejet"])),
        // The dot of a civility ends no sentence: the role before it is beside the name.
        with(
            "dot",
            "commentary",
            json!("Le président M. Bonnal rejette 80 % des pourvois."),
        ),
        // Chances of an outcome before a named president: a prediction of her practice.
        with(
            "chances",
            "prediction",
            json!("35 % de chances de succès devant Mme Martinel, présidente"),
        ),
        // The role's next word is past the colon: still a president, not a party.
        with(
            "colon",
            "prediction",
            json!("Mme Martinel, présidente : 35 % de chances de succès"),
        ),
        // A role in parentheses is a role: profiling, and no party's name.
        with(
            "parenthesis",
            "analytics",
            json!("M. Bonnal (président) — taux de cassation : 12 %"),
        ),
        with(
            "bench-parenthesis",
            "commentary",
            json!("Décision rendue par M. Bonnal (président)."),
        ),
        // An acronym's dot ends its sentence: the figures before it are nobody's practice.
        with(
            "acronym",
            "commentary",
            json!(
                "Le taux de cassation national est de 12 % selon l'UE. Mme Mouillard, présidente, a statué."
            ),
        ),
        // A party named in the reuser's words is still a party.
        with(
            "party",
            "commentary",
            json!("M. Hervé Wallon, demeurant à Lyon, a formé un pourvoi."),
        ),
    ];
    let mut got = audit(&records);
    got.sort();
    let want: Vec<(String, Rule)> = [
        ("chances", Rule::PRF002),
        ("colon", Rule::PRF002),
        ("count", Rule::PRF002),
        ("dot", Rule::PRF002),
        ("parenthesis", Rule::PRF002),
        ("party", Rule::MSK004),
        ("rate", Rule::PRF002),
        ("reputation", Rule::PRF002),
        ("score", Rule::PRF002),
        ("tag", Rule::PRF001),
        ("tagged", Rule::PRF002),
    ]
    .into_iter()
    .map(|(id, r)| (id.to_string(), r))
    .collect();
    assert_eq!(got, want);
}

/// The findings of an audit of `records` at `--jobs 1`, each as its rule, message and evidence.
fn findings_of(records: &[serde_json::Value]) -> Vec<String> {
    report_with_jobs(records, Some(1))
        .findings
        .iter()
        .map(|f| format!("{:?} {} {:?}", f.rule, f.message, f.evidence))
        .collect()
}

/// Records citing one decision one after another are compared with its text as read, normalised
/// and tokenised for the first of them: each gets the findings it gets alone.
#[test]
fn records_citing_one_decision_in_a_row_get_the_findings_each_gets_alone() {
    let t = cc_text();
    let edits = [
        t.replacen("REJETTE le pourvoi", "CASSE le pourvoi", 1),
        t.replacen(
            "PAR CES MOTIFS",
            "Mme Sophie Lambert, née le 3 mars 1975, a témoigné.\n\nPAR CES MOTIFS",
            1,
        ),
        t.replacen("M. J... Y...", "M. Jacques Yvelin", 1),
        t[..t.len() / 3].to_string(),
        "Bonjour.".to_string(),
        t.clone(),
        t.replacen("M. M... G...", "M. [M] [G]", 1),
        t.replacen("la société Uber France", "la société [X]", 1),
        t.replacen("REJETTE le pourvoi", "CASSE le pourvoi", 1),
    ];
    let records: Vec<serde_json::Value> = edits
        .iter()
        .enumerate()
        .map(|(k, text)| {
            let mut r = clean(&format!("r{k}"));
            r["text"] = json!(text);
            r
        })
        .collect();
    let alone: Vec<String> = records
        .iter()
        .flat_map(|r| findings_of(std::slice::from_ref(r)))
        .collect();
    // Each edit is found (the record equal to the reference has none).
    for rule in [
        "INT001", "INT002", "INT003", "MSK001", "MSK002", "MSK004", "MSK005",
    ] {
        assert!(
            alone.iter().any(|f| f.starts_with(rule)),
            "{rule}: {alone:#?}"
        );
    }
    assert_eq!(findings_of(&records), alone);
}

/// The invisible format characters the text normalisation drops (soft hyphen, zero-width
/// space, non-joiner and joiner, word joiner, byte order mark) are nothing in an
/// identification or attribution field either: `Pa\u{200b}ris` is Paris, `Cour de
/// cas\u{ad}sation (Judi\u{ad}libre)` names the producer. Another city so written is still
/// another, quoted as written.
#[test]
fn invisible_characters_in_identification_and_attribution_are_nothing() {
    for c in [
        '\u{ad}', '\u{200b}', '\u{200c}', '\u{200d}', '\u{2060}', '\u{feff}',
    ] {
        let mut r = clean("hidden");
        r["seat"] = json!(format!("Pa{c}ris"));
        r["jurisdiction"] = json!(format!("Cour de cas{c}sation"));
        r["formation"] = json!(format!("Chambre com{c}merciale, financière et économique"));
        r["decision_date"] = json!(format!("18 novem{c}bre 20{c}20"));
        r["number"] = json!(format!("19-19.{c}463"));
        r["attribution"] = json!(format!("Source : Cour de cas{c}sation (Judi{c}libre)"));
        let mut other = clean("other");
        other["seat"] = json!(format!("Ly{c}on"));
        other["attribution"] = json!(format!("{c}Judi{c}libre{c}"));
        assert_eq!(
            messages_with(&[r, other], None),
            vec![(
                "other".to_string(),
                Rule::INT006,
                format!("seat «Ly{c}on» contradicts the reference (Paris)")
            )],
            "{c:?}"
        );
    }
}

/// Decimal digits of other scripts (full-width, Arabic-Indic, extended Arabic-Indic,
/// Devanagari) are read as their values in a date, a number and an update notice: the right
/// ones are no finding, wrong ones INT006, quoted as written. A value present but unreadable
/// is said so, never absent.
#[test]
fn digits_of_other_scripts_are_read_in_identification() {
    let with = |id: &str, field: &str, value: &str| {
        let mut r = clean(id);
        r[field] = json!(value);
        r
    };
    // The notice alone dates the load.
    let mut notice = with(
        "notice-fw",
        "update_notice",
        "Document chargé sur le site source le ２１/１１/２０２６",
    );
    notice.as_object_mut().unwrap().remove("updated_at");
    let records = [
        notice,
        with("date-fw", "decision_date", "２０２０-１１-１８"),
        with("date-ar", "decision_date", "١٨/١١/٢٠٢٠"),
        with("date-fa", "decision_date", "۱۸ novembre ۲۰۲۰"),
        with("date-dev", "decision_date", "२०२०-११-१८"),
        with("num-fw", "number", "１９-１９.４６３"),
        with("num-ar", "number", "n° ١٩-١٩.٤٦٣"),
        with("date-fw-wrong", "decision_date", "２０２２-０１-０１"),
        with("num-fw-wrong", "number", "９９-９９.９９９"),
        with("num-ar-wrong", "number", "٩٩-٩٩.٩٩٩"),
        with("date-cjk", "decision_date", "二〇二〇年"),
    ];
    assert_eq!(
        messages_with(&records, None),
        vec![
            (
                "date-fw-wrong".to_string(),
                Rule::INT006,
                "decision_date «２０２２-０１-０１» contradicts the reference (2020-11-18)"
                    .to_string()
            ),
            (
                "num-fw-wrong".to_string(),
                Rule::INT006,
                "number «９９-９９.９９９» contradicts the reference (19-19.463)".to_string()
            ),
            (
                "num-ar-wrong".to_string(),
                Rule::INT006,
                "number «٩٩-٩٩.٩٩٩» contradicts the reference (19-19.463)".to_string()
            ),
            (
                "date-cjk".to_string(),
                Rule::INT005,
                "identification required beside the decision is shown in no form that \
                 identifies the decision: decision_date «二〇二〇年» (no date can be read in it)"
                    .to_string()
            ),
        ]
    );
}

/// Publishers keep editorial content as HTML, and a reuser's commentary or other field may hold
/// it as they do: a name or a phone number split by a tag or an entity (`M.&nbsp;Dupont`,
/// `M<sup>me</sup> Lambert`, `06&nbsp;12…`) is found in the text of the HTML, its span in the
/// chars of the field as written, its excerpt in the text as read and redacted, and redacted in
/// the record's other excerpts too. A string with a lone `<` or `&` in prose is read as before,
/// and a script's content is no text.
#[test]
fn names_and_identifiers_in_html_fields_are_found() {
    use vigie::report::{self, Format, WriteOptions};
    let with = |id: &str, field: &str, value: &str| {
        let mut r = clean(id);
        r[field] = json!(value);
        r
    };
    // A passage the reuser inserted in the text, which names the person in no way the detector
    // finds on its own: only the commentary's finding makes its excerpt hide the name.
    let mut shared = with(
        "shared",
        "commentary",
        "<p>M.&nbsp;Dupont a été licencié.</p>",
    );
    shared["text"] = json!(cc_text().replacen(
        "PAR CES MOTIFS",
        "Le dossier Dupont est clos.\n\nPAR CES MOTIFS",
        1
    ));
    let records = [
        with(
            "nbsp",
            "commentary",
            "<p>M.&nbsp;Dupont a été licencié.</p>",
        ),
        with(
            "sup",
            "commentary",
            "<p>M<sup>me</sup> Lambert a été licenciée.</p>",
        ),
        with(
            "strong",
            "commentary",
            "<p>M. <strong>Dupont</strong> a été licencié.</p>",
        ),
        with(
            "phone",
            "commentary",
            "<p>Joignable au 06&nbsp;12&nbsp;34&nbsp;56&nbsp;78.</p>",
        ),
        with("entity", "resume", "M. Dupr&eacute; a été licencié."),
        with("br", "resume", "Licenciement de M.<br>Dupont."),
        // Counter-cases: prose with a lone `<` or `&` is plain text, as before (the span counts
        // its chars as written); a script's content is no text of the page.
        with(
            "prose",
            "commentary",
            "Note : 3 < 4. M. Dupont & Fils a été licencié.",
        ),
        with(
            "script",
            "commentary",
            "<p>Commentaire.</p><script>var nom = \"M. Dupont\";</script>",
        ),
        shared,
    ];
    let report = report_of(&records);
    // Each finding's record, rule, field, span and excerpt.
    type Span = Option<(usize, usize)>;
    let mut got: Vec<(String, Rule, String, Span, String)> = report
        .findings
        .iter()
        .map(|f| {
            let e = f.evidence.as_ref().unwrap();
            (
                support::audit::record_id(f),
                f.rule,
                e.field.to_string(),
                e.span,
                e.excerpt.clone().unwrap_or_default(),
            )
        })
        .collect();
    got.sort();
    let c = "commentary".to_string();
    let r = "resume".to_string();
    // Spans counted by hand in the values as written: `<p>M.&nbsp;` is 11 chars, `<p>M<sup>me
    // </sup> ` 18, `<p>M. <strong>` 14, `<p>Joignable au ` 16 and the phone number 10 digits
    // and four 6-char entities; `Dupr&eacute;` is 12 chars after `M. `; `Licenciement de M.<br>`
    // 22.
    let want = vec![
        ("br".into(), Rule::MSK004, r.clone(), Some((22, 28))),
        ("entity".into(), Rule::MSK004, r.clone(), Some((3, 15))),
        ("nbsp".into(), Rule::MSK004, c.clone(), Some((11, 17))),
        ("phone".into(), Rule::MSK005, c.clone(), Some((16, 50))),
        ("prose".into(), Rule::MSK004, c.clone(), Some((17, 23))),
        ("shared".into(), Rule::INT002, "text".into(), None),
        ("shared".into(), Rule::MSK004, c.clone(), Some((11, 17))),
        ("strong".into(), Rule::MSK004, c.clone(), Some((14, 20))),
        ("sup".into(), Rule::MSK004, c.clone(), Some((18, 25))),
    ];
    let shape: Vec<(String, Rule, String, Span)> = got
        .iter()
        .map(|(id, rule, field, span, _)| {
            let span = if field == "text" { None } else { *span };
            (id.clone(), *rule, field.clone(), span)
        })
        .collect();
    assert_eq!(shape, want, "{got:#?}");
    // The excerpts are the text as read: no markup, no entity; prose keeps its `<` and `&`.
    for (id, _, _, _, ex) in got.iter().filter(|g| g.0 != "prose") {
        assert!(!ex.contains('<') && !ex.contains('&'), "{id}: {ex}");
    }
    let excerpt = |id: &str| got.iter().find(|g| g.0 == id).unwrap().4.clone();
    assert!(
        excerpt("prose").starts_with("Note : 3 < 4. M. D") && excerpt("prose").contains(" & Fils"),
        "{}",
        excerpt("prose")
    );
    assert!(excerpt("sup").starts_with("Mme L"), "{}", excerpt("sup"));
    assert!(
        excerpt("entity").starts_with("M. D"),
        "{}",
        excerpt("entity")
    );
    // Redacted wherever the report shows them, the inserted passage's excerpt included.
    let mut json = Vec::new();
    report::write(&report, Format::Json, &WriteOptions::default(), &mut json).unwrap();
    let json = String::from_utf8(json).unwrap();
    for clear in [
        "Dupont",
        "upont",
        "Lambert",
        "Dupré",
        "Dupr&eacute;",
        "34 56",
    ] {
        assert!(!json.contains(clear), "the report shows {clear}:\n{json}");
    }
    assert!(json.contains("dossier D"), "{json}");
}
