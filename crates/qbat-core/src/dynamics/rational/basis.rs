//! One step's Arnoldi basis of the rational Krylov method ([`Basis`]): the states
//! `y(s) = beta V_m exp(s L_m) e_1` it gives, and the a-posteriori error estimate that decides
//! how far the step may go within its share of the tolerance ([`Budget`]).

use crate::c64;
use crate::linalg::expm::expm;
use crate::linalg::vector::combine;
use faer::Mat;

/// Grid points of the estimate's integral over the trial step.
pub(super) const GRID: usize = 128;

/// One Arnoldi basis and its projected operator, from which `y(s)` and the estimate follow.
pub(super) struct Basis {
    /// The orthonormal vectors `v_1 .. v_m` (empty while a step is only being tried).
    pub vectors: Vec<Vec<f64>>,
    /// `||v||` of the step's start vector.
    pub beta: f64,
    /// `L_m` (complex only to reuse the dense exponential).
    pub lm: Mat<c64>,
    /// `e_m^T H_m^{-1}`.
    pub last_row: Vec<f64>,
    /// `beta h_{m+1,m} / sigma`.
    pub scale: f64,
    /// `l(v_k)` of every basis vector (`l` the trace), for the error estimate.
    pub traces: Vec<f64>,
}

impl Basis {
    /// `beta V_m exp(s L_m) e_1` into `out`.
    pub(super) fn state(&self, s: f64, out: &mut [f64]) {
        let g = expm(&self.lm, s);
        let u: Vec<f64> = (0..self.lm.nrows()).map(|k| g[(k, 0)].re).collect();
        self.combine(&u, out);
    }

    /// `beta V_m u` into `out`, in parallel over chunks of `out`.
    fn combine(&self, u: &[f64], out: &mut [f64]) {
        let coefs: Vec<f64> = u.iter().map(|&c| c * self.beta).collect();
        combine(&self.vectors, &coefs, out);
    }

    /// The states at the times `s_k` (increasing, from the step's start), each passed to
    /// `emit`: equally spaced times reuse one exponential `exp(delta L_m)`, so dense sampling
    /// costs one small matrix-vector product and one combination of the basis per sample.
    pub(super) fn states(&self, times: &[f64], emit: &mut dyn FnMut(usize, &[f64])) {
        let m = self.lm.nrows();
        let n = self.vectors.first().map_or(0, Vec::len);
        let mut out = vec![0.0; n];
        let mut u = first_unit(m);
        let (mut at, mut cached): (f64, Option<(f64, Mat<c64>)>) = (0.0, None);
        for (k, &s) in times.iter().enumerate() {
            let delta = s - at;
            let reuse = matches!(&cached, Some((d, _)) if (d - delta).abs() <= 1e-12 * delta.abs());
            if !reuse {
                cached = Some((delta, expm(&self.lm, delta)));
            }
            u = mat_vec(&cached.as_ref().expect("just set").1, &u);
            at = s;
            let real: Vec<f64> = u.iter().map(|z| z.re).collect();
            self.combine(&real, &mut out);
            emit(k, &out);
        }
    }

    /// The latest grid time `s <= span` at which the error estimate is within `budget`, with
    /// that estimate; `(0, e_1)` when none, `e_1` the estimate at the first grid point.
    ///
    /// The estimate bounds the error `e` seen through `A = (I - sigma L)^{-1}`: `A e` obeys
    /// `(A e)' = L (A e) + A r` with `A r(s) = -beta (h / sigma) (e_m^T H_m^{-1} u(s)) v_{m+1}`
    /// and `||v_{m+1}|| = 1`, so `||A e(s)|| <= beta (h / sigma) int_0^s |e_m^T H_m^{-1} u|`
    /// for a contractive semigroup (van den Eshof and Hochbruck's generalised residual). `A`
    /// leaves the slow modes as they are and damps those with `sigma |lambda| >> 1`, whose
    /// errors decay on their own; without it, the stiff start of a trajectory would demand a
    /// resolution that no later time needs. The drift of the trace (conserved exactly) is
    /// added as a check.
    pub(super) fn accept(&self, span: f64, budget: Budget) -> (f64, f64) {
        let m = self.lm.nrows();
        let dt = span / GRID as f64;
        let step = expm(&self.lm, dt);
        let mut u = first_unit(m);
        let residual = |u: &[c64]| {
            u.iter()
                .zip(&self.last_row)
                .map(|(a, b)| a * *b)
                .sum::<c64>()
                .norm()
        };
        let (mut previous, mut integral) = (residual(&u), 0.0);
        let (mut best, mut first) = ((0.0, 0.0), f64::INFINITY);
        for k in 1..=GRID {
            u = mat_vec(&step, &u);
            let current = residual(&u);
            integral += 0.5 * dt * (previous + current);
            previous = current;
            let drift = (self
                .traces
                .iter()
                .zip(&u)
                .map(|(c, x)| c * x.re)
                .sum::<f64>()
                - self.traces[0])
                .abs();
            let err = self.scale * integral + self.beta * drift;
            if !err.is_finite() {
                break;
            }
            if k == 1 {
                first = err;
            }
            let s = k as f64 * dt;
            if err <= budget.at(s) {
                best = (s, err);
            }
        }
        if best.0 == 0.0 {
            // nothing accepted: the estimate at the first grid point, for the error report
            best.1 = first;
        }
        best
    }
}

/// The error a step may make: its share `rate s` of what is left of the tolerance, or a
/// quarter of what is left, whichever is larger. Steps never spend more than is left, so the
/// estimates add up to at most the tolerance; the quarter lets the stiff start of a trajectory
/// (whose estimate grows fast at first and then saturates) take a step at all.
#[derive(Clone, Copy, Debug)]
pub(super) struct Budget {
    /// Error allowed per unit time of the step.
    pub rate: f64,
    /// Error allowed whatever the step's length.
    pub absolute: f64,
}

impl Budget {
    pub(super) fn at(self, s: f64) -> f64 {
        (self.rate * s).max(self.absolute)
    }
}

/// `e_1` of dimension `m`.
fn first_unit(m: usize) -> Vec<c64> {
    (0..m)
        .map(|i| c64::new(if i == 0 { 1.0 } else { 0.0 }, 0.0))
        .collect()
}

/// `a u` for a small dense matrix.
fn mat_vec(a: &Mat<c64>, u: &[c64]) -> Vec<c64> {
    (0..u.len())
        .map(|i| (0..u.len()).map(|j| a[(i, j)] * u[j]).sum())
        .collect()
}
