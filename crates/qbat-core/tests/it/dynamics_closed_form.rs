//! The evolution against closed forms, invariants along trajectories, the gap against the
//! decay the trajectory shows, and option validation.

use qbat_core::{evolve, EvolveOptions, GapMethod};
use qbat_core::{Dissipation, InitialState, Method, Model, ModelSpec, PerQubit, SolveError};

fn one_qubit(mu: f64, gamma: f64) -> Model {
    Model::new(&ModelSpec {
        n: Some(1),
        mu: Some(PerQubit::Uniform(mu)),
        gamma: Some(PerQubit::Uniform(gamma)),
        ..Default::default()
    })
    .unwrap()
}

fn grid(stop: f64, count: usize) -> Vec<f64> {
    (0..count)
        .map(|k| stop * k as f64 / (count - 1) as f64)
        .collect()
}

#[test]
fn one_qubit_excited_population_closed_form() {
    // closed form: p_e(t) = n + (p_e(0) - n) exp(-gamma t), n the Fermi occupation
    let (mu, gamma) = (2.3, 0.8);
    let model = one_qubit(mu, gamma);
    let n = 1.0 / ((1.0f64 - mu).exp() + 1.0); // omega = 1, T = 1
    for (initial, p0) in [(InitialState::Ground, 0.0), (InitialState::Excited, 1.0)] {
        let options = EvolveOptions::default()
            .with_initial(initial)
            .with_times(grid(20.0, 41));
        let tr = evolve(&model, &options).unwrap();
        for (t, pe) in tr.times.iter().zip(&tr.excited_population_battery) {
            let exact = n + (p0 - n) * (-gamma * t).exp();
            assert!(
                (pe - exact).abs() < 1e-10,
                "{initial:?} t = {t}: {pe} vs {exact}"
            );
        }
        // W of a diagonal qubit state is max(0, 2 p_e - 1) (closed form)
        for (w, pe) in tr.w.iter().zip(&tr.excited_population_battery) {
            assert!((w - (2.0 * pe - 1.0).max(0.0)).abs() < 1e-12);
        }
        assert!(
            (tr.gap.unwrap() - gamma).abs() < 1e-12,
            "sector gap = gamma"
        );
    }
}

#[test]
fn one_qubit_charging_time_closed_form() {
    // closed form: from ground W(t) = 2 n (1 - exp(-gamma t)) - 1 once positive, so W reaches
    // f (2n - 1) at t* = -ln(1 - (1 + f (2n - 1)) / (2n)) / gamma
    let (mu, gamma, fraction) = (3.0, 1.0, 0.75);
    let model = one_qubit(mu, gamma);
    let n = 1.0 / ((1.0f64 - mu).exp() + 1.0);
    let exact = -(1.0 - (1.0 + fraction * (2.0 * n - 1.0)) / (2.0 * n)).ln() / gamma;
    let options = EvolveOptions::default()
        .with_times(grid(10.0, 10_001))
        .with_fraction(fraction);
    let tr = evolve(&model, &options).unwrap();
    // linear interpolation on a grid of step h = 1e-3 errs by at most h^2 max|W''| / 8
    let t = tr.charging_time.unwrap();
    assert!((t - exact).abs() < 1e-6, "charging time {t} vs {exact}");
    assert!((tr.w_steady - (2.0 * n - 1.0)).abs() < 1e-12);
    // E_B(t) - E_B(0) = 2 omega0 n (1 - exp(-t)); its average (1 - e^-t)/t is largest as t -> 0+,
    // so the maximum sits at the first positive sample
    let h = 1e-3;
    let expected = 2.0 * 10.0 * n * (1.0 - (-gamma * h).exp()) / h;
    assert_eq!(tr.max_average_power_time, Some(h));
    assert!((tr.max_average_power.unwrap() - expected).abs() < 1e-8);
}

#[test]
fn trace_and_positivity_along_trajectories() {
    // invariants: tr rho = 1 and rho >= 0 at every sample, in both representations
    for dissipation in [Dissipation::Individual, Dissipation::Collective] {
        for initial in [
            InitialState::Ground,
            InitialState::Excited,
            InitialState::Mixed,
        ] {
            for method in [Method::Sector, Method::Full] {
                let model = Model::new(&ModelSpec {
                    n: Some(4),
                    dissipation: Some(dissipation),
                    coupling: Some(1.7),
                    ..Default::default()
                })
                .unwrap();
                let options = EvolveOptions::default()
                    .with_initial(initial)
                    .with_times(grid(15.0, 31))
                    .with_method(method);
                let tr = evolve(&model, &options).unwrap();
                assert!(tr.diagnostics.max_trace_error < 1e-11);
                for (t, lowest) in tr.times.iter().zip(&tr.min_eigenvalue) {
                    let lowest = lowest.expect("N = 4 blocks are small enough to check");
                    assert!(
                        lowest > -1e-11,
                        "{dissipation:?} {initial:?} t = {t}: {lowest:e}"
                    );
                }
                for k in 0..tr.times.len() {
                    assert!((0.0..=1.0).contains(&tr.w[k]));
                    assert!(
                        tr.purity_battery[k] <= 1.0 + 1e-12 && tr.purity_battery[k] >= 0.5 - 1e-12
                    );
                }
            }
        }
    }
}

#[test]
fn invalid_options_are_named() {
    let model = one_qubit(1.0, 1.0);
    let bad = [
        EvolveOptions::default().with_times(vec![]),
        EvolveOptions::default().with_times(vec![0.0, 2.0, 1.0]),
        EvolveOptions::default().with_times(vec![-1.0]),
        EvolveOptions::default().with_times(vec![f64::NAN]),
        EvolveOptions::default().with_tolerance(0.0),
        EvolveOptions::default().with_fraction(1.5),
    ];
    let fields = [
        "times",
        "times[2]",
        "times[0]",
        "times[0]",
        "tolerance",
        "fraction",
    ];
    for (options, field) in bad.iter().zip(fields) {
        match evolve(&model, options) {
            Err(SolveError::InvalidOption { field: f, .. }) => assert_eq!(f, field),
            other => panic!("expected an error on {field}, got {other:?}"),
        }
    }
    let huge = Model::new(&ModelSpec {
        n: Some(40),
        ..Default::default()
    })
    .unwrap();
    // the U(1) sector of 40 qubits has C(80, 40) ~ 1e23 unknowns
    let sector = EvolveOptions::default().with_method(Method::Sector);
    assert!(matches!(
        evolve(&huge, &sector),
        Err(SolveError::TooLarge { .. })
    ));
    // the Dicke basis needs interchangeable ancillas
    let mixed_frequencies = Model::new(&ModelSpec {
        n: Some(3),
        omega0: Some(PerQubit::List(vec![10.0, 10.0, 11.0])),
        ..Default::default()
    })
    .unwrap();
    let symmetric = EvolveOptions::default().with_method(Method::Symmetric);
    assert!(matches!(
        evolve(&mixed_frequencies, &symmetric),
        Err(SolveError::NotApplicable { .. })
    ));
}

#[test]
fn gap_matches_late_time_decay() {
    // the trajectory's own late-time decay rate, ln(D(t1) / D(t2)) / (t2 - t1) with D the
    // trace distance to the steady state, must equal the slowest relaxation rate when the
    // initial state overlaps the slowest mode (generic reservoirs: no symmetry forbids it).
    // A slow battery bath and weak coupling separate the slowest rate (about 0.23) from the
    // next (about 0.50), so at t1 = 12 / gap the faster modes weigh below 1e-6
    let model = Model::new(&ModelSpec {
        n: Some(3),
        mu: Some(PerQubit::List(vec![0.4, 2.9, 1.6])),
        temperature: Some(PerQubit::List(vec![0.9, 1.3, 0.7])),
        gamma: Some(PerQubit::List(vec![0.2, 1.0, 0.8])),
        coupling: Some(0.05),
        ..Default::default()
    })
    .unwrap();
    let probe = evolve(&model, &EvolveOptions::default().with_times(vec![0.0])).unwrap();
    let gap = probe.gap.unwrap();
    let details = probe.diagnostics.gap.unwrap();
    assert_eq!(details.method, GapMethod::Dense);
    let frequency = details.frequency.unwrap();
    // sample one oscillation period apart (any span when the slowest mode is real), late
    // enough that faster modes are gone and early enough that D stays far above rounding
    let span = if frequency > 1e-9 {
        std::f64::consts::TAU / frequency
    } else {
        1.0 / gap
    };
    let t1 = 12.0 / gap;
    let tr = evolve(
        &model,
        &EvolveOptions::default()
            .with_times(vec![t1, t1 + span])
            .with_tolerance(1e-13),
    )
    .unwrap();
    let d = &tr.trace_distance_steady;
    let observed = (d[0] / d[1]).ln() / span;
    assert!(
        (observed - gap).abs() < 1e-4 * gap,
        "late-time decay {observed} vs gap {gap} (D = {d:?})"
    );
}

#[test]
fn default_tolerance_gives_w_to_1e8() {
    // reference: the same integrator at tolerance 1e-14 (self-convergence; mesolve agreement
    // is checked separately), over t in [0, 50 / gamma] for both dissipation types, N = 4
    for (dissipation, method) in [
        (Dissipation::Individual, Method::Sector),
        (Dissipation::Collective, Method::Sector),
        (Dissipation::Individual, Method::Full),
    ] {
        // distinct ancilla frequencies break the permutation symmetry, so the Krylov spaces
        // do not close early (an invariant subspace would make both runs exact)
        let model = Model::new(&ModelSpec {
            n: Some(4),
            dissipation: Some(dissipation),
            omega0: Some(PerQubit::List(vec![10.0, 9.7, 10.4, 10.1])),
            mu: Some(PerQubit::Uniform(2.0)),
            ..Default::default()
        })
        .unwrap();
        let times = grid(50.0, 101);
        let coarse = evolve(
            &model,
            &EvolveOptions::default()
                .with_times(times.clone())
                .with_method(method),
        )
        .unwrap();
        let fine = evolve(
            &model,
            &EvolveOptions::default()
                .with_times(times)
                .with_method(method)
                .with_tolerance(1e-14),
        )
        .unwrap();
        let worst = coarse
            .w
            .iter()
            .zip(&fine.w)
            .map(|(a, b)| (a - b).abs())
            .fold(0.0, f64::max);
        eprintln!("{dissipation:?} {method:?}: default-tolerance W error {worst:.2e}");
        assert!(
            worst < 1e-9,
            "{dissipation:?} {method:?}: default-tolerance W error {worst:e}"
        );
        assert!(coarse.diagnostics.error_estimate < 1e-9);
    }
}
