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

use super::hermitian::{fill_tiled, unpack, Layout};
use crate::hilbert::RealSparse;
use rayon::prelude::*;
use std::sync::Mutex;

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
#[derive(Debug)]
pub(super) struct SectorOperator {
    /// Rate of `sigma_-^q` for every qubit.
    pub down: Vec<f64>,
    /// Rate of `sigma_+^q` for every qubit.
    pub up: Vec<f64>,
    /// Per-block generators.
    pub blocks: Vec<BlockGenerator>,
    /// Per block, the unpacked `S` and `A` (`2 m^2` reals) kept between applications
    /// (allocating and zeroing them every time cost a tenth of an application at N = 13);
    /// one task uses a block at a time.
    scratch: Vec<Mutex<Vec<f64>>>,
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
        let blocks: Vec<BlockGenerator> = sectors
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
        let scratch = (0..blocks.len()).map(|_| Mutex::new(Vec::new())).collect();
        SectorOperator {
            down,
            up,
            blocks,
            scratch,
        }
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
        let r = layout.block(x, k);
        let mut guard = self.scratch[k].lock().unwrap_or_else(|e| e.into_inner());
        if guard.len() != 2 * m * m {
            *guard = vec![0.0; 2 * m * m];
        }
        let (vs, va) = guard.split_at_mut(m * m);
        unpack(r, m, vs, va);
        // V S and V A in place, column by column (column b of V S needs column b of S only)
        vs.par_chunks_mut(m)
            .zip(va.par_chunks_mut(m))
            .for_each_init(
                || vec![0.0; 2 * m],
                |column, (s_b, a_b)| {
                    let (p, q) = column.split_at_mut(m);
                    for i in 0..m {
                        let (mut pi, mut qi) = (0.0, 0.0);
                        for &(l, v) in g.hopping_row(i) {
                            pi += v * s_b[l];
                            qi += v * a_b[l];
                        }
                        p[i] = pi;
                        q[i] = qi;
                    }
                    s_b.copy_from_slice(p);
                    a_b.copy_from_slice(q);
                },
            );
        let (vs, va) = (&*vs, &*va);
        // the commutators from V S, V A and their transposes ((V S)^T = S V as S and V are
        // symmetric, (V A)^T = -A V), with S and A read from the packed block, by tiles of
        // columns and rows so that each tile's mirror stays in cache
        fill_tiled(out, m, |i, b| {
            let (e_b, k_b) = (g.energy[b], g.decay[b]);
            let half_decay = 0.5 * (g.decay[i] + k_b);
            use std::cmp::Ordering::*;
            match i.cmp(&b) {
                // Re L(X)[i, b] = [V, A]_ib + (E_i - E_b) A_ib - (K_i + K_b)/2 S_ib
                // with S_ib = r[i + b m], A_ib = r[b + i m]
                Greater => {
                    va[i + b * m] + va[b + i * m] + (g.energy[i] - e_b) * r[b + i * m]
                        - half_decay * r[i + b * m]
                }
                // Im L(X)[b, i] = -[V, S]_bi - (E_b - E_i) S_bi - (K_i + K_b)/2 A_bi
                // with S_bi = r[b + i m], A_bi = r[i + b m]
                Less => {
                    vs[i + b * m]
                        - vs[b + i * m]
                        - (e_b - g.energy[i]) * r[b + i * m]
                        - half_decay * r[i + b * m]
                }
                Equal => 2.0 * va[b + b * m] - k_b * r[b + b * m],
            }
        });
        // jumps: lowering from block k + 1, raising from block k - 1
        let lower = (k + 1 < layout.blocks()).then(|| layout.block(x, k + 1));
        let upper = (k > 0).then(|| layout.block(x, k - 1));
        self.add_jumps(layout, k, lower, upper, 1.0, out);
    }

    /// `out += factor * jumps(src)` into block `k`: qubit `q` with the same bit in the row
    /// and the column state; bit 0 from `lower` (block `k + 1`, lowering jumps), bit 1 from
    /// `upper` (block `k - 1`, raising jumps). A missing source contributes nothing.
    pub fn add_jumps(
        &self,
        layout: &Layout,
        k: usize,
        lower: Option<&[f64]>,
        upper: Option<&[f64]>,
        factor: f64,
        out: &mut [f64],
    ) {
        let m = layout.sizes[k];
        let g = &self.blocks[k];
        let states = &layout.sectors.states[k];
        // each source with its side
        let lower = lower.map(|x| (x, layout.sizes[k + 1]));
        let upper = upper.map(|x| (x, layout.sizes[k - 1]));
        out.par_chunks_mut(m).enumerate().for_each(|(b, col)| {
            let sb = states[b];
            for q in 0..self.down.len() {
                let bit = sb >> q & 1;
                let (src, rate) = if bit == 0 {
                    (lower, self.down[q])
                } else {
                    (upper, self.up[q])
                };
                let Some((src, m_src)) = src.filter(|_| rate != 0.0) else {
                    continue;
                };
                let rate = factor * rate;
                let pb = layout.sectors.position[sb ^ (1 << q)];
                let src_col = &src[pb * m_src..(pb + 1) * m_src];
                for &(row, pa) in &g.partners[q][bit] {
                    col[row] += rate * src_col[pa];
                }
            }
        });
    }
}
