//! What every gap algorithm shares: the result ([`Gap`], [`GapMethod`]), the thresholds, the
//! dense eigenvalue method for small problems, and the reproducible start vector.

use crate::c64;
use crate::error::SolveError;
use crate::linalg::sparse::Csr;
use crate::options::Method;

/// Up to this many unknowns the gap comes from dense eigenvalues.
pub const DENSE_LIMIT: usize = 400;
/// Relative size below which a decay rate counts as zero.
pub const ZERO_RATE: f64 = 1e-9;
/// A Ritz pair is accepted when `||P y - mu y|| <= RITZ_TOL |mu|`.
pub(super) const RITZ_TOL: f64 = 1e-9;

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
#[non_exhaustive]
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

/// The gap from all eigenvalues of the dense `op`; rates at most `zero` count as zero.
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

/// A reproducible vector with entries in [-1, 1) + i[-1, 1) (splitmix64; no dependency needed).
pub(super) fn pseudo_random(len: usize) -> Vec<c64> {
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
