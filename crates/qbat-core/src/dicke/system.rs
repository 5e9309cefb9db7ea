//! [`DickeSystem`]: the Dicke-basis Liouvillian on the blocks a trajectory reaches, as a
//! plain real sparse matrix (`crate::dynamics` integrates `dx/dt = L x` with it, in real
//! arithmetic), with the initial states and the reduction of a state.
//!
//! The unknowns are those of [`Layout`], restricted to the blocks a trajectory can reach:
//! every block for individual dissipation (local ancilla jumps move between `j` and `j +- 1`)
//! and for the maximally mixed initial state; only the initial block `j = M/2` for collective
//! dissipation from all-ground or all-excited (collective jumps conserve `j`).

use super::assemble::assemble;
use super::block::BlockGenerator;
use super::counting::mixed_weights;
use super::generators::{self, applies};
use super::layout::{block_len, Layout, Part};
use super::reduce::{reduce, Reduced};
use crate::linalg::sparse::Csc;
use crate::model::{Dissipation, InitialState, Model};

/// The Liouvillian on the reachable blocks of the Dicke layout.
pub(crate) struct DickeSystem {
    layout: Layout,
    generator: BlockGenerator,
    /// Blocks `l` kept, in layout order, and the position of each in the compact vector.
    blocks: Vec<(usize, usize)>,
    /// Number of compact unknowns.
    len: usize,
    /// `L` over the compact unknowns, by columns.
    pub l: Csc,
}

impl DickeSystem {
    /// The Dicke-basis Liouvillian of `model` for trajectories from `initial`.
    ///
    /// # Errors
    /// The reason when the model lacks the permutation symmetry.
    pub(crate) fn new(model: &Model, initial: InitialState) -> Result<DickeSystem, String> {
        applies(model)?;
        let ancillas = model.n - 1;
        let layout = Layout::new(ancillas);
        let (generator, local) = generators::of(model);
        let all = model.dissipation == Dissipation::Individual || initial == InitialState::Mixed;
        let kept: Vec<usize> = if all {
            (0..layout.blocks()).collect()
        } else {
            vec![0]
        };
        let mut compact = vec![usize::MAX; layout.blocks()];
        let mut blocks = Vec::with_capacity(kept.len());
        let mut len = 0;
        for &l in &kept {
            compact[l] = len;
            blocks.push((l, len));
            len += block_len(layout.tj(l));
        }
        let offsets: Vec<usize> = (0..=layout.blocks()).map(|l| layout.offset(l)).collect();
        let block_of = |index: usize| {
            let l = offsets.partition_point(|&o| o <= index) - 1;
            (l, index - offsets[l])
        };
        let keep_column = |c: usize| compact[block_of(c).0] != usize::MAX;
        let (csc, _) = assemble(&layout, &generator, local.as_ref(), None, &keep_column);
        let mut col_ptr = vec![0];
        let mut row_idx = Vec::new();
        let mut values = Vec::new();
        for &(l, _) in &blocks {
            let offset = layout.offset(l);
            for c in offset..offset + block_len(layout.tj(l)) {
                for k in csc.col_ptr[c]..csc.col_ptr[c + 1] {
                    let (rl, local_row) = block_of(csc.row_idx[k]);
                    // rows outside the kept blocks cannot occur: kept sets are invariant
                    debug_assert_ne!(compact[rl], usize::MAX);
                    row_idx.push(compact[rl] + local_row);
                    values.push(csc.values[k]);
                }
                col_ptr.push(row_idx.len());
            }
        }
        Ok(DickeSystem {
            layout,
            generator,
            blocks,
            len,
            l: Csc {
                dim: len,
                col_ptr,
                row_idx,
                values,
            },
        })
    }

    /// The initial state over the kept unknowns ([`layout_initial_state`]; the kept blocks
    /// are a prefix of the layout: all of them, or the top block alone).
    pub(crate) fn initial_state(&self, initial: InitialState) -> Vec<f64> {
        let mut x = layout_initial_state(&self.layout, initial);
        x.truncate(self.len);
        x
    }

    /// Battery populations, ancilla population, `tr(rho H)` and the smallest eigenvalue of the
    /// full density matrix of the state `x`.
    pub(crate) fn reduce(&self, x: &[f64]) -> Reduced {
        reduce(
            self.layout.ancillas,
            &self.generator,
            self.blocks.iter().map(|&(l, start)| {
                let tj = self.layout.tj(l);
                (tj, &x[start..start + block_len(tj)])
            }),
        )
    }
}

/// The initial state over every unknown of `layout`: all-ground is
/// `|g> (x) |j = M/2, m = -M/2>` (sector 0 of the top block), all-excited
/// `|e> (x) |j = M/2, m = M/2>` (its last sector), and `I / 2^N` puts `d_j / 2^(M+1)` on every
/// population of block `j`.
pub(crate) fn layout_initial_state(layout: &Layout, initial: InitialState) -> Vec<f64> {
    let mut x = vec![0.0; layout.len()];
    let m = layout.ancillas;
    let top = |s: usize, part: Part| layout.index(m, s, part).unwrap();
    match initial {
        InitialState::Ground => x[top(0, Part::B)] = 1.0,
        InitialState::Excited => x[top(m + 1, Part::A)] = 1.0,
        InitialState::Mixed => {
            for (l, weight) in mixed_weights(m).into_iter().enumerate() {
                let tj = layout.tj(l);
                // the block's weight d_j (2j + 1) / 2^M spread over its 2 (2j + 1) states
                let each = weight / (2.0 * (tj + 1) as f64);
                for s in 0..=tj + 1 {
                    for part in [Part::A, Part::B] {
                        if let Some(i) = layout.index(tj, s, part) {
                            x[i] = each;
                        }
                    }
                }
            }
        }
    }
    x
}
