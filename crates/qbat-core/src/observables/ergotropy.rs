//! Ergotropy of a `d`-level system and its split into incoherent and coherent parts.
//!
//! For a state `rho` with eigenvalues `r_1 >= r_2 >= ... >= r_d` and a Hamiltonian `H` with
//! eigenvalues `e_1 <= e_2 <= ... <= e_d`, the passive state (Allahverdyan, Balian and
//! Nieuwenhuizen, EPL 67, 565 (2004)) puts the largest population in the lowest level:
//!
//! ```text
//! E_passive(rho) = sum_k r_k e_k,        ergotropy(rho) = tr(rho H) - E_passive(rho)
//! ```
//!
//! Francica et al., PRL 125, 180603 (2020) split the ergotropy into an incoherent part, the
//! work extractable without touching the coherences in the energy eigenbasis, which equals the
//! ergotropy of the dephased state `Delta(rho)` (same energy, coherences removed):
//!
//! ```text
//! E_i = tr(rho H) - E_passive(Delta(rho)),     E_c = E - E_i = E_passive(Delta(rho)) - E_passive(rho)
//! ```
//!
//! Both parts are non-negative: the spectrum of `rho` majorises the diagonal of `Delta(rho)`.
//! `Delta(rho) = sum_k P_k rho P_k` with `P_k` the projector on the `k`-th *eigenspace* of `H`:
//! coherence inside a degenerate eigenspace carries no energy and is kept, so the split does
//! not depend on which eigenbasis a degenerate `H` happens to be diagonalised in.

use faer::{Mat, MatRef, Side};

use crate::c64;

/// Relative gap below which two eigenvalues of `H` count as one degenerate level when
/// dephasing (`|e_a - e_b| <= DEGENERACY_TOL * max_k |e_k|`).
pub const DEGENERACY_TOL: f64 = 1e-12;

/// The ergotropy of a state and its parts, all in the units of `H`.
#[derive(Clone, Copy, Debug, PartialEq)]
#[non_exhaustive]
pub struct ErgotropyParts {
    /// `tr(rho H)`.
    pub energy: f64,
    /// Energy of the passive state, `sum_k r_k e_k` (populations decreasing, energies increasing).
    pub passive_energy: f64,
    /// `tr(rho H) - E_passive(rho) >= 0`.
    pub total: f64,
    /// Incoherent part `tr(rho H) - E_passive(Delta(rho)) >= 0`.
    pub incoherent: f64,
    /// Coherent part `E_passive(Delta(rho)) - E_passive(rho) >= 0`.
    pub coherent: f64,
}

/// Why an ergotropy could not be evaluated.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum ErgotropyError {
    /// `rho` or `H` has a NaN or infinite entry.
    #[error("{matrix} has a non-finite entry at ({row}, {col})")]
    NonFinite {
        /// `"rho"` or `"H"`.
        matrix: &'static str,
        /// Row of the entry.
        row: usize,
        /// Column of the entry.
        col: usize,
    },
    /// The Hermitian eigensolver did not converge.
    #[error("Hermitian eigendecomposition of {matrix} ({dim} x {dim}) did not converge")]
    Eigendecomposition {
        /// `"rho"`, `"H"` or `"dephased rho"`.
        matrix: &'static str,
        /// Dimension of the matrix.
        dim: usize,
    },
}

/// The passive-state energy `sum_k r_k e_k`: populations sorted decreasing against energies
/// sorted increasing (the order of the inputs does not matter).
///
/// # Panics
/// If the slices differ in length (a programming error, not user input).
#[track_caller]
pub fn passive_energy(populations: &[f64], energies: &[f64]) -> f64 {
    assert_eq!(
        populations.len(),
        energies.len(),
        "one population per level"
    );
    let mut r = populations.to_vec();
    let mut e = energies.to_vec();
    r.sort_by(|a, b| b.total_cmp(a));
    e.sort_by(|a, b| a.total_cmp(b));
    r.iter().zip(&e).map(|(r, e)| r * e).sum()
}

/// The ergotropy `tr(rho H) - sum_k r_k e_k` of the state `rho` with respect to `H`
/// (see the module docs in `src/observables/ergotropy.rs`). Both matrices must be Hermitian and of the same size; `rho`
/// need not be normalised (the result scales with its trace). Rounding below zero is clamped.
///
/// ```
/// use faer::Mat;
/// use qbat_core::c64;
/// use qbat_core::ergotropy;
/// // a qubit in its excited state |e> = (1, 0) with H = omega0 sigma_z: all 2 omega0 extractable
/// let omega0 = 10.0;
/// let rho = Mat::from_fn(2, 2, |i, j| c64::new(if i == 0 && j == 0 { 1.0 } else { 0.0 }, 0.0));
/// let h = Mat::from_fn(2, 2, |i, j| c64::new(if i != j { 0.0 } else if i == 0 { omega0 } else { -omega0 }, 0.0));
/// let w = ergotropy(rho.as_ref(), h.as_ref()).unwrap();
/// assert!((w - 2.0 * omega0).abs() < 1e-12);
/// ```
///
/// # Errors
/// [`ErgotropyError`] on a non-finite entry or an eigensolver failure.
///
/// # Panics
/// If the matrices are not square of the same size.
#[track_caller]
pub fn ergotropy(rho: MatRef<'_, c64>, h: MatRef<'_, c64>) -> Result<f64, ErgotropyError> {
    check_shapes(rho, h);
    check_finite("rho", rho)?;
    check_finite("H", h)?;
    let r = eigenvalues("rho", rho)?;
    let e = eigenvalues("H", h)?;
    Ok((energy(rho, h) - passive_energy(&r, &e)).max(0.0))
}

/// The ergotropy and its incoherent and coherent parts (Francica et al., PRL 125, 180603
/// (2020); see the module docs in `src/observables/ergotropy.rs` for the formulas and the treatment of degenerate `H`).
///
/// Each part is clamped at zero against rounding, so `incoherent + coherent` equals `total`
/// to rounding, not bit for bit.
///
/// # Errors
/// [`ErgotropyError`] on a non-finite entry or an eigensolver failure.
///
/// # Panics
/// If the matrices are not square of the same size.
#[track_caller]
pub fn ergotropy_parts(
    rho: MatRef<'_, c64>,
    h: MatRef<'_, c64>,
) -> Result<ErgotropyParts, ErgotropyError> {
    check_shapes(rho, h);
    check_finite("rho", rho)?;
    check_finite("H", h)?;
    let d = rho.nrows();
    let r = eigenvalues("rho", rho)?;
    let eig_h =
        h.self_adjoint_eigen(Side::Lower)
            .map_err(|_| ErgotropyError::Eigendecomposition {
                matrix: "H",
                dim: d,
            })?;
    let e: Vec<f64> = eig_h.S().column_vector().iter().map(|x| x.re).collect();
    let u = eig_h.U();

    // rho in H's eigenbasis, then dephased: only blocks of (numerically) equal energy survive
    let rho_energy = u.adjoint() * rho * u;
    let scale = e.iter().fold(0.0f64, |m, x| m.max(x.abs()));
    let tol = DEGENERACY_TOL * scale;
    // e is sorted increasing, so each degenerate level is a run of consecutive indices
    let level: Vec<usize> = e
        .iter()
        .scan((0usize, f64::NEG_INFINITY), |(label, prev), &x| {
            if x - *prev > tol && prev.is_finite() {
                *label += 1;
            }
            *prev = x;
            Some(*label)
        })
        .collect();
    let dephased = Mat::from_fn(d, d, |i, j| {
        if level[i] == level[j] {
            rho_energy[(i, j)]
        } else {
            c64::new(0.0, 0.0)
        }
    });
    let r_dephased = eigenvalues("dephased rho", dephased.as_ref())?;

    let energy = energy(rho, h);
    let passive = passive_energy(&r, &e);
    let passive_dephased = passive_energy(&r_dephased, &e);
    Ok(ErgotropyParts {
        energy,
        passive_energy: passive,
        total: (energy - passive).max(0.0),
        incoherent: (energy - passive_dephased).max(0.0),
        coherent: (passive_dephased - passive).max(0.0),
    })
}

/// The purity `tr(rho^2) = sum_ij |rho_ij|^2` of a Hermitian `rho`.
pub fn purity(rho: MatRef<'_, c64>) -> f64 {
    let mut sum = 0.0;
    for j in 0..rho.ncols() {
        for i in 0..rho.nrows() {
            sum += rho[(i, j)].norm_sqr();
        }
    }
    sum
}

/// `Re tr(rho H) = Re sum_ij rho_ij H_ji`.
fn energy(rho: MatRef<'_, c64>, h: MatRef<'_, c64>) -> f64 {
    let d = rho.nrows();
    let mut sum = 0.0;
    for i in 0..d {
        for j in 0..d {
            sum += (rho[(i, j)] * h[(j, i)]).re;
        }
    }
    sum
}

fn eigenvalues(matrix: &'static str, a: MatRef<'_, c64>) -> Result<Vec<f64>, ErgotropyError> {
    a.self_adjoint_eigenvalues(Side::Lower)
        .map_err(|_| ErgotropyError::Eigendecomposition {
            matrix,
            dim: a.nrows(),
        })
}

fn check_finite(matrix: &'static str, a: MatRef<'_, c64>) -> Result<(), ErgotropyError> {
    for col in 0..a.ncols() {
        for row in 0..a.nrows() {
            let x = a[(row, col)];
            if !(x.re.is_finite() && x.im.is_finite()) {
                return Err(ErgotropyError::NonFinite { matrix, row, col });
            }
        }
    }
    Ok(())
}

#[track_caller]
fn check_shapes(rho: MatRef<'_, c64>, h: MatRef<'_, c64>) {
    assert!(
        rho.nrows() == rho.ncols() && h.nrows() == h.ncols() && rho.nrows() == h.nrows(),
        "rho ({} x {}) and H ({} x {}) must be square and of the same size",
        rho.nrows(),
        rho.ncols(),
        h.nrows(),
        h.ncols()
    );
}
