//! Individual reservoirs: the unique steady state from one sparse real linear system.
//!
//! `L x = 0` over the unknowns of [`Layout`], with one population pinned to 1 (its row of `L`
//! replaced by a unit row) instead of a dense trace row, so the matrix stays as sparse as `L`;
//! the solution is then divided by its trace. The system is factored by nested dissection
//! ([`Dissection`]) and a multifrontal LU ([`SparseLu`]).
//!
//! Only the grid nodes whose a-priori weight ([`region`](crate::dicke::region)) lies within `e^-T` of
//! the largest are solved for (`T = 200` first); the others are set to zero. That is exact to
//! machine precision when the probability flux from the kept unknowns into the dropped ones,
//! `||L_{dropped, kept} x||`, is negligible: the dropped unknowns' true values are of that
//! order, and so is the change they would make to the kept ones. The solver requires it to be
//! below [`LEAK_LIMIT`] (far below rounding), else doubles `T`, down to keeping everything.

use crate::c64;
use crate::dicke::assemble::assemble;
use crate::dicke::block::BlockGenerator;
use crate::dicke::generators;
use crate::dicke::layout::{block_len, local_pair, Layout, Part};
use crate::dicke::local::LocalRates;
use crate::dicke::nested::dissect;
use crate::dicke::region::{log_weights, STEADY_FIRST_WIDTH};
use crate::error::SolveError;
use crate::linalg::frontal::{Dissection, SparseLu};
use crate::linalg::sparse::Csc;
use crate::linalg::vector::norm;
use crate::model::Model;
use crate::options::{Method, Solver};

/// Relative residual `||b - A x|| / max|x|` above which one refinement step is taken.
const REFINE_ABOVE: f64 = 1e-13;
/// Largest accepted `||L_{dropped, kept} x||` (trace-normalised `x`).
pub(crate) const LEAK_LIMIT: f64 = 1e-30;

/// The Dicke-basis state and how well it solves `L x = 0`.
#[derive(Clone, Debug)]
pub(crate) struct Solution {
    /// The unknowns of [`Layout`], trace 1 (zero outside the region solved for).
    pub x: Vec<f64>,
    /// `||L x||_2` over all rows.
    pub residual: f64,
    /// The part of `residual` from the rows not solved for.
    pub leak: f64,
    /// Number of unknowns solved for.
    pub unknowns: usize,
    /// Width (e-folds of the a-priori weight) of the region solved for, `INFINITY` when it
    /// was the whole layout.
    pub width: f64,
}

/// Solves the steady state of an individual-dissipation model with identical ancillas, within
/// `limit_bytes` of memory for the factorisation.
///
/// # Errors
/// [`SolveError::TooLarge`] when the region that must be solved for does not fit,
/// [`SolveError::SingularPivot`] when a pivot vanishes.
pub(crate) fn solve(model: &Model, limit_bytes: u64) -> Result<Solution, SolveError> {
    solve_from(model, STEADY_FIRST_WIDTH, limit_bytes)
}

/// [`solve`], starting from region width `first_width` (`INFINITY`: the whole space).
pub(crate) fn solve_from(
    model: &Model,
    first_width: f64,
    limit_bytes: u64,
) -> Result<Solution, SolveError> {
    let (generator, rates) = generators::individual(model);
    let layout = Layout::new(model.n - 1);
    // with identical frequencies the real parts of the coherences only feed each other (the
    // Hamiltonian turns x into y at the rate 2 (omega0_b - omega0_a)), so they vanish
    let decoupled = generator.omega_battery == generator.omega_ancilla;
    let parts: Vec<Part> = (0..layout.blocks())
        .flat_map(|l| {
            let tj = layout.tj(l);
            (0..block_len(tj)).map(move |k| local_pair(tj, k).1)
        })
        .collect();
    let (weights, guess) = log_weights(&layout, &generator, &rates);
    let best = weights[guess];
    // below the smallest finite estimate the region is the whole space (estimates of -inf,
    // from a zero rate, are kept only then)
    let floor = weights
        .iter()
        .copied()
        .filter(|w| w.is_finite())
        .fold(best, f64::min);
    let mut width = first_width;
    loop {
        let whole = best - width < floor;
        let active =
            |i: usize| (whole || weights[i] >= best - width) && !(decoupled && parts[i] == Part::X);
        let dissection = dissect(&layout, &active);
        // the factors, plus the sparse matrix (about 12 entries of 16 bytes per unknown) and
        // a few vectors over the layout
        let needed_bytes = dissection.factor_bytes()
            + 16 * 12 * dissection.order.len() as u64
            + 48 * layout.len() as u64;
        if needed_bytes > limit_bytes {
            return Err(SolveError::TooLarge {
                method: Method::Symmetric,
                solver: Some(Solver::Dicke),
                needed_bytes,
                limit_bytes,
            });
        }
        let system = System {
            layout: &layout,
            dissection: &dissection,
            generator: &generator,
            rates: &rates,
            active: &active,
        };
        let mut solution = system.solve(guess)?;
        solution.width = if whole { f64::INFINITY } else { width };
        let largest = argmax_population(&layout, &parts, &solution.x);
        // a pinned value far below the largest population loses relative accuracy: re-pin
        if solution.x[guess] < 1e-3 * solution.x[largest] {
            solution = Solution {
                width: solution.width,
                ..system.solve(largest)?
            };
        }
        if whole || solution.leak <= LEAK_LIMIT {
            return Ok(solution);
        }
        width *= 2.0;
    }
}

/// One linear system: the kept unknowns of a layout and their factorisation order.
struct System<'a> {
    layout: &'a Layout,
    dissection: &'a Dissection,
    generator: &'a BlockGenerator,
    rates: &'a LocalRates,
    active: &'a (dyn Fn(usize) -> bool + Sync),
}

impl System<'_> {
    /// Solves with unknown `pin` set to 1, then normalises the trace.
    fn solve(&self, pin: usize) -> Result<Solution, SolveError> {
        let (matrix, pinned_row) = assemble(
            self.layout,
            self.generator,
            Some(self.rates),
            Some(pin),
            self.active,
        );
        let lu = SparseLu::factor(&matrix, self.dissection).map_err(|pivot| {
            pivot.error(
                Method::Symmetric,
                format!("LU of the Dicke system pinned at unknown {pin}"),
            )
        })?;
        let mut rhs = vec![0.0; self.layout.len()];
        rhs[pin] = 1.0;
        let mut x = rhs.clone();
        lu.solve_in_place(&mut x);
        // pivoting is restricted to each front: when that costs accuracy, one step of
        // iterative refinement with the assembled matrix recovers it
        let ax = matrix.mul(&x);
        let mut correction: Vec<f64> = (0..x.len())
            .map(|i| {
                if (self.active)(i) {
                    rhs[i] - ax[i]
                } else {
                    0.0
                }
            })
            .collect();
        let r_norm = norm(&correction);
        let x_max = x.iter().fold(0.0f64, |m, v| m.max(v.abs()));
        if r_norm > REFINE_ABOVE * x_max {
            lu.solve_in_place(&mut correction);
            for (xi, ci) in x.iter_mut().zip(&correction) {
                *xi += ci;
            }
        }
        let trace = trace(self.layout, &x);
        if !(trace.is_finite() && trace > 0.0) {
            return Err(SolveError::Trace {
                method: Method::Symmetric,
                trace: c64::new(trace, 0.0),
                context: format!(" (pinned unknown {pin})"),
            });
        }
        for v in &mut x {
            *v /= trace;
        }
        let (residual, leak) = self.residual(&matrix, &pinned_row, pin, &x);
        Ok(Solution {
            x,
            residual,
            leak,
            unknowns: self.dissection.order.len(),
            width: f64::INFINITY,
        })
    }

    /// `||L x||_2` over all rows, and over the rows not solved for. The pinned matrix gives every
    /// row but `pin`, whose original entries are `pinned_row`.
    fn residual(
        &self,
        matrix: &Csc,
        pinned_row: &[(usize, f64)],
        pin: usize,
        x: &[f64],
    ) -> (f64, f64) {
        let mut y = matrix.mul(x);
        y[pin] = pinned_row.iter().map(|&(c, v)| v * x[c]).sum();
        let (mut all, mut leak) = (0.0, 0.0);
        for (i, v) in y.iter().enumerate() {
            all += v * v;
            if !(self.active)(i) {
                leak += v * v;
            }
        }
        (all.sqrt(), leak.sqrt())
    }
}

/// `sum_j tr R_j`: the sum of all `a` and `b` unknowns.
pub(crate) fn trace(layout: &Layout, x: &[f64]) -> f64 {
    let mut total = 0.0;
    for l in 0..layout.blocks() {
        let tj = layout.tj(l);
        for s in 0..=tj + 1 {
            for p in [Part::A, Part::B] {
                if let Some(i) = layout.index(tj, s, p) {
                    total += x[i];
                }
            }
        }
    }
    total
}

fn argmax_population(layout: &Layout, parts: &[Part], x: &[f64]) -> usize {
    let mut best = (f64::NEG_INFINITY, 0);
    for (i, (&p, &v)) in parts.iter().zip(x).enumerate().take(layout.len()) {
        if matches!(p, Part::A | Part::B) && v > best.0 {
            best = (v, i);
        }
    }
    best.1
}
