//! Kernel of the Liouvillian and the exact `t -> infinity` state when it is degenerate.
//!
//! Every operator of the model conserves `q = exc(i) - exc(j)` of `|i><j|`, so `L` is block
//! diagonal in `q`, with `n_q = C(2N, N - q)` unknowns in block `q`; Hermitian conjugation maps
//! block `q` onto block `-q`, so both have the same kernel dimension and
//! `dim ker L = k_0 + 2 sum_{q > 0} k_q`.
//!
//! Each block's kernel is found by a dense SVD `L_q = U S V^dag`: singular values
//! `s <= KERNEL_RTOL * s_max` count as zero; when faer's SVD does not converge (it happened on the
//! 2002 x 2002 `q = 2` block of a collective N = 7 star), by a column-pivoted QR whose rank
//! decision is verified to be the SVD's (dense_kernel.rs; the diagnostics' reason says when).
//! On the `q = 0` block, which holds every initial state used, the kernel vectors span the right
//! kernel `R` (the last columns of `V`) and the left kernel `K` (the kernel of `L_0^dag`, the
//! last columns of `U`). The eigenvalue 0 of a Lindblad generator is semisimple, so the spectral
//! projector on the kernel is `P_0 = R (K^dag R)^{-1} K^dag`, and when every other eigenvalue
//! has a negative real part, `rho(t) -> P_0 rho(0)`. Purely imaginary eigenvalues `i w` would
//! make `rho(t)` oscillate forever; `P_0 rho(0)` is then its time average, and
//! [`long_time_state`] says so when the initial state excites them.
//!
//! Individual dissipation needs none of this: with `sigma_-^i` or `sigma_+^i` a jump operator
//! of positive rate on every qubit, the set `{L_k, L_k^dag}` generates the full matrix algebra,
//! and the stationary state is unique (Spohn, Rep. Math. Phys. 10, 189 (1976); Evans, Commun.
//! Math. Phys. 54, 293 (1977)); a unit test checks `dim ker L = 1` numerically on small N.

use super::dense_kernel::{dense_kernel, DenseKernel, Strategy, Vectors, KERNEL_RTOL};
use super::kernel_failure::KernelFailure;
use crate::c64;
use crate::error::SolveError;
use crate::liouvillian::{assemble, OperatorSpace};
use crate::model::{InitialState, Model};
use crate::options::Method;
use faer::linalg::solvers::Solve;
use faer::sparse::SparseColMat;
use faer::Mat;

/// Largest `q = 0` block (unknowns) whose full spectrum is computed to look for purely imaginary
/// eigenvalues.
const PERIPHERAL_MAX_UNKNOWNS: usize = 1000;
/// At most this many distinct oscillation frequencies are examined.
const PERIPHERAL_MAX_FREQUENCIES: usize = 16;

/// The `t -> infinity` state over the unknowns of a space, with what was learned on the way.
pub(crate) struct LongTime {
    /// `x[space.index(i, j)] = rho_inf[i, j]` (zero outside the `q = 0` block).
    pub x: Vec<c64>,
    /// `dim ker L`, all blocks.
    pub kernel_dim: usize,
    /// A sentence on the kernel and the oscillating modes, for the diagnostics.
    pub note: String,
}

/// Unknowns of `space` with `exc(i) - exc(j) = q`, in the space's order.
pub(crate) fn block_unknowns(space: &OperatorSpace, q: isize) -> Vec<usize> {
    (0..space.len())
        .filter(|&idx| {
            let (i, j) = space.pair(idx);
            i.count_ones() as isize - j.count_ones() as isize == q
        })
        .collect()
}

/// The dense submatrix of `liouvillian` on the unknowns `indices` (a union of `q` blocks, so
/// nothing is lost).
pub(crate) fn dense_block(liouvillian: &SparseColMat<usize, c64>, indices: &[usize]) -> Mat<c64> {
    let mut local = vec![usize::MAX; liouvillian.nrows()];
    for (a, &idx) in indices.iter().enumerate() {
        local[idx] = a;
    }
    let size = indices.len();
    let mut block = Mat::<c64>::zeros(size, size);
    for (b, &col) in indices.iter().enumerate() {
        let rows = liouvillian.symbolic().row_idx_of_col_raw(col);
        for (&r, &v) in rows.iter().zip(liouvillian.val_of_col(col)) {
            assert!(
                local[r] != usize::MAX,
                "the unknowns do not form an invariant block"
            );
            block[(local[r], b)] = v;
        }
    }
    block
}

/// The kernel dimension of every block of `full` (the Liouvillian on all `4^N` operators) but
/// `q = 0`, with a note on the blocks whose SVD failed.
pub(crate) struct OtherBlocks {
    /// `2 sum_{q > 0} k_q` (blocks `-q` mirror blocks `q`).
    pub kernel_dim: usize,
    /// One entry per block whose kernel came from the QR fallback.
    pub fallbacks: Vec<String>,
}

/// `dim ker L` outside the `q = 0` block, from the dense kernels of blocks `q = 1..=N`.
///
/// # Errors
/// The failure, with the block, when no decomposition of a block gives a clear rank decision.
pub(crate) fn other_blocks(
    n: usize,
    full: &SparseColMat<usize, c64>,
    strategy: Strategy,
) -> Result<OtherBlocks, KernelFailure> {
    let space = OperatorSpace::full(n);
    let mut kernel_dim = 0;
    let mut fallbacks = Vec::new();
    for q in 1..=n as isize {
        let block = dense_block(full, &block_unknowns(&space, q));
        let kernel = dense_kernel(&block, Vectors::No, strategy)
            .map_err(|e| e.within(&format!("q = {q} block")))?;
        if kernel.svd_failure.is_some() {
            fallbacks.push(format!(
                "q = {q} block ({} unknowns): {}",
                block.nrows(),
                kernel.describe()
            ));
        }
        kernel_dim += 2 * kernel.dim;
    }
    Ok(OtherBlocks {
        kernel_dim,
        fallbacks,
    })
}

/// The exact `t -> infinity` state from `initial` over the unknowns of `space` (full or sector),
/// by spectral projection on the kernel of the `q = 0` block of `liouvillian` (the Liouvillian on
/// `space`). The kernel dimension of the other blocks is counted on the full Liouvillian.
///
/// # Errors
/// [`SolveError::NoKernel`] when the kernel is empty, [`SolveError::Numerical`] when a dense
/// decomposition fails or the kernel is not semisimple (neither happens for a Lindblad
/// generator).
pub(crate) fn long_time_state(
    model: &Model,
    space: &OperatorSpace,
    liouvillian: &SparseColMat<usize, c64>,
    initial: InitialState,
    method: Method,
) -> Result<LongTime, SolveError> {
    long_time_state_with(
        model,
        space,
        liouvillian,
        initial,
        method,
        Strategy::SvdThenQr,
    )
}

/// [`long_time_state`] with the dense decompositions chosen by `strategy` (tests force the QR
/// fallback with it).
pub(crate) fn long_time_state_with(
    model: &Model,
    space: &OperatorSpace,
    liouvillian: &SparseColMat<usize, c64>,
    initial: InitialState,
    method: Method,
    strategy: Strategy,
) -> Result<LongTime, SolveError> {
    let fail = |e: KernelFailure| e.error(method);
    let indices = block_unknowns(space, 0);
    let block = dense_block(liouvillian, &indices);
    let size = indices.len();
    let kernel =
        dense_kernel(&block, Vectors::Both, strategy).map_err(|e| fail(e.within("q = 0 block")))?;
    let k0 = kernel.dim;
    let top = kernel.s_max;
    if k0 == 0 {
        return Err(SolveError::NoKernel {
            method,
            block: "q = 0",
            unknowns: size,
            smallest: kernel.smallest_nonzero / kernel.s_max,
            threshold: KERNEL_RTOL,
            s_max: kernel.s_max,
            decomposition: kernel.decomposition_name(),
        });
    }
    let DenseKernel { right, left, .. } = &kernel;

    let dim = space.hilbert_dim();
    let rho0 = Mat::<c64>::from_fn(size, 1, |a, _| {
        let (i, j) = space.pair(indices[a]);
        let p = match initial {
            InitialState::Ground => (i == 0) as u8 as f64,
            InitialState::Excited => (i == dim - 1) as u8 as f64,
            InitialState::Mixed => 1.0 / dim as f64,
        };
        c64::new(if i == j { p } else { 0.0 }, 0.0)
    });
    let y = project(left, right, &rho0).map_err(fail)?;
    let rho_inf = right * &y;

    let mut x = vec![c64::new(0.0, 0.0); space.len()];
    for (a, &idx) in indices.iter().enumerate() {
        x[idx] = rho_inf[(a, 0)];
    }
    let others = match space {
        OperatorSpace::Full { .. } => other_blocks(model.n, liouvillian, strategy),
        OperatorSpace::Sector { .. } => other_blocks(
            model.n,
            &assemble(model, &OperatorSpace::full(model.n)),
            strategy,
        ),
    }
    .map_err(fail)?;
    let kernel_dim = k0 + others.kernel_dim;
    let peripheral = peripheral_note(&block, top, &rho0, strategy).map_err(fail)?;
    let mut note = format!("dim ker L = {kernel_dim} ({k0} in the q = 0 block); {peripheral}");
    if kernel.svd_failure.is_some() {
        note.push_str(&format!("; q = 0 block: {}", kernel.describe()));
    }
    for fallback in &others.fallbacks {
        note.push_str(&format!("; {fallback}"));
    }
    Ok(LongTime {
        x,
        kernel_dim,
        note,
    })
}

/// Smallest cosine accepted between the left and right kernels (singular value of `K^dag R`).
const SEMISIMPLE_OVERLAP: f64 = 1e-8;

/// `y = (K^dag R)^{-1} K^dag v`: the coordinates in `R` of the spectral projection of `v`.
fn project(left: &Mat<c64>, right: &Mat<c64>, v: &Mat<c64>) -> Result<Mat<c64>, KernelFailure> {
    let overlap = left.adjoint() * right;
    let s = overlap
        .singular_values()
        .map_err(|e| KernelFailure::Failed(format!("SVD of the kernel overlap: {e:?}")))?;
    let smallest = s.last().copied().unwrap_or(0.0);
    // K and R are orthonormal, so the singular values of K^dag R are cosines of angles between
    // the left and right kernels; a vanishing one means a Jordan block at the eigenvalue
    if smallest < SEMISIMPLE_OVERLAP {
        return Err(KernelFailure::Rank {
            quantity: "smallest singular value of the kernel overlap K^dag R".into(),
            value: smallest,
            threshold: SEMISIMPLE_OVERLAP,
            context: "left and right kernels nearly orthogonal: the eigenvalue is not semisimple"
                .into(),
        });
    }
    let coefficients = left.adjoint() * v;
    Ok(overlap.partial_piv_lu().solve(&coefficients))
}

/// Looks for purely imaginary eigenvalues `i w` of the `q = 0` block and whether `rho0` has a
/// component on their eigenspaces (then `rho(t)` never settles and the projection is its time
/// average).
fn peripheral_note(
    block: &Mat<c64>,
    top: f64,
    rho0: &Mat<c64>,
    strategy: Strategy,
) -> Result<String, KernelFailure> {
    let size = block.nrows();
    if size > PERIPHERAL_MAX_UNKNOWNS {
        return Ok(format!(
            "purely imaginary eigenvalues not examined (q = 0 block {size} > \
             {PERIPHERAL_MAX_UNKNOWNS} unknowns)"
        ));
    }
    let tol = 1e-8 * top;
    let eigenvalues = block
        .eigenvalues()
        .map_err(|e| KernelFailure::Failed(format!("eigenvalues of the q = 0 block: {e:?}")))?;
    let mut frequencies: Vec<f64> = Vec::new();
    for lambda in eigenvalues {
        let peripheral = lambda.re.abs() <= tol && lambda.im.abs() > tol;
        if peripheral && !frequencies.iter().any(|w| (w - lambda.im).abs() <= tol) {
            frequencies.push(lambda.im);
        }
    }
    if frequencies.is_empty() {
        return Ok("no purely imaginary eigenvalues: rho(t) converges".into());
    }
    if frequencies.len() > PERIPHERAL_MAX_FREQUENCIES {
        return Ok(format!(
            "{} purely imaginary eigenvalues, their excitation not examined",
            frequencies.len()
        ));
    }
    let mut excited = Vec::new();
    for &w in &frequencies {
        let mut shifted = block.clone();
        for i in 0..size {
            shifted[(i, i)] -= c64::new(0.0, w);
        }
        let kernel = dense_kernel(&shifted, Vectors::Both, strategy)
            .map_err(|e| e.within(&format!("L_0 - i w, w = {w}")))?;
        if kernel.dim == 0 {
            continue;
        }
        let y = project(&kernel.left, &kernel.right, rho0)?;
        let weight = (&kernel.right * &y).norm_l2();
        if weight > 1e-10 {
            excited.push(format!("w = {w:.6} (weight {weight:.2e})"));
        }
    }
    Ok(if excited.is_empty() {
        format!(
            "{} purely imaginary eigenvalue(s), none excited by the initial state: rho(t) converges",
            frequencies.len()
        )
    } else {
        format!(
            "WARNING: rho(t) keeps oscillating at {}; the state returned is its time average",
            excited.join(", ")
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Dissipation, ModelSpec, PerQubit, Topology};
    use rand::{Rng, SeedableRng};
    use rand_chacha::ChaCha8Rng;

    fn full_kernel_dim(model: &Model) -> usize {
        let space = OperatorSpace::full(model.n);
        let full = assemble(model, &space);
        let q0 = dense_block(&full, &block_unknowns(&space, 0));
        let q0 = dense_kernel(&q0, Vectors::No, Strategy::SvdThenQr).unwrap();
        let others = other_blocks(model.n, &full, Strategy::SvdThenQr).unwrap();
        q0.dim + others.kernel_dim
    }

    #[test]
    fn collective_star_kernel_dimensions() {
        // QuTiP 5.3.1 reference data, tests/data/reference (N = 2, 3, 4: kernel_dim 2, 2, 9); N = 5:
        // 14, QuTiP 5.3.1 measurement quoted in issue 2 (kernel dims 2, 2, 9, 14, 67, 132 for
        // N = 2..7)
        for (n, expected) in [(1, 1), (2, 2), (3, 2), (4, 9), (5, 14)] {
            let model = Model::new(&ModelSpec {
                n: Some(n),
                dissipation: Some(Dissipation::Collective),
                mu: Some(PerQubit::Uniform(3.0)),
                ..ModelSpec::default()
            })
            .unwrap();
            assert_eq!(full_kernel_dim(&model), expected, "N = {n}");
        }
    }

    #[test]
    fn individual_kernel_is_one_dimensional() {
        // Spohn (1976) / Evans (1977): {sigma_-^i, sigma_+^i} generate the full algebra, so the
        // stationary state is unique; checked on random models, T = 0 included (one rate zero)
        let mut rng = ChaCha8Rng::seed_from_u64(5);
        for n in 1..=4 {
            for topology in [
                Topology::Star,
                Topology::Chain,
                Topology::Ring,
                Topology::Complete,
            ] {
                let list = |rng: &mut ChaCha8Rng, lo: f64, hi: f64| {
                    PerQubit::List((0..n).map(|_| rng.gen_range(lo..hi)).collect())
                };
                let temperature = if n == 2 {
                    PerQubit::Uniform(0.0)
                } else {
                    list(&mut rng, 0.1, 3.0)
                };
                let model = Model::new(&ModelSpec {
                    n: Some(n),
                    topology: Some(topology),
                    omega0: Some(list(&mut rng, 0.5, 3.0)),
                    coupling: Some(rng.gen_range(0.1..2.0)),
                    gamma: Some(list(&mut rng, 0.2, 2.0)),
                    temperature: Some(temperature),
                    mu: Some(list(&mut rng, -2.0, 3.0)),
                    dmu: Some(0.0),
                    ..ModelSpec::default()
                })
                .unwrap();
                assert_eq!(full_kernel_dim(&model), 1, "N = {n}, {model:?}");
            }
        }
    }
}
