//! Provenance of a sweep's output: the record of [`crate::provenance`] (qbat version, command
//! line, the complete model, here the model at the sweep's first point) with the sweep's own
//! keys (model file, axes, points, outputs, fingerprint).
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
use crate::provenance::Provenance;
use crate::report::ModelReport;

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
    let model = ModelReport::new(
        first_model,
        first_run.options.initial,
        first_run.options.method,
    );
    let solver = first_run
        .options
        .solver
        .map_or("auto".into(), |s| s.to_string());
    Provenance::new(
        serde_json::to_value(model).expect("a model report is plain data"),
        definition.command.clone(),
    )
    .with("solver", json!(solver))
    .with("model_file", json!(definition.config_text))
    .with("axes", json!(axes))
    .with("points", json!(grid.len()))
    .with("outputs", json!(outputs))
    .with("fingerprint", json!(fingerprint))
    .into_value()
}
