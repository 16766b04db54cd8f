//! Signals while the UI holds the terminal (SPEC §7: nothing leaves the terminal in raw mode).
//!
//! By default SIGTERM, SIGHUP, SIGINT and SIGQUIT end the process on the spot, the terminal still
//! in raw mode, on the alternate screen and reporting the mouse. While the UI runs they are caught
//! instead (by signal-hook, whose handler only records the signal) and a thread hands them to the
//! UI loop, which leaves as on `q`, restores the terminal and exits with 128 + the signal's number.
//! In raw mode ctrl-c and ctrl-z are keys, but the signals can still come from elsewhere
//! (`kill`): SIGTSTP gives the terminal back before the process stops, and takes it again when
//! it is resumed.

use crossbeam_channel::Receiver;

/// What a caught signal asks of the UI.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Caught {
    /// SIGTSTP: give the terminal back, stop until resumed, take the terminal again.
    Suspend,
    /// SIGTERM, SIGHUP, SIGINT or SIGQUIT (its number): restore the terminal and exit.
    End(i32),
}

/// The caught signals, as long as this lives; dropping it stops catching them.
pub struct Signals {
    pub rx: Receiver<Caught>,
    #[cfg(unix)]
    handle: Option<signal_hook::iterator::Handle>,
    #[cfg(unix)]
    thread: Option<std::thread::JoinHandle<()>>,
}

#[cfg(unix)]
impl Signals {
    /// Starts catching the signals. Should that fail (it should not), the UI
    /// runs without: the signals keep their default actions.
    pub fn start() -> Signals {
        use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGTSTP};
        let (tx, rx) = crossbeam_channel::unbounded();
        let Ok(mut signals) =
            signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT, SIGQUIT, SIGTSTP])
        else {
            return Signals {
                rx: crossbeam_channel::never(),
                handle: None,
                thread: None,
            };
        };
        let handle = signals.handle();
        let thread = std::thread::Builder::new()
            .name("vigie-signals".into())
            .spawn(move || {
                // Ends when the handle is closed.
                for sig in signals.forever() {
                    let caught = if sig == SIGTSTP {
                        Caught::Suspend
                    } else {
                        Caught::End(sig)
                    };
                    if tx.send(caught).is_err() {
                        return;
                    }
                }
            });
        match thread {
            Ok(thread) => Signals {
                rx,
                handle: Some(handle),
                thread: Some(thread),
            },
            // No thread, no one to hear them: back to the default actions (dropping the
            // iterator, moved into the closure that was not run, unregistered them).
            Err(_) => Signals {
                rx: crossbeam_channel::never(),
                handle: None,
                thread: None,
            },
        }
    }
}

#[cfg(unix)]
impl Drop for Signals {
    fn drop(&mut self) {
        if let Some(handle) = self.handle.take() {
            handle.close();
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

#[cfg(not(unix))]
impl Signals {
    /// Elsewhere than on Unix, nothing is caught (the console's ctrl-c is a key in raw mode).
    pub fn start() -> Signals {
        Signals {
            rx: crossbeam_channel::never(),
        }
    }
}

/// Stops the process as SIGTSTP would have, until it is resumed (SIGCONT).
pub fn stop_until_resumed() {
    #[cfg(unix)]
    {
        let _ = signal_hook::low_level::emulate_default_handler(signal_hook::consts::SIGTSTP);
    }
}

/// The exit status of a process ended by signal `sig`, as a shell reports it: 128 + its number.
pub fn exit_status(sig: i32) -> u8 {
    u8::try_from(128 + sig).unwrap_or(u8::MAX)
}

/// The signal's name (`SIGTERM`), for the message on leaving.
pub fn name(sig: i32) -> String {
    #[cfg(unix)]
    {
        if let Some(name) = signal_hook::low_level::signal_name(sig) {
            return name.to_string();
        }
    }
    format!("signal {sig}")
}
