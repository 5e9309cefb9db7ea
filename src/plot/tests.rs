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
