//! Coupling graphs between the qubits.

use super::error::ModelError;

/// Which pairs of qubits exchange excitations with strength `J`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Topology {
    /// Battery (qubit 0) coupled to every ancilla; the paper's network.
    Star,
    /// Open chain `0 - 1 - ... - (N-1)`.
    Chain,
    /// Closed chain (a chain plus the edge `(N-1, 0)` for N >= 3).
    Ring,
    /// Every pair coupled.
    Complete,
    /// An explicit list of edges `(a, b)`.
    Custom(Vec<(usize, usize)>),
}

impl Topology {
    /// The edges for `n` qubits, each as `(a, b)` with `a < b`, sorted, without duplicates.
    ///
    /// # Errors
    /// `edges` with an index `>= n`, a self-loop, or a duplicate edge.
    pub fn edges(&self, n: usize) -> Result<Vec<(usize, usize)>, ModelError> {
        let mut edges: Vec<(usize, usize)> = match self {
            Topology::Star => (1..n).map(|i| (0, i)).collect(),
            Topology::Chain => (1..n).map(|i| (i - 1, i)).collect(),
            Topology::Ring => {
                let mut e: Vec<_> = (1..n).map(|i| (i - 1, i)).collect();
                if n >= 3 {
                    e.push((0, n - 1));
                }
                e
            }
            Topology::Complete => (0..n)
                .flat_map(|a| (a + 1..n).map(move |b| (a, b)))
                .collect(),
            Topology::Custom(list) => {
                let mut e = Vec::with_capacity(list.len());
                for &(a, b) in list {
                    if a >= n || b >= n {
                        return Err(ModelError::invalid(
                            "edges",
                            format!("[{a}, {b}]"),
                            format!("qubit indices must be below n = {n}"),
                        ));
                    }
                    if a == b {
                        return Err(ModelError::invalid(
                            "edges",
                            format!("[{a}, {b}]"),
                            "an edge must join two different qubits",
                        ));
                    }
                    e.push((a.min(b), a.max(b)));
                }
                e
            }
        };
        edges.sort_unstable();
        let before = edges.len();
        edges.dedup();
        if edges.len() != before {
            return Err(ModelError::invalid(
                "edges",
                format!("{self:?}"),
                "duplicate edge",
            ));
        }
        Ok(edges)
    }

    /// The name used in model files: `star`, `chain`, `ring`, `complete`, `custom`.
    pub fn name(&self) -> &'static str {
        match self {
            Topology::Star => "star",
            Topology::Chain => "chain",
            Topology::Ring => "ring",
            Topology::Complete => "complete",
            Topology::Custom(_) => "custom",
        }
    }
}
