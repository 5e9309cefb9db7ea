//! Symmetric solver: a battery plus `M = N - 1` identical ancillas in the Dicke basis.
//!
//! When the star's ancillas share `omega0` (and, for individual dissipation, their reservoir),
//! the dynamics commutes with permuting them, and a permutation-invariant initial state stays
//! permutation invariant. Its ancilla part then lives in the total-spin blocks `j` of the
//! ancillas (Chase and Geremia, PRA 78, 052101 (2008); Shammah et al., PRA 98, 063815 (2018)),
//! each block standing for its `d_j` degenerate copies, and U(1) (conservation of the total
//! excitation number) leaves `8j + 2` real unknowns per block: about `M^2` in all
//! ([`layout`]). All rates are evaluated in double precision.
//!
//! - Individual reservoirs ([`individual`]): local ancilla dissipators couple block `j` to
//!   `j +- 1` ([`local`]); the unique steady state solves one sparse real linear system with a
//!   pinned population. The unknowns form a two-dimensional grid (block, excitation number),
//!   ordered by geometric nested dissection ([`nested`]) and factored by a multifrontal LU on
//!   faer's dense kernels ([`frontal`]). Only the part of the grid where the uncoupled product
//!   state has weight within `e^-200` of its maximum is solved for ([`region`]); the flux out of
//!   it is checked to be below `1e-30` (else the region widens), so the result is the full
//!   system's solution to machine precision.
//! - Collective reservoir ([`collective`]): `j` is conserved and the `t -> infinity` state from
//!   `options.initial` is known in closed form in every block; no linear system is solved, and
//!   the residual `||L rho||` checks the result.
//!
//! Measured (2-core machine shared with other jobs, release build): the paper's model with
//! individual reservoirs at N = 1001 takes about 0.5 s and 140 MB (33 thousand of the million
//! unknowns solved for; the whole system would take 15 s of CPU and 3 GB); collective N = 10001
//! takes a millisecond from all-ground and under a second from the maximally mixed state.

mod assemble;
mod block;
mod collective;
mod counting;
pub(crate) mod dynamics;
mod frontal;
mod grid;
mod individual;
mod layout;
mod local;
mod lu;
mod nested;
mod reduce;
mod region;
pub(crate) mod shifted;
#[cfg(test)]
mod tests;

pub(crate) use reduce::Reduced;

use super::{Diagnostics, Method, SolveError, SteadyOptions, SteadyState};
use crate::c64;
use crate::model::{Dissipation, Model};
use std::time::Instant;

/// `Ok(())` when the model has the permutation symmetry this solver needs, else the reason.
pub(crate) fn applies(model: &Model) -> Result<(), String> {
    if model.has_identical_ancillas() {
        Ok(())
    } else {
        Err(match model.dissipation {
            Dissipation::Collective => {
                "needs a star whose ancillas (qubits 1..N-1) share omega0".to_string()
            }
            Dissipation::Individual => "needs a star whose ancillas (qubits 1..N-1) share \
                omega0 and reservoir (gamma, mu, temperature)"
                .to_string(),
        })
    }
}

/// Largest number of ancillas for which [`unknowns`] scans the a-priori weights (`O(M^2)`);
/// beyond it the whole layout is counted.
const SCAN_ANCILLAS: usize = 20_000;

/// Number of real unknowns of the linear system (for memory estimates). Individual: those of
/// the first region solved for (about `(N - 1)^2` when it is the whole layout; the solver
/// checks the exact factorisation size against the memory limit before each attempt).
/// Collective: no system is solved; the largest block, `4 (N - 1) + 2`.
pub(crate) fn unknowns(model: &Model) -> u64 {
    let m = model.n.saturating_sub(1);
    match model.dissipation {
        Dissipation::Individual if m <= SCAN_ANCILLAS => {
            let (generator, rates) = individual::generators(model);
            let decoupled = generator.omega_battery == generator.omega_ancilla;
            region::first_region_len(&generator, &rates, m, individual::FIRST_WIDTH, decoupled)
        }
        Dissipation::Individual => layout::total_len(m as u64),
        Dissipation::Collective => 4 * m as u64 + 2,
    }
}

/// Solves the steady state in the Dicke representation.
pub(crate) fn solve(model: &Model, options: &SteadyOptions) -> Result<SteadyState, SolveError> {
    applies(model).map_err(|reason| SolveError::NotApplicable {
        method: Method::Symmetric,
        reason,
    })?;
    let start = Instant::now();
    let ancillas = model.n - 1;
    let (generator, blocks, residual, kernel_dim, unknowns, reason) = match model.dissipation {
        Dissipation::Individual => {
            let (generator, _) = individual::generators(model);
            let solution = individual::solve(model, options.memory_limit())?;
            let layout = layout::Layout::new(ancillas);
            let blocks: Vec<(usize, Vec<f64>)> = (0..layout.blocks())
                .map(|l| {
                    let (tj, off) = (layout.tj(l), layout.offset(l));
                    (tj, solution.x[off..off + layout::block_len(tj)].to_vec())
                })
                .collect();
            // every qubit is damped by its own reservoir (at least one of its rates is
            // positive), which leaves one steady state; the tests check this against dense
            // rank computations, zero-temperature points included
            let unknowns = solution.unknowns;
            let reason = if solution.width.is_finite() {
                format!(
                    "{unknowns} of {} real unknowns solved for (a-priori weight within e^-{} \
                     of the largest; leak out of that region {:.1e})",
                    layout.len(),
                    solution.width,
                    solution.leak
                )
            } else {
                format!("all {unknowns} real unknowns solved for")
            };
            (
                generator,
                blocks,
                solution.residual,
                Some(1),
                unknowns,
                reason,
            )
        }
        Dissipation::Collective => {
            let generator = collective::generator(model);
            let blocks = collective::solve(model, options.initial)?;
            let residual = blocks
                .iter()
                .map(|(tj, x)| reduce::block_residual_squared(&generator, *tj, x))
                .sum::<f64>()
                .sqrt();
            let unknowns = blocks.iter().map(|(_, x)| x.len()).sum();
            let reason = "closed form in every ancilla block j (weights conserved from the \
                          initial state)"
                .to_string();
            (
                generator,
                blocks,
                residual,
                collective::kernel_dim(model),
                unknowns,
                reason,
            )
        }
    };
    let reduced = reduce::reduce(
        ancillas,
        &generator,
        blocks.iter().map(|(tj, x)| (*tj, x.as_slice())),
    );
    let trace = reduced.battery_excited + reduced.battery_ground;
    let zero = c64::new(0.0, 0.0);
    let mut excited_populations = vec![reduced.ancilla_excited; model.n];
    excited_populations[0] = reduced.battery_excited;
    Ok(SteadyState {
        rho_battery: [
            [c64::new(reduced.battery_excited, 0.0), zero],
            [zero, c64::new(reduced.battery_ground, 0.0)],
        ],
        excited_populations,
        energy_total: reduced.energy,
        diagnostics: Diagnostics {
            method: Method::Symmetric,
            reason,
            kernel_dim,
            residual,
            min_eigenvalue: reduced.min_eigenvalue,
            trace_error: (trace - 1.0).abs(),
            hermiticity_error: 0.0,
            unknowns,
            seconds: start.elapsed().as_secs_f64(),
            iterations: None,
        },
    })
}
