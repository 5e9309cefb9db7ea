//! Block-diagonal Hermitian operators on the U(1) sector, stored as real numbers.
//!
//! A state on the sector is `rho = diag(X_0, ..., X_N)`, `X_k` a Hermitian `m_k x m_k` matrix,
//! `m_k = C(N, k)`, rows and columns ordered like [`Sectors::states`]. Block `k` is stored as a
//! real column-major `m_k x m_k` array `R` (offset `offsets[k]`, the same offsets as
//! [`OperatorSpace::sector`](crate::liouvillian::OperatorSpace::sector)):
//! `R[a, b] = Re X[a, b]` for `a >= b` and `R[b, a] = Im X[a, b]` for `a > b`.
//!
//! Why real: the Liouvillian maps Hermitian matrices to Hermitian matrices, and so do both
//! preconditioners, so a Krylov method started from a Hermitian vector never leaves the real
//! vector space of Hermitian matrices (its coefficients are real). Working there halves memory
//! and arithmetic against complex vectors, and the result is Hermitian by construction.
//!
//! Jumps move one excitation on the same qubit of both the row and the column state; adding or
//! removing a fixed bit preserves the order of basis states, so the lower triangle (real parts)
//! maps to the lower triangle and the upper (imaginary parts) to the upper: jumps act on `R`
//! entry by entry with real rates.

use crate::c64;
use crate::hilbert::Sectors;
use crate::linalg::vector::par_dot;
use faer::MatRef;
use rayon::prelude::*;

/// Sizes and offsets of the blocks of the sector, plus the basis bookkeeping.
#[derive(Clone, Debug)]
pub(super) struct Layout {
    /// Basis grouped by excitation number.
    pub sectors: Sectors,
    /// `m_k = C(N, k)`.
    pub sizes: Vec<usize>,
    /// `offsets[k]`: start of block `k`; `offsets[N + 1]` = total number of reals.
    pub offsets: Vec<usize>,
}

impl Layout {
    pub fn new(n: usize) -> Layout {
        let sectors = Sectors::new(n);
        let sizes: Vec<usize> = sectors.states.iter().map(Vec::len).collect();
        let mut offsets = vec![0];
        for &m in &sizes {
            offsets.push(offsets.last().unwrap() + m * m);
        }
        Layout {
            sectors,
            sizes,
            offsets,
        }
    }

    /// Number of reals (= complex unknowns of the sector, `C(2N, N)`).
    pub fn len(&self) -> usize {
        *self.offsets.last().unwrap()
    }

    /// Number of blocks, `N + 1`.
    pub fn blocks(&self) -> usize {
        self.sizes.len()
    }

    /// Block `k` of `x`.
    pub fn block<'a>(&self, x: &'a [f64], k: usize) -> &'a [f64] {
        &x[self.offsets[k]..self.offsets[k + 1]]
    }

    /// Splits `x` into its mutable blocks.
    pub fn blocks_mut<'a>(&self, x: &'a mut [f64]) -> Vec<&'a mut [f64]> {
        let mut out = Vec::with_capacity(self.blocks());
        let mut rest = x;
        for &m in &self.sizes {
            let (head, tail) = rest.split_at_mut(m * m);
            out.push(head);
            rest = tail;
        }
        out
    }

    /// `tr(rho)`: the sum of the diagonals.
    pub fn trace(&self, x: &[f64]) -> f64 {
        (0..self.blocks())
            .map(|k| {
                let m = self.sizes[k];
                let r = self.block(x, k);
                (0..m).map(|a| r[a + a * m]).sum::<f64>()
            })
            .sum()
    }

    /// Hilbert-Schmidt norm `sqrt(tr(rho^dag rho))`: off-diagonal entries count twice.
    pub fn hs_norm(&self, x: &[f64]) -> f64 {
        let all = par_dot(x, x);
        let diag: f64 = (0..self.blocks())
            .map(|k| {
                let m = self.sizes[k];
                let r = self.block(x, k);
                (0..m).map(|a| r[a + a * m] * r[a + a * m]).sum::<f64>()
            })
            .sum();
        (2.0 * all - diag).max(0.0).sqrt()
    }

    /// The state as complex numbers in the order of
    /// [`OperatorSpace::sector`](crate::liouvillian::OperatorSpace::sector).
    pub fn to_complex(&self, x: &[f64]) -> Vec<c64> {
        let mut out = vec![c64::new(0.0, 0.0); self.len()];
        for k in 0..self.blocks() {
            let m = self.sizes[k];
            let r = self.block(x, k);
            let o = &mut out[self.offsets[k]..self.offsets[k + 1]];
            for b in 0..m {
                for a in 0..m {
                    o[a + b * m] = entry(r, m, a, b);
                }
            }
        }
        out
    }
}

/// `X[a, b]` of a packed Hermitian block.
#[inline]
pub(super) fn entry(r: &[f64], m: usize, a: usize, b: usize) -> c64 {
    use std::cmp::Ordering::*;
    match a.cmp(&b) {
        Greater => c64::new(r[a + b * m], r[b + a * m]),
        Less => c64::new(r[b + a * m], -r[a + b * m]),
        Equal => c64::new(r[a + a * m], 0.0),
    }
}

/// Floating-point type of dense work arrays (`f32` for the preconditioner's products).
pub(super) trait Precision: faer::traits::RealField + Copy + Send + Sync + 'static {
    /// `x` rounded to this type.
    fn of(x: f64) -> Self;
    /// Back to `f64`.
    fn wide(self) -> f64;
}

impl Precision for f32 {
    fn of(x: f64) -> f32 {
        x as f32
    }
    fn wide(self) -> f64 {
        self as f64
    }
}

impl Precision for f64 {
    fn of(x: f64) -> f64 {
        x
    }
    fn wide(self) -> f64 {
        self
    }
}

/// Side of the square tiles of the transposing copies (a tile of both orientations stays in
/// cache).
const TILE: usize = 32;

/// Splits packed block `r` into its real part `S` (symmetric) and imaginary part `A`
/// (antisymmetric), both full column-major `m x m`: `S_ib = r[max, min]`,
/// `A_ib = r[b, i]` (`i > b`), `-r[i, b]` (`i < b`). Copies by tiles, in parallel over
/// column strips.
pub(super) fn unpack<T: Precision>(r: &[f64], m: usize, s: &mut [T], a: &mut [T]) {
    s.par_chunks_mut(TILE * m)
        .zip(a.par_chunks_mut(TILE * m))
        .enumerate()
        .for_each(|(strip, (s_cols, a_cols))| {
            let b0 = strip * TILE;
            let width = s_cols.len() / m;
            for i0 in (0..m).step_by(TILE) {
                for db in 0..width {
                    let b = b0 + db;
                    for i in i0..(i0 + TILE).min(m) {
                        let (sv, av) = if i > b {
                            (r[i + b * m], r[b + i * m])
                        } else if i < b {
                            (r[b + i * m], -r[i + b * m])
                        } else {
                            (r[i + i * m], 0.0)
                        };
                        s_cols[i + db * m] = T::of(sv);
                        a_cols[i + db * m] = T::of(av);
                    }
                }
            }
        });
}

/// Packs the lower triangles of `S` (symmetric part) and `A` (antisymmetric part) into `out`:
/// `out[i + j m] = S_ij` for `i >= j`, `A_ji` for `i < j`.
pub(super) fn pack<T: Precision>(s: MatRef<'_, T>, a: MatRef<'_, T>, out: &mut [f64]) {
    fill_tiled(out, s.nrows(), |i, j| {
        if i >= j { s[(i, j)] } else { a[(j, i)] }.wide()
    });
}

/// `out[i + b m] = f(i, b)` for the column-major `m x m` block `out`, by square tiles, in
/// parallel over column strips: where `f` reads transposed positions (`[b, i]`) of other
/// blocks, a tile and its mirror stay in cache ([`pack`], the Liouvillian's commutators).
pub(super) fn fill_tiled(out: &mut [f64], m: usize, f: impl Fn(usize, usize) -> f64 + Sync) {
    out.par_chunks_mut(TILE * m)
        .enumerate()
        .for_each(|(strip, cols)| {
            let b0 = strip * TILE;
            let width = cols.len() / m;
            for i0 in (0..m).step_by(TILE) {
                for db in 0..width {
                    for i in i0..(i0 + TILE).min(m) {
                        cols[i + db * m] = f(i, b0 + db);
                    }
                }
            }
        });
}
