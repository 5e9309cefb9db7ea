//! Turning sweep rows into a figure: a line plot of W against the first varied key (one curve
//! per series value) or, with two varied keys, a heat map of W.

use std::path::Path;

use qbat_core::{Dissipation, Model};

use crate::config::RunConfig;

use super::grid::Grid;
use super::point::{model_at, Row};
use crate::plot::notation::{assignment, axis_label};
use crate::plot::{heat_map, line_plot, Axis, Curve, HeatMap, LinePlot, PlotError};

/// Label of the plotted quantity.
pub const W_LABEL: &str = "W = ergotropy / 2ω₀";

/// Draws the sweep `rows` (ordered by point index) into `path`, titled with the fixed
/// parameters after `title_prefix`.
///
/// # Errors
/// [`PlotError`] when the figure cannot be drawn or written (including two varied keys plus
/// a series, which no single figure shows).
pub fn plot_rows(
    path: &Path,
    base: &RunConfig,
    grid: &Grid,
    rows: &[Row],
    title_prefix: Option<&str>,
) -> Result<(), PlotError> {
    let keys = grid.keys();
    let (model, _) =
        model_at(base, &keys, &grid.point(0)).map_err(|e| PlotError::Data(e.to_string()))?;
    let unit = !keys.contains(&"gamma") && model.reservoirs().iter().all(|r| r.gamma == 1.0);
    let title = format!(
        "{}{}",
        title_prefix.unwrap_or(""),
        fixed_parameters(&model, &keys, unit)
    );
    let varied = grid.varied();
    let axis_of = |a: &super::axis::Axis| Axis {
        label: axis_label(&a.key, unit),
        scale: a.scale,
    };
    match (varied, grid.series()) {
        ([x], series) => {
            let xi = grid.axes.len() - 1;
            let per_curve = varied[0].values.len();
            let curves = rows
                .chunks(per_curve)
                .map(|chunk| Curve {
                    label: series
                        .map(|s| assignment(&s.key, chunk[0].params[0], unit))
                        .unwrap_or_default(),
                    points: chunk.iter().map(|r| (r.params[xi], r.w)).collect(),
                })
                .collect();
            let plot = LinePlot {
                title,
                x: axis_of(x),
                y: Axis::linear(W_LABEL),
                curves,
            };
            line_plot(path, &plot)
        }
        ([x, y], None) => {
            let (nx, ny) = (x.values.len(), y.values.len());
            // rows are x-major (x slower); the heat map wants z[j * nx + i]
            let z = (0..nx * ny)
                .map(|k| rows[(k % nx) * ny + k / nx].w)
                .collect();
            let map = HeatMap {
                title,
                x: axis_of(x),
                y: axis_of(y),
                z_label: "W".into(),
                x_values: x.values.to_vec(),
                y_values: y.values.to_vec(),
                z,
            };
            heat_map(path, &map)
        }
        _ => Err(PlotError::Data(
            "a plot shows one varied key (line plot, optional --series) or two (heat map, no --series)"
                .into(),
        )),
    }
}

/// A title naming the parameters that stay fixed: topology, dissipation, N, omega0, omega, J,
/// T, mu, dmu (individual) and gamma (when not the unit), skipping the swept `keys`.
pub fn fixed_parameters(model: &Model, keys: &[&str], unit: bool) -> String {
    let collective = model.dissipation() == Dissipation::Collective;
    let reservoirs = if collective {
        "reservoir"
    } else {
        "reservoirs"
    };
    let mut parts = vec![format!(
        "{}, {} {reservoirs}",
        model.topology().name(),
        model.dissipation()
    )];
    let mut put = |key: &str, values: Vec<f64>| {
        if keys.contains(&key) || values.is_empty() {
            return;
        }
        if values.windows(2).all(|w| w[0] == w[1]) {
            parts.push(assignment(key, values[0], unit));
        } else {
            let list: Vec<String> = values.iter().map(|&v| crate::plot::tick_label(v)).collect();
            parts.push(format!("{} = [{}]", axis_label(key, unit), list.join(", ")));
        }
    };
    put("n", vec![model.n() as f64]);
    put("omega0", model.omega0().to_vec());
    put("omega", vec![model.omega()]);
    put("coupling", vec![model.coupling()]);
    put(
        "temperature",
        model.reservoirs().iter().map(|r| r.temperature).collect(),
    );
    let mu: Vec<f64> = model.reservoirs().iter().map(|r| r.mu).collect();
    let ancillas_equal = mu.get(1..).unwrap_or(&[]).windows(2).all(|w| w[0] == w[1]);
    if collective || mu.len() < 2 || !ancillas_equal {
        put("mu", mu);
    } else {
        put("mu", vec![mu[0]]);
        put("dmu", vec![mu[1] - mu[0]]);
    }
    if !unit {
        put(
            "gamma",
            model.reservoirs().iter().map(|r| r.gamma).collect(),
        );
    }
    parts.join(", ")
}
