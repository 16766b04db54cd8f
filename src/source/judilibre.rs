//! Judilibre JSON: one decision object, an array of them, an `/export` or `/search` page
//! `{"results": [...]}`, or JSON Lines of decision objects.

use crate::model::{Origin, Producer, ReferenceDecision, Zone};
use serde_json::Value;

/// One decision read, or why one could not be.
pub type Item = Result<ReferenceDecision, (Origin, String)>;

/// Reads every decision of a Judilibre JSON document (any of its shapes).
pub fn parse(bytes: &[u8], file: &str) -> Vec<Item> {
    let b = if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        &bytes[3..]
    } else {
        bytes
    };
    match crate::corpus::parse_json(b) {
        Ok(v) => from_document(v, file, 1),
        Err(whole) => {
            // JSON Lines: one decision (or page) per line, parsed in parallel.
            use rayon::prelude::*;
            let mut lines: Vec<(u64, &[u8])> = Vec::new();
            let mut start = 0usize;
            for (i, end) in memchr::memchr_iter(b'\n', b)
                .chain(std::iter::once(b.len()))
                .enumerate()
            {
                let line = &b[start..end];
                if !line.iter().all(|c| c.is_ascii_whitespace()) {
                    lines.push((i as u64 + 1, line));
                }
                start = (end + 1).min(b.len());
            }
            let parsed: Vec<(bool, Vec<Item>)> = lines
                .par_iter()
                .map(|&(ln, line)| match crate::corpus::parse_json(line) {
                    Ok(v) => (true, from_document(v, file, ln)),
                    Err(e) => {
                        // In chars, as an editor counts them (a CR alone ends a line).
                        let (l, column) = e.place(line);
                        (
                            false,
                            vec![Err((
                                Origin {
                                    file: file.to_string(),
                                    line: ln + l - 1,
                                },
                                format!("column {column}: bad JSON: {}", e.reason()),
                            ))],
                        )
                    }
                })
                .collect();
            let any_ok = parsed.iter().any(|p| p.0);
            let out: Vec<Item> = parsed.into_iter().flat_map(|p| p.1).collect();
            if !any_ok {
                // Not JSON Lines either: report the error of the document as a whole.
                let (line, column) = whole.place(b);
                return vec![Err((
                    Origin {
                        file: file.to_string(),
                        line,
                    },
                    format!("column {column}: bad JSON: {}", whole.reason()),
                ))];
            }
            out
        }
    }
}

pub(crate) fn from_document(v: Value, file: &str, line: u64) -> Vec<Item> {
    let origin = Origin {
        file: file.to_string(),
        line,
    };
    match v {
        Value::Array(items) => items
            .into_iter()
            .map(|d| decision(d, origin.clone()))
            .collect(),
        Value::Object(mut o) => {
            if let Some(results) = take_results(&mut o) {
                results
                    .into_iter()
                    .map(|d| decision(d, origin.clone()))
                    .collect()
            } else if o.contains_key("transactions") {
                vec![Err((
                    origin,
                    "this is a /transactionalhistory page: pass it with --history".into(),
                ))]
            } else {
                vec![decision(Value::Object(o), origin)]
            }
        }
        other => vec![Err((
            origin,
            format!(
                "expected a Judilibre decision object, an array or a results page, not {}",
                crate::corpus::kind_of(&other)
            ),
        ))],
    }
}

/// The decisions of a page of results, taken out of it: its `results`; or, in an object that is
/// no decision (no `id`), search results given twice, as judilibre-search's own samples hold
/// them: with the API's codes (`unresolved`) and with their labels (`resolved`). The codes are
/// what the API gives by default: they are read. `None` for anything else.
fn take_results(o: &mut serde_json::Map<String, Value>) -> Option<Vec<Value>> {
    match o.remove("results") {
        Some(Value::Array(results)) => Some(results),
        _ if !o.contains_key("id") => match (o.remove("unresolved"), o.remove("resolved")) {
            (Some(Value::Array(results)), _) | (_, Some(Value::Array(results))) => Some(results),
            _ => None,
        },
        _ => None,
    }
}

fn string(o: &serde_json::Map<String, Value>, key: &str) -> Option<String> {
    match o.get(key)? {
        Value::String(s) if !s.trim().is_empty() => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// A decision's text, taken out of its object: empty when it has none (`null`, absent, blank).
/// Any other value than a string (a number, an object) says the document is not the decision
/// it seems: the reason it cannot be read, rather than a text made up of it.
fn take_text(o: &mut serde_json::Map<String, Value>) -> Result<String, String> {
    match o.remove("text") {
        Some(Value::String(s)) if !s.trim().is_empty() => Ok(s),
        None | Some(Value::Null) | Some(Value::String(_)) => Ok(String::new()),
        Some(v) => Err(format!(
            "`text` must be a string, not {}",
            crate::corpus::kind_of(&v)
        )),
    }
}

/// The text of decision `index` of a document, as `from_document(v, ..)[index]` gives it (`None`
/// where that is no decision), without converting the rest of the decision: reading a
/// reference text again needs nothing else.
pub(crate) fn text_of(v: Value, index: usize) -> Option<String> {
    let d = match v {
        Value::Array(items) => items.into_iter().nth(index)?,
        Value::Object(mut o) => match take_results(&mut o) {
            Some(results) => results.into_iter().nth(index)?,
            None if index > 0 || o.contains_key("transactions") => return None,
            None => Value::Object(o),
        },
        _ => return None,
    };
    let Value::Object(mut o) = d else {
        return None;
    };
    string(&o, "id")?;
    take_text(&mut o).ok()
}

/// Converts one Judilibre decision object.
pub fn decision(v: Value, origin: Origin) -> Item {
    let Value::Object(mut o) = v else {
        return Err((origin, "a decision must be a JSON object".into()));
    };
    let Some(id) = string(&o, "id") else {
        return Err((origin, "decision has no `id`".into()));
    };
    // A reuser's record left among the reference files (an export beside the decisions it
    // copies): `source_id` is a field of vigie's corpus that no Judilibre decision has. Taken as
    // the source's decision, it would be the reference its own copies are checked against.
    if o.contains_key("source_id") {
        return Err((
            origin,
            format!(
                "{id} is a reuser's record (it has `source_id`, a field of the corpus that no \
                 Judilibre decision has), not a decision of the source: give it as CORPUS"
            ),
        ));
    }
    // Taken, not copied: the text is most of the decision.
    let text = match take_text(&mut o) {
        Ok(text) => text,
        Err(why) => return Err((origin, format!("decision {id}: {why}"))),
    };
    // `numbers` and `number` (a string, or an array in search results) together: in search
    // results `numbers` may hold only one of several joined appeals that `number` lists.
    let mut numbers: Vec<String> = Vec::new();
    // Deduplicated through a set: thousands of numbers (joined appeals, or a hostile file)
    // compared each with those kept made it quadratic.
    let mut seen: std::collections::HashSet<String> = std::collections::HashSet::new();
    for key in ["number", "numbers"] {
        let items: Vec<String> = match o.get(key) {
            Some(Value::Array(a)) => a
                .iter()
                .filter_map(|x| x.as_str().map(str::to_string))
                .collect(),
            Some(Value::String(s)) if !s.trim().is_empty() => vec![s.clone()],
            _ => Vec::new(),
        };
        for n in items {
            if seen.insert(n.clone()) {
                numbers.push(n);
            }
        }
    }
    let ecli = string(&o, "ecli");
    let decision_date = string(&o, "decision_date").and_then(|d| parse_iso_date(&d));
    let update_date = string(&o, "update_datetime")
        .and_then(|d| parse_iso_update(&d))
        .or_else(|| string(&o, "update_date").and_then(|d| parse_iso_update(&d)));
    let zones = match o.get("zones") {
        Some(Value::Object(z)) => zones(z, &text),
        _ => Vec::new(),
    };
    Ok(ReferenceDecision {
        other_ids: ecli.iter().cloned().collect(),
        id,
        producer: Producer::CourDeCassation,
        jurisdiction: string(&o, "jurisdiction"),
        chamber: string(&o, "chamber"),
        formation: string(&o, "formation"),
        seat: string(&o, "location"),
        decision_date,
        numbers,
        ecli,
        update_date,
        text,
        zones,
        professionals: Vec::new(),
        magistrates: 0,
        origin,
    })
}

/// Zone offsets are JavaScript string indices (UTF-16 units), end exclusive, and may overrun the
/// text: they are clamped and converted to Unicode scalar values.
fn zones(z: &serde_json::Map<String, Value>, text: &str) -> Vec<Zone> {
    // utf16 offset -> char index, for every char boundary.
    let mut bounds: Vec<(usize, usize)> = Vec::with_capacity(text.len() / 2);
    let mut u16pos = 0usize;
    for (ci, c) in text.chars().enumerate() {
        bounds.push((u16pos, ci));
        u16pos += c.len_utf16();
    }
    let total_chars = bounds.len();
    bounds.push((u16pos, total_chars));
    let to_char = |u: u64| -> usize {
        let u = (u as usize).min(u16pos);
        match bounds.binary_search_by_key(&u, |b| b.0) {
            Ok(i) => bounds[i].1,
            // Inside a surrogate pair: the char that holds it.
            Err(i) => bounds[i.saturating_sub(1)].1,
        }
    };
    let mut out = Vec::new();
    for (name, spans) in z {
        let Value::Array(spans) = spans else { continue };
        for s in spans {
            let (Some(a), Some(b)) = (
                s.get("start").and_then(Value::as_u64),
                s.get("end").and_then(Value::as_u64),
            ) else {
                continue;
            };
            let (a, b) = (to_char(a), to_char(b));
            if a < b {
                out.push(Zone {
                    name: name.clone(),
                    start: a,
                    end: b,
                });
            }
        }
    }
    out.sort_by_key(|z| (z.start, z.end));
    out
}

/// `2023-10-05`, or the date part of a date-time.
pub fn parse_iso_date(s: &str) -> Option<jiff::civil::Date> {
    let s = s.trim();
    s.get(..10)?.parse().ok()
}

/// An ISO date-time (with offset or `Z`; naive ones in French local time) or a date (its start,
/// French local time). Only of the years 1 to 9999 once in UTC: the report writes an instant in
/// UTC, and RFC 3339 writes no year before 0 (jiff reads `-000001-01-01T00:00:00Z`, and a date
/// of the year 0 in Paris, whose offset was then +0:09:21, is in the year −1 in UTC). No source
/// means a date of the year 0 either, however it is written.
pub fn parse_iso_moment(s: &str) -> Option<jiff::Timestamp> {
    let s = s.trim();
    let t = if let Ok(t) = s.parse::<jiff::Timestamp>() {
        t
    } else if let Ok(dt) = s.parse::<jiff::civil::DateTime>() {
        dt.in_tz("Europe/Paris").ok()?.timestamp()
    } else {
        parse_iso_date(s)?.in_tz("Europe/Paris").ok()?.timestamp()
    };
    (1..=9999)
        .contains(&t.to_zoned(jiff::tz::TimeZone::UTC).year())
        .then_some(t)
}

/// An update date as a source gives it: a date-time, the instant [`parse_iso_moment`] reads, or a
/// date alone, kept as that day in France: the source updated the decision at some time of it,
/// which a comparison with a reuser's load must not take for midnight. Of the same years as
/// [`parse_iso_moment`].
pub fn parse_iso_update(s: &str) -> Option<crate::ident::Moment> {
    use crate::ident::Moment;
    let trimmed = s.trim();
    // A date-time has a time after `T` (or a space); a date alone has neither, and is read
    // without working out its instant.
    if !trimmed.contains(['T', 't', ' ']) {
        return parse_iso_date(trimmed)
            .filter(|d| d.year() >= 1)
            .map(Moment::Date);
    }
    parse_iso_moment(trimmed).map(Moment::Instant)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample(name: &str) -> Vec<u8> {
        std::fs::read(format!(
            "{}/tests/data/judilibre/{name}",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap()
    }

    /// An update date alone stays a day; with a time it is an instant; of the years
    /// [`parse_iso_moment`] reads.
    #[test]
    fn update_dates_are_days_or_instants() {
        use crate::ident::Moment;
        assert_eq!(
            parse_iso_update(" 2026-11-21 "),
            Some(Moment::Date(jiff::civil::date(2026, 11, 21)))
        );
        assert_eq!(
            parse_iso_update("2026-11-21T08:00:00.000Z"),
            Some(Moment::Instant("2026-11-21T08:00:00Z".parse().unwrap()))
        );
        // Naive: in Paris.
        assert_eq!(
            parse_iso_update("2026-11-21 09:00:00"),
            Some(Moment::Instant("2026-11-21T08:00:00Z".parse().unwrap()))
        );
        for bad in ["0000-01-01", "2026-13-01", "hier", ""] {
            assert_eq!(parse_iso_update(bad), None, "{bad}");
        }
    }

    #[test]
    fn moments_are_read_in_the_years_rfc_3339_writes() {
        let at = |s: &str| parse_iso_moment(s).map(|t| t.to_string());
        assert_eq!(
            at("2021-06-01T00:00:00Z").as_deref(),
            Some("2021-06-01T00:00:00Z")
        );
        // French local time: midnight in Paris in summer is 22:00 UTC the day before.
        assert_eq!(at("2021-06-01").as_deref(), Some("2021-05-31T22:00:00Z"));
        assert_eq!(
            at("2021-06-01T10:00:00").as_deref(),
            Some("2021-06-01T08:00:00Z")
        );
        assert_eq!(
            at("0001-01-02T00:00:00Z").as_deref(),
            Some("0001-01-02T00:00:00Z")
        );
        // jiff's last instant is at 22:00 on 30 December 9999.
        assert_eq!(
            at("9999-12-30T00:00:00Z").as_deref(),
            Some("9999-12-30T00:00:00Z")
        );
        assert_eq!(at("9999-12-30").as_deref(), Some("9999-12-29T23:00:00Z"));
        // The year 0 however written (in Paris, as UTC, or as a year −1 an hour behind), and
        // years jiff reads with a sign.
        for s in [
            "0000-01-01",
            "0000-01-01T00:00:00",
            "0000-06-01T00:00:00Z",
            "-000001-12-31T23:59:59-01:00",
            "-000001-01-01T00:00:00Z",
            "-000001-01-01T00:00:00",
            "+010000-01-01T00:00:00Z",
            "9999-12-31",
            "not a date",
        ] {
            assert_eq!(at(s), None, "{s}");
        }
    }

    #[test]
    fn cc_detail_loads_with_its_zones() {
        let items = parse(&sample("cc_detail.json"), "cc_detail.json");
        assert_eq!(items.len(), 1);
        let d = items[0].as_ref().unwrap();
        assert_eq!(d.id, "5fca277de35a255d41ca73ab");
        assert_eq!(d.chamber.as_deref(), Some("comm"));
        assert_eq!(d.formation.as_deref(), Some("fs"));
        assert_eq!(d.numbers, vec!["19-19.463".to_string()]);
        assert_eq!(d.ecli.as_deref(), Some("ECLI:FR:CCASS:2020:CO00740"));
        assert_eq!(d.decision_date.unwrap().to_string(), "2020-11-18");
        assert!(d.text.starts_with("COMM.\n\nFB"));
        assert!(!d.zones.is_empty());
        let n = d.text.chars().count();
        assert!(d.zones.iter().all(|z| z.end <= n));
        assert_eq!(d.zones[0].name, "introduction");
        assert_eq!(d.zones[0].start, 0);
    }

    #[test]
    fn ca_zones_overrunning_the_text_are_clamped() {
        let raw: Value = serde_json::from_slice(&sample("ca_detail.json")).unwrap();
        let text_u16 = raw["text"].as_str().unwrap().encode_utf16().count() as u64;
        let max_end = raw["zones"]
            .as_object()
            .unwrap()
            .values()
            .flat_map(|v| v.as_array().unwrap().iter())
            .map(|z| z["end"].as_u64().unwrap())
            .max()
            .unwrap();
        assert!(max_end > text_u16, "the sample's zones overrun its text");
        let items = parse(&sample("ca_detail.json"), "ca_detail.json");
        let d = items[0].as_ref().unwrap();
        assert_eq!(d.seat.as_deref(), Some("ca_chambery"));
        assert_eq!(d.jurisdiction.as_deref(), Some("ca"));
        let n = d.text.chars().count();
        assert!(d.zones.iter().all(|z| z.start < z.end && z.end <= n));
        assert_eq!(d.zones.iter().map(|z| z.end).max(), Some(n));
    }

    #[test]
    fn every_shape_loads() {
        for f in ["tj_detail.json", "tcom_detail.json"] {
            let items = parse(&sample(f), f);
            assert!(items[0].is_ok(), "{f}");
        }
        let d = r#"{"id":"a1","text":"t","jurisdiction":"cc"}"#;
        assert_eq!(parse(format!("[{d},{d}]").as_bytes(), "x").len(), 2);
        assert_eq!(
            parse(format!("{{\"results\":[{d}],\"total\":1}}").as_bytes(), "x").len(),
            1
        );
        let lines = parse(format!("{d}\n\n{d}\nnot json\n").as_bytes(), "x");
        assert_eq!(lines.len(), 3);
        assert!(lines[2].is_err());
        assert_eq!(lines[2].as_ref().unwrap_err().0.line, 4);
    }

    #[test]
    fn text_of_gives_the_text_from_document_gives() {
        let d = r#"{"id":"a1","text":"t\n","jurisdiction":"cc"}"#;
        let docs = [
            d.to_string(),
            format!("[{d},{{\"text\":\"no id\"}},{d},42,{{\"id\":\" \",\"text\":\"x\"}}]"),
            format!("{{\"results\":[{d},{{\"id\":7,\"text\":12}}],\"total\":2}}"),
            r#"[{"id":"b","text":null},{"id":"c","text":["x"]},{"id":"d","text":true}]"#
                .to_string(),
            format!("{{\"unresolved\":[{d}],\"total\":1}}"),
            format!("{{\"resolved\":[{{\"id\":\"z\",\"text\":\"r\"}}],\"unresolved\":[{d}]}}"),
            format!("{{\"resolved\":[{d}]}}"),
            format!("{{\"id\":\"b\",\"text\":\"own\",\"unresolved\":[{d}]}}"),
            r#"{"results":{"id":"r"},"id":"b","text":"page"}"#.to_string(),
            r#"{"results":[],"id":"b","text":"x"}"#.to_string(),
            r#"{"transactions":[],"id":"b","text":"x"}"#.to_string(),
            r#"{"id":"b","text":"   "}"#.to_string(),
            r#"{"id":"b"}"#.to_string(),
            r#"{"text":"x"}"#.to_string(),
            r#""a string""#.to_string(),
            "[]".to_string(),
        ];
        for doc in &docs {
            let v: Value = serde_json::from_str(doc).unwrap();
            for i in 0..6 {
                let want = from_document(v.clone(), "", 0)
                    .into_iter()
                    .nth(i)
                    .and_then(Result::ok)
                    .map(|d| d.text);
                assert_eq!(text_of(v.clone(), i), want, "{doc} #{i}");
            }
        }
    }

    #[test]
    fn a_reusers_record_is_no_decision_of_the_source() {
        // A record of the reuser's corpus, as its export holds it, beside the decisions.
        let line = br#"{"id": "r1", "source_id": "5fca277de35a255d41ca73ab", "url": "https://ex.fr/r1", "text": "Vu la proc\u00e9dure", "jurisdiction": "cc", "number": "19-19463"}"#;
        let items = parse(line, "ref/export.jsonl");
        assert_eq!(items.len(), 1);
        let (origin, why) = items[0].as_ref().unwrap_err();
        assert_eq!((origin.file.as_str(), origin.line), ("ref/export.jsonl", 1));
        assert!(
            why.starts_with("r1 is a reuser's record (it has `source_id`"),
            "{why}"
        );
        // The real sample has no such field, and still loads.
        assert!(parse(&sample("cc_detail.json"), "cc_detail.json")[0].is_ok());
    }

    #[test]
    fn a_text_that_is_not_a_string_makes_the_decision_unreadable() {
        let read = |doc: &str| {
            from_document(serde_json::from_str(doc).unwrap(), "ref.jsonl", 3)
                .into_iter()
                .map(|d| d.map(|d| d.text).map_err(|(o, why)| format!("{o}: {why}")))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            read(r#"[{"id":"a","text":12},{"id":"b","text":{"x":1}},{"id":"c","text":false}]"#),
            [
                Err("ref.jsonl:3: decision a: `text` must be a string, not a number".to_string()),
                Err("ref.jsonl:3: decision b: `text` must be a string, not an object".to_string()),
                Err("ref.jsonl:3: decision c: `text` must be a string, not a boolean".to_string()),
            ]
        );
        // No text, said one way or another, is a decision without a text.
        assert_eq!(
            read(r#"[{"id":"a"},{"id":"b","text":null},{"id":"c","text":" "}]"#),
            [Ok(String::new()), Ok(String::new()), Ok(String::new())]
        );
    }

    #[test]
    fn numbers_are_the_union_of_number_and_numbers() {
        let d = decision(
            serde_json::json!({"id": "x", "number": ["21-25.274", "21-25.275"], "numbers": ["21-25.275"]}),
            Origin::default(),
        )
        .unwrap();
        assert_eq!(d.numbers, vec!["21-25.274", "21-25.275"]);
    }

    #[test]
    fn search_pages_without_text_load() {
        // tcom_list.json is {"resolved": [...], "unresolved": [...]}, the same 20 results twice:
        // read once, from its API codes.
        let whole = parse(&sample("tcom_list.json"), "tcom_list.json");
        assert_eq!(whole.len(), 20);
        let v: Value = serde_json::from_slice(&sample("tcom_list.json")).unwrap();
        for (i, d) in whole.iter().enumerate() {
            assert_eq!(d.as_ref().unwrap().id, v["unresolved"][i]["id"]);
        }
        let page = serde_json::json!({"results": v["unresolved"]});
        let items = parse(page.to_string().as_bytes(), "p");
        assert_eq!(items.len(), 20);
        assert!(
            items
                .iter()
                .all(|i| i.as_ref().is_ok_and(|d| d.text.is_empty()))
        );
    }
}
