//! Every point of the QuTiP reference set, with both exact methods.
//!
//! Source of every expected value: QuTiP 5.3.1 reference data, shared/reference
//! (`points-dev.json`; collective points are the t -> infinity state from the initial state,
//! cross-checked there with mesolve).

mod steady_support;

use qbat_core::{
    battery_observables, steady_state, Dissipation, InitialState, Method, Model, ModelSpec,
    PerQubit, Statistics, SteadyOptions, Topology,
};
use serde_json::Value;

fn per_qubit(value: &Value) -> PerQubit {
    match value {
        Value::Array(list) => PerQubit::List(list.iter().map(|v| v.as_f64().unwrap()).collect()),
        v => PerQubit::Uniform(v.as_f64().unwrap()),
    }
}

fn model_of(m: &Value) -> (Model, InitialState) {
    let dissipation = match m["dissipation"].as_str().unwrap() {
        "collective" => Dissipation::Collective,
        "individual" => Dissipation::Individual,
        other => panic!("dissipation {other}"),
    };
    let topology = match m["topology"].as_str().unwrap() {
        "star" => Topology::Star,
        "chain" => Topology::Chain,
        "ring" => Topology::Ring,
        "complete" => Topology::Complete,
        other => panic!("topology {other}"),
    };
    let statistics = match m["statistics"].as_str().unwrap() {
        "fermi" => Statistics::Fermi,
        "bose" => Statistics::Bose,
        other => panic!("statistics {other}"),
    };
    let initial = match m["initial"].as_str().unwrap_or("ground") {
        "ground" => InitialState::Ground,
        "excited" => InitialState::Excited,
        "mixed" => InitialState::Mixed,
        other => panic!("initial {other}"),
    };
    let individual = dissipation == Dissipation::Individual;
    let spec = ModelSpec {
        n: Some(m["n"].as_u64().unwrap() as usize),
        topology: Some(topology),
        omega0: Some(per_qubit(&m["omega0"])),
        coupling: m["coupling"].as_f64(),
        dissipation: Some(dissipation),
        statistics: Some(statistics),
        omega: m["omega"].as_f64(),
        gamma: Some(per_qubit(&m["gamma"])),
        temperature: Some(per_qubit(&m["temperature"])),
        mu: Some(per_qubit(&m["mu"])),
        // the reference lists mu per qubit: no extra bias (Model::new only adds the default
        // dmu to a scalar mu)
        dmu: individual.then_some(0.0),
    };
    (Model::new(&spec).unwrap(), initial)
}

#[test]
fn qutip_reference_points_full_and_sector() {
    let text = std::fs::read_to_string(steady_support::reference_file("points-dev.json")).unwrap();
    let data: Value = serde_json::from_str(&text).unwrap();
    let points = data["points"].as_array().unwrap();
    assert!(points.len() >= 10);
    let worst = std::cell::Cell::new(0.0f64);
    for point in points {
        let id = &point["id"];
        let (model, initial) = model_of(&point["model"]);
        let expected = &point["expected"];
        for method in [Method::Full, Method::Sector] {
            let context = format!("point {id}, {}", method.name());
            let options = SteadyOptions {
                method,
                initial,
                ..SteadyOptions::default()
            };
            let state = steady_state(&model, &options).unwrap_or_else(|e| panic!("{context}: {e}"));
            steady_support::assert_valid(&state, &context);
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
            let observables = battery_observables(&state.rho_battery, model.omega0[0]);
            close(observables.w, &expected["W"], "W");
            close(observables.ergotropy, &expected["ergotropy"], "ergotropy");
            close(
                steady_support::w_diagonal(&state),
                &expected["W"],
                "W (diagonal formula)",
            );
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
