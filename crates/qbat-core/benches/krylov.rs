//! The Krylov sector solver on a general model (the paper's star with a distinct mu on every
//! qubit, so no permutation symmetry): `cargo bench -p qbat-core --bench krylov`.
//!
//! `Method::Sector` uses sparse LU up to N = 8; a memory limit below the LU's estimate (and
//! above the Krylov solver's) routes it to the Krylov solver, which is what is timed here.

use qbat_core::{memory_estimate, steady_state, Method, Model, ModelSpec, PerQubit, SteadyOptions};

fn main() {
    divan::main();
}

/// Battery at mu = 0, ancillas at distinct mu_i = 1.5 + 2.5 (i - 1)/(N - 2).
fn general_star(n: usize) -> Model {
    let mu = (0..n)
        .map(|i| match i {
            0 => 0.0,
            _ => 1.5 + 2.5 * (i - 1) as f64 / (n - 2) as f64,
        })
        .collect();
    Model::new(&ModelSpec {
        n: Some(n),
        mu: Some(PerQubit::List(mu)),
        dmu: Some(0.0),
        ..ModelSpec::default()
    })
    .unwrap()
}

#[divan::bench(args = [6, 8], sample_count = 10, sample_size = 1)]
fn general_star_sector_krylov(bencher: divan::Bencher, n: usize) {
    let model = general_star(n);
    let lu_bytes = memory_estimate(&model, Method::Sector);
    let options = SteadyOptions::default()
        .with_method(Method::Sector)
        .with_memory_limit(lu_bytes - 1);
    let probe = steady_state(&model, &options).unwrap();
    assert!(
        probe.diagnostics.iterations.is_some(),
        "not the Krylov route"
    );
    bencher.bench(|| steady_state(divan::black_box(&model), &options).unwrap());
}
