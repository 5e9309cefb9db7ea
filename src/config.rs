//! Model options shared by every subcommand: a TOML model file and command-line flags.
//!
//! Every key has one entry in the registry [`KEYS`]: its name (the file's key, the flag
//! `--NAME`, the sweep's `KEY=`), its [`Kind`] of value, its help line and default, and how
//! it is stored. The three sources all go through it:
//! - the model file is deserialised by serde into a struct generated from the registry, with
//!   `deny_unknown_fields` (an unknown key is an error naming it);
//! - the flags are clap arguments built from the registry ([`ModelArgs`]);
//! - [`set_key`] (used by the file, the flags and the sweep's `--vary`/`--series`) looks the
//!   key up there.
//!
//! Keys: `n`, `topology` (`star`, `chain`, `ring`, `complete`, `custom`), `edges` (TOML
//! `[[0, 1], [1, 2]]`, flag `0-1,1-2`; implies `custom`), `omega0`, `coupling` (`-J`),
//! `dissipation` (`individual`, `collective`), `statistics` (`fermi`, `bose`), `omega`,
//! `gamma`, `temperature` (`-T`), `mu` (a number, or n numbers for the per-qubit keys),
//! `dmu`, `initial` (`ground`, `excited`, `mixed`), `method` (`auto`, `full`, `sector`,
//! `symmetric`), `solver` (`auto`, `lu`, `krylov`, `dense-kernel`, `dicke`). Choice names are
//! the library's (`FromStr`).
//!
//! Flags override the file; keys left unset take the defaults of [`qbat_core::Model::new`].
//! Every error names the key and the value ([`ConfigError`]).

use std::fmt;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use clap::{value_parser, Arg, ArgAction, ArgMatches, Args, Command, FromArgMatches};
use qbat_core::{ModelSpec, ParseNameError, PerQubit, SteadyOptions, Topology};

/// What values a key takes; decides how its text is parsed, whether it can be swept and
/// whether a flag value may start with `-`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A whole number of qubits.
    Count,
    /// One finite number.
    Number,
    /// One number, or one per qubit (`1,2,3` as text, an array in a file).
    PerQubit,
    /// A name from a fixed list (parsed by the library's `FromStr`).
    Choice,
    /// Pairs of qubit indices (`0-1,1-2` as text, `[[0, 1], [1, 2]]` in a file).
    Edges,
}

impl Kind {
    /// `true` for keys that take one number and can therefore be swept.
    pub fn is_numeric(self) -> bool {
        matches!(self, Kind::Count | Kind::Number | Kind::PerQubit)
    }
}

/// Stores a parsed value of one key into the configuration.
type Setter = fn(&mut RunConfig, &str, &KeyValue) -> Result<(), ConfigError>;

/// One model key: everything the model file, the flags and [`set_key`] need to know.
#[derive(Clone, Copy, Debug)]
pub struct Key {
    /// The name: the file's key, the flag `--NAME`, the sweep's `KEY=`.
    pub name: &'static str,
    /// The values it takes.
    pub kind: Kind,
    /// A one-letter flag alias (`-J`, `-T`).
    pub short: Option<char>,
    /// The placeholder shown in `--help`.
    pub value_name: &'static str,
    /// The flag's help line.
    pub help: &'static str,
    /// The default, as shown in `--help` (`None`: no default, the key is optional).
    pub default: Option<&'static str>,
    set: Setter,
}

/// The registry: every key, in the order a layer of settings is applied (`topology` before
/// `edges`, so that `edges` can complete a `custom` topology), which is also the order of
/// the flags in `--help`. The model file's struct is generated from the same list.
macro_rules! registry {
    ($($name:ident: $kind:ident, $short:expr, $value_name:literal, $help:literal, $default:expr,
        $set:expr;)*) => {
        /// Every model key, in application order (see [`Key`]).
        pub const KEYS: &[Key] = &[$(Key {
            name: stringify!($name),
            kind: Kind::$kind,
            short: $short,
            value_name: $value_name,
            help: $help,
            default: $default,
            set: $set,
        }),*];

        /// A model file: one optional TOML value per key; serde rejects any other key.
        #[derive(Debug, Default, serde::Deserialize)]
        #[serde(deny_unknown_fields)]
        struct ModelFile {
            $(#[serde(default)]
            $name: Option<toml::Value>,)*
        }

        impl ModelFile {
            /// The value given for `key`, if any.
            fn get(&self, key: &str) -> Option<&toml::Value> {
                match key {
                    $(stringify!($name) => self.$name.as_ref(),)*
                    _ => None,
                }
            }
        }
    };
}

registry! {
    n: Count, None, "N", "Number of qubits, battery included", Some("3"),
        |c, k, v| { c.spec.n = Some(count(k, v)?); Ok(()) };
    topology: Choice, None, "NAME", "Coupling graph: star, chain, ring, complete, custom",
        Some("star"), set_topology;
    edges: Edges, None, "A-B,...", "Edges of a custom graph, e.g. 0-1,1-2 (implies --topology custom)",
        None, |c, k, v| { c.spec.topology = Some(Topology::Custom(edges(k, v)?)); Ok(()) };
    omega0: PerQubit, None, "X[,X...]", "Qubit frequency omega0, or one per qubit (10,10,12)",
        Some("10"), |c, k, v| { c.spec.omega0 = Some(per_qubit(k, v)?); Ok(()) };
    coupling: Number, Some('J'), "J", "Exchange coupling J", Some("1"),
        |c, k, v| { c.spec.coupling = Some(number(k, v)?); Ok(()) };
    dissipation: Choice, None, "KIND", "individual or collective reservoirs", Some("individual"),
        |c, k, v| { c.spec.dissipation = Some(lookup(k, v, &[])?); Ok(()) };
    statistics: Choice, None, "KIND", "fermi or bose reservoirs", Some("fermi"),
        |c, k, v| { c.spec.statistics = Some(lookup(k, v, &[])?); Ok(()) };
    omega: Number, None, "X", "Bath frequency at which the occupation is evaluated", Some("1"),
        |c, k, v| { c.spec.omega = Some(number(k, v)?); Ok(()) };
    gamma: PerQubit, None, "X[,X...]", "Reservoir coupling rate(s) gamma > 0", Some("1"),
        |c, k, v| { c.spec.gamma = Some(per_qubit(k, v)?); Ok(()) };
    temperature: PerQubit, Some('T'), "X[,X...]", "Reservoir temperature(s) T >= 0", Some("1"),
        |c, k, v| { c.spec.temperature = Some(per_qubit(k, v)?); Ok(()) };
    mu: PerQubit, None, "X[,X...]", "Reservoir chemical potential(s)", Some("1"),
        |c, k, v| { c.spec.mu = Some(per_qubit(k, v)?); Ok(()) };
    dmu: Number, None, "X",
        "Ancilla bias: mu_i = mu + dmu for i >= 1. Applies only with individual dissipation and \
         a single mu, where it defaults to 2; with a per-qubit mu list (no bias) only dmu = 0 is \
         accepted, with collective dissipation none",
        None, |c, k, v| { c.spec.dmu = Some(number(k, v)?); Ok(()) };
    initial: Choice, None, "STATE",
        "Initial state selecting the long-time state: ground, excited, mixed", Some("ground"),
        |c, k, v| { c.options.initial = lookup(k, v, &[])?; Ok(()) };
    method: Choice, None, "METHOD", "Representation: auto, full, sector, symmetric",
        Some("auto"), |c, k, v| { c.options.method = lookup(k, v, &[])?; Ok(()) };
    solver: Choice, None, "SOLVER",
        "Steady-state solver: auto, lu, krylov, dense-kernel, dicke", Some("auto"),
        |c, k, v| {
            c.options.solver = match name_of(k, v)? {
                "auto" => None,
                _ => Some(lookup(k, v, &["auto"])?),
            };
            Ok(())
        };
}

/// The key called `name`.
pub fn find_key(name: &str) -> Option<&'static Key> {
    KEYS.iter().find(|k| k.name == name)
}

/// The names of all keys, in registry order.
pub fn key_names() -> Vec<&'static str> {
    KEYS.iter().map(|k| k.name).collect()
}

/// The names of the keys that take one number (the ones a sweep can vary).
pub fn numeric_keys() -> Vec<&'static str> {
    KEYS.iter()
        .filter(|k| k.kind.is_numeric())
        .map(|k| k.name)
        .collect()
}

/// `topology`: a named graph, or `custom` keeping the custom edges set so far.
fn set_topology(config: &mut RunConfig, key: &str, value: &KeyValue) -> Result<(), ConfigError> {
    let spec = &mut config.spec;
    spec.topology = Some(if name_of(key, value)? == "custom" {
        match spec.topology.take() {
            Some(Topology::Custom(edges)) => Topology::Custom(edges),
            _ => Topology::Custom(Vec::new()),
        }
    } else {
        lookup::<Topology>(key, value, &["custom"])?
    });
    Ok(())
}

/// The model flags, shared by every subcommand that solves a model (`#[command(flatten)]`),
/// one `--NAME` per registry key. Values are kept as text and parsed by [`set_key`], so that
/// flag and file errors read alike.
#[derive(Clone, Debug, Default)]
pub struct ModelArgs {
    /// TOML model file (keys as the flags); flags override it.
    pub config: Option<PathBuf>,
    /// The flags given, `(key, text)`.
    pub flags: Vec<(&'static str, String)>,
}

impl ModelArgs {
    /// The flags that were given, as `(key, text)` pairs in [`KEYS`] order.
    pub fn overrides(&self) -> Vec<(&'static str, KeyValue)> {
        KEYS.iter()
            .filter_map(|key| {
                let given = self.flags.iter().rev().find(|(name, _)| *name == key.name);
                given.map(|(name, text)| (*name, KeyValue::Text(text.clone())))
            })
            .collect()
    }
}

impl Key {
    /// The key's flag: `--NAME VALUE` (and its short alias), help with the default.
    fn arg(&self) -> Arg {
        let help = match self.default {
            Some(default) => format!("{} [default: {default}]", self.help),
            None => self.help.to_string(),
        };
        let arg = Arg::new(self.name)
            .long(self.name)
            .value_name(self.value_name)
            .help(help)
            .action(ArgAction::Set)
            .allow_hyphen_values(self.kind.is_numeric());
        match self.short {
            Some(c) => arg.short(c),
            None => arg,
        }
    }
}

impl Args for ModelArgs {
    fn augment_args(cmd: Command) -> Command {
        let config = Arg::new("config")
            .long("config")
            .value_name("FILE")
            .value_parser(value_parser!(PathBuf))
            .action(ArgAction::Set)
            .help("TOML model file (keys as the flags below); flags override it");
        KEYS.iter()
            .fold(cmd.arg(config), |cmd, key| cmd.arg(key.arg()))
    }

    fn augment_args_for_update(cmd: Command) -> Command {
        Self::augment_args(cmd)
    }
}

impl FromArgMatches for ModelArgs {
    fn from_arg_matches(matches: &ArgMatches) -> Result<Self, clap::Error> {
        let mut args = ModelArgs::default();
        args.update_from_arg_matches(matches)?;
        Ok(args)
    }

    fn update_from_arg_matches(&mut self, matches: &ArgMatches) -> Result<(), clap::Error> {
        if let Some(path) = matches.get_one::<PathBuf>("config") {
            self.config = Some(path.clone());
        }
        for key in KEYS {
            if let Some(text) = matches.get_one::<String>(key.name) {
                self.flags.push((key.name, text.clone()));
            }
        }
        Ok(())
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
                key_names().join(", ")
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
    let config = resolve(
        file.as_ref().map(|(p, t)| (*p, t.as_str())),
        &args.overrides(),
    )?;
    for warning in warnings(&config.spec) {
        eprintln!("qbat: warning: {warning}");
    }
    Ok(config)
}

/// Warnings about a valid model that is probably not what was meant, one line each: qubits of
/// a custom graph that no edge path joins to the battery. A model `Model::new` refuses gives
/// none (its error says more).
pub fn warnings(spec: &ModelSpec) -> Vec<String> {
    if !matches!(spec.topology, Some(Topology::Custom(_))) {
        return Vec::new();
    }
    let Ok(model) = qbat_core::Model::new(spec) else {
        return Vec::new();
    };
    let lonely = model.disconnected_qubits();
    if lonely.is_empty() {
        return Vec::new();
    }
    let mut list: Vec<String> = lonely.iter().take(10).map(usize::to_string).collect();
    if lonely.len() > 10 {
        list.push(format!("... ({} in all)", lonely.len()));
    }
    let (noun, verb, effect) = if lonely.len() == 1 {
        ("qubit", "is", "it has")
    } else {
        ("qubits", "are", "they have")
    };
    vec![format!(
        "{noun} {} of the custom graph {verb} joined to the battery (qubit 0) by no path of \
         edges, so {effect} no effect on it",
        list.join(", ")
    )]
}

/// `--threads N` of `sweep` and `figures`: a whole number of worker threads, at least 1.
///
/// # Errors
/// The reason, which clap prints after the flag's name and value.
pub fn parse_threads(text: &str) -> Result<usize, String> {
    match text.trim().parse::<usize>() {
        Ok(0) => Err("must be at least 1 (leave --threads out for one thread per core)".into()),
        Ok(n) => Ok(n),
        Err(_) => Err("expected a whole number of threads >= 1".into()),
    }
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

/// The file's keys as `(key, value)` pairs in [`KEYS`] order; serde rejects unknown keys
/// (`deny_unknown_fields`) and the error names the key.
fn parse_toml<'a>(path: &Path, text: &str) -> Result<Vec<(&'a str, KeyValue)>, ConfigError> {
    let file: ModelFile = toml::from_str(text).map_err(|e: toml::de::Error| {
        let message = e.message();
        if let Some(key) = message
            .strip_prefix("unknown field `")
            .and_then(|rest| rest.split_once('`'))
            .map(|(key, _)| key)
        {
            return ConfigError::UnknownKey {
                key: key.to_string(),
                origin: path.display().to_string(),
            };
        }
        let line = e
            .span()
            .and_then(|s| text.get(..s.start))
            .map(|before| format!(" at line {}", before.matches('\n').count() + 1))
            .unwrap_or_default();
        ConfigError::File {
            path: path.to_path_buf(),
            reason: format!("malformed TOML{line}: {}", message.replace('\n', " ")),
        }
    })?;
    KEYS.iter()
        .filter_map(|key| file.get(key.name).map(|v| (key.name, v)))
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
            value: one_line_excerpt(&other.to_string()),
            reason: format!("a {} is not a valid value here", other.type_str()),
        }),
    }
}

/// `text` (a TOML value as written, perhaps a table with multi-line strings, found by the
/// `model_file` fuzzer) on one line: whitespace runs as one space, at most 60 characters.
fn one_line_excerpt(text: &str) -> String {
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    match flat.char_indices().nth(60) {
        Some((cut, _)) => format!("{}...", &flat[..cut]),
        None => flat,
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
    for key in KEYS {
        if let Some(value) = find(key.name) {
            set_key(config, key.name, value.clone())?;
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
    match find_key(key) {
        Some(entry) => (entry.set)(config, key, &value),
        None => Err(ConfigError::UnknownKey {
            key: key.to_string(),
            origin: "the settings".to_string(),
        }),
    }
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
