//! Running sweep points, serially or on a rayon pool, with a progress bar.
//!
//! Every point is computed independently from its index, and results are handed to a sink
//! under a lock as they finish; the caller orders them by index. The numbers therefore do not
//! depend on the number of threads or on completion order.

use std::io::IsTerminal;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Mutex;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;

use super::point::Row;

/// How many threads evaluate points.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Threads {
    /// One point after another on the calling thread.
    Serial,
    /// A rayon pool with this many threads (0: one per core).
    Pool(usize),
}

/// How to run a sweep's points.
#[derive(Clone, Debug)]
pub struct Execution {
    /// Serial or parallel.
    pub threads: Threads,
    /// Show a progress bar (only drawn when stderr is a terminal).
    pub progress: bool,
    /// Stop after this many points have been handed to the sink (simulates an interruption;
    /// from the environment variable `QBAT_SWEEP_STOP_AFTER`).
    pub stop_after: Option<usize>,
}

/// How a run ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Every point was computed and handed to the sink.
    Complete,
    /// Stopped on request after this many points.
    Stopped(usize),
}

/// Computes `compute(i)` for every `i` in `todo` and hands each result to `sink` as it
/// finishes. `already_done` only positions the progress bar.
///
/// # Errors
/// The error of the lowest failing point index among those attempted (other points may still
/// have been delivered to the sink), or the sink's first error; `pool_error` when the thread
/// pool cannot be started.
pub fn run_points<E, F, S>(
    todo: &[usize],
    total: usize,
    already_done: usize,
    execution: &Execution,
    compute: F,
    sink: S,
    pool_error: impl FnOnce(String) -> E,
) -> Result<Outcome, E>
where
    E: Send,
    F: Fn(usize) -> Result<Row, E> + Sync,
    S: FnMut(usize, Row) -> Result<(), E> + Send,
{
    let bar = progress_bar(execution.progress, total, already_done);
    let sink = Mutex::new(sink);
    let stop = AtomicBool::new(execution.stop_after == Some(0));
    let delivered = AtomicUsize::new(0);
    let first_error: Mutex<Option<(usize, E)>> = Mutex::new(None);
    let record_error = |index: usize, message: E| {
        let mut slot = first_error.lock().unwrap_or_else(|e| e.into_inner());
        if slot.as_ref().is_none_or(|(i, _)| index < *i) {
            *slot = Some((index, message));
        }
    };
    let work = |&index: &usize| {
        if stop.load(Ordering::Relaxed) {
            return;
        }
        match compute(index) {
            Ok(row) => {
                let mut sink = sink.lock().unwrap_or_else(|e| e.into_inner());
                // Checked under the lock so exactly `stop_after` rows reach the sink.
                if stop.load(Ordering::Relaxed) {
                    return;
                }
                if let Err(message) = (sink)(index, row) {
                    stop.store(true, Ordering::Relaxed);
                    record_error(usize::MAX, message);
                    return;
                }
                let count = delivered.fetch_add(1, Ordering::Relaxed) + 1;
                bar.inc(1);
                if execution.stop_after.is_some_and(|k| count >= k) {
                    stop.store(true, Ordering::Relaxed);
                }
            }
            Err(message) => {
                stop.store(true, Ordering::Relaxed);
                record_error(index, message);
            }
        }
    };
    match execution.threads {
        Threads::Serial => todo.iter().for_each(work),
        Threads::Pool(threads) => {
            let pool = match rayon::ThreadPoolBuilder::new().num_threads(threads).build() {
                Ok(pool) => pool,
                Err(e) => return Err(pool_error(format!("cannot start {threads} threads: {e}"))),
            };
            pool.install(|| todo.par_iter().with_max_len(1).for_each(work));
        }
    }
    bar.finish_and_clear();
    if let Some((_, message)) = first_error.into_inner().unwrap_or_else(|e| e.into_inner()) {
        return Err(message);
    }
    let delivered = delivered.into_inner();
    if delivered < todo.len() {
        Ok(Outcome::Stopped(delivered))
    } else {
        Ok(Outcome::Complete)
    }
}

/// A bar with rate and ETA on stderr, or a hidden one when stderr is not a terminal.
fn progress_bar(wanted: bool, total: usize, done: usize) -> ProgressBar {
    if !wanted || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(Some(total as u64), ProgressDrawTarget::stderr());
    let style = ProgressStyle::with_template(
        "{spinner} [{elapsed_precise}] {wide_bar} {pos}/{len} points  {per_sec}  ETA {eta}",
    )
    .unwrap_or_else(|_| ProgressStyle::default_bar());
    bar.set_style(style);
    bar.set_position(done as u64);
    bar.reset_eta();
    bar
}
