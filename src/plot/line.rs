//! Line plots: one coloured curve per series, legend placed where the data leaves room.

use std::path::Path;

use plotters::coord::Shift;
use plotters::prelude::*;

use super::axes::{data_range, padded_range, AxisCoord};
use super::style::{curve_color, Sizes, FONT};
use super::{render_to_file, Figure, LinePlot, PlotError, Scale};

/// Draws `plot` into `path` (`.png` or `.svg`).
///
/// # Errors
/// [`PlotError`] for an unsupported extension, no finite data, non-positive values on a log
/// axis, or a failed write.
pub fn line_plot(path: &Path, plot: &LinePlot) -> Result<(), PlotError> {
    let points = || plot.curves.iter().flat_map(|c| c.points.iter());
    let (x_lo, x_hi) = data_range(points().map(|p| p.0), plot.x.scale, &plot.x.label)?;
    let finite_y = points().filter(|p| p.0.is_finite()).map(|p| p.1);
    let (y_lo, y_hi) = data_range(finite_y, plot.y.scale, &plot.y.label)?;
    let figure = LineFigure {
        plot,
        x_range: padded_range(x_lo, x_hi, plot.x.scale, 0.0),
        y_range: padded_range(y_lo, y_hi, plot.y.scale, 0.05),
    };
    render_to_file(path, &figure)
}

struct LineFigure<'a> {
    plot: &'a LinePlot,
    x_range: std::ops::Range<f64>,
    y_range: std::ops::Range<f64>,
}

impl Figure for LineFigure<'_> {
    fn render<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, Shift>,
        sizes: Sizes,
    ) -> Result<(), PlotError> {
        let plot = self.plot;
        let mut chart = ChartBuilder::on(root)
            .caption(&plot.title, (FONT, sizes.title))
            .margin_top(sizes.px(10.0))
            .margin_right(sizes.px(24.0))
            .margin_left(sizes.px(10.0))
            .margin_bottom(sizes.px(8.0))
            .x_label_area_size(sizes.px(54.0))
            .y_label_area_size(sizes.px(66.0))
            .build_cartesian_2d(
                AxisCoord::new(plot.x.scale, self.x_range.clone()),
                AxisCoord::new(plot.y.scale, self.y_range.clone()),
            )
            .map_err(PlotError::draw)?;
        chart
            .configure_mesh()
            .x_desc(plot.x.label.as_str())
            .y_desc(plot.y.label.as_str())
            .axis_desc_style((FONT, sizes.axis))
            .label_style((FONT, sizes.tick))
            .axis_style(BLACK.stroke_width(sizes.px(1.0)))
            .bold_line_style(BLACK.mix(0.10).stroke_width(sizes.px(0.6)))
            .light_line_style(TRANSPARENT)
            .x_labels(8)
            .y_labels(7)
            .draw()
            .map_err(PlotError::draw)?;

        let width = sizes.line;
        let mut labelled = false;
        for (k, curve) in plot.curves.iter().enumerate() {
            let color = curve_color(k);
            let mut first = true;
            for segment in finite_segments(&curve.points) {
                let series = chart
                    .draw_series(LineSeries::new(segment, color.stroke_width(width)))
                    .map_err(PlotError::draw)?;
                if first && !curve.label.is_empty() {
                    let len = sizes.px(26.0) as i32;
                    series.label(curve.label.as_str()).legend(move |(x, y)| {
                        PathElement::new(vec![(x, y), (x + len, y)], color.stroke_width(width))
                    });
                    labelled = true;
                }
                first = false;
            }
        }
        // A closed frame, as in journal figures (the mesh draws only the left/bottom axes).
        let (x, y) = (&self.x_range, &self.y_range);
        chart
            .draw_series(std::iter::once(Rectangle::new(
                [(x.start, y.start), (x.end, y.end)],
                BLACK.stroke_width(sizes.px(1.0)),
            )))
            .map_err(PlotError::draw)?;
        if labelled {
            chart
                .configure_series_labels()
                .position(self.legend_corner(sizes))
                .margin(sizes.px(12.0))
                .legend_area_size(sizes.px(34.0))
                .label_font((FONT, sizes.legend))
                .background_style(WHITE.mix(0.92))
                .border_style(BLACK.mix(0.35))
                .draw()
                .map_err(PlotError::draw)?;
        }
        Ok(())
    }
}

impl LineFigure<'_> {
    /// The plot corner whose legend-sized box covers the fewest data points.
    fn legend_corner(&self, sizes: Sizes) -> SeriesLabelPosition {
        let plot = self.plot;
        let labelled = plot.curves.iter().filter(|c| !c.label.is_empty()).count();
        let longest = plot.curves.iter().map(|c| c.label.chars().count()).max();
        let (w, h) = (sizes.canvas.0 as f64 * 0.85, sizes.canvas.1 as f64 * 0.8);
        let box_w = ((longest.unwrap_or(0) as f64 * 0.62 * sizes.legend + sizes.px(70.0) as f64)
            / w)
            .min(0.9);
        let box_h = ((labelled as f64 * 1.45 * sizes.legend + sizes.px(24.0) as f64) / h).min(0.9);
        let fx = |v: f64| fraction(v, &self.x_range, plot.x.scale);
        let fy = |v: f64| fraction(v, &self.y_range, plot.y.scale);
        let corners = [
            (SeriesLabelPosition::UpperLeft, 0.0, 1.0 - box_h),
            (SeriesLabelPosition::UpperRight, 1.0 - box_w, 1.0 - box_h),
            (SeriesLabelPosition::LowerRight, 1.0 - box_w, 0.0),
            (SeriesLabelPosition::LowerLeft, 0.0, 0.0),
        ];
        let covered = |x0: f64, y0: f64| {
            plot.curves
                .iter()
                .flat_map(|c| c.points.iter())
                .filter(|p| p.1.is_finite())
                .filter(|p| {
                    let (x, y) = (fx(p.0), fy(p.1));
                    (x0..=x0 + box_w).contains(&x) && (y0..=y0 + box_h).contains(&y)
                })
                .count()
        };
        corners
            .into_iter()
            .min_by_key(|&(_, x0, y0)| covered(x0, y0))
            .map(|c| c.0)
            .unwrap_or(SeriesLabelPosition::UpperLeft)
    }
}

/// Position of `v` within `range` as a fraction in [0, 1] (log-space on a log axis).
fn fraction(v: f64, range: &std::ops::Range<f64>, scale: Scale) -> f64 {
    match scale {
        Scale::Linear => (v - range.start) / (range.end - range.start),
        Scale::Log => (v / range.start).ln() / (range.end / range.start).ln(),
    }
}

/// The maximal runs of points with finite coordinates.
fn finite_segments(points: &[(f64, f64)]) -> Vec<Vec<(f64, f64)>> {
    let mut segments = vec![];
    let mut current = vec![];
    for &p in points {
        if p.0.is_finite() && p.1.is_finite() {
            current.push(p);
        } else if !current.is_empty() {
            segments.push(std::mem::take(&mut current));
        }
    }
    if !current.is_empty() {
        segments.push(current);
    }
    segments
}
