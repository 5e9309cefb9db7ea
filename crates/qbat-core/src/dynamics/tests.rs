//! Internal checks: the Krylov propagator against a dense exponential, the propagator Arnoldi
//! gap against dense eigenvalues, and the one-qubit closed form on raw state vectors.

use super::gap::{dense, propagator_arnoldi, ZERO_RATE};
use super::krylov::Krylov;
use super::observe::{initial_vector, sample};
use crate::c64;
use crate::linalg::expm::expm;
use crate::linalg::sparse::Csr;
use crate::liouvillian::{assemble_from, Generators, OperatorSpace};
use crate::model::{Dissipation, InitialState, Model, ModelSpec, PerQubit};
use crate::options::Method;

fn individual(n: usize) -> Model {
    // a generic point: every reservoir different, so no symmetry hides a mode
    let mu: Vec<f64> = (0..n).map(|i| 0.3 + 0.7 * i as f64).collect();
    let temperature: Vec<f64> = (0..n).map(|i| 0.8 + 0.15 * i as f64).collect();
    Model::new(&ModelSpec {
        n: Some(n),
        mu: Some(PerQubit::List(mu)),
        temperature: Some(PerQubit::List(temperature)),
        ..Default::default()
    })
    .unwrap()
}

fn collective(n: usize) -> Model {
    Model::new(&ModelSpec {
        n: Some(n),
        dissipation: Some(Dissipation::Collective),
        mu: Some(PerQubit::Uniform(3.0)),
        ..Default::default()
    })
    .unwrap()
}

fn operator(model: &Model, space: &OperatorSpace) -> (Generators, Csr<c64>) {
    let generators = Generators::new(model);
    let op = Csr::from_faer(&assemble_from(&generators, space));
    (generators, op)
}

/// `exp(t L) x` from the dense matrix (Pade with scaling and squaring, tested on closed forms).
fn dense_propagate(op: &Csr<c64>, x: &[c64], t: f64) -> Vec<c64> {
    let e = expm(&op.to_dense(), t);
    (0..x.len())
        .map(|i| (0..x.len()).fold(c64::new(0.0, 0.0), |acc, j| acc + e[(i, j)] * x[j]))
        .collect()
}

#[test]
fn krylov_matches_dense_exponential_full_space() {
    // full space, N = 3: omega0 = 10 makes ||L|| ~ 60, the stiff case
    for model in [individual(3), collective(3)] {
        let space = OperatorSpace::full(3);
        let (_, op) = operator(&model, &space);
        // a pure state |psi><psi| with coherences between all excitation numbers
        let psi: Vec<c64> = (0..8)
            .map(|s| c64::new(1.0 + s as f64, (s % 3) as f64))
            .collect();
        let norm2: f64 = psi.iter().map(|p| p.norm_sqr()).sum();
        let mut x = vec![c64::new(0.0, 0.0); space.len()];
        for i in 0..8 {
            for j in 0..8 {
                x[space.index(i, j).unwrap()] = psi[i] * psi[j].conj() / norm2;
            }
        }
        let t = 3.7;
        let reference = dense_propagate(&op, &x, t);
        let mut krylov = Krylov::new(&op, 1e-10 / t, Method::Full);
        krylov.advance(&mut x, t).unwrap();
        let error = x
            .iter()
            .zip(&reference)
            .map(|(a, b)| (a - b).norm_sqr())
            .sum::<f64>()
            .sqrt();
        assert!(error < 1e-10, "Krylov vs dense exp: {error:e}");
        assert!(krylov.work.steps > 1, "the stiff case needs substeps");
    }
}

#[test]
fn one_qubit_populations_closed_form() {
    // closed form: p_e(t) = n + (p_e(0) - n) exp(-gamma t) for a qubit in a Fermi bath
    let model = Model::new(&ModelSpec {
        n: Some(1),
        mu: Some(PerQubit::Uniform(2.0)),
        gamma: Some(PerQubit::Uniform(0.7)),
        ..Default::default()
    })
    .unwrap();
    let n_occ = model.reservoirs[0].occupation;
    for initial in [
        InitialState::Ground,
        InitialState::Excited,
        InitialState::Mixed,
    ] {
        let space = OperatorSpace::sector(1);
        let (generators, op) = operator(&model, &space);
        let mut x = initial_vector(&space, initial);
        let p0 = sample(&space, 1, &generators.hamiltonian, &x).rho_battery[0][0].re;
        let mut krylov = Krylov::new(&op, 1e-12, Method::Sector);
        let mut t_now = 0.0;
        for t in [0.1, 0.5, 2.0, 10.0, 40.0] {
            krylov.advance(&mut x, t - t_now).unwrap();
            t_now = t;
            let pe = sample(&space, 1, &generators.hamiltonian, &x).rho_battery[0][0].re;
            let exact = n_occ + (p0 - n_occ) * (-0.7 * t).exp();
            assert!(
                (pe - exact).abs() < 1e-13,
                "{initial:?} t = {t}: {pe} vs {exact}"
            );
        }
    }
}

#[test]
fn one_qubit_gap_is_gamma() {
    // closed form: on the sector (populations) the only decaying eigenvalue is -gamma
    let model = Model::new(&ModelSpec {
        n: Some(1),
        gamma: Some(PerQubit::Uniform(0.7)),
        ..Default::default()
    })
    .unwrap();
    let (_, op) = operator(&model, &OperatorSpace::sector(1));
    let gap = dense(&op, ZERO_RATE, Method::Sector).unwrap();
    assert!((gap.rate.unwrap() - 0.7).abs() < 1e-14);
}

#[test]
fn propagator_arnoldi_matches_dense_eigenvalues() {
    // independent algorithms on the same matrix: dense QR eigenvalues vs Arnoldi on exp(tau L)
    for model in [individual(4), collective(4), individual(5)] {
        let (_, op) = operator(&model, &OperatorSpace::sector(model.n));
        let zero = ZERO_RATE * op.norm_inf().max(1.0);
        let reference = dense(&op, zero, Method::Sector).unwrap().rate.unwrap();
        let arnoldi = propagator_arnoldi(&op, 1.0, zero, Method::Sector).unwrap();
        let rate = arnoldi.rate.unwrap();
        assert!(
            (rate - reference).abs() < 1e-8 * reference.max(1.0),
            "N = {}: Arnoldi {rate} vs dense {reference} (residual {:e})",
            model.n,
            arnoldi.residual
        );
    }
}

#[test]
fn rational_matches_dense_exponential() {
    use super::rational::Rational;
    use crate::dicke::ShiftedDicke;
    // independent algorithms on the same matrix: the dense Pade exponential of the kept Dicke
    // unknowns' L against the shift-and-invert Krylov method, on vectors with every mode
    for (n, dissipation) in [
        (9, Dissipation::Individual),
        (21, Dissipation::Individual),
        (41, Dissipation::Individual),
        (41, Dissipation::Collective),
    ] {
        let model = crate::model::paper_star(n, dissipation);
        let sys = ShiftedDicke::new(&model, InitialState::Ground, f64::INFINITY, u64::MAX).unwrap();
        let op = sys.rows().to_complex();
        let start: Vec<f64> = (0..sys.len())
            .map(|i| ((i * 7919) % 101) as f64 / 101.0 - 0.5)
            .collect();
        let norm = start.iter().map(|v| v * v).sum::<f64>().sqrt();
        for tau in [0.05, 0.5, 2.0] {
            let reference = dense_propagate(
                &op,
                &start
                    .iter()
                    .map(|&v| c64::new(v / norm, 0.0))
                    .collect::<Vec<_>>(),
                tau,
            );
            let mut x: Vec<f64> = start.iter().map(|v| v / norm).collect();
            let mut rational = Rational::new(&sys, 1e-13 / tau, tau, Method::Symmetric);
            rational.advance(&mut x, tau).unwrap();
            let err = x
                .iter()
                .zip(&reference)
                .map(|(a, b)| (a - b.re).powi(2))
                .sum::<f64>()
                .sqrt();
            assert!(
                err < 1e-10,
                "N = {n}, tau = {tau}: rational vs dense exponential differ by {err:e} \
                 (estimate {:e}, {} solves)",
                rational.error_estimate,
                rational.work.products
            );
        }
    }
}
