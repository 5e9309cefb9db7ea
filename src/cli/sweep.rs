//! `qbat sweep`: the steady state over a grid of parameter values.

use std::path::PathBuf;

use clap::Args;

use crate::config::{self, KeyValue, ModelArgs};
use crate::error::CliError;
use crate::sweep::provenance::Definition;
use crate::sweep::select::Shard;
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
    /// Compute only shard I of K (points i with i mod K = I-1) into the shard file --out,
    /// for qbat merge; `slurm` takes I and K from SLURM_ARRAY_TASK_ID, SLURM_ARRAY_TASK_MIN
    /// and SLURM_ARRAY_TASK_COUNT; the output format (CSV, --json) is chosen by qbat merge
    #[arg(long, value_name = "I/K|slurm")]
    pub shard: Option<String>,
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

/// The sweep's canonical command line: `qbat sweep`, the model file, the model flags in
/// registry order (the last of a repeated flag), `--vary`, `--series` and `--outputs`; none
/// of the options that do not change the rows (`--out`, `--json`, `--plot`, `--threads`,
/// `--serial`, `--resume`, `--shard`).
pub fn canonical_command(args: &SweepArgs, outputs: &[&str]) -> Vec<String> {
    let mut command = vec!["qbat".to_string(), "sweep".to_string()];
    let mut put = |flag: &str, value: String| {
        command.push(flag.to_string());
        command.push(value);
    };
    if let Some(path) = &args.model.config {
        put("--config", path.display().to_string());
    }
    for (key, value) in args.model.overrides() {
        let text = match value {
            KeyValue::Text(text) => text,
            other => other.to_string(),
        };
        put(&format!("--{key}"), text);
    }
    for vary in &args.vary {
        put("--vary", vary.clone());
    }
    if let Some(series) = &args.series {
        put("--series", series.clone());
    }
    if args.outputs.is_some() {
        put("--outputs", outputs.join(","));
    }
    command
}

/// The sweep `args` ask for, its model file's text given (`config_text`, read by the caller
/// from `--config`, or stored in a shard file).
///
/// # Errors
/// Bad outputs, a bad model, a bad `--shard`.
pub fn request(args: &SweepArgs, config_text: Option<String>) -> Result<SweepRequest, CliError> {
    let outputs = match &args.outputs {
        Some(list) => sweep::point::parse_outputs(list)?,
        None => sweep::point::DEFAULT_OUTPUTS.to_vec(),
    };
    let base = match (&args.model.config, &config_text) {
        (Some(path), Some(text)) => config::resolve(
            Some((path.as_path(), text.as_str())),
            &args.model.overrides(),
        )?,
        _ => config::resolve(None, &args.model.overrides())?,
    };
    let shard = args
        .shard
        .as_deref()
        .map(|s| Shard::parse(s, |name| std::env::var(name).ok()))
        .transpose()
        .map_err(CliError::Input)?;
    Ok(SweepRequest {
        base,
        vary: args.vary.clone(),
        series: args.series.clone(),
        out: args.out.clone(),
        json: args.json,
        plot: args.plot.clone(),
        threads: threads(args.serial, args.threads),
        resume: args.resume,
        definition: Definition {
            command: canonical_command(args, &outputs),
            config_text,
        },
        outputs,
        shard,
    })
}

/// Resolves the base model and runs the sweep.
///
/// # Errors
/// As [`sweep::run`].
pub fn run(args: &SweepArgs) -> Result<(), CliError> {
    // read the model file once: its text is resolved here and kept for the shard files
    let config_text = match &args.model.config {
        Some(_) => {
            config::load(&args.model)?;
            args.model
                .config
                .as_ref()
                .map(std::fs::read_to_string)
                .transpose()
                .map_err(|e| CliError::Input(format!("config file: {e}")))?
        }
        None => None,
    };
    sweep::run(&request(args, config_text)?)
}
