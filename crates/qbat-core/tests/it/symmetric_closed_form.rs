//! The symmetric solver against closed forms, up to large N (N >= 1001 in ignored heavy tests).
//!
//! - Collective reservoir, all-ground start: the state stays in the ancillas' symmetric block
//!   `j = M/2`, where the restricted product state `r^{L_z}` (every qubit thermal with excited
//!   probability `p = up/(up + down)`, `p = n` for fermions, `n/(1+2n)` for bosons) is the
//!   unique steady state for `N >= 3` (the Hamiltonian mixes the two irreps of
//!   `battery (x) spin M/2`): the battery's excited population is `p` exactly and
//!   `W = max(0, 2p - 1)`.
//! - `N = 2`, equal frequencies: the battery-ancilla singlet is dark and holds no weight from
//!   all-ground; the triplet relaxes to weights `1 : r : r^2` (`r = up/down`) on
//!   `T_-, T_0, T_+`, so `p_e = (r^2 + r/2) / (1 + r + r^2)`
//!   (`= n(1+n) / (2(1 - n + n^2))` for fermions). With unequal frequencies the singlet is not
//!   conserved and `p_e = p`.
//! - Collective, maximally mixed start, odd `N` (no `j = 1/2` block): `p_e = p`.
//! - Individual reservoirs all equal: the product of thermal states is stationary (it is a
//!   function of the conserved excitation number, and every local dissipator fixes its own
//!   thermal factor), so every qubit has excited population `p` and
//!   `tr(rho H) = sum_i omega0_i (2p - 1)`.
//! - Individual reservoirs with `J = 0`: the qubits decouple, each thermal with its own `p`.

use crate::support::models::battery_and_ancillas;
use crate::support::options;
use qbat_core::{
    battery_observables, steady_state, Dissipation, InitialState, Method, Model, ModelSpec,
    PerQubit, Statistics, SteadyState,
};

fn solve(model: &Model, initial: InitialState) -> SteadyState {
    steady_state(model, &options(Method::Symmetric, initial)).unwrap()
}

/// Excited probability `up / (up + down)` of a reservoir.
fn thermal_p(model: &Model, i: usize) -> f64 {
    let r = &model.reservoirs()[i];
    r.rate_up() / (r.rate_up() + r.rate_down(model.statistics()))
}

fn collective(n: usize, omega0: (f64, f64), statistics: Statistics, mu: f64, t: f64) -> Model {
    Model::new(&ModelSpec {
        n: Some(n),
        omega0: Some(battery_and_ancillas(n, omega0.0, omega0.1)),
        dissipation: Some(Dissipation::Collective),
        statistics: Some(statistics),
        temperature: Some(PerQubit::Uniform(t)),
        mu: Some(PerQubit::Uniform(mu)),
        ..Default::default()
    })
    .unwrap()
}

fn check_battery(s: &SteadyState, p: f64, omega0: f64, what: &str) {
    assert!(
        (s.rho_battery[0][0].re - p).abs() < 1e-12,
        "{what}: p_e {} vs {p}",
        s.rho_battery[0][0].re
    );
    let w = battery_observables(&s.rho_battery, omega0).w;
    assert!(
        (w - (2.0 * p - 1.0).max(0.0)).abs() < 1e-12,
        "{what}: W {w}"
    );
    assert!(
        s.diagnostics.residual < 1e-10,
        "{what}: residual {}",
        s.diagnostics.residual
    );
    assert!(s.diagnostics.min_eigenvalue > -1e-14, "{what}");
}

fn collective_from_ground_gives_the_reservoir_population_for(sizes: &[usize]) {
    for &n in sizes {
        for (stat, mu, t) in [
            (Statistics::Fermi, 3.0, 1.0),
            (Statistics::Fermi, 0.2, 0.7),
            (Statistics::Bose, 0.5, 1.3),
        ] {
            let model = collective(n, (10.0, 10.0), stat, mu, t);
            let s = solve(&model, InitialState::Ground);
            let what = format!("N {n} {stat:?} mu {mu}");
            check_battery(&s, thermal_p(&model, 0), 10.0, &what);
        }
    }
}

#[test]
fn collective_from_ground_gives_the_reservoir_population() {
    collective_from_ground_gives_the_reservoir_population_for(&[3, 4, 5, 10, 101]);
}

#[test]
#[ignore = "heavy: N = 1001, 10001 in the Dicke basis"]
fn collective_from_ground_gives_the_reservoir_population_large() {
    collective_from_ground_gives_the_reservoir_population_for(&[1001, 10001]);
}

#[test]
fn collective_pair_keeps_its_dark_singlet() {
    for (stat, mu, t) in [
        (Statistics::Fermi, 3.0, 1.0),
        (Statistics::Fermi, -0.5, 0.4),
        (Statistics::Bose, 0.3, 2.0),
    ] {
        let model = collective(2, (10.0, 10.0), stat, mu, t);
        let r = model.reservoirs()[0].rate_up() / model.reservoirs()[0].rate_down(stat);
        let triplet = (r * r + 0.5 * r) / (1.0 + r + r * r);
        let s = solve(&model, InitialState::Ground);
        check_battery(&s, triplet, 10.0, &format!("N 2 {stat:?} ground"));
        // maximally mixed: 3/4 in the triplet, 1/4 in the singlet (battery half excited)
        let s = solve(&model, InitialState::Mixed);
        check_battery(
            &s,
            0.75 * triplet + 0.125,
            10.0,
            &format!("N 2 {stat:?} mixed"),
        );
        // unequal frequencies: the singlet is not conserved, the product state is reached
        let model = collective(2, (10.0, 9.5), stat, mu, t);
        let s = solve(&model, InitialState::Ground);
        check_battery(
            &s,
            thermal_p(&model, 0),
            10.0,
            &format!("N 2 {stat:?} detuned"),
        );
    }
    // the Fermi form n(1+n) / (2(1 - n + n^2))
    let model = collective(2, (10.0, 10.0), Statistics::Fermi, 3.0, 1.0);
    let n = model.reservoirs()[0].occupation;
    let s = solve(&model, InitialState::Ground);
    let expected = n * (1.0 + n) / (2.0 * (1.0 - n + n * n));
    assert!((s.rho_battery[0][0].re - expected).abs() < 1e-14);
}

fn collective_mixed_start_with_odd_n_gives_the_reservoir_population_for(sizes: &[usize]) {
    for &n in sizes {
        let model = collective(n, (10.0, 10.0), Statistics::Fermi, 2.5, 1.0);
        let s = solve(&model, InitialState::Mixed);
        check_battery(&s, thermal_p(&model, 0), 10.0, &format!("N {n} mixed"));
        let s = solve(&model, InitialState::Excited);
        check_battery(&s, thermal_p(&model, 0), 10.0, &format!("N {n} excited"));
    }
}

#[test]
fn collective_mixed_start_with_odd_n_gives_the_reservoir_population() {
    collective_mixed_start_with_odd_n_gives_the_reservoir_population_for(&[3, 5, 11, 101]);
}

#[test]
#[ignore = "heavy: N = 1001, 10001 in the Dicke basis"]
fn collective_mixed_start_with_odd_n_gives_the_reservoir_population_large() {
    collective_mixed_start_with_odd_n_gives_the_reservoir_population_for(&[1001, 10001]);
}

fn individual(n: usize, omega0: (f64, f64), coupling: f64, mu: (f64, f64), t: (f64, f64)) -> Model {
    let pair = |(b, a): (f64, f64)| battery_and_ancillas(n, b, a);
    Model::new(&ModelSpec {
        n: Some(n),
        omega0: Some(pair(omega0)),
        coupling: Some(coupling),
        dissipation: Some(Dissipation::Individual),
        temperature: Some(pair(t)),
        mu: Some(pair(mu)),
        dmu: Some(0.0),
        ..Default::default()
    })
    .unwrap()
}

fn individual_equal_reservoirs_give_the_product_thermal_state_for(sizes: &[usize]) {
    for &n in sizes {
        for omega0 in [(10.0, 10.0), (10.0, 8.0)] {
            let model = individual(n, omega0, 1.0, (2.5, 2.5), (1.0, 1.0));
            let s = solve(&model, InitialState::Ground);
            let p = thermal_p(&model, 0);
            let what = format!("N {n} omega0 {omega0:?}");
            check_battery(&s, p, omega0.0, &what);
            for (i, &pop) in s.excited_populations.iter().enumerate() {
                assert!((pop - p).abs() < 1e-12, "{what}: population {i} {pop}");
            }
            let energy: f64 = model.omega0().iter().map(|w| w * (2.0 * p - 1.0)).sum();
            assert!(
                (s.energy_total - energy).abs() < 1e-12 * energy.abs(),
                "{what}: energy"
            );
            assert_eq!(s.diagnostics.kernel_dim, Some(1));
        }
    }
}

#[test]
fn individual_equal_reservoirs_give_the_product_thermal_state() {
    individual_equal_reservoirs_give_the_product_thermal_state_for(&[1, 2, 3, 10, 51, 101]);
}

#[test]
#[ignore = "heavy: N = 1001 in the Dicke basis"]
fn individual_equal_reservoirs_give_the_product_thermal_state_large() {
    individual_equal_reservoirs_give_the_product_thermal_state_for(&[1001]);
}

fn individual_uncoupled_qubits_are_each_thermal_for(sizes: &[usize]) {
    for &n in sizes {
        let model = individual(n, (10.0, 10.0), 0.0, (0.0, 4.0), (1.0, 1.0));
        let s = solve(&model, InitialState::Ground);
        let (pb, pa) = (thermal_p(&model, 0), thermal_p(&model, 1));
        check_battery(&s, pb, 10.0, &format!("N {n} J = 0"));
        assert!(
            (s.excited_populations[1] - pa).abs() < 1e-12,
            "N {n}: ancilla"
        );
    }
}

#[test]
fn individual_uncoupled_qubits_are_each_thermal() {
    individual_uncoupled_qubits_are_each_thermal_for(&[4, 101]);
}

#[test]
#[ignore = "heavy: N = 1001 in the Dicke basis"]
fn individual_uncoupled_qubits_are_each_thermal_large() {
    individual_uncoupled_qubits_are_each_thermal_for(&[1001]);
}
