//! The grid of Dicke-basis nodes: sector `s` of block `l` is node `(l, K = l + s)`.
//!
//! Nodes holding an active unknown are *kept*; 2D prefix sums give the number of kept nodes in
//! any box in constant time, which the nested dissection ([`nested`](super::nested)) uses to
//! place its cuts.

use super::layout::{parts, Layout};

/// A box of nodes: blocks `l0..=l1`, excitation numbers `k0..=k1`.
#[derive(Clone, Copy, Debug)]
pub(crate) struct GridBox {
    /// First block.
    pub l0: usize,
    /// Last block.
    pub l1: usize,
    /// First excitation number.
    pub k0: usize,
    /// Last excitation number.
    pub k1: usize,
}

/// The grid of nodes, those holding an active unknown marked, with prefix sums for counts.
pub(crate) struct Grid<'a> {
    layout: &'a Layout,
    active: &'a dyn Fn(usize) -> bool,
    /// Largest block index `l`.
    pub last_l: usize,
    /// Largest excitation number `M + 1`.
    pub top: usize,
    /// `kept[l * width + K]`: node `(l, K)` exists and holds an active unknown.
    kept: Vec<bool>,
    /// `prefix[(l + 1) * (width + 1) + K + 1]`: kept nodes with `l' <= l`, `K' <= K`.
    prefix: Vec<u32>,
}

impl<'a> Grid<'a> {
    pub(crate) fn new(layout: &'a Layout, active: &'a dyn Fn(usize) -> bool) -> Grid<'a> {
        let m = layout.ancillas;
        let (last_l, top) = (m / 2, m + 1);
        let width = top + 1;
        let mut grid = Grid {
            layout,
            active,
            last_l,
            top,
            kept: vec![false; (last_l + 1) * width],
            prefix: vec![0; (last_l + 2) * (width + 1)],
        };
        for l in 0..=last_l {
            let tj = layout.tj(l);
            for k in l..=top - l {
                let s = k - l;
                grid.kept[l * width + k] = parts(tj, s)
                    .iter()
                    .any(|&p| active(layout.index(tj, s, p).unwrap()));
            }
        }
        for l in 0..=last_l {
            for k in 0..width {
                let here = grid.kept[l * width + k] as u32;
                let i = (l + 1) * (width + 1) + k + 1;
                grid.prefix[i] = here + grid.prefix[i - 1] + grid.prefix[i - width - 1]
                    - grid.prefix[i - width - 2];
            }
        }
        grid
    }

    /// Range of `K` of block `l` inside the box (empty when `lo > hi`).
    pub(crate) fn k_range(&self, b: &GridBox, l: usize) -> (usize, usize) {
        (b.k0.max(l), b.k1.min(self.top - l))
    }

    /// Kept nodes inside the box.
    pub(crate) fn count(&self, b: &GridBox) -> usize {
        let width = self.top + 1;
        let l1 = b.l1.min(self.last_l);
        let k1 = b.k1.min(self.top);
        if b.l0 > l1 || b.k0 > k1 {
            return 0;
        }
        let at = |l: usize, k: usize| self.prefix[l * (width + 1) + k] as i64;
        (at(l1 + 1, k1 + 1) - at(b.l0, k1 + 1) - at(l1 + 1, b.k0) + at(b.l0, b.k0)) as usize
    }

    pub(crate) fn exists(&self, l: i64, k: i64) -> bool {
        l >= 0
            && l as usize <= self.last_l
            && k >= l
            && k <= self.top as i64 - l
            && self.kept[l as usize * (self.top + 1) + k as usize]
    }

    /// The kept nodes outside box `b` adjacent to a kept node inside it.
    pub(crate) fn ring_nodes(&self, b: &GridBox) -> Vec<(usize, usize)> {
        let (l0, l1, k0, k1) = (b.l0 as i64, b.l1 as i64, b.k0 as i64, b.k1 as i64);
        let inside = |l: i64, k: i64| l >= l0 && l <= l1 && k >= k0 && k <= k1;
        let mut out = Vec::new();
        let mut visit = |l: i64, k: i64| {
            if inside(l, k) || !self.exists(l, k) {
                return;
            }
            let touches = (-1..=1).any(|dl| {
                [-1, 1]
                    .iter()
                    .any(|dk| inside(l + dl, k + dk) && self.exists(l + dl, k + dk))
            });
            if touches {
                out.push((l as usize, k as usize));
            }
        };
        // the perimeter one step outside the box (clipped to the grid, which is all that
        // can exist)
        let (lo_l, hi_l) = ((l0 - 1).max(0), (l1 + 1).min(self.last_l as i64));
        let (lo_k, hi_k) = ((k0 - 1).max(0), (k1 + 1).min(self.top as i64));
        for l in lo_l..=hi_l {
            if l == l0 - 1 || l == l1 + 1 {
                for k in lo_k..=hi_k {
                    visit(l, k);
                }
            } else {
                if k0 > lo_k {
                    visit(l, k0 - 1);
                }
                if k1 < hi_k {
                    visit(l, k1 + 1);
                }
            }
        }
        out
    }

    /// Number of nodes in [`Grid::ring_nodes`].
    pub(crate) fn ring(&self, b: &GridBox) -> usize {
        self.ring_nodes(b).len()
    }

    /// Active layout indices of node `(l, K)`.
    pub(crate) fn unknowns(&self, l: usize, k: usize, out: &mut Vec<usize>) {
        let tj = self.layout.tj(l);
        let s = k - l;
        for &p in parts(tj, s) {
            let i = self.layout.index(tj, s, p).unwrap();
            if (self.active)(i) {
                out.push(i);
            }
        }
    }
}
