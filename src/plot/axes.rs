//! One coordinate type for linear and logarithmic axes, data ranges and tick labels.

use std::ops::Range;

use plotters::coord::combinators::{IntoLogRange, LogCoord};
use plotters::coord::ranged1d::{KeyPointHint, NoDefaultFormatting, Ranged, ValueFormatter};
use plotters::coord::types::RangedCoordf64;

use super::{PlotError, Scale};

/// A linear or logarithmic f64 axis, so one generic chart serves both scales.
pub enum AxisCoord {
    /// Evenly spaced.
    Linear(RangedCoordf64),
    /// Logarithmic (base 10).
    Log(LogCoord<f64>),
}

impl AxisCoord {
    /// The axis covering `range` on `scale`.
    pub fn new(scale: Scale, range: Range<f64>) -> AxisCoord {
        match scale {
            Scale::Linear => AxisCoord::Linear(range.into()),
            Scale::Log => AxisCoord::Log(range.log_scale().into()),
        }
    }
}

impl Ranged for AxisCoord {
    type FormatOption = NoDefaultFormatting;
    type ValueType = f64;

    fn map(&self, value: &f64, limit: (i32, i32)) -> i32 {
        match self {
            AxisCoord::Linear(c) => c.map(value, limit),
            AxisCoord::Log(c) => c.map(value, limit),
        }
    }

    fn key_points<Hint: KeyPointHint>(&self, hint: Hint) -> Vec<f64> {
        match self {
            AxisCoord::Linear(c) => c.key_points(hint),
            AxisCoord::Log(c) => c.key_points(hint),
        }
    }

    fn range(&self) -> Range<f64> {
        match self {
            AxisCoord::Linear(c) => c.range(),
            AxisCoord::Log(c) => c.range(),
        }
    }
}

impl ValueFormatter<f64> for AxisCoord {
    fn format_ext(&self, value: &f64) -> String {
        tick_label(*value)
    }
}

/// A tick label with no trailing zeros and no float noise: `0`, `0.25`, `2.5`, `10`, `1e-4`.
pub fn tick_label(value: f64) -> String {
    if value == 0.0 {
        return "0".into();
    }
    let magnitude = value.abs();
    if !(1e-3..1e5).contains(&magnitude) {
        let text = format!("{value:.3e}");
        // "1.000e-4" -> "1e-4"
        if let Some((mantissa, exponent)) = text.split_once('e') {
            let mantissa = trim_zeros(mantissa);
            return format!("{mantissa}e{exponent}");
        }
        return text;
    }
    trim_zeros(&format!("{value:.6}")).to_string()
}

fn trim_zeros(text: &str) -> &str {
    if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.')
    } else {
        text
    }
}

/// The range of the finite values in `values`, checked against `scale`.
///
/// # Errors
/// [`PlotError::Data`] when there is no finite value, or a log axis meets a value `<= 0`.
pub fn data_range(
    values: impl IntoIterator<Item = f64>,
    scale: Scale,
    what: &str,
) -> Result<(f64, f64), PlotError> {
    let mut lo = f64::INFINITY;
    let mut hi = f64::NEG_INFINITY;
    for v in values.into_iter().filter(|v| v.is_finite()) {
        if scale == Scale::Log && v <= 0.0 {
            return Err(PlotError::Data(format!(
                "{what} = {v} cannot be shown on a logarithmic axis"
            )));
        }
        lo = lo.min(v);
        hi = hi.max(v);
    }
    if lo > hi {
        return Err(PlotError::Data(format!("no finite {what} value to plot")));
    }
    Ok((lo, hi))
}

/// A plotting range for data spanning `[lo, hi]`: degenerate spans are widened, and values
/// of one sign that come close to zero keep zero in view (W starts at 0 in every paper figure).
pub fn padded_range(lo: f64, hi: f64, scale: Scale, pad_fraction: f64) -> Range<f64> {
    match scale {
        Scale::Log => {
            if hi / lo < 1.0 + 1e-9 {
                lo / 2.0..hi * 2.0
            } else {
                let f = (hi / lo).powf(pad_fraction);
                lo / f..hi * f
            }
        }
        Scale::Linear => {
            let span = hi - lo;
            if span <= 1e-12 * hi.abs().max(lo.abs()).max(1e-300) {
                let half = if lo == 0.0 { 0.5 } else { 0.1 * lo.abs() };
                return lo - half..hi + half;
            }
            let mut lo_out = lo - pad_fraction * span;
            let hi_out = hi + pad_fraction * span;
            if lo >= 0.0 && lo <= 0.25 * span {
                lo_out = 0.0;
            }
            lo_out..hi_out
        }
    }
}

/// Cell boundaries for grid values `centres` (sorted either way): midpoints between
/// neighbours (geometric midpoints on a log axis), extended by half a cell at both ends.
pub fn cell_edges(centres: &[f64], scale: Scale) -> Vec<f64> {
    let to = |v: f64| if scale == Scale::Log { v.log10() } else { v };
    let from = |v: f64| {
        if scale == Scale::Log {
            10f64.powf(v)
        } else {
            v
        }
    };
    let t: Vec<f64> = centres.iter().map(|&v| to(v)).collect();
    match t.len() {
        0 => vec![],
        1 => vec![from(t[0] - 0.5), from(t[0] + 0.5)],
        n => {
            let mut edges = Vec::with_capacity(n + 1);
            edges.push(from(t[0] - (t[1] - t[0]) / 2.0));
            for k in 1..n {
                edges.push(from((t[k - 1] + t[k]) / 2.0));
            }
            edges.push(from(t[n - 1] + (t[n - 1] - t[n - 2]) / 2.0));
            edges
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tick_labels_are_short() {
        assert_eq!(tick_label(0.0), "0");
        assert_eq!(tick_label(2.5), "2.5");
        assert_eq!(tick_label(10.0), "10");
        assert_eq!(tick_label(0.30000000000000004), "0.3");
        assert_eq!(tick_label(1e-4), "1e-4");
        assert_eq!(tick_label(-0.05), "-0.05");
    }

    #[test]
    fn edges_bracket_centres() {
        assert_eq!(
            cell_edges(&[0.0, 1.0, 2.0], Scale::Linear),
            [-0.5, 0.5, 1.5, 2.5]
        );
        let e = cell_edges(&[1.0, 100.0], Scale::Log);
        assert!((e[1] - 10.0).abs() < 1e-12 && (e[0] - 0.1).abs() < 1e-12);
    }

    #[test]
    fn ranges_keep_zero_and_widen_flat_data() {
        assert_eq!(padded_range(0.01, 1.0, Scale::Linear, 0.05).start, 0.0);
        let flat = padded_range(0.0, 0.0, Scale::Linear, 0.05);
        assert!(flat.start < 0.0 && flat.end > 0.0);
    }
}
