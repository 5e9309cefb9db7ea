//! The Dicke-basis generators of a model with identical ancillas: the battery-block
//! generator ([`BlockGenerator`]: Hamiltonian and the jumps that act inside a block) and, for
//! individual reservoirs, the local ancilla rates ([`LocalRates`]) that couple `j` to `j +- 1`;
//! and whether a model has the permutation symmetry at all ([`applies`]).

use super::block::{BlockGenerator, Lowering};
use super::local::LocalRates;
use crate::model::{Dissipation, Model};

/// The block generator and local rates of an individual-dissipation model.
pub(crate) fn individual(model: &Model) -> (BlockGenerator, LocalRates) {
    let st = model.statistics;
    let battery = &model.reservoirs[0];
    let ancilla = model.reservoirs.get(1).unwrap_or(battery);
    let sigma = Lowering {
        battery: 1.0,
        ancillas: 0.0,
    };
    let generator = BlockGenerator {
        omega_battery: model.omega0[0],
        omega_ancilla: model.omega0.get(1).copied().unwrap_or(0.0),
        coupling: model.coupling,
        lowering: vec![(battery.rate_down(st), sigma)],
        raising: vec![(battery.rate_up(), sigma)],
    };
    let rates = LocalRates {
        ancillas: model.n - 1,
        down: ancilla.rate_down(st),
        up: ancilla.rate_up(),
    };
    (generator, rates)
}

/// Up and down rates of the collective reservoir.
pub(crate) fn collective_rates(model: &Model) -> (f64, f64) {
    let r = &model.reservoirs[0];
    (r.rate_down(model.statistics), r.rate_up())
}

/// The block generator of a collective model (`J_-` with rate `down`, `J_+` with rate `up`).
pub(crate) fn collective(model: &Model) -> BlockGenerator {
    let (down, up) = collective_rates(model);
    let collective = Lowering {
        battery: 1.0,
        ancillas: 1.0,
    };
    BlockGenerator {
        omega_battery: model.omega0[0],
        omega_ancilla: model.omega0.get(1).copied().unwrap_or(0.0),
        coupling: model.coupling,
        lowering: vec![(down, collective)],
        raising: vec![(up, collective)],
    }
}

/// The block generator of `model`, with the local rates for individual reservoirs.
pub(crate) fn of(model: &Model) -> (BlockGenerator, Option<LocalRates>) {
    match model.dissipation {
        Dissipation::Individual => {
            let (generator, rates) = individual(model);
            (generator, Some(rates))
        }
        Dissipation::Collective => (collective(model), None),
    }
}

/// `Ok(())` when the model has the permutation symmetry this representation needs, else the
/// reason.
pub(crate) fn applies(model: &Model) -> Result<(), String> {
    if model.has_identical_ancillas() {
        Ok(())
    } else {
        Err(match model.dissipation {
            Dissipation::Collective => {
                "needs a star whose ancillas (qubits 1..N-1) share omega0".to_string()
            }
            Dissipation::Individual => "needs a star whose ancillas (qubits 1..N-1) share \
                omega0 and reservoir (gamma, mu, temperature)"
                .to_string(),
        })
    }
}
