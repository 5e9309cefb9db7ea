//! # qbat-core
//!
//! The physics of open quantum batteries: a battery qubit in a network of qubits, every qubit
//! exchanging particles with fermionic (or bosonic) reservoirs, following Kamin, Salimi and
//! Arjmandi, Phys. Rev. A 109, 022226 (2024). This crate builds the model, its Lindblad
//! Liouvillian, finds steady states and dynamics, and evaluates the battery's ergotropy.
//! It does no file IO and no printing.
//!
//! ## Conventions (written once, here)
//! - Units: hbar = k_B = 1.
//! - `H_S = sum_i omega0_i sigma_z^i + J sum_{(a,b) in edges} (sigma_+^a sigma_-^b + h.c.)`;
//!   the battery (qubit 0) has `H_B = omega0_0 sigma_z`, so `E_max = 2 omega0_0`.
//! - Computational basis: state index `s` in `0..2^N`; bit `i` of `s` (value `1 << i`) is set
//!   when qubit `i` is excited (`sigma_z^i = +1`). All operators of the model are real in it.
//! - Vectorisation: column stacking, `vec(rho)[i + j d] = rho[i, j]`, so
//!   `vec(A rho B) = (B^T kron A) vec(rho)`.
//! - Lindblad form: `d rho/dt = -i[H, rho] + sum_k (L_k rho L_k^dag - {L_k^dag L_k, rho}/2)`.
//! - Small matrices handed to users (the battery's reduced state) are in the basis
//!   `(|e>, |g>)`: `sigma_z = +1` first, as QuTiP orders it.
//!
//! ## Map
//! - [`model`]: user-facing model specification, validation, reservoirs, jump operators.
//! - [`hilbert`]: basis conventions, excitation sectors, sparse operators on qubits.
//! - [`liouvillian`]: sparse Liouvillian assembly on the full space or a U(1) sector.
//! - [`steady`]: steady-state solvers (full, sector, symmetric) and their diagnostics.
//! - [`dynamics`]: time evolution, charging time, power, spectral gap.
//! - [`observables`]: ergotropy (general dimension), battery observables.
//! - `dicke` (internal): the permutation-symmetric representation shared by `steady` and
//!   `dynamics`; `linalg` (internal): the linear-algebra building blocks (vector kernels,
//!   Gram-Schmidt, sparse containers, GMRES, the dense exponential, the multifrontal LU);
//!   `plan` (internal): which method and solver run, why, and their memory.

mod dicke;
pub mod dynamics;
mod error;
pub mod hilbert;
mod linalg;
pub mod liouvillian;
pub mod model;
pub mod observables;
mod options;
mod plan;
pub mod steady;

pub use error::SolveError;
pub use faer::c64;
pub use model::{
    Dissipation, InitialState, Model, ModelError, ModelSpec, PerQubit, Statistics, Topology,
};
pub use observables::{battery_observables, BatteryObservables};
pub use options::{Method, Solver, SteadyOptions, UnknownSolver};
pub use plan::memory_estimate;
pub use steady::{steady_state, Diagnostics, SteadyState};
