//! `x(t) = exp(t L) x(0)` by the shift-and-invert (rational) Krylov method, for a real `L`
//! whose shifted matrix `I - sigma L` has been factorised once.
//!
//! Arnoldi on `A = (I - sigma L)^{-1}` from `v` (`beta = ||v||`) gives
//! `A V_m = V_m H_m + h v_{m+1} e_m^T`; multiplying by `I - sigma L`,
//! `L V_m = V_m L_m + (h / sigma) w e_m^T H_m^{-1}` with `L_m = (I - H_m^{-1}) / sigma` and
//! `w = (I - sigma L) v_{m+1}`. The approximation `y(s) = beta V_m exp(s L_m) e_1` therefore
//! solves `y' = L y + r` with the residual
//! `r(s) = -beta (h / sigma) (e_m^T H_m^{-1} exp(s L_m) e_1) w`, and its error is
//! `e(s) = int_0^s exp((s - u) L) r(u) du` (Botchev, Grimm and Hochbruck, SIAM J. Sci.
//! Comput. 35, A1376 (2013)). The estimate bounds that error seen through
//! `(I - sigma L)^{-1}` (`basis.rs`), evaluated on a grid; a step from `v` is accepted up
//! to the latest grid time within its share of the tolerance (`Budget`).
//!
//! Why rational: the spectrum of `L` reaches `-N gamma` (every qubit relaxes on its own), so a
//! polynomial Krylov method needs steps of order `1 / (N gamma)` and its cost grows like `N^3`
//! on the `N^2` Dicke unknowns. `A` maps that far spectrum next to 0, and the dimension needed
//! depends on the time span and the slow, oscillating part of the spectrum, not on `||L||`
//! (van den Eshof and Hochbruck, SIAM J. Sci. Comput. 27, 1438 (2006)). One factorisation
//! serves every step with the same shift on the same region: restarts reuse it.

mod basis;

use std::ops::ControlFlow;

use super::krylov::Work;
use super::Cancelled;
use crate::c64;
use crate::error::SolveError;
use crate::linalg::arnoldi;
use crate::linalg::orthogonal::classical_selective;
use crate::linalg::vector::norm;
use crate::options::Method;
use basis::{Basis, Budget, GRID};
use faer::linalg::solvers::Solve;
use faer::Mat;

/// Largest Krylov dimension before a step is cut at what it achieved.
pub(crate) const MAX_DIM: usize = 96;
/// The estimate is evaluated after every this many Arnoldi vectors.
const CHECK_EVERY: usize = 4;
/// A step of length `span` uses the shift `sigma = span / SPAN_PER_SHIFT`, rounded to a power
/// of 4: the shift-and-invert method converges fastest with `sigma` a fixed fraction of the
/// time span (van den Eshof and Hochbruck), and rounding lets steps of similar length share
/// one factorisation. The fraction is measured (`qbat evolve`, Fig. 6 point, t to 50, solves):
/// N = 101: 264 at 20, 240 at 50, 280 at 80 or 120; N = 401: 564, 460, 552, 552;
/// N = 1001: 1048, 792 at 50, 744 at 120, 8,456 at 300 (steps too short for their shift).
const SPAN_PER_SHIFT: f64 = 50.0;

/// The shift for a step of length `span`.
fn shift_for(span: f64) -> f64 {
    4f64.powi((span / SPAN_PER_SHIFT).log(4.0).round() as i32)
}

/// A step reached with at most `MAX_DIM / SMALL_BASIS` vectors makes the next trial
/// [`FAST_GROWTH`] times longer (else twice, or the same).
const SMALL_BASIS: usize = 4;
/// See [`SMALL_BASIS`].
const FAST_GROWTH: f64 = 8.0;
/// How often a trial step is shortened (by `SHRINK`) before the method gives up.
const MAX_SHRINKS: usize = 40;
const SHRINK: f64 = 0.25;
/// Steps of one integration before it is declared stuck.
const MAX_STEPS: usize = 20_000;

/// What the rational Krylov method needs from the operator.
pub(crate) trait Shifted: Sync {
    /// `b <- (I - sigma L)^{-1} b` (the implementation factorises and caches per `sigma`).
    fn solve(&self, sigma: f64, b: &mut [f64]) -> Result<(), SolveError>;
    /// Rate at which `x` leaks out of the unknowns kept (0 when nothing was dropped).
    fn leak(&self, x: &[f64]) -> f64;
    /// The trace functional `l` (`l L = 0`: exact dynamics conserves `l(x)`).
    fn trace(&self, x: &[f64]) -> f64;
}

/// The state of a [`Rational`] propagator that outlives its region ([`Rational::carry`]).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Carry {
    step: Option<f64>,
    pub work: Work,
    pub error_estimate: f64,
    pub leak_integral: f64,
}

/// A rational Krylov propagator that keeps its step length between calls.
pub(crate) struct Rational<'a> {
    sys: &'a dyn Shifted,
    /// Allowed error per unit time (absolute, 2-norm of the state vector).
    rate: f64,
    first_step: f64,
    step: Option<f64>,
    method: Method,
    /// Accumulated work: `products` counts solves with `I - sigma L`.
    pub work: Work,
    /// Sum of accepted error estimates (an estimate of the global error).
    pub error_estimate: f64,
    /// `int ||L_{dropped, kept} x(t)|| dt` by the trapezoidal rule over every time the state
    /// was formed: the error from the unknowns not kept.
    pub leak_integral: f64,
    /// A stationary state `x_inf` (`L x_inf = 0`) taken out of every propagated vector.
    stationary: Option<Vec<f64>>,
    /// The tolerance of the next call, when not `rate` times its span
    /// ([`Rational::with_budget`]).
    budget: Option<f64>,
}

impl<'a> Rational<'a> {
    /// `rate`: allowed error per unit time; `first_step`: the first trial step (about the
    /// fastest relaxation time of interest); `method`: named in errors.
    pub(crate) fn new(
        sys: &'a dyn Shifted,
        rate: f64,
        first_step: f64,
        method: Method,
    ) -> Rational<'a> {
        Rational {
            sys,
            rate,
            first_step,
            step: None,
            method,
            work: Work::default(),
            error_estimate: 0.0,
            leak_integral: 0.0,
            stationary: None,
            budget: None,
        }
    }

    /// Gives the next call the tolerance `budget` instead of `rate` times its span.
    pub(crate) fn with_budget(mut self, budget: f64) -> Rational<'a> {
        self.budget = Some(budget);
        self
    }

    /// Propagates `x - x_inf` only, `x_inf` a stationary state: `exp(t L) x =
    /// x_inf + exp(t L)(x - x_inf)`. With `x_inf` the `t -> infinity` state of `x`, the
    /// difference decays, and the Krylov space need not resolve the kernel of `L`, whose
    /// eigenvalue `(I - sigma L)^{-1}` separates from the slowest decaying ones only by a
    /// factor `1 + sigma gap`.
    pub(crate) fn with_stationary(mut self, stationary: Vec<f64>) -> Rational<'a> {
        self.stationary = Some(stationary);
        self
    }

    /// What a later part of the same trajectory, on another region, continues from.
    pub(crate) fn carry(&self) -> Carry {
        Carry {
            step: self.step,
            work: self.work,
            error_estimate: self.error_estimate,
            leak_integral: self.leak_integral,
        }
    }

    /// Continues from `carry`: its step length, and its work, error estimate and leak, which
    /// this propagator's add to.
    pub(crate) fn continue_from(mut self, carry: Carry) -> Rational<'a> {
        self.step = carry.step;
        self.work = carry.work;
        self.error_estimate = carry.error_estimate;
        self.leak_integral = carry.leak_integral;
        self
    }

    /// Replaces `v` by `exp(dt L) v`, `dt >= 0` (the tests' single steps).
    #[cfg(test)]
    pub(crate) fn advance(&mut self, v: &mut [f64], dt: f64) -> Result<(), SolveError> {
        self.propagate(v, &[dt], &mut |_, _| ControlFlow::Continue(()))
    }

    /// Calls `emit(k, exp(outputs[k] L) v)` for every `k` (`outputs` non-decreasing, `>= 0`)
    /// and leaves `v` at the last output time. Outputs inside an accepted step come from that
    /// step's basis (no further solves).
    pub(crate) fn propagate(
        &mut self,
        v: &mut [f64],
        outputs: &[f64],
        emit: &mut dyn FnMut(usize, &[f64]) -> ControlFlow<()>,
    ) -> Result<(), SolveError> {
        let Some(stationary) = self.stationary.take() else {
            return self.propagate_plain(v, outputs, emit, None);
        };
        v.iter_mut().zip(&stationary).for_each(|(x, s)| *x -= s);
        let mut full = vec![0.0; v.len()];
        let result = self.propagate_plain(
            v,
            outputs,
            &mut |k, d| {
                full.iter_mut()
                    .zip(d.iter().zip(&stationary))
                    .for_each(|(f, (a, b))| *f = a + b);
                emit(k, &full)
            },
            Some(&stationary),
        );
        v.iter_mut().zip(&stationary).for_each(|(x, s)| *x += s);
        self.stationary = Some(stationary);
        result
    }

    /// [`Rational::propagate`] of `v`, whose state is `offset + v` (for the leak).
    fn propagate_plain(
        &mut self,
        v: &mut [f64],
        outputs: &[f64],
        emit: &mut dyn FnMut(usize, &[f64]) -> ControlFlow<()>,
        offset: Option<&[f64]>,
    ) -> Result<(), SolveError> {
        let leak = |x: &[f64]| match offset {
            None => self.sys.leak(x),
            Some(o) => {
                let full: Vec<f64> = x.iter().zip(o).map(|(a, b)| a + b).collect();
                self.sys.leak(&full)
            }
        };
        let Some(&end) = outputs.last() else {
            return Ok(());
        };
        let (mut t_now, mut next) = (0.0, 0);
        // the tolerance of this call, spent step by step
        let (total, mut spent) = (self.budget.unwrap_or(self.rate * end), 0.0);
        let mut leak_then = leak(v);
        while next < outputs.len() {
            if outputs[next] <= t_now {
                emit(next, v).cancelled()?;
                next += 1;
                continue;
            }
            let beta = norm(v);
            if beta == 0.0 {
                for k in next..outputs.len() {
                    emit(k, v).cancelled()?;
                }
                return Ok(());
            }
            let remaining = end - t_now;
            if self.work.steps >= MAX_STEPS {
                return Err(SolveError::NoConvergence {
                    method: self.method,
                    algorithm: "rational Krylov exponential",
                    iterations: MAX_STEPS,
                    residual: spent,
                    tolerance: total,
                    context: format!(
                        "step limit reached at t = {t_now:.6e} of {end:.6e} (residual: the error \
                         estimates spent, tolerance: the budget)"
                    ),
                });
            }
            let left = (total - spent).max(0.0);
            let budget = Budget {
                rate: left / remaining,
                absolute: 0.25 * left,
            };
            let trial = self.step.unwrap_or(self.first_step).min(remaining);
            let sigma = shift_for(trial);
            let (basis, happy) = self.arnoldi(v, beta, trial, sigma, budget)?;
            let (mut span, mut err) = if happy {
                (remaining, 0.0)
            } else {
                basis.accept(trial, budget)
            };
            let mut shrinks = 0;
            let mut trial_span = trial;
            while span == 0.0 {
                shrinks += 1;
                trial_span *= SHRINK;
                if shrinks > MAX_SHRINKS {
                    return Err(SolveError::NoConvergence {
                        method: self.method,
                        algorithm: "rational Krylov exponential",
                        iterations: shrinks,
                        residual: err,
                        tolerance: budget.at(trial_span / SHRINK / GRID as f64),
                        context: format!(
                            "no step meets the error target at t = {t_now:.6e} (Krylov \
                             dimension {}, step shortened to {:.3e}; residual: the estimate at \
                             its first grid point, target {:.3e} per unit time)",
                            basis.lm.nrows(),
                            trial_span / SHRINK,
                            self.rate
                        ),
                    });
                }
                (span, err) = basis.accept(trial_span, budget);
            }
            let t_end = if span >= remaining { end } else { t_now + span };
            let inside: Vec<f64> = outputs[next..]
                .iter()
                .take_while(|&&t| t < t_end)
                .map(|&t| t - t_now)
                .collect();
            // the leak by the trapezoidal rule over every state formed (outputs, step end)
            let (mut last_s, mut last_leak, mut integral) = (0.0, leak_then, 0.0);
            let mut flow = ControlFlow::Continue(());
            basis.states(&inside, &mut |k, state| {
                let leak_now = leak(state);
                integral += 0.5 * (inside[k] - last_s) * (last_leak + leak_now);
                (last_s, last_leak) = (inside[k], leak_now);
                if flow.is_continue() {
                    flow = emit(next + k, state);
                }
            });
            flow.cancelled()?;
            next += inside.len();
            basis.state(t_end - t_now, v);
            let leak_now = leak(v);
            integral += 0.5 * (t_end - t_now - last_s) * (last_leak + leak_now);
            self.leak_integral += integral;
            leak_then = leak_now;
            self.work.steps += 1;
            self.error_estimate += err;
            spent += err;
            // the next trial: longer when this one was reached with room to spare, much longer
            // when with a small basis (the stiff start of a trajectory, whose first trial is
            // the fastest time scale, and the slow tail: N = 401, paper's Fig. 6 point, t to
            // 50, with the shift then a twentieth of the step: 564 solves in 12 steps against 596
            // in 17 when always doubling)
            let dim = basis.lm.nrows();
            self.step = Some(if span >= trial && SMALL_BASIS * dim <= MAX_DIM {
                FAST_GROWTH * trial
            } else if span >= trial && 4 * dim < 3 * MAX_DIM {
                2.0 * trial
            } else if span >= trial {
                trial
            } else {
                span * 1.5
            });
            t_now = t_end;
        }
        Ok(())
    }

    /// Arnoldi on `(I - sigma L)^{-1}` from `v`, extended until the estimate accepts the trial
    /// span or the dimension reaches [`MAX_DIM`]; `true` with an invariant subspace.
    fn arnoldi(
        &mut self,
        v: &[f64],
        beta: f64,
        trial: f64,
        sigma: f64,
        budget: Budget,
    ) -> Result<(Basis, bool), SolveError> {
        let mut vectors = vec![v.iter().map(|x| x / beta).collect::<Vec<f64>>()];
        let mut traces = vec![self.sys.trace(&vectors[0])];
        let mut h = Mat::<f64>::zeros(MAX_DIM + 1, MAX_DIM);
        for j in 0..MAX_DIM {
            let mut w = vectors[j].clone();
            self.sys.solve(sigma, &mut w)?;
            self.work.products += 1;
            // (A - theta I) v_j instead of A v_j, theta = h_{j-1,j-1} (1 at first), the same
            // Krylov space: A leaves the slow modes nearly as they are, so A v_j is mostly
            // v_j, and orthogonalising it cancelled most of its norm (N = 1001, mu = 0,
            // dmu = 4: a second Gram-Schmidt pass on 98% of the vectors; 75% with theta = 1,
            // 8% with the previous diagonal entry); H gets theta back on its diagonal
            let theta = if j == 0 { 1.0 } else { h[(j - 1, j - 1)] };
            w.iter_mut()
                .zip(&vectors[j])
                .for_each(|(x, v)| *x -= theta * v);
            // an invariant subspace: exact up to rounding at every time
            let step = arnoldi::step(&mut vectors, &mut w, classical_selective, &|column, s| {
                s <= 1e-14 * (column[j] + theta).abs().max(1.0)
            });
            for (i, &coef) in step.column.iter().enumerate() {
                h[(i, j)] = coef;
            }
            h[(j, j)] += theta;
            let (s, m) = (step.next, j + 1);
            if step.breakdown {
                let (lm, last_row) = self.projected(&h, m, sigma)?;
                let basis = Basis {
                    vectors,
                    beta,
                    lm,
                    last_row,
                    scale: 0.0,
                    traces,
                };
                return Ok((basis, true));
            }
            h[(j + 1, j)] = s;
            traces.push(self.sys.trace(&vectors[m]));
            if m % CHECK_EVERY == 0 || m == MAX_DIM {
                let (lm, last_row) = self.projected(&h, m, sigma)?;
                let basis = Basis {
                    vectors: Vec::new(),
                    beta,
                    lm,
                    last_row,
                    scale: beta * s / sigma,
                    traces: traces[..m].to_vec(),
                };
                let (span, _) = basis.accept(trial, budget);
                if span >= trial || m == MAX_DIM {
                    return Ok((Basis { vectors, ..basis }, false));
                }
            }
        }
        unreachable!("the loop returns at MAX_DIM")
    }

    /// `L_m = (I - H_m^{-1}) / sigma` of the leading `m` vectors, and `e_m^T H_m^{-1}`.
    fn projected(
        &self,
        h: &Mat<f64>,
        m: usize,
        sigma: f64,
    ) -> Result<(Mat<c64>, Vec<f64>), SolveError> {
        let hm = h.submatrix(0, 0, m, m).to_owned();
        let inverse = hm.partial_piv_lu().solve(Mat::<f64>::identity(m, m));
        if !inverse.as_ref().is_all_finite() {
            return Err(SolveError::Numerical {
                method: self.method,
                detail: format!(
                    "rational Krylov exponential: the projected {m} x {m} matrix H_m is singular"
                ),
            });
        }
        let lm = Mat::from_fn(m, m, |i, j| {
            let id = if i == j { 1.0 } else { 0.0 };
            c64::new((id - inverse[(i, j)]) / sigma, 0.0)
        });
        Ok((lm, (0..m).map(|j| inverse[(m - 1, j)]).collect()))
    }
}
