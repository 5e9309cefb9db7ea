//! Multifrontal LU over a [`Dissection`]: dense fronts, partial pivoting inside each front.
//!
//! Front `F = [[F11, F12], [F21, F22]]` (own unknowns first, then the boundary) gathers the
//! matrix entries that touch its own unknowns and the update matrices of its children.
//! `F11 = P^T L11 U11` (faer, partial pivoting among the own rows), `U12 = L11^{-1} P F12`,
//! `L21 = F21 U11^{-1}`, and the update `F22 - L21 U12` goes to the parent (Duff and Reid,
//! ACM TOMS 9, 302 (1983)). Pivots are not delayed to the parent; a tiny pivot is reported as a
//! numerical failure, and the caller checks the true residual.

use super::tree::{Dissection, Front};
use crate::error::SolveError;
use crate::linalg::sparse::{Csc, Csr};
use crate::options::Method;
use faer::linalg::lu::partial_pivoting::factor::{lu_in_place, lu_in_place_scratch};
use faer::linalg::matmul::matmul;
use faer::linalg::triangular_solve::{
    solve_lower_triangular_in_place, solve_unit_lower_triangular_in_place,
    solve_upper_triangular_in_place,
};
use faer::reborrow::{Reborrow, ReborrowMut};
use faer::{Accum, Mat, MatMut, MatRef, Par};
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

/// The factors of one front.
#[derive(Debug)]
struct FrontFactor {
    /// The first `n1` columns of the factored front: `L11` (unit lower, below the diagonal)
    /// and `U11` on top, `L21` below.
    lower: Mat<f64>,
    /// Row `i` of `P F11` is row `perm[i]` of `F11`.
    perm: Vec<usize>,
    /// `U12`.
    u12: Mat<f64>,
}

/// A factorised matrix, in elimination order.
pub(crate) struct Factors {
    factors: Vec<FrontFactor>,
    /// Whether the solves visit a front's children in parallel ([`parallel_fronts`]).
    parallel: Vec<bool>,
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
        let slots: Vec<OnceLock<FrontFactor>> =
            (0..d.fronts.len()).map(|_| OnceLock::new()).collect();
        let root = d.fronts.len() - 1;
        let parallel = parallel_fronts(d);
        factor_subtree(&p, d, &parallel, &slots, root)?;
        Ok(Factors {
            factors: slots.into_iter().map(|s| s.into_inner().unwrap()).collect(),
            parallel,
        })
    }

    /// Solves `A x = b` in place, `b` indexed in elimination order (length `d.order.len()`).
    pub(crate) fn solve_ordered(&self, d: &Dissection, b: &mut [f64]) {
        let root = d.fronts.len() - 1;
        let forward: Vec<OnceLock<Vec<f64>>> =
            (0..d.fronts.len()).map(|_| OnceLock::new()).collect();
        self.forward(d, b, &forward, root);
        let solution: Vec<OnceLock<Vec<f64>>> =
            (0..d.fronts.len()).map(|_| OnceLock::new()).collect();
        self.backward(d, &forward, &solution, root, Vec::new());
        for (front, own) in d.fronts.iter().zip(solution) {
            b[front.start..front.end].copy_from_slice(&own.into_inner().unwrap());
        }
    }

    /// `y_t = L11^{-1} P (b_t + children's contributions)`, stored in `out[t]`; returns what
    /// the front adds to the right-hand side at its boundary, `(children's part) - L21 y_t`.
    fn forward(&self, d: &Dissection, b: &[f64], out: &[OnceLock<Vec<f64>>], t: usize) -> Vec<f64> {
        let front = &d.fronts[t];
        let f = &self.factors[t];
        let (n1, n2) = (front.own(), front.boundary.len());
        let child = |&c: &usize| self.forward(d, b, out, c);
        let parts: Vec<Vec<f64>> = if self.parallel[t] {
            front.children.par_iter().map(child).collect()
        } else {
            front.children.iter().map(child).collect()
        };
        let mut local = vec![0.0; n1 + n2];
        local[..n1].copy_from_slice(&b[front.start..front.end]);
        for (&c, part) in front.children.iter().zip(&parts) {
            for (&p, &v) in d.fronts[c].parent_map.iter().zip(part) {
                local[p as usize] += v;
            }
        }
        let mut y: Vec<f64> = f.perm.iter().map(|&p| local[p]).collect();
        let (l11, l21) = f.lower.as_ref().split_at_row(n1);
        solve_unit_lower_triangular_in_place(
            l11,
            MatMut::from_column_major_slice_mut(&mut y, n1, 1),
            Par::Seq,
        );
        let mut up = local.split_off(n1);
        matmul(
            MatMut::from_column_major_slice_mut(&mut up, n2, 1),
            Accum::Add,
            l21,
            MatRef::from_column_major_slice(&y, n1, 1),
            -1.0,
            Par::Seq,
        );
        out[t].set(y).expect("one forward step per front");
        up
    }

    /// `x_t = U11^{-1} (y_t - U12 x_boundary)`, stored in `out[t]`, then the children with
    /// their boundary values gathered from this front.
    fn backward(
        &self,
        d: &Dissection,
        y: &[OnceLock<Vec<f64>>],
        out: &[OnceLock<Vec<f64>>],
        t: usize,
        boundary: Vec<f64>,
    ) {
        let front = &d.fronts[t];
        let f = &self.factors[t];
        let (n1, n2) = (front.own(), boundary.len());
        let mut values = Vec::with_capacity(n1 + n2);
        values.extend_from_slice(y[t].get().expect("forward sweep done"));
        matmul(
            MatMut::from_column_major_slice_mut(&mut values, n1, 1),
            Accum::Add,
            f.u12.as_ref(),
            MatRef::from_column_major_slice(&boundary, n2, 1),
            -1.0,
            Par::Seq,
        );
        let u11 = f.lower.as_ref().split_at_row(n1).0;
        solve_upper_triangular_in_place(
            u11,
            MatMut::from_column_major_slice_mut(&mut values, n1, 1),
            Par::Seq,
        );
        values.extend_from_slice(&boundary);
        let child = |&c: &usize| {
            let gathered = d.fronts[c]
                .parent_map
                .iter()
                .map(|&p| values[p as usize])
                .collect();
            self.backward(d, y, out, c, gathered);
        };
        if self.parallel[t] {
            front.children.par_iter().for_each(child);
        } else {
            front.children.iter().for_each(child);
        }
        values.truncate(n1);
        out[t].set(values).expect("one backward step per front");
    }
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
fn factor_subtree(
    p: &Permuted,
    d: &Dissection,
    parallel: &[bool],
    slots: &[OnceLock<FrontFactor>],
    t: usize,
) -> Result<Mat<f64>, SmallPivot> {
    let front = &d.fronts[t];
    let child = |&c: &usize| factor_subtree(p, d, parallel, slots, c);
    let updates: Vec<Result<Mat<f64>, SmallPivot>> = if parallel[t] {
        front.children.par_iter().map(child).collect()
    } else {
        front.children.iter().map(child).collect()
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
    let factor = FrontFactor {
        lower: f.lower,
        perm,
        u12: f.upper,
    };
    slots[t].set(factor).expect("each front is factored once");
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
