//! `read_file` over a file of arbitrary bytes, with small blocks and a small record limit so
//! that block splitting and over-long lines are reached: every item is a record's bytes (inside
//! the block, parsed without panicking) or an unreadable item, with a 1-based line and column.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::io::Write;
use vigie::corpus::{Block, CorpusFile, ItemKind, Limits, parse_record, read_file};

fuzz_target!(|data: &[u8]| {
    let mut tmp = tempfile::NamedTempFile::new().expect("temp file");
    tmp.write_all(data).expect("write");
    tmp.flush().expect("flush");
    let file = CorpusFile {
        path: tmp.path().to_path_buf(),
        name: "fuzz.jsonl".into(),
        len: data.len() as u64,
    };
    // The first byte picks the limits, so that both the tiny and the default paths are fuzzed.
    let limits = if data.first().is_some_and(|b| b & 1 == 1) {
        Limits {
            max_record_bytes: 64,
            max_document_bytes: 1 << 20,
            block_bytes: 16,
        }
    } else {
        Limits::default()
    };
    let mut items = 0usize;
    read_file(&file, 0, &limits, &mut |b: Block| {
        for it in &b.items {
            items += 1;
            assert!(it.line >= 1 && it.column >= 1, "{it:?}");
            assert!(it.offset <= data.len() as u64, "{it:?}");
            match &it.kind {
                ItemKind::Bytes(s, e) => {
                    assert!(s <= e && *e <= b.data.len(), "{it:?}");
                    let _ = parse_record(&b.data[*s..*e], None);
                }
                ItemKind::Unreadable(reason) => assert!(!reason.is_empty()),
            }
        }
        true
    })
    .expect("reading a temp file");
    // A non-empty file yields at least one item, but for a JSON array of no element (`[]`,
    // found by this target): a valid file holding no record.
    let empty_array = {
        let t: Vec<u8> = data
            .iter()
            .copied()
            .filter(|b| !b.is_ascii_whitespace())
            .collect();
        t == b"[]" || t == b"\xEF\xBB\xBF[]"
    };
    assert!(
        items >= 1 || data.is_empty() || empty_array,
        "a non-empty file yields items"
    );
});
