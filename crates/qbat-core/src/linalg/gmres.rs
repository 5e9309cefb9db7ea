//! Restarted flexible GMRES with right preconditioning, in real arithmetic.
//!
//! Solves `A x = b` by minimising `||b - A x||_2` over `x_0 + span{z_1, ..., z_j}`,
//! `z_i = M v_i`, where `v_i` is the Arnoldi basis of the preconditioned operator (Saad, SIAM
//! J. Sci. Comput. 14, 461 (1993)). Keeping the `z_i` (twice the memory of plain GMRES) makes
//! the update `x = x_0 + Z y` consistent with the Arnoldi relation `A Z = V H` even when `M`
//! is not exactly linear: the preconditioner here runs its dense products in single precision,
//! which limits only how well it preconditions, not the accuracy of `x`. It also saves the
//! extra preconditioner application of plain right-preconditioned GMRES at each restart.
//!
//! Orthogonalisation is classical Gram-Schmidt, blocked over chunks of the vectors (two sweeps
//! over the basis per pass instead of two per basis vector), repeated when the new vector lost
//! most of its norm. The small least-squares problem uses Givens rotations. The residual it
//! tracks is a recurrence, which drifts from the truth in floating point: the caller checks a
//! fresh `b - A x`.

use super::orthogonal::classical_refined;
use super::vector::{par_axpy as axpy, par_norm as norm, par_scale as scale};

/// A second Gram-Schmidt pass when the new vector keeps less than this fraction of its norm.
/// Kahan and Parlett's 1/sqrt(2) triggers on nearly every step here (the kept fraction is
/// typically 0.4-0.7, a loss of orthogonality of a few eps, harmless to GMRES, whose true
/// residual is checked anyway); PETSc's GMRES never refines by default. Refine only under
/// real cancellation.
const REORTHOGONALISE: f64 = 0.1;

/// What one restart cycle did.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Cycle {
    /// Matrix-vector products (= Krylov iterations) in this cycle.
    pub iterations: usize,
    /// The recurrence's estimate of `||b - A x||` at the end.
    pub estimated_residual: f64,
}

/// Krylov basis storage, reused across cycles and grown on demand.
pub(crate) struct Gmres {
    restart: usize,
    /// Arnoldi vectors `v_i`.
    basis: Vec<Vec<f64>>,
    /// Preconditioned vectors `z_i = M v_i`.
    search: Vec<Vec<f64>>,
    work: Vec<f64>,
}

impl Gmres {
    /// A solver for vectors of length `len` with at most `restart` iterations per cycle.
    pub fn new(len: usize, restart: usize) -> Gmres {
        Gmres {
            restart: restart.max(1),
            basis: Vec::new(),
            search: Vec::new(),
            work: vec![0.0; len],
        }
    }

    /// Vectors of length `len` kept for a cycle of `restart` steps (for memory estimates).
    pub fn vectors(restart: usize) -> usize {
        2 * restart + 2
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
        if self.basis.is_empty() {
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
            if self.search.len() <= j {
                self.search.push(vec![0.0; len]);
            }
            apply_m(&self.basis[j], &mut self.search[j]);
            apply_a(&self.search[j], &mut self.work);
            let w = &mut self.work;
            // with a good preconditioner A M v_j ~ v_j: orthogonalise (A M - I) v_j instead,
            // the same vector modulo span(V), without the cancellation of removing v_j
            axpy(-1.0, &self.basis[j], w);
            let mut column = vec![0.0; j + 2];
            let (before, after) =
                classical_refined(&self.basis[..=j], w, &mut column[..=j], REORTHOGONALISE);
            column[j] += 1.0;
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
            if self.basis.len() <= j + 1 {
                self.basis.push(vec![0.0; len]);
            }
            let next = &mut self.basis[j + 1];
            next.copy_from_slice(w);
            scale(1.0 / after, next);
        }
        // y = R^{-1} g, x += Z y
        let k = outcome.iterations;
        let mut y = vec![0.0; k];
        for i in (0..k).rev() {
            let mut acc = g[i];
            for (l, yl) in y.iter().enumerate().take(k).skip(i + 1) {
                acc -= h[l][i] * yl;
            }
            y[i] = if h[i][i] != 0.0 { acc / h[i][i] } else { 0.0 };
        }
        for (z, &yi) in self.search.iter().zip(&y) {
            axpy(yi, z, x);
        }
        outcome
    }
}
