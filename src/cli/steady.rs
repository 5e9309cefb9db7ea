//! `qbat steady`: the steady state of one model.

use clap::Args;
use qbat_core::{battery_observables, steady_state, thermodynamics, Model, SolveError};

use crate::config::{self, ModelArgs};
use crate::error::CliError;
use crate::output::print_stdout;
use crate::report::SteadyReport;
use crate::system::physical_memory_bytes;

/// Options of `qbat steady`.
#[derive(Args, Debug)]
pub struct SteadyArgs {
    /// The model (file and flags).
    #[command(flatten)]
    pub model: ModelArgs,
    /// Print exactly one JSON object instead of the summary
    #[arg(long)]
    pub json: bool,
}

/// Resolves the model, solves it and prints the report; nothing reaches stdout on error.
///
/// # Errors
/// [`CliError::Input`] for bad input (exit 2), [`CliError::Numerical`] when the solve fails.
pub fn run(args: &SteadyArgs) -> Result<(), CliError> {
    let mut config = config::load(&args.model)?;
    let model = Model::new(&config.spec)?;
    // the machine's memory is the limit (the library's default where it cannot be read)
    config.options.memory_limit_bytes = physical_memory_bytes();
    let state = {
        let (model, options) = (model.clone(), config.options.clone());
        super::evolve::interruptible("steady", move || steady_state(&model, &options))?
    };
    let state = state.map_err(|e| match e {
        // the size of the model is the user's choice: name it
        SolveError::TooLarge { .. } => CliError::Input(format!(
            "invalid n = {}: {e} (the limit is this machine's memory)",
            model.n()
        )),
        other => other.into(),
    })?;
    let obs = battery_observables(&state.rho_battery, model.omega0()[0]);
    let thermo = thermodynamics(&model, &state.state)
        .map_err(|e| CliError::Numerical(format!("thermodynamics of the steady state: {e}")))?;
    let report = SteadyReport::new(&model, &config.options, &state, &obs, &thermo);
    let text = if args.json {
        report.to_json() + "\n"
    } else {
        report.to_text()
    };
    print_stdout(&text)
}
