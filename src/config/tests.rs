//! Unit tests of the model options: file parsing, flag overrides, `set_key`, messages.

use std::path::Path;

use qbat_core::{Dissipation, InitialState, Method, PerQubit, Topology};

use super::*;

fn file(text: &str) -> Result<RunConfig, ConfigError> {
    resolve(Some((Path::new("model.toml"), text)), &[])
}

fn flags(pairs: &[(&'static str, &str)]) -> Result<RunConfig, ConfigError> {
    let pairs: Vec<_> = pairs.iter().map(|&(k, v)| (k, KeyValue::from(v))).collect();
    resolve(None, &pairs)
}

#[test]
fn empty_input_leaves_defaults_to_the_library() {
    assert_eq!(flags(&[]).unwrap(), RunConfig::default());
    assert_eq!(file("").unwrap(), RunConfig::default());
}

#[test]
fn file_keys_are_parsed() {
    let c = file(
        "n = 4\ntopology = \"chain\"\nomega0 = [10, 10, 11, 12.5]\ncoupling = 0.5\n\
         dissipation = \"collective\"\nstatistics = \"bose\"\nomega = 2\ngamma = 0.3\n\
         temperature = 0\nmu = -1\ninitial = \"mixed\"\nmethod = \"full\"\n",
    )
    .unwrap();
    let s = &c.spec;
    assert_eq!(s.n, Some(4));
    assert_eq!(s.topology, Some(Topology::Chain));
    assert_eq!(s.omega0, Some(PerQubit::List(vec![10.0, 10.0, 11.0, 12.5])));
    assert_eq!(s.coupling, Some(0.5));
    assert_eq!(s.dissipation, Some(Dissipation::Collective));
    assert_eq!(s.omega, Some(2.0));
    assert_eq!(s.gamma, Some(PerQubit::Uniform(0.3)));
    assert_eq!(s.temperature, Some(PerQubit::Uniform(0.0)));
    assert_eq!(s.mu, Some(PerQubit::Uniform(-1.0)));
    assert_eq!(c.options.initial, InitialState::Mixed);
    assert_eq!(c.options.method, Method::Full);
}

#[test]
fn flags_override_the_file() {
    let pairs = [
        ("mu", KeyValue::from("0.5,2,2")),
        ("n", KeyValue::from("3")),
    ];
    let c = resolve(
        Some((Path::new("m.toml"), "n = 5\nmu = 1\ndmu = 3")),
        &pairs,
    )
    .unwrap();
    assert_eq!(c.spec.n, Some(3));
    assert_eq!(c.spec.mu, Some(PerQubit::List(vec![0.5, 2.0, 2.0])));
    assert_eq!(c.spec.dmu, Some(3.0));
}

#[test]
fn edges_imply_custom_and_conflict_with_other_topologies() {
    let c = flags(&[("edges", "0-1, 1-2")]).unwrap();
    assert_eq!(
        c.spec.topology,
        Some(Topology::Custom(vec![(0, 1), (1, 2)]))
    );
    let c = file("topology = \"custom\"\nedges = [[0, 2], [1, 2]]").unwrap();
    assert_eq!(
        c.spec.topology,
        Some(Topology::Custom(vec![(0, 2), (1, 2)]))
    );
    let e = file("topology = \"ring\"\nedges = [[0, 1]]").unwrap_err();
    assert!(e.to_string().contains("topology"), "{e}");
    let e = flags(&[("topology", "custom")]).unwrap_err();
    assert!(e.to_string().starts_with("invalid edges"), "{e}");
    // a later layer may switch back to a named topology
    let pairs = [("topology", KeyValue::from("star"))];
    let c = resolve(Some((Path::new("m.toml"), "edges = [[0, 1]]")), &pairs).unwrap();
    assert_eq!(c.spec.topology, Some(Topology::Star));
}

#[test]
fn set_key_takes_numbers_and_text() {
    let mut c = RunConfig::default();
    set_key(&mut c, "coupling", 2.5).unwrap();
    set_key(&mut c, "temperature", "1,2,3").unwrap();
    set_key(&mut c, "omega0", "[7]").unwrap();
    set_key(&mut c, "n", 4.0).unwrap();
    set_key(&mut c, "dissipation", "collective").unwrap();
    assert_eq!(c.spec.coupling, Some(2.5));
    assert_eq!(
        c.spec.temperature,
        Some(PerQubit::List(vec![1.0, 2.0, 3.0]))
    );
    assert_eq!(c.spec.omega0, Some(PerQubit::List(vec![7.0])));
    assert_eq!(c.spec.n, Some(4));
    assert_eq!(c.spec.dissipation, Some(Dissipation::Collective));
}

#[test]
fn bad_values_name_key_and_value() {
    let cases: &[(&str, KeyValue, &str)] = &[
        ("n", "0".into(), "invalid n = \"0\""),
        ("n", 2.5.into(), "invalid n = 2.5"),
        ("n", "-1".into(), "invalid n = \"-1\""),
        ("omega0", "abc".into(), "invalid omega0 = \"abc\""),
        ("omega0", "1,,2".into(), "invalid omega0 = \"1,,2\""),
        (
            "gamma",
            "nan".into(),
            "invalid gamma = \"nan\": must be a finite number",
        ),
        ("mu", f64::INFINITY.into(), "invalid mu = inf"),
        ("coupling", "1,2".into(), "invalid coupling = \"1,2\""),
        (
            "topology",
            "tree".into(),
            "invalid topology = \"tree\": expected one of star",
        ),
        ("statistics", "boltzmann".into(), "invalid statistics"),
        ("method", "lu".into(), "invalid method"),
        ("initial", "up".into(), "invalid initial"),
        ("edges", "0-x".into(), "invalid edges = \"0-x\""),
        ("edges", "0,1".into(), "invalid edges"),
        ("edges", "-1-2".into(), "invalid edges"),
    ];
    for (key, value, expected) in cases {
        let mut c = RunConfig::default();
        let e = set_key(&mut c, key, value.clone()).unwrap_err().to_string();
        assert!(e.starts_with(expected), "{key}: {e}");
        assert!(!e.contains('\n'));
    }
    let e = set_key(&mut RunConfig::default(), "omega_0", 1.0).unwrap_err();
    assert!(e.to_string().contains("\"omega_0\""), "{e}");
}

#[test]
fn bad_files_are_reported_on_one_line() {
    let e = file("n = 3\nfoo = 1").unwrap_err().to_string();
    assert!(e.starts_with("unknown key \"foo\" in model.toml"), "{e}");
    let e = file("n = 3\nomega0 = \n").unwrap_err().to_string();
    assert!(
        e.starts_with("config file model.toml: malformed TOML at line 2"),
        "{e}"
    );
    assert!(!e.contains('\n'), "{e}");
    let e = file("temperature = [1, \"a\", 2]").unwrap_err().to_string();
    assert!(e.starts_with("invalid temperature = [1, \"a\", 2]"), "{e}");
    let e = file("gamma = true").unwrap_err().to_string();
    assert!(e.starts_with("invalid gamma = true"), "{e}");
    let e = file("omega = nan").unwrap_err().to_string();
    assert!(e.starts_with("invalid omega = NaN"), "{e}");
    let e = file("edges = [[0, 1, 2]]").unwrap_err().to_string();
    assert!(e.starts_with("invalid edges"), "{e}");
    let e = load(&ModelArgs {
        config: Some("/nonexistent/qbat.toml".into()),
        ..ModelArgs::default()
    })
    .unwrap_err()
    .to_string();
    assert!(
        e.starts_with("config file /nonexistent/qbat.toml: cannot read it"),
        "{e}"
    );
}

#[test]
fn every_registry_key_is_a_file_key_and_a_flag() {
    let samples = [
        ("n", "3"),
        ("topology", "\"ring\""),
        ("edges", "[[0, 1]]"),
        ("omega0", "10"),
        ("coupling", "1"),
        ("dissipation", "\"collective\""),
        ("statistics", "\"bose\""),
        ("omega", "2"),
        ("gamma", "1"),
        ("temperature", "1"),
        ("mu", "1"),
        ("dmu", "1"),
        ("initial", "\"mixed\""),
        ("method", "\"full\""),
        ("solver", "\"krylov\""),
    ];
    assert_eq!(samples.map(|(key, _)| key).to_vec(), key_names());
    for (key, value) in samples {
        file(&format!("{key} = {value}")).unwrap_or_else(|e| panic!("{key}: {e}"));
    }
    let command = ModelArgs::augment_args(clap::Command::new("qbat"));
    for key in KEYS {
        assert!(
            command.get_arguments().any(|a| a.get_id() == key.name),
            "--{} missing",
            key.name
        );
    }
    let matches = command
        .try_get_matches_from(["qbat", "--mu", "-1", "-T", "0.5", "--n", "4", "-J", "2"])
        .unwrap();
    let args = ModelArgs::from_arg_matches(&matches).unwrap();
    assert_eq!(
        args.overrides(),
        [
            ("n", KeyValue::from("4")),
            ("coupling", KeyValue::from("2")),
            ("temperature", KeyValue::from("0.5")),
            ("mu", KeyValue::from("-1")),
        ]
    );
    assert_eq!(
        numeric_keys(),
        [
            "n",
            "omega0",
            "coupling",
            "omega",
            "gamma",
            "temperature",
            "mu",
            "dmu"
        ]
    );
}

#[test]
fn unknown_file_keys_are_rejected_by_serde_naming_the_key() {
    let e = file("n = 3\ntemprature = 1\nfoo = 2").unwrap_err();
    assert_eq!(
        e,
        ConfigError::UnknownKey {
            key: "temprature".into(),
            origin: "model.toml".into(),
        }
    );
    let message = e.to_string();
    assert!(
        message.contains("(known keys: n, topology, edges, omega0,"),
        "{message}"
    );
    // a key of the right name in a nested table is still unknown at the top level
    let e = file("[model]\nn = 3").unwrap_err();
    assert!(e.to_string().starts_with("unknown key \"model\""), "{e}");
}

#[test]
fn a_table_value_is_named_on_one_line() {
    // found by the model_file fuzzer (bench/results/fuzz.md): a dotted key makes `n` a table
    // whose value held a multi-line string, printed verbatim in the message
    let text = "n. 555___n____ = '''gam__=  3ma\r\n '''";
    let message = file(text).unwrap_err().to_string();
    assert!(
        !message.contains('\n') && !message.contains('\r'),
        "{message}"
    );
    assert!(message.starts_with("invalid n = {"), "{message}");
    assert!(
        message.ends_with("a table is not a valid value here"),
        "{message}"
    );
    let long = format!("n = {{ a = \"{}\" }}", "x".repeat(200));
    let message = file(&long).unwrap_err().to_string();
    assert!(message.contains("...") && message.len() < 150, "{message}");
}
