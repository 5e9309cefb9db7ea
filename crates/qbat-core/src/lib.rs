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
//! ## Public API
//! Everything a user needs is exported here, at the crate root; the modules are private.
//! - Model: [`ModelSpec`] (what the user writes) is validated by [`Model::new`] into a
//!   [`Model`]; choices [`Topology`], [`Dissipation`], [`Statistics`], [`InitialState`]; the
//!   resolved [`Reservoir`]s and [`Jump`]s; [`occupation`]; [`ModelError`].
//! - Steady states: [`steady_state`] with [`SteadyOptions`], [`Method`] and [`Solver`] gives a
//!   [`SteadyState`] with [`Diagnostics`]; [`memory_estimate`]; [`SolveError`].
//! - Dynamics: [`evolve`] / [`evolve_with_progress`] with [`EvolveOptions`] and
//!   [`Integrator`] give a [`Trajectory`] with [`EvolveDiagnostics`] and the spectral [`Gap`].
//! - The whole state: [`SteadyState::state`] is a [`State`] (reduced states of any qubits,
//!   [`State::expect`] of products of [`QubitOp`]s, populations, entropies; [`StateError`]).
//! - Thermodynamics ([`thermodynamics`] gives [`Thermodynamics`]): [`currents`] per reservoir
//!   ([`Current`]), [`entropy_production`], [`mutual_information`], [`concurrence`]
//!   ([`wootters_concurrence`]).
//! - Observables: [`battery_observables`] ([`BatteryObservables`]), the general-dimension
//!   [`ergotropy()`], [`ergotropy_parts`], [`passive_energy`] and [`purity`].
//! - Every choice enum parses from and prints as the name the command line uses
//!   ([`std::str::FromStr`], [`std::fmt::Display`]); a bad name is a [`ParseNameError`].
//!
//! Internals (not public): `hilbert` (basis, sparse operators on qubits), `liouvillian`
//! (assembly on the full space or a U(1) sector), `dicke` (the permutation-symmetric
//! representation shared by the steady-state solvers and the dynamics), `linalg` (vector
//! kernels, Gram-Schmidt, Arnoldi, sparse containers, GMRES, the dense exponential, the
//! multifrontal LU), `plan` (which method and solver run, why, and their memory), `steady`
//! and `dynamics` (the solvers).
//!
//! Options, results and errors are `#[non_exhaustive]`: start from `Default::default()` and
//! set fields (or use the `with_*` helpers), read results by field.
//!
//! ```
//! use qbat_core::{battery_observables, steady_state, Method, Model, ModelSpec, SteadyOptions};
//! let model = Model::new(&ModelSpec { n: Some(4), ..ModelSpec::default() }).unwrap();
//! let options = SteadyOptions::default().with_method("sector".parse::<Method>().unwrap());
//! let state = steady_state(&model, &options).unwrap();
//! let w = battery_observables(&state.rho_battery, model.omega0()[0]).w;
//! assert!(w > 0.0 && w <= 1.0);
//! ```

mod builders;
mod dicke;
mod dynamics;
mod error;
mod hilbert;
mod linalg;
mod liouvillian;
mod model;
mod names;
mod observables;
mod options;
mod plan;
mod state;
mod steady;
mod thermo;

pub use dynamics::{
    charging_time, evolve, evolve_with_progress, max_average_power, EvolveDiagnostics,
    EvolveOptions, Gap, GapMethod, Integrator, Trajectory,
};
pub use error::SolveError;
pub use faer::c64;
pub use model::{
    occupation, Dissipation, InitialState, Jump, Model, ModelError, ModelSpec, PerQubit, Reservoir,
    Statistics, Topology, MAX_QUBITS, MAX_SCALE_RATIO,
};
pub use names::ParseNameError;
pub use observables::{
    battery_observables, ergotropy, ergotropy_parts, passive_energy, purity, BatteryObservables,
    ErgotropyError, ErgotropyParts,
};
pub use options::{Method, Solver, SteadyOptions, DEFAULT_MEMORY_LIMIT_BYTES};
pub use plan::memory_estimate;
pub use state::{QubitOp, State, StateError};
pub use steady::{steady_state, Diagnostics, SteadyState};
pub use thermo::{
    concurrence, currents, entropy_production, mutual_information, thermodynamics,
    wootters_concurrence, Current, Thermodynamics,
};

/// The README's examples, compiled and run as doctests.
#[doc = include_str!("../../../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;
