//! Heat maps `z(x, y)` with a viridis colour scale and a labelled colour bar.

use std::path::Path;

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::axes::{cell_edges, data_range, nice_range, AxisCoord, X_LABELS, Y_LABELS};
use super::style::{Sizes, FONT};
use super::{render_to_file, Figure, HeatMap, PlotError, Scale};

/// Cells with a non-finite value are drawn in this grey.
const MISSING: RGBColor = RGBColor(190, 190, 190);

/// Draws `map` into `path` (`.png` or `.svg`).
///
/// # Errors
/// [`PlotError`] for an unsupported extension, a `z` of the wrong length, an empty or
/// non-monotone grid, non-positive values on a log axis, or a failed write.
pub fn heat_map(path: &Path, map: &HeatMap) -> Result<(), PlotError> {
    let (nx, ny) = (map.x_values.len(), map.y_values.len());
    if nx == 0 || ny == 0 || map.z.len() != nx * ny {
        return Err(PlotError::Data(format!(
            "heat map needs z of length {nx} x {ny}, got {}",
            map.z.len()
        )));
    }
    for (axis, values) in [(&map.x, &map.x_values), (&map.y, &map.y_values)] {
        data_range(values.iter().copied(), axis.scale, &axis.label)?;
        let up = values.windows(2).all(|w| w[1] > w[0]);
        let down = values.windows(2).all(|w| w[1] < w[0]);
        if !(up || down) {
            return Err(PlotError::Data(format!(
                "grid values of {} are not strictly monotone",
                axis.label
            )));
        }
    }
    // the colour bar runs from tick to tick, so its lowest and highest ticks are labelled
    let z_range = match data_range(map.z.iter().copied(), Scale::Linear, &map.z_label) {
        Ok((lo, hi)) if hi > lo => nice_range(lo, hi, Y_LABELS),
        Ok((lo, _)) => (lo - 0.5, lo + 0.5),
        Err(_) => (0.0, 1.0),
    };
    let figure = HeatFigure {
        map,
        x_edges: cell_edges(&map.x_values, map.x.scale),
        y_edges: cell_edges(&map.y_values, map.y.scale),
        z_range,
    };
    render_to_file(path, &figure)
}

struct HeatFigure<'a> {
    map: &'a HeatMap,
    x_edges: Vec<f64>,
    y_edges: Vec<f64>,
    z_range: (f64, f64),
}

/// The far edge of every cell, pushed 3% of the cell into the next one (in log space on a log
/// axis); the last cell keeps its edge.
fn overlapped(edges: &[f64], scale: Scale) -> Vec<f64> {
    let n = edges.len() - 1;
    (0..n)
        .map(|i| {
            let (a, b) = (edges[i], edges[i + 1]);
            match (i + 1 < n, scale) {
                (false, _) => b,
                (true, Scale::Linear) => b + 0.03 * (b - a),
                (true, Scale::Log) => b * (b / a).powf(0.03),
            }
        })
        .collect()
}

fn span(edges: &[f64]) -> std::ops::Range<f64> {
    let (a, b) = (edges[0], edges[edges.len() - 1]);
    a.min(b)..a.max(b)
}

impl HeatFigure<'_> {
    fn color(&self, z: f64) -> RGBColor {
        if z.is_finite() {
            ViridisRGB::get_color_normalized(z, self.z_range.0, self.z_range.1)
        } else {
            MISSING
        }
    }
}

impl Figure for HeatFigure<'_> {
    fn render<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, Shift>,
        sizes: Sizes,
    ) -> Result<(), PlotError> {
        let map = self.map;
        let top = sizes.px(8.0) as i32;
        let body = root
            .margin(top, 0, 0, 0)
            .titled(&map.title, (FONT, sizes.title))
            .map_err(PlotError::draw)?;
        let (width, _) = body.dim_in_pixel();
        let (main, bar) = body.split_horizontally((width as f64 * 0.83) as u32);

        // The blank captions keep room above the plot and the colour bar, whose title is
        // drawn there over the bar itself, clear of its top tick label.
        let x_axis = AxisCoord::new(map.x.scale, span(&self.x_edges), X_LABELS);
        let y_axis = AxisCoord::new(map.y.scale, span(&self.y_edges), Y_LABELS)
            .blank_start(x_axis.starts_on_tick());
        let y_area = sizes.y_label_area(&y_axis.labels());
        let mut chart = ChartBuilder::on(&main)
            .caption(" ", (FONT, sizes.axis))
            .margin_top(sizes.px(6.0))
            .margin_right(sizes.px(12.0))
            .margin_left(sizes.px(10.0))
            .margin_bottom(sizes.px(8.0))
            .x_label_area_size(sizes.x_label_area())
            .y_label_area_size(y_area)
            .build_cartesian_2d(x_axis, y_axis)
            .map_err(PlotError::draw)?;
        let nx = map.x_values.len();
        // Each cell reaches a little into the next one, which is drawn over it: abutting
        // rectangles leave hairline seams in anti-aliasing SVG renderers.
        let x_far = overlapped(&self.x_edges, map.x.scale);
        let y_far = overlapped(&self.y_edges, map.y.scale);
        let cells = map.z.iter().enumerate().map(|(k, &z)| {
            let (i, j) = (k % nx, k / nx);
            Rectangle::new(
                [(self.x_edges[i], self.y_edges[j]), (x_far[i], y_far[j])],
                self.color(z).filled(),
            )
        });
        chart.draw_series(cells).map_err(PlotError::draw)?;
        chart
            .configure_mesh()
            .x_desc(map.x.label.as_str())
            .y_desc(map.y.label.as_str())
            .axis_desc_style((FONT, sizes.axis))
            .label_style((FONT, sizes.tick))
            .set_all_tick_mark_size(sizes.px(5.0))
            .axis_style(BLACK.stroke_width(sizes.px(1.0)))
            .disable_mesh()
            .x_labels(X_LABELS)
            .y_labels(Y_LABELS)
            .draw()
            .map_err(PlotError::draw)?;

        // Colour bar: a thin chart whose y axis is the colour scale, labels on the right.
        let (z_lo, z_hi) = self.z_range;
        let mut scale = ChartBuilder::on(&bar)
            .caption(" ", (FONT, sizes.axis))
            .margin_top(sizes.px(6.0))
            .margin_bottom(sizes.px(8.0) + sizes.x_label_area())
            .margin_left(sizes.px(6.0))
            .margin_right(sizes.px(4.0))
            .set_label_area_size(LabelAreaPosition::Right, sizes.px(62.0))
            .build_cartesian_2d(
                0.0..1.0,
                AxisCoord::new(Scale::Linear, z_lo..z_hi, Y_LABELS),
            )
            .map_err(PlotError::draw)?;
        const STEPS: usize = 256;
        let dz = (z_hi - z_lo) / STEPS as f64;
        let strips = (0..STEPS).map(|s| {
            let z = z_lo + dz * s as f64;
            let top = if s + 1 < STEPS { z + 1.5 * dz } else { z_hi };
            Rectangle::new([(0.0, z), (1.0, top)], self.color(z + dz / 2.0).filled())
        });
        scale.draw_series(strips).map_err(PlotError::draw)?;
        scale
            .draw_series(std::iter::once(super::line::frame(
                (0.0, z_lo),
                (1.0, z_hi),
                BLACK.stroke_width(sizes.px(1.0)),
            )))
            .map_err(PlotError::draw)?;
        scale
            .configure_mesh()
            .disable_mesh()
            .disable_x_axis()
            .set_all_tick_mark_size(sizes.px(5.0))
            .label_style((FONT, sizes.tick))
            .axis_style(BLACK.stroke_width(sizes.px(1.0)))
            .y_labels(Y_LABELS)
            .draw()
            .map_err(PlotError::draw)?;
        // the colour bar's title, centred over the bar, its baseline above the top tick label
        let (bar_x, bar_y) = scale.plotting_area().get_pixel_range();
        let centre = (bar_x.start + bar_x.end) / 2;
        let above = bar_y.start - (0.6 * sizes.tick) as i32 - sizes.px(4.0) as i32;
        let style = TextStyle::from((FONT, sizes.axis).into_font())
            .pos(Pos::new(HPos::Center, VPos::Bottom));
        bar.draw_text(
            map.z_label.as_str(),
            &style,
            (
                centre - bar.get_base_pixel().0,
                above - bar.get_base_pixel().1,
            ),
        )
        .map_err(PlotError::draw)?;
        Ok(())
    }

    /// Abutting cells must not let the background through: SVG renderers anti-alias each
    /// rectangle's edges, which leaves hairline seams between cells.
    fn crisp_rectangles(&self) -> bool {
        true
    }
}
