//! The QR fallback against the SVD: synthetic matrices with known kernels, and every `q` block
//! of collective Liouvillians (N <= 4, where the SVD converges) and the resulting states.

use super::*;
use crate::liouvillian::{assemble, OperatorSpace};
use crate::model::{Dissipation, InitialState, Model, ModelSpec, PerQubit, Statistics};
use crate::options::Method;
use crate::steady::kernel::{block_unknowns, dense_block, long_time_state_with};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

fn random_unitary(rng: &mut ChaCha8Rng, n: usize) -> Mat<c64> {
    let g = Mat::<c64>::from_fn(n, n, |_, _| {
        c64::new(rng.gen_range(-1.0..1.0), rng.gen_range(-1.0..1.0))
    });
    g.qr().compute_Q()
}

/// `||P_a - P_b||_max` of the orthogonal projectors on the column spans of `a` and `b`.
fn projector_distance(a: &Mat<c64>, b: &Mat<c64>) -> f64 {
    let d = a * a.adjoint() - b * b.adjoint();
    let mut max = 0.0f64;
    for j in 0..d.ncols() {
        for i in 0..d.nrows() {
            max = max.max(d[(i, j)].norm());
        }
    }
    max
}

#[test]
fn qr_finds_a_prescribed_kernel() {
    // A = U diag(s) V^dag with s = 0 on the last k: ker A = the last k columns of V, ker A^dag
    // those of U (construction)
    let mut rng = ChaCha8Rng::seed_from_u64(11);
    for (n, k) in [(1, 0), (1, 1), (6, 2), (40, 0), (40, 5), (60, 60)] {
        let (u, v) = (random_unitary(&mut rng, n), random_unitary(&mut rng, n));
        // non-zero singular values over three decades (like the Liouvillian blocks', kernel.rs),
        // so the kernels are determined to ~ eps / 1e-3 (Wedin's sin-theta bound)
        let s = Mat::<c64>::from_fn(n, n, |i, j| {
            let value = if i == j && i < n - k {
                10f64.powf(-3.0 * i as f64 / n as f64) * 3.0
            } else {
                0.0
            };
            c64::new(value, 0.0)
        });
        let a = &u * &s * v.adjoint();
        let kernel = qr_kernel(a.as_ref(), Vectors::Both).unwrap();
        assert_eq!(kernel.dim, k, "n {n}");
        assert_eq!(kernel.decomposition, Decomposition::PivotedQr);
        let expected_right = v.subcols(n - k, k).to_owned();
        let expected_left = u.subcols(n - k, k).to_owned();
        assert!(projector_distance(&kernel.right, &expected_right) < 1e-12);
        let dl = projector_distance(&kernel.left, &expected_left);
        assert!(dl < 1e-12, "n {n} k {k}: {dl:e} {}", kernel.describe());
        if k < n {
            // s_max = 3 (construction)
            assert!((kernel.s_max - 3.0).abs() < 1e-5, "{}", kernel.s_max);
        }
    }
}

#[test]
fn qr_refuses_a_rank_it_cannot_reveal() {
    // Kahan's matrix, R = diag(1, s, ..., s^(n-1)) (I - c * strictly upper ones), s^2 + c^2 = 1:
    // every column has norm 1, so pivoting keeps the order, yet sigma_min is far below the last
    // diagonal entry (Kahan 1966; Golub & Van Loan, Matrix Computations, 5.4.3). A slight column
    // scaling keeps the order under rounding. The QR must not report a full rank then.
    let (n, c) = (90, 0.285f64);
    let s = (1.0 - c * c).sqrt();
    let a = Mat::<c64>::from_fn(n, n, |i, j| {
        let value = match i.cmp(&j) {
            std::cmp::Ordering::Greater => 0.0,
            std::cmp::Ordering::Equal => s.powi(i as i32),
            std::cmp::Ordering::Less => -c * s.powi(i as i32),
        };
        c64::new(value * (1.0 - 1e-10 * j as f64), 0.0)
    });
    let smallest = a.singular_values().unwrap().last().copied().unwrap();
    let largest_diagonal_ratio = s.powi(n as i32 - 1) / a.singular_values().unwrap()[0];
    // the premise: the diagonal says "full rank", the singular values say "rank deficient"
    assert!(
        smallest < 1e-10 * a.singular_values().unwrap()[0],
        "{smallest}"
    );
    assert!(largest_diagonal_ratio > 1e-10, "{largest_diagonal_ratio}");
    match qr_kernel(a.as_ref(), Vectors::Both) {
        Err(message) => assert!(message.to_string().contains("did not reveal"), "{message}"),
        Ok(kernel) => assert_eq!(kernel.dim, 1, "a wrong rank decision"),
    }
}

fn collective_models() -> Vec<Model> {
    // the paper's collective star (mu = 3) and seeded random stars: identical ancillas (where
    // the kernels are degenerate), battery equal to them or not, Fermi and Bose reservoirs
    let mut rng = ChaCha8Rng::seed_from_u64(12);
    let mut models = Vec::new();
    for n in 1..=4 {
        models.push(
            Model::new(&ModelSpec {
                n: Some(n),
                dissipation: Some(Dissipation::Collective),
                mu: Some(PerQubit::Uniform(3.0)),
                ..ModelSpec::default()
            })
            .unwrap(),
        );
        for _ in 0..2 {
            let omega_a = rng.gen_range(0.5..3.0);
            let omega_b = if rng.gen_bool(0.5) {
                omega_a
            } else {
                rng.gen_range(0.5..3.0)
            };
            let mut omega0 = vec![omega_a; n];
            omega0[0] = omega_b;
            let bose = rng.gen_bool(0.3);
            let omega = rng.gen_range(0.5..2.0);
            models.push(
                Model::new(&ModelSpec {
                    n: Some(n),
                    omega0: Some(PerQubit::List(omega0)),
                    coupling: Some(rng.gen_range(0.1..2.0)),
                    dissipation: Some(Dissipation::Collective),
                    statistics: Some(if bose {
                        Statistics::Bose
                    } else {
                        Statistics::Fermi
                    }),
                    omega: Some(omega),
                    gamma: Some(PerQubit::Uniform(rng.gen_range(0.2..2.0))),
                    temperature: Some(PerQubit::Uniform(rng.gen_range(0.2..3.0))),
                    mu: Some(PerQubit::Uniform(if bose {
                        omega - rng.gen_range(0.1..2.0)
                    } else {
                        rng.gen_range(-2.0..3.0)
                    })),
                    ..ModelSpec::default()
                })
                .unwrap(),
            );
        }
    }
    models
}

#[test]
fn qr_kernels_of_liouvillian_blocks_match_the_svd() {
    // the SVD converges on these blocks; the fallback must make the same rank decision and span
    // the same kernels
    for model in collective_models() {
        let space = OperatorSpace::full(model.n);
        let full = assemble(&model, &space);
        for q in 0..=model.n as isize {
            let block = dense_block(&full, &block_unknowns(&space, q));
            let svd = dense_kernel(&block, Vectors::Both, Strategy::SvdThenQr).unwrap();
            assert_eq!(svd.decomposition, Decomposition::Svd);
            let qr = dense_kernel(&block, Vectors::Both, Strategy::Qr).unwrap();
            let context = format!(
                "N {} q {q}: {} vs {}",
                model.n,
                svd.describe(),
                qr.describe()
            );
            assert_eq!(qr.dim, svd.dim, "{context}");
            assert!(
                projector_distance(&qr.right, &svd.right) < 1e-10,
                "{context}"
            );
            assert!(projector_distance(&qr.left, &svd.left) < 1e-10, "{context}");
            let count = dense_kernel(&block, Vectors::No, Strategy::Qr).unwrap();
            assert_eq!(count.dim, svd.dim, "{context}");
        }
    }
}

#[test]
fn qr_fallback_gives_the_svd_state() {
    for model in collective_models() {
        for space in [OperatorSpace::full(model.n), OperatorSpace::sector(model.n)] {
            let liouvillian = assemble(&model, &space);
            for initial in [
                InitialState::Ground,
                InitialState::Excited,
                InitialState::Mixed,
            ] {
                let run = |strategy| {
                    long_time_state_with(
                        &model,
                        &space,
                        &liouvillian,
                        initial,
                        Method::Sector,
                        strategy,
                    )
                    .unwrap()
                };
                let (svd, qr) = (run(Strategy::SvdThenQr), run(Strategy::Qr));
                let context = format!("N {} {initial:?} {}", model.n, qr.note);
                assert_eq!(qr.kernel_dim, svd.kernel_dim, "{context}");
                let difference =
                    qr.x.iter()
                        .zip(&svd.x)
                        .map(|(a, b)| (a - b).norm())
                        .fold(0.0, f64::max);
                assert!(difference < 1e-10, "{context}: {difference:e}");
            }
        }
    }
}
