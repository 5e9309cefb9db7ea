//! Property tests (proptest): on random valid small models (N <= 4, every topology, individual
//! and collective, Fermi and Bose, T = 0 included, every initial state) every steady-state
//! method that applies returns a density matrix (trace 1, Hermitian, smallest eigenvalue at
//! least -1e-10, of the whole state as well as of the battery), 0 <= W <= 1, and the methods
//! agree with each other.
//!
//! The default run draws [`CASES`] models (seconds); `heavy_many_models` draws 20,000
//! (`cargo test -p qbat-core --test it properties -- --ignored`). The seed is fixed, so
//! every run draws the same models; a failure prints the shrunk model.
//!
//! What the first run found (kept as a limit of the strategy, reported in
//! `bench/results/fuzz.md`): collective dissipation with *nearly* equal but distinct
//! frequencies (`omega0 = [2.12990, 2.13060]`, 7e-4 apart) has a unique steady state behind a
//! mode relaxing at about `(delta omega0)^2 / gamma ~ 5e-7`, so the Liouvillian's condition
//! number is ~1e7 and the direct solvers lose digits: `full` reports a trace error of 7.8e-10
//! before normalisation and `symmetric` differs from it by 4e-10 in the energy, beyond the
//! 1e-10 every test here asks for. The 2,000-model run found the same with one shared
//! `omega0` on a chain with a weak coupling (`J = 0.0038`, N = 3: `sector` and `full` differ
//! by 3e-10 in the energy): there J alone breaks the symmetry that makes the collective kernel
//! degenerate, and the slow mode relaxes at about `J^2 / gamma`. Collective models therefore
//! draw either one shared `omega0` (the exactly degenerate kernel, solved exactly) or
//! frequencies at least 0.2 apart (a Bose pair 0.026 apart still differed by 1.6e-10), and
//! `J >= 0.1`. The 20,000-model run found the third
//! near-degeneracy: a collective chain (N = 4, T = 0.106, mu = -1.16, occupation 2e-9) whose
//! absorption rate `gamma n` nearly vanishes; `full` reports a Hermiticity error of 2.6e-9
//! before symmetrisation. Collective models therefore take T = 0 (the exact limit, a
//! degenerate kernel solved exactly) where the occupation is within 1e-3 of 0 or 1. These
//! limits are properties of the problem's conditioning (relaxation rates 1e-7 to 1e-9 beside
//! rates of order 1), not of one solver.

use faer::{Mat, Side};
use proptest::prelude::*;
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
use qbat_core::{
    battery_observables, occupation, steady_state, Dissipation, InitialState, Method, Model,
    ModelSpec, PerQubit, SolveError, Statistics, SteadyState, Topology,
};

use crate::support::checks::{assert_populations_close, assert_rho_close, assert_valid};
use crate::support::options;

/// Models drawn by the default run.
const CASES: u32 = 256;

/// A random valid model with its initial state: N in 1..=4; star, chain, ring, complete or a
/// random tree; individual or collective; Fermi or Bose (then mu < omega); omega0 shared or
/// per qubit in [0.5, 3); J in [0, 2); gamma in [0.2, 2); T = 0 a fifth of the time, else in
/// [0.05, 3); mu in [-2, 3). Collective models keep away from near-degenerate kernels (module
/// docs): distinct omega0 at least 0.2 apart, J >= 0.1, occupations within 1e-3 of 0 or 1 made
/// exact.
fn model_strategy() -> impl Strategy<Value = (ModelSpec, InitialState)> {
    let temperature = prop_oneof![1 => Just(0.0), 4 => 0.05f64..3.0];
    (
        (
            1usize..=4,
            0usize..5,
            any::<bool>(),
            any::<bool>(),
            any::<bool>(),
        ),
        (
            prop::collection::vec(0.5f64..3.0, 4),
            0.0f64..2.0,
            prop::collection::vec(0.2f64..2.0, 4),
            prop::collection::vec(temperature, 4),
            prop::collection::vec(-2.0f64..3.0, 4),
            0.5f64..2.0,
        ),
        prop::collection::vec(0.0f64..1.0, 4),
        0usize..3,
    )
        .prop_map(
            |(
                (n, shape, collective, bose, shared_omega0),
                (omega0, coupling, gamma, temperature, mu, omega),
                tree,
                initial,
            )| {
                let topology = match shape {
                    0 => Topology::Star,
                    1 => Topology::Chain,
                    2 => Topology::Ring,
                    3 => Topology::Complete,
                    // qubit b hangs from a random earlier qubit
                    _ => Topology::Custom(
                        (1..n)
                            .map(|b| (((tree[b] * b as f64) as usize).min(b - 1), b))
                            .collect(),
                    ),
                };
                let statistics = if bose {
                    Statistics::Bose
                } else {
                    Statistics::Fermi
                };
                // Bose-Einstein needs mu < omega: mu drawn as omega minus [0.1, 2.1)
                let mu: Vec<f64> = mu
                    .iter()
                    .map(|&m| {
                        if bose {
                            omega - 0.1 - (m + 2.0) * 0.4
                        } else {
                            m
                        }
                    })
                    .collect();
                // collective: an occupation within 1e-3 of 0 or 1 made exact by T = 0 (see the
                // module docs)
                let mut temperature = temperature;
                if collective {
                    let stats = if bose {
                        Statistics::Bose
                    } else {
                        Statistics::Fermi
                    };
                    let n_bath = occupation(stats, omega, mu[0], temperature[0]).unwrap();
                    if n_bath < 1e-3 || (!bose && n_bath > 1.0 - 1e-3) {
                        temperature[0] = 0.0;
                    }
                }
                let per = |v: &[f64]| {
                    if collective {
                        PerQubit::Uniform(v[0])
                    } else {
                        PerQubit::List(v[..n].to_vec())
                    }
                };
                let spec = ModelSpec {
                    n: Some(n),
                    topology: Some(topology),
                    omega0: Some(if shared_omega0 {
                        PerQubit::Uniform(omega0[0])
                    } else if collective {
                        // at least 0.2 apart (0.6 i + [0, 0.4)): see the module docs
                        PerQubit::List(
                            (0..n)
                                .map(|i| 0.5 + 0.6 * i as f64 + 0.16 * (omega0[i] - 0.5))
                                .collect(),
                        )
                    } else {
                        PerQubit::List(omega0[..n].to_vec())
                    }),
                    // collective: J >= 0.1 (see the module docs)
                    coupling: Some(if collective {
                        0.1 + 0.95 * coupling
                    } else {
                        coupling
                    }),
                    dissipation: Some(if collective {
                        Dissipation::Collective
                    } else {
                        Dissipation::Individual
                    }),
                    statistics: Some(statistics),
                    omega: Some(omega),
                    gamma: Some(per(&gamma)),
                    temperature: Some(per(&temperature)),
                    mu: Some(per(&mu)),
                    dmu: None,
                };
                let initial = [
                    InitialState::Ground,
                    InitialState::Excited,
                    InitialState::Mixed,
                ][initial];
                (spec, initial)
            },
        )
}

/// The whole state's density matrix (all qubits, `2^N x 2^N`) is Hermitian with trace 1 and
/// no eigenvalue below -1e-10 (checked here with faer's dense eigensolver, independently of
/// the solver's own diagnostics).
fn check_whole_state(state: &SteadyState, n: usize, context: &str) {
    let qubits: Vec<usize> = (0..n).collect();
    let rho = state.state.reduced(&qubits).unwrap();
    let d = rho.len();
    let trace: qbat_core::c64 = (0..d).map(|a| rho[a][a]).sum();
    for (a, row) in rho.iter().enumerate() {
        for (b, entry) in row.iter().enumerate() {
            let skew = (entry - rho[b][a].conj()).norm();
            assert!(
                skew < 1e-12,
                "{context}: rho[{a}][{b}] not Hermitian ({skew:e})"
            );
        }
    }
    assert!(
        (trace.re - 1.0).abs() < 1e-12 && trace.im.abs() < 1e-12,
        "{context}: tr {trace}"
    );
    let m = Mat::from_fn(d, d, |a, b| rho[a][b]);
    let eigenvalues = m.self_adjoint_eigenvalues(Side::Lower).unwrap();
    let smallest = eigenvalues.iter().copied().fold(f64::INFINITY, f64::min);
    assert!(smallest >= -1e-10, "{context}: eigenvalue {smallest:e}");
}

/// Every method on one model: the invariants on each state that is returned, and agreement
/// of each with the full Liouvillian's (`full` always applies at N <= 4).
fn check_model(spec: &ModelSpec, initial: InitialState) {
    let model = Model::new(spec).expect("the strategy draws valid models");
    let n = model.n();
    let full = steady_state(&model, &options(Method::Full, initial))
        .unwrap_or_else(|e| panic!("full on {spec:?}: {e}"));
    for method in [
        Method::Full,
        Method::Sector,
        Method::Symmetric,
        Method::Auto,
    ] {
        let context = format!("{} from {initial:?} on {spec:?}", method.name());
        let state = match steady_state(&model, &options(method, initial)) {
            Ok(state) => state,
            // symmetric needs a star with identical ancillas: not every model has one
            Err(SolveError::NotApplicable { .. }) if method == Method::Symmetric => continue,
            Err(e) => panic!("{context}: {e}"),
        };
        assert_valid(&state, &context);
        if state.diagnostics.method != Method::Symmetric || n <= 2 {
            // the Dicke state gives reduced states of the battery and one ancilla only
            check_whole_state(&state, n, &context);
        }
        let w = battery_observables(&state.rho_battery, model.omega0()[0]).w;
        assert!((0.0..=1.0).contains(&w), "{context}: W = {w}");
        assert_rho_close(&state.rho_battery, &full.rho_battery, 1e-10, &context);
        assert_populations_close(
            &state.excited_populations,
            &full.excited_populations,
            1e-10,
            &context,
        );
        assert!(
            (state.energy_total - full.energy_total).abs()
                < 1e-10 * (1.0 + full.energy_total.abs()),
            "{context}: energy {} vs full {}",
            state.energy_total,
            full.energy_total
        );
    }
}

fn run(cases: u32) {
    // a fixed seed: the same models on every run and machine (proptest's default is random)
    let mut runner = TestRunner::new_with_rng(
        Config {
            cases,
            failure_persistence: None,
            ..Config::default()
        },
        TestRng::deterministic_rng(RngAlgorithm::ChaCha),
    );
    runner
        .run(&model_strategy(), |(spec, initial)| {
            check_model(&spec, initial);
            Ok(())
        })
        .unwrap();
}

#[test]
fn every_method_returns_a_valid_state_and_they_agree() {
    run(CASES);
}

#[test]
#[ignore = "heavy: 20,000 random models through every method (a minute or more)"]
fn heavy_many_models() {
    run(20_000);
}
