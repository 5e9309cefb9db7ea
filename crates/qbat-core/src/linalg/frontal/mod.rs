//! Sparse LU by a multifrontal factorisation over a nested-dissection elimination tree:
//! [`tree`] holds the fronts and the elimination order, [`factor`] the factorisation (partial
//! pivoting inside every front, faer's dense kernels) and the triangular solves. The
//! dissection itself comes from the geometry of the matrix graph (the Dicke grid:
//! `dicke::nested`).

mod factor;
mod packed;
mod tree;

pub(crate) use factor::{Factors, SmallPivot};
pub(crate) use tree::{Dissection, Front};

use super::sparse::Csc;

/// A factorised matrix with the dissection it was factored over.
pub(crate) struct SparseLu<'a> {
    dissection: &'a Dissection,
    factors: Factors,
}

impl<'a> SparseLu<'a> {
    /// Factors `matrix` over the active unknowns of `dissection`; the error gives the pivots
    /// when one vanishes.
    pub(crate) fn factor(
        matrix: &Csc,
        dissection: &'a Dissection,
    ) -> Result<SparseLu<'a>, SmallPivot> {
        let factors = Factors::new(matrix, dissection)?;
        Ok(SparseLu {
            dissection,
            factors,
        })
    }

    /// Overwrites `rhs`, indexed in elimination order (length `dissection.order.len()`), with
    /// `A^{-1} rhs`.
    pub(crate) fn solve_ordered(&self, rhs: &mut [f64]) {
        self.factors.solve_ordered(self.dissection, rhs);
    }
}
