//! Individual reservoirs: the unique steady state from one sparse real linear system.
//!
//! `L x = 0` over the unknowns of [`Layout`], with one population pinned to 1 (its row of `L`
//! replaced by a unit row) instead of a dense trace row, so the matrix stays as sparse as `L`;
//! the solution is then divided by its trace. The system is factored by nested dissection
//! ([`Dissection`]) and a multifrontal LU ([`SparseLu`]).
//!
//! Only the grid nodes whose a-priori weight ([`region`](crate::dicke::region)) lies within `e^-T` of
//! the largest are solved for (`T = 100` first); the others are set to zero. That is exact to
//! machine precision when the probability flux from the kept unknowns into the dropped ones,
//! `||L_{dropped, kept} x||`, is negligible: the dropped unknowns' true values are of that
//! order, and so is the change they would make to the kept ones. The solver requires it to be
//! below [`LEAK_LIMIT`] (far below rounding), else doubles `T`, down to keeping everything.

use crate::c64;
use crate::dicke::assemble::assemble;
use crate::dicke::block::BlockGenerator;
use crate::dicke::generators;
use crate::dicke::layout::{Layout, Part};
use crate::dicke::local::LocalRates;
use crate::dicke::nested::dissect;
use crate::dicke::region::{log_weights, STEADY_FIRST_WIDTH};
use crate::error::SolveError;
use crate::linalg::frontal::{Dissection, SparseLu};
use crate::linalg::sparse::Csc;
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
    let parts = layout.all_parts();
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
        // the kept unknowns as a mask, evaluated once (the closure below is called for every
        // unknown of the layout by the dissection and the assembly)
        let mask: Vec<bool> = weights
            .iter()
            .zip(&parts)
            .map(|(&w, &p)| (whole || w >= best - width) && !(decoupled && p == Part::X))
            .collect();
        let active = |i: usize| mask[i];
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
        // the kept unknowns in layout order, and which of them are populations
        let mut kept = dissection.order.clone();
        kept.sort_unstable();
        let populations: Vec<bool> = kept
            .iter()
            .map(|&i| matches!(parts[i], Part::A | Part::B))
            .collect();
        let system = System {
            layout: &layout,
            dissection: &dissection,
            generator: &generator,
            rates: &rates,
            active: &active,
            kept: &kept,
            populations: &populations,
        };
        let mut solution = system.solve(guess)?;
        solution.width = if whole { f64::INFINITY } else { width };
        let largest = argmax_population(&kept, &populations, &solution.x);
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
///
/// Vectors are kept over the kept unknowns only (elimination order), never over the whole
/// layout (a million unknowns at N = 1001, of which 3 to 12 thousand are kept), except the
/// solution handed back.
struct System<'a> {
    layout: &'a Layout,
    dissection: &'a Dissection,
    generator: &'a BlockGenerator,
    rates: &'a LocalRates,
    active: &'a (dyn Fn(usize) -> bool + Sync),
    /// The kept unknowns in layout order.
    kept: &'a [usize],
    /// Whether each of `kept` is a population (`a` or `b`).
    populations: &'a [bool],
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
        let position = &self.dissection.position;
        let n = self.dissection.order.len();
        // right-hand side e_pin and the solution, in elimination order
        let mut rhs = vec![0.0; n];
        rhs[position[pin]] = 1.0;
        let mut x = rhs.clone();
        lu.solve_ordered(&mut x);
        // pivoting is restricted to each front: when that costs accuracy, one step of
        // iterative refinement with the assembled matrix recovers it
        let (ax, _) = self.apply(&matrix, &x);
        let mut correction: Vec<f64> = rhs.iter().zip(&ax).map(|(b, y)| b - y).collect();
        // the norm summed in layout order (as over the whole layout, whose other entries are 0)
        let r_norm = self
            .kept
            .iter()
            .map(|&i| correction[position[i]].powi(2))
            .sum::<f64>()
            .sqrt();
        let x_max = x.iter().fold(0.0f64, |m, v| m.max(v.abs()));
        if r_norm > REFINE_ABOVE * x_max {
            lu.solve_ordered(&mut correction);
            for (xi, ci) in x.iter_mut().zip(&correction) {
                *xi += ci;
            }
        }
        // sum_j tr R_j in layout order (as `trace`)
        let trace: f64 = self
            .kept
            .iter()
            .zip(self.populations)
            .filter(|(_, &p)| p)
            .map(|(&i, _)| x[position[i]])
            .sum();
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
        let mut full = vec![0.0; self.layout.len()];
        for (&i, &v) in self.dissection.order.iter().zip(&x) {
            full[i] = v;
        }
        Ok(Solution {
            x: full,
            residual,
            leak,
            unknowns: n,
            width: f64::INFINITY,
        })
    }

    /// `A x` for `x` over the kept unknowns (elimination order): the rows of kept unknowns
    /// (elimination order) and the other rows reached, as `(row, value)` sorted by row.
    /// Columns are visited in layout order, as a product over the whole layout would.
    fn apply(&self, matrix: &Csc, x: &[f64]) -> (Vec<f64>, Vec<(usize, f64)>) {
        let position = &self.dissection.position;
        let mut inside = vec![0.0; x.len()];
        let mut outside: Vec<(usize, f64)> = Vec::new();
        for &c in self.kept {
            let xc = x[position[c]];
            for k in matrix.col_ptr[c]..matrix.col_ptr[c + 1] {
                let (r, v) = (matrix.row_idx[k], matrix.values[k]);
                match position[r] {
                    usize::MAX => outside.push((r, v * xc)),
                    e => inside[e] += v * xc,
                }
            }
        }
        // stable: the contributions to one row keep their column order
        outside.sort_by_key(|&(r, _)| r);
        let mut merged: Vec<(usize, f64)> = Vec::with_capacity(outside.len());
        for (r, v) in outside {
            match merged.last_mut() {
                Some((lr, lv)) if *lr == r => *lv += v,
                _ => merged.push((r, v)),
            }
        }
        (inside, merged)
    }

    /// `||L x||_2` over all rows, and over the rows not solved for, `x` over the kept unknowns
    /// (elimination order). The pinned matrix gives every row but `pin`, whose original
    /// entries are `pinned_row`.
    fn residual(
        &self,
        matrix: &Csc,
        pinned_row: &[(usize, f64)],
        pin: usize,
        x: &[f64],
    ) -> (f64, f64) {
        let position = &self.dissection.position;
        let (mut inside, outside) = self.apply(matrix, x);
        inside[position[pin]] = pinned_row.iter().map(|&(c, v)| v * x[position[c]]).sum();
        // summed in layout order, as over the whole layout
        let mut rows = self
            .kept
            .iter()
            .map(|&i| (i, inside[position[i]]))
            .chain(outside.iter().copied())
            .collect::<Vec<_>>();
        rows.sort_unstable_by_key(|&(r, _)| r);
        let (mut all, mut leak) = (0.0, 0.0);
        for (r, v) in rows {
            all += v * v;
            if position[r] == usize::MAX {
                leak += v * v;
            }
        }
        (all.sqrt(), leak.sqrt())
    }
}

/// `sum_j tr R_j`: the sum of all `a` and `b` unknowns (the tests' check; the solver sums
/// the kept unknowns only).
#[cfg(test)]
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

/// The largest population of `x` (first in layout order), over the kept unknowns only: the
/// others are zero and the populations sum to 1, so the largest is among the kept.
fn argmax_population(kept: &[usize], populations: &[bool], x: &[f64]) -> usize {
    let mut best = (f64::NEG_INFINITY, 0);
    for (&i, _) in kept.iter().zip(populations).filter(|(_, &p)| p) {
        if x[i] > best.0 {
            best = (x[i], i);
        }
    }
    best.1
}
