//! The physical model: qubits, Hamiltonian couplings and reservoirs.
//!
//! A [`ModelSpec`] is what a user writes (scalars or per-qubit lists, the paper's `dmu`
//! shorthand, optional fields with the paper's defaults); [`Model::new`] validates it and
//! resolves it into a [`Model`] with one value per qubit, an explicit edge list and the
//! occupation of every reservoir.
//!
//! # Conventions
//! - Units: hbar = k_B = 1.
//! - `H_S = sum_i omega0_i sigma_z^i + J sum_{(a,b) in edges} (sigma_+^a sigma_-^b + h.c.)`,
//!   so qubit `i` has level splitting `2 omega0_i`.
//! - Qubit 0 is the battery (the centre of the star).
//! - Collective dissipation (paper Eqs. 6-8): jump operators `sqrt(gamma (1-n)) J_-` and
//!   `sqrt(gamma n) J_+` with `J_- = sum_i sigma_-^i`, one reservoir.
//! - Individual dissipation (Eqs. 11-12): `sqrt(gamma_i (1-n_i)) sigma_-^i` and
//!   `sqrt(gamma_i n_i) sigma_+^i` for every qubit, each with its own reservoir.
//! - `n = occupation(statistics, omega, mu, T)` is evaluated at the bath frequency `omega`,
//!   a parameter separate from `omega0`.

mod choices;
mod error;
mod occupation;
mod topology;

pub use choices::{Dissipation, InitialState, Statistics};
pub use error::ModelError;
pub use occupation::occupation;
pub use topology::Topology;

/// Largest number of qubits any representation accepts (the symmetric solver's reach).
pub const MAX_QUBITS: usize = 100_000;

/// Largest ratio [`Model::new`] accepts between the model's rate and frequency scales (every
/// `omega0_i`, `|J|` when qubits are coupled, every `gamma_i`). The solvers work in double
/// precision (16 digits): at a ratio of `1e15` the sparse LU of the paper's star already meets
/// pivots at the rounding level (`gamma = 1e-14` beside `omega0 = 10`), and the answer loses
/// about `log10(ratio)` of its digits before that; `1e12` keeps four digits with a margin.
pub const MAX_SCALE_RATIO: f64 = 1e12;

/// A number for every qubit, or one number shared by all.
#[derive(Clone, Debug, PartialEq)]
pub enum PerQubit {
    /// The same value for every qubit.
    Uniform(f64),
    /// One value per qubit, battery (qubit 0) first.
    List(Vec<f64>),
}

impl From<f64> for PerQubit {
    fn from(value: f64) -> Self {
        PerQubit::Uniform(value)
    }
}

impl From<Vec<f64>> for PerQubit {
    fn from(values: Vec<f64>) -> Self {
        PerQubit::List(values)
    }
}

/// A model as the user states it. Every field is optional; [`ModelSpec::default`] leaves them
/// unset and [`Model::new`] fills in the paper's Fig. 4 point (n = 3, star, omega0 = 10,
/// coupling = 1, individual, fermi, omega = 1, gamma = 1, temperature = 1, mu = 1, dmu = 2).
///
/// Unlike the options and results of this crate, `ModelSpec` is a plain exhaustive record:
/// it is the user's input, so write it as a struct literal with the fields you set and
/// `..Default::default()` for the rest. [`Model::new`] validates it.
///
/// ```
/// use qbat_core::{Dissipation, Model, ModelSpec, PerQubit};
/// let spec = ModelSpec {
///     n: Some(5),
///     dissipation: Some(Dissipation::Individual),
///     mu: Some(PerQubit::Uniform(0.0)),
///     dmu: Some(4.0),
///     ..Default::default()
/// };
/// let model = Model::new(&spec).unwrap();
/// assert_eq!(model.n(), 5);
/// assert_eq!(model.reservoirs()[1].mu, 4.0);
/// ```
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ModelSpec {
    /// Number of qubits N (battery included).
    pub n: Option<usize>,
    /// Coupling graph.
    pub topology: Option<Topology>,
    /// Qubit frequencies `omega0_i` (`H` uses `omega0 sigma_z`).
    pub omega0: Option<PerQubit>,
    /// Exchange coupling `J`.
    pub coupling: Option<f64>,
    /// Collective or individual reservoirs.
    pub dissipation: Option<Dissipation>,
    /// Fermi or Bose reservoirs.
    pub statistics: Option<Statistics>,
    /// Bath frequency at which the occupation is evaluated.
    pub omega: Option<f64>,
    /// Coupling rate(s) to the reservoir(s).
    pub gamma: Option<PerQubit>,
    /// Reservoir temperature(s).
    pub temperature: Option<PerQubit>,
    /// Reservoir chemical potential(s).
    pub mu: Option<PerQubit>,
    /// Chemical-potential bias of every ancilla: `mu_i = mu + dmu` for `i >= 1`. It applies
    /// only to individual dissipation with a single `mu` (then its default is 2, the paper's
    /// Fig. 4). With a per-qubit `mu` list the list is every reservoir's `mu`: a nonzero
    /// `dmu` is an error (`Some(0.0)` states "no bias"); with collective dissipation any
    /// `dmu` is an error.
    pub dmu: Option<f64>,
}

/// One reservoir: chemical potential, temperature, coupling rate and the resulting occupation.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Reservoir {
    /// Chemical potential `mu`.
    pub mu: f64,
    /// Temperature `T >= 0`.
    pub temperature: f64,
    /// Coupling rate `gamma > 0`.
    pub gamma: f64,
    /// Occupation `n(omega)` of the mode at the bath frequency.
    pub occupation: f64,
}

impl Reservoir {
    /// Rate of the lowering jump, `gamma (1 - n)` (fermions) or `gamma (1 + n)` (bosons).
    pub fn rate_down(&self, statistics: Statistics) -> f64 {
        match statistics {
            Statistics::Fermi => self.gamma * (1.0 - self.occupation),
            Statistics::Bose => self.gamma * (1.0 + self.occupation),
        }
    }

    /// Rate of the raising jump, `gamma n`.
    pub fn rate_up(&self) -> f64 {
        self.gamma * self.occupation
    }
}

/// A validated model, every per-qubit quantity resolved.
///
/// Built only by [`Model::new`], so it always holds a model that passed validation; read it
/// with the getters of the same names as the fields.
#[derive(Clone, Debug, PartialEq)]
pub struct Model {
    /// Number of qubits N; qubit 0 is the battery.
    pub(crate) n: usize,
    /// The coupling graph as the user named it.
    pub(crate) topology: Topology,
    /// Edges `(a, b)`, `a < b`, no duplicates, resolved from the topology.
    pub(crate) edges: Vec<(usize, usize)>,
    /// `omega0_i` for every qubit.
    pub(crate) omega0: Vec<f64>,
    /// Exchange coupling `J`.
    pub(crate) coupling: f64,
    /// Collective or individual.
    pub(crate) dissipation: Dissipation,
    /// Fermi or Bose.
    pub(crate) statistics: Statistics,
    /// Bath frequency.
    pub(crate) omega: f64,
    /// One reservoir (collective) or one per qubit (individual).
    pub(crate) reservoirs: Vec<Reservoir>,
}

/// A jump operator `sqrt(rate) * A`, with `A` a sum of `sigma_-` (or `sigma_+`) over `sites`.
#[derive(Clone, Debug, PartialEq)]
pub struct Jump {
    /// The rate multiplying the dissipator (the square of the operator's prefactor).
    pub rate: f64,
    /// `true` for `sigma_+` (absorption), `false` for `sigma_-` (emission).
    pub raising: bool,
    /// The qubits summed over: all of them for collective, one for individual.
    pub sites: Vec<usize>,
}

impl Model {
    /// Number of qubits N; qubit 0 is the battery.
    pub fn n(&self) -> usize {
        self.n
    }

    /// The coupling graph as the user named it ([`Topology::Custom`] with the edges as given).
    pub fn topology(&self) -> &Topology {
        &self.topology
    }

    /// The edges `(a, b)` of the coupling graph, `a < b`, sorted, no duplicates.
    pub fn edges(&self) -> &[(usize, usize)] {
        &self.edges
    }

    /// `omega0_i` for every qubit, battery first (`H` uses `omega0_i sigma_z^i`).
    pub fn omega0(&self) -> &[f64] {
        &self.omega0
    }

    /// The exchange coupling `J`.
    pub fn coupling(&self) -> f64 {
        self.coupling
    }

    /// Collective (one reservoir) or individual (one per qubit) dissipation.
    pub fn dissipation(&self) -> Dissipation {
        self.dissipation
    }

    /// Fermi or Bose reservoirs.
    pub fn statistics(&self) -> Statistics {
        self.statistics
    }

    /// The bath frequency at which every occupation is evaluated.
    pub fn omega(&self) -> f64 {
        self.omega
    }

    /// The reservoirs: one (collective) or one per qubit, battery first (individual), each
    /// with its `mu` (the `dmu` bias included), temperature, rate and occupation.
    pub fn reservoirs(&self) -> &[Reservoir] {
        &self.reservoirs
    }

    /// Validates `spec`, fills in defaults and resolves per-qubit values.
    ///
    /// # Errors
    /// A [`ModelError`] naming the offending field and value.
    pub fn new(spec: &ModelSpec) -> Result<Model, ModelError> {
        let n = spec.n.unwrap_or(3);
        if n == 0 {
            return Err(ModelError::invalid("n", "0", "must be at least 1"));
        }
        if n > MAX_QUBITS {
            return Err(ModelError::invalid(
                "n",
                n.to_string(),
                format!("at most {MAX_QUBITS} qubits are supported"),
            ));
        }
        let topology = spec.topology.clone().unwrap_or(Topology::Star);
        let edges = topology.edges(n)?;
        let omega0 = resolve("omega0", spec.omega0.as_ref(), 10.0, n)?;
        for (i, &w) in omega0.iter().enumerate() {
            check_finite(&indexed("omega0", i, n), w)?;
            if w <= 0.0 {
                return Err(ModelError::invalid(
                    indexed("omega0", i, n),
                    w.to_string(),
                    format!(
                        "must be positive (qubit {i} has level splitting 2 omega0 = {}; the \
                         battery stores at most E_max = 2 omega0 of qubit 0)",
                        2.0 * w
                    ),
                ));
            }
        }
        let coupling = spec.coupling.unwrap_or(1.0);
        check_finite("coupling", coupling)?;
        let dissipation = spec.dissipation.unwrap_or(Dissipation::Individual);
        let statistics = spec.statistics.unwrap_or(Statistics::Fermi);
        let omega = spec.omega.unwrap_or(1.0);
        check_finite("omega", omega)?;

        let collective = dissipation == Dissipation::Collective;
        let bath_count = if collective { 1 } else { n };
        let mut reservoirs = Vec::with_capacity(bath_count);
        let [gamma, temperature, mu] = [
            ("gamma", spec.gamma.as_ref(), 1.0),
            ("temperature", spec.temperature.as_ref(), 1.0),
            ("mu", spec.mu.as_ref(), 1.0),
        ]
        .map(|(name, value, default)| {
            if collective {
                match value {
                    Some(PerQubit::List(list)) => Err(ModelError::invalid(
                        name,
                        format!("{list:?}"),
                        "collective dissipation has one reservoir: give a single number",
                    )),
                    Some(PerQubit::Uniform(v)) => Ok(vec![*v]),
                    None => Ok(vec![default]),
                }
            } else {
                resolve(name, value, default, n)
            }
        });
        let (gamma, temperature, mut mu) = (gamma?, temperature?, mu?);
        match (spec.dmu, collective) {
            (Some(dmu), true) => {
                return Err(ModelError::invalid(
                    "dmu",
                    dmu.to_string(),
                    "dmu applies to individual dissipation only (collective has one reservoir)",
                ))
            }
            (dmu, false) => {
                // the paper's default bias dmu = 2 (Fig. 4) applies only when mu is a scalar;
                // a per-qubit list already says every reservoir's mu
                let dmu = match (dmu, spec.mu.as_ref()) {
                    (Some(d), Some(PerQubit::List(list))) if d != 0.0 => {
                        return Err(ModelError::invalid(
                            "dmu",
                            d.to_string(),
                            format!(
                                "dmu applies only with a single mu; mu is the per-qubit list \
                                 {list:?}, which already gives every reservoir's mu (leave dmu \
                                 out or 0, or give one mu)"
                            ),
                        ))
                    }
                    (Some(d), _) => d,
                    (None, Some(PerQubit::List(_))) => 0.0,
                    (None, _) => 2.0,
                };
                check_finite("dmu", dmu)?;
                for m in mu.iter_mut().skip(1) {
                    *m += dmu;
                }
            }
            (None, true) => {}
        }
        for i in 0..bath_count {
            let name = |field| {
                if collective {
                    String::from(field)
                } else {
                    indexed(field, i, n)
                }
            };
            let (g, t, m) = (gamma[i], temperature[i], mu[i]);
            check_finite(&name("gamma"), g)?;
            check_finite(&name("temperature"), t)?;
            check_finite(&name("mu"), m)?;
            if g <= 0.0 {
                return Err(ModelError::invalid(
                    name("gamma"),
                    g.to_string(),
                    "must be positive",
                ));
            }
            if t < 0.0 {
                return Err(ModelError::invalid(
                    name("temperature"),
                    t.to_string(),
                    "must be non-negative",
                ));
            }
            let occupation = occupation(statistics, omega, m, t)?;
            reservoirs.push(Reservoir {
                mu: m,
                temperature: t,
                gamma: g,
                occupation,
            });
        }
        let model = Model {
            n,
            topology,
            edges,
            omega0,
            coupling,
            dissipation,
            statistics,
            omega,
            reservoirs,
        };
        model.check_scales()?;
        Ok(model)
    }

    /// The model's rate and frequency scales with their field names: every `omega0_i`, `|J|`
    /// when some qubits are coupled and `J != 0`, every `gamma_i`.
    fn scales(&self) -> Vec<(String, f64)> {
        let n = self.n;
        let mut scales: Vec<(String, f64)> = self
            .omega0
            .iter()
            .enumerate()
            .map(|(i, &w)| (indexed("omega0", i, n), w))
            .collect();
        if !self.edges.is_empty() && self.coupling != 0.0 {
            scales.push(("coupling".into(), self.coupling.abs()));
        }
        let collective = self.dissipation == Dissipation::Collective;
        scales.extend(self.reservoirs.iter().enumerate().map(|(i, r)| {
            let name = if collective {
                "gamma".to_string()
            } else {
                indexed("gamma", i, n)
            };
            (name, r.gamma)
        }));
        scales
    }

    /// Refuses scales further apart than [`MAX_SCALE_RATIO`] (double precision cannot
    /// resolve the slower process beside the faster one), naming both fields.
    fn check_scales(&self) -> Result<(), ModelError> {
        let scales = self.scales();
        // the first field of the smallest and of the largest value
        let pick = |better: fn(f64, f64) -> bool| {
            scales
                .iter()
                .fold(None, |best: Option<&(String, f64)>, s| match best {
                    Some(b) if !better(s.1, b.1) => Some(b),
                    _ => Some(s),
                })
        };
        let (Some(small), Some(large)) = (pick(|a, b| a < b), pick(|a, b| a > b)) else {
            return Ok(());
        };
        let ratio = large.1 / small.1;
        if ratio > MAX_SCALE_RATIO {
            return Err(ModelError::ScalesTooFarApart {
                small_field: small.0.clone(),
                small: small.1,
                large_field: large.0.clone(),
                large: large.1,
                ratio,
                limit: MAX_SCALE_RATIO,
            });
        }
        Ok(())
    }

    /// The qubits that no path of edges joins to the battery (qubit 0), in increasing order:
    /// they never exchange excitations with it, so they do not change its state.
    pub fn disconnected_qubits(&self) -> Vec<usize> {
        let mut neighbours = vec![Vec::new(); self.n];
        for &(a, b) in &self.edges {
            neighbours[a].push(b);
            neighbours[b].push(a);
        }
        let mut reached = vec![false; self.n];
        reached[0] = true;
        let mut stack = vec![0];
        while let Some(q) = stack.pop() {
            for &p in &neighbours[q] {
                if !reached[p] {
                    reached[p] = true;
                    stack.push(p);
                }
            }
        }
        (0..self.n).filter(|&i| !reached[i]).collect()
    }

    /// The jump operators, in a fixed order: for collective `[J_-, J_+]`, for individual
    /// `[sigma_-^0, sigma_+^0, sigma_-^1, ...]`. Jumps with zero rate are kept (rate 0).
    pub fn jumps(&self) -> Vec<Jump> {
        match self.dissipation {
            Dissipation::Collective => {
                let r = &self.reservoirs[0];
                let sites: Vec<usize> = (0..self.n).collect();
                vec![
                    Jump {
                        rate: r.rate_down(self.statistics),
                        raising: false,
                        sites: sites.clone(),
                    },
                    Jump {
                        rate: r.rate_up(),
                        raising: true,
                        sites,
                    },
                ]
            }
            Dissipation::Individual => self
                .reservoirs
                .iter()
                .enumerate()
                .flat_map(|(i, r)| {
                    [
                        Jump {
                            rate: r.rate_down(self.statistics),
                            raising: false,
                            sites: vec![i],
                        },
                        Jump {
                            rate: r.rate_up(),
                            raising: true,
                            sites: vec![i],
                        },
                    ]
                })
                .collect(),
        }
    }

    /// The battery's maximal storable energy `E_max = 2 omega0_0` (normalises the ergotropy).
    pub fn battery_energy_max(&self) -> f64 {
        2.0 * self.omega0[0].abs()
    }

    /// `true` when every ancilla (qubits `1..n`) has the same `omega0` and reservoir, and the
    /// topology is a star: the ancillas are then interchangeable (permutation symmetry).
    pub fn has_identical_ancillas(&self) -> bool {
        let star = self.edges.len() == self.n - 1 && self.edges.iter().all(|&(a, _)| a == 0);
        let same_omega = self
            .omega0
            .get(1..)
            .unwrap_or(&[])
            .windows(2)
            .all(|w| w[0] == w[1]);
        let same_bath = match self.dissipation {
            Dissipation::Collective => true,
            Dissipation::Individual => self
                .reservoirs
                .get(1..)
                .unwrap_or(&[])
                .windows(2)
                .all(|w| w[0] == w[1]),
        };
        star && same_omega && same_bath
    }
}

fn indexed(field: &str, i: usize, n: usize) -> String {
    if n == 1 {
        field.to_string()
    } else {
        format!("{field}[{i}]")
    }
}

fn check_finite(field: &str, value: f64) -> Result<(), ModelError> {
    if value.is_finite() {
        Ok(())
    } else {
        Err(ModelError::invalid(
            field,
            value.to_string(),
            "must be a finite number",
        ))
    }
}

fn resolve(
    field: &str,
    value: Option<&PerQubit>,
    default: f64,
    n: usize,
) -> Result<Vec<f64>, ModelError> {
    match value {
        None => Ok(vec![default; n]),
        Some(PerQubit::Uniform(v)) => Ok(vec![*v; n]),
        Some(PerQubit::List(list)) if list.len() == n => Ok(list.clone()),
        Some(PerQubit::List(list)) => Err(ModelError::invalid(
            field,
            format!("{list:?}"),
            format!("a list must have n = {n} entries, it has {}", list.len()),
        )),
    }
}

#[cfg(test)]
mod tests;

/// The paper's Fig. 4 point with `n` qubits and the given dissipation (the unit tests' star
/// with identical ancillas).
#[cfg(test)]
pub(crate) fn paper_star(n: usize, dissipation: Dissipation) -> Model {
    Model::new(&ModelSpec {
        n: Some(n),
        dissipation: Some(dissipation),
        ..Default::default()
    })
    .unwrap()
}

/// The star of `n` qubits with the battery's reservoir at `mu = 0` and the ancillas' at
/// `mu = 4` (`dmu = 4`; the ancillas relax towards `p = 0.95`, through `p = 1/2`: the unit
/// tests' trajectory across the Dicke grid).
#[cfg(test)]
pub(crate) fn pumped_star(n: usize) -> Model {
    Model::new(&ModelSpec {
        n: Some(n),
        mu: Some(PerQubit::Uniform(0.0)),
        dmu: Some(4.0),
        ..Default::default()
    })
    .unwrap()
}
