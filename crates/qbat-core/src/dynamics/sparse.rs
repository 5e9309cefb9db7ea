//! The Liouvillian in compressed-row form, for fast (and parallel) products `y = L x`.

use crate::c64;
use faer::sparse::SparseColMat;
use rayon::prelude::*;

/// Below this many rows a product is done on one thread: spawning costs more than it saves.
const PARALLEL_ROWS: usize = 1 << 14;

/// A square complex sparse matrix stored by rows.
#[derive(Clone, Debug)]
pub(crate) struct Csr {
    dim: usize,
    row_ptr: Vec<usize>,
    col_idx: Vec<usize>,
    values: Vec<c64>,
}

impl Csr {
    /// Converts faer's column-major matrix (as `liouvillian::assemble` returns it).
    #[track_caller]
    pub(crate) fn from_csc(matrix: &SparseColMat<usize, c64>) -> Csr {
        assert_eq!(matrix.nrows(), matrix.ncols(), "the Liouvillian is square");
        let dim = matrix.nrows();
        let symbolic = matrix.symbolic();
        let col_ptr = symbolic.col_ptr();
        let row_idx = symbolic.row_idx();
        let values = matrix.val();
        // counting sort of the entries by row; within a row, columns stay increasing
        let mut row_ptr = vec![0usize; dim + 1];
        for c in 0..dim {
            for &r in &row_idx[col_ptr[c]..col_ptr[c + 1]] {
                row_ptr[r + 1] += 1;
            }
        }
        for r in 0..dim {
            row_ptr[r + 1] += row_ptr[r];
        }
        let nnz = row_ptr[dim];
        let mut next = row_ptr.clone();
        let mut col_idx = vec![0usize; nnz];
        let mut out = vec![c64::new(0.0, 0.0); nnz];
        for c in 0..dim {
            for p in col_ptr[c]..col_ptr[c + 1] {
                let r = row_idx[p];
                col_idx[next[r]] = c;
                out[next[r]] = values[p];
                next[r] += 1;
            }
        }
        Csr {
            dim,
            row_ptr,
            col_idx,
            values: out,
        }
    }

    /// Number of rows (= columns).
    pub(crate) fn dim(&self) -> usize {
        self.dim
    }

    /// Number of stored entries.
    pub(crate) fn nnz(&self) -> usize {
        self.values.len()
    }

    /// `max_i sum_j |L_ij|`, the infinity norm (scales the first Krylov step).
    pub(crate) fn norm_inf(&self) -> f64 {
        (0..self.dim)
            .map(|r| self.row(r).map(|(_, v)| v.norm()).sum::<f64>())
            .fold(0.0, f64::max)
    }

    fn row(&self, r: usize) -> impl Iterator<Item = (usize, c64)> + '_ {
        let range = self.row_ptr[r]..self.row_ptr[r + 1];
        self.col_idx[range.clone()]
            .iter()
            .copied()
            .zip(self.values[range].iter().copied())
    }

    /// `y = L x`.
    #[track_caller]
    pub(crate) fn apply(&self, x: &[c64], y: &mut [c64]) {
        assert_eq!(x.len(), self.dim, "vector length");
        assert_eq!(y.len(), self.dim, "vector length");
        let row_dot = |r: usize| {
            self.row(r)
                .fold(c64::new(0.0, 0.0), |acc, (c, v)| acc + v * x[c])
        };
        if self.dim < PARALLEL_ROWS {
            y.iter_mut()
                .enumerate()
                .for_each(|(r, yr)| *yr = row_dot(r));
        } else {
            y.par_iter_mut()
                .with_min_len(1024)
                .enumerate()
                .for_each(|(r, yr)| *yr = row_dot(r));
        }
    }

    /// The dense matrix, row-major `out[r][c]` (small problems only).
    pub(crate) fn to_dense(&self) -> faer::Mat<c64> {
        let mut out = faer::Mat::zeros(self.dim, self.dim);
        for r in 0..self.dim {
            for (c, v) in self.row(r) {
                out[(r, c)] = v;
            }
        }
        out
    }
}

/// Euclidean norm of a complex vector.
pub(crate) fn norm(x: &[c64]) -> f64 {
    x.iter().map(|v| v.norm_sqr()).sum::<f64>().sqrt()
}

/// `sum_i conj(a_i) b_i`.
pub(crate) fn dot(a: &[c64], b: &[c64]) -> c64 {
    a.iter()
        .zip(b)
        .fold(c64::new(0.0, 0.0), |acc, (x, y)| acc + x.conj() * y)
}

impl Csr {
    /// A real matrix given by rows (`row_ptr`, `col_idx`, `values`), as a complex one.
    pub(crate) fn from_real_rows(row_ptr: &[usize], col_idx: &[usize], values: &[f64]) -> Csr {
        Csr {
            dim: row_ptr.len() - 1,
            row_ptr: row_ptr.to_vec(),
            col_idx: col_idx.to_vec(),
            values: values.iter().map(|&v| c64::new(v, 0.0)).collect(),
        }
    }

    /// A real matrix given by columns (`col_ptr`, `row_idx`, `values`), as a complex one.
    #[track_caller]
    pub(crate) fn from_real_columns(
        dim: usize,
        col_ptr: &[usize],
        row_idx: &[usize],
        values: &[f64],
    ) -> Csr {
        assert_eq!(col_ptr.len(), dim + 1, "column pointers");
        let symbolic = faer::sparse::SymbolicSparseColMat::new_checked(
            dim,
            dim,
            col_ptr.to_vec(),
            None,
            row_idx.to_vec(),
        );
        let complex: Vec<c64> = values.iter().map(|&v| c64::new(v, 0.0)).collect();
        Csr::from_csc(&SparseColMat::new(symbolic, complex))
    }
}
