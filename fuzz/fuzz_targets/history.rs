//! `History::load` on a file of arbitrary bytes: a history or an error, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::io::Write;
use vigie::source::history::History;

fuzz_target!(|data: &[u8]| {
    let mut tmp = tempfile::NamedTempFile::new().expect("temp file");
    tmp.write_all(data).expect("write");
    tmp.flush().expect("flush");
    if let Ok(h) = History::load(&[tmp.path().to_path_buf()], None) {
        assert!(h.transactions >= h.len() as u64);
    }
});
