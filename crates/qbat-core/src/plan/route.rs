//! The concrete steady-state solvers the planning step chooses between ([`Route`]), with the
//! [`Method`] and [`Solver`] each reports.

use crate::options::{Method, Solver};

/// Operator space a dense or direct solve works in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Space {
    /// All `4^N` operators.
    Full,
    /// The U(1) block, `exc(i) = exc(j)`.
    Sector,
}

/// A concrete solver.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Route {
    /// Sparse LU on all operators.
    DirectFull,
    /// Sparse LU on the U(1) block.
    DirectSector,
    /// Dense kernel analysis of the `q = 0` block and spectral projection of the initial state.
    DenseKernel(Space),
    /// The preconditioned Krylov solver on the U(1) block.
    Krylov,
    /// The Dicke-basis solver.
    Symmetric,
}

impl Route {
    /// The [`Solver`] reported for this route.
    pub(crate) fn solver(self) -> Solver {
        match self {
            Route::DirectFull | Route::DirectSector => Solver::SparseLu,
            Route::DenseKernel(_) => Solver::DenseKernel,
            Route::Krylov => Solver::Krylov,
            Route::Symmetric => Solver::Dicke,
        }
    }

    /// The [`Method`] reported for this route.
    pub(crate) fn method(self) -> Method {
        match self {
            Route::DirectFull | Route::DenseKernel(Space::Full) => Method::Full,
            Route::DirectSector | Route::DenseKernel(Space::Sector) | Route::Krylov => {
                Method::Sector
            }
            Route::Symmetric => Method::Symmetric,
        }
    }
}
