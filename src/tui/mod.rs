//! The interactive auditor (SPEC §5): the audit runs in a background thread while the UI shows
//! its progress and first findings; then the auditor browses, reviews and exports the report.

pub mod app;
pub mod diff;
pub mod event;
pub mod keymap;
pub mod line_edit;
pub mod signals;
pub mod views;
pub mod waivers;
pub use crate::report::warnings;

use crate::audit::AuditOptions;
use crate::report::WriteOptions;
use app::App;
use event::Event;
use keymap::{Key, Keymap};
use ratatui::crossterm::event::{DisableMouseCapture, EnableMouseCapture};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{EnterAlternateScreen, enable_raw_mode};
use signals::{Caught, Signals};
use std::io::Write;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// What the UI needs beyond the audit's options.
#[derive(Debug, Clone, Default)]
pub struct UiOptions {
    /// `--waivers PATH`: loaded at start, saved on every change.
    pub waivers: Option<PathBuf>,
    /// How exports from the UI are written.
    pub write: WriteOptions,
    /// `--fail-on`: the penalty from which findings make the exit status 1, as headless.
    pub fail_on: Option<crate::rules::Penalty>,
    /// Warnings already said on standard error before the UI (on the options), without their
    /// `vigie: warning: `: the UI shows them too.
    pub warnings: Vec<String>,
}

/// Frames are drawn at most this often while events pour in (a running audit).
const FRAME: Duration = Duration::from_millis(33);

/// Runs the audit in the background and the terminal UI in the foreground, until the auditor
/// quits or a signal ends it. The terminal is restored on return, on error, on panic and on
/// SIGTERM, SIGHUP, SIGINT and SIGQUIT (and given back while SIGTSTP stops the process).
/// Returns the exit status: 0 when the auditor quits, 128 + N when signal N ended the UI.
pub fn run(opts: AuditOptions, keymap: Keymap, ui: UiOptions) -> anyhow::Result<u8> {
    let mut app = App::new(keymap);
    app.defer_slow = true;
    app.open_in_background = true;
    app.write_options = ui.write;
    app.warnings = ui.warnings.clone();
    if let Some(path) = &ui.waivers {
        // Shown in the UI, and said on standard error once it ends (with those of the audit).
        for w in app.load_waivers(path.clone())? {
            app.warnings
                .push(crate::text::sanitize::for_terminal(&w, false).into_owned());
        }
    }

    // Mouse capture is ours to undo: chain a hook before ratatui's own (which restores the
    // rest and then calls this one).
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(std::io::stdout(), DisableMouseCapture);
        previous(info);
    }));
    // Caught from before the terminal is taken until after it is given back.
    let signals = Signals::start();
    let mut terminal = ratatui::try_init()?;
    // Over ratatui's hook: a panic on another thread (the audit's, a finding's being opened)
    // ends that thread only, and the UI says so and goes on. The terminal must then stay the
    // UI's, and the panic's message, which would be written over the screen, is kept and
    // printed once the terminal is given back (on the UI thread's own panic, after it).
    let ui_thread = std::thread::current().id();
    let worker_panics: Arc<Mutex<Vec<String>>> = Arc::default();
    let restoring = std::panic::take_hook();
    let kept = worker_panics.clone();
    std::panic::set_hook(Box::new(move |info| {
        if std::thread::current().id() != ui_thread {
            let name = std::thread::current()
                .name()
                .unwrap_or("a worker")
                .to_string();
            if let Ok(mut k) = kept.lock() {
                k.push(format!("vigie: thread {name} panicked: {info}"));
            }
            return;
        }
        restoring(info);
        if let Ok(mut k) = kept.lock() {
            for message in k.drain(..) {
                let _ = writeln!(std::io::stderr(), "{message}");
            }
        }
    }));
    let _ = execute!(std::io::stdout(), EnableMouseCapture);
    let result = event_loop(&mut terminal, &mut app, opts, &signals);
    if !give_back(&mut terminal) {
        // The terminal is gone (a hangup). Dropping `terminal` would try to show the cursor
        // again and report the failure with `eprintln!`, which panics when stderr is that same
        // terminal: forget it instead (its buffers go with the process, which is ending).
        std::mem::forget(terminal);
    }
    // A signal that came while leaving (after `q`) still says how the run ended; and one that
    // came as the loop failed explains the failure (drawing on a terminal that has hung up).
    let late = signals.rx.try_iter().find_map(|c| match c {
        Caught::End(sig) => Some(sig),
        Caught::Suspend => None,
    });
    drop(signals);
    // The warnings the UI found (those given were said before it): on standard error too, as a
    // headless run says them, now that the terminal shows what is written there.
    for w in app.warnings.iter().skip(ui.warnings.len()) {
        let _ = writeln!(std::io::stderr(), "vigie: warning: {w}");
    }
    for message in worker_panics.lock().map(|k| k.clone()).unwrap_or_default() {
        let _ = writeln!(std::io::stderr(), "{message}");
    }
    // Waivers not saved are not lost: one last try (the folder may have been made writable
    // meanwhile), then printed as their file would hold them, however the UI ended.
    if app.unsaved_waivers > 0 && app.waivers_path.is_some() {
        let _ = app.save_waivers();
    }
    if let Some(notice) = app.unsaved_waivers_notice() {
        let _ = std::io::stderr().write_all(notice.as_bytes());
    }
    let ended_by = match (result, late) {
        (Ok(sig), late) => sig.or(late),
        (Err(_), Some(sig)) => Some(sig),
        (Err(e), None) => return Err(e),
    };
    match ended_by {
        None => Ok(quit_status(&app, ui.fail_on)),
        Some(sig) => {
            let _ = writeln!(
                std::io::stderr(),
                "vigie: interrupted by {}",
                signals::name(sig)
            );
            Ok(signals::exit_status(sig))
        }
    }
}

/// The exit status once the auditor quits, as a headless run's (SPEC §4): `1` for findings at
/// or above `--fail-on`, `2` when no record could be read, and `2` when the audit had not ended,
/// since its findings so far have no verdict yet (nor the penalties that `--policy` and
/// `--previous` give them at the end), as a headless run that is interrupted has none.
fn quit_status(app: &App, fail_on: Option<crate::rules::Penalty>) -> u8 {
    let report = &app.report;
    if app.state != app::AuditState::Finished {
        let _ = writeln!(
            std::io::stderr(),
            "vigie: quit before the audit ended: no verdict"
        );
        return 2;
    }
    if report.read_no_record() {
        let _ = writeln!(
            std::io::stderr(),
            "vigie: no record of the corpus could be read: the verdict says nothing of it"
        );
        return 2;
    }
    if report.source_id_unmatched() {
        let _ = writeln!(
            std::io::stderr(),
            "vigie: {}",
            crate::text::sanitize::for_terminal(&report.not_carried_out(), false)
        );
        return 2;
    }
    u8::from(report.breaches(fail_on))
}

/// Gives the terminal back as it was: mouse capture off, raw mode off, the main screen, the
/// cursor shown. Errors are ignored (the terminal may be gone, after SIGHUP): there is nothing
/// left to do about them, and printing them could fail the same way. Says whether the terminal
/// took the last of it.
fn give_back(terminal: &mut ratatui::DefaultTerminal) -> bool {
    let _ = execute!(std::io::stdout(), DisableMouseCapture);
    let _ = ratatui::try_restore();
    terminal.show_cursor().is_ok()
}

/// Takes the terminal again after a suspension, as `run` took it first, and has the next frame
/// drawn in full (the screen was lost, and its size may have changed).
fn take_again(terminal: &mut ratatui::DefaultTerminal) -> std::io::Result<()> {
    enable_raw_mode()?;
    execute!(std::io::stdout(), EnterAlternateScreen, EnableMouseCapture)?;
    let area = terminal.size()?;
    terminal.resize(area.into())
}

/// The UI until the auditor quits (`Ok(None)`), a signal ends it (`Ok(Some(signal))`) or the
/// audit fails.
fn event_loop(
    terminal: &mut ratatui::DefaultTerminal,
    app: &mut App,
    opts: AuditOptions,
    signals: &Signals,
) -> anyhow::Result<Option<i32>> {
    let events = event::Events::start();
    let cancel = Arc::new(AtomicBool::new(false));
    let warned = warnings::Inputs::of(&opts);
    let (audit, audit_rx) = event::spawn_audit(opts, cancel.clone());
    let mut audit_done = false;
    let mut failure: Option<String> = None;
    let mut ended_by: Option<i32> = None;

    let mut last_draw = Instant::now() - FRAME;
    let mut needs_draw = true;
    loop {
        if needs_draw && last_draw.elapsed() >= FRAME {
            if !app.slow_pending() {
                app.refresh();
            }
            terminal.draw(|f| views::draw(f, app))?;
            last_draw = Instant::now();
            needs_draw = false;
            if app.slow_pending() {
                // The frame says what is being built; build it, then draw the result at once.
                app.refresh();
                needs_draw = true;
                last_draw = Instant::now() - FRAME;
            }
        }
        let timeout = if needs_draw {
            FRAME.saturating_sub(last_draw.elapsed())
        } else {
            Duration::from_millis(500)
        };
        // Wait for input, a signal, the finding being opened or, while it runs, the audit.
        let opening = app.opening_channel();
        let mut sel = crossbeam_channel::Select::new();
        sel.recv(&events.rx);
        sel.recv(&signals.rx);
        if !audit_done {
            sel.recv(&audit_rx);
        }
        if let Some(rx) = &opening {
            sel.recv(rx);
        }
        if sel.ready_timeout(timeout).is_err() {
            continue;
        }
        drop(sel);
        if app.poll_opening() {
            needs_draw = true;
            last_draw = Instant::now() - FRAME;
        }
        // Signals before anything else.
        for caught in signals.rx.try_iter() {
            match caught {
                Caught::End(sig) => {
                    ended_by = Some(sig);
                    break;
                }
                Caught::Suspend => {
                    let _ = give_back(terminal);
                    signals::stop_until_resumed();
                    take_again(terminal)?;
                    needs_draw = true;
                    last_draw = Instant::now() - FRAME;
                }
            }
        }
        if ended_by.is_some() {
            break;
        }
        // Input first: a key is answered before any queued audit event.
        let mut batch: Vec<Event> = events.rx.try_iter().collect();
        if !audit_done {
            batch.extend(audit_rx.try_iter().take(1_000));
        }
        for ev in batch {
            needs_draw = true;
            match ev {
                Event::Key(k) => {
                    if let Some(key) = Key::from_event(&k) {
                        app.on_key(key);
                        // Answer keys at once: a key is never held back by the frame rate.
                        last_draw = Instant::now() - FRAME;
                    }
                }
                Event::Scroll(n) => app.on_scroll(n),
                Event::Resize => {
                    terminal.autoresize()?;
                }
                Event::Audit(a) => app.on_audit(a),
                Event::Done(Ok(outcome)) => {
                    audit_done = true;
                    app.warnings
                        .extend(warnings::after_audit(&outcome, &warned));
                    app.finish(*outcome);
                }
                Event::Done(Err(e)) => {
                    audit_done = true;
                    if !cancel.load(Ordering::Relaxed) {
                        // Unusable input (an unreadable reference…): leave the UI and report it
                        // like the headless run does, so that the exit status says so.
                        app.fail(e.clone());
                        failure = Some(e);
                        app.should_quit = true;
                    }
                }
            }
            if app.should_quit {
                break;
            }
        }
        if app.should_quit {
            break;
        }
        if !audit_done && audit.is_finished() && audit_rx.is_empty() {
            // The thread ended without a word (it panicked): say so rather than wait forever.
            audit_done = true;
            app.fail("the audit stopped unexpectedly".into());
            needs_draw = true;
            last_draw = Instant::now() - FRAME;
        }
    }
    // Quitting mid-audit: stop the workers, and give them a moment to notice.
    cancel.store(true, Ordering::Relaxed);
    if !audit_done {
        let deadline = Instant::now() + Duration::from_millis(500);
        while !audit.is_finished() && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(10));
        }
    }
    if audit.is_finished() {
        let _ = audit.join();
    }
    match failure {
        Some(e) => Err(anyhow::anyhow!(e)),
        None => Ok(ended_by),
    }
}
