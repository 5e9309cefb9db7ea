//! Basis conventions and operators on N qubits.
//!
//! State index `s` in `0..2^N`; bit `i` of `s` set means qubit `i` is excited. The number of
//! excitations of `s` is `s.count_ones()`. The Hamiltonian conserves it and every jump operator
//! changes it by exactly one, which is the U(1) symmetry that [`Sectors`] exploits.

mod operator;

pub use crate::linalg::RealSparse;
pub use operator::{hamiltonian, jump_operator};

/// Largest N for which the computational basis (`2^N` states) is ever built.
pub const MAX_BASIS_QUBITS: usize = 24;

/// Number of excitations of basis state `s`.
#[inline]
pub fn excitations(s: usize) -> usize {
    s.count_ones() as usize
}

/// The computational basis grouped by excitation number: `states[k]` lists, in increasing
/// order, the basis states with `k` excitations; `position[s]` is the index of `s` in its group.
#[derive(Clone, Debug, PartialEq)]
pub struct Sectors {
    /// Number of qubits.
    pub n: usize,
    /// Basis states with `k` excitations, for `k = 0..=n`.
    pub states: Vec<Vec<usize>>,
    /// Position of every basis state inside its excitation group.
    pub position: Vec<usize>,
}

impl Sectors {
    /// Groups the `2^n` basis states of `n` qubits by excitation number.
    #[track_caller]
    pub fn new(n: usize) -> Sectors {
        assert!(n <= MAX_BASIS_QUBITS, "basis of {n} qubits is too large");
        let dim = 1usize << n;
        let mut states = vec![Vec::new(); n + 1];
        let mut position = vec![0; dim];
        for (s, pos) in position.iter_mut().enumerate() {
            let k = excitations(s);
            *pos = states[k].len();
            states[k].push(s);
        }
        Sectors {
            n,
            states,
            position,
        }
    }

    /// Hilbert-space dimension `2^n`.
    pub fn dim(&self) -> usize {
        1 << self.n
    }
}

/// `n choose k` as f64 (exact for the sizes used here, finite for any n, k).
pub fn binomial(n: usize, k: usize) -> f64 {
    if k > n {
        return 0.0;
    }
    let k = k.min(n - k);
    (0..k).fold(1.0, |acc, i| acc * (n - i) as f64 / (i + 1) as f64)
}
