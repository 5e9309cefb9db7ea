//! Rendering synthetic figures: valid files in both formats, errors for bad input.

use std::path::PathBuf;

use super::*;

fn out_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("qbat-plot-tests-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn sample_line(x_scale: Scale) -> LinePlot {
    let curves = [0.5, 1.0, 2.0, 5.0]
        .iter()
        .map(|&t| Curve {
            label: notation::assignment("temperature", t, true),
            points: (0..=100)
                .map(|i| {
                    let mu = 0.05 + i as f64 * 0.1;
                    (mu, ((mu - 1.0) / (2.0 * t)).tanh().max(0.0))
                })
                .collect(),
        })
        .collect();
    LinePlot {
        title: "collective, N = 3, ω₀/γ = 10, ω/γ = 1, J/γ = 1".into(),
        x: Axis {
            label: notation::axis_label("mu", true),
            scale: x_scale,
        },
        y: Axis::linear("W"),
        curves,
    }
}

#[test]
fn line_plots_render_as_png_and_svg() {
    let dir = out_dir("line");
    for (name, scale) in [("lin", Scale::Linear), ("log", Scale::Log)] {
        let png = dir.join(format!("{name}.png"));
        let svg = dir.join(format!("{name}.svg"));
        line_plot(&png, &sample_line(scale)).unwrap();
        line_plot(&svg, &sample_line(scale)).unwrap();
        let bytes = std::fs::read(&png).unwrap();
        assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n");
        let text = std::fs::read_to_string(&svg).unwrap();
        assert!(text.contains("<svg") && text.trim_end().ends_with("</svg>"));
        assert!(text.contains("T/γ = 0.5") && text.contains("μ/γ"));
    }
    // no temporary files left behind
    let leftovers: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().contains(".tmp-"))
        .collect();
    assert!(leftovers.is_empty());
}

#[test]
fn heat_map_renders_with_missing_cells() {
    let dir = out_dir("heat");
    let xs: Vec<f64> = (0..21).map(|i| i as f64 * 0.5).collect();
    let ys: Vec<f64> = (0..11).map(|j| 10f64.powf(-1.0 + j as f64 * 0.2)).collect();
    let mut z: Vec<f64> = ys
        .iter()
        .flat_map(|&y| xs.iter().map(move |&x| (x / 10.0) * (1.0 / (1.0 + y))))
        .collect();
    z[5] = f64::NAN;
    let map = HeatMap {
        title: "individual, N = 3".into(),
        x: Axis::linear(notation::axis_label("mu", true)),
        y: Axis {
            label: notation::axis_label("temperature", true),
            scale: Scale::Log,
        },
        z_label: "W".into(),
        x_values: xs,
        y_values: ys,
        z,
    };
    for ext in ["png", "svg"] {
        heat_map(&dir.join(format!("heat.{ext}")), &map).unwrap();
    }
    let svg = std::fs::read_to_string(dir.join("heat.svg")).unwrap();
    // cells without anti-aliased edges (no seams); the colour bar runs from tick 0 (z from
    // 0) to tick 1 (largest z = 10/10 * 1/(1 + 0.1) = 0.909 -> nice range [0, 1]), both ends
    // labelled, its title after them
    assert!(svg.contains("<rect shape-rendering=\"crispEdges\""));
    let labels: Vec<&str> = svg
        .split("</text>")
        .filter_map(|t| t.rsplit('>').next())
        .map(str::trim)
        .collect();
    let bar = ["0", "0.2", "0.4", "0.6", "0.8", "1", "W"];
    assert!(
        labels.windows(bar.len()).any(|w| w == bar),
        "colour bar: {labels:?}"
    );
    let mut bad = map.clone();
    bad.z.pop();
    assert!(matches!(
        heat_map(&dir.join("bad.png"), &bad),
        Err(PlotError::Data(_))
    ));
}

#[test]
fn bad_inputs_are_errors_not_panics() {
    let dir = out_dir("bad");
    assert!(matches!(
        line_plot(&dir.join("x.pdf"), &sample_line(Scale::Linear)),
        Err(PlotError::Format(_))
    ));
    let mut negative = sample_line(Scale::Log);
    negative.curves[0].points[0].0 = -1.0;
    assert!(matches!(
        line_plot(&dir.join("n.png"), &negative),
        Err(PlotError::Data(_))
    ));
    let empty = LinePlot {
        curves: vec![],
        ..sample_line(Scale::Linear)
    };
    assert!(matches!(
        line_plot(&dir.join("e.svg"), &empty),
        Err(PlotError::Data(_))
    ));
}

#[test]
fn sparse_and_discrete_curves_get_markers_and_one_origin_label() {
    let dir = out_dir("markers");
    let curve = |points: Vec<(f64, f64)>| LinePlot {
        curves: vec![Curve {
            label: "N".into(),
            points,
        }],
        ..sample_line(Scale::Linear)
    };
    // N = 0..8 and W from 0: markers, and the corner's "0" written once (by the x axis)
    let discrete = curve((0..=8).map(|n| (n as f64, n as f64 / 10.0)).collect());
    line_plot(&dir.join("n.svg"), &discrete).unwrap();
    let svg = std::fs::read_to_string(dir.join("n.svg")).unwrap();
    assert!(
        svg.matches("<circle").count() >= 9,
        "a marker on each of the 9 points"
    );
    let zeros = svg
        .split("</text>")
        .filter(|t| t.rsplit('>').next().map(str::trim) == Some("0"))
        .count();
    assert_eq!(zeros, 1, "one 0 at the origin");
    // 101 points of a continuous parameter: a line only
    line_plot(&dir.join("line.svg"), &sample_line(Scale::Linear)).unwrap();
    let svg = std::fs::read_to_string(dir.join("line.svg")).unwrap();
    // (the legend entries carry an empty dot of radius 0, one per curve)
    assert!(svg.matches("<circle").count() <= 4, "no markers");
    assert!(line::has_markers(&[(2.0, 0.0), (3.0, 0.0)]));
    let dense: Vec<(f64, f64)> = (0..100).map(|i| (i as f64 * 0.1, 0.0)).collect();
    assert!(!line::has_markers(&dense));
    let whole: Vec<(f64, f64)> = (1..=100).map(|i| (i as f64, 0.0)).collect();
    assert!(line::has_markers(&whole));
}
