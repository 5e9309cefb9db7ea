//! Wootters concurrence of a two-qubit state.

use crate::c64;
use crate::state::StateError;
use faer::{Mat, Side};

/// Wootters' concurrence `max(0, s_1 - s_2 - s_3 - s_4)` of the two-qubit density matrix
/// `rho` (any product basis of the two qubits): `s_i` are the singular values of
/// `sqrt(rho) Y sqrt(rho)^*`, `Y = sigma_y (x) sigma_y`, which are the square roots of the
/// eigenvalues of `rho (Y rho^* Y)` (W. K. Wootters, PRL 80, 2245 (1998)).
///
/// ```
/// use qbat_core::{c64, wootters_concurrence};
/// let (o, h) = (c64::new(0.0, 0.0), c64::new(0.5, 0.0));
/// // the Bell state (|01> + |10>)/sqrt(2)
/// let bell = [[o, o, o, o], [o, h, h, o], [o, h, h, o], [o, o, o, o]];
/// assert!((wootters_concurrence(&bell).unwrap() - 1.0).abs() < 1e-12);
/// ```
///
/// # Errors
/// [`StateError::Numerical`] when a dense decomposition fails.
pub fn wootters_concurrence(rho: &[[c64; 4]; 4]) -> Result<f64, StateError> {
    let m = Mat::<c64>::from_fn(4, 4, |a, b| rho[a][b]);
    let eig = m
        .self_adjoint_eigen(Side::Lower)
        .map_err(|e| StateError::Numerical(format!("eigen of a two-qubit state: {e:?}")))?;
    let (u, s) = (eig.U(), eig.S());
    let root = Mat::<c64>::from_fn(4, 4, |a, b| {
        (0..4)
            .map(|k| u[(a, k)] * s[k].re.max(0.0).sqrt() * u[(b, k)].conj())
            .sum()
    });
    // Y = sigma_y (x) sigma_y: |ab> -> -(-1)^{a+b}... as a matrix: anti-diagonal [-1, 1, 1, -1]
    let y_sign = [-1.0, 1.0, 1.0, -1.0];
    let a = Mat::<c64>::from_fn(4, 4, |i, j| {
        (0..4)
            .map(|k| root[(i, k)] * y_sign[k] * root[(3 - k, j)].conj())
            .sum()
    });
    let mut sv = a
        .singular_values()
        .map_err(|e| StateError::Numerical(format!("singular values: {e:?}")))?;
    sv.sort_by(|p, q| q.total_cmp(p));
    Ok((sv[0] - sv[1] - sv[2] - sv[3]).max(0.0))
}
