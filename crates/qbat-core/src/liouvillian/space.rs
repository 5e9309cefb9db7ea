//! [`OperatorSpace`]: which operators `|i><j|` are the unknowns of a Liouvillian, and their
//! order (all `4^N`, or the U(1) sector's `C(2N, N)` block by block).

use crate::hilbert::Sectors;

/// The operators `|i><j|` a Liouvillian acts on, and their ordering as unknowns.
#[derive(Clone, Debug, PartialEq)]
pub enum OperatorSpace {
    /// All `4^N` operators, `index = i + j 2^N`.
    Full {
        /// Hilbert-space dimension `2^N`.
        dim: usize,
    },
    /// Operators with `exc(i) = exc(j)`, blocks `k = 0..=N`.
    Sector {
        /// Basis grouped by excitation number.
        sectors: Sectors,
        /// `offsets[k]`: index of the first unknown of block `k`; `offsets[N+1]` = total.
        offsets: Vec<usize>,
    },
}

impl OperatorSpace {
    /// The full space of `n` qubits.
    pub fn full(n: usize) -> OperatorSpace {
        OperatorSpace::Full { dim: 1 << n }
    }

    /// The U(1) sector (equal excitation numbers) of `n` qubits.
    pub fn sector(n: usize) -> OperatorSpace {
        let sectors = Sectors::new(n);
        let mut offsets = vec![0];
        for group in &sectors.states {
            offsets.push(offsets.last().unwrap() + group.len() * group.len());
        }
        OperatorSpace::Sector { sectors, offsets }
    }

    /// Number of unknowns.
    pub fn len(&self) -> usize {
        match self {
            OperatorSpace::Full { dim } => dim * dim,
            OperatorSpace::Sector { offsets, .. } => *offsets.last().unwrap(),
        }
    }

    /// Hilbert-space dimension `2^N`.
    pub fn hilbert_dim(&self) -> usize {
        match self {
            OperatorSpace::Full { dim } => *dim,
            OperatorSpace::Sector { sectors, .. } => sectors.dim(),
        }
    }

    /// Unknown index of `|i><j|`, or `None` when it is outside the space.
    #[inline]
    pub fn index(&self, i: usize, j: usize) -> Option<usize> {
        match self {
            OperatorSpace::Full { dim } => Some(i + j * dim),
            OperatorSpace::Sector { sectors, offsets } => {
                let k = i.count_ones() as usize;
                if k != j.count_ones() as usize {
                    return None;
                }
                let size = sectors.states[k].len();
                Some(offsets[k] + sectors.position[i] + sectors.position[j] * size)
            }
        }
    }

    /// The operator `|i><j|` behind unknown `index`.
    #[inline]
    pub fn pair(&self, index: usize) -> (usize, usize) {
        match self {
            OperatorSpace::Full { dim } => (index % dim, index / dim),
            OperatorSpace::Sector { sectors, offsets } => {
                let k = offsets.partition_point(|&o| o <= index) - 1;
                let local = index - offsets[k];
                let group = &sectors.states[k];
                (group[local % group.len()], group[local / group.len()])
            }
        }
    }

    /// Unknown indices of the populations `|s><s|`, in basis order `s = 0..2^N`.
    pub fn diagonal(&self) -> Vec<usize> {
        (0..self.hilbert_dim())
            .map(|s| self.index(s, s).unwrap())
            .collect()
    }
}
