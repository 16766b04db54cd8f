//! Inputs the fuzz targets of `fuzz/` found crashing, fed to the same functions, so that
//! `cargo test` guards them without cargo-fuzz. Each helper does what its fuzz target does.

#![allow(dead_code)]

use std::io::Write;
use vigie::corpus::{Block, CorpusFile, ItemKind, Limits, parse_record, read_file};
use vigie::model::Origin;
use vigie::text::normalize::{normalize, normalize_mapped};

/// `fuzz_targets/corpus_read_file.rs`.
fn read_file_target(data: &[u8]) {
    let mut tmp = tempfile::NamedTempFile::new().unwrap();
    tmp.write_all(data).unwrap();
    tmp.flush().unwrap();
    let file = CorpusFile {
        path: tmp.path().to_path_buf(),
        name: "fuzz.jsonl".into(),
        len: data.len() as u64,
    };
    let limits = if data.first().is_some_and(|b| b & 1 == 1) {
        Limits {
            max_record_bytes: 64,
            max_document_bytes: 1 << 20,
            block_bytes: 16,
        }
    } else {
        Limits::default()
    };
    read_file(&file, 0, &limits, &mut |b: Block| {
        for it in &b.items {
            assert!(it.line >= 1 && it.column >= 1, "{it:?}");
            if let ItemKind::Bytes(s, e) = &it.kind {
                assert!(s <= e && *e <= b.data.len(), "{it:?}");
                let _ = parse_record(&b.data[*s..*e], None);
            }
        }
        true
    })
    .unwrap();
}

/// `fuzz_targets/normalize.rs`.
fn normalize_target(text: &str) {
    for html in [false, true] {
        let fast = normalize(text, html);
        let mapped = normalize_mapped(text, html);
        assert_eq!(fast, mapped.text, "fast and mapped paths differ (html: {html})");
        assert_eq!(normalize(&fast, false), fast, "not idempotent (html: {html})");
        let n = text.chars().count();
        assert_eq!(mapped.map.len(), mapped.text.chars().count());
        assert!(mapped.map.windows(2).all(|w| w[0] <= w[1]), "map not monotone");
        assert!(mapped.map.iter().all(|&i| (i as usize) < n), "map outside the original");
    }
}

/// `fuzz_targets/xml.rs`.
fn xml_target(data: &[u8]) {
    let origin = Origin {
        file: "fuzz.xml".into(),
        line: 0,
    };
    let _ = vigie::source::xml::parse_xml(data, origin);
}
