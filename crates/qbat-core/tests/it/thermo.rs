//! Thermodynamics and correlations of steady states (`thermodynamics`): the QuTiP reference
//! data, closed forms, seeded property tests on random models, and the Dicke representation
//! against the sector.

use crate::support::models::random_model;
use crate::support::reference::{thermo_model_of, thermo_points};
use qbat_core::{
    c64, steady_state, thermodynamics, Dissipation, Method, Model, ModelSpec, PerQubit, QubitOp,
    Statistics, SteadyOptions, Thermodynamics, Topology,
};
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use serde_json::Value;

fn solve(model: &Model, method: Method) -> (qbat_core::SteadyState, Thermodynamics) {
    let steady = steady_state(model, &SteadyOptions::default().with_method(method)).unwrap();
    let t = thermodynamics(model, &steady.state).unwrap();
    (steady, t)
}

fn close(a: f64, b: f64, tol: f64, what: &str) {
    assert!(
        (a - b).abs() <= tol,
        "{what}: {a} vs {b} (diff {:.2e})",
        (a - b).abs()
    );
}

/// Compares every quantity with `expected` (QuTiP 5.3.1 reference data, thermo-dev.json);
/// returns the largest deviation.
fn compare(t: &Thermodynamics, expected: &Value, id: &str) -> f64 {
    let mut worst: f64 = 0.0;
    let mut check = |a: f64, b: f64, what: String| {
        close(a, b, 1e-8, &format!("{id} {what}"));
        worst = worst.max((a - b).abs());
    };
    let currents = expected["currents"].as_array().unwrap();
    assert_eq!(t.currents.len(), currents.len(), "{id}");
    for (c, e) in t.currents.iter().zip(currents) {
        assert_eq!(c.reservoir as u64, e["reservoir"].as_u64().unwrap());
        let qubits: Vec<usize> = e["qubits"]
            .as_array()
            .unwrap()
            .iter()
            .map(|q| q.as_u64().unwrap() as usize)
            .collect();
        assert_eq!(c.qubits, qubits, "{id}");
        check(
            c.particle,
            e["particle"].as_f64().unwrap(),
            format!("particle {}", c.reservoir),
        );
        check(
            c.energy,
            e["energy"].as_f64().unwrap(),
            format!("energy {}", c.reservoir),
        );
    }
    match expected["entropy_production"].as_f64() {
        Some(s) => check(t.entropy_production.unwrap(), s, "Sigma".into()),
        None => assert_eq!(t.entropy_production, None, "{id}"),
    }
    for (value, key) in [
        (t.mutual_information, "mutual_information"),
        (t.concurrence, "concurrence"),
    ] {
        match expected[key].as_f64() {
            Some(e) => check(value.unwrap(), e, key.into()),
            None => assert_eq!(value, None, "{id} {key}"),
        }
    }
    worst
}

#[test]
fn thermo_matches_the_qutip_reference() {
    // source: QuTiP 5.3.1 reference data, tests/data/reference/thermo-dev.json
    for point in thermo_points() {
        let id = point["id"].as_str().unwrap();
        let (model, initial) = thermo_model_of(&point["model"]);
        let options = SteadyOptions::default().with_initial(initial);
        let steady = steady_state(&model, &options).unwrap();
        let t = thermodynamics(&model, &steady.state).unwrap();
        compare(&t, &point["expected"], id);
        // every method that applies gives the same numbers
        for method in [Method::Full, Method::Sector, Method::Symmetric] {
            let options = options.clone().with_method(method);
            if let Ok(steady) = steady_state(&model, &options) {
                let t = thermodynamics(&model, &steady.state).unwrap();
                compare(&t, &point["expected"], &format!("{id} {method}"));
            }
        }
    }
}

#[test]
fn thermo_single_qubit_has_no_current() {
    // closed form: one qubit in its own reservoir relaxes to p = g_up/(g_up + g_down), where
    // J_N = g_up (1 - p) - g_down p = 0 and J_E = 2 omega0 J_N = 0
    for statistics in [Statistics::Fermi, Statistics::Bose] {
        let spec = ModelSpec {
            n: Some(1),
            statistics: Some(statistics),
            mu: Some(PerQubit::Uniform(0.3)),
            ..ModelSpec::default()
        };
        let (_, t) = solve(&Model::new(&spec).unwrap(), Method::Sector);
        assert_eq!(t.currents.len(), 1);
        close(t.currents[0].particle, 0.0, 1e-14, "J_N");
        close(t.currents[0].energy, 0.0, 1e-13, "J_E");
        close(t.entropy_production.unwrap(), 0.0, 1e-13, "Sigma");
        assert_eq!((t.mutual_information, t.concurrence), (None, None));
    }
}

#[test]
fn thermo_product_state_has_no_mutual_information() {
    // closed form: with J = 0 the steady state is the product of each qubit's own Gibbs state,
    // so I(B:rest) = 0, C = 0 and no current flows
    let spec = ModelSpec {
        n: Some(4),
        coupling: Some(0.0),
        topology: Some(Topology::Chain),
        ..ModelSpec::default()
    };
    let model = Model::new(&spec).unwrap();
    for method in [Method::Full, Method::Sector, Method::Symmetric] {
        let Ok(steady) = steady_state(&model, &SteadyOptions::default().with_method(method)) else {
            continue;
        };
        let t = thermodynamics(&model, &steady.state).unwrap();
        close(t.mutual_information.unwrap(), 0.0, 1e-13, "I");
        close(t.concurrence.unwrap(), 0.0, 1e-13, "C");
        for c in &t.currents {
            close(c.particle, 0.0, 1e-14, "J_N");
        }
    }
}

/// Closed form of the two-qubit current (Fermi, equal `omega0`, so the hopping commutes with
/// the bare Hamiltonian). Qubit `k`'s reservoir has rates summing to `gamma_k`, so
/// `D_k^dag(n_k) = gamma_k (n_k - p_k)` and `D_k^dag(sigma_+^k X) = -gamma_k/2 sigma_+^k X`.
/// With `x = <sigma_+^0 sigma_-^1>`:
/// - `dp_0/dt = gamma_0 (n_0 - p_0) + 2 J Im x`, `dp_1/dt = gamma_1 (n_1 - p_1) - 2 J Im x`;
/// - `dx/dt = -(gamma_0 + gamma_1)/2 x + i J (p_1 - p_0)`
///   (`[sigma_-^0 sigma_+^1, sigma_+^0 sigma_-^1] = (1 - n_0) n_1 - n_0 (1 - n_1)`).
///
/// Stationarity gives `2 J Im x = K (p_1 - p_0)`, `K = 4 J^2/(gamma_0 + gamma_1)`, and the
/// current into qubit 1 from its reservoir `c = gamma_1 (n_1 - p_1) = K (p_1 - p_0)`. With
/// `p_1 = n_1 - c/gamma_1`, `p_0 = n_0 + c/gamma_0`:
/// `J_N^1 = -J_N^0 = 4 J^2 gamma_0 gamma_1 (n_1 - n_0) / ((gamma_0 + gamma_1)(gamma_0 gamma_1 + 4 J^2))`.
#[test]
fn thermo_two_qubit_current_closed_form() {
    for (g0, g1, mu0, mu1, j) in [
        (1.0, 1.0, 0.0, 2.0, 1.0),
        (0.5, 2.0, 1.5, -0.5, 0.3),
        (1.3, 0.7, 0.2, 0.9, 2.0),
    ] {
        let spec = ModelSpec {
            n: Some(2),
            coupling: Some(j),
            gamma: Some(PerQubit::List(vec![g0, g1])),
            mu: Some(PerQubit::List(vec![mu0, mu1])),
            dmu: Some(0.0),
            ..ModelSpec::default()
        };
        let model = Model::new(&spec).unwrap();
        let n0 = model.reservoirs()[0].occupation;
        let n1 = model.reservoirs()[1].occupation;
        assert!((n0 - n1).abs() > 1e-3);
        let expected = 4.0 * j * j * g0 * g1 * (n1 - n0) / ((g0 + g1) * (g0 * g1 + 4.0 * j * j));
        let (_, t) = solve(&model, Method::Sector);
        close(t.currents[1].particle, expected, 1e-13, "J_N^1");
        close(t.currents[0].particle, -expected, 1e-13, "J_N^0");
        // equal omega0 = 10: every particle carries 2 omega0 = 20 minus the hopping share
        close(t.particle_residual, 0.0, 1e-14, "particle balance");
        close(t.energy_residual, 0.0, 1e-12, "first law");
    }
}

#[test]
fn thermo_properties_on_random_models() {
    // seeded random models (support::models); first law and particle balance to 1e-10
    // relative, Sigma >= 0, I >= 0, 0 <= C <= 1
    let mut rng = ChaCha8Rng::seed_from_u64(1010);
    for case in 0..24 {
        let n = 2 + case % 4;
        let dissipation = if case % 3 == 2 {
            Dissipation::Collective
        } else {
            Dissipation::Individual
        };
        let model = random_model(&mut rng, n, dissipation);
        let (_, t) = solve(&model, Method::Auto);
        let scale_n: f64 = t.currents.iter().map(|c| c.particle.abs()).sum::<f64>();
        let scale_e: f64 = t.currents.iter().map(|c| c.energy.abs()).sum::<f64>();
        let ctx = format!("case {case}: {model:?}");
        assert!(
            t.particle_residual.abs() <= 1e-10 * scale_n.max(1e-3),
            "{ctx}: particle {}",
            t.particle_residual
        );
        assert!(
            t.energy_residual.abs() <= 1e-10 * scale_e.max(1e-3),
            "{ctx}: energy {}",
            t.energy_residual
        );
        if let Some(sigma) = t.entropy_production {
            assert!(sigma >= -1e-12, "{ctx}: Sigma {sigma}");
        }
        let i = t.mutual_information.unwrap();
        assert!(i >= -1e-12, "{ctx}: I {i}");
        let c = t.concurrence.unwrap();
        assert!((0.0..=1.0).contains(&c), "{ctx}: C {c}");
    }
}

#[test]
fn thermo_dicke_equals_sector() {
    // an independent implementation: the Dicke representation against the U(1) sector, every
    // quantity, N <= 8, individual and collective, Fermi and Bose
    dicke_against_sector(2..=8, 5);
}

#[test]
#[ignore = "heavy: the collective sector's dense kernels at N = 6, 7 take minutes"]
fn thermo_dicke_equals_sector_collective_heavy() {
    dicke_against_sector(6..=7, 7);
}

/// Every quantity of the Dicke representation against the sector's for `ns`, collective
/// dissipation up to `collective_max` qubits.
fn dicke_against_sector(ns: std::ops::RangeInclusive<usize>, collective_max: usize) {
    for n in ns {
        for (dissipation, statistics) in [
            (Dissipation::Individual, Statistics::Fermi),
            (Dissipation::Individual, Statistics::Bose),
            (Dissipation::Collective, Statistics::Fermi),
        ] {
            if dissipation == Dissipation::Collective && n > collective_max {
                continue;
            }
            let spec = ModelSpec {
                n: Some(n),
                dissipation: Some(dissipation),
                statistics: Some(statistics),
                coupling: Some(1.7),
                omega: Some(2.0),
                mu: Some(PerQubit::Uniform(0.5)),
                dmu: (dissipation == Dissipation::Individual).then_some(1.0),
                omega0: Some(crate::support::models::battery_and_ancillas(n, 1.0, 1.3)),
                ..ModelSpec::default()
            };
            let model = Model::new(&spec).unwrap();
            let (sd, a) = solve(&model, Method::Symmetric);
            let (ss, b) = solve(&model, Method::Sector);
            let ctx = format!("n {n} {dissipation:?} {statistics:?}");
            for (x, y) in a.currents.iter().zip(&b.currents) {
                close(x.particle, y.particle, 1e-10, &format!("{ctx} J_N"));
                close(x.energy, y.energy, 1e-9, &format!("{ctx} J_E"));
            }
            close(
                a.entropy_production.unwrap(),
                b.entropy_production.unwrap(),
                1e-10,
                &format!("{ctx} Sigma"),
            );
            close(
                a.mutual_information.unwrap(),
                b.mutual_information.unwrap(),
                1e-10,
                &format!("{ctx} I"),
            );
            close(
                a.concurrence.unwrap(),
                b.concurrence.unwrap(),
                1e-10,
                &format!("{ctx} C"),
            );
            // the handle itself: entropies, reduced states and expectation values
            let rest: Vec<usize> = (1..n).collect();
            for qubits in [vec![0], vec![0, 1], vec![1, 0], vec![1], rest] {
                close(
                    sd.state.entropy_of(&qubits).unwrap(),
                    ss.state.entropy_of(&qubits).unwrap(),
                    1e-10,
                    &format!("{ctx} S{qubits:?}"),
                );
            }
            close(
                sd.state.entropy().unwrap(),
                ss.state.entropy().unwrap(),
                1e-10,
                &format!("{ctx} S"),
            );
            let ops = [
                (0, QubitOp::Raise),
                (n - 1, QubitOp::Lower),
                (0, QubitOp::Z),
            ];
            let (x, y) = (
                sd.state.expect(&ops).unwrap(),
                ss.state.expect(&ops).unwrap(),
            );
            assert!((x - y).norm() < 1e-10, "{ctx}: {x} vs {y}");
            let (ra, rb) = (
                sd.state.reduced(&[1, 0]).unwrap(),
                ss.state.reduced(&[1, 0]).unwrap(),
            );
            for (p, q) in ra.iter().flatten().zip(rb.iter().flatten()) {
                assert!((p - q).norm() < 1e-10, "{ctx}: reduced");
            }
            let pa = sd.state.populations();
            for (p, q) in pa.iter().zip(&ss.excited_populations) {
                close(*p, *q, 1e-10, &format!("{ctx} populations"));
            }
        }
    }
}

#[test]
fn thermo_state_handle_basics() {
    // closed forms: tr rho_S = 1, <1> = 1, <sigma_z> = 2 p - 1; a Dicke state refuses two
    // ancillas
    let model = Model::new(&ModelSpec {
        n: Some(4),
        ..ModelSpec::default()
    })
    .unwrap();
    for method in [Method::Sector, Method::Symmetric] {
        let steady = steady_state(&model, &SteadyOptions::default().with_method(method)).unwrap();
        let s = &steady.state;
        let one = s.expect(&[(2, QubitOp::Identity)]).unwrap();
        assert!((one - c64::new(1.0, 0.0)).norm() < 1e-13);
        let z = s.expect(&[(0, QubitOp::Z)]).unwrap().re;
        close(
            z,
            2.0 * steady.excited_populations[0] - 1.0,
            1e-13,
            "sigma_z",
        );
        let rho = s.reduced(&[0]).unwrap();
        close(rho[1][1].re, steady.rho_battery[0][0].re, 1e-13, "rho_B");
        assert!(s.reduced(&[0, 0]).is_err());
        assert!(s.reduced(&[4]).is_err());
        if method == Method::Symmetric {
            assert!(s.reduced(&[1, 2]).is_err());
        }
    }
}

#[test]
fn thermo_zero_temperature_reservoir() {
    // closed form: at T = 0 the battery's reservoir (mu = 0 < omega) is empty, n = 0, so its
    // current is -gamma p_e < 0 while its (omega - mu)/T is infinite: Sigma is undefined. One
    // collective reservoir carries no current in its steady state (tr[N L rho] = 0), so the
    // T = 0 reservoir contributes nothing and Sigma = 0.
    let spec = ModelSpec {
        n: Some(3),
        temperature: Some(PerQubit::List(vec![0.0, 1.0, 1.0])),
        mu: Some(PerQubit::List(vec![0.0, 3.0, 3.0])),
        dmu: Some(0.0),
        ..ModelSpec::default()
    };
    let (steady, t) = solve(&Model::new(&spec).unwrap(), Method::Sector);
    close(
        t.currents[0].particle,
        -steady.excited_populations[0],
        1e-14,
        "J_N^0 = -gamma p_e",
    );
    assert_eq!(t.entropy_production, None);
    let collective = ModelSpec {
        n: Some(3),
        dissipation: Some(Dissipation::Collective),
        temperature: Some(PerQubit::Uniform(0.0)),
        mu: Some(PerQubit::Uniform(3.0)),
        ..ModelSpec::default()
    };
    for method in [Method::Sector, Method::Symmetric] {
        let (_, t) = solve(&Model::new(&collective).unwrap(), method);
        assert_eq!(t.entropy_production, Some(0.0), "{method}");
    }
}

#[test]
fn thermo_concurrence_of_entangled_states() {
    // closed forms: the Werner state p |psi-><psi-| + (1 - p) 1/4 has C = max(0, (3p - 1)/2);
    // a U(1) two-qubit state (an X state with only the exchange coherence) has
    // C = 2 max(0, |rho_12| - sqrt(rho_00 rho_33))
    let zero = c64::new(0.0, 0.0);
    for p in [0.2, 0.5, 0.9] {
        let mut rho = [[zero; 4]; 4];
        for (i, row) in rho.iter_mut().enumerate() {
            row[i] = c64::new((1.0 - p) / 4.0, 0.0);
        }
        for (a, b, s) in [(1, 1, 1.0), (2, 2, 1.0), (1, 2, -1.0), (2, 1, -1.0)] {
            rho[a][b] += c64::new(s * p / 2.0, 0.0);
        }
        let c = qbat_core::wootters_concurrence(&rho).unwrap();
        close(c, (0.0f64).max((3.0 * p - 1.0) / 2.0), 1e-13, "Werner");
    }
    // a current-carrying steady state: a full and an empty reservoir (T -> 0) at the two ends
    // of a dimer is entangled, C = 0.3 at J = gamma/4; and a star with N = 3 through Dicke and
    // the sector
    for (n, j, mu, dmu) in [
        (2, 0.25, 3.0, -4.0),
        (2, 0.5, 3.0, -4.0),
        (3, 0.5, -3.0, 6.0),
    ] {
        let spec = ModelSpec {
            n: Some(n),
            coupling: Some(j),
            temperature: Some(PerQubit::Uniform(0.01)),
            mu: Some(PerQubit::Uniform(mu)),
            dmu: Some(dmu),
            ..ModelSpec::default()
        };
        let model = Model::new(&spec).unwrap();
        let (steady, t) = solve(&model, Method::Sector);
        let r = steady.state.reduced(&[0, 1]).unwrap();
        let x_state = 2.0 * (0.0f64).max(r[1][2].norm() - (r[0][0].re * r[3][3].re).sqrt());
        let c = t.concurrence.unwrap();
        assert!(c > 0.05, "n {n} J {j}: C = {c}");
        close(c, x_state, 1e-12, "X-state closed form");
        let (_, d) = solve(&model, Method::Symmetric);
        close(d.concurrence.unwrap(), c, 1e-10, "Dicke against sector");
    }
}
