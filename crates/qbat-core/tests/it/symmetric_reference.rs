//! The symmetric (Dicke-basis) solver against QuTiP 5.3.1 reference data, tests/data/reference
//! (`points-dev.json`): every star point whose ancillas are identical, both dissipation types.

use crate::support::options;
use crate::support::reference::{model_of, points};
use qbat_core::{
    battery_observables, steady_state, InitialState, Method, Model, ModelSpec, PerQubit,
    SolveError, SteadyOptions, Topology,
};

/// The star points of points-dev.json whose ancillas are identical (ids as there).
const SYMMETRIC_IDS: [u64; 9] = [0, 1, 3, 7, 12, 13, 14, 18, 21];

fn symmetric() -> SteadyOptions {
    options(Method::Symmetric, InitialState::Ground)
}

#[test]
fn agrees_with_qutip_reference_points() {
    // QuTiP 5.3.1 reference data, tests/data/reference (points-dev.json): W, battery excited
    // population, tr(rho H_S) and kernel dimension
    let points = points();
    for id in SYMMETRIC_IDS {
        let point = points
            .iter()
            .find(|p| p["id"].as_u64() == Some(id))
            .unwrap_or_else(|| panic!("point {id} missing from points-dev.json"));
        let (m, initial) = model_of(&point["model"]);
        let expected = &point["expected"];
        let value = |key: &str| expected[key].as_f64().unwrap();
        let (w, excited, energy) = (
            value("W"),
            value("excited_population_battery"),
            value("energy_total"),
        );
        let kernel_dim = expected["kernel_dim"].as_u64().unwrap() as usize;
        let s = steady_state(&m, &options(Method::Symmetric, initial)).unwrap();
        let obs = battery_observables(&s.rho_battery, m.omega0()[0]);
        assert!((obs.w - w).abs() < 1e-9, "id {id}: W {} vs {w}", obs.w);
        assert!((s.rho_battery[0][0].re - excited).abs() < 1e-9, "id {id}");
        assert!(
            (s.rho_battery[1][1].re - (1.0 - excited)).abs() < 1e-9,
            "id {id}"
        );
        assert_eq!(s.rho_battery[0][1].norm(), 0.0, "id {id}");
        assert_eq!(s.excited_populations[0], s.rho_battery[0][0].re, "id {id}");
        assert!(
            (s.energy_total - energy).abs() < 1e-9 * energy.abs(),
            "id {id}: E {} vs {energy}",
            s.energy_total
        );
        assert_eq!(s.diagnostics.kernel_dim, Some(kernel_dim), "id {id}");
        assert_eq!(s.diagnostics.method, Method::Symmetric);
        assert!(
            s.diagnostics.residual < 1e-12,
            "id {id}: residual {}",
            s.diagnostics.residual
        );
        assert!(s.diagnostics.min_eigenvalue > -1e-14, "id {id}");
        assert!(s.diagnostics.trace_error < 1e-14, "id {id}");
    }
}

/// Points 24 and 27 of the same file have distinct ancillas: the method must refuse them.
#[test]
fn refuses_distinct_ancillas() {
    let spec = ModelSpec {
        n: Some(3),
        temperature: Some(PerQubit::List(vec![1.483, 1.205, 1.25])),
        mu: Some(PerQubit::List(vec![1.396, 3.272, 2.255])),
        ..Default::default()
    };
    let err = steady_state(&Model::new(&spec).unwrap(), &symmetric()).unwrap_err();
    assert!(
        matches!(
            err,
            SolveError::NotApplicable {
                method: Method::Symmetric,
                ..
            }
        ),
        "{err}"
    );
    let chain = ModelSpec {
        n: Some(4),
        topology: Some(Topology::Chain),
        ..Default::default()
    };
    let err = steady_state(&Model::new(&chain).unwrap(), &symmetric()).unwrap_err();
    assert!(err.to_string().contains("star"), "{err}");
}
