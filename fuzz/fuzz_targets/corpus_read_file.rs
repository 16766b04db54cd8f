//! `read_file` over a file of arbitrary bytes, with small blocks and a small record limit so
//! that block splitting and over-long lines are reached: every item is a record's bytes (inside
//! the block, parsed without panicking, and equal to the file's bytes at the place the block
//! gives) or an unreadable item, with a 1-based line and column; a JSON array is cut the same
//! way with small blocks as with one large block.
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
        in_folder: false,
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
    // Every item, as (line, column, offset, bytes or reason).
    let read = |limits: &Limits| {
        let mut seen = Vec::new();
        read_file(&file, 0, limits, &mut |b: Block| {
            for it in &b.items {
                assert!(it.line >= 1 && it.column >= 1, "{it:?}");
                assert!(it.offset <= data.len() as u64, "{it:?}");
                let what = match &it.kind {
                    ItemKind::Bytes(s, e) => {
                        assert!(s <= e && *e <= b.data.len(), "{it:?}");
                        // The bytes are where the block says they are in the file.
                        let (off, len) = b.item_place(it).expect("a place");
                        assert_eq!(
                            &data[off as usize..(off + len) as usize],
                            &b.data[*s..*e],
                            "{it:?}"
                        );
                        let _ = parse_record(&b.data[*s..*e], None);
                        Ok(b.data[*s..*e].to_vec())
                    }
                    ItemKind::Unreadable(reason) => {
                        assert!(!reason.is_empty());
                        Err(reason.clone())
                    }
                };
                seen.push((it.line, it.column, it.offset, what));
            }
            true
        })
        .expect("reading a temp file");
        seen
    };
    let seen = read(&limits);
    let items = seen.len();
    // An array is cut the same way whatever the block size; so is a file opening with `[` that
    // is JSON Lines (its first line a whole value, more after it), told from the same head.
    let first = data
        .iter()
        .skip(if data.starts_with(b"\xEF\xBB\xBF") { 3 } else { 0 })
        .find(|b| !b.is_ascii_whitespace());
    if limits.block_bytes < Limits::default().block_bytes && first == Some(&b'[') {
        let big = Limits {
            block_bytes: 1 << 20,
            ..limits
        };
        assert_eq!(read(&big), seen, "the blocks changed how the array is cut");
    }
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
