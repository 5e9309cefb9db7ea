//! Observables: ergotropy (general dimension) and the battery's figures of merit.
//!
//! - [`ergotropy`](mod@ergotropy): ergotropy of a `d`-level state, its incoherent and coherent
//!   parts (Francica et al., PRL 125, 180603 (2020)) and the purity, from dense matrices.
//! - [`battery`]: the same quantities in closed form for the qubit battery with
//!   `H_B = omega0 sigma_z`, as [`BatteryObservables`].

pub mod battery;
pub mod ergotropy;

pub use battery::{battery_observables, BatteryObservables};
pub use ergotropy::{
    ergotropy, ergotropy_parts, passive_energy, purity, ErgotropyError, ErgotropyParts,
};

#[cfg(test)]
mod tests;
