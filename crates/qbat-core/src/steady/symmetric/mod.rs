//! The symmetric steady-state solvers: a battery plus `M = N - 1` identical ancillas in the
//! Dicke representation (`crate::dicke`: layout, generators, assembly, reduction), about `M^2`
//! real unknowns. All rates are evaluated in double precision.
//!
//! - Individual reservoirs ([`individual`]): local ancilla dissipators couple block `j` to
//!   `j +- 1` (`dicke::local`); the unique steady state solves one sparse real linear system
//!   with a pinned population. The unknowns form a two-dimensional grid (block, excitation
//!   number), ordered by geometric nested dissection (`dicke::nested`) and factored by a
//!   multifrontal LU on faer's dense kernels (`linalg::frontal`). Only the part of the grid
//!   where the uncoupled product state has weight within `e^-100` of its maximum is solved for
//!   (`dicke::region`); the flux out of it is checked to be below `1e-30` (else the region
//!   widens), so the result is the full system's solution to machine precision.
//! - Collective reservoir ([`collective`]): `j` is conserved and the `t -> infinity` state from
//!   `options.initial` is known in closed form in every block; no linear system is solved, and
//!   the residual `||L rho||` checks the result.
//!
//! [`layout_stationary`] gives either state over the whole layout, for the rational
//! integrator of `crate::dynamics`.
//!
//! Measured (2-core machine shared with other jobs, release build): the paper's model with
//! individual reservoirs at N = 1001 takes about 0.5 s and 140 MB (33 thousand of the million
//! unknowns solved for; the whole system would take 15 s of CPU and 3 GB); collective N = 10001
//! takes a millisecond from all-ground and under a second from the maximally mixed state.

mod collective;
mod individual;
#[cfg(test)]
mod tests;

use crate::c64;
use crate::dicke::layout::{self, Layout};
use crate::dicke::reduce::{block_residual_squared, reduce};
use crate::dicke::{applies, generators};
use crate::error::SolveError;
use crate::model::{Dissipation, InitialState, Model};
use crate::options::{Method, Solver, SteadyOptions};
use crate::state::State;
use crate::steady::types::{Diagnostics, SteadyState};
use std::time::Instant;

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
            let (generator, _) = generators::individual(model);
            let solution = individual::solve(model, options.memory_limit())?;
            let layout = Layout::new(ancillas);
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
            let generator = generators::collective(model);
            let blocks = collective::solve(model, options.initial)?;
            let residual = blocks
                .iter()
                .map(|(tj, x)| block_residual_squared(&generator, *tj, x))
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
    let reduced = reduce(
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
            solver: Solver::Dicke,
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
        state: State::dicke(ancillas, blocks),
    })
}

/// The `t -> infinity` state from `initial` over every unknown of the Dicke layout of `model`
/// (what the rational integrator subtracts): the unique steady state for individual
/// reservoirs (the region solved for holds every weight above `e^-100`, wider when the flux out of it
/// is not negligible), the closed form in
/// every block for the collective one.
///
/// # Errors
/// Those of the steady-state solvers.
pub(crate) fn layout_stationary(
    model: &Model,
    initial: InitialState,
    limit_bytes: u64,
) -> Result<Vec<f64>, SolveError> {
    Ok(match model.dissipation {
        Dissipation::Individual => individual::solve(model, limit_bytes)?.x,
        Dissipation::Collective => {
            let layout = Layout::new(model.n - 1);
            let mut full = vec![0.0; layout.len()];
            for (tj, x) in collective::solve(model, initial)? {
                let start = layout.offset((layout.ancillas - tj) / 2);
                full[start..start + x.len()].copy_from_slice(&x);
            }
            full
        }
    })
}
