//! Command-line interface: one module per subcommand.

pub mod steady;

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
}

/// Runs the parsed command, writing its output to stdout.
///
/// # Errors
/// A [`CliError`] carrying the message and exit code.
pub fn run(cli: Cli) -> Result<(), CliError> {
    match cli.command {
        Command::Steady(args) => steady::run(&args),
    }
}
