//! Waivers: the auditor's decisions on findings, kept in a JSON file keyed by fingerprint
//! (`--waivers PATH`), shared by the terminal UI and the headless run.

use crate::report::Waiver;
use anyhow::Context;
use std::collections::BTreeMap;
use std::path::Path;

/// Reads a waivers file. A missing file is an empty set (the UI creates it on the first waiver).
pub fn load(path: &Path) -> anyhow::Result<BTreeMap<String, Waiver>> {
    Ok(read_entries(path)?
        .into_iter()
        .map(|(k, e)| (k, e.waiver))
        .collect())
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

/// Reads a waivers file entry by entry, unknown fields kept. A missing or empty file has none.
fn read_entries(path: &Path) -> anyhow::Result<BTreeMap<String, Entry>> {
    let text = match crate::error::read_bounded_string(path, crate::error::MAX_WAIVERS_BYTES) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(BTreeMap::new()),
        Err(e) => return Err(e).with_context(|| format!("cannot read {}", path.display())),
    };
    if text.trim().is_empty() {
        return Ok(BTreeMap::new());
    }
    let not_a_waivers_file = || {
        format!(
            "{}: not a waivers file (a JSON object of fingerprint → {{\"status\", \"note\", \"at\"}})",
            path.display()
        )
    };
    let raw: BTreeMap<String, serde_json::Map<String, serde_json::Value>> =
        serde_json::from_str(&text).with_context(not_a_waivers_file)?;
    raw.into_iter()
        .map(|(fingerprint, mut fields)| {
            let waiver: Waiver = serde_json::from_value(serde_json::Value::Object(fields.clone()))
                .with_context(|| format!("entry {fingerprint}"))
                .with_context(not_a_waivers_file)?;
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
        .collect()
}

/// Saves one session's changes to the waivers file: the waivers of `current` that differ from
/// `base` (what the session read, or last saved) are set, those of `base` no longer in
/// `current` removed, on top of what the file holds now, read again here. So the waivers
/// another session or a hand edit saved meanwhile are kept, and so are the fields of entries
/// vigie does not know. The file is written atomically (a temporary file beside it, then a
/// rename); a file that is read-only is not replaced (see [`check_writable`]). Returns the
/// waivers the file holds after the save.
pub fn save_changes(
    path: &Path,
    base: &BTreeMap<String, Waiver>,
    current: &BTreeMap<String, Waiver>,
) -> anyhow::Result<BTreeMap<String, Waiver>> {
    check_writable(path)?;
    let mut entries = read_entries(path)?;
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
        assert!(e.contains(&path.display().to_string()), "{e}");
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
}
