//! Restarted GMRES with right preconditioning, in real arithmetic.
//!
//! Solves `A x = b` by minimising `||b - A x||_2` over `x_0 + M K_j(A M, r_0)` (Saad and
//! Schultz, SIAM J. Sci. Stat. Comput. 7, 856 (1986)), with modified Gram-Schmidt plus one
//! re-orthogonalisation pass when the new vector lost most of its norm, and Givens rotations
//! for the small least-squares problem. Right preconditioning makes the minimised quantity the
//! true residual of `A`, not a preconditioned one. The residual it tracks is a recurrence,
//! which drifts from the truth in floating point: the caller checks a fresh `b - A x`.

use super::hermitian::{axpy, dot, norm, scale};

/// What one restart cycle did.
#[derive(Clone, Copy, Debug)]
pub(super) struct Cycle {
    /// Matrix-vector products (= Krylov iterations) in this cycle.
    pub iterations: usize,
    /// `||b - A x_0||` at the start of the cycle (computed, not estimated).
    pub initial_residual: f64,
    /// The recurrence's estimate of `||b - A x||` at the end.
    pub estimated_residual: f64,
}

/// Krylov basis storage, reused across cycles.
pub(super) struct Gmres {
    restart: usize,
    basis: Vec<Vec<f64>>,
    work: Vec<f64>,
    precond: Vec<f64>,
}

impl Gmres {
    /// A solver for vectors of length `len` with at most `restart` iterations per cycle.
    pub fn new(len: usize, restart: usize) -> Gmres {
        Gmres {
            restart: restart.max(1),
            basis: Vec::new(),
            work: vec![0.0; len],
            precond: vec![0.0; len],
        }
    }

    /// One restart cycle from `x`, stopping early once the estimated residual is at most
    /// `tolerance` or after `budget` iterations. Updates `x` in place.
    pub fn cycle(
        &mut self,
        apply_a: &impl Fn(&[f64], &mut [f64]),
        apply_m: &impl Fn(&[f64], &mut [f64]),
        b: &[f64],
        x: &mut [f64],
        tolerance: f64,
        budget: usize,
    ) -> Cycle {
        let len = b.len();
        let steps = self.restart.min(budget.max(1));
        while self.basis.len() < steps + 1 {
            self.basis.push(vec![0.0; len]);
        }
        // r_0 = b - A x
        apply_a(x, &mut self.work);
        let v0 = &mut self.basis[0];
        v0.copy_from_slice(b);
        axpy(-1.0, &self.work, v0);
        let beta = norm(v0);
        let mut outcome = Cycle {
            iterations: 0,
            initial_residual: beta,
            estimated_residual: beta,
        };
        if beta <= tolerance || beta == 0.0 {
            return outcome;
        }
        scale(1.0 / beta, v0);
        // Hessenberg columns (after rotation: upper triangular), rotations, rhs g
        let mut h: Vec<Vec<f64>> = Vec::with_capacity(steps);
        let mut rotations: Vec<(f64, f64)> = Vec::with_capacity(steps);
        let mut g = vec![0.0; steps + 1];
        g[0] = beta;
        for j in 0..steps {
            apply_m(&self.basis[j], &mut self.precond);
            apply_a(&self.precond, &mut self.work);
            let w = &mut self.work;
            let before = norm(w);
            let mut column = vec![0.0; j + 2];
            for (i, hi) in column.iter_mut().enumerate().take(j + 1) {
                *hi = dot(&self.basis[i], w);
                axpy(-*hi, &self.basis[i], w);
            }
            let mut after = norm(w);
            if after < 0.5 * before {
                // lost more than half the norm to cancellation: orthogonalise once more
                for (i, hi) in column.iter_mut().enumerate().take(j + 1) {
                    let c = dot(&self.basis[i], w);
                    axpy(-c, &self.basis[i], w);
                    *hi += c;
                }
                after = norm(w);
            }
            column[j + 1] = after;
            for (i, &(c, s)) in rotations.iter().enumerate() {
                let (p, q) = (column[i], column[i + 1]);
                column[i] = c * p + s * q;
                column[i + 1] = -s * p + c * q;
            }
            let (p, q) = (column[j], column[j + 1]);
            let r = p.hypot(q);
            let (c, s) = if r == 0.0 { (1.0, 0.0) } else { (p / r, q / r) };
            rotations.push((c, s));
            column[j] = r;
            column[j + 1] = 0.0;
            g[j + 1] = -s * g[j];
            g[j] *= c;
            h.push(column);
            outcome.iterations = j + 1;
            outcome.estimated_residual = g[j + 1].abs();
            let breakdown = after <= f64::EPSILON * before;
            if outcome.estimated_residual <= tolerance || breakdown || j + 1 == steps {
                break;
            }
            let (done, rest) = self.basis.split_at_mut(j + 1);
            rest[0].copy_from_slice(w);
            scale(1.0 / after, &mut rest[0]);
            let _ = done;
        }
        // y = R^{-1} g, x += M (V y)
        let k = outcome.iterations;
        let mut y = vec![0.0; k];
        for i in (0..k).rev() {
            let mut acc = g[i];
            for (l, yl) in y.iter().enumerate().take(k).skip(i + 1) {
                acc -= h[l][i] * yl;
            }
            y[i] = if h[i][i] != 0.0 { acc / h[i][i] } else { 0.0 };
        }
        let combo = &mut self.work;
        combo.iter_mut().for_each(|v| *v = 0.0);
        for (i, &yi) in y.iter().enumerate() {
            axpy(yi, &self.basis[i], combo);
        }
        apply_m(combo, &mut self.precond);
        axpy(1.0, &self.precond, x);
        outcome
    }
}
