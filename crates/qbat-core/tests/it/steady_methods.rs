//! The exact steady-state methods: closed forms, agreement between representations, errors.

use crate::support::checks::{assert_populations_close, assert_rho_close, w_diagonal};
use crate::support::models::random_model;
use crate::support::solve;
use qbat_core::DEFAULT_MEMORY_LIMIT_BYTES;
use qbat_core::{
    battery_observables, memory_estimate, steady_state, Dissipation, InitialState, Method, Model,
    ModelSpec, SolveError, SteadyOptions, SteadyState, Topology,
};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

#[test]
fn single_qubit_excited_population_is_the_occupation() {
    // closed form: one qubit exchanging with one reservoir relaxes to p_e = n (detailed balance
    // gamma n p_g = gamma (1 - n) p_e), and W = max(0, 2n - 1)
    for dissipation in [Dissipation::Individual, Dissipation::Collective] {
        for (temperature, mu) in [(1.0, 2.5), (0.3, -1.0), (2.0, 1.0), (0.0, 3.0), (0.0, -3.0)] {
            let model = Model::new(&ModelSpec {
                n: Some(1),
                dissipation: Some(dissipation),
                temperature: Some(temperature.into()),
                mu: Some(mu.into()),
                ..ModelSpec::default()
            })
            .unwrap();
            let n = model.reservoirs()[0].occupation;
            for method in [Method::Full, Method::Sector] {
                let state = solve(&model, method, InitialState::Ground);
                let p = state.excited_populations[0];
                assert!(
                    (p - n).abs() < 1e-14,
                    "{dissipation:?} T={temperature}: {p} vs n = {n}"
                );
                let w = battery_observables(&state.rho_battery, model.omega0()[0]).w;
                assert!(
                    (w - (2.0 * n - 1.0).max(0.0)).abs() < 1e-14,
                    "W = {w}, n = {n}"
                );
                let w = w_diagonal(&state);
                assert!((w - (2.0 * n - 1.0).max(0.0)).abs() < 1e-14);
                assert_eq!(state.diagnostics.kernel_dim, Some(1));
            }
        }
    }
}

#[test]
fn full_and_sector_agree_on_random_models() {
    // two representations of the same Liouvillian (4^N operators vs the U(1) block): the
    // states must agree to rounding
    let mut rng = ChaCha8Rng::seed_from_u64(2024);
    let initials = [
        InitialState::Ground,
        InitialState::Excited,
        InitialState::Mixed,
    ];
    for n in 1..=5 {
        for dissipation in [Dissipation::Individual, Dissipation::Collective] {
            for _ in 0..3 {
                let model = random_model(&mut rng, n, dissipation);
                let initial = initials[rng.gen_range(0..3)];
                let full = solve(&model, Method::Full, initial);
                let sector = solve(&model, Method::Sector, initial);
                let context = format!("{model:?}, {initial:?}");
                assert_eq!(full.diagnostics.kernel_dim, sector.diagnostics.kernel_dim);
                assert!(
                    (full.energy_total - sector.energy_total).abs() < 1e-10,
                    "{context}"
                );
                assert_populations_close(
                    &full.excited_populations,
                    &sector.excited_populations,
                    1e-10,
                    &context,
                );
                assert_rho_close(&full.rho_battery, &sector.rho_battery, 1e-10, &context);
                assert_eq!(full.diagnostics.unknowns, 1 << (2 * n));
            }
        }
    }
}

#[test]
fn collective_initial_state_selects_the_long_time_state() {
    // N = 2, identical qubits: the singlet (|eg> - |ge>)/sqrt2 is dark (J_- and J_+ annihilate
    // it, and it is an eigenstate of H). It carries weight 0 from |gg> or |ee> and 1/4 from the
    // maximally mixed state (its overlap), so only the mixed start differs; closed form: the
    // battery population of the singlet is 1/2.
    let model = Model::new(&ModelSpec {
        n: Some(2),
        dissipation: Some(Dissipation::Collective),
        mu: Some(3.0.into()),
        ..ModelSpec::default()
    })
    .unwrap();
    let ground = solve(&model, Method::Sector, InitialState::Ground);
    let excited = solve(&model, Method::Sector, InitialState::Excited);
    let mixed = solve(&model, Method::Full, InitialState::Mixed);
    assert_eq!(ground.diagnostics.kernel_dim, Some(2));
    let p = |s: &SteadyState| s.excited_populations[0];
    assert!((p(&ground) - p(&excited)).abs() < 1e-12);
    // mixed = 3/4 (triplet steady state) + 1/4 singlet
    let expected = 0.75 * p(&ground) + 0.25 * 0.5;
    assert!(
        (p(&mixed) - expected).abs() < 1e-12,
        "{} vs {expected}",
        p(&mixed)
    );
}

#[test]
fn auto_chooses_sector_when_the_symmetric_solver_does_not_apply() {
    let model = Model::new(&ModelSpec {
        n: Some(3),
        topology: Some(Topology::Chain),
        ..ModelSpec::default()
    })
    .unwrap();
    let auto = solve(&model, Method::Auto, InitialState::Ground);
    assert_eq!(auto.diagnostics.method, Method::Sector);
    assert!(auto.diagnostics.reason.starts_with("auto:"));
    let sector = solve(&model, Method::Sector, InitialState::Ground);
    assert_eq!(auto.excited_populations, sector.excited_populations);
}

#[test]
fn memory_limit_refuses_before_allocating() {
    let model = Model::new(&ModelSpec {
        n: Some(4),
        ..ModelSpec::default()
    })
    .unwrap();
    let needed = memory_estimate(&model, Method::Full);
    assert!(needed > 0 && needed < DEFAULT_MEMORY_LIMIT_BYTES);
    let options = SteadyOptions::default()
        .with_method(Method::Full)
        .with_memory_limit(needed - 1);
    match steady_state(&model, &options) {
        Err(SolveError::TooLarge {
            method: Method::Full,
            needed_bytes,
            limit_bytes,
            ..
        }) => assert!(needed_bytes == needed && limit_bytes == needed - 1),
        other => panic!("expected TooLarge, got {other:?}"),
    }
    // the full Liouvillian of 12 qubits (4^12 unknowns) is refused with the default limit
    let big = Model::new(&ModelSpec {
        n: Some(12),
        ..ModelSpec::default()
    })
    .unwrap();
    let options = SteadyOptions::default().with_method(Method::Full);
    assert!(matches!(
        steady_state(&big, &options),
        Err(SolveError::TooLarge { .. })
    ));
}

#[test]
fn large_collective_models_are_not_applicable_to_dense_kernel_analysis() {
    let model = Model::new(&ModelSpec {
        n: Some(8),
        topology: Some(Topology::Chain),
        dissipation: Some(Dissipation::Collective),
        ..ModelSpec::default()
    })
    .unwrap();
    for method in [Method::Full, Method::Sector] {
        let options = SteadyOptions::default().with_method(method);
        match steady_state(&model, &options) {
            Err(SolveError::NotApplicable { reason, .. }) => {
                assert!(reason.contains("symmetric"), "{reason}")
            }
            other => panic!("expected NotApplicable, got {other:?}"),
        }
    }
}

#[test]
#[ignore = "heavy: collective N = 7 dense kernel (2002 x 2002 SVD blocks), about a minute"]
fn heavy_collective_star_kernel_dimensions() {
    // QuTiP 5.3.1 measurement quoted in issue 2: kernel dims 67 (N = 6) and 132 (N = 7) for the
    // collective star
    for (n, expected) in [(6, 67), (7, 132)] {
        let model = Model::new(&ModelSpec {
            n: Some(n),
            dissipation: Some(Dissipation::Collective),
            mu: Some(3.0.into()),
            ..ModelSpec::default()
        })
        .unwrap();
        let state = solve(&model, Method::Sector, InitialState::Ground);
        assert_eq!(state.diagnostics.kernel_dim, Some(expected), "N = {n}");
    }
}

#[test]
#[ignore = "heavy: full LU on 16,384 unknowns (N = 7), tens of seconds"]
fn heavy_full_and_sector_agree_individual() {
    let mut rng = ChaCha8Rng::seed_from_u64(7);
    for n in 6..=7 {
        let model = random_model(&mut rng, n, Dissipation::Individual);
        let full = solve(&model, Method::Full, InitialState::Ground);
        let sector = solve(&model, Method::Sector, InitialState::Ground);
        assert_populations_close(
            &full.excited_populations,
            &sector.excited_populations,
            1e-10,
            &format!("N = {n}"),
        );
        assert!((full.energy_total - sector.energy_total).abs() < 1e-10);
    }
}
