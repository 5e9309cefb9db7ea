//! Steady states of the Lindblad master equation.
//!
//! [`steady_state`] runs the solver the planning step (`crate::plan`) chooses for the
//! [`Method`] and [`Solver`] requested; every solver returns the same [`SteadyState`]: the
//! battery's reduced state, every qubit's excited population, the total energy and a
//! [`Diagnostics`] record (method, solver and why, residual, kernel dimension, smallest
//! eigenvalue, timing).
//!
//! The solvers ([`Solver`]):
//! - `lu` (`direct.rs`), individual dissipation: `L x = 0` with one population equation
//!   replaced by `tr(x) = 1`, solved by sparse LU on all operators (`Full`) or on the U(1)
//!   block (`Sector`);
//! - `krylov` (`krylov/`): the same unique state on the U(1) block by preconditioned GMRES,
//!   matrix free, beyond N = 6;
//! - `dense-kernel` (`kernel.rs`, `dense_kernel.rs`), collective dissipation: the kernel is
//!   degenerate for N >= 2, so the `t -> infinity` state from [`SteadyOptions::initial`] is
//!   computed exactly by spectral projection on the kernel;
//! - `dicke` (`symmetric/`): a star with identical ancillas in the permutation-symmetric
//!   representation (`crate::dicke`), any N.
//!
//! Every state from the computational basis passes the same final checks (`check.rs`).

mod check;
mod dense_kernel;
mod direct;
mod kernel;
mod kernel_failure;
mod krylov;
pub(crate) mod symmetric;
pub(crate) mod types;

pub use types::{Diagnostics, SteadyState};

use crate::error::SolveError;
use crate::options::SteadyOptions;

use crate::liouvillian::{assemble, OperatorSpace};
use crate::model::{Dissipation, Model};
use crate::plan::{self, memory, Route, Space};
use check::Provenance;
use std::time::Instant;

/// The steady state of `model` (the `t -> infinity` state reached from `options.initial` when
/// the Liouvillian's kernel is degenerate).
///
/// ```
/// use qbat_core::{steady_state, Model, ModelSpec, Method, SteadyOptions};
/// let model = Model::new(&ModelSpec { n: Some(2), ..ModelSpec::default() }).unwrap();
/// let options = SteadyOptions::default().with_method(Method::Sector);
/// let state = steady_state(&model, &options).unwrap();
/// let trace = state.rho_battery[0][0].re + state.rho_battery[1][1].re;
/// assert!((trace - 1.0).abs() < 1e-12);
/// assert_eq!(state.diagnostics.kernel_dim, Some(1));
/// ```
///
/// # Errors
/// [`SolveError::NotApplicable`] when the method (or the requested solver) does not apply to
/// the model, [`SolveError::TooLarge`] when [`memory_estimate`](crate::memory_estimate) exceeds
/// [`SteadyOptions::memory_limit_bytes`] (checked before allocating), and a numerical variant
/// ([`SolveError::is_numerical`]) when the linear algebra fails, with the numbers.
pub fn steady_state(model: &Model, options: &SteadyOptions) -> Result<SteadyState, SolveError> {
    let start = Instant::now();
    let (route, reason) = plan::choose(model, options)?;
    match route {
        Route::Symmetric => {
            memory::check(model, route, options.memory_limit())?;
            let state = symmetric::solve(model, options)?;
            Ok(with_reason(state, &reason))
        }
        Route::Krylov => {
            memory::check(model, route, options.memory_limit())?;
            match krylov::solve(model, options) {
                Ok(state) => Ok(with_reason(state, &reason)),
                // a requested solver is not replaced
                Err(SolveError::NotApplicable { reason: why, .. }) if options.solver.is_none() => {
                    let reason = format!(
                        "sector: sparse LU on the U(1) block (Krylov solver not applicable: {why})"
                    );
                    exact(model, options, Route::DirectSector, reason, start)
                }
                Err(e) => Err(e),
            }
        }
        _ => exact(model, options, route, reason, start),
    }
}

/// The direct and dense routes, which share assembly and the final checks.
fn exact(
    model: &Model,
    options: &SteadyOptions,
    route: Route,
    reason: String,
    start: Instant,
) -> Result<SteadyState, SolveError> {
    memory::check(model, route, options.memory_limit())?;
    let method = route.method();
    let space = match route {
        Route::DirectFull | Route::DenseKernel(Space::Full) => OperatorSpace::full(model.n),
        _ => OperatorSpace::sector(model.n),
    };
    let liouvillian = assemble(model, &space);
    let (x, kernel_dim, reason) = match route {
        Route::DenseKernel(_) => {
            let long =
                kernel::long_time_state(model, &space, &liouvillian, options.initial, method)?;
            let reason = format!("{reason}; {}", long.note);
            (long.x, Some(long.kernel_dim), reason)
        }
        _ => {
            debug_assert_eq!(model.dissipation, Dissipation::Individual);
            // unique steady state (Spohn/Evans, see kernel.rs): dim ker L = 1 without computing
            (
                direct::solve(&liouvillian, &space, method)?,
                Some(1),
                reason,
            )
        }
    };
    check::finish(
        model,
        &space,
        &liouvillian,
        x,
        Provenance {
            method,
            solver: route.solver(),
            reason,
            kernel_dim,
            start,
        },
    )
}

/// Puts the dispatcher's reason in front of the solver's own.
fn with_reason(mut state: SteadyState, reason: &str) -> SteadyState {
    let own = std::mem::take(&mut state.diagnostics.reason);
    state.diagnostics.reason = if own.is_empty() {
        reason.to_string()
    } else {
        format!("{reason}; {own}")
    };
    state
}
