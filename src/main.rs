//! `qbat`: steady states, ergotropy and charging of open quantum batteries.
//!
//! The physics lives in `qbat-core` (no IO); this binary reads model files and flags, runs
//! the solvers and writes summaries, JSON, CSV and figures. Exit codes: 0 success, 2 bad
//! input (one line on stderr naming the field and value, nothing on stdout; also an output
//! path that cannot be written, checked before computing), 1 numerical failure or a write
//! that fails after computing, 3 a sweep stopped before completion (resumable with `--resume`),
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
mod provenance;
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
                    eprintln!("qbat: {}", one_line(&e.render().to_string()));
                    ExitCode::from(2)
                }
            };
        }
    };
    system::tune_allocator();
    interrupt::install();
    match cli::run(parsed) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("qbat: {e}");
            ExitCode::from(e.exit_code())
        }
    }
}

/// clap's message on one line: the error, the arguments it lists (a missing required
/// argument's name) and its tips ("a similar argument exists: '--gamma'"), without the usage
/// and the pointer to `--help`.
fn one_line(rendered: &str) -> String {
    let mut text = String::new();
    for line in rendered.lines() {
        let line = line.trim();
        if line.starts_with("Usage:") || line.starts_with("For more information") {
            break;
        }
        if line.is_empty() {
            continue;
        }
        let line = line.strip_prefix("error: ").unwrap_or(line);
        if !text.is_empty() {
            text.push_str(if text.ends_with(':') { " " } else { "; " });
        }
        text.push_str(line);
    }
    if text.is_empty() {
        "invalid arguments".into()
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn clap_errors_on_one_line() {
        // clap 4's rendering of a missing argument and of an unknown one with a suggestion
        let missing = "error: the following required arguments were not provided:\n  \
                       --vary <KEY=VALUES>\n\nUsage: qbat sweep --vary <KEY=VALUES>\n\n\
                       For more information, try '--help'.\n";
        assert_eq!(
            super::one_line(missing),
            "the following required arguments were not provided: --vary <KEY=VALUES>"
        );
        let similar = "error: unexpected argument '--gama' found\n\n  tip: a similar \
                       argument exists: '--gamma'\n\nUsage: qbat steady [OPTIONS]\n";
        assert_eq!(
            super::one_line(similar),
            "unexpected argument '--gama' found; tip: a similar argument exists: '--gamma'"
        );
    }
}
