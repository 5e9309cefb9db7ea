//! The paper's Figs. 2-6: models and grids (Kamin, Salimi, Arjmandi, PRA 109, 022226 (2024)).
//!
//! Common parameters (paper, caption of Fig. 2): omega0 = 10, omega = J = gamma = 1, unless
//! varied. Default grids have at least 101 points a curve and coincide with the QuTiP
//! reference tables (tests/data/reference/figK.csv): steps of 0.1 in mu and dmu, 0.05 in J and T.

use qbat_core::{Dissipation, Model, ModelSpec, PerQubit};

use crate::config::RunConfig;

use crate::plot::Scale;
use crate::sweep::axis::{linspace, Axis};
use crate::sweep::grid::Grid;

/// One of the paper's figures, as a sweep.
#[derive(Clone, Debug)]
pub struct PaperFigure {
    /// File stem, `fig2` ... `fig6`.
    pub name: &'static str,
    /// The paper's caption, abridged.
    pub caption: &'static str,
    /// The fixed model, every parameter the figure does not vary written out (default solver
    /// options: ground initial state, automatic method).
    pub base: RunConfig,
    /// The swept axes (x, then the optional series).
    pub grid: Grid,
}

fn axis(key: &str, values: Vec<f64>) -> Axis {
    Axis {
        key: key.into(),
        values: values.into(),
        scale: Scale::Linear,
    }
}

impl PaperFigure {
    /// The figure's base model, validated (its parameters as the claims read them).
    ///
    /// # Panics
    /// Never for the figures of [`paper_figures`], whose bases are valid models.
    pub fn model(&self) -> Model {
        Model::new(&self.base.spec).expect("the paper's figures have valid base models")
    }
}

/// The parameters the paper's figures share (caption of Fig. 2), written out: N = 3,
/// omega0 = 10, omega = J = gamma = T = 1, with `dissipation`. Each figure states the rest.
pub(super) fn common(dissipation: Dissipation) -> ModelSpec {
    ModelSpec {
        n: Some(3),
        omega0: Some(PerQubit::Uniform(10.0)),
        omega: Some(1.0),
        coupling: Some(1.0),
        gamma: Some(PerQubit::Uniform(1.0)),
        temperature: Some(PerQubit::Uniform(1.0)),
        dissipation: Some(dissipation),
        ..ModelSpec::default()
    }
}

/// Figs. 2-6 with `points` points a curve (default: 101, and 201 / 200 for Figs. 4 / 5 so the
/// grids match the reference tables' steps of 0.05).
pub fn paper_figures(points: Option<usize>) -> Vec<PaperFigure> {
    let pts = |default: usize| points.unwrap_or(default);
    let figure = |name, caption, spec: ModelSpec, x: Axis, series: Option<Axis>| PaperFigure {
        name,
        caption,
        base: RunConfig {
            spec,
            ..RunConfig::default()
        },
        grid: Grid::new(vec![x], series).expect("distinct keys"),
    };
    vec![
        figure(
            "fig2",
            "Equilibrium (collective reservoir), N = 3: W against mu for T in {0.5, 1, 2, 5}",
            common(Dissipation::Collective),
            axis("mu", linspace(0.0, 10.0, pts(101))),
            Some(axis("temperature", vec![0.5, 1.0, 2.0, 5.0])),
        ),
        figure(
            "fig3",
            "Nonequilibrium (individual reservoirs), N = 3, T = 1: W against dmu for mu_1 in {0, 1, 2, 4, 8}",
            common(Dissipation::Individual),
            axis("dmu", linspace(0.0, 10.0, pts(101))),
            Some(axis("mu", vec![0.0, 1.0, 2.0, 4.0, 8.0])),
        ),
        figure(
            "fig4",
            "Nonequilibrium, N = 3, mu = 1, dmu = 2, T = 1: W against J",
            ModelSpec {
                mu: Some(PerQubit::Uniform(1.0)),
                dmu: Some(2.0),
                ..common(Dissipation::Individual)
            },
            axis("coupling", linspace(0.0, 10.0, pts(201))),
            None,
        ),
        figure(
            "fig5",
            "Nonequilibrium, N = 3, mu = 1, dmu = 2, J = 1: W against T",
            ModelSpec {
                mu: Some(PerQubit::Uniform(1.0)),
                dmu: Some(2.0),
                ..common(Dissipation::Individual)
            },
            axis("temperature", linspace(0.05, 10.0, pts(200))),
            None,
        ),
        figure(
            "fig6",
            "Nonequilibrium, mu = 0, T = 1: W against dmu for N in {2, 3, 4, 5, 6}",
            ModelSpec {
                mu: Some(PerQubit::Uniform(0.0)),
                ..common(Dissipation::Individual)
            },
            axis("dmu", linspace(0.0, 10.0, pts(101))),
            Some(axis("n", vec![2.0, 3.0, 4.0, 5.0, 6.0])),
        ),
    ]
}
