//! Multiplicities of the total-spin blocks of `M` spins 1/2.
//!
//! Block `j` of `M` spins occurs `d_j = C(M, k) - C(M, k - 1)` times, `k = M/2 - j`
//! (`= C(M, k) (M - 2k + 1) / (M - k + 1)`); it has dimension `2j + 1`, so
//! `sum_j d_j (2j + 1) = 2^M`.

/// `ln d_j` for every block `l = M/2 - j = 0, 1, ...` of `ancillas` spins.
pub(crate) fn ln_degeneracies(ancillas: usize) -> Vec<f64> {
    let m = ancillas;
    // ln C(M, k) by a running sum of ln((M - k + 1)/k): one rounding per step
    let mut ln_binom = 0.0;
    (0..=m / 2)
        .map(|k| {
            if k > 0 {
                ln_binom += ((m - k + 1) as f64 / k as f64).ln();
            }
            ln_binom + ((m - 2 * k + 1) as f64 / (m - k + 1) as f64).ln()
        })
        .collect()
}

/// Weight `d_j (2j + 1) / 2^M` of every block `l` in the maximally mixed state (the trace of
/// `1 / 2^M` on the block's `d_j (2j + 1)` states). Computed from the binomial distribution
/// `b(k) = C(M, k) / 2^M`, built outward from its mode by exact ratios and normalised, so the
/// weights carry relative errors of order `sqrt(M) * 1e-16` and underflow to 0 far in the tail.
pub(crate) fn mixed_weights(ancillas: usize) -> Vec<f64> {
    let m = ancillas;
    // unnormalised b(k), k = 0..=m/2, with b(floor(m/2)) = 1
    let half = m / 2;
    let mut b = vec![0.0; half + 1];
    b[half] = 1.0;
    for k in (0..half).rev() {
        // b(k) = b(k + 1) (k + 1) / (M - k)
        b[k] = b[k + 1] * (k + 1) as f64 / (m - k) as f64;
    }
    // the full sum over k = 0..=M, using b(M - k) = b(k)
    let mut total = 0.0;
    for (k, &v) in b.iter().enumerate() {
        total += if 2 * k == m { v } else { 2.0 * v };
    }
    (0..=half)
        .map(|k| {
            let tj = m - 2 * k;
            let d_over = (m - 2 * k + 1) as f64 / (m - k + 1) as f64;
            b[k] / total * d_over * (tj + 1) as f64
        })
        .collect()
}

/// `d_j` exactly, or `None` when it does not fit in `u128`.
pub(crate) fn degeneracy(ancillas: usize, tj: usize) -> Option<u128> {
    let k = (ancillas - tj) / 2;
    let c = |k: usize| -> Option<u128> {
        let mut v: u128 = 1;
        for i in 0..k {
            // C(M, i + 1) = C(M, i) (M - i) / (i + 1), exact at every step
            v = v.checked_mul((ancillas - i) as u128)? / (i as u128 + 1);
        }
        Some(v)
    };
    let lower = if k == 0 { 0 } else { c(k - 1)? };
    Some(c(k)? - lower)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn degeneracies_count_the_hilbert_space() {
        for m in 0..30usize {
            let mut total: u128 = 0;
            let lnd = ln_degeneracies(m);
            let w = mixed_weights(m);
            let mut wsum = 0.0;
            for (l, (&ln_d, &wl)) in lnd.iter().zip(&w).enumerate() {
                let tj = m - 2 * l;
                let d = degeneracy(m, tj).unwrap();
                total += d * (tj as u128 + 1);
                assert!(((d as f64).ln() - ln_d).abs() < 1e-12, "m {m} tj {tj}");
                let exact = d as f64 * (tj + 1) as f64 / 2f64.powi(m as i32);
                assert!((wl - exact).abs() <= 1e-14 * exact, "m {m} tj {tj}");
                wsum += wl;
            }
            assert_eq!(total, 1u128 << m);
            assert!((wsum - 1.0).abs() < 1e-14);
        }
    }
}
