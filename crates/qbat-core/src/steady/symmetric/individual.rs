//! Individual reservoirs: the unique steady state from one sparse real linear system.
//!
//! `L x = 0` over the unknowns of [`Layout`], with one population pinned to 1 (its row of `L`
//! replaced by a unit row) instead of a dense trace row, so the matrix stays as sparse as `L`;
//! the solution is then divided by its trace. The pinned population is the largest one of the
//! uncoupled (`J = 0`) product state, and is moved to the largest population of the solution
//! when it comes out small.

use super::assemble::{assemble, Csc};
use super::block::{BlockGenerator, Lowering};
use super::counting::ln_degeneracies;
use super::layout::{Layout, Part};
use super::local::LocalRates;
use super::lu::SparseLu;
use crate::model::Model;
use crate::steady::{Method, SolveError};

/// The Dicke-basis state and how well it solves `L x = 0`.
#[derive(Clone, Debug)]
pub(crate) struct Solution {
    /// The unknowns of [`Layout`], trace 1.
    pub x: Vec<f64>,
    /// `||L x||_2`.
    pub residual: f64,
}

/// The block generator and local rates of an individual-dissipation model.
pub(crate) fn generators(model: &Model) -> (BlockGenerator, LocalRates) {
    let st = model.statistics;
    let battery = &model.reservoirs[0];
    let ancilla = model.reservoirs.get(1).unwrap_or(battery);
    let sigma = Lowering {
        battery: 1.0,
        ancillas: 0.0,
    };
    let generator = BlockGenerator {
        omega_battery: model.omega0[0],
        omega_ancilla: model.omega0.get(1).copied().unwrap_or(0.0),
        coupling: model.coupling,
        lowering: vec![(battery.rate_down(st), sigma)],
        raising: vec![(battery.rate_up(), sigma)],
    };
    let rates = LocalRates {
        ancillas: model.n - 1,
        down: ancilla.rate_down(st),
        up: ancilla.rate_up(),
    };
    (generator, rates)
}

/// Solves the steady state of an individual-dissipation model with identical ancillas.
pub(crate) fn solve(model: &Model) -> Result<Solution, SolveError> {
    let (generator, rates) = generators(model);
    let layout = Layout::new(model.n - 1);
    let guess = initial_pin(&layout, &generator, &rates);
    let first = solve_pinned(&layout, &generator, &rates, guess)?;
    let largest = argmax_population(&layout, &first.x);
    // a pinned value far below the largest population loses relative accuracy: re-pin
    if first.x[guess] < 1e-3 * first.x[largest] {
        return solve_pinned(&layout, &generator, &rates, largest);
    }
    Ok(first)
}

fn solve_pinned(
    layout: &Layout,
    generator: &BlockGenerator,
    rates: &LocalRates,
    pin: usize,
) -> Result<Solution, SolveError> {
    let (matrix, pinned_row) = assemble(layout, generator, Some(rates), Some(pin));
    let lu = SparseLu::factor(&matrix).map_err(|detail| SolveError::Numerical {
        method: Method::Symmetric,
        detail,
    })?;
    let mut x = vec![0.0; layout.len()];
    x[pin] = 1.0;
    lu.solve_in_place(&mut x);
    let trace = trace(layout, &x);
    if !(trace.is_finite() && trace > 0.0) {
        return Err(SolveError::Numerical {
            method: Method::Symmetric,
            detail: format!("the solution has trace {trace:e} (pinned unknown {pin})"),
        });
    }
    for v in &mut x {
        *v /= trace;
    }
    let residual = residual(&matrix, &pinned_row, pin, &x);
    Ok(Solution { x, residual })
}

/// `||L x||_2` from the pinned matrix (every row but `pin`) and the pinned row's entries.
fn residual(matrix: &Csc, pinned_row: &[(usize, f64)], pin: usize, x: &[f64]) -> f64 {
    let mut y = matrix.mul(x);
    y[pin] = pinned_row.iter().map(|&(c, v)| v * x[c]).sum();
    y.iter().map(|v| v * v).sum::<f64>().sqrt()
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

fn argmax_population(layout: &Layout, x: &[f64]) -> usize {
    let mut best = (f64::NEG_INFINITY, 0);
    for l in 0..layout.blocks() {
        let tj = layout.tj(l);
        for s in 0..=tj + 1 {
            for p in [Part::A, Part::B] {
                if let Some(i) = layout.index(tj, s, p) {
                    if x[i] > best.0 {
                        best = (x[i], i);
                    }
                }
            }
        }
    }
    best.1
}

/// The largest population of the uncoupled product state: battery and ancillas each thermal
/// with excited probability `up / (up + down)`, block `j` weighted by its multiplicity `d_j`.
fn initial_pin(layout: &Layout, generator: &BlockGenerator, rates: &LocalRates) -> usize {
    let ln_p = |down: f64, up: f64| {
        let total = down + up;
        ((up / total).ln(), (down / total).ln())
    };
    let (battery_e, battery_g) = ln_p(generator.lowering[0].0, generator.raising[0].0);
    let (anc_e, anc_g) = ln_p(rates.down, rates.up);
    let ln_d = ln_degeneracies(layout.ancillas);
    let m = layout.ancillas as f64;
    let mut best = (f64::NEG_INFINITY, 0);
    for (l, &ln_dj) in ln_d.iter().enumerate() {
        let tj = layout.tj(l);
        let j = tj as f64 / 2.0;
        for s in 0..=tj + 1 {
            let (m_u, m_v) = super::layout::sector_m(j, s);
            for (p, b, mm) in [(Part::A, battery_e, m_u), (Part::B, battery_g, m_v)] {
                let Some(i) = layout.index(tj, s, p) else {
                    continue;
                };
                let k = m / 2.0 + mm;
                let mut score = b + ln_dj;
                if k > 0.0 {
                    score += k * anc_e;
                }
                if m - k > 0.0 {
                    score += (m - k) * anc_g;
                }
                if score > best.0 {
                    best = (score, i);
                }
            }
        }
    }
    best.1
}
