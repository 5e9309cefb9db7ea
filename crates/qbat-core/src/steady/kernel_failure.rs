//! [`KernelFailure`]: why a dense kernel (or the spectral projection on it) could not be
//! determined, with the numbers of the rank decision that was not clear; it becomes a
//! [`SolveError::RankUndecided`] (or, without numbers, [`SolveError::Numerical`]).

use crate::error::SolveError;
use crate::options::Method;

/// Why a kernel could not be determined.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum KernelFailure {
    /// A rank decision is not clear: `quantity` = `value` on the wrong side of `threshold`.
    Rank {
        quantity: String,
        value: f64,
        threshold: f64,
        context: String,
    },
    /// A library decomposition failed (no numbers to report).
    Failed(String),
}

impl KernelFailure {
    /// The same failure with `prefix` in front of its context.
    pub(crate) fn within(self, prefix: &str) -> KernelFailure {
        match self {
            KernelFailure::Rank {
                quantity,
                value,
                threshold,
                context,
            } => KernelFailure::Rank {
                quantity,
                value,
                threshold,
                context: format!("{prefix}: {context}"),
            },
            KernelFailure::Failed(why) => KernelFailure::Failed(format!("{prefix}: {why}")),
        }
    }

    /// The [`SolveError`] of `method`.
    pub(crate) fn error(self, method: Method) -> SolveError {
        match self {
            KernelFailure::Rank {
                quantity,
                value,
                threshold,
                context,
            } => SolveError::RankUndecided {
                method,
                quantity,
                value,
                threshold,
                context,
            },
            KernelFailure::Failed(detail) => SolveError::Numerical { method, detail },
        }
    }
}

impl std::fmt::Display for KernelFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            KernelFailure::Rank {
                quantity,
                value,
                threshold,
                context,
            } => write!(
                f,
                "{context}: {quantity} = {value:.3e} against the threshold {threshold:.3e}"
            ),
            KernelFailure::Failed(why) => f.write_str(why),
        }
    }
}

/// A rank failure of `quantity = value` against `threshold`, meaning `context`.
pub(crate) fn rank_failure(
    quantity: &str,
    value: f64,
    threshold: f64,
    context: &str,
) -> KernelFailure {
    KernelFailure::Rank {
        quantity: quantity.into(),
        value,
        threshold,
        context: context.into(),
    }
}
