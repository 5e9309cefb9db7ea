//! The public API as a user outside the crate sees it: names that parse and print as on the
//! command line, typed parse errors, the model's getters and the options' builders.

use qbat_core::{
    Dissipation, EvolveOptions, InitialState, Integrator, Method, Model, ModelSpec, ParseNameError,
    PerQubit, Statistics, SteadyOptions, Topology, DEFAULT_MEMORY_LIMIT_BYTES,
};
use std::fmt::Display;
use std::str::FromStr;

fn round_trip<T>(names: &[&str])
where
    T: FromStr<Err = ParseNameError> + Display + PartialEq + std::fmt::Debug,
{
    for &name in names {
        let value: T = name.parse().unwrap();
        assert_eq!(value.to_string(), name);
        assert_eq!(value.to_string().parse::<T>().unwrap(), value);
    }
}

#[test]
fn choice_names_round_trip() {
    round_trip::<Topology>(&["star", "chain", "ring", "complete"]);
    round_trip::<Statistics>(&["fermi", "bose"]);
    round_trip::<Dissipation>(&["individual", "collective"]);
    round_trip::<InitialState>(&["ground", "excited", "mixed"]);
    round_trip::<Method>(&["auto", "full", "sector", "symmetric"]);
    round_trip::<Integrator>(&["auto", "polynomial", "rational"]);
    assert_eq!(Topology::Custom(vec![(0, 1)]).to_string(), "custom");
}

#[test]
fn bad_names_are_typed_errors() {
    let e = "bosonic".parse::<Statistics>().unwrap_err();
    assert_eq!(e.kind(), "statistics");
    assert_eq!(e.value(), "bosonic");
    assert_eq!(e.accepted(), ["fermi", "bose"]);
    assert_eq!(
        e.to_string(),
        r#"unknown statistics "bosonic": expected one of fermi, bose"#
    );
    let e = "custom".parse::<Topology>().unwrap_err();
    assert_eq!((e.kind(), e.value()), ("topology", "custom"));
    assert!(e.to_string().contains("needs an edge list"), "{e}");
    for (kind, err) in [
        ("dissipation", "".parse::<Dissipation>().unwrap_err()),
        ("initial", "Ground".parse::<InitialState>().unwrap_err()),
        ("method", "dicke".parse::<Method>().unwrap_err()),
        ("integrator", "rk4".parse::<Integrator>().unwrap_err()),
    ] {
        assert_eq!(err.kind(), kind);
        let message = err.to_string();
        for name in err.accepted() {
            assert!(message.contains(name), "{message}");
        }
    }
}

#[test]
fn model_getters_show_the_resolved_model() {
    let model = Model::new(&ModelSpec {
        n: Some(4),
        topology: Some(Topology::Chain),
        omega0: Some(PerQubit::List(vec![10.0, 9.0, 9.0, 8.0])),
        coupling: Some(0.5),
        dissipation: Some(Dissipation::Individual),
        statistics: Some(Statistics::Bose),
        omega: Some(5.0),
        gamma: Some(PerQubit::Uniform(2.0)),
        temperature: Some(PerQubit::List(vec![1.0, 2.0, 3.0, 4.0])),
        mu: Some(PerQubit::Uniform(1.0)),
        dmu: Some(0.5),
    })
    .unwrap();
    assert_eq!(model.n(), 4);
    assert_eq!(model.topology(), &Topology::Chain);
    assert_eq!(model.edges(), [(0, 1), (1, 2), (2, 3)]);
    assert_eq!(model.omega0(), [10.0, 9.0, 9.0, 8.0]);
    assert_eq!(model.coupling(), 0.5);
    assert_eq!(model.dissipation(), Dissipation::Individual);
    assert_eq!(model.statistics(), Statistics::Bose);
    assert_eq!(model.omega(), 5.0);
    let reservoirs = model.reservoirs();
    assert_eq!(reservoirs.len(), 4);
    assert_eq!(reservoirs[0].mu, 1.0);
    assert_eq!(reservoirs[3].mu, 1.5);
    assert_eq!(reservoirs[2].temperature, 3.0);
    assert!(reservoirs.iter().all(|r| r.gamma == 2.0));
    // Bose-Einstein at omega = 5, mu = 1, T = 1: 1 / (e^4 - 1)
    assert!((reservoirs[0].occupation - 1.0 / (4f64.exp() - 1.0)).abs() < 1e-15);

    let collective = Model::new(&ModelSpec {
        dissipation: Some(Dissipation::Collective),
        ..Default::default()
    })
    .unwrap();
    assert_eq!(collective.reservoirs().len(), 1);
    assert_eq!(collective.edges(), [(0, 1), (0, 2)]);
}

#[test]
fn builders_set_one_field_each() {
    let steady = SteadyOptions::default()
        .with_method(Method::Sector)
        .with_initial(InitialState::Mixed)
        .with_memory_limit(1 << 30);
    assert_eq!(steady.method, Method::Sector);
    assert_eq!(steady.initial, InitialState::Mixed);
    assert_eq!(steady.memory_limit(), 1 << 30);
    assert_eq!(
        SteadyOptions::default().memory_limit(),
        DEFAULT_MEMORY_LIMIT_BYTES
    );

    let evolve = EvolveOptions::default()
        .with_times(vec![0.0, 1.0])
        .with_method(Method::Symmetric)
        .with_initial(InitialState::Excited)
        .with_integrator(Integrator::Polynomial)
        .with_tolerance(1e-12)
        .with_fraction(0.5)
        .with_gap(false)
        .with_memory_limit(1 << 20);
    let mut expected = EvolveOptions::default();
    expected.times = vec![0.0, 1.0];
    expected.method = Method::Symmetric;
    expected.initial = InitialState::Excited;
    expected.integrator = Integrator::Polynomial;
    expected.tolerance = 1e-12;
    expected.fraction = 0.5;
    expected.gap = false;
    expected.memory_limit_bytes = Some(1 << 20);
    assert_eq!(evolve, expected);
}
