//! Errors raised while validating a model.

/// A model that cannot be built; every variant names the field and the value.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum ModelError {
    /// A field has a value outside its domain.
    #[error("invalid {field} = {value}: {reason}")]
    Invalid {
        /// The field, as the user writes it (`temperature[2]` for a list entry).
        field: String,
        /// The offending value, printed.
        value: String,
        /// Why it is rejected.
        reason: String,
    },
    /// Bose-Einstein occupation needs `omega > mu`.
    #[error("invalid mu = {mu}: Bose-Einstein statistics needs omega > mu (omega = {omega})")]
    BoseNotBelowMu {
        /// Bath frequency.
        omega: f64,
        /// Chemical potential.
        mu: f64,
    },
    /// The model's rate and frequency scales (`omega0`, `|J|`, `gamma`) are further apart than
    /// double precision resolves ([`crate::MAX_SCALE_RATIO`]).
    #[error(
        "invalid {small_field} = {} with {large_field} = {}: the parameters span too many \
         orders of magnitude ({large_field} / {small_field} = {ratio:.1e}; double precision \
         resolves at most {limit:.0e}): bring them closer together",
        readable(*small), readable(*large)
    )]
    ScalesTooFarApart {
        /// The field with the smallest scale (`gamma[1]`).
        small_field: String,
        /// Its value.
        small: f64,
        /// The field with the largest scale.
        large_field: String,
        /// Its value.
        large: f64,
        /// `large / small`.
        ratio: f64,
        /// The largest ratio accepted.
        limit: f64,
    },
}

impl ModelError {
    /// Shorthand for [`ModelError::Invalid`].
    pub fn invalid(
        field: impl Into<String>,
        value: impl Into<String>,
        reason: impl Into<String>,
    ) -> Self {
        ModelError::Invalid {
            field: field.into(),
            value: value.into(),
            reason: reason.into(),
        }
    }
}

/// `x` in its shortest form, in scientific notation outside `[1e-4, 1e6)` (so that `1e-300`
/// does not print 300 zeros).
fn readable(x: f64) -> String {
    if x == 0.0 || (1e-4..1e6).contains(&x.abs()) {
        x.to_string()
    } else {
        format!("{x:e}")
    }
}
