//! Waivers: the auditor's decisions on findings, kept in a JSON file keyed by fingerprint
//! (`--waivers PATH`), shared by the terminal UI and the headless run.

use crate::report::Waiver;
use anyhow::Context;
use std::collections::BTreeMap;
use std::path::Path;

/// Reads a waivers file. A missing file is an empty set (the UI creates it on the first waiver).
pub fn load(path: &Path) -> anyhow::Result<BTreeMap<String, Waiver>> {
    let text = match crate::error::read_bounded_string(path, crate::error::MAX_WAIVERS_BYTES) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(BTreeMap::new()),
        Err(e) => return Err(e).with_context(|| format!("cannot read {}", path.display())),
    };
    if text.trim().is_empty() {
        return Ok(BTreeMap::new());
    }
    serde_json::from_str(&text).with_context(|| {
        format!(
            "{}: not a waivers file (a JSON object of fingerprint → {{\"status\", \"note\", \"at\"}})",
            path.display()
        )
    })
}

/// Writes a waivers file atomically: a temporary file beside it, then a rename. A file that is
/// read-only is not replaced (see [`check_writable`]).
pub fn save(path: &Path, waivers: &BTreeMap<String, Waiver>) -> anyhow::Result<()> {
    check_writable(path)?;
    crate::report::write_atomically(path, |out| write(out, waivers))
}

/// The waivers as their file holds them: pretty JSON, then a line end.
pub fn write(
    out: &mut dyn std::io::Write,
    waivers: &BTreeMap<String, Waiver>,
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
        save(&path, &w).unwrap();
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
        let e = save(&path, &w).unwrap_err().to_string();
        assert!(e.contains(&path.display().to_string()), "{e}");
        assert!(e.contains("read-only"), "{e}");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "{}\n");
        assert!(std::fs::metadata(&path).unwrap().permissions().readonly());
        // Nothing left beside it either.
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
        // A missing file, or a writable one, is saved.
        assert!(check_writable(&dir.path().join("new.json")).is_ok());
    }
}
