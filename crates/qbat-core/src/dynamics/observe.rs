//! From a state vector to what a trajectory reports: the initial states, the reduced samples,
//! the trace distance between qubit states, and positivity checks.

use crate::c64;
use crate::hilbert::RealSparse;
use crate::liouvillian::{reduce, OperatorSpace};
use crate::model::InitialState;
use faer::{Mat, Side};

/// Largest diagonal block (or full matrix) whose eigenvalues are checked at every sample.
pub(crate) const MAX_CHECKED_BLOCK: usize = 256;

/// `vec(rho(0))` over `space`: all-ground `|0><0|`, all-excited `|2^N - 1><2^N - 1|`, or the
/// maximally mixed `I / 2^N`. All three are diagonal, hence inside the U(1) sector.
pub(crate) fn initial_vector(space: &OperatorSpace, initial: InitialState) -> Vec<c64> {
    let dim = space.hilbert_dim();
    let mut x = vec![c64::new(0.0, 0.0); space.len()];
    match initial {
        InitialState::Ground => x[space.index(0, 0).unwrap()] = c64::new(1.0, 0.0),
        InitialState::Excited => {
            x[space.index(dim - 1, dim - 1).unwrap()] = c64::new(1.0, 0.0);
        }
        InitialState::Mixed => {
            for s in 0..dim {
                x[space.index(s, s).unwrap()] = c64::new(1.0 / dim as f64, 0.0);
            }
        }
    }
    x
}

/// What one time sample records.
#[derive(Clone, Debug)]
pub(crate) struct Sample {
    pub rho_battery: [[c64; 2]; 2],
    pub energy_total: f64,
    pub trace: f64,
    pub min_eigenvalue: Option<f64>,
}

/// Reduces `x` (a state over `space`) to a [`Sample`].
pub(crate) fn sample(
    space: &OperatorSpace,
    n: usize,
    hamiltonian: &RealSparse,
    x: &[c64],
) -> Sample {
    let (rho_battery, _, energy_total) = reduce(space, n, hamiltonian, x);
    let trace = space.diagonal().iter().map(|&i| x[i].re).sum();
    Sample {
        rho_battery,
        energy_total,
        trace,
        min_eigenvalue: min_eigenvalue(space, x),
    }
}

/// Smallest eigenvalue of the (Hermitian part of the) density matrix, block by block in the
/// sector, or `None` when a block is larger than [`MAX_CHECKED_BLOCK`].
fn min_eigenvalue(space: &OperatorSpace, x: &[c64]) -> Option<f64> {
    let blocks: Vec<(usize, usize)> = match space {
        OperatorSpace::Full { dim } => vec![(0, *dim)],
        OperatorSpace::Sector { sectors, offsets } => sectors
            .states
            .iter()
            .zip(offsets)
            .map(|(group, &offset)| (offset, group.len()))
            .collect(),
    };
    if blocks.iter().any(|&(_, size)| size > MAX_CHECKED_BLOCK) {
        return None;
    }
    let mut lowest = f64::INFINITY;
    for (offset, size) in blocks {
        // column stacking inside the block: x[offset + a + b size] = rho[a, b]
        let block = Mat::from_fn(size, size, |a, b| {
            (x[offset + a + b * size] + x[offset + b + a * size].conj()) * 0.5
        });
        let values = block.self_adjoint_eigenvalues(Side::Lower).ok()?;
        lowest = lowest.min(values[0]);
    }
    Some(lowest)
}

/// Trace distance `(1/2) ||a - b||_1` of two 2x2 Hermitian matrices: half the sum of the
/// absolute eigenvalues of the difference.
pub(crate) fn trace_distance(a: &[[c64; 2]; 2], b: &[[c64; 2]; 2]) -> f64 {
    let d00 = a[0][0].re - b[0][0].re;
    let d11 = a[1][1].re - b[1][1].re;
    let d01 = (a[0][1] - b[0][1]).norm();
    let mean = 0.5 * (d00 + d11);
    let radius = (0.25 * (d00 - d11).powi(2) + d01 * d01).sqrt();
    0.5 * ((mean + radius).abs() + (mean - radius).abs())
}
