//! Symmetric solver: battery plus identical ancillas in the Dicke basis (owner: symmetric work).

use super::{SolveError, SteadyOptions, SteadyState};
use crate::model::Model;

/// `Ok(())` when the model has the permutation symmetry this solver needs, else the reason.
pub(crate) fn applies(model: &Model) -> Result<(), String> {
    let _ = model;
    Err("the symmetric solver is not implemented yet".into())
}

/// Number of real or complex unknowns of the linear system (for memory estimates).
pub(crate) fn unknowns(model: &Model) -> u64 {
    let m = model.n as u64;
    4 * m * m
}

/// Solves the steady state in the Dicke representation.
pub(crate) fn solve(model: &Model, options: &SteadyOptions) -> Result<SteadyState, SolveError> {
    let _ = options;
    Err(SolveError::NotApplicable {
        method: super::Method::Symmetric,
        reason: applies(model).unwrap_err(),
    })
}
