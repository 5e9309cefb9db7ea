//! Errors that end a subcommand: a message for stderr and the process exit code.

/// Exit code for bad user input (as clap uses for usage errors).
pub const USAGE: i32 = 2;
/// Exit code for a computation or IO failure.
pub const FAILURE: i32 = 1;
/// Exit code of a sweep stopped on request before completion (resumable).
pub const STOPPED: i32 = 3;

/// A message and the exit code it ends the process with.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct ExitError {
    /// Exit code: [`USAGE`], [`FAILURE`] or [`STOPPED`].
    pub code: i32,
    /// What went wrong, for the user.
    pub message: String,
}

impl ExitError {
    /// Bad user input (exit code 2).
    pub fn usage(message: impl Into<String>) -> ExitError {
        ExitError {
            code: USAGE,
            message: message.into(),
        }
    }

    /// A failed computation or write (exit code 1).
    pub fn failure(message: impl Into<String>) -> ExitError {
        ExitError {
            code: FAILURE,
            message: message.into(),
        }
    }
}
