//! Extra solves for the report: dependence on the initial state (collective case), the
//! N- and J-independence of the equilibrium W, and the battery without ancillas.

use qbat_core::{
    battery_observables, steady_state, Dissipation, InitialState, ModelSpec, PerQubit,
};
use rayon::prelude::*;

use crate::config::RunConfig;
use crate::error::CliError;
use crate::sweep::point::model_at;

/// The long-time state from each initial state at one point.
#[derive(Clone, Debug)]
pub struct InitialRow {
    /// Which model and point, for the table.
    pub label: String,
    /// Liouvillian kernel dimension reported by the solver.
    pub kernel_dim: Option<usize>,
    /// W reached from the all-ground, all-excited and maximally mixed initial states.
    pub w: [f64; 3],
    /// `tr(rho H_S)` of the whole network reached from the same three initial states.
    pub energy: [f64; 3],
}

impl InitialRow {
    /// Largest difference between the three W values.
    pub fn spread(&self) -> f64 {
        spread(&self.w)
    }

    /// Largest difference between the three total energies.
    pub fn energy_spread(&self) -> f64 {
        spread(&self.energy)
    }

    /// `true` for a collective-reservoir point.
    pub fn collective(&self) -> bool {
        self.label.starts_with("collective")
    }
}

/// `max - min` of `values`.
pub fn spread(values: &[f64]) -> f64 {
    let max = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let min = values.iter().copied().fold(f64::INFINITY, f64::min);
    max - min
}

/// The initial states compared, in table order.
pub const INITIAL_STATES: [InitialState; 3] = [
    InitialState::Ground,
    InitialState::Excited,
    InitialState::Mixed,
];

/// The paper's parameters (omega0 = 10, omega = J = gamma = 1) with `dissipation`, `n`, `mu`,
/// `temperature` and, for individual reservoirs, `dmu`.
pub fn paper_point(
    dissipation: Dissipation,
    n: usize,
    mu: f64,
    temperature: f64,
    dmu: Option<f64>,
) -> ModelSpec {
    ModelSpec {
        n: Some(n),
        omega0: Some(PerQubit::Uniform(10.0)),
        omega: Some(1.0),
        coupling: Some(1.0),
        gamma: Some(PerQubit::Uniform(1.0)),
        temperature: Some(PerQubit::Uniform(temperature)),
        mu: Some(PerQubit::Uniform(mu)),
        dmu: if dissipation == Dissipation::Individual {
            Some(dmu.unwrap_or(0.0))
        } else {
            None
        },
        dissipation: Some(dissipation),
        ..ModelSpec::default()
    }
}

/// W of `spec` from `initial`, with the kernel dimension.
///
/// # Errors
/// The model's or solver's error.
pub fn solve_w(spec: &ModelSpec, initial: InitialState) -> Result<(f64, Option<usize>), CliError> {
    let (w, _, kernel_dim) = solve(spec, initial)?;
    Ok((w, kernel_dim))
}

/// W, total energy `tr(rho H_S)` and kernel dimension of `spec` from `initial`.
fn solve(spec: &ModelSpec, initial: InitialState) -> Result<(f64, f64, Option<usize>), CliError> {
    let mut run = RunConfig {
        spec: spec.clone(),
        ..RunConfig::default()
    };
    run.options.initial = initial;
    let (model, options) = model_at(&run, &[], &[])?;
    let state = steady_state(&model, &options)?;
    let obs = battery_observables(&state.rho_battery, model.omega0()[0]);
    Ok((obs.w, state.energy_total, state.diagnostics.kernel_dim))
}

/// The initial-state table: collective points at N = 2, 3, 4 and one individual point
/// (Fig. 4's).
///
/// # Errors
/// The first failing solve.
pub fn initial_state_table() -> Result<Vec<InitialRow>, CliError> {
    let c = Dissipation::Collective;
    let points: Vec<(String, ModelSpec)> = vec![
        (
            "collective, N = 3, T = 1, μ = 0.5".into(),
            paper_point(c, 3, 0.5, 1.0, None),
        ),
        (
            "collective, N = 3, T = 1, μ = 3".into(),
            paper_point(c, 3, 3.0, 1.0, None),
        ),
        (
            "collective, N = 3, T = 0.5, μ = 5".into(),
            paper_point(c, 3, 5.0, 0.5, None),
        ),
        (
            "collective, N = 3, T = 2, μ = 8".into(),
            paper_point(c, 3, 8.0, 2.0, None),
        ),
        (
            "collective, N = 2, T = 1, μ = 3".into(),
            paper_point(c, 2, 3.0, 1.0, None),
        ),
        (
            "collective, N = 4, T = 1, μ = 3".into(),
            paper_point(c, 4, 3.0, 1.0, None),
        ),
        (
            "individual, N = 3, T = 1, μ = 1, Δμ = 2 (Fig. 4 at J = 1)".into(),
            paper_point(Dissipation::Individual, 3, 1.0, 1.0, Some(2.0)),
        ),
    ];
    points
        .into_par_iter()
        .map(|(label, spec)| {
            let mut w = [0.0; 3];
            let mut energy = [0.0; 3];
            let mut kernel_dim = None;
            for (k, initial) in INITIAL_STATES.into_iter().enumerate() {
                let (wk, ek, dim) = solve(&spec, initial).map_err(|e| e.context(&label))?;
                (w[k], energy[k]) = (wk, ek);
                kernel_dim = kernel_dim.or(dim);
            }
            Ok(InitialRow {
                label,
                kernel_dim,
                w,
                energy,
            })
        })
        .collect()
}

/// Equilibrium W from the ground state at mu = 3, T = 1 for N in 2..=5 and J in {0.5, 1, 2}:
/// `(N, J, W)` triples (the paper's conclusion: W "independent of the coupling strength or the
/// number of qubits" in some regimes).
///
/// # Errors
/// The first failing solve.
pub fn equilibrium_n_j_table() -> Result<Vec<(usize, f64, f64)>, CliError> {
    let mut cases = vec![];
    for n in 2..=5 {
        for j in [0.5, 1.0, 2.0] {
            cases.push((n, j));
        }
    }
    cases
        .into_par_iter()
        .map(|(n, j)| {
            let mut spec = paper_point(Dissipation::Collective, n, 3.0, 1.0, None);
            spec.coupling = Some(j);
            solve_w(&spec, InitialState::Ground).map(|(w, _)| (n, j, w))
        })
        .collect()
}
