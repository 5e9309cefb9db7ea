//! From the Dicke-basis state to what every method reports.
//!
//! With `R_j` summed over the degenerate copies ([`layout`](super::layout)):
//! - `rho_battery = [[sum a, 0], [0, sum b]]` (basis `(|e>, |g>)`; the battery coherence
//!   `<e|rho_B|g>` changes the excitation number and vanishes in the U(1) block);
//! - an ancilla's excited population is `(1/M) sum (M/2 + m) <b, m|R_j|b, m>`;
//! - `tr(rho H) = sum_j sum_s (a E_u + b E_v + 2 h x)`;
//! - the full density matrix is `sum_j (1_{d_j}/d_j) (x) R_j`, block-diagonal in `(j, s)`, so
//!   its eigenvalues are those of every 2x2 sector matrix divided by `d_j`.

use super::block::{real_parts, BlockGenerator, Mat2};
use super::counting::ln_degeneracies;
use super::layout::{local_index, sector_m, Part};
use crate::c64;

/// The reported quantities of a state given by its blocks `(2j, unknowns)`.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Reduced {
    /// `<e|rho_B|e>`.
    pub battery_excited: f64,
    /// `<g|rho_B|g>`.
    pub battery_ground: f64,
    /// Excited population of one ancilla (0 without ancillas).
    pub ancilla_excited: f64,
    /// `tr(rho H_S)`.
    pub energy: f64,
    /// Smallest eigenvalue of the full density matrix.
    pub min_eigenvalue: f64,
}

/// The 2x2 matrix of sector `s` of a block.
pub(crate) fn sector(tj: usize, x: &[f64], s: usize) -> Mat2 {
    let get = |p: Part| local_index(tj, s, p).map_or(0.0, |k| x[k]);
    let (a, b, re, im) = (get(Part::A), get(Part::B), get(Part::X), get(Part::Y));
    [
        [c64::new(a, 0.0), c64::new(re, im)],
        [c64::new(re, -im), c64::new(b, 0.0)],
    ]
}

/// Reduces the blocks of a state of `ancillas` spins; blocks not listed are zero.
pub(crate) fn reduce<'a>(
    ancillas: usize,
    generator: &BlockGenerator,
    blocks: impl Iterator<Item = (usize, &'a [f64])>,
) -> Reduced {
    let mut sum = Sums::new(ancillas, generator);
    let mut listed = 0;
    for (tj, x) in blocks {
        listed += 1;
        for s in 0..=tj + 1 {
            let r = sector(tj, x, s);
            sum.add(tj, s, [r[0][0].re, r[1][1].re, r[0][1].re, r[0][1].im]);
        }
    }
    let complete = listed == sum.ln_d.len();
    sum.finish(complete)
}

/// The sums behind [`Reduced`], sector by sector.
pub(crate) struct Sums<'g> {
    ancillas: usize,
    generator: &'g BlockGenerator,
    ln_d: Vec<f64>,
    pe: f64,
    pg: f64,
    anc: f64,
    energy: f64,
    min_eigenvalue: f64,
}

impl<'g> Sums<'g> {
    pub(crate) fn new(ancillas: usize, generator: &'g BlockGenerator) -> Sums<'g> {
        Sums {
            ancillas,
            generator,
            ln_d: ln_degeneracies(ancillas),
            pe: 0.0,
            pg: 0.0,
            anc: 0.0,
            energy: 0.0,
            min_eigenvalue: f64::INFINITY,
        }
    }

    /// Adds sector `s` of block `tj` with unknowns `[a, b, x, y]` (0 for missing parts).
    pub(crate) fn add(&mut self, tj: usize, s: usize, [a, b, re, im]: [f64; 4]) {
        let j = tj as f64 / 2.0;
        let half = self.ancillas as f64 / 2.0;
        let (m_u, m_v) = sector_m(j, s);
        let h = self.generator.hamiltonian(j, s);
        self.pe += a;
        self.pg += b;
        self.anc += a * (half + m_u) + b * (half + m_v);
        self.energy += a * h[0][0] + b * h[1][1] + 2.0 * re * h[0][1];
        let lambda = if s == 0 {
            b
        } else if s == tj + 1 {
            a
        } else {
            0.5 * (a + b) - (0.25 * (a - b) * (a - b) + re * re + im * im).sqrt()
        };
        // eigenvalue lambda / d_j of the full matrix, without overflowing d_j (zero sectors,
        // most of the layout in a truncated trajectory, skip the logarithm)
        let full = if lambda == 0.0 {
            0.0
        } else {
            let ln_dj = self.ln_d[(self.ancillas - tj) / 2];
            lambda.signum() * (lambda.abs().ln() - ln_dj).exp()
        };
        self.min_eigenvalue = self.min_eigenvalue.min(full);
    }

    /// The reduced quantities; `complete`: every sector was added (else the others are zero
    /// and so are some eigenvalues of the full matrix).
    pub(crate) fn finish(self, complete: bool) -> Reduced {
        let min_eigenvalue = if complete {
            self.min_eigenvalue
        } else {
            self.min_eigenvalue.min(0.0)
        };
        Reduced {
            battery_excited: self.pe,
            battery_ground: self.pg,
            ancilla_excited: if self.ancillas == 0 {
                0.0
            } else {
                self.anc / self.ancillas as f64
            },
            energy: self.energy,
            min_eigenvalue,
        }
    }
}

/// `sum` of squares of `L_block x` over a block (the within-block Liouvillian only: all of it
/// for collective dissipation).
pub(crate) fn block_residual_squared(generator: &BlockGenerator, tj: usize, x: &[f64]) -> f64 {
    let zero = c64::new(0.0, 0.0);
    let mut out = vec![[[zero; 2]; 2]; tj + 2];
    for s in 0..=tj + 1 {
        let r = sector(tj, x, s);
        generator.apply(tj, s, &r, |s2, m| {
            for (row, add) in out[s2].iter_mut().zip(m.iter()) {
                for (o, v) in row.iter_mut().zip(add.iter()) {
                    *o += *v;
                }
            }
        });
    }
    let mut total = 0.0;
    for (s, m) in out.iter().enumerate() {
        for (_, v) in real_parts(tj, s, m) {
            total += v * v;
        }
    }
    total
}
