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
use super::generators::individual;
use super::layout::{block_len, local_pair, sector_m, total_len, Layout, Part};
use super::local::LocalRates;
use crate::model::{Dissipation, Model};

/// First width `T` (in e-folds of the a-priori weight) of the region the steady-state solver
/// solves for (`steady::symmetric::individual`; the planning step's memory estimate counts
/// the unknowns of this first region). At N = 1001 (paper's Fig. 4 point, mu = 0..2) the flux
/// out of it is 1e-37..1e-33, below the solver's `1e-30`, and W agrees with width 200 to
/// 4e-16 with a third of the unknowns (a sweep twice as fast); 60 leaks more and is widened.
pub(crate) const STEADY_FIRST_WIDTH: f64 = 100.0;

/// `k ln p + (M - k) ln(1 - p)` from `(ln p, ln(1 - p))`, without `0 * (-inf)` (so `p = 0` or
/// `1` gives the exact limits).
fn ln_binomial_term(k: f64, m: f64, (ln_p, ln_q): (f64, f64)) -> f64 {
    let mut v = 0.0;
    if k > 0.0 {
        v += k * ln_p;
    }
    if m - k > 0.0 {
        v += (m - k) * ln_q;
    }
    v
}

/// `ln` of the product-state populations of a sector.
struct Scorer {
    ancillas: f64,
    battery: (f64, f64),
    ancilla: (f64, f64),
    ln_d: Vec<f64>,
}

impl Scorer {
    fn new(generator: &BlockGenerator, rates: &LocalRates, ancillas: usize) -> Scorer {
        // (ln p, ln (1 - p)) with p = up / (up + down)
        let ln_p = |down: f64, up: f64| {
            let total = down + up;
            ((up / total).ln(), (down / total).ln())
        };
        Scorer {
            ancillas: ancillas as f64,
            battery: ln_p(generator.lowering[0].0, generator.raising[0].0),
            ancilla: ln_p(rates.down, rates.up),
            ln_d: ln_degeneracies(ancillas),
        }
    }

    /// `k ln p_a + (M - k) ln(1 - p_a)`.
    fn ancillas_with(&self, k: f64) -> f64 {
        ln_binomial_term(k, self.ancillas, self.ancilla)
    }

    /// `(ln a, ln b)` estimates of sector `s` of block `l` (`-inf` for a missing part).
    fn sector(&self, l: usize, s: usize) -> (f64, f64) {
        let tj = self.ancillas as usize - 2 * l;
        let (m_u, m_v) = sector_m(tj as f64 / 2.0, s);
        let half = self.ancillas / 2.0;
        let a = if s >= 1 {
            self.battery.0 + self.ln_d[l] + self.ancillas_with(half + m_u)
        } else {
            f64::NEG_INFINITY
        };
        let b = if s <= tj {
            self.battery.1 + self.ln_d[l] + self.ancillas_with(half + m_v)
        } else {
            f64::NEG_INFINITY
        };
        (a, b)
    }

    /// Every sector `(l, s)`.
    fn sectors(&self) -> impl Iterator<Item = (usize, usize)> + '_ {
        let m = self.ancillas as usize;
        (0..self.ln_d.len()).flat_map(move |l| (0..=m - 2 * l + 1).map(move |s| (l, s)))
    }
}

/// The estimate for every unknown: `ln` of the larger population estimate of its sector
/// (so a grid node is kept or dropped as a whole), and the population with the largest
/// estimate.
pub(crate) fn log_weights(
    layout: &Layout,
    generator: &BlockGenerator,
    rates: &LocalRates,
) -> (Vec<f64>, usize) {
    let scorer = Scorer::new(generator, rates, layout.ancillas);
    let mut out = Vec::with_capacity(layout.len());
    let mut best = (f64::NEG_INFINITY, 0);
    // the unknowns of a block in layout order: sector 0 (b only), then a, b, x, y of every
    // sector 1..=2j, then sector 2j + 1 (a only) (`local_pair`); each sector scored once
    let mut push = |part: Part, (a, b): (f64, f64)| {
        let own = match part {
            Part::A => a,
            Part::B => b,
            Part::X | Part::Y => f64::NEG_INFINITY,
        };
        if own > best.0 {
            best = (own, out.len());
        }
        out.push(a.max(b));
    };
    for l in 0..layout.blocks() {
        let tj = layout.tj(l);
        push(Part::B, scorer.sector(l, 0));
        for s in 1..=tj {
            let ab = scorer.sector(l, s);
            for part in Part::ALL {
                push(part, ab);
            }
        }
        push(Part::A, scorer.sector(l, tj + 1));
    }
    debug_assert_eq!(out.len(), layout.len());
    (out, best.1)
}

/// Number of unknowns of the first region (`width` e-folds wide), in `O(M^2)` time and `O(M)`
/// memory; `decoupled`: without the `x` parts.
pub(crate) fn first_region_len(
    generator: &BlockGenerator,
    rates: &LocalRates,
    ancillas: usize,
    width: f64,
    decoupled: bool,
) -> u64 {
    let scorer = Scorer::new(generator, rates, ancillas);
    // two passes over the sectors (each scored twice) instead of a vector of all the scores
    let score = |(l, s): (usize, usize)| {
        let (a, b) = scorer.sector(l, s);
        a.max(b)
    };
    let (best, lowest) = scorer
        .sectors()
        .map(score)
        .fold((f64::NEG_INFINITY, f64::INFINITY), |(best, low), w| {
            (best.max(w), if w.is_finite() { low.min(w) } else { low })
        });
    let floor = lowest.min(best);
    // below the smallest finite estimate the region is the whole space
    let whole = best - width < floor;
    scorer
        .sectors()
        .filter(|&ls| whole || score(ls) >= best - width)
        .map(|(l, s)| {
            let edge = s == 0 || s == ancillas - 2 * l + 1;
            match (edge, decoupled) {
                (true, _) => 1,
                (false, true) => 3,
                (false, false) => 4,
            }
        })
        .sum()
}

/// Samples of the relaxation path in [`path_log_weights`].
const PATH_SAMPLES: usize = 256;

/// The estimate for trajectories: `ln` of the ancillas' product-state weight of every unknown's
/// sector relative to the largest, maximised over the uncoupled relaxation path.
///
/// Uncoupled, every ancilla's excited probability relaxes as
/// `p(t) = p_end + (p_start - p_end) e^{-gamma t}`, `p_end = up / (up + down)`, so over a
/// trajectory it sweeps the segment between `p_start` (0 from all-ground, 1 from all-excited,
/// 1/2 from the maximally mixed state) and `p_end`. An unknown scores the largest, over
/// [`PATH_SAMPLES`] points of that segment, of its sector's weight
/// `d_j p^k (1 - p)^(M - k)` (the larger of the `a` and `b` sides) relative to the largest
/// weight at that point: `0` for the most probable sector at some time, very negative for
/// sectors no trajectory of the uncoupled model comes near. The battery is left out (two
/// states).
pub(crate) fn path_log_weights(layout: &Layout, rates: &LocalRates, p_start: f64) -> Vec<f64> {
    let m = layout.ancillas;
    let p_end = rates.up / (rates.up + rates.down);
    let ln_d = ln_degeneracies(m);
    // sectors (l, s) flattened; k_u = l + s - 1 excitations on the a side, l + s on the b side
    let sector_start: Vec<usize> = {
        let mut starts = Vec::with_capacity(layout.blocks() + 1);
        let mut total = 0;
        for l in 0..layout.blocks() {
            starts.push(total);
            total += layout.tj(l) + 2;
        }
        starts.push(total);
        starts
    };
    let sectors = *sector_start.last().unwrap();
    let mut score = vec![f64::NEG_INFINITY; sectors];
    let mut weights = vec![f64::NEG_INFINITY; sectors];
    for step in 0..=PATH_SAMPLES {
        let f = step as f64 / PATH_SAMPLES as f64;
        let p = p_end + (p_start - p_end) * f;
        let ln_pq = (p.ln(), (1.0 - p).ln());
        let ancillas_with = |k: usize| ln_binomial_term(k as f64, m as f64, ln_pq);
        let mut best = f64::NEG_INFINITY;
        for l in 0..layout.blocks() {
            let tj = layout.tj(l);
            for s in 0..=tj + 1 {
                let a = if s >= 1 {
                    ancillas_with(l + s - 1)
                } else {
                    f64::NEG_INFINITY
                };
                let b = if s <= tj {
                    ancillas_with(l + s)
                } else {
                    f64::NEG_INFINITY
                };
                let w = ln_d[l] + a.max(b);
                weights[sector_start[l] + s] = w;
                best = best.max(w);
            }
        }
        for (sc, w) in score.iter_mut().zip(&weights) {
            *sc = sc.max(w - best);
        }
    }
    let mut out = Vec::with_capacity(layout.len());
    for l in 0..layout.blocks() {
        let tj = layout.tj(l);
        for k in 0..block_len(tj) {
            let (s, _) = local_pair(tj, k);
            out.push(score[sector_start[l] + s]);
        }
    }
    out
}

/// Largest number of ancillas for which [`unknowns`] scans the a-priori weights (`O(M^2)`);
/// beyond it the whole layout is counted.
const SCAN_ANCILLAS: usize = 20_000;

/// Number of real unknowns of the steady-state linear system (for memory estimates).
/// Individual: those of the first region solved for (about `(N - 1)^2` when it is the whole
/// layout; the solver checks the exact factorisation size against the memory limit before
/// each attempt). Collective: no system is solved; the largest block, `4 (N - 1) + 2`.
pub(crate) fn unknowns(model: &Model) -> u64 {
    let m = model.n.saturating_sub(1);
    match model.dissipation {
        Dissipation::Individual if m <= SCAN_ANCILLAS => {
            let (generator, rates) = individual(model);
            let decoupled = generator.omega_battery == generator.omega_ancilla;
            first_region_len(&generator, &rates, m, STEADY_FIRST_WIDTH, decoupled)
        }
        Dissipation::Individual => total_len(m as u64),
        Dissipation::Collective => 4 * m as u64 + 2,
    }
}
