//! One sweep point: the model at those parameter values, its steady state and the battery's
//! figures of merit.

use qbat_core::{battery_observables, steady_state, Model, SteadyOptions};

use crate::config::{self, RunConfig};
use crate::error::CliError;

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

/// Checks that `key` is a model key that takes a single number.
///
/// # Errors
/// [`CliError::Input`] for an unknown key (listing the known ones) or a non-numeric one.
pub fn check_numeric_key(key: &str) -> Result<(), CliError> {
    let numeric = config::numeric_keys();
    match config::find_key(key) {
        Some(k) if k.kind.is_numeric() => Ok(()),
        Some(_) => Err(CliError::Input(format!(
            "key {key} is not numeric and cannot be swept (numeric keys: {})",
            numeric.join(", ")
        ))),
        None => Err(CliError::Input(format!(
            "unknown key {key:?} (numeric model keys: {})",
            numeric.join(", ")
        ))),
    }
}

/// The model and solver options of `base` with `keys[i] = values[i]` set in order (through
/// [`config::set_key`], so a swept key means exactly what it means in a model file).
///
/// # Errors
/// [`CliError::Input`] naming the key or model field and the value that is invalid.
pub fn model_at(
    base: &RunConfig,
    keys: &[&str],
    values: &[f64],
) -> Result<(Model, SteadyOptions), CliError> {
    let mut run = base.clone();
    for (key, &value) in keys.iter().zip(values) {
        config::set_key(&mut run, key, value)?;
    }
    let model = Model::new(&run.spec)?;
    Ok((model, run.options))
}

/// Solves the steady state of `model` and reports the battery's figures of merit.
///
/// # Errors
/// The solver's error as a [`CliError`] (input for a model too large or a method that does
/// not apply, numerical otherwise).
pub fn evaluate(model: &Model, options: &SteadyOptions, params: Vec<f64>) -> Result<Row, CliError> {
    let state = steady_state(model, options)?;
    let obs = battery_observables(&state.rho_battery, model.omega0()[0]);
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
