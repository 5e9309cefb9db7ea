//! The representations a trajectory is evolved in: operators over an [`OperatorSpace`] (full
//! or U(1) sector) or the Dicke basis of identical ancillas; each gives the Liouvillian, the
//! initial state and the reduction of a state to a [`Sample`].

use super::observe::{initial_vector, sample, Sample};
use super::sparse::Csr;
use crate::c64;
use crate::liouvillian::{assemble_from, Generators, OperatorSpace};
use crate::model::{InitialState, Model};
use crate::steady::{DickeSystem, Method, SolveError};

/// A representation with its Liouvillian.
pub(crate) enum System {
    /// Operators `|i><j|` of the computational basis (full space or U(1) sector).
    Space {
        space: OperatorSpace,
        generators: Generators,
    },
    /// Permutation-invariant operators of the battery and `N - 1` identical ancillas.
    Dicke(DickeSystem),
}

impl System {
    /// Builds the representation of `method` (`Full`, `Sector` or `Symmetric`) and its `L`.
    pub(crate) fn new(
        model: &Model,
        method: Method,
        initial: InitialState,
    ) -> Result<(System, Csr), SolveError> {
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
                Ok((System::Dicke(dicke), op))
            }
            _ => {
                let space = match method {
                    Method::Full => OperatorSpace::full(model.n),
                    _ => OperatorSpace::sector(model.n),
                };
                let generators = Generators::new(model);
                let op = Csr::from_csc(&assemble_from(&generators, &space));
                Ok((System::Space { space, generators }, op))
            }
        }
    }

    /// `vec(rho(0))` in this representation.
    pub(crate) fn initial_state(&self, initial: InitialState) -> Vec<c64> {
        match self {
            System::Space { space, .. } => initial_vector(space, initial),
            System::Dicke(dicke) => dicke
                .initial_state(initial)
                .into_iter()
                .map(|v| c64::new(v, 0.0))
                .collect(),
        }
    }

    /// The battery's state, the energy, the trace and the smallest eigenvalue of `x`.
    pub(crate) fn sample(&self, n: usize, x: &[c64]) -> Sample {
        match self {
            System::Space { space, generators } => sample(space, n, &generators.hamiltonian, x),
            System::Dicke(dicke) => {
                // L is real on the real Dicke unknowns: imaginary parts are rounding only
                let real: Vec<f64> = x.iter().map(|v| v.re).collect();
                let r = dicke.reduce(&real);
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
        }
    }
}
