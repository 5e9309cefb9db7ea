//! Every representation agrees with every other: the Dicke basis (identical ancillas) against
//! the U(1) sector, which is itself checked against QuTiP mesolve and the full space.

use qbat_core::{evolve, EvolveOptions};
use qbat_core::{Dissipation, InitialState, Method, Model, ModelSpec, PerQubit};

fn grid(stop: f64, count: usize) -> Vec<f64> {
    (0..count)
        .map(|k| stop * k as f64 / (count - 1) as f64)
        .collect()
}

#[test]
fn symmetric_matches_sector() {
    // independent representations of the same dynamics (computational-basis U(1) sector vs
    // Dicke blocks): agreement to the integration accuracy
    for dissipation in [Dissipation::Individual, Dissipation::Collective] {
        for n in 1..=5 {
            for initial in [
                InitialState::Ground,
                InitialState::Excited,
                InitialState::Mixed,
            ] {
                let model = Model::new(&ModelSpec {
                    n: Some(n),
                    dissipation: Some(dissipation),
                    coupling: Some(1.3),
                    mu: Some(PerQubit::Uniform(2.0)),
                    ..Default::default()
                })
                .unwrap();
                let run = |method| {
                    evolve(
                        &model,
                        &EvolveOptions::default()
                            .with_initial(initial)
                            .with_times(grid(12.0, 25))
                            .with_method(method),
                    )
                    .unwrap()
                };
                let (sector, dicke) = (run(Method::Sector), run(Method::Symmetric));
                assert_eq!(dicke.diagnostics.method, Method::Symmetric);
                for k in 0..sector.times.len() {
                    let what = format!(
                        "{dissipation:?} N = {n} {initial:?} t = {}",
                        sector.times[k]
                    );
                    assert!((sector.w[k] - dicke.w[k]).abs() < 1e-10, "{what}: W");
                    assert!(
                        (sector.excited_population_battery[k]
                            - dicke.excited_population_battery[k])
                            .abs()
                            < 1e-10,
                        "{what}: p_e"
                    );
                    assert!(
                        (sector.energy_total[k] - dicke.energy_total[k]).abs() < 1e-9,
                        "{what}: energy_total"
                    );
                    assert!((dicke.trace[k] - 1.0).abs() < 1e-11, "{what}: trace");
                    assert!(
                        dicke.min_eigenvalue[k].unwrap() > -1e-11,
                        "{what}: positivity"
                    );
                }
            }
        }
    }
}

#[test]
fn symmetric_gap_bounds_and_decay() {
    // The Dicke representation holds only permutation-invariant operators, so its gap is at
    // least the sector's (the sector also has modes antisymmetric in the ancillas) and equals
    // the decay the trajectory shows. Individual, N = 4: weak coupling and a slow battery bath
    // separate the slowest rate from the next (as in the sector test).
    let model = Model::new(&ModelSpec {
        n: Some(4),
        coupling: Some(0.05),
        gamma: Some(PerQubit::List(vec![0.2, 1.0, 1.0, 1.0])),
        ..Default::default()
    })
    .unwrap();
    let probe = |method| {
        evolve(
            &model,
            &EvolveOptions::default()
                .with_times(vec![0.0])
                .with_method(method),
        )
        .unwrap()
    };
    let (sector, dicke) = (probe(Method::Sector), probe(Method::Symmetric));
    let gap = dicke.gap.unwrap();
    assert!(gap >= sector.gap.unwrap() - 1e-12);
    let t1 = 12.0 / gap;
    let span = 1.0 / gap;
    let tr = evolve(
        &model,
        &EvolveOptions::default()
            .with_times(vec![t1, t1 + span])
            .with_method(Method::Symmetric)
            .with_tolerance(1e-13),
    )
    .unwrap();
    let d = &tr.trace_distance_steady;
    let observed = (d[0] / d[1]).ln() / span;
    assert!(
        (observed - gap).abs() < 1e-4 * gap,
        "late-time decay {observed} vs symmetric gap {gap}"
    );
}

#[test]
fn stationary_state_does_not_drift() {
    // collective, N = 101 in the Dicke basis: ||L|| ~ 1e3 and the state is stationary after
    // t ~ 4; tr rho = 1 (exact invariant) and W -> W_steady (the steady solver's closed form)
    // must hold to rounding over the long stationary tail
    let model = Model::new(&ModelSpec {
        n: Some(101),
        dissipation: Some(Dissipation::Collective),
        mu: Some(PerQubit::Uniform(3.0)),
        ..Default::default()
    })
    .unwrap();
    let tr = evolve(
        &model,
        &EvolveOptions::default().with_times(grid(50.0, 101)),
    )
    .unwrap();
    assert_eq!(tr.diagnostics.method, Method::Symmetric);
    assert!(
        tr.diagnostics.max_trace_error < 1e-11,
        "trace drift {:e}",
        tr.diagnostics.max_trace_error
    );
    let late = tr.w.last().unwrap();
    assert!(
        (late - tr.w_steady).abs() < 1e-10,
        "W(50) = {late} vs {}",
        tr.w_steady
    );
}

#[test]
fn a_break_from_the_progress_callback_stops_every_integrator() {
    use qbat_core::{evolve_with_progress, Integrator, SolveError};
    use std::ops::ControlFlow;
    // the caller's Break after the third sample: the integration stops there (no further
    // sample reaches the callback) and reports Cancelled, for each integrator and basis
    let model = Model::new(&ModelSpec {
        n: Some(4),
        ..Default::default()
    })
    .unwrap();
    for (method, integrator) in [
        (Method::Sector, Integrator::Polynomial),
        (Method::Symmetric, Integrator::Polynomial),
        (Method::Symmetric, Integrator::Rational),
    ] {
        let options = EvolveOptions::default()
            .with_times(grid(5.0, 11))
            .with_method(method)
            .with_integrator(integrator);
        let mut seen = Vec::new();
        let result = evolve_with_progress(&model, &options, &mut |done, total| {
            seen.push((done, total));
            if done == 3 {
                ControlFlow::Break(())
            } else {
                ControlFlow::Continue(())
            }
        });
        assert!(
            matches!(result, Err(SolveError::Cancelled)),
            "{method} {integrator}: {result:?}"
        );
        assert_eq!(seen, [(1, 11), (2, 11), (3, 11)], "{method} {integrator}");
    }
}
