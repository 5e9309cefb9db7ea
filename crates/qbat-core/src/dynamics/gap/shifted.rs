//! The gap of the Dicke representation by shift-and-invert Arnoldi on the factorised
//! `I - sigma L` of the rational integrator ([`spectral_gap_shifted`]).

use super::common::{dense, pseudo_random, Gap, GapMethod, DENSE_LIMIT, RITZ_TOL, ZERO_RATE};
use crate::c64;
use crate::dicke::ShiftedDicke;
use crate::error::SolveError;
use crate::linalg::arnoldi;
use crate::linalg::orthogonal::classical_selective;
use crate::linalg::vector::norm;
use crate::options::Method;
use faer::Mat;

/// Arnoldi dimension of the shift-and-invert gap.
const SHIFT_INVERT_DIM: usize = 60;

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
        let step = arnoldi::step(&mut basis, &mut w, classical_selective, &|_, s| s <= 1e-14);
        for (i, &coef) in step.column.iter().enumerate() {
            h[(i, j)] = coef;
        }
        h[(j + 1, j)] = step.next;
        if step.breakdown {
            size = j + 1;
            break;
        }
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
