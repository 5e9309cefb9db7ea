//! The Krylov sector solver through the public API, against the direct solver on all `4^N`
//! operators (an independent route: sparse LU, no sector, no preconditioner) and against QuTiP.

use crate::support::checks::{assert_populations_close, assert_rho_close};
use crate::support::models::random_individual_model;
use crate::support::options;
use qbat_core::{
    battery_observables, memory_estimate, steady_state, InitialState, Method, Model, ModelSpec,
    Statistics, SteadyOptions, SteadyState,
};
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;

/// Up to this many qubits `Method::Sector` takes sparse LU (the core's internal route switch,
/// not public API; the `iterations` assertion in [`krylov`] catches a change).
const SECTOR_DIRECT_MAX_QUBITS: usize = 6;

/// `Method::Sector` takes sparse LU up to `SECTOR_DIRECT_MAX_QUBITS` unless its memory estimate
/// exceeds the limit; a limit just below that estimate routes it to the Krylov solver.
fn krylov(model: &Model) -> SteadyState {
    let memory_limit_bytes = (model.n() <= SECTOR_DIRECT_MAX_QUBITS)
        .then(|| memory_estimate(model, Method::Sector).saturating_sub(1));
    let mut options = SteadyOptions::default().with_method(Method::Sector);
    options.memory_limit_bytes = memory_limit_bytes;
    let state = steady_state(model, &options).unwrap();
    assert!(
        state.diagnostics.iterations.is_some(),
        "N = {}: not the Krylov route ({})",
        model.n(),
        state.diagnostics.reason
    );
    crate::support::checks::assert_valid(&state, &format!("krylov on {model:?}"));
    state
}

fn full(model: &Model) -> SteadyState {
    steady_state(model, &options(Method::Full, InitialState::Ground)).unwrap()
}

fn assert_agree(a: &SteadyState, b: &SteadyState, omega0: f64, context: &str) {
    let (wa, wb) = (
        battery_observables(&a.rho_battery, omega0).w,
        battery_observables(&b.rho_battery, omega0).w,
    );
    assert!((wa - wb).abs() < 1e-10, "{context}: W {wa} vs {wb}");
    assert_rho_close(&a.rho_battery, &b.rho_battery, 1e-10, context);
    assert_populations_close(
        &a.excited_populations,
        &b.excited_populations,
        1e-10,
        context,
    );
    let err = (a.energy_total - b.energy_total).abs();
    assert!(err < 1e-9, "{context}: energy off by {err:e}");
}

/// Random general models for N = 3..=top (seed 4242, so a larger `top` extends the same
/// sequence): the Krylov solver against sparse LU on all `4^N` operators.
fn agrees_with_full_up_to(top: usize) {
    let mut rng = ChaCha8Rng::seed_from_u64(4242);
    for n in 3..=top {
        for statistics in [Statistics::Fermi, Statistics::Bose] {
            let model = random_individual_model(&mut rng, n, statistics);
            let context = format!("N = {n}, {statistics:?}");
            assert_agree(&krylov(&model), &full(&model), model.omega0()[0], &context);
        }
    }
}

#[test]
fn agrees_with_full_liouvillian_lu_on_random_general_models() {
    agrees_with_full_up_to(6);
}

#[test]
#[ignore = "heavy: full LU on 16,384 unknowns (N = 7), tens of seconds"]
fn agrees_with_full_liouvillian_lu_on_random_general_models_n7() {
    agrees_with_full_up_to(7);
}

/// The paper's Fig. 4 point against QuTiP at each `(N, W)`.
///
/// Source: QuTiP 5.3.1 steadystate(H, c_ops, method="iterative-gmres", rtol=1e-13, atol=0,
/// restart=100) on the paper's Fig. 4 point (mu = 1, dmu = 2, T = 1, J = 1), run with
/// bench/compare_qutip.py's model builder; ||L rho|| = 1.1e-13 (N = 8), 6.4e-13 (N = 9),
/// 1.8e-12 (N = 10). (At QuTiP's rtol = 1e-10 its W is off by up to 6e-10.)
fn fig4_point_matches_qutip(cases: &[(usize, f64)]) {
    for &(n, expected) in cases {
        let model = Model::new(&ModelSpec {
            n: Some(n),
            ..ModelSpec::default()
        })
        .unwrap();
        let state = krylov(&model);
        let w = battery_observables(&state.rho_battery, model.omega0()[0]).w;
        assert!(
            (w - expected).abs() < 1e-11,
            "N = {n}: W = {w:.13} vs {expected}"
        );
    }
}

#[test]
fn paper_fig4_point_matches_qutip() {
    fig4_point_matches_qutip(&[(8, 0.4687327388958)]);
}

#[test]
#[ignore = "heavy: Krylov sector solves at N = 9 and 10 (48,620 and 184,756 unknowns), a minute"]
fn paper_fig4_point_matches_qutip_n9_n10() {
    fig4_point_matches_qutip(&[(9, 0.4725412941871), (10, 0.4753448116851)]);
}

/// Independent implementation: the Dicke-basis solver (battery + identical ancillas).
fn agrees_with_symmetric(ns: &[usize]) {
    for &n in ns {
        let model = Model::new(&ModelSpec {
            n: Some(n),
            mu: Some(0.0.into()),
            dmu: Some(4.0),
            temperature: Some(0.7.into()),
            coupling: Some(1.3),
            ..ModelSpec::default()
        })
        .unwrap();
        let symmetric =
            steady_state(&model, &options(Method::Symmetric, InitialState::Ground)).unwrap();
        let context = format!("N = {n}, symmetric");
        assert_agree(&krylov(&model), &symmetric, model.omega0()[0], &context);
    }
}

#[test]
fn agrees_with_symmetric_solver_on_identical_ancillas() {
    agrees_with_symmetric(&[7]);
}

#[test]
#[ignore = "heavy: Krylov sector solves at N = 9 and 10, a minute"]
fn agrees_with_symmetric_solver_on_identical_ancillas_n9_n10() {
    agrees_with_symmetric(&[9, 10]);
}
