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
