//! The partial file `OUT.partial`: rows appended and flushed as they finish, so an
//! interrupted sweep loses nothing and `--resume` recomputes none of them.
//!
//! Layout (CSV with a point index, rows in completion order):
//! ```text
//! # qbat sweep partial v1 fingerprint=0123456789abcdef points=505
//! point,temperature,mu,W,ergotropy,...
//! 17,0.5,1.7,0.43,...
//! ```
//! The fingerprint hashes everything that determines the numbers (base model, solver options,
//! every grid value), so a partial file is never resumed into a different sweep. A line torn by
//! the interruption (no final newline) is dropped and recomputed.

use std::collections::BTreeMap;
use std::fs::{self, File, OpenOptions};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use super::output::{csv_header, csv_line, parse_fields};
use super::point::Row;
use super::point::OUTPUTS;

const MAGIC: &str = "# qbat sweep partial v1";

/// The partial file that belongs to output `out`: `out.partial`.
pub fn partial_path(out: &Path) -> PathBuf {
    let mut name = out.as_os_str().to_owned();
    name.push(".partial");
    PathBuf::from(name)
}

/// FNV-1a 64-bit hash: stable across Rust versions and platforms, unlike `DefaultHasher`.
pub fn fingerprint(description: &str) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in description.bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("{hash:016x}")
}

/// Rows already computed, read from an existing partial file.
#[derive(Debug, Default)]
pub struct Done {
    /// Completed rows by point index.
    pub rows: BTreeMap<usize, Row>,
    /// Byte length of the valid prefix (header and complete rows).
    pub valid_len: u64,
}

/// Reads the partial file at `path`, checking that it belongs to the sweep with `fingerprint`
/// and columns `keys`.
///
/// # Errors
/// A message when the file is unreadable, from another sweep, or has a corrupt complete line.
pub fn read(path: &Path, fingerprint: &str, keys: &[&str], points: usize) -> Result<Done, String> {
    let text = fs::read(path).map_err(|e| format!("reading {}: {e}", path.display()))?;
    let text = String::from_utf8_lossy(&text);
    // Only newline-terminated lines are complete; a torn last line is recomputed.
    let complete = match text.rfind('\n') {
        Some(end) => &text[..=end],
        None => "",
    };
    let mut lines = complete.lines();
    let expected_magic = magic_line(fingerprint, points);
    let header = csv_header(&["point"], keys, &OUTPUTS);
    match (lines.next(), lines.next()) {
        (Some(m), Some(h)) if m == expected_magic && h == header => {}
        (Some(m), _) if m.starts_with(MAGIC) && m != expected_magic => {
            return Err(format!(
                "{} was written by a different sweep (other model, options or grid); \
                 rerun with the original arguments or delete it",
                path.display()
            ))
        }
        (None, _) | (Some(_), None) => {
            // Interrupted before the header was complete: nothing to keep.
            return Ok(Done::default());
        }
        _ => {
            return Err(format!(
                "{} is not a qbat sweep partial file for these columns",
                path.display()
            ))
        }
    }
    let mut rows = BTreeMap::new();
    for (number, line) in lines.enumerate() {
        let bad = |why: String| format!("{} line {}: {why}", path.display(), number + 3);
        let fields: Vec<&str> = line.split(',').collect();
        let index: usize = fields[0]
            .parse()
            .map_err(|_| bad(format!("bad point index {:?}", fields[0])))?;
        if index >= points {
            return Err(bad(format!("point index {index} out of range")));
        }
        let row = parse_fields(&fields[1..], keys, &OUTPUTS).map_err(bad)?;
        rows.entry(index).or_insert(row);
    }
    Ok(Done {
        rows,
        valid_len: complete.len() as u64,
    })
}

fn magic_line(fingerprint: &str, points: usize) -> String {
    format!("{MAGIC} fingerprint={fingerprint} points={points}")
}

/// Appends rows to a partial file, flushing each one.
pub struct Writer {
    file: BufWriter<File>,
}

impl Writer {
    /// Starts a new partial file at `path` (replacing any), writing the two header lines.
    ///
    /// # Errors
    /// IO errors.
    pub fn create(
        path: &Path,
        fingerprint: &str,
        keys: &[&str],
        points: usize,
    ) -> io::Result<Writer> {
        let mut file = BufWriter::new(File::create(path)?);
        writeln!(file, "{}", magic_line(fingerprint, points))?;
        writeln!(file, "{}", csv_header(&["point"], keys, &OUTPUTS))?;
        file.flush()?;
        Ok(Writer { file })
    }

    /// Reopens the partial file at `path` for appending after cutting it to `valid_len` bytes
    /// (dropping a torn last line).
    ///
    /// # Errors
    /// IO errors.
    pub fn append(path: &Path, valid_len: u64) -> io::Result<Writer> {
        let file = OpenOptions::new().write(true).open(path)?;
        file.set_len(valid_len)?;
        drop(file);
        let file = OpenOptions::new().append(true).open(path)?;
        Ok(Writer {
            file: BufWriter::new(file),
        })
    }

    /// Appends point `index` and flushes it to the operating system.
    ///
    /// # Errors
    /// IO errors.
    pub fn write(&mut self, index: usize, row: &Row) -> io::Result<()> {
        writeln!(
            self.file,
            "{}",
            csv_line(&[index.to_string()], &OUTPUTS, row)
        )?;
        self.file.flush()
    }
}
