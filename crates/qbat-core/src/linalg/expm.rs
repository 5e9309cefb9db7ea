//! Exponential of a small dense matrix: diagonal Pade approximant of degree (6, 6) with scaling
//! and squaring, as in Expokit (Sidje, ACM TOMS 24, 130 (1998)).
//!
//! `exp(A) = (exp(A / 2^s))^(2^s)` with `s` chosen so that `||A / 2^s||_1 <= 1/2`; there the
//! (6, 6) approximant `D(A)^{-1} N(A)`, `N(A) = sum_k c_k A^k`, `D(A) = N(-A)`,
//! `c_k = (12 - k)! 6! / (12! k! (6 - k)!)`, has relative error below `(6!)^2 / (12! 13!) 2^-13`
//! `~ 2e-17`, i.e. at the level of rounding.

use crate::c64;
use faer::linalg::solvers::Solve;
use faer::Mat;

/// `c_k = (12 - k)! 6! / (12! k! (6 - k)!)`, `k = 0..=6`.
const PADE6: [f64; 7] = [
    1.0,
    1.0 / 2.0,
    5.0 / 44.0,
    1.0 / 66.0,
    1.0 / 792.0,
    1.0 / 15_840.0,
    1.0 / 665_280.0,
];

/// Operator 1-norm `max_j sum_i |A_ij|`.
pub(crate) fn norm_one(a: &Mat<c64>) -> f64 {
    (0..a.ncols())
        .map(|j| (0..a.nrows()).map(|i| a[(i, j)].norm()).sum::<f64>())
        .fold(0.0, f64::max)
}

/// `exp(scale * a)` for a small square matrix `a`.
#[track_caller]
pub(crate) fn expm(a: &Mat<c64>, scale: f64) -> Mat<c64> {
    assert_eq!(a.nrows(), a.ncols(), "expm needs a square matrix");
    let d = a.nrows();
    let norm = norm_one(a) * scale.abs();
    let squarings = if norm > 0.5 {
        (norm / 0.5).log2().ceil() as i32
    } else {
        0
    };
    let factor = scale / 2f64.powi(squarings);
    let x = Mat::from_fn(d, d, |i, j| a[(i, j)] * factor);
    // Horner-free evaluation: even and odd parts, N = E + O, D = E - O
    let x2 = &x * &x;
    let x4 = &x2 * &x2;
    let x6 = &x4 * &x2;
    let even = Mat::from_fn(d, d, |i, j| {
        let id = if i == j { PADE6[0] } else { 0.0 };
        x2[(i, j)] * PADE6[2] + x4[(i, j)] * PADE6[4] + x6[(i, j)] * PADE6[6] + id
    });
    let odd_inner = Mat::from_fn(d, d, |i, j| {
        let id = if i == j { PADE6[1] } else { 0.0 };
        x2[(i, j)] * PADE6[3] + x4[(i, j)] * PADE6[5] + id
    });
    let odd = &x * &odd_inner;
    let numerator = Mat::from_fn(d, d, |i, j| even[(i, j)] + odd[(i, j)]);
    let denominator = Mat::from_fn(d, d, |i, j| even[(i, j)] - odd[(i, j)]);
    let mut result = denominator.partial_piv_lu().solve(&numerator);
    for _ in 0..squarings {
        result = &result * &result;
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(re: f64, im: f64) -> c64 {
        c64::new(re, im)
    }

    #[test]
    fn rotation_generator() {
        // closed form: exp(t [[0, -w], [w, 0]]) = [[cos wt, -sin wt], [sin wt, cos wt]]
        let w = 7.3;
        let a = Mat::from_fn(2, 2, |i, j| match (i, j) {
            (0, 1) => c(-w, 0.0),
            (1, 0) => c(w, 0.0),
            _ => c(0.0, 0.0),
        });
        let t = 1.9;
        let e = expm(&a, t);
        let (s, co) = (w * t).sin_cos();
        assert!((e[(0, 0)] - c(co, 0.0)).norm() < 1e-14);
        assert!((e[(0, 1)] - c(-s, 0.0)).norm() < 1e-14);
        assert!((e[(1, 0)] - c(s, 0.0)).norm() < 1e-14);
    }

    #[test]
    fn jordan_block_and_complex_diagonal() {
        // closed form: exp(t [[l, 1], [0, l]]) = exp(l t) [[1, t], [0, 1]]
        let l = c(-0.7, 3.1);
        let a = Mat::from_fn(2, 2, |i, j| match (i, j) {
            (0, 0) | (1, 1) => l,
            (0, 1) => c(1.0, 0.0),
            _ => c(0.0, 0.0),
        });
        let t = 4.0;
        let e = expm(&a, t);
        let z = (l * t).exp();
        assert!((e[(0, 0)] - z).norm() < 1e-13);
        assert!((e[(0, 1)] - z * t).norm() < 1e-13);
        assert!(e[(1, 0)].norm() < 1e-15);
    }
}
