//! Running sweep points on worker threads, delivering the rows in point order, with a
//! progress bar, bounded memory and a prompt stop on Ctrl-C or SIGTERM.
//!
//! Workers take positions `0, 1, 2, ...` from a shared counter (dynamic scheduling: a slow
//! point never holds up the others) and compute each point independently from its index.
//! Finished rows wait in a reorder buffer until every earlier position is done, then go to
//! the sink in order. A worker never runs more than [`window`] positions ahead of the oldest
//! unfinished one, so memory does not depend on the number of points, and the numbers do not
//! depend on the number of threads or on completion order.
//!
//! The calling thread only watches. On a stop request ([`crate::interrupt::requested`]) the
//! workers take no new point, and the rows already computed (in order, with gaps where a
//! point is still running) go to the sink at once; when the running points do not finish
//! within [`GRACE`], the `abandon` callback ends the process (their work is lost, every
//! finished row is kept).

use std::collections::BTreeMap;
use std::io::IsTerminal;
use std::sync::{Condvar, Mutex};
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use super::point::Row;

/// How many threads evaluate points.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Threads {
    /// One point after another on one worker thread.
    Serial,
    /// A rayon pool with this many threads (0: one per core), one point per thread.
    Pool(usize),
}

/// How to run a sweep's points.
#[derive(Clone, Debug)]
pub struct Execution {
    /// Serial or parallel.
    pub threads: Threads,
    /// Show a progress bar with rate and ETA (only drawn when stderr is a terminal).
    pub progress: bool,
    /// Stop after this many points have been handed to the sink (simulates an interruption
    /// at an exact point; from the environment variable `QBAT_SWEEP_STOP_AFTER`).
    pub stop_after: Option<usize>,
}

/// How a run ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Every point was computed and handed to the sink.
    Complete,
    /// Stopped on request after this many points were handed to the sink.
    Stopped(usize),
}

/// How long running points may take to finish after a stop request before the process is
/// ended without them.
pub const GRACE: Duration = Duration::from_millis(500);

/// How far ahead of the oldest unfinished position a worker may run: bounds the reorder
/// buffer (and so the memory) whatever the number of points.
pub fn window(threads: usize) -> usize {
    64 * threads.max(1)
}

/// A finished position: a row, nothing to do (skipped), or a failure.
enum Slot<E> {
    Row(usize, Box<Row>),
    Skip,
    Failed(usize, E),
}

struct State<E, S> {
    /// Next position to hand out.
    next: usize,
    /// Next position to deliver.
    emit: usize,
    /// Finished positions not yet delivered.
    buffer: BTreeMap<usize, Slot<E>>,
    /// No new position is handed out.
    stop: bool,
    /// Workers still running.
    running: usize,
    /// Rows handed to the sink.
    delivered: usize,
    /// Positions settled: delivered or skipped.
    settled: usize,
    /// The failure with the lowest point index (`usize::MAX` for the sink's).
    error: Option<(usize, E)>,
    sink: S,
}

/// Computes `compute(point(j))` for every position `j < positions` whose `point(j)` is
/// `Some` (`None`: already done, skipped) and hands each row to `sink` in position order.
/// `bar` is the progress bar's `(length, position)`; `abandon` is called with the number of
/// rows delivered when a stop request finds points still running after [`GRACE`] (it is
/// expected to end the process; if it returns, the run waits for them).
///
/// # Errors
/// The error of the lowest failing point index among those attempted (rows before it have
/// been delivered), or the sink's first error; `pool_error` when the thread pool cannot be
/// started.
#[allow(clippy::too_many_arguments)]
pub fn run_points<E, P, F, S, A>(
    positions: usize,
    point: P,
    bar: (usize, usize),
    execution: &Execution,
    compute: F,
    sink: S,
    pool_error: impl FnOnce(String) -> E,
    abandon: A,
) -> Result<Outcome, E>
where
    E: Send,
    P: Fn(usize) -> Option<usize> + Sync,
    F: Fn(usize) -> Result<Row, E> + Sync,
    S: FnMut(usize, Row) -> Result<(), E> + Send,
    A: Fn(usize),
{
    let (workers, pool) = match execution.threads {
        Threads::Serial => (1, None),
        Threads::Pool(threads) => {
            match rayon::ThreadPoolBuilder::new().num_threads(threads).build() {
                Ok(pool) => (pool.current_num_threads(), Some(pool)),
                Err(e) => return Err(pool_error(format!("cannot start {threads} threads: {e}"))),
            }
        }
    };
    let bar = progress_bar(execution.progress, bar.0, bar.1);
    let window = window(workers);
    let state = Mutex::new(State {
        next: 0,
        emit: 0,
        buffer: BTreeMap::new(),
        stop: execution.stop_after == Some(0),
        running: workers,
        delivered: 0,
        settled: 0,
        error: None,
        sink,
    });
    let changed = Condvar::new();
    let lock = || state.lock().unwrap_or_else(|e| e.into_inner());
    let stop_after = execution.stop_after;
    // Hands the finished positions at the head of the buffer to the sink, in order.
    let drain = |s: &mut State<E, S>| {
        while let Some(slot) = s.buffer.remove(&s.emit) {
            s.emit += 1;
            match slot {
                Slot::Skip => s.settled += 1,
                Slot::Row(index, row) => {
                    if s.stop && stop_after.is_some() {
                        continue;
                    }
                    deliver(s, index, *row, &bar);
                    if stop_after.is_some_and(|k| s.delivered >= k) {
                        s.stop = true;
                    }
                }
                Slot::Failed(index, e) => {
                    s.stop = true;
                    record(s, index, e);
                }
            }
        }
    };
    let worker = || loop {
        let j = {
            let mut s = lock();
            loop {
                if s.stop || crate::interrupt::requested() {
                    s.stop = true;
                    s.running -= 1;
                    changed.notify_all();
                    return;
                }
                if s.next >= positions {
                    s.running -= 1;
                    changed.notify_all();
                    return;
                }
                if s.next < s.emit + window {
                    s.next += 1;
                    break s.next - 1;
                }
                s = changed.wait(s).unwrap_or_else(|e| e.into_inner());
            }
        };
        let slot = match point(j) {
            None => Slot::Skip,
            Some(index) => {
                let result = match &pool {
                    Some(pool) => pool.install(|| compute(index)),
                    None => compute(index),
                };
                match result {
                    Ok(row) => Slot::Row(index, Box::new(row)),
                    Err(e) => Slot::Failed(index, e),
                }
            }
        };
        let mut s = lock();
        s.buffer.insert(j, slot);
        drain(&mut s);
        changed.notify_all();
    };
    let mut abandoned = false;
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(worker);
        }
        let mut stopped_at: Option<Instant> = None;
        let mut s = lock();
        while s.running > 0 {
            let (next, _) = changed
                .wait_timeout(s, Duration::from_millis(50))
                .unwrap_or_else(|e| e.into_inner());
            s = next;
            if crate::interrupt::requested() && stopped_at.is_none() {
                s.stop = true;
                stopped_at = Some(Instant::now());
                flush(&mut s, &bar);
                changed.notify_all();
            }
            if let Some(t) = stopped_at {
                if s.running > 0 && t.elapsed() >= GRACE && !abandoned {
                    abandoned = true;
                    flush(&mut s, &bar);
                    bar.finish_and_clear();
                    abandon(s.delivered);
                }
            }
        }
    });
    bar.finish_and_clear();
    let mut s = state.into_inner().unwrap_or_else(|e| e.into_inner());
    if s.stop && stop_after.is_none() {
        flush(&mut s, &bar);
    }
    if let Some((_, e)) = s.error {
        return Err(e);
    }
    if s.settled == positions {
        Ok(Outcome::Complete)
    } else {
        Ok(Outcome::Stopped(s.delivered))
    }
}

fn deliver<E, S>(s: &mut State<E, S>, index: usize, row: Row, bar: &ProgressBar)
where
    S: FnMut(usize, Row) -> Result<(), E>,
{
    if let Err(e) = (s.sink)(index, row) {
        s.stop = true;
        record(s, usize::MAX, e);
        return;
    }
    s.delivered += 1;
    s.settled += 1;
    bar.inc(1);
}

fn record<E, S>(s: &mut State<E, S>, index: usize, e: E) {
    if s.error.as_ref().is_none_or(|(i, _)| index < *i) {
        s.error = Some((index, e));
    }
}

/// After a stop request: every finished row still waiting goes to the sink, in order,
/// skipping the positions still running.
fn flush<E, S>(s: &mut State<E, S>, bar: &ProgressBar)
where
    S: FnMut(usize, Row) -> Result<(), E>,
{
    let waiting = std::mem::take(&mut s.buffer);
    for (j, slot) in waiting {
        s.emit = s.emit.max(j + 1);
        match slot {
            Slot::Skip => s.settled += 1,
            Slot::Row(index, row) => deliver(s, index, *row, bar),
            Slot::Failed(index, e) => record(s, index, e),
        }
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
