//! Wall time of `evolve` over t in [0, 50 / gamma] (101 samples), split into steady state,
//! integration and gap, for the paper's Fig. 6 parameters (individual: mu = 0, dmu = 4;
//! collective: mu = 3). Run in release:
//! `cargo run --release -p qbat-core --example evolve_timing [N_MAX [FULL_MAX [N_SYMMETRIC...]]]`
//! (defaults 8, 6, none): sector and symmetric for N = 3..=N_MAX, full up to FULL_MAX, then
//! symmetric only for each extra N.

use qbat_core::{evolve, EvolveOptions};
use qbat_core::{Dissipation, Method, Model, ModelSpec, PerQubit};

fn run(dissipation: Dissipation, n: usize, method: Method) {
    let collective = dissipation == Dissipation::Collective;
    let model = Model::new(&ModelSpec {
        n: Some(n),
        dissipation: Some(dissipation),
        mu: Some(PerQubit::Uniform(if collective { 3.0 } else { 0.0 })),
        dmu: (!collective).then_some(4.0),
        ..Default::default()
    })
    .unwrap();
    let options = EvolveOptions::default()
        .with_times((0..=100).map(|k| k as f64 * 0.5).collect())
        .with_method(method);
    match evolve(&model, &options) {
        Ok(tr) => {
            let d = &tr.diagnostics;
            let g = d.gap.unwrap();
            println!(
                "{dissipation:?} {} {n} {} {} {} {} {:.3} {:.3} {:.3} {:.6} {:?}/{}/{} {:.10} {:?}",
                method.name(),
                d.unknowns,
                d.nonzeros,
                d.steps,
                d.products,
                d.seconds_steady,
                d.seconds_evolve,
                d.seconds_gap,
                tr.gap.unwrap_or(f64::NAN),
                g.method,
                g.cycles,
                g.products,
                tr.w.last().unwrap(),
                tr.charging_time,
            );
        }
        Err(e) => println!("{dissipation:?} {} {n} error: {e}", method.name()),
    }
}

fn main() {
    let args: Vec<usize> = std::env::args()
        .skip(1)
        .map(|a| a.parse().unwrap())
        .collect();
    let n_max = args.first().copied().unwrap_or(8);
    let full_max = args.get(1).copied().unwrap_or(6);
    let extra = args.get(2..).unwrap_or(&[]);
    println!(
        "dissipation method N unknowns nnz steps products t_steady t_evolve t_gap gap \
         gap_method/cycles/products W(50) charging_time"
    );
    for dissipation in [Dissipation::Individual, Dissipation::Collective] {
        for n in 3..=n_max {
            for method in [Method::Sector, Method::Full, Method::Symmetric] {
                if method != Method::Full || n <= full_max {
                    run(dissipation, n, method);
                }
            }
        }
        for &n in extra {
            run(dissipation, n, Method::Symmetric);
        }
    }
}
