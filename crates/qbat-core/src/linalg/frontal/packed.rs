//! The factors packed for the triangular solves: every front's entries as row panels of
//! [`PANEL`] rows, each stored column by column, all fronts in one array per sweep in the
//! order that sweep reads them ([`Layout`]), so that a solve streams the factors front to
//! back, twice.
//!
//! A front of `n1` own unknowns and `n2` boundary ones has the factors `L = [L11; L21]`
//! (`(n1 + n2) x n1`, unit lower `L11`) and `U = [U11 U12]` (`n1 x (n1 + n2)`, upper `U11`).
//! - Forward panels (rows `r0..r1` of `L`, top down): the entries left of the panel's diagonal
//!   block (columns `0..min(r0, n1)`), then that block (`L11` rows only; strictly lower).
//! - Backward panels (rows `r0..r1` of `U`, bottom up): the entries right of the diagonal
//!   block (columns `r1..n1 + n2`), then that block (upper, with `1 / U_ii` on the diagonal).
//!
//! A panel's product with the solved part is one long loop of [`PANEL`]-wide updates, in
//! place of one short loop per factor column: at N = 1001 the fronts have 26 own and 78
//! boundary unknowns on average, and the loops over single columns of a column-major solve
//! cost more than reading the factors. The fronts' panels lie in postorder (forward) and in
//! reverse postorder (backward), so both sweeps read memory in ascending order: one stream
//! instead of one allocation per front (at N = 1001, 227 MB are read in 11 ms contiguously
//! against 19 ms from 9,000 separate arrays).

use super::tree::{Dissection, Front};
use faer::MatRef;
use std::ops::RangeInclusive;

/// Rows of a panel (a panel of fewer rows is padded with zeros).
const PANEL: usize = 8;

/// Lengths of the forward and backward panels of a front with `n1` own and `n2` boundary
/// unknowns.
fn packed_len(n1: usize, n2: usize) -> (usize, usize) {
    let mut forward = PANEL * n1 * n2.div_ceil(PANEL);
    let mut backward = 0;
    for r0 in (0..n1).step_by(PANEL) {
        let r1 = (r0 + PANEL).min(n1);
        forward += PANEL * r1;
        backward += PANEL * (n1 + n2 - r0);
    }
    (forward, backward)
}

/// Where every front's panels lie in the two arrays.
pub(super) struct Layout {
    /// Per front: the lengths of its forward and backward panels.
    len: Vec<(usize, usize)>,
    /// Per front: the same summed over its subtree (itself and its descendants).
    subtree: Vec<(usize, usize)>,
    /// Per front: the first front of its subtree (postorder: the subtree of `t` is
    /// `first[t]..=t`).
    first: Vec<usize>,
    /// Per front: where its forward panels start (postorder).
    forward: Vec<usize>,
    /// Per front: where its backward panels start (reverse postorder).
    backward: Vec<usize>,
    /// The largest front, own unknowns and boundary (a sweep's work area).
    widest: usize,
}

impl Layout {
    pub(super) fn new(d: &Dissection) -> Layout {
        let len: Vec<(usize, usize)> = d
            .fronts
            .iter()
            .map(|f| packed_len(f.own(), f.boundary.len()))
            .collect();
        let mut subtree = len.clone();
        let mut first: Vec<usize> = (0..len.len()).collect();
        for (t, front) in d.fronts.iter().enumerate() {
            // postorder: the children come first, in ascending order
            debug_assert!(
                front.children.windows(2).all(|c| c[0] < c[1])
                    && front.children.iter().all(|&c| c < t)
            );
            for &c in &front.children {
                subtree[t].0 += subtree[c].0;
                subtree[t].1 += subtree[c].1;
                first[t] = first[t].min(first[c]);
            }
        }
        let mut forward = Vec::with_capacity(len.len());
        let mut at = 0;
        for &(a, _) in &len {
            forward.push(at);
            at += a;
        }
        let mut backward = vec![0; len.len()];
        let mut at = 0;
        for (t, &(_, b)) in len.iter().enumerate().rev() {
            backward[t] = at;
            at += b;
        }
        Layout {
            len,
            subtree,
            first,
            forward,
            backward,
            widest: d
                .fronts
                .iter()
                .map(|f| f.own() + f.boundary.len())
                .max()
                .unwrap_or(0),
        }
    }

    /// Entries of both arrays.
    pub(super) fn entries(&self) -> (usize, usize) {
        let last = self.len.len().saturating_sub(1);
        self.subtree.get(last).copied().unwrap_or((0, 0))
    }

    /// Splits the parts of the arrays that hold the subtree of `t` (`forward`, `backward`)
    /// into `t`'s own panels and its children's subtrees (with the children's indices).
    #[allow(clippy::type_complexity)]
    pub(super) fn split<'a>(
        &self,
        front: &Front,
        t: usize,
        forward: &'a mut [f64],
        backward: &'a mut [f64],
    ) -> (
        (&'a mut [f64], &'a mut [f64]),
        Vec<(usize, &'a mut [f64], &'a mut [f64])>,
    ) {
        let (children_forward, own_forward) = forward.split_at_mut(forward.len() - self.len[t].0);
        let (own_backward, children_backward) = backward.split_at_mut(self.len[t].1);
        // postorder: the children's subtrees in the order of the children, reversed backward
        let children = &front.children;
        let mut parts = Vec::with_capacity(children.len());
        let mut rest = children_forward;
        for &c in children {
            let (part, tail) = rest.split_at_mut(self.subtree[c].0);
            parts.push((c, part));
            rest = tail;
        }
        let mut backward_parts = Vec::with_capacity(children.len());
        let mut rest = children_backward;
        for &c in children.iter().rev() {
            let (part, tail) = rest.split_at_mut(self.subtree[c].1);
            backward_parts.push(part);
            rest = tail;
        }
        backward_parts.reverse();
        let children = parts
            .into_iter()
            .zip(backward_parts)
            .map(|((c, f), b)| (c, f, b))
            .collect();
        ((own_forward, own_backward), children)
    }

    /// Front `t`'s forward panels in `forward`.
    fn forward_of<'a>(&self, t: usize, forward: &'a [f64]) -> &'a [f64] {
        &forward[self.forward[t]..self.forward[t] + self.len[t].0]
    }

    /// Front `t`'s backward panels in `backward`.
    fn backward_of<'a>(&self, t: usize, backward: &'a [f64]) -> &'a [f64] {
        &backward[self.backward[t]..self.backward[t] + self.len[t].1]
    }
}

/// Packs `lower = [L11 \ U11; L21]` (`(n1 + n2) x n1`: unit lower `L11` below the diagonal,
/// `U11` on and above it) and `u12` (`n1 x n2`) into a front's panels.
pub(super) fn pack(
    lower: MatRef<f64>,
    u12: MatRef<f64>,
    forward: &mut [f64],
    backward: &mut [f64],
) {
    let (n1, n2) = (lower.ncols(), u12.ncols());
    let mut out = forward.iter_mut();
    let mut put = |h: usize, values: &mut dyn Iterator<Item = f64>| put_column(&mut out, h, values);
    for r0 in (0..n1).step_by(PANEL) {
        let r1 = (r0 + PANEL).min(n1);
        for k in 0..r1 {
            // left of the diagonal block, then its strictly lower part
            put(
                r1 - r0,
                &mut (r0..r1).map(|i| if i > k { lower[(i, k)] } else { 0.0 }),
            );
        }
    }
    for r0 in (n1..n1 + n2).step_by(PANEL) {
        let r1 = (r0 + PANEL).min(n1 + n2);
        for k in 0..n1 {
            put(r1 - r0, &mut (r0..r1).map(|i| lower[(i, k)]));
        }
    }
    let mut out = backward.iter_mut();
    let mut put = |h: usize, values: &mut dyn Iterator<Item = f64>| put_column(&mut out, h, values);
    let u = |i: usize, k: usize| {
        if k < n1 {
            lower[(i, k)]
        } else {
            u12[(i, k - n1)]
        }
    };
    for r0 in (0..n1).step_by(PANEL).rev() {
        let r1 = (r0 + PANEL).min(n1);
        for k in (r1..n1 + n2).chain(r0..r1) {
            // right of the diagonal block, then its upper part, with 1 / U_ii on the diagonal
            let entry = |i: usize| match i.cmp(&k) {
                std::cmp::Ordering::Less => u(i, k),
                std::cmp::Ordering::Equal => 1.0 / u(i, k),
                std::cmp::Ordering::Greater => 0.0,
            };
            put(r1 - r0, &mut (r0..r1).map(entry));
        }
    }
}

/// Writes one column of a panel (`h` values, then zeros up to [`PANEL`]) to `out`.
fn put_column(out: &mut std::slice::IterMut<f64>, h: usize, values: &mut dyn Iterator<Item = f64>) {
    for v in values.chain((h..PANEL).map(|_| 0.0)) {
        *out.next().expect("panel lengths from packed_len") = v;
    }
}

/// The packed factors of every front of a dissection, with the row permutations.
pub(super) struct Packed {
    pub(super) layout: Layout,
    pub(super) forward: Vec<f64>,
    pub(super) backward: Vec<f64>,
    /// Per front: row `i` of `P F11` is row `perm[i]` of `F11`.
    pub(super) perms: Vec<Vec<usize>>,
}

impl Packed {
    /// Solves `A x = b` in place, `b` indexed in elimination order.
    ///
    /// Both sweeps work in `b` itself, front by front: the forward sweep (postorder) replaces
    /// a front's own entries by `y = L11^{-1} P b_own` and subtracts `L21 y` from its boundary
    /// entries, which belong to later fronts; the backward sweep (reverse postorder) replaces
    /// `y` by `x = U11^{-1} (y - U12 x_boundary)`, the boundary already solved. Nothing is
    /// allocated per front.
    ///
    /// When the root has two children with at least `parallel` unknowns each, their subtrees
    /// are swept at once (the solve is bound by memory bandwidth, which two cores share
    /// better than one uses): a subtree writes its own range of `b` and reads or updates only
    /// the root's unknowns outside it (nested dissection: the ring around a box lies on its
    /// ancestors' separators), which each task keeps in a private copy.
    pub(super) fn solve(&self, d: &Dissection, b: &mut [f64], parallel: usize) {
        let mut work = Vec::with_capacity(self.layout.widest);
        let root = d.fronts.len() - 1;
        let front = &d.fronts[root];
        let range = |c: usize| d.fronts[self.layout.first[c]].start..d.fronts[c].end;
        // postorder: the subtrees of the two children, then the root's own unknowns
        let split = match front.children[..] {
            [c0, c1] => {
                let (r0, r1) = (range(c0), range(c1));
                let parts = r0.start == 0 && r0.end == r1.start && r1.end == front.start;
                (parts && r0.len() >= parallel && r1.len() >= parallel).then_some((c0, c1))
            }
            _ => None,
        };
        let Some((c0, c1)) = split else {
            let mut view = View::whole(b);
            self.forward_sweep(d, 0..=root, &mut view, &mut work);
            self.backward_sweep(d, 0..=root, &mut view, &mut work);
            return;
        };
        let (r0, r1) = (range(c0), range(c1));
        let (first, rest) = b.split_at_mut(r1.start);
        let (second, rest) = rest.split_at_mut(r1.len());
        // the subtree of `c` (its entries `own`, from `start`) with `rest` standing for the
        // root's unknowns
        let subtree = |sweep: Sweep, c: usize, own: &mut [f64], start: usize, rest: &mut [f64]| {
            let mut work = Vec::with_capacity(self.layout.widest);
            let mut view = View {
                own,
                start,
                rest,
                rest_start: front.start,
            };
            sweep(self, d, self.layout.first[c]..=c, &mut view, &mut work);
        };
        let (mut rest0, mut rest1) = (vec![0.0; rest.len()], vec![0.0; rest.len()]);
        rayon::join(
            || subtree(Packed::forward_sweep, c0, first, r0.start, &mut rest0),
            || subtree(Packed::forward_sweep, c1, second, r1.start, &mut rest1),
        );
        for ((x, a), b) in rest.iter_mut().zip(&rest0).zip(&rest1) {
            *x += a + b;
        }
        let mut view = View {
            rest_start: front.start + rest.len(),
            own: rest,
            start: front.start,
            rest: &mut [],
        };
        self.forward_sweep(d, root..=root, &mut view, &mut work);
        self.backward_sweep(d, root..=root, &mut view, &mut work);
        let (mut solved0, mut solved1) = (rest.to_vec(), rest.to_vec());
        rayon::join(
            || subtree(Packed::backward_sweep, c0, first, r0.start, &mut solved0),
            || subtree(Packed::backward_sweep, c1, second, r1.start, &mut solved1),
        );
    }

    /// The forward steps of `fronts`, in postorder.
    fn forward_sweep(
        &self,
        d: &Dissection,
        fronts: RangeInclusive<usize>,
        view: &mut View,
        work: &mut Vec<f64>,
    ) {
        for t in fronts {
            let panels = self.layout.forward_of(t, &self.forward);
            forward(&d.fronts[t], &self.perms[t], panels, view, work);
        }
    }

    /// The backward steps of `fronts`, in reverse postorder.
    fn backward_sweep(
        &self,
        d: &Dissection,
        fronts: RangeInclusive<usize>,
        view: &mut View,
        work: &mut Vec<f64>,
    ) {
        for t in fronts.rev() {
            let panels = self.layout.backward_of(t, &self.backward);
            backward(&d.fronts[t], panels, view, work);
        }
    }
}

/// [`Packed::forward_sweep`] or [`Packed::backward_sweep`].
type Sweep = fn(&Packed, &Dissection, RangeInclusive<usize>, &mut View, &mut Vec<f64>);

/// The entries of `b` a sweep over a subtree reaches: the subtree's own range
/// (`start..start + own.len()`), and the entries from `rest_start` on (the unknowns of the
/// fronts above it, or a private copy of them).
struct View<'a> {
    own: &'a mut [f64],
    start: usize,
    rest: &'a mut [f64],
    rest_start: usize,
}

impl<'a> View<'a> {
    /// All of `b`.
    fn whole(b: &'a mut [f64]) -> View<'a> {
        View {
            rest_start: b.len(),
            own: b,
            start: 0,
            rest: &mut [],
        }
    }

    /// A front's own entries.
    #[inline(always)]
    fn own(&mut self, front: &Front) -> &mut [f64] {
        &mut self.own[front.start - self.start..front.end - self.start]
    }

    /// Entry `i` (elimination order).
    #[inline(always)]
    fn at(&mut self, i: usize) -> &mut f64 {
        if i < self.rest_start {
            &mut self.own[i - self.start]
        } else {
            &mut self.rest[i - self.rest_start]
        }
    }
}

/// The forward step of `front`: `b_own <- y = L11^{-1} P b_own`, then `b_boundary -= L21 y`.
fn forward(front: &Front, perm: &[usize], mut panels: &[f64], b: &mut View, work: &mut Vec<f64>) {
    let n1 = front.own();
    let own = b.own(front);
    work.clear();
    work.extend(perm.iter().map(|&p| own[p]));
    for r0 in (0..n1).step_by(PANEL) {
        let r1 = (r0 + PANEL).min(n1);
        let (left, rest) = panels.split_at(PANEL * r0);
        let (block, rest) = rest.split_at(PANEL * (r1 - r0));
        panels = rest;
        let acc = panel_times(left, &work[..r0]);
        for i in 0..r1 - r0 {
            let mut y = work[r0 + i] - acc[i];
            for k in 0..i {
                y -= block[PANEL * k + i] * work[r0 + k];
            }
            work[r0 + i] = y;
        }
    }
    own.copy_from_slice(work);
    for rows in front.boundary.chunks(PANEL) {
        let (panel, rest) = panels.split_at(PANEL * n1);
        panels = rest;
        for (&i, a) in rows.iter().zip(panel_times(panel, work)) {
            *b.at(i) -= a;
        }
    }
}

/// The backward step of `front`, its boundary solved: `b_own <- U11^{-1} (y - U12 x_boundary)`.
fn backward(front: &Front, mut panels: &[f64], b: &mut View, work: &mut Vec<f64>) {
    let n1 = front.own();
    work.clear();
    work.extend_from_slice(b.own(front));
    work.extend(front.boundary.iter().map(|&i| *b.at(i)));
    let width = work.len();
    for r0 in (0..n1).step_by(PANEL).rev() {
        let r1 = (r0 + PANEL).min(n1);
        let (right, rest) = panels.split_at(PANEL * (width - r1));
        let (block, rest) = rest.split_at(PANEL * (r1 - r0));
        panels = rest;
        let acc = panel_times(right, &work[r1..]);
        for i in (0..r1 - r0).rev() {
            let mut x = work[r0 + i] - acc[i];
            for k in i + 1..r1 - r0 {
                x -= block[PANEL * k + i] * work[r0 + k];
            }
            work[r0 + i] = x * block[PANEL * i + i];
        }
    }
    b.own(front).copy_from_slice(&work[..n1]);
}

/// `sum_k panel_k x_k` over the columns `panel_k` of a packed panel.
#[inline(always)]
fn panel_times(panel: &[f64], x: &[f64]) -> [f64; PANEL] {
    let mut acc = [0.0; PANEL];
    for (column, &xk) in panel.chunks_exact(PANEL).zip(x) {
        for r in 0..PANEL {
            acc[r] += column[r] * xk;
        }
    }
    acc
}
