//! Model options shared by every subcommand: a TOML model file and command-line flags.
//!
//! Every key has one name, used in the file, as the flag (`--NAME`) and by [`set_key`]:
//!
//! | key | value | default |
//! |---|---|---|
//! | `n` | number of qubits (battery included) | 3 |
//! | `topology` | `star`, `chain`, `ring`, `complete`, `custom` | `star` |
//! | `edges` | TOML `[[0, 1], [1, 2]]`, flag `0-1,1-2`; implies `custom` | - |
//! | `omega0` | number, or n numbers (TOML array, flag `10,10,12`) | 10 |
//! | `coupling` (flag alias `-J`) | number | 1 |
//! | `dissipation` | `individual`, `collective` | `individual` |
//! | `statistics` | `fermi`, `bose` | `fermi` |
//! | `omega` | bath frequency | 1 |
//! | `gamma`, `temperature` (alias `-T`), `mu` | number, or n numbers (individual only) | 1, 1, 1 |
//! | `dmu` | ancilla bias, `mu_i = mu + dmu` for `i >= 1` (individual only) | 2 |
//! | `initial` | `ground`, `excited`, `mixed` | `ground` |
//! | `method` | `auto`, `full`, `sector`, `symmetric` | `auto` |
//!
//! Flags override the file; keys left unset take the defaults of [`qbat_core::Model::new`].
//! Every error names the key and the value ([`ConfigError`]).

use std::fmt;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use clap::Args;
use qbat_core::{
    Dissipation, InitialState, Method, ModelSpec, ParseNameError, PerQubit, Statistics,
    SteadyOptions, Topology,
};

/// Every model key, in the order a layer of settings is applied (`topology` before `edges`,
/// so that `edges` can complete a `custom` topology).
pub const KEYS: [&str; 14] = [
    "n",
    "topology",
    "edges",
    "omega0",
    "coupling",
    "dissipation",
    "statistics",
    "omega",
    "gamma",
    "temperature",
    "mu",
    "dmu",
    "initial",
    "method",
];

/// The model flags, shared by every subcommand that solves a model (`#[command(flatten)]`).
/// Values are kept as text and parsed by [`set_key`], so that flag and file errors read alike.
#[derive(Args, Clone, Debug, Default)]
pub struct ModelArgs {
    /// TOML model file (keys as the flags below); flags override it
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Number of qubits, battery included [default: 3]
    #[arg(long = "n", value_name = "N", allow_hyphen_values = true)]
    pub n: Option<String>,
    /// Coupling graph: star, chain, ring, complete, custom [default: star]
    #[arg(long, value_name = "NAME")]
    pub topology: Option<String>,
    /// Edges of a custom graph, e.g. 0-1,1-2 (implies --topology custom)
    #[arg(long, value_name = "A-B,...")]
    pub edges: Option<String>,
    /// Qubit frequency omega0, or one per qubit (10,10,12) [default: 10]
    #[arg(long, value_name = "X[,X...]", allow_hyphen_values = true)]
    pub omega0: Option<String>,
    /// Exchange coupling J [default: 1]
    #[arg(long, short = 'J', value_name = "J", allow_hyphen_values = true)]
    pub coupling: Option<String>,
    /// individual or collective reservoirs [default: individual]
    #[arg(long, value_name = "KIND")]
    pub dissipation: Option<String>,
    /// fermi or bose reservoirs [default: fermi]
    #[arg(long, value_name = "KIND")]
    pub statistics: Option<String>,
    /// Bath frequency at which the occupation is evaluated [default: 1]
    #[arg(long, value_name = "X", allow_hyphen_values = true)]
    pub omega: Option<String>,
    /// Reservoir coupling rate(s) gamma > 0 [default: 1]
    #[arg(long, value_name = "X[,X...]", allow_hyphen_values = true)]
    pub gamma: Option<String>,
    /// Reservoir temperature(s) T >= 0 [default: 1]
    #[arg(long, short = 'T', value_name = "X[,X...]", allow_hyphen_values = true)]
    pub temperature: Option<String>,
    /// Reservoir chemical potential(s) [default: 1]
    #[arg(long, value_name = "X[,X...]", allow_hyphen_values = true)]
    pub mu: Option<String>,
    /// Ancilla bias: mu_i = mu + dmu for i >= 1 (individual only) [default: 2]
    #[arg(long, value_name = "X", allow_hyphen_values = true)]
    pub dmu: Option<String>,
    /// Initial state selecting the long-time state: ground, excited, mixed [default: ground]
    #[arg(long, value_name = "STATE")]
    pub initial: Option<String>,
    /// Solver: auto, full, sector, symmetric [default: auto]
    #[arg(long, value_name = "METHOD")]
    pub method: Option<String>,
}

impl ModelArgs {
    /// The flags that were given, as `(key, text)` pairs in [`KEYS`] order.
    pub fn overrides(&self) -> Vec<(&'static str, KeyValue)> {
        let given = [
            &self.n,
            &self.topology,
            &self.edges,
            &self.omega0,
            &self.coupling,
            &self.dissipation,
            &self.statistics,
            &self.omega,
            &self.gamma,
            &self.temperature,
            &self.mu,
            &self.dmu,
            &self.initial,
            &self.method,
        ];
        KEYS.iter()
            .zip(given)
            .filter_map(|(&key, value)| value.as_ref().map(|v| (key, KeyValue::Text(v.clone()))))
            .collect()
    }
}

/// A model and the solver options, as resolved from a file and flags.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RunConfig {
    /// The model keys (unset keys take the library's defaults).
    pub spec: ModelSpec,
    /// `method` and `initial`.
    pub options: SteadyOptions,
}

/// A value for one key: text (a flag, or a string in a file), a number, or a list.
#[derive(Clone, Debug, PartialEq)]
pub enum KeyValue {
    /// Text as typed on the command line: `3`, `1,2,3`, `star`, `0-1,1-2`.
    Text(String),
    /// A number.
    Number(f64),
    /// A list (a TOML array): numbers for per-qubit keys, pairs for `edges`.
    List(Vec<KeyValue>),
}

impl From<f64> for KeyValue {
    fn from(x: f64) -> Self {
        KeyValue::Number(x)
    }
}

impl From<&str> for KeyValue {
    fn from(s: &str) -> Self {
        KeyValue::Text(s.to_string())
    }
}

impl From<String> for KeyValue {
    fn from(s: String) -> Self {
        KeyValue::Text(s)
    }
}

impl fmt::Display for KeyValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            KeyValue::Text(s) => write!(f, "{s:?}"),
            KeyValue::Number(x) => write!(f, "{x}"),
            KeyValue::List(items) => {
                write!(f, "[")?;
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        write!(f, ", ")?;
                    }
                    write!(f, "{item}")?;
                }
                write!(f, "]")
            }
        }
    }
}

/// A configuration that cannot be used; the message is one line naming the key and value.
#[derive(Clone, Debug, PartialEq)]
pub enum ConfigError {
    /// A key has a value it cannot take.
    Invalid {
        /// The key (as in the file).
        key: String,
        /// The value, printed.
        value: String,
        /// What was expected.
        reason: String,
    },
    /// A key that qbat does not know.
    UnknownKey {
        /// The key as written.
        key: String,
        /// Where it was found.
        origin: String,
    },
    /// The model file could not be read or parsed.
    File {
        /// The path given.
        path: PathBuf,
        /// What went wrong.
        reason: String,
    },
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ConfigError::Invalid { key, value, reason } => {
                write!(f, "invalid {key} = {value}: {reason}")
            }
            ConfigError::UnknownKey { key, origin } => write!(
                f,
                "unknown key {key:?} in {origin} (known keys: {})",
                KEYS.join(", ")
            ),
            ConfigError::File { path, reason } => {
                write!(f, "config file {}: {reason}", path.display())
            }
        }
    }
}

impl std::error::Error for ConfigError {}

fn invalid(key: &str, value: &KeyValue, reason: impl Into<String>) -> ConfigError {
    ConfigError::Invalid {
        key: key.to_string(),
        value: value.to_string(),
        reason: reason.into(),
    }
}

/// Resolves the model from an optional TOML file and the flags (which override the file).
///
/// # Errors
/// [`ConfigError`] for an unreadable or malformed file, an unknown key, or a bad value.
pub fn load(args: &ModelArgs) -> Result<RunConfig, ConfigError> {
    let file = match &args.config {
        Some(path) => Some((path.as_path(), read_file(path)?)),
        None => None,
    };
    resolve(
        file.as_ref().map(|(p, t)| (*p, t.as_str())),
        &args.overrides(),
    )
}

/// Resolves the model from the text of a TOML file (with its path, for messages) and flag
/// overrides `(key, value)`: defaults, then the file, then the flags.
///
/// # Errors
/// As [`load`].
pub fn resolve(
    file: Option<(&Path, &str)>,
    overrides: &[(&str, KeyValue)],
) -> Result<RunConfig, ConfigError> {
    let mut config = RunConfig::default();
    if let Some((path, text)) = file {
        let layer = parse_toml(path, text)?;
        apply_layer(&mut config, &layer)?;
    }
    apply_layer(&mut config, overrides)?;
    Ok(config)
}

fn read_file(path: &Path) -> Result<String, ConfigError> {
    std::fs::read_to_string(path).map_err(|e| ConfigError::File {
        path: path.to_path_buf(),
        reason: format!("cannot read it: {e}"),
    })
}

/// The file's keys as `(key, value)` pairs in [`KEYS`] order; unknown keys are errors.
fn parse_toml<'a>(path: &Path, text: &str) -> Result<Vec<(&'a str, KeyValue)>, ConfigError> {
    let table: toml::Table = text.parse().map_err(|e: toml::de::Error| {
        let line = e
            .span()
            .and_then(|s| text.get(..s.start))
            .map(|before| format!(" at line {}", before.matches('\n').count() + 1))
            .unwrap_or_default();
        ConfigError::File {
            path: path.to_path_buf(),
            reason: format!("malformed TOML{line}: {}", e.message().replace('\n', " ")),
        }
    })?;
    if let Some(key) = table.keys().find(|k| !KEYS.contains(&k.as_str())) {
        return Err(ConfigError::UnknownKey {
            key: key.clone(),
            origin: path.display().to_string(),
        });
    }
    KEYS.iter()
        .filter_map(|&key| table.get(key).map(|v| (key, v)))
        .map(|(key, v)| Ok((key, from_toml(key, v)?)))
        .collect()
}

fn from_toml(key: &str, value: &toml::Value) -> Result<KeyValue, ConfigError> {
    match value {
        toml::Value::String(s) => Ok(KeyValue::Text(s.clone())),
        toml::Value::Integer(i) => Ok(KeyValue::Number(*i as f64)),
        toml::Value::Float(x) => Ok(KeyValue::Number(*x)),
        toml::Value::Array(items) => Ok(KeyValue::List(
            items
                .iter()
                .map(|v| from_toml(key, v))
                .collect::<Result<_, _>>()?,
        )),
        other => Err(ConfigError::Invalid {
            key: key.to_string(),
            value: other.to_string(),
            reason: format!("a {} is not a valid value here", other.type_str()),
        }),
    }
}

/// Applies one layer (a file, or the flags): `edges` with a non-custom `topology` in the same
/// layer is a conflict, and `topology = custom` needs `edges` unless it already has some.
fn apply_layer(config: &mut RunConfig, layer: &[(&str, KeyValue)]) -> Result<(), ConfigError> {
    let find = |k: &str| layer.iter().find(|(key, _)| *key == k).map(|(_, v)| v);
    if let (Some(topology), Some(_)) = (find("topology"), find("edges")) {
        let name = name_of("topology", topology)?;
        if name != "custom" {
            return Err(invalid(
                "topology",
                topology,
                "edges are given, so the topology must be custom (or left out)",
            ));
        }
    }
    for &key in &KEYS {
        if let Some(value) = find(key) {
            set_key(config, key, value.clone())?;
        }
    }
    if let Some(topology) = find("topology") {
        let has_edges = matches!(&config.spec.topology, Some(Topology::Custom(e)) if !e.is_empty());
        if name_of("topology", topology)? == "custom" && find("edges").is_none() && !has_edges {
            return Err(ConfigError::Invalid {
                key: "edges".into(),
                value: "(missing)".into(),
                reason: "topology custom needs an edge list: edges = [[0, 1], [1, 2]] in a file, \
                         --edges 0-1,1-2 as a flag"
                    .into(),
            });
        }
    }
    Ok(())
}

/// Sets ONE key of `config` by its file name (see the [module docs](self) for keys and value
/// forms); the sweep varies keys through this function.
///
/// Numbers may be given as [`KeyValue::Number`] or as text; per-qubit keys (`omega0`,
/// `gamma`, `temperature`, `mu`) take a number or a list (`"1,2,3"` as text); `edges` takes
/// `"0-1,1-2"` or a list of pairs and sets the topology to `custom`; `topology = custom`
/// keeps the current custom edges (an empty list until `edges` is set). Value checks that
/// need other keys (list length against `n`, edge indices) happen in
/// [`qbat_core::Model::new`].
///
/// # Errors
/// [`ConfigError::UnknownKey`] for a key not in [`KEYS`], [`ConfigError::Invalid`] for a value
/// the key cannot take (non-numeric, NaN or infinite, unknown name, negative count...).
pub fn set_key(
    config: &mut RunConfig,
    key: &str,
    value: impl Into<KeyValue>,
) -> Result<(), ConfigError> {
    let value = value.into();
    let spec = &mut config.spec;
    match key {
        "n" => spec.n = Some(count(key, &value)?),
        "topology" => {
            let name = name_of(key, &value)?;
            spec.topology = Some(if name == "custom" {
                match spec.topology.take() {
                    Some(Topology::Custom(edges)) => Topology::Custom(edges),
                    _ => Topology::Custom(Vec::new()),
                }
            } else {
                lookup::<Topology>(key, &value, &["custom"])?
            });
        }
        "edges" => spec.topology = Some(Topology::Custom(edges(key, &value)?)),
        "omega0" => spec.omega0 = Some(per_qubit(key, &value)?),
        "coupling" => spec.coupling = Some(number(key, &value)?),
        "dissipation" => spec.dissipation = Some(lookup::<Dissipation>(key, &value, &[])?),
        "statistics" => spec.statistics = Some(lookup::<Statistics>(key, &value, &[])?),
        "omega" => spec.omega = Some(number(key, &value)?),
        "gamma" => spec.gamma = Some(per_qubit(key, &value)?),
        "temperature" => spec.temperature = Some(per_qubit(key, &value)?),
        "mu" => spec.mu = Some(per_qubit(key, &value)?),
        "dmu" => spec.dmu = Some(number(key, &value)?),
        "initial" => config.options.initial = lookup::<InitialState>(key, &value, &[])?,
        "method" => config.options.method = lookup::<Method>(key, &value, &[])?,
        _ => {
            return Err(ConfigError::UnknownKey {
                key: key.to_string(),
                origin: "the settings".to_string(),
            })
        }
    }
    Ok(())
}

fn name_of<'v>(key: &str, value: &'v KeyValue) -> Result<&'v str, ConfigError> {
    match value {
        KeyValue::Text(s) => Ok(s.trim()),
        _ => Err(invalid(key, value, "expected a name")),
    }
}

/// Parses a name with the library's `FromStr`; the error lists the accepted names (and
/// `extra` ones the binary handles itself).
fn lookup<T: FromStr<Err = ParseNameError>>(
    key: &str,
    value: &KeyValue,
    extra: &[&str],
) -> Result<T, ConfigError> {
    name_of(key, value)?.parse().map_err(|e: ParseNameError| {
        let names: Vec<&str> = e.accepted().iter().chain(extra).copied().collect();
        invalid(key, value, format!("expected one of {}", names.join(", ")))
    })
}

fn parse_number(key: &str, whole: &KeyValue, text: &str) -> Result<f64, ConfigError> {
    let x: f64 = text
        .trim()
        .parse()
        .map_err(|_| invalid(key, whole, "expected a number"))?;
    finite(key, whole, x)
}

fn finite(key: &str, whole: &KeyValue, x: f64) -> Result<f64, ConfigError> {
    if x.is_finite() {
        Ok(x)
    } else {
        Err(invalid(key, whole, "must be a finite number"))
    }
}

fn number(key: &str, value: &KeyValue) -> Result<f64, ConfigError> {
    match value {
        KeyValue::Number(x) => finite(key, value, *x),
        KeyValue::Text(s) => parse_number(key, value, s),
        KeyValue::List(_) => Err(invalid(key, value, "expected a single number")),
    }
}

fn count(key: &str, value: &KeyValue) -> Result<usize, ConfigError> {
    let x = number(key, value)?;
    if x.fract() != 0.0 || x < 0.0 || x > u32::MAX as f64 {
        return Err(invalid(key, value, "expected a whole number of qubits"));
    }
    if x == 0.0 {
        return Err(invalid(key, value, "must be at least 1"));
    }
    Ok(x as usize)
}

fn per_qubit(key: &str, value: &KeyValue) -> Result<PerQubit, ConfigError> {
    match value {
        KeyValue::Number(x) => Ok(PerQubit::Uniform(finite(key, value, *x)?)),
        KeyValue::List(items) => items
            .iter()
            .map(|item| match item {
                KeyValue::Number(x) => finite(key, value, *x),
                _ => Err(invalid(key, value, "expected a list of numbers")),
            })
            .collect::<Result<Vec<f64>, _>>()
            .map(PerQubit::List),
        KeyValue::Text(s) => {
            let inner = s.trim();
            let bracketed = inner.starts_with('[') && inner.ends_with(']');
            let inner = if bracketed {
                &inner[1..inner.len() - 1]
            } else {
                inner
            };
            let items = inner
                .split(',')
                .map(|item| {
                    let x = item.trim().parse().map_err(|_| {
                        invalid(key, value, "expected a number or a comma list of numbers")
                    })?;
                    finite(key, value, x)
                })
                .collect::<Result<Vec<f64>, _>>()?;
            Ok(match items.as_slice() {
                [x] if !bracketed => PerQubit::Uniform(*x),
                _ => PerQubit::List(items),
            })
        }
    }
}

fn edges(key: &str, value: &KeyValue) -> Result<Vec<(usize, usize)>, ConfigError> {
    let index = |x: f64| -> Result<usize, ConfigError> {
        if x.fract() == 0.0 && (0.0..=u32::MAX as f64).contains(&x) {
            Ok(x as usize)
        } else {
            Err(invalid(
                key,
                value,
                "qubit indices must be whole numbers >= 0",
            ))
        }
    };
    match value {
        KeyValue::Text(s) if s.trim().is_empty() => Ok(Vec::new()),
        KeyValue::Text(s) => s
            .split(',')
            .map(|pair| {
                let (a, b) = pair
                    .split_once('-')
                    .ok_or_else(|| invalid(key, value, "expected pairs like 0-1,1-2"))?;
                let a = parse_number(key, value, a).and_then(index)?;
                let b = parse_number(key, value, b).and_then(index)?;
                Ok((a, b))
            })
            .collect(),
        KeyValue::List(pairs) => pairs
            .iter()
            .map(|pair| match pair {
                KeyValue::List(ab) => match ab.as_slice() {
                    [KeyValue::Number(a), KeyValue::Number(b)] => Ok((index(*a)?, index(*b)?)),
                    _ => Err(invalid(
                        key,
                        value,
                        "each edge must be a pair [a, b] of qubit indices",
                    )),
                },
                _ => Err(invalid(
                    key,
                    value,
                    "expected a list of pairs like [[0, 1], [1, 2]]",
                )),
            })
            .collect(),
        KeyValue::Number(_) => Err(invalid(
            key,
            value,
            "expected a list of pairs like [[0, 1], [1, 2]]",
        )),
    }
}

#[cfg(test)]
mod tests;
