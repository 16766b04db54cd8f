//! `for_each_entry` on a file of arbitrary bytes (gzip or zip magic forced by the first byte, so
//! that the fuzzer spends its time inside the decoders), with small limits; every entry is fed to
//! the format dispatcher. The stats never count more than the limits allow.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::io::Write;
use std::sync::atomic::{AtomicU64, Ordering};
use vigie::source::archive::{ArchiveLimits, for_each_entry};

fuzz_target!(|data: &[u8]| {
    let mut tmp = tempfile::NamedTempFile::new().expect("temp file");
    tmp.write_all(data).expect("write");
    tmp.flush().expect("flush");
    let limits = ArchiveLimits {
        max_entry_bytes: 1 << 16,
        max_total_bytes: 1 << 20,
        max_entries: 1000,
    };
    let handed = AtomicU64::new(0);
    let res = for_each_entry(tmp.path(), &limits, &|entry| {
        assert!(entry.bytes.len() as u64 <= limits.max_entry_bytes);
        handed.fetch_add(1, Ordering::Relaxed);
        let _ = vigie::source::parse_bytes(&entry.bytes, &entry.name);
    });
    let stats = match &res {
        Ok(s) => s,
        Err(e) => &*e.stats,
    };
    assert_eq!(stats.entries, handed.load(Ordering::Relaxed));
    assert!(stats.bytes <= limits.max_total_bytes);
});
