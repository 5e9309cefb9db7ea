//! Gram-Schmidt orthogonalisation against a Krylov basis: the step every Arnoldi process of
//! the crate (the polynomial and rational exponentials, the gap, GMRES) repeats.
//!
//! `w <- w - V h`, `h = V^* w`, for an orthonormal `V`. Three variants, each kept with the
//! reduction order of the numbers it produces:
//! - [`modified_twice`]: modified Gram-Schmidt, two passes, sequential (real or complex; the
//!   Expokit exponential and the propagator Arnoldi of the gap, whose bases are short);
//! - [`classical_blocked`]: one classical pass whose dot products are blocked over chunks of
//!   `w` (two sweeps over the basis instead of two per vector);
//! - [`classical_refined`]: such passes, a second one when `w` lost more than a given
//!   fraction of its norm: GMRES (only under real cancellation) and, as
//!   [`classical_selective`] (the usual `1/sqrt(2)`), the rational exponential and the
//!   shift-and-invert gap. At N = 1001 the second pass ran on nearly every step of the
//!   exponential; blocked passes (two sweeps over the basis each, where the earlier unblocked
//!   variant made four) cut its orthogonalisation from 15.5 to 11.5 s of a 60 s trajectory,
//!   and orthogonalising `(A - theta I) v` instead of `A v` (`dynamics::rational`) now leaves
//!   the second pass to 8% of the vectors.

use super::scalar::Scalar;
use super::vector::{dot, dot_lanes, par_norm, subtract, SWEEP_CHUNK};
use rayon::prelude::*;

/// Two passes of modified Gram-Schmidt: `w` becomes orthogonal to `basis`, the coefficients
/// of both passes, summed, are returned.
pub(crate) fn modified_twice<T: Scalar>(basis: &[Vec<T>], w: &mut [T]) -> Vec<T> {
    let mut total = vec![T::ZERO; basis.len()];
    for _pass in 0..2 {
        for (i, b) in basis.iter().enumerate() {
            let coef = dot(b, w);
            total[i] += coef;
            w.iter_mut().zip(b).for_each(|(x, bi)| *x -= coef * *bi);
        }
    }
    total
}

/// One classical Gram-Schmidt pass with blocked dot products: `h = V^T w`, `w -= V h`.
pub(crate) fn classical_blocked(basis: &[Vec<f64>], w: &mut [f64], h: &mut [f64]) {
    let partial: Vec<Vec<f64>> = w
        .par_chunks(SWEEP_CHUNK)
        .enumerate()
        .map(|(c, wc)| {
            let start = c * SWEEP_CHUNK;
            basis
                .iter()
                .map(|v| dot_lanes(&v[start..start + wc.len()], wc))
                .collect()
        })
        .collect();
    h.iter_mut().for_each(|x| *x = 0.0);
    for p in &partial {
        h.iter_mut().zip(p).for_each(|(x, y)| *x += y);
    }
    subtract(basis, &h[..basis.len()], w);
}

/// [`classical_blocked`] into `h`, repeated (the coefficients summed) when `w` keeps less
/// than `refine_below` of its norm; returns the norms of `w` before and after. Two classical
/// passes are as stable as modified Gram-Schmidt (Giraud et al., Numer. Math. 101, 87
/// (2005)); the threshold decides how often the second one is paid for.
pub(crate) fn classical_refined(
    basis: &[Vec<f64>],
    w: &mut [f64],
    h: &mut [f64],
    refine_below: f64,
) -> (f64, f64) {
    let before = par_norm(w);
    classical_blocked(basis, w, h);
    let mut after = par_norm(w);
    if after < refine_below * before {
        let mut again = vec![0.0; basis.len()];
        classical_blocked(basis, w, &mut again);
        h.iter_mut().zip(&again).for_each(|(t, a)| *t += a);
        after = par_norm(w);
    }
    (before, after)
}

/// [`classical_refined`] with the second pass whenever `w` keeps less than `1/sqrt(2)` of its
/// norm (the criterion of Daniel, Gragg, Kaufman and Stewart, Math. Comp. 30, 772 (1976):
/// "twice is enough"); the summed coefficients are returned.
pub(crate) fn classical_selective(basis: &[Vec<f64>], w: &mut [f64]) -> Vec<f64> {
    let mut total = vec![0.0; basis.len()];
    classical_refined(basis, w, &mut total, std::f64::consts::FRAC_1_SQRT_2);
    total
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::linalg::vector::norm;

    fn basis() -> Vec<Vec<f64>> {
        let e = |k: usize| {
            (0..50_000)
                .map(|i| if i % 3 == k { 1.0 } else { 0.0 })
                .collect()
        };
        let mut v: Vec<Vec<f64>> = vec![e(0), e(1)];
        v.iter_mut().for_each(|b| {
            let s = norm(b);
            b.iter_mut().for_each(|x| *x /= s);
        });
        v
    }

    #[test]
    fn every_variant_removes_the_span() {
        // w = 2 e0 + 3 e1 + 5 e2 (unnormalised sums of thirds): what remains is 5 e2
        let v = basis();
        let w0: Vec<f64> = (0..50_000).map(|i| [2.0, 3.0, 5.0][i % 3]).collect();
        let remainder = |w: &[f64]| {
            w.iter()
                .enumerate()
                .map(|(i, x)| (x - if i % 3 == 2 { 5.0 } else { 0.0 }).abs())
                .fold(0.0, f64::max)
        };
        let mut w = w0.clone();
        let mut h = vec![0.0; 2];
        classical_blocked(&v, &mut w, &mut h);
        assert!(remainder(&w) < 1e-12);
        // h_0 = <e0 / |e0|, w> = 2 sqrt(16667) (16667 indices with i % 3 = 0)
        assert!((h[0] - 2.0 * 16667f64.sqrt()).abs() < 1e-9);
        let mut w = w0.clone();
        let selective = classical_selective(&v, &mut w);
        assert!(remainder(&w) < 1e-12);
        assert!((selective[0] - h[0]).abs() < 1e-9 && (selective[1] - h[1]).abs() < 1e-9);
        let mut w = w0;
        let sum = modified_twice(&v, &mut w);
        assert!(remainder(&w) < 1e-12);
        assert!((sum[0] - h[0]).abs() < 1e-9 && (sum[1] - h[1]).abs() < 1e-9);
    }
}
