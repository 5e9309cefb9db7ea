//! Geometric nested dissection of the Dicke-basis unknowns: the elimination order and fronts
//! ([`Dissection`]) of the multifrontal LU.
//!
//! Sector `s` of block `l` (`2j = M - 2l`) is the grid node `(l, K)`, `K = l + s` its number
//! of excitations, `l <= K <= M + 1 - l`. Every coupling of the Liouvillian changes `K` by
//! exactly one and `l` by at most one (jumps change one excitation, local ancilla jumps move
//! `j` by at most one; the Hamiltonian stays inside the node). So the nodes of one line
//! `K = const`, or of one line `l = const`, separate the grid: the graph is two-dimensional
//! and recursive bisection by such lines (George, SIAM J. Numer. Anal. 10, 345 (1973)) gives
//! the fill-reducing elimination order. Each separator (or leaf) is a *front*: its own
//! unknowns plus a boundary, the unknowns of the ring of nodes around its box, which belong to
//! the separators of its ancestors.
//!
//! This depends only on `M` and on which unknowns are active, so it can be reused for every
//! model with the same `N`.

use super::grid::{Grid, GridBox};
use super::layout::Layout;
use crate::linalg::frontal::{Dissection, Front};

/// Fronts with at most this many grid nodes are not bisected further.
const LEAF_NODES: usize = 16;

/// Dissects the unknowns of `layout` for which `active` holds.
pub(crate) fn dissect(layout: &Layout, active: &dyn Fn(usize) -> bool) -> Dissection {
    let m = layout.ancillas;
    let grid = Grid::new(layout, active);
    let root = GridBox {
        l0: 0,
        l1: m / 2,
        k0: 0,
        k1: m + 1,
    };
    let mut order = Vec::new();
    let mut fronts = Vec::new();
    let mut boxes = Vec::new();
    build(&grid, root, &mut order, &mut fronts, &mut boxes);
    let mut position = vec![usize::MAX; layout.len()];
    for (e, &i) in order.iter().enumerate() {
        position[i] = e;
    }
    // boundaries: the ring of kept nodes around each box, adjacent to it
    let mut scratch = Vec::new();
    for (f, b) in fronts.iter_mut().zip(&boxes) {
        let mut boundary = Vec::new();
        for (l, k) in grid.ring_nodes(b) {
            scratch.clear();
            grid.unknowns(l, k, &mut scratch);
            boundary.extend(scratch.iter().map(|&i| position[i]));
        }
        boundary.sort_unstable();
        f.boundary = boundary;
    }
    for p in 0..fronts.len() {
        for c in fronts[p].children.clone() {
            let map = fronts[c]
                .boundary
                .iter()
                .map(|&i| {
                    fronts[p]
                        .position(i)
                        .expect("a child's boundary lies in its parent's front")
                        as u32
                })
                .collect();
            fronts[c].parent_map = map;
        }
    }
    Dissection {
        order,
        position,
        fronts,
    }
}

/// Builds the fronts of box `b` in postorder; returns the index of its front, or `None` when
/// it holds no active unknown.
fn build(
    grid: &Grid,
    b: GridBox,
    order: &mut Vec<usize>,
    fronts: &mut Vec<Front>,
    boxes: &mut Vec<GridBox>,
) -> Option<usize> {
    let count = grid.count(&b);
    if count == 0 {
        return None;
    }
    let mut children = Vec::new();
    let mut own_box = b;
    let mut own_nodes: Vec<(usize, usize)> = Vec::new();
    let cut = if count > LEAF_NODES {
        choose_cut(grid, &b)
    } else {
        None
    };
    match cut {
        Some(Cut::K(kc)) => {
            for side in [GridBox { k1: kc - 1, ..b }, GridBox { k0: kc + 1, ..b }] {
                children.extend(build(grid, side, order, fronts, boxes));
            }
            own_box = GridBox {
                k0: kc,
                k1: kc,
                ..b
            };
        }
        Some(Cut::L(lc)) => {
            for side in [GridBox { l1: lc - 1, ..b }, GridBox { l0: lc + 1, ..b }] {
                children.extend(build(grid, side, order, fronts, boxes));
            }
            own_box = GridBox {
                l0: lc,
                l1: lc,
                ..b
            };
        }
        None => {}
    }
    for l in own_box.l0..=own_box.l1.min(grid.last_l) {
        let (lo, hi) = grid.k_range(&own_box, l);
        for k in lo..=hi {
            own_nodes.push((l, k));
        }
    }
    let start = order.len();
    for (l, k) in own_nodes {
        grid.unknowns(l, k, order);
    }
    if order.len() == start && children.is_empty() {
        return None;
    }
    fronts.push(Front {
        start,
        end: order.len(),
        boundary: Vec::new(),
        children,
        parent_map: Vec::new(),
    });
    boxes.push(b);
    Some(fronts.len() - 1)
}

enum Cut {
    K(usize),
    L(usize),
}

/// The separating line for box `b`: among the `K = const` and `l = const` lines through the
/// middle of the box's extent or through its median node, the one minimising a cost model of
/// this front and its two children (`2 n1 n2^2 + n1^3` for the own front, with `n2` its ring;
/// `2 sqrt(area) ring^2` for each child, whose separator will be about `sqrt(area)`). Short
/// rings matter most: the Schur complement update `2 n1 n2^2` dominates the flops.
fn choose_cut(grid: &Grid, b: &GridBox) -> Option<Cut> {
    let k_lines: Vec<usize> = (b.k0..=b.k1)
        .map(|kc| {
            grid.count(&GridBox {
                k0: kc,
                k1: kc,
                ..*b
            })
        })
        .collect();
    let l_lines: Vec<usize> = (b.l0..=b.l1.min(grid.last_l))
        .map(|lc| {
            grid.count(&GridBox {
                l0: lc,
                l1: lc,
                ..*b
            })
        })
        .collect();
    let count: usize = k_lines.iter().sum();
    let mut candidates = Vec::new();
    for i in [middle_line(&k_lines), median_line(&k_lines, count)]
        .into_iter()
        .flatten()
    {
        candidates.push(Cut::K(b.k0 + i));
    }
    for i in [middle_line(&l_lines), median_line(&l_lines, count)]
        .into_iter()
        .flatten()
    {
        candidates.push(Cut::L(b.l0 + i));
    }
    let ring_here = grid.ring(b) as f64;
    let cost = |c: &Cut| -> f64 {
        let (sep, sides) = match *c {
            Cut::K(kc) => (
                k_lines[kc - b.k0],
                [GridBox { k1: kc - 1, ..*b }, GridBox { k0: kc + 1, ..*b }],
            ),
            Cut::L(lc) => (
                l_lines[lc - b.l0],
                [GridBox { l1: lc - 1, ..*b }, GridBox { l0: lc + 1, ..*b }],
            ),
        };
        let sep = sep as f64;
        let mut total = 2.0 * sep * ring_here * ring_here + sep * sep * sep;
        for side in sides {
            let area = grid.count(&side) as f64;
            let ring = grid.ring(&side) as f64;
            total += 2.0 * area.sqrt() * ring * ring;
        }
        total
    };
    candidates
        .into_iter()
        .map(|c| (cost(&c), c))
        .min_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

/// The middle line between the first and last non-empty `lines`, if it leaves nodes on both
/// sides.
fn middle_line(lines: &[usize]) -> Option<usize> {
    let first = lines.iter().position(|&n| n > 0)?;
    let last = lines.iter().rposition(|&n| n > 0)?;
    let mid = (first + last) / 2;
    (mid > first && mid < last).then_some(mid)
}

/// The line holding the median node, if it leaves nodes on both sides.
fn median_line(lines: &[usize], count: usize) -> Option<usize> {
    let mut below = 0;
    for (i, &here) in lines.iter().enumerate() {
        if 2 * (below + here) >= count && below > 0 {
            return (below + here < count).then_some(i);
        }
        below += here;
    }
    None
}
