//! The Liouvillian inside one block `battery (x) spin j`, sector by sector.
//!
//! Everything that acts inside a block (the Hamiltonian, the battery's own jumps, the collective
//! jumps) is written with 2x2 matrices on the sectors `(u_s, v_s)` of
//! [`layout`](super::layout):
//! - `H = omega0_b sigma_z^0 + 2 omega0_a S_z + J (sigma_+^0 S_- + sigma_-^0 S_+)` keeps the
//!   sector: `H_s = [[E_u, h], [h, E_v]]` with `E_u = omega0_b + 2 omega0_a m_u`,
//!   `E_v = -omega0_b + 2 omega0_a m_v` (`m_v = m_u + 1`), `h = J sqrt((j - m_u)(j + m_u + 1))`
//!   (`sigma_-^0 S_+ |e, m_u> = sqrt((j - m_u)(j + m_u + 1)) |g, m_u + 1>`).
//! - A lowering operator `c_b sigma_-^0 + c_a S_-` maps sector `s` to `s - 1` with the matrix
//!   `A_s = [[c_a a(m_u), 0], [c_b, c_a a(m_v)]]` (rows `u_{s-1}, v_{s-1}`), where
//!   `a(m) = <j, m-1| S_- |j, m> = sqrt((j + m)(j - m + 1))`; its adjoint is `A_s^T`.
//! - `D[A] R = A R A^T - {A^T A, R}/2` then moves `R_s` into sectors `s - 1` (gain) and `s`
//!   (loss); a raising operator moves `R_s` into `s + 1` and `s`.
//!
//! States that do not exist (`u_0`, `v_{2j+1}`) get zero matrix elements from these formulas
//! (`a(-j) = 0`, `h = 0` at the edges), so no special cases are needed.

use super::layout::{parts, sector_m, Part};
use crate::c64;

/// A complex 2x2 matrix on a sector, basis `(u_s, v_s)`.
pub(crate) type Mat2 = [[c64; 2]; 2];
/// A real 2x2 matrix.
type Real2 = [[f64; 2]; 2];

const ZERO: c64 = c64 { re: 0.0, im: 0.0 };

/// `<j, m-1| S_- |j, m> = sqrt((j + m)(j - m + 1))`, zero outside the multiplet.
#[inline]
pub(crate) fn s_minus(j: f64, m: f64) -> f64 {
    let v = (j + m) * (j - m + 1.0);
    if v > 0.0 {
        v.sqrt()
    } else {
        0.0
    }
}

/// `c_b sigma_-^0 + c_a S_-` (its adjoint is the matching raising operator).
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Lowering {
    /// Coefficient of the battery's `sigma_-^0`.
    pub battery: f64,
    /// Coefficient of the ancillas' collective `S_-`.
    pub ancillas: f64,
}

impl Lowering {
    /// The matrix from sector `s` to sector `s - 1` (`s >= 1`).
    #[inline]
    fn matrix(&self, j: f64, s: usize) -> Real2 {
        let (mu, mv) = sector_m(j, s);
        [
            [self.ancillas * s_minus(j, mu), 0.0],
            [self.battery, self.ancillas * s_minus(j, mv)],
        ]
    }
}

/// The part of the Liouvillian that acts inside every block.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct BlockGenerator {
    /// Battery frequency `omega0_0`.
    pub omega_battery: f64,
    /// Ancilla frequency `omega0_i`, `i >= 1`.
    pub omega_ancilla: f64,
    /// Exchange coupling `J`.
    pub coupling: f64,
    /// `(rate, A)` for jumps `sqrt(rate) A` with `A` lowering.
    pub lowering: Vec<(f64, Lowering)>,
    /// `(rate, A)` for jumps `sqrt(rate) A^dag` with `A` lowering.
    pub raising: Vec<(f64, Lowering)>,
}

impl BlockGenerator {
    /// `H_s` of sector `s` of block `j`, written as `c + -delta` on the diagonal with
    /// `delta = omega0_b - omega0_a`, so that identical frequencies give an exactly diagonal
    /// commutator on the coherence (`E_u - E_v = 2 delta`).
    #[inline]
    pub(crate) fn hamiltonian(&self, j: f64, s: usize) -> Real2 {
        let (mu, mv) = sector_m(j, s);
        let h = self.coupling * s_minus(j, mv);
        let centre = self.omega_ancilla * (mu + mv);
        let delta = self.omega_battery - self.omega_ancilla;
        [[centre + delta, h], [h, centre - delta]]
    }

    /// Applies the block Liouvillian to `r` placed in sector `s` of block `tj = 2j`; `emit`
    /// receives `(sector, matrix)` contributions (sectors `s - 1`, `s`, `s + 1`).
    pub(crate) fn apply(&self, tj: usize, s: usize, r: &Mat2, mut emit: impl FnMut(usize, Mat2)) {
        let j = tj as f64 / 2.0;
        emit(s, commutator(&self.hamiltonian(j, s), r));
        for &(rate, op) in &self.lowering {
            if s >= 1 {
                let a = op.matrix(j, s);
                emit(s - 1, scale(rate, &sandwich(&a, r)));
                emit(s, scale(-0.5 * rate, &anti(&gram_t(&a), r)));
            }
        }
        for &(rate, op) in &self.raising {
            if s <= tj {
                let a = op.matrix(j, s + 1);
                emit(s + 1, scale(rate, &sandwich(&transpose(&a), r)));
                emit(s, scale(-0.5 * rate, &anti(&gram(&a), r)));
            }
        }
    }
}

/// The Hermitian matrix of unit `part` (`X` = `|u><v| + |v><u|`, `Y` = `i|u><v| - i|v><u|`).
pub(crate) fn unit(part: Part) -> Mat2 {
    let one = c64::new(1.0, 0.0);
    let i = c64::new(0.0, 1.0);
    match part {
        Part::A => [[one, ZERO], [ZERO, ZERO]],
        Part::B => [[ZERO, ZERO], [ZERO, one]],
        Part::X => [[ZERO, one], [one, ZERO]],
        Part::Y => [[ZERO, i], [-i, ZERO]],
    }
}

/// The existing real parts of a Hermitian sector matrix.
pub(crate) fn real_parts(tj: usize, s: usize, m: &Mat2) -> impl Iterator<Item = (Part, f64)> + '_ {
    parts(tj, s).iter().map(move |&p| {
        let v = match p {
            Part::A => m[0][0].re,
            Part::B => m[1][1].re,
            Part::X => m[0][1].re,
            Part::Y => m[0][1].im,
        };
        (p, v)
    })
}

/// `-i (H R - R H)`.
fn commutator(h: &Real2, r: &Mat2) -> Mat2 {
    let mut out = [[ZERO; 2]; 2];
    for (i, row) in out.iter_mut().enumerate() {
        for (k, o) in row.iter_mut().enumerate() {
            let mut v = ZERO;
            for l in 0..2 {
                v += r[l][k] * h[i][l] - r[i][l] * h[l][k];
            }
            *o = c64::new(v.im, -v.re);
        }
    }
    out
}

/// `A R A^T` (A real).
fn sandwich(a: &Real2, r: &Mat2) -> Mat2 {
    let mut out = [[ZERO; 2]; 2];
    for (i, row) in out.iter_mut().enumerate() {
        for (k, o) in row.iter_mut().enumerate() {
            for p in 0..2 {
                for q in 0..2 {
                    *o += r[p][q] * (a[i][p] * a[k][q]);
                }
            }
        }
    }
    out
}

/// `K R + R K` (K real).
fn anti(k: &Real2, r: &Mat2) -> Mat2 {
    let mut out = [[ZERO; 2]; 2];
    for (i, row) in out.iter_mut().enumerate() {
        for (c, o) in row.iter_mut().enumerate() {
            for l in 0..2 {
                *o += r[l][c] * k[i][l] + r[i][l] * k[l][c];
            }
        }
    }
    out
}

fn transpose(a: &Real2) -> Real2 {
    [[a[0][0], a[1][0]], [a[0][1], a[1][1]]]
}

/// `A^T A`.
fn gram_t(a: &Real2) -> Real2 {
    let mut out = [[0.0; 2]; 2];
    for (i, row) in out.iter_mut().enumerate() {
        for (k, o) in row.iter_mut().enumerate() {
            *o = a[0][i] * a[0][k] + a[1][i] * a[1][k];
        }
    }
    out
}

/// `A A^T`.
fn gram(a: &Real2) -> Real2 {
    gram_t(&transpose(a))
}

fn scale(f: f64, m: &Mat2) -> Mat2 {
    [[m[0][0] * f, m[0][1] * f], [m[1][0] * f, m[1][1] * f]]
}
