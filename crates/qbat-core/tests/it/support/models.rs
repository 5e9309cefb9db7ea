//! Seeded random models for comparing solvers. The draws happen in a fixed order, so a seed
//! names the same models on every run and platform (ChaCha8).

use qbat_core::{Dissipation, Model, ModelSpec, PerQubit, Statistics, Topology};
use rand::Rng;
use rand_chacha::ChaCha8Rng;

/// `battery` for qubit 0 and `ancilla` for qubits `1..n`.
pub fn battery_and_ancillas(n: usize, battery: f64, ancilla: f64) -> PerQubit {
    let mut v = vec![ancilla; n];
    v[0] = battery;
    PerQubit::List(v)
}

/// One of star, chain, ring, complete, or a random tree on `n` qubits.
pub fn random_topology(rng: &mut ChaCha8Rng, n: usize) -> Topology {
    match rng.gen_range(0..5) {
        0 => Topology::Star,
        1 => Topology::Chain,
        2 => Topology::Ring,
        3 => Topology::Complete,
        _ => Topology::Custom((1..n).map(|b| (rng.gen_range(0..b), b)).collect()),
    }
}

/// `n` values drawn uniformly from `lo..hi`.
fn random_list(rng: &mut ChaCha8Rng, n: usize, lo: f64, hi: f64) -> Vec<f64> {
    (0..n).map(|_| rng.gen_range(lo..hi)).collect()
}

/// A Fermi model with `dissipation`: random topology, per-qubit reservoirs (one shared for
/// collective dissipation), and identical `omega0` half of the time (that is when collective
/// kernels are degenerate).
pub fn random_model(rng: &mut ChaCha8Rng, n: usize, dissipation: Dissipation) -> Model {
    let topology = random_topology(rng, n);
    let per = |rng: &mut ChaCha8Rng, lo: f64, hi: f64| match dissipation {
        Dissipation::Individual => PerQubit::List(random_list(rng, n, lo, hi)),
        Dissipation::Collective => PerQubit::Uniform(rng.gen_range(lo..hi)),
    };
    let omega0 = if rng.gen_bool(0.5) {
        PerQubit::Uniform(rng.gen_range(0.5..3.0))
    } else {
        PerQubit::List(random_list(rng, n, 0.5, 3.0))
    };
    Model::new(&ModelSpec {
        n: Some(n),
        topology: Some(topology),
        omega0: Some(omega0),
        coupling: Some(rng.gen_range(0.1..2.0)),
        dissipation: Some(dissipation),
        gamma: Some(per(rng, 0.2, 2.0)),
        temperature: Some(per(rng, 0.2, 3.0)),
        mu: Some(per(rng, -2.0, 3.0)),
        dmu: (dissipation == Dissipation::Individual).then_some(0.0),
        ..ModelSpec::default()
    })
    .unwrap()
}

/// A general individual-reservoir model: random topology, distinct `omega0`, `gamma`, `T`,
/// `mu` on every qubit (`mu < 0.5 < omega = 1` for Bose-Einstein reservoirs).
pub fn random_individual_model(rng: &mut ChaCha8Rng, n: usize, statistics: Statistics) -> Model {
    let topology = random_topology(rng, n);
    let list = |rng: &mut ChaCha8Rng, lo: f64, hi: f64| PerQubit::List(random_list(rng, n, lo, hi));
    let mu_hi = match statistics {
        Statistics::Fermi => 3.0,
        Statistics::Bose => 0.5,
    };
    Model::new(&ModelSpec {
        n: Some(n),
        topology: Some(topology),
        omega0: Some(list(rng, 0.5, 3.0)),
        coupling: Some(rng.gen_range(0.1..2.0)),
        dissipation: Some(Dissipation::Individual),
        statistics: Some(statistics),
        omega: Some(1.0),
        gamma: Some(list(rng, 0.2, 2.0)),
        temperature: Some(list(rng, 0.2, 3.0)),
        mu: Some(list(rng, -3.0, mu_hi)),
        dmu: Some(0.0),
    })
    .unwrap()
}

/// A star whose ancillas share frequency and reservoir, Bose a quarter of the time; battery
/// values drawn separately (equal to the ancillas' `omega0` half of the time, where collective
/// kernels are degenerate).
pub fn random_star(rng: &mut ChaCha8Rng, n: usize, dissipation: Dissipation) -> Model {
    let statistics = if rng.gen_bool(0.25) {
        Statistics::Bose
    } else {
        Statistics::Fermi
    };
    let omega = rng.gen_range(0.5..2.0);
    let mut mu = || match statistics {
        Statistics::Bose => omega - rng.gen_range(0.1..2.0),
        Statistics::Fermi => rng.gen_range(-2.0..3.0),
    };
    let (mu_b, mu_a) = (mu(), mu());
    let pair = |b: f64, a: f64| battery_and_ancillas(n, b, a);
    let omega_a = rng.gen_range(0.5..3.0);
    let omega_b = if rng.gen_bool(0.5) {
        omega_a
    } else {
        rng.gen_range(0.5..3.0)
    };
    let (gamma, temperature, mu) = match dissipation {
        Dissipation::Individual => (
            pair(rng.gen_range(0.2..2.0), rng.gen_range(0.2..2.0)),
            pair(rng.gen_range(0.2..3.0), rng.gen_range(0.2..3.0)),
            pair(mu_b, mu_a),
        ),
        Dissipation::Collective => (
            PerQubit::Uniform(rng.gen_range(0.2..2.0)),
            PerQubit::Uniform(rng.gen_range(0.2..3.0)),
            PerQubit::Uniform(mu_a),
        ),
    };
    Model::new(&ModelSpec {
        n: Some(n),
        omega0: Some(pair(omega_b, omega_a)),
        coupling: Some(rng.gen_range(0.1..2.0)),
        dissipation: Some(dissipation),
        statistics: Some(statistics),
        omega: Some(omega),
        gamma: Some(gamma),
        temperature: Some(temperature),
        mu: Some(mu),
        dmu: (dissipation == Dissipation::Individual).then_some(0.0),
        ..ModelSpec::default()
    })
    .unwrap()
}
