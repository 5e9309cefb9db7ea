//! Atomic file replacement: write a sibling temporary file, then rename it over the target.
//!
//! A reader (or a crash) never sees a half-written output: the target either keeps its old
//! content or gets the complete new one, because `rename` within one directory is atomic on
//! POSIX file systems.

use crate::error::CliError;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// A temporary path next to `path`: `dir/.name.tmp-PID.ext`.
fn temp_path(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "output".into());
    let ext = path
        .extension()
        .map(|e| format!(".{}", e.to_string_lossy()))
        .unwrap_or_default();
    path.with_file_name(format!(".{name}.tmp-{}{ext}", std::process::id()))
}

/// Writes `bytes` to `path` atomically (temporary sibling, flush, sync, rename).
///
/// # Errors
/// Any IO error, with the temporary file removed.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let tmp = temp_path(path);
    let result = (|| {
        let mut file = fs::File::create(&tmp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

/// Writes `path` atomically from a stream: `fill` writes into a buffered temporary sibling,
/// which is then synced and renamed over `path`. On any error (from `fill` or IO) the
/// temporary file is removed and `path` is untouched.
///
/// # Errors
/// `fill`'s error, or an IO error converted by `io_error`.
pub fn write_atomic_with<E>(
    path: &Path,
    io_error: impl Fn(io::Error) -> E,
    fill: impl FnOnce(&mut (dyn Write + Send)) -> Result<(), E>,
) -> Result<(), E> {
    let tmp = temp_path(path);
    let result = (|| {
        let file = fs::File::create(&tmp).map_err(&io_error)?;
        let mut writer = io::BufWriter::new(file);
        fill(&mut writer)?;
        let file = writer.into_inner().map_err(|e| io_error(e.into_error()))?;
        file.sync_all().map_err(&io_error)?;
        fs::rename(&tmp, path).map_err(&io_error)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

/// Checks, before any computation, that [`write_atomic`] can write `path`, given by the
/// option `flag`: it is not a directory and its directory takes a new file (a temporary
/// sibling is created and removed again; an existing `path` is left untouched). An output
/// path belongs to the request, so an unusable one is bad input (exit code 2), whatever the
/// command; a write that fails after computing is an output error (exit code 1).
///
/// # Errors
/// [`CliError::Input`], one line naming the option and the path: missing directory, a
/// directory in the way, no permission.
pub fn check_writable(flag: &str, path: &Path) -> Result<(), CliError> {
    writable(path).map_err(|reason| CliError::Input(format!("{flag}: {reason}")))
}

/// [`check_writable`]'s test, with the reason as text.
fn writable(path: &Path) -> Result<(), String> {
    let shown = path.display();
    if path.as_os_str().is_empty() {
        return Err("the output path is empty".into());
    }
    if path.is_dir() {
        return Err(format!("{shown} is a directory"));
    }
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    if !dir.is_dir() {
        return Err(format!(
            "cannot write {shown}: directory {} does not exist",
            dir.display()
        ));
    }
    let probe = temp_path(path);
    match fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&probe)
    {
        Ok(_) => {
            let _ = fs::remove_file(&probe);
            Ok(())
        }
        Err(e) => Err(format!("cannot write {shown}: {e}")),
    }
}
