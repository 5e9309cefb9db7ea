//! Line plots: one coloured curve per series, legend placed where the data leaves room.

use std::path::Path;

use plotters::coord::Shift;
use plotters::prelude::*;

use super::axes::{data_range, padded_range, AxisCoord, X_LABELS, Y_LABELS};
use super::style::{curve_color, Sizes, FONT};
use super::{render_to_file, Figure, LinePlot, PlotError};

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
        let x_axis = AxisCoord::new(plot.x.scale, self.x_range.clone(), X_LABELS);
        // where both axes start on a tick (0 and 0), the x axis alone labels the corner
        let y_axis = AxisCoord::new(plot.y.scale, self.y_range.clone(), Y_LABELS)
            .blank_start(x_axis.starts_on_tick());
        let y_area = sizes.y_label_area(&y_axis.labels());
        let mut chart = ChartBuilder::on(root)
            .caption(&plot.title, (FONT, sizes.title))
            .margin_top(sizes.px(14.0))
            .margin_right(sizes.px(24.0))
            .margin_left(sizes.px(10.0))
            .margin_bottom(sizes.px(8.0))
            .x_label_area_size(sizes.x_label_area())
            .y_label_area_size(y_area)
            .build_cartesian_2d(x_axis, y_axis)
            .map_err(PlotError::draw)?;
        chart
            .configure_mesh()
            .x_desc(plot.x.label.as_str())
            .y_desc(plot.y.label.as_str())
            .axis_desc_style((FONT, sizes.axis))
            .label_style((FONT, sizes.tick))
            .set_all_tick_mark_size(sizes.px(5.0))
            .axis_style(BLACK.stroke_width(sizes.px(1.5)))
            .bold_line_style(BLACK.mix(0.10).stroke_width(sizes.px(0.6)))
            .light_line_style(TRANSPARENT)
            .x_labels(X_LABELS)
            .y_labels(Y_LABELS)
            .draw()
            .map_err(PlotError::draw)?;

        let width = sizes.line;
        let mut labelled = false;
        for (k, curve) in plot.curves.iter().enumerate() {
            let color = curve_color(k);
            let mut first = true;
            let marked = has_markers(&curve.points);
            let radius = sizes.px(3.5);
            for segment in finite_segments(&curve.points) {
                if marked {
                    chart
                        .draw_series(
                            segment
                                .iter()
                                .map(|&p| Circle::new(p, radius, color.filled())),
                        )
                        .map_err(PlotError::draw)?;
                }
                let series = chart
                    .draw_series(LineSeries::new(segment, color.stroke_width(width)))
                    .map_err(PlotError::draw)?;
                if first && !curve.label.is_empty() {
                    let len = sizes.px(26.0) as i32;
                    series.label(curve.label.as_str()).legend(move |(x, y)| {
                        let line =
                            PathElement::new(vec![(x, y), (x + len, y)], color.stroke_width(width));
                        let dot = Circle::new(
                            (x + len / 2, y),
                            if marked { radius } else { 0 },
                            color.filled(),
                        );
                        EmptyElement::at((0, 0)) + line + dot
                    });
                    labelled = true;
                }
                first = false;
            }
        }
        // A closed frame, as in journal figures (the mesh draws only the left/bottom axes).
        let (x, y) = (&self.x_range, &self.y_range);
        chart
            .draw_series(std::iter::once(frame(
                (x.start, y.start),
                (x.end, y.end),
                BLACK.stroke_width(sizes.px(1.5)),
            )))
            .map_err(PlotError::draw)?;
        if labelled {
            let (margin, legend_area) = (sizes.px(10.0), sizes.px(34.0));
            let position = self.legend_position(&chart, sizes, margin, legend_area)?;
            chart
                .configure_series_labels()
                .position(position)
                .margin(margin)
                .legend_area_size(legend_area)
                .label_font((FONT, sizes.legend))
                .background_style(WHITE.mix(0.92))
                .border_style(BLACK.mix(0.5).stroke_width(sizes.px(1.0)))
                .draw()
                .map_err(PlotError::draw)?;
        }
        Ok(())
    }
}

impl LineFigure<'_> {
    /// The legend's top-left corner (relative to the plotting area): the inset corner whose
    /// legend-sized box covers the fewest data points.
    fn legend_position<DB: DrawingBackend>(
        &self,
        chart: &ChartContext<DB, Cartesian2d<AxisCoord, AxisCoord>>,
        sizes: Sizes,
        margin: u32,
        legend_area: u32,
    ) -> Result<SeriesLabelPosition, PlotError> {
        let font = (FONT, sizes.legend).into_font();
        let mut text = MultiLineText::<_, &str>::new((0, 0), font);
        for curve in self.plot.curves.iter().filter(|c| !c.label.is_empty()) {
            text.push_line(curve.label.as_str());
        }
        let (text_w, text_h) = text.estimate_dimension().map_err(PlotError::draw)?;
        let (w, h) = (
            text_w + (legend_area + 2 * margin) as i32,
            text_h + 2 * margin as i32,
        );
        let (area_w, area_h) = chart.plotting_area().dim_in_pixel();
        let (base_x, base_y) = chart.plotting_area().get_base_pixel();
        let inset = sizes.px(12.0) as i32;
        let (left, top) = (inset, inset);
        let (right, bottom) = (area_w as i32 - w - inset, area_h as i32 - h - inset);
        let corners = [(left, top), (right, top), (right, bottom), (left, bottom)];
        let pixels: Vec<(i32, i32)> = self
            .plot
            .curves
            .iter()
            .flat_map(|c| c.points.iter())
            .filter(|p| p.0.is_finite() && p.1.is_finite())
            .map(|p| {
                let (x, y) = chart.backend_coord(p);
                (x - base_x, y - base_y)
            })
            .collect();
        let pad = inset;
        let covered = |(x0, y0): (i32, i32)| {
            pixels
                .iter()
                .filter(|&&(x, y)| {
                    (x0 - pad..=x0 + w + pad).contains(&x) && (y0 - pad..=y0 + h + pad).contains(&y)
                })
                .count()
        };
        let (x, y) = corners
            .into_iter()
            .min_by_key(|&c| covered(c))
            .unwrap_or((left, top));
        Ok(SeriesLabelPosition::Coordinate(x, y))
    }
}

/// The outline of the rectangle with corners `a` and `b` as a path: plotters' SVG backend
/// drops the stroke width of `Rectangle`, not of paths.
pub(super) fn frame(a: (f64, f64), b: (f64, f64), style: ShapeStyle) -> PathElement<(f64, f64)> {
    PathElement::new(vec![a, (b.0, a.1), b, (a.0, b.1), a], style)
}

/// Curves whose points stand for separate cases get a marker on each: few points (at most
/// [`MARKED_POINTS`]), or whole-number x values one apart (a discrete axis such as `N`).
pub(super) fn has_markers(points: &[(f64, f64)]) -> bool {
    let xs: Vec<f64> = points
        .iter()
        .map(|p| p.0)
        .filter(|x| x.is_finite())
        .collect();
    let discrete = xs.len() >= 2
        && xs.iter().all(|x| x.fract() == 0.0)
        && xs.windows(2).all(|w| (w[1] - w[0]).abs() == 1.0);
    xs.len() <= MARKED_POINTS || discrete
}

/// Curves with at most this many points are drawn with markers.
pub(super) const MARKED_POINTS: usize = 30;

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
