//! Waiting for another process without guessing how long it takes: tests wait for the thing
//! they need (an output, an exit, a pipe opened) and give up only after [`HANG`], which bounds a
//! hang and nothing else, so that a loaded machine or a debug build never fails them.
#![allow(dead_code)]

use std::path::Path;
use std::process::{Child, Output};
use std::time::Duration;

/// How long a test waits for what it needs before it takes it for a hang.
pub const HANG: Duration = Duration::from_secs(120);

/// Makes a named pipe at `path`; false where `mkfifo` is missing.
pub fn mkfifo(path: &Path) -> bool {
    std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .is_ok_and(|s| s.success())
}

/// `child`'s exit and its output, within [`HANG`]: past it, the child is killed and the test
/// fails, saying `what` hung.
#[track_caller]
pub fn output_of(child: Child, what: &str) -> Output {
    let pid = child.id();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(child.wait_with_output());
    });
    match rx.recv_timeout(HANG) {
        Ok(out) => out.unwrap(),
        Err(_) => {
            let _ = std::process::Command::new("kill")
                .args(["-KILL", &pid.to_string()])
                .status();
            panic!("{what} did not end within {HANG:?}");
        }
    }
}
