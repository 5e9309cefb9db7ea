//! Time evolution of the master equation: charging dynamics, charging time, power and the
//! Liouvillian's spectral gap.
//!
//! [`evolve`] integrates `d vec(rho)/dt = L vec(rho)` from an [`InitialState`] and reports the
//! battery's figures of merit at the requested times, plus derived quantities
//! ([`Trajectory::charging_time`], [`Trajectory::max_average_power`], [`Trajectory::gap`]).
//!
//! # Representation
//! The initial states (all-ground, all-excited, maximally mixed) are diagonal in the excitation
//! number and, for a star with identical ancillas, invariant under permuting the ancillas; `L`
//! preserves both properties, so a smaller space holds the whole trajectory:
//! - [`Method::Symmetric`] (the `Auto` choice for a star with identical ancillas): the Dicke
//!   basis of the ancillas with U(1) sectors, `O(N^2)` real unknowns (the steady-state
//!   module's layout, `steady/symmetric`);
//! - [`Method::Sector`] (the `Auto` choice otherwise): the U(1) sector, `C(2N, N)` unknowns;
//! - [`Method::Full`]: all `4^N` unknowns (a check).
//!
//! # Integrator
//! `L` does not depend on time, so `rho(t) = exp(t L) rho(0)` exactly; the only approximation is
//! how `exp(t L) v` is evaluated. We use the Krylov (Arnoldi) exponential of Expokit (Sidje,
//! ACM TOMS 24, 130 (1998)) with adaptive substeps and its a-posteriori local error estimate:
//! - it needs only products `L x` with the sparse Liouvillian (no factorisation, which fills in
//!   badly for this hypercube-like coupling graph, see shared/MEASURED.md);
//! - stiffness does not hurt it as it hurts explicit Runge-Kutta: the substep is limited by the
//!   accuracy of a degree-30 polynomial in `tau L`, not by a stability region, so large
//!   `||L||` (fast `omega0` oscillation in the full space) costs only proportionally more
//!   products, and slowly relaxing tails are crossed in long substeps;
//! - no implicit solves as in BDF/Radau, whose Newton systems are as hard as the steady state.
//!
//! Error control: `tolerance` is a target for the absolute error of `vec(rho)` (2-norm) at the
//! last requested time; each substep of length `tau` must have a local error estimate below
//! `tau * tolerance / t_last`. Observables of the 2x2 battery state are Lipschitz in `rho` with
//! constant of order one, so the default `1e-10` gives `W` to better than `1e-8` (checked
//! against closed forms and QuTiP `mesolve` in the tests).
//!
//! # Example
//! ```
//! use qbat_core::dynamics::{evolve, EvolveOptions};
//! use qbat_core::{Model, ModelSpec};
//!
//! let model = Model::new(&ModelSpec::default()).unwrap(); // paper's Fig. 4 point, N = 3
//! let options = EvolveOptions { times: vec![0.0, 1.0, 5.0, 30.0], ..Default::default() };
//! let trajectory = evolve(&model, &options).unwrap();
//! assert_eq!(trajectory.w[0], 0.0); // starts uncharged
//! assert!((trajectory.w[3] - trajectory.w_steady).abs() < 1e-6); // charged after 30 / gamma
//! ```

mod derived;
mod expm;
mod gap;
mod krylov;
mod observe;
mod sparse;
mod system;
#[cfg(test)]
mod tests;
mod trajectory;

pub use derived::{charging_time, max_average_power};
pub use gap::{Gap, GapMethod, DENSE_LIMIT, ZERO_RATE};
pub use trajectory::{evolve, evolve_with_progress, EvolveDiagnostics, Trajectory};

use crate::model::InitialState;
use crate::steady::Method;

/// Options of [`evolve`].
#[derive(Clone, Debug, PartialEq)]
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
    /// [`Trajectory::charging_time`] is when `W` first reaches `fraction * W_steady`.
    /// Default `0.9`.
    pub fraction: f64,
    /// Compute the Liouvillian's spectral gap ([`Trajectory::gap`]). Default `true`; it can
    /// cost more than the evolution itself at large N (about twice at N = 101, symmetric).
    pub gap: bool,
    /// Refuse (with `SolveError::TooLarge`) when the Liouvillian, the Krylov basis or the
    /// steady-state solve would need more bytes; `None` means
    /// [`DEFAULT_MEMORY_LIMIT_BYTES`](crate::steady::DEFAULT_MEMORY_LIMIT_BYTES).
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
            memory_limit_bytes: None,
        }
    }
}
