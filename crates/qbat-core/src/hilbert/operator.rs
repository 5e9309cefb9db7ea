//! The Hamiltonian and jump operators of a model on the computational basis of N qubits.

use crate::linalg::RealSparse;
use crate::model::{Jump, Model};

/// `H_S = sum_i omega0_i sigma_z^i + J sum_{(a,b) in edges} (sigma_+^a sigma_-^b + h.c.)` on the
/// computational basis.
pub fn hamiltonian(model: &Model) -> RealSparse {
    let dim = 1usize << model.n;
    let columns = (0..dim)
        .map(|s| {
            let diag: f64 = (0..model.n)
                .map(|i| {
                    if s >> i & 1 == 1 {
                        model.omega0[i]
                    } else {
                        -model.omega0[i]
                    }
                })
                .sum();
            let mut col = vec![(s, diag)];
            if model.coupling != 0.0 {
                for &(a, b) in &model.edges {
                    // sigma_+^a sigma_-^b + sigma_-^a sigma_+^b moves one excitation along the edge
                    if (s >> a & 1) != (s >> b & 1) {
                        col.push((s ^ (1 << a) ^ (1 << b), model.coupling));
                    }
                }
            }
            col
        })
        .collect();
    RealSparse::from_columns(dim, columns)
}

/// The operator `A = sum_{i in sites} sigma_-^i` (or `sigma_+^i` when `jump.raising`), without
/// the `sqrt(rate)` prefactor.
pub fn jump_operator(n: usize, jump: &Jump) -> RealSparse {
    let dim = 1usize << n;
    let columns = (0..dim)
        .map(|s| {
            jump.sites
                .iter()
                .filter(|&&i| (s >> i & 1 == 1) != jump.raising)
                .map(|&i| (s ^ (1 << i), 1.0))
                .collect()
        })
        .collect();
    RealSparse::from_columns(dim, columns)
}
