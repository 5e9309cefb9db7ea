//! Quantities derived from a sampled trajectory: charging time and maximal average power.

/// First time at which `w` reaches `fraction * w_steady`, interpolating linearly between the
/// samples that bracket the crossing; `times[0]` when the first sample already qualifies.
/// `None` when it is never reached or when the steady state stores no ergotropy
/// (`w_steady <= 1e-12`: there is nothing to charge towards).
pub fn charging_time(times: &[f64], w: &[f64], w_steady: f64, fraction: f64) -> Option<f64> {
    if w_steady <= 1e-12 {
        return None;
    }
    let target = fraction * w_steady;
    let k = w.iter().position(|&x| x >= target)?;
    if k == 0 {
        return Some(times[0]);
    }
    let (t0, t1, w0, w1) = (times[k - 1], times[k], w[k - 1], w[k]);
    Some(t0 + (t1 - t0) * (target - w0) / (w1 - w0))
}

/// `max over samples with t > 0 of (E_B(t) - E_B(0)) / t` and the time where it is attained;
/// `None` when no sample has `t > 0`. `energy_initial` is `E_B(0)` (the initial state's, also
/// when `times` does not start at 0).
pub fn max_average_power(times: &[f64], energy: &[f64], energy_initial: f64) -> Option<(f64, f64)> {
    times
        .iter()
        .zip(energy)
        .filter(|(&t, _)| t > 0.0)
        .map(|(&t, &e)| ((e - energy_initial) / t, t))
        .fold(None, |best: Option<(f64, f64)>, (p, t)| match best {
            Some((bp, _)) if bp >= p => best,
            _ => Some((p, t)),
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn charging_time_interpolates() {
        // W = t on a grid: 0.9 * 1.0 is crossed at t = 0.9 exactly (linear data)
        let times = [0.0, 0.5, 1.0, 1.5];
        let w = [0.0, 0.5, 1.0, 1.0];
        assert!((charging_time(&times, &w, 1.0, 0.9).unwrap() - 0.9).abs() < 1e-15);
        assert_eq!(charging_time(&times, &w, 2.0, 0.9), None);
        assert_eq!(charging_time(&times, &w, 0.0, 0.9), None);
        assert_eq!(charging_time(&times, &[1.0; 4], 1.0, 0.9), Some(0.0));
    }

    #[test]
    fn power_skips_t_zero() {
        let times = [0.0, 1.0, 2.0, 4.0];
        let energy = [-1.0, 0.0, 2.0, 3.0];
        let (p, t) = max_average_power(&times, &energy, -1.0).unwrap();
        assert_eq!((p, t), (1.5, 2.0));
        assert_eq!(max_average_power(&[0.0], &[1.0], 1.0), None);
    }
}
