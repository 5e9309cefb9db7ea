//! Publication-style figures: line plots and heat maps, as PNG or SVG (plotters).
//!
//! Reusable by every subcommand: describe the figure with [`LinePlot`] or [`HeatMap`] and call
//! [`line_plot`] / [`heat_map`]; the format follows the file extension. Files are written
//! atomically (temporary sibling, then rename). Text uses an embedded DejaVu Sans, so no
//! system fonts are needed; [`notation`] maps model keys to the paper's axis labels.

mod axes;
mod heat;
mod line;
pub mod notation;
pub mod style;
mod ticks;

use std::path::Path;

pub use heat::heat_map;
pub use line::line_plot;
pub use ticks::tick_label;

/// How an axis maps values to positions.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Scale {
    /// Evenly spaced values.
    #[default]
    Linear,
    /// `log10(value)` evenly spaced; every value must be positive.
    Log,
}

/// One axis: its description and scale.
#[derive(Clone, Debug, PartialEq)]
pub struct Axis {
    /// Axis description, e.g. `"μ/γ"`.
    pub label: String,
    /// Linear or logarithmic.
    pub scale: Scale,
}

impl Axis {
    /// A linear axis labelled `label`.
    pub fn linear(label: impl Into<String>) -> Axis {
        Axis {
            label: label.into(),
            scale: Scale::Linear,
        }
    }
}

/// One curve of a line plot: legend entry and `(x, y)` points in drawing order. A point with
/// a non-finite `y` breaks the line there.
#[derive(Clone, Debug, PartialEq)]
pub struct Curve {
    /// Legend entry; curves with an empty label get none.
    pub label: String,
    /// The points, in drawing order.
    pub points: Vec<(f64, f64)>,
}

/// A line plot: several curves `y(x)` sharing axes, a legend and a title.
#[derive(Clone, Debug, PartialEq)]
pub struct LinePlot {
    /// Title above the plot (typically the fixed parameters).
    pub title: String,
    /// Horizontal axis.
    pub x: Axis,
    /// Vertical axis.
    pub y: Axis,
    /// The curves, drawn in order with colours from [`style::PALETTE`].
    pub curves: Vec<Curve>,
}

/// A heat map `z(x, y)` on a rectangular grid, with a colour bar.
#[derive(Clone, Debug, PartialEq)]
pub struct HeatMap {
    /// Title above the plot.
    pub title: String,
    /// Horizontal axis.
    pub x: Axis,
    /// Vertical axis.
    pub y: Axis,
    /// Colour-bar description.
    pub z_label: String,
    /// Grid values along x, strictly monotone.
    pub x_values: Vec<f64>,
    /// Grid values along y, strictly monotone.
    pub y_values: Vec<f64>,
    /// `z[j * x_values.len() + i]` is the value at `(x_values[i], y_values[j])`; non-finite
    /// values are drawn grey.
    pub z: Vec<f64>,
}

/// Why a figure could not be drawn.
#[derive(Debug, thiserror::Error)]
pub enum PlotError {
    /// The file extension names no supported format.
    #[error("plot file {0}: unsupported format (use .png or .svg)")]
    Format(String),
    /// The data cannot be drawn (empty, wrong shape, non-positive values on a log axis...).
    #[error("cannot plot: {0}")]
    Data(String),
    /// plotters failed while drawing.
    #[error("drawing failed: {0}")]
    Draw(String),
    /// Writing the file failed.
    #[error("writing plot {path}: {source}")]
    Io {
        /// The file being written.
        path: String,
        /// The IO error.
        source: std::io::Error,
    },
}

impl PlotError {
    pub(crate) fn draw(error: impl std::fmt::Display) -> PlotError {
        PlotError::Draw(error.to_string())
    }
}

/// Something drawable on any plotters backend (PNG and SVG share one drawing routine).
trait Figure {
    fn render<DB: plotters::prelude::DrawingBackend>(
        &self,
        root: &plotters::drawing::DrawingArea<DB, plotters::coord::Shift>,
        sizes: style::Sizes,
    ) -> Result<(), PlotError>;

    /// Whether the SVG draws rectangles without anti-aliasing (`shape-rendering:
    /// crispEdges`): heat-map cells then meet without seams.
    fn crisp_rectangles(&self) -> bool {
        false
    }
}

/// Draws `figure` into `path` (format from the extension), atomically.
fn render_to_file(path: &Path, figure: &impl Figure) -> Result<(), PlotError> {
    use plotters::prelude::*;
    style::register_fonts();
    let format = style::Format::from_path(path)?;
    let sizes = style::Sizes::for_format(format);
    let io = |source| PlotError::Io {
        path: path.display().to_string(),
        source,
    };
    match format {
        style::Format::Svg => {
            let mut text = String::new();
            {
                let root = SVGBackend::with_string(&mut text, sizes.canvas).into_drawing_area();
                root.fill(&WHITE).map_err(PlotError::draw)?;
                figure.render(&root, sizes)?;
                root.present().map_err(PlotError::draw)?;
            }
            let mut text = declare_base_size(&text, sizes.canvas);
            if figure.crisp_rectangles() {
                text = text.replace("<rect ", "<rect shape-rendering=\"crispEdges\" ");
            }
            crate::atomic::write_atomic(path, text.as_bytes()).map_err(io)
        }
        style::Format::Png => {
            let png = render_png(figure, sizes)?;
            crate::atomic::write_atomic(path, &png).map_err(io)
        }
    }
}

/// `svg` (drawn on a `canvas`-sized page) with its declared size set to [`style::BASE_SIZE`];
/// the `viewBox` keeps the drawing coordinates.
fn declare_base_size(svg: &str, canvas: (u32, u32)) -> String {
    let (w, h) = style::BASE_SIZE;
    svg.replacen(
        &format!("<svg width=\"{}\" height=\"{}\"", canvas.0, canvas.1),
        &format!("<svg width=\"{w}\" height=\"{h}\""),
        1,
    )
}

/// Draws `figure` at [`style::SUPERSAMPLE`] times the size of `sizes`, averages it down and
/// encodes it as PNG.
fn render_png(figure: &impl Figure, sizes: style::Sizes) -> Result<Vec<u8>, PlotError> {
    use image::ImageEncoder;
    use plotters::prelude::*;
    let ss = style::SUPERSAMPLE;
    let (w, h) = sizes.canvas;
    let (big_w, big_h) = (w * ss, h * ss);
    let mut big = vec![0u8; (big_w * big_h * 3) as usize];
    {
        let root = BitMapBackend::with_buffer(&mut big, (big_w, big_h)).into_drawing_area();
        root.fill(&WHITE).map_err(PlotError::draw)?;
        figure.render(&root, style::Sizes::for_scale(sizes.scale * ss as f64))?;
        root.present().map_err(PlotError::draw)?;
    }
    let mut small = vec![0u8; (w * h * 3) as usize];
    let area = ss * ss;
    for y in 0..h as usize {
        for x in 0..w as usize {
            for c in 0..3 {
                let mut sum = 0u32;
                for dy in 0..ss as usize {
                    let row = (y * ss as usize + dy) * big_w as usize;
                    for dx in 0..ss as usize {
                        sum += u32::from(big[(row + x * ss as usize + dx) * 3 + c]);
                    }
                }
                small[(y * w as usize + x) * 3 + c] = ((sum + area / 2) / area) as u8;
            }
        }
    }
    let mut png = vec![];
    image::codecs::png::PngEncoder::new(&mut png)
        .write_image(&small, w, h, image::ColorType::Rgb8)
        .map_err(PlotError::draw)?;
    Ok(png)
}

#[cfg(test)]
mod tests;
