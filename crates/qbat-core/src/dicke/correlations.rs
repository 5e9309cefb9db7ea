//! Correlations of a Dicke-basis state: the battery + one ancilla reduced state and the von
//! Neumann entropies of the whole state, the battery and the ancillas together.
//!
//! The state is `rho = sum_j (1_{d_j}/d_j) (x) R_j` ([`layout`](super::layout)); `R_j` is the
//! sum over the `d_j` copies, so for an operator `O` symmetric in the ancillas,
//! `tr(rho O) = sum_j tr(R_j O_j)`.
//!
//! **Battery + one ancilla.** The `M` ancillas are interchangeable, so every one-ancilla
//! quantity is `1/M` of the collective one: `<n_0 n_a> = <n_0 N_anc>/M` with
//! `N_anc = S_z + M/2` (sector value `(a (M/2 + m_u))`), and
//! `<sigma_+^0 sigma_-^a> = <sigma_+^0 S_->/M`; `sigma_+^0 S_-` maps `v_s = |g, m_v>` to
//! `s_-(j, m_v) u_s`, so `tr(R sigma_+^0 S_-) = sum_s s_-(j, m_v) (x - i y)`. U(1) leaves no other
//! coherence, so the two-qubit state (basis `|q_a q_0>`, bit 0 = battery excited) is
//! `diag(p_gg, p_eg, p_ge, p_ee)` plus `rho[2, 1] = <sigma_+^0 sigma_-^a>` and its conjugate.
//!
//! **Entropies.** Each sector matrix of `R_j` has two eigenvalues `lambda` (one at the edges);
//! `rho` has eigenvalue `lambda / d_j` `d_j` times, so `S(rho) = -sum lambda ln(lambda / d_j)`.
//! The ancillas' state `sum_j (1_{d_j}/d_j) (x) tr_B R_j` has `tr_B R_j` diagonal in `m` (U(1)):
//! `r_m = a(u: m_u = m) + b(v: m_v = m)`, each `d_j` times: `S = -sum r_m ln(r_m / d_j)`. The
//! battery's state is `diag(p_e, p_g)`. In the mutual information the `ln d_j` terms cancel
//! (`sum lambda = sum r_m = tr R_j`), which is why counting the multiplicities matters
//! (QuTiP's PIQS omits them, qutip issue 993).

use super::block::s_minus;
use super::counting::ln_degeneracies;
use super::layout::sector_m;
use super::reduce::sector;
use crate::c64;
use crate::linalg::entropy::{von_neumann, von_neumann_degenerate};

/// Expectation values behind the battery + one ancilla reduced state.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Pair {
    /// `<n_0>`.
    pub battery: f64,
    /// `<n_a>`.
    pub ancilla: f64,
    /// `<n_0 n_a>`.
    pub both: f64,
    /// `<sigma_+^0 sigma_-^a>`.
    pub exchange: c64,
}

impl Pair {
    /// The 4x4 reduced state in the computational basis of `(battery, ancilla)`: index bit 0 =
    /// battery excited, bit 1 = ancilla excited.
    pub(crate) fn matrix(&self) -> [[c64; 4]; 4] {
        let zero = c64::new(0.0, 0.0);
        let mut m = [[zero; 4]; 4];
        let (b, a, e) = (self.battery, self.ancilla, self.both);
        m[0][0] = c64::new(1.0 - a - b + e, 0.0);
        m[1][1] = c64::new(b - e, 0.0);
        m[2][2] = c64::new(a - e, 0.0);
        m[3][3] = c64::new(e, 0.0);
        // <sigma_+^0 sigma_-^a> = tr(rho |1><2|) = rho[2][1]
        m[2][1] = self.exchange;
        m[1][2] = self.exchange.conj();
        m
    }
}

/// The battery + one ancilla expectation values of a state given by its blocks `(2j, x)`.
pub(crate) fn pair(ancillas: usize, blocks: &[(usize, Vec<f64>)]) -> Pair {
    let half = ancillas as f64 / 2.0;
    let (mut battery, mut n_anc, mut both) = (0.0, 0.0, 0.0);
    let mut exchange = c64::new(0.0, 0.0);
    for (tj, x) in blocks {
        let j = *tj as f64 / 2.0;
        for s in 0..=tj + 1 {
            let r = sector(*tj, x, s);
            let (a, b) = (r[0][0].re, r[1][1].re);
            let (m_u, m_v) = sector_m(j, s);
            battery += a;
            n_anc += a * (half + m_u) + b * (half + m_v);
            both += a * (half + m_u);
            exchange += r[0][1].conj() * s_minus(j, m_v);
        }
    }
    let m = ancillas.max(1) as f64;
    Pair {
        battery,
        ancilla: n_anc / m,
        both: both / m,
        exchange: exchange / m,
    }
}

/// The von Neumann entropies (nats) of a Dicke-basis state.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Entropies {
    /// `S(rho)`.
    pub whole: f64,
    /// `S(rho_B)`.
    pub battery: f64,
    /// `S(rho_ancillas)`.
    pub ancillas: f64,
}

/// The entropies of the state given by its blocks `(2j, x)`.
pub(crate) fn entropies(ancillas: usize, blocks: &[(usize, Vec<f64>)]) -> Entropies {
    let ln_d = ln_degeneracies(ancillas);
    let mut whole = Vec::new();
    let mut rest = Vec::new();
    let (mut pe, mut pg) = (0.0, 0.0);
    for (tj, x) in blocks {
        let ld = ln_d[(ancillas - tj) / 2];
        let sectors: Vec<_> = (0..=tj + 1).map(|s| sector(*tj, x, s)).collect();
        for (s, r) in sectors.iter().enumerate() {
            let (a, b) = (r[0][0].re, r[1][1].re);
            pe += a;
            pg += b;
            if s == 0 {
                whole.push((b, ld));
            } else if s == tj + 1 {
                whole.push((a, ld));
            } else {
                let mean = 0.5 * (a + b);
                let radius = (0.25 * (a - b) * (a - b) + r[0][1].norm_sqr()).sqrt();
                whole.push((mean + radius, ld));
                whole.push((mean - radius, ld));
            }
        }
        // r_m for m = t - j, t = 0..=2j: a of sector t + 1 plus b of sector t
        for t in 0..=*tj {
            let r = sectors[t + 1][0][0].re + sectors[t][1][1].re;
            rest.push((r, ld));
        }
    }
    Entropies {
        whole: von_neumann_degenerate(whole),
        battery: von_neumann([pe, pg]),
        ancillas: von_neumann_degenerate(rest),
    }
}

/// `(tr(N L rho), tr(H_S L rho))` of a state given by its blocks, with `L` the block
/// generator (all of the Liouvillian for collective dissipation). Sector `s` of block `j` holds
/// `M/2 - j + s` excitations on both of its states.
pub(crate) fn block_flows(
    generator: &super::block::BlockGenerator,
    ancillas: usize,
    blocks: &[(usize, Vec<f64>)],
) -> (f64, f64) {
    let zero = c64::new(0.0, 0.0);
    let (mut particles, mut energy) = (0.0, 0.0);
    for (tj, x) in blocks {
        let j = *tj as f64 / 2.0;
        let mut out = vec![[[zero; 2]; 2]; tj + 2];
        for s in 0..=tj + 1 {
            let r = sector(*tj, x, s);
            generator.apply(*tj, s, &r, |s2, m| {
                for (row, add) in out[s2].iter_mut().zip(m.iter()) {
                    for (o, v) in row.iter_mut().zip(add.iter()) {
                        *o += *v;
                    }
                }
            });
        }
        for (s, m) in out.iter().enumerate() {
            let count = (ancillas - tj) as f64 / 2.0 + s as f64;
            let h = generator.hamiltonian(j, s);
            particles += count * (m[0][0].re + m[1][1].re);
            energy += (m[0][0] * h[0][0] + m[1][1] * h[1][1] + (m[0][1] + m[1][0]) * h[0][1]).re;
        }
    }
    (particles, energy)
}
