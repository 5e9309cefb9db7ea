//! Options, results and errors shared by all steady-state methods.

use crate::c64;
use crate::model::InitialState;

/// Which representation the solver works in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Method {
    /// The fastest method that applies to the model.
    #[default]
    Auto,
    /// The full Liouvillian on all `4^N` operators.
    Full,
    /// The U(1) block: operators `|i><j|` with equal excitation numbers, `C(2N, N)` unknowns.
    Sector,
    /// Battery plus identical ancillas in the Dicke basis (star with identical ancillas).
    Symmetric,
}

impl Method {
    /// The name used on the command line and in output.
    pub fn name(self) -> &'static str {
        match self {
            Method::Auto => "auto",
            Method::Full => "full",
            Method::Sector => "sector",
            Method::Symmetric => "symmetric",
        }
    }
}

/// Options of [`steady_state`](super::steady_state).
#[derive(Clone, Debug, Default, PartialEq)]
#[non_exhaustive]
pub struct SteadyOptions {
    /// Representation to solve in.
    pub method: Method,
    /// Initial state selecting the long-time state when the kernel is degenerate.
    pub initial: InitialState,
    /// Refuse (with [`SolveError::TooLarge`]) before allocating when the estimated peak memory
    /// ([`memory_estimate`](super::memory_estimate)) exceeds this many bytes. `None` means
    /// [`DEFAULT_MEMORY_LIMIT_BYTES`] (16 GiB); `Some(u64::MAX)` disables the check.
    pub memory_limit_bytes: Option<u64>,
}

/// The memory limit used when [`SteadyOptions::memory_limit_bytes`] is `None`: 16 GiB.
pub const DEFAULT_MEMORY_LIMIT_BYTES: u64 = 16 << 30;

impl SteadyOptions {
    /// The memory limit in force, in bytes.
    pub fn memory_limit(&self) -> u64 {
        self.memory_limit_bytes
            .unwrap_or(DEFAULT_MEMORY_LIMIT_BYTES)
    }
}

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
}

/// Quality and provenance of a computed state.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct Diagnostics {
    /// The method actually used (never `Auto`).
    pub method: Method,
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

/// Why a steady state could not be computed.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum SolveError {
    /// The requested method does not apply to this model.
    #[error("method {} does not apply: {reason}", method.name())]
    NotApplicable {
        /// The method requested.
        method: Method,
        /// Why not.
        reason: String,
    },
    /// The solve would need more memory than allowed.
    #[error("model too large for method {}: needs about {:.1} GiB, limit {:.1} GiB", method.name(), *needed_bytes as f64 / 1073741824.0, *limit_bytes as f64 / 1073741824.0)]
    TooLarge {
        /// The method that would be used.
        method: Method,
        /// Estimated peak memory.
        needed_bytes: u64,
        /// The limit in force.
        limit_bytes: u64,
    },
    /// The linear algebra failed (singular system, no convergence...).
    #[error("numerical failure in method {}: {detail}", method.name())]
    Numerical {
        /// The method that failed.
        method: Method,
        /// What happened, with the numbers.
        detail: String,
    },
    /// A solver option has a value outside its domain (times, tolerance, fraction...).
    #[error("invalid {field} = {value}: {reason}")]
    InvalidOption {
        /// The option, as the user writes it.
        field: String,
        /// The offending value, printed.
        value: String,
        /// Why it is rejected.
        reason: String,
    },
}
