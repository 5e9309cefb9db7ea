//! The partial file `OUT.partial`: rows appended and flushed as they finish, so an
//! interrupted sweep loses nothing and `--resume` recomputes none of them.
//!
//! Layout (CSV with a point index):
//! ```text
//! # qbat sweep partial v1 fingerprint=0123456789abcdef points=505
//! point,temperature,mu,W,ergotropy,...
//! 17,0.5,1.7,0.43,...
//! ```
//! A shard's partial file adds ` shard=I/K` to the first line. The fingerprint hashes
//! everything that determines the numbers (base model, solver options, every grid value), so
//! a partial file is never resumed into a different sweep. A line torn by the interruption
//! (no final newline) is dropped and recomputed.
//!
//! Rows are written in point order, except that a stop request flushes the rows finished
//! ahead of a running point, and a resumed run appends after what was there. The file is
//! therefore a few runs of increasing point index; [`Done`] keeps the finished points as
//! ranges and [`for_each_sorted`] merges the runs, so neither holds the rows in memory.

use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::fs::{self, File, OpenOptions};
use std::io::{self, BufRead, BufReader, BufWriter, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use super::output::{csv_header, csv_line, parse_fields};
use super::point::Row;
use super::point::OUTPUTS;
use super::select::Selection;

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

/// The points already computed in an existing partial file, as sorted disjoint ranges of
/// positions in the run's [`Selection`].
#[derive(Debug, Default)]
pub struct Done {
    ranges: Vec<(usize, usize)>,
    /// Number of points done.
    pub count: usize,
    /// Byte length of the valid prefix (header and complete rows).
    pub valid_len: u64,
}

impl Done {
    /// Whether position `j` is done.
    pub fn contains(&self, j: usize) -> bool {
        let k = self.ranges.partition_point(|&(_, end)| end <= j);
        self.ranges.get(k).is_some_and(|&(start, _)| start <= j)
    }

    fn from_runs(mut ranges: Vec<(usize, usize)>) -> Done {
        ranges.sort_unstable();
        let mut merged: Vec<(usize, usize)> = Vec::new();
        for (a, b) in ranges {
            match merged.last_mut() {
                Some(last) if a <= last.1 => last.1 = last.1.max(b),
                _ => merged.push((a, b)),
            }
        }
        let count = merged.iter().map(|(a, b)| b - a).sum();
        Done {
            ranges: merged,
            count,
            valid_len: 0,
        }
    }
}

/// The first line of a partial file.
pub fn magic_line(fingerprint: &str, selection: &Selection) -> String {
    let shard = selection
        .shard
        .map(|s| format!(" shard={s}"))
        .unwrap_or_default();
    format!(
        "{MAGIC} fingerprint={fingerprint} points={}{shard}",
        selection.total
    )
}

/// One complete data line: its point index and the text after the index.
fn split_line(line: &str) -> Option<(usize, &str)> {
    let (index, rest) = line.split_once(',')?;
    Some((index.parse().ok()?, rest))
}

/// Reads the partial file at `path`, checking that it belongs to the sweep with `fingerprint`,
/// columns `keys` and points `selection`, and that every complete line is a valid row.
///
/// # Errors
/// A message when the file is unreadable, from another sweep, or has a corrupt complete line.
pub fn read(
    path: &Path,
    fingerprint: &str,
    keys: &[&str],
    selection: &Selection,
) -> Result<Done, String> {
    let file = File::open(path).map_err(|e| format!("reading {}: {e}", path.display()))?;
    let mut reader = BufReader::new(file);
    let expected_magic = magic_line(fingerprint, selection);
    let header = csv_header(&["point"], keys, &OUTPUTS);
    let mut line = String::new();
    let mut offset = 0u64;
    let mut next_line = |line: &mut String| -> Result<Option<usize>, String> {
        line.clear();
        let n = reader
            .read_line(line)
            .map_err(|e| format!("reading {}: {e}", path.display()))?;
        // only newline-terminated lines are complete; a torn last line is recomputed
        Ok((n > 0 && line.ends_with('\n')).then_some(n))
    };
    let Some(n) = next_line(&mut line)? else {
        return Ok(Done::default());
    };
    let magic = line.trim_end().to_string();
    if magic != expected_magic {
        if magic.starts_with(MAGIC) {
            return Err(format!(
                "{} was written by a different sweep (other model, options, grid or shard); \
                 rerun with the original arguments or delete it",
                path.display()
            ));
        }
        return Err(format!(
            "{} is not a qbat sweep partial file",
            path.display()
        ));
    }
    offset += n as u64;
    let Some(n) = next_line(&mut line)? else {
        // interrupted before the header was complete: nothing to keep
        return Ok(Done::default());
    };
    if line.trim_end() != header {
        return Err(format!(
            "{} is not a qbat sweep partial file for these columns",
            path.display()
        ));
    }
    offset += n as u64;
    let mut runs: Vec<(usize, usize)> = Vec::new();
    let mut number = 2;
    while let Some(n) = next_line(&mut line)? {
        number += 1;
        let bad = |why: String| format!("{} line {number}: {why}", path.display());
        let text = line.trim_end_matches('\n');
        let (index, rest) =
            split_line(text).ok_or_else(|| bad(format!("bad point index in {text:?}")))?;
        let j = selection
            .position(index)
            .ok_or_else(|| bad(format!("point index {index} is not a point of this run")))?;
        let fields: Vec<&str> = rest.split(',').collect();
        parse_fields(&fields, keys, &OUTPUTS).map_err(bad)?;
        match runs.last_mut() {
            Some(last) if last.1 == j => last.1 += 1,
            _ => runs.push((j, j + 1)),
        }
        offset += n as u64;
    }
    let mut done = Done::from_runs(runs);
    done.valid_len = offset;
    Ok(done)
}

/// Calls `each(index, row_text)` for every row of the complete partial file at `path` in
/// increasing point index, each once (`row_text`: the fields after the index). The file's
/// runs of increasing index are merged with one reader each, so memory does not grow with
/// the number of rows.
///
/// # Errors
/// IO errors and malformed lines (a message through `error`), or `each`'s error.
pub fn for_each_sorted<E>(
    path: &Path,
    mut each: impl FnMut(usize, &str) -> Result<(), E>,
    error: impl Fn(String) -> E,
) -> Result<(), E> {
    let io = |e: io::Error| error(format!("reading {}: {e}", path.display()));
    // first pass: the byte offsets where a run of increasing index starts
    let mut reader = BufReader::new(File::open(path).map_err(io)?);
    let mut line = String::new();
    let mut offset = 0u64;
    let mut starts: Vec<u64> = Vec::new();
    let mut last: Option<usize> = None;
    let mut number = 0;
    loop {
        line.clear();
        let n = reader.read_line(&mut line).map_err(io)?;
        if n == 0 {
            break;
        }
        number += 1;
        if number > 2 {
            let (index, _) = split_line(line.trim_end()).ok_or_else(|| {
                error(format!("{} line {number}: bad point index", path.display()))
            })?;
            if last.is_none_or(|l| index <= l) {
                starts.push(offset);
            }
            last = Some(index);
        }
        offset += n as u64;
    }
    let end = offset;
    // second pass: one reader per run, merged by point index
    let mut runs = Vec::with_capacity(starts.len());
    for (k, &start) in starts.iter().enumerate() {
        let stop = starts.get(k + 1).copied().unwrap_or(end);
        let mut file = File::open(path).map_err(io)?;
        file.seek(SeekFrom::Start(start)).map_err(io)?;
        runs.push(BufReader::new(file.take(stop - start)).lines());
    }
    let mut heads = BinaryHeap::new();
    let pull = |k: usize, runs: &mut Vec<io::Lines<BufReader<io::Take<File>>>>| match runs[k].next()
    {
        None => Ok(None),
        Some(Err(e)) => Err(io(e)),
        Some(Ok(text)) => match split_line(&text) {
            Some((index, _)) => Ok(Some(Reverse((index, k, text)))),
            None => Err(error(format!("{}: bad point index", path.display()))),
        },
    };
    for k in 0..runs.len() {
        if let Some(head) = pull(k, &mut runs)? {
            heads.push(head);
        }
    }
    let mut previous: Option<usize> = None;
    while let Some(Reverse((index, k, text))) = heads.pop() {
        if previous != Some(index) {
            let rest = text.split_once(',').map(|(_, r)| r).unwrap_or("");
            each(index, rest)?;
            previous = Some(index);
        }
        if let Some(head) = pull(k, &mut runs)? {
            heads.push(head);
        }
    }
    Ok(())
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
        selection: &Selection,
    ) -> io::Result<Writer> {
        let mut file = BufWriter::new(File::create(path)?);
        writeln!(file, "{}", magic_line(fingerprint, selection))?;
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

/// Removes a file, ignoring a missing one.
pub fn remove(path: &Path) {
    let _ = fs::remove_file(path);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sweep::point::Extra;

    fn row(mu: f64) -> Row {
        Row {
            params: vec![mu],
            w: mu / 10.0,
            ergotropy: mu,
            energy_battery: -1.0,
            excited_population_battery: 0.25,
            kernel_dim: Some(1),
            residual: 1e-16,
            extra: Extra::default(),
        }
    }

    #[test]
    fn runs_of_a_stopped_and_resumed_file_are_merged_in_point_order() {
        let dir = std::env::temp_dir().join(format!("qbat-partial-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        let path = dir.join("p.csv.partial");
        let selection = Selection::new(10, None);
        // a stop flushed 5 and 7 ahead of the running 3 and 4; the resumed run appended the
        // rest (and a torn line at the end is dropped)
        let mut w = Writer::create(&path, "f", &["mu"], &selection).unwrap();
        for i in [0, 1, 2, 5, 7, 3, 4, 6, 8] {
            w.write(i, &row(i as f64)).unwrap();
        }
        drop(w);
        let mut text = fs::read_to_string(&path).unwrap();
        text.push_str("9,0.9,0.0");
        fs::write(&path, &text).unwrap();
        let done = read(&path, "f", &["mu"], &selection).unwrap();
        assert_eq!(done.count, 9);
        assert!((0..9).all(|j| done.contains(j)) && !done.contains(9));
        assert!(read(&path, "other", &["mu"], &selection).is_err());
        Writer::append(&path, done.valid_len).unwrap();
        let mut seen = Vec::new();
        for_each_sorted(
            &path,
            |i, rest| {
                let fields: Vec<&str> = rest.split(',').collect();
                let r = parse_fields(&fields, &["mu"], &OUTPUTS).unwrap();
                assert_eq!(r.params[0], i as f64);
                seen.push(i);
                Ok::<(), String>(())
            },
            |e| e,
        )
        .unwrap();
        assert_eq!(seen, (0..9).collect::<Vec<_>>());
        let _ = fs::remove_dir_all(&dir);
    }
}
