//! The result every steady-state solver returns: [`SteadyState`] and its [`Diagnostics`].

use crate::c64;
use crate::options::{Method, Solver};
use crate::state::State;

/// A steady state, reduced to what every method can report.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct SteadyState {
    /// The battery's reduced density matrix in the basis `(|e>, |g>)`.
    pub rho_battery: [[c64; 2]; 2],
    /// `<sigma_+^i sigma_-^i>` for every qubit `i`, battery first.
    pub excited_populations: Vec<f64>,
    /// `tr(rho H_S)`.
    pub energy_total: f64,
    /// How the state was obtained and how good it is.
    pub diagnostics: Diagnostics,
    /// The whole state, in the representation solved (reduced states, correlations,
    /// entropies; the thermodynamic quantities of `thermodynamics` read it).
    pub state: State,
}

/// Quality and provenance of a computed state.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct Diagnostics {
    /// The method actually used (never `Auto`).
    pub method: Method,
    /// The solver actually used.
    pub solver: Solver,
    /// Why that method was chosen.
    pub reason: String,
    /// Dimension of the Liouvillian's kernel (number of independent steady states), when
    /// determined.
    pub kernel_dim: Option<usize>,
    /// `||L vec(rho)||_2` of the returned state in the representation solved.
    pub residual: f64,
    /// Smallest eigenvalue of the returned (full) density matrix.
    pub min_eigenvalue: f64,
    /// `|tr(rho) - 1|` before the final normalisation.
    pub trace_error: f64,
    /// `max |rho - rho^dag|` before symmetrisation.
    pub hermiticity_error: f64,
    /// Number of unknowns of the linear system.
    pub unknowns: usize,
    /// Wall time of the solve, seconds.
    pub seconds: f64,
    /// Krylov iterations (matrix-vector products with the preconditioned operator) for
    /// iterative methods; `None` for direct ones.
    pub iterations: Option<usize>,
}
