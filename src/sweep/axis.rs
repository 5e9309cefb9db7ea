//! The `--vary` / `--series` grammar: which key, and which values.
//!
//! ```text
//! KEY=START:STOP:COUNT       COUNT values, evenly spaced, both ends included
//! KEY=log:START:STOP:COUNT   COUNT values, evenly spaced in log10, both ends included
//! KEY=A,B,C                  the listed values, in order
//! ```

use crate::plot::Scale;

/// One swept axis: a model key and the values it takes, in order.
#[derive(Clone, Debug, PartialEq)]
pub struct Axis {
    /// The model key, as in the model file (`mu`, `temperature`, `n`, ...).
    pub key: String,
    /// The values, in sweep order (a range is kept as its formula, never materialised).
    pub values: Values,
    /// How the values were spaced (a log range gets a log plot axis).
    pub scale: Scale,
}

/// The values of an axis. A range is stored as its formula and each value computed from its
/// index, so `mu=0:10:1000000000` costs no memory; a list is stored as given.
#[derive(Clone, Debug, PartialEq)]
pub enum Values {
    /// `count` values evenly spaced from `start` to `stop` inclusive ([`linear_value`]).
    Linear {
        /// First value.
        start: f64,
        /// Last value.
        stop: f64,
        /// Number of values (at least 1).
        count: usize,
    },
    /// `count` values evenly spaced in `log10` from `start` to `stop` inclusive.
    Log {
        /// First value (> 0).
        start: f64,
        /// Last value (> 0).
        stop: f64,
        /// Number of values (at least 1).
        count: usize,
    },
    /// The values as listed.
    List(Vec<f64>),
}

impl From<Vec<f64>> for Values {
    fn from(values: Vec<f64>) -> Self {
        Values::List(values)
    }
}

impl Values {
    /// Number of values.
    pub fn len(&self) -> usize {
        match self {
            Values::Linear { count, .. } | Values::Log { count, .. } => *count,
            Values::List(v) => v.len(),
        }
    }

    /// Value `i` (`i < len()`), computed from its index for a range.
    ///
    /// # Panics
    /// When `i` is out of range.
    pub fn get(&self, i: usize) -> f64 {
        match *self {
            Values::Linear { start, stop, count } => {
                assert!(i < count, "value {i} of {count}");
                linear_value(start, stop, count, i)
            }
            Values::Log { start, stop, count } => {
                assert!(i < count, "value {i} of {count}");
                log_value(start, stop, count, i)
            }
            Values::List(ref v) => v[i],
        }
    }

    /// Every value, in order (only for axes known to be small: plots, fingerprints).
    pub fn to_vec(&self) -> Vec<f64> {
        match self {
            Values::List(v) => v.clone(),
            _ => (0..self.len()).map(|i| self.get(i)).collect(),
        }
    }
}

/// A `--vary` or `--series` argument that cannot be understood.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
#[error("invalid {flag} {spec:?}: {reason}")]
pub struct AxisError {
    /// The flag (`--vary` or `--series`).
    pub flag: String,
    /// The argument as given.
    pub spec: String,
    /// What is wrong with it.
    pub reason: String,
}

/// Parses `spec` (the text after `--vary` or `--series`, named by `flag` in errors). Checks the
/// grammar and numbers only; whether the key exists is checked against the model.
///
/// # Errors
/// [`AxisError`] for a missing `=`, a non-numeric or non-finite number, `COUNT = 0`, or a log
/// range with `START <= 0` or `STOP <= 0`.
pub fn parse_axis(flag: &str, spec: &str) -> Result<Axis, AxisError> {
    let fail = |reason: String| AxisError {
        flag: flag.into(),
        spec: spec.into(),
        reason,
    };
    let (key, body) = spec.split_once('=').ok_or_else(|| {
        fail("expected KEY=START:STOP:COUNT, KEY=log:START:STOP:COUNT or KEY=A,B,C".into())
    })?;
    let key = key.trim();
    if key.is_empty() {
        return Err(fail("the key before '=' is empty".into()));
    }
    let number = |text: &str, what: &str| -> Result<f64, AxisError> {
        let v: f64 = text
            .trim()
            .parse()
            .map_err(|_| fail(format!("{what} {:?} is not a number", text.trim())))?;
        if v.is_finite() {
            Ok(v)
        } else {
            Err(fail(format!("{what} {v} is not finite")))
        }
    };
    let count = |text: &str| -> Result<usize, AxisError> {
        let c: usize = text
            .trim()
            .parse()
            .map_err(|_| fail(format!("COUNT {:?} is not a whole number", text.trim())))?;
        if c == 0 {
            Err(fail("COUNT must be at least 1".into()))
        } else {
            Ok(c)
        }
    };
    let parts: Vec<&str> = body.split(':').collect();
    let (values, scale) = match parts.as_slice() {
        [log, start, stop, n] if log.trim() == "log" => {
            let (start, stop, n) = (number(start, "START")?, number(stop, "STOP")?, count(n)?);
            if start <= 0.0 || stop <= 0.0 {
                return Err(fail(format!(
                    "a log range needs START > 0 and STOP > 0 (got {start}, {stop})"
                )));
            }
            (
                Values::Log {
                    start,
                    stop,
                    count: n,
                },
                Scale::Log,
            )
        }
        [start, stop, n] => {
            let (start, stop, n) = (number(start, "START")?, number(stop, "STOP")?, count(n)?);
            (
                Values::Linear {
                    start,
                    stop,
                    count: n,
                },
                Scale::Linear,
            )
        }
        [list] => {
            let values = list
                .split(',')
                .map(|v| number(v, "value"))
                .collect::<Result<Vec<_>, _>>()?;
            (Values::List(values), Scale::Linear)
        }
        _ => {
            return Err(fail(
                "expected START:STOP:COUNT, log:START:STOP:COUNT or A,B,C after '='".into(),
            ))
        }
    };
    Ok(Axis {
        key: key.to_string(),
        values,
        scale,
    })
}

/// `count` values from `start` to `stop` inclusive, evenly spaced:
/// `x_i = (start (count-1-i) + stop i) / (count-1)`.
///
/// This form (rather than `start + i * step`) is exact at both ends and gives the nearest
/// double to decimal grid points (`0:10:101` yields exactly `0.3`, not `0.30000000000000004`),
/// so grids coincide with reference tables.
pub fn linspace(start: f64, stop: f64, count: usize) -> Vec<f64> {
    (0..count)
        .map(|i| linear_value(start, stop, count, i))
        .collect()
}

/// Value `i` of [`linspace`]`(start, stop, count)`:
/// `(start (count-1-i) + stop i) / (count-1)`, `start` when `count == 1`.
pub fn linear_value(start: f64, stop: f64, count: usize, i: usize) -> f64 {
    if count <= 1 {
        return start;
    }
    let m = (count - 1) as f64;
    let i = i as f64;
    (start * (m - i) + stop * i) / m
}

/// Value `i` of `count` values from `start` to `stop` inclusive, evenly spaced in `log10`;
/// both ends exact.
pub fn log_value(start: f64, stop: f64, count: usize, i: usize) -> f64 {
    if i == 0 {
        start
    } else if i + 1 == count {
        stop
    } else {
        10f64.powf(linear_value(start.log10(), stop.log10(), count, i))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn linear_range_is_inclusive_and_exact_on_decimal_grids() {
        let a = parse_axis("--vary", "mu=0:10:101").unwrap();
        assert_eq!(a.key, "mu");
        assert_eq!(a.values.len(), 101);
        assert_eq!(a.values.get(3), 0.3);
        assert_eq!(a.values.get(100), 10.0);
        // value i = (start (n-1-i) + stop i) / (n-1): no float noise on a decimal grid
        let b = parse_axis("--vary", "mu=0:1:11").unwrap();
        let expected = [0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0];
        assert_eq!(b.values.to_vec(), expected);
        // a billion points cost nothing until asked for
        let c = parse_axis("--vary", "mu=0:10:1000000000").unwrap();
        assert_eq!(c.values.len(), 1_000_000_000);
        assert_eq!(c.values.get(999_999_999), 10.0);
        assert_eq!(a.scale, Scale::Linear);
    }

    #[test]
    fn log_range_and_list() {
        let a = parse_axis("--vary", "temperature=log:0.01:100:5").unwrap();
        let expected = [0.01, 0.1, 1.0, 10.0, 100.0];
        for (v, e) in a.values.to_vec().iter().zip(expected) {
            assert!((v / e - 1.0).abs() < 1e-14, "{v} vs {e}");
        }
        assert_eq!(a.scale, Scale::Log);
        let b = parse_axis("--series", "n=2,3,5").unwrap();
        assert_eq!(b.values, Values::List(vec![2.0, 3.0, 5.0]));
    }

    #[test]
    fn bad_specs_are_rejected_with_reasons() {
        for (spec, needle) in [
            ("mu=0:1:0", "COUNT must be at least 1"),
            ("mu=log:0:1:5", "START > 0"),
            ("mu=a:1:5", "not a number"),
            ("mu=1,x", "not a number"),
            ("mu", "expected"),
            ("=1,2", "empty"),
            ("mu=1:2", "expected"),
            ("mu=0:1:2.5", "whole number"),
            ("mu=0:inf:3", "not finite"),
        ] {
            let e = parse_axis("--vary", spec).unwrap_err();
            assert!(e.to_string().contains(needle), "{spec}: {e}");
        }
    }
}
