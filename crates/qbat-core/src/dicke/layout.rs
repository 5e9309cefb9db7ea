//! Where every real unknown of the Dicke representation lives.
//!
//! The `M = N - 1` identical ancillas decompose into total-spin blocks `j = M/2, M/2 - 1, ...,
//! 0 or 1/2`, block `j` occurring `d_j` times. A permutation-invariant state is
//! `rho = sum_j (1_{d_j} / d_j) (x) R_j`, with `R_j` an operator on battery (x) spin `j`; an entry
//! of `R_j` is the sum over the `d_j` degenerate copies, so `sum_j tr R_j = 1` and the partial
//! trace over the ancillas is a plain sum.
//!
//! U(1) (the total excitation number is conserved) makes every `R_j` block-diagonal in the
//! *sectors* `s = 0..=2j+1` of battery (x) spin `j`: sector `s` holds `u_s = |e, m = s-1-j>`
//! (when `s >= 1`) and `v_s = |g, m = s-j>` (when `s <= 2j`), both with `M/2 - j + s`
//! excitations. Sector `s` of `R_j` is the Hermitian 2x2 matrix `[[a, x + i y], [x - i y, b]]`
//! in the basis `(u_s, v_s)`: four real unknowns (one in the edge sectors `s = 0`, `s = 2j+1`),
//! `8j + 2` per block.
//!
//! Blocks are indexed by `l = M/2 - j = 0, 1, ...` (twice `j` is `M - 2l`); inside a block the
//! unknowns are `b` of sector 0, then `(a, b, x, y)` of sectors `1..=2j`, then `a` of sector
//! `2j+1`.

/// One of the four real numbers of a sector.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Part {
    /// `<u|R|u>`: battery excited, ancillas at `m_u`.
    A = 0,
    /// `<v|R|v>`: battery in the ground state, ancillas at `m_v = m_u + 1`.
    B = 1,
    /// `Re <u|R|v>`.
    X = 2,
    /// `Im <u|R|v>`.
    Y = 3,
}

impl Part {
    /// All parts, in storage order.
    pub(crate) const ALL: [Part; 4] = [Part::A, Part::B, Part::X, Part::Y];
}

/// Number of real unknowns of block `tj = 2j`.
#[inline]
pub(crate) fn block_len(tj: usize) -> usize {
    4 * tj + 2
}

/// The parts present in sector `s` of block `tj`.
#[inline]
pub(crate) fn parts(tj: usize, s: usize) -> &'static [Part] {
    if s == 0 {
        &[Part::B]
    } else if s == tj + 1 {
        &[Part::A]
    } else {
        &Part::ALL
    }
}

/// Position of `(s, part)` inside its block, `None` when that part does not exist.
#[inline]
pub(crate) fn local_index(tj: usize, s: usize, part: Part) -> Option<usize> {
    match (s, part) {
        (0, Part::B) => Some(0),
        (0, _) => None,
        (s, Part::A) if s == tj + 1 => Some(1 + 4 * tj),
        (s, _) if s > tj => None,
        (s, p) => Some(1 + 4 * (s - 1) + p as usize),
    }
}

/// The inverse of [`local_index`]: sector and part of position `k` of block `tj`.
#[inline]
pub(crate) fn local_pair(tj: usize, k: usize) -> (usize, Part) {
    if k == 0 {
        (0, Part::B)
    } else if k == 1 + 4 * tj {
        (tj + 1, Part::A)
    } else {
        (1 + (k - 1) / 4, Part::ALL[(k - 1) % 4])
    }
}

/// Ancilla magnetic quantum numbers `(m_u, m_v)` of sector `s` of block `j`.
#[inline]
pub(crate) fn sector_m(j: f64, s: usize) -> (f64, f64) {
    let mu = s as f64 - 1.0 - j;
    (mu, mu + 1.0)
}

/// Sector of block `j` holding the ancilla value `m` on the `u` side (battery excited).
/// Returns `None` outside `0..=2j+1`.
#[inline]
pub(crate) fn sector_of_mu(j: f64, m_u: f64) -> Option<usize> {
    let s = m_u + 1.0 + j;
    (s >= 0.0 && s <= 2.0 * j + 1.0).then_some(s as usize)
}

/// The blocks of `M` ancillas and the offsets of their unknowns.
#[derive(Clone, Debug)]
pub(crate) struct Layout {
    /// Number of ancillas `M = N - 1`.
    pub ancillas: usize,
    offsets: Vec<usize>,
}

impl Layout {
    /// All blocks `j = M/2, ..., 0 or 1/2` of `ancillas` spins.
    pub(crate) fn new(ancillas: usize) -> Layout {
        let mut offsets = vec![0];
        for l in 0..=ancillas / 2 {
            offsets.push(offsets[l] + block_len(ancillas - 2 * l));
        }
        Layout { ancillas, offsets }
    }

    /// Number of blocks.
    pub(crate) fn blocks(&self) -> usize {
        self.offsets.len() - 1
    }

    /// Twice `j` of block `l`.
    #[inline]
    pub(crate) fn tj(&self, l: usize) -> usize {
        self.ancillas - 2 * l
    }

    /// Index of the first unknown of block `l`.
    #[inline]
    pub(crate) fn offset(&self, l: usize) -> usize {
        self.offsets[l]
    }

    /// Total number of real unknowns, `sum_j (8j + 2)`.
    pub(crate) fn len(&self) -> usize {
        *self.offsets.last().unwrap()
    }

    /// The part of every unknown, in layout order (`b` of sector 0, `a b x y` of the inner
    /// sectors, `a` of the last: [`local_pair`]).
    pub(crate) fn all_parts(&self) -> Vec<Part> {
        let mut parts = Vec::with_capacity(self.len());
        for l in 0..self.blocks() {
            parts.push(Part::B);
            for _ in 1..=self.tj(l) {
                parts.extend_from_slice(&Part::ALL);
            }
            parts.push(Part::A);
        }
        debug_assert_eq!(parts.len(), self.len());
        parts
    }

    /// Global index of `(block tj, sector s, part)`, when it exists.
    #[inline]
    pub(crate) fn index(&self, tj: usize, s: usize, part: Part) -> Option<usize> {
        if tj > self.ancillas || (self.ancillas - tj) & 1 == 1 {
            return None;
        }
        let l = (self.ancillas - tj) / 2;
        local_index(tj, s, part).map(|k| self.offsets[l] + k)
    }
}

/// Total number of real unknowns for `ancillas` spins without building the layout:
/// `sum_{l=0}^{L} (4 (M - 2l) + 2)` with `L = floor(M/2)`.
pub(crate) fn total_len(ancillas: u64) -> u64 {
    let blocks = ancillas / 2 + 1;
    // sum_l (4M + 2 - 8 l) = blocks (4M + 2) - 4 blocks (blocks - 1)
    blocks * (4 * ancillas + 2) - 4 * blocks * (blocks - 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indices_are_a_bijection() {
        for m in 0..7 {
            let layout = Layout::new(m);
            assert_eq!(layout.len() as u64, total_len(m as u64));
            let mut seen = vec![false; layout.len()];
            let all_parts = layout.all_parts();
            for l in 0..layout.blocks() {
                let tj = layout.tj(l);
                for s in 0..=tj + 1 {
                    for &p in parts(tj, s) {
                        let i = layout.index(tj, s, p).unwrap();
                        assert!(!seen[i]);
                        seen[i] = true;
                        assert_eq!(local_pair(tj, i - layout.offset(l)), (s, p));
                        assert_eq!(all_parts[i], p);
                    }
                }
            }
            assert!(seen.iter().all(|&b| b));
        }
    }
}
