//! `qbat._qbat`: the Rust side of the Python package `qbat`.
//!
//! A thin layer over `qbat_core`'s public API. Model keys (the names of the model file and the
//! command line) are turned into a [`ModelSpec`] and [`SteadyOptions`] here, with the choice
//! names parsed by the library's `FromStr` and the model validated by [`Model::new`], so the
//! defaults and the checks are the library's. Every computation runs on a worker thread with
//! the GIL released; the calling thread polls for Ctrl-C (and reports progress) every 50 ms.
//! A panic in the worker becomes a `RuntimeError`, never an abort.

use std::any::Any;
use std::ops::ControlFlow;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::{channel, RecvTimeoutError};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use numpy::ndarray::{Array2, Array3};
use numpy::{Complex64, IntoPyArray, PyReadonlyArray1, PyReadonlyArray2};
use pyo3::exceptions::{PyRuntimeError, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyList, PyString};
use qbat_core::{
    battery_observables, evolve_with_progress, steady_state, thermodynamics, EvolveOptions,
    Integrator, Model, ModelSpec, ParseNameError, PerQubit, SolveError, SteadyOptions, Topology,
};

/// The model keys, in the order they are applied (as the command line's registry:
/// `topology` before `edges`).
const KEYS: [&str; 15] = [
    "n",
    "topology",
    "edges",
    "omega0",
    "coupling",
    "dissipation",
    "statistics",
    "omega",
    "gamma",
    "temperature",
    "mu",
    "dmu",
    "initial",
    "method",
    "solver",
];

/// The keys a sweep can vary (one number each).
const NUMERIC_KEYS: [&str; 8] = [
    "n",
    "omega0",
    "coupling",
    "omega",
    "gamma",
    "temperature",
    "mu",
    "dmu",
];

/// A key's value as given from Python.
#[derive(Clone, Debug)]
enum Value {
    Number(f64),
    Text(String),
    List(Vec<f64>),
    Pairs(Vec<(f64, f64)>),
}

/// A resolved model and the steady-state options (what the command line calls a run config).
#[derive(Clone, Debug, Default)]
struct Config {
    spec: ModelSpec,
    options: SteadyOptions,
}

fn invalid(key: &str, value: &str, reason: impl std::fmt::Display) -> PyErr {
    PyValueError::new_err(format!("invalid {key} = {value}: {reason}"))
}

/// The Python value of one key as a [`Value`]; `None` means "not given".
fn to_value(key: &str, obj: &Bound<'_, PyAny>) -> PyResult<Option<(Value, String)>> {
    if obj.is_none() {
        return Ok(None);
    }
    let shown = obj.repr()?.to_string();
    if obj.is_instance_of::<PyBool>() {
        return Err(invalid(
            key,
            &shown,
            "expected a number or a name, not a bool",
        ));
    }
    if let Ok(s) = obj.cast::<PyString>() {
        return Ok(Some((Value::Text(s.to_str()?.to_string()), shown)));
    }
    if let Ok(x) = obj.extract::<f64>() {
        return Ok(Some((Value::Number(x), shown)));
    }
    if key == "edges" {
        if let Ok(pairs) = obj.extract::<Vec<(f64, f64)>>() {
            return Ok(Some((Value::Pairs(pairs), shown)));
        }
        return Err(invalid(
            key,
            &shown,
            "expected a list of pairs of qubit indices, e.g. [(0, 1), (1, 2)]",
        ));
    }
    match obj.extract::<Vec<f64>>() {
        Ok(list) => Ok(Some((Value::List(list), shown))),
        Err(_) => Err(invalid(
            key,
            &shown,
            "expected a number, a list of numbers or a name",
        )),
    }
}

fn finite(key: &str, shown: &str, x: f64) -> PyResult<f64> {
    if x.is_finite() {
        Ok(x)
    } else {
        Err(invalid(key, shown, "must be a finite number"))
    }
}

fn number(key: &str, value: &Value, shown: &str) -> PyResult<f64> {
    match value {
        Value::Number(x) => finite(key, shown, *x),
        _ => Err(invalid(key, shown, "expected a single number")),
    }
}

fn count(key: &str, value: &Value, shown: &str) -> PyResult<usize> {
    let x = number(key, value, shown)?;
    if x.fract() != 0.0 || x < 0.0 || x > u32::MAX as f64 {
        return Err(invalid(key, shown, "expected a whole number of qubits"));
    }
    if x == 0.0 {
        return Err(invalid(key, shown, "must be at least 1"));
    }
    Ok(x as usize)
}

fn per_qubit(key: &str, value: &Value, shown: &str) -> PyResult<PerQubit> {
    match value {
        Value::Number(x) => Ok(PerQubit::Uniform(finite(key, shown, *x)?)),
        Value::List(items) => items
            .iter()
            .map(|&x| finite(key, shown, x))
            .collect::<PyResult<Vec<f64>>>()
            .map(PerQubit::List),
        _ => Err(invalid(
            key,
            shown,
            "expected a number or a list of numbers",
        )),
    }
}

fn name<'v>(key: &str, value: &'v Value, shown: &str) -> PyResult<&'v str> {
    match value {
        Value::Text(s) => Ok(s.trim()),
        _ => Err(invalid(key, shown, "expected a name")),
    }
}

fn lookup<T: std::str::FromStr<Err = ParseNameError>>(
    key: &str,
    value: &Value,
    shown: &str,
    extra: &[&str],
) -> PyResult<T> {
    name(key, value, shown)?
        .parse()
        .map_err(|e: ParseNameError| {
            let names: Vec<&str> = e.accepted().iter().chain(extra).copied().collect();
            invalid(key, shown, format!("expected one of {}", names.join(", ")))
        })
}

fn edges(key: &str, value: &Value, shown: &str) -> PyResult<Vec<(usize, usize)>> {
    let index = |x: f64| {
        if x.fract() == 0.0 && (0.0..=u32::MAX as f64).contains(&x) {
            Ok(x as usize)
        } else {
            Err(invalid(
                key,
                shown,
                "qubit indices must be whole numbers >= 0",
            ))
        }
    };
    match value {
        Value::Pairs(pairs) => pairs
            .iter()
            .map(|&(a, b)| Ok((index(a)?, index(b)?)))
            .collect(),
        Value::List(list) if list.is_empty() => Ok(Vec::new()),
        _ => Err(invalid(
            key,
            shown,
            "expected a list of pairs, e.g. [(0, 1), (1, 2)]",
        )),
    }
}

/// Stores one key's value in `config`.
fn set_key(config: &mut Config, key: &str, value: &Value, shown: &str) -> PyResult<()> {
    let spec = &mut config.spec;
    match key {
        "n" => spec.n = Some(count(key, value, shown)?),
        "topology" => {
            spec.topology = Some(if name(key, value, shown)? == "custom" {
                match spec.topology.take() {
                    Some(Topology::Custom(e)) => Topology::Custom(e),
                    _ => Topology::Custom(Vec::new()),
                }
            } else {
                lookup::<Topology>(key, value, shown, &["custom"])?
            })
        }
        "edges" => spec.topology = Some(Topology::Custom(edges(key, value, shown)?)),
        "omega0" => spec.omega0 = Some(per_qubit(key, value, shown)?),
        "coupling" => spec.coupling = Some(number(key, value, shown)?),
        "dissipation" => spec.dissipation = Some(lookup(key, value, shown, &[])?),
        "statistics" => spec.statistics = Some(lookup(key, value, shown, &[])?),
        "omega" => spec.omega = Some(number(key, value, shown)?),
        "gamma" => spec.gamma = Some(per_qubit(key, value, shown)?),
        "temperature" => spec.temperature = Some(per_qubit(key, value, shown)?),
        "mu" => spec.mu = Some(per_qubit(key, value, shown)?),
        "dmu" => spec.dmu = Some(number(key, value, shown)?),
        "initial" => config.options.initial = lookup(key, value, shown, &[])?,
        "method" => config.options.method = lookup(key, value, shown, &[])?,
        "solver" => {
            config.options.solver = match name(key, value, shown)? {
                "auto" => None,
                _ => Some(lookup(key, value, shown, &["auto"])?),
            }
        }
        other => {
            return Err(PyTypeError::new_err(format!(
                "unexpected keyword argument {other:?} (model keys: {})",
                KEYS.join(", ")
            )))
        }
    }
    Ok(())
}

/// The configuration given by a dict of keys (unset keys take the library's defaults).
fn config_from(keys: &Bound<'_, PyDict>) -> PyResult<Config> {
    let mut given: Vec<(String, Value, String)> = Vec::new();
    for (k, v) in keys.iter() {
        let key: String = k.extract()?;
        if !KEYS.contains(&key.as_str()) {
            return Err(PyTypeError::new_err(format!(
                "unexpected keyword argument {key:?} (model keys: {})",
                KEYS.join(", ")
            )));
        }
        if let Some((value, shown)) = to_value(&key, &v)? {
            given.push((key, value, shown));
        }
    }
    let find = |k: &str| given.iter().find(|(key, _, _)| key == k);
    if let (Some((_, topology, shown)), Some(_)) = (find("topology"), find("edges")) {
        if name("topology", topology, shown)? != "custom" {
            return Err(invalid(
                "topology",
                shown,
                "edges are given, so the topology must be custom (or left out)",
            ));
        }
    }
    let mut config = Config::default();
    for key in KEYS {
        if let Some((_, value, shown)) = find(key) {
            set_key(&mut config, key, value, shown)?;
        }
    }
    if let Some((_, topology, shown)) = find("topology") {
        let has_edges = matches!(&config.spec.topology, Some(Topology::Custom(e)) if !e.is_empty());
        if name("topology", topology, shown)? == "custom" && find("edges").is_none() && !has_edges {
            return Err(invalid(
                "edges",
                "(missing)",
                "topology custom needs an edge list: edges=[(0, 1), (1, 2)]",
            ));
        }
    }
    Ok(config)
}

fn model_error(e: impl std::fmt::Display) -> PyErr {
    PyValueError::new_err(e.to_string())
}

/// A solver failure: `ValueError` when the model is too large (the user's choice),
/// `RuntimeError` for numerical failures.
fn solve_error(model: &Model, e: SolveError) -> PyErr {
    match e {
        SolveError::TooLarge { .. } => PyValueError::new_err(format!(
            "invalid n = {}: {e} (the limit is this machine's memory)",
            model.n()
        )),
        SolveError::NotApplicable { .. } => PyValueError::new_err(e.to_string()),
        other => PyRuntimeError::new_err(other.to_string()),
    }
}

/// Physical memory in bytes (`MemTotal` of `/proc/meminfo`), as the command line's limit.
fn physical_memory_bytes() -> Option<u64> {
    let meminfo = std::fs::read_to_string("/proc/meminfo").ok()?;
    let line = meminfo.lines().find(|l| l.starts_with("MemTotal:"))?;
    let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    kib.checked_mul(1024)
}

fn panic_message(payload: Box<dyn Any + Send>) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".into())
}

/// Runs `work` on a worker thread with the GIL released. Every 50 ms the calling thread
/// checks for signals (Ctrl-C raises `KeyboardInterrupt` and sets `cancel`) and calls
/// `progress(done)` with the value of `done` when it changed (an exception from it is
/// raised and sets `cancel`). `work` polls `cancel` between units and stops.
fn run_worker<T: Send + 'static>(
    py: Python<'_>,
    progress: Option<&Bound<'_, PyAny>>,
    done: &Arc<AtomicUsize>,
    cancel: &Arc<AtomicBool>,
    work: impl FnOnce() -> T + Send + 'static,
) -> PyResult<T> {
    let (tx, rx) = channel();
    std::thread::Builder::new()
        .name("qbat-worker".into())
        .spawn(move || {
            let _ = tx.send(catch_unwind(AssertUnwindSafe(work)));
        })
        .map_err(|e| PyRuntimeError::new_err(format!("cannot start a worker thread: {e}")))?;
    // a Mutex makes the receiver shareable with the GIL-free closure
    let rx = Mutex::new(rx);
    let mut reported = 0;
    loop {
        let received = py.detach(|| {
            rx.lock()
                .unwrap_or_else(|e| e.into_inner())
                .recv_timeout(Duration::from_millis(50))
        });
        let now = done.load(Ordering::Relaxed);
        if let Some(callback) = progress {
            if now != reported {
                if let Err(e) = callback.call1((now,)) {
                    // the caller gets the callback's exception; the worker stops too
                    cancel.store(true, Ordering::Relaxed);
                    return Err(e);
                }
                reported = now;
            }
        }
        match received {
            Ok(Ok(value)) => return Ok(value),
            Ok(Err(payload)) => {
                return Err(PyRuntimeError::new_err(format!(
                    "internal error in qbat (please report it): {}",
                    panic_message(payload)
                )))
            }
            Err(RecvTimeoutError::Disconnected) => {
                return Err(PyRuntimeError::new_err("the qbat worker thread stopped"))
            }
            Err(RecvTimeoutError::Timeout) => {}
        }
        if let Err(e) = py.check_signals() {
            cancel.store(true, Ordering::Relaxed);
            return Err(e);
        }
    }
}

/// The resolved model as a dict (the `model` object of `qbat steady --json`).
fn model_dict<'py>(
    py: Python<'py>,
    model: &Model,
    options: &SteadyOptions,
) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    let res = |f: fn(&qbat_core::Reservoir) -> f64| -> Vec<f64> {
        model.reservoirs().iter().map(f).collect()
    };
    d.set_item("n", model.n())?;
    d.set_item("topology", model.topology().name())?;
    let edges: Vec<[usize; 2]> = model.edges().iter().map(|&(a, b)| [a, b]).collect();
    d.set_item("edges", edges)?;
    d.set_item("omega0", model.omega0().to_vec())?;
    d.set_item("coupling", model.coupling())?;
    d.set_item("dissipation", model.dissipation().name())?;
    d.set_item("statistics", model.statistics().name())?;
    d.set_item("omega", model.omega())?;
    d.set_item("gamma", res(|r| r.gamma))?;
    d.set_item("temperature", res(|r| r.temperature))?;
    d.set_item("mu", res(|r| r.mu))?;
    d.set_item("occupation", res(|r| r.occupation))?;
    d.set_item("initial", options.initial.name())?;
    d.set_item("method", options.method.name())?;
    Ok(d)
}

/// resolve(keys: dict) -> dict
///
/// Validates the model keys and returns the resolved model (defaults filled in).
#[pyfunction]
fn resolve<'py>(py: Python<'py>, keys: &Bound<'py, PyDict>) -> PyResult<Bound<'py, PyDict>> {
    let config = config_from(keys)?;
    let model = Model::new(&config.spec).map_err(model_error)?;
    let d = model_dict(py, &model, &config.options)?;
    d.set_item("solver", config.options.solver.map_or("auto", |s| s.name()))?;
    Ok(d)
}

/// steady(keys: dict) -> dict
///
/// The steady state of one model: every key of `qbat steady --json`, `rho_battery` as a
/// complex (2, 2) array in the basis (|e>, |g>), `excited_populations` as a float array.
#[pyfunction]
fn steady<'py>(py: Python<'py>, keys: &Bound<'py, PyDict>) -> PyResult<Bound<'py, PyDict>> {
    let mut config = config_from(keys)?;
    let model = Model::new(&config.spec).map_err(model_error)?;
    config.options.memory_limit_bytes = physical_memory_bytes();
    let (done, cancel) = (
        Arc::new(AtomicUsize::new(0)),
        Arc::new(AtomicBool::new(false)),
    );
    let (m, options) = (model.clone(), config.options.clone());
    let state = run_worker(py, None, &done, &cancel, move || steady_state(&m, &options))?
        .map_err(|e| solve_error(&model, e))?;
    let obs = battery_observables(&state.rho_battery, model.omega0()[0]);
    let out = PyDict::new(py);
    out.set_item("W", obs.w)?;
    out.set_item("ergotropy", obs.ergotropy)?;
    out.set_item("ergotropy_coherent", obs.ergotropy_coherent)?;
    out.set_item("ergotropy_incoherent", obs.ergotropy_incoherent)?;
    let rho = &state.rho_battery;
    let rho = Array2::from_shape_fn((2, 2), |(i, j)| Complex64::new(rho[i][j].re, rho[i][j].im));
    out.set_item("rho_battery", rho.into_pyarray(py))?;
    out.set_item("energy_battery", obs.energy_battery)?;
    out.set_item("energy_total", state.energy_total)?;
    out.set_item(
        "excited_populations",
        state.excited_populations.clone().into_pyarray(py),
    )?;
    out.set_item("purity", obs.purity)?;
    let thermo = thermodynamics(&model, &state.state)
        .map_err(|e| PyRuntimeError::new_err(format!("thermodynamics of the steady state: {e}")))?;
    let currents = PyList::empty(py);
    for c in &thermo.currents {
        let current = PyDict::new(py);
        current.set_item("reservoir", c.reservoir)?;
        current.set_item("qubits", c.qubits.clone())?;
        current.set_item("particle", c.particle)?;
        current.set_item("energy", c.energy)?;
        currents.append(current)?;
    }
    out.set_item("currents", currents)?;
    out.set_item("particle_current_residual", thermo.particle_residual)?;
    out.set_item("energy_current_residual", thermo.energy_residual)?;
    out.set_item("entropy_production", thermo.entropy_production)?;
    out.set_item("mutual_information", thermo.mutual_information)?;
    out.set_item("concurrence", thermo.concurrence)?;
    let d = &state.diagnostics;
    let diagnostics = PyDict::new(py);
    diagnostics.set_item("method", d.method.name())?;
    diagnostics.set_item("solver", d.solver.name())?;
    diagnostics.set_item("reason", d.reason.clone())?;
    diagnostics.set_item("kernel_dim", d.kernel_dim)?;
    diagnostics.set_item("residual", d.residual)?;
    diagnostics.set_item("min_eigenvalue", d.min_eigenvalue)?;
    diagnostics.set_item("trace_error", d.trace_error)?;
    diagnostics.set_item("hermiticity_error", d.hermiticity_error)?;
    diagnostics.set_item("unknowns", d.unknowns)?;
    diagnostics.set_item("seconds", d.seconds)?;
    diagnostics.set_item("iterations", d.iterations)?;
    out.set_item("diagnostics", diagnostics)?;
    out.set_item("model", model_dict(py, &model, &config.options)?)?;
    Ok(out)
}

/// The result columns of a sweep, in order (as `qbat sweep`).
const SWEEP_RESULTS: [&str; 6] = [
    "W",
    "ergotropy",
    "energy_battery",
    "excited_population_battery",
    "kernel_dim",
    "residual",
];

/// One sweep point's result columns, or the message of its error.
type PointResult = Result<[f64; 6], String>;

/// One sweep point's results (`kernel_dim` NaN when not determined).
fn sweep_point(base: &Config, names: &[String], values: &[f64]) -> PointResult {
    let mut config = base.clone();
    let describe = || {
        names
            .iter()
            .zip(values)
            .map(|(k, v)| format!("{k} = {v}"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    for (key, &x) in names.iter().zip(values) {
        let shown = format!("{x}");
        // the message without the exception's type (a rare path: the GIL is taken briefly)
        set_key(&mut config, key, &Value::Number(x), &shown)
            .map_err(|e| Python::attach(|py| e.value(py).to_string()))?;
    }
    let model = Model::new(&config.spec).map_err(|e| e.to_string())?;
    let state =
        steady_state(&model, &config.options).map_err(|e| format!("at {}: {e}", describe()))?;
    let obs = battery_observables(&state.rho_battery, model.omega0()[0]);
    Ok([
        obs.w,
        obs.ergotropy,
        obs.energy_battery,
        obs.excited_population,
        state.diagnostics.kernel_dim.map_or(f64::NAN, |k| k as f64),
        state.diagnostics.residual,
    ])
}

/// steady_batch(keys, names, values, threads=0, progress=None) -> ndarray
///
/// Solves the points `values[i, :]` (one column per key of `names`) of the model `keys`, in
/// parallel on `threads` threads (0: one per core, 1: serial), the GIL released. Returns a
/// float array (N, 6) with the columns W, ergotropy, energy_battery,
/// excited_population_battery, kernel_dim (NaN when not determined), residual.
/// `progress(done)` is called from the calling thread as points finish.
#[pyfunction]
#[pyo3(signature = (keys, names, values, threads=0, progress=None))]
fn steady_batch<'py>(
    py: Python<'py>,
    keys: &Bound<'py, PyDict>,
    names: Vec<String>,
    values: PyReadonlyArray2<'py, f64>,
    threads: usize,
    progress: Option<Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, numpy::PyArray2<f64>>> {
    let base = config_from(keys)?;
    for key in &names {
        if !NUMERIC_KEYS.contains(&key.as_str()) {
            return Err(PyValueError::new_err(format!(
                "key {key:?} cannot be swept (numeric model keys: {})",
                NUMERIC_KEYS.join(", ")
            )));
        }
    }
    let values = values.as_array();
    if values.ncols() != names.len() {
        return Err(PyValueError::new_err(format!(
            "values has {} columns for {} keys",
            values.ncols(),
            names.len()
        )));
    }
    let points: Vec<Vec<f64>> = values.rows().into_iter().map(|r| r.to_vec()).collect();
    let total = points.len();
    let (done, cancel) = (
        Arc::new(AtomicUsize::new(0)),
        Arc::new(AtomicBool::new(false)),
    );
    let (d, c) = (done.clone(), cancel.clone());
    let result = run_worker(py, progress.as_ref(), &done, &cancel, move || {
        let rows: Vec<Mutex<Option<PointResult>>> = (0..total).map(|_| Mutex::new(None)).collect();
        let work = |i: usize| {
            if c.load(Ordering::Relaxed) {
                return;
            }
            let row = sweep_point(&base, &names, &points[i]);
            if row.is_err() {
                c.store(true, Ordering::Relaxed);
            }
            *rows[i].lock().unwrap_or_else(|e| e.into_inner()) = Some(row);
            d.fetch_add(1, Ordering::Relaxed);
        };
        if threads == 1 {
            (0..total).for_each(work);
        } else {
            use rayon::prelude::*;
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .map_err(|e| format!("cannot start {threads} threads: {e}"))?;
            pool.install(|| (0..total).into_par_iter().with_max_len(1).for_each(work));
        }
        let mut out = Array2::<f64>::zeros((total, SWEEP_RESULTS.len()));
        for (i, slot) in rows.into_iter().enumerate() {
            match slot.into_inner().unwrap_or_else(|e| e.into_inner()) {
                Some(Ok(row)) => out.row_mut(i).assign(&numpy::ndarray::arr1(&row)),
                Some(Err(message)) => return Err(message),
                None => return Err("stopped".to_string()),
            }
        }
        Ok(out)
    })?;
    result
        .map(|a| a.into_pyarray(py))
        .map_err(PyValueError::new_err)
}

/// evolve(keys, times, fraction=0.9, tolerance=1e-10, integrator="auto", gap=True,
/// progress=None) -> dict
///
/// Charging dynamics from the initial state: the keys of `qbat evolve --json` (per-sample
/// arrays, scalars `None` when undefined) plus `rho_battery` (T, 2, 2).
#[pyfunction]
#[pyo3(signature = (keys, times, fraction=0.9, tolerance=1e-10, integrator="auto", gap=true, progress=None))]
#[allow(clippy::too_many_arguments)]
fn evolve<'py>(
    py: Python<'py>,
    keys: &Bound<'py, PyDict>,
    times: PyReadonlyArray1<'py, f64>,
    fraction: f64,
    tolerance: f64,
    integrator: &str,
    gap: bool,
    progress: Option<Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyDict>> {
    let config = config_from(keys)?;
    if let Some(solver) = config.options.solver {
        return Err(PyValueError::new_err(format!(
            "invalid solver = {solver}: it chooses the steady-state solver of qbat.steady and \
             qbat.sweep; evolve takes integrator="
        )));
    }
    let integrator: Integrator = integrator.parse().map_err(|e: ParseNameError| {
        invalid(
            "integrator",
            &format!("{integrator:?}"),
            format!("expected one of {}", e.accepted().join(", ")),
        )
    })?;
    let times = times.as_array().to_vec();
    let model = Model::new(&config.spec).map_err(model_error)?;
    let mut options = EvolveOptions::default()
        .with_initial(config.options.initial)
        .with_times(times)
        .with_tolerance(tolerance)
        .with_method(config.options.method)
        .with_fraction(fraction)
        .with_gap(gap)
        .with_integrator(integrator);
    options.memory_limit_bytes = physical_memory_bytes();
    let (done, cancel) = (
        Arc::new(AtomicUsize::new(0)),
        Arc::new(AtomicBool::new(false)),
    );
    let (d, c) = (done.clone(), cancel.clone());
    let (m, o) = (model.clone(), options.clone());
    // after Ctrl-C (`cancel` set by run_worker) the worker stops at its next sample
    let trajectory = run_worker(py, progress.as_ref(), &done, &cancel, move || {
        evolve_with_progress(&m, &o, &mut |k, _| {
            d.store(k, Ordering::Relaxed);
            if c.load(Ordering::Relaxed) {
                ControlFlow::Break(())
            } else {
                ControlFlow::Continue(())
            }
        })
    })?
    .map_err(|e| solve_error(&model, e))?;
    let t = &trajectory;
    let out = PyDict::new(py);
    let arrays: [(&str, &Vec<f64>); 8] = [
        ("times", &t.times),
        ("W", &t.w),
        ("ergotropy", &t.ergotropy),
        ("energy_battery", &t.energy_battery),
        ("excited_population_battery", &t.excited_population_battery),
        ("purity_battery", &t.purity_battery),
        ("trace_distance_steady", &t.trace_distance_steady),
        ("energy_total", &t.energy_total),
    ];
    for (name, values) in arrays {
        out.set_item(name, values.clone().into_pyarray(py))?;
    }
    let rho = Array3::from_shape_fn((t.rho_battery.len(), 2, 2), |(k, i, j)| {
        let z = t.rho_battery[k][i][j];
        Complex64::new(z.re, z.im)
    });
    out.set_item("rho_battery", rho.into_pyarray(py))?;
    out.set_item("W_steady", t.w_steady)?;
    out.set_item("fraction", options.fraction)?;
    out.set_item("charging_time", t.charging_time)?;
    out.set_item("max_average_power", t.max_average_power)?;
    out.set_item("max_average_power_time", t.max_average_power_time)?;
    out.set_item("gap", t.gap)?;
    let dg = &t.diagnostics;
    out.set_item("gap_frequency", dg.gap.and_then(|g| g.frequency))?;
    let min_eigenvalue = t
        .min_eigenvalue
        .iter()
        .try_fold(f64::INFINITY, |acc, x| x.map(|v| acc.min(v)))
        .filter(|v| v.is_finite());
    let diagnostics = PyDict::new(py);
    diagnostics.set_item("method", dg.method.name())?;
    diagnostics.set_item("integrator", dg.integrator.name())?;
    diagnostics.set_item("unknowns", dg.unknowns)?;
    diagnostics.set_item("nonzeros", dg.nonzeros)?;
    diagnostics.set_item("steps", dg.steps)?;
    diagnostics.set_item("rejected_steps", dg.rejected_steps)?;
    diagnostics.set_item("products", dg.products)?;
    diagnostics.set_item("tolerance", options.tolerance)?;
    diagnostics.set_item("error_estimate", dg.error_estimate)?;
    diagnostics.set_item("truncation_error", dg.truncation_error)?;
    diagnostics.set_item("max_trace_error", dg.max_trace_error)?;
    diagnostics.set_item("min_eigenvalue", min_eigenvalue)?;
    diagnostics.set_item("gap_method", dg.gap.map(|g| g.method.name()))?;
    diagnostics.set_item("gap_residual", dg.gap.map(|g| g.residual))?;
    diagnostics.set_item("steady_method", t.steady.diagnostics.method.name())?;
    diagnostics.set_item("seconds_steady", dg.seconds_steady)?;
    diagnostics.set_item("seconds_evolve", dg.seconds_evolve)?;
    diagnostics.set_item("seconds_gap", dg.seconds_gap)?;
    out.set_item("diagnostics", diagnostics)?;
    out.set_item("model", model_dict(py, &model, &config.options)?)?;
    Ok(out)
}

/// The Rust extension of `qbat` (use the package `qbat`, not this module).
#[pymodule]
fn _qbat(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(resolve, m)?)?;
    m.add_function(wrap_pyfunction!(steady, m)?)?;
    m.add_function(wrap_pyfunction!(steady_batch, m)?)?;
    m.add_function(wrap_pyfunction!(evolve, m)?)?;
    m.add("KEYS", PyList::new(m.py(), KEYS)?)?;
    m.add("SWEEP_RESULTS", PyList::new(m.py(), SWEEP_RESULTS)?)?;
    Ok(())
}
