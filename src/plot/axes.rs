//! One coordinate type for linear and logarithmic axes, and data ranges.

use std::ops::Range;

use plotters::coord::combinators::{IntoLogRange, LogCoord};
use plotters::coord::ranged1d::{
    BoldPoints, KeyPointHint, NoDefaultFormatting, Ranged, ValueFormatter,
};
use plotters::coord::types::RangedCoordf64;

use super::ticks::{snap_zero, tick_label, tick_labels, tick_step, ZERO_FRACTION};
use super::{PlotError, Scale};

/// Labelled ticks asked for on the horizontal axis.
pub const X_LABELS: usize = 8;

/// Labelled ticks asked for on the vertical axis (and the colour bar).
pub const Y_LABELS: usize = 7;

/// A linear or logarithmic f64 axis, so one generic chart serves both scales.
///
/// It knows how many labelled ticks the mesh asks for (`labels`, the value passed to
/// `x_labels` / `y_labels`), so each label is formatted knowing all the others
/// ([`tick_labels`]): the digits of the tick step, zero written `0`.
pub struct AxisCoord {
    coord: Coord,
    labels: usize,
    /// Leave the tick at the start of the range unlabelled: the other axis labels the
    /// shared corner (two `0`s at the origin would collide).
    blank_start: bool,
}

enum Coord {
    Linear(RangedCoordf64),
    Log(LogCoord<f64>),
}

impl AxisCoord {
    /// The axis covering `range` on `scale`, with at most `labels` labelled ticks (pass the
    /// same number to the mesh's `x_labels` / `y_labels`).
    pub fn new(scale: Scale, range: Range<f64>, labels: usize) -> AxisCoord {
        let coord = match scale {
            Scale::Linear => Coord::Linear(range.into()),
            Scale::Log => Coord::Log(range.log_scale().into()),
        };
        AxisCoord {
            coord,
            labels,
            blank_start: false,
        }
    }

    /// The same axis with the label at the start of its range left blank (see
    /// [`AxisCoord::starts_on_tick`]: for a y axis whose corner the x axis labels).
    pub fn blank_start(mut self, blank: bool) -> AxisCoord {
        self.blank_start = blank;
        self
    }

    /// Whether the first labelled tick sits at the start of the range (its label then stands
    /// at the plot's corner).
    pub fn starts_on_tick(&self) -> bool {
        let start = self.range().start;
        let ticks = self.key_points(BoldPoints(self.labels));
        let step = tick_step(&ticks).unwrap_or(1.0);
        ticks
            .iter()
            .any(|t| (t - start).abs() <= 1e-9 * step.max(start.abs()))
    }

    /// The labels of the labelled ticks, as drawn.
    pub fn labels(&self) -> Vec<String> {
        self.key_points(BoldPoints(self.labels))
            .iter()
            .map(|t| self.format_ext(t))
            .collect()
    }
}

impl Ranged for AxisCoord {
    type FormatOption = NoDefaultFormatting;
    type ValueType = f64;

    fn map(&self, value: &f64, limit: (i32, i32)) -> i32 {
        match &self.coord {
            Coord::Linear(c) => c.map(value, limit),
            Coord::Log(c) => c.map(value, limit),
        }
    }

    /// plotters' key points; on a linear axis the one at zero is snapped to exactly 0 (it
    /// comes out as float noise such as `-5.551e-17`).
    fn key_points<Hint: KeyPointHint>(&self, hint: Hint) -> Vec<f64> {
        match &self.coord {
            Coord::Linear(c) => {
                let mut ticks = c.key_points(hint);
                snap_zero(&mut ticks);
                ticks
            }
            Coord::Log(c) => c.key_points(hint),
        }
    }

    fn range(&self) -> Range<f64> {
        match &self.coord {
            Coord::Linear(c) => c.range(),
            Coord::Log(c) => c.range(),
        }
    }
}

impl ValueFormatter<f64> for AxisCoord {
    /// On a linear axis, the label [`tick_labels`] gives `value` among the labelled ticks;
    /// log-axis ticks (decades and their multiples, no common step) are labelled one by one.
    fn format_ext(&self, value: &f64) -> String {
        if self.blank_start {
            let start = self.range().start;
            if (value - start).abs() <= 1e-12 * (1.0 + start.abs()) {
                return String::new();
            }
        }
        if let Coord::Linear(_) = self.coord {
            let ticks = self.key_points(BoldPoints(self.labels));
            if let Some(k) = ticks.iter().position(|t| t == value) {
                return tick_labels(&ticks).swap_remove(k);
            }
            if let Some(step) = tick_step(&ticks) {
                if value.abs() < ZERO_FRACTION * step {
                    return "0".into();
                }
            }
        }
        tick_label(*value)
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

/// `[lo, hi]` widened to the nearest multiples of a 1-2-5 tick step giving about `labels`
/// ticks, so that both ends of a colour bar carry a labelled tick (`[0.0003, 0.9999]` becomes
/// `[0, 1]`).
pub fn nice_range(lo: f64, hi: f64, labels: usize) -> (f64, f64) {
    let span = hi - lo;
    if span.is_nan() || span <= 0.0 || !span.is_finite() {
        return (lo, hi);
    }
    let rough = span / (labels.max(2) - 1) as f64;
    let magnitude = 10f64.powf(rough.log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0]
        .iter()
        .map(|m| m * magnitude)
        .find(|&s| s >= rough)
        .unwrap_or(10.0 * magnitude);
    let (a, b) = ((lo / step).floor() * step, (hi / step).ceil() * step);
    // exact multiples of the step print exactly (0.30000000000000004 -> 0.3)
    let clean = |v: f64| (v / step).round() * step;
    (clean(a), clean(b))
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
    fn zero_tick_is_exact_and_labelled_0() {
        // plotters computes this axis' zero tick as 3.5e-18 (see ticks::tests).
        let axis = AxisCoord::new(Scale::Linear, -0.022..0.0537, X_LABELS);
        let ticks = axis.key_points(BoldPoints(X_LABELS));
        assert_eq!(ticks[2], 0.0);
        let labels: Vec<String> = ticks.iter().map(|t| axis.format_ext(t)).collect();
        assert_eq!(
            labels,
            ["-0.02", "-0.01", "0", "0.01", "0.02", "0.03", "0.04", "0.05"]
        );
    }

    #[test]
    fn nice_ranges_end_on_ticks() {
        assert_eq!(nice_range(0.0003, 0.9999, Y_LABELS), (0.0, 1.0));
        assert_eq!(nice_range(0.12, 0.47, Y_LABELS), (0.1, 0.5));
        assert_eq!(nice_range(-3.2, 7.9, Y_LABELS), (-4.0, 8.0));
        assert_eq!(nice_range(1.0, 1.0, Y_LABELS), (1.0, 1.0));
    }

    #[test]
    fn corner_label_left_blank() {
        let y = AxisCoord::new(Scale::Linear, 0.0..0.45, Y_LABELS);
        assert!(y.starts_on_tick());
        assert_eq!(y.labels()[0], "0");
        let y = y.blank_start(true);
        assert_eq!(y.labels()[0], "");
        assert_eq!(y.labels()[1], "0.1");
        assert!(!AxisCoord::new(Scale::Linear, 0.05..10.0, X_LABELS).starts_on_tick());
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
