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
use super::nested::Dissection;
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
    // with identical frequencies the coherences' real parts only feed each other (the
    // Hamiltonian turns x into y at the rate 2 (omega0_b - omega0_a)): they vanish and
    // leave the system
    let decoupled = generator.omega_battery == generator.omega_ancilla;
    let parts = part_of(&layout);
    let active = |i: usize| !(decoupled && parts[i] == Part::X);
    let t0 = std::time::Instant::now();
    let dissection = Dissection::new(&layout, &active);
    if std::env::var_os("QBAT_TIMING").is_some() {
        eprintln!("dissection {:.3}s", t0.elapsed().as_secs_f64());
        let mut flops = 0.0;
        let mut sizes: Vec<(usize, usize)> = Vec::new();
        for f in &dissection.fronts {
            let (a, b) = (f.own() as f64, f.boundary.len() as f64);
            flops += 2.0 / 3.0 * a * a * a + 2.0 * a * a * b + 2.0 * a * b * b;
            sizes.push((f.own(), f.boundary.len()));
        }
        sizes.sort_by_key(|&(a, b)| std::cmp::Reverse(a * a * a + 3 * a * b * b));
        eprintln!("fronts {} flops {:.3e} largest {:?}", sizes.len(), flops, &sizes[..8.min(sizes.len())]);
    }
    let guess = initial_pin(&layout, &generator, &rates);
    let first = solve_pinned(&layout, &dissection, &generator, &rates, guess)?;
    let largest = argmax_population(&layout, &first.x);
    // a pinned value far below the largest population loses relative accuracy: re-pin
    if first.x[guess] < 1e-3 * first.x[largest] {
        return solve_pinned(&layout, &dissection, &generator, &rates, largest);
    }
    Ok(first)
}

/// The part of every unknown of `layout`.
fn part_of(layout: &Layout) -> Vec<Part> {
    let mut out = Vec::with_capacity(layout.len());
    for l in 0..layout.blocks() {
        let tj = layout.tj(l);
        for k in 0..super::layout::block_len(tj) {
            out.push(super::layout::local_pair(tj, k).1);
        }
    }
    out
}

fn solve_pinned(
    layout: &Layout,
    dissection: &Dissection,
    generator: &BlockGenerator,
    rates: &LocalRates,
    pin: usize,
) -> Result<Solution, SolveError> {
    let timing = std::env::var_os("QBAT_TIMING").is_some();
    let t0 = std::time::Instant::now();
    let (matrix, pinned_row) = assemble(layout, generator, Some(rates), Some(pin));
    let t1 = std::time::Instant::now();
    let lu = SparseLu::factor(&matrix, dissection).map_err(|detail| SolveError::Numerical {
        method: Method::Symmetric,
        detail,
    })?;
    let t2 = std::time::Instant::now();
    let mut rhs = vec![0.0; layout.len()];
    rhs[pin] = 1.0;
    let mut x = rhs.clone();
    lu.solve_in_place(&mut x);
    // one step of iterative refinement with the assembled matrix: pivoting is restricted to
    // each front, so this recovers the accuracy a global pivot order would have given
    let ax = matrix.mul(&x);
    let mut correction: Vec<f64> = rhs.iter().zip(&ax).map(|(b, a)| b - a).collect();
    lu.solve_in_place(&mut correction);
    for (xi, ci) in x.iter_mut().zip(&correction) {
        *xi += ci;
    }
    if timing {
        eprintln!(
            "assemble {:.3}s factor {:.3}s ({} entries) solve {:.3}s",
            (t1 - t0).as_secs_f64(),
            (t2 - t1).as_secs_f64(),
            lu.entries(),
            t2.elapsed().as_secs_f64()
        );
    }
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
