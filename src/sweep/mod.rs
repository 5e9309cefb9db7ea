//! `qbat sweep`: the steady state over a grid of parameter values.
//!
//! One or two `--vary KEY=...` axes and an optional `--series KEY=...` (see [`axis`] for the
//! grammar) span a grid of points ([`grid`]); each point is the base model with those keys set,
//! solved independently ([`point`]), serially or on a rayon pool ([`exec`]). Rows are appended
//! to `OUT.partial` as they finish ([`partial`]); when all are done they are written in point
//! order to a temporary file renamed onto `OUT` ([`output`]), so the result is the same for any
//! thread count and for resumed runs. `--plot` draws the result ([`figure`]).

pub mod axis;
pub mod exec;
pub mod figure;
pub mod grid;
pub mod output;
pub mod partial;
pub mod point;
pub mod provenance;
pub mod select;
pub mod shard;

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::config::RunConfig;
use crate::error::CliError;
use exec::{Execution, Outcome, Threads};
use grid::Grid;
use point::Row;
use provenance::Definition;
use select::{Selection, Shard};

/// Environment variable that stops a sweep after that many newly computed points, leaving a
/// resumable partial file (for testing interruption).
pub const STOP_AFTER_ENV: &str = "QBAT_SWEEP_STOP_AFTER";

/// What `qbat sweep` was asked to do, once the command line and model are resolved.
#[derive(Clone, Debug)]
pub struct SweepRequest {
    /// The model and solver options every point starts from.
    pub base: RunConfig,
    /// The `--vary` arguments, unparsed.
    pub vary: Vec<String>,
    /// The `--series` argument, unparsed.
    pub series: Option<String>,
    /// Output file; stdout when absent.
    pub out: Option<PathBuf>,
    /// JSON array instead of CSV.
    pub json: bool,
    /// Figure to draw (`.png` or `.svg`).
    pub plot: Option<PathBuf>,
    /// Serial or parallel.
    pub threads: Threads,
    /// Continue from `OUT.partial`.
    pub resume: bool,
    /// The result columns ([`point::DEFAULT_OUTPUTS`] unless `--outputs` chose others).
    pub outputs: Vec<&'static str>,
    /// Compute only this shard (`--shard I/K`), writing a shard file to `out`.
    pub shard: Option<Shard>,
    /// The canonical command line and model file (provenance, shard files).
    pub definition: Definition,
}

/// Grids up to this many points have every point's model checked before anything is
/// computed; larger ones have their corners and each axis's values checked, the rest as
/// they are computed (checking a billion models first would take longer than a coffee).
pub const CHECK_ALL_UP_TO: usize = 100_000;

/// Parses the axes and checks every point's model, before anything is computed.
///
/// # Errors
/// [`CliError::Input`] for a malformed axis, an unknown or non-numeric key, more than two
/// `--vary`, a key swept twice, or a point whose model is invalid.
pub fn build_grid(
    base: &RunConfig,
    vary: &[String],
    series: Option<&str>,
) -> Result<Grid, CliError> {
    if vary.len() > 2 {
        return Err(CliError::Input(format!(
            "at most two --vary axes (got {}); use --series for a third",
            vary.len()
        )));
    }
    let input = |e: axis::AxisError| CliError::Input(e.to_string());
    let vary = vary
        .iter()
        .map(|v| axis::parse_axis("--vary", v))
        .collect::<Result<Vec<_>, _>>()
        .map_err(input)?;
    let series = series
        .map(|s| axis::parse_axis("--series", s))
        .transpose()
        .map_err(input)?;
    let grid = Grid::new(vary, series).map_err(CliError::Input)?;
    for axis in &grid.axes {
        point::check_numeric_key(&axis.key)?;
    }
    let keys = grid.keys();
    let check = |values: Vec<f64>| {
        point::model_at(base, &keys, &values)
            .map(|_| ())
            .map_err(|e| e.context(&format!("at {}", point::describe(&keys, &values))))
    };
    if grid.len() <= CHECK_ALL_UP_TO {
        for index in 0..grid.len() {
            check(grid.point(index))?;
        }
    } else {
        // every corner, then each axis's values (up to CHECK_ALL_UP_TO) with the others first
        let firsts: Vec<f64> = grid.axes.iter().map(|a| a.values.get(0)).collect();
        for corner in 0..1usize << grid.axes.len() {
            let values = grid
                .axes
                .iter()
                .enumerate()
                .map(|(k, a)| {
                    a.values.get(if corner >> k & 1 == 1 {
                        a.values.len() - 1
                    } else {
                        0
                    })
                })
                .collect();
            check(values)?;
        }
        for (k, a) in grid.axes.iter().enumerate() {
            for i in 0..a.values.len().min(CHECK_ALL_UP_TO) {
                let mut values = firsts.clone();
                values[k] = a.values.get(i);
                check(values)?;
            }
        }
    }
    Ok(grid)
}

/// A fingerprint of everything that determines a sweep's numbers.
pub fn fingerprint(base: &RunConfig, grid: &Grid, outputs: &[&str]) -> String {
    let axes: Vec<String> = grid
        .axes
        .iter()
        .map(|a| {
            // every value for axes of earlier sizes (the fingerprints of earlier versions
            // stay valid), the formula for the huge ranges that are never materialised
            if a.values.len() <= CHECK_ALL_UP_TO {
                let values: Vec<String> = a
                    .values
                    .to_vec()
                    .iter()
                    .map(|v| output::number(*v))
                    .collect();
                format!("{}={}", a.key, values.join(","))
            } else {
                format!("{}={:?}", a.key, a.values)
            }
        })
        .collect();
    // the default outputs leave the fingerprint of earlier versions unchanged
    let chosen = if outputs == point::DEFAULT_OUTPUTS {
        String::new()
    } else {
        format!("|outputs={}", outputs.join(","))
    };
    partial::fingerprint(&format!("{base:?}|{}{chosen}", axes.join("|")))
}

/// Computes the rows of every point of `grid` with no file output, in point order.
///
/// # Errors
/// The first failing point's error, naming the point.
pub fn compute_rows(
    base: &RunConfig,
    grid: &Grid,
    outputs: &[&str],
    execution: &Execution,
) -> Result<Vec<Row>, CliError> {
    let mut rows = BTreeMap::new();
    let outcome = exec::run_points(
        grid.len(),
        Some,
        (grid.len(), 0),
        execution,
        |i| compute_point(base, grid, outputs, i),
        |i, row| {
            rows.insert(i, row);
            Ok(())
        },
        CliError::Numerical,
        |_| {},
    )?;
    match outcome {
        Outcome::Complete => Ok(rows.into_values().collect()),
        Outcome::Stopped(_) => Err(CliError::Interrupted("interrupted".into())),
    }
}

fn compute_point(
    base: &RunConfig,
    grid: &Grid,
    outputs: &[&str],
    index: usize,
) -> Result<Row, CliError> {
    let keys = grid.keys();
    let values = grid.point(index);
    let at = || format!("at {}", point::describe(&keys, &values));
    let (model, options) = point::model_at(base, &keys, &values).map_err(|e| e.context(&at()))?;
    point::evaluate(&model, &options, values.clone(), outputs).map_err(|e| e.context(&at()))
}

/// The value of [`STOP_AFTER_ENV`], when set.
fn stop_after() -> Result<Option<usize>, CliError> {
    match std::env::var(STOP_AFTER_ENV) {
        Ok(v) => Ok(Some(v.parse::<usize>().map_err(|_| {
            CliError::Input(format!("{STOP_AFTER_ENV} = {v:?} is not a whole number"))
        })?)),
        Err(_) => Ok(None),
    }
}

/// Checks the plot request against the grid and its path.
///
/// # Errors
/// [`CliError::Input`] for an unknown extension, a heat map with a series, or an unwritable path.
pub fn check_plot(plot: &Path, grid: &Grid) -> Result<(), CliError> {
    crate::plot::style::Format::from_path(plot).map_err(|e| CliError::Input(e.to_string()))?;
    if grid.varied().len() == 2 && grid.series().is_some() {
        return Err(CliError::Input(
            "--plot with two --vary axes draws a heat map, which takes no --series".into(),
        ));
    }
    crate::atomic::check_writable("--plot", plot)
}

/// Draws `rows` into `plot` (when asked).
fn draw(plot: Option<&Path>, base: &RunConfig, grid: &Grid, rows: &[Row]) -> Result<(), CliError> {
    match plot {
        Some(plot) => figure::plot_rows(plot, base, grid, rows, None)
            .map_err(|e| CliError::Output(e.to_string())),
        None => Ok(()),
    }
}

/// The provenance of `request`'s output (see [`provenance`]).
///
/// # Errors
/// The first point's model error (already checked by [`build_grid`]).
pub fn provenance_of(
    base: &RunConfig,
    grid: &Grid,
    outputs: &[&str],
    definition: &Definition,
) -> Result<serde_json::Value, CliError> {
    let (model, _) = point::model_at(base, &grid.keys(), &grid.point(0))?;
    Ok(provenance::provenance(
        definition,
        &model,
        base,
        grid,
        outputs,
        &fingerprint(base, grid, outputs),
    ))
}

/// Rows handed over in point order by a source (a partial file, or shards).
pub type RowSink<'a> = dyn FnMut(usize, Row) -> Result<(), CliError> + 'a;

/// Writes the sweep's output file atomically from `source` (which hands every row over in
/// point order): CSV with the provenance in the sidecar `OUT.meta.json`, or JSON with it
/// embedded. Returns the rows when `keep` (for a plot).
///
/// # Errors
/// [`CliError::Output`] when a file cannot be written; the source's errors.
#[allow(clippy::too_many_arguments)]
pub fn write_output(
    out: &Path,
    json: bool,
    keys: &[&str],
    outputs: &[&'static str],
    provenance: &serde_json::Value,
    points: usize,
    keep: bool,
    source: impl FnOnce(&mut RowSink<'_>) -> Result<(), CliError>,
) -> Result<Vec<Row>, CliError> {
    let io = |e: std::io::Error| CliError::Output(format!("writing {}: {e}", out.display()));
    if !json {
        crate::provenance::write_sidecar(out, provenance)?;
    }
    let mut kept = Vec::new();
    let mut count = 0usize;
    let line = provenance.to_string();
    crate::atomic::write_atomic_with(out, io, |w| {
        let mut table =
            output::TableWriter::begin(w, json, keys, outputs, json.then_some(line.as_str()))
                .map_err(io)?;
        source(&mut |_, row| {
            table.row(&row).map_err(io)?;
            count += 1;
            if keep {
                kept.push(row);
            }
            Ok(())
        })?;
        if count != points {
            return Err(CliError::Output(format!(
                "writing {}: {count} rows for {points} points",
                out.display()
            )));
        }
        table.finish().map_err(io)
    })?;
    Ok(kept)
}

/// Runs `qbat sweep`.
///
/// # Errors
/// [`CliError`]: exit code 2 for bad input (checked before anything is computed, output
/// paths included), 1 for a failed point or write, 3 when stopped (Ctrl-C, SIGTERM,
/// [`STOP_AFTER_ENV`]) with `--out` (resumable), 130 when a sweep to stdout is interrupted.
pub fn run(request: &SweepRequest) -> Result<(), CliError> {
    let grid = build_grid(&request.base, &request.vary, request.series.as_deref())?;
    if request.resume && request.out.is_none() {
        return Err(CliError::Input("--resume needs --out FILE".into()));
    }
    if let Some(shard) = request.shard {
        if request.out.is_none() {
            return Err(CliError::Input(format!(
                "--shard {shard} needs --out FILE (the shard file for qbat merge)"
            )));
        }
        if request.plot.is_some() {
            return Err(CliError::Input(
                "--plot draws the whole sweep: give it to qbat merge, not to a --shard run".into(),
            ));
        }
    }
    if let Some(out) = &request.out {
        crate::atomic::check_writable("--out", out)?;
    }
    if let Some(plot) = &request.plot {
        check_plot(plot, &grid)?;
    }
    let execution = Execution {
        threads: request.threads,
        progress: true,
        stop_after: stop_after()?,
    };
    match &request.out {
        None => stream_stdout(request, &grid, &execution),
        Some(out) => resumable_run(request, &grid, &execution, out),
    }
}

/// A sweep to stdout: rows printed in point order as they are computed (nothing held but the
/// rows waiting for an earlier point, and the rows of a requested plot).
fn stream_stdout(
    request: &SweepRequest,
    grid: &Grid,
    execution: &Execution,
) -> Result<(), CliError> {
    let keys = grid.keys();
    let total = grid.len();
    let keep = request.plot.is_some();
    let mut stdout = std::io::stdout();
    let closed = std::sync::atomic::AtomicBool::new(false);
    let io = |e: std::io::Error| {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            closed.store(true, std::sync::atomic::Ordering::SeqCst);
        }
        CliError::Output(format!("cannot write to stdout: {e}"))
    };
    let mut table =
        output::TableWriter::begin(&mut stdout, request.json, &keys, &request.outputs, None)
            .map_err(io)?;
    let mut kept = Vec::new();
    let json = request.json;
    let result = exec::run_points(
        total,
        Some,
        (total, 0),
        execution,
        |i| compute_point(&request.base, grid, &request.outputs, i),
        |_, row| {
            table.row(&row).and_then(|()| table.flush()).map_err(io)?;
            if keep {
                kept.push(row);
            }
            Ok(())
        },
        CliError::Numerical,
        |printed| {
            let mut out = std::io::stdout();
            if json {
                let _ = out.write_all(b"\n]\n");
            }
            let _ = out.flush();
            eprintln!("qbat: {}", stdout_stopped(printed, total));
            std::process::exit(130);
        },
    );
    if closed.load(std::sync::atomic::Ordering::SeqCst) {
        // `qbat sweep ... | head`: the reader has what it wanted
        return Ok(());
    }
    let finish = table.finish().map_err(io);
    match result? {
        Outcome::Complete => {
            finish?;
            draw(request.plot.as_deref(), &request.base, grid, &kept)
        }
        Outcome::Stopped(printed) => Err(CliError::Interrupted(stdout_stopped(printed, total))),
    }
}

fn stdout_stopped(printed: usize, total: usize) -> String {
    format!(
        "interrupted: printed {printed} of {total} rows (a sweep to stdout cannot be resumed; \
         with --out FILE it can)"
    )
}

/// The one line a stopped sweep prints: what is kept, and how to go on.
fn stopped_message(why: &str, new: usize, saved: usize, total: usize, partial: &Path) -> String {
    format!(
        "stopped ({why}) after {new} new points; {saved} of {total} saved in {}; \
         continue with the same command and --resume",
        partial.display()
    )
}

/// Runs the sweep (or its shard) through `OUT.partial`, then writes `OUT` from it.
fn resumable_run(
    request: &SweepRequest,
    grid: &Grid,
    execution: &Execution,
    out: &Path,
) -> Result<(), CliError> {
    let keys = grid.keys();
    let selection = Selection::new(grid.len(), request.shard);
    let total = selection.len();
    let fingerprint = fingerprint(&request.base, grid, &request.outputs);
    let partial_file = partial::partial_path(out);
    let io = |e: std::io::Error| CliError::Output(format!("{}: {e}", partial_file.display()));
    let exists = partial_file.exists();
    if exists && !request.resume {
        return Err(CliError::Input(format!(
            "{} exists from an interrupted sweep: pass --resume to continue it, or delete it",
            partial_file.display()
        )));
    }
    let done = if exists {
        partial::read(&partial_file, &fingerprint, &keys, &selection).map_err(CliError::Input)?
    } else {
        partial::Done::default()
    };
    let mut writer = if done.valid_len > 0 {
        partial::Writer::append(&partial_file, done.valid_len).map_err(io)?
    } else {
        partial::Writer::create(&partial_file, &fingerprint, &keys, &selection).map_err(io)?
    };
    if request.resume && exists {
        eprintln!(
            "resuming: {} of {total} points already in {}, computing {}",
            done.count,
            partial_file.display(),
            total - done.count
        );
    }
    let why = || {
        if crate::interrupt::requested() {
            "interrupted"
        } else {
            STOP_AFTER_ENV
        }
    };
    let outcome = exec::run_points(
        total,
        |j| (!done.contains(j)).then(|| selection.index(j)),
        (total, done.count),
        execution,
        |i| compute_point(&request.base, grid, &request.outputs, i),
        |i, row| writer.write(i, &row).map_err(io),
        CliError::Numerical,
        |new| {
            eprintln!(
                "qbat: {}",
                stopped_message(why(), new, done.count + new, total, &partial_file)
            );
            std::process::exit(3);
        },
    )?;
    drop(writer);
    if let Outcome::Stopped(new) = outcome {
        return Err(CliError::Stopped(stopped_message(
            why(),
            new,
            done.count + new,
            total,
            &partial_file,
        )));
    }
    let from_partial = |sink: &mut RowSink<'_>| {
        partial::for_each_sorted(
            &partial_file,
            |index, rest| {
                let fields: Vec<&str> = rest.split(',').collect();
                let row = output::parse_fields(&fields, &keys, &point::OUTPUTS)
                    .map_err(|e| CliError::Output(format!("{}: {e}", partial_file.display())))?;
                sink(index, row)
            },
            CliError::Output,
        )
    };
    match request.shard {
        Some(_) => shard::write_shard(
            out,
            &partial_file,
            &fingerprint,
            &selection,
            &request.definition,
            &keys,
        )?,
        None => {
            let provenance =
                provenance_of(&request.base, grid, &request.outputs, &request.definition)?;
            let rows = write_output(
                out,
                request.json,
                &keys,
                &request.outputs,
                &provenance,
                total,
                request.plot.is_some(),
                from_partial,
            )?;
            draw(request.plot.as_deref(), &request.base, grid, &rows)?;
        }
    }
    partial::remove(&partial_file);
    Ok(())
}
