//! Observables: ergotropy and the battery's figures of merit.

use crate::c64;

/// The battery's figures of merit, from its reduced state.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct BatteryObservables {
    /// Normalised ergotropy `W = ergotropy / E_max`, `E_max = 2 omega0_0`.
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
/// `(|e>, |g>)`).
pub fn battery_observables(rho: &[[c64; 2]; 2], omega0: f64) -> BatteryObservables {
    let _ = (rho, omega0);
    unimplemented!()
}
