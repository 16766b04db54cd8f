//! `write_atomically`: all or nothing.

use std::io;
use vigie::report::write_atomically;

fn entries(dir: &std::path::Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

#[test]
fn writes_the_whole_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("report.json");
    write_atomically(&path, |w| w.write_all(b"{\"vigie_report\": 1}\n")).unwrap();
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        "{\"vigie_report\": 1}\n"
    );
    assert_eq!(entries(dir.path()), ["report.json"]);
    // Overwrites an existing file.
    write_atomically(&path, |w| w.write_all(b"second")).unwrap();
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "second");
    assert_eq!(entries(dir.path()), ["report.json"]);
}

#[test]
fn a_failing_writer_leaves_nothing_behind() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("report.csv");
    // Like a full disk in the middle of the report.
    let e = write_atomically(&path, |w| {
        w.write_all(&[b'x'; 100_000])?;
        Err(io::Error::new(
            io::ErrorKind::StorageFull,
            "no space left on device",
        ))
    })
    .unwrap_err();
    let msg = format!("{e:#}");
    assert!(msg.contains("report.csv"), "{msg}");
    assert!(msg.contains("no space left on device"), "{msg}");
    assert!(entries(dir.path()).is_empty());

    // An existing file is left as it was.
    std::fs::write(&path, "old").unwrap();
    assert!(
        write_atomically(&path, |w| {
            w.write_all(b"partial")?;
            Err(io::Error::other("boom"))
        })
        .is_err()
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "old");
    assert_eq!(entries(dir.path()), ["report.csv"]);
}

/// The error names the report's path and the folder missing, not the temporary file the
/// report would have been written to first.
#[test]
fn a_missing_folder_is_an_error_naming_the_path() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("no/such/folder/report.json");
    let e = format!(
        "{:#}",
        write_atomically(&path, |w| w.write_all(b"x")).unwrap_err()
    );
    assert_eq!(
        e,
        format!(
            "{}: cannot be written: the folder {} does not exist (create it first)",
            path.display(),
            dir.path().join("no/such/folder").display()
        )
    );
    assert!(entries(dir.path()).is_empty());
}

#[test]
fn a_folder_that_takes_no_file_is_an_error() {
    // No file can be created in /proc, even by root.
    let path = std::path::Path::new("/proc/vigie-report.json");
    let e = format!(
        "{:#}",
        write_atomically(path, |w| w.write_all(b"x")).unwrap_err()
    );
    assert!(
        e.starts_with("cannot write /proc/vigie-report.json: cannot create a file in /proc: "),
        "{e}"
    );
    assert!(!e.contains(".vigie-") && !e.contains(".tmp"), "{e}");
    assert!(!path.exists());
}

#[cfg(unix)]
#[test]
fn keeps_the_permissions_of_the_replaced_file() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("report.json");
    std::fs::write(&path, "old").unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
    write_atomically(&path, |w| w.write_all(b"new")).unwrap();
    let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o640);
    // A new file gets 0666 less the umask, like any new file, not 0600 like a temporary file.
    let fresh = dir.path().join("fresh.json");
    write_atomically(&fresh, |w| w.write_all(b"x")).unwrap();
    let mode = std::fs::metadata(&fresh).unwrap().permissions().mode() & 0o777;
    let umask = std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("Umask:"))
                .and_then(|u| u32::from_str_radix(u.trim(), 8).ok())
        });
    if let Some(umask) = umask {
        assert_eq!(mode, 0o666 & !umask);
    }
}

/// A named pipe (what a job may read the report from) is written to, not replaced by a file:
/// so are `/dev/null` and `/dev/stdout`, which a rename would replace for the whole machine.
#[cfg(unix)]
#[test]
fn a_pipe_is_written_to_not_replaced() {
    use std::os::unix::fs::FileTypeExt;
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("report.fifo");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read_to_string(fifo).unwrap())
    };
    write_atomically(&fifo, |w| w.write_all(b"{\"vigie_report\": 1}\n")).unwrap();
    assert_eq!(reader.join().unwrap(), "{\"vigie_report\": 1}\n");
    let kind = std::fs::symlink_metadata(&fifo).unwrap().file_type();
    assert!(kind.is_fifo());
    assert_eq!(entries(dir.path()), ["report.fifo"]);
}

/// A symbolic link is followed: the file it points to is replaced, and the link stays a link.
#[cfg(unix)]
#[test]
fn a_symbolic_link_keeps_pointing_at_the_replaced_file() {
    let dir = tempfile::tempdir().unwrap();
    let real = dir.path().join("real.json");
    std::fs::write(&real, "old").unwrap();
    let link = dir.path().join("latest.json");
    std::os::unix::fs::symlink(&real, &link).unwrap();
    write_atomically(&link, |w| w.write_all(b"new")).unwrap();
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(std::fs::read_to_string(&real).unwrap(), "new");
    assert_eq!(entries(dir.path()), ["latest.json", "real.json"]);
}

/// A symbolic link to a file not written yet (`latest.json -> reports/2026-11-22.json`) is
/// written through as a shell's `>` writes: its target is created, in its own folder, and the
/// link stays a link, as for a link to a file that is there; through a chain of links too. A
/// link whose target's folder is missing, or a loop, is an error naming the link and writes
/// nothing.
#[cfg(unix)]
#[test]
fn a_dangling_symbolic_link_is_written_through_to_its_target() {
    use std::os::unix::fs::symlink;
    use vigie::report::{check_output_folder, output_target};
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::create_dir(d.join("reports")).unwrap();
    symlink("reports/2026-11-22.json", d.join("latest.json")).unwrap();
    check_output_folder(&d.join("latest.json")).unwrap();
    write_atomically(&d.join("latest.json"), |w| w.write_all(b"new")).unwrap();
    let is_link = |p: &std::path::Path| {
        std::fs::symlink_metadata(p)
            .unwrap()
            .file_type()
            .is_symlink()
    };
    assert!(is_link(&d.join("latest.json")));
    assert_eq!(
        std::fs::read_to_string(d.join("reports/2026-11-22.json")).unwrap(),
        "new"
    );
    assert_eq!(entries(d), ["latest.json", "reports"]);
    assert_eq!(entries(&d.join("reports")), ["2026-11-22.json"]);
    // A chain: `current` -> `latest.json` -> the report, now there: replaced.
    symlink(d.join("latest.json"), d.join("current")).unwrap();
    assert_eq!(
        output_target(&d.join("current")).unwrap(),
        d.join("reports/2026-11-22.json")
    );
    write_atomically(&d.join("current"), |w| w.write_all(b"newer")).unwrap();
    assert!(is_link(&d.join("current")) && is_link(&d.join("latest.json")));
    assert_eq!(
        std::fs::read_to_string(d.join("reports/2026-11-22.json")).unwrap(),
        "newer"
    );
    // The target's folder is missing: said before anything is written, naming both.
    symlink("missing/r.json", d.join("nowhere.json")).unwrap();
    let e = format!(
        "{:#}",
        check_output_folder(&d.join("nowhere.json")).unwrap_err()
    );
    assert_eq!(
        e,
        format!(
            "{}, a symbolic link to {}: cannot be written: the folder {} does not exist (create \
             it first)",
            d.join("nowhere.json").display(),
            d.join("missing/r.json").display(),
            d.join("missing").display()
        )
    );
    assert!(write_atomically(&d.join("nowhere.json"), |w| w.write_all(b"x")).is_err());
    assert!(is_link(&d.join("nowhere.json")));
    // A loop.
    symlink("loop-b", d.join("loop-a")).unwrap();
    symlink("loop-a", d.join("loop-b")).unwrap();
    let e = format!("{:#}", check_output_folder(&d.join("loop-a")).unwrap_err());
    assert!(e.contains("too many levels of symbolic links"), "{e}");
    assert!(write_atomically(&d.join("loop-a"), |w| w.write_all(b"x")).is_err());
    assert!(is_link(&d.join("loop-a")) && is_link(&d.join("loop-b")));
    assert_eq!(
        entries(d),
        [
            "current",
            "latest.json",
            "loop-a",
            "loop-b",
            "nowhere.json",
            "reports"
        ]
    );
}
