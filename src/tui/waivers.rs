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

/// Writes a waivers file atomically: a temporary file beside it, then a rename.
pub fn save(path: &Path, waivers: &BTreeMap<String, Waiver>) -> anyhow::Result<()> {
    crate::report::write_atomically(path, |out| {
        crate::text::sanitize::write_json(
            &mut *out,
            crate::text::sanitize::JsonFormatter::pretty(),
            waivers,
        )?;
        out.write_all(b"\n")
    })
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
}
