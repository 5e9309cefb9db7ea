//! `qbat merge`: the shard files of a sweep (`qbat sweep --shard I/K`) into its output.

use std::path::PathBuf;

use clap::Args;

use crate::error::CliError;
use crate::sweep::{self, shard::ShardFile};

/// Options of `qbat merge`.
#[derive(Args, Debug)]
pub struct MergeArgs {
    /// The shard files, every shard of one sweep once, in any order
    #[arg(value_name = "SHARD", required = true)]
    pub shards: Vec<PathBuf>,
    /// The sweep's output file (the bytes `qbat sweep --out FILE` writes)
    #[arg(long, value_name = "FILE", required = true)]
    pub out: PathBuf,
    /// Write a JSON object with the rows instead of CSV (as qbat sweep --json)
    #[arg(long)]
    pub json: bool,
    /// Draw W, as qbat sweep --plot; FILE.png or FILE.svg
    #[arg(long, value_name = "FILE")]
    pub plot: Option<PathBuf>,
}

/// Checks the shards, rebuilds their sweep from its stored definition and writes its output.
///
/// # Errors
/// [`CliError::Input`] (exit 2) for a missing, foreign, duplicated, truncated or corrupt shard,
/// naming the file or the missing shard numbers; [`CliError::Output`] for a failed write.
pub fn run(args: &MergeArgs) -> Result<(), CliError> {
    let mut shards = args
        .shards
        .iter()
        .map(|p| ShardFile::open(p))
        .collect::<Result<Vec<_>, _>>()?;
    sweep::shard::check_set(&mut shards)?;
    let first = &shards[0];
    let corrupt = |why: String| {
        CliError::Input(format!(
            "{}: corrupt shard file (its definition: {why})",
            first.path.display()
        ))
    };
    let parsed = crate::cli::Cli::try_parse_from_args(&first.definition.command)
        .map_err(|e| corrupt(e.to_string()))?;
    let crate::cli::Command::Sweep(sweep_args) = parsed.command else {
        return Err(corrupt("not a qbat sweep command".into()));
    };
    let request = crate::cli::sweep::request(&sweep_args, first.definition.config_text.clone())
        .map_err(|e| corrupt(e.to_string()))?;
    let grid = sweep::build_grid(&request.base, &request.vary, request.series.as_deref())
        .map_err(|e| corrupt(e.to_string()))?;
    let fingerprint = sweep::fingerprint(&request.base, &grid, &request.outputs);
    if fingerprint != first.fingerprint || grid.len() != first.points {
        return Err(corrupt(format!(
            "it gives the sweep {fingerprint} of {} points, not {} of {}: edited, or written \
             by another qbat version",
            grid.len(),
            first.fingerprint,
            first.points
        )));
    }
    crate::atomic::check_writable("--out", &args.out)?;
    if let Some(plot) = &args.plot {
        sweep::check_plot(plot, &grid)?;
    }
    let keys = grid.keys();
    let provenance =
        sweep::provenance_of(&request.base, &grid, &request.outputs, &request.definition)?;
    let rows = sweep::write_output(
        &args.out,
        args.json,
        &keys,
        &request.outputs,
        &provenance,
        grid.len(),
        args.plot.is_some(),
        |sink| sweep::shard::for_each_row(&mut shards, &keys, sink),
    )?;
    if let Some(plot) = &args.plot {
        sweep::figure::plot_rows(plot, &request.base, &grid, &rows, None)
            .map_err(|e| CliError::Output(e.to_string()))?;
    }
    Ok(())
}
