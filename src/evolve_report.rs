//! The result of one evolution, as JSON (`--json`), CSV (`--out`) or a readable summary.
//!
//! JSON keys are part of qbat's interface: per-sample arrays `times`, `W`, `ergotropy`,
//! `energy_battery`, `excited_population_battery`, `purity_battery`, `trace_distance_steady`,
//! `energy_total`; scalars `W_steady`, `fraction`, `charging_time`, `max_average_power`,
//! `max_average_power_time`, `gap`, `gap_frequency` (`null` when undefined); `diagnostics`,
//! the resolved `model` and `provenance` (qbat version, command line, model, evolve options;
//! `--out FILE.csv` writes the same record to `FILE.csv.meta.json`).

use std::fmt::Write as _;
use std::path::Path;

use qbat_core::Trajectory;
use serde::Serialize;

use crate::error::CliError;
use crate::report::ModelReport;

/// One sample, one CSV record: the field names are the columns (`t`, `W`, ...), in order.
/// Numbers are written in their shortest exact form (`f64`'s `Display`).
#[derive(Serialize)]
struct Sample {
    #[serde(serialize_with = "shortest")]
    t: f64,
    #[serde(rename = "W", serialize_with = "shortest")]
    w: f64,
    #[serde(serialize_with = "shortest")]
    ergotropy: f64,
    #[serde(serialize_with = "shortest")]
    energy_battery: f64,
    #[serde(serialize_with = "shortest")]
    excited_population_battery: f64,
    #[serde(serialize_with = "shortest")]
    purity_battery: f64,
    #[serde(serialize_with = "shortest")]
    trace_distance_steady: f64,
    #[serde(serialize_with = "shortest")]
    energy_total: f64,
}

/// `x` as the text `x.to_string()` (the shortest representation that reads back exactly).
fn shortest<S: serde::Serializer>(x: &f64, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.collect_str(x)
}

/// Everything `qbat evolve` reports.
#[derive(Clone, Debug, Serialize)]
pub struct EvolveReport {
    /// Sample times.
    pub times: Vec<f64>,
    /// `W(t)`.
    #[serde(rename = "W")]
    pub w: Vec<f64>,
    /// Battery ergotropy.
    pub ergotropy: Vec<f64>,
    /// `tr(rho_B omega0_0 sigma_z)`.
    pub energy_battery: Vec<f64>,
    /// `<e|rho_B|e>`.
    pub excited_population_battery: Vec<f64>,
    /// `tr(rho_B^2)`.
    pub purity_battery: Vec<f64>,
    /// Trace distance of `rho_B(t)` to the battery's steady state.
    pub trace_distance_steady: Vec<f64>,
    /// `tr(rho H_S)`.
    pub energy_total: Vec<f64>,
    /// `W` of the `t -> infinity` state.
    #[serde(rename = "W_steady")]
    pub w_steady: f64,
    /// The fraction of `W_steady` that defines the charging time.
    pub fraction: f64,
    /// First time `W >= fraction W_steady`, interpolated; `null` if never.
    pub charging_time: Option<f64>,
    /// `max_t (E_B(t) - E_B(0)) / t`.
    pub max_average_power: Option<f64>,
    /// Where that maximum is attained.
    pub max_average_power_time: Option<f64>,
    /// Spectral gap of the U(1)-sector Liouvillian (slowest relaxation rate).
    pub gap: Option<f64>,
    /// `|Im lambda|` of the slowest mode.
    pub gap_frequency: Option<f64>,
    /// How the numbers were obtained.
    pub diagnostics: EvolveDiagnosticsReport,
    /// The resolved model.
    pub model: ModelReport,
    /// How the output was made (qbat version, command line, model, evolve options); set by
    /// `qbat evolve --json` only (absent from the JSON when `None`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub provenance: Option<serde_json::Value>,
}

/// Work and checks of the evolution.
#[derive(Clone, Debug, Serialize)]
pub struct EvolveDiagnosticsReport {
    /// Representation evolved.
    pub method: &'static str,
    /// `polynomial` (Krylov, products with L) or `rational` (shift-and-invert Krylov).
    pub integrator: &'static str,
    /// Unknowns of `vec(rho)`.
    pub unknowns: usize,
    /// Stored entries of the Liouvillian.
    pub nonzeros: usize,
    /// Accepted Krylov substeps (restarts of the rational method).
    pub steps: usize,
    /// Rejected Krylov substeps.
    pub rejected_steps: usize,
    /// Products `L x` (polynomial) or solves with `I - sigma L` (rational).
    pub products: usize,
    /// Requested tolerance on `vec(rho)`.
    pub tolerance: f64,
    /// Sum of local error estimates.
    pub error_estimate: f64,
    /// Error bound from the Dicke unknowns not kept (0 when none were dropped).
    pub truncation_error: f64,
    /// `max_t |tr rho - 1|`.
    pub max_trace_error: f64,
    /// Smallest eigenvalue of `rho(t)` over the samples (`null` when not checked).
    pub min_eigenvalue: Option<f64>,
    /// `dense`, `propagator_arnoldi` or `shift_invert_arnoldi` (`null` when not computed).
    pub gap_method: Option<&'static str>,
    /// Relative Ritz residual of the gap (0 for dense).
    pub gap_residual: Option<f64>,
    /// Method of the steady state used as `t -> infinity` reference.
    pub steady_method: &'static str,
    /// Wall times, seconds.
    pub seconds_steady: f64,
    /// Wall time of the integration, seconds.
    pub seconds_evolve: f64,
    /// Wall time of the gap, seconds.
    pub seconds_gap: f64,
}

impl EvolveReport {
    /// Collects the report of an evolved model.
    pub fn new(
        model_report: ModelReport,
        trajectory: &Trajectory,
        fraction: f64,
        tolerance: f64,
    ) -> EvolveReport {
        let t = trajectory;
        let d = &t.diagnostics;
        let min_eigenvalue = t
            .min_eigenvalue
            .iter()
            .try_fold(f64::INFINITY, |acc, x| x.map(|v| acc.min(v)));
        EvolveReport {
            times: t.times.clone(),
            w: t.w.clone(),
            ergotropy: t.ergotropy.clone(),
            energy_battery: t.energy_battery.clone(),
            excited_population_battery: t.excited_population_battery.clone(),
            purity_battery: t.purity_battery.clone(),
            trace_distance_steady: t.trace_distance_steady.clone(),
            energy_total: t.energy_total.clone(),
            w_steady: t.w_steady,
            fraction,
            charging_time: t.charging_time,
            max_average_power: t.max_average_power,
            max_average_power_time: t.max_average_power_time,
            gap: t.gap,
            gap_frequency: d.gap.and_then(|g| g.frequency),
            diagnostics: EvolveDiagnosticsReport {
                method: d.method.name(),
                integrator: d.integrator.name(),
                unknowns: d.unknowns,
                nonzeros: d.nonzeros,
                steps: d.steps,
                rejected_steps: d.rejected_steps,
                products: d.products,
                tolerance,
                error_estimate: d.error_estimate,
                truncation_error: d.truncation_error,
                max_trace_error: d.max_trace_error,
                min_eigenvalue: min_eigenvalue.filter(|v| v.is_finite()),
                gap_method: d.gap.map(|g| g.method.name()),
                gap_residual: d.gap.map(|g| g.residual),
                steady_method: t.steady.diagnostics.method.name(),
                seconds_steady: d.seconds_steady,
                seconds_evolve: d.seconds_evolve,
                seconds_gap: d.seconds_gap,
            },
            model: model_report,
            provenance: None,
        }
    }

    /// One JSON object on one line.
    pub fn to_json(&self) -> String {
        crate::output::json_line(self)
    }

    /// A readable summary: model, derived quantities, a table of about a dozen samples.
    pub fn to_text(&self) -> String {
        let d = &self.diagnostics;
        let mut s = self.model.to_text();
        let opt = |x: Option<f64>, digits: usize| {
            x.map_or("never (in the sampled window)".to_string(), |v| {
                format!("{v:.digits$}")
            })
        };
        let (first, last) = (self.times[0], *self.times.last().unwrap_or(&0.0));
        // writing to a String cannot fail
        let _ = writeln!(s);
        let _ = writeln!(
            s,
            "evolved t in [{first}, {last}], {} samples",
            self.times.len()
        );
        let _ = writeln!(s, "W_steady                {:.12}", self.w_steady);
        let _ = writeln!(
            s,
            "charging_time           {}  (W >= {} W_steady)",
            opt(self.charging_time, 6),
            self.fraction
        );
        match (self.max_average_power, self.max_average_power_time) {
            (Some(p), Some(t)) => {
                let _ = writeln!(s, "max_average_power       {p:.6}  (at t = {t})");
            }
            _ => {
                let _ = writeln!(
                    s,
                    "max_average_power       undefined (no sample with t > 0)"
                );
            }
        }
        match self.gap {
            Some(g) => {
                let _ = writeln!(
                    s,
                    "gap                     {g:.9}  (relaxation time {:.6}, slowest mode frequency {:.6})",
                    1.0 / g,
                    self.gap_frequency.unwrap_or(0.0)
                );
            }
            None if d.gap_method.is_none() => {
                let _ = writeln!(s, "gap                     not computed (--no-gap)");
            }
            None => {
                let _ = writeln!(s, "gap                     none (no decaying mode)");
            }
        }
        let _ = writeln!(s);
        let _ = writeln!(
            s,
            "{:>12} {:>14} {:>14} {:>14} {:>14} {:>14}",
            "t", "W", "E_B", "p_e battery", "purity", "D(rho_B, ss)"
        );
        for k in table_rows(self.times.len(), 12) {
            let _ = writeln!(
                s,
                "{:>12} {:>14.9} {:>14.9} {:>14.9} {:>14.9} {:>14.3e}",
                self.times[k],
                self.w[k],
                self.energy_battery[k],
                self.excited_population_battery[k],
                self.purity_battery[k],
                self.trace_distance_steady[k]
            );
        }
        let _ = writeln!(s);
        let min_eig = d
            .min_eigenvalue
            .map_or("not checked".to_string(), |v| format!("{v:.2e}"));
        let _ = writeln!(
            s,
            "method {} ({} unknowns, {} nonzeros), {} integrator: {} steps ({} rejected), {} {}, \
             error estimate {:.1e} (tolerance {:.0e}), truncation {:.1e}",
            d.method,
            d.unknowns,
            d.nonzeros,
            d.integrator,
            d.steps,
            d.rejected_steps,
            d.products,
            if d.integrator == "rational" {
                "solves"
            } else {
                "products"
            },
            d.error_estimate,
            d.tolerance,
            d.truncation_error
        );
        let gap = match (d.gap_method, d.gap_residual) {
            (Some(m), Some(r)) => format!("gap by {m} (residual {r:.1e})"),
            _ => "gap not computed".to_string(),
        };
        let _ = writeln!(
            s,
            "max trace error {:.1e}, min eigenvalue {min_eig}, {gap}, steady state by {}",
            d.max_trace_error, d.steady_method
        );
        let _ = writeln!(
            s,
            "time: steady {:.3} s, evolution {:.3} s, gap {:.3} s",
            d.seconds_steady, d.seconds_evolve, d.seconds_gap
        );
        s
    }

    /// Writes one CSV row per sample (the columns of [`Sample`]).
    ///
    /// # Errors
    /// [`CliError::Output`] when the file cannot be written.
    pub fn write_csv(&self, path: &Path) -> Result<(), CliError> {
        let fail = |e: &dyn std::fmt::Display| {
            CliError::Output(format!("cannot write {}: {e}", path.display()))
        };
        let mut writer = csv::Writer::from_writer(Vec::new());
        for k in 0..self.times.len() {
            let sample = Sample {
                t: self.times[k],
                w: self.w[k],
                ergotropy: self.ergotropy[k],
                energy_battery: self.energy_battery[k],
                excited_population_battery: self.excited_population_battery[k],
                purity_battery: self.purity_battery[k],
                trace_distance_steady: self.trace_distance_steady[k],
                energy_total: self.energy_total[k],
            };
            writer.serialize(sample).map_err(|e| fail(&e))?;
        }
        let bytes = writer.into_inner().map_err(|e| fail(&e))?;
        crate::atomic::write_atomic(path, &bytes).map_err(|e| fail(&e))
    }
}

/// About `rows` sample indices, evenly spread, first and last included.
fn table_rows(samples: usize, rows: usize) -> Vec<usize> {
    if samples <= rows {
        return (0..samples).collect();
    }
    let mut out: Vec<usize> = (0..rows).map(|r| r * (samples - 1) / (rows - 1)).collect();
    out.dedup();
    out
}
