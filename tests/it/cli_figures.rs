//! `qbat figures`: figure data against QuTiP, the paper's claims on computed data, files.
//!
//! Reference values: QuTiP 5.3.1 reference data, tests/data/reference (fig2.csv ... fig6.csv),
//! compared at every grid point the two tables share: all five figures at full resolution, and
//! on an 11-point grid.

use std::collections::HashMap;
use std::path::Path;

use crate::common::{
    assert_png, assert_svg, compare_with_reference, qbat, read_table, reference, stderr, temp_dir,
};

type Table = Vec<HashMap<String, f64>>;

/// Tolerance against the QuTiP tables (which carry 12 significant digits).
const TOL: f64 = 1e-8;

/// Our column -> reference column, and the reference's W column, per figure.
fn reference_keys(figure: &str) -> (Vec<(&'static str, &'static str)>, &'static str) {
    match figure {
        "fig2" => (
            vec![("temperature", "T"), ("mu", "mu")],
            "W_ground_longtime",
        ),
        "fig3" => (vec![("mu", "mu1"), ("dmu", "dmu")], "W"),
        "fig4" => (vec![("coupling", "J")], "W"),
        "fig5" => (vec![("temperature", "T")], "W"),
        _ => (vec![("n", "N"), ("dmu", "dmu")], "W"),
    }
}

fn check_against_reference(dir: &Path, figure: &str) -> usize {
    let ours = read_table(&dir.join(format!("{figure}.csv")));
    // QuTiP 5.3.1 reference data, tests/data/reference
    let theirs = reference(&format!("{figure}.csv"));
    let (keys, w) = reference_keys(figure);
    compare_with_reference(&ours, &theirs, &keys, w, TOL)
}

/// The curve of `table` where `series` has `value`, as (x, W) sorted by x.
fn curve(table: &Table, x: &str, series: Option<(&str, f64)>) -> Vec<(f64, f64)> {
    let mut c: Vec<(f64, f64)> = table
        .iter()
        .filter(|r| series.is_none_or(|(k, v)| r[k] == v))
        .map(|r| (r[x], r["W"]))
        .collect();
    c.sort_by(|a, b| a.0.total_cmp(&b.0));
    c
}

fn min_step(c: &[(f64, f64)]) -> f64 {
    c.windows(2)
        .map(|w| w[1].1 - w[0].1)
        .fold(f64::INFINITY, f64::min)
}

fn max_step(c: &[(f64, f64)]) -> f64 {
    c.windows(2)
        .map(|w| w[1].1 - w[0].1)
        .fold(f64::NEG_INFINITY, f64::max)
}

/// The paper's Sec. III claims, asserted on the computed tables in `dir`.
fn assert_claims(dir: &Path) {
    let zero = 1e-10;
    let t = |f: &str| read_table(&dir.join(format!("{f}.csv")));

    // Fig. 2: W = 0 for mu <= omega = 1, non-decreasing in mu, decreasing in T above omega
    let fig2 = t("fig2");
    let temps = [0.5, 1.0, 2.0, 5.0];
    let curves: Vec<_> = temps
        .iter()
        .map(|&k| curve(&fig2, "mu", Some(("temperature", k))))
        .collect();
    for c in &curves {
        assert!(c.iter().filter(|p| p.0 <= 1.0).all(|p| p.1 <= zero));
        assert!(min_step(c) >= -zero);
        assert!(c.last().unwrap().1 > 0.5);
    }
    for pair in curves.windows(2) {
        for (a, b) in pair[0].iter().zip(&pair[1]).filter(|(a, _)| a.0 > 1.0) {
            assert!(b.1 < a.1, "W rises with T at mu = {}", a.0);
        }
    }
    // fully charged as T -> 0 at mu >> omega
    assert!(curves[0].last().unwrap().1 > 0.99);

    // Fig. 3: monotone in dmu for mu_1 >= omega; mu_1 = 8 near full charge throughout
    let fig3 = t("fig3");
    for mu in [1.0, 2.0, 4.0, 8.0] {
        assert!(min_step(&curve(&fig3, "dmu", Some(("mu", mu)))) >= -zero);
    }
    assert!(curve(&fig3, "dmu", Some(("mu", 8.0)))
        .iter()
        .all(|p| p.1 > 0.99));

    // Fig. 4: W(0) = 0, non-decreasing in J, saturating above J = omega
    let fig4 = curve(&t("fig4"), "coupling", None);
    assert!(fig4[0].1 <= zero && min_step(&fig4) >= -zero);
    let w_at = |c: &[(f64, f64)], x: f64| c.iter().find(|p| (p.0 - x).abs() < 1e-9).unwrap().1;
    assert!(fig4.last().unwrap().1 - w_at(&fig4, 1.0) < w_at(&fig4, 1.0) - fig4[0].1);

    // Fig. 5: non-increasing in T, small at T = 10
    let fig5 = curve(&t("fig5"), "temperature", None);
    assert!(max_step(&fig5) <= zero);
    assert!(fig5.last().unwrap().1 < 0.1);

    // Fig. 6: more ancillas need less bias; the gain per added ancilla shrinks
    let fig6 = t("fig6");
    let onset: Vec<f64> = (2..=6)
        .map(|n| {
            curve(&fig6, "dmu", Some(("n", n as f64)))
                .iter()
                .find(|p| p.1 > zero)
                .unwrap()
                .0
        })
        .collect();
    assert!(
        onset.windows(2).all(|w| w[1] <= w[0]) && onset[4] < onset[0],
        "{onset:?}"
    );
    let maxima: Vec<f64> = (2..=6)
        .map(|n| {
            curve(&fig6, "dmu", Some(("n", n as f64)))
                .iter()
                .map(|p| p.1)
                .fold(0.0, f64::max)
        })
        .collect();
    let gains: Vec<f64> = maxima.windows(2).map(|w| w[1] - w[0]).collect();
    assert!(
        gains.windows(2).all(|g| g[1] < g[0] && g[1] > 0.0),
        "{gains:?}"
    );
}

/// The verdict line printed just above the claim `id` in REPORT.md.
fn verdict_of<'a>(report: &'a str, id: &str) -> &'a str {
    let lines: Vec<&str> = report.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.contains(&format!("`{id}`")))
        .unwrap_or_else(|| panic!("claim {id} missing from REPORT.md"));
    lines[at - 1]
}

fn assert_report(dir: &Path) {
    let report = std::fs::read_to_string(dir.join("REPORT.md")).unwrap();
    for id in [
        "fig2-zero-below-omega",
        "fig2-monotone-in-mu",
        "fig2-temperature-reduces",
        "fig2-full-charge-cold",
        "fig3-monotone-above-omega",
        "fig3-large-mu-maximal",
        "fig3-saturates",
        "fig4-increases-with-j",
        "fig4-weak-coupling-suppresses",
        "fig4-saturates-above-omega",
        "fig5-temperature-destructive",
        "fig6-more-ancillas-less-bias",
        "fig6-diminishing-gain",
    ] {
        assert!(verdict_of(&report, id).starts_with("- **Holds**"), "{id}");
    }
    // the paper's "regardless of the initial conditions" fails for the collective reservoir
    assert!(verdict_of(&report, "initial-state-independence").starts_with("- **Contradicted**"));
    assert!(
        report.contains("| point | kernel dim | W from ground | W from excited | W from mixed |")
    );
}

#[test]
fn fig4_at_full_resolution_matches_qutip_and_plots_are_valid() {
    let dir = temp_dir("figures_fig4");
    let o = qbat(
        &["figures", "--out", dir.to_str().unwrap(), "--only", "fig4"],
        &[],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let rows = read_table(&dir.join("fig4.csv"));
    assert_eq!(rows.len(), 201);
    assert_eq!(check_against_reference(&dir, "fig4"), 201);
    assert_png(&dir.join("fig4.png"), 1600, 1120);
    assert_svg(
        &dir.join("fig4.svg"),
        &["J/γ", "Fig. 4", "Δμ/γ = 2", "T/γ = 1"],
    );
    let report = std::fs::read_to_string(dir.join("REPORT.md")).unwrap();
    assert!(report.contains("fig4-increases-with-j"));
}

#[test]
fn all_figures_on_a_coarse_grid_match_qutip_and_the_claims() {
    let dir = temp_dir("figures_coarse");
    let o = qbat(
        &["figures", "--out", dir.to_str().unwrap(), "--points", "11"],
        &[],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    // points shared with the reference grids (steps 1 in mu, dmu, J; T = 0.05 and 10)
    let expected = [
        ("fig2", 44),
        ("fig3", 55),
        ("fig4", 11),
        ("fig5", 2),
        ("fig6", 55),
    ];
    for (figure, count) in expected {
        assert_eq!(check_against_reference(&dir, figure), count, "{figure}");
        for ext in ["csv", "png", "svg"] {
            assert!(dir.join(format!("{figure}.{ext}")).exists());
        }
    }
    assert_claims(&dir);
    assert_report(&dir);
}

#[test]
fn unknown_figure_name_exits_2() {
    let o = qbat(&["figures", "--only", "fig9", "--out", "unused"], &[]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("fig9"));
}

#[test]
fn full_figures_match_qutip_everywhere() {
    let dir = temp_dir("figures_full");
    let o = qbat(&["figures", "--out", dir.to_str().unwrap()], &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    for (figure, count) in [
        ("fig2", 404),
        ("fig3", 505),
        ("fig4", 201),
        ("fig5", 200),
        ("fig6", 505),
    ] {
        assert_eq!(read_table(&dir.join(format!("{figure}.csv"))).len(), count);
        assert_eq!(check_against_reference(&dir, figure), count, "{figure}");
        assert_png(&dir.join(format!("{figure}.png")), 1600, 1120);
        assert_svg(&dir.join(format!("{figure}.svg")), &["Fig."]);
    }
    assert_claims(&dir);
    assert_report(&dir);
}

#[test]
fn an_unusable_output_directory_fails_before_computing() {
    let dir = temp_dir("figures_unusable_out");
    let file = dir.join("a-file");
    std::fs::write(&file, "x").unwrap();
    // a directory cannot be made inside a file; all figures would take minutes first
    let target = file.join("figures");
    let o = qbat(&["figures", "--out", target.to_str().unwrap()], &[]);
    // README: exit code 2 for an output path that cannot be used (bad input)
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let message = stderr(&o);
    assert!(
        message.contains("--out") && message.contains(&target.display().to_string()),
        "{message}"
    );
    assert_eq!(message.trim().lines().count(), 1, "{message}");
}

#[test]
fn verdicts_do_not_depend_on_the_grid() {
    // 5 points a curve put no grid point at J = 1 = omega (fig4), dmu = 9 (fig3) or near
    // where charging starts (fig6): the claims that name such parameters solve there
    let dir = temp_dir("figures_five_points");
    let o = qbat(
        &["figures", "--out", dir.to_str().unwrap(), "--points", "5"],
        &[],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert_report(&dir);
    let report = std::fs::read_to_string(dir.join("REPORT.md")).unwrap();
    let verdicts = |report: &str| -> Vec<String> {
        report
            .lines()
            .filter(|l| l.starts_with("- **"))
            .map(|l| l.split(':').next().unwrap().to_string())
            .collect()
    };
    // the same verdicts, claim by claim, as on an 11-point grid
    let dir11 = temp_dir("figures_eleven_points");
    let o = qbat(
        &[
            "figures",
            "--out",
            dir11.to_str().unwrap(),
            "--points",
            "11",
        ],
        &[],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let report11 = std::fs::read_to_string(dir11.join("REPORT.md")).unwrap();
    assert_eq!(verdicts(&report), verdicts(&report11));
    assert_eq!(verdicts(&report).len(), 17);
}
