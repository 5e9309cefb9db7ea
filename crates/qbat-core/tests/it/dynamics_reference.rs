//! The evolution against independent references: QuTiP's `mesolve` at N = 3 and the steady
//! states (QuTiP reference points, the steady-state solver) as `t -> infinity` limits.

use crate::support::reference::{initial_of, model_of, points, read_json};
use qbat_core::{evolve, EvolveOptions};
use qbat_core::{steady_state, Method, Model, SteadyOptions};

const MESOLVE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/mesolve_n3.json");

#[test]
fn agrees_with_mesolve_at_n3() {
    // reference: QuTiP 5.3.1 mesolve (atol 1e-12, rtol 1e-10), bench/make_mesolve_reference.py;
    // its Adams and Verner-9 runs differ by at most 3e-10 in W and 3e-9 in E_B (file's
    // self_consistency), so 1e-8 in W and p_e (1e-7 in E_B = 10 x that scale) is honest
    let data = read_json(std::path::Path::new(MESOLVE));
    let mut worst = 0.0f64;
    assert!(data["self_consistency"].as_f64().unwrap() < 1e-8);
    for case in data["cases"].as_array().unwrap() {
        let (model, _) = model_of(&case["model"]);
        let times: Vec<f64> = case["times"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t.as_f64().unwrap())
            .collect();
        let mut methods = vec![Method::Sector, Method::Full];
        if model.has_identical_ancillas() {
            methods.push(Method::Symmetric);
        }
        for method in methods {
            let options = EvolveOptions::default()
                .with_initial(initial_of(case["initial"].as_str().unwrap()))
                .with_times(times.clone())
                .with_method(method);
            let tr = evolve(&model, &options).unwrap();
            for (key, ours, tol) in [
                ("W", &tr.w, 1e-8),
                (
                    "excited_population_battery",
                    &tr.excited_population_battery,
                    1e-8,
                ),
                ("energy_battery", &tr.energy_battery, 1e-7),
            ] {
                for (k, reference) in case[key].as_array().unwrap().iter().enumerate() {
                    let reference = reference.as_f64().unwrap();
                    if key == "W" {
                        worst = worst.max((ours[k] - reference).abs());
                    }
                    assert!(
                        (ours[k] - reference).abs() < tol,
                        "{} {} {method:?} t = {}: {key} {} vs mesolve {reference}",
                        case["model"]["dissipation"],
                        case["initial"],
                        times[k],
                        ours[k]
                    );
                }
            }
        }
    }
    eprintln!("largest |W - W_mesolve| = {worst:.2e}");
}

#[test]
fn late_time_state_is_the_qutip_steady_state() {
    // reference: QuTiP 5.3.1 reference data, tests/data/reference (points-dev.json); collective
    // points are the t -> infinity states from all-ground, individual ones unique steady states
    for point in points() {
        let (model, initial) = model_of(&point["model"]);
        let options = EvolveOptions::default()
            .with_initial(initial)
            .with_times(vec![0.0, 400.0]);
        let tr = evolve(&model, &options).unwrap();
        let expected = &point["expected"];
        let w = expected["W"].as_f64().unwrap();
        let pe = expected["excited_population_battery"].as_f64().unwrap();
        assert!(
            (tr.w[1] - w).abs() < 1e-8,
            "point {}: W(400) = {} vs {w}",
            point["id"],
            tr.w[1]
        );
        assert!((tr.excited_population_battery[1] - pe).abs() < 1e-8);
        assert!(tr.trace_distance_steady[1] < 1e-8, "point {}", point["id"]);
    }
}

#[test]
fn late_time_state_is_the_steady_solver_state() {
    // reference: qbat's steady-state solver (exact long-time state for collective dissipation)
    let cases = [
        (
            qbat_core::Dissipation::Individual,
            qbat_core::InitialState::Ground,
            4,
        ),
        (
            qbat_core::Dissipation::Individual,
            qbat_core::InitialState::Excited,
            5,
        ),
        (
            qbat_core::Dissipation::Collective,
            qbat_core::InitialState::Ground,
            4,
        ),
        (
            qbat_core::Dissipation::Collective,
            qbat_core::InitialState::Excited,
            3,
        ),
        (
            qbat_core::Dissipation::Collective,
            qbat_core::InitialState::Mixed,
            3,
        ),
    ];
    for (dissipation, init, n) in cases {
        let collective = dissipation == qbat_core::Dissipation::Collective;
        let model = Model::new(&qbat_core::ModelSpec {
            n: Some(n),
            dissipation: Some(dissipation),
            mu: Some(qbat_core::PerQubit::Uniform(if collective {
                2.5
            } else {
                1.0
            })),
            ..Default::default()
        })
        .unwrap();
        let steady = steady_state(&model, &SteadyOptions::default().with_initial(init)).unwrap();
        let options = EvolveOptions::default()
            .with_initial(init)
            .with_times(vec![400.0]);
        let tr = evolve(&model, &options).unwrap();
        let w_steady = qbat_core::battery_observables(&steady.rho_battery, 10.0).w;
        assert!(
            (tr.w[0] - w_steady).abs() < 1e-8,
            "{dissipation:?} {init:?} N = {n}: W(400) = {} vs steady {w_steady}",
            tr.w[0]
        );
        for (q, (&a, &b)) in tr
            .steady
            .excited_populations
            .iter()
            .zip(&steady.excited_populations)
            .enumerate()
        {
            assert!((a - b).abs() < 1e-12, "qubit {q}");
        }
        assert!(tr.trace_distance_steady[0] < 1e-8);
        assert!((tr.energy_total[0] - steady.energy_total).abs() < 1e-7);
    }
}
