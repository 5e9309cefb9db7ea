//! Mean occupation of a reservoir mode: Fermi-Dirac or Bose-Einstein.

use super::choices::Statistics;
use super::error::ModelError;

/// Mean occupation `n(omega)` of a reservoir mode of frequency `omega` at chemical potential `mu`
/// and temperature `temperature` (hbar = k_B = 1).
///
/// - Fermi-Dirac: `n = 1 / (exp((omega - mu)/T) + 1)`, in `[0, 1]`.
/// - Bose-Einstein: `n = 1 / (exp((omega - mu)/T) - 1)`, needs `omega > mu`.
///
/// `temperature = 0` gives the exact limit (a step for fermions: `n = 1` below `mu`, `0` above,
/// `1/2` at `omega = mu`; `n = 0` for bosons). The formulas are evaluated so that no finite input
/// overflows or gives NaN (`(omega - mu)/T = +-1e300` included).
///
/// # Errors
/// [`ModelError::BoseNotBelowMu`] for Bose-Einstein statistics with `omega <= mu`.
pub fn occupation(
    statistics: Statistics,
    omega: f64,
    mu: f64,
    temperature: f64,
) -> Result<f64, ModelError> {
    let gap = omega - mu;
    match statistics {
        Statistics::Fermi => {
            if temperature == 0.0 || !(gap / temperature).is_finite() {
                // exact T -> 0 limit (also reached when gap/T overflows)
                return Ok(if gap > 0.0 {
                    0.0
                } else if gap < 0.0 {
                    1.0
                } else {
                    0.5
                });
            }
            let x = gap / temperature;
            // 1/(e^x + 1) written so that neither branch overflows
            Ok(if x >= 0.0 {
                let e = (-x).exp();
                e / (1.0 + e)
            } else {
                1.0 / (1.0 + x.exp())
            })
        }
        Statistics::Bose => {
            if gap <= 0.0 {
                return Err(ModelError::BoseNotBelowMu { omega, mu });
            }
            if temperature == 0.0 {
                return Ok(0.0);
            }
            let x = gap / temperature;
            if !x.is_finite() {
                return Ok(0.0);
            }
            // 1/(e^x - 1) = e^{-x}/(1 - e^{-x}); exp_m1 keeps precision for small x
            Ok(1.0 / x.exp_m1())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fermi_closed_form_and_limits() {
        // closed form 1/(e^x+1) at x = 1
        let n = occupation(Statistics::Fermi, 1.0, 0.0, 1.0).unwrap();
        assert!((n - 1.0 / (1.0f64.exp() + 1.0)).abs() < 1e-15);
        // particle-hole symmetry n(-x) = 1 - n(x)
        let m = occupation(Statistics::Fermi, 0.0, 1.0, 1.0).unwrap();
        assert!((n + m - 1.0).abs() < 1e-15);
        // T = 0 step and extreme ratios: finite, exact limits
        assert_eq!(occupation(Statistics::Fermi, 1.0, 2.0, 0.0).unwrap(), 1.0);
        assert_eq!(occupation(Statistics::Fermi, 2.0, 1.0, 0.0).unwrap(), 0.0);
        assert_eq!(occupation(Statistics::Fermi, 1.0, 1.0, 0.0).unwrap(), 0.5);
        assert_eq!(
            occupation(Statistics::Fermi, 1e300, -1e300, 1e-300).unwrap(),
            0.0
        );
        assert_eq!(
            occupation(Statistics::Fermi, -1e300, 1e300, 1e-300).unwrap(),
            1.0
        );
        assert_eq!(occupation(Statistics::Fermi, 1e300, 0.0, 1.0).unwrap(), 0.0);
        assert_eq!(
            occupation(Statistics::Fermi, -1e300, 0.0, 1.0).unwrap(),
            1.0
        );
    }

    #[test]
    fn bose_closed_form_and_errors() {
        let n = occupation(Statistics::Bose, 1.0, 0.0, 1.0).unwrap();
        assert!((n - 1.0 / (1.0f64.exp() - 1.0)).abs() < 1e-15);
        assert_eq!(occupation(Statistics::Bose, 1.0, 0.0, 0.0).unwrap(), 0.0);
        assert_eq!(
            occupation(Statistics::Bose, 1e300, -1e300, 1e-300).unwrap(),
            0.0
        );
        assert!(occupation(Statistics::Bose, 1.0, 1.0, 1.0).is_err());
        assert!(occupation(Statistics::Bose, 1.0, 2.0, 1.0).is_err());
    }
}
