//! Kernels of dense square blocks of the Liouvillian: a dense SVD, and a column-pivoted QR when
//! the SVD does not converge.
//!
//! **SVD** (the default): `A = U S V^dag`; singular values `s <= KERNEL_RTOL s_max` count as
//! zero, the matching columns of `V` span `ker A` and those of `U` span `ker A^dag`.
//!
//! **Column-pivoted QR** (the fallback): faer's SVD iterates on the bidiagonal form and can stop
//! with `NoConvergence` (seen on a 2002 x 2002 block of a collective N = 7 star). Householder QR
//! with column pivoting, `A P = Q R`, involves no iteration and is backward stable. The pivot
//! `|R_ii|` is the largest column norm of the trailing block still to factor, so with
//! `r = #{i : |R_ii| > tol}`, `tol = KERNEL_RTOL s_max`:
//! - the trailing block `R_22` (`k = n - r` columns) has `sigma_{r+1}(A) <= ||R_22||_2 <=
//!   ||R_22||_F`, checked `<= tol` (so at least `k` singular values lie below `tol`);
//! - the leading block `R_11` has `sigma_r(A) >= sigma_min(R_11)`, estimated by inverse iteration
//!   (which converges from above) and checked `> tol` (so at most `k` do): the rank decision then
//!   equals the SVD's. Pivoted QR can in principle miss a small singular value (Kahan's matrix);
//!   this check turns that case into an error instead of a wrong kernel dimension (tested).
//! - `ker A` is spanned by `P [-R_11^{-1} R_12; I]` (then orthonormalised), since
//!   `A P [X; I] = Q [R_11 X + R_12; R_22]`, and `ker A^dag` by the last `k` columns of `Q`
//!   (`Q^dag A P` has only `R_22` in its last `k` rows); every basis vector is verified,
//!   `||A w|| <= tol` and `||A^dag w|| <= tol`.
//!
//! `s_max` is estimated by power iteration on `A^dag A`; the threshold sits in a gap of many
//! orders of magnitude (kernel.rs), so its precision does not matter. Squaring the matrix
//! (a self-adjoint eigendecomposition of `A^dag A`) was not used: it squares the condition
//! number, so zero singular values would come out near `sqrt(eps) s_max ~ 1e-8 s_max`, above the
//! SVD's threshold, and the threshold would have to change.

use super::kernel_failure::{rank_failure, KernelFailure};
use crate::c64;
use faer::dyn_stack::{MemBuffer, MemStack};
use faer::linalg::householder::{
    apply_block_householder_sequence_on_the_left_in_place_scratch,
    apply_block_householder_sequence_on_the_left_in_place_with_conj,
};
use faer::linalg::triangular_solve::{
    solve_lower_triangular_in_place, solve_upper_triangular_in_place,
};
use faer::{get_global_parallelism, Conj, Mat, MatRef};

/// Relative threshold of the dense rank decisions: a singular value `s <= 1e-10 s_max` counts as
/// zero. Measured gaps on the collective star (N = 2..5, T = 0.05..10, mu = -5..3): zero singular
/// values lie below `3e-16 s_max`, the smallest non-zero ones above `3e-3 s_max`.
pub const KERNEL_RTOL: f64 = 1e-10;

/// The decomposition a kernel was found with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Decomposition {
    /// Dense SVD.
    Svd,
    /// Householder QR with column pivoting.
    PivotedQr,
}

/// Which decompositions to try.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Strategy {
    /// The SVD, and the pivoted QR when the SVD does not converge.
    SvdThenQr,
    /// The pivoted QR only (tests of the fallback).
    #[cfg_attr(not(test), allow(dead_code))]
    Qr,
}

/// What to compute besides the dimension.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Vectors {
    /// Only `dim ker A`.
    No,
    /// Orthonormal bases of `ker A` and `ker A^dag`.
    Both,
}

/// The kernel of a square matrix `A`.
pub(crate) struct DenseKernel {
    /// `dim ker A`.
    pub dim: usize,
    /// Orthonormal basis of `ker A`, `n x dim` (`n x 0` without vectors).
    pub right: Mat<c64>,
    /// Orthonormal basis of `ker A^dag`, `n x dim` (`n x 0` without vectors).
    pub left: Mat<c64>,
    /// Largest singular value (estimated with the QR).
    pub s_max: f64,
    /// Largest singular value counted as zero (with the QR: the upper bound `||R_22||_F`).
    pub largest_zero: f64,
    /// Smallest singular value counted as non-zero (with the QR: the estimate of
    /// `sigma_min(R_11)`); infinite when there is none.
    pub smallest_nonzero: f64,
    /// How it was found.
    pub decomposition: Decomposition,
    /// Why the SVD was not used (its error), when it was not.
    pub svd_failure: Option<String>,
}

impl DenseKernel {
    /// The decomposition used, with the SVD's failure when the QR took over.
    pub(crate) fn decomposition_name(&self) -> String {
        match (self.decomposition, &self.svd_failure) {
            (Decomposition::Svd, _) => "SVD".to_string(),
            (Decomposition::PivotedQr, Some(why)) => {
                format!("column-pivoted QR (SVD: {why})")
            }
            (Decomposition::PivotedQr, None) => "column-pivoted QR".to_string(),
        }
    }

    /// A phrase for the diagnostics: decomposition and the gap around the threshold.
    pub(crate) fn describe(&self) -> String {
        let how = self.decomposition_name();
        let zeros = if self.dim == 0 {
            "no zero singular value".to_string()
        } else {
            format!(
                "{} zero singular value(s) <= {:.1e} s_max",
                self.dim,
                self.largest_zero / self.s_max
            )
        };
        format!(
            "{how}: {zeros}, non-zero ones >= {:.1e} s_max (s_max = {:.3e})",
            self.smallest_nonzero / self.s_max,
            self.s_max
        )
    }
}

/// The kernel of the square matrix `block`, by [`Strategy`].
///
/// # Errors
/// [`KernelFailure::Rank`] with the numbers when no decomposition gives a clear rank decision.
pub(crate) fn dense_kernel(
    block: &Mat<c64>,
    vectors: Vectors,
    strategy: Strategy,
) -> Result<DenseKernel, KernelFailure> {
    let n = block.nrows();
    assert_eq!(n, block.ncols(), "the block must be square");
    let svd_failure = match strategy {
        Strategy::Qr => None,
        Strategy::SvdThenQr => match svd_kernel(block, vectors) {
            Ok(kernel) => return Ok(kernel),
            Err(why) => Some(why),
        },
    };
    let mut kernel = qr_kernel(block.as_ref(), vectors).map_err(|e| match &svd_failure {
        Some(why) => e.within(&format!(
            "SVD of a {n} x {n} block: {why}; column-pivoted QR"
        )),
        None => e.within(&format!("column-pivoted QR of a {n} x {n} block")),
    })?;
    kernel.svd_failure = svd_failure;
    Ok(kernel)
}

fn svd_kernel(block: &Mat<c64>, vectors: Vectors) -> Result<DenseKernel, String> {
    let n = block.nrows();
    let (s, svd) = match vectors {
        Vectors::No => (block.singular_values().map_err(|e| format!("{e:?}"))?, None),
        Vectors::Both => {
            let svd = block.svd().map_err(|e| format!("{e:?}"))?;
            let s = svd.S().column_vector().iter().map(|v| v.re).collect();
            (s, Some(svd))
        }
    };
    let s_max = s.first().copied().unwrap_or(0.0);
    let rank = s.iter().filter(|&&v| v > KERNEL_RTOL * s_max).count();
    let dim = n - rank;
    let (right, left) = match svd {
        Some(svd) => (
            svd.V().subcols(rank, dim).to_owned(),
            svd.U().subcols(rank, dim).to_owned(),
        ),
        None => (Mat::zeros(n, 0), Mat::zeros(n, 0)),
    };
    Ok(DenseKernel {
        dim,
        right,
        left,
        s_max,
        largest_zero: if dim > 0 { s[rank] } else { 0.0 },
        smallest_nonzero: if rank > 0 { s[rank - 1] } else { f64::INFINITY },
        decomposition: Decomposition::Svd,
        svd_failure: None,
    })
}

/// The kernel by Householder QR with column pivoting (module docs); the right kernel is always
/// computed, since verifying it is the check of the rank decision.
pub(crate) fn qr_kernel(
    block: MatRef<'_, c64>,
    vectors: Vectors,
) -> Result<DenseKernel, KernelFailure> {
    let n = block.nrows();
    let s_max = largest_singular_value(block);
    let tol = KERNEL_RTOL * s_max;
    let qr = block.col_piv_qr();
    let r = qr.R();
    // |R_ii| is non-increasing: each pivot is the largest remaining column norm
    let rank = (0..n).take_while(|&i| r[(i, i)].norm() > tol).count();
    let dim = n - rank;
    let largest_zero = r.get(rank.., rank..).norm_l2();
    if largest_zero > tol {
        return Err(rank_failure(
            "||R_22||_F",
            largest_zero,
            tol,
            "trailing block of R above the threshold: no clear rank",
        ));
    }
    let r11 = r.get(..rank, ..rank);
    let smallest_nonzero = smallest_singular_value_upper(r11);
    if smallest_nonzero <= tol {
        return Err(KernelFailure::Rank {
            quantity: format!("smallest singular value of R_11 ({rank} x {rank})"),
            value: smallest_nonzero,
            threshold: tol,
            context: "at or below the threshold: the pivoting did not reveal the rank".into(),
        });
    }

    // ker A = P [-R_11^{-1} R_12; I], orthonormalised
    let mut x = r.get(..rank, rank..).to_owned();
    solve_upper_triangular_in_place(r11, x.as_mut(), get_global_parallelism());
    let perm = qr.P().arrays().0;
    let mut spanning = Mat::<c64>::zeros(n, dim);
    for j in 0..dim {
        for i in 0..rank {
            spanning[(perm[i], j)] = -x[(i, j)];
        }
        spanning[(perm[rank + j], j)] = c64::new(1.0, 0.0);
    }
    let right = if dim > 0 {
        spanning.qr().compute_thin_Q()
    } else {
        spanning
    };
    verify(&(block * &right), tol, "A")?;

    let left = match vectors {
        Vectors::No => Mat::zeros(n, 0),
        Vectors::Both => {
            // the last k columns of Q
            let mut q = Mat::<c64>::zeros(n, dim);
            for j in 0..dim {
                q[(rank + j, j)] = c64::new(1.0, 0.0);
            }
            let (basis, coefficients) = (qr.Q_basis(), qr.Q_coeff());
            let mut buffer = MemBuffer::new(
                apply_block_householder_sequence_on_the_left_in_place_scratch::<c64>(
                    n,
                    coefficients.nrows(),
                    dim,
                ),
            );
            apply_block_householder_sequence_on_the_left_in_place_with_conj(
                basis,
                coefficients,
                Conj::No,
                q.as_mut(),
                get_global_parallelism(),
                MemStack::new(&mut buffer),
            );
            verify(&(block.adjoint() * &q), tol, "A^dag")?;
            q
        }
    };
    Ok(DenseKernel {
        dim,
        right: match vectors {
            Vectors::No => Mat::zeros(n, 0),
            Vectors::Both => right,
        },
        left,
        s_max,
        largest_zero,
        smallest_nonzero,
        decomposition: Decomposition::PivotedQr,
        svd_failure: None,
    })
}

/// Checks `||A w|| <= tol` for every column `A w` of `image`.
fn verify(image: &Mat<c64>, tol: f64, name: &str) -> Result<(), KernelFailure> {
    for j in 0..image.ncols() {
        let residual = image.col(j).norm_l2();
        if residual > tol {
            return Err(KernelFailure::Rank {
                quantity: format!("||{name} w||"),
                value: residual,
                threshold: tol,
                context: format!("kernel vector {j} of {name} above the threshold"),
            });
        }
    }
    Ok(())
}

/// `s_max(A)` by power iteration on `A^dag A` (a lower bound, converged to 1e-6 relative or
/// after 100 steps; precise enough to place a threshold in a wide gap).
fn largest_singular_value(a: MatRef<'_, c64>) -> f64 {
    let n = a.ncols();
    if n == 0 {
        return 0.0;
    }
    // a start with components on every column, not orthogonal to the top singular vector by
    // accident of structure
    let mut x = Mat::<c64>::from_fn(n, 1, |i, _| c64::new(1.0 + (i % 7) as f64 / 7.0, 0.0));
    x /= x.norm_l2();
    let mut estimate = 0.0;
    for _ in 0..100 {
        let y = a * &x;
        let norm = y.norm_l2();
        if norm == 0.0 {
            return 0.0;
        }
        let z = a.adjoint() * &y;
        let converged = (norm - estimate).abs() <= 1e-6 * norm;
        estimate = norm;
        let z_norm = z.norm_l2();
        if converged || z_norm == 0.0 {
            break;
        }
        x = z / z_norm;
    }
    estimate
}

/// An estimate of `sigma_min` of the upper-triangular `r` by inverse iteration on
/// `(r^dag r)^{-1}` (from above; converged to 1e-3 relative or after 50 steps); infinite when
/// `r` is empty.
fn smallest_singular_value_upper(r: MatRef<'_, c64>) -> f64 {
    let n = r.nrows();
    if n == 0 {
        return f64::INFINITY;
    }
    let par = get_global_parallelism();
    let mut x = Mat::<c64>::from_fn(n, 1, |i, _| c64::new(1.0 + (i % 5) as f64 / 5.0, 0.0));
    x /= x.norm_l2();
    let mut estimate = f64::INFINITY;
    for _ in 0..50 {
        // y = r^{-1} r^{-dag} x
        solve_lower_triangular_in_place(r.adjoint(), x.as_mut(), par);
        solve_upper_triangular_in_place(r, x.as_mut(), par);
        let growth = x.norm_l2();
        if !growth.is_finite() || growth == 0.0 {
            return 0.0;
        }
        let sigma = 1.0 / growth.sqrt();
        x /= growth;
        let converged = (sigma - estimate).abs() <= 1e-3 * sigma;
        estimate = sigma;
        if converged {
            break;
        }
    }
    estimate
}

#[cfg(test)]
#[path = "dense_kernel_tests.rs"]
mod tests;
