//! Block Lyapunov preconditioner: the no-jump part of the Liouvillian, inverted per block.
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

use super::hermitian::{pack, unpack, Layout, Precision};
use super::operator::SectorOperator;
use crate::c64;
use faer::linalg::matmul::triangular::{self, BlockStructure};
use faer::{Accum, Mat, MatMut, MatRef, Par, Side};
use rayon::prelude::*;
use std::sync::Mutex;

/// Blocks at least this large use parallel matrix products; smaller ones run side by side.
const PARALLEL_BLOCK: usize = 96;

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

    /// `y = P^{-1}(x)` on packed Hermitian vectors.
    #[track_caller]
    pub fn apply(&self, layout: &Layout, x: &[f64], y: &mut [f64]) {
        assert!(x.len() == layout.len() && y.len() == layout.len(), "sizes");
        // every block a task, big ones with parallel products inside: blocks k and N - k
        // have the same size, so the halves rayon splits the list into balance; on two cores
        // the two largest blocks then run side by side (an application 17% faster at N = 12
        // than the big blocks one after another, each with both threads in its products)
        layout
            .blocks_mut(y)
            .into_par_iter()
            .enumerate()
            .for_each(|(k, out)| {
                let m = layout.sizes[k];
                let par = if m >= PARALLEL_BLOCK {
                    Par::rayon(0)
                } else {
                    Par::Seq
                };
                self.apply_block(k, m, layout.block(x, k), out, par);
            });
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
