//! Collective dissipation: the long-time state in closed form.
//!
//! The jumps `J_-- = sigma_-^0 + S_-` and `J_+` and the Hamiltonian act inside every block
//! `battery (x) spin j`, so each block keeps its weight `w_j = tr R_j` of the initial state.
//! In block `j >= 1/2`, `J_+-` generate the total spin `L = s + S` on
//! `C^2 (x) V_j = V_{j+1/2} (+) V_{j-1/2}`, and:
//!
//! - the product state `r^{L_z}` (every qubit thermal with excited probability
//!   `p = up / (up + down)`, `r = up/down`) is stationary for *any* `H` that conserves the
//!   excitation number, hence so is its restriction to every block (it commutes with the block
//!   projector): populations `r^{M_L}` in sector `s` (`M_L = s - j - 1/2`), no coherences;
//! - the conserved quantities are the commutant of `{H, J_-, J_+}` (Frigerio, Commun. Math.
//!   Phys. 63, 269 (1978), with the faithful state above, `0 < p < 1`). In a block it is
//!   spanned by the projectors `P_{j+-1/2}` on the two irreps when `H` does not mix them, which
//!   happens only for `omega0_b = omega0_a` and (`J = 0` or `j = 1/2`, where the battery-ancilla
//!   singlet is dark); otherwise it is trivial and the block's steady state is unique.
//!
//! So `R_j(t -> inf) = sum_irreps tr(P rho(0)) P r^{L_z} P / tr(P r^{L_z})` (one term when the
//! commutant is trivial). In sector `s` (`(u, v)` basis, Clebsch-Gordan coefficients
//! `alpha^2 = s/(2j+1)`, `beta^2 = (2j+1-s)/(2j+1)`): `P_{j+1/2} = [[alpha^2, alpha beta],
//! [alpha beta, beta^2]]`, `P_{j-1/2} = [[beta^2, -alpha beta], [-alpha beta, alpha^2]]`.
//! At `p = 0` (`p = 1`) the thermal factor becomes the lowest (highest) weight state, the limit
//! of the same formula, unless `H` has a second dark state in the block
//! (`2 (omega0_b - omega0_a) = -+J (2j - 1)`, `j >= 1`), which is reported as not supported.
//!
//! Initial weights: all-ground and all-excited lie in `j = M/2`, in `V_{M/2+1/2}`; the maximally
//! mixed state puts `d_j (2j+1) / 2^M` on block `j`, split `(2j+2) : 2j` between the irreps.

use crate::dicke::counting::{degeneracy, mixed_weights};
use crate::dicke::generators::collective_rates;
use crate::dicke::layout::{block_len, local_index, Part};
use crate::error::SolveError;
use crate::model::{InitialState, Model};
use crate::options::Method;

/// The populated blocks `(2j, unknowns of the block)` of the long-time state.
pub(crate) type Blocks = Vec<(usize, Vec<f64>)>;

/// `true` when block `tj` conserves its two irreps separately.
fn two_irreps(model: &Model, tj: usize) -> bool {
    let same = model.omega0.get(1).is_some_and(|&w| w == model.omega0[0]);
    tj >= 1 && same && (model.coupling == 0.0 || tj == 1)
}

/// The long-time state reached from `initial`.
pub(crate) fn solve(model: &Model, initial: InitialState) -> Result<Blocks, SolveError> {
    let m = model.n - 1;
    let (down, up) = collective_rates(model);
    let weights: Vec<(usize, f64)> = match initial {
        InitialState::Ground | InitialState::Excited => vec![(m, 1.0)],
        InitialState::Mixed => mixed_weights(m)
            .into_iter()
            .enumerate()
            .map(|(l, w)| (m - 2 * l, w))
            .filter(|&(_, w)| w > 0.0)
            .collect(),
    };
    let mut blocks = Vec::with_capacity(weights.len());
    for (tj, weight) in weights {
        check_dark_states(model, tj, initial, down, up)?;
        let mut x = vec![0.0; block_len(tj)];
        let mut put = |s: usize, p: Part, v: f64| {
            if let Some(k) = local_index(tj, s, p) {
                x[k] += v;
            }
        };
        if two_irreps(model, tj) {
            let d = (tj + 1) as f64;
            let (w_upper, w_lower) = match initial {
                // both extreme states are in the upper irrep
                InitialState::Ground | InitialState::Excited => (weight, 0.0),
                InitialState::Mixed => (
                    weight * (d + 1.0) / (2.0 * d),
                    weight * (d - 1.0) / (2.0 * d),
                ),
            };
            for (lo, hi, w, sign) in [(0, tj + 1, w_upper, 1.0), (1, tj, w_lower, -1.0)] {
                let g = thermal(lo, hi, down, up);
                let z: f64 = g.iter().sum();
                for (s, &gs) in (lo..=hi).zip(&g) {
                    let alpha2 = s as f64 / d;
                    let beta2 = 1.0 - alpha2;
                    let f = w * gs / z;
                    let (pa, pb) = if sign > 0.0 {
                        (alpha2, beta2)
                    } else {
                        (beta2, alpha2)
                    };
                    put(s, Part::A, f * pa);
                    put(s, Part::B, f * pb);
                    put(s, Part::X, sign * f * (alpha2 * beta2).sqrt());
                }
            }
        } else {
            let g = thermal(0, tj + 1, down, up);
            // sectors 1..=2j hold two states each, the edge sectors one
            let z: f64 = g
                .iter()
                .enumerate()
                .map(|(s, &v)| if s == 0 || s == tj + 1 { v } else { 2.0 * v })
                .sum();
            for (s, &gs) in g.iter().enumerate() {
                put(s, Part::A, weight * gs / z);
                put(s, Part::B, weight * gs / z);
            }
        }
        blocks.push((tj, x));
    }
    Ok(blocks)
}

/// Unnormalised `r^s` for `s = lo..=hi`, scaled to avoid overflow; the lowest (highest) weight
/// alone when `up = 0` (`down = 0`).
fn thermal(lo: usize, hi: usize, down: f64, up: f64) -> Vec<f64> {
    let n = hi - lo + 1;
    let mut g = vec![0.0; n];
    if up == 0.0 {
        g[0] = 1.0;
    } else if down == 0.0 {
        g[n - 1] = 1.0;
    } else {
        let q = up.ln() - down.ln();
        let anchor = if q <= 0.0 { 0.0 } else { (n - 1) as f64 };
        for (k, v) in g.iter_mut().enumerate() {
            *v = (q * (k as f64 - anchor)).exp();
        }
    }
    g
}

/// At `p = 0` or `p = 1` a second dark state in block `tj` would make the answer depend on more
/// than the weights used here.
fn check_dark_states(
    model: &Model,
    tj: usize,
    initial: InitialState,
    down: f64,
    up: f64,
) -> Result<(), SolveError> {
    let coupling = model.coupling;
    if (up != 0.0 && down != 0.0) || coupling == 0.0 || tj < 2 {
        return Ok(());
    }
    // the initial state is itself the dark extreme state
    if (up == 0.0 && initial == InitialState::Ground)
        || (down == 0.0 && initial == InitialState::Excited)
    {
        return Ok(());
    }
    let detuning = 2.0 * (model.omega0[0] - model.omega0[1]);
    let tuned = if up == 0.0 { -coupling } else { coupling } * (tj as f64 - 1.0);
    let scale = model.omega0[0].abs() + model.omega0[1].abs() + coupling.abs() * tj as f64;
    if (detuning - tuned).abs() <= 1e-12 * scale {
        return Err(SolveError::NotApplicable {
            method: Method::Symmetric,
            reason: format!(
                "at occupation {} the ancilla block j = {} has a second dark state \
                 (2 (omega0_0 - omega0_1) = {detuning} = {tuned}); its long-time state depends on \
                 more than the conserved weights and is not implemented",
                if up == 0.0 { 0 } else { 1 },
                tj as f64 / 2.0
            ),
        });
    }
    Ok(())
}

/// Dimension of the full Liouvillian's kernel, `None` at `p = 0, 1` or on overflow.
///
/// Each block `j` contributes `d_j^2` operators per conserved irrep (the `d_j` copies are
/// arbitrary), so `sum_j d_j^2 k_j` with `k_j = 2` for two conserved irreps, else 1. When
/// `omega0_b = omega0_a` and `J = 0`, `H = 2 omega0 L_z` commutes with every total-spin
/// intertwiner, also between blocks: the kernel is the commutant of SU(2) on `N` qubits,
/// `sum_L c_L^2` with `c_L` the multiplicity of total spin `L`.
pub(crate) fn kernel_dim(model: &Model) -> Option<usize> {
    let (down, up) = collective_rates(model);
    if up == 0.0 || down == 0.0 {
        return None;
    }
    let m = model.n - 1;
    let same = model.omega0.get(1).is_some_and(|&w| w == model.omega0[0]);
    let total: Option<u128> = if same && model.coupling == 0.0 {
        (0..=model.n / 2).try_fold(0u128, |acc, l| {
            let c = degeneracy(model.n, model.n - 2 * l)?;
            acc.checked_add(c.checked_mul(c)?)
        })
    } else {
        (0..=m / 2).try_fold(0u128, |acc, l| {
            let tj = m - 2 * l;
            let d = degeneracy(m, tj)?;
            let k = if two_irreps(model, tj) { 2 } else { 1 };
            acc.checked_add(d.checked_mul(d)?.checked_mul(k)?)
        })
    };
    total.and_then(|t| usize::try_from(t).ok())
}
