//! `qbat evolve` run as a real binary: summary, JSON keys and closed-form values, CSV, plots,
//! and bad input.

use crate::common::{assert_png, assert_svg, qbat, read_csv, stderr, temp_dir};
use serde_json::Value;

fn json(args: &[&str]) -> Value {
    let mut all = vec!["evolve", "--json"];
    all.extend_from_slice(args);
    let out = qbat(&all, &[]);
    assert!(out.status.success(), "{all:?}: {}", stderr(&out));
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert_eq!(stdout.trim().lines().count(), 1, "exactly one JSON line");
    serde_json::from_str(&stdout).expect("stdout is one JSON object")
}

fn numbers(v: &Value) -> Vec<f64> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_f64().unwrap())
        .collect()
}

#[test]
fn summary_names_every_result() {
    let out = qbat(&["evolve", "--times", "0:10:21"], &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let stdout = String::from_utf8(out.stdout).unwrap();
    for label in [
        "W_steady",
        "charging_time",
        "max_average_power",
        "gap",
        "p_e battery",
        "integrator:",
        "truncation",
    ] {
        assert!(stdout.contains(label), "{label} missing from:\n{stdout}");
    }
    assert!(out.stderr.is_empty(), "no progress bar off a terminal");
}

#[test]
fn json_one_qubit_matches_closed_forms() {
    // closed forms for one qubit in a Fermi bath (omega = T = gamma = 1, mu = 3):
    // p_e(t) = n (1 - exp(-t)) from ground, W_steady = 2n - 1, charging time
    // t* = -ln(1 - (1 + f (2n - 1)) / (2n)), sector gap = gamma
    let v = json(&["--n", "1", "--mu", "3", "--times", "0:10:2001"]);
    for key in [
        "times",
        "W",
        "ergotropy",
        "energy_battery",
        "excited_population_battery",
        "charging_time",
        "max_average_power",
        "gap",
        "diagnostics",
        "model",
    ] {
        assert!(v.get(key).is_some(), "JSON lacks {key}");
    }
    let n = 1.0 / ((-2.0f64).exp() + 1.0);
    let times = numbers(&v["times"]);
    assert_eq!(times.len(), 2001);
    assert_eq!(*times.last().unwrap(), 10.0);
    for (t, pe) in times.iter().zip(numbers(&v["excited_population_battery"])) {
        assert!((pe - n * (1.0 - (-t).exp())).abs() < 1e-10, "t = {t}");
    }
    assert!((v["W_steady"].as_f64().unwrap() - (2.0 * n - 1.0)).abs() < 1e-12);
    let exact = -(1.0 - (1.0 + 0.9 * (2.0 * n - 1.0)) / (2.0 * n)).ln();
    // linear interpolation on a 5e-3 grid: error below h^2 max|W''| / 8 ~ 6e-6
    assert!((v["charging_time"].as_f64().unwrap() - exact).abs() < 1e-5);
    assert!((v["gap"].as_f64().unwrap() - 1.0).abs() < 1e-12);
}

#[test]
fn collective_long_time_is_the_reference_state() {
    // reference: QuTiP 5.3.1 reference data, tests/data/reference (points-dev.json id 3: collective,
    // N = 3, mu = 3, T = 1, the t -> infinity state from all-ground)
    let v = json(&[
        "--n",
        "3",
        "--dissipation",
        "collective",
        "--mu",
        "3",
        "--times",
        "0:400:2",
    ]);
    let w = numbers(&v["W"]);
    assert!(
        (w[1] - 0.7615941559557659).abs() < 1e-8,
        "W(400) = {}",
        w[1]
    );
    assert!((v["W_steady"].as_f64().unwrap() - 0.7615941559557659).abs() < 1e-8);
}

#[test]
fn csv_and_plots_are_written() {
    let dir = temp_dir("cli_evolve_files");
    let csv = dir.join("trajectory.csv");
    let png = dir.join("trajectory.png");
    let v = json(&[
        "--times",
        "0:5:11",
        "--out",
        csv.to_str().unwrap(),
        "--plot",
        png.to_str().unwrap(),
    ]);
    let (header, rows) = read_csv(&csv);
    assert_eq!(
        header,
        [
            "t",
            "W",
            "ergotropy",
            "energy_battery",
            "excited_population_battery",
            "purity_battery",
            "trace_distance_steady",
            "energy_total"
        ]
    );
    assert_eq!(rows.len(), 11);
    let w = numbers(&v["W"]);
    for (row, w) in rows.iter().zip(w) {
        assert_eq!(
            row[1].parse::<f64>().unwrap(),
            w,
            "CSV and JSON agree exactly"
        );
    }
    assert_png(&png, 1600, 1120);
    let svg = dir.join("trajectory.svg");
    let out = qbat(
        &[
            "evolve",
            "--times",
            "0:5:11",
            "--plot",
            svg.to_str().unwrap(),
        ],
        &[],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    // the stored energy from 0 (empty battery), in the notation of the other figures
    assert_svg(
        &svg,
        &["W = ergotropy / 2ω₀", "stored energy / 2ω₀", "star"],
    );
}

#[test]
fn bad_input_exits_2_naming_the_field() {
    let cases: [(&[&str], &str); 11] = [
        (&["--times", "0:10"], "times"),
        (&["--times", "5:1:3"], "times"),
        (&["--times", "0:1:0"], "times"),
        (&["--times", "-1:1:3"], "times"),
        (&["--fraction", "0"], "fraction"),
        (&["--tolerance", "-1"], "tolerance"),
        (&["--plot", "out.pdf"], "unsupported format"),
        (&["--integrator", "euler"], "integrator"),
        (
            &["--method", "sector", "--integrator", "rational"],
            "integrator",
        ),
        (
            &["--method", "symmetric", "--omega0", "10,10,11"],
            "symmetric",
        ),
        // the steady-state solver is not a choice of the dynamics
        (&["--solver", "lu"], "solver"),
    ];
    for (args, needle) in cases {
        let mut all = vec!["evolve"];
        all.extend_from_slice(args);
        let out = qbat(&all, &[]);
        assert_eq!(out.status.code(), Some(2), "{all:?}: {}", stderr(&out));
        assert!(out.stdout.is_empty(), "{all:?} printed to stdout");
        let message = stderr(&out);
        assert!(message.contains(needle), "{all:?}: {message}");
        assert_eq!(message.trim().lines().count(), 1, "{all:?}: one line");
    }
}

#[test]
fn no_gap_skips_the_gap() {
    let v = json(&["--times", "0:2:3", "--no-gap"]);
    assert!(v["gap"].is_null());
    assert!(v["diagnostics"]["gap_method"].is_null());
    let out = qbat(&["evolve", "--times", "0:2:3", "--no-gap"], &[]);
    assert!(String::from_utf8(out.stdout)
        .unwrap()
        .contains("not computed"));
}

#[test]
fn outputs_record_their_provenance() {
    let dir = temp_dir("cli_evolve_provenance");
    let csv = dir.join("run.csv");
    let args = [
        "evolve",
        "--json",
        "--n",
        "2",
        "--dmu",
        "3",
        "--times",
        "0:2:3",
        "--out",
        csv.to_str().unwrap(),
    ];
    let out = qbat(&args, &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    // the sidecar of the CSV holds the record the JSON embeds
    let sidecar = dir.join("run.csv.meta.json");
    let meta: Value = serde_json::from_str(&std::fs::read_to_string(&sidecar).unwrap()).unwrap();
    assert_eq!(meta, v["provenance"]);
    assert_eq!(meta["qbat_version"], env!("CARGO_PKG_VERSION"));
    let argv: Vec<&str> = meta["command_line"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a.as_str().unwrap())
        .collect();
    assert_eq!(
        &argv[1..],
        &args[..],
        "the command line, program name first"
    );
    // the complete model: every resolved key, the dmu bias applied (mu + dmu = 1 + 3)
    assert_eq!(meta["model"], v["model"]);
    assert_eq!(meta["model"]["mu"], serde_json::json!([1.0, 4.0]));
    for key in [
        "omega0",
        "coupling",
        "gamma",
        "temperature",
        "edges",
        "statistics",
    ] {
        assert!(!meta["model"][key].is_null(), "{key} missing");
    }
    assert_eq!(meta["evolve"]["times"], "0:2:3");
    // the CSV itself stays plain: a header and one row per sample
    let (header, rows) = read_csv(&csv);
    assert_eq!(header[0], "t");
    assert_eq!(rows.len(), 3);
}

#[test]
fn unwritable_outputs_fail_before_computing() {
    let dir = temp_dir("cli_evolve_unwritable");
    let file = dir.join("a-file");
    std::fs::write(&file, "x").unwrap();
    let inside_file = file.join("run.csv");
    let missing_dir = dir.join("missing").join("run.png");
    let good_csv = dir.join("good.csv");
    // N = 1001 to t = 50 takes minutes: the refusal comes before any of it
    let heavy = ["evolve", "--n", "1001", "--times", "0:50:101"];
    let cases: [(Vec<&str>, String); 3] = [
        (
            vec!["--out", inside_file.to_str().unwrap()],
            inside_file.display().to_string(),
        ),
        (
            vec![
                "--out",
                good_csv.to_str().unwrap(),
                "--plot",
                missing_dir.to_str().unwrap(),
            ],
            missing_dir.display().to_string(),
        ),
        (
            vec!["--out", dir.to_str().unwrap()],
            format!("{} is a directory", dir.display()),
        ),
    ];
    for (extra, needle) in cases {
        let mut args = heavy.to_vec();
        args.extend(extra);
        let out = qbat(&args, &[]);
        // README: exit code 2 for an output path that cannot be written (bad input)
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert!(out.stdout.is_empty());
        let message = stderr(&out);
        assert!(message.contains(&needle), "{args:?}: {message}");
        assert_eq!(message.trim().lines().count(), 1);
    }
    // nothing was written, not even the CSV whose path was fine
    assert!(!good_csv.exists());
    let names: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, ["a-file"]);
}

#[test]
fn summary_of_1001_qubits_groups_identical_values() {
    // one sample at t = 0: the summary's model part is what grows with N
    let out = qbat(
        &["evolve", "--n", "1001", "--times", "0:0:1", "--no-gap"],
        &[],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.len() < 3000, "{} bytes:\n{text}", text.len());
    for needle in [
        "omega0 = all 1001: 10",
        "mu = [battery: 1; ancillas 1-1000: 3]",
        "gamma = [all 1001: 1]",
    ] {
        assert!(text.contains(needle), "{needle:?} missing from:\n{text}");
    }
}
