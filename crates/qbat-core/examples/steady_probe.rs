//! Solves one model and prints the result and diagnostics; for timing and peak-memory
//! measurements (`/usr/bin/time -v`).
//!
//! `cargo run --release -p qbat-core --example steady_probe -- N METHOD [collective] [chain]`
//! with METHOD one of auto, full, sector, symmetric. Other parameters: the paper's defaults.

use qbat_core::{
    memory_estimate, steady_state, Dissipation, Method, Model, ModelSpec, SteadyOptions, Topology,
};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let n: usize = args.first().map_or(3, |a| a.parse().expect("N"));
    let method: Method = args
        .get(1)
        .map_or("auto", String::as_str)
        .parse()
        .unwrap_or_else(|e| panic!("{e}"));
    let collective = args.iter().any(|a| a == "collective");
    let chain = args.iter().any(|a| a == "chain");
    let model = Model::new(&ModelSpec {
        n: Some(n),
        dissipation: Some(if collective {
            Dissipation::Collective
        } else {
            Dissipation::Individual
        }),
        topology: chain.then_some(Topology::Chain),
        mu: collective.then_some(3.0.into()),
        ..ModelSpec::default()
    })
    .expect("model");
    let options = SteadyOptions::default().with_method(method);
    println!(
        "N = {n}, method = {}, estimate = {:.3} GB",
        method,
        memory_estimate(&model, method) as f64 / 1e9
    );
    match steady_state(&model, &options) {
        Ok(state) => {
            let d = &state.diagnostics;
            println!(
                "p_e = {:.15}, energy = {:.12}, populations = {:?}",
                state.excited_populations[0], state.energy_total, state.excited_populations
            );
            println!(
                "method = {}, unknowns = {}, seconds = {:.3}, residual = {:.2e}, min_eig = {:.2e}, \
                 trace_err = {:.1e}, herm_err = {:.1e}, kernel_dim = {:?}",
                d.method.name(),
                d.unknowns,
                d.seconds,
                d.residual,
                d.min_eigenvalue,
                d.trace_error,
                d.hermiticity_error,
                d.kernel_dim
            );
            println!("reason: {}", d.reason);
        }
        Err(e) => println!("error: {e}"),
    }
}
