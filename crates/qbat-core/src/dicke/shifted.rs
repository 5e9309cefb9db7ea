//! The Dicke-basis Liouvillian on the part of the grid a trajectory reaches, with the
//! factorised shifted matrix `I - sigma L`: what the rational (shift-and-invert) Krylov
//! exponential of `crate::dynamics` needs to evolve networks of a thousand qubits.
//!
//! Which unknowns are kept ([`Reach`]), window of time by window ([`Window`]):
//! - individual reservoirs: every block is reachable (local jumps move `j` by one), but the
//!   state stays where the uncoupled product state along its relaxation path has weight
//!   ([`PathReach`]); a window keeps the unknowns within `e^-width` of the largest such weight
//!   at some point of the path during its times (the `x` parts are dropped when the battery
//!   and ancilla frequencies agree: nothing feeds them, as in the steady-state solver). The
//!   probability flux out of the kept region, `||L_{dropped, kept} x||`, is returned by
//!   [`ShiftedDicke::leak`], and [`ShiftedDicke::transfer`] moves a state to the next window's
//!   region, returning what it drops; with the leak's time integral that bounds the truncation
//!   error, and the caller widens the regions when it is not negligible.
//! - collective reservoir: `j` is conserved, so the blocks of the initial state are kept
//!   exactly (the top block from all-ground or all-excited, all blocks from the mixed state).
//!
//! Vectors are indexed in the elimination order of the nested dissection ([`Dissection`]), so a
//! solve with the multifrontal factors needs no permutation.

use super::assemble::assemble;
use super::block::BlockGenerator;
use super::generators::{self, applies};
use super::layout::{total_len, Layout, Part};
use super::local::LocalRates;
use super::nested::dissect;
use super::reduce::{Reduced, Sums};
use super::region::{PathReach, Samples, PATH_SAMPLES};
use super::system::layout_initial_state;
use crate::error::SolveError;
use crate::linalg::frontal::{Dissection, Factors};
use crate::linalg::sparse::{Csc, Csr};
use crate::model::{Dissipation, InitialState, Model};
use crate::options::Method;
use std::sync::{Arc, Mutex};

/// Factorisations kept at once (a trajectory moves through shifts of growing size).
const CACHED_FACTORS: usize = 2;

/// The reachable part of the Dicke representation of a model and the LU of `I - sigma L` on it.
pub(crate) struct ShiftedDicke {
    layout: Layout,
    generator: BlockGenerator,
    dissection: Dissection,
    /// `L` over the layout (kept columns only), the source of every shifted matrix.
    l: Csc,
    /// Which layout unknowns are kept.
    active: Vec<bool>,
    /// Factorisations of `I - sigma L` by `sigma`, the most recently used last.
    factors: Mutex<Vec<(f64, Arc<Factors>)>>,
    /// `L` on the kept unknowns, by rows in elimination order.
    inside: Csr<f64>,
    /// The rows of `L` of dropped unknowns reached from kept ones.
    outside: Csr<f64>,
    /// Width (e-folds) of the kept region; `INFINITY` when nothing reachable was dropped.
    pub width: f64,
    /// Stored entries of `L` on the kept unknowns.
    pub nonzeros: usize,
    /// Largest absolute row sum of `L` on the kept unknowns.
    pub norm_inf: f64,
    /// Positions (elimination order) of the population unknowns.
    populations: Vec<usize>,
    /// The sectors with kept unknowns, for the reduction.
    sectors: Vec<KeptSector>,
    /// Number of sectors of the layout.
    all_sectors: usize,
}

/// Which unknowns the windows of a trajectory keep: for individual reservoirs, where the
/// uncoupled relaxation path goes ([`PathReach`], `width` e-folds); for a collective
/// reservoir, the blocks of the initial state (one window, the whole trajectory).
pub(crate) struct Reach {
    layout: Layout,
    generator: BlockGenerator,
    local: Option<LocalRates>,
    /// The path's reach, or (collective) the number of leading blocks kept.
    path: Result<PathReach, usize>,
    /// The `x` parts are dropped (battery and ancilla frequencies agree: nothing feeds them).
    decoupled: bool,
    width: f64,
    layout_bytes: u64,
}

/// A stretch of a trajectory, `start <= t < end`, and the path samples it spans.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Window {
    samples: Samples,
    pub start: f64,
    pub end: f64,
}

impl Reach {
    /// The reach of trajectories of `model` from `initial` (`width` e-folds of the a-priori
    /// weight for individual reservoirs; `INFINITY` keeps everything).
    ///
    /// # Errors
    /// `NotApplicable` without the permutation symmetry, `TooLarge` when the arrays over the
    /// layout exceed `limit_bytes`.
    pub(crate) fn new(
        model: &Model,
        initial: InitialState,
        width: f64,
        limit_bytes: u64,
    ) -> Result<Reach, SolveError> {
        applies(model).map_err(|reason| SolveError::NotApplicable {
            method: Method::Symmetric,
            reason,
        })?;
        let layout_bytes = ShiftedDicke::check_layout(model, limit_bytes)?;
        let layout = Layout::new(model.n - 1);
        Ok(match model.dissipation {
            Dissipation::Individual => {
                let (generator, rates) = generators::individual(model);
                let p_start = match initial {
                    InitialState::Ground => 0.0,
                    InitialState::Excited => 1.0,
                    InitialState::Mixed => 0.5,
                };
                Reach {
                    path: Ok(PathReach::new(&layout, &rates, p_start, width)),
                    decoupled: generator.omega_battery == generator.omega_ancilla,
                    layout,
                    generator,
                    local: Some(rates),
                    width,
                    layout_bytes,
                }
            }
            Dissipation::Collective => {
                let blocks = match initial {
                    InitialState::Mixed => layout.blocks(),
                    _ => 1,
                };
                Reach {
                    layout,
                    generator: generators::collective(model),
                    local: None,
                    path: Err(blocks),
                    decoupled: false,
                    width: f64::INFINITY,
                    layout_bytes,
                }
            }
        })
    }

    /// The whole trajectory as one window.
    pub(crate) fn whole(&self) -> Window {
        Window {
            samples: (0, PATH_SAMPLES),
            start: 0.0,
            end: f64::INFINITY,
        }
    }

    /// Consecutive windows covering every time ([`PathReach::windows`] with regions up to
    /// `floor` unknowns always allowed; one window for a collective reservoir).
    pub(crate) fn windows(&self, floor: usize) -> Vec<Window> {
        let Ok(path) = &self.path else {
            return vec![self.whole()];
        };
        path.windows(&self.layout, self.decoupled, floor)
            .into_iter()
            .map(|samples| Window {
                samples,
                start: path.time(samples.0),
                end: path.time(samples.1),
            })
            .collect()
    }

    /// The unknowns kept in `window` (layout order), and whether any reachable one is
    /// dropped.
    fn active(&self, window: &Window) -> (Vec<bool>, bool) {
        match &self.path {
            Ok(path) => path.reached(&self.layout, window.samples, self.decoupled),
            Err(blocks) => {
                let mut active = vec![false; self.layout.len()];
                active[..self.layout.offset(*blocks)].fill(true);
                (active, false)
            }
        }
    }
}

impl ShiftedDicke {
    /// The region of the whole trajectory of `model` from `initial` ([`Reach::new`],
    /// [`ShiftedDicke::window`] of [`Reach::whole`]).
    ///
    /// # Errors
    /// Those of [`Reach::new`] and [`ShiftedDicke::window`].
    #[cfg(test)]
    pub(crate) fn new(
        model: &Model,
        initial: InitialState,
        width: f64,
        limit_bytes: u64,
    ) -> Result<ShiftedDicke, SolveError> {
        let reach = Reach::new(model, initial, width, limit_bytes)?;
        ShiftedDicke::window(&reach, &reach.whole(), limit_bytes)
    }

    /// The unknowns `reach` keeps in `window`, checking that [`CACHED_FACTORS`]
    /// factorisations of `I - sigma L` fit in `limit_bytes`.
    ///
    /// # Errors
    /// `TooLarge` beyond `limit_bytes`.
    pub(crate) fn window(
        reach: &Reach,
        window: &Window,
        limit_bytes: u64,
    ) -> Result<ShiftedDicke, SolveError> {
        let layout = reach.layout.clone();
        let (active, dropped) = reach.active(window);
        let width = if dropped { reach.width } else { f64::INFINITY };
        let is_active = |i: usize| active[i];
        let dissection = dissect(&layout, &is_active);
        let kept = dissection.order.len();
        // the factors, the shifted and plain matrices (about 12 entries of 16 bytes per
        // unknown, three copies), the Krylov basis (at most 100 vectors) and the arrays over
        // the layout
        let needed_bytes = CACHED_FACTORS as u64 * dissection.factor_bytes()
            + 3 * 16 * 12 * kept as u64
            + 8 * 100 * kept as u64
            + reach.layout_bytes;
        if needed_bytes > limit_bytes {
            return Err(SolveError::TooLarge {
                method: Method::Symmetric,
                solver: None,
                needed_bytes,
                limit_bytes,
            });
        }
        let generator = reach.generator.clone();
        let (l, _) = assemble(&layout, &generator, reach.local.as_ref(), None, &is_active);
        let (inside, outside) = split_rows(&l, &dissection);
        let norm_inf = inside.norm_inf();
        let (sectors, all_sectors) = kept_sectors(&layout, &dissection);
        let populations = sectors
            .iter()
            .flat_map(|sector| [sector.parts[0], sector.parts[1]])
            .filter(|&p| p != u32::MAX)
            .map(|p| p as usize)
            .collect();
        Ok(ShiftedDicke {
            populations,
            sectors,
            all_sectors,
            layout,
            generator,
            nonzeros: inside.nnz(),
            norm_inf,
            dissection,
            l,
            active,
            factors: Mutex::new(Vec::new()),
            inside,
            outside,
            width,
        })
    }

    /// `x`, a state on `from`'s unknowns, on this region's: entries this region does not keep
    /// are dropped (their 2-norm is returned, an error of the transfer), those it adds are 0.
    pub(crate) fn transfer(&self, from: &ShiftedDicke, x: &[f64]) -> (Vec<f64>, f64) {
        let mut out = vec![0.0; self.len()];
        let mut dropped = 0.0;
        for (&i, &v) in from.dissection.order.iter().zip(x) {
            match self.dissection.position[i] {
                usize::MAX => dropped += v * v,
                e => out[e] = v,
            }
        }
        (out, dropped.sqrt())
    }

    /// The bytes of the per-unknown arrays over the whole layout (weights, parts, masks, the
    /// scattered state of every sample), refused before anything is allocated.
    ///
    /// # Errors
    /// `TooLarge` beyond `limit_bytes`.
    pub(crate) fn check_layout(model: &Model, limit_bytes: u64) -> Result<u64, SolveError> {
        let layout_bytes = 64 * total_len(model.n.saturating_sub(1) as u64);
        if layout_bytes > limit_bytes {
            return Err(SolveError::TooLarge {
                method: Method::Symmetric,
                solver: None,
                needed_bytes: layout_bytes,
                limit_bytes,
            });
        }
        Ok(layout_bytes)
    }

    /// Number of kept unknowns.
    pub(crate) fn len(&self) -> usize {
        self.dissection.order.len()
    }

    /// `b <- (I - sigma L)^{-1} b`, factorising `I - sigma L` on first use of `sigma`.
    ///
    /// # Errors
    /// `SingularPivot` when a pivot vanishes.
    pub(crate) fn solve(&self, sigma: f64, b: &mut [f64]) -> Result<(), SolveError> {
        self.factors(sigma)?.solve_ordered(&self.dissection, b);
        Ok(())
    }

    /// [`ShiftedDicke::solve`] with the root's subtrees swept at once only when both hold at
    /// least `parallel` unknowns (the tests' comparison of the two sweeps).
    #[cfg(test)]
    pub(crate) fn solve_split(
        &self,
        sigma: f64,
        b: &mut [f64],
        parallel: usize,
    ) -> Result<(), SolveError> {
        self.factors(sigma)?
            .solve_split(&self.dissection, b, parallel);
        Ok(())
    }

    /// The factors of `I - sigma L`, from the cache or factorised now.
    fn factors(&self, sigma: f64) -> Result<Arc<Factors>, SolveError> {
        Ok({
            let mut cache = self.factors.lock().expect("no panics while locked");
            match cache.iter().position(|(s, _)| *s == sigma) {
                Some(k) => {
                    let entry = cache.remove(k);
                    cache.push(entry);
                }
                None => {
                    if cache.len() == CACHED_FACTORS {
                        cache.remove(0);
                    }
                    let active = |i: usize| self.active[i];
                    let factors = Factors::new(&shifted(&self.l, sigma, &active), &self.dissection)
                        .map_err(|pivot| {
                            pivot.error(
                                Method::Symmetric,
                                format!("LU of I - sigma L (sigma = {sigma:e})"),
                            )
                        })?;
                    cache.push((sigma, Arc::new(factors)));
                }
            }
            Arc::clone(&cache.last().expect("just pushed").1)
        })
    }

    /// `y = L x` on the kept unknowns (the tests' residual checks).
    #[cfg(test)]
    pub(crate) fn apply(&self, x: &[f64], y: &mut [f64]) {
        y.iter_mut()
            .enumerate()
            .for_each(|(r, v)| *v = self.inside.row_dot(r, x));
    }

    /// `||L_{dropped, kept} x||_2`: the rate at which `x` leaks out of the kept region.
    pub(crate) fn leak(&self, x: &[f64]) -> f64 {
        (0..self.outside.rows())
            .map(|r| self.outside.row_dot(r, x).powi(2))
            .sum::<f64>()
            .sqrt()
    }

    /// The entries of a layout-indexed vector at the kept unknowns, in elimination order (what
    /// lies outside is dropped: the initial state's weight there is below `e^-width` of the
    /// largest, and the stationary state's as well).
    pub(crate) fn restrict(&self, full: &[f64]) -> Vec<f64> {
        self.dissection.order.iter().map(|&i| full[i]).collect()
    }

    /// [`ShiftedDicke::restrict`], and the 2-norm of the entries dropped.
    pub(crate) fn restrict_counting(&self, full: &[f64]) -> (Vec<f64>, f64) {
        let lost: f64 = full
            .iter()
            .zip(&self.dissection.position)
            .filter(|&(_, &p)| p == usize::MAX)
            .map(|(v, _)| v * v)
            .sum();
        (self.restrict(full), lost.sqrt())
    }

    /// `tr rho` of `x`: the sum of its population (`a` and `b`) unknowns.
    pub(crate) fn trace(&self, x: &[f64]) -> f64 {
        self.populations.iter().map(|&i| x[i]).sum()
    }

    /// The initial state on the kept unknowns ([`layout_initial_state`] restricted).
    pub(crate) fn initial_state(&self, initial: InitialState) -> Vec<f64> {
        self.restrict(&layout_initial_state(&self.layout, initial))
    }

    /// `L` on the kept unknowns by rows, elimination order.
    pub(crate) fn rows(&self) -> &Csr<f64> {
        &self.inside
    }

    /// Battery populations, ancilla population, energy and smallest eigenvalue of `x`, summed
    /// over the kept sectors only (the others are zero).
    pub(crate) fn reduce(&self, x: &[f64]) -> Reduced {
        let mut sums = Sums::new(self.layout.ancillas, &self.generator);
        for sector in &self.sectors {
            let value = |p: u32| if p == u32::MAX { 0.0 } else { x[p as usize] };
            sums.add(
                sector.tj as usize,
                sector.s as usize,
                sector.parts.map(value),
            );
        }
        sums.finish(self.sectors.len() == self.all_sectors)
    }
}

/// A sector with kept unknowns: block, sector, and the positions of `a, b, x, y` in
/// elimination order (`u32::MAX` when missing or dropped).
#[derive(Clone, Copy, Debug)]
struct KeptSector {
    tj: u32,
    s: u32,
    parts: [u32; 4],
}

/// The kept sectors in layout order, and the number of all sectors.
fn kept_sectors(layout: &Layout, d: &Dissection) -> (Vec<KeptSector>, usize) {
    let mut sectors = Vec::new();
    let mut all = 0;
    for l in 0..layout.blocks() {
        let tj = layout.tj(l);
        for s in 0..=tj + 1 {
            all += 1;
            let parts = Part::ALL.map(|p| {
                layout
                    .index(tj, s, p)
                    .map(|i| d.position[i])
                    .filter(|&e| e != usize::MAX)
                    .map_or(u32::MAX, |e| e as u32)
            });
            if parts.iter().any(|&p| p != u32::MAX) {
                sectors.push(KeptSector {
                    tj: tj as u32,
                    s: s as u32,
                    parts,
                });
            }
        }
    }
    (sectors, all)
}

/// `I - sigma L` on the active columns (every active column of `L` holds its diagonal entry,
/// the local loss or the block generator's; one is added when it does not).
fn shifted(l: &Csc, sigma: f64, active: &dyn Fn(usize) -> bool) -> Csc {
    let mut out = Csc {
        dim: l.dim,
        col_ptr: vec![0],
        row_idx: Vec::with_capacity(l.row_idx.len() + l.dim),
        values: Vec::with_capacity(l.row_idx.len() + l.dim),
    };
    for c in 0..l.dim {
        let mut diagonal = false;
        for k in l.col_ptr[c]..l.col_ptr[c + 1] {
            let r = l.row_idx[k];
            if r == c {
                diagonal = true;
                out.row_idx.push(r);
                out.values.push(1.0 - sigma * l.values[k]);
            } else {
                if r > c && !diagonal && active(c) {
                    out.row_idx.push(c);
                    out.values.push(1.0);
                    diagonal = true;
                }
                out.row_idx.push(r);
                out.values.push(-sigma * l.values[k]);
            }
        }
        if !diagonal && active(c) {
            out.row_idx.push(c);
            out.values.push(1.0);
        }
        out.col_ptr.push(out.row_idx.len());
    }
    out
}

/// The rows of `L` (active columns only) in elimination order: those of kept unknowns, and
/// those of dropped unknowns with at least one entry.
fn split_rows(l: &Csc, d: &Dissection) -> (Csr<f64>, Csr<f64>) {
    let n = d.order.len();
    let mut inside: Vec<Vec<(usize, f64)>> = vec![Vec::new(); n];
    let mut outside: std::collections::BTreeMap<usize, Vec<(usize, f64)>> = Default::default();
    for (new_c, &old_c) in d.order.iter().enumerate() {
        for k in l.col_ptr[old_c]..l.col_ptr[old_c + 1] {
            let (r, v) = (l.row_idx[k], l.values[k]);
            match d.position[r] {
                usize::MAX => outside.entry(r).or_default().push((new_c, v)),
                pos => inside[pos].push((new_c, v)),
            }
        }
    }
    (
        Csr::from_row_lists(n, &mut inside.into_iter()),
        Csr::from_row_lists(n, &mut outside.into_values()),
    )
}
