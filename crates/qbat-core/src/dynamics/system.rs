//! The representations a trajectory is evolved in: operators over an [`OperatorSpace`] (full
//! or U(1) sector, complex), the Dicke basis of identical ancillas with its real sparse `L`
//! (for the polynomial Krylov exponential, in real arithmetic), or the reachable part of the
//! Dicke basis with the factorised `I - sigma L` (for the rational one); each gives the
//! initial state and the reduction of a state to a [`Sample`].

use super::observe::Sample;
use super::rational::Shifted;
use crate::c64;
use crate::dicke::{DickeSystem, Reduced, ShiftedDicke};
use crate::error::SolveError;
use crate::linalg::sparse::Csr;
use crate::liouvillian::{assemble_from, Generators, OperatorSpace};
use crate::model::{InitialState, Model};
use crate::options::Method;

/// A representation with its Liouvillian.
pub(crate) enum System {
    /// Operators `|i><j|` of the computational basis (full space or U(1) sector).
    Space {
        space: OperatorSpace,
        generators: Generators,
        op: Csr<c64>,
    },
    /// Permutation-invariant operators of the battery and `N - 1` identical ancillas; `L` is
    /// real on their real unknowns.
    Dicke { dicke: DickeSystem, op: Csr<f64> },
    /// The reachable part of the Dicke representation, `I - sigma L` factorised.
    Shifted(Box<ShiftedDicke>),
}

impl System {
    /// Builds the representation of `method` (`Full`, `Sector` or `Symmetric`) and its `L`
    /// as a sparse matrix (the polynomial Krylov exponential's input).
    pub(crate) fn new(
        model: &Model,
        method: Method,
        initial: InitialState,
    ) -> Result<System, SolveError> {
        match method {
            Method::Symmetric => {
                let dicke = DickeSystem::new(model, initial)
                    .map_err(|reason| SolveError::NotApplicable { method, reason })?;
                let op = Csr::from_csc(&dicke.l);
                Ok(System::Dicke { dicke, op })
            }
            _ => {
                let space = match method {
                    Method::Full => OperatorSpace::full(model.n),
                    _ => OperatorSpace::sector(model.n),
                };
                let generators = Generators::new(model);
                let op = Csr::from_faer(&assemble_from(&generators, &space));
                Ok(System::Space {
                    space,
                    generators,
                    op,
                })
            }
        }
    }

    /// Unknowns and stored entries of `L`.
    pub(crate) fn size(&self) -> (usize, usize) {
        match self {
            System::Space { op, .. } => (op.dim(), op.nnz()),
            System::Dicke { op, .. } => (op.dim(), op.nnz()),
            System::Shifted(shifted) => (shifted.len(), shifted.nonzeros),
        }
    }

    /// The complex `L` of the polynomial representations, for the spectral gap (whose
    /// Arnoldi process runs on complex vectors); `None` for `Shifted`.
    pub(crate) fn complex_op(&self) -> Option<std::borrow::Cow<'_, Csr<c64>>> {
        match self {
            System::Space { op, .. } => Some(std::borrow::Cow::Borrowed(op)),
            System::Dicke { op, .. } => Some(std::borrow::Cow::Owned(op.to_complex())),
            System::Shifted(_) => None,
        }
    }
}

/// A [`Sample`] from the reduced Dicke-basis quantities.
pub(crate) fn dicke_sample(r: Reduced) -> Sample {
    let zero = c64::new(0.0, 0.0);
    Sample {
        rho_battery: [
            [c64::new(r.battery_excited, 0.0), zero],
            [zero, c64::new(r.battery_ground, 0.0)],
        ],
        energy_total: r.energy,
        trace: r.battery_excited + r.battery_ground,
        min_eigenvalue: Some(r.min_eigenvalue),
    }
}

impl Shifted for ShiftedDicke {
    fn solve(&self, sigma: f64, b: &mut [f64]) -> Result<(), SolveError> {
        ShiftedDicke::solve(self, sigma, b)
    }

    fn leak(&self, x: &[f64]) -> f64 {
        ShiftedDicke::leak(self, x)
    }

    fn trace(&self, x: &[f64]) -> f64 {
        ShiftedDicke::trace(self, x)
    }
}
