//! Thermodynamics and correlations of a state: currents per reservoir, entropy production,
//! mutual information and concurrence, all read from a [`State`] (never inside the solvers).
//!
//! ## Currents
//! `D_k` is the dissipator of reservoir `k` (individual: reservoir `k` is qubit `k`'s, jumps
//! `sigma_-^k` at `g_down = gamma_k (1 - n_k)` (Bose: `1 + n_k`) and `sigma_+^k` at
//! `g_up = gamma_k n_k`; collective: one reservoir, jumps `J_-`, `J_+`). The currents INTO the
//! system are `J_N^k = tr[N D_k(rho)]`, `J_E^k = tr[H_S D_k(rho)]`, `N = sum_i sigma_+^i sigma_-^i`.
//! With the adjoint `D^dag(A) = sum rate (L^dag A L - {L^dag L, A}/2)`:
//! - `D_k^dag(n_k) = g_up (1 - n_k) - g_down n_k` (`sigma_+ n sigma_- = 0`,
//!   `sigma_- n sigma_+ = 1 - n`), and `D_k^dag` kills every operator not acting on qubit `k`,
//!   so `J_N^k = g_up (1 - p_k) - g_down p_k`, `p_k = <n_k>`;
//! - `sigma_z^k = 2 n_k - 1` gives `2 omega0_k J_N^k`; a hopping term `sigma_+^k sigma_-^b`
//!   has `D_k^dag(sigma_+^k X) = -(g_up + g_down)/2 sigma_+^k X` (from
//!   `sigma_+ sigma_- sigma_+ = sigma_+`, `sigma_+^2 = 0`), and likewise for `sigma_-^k`, so
//!   `J_E^k = 2 omega0_k J_N^k - (g_up + g_down)/2 <H_k>` with
//!   `<H_k> = J sum_{b ~ k} 2 Re <sigma_+^k sigma_-^b>` the hopping energy on qubit `k`'s edges.
//!   These need populations and nearest-neighbour exchange correlations only, which every
//!   representation offers (Dicke: every ancilla edge carries `<sigma_+^0 S_->/M`).
//! - Collective: with one reservoir, `tr[N D(rho)] = tr[N L rho]` and `tr[H D(rho)] = tr[H L rho]`
//!   (`[N, H_S] = 0` and `tr(H [H, rho]) = 0`), computed by applying the Liouvillian (assembled
//!   on the state's space, or the Dicke block generator).
//!
//! In the steady state `sum_k J_N^k = tr[N L rho] = 0` and `sum_k J_E^k = tr[H_S L rho] = 0` (the
//! first law); the residuals of both sums are reported.
//!
//! ## Entropy production (Spohn)
//! Each `D_k` satisfies detailed balance at the bath frequency: `g_up / g_down = e^{-beta_k
//! (omega - mu_k)}` (Fermi: `n/(1-n)`, Bose: `n/(1+n)`, both `e^{-beta (omega - mu)}`), so
//! `D_k` has the Gibbs state `tau_k ~ e^{-beta_k (omega - mu_k) N}` of the qubits' number
//! operator as a fixed point, on each qubit it acts on. Spohn's inequality,
//! `-tr[D_k(rho) (ln rho - ln tau_k)] >= 0`, holds for every `k`. Summed over `k`, the `ln rho`
//! terms give `-tr[(L rho + i[H_S, rho]) ln rho] = -tr[L rho ln rho] = 0` in a steady state
//! (`[rho, ln rho] = 0`), and with `ln tau_k = -beta_k (omega - mu_k) N + const` and
//! `tr D_k(rho) = 0` what is left is
//! `Sigma = sum_k tr[D_k(rho) ln tau_k] = -sum_k (omega - mu_k)/T_k J_N^k >= 0`. The argument never uses
//! the statistics beyond the ratio of the rates, so it holds for fermions and bosons alike. A
//! reservoir with `T_k = 0` makes `Sigma` infinite when it carries a current (`None`); one that
//! carries none (below `1e-12 gamma_k`) contributes nothing.
//!
//! ## Correlations
//! `I(B:rest) = S(rho_B) + S(rho_rest) - S(rho)` in nats (`None` for one qubit), from
//! [`State::entropy_of`] and [`State::entropy`]. The concurrence of qubits 0 and 1 is Wootters':
//! `C = max(0, s_1 - s_2 - s_3 - s_4)`, `s_i` the decreasing singular values of
//! `sqrt(rho) (sigma_y (x) sigma_y) sqrt(rho)^*` (the square roots of the eigenvalues of
//! `rho rho~`, without squaring small ones), `rho` the reduced state of qubits 0 and 1 (Dicke:
//! the battery and one ancilla, the same for every ancilla).

mod concurrence;
mod currents;

use crate::model::Model;
use crate::state::{State, StateError};
pub use concurrence::wootters_concurrence;
pub use currents::currents;

/// The particle and energy currents from one reservoir into the system.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct Current {
    /// Reservoir index (individual: the qubit's index; collective: 0).
    pub reservoir: usize,
    /// The qubits the reservoir couples to.
    pub qubits: Vec<usize>,
    /// `tr[N D_k(rho)]`.
    pub particle: f64,
    /// `tr[H_S D_k(rho)]`.
    pub energy: f64,
}

/// Every thermodynamic and correlation quantity of a state.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct Thermodynamics {
    /// One entry per reservoir, in reservoir order.
    pub currents: Vec<Current>,
    /// `sum_k J_N^k` (zero in a steady state).
    pub particle_residual: f64,
    /// `sum_k J_E^k` (zero in a steady state: the first law).
    pub energy_residual: f64,
    /// `Sigma = -sum_k (omega - mu_k)/T_k J_N^k`; `None` when a `T_k = 0` reservoir carries
    /// a current.
    pub entropy_production: Option<f64>,
    /// `I(B:rest)` in nats; `None` for one qubit.
    pub mutual_information: Option<f64>,
    /// Wootters concurrence of qubits 0 and 1; `None` for one qubit.
    pub concurrence: Option<f64>,
}

/// `Sigma = -sum_k (omega - mu_k)/T_k J_N^k` for `currents` of `model`'s reservoirs; `None`
/// when a reservoir with `T_k = 0` carries a particle current above `1e-12 gamma_k`.
pub fn entropy_production(model: &Model, currents: &[Current]) -> Option<f64> {
    let mut sigma = 0.0;
    for c in currents {
        let r = &model.reservoirs()[c.reservoir];
        if r.temperature == 0.0 {
            if c.particle.abs() > 1e-12 * r.gamma {
                return None;
            }
            continue;
        }
        sigma -= (model.omega() - r.mu) / r.temperature * c.particle;
    }
    Some(sigma)
}

/// `I(B:rest) = S(rho_B) + S(rho_rest) - S(rho)` in nats; `None` for one qubit.
///
/// # Errors
/// [`StateError::Numerical`] when an eigensolver fails.
pub fn mutual_information(state: &State) -> Result<Option<f64>, StateError> {
    let n = state.n();
    if n < 2 {
        return Ok(None);
    }
    let rest: Vec<usize> = (1..n).collect();
    let i = state.entropy_of(&[0])? + state.entropy_of(&rest)? - state.entropy()?;
    Ok(Some(i))
}

/// Wootters concurrence of qubits 0 and 1; `None` for one qubit.
///
/// # Errors
/// [`StateError::Numerical`] when a dense decomposition fails.
pub fn concurrence(state: &State) -> Result<Option<f64>, StateError> {
    if state.n() < 2 {
        return Ok(None);
    }
    let rho = state.reduced(&[0, 1])?;
    let m: [[crate::c64; 4]; 4] = std::array::from_fn(|a| std::array::from_fn(|b| rho[a][b]));
    wootters_concurrence(&m).map(Some)
}

/// Every quantity of [`Thermodynamics`] for `state`, a state of `model`.
///
/// ```
/// use qbat_core::{steady_state, thermodynamics, Model, ModelSpec, SteadyOptions};
/// let model = Model::new(&ModelSpec { n: Some(3), ..ModelSpec::default() }).unwrap();
/// let steady = steady_state(&model, &SteadyOptions::default()).unwrap();
/// let t = thermodynamics(&model, &steady.state).unwrap();
/// assert_eq!(t.currents.len(), 3);
/// assert!(t.particle_residual.abs() < 1e-12 && t.entropy_production.unwrap() > 0.0);
/// ```
///
/// # Errors
/// [`StateError::Numerical`] when an eigensolver fails; [`StateError::BadQubits`] when `state`
/// does not have `model`'s number of qubits.
pub fn thermodynamics(model: &Model, state: &State) -> Result<Thermodynamics, StateError> {
    let currents = currents(model, state)?;
    let particle_residual = currents.iter().map(|c| c.particle).sum();
    let energy_residual = currents.iter().map(|c| c.energy).sum();
    Ok(Thermodynamics {
        entropy_production: entropy_production(model, &currents),
        particle_residual,
        energy_residual,
        mutual_information: mutual_information(state)?,
        concurrence: concurrence(state)?,
        currents,
    })
}
