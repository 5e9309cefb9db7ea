//! Exact inverse of the uncoupled Liouvillian (every qubit alone with its reservoir).
//!
//! Without the hopping `V`, the Liouvillian is a sum of one-qubit generators,
//! `L_0 = sum_q l_q`, each acting on qubit `q`'s factor of `|i><j|`:
//! - populations `(p_g, p_e)`: `[[-up, down], [up, -down]]`, right eigenvectors
//!   `r_0 = (1 - n_q, n_q)` (eigenvalue 0, `n_q = up/(up + down)`) and `r_1 = (1, -1)`
//!   (eigenvalue `-Gamma_q`, `Gamma_q = up + down`);
//! - coherences `|e><g|`, `|g><e|`: eigenvalues `-Gamma_q/2 -+ 2 i omega0_q`.
//!
//! In the product eigenbasis `L_0` is diagonal; the change of basis is a butterfly on the pairs
//! `(|i><j|, |i+q><j+q|)` with `q` absent from `i` and `j` (blocks `k` and `k + 1`), one qubit
//! at a time: `O(N C(2N, N))` operations, no matrices. The only zero eigenvalue belongs to the
//! product state `rho_0 = prod_q r_0`, whose coordinate is the trace. The solver works with
//! `A = L + c rho_0 tr(.)` (see the parent module), so this module inverts
//! `A_0 = L_0 + c rho_0 tr(.)`, which is `L_0` with that zero eigenvalue replaced by `c`.

use super::hermitian::Layout;
use super::operator::SectorOperator;
use crate::c64;
use rayon::prelude::*;

/// `A_0^{-1}` (see the module docs).
pub(super) struct Dissipative {
    /// Stationary excited population of every qubit alone, `up/(up + down)`.
    excited: Vec<f64>,
    /// Eigenvalue tables per byte of the bit patterns: populations in `r_1` (`i & j`),
    /// coherences `|e><g|` (`i & !j`); `|g><e|` is the conjugate.
    ee: Vec<[f64; 256]>,
    eg: Vec<[c64; 256]>,
    /// The eigenvalue given to the product state.
    c: f64,
}

impl Dissipative {
    /// `omega0` per qubit (the diagonal of `H` is `sum_q omega0_q sigma_z^q`); `c` the
    /// eigenvalue given to `rho_0`. Every qubit needs `down + up > 0`.
    #[track_caller]
    pub fn new(op: &SectorOperator, omega0: &[f64], c: f64) -> Dissipative {
        let n = op.down.len();
        let gamma: Vec<f64> = (0..n).map(|q| op.down[q] + op.up[q]).collect();
        assert!(gamma.iter().all(|&g| g > 0.0), "every qubit must be damped");
        let excited = (0..n).map(|q| op.up[q] / gamma[q]).collect();
        let bytes = n.div_ceil(8).max(1);
        let mut ee = vec![[0.0; 256]; bytes];
        let mut eg = vec![[c64::new(0.0, 0.0); 256]; bytes];
        for p in 0..bytes {
            for v in 0..256usize {
                for bit in 0..8 {
                    let q = 8 * p + bit;
                    if q < n && v >> bit & 1 == 1 {
                        ee[p][v] -= gamma[q];
                        eg[p][v] += c64::new(-0.5 * gamma[q], -2.0 * omega0[q]);
                    }
                }
            }
        }
        Dissipative { excited, ee, eg, c }
    }

    /// `rho_0 = prod_q ((1 - n_q)|g><g| + n_q |e><e|)`, packed.
    pub fn product_state(&self, layout: &Layout) -> Vec<f64> {
        let mut x = vec![0.0; layout.len()];
        for (k, block) in layout.blocks_mut(&mut x).into_iter().enumerate() {
            let m = layout.sizes[k];
            for (a, &s) in layout.sectors.states[k].iter().enumerate() {
                block[a + a * m] = self
                    .excited
                    .iter()
                    .enumerate()
                    .map(|(q, &nq)| if s >> q & 1 == 1 { nq } else { 1.0 - nq })
                    .product();
            }
        }
        x
    }

    /// Eigenvalue of `L_0` for the product eigenvector labelled by `|i><j|`.
    #[inline]
    fn eigenvalue(&self, i: usize, j: usize) -> c64 {
        let mut lambda = c64::new(0.0, 0.0);
        for p in 0..self.ee.len() {
            let (bi, bj) = (i >> (8 * p) & 0xff, j >> (8 * p) & 0xff);
            lambda += self.ee[p][bi & bj];
            lambda += self.eg[p][bi & !bj & 0xff];
            lambda += self.eg[p][!bi & bj & 0xff].conj();
        }
        lambda
    }

    /// `x <- A_0^{-1} x` on a packed Hermitian vector.
    pub fn apply_in_place(&self, layout: &Layout, op: &SectorOperator, x: &mut [f64]) {
        let n = self.excited.len();
        // to eigen-coordinates: (p_g, p_e) -> (p_g + p_e, n p_g - (1 - n) p_e)
        for q in 0..n {
            let nq = self.excited[q];
            butterfly(layout, op, x, q, |g, e| (g + e, nq * g - (1.0 - nq) * e));
        }
        for (k, block) in layout.blocks_mut(x).into_iter().enumerate() {
            self.divide_block(layout, k, block);
        }
        // back: (c_0, c_1) -> ((1 - n) c_0 + c_1, n c_0 - c_1)
        for q in 0..n {
            let nq = self.excited[q];
            butterfly(layout, op, x, q, |c0, c1| {
                ((1.0 - nq) * c0 + c1, nq * c0 - c1)
            });
        }
    }
}

impl Dissipative {
    /// Divides every coordinate of block `k` by its eigenvalue (the product state's by `c`).
    /// Entry `(a, b)`, `a > b`, is `block[a + b m] + i block[b + a m]`, so output columns need
    /// other input columns: read from a copy.
    fn divide_block(&self, layout: &Layout, k: usize, block: &mut [f64]) {
        let m = layout.sizes[k];
        let states = &layout.sectors.states[k];
        let input = block.to_vec();
        block.par_chunks_mut(m).enumerate().for_each(|(b, col)| {
            for (a, out) in col.iter_mut().enumerate() {
                use std::cmp::Ordering::*;
                *out = match a.cmp(&b) {
                    Greater => {
                        let z = c64::new(input[a + b * m], input[b + a * m]);
                        (z / self.eigenvalue(states[a], states[b])).re
                    }
                    Less => {
                        let z = c64::new(input[b + a * m], input[a + b * m]);
                        (z / self.eigenvalue(states[b], states[a])).im
                    }
                    Equal => {
                        let lambda = self.eigenvalue(states[a], states[a]).re;
                        input[a + a * m] / if lambda == 0.0 { self.c } else { lambda }
                    }
                };
            }
        });
    }
}

/// Applies the 2 x 2 map `f` to every pair `(x_k[a, b], x_{k+1}[a+q, b+q])` with qubit `q`
/// unexcited in the states of `a` and `b` (both triangles alike: the map is real).
fn butterfly(
    layout: &Layout,
    op: &SectorOperator,
    x: &mut [f64],
    q: usize,
    f: impl Fn(f64, f64) -> (f64, f64) + Sync,
) {
    let mut blocks = layout.blocks_mut(x);
    for k in 0..layout.blocks() - 1 {
        let (m, m1) = (layout.sizes[k], layout.sizes[k + 1]);
        let (lo, hi) = blocks.split_at_mut(k + 1);
        let mut cols: Vec<Option<&mut [f64]>> = lo[k].chunks_mut(m).map(Some).collect();
        let mut cols1: Vec<Option<&mut [f64]>> = hi[0].chunks_mut(m1).map(Some).collect();
        let rows = op.blocks[k].partners(q, 0);
        let work: Vec<(&mut [f64], &mut [f64])> = rows
            .iter()
            .map(|&(b, pb)| (cols[b].take().unwrap(), cols1[pb].take().unwrap()))
            .collect();
        work.into_par_iter().for_each(|(col, col1)| {
            for &(a, pa) in rows.iter() {
                let (g, e) = f(col[a], col1[pa]);
                col[a] = g;
                col1[pa] = e;
            }
        });
    }
}
