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
use rayon::prelude::*;

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
        .map(|(l, s)| sector_unknowns(ancillas - 2 * l, s, decoupled) as u64)
        .sum()
}

/// Unknowns of sector `s` of a block with `2j = tj`: one at either edge (`b` only, `a` only),
/// else `a, b, x, y`, or three when the `x` parts are dropped (`decoupled`).
fn sector_unknowns(tj: usize, s: usize, decoupled: bool) -> usize {
    match (s == 0 || s == tj + 1, decoupled) {
        (true, _) => 1,
        (false, true) => 3,
        (false, false) => 4,
    }
}

/// Points of the relaxation path at which [`PathReach`] scores the sectors (samples
/// `0..=PATH_SAMPLES`, equally spaced in `p` from `p_start` to `p_end`).
pub(crate) const PATH_SAMPLES: usize = 256;

/// A window of the relaxation path: the samples `first..=last` ([`PATH_SAMPLES`]).
pub(crate) type Samples = (usize, usize);

/// Where the uncoupled relaxation path goes, sector by sector.
///
/// Uncoupled, every ancilla's excited probability relaxes as
/// `p(t) = p_end + (p_start - p_end) e^{-g t}`, `p_end = up / (up + down)`, `g = up + down`, so
/// over a trajectory it sweeps the segment between `p_start` (0 from all-ground, 1 from
/// all-excited, 1/2 from the maximally mixed state) and `p_end`. A sector's weight there is
/// `d_j p^k (1 - p)^(M - k)` (the larger of its `a` and `b` sides); at every one of the
/// `PATH_SAMPLES + 1` points of the segment the sectors within `e^-width` of that point's
/// largest weight are reached. Each sector keeps the first and last sample that reach it, so
/// the region of any stretch of the path (a window of time) is read off without rescoring:
/// the whole path gives the region of the whole trajectory, a window the region of the times
/// it spans (a sector reached at two samples counts as reached between them, which can only
/// keep more). The battery is left out (two states).
pub(crate) struct PathReach {
    /// Per sector (flattened as `sector_start`): first and last reaching sample; `first` is
    /// [`NEVER`] for a sector no sample reaches, whose `last` is not read.
    first: Vec<u16>,
    last: Vec<u16>,
    /// Start of every block's sectors, and the total.
    sector_start: Vec<usize>,
    /// Relaxation rate `g` of `p`.
    rate: f64,
}

/// `first` of a sector no sample reaches.
const NEVER: u16 = u16::MAX;

/// First and last reaching sample per sector, and the weights of the latest sample scored.
type Reached = (Vec<u16>, Vec<u16>, Vec<f64>);

impl PathReach {
    /// Scores the path from `p_start` for `width` e-folds.
    pub(crate) fn new(layout: &Layout, rates: &LocalRates, p_start: f64, width: f64) -> PathReach {
        let m = layout.ancillas;
        let p_end = rates.up / (rates.up + rates.down);
        let ln_d = ln_degeneracies(m);
        // sectors (l, s) flattened; k_u = l + s - 1 excitations on the a side, l + s on the b
        // side
        let mut sector_start = Vec::with_capacity(layout.blocks() + 1);
        let mut total = 0;
        for l in 0..layout.blocks() {
            sector_start.push(total);
            total += layout.tj(l) + 2;
        }
        sector_start.push(total);
        // the samples in parallel, each task keeping the first and last sample it saw reach
        // a sector (257 samples of 250 thousand sectors at N = 1001: 0.35 s serially)
        let score = |(mut first, mut last, mut weights): Reached, sample: usize| {
            let f = sample as f64 / PATH_SAMPLES as f64;
            let p = p_start + (p_end - p_start) * f;
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
            for (k, &w) in weights.iter().enumerate() {
                if w - best >= -width {
                    let sample = sample as u16;
                    first[k] = first[k].min(sample);
                    last[k] = last[k].max(sample);
                }
            }
            (first, last, weights)
        };
        let empty = || {
            (
                vec![NEVER; total],
                vec![0; total],
                vec![f64::NEG_INFINITY; total],
            )
        };
        let (first, last, _) = (0..=PATH_SAMPLES)
            .into_par_iter()
            .fold(empty, score)
            .reduce(
                empty,
                |(mut first, mut last, w), (other_first, other_last, _)| {
                    for (f, o) in first.iter_mut().zip(other_first) {
                        *f = (*f).min(o);
                    }
                    for (l, o) in last.iter_mut().zip(other_last) {
                        *l = (*l).max(o);
                    }
                    (first, last, w)
                },
            );
        PathReach {
            first,
            last,
            sector_start,
            rate: rates.up + rates.down,
        }
    }

    /// Whether sector `s` of block `l` is reached by a sample of `window`.
    fn reaches(&self, l: usize, s: usize, (from, to): Samples) -> bool {
        let k = self.sector_start[l] + s;
        self.first[k] != NEVER && self.first[k] as usize <= to && self.last[k] as usize >= from
    }

    /// For every unknown of `layout` (layout order), whether its sector is reached in
    /// `window` (`x` parts never, when `decoupled`), and whether any sector is not.
    pub(crate) fn reached(
        &self,
        layout: &Layout,
        window: Samples,
        decoupled: bool,
    ) -> (Vec<bool>, bool) {
        let mut out = Vec::with_capacity(layout.len());
        let mut missed = false;
        for l in 0..layout.blocks() {
            let tj = layout.tj(l);
            for k in 0..block_len(tj) {
                let (s, part) = local_pair(tj, k);
                let reached = self.reaches(l, s, window);
                missed |= !reached;
                out.push(reached && !(decoupled && part == Part::X));
            }
        }
        (out, missed)
    }

    /// The time at which the uncoupled path passes `sample` (`INFINITY` for the last).
    pub(crate) fn time(&self, sample: usize) -> f64 {
        if sample >= PATH_SAMPLES {
            f64::INFINITY
        } else {
            -(1.0 - sample as f64 / PATH_SAMPLES as f64).ln() / self.rate
        }
    }

    /// Consecutive windows covering the path (each starting at the previous one's last
    /// sample), each extended while its region stays within [`WINDOW_GROWTH`] times the
    /// smaller of the regions at its two ends, or within `floor` unknowns: a trajectory solved
    /// window by window factorises and solves on the unknowns it can reach at the time instead
    /// of on the union over the whole path. `decoupled`: the `x` parts are not kept.
    pub(crate) fn windows(&self, layout: &Layout, decoupled: bool, floor: usize) -> Vec<Samples> {
        // at(s): the unknowns reached at sample s; starting(s): those first reached there
        let mut change = vec![0i64; PATH_SAMPLES + 2];
        let mut starting = vec![0usize; PATH_SAMPLES + 1];
        for l in 0..layout.blocks() {
            let tj = layout.tj(l);
            for s in 0..=tj + 1 {
                let k = self.sector_start[l] + s;
                if self.first[k] == NEVER {
                    continue;
                }
                let n = sector_unknowns(tj, s, decoupled);
                change[self.first[k] as usize] += n as i64;
                change[self.last[k] as usize + 1] -= n as i64;
                starting[self.first[k] as usize] += n;
            }
        }
        let mut at = Vec::with_capacity(PATH_SAMPLES + 1);
        let mut running = 0i64;
        for c in &change[..=PATH_SAMPLES] {
            running += c;
            at.push(running as usize);
        }
        let mut windows = Vec::new();
        let mut from = 0;
        while from < PATH_SAMPLES {
            // the region of from..=to: what is reached at `from` and what starts after it
            let (mut to, mut region) = (from + 1, at[from] + starting[from + 1]);
            while to < PATH_SAMPLES {
                let wider = region + starting[to + 1];
                let ends = at[from].min(at[to + 1]) as f64;
                if wider > floor && wider as f64 > WINDOW_GROWTH * ends {
                    break;
                }
                (to, region) = (to + 1, wider);
            }
            windows.push((from, to));
            from = to;
        }
        windows
    }
}

/// How much larger than the region at either end a window's region may grow
/// ([`PathReach::windows`]). Measured at N = 1001 (Fig. 4 point with mu = 0, dmu = 4, from the
/// ground state, t to 50, wall time of `qbat evolve`): growth 1.5 gave 15 windows and 948
/// solves in 10.5-11.8 s, 1.75 916 solves in 8.3-9.4 s, 2 nine windows and 820 solves in
/// 7.6-8.6 s, 4 five windows in 13 s (its largest window, 134 thousand unknowns, takes most
/// solves); one window over the whole path: 792 solves on 163 thousand unknowns, 37 s.
const WINDOW_GROWTH: f64 = 2.0;
/// Regions up to this many unknowns are cheap to factorise and solve with: a window is not
/// cut for growth below it (the stiff start from a product state, where the region grows
/// from one sector, would otherwise be cut into many windows of a few solves each).
pub(crate) const WINDOW_FLOOR: usize = 16_384;

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

#[cfg(test)]
mod tests {
    use super::*;

    /// The reach of 200 ancillas (mu = 0, dmu = 4: the path runs from p = 0 to 0.95) and the
    /// regions, in unknowns (4 per inner sector), of its windows and of the whole path.
    fn reach_and_windows(floor: usize) -> (PathReach, Layout, Vec<Samples>) {
        let (_, rates) = individual(&crate::model::pumped_star(201));
        let layout = Layout::new(200);
        let reach = PathReach::new(&layout, &rates, 0.0, 50.0);
        let windows = reach.windows(&layout, false, floor);
        (reach, layout, windows)
    }

    #[test]
    fn windows_cover_the_path_and_keep_what_the_whole_path_keeps() {
        let (reach, layout, windows) = reach_and_windows(0);
        // consecutive, from the start of the path to its end
        assert_eq!(windows.first().unwrap().0, 0);
        assert_eq!(windows.last().unwrap().1, PATH_SAMPLES);
        assert!(windows
            .windows(2)
            .all(|w| w[0].1 == w[1].0 && w[0].0 < w[0].1));
        assert!(windows.len() >= 4, "{} windows", windows.len());
        // every unknown the whole path reaches lies in some window, and only those
        let whole = reach.reached(&layout, (0, PATH_SAMPLES), false).0;
        let regions: Vec<Vec<bool>> = windows
            .iter()
            .map(|&w| reach.reached(&layout, w, false).0)
            .collect();
        for (i, &kept) in whole.iter().enumerate() {
            assert_eq!(kept, regions.iter().any(|r| r[i]), "unknown {i}");
        }
        // each window keeps less than the whole path
        let count = |r: &[bool]| r.iter().filter(|&&k| k).count();
        let largest = regions.iter().map(|r| count(r)).max().unwrap();
        assert!(largest < count(&whole), "{largest} of {}", count(&whole));
    }

    #[test]
    fn whole_path_region_matches_a_direct_scoring() {
        // independent of the first/last bookkeeping: an unknown is reached when its sector's
        // product-state weight at some sample is within e^-50 of that sample's largest
        let (reach, layout, _) = reach_and_windows(0);
        let m = 200usize;
        let ln_d = ln_degeneracies(m);
        // Fermi-Dirac at the ancillas' (omega - mu) / T = (1 - 4) / 1
        let p_end = 1.0 / ((-3.0f64).exp() + 1.0);
        let score = |l: usize, s: usize, p: f64| {
            let tj = m - 2 * l;
            let term = |k: usize| ln_binomial_term(k as f64, m as f64, (p.ln(), (1.0 - p).ln()));
            let a = if s >= 1 {
                term(l + s - 1)
            } else {
                f64::NEG_INFINITY
            };
            let b = if s <= tj {
                term(l + s)
            } else {
                f64::NEG_INFINITY
            };
            ln_d[l] + a.max(b)
        };
        let mut reached = vec![vec![false; m + 2]; layout.blocks()];
        for sample in 0..=PATH_SAMPLES {
            let p = p_end * sample as f64 / PATH_SAMPLES as f64;
            let mut best = f64::NEG_INFINITY;
            for l in 0..layout.blocks() {
                for s in 0..=m - 2 * l + 1 {
                    best = best.max(score(l, s, p));
                }
            }
            for (l, row) in reached.iter_mut().enumerate() {
                for (s, r) in row.iter_mut().enumerate().take(m - 2 * l + 2) {
                    *r |= score(l, s, p) >= best - 50.0;
                }
            }
        }
        let whole = reach.reached(&layout, (0, PATH_SAMPLES), false).0;
        let mut i = 0;
        for (l, row) in reached.iter().enumerate() {
            let tj = layout.tj(l);
            for k in 0..block_len(tj) {
                let (s, _) = local_pair(tj, k);
                assert_eq!(whole[i], row[s], "block {l}, sector {s}");
                i += 1;
            }
        }
        assert!(
            whole.iter().any(|&r| !r),
            "the path must leave some of the layout out"
        );
    }
}
