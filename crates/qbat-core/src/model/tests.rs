use super::*;

#[test]
fn defaults_are_the_papers_fig4_point() {
    let m = Model::new(&ModelSpec::default()).unwrap();
    assert_eq!(m.n, 3);
    assert_eq!(m.edges, vec![(0, 1), (0, 2)]);
    assert_eq!(m.omega0, vec![10.0; 3]);
    assert_eq!(m.dissipation, Dissipation::Individual);
    // mu = 1 for the battery, mu + dmu = 3 for the ancillas (paper, Fig. 4 caption)
    let mus: Vec<f64> = m.reservoirs.iter().map(|r| r.mu).collect();
    assert_eq!(mus, vec![1.0, 3.0, 3.0]);
    assert!(m.has_identical_ancillas());
}

#[test]
fn bad_values_name_the_field() {
    let cases: Vec<(ModelSpec, &str)> = vec![
        (
            ModelSpec {
                n: Some(0),
                ..Default::default()
            },
            "n",
        ),
        (
            ModelSpec {
                coupling: Some(f64::NAN),
                ..Default::default()
            },
            "coupling",
        ),
        (
            ModelSpec {
                gamma: Some(0.0.into()),
                ..Default::default()
            },
            "gamma[0]",
        ),
        (
            ModelSpec {
                temperature: Some(vec![1.0, -1.0, 1.0].into()),
                ..Default::default()
            },
            "temperature[1]",
        ),
        (
            ModelSpec {
                mu: Some(vec![1.0, 2.0].into()),
                ..Default::default()
            },
            "mu",
        ),
        (
            ModelSpec {
                dissipation: Some(Dissipation::Collective),
                dmu: Some(1.0),
                ..Default::default()
            },
            "dmu",
        ),
        (
            ModelSpec {
                topology: Some(Topology::Custom(vec![(0, 5)])),
                ..Default::default()
            },
            "edges",
        ),
    ];
    for (spec, field) in cases {
        match Model::new(&spec) {
            Err(ModelError::Invalid { field: f, .. }) => assert_eq!(f, field),
            other => panic!("expected an error on {field}, got {other:?}"),
        }
    }
}

#[test]
fn topologies() {
    assert_eq!(
        Topology::Ring.edges(4).unwrap(),
        vec![(0, 1), (0, 3), (1, 2), (2, 3)]
    );
    assert_eq!(
        Topology::Complete.edges(3).unwrap(),
        vec![(0, 1), (0, 2), (1, 2)]
    );
    assert_eq!(Topology::Chain.edges(1).unwrap(), vec![]);
    assert!(Topology::Custom(vec![(0, 1), (1, 0)]).edges(2).is_err());
}

#[test]
fn omega0_must_be_positive() {
    for (omega0, field) in [
        (PerQubit::Uniform(0.0), "omega0[0]"),
        (PerQubit::List(vec![10.0, 10.0, -1.0]), "omega0[2]"),
    ] {
        let spec = ModelSpec {
            omega0: Some(omega0),
            ..Default::default()
        };
        match Model::new(&spec) {
            Err(ModelError::Invalid { field: f, .. }) => assert_eq!(f, field),
            other => panic!("expected an error on {field}, got {other:?}"),
        }
    }
}

#[test]
fn dmu_beside_a_mu_list() {
    let spec = |dmu| ModelSpec {
        mu: Some(vec![1.0, 2.0, 3.0].into()),
        dmu,
        ..Default::default()
    };
    // a nonzero bias on top of explicit per-qubit values is refused (it was added silently)
    match Model::new(&spec(Some(2.0))) {
        Err(ModelError::Invalid { field, .. }) => assert_eq!(field, "dmu"),
        other => panic!("expected an error on dmu, got {other:?}"),
    }
    // no dmu, or dmu = 0, leaves the list as given
    for dmu in [None, Some(0.0)] {
        let mus: Vec<f64> = Model::new(&spec(dmu))
            .unwrap()
            .reservoirs
            .iter()
            .map(|r| r.mu)
            .collect();
        assert_eq!(mus, [1.0, 2.0, 3.0]);
    }
}

#[test]
fn scales_further_apart_than_the_limit_are_refused() {
    let refused = |spec: ModelSpec, small: &str, large: &str| match Model::new(&spec) {
        Err(ModelError::ScalesTooFarApart {
            small_field,
            large_field,
            ratio,
            ..
        }) => {
            assert_eq!((small_field.as_str(), large_field.as_str()), (small, large));
            assert!(ratio > MAX_SCALE_RATIO);
        }
        other => panic!("expected ScalesTooFarApart, got {other:?}"),
    };
    refused(
        ModelSpec {
            gamma: Some(1e-300.into()),
            ..Default::default()
        },
        "gamma[0]",
        "omega0[0]",
    );
    refused(
        ModelSpec {
            coupling: Some(-1e300),
            ..Default::default()
        },
        "gamma[0]",
        "coupling",
    );
    refused(
        ModelSpec {
            dissipation: Some(Dissipation::Collective),
            gamma: Some(1e-12.into()),
            ..Default::default()
        },
        "gamma",
        "omega0[0]",
    );
    // at the limit, and J = 0 or J without edges (n = 1), which sets no scale
    for spec in [
        ModelSpec {
            gamma: Some(1e-11.into()),
            ..Default::default()
        },
        ModelSpec {
            coupling: Some(0.0),
            gamma: Some(1e-11.into()),
            ..Default::default()
        },
        ModelSpec {
            n: Some(1),
            coupling: Some(1e300),
            ..Default::default()
        },
    ] {
        assert!(Model::new(&spec).is_ok(), "{spec:?}");
    }
    let message = Model::new(&ModelSpec {
        gamma: Some(1e-300.into()),
        ..Default::default()
    })
    .unwrap_err()
    .to_string();
    assert!(message.contains("gamma[0] = 1e-300") && message.contains("orders of magnitude"));
}

#[test]
fn disconnected_qubits_of_a_custom_graph() {
    let model = |n, edges: &[(usize, usize)]| {
        Model::new(&ModelSpec {
            n: Some(n),
            topology: Some(Topology::Custom(edges.to_vec())),
            ..Default::default()
        })
        .unwrap()
    };
    assert_eq!(model(4, &[(0, 1), (2, 3)]).disconnected_qubits(), [2, 3]);
    assert_eq!(
        model(4, &[(0, 3), (2, 3), (1, 2)]).disconnected_qubits(),
        []
    );
    assert_eq!(model(3, &[]).disconnected_qubits(), [1, 2]);
    assert!(paper_star(5, Dissipation::Individual)
        .disconnected_qubits()
        .is_empty());
}
