//! `qbat`: steady states, sweeps and figures for open quantum batteries.

mod atomic;
mod exit;
mod figures;
mod plot;
mod sweep;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use qbat_core::{Dissipation, InitialState, ModelSpec, SteadyOptions};

use exit::ExitError;

#[derive(Parser, Debug)]
#[command(
    name = "qbat",
    version,
    about = "Steady states, sweeps and figures for open quantum batteries"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Steady-state W, ergotropy and energy over a grid of parameter values.
    Sweep(SweepArgs),
    /// Recompute the paper's Figs. 2-6 (CSV, PNG, SVG) and check its claims in REPORT.md.
    Figures(figures::FiguresArgs),
}

/// Model options (temporary: replaced by the shared model options of `qbat steady`).
#[derive(clap::Args, Debug, Clone)]
struct ModelArgs {
    /// Set a numeric model key, e.g. `--set n=4 --set temperature=0.5` (repeatable).
    #[arg(long = "set", value_name = "KEY=VALUE")]
    set: Vec<String>,
    /// Collective (one reservoir) or individual (one per qubit) dissipation.
    #[arg(long, value_parser = ["collective", "individual"])]
    dissipation: Option<String>,
    /// Initial state selecting the long-time state when the kernel is degenerate.
    #[arg(long, value_parser = ["ground", "excited", "mixed"])]
    initial: Option<String>,
}

impl ModelArgs {
    fn resolve(&self) -> Result<(ModelSpec, SteadyOptions), ExitError> {
        let mut spec = ModelSpec::default();
        for item in &self.set {
            let (key, value) = item
                .split_once('=')
                .ok_or_else(|| ExitError::usage(format!("--set {item:?}: expected KEY=VALUE")))?;
            let value: f64 = value.trim().parse().map_err(|_| {
                ExitError::usage(format!("--set {item:?}: {value:?} is not a number"))
            })?;
            sweep::keys::set_numeric(&mut spec, key.trim(), value).map_err(ExitError::usage)?;
        }
        spec.dissipation = match self.dissipation.as_deref() {
            Some("collective") => Some(Dissipation::Collective),
            Some(_) => Some(Dissipation::Individual),
            None => None,
        };
        let initial = match self.initial.as_deref() {
            Some("excited") => InitialState::Excited,
            Some("mixed") => InitialState::Mixed,
            _ => InitialState::Ground,
        };
        let options = SteadyOptions {
            initial,
            ..SteadyOptions::default()
        };
        Ok((spec, options))
    }
}

#[derive(clap::Args, Debug)]
struct SweepArgs {
    #[command(flatten)]
    model: ModelArgs,
    /// Swept key: KEY=START:STOP:COUNT (inclusive), KEY=log:START:STOP:COUNT or KEY=A,B,C.
    /// Once or twice (two gives a 2-D grid).
    #[arg(long, value_name = "KEY=VALUES", required = true)]
    vary: Vec<String>,
    /// A family of curves: KEY=A,B,C (same grammar as --vary).
    #[arg(long, value_name = "KEY=VALUES")]
    series: Option<String>,
    /// Output file (CSV, or JSON with --json); standard output when absent.
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
    /// Write a JSON array of objects instead of CSV.
    #[arg(long)]
    json: bool,
    /// Draw W as a line plot (one varied key) or heat map (two): FILE.png or FILE.svg.
    #[arg(long, value_name = "FILE")]
    plot: Option<PathBuf>,
    /// Worker threads (default: one per core).
    #[arg(long, value_name = "N", conflicts_with = "serial")]
    threads: Option<usize>,
    /// Compute the points one after another on one thread.
    #[arg(long)]
    serial: bool,
    /// Continue an interrupted sweep from OUT.partial, recomputing none of its rows.
    #[arg(long)]
    resume: bool,
}

fn run(cli: Cli) -> Result<(), ExitError> {
    match cli.command {
        Command::Sweep(args) => {
            let (base, options) = args.model.resolve()?;
            let threads = match (args.serial, args.threads) {
                (true, _) | (false, Some(1)) => sweep::exec::Threads::Serial,
                (false, Some(n)) => sweep::exec::Threads::Pool(n),
                (false, None) => sweep::exec::Threads::Pool(0),
            };
            sweep::run(&sweep::SweepRequest {
                base,
                options,
                vary: args.vary,
                series: args.series,
                out: args.out,
                json: args.json,
                plot: args.plot,
                threads,
                resume: args.resume,
            })
        }
        Command::Figures(args) => figures::run(&args),
    }
}

fn main() -> ExitCode {
    match run(Cli::parse()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("qbat: error: {}", e.message);
            ExitCode::from(e.code as u8)
        }
    }
}
