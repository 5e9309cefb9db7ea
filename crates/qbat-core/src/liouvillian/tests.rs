//! The sparse Liouvillian against an independent dense construction from Kronecker products.

use super::*;
use crate::model::{Dissipation, ModelSpec, PerQubit, Topology};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

type Dense = Vec<Vec<c64>>;

fn zeros(d: usize) -> Dense {
    vec![vec![c64::new(0.0, 0.0); d]; d]
}

fn kron(a: &Dense, b: &Dense) -> Dense {
    let (da, db) = (a.len(), b.len());
    let mut out = zeros(da * db);
    for i in 0..da {
        for j in 0..da {
            for k in 0..db {
                for l in 0..db {
                    out[i * db + k][j * db + l] = a[i][j] * b[k][l];
                }
            }
        }
    }
    out
}

fn mul(a: &Dense, b: &Dense) -> Dense {
    let d = a.len();
    let mut out = zeros(d);
    for i in 0..d {
        for k in 0..d {
            if a[i][k] != c64::new(0.0, 0.0) {
                for j in 0..d {
                    out[i][j] += a[i][k] * b[k][j];
                }
            }
        }
    }
    out
}

fn add(a: &Dense, b: &Dense, s: c64) -> Dense {
    a.iter()
        .zip(b)
        .map(|(ra, rb)| ra.iter().zip(rb).map(|(x, y)| x + s * y).collect())
        .collect()
}

fn dagger(a: &Dense) -> Dense {
    let d = a.len();
    (0..d)
        .map(|i| (0..d).map(|j| a[j][i].conj()).collect())
        .collect()
}

fn transpose(a: &Dense) -> Dense {
    let d = a.len();
    (0..d).map(|i| (0..d).map(|j| a[j][i]).collect()).collect()
}

fn eye(d: usize) -> Dense {
    let mut out = zeros(d);
    (0..d).for_each(|i| out[i][i] = c64::new(1.0, 0.0));
    out
}

/// Single-qubit operator `op` on qubit `q` of `n`, built as a Kronecker product. The qubit
/// with bit `1 << q` is the factor at position `n - 1 - q` (most significant first).
fn embed(op: &Dense, q: usize, n: usize) -> Dense {
    let mut out = eye(1);
    for pos in 0..n {
        let factor = if n - 1 - pos == q { op.clone() } else { eye(2) };
        out = kron(&out, &factor);
    }
    out
}

fn c(x: f64) -> c64 {
    c64::new(x, 0.0)
}

/// Dense Liouvillian, `vec(A rho B) = (B^T kron A) vec(rho)`, from textbook Kronecker products.
fn dense_liouvillian(model: &Model) -> Dense {
    let n = model.n;
    let d = 1 << n;
    // local basis index 0 = ground (bit 0), 1 = excited (bit 1)
    let sz = vec![vec![c(-1.0), c(0.0)], vec![c(0.0), c(1.0)]];
    let sm = vec![vec![c(0.0), c(1.0)], vec![c(0.0), c(0.0)]]; // |g><e|
    let sp = transpose(&sm);
    let mut h = zeros(d);
    for i in 0..n {
        h = add(&h, &embed(&sz, i, n), c(model.omega0[i]));
    }
    for &(a, b) in &model.edges {
        let hop = mul(&embed(&sp, a, n), &embed(&sm, b, n));
        h = add(&h, &hop, c(model.coupling));
        h = add(&h, &dagger(&hop), c(model.coupling));
    }
    let id = eye(d);
    let mut l = add(&kron(&id, &h), &kron(&transpose(&h), &id), c(-1.0));
    l = l
        .iter()
        .map(|row| row.iter().map(|x| x * c64::new(0.0, -1.0)).collect())
        .collect();
    for jump in model.jumps() {
        let single = if jump.raising { &sp } else { &sm };
        let mut op = zeros(d);
        for &i in &jump.sites {
            op = add(&op, &embed(single, i, n), c(1.0));
        }
        let op: Dense = op
            .iter()
            .map(|r| r.iter().map(|x| x * jump.rate.sqrt()).collect())
            .collect();
        let opd = dagger(&op);
        let k = mul(&opd, &op);
        l = add(&l, &kron(&transpose(&opd), &op), c(1.0));
        l = add(&l, &kron(&id, &k), c(-0.5));
        l = add(&l, &kron(&transpose(&k), &id), c(-0.5));
    }
    l
}

fn random_model(rng: &mut ChaCha8Rng, n: usize, dissipation: Dissipation) -> Model {
    let topology = [
        Topology::Star,
        Topology::Chain,
        Topology::Ring,
        Topology::Complete,
    ][rng.gen_range(0..4)]
    .clone();
    let list = |rng: &mut ChaCha8Rng, lo: f64, hi: f64| -> Vec<f64> {
        (0..n).map(|_| rng.gen_range(lo..hi)).collect()
    };
    let per = |rng: &mut ChaCha8Rng, lo: f64, hi: f64| -> PerQubit {
        match dissipation {
            Dissipation::Individual => PerQubit::List(list(rng, lo, hi)),
            Dissipation::Collective => PerQubit::Uniform(rng.gen_range(lo..hi)),
        }
    };
    let spec = ModelSpec {
        n: Some(n),
        topology: Some(topology),
        omega0: Some(PerQubit::List(list(rng, 0.5, 3.0))),
        coupling: Some(rng.gen_range(0.1..2.0)),
        dissipation: Some(dissipation),
        gamma: Some(per(rng, 0.2, 2.0)),
        temperature: Some(per(rng, 0.2, 3.0)),
        mu: Some(per(rng, -2.0, 3.0)),
        dmu: (dissipation == Dissipation::Individual).then_some(0.0),
        ..Default::default()
    };
    Model::new(&spec).unwrap()
}

#[test]
fn sparse_equals_dense_kronecker_construction() {
    let mut rng = ChaCha8Rng::seed_from_u64(7);
    for n in 1..=4 {
        for dissipation in [Dissipation::Individual, Dissipation::Collective] {
            let model = random_model(&mut rng, n, dissipation);
            let dense = dense_liouvillian(&model);
            let space = OperatorSpace::full(n);
            let sparse = assemble(&model, &space);
            let d2 = space.len();
            let mut max_err: f64 = 0.0;
            let mut seen = 0;
            for col in 0..d2 {
                let rows = sparse.symbolic().row_idx_of_col_raw(col);
                let vals = sparse.val_of_col(col);
                let mut column = vec![c(0.0); d2];
                for (&r, &v) in rows.iter().zip(vals) {
                    column[r] = v;
                    seen += 1;
                }
                for (v, dense_row) in column.iter().zip(&dense) {
                    max_err = max_err.max((v - dense_row[col]).norm());
                }
            }
            assert!(seen > 0);
            assert!(
                max_err < 1e-12,
                "n = {n}, {dissipation:?}: max |L_sparse - L_dense| = {max_err}"
            );
        }
    }
}

#[test]
fn sector_block_equals_full_restricted() {
    let mut rng = ChaCha8Rng::seed_from_u64(11);
    for n in 1..=4 {
        for dissipation in [Dissipation::Individual, Dissipation::Collective] {
            let model = random_model(&mut rng, n, dissipation);
            let full_space = OperatorSpace::full(n);
            let full = assemble(&model, &full_space);
            let sector_space = OperatorSpace::sector(n);
            let sector = assemble(&model, &sector_space);
            assert_eq!(
                sector_space.len() as f64,
                crate::hilbert::binomial(2 * n, n)
            );
            for col in 0..sector_space.len() {
                let (k, l) = sector_space.pair(col);
                let full_col = full_space.index(k, l).unwrap();
                let rows = full.symbolic().row_idx_of_col_raw(full_col);
                let vals = full.val_of_col(full_col);
                // every entry of the full column lands inside the sector (invariance)
                for (&r, &v) in rows.iter().zip(vals) {
                    let (i, j) = full_space.pair(r);
                    let sr = sector_space
                        .index(i, j)
                        .expect("sector is invariant under L");
                    let srows = sector.symbolic().row_idx_of_col_raw(col);
                    let p = srows.iter().position(|&x| x == sr).expect("entry present");
                    assert!((sector.val_of_col(col)[p] - v).norm() < 1e-14);
                }
                assert_eq!(rows.len(), sector.symbolic().row_idx_of_col_raw(col).len());
            }
        }
    }
}

#[test]
fn trace_preservation() {
    // sum over populations of every column is zero: d tr(rho)/dt = 0
    let mut rng = ChaCha8Rng::seed_from_u64(3);
    let model = random_model(&mut rng, 3, Dissipation::Collective);
    let space = OperatorSpace::sector(3);
    let l = assemble(&model, &space);
    let diag: std::collections::HashSet<usize> = space.diagonal().into_iter().collect();
    for col in 0..space.len() {
        let s: c64 = l
            .symbolic()
            .row_idx_of_col_raw(col)
            .iter()
            .zip(l.val_of_col(col))
            .filter(|(r, _)| diag.contains(r))
            .map(|(_, v)| *v)
            .sum();
        assert!(s.norm() < 1e-13);
    }
}
