//! Which solver runs for a model and a requested [`Method`], and why.
//!
//! The rules, in order:
//! - `Auto`: the symmetric (Dicke) solver when it applies (star, identical ancillas), else
//!   `Sector`: the steady state lies in the U(1) sector for every model here, because the
//!   Liouvillian conserves `q = exc(i) - exc(j)` and all states used (the unique steady state,
//!   the all-ground, all-excited and maximally mixed initial states) are diagonal in the
//!   excitation number.
//! - `Full` / `Sector` with collective dissipation: the kernel may be degenerate (it is for
//!   N >= 2 with identical qubits), so the kernel of the `q = 0` block is computed densely and
//!   the `t -> infinity` state from the initial state is returned; this needs the block to have
//!   at most [`DENSE_KERNEL_MAX_UNKNOWNS`] unknowns (N <= 7).
//! - `Full` with individual dissipation: sparse LU on all `4^N` operators.
//! - `Sector` with individual dissipation: sparse LU of the U(1) block for N <= 6 when its memory
//!   estimate fits the limit, else the Krylov solver (falling back to the LU when the Krylov
//!   solver does not apply).

use super::{memory, symmetric, Method, SolveError, SteadyOptions};
use crate::hilbert::binomial;
use crate::model::{Dissipation, Model};

/// Largest block (unknowns) whose kernel is computed by a dense SVD: 4000 (collective N <= 7).
pub const DENSE_KERNEL_MAX_UNKNOWNS: usize = 4000;

/// Largest N for which `Sector` uses the sparse LU. Measured (release, 2 cores): the LU takes
/// 0.05 s at N = 6, 2-4 s at N = 7 and 100-180 s at N = 8, the Krylov solver 0.01 s at N = 6 and
/// 0.09 s at N = 8; from N = 7 on the Krylov solver is faster by orders of magnitude.
pub const SECTOR_DIRECT_MAX_QUBITS: usize = 6;

/// Operator space a dense or direct solve works in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Space {
    /// All `4^N` operators.
    Full,
    /// The U(1) block, `exc(i) = exc(j)`.
    Sector,
}

/// A concrete solver.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Route {
    /// Sparse LU on all operators.
    DirectFull,
    /// Sparse LU on the U(1) block.
    DirectSector,
    /// Dense kernel analysis of the `q = 0` block and spectral projection of the initial state.
    DenseKernel(Space),
    /// The preconditioned Krylov solver on the U(1) block.
    Krylov,
    /// The Dicke-basis solver.
    Symmetric,
}

impl Route {
    /// The [`Method`] reported for this route.
    pub(crate) fn method(self) -> Method {
        match self {
            Route::DirectFull | Route::DenseKernel(Space::Full) => Method::Full,
            Route::DirectSector | Route::DenseKernel(Space::Sector) | Route::Krylov => {
                Method::Sector
            }
            Route::Symmetric => Method::Symmetric,
        }
    }
}

/// The route for `options.method` on `model`, with the reason in words.
///
/// # Errors
/// [`SolveError::NotApplicable`] when the requested method cannot treat the model.
pub(crate) fn choose(
    model: &Model,
    options: &SteadyOptions,
) -> Result<(Route, String), SolveError> {
    match options.method {
        Method::Auto => match symmetric::applies(model) {
            Ok(()) => Ok((
                Route::Symmetric,
                "auto: star with identical ancillas, solved in the permutation-symmetric \
                 (Dicke) basis"
                    .into(),
            )),
            Err(why) => {
                let (route, reason) = choose_sector(model, options, Method::Auto)?;
                Ok((
                    route,
                    format!(
                        "auto: symmetric solver not applicable ({why}); the steady state lies \
                         in the U(1) sector (every state used is diagonal in the excitation \
                         number); {reason}"
                    ),
                ))
            }
        },
        Method::Symmetric => match symmetric::applies(model) {
            Ok(()) => Ok((Route::Symmetric, "symmetric: requested".into())),
            Err(reason) => Err(SolveError::NotApplicable {
                method: Method::Symmetric,
                reason,
            }),
        },
        Method::Full => match model.dissipation {
            Dissipation::Collective => collective(model, Space::Full, Method::Full),
            Dissipation::Individual => Ok((
                Route::DirectFull,
                "full: sparse LU on all 4^N operators with one population equation replaced \
                 by the trace condition"
                    .into(),
            )),
        },
        Method::Sector => choose_sector(model, options, Method::Sector),
    }
}

fn choose_sector(
    model: &Model,
    options: &SteadyOptions,
    requested: Method,
) -> Result<(Route, String), SolveError> {
    if model.dissipation == Dissipation::Collective {
        return collective(model, Space::Sector, requested);
    }
    let direct = memory::route_estimate(model, Route::DirectSector);
    if model.n > SECTOR_DIRECT_MAX_QUBITS {
        Ok((
            Route::Krylov,
            format!(
                "sector: Krylov solver on the U(1) block (N = {} > {SECTOR_DIRECT_MAX_QUBITS}, \
                 where sparse LU fills in almost completely)",
                model.n
            ),
        ))
    } else if direct > options.memory_limit() {
        Ok((
            Route::Krylov,
            format!(
                "sector: Krylov solver on the U(1) block (sparse LU would need about {:.1} GiB, \
                 over the limit)",
                direct as f64 / GIB
            ),
        ))
    } else {
        Ok((
            Route::DirectSector,
            format!(
                "sector: sparse LU on the U(1) block (N = {} <= {SECTOR_DIRECT_MAX_QUBITS}) with \
                 one population equation replaced by the trace condition",
                model.n
            ),
        ))
    }
}

fn collective(
    model: &Model,
    space: Space,
    requested: Method,
) -> Result<(Route, String), SolveError> {
    let block = binomial(2 * model.n, model.n);
    if block <= DENSE_KERNEL_MAX_UNKNOWNS as f64 {
        Ok((
            Route::DenseKernel(space),
            format!(
                "{}: collective dissipation, kernel of the q = 0 block ({block} unknowns) \
                 computed by dense SVD (column-pivoted QR where the SVD does not converge); \
                 state = spectral projection of the initial state on it",
                Route::DenseKernel(space).method().name()
            ),
        ))
    } else {
        Err(SolveError::NotApplicable {
            method: requested,
            reason: format!(
                "collective dissipation can have a degenerate kernel, and its dense analysis \
                 needs the q = 0 block ({block} unknowns for N = {}) to have at most \
                 {DENSE_KERNEL_MAX_UNKNOWNS} unknowns (N <= 7); the symmetric method treats \
                 the star with identical ancillas at any N",
                model.n
            ),
        })
    }
}

const GIB: f64 = 1073741824.0;
