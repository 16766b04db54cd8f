//! The bad-input matrix (SPEC §7): every corpus line is a record or an IN001 finding with its
//! file and line, unusable inputs are exit 2 naming the file, nothing panics, and no partial
//! report is left behind.

use predicates::prelude::*;
use serde_json::{Value, json};
use std::path::Path;

mod support;
use support::binary::{assert_refused, vigie, vigie_on};
use support::data::{cc_detail, data};
use support::pipe::through_a_pipe;
use support::wait::{HANG, mkfifo, output_of};

fn record(id: &str) -> Value {
    json!({"id": id, "source_id": "5fca277de35a255d41ca73ab", "text": "texte", "attribution": "Judilibre",
           "updated_at": "2026-11-21", "jurisdiction": "cc", "decision_date": "2020-11-18"})
}

/// Runs vigie on `corpus` against the Judilibre sample at a fixed time, quiet, whatever it
/// finds, with `--report FORMAT` and `extra` after.
fn run_in(format: &str, corpus: &[&Path], extra: &[&str]) -> std::process::Output {
    vigie()
        .args(corpus)
        .arg("--reference")
        .arg(cc_detail())
        .args(["--as-of", "2026-11-22T12:00:00Z", "--report", format])
        .args(["--quiet", "--fail-on", "never"])
        .args(extra)
        .output()
        .unwrap()
}

/// Runs vigie on `corpus` and returns (exit code, report, stderr).
fn run(corpus: &[&Path], extra: &[&str]) -> (i32, Value, String) {
    let out = run_in("json", corpus, extra);
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(!stderr.contains("panicked"), "{stderr}");
    let v = serde_json::from_slice(&out.stdout).unwrap_or(Value::Null);
    (out.status.code().unwrap_or(-1), v, stderr)
}

/// Runs vigie on `corpus` with the text report: (exit code, report, stderr).
fn run_text(corpus: &[&Path]) -> (i32, String, String) {
    let out = run_in("text", corpus, &[]);
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn in001(v: &Value) -> Vec<(String, u64, String)> {
    v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "IN001")
        .map(|f| {
            (
                f["record"]["file"].as_str().unwrap_or("").to_string(),
                f["record"]["line"].as_u64().unwrap(),
                f["message"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn every_line_is_a_record_or_an_unreadable_finding() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("mixed.jsonl");
    let mut bytes = Vec::new();
    bytes.extend_from_slice(b"\xEF\xBB\xBF"); // BOM
    bytes.extend_from_slice(record("a").to_string().as_bytes());
    bytes.extend_from_slice(b"\r\n"); // CRLF
    bytes.extend_from_slice(b"garbage line\r\n");
    bytes.extend_from_slice(b"{\"id\": \"bad-utf8\", \"text\": \"\xff\xfe\"}\n");
    bytes.extend_from_slice(b"{\"text\": \"no id\"}\n");
    bytes.extend_from_slice(b"\n"); // blank: not a record
    bytes.extend_from_slice(record("b").to_string().as_bytes());
    bytes.extend_from_slice(b"\n{\"id\": \"truncated\", \"text\": \"abc");
    std::fs::write(&p, &bytes).unwrap();
    let (code, v, _) = run(&[&p], &[]);
    assert_eq!(code, 0);
    assert_eq!(v["audit"]["records"], 2);
    assert_eq!(v["audit"]["unreadable_records"], 4);
    let bad = in001(&v);
    let lines: Vec<u64> = bad.iter().map(|b| b.1).collect();
    assert_eq!(lines, vec![2, 3, 4, 7]);
    assert!(bad.iter().all(|b| b.0.ends_with("mixed.jsonl")));
    assert!(bad[1].2.contains("UTF-8"), "{}", bad[1].2);
    assert!(bad[2].2.contains("no `id`"), "{}", bad[2].2);
    assert!(bad[0].2.contains("column 1"), "{}", bad[0].2);
}

// A file whose lines end with a carriage return alone (CR, as old Mac OS wrote them) is JSON
// Lines all the same: a record a line, lines counted by CR, told from its first line, however
// long. What is not told (records spread over CR-ended lines, a first line that is no record) is
// one line holding every record: one IN001, at line 1, that says it holds carriage returns. A bad
// line of a CRLF file gets no such word (its CR ends it).
#[test]
fn lines_ended_by_cr_alone_are_read_as_lines() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("cr.jsonl");
    let bad = "{\"id\": \"x\",}";
    let lines = [
        record("a").to_string(),
        bad.to_string(),
        record("c").to_string(),
    ];
    std::fs::write(&p, lines.join("\r") + "\r").unwrap();
    let (code, v, _) = run(&[&p], &[]);
    assert_eq!(code, 0);
    assert_eq!(v["audit"]["records"], 2);
    let bad_lines = in001(&v);
    assert_eq!(bad_lines.len(), 1);
    assert_eq!(bad_lines[0].1, 2, "{:?}", bad_lines[0]);
    // `{"id": "x",}`: the `}` after the comma, at column 12 of line 2.
    assert!(
        bad_lines[0].2.starts_with("line 2, column 12: bad JSON"),
        "{}",
        bad_lines[0].2
    );
    assert!(!bad_lines[0].2.contains("CR alone"), "{}", bad_lines[0].2);

    // A first record of 70,000 bytes and more (past the 64 KiB head), and spaces before a CR.
    let mut long = record("long");
    long["text"] = json!("x".repeat(70_000));
    std::fs::write(&p, format!("{long}\r{}  \r{}\r", record("b"), record("c"))).unwrap();
    let (code, v, _) = run(&[&p], &[]);
    assert_eq!(code, 0);
    assert_eq!(v["audit"]["records"], 3);
    assert_eq!(v["audit"]["unreadable_records"], 0);

    // Records spread over lines ended by CR (pretty-printed, as `jq .` writes them) are not
    // lines: one IN001 with the hint, not one per line.
    let pretty: Vec<String> = ["a", "b"]
        .iter()
        .map(|id| {
            serde_json::to_string_pretty(&record(id))
                .unwrap()
                .replace('\n', "\r")
        })
        .collect();
    std::fs::write(&p, pretty.join("\r") + "\r").unwrap();
    let (code, v, stderr) = run(&[&p], &[]);
    // No record could be read: the verdict says nothing of the corpus (exit 2), and stderr says
    // why.
    assert_eq!(code, 2);
    assert!(stderr.contains("end with CR alone"), "{stderr}");
    let bad_lines = in001(&v);
    assert_eq!(bad_lines.len(), 1, "{bad_lines:?}");
    assert_eq!(bad_lines[0].1, 1);
    assert!(
        bad_lines[0].2.contains("bad JSON: trailing characters"),
        "{}",
        bad_lines[0].2
    );
    assert!(
        bad_lines[0].2.contains("end them with LF or CRLF"),
        "{}",
        bad_lines[0].2
    );

    let p = dir.path().join("crlf.jsonl");
    std::fs::write(&p, format!("{}\r\n{bad}\r\n", record("a"))).unwrap();
    let (_, v, _) = run(&[&p], &[]);
    assert_eq!(v["audit"]["records"], 1);
    let bad_lines = in001(&v);
    assert_eq!(bad_lines.len(), 1);
    assert_eq!(bad_lines[0].1, 2);
    assert!(!bad_lines[0].2.contains("CR alone"), "{}", bad_lines[0].2);
}

// Files joined from others mix their line ends: once a file's first line ends with CR alone, CR,
// LF and CRLF all end lines (CRLF as one), cut into blocks anywhere; an LF file whose first line
// holds two records parted by a CR loses neither. Every record is an item at its line, column 1,
// whose offset is its `{` and reads back (the UI's detail view).
#[test]
fn mixed_line_ends_after_a_cr_line_lose_nothing() {
    use support::corpus_file::for_each_block_of;
    use vigie::corpus::{Limits, read_record_at};
    let ids: Vec<String> = (0..2000).map(|k| format!("r{k}")).collect();
    let recs: Vec<String> = ids.iter().map(|id| record(id).to_string()).collect();
    let mut mixed = String::new();
    for (k, r) in recs.iter().enumerate() {
        mixed.push_str(r);
        mixed.push_str(match k {
            0..3 => "\r",
            3..1000 => "\n",
            _ => "\r\n",
        });
    }
    let mut stray = format!("{}\r{}\n", recs[0], recs[1]);
    for r in &recs[2..] {
        stray.push_str(r);
        stray.push('\n');
    }
    let dir = tempfile::tempdir().unwrap();
    for (name, content) in [("mixed.jsonl", &mixed), ("stray.jsonl", &stray)] {
        let path = dir.path().join(name);
        std::fs::write(&path, content).unwrap();
        for block_bytes in [4096, 65_536, 2 << 20] {
            let limits = Limits {
                block_bytes,
                ..Limits::default()
            };
            let mut items = Vec::new();
            for_each_block_of(&path, &limits, |b| {
                for it in &b.items {
                    let bytes = b.item_bytes(it).map(|x| x.to_vec());
                    items.push((it.line, it.column, it.offset, bytes));
                }
            });
            assert_eq!(items.len(), 2000, "{name}, blocks of {block_bytes}");
            for (k, (line, column, offset, bytes)) in items.iter().enumerate() {
                assert_eq!(
                    (*line, *column),
                    (k as u64 + 1, 1),
                    "{name} {block_bytes} {k}"
                );
                assert_eq!(bytes.as_deref(), Some(recs[k].as_bytes()), "{name} {k}");
                assert_eq!(content.as_bytes()[*offset as usize], b'{', "{name} {k}");
            }
            for k in [0, 2, 3, 999, 1000, 1999] {
                let rec = read_record_at(&path, items[k].2, None, &limits).unwrap();
                assert_eq!(rec.id, ids[k]);
            }
        }
    }
}

// A corpus given as a pipe (`vigie <(zcat corpus.jsonl.gz)`) is read once: the bytes read to tell
// its layout are records too. Read from a file or a pipe, a record spread over several lines and
// JSON Lines whose first line is broken give the same report.
#[test]
fn a_corpus_read_from_a_pipe_loses_nothing() {
    let spread = serde_json::to_vec_pretty(&record("a")).unwrap();
    let mut broken = b"{\"id\": \"broken\", \"text\": \"no end\n".to_vec();
    for id in ["b", "c", "d"] {
        broken.extend_from_slice(record(id).to_string().as_bytes());
        broken.push(b'\n');
    }
    // (records, unreadable lines) of each, counted by hand.
    for (bytes, records, bad) in [(spread, 1, vec![]), (broken, 3, vec![1])] {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("corpus.pipe");
        std::fs::write(&p, &bytes).unwrap();
        let (code, from_file, _) = run(&[&p], &[]);
        assert_eq!(code, 0);
        let ((code, from_pipe, stderr), written) = through_a_pipe(bytes, |fifo| run(&[fifo], &[]));
        assert_eq!(code, 0, "{stderr}");
        written.unwrap();
        for v in [&from_file, &from_pipe] {
            assert_eq!(v["audit"]["records"], records);
            let lines: Vec<u64> = in001(v).iter().map(|b| b.1).collect();
            assert_eq!(lines, bad);
        }
        let rules = |v: &Value| -> Vec<(String, u64)> {
            v["findings"]
                .as_array()
                .unwrap()
                .iter()
                .map(|f| {
                    (
                        f["rule"].as_str().unwrap().to_string(),
                        f["record"]["line"].as_u64().unwrap_or(0),
                    )
                })
                .collect()
        };
        assert_eq!(rules(&from_pipe), rules(&from_file));
        assert!(!rules(&from_file).is_empty());
    }
}

// The outside tester's case, end to end: one element of a ten-record array with a quote not
// escaped in its text lost the eight records after it. It is one IN001, at its line, that says
// where its parse fails and why, and the nine other records are read, whether the array is on
// one line or indented.
#[test]
fn a_bad_array_element_loses_no_record_after_it() {
    let mut records: Vec<Value> = (1..=10).map(|n| record(&format!("r{n}"))).collect();
    records[3] = json!({"id": "oops", "text": "a stray QUOTE quote"});
    let dir = tempfile::tempdir().unwrap();
    for pretty in [false, true] {
        let text = if pretty {
            serde_json::to_string_pretty(&records)
        } else {
            serde_json::to_string(&records)
        }
        .unwrap()
        .replace("QUOTE", "\"");
        let p = dir
            .path()
            .join(if pretty { "pretty.json" } else { "line.json" });
        std::fs::write(&p, &text).unwrap();
        // The line and column of a byte, the text being ASCII.
        let place = |at: usize| {
            let line = 1 + text[..at].matches('\n').count() as u64;
            (line, at - text[..at].rfind('\n').map_or(0, |p| p + 1) + 1)
        };
        let start = place(text[..text.find("\"oops\"").unwrap()].rfind('{').unwrap());
        // The parse fails at `quote`, after the string that the stray quote ends: 31 chars into
        // `{"id":"oops","text":"a stray " quote"}`; indented, at column 24 of the third line of
        // `{\n    "id": "oops",\n    "text": "a stray " quote"\n  }`.
        let fails = place(text.find("\" quote").unwrap() + 2);
        if pretty {
            assert_eq!(fails, (start.0 + 2, 24));
        } else {
            assert_eq!(fails, (1, start.1 + 31));
        }
        let (code, v, _) = run(&[&p], &[]);
        assert_eq!(code, 0);
        assert_eq!(v["audit"]["records"], 9);
        assert_eq!(v["audit"]["unreadable_records"], 1);
        let bad = in001(&v);
        assert_eq!(bad.len(), 1);
        assert_eq!(bad[0].1, start.0);
        assert_eq!(
            bad[0].2,
            format!(
                "line {}, column {}: bad JSON: expected `,` or `}}`",
                fails.0, fails.1
            )
        );
    }
}

// JSON Lines whose first line starts with `[` were read as one array: `[1, 2]` and two records
// gave no record, and the two lines one IN001 ("unexpected content after the JSON array"). The
// records after that line are read; the line is read as an array, whose two numbers are no
// records: an IN001 each, at its column.
#[test]
fn json_lines_whose_first_line_is_an_array_lose_no_record() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("lines.jsonl");
    std::fs::write(&p, format!("[1, 2]\n{}\n{}\n", record("a"), record("b"))).unwrap();
    let (code, v, _) = run(&[&p], &[]);
    assert_eq!(code, 0);
    assert_eq!(v["audit"]["records"], 2);
    assert_eq!(v["audit"]["unreadable_records"], 2);
    let bad = in001(&v);
    assert_eq!(
        bad.iter().map(|b| (b.1, b.2.as_str())).collect::<Vec<_>>(),
        [
            (
                1,
                "line 1, column 2: a record must be a JSON object, not a number"
            ),
            (
                1,
                "line 1, column 5: a record must be a JSON object, not a number"
            )
        ]
    );
}

// The outside tester's cases, end to end. An array of records on one line, then a stray line:
// the records were lost (line 1 "a record must be a JSON object, not an array") and, none read,
// the run was unusable input (exit 2); laid out over lines, the same array kept them. An array
// laid out over lines, then one more record: its own `]` was blamed, and the array said not to
// be closed on line 6 of a file of 5. Now the records are read either way; the stray line is
// an IN001 at its line and column; the record after the array is read as the line it is.
#[test]
fn an_array_then_more_lines_loses_no_record() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (record("a"), record("b"));
    let one_line = dir.path().join("one-line.json");
    std::fs::write(&one_line, format!("[{a},{b}]\nxyz\n")).unwrap();
    let pretty = dir.path().join("pretty.json");
    std::fs::write(&pretty, format!("[\n{a},\n{b}\n]\nxyz\n")).unwrap();
    let then_one = dir.path().join("then-one.json");
    std::fs::write(&then_one, format!("[\n{a},\n{b}\n]\n{}\n", record("c"))).unwrap();
    for (p, records, want) in [
        (
            &one_line,
            2,
            vec![(2, "line 2, column 1: bad JSON: expected value")],
        ),
        (
            &pretty,
            2,
            vec![(
                5,
                "line 5, column 1: unexpected content after the JSON array",
            )],
        ),
        (&then_one, 3, vec![]),
    ] {
        let (code, v, _) = run(&[p], &[]);
        assert_eq!(code, 0, "{p:?}");
        assert_eq!(v["audit"]["records"], records, "{p:?}");
        let bad = in001(&v);
        assert_eq!(
            bad.iter().map(|b| (b.1, b.2.as_str())).collect::<Vec<_>>(),
            want,
            "{p:?}"
        );
    }
}

// A number beyond the range of a float (`1e400`: valid JSON, which Python, JavaScript and jq
// read) in a field no rule reads made the record an IN001, "number out of range", and hid its
// findings; so did an id written so, though numeric ids are read as written. Both records are
// read and checked now.
#[test]
fn a_number_beyond_a_float_loses_no_record() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("big.jsonl");
    let text = "M. Jean Dupont, né le 3 mars 1975, a formé le pourvoi.";
    std::fs::write(
        &p,
        format!(
            "{{\"id\":\"r1\",\"score\":1e400,\"text\":\"{text}\"}}\n\
             {{\"id\":1e400,\"text\":\"x\"}}\n"
        ),
    )
    .unwrap();
    let (_, v, _) = run(&[&p], &[]);
    assert_eq!(v["audit"]["records"], 2);
    assert_eq!(v["audit"]["unreadable_records"], 0);
    let on = |rule: &str| -> Vec<(u64, String)> {
        v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["rule"] == rule)
            .map(|f| {
                let r = &f["record"];
                (
                    r["line"].as_u64().unwrap(),
                    r["id"].as_str().unwrap().into(),
                )
            })
            .collect()
    };
    // The date of birth in clear on line 1 is found.
    assert_eq!(on("MSK005"), [(1, "r1".to_string())]);
    // The record of line 2 is read, its id as written.
    assert!(on("INT007").contains(&(2, "1e400".to_string())));
}

#[test]
fn empty_files_and_folders() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("empty.jsonl");
    std::fs::write(&p, "").unwrap();
    // An empty corpus file is an IN001; with no record read, the corpus is unusable input, but
    // the report is written.
    let (code, v, err) = run(&[&p], &[]);
    assert_eq!(code, 2);
    assert_eq!(in001(&v).len(), 1);
    assert!(
        err.contains("no record of the corpus could be read"),
        "{err}"
    );
    assert!(err.contains("empty.jsonl: "), "{err}");
    // An empty reference file is unusable input.
    let r = dir.path().join("ref.json");
    std::fs::write(&r, "").unwrap();
    assert_refused(&mut vigie_on(&p, &r), "ref.json");
}

#[test]
fn deeply_nested_json_does_not_overflow_the_stack() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("deep.jsonl");
    let deep = format!(
        "{{\"id\": \"deep\", \"x\": {}{}}}\n",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    let arr = format!("{}{}\n", "{\"a\":".repeat(100_000), "}".repeat(100_000));
    std::fs::write(&p, format!("{deep}{arr}{}\n", record("ok"))).unwrap();
    let (code, v, _) = run(&[&p], &[]);
    assert_eq!(code, 0);
    assert_eq!(v["audit"]["records"], 1);
    assert_eq!(in001(&v).len(), 2);
    // A deep reference too.
    let r = dir.path().join("deep-ref.json");
    std::fs::write(
        &r,
        format!("[{}{}]", "[".repeat(100_000), "]".repeat(100_000)),
    )
    .unwrap();
    assert_refused(&mut vigie_on(&p, &r), "deep-ref.json");
}

#[test]
fn a_record_of_50_mb_is_read_and_one_over_the_limit_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("big.jsonl");
    let mut r = record("big");
    r["text"] = json!("x".repeat(50 << 20));
    std::fs::write(&p, format!("{r}\n{}\n", record("after"))).unwrap();
    let (_, v, _) = run(&[&p], &[]);
    assert_eq!(v["audit"]["records"], 2);
    let (_, v, _) = run(&[&p], &["--max-record-mib", "8"]);
    assert_eq!(v["audit"]["records"], 1);
    let bad = in001(&v);
    assert_eq!(bad.len(), 1);
    assert_eq!(bad[0].1, 1);
    assert!(bad[0].2.contains("larger than the limit"), "{}", bad[0].2);
}

#[test]
fn duplicate_ids_are_in002() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("dup.jsonl");
    std::fs::write(
        &p,
        format!("{}\n{}\n{}\n", record("a"), record("b"), record("a")),
    )
    .unwrap();
    let (_, v, _) = run(&[&p], &[]);
    let dups: Vec<u64> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "IN002")
        .map(|f| f["record"]["line"].as_u64().unwrap())
        .collect();
    assert_eq!(dups, vec![3]);
}

/// Ids that differ only by a lone surrogate escape (`"rec-\ud800"`, `"rec-\udbff"`, which
/// Python's `json.dumps` writes for a string that split a character) would both read as
/// `rec-\u{FFFD}` but are two ids, taken as written (`rec-\ud800`): no IN002 between them, and
/// their findings have their own fingerprints. The same id written twice is a duplicate; an id
/// holding U+FFFD itself, or a backslash written `\\` (the text `rec-\ud800`), is neither;
/// through a mapping's path too. Ids without such an escape keep the fingerprints they had.
#[test]
fn ids_differing_by_a_lone_surrogate_escape_are_two_ids() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("sur.jsonl");
    // The id as written in the JSON, escapes and all.
    let line = |id: &str| {
        record("ID")
            .to_string()
            .replace("\"ID\"", &format!("\"{id}\""))
    };
    let ids = [
        r"rec-\ud800",
        r"rec-\udbff",
        r"rec-\ud800",
        r"rec-\ufffd",
        r"rec-\\ud800",
        r"rec-\uD800",
        r"rec-\ud83d\ude00",
        r"rec-😀",
    ];
    let lines: Vec<String> = ids.iter().map(|id| line(id)).collect();
    std::fs::write(&p, lines.join("\n") + "\n").unwrap();
    let (_, v, _) = run(&[&p], &[]);
    let findings = v["findings"].as_array().unwrap();
    let in002: Vec<(u64, &str)> = findings
        .iter()
        .filter(|f| f["rule"] == "IN002")
        .map(|f| {
            (
                f["record"]["line"].as_u64().unwrap(),
                f["message"].as_str().unwrap(),
            )
        })
        .collect();
    // Line 3 repeats line 1, line 6 too (the escape's case is no difference), and line 8 is
    // line 7's emoji written as its pair of escapes: one id.
    assert_eq!(
        in002,
        [
            (
                3,
                r"id «rec-\ud800» is also the id of the record at sur.jsonl:1"
            ),
            (
                6,
                r"id «rec-\ud800» is also the id of the record at sur.jsonl:1"
            ),
            (8, "id «rec-😀» is also the id of the record at sur.jsonl:7"),
        ]
        .map(|(l, m)| (l, m.replace("sur.jsonl", p.to_str().unwrap())))
        .iter()
        .map(|(l, m)| (*l, m.as_str()))
        .collect::<Vec<_>>()
    );
    // The report shows each id as written, its lone surrogates as text (valid UTF-8); one
    // written with U+FFFD as it is.
    let shown: Vec<(u64, &str)> = findings
        .iter()
        .filter(|f| f["rule"] == "FRE001" || f["rule"] == "INT005" || f["rule"] == "IN002")
        .map(|f| {
            (
                f["record"]["line"].as_u64().unwrap(),
                f["record"]["id"].as_str().unwrap(),
            )
        })
        .collect();
    assert!(shown.contains(&(2, r"rec-\udbff")), "{shown:?}");
    assert!(shown.contains(&(4, "rec-\u{FFFD}")), "{shown:?}");
    assert!(shown.contains(&(6, r"rec-\ud800")), "{shown:?}");
    // Each record's findings of one rule: fingerprints apart, but for the duplicates' own.
    let fingerprint = |line: u64, rule: &str| -> String {
        findings
            .iter()
            .find(|f| f["rule"] == rule && f["record"]["line"] == line)
            .unwrap_or_else(|| panic!("{rule} at {line}: {findings:?}"))["fingerprint"]
            .as_str()
            .unwrap()
            .to_string()
    };
    let rule = findings
        .iter()
        .find(|f| f["record"]["line"] == 1 && f["rule"] != "IN002")
        .unwrap()["rule"]
        .as_str()
        .unwrap()
        .to_string();
    let prints: Vec<String> = (1..=8).map(|l| fingerprint(l, &rule)).collect();
    for (a, b) in [(1, 2), (1, 4), (1, 5), (2, 4), (4, 5)] {
        assert_ne!(prints[a - 1], prints[b - 1], "lines {a} and {b}");
    }
    // Written twice alike: the same fingerprint, told apart by IN002's numbering as before.
    assert_eq!(prints[0], prints[2]);
    // An id without a lone surrogate keeps its fingerprint: the one of a record written so.
    let plain = dir.path().join("plain.jsonl");
    std::fs::write(&plain, format!("{}\n", record("rec-\u{FFFD}"))).unwrap();
    let (_, w, _) = run(&[&plain], &[]);
    let f = w["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == rule.as_str())
        .unwrap();
    assert_eq!(f["fingerprint"].as_str().unwrap(), prints[3]);
    // Through a mapping's path.
    let mapping = dir.path().join("m.toml");
    std::fs::write(&mapping, "[fields]\nid = \"meta.ref\"\n").unwrap();
    let mapped = dir.path().join("mapped.jsonl");
    let mapped_lines: Vec<String> = [r"rec-\ud800", r"rec-\udbff", r"rec-\ud800"]
        .iter()
        .map(|id| {
            let mut r = record("ID");
            r.as_object_mut().unwrap().remove("id");
            r["meta"] = json!({"ref": "ID"});
            r.to_string().replace("\"ID\"", &format!("\"{id}\""))
        })
        .collect();
    std::fs::write(&mapped, mapped_lines.join("\n") + "\n").unwrap();
    let (_, m, stderr) = run(&[&mapped], &["--mapping", mapping.to_str().unwrap()]);
    let dups: Vec<u64> = m["findings"]
        .as_array()
        .unwrap_or_else(|| panic!("{stderr}"))
        .iter()
        .filter(|f| f["rule"] == "IN002")
        .map(|f| f["record"]["line"].as_u64().unwrap())
        .collect();
    assert_eq!(dups, [3], "{stderr}");
}

/// A `source_id` holding a lone surrogate escape is taken as written (`…\ud800`), as an `id`
/// is: a lone surrogate is no character and no reference id holds one, so it designates no
/// decision. Two of them differing only there (`…73a\ud800`, `…73a\udbff`) no longer both match
/// the decision whose id reads alike once mended (a reference whose id holds U+FFFD): each is
/// INT007, whose message and excerpt show it as written. One written with U+FFFD itself
/// (`\ufffd`) is that id, and matches it; through a mapping's path too.
#[test]
fn a_source_id_with_a_lone_surrogate_escape_designates_no_decision() {
    let dir = tempfile::tempdir().unwrap();
    // The Judilibre decision, its id's last character turned into U+FFFD.
    let mut decision: Value = serde_json::from_slice(&std::fs::read(cc_detail()).unwrap()).unwrap();
    decision["id"] = json!("5fca277de35a255d41ca73a\u{FFFD}");
    let reference = dir.path().join("ref.json");
    std::fs::write(&reference, decision.to_string()).unwrap();
    // The records, each `source_id` as written in the JSON, escapes and all.
    let sources = [
        r"5fca277de35a255d41ca73a\ud800",
        r"5fca277de35a255d41ca73a\udbff",
        r"5fca277de35a255d41ca73ab\uDC00",
        r"5fca277de35a255d41ca73a\ufffd",
    ];
    let lines: Vec<String> = sources
        .iter()
        .enumerate()
        .map(|(i, s)| {
            record(&format!("r{}", i + 1))
                .to_string()
                .replace("5fca277de35a255d41ca73ab", s)
        })
        .collect();
    let corpus = dir.path().join("sur.jsonl");
    std::fs::write(&corpus, lines.join("\n") + "\n").unwrap();
    let audit = |corpus: &Path, extra: &[&str]| -> Value {
        let out = vigie()
            .arg(corpus)
            .arg("--reference")
            .arg(&reference)
            .args(["--as-of", "2026-11-22T12:00:00Z", "--report", "json", "-q"])
            .args(["--fail-on", "never"])
            .args(extra)
            .output()
            .unwrap();
        serde_json::from_slice(&out.stdout)
            .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stderr)))
    };
    let v = audit(&corpus, &[]);
    // r4 alone matches the decision.
    assert_eq!(v["audit"]["matched_records"], 1, "{}", v["audit"]);
    let int007: Vec<(&str, &str, &str, &str)> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "INT007")
        .map(|f| {
            (
                f["record"]["id"].as_str().unwrap(),
                f["record"]["source_id"].as_str().unwrap(),
                f["evidence"]["excerpt"].as_str().unwrap(),
                f["message"].as_str().unwrap(),
            )
        })
        .collect();
    let told = |written: &str| {
        format!(
            "the record's `source_id` ({written}, as written) holds a lone surrogate escape, \
             half of a UTF-16 pair without the other, which is no character: no reference \
             decision's id holds one, so it matches none"
        )
    };
    let expected = [
        ("r1", r"5fca277de35a255d41ca73a\ud800"),
        ("r2", r"5fca277de35a255d41ca73a\udbff"),
        ("r3", r"5fca277de35a255d41ca73ab\udc00"),
    ];
    assert_eq!(int007.len(), expected.len(), "{int007:?}");
    for ((id, source_id, excerpt, message), (want_id, written)) in int007.iter().zip(expected) {
        assert_eq!((*id, *source_id, *excerpt), (want_id, written, written));
        assert_eq!(*message, told(written));
    }
    // Through a mapping's path.
    let mapping = dir.path().join("m.toml");
    std::fs::write(&mapping, "[fields]\nsource_id = \"meta.ref\"\n").unwrap();
    let mapped = dir.path().join("mapped.jsonl");
    let mapped_lines: Vec<String> = sources[..2]
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let mut r = record(&format!("m{i}"));
            r.as_object_mut().unwrap().remove("source_id");
            r["meta"] = json!({"ref": "SRC"});
            r.to_string().replace("SRC", s)
        })
        .collect();
    std::fs::write(&mapped, mapped_lines.join("\n") + "\n").unwrap();
    let m = audit(&mapped, &["--mapping", mapping.to_str().unwrap()]);
    assert_eq!(m["audit"]["matched_records"], 0, "{}", m["audit"]);
    let sources: Vec<&str> = m["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "INT007")
        .map(|f| f["record"]["source_id"].as_str().unwrap())
        .collect();
    assert_eq!(sources, [expected[0].1, expected[1].1]);
}

#[cfg(unix)]
#[test]
fn folders_with_dangling_links_and_link_loops() {
    let dir = tempfile::tempdir().unwrap();
    let c = dir.path().join("corpus");
    std::fs::create_dir_all(c.join("sub")).unwrap();
    std::fs::write(c.join("a.jsonl"), format!("{}\n", record("a"))).unwrap();
    std::fs::write(c.join("sub/b.jsonl"), format!("{}\n", record("b"))).unwrap();
    std::fs::write(c.join("notes.txt"), "not a corpus file").unwrap();
    std::os::unix::fs::symlink(&c, c.join("sub/loop")).unwrap();
    std::os::unix::fs::symlink(c.join("missing.jsonl"), c.join("dangling.jsonl")).unwrap();
    let (code, v, _) = run(&[&c], &[]);
    assert_eq!(code, 0);
    assert_eq!(v["audit"]["records"], 2, "the loop is read once");
    let bad = in001(&v);
    assert_eq!(bad.len(), 1, "{bad:?}");
    assert!(bad[0].0.ends_with("dangling.jsonl"));
}

#[test]
fn a_missing_corpus_is_exit_2() {
    assert_refused(
        &mut vigie_on("/nonexistent/corpus.jsonl", cc_detail()),
        "/nonexistent/corpus.jsonl",
    );
}

#[test]
fn bad_policy_and_keymap_files_are_exit_2_with_their_place() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("c.jsonl");
    std::fs::write(&p, format!("{}\n", record("a"))).unwrap();
    let pol = dir.path().join("policy.toml");
    std::fs::write(&pol, "[rules.MSK002]\npenalty = \"forever\"\n").unwrap();
    assert_refused(vigie().arg(&p).arg("--policy").arg(&pol), "policy.toml:2");
    let km = dir.path().join("keymap.toml");
    std::fs::write(
        &km,
        "[global]\nquit = [\"q\"]\nfly = [\"x\"]\n[list]\nmove_down = [\"nokey\"]\n",
    )
    .unwrap();
    assert_refused(vigie().arg(&p).arg("--keymap").arg(&km), "keymap.toml:3")
        .stderr(predicate::str::contains("keymap.toml:5"));
}

/// The keymap is the file the look-up order finds (`--keymap`, `$VIGIE_KEYMAP`,
/// `$XDG_CONFIG_HOME/vigie/keymap.toml`), checked alike in a headless run: a bad file named by
/// `$VIGIE_KEYMAP` was ignored there while the same file given by `--keymap` was exit 2. A file
/// that cannot be read has no line or column to give (it was `nope.toml:0:0`).
#[test]
fn a_keymap_is_checked_alike_however_it_is_found() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("c.jsonl");
    std::fs::write(&p, format!("{}\n", record("a"))).unwrap();
    let xdg = dir.path().join("config");
    std::fs::create_dir_all(xdg.join("vigie")).unwrap();
    let km = xdg.join("vigie/keymap.toml");
    std::fs::write(&km, "[global]\nquit = [\"q\"]\nfly = [\"x\"]\n").unwrap();
    let headless = |args: &[&str], env: &[(&str, &Path)]| {
        let mut cmd = vigie();
        cmd.env_remove("VIGIE_KEYMAP").env_remove("XDG_CONFIG_HOME");
        for (k, v) in env {
            cmd.env(k, v);
        }
        let out = cmd
            .arg(&p)
            .args(["--as-of", "2026-11-22T12:00:00Z", "--report", "json"])
            .args(args)
            .output()
            .unwrap();
        (
            out.status.code(),
            out.stdout.is_empty(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let shown = km.display().to_string();
    let expected = format!(
        "vigie: {shown}: 1 error in the key bindings\n{shown}:3:1: unknown action `fly` in \
         [global] (expected one of: quit, help, switch_view)\n"
    );
    let km_arg = shown.as_str();
    for (how, (code, empty, err)) in [
        ("--keymap", headless(&["--keymap", km_arg], &[])),
        ("$VIGIE_KEYMAP", headless(&[], &[("VIGIE_KEYMAP", &km)])),
        (
            "$XDG_CONFIG_HOME",
            headless(&[], &[("XDG_CONFIG_HOME", &xdg)]),
        ),
    ] {
        assert_eq!(code, Some(2), "{how}: {err}");
        assert!(empty, "{how}: no report");
        assert_eq!(err, expected, "{how}");
    }
    // `--keymap` first, then `$VIGIE_KEYMAP`: a good file named first is the one taken.
    let good = dir.path().join("good.toml");
    std::fs::write(&good, "[global]\nquit = [\"q\", \"ctrl-q\"]\n").unwrap();
    let (code, _, err) = headless(
        &["--keymap", good.to_str().unwrap()],
        &[("VIGIE_KEYMAP", &km), ("XDG_CONFIG_HOME", &xdg)],
    );
    assert_eq!(code, Some(0), "{err}");
    let (code, _, err) = headless(&[], &[("VIGIE_KEYMAP", &good), ("XDG_CONFIG_HOME", &xdg)]);
    assert_eq!(code, Some(0), "{err}");
    // A file that is not there: named, with how it was named, and no line or column.
    let missing = dir.path().join("nope.toml");
    let m = missing.display();
    let (code, _, err) = headless(&["--keymap", missing.to_str().unwrap()], &[]);
    assert_eq!(code, Some(2));
    assert_eq!(
        err,
        format!("vigie: {m}: cannot read the keymap: no such file\n")
    );
    let (code, _, err) = headless(&[], &[("VIGIE_KEYMAP", &missing)]);
    assert_eq!(code, Some(2));
    assert_eq!(
        err,
        format!("vigie: {m}: cannot read the keymap (named by $VIGIE_KEYMAP): no such file\n")
    );
    assert!(!err.contains(":0"), "{err}");
}

#[cfg(target_os = "linux")]
#[test]
fn a_full_disk_is_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("c.jsonl");
    std::fs::write(&p, format!("{}\n", record("a"))).unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_vigie"))
        .arg(&p)
        .arg("--reference")
        .arg(cc_detail())
        .args(["--report", "json"])
        .stdout(
            std::fs::OpenOptions::new()
                .write(true)
                .open("/dev/full")
                .unwrap(),
        )
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains(
            "cannot write the report to standard output; the report is incomplete: No space \
             left on device"
        ),
        "{err}"
    );
}

/// A headless run stopped by a signal writes no report, leaves no file and exits with 128 + the
/// signal's number, as a shell reports a process a signal ended, and as the terminal UI does:
/// 130 for SIGINT (Ctrl-C), 143 for SIGTERM, 129 for SIGHUP.
///
/// The corpus comes through a named pipe (as from `vigie <(zcat …)`): the signal is sent once
/// vigie has read the first records, while it waits for the rest, which come after it. So the
/// run is mid-audit when the signal comes, however fast or loaded the machine, and its handling
/// of signals is in place (vigie opens its corpus after it).
#[cfg(unix)]
#[test]
fn a_signal_stops_a_headless_run_and_leaves_no_report() {
    use std::io::Write;
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("c.jsonl");
    if !mkfifo(&p) {
        eprintln!("skipped: no `mkfifo`");
        return;
    }
    let text: Value = serde_json::from_slice(&std::fs::read(cc_detail()).unwrap()).unwrap();
    // 40 records of 60 KB: the first 20 fill the pipe (64 KB) many times over, so that vigie has
    // read most of them when the signal comes.
    let lines: Vec<String> = (0..40)
        .map(|i| {
            let mut r = record(&format!("r{i}"));
            r["text"] = text["text"].clone();
            format!("{r}\n")
        })
        .collect();
    let out = dir.path().join("report.json");
    for (signal, name, code) in [
        ("INT", "SIGINT", 130),
        ("TERM", "SIGTERM", 143),
        ("HUP", "SIGHUP", 129),
    ] {
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_vigie"))
            .arg(&p)
            .arg("--reference")
            .arg(cc_detail())
            .args(["--report", "json", "--jobs", "1", "--output"])
            .arg(&out)
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let (half, half_written) = std::sync::mpsc::channel();
        let (go_on, signal_sent) = std::sync::mpsc::channel::<()>();
        let writer = {
            let (p, lines) = (p.clone(), lines.clone());
            std::thread::spawn(move || {
                // Opened once vigie opens the pipe to read it.
                let mut w = std::fs::OpenOptions::new().write(true).open(p).unwrap();
                let (first, rest) = lines.split_at(20);
                for l in first {
                    w.write_all(l.as_bytes()).unwrap();
                }
                half.send(()).unwrap();
                let _ = signal_sent.recv();
                // vigie may stop reading before the end (the pipe is then broken).
                for l in rest {
                    if w.write_all(l.as_bytes()).is_err() {
                        break;
                    }
                }
            })
        };
        if half_written.recv_timeout(HANG).is_err() {
            let _ = child.kill();
            panic!("vigie did not read the first records of its corpus within {HANG:?}");
        }
        std::process::Command::new("kill")
            .args([&format!("-{signal}"), &child.id().to_string()])
            .status()
            .unwrap();
        go_on.send(()).unwrap();
        let res = output_of(child, &format!("the run sent SIG{signal}"));
        writer.join().unwrap();
        let err = String::from_utf8_lossy(&res.stderr);
        assert_eq!(res.status.code(), Some(code), "{signal}: {err}");
        assert!(
            err.contains(&format!(
                "vigie: interrupted by {name}: the audit did not complete and no report was \
                 written"
            )),
            "{err}"
        );
        assert!(!out.exists(), "no partial report");
        assert_eq!(
            std::fs::read_dir(dir.path()).unwrap().count(),
            1,
            "no temporary file left beside the corpus"
        );
    }
}

/// A run that does not stop by itself soon after the signal (here waiting for a reference that
/// is a named pipe no one writes to) is ended there, with the same status and message.
#[cfg(unix)]
#[test]
fn a_signal_ends_a_run_that_waits_on_its_reference() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("c.jsonl");
    std::fs::write(&p, format!("{}\n", record("a"))).unwrap();
    let fifo = dir.path().join("reference.pipe");
    assert!(mkfifo(&fifo));
    let out = dir.path().join("report.json");
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_vigie"))
        .arg(&p)
        .arg("--reference")
        .arg(&fifo)
        .args(["--report", "json", "--output"])
        .arg(&out)
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // A writer that opens the pipe (its open returns once vigie has opened it to read) and
    // writes nothing: vigie is then waiting on its reference, and the wait never ends.
    let (tx, opened) = std::sync::mpsc::channel();
    {
        let fifo = fifo.clone();
        std::thread::spawn(move || {
            let _ = tx.send(std::fs::OpenOptions::new().write(true).open(fifo).unwrap());
        });
    }
    let Ok(writer) = opened.recv_timeout(HANG) else {
        let _ = child.kill();
        panic!("vigie did not open its reference within {HANG:?}");
    };
    std::process::Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    // Ended after its grace of 2 s, not left waiting: the reference never comes, so only the
    // signal ends the run.
    let res = output_of(child, "the run waiting on its reference, sent SIGTERM,");
    drop(writer);
    let err = String::from_utf8_lossy(&res.stderr);
    assert_eq!(res.status.code(), Some(143), "{err}");
    assert!(
        err.contains(
            "vigie: interrupted by SIGTERM: the audit did not complete and no report was written"
        ),
        "{err}"
    );
    assert!(!out.exists());
    let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(left.len(), 2, "the corpus and the pipe, no temporary file");
}

/// An unreadable line has no id: its fingerprint (which waivers and `--previous` key on) is
/// that of its file and line. The same bad line in two files, or two files that cannot be read,
/// are told apart; and the fingerprints do not depend on the order the files are given in.
#[test]
fn unreadable_lines_of_different_files_have_different_fingerprints() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.jsonl");
    let b = dir.path().join("b.jsonl");
    for p in [&a, &b] {
        std::fs::write(p, format!("{}\n{{\"text\": \"no id\"}}\n", record("x"))).unwrap();
    }
    let za = dir.path().join("a.zip");
    let zb = dir.path().join("b.zip");
    for p in [&za, &zb] {
        std::fs::write(p, b"PK\x03\x04 not really a zip").unwrap();
    }
    let fingerprints = |v: &Value| -> Vec<(String, u64, String)> {
        let mut out: Vec<_> = v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["rule"] == "IN001")
            .map(|f| {
                (
                    f["record"]["file"].as_str().unwrap().to_string(),
                    f["record"]["line"].as_u64().unwrap(),
                    f["fingerprint"].as_str().unwrap().to_string(),
                )
            })
            .collect();
        out.sort();
        out
    };
    let (_, v, _) = run(&[&a, &b, &za, &zb], &[]);
    let got = fingerprints(&v);
    assert_eq!(got.len(), 4, "{got:?}");
    let mut distinct: Vec<&String> = got.iter().map(|g| &g.2).collect();
    distinct.sort();
    distinct.dedup();
    assert_eq!(distinct.len(), 4, "{got:?}");
    let (_, v, _) = run(&[&zb, &b, &za, &a], &[]);
    assert_eq!(fingerprints(&v), got);

    // A JSON array written on one line: its bad elements share the line, not the fingerprint.
    let one = dir.path().join("one.json");
    let good = record("y").to_string();
    std::fs::write(
        &one,
        format!("[{good},{{\"text\": \"no id\"}},{{\"text\": \"nor here\"}}]\n"),
    )
    .unwrap();
    let (_, v, _) = run(&[&one], &[]);
    let got = fingerprints(&v);
    assert_eq!(got.len(), 2, "{got:?}");
    assert!(got.iter().all(|g| g.1 == 1), "{got:?}");
    assert_ne!(got[0].2, got[1].2, "{got:?}");
    // Told apart by their columns, which the messages give.
    let messages: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|f| f["message"].as_str())
        .collect();
    let col = good.chars().count() + 3;
    assert!(
        messages
            .iter()
            .any(|m| m.starts_with(&format!("line 1, column {col}:"))),
        "{messages:?}"
    );
}

/// Nothing is left out silently: a corpus folder with no corpus file is unusable input (an
/// empty folder, or one whose export is named `.txt`), and files skipped for their name beside
/// corpus files are named on stderr. An audit without `--reference` says what it could not do.
#[test]
fn folders_with_nothing_to_read_and_skipped_files_are_told() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    let (code, _, err) = run(&[&empty], &[]);
    assert_eq!(code, 2);
    assert!(err.contains("empty: no corpus file found"), "{err}");
    assert!(err.contains("it holds no file"), "{err}");
    let txt = dir.path().join("txt");
    std::fs::create_dir(&txt).unwrap();
    std::fs::write(txt.join("export.txt"), format!("{}\n", record("a"))).unwrap();
    let (code, _, err) = run(&[&txt], &[]);
    assert_eq!(code, 2);
    assert!(err.contains("its one file,"), "{err}");
    assert!(err.contains("export.txt, is not one"), "{err}");
    // Beside a corpus file: read, and the other named.
    std::fs::write(txt.join("corpus.jsonl"), format!("{}\n", record("b"))).unwrap();
    let (code, v, err) = run(&[&txt], &[]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(v["audit"]["records"], 1);
    assert!(
        err.contains("warning: 1 entry of the corpus folders was not read"),
        "{err}"
    );
    assert!(err.contains("export.txt"), "{err}");
    // And in the report, which outlives the run's stderr.
    let skipped = v["audit"]["skipped_files"].as_array().unwrap();
    assert_eq!(skipped.len(), 1);
    assert!(
        skipped[0].as_str().unwrap().ends_with("export.txt"),
        "{skipped:?}"
    );
    let (_, text, _) = run_text(&[&txt]);
    assert!(
        text.contains("entries of the corpus folders not read (hidden, or not named .json, .jsonl, .ndjson or .jsonlines, or .gz): 1\n  "),
        "{text}"
    );
    // Named, it is read.
    let (_, v, _) = run(&[&txt.join("export.txt")], &[]);
    assert_eq!(v["audit"]["records"], 1);
    // A hidden file and a hidden folder are not read, and told too.
    std::fs::write(txt.join(".backup.jsonl"), format!("{}\n", record("c"))).unwrap();
    std::fs::create_dir(txt.join(".old")).unwrap();
    std::fs::write(txt.join(".old/x.jsonl"), format!("{}\n", record("d"))).unwrap();
    let (code, v, err) = run(&[&txt], &[]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(v["audit"]["records"], 1);
    assert!(
        err.contains("warning: 3 entries of the corpus folders were not read, being hidden"),
        "{err}"
    );
    let skipped: Vec<&str> = v["audit"]["skipped_files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap())
        .collect();
    assert_eq!(skipped.len(), 3, "{skipped:?}");
    for (got, want) in skipped.iter().zip([".backup.jsonl", ".old", "export.txt"]) {
        assert!(got.ends_with(want), "{skipped:?}");
    }
    let out = vigie()
        .arg(txt.join("corpus.jsonl"))
        .args(["--report", "json", "--quiet"])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("warning: no --reference given"), "{err}");
}

/// Records without a text cannot have their text checked: that is said on stderr, with the
/// mapping's path for the text when there is one (a path that matches nothing, the usual
/// cause, turned the text checks off without a word).
#[test]
fn records_without_text_are_told_with_the_mapping_path() {
    let dir = tempfile::tempdir().unwrap();
    let c = dir.path().join("c.jsonl");
    std::fs::write(
        &c,
        "{\"id\": \"a\", \"content\": {\"body\": \"texte\"}}\n{\"id\": \"b\", \"content\": {\"body\": \"texte\"}}\n",
    )
    .unwrap();
    let m = dir.path().join("m.toml");
    std::fs::write(&m, "[fields]\ntext = \"content.bdy\"\n").unwrap();
    // A path that gives no record its text is a mapping's error, said as such (with the
    // mapping's file and line), and not again as records without a text.
    let (_, v, err) = run(&[&c], &["--mapping", m.to_str().unwrap()]);
    assert_eq!(v["audit"]["records"], 2);
    assert!(
        err.contains(&format!(
            "warning: {}:2: the mapping's path for `text`, `content.bdy`, gave a value in none \
             of the 2 records read: no record's text could be checked (integrity, masking)",
            m.display()
        )),
        "{err}"
    );
    assert!(!err.contains("no text"), "{err}");
    std::fs::write(&m, "[fields]\ntext = \"content.body\"\n").unwrap();
    let (_, _, err) = run(&[&c], &["--mapping", m.to_str().unwrap()]);
    assert!(!err.contains("no text"), "{err}");
    // A path that gives some records their text: those without are told, with the path.
    std::fs::write(
        &c,
        "{\"id\": \"a\", \"content\": {\"body\": \"texte\"}}\n{\"id\": \"b\", \"content\": {}}\n",
    )
    .unwrap();
    let (_, _, err) = run(&[&c], &["--mapping", m.to_str().unwrap()]);
    assert!(
        err.contains("warning: 1 of the 2 records read have no text (the mapping takes it from `content.body`)"),
        "{err}"
    );
    std::fs::write(
        &c,
        "{\"id\": \"a\", \"content\": {\"body\": \"texte\"}}\n{\"id\": \"b\", \"content\": {\"body\": \"texte\"}}\n",
    )
    .unwrap();
    let (_, _, err) = run(&[&c], &[]);
    assert!(
        err.contains("warning: 2 of the 2 records read have no text: their text"),
        "{err}"
    );
}

/// A text that was not compared is counted in the report, by reason, and told on stderr: a
/// record without a `text`, a reference decision without one (a search result), against a
/// text that is compared. A record whose `text` is empty publishes none of the decision: it is
/// compared (INT003), not counted as without text.
#[test]
fn texts_not_compared_are_counted_by_reason_in_the_report() {
    let dir = tempfile::tempdir().unwrap();
    // A decision of the reference as a search result gives it: no text.
    let mut bare: Value = serde_json::from_slice(&std::fs::read(cc_detail()).unwrap()).unwrap();
    let fields = bare.as_object_mut().unwrap();
    for k in ["text", "zones", "ecli", "number", "numbers"] {
        fields.remove(k);
    }
    fields.insert("id".into(), json!("0123456789abcdef01234567"));
    let bare_path = dir.path().join("search.json");
    std::fs::write(&bare_path, bare.to_string()).unwrap();
    let c = dir.path().join("c.jsonl");
    let records = [
        json!({"id": "no-text", "source_id": "5fca277de35a255d41ca73ab"}),
        json!({"id": "empty", "source_id": "5fca277de35a255d41ca73ab", "text": ""}),
        json!({"id": "search", "source_id": "0123456789abcdef01234567", "text": "Attendu que"}),
        json!({"id": "stray", "source_id": "nothing-matches"}),
    ];
    let lines: Vec<String> = records.iter().map(|r| r.to_string()).collect();
    std::fs::write(&c, lines.join("\n")).unwrap();
    let (_, v, err) = run(&[&c], &["--reference", bare_path.to_str().unwrap()]);
    let audit = &v["audit"];
    assert_eq!(audit["matched_records"], 3, "{audit}");
    assert_eq!(audit["texts_not_compared"], 2, "{audit}");
    assert_eq!(
        audit["texts_not_compared_why"],
        json!({"record_without_text": 1, "reference_without_text": 1, "reference_unreadable": 0})
    );
    assert_eq!(audit["records_without_text"], 2, "{audit}");
    let int: Vec<(&str, &str)> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"].as_str().unwrap().starts_with("INT00"))
        .filter(|f| !matches!(f["rule"].as_str(), Some("INT005" | "INT006")))
        .map(|f| {
            (
                f["record"]["id"].as_str().unwrap(),
                f["rule"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(int, [("empty", "INT003"), ("stray", "INT007")]);
    let empty = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "INT003")
        .unwrap();
    assert_eq!(
        empty["message"],
        "the record's text is empty: nothing of the decision text is reproduced"
    );
    assert!(
        err.contains(
            "warning: 2 of the 4 records read have no text: their text could not be checked"
        ),
        "{err}"
    );
    assert!(
        err.contains(
            "warning: the text of 1 matched record could not be compared: its reference decision \
             has no text"
        ),
        "{err}"
    );
}

/// The report without its time, which is all that may differ between two runs.
fn timeless(mut v: Value) -> Value {
    v["audit"]["elapsed_ms"] = Value::Null;
    v
}

/// Runs vigie on `corpus` with one job and with two: the same report (but for its time), which
/// is returned.
fn run_one_and_two_jobs(corpus: &Path) -> Value {
    let (code, one, _) = run(&[corpus], &["--jobs", "1"]);
    let (code2, two, _) = run(&[corpus], &["--jobs", "2"]);
    assert_eq!(code, code2);
    let (one, two) = (timeless(one), timeless(two));
    assert_eq!(one, two);
    one
}

/// The (line, message) of each IN001 of a report.
fn in001_places(v: &Value) -> Vec<(u64, String)> {
    in001(v).into_iter().map(|(_, l, m)| (l, m)).collect()
}

// A file of LF or CRLF lines with a CR alone in a line (files joined from others): `{b}\r{c}`
// was one IN001, and record c lost. A CR alone that ends a whole JSON value ends its line, and
// lines are counted as an editor counts them (VS Code, Notepad++, JetBrains: a CR alone ends a
// line as LF and CRLF do), so the IN001s after it are where the auditor's editor shows them. A
// record spread over lines by a CR inside it stays one (the CR is white space to JSON), and
// its error is placed on the line where it is; columns count chars.
#[test]
fn a_cr_alone_in_a_file_of_lf_lines_loses_no_record() {
    let rec = |id: &str| record(id).to_string();
    let mut bytes = Vec::new();
    for part in [
        format!("{}\r\n", rec("a")),
        format!("{}\r{}\n", rec("b"), rec("c")),
        "\n\r\n{bad}\r\n".to_string(),
        "{\"id\":\"d\",\r\"n\":01}\n".to_string(),
        format!("{}\r", rec("e")),
    ] {
        bytes.extend_from_slice(part.as_bytes());
    }
    bytes.extend_from_slice("{\"id\":\"f\",\"t\":\"é".as_bytes());
    bytes.extend_from_slice(b"\xff\"}\n");
    bytes.extend_from_slice(rec("g").as_bytes());
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("mixed.jsonl");
    std::fs::write(&p, &bytes).unwrap();
    let v = run_one_and_two_jobs(&p);
    // a, b, c on lines 1 to 3; blank lines 4 and 5; `{bad}` on 6; d on 7 and 8; e on 9; f on 10
    // (`{"id":"f","t":"é` is 16 chars); g on 11.
    assert_eq!(v["audit"]["records"], 5);
    assert_eq!(v["audit"]["unreadable_records"], 3);
    assert_eq!(
        in001_places(&v),
        [
            (
                6,
                "line 6, column 2: bad JSON: key must be a string".to_string()
            ),
            (7, "line 8, column 6: bad JSON: invalid number".to_string()),
            (
                10,
                "line 10, column 17: invalid UTF-8 or JSON: invalid unicode code point".to_string()
            ),
        ]
    );
    let lines: Vec<(String, u64)> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] != "IN001")
        .map(|f| {
            (
                f["record"]["id"].as_str().unwrap().to_string(),
                f["record"]["line"].as_u64().unwrap(),
            )
        })
        .collect();
    for (id, line) in [("a", 1), ("b", 2), ("c", 3), ("e", 9), ("g", 11)] {
        assert!(
            lines.contains(&(id.to_string(), line)),
            "{id} at {line}: {lines:?}"
        );
    }
}

// The same in a large file cut in blocks of every size: 2,000 records whose lines end with LF,
// CRLF or CR alone at random, with blank lines of each kind and indented records among them.
// Every record is an item at its line as an editor counts them, at its column, whose offset is
// the start of its line, and reads back (the UI's detail view). A line longer than a record is
// one item, as it is whatever the block size, and the CRs alone in it still end lines.
#[test]
fn cr_alone_lines_in_a_large_lf_file_are_cut_alike_in_blocks_of_any_size() {
    use support::corpus_file::for_each_block_of;
    use vigie::corpus::{Limits, read_record_at};
    let mut seed = 0x9E37_79B9_7F4A_7C15u64;
    let mut rnd = move |n: u64| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed % n
    };
    let mut content = String::new();
    // (line, column, offset, record) of each record.
    let mut want = Vec::new();
    let mut line = 1u64;
    for k in 0..2000 {
        let r = record(&format!("r{k}")).to_string();
        let indent = if rnd(10) == 0 { "  " } else { "" };
        want.push((
            line,
            1 + indent.len() as u64,
            content.len() as u64,
            r.clone(),
        ));
        content.push_str(indent);
        content.push_str(&r);
        // The first line ends with LF: a file of LF lines, not one of CR lines.
        let end = match (k, rnd(10)) {
            (0, _) => "\n",
            (_, 0..=1) => "\r",
            (_, 2..=4) => "\r\n",
            _ => "\n",
        };
        content.push_str(end);
        line += 1;
        // A blank line (an LF after a CR would make a CRLF, one line end).
        let blank = ["\r", "\n", "\r\n", "  \r"][rnd(4) as usize];
        if rnd(20) == 0 && !(end == "\r" && blank == "\n") {
            content.push_str(blank);
            line += 1;
        }
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mixed.jsonl");
    std::fs::write(&path, &content).unwrap();
    for block_bytes in [4096, 65_536, 2 << 20] {
        let limits = Limits {
            block_bytes,
            ..Limits::default()
        };
        let mut got = Vec::new();
        for_each_block_of(&path, &limits, |b| {
            for it in &b.items {
                let bytes = b.item_bytes(it).unwrap();
                let text = String::from_utf8(bytes.trim_ascii_end().to_vec()).unwrap();
                got.push((it.line, it.column, it.offset, text));
            }
        });
        assert_eq!(got.len(), want.len(), "blocks of {block_bytes}");
        for (g, w) in got.iter().zip(&want) {
            assert_eq!(g, w, "blocks of {block_bytes}");
        }
        for k in [0, 1, 2, 3, 999, 1999] {
            let rec = read_record_at(&path, want[k].2, None, &limits).unwrap();
            assert_eq!(rec.id, format!("r{k}"));
        }
    }

    // 30 records ended by CR alone on one LF line longer than a record: one item, at its line;
    // the record after it, 30 lines on.
    let long: Vec<String> = (0..30)
        .map(|k| record(&format!("l{k}")).to_string())
        .collect();
    let content = format!("{}\n{}\r\n{}\n", record("a"), long.join("\r"), record("z"));
    std::fs::write(&path, &content).unwrap();
    for block_bytes in [64, 1000, 4096, 65_536] {
        let limits = Limits {
            block_bytes,
            max_record_bytes: 1024,
            ..Limits::default()
        };
        let mut got = Vec::new();
        for_each_block_of(&path, &limits, |b| {
            for it in &b.items {
                got.push((it.line, it.column, b.item_bytes(it).is_some()));
            }
        });
        assert_eq!(
            got,
            [(1, 1, true), (2, 1, false), (32, 1, true)],
            "blocks of {block_bytes}"
        );
    }
}

// A `,` left out between elements of an array, one element a line: three well-formed records
// were one IN001 ("trailing characters"). Every element is read, and each `,` left out is an
// IN001 where it belongs, just after the element before it.
#[test]
fn a_comma_left_out_in_an_array_loses_no_record() {
    let g: Vec<String> = (1..=4)
        .map(|n| record(&format!("g{n}")).to_string())
        .collect();
    let after = g[0].chars().count() + 1;
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("array.json");
    std::fs::write(
        &p,
        format!("[\n{}\n{}\n{},\n{}\n]\n", g[0], g[1], g[2], g[3]),
    )
    .unwrap();
    let v = run_one_and_two_jobs(&p);
    assert_eq!(v["audit"]["records"], 4);
    assert_eq!(v["audit"]["unreadable_records"], 2);
    let missing = |line: u64| {
        (
            line,
            format!(
                "line {line}, column {after}: a `,` is missing between two elements of the JSON \
                 array (the next one starts at line {}, column 1)",
                line + 1
            ),
        )
    };
    assert_eq!(in001_places(&v), [missing(2), missing(3)]);
}

// Invalid UTF-8 in a string was placed where serde_json tells it, at the string's end moved
// back roughly (one column off after a `\n` escape, dozens after a long text with escapes and
// accents). It is placed at its first invalid byte, in chars.
#[test]
fn invalid_utf8_is_placed_at_its_byte() {
    let mut long = b"{\"id\":\"b\",\"text\":\"".to_vec();
    for _ in 0..30 {
        long.extend_from_slice("l'arrêt \\\"attaqué\\\" ".as_bytes());
    }
    let chars = String::from_utf8(long.clone()).unwrap().chars().count();
    long.extend_from_slice(b"\xff");
    for _ in 0..10 {
        long.extend_from_slice("\\n« motifs »".as_bytes());
    }
    long.extend_from_slice(b"\"}\n");
    let mut bytes = b"{\"id\":\"a\",\"text\":\"ab\xffcdefghij\\nxyz\"}\n".to_vec();
    bytes.extend_from_slice(&long);
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("utf8.jsonl");
    std::fs::write(&p, &bytes).unwrap();
    let v = run_one_and_two_jobs(&p);
    let what = "invalid UTF-8 or JSON: invalid unicode code point";
    assert_eq!(
        in001_places(&v),
        [
            (1, format!("line 1, column 21: {what}")),
            (2, format!("line 2, column {}: {what}", chars + 1)),
        ]
    );
}

/// A record whose reference decision is in a file that could not be read is told so (INT007
/// names the file), not said to match nothing: the defect is the reference's, not the reuser's.
#[test]
fn a_record_whose_reference_file_is_unreadable_is_told_so() {
    let dir = tempfile::tempdir().unwrap();
    let reference = dir.path().join("reference");
    std::fs::create_dir(&reference).unwrap();
    std::fs::copy(
        data("dila-cass/JURITEXT000048176061.xml"),
        reference.join("JURITEXT000048176061.xml"),
    )
    .unwrap();
    // Cut short in the middle of its text.
    let whole = std::fs::read(data("dila-cass/JURITEXT000048176094.xml")).unwrap();
    std::fs::write(
        reference.join("JURITEXT000048176094.xml"),
        &whole[..whole.len() / 2],
    )
    .unwrap();
    let corpus = dir.path().join("corpus.jsonl");
    let lines: Vec<String> = ["JURITEXT000048176094", "JURITEXT000099999999"]
        .iter()
        .enumerate()
        .map(|(i, id)| {
            json!({"id": format!("r-{i}"), "source_id": id, "text": "texte"}).to_string()
        })
        .collect();
    std::fs::write(&corpus, lines.join("\n") + "\n").unwrap();
    let out = vigie_on(&corpus, &reference)
        .args([
            "--as-of",
            "2026-11-22T12:00:00Z",
            "--report",
            "json",
            "--quiet",
        ])
        .args(["--fail-on", "never"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["audit"]["reference_decisions"], 1);
    assert_eq!(v["audit"]["unreadable_reference_decisions"], 1);
    // Listed with where and why.
    let listed = v["audit"]["unreadable_reference"].as_array().unwrap();
    assert_eq!(listed.len(), 1, "{listed:?}");
    assert!(
        listed[0]["file"]
            .as_str()
            .unwrap()
            .ends_with("JURITEXT000048176094.xml")
    );
    assert!(
        listed[0]["reason"]
            .as_str()
            .unwrap()
            .contains("is not closed (truncated file?)"),
        "{listed:?}"
    );
    assert_eq!(v["audit"]["skipped_files"], json!([]));
    let int007: Vec<(String, String)> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "INT007")
        .map(|f| {
            (
                f["record"]["id"].as_str().unwrap().to_string(),
                f["message"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(int007.len(), 2, "{int007:?}");
    assert_eq!(int007[0].0, "r-0");
    assert!(
        int007[0]
            .1
            .starts_with("no reference decision could be read for the record's `source_id`: ")
            && int007[0]
                .1
                .contains("JURITEXT000048176094.xml seems to hold it"),
        "{}",
        int007[0].1
    );
    assert_eq!(
        int007[1].1,
        "no reference decision matches the record's `source_id`, but the reference is \
         incomplete (1 decision could not be read): the record may cite a decision among those, \
         and was not checked against it"
    );
}

/// The settings, waivers and history files are read up to a bound: one that never ends
/// (`/dev/zero`) or a regular file over it is exit 2 naming it, not a run that takes the
/// machine's memory (an abort, or the kernel's out-of-memory killer).
#[test]
fn settings_waivers_and_history_files_are_read_within_a_bound() {
    let dir = tempfile::tempdir().unwrap();
    let c = dir.path().join("c.jsonl");
    std::fs::write(&c, format!("{}\n", record("a"))).unwrap();
    // A sparse file of 17 MiB: larger than any settings file, told from its size at once.
    let big = dir.path().join("big.toml");
    std::fs::File::create(&big)
        .unwrap()
        .set_len(17 << 20)
        .unwrap();
    let big = big.to_str().unwrap();
    let mut cases = vec![
        ("--mapping", big, "big.toml: larger than 16 MiB"),
        ("--policy", big, "big.toml: larger than 16 MiB"),
    ];
    #[cfg(unix)]
    cases.extend([
        ("--mapping", "/dev/zero", "/dev/zero: larger than 16 MiB"),
        ("--policy", "/dev/zero", "/dev/zero: larger than 16 MiB"),
        ("--waivers", "/dev/zero", "/dev/zero: larger than 256 MiB"),
    ]);
    for (flag, path, want) in cases {
        let (code, _, err) = run(&[&c], &[flag, path]);
        assert_eq!(code, 2, "{flag} {path}: {err}");
        assert!(err.contains(want), "{flag} {path}: {err}");
    }
    let out = vigie()
        .arg(&c)
        .args(["--report", "json", "--quiet"])
        .env("VIGIE_KEYMAP", big)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("larger than 16 MiB"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // A history file over 1 GiB (sparse).
    let history = dir.path().join("history.json");
    std::fs::File::create(&history)
        .unwrap()
        .set_len((1 << 30) + 1)
        .unwrap();
    let (code, _, err) = run(&[&c], &["--history", history.to_str().unwrap()]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("history.json: larger than 1 GiB"), "{err}");
}
