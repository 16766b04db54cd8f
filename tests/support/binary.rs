//! Running the vigie binary (shared by the end-to-end tests).
#![allow(dead_code)]

use assert_cmd::Command;
use assert_cmd::assert::Assert;
use predicates::prelude::*;
use std::ffi::OsStr;
use std::path::Path;

/// The vigie binary of this build.
pub fn vigie() -> Command {
    Command::cargo_bin("vigie").unwrap()
}

/// `vigie CORPUS --reference REFERENCE`, to which a test adds its options.
pub fn vigie_on(corpus: impl AsRef<OsStr>, reference: impl AsRef<OsStr>) -> Command {
    let mut cmd = vigie();
    cmd.arg(corpus).arg("--reference").arg(reference);
    cmd
}

/// Runs `cmd` with `--report json`: it is refused (unusable input or arguments, exit 2), and
/// stderr says `said`.
#[track_caller]
pub fn assert_refused(cmd: &mut Command, said: &str) -> Assert {
    cmd.args(["--report", "json"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(said))
}

/// A run at a fixed time with `--report FORMAT` to stdout, `extra` arguments after: what it
/// printed. It may find breaches (exit 1), not fail (exit 2).
pub fn report_of(corpus: &Path, reference: &Path, format: &str, extra: &[&OsStr]) -> String {
    let out = vigie_on(corpus, reference)
        .args([
            "--as-of",
            "2026-11-22T12:00:00Z",
            "--quiet",
            "--report",
            format,
        ])
        .args(extra)
        .output()
        .unwrap();
    assert!(out.status.code().is_some_and(|c| c < 2), "{out:?}");
    String::from_utf8(out.stdout).unwrap()
}
