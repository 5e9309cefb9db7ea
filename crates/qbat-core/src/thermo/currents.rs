//! Particle and energy currents per reservoir (derivations in the module docs of `thermo`).

use super::Current;
use crate::c64;
use crate::dicke::{correlations, generators};
use crate::hilbert::hamiltonian;
use crate::liouvillian::{apply, assemble, reduce};
use crate::model::{Dissipation, Model};
use crate::state::{QubitOp, State, StateError};

/// The currents of every reservoir of `model` into the system in `state`, in reservoir order.
///
/// # Errors
/// [`StateError::BadQubits`] when `state` does not have `model`'s number of qubits.
pub fn currents(model: &Model, state: &State) -> Result<Vec<Current>, StateError> {
    let n = model.n();
    if state.n() != n {
        return Err(StateError::BadQubits(format!(
            "a state of {} qubits for a model of {n}",
            state.n()
        )));
    }
    match model.dissipation() {
        Dissipation::Individual => individual(model, state),
        Dissipation::Collective => {
            let (particle, energy) = collective(model, state);
            Ok(vec![Current {
                reservoir: 0,
                qubits: (0..n).collect(),
                particle,
                energy,
            }])
        }
    }
}

/// `J_N^k = g_up (1 - p_k) - g_down p_k`, `J_E^k = 2 omega0_k J_N^k - (g_up + g_down)/2 <H_k>`.
fn individual(model: &Model, state: &State) -> Result<Vec<Current>, StateError> {
    let n = model.n();
    let p = state.populations();
    // <H_k>: J 2 Re <sigma_+^a sigma_-^b> on every edge, added to both ends
    let mut hopping = vec![0.0; n];
    let dicke_exchange: Option<c64> = state
        .dicke_blocks()
        .map(|(ancillas, blocks)| correlations::pair(ancillas, blocks).exchange);
    for &(a, b) in model.edges() {
        let exchange = match dicke_exchange {
            // a star: every edge is (0, ancilla), all alike
            Some(e) => e,
            None => state.expect(&[(a, QubitOp::Raise), (b, QubitOp::Lower)])?,
        };
        let e = 2.0 * model.coupling() * exchange.re;
        hopping[a] += e;
        hopping[b] += e;
    }
    let st = model.statistics();
    Ok(model
        .reservoirs()
        .iter()
        .enumerate()
        .map(|(k, r)| {
            let (up, down) = (r.rate_up(), r.rate_down(st));
            let particle = up * (1.0 - p[k]) - down * p[k];
            let energy = 2.0 * model.omega0()[k] * particle - 0.5 * (up + down) * hopping[k];
            Current {
                reservoir: k,
                qubits: vec![k],
                particle,
                energy,
            }
        })
        .collect())
}

/// `(tr[N L rho], tr[H_S L rho])`: the one reservoir's currents.
fn collective(model: &Model, state: &State) -> (f64, f64) {
    if let Some((ancillas, blocks)) = state.dicke_blocks() {
        let generator = generators::collective(model);
        return correlations::block_flows(&generator, ancillas, blocks);
    }
    let (space, x) = state
        .space_entries()
        .expect("a state is either Dicke or over an operator space");
    let y = apply(&assemble(model, space), x);
    let (_, populations, energy) = reduce(space, model.n(), &hamiltonian(model), &y);
    (populations.iter().sum(), energy)
}
