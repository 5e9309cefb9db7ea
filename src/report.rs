//! The result of one steady-state solve, as JSON (`--json`) or a readable summary.
//!
//! JSON keys are part of qbat's interface (scripts depend on them): `W`, `ergotropy`,
//! `ergotropy_coherent`, `ergotropy_incoherent`, `rho_battery` (2x2 in the basis `(|e>, |g>)`,
//! each entry `[re, im]`), `energy_battery`, `energy_total`, `excited_populations`, `purity`,
//! `currents` (one entry per reservoir, in order: `reservoir`, `qubits`, `particle`, `energy`,
//! both into the system), `particle_current_residual` and `energy_current_residual` (the sums
//! over reservoirs, zero in a steady state), `entropy_production` (`null` when a `T = 0`
//! reservoir carries a current), `mutual_information` and `concurrence` (`null` for n = 1),
//! `diagnostics` and the resolved `model`.

use std::fmt::Write as _;

use qbat_core::{
    BatteryObservables, InitialState, Method, Model, SteadyOptions, SteadyState, Thermodynamics,
};
use serde::Serialize;

/// Everything `qbat steady` reports about one model.
#[derive(Clone, Debug, Serialize)]
pub struct SteadyReport {
    /// Normalised ergotropy `ergotropy / (2 omega0_0)`.
    #[serde(rename = "W")]
    pub w: f64,
    /// Battery ergotropy w.r.t. `omega0_0 sigma_z`.
    pub ergotropy: f64,
    /// Its coherent part.
    pub ergotropy_coherent: f64,
    /// Its incoherent part.
    pub ergotropy_incoherent: f64,
    /// Battery state in the basis `(|e>, |g>)`, entries `[re, im]`.
    pub rho_battery: [[[f64; 2]; 2]; 2],
    /// `tr(rho_B omega0_0 sigma_z)`.
    pub energy_battery: f64,
    /// `tr(rho H_S)`.
    pub energy_total: f64,
    /// `<sigma_+^i sigma_-^i>`, battery first.
    pub excited_populations: Vec<f64>,
    /// `tr(rho_B^2)`.
    pub purity: f64,
    /// Particle and energy currents from every reservoir into the system.
    pub currents: Vec<CurrentReport>,
    /// `sum_k J_N^k`.
    pub particle_current_residual: f64,
    /// `sum_k J_E^k`.
    pub energy_current_residual: f64,
    /// `-sum_k (omega - mu_k)/T_k J_N^k`, `null` when a `T = 0` reservoir carries a current.
    pub entropy_production: Option<f64>,
    /// `I(B:rest)` in nats, `null` for one qubit.
    pub mutual_information: Option<f64>,
    /// Wootters concurrence of qubits 0 and 1, `null` for one qubit.
    pub concurrence: Option<f64>,
    /// How the state was obtained.
    pub diagnostics: DiagnosticsReport,
    /// The model as resolved (defaults filled in).
    pub model: ModelReport,
}

/// The currents of one reservoir.
#[derive(Clone, Debug, Serialize)]
pub struct CurrentReport {
    /// Reservoir index.
    pub reservoir: usize,
    /// The qubits it couples to.
    pub qubits: Vec<usize>,
    /// `tr[N D_k(rho)]`.
    pub particle: f64,
    /// `tr[H_S D_k(rho)]`.
    pub energy: f64,
}

/// The solver's diagnostics.
#[derive(Clone, Debug, Serialize)]
pub struct DiagnosticsReport {
    /// Method used.
    pub method: &'static str,
    /// Steady-state solver used (`lu`, `krylov`, `dense-kernel`, `dicke`).
    pub solver: &'static str,
    /// Why it was chosen.
    pub reason: String,
    /// Dimension of the Liouvillian's kernel, `null` when not determined.
    pub kernel_dim: Option<usize>,
    /// `||L vec(rho)||_2`.
    pub residual: f64,
    /// Smallest eigenvalue of the full state.
    pub min_eigenvalue: f64,
    /// `|tr(rho) - 1|` before normalisation.
    pub trace_error: f64,
    /// `max |rho - rho^dag|` before symmetrisation.
    pub hermiticity_error: f64,
    /// Unknowns of the linear system.
    pub unknowns: usize,
    /// Wall time of the solve.
    pub seconds: f64,
    /// Krylov iterations, `null` for direct methods.
    pub iterations: Option<usize>,
}

/// The resolved model.
#[derive(Clone, Debug, Serialize)]
pub struct ModelReport {
    /// Number of qubits.
    pub n: usize,
    /// Topology name.
    pub topology: &'static str,
    /// Edges `[a, b]`.
    pub edges: Vec<[usize; 2]>,
    /// `omega0_i`.
    pub omega0: Vec<f64>,
    /// `J`.
    pub coupling: f64,
    /// `individual` or `collective`.
    pub dissipation: &'static str,
    /// `fermi` or `bose`.
    pub statistics: &'static str,
    /// Bath frequency.
    pub omega: f64,
    /// Per reservoir (one for collective).
    pub gamma: Vec<f64>,
    /// Per reservoir.
    pub temperature: Vec<f64>,
    /// Per reservoir (ancillas include `dmu`).
    pub mu: Vec<f64>,
    /// Occupation `n(omega)` of every reservoir.
    pub occupation: Vec<f64>,
    /// Initial state (selects the state when the kernel is degenerate).
    pub initial: &'static str,
    /// Method requested.
    pub method: &'static str,
}

impl ModelReport {
    /// The resolved model, with the initial state and method requested.
    pub fn new(model: &Model, initial: InitialState, method: Method) -> ModelReport {
        let res = |f: fn(&qbat_core::Reservoir) -> f64| model.reservoirs().iter().map(f).collect();
        ModelReport {
            n: model.n(),
            topology: model.topology().name(),
            edges: model.edges().iter().map(|&(a, b)| [a, b]).collect(),
            omega0: model.omega0().to_vec(),
            coupling: model.coupling(),
            dissipation: model.dissipation().name(),
            statistics: model.statistics().name(),
            omega: model.omega(),
            gamma: res(|r| r.gamma),
            temperature: res(|r| r.temperature),
            mu: res(|r| r.mu),
            occupation: res(|r| r.occupation),
            initial: initial.name(),
            method: method.name(),
        }
    }

    /// The two summary lines describing the model and its reservoirs.
    pub fn to_text(&self) -> String {
        let m = self;
        let mut s = String::new();
        // model parameters as given (shortest exact form), computed numbers to fixed digits;
        // long lists grouped into runs of identical values
        let given = |v: &[f64]| per_qubit_text(v, shortest);
        // writing to a String cannot fail
        let _ = writeln!(
            s,
            "model: n = {}, {} topology, {} {} reservoirs, omega0 = {}, J = {}, omega = {}, initial {}",
            m.n,
            m.topology,
            m.dissipation,
            m.statistics,
            given(&m.omega0),
            shortest(m.coupling),
            shortest(m.omega),
            m.initial
        );
        let _ = writeln!(
            s,
            "reservoirs: gamma = [{}], T = [{}], mu = [{}], occupation = [{}]",
            given(&m.gamma),
            given(&m.temperature),
            given(&m.mu),
            fixed_digits(&m.occupation)
        );
        s
    }
}

impl SteadyReport {
    /// Collects the report of a solved model.
    pub fn new(
        model: &Model,
        options: &SteadyOptions,
        state: &SteadyState,
        obs: &BatteryObservables,
        thermo: &Thermodynamics,
    ) -> SteadyReport {
        let d = &state.diagnostics;
        let rho = &state.rho_battery;
        SteadyReport {
            w: obs.w,
            ergotropy: obs.ergotropy,
            ergotropy_coherent: obs.ergotropy_coherent,
            ergotropy_incoherent: obs.ergotropy_incoherent,
            rho_battery: [0, 1].map(|i| [0, 1].map(|j| [rho[i][j].re, rho[i][j].im])),
            energy_battery: obs.energy_battery,
            energy_total: state.energy_total,
            excited_populations: state.excited_populations.clone(),
            purity: obs.purity,
            currents: thermo
                .currents
                .iter()
                .map(|c| CurrentReport {
                    reservoir: c.reservoir,
                    qubits: c.qubits.clone(),
                    particle: c.particle,
                    energy: c.energy,
                })
                .collect(),
            particle_current_residual: thermo.particle_residual,
            energy_current_residual: thermo.energy_residual,
            entropy_production: thermo.entropy_production,
            mutual_information: thermo.mutual_information,
            concurrence: thermo.concurrence,
            diagnostics: DiagnosticsReport {
                method: d.method.name(),
                solver: d.solver.name(),
                reason: d.reason.clone(),
                kernel_dim: d.kernel_dim,
                residual: d.residual,
                min_eigenvalue: d.min_eigenvalue,
                trace_error: d.trace_error,
                hermiticity_error: d.hermiticity_error,
                unknowns: d.unknowns,
                seconds: d.seconds,
                iterations: d.iterations,
            },
            model: ModelReport::new(model, options.initial, options.method),
        }
    }

    /// One JSON object on one line.
    pub fn to_json(&self) -> String {
        crate::output::json_line(self)
    }

    /// A readable multi-line summary.
    pub fn to_text(&self) -> String {
        let m = &self.model;
        let d = &self.diagnostics;
        let mut s = String::new();
        let c = |e: [f64; 2]| format!("{:+.9}{:+.9}i", e[0], e[1]);
        // writing to a String cannot fail
        s.push_str(&m.to_text());
        let _ = writeln!(s);
        let _ = writeln!(s, "W (ergotropy / E_max)   {:.12}", self.w);
        let _ = writeln!(
            s,
            "ergotropy               {:.12}  (incoherent {:.12}, coherent {:.12})",
            self.ergotropy, self.ergotropy_incoherent, self.ergotropy_coherent
        );
        let _ = writeln!(s, "energy_battery          {:.12}", self.energy_battery);
        let _ = writeln!(s, "energy_total            {:.12}", self.energy_total);
        let _ = writeln!(s, "purity                  {:.12}", self.purity);
        let r = &self.rho_battery;
        let _ = writeln!(
            s,
            "rho_battery (|e>, |g>)  [{}  {}]",
            c(r[0][0]),
            c(r[0][1])
        );
        let _ = writeln!(
            s,
            "                        [{}  {}]",
            c(r[1][0]),
            c(r[1][1])
        );
        let _ = writeln!(
            s,
            "excited_populations     {}",
            fixed_digits(&self.excited_populations)
        );
        s.push_str(&self.thermo_text());
        let _ = writeln!(s);
        let kernel = d
            .kernel_dim
            .map_or("not determined".to_string(), |k| k.to_string());
        let iterations = d
            .iterations
            .map_or(String::new(), |k| format!(", {k} iterations"));
        let _ = writeln!(
            s,
            "method {}, solver {} ({}), {} unknowns{iterations}",
            d.method, d.solver, d.reason, d.unknowns
        );
        let _ = writeln!(
            s,
            "kernel_dim {kernel}, residual {:.2e}, min_eigenvalue {:.2e}, trace_error {:.1e}, {:.3} s",
            d.residual, d.min_eigenvalue, d.trace_error, d.seconds
        );
        s
    }
}

impl SteadyReport {
    /// The currents (consecutive reservoirs with identical currents grouped into one line),
    /// their residuals, entropy production and correlations.
    fn thermo_text(&self) -> String {
        let mut s = String::new();
        let _ = writeln!(s);
        let _ = writeln!(s, "currents into the system   particle           energy");
        let mut lines = Vec::new();
        let mut start = 0;
        while start < self.currents.len() {
            let c = &self.currents[start];
            // identical as printed (the last bits of a large model's numbers differ)
            let text = |o: &CurrentReport| format!("{:+.12e} {:+.12e}", o.particle, o.energy);
            let same = |o: &CurrentReport| text(o) == text(c);
            let end = start
                + self.currents[start..]
                    .iter()
                    .take_while(|o| same(o))
                    .count();
            let name = if end - start == 1 {
                format!(
                    "reservoir {} (qubits {})",
                    c.reservoir,
                    index_ranges(&c.qubits)
                )
            } else {
                format!(
                    "reservoirs {}-{} (each)",
                    c.reservoir,
                    self.currents[end - 1].reservoir
                )
            };
            lines.push(format!(
                "  {name:<24} {:+.12e} {:+.12e}",
                c.particle, c.energy
            ));
            start = end;
        }
        let (head, tail) = RUNS_SHOWN;
        if lines.len() > head + tail {
            let count = lines.len();
            lines.splice(
                head..count - tail,
                [format!(
                    "  ... ({count} groups of reservoirs in all; --json lists each)"
                )],
            );
        }
        for line in lines {
            let _ = writeln!(s, "{line}");
        }
        let _ = writeln!(
            s,
            "  sum (residual)           {:+.3e}         {:+.3e}",
            self.particle_current_residual, self.energy_current_residual
        );
        let opt = |v: Option<f64>, none: &str| v.map_or(none.to_string(), |x| format!("{x:.12}"));
        let _ = writeln!(
            s,
            "entropy_production      {}",
            opt(
                self.entropy_production,
                "undefined (a T = 0 reservoir carries a current)"
            )
        );
        let _ = writeln!(
            s,
            "mutual_information      {}",
            opt(self.mutual_information, "none (one qubit)")
        );
        let _ = writeln!(
            s,
            "concurrence (0, 1)      {}",
            opt(self.concurrence, "none (one qubit)")
        );
        s
    }
}

/// Computed numbers to nine decimals, space separated.
/// A list longer than [`LIST_IN_FULL`] is grouped into runs (see [`per_qubit_text`]).
fn fixed_digits(values: &[f64]) -> String {
    per_qubit_text(values, |x| format!("{x:.9}"))
}

/// `x` in its shortest exact form, in scientific notation (also exact) outside
/// `[1e-4, 1e6)`: `10`, `0.25`, `1e300` rather than 1 and 300 zeros.
pub fn shortest(x: f64) -> String {
    if x == 0.0 || !x.is_finite() || (1e-4..1e6).contains(&x.abs()) {
        x.to_string()
    } else {
        format!("{x:e}")
    }
}

/// Indices as ranges of consecutive ones: `0-1000`, `0 2-4 7`.
fn index_ranges(indices: &[usize]) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut k = 0;
    while k < indices.len() {
        let mut end = k;
        while end + 1 < indices.len() && indices[end + 1] == indices[end] + 1 {
            end += 1;
        }
        parts.push(if end == k {
            indices[k].to_string()
        } else {
            format!("{}-{}", indices[k], indices[end])
        });
        k = end + 1;
    }
    parts.join(" ")
}

/// Lists up to this length are printed in full, value after value.
const LIST_IN_FULL: usize = 8;

/// Runs shown before and after the ellipsis of a list with many distinct runs.
const RUNS_SHOWN: (usize, usize) = (6, 2);

/// One value per qubit (or reservoir), battery first, as text: up to [`LIST_IN_FULL`] values
/// space separated; a longer list as runs of identical printed values, `battery: 0.74;
/// ancillas 1-1000: 0.88` (`all 1001: 10` for one run, `qubits 3-7: ...` inside), and with
/// more than 8 runs the first 6 and last 2 around `...` and the count (the JSON has every
/// value). The summary of N = 1001 thus stays a few lines.
pub fn per_qubit_text(values: &[f64], show: impl Fn(f64) -> String) -> String {
    let shown: Vec<String> = values.iter().map(|&x| show(x)).collect();
    if shown.len() <= LIST_IN_FULL {
        return shown.join(" ");
    }
    let last = shown.len() - 1;
    let mut runs: Vec<String> = Vec::new();
    let mut start = 0;
    while start <= last {
        let end = start
            + shown[start..]
                .iter()
                .take_while(|v| **v == shown[start])
                .count()
            - 1;
        let label = match (start, end) {
            (0, e) if e == last => format!("all {}", shown.len()),
            (0, 0) => "battery".to_string(),
            (1, e) if e == last => format!("ancillas 1-{e}"),
            (a, b) if a == b => format!("qubit {a}"),
            (a, b) => format!("qubits {a}-{b}"),
        };
        runs.push(format!("{label}: {}", shown[start]));
        start = end + 1;
    }
    let (head, tail) = RUNS_SHOWN;
    if runs.len() > head + tail {
        let count = runs.len();
        runs.splice(head..count - tail, [format!("... ({count} runs in all)")]);
    }
    runs.join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_lists_in_full_long_ones_in_runs() {
        let show = |x: f64| x.to_string();
        assert_eq!(per_qubit_text(&[1.0, 3.0, 3.0], show), "1 3 3");
        let mut mu = vec![3.0; 1001];
        mu[0] = 1.0;
        assert_eq!(per_qubit_text(&mu, show), "battery: 1; ancillas 1-1000: 3");
        assert_eq!(per_qubit_text(&[10.0; 1001], show), "all 1001: 10");
        let mut inner = vec![1.0; 20];
        inner[5..9].fill(2.0);
        assert_eq!(
            per_qubit_text(&inner, show),
            "qubits 0-4: 1; qubits 5-8: 2; qubits 9-19: 1"
        );
        // 1001 distinct values: 6 runs, the count, the last 2
        let distinct: Vec<f64> = (0..1001).map(f64::from).collect();
        let text = per_qubit_text(&distinct, show);
        assert_eq!(
            text,
            "battery: 0; qubit 1: 1; qubit 2: 2; qubit 3: 3; qubit 4: 4; qubit 5: 5; \
             ... (1001 runs in all); qubit 999: 999; qubit 1000: 1000"
        );
    }

    #[test]
    fn numbers_readable_and_exact() {
        assert_eq!(shortest(10.0), "10");
        assert_eq!(shortest(1e300), "1e300");
        assert_eq!(shortest(1e-300), "1e-300");
        assert_eq!(shortest(0.1), "0.1");
        assert_eq!(shortest(1e300).parse::<f64>().unwrap(), 1e300);
        assert_eq!(index_ranges(&[0, 2, 3, 4, 7]), "0 2-4 7");
        assert_eq!(index_ranges(&(0..1001).collect::<Vec<_>>()), "0-1000");
    }
}
