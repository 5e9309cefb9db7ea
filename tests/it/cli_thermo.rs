//! `qbat steady --json` thermodynamics keys and `qbat sweep --outputs` against the QuTiP
//! reference data (tests/data/reference/thermo-dev.json), and the bad-input contract.

use crate::common::{qbat, stderr, temp_dir};
use serde_json::Value;
use std::path::PathBuf;

fn reference_points() -> Vec<Value> {
    let path =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/reference/thermo-dev.json");
    let data: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    data["points"].as_array().unwrap().clone()
}

/// The point's `model` (model-file keys) as a model file: JSON scalars, strings and number
/// lists are TOML values as written.
fn model_file(dir: &std::path::Path, point: &Value) -> PathBuf {
    let text: String = point["model"]
        .as_object()
        .unwrap()
        .iter()
        .map(|(k, v)| format!("{k} = {v}\n"))
        .collect();
    let path = dir.join(format!("{}.toml", point["id"].as_str().unwrap()));
    std::fs::write(&path, text).unwrap();
    path
}

fn close(a: &Value, b: &Value, what: &str) {
    let (x, y) = (a.as_f64().unwrap(), b.as_f64().unwrap());
    assert!((x - y).abs() <= 1e-8, "{what}: {x} vs {y}");
}

#[test]
fn steady_json_matches_the_qutip_reference() {
    // source: QuTiP 5.3.1 reference data, tests/data/reference/thermo-dev.json
    let dir = temp_dir("cli_thermo_steady");
    for point in reference_points() {
        let id = point["id"].as_str().unwrap();
        let file = model_file(&dir, &point);
        let out = qbat(
            &["steady", "--json", "--config", file.to_str().unwrap()],
            &[],
        );
        assert!(out.status.success(), "{id}: {}", stderr(&out));
        let v: Value = serde_json::from_slice(&out.stdout).unwrap();
        let e = &point["expected"];
        let (got, want) = (
            v["currents"].as_array().unwrap(),
            e["currents"].as_array().unwrap(),
        );
        assert_eq!(got.len(), want.len(), "{id}");
        for (g, w) in got.iter().zip(want) {
            assert_eq!(g["reservoir"], w["reservoir"], "{id}");
            assert_eq!(g["qubits"], w["qubits"], "{id}");
            close(&g["particle"], &w["particle"], &format!("{id} particle"));
            close(&g["energy"], &w["energy"], &format!("{id} energy"));
        }
        for key in [
            "entropy_production",
            "mutual_information",
            "concurrence",
            "W",
        ] {
            if e[key].is_null() {
                assert!(v[key].is_null(), "{id} {key}: {}", v[key]);
            } else {
                close(&v[key], &e[key], &format!("{id} {key}"));
            }
        }
        close(&v["particle_current_residual"], &e["sum_particle"], id);
        close(&v["energy_current_residual"], &e["sum_energy"], id);
    }
}

#[test]
fn one_qubit_has_null_correlations() {
    let out = qbat(&["steady", "--json", "--n", "1"], &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(v["mutual_information"].is_null() && v["concurrence"].is_null());
    assert_eq!(v["currents"].as_array().unwrap().len(), 1);
}

#[test]
fn sweep_outputs_choose_the_columns() {
    // the Fig. 4 point (dmu = 2) is the reference's point t2 (QuTiP 5.3.1 reference data,
    // thermo-dev.json): W, Sigma and the battery's particle current
    let out = qbat(
        &[
            "sweep",
            "--serial",
            "--vary",
            "dmu=0,2",
            "--outputs",
            "W,entropy_production,particle_current_battery,concurrence",
        ],
        &[],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let text = String::from_utf8(out.stdout).unwrap();
    let mut lines = text.lines();
    assert_eq!(
        lines.next().unwrap(),
        "dmu,W,entropy_production,particle_current_battery,concurrence"
    );
    let first: Vec<f64> = lines
        .next()
        .unwrap()
        .split(',')
        .map(|f| f.parse().unwrap())
        .collect();
    // dmu = 0: every reservoir is at the same mu and T, the state is the Gibbs state: no
    // current, no entropy production (closed form)
    assert!(
        first[2].abs() < 1e-12 && first[3].abs() < 1e-12,
        "{first:?}"
    );
    let second: Vec<f64> = lines
        .next()
        .unwrap()
        .split(',')
        .map(|f| f.parse().unwrap())
        .collect();
    let t2 = &reference_points()[0]["expected"];
    assert!((second[1] - t2["W"].as_f64().unwrap()).abs() < 1e-8);
    assert!((second[2] - t2["entropy_production"].as_f64().unwrap()).abs() < 1e-8);
    assert!((second[3] - t2["currents"][0]["particle"].as_f64().unwrap()).abs() < 1e-8);
}

#[test]
fn sweep_rejects_an_unknown_output() {
    let out = qbat(
        &[
            "sweep",
            "--vary",
            "dmu=0,2",
            "--outputs",
            "W,entropy_prodution",
        ],
        &[],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("entropy_prodution"),
        "{}",
        stderr(&out)
    );
    assert!(out.stdout.is_empty());
}

#[test]
fn thermo_figure_has_its_columns_and_report_paragraph() {
    let dir = temp_dir("cli_thermo_figure");
    let out = qbat(
        &[
            "figures",
            "--only",
            "thermo",
            "--points",
            "11",
            "--out",
            dir.to_str().unwrap(),
        ],
        &[],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let text = std::fs::read_to_string(dir.join("thermo.csv")).unwrap();
    let mut lines = text.lines();
    assert_eq!(
        lines.next().unwrap(),
        "dmu,W,particle_current_battery,entropy_production"
    );
    // dmu = 2 is the reference's point t2 (QuTiP 5.3.1 reference data, thermo-dev.json)
    let row: Vec<f64> = lines
        .nth(2)
        .unwrap()
        .split(',')
        .map(|f| f.parse().unwrap())
        .collect();
    let t2 = &reference_points()[0]["expected"];
    assert_eq!(row[0], 2.0);
    assert!((row[1] - t2["W"].as_f64().unwrap()).abs() < 1e-8);
    assert!((row[2] - t2["currents"][0]["particle"].as_f64().unwrap()).abs() < 1e-8);
    assert!((row[3] - t2["entropy_production"].as_f64().unwrap()).abs() < 1e-8);
    for ext in ["png", "svg"] {
        assert!(dir.join(format!("thermo.{ext}")).exists());
    }
    let report = std::fs::read_to_string(dir.join("REPORT.md")).unwrap();
    assert!(report.contains("## Beyond the paper: what charging costs"));
}
