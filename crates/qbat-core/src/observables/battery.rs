//! The qubit battery's figures of merit in closed form.
//!
//! With `rho = [[a, b], [b*, c]]` in the basis `(|e>, |g>)` and `H_B = omega0 sigma_z`
//! (energies `+omega0`, `-omega0`), the eigenvalues of `rho` are `(a + c +- r) / 2` with
//! `r = sqrt((a - c)^2 + 4 |b|^2)`, so the general passive-state formula of
//! [`ergotropy`](super::ergotropy()) reduces to
//!
//! ```text
//! E          = omega0 (a - c)
//! E_passive  = -|omega0| r
//! E_i        = omega0 (a - c) + |omega0| |a - c| = 2 max(0, omega0 (a - c))
//! E_c        = |omega0| (r - |a - c|)            = 4 |omega0| |b|^2 / (r + |a - c|)
//! ergotropy  = E_i + E_c                         = omega0 (a - c) + |omega0| r
//! ```
//!
//! The right-hand forms avoid the cancellation of nearly equal terms, so a weakly charged
//! battery (`W ~ 1e-6`) keeps its relative accuracy. The tests check them against the general
//! `d`-level routine.

use crate::c64;

/// The battery's figures of merit, from its reduced state.
#[derive(Clone, Copy, Debug, PartialEq)]
#[non_exhaustive]
pub struct BatteryObservables {
    /// Normalised ergotropy `W = ergotropy / E_max`, `E_max = 2 |omega0_0|` (0 when
    /// `omega0_0 = 0`, where nothing can be stored); in [0, 1], rounding included.
    pub w: f64,
    /// Ergotropy w.r.t. `H_B = omega0_0 sigma_z`, absolute units.
    pub ergotropy: f64,
    /// Coherent part of the ergotropy (Francica et al., PRL 125, 180603 (2020)).
    pub ergotropy_coherent: f64,
    /// Incoherent part of the ergotropy.
    pub ergotropy_incoherent: f64,
    /// `tr(rho_B H_B)`.
    pub energy_battery: f64,
    /// `tr(rho_B^2)`.
    pub purity: f64,
    /// `<e| rho_B |e>`.
    pub excited_population: f64,
}

/// Figures of merit of a qubit battery with `H_B = omega0 sigma_z` in the state `rho` (basis
/// `(|e>, |g>)`, Hermitian; only `rho[0][1]` is read off the diagonal). See the
/// module docs in `src/observables/battery.rs` for the formulas.
///
/// ```
/// use qbat_core::{battery_observables, c64};
/// let z = c64::new(0.0, 0.0);
/// // the pure excited state stores E_max = 2 omega0, all of it extractable: W = 1
/// let excited = [[c64::new(1.0, 0.0), z], [z, z]];
/// let obs = battery_observables(&excited, 10.0);
/// assert_eq!(obs.w, 1.0);
/// assert_eq!(obs.energy_battery, 10.0);
/// ```
pub fn battery_observables(rho: &[[c64; 2]; 2], omega0: f64) -> BatteryObservables {
    let a = rho[0][0].re;
    let c = rho[1][1].re;
    let b2 = rho[0][1].norm_sqr();
    let delta = a - c;
    let r = delta.hypot(2.0 * b2.sqrt());
    let scale = omega0.abs();
    let incoherent = 2.0 * (omega0 * delta).max(0.0);
    let coherent = if r > 0.0 {
        4.0 * scale * b2 / (r + delta.abs())
    } else {
        0.0
    };
    let ergotropy = incoherent + coherent;
    let w = if scale > 0.0 {
        // at most 1: a fully charged state's rounding (populations 1 + 1e-16 and -1e-16, found
        // by the property tests at T = 0) must not report W = 1.0000000000000002
        (ergotropy / (2.0 * scale)).min(1.0)
    } else {
        0.0
    };
    BatteryObservables {
        w,
        ergotropy,
        ergotropy_coherent: coherent,
        ergotropy_incoherent: incoherent,
        energy_battery: omega0 * delta,
        purity: a * a + c * c + 2.0 * b2,
        excited_population: a,
    }
}
