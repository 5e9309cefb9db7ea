//! Setting a numeric model key by its model-file name (`mu`, `temperature`, `n`, ...).

use qbat_core::{ModelSpec, PerQubit};

/// Keys that take one number and can therefore be swept.
pub const NUMERIC_KEYS: [&str; 8] = [
    "n",
    "omega0",
    "coupling",
    "omega",
    "gamma",
    "temperature",
    "mu",
    "dmu",
];

/// Model keys that exist but are not numbers.
const OTHER_KEYS: [&str; 3] = ["topology", "dissipation", "statistics"];

/// Sets `key` to `value` in `spec` (a per-qubit key becomes the same value for every qubit).
///
/// # Errors
/// A message for an unknown key, a non-numeric key, or `n` not a whole number >= 1.
pub fn set_numeric(spec: &mut ModelSpec, key: &str, value: f64) -> Result<(), String> {
    match key {
        "n" => {
            if value.fract() != 0.0 || value < 1.0 {
                return Err(format!("n = {value}: must be a whole number >= 1"));
            }
            spec.n = Some(value as usize);
        }
        "omega0" => spec.omega0 = Some(PerQubit::Uniform(value)),
        "coupling" => spec.coupling = Some(value),
        "omega" => spec.omega = Some(value),
        "gamma" => spec.gamma = Some(PerQubit::Uniform(value)),
        "temperature" => spec.temperature = Some(PerQubit::Uniform(value)),
        "mu" => spec.mu = Some(PerQubit::Uniform(value)),
        "dmu" => spec.dmu = Some(value),
        other if OTHER_KEYS.contains(&other) => {
            return Err(format!("key {other} is not numeric and cannot be swept"))
        }
        other => {
            return Err(format!(
                "unknown key {other:?}; numeric model keys are {}",
                NUMERIC_KEYS.join(", ")
            ))
        }
    }
    Ok(())
}
