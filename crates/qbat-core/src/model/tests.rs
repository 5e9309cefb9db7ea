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
