//! `qbat figures`: the paper's Figs. 2-6 with REPORT.md.

use std::path::PathBuf;

use clap::Args;

use crate::error::CliError;
use crate::figures::{self, FiguresRequest};

/// Options of `qbat figures`.
#[derive(Args, Debug)]
pub struct FiguresArgs {
    /// Output directory (created if missing)
    #[arg(long, value_name = "DIR", default_value = "figures")]
    pub out: PathBuf,
    /// Points per curve for every figure [default: 101; 201 for fig4 and 200 for fig5, the
    /// reference grids]; fewer give a quick look
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(2..))]
    pub points: Option<u32>,
    /// Only these figures, comma separated (fig2,fig4)
    #[arg(long, value_name = "LIST", value_delimiter = ',')]
    pub only: Vec<String>,
    /// Worker threads [default: one per core]
    #[arg(long, value_name = "N", conflicts_with = "serial",
          value_parser = crate::config::parse_threads)]
    pub threads: Option<usize>,
    /// Compute one point after another on one thread
    #[arg(long)]
    pub serial: bool,
}

/// Runs `qbat figures`.
///
/// # Errors
/// As [`figures::run`].
pub fn run(args: &FiguresArgs) -> Result<(), CliError> {
    figures::run(&FiguresRequest {
        out: args.out.clone(),
        points: args.points.map(|p| p as usize),
        only: args.only.clone(),
        threads: super::sweep::threads(args.serial, args.threads),
    })
}
