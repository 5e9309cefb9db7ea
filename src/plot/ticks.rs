//! Tick labels: zero snapped, and the fewest digits that still tell the ticks apart.
//!
//! plotters places linear ticks at multiples of a step `s = {1, 2, 5} * 10^k`, but computes
//! them in floating point, so the tick at zero can come out as `-5.551e-17`. A tick with
//! `|v| < 1e-9 s` is zero; every other tick is written with the fewest decimals (or, for
//! axes whose largest tick is below `1e-3` or from `1e5` on, mantissa digits) that represent
//! all ticks to within `1e-6 s`. Because ticks are multiples of `10^k`, fewer digits than
//! that would be off by at least `s / 5`, so the digit count is the one of the step.

/// A tick with magnitude below this fraction of the tick step is zero (floating-point noise).
pub const ZERO_FRACTION: f64 = 1e-9;

/// A label must reproduce its tick to within this fraction of the tick step.
const LABEL_FRACTION: f64 = 1e-6;

/// Largest number of digits tried before falling back to [`tick_label`].
const MAX_DIGITS: usize = 17;

/// The tick step of `ticks`: the smallest gap between sorted neighbours, `None` for fewer
/// than two distinct finite ticks.
pub fn tick_step(ticks: &[f64]) -> Option<f64> {
    let mut sorted: Vec<f64> = ticks.iter().copied().filter(|v| v.is_finite()).collect();
    sorted.sort_by(f64::total_cmp);
    sorted
        .windows(2)
        .map(|w| w[1] - w[0])
        .filter(|&gap| gap > 0.0)
        .min_by(f64::total_cmp)
}

/// Sets ticks with `|v| < 1e-9 * step` to exactly zero (they are zero up to float noise).
pub fn snap_zero(ticks: &mut [f64]) {
    if let Some(step) = tick_step(ticks) {
        for v in ticks.iter_mut() {
            if v.abs() < ZERO_FRACTION * step {
                *v = 0.0;
            }
        }
    }
}

/// Labels for a set of ticks (one axis), in the order given: zero snapped to `"0"`, then
/// the fewest digits with which every label reproduces its tick to within `1e-6` of the
/// step, trailing zeros dropped: `[-0.1, -5.55e-17, 0.1]` -> `["-0.1", "0", "0.1"]`.
/// Scientific notation when the largest tick magnitude is below `1e-3` or at least `1e5`.
/// A single tick (no step) gets [`tick_label`].
pub fn tick_labels(ticks: &[f64]) -> Vec<String> {
    let Some(step) = tick_step(ticks) else {
        return ticks.iter().map(|&v| tick_label(v)).collect();
    };
    let mut values = ticks.to_vec();
    snap_zero(&mut values);
    let largest = values
        .iter()
        .filter(|v| v.is_finite())
        .fold(0.0f64, |m, v| m.max(v.abs()));
    let scientific = !(1e-3..1e5).contains(&largest);
    let tolerance = LABEL_FRACTION * step;
    for digits in 0..=MAX_DIGITS {
        let labels: Vec<String> = values
            .iter()
            .map(|&v| with_digits(v, digits, scientific))
            .collect();
        let faithful = labels.iter().zip(&values).all(|(label, &v)| {
            !v.is_finite()
                || label
                    .parse::<f64>()
                    .is_ok_and(|p| (p - v).abs() <= tolerance)
        });
        if faithful && all_distinct(&labels) {
            return labels;
        }
    }
    values.iter().map(|&v| tick_label(v)).collect()
}

/// A label for one value with no trailing zeros and no float noise: `0`, `0.25`, `2.5`, `10`,
/// `1e-4` (six decimals, or four significant digits in scientific notation).
pub fn tick_label(value: f64) -> String {
    if value == 0.0 {
        return "0".into();
    }
    let magnitude = value.abs();
    if !(1e-3..1e5).contains(&magnitude) {
        return with_digits(value, 3, true);
    }
    with_digits(value, 6, false)
}

/// `value` with `digits` decimals (or mantissa decimals when `scientific`), trailing zeros
/// dropped, and no negative zero.
fn with_digits(value: f64, digits: usize, scientific: bool) -> String {
    if value == 0.0 || !value.is_finite() {
        return if value == 0.0 {
            "0".into()
        } else {
            value.to_string()
        };
    }
    let text = if scientific {
        // "1.000e-4" -> "1e-4"
        let text = format!("{value:.digits$e}");
        match text.split_once('e') {
            Some((mantissa, exponent)) => format!("{}e{exponent}", trim_zeros(mantissa)),
            None => text,
        }
    } else {
        trim_zeros(&format!("{value:.digits$}")).to_string()
    };
    if text == "-0" {
        "0".into()
    } else {
        text
    }
}

fn trim_zeros(text: &str) -> &str {
    if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.')
    } else {
        text
    }
}

fn all_distinct(labels: &[String]) -> bool {
    let mut sorted: Vec<&String> = labels.iter().collect();
    sorted.sort();
    sorted.windows(2).all(|w| w[0] != w[1])
}

#[cfg(test)]
mod tests {
    use plotters::coord::ranged1d::{BoldPoints, Ranged};
    use plotters::coord::types::RangedCoordf64;

    use super::*;

    #[test]
    fn single_labels_are_short() {
        assert_eq!(tick_label(0.0), "0");
        assert_eq!(tick_label(2.5), "2.5");
        assert_eq!(tick_label(10.0), "10");
        assert_eq!(tick_label(0.30000000000000004), "0.3");
        assert_eq!(tick_label(1e-4), "1e-4");
        assert_eq!(tick_label(-0.05), "-0.05");
    }

    #[test]
    fn zero_tick_is_snapped() {
        // The float noise plotters leaves at zero (seen as "-5.551e-17" on W and P axes).
        let ticks = [-0.2, -0.1, -5.551115123125783e-17, 0.1, 0.2];
        assert_eq!(tick_labels(&ticks), ["-0.2", "-0.1", "0", "0.1", "0.2"]);
        let mut snapped = ticks;
        snap_zero(&mut snapped);
        assert_eq!(snapped[2], 0.0);
        // Far above the noise level relative to the step: kept.
        assert_eq!(tick_labels(&[-1e-3, 0.0, 1e-3])[0], "-0.001");
    }

    #[test]
    fn labels_use_the_digits_of_the_step() {
        // Closed form: multiples of the step s = {1, 2, 5} * 10^k need exactly max(0, -k)
        // decimals (trailing zeros dropped per label).
        let f = |v: &[f64]| tick_labels(v);
        assert_eq!(f(&[0.0, 0.5, 1.0, 1.5]), ["0", "0.5", "1", "1.5"]);
        assert_eq!(f(&[0.0, 0.25, 0.5]), ["0", "0.25", "0.5"]);
        assert_eq!(
            f(&[0.1, 0.2, 0.30000000000000004, 0.4]),
            ["0.1", "0.2", "0.3", "0.4"]
        );
        assert_eq!(f(&[1000.0, 1000.5, 1001.0]), ["1000", "1000.5", "1001"]);
        // Scientific when the largest tick is tiny or huge; zero stays "0".
        assert_eq!(f(&[0.0, 2e-4, 4e-4, 6e-4]), ["0", "2e-4", "4e-4", "6e-4"]);
        assert_eq!(f(&[1e5, 1.5e5, 2e5]), ["1e5", "1.5e5", "2e5"]);
        // One tick: no step to measure against.
        assert_eq!(f(&[0.30000000000000004]), ["0.3"]);
    }

    #[test]
    fn plotters_ticks_of_known_ranges() {
        // Closed form: on [lo, hi] with at most 8 ticks, plotters' step is the smallest of
        // {1, 2, 5} * 10^k giving <= 8 ticks, and the ticks are the multiples of it in range.
        let cases: [(f64, f64, &[&str]); 4] = [
            (
                -0.3,
                0.7,
                &["-0.2", "0", "0.2", "0.4", "0.6"], // step 0.2 (0.1 would give 11 ticks)
            ),
            (
                -0.035,
                0.31,
                &["0", "0.05", "0.1", "0.15", "0.2", "0.25", "0.3"], // step 0.05
            ),
            (
                -2.0e-3,
                1.2e-2,
                &[
                    "-0.002", "0", "0.002", "0.004", "0.006", "0.008", "0.01", "0.012",
                ], // 2e-3
            ),
            (
                -0.022,
                0.0537,
                &[
                    "-0.02", "-0.01", "0", "0.01", "0.02", "0.03", "0.04", "0.05",
                ], // 0.01
            ),
        ];
        // plotters itself puts the last case's zero tick at float noise, not at 0.
        let raw = RangedCoordf64::from(-0.022..0.0537).key_points(BoldPoints(8));
        assert!(raw[2] != 0.0 && raw[2].abs() < 1e-15, "{raw:?}");
        for (lo, hi, expected) in cases {
            let ticks = RangedCoordf64::from(lo..hi).key_points(BoldPoints(8));
            assert_eq!(tick_labels(&ticks), expected, "range {lo}..{hi}: {ticks:?}");
        }
    }
}
