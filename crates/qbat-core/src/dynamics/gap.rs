//! The Liouvillian's spectral gap: the slowest relaxation rate,
//! `gap = min { -Re lambda : lambda eigenvalue of L, Re lambda != 0 }`.
//!
//! Eigenvalues with `|Re lambda| <= ZERO_RATE * max(1, ||L||_inf)` count as zero: the kernel
//! (one steady state, or several with collective dissipation) and undamped oscillations.
//!
//! Three algorithms:
//! - up to [`DENSE_LIMIT`] unknowns, all eigenvalues of the dense matrix (faer's QR algorithm);
//! - above, for the full and sector representations, Arnoldi on the propagator `P = exp(tau L)` ("exponential spectral transformation").
//!   `P` maps `lambda` to `mu = exp(tau lambda)` and `|mu| = exp(tau Re lambda)`, so the slowest
//!   decaying modes are exactly `P`'s dominant eigenvalues: Arnoldi finds them first, and
//!   `gap = -ln|mu| / tau` has no branch ambiguity. Each product `P x` is one Krylov exponential
//!   (accuracy 1e-13), so no factorisation is needed. Shift-invert Arnoldi was not chosen: it
//!   needs a sparse LU of the sector Liouvillian, which fills in almost completely (about 60 s
//!   and several GB at N = 8, shared/MEASURED.md), and it finds the eigenvalues nearest the
//!   shift in modulus, which are not the least damped ones when imaginary parts are large.
//!   The start vector `L r` (r pseudo-random) lies in the range of `L`, which excludes the
//!   kernel (zero eigenvalues of a Lindbladian are semisimple because `exp(tL)` is bounded).
//! - for the Dicke representation, whose `I - sigma L` is
//!   factorised anyway for the rational integrator ([`spectral_gap_shifted`]), shift-and-invert
//!   Arnoldi with `sigma` = one relaxation time: 60 solves instead of hundreds of thousands of
//!   products (N = 101: 0.1 s against 9.9 s, the same gap to 1e-12). Arnoldi on `exp(tau L)`
//!   applied by the rational integrator was tried first and failed: its error budget is met
//!   in the norm the estimate controls, but Arnoldi amplifies the remaining discrepancy into
//!   spurious modes (N = 81: a "gap" of 60 against the dense 0.9992). With exact solves a
//!   kernel direction has `mu = 1` exactly and counts as zero, so a degenerate kernel
//!   (collective dissipation) needs nothing more.

use super::krylov::Krylov;
use crate::c64;
use crate::dicke::ShiftedDicke;
use crate::error::SolveError;
use crate::linalg::orthogonal::{classical_twice, modified_twice};
use crate::linalg::sparse::Csr;
use crate::linalg::vector::norm;
use crate::options::Method;
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
/// Arnoldi dimension of the shift-and-invert gap.
/// Propagator steps tried (each a quarter of the previous) before the gap gives up.
const TAU_TRIES: usize = 6;
/// Largest `gap * tau` accepted: the slowest mode must keep `exp(-14) ~ 1e-6` per step.
const MAX_DECAY: f64 = 14.0;
const SHIFT_INVERT_DIM: usize = 60;

/// How a gap was computed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GapMethod {
    /// All eigenvalues of the dense Liouvillian.
    Dense,
    /// Arnoldi on the propagator `exp(tau L)`.
    PropagatorArnoldi,
    /// Shift-and-invert Arnoldi on `(I - sigma L)^{-1}` (symmetric method).
    ShiftInvertArnoldi,
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

/// The gap of the reachable Dicke-basis `L` whose shifted matrix `I - sigma L` is factorised:
/// shift-and-invert Arnoldi (dense eigenvalues when small).
///
/// `A = (I - sigma L)^{-1}` maps `lambda` to `mu = 1 / (1 - sigma lambda)`; its dominant
/// eigenvalues are those of `L` nearest `1 / sigma`, so with `sigma` of the order of the
/// slowest relaxation time the slowest modes come first. All Ritz values whose residual
/// converged are mapped back and the smallest decay rate is reported, with the radius around
/// `1 / sigma` inside which every eigenvalue has been found (`Gap::residual` holds the
/// relative Ritz residual). Unlike the propagator method the order is by distance, not by
/// decay rate, so a mode with a tiny decay rate and a frequency beyond that radius would be
/// missed; the tests compare with the propagator method and dense eigenvalues.
///
/// `stationary` is the `t -> infinity` state `x_inf`: every vector is projected by
/// `Q = I - x_inf tr(.)`, which commutes with `A`, so the start vector and the rounding carry
/// no trace; other kernel directions (collective dissipation) have `mu = 1` exactly and are
/// discarded as zero rates.
pub(crate) fn spectral_gap_shifted(
    sys: &ShiftedDicke,
    stationary: &[f64],
    sigma: f64,
    method: Method,
) -> Result<Gap, SolveError> {
    let n = sys.len();
    if n <= DENSE_LIMIT {
        let op = sys.rows().to_complex();
        return dense(&op, ZERO_RATE * op.norm_inf().max(1.0), method);
    }
    let zero = ZERO_RATE * sys.norm_inf.max(1.0);
    let project = |x: &mut [f64]| {
        let trace = sys.trace(x);
        x.iter_mut()
            .zip(stationary)
            .for_each(|(v, s)| *v -= trace * s);
    };
    let mut v: Vec<f64> = pseudo_random(n).iter().map(|z| z.re).collect();
    project(&mut v);
    let m = SHIFT_INVERT_DIM.min(n - 1);
    let beta = norm(&v);
    let mut basis = vec![v.iter().map(|x| x / beta).collect::<Vec<f64>>()];
    let mut h = Mat::<f64>::zeros(m + 1, m);
    let mut size = m;
    for j in 0..m {
        let mut w = basis[j].clone();
        sys.solve(sigma, &mut w)?;
        project(&mut w);
        for (i, coef) in classical_twice(&basis, &mut w).into_iter().enumerate() {
            h[(i, j)] = coef;
        }
        let s = norm(&w);
        h[(j + 1, j)] = s;
        if s <= 1e-14 {
            size = j + 1;
            break;
        }
        basis.push(w.iter().map(|x| x / s).collect());
    }
    let hm = Mat::from_fn(size, size, |i, j| c64::new(h[(i, j)], 0.0));
    let eig = hm.eigen().map_err(|e| SolveError::Numerical {
        method,
        detail: format!("eigenvalues of the shift-invert Arnoldi matrix failed: {e:?}"),
    })?;
    let (vectors, values) = (eig.U(), eig.S().column_vector());
    let last = h[(size.min(m), size - 1)].abs();
    let mut best: Option<(f64, f64, f64)> = None;
    for i in 0..size {
        let mu = values[i];
        if mu.norm() == 0.0 {
            continue;
        }
        let y_norm = (0..size)
            .map(|k| vectors[(k, i)].norm_sqr())
            .sum::<f64>()
            .sqrt();
        let residual = last * vectors[(size - 1, i)].norm() / y_norm / mu.norm();
        if residual > RITZ_TOL {
            continue;
        }
        let lambda = (c64::new(1.0, 0.0) - c64::new(1.0, 0.0) / mu) / sigma;
        let rate = -lambda.re;
        if rate > zero && best.is_none_or(|(r, _, _)| rate < r) {
            best = Some((rate, lambda.im.abs(), residual));
        }
    }
    Ok(Gap {
        rate: best.map(|b| b.0),
        frequency: best.map(|b| b.1),
        method: GapMethod::ShiftInvertArnoldi,
        residual: best.map_or(0.0, |b| b.2),
        products: size,
        cycles: 1,
    })
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

pub(crate) fn dense(op: &Csr<c64>, zero: f64, method: Method) -> Result<Gap, SolveError> {
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
            modified_twice(&basis, &mut w, &mut |i, coef| h[(i, j)] += coef);
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
