//! `qbat sweep` end to end: argument errors, output formats, serial = parallel, resume, plots.

use crate::common::{assert_png, assert_svg, qbat, read_csv, read_table, stderr, temp_dir};

/// A small collective sweep (Fig. 2's model at a few points).
const SMALL: &[&str] = &[
    "sweep",
    "--dissipation",
    "collective",
    "--vary",
    "mu=0:4:9",
    "--series",
    "temperature=0.5,2",
];

fn args<'a>(base: &[&'a str], extra: &[&'a str]) -> Vec<&'a str> {
    base.iter().chain(extra).copied().collect()
}

#[test]
fn bad_vary_specs_exit_2_with_a_message() {
    for (spec, needle) in [
        ("nosuchkey=0:1:3", "unknown key"),
        ("mu=0:1:0", "COUNT must be at least 1"),
        ("temperature=log:0:1:5", "START > 0"),
        ("mu=zero:1:5", "not a number"),
        ("mu=1,two", "not a number"),
        ("dissipation=1,2", "not numeric"),
        ("n=1.5,2", "whole number"),
    ] {
        let out = qbat(&["sweep", "--vary", spec], &[]);
        assert_eq!(out.status.code(), Some(2), "{spec}: {}", stderr(&out));
        assert!(stderr(&out).contains(needle), "{spec}: {}", stderr(&out));
    }
    let out = qbat(&["sweep", "--vary", "mu=0:1:2", "--series", "mu=1,2"], &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("swept twice"));
    let three = [
        "sweep",
        "--vary",
        "mu=0:1:2",
        "--vary",
        "dmu=0:1:2",
        "--vary",
        "coupling=1,2",
    ];
    assert_eq!(qbat(&three, &[]).status.code(), Some(2));
    // a point whose model is invalid is reported before anything is computed
    let out = qbat(&["sweep", "--vary", "temperature=-1,1"], &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("temperature"), "{}", stderr(&out));
}

#[test]
fn csv_has_one_column_per_swept_key_then_results() {
    let dir = temp_dir("sweep_columns");
    let out_file = dir.join("s.csv");
    let out = qbat(&args(SMALL, &["--out", out_file.to_str().unwrap()]), &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let (header, rows) = read_csv(&out_file);
    assert_eq!(
        header,
        [
            "temperature",
            "mu",
            "W",
            "ergotropy",
            "energy_battery",
            "excited_population_battery",
            "kernel_dim",
            "residual"
        ]
    );
    assert_eq!(rows.len(), 18);
    // series slowest, first varied key fastest; linspace is inclusive with exact grid values
    assert_eq!((rows[0][0].as_str(), rows[0][1].as_str()), ("0.5", "0"));
    assert_eq!((rows[3][0].as_str(), rows[3][1].as_str()), ("0.5", "1.5"));
    assert_eq!((rows[17][0].as_str(), rows[17][1].as_str()), ("2", "4"));
    assert!(!dir.join("s.csv.partial").exists());
    // W = ergotropy / (2 omega0) with the default omega0 = 10; 0 <= W <= 1
    for r in read_table(&out_file) {
        assert!((r["W"] - r["ergotropy"] / 20.0).abs() < 1e-12);
        assert!((-1e-12..=1.0 + 1e-12).contains(&r["W"]));
    }
}

#[test]
fn json_matches_csv() {
    let dir = temp_dir("sweep_json");
    let csv = dir.join("s.csv");
    let json = dir.join("s.json");
    assert!(qbat(&args(SMALL, &["--out", csv.to_str().unwrap()]), &[])
        .status
        .success());
    let out = qbat(
        &args(SMALL, &["--json", "--out", json.to_str().unwrap()]),
        &[],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let text = std::fs::read_to_string(&json).unwrap();
    let parsed: serde_json::Value = serde_json::from_str(&text).unwrap();
    // a JSON file embeds its provenance; the CSV has it in the sidecar, the same object
    let sidecar: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("s.csv.meta.json")).unwrap())
            .unwrap();
    assert_eq!(parsed["provenance"], sidecar);
    assert!(!dir.join("s.json.meta.json").exists());
    let items = parsed["rows"].as_array().unwrap();
    let (header, rows) = read_csv(&csv);
    assert_eq!(items.len(), rows.len());
    // serde_json's default float parser is not correctly rounded, so values are compared as
    // the text both writers print (shortest round-trip form).
    let lines: Vec<&str> = text.lines().filter(|l| l.starts_with("  {")).collect();
    for ((item, row), line) in items.iter().zip(&rows).zip(&lines) {
        assert_eq!(item.as_object().unwrap().len(), header.len());
        for (key, value) in header.iter().zip(row) {
            let value = if value.is_empty() {
                "null"
            } else {
                value.as_str()
            };
            assert!(
                line.contains(&format!("\"{key}\": {value}")),
                "{key} = {value} in {line}"
            );
        }
    }
}

#[test]
fn parallel_output_equals_serial_byte_for_byte() {
    let dir = temp_dir("sweep_parallel");
    let serial = dir.join("serial.csv");
    let parallel = dir.join("parallel.csv");
    let grid = &["--vary", "mu=0:6:13", "--vary", "dmu=0:4:5", "--n", "3"];
    let base = &["sweep"];
    let o1 = qbat(
        &args(
            &args(base, grid),
            &["--serial", "--out", serial.to_str().unwrap()],
        ),
        &[],
    );
    assert!(o1.status.success(), "{}", stderr(&o1));
    let o2 = qbat(
        &args(
            &args(base, grid),
            &["--threads", "4", "--out", parallel.to_str().unwrap()],
        ),
        &[],
    );
    assert!(o2.status.success(), "{}", stderr(&o2));
    assert_eq!(
        std::fs::read(&serial).unwrap(),
        std::fs::read(&parallel).unwrap()
    );
}

#[test]
fn interrupted_then_resumed_equals_uninterrupted() {
    let dir = temp_dir("sweep_resume");
    let full = dir.join("full.csv");
    let resumed = dir.join("resumed.csv");
    let partial = dir.join("resumed.csv.partial");
    let o = qbat(&args(SMALL, &["--out", full.to_str().unwrap()]), &[]);
    assert!(o.status.success(), "{}", stderr(&o));

    // stop after 7 of 18 points: exit 3, rows kept in the partial file, no output yet
    let cut = args(
        SMALL,
        &["--threads", "3", "--out", resumed.to_str().unwrap()],
    );
    let o = qbat(&cut, &[("QBAT_SWEEP_STOP_AFTER", "7")]);
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
    assert!(!resumed.exists());
    let kept = std::fs::read_to_string(&partial).unwrap();
    assert_eq!(kept.lines().count(), 2 + 7);
    // a row torn by the interruption (no newline) is dropped and recomputed
    std::fs::write(&partial, format!("{kept}3,0.5,1.5,0.12")).unwrap();

    // without --resume the partial file is not silently discarded
    let o = qbat(&cut, &[]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--resume"));

    // a second interruption, then completion: 7 + 4 rows kept, 7 computed at the end
    let resume = args(&cut, &["--resume"]);
    let o = qbat(&resume, &[("QBAT_SWEEP_STOP_AFTER", "4")]);
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("7 of 18 points already"),
        "{}",
        stderr(&o)
    );
    let o = qbat(&resume, &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("11 of 18 points already"),
        "{}",
        stderr(&o)
    );
    assert!(stderr(&o).contains("computing 7"), "{}", stderr(&o));
    assert_eq!(
        std::fs::read(&full).unwrap(),
        std::fs::read(&resumed).unwrap()
    );
    assert!(!partial.exists());
}

#[test]
fn resume_refuses_a_partial_file_of_another_sweep() {
    let dir = temp_dir("sweep_resume_other");
    let out_file = dir.join("s.csv");
    let first = args(SMALL, &["--out", out_file.to_str().unwrap()]);
    let o = qbat(&first, &[("QBAT_SWEEP_STOP_AFTER", "2")]);
    assert_eq!(o.status.code(), Some(3));
    let other = [
        "sweep",
        "--dissipation",
        "collective",
        "--vary",
        "mu=0:4:9",
        "--series",
        "temperature=0.5,3",
        "--out",
        out_file.to_str().unwrap(),
        "--resume",
    ];
    let o = qbat(&other, &[]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("different sweep"), "{}", stderr(&o));
}

#[test]
fn line_plot_and_heat_map_files_are_valid() {
    let dir = temp_dir("sweep_plots");
    let png = dir.join("line.png");
    let svg = dir.join("line.svg");
    for plot in [&png, &svg] {
        let o = qbat(&args(SMALL, &["--plot", plot.to_str().unwrap()]), &[]);
        assert!(o.status.success(), "{}", stderr(&o));
        // the CSV still goes to stdout
        assert!(String::from_utf8_lossy(&o.stdout).starts_with("temperature,mu,W"));
    }
    assert_png(&png, 1600, 1120);
    // paper notation on the axes and in the legend; fixed parameters in the title
    assert_svg(
        &svg,
        &["μ/γ", "T/γ = 0.5", "T/γ = 2", "collective", "N = 3"],
    );

    let heat = dir.join("heat.svg");
    let heat_png = dir.join("heat.png");
    for plot in [&heat, &heat_png] {
        let o = qbat(
            &[
                "sweep",
                "--vary",
                "mu=0:4:5",
                "--vary",
                "dmu=log:0.1:10:4",
                "--plot",
                plot.to_str().unwrap(),
            ],
            &[],
        );
        assert!(o.status.success(), "{}", stderr(&o));
    }
    assert_svg(&heat, &["μ/γ", "Δμ/γ", "individual"]);
    assert_png(&heat_png, 1600, 1120);

    let o = qbat(&args(SMALL, &["--plot", "x.pdf"]), &[]);
    assert_eq!(o.status.code(), Some(2));
    let o = qbat(
        &[
            "sweep",
            "--vary",
            "mu=0:1:2",
            "--vary",
            "dmu=0:1:2",
            "--series",
            "n=2,3",
            "--plot",
            "x.png",
        ],
        &[],
    );
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn model_file_and_flags_set_the_base_model() {
    let dir = temp_dir("sweep_config");
    let model = dir.join("model.toml");
    std::fs::write(
        &model,
        "dissipation = \"collective\"\nn = 3\ntemperature = 2.0\n",
    )
    .unwrap();
    let out = qbat(
        &[
            "sweep",
            "--config",
            model.to_str().unwrap(),
            "--temperature",
            "0.5",
            "--vary",
            "mu=0:4:9",
        ],
        &[],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let path = dir.join("out.csv");
    std::fs::write(&path, text).unwrap();
    for r in read_table(&path) {
        // Fig. 2's collective N = 3 values equal max(0, 2n - 1) = max(0, tanh((mu - omega)/2T))
        // (QuTiP 5.3.1 reference data, tests/data/reference: fig2.csv, W_ground_longtime equals the
        // column W_analytic_max0_2n-1); the flag T = 0.5 overrides the file's T = 2.
        let expected = ((r["mu"] - 1.0) / (2.0 * 0.5)).tanh().max(0.0);
        assert!(
            (r["W"] - expected).abs() < 1e-10,
            "mu = {}: {} vs {expected}",
            r["mu"],
            r["W"]
        );
        assert_eq!(r["kernel_dim"], 2.0);
    }
}

#[test]
fn swept_values_have_no_float_noise() {
    // value i = (start (n-1-i) + stop i) / (n-1): mu=0:1:11 prints the decimal grid
    let out = qbat(&["sweep", "--vary", "mu=0:1:11"], &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let mu: Vec<&str> = text
        .lines()
        .skip(1)
        .map(|l| l.split(',').next().unwrap())
        .collect();
    assert_eq!(
        mu,
        ["0", "0.1", "0.2", "0.3", "0.4", "0.5", "0.6", "0.7", "0.8", "0.9", "1"]
    );
}

#[test]
fn output_paths_are_checked_before_computing() {
    let dir = temp_dir("sweep_paths");
    let missing = dir.join("no/such/dir/s.csv");
    for (flag, path, needle) in [
        ("--out", missing.to_str().unwrap(), "--out"),
        ("--out", dir.to_str().unwrap(), "is a directory"),
        (
            "--plot",
            dir.join("no/such/p.png").to_str().unwrap(),
            "--plot",
        ),
    ] {
        let o = qbat(&args(SMALL, &[flag, path]), &[]);
        assert_eq!(o.status.code(), Some(2), "{flag} {path}: {}", stderr(&o));
        assert!(stderr(&o).contains(needle), "{}", stderr(&o));
        assert_eq!(stderr(&o).lines().count(), 1);
        // nothing computed, nothing printed
        assert!(o.stdout.is_empty());
    }
}

#[test]
fn provenance_records_model_version_and_canonical_command() {
    let dir = temp_dir("sweep_provenance");
    let out_file = dir.join("p.csv");
    let o = qbat(
        &[
            "sweep",
            "-T",
            "0.5",
            "--n",
            "2",
            "--vary",
            "mu=0:1:3",
            "--threads",
            "2",
            "--out",
            out_file.to_str().unwrap(),
        ],
        &[],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let meta: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("p.csv.meta.json")).unwrap())
            .unwrap();
    assert_eq!(meta["qbat_version"], env!("CARGO_PKG_VERSION"));
    // flags in registry order, without --threads/--out (they do not change the rows)
    assert_eq!(
        meta["command_line"],
        serde_json::json!([
            "qbat",
            "sweep",
            "--n",
            "2",
            "--temperature",
            "0.5",
            "--vary",
            "mu=0:1:3"
        ])
    );
    let model = &meta["model"];
    assert_eq!(model["n"], 2);
    assert_eq!(model["temperature"], serde_json::json!([0.5, 0.5]));
    assert_eq!(model["dissipation"], "individual");
    assert_eq!(model["omega0"], serde_json::json!([10.0, 10.0]));
    assert_eq!(meta["points"], 3);
}
