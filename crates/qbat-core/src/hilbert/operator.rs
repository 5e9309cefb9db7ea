//! Real sparse operators on the computational basis of N qubits.

use crate::model::{Jump, Model};

/// A real sparse square matrix stored by columns: `columns[c]` lists `(row, value)` pairs,
/// sorted by row, without duplicates or explicit zeros.
#[derive(Clone, Debug, PartialEq)]
pub struct RealSparse {
    /// Dimension.
    pub dim: usize,
    /// Non-zero entries of every column.
    pub columns: Vec<Vec<(usize, f64)>>,
}

impl RealSparse {
    /// Builds the matrix from per-column entries, summing duplicates and dropping zeros.
    pub fn from_columns(dim: usize, mut columns: Vec<Vec<(usize, f64)>>) -> RealSparse {
        for col in &mut columns {
            col.sort_unstable_by_key(|&(r, _)| r);
            let mut merged: Vec<(usize, f64)> = Vec::with_capacity(col.len());
            for &(r, v) in col.iter() {
                match merged.last_mut() {
                    Some((lr, lv)) if *lr == r => *lv += v,
                    _ => merged.push((r, v)),
                }
            }
            merged.retain(|&(_, v)| v != 0.0);
            *col = merged;
        }
        RealSparse { dim, columns }
    }

    /// Entry `(row, col)` (zero when not stored).
    #[allow(dead_code)] // no caller since the module became private; kept for debugging
    pub fn get(&self, row: usize, col: usize) -> f64 {
        self.columns[col]
            .binary_search_by_key(&row, |&(r, _)| r)
            .map_or(0.0, |p| self.columns[col][p].1)
    }

    /// `self^T * other`.
    pub fn transpose_mul(&self, other: &RealSparse) -> RealSparse {
        // (A^T B)[i, c] = sum_r A[r, i] B[r, c]; gather A's columns as rows of A^T.
        let mut rows_of_at: Vec<Vec<(usize, f64)>> = vec![Vec::new(); self.dim];
        for (i, col) in self.columns.iter().enumerate() {
            for &(r, v) in col {
                rows_of_at[r].push((i, v));
            }
        }
        let columns = other
            .columns
            .iter()
            .map(|col| {
                let mut out = Vec::new();
                for &(r, b) in col {
                    for &(i, a) in &rows_of_at[r] {
                        out.push((i, a * b));
                    }
                }
                out
            })
            .collect();
        RealSparse::from_columns(self.dim, columns)
    }

    /// `alpha * self + other`.
    pub fn add_scaled(&self, alpha: f64, other: &RealSparse) -> RealSparse {
        let columns = self
            .columns
            .iter()
            .zip(&other.columns)
            .map(|(a, b)| {
                a.iter()
                    .map(|&(r, v)| (r, alpha * v))
                    .chain(b.iter().copied())
                    .collect()
            })
            .collect();
        RealSparse::from_columns(self.dim, columns)
    }

    /// The zero matrix.
    pub fn zeros(dim: usize) -> RealSparse {
        RealSparse {
            dim,
            columns: vec![Vec::new(); dim],
        }
    }
}

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
