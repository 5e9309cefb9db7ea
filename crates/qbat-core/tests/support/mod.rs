//! Scaffolding shared by the qbat-core integration tests (`mod support;` in each test crate):
//! solving with the invariant checks, seeded random models, state comparisons and the QuTiP
//! reference points. Each test crate uses a subset of it.

// each test crate that includes this module uses a subset of it
#![allow(dead_code)]

pub mod checks;
pub mod models;
pub mod reference;

use qbat_core::{steady_state, InitialState, Method, Model, SteadyOptions, SteadyState};

/// Slow checks run only with `QBAT_HEAVY=1`.
pub fn heavy() -> bool {
    std::env::var("QBAT_HEAVY").is_ok_and(|v| v == "1")
}

/// Default options except the `method` and the `initial` state.
pub fn options(method: Method, initial: InitialState) -> SteadyOptions {
    SteadyOptions {
        method,
        initial,
        ..SteadyOptions::default()
    }
}

/// The state `method` finds from `initial`, checked by [`checks::assert_valid`]; panics with
/// the method and model on error.
pub fn solve(model: &Model, method: Method, initial: InitialState) -> SteadyState {
    let state = steady_state(model, &options(method, initial))
        .unwrap_or_else(|e| panic!("{} on {model:?}: {e}", method.name()));
    checks::assert_valid(&state, &format!("{} on {model:?}", method.name()));
    state
}
