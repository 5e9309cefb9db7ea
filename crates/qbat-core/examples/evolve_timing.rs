//! Wall time of `evolve` over t in [0, 50 / gamma] (101 samples) for N = 3..=8, sector and
//! full, split into steady state, integration and gap. Run in release:
//! `cargo run --release -p qbat-core --example evolve_timing [N_MAX] [FULL_MAX]`.

use qbat_core::dynamics::{evolve, EvolveOptions};
use qbat_core::{Dissipation, Method, Model, ModelSpec};

fn main() {
    let mut args = std::env::args()
        .skip(1)
        .map(|a| a.parse::<usize>().unwrap());
    let n_max = args.next().unwrap_or(8);
    let full_max = args.next().unwrap_or(6);
    println!("dissipation  method  N  unknowns  nnz  steps  products  t_steady  t_evolve  t_gap  gap  gap_method  W(50)");
    for dissipation in [Dissipation::Individual, Dissipation::Collective] {
        for n in 3..=n_max {
            let model = Model::new(&ModelSpec {
                n: Some(n),
                dissipation: Some(dissipation),
                mu: Some(qbat_core::PerQubit::Uniform(
                    if dissipation == Dissipation::Collective {
                        3.0
                    } else {
                        0.0
                    },
                )),
                dmu: (dissipation == Dissipation::Individual).then_some(4.0),
                ..Default::default()
            })
            .unwrap();
            for method in [Method::Sector, Method::Full] {
                if method == Method::Full && n > full_max {
                    continue;
                }
                let options = EvolveOptions {
                    times: (0..=100).map(|k| k as f64 * 0.5).collect(),
                    method,
                    ..Default::default()
                };
                match evolve(&model, &options) {
                    Ok(tr) => {
                        let d = &tr.diagnostics;
                        println!(
                            "{dissipation:?} {} {n} {} {} {} {} {:.3} {:.3} {:.3} {:.6} {:?}/{}/{}/{:.1e} {:.10}",
                            method.name(),
                            d.unknowns,
                            d.nonzeros,
                            d.steps,
                            d.products,
                            d.seconds_steady,
                            d.seconds_evolve,
                            d.seconds_gap,
                            tr.gap.unwrap_or(f64::NAN),
                            d.gap.method, d.gap.cycles, d.gap.products, d.gap.residual,
                            tr.w.last().unwrap()
                        );
                    }
                    Err(e) => println!("{dissipation:?} {} {n} error: {e}", method.name()),
                }
            }
        }
    }
}
