//! Time evolution of the master equation: charging dynamics, charging time, power and the
//! Liouvillian's spectral gap.
//!
//! [`evolve`] integrates `d vec(rho)/dt = L vec(rho)` from an [`InitialState`](crate::InitialState) and reports the
//! battery's figures of merit at the requested times, plus derived quantities
//! ([`Trajectory::charging_time`], [`Trajectory::max_average_power`], [`Trajectory::gap`]).
//!
//! # Representation
//! The initial states (all-ground, all-excited, maximally mixed) are diagonal in the excitation
//! number and, for a star with identical ancillas, invariant under permuting the ancillas; `L`
//! preserves both properties, so a smaller space holds the whole trajectory:
//! - [`Method::Symmetric`](crate::Method::Symmetric) (the `Auto` choice for a star with
//!   identical ancillas): the Dicke basis of the ancillas with U(1) sectors, `O(N^2)` real
//!   unknowns (the representation of `crate::dicke`, shared with the steady-state solver);
//! - [`Method::Sector`](crate::Method::Sector) (the `Auto` choice otherwise): the U(1) sector,
//!   `C(2N, N)` unknowns;
//! - [`Method::Full`](crate::Method::Full): all `4^N` unknowns (a check).
//!
//! # Integrators
//! `L` does not depend on time, so `rho(t) = exp(t L) rho(0)` exactly; the only approximation is
//! how `exp(t L) v` is evaluated ([`Integrator`]). Both are Krylov methods, not time steppers:
//! the spectrum of `L` reaches `-N gamma` on the real axis (every qubit relaxes on its own) and
//! `~ J sqrt(N)` on the imaginary one, so an explicit Runge-Kutta method is limited by
//! stability to steps of `1 / (N gamma)`, and an implicit one (BDF, Radau) needs a new sparse
//! factorisation whenever its step changes and many steps to follow the oscillations.
//!
//! - **Polynomial** (full and sector representations; `Symmetric` on request): the Arnoldi
//!   exponential of Expokit (Sidje, ACM TOMS 24, 130 (1998)) with adaptive substeps and its
//!   a-posteriori local error estimate (`krylov.rs`; real arithmetic for the real Dicke `L`).
//!   It needs only products `L x`: no factorisation, which fills in badly for the
//!   hypercube-like coupling graph of the computational basis (bench/results/MEASURED.md).
//!   Its substeps are of order `m / ||L||`, so the
//!   work grows like `||L|| t`: about `N^3` in the Dicke basis (N = 201 took 72 s).
//! - **Rational** (the `Symmetric` default): shift-and-invert Krylov on `(I - sigma L)^{-1}`
//!   (`rational.rs`). The Dicke unknowns form a two-dimensional grid, where the nested
//!   dissection LU of the steady-state solver is cheap, and the method's convergence does not
//!   depend on `||L||`: the far spectrum is mapped next to 0. Each step of length `s` uses
//!   `sigma = s / 50` rounded to a power of 4 (one factorisation per power, the last two
//!   kept), steps grow from `1 / ||L||` (the stiff start from a product state) to the whole
//!   remaining span (the relaxed tail). Only the part of the grid the uncoupled relaxation
//!   path comes within `e^-50` of is kept, and only for the times it gets there: the
//!   trajectory is cut into windows of time (`dicke::Reach::windows`), each solved on its own
//!   region (`ShiftedDicke::window`, a fraction of the union over the whole path: around
//!   `p = 1/2` every `j` block up to ~ `sqrt(N)` carries weight, near the start and the end only
//!   a narrow band), the state moved to the next region at each window's end. In the last
//!   window, which holds `t -> infinity`, the stationary state is subtracted first, so the
//!   propagated part decays and the kernel need not be resolved. The probability leaking out of
//!   the regions is integrated along the trajectory, what a move drops is added, and the sum is
//!   reported as [`EvolveDiagnostics::truncation_error`]; the regions are widened when it
//!   exceeds a tenth of the tolerance. N = 1001 then takes about 9 s and 0.5 GB
//!   (bench/results/performance-5.md).
//!
//! Error control: `tolerance` is a target for the absolute error of `vec(rho)` (2-norm) at the
//! last requested time. Polynomial: each substep of length `tau` must have a local error
//! estimate below `tau * tolerance / t_last`. Rational: each step's generalised residual
//! estimate (the error seen through `(I - sigma L)^{-1}`, which damps only modes that decay
//! within the step anyway) may spend its share of what is left of the tolerance, or a quarter
//! of it. Observables of the 2x2 battery state are Lipschitz in `rho` with constant of order
//! one, so the default `1e-10` gives `W` to better than `1e-8` (checked against closed forms,
//! QuTiP `mesolve`, and between the two integrators in the tests).
//!
//! # Example
//! ```
//! use qbat_core::{evolve, EvolveOptions, Model, ModelSpec};
//!
//! let model = Model::new(&ModelSpec::default()).unwrap(); // paper's Fig. 4 point, N = 3
//! let options = EvolveOptions::default().with_times(vec![0.0, 1.0, 5.0, 30.0]);
//! let trajectory = evolve(&model, &options).unwrap();
//! assert_eq!(trajectory.w[0], 0.0); // starts uncharged
//! assert!((trajectory.w[3] - trajectory.w_steady).abs() < 1e-6); // charged after 30 / gamma
//! ```

mod derived;
mod gap;
mod krylov;
mod observe;
mod options;
mod rational;
mod system;
#[cfg(test)]
mod tests;
mod trajectory;

pub use crate::options::Integrator;
pub use derived::{charging_time, max_average_power};
pub use gap::{Gap, GapMethod};
pub use options::EvolveOptions;
pub use trajectory::{evolve, evolve_with_progress, EvolveDiagnostics, Trajectory};

/// A caller's `ControlFlow` as a result: `Break` is [`SolveError::Cancelled`].
pub(crate) trait Cancelled {
    fn cancelled(self) -> Result<(), crate::error::SolveError>;
}

impl Cancelled for std::ops::ControlFlow<()> {
    fn cancelled(self) -> Result<(), crate::error::SolveError> {
        match self {
            std::ops::ControlFlow::Continue(()) => Ok(()),
            std::ops::ControlFlow::Break(()) => Err(crate::error::SolveError::Cancelled),
        }
    }
}
