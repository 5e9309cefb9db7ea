//! The permutation-symmetric (Dicke) representation: a battery plus `M = N - 1` identical
//! ancillas, shared by the steady-state solver (`steady::symmetric`) and the dynamics.
//!
//! When the star's ancillas share `omega0` (and, for individual dissipation, their reservoir),
//! the dynamics commutes with permuting them ([`applies`]), and a permutation-invariant
//! initial state stays permutation invariant. Its ancilla part then lives in the total-spin
//! blocks `j` of the ancillas (Chase and Geremia, PRA 78, 052101 (2008); Shammah et al., PRA
//! 98, 063815 (2018)), each block standing for its `d_j` degenerate copies ([`counting`]), and
//! U(1) (conservation of the total excitation number) leaves `8j + 2` real unknowns per block:
//! about `M^2` in all ([`layout`]).
//!
//! - [`block`]: the generator inside a block (Hamiltonian, jumps on the battery or collective);
//!   [`local`]: local ancilla dissipators, which couple block `j` to `j +- 1`;
//!   [`generators`]: both for a model, and whether the model has the symmetry.
//! - [`assemble`]: the real sparse `L` over the layout (the Liouvillian maps Hermitian
//!   operators to Hermitian operators, so it is real on these unknowns).
//! - [`reduce`]: battery state, populations, energy and smallest eigenvalue from a state;
//!   [`correlations`]: the battery + one ancilla state and the von Neumann entropies.
//! - [`region`]: the a-priori weight of every unknown from the uncoupled product state, which
//!   limits solves and trajectories to the part of the grid that carries weight.
//! - [`grid`], [`nested`]: the unknowns as a two-dimensional grid (block, excitation number)
//!   and its geometric nested dissection, the elimination order of the multifrontal LU
//!   (`linalg::frontal`).
//! - [`system`] ([`DickeSystem`]): `L` on the blocks a trajectory reaches, for the polynomial
//!   integrator; [`shifted`] ([`ShiftedDicke`]): `L` on the region a trajectory reaches with
//!   `I - sigma L` factorised, for the rational one.

pub(crate) mod assemble;
pub(crate) mod block;
pub(crate) mod correlations;
pub(crate) mod counting;
pub(crate) mod generators;
pub(crate) mod grid;
pub(crate) mod layout;
pub(crate) mod local;
pub(crate) mod nested;
pub(crate) mod reduce;
pub(crate) mod region;
pub(crate) mod shifted;
pub(crate) mod system;

pub(crate) use generators::applies;
pub(crate) use reduce::Reduced;
pub(crate) use region::unknowns;
pub(crate) use region::WINDOW_FLOOR;
pub(crate) use shifted::{Reach, ShiftedDicke, Window};
pub(crate) use system::DickeSystem;
