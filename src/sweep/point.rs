//! One sweep point: the model at those parameter values, its steady state and the battery's
//! figures of merit.

use qbat_core::{battery_observables, steady_state, Model, ModelSpec, SteadyOptions};

use super::keys::set_numeric;

/// Names of the result columns, after the swept keys.
pub const RESULT_COLUMNS: [&str; 6] = [
    "W",
    "ergotropy",
    "energy_battery",
    "excited_population_battery",
    "kernel_dim",
    "residual",
];

/// One row of a sweep: the swept values and what was computed there.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    /// Values of the swept keys, in the grid's column order.
    pub params: Vec<f64>,
    /// Normalised ergotropy `W = ergotropy / (2 omega0_0)`.
    pub w: f64,
    /// Ergotropy of the battery w.r.t. `omega0_0 sigma_z`.
    pub ergotropy: f64,
    /// `tr(rho_B omega0_0 sigma_z)`.
    pub energy_battery: f64,
    /// `<e| rho_B |e>`.
    pub excited_population_battery: f64,
    /// Dimension of the Liouvillian kernel, when the solver determined it.
    pub kernel_dim: Option<usize>,
    /// `||L vec(rho)||` of the returned state.
    pub residual: f64,
}

/// The model `base` with `keys[i] = values[i]` applied in order.
///
/// # Errors
/// A message naming the key or the model field and value that is invalid.
pub fn model_at(base: &ModelSpec, keys: &[&str], values: &[f64]) -> Result<Model, String> {
    let mut spec = base.clone();
    for (key, &value) in keys.iter().zip(values) {
        set_numeric(&mut spec, key, value)?;
    }
    Model::new(&spec).map_err(|e| e.to_string())
}

/// Solves the steady state of `model` and reports the battery's figures of merit.
///
/// # Errors
/// The solver's error, printed.
pub fn evaluate(model: &Model, options: &SteadyOptions, params: Vec<f64>) -> Result<Row, String> {
    let state = steady_state(model, options).map_err(|e| e.to_string())?;
    let obs = battery_observables(&state.rho_battery, model.omega0[0]);
    Ok(Row {
        params,
        w: obs.w,
        ergotropy: obs.ergotropy,
        energy_battery: obs.energy_battery,
        excited_population_battery: obs.excited_population,
        kernel_dim: state.diagnostics.kernel_dim,
        residual: state.diagnostics.residual,
    })
}

/// `key = value, ...` describing a point in error messages.
pub fn describe(keys: &[&str], values: &[f64]) -> String {
    keys.iter()
        .zip(values)
        .map(|(k, v)| format!("{k} = {v}"))
        .collect::<Vec<_>>()
        .join(", ")
}
