//! The sparse matrices of the crate, one set of containers with conversions between them:
//! - [`RealSparse`](super::RealSparse) (`real_sparse.rs`): a real operator on the qubits' Hilbert space by column lists (the
//!   Hamiltonian, the jumps), built entry by entry;
//! - [`Csc`]: a real square matrix by compressed columns (the Dicke-basis Liouvillian as
//!   assembled, the input of the multifrontal LU);
//! - [`Csr`]: a real or complex square matrix by compressed rows, for fast (and parallel)
//!   products `y = A x` (the Krylov integrators, the leak out of a Dicke region).
//!
//! faer's `SparseColMat<usize, c64>` (the assembled computational-basis Liouvillian) converts
//! to [`Csr`] with [`Csr::from_faer`].

use super::scalar::Scalar;
use crate::c64;
use faer::sparse::SparseColMat;
use rayon::prelude::*;

/// Below this many rows a product is done on one thread: spawning costs more than it saves.
const PARALLEL_ROWS: usize = 1 << 14;

/// A real sparse square matrix by columns (CSC arrays), rows sorted in every column.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Csc {
    /// Dimension.
    pub dim: usize,
    /// `col_ptr[c]..col_ptr[c+1]` are the entries of column `c`.
    pub col_ptr: Vec<usize>,
    /// Row of every entry.
    pub row_idx: Vec<usize>,
    /// Value of every entry.
    pub values: Vec<f64>,
}

/// A square sparse matrix stored by rows.
#[derive(Clone, Debug, Default)]
pub(crate) struct Csr<T> {
    dim: usize,
    row_ptr: Vec<usize>,
    col_idx: Vec<usize>,
    values: Vec<T>,
}

/// Counting sort of column-major entries by row; within a row, columns stay increasing.
fn by_rows<T: Copy + Default>(
    dim: usize,
    col_ptr: &[usize],
    row_idx: &[usize],
    values: &[T],
) -> Csr<T> {
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
    let mut out = vec![T::default(); nnz];
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

impl Csr<c64> {
    /// Converts faer's column-major matrix (as `liouvillian::assemble` returns it).
    #[track_caller]
    pub(crate) fn from_faer(matrix: &SparseColMat<usize, c64>) -> Csr<c64> {
        assert_eq!(matrix.nrows(), matrix.ncols(), "the Liouvillian is square");
        let symbolic = matrix.symbolic();
        by_rows(
            matrix.nrows(),
            symbolic.col_ptr(),
            symbolic.row_idx(),
            matrix.val(),
        )
    }

    /// The dense matrix (small problems only).
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

impl Csr<f64> {
    /// The rows of a [`Csc`] matrix.
    pub(crate) fn from_csc(matrix: &Csc) -> Csr<f64> {
        by_rows(matrix.dim, &matrix.col_ptr, &matrix.row_idx, &matrix.values)
    }

    /// A matrix with `rows.len()` rows from each row's `(column, value)` entries, in the
    /// order given; `dim` is the number of columns (rows may be fewer: a rectangular block).
    pub(crate) fn from_row_lists(
        dim: usize,
        rows: &mut dyn Iterator<Item = Vec<(usize, f64)>>,
    ) -> Csr<f64> {
        let mut out = Csr {
            dim,
            row_ptr: vec![0],
            ..Csr::default()
        };
        for list in rows {
            for (c, v) in list {
                out.col_idx.push(c);
                out.values.push(v);
            }
            out.row_ptr.push(out.col_idx.len());
        }
        out
    }

    /// The same matrix with complex entries.
    pub(crate) fn to_complex(&self) -> Csr<c64> {
        Csr {
            dim: self.dim,
            row_ptr: self.row_ptr.clone(),
            col_idx: self.col_idx.clone(),
            values: self.values.iter().map(|&v| c64::new(v, 0.0)).collect(),
        }
    }

    /// `sum_c A_rc x_c` of row `r`, summed left to right.
    pub(crate) fn row_dot(&self, r: usize, x: &[f64]) -> f64 {
        (self.row_ptr[r]..self.row_ptr[r + 1])
            .map(|k| self.values[k] * x[self.col_idx[k]])
            .sum()
    }
}

impl<T: Scalar> Csr<T> {
    /// Number of columns (= rows for the square matrices).
    pub(crate) fn dim(&self) -> usize {
        self.dim
    }

    /// Number of rows.
    pub(crate) fn rows(&self) -> usize {
        self.row_ptr.len() - 1
    }

    /// Number of stored entries.
    pub(crate) fn nnz(&self) -> usize {
        self.values.len()
    }

    /// `max_i sum_j |A_ij|`, the infinity norm (scales the first Krylov step).
    pub(crate) fn norm_inf(&self) -> f64 {
        (0..self.rows())
            .map(|r| self.row(r).map(|(_, v)| v.modulus()).sum::<f64>())
            .fold(0.0, f64::max)
    }

    /// The entries `(column, value)` of row `r`, columns in stored order.
    pub(crate) fn row(&self, r: usize) -> impl Iterator<Item = (usize, T)> + '_ {
        let range = self.row_ptr[r]..self.row_ptr[r + 1];
        self.col_idx[range.clone()]
            .iter()
            .copied()
            .zip(self.values[range].iter().copied())
    }

    /// `y = A x`.
    #[track_caller]
    pub(crate) fn apply(&self, x: &[T], y: &mut [T]) {
        assert_eq!(x.len(), self.dim, "vector length");
        assert_eq!(y.len(), self.rows(), "vector length");
        let row_dot = |r: usize| self.row(r).fold(T::ZERO, |acc, (c, v)| acc + v * x[c]);
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
}
