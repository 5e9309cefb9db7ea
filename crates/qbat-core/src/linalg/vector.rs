//! Dot products, norms and updates of long vectors, written once for every solver.
//!
//! Two reduction orders exist, and each caller keeps the one its printed numbers were computed
//! with (a different order changes the last bits):
//! - sequential ([`dot`], [`norm`]): one left-to-right sum, for real or complex vectors (the
//!   integrators and the gap);
//! - chunked ([`par_dot`], [`par_norm`]): chunks of [`CHUNK`] entries reduced in parallel,
//!   each by [`dot_lanes`] (eight interleaved partial sums, which vectorise), the chunk sums
//!   added in order. The chunk size is fixed, so results do not depend on the thread count
//!   (the Krylov steady-state solver).
//!
//! [`par_axpy`] and [`par_scale`] are element-wise, so their order does not matter.

use super::scalar::Scalar;
use rayon::prelude::*;

/// Entries per task of the chunked reductions and updates.
pub(crate) const CHUNK: usize = 1 << 14;

/// `sum_i conj(a_i) b_i`, summed left to right.
pub(crate) fn dot<T: Scalar>(a: &[T], b: &[T]) -> T {
    a.iter().zip(b).map(|(x, y)| x.conj() * *y).sum()
}

/// `sqrt(sum_i |x_i|^2)`, summed left to right.
pub(crate) fn norm<T: Scalar>(x: &[T]) -> f64 {
    x.iter().map(|v| v.abs_sqr()).sum::<f64>().sqrt()
}

/// `sum_i a_i b_i` with eight independent partial sums, so that it vectorises.
pub(crate) fn dot_lanes(a: &[f64], b: &[f64]) -> f64 {
    let mut acc = [0.0; 8];
    let (a8, b8) = (a.chunks_exact(8), b.chunks_exact(8));
    let tail: f64 = a8
        .remainder()
        .iter()
        .zip(b8.remainder())
        .map(|(x, y)| x * y)
        .sum();
    for (x, y) in a8.zip(b8) {
        for l in 0..8 {
            acc[l] += x[l] * y[l];
        }
    }
    acc.iter().sum::<f64>() + tail
}

/// `sum_i x_i y_i` over chunks of [`CHUNK`] in parallel, deterministic.
pub(crate) fn par_dot(x: &[f64], y: &[f64]) -> f64 {
    debug_assert_eq!(x.len(), y.len());
    let partial: Vec<f64> = x
        .par_chunks(CHUNK)
        .zip(y.par_chunks(CHUNK))
        .map(|(a, b)| dot_lanes(a, b))
        .collect();
    partial.iter().sum()
}

/// `sqrt(par_dot(x, x))`.
pub(crate) fn par_norm(x: &[f64]) -> f64 {
    par_dot(x, x).sqrt()
}

/// `y += alpha x`, in parallel.
pub(crate) fn par_axpy(alpha: f64, x: &[f64], y: &mut [f64]) {
    y.par_chunks_mut(CHUNK)
        .zip(x.par_chunks(CHUNK))
        .for_each(|(b, a)| b.iter_mut().zip(a).for_each(|(q, p)| *q += alpha * p));
}

/// `x *= alpha`, in parallel.
pub(crate) fn par_scale(alpha: f64, x: &mut [f64]) {
    x.par_chunks_mut(CHUNK)
        .for_each(|b| b.iter_mut().for_each(|q| *q *= alpha));
}

/// `out = sum_k coefs[k] vectors[k]`, in parallel over chunks of `out` (each entry summed
/// over `k` in order).
pub(crate) fn combine(vectors: &[Vec<f64>], coefs: &[f64], out: &mut [f64]) {
    out.par_chunks_mut(SWEEP_CHUNK)
        .enumerate()
        .for_each(|(c, chunk)| {
            let start = c * SWEEP_CHUNK;
            chunk.iter_mut().for_each(|y| *y = 0.0);
            for (b, &coef) in vectors.iter().zip(coefs) {
                let part = &b[start..start + chunk.len()];
                chunk
                    .iter_mut()
                    .zip(part)
                    .for_each(|(y, bk)| *y += coef * bk);
            }
        });
}

/// Entries per task of the sweeps over a whole basis ([`combine`], [`subtract`]): a chunk of
/// the output stays in cache while every basis vector passes by.
pub(crate) const SWEEP_CHUNK: usize = 1 << 13;

/// `w -= sum_k coefs[k] vectors[k]`, in parallel over chunks of `w`.
pub(crate) fn subtract(vectors: &[Vec<f64>], coefs: &[f64], w: &mut [f64]) {
    w.par_chunks_mut(SWEEP_CHUNK)
        .enumerate()
        .for_each(|(c, chunk)| {
            let start = c * SWEEP_CHUNK;
            for (b, coef) in vectors.iter().zip(coefs) {
                let part = &b[start..start + chunk.len()];
                chunk
                    .iter_mut()
                    .zip(part)
                    .for_each(|(x, bi)| *x -= coef * bi);
            }
        });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::c64;

    #[test]
    fn real_and_complex_kernels_agree_bit_for_bit() {
        // the real kernels must repeat the complex ones on zero imaginary parts exactly
        let a: Vec<f64> = (0..1000)
            .map(|k| ((k * 37 % 101) as f64 - 50.0) / 7.0)
            .collect();
        let b: Vec<f64> = (0..1000)
            .map(|k| ((k * 53 % 97) as f64 - 40.0) / 3.0)
            .collect();
        let ca: Vec<c64> = a.iter().map(|&x| c64::new(x, 0.0)).collect();
        let cb: Vec<c64> = b.iter().map(|&x| c64::new(x, 0.0)).collect();
        assert_eq!(dot(&a, &b).to_bits(), dot(&ca, &cb).re.to_bits());
        assert_eq!(norm(&a).to_bits(), norm(&ca).to_bits());
    }

    #[test]
    fn chunked_dot_matches_exact_sums() {
        // integers below 2^26 sum exactly in any order: the closed form n (n - 1)(2n - 1) / 6
        let x: Vec<f64> = (0..40_000).map(|k| k as f64).collect();
        let n = 40_000f64;
        assert_eq!(par_dot(&x, &x), n * (n - 1.0) * (2.0 * n - 1.0) / 6.0);
        let mut y = x.clone();
        par_axpy(-1.0, &x, &mut y);
        assert!(y.iter().all(|&v| v == 0.0));
    }
}
