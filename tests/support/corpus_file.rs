//! Reading bytes as a corpus file: written to a temporary `c.json` and read block by block by
//! `corpus::read_file`, as the audit reads a corpus (shared by the reader tests).
#![allow(dead_code)]

use std::path::Path;
use vigie::corpus::{Block, CorpusFile, Limits, read_file};

/// Writes `content` to a temporary corpus file and hands every block `read_file` makes of it to
/// `f`, in order.
pub fn for_each_block(content: &[u8], limits: &Limits, f: impl FnMut(&Block)) {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("c.json");
    std::fs::write(&p, content).unwrap();
    for_each_block_of(&p, limits, f);
}

/// Hands every block `read_file` makes of the corpus file at `path` to `f`, in order.
pub fn for_each_block_of(path: &Path, limits: &Limits, mut f: impl FnMut(&Block)) {
    let file = CorpusFile {
        path: path.to_path_buf(),
        name: path.file_name().unwrap().to_string_lossy().into_owned(),
        len: std::fs::metadata(path).unwrap().len(),
        in_folder: false,
    };
    read_file(&file, 0, limits, &mut |b: Block| {
        f(&b);
        true
    })
    .unwrap();
}
