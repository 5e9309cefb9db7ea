//! Reduction of a state vector over an [`OperatorSpace`] to the quantities every method reports.

use super::space::OperatorSpace;
use crate::c64;
use crate::hilbert::RealSparse;

/// The battery's reduced state, every qubit's excited population and `tr(rho H)` of a state
/// `x` (`x[index(i, j)] = rho[i, j]`) over `space`.
///
/// `rho_battery` is in the basis `(|e>, |g>)`. Coherences outside `space` are zero.
#[track_caller]
pub fn reduce(
    space: &OperatorSpace,
    n: usize,
    hamiltonian: &RealSparse,
    x: &[c64],
) -> ([[c64; 2]; 2], Vec<f64>, f64) {
    assert_eq!(x.len(), space.len(), "state vector and space sizes differ");
    let zero = c64::new(0.0, 0.0);
    let mut rho_b = [[zero; 2]; 2];
    let mut populations = vec![0.0; n];
    let dim = space.hilbert_dim();
    for s in 0..dim {
        let p = x[space.index(s, s).unwrap()];
        for (q, pop) in populations.iter_mut().enumerate() {
            if s >> q & 1 == 1 {
                *pop += p.re;
            }
        }
        if s & 1 == 1 {
            rho_b[0][0] += p;
            // <e|rho_B|g> = sum over the other qubits of rho[(e, rest), (g, rest)]
            if let Some(idx) = space.index(s, s ^ 1) {
                rho_b[0][1] += x[idx];
            }
        } else {
            rho_b[1][1] += p;
            if let Some(idx) = space.index(s, s ^ 1) {
                rho_b[1][0] += x[idx];
            }
        }
    }
    // tr(rho H) = sum_{i,j} rho[i, j] H[j, i]
    let mut energy = 0.0;
    for (i, col) in hamiltonian.columns.iter().enumerate() {
        for &(j, h) in col {
            if let Some(idx) = space.index(i, j) {
                energy += (x[idx] * h).re;
            }
        }
    }
    (rho_b, populations, energy)
}
