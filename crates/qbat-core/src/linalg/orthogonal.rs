//! Gram-Schmidt orthogonalisation against a Krylov basis: the step every Arnoldi process of
//! the crate (the polynomial and rational exponentials, the gap, GMRES) repeats.
//!
//! `w <- w - V h`, `h = V^* w`, for an orthonormal `V`. Three variants, each kept with the
//! reduction order of the numbers it produces:
//! - [`modified_twice`]: modified Gram-Schmidt, two passes, sequential (real or complex; the
//!   Expokit exponential and the propagator Arnoldi of the gap, whose bases are short);
//! - [`classical_twice`]: classical Gram-Schmidt, two passes, both sweeps parallel: dot
//!   products over the basis, updates over chunks of `w` (the rational exponential; two
//!   classical passes are as stable as modified Gram-Schmidt, Giraud et al., Numer. Math.
//!   101, 87 (2005));
//! - [`classical_blocked`]: one classical pass whose dot products are blocked over chunks of
//!   `w` (two sweeps over the basis instead of two per vector; GMRES, which repeats the pass
//!   only under cancellation).

use super::scalar::Scalar;
use super::vector::{dot, dot_lanes, subtract, SWEEP_CHUNK};
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

/// Two passes of classical Gram-Schmidt: `w` becomes orthogonal to `vectors`, the summed
/// coefficients are returned.
pub(crate) fn classical_twice(vectors: &[Vec<f64>], w: &mut [f64]) -> Vec<f64> {
    let mut total = vec![0.0; vectors.len()];
    for _pass in 0..2 {
        let coefs: Vec<f64> = vectors.par_iter().map(|b| dot(b, w)).collect();
        subtract(vectors, &coefs, w);
        total.iter_mut().zip(&coefs).for_each(|(t, c)| *t += c);
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
        let h = classical_twice(&v, &mut w);
        // h_0 = <e0 / |e0|, w> = 2 sqrt(16667) (16667 indices with i % 3 = 0)
        assert!(remainder(&w) < 1e-12 && (h[0] - 2.0 * 16667f64.sqrt()).abs() < 1e-9);
        let mut w = w0.clone();
        let mut h = vec![0.0; 2];
        classical_blocked(&v, &mut w, &mut h);
        assert!(remainder(&w) < 1e-12);
        let mut w = w0;
        let sum = modified_twice(&v, &mut w);
        assert!(remainder(&w) < 1e-12);
        assert!((sum[0] - h[0]).abs() < 1e-9 && (sum[1] - h[1]).abs() < 1e-9);
    }
}
