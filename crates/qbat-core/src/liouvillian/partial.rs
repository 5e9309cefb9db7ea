//! Partial traces and spectra of a state stored over an [`OperatorSpace`].
//!
//! A state `x` (`x[index(i, j)] = rho[i, j]`) reduced to the qubits `S = (q_0, ..., q_{K-1})`:
//! `rho_S[a, b] = sum_{i, j: i, j agree outside S} rho[i, j]` with `a`, `b` the bits of `i`, `j`
//! on `S` (bit `t` of `a` = qubit `q_t` excited). When `rho` has no coherence between different
//! excitation numbers (always on the U(1) sector), neither has `rho_S` (the traced-out qubits
//! agree, so `exc(a) - exc(b) = exc(i) - exc(j)`): both are then block diagonal in the
//! excitation number and their spectra are those of the blocks, never of a `2^K` matrix.

use super::space::OperatorSpace;
use crate::c64;
use crate::hilbert::Sectors;
use faer::{Mat, Side};

/// A Hermitian matrix on `2^K` basis states given by blocks: `groups[g]` lists the basis
/// states of block `g`, `blocks[g]` the matrix on them (the rest is zero).
pub(crate) struct Blocks {
    /// Basis states of every block.
    pub groups: Vec<Vec<usize>>,
    /// The matrix on each group.
    pub blocks: Vec<Mat<c64>>,
}

impl Blocks {
    /// Every eigenvalue, block by block.
    ///
    /// # Errors
    /// A message when the dense eigensolver fails.
    pub(crate) fn eigenvalues(&self) -> Result<Vec<f64>, String> {
        let mut all = Vec::new();
        for block in &self.blocks {
            let size = block.nrows();
            if size == 0 {
                continue;
            }
            let values = block
                .self_adjoint_eigenvalues(Side::Lower)
                .map_err(|e| format!("eigenvalues of a {size} x {size} block of rho: {e:?}"))?;
            all.extend(values);
        }
        Ok(all)
    }

    /// The dense `2^K` matrix.
    pub(crate) fn dense(&self, dim: usize) -> Mat<c64> {
        let mut out = Mat::<c64>::zeros(dim, dim);
        for (group, block) in self.groups.iter().zip(&self.blocks) {
            for (a, &ga) in group.iter().enumerate() {
                for (b, &gb) in group.iter().enumerate() {
                    out[(ga, gb)] = block[(a, b)];
                }
            }
        }
        out
    }
}

/// Whether `x` has no entry between different excitation numbers.
pub(crate) fn conserves_excitations(space: &OperatorSpace, x: &[c64]) -> bool {
    match space {
        OperatorSpace::Sector { .. } => true,
        OperatorSpace::Full { .. } => (0..x.len()).all(|idx| {
            let (i, j) = space.pair(idx);
            i.count_ones() == j.count_ones() || x[idx] == c64::new(0.0, 0.0)
        }),
    }
}

/// `rho` reduced to `qubits` (distinct, each a qubit of the space), by blocks of the excitation number when
/// `rho` conserves it.
#[track_caller]
pub(crate) fn reduced(space: &OperatorSpace, x: &[c64], qubits: &[usize]) -> Blocks {
    let k = qubits.len();
    let split = conserves_excitations(space, x);
    let (groups, position, group_of): (Vec<Vec<usize>>, Vec<usize>, Vec<usize>) = if split {
        let sectors = Sectors::new(k);
        let group_of = (0..1usize << k).map(|a| a.count_ones() as usize).collect();
        (sectors.states, sectors.position, group_of)
    } else {
        (
            vec![(0..1usize << k).collect()],
            (0..1usize << k).collect(),
            vec![0; 1 << k],
        )
    };
    let mut blocks: Vec<Mat<c64>> = groups
        .iter()
        .map(|g| Mat::<c64>::zeros(g.len(), g.len()))
        .collect();
    let mask: usize = qubits.iter().map(|&q| 1usize << q).sum();
    let bits = |s: usize| -> usize {
        qubits
            .iter()
            .enumerate()
            .map(|(t, &q)| (s >> q & 1) << t)
            .sum()
    };
    for (idx, &v) in x.iter().enumerate() {
        if v == c64::new(0.0, 0.0) {
            continue;
        }
        let (i, j) = space.pair(idx);
        if (i ^ j) & !mask != 0 {
            continue;
        }
        let (a, b) = (bits(i), bits(j));
        let g = group_of[a];
        debug_assert_eq!(g, group_of[b]);
        blocks[g][(position[a], position[b])] += v;
    }
    Blocks { groups, blocks }
}

/// Every eigenvalue of `rho` itself (block by block when it conserves the excitation number).
///
/// # Errors
/// A message when the dense eigensolver fails.
pub(crate) fn spectrum(n: usize, space: &OperatorSpace, x: &[c64]) -> Result<Vec<f64>, String> {
    let dim = space.hilbert_dim();
    let groups: Vec<Vec<usize>> = if conserves_excitations(space, x) {
        Sectors::new(n).states
    } else {
        vec![(0..dim).collect()]
    };
    let blocks = groups
        .iter()
        .map(|group| {
            let size = group.len();
            Mat::<c64>::from_fn(size, size, |a, b| {
                space
                    .index(group[a], group[b])
                    .map_or(c64::new(0.0, 0.0), |idx| x[idx])
            })
        })
        .collect();
    Blocks { groups, blocks }.eigenvalues()
}
