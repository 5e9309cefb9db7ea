//! `x(t + dt) = exp(dt L) x(t)` by Krylov (Arnoldi) approximation with adaptive substeps and a
//! local error estimate: the algorithm of Expokit's `expv` (R. B. Sidje, ACM TOMS 24, 130 (1998)).
//!
//! One substep of length `tau` from `v` (`beta = ||v||`): Arnoldi builds an orthonormal basis
//! `V = [v_1 .. v_{m+1}]` of the Krylov space `K_{m+1}(L, v)` and the Hessenberg matrix `H`,
//! `L V_m = V_{m+1} H`. With `H` augmented by `H[m+1, m] = 1`, `F = exp(tau H_aug)` gives the
//! corrected approximation `x = beta V_{m+1} F[0..=m, 0]` and two error estimates,
//! `e1 = beta |F[m, 0]|` and `e2 = beta |F[m+1, 0]| ||L v_{m+1}||`; the substep is accepted when
//! the estimate is below `delta * tau * rate`, with `rate` the allowed error per unit time, and
//! the next `tau` follows from the error's `tau^m` scaling. A happy breakdown (an invariant
//! Krylov space) makes the substep exact up to rounding, and it may take the whole remaining
//! interval.

//!
//! Generic over the scalar: the Dicke representation's real `L` runs in real arithmetic (its
//! vectors stay real), the computational basis in complex arithmetic. The small Hessenberg
//! matrix is exponentiated in complex arithmetic either way, so a real run gives the bits of
//! the same run on complex vectors with zero imaginary parts (`linalg::scalar`).

use std::ops::ControlFlow;

use super::Cancelled;
use crate::c64;
use crate::error::SolveError;
use crate::linalg::arnoldi;
use crate::linalg::expm::expm;
use crate::linalg::orthogonal::modified_twice;
use crate::linalg::scalar::Scalar;
use crate::linalg::sparse::Csr;
use crate::linalg::vector::norm;
use crate::options::Method;
use crate::plan::KRYLOV_DIM;
use faer::Mat;
/// Expokit's safety factors: accept up to `DELTA` times the target, aim at `SAFETY` times it.
const DELTA: f64 = 1.2;
const SAFETY: f64 = 0.9;
/// Give up after this many consecutive rejected substeps (the estimate is then not converging).
const MAX_REJECTS: usize = 60;

/// Work counters of an integration.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Work {
    /// Accepted substeps.
    pub steps: usize,
    /// Rejected substeps.
    pub rejected: usize,
    /// Products `L x`.
    pub products: usize,
}

/// A propagator `exp(t L)` that keeps its substep length between calls.
pub(crate) struct Krylov<'a, T> {
    op: &'a Csr<T>,
    m: usize,
    norm: f64,
    /// Allowed local error per unit time (absolute, 2-norm of the state vector).
    rate: f64,
    tau: Option<f64>,
    method: Method,
    /// Accumulated work.
    pub work: Work,
    /// Sum of accepted local error estimates (an estimate of the global error).
    pub error_estimate: f64,
}

impl<'a, T: Scalar> Krylov<'a, T> {
    /// `rate`: allowed local error per unit time; `method`: named in errors.
    pub(crate) fn new(op: &'a Csr<T>, rate: f64, method: Method) -> Krylov<'a, T> {
        Krylov {
            op,
            m: KRYLOV_DIM.min(op.dim()).max(1),
            norm: op.norm_inf().max(f64::MIN_POSITIVE),
            rate,
            tau: None,
            method,
            work: Work::default(),
            error_estimate: 0.0,
        }
    }

    fn first_tau(&self, beta: f64) -> f64 {
        // Expokit's guess: the step at which the a-priori Krylov error bound meets the target
        let m = self.m as f64;
        let fact = ((m + 1.0) / std::f64::consts::E).powf(m + 1.0)
            * (2.0 * std::f64::consts::PI * (m + 1.0)).sqrt();
        let tau = (1.0 / self.norm) * (fact * self.rate / (4.0 * beta * self.norm)).powf(1.0 / m);
        round_two_digits(tau)
    }

    /// Replaces `v` by `exp(dt L) v`, `dt >= 0`.
    pub(crate) fn advance(&mut self, v: &mut [T], dt: f64) -> Result<(), SolveError> {
        self.propagate(v, &[dt], &mut |_, _| ControlFlow::Continue(()))
    }

    /// Calls `emit(k, exp(outputs[k] L) v)` for every `k` (`outputs` non-decreasing, `>= 0`)
    /// and leaves `v` at the last output time.
    ///
    /// Substeps follow the error control only: every output time inside an accepted substep
    /// is evaluated from that substep's Krylov basis (`beta V exp(s H) e_1`, one small dense
    /// exponential each), so dense sampling costs no extra products with `L`.
    pub(crate) fn propagate(
        &mut self,
        v: &mut [T],
        outputs: &[f64],
        emit: &mut dyn FnMut(usize, &[T]) -> ControlFlow<()>,
    ) -> Result<(), SolveError> {
        let len = v.len();
        let m = self.m;
        let Some(&end) = outputs.last() else {
            return Ok(());
        };
        let mut basis: Vec<Vec<T>> = Vec::with_capacity(m + 1);
        let mut scratch = vec![T::ZERO; len];
        let mut out = vec![T::ZERO; len];
        let mut t_now = 0.0;
        let mut next = 0;
        while next < outputs.len() {
            if outputs[next] <= t_now {
                emit(next, v).cancelled()?;
                next += 1;
                continue;
            }
            let beta = norm(v);
            if beta == 0.0 {
                // the zero state stays zero
                for k in next..outputs.len() {
                    emit(k, v).cancelled()?;
                }
                return Ok(());
            }
            let remaining = end - t_now;
            let mut tau = self
                .tau
                .unwrap_or_else(|| self.first_tau(beta))
                .min(remaining);

            // Arnoldi with one reorthogonalisation (modified Gram-Schmidt twice keeps H accurate
            // at tolerances near rounding)
            basis.clear();
            basis.push(v.iter().map(|&x| x / beta).collect());
            let mut h = Mat::<c64>::zeros(m + 2, m + 2);
            // dropping a residual s at a happy breakdown errs by about beta s per unit time:
            // keep that a tenth of the budget (a bound relative to ||L|| alone drifts by
            // 1e-10 per unit time once the state is stationary and ||L|| ~ 1e3)
            let breakdown_tol = (1e-13 * self.norm).min(0.1 * self.rate / beta);
            let mut happy = None;
            for j in 0..m {
                self.op.apply(&basis[j], &mut scratch);
                self.work.products += 1;
                let step = arnoldi::step(&mut basis, &mut scratch, modified_twice, &|_, s| {
                    s <= breakdown_tol
                });
                for (i, coef) in step.column.iter().enumerate() {
                    h[(i, j)] = coef.complex();
                }
                if step.breakdown {
                    happy = Some(j + 1);
                    break;
                }
                h[(j + 1, j)] = c64::new(step.next, 0.0);
            }
            let (size, av_norm) = match happy {
                Some(k) => {
                    // exact on the invariant subspace: take everything that is left
                    tau = remaining;
                    (k, 0.0)
                }
                None => {
                    h[(m + 1, m)] = c64::new(1.0, 0.0);
                    self.op.apply(&basis[m], &mut scratch);
                    self.work.products += 1;
                    (m + 2, norm(&scratch))
                }
            };
            let h = h.submatrix(0, 0, size, size).to_owned();

            let mut rejects = 0;
            let (f, err, exponent) = loop {
                let f = expm(&h, tau);
                if happy.is_some() {
                    break (f, 0.0, 1.0);
                }
                let e1 = beta * f[(m, 0)].norm();
                let e2 = beta * f[(m + 1, 0)].norm() * av_norm;
                let (err, exponent) = if e1 > 10.0 * e2 {
                    (e2, 1.0 / m as f64)
                } else if e1 > e2 {
                    (e1 * e2 / (e1 - e2), 1.0 / m as f64)
                } else {
                    (e1, 1.0 / (m as f64 - 1.0).max(1.0))
                };
                if err <= DELTA * tau * self.rate {
                    break (f, err, exponent);
                }
                rejects += 1;
                self.work.rejected += 1;
                if rejects > MAX_REJECTS || !err.is_finite() {
                    return Err(SolveError::NoConvergence {
                        method: self.method,
                        algorithm: "Krylov exponential",
                        iterations: rejects,
                        residual: err,
                        tolerance: DELTA * tau * self.rate,
                        context: format!(
                            "rejected substeps at t = {t_now:.6e} (last step {tau:.3e}, target \
                             {:.3e} per unit time)",
                            self.rate
                        ),
                    });
                }
                tau = round_two_digits(SAFETY * tau * (tau * self.rate / err).powf(exponent));
            };

            // the last substep lands exactly on the last output (no sliver step from rounding)
            let t_end = if tau >= remaining { end } else { t_now + tau };
            // x(s) = beta V exp(s H)[.., 0] over the m + 1 basis vectors (Expokit's corrected
            // scheme), for the outputs inside this substep and for its end
            let used = size.min(basis.len());
            let combine = |g: &Mat<c64>, x: &mut [T]| {
                x.iter_mut().for_each(|y| *y = T::ZERO);
                for (k, b) in basis.iter().take(used).enumerate() {
                    let coef = T::from_complex(g[(k, 0)] * beta);
                    x.iter_mut().zip(b).for_each(|(y, &bk)| *y += coef * bk);
                }
            };
            while next < outputs.len() && outputs[next] < t_end {
                combine(&expm(&h, outputs[next] - t_now), &mut out);
                emit(next, &out).cancelled()?;
                next += 1;
            }
            combine(&f, v);
            t_now = t_end;
            self.work.steps += 1;
            self.error_estimate += err;
            if happy.is_none() {
                let grow = if err > 0.0 {
                    SAFETY * (tau * self.rate / err).powf(exponent)
                } else {
                    5.0
                };
                self.tau = Some(round_two_digits(tau * grow.min(5.0)));
            }
        }
        Ok(())
    }
}

/// Rounds up to two significant digits (Expokit does this to avoid steps like 0.1000000001).
fn round_two_digits(x: f64) -> f64 {
    if !(x.is_finite() && x > 0.0) {
        return x;
    }
    let s = 10f64.powf(x.log10().floor() - 1.0);
    (x / s).ceil() * s
}
