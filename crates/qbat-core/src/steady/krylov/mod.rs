//! Preconditioned Krylov solver on the U(1) sector (owner: krylov work).

use super::{SolveError, SteadyOptions, SteadyState};
use crate::model::Model;

/// Solves the steady state on the U(1) sector with a preconditioned Krylov method.
pub(crate) fn solve(model: &Model, options: &SteadyOptions) -> Result<SteadyState, SolveError> {
    let _ = (model, options);
    Err(SolveError::NotApplicable {
        method: super::Method::Sector,
        reason: "the Krylov sector solver is not implemented yet".into(),
    })
}
