//! Direct sparse solve of `L x = 0, tr(x) = 1`.
//!
//! The kernel of a Liouvillian with a unique steady state is one-dimensional and the trace
//! functional `tr(x) = sum_s x[index(s, s)]` is non-zero on it, so replacing one equation of
//! `L x = 0` by `tr(x) = 1` gives a non-singular system `A x = e_r`: the rows of `L` summed over
//! the populations vanish (trace preservation), so the replaced row is a linear combination of
//! the others and no information is lost.

use crate::c64;
use crate::error::SolveError;
use crate::liouvillian::OperatorSpace;
use crate::options::Method;
use faer::linalg::solvers::Solve;
use faer::sparse::linalg::LuError;
use faer::sparse::{FaerError, SparseColMat, SymbolicSparseColMat};
use faer::Mat;

/// Solves `L x = 0` with `tr(x) = 1` by sparse LU (faer, COLAMD column ordering, partial
/// pivoting), the equation of the population `|0><0|` (unknown 0 in every space) replaced by
/// the trace condition.
///
/// # Errors
/// [`SolveError::Numerical`] when the factorisation fails or gives non-finite numbers.
#[track_caller]
pub(crate) fn solve(
    liouvillian: &SparseColMat<usize, c64>,
    space: &OperatorSpace,
    method: Method,
) -> Result<Vec<c64>, SolveError> {
    let m = space.len();
    assert_eq!(liouvillian.nrows(), m, "Liouvillian and space sizes differ");
    let row = space.index(0, 0).expect("|0><0| is in every space");
    // the replaced row is the first one, so pushing it first keeps every column sorted
    assert_eq!(row, 0, "the ground-state population must be unknown 0");
    let mut is_population = vec![false; m];
    for p in space.diagonal() {
        is_population[p] = true;
    }

    let mut col_ptr = Vec::with_capacity(m + 1);
    col_ptr.push(0usize);
    let nnz = liouvillian.compute_nnz() + m;
    let mut row_idx = Vec::with_capacity(nnz);
    let mut values = Vec::with_capacity(nnz);
    for (col, &population) in is_population.iter().enumerate() {
        if population {
            row_idx.push(row);
            values.push(c64::new(1.0, 0.0));
        }
        let rows = liouvillian.symbolic().row_idx_of_col_raw(col);
        for (&r, &v) in rows.iter().zip(liouvillian.val_of_col(col)) {
            if r != row {
                row_idx.push(r);
                values.push(v);
            }
        }
        col_ptr.push(row_idx.len());
    }
    let symbolic = SymbolicSparseColMat::new_checked(m, m, col_ptr, None, row_idx);
    let system = SparseColMat::new(symbolic, values);

    let lu = system.sp_lu().map_err(|e| SolveError::Numerical {
        method,
        detail: match e {
            LuError::Generic(FaerError::OutOfMemory) => format!(
                "sparse LU of the {m} x {m} trace-constrained Liouvillian ran out of memory"
            ),
            e => format!("sparse LU of the {m} x {m} trace-constrained Liouvillian failed: {e:?}"),
        },
    })?;
    let mut rhs = Mat::<c64>::zeros(m, 1);
    rhs[(row, 0)] = c64::new(1.0, 0.0);
    lu.solve_in_place(rhs.as_mut());
    let x: Vec<c64> = (0..m).map(|i| rhs[(i, 0)]).collect();
    if let Some(bad) = x
        .iter()
        .position(|v| !v.re.is_finite() || !v.im.is_finite())
    {
        return Err(SolveError::Numerical {
            method,
            detail: format!(
                "sparse LU gave a non-finite solution (entry {bad} = {}): the \
                 trace-constrained system is singular, so the kernel is degenerate",
                x[bad]
            ),
        });
    }
    Ok(x)
}
