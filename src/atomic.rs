//! Atomic file replacement: write a sibling temporary file, then rename it over the target.
//!
//! A reader (or a crash) never sees a half-written output: the target either keeps its old
//! content or gets the complete new one, because `rename` within one directory is atomic on
//! POSIX file systems.

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
