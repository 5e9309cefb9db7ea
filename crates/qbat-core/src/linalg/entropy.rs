//! The von Neumann entropy of a spectrum.

/// `-sum p ln p` over `eigenvalues` (nats); eigenvalues `<= 0` (round-off of a positive
/// semidefinite matrix) contribute nothing.
pub(crate) fn von_neumann(eigenvalues: impl IntoIterator<Item = f64>) -> f64 {
    eigenvalues
        .into_iter()
        .filter(|&p| p > 0.0)
        .map(|p| -p * p.ln())
        .sum()
}

/// `-sum p ln(p / d)` over pairs `(p, ln d)`: the entropy of eigenvalues `p / d` each counted
/// `d` times (a block standing for `d` identical copies carrying `p` in all).
pub(crate) fn von_neumann_degenerate(weighted: impl IntoIterator<Item = (f64, f64)>) -> f64 {
    weighted
        .into_iter()
        .filter(|&(p, _)| p > 0.0)
        .map(|(p, ln_d)| -p * (p.ln() - ln_d))
        .sum()
}
