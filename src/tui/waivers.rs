//! Waivers: the auditor's decisions on findings, kept in a JSON file keyed by fingerprint
//! (`--waivers PATH`), shared by the terminal UI and the headless run.

use crate::report::Waiver;
use crate::text::sanitize::Shown;
use anyhow::Context;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Reads a waivers file. A missing file is an empty set (the UI creates it on the first waiver).
pub fn load(path: &Path) -> anyhow::Result<BTreeMap<String, Waiver>> {
    Ok(read(path)?.waivers)
}

/// A waivers file as read ([`read`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Loaded {
    /// The waivers, by fingerprint.
    pub waivers: BTreeMap<String, Waiver>,
    /// Whether the file exists: a missing one holds no waiver (the UI creates it on the first
    /// waiver it saves), which a headless run, that only reads it, refuses.
    pub found: bool,
    /// What a hand edit may have got wrong though the file reads, each naming the file, line
    /// and column (`waivers.json:3:5: …`): a key that is no fingerprint, a field vigie does not
    /// read (kept, but without effect), a fingerprint given twice (the last entry is used).
    pub warnings: Vec<String>,
}

/// Reads a waivers file, with what it holds that has no effect ([`Loaded::warnings`]). A
/// missing or empty file has no waiver; one that is not a waivers file is an error naming the
/// file, line and column.
pub fn read(path: &Path) -> anyhow::Result<Loaded> {
    let mut warnings = Vec::new();
    let (entries, found) = read_entries(path, Some(&mut warnings))?;
    Ok(Loaded {
        waivers: entries.into_iter().map(|(k, e)| (k, e.waiver)).collect(),
        found,
        warnings,
    })
}

/// One entry of a waivers file: its waiver, and the fields vigie does not know (`by`,
/// `ticket`, ...), kept as they are when the file is written again.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
struct Entry {
    #[serde(flatten)]
    waiver: Waiver,
    #[serde(flatten)]
    extra: serde_json::Map<String, serde_json::Value>,
}

/// The fields of an entry that [`Waiver`] holds.
const WAIVER_FIELDS: [&str; 3] = ["status", "note", "at"];

/// Reads a waivers file entry by entry, unknown fields kept, and whether the file exists. A
/// missing or empty file has none. What has no effect is said in `warnings`, when given.
fn read_entries(
    path: &Path,
    warnings: Option<&mut Vec<String>>,
) -> anyhow::Result<(BTreeMap<String, Entry>, bool)> {
    let shown = path.shown();
    let bytes = match crate::error::read_bounded(path, crate::error::MAX_WAIVERS_BYTES) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok((BTreeMap::new(), false)),
        Err(e) => return Err(e).with_context(|| format!("cannot read {shown}")),
    };
    // Placed at its first bad byte, as an editor shows the place.
    let text = std::str::from_utf8(&bytes).map_err(|e| {
        crate::error::InvalidUtf8::at(&bytes, e)
            .in_file(path, format!("{NOT_A_WAIVERS_FILE}: invalid UTF-8"))
    })?;
    if text.trim().is_empty() {
        return Ok((BTreeMap::new(), true));
    }
    let at = |offset: usize| {
        let (l, c) = crate::error::line_col(text, offset);
        format!("{shown}:{l}:{c}")
    };
    let raw: BTreeMap<String, serde_json::Map<String, serde_json::Value>> =
        serde_json::from_str(text).map_err(|e| {
            anyhow::anyhow!(
                "{}: {NOT_A_WAIVERS_FILE}: {}",
                at(serde_offset(text, &e)),
                serde_reason(&e)
            )
        })?;
    // Where each entry and field stands, for the messages (the text is valid JSON here).
    let places = scan(text);
    let entries = raw
        .into_iter()
        .map(|(fingerprint, mut fields)| {
            let waiver: Waiver = serde_json::from_value(serde_json::Value::Object(fields.clone()))
                .map_err(|e| {
                    // Of a fingerprint given twice, the last entry is the one read.
                    let place = places
                        .iter()
                        .rev()
                        .find(|p| p.key == fingerprint)
                        .map_or_else(|| shown.to_string(), |p| at(p.offset));
                    anyhow::anyhow!(
                        "{place}: {NOT_A_WAIVERS_FILE}: entry {fingerprint}: {}",
                        serde_reason(&e)
                    )
                })?;
            for known in WAIVER_FIELDS {
                fields.remove(known);
            }
            Ok((
                fingerprint,
                Entry {
                    waiver,
                    extra: fields,
                },
            ))
        })
        .collect::<anyhow::Result<BTreeMap<_, _>>>()?;
    if let Some(warnings) = warnings {
        *warnings = lint(&places, &at);
    }
    Ok((entries, true))
}

/// What an error on a file that is not a waivers file says it should be.
const NOT_A_WAIVERS_FILE: &str =
    "not a waivers file (a JSON object of fingerprint → {\"status\", \"note\", \"at\"})";

/// Whether `key` is a fingerprint as vigie writes them: 16 hexadecimal digits in lower case.
fn is_fingerprint(key: &str) -> bool {
    key.len() == 16 && key.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

/// What a hand edit got wrong though the file reads ([`Loaded::warnings`]): keys that are no
/// fingerprints, fingerprints given twice, and fields vigie does not read, each field name
/// said once (where it first stands, and how many entries have it), since a team may add its
/// own to every entry (`by`, `ticket`).
fn lint(places: &[Place], at: &dyn Fn(usize) -> String) -> Vec<String> {
    use crate::text::sanitize::for_terminal;
    let mut warnings = Vec::new();
    let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
    let mut unknown: Vec<(&str, usize, usize)> = Vec::new();
    for p in places {
        if !is_fingerprint(&p.key) {
            warnings.push(format!(
                "{}: `{}` is not a fingerprint (16 hexadecimal digits in lower case, as the \
                 reports give them): its waiver matches no finding",
                at(p.offset),
                for_terminal(&p.key, false)
            ));
        }
        if let Some(first) = seen.insert(&p.key, p.offset) {
            warnings.push(format!(
                "{}: the fingerprint `{}` is given again (first at {}): only this last entry \
                 is used",
                at(p.offset),
                for_terminal(&p.key, false),
                at(first)
            ));
        }
        for (field, offset) in &p.fields {
            if WAIVER_FIELDS.contains(&field.as_str()) {
                continue;
            }
            match unknown.iter_mut().find(|u| u.0 == field) {
                Some(u) => u.2 += 1,
                None => unknown.push((field, *offset, 1)),
            }
        }
    }
    for (field, offset, n) in unknown {
        warnings.push(format!(
            "{}: the field `{}`{} is not one vigie reads (status, note, at): it is kept in the \
             file but changes nothing (a waiver has no expiry: it holds until it is removed)",
            at(offset),
            for_terminal(field, false),
            if n == 1 {
                String::new()
            } else {
                format!(" (in {n} entries)")
            }
        ));
    }
    warnings
}

/// The byte offset in `text` where serde_json places an error: its line, and its column in
/// bytes (0 before the line's first byte).
fn serde_offset(text: &str, e: &serde_json::Error) -> usize {
    let line_start = if e.line() <= 1 {
        0
    } else {
        memchr::memchr_iter(b'\n', text.as_bytes())
            .nth(e.line() - 2)
            .map_or(text.len(), |i| i + 1)
    };
    (line_start + e.column().saturating_sub(1)).min(text.len())
}

/// A serde_json error without its own ` at line L column C` suffix (the place is given first).
fn serde_reason(e: &serde_json::Error) -> String {
    let s = e.to_string();
    match s.rfind(" at line ") {
        Some(k) => s[..k].to_string(),
        None => s,
    }
}

/// An entry of a waivers file: its key, where the key stands (the byte offset of its opening
/// quote), and its fields with theirs, in the file's order.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Place {
    key: String,
    offset: usize,
    fields: Vec<(String, usize)>,
}

/// The entries of a waivers file that is valid JSON (serde_json read it), in the file's order,
/// duplicates included: what serde_json's map does not keep. Of anything but an object, none.
fn scan(text: &str) -> Vec<Place> {
    let mut s = Scanner {
        b: text.as_bytes(),
        text,
        i: 0,
    };
    let mut places = Vec::new();
    s.ws();
    if s.peek() != Some(b'{') {
        return places;
    }
    s.object(&mut |s, key, offset| {
        let mut fields = Vec::new();
        if s.peek() == Some(b'{') {
            s.object(&mut |s, field, at| {
                fields.push((field, at));
                s.skip_value();
            });
        } else {
            s.skip_value();
        }
        places.push(Place {
            key,
            offset,
            fields,
        });
    });
    places
}

/// A cursor over valid JSON, for [`scan`].
struct Scanner<'a> {
    b: &'a [u8],
    text: &'a str,
    i: usize,
}

impl Scanner<'_> {
    fn peek(&self) -> Option<u8> {
        self.b.get(self.i).copied()
    }

    fn ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.i += 1;
        }
    }

    /// The string at the cursor (its opening quote), decoded; the cursor goes past it.
    fn string(&mut self) -> Option<String> {
        let start = self.i;
        self.i += 1;
        while let Some(c) = self.peek() {
            match c {
                b'\\' => self.i += 2,
                b'"' => {
                    self.i += 1;
                    return serde_json::from_str(self.text.get(start..self.i)?).ok();
                }
                _ => self.i += 1,
            }
        }
        None
    }

    /// Skips the value at the cursor.
    fn skip_value(&mut self) {
        let mut depth = 0usize;
        while let Some(c) = self.peek() {
            match c {
                b'"' => {
                    self.string();
                    if depth == 0 {
                        return;
                    }
                    continue;
                }
                b'{' | b'[' => depth += 1,
                b'}' | b']' => {
                    if depth <= 1 {
                        // The end of the value, or of the object holding it (depth 0).
                        self.i += depth;
                        return;
                    }
                    depth -= 1;
                }
                b',' if depth == 0 => return,
                _ => {}
            }
            self.i += 1;
        }
    }

    /// The object at the cursor: `each` is given each key, decoded, with the offset of its
    /// opening quote, and the cursor at its value, which it must read or skip; the cursor goes
    /// past the object.
    fn object(&mut self, each: &mut dyn FnMut(&mut Self, String, usize)) {
        self.i += 1;
        loop {
            self.ws();
            match self.peek() {
                Some(b'"') => {
                    let offset = self.i;
                    let Some(key) = self.string() else { return };
                    self.ws();
                    if self.peek() != Some(b':') {
                        return;
                    }
                    self.i += 1;
                    self.ws();
                    each(self, key, offset);
                    self.ws();
                    if self.peek() == Some(b',') {
                        self.i += 1;
                    }
                }
                Some(b'}') => {
                    self.i += 1;
                    return;
                }
                _ => return,
            }
        }
    }
}

/// Saves one session's changes to the waivers file: the waivers of `current` that differ from
/// `base` (what the session read, or last saved) are set, those of `base` no longer in
/// `current` removed, on top of what the file holds now, read again here. So the waivers
/// another session or a hand edit saved meanwhile are kept, and so are the fields of entries
/// vigie does not know. The file is written atomically (a temporary file beside it, then a
/// rename); a file that is read-only is not replaced (see [`check_writable`]). Two sessions
/// saving one file take turns ([`lock`]): each reads the file again after the other's rename,
/// so neither loses the other's waivers. Returns the waivers the file holds after the save.
pub fn save_changes(
    path: &Path,
    base: &BTreeMap<String, Waiver>,
    current: &BTreeMap<String, Waiver>,
) -> anyhow::Result<BTreeMap<String, Waiver>> {
    save_changes_waiting(path, base, current, LOCK_WAIT)
}

/// How long a save waits for another session's save of the same file to end: a save takes
/// milliseconds, and the UI waits on it, so a lock held longer is a session stuck, told at once.
const LOCK_WAIT: std::time::Duration = std::time::Duration::from_secs(2);

/// [`save_changes`], waiting at most `wait` for another session's save.
fn save_changes_waiting(
    path: &Path,
    base: &BTreeMap<String, Waiver>,
    current: &BTreeMap<String, Waiver>,
    wait: std::time::Duration,
) -> anyhow::Result<BTreeMap<String, Waiver>> {
    check_writable(path)?;
    // Held from the read to the rename.
    let _lock = lock(path, wait)?;
    let (mut entries, _) = read_entries(path, None)?;
    for (fingerprint, waiver) in current {
        if base.get(fingerprint) == Some(waiver) {
            continue;
        }
        entries
            .entry(fingerprint.clone())
            .and_modify(|e| e.waiver = waiver.clone())
            .or_insert_with(|| Entry {
                waiver: waiver.clone(),
                extra: serde_json::Map::new(),
            });
    }
    for fingerprint in base.keys() {
        if !current.contains_key(fingerprint) {
            entries.remove(fingerprint);
        }
    }
    crate::report::write_atomically(path, |out| write(out, &entries))?;
    Ok(entries.into_iter().map(|(k, e)| (k, e.waiver)).collect())
}

/// The lock file of the waivers file `path`: beside the file it names (through a symbolic
/// link, the file the link points to, which a save replaces), its name and `.lock`
/// (`waivers.json.lock`). It is left in place: removing it would let a third session lock
/// another file of that name while the second still holds the first.
pub fn lock_path(path: &Path) -> PathBuf {
    let target = crate::report::output_target(path).unwrap_or_else(|_| path.to_path_buf());
    let mut name = target
        .file_name()
        .map_or_else(|| "waivers".into(), |n| n.to_os_string());
    name.push(".lock");
    target.with_file_name(name)
}

/// Takes the exclusive advisory lock on `path`'s [`lock_path`], waiting at most `wait` for
/// another session (another vigie, or another thread) to release it; released when the file
/// returned is dropped. An error names the waivers file and its lock file.
fn lock(path: &Path, wait: std::time::Duration) -> anyhow::Result<std::fs::File> {
    let lock = lock_path(path);
    let cannot = || {
        format!(
            "cannot save the waivers to {}: cannot lock {}",
            path.shown(),
            lock.shown()
        )
    };
    let file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&lock)
        .with_context(cannot)?;
    let deadline = std::time::Instant::now() + wait;
    loop {
        match file.try_lock() {
            Ok(()) => return Ok(file),
            Err(std::fs::TryLockError::WouldBlock) if std::time::Instant::now() < deadline => {
                std::thread::sleep(std::time::Duration::from_millis(10));
            }
            Err(std::fs::TryLockError::WouldBlock) => anyhow::bail!(
                "{}: another session has held it for {} s (another vigie saving these \
                 waivers?); the waivers are kept in this session, save again later",
                cannot(),
                wait.as_secs_f64()
            ),
            Err(std::fs::TryLockError::Error(e)) => return Err(e).with_context(cannot),
        }
    }
}

/// The waivers as their file holds them: pretty JSON, then a line end.
pub fn write<T: serde::Serialize>(
    out: &mut dyn std::io::Write,
    waivers: &BTreeMap<String, T>,
) -> std::io::Result<()> {
    crate::text::sanitize::write_json(
        &mut *out,
        crate::text::sanitize::JsonFormatter::pretty(),
        waivers,
    )?;
    out.write_all(b"\n")
}

/// Fails when `path` is a file that is read-only (see [`crate::report::check_not_read_only`]),
/// saying how to go on with another waivers file. A missing file is fine (it is created).
pub fn check_writable(path: &Path) -> anyhow::Result<()> {
    crate::report::check_not_read_only(path)
        .map_err(|e| anyhow::anyhow!("{e} (make it writable, or give another --waivers file)"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::WaiverStatus;

    #[test]
    fn round_trip_and_missing_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("waivers.json");
        assert!(load(&path).unwrap().is_empty());
        let mut w = BTreeMap::new();
        w.insert(
            "9f2c41d07a3b5e11".to_string(),
            Waiver {
                status: WaiverStatus::Accepted,
                note: "checked with the court".into(),
                at: "2026-11-22T12:00:00Z".into(),
            },
        );
        assert_eq!(save_changes(&path, &BTreeMap::new(), &w).unwrap(), w);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains("\"status\": \"accepted\""), "{text}");
        assert_eq!(load(&path).unwrap(), w);
        std::fs::write(&path, "[1, 2]").unwrap();
        assert!(load(&path).is_err());
    }

    /// A read-only waivers file is neither replaced nor written, though its folder would let a
    /// rename replace it: the error names it.
    #[test]
    fn a_read_only_file_is_not_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("waivers.json");
        std::fs::write(&path, "{}\n").unwrap();
        let mut perms = std::fs::metadata(&path).unwrap().permissions();
        perms.set_readonly(true);
        std::fs::set_permissions(&path, perms).unwrap();
        let mut w = BTreeMap::new();
        w.insert(
            "9f2c41d07a3b5e11".to_string(),
            Waiver {
                status: WaiverStatus::Reviewed,
                note: "n".into(),
                at: "2026-11-22T12:00:00Z".into(),
            },
        );
        let e = save_changes(&path, &BTreeMap::new(), &w)
            .unwrap_err()
            .to_string();
        assert!(e.contains(path.shown().as_ref()), "{e}");
        assert!(e.contains("read-only"), "{e}");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "{}\n");
        assert!(std::fs::metadata(&path).unwrap().permissions().readonly());
        // Nothing left beside it either.
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
        // A missing file, or a writable one, is saved.
        assert!(check_writable(&dir.path().join("new.json")).is_ok());
    }

    fn waiver(note: &str) -> Waiver {
        Waiver {
            status: WaiverStatus::Reviewed,
            note: note.into(),
            at: "2026-11-22T12:00:00Z".into(),
        }
    }

    /// Two sessions read the same file; each saves its own waiver: the second save keeps the
    /// first one's, and a hand edit made meanwhile, as the file held them when it saved.
    #[test]
    fn a_save_keeps_what_others_saved_meanwhile() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("waivers.json");
        std::fs::write(&path, "{}\n").unwrap();
        let base_a = load(&path).unwrap();
        let base_b = load(&path).unwrap();
        let mut a = base_a.clone();
        a.insert("aaaaaaaaaaaaaaaa".into(), waiver("from A"));
        let saved_a = save_changes(&path, &base_a, &a).unwrap();
        assert_eq!(saved_a, a);
        // A hand edit while both sessions are open.
        let mut text = std::fs::read_to_string(&path).unwrap();
        text = text.replacen(
            '{',
            r#"{"cccccccccccccccc": {"status": "accepted", "note": "by hand", "at": ""},"#,
            1,
        );
        std::fs::write(&path, text).unwrap();
        let mut b = base_b.clone();
        b.insert("bbbbbbbbbbbbbbbb".into(), waiver("from B"));
        let saved_b = save_changes(&path, &base_b, &b).unwrap();
        let on_disk = load(&path).unwrap();
        assert_eq!(saved_b, on_disk);
        assert_eq!(
            on_disk.keys().map(String::as_str).collect::<Vec<_>>(),
            ["aaaaaaaaaaaaaaaa", "bbbbbbbbbbbbbbbb", "cccccccccccccccc"]
        );
        assert_eq!(on_disk["aaaaaaaaaaaaaaaa"].note, "from A");
        assert_eq!(on_disk["cccccccccccccccc"].note, "by hand");
        // A removes its waiver: only that one goes; B's and the hand edit stay.
        let saved = save_changes(&path, &saved_a, &BTreeMap::new()).unwrap();
        assert_eq!(
            saved.keys().map(String::as_str).collect::<Vec<_>>(),
            ["bbbbbbbbbbbbbbbb", "cccccccccccccccc"]
        );
        assert_eq!(load(&path).unwrap(), saved);
        // An entry A edits is changed; the others are as they were.
        let mut edited = saved.clone();
        edited.insert("bbbbbbbbbbbbbbbb".into(), waiver("edited by A"));
        save_changes(&path, &saved, &edited).unwrap();
        assert_eq!(load(&path).unwrap(), edited);
    }

    /// Fields of entries vigie does not know are kept, those of the entry edited included.
    #[test]
    fn unknown_fields_of_entries_are_kept() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("waivers.json");
        std::fs::write(
            &path,
            r#"{"a1d46066a1533612": {"status":"accepted","note":"ok per DPO","at":"2026-11-20T10:00:00Z","by":"alice","ticket":"LEGAL-42"},
                "b1d46066a1533612": {"status":"reviewed","note":"","at":"","by":"bob"}}"#,
        )
        .unwrap();
        let base = load(&path).unwrap();
        let mut w = base.clone();
        w.insert("c1d46066a1533612".into(), waiver("another"));
        w.insert("b1d46066a1533612".into(), waiver("edited"));
        save_changes(&path, &base, &w).unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        let v: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(v["a1d46066a1533612"]["by"], "alice", "{text}");
        assert_eq!(v["a1d46066a1533612"]["ticket"], "LEGAL-42", "{text}");
        assert_eq!(v["a1d46066a1533612"]["note"], "ok per DPO", "{text}");
        assert_eq!(v["b1d46066a1533612"]["by"], "bob", "{text}");
        assert_eq!(v["b1d46066a1533612"]["note"], "edited", "{text}");
        assert_eq!(
            v["c1d46066a1533612"].as_object().unwrap().len(),
            3,
            "{text}"
        );
        // The known fields come first, as vigie writes them.
        let entry = text.find("\"a1d46066a1533612\"").unwrap();
        let field = |name: &str| entry + text[entry..].find(&format!("\"{name}\"")).unwrap();
        assert!(
            field("status") < field("note") && field("at") < field("by"),
            "{text}"
        );
        assert_eq!(load(&path).unwrap(), w);
    }

    /// The scan of a valid file finds every entry and field where it stands, in the file's
    /// order, duplicates included, whatever the values hold (escaped quotes, brackets in
    /// strings, nested objects and arrays, numbers, literals).
    #[test]
    fn the_scan_places_every_entry_and_field() {
        let text = "{\"a\\\"b\": {\"status\": \"x}]\\\"\", \"deep\": {\"k\": [1, {\"z\": []}]}, \
                    \"n\": -1.5e3, \"t\": true},\n \"e\\u00e9\": null, \"a\\\"b\" : { } ,\"l\":[{}]}";
        serde_json::from_str::<serde_json::Value>(text).unwrap();
        let places = scan(text);
        let keys: Vec<(&str, usize, Vec<&str>)> = places
            .iter()
            .map(|p| {
                (
                    p.key.as_str(),
                    p.offset,
                    p.fields.iter().map(|f| f.0.as_str()).collect(),
                )
            })
            .collect();
        let at = |s: &str, n: usize| text.match_indices(s).nth(n).unwrap().0;
        assert_eq!(
            keys,
            [
                ("a\"b", 1, vec!["status", "deep", "n", "t"]),
                ("e\u{e9}", at("\"e\\u00e9\"", 0), vec![]),
                ("a\"b", at("\"a\\\"b\"", 1), vec![]),
                ("l", at("\"l\"", 0), vec![]),
            ]
        );
        assert_eq!(places[0].fields[1].1, at("\"deep\"", 0));
        assert_eq!(places[0].fields[3].1, at("\"t\"", 0));
        // Not an object: nothing.
        assert!(scan("[1, 2]").is_empty());
        assert!(scan("").is_empty());
    }

    #[test]
    fn fingerprints_are_16_lower_case_hex_digits() {
        assert!(is_fingerprint("9f2c41d07a3b5e11"));
        assert!(!is_fingerprint("9F2C41D07A3B5E11"));
        assert!(!is_fingerprint("9f2c41d07a3b5e1"));
        assert!(!is_fingerprint("9f2c41d07a3b5e11 "));
        assert!(!is_fingerprint("not-a-fingerprint"));
    }

    /// A missing file holds no waiver and is told apart from an empty one; the UI saves to it.
    #[test]
    fn a_missing_file_is_told_apart() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("waivers.json");
        let missing = read(&path).unwrap();
        assert!(!missing.found && missing.waivers.is_empty() && missing.warnings.is_empty());
        std::fs::write(&path, " \n").unwrap();
        let empty = read(&path).unwrap();
        assert!(empty.found && empty.waivers.is_empty());
    }

    /// A file made unreadable as waivers meanwhile is not replaced: the save fails, saying so.
    #[test]
    fn a_file_broken_meanwhile_is_not_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("waivers.json");
        std::fs::write(&path, "{\"x\": 1}").unwrap();
        let mut w = BTreeMap::new();
        w.insert("9f2c41d07a3b5e11".to_string(), waiver("n"));
        let e = format!(
            "{:#}",
            save_changes(&path, &BTreeMap::new(), &w).unwrap_err()
        );
        assert!(e.contains("not a waivers file"), "{e}");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "{\"x\": 1}");
    }

    /// A save that cannot take the lock within its wait (another session holds it) fails,
    /// naming the waivers file and its lock file, and leaves the file as it was; once the lock
    /// is released, the save goes through.
    #[test]
    fn a_save_waits_for_the_lock_then_fails_naming_the_files() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("waivers.json");
        std::fs::write(&path, "{}\n").unwrap();
        let held = std::fs::File::create(lock_path(&path)).unwrap();
        held.lock().unwrap();
        let mut w = BTreeMap::new();
        w.insert("9f2c41d07a3b5e11".to_string(), waiver("n"));
        let wait = std::time::Duration::from_millis(300);
        let started = std::time::Instant::now();
        let e = save_changes_waiting(&path, &BTreeMap::new(), &w, wait)
            .unwrap_err()
            .to_string();
        assert!(started.elapsed() >= wait);
        assert!(e.contains(path.shown().as_ref()), "{e}");
        assert!(e.contains("waivers.json.lock"), "{e}");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "{}\n");
        drop(held);
        assert_eq!(
            save_changes_waiting(&path, &BTreeMap::new(), &w, wait).unwrap(),
            w
        );
        assert_eq!(load(&path).unwrap(), w);
    }

    /// Two sessions save their own waivers to one file at the same time, one waiver a save:
    /// every waiver of both is in the file at the end, none lost between one's read and the
    /// other's rename.
    #[test]
    fn concurrent_saves_lose_no_waiver() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("waivers.json");
        std::fs::write(&path, "{}\n").unwrap();
        const SAVES: usize = 25;
        let start = std::sync::Arc::new(std::sync::Barrier::new(2));
        let session = |who: char| {
            let (path, start) = (path.clone(), start.clone());
            std::thread::spawn(move || {
                let mut base = load(&path).unwrap();
                start.wait();
                for k in 0..SAVES {
                    let mut current = base.clone();
                    current.insert(format!("{who}{k:015x}"), waiver(&format!("{who}{k}")));
                    base = save_changes(&path, &base, &current).unwrap();
                }
            })
        };
        let (a, b) = (session('a'), session('b'));
        a.join().unwrap();
        b.join().unwrap();
        let on_disk = load(&path).unwrap();
        for who in ['a', 'b'] {
            let lost: Vec<usize> = (0..SAVES)
                .filter(|k| !on_disk.contains_key(&format!("{who}{k:015x}")))
                .collect();
            assert!(lost.is_empty(), "{who}'s waivers {lost:?} lost");
        }
        assert_eq!(on_disk.len(), 2 * SAVES);
    }
}
