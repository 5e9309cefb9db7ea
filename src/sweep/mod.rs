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

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::config::RunConfig;
use crate::error::CliError;
use exec::{Execution, Outcome, Threads};
use grid::Grid;
use point::Row;

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
}

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
    for index in 0..grid.len() {
        let values = grid.point(index);
        point::model_at(base, &keys, &values)
            .map_err(|e| e.context(&format!("at {}", point::describe(&keys, &values))))?;
    }
    Ok(grid)
}

/// A fingerprint of everything that determines a sweep's numbers.
pub fn fingerprint(base: &RunConfig, grid: &Grid, outputs: &[&str]) -> String {
    let axes: Vec<String> = grid
        .axes
        .iter()
        .map(|a| {
            let values: Vec<String> = a.values.iter().map(|v| output::number(*v)).collect();
            format!("{}={}", a.key, values.join(","))
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
    let todo: Vec<usize> = (0..grid.len()).collect();
    let mut rows = BTreeMap::new();
    exec::run_points(
        &todo,
        grid.len(),
        0,
        execution,
        |i| compute_point(base, grid, outputs, i),
        |i, row| {
            rows.insert(i, row);
            Ok(())
        },
        CliError::Numerical,
    )?;
    Ok(rows.into_values().collect())
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

/// Runs `qbat sweep`.
///
/// # Errors
/// [`CliError`]: exit code 2 for bad input, 1 for a failed point or write, 3 when stopped by
/// [`STOP_AFTER_ENV`].
pub fn run(request: &SweepRequest) -> Result<(), CliError> {
    let grid = build_grid(&request.base, &request.vary, request.series.as_deref())?;
    if let Some(plot) = &request.plot {
        crate::plot::style::Format::from_path(plot).map_err(|e| CliError::Input(e.to_string()))?;
        if grid.varied().len() == 2 && grid.series().is_some() {
            return Err(CliError::Input(
                "--plot with two --vary axes draws a heat map, which takes no --series".into(),
            ));
        }
    }
    if request.resume && request.out.is_none() {
        return Err(CliError::Input("--resume needs --out FILE".into()));
    }
    let stop_after = match std::env::var(STOP_AFTER_ENV) {
        Ok(v) => Some(v.parse::<usize>().map_err(|_| {
            CliError::Input(format!("{STOP_AFTER_ENV} = {v:?} is not a whole number"))
        })?),
        Err(_) => None,
    };
    let execution = Execution {
        threads: request.threads,
        progress: true,
        stop_after,
    };
    let keys = grid.keys();
    let total = grid.len();
    let rows = match &request.out {
        None => compute_rows(&request.base, &grid, &request.outputs, &execution)?,
        Some(out) => resumable_run(request, &grid, &execution, out)?,
    };
    let text = if request.json {
        output::to_json(&keys, &request.outputs, &rows)
    } else {
        output::to_csv(&keys, &request.outputs, &rows)
    };
    match &request.out {
        Some(out) => {
            crate::atomic::write_atomic(out, text.as_bytes())
                .map_err(|e| CliError::Output(format!("writing {}: {e}", out.display())))?;
            let _ = std::fs::remove_file(partial::partial_path(out));
        }
        None => crate::output::print_stdout(&text)?,
    }
    if let Some(plot) = &request.plot {
        figure::plot_rows(plot, &request.base, &grid, &rows, None)
            .map_err(|e| CliError::Output(e.to_string()))?;
    }
    debug_assert_eq!(rows.len(), total);
    Ok(())
}

/// Runs the sweep through `OUT.partial` and returns every row in point order.
fn resumable_run(
    request: &SweepRequest,
    grid: &Grid,
    execution: &Execution,
    out: &Path,
) -> Result<Vec<Row>, CliError> {
    let keys = grid.keys();
    let total = grid.len();
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
        partial::read(&partial_file, &fingerprint, &keys, total).map_err(CliError::Input)?
    } else {
        partial::Done::default()
    };
    let mut writer = if done.valid_len > 0 {
        partial::Writer::append(&partial_file, done.valid_len).map_err(io)?
    } else {
        partial::Writer::create(&partial_file, &fingerprint, &keys, total).map_err(io)?
    };
    if request.resume {
        eprintln!(
            "resuming: {} of {total} points already in {}, computing {}",
            done.rows.len(),
            partial_file.display(),
            total - done.rows.len()
        );
    }
    let todo: Vec<usize> = (0..total).filter(|i| !done.rows.contains_key(i)).collect();
    let mut rows = done.rows;
    let outcome = exec::run_points(
        &todo,
        total,
        total - todo.len(),
        execution,
        |i| compute_point(&request.base, grid, &request.outputs, i),
        |i, row| {
            writer.write(i, &row).map_err(io)?;
            rows.insert(i, row);
            Ok(())
        },
        CliError::Numerical,
    )?;
    drop(writer);
    match outcome {
        Outcome::Complete => Ok(rows.into_values().collect()),
        Outcome::Stopped(count) => Err(CliError::Stopped(format!(
            "stopped after {count} new points ({STOP_AFTER_ENV}); {} of {total} saved in {}; \
             continue with --resume",
            rows.len(),
            partial_file.display()
        ))),
    }
}
