//! Placeholder until the archive reader lands.
use std::path::Path;

#[derive(Debug, Clone)]
pub struct ArchiveLimits {
    pub max_entry_bytes: u64,
    pub max_total_bytes: u64,
    pub max_entries: u64,
}

impl Default for ArchiveLimits {
    fn default() -> Self {
        ArchiveLimits {
            max_entry_bytes: 64 << 20,
            max_total_bytes: 64 << 30,
            max_entries: 10_000_000,
        }
    }
}

pub struct ArchiveEntry {
    pub name: String,
    pub bytes: Vec<u8>,
}

#[derive(Debug, Default)]
pub struct ArchiveStats {
    pub entries: u64,
}

#[derive(Debug)]
pub struct ArchiveError(pub String);

impl std::fmt::Display for ArchiveError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

pub fn for_each_entry(
    path: &Path,
    limits: &ArchiveLimits,
    f: &(dyn Fn(ArchiveEntry) + Sync),
) -> Result<ArchiveStats, ArchiveError> {
    let _ = (limits, f);
    Err(ArchiveError(format!(
        "{}: archives are not supported yet",
        path.display()
    )))
}
