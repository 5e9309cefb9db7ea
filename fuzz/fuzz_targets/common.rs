//! What both targets do with a configuration that parsed.

use qbat_core::{memory_estimate, steady_state, Model};

use crate::config::RunConfig;

/// An error message is one line (the binary prints it as one).
pub fn one_line(message: &str) {
    assert!(!message.is_empty(), "empty error message");
    assert!(!message.contains('\n'), "multi-line error: {message}");
}

/// `Model::new`; on success the memory estimate (N <= 1000), the jumps, and for N <= 2 the
/// steady state
/// (an error is fine, a panic or a non-finite W is not).
pub fn build_and_solve(run: &RunConfig) {
    let model = match Model::new(&run.spec) {
        Ok(model) => model,
        Err(e) => return one_line(&e.to_string()),
    };
    // the estimate of the Dicke route computes its a-priori region (O(N^2)): 2.5 s at
    // N = 9011 in this instrumented build, which is planning cost, not a defect; larger
    // models are left to the binary's tests
    if model.n() <= 1000 {
        let _ = memory_estimate(&model, run.options.method);
    }
    let _ = model.jumps();
    let _ = model.has_identical_ancillas();
    if model.n() <= 2 {
        match steady_state(&model, &run.options) {
            Ok(state) => {
                let obs = qbat_core::battery_observables(&state.rho_battery, model.omega0()[0]);
                assert!(obs.w.is_finite(), "W = {} for {:?}", obs.w, run.spec);
            }
            Err(e) => one_line(&e.to_string()),
        }
    }
}
