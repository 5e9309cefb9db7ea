//! Checks on returned states: the invariants every state satisfies, the closed-form W of a
//! diagonal qubit state, and element-wise agreement of two solvers' results.

use qbat_core::{c64, SteadyState};

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

/// `|a[r][c] - b[r][c]| < tolerance` for every element of two battery states.
pub fn assert_rho_close(a: &[[c64; 2]; 2], b: &[[c64; 2]; 2], tolerance: f64, context: &str) {
    for (r, (ra, rb)) in a.iter().zip(b).enumerate() {
        for (c, (x, y)) in ra.iter().zip(rb).enumerate() {
            let d = (x - y).norm();
            assert!(
                d < tolerance,
                "{context}: rho_battery[{r}][{c}] {x} vs {y} (off by {d:e})"
            );
        }
    }
}

/// `|a_q - b_q| < tolerance` for every qubit's excited population.
pub fn assert_populations_close(a: &[f64], b: &[f64], tolerance: f64, context: &str) {
    for (q, (x, y)) in a.iter().zip(b).enumerate() {
        assert!(
            (x - y).abs() < tolerance,
            "{context}: population {q} {x} vs {y}"
        );
    }
}
