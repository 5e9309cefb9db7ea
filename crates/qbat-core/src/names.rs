//! The names of the choice enums, as the command line and model files write them:
//! [`FromStr`] and [`Display`](fmt::Display) for [`Topology`], [`Statistics`],
//! [`Dissipation`], [`InitialState`], [`Method`], [`Solver`] and [`Integrator`],
//! [`Display`](fmt::Display) for [`GapMethod`]. One table per enum; parsing, printing and
//! `name()` all read it.

use std::fmt;
use std::str::FromStr;

use crate::dynamics::GapMethod;
use crate::model::{Dissipation, InitialState, Statistics, Topology};
use crate::options::{Integrator, Method, Solver};

/// A name that does not denote any value of a choice enum.
///
/// ```
/// use qbat_core::{ParseNameError, Statistics};
/// let err = "fermion".parse::<Statistics>().unwrap_err();
/// assert_eq!(err.kind(), "statistics");
/// assert_eq!(err.value(), "fermion");
/// assert_eq!(err.accepted(), ["fermi", "bose"]);
/// assert_eq!(err.to_string(), r#"unknown statistics "fermion": expected one of fermi, bose"#);
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct ParseNameError {
    kind: &'static str,
    value: String,
    accepted: &'static [&'static str],
    note: Option<&'static str>,
}

impl ParseNameError {
    fn new(kind: &'static str, value: &str, accepted: &'static [&'static str]) -> Self {
        ParseNameError {
            kind,
            value: value.to_string(),
            accepted,
            note: None,
        }
    }

    /// What was being parsed, as the command line names the key: `topology`, `statistics`,
    /// `dissipation`, `initial`, `method`, `solver`, `integrator`.
    pub fn kind(&self) -> &'static str {
        self.kind
    }

    /// The text that was given.
    pub fn value(&self) -> &str {
        &self.value
    }

    /// The names [`FromStr`] accepts for this kind, in the order shown to users.
    pub fn accepted(&self) -> &'static [&'static str] {
        self.accepted
    }

    /// Why a name that exists cannot be parsed on its own (`custom` topology: it needs
    /// edges), `None` for a name that is simply unknown.
    pub fn note(&self) -> Option<&'static str> {
        self.note
    }
}

impl fmt::Display for ParseNameError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.note {
            Some(note) => write!(f, "{} {:?}: {note}", self.kind, self.value),
            None => write!(
                f,
                "unknown {} {:?}: expected one of {}",
                self.kind,
                self.value,
                self.accepted.join(", ")
            ),
        }
    }
}

impl std::error::Error for ParseNameError {}

/// `FromStr` and `Display` from one table `(name, value)`; `$names` lists the names in order.
macro_rules! named {
    ($ty:ty, $kind:literal, $names:ident, $table:expr) => {
        const $names: &[&str] = &{
            let table = $table;
            let mut names = [""; $table.len()];
            let mut i = 0;
            while i < table.len() {
                names[i] = table[i].0;
                i += 1;
            }
            names
        };

        impl FromStr for $ty {
            type Err = ParseNameError;

            fn from_str(s: &str) -> Result<Self, Self::Err> {
                $table
                    .into_iter()
                    .find(|(name, _)| *name == s)
                    .map(|(_, value)| value)
                    .ok_or_else(|| ParseNameError::new($kind, s, $names))
            }
        }

        impl $ty {
            /// The name in the table (every value has one).
            fn table_name(&self) -> &'static str {
                $table
                    .into_iter()
                    .find(|(_, value)| value == self)
                    .map_or("?", |(name, _)| name)
            }
        }

        impl fmt::Display for $ty {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.pad(self.table_name())
            }
        }
    };
}

named!(
    Statistics,
    "statistics",
    STATISTICS_NAMES,
    [("fermi", Statistics::Fermi), ("bose", Statistics::Bose)]
);
named!(
    Dissipation,
    "dissipation",
    DISSIPATION_NAMES,
    [
        ("individual", Dissipation::Individual),
        ("collective", Dissipation::Collective),
    ]
);
named!(
    InitialState,
    "initial",
    INITIAL_NAMES,
    [
        ("ground", InitialState::Ground),
        ("excited", InitialState::Excited),
        ("mixed", InitialState::Mixed),
    ]
);
named!(
    Method,
    "method",
    METHOD_NAMES,
    [
        ("auto", Method::Auto),
        ("full", Method::Full),
        ("sector", Method::Sector),
        ("symmetric", Method::Symmetric),
    ]
);
named!(
    Solver,
    "solver",
    SOLVER_NAMES,
    [
        ("lu", Solver::SparseLu),
        ("krylov", Solver::Krylov),
        ("dense-kernel", Solver::DenseKernel),
        ("dicke", Solver::Dicke),
    ]
);
named!(
    Integrator,
    "integrator",
    INTEGRATOR_NAMES,
    [
        ("auto", Integrator::Auto),
        ("polynomial", Integrator::Polynomial),
        ("rational", Integrator::Rational),
    ]
);

impl Method {
    /// The name used on the command line and in output: `auto`, `full`, `sector` or
    /// `symmetric`.
    pub fn name(self) -> &'static str {
        self.table_name()
    }
}

impl Solver {
    /// The name used on the command line and in output: `lu`, `krylov`, `dense-kernel` or
    /// `dicke`.
    pub fn name(self) -> &'static str {
        self.table_name()
    }
}

impl Integrator {
    /// The name used on the command line and in output: `auto`, `polynomial` or `rational`.
    pub fn name(self) -> &'static str {
        self.table_name()
    }
}

impl Statistics {
    /// The name used on the command line and in output: `fermi` or `bose`.
    pub fn name(self) -> &'static str {
        self.table_name()
    }
}

impl Dissipation {
    /// The name used on the command line and in output: `individual` or `collective`.
    pub fn name(self) -> &'static str {
        self.table_name()
    }
}

impl InitialState {
    /// The name used on the command line and in output: `ground`, `excited` or `mixed`.
    pub fn name(self) -> &'static str {
        self.table_name()
    }
}

impl GapMethod {
    /// The name used in output: `dense`, `propagator_arnoldi` or `shift_invert_arnoldi`.
    pub fn name(self) -> &'static str {
        match self {
            GapMethod::Dense => "dense",
            GapMethod::PropagatorArnoldi => "propagator_arnoldi",
            GapMethod::ShiftInvertArnoldi => "shift_invert_arnoldi",
        }
    }
}

/// The topologies that need nothing but their name.
const TOPOLOGY_NAMES: &[&str] = &["star", "chain", "ring", "complete"];

impl FromStr for Topology {
    type Err = ParseNameError;

    /// `star`, `chain`, `ring` or `complete`; `custom` is an error (its edges are not part of
    /// the name: build [`Topology::Custom`] with them).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "star" => Ok(Topology::Star),
            "chain" => Ok(Topology::Chain),
            "ring" => Ok(Topology::Ring),
            "complete" => Ok(Topology::Complete),
            "custom" => Err(ParseNameError {
                note: Some("a custom topology needs an edge list (Topology::Custom(edges))"),
                ..ParseNameError::new("topology", s, TOPOLOGY_NAMES)
            }),
            _ => Err(ParseNameError::new("topology", s, TOPOLOGY_NAMES)),
        }
    }
}

impl fmt::Display for Topology {
    /// The name ([`Topology::name`]): `star`, `chain`, `ring`, `complete` or `custom`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.name())
    }
}

impl fmt::Display for GapMethod {
    /// [`GapMethod::name`].
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trip<T>(names: &[&str])
    where
        T: FromStr<Err = ParseNameError> + fmt::Display,
    {
        for name in names {
            let value: T = name.parse().unwrap();
            assert_eq!(value.to_string(), *name);
        }
    }

    #[test]
    fn every_name_round_trips() {
        round_trip::<Topology>(TOPOLOGY_NAMES);
        round_trip::<Statistics>(STATISTICS_NAMES);
        round_trip::<Dissipation>(DISSIPATION_NAMES);
        round_trip::<InitialState>(INITIAL_NAMES);
        round_trip::<Method>(METHOD_NAMES);
        round_trip::<Integrator>(INTEGRATOR_NAMES);
        assert_eq!(METHOD_NAMES, ["auto", "full", "sector", "symmetric"]);
        assert_eq!(INTEGRATOR_NAMES, ["auto", "polynomial", "rational"]);
    }

    #[test]
    fn names_agree_with_name_methods() {
        for m in [
            Method::Auto,
            Method::Full,
            Method::Sector,
            Method::Symmetric,
        ] {
            assert_eq!(m.to_string(), m.name());
        }
        for i in Integrator::ALL {
            assert_eq!(i.to_string(), i.name());
        }
        assert_eq!(Topology::Custom(vec![(0, 1)]).to_string(), "custom");
        assert_eq!(Statistics::Bose.name(), "bose");
        assert_eq!(Dissipation::Collective.name(), "collective");
        assert_eq!(InitialState::Mixed.name(), "mixed");
        assert_eq!(
            GapMethod::ShiftInvertArnoldi.to_string(),
            "shift_invert_arnoldi"
        );
        assert_eq!(format!("{:>6}", Method::Full), "  full");
    }

    #[test]
    fn bad_names_say_what_was_expected() {
        let e = "line".parse::<Topology>().unwrap_err();
        assert_eq!((e.kind(), e.value()), ("topology", "line"));
        assert_eq!(e.accepted(), ["star", "chain", "ring", "complete"]);
        assert_eq!(e.note(), None);
        assert_eq!(
            e.to_string(),
            r#"unknown topology "line": expected one of star, chain, ring, complete"#
        );
        let e = "custom".parse::<Topology>().unwrap_err();
        assert!(e.note().is_some());
        assert!(e.to_string().contains("edge list"), "{e}");
        let e = "Sector".parse::<Method>().unwrap_err();
        assert_eq!(
            e.to_string(),
            r#"unknown method "Sector": expected one of auto, full, sector, symmetric"#
        );
        let e = "euler".parse::<Integrator>().unwrap_err();
        assert_eq!(e.accepted(), ["auto", "polynomial", "rational"]);
        let e = "thermal".parse::<InitialState>().unwrap_err();
        assert_eq!(e.kind(), "initial");
        let e = "local".parse::<Dissipation>().unwrap_err();
        assert_eq!(e.accepted(), ["individual", "collective"]);
    }
}
