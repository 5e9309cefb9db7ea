//! The region-restricted individual solve against the solve over every unknown.

use super::individual::{solve_from, trace, LEAK_LIMIT};
use super::layout::{Layout, Part};
use crate::model::{Dissipation, Model, ModelSpec, PerQubit, Statistics};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// Battery excited population and mean ancilla excitation of a solution.
fn populations(n: usize, x: &[f64]) -> (f64, f64) {
    let layout = Layout::new(n - 1);
    let half = (n - 1) as f64 / 2.0;
    let (mut pe, mut anc) = (0.0, 0.0);
    for l in 0..layout.blocks() {
        let tj = layout.tj(l);
        let j = tj as f64 / 2.0;
        for s in 0..=tj + 1 {
            let (m_u, m_v) = super::layout::sector_m(j, s);
            if let Some(i) = layout.index(tj, s, Part::A) {
                pe += x[i];
                anc += x[i] * (half + m_u);
            }
            if let Some(i) = layout.index(tj, s, Part::B) {
                anc += x[i] * (half + m_v);
            }
        }
    }
    assert!((trace(&layout, x) - 1.0).abs() < 1e-13);
    (pe, anc)
}

#[test]
fn region_solve_matches_whole_solve() {
    let mut rng = ChaCha8Rng::seed_from_u64(11);
    for n in [21, 61, 121] {
        for _ in 0..2 {
            let per = |b: f64, a: f64| {
                let mut v = vec![a; n];
                v[0] = b;
                PerQubit::List(v)
            };
            let spec = ModelSpec {
                n: Some(n),
                omega0: Some(per(10.0, 10.0)),
                coupling: Some(rng.gen_range(0.3..10.0)),
                dissipation: Some(Dissipation::Individual),
                statistics: Some(Statistics::Fermi),
                temperature: Some(per(rng.gen_range(0.3..2.0), rng.gen_range(0.3..2.0))),
                mu: Some(per(rng.gen_range(-2.0..2.0), rng.gen_range(-2.0..6.0))),
                dmu: Some(0.0),
                ..Default::default()
            };
            let model = Model::new(&spec).unwrap();
            let region = solve_from(&model, 200.0, u64::MAX).unwrap();
            let whole = solve_from(&model, f64::INFINITY, u64::MAX).unwrap();
            assert!(region.leak <= LEAK_LIMIT);
            assert!(region.unknowns <= whole.unknowns);
            let (a, b) = (populations(n, &region.x), populations(n, &whole.x));
            assert!(
                (a.0 - b.0).abs() < 1e-13,
                "N {n}: battery {} vs {}",
                a.0,
                b.0
            );
            assert!(
                (a.1 - b.1).abs() < 1e-13 * n as f64,
                "N {n}: ancillas {} vs {}",
                a.1,
                b.1
            );
        }
    }
}
