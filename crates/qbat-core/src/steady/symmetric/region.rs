//! Which unknowns carry weight: an a-priori estimate from the uncoupled product state.
//!
//! Without the exchange coupling (`J = 0`) every qubit relaxes to its own thermal state, with
//! excited probability `p = up / (up + down)`; in the Dicke representation that product state
//! puts `p_b^e (1 - p_b)^(1-e) d_j p_a^k (1 - p_a)^(M-k)` on the population of battery state
//! `e` and ancilla block `j` with `k = M/2 + m` excitations. For large `M` it is concentrated in
//! a small part of the `(j, m)` triangle and falls off like a Gaussian around it (tens of
//! thousands of e-folds across the triangle at `M = 1000`). The coupled steady state is spread
//! differently, but not by hundreds of e-folds; the solver keeps the grid nodes within `e^-T`
//! of the largest estimate, checks the probability that leaks out of the kept region, and
//! widens it when that is not negligible.

use super::block::BlockGenerator;
use super::counting::ln_degeneracies;
use super::layout::{local_pair, sector_m, Layout, Part};
use super::local::LocalRates;

/// The estimate for every unknown: `ln` of the larger population estimate of its sector
/// (so a grid node is kept or dropped as a whole), and the unknown with the largest estimate.
pub(crate) fn log_weights(
    layout: &Layout,
    generator: &BlockGenerator,
    rates: &LocalRates,
) -> (Vec<f64>, usize) {
    let ln_p = |down: f64, up: f64| {
        let total = down + up;
        ((up / total).ln(), (down / total).ln())
    };
    let (battery_e, battery_g) = ln_p(generator.lowering[0].0, generator.raising[0].0);
    let (anc_e, anc_g) = ln_p(rates.down, rates.up);
    let ln_d = ln_degeneracies(layout.ancillas);
    let m = layout.ancillas as f64;
    // k ln p_a + (M - k) ln(1 - p_a), without 0 * (-inf)
    let ancilla = |k: f64| {
        let mut v = 0.0;
        if k > 0.0 {
            v += k * anc_e;
        }
        if m - k > 0.0 {
            v += (m - k) * anc_g;
        }
        v
    };
    let mut out = Vec::with_capacity(layout.len());
    let mut best = (f64::NEG_INFINITY, 0);
    for (l, &ln_dj) in ln_d.iter().enumerate() {
        let tj = layout.tj(l);
        let j = tj as f64 / 2.0;
        let sector_score = |s: usize| {
            let (m_u, m_v) = sector_m(j, s);
            let a = if s >= 1 {
                battery_e + ln_dj + ancilla(m / 2.0 + m_u)
            } else {
                f64::NEG_INFINITY
            };
            let b = if s <= tj {
                battery_g + ln_dj + ancilla(m / 2.0 + m_v)
            } else {
                f64::NEG_INFINITY
            };
            (a, b)
        };
        for k in 0..super::layout::block_len(tj) {
            let (s, part) = local_pair(tj, k);
            let (a, b) = sector_score(s);
            let own = match part {
                Part::A => a,
                Part::B => b,
                Part::X | Part::Y => f64::NEG_INFINITY,
            };
            if own > best.0 {
                best = (own, out.len());
            }
            out.push(a.max(b));
        }
    }
    (out, best.1)
}
