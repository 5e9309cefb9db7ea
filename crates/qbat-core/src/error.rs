//! [`SolveError`]: why a steady state or a trajectory could not be computed. Numerical
//! failures carry their numbers as fields (iterations, residuals, pivots, tolerances); the
//! `Display` text, one line, repeats them for people.

use crate::c64;
use crate::options::{Method, Solver};

/// Why a steady state (or a trajectory) could not be computed.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum SolveError {
    /// The requested method (or solver) does not apply to this model.
    #[error("method {} does not apply: {reason}", method.name())]
    NotApplicable {
        /// The method requested.
        method: Method,
        /// Why not.
        reason: String,
    },
    /// The solve would need more memory than allowed.
    #[error("model too large for method {}{}: needs about {:.1} GiB, limit {:.1} GiB", method.name(), solver.map(|s| format!(" (solver {s})")).unwrap_or_default(), *needed_bytes as f64 / 1073741824.0, *limit_bytes as f64 / 1073741824.0)]
    TooLarge {
        /// The method that would be used.
        method: Method,
        /// The steady-state solver that would be used (`None` when the refusal concerns the
        /// time evolution's own arrays).
        solver: Option<Solver>,
        /// Estimated peak memory.
        needed_bytes: u64,
        /// The limit in force.
        limit_bytes: u64,
    },
    /// An iterative method stopped before its residual (or error estimate) met the tolerance.
    #[error("numerical failure in method {}: {algorithm} did not converge: {context} (residual {residual:.3e}, tolerance {tolerance:.3e}, {iterations} iterations)", method.name())]
    NoConvergence {
        /// The method that failed.
        method: Method,
        /// The iteration that failed (`"GMRES"`, `"Krylov exponential"`, ...).
        algorithm: &'static str,
        /// Iterations (products, restarts, steps or rejected steps, as `context` says).
        iterations: usize,
        /// The residual or error estimate reached.
        residual: f64,
        /// What it had to reach.
        tolerance: f64,
        /// Where and how it stopped, in words (with the time or history where useful).
        context: String,
    },
    /// A factorisation met a pivot too small against the largest one.
    #[error("numerical failure in method {}: {context}: front of {unknowns} unknowns (first {first}) has pivots from {smallest:e} to {largest:e}", method.name())]
    SingularPivot {
        /// The method that failed.
        method: Method,
        /// Unknowns of the front (dense block) where it happened.
        unknowns: usize,
        /// Its first unknown, in elimination order.
        first: usize,
        /// Smallest pivot modulus.
        smallest: f64,
        /// Largest pivot modulus.
        largest: f64,
        /// Which factorisation, in words.
        context: String,
    },
    /// A computed state failed its residual check.
    #[error("numerical failure in method {}: residual ||L rho|| = {residual:e} exceeds {limit:e}", method.name())]
    Residual {
        /// The method that failed.
        method: Method,
        /// `||L rho||` of the state.
        residual: f64,
        /// The largest residual accepted.
        limit: f64,
    },
    /// A block that must have a kernel (the steady states) has none: its smallest singular
    /// value is clearly above the rank threshold.
    #[error("numerical failure in method {}: the {block} block ({unknowns} unknowns) has no kernel: smallest singular value {smallest:.1e} s_max (threshold {threshold:.0e}), s_max = {s_max:.3e} ({decomposition})", method.name())]
    NoKernel {
        /// The method that failed.
        method: Method,
        /// Which block (`"q = 0"`).
        block: &'static str,
        /// Its unknowns.
        unknowns: usize,
        /// Its smallest singular value relative to the largest.
        smallest: f64,
        /// The relative threshold below which a singular value counts as zero.
        threshold: f64,
        /// Its largest singular value.
        s_max: f64,
        /// How the singular values were obtained, in words.
        decomposition: String,
    },
    /// A dense rank decision (a kernel's dimension, its semisimplicity) is not clear: a
    /// quantity that must lie clearly on one side of its threshold does not.
    #[error("numerical failure in method {}: {context}: {quantity} = {value:.3e} against the threshold {threshold:.3e}", method.name())]
    RankUndecided {
        /// The method that failed.
        method: Method,
        /// What was measured (`"||R_22||_F"`, `"||A w||"`, ...).
        quantity: String,
        /// Its value.
        value: f64,
        /// The threshold it had to clear.
        threshold: f64,
        /// Which block and decomposition, and what the failure means, in words.
        context: String,
    },
    /// A computed state cannot be normalised.
    #[error("numerical failure in method {}: the solution has trace {trace}{context}", method.name())]
    Trace {
        /// The method that failed.
        method: Method,
        /// Its trace (zero, tiny or not finite).
        trace: c64,
        /// More on where, in words (empty or starting with a separator).
        context: String,
    },
    /// A numerical failure without numbers to report (a library's eigensolver or LU failed,
    /// memory ran out).
    #[error("numerical failure in method {}: {detail}", method.name())]
    Numerical {
        /// The method that failed.
        method: Method,
        /// What happened.
        detail: String,
    },
    /// The caller's progress callback asked to stop ([`crate::evolve_with_progress`]).
    #[error("stopped by the caller before the end")]
    Cancelled,
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

impl SolveError {
    /// `true` for the numerical failures (as opposed to bad input or a model too large).
    pub fn is_numerical(&self) -> bool {
        matches!(
            self,
            SolveError::NoConvergence { .. }
                | SolveError::SingularPivot { .. }
                | SolveError::Residual { .. }
                | SolveError::Trace { .. }
                | SolveError::NoKernel { .. }
                | SolveError::RankUndecided { .. }
                | SolveError::Numerical { .. }
        )
    }
}
