//! `qbat evolve` and `qbat steady` stopped by a real SIGINT or SIGTERM sent to the child
//! process: exit code 130, one line on stderr, nothing written.

use std::path::Path;
use std::process::Child;
use std::time::Duration;

use crate::common::{send_signal, spawn, temp_dir};

/// Whether `pid` has installed a handler for `signal` (bit `signal - 1` of `SigCgt` in
/// `/proc/PID/status`, Linux).
fn catches(pid: u32, signal: u32) -> bool {
    let Ok(status) = std::fs::read_to_string(format!("/proc/{pid}/status")) else {
        return false;
    };
    status
        .lines()
        .find_map(|l| l.strip_prefix("SigCgt:"))
        .and_then(|mask| u64::from_str_radix(mask.trim(), 16).ok())
        .is_some_and(|mask| mask >> (signal - 1) & 1 == 1)
}

/// Sends `signal` (`INT`, `TERM`) to the child once its handler is installed, then waits for
/// it (killing it and failing after ten minutes, so that a hang cannot block the run).
fn interrupt(mut child: Child, signal: &str, number: u32) -> std::process::Output {
    let pid = child.id();
    for _ in 0..6000 {
        if catches(pid, number) {
            break;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    assert!(catches(pid, number), "qbat never installed its handler");
    assert!(
        child.try_wait().unwrap().is_none(),
        "finished before the signal"
    );
    send_signal(&child, signal);
    for _ in 0..6000 {
        if child.try_wait().unwrap().is_some() {
            return child.wait_with_output().unwrap();
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    let _ = child.kill();
    panic!("qbat did not stop after SIG{signal}");
}

fn assert_stopped_cleanly(out: &std::process::Output, dir: &Path, what: &str) {
    assert_eq!(out.status.code(), Some(130), "{:?}", out.status);
    assert!(out.stdout.is_empty(), "nothing on stdout");
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.trim_end().lines().count(), 1, "one line: {err}");
    assert!(
        err.contains(&format!("{what} interrupted")) && err.contains("nothing was written"),
        "{err}"
    );
    let left: Vec<_> = std::fs::read_dir(dir).unwrap().collect();
    assert!(left.is_empty(), "files left behind: {left:?}");
}

#[test]
fn evolve_stops_on_sigint_and_sigterm_writing_nothing() {
    for (signal, number) in [("INT", 2), ("TERM", 15)] {
        let dir = temp_dir(&format!("interrupt-evolve-{signal}"));
        let csv = dir.join("run.csv");
        let plot = dir.join("run.png");
        // N = 1001 to t = 50: minutes of computing, stopped long before the end
        let child = spawn(&[
            "evolve",
            "--n",
            "1001",
            "--times",
            "0:50:101",
            "--out",
            csv.to_str().unwrap(),
            "--plot",
            plot.to_str().unwrap(),
        ]);
        let out = interrupt(child, signal, number);
        assert_stopped_cleanly(&out, &dir, "evolve");
    }
}

#[test]
fn steady_stops_on_sigint() {
    let dir = temp_dir("interrupt-steady");
    // the sector's Krylov solver at N = 11 on a chain: far longer than the wait for the handler
    let child = spawn(&["steady", "--n", "11", "--topology", "chain"]);
    let out = interrupt(child, "INT", 2);
    assert_stopped_cleanly(&out, &dir, "steady");
}
