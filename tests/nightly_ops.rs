//! End-to-end runs of the binary as a nightly job runs it, headless, on inputs a sync or an
//! operator may leave wrong: folders it may not read, an endless reference, a standard error
//! nobody reads, an output among the official files, a previous report cut short, an empty
//! corpus folder, a reference given twice, a path spelt another way, settings not in UTF-8.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

mod support;
use support::data::data;

const AS_OF: &str = "2026-11-22T12:00:00Z";

/// A record citing the real DILA decision JURITEXT000048176094 (its text: a word only).
const RECORD: &str =
    r#"{"id":"r1","source_id":"JURITEXT000048176094","text":"x","updated_at":"2026-11-20"}"#;

fn vigie_path() -> PathBuf {
    assert_cmd::cargo::cargo_bin("vigie")
}

fn write(path: &Path, text: impl AsRef<[u8]>) -> PathBuf {
    std::fs::write(path, text).unwrap();
    path.to_path_buf()
}

fn copy_dila(id: &str, to: &Path) {
    std::fs::copy(
        data(&format!("dila-cass/{id}.xml")),
        to.join(format!("{id}.xml")),
    )
    .unwrap();
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn json(out: &Output) -> Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {out:?}"))
}

/// A work folder others may read (the runs as another user below need it).
fn work() -> tempfile::TempDir {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    dir
}

/// vigie in `dir`, as a user that permissions apply to: this one, or `nobody` (through
/// `setpriv`) when the tests run as root. `None` when root cannot drop its privileges here.
fn as_unprivileged(dir: &Path, args: &[&str]) -> Option<Output> {
    let uid = Command::new("id").arg("-u").output().ok()?;
    let root = String::from_utf8_lossy(&uid.stdout).trim() == "0";
    let mut cmd = if root {
        let mut c = Command::new("setpriv");
        c.args(["--reuid=65534", "--regid=65534", "--clear-groups"])
            .arg(vigie_path());
        c
    } else {
        Command::new(vigie_path())
    };
    let out = cmd.current_dir(dir).args(args).output().ok()?;
    // setpriv missing or refused: nothing to test here.
    if root && out.status.code() == Some(127) {
        return None;
    }
    Some(out)
}

/// Makes `dir` readable by its owner alone (root, when the tests run as root).
fn lock(dir: &Path) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700)).unwrap();
}

fn open_up(dir: &Path) {
    use std::os::unix::fs::PermissionsExt;
    for e in walk(dir) {
        let mode = if e.is_dir() { 0o755 } else { 0o644 };
        std::fs::set_permissions(&e, std::fs::Permissions::from_mode(mode)).unwrap();
    }
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = vec![dir.to_path_buf()];
    if dir.is_dir() {
        for e in std::fs::read_dir(dir).unwrap() {
            out.extend(walk(&e.unwrap().path()));
        }
    }
    out
}

/// `w/ref`, holding one decision and a sub-folder `locked` holding another (the decision
/// `JURITEXT000048176094`), which the test locks once the files are written.
fn reference_with_a_folder_to_lock(w: &Path) -> PathBuf {
    let reference = w.join("ref");
    std::fs::create_dir_all(reference.join("locked")).unwrap();
    copy_dila("JURITEXT000048211001", &reference);
    copy_dila("JURITEXT000048176094", &reference.join("locked"));
    reference
}

/// A sub-folder of a `--reference` folder that cannot be listed is counted and named as an
/// unreadable reference decision (in the report and on stderr), not skipped without a word;
/// one of a `--history` folder is unusable history (exit 2 naming it), as an unreadable history
/// file is; and a `--reference` folder that cannot be listed says so.
#[test]
fn folders_of_the_reference_and_history_that_cannot_be_listed_are_told() {
    let dir = work();
    let w = dir.path();
    let reference = reference_with_a_folder_to_lock(w);
    write(&w.join("c.jsonl"), format!("{RECORD}\n"));
    let history = w.join("h");
    std::fs::create_dir_all(history.join("locked")).unwrap();
    write(
        &history.join("other.json"),
        r#"{"transactions":[{"id":"JURITEXT000048211001","action":"created","date":"2026-11-01T00:00:00Z"}]}"#,
    );
    write(
        &history.join("locked/h.json"),
        r#"{"transactions":[{"id":"JURITEXT000048176094","action":"deleted","date":"2026-11-02T00:00:00Z"}]}"#,
    );
    open_up(w);
    lock(&reference.join("locked"));
    lock(&history.join("locked"));
    let args = ["c.jsonl", "--reference", "ref", "--as-of", AS_OF, "-q"];
    let Some(out) = as_unprivileged(w, &[&args[..], &["--report", "json"]].concat()) else {
        eprintln!("cannot run vigie as another user here: not tested");
        return;
    };
    let v = json(&out);
    let audit = &v["audit"];
    assert_eq!(audit["reference_decisions"], 1, "{audit}");
    assert_eq!(audit["unreadable_reference_decisions"], 1, "{audit}");
    // A folder counts as one, though how many decisions it holds is unknown: not exact.
    assert_eq!(
        audit["unreadable_reference_decisions_exact"], false,
        "{audit}"
    );
    assert_eq!(audit["unreadable_reference"][0]["file"], "ref/locked");
    assert_eq!(
        audit["unreadable_reference"][0]["reason"],
        "cannot list the folder: permission denied"
    );
    assert_eq!(audit["unreadable_reference"][0]["lost"], "folder");
    assert_eq!(audit["unreadable_reference"][0]["decisions"], Value::Null);
    let err = stderr(&out);
    assert!(
        err.contains(
            "vigie: warning: the reference is incomplete: 1 folder could not be listed; records \
             citing a decision among those cannot be checked against it; 1 record whose \
             `source_id` matched no decision (INT007, unverifiable, no penalty) may cite one and \
             was not checked:\n  ref/locked: cannot list the folder: permission denied\n"
        ),
        "{err}"
    );
    // The history's: exit 2, naming the folder.
    let out = as_unprivileged(
        w,
        &[&args[..], &["--history", "h", "--report", "json"]].concat(),
    )
    .unwrap();
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    assert!(out.stdout.is_empty());
    assert!(
        stderr(&out).contains("vigie: h/locked: cannot list the folder: permission denied"),
        "{}",
        stderr(&out)
    );
    // The reference folder itself.
    lock(&reference);
    let out = as_unprivileged(w, &[&args[..], &["--report", "json"]].concat()).unwrap();
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    assert!(
        stderr(&out).contains("vigie: ref: cannot list the folder: permission denied"),
        "{}",
        stderr(&out)
    );
    open_up(w);
}

/// vigie in `dir` with `args`, stdin closed.
fn run(dir: &Path, args: &[&str]) -> Output {
    Command::new(vigie_path())
        .current_dir(dir)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .unwrap()
}

/// Reads the peak resident memory of a finished child from `/proc/self/status`'s view of its
/// children: here, through `/usr/bin/time` when present.
fn max_rss_kib(dir: &Path, args: &[&str]) -> Option<(Output, u64)> {
    let out = Command::new("/usr/bin/time")
        .current_dir(dir)
        .args(["-f", "maxrss=%M"])
        .arg(vigie_path())
        .args(args)
        .stdin(Stdio::null())
        .output()
        .ok()?;
    let err = stderr(&out);
    let kib = err
        .lines()
        .last()?
        .strip_prefix("maxrss=")?
        .trim()
        .parse()
        .ok()?;
    Some((out, kib))
}

/// A reference file of no format vigie reads is told from its first bytes, not read whole
/// (`/dev/zero` never ends; a large file is not held in memory); one that is XML is held whole
/// up to the bound of an archive's entry (64 MiB), past which it is refused, naming it.
#[test]
fn a_reference_file_is_not_held_whole_past_its_bound() {
    let dir = work();
    let w = dir.path();
    write(&w.join("c.jsonl"), format!("{RECORD}\n"));
    let args = |reference: &'static str| {
        [
            "c.jsonl",
            "--reference",
            reference,
            "--as-of",
            AS_OF,
            "-q",
            "--report",
            "json",
        ]
    };
    // An endless device: it used to take the machine's memory, and the run never ended.
    let (tx, rx) = std::sync::mpsc::channel();
    let w2 = w.to_path_buf();
    std::thread::spawn(move || {
        let _ = tx.send(run(&w2, &args("/dev/zero")));
    });
    let out = rx
        .recv_timeout(std::time::Duration::from_secs(60))
        .expect("--reference /dev/zero ends");
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    assert!(
        stderr(&out).contains("vigie: /dev/zero: no decision could be read")
            && stderr(&out).contains("not a reference format"),
        "{}",
        stderr(&out)
    );
    // A sparse file of 300 MB whose first bytes are no format: not read into memory.
    let sparse = std::fs::File::create(w.join("sparse.bin")).unwrap();
    sparse.set_len(300 << 20).unwrap();
    drop(sparse);
    if let Some((out, kib)) = max_rss_kib(w, &args("sparse.bin")) {
        assert_eq!(out.status.code(), Some(2), "{out:?}");
        assert!(kib < 150 << 10, "{kib} KiB");
    }
    // XML past 64 MiB: refused, naming the file, without holding it.
    let mut big = b"<".to_vec();
    big.resize((64 << 20) + 2, b' ');
    write(&w.join("big.xml"), &big);
    drop(big);
    let out = run(w, &args("big.xml"));
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    assert!(
        stderr(&out).contains("vigie: big.xml: larger than 64 MiB"),
        "{}",
        stderr(&out)
    );
    // The same XML from a pipe, which tells no size: read up to the bound only.
    let out = Command::new("sh")
        .current_dir(w)
        .arg("-c")
        .arg(format!(
            "{{ printf '<'; head -c 100000000 /dev/zero; }} | {} c.jsonl --reference /dev/stdin \
             --as-of {AS_OF} -q --report json",
            vigie_path().display()
        ))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    assert!(
        stderr(&out).contains("vigie: /dev/stdin: larger than 64 MiB"),
        "{}",
        stderr(&out)
    );
    // A decision's XML under the bound is read as before.
    let out = run(
        w,
        &[
            "c.jsonl",
            "--reference",
            data("dila-cass/JURITEXT000048176094.xml").to_str().unwrap(),
            "--as-of",
            AS_OF,
            "-q",
            "--report",
            "json",
        ],
    );
    assert_eq!(json(&out)["audit"]["reference_decisions"], 1, "{out:?}");
}

/// A standard error that cannot be written (`2>/dev/full`, a log pipe whose reader went away)
/// neither stops the run (std's `eprintln!` panics: exit 101) nor costs the report: the
/// warnings are lost, the report and the exit status are the audit's. A usage error is still
/// exit 2.
#[test]
fn a_standard_error_that_cannot_be_written_costs_nothing() {
    let dir = work();
    let w = dir.path();
    write(&w.join("c.jsonl"), format!("{RECORD}\n"));
    // A reference folder with an unreadable file: a warning on stderr.
    std::fs::create_dir(w.join("ref")).unwrap();
    copy_dila("JURITEXT000048176094", &w.join("ref"));
    write(&w.join("ref/broken.xml"), "<not closed");
    let audit = [
        "c.jsonl",
        "--reference",
        "ref",
        "--as-of",
        AS_OF,
        "-q",
        "-o",
        "out.json",
    ];
    // Each: vigie's arguments, its standard error (`/dev/full`, or a pipe whose reader is gone
    // before vigie writes to it: its reading end closed before vigie starts) and vigie's
    // expected exit status.
    let runs: [(&[&str], bool, i32); 4] = [
        (&audit, true, 1),
        (&audit, false, 1),
        (&[], true, 2),
        (&["--no-such-option"], true, 2),
    ];
    for (args, full, want) in runs {
        let _ = std::fs::remove_file(w.join("out.json"));
        let stderr: Stdio = if full {
            std::fs::OpenOptions::new()
                .write(true)
                .open("/dev/full")
                .unwrap()
                .into()
        } else {
            let (reader, writer) = std::io::pipe().unwrap();
            drop(reader);
            writer.into()
        };
        let status = Command::new(vigie_path())
            .current_dir(w)
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(stderr)
            .status()
            .unwrap();
        let case = format!("{args:?}, stderr {}", if full { "full" } else { "closed" });
        assert_eq!(status.code(), Some(want), "{case}");
        if want == 1 {
            let v: Value =
                serde_json::from_str(&std::fs::read_to_string(w.join("out.json")).unwrap())
                    .unwrap();
            assert_eq!(v["audit"]["unreadable_reference_decisions"], 1, "{case}");
        }
    }
}

/// An `--output` inside a `--reference` or `--history` folder is refused before the audit
/// (exit 2), whether it names one of their files (an official decision would be replaced by
/// the report) or a new one (the next night would read the report as one of them).
#[test]
fn an_output_inside_the_reference_or_history_folder_is_refused() {
    let dir = work();
    let w = dir.path();
    write(&w.join("c.jsonl"), format!("{RECORD}\n"));
    std::fs::create_dir_all(w.join("ref/day")).unwrap();
    copy_dila("JURITEXT000048176094", &w.join("ref/day"));
    std::fs::create_dir(w.join("hist")).unwrap();
    write(
        &w.join("hist/h.json"),
        r#"{"transactions":[{"id":"JURITEXT000048176094","action":"created","date":"2026-11-01T00:00:00Z"}]}"#,
    );
    let decision = std::fs::read(w.join("ref/day/JURITEXT000048176094.xml")).unwrap();
    let history = std::fs::read(w.join("hist/h.json")).unwrap();
    for (output, folder) in [
        ("ref/day/JURITEXT000048176094.xml", "--reference folder ref"),
        ("./ref/new.json", "--reference folder ref"),
        ("hist/h.json", "--history folder hist"),
        ("hist/../hist/next.json", "--history folder hist"),
    ] {
        let out = run(
            w,
            &[
                "c.jsonl",
                "--reference",
                "ref",
                "--history",
                "hist",
                "--as-of",
                AS_OF,
                "-q",
                "--report",
                "json",
                "-o",
                output,
            ],
        );
        assert_eq!(out.status.code(), Some(2), "{output}: {out:?}");
        let err = stderr(&out);
        assert!(
            err.contains(&format!(
                "vigie: {output}: the output is inside the {folder}"
            )),
            "{err}"
        );
    }
    assert_eq!(
        std::fs::read(w.join("ref/day/JURITEXT000048176094.xml")).unwrap(),
        decision
    );
    assert_eq!(std::fs::read(w.join("hist/h.json")).unwrap(), history);
    assert!(!w.join("ref/new.json").exists() && !w.join("hist/next.json").exists());
    // Beside them, it is written.
    let out = run(
        w,
        &[
            "c.jsonl",
            "--reference",
            "ref",
            "--as-of",
            AS_OF,
            "-q",
            "-o",
            "report.json",
        ],
    );
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    assert!(w.join("report.json").exists());
}

/// A JSON Lines `--previous` that does not end with its `{"summary": …}` line (cut on a line
/// boundary: a partial copy, a full disk) is refused as incomplete (exit 2), as a JSON one cut
/// anywhere is: taken, the breaches it lost would lose their escalation without a word.
#[test]
fn a_json_lines_previous_without_its_summary_line_is_refused() {
    let dir = work();
    let w = dir.path();
    write(&w.join("c.jsonl"), format!("{RECORD}\n"));
    let reference = data("dila-cass/JURITEXT000048176094.xml");
    let night = |extra: &[&str]| {
        run(
            w,
            &[
                &[
                    "c.jsonl",
                    "--reference",
                    reference.to_str().unwrap(),
                    "--as-of",
                    AS_OF,
                    "-q",
                ][..],
                extra,
            ]
            .concat(),
        )
    };
    let first = night(&["-o", "night1.jsonl"]);
    assert_eq!(first.status.code(), Some(1), "{first:?}");
    let whole = std::fs::read_to_string(w.join("night1.jsonl")).unwrap();
    let lines: Vec<&str> = whole.lines().collect();
    assert!(lines.len() >= 2 && lines.last().unwrap().starts_with("{\"summary\":"));
    // The whole report is taken.
    let out = night(&["--previous", "night1.jsonl", "--report", "json"]);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    assert_eq!(json(&out)["audit"]["previous"]["as_of"], AS_OF);
    // Its findings without the summary line: refused.
    write(
        &w.join("cut.jsonl"),
        lines[..lines.len() - 1].join("\n") + "\n",
    );
    let out = night(&["--previous", "cut.jsonl", "--report", "json"]);
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    assert!(out.stdout.is_empty());
    assert!(
        stderr(&out).contains("vigie: cut.jsonl: the previous report is incomplete"),
        "{}",
        stderr(&out)
    );
    // A summary line followed by findings is no end either.
    write(
        &w.join("after.jsonl"),
        format!("{}\n{}\n", lines.last().unwrap(), lines[0]),
    );
    let out = night(&["--previous", "after.jsonl", "--report", "json"]);
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    // Cut inside its summary line (a copy cut short in its last line): refused, at that line.
    let last = lines.last().unwrap();
    write(
        &w.join("half.jsonl"),
        lines[..lines.len() - 1].join("\n") + "\n" + &last[..last.len() / 2],
    );
    let out = night(&["--previous", "half.jsonl", "--report", "json"]);
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    assert!(
        stderr(&out).contains(&format!(
            "vigie: half.jsonl:{}: the previous report is incomplete",
            lines.len()
        )),
        "{}",
        stderr(&out)
    );
}

/// A corpus folder named on the command line that yields no corpus file is exit 2, naming it,
/// beside other corpus paths as alone: a sync that left it empty must not have its records'
/// breaches read as no longer found.
#[test]
fn an_empty_corpus_folder_is_refused_beside_other_paths() {
    let dir = work();
    let w = dir.path();
    std::fs::create_dir_all(w.join("cass")).unwrap();
    std::fs::create_dir_all(w.join("ce")).unwrap();
    write(&w.join("cass/c.jsonl"), format!("{RECORD}\n"));
    let reference = data("dila-cass/JURITEXT000048176094.xml");
    let reference = reference.to_str().unwrap();
    let audit = |corpus: &[&str]| {
        run(
            w,
            &[
                corpus,
                &[
                    "--reference",
                    reference,
                    "--as-of",
                    AS_OF,
                    "-q",
                    "--report",
                    "json",
                ],
            ]
            .concat(),
        )
    };
    for corpus in [&["ce"][..], &["cass", "ce"], &["ce", "./cass"]] {
        let out = audit(corpus);
        assert_eq!(out.status.code(), Some(2), "{corpus:?}: {out:?}");
        assert!(out.stdout.is_empty());
        let err = stderr(&out);
        assert!(
            err.contains("vigie: ce: no corpus file found") && err.contains("it holds no file"),
            "{err}"
        );
    }
    // A folder holding only files of other names says so, beside another path too.
    write(&w.join("ce/notes.txt"), "x");
    let out = audit(&["cass", "ce"]);
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    assert!(
        stderr(&out).contains("vigie: ce: no corpus file found")
            && stderr(&out).contains("its one file, ce/notes.txt, is not one"),
        "{}",
        stderr(&out)
    );
    // A folder whose files are read through another argument is not empty; the file given
    // again is told with the two ways it was reached, whatever the order given.
    std::fs::remove_file(w.join("ce/notes.txt")).unwrap();
    let out = audit(&["cass", "cass/c.jsonl"]);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let out = audit(&["cass/c.jsonl", "cass"]);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    assert_eq!(json(&out)["audit"]["records"], 1);
    assert!(
        stderr(&out).contains(
            "vigie: warning: 1 corpus input given more than once was read once:\n  \
             cass/c.jsonl, given by name: already read through the folder cass\n"
        ),
        "{}",
        stderr(&out)
    );
}

/// A corpus folder holding only vigie's own files (last night's report, which the job wrote
/// there, or this run's `--output`) yields no corpus file either: exit 2, naming the folder and
/// why, beside other corpus paths as alone, as an empty folder is; not an audit that reads the
/// other paths and counts the report as skipped.
#[test]
fn a_corpus_folder_holding_only_vigie_s_reports_is_refused() {
    let dir = work();
    let w = dir.path();
    std::fs::create_dir_all(w.join("cass")).unwrap();
    std::fs::create_dir_all(w.join("ce")).unwrap();
    write(&w.join("cass/c.jsonl"), format!("{RECORD}\n"));
    let reference = data("dila-cass/JURITEXT000048176094.xml");
    let reference = reference.to_str().unwrap();
    let audit = |args: &[&str]| {
        run(
            w,
            &[args, &["--reference", reference, "--as-of", AS_OF, "-q"]].concat(),
        )
    };
    // Last night's reports, JSON and JSON Lines, written by vigie into the folder `ce`.
    let out = audit(&["cass", "--report", "json", "--output", "ce/report.json"]);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let report = std::fs::read(w.join("ce/report.json")).unwrap();
    assert!(
        report.starts_with(b"{"),
        "{}",
        String::from_utf8_lossy(&report)
    );
    let refused = |args: &[&str], why: &str| {
        let out = audit(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {out:?}");
        assert!(out.stdout.is_empty(), "{args:?}");
        let err = stderr(&out);
        assert!(
            err.contains("vigie: ce: no corpus file found")
                && err.contains("nor the reports and waivers files it writes")
                && err.contains(why),
            "{args:?}: {err}"
        );
    };
    let one = "its one file, ce/report.json, is a report or waivers file written by vigie, not \
               records";
    for corpus in [&["cass", "ce"][..], &["ce"], &["ce", "./cass"]] {
        refused(&[corpus, &["--report", "json"]].concat(), one);
    }
    // Compressed, it is told by its content.
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    std::io::Write::write_all(&mut gz, &report).unwrap();
    std::fs::remove_file(w.join("ce/report.json")).unwrap();
    write(&w.join("ce/report.json.gz"), gz.finish().unwrap());
    refused(
        &["cass", "ce", "--report", "json"],
        "its one file, ce/report.json.gz, is a report or waivers file written by vigie",
    );
    // Two reports (one JSON Lines) and a file of another name.
    let out = audit(&["cass", "--report", "jsonl", "--output", "ce/report.jsonl"]);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    write(&w.join("ce/notes.txt"), "x");
    refused(
        &["cass", "ce", "--report", "json"],
        "none of its 3 files is: 2 are reports or waivers files written by vigie, not records \
         (the first: ce/report.json.gz), and 1 is not named so (the first: ce/notes.txt)",
    );
    // The folder holding only this run's own output (last night's, written again).
    std::fs::remove_file(w.join("ce/notes.txt")).unwrap();
    std::fs::remove_file(w.join("ce/report.json.gz")).unwrap();
    refused(
        &[
            "cass",
            "ce",
            "--report",
            "jsonl",
            "--output",
            "ce/report.jsonl",
        ],
        "its one file, ce/report.jsonl, is a report or waivers file written by vigie",
    );
    // A record file beside the report: the folder is read, the report left unread and told.
    write(&w.join("ce/d.jsonl"), RECORD.replace("r1", "r2") + "\n");
    let out = audit(&["cass", "ce", "--report", "json"]);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let v = json(&out);
    assert_eq!(v["audit"]["records"], 2);
    assert_eq!(
        v["audit"]["skipped_vigie_files"],
        serde_json::json!(["ce/report.jsonl"])
    );
}

/// A reference reached twice (a folder and a folder inside it, a folder given twice, a file
/// given beside its folder) is read once, with a warning, as the corpus is: not reported as
/// older versions of itself.
#[test]
fn a_reference_reached_twice_is_read_once() {
    let dir = work();
    let w = dir.path();
    write(&w.join("c.jsonl"), format!("{RECORD}\n"));
    std::fs::create_dir_all(w.join("ref/day")).unwrap();
    copy_dila("JURITEXT000048211001", &w.join("ref"));
    copy_dila("JURITEXT000048176094", &w.join("ref/day"));
    copy_dila("JURITEXT000048176096", &w.join("ref/day"));
    let audit = |refs: &[&str]| {
        let mut args = vec!["c.jsonl"];
        for r in refs {
            args.extend(["--reference", r]);
        }
        args.extend(["--as-of", AS_OF, "-q", "--report", "json"]);
        run(w, &args)
    };
    // Each told with the two ways it was reached: by name, and through which folder.
    for (refs, told) in [
        (
            &["ref", "ref/day"][..],
            "ref/day, given by name: already read through the folder ref",
        ),
        (
            &["ref/day", "ref"],
            "ref/day, given by name: already read through the folder ref",
        ),
        (
            &["ref", "./ref/"],
            "./ref/, given by name: already read as ref, given by name",
        ),
        (
            &["ref", "ref/day/JURITEXT000048176094.xml"],
            "ref/day/JURITEXT000048176094.xml, given by name: already read through the folder \
             ref",
        ),
    ] {
        let out = audit(refs);
        assert_eq!(out.status.code(), Some(1), "{refs:?}: {out:?}");
        let v = json(&out);
        assert_eq!(v["audit"]["reference_decisions"], 3, "{refs:?}");
        assert_eq!(v["audit"]["superseded_reference"], serde_json::json!([]));
        let err = stderr(&out);
        assert!(
            err.contains("1 reference input given more than once was read once:"),
            "{refs:?}: {err}"
        );
        assert!(err.contains(&format!("  {told}\n")), "{refs:?}: {err}");
        assert!(!err.contains("set aside"), "{err}");
    }
}

/// The fingerprint of an unreadable line (IN001, which has no record id) does not depend on how
/// the corpus path was spelt: a waiver set from an interactive run (`corpus/c.jsonl`) holds for
/// the nightly job (an absolute path, or the folder).
#[test]
fn an_unreadable_lines_fingerprint_does_not_depend_on_the_paths_spelling() {
    let dir = work();
    let w = dir.path();
    std::fs::create_dir_all(w.join("corpus/sub")).unwrap();
    write(&w.join("corpus/c.jsonl"), format!("{RECORD}\n{{bad\n"));
    write(&w.join("corpus/sub/d.jsonl"), "{bad\n");
    let reference = data("dila-cass/JURITEXT000048176094.xml");
    let absolute = w.join("corpus/c.jsonl");
    // The IN001 fingerprints, by file as shown.
    let in001 = |corpus: &[&str]| -> Vec<(String, String)> {
        let out = run(
            w,
            &[
                corpus,
                &[
                    "--reference",
                    reference.to_str().unwrap(),
                    "--as-of",
                    AS_OF,
                    "-q",
                    "--report",
                    "json",
                ],
            ]
            .concat(),
        );
        json(&out)["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["rule"] == "IN001")
            .map(|f| {
                (
                    f["record"]["file"].as_str().unwrap().to_string(),
                    f["fingerprint"].as_str().unwrap().to_string(),
                )
            })
            .collect()
    };
    let plain = in001(&["corpus/c.jsonl"]);
    assert_eq!(plain.len(), 1);
    let fp = &plain[0].1;
    for spelt in [
        "./corpus/c.jsonl",
        "corpus//c.jsonl",
        "corpus/sub/../c.jsonl",
        absolute.to_str().unwrap(),
    ] {
        let found = in001(&[spelt]);
        assert_eq!(found, [(spelt.to_string(), fp.clone())], "{spelt}");
    }
    // Through its folder, however spelt, as when named.
    let named_d = in001(&["corpus/sub/d.jsonl"]);
    assert_eq!(named_d.len(), 1);
    for folder in ["corpus", "./corpus/", w.join("corpus").to_str().unwrap()] {
        let found = in001(&[folder]);
        assert_eq!(found.len(), 2, "{found:?}");
        let c = found.iter().find(|(f, _)| f.ends_with("/c.jsonl")).unwrap();
        assert_eq!(&c.1, fp, "{folder}");
        let d = found
            .iter()
            .find(|(f, _)| f.ends_with("sub/d.jsonl"))
            .unwrap();
        assert_eq!(d.1, named_d[0].1, "{folder}");
    }
    // Two files of one name in two folders, each bad on its first line: two IN001s, told
    // apart (a waiver of one is no waiver of the other).
    std::fs::create_dir_all(w.join("other")).unwrap();
    write(&w.join("other/d.jsonl"), "{bad\n");
    let two = in001(&["corpus/sub", "other"]);
    assert_eq!(two.len(), 2, "{two:?}");
    assert_ne!(two[0].1, two[1].1, "{two:?}");
}

/// A policy or mapping file that is not UTF-8 is exit 2 with the line and column of its first
/// bad byte, as a waivers file is; a keymap's error tells them too.
#[test]
fn settings_files_not_in_utf8_are_placed() {
    let dir = work();
    let w = dir.path();
    write(&w.join("c.jsonl"), format!("{RECORD}\n"));
    // Line 3, after « ab » (2 chars, one of them 2 bytes: column 3 in chars).
    write(&w.join("policy.toml"), b"# policy\n\n\xc3\xa9b\xe9 = 1\n");
    write(
        &w.join("mapping.toml"),
        b"[fields]\ntext = \"body\"\n# caf\xe9\n",
    );
    write(&w.join("keymap.toml"), b"\n\n\xff\n");
    let reference = data("dila-cass/JURITEXT000048176094.xml");
    for (option, file, place) in [
        ("--policy", "policy.toml", "policy.toml:3:3: invalid UTF-8"),
        (
            "--mapping",
            "mapping.toml",
            "mapping.toml:3:6: invalid UTF-8",
        ),
        (
            "--keymap",
            "keymap.toml",
            "invalid UTF-8 at line 3, column 1",
        ),
    ] {
        let out = run(
            w,
            &[
                "c.jsonl",
                "--reference",
                reference.to_str().unwrap(),
                option,
                file,
                "--as-of",
                AS_OF,
                "-q",
                "--report",
                "json",
            ],
        );
        assert_eq!(out.status.code(), Some(2), "{out:?}");
        let err = stderr(&out);
        assert!(err.contains(place) && err.contains(file), "{err}");
    }
}

/// A record with everything but its reference: its only finding is INT007 (no penalty).
fn unmatched_record(id: &str, source_id: &str) -> String {
    serde_json::json!({
        "id": id,
        "source_id": source_id,
        "text": "x",
        "updated_at": "2026-11-20",
        "attribution": "Légifrance",
        "jurisdiction": "Cour de cassation",
        "decision_date": "2023-10-05",
    })
    .to_string()
}

/// A record citing a decision in a part of the reference that could not be read (a folder that
/// cannot be listed, beside a malformed file) is INT007, which carries no penalty: the exit
/// status stays the audit's (SPEC §4), but the INT007 and the warning say that the reference
/// was incomplete, by how much, and that the record was not checked; the report's count says
/// it is not exact, a folder counting as one.
#[test]
fn an_incomplete_reference_makes_int007_say_so() {
    let dir = work();
    let w = dir.path();
    let reference = reference_with_a_folder_to_lock(w);
    write(&reference.join("bad.xml"), "<not xml");
    write(
        &w.join("c.jsonl"),
        unmatched_record("r1", "JURITEXT000048176094") + "\n",
    );
    open_up(w);
    lock(&reference.join("locked"));
    let args = ["c.jsonl", "--reference", "ref", "--as-of", AS_OF, "-q"];
    let Some(out) = as_unprivileged(w, &[&args[..], &["--report", "json"]].concat()) else {
        open_up(w);
        eprintln!("cannot run vigie as another user here: not tested");
        return;
    };
    // INT007 alone: no penalty, exit 0, as before.
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let v = json(&out);
    let audit = &v["audit"];
    assert_eq!(audit["reference_decisions"], 1, "{audit}");
    // The malformed file and the folder, each one: 2, not exact.
    assert_eq!(audit["unreadable_reference_decisions"], 2, "{audit}");
    assert_eq!(audit["unreadable_reference_decisions_exact"], false);
    let lost: Vec<(&str, &str, Value)> = audit["unreadable_reference"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| {
            (
                u["file"].as_str().unwrap(),
                u["lost"].as_str().unwrap(),
                u["decisions"].clone(),
            )
        })
        .collect();
    assert_eq!(
        lost,
        [
            ("ref/bad.xml", "decisions", Value::from(1)),
            ("ref/locked", "folder", Value::Null)
        ]
    );
    let findings = v["findings"].as_array().unwrap();
    assert_eq!(findings.len(), 1, "{findings:?}");
    assert_eq!(findings[0]["rule"], "INT007");
    assert_eq!(
        findings[0]["message"],
        "no reference decision matches the record's `source_id`, but the reference is \
         incomplete (1 decision could not be read and 1 folder could not be listed): the record \
         may cite a decision among those, and was not checked against it"
    );
    assert_eq!(
        stderr(&out),
        "vigie: warning: the reference is incomplete: 1 decision could not be read and 1 folder \
         could not be listed; records citing a decision among those cannot be checked against \
         it; 1 record whose `source_id` matched no decision (INT007, unverifiable, no penalty) \
         may cite one and was not checked:\n  \
         ref/bad.xml:1: line 1, column 1: syntax error: tag not closed: `>` not found before end \
         of input\n  \
         ref/locked: cannot list the folder: permission denied\n"
    );
    // The text summary says the count is not exact, and why.
    let out = as_unprivileged(w, &[&args[..], &["--report", "text"]].concat()).unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("0 matched a reference decision (of 1, 2 unreadable, not an exact count)")
            && text.contains(
                "reference decisions not read: 2, not an exact count (the reference is \
                 incomplete: 1 decision could not be read and 1 folder could not be listed)\n"
            ),
        "{text}"
    );
    // The draft notice says it too, where it states what the audit covered: the court does not
    // send a letter that reads as if every record had been checked.
    let out = as_unprivileged(w, &[&args[..], &["--report", "notice"]].concat()).unwrap();
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let notice = notice_text(&out);
    assert!(
        notice.contains(
            "a porté sur 1 enregistrement (aucun rapproché d'une décision de la source officielle). \
             Il n'a relevé aucun manquement aux conditions générales d'utilisation susceptible de \
             justifier une interruption de la mise à disposition des données.\n\n\
             La source officielle consultée pour cet audit était toutefois incomplète (une \
             décision n'a pu être lue et un dossier n'a pu être parcouru : le nombre de décisions \
             manquantes ne peut être connu). En conséquence, un enregistrement, dont \
             l'identifiant ne correspond à aucune décision lue, n'a pu être vérifié au regard de \
             la source : la décision qu'il reproduit peut figurer parmi celles qui n'ont pu être \
             lues. Aucun manquement n'est retenu contre vous de ce chef.\n\n"
        ),
        "{notice}"
    );
    // Once the folder can be read, the malformed file alone is lost, and the record matches:
    // the notice says so, and that no record was left unchecked.
    open_up(w);
    let out = run(w, &[&args[..], &["--report", "notice"]].concat());
    assert!(
        notice_text(&out).contains(
            "Ils sont détaillés ci-après.\n\nLa source officielle consultée pour cet audit était \
             toutefois incomplète (une décision n'a pu être lue). Cette lacune n'a privé de \
             vérification aucun enregistrement : aucun identifiant de décision indiqué par votre \
             base n'est resté sans correspondance.\n\n## 1. "
        ),
        "{out:?}"
    );
    // Once the folder can be read, the record is matched and checked: its text is not the
    // decision's (INT003, exit 1).
    let out = run(w, &[&args[..], &["--report", "json"]].concat());
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let v = json(&out);
    assert_eq!(v["audit"]["matched_records"], 1);
    assert_eq!(v["audit"]["unreadable_reference_decisions_exact"], true);
    assert!(
        v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .all(|f| f["rule"] != "INT007")
    );
}

/// The draft notice a run wrote on standard output, French typography's narrow no-break spaces
/// read as spaces.
fn notice_text(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).replace('\u{202f}', " ")
}

/// DILA's archive of `ids`, in that order, as a `.tar.gz` (each entry's path as DILA's).
fn dila_tar_gz(ids: &[&str]) -> Vec<u8> {
    let mut tar = tar::Builder::new(Vec::new());
    for id in ids {
        let bytes = std::fs::read(data(&format!("dila-cass/{id}.xml"))).unwrap();
        let mut header = tar::Header::new_gnu();
        header.set_size(bytes.len() as u64);
        header.set_mode(0o644);
        header.set_cksum();
        tar.append_data(&mut header, format!("juri/{id}.xml"), bytes.as_slice())
            .unwrap();
    }
    let tar = tar.into_inner().unwrap();
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    std::io::Write::write_all(&mut gz, &tar).unwrap();
    gz.finish().unwrap()
}

const ARCHIVED: [&str; 10] = [
    "JURITEXT000048176061",
    "JURITEXT000048176094",
    "JURITEXT000048176096",
    "JURITEXT000048176166",
    "JURITEXT000048176170",
    "JURITEXT000048176174",
    "JURITEXT000048176184",
    "JURITEXT000048176188",
    "JURITEXT000048176192",
    "JURITEXT000048176198",
];

/// A `.tar.gz` reference cut short (a download stopped) loses an unknown number of decisions:
/// the report counts it once and says the count is not exact; its reason says where the file
/// ends, in which entry reading stopped and how many were read before, and that the rest is
/// lost; a record citing a decision past the cut is INT007 saying so, and one citing the entry
/// the cut fell in is told that this entry seems to hold it.
#[test]
fn a_tar_gz_reference_cut_short_says_where_and_that_the_rest_is_lost() {
    let dir = work();
    let w = dir.path();
    let whole = dila_tar_gz(&ARCHIVED);
    let keep = whole.len() / 2;
    write(&w.join("CASS_20231127-204209.tar.gz"), &whole[..keep]);
    // One record for each decision of the archive.
    let lines: String = ARCHIVED
        .iter()
        .enumerate()
        .map(|(i, id)| unmatched_record(&format!("r{i}"), id) + "\n")
        .collect();
    write(&w.join("c.jsonl"), lines);
    let out = run(
        w,
        &[
            "c.jsonl",
            "--reference",
            "CASS_20231127-204209.tar.gz",
            "--as-of",
            AS_OF,
            "-q",
            "--report",
            "json",
        ],
    );
    let v = json(&out);
    let audit = &v["audit"];
    let read = audit["reference_decisions"].as_u64().unwrap() as usize;
    assert!((1..9).contains(&read), "{audit}");
    assert_eq!(audit["unreadable_reference_decisions"], 1, "{audit}");
    assert_eq!(audit["unreadable_reference_decisions_exact"], false);
    let lost = &audit["unreadable_reference"];
    assert_eq!(lost.as_array().unwrap().len(), 1, "{lost}");
    assert_eq!(lost[0]["lost"], "rest_of_file");
    assert_eq!(lost[0]["decisions"], Value::Null);
    // The cut falls inside the entry after the decisions read: the one named.
    let cut_in = ARCHIVED[read];
    assert_eq!(
        lost[0]["file"],
        format!("CASS_20231127-204209.tar.gz!juri/{cut_in}.xml")
    );
    let reason = lost[0]["reason"].as_str().unwrap();
    assert!(
        reason.starts_with(&format!(
            "cut short: the file ends after {keep} bytes, before the archive's end ("
        )) && reason.ends_with(&format!(
            "; reading stopped inside its entry juri/{cut_in}.xml (the {read} entries before it \
             were read): that entry and the rest of the archive are lost, and how many \
             decisions they held cannot be known"
        )),
        "{reason}"
    );
    // Each record: matched (its text differs, INT003) up to the cut; past it, INT007, which
    // says the reference is incomplete; the record citing the entry cut is told of it.
    let findings = v["findings"].as_array().unwrap();
    for (i, id) in ARCHIVED.iter().enumerate() {
        let rid = format!("r{i}");
        let int007: Vec<&str> = findings
            .iter()
            .filter(|f| f["record"]["id"] == rid.as_str() && f["rule"] == "INT007")
            .map(|f| f["message"].as_str().unwrap())
            .collect();
        if i < read {
            assert!(int007.is_empty(), "{id}: {int007:?}");
        } else if i == read {
            assert_eq!(int007.len(), 1, "{id}");
            assert!(
                int007[0].starts_with(&format!(
                    "no reference decision could be read for the record's `source_id`: \
                     CASS_20231127-204209.tar.gz!juri/{id}.xml seems to hold it but could not \
                     be read (cut short: "
                )) && int007[0].ends_with("; the record was not checked against it"),
                "{}",
                int007[0]
            );
        } else {
            assert_eq!(
                int007,
                [
                    "no reference decision matches the record's `source_id`, but the reference is \
                  incomplete (1 file was cut short or damaged, the rest of it lost): the record \
                  may cite a decision among those, and was not checked against it"
                ],
                "{id}"
            );
        }
    }
    let n = ARCHIVED.len() - read;
    // The notice, a formal notice for the records matched (their texts differ), says after
    // its verdict that the reference was cut short and that the other records were not
    // checked against it, as many as the warning counts.
    let notice = run(
        w,
        &[
            "c.jsonl",
            "--reference",
            "CASS_20231127-204209.tar.gz",
            "--as-of",
            AS_OF,
            "-q",
            "--report",
            "notice",
        ],
    );
    let notice = notice_text(&notice);
    assert!(
        notice.starts_with("# Projet de mise en demeure\n"),
        "{notice}"
    );
    assert!(
        notice.contains(&format!(
            ".\n\nLa source officielle consultée pour cet audit était toutefois incomplète (un \
             fichier était tronqué ou endommagé, et sa suite n'a pu être lue : le nombre de \
             décisions manquantes ne peut être connu). En conséquence, {n} enregistrements, \
             dont l'identifiant ne correspond à aucune décision lue, n'ont pu être vérifiés au \
             regard de la source : les décisions qu'ils reproduisent peuvent figurer parmi \
             celles qui n'ont pu être lues. Aucun manquement n'est retenu contre vous de ce \
             chef.\n\n"
        )),
        "{notice}"
    );
    assert!(
        stderr(&out).starts_with(&format!(
            "vigie: warning: the reference is incomplete: 1 file was cut short or damaged, the \
             rest of it lost; records citing a decision among those cannot be checked against \
             it; {n} records whose `source_id` matched no decision (INT007, unverifiable, no \
             penalty) may cite one and were not checked:\n  \
             CASS_20231127-204209.tar.gz!juri/{cut_in}.xml: cut short: the file ends after \
             {keep} bytes"
        )),
        "{}",
        stderr(&out)
    );
}

/// An unreadable line without an id (IN001) is known by what it holds in its file, not by its
/// line: a sync that inserts records above it leaves its fingerprint as it was, so that a
/// waiver set on it still holds and `--previous` finds it again; two lines alike in one file
/// are two findings, numbered in reading order; a line's end (CRLF) is no change.
#[test]
fn an_unreadable_lines_fingerprint_outlives_records_inserted_above_it() {
    let dir = work();
    let w = dir.path();
    let demo = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/demo");
    let records: Vec<String> = std::fs::read_to_string(demo.join("corpus.jsonl"))
        .unwrap()
        .lines()
        .take(5)
        .map(str::to_string)
        .collect();
    // A record cut short by a sync (no id read), and one that gives no id.
    let cut = r#"{"source_id":"JURITEXT000048176061","text":"LA COUR DE CASSATION, CHAMBRE"#;
    let no_id = r#"{"source_id":"JURITEXT000048176061","text":"x","updated_at":"2026-11-20"}"#;
    let night1 = [&records[0], cut, &records[1], no_id, cut].join("\n") + "\n";
    // The next night: two records above, one between, the first cut line ending in CRLF.
    let night2 = [
        records[2].as_str(),
        &records[3],
        &records[0],
        &format!("{cut}\r"),
        &records[1],
        no_id,
        &records[4],
        cut,
    ]
    .join("\n")
        + "\n";
    let reference = demo.join("reference");
    let audit = |night: &str, corpus: &str, previous: Option<&str>| -> Value {
        write(&w.join("corpus.jsonl"), corpus);
        let mut args = vec![
            "corpus.jsonl",
            "--reference",
            reference.to_str().unwrap(),
            "--as-of",
            AS_OF,
            "-q",
            "--report",
            "json",
            "-o",
            night,
        ];
        if let Some(p) = previous {
            args.extend(["--previous", p]);
        }
        let out = run(w, &args);
        assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
        serde_json::from_slice(&std::fs::read(w.join(night)).unwrap()).unwrap()
    };
    // (line, fingerprint, repeated) of each IN001, in the report's order.
    let in001 = |report: &Value| -> Vec<(u64, String, bool)> {
        report["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["rule"] == "IN001")
            .map(|f| {
                assert!(f["record"]["id"].is_null(), "{f}");
                (
                    f["record"]["line"].as_u64().unwrap(),
                    f["fingerprint"].as_str().unwrap().to_string(),
                    f["repeated"].as_bool().unwrap(),
                )
            })
            .collect()
    };
    let first = in001(&audit("night1.json", &night1, None));
    let lines: Vec<u64> = first.iter().map(|f| f.0).collect();
    assert_eq!(lines, [2, 4, 5]);
    // The two cut lines alike are two findings with fingerprints of their own.
    let fps: std::collections::BTreeSet<&str> = first.iter().map(|f| f.1.as_str()).collect();
    assert_eq!(fps.len(), 3, "{first:?}");
    assert!(first.iter().all(|f| !f.2));

    let second = in001(&audit("night2.json", &night2, Some("night1.json")));
    let lines: Vec<u64> = second.iter().map(|f| f.0).collect();
    assert_eq!(lines, [4, 6, 8]);
    // The same three findings, in the same order (the first cut line, the line without an
    // id, the second cut line), found again.
    for (a, b) in first.iter().zip(&second) {
        assert_eq!(a.1, b.1, "{first:?} {second:?}");
        assert!(b.2, "{b:?} is found again");
    }
    assert_eq!(second.len(), 3);

    // A line that changed is another finding: the one without an id given another text.
    let night3 = night2.replace(no_id, &no_id.replace(r#""x""#, r#""y""#));
    let third = in001(&audit("night3.json", &night3, None));
    assert_eq!(third[0].1, second[0].1);
    assert_ne!(third[1].1, second[1].1);
    assert_eq!(third[2].1, second[2].1);
}

/// The instants a rule quotes from the corpus are quoted as the corpus wrote them, offset and
/// all, then in UTC (and in Paris time for FRE003, as the notice dates it): a reuser whose
/// export writes `-05:00` finds the value it wrote. FRE003 on the newest update, FRE001 on a
/// date still to come; the notice gives the Paris time and the one written.
#[test]
fn instants_are_quoted_as_the_corpus_wrote_them() {
    let dir = work();
    let w = dir.path();
    let record = |id: &str, updated_at: &str| {
        RECORD
            .replace("\"r1\"", &format!("\"{id}\""))
            .replace("2026-11-20", updated_at)
    };
    // 08:00 at UTC-5 on the 18th: 13:00 UTC, 14:00 in Paris, 95 hours before the audit time.
    // 20:30 at UTC-5 on the 23rd: 01:30 UTC on the 24th, 37 h 30 after the audit time.
    write(
        &w.join("c.jsonl"),
        format!(
            "{}\n{}\n",
            record("r1", "2026-11-18T08:00:00-05:00"),
            record("r2", "2026-11-23T20:30:00-05:00")
        ),
    );
    let reference = data("dila-cass/JURITEXT000048176094.xml");
    let args = |report: &'static str| {
        vec![
            "c.jsonl".to_string(),
            "--reference".to_string(),
            reference.to_str().unwrap().to_string(),
            "--as-of".to_string(),
            AS_OF.to_string(),
            "-q".to_string(),
            "--report".to_string(),
            report.to_string(),
        ]
    };
    let json_args = args("json");
    let out = run(w, &json_args.iter().map(String::as_str).collect::<Vec<_>>());
    let v = json(&out);
    let message = |rule: &str| -> String {
        v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["rule"] == rule)
            .unwrap_or_else(|| panic!("no {rule}: {v}"))["message"]
            .as_str()
            .unwrap()
            .to_string()
    };
    assert!(
        message("FRE003").starts_with(
            "the newest update in the corpus (2026-11-18 08:00 -05:00, 13:00 UTC, 14:00 in \
             Paris) is 95 hours before the audit time: more than 72 hours"
        ),
        "{}",
        message("FRE003")
    );
    assert!(
        message("FRE003").ends_with(
            "(1 record dated more than a day after the audit time is not counted: see its \
             FRE001)"
        ),
        "{}",
        message("FRE003")
    );
    assert!(
        message("FRE001").starts_with(
            "the date of last update shown (2026-11-23 20:30 -05:00, 2026-11-24 01:30 UTC) is \
             37 hours and 30 minutes after the audit time (2026-11-22 12:00 UTC)"
        ),
        "{}",
        message("FRE001")
    );
    let notice_args = args("notice");
    let out = run(
        w,
        &notice_args.iter().map(String::as_str).collect::<Vec<_>>(),
    );
    let notice = notice_text(&out);
    assert!(
        notice.contains(
            "dernière mise à jour de la base le 18 novembre 2026 à 14 h 00 (heure de Paris ; \
             8 h 00 UTC-05:00 dans votre base), 95 heures avant la date de l'audit"
        ),
        "{notice}"
    );
    assert!(
        notice.contains(
            "date de dernière mise à jour affichée le 24 novembre 2026 à 2 h 30 (heure de \
             Paris ; le 23 novembre 2026 à 20 h 30 UTC-05:00 dans votre base), postérieure de \
             37 heures et 30 minutes à la date de l'audit"
        ),
        "{notice}"
    );
}
