//! Steady states of the Lindblad master equation.
//!
//! [`steady_state`] dispatches on [`Method`]; every method returns the same [`SteadyState`]:
//! the battery's reduced state, every qubit's excited population, the total energy and a
//! [`Diagnostics`] record (residual, kernel dimension, smallest eigenvalue, timing).

mod krylov;
mod symmetric;
mod types;

pub use types::{Diagnostics, Method, SolveError, SteadyOptions, SteadyState};

use crate::model::Model;

/// The steady state of `model` (the `t -> infinity` state reached from `options.initial` when
/// the Liouvillian's kernel is degenerate).
///
/// # Errors
/// [`SolveError`] when the method does not apply, memory would not suffice, or the numerics
/// fail (with the numbers in the error).
pub fn steady_state(model: &Model, options: &SteadyOptions) -> Result<SteadyState, SolveError> {
    if options.method == Method::Symmetric {
        return symmetric::solve(model, options);
    }
    Err(SolveError::NotApplicable {
        method: Method::Full,
        reason: "not implemented yet".into(),
    })
}
