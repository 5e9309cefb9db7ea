//! [`evolve`]: the trajectory, its figures of merit and the derived quantities.

use std::ops::ControlFlow;

use super::derived::{charging_time, max_average_power};
use super::gap::{spectral_gap, spectral_gap_shifted, Gap};
use super::krylov::{Krylov, Work};
use super::observe::{initial_vector, sample, trace_distance, Sample};
use super::options::{validate, EvolveOptions};
use super::rational::{Carry, Rational};
use super::system::{dicke_sample, System};
use crate::c64;
use crate::dicke::{Reach, ShiftedDicke, Window, WINDOW_FLOOR};
use crate::error::SolveError;
use crate::linalg::scalar::Scalar;
use crate::linalg::sparse::Csr;
use crate::model::{Dissipation, Model};
use crate::observables::{battery_observables, BatteryObservables};
use crate::options::{Integrator, Method, SteadyOptions, DEFAULT_MEMORY_LIMIT_BYTES};
use crate::plan::evolve_plan;
use crate::steady::symmetric::layout_stationary;
use crate::steady::{steady_state, SteadyState};
use std::time::Instant;

/// First width (e-folds of the a-priori weight) of the Dicke regions the rational integrator
/// keeps: weights below `e^-50` (2e-22) of the largest along the uncoupled relaxation path,
/// over each window's stretch of it. The coupled dynamics strays further than that estimate
/// (at N = 201, width 25 leaked more than the tolerance allows); the leak certificate doubles
/// the width when needed. At N = 1001 (paper's Fig. 4 point, mu = 0, dmu = 4) the union over
/// the whole path keeps 163 thousand of 752 thousand unknowns; its nine windows keep 16 to 117
/// thousand each, leak 1.6e-12 in all, and agree with the union in W(t) to 5e-11.
const FIRST_WIDTH: f64 = 50.0;

/// The smallest share of the tolerance a window of the rational integration gets
/// ([`windowed`]).
const MIN_WINDOW_SHARE: f64 = 1.0 / 64.0;

/// Largest 2-norm of the `t -> infinity` state outside a window's unknowns, relative to the
/// tolerance, for the window to propagate the difference from it (`Rational::with_stationary`).
const STATIONARY_LOSS: f64 = 1e-3;

/// A sampled trajectory of the battery and what follows from it.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct Trajectory {
    /// Sample times.
    pub times: Vec<f64>,
    /// Normalised ergotropy `W(t) = ergotropy / (2 omega0_0)`.
    pub w: Vec<f64>,
    /// Ergotropy w.r.t. `H_B = omega0_0 sigma_z`, absolute units.
    pub ergotropy: Vec<f64>,
    /// `E_B(t) = tr(rho_B H_B)`.
    pub energy_battery: Vec<f64>,
    /// `<e| rho_B |e>`.
    pub excited_population_battery: Vec<f64>,
    /// `tr(rho_B^2)`.
    pub purity_battery: Vec<f64>,
    /// Trace distance `(1/2) ||rho_B(t) - rho_B(infinity)||_1` to the battery's steady state.
    pub trace_distance_steady: Vec<f64>,
    /// The battery's state in the basis `(|e>, |g>)`.
    pub rho_battery: Vec<[[c64; 2]; 2]>,
    /// `tr(rho(t) H_S)`.
    pub energy_total: Vec<f64>,
    /// `tr(rho(t))` (1 up to the integration error).
    pub trace: Vec<f64>,
    /// Smallest eigenvalue of `rho(t)`, when its blocks are small enough to check
    /// (at most 256 states per excitation number).
    pub min_eigenvalue: Vec<Option<f64>>,
    /// The `t -> infinity` state from the same initial state (`steady_state`, method `Auto`).
    pub steady: SteadyState,
    /// `W` of the steady state.
    pub w_steady: f64,
    /// First time `W` reaches `fraction * W_steady` (linear interpolation between samples);
    /// `None` if it never does in the sampled window or `W_steady = 0`.
    pub charging_time: Option<f64>,
    /// `max over t > 0 of (E_B(t) - E_B(0)) / t` over the samples; `None` without `t > 0`.
    pub max_average_power: Option<f64>,
    /// The sample time at which `max_average_power` is attained.
    pub max_average_power_time: Option<f64>,
    /// Spectral gap (slowest relaxation rate) of the Liouvillian on the operators the
    /// trajectory can reach: the U(1) sector for `Sector` and `Full`, the permutation-invariant
    /// operators for `Symmetric`; `None` if no eigenvalue decays. Modes outside that space
    /// (coherences between excitation numbers: one qubit relaxes them at `gamma / 2` against
    /// `gamma` for populations; modes antisymmetric in identical ancillas) are never excited
    /// from the supported initial states, so the symmetric gap can exceed the sector's.
    /// `None` also when [`EvolveOptions::gap`] is `false`.
    pub gap: Option<f64>,
    /// How the numbers were obtained.
    pub diagnostics: EvolveDiagnostics,
}

/// Work and quality of an evolution.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct EvolveDiagnostics {
    /// Representation evolved (never `Auto`).
    pub method: Method,
    /// Algorithm that applied `exp(t L)` (never `Auto`).
    pub integrator: Integrator,
    /// Unknowns of `vec(rho)` in that representation (rational integrator: of the largest
    /// window's region).
    pub unknowns: usize,
    /// Stored entries of the Liouvillian (rational integrator: of the largest window's).
    pub nonzeros: usize,
    /// Accepted Krylov substeps (restarts of the rational method).
    pub steps: usize,
    /// Rejected Krylov substeps.
    pub rejected_steps: usize,
    /// Products `L x` of the integration (polynomial), or solves with `I - sigma L`
    /// (rational).
    pub products: usize,
    /// Sum of the local error estimates (estimate of the error of `vec(rho)` at the end).
    pub error_estimate: f64,
    /// Error from the Dicke unknowns not kept (rational integrator, individual reservoirs):
    /// `int_0^t ||L_{dropped, kept} x(s)|| ds` by the trapezoidal rule; 0 when none were
    /// dropped.
    pub truncation_error: f64,
    /// `max_t |tr rho(t) - 1|`.
    pub max_trace_error: f64,
    /// Gap details: algorithm, Ritz residual, oscillation frequency of the slowest mode
    /// (`None` when not computed).
    pub gap: Option<Gap>,
    /// Wall time of the steady state, the integration and the gap, seconds.
    pub seconds_steady: f64,
    /// Wall time of the integration, seconds.
    pub seconds_evolve: f64,
    /// Wall time of the gap computation, seconds.
    pub seconds_gap: f64,
}

/// Evolves `model` from `options.initial` and samples it at `options.times`.
///
/// # Errors
/// [`SolveError::InvalidOption`] for bad times, tolerance or fraction, or the rational
/// integrator outside the symmetric representation; `NotApplicable` for the symmetric method;
/// `TooLarge` beyond the memory limit; a numerical variant ([`SolveError::is_numerical`]:
/// `NoConvergence`, `SingularPivot`, ...) when the integrator or the gap computation
/// fails; errors of the steady-state solve.
pub fn evolve(model: &Model, options: &EvolveOptions) -> Result<Trajectory, SolveError> {
    evolve_with_progress(model, options, &mut |_, _| ControlFlow::Continue(()))
}

/// [`evolve`], calling `progress(done, total)` after every sample; a `Break` from it stops
/// the integration there with [`SolveError::Cancelled`] (a caller's Ctrl-C, a time limit).
pub fn evolve_with_progress(
    model: &Model,
    options: &EvolveOptions,
    progress: &mut dyn FnMut(usize, usize) -> ControlFlow<()>,
) -> Result<Trajectory, SolveError> {
    validate(options)?;
    let memory_limit = options
        .memory_limit_bytes
        .unwrap_or(DEFAULT_MEMORY_LIMIT_BYTES);
    let plan = evolve_plan(model, options.method, options.integrator, memory_limit)?;
    let (method, integrator) = (plan.method, plan.integrator);
    let clock = Instant::now();
    let steady = steady_state(
        model,
        &SteadyOptions {
            method: Method::Auto,
            initial: options.initial,
            memory_limit_bytes: Some(memory_limit),
            solver: None,
        },
    )?;
    let seconds_steady = clock.elapsed().as_secs_f64();
    let omega0 = model.omega0[0];
    let steady_figures = battery_observables(&steady.rho_battery, omega0);

    let clock = Instant::now();
    let (system, run) = match integrator {
        Integrator::Rational => rational_run(model, options, memory_limit, &steady, progress)?,
        _ => {
            let system = System::new(model, method, options.initial)?;
            let run = polynomial_run(&system, model, options, progress)?;
            (system, run)
        }
    };
    let samples = &run.samples;
    let seconds_evolve = clock.elapsed().as_secs_f64();
    let initial_energy = battery_observables(&samples[0].rho_battery, omega0).energy_battery;

    let clock = Instant::now();
    let tau = relaxation_time(model);
    let gap = match (options.gap, &system) {
        (false, _) => None,
        (true, System::Shifted(shifted)) => {
            let stationary = run
                .stationary
                .as_deref()
                .expect("the rational run keeps x_inf");
            // sigma = a relaxation time: the slowest modes lie next to 1 / sigma
            Some(spectral_gap_shifted(
                shifted,
                stationary,
                tau / 2.0,
                method,
            )?)
        }
        // the full space's own gap includes coherences between excitation numbers, which the
        // supported initial states never populate: report the sector's
        (true, _) if method == Method::Full => {
            let sector = System::new(model, Method::Sector, options.initial)?;
            let op = sector.complex_op().expect("sparse L");
            Some(spectral_gap(&op, tau, method)?)
        }
        (true, system) => {
            let op = system.complex_op().expect("sparse L");
            Some(spectral_gap(&op, tau, method)?)
        }
    };
    let seconds_gap = clock.elapsed().as_secs_f64();

    let figs: Vec<BatteryObservables> = samples
        .iter()
        .map(|s| battery_observables(&s.rho_battery, omega0))
        .collect();
    let pick = |f: fn(&BatteryObservables) -> f64| figs.iter().map(f).collect::<Vec<f64>>();
    let w = pick(|f| f.w);
    let energy_battery = pick(|f| f.energy_battery);
    let times = options.times.clone();
    let charging = charging_time(&times, &w, steady_figures.w, options.fraction);
    let power = max_average_power(&times, &energy_battery, initial_energy);
    let trace: Vec<f64> = samples.iter().map(|s| s.trace).collect();
    let max_trace_error = trace.iter().map(|t| (t - 1.0).abs()).fold(0.0, f64::max);
    let (unknowns, nonzeros) = run.size.unwrap_or_else(|| system.size());
    Ok(Trajectory {
        ergotropy: pick(|f| f.ergotropy),
        excited_population_battery: pick(|f| f.excited_population),
        purity_battery: pick(|f| f.purity),
        trace_distance_steady: samples
            .iter()
            .map(|s| trace_distance(&s.rho_battery, &steady.rho_battery))
            .collect(),
        rho_battery: samples.iter().map(|s| s.rho_battery).collect(),
        energy_total: samples.iter().map(|s| s.energy_total).collect(),
        min_eigenvalue: samples.iter().map(|s| s.min_eigenvalue).collect(),
        trace,
        w,
        energy_battery,
        times,
        w_steady: steady_figures.w,
        steady,
        charging_time: charging,
        max_average_power: power.map(|p| p.0),
        max_average_power_time: power.map(|p| p.1),
        gap: gap.and_then(|g| g.rate),
        diagnostics: EvolveDiagnostics {
            method,
            integrator,
            unknowns,
            nonzeros,
            steps: run.work.steps,
            rejected_steps: run.work.rejected,
            products: run.work.products,
            error_estimate: run.error_estimate,
            truncation_error: run.truncation_error,
            max_trace_error,
            gap,
            seconds_steady,
            seconds_evolve,
            seconds_gap,
        },
    })
}

/// What an integration produced.
struct Run {
    samples: Vec<Sample>,
    /// The `t -> infinity` state in the rational integrator's unknowns.
    stationary: Option<Vec<f64>>,
    work: Work,
    error_estimate: f64,
    truncation_error: f64,
    /// Unknowns and stored entries of the largest system integrated, when not the one
    /// returned.
    size: Option<(usize, usize)>,
}

/// Allowed local error per unit time: the tolerance spread over the time span.
fn error_rate(options: &EvolveOptions) -> f64 {
    let t_last = *options.times.last().unwrap();
    if t_last > 0.0 {
        options.tolerance / t_last
    } else {
        options.tolerance
    }
}

/// The polynomial Krylov exponential on the sparse `L` of `system`: complex for the
/// computational basis, real for the Dicke basis.
fn polynomial_run(
    system: &System,
    model: &Model,
    options: &EvolveOptions,
    progress: &mut dyn FnMut(usize, usize) -> ControlFlow<()>,
) -> Result<Run, SolveError> {
    match system {
        System::Space {
            space,
            generators,
            op,
        } => integrate(
            op,
            initial_vector(space, options.initial),
            &|x| sample(space, model.n, &generators.hamiltonian, x),
            options,
            progress,
        ),
        System::Dicke { dicke, op } => integrate(
            op,
            dicke.initial_state(options.initial),
            &|x| dicke_sample(dicke.reduce(x)),
            options,
            progress,
        ),
        System::Shifted(_) => unreachable!("the rational integrator runs the shifted system"),
    }
}

/// `exp(t L) x` at the output times, each state reduced by `sample`.
fn integrate<T: Scalar>(
    op: &Csr<T>,
    mut x: Vec<T>,
    sample: &dyn Fn(&[T]) -> Sample,
    options: &EvolveOptions,
    progress: &mut dyn FnMut(usize, usize) -> ControlFlow<()>,
) -> Result<Run, SolveError> {
    let mut krylov = Krylov::new(op, error_rate(options), options.method);
    let total = options.times.len();
    let mut samples = Vec::with_capacity(total);
    krylov.propagate(&mut x, &options.times, &mut |k, state| {
        samples.push(sample(state));
        progress(k + 1, total)
    })?;
    Ok(Run {
        samples,
        work: krylov.work,
        error_estimate: krylov.error_estimate,
        truncation_error: 0.0,
        stationary: None,
        size: None,
    })
}

/// The rational Krylov exponential on the reachable Dicke unknowns, window by window of time
/// (`Reach::windows`: each window factorises and solves on the unknowns the uncoupled
/// relaxation path reaches within `e^-width` during its times, and the state moves on to the
/// next window's unknowns at its end), until the leak out of the kept unknowns, integrated over
/// the trajectory, plus what the moves dropped, is below a tenth of the tolerance: if it is
/// not, the trajectory is redone on the union of the windows' regions, then with `width`
/// doubled. The system returned is the last window's (the `t -> infinity` one, where the
/// gap is computed), with the stationary state on its unknowns.
fn rational_run(
    model: &Model,
    options: &EvolveOptions,
    memory_limit: u64,
    steady: &SteadyState,
    progress: &mut dyn FnMut(usize, usize) -> ControlFlow<()>,
) -> Result<(System, Run), SolveError> {
    // over the whole layout, restricted to each region tried: the steady state already solved
    // when it is the Dicke solver's unique state (individual reservoirs: every block, in layout
    // order, as `layout_stationary` returns it), else solved here
    let stationary = match (model.dissipation, steady.state.dicke_blocks()) {
        (Dissipation::Individual, Some((ancillas, blocks))) if ancillas + 1 == model.n => {
            blocks.iter().flat_map(|(_, x)| x.iter().copied()).collect()
        }
        _ => layout_stationary(model, options.initial, memory_limit)?,
    };
    let (mut width, mut split) = (FIRST_WIDTH, true);
    loop {
        let reach = Reach::new(model, options.initial, width, memory_limit)?;
        let windows = if split {
            reach.windows(WINDOW_FLOOR)
        } else {
            vec![reach.whole()]
        };
        let pass = windowed(
            model,
            options,
            memory_limit,
            &reach,
            &windows,
            &stationary,
            progress,
        )?;
        if pass.leak <= 0.1 * options.tolerance || pass.exact {
            // the gap's system: the window that holds t -> infinity
            let shifted = if pass.holds_infinity || !options.gap {
                pass.system
            } else {
                let last = windows.last().expect("at least one window");
                ShiftedDicke::window(&reach, last, memory_limit)?
            };
            let run = Run {
                samples: pass.samples,
                work: pass.carry.work,
                error_estimate: pass.carry.error_estimate,
                truncation_error: pass.leak,
                stationary: Some(shifted.restrict(&stationary)),
                size: Some(pass.largest),
            };
            return Ok((System::Shifted(Box::new(shifted)), run));
        }
        // windows' edges lie closer to the state than the union's, so more of the integration
        // error counts as leak there: the union at the same width first (N = 1001, paper's
        // Fig. 4 point: 6.6e-12 in windows, 1e-18 on the union), then wider regions
        if split && windows.len() > 1 {
            split = false;
        } else {
            width *= 2.0;
        }
    }
}

/// One integration over `windows` of `reach` ([`windowed`]).
struct Pass {
    samples: Vec<Sample>,
    carry: Carry,
    /// The leak integrated over every window plus the 2-norm dropped between windows.
    leak: f64,
    /// No window dropped a reachable unknown.
    exact: bool,
    /// Unknowns and entries of the largest window.
    largest: (usize, usize),
    /// The system of the last window integrated.
    system: ShiftedDicke,
    /// Whether that window holds `t -> infinity` (the last of the windows).
    holds_infinity: bool,
}

/// Integrates from the initial state through `windows` (consecutive, the first from 0) until
/// the last output time, each window on its own unknowns: its outputs and then its end, where
/// the state moves on to the next window's unknowns (what that one does not keep is dropped,
/// and counted with the leak). `stationary`: the `t -> infinity` state over the layout, taken
/// out of the propagated vector in the window that holds it.
fn windowed(
    model: &Model,
    options: &EvolveOptions,
    memory_limit: u64,
    reach: &Reach,
    windows: &[Window],
    stationary: &[f64],
    progress: &mut dyn FnMut(usize, usize) -> ControlFlow<()>,
) -> Result<Pass, SolveError> {
    let times = &options.times;
    let total = times.len();
    let mut samples = Vec::with_capacity(total);
    // the region and state at the end of the previous window
    let mut previous: Option<(ShiftedDicke, Vec<f64>)> = None;
    let mut carry = None;
    let (mut dropped, mut exact, mut largest) = (0.0, true, (0, 0));
    let (mut next, mut used) = (0, 0);
    for window in windows {
        if next == total {
            break;
        }
        used += 1;
        let shifted = ShiftedDicke::window(reach, window, memory_limit)?;
        let mut x = match previous.take() {
            None => shifted.initial_state(options.initial),
            Some((before, x)) => {
                let (x, lost) = shifted.transfer(&before, &x);
                dropped += lost;
                x
            }
        };
        exact &= !shifted.width.is_finite();
        largest = largest.max((shifted.len(), shifted.nonzeros));
        // the outputs in this window, relative to its start, then its end (not emitted)
        let start = window.start;
        let mut outputs: Vec<f64> = times[next..]
            .iter()
            .take_while(|&&t| t < window.end)
            .map(|&t| t - start)
            .collect();
        let inside = outputs.len();
        if next + inside < total {
            outputs.push(window.end - start);
        }
        let mut rational = Rational::new(
            &shifted,
            error_rate(options),
            first_step(model, shifted.norm_inf),
            Method::Symmetric,
        );
        // x_inf is taken out only in the window of t -> infinity, when it keeps x_inf: in an
        // earlier window, whose region cuts through x_inf or lies apart from it, the piece
        // kept is not stationary, and the propagation from x - x_inf stalled (N = 1001)
        if window.end == f64::INFINITY {
            let (kept, lost) = shifted.restrict_counting(stationary);
            if lost <= STATIONARY_LOSS * options.tolerance {
                rational = rational.with_stationary(kept);
            }
        }
        if let Some(carry) = carry {
            rational = rational.continue_from(carry);
        }
        // the window's share of the tolerance, by its span, but never below a fixed share: a
        // window of a rounding-level budget stalls (N = 201, windows of 0.004 / gamma). The
        // whole trajectory's tolerance instead (each step spending up to a quarter of what is
        // left, as in one window) made the integration error that reaches the edge of the
        // windows leak past the certificate at N = 1001, which then doubled the width
        let span = outputs.last().copied().unwrap_or(0.0);
        let budget = (error_rate(options) * span).max(options.tolerance * MIN_WINDOW_SHARE);
        rational = rational.with_budget(budget);
        rational.propagate(&mut x, &outputs, &mut |k, state| {
            if k < inside {
                samples.push(dicke_sample(shifted.reduce(state)));
                progress(next + k + 1, total)
            } else {
                ControlFlow::Continue(())
            }
        })?;
        next += inside;
        carry = Some(rational.carry());
        drop(rational);
        previous = Some((shifted, x));
    }
    let carry = carry.expect("the first window starts at 0, where an output lies or follows");
    let (system, _) = previous.expect("likewise");
    Ok(Pass {
        samples,
        leak: carry.leak_integral + dropped,
        carry,
        exact,
        largest,
        system,
        holds_infinity: used == windows.len(),
    })
}

/// The rational integrator's first trial step: `1 / ||L||_inf`, the fastest time scale present
/// in the stiff start from a product state, at most a tenth of the fastest single-qubit
/// relaxation time.
fn first_step(model: &Model, norm_inf: f64) -> f64 {
    let fastest = model.reservoirs.iter().map(|r| r.gamma).fold(0.0, f64::max);
    (0.1 / fastest.max(f64::MIN_POSITIVE)).min(1.0 / norm_inf.max(f64::MIN_POSITIVE))
}

/// `2 / max_k gamma_k`: the propagator step for the gap's Arnoldi iteration. Longer steps
/// separate the slowest modes better but cost more products per step; 2 was the best of
/// 1, 2, 3, 4, 10 on the paper's models at N = 6, 7 (both dissipation types).
fn relaxation_time(model: &Model) -> f64 {
    let fastest = model.reservoirs.iter().map(|r| r.gamma).fold(0.0, f64::max);
    2.0 / fastest
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_reproduce_the_whole_path_region() {
        // N = 201 with the ancillas pumped towards p = 0.95 (mu = 0, dmu = 4): the same
        // trajectory on the union of the path's regions (one window) and window by window
        // (floor 0: every window cut at growth 2, the regions a fraction of the union)
        let model = crate::model::pumped_star(201);
        let options = EvolveOptions::default()
            .with_times((0..=40).map(|k| 0.25 * k as f64).collect())
            .with_gap(false);
        let limit = DEFAULT_MEMORY_LIMIT_BYTES;
        let stationary = layout_stationary(&model, options.initial, limit).unwrap();
        let reach = Reach::new(&model, options.initial, FIRST_WIDTH, limit).unwrap();
        let run = |windows: &[Window]| {
            let pass = windowed(
                &model,
                &options,
                limit,
                &reach,
                windows,
                &stationary,
                &mut |_, _| ControlFlow::Continue(()),
            )
            .unwrap();
            assert!(
                pass.leak <= 1e-11,
                "{} windows: leak {:e}",
                windows.len(),
                pass.leak
            );
            pass
        };
        let whole = run(&[reach.whole()]);
        let windows = reach.windows(0);
        assert!(windows.len() >= 4, "{} windows", windows.len());
        let split = run(&windows);
        assert!(split.largest.0 < whole.largest.0);
        for (k, (a, b)) in whole.samples.iter().zip(&split.samples).enumerate() {
            let (wa, wb) = (
                battery_observables(&a.rho_battery, model.omega0[0]).w,
                battery_observables(&b.rho_battery, model.omega0[0]).w,
            );
            assert!(
                (wa - wb).abs() < 1e-9,
                "t = {}: W {wa} on the union, {wb} window by window",
                options.times[k]
            );
            assert!(
                (a.trace - b.trace).abs() < 1e-10,
                "t = {}: trace {} and {}",
                options.times[k],
                a.trace,
                b.trace
            );
        }
    }
}
