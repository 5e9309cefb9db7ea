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
//!   and several GB at N = 8, bench/results/MEASURED.md), and it finds the eigenvalues nearest
//!   the shift in modulus, which are not the least damped ones when imaginary parts are large.
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

mod common;
mod propagator;
mod shifted;

#[cfg(test)]
pub(crate) use common::{dense, ZERO_RATE};
pub use common::{Gap, GapMethod};
#[cfg(test)]
pub(crate) use propagator::propagator_arnoldi;
pub(crate) use propagator::spectral_gap;
pub(crate) use shifted::spectral_gap_shifted;
