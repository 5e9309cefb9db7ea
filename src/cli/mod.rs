//! Command-line interface: one module per subcommand.

pub mod evolve;
pub mod figures;
pub mod merge;
pub mod steady;
pub mod sweep;

use clap::{Parser, Subcommand};

use crate::error::CliError;

/// Steady states, ergotropy and charging of open quantum batteries
/// (Kamin, Salimi, Arjmandi, PRA 109, 022226 (2024)).
#[derive(Parser, Debug)]
#[command(name = "qbat", version, about, long_about = None)]
pub struct Cli {
    /// What to compute.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Subcommand, Debug)]
pub enum Command {
    /// Steady state of one model: battery ergotropy, energies, populations, diagnostics
    Steady(steady::SteadyArgs),
    /// Charging dynamics from the initial state: W(t), E_B(t), charging time, power, gap
    Evolve(evolve::EvolveArgs),
    /// Steady states over a grid of parameter values: CSV/JSON, optional plot, resumable
    Sweep(sweep::SweepArgs),
    /// Assemble the shard files of a sweep (qbat sweep --shard I/K) into its output
    Merge(merge::MergeArgs),
    /// Recompute the paper's Figs. 2-6 (CSV, PNG, SVG) and check its claims in REPORT.md
    Figures(figures::FiguresArgs),
}

impl Cli {
    /// Parses a stored command line (`qbat sweep ...`, from a shard file).
    ///
    /// # Errors
    /// clap's error when the arguments do not parse.
    pub fn try_parse_from_args(args: &[String]) -> Result<Cli, clap::Error> {
        Cli::try_parse_from(args)
    }
}

/// Runs the parsed command, writing its output to stdout.
///
/// # Errors
/// A [`CliError`] carrying the message and exit code.
pub fn run(cli: Cli) -> Result<(), CliError> {
    match cli.command {
        Command::Steady(args) => steady::run(&args),
        Command::Evolve(args) => evolve::run(&args),
        Command::Sweep(args) => sweep::run(&args),
        Command::Figures(args) => figures::run(&args),
        Command::Merge(args) => merge::run(&args),
    }
}
