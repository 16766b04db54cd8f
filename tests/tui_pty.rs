//! End-to-end runs of the interactive UI in a pseudo-terminal, through util-linux `script`
//! (skipped where it is missing): keys reach the UI, quitting restores the terminal, quitting
//! mid-audit stops it, signals restore it too, and corpus escape sequences never reach the
//! terminal.

use std::io::{Read, Write};
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::Instant;

mod support;
use support::data::cc_detail;
use support::wait::{HANG, mkfifo};

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

/// Record `i` of the corpora here: the real Judilibre decision `text`, to which every third
/// record adds an editor's note.
fn record(i: usize, text: &str) -> String {
    let t = if i.is_multiple_of(3) {
        format!("{text} Note de l'éditeur : voir aussi.")
    } else {
        text.to_string()
    };
    serde_json::json!({
        "id": format!("r-{i}"), "source_id": "5fca277de35a255d41ca73ab", "text": t,
        "jurisdiction": "cc", "formation": "comm", "seat": "Paris",
        "decision_date": "2020-11-18", "number": "19-19463",
        "attribution": "Judilibre", "updated_at": "2026-11-21"
    })
    .to_string()
}

fn decision_text() -> String {
    let v: serde_json::Value =
        serde_json::from_slice(&std::fs::read(cc_detail()).unwrap()).unwrap();
    v["text"].as_str().unwrap().to_string()
}

/// A corpus of `n` records of the real Judilibre decision; every third lifts nothing but adds
/// an editor's note, and one line carries an escape sequence.
fn corpus(dir: &Path, n: usize) -> String {
    let text = decision_text();
    let mut lines: Vec<String> = (0..n).map(|i| record(i, &text)).collect();
    lines.push("{\"id\": \"evil\u{1b}[31m\", bad json".to_string());
    let p = dir.join("corpus.jsonl");
    std::fs::write(&p, lines.join("\n") + "\n").unwrap();
    p.display().to_string()
}

/// A corpus that never ends: a named pipe into which a thread writes records (as
/// [`corpus`]'s) for as long as vigie reads them. An audit of it is running whenever a key or a
/// signal comes, however fast the machine, and it cannot end by itself: a run that ends was
/// ended by the key or the signal. `None` where `mkfifo` is missing.
fn endless_corpus(dir: &Path) -> Option<String> {
    let p = dir.join("endless.jsonl");
    if !mkfifo(&p) {
        eprintln!("skipped: no `mkfifo`");
        return None;
    }
    let path = p.clone();
    std::thread::spawn(move || {
        let text = decision_text();
        // Waits for vigie to open the pipe; ends when vigie closes it (a broken pipe).
        let Ok(mut w) = std::fs::OpenOptions::new().write(true).open(path) else {
            return;
        };
        for i in 0.. {
            if w.write_all((record(i, &text) + "\n").as_bytes()).is_err() {
                return;
            }
        }
    });
    Some(p.display().to_string())
}

/// What a terminal of `rows` × `cols` shows once it has been sent `out`: as much of a VT100 as
/// the UI's output needs. ratatui draws a frame by the cells that changed since the last one,
/// moving the cursor over the others, so the words of a frame are found on the screen, not in
/// the bytes (`press q again` may be sent as `press q a`, a cursor move, and `ain`).
fn screen(out: &[u8], rows: usize, cols: usize) -> String {
    let blank = || vec![vec![' '; cols]; rows];
    let (mut main, mut alt) = (blank(), blank());
    let (mut on_alt, mut row, mut col) = (false, 0usize, 0usize);
    let mut saved = (0, 0);
    let text = String::from_utf8_lossy(out);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let cells = if on_alt { &mut alt } else { &mut main };
        match c {
            '\x1b' => match chars.next() {
                Some('[') => {
                    let mut params = String::new();
                    let mut fin = None;
                    for c in chars.by_ref() {
                        if ('\x40'..='\x7e').contains(&c) {
                            fin = Some(c);
                            break;
                        }
                        params.push(c);
                    }
                    let Some(fin) = fin else { break };
                    let private = params.starts_with('?');
                    let nums: Vec<usize> = params
                        .trim_start_matches('?')
                        .split(';')
                        .map(|n| n.parse().unwrap_or(0))
                        .collect();
                    let n = |i: usize, default: usize| match nums.get(i) {
                        Some(&0) | None => default,
                        Some(&v) => v,
                    };
                    match fin {
                        'h' | 'l' if private && nums.contains(&1049) && (fin == 'h') != on_alt => {
                            if fin == 'h' {
                                saved = (row, col);
                                alt = blank();
                            } else {
                                (row, col) = saved;
                            }
                            on_alt = fin == 'h';
                        }
                        'H' | 'f' => {
                            row = (n(0, 1) - 1).min(rows - 1);
                            col = (n(1, 1) - 1).min(cols - 1);
                        }
                        'A' => row = row.saturating_sub(n(0, 1)),
                        'B' => row = (row + n(0, 1)).min(rows - 1),
                        'C' => col = (col + n(0, 1)).min(cols - 1),
                        'D' => col = col.min(cols - 1).saturating_sub(n(0, 1)),
                        'G' => col = (n(0, 1) - 1).min(cols - 1),
                        'd' => row = (n(0, 1) - 1).min(rows - 1),
                        'J' => {
                            let here = row * cols + col.min(cols - 1);
                            for (i, cell) in cells.iter_mut().flatten().enumerate() {
                                let clear = match nums.first() {
                                    Some(0) | None => i >= here,
                                    Some(1) => i <= here,
                                    _ => true,
                                };
                                if clear {
                                    *cell = ' ';
                                }
                            }
                        }
                        'K' => {
                            let line = &mut cells[row];
                            let c = col.min(cols - 1);
                            let range = match nums.first() {
                                Some(0) | None => c..cols,
                                Some(1) => 0..c + 1,
                                _ => 0..cols,
                            };
                            line[range].fill(' ');
                        }
                        _ => {}
                    }
                }
                Some(']') => {
                    // An operating system command, up to BEL or ST.
                    while let Some(c) = chars.next() {
                        if c == '\x07' || (c == '\x1b' && chars.next_if_eq(&'\\').is_some()) {
                            break;
                        }
                    }
                }
                Some('7') => saved = (row, col),
                Some('8') => (row, col) = saved,
                _ => {}
            },
            '\r' => col = 0,
            '\n' => {
                if row + 1 < rows {
                    row += 1;
                } else {
                    cells.remove(0);
                    cells.push(vec![' '; cols]);
                }
            }
            '\x08' => col = col.min(cols - 1).saturating_sub(1),
            '\t' => col = ((col / 8 + 1) * 8).min(cols - 1),
            c if c.is_control() => {}
            c => {
                if col >= cols {
                    col = 0;
                    if row + 1 < rows {
                        row += 1;
                    } else {
                        cells.remove(0);
                        cells.push(vec![' '; cols]);
                    }
                }
                cells[row][col] = c;
                col += 1;
            }
        }
    }
    let cells = if on_alt { &alt } else { &main };
    cells
        .iter()
        .map(|l| l.iter().collect::<String>().trim_end().to_string())
        .collect::<Vec<_>>()
        .join("\n")
}

/// The screen's size, as every session sets it.
const ROWS: usize = 30;
const COLS: usize = 120;

struct Session {
    child: std::process::Child,
    stdin: std::process::ChildStdin,
    out: Arc<Mutex<Vec<u8>>>,
    reader: std::thread::JoinHandle<()>,
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
            "stty rows {ROWS} cols {COLS}; exec {vigie} {corpus} --reference {reference} --as-of 2026-11-22T12:00:00Z {extra}"
        );
        Session::start_shell(&cmd, env)
    }

    /// vigie run by a shell that says its process id first (`VIGIE_PID=…`), and after it its
    /// exit status (`VIGIE_EXIT=…`) and the terminal's modes (`stty -a`).
    fn start_watched(corpus: &str, extra: &str) -> Session {
        let vigie = env!("CARGO_BIN_EXE_vigie");
        let reference = reference();
        let cmd = format!(
            "stty rows {ROWS} cols {COLS}; sh -c 'echo VIGIE_PID=$$; exec {vigie} {corpus} --reference {reference} --as-of 2026-11-22T12:00:00Z {extra}'; echo VIGIE_EXIT=$?; stty -a"
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
        let reader = std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = stdout.read(&mut buf) {
                if n == 0 {
                    break;
                }
                sink.lock().unwrap().extend_from_slice(&buf[..n]);
            }
        });
        Session {
            child,
            stdin,
            out,
            reader,
        }
    }

    /// The bytes written to the terminal so far.
    fn raw(&self) -> Vec<u8> {
        self.out.lock().unwrap().clone()
    }

    /// The output so far with escape sequences removed: for what is written as lines (the
    /// shell's, a headless run's, vigie's once it has given the terminal back).
    fn text(&self) -> String {
        let s = String::from_utf8_lossy(&self.raw()).into_owned();
        let re = regex::Regex::new(r"\x1b\[[0-9;?]*[A-Za-z]").unwrap();
        re.replace_all(&s, " ").into_owned()
    }

    /// What the terminal shows now.
    fn screen(&self) -> String {
        screen(&self.raw(), ROWS, COLS)
    }

    /// Waits for `done` to hold, up to [`HANG`]; fails, showing the screen and the output, if
    /// it does not.
    #[track_caller]
    fn wait_until(&self, what: &str, done: impl Fn(&Session) -> bool) {
        let end = Instant::now() + HANG;
        while !done(self) {
            if Instant::now() > end {
                panic!(
                    "waited {HANG:?} for {what}; the screen:\n{}\nthe output:\n{}",
                    self.screen(),
                    self.text()
                );
            }
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
    }

    /// Waits for the screen to show `what`.
    #[track_caller]
    fn wait_for(&self, what: &str) {
        self.wait_until(&format!("`{what}` on the screen"), |s| {
            s.screen().contains(what)
        });
    }

    /// Waits for the screen to show `what` no more.
    #[track_caller]
    fn wait_gone(&self, what: &str) {
        self.wait_until(&format!("`{what}` gone from the screen"), |s| {
            !s.screen().contains(what)
        });
    }

    /// Types `bytes`. They are read in order, but an escape key must not be followed by another
    /// before the UI has read it (`esc` then `q` read together are `alt-q`): a test waits for
    /// what an `esc` does before it types on.
    fn keys(&mut self, bytes: &[u8]) {
        self.stdin.write_all(bytes).unwrap();
        self.stdin.flush().unwrap();
    }

    /// The exit status of `script` (vigie's, or the shell's) and the whole output, once it
    /// has ended; fails if it does not within [`HANG`].
    #[track_caller]
    fn exit(mut self) -> (Option<i32>, Vec<u8>) {
        let end = Instant::now() + HANG;
        let status = loop {
            if let Some(st) = self.child.try_wait().unwrap() {
                break st;
            }
            if Instant::now() > end {
                let _ = self.child.kill();
                panic!(
                    "still running after {HANG:?}; the screen:\n{}\nthe output:\n{}",
                    self.screen(),
                    self.text()
                );
            }
            std::thread::sleep(std::time::Duration::from_millis(20));
        };
        // Everything written before the end: the pipe closes once `script` has ended.
        self.reader.join().unwrap();
        let out = self.out.lock().unwrap().clone();
        (status.code(), out)
    }
}

/// The emulated screen follows what ratatui sends: cursor moves over the cells that did not
/// change, lines erased, the alternate screen entered (blank) and left (the main screen as it
/// was, the cursor where it was).
#[test]
fn the_screen_is_what_the_bytes_draw() {
    let mut out = b"shell$ \x1b[?1049h\x1b[2J".to_vec();
    // A first frame, then a second drawn over it, which leaves the `g` where it was.
    out.extend_from_slice(b"\x1b[1;10Hg\x1b[3;1Habc");
    out.extend_from_slice(b"\x1b[1;1Hpress q a\x1b[1;11Hain\x1b[2;3Hx\x1b[3;2H\x1b[K");
    assert_eq!(screen(&out, 3, 20), "press q again\n  x\na");
    out.extend_from_slice(b"\x1b[?1049lback\r\nend");
    assert_eq!(screen(&out, 3, 20), "shell$ back\nend\n");
}

#[test]
fn browse_the_findings_then_quit() {
    if !has_script() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let corpus = corpus(dir.path(), 6);
    let mut s = Session::start(&corpus);
    s.wait_for("audit finished");
    assert!(s.screen().contains("Verdict"), "{}", s.screen());
    s.keys(b"\t"); // findings
    s.wait_for("sort position");
    s.keys(b"j\r"); // open a finding
    s.wait_for("Evidence");
    assert!(!s.screen().contains("sort position"), "{}", s.screen());
    s.keys(b"?");
    s.wait_for("Keys (built-in)");
    // esc closes the help, then esc goes back to the list: each read alone.
    s.keys(b"\x1b");
    s.wait_gone("Keys (built-in)");
    assert!(s.screen().contains("Evidence"), "{}", s.screen());
    s.keys(b"\x1b");
    s.wait_for("sort position");
    s.keys(b"q");
    // Exit 1, as headless: every third record inserts an editor's note (INT002, temporary).
    let (code, out) = s.exit();
    assert_eq!(code, Some(1), "{}", String::from_utf8_lossy(&out));
    // The alternate screen was left and the mouse released.
    assert!(out.windows(8).any(|w| w == b"\x1b[?1049l"));
    assert!(out.windows(8).any(|w| w == b"\x1b[?1000l"));
    // The corpus' escape sequence was shown, never sent.
    assert!(!out.windows(5).any(|w| w == b"\x1b[31m"));
    // Its temporary breaches fail no run with `--fail-on permanent`.
    let reference = reference();
    let mut s = Session::start_args(&corpus, &reference, "--fail-on permanent", &[]);
    s.wait_for("audit finished");
    s.keys(b"q");
    assert_eq!(s.exit().0, Some(0));
}

/// `q` while the audit runs leaves at once, the terminal given back: the audit's corpus never
/// ends, so a UI that waited for the audit would never exit (and the test would fail at its
/// bound on a hang). An audit quit before its end has no verdict: exit 2, and said so.
#[test]
fn quitting_mid_audit_stops_it_and_restores_the_terminal() {
    if !has_script() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let Some(corpus) = endless_corpus(dir.path()) else {
        return;
    };
    // No finding fails this run: only quitting before the end makes it exit 2.
    let reference = reference();
    let mut s = Session::start_args(&corpus, &reference, "--fail-on never", &[]);
    // Records audited already, and more coming.
    s.wait_until("records audited", |s| {
        regex::Regex::new(r"records +[1-9]")
            .unwrap()
            .is_match(&s.screen())
    });
    assert!(s.screen().contains("auditing"), "{}", s.screen());
    s.keys(b"q");
    let (code, out) = s.exit();
    let text = String::from_utf8_lossy(&out);
    assert_eq!(code, Some(2), "{text}");
    let left = last(&out, b"\x1b[?1049l").expect("the alternate screen was never left");
    assert!(
        String::from_utf8_lossy(&out[left..])
            .contains("vigie: quit before the audit ended: no verdict"),
        "{text}"
    );
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
    let (code, out) = s.exit();
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
    let (code, out) = s.exit();
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
    let (code, out) = s.exit();
    let out = String::from_utf8_lossy(&out).into_owned();
    assert_eq!(code, Some(2), "{out}");
    assert!(
        out.contains("env-keys.toml:3:14: unknown key `nope`"),
        "{out}"
    );
    assert!(!out.contains("hyper-g"), "{out}");
}

/// The number after `name=` in the output, once it is there (a line of the shell's, written
/// whole); fails if it does not come within [`HANG`].
#[track_caller]
fn reported(s: &Session, name: &str) -> u32 {
    let re = regex::Regex::new(&format!(r"{name}=(\d+)\s")).unwrap();
    s.wait_until(&format!("{name}=…"), |s| re.is_match(&s.text()));
    re.captures(&s.text()).unwrap()[1].parse().unwrap()
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

/// SIGTERM while the audit runs gives the terminal back and ends vigie with 143: the audit's
/// corpus never ends, so a UI that waited for it would never exit.
#[test]
fn sigterm_mid_audit_restores_the_terminal_and_exits_143() {
    if !has_script() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let Some(corpus) = endless_corpus(dir.path()) else {
        return;
    };
    let s = Session::start_watched(&corpus, "");
    let pid = reported(&s, "VIGIE_PID");
    s.wait_for("auditing");
    send("TERM", pid);
    assert_eq!(reported(&s, "VIGIE_EXIT"), 128 + 15, "{}", s.text());
    let (code, out) = s.exit();
    assert_eq!(code, Some(0), "stty -a failed");
    assert_restored(&out);
    assert!(String::from_utf8_lossy(&out).contains("vigie: interrupted by SIGTERM"));
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
    let pid = reported(&s, "VIGIE_PID");
    s.wait_for("audit finished");
    s.keys(b"\t"); // the findings list, mouse capture on
    s.wait_for("sort position");
    send("HUP", pid);
    assert_eq!(reported(&s, "VIGIE_EXIT"), 128 + 1, "{}", s.text());
    let (code, out) = s.exit();
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
    let pid = reported(&s, "VIGIE_PID");
    s.wait_for("audit finished");
    send("TSTP", pid);
    // Stopped, the terminal given back: the alternate screen left after it was entered, the
    // mouse released after it was captured.
    let stopped = || {
        Command::new("ps")
            .args(["-o", "stat=", "-p", &pid.to_string()])
            .output()
            .is_ok_and(|o| o.stdout.starts_with(b"T"))
    };
    s.wait_until("vigie stopped", |_| stopped());
    s.wait_until("the terminal given back", |s| {
        let out = s.raw();
        last(&out, b"\x1b[?1049h") < last(&out, b"\x1b[?1049l")
            && last(&out, b"\x1b[?1000h") < last(&out, b"\x1b[?1000l")
    });
    // Nothing more comes while it is stopped (the output has caught up with the terminal's
    // giving back, written before the process stopped).
    assert!(stopped(), "vigie went on");
    let before = s.raw().len();
    send("CONT", pid);
    s.wait_until(
        "the alternate screen entered and the mouse captured again",
        |s| {
            let out = s.raw();
            last(&out, b"\x1b[?1049h") >= Some(before) && last(&out, b"\x1b[?1000h") >= Some(before)
        },
    );
    s.keys(b"\t"); // the UI answers again
    s.wait_for("sort position");
    s.keys(b"q");
    // The corpus's breaches, as headless (see `browse_the_findings_then_quit`).
    assert_eq!(reported(&s, "VIGIE_EXIT"), 1, "{}", s.text());
    let (_, out) = s.exit();
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
    assert_eq!(reported(&s, "VIGIE_EXIT"), 1, "{}", s.text());
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
    assert_eq!(reported(&s, "VIGIE_EXIT"), 1, "{}", s.text());
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
    s.wait_for("audit finished");
    // Said from the first frame (drawn on a blank screen, so whole in the bytes).
    assert!(s.text().contains("read-only"), "{}", s.text());
    s.keys(b"\t");
    s.wait_for("sort position");
    s.keys(b"w");
    s.wait_for("Waiver");
    s.keys(b"important review\r");
    s.wait_for("1 waiver NOT SAVED");
    s.keys(b"q");
    // (The message wraps where the screen ends.)
    s.wait_for("again");
    s.keys(b"q");
    let (code, out) = s.exit();
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
    s.wait_for("audit finished");
    // (What the UI shows is checked whole by the snapshots; here, that the help opens on the
    // warnings.)
    s.keys(b"?");
    s.wait_for("Warnings and keys");
    s.keys(b"\x1b");
    s.wait_gone("Warnings and keys");
    s.keys(b"q");
    let (code, out) = s.exit();
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
