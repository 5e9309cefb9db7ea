//! The look shared by every figure: embedded font, sizes, colours, output format.
//!
//! Text is drawn with DejaVu Sans embedded in the binary (the `dejavu` crate), registered with
//! plotters' `ab_glyph` backend under the family name `sans-serif`, so figures render the same
//! on machines without system fonts and SVG viewers fall back to their own sans-serif face.

use std::path::Path;
use std::sync::Once;

use plotters::style::{FontStyle, RGBColor};

use super::PlotError;

/// Font family every text element uses (registered by [`register_fonts`]).
pub const FONT: &str = "sans-serif";

/// Logical canvas size (SVG pixels); PNGs are rendered at [`PNG_SCALE`] times this.
pub const BASE_SIZE: (u32, u32) = (800, 560);

/// PNG resolution factor: a 1600 x 1120 bitmap prints sharply at journal column width.
pub const PNG_SCALE: f64 = 2.0;

/// SVGs are drawn at this many times [`BASE_SIZE`] and declared at [`BASE_SIZE`] (through
/// the `viewBox`): plotters writes whole-pixel coordinates, and this keeps curves smooth.
pub const SVG_SCALE: f64 = 4.0;

/// PNGs are drawn this many times larger in each direction and averaged down, which
/// anti-aliases lines and text (plotters' bitmap backend draws aliased lines).
pub const SUPERSAMPLE: u32 = 3;

/// Curve colours: the Okabe-Ito palette (distinguishable under the common colour-vision
/// deficiencies), yellow dropped because it vanishes on white, black last.
pub const PALETTE: [RGBColor; 7] = [
    RGBColor(0, 114, 178),   // blue
    RGBColor(213, 94, 0),    // vermillion
    RGBColor(0, 158, 115),   // bluish green
    RGBColor(204, 121, 167), // reddish purple
    RGBColor(230, 159, 0),   // orange
    RGBColor(86, 180, 233),  // sky blue
    RGBColor(0, 0, 0),       // black
];

/// The colour of curve number `index`, cycling through [`PALETTE`].
pub fn curve_color(index: usize) -> RGBColor {
    PALETTE[index % PALETTE.len()]
}

static FONTS: Once = Once::new();

/// Registers the embedded DejaVu Sans faces with plotters (idempotent, thread safe).
pub fn register_fonts() {
    FONTS.call_once(|| {
        let faces = [
            (FontStyle::Normal, dejavu::sans::regular()),
            (FontStyle::Bold, dejavu::sans::bold()),
            (FontStyle::Oblique, dejavu::sans::oblique()),
            (FontStyle::Italic, dejavu::sans::oblique()),
        ];
        for (style, bytes) in faces {
            // The bytes are a known-good TTF compiled into the binary; failure is a build bug.
            plotters::style::register_font(FONT, style, bytes)
                .unwrap_or_else(|_| panic!("embedded DejaVu Sans font failed to parse"));
        }
    });
}

/// Output format, chosen by the file extension.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Portable Network Graphics bitmap.
    Png,
    /// Scalable Vector Graphics.
    Svg,
}

impl Format {
    /// The format named by `path`'s extension (`.png` or `.svg`, any case).
    ///
    /// # Errors
    /// [`PlotError::Format`] for any other extension.
    pub fn from_path(path: &Path) -> Result<Format, PlotError> {
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        match ext.as_deref() {
            Some("png") => Ok(Format::Png),
            Some("svg") => Ok(Format::Svg),
            _ => Err(PlotError::Format(path.display().to_string())),
        }
    }

    /// Multiplier on every size (canvas, fonts, line widths) for this format.
    pub fn scale(self) -> f64 {
        match self {
            Format::Png => PNG_SCALE,
            Format::Svg => SVG_SCALE,
        }
    }
}

/// Width in pixels of `text` drawn in the figure font at `size` (plotters' layout estimate;
/// 0.6 em a character if the font cannot measure it).
pub fn text_width(text: &str, size: f64) -> u32 {
    use plotters::style::IntoFont;
    register_fonts();
    (FONT, size)
        .into_font()
        .box_size(text)
        .map(|(w, _)| w)
        .unwrap_or((0.6 * size * text.chars().count() as f64) as u32)
}

/// Pixel sizes of one figure, scaled for its format.
#[derive(Clone, Copy, Debug)]
pub struct Sizes {
    /// Canvas width and height.
    pub canvas: (u32, u32),
    /// Title font size.
    pub title: f64,
    /// Axis description font size.
    pub axis: f64,
    /// Tick label font size.
    pub tick: f64,
    /// Legend font size.
    pub legend: f64,
    /// Curve line width.
    pub line: u32,
    /// Scale factor applied to the base sizes.
    pub scale: f64,
}

impl Sizes {
    /// The sizes for `format`.
    pub fn for_format(format: Format) -> Sizes {
        Sizes::for_scale(format.scale())
    }

    /// The sizes at `s` times [`BASE_SIZE`].
    pub fn for_scale(s: f64) -> Sizes {
        Sizes {
            canvas: (
                (BASE_SIZE.0 as f64 * s) as u32,
                (BASE_SIZE.1 as f64 * s) as u32,
            ),
            title: 17.0 * s,
            axis: 20.0 * s,
            tick: 16.0 * s,
            legend: 15.0 * s,
            line: (2.0 * s).round() as u32,
            scale: s,
        }
    }

    /// `base` logical pixels at this scale.
    pub fn px(&self, base: f64) -> u32 {
        (base * self.scale).round() as u32
    }

    /// Height of the area below a horizontal axis: tick labels, a small gap, the axis
    /// description (no more, so the description stays close to its ticks).
    pub fn x_label_area(&self) -> u32 {
        (self.tick + self.axis) as u32 + self.px(14.0)
    }

    /// Width of the area left of a vertical axis for these tick `labels`: the widest label,
    /// a small gap, the (rotated) axis description.
    pub fn y_label_area(&self, labels: &[String]) -> u32 {
        let widest = labels
            .iter()
            .map(|l| text_width(l, self.tick))
            .max()
            .unwrap_or(0);
        widest + self.axis as u32 + self.px(16.0)
    }
}
