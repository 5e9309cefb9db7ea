//! Shared helpers of the dynamics tests: models from the JSON reference files.

#![allow(dead_code)]

use qbat_core::{Dissipation, InitialState, ModelSpec, PerQubit, Statistics, Topology};
use serde_json::Value;

/// A scalar or a list, as the reference files write per-qubit values.
fn per_qubit(value: &Value) -> PerQubit {
    match value {
        Value::Array(list) => PerQubit::List(list.iter().map(|v| v.as_f64().unwrap()).collect()),
        v => PerQubit::Uniform(v.as_f64().unwrap()),
    }
}

/// A [`ModelSpec`] from qbat's model keys (lists are per qubit, battery first, `dmu` applied).
pub fn spec(model: &Value) -> ModelSpec {
    assert_eq!(model["topology"], "star");
    assert_eq!(model["statistics"], "fermi");
    ModelSpec {
        n: Some(model["n"].as_u64().unwrap() as usize),
        topology: Some(Topology::Star),
        omega0: Some(per_qubit(&model["omega0"])),
        coupling: Some(model["coupling"].as_f64().unwrap()),
        dissipation: Some(match model["dissipation"].as_str().unwrap() {
            "collective" => Dissipation::Collective,
            _ => Dissipation::Individual,
        }),
        statistics: Some(Statistics::Fermi),
        omega: Some(model["omega"].as_f64().unwrap()),
        gamma: Some(per_qubit(&model["gamma"])),
        temperature: Some(per_qubit(&model["temperature"])),
        mu: Some(per_qubit(&model["mu"])),
        // the files list every reservoir's mu, the bias already applied
        dmu: match model["dissipation"].as_str().unwrap() {
            "collective" => None,
            _ => Some(0.0),
        },
    }
}

/// `"ground" | "excited" | "mixed"`.
pub fn initial(name: &str) -> InitialState {
    match name {
        "ground" => InitialState::Ground,
        "excited" => InitialState::Excited,
        "mixed" => InitialState::Mixed,
        other => panic!("unknown initial state {other}"),
    }
}

/// Reads a JSON file under `crates/qbat-core/tests/data` or `/work/shared/reference`.
pub fn read_json(path: &str) -> Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str(&text).unwrap()
}
