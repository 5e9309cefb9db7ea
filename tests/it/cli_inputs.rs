//! Input validation through the real binary: values the model refuses (omega0 <= 0, dmu with
//! a per-qubit mu list, scales too far apart), `--threads 0`, the warning for a disconnected
//! custom graph, and clap's errors kept on one line without losing the missing argument or
//! the suggestion.

use std::process::Output;

use crate::common::{qbat, stderr};

/// Asserts exit code 2, nothing on stdout, one stderr line containing every needle and none
/// of the forbidden texts.
fn refused(args: &[&str], needles: &[&str], forbidden: &[&str]) -> String {
    let out = qbat(args, &[]);
    assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
    assert!(out.stdout.is_empty(), "{args:?} printed to stdout");
    let err = stderr(&out);
    assert_eq!(
        err.trim_end().lines().count(),
        1,
        "{args:?}: not one line: {err}"
    );
    for needle in needles {
        assert!(
            err.contains(needle),
            "{args:?}: {needle:?} missing from {err}"
        );
    }
    for bad in forbidden {
        assert!(!err.contains(bad), "{args:?}: {bad:?} in {err}");
    }
    err
}

#[test]
fn omega0_must_be_positive() {
    refused(
        &["steady", "--omega0", "0"],
        &["omega0", "= 0", "positive"],
        &[],
    );
    refused(
        &["steady", "--omega0", "10,-1,10"],
        &["omega0[1]", "-1", "positive"],
        &[],
    );
    refused(
        &["evolve", "--n", "1", "--omega0", "-2"],
        &["omega0", "-2"],
        &[],
    );
}

#[test]
fn dmu_with_a_mu_list_is_refused_and_the_help_says_when_it_applies() {
    // today's silent answer would be mu = [1, 4, 5]
    refused(
        &["steady", "--mu", "1,2,3", "--dmu", "2"],
        &["dmu = 2", "single mu", "[1.0, 2.0, 3.0]"],
        &[],
    );
    // a model file gives the same refusal
    let dir = crate::common::temp_dir("inputs-dmu-file");
    let file = dir.join("m.toml");
    std::fs::write(&file, "mu = [1, 2, 3]\ndmu = 0.5\n").unwrap();
    refused(
        &["steady", "--config", file.to_str().unwrap()],
        &["dmu = 0.5"],
        &[],
    );
    // dmu alone, and a mu list alone, are fine
    for args in [
        &["steady", "--mu", "1", "--dmu", "2"][..],
        &["steady", "--mu", "1,2,3"][..],
    ] {
        let out = qbat(args, &[]);
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
    }
    let help = String::from_utf8(qbat(&["steady", "--help"], &[]).stdout).unwrap();
    let flat = help.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        flat.contains(
            "Applies only with individual dissipation and a single mu, where it defaults to 2"
        ),
        "help of --dmu: {flat}"
    );
}

#[test]
fn threads_zero_is_refused() {
    refused(
        &["sweep", "--vary", "mu=0:1:3", "--threads", "0"],
        &["--threads", "'0'", "at least 1"],
        &[],
    );
    refused(
        &["figures", "--threads", "0", "--only", "fig2"],
        &["--threads", "at least 1"],
        &[],
    );
}

#[test]
fn disconnected_custom_graph_warns() {
    let out = qbat(&["steady", "--n", "4", "--edges", "0-1,2-3"], &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("warning") && err.contains("qubits 2, 3") && err.contains("battery"),
        "{err}"
    );
    // a connected custom graph warns about nothing
    let out = qbat(&["steady", "--n", "3", "--edges", "0-1,1-2"], &[]);
    assert!(
        out.status.success() && out.stderr.is_empty(),
        "{}",
        stderr(&out)
    );
}

#[test]
fn scales_too_far_apart_are_explained() {
    // the LU failure this replaces: "pivots from 7.38e-301" (omega0 = 10 beside gamma = 1e-300)
    let err = refused(
        &["steady", "--gamma", "1e-300"],
        &["gamma", "1e-300", "omega0", "orders of magnitude", "1e12"],
        &["pivots", "000000000"],
    );
    assert!(err.contains("1.0e301"), "the ratio is named: {err}");
    refused(
        &["steady", "-J", "1e300"],
        &["coupling", "1e300", "orders of magnitude"],
        &["pivots"],
    );
    refused(
        &["evolve", "--gamma", "1e-300"],
        &["orders of magnitude"],
        &["pivots"],
    );
    // 1e11 apart is still solved (the limit is 1e12)
    let out = qbat(&["steady", "--gamma", "1e-10"], &[]);
    assert!(out.status.success(), "{}", stderr(&out));
}

fn one_line_usage_error(out: &Output) -> String {
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(out);
    assert_eq!(err.trim_end().lines().count(), 1, "not one line: {err}");
    err
}

#[test]
fn clap_errors_keep_the_missing_argument_and_the_suggestion() {
    let err = one_line_usage_error(&qbat(&["sweep"], &[]));
    assert!(
        err.contains("required arguments were not provided") && err.contains("--vary"),
        "{err}"
    );
    let err = one_line_usage_error(&qbat(&["steady", "--gama", "2"], &[]));
    assert!(
        err.contains("'--gama'") && err.contains("'--gamma'"),
        "{err}"
    );
    let err = one_line_usage_error(&qbat(&["stedy"], &[]));
    assert!(err.contains("'steady'"), "{err}");
}

#[test]
fn dmu_zero_beside_a_mu_list_states_no_bias() {
    // explicit "no bias" (as in the QuTiP reference files): accepted, the list unchanged
    let out = qbat(&["steady", "--json", "--mu", "1,2,3", "--dmu", "0"], &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["model"]["mu"], serde_json::json!([1.0, 2.0, 3.0]));
}
