//! The Krylov sector solver against independent references: the assembled sparse sector
//! Liouvillian (operator), a dense LU solve of it (states), closed forms and QuTiP reference
//! data.

use super::dissipative::Dissipative;
use super::hermitian::Layout;
use super::lyapunov::Lyapunov;
use super::operator::SectorOperator;
use super::*;
use crate::linalg::vector::par_axpy;
use crate::liouvillian::assemble;
use crate::model::{Dissipation, ModelSpec, PerQubit, Statistics, Topology};
use faer::linalg::solvers::Solve;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// A general model: random topology, distinct omega0, gamma, T, mu on every qubit.
fn random_model(rng: &mut ChaCha8Rng, n: usize, statistics: Statistics) -> Model {
    let topology = [
        Topology::Star,
        Topology::Chain,
        Topology::Ring,
        Topology::Complete,
    ][rng.gen_range(0..4)]
    .clone();
    let list = |rng: &mut ChaCha8Rng, lo: f64, hi: f64| -> PerQubit {
        PerQubit::List((0..n).map(|_| rng.gen_range(lo..hi)).collect())
    };
    let (mu_lo, mu_hi) = match statistics {
        Statistics::Fermi => (-3.0, 3.0),
        Statistics::Bose => (-3.0, 0.5),
    };
    let spec = ModelSpec {
        n: Some(n),
        topology: Some(topology),
        omega0: Some(list(rng, 0.5, 3.0)),
        coupling: Some(rng.gen_range(0.1..2.0)),
        dissipation: Some(Dissipation::Individual),
        statistics: Some(statistics),
        omega: Some(1.0),
        gamma: Some(list(rng, 0.2, 2.0)),
        temperature: Some(list(rng, 0.2, 3.0)),
        mu: Some(list(rng, mu_lo, mu_hi)),
        dmu: Some(0.0),
    };
    Model::new(&spec).unwrap()
}

fn random_hermitian(rng: &mut ChaCha8Rng, layout: &Layout) -> Vec<f64> {
    (0..layout.len())
        .map(|_| rng.gen_range(-1.0..1.0))
        .collect()
}

fn operator_of(model: &Model, layout: &Layout) -> SectorOperator {
    let (down, up) = local_rates(model).unwrap();
    SectorOperator::new(layout, &hamiltonian(model), down, up)
}

fn max_diff(a: &[f64], b: &[f64]) -> f64 {
    a.iter()
        .zip(b)
        .map(|(x, y)| (x - y).abs())
        .fold(0.0, f64::max)
}

#[test]
fn operator_equals_assembled_sector_liouvillian() {
    // independent implementation: liouvillian::assemble on OperatorSpace::sector (itself
    // tested against dense Kronecker products)
    let mut rng = ChaCha8Rng::seed_from_u64(21);
    for n in 1..=5 {
        let model = random_model(&mut rng, n, Statistics::Fermi);
        let layout = Layout::new(n);
        let op = operator_of(&model, &layout);
        let x = random_hermitian(&mut rng, &layout);
        let mut y = vec![0.0; layout.len()];
        op.apply(&layout, &x, &mut y);
        let l = assemble(&model, &OperatorSpace::sector(n));
        let xc = layout.to_complex(&x);
        let mut expected = vec![c64::new(0.0, 0.0); xc.len()];
        for (col, xv) in xc.iter().enumerate() {
            let rows = l.symbolic().row_idx_of_col_raw(col);
            for (&r, &v) in rows.iter().zip(l.val_of_col(col)) {
                expected[r] += v * xv;
            }
        }
        let got = layout.to_complex(&y);
        let err = got
            .iter()
            .zip(&expected)
            .map(|(a, b)| (a - b).norm())
            .fold(0.0, f64::max);
        assert!(err < 1e-12, "n = {n}: max |L x - L_assembled x| = {err:e}");
    }
}

#[test]
fn lyapunov_preconditioner_is_exact_when_decay_commutes() {
    // up = down on every qubit makes K = (sum_q gamma_q / 2) I, which commutes with H, so the
    // approximation kappa = diag(U^T K U) is exact: P^{-1}(G X + X G^dag) = X
    let mut rng = ChaCha8Rng::seed_from_u64(5);
    let n = 4;
    let model = Model::new(&ModelSpec {
        n: Some(n),
        topology: Some(Topology::Ring),
        omega0: Some(PerQubit::List(vec![1.0, 1.3, 0.7, 2.0])),
        coupling: Some(0.8),
        gamma: Some(PerQubit::List(vec![0.5, 1.0, 1.5, 2.0])),
        temperature: Some(PerQubit::Uniform(1.0)),
        mu: Some(PerQubit::Uniform(1.0)), // = omega: n = 1/2
        dmu: Some(0.0),
        ..ModelSpec::default()
    })
    .unwrap();
    let layout = Layout::new(n);
    let mut op = operator_of(&model, &layout);
    // drop the jumps: op then applies X -> G X + X G^dag
    op.down.iter_mut().for_each(|d| *d = 0.0);
    op.up.iter_mut().for_each(|u| *u = 0.0);
    let lyapunov = Lyapunov::<f64>::new(&layout, &op, -1.0).unwrap();
    let x = random_hermitian(&mut rng, &layout);
    let mut px = vec![0.0; x.len()];
    op.apply(&layout, &x, &mut px);
    let mut back = vec![0.0; x.len()];
    lyapunov.apply(&layout, &op, 0.0, &px, &mut back);
    let err = max_diff(&back, &x);
    assert!(err < 1e-12, "max |P^-1 P x - x| = {err:e}");
}

#[test]
fn lyapunov_sweep_inverts_p_with_the_kept_jumps() {
    // as above (K commutes with H, so P is exact), now with the jumps the sweep keeps: raising
    // into the blocks below the middle, lowering into the others, weighted by omega;
    // (P + omega T)^{-1} applied to P x + omega T x gives x back
    let mut rng = ChaCha8Rng::seed_from_u64(6);
    for n in [4, 5] {
        let model = Model::new(&ModelSpec {
            n: Some(n),
            topology: Some(Topology::Chain),
            omega0: Some(PerQubit::List(vec![1.0, 1.3, 0.7, 2.0, 1.1][..n].to_vec())),
            coupling: Some(0.8),
            gamma: Some(PerQubit::List(vec![0.5, 1.0, 1.5, 2.0, 0.7][..n].to_vec())),
            temperature: Some(PerQubit::Uniform(1.0)),
            mu: Some(PerQubit::Uniform(1.0)),
            dmu: Some(0.0),
            ..ModelSpec::default()
        })
        .unwrap();
        let layout = Layout::new(n);
        let op = operator_of(&model, &layout);
        let mut no_jumps = operator_of(&model, &layout);
        no_jumps.down.iter_mut().for_each(|d| *d = 0.0);
        no_jumps.up.iter_mut().for_each(|u| *u = 0.0);
        let lyapunov = Lyapunov::<f64>::new(&layout, &op, -1.0).unwrap();
        let x = random_hermitian(&mut rng, &layout);
        for omega in [0.0, 1.0, 1.5] {
            let mut v = vec![0.0; x.len()];
            no_jumps.apply(&layout, &x, &mut v);
            let middle = layout.blocks() / 2;
            for (k, out) in layout.blocks_mut(&mut v).into_iter().enumerate() {
                if (1..middle).contains(&k) {
                    let from = Some(layout.block(&x, k - 1));
                    op.add_jumps(&layout, k, None, from, omega, out);
                } else if k >= middle && k + 1 < layout.blocks() {
                    let from = Some(layout.block(&x, k + 1));
                    op.add_jumps(&layout, k, from, None, omega, out);
                }
            }
            let mut back = vec![0.0; x.len()];
            lyapunov.apply(&layout, &op, omega, &v, &mut back);
            let err = max_diff(&back, &x);
            assert!(
                err < 1e-12,
                "n = {n}, omega = {omega}: max |x - sweep| = {err:e}"
            );
        }
    }
}

#[test]
fn dissipative_preconditioner_is_exact_without_coupling() {
    // J = 0: A = A_0, so A_0^{-1}(A x) = x
    let mut rng = ChaCha8Rng::seed_from_u64(9);
    for n in 1..=5 {
        let mut model = random_model(&mut rng, n, Statistics::Fermi);
        model.coupling = 0.0;
        let layout = Layout::new(n);
        let op = operator_of(&model, &layout);
        let c = -0.7;
        let dissipative = Dissipative::new(&op, &model.omega0, c);
        let rho0 = dissipative.product_state(&layout);
        assert!((layout.trace(&rho0) - 1.0).abs() < 1e-14);
        let x = random_hermitian(&mut rng, &layout);
        let mut ax = vec![0.0; x.len()];
        op.apply(&layout, &x, &mut ax);
        par_axpy(c * layout.trace(&x), &rho0, &mut ax);
        dissipative.apply_in_place(&layout, &op, &mut ax);
        let err = max_diff(&ax, &x);
        assert!(err < 1e-11, "n = {n}: max |A_0^-1 A_0 x - x| = {err:e}");
    }
}

/// Reference steady state: dense LU of the assembled sector Liouvillian with the population
/// equation of `|0><0|` replaced by `tr(rho) = 1`.
fn dense_reference(model: &Model) -> (Vec<c64>, OperatorSpace) {
    let space = OperatorSpace::sector(model.n);
    let l = assemble(model, &space);
    let size = space.len();
    let mut a = Mat::<c64>::zeros(size, size);
    for col in 0..size {
        let rows = l.symbolic().row_idx_of_col_raw(col);
        for (&r, &v) in rows.iter().zip(l.val_of_col(col)) {
            a[(r, col)] = v;
        }
    }
    let pinned = space.index(0, 0).unwrap();
    for col in 0..size {
        a[(pinned, col)] = c64::new(0.0, 0.0);
    }
    for d in space.diagonal() {
        a[(pinned, d)] = c64::new(1.0, 0.0);
    }
    let mut rhs = Mat::<c64>::zeros(size, 1);
    rhs[(pinned, 0)] = c64::new(1.0, 0.0);
    let x = a.partial_piv_lu().solve(&rhs);
    ((0..size).map(|i| x[(i, 0)]).collect(), space)
}

fn assert_agrees_with_dense(model: &Model, label: &str) {
    let state = solve(model, &SteadyOptions::default()).unwrap();
    let (x, space) = dense_reference(model);
    let (rho_b, pops, energy) = reduce(&space, model.n, &hamiltonian(model), &x);
    for (i, (ours, theirs)) in state.rho_battery.iter().zip(&rho_b).enumerate() {
        for (j, (a, b)) in ours.iter().zip(theirs).enumerate() {
            let err = (a - b).norm();
            assert!(err < 1e-10, "{label}: rho_battery[{i}][{j}] off by {err:e}");
        }
    }
    let err = max_diff(&state.excited_populations, &pops);
    assert!(err < 1e-10, "{label}: populations off by {err:e}");
    let err = (state.energy_total - energy).abs();
    assert!(
        err < 1e-9 * energy.abs().max(1.0),
        "{label}: energy off by {err:e}"
    );
    let d = &state.diagnostics;
    assert_eq!(d.method, Method::Sector);
    assert!(d.iterations.is_some());
    assert!(
        d.min_eigenvalue > -1e-12,
        "{label}: min eigenvalue {}",
        d.min_eigenvalue
    );
    assert!(
        d.trace_error < 1e-9,
        "{label}: trace error {}",
        d.trace_error
    );
}

#[test]
fn agrees_with_dense_lu_on_random_general_models() {
    let mut rng = ChaCha8Rng::seed_from_u64(2024);
    for n in 1..=5 {
        for round in 0..2 {
            let model = random_model(&mut rng, n, Statistics::Fermi);
            assert_agrees_with_dense(&model, &format!("fermi n = {n} round {round}"));
        }
        let model = random_model(&mut rng, n, Statistics::Bose);
        assert_agrees_with_dense(&model, &format!("bose n = {n}"));
    }
}

#[test]
fn agrees_with_dense_lu_at_n6() {
    // 924 unknowns; the first model drawn from seed 77
    let mut rng = ChaCha8Rng::seed_from_u64(77);
    let model = random_model(&mut rng, 6, Statistics::Fermi);
    assert_agrees_with_dense(&model, "n = 6");
}

#[test]
#[ignore = "heavy: dense LU reference of the N = 7 sector (3,432 unknowns, 190 MB), about 3 s"]
fn agrees_with_dense_lu_at_n7() {
    // the second model drawn from seed 77 (after the N = 6 one above)
    let mut rng = ChaCha8Rng::seed_from_u64(77);
    let _n6 = random_model(&mut rng, 6, Statistics::Fermi);
    let model = random_model(&mut rng, 7, Statistics::Fermi);
    assert_agrees_with_dense(&model, "n = 7");
}

#[test]
fn zero_temperature_limits() {
    // T = 0 and mu below omega on every qubit: n = 0, every qubit relaxes to its ground state,
    // and the all-ground block has no decay (the Lyapunov fallback is exercised). The steady
    // state of pure decay with excitation-conserving H is |0...0> (closed form).
    let model = Model::new(&ModelSpec {
        n: Some(4),
        temperature: Some(PerQubit::Uniform(0.0)),
        mu: Some(PerQubit::Uniform(0.0)),
        dmu: Some(0.0),
        ..ModelSpec::default()
    })
    .unwrap();
    let state = solve(&model, &SteadyOptions::default()).unwrap();
    assert!(state.excited_populations.iter().all(|p| p.abs() < 1e-12));
    assert!((state.rho_battery[1][1].re - 1.0).abs() < 1e-12);
    // both directions saturated (mu far above omega): every qubit excited
    let model = Model::new(&ModelSpec {
        n: Some(4),
        temperature: Some(PerQubit::Uniform(0.0)),
        mu: Some(PerQubit::Uniform(5.0)),
        dmu: Some(0.0),
        ..ModelSpec::default()
    })
    .unwrap();
    let state = solve(&model, &SteadyOptions::default()).unwrap();
    assert!(state
        .excited_populations
        .iter()
        .all(|p| (p - 1.0).abs() < 1e-12));
}

#[test]
fn collective_dissipation_is_not_applicable_beyond_one_qubit() {
    let spec = |n| ModelSpec {
        n: Some(n),
        dissipation: Some(Dissipation::Collective),
        ..ModelSpec::default()
    };
    let err = solve(&Model::new(&spec(3)).unwrap(), &SteadyOptions::default()).unwrap_err();
    assert!(
        matches!(err, SolveError::NotApplicable { method: Method::Sector, ref reason }
        if reason.contains("collective"))
    );
    // one qubit: collective = individual, steady population n (closed form)
    let model = Model::new(&spec(1)).unwrap();
    let state = solve(&model, &SteadyOptions::default()).unwrap();
    let n = model.reservoirs[0].occupation;
    assert!((state.excited_populations[0] - n).abs() < 1e-13);
}

/// QuTiP 5.3.1 reference data, tests/data/reference (points-dev.json, individual points):
/// `(id, n, omega0, coupling, omega, gamma, temperature, mu, W, rho_ee, energy_total)`.
#[allow(clippy::type_complexity)]
const QUTIP_POINTS: &[(
    usize,
    usize,
    f64,
    f64,
    f64,
    f64,
    &[f64],
    &[f64],
    f64,
    f64,
    f64,
)] = &[
    (
        12,
        1,
        10.0,
        1.0,
        1.0,
        1.0,
        &[0.8],
        &[2.0],
        0.5545997223493819,
        0.777299861174691,
        5.545997223493819,
    ),
    (
        13,
        2,
        10.0,
        1.0,
        1.0,
        1.0,
        &[1.0, 1.0],
        &[0.0, 5.0],
        0.10834073767432076,
        0.5541703688371604,
        5.019104228158069,
    ),
    (
        14,
        3,
        10.0,
        1.0,
        1.0,
        1.0,
        &[1.0; 3],
        &[1.0, 3.0, 3.0],
        0.38079707797788265,
        0.6903985389889414,
        15.231883119115299,
    ),
    (
        18,
        3,
        10.0,
        1.0,
        1.0,
        1.0,
        &[0.05; 3],
        &[1.0, 3.0, 3.0],
        0.5000000000000002,
        0.7500000000000001,
        20.000000000000014,
    ),
    (
        21,
        6,
        10.0,
        1.0,
        1.0,
        1.0,
        &[1.0; 6],
        &[0.0, 2.5, 2.5, 2.5, 2.5, 2.5],
        0.24367532907466116,
        0.6218376645373302,
        27.136276046764312,
    ),
    (
        24,
        3,
        10.007,
        2.805,
        1.378,
        0.42,
        &[1.483, 1.205, 1.25],
        &[1.396, 3.272, 2.255],
        0.28539384746683955,
        0.6426969237334198,
        9.999286318415733,
    ),
    (
        27,
        4,
        12.048,
        3.132,
        1.941,
        0.705,
        &[0.932, 0.541, 1.145, 2.709],
        &[2.514, 2.652, 3.765, 0.219],
        0.3151735043372712,
        0.6575867521686356,
        14.807600481511628,
    ),
];

#[test]
fn agrees_with_qutip_reference_points() {
    for &(id, n, omega0, coupling, omega, gamma, temperature, mu, w, rho_ee, energy) in QUTIP_POINTS
    {
        let model = Model::new(&ModelSpec {
            n: Some(n),
            topology: Some(Topology::Star),
            omega0: Some(PerQubit::Uniform(omega0)),
            coupling: Some(coupling),
            dissipation: Some(Dissipation::Individual),
            statistics: Some(Statistics::Fermi),
            omega: Some(omega),
            gamma: Some(PerQubit::Uniform(gamma)),
            temperature: Some(PerQubit::List(temperature.to_vec())),
            mu: Some(PerQubit::List(mu.to_vec())),
            dmu: None,
        })
        .unwrap();
        let state = solve(&model, &SteadyOptions::default()).unwrap();
        let ee = state.rho_battery[0][0].re;
        // the battery state is diagonal (U(1)), and a diagonal qubit state has normalised
        // ergotropy max(0, 2 rho_ee - 1) (closed form: the passive state swaps populations)
        let ours = (2.0 * ee - 1.0).max(0.0);
        assert!((ours - w).abs() < 1e-10, "point {id}: W {ours} vs {w}");
        assert!(
            (ee - rho_ee).abs() < 1e-10,
            "point {id}: rho_ee {ee} vs {rho_ee}"
        );
        assert!((state.excited_populations[0] - rho_ee).abs() < 1e-10);
        assert!(
            state.rho_battery[0][1].norm() < 1e-14,
            "point {id}: coherence"
        );
        let err = (state.energy_total - energy).abs();
        assert!(err < 1e-9, "point {id}: energy off by {err:e}");
    }
}
