//! Times the symmetric solver on the paper's model with many qubits.
//!
//! `cargo run --release -p qbat-core --example symmetric_large -- N [individual|collective]
//! [ground|excited|mixed]`: star, omega0 = 10, J = 1, gamma = 1, T = 1, mu = 0 and dmu = 4
//! (individual) or mu = 3 (collective). Prints W, the populations and the diagnostics.

use qbat_core::{
    battery_observables, steady_state, Dissipation, InitialState, Method, Model, ModelSpec,
    PerQubit, SteadyOptions,
};
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let n: usize = args.get(1).map_or(1001, |a| a.parse().expect("N"));
    let dissipation: Dissipation = args
        .get(2)
        .map_or("individual", String::as_str)
        .parse()
        .unwrap_or_else(|e| panic!("{e}"));
    let collective = dissipation == Dissipation::Collective;
    let initial: InitialState = args
        .get(3)
        .map_or("ground", String::as_str)
        .parse()
        .unwrap_or_else(|e| panic!("{e}"));
    let spec = if collective {
        ModelSpec {
            n: Some(n),
            dissipation: Some(Dissipation::Collective),
            mu: Some(PerQubit::Uniform(3.0)),
            ..Default::default()
        }
    } else {
        ModelSpec {
            n: Some(n),
            dissipation: Some(Dissipation::Individual),
            mu: Some(PerQubit::Uniform(0.0)),
            dmu: Some(4.0),
            ..Default::default()
        }
    };
    let model = Model::new(&spec).expect("valid model");
    let options = SteadyOptions::default()
        .with_method(Method::Symmetric)
        .with_initial(initial);
    let start = Instant::now();
    let state = steady_state(&model, &options).expect("solved");
    let wall = start.elapsed().as_secs_f64();
    let obs = battery_observables(&state.rho_battery, model.omega0()[0]);
    let d = &state.diagnostics;
    println!(
        "N {n} {} W {:.12} battery {:.12} ancilla {:.12} energy {:.10e}",
        dissipation,
        obs.w,
        state.excited_populations[0],
        state
            .excited_populations
            .get(1)
            .copied()
            .unwrap_or(f64::NAN),
        state.energy_total
    );
    println!(
        "unknowns {} residual {:.3e} min_eig {:.3e} trace_err {:.1e} kernel {:?} solve {:.3} s wall {:.3} s",
        d.unknowns, d.residual, d.min_eigenvalue, d.trace_error, d.kernel_dim, d.seconds, wall
    );
}
