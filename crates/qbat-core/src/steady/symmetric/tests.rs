//! The region-restricted individual solve against the solve over every unknown; the Dicke
//! representation's shifted solves and the stationary state the rational integrator subtracts.

use super::individual::{solve_from, trace, LEAK_LIMIT};
use super::layout_stationary;
use crate::dicke::layout::{self, Layout, Part};
use crate::dicke::ShiftedDicke;
use crate::model::{paper_star as star, InitialState};
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
            let (m_u, m_v) = layout::sector_m(j, s);
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

#[test]
fn split_and_serial_solves_agree() {
    // the triangular sweeps over the root's two subtrees at once (each with a private copy of
    // the root's unknowns) and front by front in postorder give the same solution up to the
    // order of the additions into the root's unknowns; the default solve takes the split at
    // these sizes (subtrees of at least 2,048 unknowns), so it equals the split one exactly
    for (n, width) in [(101, 40.0), (201, 50.0)] {
        let model = star(n, Dissipation::Individual);
        let s = ShiftedDicke::new(&model, InitialState::Ground, width, u64::MAX).unwrap();
        let b: Vec<f64> = (0..s.len()).map(|i| ((i * 37) % 11) as f64 - 5.0).collect();
        let solve = |parallel: Option<usize>| {
            let mut x = b.clone();
            match parallel {
                Some(p) => s.solve_split(0.05, &mut x, p).unwrap(),
                None => s.solve(0.05, &mut x).unwrap(),
            }
            x
        };
        let (serial, split, default) = (solve(Some(usize::MAX)), solve(Some(0)), solve(None));
        let scale = serial.iter().fold(0.0f64, |m, v| m.max(v.abs()));
        let worst = serial
            .iter()
            .zip(&split)
            .fold(0.0f64, |m, (a, b)| m.max((a - b).abs()));
        assert!(
            worst <= 1e-13 * scale,
            "N = {n}: serial and split solves differ by {worst:e} (scale {scale:e})"
        );
        assert_ne!(serial, split, "N = {n}: the split was not taken");
        assert_eq!(default, split, "N = {n}");
    }
}

#[test]
fn shifted_solves_and_stationary_state() {
    // residual checks: (I - sigma L) x = b for the solve, L x_inf = 0 and tr x_inf = 1 for
    // the t -> infinity state, with and without a truncated region (entries dropped from
    // x_inf are below e^-40 of the largest, so they do not show at 1e-12)
    let cases = [
        (21, Dissipation::Individual, f64::INFINITY),
        (101, Dissipation::Individual, 40.0),
        (21, Dissipation::Collective, f64::INFINITY),
    ];
    for (n, dissipation, width) in cases {
        let model = star(n, dissipation);
        let s = ShiftedDicke::new(&model, InitialState::Ground, width, u64::MAX).unwrap();
        let b: Vec<f64> = (0..s.len()).map(|i| ((i * 37) % 11) as f64 - 5.0).collect();
        for sigma in [0.01, 1.0] {
            let mut x = b.clone();
            s.solve(sigma, &mut x).unwrap();
            let mut lx = vec![0.0; x.len()];
            s.apply(&x, &mut lx);
            let residual = (0..x.len())
                .map(|i| (x[i] - sigma * lx[i] - b[i]).powi(2))
                .sum::<f64>()
                .sqrt();
            let scale = b.iter().map(|v| v * v).sum::<f64>().sqrt();
            assert!(residual < 1e-12 * scale, "N = {n}: residual {residual:e}");
        }
        let x = s.restrict(&layout_stationary(&model, InitialState::Ground, u64::MAX).unwrap());
        let mut lx = vec![0.0; x.len()];
        s.apply(&x, &mut lx);
        let residual = lx.iter().map(|v| v * v).sum::<f64>().sqrt();
        assert!(residual < 1e-12, "N = {n}: ||L x_inf|| = {residual:e}");
        assert!((s.trace(&x) - 1.0).abs() < 1e-12);
        assert_eq!(s.width.is_finite(), width.is_finite());
    }
}
