//! [`EvolveOptions`] and their validation.

use crate::error::SolveError;
use crate::model::InitialState;
use crate::options::{Integrator, Method};

/// Smallest tolerance accepted: below it rounding errors dominate the error estimate.
const MIN_TOLERANCE: f64 = 1e-14;

/// Options of [`evolve`](super::evolve).
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct EvolveOptions {
    /// The state at `t = 0`.
    pub initial: InitialState,
    /// Output times, non-decreasing, `>= 0` (the evolution always starts at `t = 0`).
    /// Default: `0, 0.1, ..., 20` (201 samples).
    pub times: Vec<f64>,
    /// Target absolute error of `vec(rho)` (2-norm) at the last time. Default `1e-10`.
    pub tolerance: f64,
    /// Representation: `Symmetric` (Dicke basis), `Sector` (U(1) sector) or `Full`; `Auto`
    /// takes `Symmetric` when the ancillas are interchangeable, else `Sector`.
    pub method: Method,
    /// [`Trajectory::charging_time`](super::Trajectory::charging_time) is when `W` first reaches `fraction * W_steady`.
    /// Default `0.9`.
    pub fraction: f64,
    /// Compute the Liouvillian's spectral gap ([`Trajectory::gap`](super::Trajectory::gap)). Default `true`; with the
    /// polynomial integrator it can cost more than the evolution itself (about twice at
    /// N = 101, symmetric), with the rational one a few percent (shift-and-invert Arnoldi).
    pub gap: bool,
    /// How `exp(t L)` is applied: [`Integrator::Auto`] takes the rational Krylov method for
    /// the symmetric representation and the polynomial one otherwise.
    pub integrator: Integrator,
    /// Refuse (with `SolveError::TooLarge`) when the Liouvillian, the Krylov basis or the
    /// steady-state solve would need more bytes; `None` means
    /// [`DEFAULT_MEMORY_LIMIT_BYTES`](crate::DEFAULT_MEMORY_LIMIT_BYTES).
    pub memory_limit_bytes: Option<u64>,
}

impl Default for EvolveOptions {
    fn default() -> Self {
        EvolveOptions {
            initial: InitialState::Ground,
            times: (0..=200).map(|k| k as f64 * 0.1).collect(),
            tolerance: 1e-10,
            method: Method::Auto,
            fraction: 0.9,
            gap: true,
            integrator: Integrator::Auto,
            memory_limit_bytes: None,
        }
    }
}

fn invalid(field: &str, value: impl ToString, reason: &str) -> SolveError {
    SolveError::InvalidOption {
        field: field.into(),
        value: value.to_string(),
        reason: reason.into(),
    }
}

/// `Err(InvalidOption)` naming the first option outside its domain.
pub(super) fn validate(options: &EvolveOptions) -> Result<(), SolveError> {
    let times = &options.times;
    if times.is_empty() {
        return Err(invalid("times", "[]", "at least one output time is needed"));
    }
    for (k, &t) in times.iter().enumerate() {
        let field = format!("times[{k}]");
        if !t.is_finite() || t < 0.0 {
            return Err(invalid(&field, t, "must be a finite number >= 0"));
        }
        if k > 0 && t < times[k - 1] {
            return Err(invalid(&field, t, "times must be non-decreasing"));
        }
    }
    let tol = options.tolerance;
    if !(tol.is_finite() && tol >= MIN_TOLERANCE) {
        return Err(invalid(
            "tolerance",
            tol,
            &format!("must be a finite number >= {MIN_TOLERANCE:e}"),
        ));
    }
    let fraction = options.fraction;
    if !(fraction > 0.0 && fraction <= 1.0) {
        return Err(invalid("fraction", fraction, "must lie in (0, 1]"));
    }
    Ok(())
}
