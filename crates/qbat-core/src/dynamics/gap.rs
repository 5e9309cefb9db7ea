//! The Liouvillian's spectral gap: the slowest relaxation rate,
//! `gap = min { -Re lambda : lambda eigenvalue of L, Re lambda != 0 }`.
//!
//! Eigenvalues with `|Re lambda| <= ZERO_RATE * max(1, ||L||_inf)` count as zero: the kernel
//! (one steady state, or several with collective dissipation) and undamped oscillations.
//!
//! Two algorithms:
//! - up to [`DENSE_LIMIT`] unknowns, all eigenvalues of the dense matrix (faer's QR algorithm);
//! - above, Arnoldi on the propagator `P = exp(tau L)` ("exponential spectral transformation").
//!   `P` maps `lambda` to `mu = exp(tau lambda)` and `|mu| = exp(tau Re lambda)`, so the slowest
//!   decaying modes are exactly `P`'s dominant eigenvalues: Arnoldi finds them first, and
//!   `gap = -ln|mu| / tau` has no branch ambiguity. Each product `P x` is one Krylov exponential
//!   (accuracy 1e-13), so no factorisation is needed. Shift-invert Arnoldi was not chosen: it
//!   needs a sparse LU of the sector Liouvillian, which fills in almost completely (about 60 s
//!   and several GB at N = 8, shared/MEASURED.md), and it finds the eigenvalues nearest the
//!   shift in modulus, which are not the least damped ones when imaginary parts are large.
//!   The start vector `L r` (r pseudo-random) lies in the range of `L`, which excludes the
//!   kernel (zero eigenvalues of a Lindbladian are semisimple because `exp(tL)` is bounded).

use super::krylov::Krylov;
use super::sparse::{dot, norm, Csr};
use crate::c64;
use crate::steady::{Method, SolveError};
use faer::Mat;

/// Up to this many unknowns the gap comes from dense eigenvalues.
pub const DENSE_LIMIT: usize = 400;
/// Relative size below which a decay rate counts as zero.
pub const ZERO_RATE: f64 = 1e-9;
/// Arnoldi dimension on the propagator and number of explicit restarts.
const ARNOLDI_DIM: usize = 20;
const MAX_RESTARTS: usize = 12;
/// A Ritz pair is accepted when `||P y - mu y|| <= RITZ_TOL |mu|`.
const RITZ_TOL: f64 = 1e-9;

/// How a gap was computed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GapMethod {
    /// All eigenvalues of the dense Liouvillian.
    Dense,
    /// Arnoldi on the propagator `exp(tau L)`.
    PropagatorArnoldi,
}

/// The spectral gap and how it was obtained.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Gap {
    /// The slowest relaxation rate; `None` when every eigenvalue counts as zero.
    pub rate: Option<f64>,
    /// `Im lambda` of the slowest decaying eigenvalue (its oscillation frequency).
    pub frequency: Option<f64>,
    /// The algorithm used.
    pub method: GapMethod,
    /// Ritz residual `||P y - mu y||` relative to `|mu|` (0 for the dense method).
    pub residual: f64,
    /// Products `L x` spent (0 for the dense method).
    pub products: usize,
    /// Arnoldi cycles (restarts + 1; 0 for the dense method).
    pub cycles: usize,
}

/// The gap of `op`; `tau` sets the propagator's time step (about one relaxation time).
pub(crate) fn spectral_gap(op: &Csr, tau: f64, method: Method) -> Result<Gap, SolveError> {
    let zero = ZERO_RATE * op.norm_inf().max(1.0);
    if op.dim() <= DENSE_LIMIT {
        return dense(op, zero, method);
    }
    let mut tau = tau;
    for _ in 0..6 {
        let gap = propagator_arnoldi(op, tau, zero, method)?;
        match gap.rate {
            // the wanted mode decayed to below 1e-6 in one propagator step: shorten the step so
            // that the rounding of the Krylov exponential stays small relative to mu
            Some(rate) if rate * tau > 14.0 => tau /= 4.0,
            _ => return Ok(gap),
        }
    }
    Err(SolveError::Numerical {
        method,
        detail: format!("spectral gap: no suitable propagator step found (last tau = {tau:.3e})"),
    })
}

pub(crate) fn dense(op: &Csr, zero: f64, method: Method) -> Result<Gap, SolveError> {
    let values = op
        .to_dense()
        .eigenvalues()
        .map_err(|e| SolveError::Numerical {
            method,
            detail: format!("dense eigenvalues of the Liouvillian failed: {e:?}"),
        })?;
    let slowest = values
        .iter()
        .filter(|l| -l.re > zero)
        .min_by(|a, b| b.re.total_cmp(&a.re));
    Ok(Gap {
        rate: slowest.map(|l| -l.re),
        frequency: slowest.map(|l| l.im.abs()),
        method: GapMethod::Dense,
        residual: 0.0,
        products: 0,
        cycles: 0,
    })
}

pub(crate) fn propagator_arnoldi(
    op: &Csr,
    tau: f64,
    zero: f64,
    method: Method,
) -> Result<Gap, SolveError> {
    let len = op.dim();
    let m = ARNOLDI_DIM.min(len - 1);
    // 1e-13 absolute error on a unit vector per application of P
    let mut krylov = Krylov::new(op, 1e-13 / tau, method);
    let mut start = vec![c64::new(0.0, 0.0); len];
    op.apply(&pseudo_random(len), &mut start);
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
            for _pass in 0..2 {
                for (i, b) in basis.iter().enumerate() {
                    let coef = dot(b, &w);
                    h[(i, j)] += coef;
                    w.iter_mut().zip(b).for_each(|(x, bi)| *x -= coef * bi);
                }
            }
            let s = norm(&w);
            h[(j + 1, j)] = c64::new(s, 0.0);
            if s <= 1e-14 {
                size = j + 1; // invariant subspace: the Ritz values are exact
                break;
            }
            basis.push(w.iter().map(|x| x / s).collect());
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
                products: krylov.work.products,
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
            products: krylov.work.products,
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
        Some(gap) => Err(SolveError::Numerical {
            method,
            detail: format!(
                "spectral gap: Arnoldi on exp(tau L) did not converge (gap ~ {:.6e}, relative \
                 Ritz residual {:.2e} > {RITZ_TOL:.0e} after {MAX_RESTARTS} restarts)",
                gap.rate.unwrap_or(f64::NAN),
                gap.residual
            ),
        }),
        None => Ok(Gap {
            rate: None,
            frequency: None,
            method: GapMethod::PropagatorArnoldi,
            residual: 0.0,
            products: krylov.work.products,
            cycles,
        }),
    }
}

/// A reproducible vector with entries in [-1, 1) + i[-1, 1) (splitmix64; no dependency needed).
fn pseudo_random(len: usize) -> Vec<c64> {
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^= z >> 31;
        (z >> 11) as f64 / (1u64 << 52) as f64 - 1.0
    };
    (0..len).map(|_| c64::new(next(), next())).collect()
}
