//! Tests of the ergotropy routines: closed forms, brute-force searches and cross-checks
//! between the general `d`-level routine and the qubit closed form.

use faer::{Mat, MatRef, Side};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use super::*;
use crate::c64;

fn zero() -> c64 {
    c64::new(0.0, 0.0)
}

fn real_diag(values: &[f64]) -> Mat<c64> {
    let d = values.len();
    Mat::from_fn(d, d, |i, j| {
        if i == j {
            c64::new(values[i], 0.0)
        } else {
            zero()
        }
    })
}

fn gaussian(rng: &mut ChaCha8Rng) -> f64 {
    // Box-Muller: rand 0.8 without rand_distr
    let u: f64 = rng.gen_range(f64::EPSILON..1.0);
    let v: f64 = rng.gen();
    (-2.0 * u.ln()).sqrt() * (std::f64::consts::TAU * v).cos()
}

fn ginibre(rng: &mut ChaCha8Rng, d: usize) -> Mat<c64> {
    Mat::from_fn(d, d, |_, _| c64::new(gaussian(rng), gaussian(rng)))
}

/// A random density matrix `G G^dag / tr(G G^dag)` (full rank almost surely).
fn random_state(rng: &mut ChaCha8Rng, d: usize) -> Mat<c64> {
    let g = ginibre(rng, d);
    let rho = &g * g.adjoint();
    let t: f64 = (0..d).map(|i| rho[(i, i)].re).sum();
    Mat::from_fn(d, d, |i, j| rho[(i, j)] / t)
}

fn random_hermitian(rng: &mut ChaCha8Rng, d: usize) -> Mat<c64> {
    let g = ginibre(rng, d);
    Mat::from_fn(d, d, |i, j| (g[(i, j)] + g[(j, i)].conj()) * 0.5)
}

/// `exp(i K)` for a random Hermitian `K`: a random unitary.
fn random_unitary(rng: &mut ChaCha8Rng, d: usize) -> Mat<c64> {
    let k = random_hermitian(rng, d);
    let evd = k.self_adjoint_eigen(Side::Lower).unwrap();
    let (v, s) = (evd.U(), evd.S().column_vector());
    let phase = Mat::from_fn(d, d, |i, j| {
        if i == j {
            let t = 3.0 * s[i].re;
            c64::new(t.cos(), t.sin())
        } else {
            zero()
        }
    });
    v * phase * v.adjoint()
}

fn energy(rho: MatRef<'_, c64>, h: MatRef<'_, c64>) -> f64 {
    let p = rho * h;
    (0..rho.nrows()).map(|i| p[(i, i)].re).sum()
}

fn spectrum(a: MatRef<'_, c64>) -> Vec<f64> {
    a.self_adjoint_eigenvalues(Side::Lower).unwrap()
}

fn permutations(d: usize) -> Vec<Vec<usize>> {
    if d == 0 {
        return vec![vec![]];
    }
    let mut out = Vec::new();
    for p in permutations(d - 1) {
        for pos in 0..=p.len() {
            let mut q = p.clone();
            q.insert(pos, d - 1);
            out.push(q);
        }
    }
    out
}

/// The smallest energy over every assignment of populations to levels (brute force).
fn min_over_permutations(populations: &[f64], energies: &[f64]) -> f64 {
    permutations(populations.len())
        .iter()
        .map(|p| {
            p.iter()
                .enumerate()
                .map(|(k, &i)| populations[i] * energies[k])
                .sum::<f64>()
        })
        .fold(f64::INFINITY, f64::min)
}

#[test]
fn thermal_states_have_zero_ergotropy() {
    // closed form: a Gibbs state exp(-beta H)/Z is passive for beta >= 0
    let mut rng = ChaCha8Rng::seed_from_u64(1);
    for d in 2..=5 {
        for beta in [0.0, 0.3, 1.0, 5.0] {
            let h = random_hermitian(&mut rng, d);
            let evd = h.self_adjoint_eigen(Side::Lower).unwrap();
            let s = evd.S().column_vector();
            let z: f64 = (0..d).map(|k| (-beta * s[k].re).exp()).sum();
            let boltzmann: Vec<f64> = (0..d).map(|k| (-beta * s[k].re).exp() / z).collect();
            let rho = evd.U() * real_diag(&boltzmann) * evd.U().adjoint();
            let parts = ergotropy_parts(rho.as_ref(), h.as_ref()).unwrap();
            assert!(parts.total < 1e-12, "d={d} beta={beta}: {parts:?}");
            assert!(
                parts.incoherent < 1e-12 && parts.coherent < 1e-12,
                "{parts:?}"
            );
        }
    }
    // qubit: p_e = 1/(exp(2 beta omega0) + 1) for H = omega0 sigma_z
    for (omega0, beta) in [(10.0f64, 0.1), (1.0, 2.0), (-3.0, 0.5), (10.0, 0.0)] {
        let p = 1.0 / ((2.0 * beta * omega0).exp() + 1.0);
        let rho = [[c64::new(p, 0.0), zero()], [zero(), c64::new(1.0 - p, 0.0)]];
        let obs = battery_observables(&rho, omega0);
        assert_eq!(obs.w, 0.0, "omega0={omega0} beta={beta}");
        assert_eq!(obs.ergotropy_coherent, 0.0);
    }
}

#[test]
fn pure_excited_state_has_w_one() {
    // closed form: all of E_max = 2 omega0 is extractable from |e>
    for omega0 in [10.0, 1.0, 0.25] {
        let rho = [[c64::new(1.0, 0.0), zero()], [zero(), zero()]];
        let obs = battery_observables(&rho, omega0);
        assert_eq!(obs.w, 1.0);
        assert_eq!(obs.ergotropy, 2.0 * omega0);
        assert_eq!(obs.ergotropy_incoherent, 2.0 * omega0);
        assert_eq!(obs.ergotropy_coherent, 0.0);
        assert_eq!(obs.purity, 1.0);
        let h = real_diag(&[omega0, -omega0]);
        let w = ergotropy(real_diag(&[1.0, 0.0]).as_ref(), h.as_ref()).unwrap();
        assert!((w - 2.0 * omega0).abs() < 1e-12 * omega0);
    }
    // the top level of a d-level system: ergotropy e_max - e_min
    let h = real_diag(&[0.0, 1.0, 3.0, 7.5]);
    let w = ergotropy(real_diag(&[0.0, 0.0, 0.0, 1.0]).as_ref(), h.as_ref()).unwrap();
    assert!((w - 7.5).abs() < 1e-12);
}

#[test]
fn diagonal_qubit_w_is_max_zero_two_n_minus_one() {
    // closed form: rho = diag(n, 1 - n) has W = max(0, 2n - 1), all of it incoherent
    for k in 0..=40 {
        let n = k as f64 / 40.0;
        let rho = [[c64::new(n, 0.0), zero()], [zero(), c64::new(1.0 - n, 0.0)]];
        let obs = battery_observables(&rho, 10.0);
        let expected = (2.0 * n - 1.0).max(0.0);
        assert!(
            (obs.w - expected).abs() < 1e-15,
            "n={n}: {} vs {expected}",
            obs.w
        );
        assert_eq!(obs.ergotropy_coherent, 0.0);
        assert!((obs.energy_battery - 10.0 * (2.0 * n - 1.0)).abs() < 1e-13);
        assert_eq!(obs.excited_population, n);
    }
}

#[test]
fn random_states_match_brute_force() {
    let mut rng = ChaCha8Rng::seed_from_u64(2);
    for d in 2..=4 {
        for _ in 0..20 {
            let rho = random_state(&mut rng, d);
            let h = random_hermitian(&mut rng, d);
            let e = energy(rho.as_ref(), h.as_ref());
            let w = ergotropy(rho.as_ref(), h.as_ref()).unwrap();
            let passive = e - w;
            let (r, eps) = (spectrum(rho.as_ref()), spectrum(h.as_ref()));
            // brute force over every assignment of rho's eigenvalues to H's levels
            let brute = min_over_permutations(&r, &eps);
            assert!(
                (passive - brute).abs() < 1e-12,
                "d={d}: {passive} vs {brute}"
            );
            // no sampled unitary gets below the passive energy
            for _ in 0..200 {
                let u = random_unitary(&mut rng, d);
                let moved = &u * &rho * u.adjoint();
                let em = energy(moved.as_ref(), h.as_ref());
                assert!(
                    em >= passive - 1e-12,
                    "d={d}: unitary reached {em} < {passive}"
                );
            }
            // and the unitary mapping rho's eigenvectors (decreasing) onto H's (increasing)
            // reaches it: the bound is attained
            let er = rho.self_adjoint_eigen(Side::Lower).unwrap();
            let eh = h.self_adjoint_eigen(Side::Lower).unwrap();
            let reverse = Mat::from_fn(d, d, |i, j| {
                if i + j == d - 1 {
                    c64::new(1.0, 0.0)
                } else {
                    zero()
                }
            });
            let u = eh.U() * &reverse * er.U().adjoint();
            let best = &u * &rho * u.adjoint();
            let eb = energy(best.as_ref(), h.as_ref());
            assert!((eb - passive).abs() < 1e-12, "d={d}: {eb} vs {passive}");
        }
    }
}

#[test]
fn parts_add_up_and_incoherent_is_dephased_ergotropy() {
    let mut rng = ChaCha8Rng::seed_from_u64(3);
    for d in 2..=4 {
        for _ in 0..20 {
            let rho = random_state(&mut rng, d);
            let h = random_hermitian(&mut rng, d);
            let parts = ergotropy_parts(rho.as_ref(), h.as_ref()).unwrap();
            assert!(
                parts.incoherent >= 0.0 && parts.coherent >= 0.0,
                "{parts:?}"
            );
            assert!((parts.incoherent + parts.coherent - parts.total).abs() < 1e-12);
            let w = ergotropy(rho.as_ref(), h.as_ref()).unwrap();
            assert!((parts.total - w).abs() < 1e-13);
            // independent route: populations of rho in H's eigenbasis, brute-force passive
            // energy of those populations (random H is non-degenerate almost surely)
            let eh = h.self_adjoint_eigen(Side::Lower).unwrap();
            let in_basis = eh.U().adjoint() * &rho * eh.U();
            let pops: Vec<f64> = (0..d).map(|i| in_basis[(i, i)].re).collect();
            let eps: Vec<f64> = (0..d).map(|i| eh.S().column_vector()[i].re).collect();
            let e: f64 = pops.iter().zip(&eps).map(|(p, e)| p * e).sum();
            let incoherent = e - min_over_permutations(&pops, &eps);
            assert!(
                (parts.incoherent - incoherent).abs() < 1e-12,
                "{parts:?} vs {incoherent}"
            );
        }
    }
}

#[test]
fn qubit_closed_form_matches_general_routine() {
    let mut rng = ChaCha8Rng::seed_from_u64(4);
    for omega0 in [10.0, 1.0, -2.5] {
        for _ in 0..50 {
            let rho = random_state(&mut rng, 2);
            let arr = [[rho[(0, 0)], rho[(0, 1)]], [rho[(1, 0)], rho[(1, 1)]]];
            let obs = battery_observables(&arr, omega0);
            let h = real_diag(&[omega0, -omega0]);
            let parts = ergotropy_parts(rho.as_ref(), h.as_ref()).unwrap();
            let tol = 1e-13 * omega0.abs();
            assert!(
                (obs.ergotropy - parts.total).abs() < tol,
                "{obs:?} vs {parts:?}"
            );
            assert!((obs.ergotropy_incoherent - parts.incoherent).abs() < tol);
            assert!((obs.ergotropy_coherent - parts.coherent).abs() < tol);
            assert!((obs.energy_battery - parts.energy).abs() < tol);
            assert!((obs.w - parts.total / (2.0 * omega0.abs())).abs() < 1e-13);
            assert!((obs.purity - purity(rho.as_ref())).abs() < 1e-14);
            assert!((0.0..=1.0).contains(&obs.w));
        }
    }
    // omega0 = 0: nothing stored, W defined as 0
    let half = c64::new(0.5, 0.0);
    assert_eq!(
        battery_observables(&[[half, half], [half, half]], 0.0).w,
        0.0
    );
}

#[test]
fn dephasing_keeps_coherence_inside_degenerate_levels() {
    // H = diag(0, 0, 1): a superposition of the two ground states is passive (closed form)
    let h = real_diag(&[0.0, 0.0, 1.0]);
    let s = std::f64::consts::FRAC_1_SQRT_2;
    let psi = [s, s, 0.0];
    let rho = Mat::from_fn(3, 3, |i, j| c64::new(psi[i] * psi[j], 0.0));
    let parts = ergotropy_parts(rho.as_ref(), h.as_ref()).unwrap();
    assert!(
        parts.total.abs() < 1e-15 && parts.coherent.abs() < 1e-15,
        "{parts:?}"
    );
    // (|0> + |2>)/sqrt(2): energy 1/2, passive energy 0; its dephased state diag(1/2, 0, 1/2)
    // can move the upper half into the empty ground level, so all of it is incoherent
    let psi = [s, 0.0, s];
    let rho = Mat::from_fn(3, 3, |i, j| c64::new(psi[i] * psi[j], 0.0));
    let parts = ergotropy_parts(rho.as_ref(), h.as_ref()).unwrap();
    assert!((parts.total - 0.5).abs() < 1e-14, "{parts:?}");
    assert!((parts.incoherent - 0.5).abs() < 1e-14 && parts.coherent < 1e-14);
}

#[test]
fn purity_limits_and_passive_energy_order() {
    // closed forms: a pure state has purity 1, I/d has 1/d
    assert!((purity(real_diag(&[1.0, 0.0, 0.0]).as_ref()) - 1.0).abs() < 1e-15);
    assert!((purity(real_diag(&[0.25; 4]).as_ref()) - 0.25).abs() < 1e-15);
    // inputs in any order: largest population on the lowest energy
    assert_eq!(
        passive_energy(&[0.1, 0.7, 0.2], &[5.0, -1.0, 2.0]),
        -0.7 + 0.2 * 2.0 + 0.1 * 5.0
    );
}

#[test]
fn non_finite_input_is_an_error() {
    let h = real_diag(&[1.0, -1.0]);
    let rho = real_diag(&[f64::NAN, 0.5]);
    assert_eq!(
        ergotropy(rho.as_ref(), h.as_ref()),
        Err(ErgotropyError::NonFinite {
            matrix: "rho",
            row: 0,
            col: 0
        })
    );
    let h = real_diag(&[f64::INFINITY, -1.0]);
    assert!(ergotropy_parts(real_diag(&[0.5, 0.5]).as_ref(), h.as_ref()).is_err());
}
