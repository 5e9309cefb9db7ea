//! Computed figure data, arranged as curves for the claim checks.

use super::paper::PaperFigure;
use crate::sweep::point::Row;

/// A figure's computed rows (point order) with the figure that defines them.
#[derive(Clone, Debug)]
pub struct FigureData {
    /// The figure's definition.
    pub figure: PaperFigure,
    /// One row per grid point, in point order.
    pub rows: Vec<Row>,
}

/// One curve: the series value (if any) and `(x, row)` pairs in increasing x.
#[derive(Clone, Debug)]
pub struct Curve<'a> {
    /// Value of the series key for this curve.
    pub series: Option<f64>,
    /// The points, x ascending.
    pub points: Vec<(f64, &'a Row)>,
}

impl Curve<'_> {
    /// `W` at every point, in x order.
    pub fn w(&self) -> Vec<f64> {
        self.points.iter().map(|p| p.1.w).collect()
    }

    /// The last point's x and W.
    pub fn last(&self) -> (f64, f64) {
        self.points
            .last()
            .map(|p| (p.0, p.1.w))
            .unwrap_or((f64::NAN, f64::NAN))
    }

    /// Smallest step `W[k+1] - W[k]` along the curve and the x where it starts.
    pub fn min_step(&self) -> (f64, f64) {
        self.points
            .windows(2)
            .map(|w| (w[1].1.w - w[0].1.w, w[0].0))
            .min_by(|a, b| a.0.total_cmp(&b.0))
            .unwrap_or((f64::INFINITY, f64::NAN))
    }

    /// Largest step `W[k+1] - W[k]` along the curve and the x where it starts.
    pub fn max_step(&self) -> (f64, f64) {
        self.points
            .windows(2)
            .map(|w| (w[1].1.w - w[0].1.w, w[0].0))
            .max_by(|a, b| a.0.total_cmp(&b.0))
            .unwrap_or((f64::NEG_INFINITY, f64::NAN))
    }

    /// Largest W and the x where it is reached.
    pub fn max(&self) -> (f64, f64) {
        self.points
            .iter()
            .map(|p| (p.1.w, p.0))
            .max_by(|a, b| a.0.total_cmp(&b.0))
            .unwrap_or((f64::NAN, f64::NAN))
    }

    /// Smallest x with `W > threshold`, if any.
    pub fn onset(&self, threshold: f64) -> Option<f64> {
        self.points.iter().find(|p| p.1.w > threshold).map(|p| p.0)
    }
}

impl FigureData {
    /// The figure's curves, one per series value (a single curve without a series).
    pub fn curves(&self) -> Vec<Curve<'_>> {
        let grid = &self.figure.grid;
        let x_len = grid.varied()[0].values.len();
        let xi = grid.axes.len() - 1;
        let has_series = grid.series().is_some();
        self.rows
            .chunks(x_len)
            .map(|chunk| Curve {
                series: has_series.then(|| chunk[0].params[0]),
                points: chunk.iter().map(|r| (r.params[xi], r)).collect(),
            })
            .collect()
    }

    /// Largest residual over the figure.
    pub fn max_residual(&self) -> f64 {
        self.rows.iter().map(|r| r.residual).fold(0.0, f64::max)
    }
}

/// A parameter value for the report, as short as exact: `0.5`, `10`, `1e-4`.
pub fn param(v: f64) -> String {
    crate::plot::tick_label(v)
}

/// A number for the report: 4 significant digits, scientific when tiny or huge.
pub fn num(v: f64) -> String {
    if v == 0.0 {
        "0".into()
    } else if !v.is_finite() || v.abs() < 1e-3 || v.abs() >= 1e5 {
        format!("{v:.2e}")
    } else {
        let digits = (3 - v.abs().log10().floor() as i32).max(0) as usize;
        format!("{v:.digits$}")
    }
}
