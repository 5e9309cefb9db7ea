//! Benchmarks of the symmetric (Dicke-basis) steady-state solver on the paper's model.
//!
//! `cargo bench -p qbat-core --bench symmetric`. Individual reservoirs: star, omega0 = 10,
//! J = gamma = T = 1, mu = 0, dmu = 4 (the paper's Fig. 6 setting); collective: mu = 3,
//! all-ground and maximally mixed starts.

use qbat_core::{
    steady_state, Dissipation, InitialState, Method, Model, ModelSpec, PerQubit, SteadyOptions,
};

fn main() {
    divan::main();
}

fn options(initial: InitialState) -> SteadyOptions {
    SteadyOptions::default()
        .with_method(Method::Symmetric)
        .with_initial(initial)
}

fn individual(n: usize) -> Model {
    Model::new(&ModelSpec {
        n: Some(n),
        dissipation: Some(Dissipation::Individual),
        mu: Some(PerQubit::Uniform(0.0)),
        dmu: Some(4.0),
        ..ModelSpec::default()
    })
    .unwrap()
}

fn collective(n: usize) -> Model {
    Model::new(&ModelSpec {
        n: Some(n),
        dissipation: Some(Dissipation::Collective),
        mu: Some(PerQubit::Uniform(3.0)),
        ..ModelSpec::default()
    })
    .unwrap()
}

#[divan::bench(args = [11, 101, 1001], sample_count = 5)]
fn individual_paper(bencher: divan::Bencher, n: usize) {
    let model = individual(n);
    let options = options(InitialState::Ground);
    bencher.bench(|| steady_state(divan::black_box(&model), &options).unwrap());
}

#[divan::bench(args = [101, 1001, 10001], sample_count = 5)]
fn collective_ground(bencher: divan::Bencher, n: usize) {
    let model = collective(n);
    let options = options(InitialState::Ground);
    bencher.bench(|| steady_state(divan::black_box(&model), &options).unwrap());
}

#[divan::bench(args = [101, 1001, 10001], sample_count = 3)]
fn collective_mixed(bencher: divan::Bencher, n: usize) {
    let model = collective(n);
    let options = options(InitialState::Mixed);
    bencher.bench(|| steady_state(divan::black_box(&model), &options).unwrap());
}
