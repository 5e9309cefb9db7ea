//! The representations a trajectory is evolved in: operators over an [`OperatorSpace`] (full
//! or U(1) sector), the Dicke basis of identical ancillas with its sparse `L` (for the
//! polynomial Krylov exponential), or the reachable part of the Dicke basis with the factorised
//! `I - sigma L` (for the rational one); each gives the initial state and the reduction of a
//! state to a [`Sample`].

use super::observe::{initial_vector, sample, Sample};
use super::rational::Shifted;
use super::sparse::Csr;
use crate::c64;
use crate::liouvillian::{assemble_from, Generators, OperatorSpace};
use crate::model::{InitialState, Model};
use crate::steady::{DickeReduced, DickeSystem, Method, ShiftedDicke, SolveError};

/// A representation with its Liouvillian.
pub(crate) enum System {
    /// Operators `|i><j|` of the computational basis (full space or U(1) sector).
    Space {
        space: OperatorSpace,
        generators: Generators,
        op: Csr,
    },
    /// Permutation-invariant operators of the battery and `N - 1` identical ancillas.
    Dicke { dicke: DickeSystem, op: Csr },
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
                let op = Csr::from_real_columns(
                    dicke.len(),
                    &dicke.col_ptr,
                    &dicke.row_idx,
                    &dicke.values,
                );
                Ok(System::Dicke { dicke, op })
            }
            _ => {
                let space = match method {
                    Method::Full => OperatorSpace::full(model.n),
                    _ => OperatorSpace::sector(model.n),
                };
                let generators = Generators::new(model);
                let op = Csr::from_csc(&assemble_from(&generators, &space));
                Ok(System::Space {
                    space,
                    generators,
                    op,
                })
            }
        }
    }

    /// The sparse `L` of the polynomial representations (`None` for `Shifted`).
    pub(crate) fn op(&self) -> Option<&Csr> {
        match self {
            System::Space { op, .. } | System::Dicke { op, .. } => Some(op),
            System::Shifted(_) => None,
        }
    }

    /// `vec(rho(0))` in this representation.
    pub(crate) fn initial_state(&self, initial: InitialState) -> Vec<c64> {
        let real = |v: Vec<f64>| v.into_iter().map(|v| c64::new(v, 0.0)).collect();
        match self {
            System::Space { space, .. } => initial_vector(space, initial),
            System::Dicke { dicke, .. } => real(dicke.initial_state(initial)),
            System::Shifted(shifted) => real(shifted.initial_state(initial)),
        }
    }

    /// The battery's state, the energy, the trace and the smallest eigenvalue of `x`.
    pub(crate) fn sample(&self, n: usize, x: &[c64]) -> Sample {
        // L is real on the real Dicke unknowns: imaginary parts are rounding only
        let real = || x.iter().map(|v| v.re).collect::<Vec<f64>>();
        match self {
            System::Space {
                space, generators, ..
            } => sample(space, n, &generators.hamiltonian, x),
            System::Dicke { dicke, .. } => dicke_sample(dicke.reduce(&real())),
            System::Shifted(shifted) => dicke_sample(shifted.reduce(&real())),
        }
    }
}

/// A [`Sample`] from the reduced Dicke-basis quantities.
pub(crate) fn dicke_sample(r: DickeReduced) -> Sample {
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
