//! `--history`: Judilibre `/transactionalhistory` pages
//! `{"transactions": [{"id", "action": "created"|"updated"|"deleted", "date"}], ...}`, in a file,
//! a folder or JSON Lines. A decision whose last action is `deleted` is withdrawn at source.
//!
//! The transactions are read one by one and folded into the per-decision entries as they come:
//! no document tree and no list of all the transactions is built, so that a history of millions
//! of transactions costs its file's bytes and an entry per decision, not a kilobyte per
//! transaction.

use super::Unreadable;
use super::judilibre::parse_iso_update;
use crate::error::InputError;
use crate::ident::Moment;
use crate::model::Origin;
use crate::text::sanitize::Shown;
use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::value::RawValue;
use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt;
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
    entries: HashMap<Box<str>, Entry>,
    pub transactions: u64,
    /// Transactions (or pages) that could not be read, and why.
    pub unreadable: Vec<Unreadable>,
    /// Transactions dated after the audit time, set aside: as of then, they had not happened.
    pub after_as_of: u64,
}

/// A decision id as the entries are keyed: trimmed and in lower case, copied only when that
/// changes it.
fn key(id: &str) -> Cow<'_, str> {
    let id = id.trim();
    if id.bytes().any(|c| c.is_ascii_uppercase() || !c.is_ascii()) {
        Cow::Owned(id.to_lowercase())
    } else {
        Cow::Borrowed(id)
    }
}

impl History {
    pub fn get(&self, id: &str) -> Option<&Entry> {
        self.entries.get(&*key(id))
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
            .entry(key(id).into_owned().into_boxed_str())
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
        let mut h = History::default();
        let mut fold = Fold {
            entries: &mut h.entries,
            bad: &mut h.unreadable,
            as_of,
            read: 0,
            after_as_of: 0,
        };
        for p in paths {
            let files = super::list_files(p)?;
            let mut pages = 0;
            for f in &files {
                // A folder inside that cannot be listed is unusable history, as a file that
                // cannot be read is: the transactions it holds would be lost without a word.
                let f = f.as_ref().map_err(Clone::clone)?;
                let bytes = crate::error::read_bounded(f, crate::error::MAX_HISTORY_FILE_BYTES)
                    .map_err(|e| InputError::io(f, e))?;
                pages += read_bytes(&bytes, &f.shown(), &mut fold);
            }
            // A page with no transaction is valid (nothing changed at source); a path where no
            // page at all can be read is not a history.
            if pages == 0 {
                let why = fold
                    .bad
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
        if fold.read == 0
            && let Some(u) = fold.bad.first()
        {
            return Err(InputError::new(
                &paths[0],
                format!(
                    "no transaction of the history could be read ({}: {})",
                    u.origin, u.reason
                ),
            ));
        }
        let (read, after_as_of) = (fold.read, fold.after_as_of);
        h.after_as_of = after_as_of;
        h.transactions = read - after_as_of;
        Ok(h)
    }
}

fn unreadable(file: &str, line: u64, reason: String) -> Unreadable {
    Unreadable::one(
        Origin {
            file: file.to_string(),
            line,
        },
        reason,
    )
}

/// The transactions folded into the entries as they are read, in the order of the files and of
/// the transactions in each.
struct Fold<'h> {
    entries: &'h mut HashMap<Box<str>, Entry>,
    bad: &'h mut Vec<Unreadable>,
    as_of: Option<jiff::Timestamp>,
    /// Transactions read with their date, those after `as_of` included.
    read: u64,
    /// Of those, the ones dated after `as_of`, set aside.
    after_as_of: u64,
}

impl Fold<'_> {
    /// One transaction read. The last action by date wins, and of actions of the same date the
    /// one read last: which this one is, of all those read so far. A day alone is ordered from
    /// its start.
    fn add(&mut self, id: &str, action: Action, date: Moment) {
        self.read += 1;
        let at = date.start();
        if self.as_of.is_some_and(|as_of| at > as_of) {
            self.after_as_of += 1;
            return;
        }
        let id = key(id);
        match self.entries.get_mut(&*id) {
            Some(e) => {
                if Some(at) >= e.date {
                    e.last_action = action;
                    e.date = Some(at);
                }
                if action != Action::Deleted && e.last_update.is_none_or(|m| at >= m.start()) {
                    e.last_update = Some(date);
                }
            }
            None => {
                self.entries.insert(
                    id.into_owned().into_boxed_str(),
                    Entry {
                        last_action: action,
                        date: Some(at),
                        last_update: (action != Action::Deleted).then_some(date),
                        withdrawn_by: None,
                    },
                );
            }
        }
    }

    /// One transaction as written (any JSON value), at `line` of `file`.
    fn transaction(&mut self, raw: &str, file: &str, line: u64) {
        let t = match serde_json::from_str::<Transaction>(raw) {
            Ok(t) => t,
            // Not seen: the document was read whole before.
            Err(e) => {
                self.bad
                    .push(unreadable(file, line, format!("bad JSON: {e}")));
                return;
            }
        };
        let (Some(id), Some(action)) = (t.id, t.action) else {
            self.bad.push(unreadable(
                file,
                line,
                "a transaction needs an `id` and an `action` (created, updated or deleted)".into(),
            ));
            return;
        };
        // Without its date, a transaction cannot be ordered with the others: a withdrawal of
        // unknown date would be taken for the last word on the decision.
        let date = t.date.and_then(|d| {
            serde_json::from_str::<Text>(d.get())
                .ok()
                .and_then(|s| s.0)
                .and_then(|s| parse_iso_update(&s))
        });
        match date {
            Some(date) => self.add(&id, action, date),
            None => {
                // The date as JSON, as written out again (compact).
                let written = t.date.map_or("none".to_string(), |d| {
                    let json = serde_json::from_str::<serde_json::Value>(d.get())
                        .map_or_else(|_| d.get().to_string(), |v| v.to_string());
                    crate::text::sanitize::for_terminal(&json, false).into_owned()
                });
                self.bad.push(unreadable(
                    file,
                    line,
                    format!(
                        "the transaction of {} needs a `date` (ISO 8601, in the years 1 to 9999), not {written}",
                        crate::text::sanitize::for_terminal(&id, false),
                    ),
                ));
            }
        }
    }
}

/// Reads a file's bytes into `fold`: one JSON document, else JSON Lines. The number of pages
/// read.
fn read_bytes(bytes: &[u8], file: &str, fold: &mut Fold) -> usize {
    // UTF-16 or UTF-32 (as some Windows tools export): every line would be bad JSON without
    // saying why.
    if let Some(why) = crate::corpus::wide_encoding(bytes, false, "FILE.json") {
        fold.bad.push(unreadable(file, 1, why));
        return 0;
    }
    let b = if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        &bytes[3..]
    } else {
        bytes
    };
    // One document: each transaction is named at its own line. It is read twice: whole, to
    // tell whether it is one document (as `serde_json::Value` would have read it) and of what
    // shape, then transaction by transaction into the entries. A file found bad at its end is
    // read as JSON Lines: none of its transactions must have been folded by then.
    if let Ok(shape) = serde_json::from_slice::<Shape>(b) {
        // The line of the byte at `at` of `b` (what the BOM leaves of the file).
        // Counted on from the previous place asked, since the transactions come in order:
        // counting from the file's start each time cost the file's length for each of a
        // million transactions.
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
        return read_document(b, shape, file, fold, &mut |at| line_at(at), 1);
    }
    // JSON Lines: each line a document, whose transactions are named at its line.
    let mut pages = 0;
    for (i, l) in b.split(|&c| c == b'\n').enumerate() {
        if l.iter().all(|c| c.is_ascii_whitespace()) {
            continue;
        }
        let line = i as u64 + 1;
        match serde_json::from_slice::<Shape>(l) {
            Ok(shape) => pages += read_document(l, shape, file, fold, &mut |_| line, line),
            Err(e) => {
                // serde_json ends its message with its own place in the line.
                let msg = e.to_string();
                let msg = msg
                    .strip_suffix(&format!(" at line {} column {}", e.line(), e.column()))
                    .unwrap_or(&msg);
                fold.bad.push(unreadable(
                    file,
                    line,
                    format!("column {}: bad JSON: {msg}", e.column()),
                ));
            }
        }
    }
    pages
}

/// Folds the transactions of document `doc`, of the given shape (it was read whole without
/// error), starting at `line` of `file`; `line_of` gives the line of a byte of `doc`. 1 if it is
/// a page (or a transaction, or an array of them), 0 if not.
fn read_document(
    doc: &[u8],
    shape: Shape,
    file: &str,
    fold: &mut Fold,
    line_of: &mut dyn FnMut(usize) -> u64,
    line: u64,
) -> usize {
    let base = doc.as_ptr() as usize;
    let read = match shape {
        Shape::Page(k) => PageSeed {
            key: k,
            each: &mut |raw: &RawValue| {
                let at = raw.get().as_ptr() as usize - base;
                fold.transaction(raw.get(), file, line_of(at));
            },
        }
        .deserialize(&mut serde_json::Deserializer::from_slice(doc)),
        Shape::Array => EachSeed(&mut |raw: &RawValue| {
            let at = raw.get().as_ptr() as usize - base;
            fold.transaction(raw.get(), file, line_of(at));
        })
        .deserialize(&mut serde_json::Deserializer::from_slice(doc)),
        Shape::Transaction => match std::str::from_utf8(doc) {
            Ok(text) => {
                fold.transaction(text, file, line);
                Ok(())
            }
            Err(e) => Err(de::Error::custom(e)),
        },
        Shape::NoArray => {
            fold.bad
                .push(unreadable(file, line, "no `transactions` array".into()));
            return 0;
        }
        Shape::Other => {
            fold.bad
                .push(unreadable(file, line, "not a history page".into()));
            return 0;
        }
    };
    // Not seen: the document was read whole before.
    if let Err(e) = read {
        fold.bad
            .push(unreadable(file, line, format!("bad JSON: {e}")));
    }
    1
}

/// What a history document is, told by reading it whole as `serde_json::Value` would (to the same
/// errors, at the same places: nesting too deep, a number out of range, a bad string), keeping
/// nothing of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    /// An object whose `transactions` is an array: the `n`th (from 0) of its `transactions`
    /// members, the last, as a key given twice is worth its last value.
    Page(usize),
    /// An array: of transactions.
    Array,
    /// An object with an `action` and no `transactions` array: one transaction.
    Transaction,
    /// Another object.
    NoArray,
    /// Another value.
    Other,
}

/// The members of an object that a history reads.
enum Key {
    Transactions,
    Id,
    Action,
    Date,
    Other,
}

impl<'de> de::Deserialize<'de> for Key {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Key;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a member name")
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<Key, E> {
                Ok(match s {
                    "transactions" => Key::Transactions,
                    "id" => Key::Id,
                    "action" => Key::Action,
                    "date" => Key::Date,
                    _ => Key::Other,
                })
            }
        }
        d.deserialize_identifier(V)
    }
}

/// Any JSON value, read as `serde_json::Value` reads it (`deserialize_any` all the way down,
/// which counts the nesting and checks numbers and strings) and dropped: whether it is an
/// array.
struct Check(bool);

impl<'de> de::Deserialize<'de> for Check {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(CheckVisitor)
    }
}

struct CheckVisitor;

impl<'de> Visitor<'de> for CheckVisitor {
    type Value = Check;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_bool<E>(self, _: bool) -> Result<Check, E> {
        Ok(Check(false))
    }
    fn visit_i64<E>(self, _: i64) -> Result<Check, E> {
        Ok(Check(false))
    }
    fn visit_u64<E>(self, _: u64) -> Result<Check, E> {
        Ok(Check(false))
    }
    fn visit_f64<E>(self, _: f64) -> Result<Check, E> {
        Ok(Check(false))
    }
    fn visit_str<E>(self, _: &str) -> Result<Check, E> {
        Ok(Check(false))
    }
    fn visit_unit<E>(self) -> Result<Check, E> {
        Ok(Check(false))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Check, A::Error> {
        while seq.next_element::<Check>()?.is_some() {}
        Ok(Check(true))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Check, A::Error> {
        // A member name is read as a string (`IgnoredAny` reads it so too, in serde_json).
        while map.next_key::<IgnoredAny>()?.is_some() {
            map.next_value::<Check>()?;
        }
        Ok(Check(false))
    }
}

impl<'de> de::Deserialize<'de> for Shape {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Shape;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a history page")
            }
            fn visit_bool<E>(self, _: bool) -> Result<Shape, E> {
                Ok(Shape::Other)
            }
            fn visit_i64<E>(self, _: i64) -> Result<Shape, E> {
                Ok(Shape::Other)
            }
            fn visit_u64<E>(self, _: u64) -> Result<Shape, E> {
                Ok(Shape::Other)
            }
            fn visit_f64<E>(self, _: f64) -> Result<Shape, E> {
                Ok(Shape::Other)
            }
            fn visit_str<E>(self, _: &str) -> Result<Shape, E> {
                Ok(Shape::Other)
            }
            fn visit_unit<E>(self) -> Result<Shape, E> {
                Ok(Shape::Other)
            }
            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Shape, A::Error> {
                CheckVisitor.visit_seq(seq)?;
                Ok(Shape::Array)
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Shape, A::Error> {
                let (mut pages, mut array, mut action) = (0, false, false);
                while let Some(k) = map.next_key::<Key>()? {
                    let Check(is_array) = map.next_value()?;
                    match k {
                        Key::Transactions => {
                            pages += 1;
                            array = is_array;
                        }
                        Key::Action => action = true,
                        _ => {}
                    }
                }
                Ok(if array {
                    Shape::Page(pages - 1)
                } else if action {
                    Shape::Transaction
                } else {
                    Shape::NoArray
                })
            }
        }
        d.deserialize_any(V)
    }
}

/// Reads a page, handing each transaction of its `key`th `transactions` member to `each`.
struct PageSeed<'f> {
    key: usize,
    each: &'f mut dyn FnMut(&RawValue),
}

impl<'de> DeserializeSeed<'de> for PageSeed<'_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for PageSeed<'_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a history page")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let mut n = 0;
        while let Some(k) = map.next_key::<Key>()? {
            match k {
                Key::Transactions if n == self.key => {
                    n += 1;
                    map.next_value_seed(EachSeed(&mut *self.each))?;
                }
                Key::Transactions => {
                    n += 1;
                    map.next_value::<IgnoredAny>()?;
                }
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(())
    }
}

/// Reads an array, handing each of its items, as written, to the function.
struct EachSeed<'f>(&'f mut dyn FnMut(&RawValue));

impl<'de> DeserializeSeed<'de> for EachSeed<'_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for EachSeed<'_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an array of transactions")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while let Some(raw) = seq.next_element::<&RawValue>()? {
            (self.0)(raw);
        }
        Ok(())
    }
}

/// A string, borrowed from the input when it has no escape; `None` for any other value.
struct Text<'a>(Option<Cow<'a, str>>);

impl<'de> de::Deserialize<'de> for Text<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Text<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("any JSON value")
            }
            fn visit_borrowed_str<E>(self, s: &'de str) -> Result<Text<'de>, E> {
                Ok(Text(Some(Cow::Borrowed(s))))
            }
            fn visit_str<E>(self, s: &str) -> Result<Text<'de>, E> {
                Ok(Text(Some(Cow::Owned(s.to_string()))))
            }
            fn visit_string<E>(self, s: String) -> Result<Text<'de>, E> {
                Ok(Text(Some(Cow::Owned(s))))
            }
            fn visit_bool<E>(self, _: bool) -> Result<Text<'de>, E> {
                Ok(Text(None))
            }
            fn visit_i64<E>(self, _: i64) -> Result<Text<'de>, E> {
                Ok(Text(None))
            }
            fn visit_u64<E>(self, _: u64) -> Result<Text<'de>, E> {
                Ok(Text(None))
            }
            fn visit_f64<E>(self, _: f64) -> Result<Text<'de>, E> {
                Ok(Text(None))
            }
            fn visit_unit<E>(self) -> Result<Text<'de>, E> {
                Ok(Text(None))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Text<'de>, A::Error> {
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                Ok(Text(None))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Text<'de>, A::Error> {
                while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                Ok(Text(None))
            }
        }
        d.deserialize_any(V)
    }
}

/// One transaction as the history gives it: any JSON value, of which an object may have an
/// `id` and an `action` (strings) and a `date`, kept as written. A member given twice is worth
/// its last value.
#[derive(Default)]
struct Transaction<'a> {
    id: Option<Cow<'a, str>>,
    action: Option<Action>,
    date: Option<&'a RawValue>,
}

impl<'de> de::Deserialize<'de> for Transaction<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Transaction<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a transaction")
            }
            fn visit_bool<E>(self, _: bool) -> Result<Transaction<'de>, E> {
                Ok(Transaction::default())
            }
            fn visit_i64<E>(self, _: i64) -> Result<Transaction<'de>, E> {
                Ok(Transaction::default())
            }
            fn visit_u64<E>(self, _: u64) -> Result<Transaction<'de>, E> {
                Ok(Transaction::default())
            }
            fn visit_f64<E>(self, _: f64) -> Result<Transaction<'de>, E> {
                Ok(Transaction::default())
            }
            fn visit_str<E>(self, _: &str) -> Result<Transaction<'de>, E> {
                Ok(Transaction::default())
            }
            fn visit_unit<E>(self) -> Result<Transaction<'de>, E> {
                Ok(Transaction::default())
            }
            fn visit_seq<A: SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<Transaction<'de>, A::Error> {
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                Ok(Transaction::default())
            }
            fn visit_map<A: MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<Transaction<'de>, A::Error> {
                let mut t = Transaction::default();
                while let Some(k) = map.next_key::<Key>()? {
                    match k {
                        Key::Id => t.id = map.next_value::<Text>()?.0,
                        Key::Action => {
                            t.action = match map.next_value::<Text>()?.0.as_deref() {
                                Some("created") => Some(Action::Created),
                                Some("updated") => Some(Action::Updated),
                                Some("deleted") => Some(Action::Deleted),
                                _ => None,
                            }
                        }
                        Key::Date => t.date = Some(map.next_value()?),
                        Key::Transactions | Key::Other => {
                            map.next_value::<IgnoredAny>()?;
                        }
                    }
                }
                Ok(t)
            }
        }
        d.deserialize_any(V)
    }
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

    /// The reading of the history before the transactions were streamed (a `serde_json::Value`
    /// of the file, a list of all the transactions sorted by date): what the streaming reading
    /// must give, kept to compare.
    mod before {
        use super::super::*;
        use serde_json::Value;

        pub struct Old {
            pub entries: HashMap<String, Entry>,
            pub transactions: u64,
            pub unreadable: Vec<Unreadable>,
            pub after_as_of: u64,
        }

        pub fn load(paths: &[PathBuf], as_of: Option<jiff::Timestamp>) -> Result<Old, InputError> {
            let mut all: Vec<Transaction> = Vec::new();
            let mut h = Old {
                entries: HashMap::new(),
                transactions: 0,
                unreadable: Vec::new(),
                after_as_of: 0,
            };
            for p in paths {
                let files = crate::source::list_files(p)?;
                let mut pages = 0;
                for f in &files {
                    let f = f.as_ref().map_err(Clone::clone)?;
                    let bytes = crate::error::read_bounded(f, crate::error::MAX_HISTORY_FILE_BYTES)
                        .map_err(|e| InputError::io(f, e))?;
                    pages += read_bytes(&bytes, &f.shown(), &mut all, &mut h.unreadable);
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
                                    .strip_suffix(&format!(
                                        " at line {} column {}",
                                        e.line(),
                                        e.column()
                                    ))
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
                Ok(raw) => {
                    serde_json::from_str::<std::collections::BTreeMap<String, &RawValue>>(raw.get())
                        .ok()
                        .and_then(|m| m.get("transactions").copied())
                        .and_then(|t| serde_json::from_str(t.get()).ok())
                        .unwrap_or_default()
                }
                Err(_) => Vec::new(),
            };
            // Each raw value borrows its bytes from `text`: its address tells where it lies.
            let base = text.as_ptr() as usize;
            items
                .iter()
                .map(|r| r.get().as_ptr() as usize - base)
                .collect()
        }
    }

    /// What a reading gives, to compare: the entries by id, the counts, the unreadable
    /// transactions with their places and reasons; or the error.
    type Outcome = Result<(Vec<(String, Entry)>, u64, u64, Vec<(String, u64, String)>), String>;

    fn outcome_now(paths: &[PathBuf], as_of: Option<jiff::Timestamp>) -> Outcome {
        let h = History::load(paths, as_of).map_err(|e| e.to_string())?;
        let mut entries: Vec<(String, Entry)> =
            h.entries.iter().map(|(k, e)| (k.to_string(), *e)).collect();
        entries.sort_by(|a, b| a.0.cmp(&b.0));
        let bad = h
            .unreadable
            .iter()
            .map(|u| (u.origin.file.clone(), u.origin.line, u.reason.clone()))
            .collect();
        Ok((entries, h.transactions, h.after_as_of, bad))
    }

    fn outcome_before(paths: &[PathBuf], as_of: Option<jiff::Timestamp>) -> Outcome {
        let h = before::load(paths, as_of).map_err(|e| e.to_string())?;
        let mut entries: Vec<(String, Entry)> = h.entries.into_iter().collect();
        entries.sort_by(|a, b| a.0.cmp(&b.0));
        let bad = h
            .unreadable
            .iter()
            .map(|u| (u.origin.file.clone(), u.origin.line, u.reason.clone()))
            .collect();
        Ok((entries, h.transactions, h.after_as_of, bad))
    }

    /// Each of `files` (name, bytes), alone and all in one folder, with and without an audit
    /// time, reads as it did before the transactions were streamed.
    fn reads_as_before(files: &[(&str, Vec<u8>)]) {
        let as_ofs = [
            None,
            Some("2026-11-02T12:00:00Z".parse().unwrap()),
            Some("2026-01-01T00:00:00Z".parse().unwrap()),
        ];
        let dir = tempfile::tempdir().unwrap();
        let all = dir.path().join("all");
        std::fs::create_dir(&all).unwrap();
        for (name, bytes) in files {
            let p = dir.path().join(name);
            std::fs::write(&p, bytes).unwrap();
            std::fs::write(all.join(name), bytes).unwrap();
            for as_of in as_ofs {
                assert_eq!(
                    outcome_now(std::slice::from_ref(&p), as_of),
                    outcome_before(std::slice::from_ref(&p), as_of),
                    "{name} as of {as_of:?}: {}",
                    String::from_utf8_lossy(&bytes[..bytes.len().min(300)])
                );
            }
        }
        for as_of in as_ofs {
            let both = [all.clone(), dir.path().join(files[0].0)];
            assert_eq!(outcome_now(&both, as_of), outcome_before(&both, as_of));
        }
    }

    /// The accepted shapes, bad transactions and bad documents, ties of dates, keys given twice
    /// or escaped, values that `serde_json::Value` refuses (numbers out of range, nesting too
    /// deep, bad UTF-8): all read as before.
    #[test]
    fn every_shape_reads_as_before() {
        let t = |id: &str, action: &str, date: &str| {
            format!(r#"{{"id":"{id}","action":"{action}","date":"{date}"}}"#)
        };
        let page = |txs: &[String]| {
            format!(
                r#"{{"transactions":[{}],"next_batch":null}}"#,
                txs.join(",\n ")
            )
        };
        let a = t("A1", "created", "2026-01-01T10:00:00Z");
        let b = t("a1", "deleted", "2026-01-01T10:00:00Z");
        let c = t(" B2 ", "updated", "2026-11-01");
        let d = t("b2", "created", "2026-10-31T23:00:00Z");
        let e = t("b2", "deleted", "2026-11-03");
        let f = t("ÉCLAIR", "updated", "2026-11-05T08:00:00+01:00");
        let deep = format!("{}1{}", "[".repeat(200), "]".repeat(200));
        let deep_page = format!(
            r#"{{"transactions":[{a}],"x":{}1{}}}"#,
            "[".repeat(126),
            "]".repeat(126)
        );
        let mut cases: Vec<(&str, Vec<u8>)> = vec![
            ("page.json", page(&[a.clone(), b.clone(), c.clone(), d.clone(), e.clone(), f.clone()]).into()),
            ("array.json", format!("[{a},\n{c},\n{e}]").into()),
            ("one.json", a.clone().into()),
            ("one-with-transactions.json", r#"{"transactions":5,"id":"z","action":"deleted","date":"2026-03-01"}"#.into()),
            ("pages.jsonl", format!("{}\n{}\n\n{}\n", page(std::slice::from_ref(&a)), page(&[b.clone(), c.clone()]), page(&[])).into()),
            ("txs.jsonl", format!("{a}\n{d}\r\n{e}\n{f}").into()),
            ("mixed.jsonl", format!("{}\n{e}\n[{c}, {b}]\n{{bad\n5\n{{\"next\":1}}\n", page(std::slice::from_ref(&a))).into()),
            ("bom.json", [&[0xEF, 0xBB, 0xBF][..], page(&[a.clone(), e.clone()]).as_bytes()].concat()),
            ("twice.json", format!(r#"{{"transactions":[{a}],"transactions":[{e}]}}"#).into()),
            ("twice-not-array.json", format!(r#"{{"transactions":[{a}],"transactions":null,"action":"x"}}"#).into()),
            ("twice-last-array.json", format!(r#"{{"transactions":{{}},"transactions":[{c}]}}"#).into()),
            ("keys-twice.json", r#"[{"id":"k","id":"K2","action":"zapped","action":"deleted","date":"x","date":"2026-02-01"}]"#.into()),
            ("escaped.json", r#"{"transact\u0069ons":[{"\u0069d":"\u00c9t\u00e9 \"1\"","action":"cr\u0065ated","date":"2026-\u00302-01"}]}"#.into()),
            ("bad-txs.json", format!("{{\"transactions\": [\n {a},\n 1,\n [2],\n \"s\",\n null,\n {{\"id\":5,\"action\":\"created\",\"date\":\"2026-01-01\"}},\n {{\"id\":\"n\",\"action\":\"created\",\"date\":{{\"y\": [1, 2.50, \"\\u00e9\"]}}}},\n {{\"id\":\"n\",\"action\":\"created\",\"date\":12e3}},\n {{\"id\":\"n\",\"action\":\"created\",\"date\":\"2026-13-01\"}},\n {{\"id\":\"\\u001b[31m\",\"action\":\"created\",\"date\":\"\\u001b\"}}\n]}}").into()),
            ("no-array.json", r#"{"transactions":{"id":"a"}}"#.into()),
            ("not-page.json", "\"text\"".into()),
            ("empty-array.json", "[]".into()),
            ("range.json", format!(r#"{{"transactions":[{a}],"n":1e400}}"#).into()),
            ("range-ok.json", format!(r#"{{"transactions":[{a}],"n":123456789012345678901234567890}}"#).into()),
            ("deep.json", deep.clone().into()),
            ("deep-page.json", deep_page.into()),
            ("deep-lines.jsonl", format!("{a}\n{deep}\n{e}\n").into()),
            ("bad-utf8.json", [format!(r#"{{"transactions":[{a}],"x":""#).as_bytes(), &[0xFF, 0xFE], b"\"}"].concat()),
            ("bad-utf8-lines.jsonl", [format!("{a}\n{{\"x\":\"").as_bytes(), &[0xC3], b"\"}\n", e.as_bytes()].concat()),
            ("trailing.json", format!("{}\n{}", page(std::slice::from_ref(&a)), page(std::slice::from_ref(&e))).into()),
            ("pretty-broken.json", format!("{{\"transactions\": [\n  {a},\n  {e},\n]}}").into()),
            ("formfeed.jsonl", format!("{a}\n\x0c\n").into()),
            ("nested-range.json", format!(r#"[{a}, {{"id":"r","action":"created","date":"2026-01-01","n":{{"m":-1e999}}}}]"#).into()),
            ("nested-deep.json", format!(r#"[{a}, {{"x":{}1{}}}]"#, r#"{"a":"#.repeat(130), "}".repeat(130)).into()),
            ("nested-utf8.jsonl", [format!("{a}\n[{{\"id\":\"u\",\"o\":{{\"s\":\"").as_bytes(), &[0xE9], b"\"}}]\n"].concat()),
            ("nonsense.json", "nonsense".into()),
        ];
        // Ties: the same date, said as a day and as its first instant, in both orders.
        cases.push((
            "ties.json",
            page(&[
                t("t", "updated", "2026-11-03"),
                t("t", "deleted", "2026-11-02T23:00:00Z"),
                t("t", "created", "2026-11-02T23:00:00Z"),
                t("u", "created", "2026-11-02T23:00:00Z"),
                t("u", "updated", "2026-11-03"),
                t("u", "updated", "2026-11-03T00:00:00+01:00"),
            ])
            .into(),
        ));
        reads_as_before(&cases);
        // And each of those that can be read alone.
        for case in &cases {
            reads_as_before(std::slice::from_ref(case));
        }
    }

    /// A history written as a generator of big histories writes it: each of 200,000
    /// transactions named at its own line, every 17th unreadable, 40,000 decisions with many
    /// ties of dates; the entries are those read before the transactions were streamed.
    #[test]
    fn a_large_history_reads_as_before() {
        let n = 200_000;
        let mut s = String::from("{\"transactions\":[\n");
        for i in 0..n {
            if i > 0 {
                s.push_str(",\n");
            }
            let action = ["created", "updated", "deleted"][i % 3];
            if i % 17 == 0 {
                s.push_str(&format!(r#"{{"id":"x{i}","action":"{action}"}}"#));
                continue;
            }
            let date = if i % 5 == 0 {
                format!("2026-{:02}-{:02}", i % 12 + 1, i % 28 + 1)
            } else {
                format!(
                    "2026-{:02}-{:02}T{:02}:00:00Z",
                    i % 12 + 1,
                    i % 28 + 1,
                    i % 3 * 11
                )
            };
            s.push_str(&format!(
                r#"{{"id":"{}{:08x}","action":"{action}","date":"{date}"}}"#,
                if i % 2 == 0 { "JURITEXT" } else { "juritext" },
                (i * 7919) % 40_000
            ));
        }
        s.push_str("\n],\"next_batch\":null}\n");
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("big.json");
        std::fs::write(&p, &s).unwrap();
        let as_of = Some("2026-06-15T12:00:00Z".parse().unwrap());
        for as_of in [None, as_of] {
            let now = outcome_now(std::slice::from_ref(&p), as_of);
            let was = outcome_before(std::slice::from_ref(&p), as_of);
            let (Ok(now), Ok(was)) = (now, was) else {
                panic!("unreadable");
            };
            assert!(now.0.len() > 39_000, "{}", now.0.len());
            assert_eq!((now.1, now.2), (was.1, was.2));
            assert_eq!(now.3, was.3);
            assert_eq!(now.3.len(), n.div_ceil(17));
            // The unreadable ones are named at their own lines.
            assert_eq!(now.3[1].1, 19);
            assert_eq!(now.0.len(), was.0.len());
            for k in (0..now.0.len()).step_by(997) {
                assert_eq!(now.0[k], was.0[k]);
            }
            assert!(now.0 == was.0);
        }
    }

    /// The shapes a history comes in: a page, an array of transactions, one transaction, JSON
    /// Lines of any of those; each bad transaction named at its line, and those after the
    /// audit time set aside and counted.
    #[test]
    fn each_shape_is_read() {
        let dir = tempfile::tempdir().unwrap();
        let load = |name: &str, text: &str, as_of: Option<&str>| {
            let p = dir.path().join(name);
            std::fs::write(&p, text).unwrap();
            History::load(&[p], as_of.map(|a| a.parse().unwrap())).unwrap()
        };
        let tx = |id: &str, action: &str, date: &str| {
            format!(r#"{{"id":"{id}","action":"{action}","date":"{date}"}}"#)
        };
        let (a, b) = (
            tx("A", "deleted", "2026-05-01T00:00:00Z"),
            tx("b", "created", "2026-07-01T00:00:00Z"),
        );
        for (name, text) in [
            ("page.json", format!("{{\"transactions\":[{a},{b}]}}")),
            ("array.json", format!("[{a},\n{b}]")),
            (
                "pages.jsonl",
                format!("{{\"transactions\":[{a}]}}\n{{\"transactions\":[{b}]}}\n"),
            ),
            ("txs.jsonl", format!("{a}\n{b}\n")),
            ("mixed.jsonl", format!("[{a}]\n{b}\n")),
        ] {
            let h = load(name, &text, None);
            assert_eq!(
                (h.len(), h.transactions, h.after_as_of),
                (2, 2, 0),
                "{name}"
            );
            assert_eq!(h.get("a").unwrap().last_action, Action::Deleted, "{name}");
            assert_eq!(h.get("B").unwrap().last_action, Action::Created, "{name}");
            assert!(h.unreadable.is_empty(), "{name}");
            // As of June, b's creation is to come.
            let h = load(name, &text, Some("2026-06-01T00:00:00Z"));
            assert_eq!(
                (h.len(), h.transactions, h.after_as_of),
                (1, 1, 1),
                "{name}"
            );
            assert!(h.get("b").is_none(), "{name}");
        }
        let h = load("one.json", &a, None);
        assert_eq!((h.len(), h.transactions), (1, 1));
        // Bad transactions, at their lines: of a page read whole, of JSON Lines.
        let h = load(
            "bad.json",
            &format!("[\n{a},\n{{\"id\":\"c\"}},\n\n 7,\n{b}\n]"),
            None,
        );
        let lines: Vec<u64> = h.unreadable.iter().map(|u| u.origin.line).collect();
        assert_eq!((h.transactions, lines), (2, vec![3, 5]));
        let h = load(
            "bad.jsonl",
            &format!("{a}\n[{{\"id\":\"c\"}}, 7]\n{{oops\n{b}\n\"page\"\n{{}}\n"),
            None,
        );
        let at: Vec<(u64, &str)> = h
            .unreadable
            .iter()
            .map(|u| (u.origin.line, u.reason.as_str()))
            .collect();
        assert_eq!(h.transactions, 2);
        assert_eq!(at.iter().map(|a| a.0).collect::<Vec<_>>(), [2, 2, 3, 5, 6]);
        assert!(
            at[2]
                .1
                .starts_with("column 2: bad JSON: key must be a string"),
            "{at:?}"
        );
        assert_eq!(at[3].1, "not a history page");
        assert_eq!(at[4].1, "no `transactions` array");
    }

    /// Nesting far deeper than serde_json reads is refused, as it was, without overflowing the
    /// stack.
    #[test]
    fn deep_nesting_is_refused_without_overflow() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("deep.json");
        let a = r#"{"id":"a","action":"deleted","date":"2026-01-01"}"#;
        let deep = format!("{}{}", "[".repeat(1_000_000), "]".repeat(1_000_000));
        std::fs::write(&p, format!(r#"{{"transactions":[{a}],"x":{deep}}}"#)).unwrap();
        let e = History::load(std::slice::from_ref(&p), None)
            .unwrap_err()
            .to_string();
        assert!(e.contains("recursion limit exceeded"), "{e}");
        std::fs::write(&p, format!("{a}\n{deep}\n")).unwrap();
        let h = History::load(std::slice::from_ref(&p), None).unwrap();
        assert_eq!(h.transactions, 1);
        assert_eq!(h.unreadable[0].origin.line, 2);
        assert!(h.unreadable[0].reason.contains("recursion limit exceeded"));
    }
}
