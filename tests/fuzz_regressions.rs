//! Inputs the fuzz targets found, kept as plain tests so that `cargo test` guards them.

use vigie::corpus::{Block, CorpusFile, Limits, read_file};

fn items_of(data: &[u8]) -> usize {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("c.json");
    std::fs::write(&p, data).unwrap();
    let file = CorpusFile {
        path: p,
        name: "c.json".into(),
        len: data.len() as u64,
    };
    let mut n = 0;
    read_file(&file, 0, &Limits::default(), &mut |b: Block| {
        n += b.items.len();
        true
    })
    .unwrap();
    n
}

/// `corpus_read_file` crash-97d170e1550eee4afc0af065b78cda302a97674c: `[]`, a JSON array of no
/// element, yields no item. It is a valid corpus file that holds no record (not an unreadable
/// one, unlike an empty file).
#[test]
fn an_empty_json_array_holds_no_record() {
    assert_eq!(items_of(b"[]"), 0);
    assert_eq!(items_of(b" [ \n ] \n"), 0);
    assert_eq!(items_of(b""), 1, "an empty file is reported");
    assert_eq!(items_of(b"[{\"id\": \"a\"}]"), 1);
}
