//! From a raw solution vector to a [`SteadyState`]: symmetrise, normalise, measure.
//!
//! Every exact method ends here, so every returned state has passed the same checks:
//! Hermiticity and trace before the clean-up (reported), `rho = (x + x^dag)/2 / tr`, the residual
//! `||L vec(rho)||_2` on the unmodified Liouvillian, and the smallest eigenvalue of `rho`.

use super::types::{Diagnostics, SteadyState};
use crate::c64;
use crate::error::SolveError;
use crate::hilbert::hamiltonian;
use crate::linalg::vector::norm;
use crate::liouvillian::{partial, reduce, OperatorSpace};
use crate::model::Model;
use crate::options::{Method, Solver};
use crate::state::State;
use faer::sparse::SparseColMat;
use std::time::Instant;

/// A residual above this fraction of `||L||_F` (with `||rho||_2 <= 1`) means the linear algebra
/// failed; the direct and dense methods reach about `1e-15` of it.
const RESIDUAL_FAILURE: f64 = 1e-6;

/// How a raw solution was obtained.
pub(crate) struct Provenance {
    /// The method reported.
    pub method: Method,
    /// The solver reported.
    pub solver: Solver,
    /// Why it was chosen (and anything worth knowing about the result).
    pub reason: String,
    /// Kernel dimension of the Liouvillian, when known.
    pub kernel_dim: Option<usize>,
    /// When the solve began.
    pub start: Instant,
}

/// Turns `x` (`x[space.index(i, j)] ~ rho[i, j]`, any scale) into a [`SteadyState`].
///
/// # Errors
/// [`SolveError::Trace`] when `x` has no trace or is not finite, [`SolveError::Residual`] when
/// its residual exceeds `1e-6 ||L||_F`, [`SolveError::Numerical`] when the eigensolver fails.
#[track_caller]
pub(crate) fn finish(
    model: &Model,
    space: &OperatorSpace,
    liouvillian: &SparseColMat<usize, c64>,
    mut x: Vec<c64>,
    provenance: Provenance,
) -> Result<SteadyState, SolveError> {
    let method = provenance.method;
    let numerical = |detail: String| SolveError::Numerical { method, detail };
    assert_eq!(x.len(), space.len(), "state vector and space sizes differ");

    let trace: c64 = space.diagonal().iter().map(|&p| x[p]).sum();
    if !(trace.norm() > 1e-300 && trace.re.is_finite() && trace.im.is_finite()) {
        return Err(SolveError::Trace {
            method,
            trace,
            context: String::new(),
        });
    }
    let trace_error = (trace - c64::new(1.0, 0.0)).norm();
    let hermiticity_error = hermitian_part(space, &mut x);
    let scale = 1.0 / trace.re;
    x.iter_mut().for_each(|v| *v *= scale);

    let residual = residual(liouvillian, &x);
    let norm = frobenius(liouvillian);
    // written so that a NaN residual also fails
    if residual.is_nan() || residual > RESIDUAL_FAILURE * norm {
        return Err(SolveError::Residual {
            method,
            residual,
            limit: RESIDUAL_FAILURE * norm,
        });
    }
    let min_eigenvalue = min_eigenvalue(model.n, space, &x).map_err(numerical)?;
    let (rho_battery, excited_populations, energy_total) =
        reduce(space, model.n, &hamiltonian(model), &x);
    let state = State::space(model.n, space.clone(), x);
    Ok(SteadyState {
        rho_battery,
        excited_populations,
        energy_total,
        diagnostics: Diagnostics {
            method,
            solver: provenance.solver,
            reason: provenance.reason,
            kernel_dim: provenance.kernel_dim,
            residual,
            min_eigenvalue,
            trace_error,
            hermiticity_error,
            unknowns: space.len(),
            seconds: provenance.start.elapsed().as_secs_f64(),
            iterations: None,
        },
        state,
    })
}

/// Replaces `x` by its Hermitian part `(x + x^dag)/2` and returns `max |x - x^dag|` before.
fn hermitian_part(space: &OperatorSpace, x: &mut [c64]) -> f64 {
    let mut error: f64 = 0.0;
    for idx in 0..x.len() {
        let (i, j) = space.pair(idx);
        if i > j {
            continue;
        }
        let t = space
            .index(j, i)
            .expect("spaces are closed under transposition");
        let (a, b) = (x[idx], x[t].conj());
        error = error.max((a - b).norm());
        let mean = (a + b) * 0.5;
        x[idx] = mean;
        x[t] = mean.conj();
    }
    error
}

/// `||L x||_2` by a sparse matrix-vector product.
pub(crate) fn residual(liouvillian: &SparseColMat<usize, c64>, x: &[c64]) -> f64 {
    norm(&crate::liouvillian::apply(liouvillian, x))
}

fn frobenius(liouvillian: &SparseColMat<usize, c64>) -> f64 {
    (0..liouvillian.ncols())
        .flat_map(|c| liouvillian.val_of_col(c).iter())
        .map(|v| v.norm_sqr())
        .sum::<f64>()
        .sqrt()
}

/// Smallest eigenvalue of the Hermitian `rho` stored in `x`: block by block in the excitation
/// number when `rho` has no entries between different excitation numbers (always on the
/// sector), else of the whole matrix (`liouvillian::partial::spectrum`).
///
/// # Errors
/// A message when the dense eigensolver fails.
pub(crate) fn min_eigenvalue(n: usize, space: &OperatorSpace, x: &[c64]) -> Result<f64, String> {
    Ok(partial::spectrum(n, space, x)?
        .into_iter()
        .fold(f64::INFINITY, f64::min))
}
