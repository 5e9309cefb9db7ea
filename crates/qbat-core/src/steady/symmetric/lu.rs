//! Sparse LU of the real Dicke-basis system (faer).

use super::assemble::Csc;
use faer::linalg::solvers::Solve;
use faer::sparse::linalg::solvers::Lu;
use faer::sparse::{SparseColMat, SymbolicSparseColMat};

/// A factorised matrix.
pub(crate) struct SparseLu {
    lu: Lu<usize, f64>,
}

impl SparseLu {
    /// Factors `matrix`; the error says why when it is singular or memory runs out.
    pub(crate) fn factor(matrix: &Csc) -> Result<SparseLu, String> {
        let symbolic = SymbolicSparseColMat::new_checked(
            matrix.dim,
            matrix.dim,
            matrix.col_ptr.clone(),
            None,
            matrix.row_idx.clone(),
        );
        let a = SparseColMat::new(symbolic, matrix.values.clone());
        let lu = a
            .sp_lu()
            .map_err(|e| format!("sparse LU of {} unknowns failed: {e:?}", matrix.dim))?;
        Ok(SparseLu { lu })
    }

    /// Overwrites `rhs` with `A^{-1} rhs`.
    pub(crate) fn solve_in_place(&self, rhs: &mut [f64]) {
        let mut col = faer::MatMut::from_column_major_slice_mut(rhs, rhs.len(), 1);
        self.lu.solve_in_place(col.as_mut());
    }
}
