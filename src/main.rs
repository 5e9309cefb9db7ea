//! `qbat`: steady states, ergotropy and charging of open quantum batteries.
//!
//! The physics lives in `qbat-core` (no IO); this binary reads model files and flags, runs
//! the solvers and writes summaries, JSON, CSV and figures. Exit codes: 0 success, 2 bad
//! input (one line on stderr naming the field and value, nothing on stdout), 1 numerical
//! failure or failed write, 3 a sweep stopped before completion (resumable with `--resume`),
//! 130 another command, or a sweep to stdout, interrupted (Ctrl-C, SIGTERM).

mod atomic;
mod cli;
mod config;
mod error;
mod evolve_report;
mod figures;
mod interrupt;
mod output;
mod plot;
mod report;
mod sweep;
mod system;

use std::process::ExitCode;

use clap::error::ErrorKind;
use clap::Parser;

fn main() -> ExitCode {
    let parsed = match cli::Cli::try_parse() {
        Ok(parsed) => parsed,
        Err(e) => {
            return match e.kind() {
                ErrorKind::DisplayHelp
                | ErrorKind::DisplayVersion
                | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
                    let _ = e.print();
                    ExitCode::from(e.exit_code().clamp(0, 255) as u8)
                }
                _ => {
                    // clap's own message spans several lines (usage, tips); keep the first
                    let rendered = e.render().to_string();
                    let first = rendered.lines().next().unwrap_or("invalid arguments");
                    eprintln!("qbat: {}", first.trim_start_matches("error: "));
                    ExitCode::from(2)
                }
            };
        }
    };
    interrupt::install();
    match cli::run(parsed) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("qbat: {e}");
            ExitCode::from(e.exit_code())
        }
    }
}
