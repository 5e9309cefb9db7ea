//! What a caller chooses: the representation ([`Method`]), the steady-state [`Solver`], the
//! time integrator ([`Integrator`]) and the [`SteadyOptions`]. Shared by the planning step
//! (`plan`), the steady-state solvers and the dynamics.

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

/// The algorithm that computes a steady state (within a [`Method`]'s representation).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Solver {
    /// Sparse LU of the Liouvillian with one population equation replaced by the trace
    /// condition (`full`, `sector`; individual dissipation).
    SparseLu,
    /// Preconditioned flexible GMRES on the U(1) sector, matrix free (`sector`, local jumps).
    Krylov,
    /// Dense kernel of the `q = 0` block and spectral projection of the initial state
    /// (`full`, `sector`; needed for collective dissipation, N <= 7).
    DenseKernel,
    /// The permutation-symmetric Dicke-basis solver (`symmetric`).
    Dicke,
}

impl Solver {
    /// All solvers, in the order shown to users.
    pub const ALL: [Solver; 4] = [
        Solver::SparseLu,
        Solver::Krylov,
        Solver::DenseKernel,
        Solver::Dicke,
    ];
}

/// The algorithm that applies `exp(t L)`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Integrator {
    /// `Rational` for [`Method::Symmetric`], `Polynomial` otherwise.
    #[default]
    Auto,
    /// Krylov (Arnoldi) polynomial approximation with adaptive substeps (Expokit): products
    /// with `L` only; the work grows like `||L|| t`.
    Polynomial,
    /// Shift-and-invert (rational) Krylov approximation with one sparse LU of `I - sigma L`;
    /// the work hardly depends on `||L||`. Symmetric representation only, where the LU is
    /// cheap (nested dissection of the two-dimensional Dicke grid).
    Rational,
}

impl Integrator {
    /// All integrators, in the order shown to users.
    pub const ALL: [Integrator; 3] = [
        Integrator::Auto,
        Integrator::Polynomial,
        Integrator::Rational,
    ];
}

/// Options of [`steady_state`](crate::steady_state).
#[derive(Clone, Debug, Default, PartialEq)]
#[non_exhaustive]
pub struct SteadyOptions {
    /// Representation to solve in.
    pub method: Method,
    /// Initial state selecting the long-time state when the kernel is degenerate.
    pub initial: InitialState,
    /// Refuse (with [`SolveError::TooLarge`](crate::SolveError::TooLarge)) before allocating
    /// when the estimated peak memory ([`memory_estimate`](crate::memory_estimate)) exceeds
    /// this many bytes. `None` means [`DEFAULT_MEMORY_LIMIT_BYTES`] (16 GiB); `Some(u64::MAX)`
    /// disables the check.
    pub memory_limit_bytes: Option<u64>,
    /// The solver to use; `None` lets the planning step choose (the fastest that applies).
    /// A solver that does not apply to the model and method gives
    /// [`SolveError::NotApplicable`](crate::SolveError::NotApplicable) with the reason.
    pub solver: Option<Solver>,
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn solver_names_round_trip() {
        for solver in Solver::ALL {
            assert_eq!(solver.to_string().parse::<Solver>(), Ok(solver));
        }
        assert_eq!("dense-kernel".parse::<Solver>(), Ok(Solver::DenseKernel));
        let err = "LU".parse::<Solver>().unwrap_err();
        assert_eq!((err.kind(), err.value()), ("solver", "LU"));
        assert_eq!(err.accepted(), ["lu", "krylov", "dense-kernel", "dicke"]);
    }
}
