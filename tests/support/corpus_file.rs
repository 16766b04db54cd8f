//! Reading bytes as a corpus file: written to a temporary `c.json` and read block by block by
//! `corpus::read_file`, as the audit reads a corpus (shared by the reader tests).
#![allow(dead_code)]

use vigie::corpus::{Block, CorpusFile, Limits, read_file};

/// Writes `content` to a temporary corpus file and hands every block `read_file` makes of it to
/// `f`, in order.
pub fn for_each_block(content: &[u8], limits: &Limits, mut f: impl FnMut(&Block)) {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("c.json");
    std::fs::write(&p, content).unwrap();
    let file = CorpusFile {
        path: p,
        name: "c.json".into(),
        len: content.len() as u64,
    };
    read_file(&file, 0, limits, &mut |b: Block| {
        f(&b);
        true
    })
    .unwrap();
}
