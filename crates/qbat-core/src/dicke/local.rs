//! Local (one reservoir per ancilla) dissipation on permutation-invariant operators.
//!
//! `sum_i (g_down D[sigma_-^i] + g_up D[sigma_+^i])` over the `M` ancillas maps
//! `|j, mu><j, mu'|` (summed over the degenerate copies, the convention of
//! [`layout`](super::layout)) to itself and to `|j', mu -+ 1><j', mu' -+ 1|` with
//! `j' in {j, j - 1, j + 1}` (Chase and Geremia, PRA 78, 052101 (2008); Shammah et al.,
//! PRA 98, 063815 (2018), Table I; here in double precision, with `Mh = M/2`):
//!
//! - loss: `-(g_down/2)(M + mu + mu') - (g_up/2)(M - mu - mu')` (each side counts its
//!   excitations `Mh + mu`);
//! - emission to `(j, mu-1, mu'-1)`:
//!   `(g_down/2) sqrt((j+mu)(j-mu+1)(j+mu')(j-mu'+1)) (Mh+1)/(j(j+1))`;
//! - emission to `(j-1, mu-1, mu'-1)`:
//!   `(g_down/2) sqrt((j+mu)(j+mu-1)(j+mu')(j+mu'-1)) (Mh+j+1)/(j(2j+1))`;
//! - emission to `(j+1, mu-1, mu'-1)`:
//!   `(g_down/2) sqrt((j-mu+1)(j-mu+2)(j-mu'+1)(j-mu'+2)) (Mh-j)/((j+1)(2j+1))`;
//! - absorption to `(j, mu+1, mu'+1)`:
//!   `(g_up/2) sqrt((j+mu+1)(j-mu)(j+mu'+1)(j-mu')) (Mh+1)/(j(j+1))`;
//! - absorption to `(j-1, mu+1, mu'+1)`:
//!   `(g_up/2) sqrt((j-mu-1)(j-mu)(j-mu'-1)(j-mu')) (Mh+j+1)/(j(2j+1))`;
//! - absorption to `(j+1, mu+1, mu'+1)`:
//!   `(g_up/2) sqrt((j+mu+1)(j+mu+2)(j+mu'+1)(j+mu'+2)) (Mh-j)/((j+1)(2j+1))`.
//!
//! The gains out of `(j, mu, mu)` add up to the loss, so the trace `sum_j tr R_j` is conserved.

/// Rates of the ancillas' own reservoirs.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct LocalRates {
    /// Number of ancillas `M`.
    pub ancillas: usize,
    /// `gamma (1 - n)` (fermions) or `gamma (1 + n)` (bosons).
    pub down: f64,
    /// `gamma n`.
    pub up: f64,
}

/// Where a gain goes: block `j + dj`, ancilla numbers shifted by `shift` on both sides.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Gain {
    /// Change of `2j`: -2, 0 or +2.
    pub d_tj: i64,
    /// Change of `mu` and `mu'`: -1 (emission) or +1 (absorption).
    pub shift: i64,
    /// Rate.
    pub rate: f64,
}

impl LocalRates {
    /// Diagonal (loss) coefficient of `|j, mu><j, mu'|`.
    #[inline]
    pub(crate) fn loss(&self, mu: f64, mu2: f64) -> f64 {
        let m = self.ancillas as f64;
        -0.5 * self.down * (m + mu + mu2) - 0.5 * self.up * (m - mu - mu2)
    }

    /// Calls `emit` for every gain of `|j, mu><j, mu'|` (block `tj = 2j`) whose target exists.
    pub(crate) fn gains(&self, tj: usize, mu: f64, mu2: f64, mut emit: impl FnMut(Gain)) {
        let j = tj as f64 / 2.0;
        let half = self.ancillas as f64 / 2.0;
        let top = tj < self.ancillas; // block j + 1 exists
        let fits = |jj: f64, a: f64, b: f64| a.abs() <= jj && b.abs() <= jj;
        let root = |p: [f64; 4]| (p[0] * p[1] * p[2] * p[3]).max(0.0).sqrt();
        if self.down != 0.0 {
            let g = 0.5 * self.down;
            let (a, b) = (mu - 1.0, mu2 - 1.0);
            if fits(j, a, b) {
                let c = root([j + mu, j - mu + 1.0, j + mu2, j - mu2 + 1.0]) * (half + 1.0)
                    / (j * (j + 1.0));
                emit(Gain {
                    d_tj: 0,
                    shift: -1,
                    rate: g * c,
                });
            }
            if tj >= 2 && fits(j - 1.0, a, b) {
                let c = root([j + mu, j + mu - 1.0, j + mu2, j + mu2 - 1.0]) * (half + j + 1.0)
                    / (j * (2.0 * j + 1.0));
                emit(Gain {
                    d_tj: -2,
                    shift: -1,
                    rate: g * c,
                });
            }
            if top {
                let c = root([j - mu + 1.0, j - mu + 2.0, j - mu2 + 1.0, j - mu2 + 2.0])
                    * (half - j)
                    / ((j + 1.0) * (2.0 * j + 1.0));
                emit(Gain {
                    d_tj: 2,
                    shift: -1,
                    rate: g * c,
                });
            }
        }
        if self.up != 0.0 {
            let g = 0.5 * self.up;
            let (a, b) = (mu + 1.0, mu2 + 1.0);
            if fits(j, a, b) {
                let c = root([j + mu + 1.0, j - mu, j + mu2 + 1.0, j - mu2]) * (half + 1.0)
                    / (j * (j + 1.0));
                emit(Gain {
                    d_tj: 0,
                    shift: 1,
                    rate: g * c,
                });
            }
            if tj >= 2 && fits(j - 1.0, a, b) {
                let c = root([j - mu - 1.0, j - mu, j - mu2 - 1.0, j - mu2]) * (half + j + 1.0)
                    / (j * (2.0 * j + 1.0));
                emit(Gain {
                    d_tj: -2,
                    shift: 1,
                    rate: g * c,
                });
            }
            if top {
                let c = root([j + mu + 1.0, j + mu + 2.0, j + mu2 + 1.0, j + mu2 + 2.0])
                    * (half - j)
                    / ((j + 1.0) * (2.0 * j + 1.0));
                emit(Gain {
                    d_tj: 2,
                    shift: 1,
                    rate: g * c,
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Gains out of a population equal its loss (trace preservation), for every (j, mu).
    #[test]
    fn populations_lose_what_they_give() {
        for m in 1..9usize {
            let rates = LocalRates {
                ancillas: m,
                down: 0.7,
                up: 0.3,
            };
            let mut tj = m % 2;
            while tj <= m {
                let j = tj as f64 / 2.0;
                for k in 0..=tj {
                    let mu = k as f64 - j;
                    let mut total = 0.0;
                    rates.gains(tj, mu, mu, |g| total += g.rate);
                    assert!(
                        (total + rates.loss(mu, mu)).abs() < 1e-13,
                        "m {m} j {j} mu {mu}"
                    );
                }
                tj += 2;
            }
        }
    }
}
