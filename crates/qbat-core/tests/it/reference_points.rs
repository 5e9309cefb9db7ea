//! Every point of the QuTiP reference set, with both exact methods.
//!
//! Source of every expected value: QuTiP 5.3.1 reference data, tests/data/reference
//! (`points-dev.json`; collective points are the t -> infinity state from the initial state,
//! cross-checked there with mesolve).

use crate::support::checks::{assert_valid, w_diagonal};
use crate::support::options;
use crate::support::reference::{model_of, points};
use qbat_core::{battery_observables, steady_state, Method};
use serde_json::Value;

#[test]
fn qutip_reference_points_full_and_sector() {
    let points = points();
    assert!(points.len() >= 10);
    let worst = std::cell::Cell::new(0.0f64);
    for point in &points {
        let id = &point["id"];
        let (model, initial) = model_of(&point["model"]);
        let expected = &point["expected"];
        for method in [Method::Full, Method::Sector] {
            let context = format!("point {id}, {}", method.name());
            let state = steady_state(&model, &options(method, initial))
                .unwrap_or_else(|e| panic!("{context}: {e}"));
            assert_valid(&state, &context);
            assert_eq!(state.diagnostics.method, method, "{context}");

            let close = |got: f64, want: &Value, what: &str| {
                let want = want.as_f64().unwrap();
                worst.set(worst.get().max((got - want).abs()));
                assert!(
                    (got - want).abs() < 1e-9,
                    "{context}: {what} = {got}, QuTiP {want}"
                );
            };
            close(
                state.excited_populations[0],
                &expected["excited_population_battery"],
                "battery excited population",
            );
            close(
                state.energy_total,
                &expected["energy_total"],
                "energy_total",
            );
            let rho = &expected["rho_battery_basis_e_g"];
            for a in 0..2 {
                for b in 0..2 {
                    close(
                        state.rho_battery[a][b].re,
                        &rho["re"][a][b],
                        "Re rho_battery",
                    );
                    close(
                        state.rho_battery[a][b].im,
                        &rho["im"][a][b],
                        "Im rho_battery",
                    );
                }
            }
            let observables = battery_observables(&state.rho_battery, model.omega0()[0]);
            close(observables.w, &expected["W"], "W");
            close(observables.ergotropy, &expected["ergotropy"], "ergotropy");
            close(w_diagonal(&state), &expected["W"], "W (diagonal formula)");
            if let Some(k) = expected["kernel_dim"].as_u64() {
                assert_eq!(state.diagnostics.kernel_dim, Some(k as usize), "{context}");
            }
        }
    }
    // shown with --nocapture: the accuracy actually reached
    eprintln!(
        "largest deviation from the QuTiP reference: {:e}",
        worst.get()
    );
}
