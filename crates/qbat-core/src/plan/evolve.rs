//! The planning step of [`evolve`](crate::dynamics::evolve): the representation ([`Method`])
//! and the [`Integrator`], and the memory of the evolution checked before anything is
//! allocated.
//!
//! - `Auto` takes the Dicke basis when the ancillas are interchangeable (`O(N^2)` unknowns),
//!   else the U(1) sector: both hold every trajectory from the supported initial states.
//! - `Integrator::Auto` takes the rational integrator in the Dicke basis and the polynomial
//!   one otherwise; the rational one outside the Dicke basis is refused (its LU of
//!   `I - sigma L` is cheap only on the two-dimensional Dicke grid).
//! - Memory: the rational integrator's arrays over the whole Dicke layout
//!   ([`ShiftedDicke::check_layout`]; the region it keeps is checked when built), the
//!   polynomial integrator's Liouvillian (CSC and CSR copies) and Krylov basis.

use crate::dicke::ShiftedDicke;
use crate::error::SolveError;
use crate::hilbert::binomial;
use crate::model::Model;
use crate::options::{Integrator, Method};

/// Krylov dimension of the polynomial integrator (Expokit's default): large enough for long
/// substeps, small enough that Gram-Schmidt stays cheaper than the products. Here because the
/// memory estimate depends on it.
pub(crate) const KRYLOV_DIM: usize = 30;

/// What [`evolve`](crate::dynamics::evolve) runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct EvolvePlan {
    /// The representation (never `Auto`).
    pub method: Method,
    /// The integrator (never `Auto`).
    pub integrator: Integrator,
}

/// The plan for `model` with the requested `method` and `integrator`, its memory checked
/// against `limit_bytes`.
///
/// # Errors
/// [`SolveError::InvalidOption`] for the rational integrator outside the symmetric method,
/// [`SolveError::TooLarge`] beyond `limit_bytes`.
pub(crate) fn evolve_plan(
    model: &Model,
    method: Method,
    integrator: Integrator,
    limit_bytes: u64,
) -> Result<EvolvePlan, SolveError> {
    let method = match method {
        Method::Auto if model.has_identical_ancillas() => Method::Symmetric,
        Method::Auto => Method::Sector,
        other => other,
    };
    let integrator = match (integrator, method) {
        (Integrator::Auto, Method::Symmetric) => Integrator::Rational,
        (Integrator::Auto, _) => Integrator::Polynomial,
        (Integrator::Rational, Method::Full | Method::Sector) => {
            return Err(SolveError::InvalidOption {
                field: "integrator".into(),
                value: "rational".into(),
                reason: "needs the symmetric method (the LU of I - sigma L is cheap only on the \
                         two-dimensional Dicke grid); use integrator polynomial"
                    .into(),
            })
        }
        (other, _) => other,
    };
    match integrator {
        // before the steady state, which can take long at sizes the evolution cannot hold
        Integrator::Rational => {
            ShiftedDicke::check_layout(model, limit_bytes)?;
        }
        _ => polynomial_memory(model.n, method, limit_bytes)?,
    }
    Ok(EvolvePlan { method, integrator })
}

/// Refuses problems whose Liouvillian and Krylov basis would not fit in memory.
fn polynomial_memory(n: usize, method: Method, limit: u64) -> Result<(), SolveError> {
    let (unknowns, entries_per_column) = match method {
        Method::Full => (4f64.powi(n.min(1 << 20) as i32), (4 * n + 4) as f64),
        // every block of the Dicke layout, sum_j (8j + 2) ~ N^2 real unknowns; a column holds
        // the block generator's 2x2 sector terms and the local jumps to j +- 1
        Method::Symmetric => {
            let m = n.saturating_sub(1) as f64;
            (
                (m / 2.0 + 1.0) * (4.0 * m + 2.0) - 4.0 * (m / 2.0 + 1.0) * (m / 2.0),
                16.0,
            )
        }
        _ => (binomial(2 * n, n), (4 * n + 4) as f64),
    };
    // entries: H and K from both sides plus jump terms (about 4N + 4 in the computational
    // basis); CSC and CSR copies at 24 bytes per entry; the Krylov basis of KRYLOV_DIM + 3
    // vectors
    let per_unknown = entries_per_column * 48.0 + (KRYLOV_DIM + 3) as f64 * 16.0;
    let needed = unknowns * per_unknown;
    if needed > limit as f64 {
        return Err(SolveError::TooLarge {
            method,
            solver: None,
            needed_bytes: needed.min(u64::MAX as f64) as u64,
            limit_bytes: limit,
        });
    }
    Ok(())
}
