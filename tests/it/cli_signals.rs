//! Real signals sent to a running sweep: SIGINT and SIGTERM keep `OUT.partial`, print one
//! line saying how to resume and exit 3; a sweep to stdout prints the rows it completed; a
//! billion-point sweep streams in bounded memory.

use std::io::{BufRead, BufReader};

use crate::cli_merge::{wait_for_rows, LONG};
use crate::common::{qbat, send_signal, spawn, stderr, temp_dir};

#[test]
fn sigint_and_sigterm_keep_the_partial_file_and_exit_3() {
    let dir = temp_dir("signals_out");
    let full = dir.join("full.csv");
    let o = qbat(&[LONG, &["--out", full.to_str().unwrap()]].concat(), &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    for sig in ["INT", "TERM"] {
        let out = dir.join(format!("{sig}.csv"));
        let partial = dir.join(format!("{sig}.csv.partial"));
        // SIGTERM on two threads: rows finished ahead of a running point are flushed too
        let mut run: Vec<&str> = LONG.to_vec();
        if sig == "TERM" {
            run.retain(|a| *a != "--serial");
            run.extend(["--threads", "2"]);
        }
        run.extend(["--out", out.to_str().unwrap()]);
        let child = spawn(&run);
        wait_for_rows(&partial, 3);
        send_signal(&child, sig);
        let o = child.wait_with_output().unwrap();
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(3), "{sig}: {err}");
        // one line: what is kept and how to resume
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(
            err.contains("--resume") && err.contains("interrupted"),
            "{err}"
        );
        assert!(err.contains(partial.to_str().unwrap()), "{err}");
        assert!(!out.exists());
        let kept = std::fs::read_to_string(&partial).unwrap();
        assert!(kept.lines().count() >= 2 + 3, "{kept}");
        // resumed, the file equals the uninterrupted one
        let o = qbat(&[&run[..], &["--resume"]].concat(), &[]);
        assert!(o.status.success(), "{}", stderr(&o));
        assert_eq!(std::fs::read(&out).unwrap(), std::fs::read(&full).unwrap());
    }
}

#[test]
fn a_sweep_to_stdout_prints_the_rows_it_completed_before_it_stops() {
    for json in [false, true] {
        let mut run = LONG.to_vec();
        if json {
            run.push("--json");
        }
        let mut child = spawn(&run);
        let mut stdout = BufReader::new(child.stdout.take().unwrap());
        let mut seen = String::new();
        // the header (or "[") and three rows arrive while the sweep runs
        for _ in 0..4 {
            stdout.read_line(&mut seen).unwrap();
        }
        send_signal(&child, "INT");
        let mut rest = String::new();
        std::io::Read::read_to_string(&mut stdout, &mut rest).unwrap();
        let o = child.wait_with_output().unwrap();
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(130), "{err}");
        assert!(err.contains("printed"), "{err}");
        let text = seen + &rest;
        if json {
            // a complete JSON array of the completed rows
            let v: serde_json::Value = serde_json::from_str(&text).unwrap();
            let rows = v.as_array().unwrap();
            assert!(rows.len() >= 3 && rows.len() < 100, "{}", rows.len());
            assert_eq!(rows[0]["mu"], 0);
        } else {
            assert!(text.starts_with("mu,W,"));
            assert!(text.ends_with('\n'));
            let rows = text.lines().count() - 1;
            assert!((3..100).contains(&rows), "{rows}");
            assert!(text.lines().all(|l| l.split(',').count() == 7), "{text}");
        }
    }
}

/// Resident memory of a running process, from /proc (Linux).
fn rss_kib(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

#[test]
fn a_billion_point_sweep_streams_in_bounded_memory() {
    let mut child = spawn(&["sweep", "--n", "2", "--vary", "mu=0:10:1000000000"]);
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut line = String::new();
    stdout.read_line(&mut line).unwrap();
    assert!(line.starts_with("mu,W,"), "{line}");
    let mut rss = Vec::new();
    for i in 0..2000usize {
        line.clear();
        stdout.read_line(&mut line).unwrap();
        // value i = 10 i / (1e9 - 1), computed from its index (no grid in memory)
        let mu: f64 = line.split(',').next().unwrap().parse().unwrap();
        assert_eq!(mu, (10.0 * i as f64) / 999_999_999.0, "row {i}");
        if i % 500 == 499 {
            rss.extend(rss_kib(child.id()));
        }
    }
    child.kill().unwrap();
    child.wait().unwrap();
    // the grid alone would be 8 GB (10^9 doubles); the process stays far below 200 MB
    assert!(!rss.is_empty(), "no /proc reading");
    assert!(rss.iter().all(|&k| k < 200 * 1024), "RSS {rss:?} KiB");
}
