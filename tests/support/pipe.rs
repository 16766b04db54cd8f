//! Feeding bytes to vigie through a named pipe, as `vigie <(zcat corpus.jsonl.gz)` does: a file
//! that can be read only once (shared by the tests of corpora and references read from pipes).
#![allow(dead_code)]

use std::path::Path;

/// Makes a named pipe, writes `bytes` into it from a thread, and calls `read` with its path
/// while they are read. Returns what `read` returned, and how the writing went: an error when
/// the reader closed the pipe before the end.
pub fn through_a_pipe<T>(
    bytes: Vec<u8>,
    read: impl FnOnce(&Path) -> T,
) -> (T, std::io::Result<()>) {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("input.pipe");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    let writer = {
        let fifo = fifo.clone();
        std::thread::spawn(move || {
            use std::io::Write;
            let mut w = std::fs::OpenOptions::new().write(true).open(fifo)?;
            w.write_all(&bytes)
        })
    };
    let out = read(&fifo);
    // Should the reader have stopped before opening the pipe, the writer waits for one: open
    // the pipe and close it, so that the writer ends. On Linux, opening a pipe to read and write
    // never waits.
    drop(
        std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .open(&fifo),
    );
    (out, writer.join().unwrap())
}
