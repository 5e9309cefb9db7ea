//! Provenance of an output file: the complete model, the qbat version and the command line,
//! so that a CSV or JSON file says how it was made.
//!
//! JSON outputs embed the record under the key `provenance`; CSV outputs get a sidecar file
//! `OUT.meta.json` next to them ([`sidecar_path`], written by [`write_sidecar`]), since CSV
//! readers (pandas, numpy, spreadsheets) choke on comment lines. The record:
//!
//! ```json
//! {"qbat_version": "0.1.0", "command_line": ["qbat", "evolve", "--n", "4"], "model": {...}}
//! ```
//!
//! `model` is whatever the command resolved (defaults filled in; `qbat evolve` and
//! `qbat steady` use `report::ModelReport`); a command may add its own keys with
//! [`Provenance::with`] (a sweep's axes, evolve's times).

use std::path::{Path, PathBuf};

use serde_json::{Map, Value};

use crate::atomic::write_atomic;
use crate::error::CliError;

/// The version of this binary (`Cargo.toml`).
pub const QBAT_VERSION: &str = env!("CARGO_PKG_VERSION");

/// A provenance record being built: start with [`Provenance::new`], add keys with
/// [`Provenance::with`], finish with [`Provenance::into_value`].
#[derive(Clone, Debug, PartialEq)]
pub struct Provenance {
    fields: Map<String, Value>,
}

impl Provenance {
    /// A record of `model` (the complete resolved model as JSON) made by the command line
    /// `argv` (program name first).
    pub fn new(model: Value, argv: Vec<String>) -> Provenance {
        let mut fields = Map::new();
        fields.insert("qbat_version".into(), Value::from(QBAT_VERSION));
        fields.insert("command_line".into(), Value::from(argv));
        fields.insert("model".into(), model);
        Provenance { fields }
    }

    /// [`Provenance::new`] with this process's command line ([`command_line`]).
    pub fn of_this_run(model: Value) -> Provenance {
        Provenance::new(model, command_line())
    }

    /// The record with one more key (replacing one of the same name).
    pub fn with(mut self, key: &str, value: Value) -> Provenance {
        self.fields.insert(key.to_string(), value);
        self
    }

    /// The record as a JSON object: `qbat_version`, `command_line`, `model`, then the keys
    /// added (in the order `serde_json` keeps them: sorted).
    pub fn into_value(self) -> Value {
        Value::Object(self.fields)
    }
}

/// This process's arguments, program name first (non-UTF-8 bytes replaced).
pub fn command_line() -> Vec<String> {
    std::env::args_os()
        .map(|a| a.to_string_lossy().into_owned())
        .collect()
}

/// The sidecar of an output file: `OUT.meta.json` (`run.csv` gives `run.csv.meta.json`).
pub fn sidecar_path(out: &Path) -> PathBuf {
    let mut name = out.as_os_str().to_owned();
    name.push(".meta.json");
    PathBuf::from(name)
}

/// Writes `value` (pretty-printed, one trailing newline) to the sidecar of `out`,
/// atomically.
///
/// # Errors
/// [`CliError::Output`] naming the sidecar's path.
pub fn write_sidecar(out: &Path, value: &Value) -> Result<(), CliError> {
    let path = sidecar_path(out);
    let mut text = serde_json::to_string_pretty(value)
        .map_err(|e| CliError::Output(format!("cannot encode {}: {e}", path.display())))?;
    text.push('\n');
    write_atomic(&path, text.as_bytes())
        .map_err(|e| CliError::Output(format!("cannot write {}: {e}", path.display())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn record_and_sidecar_name() {
        let model = serde_json::json!({"n": 3});
        let v = Provenance::new(model.clone(), vec!["qbat".into(), "evolve".into()])
            .with("times", serde_json::json!([0.0, 1.0]))
            .into_value();
        assert_eq!(v["qbat_version"], QBAT_VERSION);
        assert_eq!(v["command_line"], serde_json::json!(["qbat", "evolve"]));
        assert_eq!(v["model"], model);
        assert_eq!(v["times"], serde_json::json!([0.0, 1.0]));
        assert_eq!(
            sidecar_path(Path::new("out/run.csv")),
            PathBuf::from("out/run.csv.meta.json")
        );
    }
}
