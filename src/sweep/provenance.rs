//! Provenance of a sweep's output: the complete model, the qbat version and the command line.
//!
//! A CSV file gets it in a sidecar `OUT.meta.json` (CSV readers stay untouched); a JSON file
//! embeds it (`{"provenance": ..., "rows": [...]}`). It holds nothing that depends on how the
//! sweep was run (no time, host, thread count, shard or resume), and the command line is the
//! sweep's canonical one ([`Definition::command`]: the model file, the model flags in registry
//! order, `--vary`, `--series`, `--outputs`; not `--out`, `--json`, `--plot`, `--threads`,
//! `--serial`, `--resume` or `--shard`). So a sharded sweep merged with `qbat merge` writes
//! the same bytes, provenance included, as the same sweep run at once.

use qbat_core::Model;
use serde::{Deserialize, Serialize};
use serde_json::json;

use crate::config::RunConfig;

use super::grid::Grid;

/// What defines a sweep, stored in every shard file so that `qbat merge` can rebuild it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Definition {
    /// The canonical command line, `qbat sweep ...`.
    pub command: Vec<String>,
    /// The model file's text, when `--config` gave one (the merge does not read the file
    /// again: a shard stands alone).
    pub config_text: Option<String>,
}

/// The model as it is solved, every key resolved (`model` keys; per-reservoir lists).
pub fn model_json(model: &Model, run: &RunConfig) -> serde_json::Value {
    let r = model.reservoirs();
    json!({
        "n": model.n(),
        "topology": model.topology().to_string(),
        "edges": model.edges(),
        "omega0": model.omega0(),
        "coupling": model.coupling(),
        "dissipation": model.dissipation().to_string(),
        "statistics": model.statistics().to_string(),
        "omega": model.omega(),
        "gamma": r.iter().map(|x| x.gamma).collect::<Vec<_>>(),
        "temperature": r.iter().map(|x| x.temperature).collect::<Vec<_>>(),
        "mu": r.iter().map(|x| x.mu).collect::<Vec<_>>(),
        "initial": run.options.initial.to_string(),
        "method": run.options.method.to_string(),
        "solver": run.options.solver.map(|s| s.to_string()).unwrap_or_else(|| "auto".into()),
    })
}

/// The provenance object of a sweep's output (keys sorted when printed).
pub fn provenance(
    definition: &Definition,
    first_model: &Model,
    first_run: &RunConfig,
    grid: &Grid,
    outputs: &[&str],
    fingerprint: &str,
) -> serde_json::Value {
    let axes: Vec<serde_json::Value> = grid
        .axes
        .iter()
        .enumerate()
        .map(|(k, a)| {
            json!({
                "key": a.key,
                "role": if k < grid.axes.len() - grid.vary_count { "series" } else { "vary" },
                "count": a.values.len(),
                "first": a.values.get(0),
                "last": a.values.get(a.values.len() - 1),
            })
        })
        .collect();
    let value = json!({
        "qbat_version": env!("CARGO_PKG_VERSION"),
        "command": definition.command,
        "model_file": definition.config_text,
        "model_at_first_point": model_json(first_model, first_run),
        "axes": axes,
        "points": grid.len(),
        "outputs": outputs,
        "fingerprint": fingerprint,
    });
    value
}
