//! Preconditioned Krylov solver on the U(1) sector, for models with local jumps.
//!
//! The steady state lives in the sector `rho = diag(X_0, ..., X_N)`, `X_k` Hermitian on the
//! `C(N, k)` states with `k` excitations: `C(2N, N)` unknowns (2.7 million at N = 12), stored
//! as reals ([`hermitian`]) and never assembled into a matrix ([`operator`]).
//!
//! # The linear system
//! `L rho = 0` is singular (trace preservation: `tr L(X) = 0` for all `X`). With `rho_0` the
//! product of every qubit's own steady state and a number `c != 0`, the system
//!
//! `A x = L x + c rho_0 tr(x) = c rho_0`
//!
//! is non-singular when the steady state is unique, and `rho` (with `tr rho = 1`) solves it.
//! Why this rather than pinning a population: `tr` is a left null vector of `L`, so by
//! Brauer's theorem `A` has the spectrum of `L` with the zero eigenvalue moved to `c`; taking
//! `c = -mean_q Gamma_q` puts it among the relaxation rates, where it does not slow the
//! iteration, and the uncoupled part of `A` stays exactly invertible ([`dissipative`]).
//!
//! # The preconditioner
//! Two exactly invertible pieces of `A`, applied one after the other (multiplicative):
//! `M b = x_1 + A_0^{-1}(b - A x_1)`, `x_1 = P^{-1} b`, where `P^{-1}` inverts the no-jump
//! part block by block ([`lyapunov`], `O(sum_k C(N, k)^3)` by dense products, in single
//! precision), swept through the blocks with the jumps that link each block to the one solved
//! before it (block over-relaxation, [`RELAXATION`]), and `A_0^{-1}` inverts the uncoupled
//! qubits with their reservoirs ([`dissipative`], `O(N C(2N, N))`). The first captures the
//! Hamiltonian (the coupling `J`) and part of the jumps, the second the redistribution of
//! populations by the jumps. Iterations to 1e-12 on random general models (mu_i in [-3, 3],
//! prototype, block-diagonal `P`): N = 6: 28, N = 8: 34 (`P` alone: 38, 47; `A_0` alone: 71,
//! 107). On the paper's star with distinct mu_i, block-diagonal `P` / the sweep: 32 / 21
//! (N = 10), 34 / 23 (N = 12), 36 / 24 (N = 13); on a chain: 37 / 26, 41 / 28, 44 / 29.
//! Hardest seen: rates spread over two decades, 141 at N = 10.
//!
//! # Stopping
//! Restarted flexible GMRES ([`Gmres`]) until the true relative residual of the normalised
//! state, `||L rho||_F / ||rho||_F`, computed afresh after each cycle, is at most
//! `max(1e-12, 20 eps s)`, `s` a bound on `||L||` (the second term only matters when the model's
//! energies are so large that 1e-12 is below rounding). No progress over a cycle, or the
//! iteration budget spent, is a [`SolveError::NoConvergence`] with the numbers.
//!
//! # Cost
//! Per iteration: two applications of `L` (about `5 N C(2N, N)` flops), one of `P^{-1}`
//! (`12 sum_k C(N, k)^3` flops in `f32`), one of `A_0^{-1}`, and the Gram-Schmidt sweeps.
//! Measured at N = 13 (chain, 2 cores): `P^{-1}` 0.91 s an application (half the time),
//! `L` 0.17 s, `A_0^{-1}` 0.15 s, Gram-Schmidt and vector updates about 0.28 s (memory
//! bound); the star in 44 s, the chain in 55 s (`bench/results/performance-4.md`).
//! Memory: the Krylov basis (two vectors of `C(2N, N)` reals per iteration, 21.6 MB each at
//! N = 12), the eigenvectors of the Hamiltonian blocks, and per-block work arrays kept
//! between applications (48 bytes an unknown); no matrix of the Liouvillian's size.
//! The restart cycle is 50 iterations, shortened to what fits the memory limit
//! ([`krylov_restart`], sized for 70% of the limit: at N = 14, whose 50 would need 37 GB, 10
//! under the library's default 16 GiB and 19 under the 23.5 GiB of a 24 GB machine).

mod dissipative;
mod hermitian;
mod lyapunov;
mod operator;
#[cfg(test)]
mod tests;

use crate::c64;
use crate::error::SolveError;
use crate::hilbert::hamiltonian;
use crate::linalg::gmres::Gmres;
use crate::linalg::vector::{par_axpy, par_norm, par_scale};
use crate::liouvillian::{reduce, OperatorSpace};
use crate::model::Model;
use crate::options::{Method, Solver, SteadyOptions};
use crate::plan::memory::{krylov_bytes, krylov_restart};
use crate::state::State;
use crate::steady::types::{Diagnostics, SteadyState};
use dissipative::Dissipative;
use faer::{Mat, Side};
use hermitian::Layout;
use lyapunov::{Lyapunov, RELAXATION};
use operator::SectorOperator;
use rayon::prelude::*;
use std::time::Instant;

/// Target of `||L rho||_F / ||rho||_F`.
const RELATIVE_RESIDUAL: f64 = 1e-12;
/// Iteration budget over all cycles.
const MAX_ITERATIONS: usize = 1000;

/// Per-qubit rates `(down, up)` when every jump acts on one qubit.
fn local_rates(model: &Model) -> Result<(Vec<f64>, Vec<f64>), String> {
    let n = model.n;
    let mut down = vec![0.0; n];
    let mut up = vec![0.0; n];
    for jump in model.jumps() {
        match jump.sites.as_slice() {
            [q] => {
                if jump.raising {
                    up[*q] += jump.rate;
                } else {
                    down[*q] += jump.rate;
                }
            }
            _ => {
                return Err(format!(
                    "collective dissipation on {n} qubits has a degenerate steady state \
                     (kernel dimension > 1); the Krylov solver needs local jumps and a unique \
                     steady state"
                ))
            }
        }
    }
    if let Some(q) = (0..n).find(|&q| down[q] + up[q] <= 0.0) {
        return Err(format!("qubit {q} has no dissipation (rates zero)"));
    }
    Ok((down, up))
}

/// Solves the steady state on the U(1) sector with a preconditioned Krylov method.
pub(crate) fn solve(model: &Model, options: &SteadyOptions) -> Result<SteadyState, SolveError> {
    // the steady state is unique (local damping on every qubit), so `initial` plays no role
    let start = Instant::now();
    let n = model.n;
    let not_applicable = |reason: String| SolveError::NotApplicable {
        method: Method::Sector,
        reason,
    };
    let (down, up) = local_rates(model).map_err(not_applicable)?;
    // the restart cycle shortens to fit the memory limit (N = 14 in 16 GiB)
    let restart = krylov_restart(n, options.memory_limit());
    let needed = krylov_bytes(n, restart);
    if needed > options.memory_limit() {
        return Err(SolveError::TooLarge {
            method: Method::Sector,
            solver: Some(Solver::Krylov),
            needed_bytes: needed,
            limit_bytes: options.memory_limit(),
        });
    }
    let numerical = |detail: String| SolveError::Numerical {
        method: Method::Sector,
        detail,
    };

    let layout = Layout::new(n);
    let h = hamiltonian(model);
    let op = SectorOperator::new(&layout, &h, down, up);
    let rate_scale = (0..n).map(|q| op.down[q] + op.up[q]).sum::<f64>() / n as f64;
    let c = -rate_scale;
    let lyapunov = Lyapunov::<f32>::new(&layout, &op, c).map_err(|e| {
        numerical(format!(
            "symmetric eigensolver failed on the Hamiltonian block with {} excitations",
            e.block
        ))
    })?;
    let dissipative = Dissipative::new(&op, &model.omega0, c);
    let rho0 = dissipative.product_state(&layout);

    let apply_a = |x: &[f64], y: &mut [f64]| {
        op.apply(&layout, x, y);
        par_axpy(c * layout.trace(x), &rho0, y);
    };
    // the residual vector of the preconditioner, kept between applications
    let residual_scratch = std::sync::Mutex::new(Vec::new());
    let apply_m = |b: &[f64], y: &mut [f64]| {
        lyapunov.apply(&layout, &op, RELAXATION, b, y);
        let mut r = residual_scratch.lock().unwrap_or_else(|e| e.into_inner());
        r.resize(b.len(), 0.0);
        apply_a(y, &mut r);
        r.par_iter_mut().zip(b).for_each(|(ri, bi)| *ri = bi - *ri);
        dissipative.apply_in_place(&layout, &op, &mut r);
        par_axpy(1.0, &r, y);
    };
    let mut b = rho0.clone();
    b.iter_mut().for_each(|v| *v *= c);

    let target = RELATIVE_RESIDUAL.max(20.0 * f64::EPSILON * operator_scale(&op));
    let mut x = rho0.clone();
    let mut lx = vec![0.0; x.len()];
    let mut gmres = Gmres::new(x.len(), restart);
    let mut iterations = 0;
    let mut cycles = 0;
    let mut history: Vec<f64> = Vec::new();
    let relative_residual = |x: &[f64], lx: &mut [f64]| {
        op.apply(&layout, x, lx);
        layout.hs_norm(lx) / layout.hs_norm(x)
    };
    let mut residual = relative_residual(&x, &mut lx);
    while residual > target {
        if iterations >= MAX_ITERATIONS {
            return Err(SolveError::NoConvergence {
                method: Method::Sector,
                algorithm: "GMRES",
                iterations,
                residual,
                tolerance: target,
                context: format!(
                    "||L rho||/||rho|| above the target after the iteration budget ({cycles} \
                     cycles); true residual after each cycle: {}",
                    list(&history)
                ),
            });
        }
        // the recurrence tracks ||b - A x||; ask for a margin below the target
        // ||L x^||_F/||x^||_F <= sqrt(2) ||b - A x||/||x|| when tr(x) ~ 1 (packed norms)
        let tolerance = 0.5 * target * par_norm(&x);
        let cycle = gmres.cycle(
            &apply_a,
            &apply_m,
            &b,
            &mut x,
            tolerance,
            MAX_ITERATIONS - iterations,
        );
        iterations += cycle.iterations;
        cycles += 1;
        let previous = residual;
        residual = relative_residual(&x, &mut lx);
        history.push(residual);
        if residual > target && (cycle.iterations == 0 || residual > 0.9 * previous) {
            return Err(SolveError::NoConvergence {
                method: Method::Sector,
                algorithm: "GMRES",
                iterations,
                residual,
                tolerance: target,
                context: format!(
                    "stagnated: ||L rho||/||rho|| after {cycles} cycles (recurrence estimate \
                     {:.2e}); true residual after each cycle: {}",
                    cycle.estimated_residual,
                    list(&history)
                ),
            });
        }
    }

    // the Krylov basis and the preconditioner's work arrays are done with: free them before
    // the complex copies below (at N = 14 the basis alone is 12 GB)
    drop(gmres);
    drop(lyapunov);
    drop(residual_scratch);
    let trace = layout.trace(&x);
    if !(trace.is_finite() && trace.abs() > 0.0) {
        return Err(SolveError::Trace {
            method: Method::Sector,
            trace: c64::new(trace, 0.0),
            context: String::new(),
        });
    }
    par_scale(1.0 / trace, &mut x);
    op.apply(&layout, &x, &mut lx);
    let residual_abs = layout.hs_norm(&lx);
    let spectrum = spectrum(&layout, &x)
        .ok_or_else(|| numerical("Hermitian eigensolver failed on a block of rho".into()))?;
    let min_eigenvalue = spectrum.iter().copied().fold(f64::INFINITY, f64::min);
    let space = OperatorSpace::sector(n);
    let full = layout.to_complex(&x);
    drop(x);
    let (rho_battery, excited_populations, energy_total) = reduce(&space, n, &h, &full);
    Ok(SteadyState {
        rho_battery,
        excited_populations,
        energy_total,
        diagnostics: Diagnostics {
            method: Method::Sector,
            solver: Solver::Krylov,
            reason: format!(
                "U(1) sector, matrix-free Liouvillian, flexible GMRES with block-Lyapunov \
                 and uncoupled-reservoir preconditioners: {iterations} iterations in \
                 {cycles} cycle(s) of at most {restart}, ||L rho||/||rho|| = {residual:.1e}"
            ),
            // local jumps sigma_-^q, sigma_+^q on every qubit: unique steady state (Spohn 1976,
            // Evans 1977; see kernel.rs), as the direct route reports; not computed here
            kernel_dim: Some(1),
            residual: residual_abs,
            min_eigenvalue,
            trace_error: (trace - 1.0).abs(),
            // Hermitian by construction: only the Hermitian part is ever stored
            hermiticity_error: 0.0,
            unknowns: layout.len(),
            seconds: start.elapsed().as_secs_f64(),
            iterations: Some(iterations),
        },
        state: State::space_with_spectrum(n, space, full, spectrum),
    })
}

/// `[1.0e-3, 2.0e-5, ...]`.
fn list(values: &[f64]) -> String {
    let items: Vec<String> = values.iter().map(|v| format!("{v:.1e}")).collect();
    format!("[{}]", items.join(", "))
}

/// A bound on `||L||`: energy spread and hopping of every block, decay, jump rates.
fn operator_scale(op: &SectorOperator) -> f64 {
    let jumps: f64 = op
        .down
        .iter()
        .zip(&op.up)
        .map(|(d, u)| d.max(*u))
        .sum::<f64>();
    op.blocks
        .iter()
        .map(|g| {
            let spread = g.energy.iter().cloned().fold(f64::NEG_INFINITY, f64::max)
                - g.energy.iter().cloned().fold(f64::INFINITY, f64::min);
            let hop = (0..g.energy.len())
                .map(|i| g.hopping_row(i).iter().map(|(_, v)| v.abs()).sum::<f64>())
                .fold(0.0, f64::max);
            let decay = g.decay.iter().cloned().fold(0.0, f64::max);
            spread + 2.0 * hop + decay
        })
        .fold(0.0, f64::max)
        + jumps
}

/// The eigenvalues of the block-diagonal `rho`, block by block (each ascending): the
/// smallest is the positivity check, and the state keeps them for its entropy.
fn spectrum(layout: &Layout, x: &[f64]) -> Option<Vec<f64>> {
    (0..layout.blocks())
        .into_par_iter()
        .map(|k| {
            let m = layout.sizes[k];
            let r = layout.block(x, k);
            let block = Mat::<c64>::from_fn(m, m, |a, b| hermitian::entry(r, m, a, b));
            block.self_adjoint_eigenvalues(Side::Lower).ok()
        })
        .collect::<Option<Vec<Vec<f64>>>>()
        .map(|v| v.concat())
}
