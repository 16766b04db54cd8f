//! Everything the UI loop waits on: terminal input (a thread polling crossterm) and the audit
//! (a thread running `audit::run`), each through its own channel so that input comes first.

use crate::audit::{self, AuditEvent, AuditOptions, AuditOutcome};
use crossbeam_channel::{Receiver, Sender};
use ratatui::crossterm::event::{self as ct, Event as CtEvent, KeyEventKind, MouseEventKind};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// One thing that happened.
pub enum Event {
    Key(ct::KeyEvent),
    /// Mouse wheel: lines down (negative: up).
    Scroll(isize),
    Resize,
    Audit(AuditEvent),
    /// The audit ended: its outcome, or why it failed (or was cancelled).
    Done(Result<Box<AuditOutcome>, String>),
}

/// The background threads and their channel.
pub struct Events {
    pub rx: Receiver<Event>,
    stop: Arc<AtomicBool>,
    input: Option<JoinHandle<()>>,
}

impl Events {
    /// Starts the input thread.
    pub fn start() -> Events {
        let (tx, rx) = crossbeam_channel::unbounded();
        let stop = Arc::new(AtomicBool::new(false));
        let input = {
            let tx = tx.clone();
            let stop = stop.clone();
            std::thread::Builder::new()
                .name("vigie-input".into())
                .spawn(move || input_loop(&tx, &stop))
                .expect("cannot start the input thread")
        };
        Events {
            rx,
            stop,
            input: Some(input),
        }
    }
}

impl Drop for Events {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(h) = self.input.take() {
            // The thread sees `stop` within one poll. But once the terminal is gone (a hangup,
            // which comes with SIGHUP) crossterm's poll never returns: it keeps reading end of
            // file (crossterm-rs/crossterm#793). Waiting for it would keep the process alive,
            // spinning, for ever; leave it behind instead, as the process is about to end.
            let deadline = Instant::now() + Duration::from_millis(500);
            while !h.is_finished() && Instant::now() < deadline {
                std::thread::sleep(Duration::from_millis(5));
            }
            if h.is_finished() {
                let _ = h.join();
            }
        }
    }
}

fn input_loop(tx: &Sender<Event>, stop: &AtomicBool) {
    while !stop.load(Ordering::Relaxed) {
        match ct::poll(Duration::from_millis(50)) {
            Ok(true) => {}
            Ok(false) => continue,
            Err(_) => return,
        }
        let ev = match ct::read() {
            Ok(CtEvent::Key(k)) if k.kind != KeyEventKind::Release => Event::Key(k),
            Ok(CtEvent::Mouse(m)) => match m.kind {
                MouseEventKind::ScrollDown => Event::Scroll(3),
                MouseEventKind::ScrollUp => Event::Scroll(-3),
                _ => continue,
            },
            Ok(CtEvent::Resize(..)) => Event::Resize,
            Ok(_) => continue,
            Err(_) => return,
        };
        if tx.send(ev).is_err() {
            return;
        }
    }
}

/// Runs the audit on its own thread; its events and its end come through the returned
/// channel (apart from the input's, so that keys never queue behind a flood of findings).
pub fn spawn_audit(
    mut opts: AuditOptions,
    cancel: Arc<AtomicBool>,
) -> (JoinHandle<()>, Receiver<Event>) {
    // The UI lists the findings as they come.
    opts.live_findings = true;
    let (tx, rx) = crossbeam_channel::unbounded();
    let handle = std::thread::Builder::new()
        .name("vigie-audit".into())
        .spawn(move || {
            let sink_tx = tx.clone();
            let sink = move |ev: AuditEvent| {
                let _ = sink_tx.send(Event::Audit(ev));
            };
            let result = audit::run(&opts, &sink, &cancel)
                .map(Box::new)
                .map_err(|e| format!("{e:#}"));
            let _ = tx.send(Event::Done(result));
        })
        .expect("cannot start the audit thread");
    (handle, rx)
}
