//! `--history`: Judilibre `/transactionalhistory` pages
//! `{"transactions": [{"id", "action": "created"|"updated"|"deleted", "date"}], ...}`, in a file,
//! a folder or JSON Lines. A decision whose last action is `deleted` is withdrawn at source.

use super::Unreadable;
use super::judilibre::parse_iso_update;
use crate::error::InputError;
use crate::ident::Moment;
use crate::model::Origin;
use serde_json::Value;
use std::collections::HashMap;
use std::path::PathBuf;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Created,
    Updated,
    Deleted,
}

/// What the history says of one decision.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Entry {
    pub last_action: Action,
    /// Date of the last action.
    pub date: Option<jiff::Timestamp>,
    /// Date of the last creation or update: an instant, or a day alone when the history gives
    /// no time.
    pub last_update: Option<Moment>,
    /// Whose withdrawal it is, when the history does not go with the reference's decision: a
    /// DILA suppression list's, for a decision the reference may not hold (`None` for
    /// `--history`).
    pub withdrawn_by: Option<crate::model::Producer>,
}

/// The transactional history, by decision id (lower-case).
#[derive(Debug, Clone, Default)]
pub struct History {
    entries: HashMap<String, Entry>,
    pub transactions: u64,
    /// Transactions (or pages) that could not be read, and why.
    pub unreadable: Vec<Unreadable>,
    /// Transactions dated after the audit time, set aside: as of then, they had not happened.
    pub after_as_of: u64,
}

impl History {
    pub fn get(&self, id: &str) -> Option<&Entry> {
        self.entries.get(&id.trim().to_lowercase())
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Records that `producer` deleted decision `id` at `date` (a DILA suppression list, which
    /// names no transaction of its own): unless the history tells of a later action on it.
    /// Whether it did.
    pub fn withdraw(
        &mut self,
        id: &str,
        date: Option<jiff::Timestamp>,
        producer: Option<crate::model::Producer>,
    ) -> bool {
        let e = self
            .entries
            .entry(id.trim().to_lowercase())
            .or_insert(Entry {
                last_action: Action::Deleted,
                date,
                last_update: None,
                withdrawn_by: producer,
            });
        if e.date <= date {
            e.last_action = Action::Deleted;
            e.date = date;
            e.withdrawn_by = producer;
            true
        } else {
            false
        }
    }

    /// Reads history files and folders. The transactions dated after `as_of`, the audit time,
    /// are set aside (and counted): a withdrawal or a correction to come is no breach yet.
    pub fn load(paths: &[PathBuf], as_of: Option<jiff::Timestamp>) -> Result<History, InputError> {
        let mut all: Vec<Transaction> = Vec::new();
        let mut h = History::default();
        for p in paths {
            let files = super::list_files(p)?;
            let mut pages = 0;
            for f in &files {
                let bytes = crate::error::read_bounded(f, crate::error::MAX_HISTORY_FILE_BYTES)
                    .map_err(|e| InputError::io(f, e))?;
                pages += read_bytes(
                    &bytes,
                    &f.display().to_string(),
                    &mut all,
                    &mut h.unreadable,
                );
            }
            // A page with no transaction is valid (nothing changed at source); a path where no
            // page at all can be read is not a history.
            if pages == 0 {
                let why = h
                    .unreadable
                    .last()
                    .map(|u| format!("{}: {}", u.origin, u.reason))
                    .unwrap_or_else(|| "no transaction found".into());
                return Err(InputError::new(
                    p,
                    format!("no transactional history could be read ({why})"),
                ));
            }
        }
        // Pages whose every transaction is unreadable (`[1, 2]`, unknown actions) are no history
        // either: nothing would say so, and no withdrawal could be found.
        if all.is_empty()
            && let Some(u) = h.unreadable.first()
        {
            return Err(InputError::new(
                &paths[0],
                format!(
                    "no transaction of the history could be read ({}: {})",
                    u.origin, u.reason
                ),
            ));
        }
        if let Some(as_of) = as_of {
            let before = all.len();
            all.retain(|t| t.2.is_none_or(|d| d.start() <= as_of));
            h.after_as_of = (before - all.len()) as u64;
        }
        h.transactions = all.len() as u64;
        // Order by date, then by order of appearance: the last action wins.
        // A day alone is ordered from its start.
        all.sort_by(|a, b| {
            (a.2.map(|m| m.start()))
                .cmp(&b.2.map(|m| m.start()))
                .then(a.3.cmp(&b.3))
        });
        for (id, action, date, _) in all {
            let at = date.map(|m| m.start());
            let e = h.entries.entry(id).or_insert(Entry {
                last_action: action,
                date: at,
                last_update: None,
                withdrawn_by: None,
            });
            e.last_action = action;
            e.date = at;
            if action != Action::Deleted {
                // In date order: this one is the latest.
                e.last_update = date.or(e.last_update);
            }
        }
        Ok(h)
    }
}

fn unreadable(file: &str, line: u64, reason: String) -> Unreadable {
    Unreadable {
        origin: Origin {
            file: file.to_string(),
            line,
        },
        reason,
    }
}

/// One transaction read: the decision's id (lower-case), the action, its date, and its place
/// among those read.
type Transaction = (String, Action, Option<Moment>, usize);

fn read_bytes(
    bytes: &[u8],
    file: &str,
    out: &mut Vec<Transaction>,
    bad: &mut Vec<Unreadable>,
) -> usize {
    let mut pages = 0;
    // UTF-16 or UTF-32 (as some Windows tools export): every line would be bad JSON without
    // saying why.
    if let Some(why) = crate::corpus::wide_encoding(bytes, false, "FILE.json") {
        bad.push(unreadable(file, 1, why));
        return 0;
    }
    let b = if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        &bytes[3..]
    } else {
        bytes
    };
    // The line of the byte at `at` of `b` (what the BOM leaves of the file).
    // Counted on from the previous place asked, since the transactions come in order: counting
    // from the file's start each time cost the file's length for each of a million
    // transactions.
    let mut counted = (0usize, 1u64);
    let mut line_at = |at: usize| {
        let at = at.min(b.len());
        if at < counted.0 {
            counted = (0, 1);
        }
        counted.1 += memchr::memchr_iter(b'\n', &b[counted.0..at]).count() as u64;
        counted.0 = at;
        counted.1
    };
    // Each document, the line it starts on, and, for a document read whole, the line of each of
    // its transactions.
    let docs: Vec<(u64, Result<Value, String>)> = match serde_json::from_slice::<Value>(b) {
        Ok(v) => vec![(1, Ok(v))],
        Err(_) => b
            .split(|&c| c == b'\n')
            .enumerate()
            .filter(|(_, l)| !l.iter().all(|c| c.is_ascii_whitespace()))
            .map(|(i, l)| {
                (
                    i as u64 + 1,
                    serde_json::from_slice::<Value>(l).map_err(|e| {
                        // serde_json ends its message with its own place in the line.
                        let msg = e.to_string();
                        let msg = msg
                            .strip_suffix(&format!(" at line {} column {}", e.line(), e.column()))
                            .unwrap_or(&msg);
                        format!("column {}: bad JSON: {msg}", e.column())
                    }),
                )
            })
            .collect(),
    };
    let whole = docs.len() == 1 && docs[0].1.is_ok();
    let lines = if whole {
        transaction_lines(b)
    } else {
        Vec::new()
    };
    for (line, doc) in docs {
        let v = match doc {
            Ok(v) => v,
            Err(e) => {
                bad.push(unreadable(file, line, e));
                continue;
            }
        };
        let txs: Vec<Value> = match v {
            Value::Object(mut o) => match o.remove("transactions") {
                Some(Value::Array(a)) => a,
                _ if o.contains_key("action") => vec![Value::Object(o)],
                _ => {
                    bad.push(unreadable(file, line, "no `transactions` array".into()));
                    continue;
                }
            },
            Value::Array(a) => a,
            _ => {
                bad.push(unreadable(file, line, "not a history page".into()));
                continue;
            }
        };
        pages += 1;
        for (k, t) in txs.into_iter().enumerate() {
            let line = lines.get(k).map_or(line, |&at| line_at(at));
            let id = t.get("id").and_then(Value::as_str);
            let action = match t.get("action").and_then(Value::as_str) {
                Some("created") => Some(Action::Created),
                Some("updated") => Some(Action::Updated),
                Some("deleted") => Some(Action::Deleted),
                _ => None,
            };
            let (Some(id), Some(action)) = (id, action) else {
                bad.push(unreadable(
                    file,
                    line,
                    "a transaction needs an `id` and an `action` (created, updated or deleted)"
                        .into(),
                ));
                continue;
            };
            // Without its date, a transaction cannot be ordered with the others: a withdrawal
            // of unknown date would be taken for the last word on the decision.
            let date = t.get("date");
            match date.and_then(Value::as_str).and_then(parse_iso_update) {
                Some(date) => {
                    let n = out.len();
                    out.push((id.trim().to_lowercase(), action, Some(date), n));
                }
                None => bad.push(unreadable(
                    file,
                    line,
                    format!(
                        "the transaction of {} needs a `date` (ISO 8601, in the years 1 to 9999), not {}",
                        crate::text::sanitize::for_terminal(id, false),
                        date.map_or("none".to_string(), |d| {
                            crate::text::sanitize::for_terminal(&d.to_string(), false).into_owned()
                        })
                    ),
                )),
            }
        }
    }
    pages
}

/// For a history read as one JSON document, where each of its transactions starts (a byte of
/// `b`), in order: those of its `transactions` array, or of the array it is. Nothing when it is
/// neither.
fn transaction_lines(b: &[u8]) -> Vec<usize> {
    use serde_json::value::RawValue;
    let Ok(text) = std::str::from_utf8(b) else {
        return Vec::new();
    };
    let items: Vec<&RawValue> = match serde_json::from_str::<&RawValue>(text) {
        Ok(raw) if raw.get().starts_with('[') => {
            serde_json::from_str(raw.get()).unwrap_or_default()
        }
        Ok(raw) => serde_json::from_str::<std::collections::BTreeMap<String, &RawValue>>(raw.get())
            .ok()
            .and_then(|m| m.get("transactions").copied())
            .and_then(|t| serde_json::from_str(t.get()).ok())
            .unwrap_or_default(),
        Err(_) => Vec::new(),
    };
    // Each raw value borrows its bytes from `text`: its address tells where it lies.
    let base = text.as_ptr() as usize;
    items
        .iter()
        .map(|r| r.get().as_ptr() as usize - base)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn last_action_wins_by_date() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("h.json");
        std::fs::write(
            &p,
            r#"{"transactions":[
              {"id":"A1","action":"deleted","date":"2026-11-10T10:00:00Z"},
              {"id":"a1","action":"created","date":"2026-01-01T10:00:00Z"},
              {"id":"b2","action":"updated","date":"2026-11-01T10:00:00Z"},
              {"id":"b2","action":"created","date":"2026-10-01"}],"next_batch":null}"#,
        )
        .unwrap();
        let q = dir.path().join("more.jsonl");
        std::fs::write(
            &q,
            "{\"transactions\":[{\"id\":\"c3\",\"action\":\"deleted\",\"date\":\"2026-11-02\"}]}\n{\"transactions\":[{\"id\":\"c3\",\"action\":\"created\",\"date\":\"2026-11-03\"}]}\n",
        )
        .unwrap();
        let h = History::load(&[dir.path().to_path_buf()], None).unwrap();
        assert_eq!(h.transactions, 6);
        assert_eq!(h.get("a1").unwrap().last_action, Action::Deleted);
        let b = h.get("B2").unwrap();
        assert_eq!(b.last_action, Action::Updated);
        assert_eq!(
            b.last_update,
            Some(Moment::Instant("2026-11-01T10:00:00Z".parse().unwrap()))
        );
        let c = h.get("c3").unwrap();
        assert_eq!(c.last_action, Action::Created);
        // A date without a time stays a day; the action's date is its start, in France.
        assert_eq!(
            c.last_update,
            Some(Moment::Date(jiff::civil::date(2026, 11, 3)))
        );
        assert_eq!(c.date, Some("2026-11-02T23:00:00Z".parse().unwrap()));
        assert_eq!(h.after_as_of, 0);

        // As of 2 November noon, the withdrawal of a1 (10 November) and the re-creation of c3
        // (3 November) had not happened: c3 is withdrawn, a1 is not.
        let as_of = "2026-11-02T12:00:00Z".parse().unwrap();
        let h = History::load(&[dir.path().to_path_buf()], Some(as_of)).unwrap();
        assert_eq!((h.transactions, h.after_as_of), (4, 2));
        assert_eq!(h.get("a1").unwrap().last_action, Action::Created);
        assert_eq!(h.get("b2").unwrap().last_action, Action::Updated);
        assert_eq!(h.get("c3").unwrap().last_action, Action::Deleted);
    }

    // A withdrawal DILA's suppression lists tell stands unless the history tells of a later
    // action on the decision.
    #[test]
    fn a_withdrawal_gives_way_to_a_later_transaction_only() {
        let t = |s: &str| Some(s.parse::<jiff::Timestamp>().unwrap());
        let mut h = History::default();
        h.entries.insert(
            "juritext1".into(),
            Entry {
                last_action: Action::Updated,
                date: t("2023-11-26T10:00:00Z"),
                last_update: t("2023-11-26T10:00:00Z").map(Moment::Instant),
                withdrawn_by: None,
            },
        );
        let dila = Some(crate::model::Producer::Legifrance);
        assert!(!h.withdraw("JURITEXT1 ", t("2023-11-25T12:08:12Z"), dila));
        let e = h.get("juritext1").unwrap();
        assert_eq!((e.last_action, e.withdrawn_by), (Action::Updated, None));
        assert!(h.withdraw("JURITEXT1", t("2023-11-27T19:42:09Z"), dila));
        let e = h.get("juritext1").unwrap();
        assert_eq!(
            (e.last_action, e.date, e.withdrawn_by),
            (Action::Deleted, t("2023-11-27T19:42:09Z"), dila)
        );
        // Its last update stays: FRE002 still compares it with the record's load.
        assert_eq!(
            e.last_update,
            t("2023-11-26T10:00:00Z").map(Moment::Instant)
        );
        // Unknown to the history: withdrawn, dated or not.
        assert!(h.withdraw("JURITEXT2", None, None));
        let e = h.get("juritext2").unwrap();
        assert_eq!(
            (e.last_action, e.date, e.last_update),
            (Action::Deleted, None, None)
        );
    }

    #[test]
    fn an_empty_page_is_a_valid_history() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("h.json");
        std::fs::write(&p, r#"{"transactions":[],"next_batch":null}"#).unwrap();
        let h = History::load(&[p], None).unwrap();
        assert!(h.is_empty());
    }

    #[test]
    fn unreadable_history_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("h.json");
        std::fs::write(&p, "nonsense").unwrap();
        let e = History::load(std::slice::from_ref(&p), None)
            .unwrap_err()
            .to_string();
        assert!(e.contains("h.json"), "{e}");
        // Pages of which no transaction can be read are no history either.
        for bad in [
            "[1, 2]",
            r#"{"transactions":[{"id":5,"action":"zapped","date":"x"}]}"#,
        ] {
            std::fs::write(&p, bad).unwrap();
            let e = History::load(std::slice::from_ref(&p), None)
                .unwrap_err()
                .to_string();
            assert!(
                e.contains("no transaction of the history could be read"),
                "{e}"
            );
            assert!(e.contains("needs an `id` and an `action`"), "{e}");
        }
        // One bad transaction among good ones is left out and listed.
        std::fs::write(
            &p,
            r#"{"transactions":[{"id":"a","action":"deleted","date":"2026-11-01"},{"id":"b","action":"zapped"}]}"#,
        )
        .unwrap();
        let h = History::load(&[p], None).unwrap();
        assert_eq!(h.transactions, 1);
        assert_eq!(h.unreadable.len(), 1);
        assert_eq!(h.unreadable[0].origin.line, 1);
    }

    /// A transaction without a readable date cannot be ordered: it is left out and named, at
    /// its own line of a page read whole, and a bad line of JSON Lines is named once, by its
    /// line and column.
    #[test]
    fn transactions_are_named_at_their_line_and_need_a_date() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("h.json");
        std::fs::write(
            &p,
            "{\"transactions\": [\n  {\"id\": \"a\", \"action\": \"created\", \"date\": \"2026-01-01\"},\n  \
             {\"id\": \"b\", \"action\": \"deleted\", \"date\": \"2026-02-30\"},\n  \
             {\"id\": \"c\", \"action\": \"deleted\"},\n  \
             {\"id\": \"d\", \"action\": \"deleted\", \"date\": null},\n  \
             {\"id\": \"e\", \"action\": \"frobbed\", \"date\": \"2026-01-01\"}\n]}",
        )
        .unwrap();
        let h = History::load(std::slice::from_ref(&p), None).unwrap();
        assert_eq!(h.transactions, 1);
        assert!(h.get("b").is_none() && h.get("c").is_none() && h.get("d").is_none());
        let at: Vec<(u64, &str)> = h
            .unreadable
            .iter()
            .map(|u| (u.origin.line, u.reason.as_str()))
            .collect();
        assert_eq!(at.iter().map(|a| a.0).collect::<Vec<_>>(), [3, 4, 5, 6]);
        assert!(
            at[0].1.contains("needs a `date`") && at[0].1.contains("2026-02-30"),
            "{at:?}"
        );
        assert!(at[1].1.contains("not none"), "{at:?}");
        assert!(at[3].1.contains("an `action`"), "{at:?}");
        // JSON Lines: the bad line, its column, and serde_json's own place said once.
        let q = dir.path().join("h.jsonl");
        std::fs::write(
            &q,
            "{\"id\":\"a\",\"action\":\"deleted\",\"date\":\"2026-01-01T00:00:00Z\"}\n{bad\n",
        )
        .unwrap();
        let h = History::load(std::slice::from_ref(&q), None).unwrap();
        assert_eq!(h.transactions, 1);
        let u = &h.unreadable[0];
        assert_eq!(u.origin.line, 2);
        assert!(u.reason.starts_with("column 2: bad JSON:"), "{}", u.reason);
        assert!(!u.reason.contains("at line"), "{}", u.reason);
        // UTF-16 is said to be UTF-16.
        let utf16: Vec<u8> = "\u{feff}{\"transactions\": []}"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        std::fs::write(&p, utf16).unwrap();
        let e = History::load(std::slice::from_ref(&p), None)
            .unwrap_err()
            .to_string();
        assert!(e.contains("UTF-16 (little-endian)"), "{e}");
        assert!(
            e.contains("iconv -f UTF-16 -t UTF-8 FILE > FILE.json"),
            "{e}"
        );
        // UTF-32 is said to be UTF-32 (it was said to be UTF-16), with its own advice.
        let utf32: Vec<u8> = "\u{feff}{\"transactions\": []}"
            .chars()
            .flat_map(|c| (c as u32).to_le_bytes())
            .collect();
        std::fs::write(&p, utf32).unwrap();
        let e = History::load(&[p], None).unwrap_err().to_string();
        assert!(e.contains("UTF-32 (little-endian)"), "{e}");
        assert!(
            e.contains("iconv -f UTF-32 -t UTF-8 FILE > FILE.json"),
            "{e}"
        );
    }
}
