//! Writing results to stdout.

use std::io::Write;

use serde::Serialize;

use crate::error::CliError;

/// `value` as one JSON object on one line (the `--json` output of `steady` and `evolve`).
pub fn json_line(value: &impl Serialize) -> String {
    // the reports hold plain numbers, strings and vectors: serialising them cannot fail
    serde_json::to_string(value).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
}

/// Writes `text` to stdout in one piece; a closed pipe (`qbat ... | head`) is not an error.
///
/// # Errors
/// [`CliError::Output`] when stdout cannot be written for another reason.
pub fn print_stdout(text: &str) -> Result<(), CliError> {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(CliError::Output(format!("cannot write to stdout: {e}"))),
    }
}
