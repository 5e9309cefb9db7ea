//! `qbat evolve`: charging dynamics of one model from its initial state.

use std::io::IsTerminal;
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};

use clap::Args;
use indicatif::{ProgressBar, ProgressStyle};
use qbat_core::{evolve_with_progress, EvolveOptions, Integrator, ParseNameError};
use qbat_core::{Model, SolveError};

use crate::config::{self, ModelArgs};
use crate::error::CliError;
use crate::evolve_report::EvolveReport;
use crate::output::print_stdout;
use crate::plot::style::Format;
use crate::plot::{line_plot, Axis, Curve, LinePlot, PlotError};
use crate::provenance::{sidecar_path, write_sidecar, Provenance};
use crate::report::ModelReport;
use crate::sweep::figure::fixed_parameters;
use crate::system::physical_memory_bytes;

/// Options of `qbat evolve`.
#[derive(Args, Debug)]
pub struct EvolveArgs {
    /// The model (file and flags).
    #[command(flatten)]
    pub model: ModelArgs,
    /// Output times START:STOP:COUNT, evenly spaced, both ends included
    #[arg(
        long,
        value_name = "START:STOP:COUNT",
        default_value = "0:20:201",
        allow_hyphen_values = true
    )]
    pub times: String,
    /// Charging time = first time W reaches FRACTION * W_steady
    #[arg(
        long,
        value_name = "FRACTION",
        default_value_t = 0.9,
        allow_hyphen_values = true
    )]
    pub fraction: f64,
    /// Target absolute error of the state vector at the last time
    #[arg(
        long,
        value_name = "TOL",
        default_value_t = 1e-10,
        allow_hyphen_values = true
    )]
    pub tolerance: f64,
    /// How exp(tL) is applied: rational (shift-and-invert Krylov, one sparse LU; symmetric
    /// method only), polynomial (Krylov/Expokit, products with L only), or auto (rational for
    /// the symmetric method, else polynomial)
    #[arg(long, value_name = "NAME", default_value = "auto")]
    pub integrator: String,
    /// Skip the Liouvillian's spectral gap (costly with the polynomial integrator at large N)
    #[arg(long)]
    pub no_gap: bool,
    /// Print exactly one JSON object instead of the summary
    #[arg(long)]
    pub json: bool,
    /// Also write every sample to this CSV file
    #[arg(long, value_name = "FILE.csv")]
    pub out: Option<PathBuf>,
    /// Also draw W(t) and E_B(t) / E_max into this figure (.png or .svg)
    #[arg(long, value_name = "FILE")]
    pub plot: Option<PathBuf>,
}

/// Parses an integrator name (`auto`, `polynomial`, `rational`).
///
/// # Errors
/// [`CliError::Input`] naming `integrator`, the value and the choices.
pub fn parse_integrator(text: &str) -> Result<Integrator, CliError> {
    text.parse().map_err(|e: ParseNameError| {
        CliError::Input(format!(
            "invalid integrator = {text:?}: expected one of {}",
            e.accepted().join(", ")
        ))
    })
}

/// Parses `START:STOP:COUNT` into `COUNT` evenly spaced times from `START` to `STOP`.
///
/// # Errors
/// [`CliError::Input`] naming `times` and the value.
pub fn parse_times(text: &str) -> Result<Vec<f64>, CliError> {
    let bad = |reason: &str| CliError::Input(format!("invalid times = {text:?}: {reason}"));
    let parts: Vec<&str> = text.split(':').collect();
    let [start, stop, count] = parts[..] else {
        return Err(bad("expected START:STOP:COUNT, e.g. 0:20:201"));
    };
    let number = |s: &str, what: &str| {
        s.trim()
            .parse::<f64>()
            .ok()
            .filter(|x| x.is_finite())
            .ok_or_else(|| bad(&format!("{what} must be a finite number")))
    };
    let (start, stop) = (number(start, "START")?, number(stop, "STOP")?);
    let count: usize = count
        .trim()
        .parse()
        .map_err(|_| bad("COUNT must be a whole number >= 1"))?;
    if start < 0.0 {
        return Err(bad("START must be >= 0 (the evolution starts at t = 0)"));
    }
    if stop < start {
        return Err(bad("STOP must be >= START"));
    }
    match count {
        0 => Err(bad("COUNT must be a whole number >= 1")),
        1 if stop != start => Err(bad("COUNT = 1 needs START = STOP")),
        1 => Ok(vec![start]),
        _ => Ok((0..count)
            .map(|k| {
                if k + 1 == count {
                    stop // exactly, whatever the rounding of the step
                } else {
                    start + (stop - start) * k as f64 / (count - 1) as f64
                }
            })
            .collect()),
    }
}

/// Resolves the model, evolves it and prints the report; writes the CSV (with its
/// provenance sidecar `OUT.meta.json`) and plot if asked.
///
/// Every output path is checked before the computation; the evolution runs on a worker
/// thread while this one watches for Ctrl-C and SIGTERM ([`interruptible`]); outputs are
/// written only at the end, each atomically.
///
/// # Errors
/// [`CliError::Input`] for bad input (exit 2), [`CliError::Numerical`] when the integration or
/// a solve fails, [`CliError::Output`] when a file cannot be written (checked first),
/// [`CliError::Interrupted`] on a signal (exit 130, nothing written).
pub fn run(args: &EvolveArgs) -> Result<(), CliError> {
    let times = parse_times(&args.times)?;
    let integrator = parse_integrator(&args.integrator)?;
    if let Some(path) = &args.plot {
        // refuse an unsupported format before the (possibly long) computation
        Format::from_path(path).map_err(|e| CliError::Input(e.to_string()))?;
    }
    let config = config::load(&args.model)?;
    if let Some(solver) = config.options.solver {
        return Err(CliError::Input(format!(
            "invalid solver = {solver}: it chooses the steady-state solver of qbat steady and \
             qbat sweep; evolve takes --integrator"
        )));
    }
    let model = Model::new(&config.spec)?;
    // every output is writable before anything is computed
    if let Some(path) = &args.out {
        crate::atomic::check_writable("--out", path)?;
        crate::atomic::check_writable("--out", &sidecar_path(path))?;
    }
    if let Some(path) = &args.plot {
        crate::atomic::check_writable("--plot", path)?;
    }
    let mut options = EvolveOptions::default()
        .with_initial(config.options.initial)
        .with_times(times)
        .with_tolerance(args.tolerance)
        .with_method(config.options.method)
        .with_fraction(args.fraction)
        .with_gap(!args.no_gap)
        .with_integrator(integrator);
    // the machine's memory is the limit (the library's default where it cannot be read)
    options.memory_limit_bytes = physical_memory_bytes();
    let bar = progress_bar(options.times.len());
    let result = {
        let (model, options, bar) = (model.clone(), options.clone(), bar.clone());
        interruptible("evolve", move || {
            // a signal also stops the worker at its next sample (interruptible returns at once)
            evolve_with_progress(&model, &options, &mut |done, _| {
                bar.set_position(done as u64);
                if crate::interrupt::requested() {
                    ControlFlow::Break(())
                } else {
                    ControlFlow::Continue(())
                }
            })
        })
    };
    bar.finish_and_clear();
    let trajectory = result?.map_err(|e| match e {
        SolveError::TooLarge { .. } => CliError::Input(format!(
            "invalid n = {}: {e} (the limit is this machine's memory)",
            model.n()
        )),
        other => other.into(),
    })?;
    let model_report = ModelReport::new(&model, options.initial, options.method);
    let provenance = Provenance::of_this_run(
        serde_json::to_value(&model_report).unwrap_or(serde_json::Value::Null),
    )
    .with(
        "evolve",
        serde_json::json!({
            "times": args.times,
            "fraction": options.fraction,
            "tolerance": options.tolerance,
            "integrator": args.integrator,
            "gap": !args.no_gap,
        }),
    )
    .into_value();
    let mut report = EvolveReport::new(
        model_report,
        &trajectory,
        options.fraction,
        options.tolerance,
    );
    if let Some(path) = &args.out {
        report.write_csv(path)?;
        write_sidecar(path, &provenance)?;
    }
    if let Some(path) = &args.plot {
        plot_trajectory(path, &model, &report).map_err(|e| CliError::Output(e.to_string()))?;
    }
    let text = if args.json {
        report.provenance = Some(provenance);
        report.to_json() + "\n"
    } else {
        report.to_text()
    };
    print_stdout(&text)
}

/// Runs `work` on a worker thread while this thread watches the interrupt flag every 50 ms:
/// on Ctrl-C or SIGTERM it returns [`CliError::Interrupted`] at once (exit code 130) and the
/// process ends with the worker, before anything was written. A panic of the worker is
/// resumed here, as if `work` had run on this thread.
///
/// # Errors
/// [`CliError::Interrupted`] naming `what`; [`CliError::Numerical`] if no thread can be
/// started.
pub fn interruptible<T: Send + 'static>(
    what: &str,
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T, CliError> {
    let worker = std::thread::Builder::new()
        .name(what.to_string())
        // as much stack as the main thread has (the solvers recurse over elimination trees)
        .stack_size(64 << 20)
        .spawn(work)
        .map_err(|e| CliError::Numerical(format!("cannot start the {what} thread: {e}")))?;
    loop {
        if worker.is_finished() {
            return worker
                .join()
                .map_err(|panic| std::panic::resume_unwind(panic));
        }
        if crate::interrupt::requested() {
            return Err(CliError::Interrupted(format!(
                "{what} interrupted before it finished; nothing was written"
            )));
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
}

/// A bar over the samples on a terminal; hidden when stderr is redirected.
fn progress_bar(total: usize) -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(total as u64);
    if let Ok(style) =
        ProgressStyle::with_template("evolving {bar:40} {pos}/{len} samples [{elapsed}]")
    {
        bar.set_style(style);
    }
    bar
}

/// `W(t)` and the stored energy `(E_B(t) - E_B^ground) / E_max = (E_B + omega0) / 2 omega0`
/// (the battery's excited population, 0 for an empty battery) on one axis, both fractions of
/// `E_max = 2 omega0_0`, titled with the model's parameters; time in units of `1/gamma` when
/// every `gamma` is 1.
fn plot_trajectory(path: &Path, model: &Model, report: &EvolveReport) -> Result<(), PlotError> {
    let unit = model.reservoirs().iter().all(|r| r.gamma == 1.0);
    let e_max = model.battery_energy_max();
    let points = |y: &[f64], shift: f64, scale: f64| {
        report
            .times
            .iter()
            .zip(y)
            .map(|(&t, &v)| (t, (v + shift) / scale))
            .collect()
    };
    let plot = LinePlot {
        title: format!(
            "{}, initial {}",
            fixed_parameters(model, &[], unit),
            report.model.initial
        ),
        x: Axis::linear(if unit { "γt" } else { "t" }),
        y: Axis::linear("fraction of the capacity 2ω₀"),
        curves: vec![
            Curve {
                label: "W = ergotropy / 2ω₀".into(),
                points: points(&report.w, 0.0, 1.0),
            },
            Curve {
                label: "stored energy / 2ω₀".into(),
                points: points(&report.energy_battery, e_max / 2.0, e_max),
            },
        ],
    };
    line_plot(path, &plot)
}
