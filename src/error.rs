//! How the binary reports failure: a one-line message on stderr and an exit code.

use std::fmt;

/// A failed command. [`CliError::exit_code`] maps it to the process exit status.
#[derive(Debug)]
pub enum CliError {
    /// The user's input cannot be used (bad key or value, unreadable file, model too large
    /// for the memory limit, method not applicable): exit code 2.
    Input(String),
    /// The computation failed on valid input (singular system, no convergence): exit code 1.
    Numerical(String),
    /// Writing the output failed: exit code 1.
    Output(String),
    /// A sweep stopped on request before it was complete; its rows are kept for `--resume`:
    /// exit code 3.
    Stopped(String),
    /// A command was interrupted (Ctrl-C, SIGTERM) with nothing to resume (evolve, steady, a
    /// sweep to stdout) and wrote no half file:
    /// exit code 130.
    Interrupted(String),
}

impl CliError {
    /// The process exit code: 2 for bad input (as for command-line usage errors), 3 for a
    /// stopped sweep, 130 for another interrupted command, 1 otherwise.
    pub fn exit_code(&self) -> u8 {
        match self {
            CliError::Input(_) => 2,
            CliError::Numerical(_) | CliError::Output(_) => 1,
            CliError::Stopped(_) => 3,
            CliError::Interrupted(_) => 130,
        }
    }

    /// The same error with `context: ` before its message.
    pub fn context(self, context: &str) -> CliError {
        let add = |m: String| format!("{context}: {m}");
        match self {
            CliError::Input(m) => CliError::Input(add(m)),
            CliError::Numerical(m) => CliError::Numerical(add(m)),
            CliError::Output(m) => CliError::Output(add(m)),
            CliError::Stopped(m) => CliError::Stopped(add(m)),
            CliError::Interrupted(m) => CliError::Interrupted(add(m)),
        }
    }
}

impl fmt::Display for CliError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CliError::Input(m)
            | CliError::Numerical(m)
            | CliError::Output(m)
            | CliError::Stopped(m)
            | CliError::Interrupted(m) => {
                // one line whatever the source said
                write!(f, "{}", m.replace('\n', " "))
            }
        }
    }
}

impl From<crate::config::ConfigError> for CliError {
    fn from(e: crate::config::ConfigError) -> Self {
        CliError::Input(e.to_string())
    }
}

impl From<qbat_core::ModelError> for CliError {
    fn from(e: qbat_core::ModelError) -> Self {
        CliError::Input(e.to_string())
    }
}

impl From<qbat_core::SolveError> for CliError {
    fn from(e: qbat_core::SolveError) -> Self {
        use qbat_core::SolveError;
        match e {
            SolveError::TooLarge { .. }
            | SolveError::NotApplicable { .. }
            | SolveError::InvalidOption { .. } => CliError::Input(e.to_string()),
            SolveError::Cancelled => CliError::Interrupted(e.to_string()),
            // `Numerical` and any failure the library adds later: the input was fine
            _ => CliError::Numerical(e.to_string()),
        }
    }
}
