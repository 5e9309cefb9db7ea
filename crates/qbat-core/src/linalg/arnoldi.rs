//! The Arnoldi step, shared by every Krylov process of the crate (the polynomial and rational
//! exponentials, both gap algorithms; GMRES has its own flexible variant in `gmres.rs`).
//!
//! Arnoldi builds an orthonormal basis `V` of the Krylov space of an operator `A` and the
//! Hessenberg matrix `H` with `A V_j = V_{j+1} H_j`. One step: the caller forms `w = A v_j`;
//! `w` is orthogonalised against `V_j` by one of the Gram-Schmidt variants of `orthogonal.rs`
//! (the coefficients are column `j` of `H`); its remaining norm is `h_{j+1,j}`. When that norm
//! is negligible (as the caller judges) the Krylov space is invariant, a "happy breakdown";
//! otherwise `v_{j+1} = w / h_{j+1,j}` joins the basis.

use super::scalar::Scalar;
use super::vector::norm;

/// A Gram-Schmidt variant: orthogonalises `w` against the basis, returns the coefficients.
pub(crate) type Orthogonalise<T> = fn(&[Vec<T>], &mut [T]) -> Vec<T>;

/// The outcome of one step.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Step<T> {
    /// `h_{0..=j, j}`: the coefficients of `w` on the basis.
    pub column: Vec<T>,
    /// `h_{j+1, j}`: the norm of what remains of `w`.
    pub next: f64,
    /// `true` when the caller judged `next` negligible: nothing was added to the basis.
    pub breakdown: bool,
}

/// Orthogonalises `w` against `basis` by `orthogonalise` and appends `w / ||w||` unless
/// `breakdown(column, ||w||)` holds.
pub(crate) fn step<T: Scalar>(
    basis: &mut Vec<Vec<T>>,
    w: &mut [T],
    orthogonalise: Orthogonalise<T>,
    breakdown: &dyn Fn(&[T], f64) -> bool,
) -> Step<T> {
    let column = orthogonalise(basis, w);
    let next = norm(w);
    let breakdown = breakdown(&column, next);
    if !breakdown {
        basis.push(w.iter().map(|&x| x / next).collect());
    }
    Step {
        column,
        next,
        breakdown,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::linalg::orthogonal::{classical_selective, modified_twice};

    #[test]
    fn builds_an_orthonormal_basis_and_stops_on_an_invariant_space() {
        // A = diag(1, 2, 3) on R^3 from (1, 1, 1): the Krylov space is all of R^3, so the
        // third step breaks down; H is tridiagonal (A symmetric) and V orthonormal
        for orthogonalise in [
            modified_twice::<f64> as Orthogonalise<f64>,
            classical_selective,
        ] {
            let mut basis = vec![vec![1.0 / 3f64.sqrt(); 3]];
            let mut steps = Vec::new();
            for j in 0..3 {
                let mut w: Vec<f64> = basis[j]
                    .iter()
                    .zip([1.0, 2.0, 3.0])
                    .map(|(x, d)| x * d)
                    .collect();
                let s = step(&mut basis, &mut w, orthogonalise, &|_, s| s <= 1e-12);
                steps.push(s);
            }
            assert_eq!(
                steps.iter().map(|s| s.breakdown).collect::<Vec<_>>(),
                [false, false, true]
            );
            assert!(
                (steps[0].column[0] - 2.0).abs() < 1e-14,
                "h_00 = <v, A v> = 2"
            );
            assert!(steps[1].column[0].abs() > 0.1 && steps[2].column[0].abs() < 1e-14);
            for a in &basis {
                for b in &basis {
                    let d: f64 = a.iter().zip(b).map(|(x, y)| x * y).sum();
                    let expected = if std::ptr::eq(a, b) { 1.0 } else { 0.0 };
                    assert!((d - expected).abs() < 1e-14);
                }
            }
        }
    }
}
