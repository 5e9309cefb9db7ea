//! Checks shared by the steady-state integration tests.

// each test crate that includes this module uses a subset of it
#![allow(dead_code)]

use qbat_core::SteadyState;
use std::path::PathBuf;

/// `shared/reference/<name>`: the QuTiP reference data, found in the nearest ancestor of this
/// crate (or the directory named by `QBAT_REFERENCE_DIR`).
pub fn reference_file(name: &str) -> PathBuf {
    if let Some(dir) = std::env::var_os("QBAT_REFERENCE_DIR") {
        return PathBuf::from(dir).join(name);
    }
    let crate_dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    crate_dir
        .ancestors()
        .map(|a| a.join("shared").join("reference").join(name))
        .find(|p| p.is_file())
        .unwrap_or_else(|| {
            panic!("shared/reference/{name} not found above {crate_dir:?}; set QBAT_REFERENCE_DIR")
        })
}

/// Invariants every returned state must satisfy: trace 1, Hermitian, positive semidefinite,
/// small residual, populations in [0, 1] and consistent with the battery's reduced state.
pub fn assert_valid(state: &SteadyState, context: &str) {
    let d = &state.diagnostics;
    let rho = &state.rho_battery;
    let trace = rho[0][0] + rho[1][1];
    assert!(
        (trace.re - 1.0).abs() < 1e-12 && trace.im.abs() < 1e-12,
        "{context}: tr {trace}"
    );
    assert!(
        (rho[0][1] - rho[1][0].conj()).norm() < 1e-14,
        "{context}: rho_B not Hermitian"
    );
    assert!(
        rho[0][0].im.abs() < 1e-14 && rho[1][1].im.abs() < 1e-14,
        "{context}"
    );
    assert!(
        d.trace_error < 1e-10,
        "{context}: trace error {}",
        d.trace_error
    );
    assert!(
        d.hermiticity_error < 1e-10,
        "{context}: hermiticity error {}",
        d.hermiticity_error
    );
    assert!(
        d.min_eigenvalue >= -1e-10,
        "{context}: min eigenvalue {}",
        d.min_eigenvalue
    );
    assert!(d.residual < 1e-10, "{context}: residual {}", d.residual);
    assert!(
        (state.excited_populations[0] - rho[0][0].re).abs() < 1e-14,
        "{context}: battery population"
    );
    for &p in &state.excited_populations {
        assert!(
            (-1e-12..=1.0 + 1e-12).contains(&p),
            "{context}: population {p}"
        );
    }
    assert!(
        d.unknowns > 0 && d.seconds >= 0.0 && !d.reason.is_empty(),
        "{context}"
    );
}

/// Ergotropy of a qubit battery in a state diagonal in (|e>, |g>), normalised by E_max:
/// W = max(0, 2 p_e - 1) (closed form: the passive state swaps the populations when p_e > 1/2).
pub fn w_diagonal(state: &SteadyState) -> f64 {
    let rho = &state.rho_battery;
    assert!(
        rho[0][1].norm() < 1e-12,
        "rho_battery has coherences: W is not the diagonal formula"
    );
    (2.0 * rho[0][0].re - 1.0).max(0.0)
}
