//! One sweep point: the model at those parameter values, its steady state and the battery's
//! figures of merit.

use qbat_core::{battery_observables, steady_state, thermodynamics, Model, SteadyOptions};

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
    /// The results beyond the default columns, `None` where not requested.
    pub extra: Extra,
}

/// The result columns a sweep can write (`--outputs`): the scalar keys of `qbat steady
/// --json` and the battery's currents.
pub const OUTPUTS: [&str; 17] = [
    "W",
    "ergotropy",
    "ergotropy_coherent",
    "ergotropy_incoherent",
    "energy_battery",
    "energy_total",
    "purity",
    "excited_population_battery",
    "kernel_dim",
    "residual",
    "entropy_production",
    "mutual_information",
    "concurrence",
    "particle_current_battery",
    "energy_current_battery",
    "particle_current_residual",
    "energy_current_residual",
];

/// The result columns without `--outputs`.
pub const DEFAULT_OUTPUTS: [&str; 6] = [
    "W",
    "ergotropy",
    "energy_battery",
    "excited_population_battery",
    "kernel_dim",
    "residual",
];

/// Outputs that need the thermodynamics of the state (computed only when requested).
const THERMO_OUTPUTS: [&str; 7] = [
    "entropy_production",
    "mutual_information",
    "concurrence",
    "particle_current_battery",
    "energy_current_battery",
    "particle_current_residual",
    "energy_current_residual",
];

/// The `--outputs` list: known names, each once.
///
/// # Errors
/// [`CliError::Input`] naming an unknown or repeated output.
pub fn parse_outputs(list: &str) -> Result<Vec<&'static str>, CliError> {
    let mut chosen: Vec<&'static str> = Vec::new();
    for name in list.split(',').map(str::trim) {
        let Some(&known) = OUTPUTS.iter().find(|&&o| o == name) else {
            return Err(CliError::Input(format!(
                "unknown output {name:?} in --outputs (known: {})",
                OUTPUTS.join(", ")
            )));
        };
        if chosen.contains(&known) {
            return Err(CliError::Input(format!(
                "output {name:?} listed twice in --outputs"
            )));
        }
        chosen.push(known);
    }
    Ok(chosen)
}

/// Results beyond the default columns (`None`: not computed, or `null`: entropy production
/// with a current into a T = 0 reservoir, correlations of one qubit).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Extra {
    /// Coherent ergotropy.
    pub ergotropy_coherent: Option<f64>,
    /// Incoherent ergotropy.
    pub ergotropy_incoherent: Option<f64>,
    /// `tr(rho H_S)`.
    pub energy_total: Option<f64>,
    /// `tr(rho_B^2)`.
    pub purity: Option<f64>,
    /// Entropy production.
    pub entropy_production: Option<f64>,
    /// `I(B:rest)`.
    pub mutual_information: Option<f64>,
    /// Concurrence of qubits 0 and 1.
    pub concurrence: Option<f64>,
    /// Particle current from the battery's reservoir (the collective one's for collective).
    pub particle_current_battery: Option<f64>,
    /// Energy current from the battery's reservoir.
    pub energy_current_battery: Option<f64>,
    /// `sum_k J_N^k`.
    pub particle_current_residual: Option<f64>,
    /// `sum_k J_E^k`.
    pub energy_current_residual: Option<f64>,
}

impl Extra {
    /// The value of output `name`, when it is one of these.
    pub fn get(&self, name: &str) -> Option<Option<f64>> {
        Some(match name {
            "ergotropy_coherent" => self.ergotropy_coherent,
            "ergotropy_incoherent" => self.ergotropy_incoherent,
            "energy_total" => self.energy_total,
            "purity" => self.purity,
            "entropy_production" => self.entropy_production,
            "mutual_information" => self.mutual_information,
            "concurrence" => self.concurrence,
            "particle_current_battery" => self.particle_current_battery,
            "energy_current_battery" => self.energy_current_battery,
            "particle_current_residual" => self.particle_current_residual,
            "energy_current_residual" => self.energy_current_residual,
            _ => return None,
        })
    }

    /// The slot of output `name`, when it is one of these.
    pub fn slot(&mut self, name: &str) -> Option<&mut Option<f64>> {
        Some(match name {
            "ergotropy_coherent" => &mut self.ergotropy_coherent,
            "ergotropy_incoherent" => &mut self.ergotropy_incoherent,
            "energy_total" => &mut self.energy_total,
            "purity" => &mut self.purity,
            "entropy_production" => &mut self.entropy_production,
            "mutual_information" => &mut self.mutual_information,
            "concurrence" => &mut self.concurrence,
            "particle_current_battery" => &mut self.particle_current_battery,
            "energy_current_battery" => &mut self.energy_current_battery,
            "particle_current_residual" => &mut self.particle_current_residual,
            "energy_current_residual" => &mut self.energy_current_residual,
            _ => return None,
        })
    }
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
pub fn evaluate(
    model: &Model,
    options: &SteadyOptions,
    params: Vec<f64>,
    outputs: &[&str],
) -> Result<Row, CliError> {
    let state = steady_state(model, options)?;
    let obs = battery_observables(&state.rho_battery, model.omega0()[0]);
    let mut extra = Extra {
        ergotropy_coherent: Some(obs.ergotropy_coherent),
        ergotropy_incoherent: Some(obs.ergotropy_incoherent),
        energy_total: Some(state.energy_total),
        purity: Some(obs.purity),
        ..Extra::default()
    };
    if outputs.iter().any(|o| THERMO_OUTPUTS.contains(o)) {
        let t = thermodynamics(model, &state.state)
            .map_err(|e| CliError::Numerical(format!("thermodynamics: {e}")))?;
        extra.entropy_production = t.entropy_production;
        extra.mutual_information = t.mutual_information;
        extra.concurrence = t.concurrence;
        extra.particle_current_battery = Some(t.currents[0].particle);
        extra.energy_current_battery = Some(t.currents[0].energy);
        extra.particle_current_residual = Some(t.particle_residual);
        extra.energy_current_residual = Some(t.energy_residual);
    }
    Ok(Row {
        extra,
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
