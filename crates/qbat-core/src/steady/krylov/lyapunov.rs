//! Block Lyapunov preconditioner: the no-jump part of the Liouvillian, inverted per block,
//! swept through the blocks with part of the jumps.
//!
//! Without the jump terms the Liouvillian is block diagonal, `X -> G X + X G^dag` with
//! `G = -i H - K/2`. Its exact inverse needs a non-Hermitian eigendecomposition of every `G_k`
//! (slow in faer: seconds for `m = 924`) and complex products. Instead `H_k = U E U^T` is
//! diagonalised (real symmetric, fast, `U` orthogonal) and `K` is replaced by its diagonal in
//! that basis, `kappa_a = (U^T K U)_aa`. Then `G ~ U (-i E - kappa/2) U^T` and
//!
//! `P^{-1}(B) = U [ (U^T B U) ./ D ] U^T`, `D_ab = -i (e_a - e_b) - (kappa_a + kappa_b)/2`,
//!
//! with real matrix products only (`B = S + i A` is transformed part by part). It is exact when
//! `K` commutes with `H`; measured on random models (N = 6..8) it needs about 15% more Krylov
//! iterations than the exact inverse at half the cost per application and a tiny fraction of
//! the set-up. The outputs are symmetric / antisymmetric, so only lower triangles are formed.
//!
//! The products, `O(m^3)` per block and most of the solver's time, run in the precision `T`:
//! the solver uses `f32` (twice the arithmetic rate and half the memory traffic of `f64`).
//! A preconditioner only has to be a good approximation; flexible GMRES keeps the accuracy of
//! the solution independent of it.
//!
//! # The sweep
//! The jumps couple neighbouring blocks: raising jumps bring block `k - 1` into `k`, lowering
//! ones block `k + 1`. Inverting `P` plus the jumps of one direction is a block Gauss-Seidel
//! sweep, one block after the other, each `P_k^{-1}` applied to its right-hand side less the
//! jumps from the block already solved. The blocks below the middle are swept upwards
//! (raising jumps kept), the others downwards from the top (lowering jumps kept), so that the
//! two halves, of equal cost, run side by side: `(P + omega T)^{-1}`, `T` these kept jumps and
//! `omega` ([`RELAXATION`]) weighting them above 1 to stand in for the dropped direction.
//! Against the block-diagonal `P^{-1}` the sweep cuts the Krylov iterations by a quarter to
//! a third at the same cost per application (numbers at [`RELAXATION`]).

use super::hermitian::{pack, unpack, Layout, Precision};
use super::operator::SectorOperator;
use crate::c64;
use faer::linalg::matmul::triangular::{self, BlockStructure};
use faer::{Accum, Mat, MatMut, MatRef, Par, Side};
use rayon::prelude::*;
use std::sync::Mutex;

/// Blocks at least this large use parallel matrix products.
const PARALLEL_BLOCK: usize = 96;

/// Weight `omega` of the jumps the sweep keeps (block over-relaxation). Measured, Krylov
/// iterations to 1e-12 on the paper's star / a chain with distinct mu_i (bench model of
/// issue 14): N = 10: 32 / 37 block-diagonal (`omega = 0`), 24 / 30 at `omega = 1`, 21 / 26
/// at 1.5, 27 / 26 at 2; N = 12: 34 / 41, 26 / 33, 23 / 28 (1.7: 26 / 27). On eight random
/// general models (mu, T, gamma drawn; N = 8-10, 33 to 122 iterations block-diagonal) 1.5
/// never needed more iterations than 1 or 0.
pub(super) const RELAXATION: f64 = 1.5;

struct Block<T> {
    u: Mat<T>,
    energy: Vec<f64>,
    kappa: Vec<f64>,
    /// The block's work arrays, kept between applications (allocating and zeroing them every
    /// time cost a tenth of an application at N = 13). One task uses a block at a time.
    work: Mutex<Option<Work<T>>>,
}

/// Work arrays of one block (`m x 2m` or `m x m`); every entry read is written first.
struct Work<T> {
    /// `[S | A]` unpacked, column-major `m x 2m`.
    w: Vec<T>,
    /// `U^T W`, then `U Z`.
    t: Mat<T>,
    /// Lower triangles of the transformed parts.
    st: Mat<T>,
    at: Mat<T>,
    /// `(S~ + i A~) ./ D`, both parts.
    z: Mat<T>,
}

impl<T: Precision> Work<T> {
    fn new(m: usize) -> Work<T> {
        Work {
            w: vec![T::of(0.0); 2 * m * m],
            t: Mat::zeros(m, 2 * m),
            st: Mat::zeros(m, m),
            at: Mat::zeros(m, m),
            z: Mat::zeros(m, 2 * m),
        }
    }
}

/// The preconditioner `P^{-1}` (see the module docs), products in precision `T`.
pub(super) struct Lyapunov<T: Precision> {
    blocks: Vec<Block<T>>,
    /// Replacement for denominators that vanish (a block with no decay, e.g. all-ground at
    /// zero temperature): any non-zero value keeps `P` invertible, a typical rate keeps it
    /// well scaled.
    fallback: f64,
}

/// Failure of the symmetric eigensolver (reported by the caller as a numerical error).
#[derive(Debug)]
pub(super) struct EigenFailure {
    pub block: usize,
}

impl<T: Precision> Lyapunov<T> {
    /// Diagonalises every `H_k` (in `f64`).
    pub fn new(
        layout: &Layout,
        op: &SectorOperator,
        fallback: f64,
    ) -> Result<Lyapunov<T>, EigenFailure> {
        let blocks = (0..layout.blocks())
            .into_par_iter()
            .map(|k| {
                let m = layout.sizes[k];
                let g = &op.blocks[k];
                let mut h = Mat::<f64>::zeros(m, m);
                for i in 0..m {
                    h[(i, i)] = g.energy[i];
                    for &(l, v) in g.hopping_row(i) {
                        h[(i, l)] = v;
                    }
                }
                let eig = h
                    .self_adjoint_eigen(Side::Lower)
                    .map_err(|_| EigenFailure { block: k })?;
                let u64 = eig.U();
                let energy: Vec<f64> = (0..m).map(|a| eig.S()[a]).collect();
                let kappa = (0..m)
                    .map(|a| (0..m).map(|i| u64[(i, a)] * u64[(i, a)] * g.decay[i]).sum())
                    .collect();
                let u = Mat::<T>::from_fn(m, m, |i, a| T::of(u64[(i, a)]));
                Ok(Block {
                    u,
                    energy,
                    kappa,
                    work: Mutex::new(None),
                })
            })
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Lyapunov { blocks, fallback })
    }

    /// `y = (P + omega T)^{-1}(x)` on packed Hermitian vectors (see the module docs): the
    /// blocks below the middle one after the other upwards, each with the raising jumps from
    /// the block before it, those from the middle up downwards with the lowering jumps, the
    /// two halves side by side. `omega = 0` is the block-diagonal `P^{-1}`.
    #[track_caller]
    pub fn apply(
        &self,
        layout: &Layout,
        op: &SectorOperator,
        omega: f64,
        x: &[f64],
        y: &mut [f64],
    ) {
        assert!(x.len() == layout.len() && y.len() == layout.len(), "sizes");
        let blocks = layout.blocks();
        let middle = blocks / 2;
        let split = layout.offsets[middle];
        let (below, above) = y.split_at_mut(split);
        // blocks k and N - k have the same size: on two cores the two halves, each with its
        // largest block last, run side by side (measured at N = 12: 131 ms an application,
        // against 125 ms with every block a task and no jumps, 145 ms with all blocks in one
        // upward sweep)
        rayon::join(
            || self.sweep(layout, op, omega, x, (0..middle).collect(), below, 0),
            || {
                self.sweep(
                    layout,
                    op,
                    omega,
                    x,
                    (middle..blocks).rev().collect(),
                    above,
                    split,
                )
            },
        );
    }

    /// Blocks `order` of `y` (which starts at offset `base`), each from the previous one.
    #[allow(clippy::too_many_arguments)]
    fn sweep(
        &self,
        layout: &Layout,
        op: &SectorOperator,
        omega: f64,
        x: &[f64],
        order: Vec<usize>,
        y: &mut [f64],
        base: usize,
    ) {
        let range = |k: usize| layout.offsets[k] - base..layout.offsets[k + 1] - base;
        let mut right = Vec::new();
        for (i, &k) in order.iter().enumerate() {
            let m = layout.sizes[k];
            right.clear();
            right.extend_from_slice(layout.block(x, k));
            let previous = i.checked_sub(1).map(|p| order[p]).filter(|_| omega != 0.0);
            if let Some(previous) = previous {
                let src = Some(&y[range(previous)]);
                // raising jumps bring block k - 1 into k, lowering ones block k + 1
                let (lower, upper) = if previous < k {
                    (None, src)
                } else {
                    (src, None)
                };
                op.add_jumps(layout, k, lower, upper, -omega, &mut right);
            }
            let par = if m >= PARALLEL_BLOCK {
                Par::rayon(0)
            } else {
                Par::Seq
            };
            self.apply_block(k, m, &right, &mut y[range(k)], par);
        }
    }

    fn apply_block(&self, k: usize, m: usize, r: &[f64], out: &mut [f64], par: Par) {
        let blk = &self.blocks[k];
        let u = blk.u.as_ref();
        let one = T::of(1.0);
        let mut guard = blk.work.lock().unwrap_or_else(|e| e.into_inner());
        let work = guard.get_or_insert_with(|| Work::new(m));
        // W = [S | A], the real and imaginary parts of the block, m x 2m
        {
            let (s, a) = work.w.split_at_mut(m * m);
            unpack(r, m, s, a);
        }
        // T = U^T W, then S~ = T_S U, A~ = T_A U (lower triangles)
        let w = MatRef::from_column_major_slice(&work.w, m, 2 * m);
        let t = work.t.as_mut();
        faer::linalg::matmul::matmul(t, Accum::Replace, u.transpose(), w, one, par);
        lower_product(work.st.as_mut(), work.t.as_ref().subcols(0, m), u, par);
        lower_product(work.at.as_mut(), work.t.as_ref().subcols(m, m), u, par);
        // Z = (S~ + i A~) ./ D: Zr symmetric, Zi antisymmetric; the lower triangles by
        // columns, then the upper ones by tiles (a tile and its mirror stay in cache)
        let (st, at) = (work.st.as_ref(), work.at.as_ref());
        let (zr, zi) = work.z.as_mut().split_at_col_mut(m);
        zr.par_col_chunks_mut(1)
            .zip(zi.par_col_chunks_mut(1))
            .enumerate()
            .for_each(|(b, (mut zr, mut zi))| {
                for a in b..m {
                    let v = divide(
                        st[(a, b)].wide(),
                        at[(a, b)].wide(),
                        -0.5 * (blk.kappa[a] + blk.kappa[b]),
                        -(blk.energy[a] - blk.energy[b]),
                        self.fallback,
                    );
                    zr[(a, 0)] = T::of(v.re);
                    zi[(a, 0)] = T::of(v.im);
                }
            });
        mirror(work.z.as_mut().subcols_mut(0, m), T::of(1.0));
        mirror(work.z.as_mut().subcols_mut(m, m), T::of(-1.0));
        // an antisymmetric part has a zero diagonal (the product leaves rounding there)
        for a in 0..m {
            work.z[(a, m + a)] = T::of(0.0);
        }
        // Y = U Z U^T, part by part
        let (z, t) = (work.z.as_ref(), work.t.as_mut());
        faer::linalg::matmul::matmul(t, Accum::Replace, u, z, one, par);
        lower_product(
            work.st.as_mut(),
            work.t.as_ref().subcols(0, m),
            u.transpose(),
            par,
        );
        lower_product(
            work.at.as_mut(),
            work.t.as_ref().subcols(m, m),
            u.transpose(),
            par,
        );
        pack(work.st.as_ref(), work.at.as_ref(), out);
    }
}

/// `(s + i a) / d` with `d = dr + i di`, or with `fallback` when `|d| <= 1e-300`.
#[inline]
fn divide(s: f64, a: f64, dr: f64, di: f64, fallback: f64) -> c64 {
    let d = c64::new(dr, di);
    let d = if d.norm() > 1e-300 {
        d
    } else {
        c64::new(fallback, 0.0)
    };
    c64::new(s, a) / d
}

/// Fills the strict upper triangle of the square `z` from its lower one, times `sign`
/// (`1`: symmetric, `-1`: antisymmetric), by tiles.
fn mirror<T: Precision>(mut z: MatMut<'_, T>, sign: T) {
    const TILE: usize = 64;
    let m = z.nrows();
    for b0 in (0..m).step_by(TILE) {
        for a0 in (b0..m).step_by(TILE) {
            for b in b0..(b0 + TILE).min(m) {
                for a in a0.max(b + 1)..(a0 + TILE).min(m) {
                    let v = z[(a, b)];
                    z[(b, a)] = sign * v;
                }
            }
        }
    }
}

/// Lower triangle (diagonal included) of `lhs * rhs` into `dst`.
fn lower_product<T: Precision>(
    dst: MatMut<'_, T>,
    lhs: MatRef<'_, T>,
    rhs: MatRef<'_, T>,
    par: Par,
) {
    triangular::matmul(
        dst,
        BlockStructure::TriangularLower,
        Accum::Replace,
        lhs,
        BlockStructure::Rectangular,
        rhs,
        BlockStructure::Rectangular,
        T::of(1.0),
        par,
    );
}
