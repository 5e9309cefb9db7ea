//! Scaffolding shared by the qbat-core integration tests: solving with the invariant checks,
//! seeded random models, state comparisons and the QuTiP reference points.

pub mod checks;
pub mod models;
pub mod reference;

use qbat_core::{steady_state, InitialState, Method, Model, SteadyOptions, SteadyState};

/// Default options except the `method` and the `initial` state.
pub fn options(method: Method, initial: InitialState) -> SteadyOptions {
    SteadyOptions::default()
        .with_method(method)
        .with_initial(initial)
}

/// The state `method` finds from `initial`, checked by [`checks::assert_valid`]; panics with
/// the method and model on error.
pub fn solve(model: &Model, method: Method, initial: InitialState) -> SteadyState {
    let state = steady_state(model, &options(method, initial))
        .unwrap_or_else(|e| panic!("{} on {model:?}: {e}", method.name()));
    checks::assert_valid(&state, &format!("{} on {model:?}", method.name()));
    state
}
