//! Sparse Liouvillian assembly, on the full operator space or on the U(1) sector.
//!
//! `L rho = G rho + rho G^dag + sum_k C_k rho C_k^dag` with `G = -i H - (1/2) sum_k C_k^dag C_k`
//! and `C_k = sqrt(rate_k) A_k`. Acting on `|k><l|`:
//! `G|k><l| = sum_i G[i,k] |i><l|`, `|k><l|G^dag = sum_j conj(G[j,l]) |k><j|`,
//! `C|k><l|C^dag = sum_{i,j} C[i,k] conj(C[j,l]) |i><j|`.
//!
//! An [`OperatorSpace`] says which operators `|i><j|` are unknowns and in which order:
//! - [`OperatorSpace::Full`]: all `4^N`, column stacking `i + j 2^N`;
//! - [`OperatorSpace::Sector`]: the `C(2N, N)` operators with `exc(i) = exc(j)`, block by block
//!   (`k = 0..=N`), column stacking inside each `C(N,k) x C(N,k)` block. The Liouvillian maps
//!   this space into itself, and every state diagonal in the excitation number (the steady state
//!   when it is unique, the all-ground, all-excited and maximally mixed states) lives in it.

use crate::c64;
use crate::hilbert::{hamiltonian, jump_operator, RealSparse};
use crate::model::Model;
use faer::sparse::{SparseColMat, SymbolicSparseColMat};
use rayon::prelude::*;

pub(crate) mod partial;
mod reduce;
mod space;
#[cfg(test)]
mod tests;

pub use reduce::reduce;

/// `L x` by a sparse matrix-vector product.
pub(crate) fn apply(liouvillian: &SparseColMat<usize, c64>, x: &[c64]) -> Vec<c64> {
    let mut y = vec![c64::new(0.0, 0.0); liouvillian.nrows()];
    for (col, &xc) in x.iter().enumerate() {
        let rows = liouvillian.symbolic().row_idx_of_col_raw(col);
        for (&r, &v) in rows.iter().zip(liouvillian.val_of_col(col)) {
            y[r] += v * xc;
        }
    }
    y
}
pub use space::OperatorSpace;

/// The model's Hamiltonian and jump operators on the computational basis, with the effective
/// non-Hermitian generator `G = -i H - (1/2) sum_k rate_k A_k^T A_k`.
#[derive(Clone, Debug)]
pub struct Generators {
    /// `H_S`.
    pub hamiltonian: RealSparse,
    /// `(rate_k, A_k)` for every jump with a non-zero rate.
    pub jumps: Vec<(f64, RealSparse)>,
    /// `K = sum_k rate_k A_k^T A_k` (so `G = -iH - K/2`).
    pub decay: RealSparse,
}

impl Generators {
    /// Builds the operators of `model` (`2^N`-dimensional; keep `N` small).
    pub fn new(model: &Model) -> Generators {
        let hamiltonian = hamiltonian(model);
        let dim = hamiltonian.dim;
        let jumps: Vec<(f64, RealSparse)> = model
            .jumps()
            .iter()
            .filter(|j| j.rate > 0.0)
            .map(|j| (j.rate, jump_operator(model.n, j)))
            .collect();
        let decay = jumps.iter().fold(RealSparse::zeros(dim), |acc, (rate, a)| {
            a.transpose_mul(a).add_scaled(*rate, &acc)
        });
        Generators {
            hamiltonian,
            jumps,
            decay,
        }
    }

    /// Column `k` of `G = -iH - K/2` as `(row, value)` pairs.
    fn g_column(&self, k: usize) -> Vec<(usize, c64)> {
        let mut out: Vec<(usize, c64)> = Vec::new();
        for &(r, h) in &self.hamiltonian.columns[k] {
            out.push((r, c64::new(0.0, -h)));
        }
        for &(r, d) in &self.decay.columns[k] {
            out.push((r, c64::new(-0.5 * d, 0.0)));
        }
        out
    }
}

/// The Liouvillian restricted to `space`, as a sparse column matrix over the unknowns of `space`.
#[track_caller]
pub fn assemble(model: &Model, space: &OperatorSpace) -> SparseColMat<usize, c64> {
    let generators = Generators::new(model);
    assemble_from(&generators, space)
}

/// [`assemble`] from prebuilt operators.
#[track_caller]
pub fn assemble_from(generators: &Generators, space: &OperatorSpace) -> SparseColMat<usize, c64> {
    assert_eq!(
        generators.hamiltonian.dim,
        space.hilbert_dim(),
        "operator and space sizes differ"
    );
    let dim = space.hilbert_dim();
    let g_columns: Vec<Vec<(usize, c64)>> = (0..dim).map(|k| generators.g_column(k)).collect();
    let n_unknowns = space.len();
    let columns: Vec<Vec<(usize, c64)>> = (0..n_unknowns)
        .into_par_iter()
        .map(|col| {
            let (k, l) = space.pair(col);
            let mut entries: Vec<(usize, c64)> = Vec::new();
            let mut push = |i: usize, j: usize, v: c64| {
                if let Some(row) = space.index(i, j) {
                    entries.push((row, v));
                }
            };
            for &(i, g) in &g_columns[k] {
                push(i, l, g);
            }
            for &(j, g) in &g_columns[l] {
                push(k, j, g.conj());
            }
            for (rate, a) in &generators.jumps {
                for &(i, aik) in &a.columns[k] {
                    for &(j, ajl) in &a.columns[l] {
                        push(i, j, c64::new(rate * aik * ajl, 0.0));
                    }
                }
            }
            entries.sort_unstable_by_key(|&(r, _)| r);
            let mut merged: Vec<(usize, c64)> = Vec::with_capacity(entries.len());
            for (r, v) in entries {
                match merged.last_mut() {
                    Some((lr, lv)) if *lr == r => *lv += v,
                    _ => merged.push((r, v)),
                }
            }
            merged.retain(|&(_, v)| v != c64::new(0.0, 0.0));
            merged
        })
        .collect();
    let mut col_ptr = Vec::with_capacity(n_unknowns + 1);
    col_ptr.push(0usize);
    let nnz: usize = columns.iter().map(Vec::len).sum();
    let mut row_idx = Vec::with_capacity(nnz);
    let mut values = Vec::with_capacity(nnz);
    for col in columns {
        for (r, v) in col {
            row_idx.push(r);
            values.push(v);
        }
        col_ptr.push(row_idx.len());
    }
    let symbolic =
        SymbolicSparseColMat::new_checked(n_unknowns, n_unknowns, col_ptr, None, row_idx);
    SparseColMat::new(symbolic, values)
}
