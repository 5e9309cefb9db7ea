//! [`State`]: the whole state a solver found, kept in the representation it was solved in, and
//! what can be read from it: reduced density matrices, expectation values of products of
//! single-qubit operators, populations and von Neumann entropies.
//!
//! Representations:
//! - full or U(1) sector (`OperatorSpace`): the `4^N` or `C(2N, N)` complex entries of `rho`;
//!   every subset of qubits can be reduced to (`liouvillian::partial`: block by block in the
//!   excitation number, so the ancillas of N = 12 never make a `2^11` dense matrix);
//! - Dicke (`crate::dicke`): the `8j + 2` real numbers of every spin-`j` block, about `M^2` in
//!   all (8 MB at N = 1001). Reductions to the battery, to any one qubit, to the battery and one
//!   ancilla, and the entropy of the ancillas together (`dicke::correlations`); a reduced state of
//!   two or more ancillas is not offered ([`StateError::NotRepresented`]).
//!
//! Reduced states are returned in the computational basis of the listed qubits: index bit `t`
//! set means qubit `qubits[t]` excited (so a one-qubit state is `(|g>, |e>)`, the reverse of
//! `SteadyState::rho_battery`'s `(|e>, |g>)`).

mod error;

pub use error::StateError;

use crate::c64;
use crate::dicke::correlations::{self, Pair};
use crate::linalg::entropy::von_neumann;
use crate::liouvillian::{partial, OperatorSpace};
use faer::{Mat, Side};

/// A single-qubit operator, as a 2x2 matrix in the basis `(|g>, |e>)`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum QubitOp {
    /// The identity.
    Identity,
    /// `sigma_+ = |e><g|`.
    Raise,
    /// `sigma_- = |g><e|`.
    Lower,
    /// `sigma_+ sigma_- = |e><e|`.
    Excited,
    /// `sigma_- sigma_+ = |g><g|`.
    Ground,
    /// `sigma_x`.
    X,
    /// `sigma_y`.
    Y,
    /// `sigma_z = |e><e| - |g><g|`.
    Z,
}

impl QubitOp {
    /// The matrix, rows and columns `(|g>, |e>)`.
    pub fn matrix(self) -> [[c64; 2]; 2] {
        let (o, l, i) = (c64::new(0.0, 0.0), c64::new(1.0, 0.0), c64::new(0.0, 1.0));
        match self {
            QubitOp::Identity => [[l, o], [o, l]],
            QubitOp::Raise => [[o, o], [l, o]],
            QubitOp::Lower => [[o, l], [o, o]],
            QubitOp::Excited => [[o, o], [o, l]],
            QubitOp::Ground => [[l, o], [o, o]],
            QubitOp::X => [[o, l], [l, o]],
            // sigma_y = -i |e><g| + i |g><e| in the basis (|g>, |e>)
            QubitOp::Y => [[o, i], [-i, o]],
            QubitOp::Z => [[-l, o], [o, l]],
        }
    }
}

/// The state a solver returned, in its representation (see the module docs).
#[derive(Clone)]
pub struct State {
    repr: Repr,
    /// The eigenvalues of the whole state, when the solver computed them already (the Krylov
    /// solver's positivity check): [`State::entropy`] reuses them (at N = 13 that is
    /// seconds). Not part of equality.
    spectrum: Option<Vec<f64>>,
}

impl PartialEq for State {
    fn eq(&self, other: &State) -> bool {
        self.repr == other.repr
    }
}

#[derive(Clone, PartialEq)]
enum Repr {
    Space {
        n: usize,
        space: OperatorSpace,
        x: Vec<c64>,
    },
    Dicke {
        ancillas: usize,
        blocks: Vec<Block>,
    },
}

/// One Dicke block: twice `j` and its real unknowns.
type Block = (usize, Vec<f64>);

impl std::fmt::Debug for State {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.repr {
            Repr::Space { n, space, x } => {
                let kind = match space {
                    OperatorSpace::Full { .. } => "full",
                    OperatorSpace::Sector { .. } => "sector",
                };
                write!(f, "State({kind}, n = {n}, {} entries)", x.len())
            }
            Repr::Dicke { ancillas, blocks } => {
                let len: usize = blocks.iter().map(|(_, x)| x.len()).sum();
                write!(f, "State(dicke, n = {}, {len} real unknowns)", ancillas + 1)
            }
        }
    }
}

impl State {
    /// A state over an operator space (`x[space.index(i, j)] = rho[i, j]`, normalised).
    pub(crate) fn space(n: usize, space: OperatorSpace, x: Vec<c64>) -> State {
        State {
            repr: Repr::Space { n, space, x },
            spectrum: None,
        }
    }

    /// [`State::space`] with the eigenvalues of the whole state, already computed (every
    /// block of `x` in the order of `partial::spectrum`, so that [`State::entropy`] is the
    /// same with or without them).
    pub(crate) fn space_with_spectrum(
        n: usize,
        space: OperatorSpace,
        x: Vec<c64>,
        spectrum: Vec<f64>,
    ) -> State {
        State {
            repr: Repr::Space { n, space, x },
            spectrum: Some(spectrum),
        }
    }

    /// A Dicke-basis state of `ancillas` ancillas, blocks `(2j, unknowns)`.
    pub(crate) fn dicke(ancillas: usize, blocks: Vec<(usize, Vec<f64>)>) -> State {
        State {
            repr: Repr::Dicke { ancillas, blocks },
            spectrum: None,
        }
    }

    /// The Dicke blocks `(2j, unknowns)` and the number of ancillas, when in that representation.
    pub(crate) fn dicke_blocks(&self) -> Option<(usize, &[Block])> {
        match &self.repr {
            Repr::Dicke { ancillas, blocks } => Some((*ancillas, blocks)),
            Repr::Space { .. } => None,
        }
    }

    /// The operator space and entries, when in that representation.
    pub(crate) fn space_entries(&self) -> Option<(&OperatorSpace, &[c64])> {
        match &self.repr {
            Repr::Space { space, x, .. } => Some((space, x)),
            Repr::Dicke { .. } => None,
        }
    }

    /// Number of qubits.
    pub fn n(&self) -> usize {
        match &self.repr {
            Repr::Space { n, .. } => *n,
            Repr::Dicke { ancillas, .. } => ancillas + 1,
        }
    }

    /// `<sigma_+^i sigma_-^i>` of every qubit, battery first.
    pub fn populations(&self) -> Vec<f64> {
        match &self.repr {
            Repr::Space { n, space, x } => (0..*n)
                .map(|q| {
                    (0..space.hilbert_dim())
                        .filter(|s| s >> q & 1 == 1)
                        .map(|s| x[space.index(s, s).unwrap()].re)
                        .sum()
                })
                .collect(),
            Repr::Dicke { ancillas, blocks } => {
                let pair = correlations::pair(*ancillas, blocks);
                let mut p = vec![pair.ancilla; ancillas + 1];
                p[0] = pair.battery;
                p
            }
        }
    }

    /// The reduced density matrix of `qubits` (distinct), `2^K x 2^K`, rows `[a][b]` in the
    /// computational basis of `qubits` (bit `t` of the index: `qubits[t]` excited).
    ///
    /// # Errors
    /// [`StateError::BadQubits`] for a repeated or out-of-range qubit, or more than 12 of them;
    /// [`StateError::NotRepresented`] for two or more ancillas of a Dicke state.
    pub fn reduced(&self, qubits: &[usize]) -> Result<Vec<Vec<c64>>, StateError> {
        self.check(qubits, 12)?;
        match &self.repr {
            Repr::Space { space, x, .. } => {
                let blocks = partial::reduced(space, x, qubits);
                let dense = blocks.dense(1 << qubits.len());
                Ok((0..dense.nrows())
                    .map(|a| (0..dense.ncols()).map(|b| dense[(a, b)]).collect())
                    .collect())
            }
            Repr::Dicke { ancillas, blocks } => {
                let pair = correlations::pair(*ancillas, blocks);
                dicke_reduced(&pair, qubits)
            }
        }
    }

    /// `tr(rho O_1 O_2 ...)` for `ops = [(qubit, O_1), (qubit, O_2), ...]`; operators on the same
    /// qubit multiply in the order listed.
    ///
    /// # Errors
    /// Those of [`State::reduced`] on the qubits involved.
    pub fn expect(&self, ops: &[(usize, QubitOp)]) -> Result<c64, StateError> {
        let (qubits, mats) = per_qubit(ops);
        if let Repr::Space { n, space, x } = &self.repr {
            self.check(&qubits, 12)?;
            return Ok(expect_space(*n, space, x, &qubits, &mats));
        }
        self.expect_reduced(&qubits, &mats)
    }

    /// `tr(rho O)` from the reduced state of `qubits`, `O` the product of `mats` on them.
    fn expect_reduced(&self, qubits: &[usize], mats: &[[[c64; 2]; 2]]) -> Result<c64, StateError> {
        let rho = self.reduced(qubits)?;
        let dim = rho.len();
        let mut total = c64::new(0.0, 0.0);
        // tr(rho O) = sum_{a, b} rho[a][b] O[b][a], O the tensor product
        for (a, row) in rho.iter().enumerate() {
            for (b, &r) in row.iter().enumerate() {
                if r == c64::new(0.0, 0.0) {
                    continue;
                }
                let o = mats
                    .iter()
                    .enumerate()
                    .fold(c64::new(1.0, 0.0), |acc, (t, m)| {
                        acc * m[b >> t & 1][a >> t & 1]
                    });
                total += r * o;
            }
        }
        debug_assert!(dim == 1 << qubits.len());
        Ok(total)
    }

    /// The von Neumann entropy `-tr(rho ln rho)` of the whole state, in nats (Dicke: every
    /// block's eigenvalues with their multiplicity).
    ///
    /// # Errors
    /// [`StateError::Numerical`] when the eigensolver fails.
    pub fn entropy(&self) -> Result<f64, StateError> {
        if let Some(spectrum) = &self.spectrum {
            return Ok(von_neumann(spectrum.iter().copied()));
        }
        match &self.repr {
            Repr::Space { n, space, x } => Ok(von_neumann(
                partial::spectrum(*n, space, x).map_err(StateError::Numerical)?,
            )),
            Repr::Dicke { ancillas, blocks } => {
                Ok(correlations::entropies(*ancillas, blocks).whole)
            }
        }
    }

    /// The von Neumann entropy of the reduced state of `qubits`, in nats. Full and sector: any
    /// subset; Dicke: one qubit, the battery and one ancilla, or all ancillas together.
    ///
    /// # Errors
    /// [`StateError::BadQubits`], [`StateError::NotRepresented`] as for [`State::reduced`];
    /// [`StateError::Numerical`] when the eigensolver fails.
    pub fn entropy_of(&self, qubits: &[usize]) -> Result<f64, StateError> {
        let n = self.n();
        self.check(qubits, n)?;
        if qubits.len() == n {
            return self.entropy();
        }
        match &self.repr {
            Repr::Space { space, x, .. } => Ok(von_neumann(
                partial::reduced(space, x, qubits)
                    .eigenvalues()
                    .map_err(StateError::Numerical)?,
            )),
            Repr::Dicke { ancillas, blocks } => {
                if qubits.len() == *ancillas && !qubits.contains(&0) {
                    return Ok(correlations::entropies(*ancillas, blocks).ancillas);
                }
                let pair = correlations::pair(*ancillas, blocks);
                let rho = dicke_reduced(&pair, qubits)?;
                let dim = rho.len();
                let m = Mat::<c64>::from_fn(dim, dim, |a, b| rho[a][b]);
                let values = m
                    .self_adjoint_eigenvalues(Side::Lower)
                    .map_err(|e| StateError::Numerical(format!("{e:?}")))?;
                Ok(von_neumann(values))
            }
        }
    }

    /// Distinct qubits, each `< n`, at most `max` of them.
    fn check(&self, qubits: &[usize], max: usize) -> Result<(), StateError> {
        let n = self.n();
        for (t, &q) in qubits.iter().enumerate() {
            if q >= n || qubits[..t].contains(&q) {
                return Err(StateError::BadQubits(format!(
                    "{qubits:?}: qubits must be distinct and below {n}"
                )));
            }
        }
        if qubits.len() > max {
            return Err(StateError::BadQubits(format!(
                "{} qubits: at most {max} at once",
                qubits.len()
            )));
        }
        Ok(())
    }
}

/// A Dicke state's reduced state of up to one ancilla and the battery.
fn dicke_reduced(pair: &Pair, qubits: &[usize]) -> Result<Vec<Vec<c64>>, StateError> {
    let zero = c64::new(0.0, 0.0);
    let diag = |p: f64| {
        vec![
            vec![c64::new(1.0 - p, 0.0), zero],
            vec![zero, c64::new(p, 0.0)],
        ]
    };
    let full = pair.matrix();
    let as_vec = |swap: bool| -> Vec<Vec<c64>> {
        // swap exchanges the two index bits (ancilla listed first)
        let perm = |a: usize| if swap { (a >> 1) | ((a & 1) << 1) } else { a };
        (0..4)
            .map(|a| (0..4).map(|b| full[perm(a)][perm(b)]).collect())
            .collect()
    };
    match qubits {
        [] => Ok(vec![vec![c64::new(1.0, 0.0)]]),
        [0] => Ok(diag(pair.battery)),
        [_] => Ok(diag(pair.ancilla)),
        [0, _] => Ok(as_vec(false)),
        [_, 0] => Ok(as_vec(true)),
        _ => Err(StateError::NotRepresented(format!(
            "{qubits:?}: a Dicke state reduces to the battery and at most one ancilla"
        ))),
    }
}

fn mul2(a: &[[c64; 2]; 2], b: &[[c64; 2]; 2]) -> [[c64; 2]; 2] {
    let mut out = [[c64::new(0.0, 0.0); 2]; 2];
    for i in 0..2 {
        for j in 0..2 {
            out[i][j] = a[i][0] * b[0][j] + a[i][1] * b[1][j];
        }
    }
    out
}

/// The distinct qubits of `ops` in order of appearance, each with the product of its
/// operators (in the order listed).
fn per_qubit(ops: &[(usize, QubitOp)]) -> (Vec<usize>, Vec<[[c64; 2]; 2]>) {
    let mut qubits: Vec<usize> = Vec::new();
    let mut mats: Vec<[[c64; 2]; 2]> = Vec::new();
    for &(q, op) in ops {
        let m = op.matrix();
        match qubits.iter().position(|&p| p == q) {
            Some(t) => mats[t] = mul2(&mats[t], &m),
            None => {
                qubits.push(q);
                mats.push(m);
            }
        }
    }
    (qubits, mats)
}

/// `tr(rho O) = sum_{i, j} rho_ij O_ji` straight from the entries of a full or sector state,
/// `O` the product of `mats` on `qubits` and the identity elsewhere: `j` differs from `i` only
/// on `qubits`, so `2^N 2^K` entries are read instead of forming the reduced state from all
/// of them (the currents of a 13-qubit network: one pass per edge over ten million entries).
fn expect_space(
    n: usize,
    space: &OperatorSpace,
    x: &[c64],
    qubits: &[usize],
    mats: &[[[c64; 2]; 2]],
) -> c64 {
    let mask: usize = qubits.iter().map(|&q| 1usize << q).sum();
    let mut total = c64::new(0.0, 0.0);
    for i in 0..1usize << n {
        for c in 0..1usize << qubits.len() {
            let j = qubits
                .iter()
                .enumerate()
                .fold(i & !mask, |j, (t, &q)| j | (c >> t & 1) << q);
            let Some(index) = space.index(i, j) else {
                continue;
            };
            let r = x[index];
            if r == c64::new(0.0, 0.0) {
                continue;
            }
            let o = mats
                .iter()
                .zip(qubits)
                .fold(c64::new(1.0, 0.0), |acc, (m, &q)| {
                    acc * m[j >> q & 1][i >> q & 1]
                });
            total += r * o;
        }
    }
    total
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Model, ModelSpec};
    use crate::options::{Method, SteadyOptions};
    use crate::steady::steady_state;

    /// The direct sum over entries agrees with the contraction of the reduced state (the
    /// independent slow path) for products on one, two and three qubits, repeated qubits
    /// included, in the U(1) sector and in the full space.
    #[test]
    fn expectations_from_entries_match_the_reduced_state() {
        use QubitOp::*;
        let spec = ModelSpec {
            n: Some(4),
            mu: Some(crate::model::PerQubit::List(vec![0.0, 1.5, 2.5, 4.0])),
            dmu: Some(0.0),
            ..ModelSpec::default()
        };
        let model = Model::new(&spec).unwrap();
        for method in [Method::Sector, Method::Full] {
            let options = SteadyOptions::default().with_method(method);
            let state = steady_state(&model, &options).unwrap().state;
            let cases: [&[(usize, QubitOp)]; 6] = [
                &[(0, Excited)],
                &[(0, Raise), (1, Lower)],
                &[(1, Raise), (3, Lower)],
                &[(2, X), (0, Y), (3, Z)],
                &[(1, Raise), (1, Lower), (2, Ground)],
                &[(3, X), (1, X)],
            ];
            for ops in cases {
                let fast = state.expect(ops).unwrap();
                let (qubits, mats) = per_qubit(ops);
                let slow = state.expect_reduced(&qubits, &mats).unwrap();
                assert!(
                    (fast - slow).norm() < 1e-15,
                    "{method:?} {ops:?}: {fast} vs {slow}"
                );
            }
        }
    }
}
