//! End-to-end runs of the interactive UI in a pseudo-terminal, through util-linux `script`
//! (skipped where it is missing): keys reach the UI, quitting restores the terminal, quitting
//! mid-audit stops it, signals restore it too, and corpus escape sequences never reach the
//! terminal.

use std::io::{Read, Write};
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

mod support;
use support::data::cc_detail;

/// The Judilibre sample decision's path, for a shell command.
fn reference() -> String {
    cc_detail().display().to_string()
}

/// Whether util-linux `script` is there to run these tests; when it is not, says the test is
/// skipped.
fn has_script() -> bool {
    let found = Command::new("script")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        eprintln!("skipped: no `script` (util-linux)");
    }
    found
}

/// A corpus of `n` records of the real Judilibre decision; every third lifts nothing but adds
/// an editor's note, and one line carries an escape sequence.
fn corpus(dir: &Path, n: usize) -> String {
    let v: serde_json::Value =
        serde_json::from_slice(&std::fs::read(cc_detail()).unwrap()).unwrap();
    let text = v["text"].as_str().unwrap();
    let mut lines = Vec::new();
    for i in 0..n {
        let t = if i % 3 == 0 {
            format!("{text} Note de l'éditeur : voir aussi.")
        } else {
            text.to_string()
        };
        lines.push(
            serde_json::json!({
                "id": format!("r-{i}"), "source_id": "5fca277de35a255d41ca73ab", "text": t,
                "jurisdiction": "cc", "formation": "comm", "seat": "Paris",
                "decision_date": "2020-11-18", "number": "19-19463",
                "attribution": "Judilibre", "updated_at": "2026-11-21"
            })
            .to_string(),
        );
    }
    lines.push("{\"id\": \"evil\u{1b}[31m\", bad json".to_string());
    let p = dir.join("corpus.jsonl");
    std::fs::write(&p, lines.join("\n") + "\n").unwrap();
    p.display().to_string()
}

struct Session {
    child: std::process::Child,
    stdin: std::process::ChildStdin,
    out: Arc<Mutex<Vec<u8>>>,
}

impl Session {
    fn start(corpus: &str) -> Session {
        Session::start_with(corpus, &reference())
    }

    fn start_with(corpus: &str, reference: &str) -> Session {
        Session::start_env(corpus, reference, &[])
    }

    fn start_env(corpus: &str, reference: &str, env: &[(&str, &Path)]) -> Session {
        Session::start_args(corpus, reference, "", env)
    }

    fn start_args(corpus: &str, reference: &str, extra: &str, env: &[(&str, &Path)]) -> Session {
        let vigie = env!("CARGO_BIN_EXE_vigie");
        let cmd = format!(
            "stty rows 30 cols 120; exec {vigie} {corpus} --reference {reference} --as-of 2026-11-22T12:00:00Z {extra}"
        );
        Session::start_shell(&cmd, env)
    }

    /// vigie run by a shell that says its process id first (`VIGIE_PID=…`), and after it its
    /// exit status (`VIGIE_EXIT=…`) and the terminal's modes (`stty -a`).
    fn start_watched(corpus: &str, extra: &str) -> Session {
        let vigie = env!("CARGO_BIN_EXE_vigie");
        let reference = reference();
        let cmd = format!(
            "stty rows 30 cols 120; sh -c 'echo VIGIE_PID=$$; exec {vigie} {corpus} --reference {reference} --as-of 2026-11-22T12:00:00Z {extra}'; echo VIGIE_EXIT=$?; stty -a"
        );
        Session::start_shell(&cmd, &[])
    }

    fn start_shell(cmd: &str, env: &[(&str, &Path)]) -> Session {
        let mut command = Command::new("script");
        command
            .env_remove("VIGIE_KEYMAP")
            .env_remove("XDG_CONFIG_HOME");
        for (k, v) in env {
            command.env(k, v);
        }
        let mut child = command
            .args(["-qec", cmd, "/dev/null"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let stdin = child.stdin.take().unwrap();
        let mut stdout = child.stdout.take().unwrap();
        let out = Arc::new(Mutex::new(Vec::new()));
        let sink = out.clone();
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = stdout.read(&mut buf) {
                if n == 0 {
                    break;
                }
                sink.lock().unwrap().extend_from_slice(&buf[..n]);
            }
        });
        Session { child, stdin, out }
    }

    /// The output so far with escape sequences removed.
    fn text(&self) -> String {
        let raw = self.out.lock().unwrap().clone();
        let s = String::from_utf8_lossy(&raw).into_owned();
        let re = regex::Regex::new(r"\x1b\[[0-9;?]*[A-Za-z]").unwrap();
        re.replace_all(&s, " ").into_owned()
    }

    /// Waits up to `secs` seconds for `what` in the output: fails, showing the output, if it
    /// does not come.
    #[track_caller]
    fn wait_for(&self, what: &str, secs: u64) {
        let end = Instant::now() + Duration::from_secs(secs);
        while Instant::now() < end {
            if self.text().contains(what) {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        panic!("{}", self.text());
    }

    fn keys(&mut self, bytes: &[u8]) {
        self.stdin.write_all(bytes).unwrap();
        self.stdin.flush().unwrap();
        std::thread::sleep(Duration::from_millis(300));
    }

    fn exit(mut self, secs: u64) -> (Option<i32>, Duration, Vec<u8>) {
        let start = Instant::now();
        let end = start + Duration::from_secs(secs);
        loop {
            if let Some(st) = self.child.try_wait().unwrap() {
                std::thread::sleep(Duration::from_millis(100));
                let out = self.out.lock().unwrap().clone();
                return (st.code(), start.elapsed(), out);
            }
            if Instant::now() > end {
                let _ = self.child.kill();
                return (None, start.elapsed(), Vec::new());
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

#[test]
fn browse_the_findings_then_quit() {
    if !has_script() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let corpus = corpus(dir.path(), 6);
    let mut s = Session::start(&corpus);
    s.wait_for("audit finished", 60);
    assert!(s.text().contains("Verdict"));
    s.keys(b"\t"); // findings
    s.wait_for("sort position", 5);
    s.keys(b"j\r"); // open a finding
    s.wait_for("Evidence", 5);
    s.keys(b"?");
    s.wait_for("Keys (built-in)", 5);
    s.keys(b"\x1b\x1bq");
    // Exit 1, as headless: every third record inserts an editor's note (INT002, temporary).
    let (code, _, out) = s.exit(10);
    assert_eq!(code, Some(1));
    // The alternate screen was left and the mouse released.
    assert!(out.windows(8).any(|w| w == b"\x1b[?1049l"));
    assert!(out.windows(8).any(|w| w == b"\x1b[?1000l"));
    // The corpus' escape sequence was shown, never sent.
    assert!(!out.windows(5).any(|w| w == b"\x1b[31m"));
    // Its temporary breaches fail no run with `--fail-on permanent`.
    let reference = reference();
    let mut s = Session::start_args(&corpus, &reference, "--fail-on permanent", &[]);
    s.wait_for("audit finished", 60);
    s.keys(b"q");
    assert_eq!(s.exit(10).0, Some(0));
}

#[test]
fn quitting_mid_audit_stops_it_and_restores_the_terminal() {
    if !has_script() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    // Enough records (26 MB) that the audit is still running when `q` comes, right after the
    // first frame.
    let corpus = corpus(dir.path(), 400);
    // No finding fails this run: an audit quit before its end exits 2 (no verdict), one that
    // ended first (the machine was quick) exits 0.
    let reference = reference();
    let mut s = Session::start_args(&corpus, &reference, "--fail-on never", &[]);
    s.wait_for("Verdict", 30);
    let running = !s.text().contains("audit finished");
    s.keys(b"q");
    let (code, took, out) = s.exit(10);
    if running {
        assert!(matches!(code, Some(0 | 2)), "{code:?}");
    } else {
        assert_eq!(code, Some(0));
    }
    assert!(took < Duration::from_secs(3), "quitting took {took:?}");
    assert!(out.windows(8).any(|w| w == b"\x1b[?1049l"));
    if !running {
        eprintln!("note: the audit finished before `q`; the corpus could be larger");
    }
}

#[test]
fn an_unusable_reference_leaves_the_ui_with_exit_2() {
    if !has_script() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let corpus = corpus(dir.path(), 1);
    let bad = dir.path().join("reference.json");
    std::fs::write(&bad, "this is not a reference").unwrap();
    let s = Session::start_with(&corpus, &bad.display().to_string());
    let (code, _, out) = s.exit(30);
    assert_eq!(code, Some(2), "{}", String::from_utf8_lossy(&out));
    assert!(out.windows(8).any(|w| w == b"\x1b[?1049l"));
    assert!(String::from_utf8_lossy(&out).contains("reference.json"));
}

/// `$VIGIE_KEYMAP` comes before `$XDG_CONFIG_HOME/vigie/keymap.toml`; a bad one is exit 2 with
/// its line and column.
#[test]
fn keymap_look_up_order_from_the_environment() {
    if !has_script() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let corpus = corpus(dir.path(), 1);
    let reference = reference();
    let xdg = dir.path().join("config");
    std::fs::create_dir_all(xdg.join("vigie")).unwrap();
    std::fs::write(
        xdg.join("vigie/keymap.toml"),
        "[list]\nfirst = [\"hyper-g\"]\n",
    )
    .unwrap();
    let env_file = dir.path().join("env-keys.toml");
    std::fs::write(&env_file, "[global]\n\nquit = [\"q\", \"nope\"]\n").unwrap();

    let s = Session::start_env(&corpus, &reference, &[("XDG_CONFIG_HOME", &xdg)]);
    let (code, _, out) = s.exit(30);
    let out = String::from_utf8_lossy(&out).into_owned();
    assert_eq!(code, Some(2), "{out}");
    assert!(
        out.contains("keymap.toml:2:10: unknown key `hyper-g`"),
        "{out}"
    );

    let s = Session::start_env(
        &corpus,
        &reference,
        &[("XDG_CONFIG_HOME", &xdg), ("VIGIE_KEYMAP", &env_file)],
    );
    let (code, _, out) = s.exit(30);
    let out = String::from_utf8_lossy(&out).into_owned();
    assert_eq!(code, Some(2), "{out}");
    assert!(
        out.contains("env-keys.toml:3:14: unknown key `nope`"),
        "{out}"
    );
    assert!(!out.contains("hyper-g"), "{out}");
}

/// The number after `name=` in the output, once it is there.
fn reported(s: &Session, name: &str, secs: u64) -> Option<u32> {
    let re = regex::Regex::new(&format!(r"{name}=(\d+)")).unwrap();
    let end = Instant::now() + Duration::from_secs(secs);
    while Instant::now() < end {
        if let Some(c) = re.captures(&s.text()) {
            return c[1].parse().ok();
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    None
}

fn send(signal: &str, pid: u32) {
    let st = Command::new("kill")
        .args([&format!("-{signal}"), &pid.to_string()])
        .status()
        .unwrap();
    assert!(st.success(), "kill -{signal} {pid}");
}

/// Where `seq` last occurs in `out`.
fn last(out: &[u8], seq: &[u8]) -> Option<usize> {
    out.windows(seq.len()).rposition(|w| w == seq)
}

/// vigie gave the terminal back: the alternate screen left, then the cursor shown, the mouse
/// released, and `stty -a` (run after it) finds canonical mode and echo on again.
fn assert_restored(out: &[u8]) {
    let text = String::from_utf8_lossy(out);
    let leave = last(out, b"\x1b[?1049l").expect("the alternate screen was never left");
    assert!(last(out, b"\x1b[?1049h") < Some(leave), "{text}");
    assert_eq!(
        out.get(leave + 8..leave + 14),
        Some(&b"\x1b[?25h"[..]),
        "the cursor is not shown right after leaving: {text}"
    );
    let release = last(out, b"\x1b[?1000l").expect("the mouse was never released");
    assert!(last(out, b"\x1b[?1000h") < Some(release), "{text}");
    // Nothing but text after that: no sequence takes the terminal again.
    assert!(
        !out[leave + 14..].windows(3).any(|w| w == b"\x1b[?"),
        "{text}"
    );
    let modes: Vec<&str> = text[text.rfind("VIGIE_EXIT=").unwrap()..]
        .split(|c: char| c.is_whitespace() || c == ';')
        .collect();
    for mode in ["icanon", "echo", "isig"] {
        assert!(modes.contains(&mode), "{mode} is not on again: {modes:?}");
    }
}

#[test]
fn sigterm_mid_audit_restores_the_terminal_and_exits_143() {
    if !has_script() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let corpus = corpus(dir.path(), 400);
    let s = Session::start_watched(&corpus, "");
    let pid = reported(&s, "VIGIE_PID", 30).expect("no pid");
    s.wait_for("Verdict", 30);
    let running = !s.text().contains("audit finished");
    let start = Instant::now();
    send("TERM", pid);
    assert_eq!(
        reported(&s, "VIGIE_EXIT", 10),
        Some(128 + 15),
        "{}",
        s.text()
    );
    let took = start.elapsed();
    assert!(took < Duration::from_secs(3), "leaving took {took:?}");
    let (code, _, out) = s.exit(10);
    assert_eq!(code, Some(0), "stty -a failed");
    assert_restored(&out);
    assert!(String::from_utf8_lossy(&out).contains("vigie: interrupted by SIGTERM"));
    if !running {
        eprintln!("note: the audit finished before SIGTERM; the corpus could be larger");
    }
}

#[test]
fn sighup_restores_the_terminal_exits_129_and_leaves_no_file() {
    if !has_script() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let corpus = corpus(dir.path(), 6);
    let waivers = dir.path().join("waivers.json");
    let mut s = Session::start_watched(&corpus, &format!("--waivers {}", waivers.display()));
    let pid = reported(&s, "VIGIE_PID", 30).expect("no pid");
    s.wait_for("audit finished", 60);
    s.keys(b"\t"); // the findings list, mouse capture on
    s.wait_for("sort position", 5);
    send("HUP", pid);
    assert_eq!(
        reported(&s, "VIGIE_EXIT", 10),
        Some(128 + 1),
        "{}",
        s.text()
    );
    let (code, _, out) = s.exit(10);
    assert_eq!(code, Some(0), "stty -a failed");
    assert_restored(&out);
    // No waiver was made: no waivers file, and no temporary file left beside the corpus.
    let files: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(files, ["corpus.jsonl"]);
}

/// SIGTSTP (ctrl-z is a key in raw mode, but `kill -TSTP` still comes) gives the terminal back
/// before the process stops; SIGCONT takes it again and the UI goes on.
#[test]
fn sigtstp_gives_the_terminal_back_and_sigcont_takes_it_again() {
    if !has_script() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let corpus = corpus(dir.path(), 6);
    let mut s = Session::start_watched(&corpus, "");
    let pid = reported(&s, "VIGIE_PID", 30).expect("no pid");
    s.wait_for("audit finished", 60);
    send("TSTP", pid);
    // Stopped, and only once the terminal is given back.
    let stopped = || {
        Command::new("ps")
            .args(["-o", "stat=", "-p", &pid.to_string()])
            .output()
            .is_ok_and(|o| o.stdout.starts_with(b"T"))
    };
    let end = Instant::now() + Duration::from_secs(10);
    while !stopped() && Instant::now() < end {
        std::thread::sleep(Duration::from_millis(50));
    }
    assert!(stopped(), "vigie did not stop");
    let out = s.out.lock().unwrap().clone();
    let leave = last(&out, b"\x1b[?1049l").expect("the alternate screen was not left");
    assert!(last(&out, b"\x1b[?1049h") < Some(leave));
    assert!(last(&out, b"\x1b[?1000h") < last(&out, b"\x1b[?1000l"));
    let before = out.len();
    send("CONT", pid);
    let end = Instant::now() + Duration::from_secs(10);
    while Instant::now() < end && last(&s.out.lock().unwrap(), b"\x1b[?1049h") < Some(before) {
        std::thread::sleep(Duration::from_millis(50));
    }
    let out = s.out.lock().unwrap().clone();
    assert!(
        last(&out, b"\x1b[?1049h") >= Some(before),
        "the alternate screen was not entered"
    );
    assert!(
        last(&out, b"\x1b[?1000h") >= Some(before),
        "the mouse was not captured"
    );
    s.keys(b"\t"); // the UI answers again
    s.wait_for("sort position", 5);
    s.keys(b"q");
    // The corpus's breaches, as headless (see `browse_the_findings_then_quit`).
    assert_eq!(reported(&s, "VIGIE_EXIT", 10), Some(1), "{}", s.text());
    let (_, _, out) = s.exit(10);
    assert_restored(&out);
}

/// A headless run on a terminal shows a progress bar on stderr: records, records per second,
/// findings, a bar, a percentage and the time left; `--quiet` shows none of it.
#[test]
fn a_headless_run_on_a_terminal_shows_its_progress() {
    if !has_script() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let corpus = corpus(dir.path(), 150);
    let report = dir.path().join("report.json");
    let report = report.display();
    let s = Session::start_watched(&corpus, &format!("--report json --output {report}"));
    s.wait_for("VIGIE_EXIT=1", 120);
    let text = s.text();
    let bar =
        regex::Regex::new(r"\d+ records · \d+/s · \d+ findings \[[=> ]+\] +\d+% · ETA \d+[smh]")
            .unwrap();
    assert!(bar.is_match(&text), "{text}");
    // The first frame, before anything is measured, shows no percentage (it showed 100%: a bar
    // of length 0 is full).
    let first = text
        .split('\r')
        .find(|frame| frame.contains("loading the reference"))
        .unwrap_or_else(|| panic!("{text}"));
    assert!(!first.contains('%'), "{first}");
    let s = Session::start_watched(&corpus, &format!("--report json --output {report} --quiet"));
    s.wait_for("VIGIE_EXIT=1", 120);
    let text = s.text();
    assert!(
        !text.contains("records ·") && !text.contains("ETA"),
        "{text}"
    );
}

/// A waiver that cannot be saved (the waivers file is read-only) is not lost: the title says
/// so, `q` asks first, a second `q` leaves, and once the terminal is given back the waivers are
/// printed as their file would hold them, with the file and why; the file is left as it was.
#[test]
fn waivers_that_cannot_be_saved_are_printed_once_the_terminal_is_restored() {
    if !has_script() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let corpus = corpus(dir.path(), 6);
    let waivers = dir.path().join("waivers.json");
    std::fs::write(&waivers, "{}\n").unwrap();
    let mut perms = std::fs::metadata(&waivers).unwrap().permissions();
    perms.set_readonly(true);
    std::fs::set_permissions(&waivers, perms).unwrap();
    let reference = reference();
    let extra = format!("--waivers {}", waivers.display());
    let mut s = Session::start_args(&corpus, &reference, &extra, &[]);
    s.wait_for("audit finished", 60);
    assert!(s.text().contains("read-only"), "{}", s.text());
    s.keys(b"\t");
    s.wait_for("sort position", 5);
    s.keys(b"w");
    s.wait_for("Waiver", 5);
    s.keys(b"important review\r");
    s.wait_for("1 waiver NOT SAVED", 5);
    s.keys(b"q");
    // (The message wraps where the screen ends.)
    s.wait_for("again", 5);
    s.keys(b"q");
    let (code, _, out) = s.exit(10);
    assert_eq!(code, Some(1), "{}", String::from_utf8_lossy(&out));
    let left = last(&out, b"\x1b[?1049l").expect("the alternate screen was never left");
    let after = String::from_utf8_lossy(&out[left..]).replace("\r\n", "\n");
    assert!(
        after.contains(&format!(
            "vigie: 1 waiver change was not saved: they could not be saved: {}: the file is \
             read-only",
            waivers.display()
        )),
        "{after}"
    );
    let json = &after[after.find("\n{").unwrap() + 1..];
    let json = &json[..json.find("\n}\n").unwrap() + 2];
    let back: serde_json::Value = serde_json::from_str(json).unwrap();
    let (_, w) = back.as_object().unwrap().iter().next().unwrap();
    assert_eq!(w["note"], "important review");
    assert_eq!(w["status"], "reviewed");
    assert_eq!(std::fs::read_to_string(&waivers).unwrap(), "{}\n");
}

/// The warnings a headless run says on standard error are shown in the UI (counted on the
/// overview, whole in the help) and said on the terminal once it is given back: a corpus file
/// given twice, a deletion in the history after the audit time, and a waiver's field that
/// vigie does not act on.
#[test]
fn the_warnings_of_the_audit_are_shown_and_said_after() {
    if !has_script() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let corpus = corpus(dir.path(), 6);
    let history = dir.path().join("history.json");
    std::fs::write(
        &history,
        r#"{"transactions":[{"id":"5fca277de35a255d41ca73ab","action":"deleted","date":"2027-01-01T00:00:00Z"}]}"#,
    )
    .unwrap();
    let waivers = dir.path().join("waivers.json");
    std::fs::write(
        &waivers,
        r#"{"879538ed33bc471c": {"status": "accepted", "note": "x", "expires": "2026-12-01"}}"#,
    )
    .unwrap();
    let reference = reference();
    let extra = format!(
        "{corpus} --history {} --waivers {}",
        history.display(),
        waivers.display()
    );
    let mut s = Session::start_args(&corpus, &reference, &extra, &[]);
    s.wait_for("audit finished", 60);
    // (The screen is drawn by its changes: what the UI shows is checked whole by the
    // snapshots; here, that the help opens on the warnings.)
    s.keys(b"?");
    s.wait_for("Warnings and keys", 5);
    s.keys(b"\x1b");
    s.keys(b"q");
    let (code, _, out) = s.exit(10);
    assert_eq!(code, Some(1), "{}", String::from_utf8_lossy(&out));
    let left = last(&out, b"\x1b[?1049l").expect("the alternate screen was never left");
    let after = String::from_utf8_lossy(&out[left..]).replace("\r\n", "\n");
    assert!(
        after.contains(
            "vigie: warning: 1 transaction of the history is dated after the audit time \
             (2026-11-22T12:00:00Z) and was set aside\n"
        ),
        "{after}"
    );
    assert!(
        after.contains("vigie: warning: 1 corpus input given more than once was read once:"),
        "{after}"
    );
    assert!(after.contains("expires"), "{after}");
    assert_eq!(after.matches("vigie: warning: ").count(), 3, "{after}");
}
