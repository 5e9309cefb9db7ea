//! The symmetric (Dicke-basis) solver against QuTiP 5.3.1 reference data, shared/reference
//! (`points-dev.json`): every star point whose ancillas are identical, both dissipation types.

use qbat_core::{
    battery_observables, steady_state, Dissipation, InitialState, Method, Model, ModelSpec,
    PerQubit, SolveError, Statistics, SteadyOptions, Topology,
};

/// One point of points-dev.json: model, then QuTiP's W, battery excited population,
/// tr(rho H_S) and kernel dimension.
struct Point {
    id: usize,
    n: usize,
    dissipation: Dissipation,
    omega0: f64,
    coupling: f64,
    omega: f64,
    gamma: f64,
    temperature: Vec<f64>,
    mu: Vec<f64>,
    w: f64,
    excited: f64,
    energy: f64,
    kernel_dim: usize,
}

#[rustfmt::skip]
fn points() -> Vec<Point> {
    use Dissipation::{Collective as C, Individual as I};
    let p = |id, n, dissipation, omega0, coupling, omega, gamma, temperature: &[f64], mu: &[f64],
             w, excited, energy, kernel_dim| Point {
        id, n, dissipation, omega0, coupling, omega, gamma,
        temperature: temperature.to_vec(), mu: mu.to_vec(), w, excited, energy, kernel_dim,
    };
    // QuTiP 5.3.1 reference data, shared/reference (points-dev.json, ids as there)
    vec![
        p(0, 1, C, 10.0, 1.0, 1.0, 1.0, &[1.0], &[2.5],
          0.635148952387287, 0.8175744761936434, 6.3514895238728695, 1),
        p(1, 2, C, 10.0, 1.0, 1.0, 1.0, &[1.0], &[3.0],
          0.850937092220868, 0.925468546110434, 17.136052272243557, 2),
        p(3, 3, C, 10.0, 1.0, 1.0, 1.0, &[1.0], &[3.0],
          0.7615941559557659, 0.8807970779778831, 24.634683403975036, 2),
        p(7, 4, C, 10.0, 0.4, 1.0, 1.0, &[0.8], &[2.2],
          0.6351489523872889, 0.8175744761936445, 30.805944120643108, 9),
        p(12, 1, I, 10.0, 1.0, 1.0, 1.0, &[0.8], &[2.0],
          0.5545997223493819, 0.777299861174691, 5.545997223493819, 1),
        p(13, 2, I, 10.0, 1.0, 1.0, 1.0, &[1.0, 1.0], &[0.0, 5.0],
          0.10834073767432076, 0.5541703688371604, 5.019104228158069, 1),
        p(14, 3, I, 10.0, 1.0, 1.0, 1.0, &[1.0; 3], &[1.0, 3.0, 3.0],
          0.38079707797788265, 0.6903985389889414, 15.231883119115299, 1),
        p(18, 3, I, 10.0, 1.0, 1.0, 1.0, &[0.05; 3], &[1.0, 3.0, 3.0],
          0.5000000000000002, 0.7500000000000001, 20.000000000000014, 1),
        p(21, 6, I, 10.0, 1.0, 1.0, 1.0, &[1.0; 6], &[0.0, 2.5, 2.5, 2.5, 2.5, 2.5],
          0.24367532907466116, 0.6218376645373302, 27.136276046764312, 1),
    ]
}

fn model(p: &Point) -> Model {
    let list = |v: &[f64]| {
        if p.dissipation == Dissipation::Collective {
            PerQubit::Uniform(v[0])
        } else {
            PerQubit::List(v.to_vec())
        }
    };
    Model::new(&ModelSpec {
        n: Some(p.n),
        topology: Some(Topology::Star),
        omega0: Some(PerQubit::Uniform(p.omega0)),
        coupling: Some(p.coupling),
        dissipation: Some(p.dissipation),
        statistics: Some(Statistics::Fermi),
        omega: Some(p.omega),
        gamma: Some(PerQubit::Uniform(p.gamma)),
        temperature: Some(list(&p.temperature)),
        mu: Some(list(&p.mu)),
        dmu: None,
    })
    .unwrap()
}

fn symmetric() -> SteadyOptions {
    SteadyOptions {
        method: Method::Symmetric,
        initial: InitialState::Ground,
        ..SteadyOptions::default()
    }
}

#[test]
fn agrees_with_qutip_reference_points() {
    for p in points() {
        let m = model(&p);
        let s = steady_state(&m, &symmetric()).unwrap();
        let obs = battery_observables(&s.rho_battery, p.omega0);
        let id = p.id;
        assert!(
            (obs.w - p.w).abs() < 1e-9,
            "id {id}: W {} vs {}",
            obs.w,
            p.w
        );
        assert!((s.rho_battery[0][0].re - p.excited).abs() < 1e-9, "id {id}");
        assert!(
            (s.rho_battery[1][1].re - (1.0 - p.excited)).abs() < 1e-9,
            "id {id}"
        );
        assert_eq!(s.rho_battery[0][1].norm(), 0.0, "id {id}");
        assert_eq!(s.excited_populations[0], s.rho_battery[0][0].re, "id {id}");
        assert!(
            (s.energy_total - p.energy).abs() < 1e-9 * p.energy.abs(),
            "id {id}: E {} vs {}",
            s.energy_total,
            p.energy
        );
        assert_eq!(s.diagnostics.kernel_dim, Some(p.kernel_dim), "id {id}");
        assert_eq!(s.diagnostics.method, Method::Symmetric);
        assert!(
            s.diagnostics.residual < 1e-12,
            "id {id}: residual {}",
            s.diagnostics.residual
        );
        assert!(s.diagnostics.min_eigenvalue > -1e-14, "id {id}");
        assert!(s.diagnostics.trace_error < 1e-14, "id {id}");
    }
}

/// Points 24 and 27 of the same file have distinct ancillas: the method must refuse them.
#[test]
fn refuses_distinct_ancillas() {
    let spec = ModelSpec {
        n: Some(3),
        temperature: Some(PerQubit::List(vec![1.483, 1.205, 1.25])),
        mu: Some(PerQubit::List(vec![1.396, 3.272, 2.255])),
        ..Default::default()
    };
    let err = steady_state(&Model::new(&spec).unwrap(), &symmetric()).unwrap_err();
    assert!(
        matches!(
            err,
            SolveError::NotApplicable {
                method: Method::Symmetric,
                ..
            }
        ),
        "{err}"
    );
    let chain = ModelSpec {
        n: Some(4),
        topology: Some(Topology::Chain),
        ..Default::default()
    };
    let err = steady_state(&Model::new(&chain).unwrap(), &symmetric()).unwrap_err();
    assert!(err.to_string().contains("star"), "{err}");
}
