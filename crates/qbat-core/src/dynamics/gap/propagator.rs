//! The gap by Arnoldi on the propagator `P = exp(tau L)`, each product one polynomial Krylov
//! exponential (full and sector representations, and the Dicke basis with the polynomial
//! integrator); dense eigenvalues up to [`DENSE_LIMIT`] unknowns.

use super::common::{dense, pseudo_random, Gap, GapMethod, DENSE_LIMIT, RITZ_TOL, ZERO_RATE};
use crate::c64;
use crate::dynamics::krylov::Krylov;
use crate::error::SolveError;
use crate::linalg::arnoldi;
use crate::linalg::orthogonal::modified_twice;
use crate::linalg::sparse::Csr;
use crate::linalg::vector::norm;
use crate::options::Method;
use faer::Mat;

/// Arnoldi dimension on the propagator and number of explicit restarts.
const ARNOLDI_DIM: usize = 20;
const MAX_RESTARTS: usize = 12;
/// Propagator steps tried (each a quarter of the previous) before the gap gives up.
const TAU_TRIES: usize = 6;
/// Largest `gap * tau` accepted: the slowest mode must keep `exp(-14) ~ 1e-6` per step.
const MAX_DECAY: f64 = 14.0;

/// The gap of `op`; `tau` sets the propagator's time step (about one relaxation time).
pub(crate) fn spectral_gap(op: &Csr<c64>, tau: f64, method: Method) -> Result<Gap, SolveError> {
    let zero = ZERO_RATE * op.norm_inf().max(1.0);
    if op.dim() <= DENSE_LIMIT {
        return dense(op, zero, method);
    }
    with_propagator(tau, method, &mut |tau| {
        propagator_arnoldi(op, tau, zero, method)
    })
}

/// Arnoldi on `exp(tau L)` applied by the polynomial Krylov method, from `L r` (`r`
/// pseudo-random).
pub(crate) fn propagator_arnoldi(
    op: &Csr<c64>,
    tau: f64,
    zero: f64,
    method: Method,
) -> Result<Gap, SolveError> {
    let mut start = vec![c64::new(0.0, 0.0); op.dim()];
    op.apply(&pseudo_random(op.dim()), &mut start);
    // 1e-13 absolute error on a unit vector per application of P
    let mut krylov = Krylov::new(op, 1e-13 / tau, method);
    arnoldi(&mut krylov, start, tau, zero, method)
}

/// Runs `arnoldi(tau)`, shortening `tau` while the gap mode decays too much in one step.
fn with_propagator(
    tau: f64,
    method: Method,
    arnoldi: &mut dyn FnMut(f64) -> Result<Gap, SolveError>,
) -> Result<Gap, SolveError> {
    let (mut tau, mut decay) = (tau, f64::NAN);
    for _ in 0..TAU_TRIES {
        let gap = arnoldi(tau)?;
        match gap.rate {
            // the wanted mode decayed to below 1e-6 in one propagator step: shorten the step so
            // that the rounding of the Krylov exponential stays small relative to mu
            Some(rate) if rate * tau > MAX_DECAY => {
                decay = rate * tau;
                tau /= 4.0;
            }
            _ => return Ok(gap),
        }
    }
    Err(SolveError::NoConvergence {
        method,
        algorithm: "spectral gap",
        iterations: TAU_TRIES,
        residual: decay,
        tolerance: MAX_DECAY,
        context: format!(
            "every propagator step tried lets the slowest mode decay by more than \
             exp(-{MAX_DECAY}) (residual: gap times step; next step {tau:.3e})"
        ),
    })
}

/// Something that applies `exp(dt L)` to complex vectors.
pub(crate) trait Propagator {
    /// `v <- exp(dt L) v`.
    fn advance(&mut self, v: &mut [c64], dt: f64) -> Result<(), SolveError>;
    /// Products with `L` (or solves with `I - sigma L`) so far.
    fn products(&self) -> usize;
}

impl Propagator for Krylov<'_, c64> {
    fn advance(&mut self, v: &mut [c64], dt: f64) -> Result<(), SolveError> {
        Krylov::advance(self, v, dt)
    }

    fn products(&self) -> usize {
        self.work.products
    }
}

/// Arnoldi on `P = exp(tau L)` from `start` (a vector in the range of `L`).
fn arnoldi(
    krylov: &mut dyn Propagator,
    mut start: Vec<c64>,
    tau: f64,
    zero: f64,
    method: Method,
) -> Result<Gap, SolveError> {
    let len = start.len();
    let m = ARNOLDI_DIM.min(len - 1);
    let mut best = None;
    let mut cycles = 0;
    for _ in 0..=MAX_RESTARTS {
        cycles += 1;
        let beta = norm(&start);
        if beta == 0.0 {
            break;
        }
        let mut basis: Vec<Vec<c64>> = vec![start.iter().map(|x| x / beta).collect()];
        let mut h = Mat::<c64>::zeros(m + 1, m);
        let mut size = m;
        for j in 0..m {
            let mut w = basis[j].clone();
            krylov.advance(&mut w, tau)?;
            let step = arnoldi::step(&mut basis, &mut w, modified_twice, &|_, s| s <= 1e-14);
            for (i, &coef) in step.column.iter().enumerate() {
                h[(i, j)] = coef;
            }
            h[(j + 1, j)] = c64::new(step.next, 0.0);
            if step.breakdown {
                size = j + 1; // invariant subspace: the Ritz values are exact
                break;
            }
        }
        let hm = h.submatrix(0, 0, size, size).to_owned();
        let eig = hm.eigen().map_err(|e| SolveError::Numerical {
            method,
            detail: format!("eigenvalues of the Arnoldi matrix failed: {e:?}"),
        })?;
        let (vectors, values) = (eig.U(), eig.S().column_vector());
        let threshold = (-zero * tau).exp();
        // decaying Ritz values, largest modulus (slowest decay) first
        let mut ranked: Vec<(usize, f64)> = (0..size)
            .map(|i| (i, values[i].norm()))
            .filter(|&(_, modulus)| modulus < threshold && modulus > 0.0)
            .collect();
        ranked.sort_by(|a, b| b.1.total_cmp(&a.1));
        let Some(&(top, modulus)) = ranked.first() else {
            return Ok(Gap {
                rate: None,
                frequency: None,
                method: GapMethod::PropagatorArnoldi,
                residual: 0.0,
                products: krylov.products(),
                cycles,
            });
        };
        let ritz = |i: usize| {
            let s_norm = (0..size)
                .map(|k| vectors[(k, i)].norm_sqr())
                .sum::<f64>()
                .sqrt();
            let residual = h[(size, size - 1)].norm() * vectors[(size - 1, i)].norm() / s_norm;
            (residual / values[i].norm(), s_norm)
        };
        let (residual, _) = ritz(top);
        let lambda = values[top].ln() / tau;
        best = Some(Gap {
            rate: Some(-modulus.ln() / tau),
            frequency: Some(lambda.im.abs()),
            method: GapMethod::PropagatorArnoldi,
            residual,
            products: krylov.products(),
            cycles,
        });
        if residual <= RITZ_TOL || size < m {
            return Ok(best.unwrap());
        }
        // explicit restart from the three slowest Ritz vectors (a conjugate pair stays together)
        start.iter_mut().for_each(|x| *x = c64::new(0.0, 0.0));
        for &(i, _) in ranked.iter().take(3) {
            let (_, s_norm) = ritz(i);
            for (k, b) in basis.iter().take(size).enumerate() {
                let coef = vectors[(k, i)] / s_norm;
                start.iter_mut().zip(b).for_each(|(x, bk)| *x += coef * bk);
            }
        }
    }
    match best {
        Some(gap) => Err(SolveError::NoConvergence {
            method,
            algorithm: "Arnoldi on exp(tau L)",
            iterations: MAX_RESTARTS,
            residual: gap.residual,
            tolerance: RITZ_TOL,
            context: format!(
                "relative Ritz residual of the spectral gap ~ {:.6e} after the restarts",
                gap.rate.unwrap_or(f64::NAN)
            ),
        }),
        None => Ok(Gap {
            rate: None,
            frequency: None,
            method: GapMethod::PropagatorArnoldi,
            residual: 0.0,
            products: krylov.products(),
            cycles,
        }),
    }
}
