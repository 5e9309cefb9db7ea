//! The model's choice enums: reservoir [`Statistics`], [`Dissipation`] and the
//! [`InitialState`] (their names on the command line: `names.rs` of the crate).

/// Quantum statistics of the reservoirs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Statistics {
    /// Fermi-Dirac (the paper's fermionic reservoirs).
    Fermi,
    /// Bose-Einstein (for comparison); needs `omega > mu`.
    Bose,
}

/// How the qubits couple to reservoirs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Dissipation {
    /// One common reservoir, collective jump operators `J_-`, `J_+` (equilibrium case).
    Collective,
    /// One reservoir per qubit, local jump operators (nonequilibrium case).
    Individual,
}

/// The state the dynamics starts from; it selects the `t -> infinity` state when the
/// Liouvillian's kernel is degenerate.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum InitialState {
    /// All qubits in the ground state (the paper's uncharged battery).
    #[default]
    Ground,
    /// All qubits excited.
    Excited,
    /// The maximally mixed state `I / 2^N`.
    Mixed,
}
