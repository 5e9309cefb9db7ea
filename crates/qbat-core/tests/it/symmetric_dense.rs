//! The symmetric (Dicke-basis) solver against an independent dense construction: the full
//! `4^N x 4^N` Liouvillian built from Kronecker-free matrix products on the computational
//! basis, its steady state by a dense LU with a trace row (individual reservoirs), the
//! `t -> infinity` state by the spectral projection onto the kernel (collective reservoir), and
//! the kernel dimension, by a singular value decomposition. Seeded random parameters.

use crate::support::checks::{assert_populations_close, assert_rho_close};
use crate::support::models::battery_and_ancillas;
use faer::linalg::solvers::Solve;
use faer::{c64, Mat};
use qbat_core::{
    steady_state, Dissipation, InitialState, Method, Model, ModelSpec, PerQubit, Statistics,
    SteadyOptions, SteadyState,
};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

const Z: c64 = c64 { re: 0.0, im: 0.0 };

/// `sigma_-^i` on `n` qubits (bit `i` of a basis index set = qubit `i` excited).
fn lower(n: usize, i: usize) -> Mat<c64> {
    let d = 1 << n;
    Mat::from_fn(d, d, |r, c| {
        if c >> i & 1 == 1 && r == c ^ (1 << i) {
            c64::new(1.0, 0.0)
        } else {
            Z
        }
    })
}

fn adjoint(a: &Mat<c64>) -> Mat<c64> {
    a.adjoint().to_owned()
}

/// `H_S` and the jumps `(rate, C)` of a star model.
fn operators(model: &Model) -> (Mat<c64>, Vec<(f64, Mat<c64>)>) {
    let n = model.n();
    let d = 1 << n;
    let sm: Vec<Mat<c64>> = (0..n).map(|i| lower(n, i)).collect();
    let mut h = Mat::<c64>::zeros(d, d);
    for s in 0..d {
        let z: f64 = (0..n)
            .map(|i| model.omega0()[i] * if s >> i & 1 == 1 { 1.0 } else { -1.0 })
            .sum();
        h[(s, s)] = c64::new(z, 0.0);
    }
    for &(a, b) in model.edges() {
        let hop = &adjoint(&sm[a]) * &sm[b];
        h = &h + &(&hop + &adjoint(&hop)) * faer::Scale(c64::new(model.coupling(), 0.0));
    }
    let st = model.statistics();
    let mut jumps = Vec::new();
    match model.dissipation() {
        Dissipation::Collective => {
            let r = &model.reservoirs()[0];
            let mut total = Mat::<c64>::zeros(d, d);
            for op in &sm {
                total = &total + op;
            }
            jumps.push((r.rate_down(st), total.clone()));
            jumps.push((r.rate_up(), adjoint(&total)));
        }
        Dissipation::Individual => {
            for (i, r) in model.reservoirs().iter().enumerate() {
                jumps.push((r.rate_down(st), sm[i].clone()));
                jumps.push((r.rate_up(), adjoint(&sm[i])));
            }
        }
    }
    (h, jumps)
}

/// The Liouvillian on `vec(rho)[i + j d] = rho[i, j]`:
/// `L e_kl = G|k><l| + |k><l|G^dag + sum rate C|k><l|C^dag`, `G = -iH - (1/2) sum rate C^dag C`.
fn liouvillian(h: &Mat<c64>, jumps: &[(f64, Mat<c64>)]) -> Mat<c64> {
    let d = h.nrows();
    let mut g = h * faer::Scale(c64::new(0.0, -1.0));
    for (rate, c) in jumps {
        g = &g - &(&adjoint(c) * c) * faer::Scale(c64::new(0.5 * rate, 0.0));
    }
    let mut l = Mat::<c64>::zeros(d * d, d * d);
    for k in 0..d {
        for q in 0..d {
            let col = k + q * d;
            for i in 0..d {
                l[(i + q * d, col)] += g[(i, k)];
                l[(k + i * d, col)] += g[(i, q)].conj();
            }
            for (rate, c) in jumps {
                for i in 0..d {
                    if c[(i, k)] == Z {
                        continue;
                    }
                    for j in 0..d {
                        l[(i + j * d, col)] += c[(i, k)] * c[(j, q)].conj() * *rate;
                    }
                }
            }
        }
    }
    l
}

/// Battery `rho` in `(|e>, |g>)`, every qubit's excited population, `tr(rho H)`.
fn reduce(rho: &[c64], h: &Mat<c64>, n: usize) -> ([[c64; 2]; 2], Vec<f64>, f64) {
    let d = 1 << n;
    let mut rb = [[Z; 2]; 2];
    let mut pops = vec![0.0; n];
    for s in 0..d {
        let p = rho[s + s * d];
        for (q, pop) in pops.iter_mut().enumerate() {
            if s >> q & 1 == 1 {
                *pop += p.re;
            }
        }
        let (e, other) = (s & 1, s ^ 1);
        rb[1 - e][1 - e] += p;
        rb[1 - e][e] += rho[s + other * d];
    }
    let mut energy = Z;
    for i in 0..d {
        for j in 0..d {
            energy += rho[i + j * d] * h[(j, i)];
        }
    }
    (rb, pops, energy.re)
}

/// The unique steady state: row 0 of `L` replaced by the trace row.
fn dense_steady(l: &Mat<c64>, d: usize) -> Vec<c64> {
    let mut a = l.clone();
    for c in 0..d * d {
        a[(0, c)] = Z;
    }
    for s in 0..d {
        a[(0, s + s * d)] = c64::new(1.0, 0.0);
    }
    let mut rhs = Mat::<c64>::zeros(d * d, 1);
    rhs[(0, 0)] = c64::new(1.0, 0.0);
    let x = a.partial_piv_lu().solve(&rhs);
    (0..d * d).map(|i| x[(i, 0)]).collect()
}

/// The `t -> infinity` state from `x0`: the spectral projection onto the kernel of `L` along
/// its range, `V (W^dag V)^{-1} W^dag x0`, with `V` and `W` the right and left singular
/// vectors of the zero singular values (the zero eigenvalue of a Lindbladian is semisimple;
/// the initial states used here have no overlap with oscillating modes).
fn long_time(l: &Mat<c64>, x0: &[c64]) -> Vec<c64> {
    let svd = l.svd().unwrap();
    let s = svd.S().column_vector();
    let dim = l.nrows();
    let max = (0..dim).map(|i| s[i].re).fold(0.0, f64::max);
    let zero: Vec<usize> = (0..dim).filter(|&i| s[i].re < 1e-10 * max).collect();
    let k = zero.len();
    let v = Mat::from_fn(dim, k, |r, c| svd.V()[(r, zero[c])]);
    let w = Mat::from_fn(dim, k, |r, c| svd.U()[(r, zero[c])]);
    let x = Mat::from_fn(dim, 1, |i, _| x0[i]);
    let wv = w.adjoint() * &v;
    let coefficients = wv.partial_piv_lu().solve(w.adjoint() * &x);
    let y = &v * &coefficients;
    (0..dim).map(|i| y[(i, 0)]).collect()
}

fn kernel_dim(l: &Mat<c64>) -> usize {
    let s = l.singular_values().unwrap();
    let max = s.iter().cloned().fold(0.0, f64::max);
    s.iter().filter(|&&v| v < 1e-10 * max).count()
}

fn assert_matches(s: &SteadyState, rb: &[[c64; 2]; 2], pops: &[f64], energy: f64, what: &str) {
    assert_rho_close(&s.rho_battery, rb, 1e-10, what);
    assert_populations_close(&s.excited_populations, pops, 1e-10, what);
    assert!(
        (s.energy_total - energy).abs() < 1e-10 * energy.abs().max(1.0),
        "{what}: energy {} vs {energy}",
        s.energy_total
    );
    assert!(
        s.diagnostics.residual < 1e-12,
        "{what}: residual {}",
        s.diagnostics.residual
    );
    assert!(
        s.diagnostics.min_eigenvalue > -1e-13,
        "{what}: min eigenvalue"
    );
}

struct Draw {
    omega0: (f64, f64),
    coupling: f64,
    omega: f64,
    statistics: Statistics,
    gamma: (f64, f64),
    temperature: (f64, f64),
    mu: (f64, f64),
}

fn draw(rng: &mut ChaCha8Rng) -> Draw {
    let statistics = if rng.gen_bool(0.3) {
        Statistics::Bose
    } else {
        Statistics::Fermi
    };
    let omega = rng.gen_range(0.5..2.0);
    // Bose-Einstein needs mu < omega
    let mut mu = || {
        if statistics == Statistics::Bose {
            omega - rng.gen_range(0.1..2.0)
        } else {
            rng.gen_range(-1.0..4.0)
        }
    };
    let mu = (mu(), mu());
    Draw {
        omega0: (rng.gen_range(5.0..12.0), rng.gen_range(5.0..12.0)),
        coupling: rng.gen_range(0.2..3.0),
        omega,
        statistics,
        gamma: (rng.gen_range(0.3..1.5), rng.gen_range(0.3..1.5)),
        temperature: (rng.gen_range(0.3..2.0), rng.gen_range(0.3..2.0)),
        mu,
    }
}

fn individual(n: usize, p: &Draw) -> Model {
    let per = |(b, a): (f64, f64)| battery_and_ancillas(n, b, a);
    Model::new(&ModelSpec {
        n: Some(n),
        omega0: Some(per(p.omega0)),
        coupling: Some(p.coupling),
        dissipation: Some(Dissipation::Individual),
        statistics: Some(p.statistics),
        omega: Some(p.omega),
        gamma: Some(per(p.gamma)),
        temperature: Some(per(p.temperature)),
        mu: Some(per(p.mu)),
        dmu: Some(0.0),
        ..Default::default()
    })
    .unwrap()
}

fn options(initial: InitialState) -> SteadyOptions {
    crate::support::options(Method::Symmetric, initial)
}

#[test]
fn individual_matches_dense_steady_state() {
    let mut rng = ChaCha8Rng::seed_from_u64(7);
    for n in 1..=5 {
        for _ in 0..if n < 5 { 3 } else { 1 } {
            let p = draw(&mut rng);
            let model = individual(n, &p);
            let (h, jumps) = operators(&model);
            let l = liouvillian(&h, &jumps);
            let rho = dense_steady(&l, 1 << n);
            let (rb, pops, energy) = reduce(&rho, &h, n);
            let s = steady_state(&model, &options(InitialState::Ground)).unwrap();
            assert_matches(&s, &rb, &pops, energy, &format!("individual N {n}"));
            if n <= 3 {
                assert_eq!(s.diagnostics.kernel_dim, Some(kernel_dim(&l)), "N {n}");
            }
        }
    }
}

/// At zero temperature some rates vanish (n = 0 or 1 exactly); the state stays unique.
#[test]
fn individual_zero_temperature_matches_dense() {
    for (mu_b, mu_a) in [(0.0, 3.0), (3.0, 0.0), (0.0, 0.0)] {
        let p = Draw {
            omega0: (10.0, 9.0),
            coupling: 1.3,
            omega: 1.0,
            statistics: Statistics::Fermi,
            gamma: (1.0, 0.7),
            temperature: (0.0, 0.0),
            mu: (mu_b, mu_a),
        };
        for n in 2..=4 {
            let model = individual(n, &p);
            let (h, jumps) = operators(&model);
            let l = liouvillian(&h, &jumps);
            let (rb, pops, energy) = reduce(&dense_steady(&l, 1 << n), &h, n);
            let s = steady_state(&model, &options(InitialState::Ground)).unwrap();
            assert_matches(
                &s,
                &rb,
                &pops,
                energy,
                &format!("T = 0, N {n}, mu {mu_b} {mu_a}"),
            );
            assert_eq!(kernel_dim(&l), 1);
        }
    }
}

fn collective(
    n: usize,
    omega0: (f64, f64),
    coupling: f64,
    statistics: Statistics,
    mu: f64,
) -> Model {
    Model::new(&ModelSpec {
        n: Some(n),
        omega0: Some(battery_and_ancillas(n, omega0.0, omega0.1)),
        coupling: Some(coupling),
        dissipation: Some(Dissipation::Collective),
        statistics: Some(statistics),
        omega: Some(1.0),
        gamma: Some(PerQubit::Uniform(0.8)),
        temperature: Some(PerQubit::Uniform(1.1)),
        mu: Some(PerQubit::Uniform(mu)),
        ..Default::default()
    })
    .unwrap()
}

fn initial_vector(initial: InitialState, n: usize) -> Vec<c64> {
    let d = 1 << n;
    let mut x = vec![Z; d * d];
    match initial {
        InitialState::Ground => x[0] = c64::new(1.0, 0.0),
        InitialState::Excited => x[(d - 1) * (d + 1)] = c64::new(1.0, 0.0),
        InitialState::Mixed => {
            for s in 0..d {
                x[s * (d + 1)] = c64::new(1.0 / d as f64, 0.0);
            }
        }
    }
    x
}

/// Equal and unequal frequencies, with and without coupling (two conserved irreps per block at
/// `J = 0`, a dark singlet at `j = 1/2`), Fermi and Bose, all three initial states.
#[test]
fn collective_matches_dense_long_time_state() {
    let cases = [
        ((10.0, 10.0), 1.0, Statistics::Fermi, 2.5),
        ((10.0, 10.0), 0.0, Statistics::Fermi, 0.3),
        ((10.0, 8.5), 0.7, Statistics::Fermi, 1.7),
        ((9.0, 9.0), 1.4, Statistics::Bose, 0.2),
    ];
    for n in 1..=4 {
        for &(omega0, coupling, statistics, mu) in &cases {
            let model = collective(n, omega0, coupling, statistics, mu);
            let (h, jumps) = operators(&model);
            let l = liouvillian(&h, &jumps);
            for initial in [
                InitialState::Ground,
                InitialState::Excited,
                InitialState::Mixed,
            ] {
                let what =
                    format!("collective N {n} {omega0:?} J {coupling} {statistics:?} {initial:?}");
                let rho = long_time(&l, &initial_vector(initial, n));
                let (rb, pops, energy) = reduce(&rho, &h, n);
                let s = steady_state(&model, &options(initial)).unwrap();
                assert_matches(&s, &rb, &pops, energy, &what);
                assert_eq!(s.diagnostics.kernel_dim, Some(kernel_dim(&l)), "{what}");
            }
        }
    }
}

/// At zero temperature (`n = 0`) the collective state is the lowest state of each block.
#[test]
fn collective_zero_temperature_matches_dense() {
    for n in 2..=4 {
        for omega0 in [(10.0, 10.0), (10.0, 9.0)] {
            // the model of `collective` at T = 0, where the Fermi occupation is exactly 0
            let model = Model::new(&ModelSpec {
                n: Some(n),
                omega0: Some(battery_and_ancillas(n, omega0.0, omega0.1)),
                coupling: Some(0.9),
                dissipation: Some(Dissipation::Collective),
                statistics: Some(Statistics::Fermi),
                omega: Some(1.0),
                gamma: Some(PerQubit::Uniform(0.8)),
                temperature: Some(PerQubit::Uniform(0.0)),
                mu: Some(PerQubit::Uniform(0.0)),
                ..Default::default()
            })
            .unwrap();
            assert_eq!(model.reservoirs()[0].temperature, 0.0);
            assert_eq!(model.reservoirs()[0].occupation, 0.0);
            let (h, jumps) = operators(&model);
            let l = liouvillian(&h, &jumps);
            for initial in [InitialState::Excited, InitialState::Mixed] {
                let what = format!("T = 0, N {n} {omega0:?} {initial:?}");
                let rho = long_time(&l, &initial_vector(initial, n));
                let (rb, pops, energy) = reduce(&rho, &h, n);
                let s = steady_state(&model, &options(initial)).unwrap();
                assert_matches(&s, &rb, &pops, energy, &what);
                assert_eq!(s.diagnostics.kernel_dim, None, "{what}");
            }
        }
    }
}
