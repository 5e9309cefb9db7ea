//! `qbat sweep`: the steady state over a grid of parameter values.

use std::path::PathBuf;

use clap::Args;

use crate::config::{self, ModelArgs};
use crate::error::CliError;
use crate::sweep::{self, exec::Threads, SweepRequest};

/// Options of `qbat sweep`.
#[derive(Args, Debug)]
pub struct SweepArgs {
    /// The base model (file and flags); swept keys override it point by point.
    #[command(flatten)]
    pub model: ModelArgs,
    /// Swept key: KEY=START:STOP:COUNT (inclusive), KEY=log:START:STOP:COUNT or KEY=A,B,C;
    /// once, or twice for a 2-D grid
    #[arg(
        long,
        value_name = "KEY=VALUES",
        required = true,
        allow_hyphen_values = true
    )]
    pub vary: Vec<String>,
    /// A family of curves: KEY=A,B,C (same grammar as --vary)
    #[arg(long, value_name = "KEY=VALUES", allow_hyphen_values = true)]
    pub series: Option<String>,
    /// Output file (CSV, or JSON with --json) [default: standard output]
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Write a JSON array of objects instead of CSV
    #[arg(long)]
    pub json: bool,
    /// Draw W: a line plot (one --vary, curves per --series) or a heat map (two --vary);
    /// FILE.png or FILE.svg
    #[arg(long, value_name = "FILE")]
    pub plot: Option<PathBuf>,
    /// Worker threads [default: one per core]
    #[arg(long, value_name = "N", conflicts_with = "serial",
          value_parser = crate::config::parse_threads)]
    pub threads: Option<usize>,
    /// Compute the points one after another on one thread
    #[arg(long)]
    pub serial: bool,
    /// Continue an interrupted sweep from OUT.partial, recomputing none of its rows
    #[arg(long)]
    pub resume: bool,
    /// Result columns, comma separated [default: W,ergotropy,energy_battery,
    /// excited_population_battery,kernel_dim,residual]; also ergotropy_coherent,
    /// ergotropy_incoherent, energy_total, purity, entropy_production, mutual_information,
    /// concurrence, particle_current_battery, energy_current_battery, particle_current_residual,
    /// energy_current_residual
    #[arg(long, value_name = "NAMES")]
    pub outputs: Option<String>,
}

/// `--serial` / `--threads N` as a [`Threads`] choice.
pub fn threads(serial: bool, threads: Option<usize>) -> Threads {
    match (serial, threads) {
        (true, _) | (false, Some(1)) => Threads::Serial,
        (false, Some(n)) => Threads::Pool(n),
        (false, None) => Threads::Pool(0),
    }
}

/// Resolves the base model and runs the sweep.
///
/// # Errors
/// As [`sweep::run`].
pub fn run(args: &SweepArgs) -> Result<(), CliError> {
    let outputs = match &args.outputs {
        Some(list) => sweep::point::parse_outputs(list)?,
        None => sweep::point::DEFAULT_OUTPUTS.to_vec(),
    };
    let base = config::load(&args.model)?;
    sweep::run(&SweepRequest {
        base,
        vary: args.vary.clone(),
        series: args.series.clone(),
        out: args.out.clone(),
        json: args.json,
        plot: args.plot.clone(),
        threads: threads(args.serial, args.threads),
        resume: args.resume,
        outputs,
    })
}
