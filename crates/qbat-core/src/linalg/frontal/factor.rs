//! Multifrontal LU over a [`Dissection`]: dense fronts, partial pivoting inside each front.
//!
//! Front `F = [[F11, F12], [F21, F22]]` (own unknowns first, then the boundary) gathers the
//! matrix entries that touch its own unknowns and the update matrices of its children.
//! `F11 = P^T L11 U11` (faer, partial pivoting among the own rows), `U12 = L11^{-1} P F12`,
//! `L21 = F21 U11^{-1}`, and the update `F22 - L21 U12` goes to the parent (Duff and Reid,
//! ACM TOMS 9, 302 (1983)). Pivots are not delayed to the parent; a tiny pivot is reported as a
//! numerical failure, and the caller checks the true residual.

use super::packed::{pack, Layout, Packed};
use super::tree::{Dissection, Front};
use crate::error::SolveError;
use crate::linalg::sparse::{Csc, Csr};
use crate::options::Method;
use faer::linalg::lu::partial_pivoting::factor::{lu_in_place, lu_in_place_scratch};
use faer::linalg::matmul::matmul;
use faer::linalg::triangular_solve::{
    solve_lower_triangular_in_place, solve_unit_lower_triangular_in_place,
};
use faer::reborrow::{Reborrow, ReborrowMut};
use faer::{Accum, Mat, Par};
use rayon::prelude::*;
use std::sync::OnceLock;

/// Fronts larger than this use faer's parallel dense kernels.
const PARALLEL_FRONT: usize = 384;
/// Subtrees with fewer unknowns than this are solved by one task (see [`parallel_fronts`]).
const PARALLEL_SUBTREE: usize = 2048;

/// A front whose pivots span more than 14 orders of magnitude (or are not finite): the
/// factorisation is refused, with the numbers.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct SmallPivot {
    /// Own unknowns of the front.
    pub unknowns: usize,
    /// Its first unknown, in elimination order.
    pub first: usize,
    /// Smallest pivot modulus.
    pub smallest: f64,
    /// Largest pivot modulus.
    pub largest: f64,
}

impl SmallPivot {
    /// The [`SolveError`] of `method`, `context` naming the factorisation.
    pub(crate) fn error(self, method: Method, context: String) -> SolveError {
        SolveError::SingularPivot {
            method,
            unknowns: self.unknowns,
            first: self.first,
            smallest: self.smallest,
            largest: self.largest,
            context,
        }
    }
}

/// A factorised matrix, in elimination order.
pub(crate) struct Factors {
    packed: Packed,
}

/// The matrix in elimination order, by columns and by rows.
struct Permuted {
    cols: Csc,
    rows: Csr<f64>,
}

fn permute(a: &Csc, d: &Dissection) -> Permuted {
    let n = d.order.len();
    // by columns: the kept entries of each column in elimination order, in the stored order
    let mut cols = Csc {
        dim: n,
        col_ptr: Vec::with_capacity(n + 1),
        row_idx: Vec::new(),
        values: Vec::new(),
    };
    cols.col_ptr.push(0);
    for &old_c in &d.order {
        for k in a.col_ptr[old_c]..a.col_ptr[old_c + 1] {
            let r = d.position[a.row_idx[k]];
            if r == usize::MAX {
                // a row not solved for: it only enters the residual
                continue;
            }
            cols.row_idx.push(r);
            cols.values.push(a.values[k]);
        }
        cols.col_ptr.push(cols.row_idx.len());
    }
    // by rows, each row's entries in column order
    let rows = Csr::from_csc(&cols);
    Permuted { cols, rows }
}

impl Factors {
    /// Factors `a` (restricted to the active unknowns of `d`).
    pub(crate) fn new(a: &Csc, d: &Dissection) -> Result<Factors, SmallPivot> {
        let p = permute(a, d);
        let layout = Layout::new(d);
        let (forward_len, backward_len) = layout.entries();
        let (mut forward, mut backward) = (vec![0.0; forward_len], vec![0.0; backward_len]);
        let perms: Vec<OnceLock<Vec<usize>>> =
            (0..d.fronts.len()).map(|_| OnceLock::new()).collect();
        let root = d.fronts.len() - 1;
        let parallel = parallel_fronts(d);
        let out = Out {
            layout: &layout,
            parallel: &parallel,
            perms: &perms,
        };
        factor_subtree(&p, d, &out, root, &mut forward, &mut backward)?;
        Ok(Factors {
            packed: Packed {
                layout,
                forward,
                backward,
                perms: perms.into_iter().map(|s| s.into_inner().unwrap()).collect(),
            },
        })
    }

    /// Solves `A x = b` in place, `b` indexed in elimination order (length `d.order.len()`).
    pub(crate) fn solve_ordered(&self, d: &Dissection, b: &mut [f64]) {
        self.packed.solve(d, b, PARALLEL_SUBTREE);
    }

    /// [`Factors::solve_ordered`] with the root's subtrees swept at once only when both hold
    /// at least `parallel` unknowns.
    #[cfg(test)]
    pub(crate) fn solve_split(&self, d: &Dissection, b: &mut [f64], parallel: usize) {
        self.packed.solve(d, b, parallel);
    }
}

/// Where the factorisation puts its results.
struct Out<'a> {
    layout: &'a Layout,
    /// Whether a front's children are factored in parallel ([`parallel_fronts`]).
    parallel: &'a [bool],
    /// Each front's row permutation.
    perms: &'a [OnceLock<Vec<usize>>],
}

/// Whether the children of every front are worth separate tasks: the front's subtree holds
/// at least [`PARALLEL_SUBTREE`] unknowns. Below that a task costs more than it saves (the
/// solves of small fronts take microseconds, and a solve visits thousands of fronts).
fn parallel_fronts(d: &Dissection) -> Vec<bool> {
    let mut subtree = vec![0usize; d.fronts.len()];
    for (t, front) in d.fronts.iter().enumerate() {
        // postorder: the children come first
        subtree[t] = front.own() + front.children.iter().map(|&c| subtree[c]).sum::<usize>();
    }
    subtree.iter().map(|&n| n >= PARALLEL_SUBTREE).collect()
}

/// A front in three separately allocated parts, so that the two kept for the solve need no
/// copy: `[F11; F21]` (`(n1 + n2) x n1`), `F12` (`n1 x n2`) and `F22` (`n2 x n2`, the update
/// matrix handed to the parent).
struct Parts {
    lower: Mat<f64>,
    upper: Mat<f64>,
    update: Mat<f64>,
}

impl Parts {
    fn add(&mut self, n1: usize, r: usize, c: usize, v: f64) {
        if c < n1 {
            self.lower[(r, c)] += v;
        } else if r < n1 {
            self.upper[(r, c - n1)] += v;
        } else {
            self.update[(r - n1, c - n1)] += v;
        }
    }
}

/// Factors the subtree of front `t`, returning its update matrix.
/// `forward` and `backward`: the parts of the packed arrays that hold the subtree of `t`.
fn factor_subtree(
    p: &Permuted,
    d: &Dissection,
    out: &Out,
    t: usize,
    forward: &mut [f64],
    backward: &mut [f64],
) -> Result<Mat<f64>, SmallPivot> {
    let front = &d.fronts[t];
    let ((forward, backward), children) = out.layout.split(front, t, forward, backward);
    let child = |(c, f, b): (usize, &mut [f64], &mut [f64])| factor_subtree(p, d, out, c, f, b);
    // in the order of the front's children (collect keeps it)
    let updates: Vec<Result<Mat<f64>, SmallPivot>> = if out.parallel[t] {
        children.into_par_iter().map(child).collect()
    } else {
        children.into_iter().map(child).collect()
    };
    let (n1, n2) = (front.own(), front.boundary.len());
    let mut f = Parts {
        lower: Mat::zeros(n1 + n2, n1),
        upper: Mat::zeros(n1, n2),
        update: Mat::zeros(n2, n2),
    };
    assemble_front(p, front, &mut f);
    for (&c, update) in front.children.iter().zip(updates) {
        let update = update?;
        let map = &d.fronts[c].parent_map;
        // the child's boundary is sorted and the parent's front is ordered own-then-boundary,
        // so the mapped rows split into a prefix in the own block and a suffix below it
        let split = map.partition_point(|&q| (q as usize) < n1);
        for (j, &pj) in map.iter().enumerate() {
            let pj = pj as usize;
            let src = update.col(j);
            if pj < n1 {
                let mut dst = f.lower.col_mut(pj);
                for (i, &pi) in map.iter().enumerate() {
                    dst[pi as usize] += src[i];
                }
            } else {
                let mut top = f.upper.col_mut(pj - n1);
                for (i, &pi) in map[..split].iter().enumerate() {
                    top[pi as usize] += src[i];
                }
                let mut bottom = f.update.col_mut(pj - n1);
                for (i, &pi) in map.iter().enumerate().skip(split) {
                    bottom[pi as usize - n1] += src[i];
                }
            }
        }
    }
    let par = if n1 + n2 > PARALLEL_FRONT {
        Par::rayon(0)
    } else {
        Par::Seq
    };
    let (mut f11, mut f21) = f.lower.as_mut().split_at_row_mut(n1);
    let mut perm = vec![0usize; n1];
    let mut perm_inv = vec![0usize; n1];
    let mut mem = faer::dyn_stack::MemBuffer::new(lu_in_place_scratch::<usize, f64>(
        n1,
        n1,
        par,
        Default::default(),
    ));
    lu_in_place(
        f11.rb_mut(),
        &mut perm,
        &mut perm_inv,
        par,
        faer::dyn_stack::MemStack::new(&mut mem),
        Default::default(),
    );
    let (mut small, mut large) = (f64::INFINITY, 0.0f64);
    for i in 0..n1 {
        let u = f11[(i, i)].abs();
        small = small.min(u);
        large = large.max(u);
    }
    if n1 > 0 && !(small > 1e-14 * large && large.is_finite()) {
        return Err(SmallPivot {
            unknowns: n1,
            first: front.start,
            smallest: small,
            largest: large,
        });
    }
    let permuted = Mat::from_fn(n1, n2, |i, j| f.upper[(perm[i], j)]);
    f.upper = permuted;
    solve_unit_lower_triangular_in_place(f11.rb(), f.upper.as_mut(), par);
    solve_lower_triangular_in_place(f11.rb().transpose(), f21.rb_mut().transpose_mut(), par);
    matmul(
        f.update.as_mut(),
        Accum::Add,
        f21.rb(),
        f.upper.as_ref(),
        -1.0,
        par,
    );
    pack(f.lower.as_ref(), f.upper.as_ref(), forward, backward);
    out.perms[t].set(perm).expect("each front is factored once");
    Ok(f.update)
}

/// Adds the matrix entries whose column or row is an own unknown of `front` (the other index
/// being in the front: own or boundary; entries reaching into descendants were taken there).
fn assemble_front(p: &Permuted, front: &Front, f: &mut Parts) {
    let n1 = front.own();
    for c in front.start..front.end {
        for k in p.cols.col_ptr[c]..p.cols.col_ptr[c + 1] {
            let r = p.cols.row_idx[k];
            if r >= front.start {
                let pr = front.position(r).expect("entry inside the front");
                f.add(n1, pr, c - front.start, p.cols.values[k]);
            }
        }
    }
    for r in front.start..front.end {
        for (c, v) in p.rows.row(r) {
            if c >= front.end {
                let pc = front.position(c).expect("entry inside the front");
                f.add(n1, r - front.start, pc, v);
            }
        }
    }
}
