//! The rational (shift-and-invert Krylov) integrator against the polynomial one (Expokit) on
//! the same Dicke representation: independent algorithms for `exp(t L) v`, one with a sparse LU
//! of `I - sigma L` on the kept part of the grid, one with products `L x` on all of it. The
//! ignored (heavy) test adds N = 101, where the rational integrator drops part of the grid.

use qbat_core::{evolve, EvolveOptions, GapMethod, Integrator, Trajectory};
use qbat_core::{Dissipation, InitialState, Method, Model, ModelSpec, PerQubit, SolveError};

fn star(n: usize, dissipation: Dissipation, mu: f64) -> Model {
    Model::new(&ModelSpec {
        n: Some(n),
        dissipation: Some(dissipation),
        mu: Some(PerQubit::Uniform(mu)),
        ..Default::default()
    })
    .unwrap()
}

fn run(model: &Model, initial: InitialState, integrator: Integrator, gap: bool) -> Trajectory {
    evolve(
        model,
        &EvolveOptions::default()
            .with_initial(initial)
            .with_times((0..=60).map(|k| k as f64 * 0.5).collect())
            .with_method(Method::Symmetric)
            .with_integrator(integrator)
            .with_gap(gap),
    )
    .unwrap_or_else(|e| panic!("{integrator:?} on N = {}: {e}", model.n()))
}

fn assert_same(a: &Trajectory, b: &Trajectory, what: &str) {
    for k in 0..a.times.len() {
        let at = format!("{what} t = {}", a.times[k]);
        assert!(
            (a.w[k] - b.w[k]).abs() < 1e-9,
            "{at}: W {} vs {}",
            a.w[k],
            b.w[k]
        );
        assert!(
            (a.energy_battery[k] - b.energy_battery[k]).abs() < 1e-8,
            "{at}: E_B"
        );
        assert!(
            (a.energy_total[k] - b.energy_total[k]).abs() < 1e-7,
            "{at}: energy"
        );
        assert!(
            (b.trace[k] - 1.0).abs() < 1e-9,
            "{at}: trace {}",
            b.trace[k]
        );
        assert!(b.min_eigenvalue[k].unwrap() > -1e-9, "{at}: positivity");
    }
    assert_eq!(a.charging_time.is_some(), b.charging_time.is_some());
    if let (Some(x), Some(y)) = (a.charging_time, b.charging_time) {
        assert!((x - y).abs() < 1e-7, "{what}: charging time {x} vs {y}");
    }
}

#[test]
fn rational_matches_polynomial() {
    // individual reservoirs (one steady state) and a collective reservoir (degenerate kernel,
    // the top block from all-ground or all-excited, every block from the mixed state)
    for (n, dissipation) in [(13, Dissipation::Individual), (9, Dissipation::Collective)] {
        for initial in [
            InitialState::Ground,
            InitialState::Excited,
            InitialState::Mixed,
        ] {
            let model = star(n, dissipation, 2.0);
            let polynomial = run(&model, initial, Integrator::Polynomial, false);
            let rational = run(&model, initial, Integrator::Rational, false);
            assert_eq!(rational.diagnostics.integrator, Integrator::Rational);
            assert_eq!(polynomial.diagnostics.integrator, Integrator::Polynomial);
            assert_same(
                &polynomial,
                &rational,
                &format!("{dissipation:?} N = {n} {initial:?}"),
            );
        }
    }
}

#[test]
fn auto_takes_rational_for_symmetric_only() {
    let model = star(4, Dissipation::Individual, 2.0);
    let options = |method| {
        EvolveOptions::default()
            .with_times(vec![0.0, 1.0])
            .with_method(method)
            .with_gap(false)
    };
    let auto = evolve(&model, &options(Method::Auto)).unwrap();
    assert_eq!(auto.diagnostics.method, Method::Symmetric);
    assert_eq!(auto.diagnostics.integrator, Integrator::Rational);
    let sector = evolve(&model, &options(Method::Sector)).unwrap();
    assert_eq!(sector.diagnostics.integrator, Integrator::Polynomial);
    // the rational integrator needs the Dicke grid's cheap LU: refused elsewhere, by name
    for method in [Method::Sector, Method::Full] {
        let err = evolve(
            &model,
            &options(method).with_integrator(Integrator::Rational),
        )
        .unwrap_err();
        match err {
            SolveError::InvalidOption { field, value, .. } => {
                assert_eq!((field.as_str(), value.as_str()), ("integrator", "rational"));
            }
            other => panic!("expected InvalidOption, got {other:?}"),
        }
    }
}

#[test]
fn shift_invert_gap_matches_propagator_gap() {
    // above the dense limit, so both gaps come from Arnoldi (shift-and-invert on the kept
    // unknowns against the exponential transformation on all Dicke unknowns); the collective
    // case from the mixed state keeps every block, with a degenerate kernel
    let cases = [
        (31, Dissipation::Individual, InitialState::Ground),
        (31, Dissipation::Collective, InitialState::Mixed),
    ];
    for (n, dissipation, initial) in cases {
        let model = star(n, dissipation, 2.0);
        let rational = run(&model, initial, Integrator::Rational, true);
        let polynomial = run(&model, initial, Integrator::Polynomial, true);
        let method = |t: &Trajectory| t.diagnostics.gap.map(|g| g.method);
        assert_eq!(method(&rational), Some(GapMethod::ShiftInvertArnoldi));
        assert_eq!(method(&polynomial), Some(GapMethod::PropagatorArnoldi));
        let (a, b) = (rational.gap.unwrap(), polynomial.gap.unwrap());
        assert!((a - b).abs() < 1e-8 * b, "{dissipation:?}: gap {a} vs {b}");
    }
}

#[test]
#[ignore = "heavy: N = 101 polynomial (Expokit) evolution and propagator gap, about half a minute"]
fn truncated_grid_matches_whole_grid() {
    // at N = 101 (paper's Fig. 4 point) the rational integrator keeps 7248 of the 10302 Dicke
    // unknowns; the polynomial one evolves all of them
    let model = Model::new(&ModelSpec {
        n: Some(101),
        ..Default::default()
    })
    .unwrap();
    let rational = run(&model, InitialState::Ground, Integrator::Rational, true);
    let polynomial = run(&model, InitialState::Ground, Integrator::Polynomial, true);
    assert!(rational.diagnostics.unknowns < polynomial.diagnostics.unknowns);
    assert!(rational.diagnostics.truncation_error < 1e-11);
    assert_same(&polynomial, &rational, "N = 101");
    let (a, b) = (rational.gap.unwrap(), polynomial.gap.unwrap());
    assert!((a - b).abs() < 1e-8 * b, "gap {a} vs {b}");
}
