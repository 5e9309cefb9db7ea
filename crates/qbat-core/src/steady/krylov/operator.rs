//! The Liouvillian on the U(1) sector, applied matrix-free to packed Hermitian blocks.
//!
//! With local jumps `sqrt(down_q) sigma_-^q`, `sqrt(up_q) sigma_+^q` the Liouvillian is
//! `L(rho) = G rho + rho G^dag + sum_q (down_q sigma_-^q rho sigma_+^q + up_q sigma_+^q rho sigma_-^q)`
//! with `G = -i H - K/2`, `K = sum_q (down_q P_e^q + up_q P_g^q)` diagonal. `H` conserves the
//! excitation number, so on block `k` (`X = S + i A`, `S` symmetric, `A` antisymmetric, `H` real
//! symmetric: diagonal `E` plus hopping `V`):
//! - `Re L(X) = [V, A] + (E_a - E_b) A_ab - (K_a + K_b)/2 S_ab + jumps(S)`,
//! - `Im L(X) = -[V, S] - (E_a - E_b) S_ab - (K_a + K_b)/2 A_ab + jumps(A)`,
//!
//! and `[V, A] = V A + (V A)^T`, `[V, S] = V S - (V S)^T` need only the products `V S`, `V A`.
//! The jumps bring blocks `k + 1` (lowering) and `k - 1` (raising) into block `k`.

use super::hermitian::{unpack, Layout};
use crate::hilbert::RealSparse;
use rayon::prelude::*;

/// One block's part of the generator.
#[derive(Clone, Debug)]
pub(super) struct BlockGenerator {
    /// Diagonal of `H` on the block.
    pub energy: Vec<f64>,
    /// Diagonal of `K` on the block.
    pub decay: Vec<f64>,
    /// Off-diagonal part `V` of `H` (symmetric), row `i`: `hop[hop_ptr[i]..hop_ptr[i + 1]]`.
    hop_ptr: Vec<usize>,
    hop: Vec<(usize, f64)>,
    /// For every qubit `q` and both values of its bit: the rows `a` of this block with that bit
    /// and the position of `a` with the bit flipped in the neighbouring block.
    partners: Vec<[Vec<(usize, usize)>; 2]>,
}

impl BlockGenerator {
    /// Entries `(column, value)` of row `i` of the hopping `V`.
    pub fn hopping_row(&self, i: usize) -> &[(usize, f64)] {
        &self.hop[self.hop_ptr[i]..self.hop_ptr[i + 1]]
    }

    /// The rows `a` whose state has bit `q` equal to `bit`, with the position of that state
    /// with bit `q` flipped in block `k + 1` (`bit = 0`) or `k - 1` (`bit = 1`).
    pub fn partners(&self, q: usize, bit: usize) -> &[(usize, usize)] {
        &self.partners[q][bit]
    }
}

/// The sector Liouvillian of a model with local (single-qubit) jumps.
#[derive(Clone, Debug)]
pub(super) struct SectorOperator {
    /// Rate of `sigma_-^q` for every qubit.
    pub down: Vec<f64>,
    /// Rate of `sigma_+^q` for every qubit.
    pub up: Vec<f64>,
    /// Per-block generators.
    pub blocks: Vec<BlockGenerator>,
}

impl SectorOperator {
    /// Splits `hamiltonian` (on the full basis) into blocks; `down`, `up` are per-qubit rates.
    #[track_caller]
    pub fn new(
        layout: &Layout,
        hamiltonian: &RealSparse,
        down: Vec<f64>,
        up: Vec<f64>,
    ) -> SectorOperator {
        let sectors = &layout.sectors;
        let n = sectors.n;
        assert_eq!(hamiltonian.dim, sectors.dim(), "Hamiltonian size");
        assert!(down.len() == n && up.len() == n, "one rate per qubit");
        let blocks = sectors
            .states
            .iter()
            .map(|states| {
                let mut energy = Vec::with_capacity(states.len());
                let mut decay = Vec::with_capacity(states.len());
                let mut hop_ptr = vec![0];
                let mut hop = Vec::new();
                for &s in states {
                    let mut e = 0.0;
                    // H is symmetric, so column s lists row s's entries as well
                    for &(r, h) in &hamiltonian.columns[s] {
                        if r == s {
                            e = h;
                        } else {
                            debug_assert_eq!(r.count_ones(), s.count_ones(), "H conserves exc.");
                            hop.push((sectors.position[r], h));
                        }
                    }
                    hop_ptr.push(hop.len());
                    energy.push(e);
                    decay.push(
                        (0..n)
                            .map(|q| if s >> q & 1 == 1 { down[q] } else { up[q] })
                            .sum(),
                    );
                }
                let partners = (0..n)
                    .map(|q| {
                        let mut lists: [Vec<(usize, usize)>; 2] = [Vec::new(), Vec::new()];
                        for (a, &s) in states.iter().enumerate() {
                            lists[s >> q & 1].push((a, sectors.position[s ^ (1 << q)]));
                        }
                        lists
                    })
                    .collect();
                BlockGenerator {
                    energy,
                    decay,
                    hop_ptr,
                    hop,
                    partners,
                }
            })
            .collect();
        SectorOperator { down, up, blocks }
    }

    /// `y = L(x)` for packed Hermitian `x` (see the module docs).
    #[track_caller]
    pub fn apply(&self, layout: &Layout, x: &[f64], y: &mut [f64]) {
        assert!(x.len() == layout.len() && y.len() == layout.len(), "sizes");
        let outputs = layout.blocks_mut(y);
        // big blocks parallelise inside; the order of blocks does not matter
        outputs.into_par_iter().enumerate().for_each(|(k, out)| {
            self.apply_block(layout, x, k, out);
        });
    }

    fn apply_block(&self, layout: &Layout, x: &[f64], k: usize, out: &mut [f64]) {
        let m = layout.sizes[k];
        let g = &self.blocks[k];
        let mut s = vec![0.0; m * m];
        let mut a = vec![0.0; m * m];
        unpack(layout.block(x, k), m, &mut s, &mut a);
        let (s, a) = (&s, &a);
        let lower = (k + 1 < layout.blocks()).then(|| layout.block(x, k + 1));
        let upper = (k > 0).then(|| layout.block(x, k - 1));
        let n = self.down.len();
        let states = &layout.sectors.states[k];
        out.par_chunks_mut(m).enumerate().for_each_init(
            || vec![0.0; 4 * m],
            |scratch, (b, col)| {
                // columns b of V S, V A (row gathers) and of S V, A V (sums of columns of S, A
                // over the neighbours of b), so no strided access: (V S)^T = S V since S and V
                // are symmetric, (V A)^T = -A V
                let (vs, rest) = scratch.split_at_mut(m);
                let (va, rest) = rest.split_at_mut(m);
                let (sv, av) = rest.split_at_mut(m);
                let (s_b, a_b) = (&s[b * m..(b + 1) * m], &a[b * m..(b + 1) * m]);
                for i in 0..m {
                    let (mut p, mut q) = (0.0, 0.0);
                    for &(l, v) in g.hopping_row(i) {
                        p += v * s_b[l];
                        q += v * a_b[l];
                    }
                    vs[i] = p;
                    va[i] = q;
                }
                sv.iter_mut().for_each(|v| *v = 0.0);
                av.iter_mut().for_each(|v| *v = 0.0);
                for &(l, v) in g.hopping_row(b) {
                    let (s_l, a_l) = (&s[l * m..(l + 1) * m], &a[l * m..(l + 1) * m]);
                    sv.iter_mut().zip(s_l).for_each(|(o, x)| *o += v * x);
                    av.iter_mut().zip(a_l).for_each(|(o, x)| *o += v * x);
                }
                let (e_b, k_b) = (g.energy[b], g.decay[b]);
                for (i, o) in col.iter_mut().enumerate() {
                    let half_decay = 0.5 * (g.decay[i] + k_b);
                    use std::cmp::Ordering::*;
                    *o = match i.cmp(&b) {
                        // Re L(X)[i, b] = [V, A]_ib + (E_i - E_b) A_ib - (K_i + K_b)/2 S_ib
                        Greater => {
                            va[i] - av[i] + (g.energy[i] - e_b) * a_b[i] - half_decay * s_b[i]
                        }
                        // Im L(X)[b, i] = -[V, S]_bi - (E_b - E_i) S_bi - (K_i + K_b)/2 A_bi
                        Less => vs[i] - sv[i] - (e_b - g.energy[i]) * s_b[i] + half_decay * a_b[i],
                        Equal => 2.0 * va[i] - k_b * s_b[i],
                    };
                }
                // jumps: qubit q with the same bit in row and column state; bit 0 -> lowering
                // from block k + 1, bit 1 -> raising from block k - 1
                let sb = states[b];
                for q in 0..n {
                    let bit = sb >> q & 1;
                    let (src, rate, m_src) = if bit == 0 {
                        (lower.unwrap(), self.down[q], layout.sizes[k + 1])
                    } else {
                        (upper.unwrap(), self.up[q], layout.sizes[k - 1])
                    };
                    if rate == 0.0 {
                        continue;
                    }
                    let pb = layout.sectors.position[sb ^ (1 << q)];
                    let src_col = &src[pb * m_src..(pb + 1) * m_src];
                    for &(row, pa) in &g.partners[q][bit] {
                        col[row] += rate * src_col[pa];
                    }
                }
            },
        );
    }
}
