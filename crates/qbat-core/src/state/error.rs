//! [`StateError`]: why a quantity cannot be read from a [`State`](super::State).

/// Why a reduced state, expectation value or entropy cannot be read.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum StateError {
    /// A repeated or out-of-range qubit, or too many qubits.
    BadQubits(String),
    /// The representation does not hold that reduced state (two ancillas of a Dicke state).
    NotRepresented(String),
    /// A dense eigensolver failed.
    Numerical(String),
}

impl std::fmt::Display for StateError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StateError::BadQubits(s) => write!(f, "bad qubits {s}"),
            StateError::NotRepresented(s) => write!(f, "not represented: {s}"),
            StateError::Numerical(s) => write!(f, "numerical failure: {s}"),
        }
    }
}

impl std::error::Error for StateError {}
