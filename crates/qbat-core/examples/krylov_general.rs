//! Times the Krylov sector solver on a general model: the paper's star (omega0 = 10, J = 1,
//! gamma = 1, T = 1) with a distinct chemical potential on every qubit,
//! the battery at `mu_0 = 0` and the ancillas at `mu_i = 1.5 + 2.5 (i - 1)/(N - 2)`.
//!
//! `cargo run --release -p qbat-core --example krylov_general -- 10 12`
//!
//! A memory limit below the sparse LU's estimate makes `Method::Sector` take the Krylov route
//! for N <= 8 as well.

use qbat_core::{steady_state, Method, Model, ModelSpec, PerQubit, SteadyOptions};

fn main() {
    let ns: Vec<usize> = std::env::args()
        .skip(1)
        .map(|a| a.parse().expect("N"))
        .collect();
    for n in if ns.is_empty() { vec![6, 8, 10] } else { ns } {
        let mu: Vec<f64> = (0..n)
            .map(|i| match i {
                0 => 0.0,
                _ => 1.5 + 2.5 * (i - 1) as f64 / (n.max(3) - 2) as f64,
            })
            .collect();
        let model = Model::new(&ModelSpec {
            n: Some(n),
            mu: Some(PerQubit::List(mu)),
            dmu: Some(0.0),
            ..ModelSpec::default()
        })
        .expect("model");
        let sector_lu = 16.0 * binomial(2 * n, n).powi(2);
        let options = SteadyOptions::default()
            .with_method(Method::Sector)
            .with_memory_limit((sector_lu / 4.0) as u64);
        match steady_state(&model, &options) {
            Ok(state) => {
                let d = &state.diagnostics;
                let rho_ee = state.rho_battery[0][0].re;
                println!(
                    "N = {n:2}: {:.3} s, {} iterations, unknowns {}, W = {:.12}, ||L rho|| = {:.2e}, \
                     min eig = {:.2e}, trace err = {:.1e}",
                    d.seconds,
                    d.iterations.unwrap_or(0),
                    d.unknowns,
                    (2.0 * rho_ee - 1.0).max(0.0),
                    d.residual,
                    d.min_eigenvalue,
                    d.trace_error
                );
            }
            Err(e) => println!("N = {n:2}: error: {e}"),
        }
    }
}

/// `C(n, k)` as a float (the sector's dimension is `C(2N, N)`).
fn binomial(n: usize, k: usize) -> f64 {
    let k = k.min(n - k);
    (0..k).fold(1.0, |acc, i| acc * (n - i) as f64 / (i + 1) as f64)
}
