//! Multifrontal LU over a [`Dissection`]: dense fronts, partial pivoting inside each front.
//!
//! Front `F = [[F11, F12], [F21, F22]]` (own unknowns first, then the boundary) gathers the
//! matrix entries that touch its own unknowns and the update matrices of its children.
//! `F11 = P^T L11 U11` (faer, partial pivoting among the own rows), `U12 = L11^{-1} P F12`,
//! `L21 = F21 U11^{-1}`, and the update `F22 - L21 U12` goes to the parent (Duff and Reid,
//! ACM TOMS 9, 302 (1983)). Pivots are not delayed to the parent; a tiny pivot is reported as a
//! numerical failure, and the caller checks the true residual.

use super::assemble::Csc;
use super::nested::{Dissection, Front};
use faer::linalg::lu::partial_pivoting::factor::{lu_in_place, lu_in_place_scratch};
use faer::linalg::matmul::matmul;
use faer::linalg::triangular_solve::{
    solve_lower_triangular_in_place, solve_unit_lower_triangular_in_place,
    solve_upper_triangular_in_place,
};
use faer::reborrow::{Reborrow, ReborrowMut};
use faer::{Accum, Mat, Par};
use rayon::prelude::*;
use std::sync::OnceLock;

/// Fronts larger than this use faer's parallel dense kernels.
const PARALLEL_FRONT: usize = 384;

/// The factors of one front.
#[derive(Debug)]
struct FrontFactor {
    /// `L11` (unit lower, below the diagonal) and `U11`.
    lu: Mat<f64>,
    /// Row `i` of `P F11` is row `perm[i]` of `F11`.
    perm: Vec<usize>,
    u12: Mat<f64>,
    l21: Mat<f64>,
}

/// A factorised matrix, in elimination order.
pub(crate) struct Factors {
    factors: Vec<FrontFactor>,
}

/// The matrix in elimination order, by columns and by rows.
struct Permuted {
    cols: Csc,
    rows: Csc,
}

fn permute(a: &Csc, d: &Dissection) -> Permuted {
    let n = d.order.len();
    let mut cols: Vec<Vec<(usize, f64)>> = vec![Vec::new(); n];
    let mut rows: Vec<Vec<(usize, f64)>> = vec![Vec::new(); n];
    for (new_c, &old_c) in d.order.iter().enumerate() {
        for k in a.col_ptr[old_c]..a.col_ptr[old_c + 1] {
            let r = d.position[a.row_idx[k]];
            assert!(r != usize::MAX, "an active unknown couples to an inactive one");
            cols[new_c].push((r, a.values[k]));
            rows[r].push((new_c, a.values[k]));
        }
    }
    let pack = |lists: Vec<Vec<(usize, f64)>>| {
        let mut m = Csc {
            dim: n,
            col_ptr: vec![0],
            row_idx: Vec::new(),
            values: Vec::new(),
        };
        for list in lists {
            for (r, v) in list {
                m.row_idx.push(r);
                m.values.push(v);
            }
            m.col_ptr.push(m.row_idx.len());
        }
        m
    };
    Permuted {
        cols: pack(cols),
        rows: pack(rows),
    }
}

impl Factors {
    /// Factors `a` (restricted to the active unknowns of `d`).
    pub(crate) fn new(a: &Csc, d: &Dissection) -> Result<Factors, String> {
        let p = permute(a, d);
        let slots: Vec<OnceLock<FrontFactor>> = (0..d.fronts.len()).map(|_| OnceLock::new()).collect();
        let root = d.fronts.len() - 1;
        factor_subtree(&p, d, &slots, root)?;
        Ok(Factors {
            factors: slots.into_iter().map(|s| s.into_inner().unwrap()).collect(),
        })
    }

    /// Solves `A x = b` in place; `x` is indexed like the layout (inactive entries untouched).
    pub(crate) fn solve_in_place(&self, d: &Dissection, x: &mut [f64]) {
        let mut y: Vec<f64> = d.order.iter().map(|&i| x[i]).collect();
        let mut buf = Vec::new();
        for (f, front) in self.factors.iter().zip(&d.fronts) {
            let own = &mut y[front.start..front.end];
            buf.clear();
            buf.extend(f.perm.iter().map(|&i| own[i]));
            let mut v = Mat::from_fn(buf.len(), 1, |i, _| buf[i]);
            solve_unit_lower_triangular_in_place(f.lu.as_ref(), v.as_mut(), Par::Seq);
            for (i, o) in own.iter_mut().enumerate() {
                *o = v[(i, 0)];
            }
            let mut out = Mat::<f64>::zeros(front.boundary.len(), 1);
            matmul(out.as_mut(), Accum::Replace, f.l21.as_ref(), v.as_ref(), 1.0, Par::Seq);
            for (k, &b) in front.boundary.iter().enumerate() {
                y[b] -= out[(k, 0)];
            }
        }
        for (f, front) in self.factors.iter().zip(&d.fronts).rev() {
            let xb = Mat::from_fn(front.boundary.len(), 1, |k, _| y[front.boundary[k]]);
            let mut v = Mat::from_fn(front.own(), 1, |i, _| y[front.start + i]);
            matmul(v.as_mut(), Accum::Add, f.u12.as_ref(), xb.as_ref(), -1.0, Par::Seq);
            solve_upper_triangular_in_place(f.lu.as_ref(), v.as_mut(), Par::Seq);
            for i in 0..front.own() {
                y[front.start + i] = v[(i, 0)];
            }
        }
        for (e, &i) in d.order.iter().enumerate() {
            x[i] = y[e];
        }
    }

    /// Number of stored factor entries.
    pub(crate) fn entries(&self) -> usize {
        self.factors
            .iter()
            .map(|f| f.lu.nrows() * f.lu.ncols() + 2 * f.u12.nrows() * f.u12.ncols() + f.perm.len())
            .sum()
    }
}

/// Factors the subtree of front `t`, returning its update matrix.
fn factor_subtree(
    p: &Permuted,
    d: &Dissection,
    slots: &[OnceLock<FrontFactor>],
    t: usize,
) -> Result<Mat<f64>, String> {
    let front = &d.fronts[t];
    let updates: Vec<Result<Mat<f64>, String>> = front
        .children
        .par_iter()
        .map(|&c| factor_subtree(p, d, slots, c))
        .collect();
    let (n1, n2) = (front.own(), front.boundary.len());
    let mut f = Mat::<f64>::zeros(n1 + n2, n1 + n2);
    assemble_front(p, front, &mut f);
    for (&c, update) in front.children.iter().zip(updates) {
        let update = update?;
        let map = &d.fronts[c].parent_map;
        for (j, &pj) in map.iter().enumerate() {
            for (i, &pi) in map.iter().enumerate() {
                f[(pi as usize, pj as usize)] += update[(i, j)];
            }
        }
    }
    let par = if n1 + n2 > PARALLEL_FRONT {
        Par::rayon(0)
    } else {
        Par::Seq
    };
    let (mut f11, mut f12, mut f21, mut f22) = f.as_mut().split_at_mut(n1, n1);
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
        return Err(format!(
            "front of {n1} unknowns (first {}) has pivots from {small:e} to {large:e}",
            front.start
        ));
    }
    let f12_rows = Mat::from_fn(n1, n2, |i, j| f12[(perm[i], j)]);
    f12.copy_from(&f12_rows);
    solve_unit_lower_triangular_in_place(f11.rb(), f12.rb_mut(), par);
    solve_lower_triangular_in_place(f11.rb().transpose(), f21.rb_mut().transpose_mut(), par);
    matmul(f22.rb_mut(), Accum::Add, f21.rb(), f12.rb(), -1.0, par);
    let factor = FrontFactor {
        lu: f11.to_owned(),
        perm,
        u12: f12.to_owned(),
        l21: f21.to_owned(),
    };
    let update = f22.to_owned();
    slots[t].set(factor).expect("each front is factored once");
    Ok(update)
}

/// Adds the matrix entries whose column or row is an own unknown of `front` (the other index
/// being in the front: own or boundary; entries reaching into descendants were taken there).
fn assemble_front(p: &Permuted, front: &Front, f: &mut Mat<f64>) {
    let n1 = front.own();
    for c in front.start..front.end {
        for k in p.cols.col_ptr[c]..p.cols.col_ptr[c + 1] {
            let r = p.cols.row_idx[k];
            if r >= front.start {
                let pr = front.position(r).expect("entry inside the front");
                f[(pr, c - front.start)] += p.cols.values[k];
            }
        }
    }
    for r in front.start..front.end {
        for k in p.rows.col_ptr[r]..p.rows.col_ptr[r + 1] {
            let c = p.rows.row_idx[k];
            if c >= front.end {
                let pc = front.position(c).expect("entry inside the front");
                f[(r - front.start, pc)] += p.rows.values[k];
            }
        }
    }
    debug_assert!(n1 <= f.nrows());
}
