//! Ctrl-C (SIGINT), SIGTERM and SIGHUP: one process-wide flag that long-running commands
//! poll between units of work (sweep points, evolve samples).
//!
//! [`install`] is called once by `main`. The first signal only sets the flag, so a command
//! can finish its current unit, keep what it computed and say how to go on; a second signal
//! ends the process at once with exit code 130 (the shell's convention for SIGINT).

use std::sync::atomic::{AtomicBool, Ordering};

static REQUESTED: AtomicBool = AtomicBool::new(false);

/// Installs the handler. A failure to install (another handler already set, which only a
/// test harness does) is ignored: the command then simply cannot be stopped gracefully.
pub fn install() {
    let _ = ctrlc::set_handler(|| {
        if REQUESTED.swap(true, Ordering::SeqCst) {
            eprintln!("qbat: interrupted again, stopping now");
            std::process::exit(130);
        }
    });
}

/// Whether a stop was requested since the process started.
pub fn requested() -> bool {
    REQUESTED.load(Ordering::SeqCst)
}
