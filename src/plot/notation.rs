//! The paper's notation for model keys: axis labels and parameter names in titles.
//!
//! Energies are quoted in units of the reservoir coupling gamma, as in Kamin et al.
//! (PRA 109, 022226): `mu/gamma`, `Delta mu/gamma`, `J/gamma`, `T/gamma`. When gamma is not 1
//! the labels drop the `/γ` (values are then in the absolute units of the model file).

/// The symbol of `key` as the paper writes it (`mu` -> `μ`, `dmu` -> `Δμ`, `n` -> `N`).
pub fn symbol(key: &str) -> String {
    match key {
        "n" => "N".into(),
        "mu" => "μ".into(),
        "dmu" => "Δμ".into(),
        "coupling" => "J".into(),
        "temperature" => "T".into(),
        "omega0" => "ω₀".into(),
        "omega" => "ω".into(),
        "gamma" => "γ".into(),
        other => other.into(),
    }
}

/// `true` for keys with the dimension of an energy (quoted relative to gamma).
pub fn is_energy(key: &str) -> bool {
    matches!(
        key,
        "mu" | "dmu" | "coupling" | "temperature" | "omega0" | "omega"
    )
}

/// Axis label for `key`: `μ/γ` when energies are in units of gamma (`gamma_is_unit`), else
/// the bare symbol.
pub fn axis_label(key: &str, gamma_is_unit: bool) -> String {
    if is_energy(key) && gamma_is_unit {
        format!("{}/γ", symbol(key))
    } else {
        symbol(key)
    }
}

/// `symbol = value` for titles and legends, e.g. `T/γ = 0.5`, `N = 3`.
pub fn assignment(key: &str, value: f64, gamma_is_unit: bool) -> String {
    format!(
        "{} = {}",
        axis_label(key, gamma_is_unit),
        super::ticks::tick_label(value)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paper_notation() {
        assert_eq!(axis_label("mu", true), "μ/γ");
        assert_eq!(axis_label("dmu", true), "Δμ/γ");
        assert_eq!(axis_label("coupling", true), "J/γ");
        assert_eq!(axis_label("temperature", false), "T");
        assert_eq!(axis_label("n", true), "N");
        assert_eq!(assignment("temperature", 0.5, true), "T/γ = 0.5");
    }
}
