//! Sparse LU of the real Dicke-basis system: geometric nested dissection ([`nested`]) and a
//! multifrontal factorisation ([`frontal`]).
//!
//! [`nested`]: super::nested
//! [`frontal`]: super::frontal

use super::assemble::Csc;
use super::frontal::Factors;
use super::nested::Dissection;

/// A factorised matrix with the dissection it was factored over.
pub(crate) struct SparseLu<'a> {
    dissection: &'a Dissection,
    factors: Factors,
}

impl<'a> SparseLu<'a> {
    /// Factors `matrix` over the active unknowns of `dissection`; the error says why when a
    /// pivot vanishes.
    pub(crate) fn factor(matrix: &Csc, dissection: &'a Dissection) -> Result<SparseLu<'a>, String> {
        let factors = Factors::new(matrix, dissection)?;
        Ok(SparseLu {
            dissection,
            factors,
        })
    }

    /// Overwrites the active entries of `rhs` with those of `A^{-1} rhs`.
    pub(crate) fn solve_in_place(&self, rhs: &mut [f64]) {
        self.factors.solve_in_place(self.dissection, rhs);
    }
}
