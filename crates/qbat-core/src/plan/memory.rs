//! Peak-memory estimates, so that a solve too large for the machine is refused before it
//! allocates anything.
//!
//! The numbers are upper-bound-ish models calibrated on measurements (bench/results/MEASURED.md):
//! sparse LU of the Liouvillian fills in almost completely inside every block of fixed
//! `q = exc(i) - exc(j)` (the blocks' coupling graphs are hypercube-like, without small
//! separators), and the column ordering keeps the blocks apart, so the factors cost about
//! `16 sum_q n_q^2` bytes, with `n_q = C(2N, N - q)` unknowns in block `q`.
//! Since `sum_q C(2N, N-q)^2 = C(4N, 2N)`, the full LU needs about `16 C(4N, 2N)` bytes
//! (9.6 GB at N = 8; measured 8.4 GB) and the U(1) block alone `16 C(2N, N)^2` (2.6 GB at N = 8).

use super::route::Route;
use crate::dicke;
use crate::error::SolveError;
use crate::hilbert::binomial;
use crate::linalg::gmres::Gmres;
use crate::model::{Dissipation, Model};

/// Bytes per complex entry of a dense or factored matrix.
const COMPLEX: f64 = 16.0;
/// Bytes per stored sparse entry (`usize` row index plus `c64` value).
const SPARSE_ENTRY: f64 = 24.0;

/// Estimated peak bytes of one solver route under the memory limit `limit_bytes` (the Krylov
/// solver shortens its restart cycle to fit the limit: [`krylov_restart`]).
pub(crate) fn route_estimate(model: &Model, route: Route, limit_bytes: u64) -> u64 {
    let n = model.n;
    let sector = binomial(2 * n, n);
    let full = 4f64.powi(n as i32);
    let bytes = match route {
        Route::DirectFull => COMPLEX * binomial(4 * n, 2 * n) + assembly(model, full),
        Route::DirectSector => COMPLEX * sector * sector + assembly(model, sector),
        Route::DenseKernel(_) => {
            // q = 0 block: matrix, U, V and the SVD's workspace (measured at N = 7: 1.70 GB peak,
            // 9 x 16 n_0^2 + the rest); the full Liouvillian is assembled to count the kernels
            // of the other blocks, whose singular values are computed densely
            let q1 = binomial(2 * n, n.saturating_sub(1));
            9.0 * COMPLEX * sector * sector + 2.0 * COMPLEX * q1 * q1 + assembly(model, full)
        }
        Route::Krylov => krylov_bytes(n, krylov_restart(n, limit_bytes)) as f64,
        Route::Symmetric => {
            let m = dicke::unknowns(model) as f64;
            COMPLEX * m * (64.0 + 8.0 * m.max(2.0).log2())
        }
    };
    if bytes.is_finite() && bytes < u64::MAX as f64 {
        bytes as u64
    } else {
        u64::MAX
    }
}

/// `Err(TooLarge)`, naming the route's method and solver, when `route` needs more than
/// `limit_bytes`.
pub(crate) fn check(model: &Model, route: Route, limit_bytes: u64) -> Result<(), SolveError> {
    let needed_bytes = route_estimate(model, route, limit_bytes);
    if needed_bytes > limit_bytes {
        return Err(SolveError::TooLarge {
            method: route.method(),
            solver: Some(route.solver()),
            needed_bytes,
            limit_bytes,
        });
    }
    Ok(())
}

/// Iterations per restart cycle of the Krylov steady-state solver when memory allows (the
/// basis holds two vectors per iteration). Converged runs take 20-50 iterations, so most never
/// restart. Here because the memory estimate depends on it.
pub(crate) const KRYLOV_RESTART: usize = 50;

/// Shortest restart cycle the Krylov solver is run with: below the memory this needs, the
/// model is refused. Shorter cycles converge in more iterations (restarted GMRES loses the
/// superlinear phase), but with the preconditioner here a cycle of 10 still reduces the
/// residual by orders of magnitude.
pub(crate) const KRYLOV_MIN_RESTART: usize = 10;

/// Share of the memory limit the Krylov solver's restart cycle is sized for: the limit is
/// often the machine's memory (the `qbat` binary's default), and the basis should leave room
/// for everything else running on it. Measured at N = 14 with 0.85 (cycle of 25, estimate
/// 19.7 GiB) under `prlimit --as=22000000000`: the address space reached 22 GB at 18.0 GB
/// resident (allocator and thread reservations), about 23 iterations in, and an allocation
/// failed; 0.7 gives a cycle of 19 (estimate 16.1 GiB).
pub(crate) const KRYLOV_LIMIT_SHARE: f64 = 0.7;

/// The restart cycle of the Krylov solver for `n` qubits under `limit_bytes`: the longest, up
/// to [`KRYLOV_RESTART`], whose [`krylov_bytes`] fit [`KRYLOV_LIMIT_SHARE`] of the limit (else
/// the whole limit), and at least [`KRYLOV_MIN_RESTART`] (whose estimate then exceeds the
/// limit, and the model is refused). N = 13 keeps 50 (9 GiB); N = 14 (40 million unknowns,
/// 321 MB a vector, 34.7 GiB with 50) gets 10 under 16 GiB (10.7 GiB) and 19 under the
/// 23.5 GiB of a 24 GB machine (16.1 GiB).
pub(crate) fn krylov_restart(n: usize, limit_bytes: u64) -> usize {
    let share = (KRYLOV_LIMIT_SHARE * limit_bytes as f64) as u64;
    let longest = |budget: u64| {
        (KRYLOV_MIN_RESTART..=KRYLOV_RESTART)
            .rev()
            .find(|&r| krylov_bytes(n, r) <= budget)
    };
    longest(share)
        .or_else(|| longest(limit_bytes))
        .unwrap_or(KRYLOV_MIN_RESTART)
}

/// Estimated peak memory of the Krylov steady-state solver for `n` qubits with restart cycles
/// of `restart` iterations, in bytes: the Krylov basis, a few work vectors, per-block work
/// arrays (kept for every block: 16 bytes an unknown for the operator, 32 for the
/// preconditioner), the complex copies made at the end (eigenvalues of `rho`,
/// reduction), and the eigenvectors of the largest blocks. An upper bound: N = 12 estimates
/// 2.4 GB with a restart of 50, measured peak 1.7 GB (34 iterations of the 50 allowed);
/// N = 13 about 9 GB.
pub(crate) fn krylov_bytes(n: usize, restart: usize) -> u64 {
    let unknowns = binomial(2 * n, n);
    let largest = binomial(n, n / 2);
    let basis = Gmres::vectors(restart) as f64;
    let bytes = 8.0 * unknowns * (basis + 6.0)
        + 48.0 * unknowns
        + 8.0 * 10.0 * largest * largest
        + 64.0 * 2f64.powi(n as i32);
    bytes.min(u64::MAX as f64) as u64
}

/// Bytes to assemble a sparse Liouvillian with `unknowns` columns and then copy it once (the
/// trace-row system): per column at most `2 + 2 E` entries from `G rho + rho G^dag` and `N`
/// (individual) or `2 N^2` (collective) from the jump terms, each held about three times at the
/// peak (per-column lists, compressed matrix, modified copy).
fn assembly(model: &Model, unknowns: f64) -> f64 {
    let n = model.n as f64;
    let jumps = match model.dissipation {
        Dissipation::Individual => n,
        Dissipation::Collective => 2.0 * n * n,
    };
    let per_column = 2.0 + 2.0 * model.edges.len() as f64 + jumps;
    unknowns * (3.0 * SPARSE_ENTRY * per_column + 48.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ModelSpec;
    use crate::options::Method;
    use crate::plan::memory_estimate;
    use crate::plan::route::Space;

    fn individual(n: usize) -> Model {
        Model::new(&ModelSpec {
            n: Some(n),
            ..ModelSpec::default()
        })
        .unwrap()
    }

    #[test]
    fn calibrated_against_measurements() {
        // bench/results/MEASURED.md: full LU at N = 8 peaked at 8.4 GB (8.45 GB measured again here);
        // the estimate must not be below it, nor wildly above (the fill is nearly complete)
        let full = route_estimate(&individual(8), Route::DirectFull, u64::MAX) as f64;
        assert!(full > 8.4e9 && full < 2.0 * 8.4e9, "full N=8: {full}");
        let sector = route_estimate(&individual(8), Route::DirectSector, u64::MAX) as f64;
        assert!(sector > 16.0 * 12870.0 * 12870.0, "sector N=8: {sector}");
        // measured peaks (release, this machine): sector LU N = 8 2.42 GB, full LU N = 7 575 MB,
        // collective dense kernel N = 7 1.70 GB
        assert!(sector > 2.42e9);
        assert!(route_estimate(&individual(7), Route::DirectFull, u64::MAX) as f64 > 5.75e8);
        let collective = Model::new(&ModelSpec {
            n: Some(7),
            dissipation: Some(crate::model::Dissipation::Collective),
            ..ModelSpec::default()
        })
        .unwrap();
        let dense = route_estimate(&collective, Route::DenseKernel(Space::Sector), u64::MAX);
        assert!(dense as f64 > 1.70e9 && (dense as f64) < 4e9, "{dense}");
        assert!(
            memory_estimate(&individual(30), Method::Full) == u64::MAX
                || memory_estimate(&individual(30), Method::Full) > 1 << 50
        );
    }

    #[test]
    fn krylov_restart_follows_the_limit() {
        let gib = 1u64 << 30;
        // N = 13: 10.4 million unknowns, the full cycle of 50 fits the default 16 GiB
        assert_eq!(krylov_restart(13, 16 * gib), KRYLOV_RESTART);
        // N = 14: 40.1 million unknowns (321 MB a vector); 102 vectors would need 37 GB; the
        // cycle fills the limit's share and no more
        assert!(krylov_bytes(14, KRYLOV_RESTART) > 34 * gib);
        for limit in [47 * gib / 2, 30 * gib] {
            let r = krylov_restart(14, limit);
            let share = (KRYLOV_LIMIT_SHARE * limit as f64) as u64;
            assert!(r > KRYLOV_MIN_RESTART && r < KRYLOV_RESTART, "restart {r}");
            assert!(krylov_bytes(14, r) <= share && krylov_bytes(14, r + 1) > share);
        }
        // between the share and the limit: the whole limit is used rather than refusing
        let tight = krylov_bytes(14, KRYLOV_MIN_RESTART) + 1;
        assert_eq!(krylov_restart(14, tight), KRYLOV_MIN_RESTART);
        assert!(krylov_bytes(14, krylov_restart(14, tight)) <= tight);
        // N = 15 does not fit even the shortest cycle: the estimate exceeds the limit
        let r = krylov_restart(15, 16 * gib);
        assert_eq!(r, KRYLOV_MIN_RESTART);
        assert!(krylov_bytes(15, r) > 16 * gib);
    }
}
