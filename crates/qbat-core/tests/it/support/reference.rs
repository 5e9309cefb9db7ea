//! The QuTiP reference data in the repository's `tests/data/reference` (copied from the
//! project's shared reference set; its README names the source): locating the files and turning
//! a `points-dev.json` model into qbat's types.
//!
//! Source: QuTiP 5.3.1 reference data (`tests/data/reference/README.md` for the conventions).

use std::path::PathBuf;

use qbat_core::{Dissipation, InitialState, Model, ModelSpec, PerQubit, Statistics, Topology};
use serde_json::Value;

/// `tests/data/reference/<name>` at the repository root: the QuTiP reference data.
pub fn reference_file(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/data/reference")
        .join(name)
}

/// The `points` array of `points-dev.json`: each has an `id`, a `model` (see
/// [`model_of`]) and the `expected` QuTiP values.
pub fn points() -> Vec<Value> {
    let path = reference_file("points-dev.json");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path:?}: {e}"));
    let data: Value = serde_json::from_str(&text).unwrap();
    data["points"].as_array().unwrap().clone()
}

/// A scalar or a list, as the reference files write per-qubit values.
pub fn per_qubit(value: &Value) -> PerQubit {
    match value {
        Value::Array(list) => PerQubit::List(list.iter().map(|v| v.as_f64().unwrap()).collect()),
        v => PerQubit::Uniform(v.as_f64().unwrap()),
    }
}

/// `"ground" | "excited" | "mixed"`.
pub fn initial_of(name: &str) -> InitialState {
    name.parse().unwrap_or_else(|e| panic!("{e}"))
}

/// A JSON file (the reference data, or `tests/data` of this crate).
pub fn read_json(path: &std::path::Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path:?}: {e}"));
    serde_json::from_str(&text).unwrap()
}

/// The model and initial state of one reference point (`initial` defaults to ground).
pub fn model_of(m: &Value) -> (Model, InitialState) {
    let name = |key: &str| m[key].as_str().unwrap();
    let dissipation: Dissipation = name("dissipation")
        .parse()
        .unwrap_or_else(|e| panic!("{e}"));
    let topology: Topology = name("topology").parse().unwrap_or_else(|e| panic!("{e}"));
    let statistics: Statistics = name("statistics").parse().unwrap_or_else(|e| panic!("{e}"));
    let initial = initial_of(m["initial"].as_str().unwrap_or("ground"));
    let individual = dissipation == Dissipation::Individual;
    let spec = ModelSpec {
        n: Some(m["n"].as_u64().unwrap() as usize),
        topology: Some(topology),
        omega0: Some(per_qubit(&m["omega0"])),
        coupling: m["coupling"].as_f64(),
        dissipation: Some(dissipation),
        statistics: Some(statistics),
        omega: m["omega"].as_f64(),
        gamma: Some(per_qubit(&m["gamma"])),
        temperature: Some(per_qubit(&m["temperature"])),
        mu: Some(per_qubit(&m["mu"])),
        // the reference lists mu per qubit: no extra bias (Model::new only adds the default
        // dmu to a scalar mu)
        dmu: individual.then_some(0.0),
    };
    (Model::new(&spec).unwrap(), initial)
}

/// The `points` array of `thermo-dev.json` (QuTiP 5.3.1 reference data): each has an `id`, a
/// `model` in qbat's model-file keys (absent keys take qbat's defaults) and `expected`.
pub fn thermo_points() -> Vec<Value> {
    let data = read_json(&reference_file("thermo-dev.json"));
    data["points"].as_array().unwrap().clone()
}

/// The model and initial state of a `thermo-dev.json` point: model-file keys, defaults for the
/// absent ones (a `mu` list is used as given when `dmu` is 0).
pub fn thermo_model_of(m: &Value) -> (Model, InitialState) {
    let parse = |key: &str| m.get(key).and_then(Value::as_str);
    let spec = ModelSpec {
        n: m.get("n").and_then(Value::as_u64).map(|n| n as usize),
        topology: parse("topology").map(|s| s.parse().unwrap_or_else(|e| panic!("{e}"))),
        omega0: m.get("omega0").map(per_qubit),
        coupling: m.get("coupling").and_then(Value::as_f64),
        dissipation: parse("dissipation").map(|s| s.parse().unwrap_or_else(|e| panic!("{e}"))),
        statistics: parse("statistics").map(|s| s.parse().unwrap_or_else(|e| panic!("{e}"))),
        omega: m.get("omega").and_then(Value::as_f64),
        gamma: m.get("gamma").map(per_qubit),
        temperature: m.get("temperature").map(per_qubit),
        mu: m.get("mu").map(per_qubit),
        dmu: m.get("dmu").and_then(Value::as_f64),
    };
    let initial = initial_of(parse("initial").unwrap_or("ground"));
    (Model::new(&spec).unwrap(), initial)
}
