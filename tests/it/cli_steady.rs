//! `qbat steady` run as a real binary: output, JSON keys, reference values and bad input.

use std::path::PathBuf;
use std::process::{Command, Output};

use serde_json::Value;

fn qbat(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_qbat"))
        .args(args)
        .output()
        .expect("the qbat binary runs")
}

fn json(args: &[&str]) -> Value {
    let mut all = vec!["steady", "--json"];
    all.extend_from_slice(args);
    let out = qbat(&all);
    assert!(
        out.status.success(),
        "{all:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert_eq!(stdout.trim().lines().count(), 1, "exactly one JSON line");
    serde_json::from_str(&stdout).expect("stdout is one JSON object")
}

fn temp_file(name: &str, text: &str) -> PathBuf {
    let path = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(name);
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn defaults_print_a_summary() {
    let out = qbat(&["steady"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    let stdout = String::from_utf8(out.stdout).unwrap();
    for label in [
        "W (ergotropy / E_max)",
        "ergotropy",
        "rho_battery",
        "kernel_dim",
    ] {
        assert!(stdout.contains(label), "{label} missing from:\n{stdout}");
    }
}

#[test]
fn json_has_every_key_and_the_reference_value() {
    let v = json(&[]);
    for key in [
        "W",
        "ergotropy",
        "ergotropy_coherent",
        "ergotropy_incoherent",
        "rho_battery",
        "energy_battery",
        "energy_total",
        "excited_populations",
        "purity",
        "diagnostics",
        "model",
    ] {
        assert!(v.get(key).is_some(), "missing {key} in {v}");
    }
    for key in [
        "method",
        "reason",
        "kernel_dim",
        "residual",
        "min_eigenvalue",
        "seconds",
    ] {
        assert!(
            v["diagnostics"].get(key).is_some(),
            "missing diagnostics.{key}"
        );
    }
    assert_eq!(v["excited_populations"].as_array().unwrap().len(), 3);
    // The defaults are the paper's Fig. 4 point (n = 3, mu = 1, dmu = 2, T = 1, J = 1):
    // W = 0.38079707797788265, rho_battery = diag(0.6903985389889414, 0.3096014610110588),
    // tr(rho H_S) = 15.231883119115299, kernel dimension 1
    // (QuTiP 5.3.1 reference data, tests/data/reference: points-dev.json id 14; fig4.csv row J = 1).
    let close = |x: &Value, y: f64| (x.as_f64().unwrap() - y).abs() < 1e-9;
    assert!(close(&v["W"], 0.38079707797788265), "W = {}", v["W"]);
    assert!(close(&v["ergotropy"], 7.615941559557653));
    assert!(close(&v["energy_total"], 15.231883119115299));
    let rho = &v["rho_battery"];
    assert!(close(&rho[0][0][0], 0.6903985389889414) && close(&rho[0][0][1], 0.0));
    assert!(close(&rho[1][1][0], 0.3096014610110588) && close(&rho[1][1][1], 0.0));
    assert!(close(&rho[0][1][0], 0.0) && close(&rho[0][1][1], 0.0));
    assert_eq!(v["diagnostics"]["kernel_dim"], 1);
    // parts add up (closed form: E = E_i + E_c)
    let sum =
        v["ergotropy_coherent"].as_f64().unwrap() + v["ergotropy_incoherent"].as_f64().unwrap();
    assert!(close(&v["ergotropy"], sum));
}

#[test]
fn collective_point_takes_the_long_time_state_from_ground() {
    // QuTiP 5.3.1 reference data, tests/data/reference: points-dev.json, collective n = 3, mu = 3:
    // degenerate kernel (dimension 2), all-ground long-time state has W = 0.7615941559557659
    let v = json(&["--dissipation", "collective", "--mu", "3"]);
    assert!(
        (v["W"].as_f64().unwrap() - 0.7615941559557659).abs() < 1e-9,
        "{v}"
    );
    assert_eq!(v["diagnostics"]["kernel_dim"], 2);
    assert!(v["diagnostics"]["min_eigenvalue"].as_f64().unwrap() > -1e-12);
}

#[test]
fn file_and_flags_combine() {
    // the reference point written with per-qubit lists (QuTiP 5.3.1 reference data,
    // tests/data/reference: points-dev.json id 14), with the flag overriding the file's n
    let path = temp_file(
        "point14.toml",
        "n = 5\ntopology = \"star\"\nomega0 = 10.0\ncoupling = 1.0\ndissipation = \"individual\"\n\
         statistics = \"fermi\"\nomega = 1.0\ngamma = 1.0\ntemperature = [1.0, 1.0, 1.0]\n\
         mu = [1.0, 3.0, 3.0]\ninitial = \"ground\"\nmethod = \"auto\"\n",
    );
    let v = json(&["--config", path.to_str().unwrap(), "--n", "3"]);
    assert!(
        (v["W"].as_f64().unwrap() - 0.38079707797788265).abs() < 1e-9,
        "{v}"
    );
    assert_eq!(v["model"]["n"], 3);
    assert_eq!(v["model"]["mu"][2], 3.0);
}

/// Runs `qbat steady ARGS`, expects exit code 2, one stderr line containing every `needle`,
/// and nothing on stdout.
fn rejects(args: &[&str], needles: &[&str]) {
    let mut all = vec!["steady"];
    all.extend_from_slice(args);
    let out = qbat(&all);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{all:?}: {stderr}");
    assert!(out.stdout.is_empty(), "{all:?} wrote to stdout");
    assert_eq!(stderr.trim_end().lines().count(), 1, "{all:?}: {stderr}");
    for needle in needles {
        assert!(
            stderr.contains(needle),
            "{all:?}: {needle:?} not in {stderr:?}"
        );
    }
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn bad_flags_exit_2_naming_the_field() {
    rejects(&["--foo", "1"], &["--foo"]);
    rejects(&["--topology", "tree"], &["topology", "tree"]);
    rejects(&["--dissipation", "global"], &["dissipation", "global"]);
    rejects(&["--statistics", "boltzmann"], &["statistics", "boltzmann"]);
    rejects(&["--initial", "up"], &["initial", "up"]);
    rejects(&["--method", "lu"], &["method", "lu"]);
    rejects(&["--solver", "qr"], &["solver", "qr", "dense-kernel"]);
    // a solver that does not apply to the model: the planning step says why
    rejects(&["--dissipation", "collective", "--solver", "lu"], &["lu"]);
    rejects(&["--omega0"], &["--omega0"]);
    rejects(&["--coupling", "abc"], &["coupling", "abc"]);
    rejects(&["-J", "1x"], &["coupling", "1x"]);
    rejects(&["--omega", "nan"], &["omega", "nan"]);
    rejects(&["--mu", "inf"], &["mu", "inf"]);
    rejects(&["-T", "-1"], &["temperature", "-1"]);
    rejects(&["--gamma", "0"], &["gamma", "0"]);
    rejects(&["--gamma", "1,-2,1"], &["gamma", "-2"]);
    rejects(&["--n", "0"], &["n", "0"]);
    rejects(&["--n", "two"], &["n", "two"]);
    rejects(&["--temperature", "1,2"], &["temperature", "[1.0, 2.0]"]);
    rejects(&["--edges", "0-5"], &["edges", "[0, 5]"]);
    rejects(&["--edges", "0-1-2"], &["edges", "0-1-2"]);
    rejects(&["--topology", "custom"], &["edges", "custom"]);
    rejects(
        &["--dissipation", "collective", "--dmu", "1"],
        &["dmu", "1"],
    );
    rejects(&["--statistics", "bose"], &["mu", "Bose"]);
}

#[test]
fn bad_files_exit_2_naming_the_problem() {
    rejects(
        &["--config", "/nonexistent/qbat.toml"],
        &["/nonexistent/qbat.toml", "cannot read"],
    );
    let path = temp_file("unknown.toml", "n = 3\ntemprature = 1\n");
    rejects(&["--config", path.to_str().unwrap()], &["temprature"]);
    let path = temp_file("malformed.toml", "n = 3\nomega0 = \n");
    rejects(
        &["--config", path.to_str().unwrap()],
        &["malformed", "line 2"],
    );
    let path = temp_file("text.toml", "n = 3\ngamma = \"fast\"\n");
    rejects(&["--config", path.to_str().unwrap()], &["gamma", "fast"]);
    let path = temp_file("list.toml", "n = 3\nomega0 = [10, 10]\n");
    rejects(
        &["--config", path.to_str().unwrap()],
        &["omega0", "[10.0, 10.0]"],
    );
    let path = temp_file("edges.toml", "n = 3\nedges = [[0, 3]]\n");
    rejects(&["--config", path.to_str().unwrap()], &["edges", "[0, 3]"]);
}

#[test]
fn the_solver_used_is_reported_and_can_be_requested() {
    // the default model (star, identical ancillas) is solved in the Dicke basis
    let auto = json(&[]);
    assert_eq!(auto["diagnostics"]["solver"], "dicke");
    // the same model by sparse LU on the U(1) sector: same state (independent route)
    let lu = json(&["--method", "sector", "--solver", "lu"]);
    assert_eq!(lu["diagnostics"]["method"], "sector");
    assert_eq!(lu["diagnostics"]["solver"], "lu");
    let (a, b) = (auto["W"].as_f64().unwrap(), lu["W"].as_f64().unwrap());
    assert!((a - b).abs() < 1e-10, "W {a} (dicke) vs {b} (lu)");
    // collective dissipation needs the kernel: the dense-kernel solver
    let collective = json(&["--dissipation", "collective", "--method", "sector"]);
    assert_eq!(collective["diagnostics"]["solver"], "dense-kernel");
}

#[test]
fn a_model_too_large_for_memory_exits_2_before_allocating() {
    // 4^40 unknowns: the full Liouvillian cannot fit in any memory
    rejects(
        &["--n", "40", "--method", "full"],
        &["n = 40", "too large", "GiB"],
    );
}

#[test]
fn summary_of_1001_qubits_groups_identical_values() {
    let out = qbat(&["steady", "--n", "1001"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.len() < 3000, "{} bytes:\n{text}", text.len());
    // the 1,000 identical ancillas share one entry per list, their currents one line
    for needle in [
        "omega0 = all 1001: 10",
        "mu = [battery: 1; ancillas 1-1000: 3]",
        "excited_populations     battery: 0.",
        "; ancillas 1-1000: 0.",
        "reservoirs 1-1000 (each)",
    ] {
        assert!(text.contains(needle), "{needle:?} missing from:\n{text}");
    }
    // the grouped population is the JSON's, to the digits printed
    let v = json(&["--n", "1001"]);
    let p1 = v["excited_populations"][1].as_f64().unwrap();
    let p1000 = v["excited_populations"][1000].as_f64().unwrap();
    assert_eq!(format!("{p1:.9}"), format!("{p1000:.9}"));
    assert!(text.contains(&format!("ancillas 1-1000: {p1:.9}")));
}
