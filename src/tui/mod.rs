//! The interactive auditor (SPEC §5): the audit runs in a background thread while the UI shows
//! its progress and first findings; then the auditor browses, reviews and exports the report.

pub mod app;
pub mod diff;
pub mod event;
pub mod keymap;
pub mod views;
pub mod waivers;

use crate::audit::AuditOptions;
use crate::report::WriteOptions;
use app::App;
use event::Event;
use keymap::{Key, Keymap};
use ratatui::crossterm::event::{DisableMouseCapture, EnableMouseCapture};
use ratatui::crossterm::execute;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

/// What the UI needs beyond the audit's options.
#[derive(Debug, Clone, Default)]
pub struct UiOptions {
    /// `--waivers PATH`: loaded at start, saved on every change.
    pub waivers: Option<PathBuf>,
    /// How exports from the UI are written.
    pub write: WriteOptions,
}

/// Frames are drawn at most this often while events pour in (a running audit).
const FRAME: Duration = Duration::from_millis(33);

/// Runs the audit in the background and the terminal UI in the foreground, until the auditor
/// quits. The terminal is restored on return, on error and on panic.
pub fn run(opts: AuditOptions, keymap: Keymap, ui: UiOptions) -> anyhow::Result<()> {
    let mut app = App::new(keymap);
    app.write_options = ui.write;
    if let Some(path) = &ui.waivers {
        app.report.waivers = waivers::load(path)?;
        app.waivers_path = Some(path.clone());
    }

    // Mouse capture is ours to undo: chain a hook before ratatui's own (which restores the
    // rest and then calls this one).
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(std::io::stdout(), DisableMouseCapture);
        previous(info);
    }));
    let mut terminal = ratatui::try_init()?;
    let _ = execute!(std::io::stdout(), EnableMouseCapture);
    let result = event_loop(&mut terminal, &mut app, opts);
    let _ = execute!(std::io::stdout(), DisableMouseCapture);
    ratatui::restore();
    result
}

fn event_loop(
    terminal: &mut ratatui::DefaultTerminal,
    app: &mut App,
    opts: AuditOptions,
) -> anyhow::Result<()> {
    let (events, tx) = event::Events::start();
    let cancel = Arc::new(AtomicBool::new(false));
    let audit = event::spawn_audit(opts, tx, cancel.clone());
    let mut audit_done = false;

    let mut last_draw = Instant::now() - FRAME;
    let mut needs_draw = true;
    loop {
        if needs_draw && last_draw.elapsed() >= FRAME {
            app.refresh();
            terminal.draw(|f| views::draw(f, app))?;
            last_draw = Instant::now();
            needs_draw = false;
        }
        let timeout = if needs_draw {
            FRAME.saturating_sub(last_draw.elapsed())
        } else {
            Duration::from_millis(500)
        };
        let ev = match events.rx.recv_timeout(timeout) {
            Ok(ev) => ev,
            Err(crossbeam_channel::RecvTimeoutError::Timeout) => continue,
            Err(crossbeam_channel::RecvTimeoutError::Disconnected) => break,
        };
        // Drain what is pending so that a burst of audit events costs one frame.
        for ev in std::iter::once(ev).chain(events.rx.try_iter().take(10_000)) {
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
                    app.finish(*outcome);
                }
                Event::Done(Err(e)) => {
                    audit_done = true;
                    if !cancel.load(Ordering::Relaxed) {
                        app.fail(e);
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
    }
    // Quitting mid-audit: stop the workers, and give them a moment to notice.
    cancel.store(true, Ordering::Relaxed);
    if !audit_done {
        let deadline = Instant::now() + Duration::from_secs(2);
        while !audit.is_finished() && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(10));
        }
    }
    if audit.is_finished() {
        let _ = audit.join();
    }
    Ok(())
}
