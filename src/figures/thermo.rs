//! The figure beyond the paper: what charging at the Fig. 3 parameters costs. W, the particle
//! current from the battery's reservoir into the system and the entropy production Sigma
//! against dmu (N = 3, T = 1, mu = 1, individual reservoirs), with a REPORT.md paragraph.

use std::fmt::Write as _;
use std::path::Path;

use qbat_core::{Dissipation, ModelSpec, PerQubit};

use crate::config::RunConfig;
use crate::error::CliError;
use crate::figures::paper::common;
use crate::plot::notation::axis_label;
use crate::plot::Scale;
use crate::plot::{line_plot, Axis, Curve, LinePlot};
use crate::sweep::axis::{linspace, Axis as SweepAxis};
use crate::sweep::exec::Execution;
use crate::sweep::grid::Grid;
use crate::sweep::output::number;
use crate::sweep::point::Row;

/// File stem of the figure.
pub const NAME: &str = "thermo";

/// The result columns it needs.
const OUTPUTS: [&str; 3] = ["W", "particle_current_battery", "entropy_production"];

/// The Fig. 3 parameters with mu = 1 (paper, caption of Fig. 2: omega0 = 10, omega = J =
/// gamma = 1), N = 3, T = 1.
fn base() -> RunConfig {
    RunConfig {
        spec: ModelSpec {
            mu: Some(PerQubit::Uniform(1.0)),
            ..common(Dissipation::Individual)
        },
        ..RunConfig::default()
    }
}

/// Computes the figure into `dir` (`thermo.csv`, `.png`, `.svg`) and returns the REPORT.md
/// section.
///
/// # Errors
/// A failed point ([`CliError::Numerical`]) or an unwritable file ([`CliError::Output`]).
pub fn run(dir: &Path, points: Option<usize>, execution: &Execution) -> Result<String, CliError> {
    let grid = Grid::new(
        vec![SweepAxis {
            key: "dmu".into(),
            values: linspace(0.0, 10.0, points.unwrap_or(101)).into(),
            scale: Scale::Linear,
        }],
        None,
    )
    .expect("one axis");
    let base = base();
    let rows = crate::sweep::compute_rows(&base, &grid, &OUTPUTS, execution)
        .map_err(|e| e.context(NAME))?;
    let keys = grid.keys();
    let csv = dir.join(format!("{NAME}.csv"));
    crate::atomic::write_atomic(
        &csv,
        crate::sweep::output::to_csv(&keys, &OUTPUTS, &rows).as_bytes(),
    )
    .map_err(|e| CliError::Output(format!("writing {}: {e}", csv.display())))?;
    let curve = |label: &str, f: &dyn Fn(&Row) -> Option<f64>| Curve {
        label: label.into(),
        points: rows
            .iter()
            .map(|r| (r.params[0], f(r).unwrap_or(f64::NAN)))
            .collect(),
    };
    let plot = LinePlot {
        title:
            "Beyond the paper: star, individual reservoirs, N = 3, ω₀ = 10, ω = J = γ = T = μ = 1"
                .into(),
        x: Axis::linear(axis_label("dmu", true)),
        y: Axis::linear("W, J_N (battery's reservoir), Σ"),
        curves: vec![
            curve("W", &|r| Some(r.w)),
            curve("J_N into the system from the battery's reservoir", &|r| {
                r.extra.particle_current_battery
            }),
            curve("Σ (entropy production)", &|r| r.extra.entropy_production),
        ],
    };
    for ext in ["png", "svg"] {
        let path = dir.join(format!("{NAME}.{ext}"));
        line_plot(&path, &plot).map_err(|e| CliError::Output(e.to_string()))?;
    }
    Ok(paragraph(&rows))
}

/// The REPORT.md section: what the figure shows, with its numbers.
fn paragraph(rows: &[Row]) -> String {
    let sigma = |r: &Row| r.extra.entropy_production.unwrap_or(f64::NAN);
    let current = |r: &Row| r.extra.particle_current_battery.unwrap_or(f64::NAN);
    let min_sigma = rows.iter().map(sigma).fold(f64::INFINITY, f64::min);
    let at = |dmu: f64| rows.iter().find(|r| (r.params[0] - dmu).abs() < 1e-9);
    let mut s = String::new();
    let _ = writeln!(
        s,
        "## Beyond the paper: what charging costs (`{NAME}.csv`)\n"
    );
    let _ = write!(
        s,
        "At the Fig. 3 parameters (N = 3, T = 1, μ = 1, individual reservoirs) the figure shows W, \
         the particle current J_N from the battery's reservoir into the system and the entropy \
         production Σ = -Σ_k (ω - μ_k)/T_k J_N^k against Δμ. At Δμ = 0 every reservoir is the \
         same and the state is an equilibrium one: no current and no entropy production. With a \
         bias, particles enter from the ancillas' reservoirs (μ + Δμ), hop onto the battery and \
         leave into the battery's reservoir (J_N < 0): the battery is charged by a steady \
         particle flow, and the price is Σ > 0, which keeps growing with the bias while W \
         saturates. The battery's reservoir sits at μ = ω, so its occupation is 1/2, it adds \
         nothing to Σ, and J_N = γ (1/2 - p_e) = -γ W/2 exactly (W = 2 p_e - 1 for a diagonal \
         battery state): the stored work is read off the current, and Σ = Δμ |J_N|/T = Δμ W/2 \
         per unit γ, so every unit of W costs Δμ/2 of entropy per unit time. Σ is never \
         negative (smallest value {}, Spohn's inequality)."
        ,
        number(min_sigma)
    );
    for dmu in [2.0, 10.0] {
        if let Some(r) = at(dmu) {
            let _ = write!(
                s,
                " At Δμ = {}: W = {:.6}, J_N = {:.6}, Σ = {:.6}.",
                number(dmu),
                r.w,
                current(r),
                sigma(r)
            );
        }
    }
    let _ = writeln!(s, "\n");
    s
}
