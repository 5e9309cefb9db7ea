//! Rendering sweep rows as CSV or JSON text.
//!
//! Numbers are written in Rust's shortest round-trip form (`0.3`, `1.5e-16`, integers without
//! `.0`), so a value read back from a partial file is bit-identical to the computed one and a
//! resumed sweep reproduces an uninterrupted sweep byte for byte.

use super::point::{Row, RESULT_COLUMNS};

/// `value` in shortest round-trip form; whole numbers without a decimal point.
pub fn number(value: f64) -> String {
    let text = format!("{value:?}");
    match text.strip_suffix(".0") {
        Some(whole) => whole.to_string(),
        None => text,
    }
}

/// The CSV header: swept keys, then [`RESULT_COLUMNS`].
pub fn csv_header(keys: &[&str]) -> String {
    keys.iter()
        .copied()
        .chain(RESULT_COLUMNS)
        .collect::<Vec<_>>()
        .join(",")
}

/// The fields of `row` in column order (`kernel_dim` empty when unknown).
pub fn fields(row: &Row) -> Vec<String> {
    let mut out: Vec<String> = row.params.iter().map(|&v| number(v)).collect();
    out.extend(
        [
            row.w,
            row.ergotropy,
            row.energy_battery,
            row.excited_population_battery,
        ]
        .map(number),
    );
    out.push(row.kernel_dim.map(|k| k.to_string()).unwrap_or_default());
    out.push(number(row.residual));
    out
}

/// `row` as one CSV line (no newline).
pub fn csv_line(row: &Row) -> String {
    fields(row).join(",")
}

/// The whole table as CSV text, header first, one line per row.
pub fn to_csv(keys: &[&str], rows: &[Row]) -> String {
    let mut text = csv_header(keys);
    text.push('\n');
    for row in rows {
        text.push_str(&csv_line(row));
        text.push('\n');
    }
    text
}

/// The table as a JSON array of objects with the CSV's columns as fields, in column order
/// (`null` for an unknown `kernel_dim` or a non-finite number).
pub fn to_json(keys: &[&str], rows: &[Row]) -> String {
    let names: Vec<&str> = keys.iter().copied().chain(RESULT_COLUMNS).collect();
    let mut text = String::from("[\n");
    for (r, row) in rows.iter().enumerate() {
        let mut values: Vec<String> = row.params.iter().map(|&v| json_number(v)).collect();
        values.extend(
            [
                row.w,
                row.ergotropy,
                row.energy_battery,
                row.excited_population_battery,
            ]
            .map(json_number),
        );
        values.push(
            row.kernel_dim
                .map(|k| k.to_string())
                .unwrap_or_else(|| "null".into()),
        );
        values.push(json_number(row.residual));
        let body: Vec<String> = names
            .iter()
            .zip(values)
            .map(|(name, value)| format!("\"{name}\": {value}"))
            .collect();
        text.push_str("  {");
        text.push_str(&body.join(", "));
        text.push_str(if r + 1 < rows.len() { "},\n" } else { "}\n" });
    }
    text.push_str("]\n");
    text
}

fn json_number(value: f64) -> String {
    if value.is_finite() {
        number(value)
    } else {
        "null".into()
    }
}

/// Parses the fields written by [`fields`] back into a row with `param_count` swept keys.
///
/// # Errors
/// A message when the field count or a number is wrong.
pub fn parse_fields(fields: &[&str], param_count: usize) -> Result<Row, String> {
    if fields.len() != param_count + RESULT_COLUMNS.len() {
        return Err(format!(
            "expected {} fields, found {}",
            param_count + RESULT_COLUMNS.len(),
            fields.len()
        ));
    }
    let num = |s: &str| s.parse::<f64>().map_err(|_| format!("bad number {s:?}"));
    let params = fields[..param_count]
        .iter()
        .map(|s| num(s))
        .collect::<Result<Vec<_>, _>>()?;
    let r = &fields[param_count..];
    let kernel_dim = match r[4] {
        "" => None,
        k => Some(
            k.parse::<usize>()
                .map_err(|_| format!("bad kernel_dim {k:?}"))?,
        ),
    };
    Ok(Row {
        params,
        w: num(r[0])?,
        ergotropy: num(r[1])?,
        energy_battery: num(r[2])?,
        excited_population_battery: num(r[3])?,
        kernel_dim,
        residual: num(r[5])?,
    })
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
        }
    }

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
        let line = csv_line(&row());
        let fields: Vec<&str> = line.split(',').collect();
        assert_eq!(parse_fields(&fields, 2).unwrap(), row());
        let mut none = row();
        none.kernel_dim = None;
        let line = csv_line(&none);
        let fields: Vec<&str> = line.split(',').collect();
        assert_eq!(parse_fields(&fields, 2).unwrap(), none);
    }

    #[test]
    fn json_is_valid_and_ordered() {
        let text = to_json(&["n", "mu"], &[row(), row()]);
        let parsed: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(parsed[1]["kernel_dim"], 4);
        assert_eq!(parsed[0]["W"], 0.1);
        assert!(text.find("\"n\"").unwrap() < text.find("\"W\"").unwrap());
    }
}
