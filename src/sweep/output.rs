//! Rendering sweep rows as CSV (through the `csv` crate) or JSON (through `serde_json`).
//!
//! Each row is an ordered map, column name to value ([`columns`]): the swept keys, then the
//! results. The CSV header, the CSV records, the JSON objects and the reading back of partial
//! files all come from it, so no list of columns has to be kept in step with another.
//!
//! Numbers are written in Rust's shortest round-trip form (`0.3`, `1.5e-16`, integers without
//! `.0`), so a value read back from a partial file is bit-identical to the computed one and a
//! resumed sweep reproduces an uninterrupted sweep byte for byte.

use std::io;

#[cfg(test)]
use serde::ser::SerializeSeq;
use serde::ser::{SerializeMap, Serializer};
use serde::Serialize;

use super::point::{Extra, Row};

/// `value` in shortest round-trip form; whole numbers without a decimal point.
pub fn number(value: f64) -> String {
    let text = format!("{value:?}");
    match text.strip_suffix(".0") {
        Some(whole) => whole.to_string(),
        None => text,
    }
}

/// One value of a row.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Cell {
    /// A number (`null` in JSON when not finite).
    Number(f64),
    /// A count that may be unknown (empty in CSV, `null` in JSON).
    Count(Option<usize>),
    /// A number that may be absent (empty in CSV, `null` in JSON).
    Maybe(Option<f64>),
}

impl Cell {
    /// The CSV field.
    fn text(self) -> String {
        match self {
            Cell::Number(x) => number(x),
            Cell::Count(k) => k.map(|k| k.to_string()).unwrap_or_default(),
            Cell::Maybe(x) => x.map(number).unwrap_or_default(),
        }
    }
}

impl Serialize for Cell {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match *self {
            Cell::Number(x) => serializer.serialize_f64(x),
            Cell::Count(k) => k.serialize(serializer),
            Cell::Maybe(x) => x.serialize(serializer),
        }
    }
}

/// The result columns `outputs` (names from [`OUTPUTS`](super::point::OUTPUTS)) with their
/// values in `row`: the one place that maps a name to a value.
fn results<'o>(row: &Row, outputs: &[&'o str]) -> Vec<(&'o str, Cell)> {
    outputs
        .iter()
        .map(|&name| {
            let cell = match name {
                "W" => Cell::Number(row.w),
                "ergotropy" => Cell::Number(row.ergotropy),
                "energy_battery" => Cell::Number(row.energy_battery),
                "excited_population_battery" => Cell::Number(row.excited_population_battery),
                "kernel_dim" => Cell::Count(row.kernel_dim),
                "residual" => Cell::Number(row.residual),
                other => Cell::Maybe(
                    row.extra
                        .get(other)
                        .unwrap_or_else(|| panic!("unknown output {other:?}")),
                ),
            };
            (name, cell)
        })
        .collect()
}

/// `row` as an ordered map: the swept `keys` with their values, then the `outputs`.
pub fn columns<'a>(keys: &[&'a str], outputs: &[&'a str], row: &Row) -> Vec<(&'a str, Cell)> {
    keys.iter()
        .copied()
        .zip(row.params.iter().map(|&v| Cell::Number(v)))
        .chain(results(row, outputs))
        .collect()
}

/// The column names of a sweep over `keys`: swept keys, then the outputs.
pub fn column_names<'a>(keys: &[&'a str], outputs: &[&'a str]) -> Vec<&'a str> {
    keys.iter().chain(outputs).copied().collect()
}

/// CSV text of records (each a list of fields), one line each, through `csv::Writer`.
fn csv_text<I, R>(records: I) -> String
where
    I: IntoIterator<Item = R>,
    R: IntoIterator,
    R::Item: AsRef<[u8]>,
{
    let mut writer = csv::Writer::from_writer(Vec::new());
    for record in records {
        // writing into memory cannot fail
        writer.write_record(record).expect("CSV into memory");
    }
    let bytes = writer.into_inner().expect("CSV into memory");
    String::from_utf8(bytes).expect("CSV of UTF-8 fields")
}

/// The CSV header line (no newline): `extra` names first (the partial file's `point`), then
/// the swept keys and the results.
pub fn csv_header(extra: &[&str], keys: &[&str], outputs: &[&str]) -> String {
    let line = csv_text([extra.iter().copied().chain(column_names(keys, outputs))]);
    line.trim_end_matches('\n').to_string()
}

/// `row` as one CSV line (no newline), `extra` fields first (the partial file's point index).
pub fn csv_line(extra: &[String], outputs: &[&str], row: &Row) -> String {
    let fields = extra
        .iter()
        .cloned()
        .chain(results_and_params(row, outputs))
        .collect::<Vec<_>>();
    let line = csv_text([fields]);
    line.trim_end_matches('\n').to_string()
}

/// The fields of `row` in column order (the names do not matter for the text).
fn results_and_params(row: &Row, outputs: &[&str]) -> Vec<String> {
    row.params
        .iter()
        .map(|&v| Cell::Number(v))
        .chain(results(row, outputs).into_iter().map(|(_, cell)| cell))
        .map(Cell::text)
        .collect()
}

/// The whole table as CSV text, header first, one line per row.
pub fn to_csv(keys: &[&str], outputs: &[&str], rows: &[Row]) -> String {
    let header: Vec<String> = column_names(keys, outputs)
        .iter()
        .map(|s| s.to_string())
        .collect();
    let records = rows.iter().map(|row| -> Vec<String> {
        columns(keys, outputs, row)
            .into_iter()
            .map(|(_, c)| c.text())
            .collect()
    });
    csv_text(std::iter::once(header).chain(records))
}

/// A row as a JSON object: its [`columns`] in order.
struct Object<'a>(Vec<(&'a str, Cell)>);

impl Serialize for Object<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (name, cell) in &self.0 {
            map.serialize_entry(name, cell)?;
        }
        map.end()
    }
}

/// The rows as a JSON array.
#[cfg(test)]
struct Table<'a>(Vec<Object<'a>>);

#[cfg(test)]
impl Serialize for Table<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(self.0.len()))?;
        for object in &self.0 {
            seq.serialize_element(object)?;
        }
        seq.end()
    }
}

/// The sweep's JSON layout: one object per line, `", "` and `": "` separators, numbers in
/// [`number`]'s shortest round-trip form.
struct Layout;

impl serde_json::ser::Formatter for Layout {
    fn write_f64<W: ?Sized + io::Write>(&mut self, writer: &mut W, value: f64) -> io::Result<()> {
        writer.write_all(number(value).as_bytes())
    }

    fn begin_array_value<W: ?Sized + io::Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> io::Result<()> {
        writer.write_all(if first { b"\n  " } else { b",\n  " })
    }

    fn end_array<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        writer.write_all(b"\n]")
    }

    fn begin_object_key<W: ?Sized + io::Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> io::Result<()> {
        writer.write_all(if first { b"" } else { b", " })
    }

    fn begin_object_value<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        writer.write_all(b": ")
    }
}

/// The table as a JSON array of objects with the CSV's columns as fields, in column order
/// (`null` for an unknown `kernel_dim` or a non-finite number), one object per line.
#[cfg(test)]
pub fn to_json(keys: &[&str], outputs: &[&str], rows: &[Row]) -> String {
    let table = Table(
        rows.iter()
            .map(|row| Object(columns(keys, outputs, row)))
            .collect(),
    );
    let mut bytes = Vec::new();
    let mut serializer = serde_json::Serializer::with_formatter(&mut bytes, Layout);
    // numbers, names and nulls into memory: cannot fail
    table.serialize(&mut serializer).expect("JSON into memory");
    bytes.push(b'\n');
    String::from_utf8(bytes).expect("JSON is UTF-8")
}

/// A row as one JSON object in the sweep's layout (no newline).
fn json_object(keys: &[&str], outputs: &[&str], row: &Row) -> String {
    let mut bytes = Vec::new();
    let mut serializer = serde_json::Serializer::with_formatter(&mut bytes, Layout);
    // numbers, names and nulls into memory: cannot fail
    Object(columns(keys, outputs, row))
        .serialize(&mut serializer)
        .expect("JSON into memory");
    String::from_utf8(bytes).expect("JSON is UTF-8")
}

/// Writes a table row by row, giving exactly the bytes of [`to_csv`] or `to_json` (or, with
/// provenance, a JSON object `{"provenance": ..., "rows": [...]}` whose rows have the same
/// layout), so a sweep never holds its rows to print them.
pub struct TableWriter<'w> {
    out: &'w mut (dyn io::Write + Send),
    json: bool,
    wrapped: bool,
    first: bool,
    keys: Vec<String>,
    outputs: Vec<&'static str>,
}

impl<'w> TableWriter<'w> {
    /// Starts the table: the CSV header, or the JSON array's opening (after the provenance
    /// object, when given).
    ///
    /// # Errors
    /// IO errors.
    pub fn begin(
        out: &'w mut (dyn io::Write + Send),
        json: bool,
        keys: &[&str],
        outputs: &[&'static str],
        provenance: Option<&str>,
    ) -> io::Result<TableWriter<'w>> {
        if json {
            match provenance {
                Some(p) => write!(out, "{{\"provenance\": {p},\n\"rows\": [")?,
                None => write!(out, "[")?,
            }
        } else {
            writeln!(out, "{}", csv_header(&[], keys, outputs))?;
        }
        Ok(TableWriter {
            out,
            json,
            wrapped: json && provenance.is_some(),
            first: true,
            keys: keys.iter().map(|k| k.to_string()).collect(),
            outputs: outputs.to_vec(),
        })
    }

    /// Writes one row.
    ///
    /// # Errors
    /// IO errors.
    pub fn row(&mut self, row: &Row) -> io::Result<()> {
        if self.json {
            let keys: Vec<&str> = self.keys.iter().map(String::as_str).collect();
            let sep = if self.first { "\n  " } else { ",\n  " };
            write!(self.out, "{sep}{}", json_object(&keys, &self.outputs, row))?;
        } else {
            writeln!(self.out, "{}", csv_line(&[], &self.outputs, row))?;
        }
        self.first = false;
        Ok(())
    }

    /// Ends the table (closes the JSON array) and flushes.
    ///
    /// # Errors
    /// IO errors.
    pub fn finish(self) -> io::Result<()> {
        if self.json {
            write!(self.out, "\n]{}\n", if self.wrapped { "}" } else { "" })?;
        }
        self.out.flush()
    }

    /// Flushes what was written so far.
    ///
    /// # Errors
    /// IO errors.
    pub fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

/// Parses a CSV record written by [`csv_line`] (without its extra fields) back into a row
/// of a sweep over `keys`, each field found by its column name.
///
/// # Errors
/// A message when the field count or a number is wrong.
pub fn parse_fields(fields: &[&str], keys: &[&str], outputs: &[&str]) -> Result<Row, String> {
    let names = column_names(keys, outputs);
    if fields.len() != names.len() {
        return Err(format!(
            "expected {} fields, found {}",
            names.len(),
            fields.len()
        ));
    }
    let num = |s: &str| s.parse::<f64>().map_err(|_| format!("bad number {s:?}"));
    let mut row = Row {
        params: Vec::with_capacity(keys.len()),
        w: f64::NAN,
        ergotropy: f64::NAN,
        energy_battery: f64::NAN,
        excited_population_battery: f64::NAN,
        kernel_dim: None,
        residual: f64::NAN,
        extra: Extra::default(),
    };
    for (k, (&name, &field)) in names.iter().zip(fields).enumerate() {
        if k < keys.len() {
            row.params.push(num(field)?);
            continue;
        }
        match name {
            "W" => row.w = num(field)?,
            "ergotropy" => row.ergotropy = num(field)?,
            "energy_battery" => row.energy_battery = num(field)?,
            "excited_population_battery" => row.excited_population_battery = num(field)?,
            "kernel_dim" => {
                row.kernel_dim = match field {
                    "" => None,
                    k => Some(
                        k.parse::<usize>()
                            .map_err(|_| format!("bad kernel_dim {k:?}"))?,
                    ),
                }
            }
            "residual" => row.residual = num(field)?,
            other => {
                let slot = row
                    .extra
                    .slot(other)
                    .ok_or_else(|| format!("unknown column {other:?}"))?;
                *slot = match field {
                    "" => None,
                    v => Some(num(v)?),
                };
            }
        }
    }
    Ok(row)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row() -> Row {
        Row {
            params: vec![3.0, 0.30000000000000004],
            w: 0.1,
            ergotropy: 2.0,
            energy_battery: -9.5,
            excited_population_battery: 0.025,
            kernel_dim: Some(4),
            residual: 1.25e-16,
            extra: Extra::default(),
        }
    }

    const D: [&str; 6] = crate::sweep::point::DEFAULT_OUTPUTS;

    #[test]
    fn numbers_round_trip() {
        for v in [0.3, 0.1 + 0.2, 1e-300, 123456789.125, -2.5e20, 3.0] {
            assert_eq!(number(v).parse::<f64>().unwrap().to_bits(), v.to_bits());
        }
        assert_eq!(number(3.0), "3");
        assert_eq!(number(1.25e-16), "1.25e-16");
    }

    #[test]
    fn csv_line_parses_back_identically() {
        let line = csv_line(&[], &D, &row());
        let fields: Vec<&str> = line.split(',').collect();
        assert_eq!(parse_fields(&fields, &["n", "mu"], &D).unwrap(), row());
        let mut none = row();
        none.kernel_dim = None;
        let line = csv_line(&[], &D, &none);
        let fields: Vec<&str> = line.split(',').collect();
        assert_eq!(parse_fields(&fields, &["n", "mu"], &D).unwrap(), none);
        assert_eq!(
            csv_line(&["7".to_string()], &D, &none),
            "7,3,0.30000000000000004,0.1,2,-9.5,0.025,,1.25e-16"
        );
    }

    #[test]
    fn json_is_valid_and_ordered() {
        let text = to_json(&["n", "mu"], &D, &[row(), row()]);
        let parsed: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(parsed[1]["kernel_dim"], 4);
        assert_eq!(parsed[0]["W"], 0.1);
        assert!(text.find("\"n\"").unwrap() < text.find("\"W\"").unwrap());
    }

    #[test]
    fn streamed_table_equals_the_whole_table() {
        let mut nan = row();
        nan.kernel_dim = None;
        nan.residual = f64::NAN;
        let rows = [row(), nan];
        for json in [false, true] {
            for n in 0..=2 {
                let mut bytes = Vec::new();
                let mut w = TableWriter::begin(&mut bytes, json, &["n", "mu"], &D, None).unwrap();
                for r in &rows[..n] {
                    w.row(r).unwrap();
                }
                w.finish().unwrap();
                let whole = if json {
                    to_json(&["n", "mu"], &D, &rows[..n])
                } else {
                    to_csv(&["n", "mu"], &D, &rows[..n])
                };
                assert_eq!(String::from_utf8(bytes).unwrap(), whole);
            }
        }
        let mut bytes = Vec::new();
        let mut w = TableWriter::begin(&mut bytes, true, &["n", "mu"], &D, Some("{}")).unwrap();
        w.row(&row()).unwrap();
        w.finish().unwrap();
        let v: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
        assert_eq!(v["rows"][0]["W"], 0.1);
    }

    #[test]
    fn text_layout_is_the_documented_one() {
        let mut nan = row();
        nan.kernel_dim = None;
        nan.residual = f64::NAN;
        assert_eq!(
            to_json(&["n", "mu"], &D, &[row(), nan.clone()]),
            "[\n  {\"n\": 3, \"mu\": 0.30000000000000004, \"W\": 0.1, \"ergotropy\": 2, \
             \"energy_battery\": -9.5, \"excited_population_battery\": 0.025, \"kernel_dim\": 4, \
             \"residual\": 1.25e-16},\n  {\"n\": 3, \"mu\": 0.30000000000000004, \"W\": 0.1, \
             \"ergotropy\": 2, \"energy_battery\": -9.5, \"excited_population_battery\": 0.025, \
             \"kernel_dim\": null, \"residual\": null}\n]\n"
        );
        assert_eq!(to_json(&["n"], &D, &[]), "[\n]\n");
        assert_eq!(
            to_csv(&["n", "mu"], &D, &[row()]),
            "n,mu,W,ergotropy,energy_battery,excited_population_battery,kernel_dim,residual\n\
             3,0.30000000000000004,0.1,2,-9.5,0.025,4,1.25e-16\n"
        );
        assert_eq!(
            csv_header(&["point"], &["dmu"], &D),
            "point,dmu,W,ergotropy,energy_battery,excited_population_battery,kernel_dim,residual"
        );
    }
}
