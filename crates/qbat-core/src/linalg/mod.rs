//! Linear-algebra building blocks, each written once and shared by the steady-state solvers
//! and the dynamics:
//! - [`scalar`]: the real and complex number types of the generic kernels;
//! - [`vector`]: dot products, norms, updates (sequential and chunked-parallel orders);
//! - [`orthogonal`]: Gram-Schmidt against a Krylov basis; [`arnoldi`]: the Arnoldi step;
//! - [`sparse`], [`real_sparse`]: the sparse containers and their conversions;
//! - [`gmres`]: restarted flexible GMRES;
//! - [`expm`]: the dense Pade exponential (Expokit);
//! - [`entropy`]: the von Neumann entropy of a spectrum (with multiplicities);
//! - [`frontal`]: the multifrontal LU over a nested-dissection tree.

pub(crate) mod arnoldi;
pub(crate) mod entropy;
pub(crate) mod expm;
pub(crate) mod frontal;
pub(crate) mod gmres;
pub(crate) mod orthogonal;
pub(crate) mod real_sparse;
pub(crate) mod scalar;
pub(crate) mod sparse;
pub(crate) mod vector;

pub use real_sparse::RealSparse;
