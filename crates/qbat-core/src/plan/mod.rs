//! The planning step of [`steady_state`](crate::steady_state) and
//! [`evolve`](crate::dynamics::evolve): which representation ([`Method`]) and which
//! [`Solver`] (or [`Integrator`](crate::options::Integrator)) run for a model, why (the reason strings of
//! [`Diagnostics::reason`](crate::Diagnostics::reason)), and how much memory they need
//! ([`memory`]), checked before anything is allocated.
//!
//! Steady states ([`choose`]), when no solver is requested, in order:
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
//!
//! A requested [`SteadyOptions::solver`] is taken when it applies to the model and method
//! (`lu`: individual dissipation, full or sector; `krylov`: individual dissipation, sector;
//! `dense-kernel`: collective dissipation, full or sector, with a `q = 0` block of at most
//! [`DENSE_KERNEL_MAX_UNKNOWNS`] unknowns; `dicke`: the symmetric method), else it is
//! [`SolveError::NotApplicable`] with the reason. Time evolution: [`evolve`].

mod evolve;
pub(crate) mod memory;
mod route;
#[cfg(test)]
mod tests;

pub(crate) use evolve::{evolve_plan, KRYLOV_DIM};
pub(crate) use route::{Route, Space};

use crate::dicke;
use crate::error::SolveError;
use crate::hilbert::binomial;
use crate::model::{Dissipation, Model};
use crate::options::{Method, Solver, SteadyOptions};

/// Largest block (unknowns) whose kernel is computed by a dense SVD: 4000 (collective N <= 7).
pub const DENSE_KERNEL_MAX_UNKNOWNS: usize = 4000;

/// Largest N for which `Sector` uses the sparse LU. Measured (release, 2 cores): the LU takes
/// 0.05 s at N = 6, 2-4 s at N = 7 and 100-180 s at N = 8, the Krylov solver 0.01 s at N = 6 and
/// 0.09 s at N = 8; from N = 7 on the Krylov solver is faster by orders of magnitude.
pub const SECTOR_DIRECT_MAX_QUBITS: usize = 6;

/// Estimated peak memory in bytes of [`steady_state`](crate::steady_state) with `method` on
/// `model` (with the default options), dominated by:
/// - direct sparse LU on all `4^N` operators ([`Method::Full`]): `16 C(4N, 2N)` bytes of
///   nearly dense factors per excitation-difference block, plus the assembled Liouvillian;
/// - direct sparse LU on the U(1) block ([`Method::Sector`], `N <= 8`): `16 C(2N, N)^2` bytes;
/// - the Krylov solver ([`Method::Sector`], `N >= 9`): its flexible-GMRES basis (at most 102
///   vectors of `C(2N, N)` reals; fewer when the restart cycle is shortened to fit the memory
///   limit, down to 22), a few work vectors and the eigenvectors of the Hamiltonian
///   blocks; nothing of the Liouvillian's size is assembled (2.4 GB at N = 12, 9 GB at N = 13);
/// - collective dissipation (dense kernel analysis of the `q = 0` block):
///   `9 x 16 C(2N, N)^2` bytes (matrix, both singular-vector sets, SVD workspace);
/// - [`Method::Symmetric`]: a rough model of a sparse LU of the Dicke-basis system,
///   `16 m (64 + 8 log2 m)` bytes for `m` unknowns.
///
/// [`Method::Auto`] estimates the method [`steady_state`](crate::steady_state) would pick.
/// The result saturates at `u64::MAX`.
pub fn memory_estimate(model: &Model, method: Method) -> u64 {
    let options = SteadyOptions {
        method,
        ..SteadyOptions::default()
    };
    match choose(model, &options) {
        Ok((route, _)) => memory::route_estimate(model, route, options.memory_limit()),
        // a method that does not apply allocates nothing
        Err(_) => 0,
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
    if let Some(solver) = options.solver {
        return requested(model, options.method, solver);
    }
    match options.method {
        Method::Auto => match dicke::applies(model) {
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
        Method::Symmetric => match dicke::applies(model) {
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
    let direct = memory::route_estimate(model, Route::DirectSector, options.memory_limit());
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

/// The route of a requested `solver` under `method`, or why it does not apply.
fn requested(model: &Model, method: Method, solver: Solver) -> Result<(Route, String), SolveError> {
    let not_applicable = |reason: String| SolveError::NotApplicable {
        method,
        reason: format!("solver {solver}: {reason}"),
    };
    let individual = |route: Route, what: &str| match model.dissipation {
        Dissipation::Individual => Ok((
            route,
            format!(
                "{}: {what} (solver {solver} requested)",
                route.method().name()
            ),
        )),
        Dissipation::Collective => Err(not_applicable(
            "needs individual dissipation (collective dissipation can have a degenerate \
             kernel: use dense-kernel or dicke)"
                .into(),
        )),
    };
    match (solver, method) {
        (Solver::Dicke, Method::Auto | Method::Symmetric) => match dicke::applies(model) {
            Ok(()) => Ok((Route::Symmetric, "symmetric: solver dicke requested".into())),
            Err(reason) => Err(not_applicable(reason)),
        },
        (Solver::SparseLu, Method::Full) => individual(
            Route::DirectFull,
            "sparse LU on all 4^N operators with one population equation replaced by the \
             trace condition",
        ),
        (Solver::SparseLu, Method::Auto | Method::Sector) => individual(
            Route::DirectSector,
            "sparse LU on the U(1) block with one population equation replaced by the trace \
             condition",
        ),
        (Solver::Krylov, Method::Auto | Method::Sector) => {
            individual(Route::Krylov, "Krylov solver on the U(1) block")
        }
        (Solver::DenseKernel, _) if model.dissipation == Dissipation::Individual => {
            Err(not_applicable(
                "needs collective dissipation (with individual dissipation the steady state is \
                 unique: use lu or krylov)"
                    .into(),
            ))
        }
        (Solver::DenseKernel, Method::Full | Method::Auto | Method::Sector) => {
            let space = if method == Method::Full {
                Space::Full
            } else {
                Space::Sector
            };
            collective(model, space, method).map_err(|e| match e {
                SolveError::NotApplicable { reason, .. } => not_applicable(reason),
                other => other,
            })
        }
        (_, method) => Err(not_applicable(format!(
            "does not work in the {} representation",
            method.name()
        ))),
    }
}

const GIB: f64 = 1073741824.0;
