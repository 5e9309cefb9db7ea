//! Shard files (`qbat sweep --shard I/K --out FILE`) and their merge (`qbat merge`).
//!
//! A shard file is the shard's rows in point order with everything the merge needs to check
//! and rebuild the whole sweep:
//! ```text
//! # qbat sweep shard v1 fingerprint=0123456789abcdef points=505 shard=2/7 rows=72
//! # definition {"command":["qbat","sweep","--vary","mu=0:10:101",...],"config_text":null}
//! point,temperature,mu,W,ergotropy,...     (every output column, as in the partial file)
//! 1,0.5,0.1,0.43,...
//! ...
//! # end
//! ```
//! The merge reads the shards side by side (point `i` is row `i / K` of shard `i mod K + 1`),
//! so it holds one line per shard, whatever the number of points.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{BufRead, BufReader, Lines};
use std::path::{Path, PathBuf};

use super::output::{csv_header, parse_fields};
use super::partial;
use super::point::{Row, OUTPUTS};
use super::provenance::Definition;
use super::select::{Selection, Shard};
use super::RowSink;
use crate::error::CliError;

const MAGIC: &str = "# qbat sweep shard v1";
const DEFINITION: &str = "# definition ";
const END: &str = "# end";

/// Writes the shard file `out` atomically from the complete partial file `partial_file`.
///
/// # Errors
/// [`CliError::Output`] when reading or writing fails.
pub fn write_shard(
    out: &Path,
    partial_file: &Path,
    fingerprint: &str,
    selection: &Selection,
    definition: &Definition,
    keys: &[&str],
) -> Result<(), CliError> {
    let shard = selection.shard.expect("a shard run");
    let io = |e: std::io::Error| CliError::Output(format!("writing {}: {e}", out.display()));
    crate::atomic::write_atomic_with(out, io, |w| {
        writeln!(
            w,
            "{MAGIC} fingerprint={fingerprint} points={} shard={shard} rows={}",
            selection.total,
            selection.len()
        )
        .map_err(io)?;
        let definition = serde_json::to_string(definition).expect("JSON into memory");
        writeln!(w, "{DEFINITION}{definition}").map_err(io)?;
        writeln!(w, "{}", csv_header(&["point"], keys, &OUTPUTS)).map_err(io)?;
        partial::for_each_sorted(
            partial_file,
            |index, rest| writeln!(w, "{index},{rest}").map_err(io),
            CliError::Output,
        )?;
        writeln!(w, "{END}").map_err(io)
    })
}

/// A shard file opened for merging: its header read, its rows to come.
pub struct ShardFile {
    /// The path given.
    pub path: PathBuf,
    /// The sweep's fingerprint.
    pub fingerprint: String,
    /// Points in the whole sweep.
    pub points: usize,
    /// Which shard.
    pub shard: Shard,
    /// Rows the shard holds.
    pub rows: usize,
    /// The sweep's definition.
    pub definition: Definition,
    /// The column header line.
    pub header: String,
    lines: Lines<BufReader<File>>,
    line: usize,
}

impl ShardFile {
    /// Opens `path` and reads its header.
    ///
    /// # Errors
    /// [`CliError::Input`] naming the file when it is unreadable or not a shard file.
    pub fn open(path: &Path) -> Result<ShardFile, CliError> {
        let bad = |why: String| CliError::Input(format!("{}: {why}", path.display()));
        let file = File::open(path).map_err(|e| bad(format!("cannot read it: {e}")))?;
        let mut lines = BufReader::new(file).lines();
        let mut next = || -> Result<String, CliError> {
            match lines.next() {
                Some(Ok(l)) => Ok(l),
                Some(Err(e)) => Err(bad(format!("cannot read it: {e}"))),
                None => Err(bad("not a qbat shard file (too short)".into())),
            }
        };
        let magic = next()?;
        let not_shard = || bad("not a qbat shard file (qbat sweep --shard I/K --out FILE)".into());
        let fields = magic.strip_prefix(MAGIC).ok_or_else(not_shard)?;
        let mut values = BTreeMap::new();
        for field in fields.split_whitespace() {
            let (k, v) = field.split_once('=').ok_or_else(not_shard)?;
            values.insert(k, v);
        }
        let get = |k: &str| values.get(k).copied().ok_or_else(not_shard);
        let number = |k: &str| get(k)?.parse::<usize>().map_err(|_| not_shard());
        let shard = Shard::parse(get("shard")?, |_| None).map_err(|_| not_shard())?;
        let definition = next()?;
        let definition: Definition = definition
            .strip_prefix(DEFINITION)
            .and_then(|d| serde_json::from_str(d).ok())
            .ok_or_else(|| bad("corrupt shard file (its definition line)".into()))?;
        let header = next()?;
        Ok(ShardFile {
            path: path.to_path_buf(),
            fingerprint: get("fingerprint")?.to_string(),
            points: number("points")?,
            shard,
            rows: number("rows")?,
            definition,
            header,
            lines,
            line: 3,
        })
    }

    /// The next line, `None` at the end of the file.
    fn next_line(&mut self) -> Result<Option<String>, CliError> {
        self.line += 1;
        match self.lines.next() {
            None => Ok(None),
            Some(Ok(l)) => Ok(Some(l)),
            Some(Err(e)) => Err(CliError::Input(format!(
                "{}: cannot read it: {e}",
                self.path.display()
            ))),
        }
    }
}

/// Checks that `shards` are the complete set of shards of one sweep and sorts them by shard
/// number.
///
/// # Errors
/// [`CliError::Input`] naming a file of another sweep, a duplicated shard, or the missing
/// shard numbers.
pub fn check_set(shards: &mut [ShardFile]) -> Result<(), CliError> {
    let Some(first) = shards.first() else {
        return Err(CliError::Input("qbat merge needs the shard files".into()));
    };
    let (fingerprint, points, count) = (first.fingerprint.clone(), first.points, first.shard.count);
    let first_path = first.path.clone();
    for s in shards.iter() {
        if s.fingerprint != fingerprint || s.points != points || s.shard.count != count {
            return Err(CliError::Input(format!(
                "{} is a shard of another sweep than {} (fingerprint {}, shard {}, {} points; \
                 not {fingerprint}, of {count}, {points} points)",
                s.path.display(),
                first_path.display(),
                s.fingerprint,
                s.shard,
                s.points
            )));
        }
        if s.rows != Selection::new(points, Some(s.shard)).len() {
            return Err(CliError::Input(format!(
                "{}: corrupt shard file (rows={} for shard {} of {points} points)",
                s.path.display(),
                s.rows,
                s.shard
            )));
        }
    }
    shards.sort_by_key(|s| s.shard.index);
    for pair in shards.windows(2) {
        if pair[0].shard.index == pair[1].shard.index {
            return Err(CliError::Input(format!(
                "{} and {} are both shard {}",
                pair[0].path.display(),
                pair[1].path.display(),
                pair[0].shard
            )));
        }
    }
    let missing: Vec<String> = (1..=count)
        .filter(|i| !shards.iter().any(|s| s.shard.index == *i))
        .map(|i| i.to_string())
        .collect();
    if !missing.is_empty() {
        return Err(CliError::Input(format!(
            "missing shard{} {} of {count} (given: {})",
            if missing.len() > 1 { "s" } else { "" },
            missing.join(", "),
            shards
                .iter()
                .map(|s| s.path.display().to_string())
                .collect::<Vec<_>>()
                .join(", ")
        )));
    }
    Ok(())
}

/// Hands every row of the checked, sorted `shards` to `sink` in point order, checking each
/// line and that every file ends exactly after its rows.
///
/// # Errors
/// [`CliError::Input`] naming the file for a truncated file, a corrupt line or a row out of
/// place; the sink's errors.
pub fn for_each_row(
    shards: &mut [ShardFile],
    keys: &[&str],
    sink: &mut RowSink<'_>,
) -> Result<(), CliError> {
    let count = shards.len();
    let points = shards.first().map_or(0, |s| s.points);
    let header = csv_header(&["point"], keys, &OUTPUTS);
    for s in shards.iter() {
        if s.header != header {
            return Err(CliError::Input(format!(
                "{}: corrupt shard file (its column header)",
                s.path.display()
            )));
        }
    }
    let truncated = |s: &ShardFile, done: usize| {
        CliError::Input(format!(
            "{} is truncated: {done} of its {} rows",
            s.path.display(),
            s.rows
        ))
    };
    for i in 0..points {
        let s = &mut shards[i % count];
        let Some(line) = s.next_line()? else {
            return Err(truncated(s, i / count));
        };
        let bad = |why: String| {
            CliError::Input(format!(
                "{} line {}: corrupt shard file ({why})",
                s.path.display(),
                s.line
            ))
        };
        let (index, rest) = line
            .split_once(',')
            .ok_or_else(|| bad(format!("{line:?}")))?;
        if index.parse::<usize>().ok() != Some(i) {
            if line == END {
                return Err(truncated(s, i / count));
            }
            return Err(bad(format!("point {index:?} where point {i} belongs")));
        }
        let fields: Vec<&str> = rest.split(',').collect();
        let row: Row = parse_fields(&fields, keys, &OUTPUTS).map_err(bad)?;
        sink(i, row)?;
    }
    for s in shards.iter_mut() {
        let end = s.next_line()?;
        if end.as_deref() != Some(END) {
            return Err(match end {
                None => truncated(s, s.rows),
                Some(_) => CliError::Input(format!(
                    "{} line {}: corrupt shard file (more rows than rows={})",
                    s.path.display(),
                    s.line,
                    s.rows
                )),
            });
        }
        if s.next_line()?.is_some() {
            return Err(CliError::Input(format!(
                "{} line {}: corrupt shard file (text after the end)",
                s.path.display(),
                s.line
            )));
        }
    }
    Ok(())
}
