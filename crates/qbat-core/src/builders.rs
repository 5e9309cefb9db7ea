//! `with_*` helpers for the `#[non_exhaustive]` option records, so that callers outside the
//! crate can write `SteadyOptions::default().with_method(Method::Sector)` in one expression.

use crate::dynamics::EvolveOptions;
use crate::model::InitialState;
use crate::options::{Integrator, Method, Solver, SteadyOptions};

impl SteadyOptions {
    /// These options with [`SteadyOptions::method`] set.
    #[must_use]
    pub fn with_method(mut self, method: Method) -> Self {
        self.method = method;
        self
    }

    /// These options with [`SteadyOptions::initial`] set.
    #[must_use]
    pub fn with_initial(mut self, initial: InitialState) -> Self {
        self.initial = initial;
        self
    }

    /// These options with [`SteadyOptions::memory_limit_bytes`] set to `Some(bytes)`.
    #[must_use]
    pub fn with_memory_limit(mut self, bytes: u64) -> Self {
        self.memory_limit_bytes = Some(bytes);
        self
    }

    /// These options with [`SteadyOptions::solver`] set to `Some(solver)` (the planning step
    /// then uses that solver or reports why it does not apply).
    #[must_use]
    pub fn with_solver(mut self, solver: Solver) -> Self {
        self.solver = Some(solver);
        self
    }
}

impl EvolveOptions {
    /// These options with the output [`EvolveOptions::times`] set.
    #[must_use]
    pub fn with_times(mut self, times: Vec<f64>) -> Self {
        self.times = times;
        self
    }

    /// These options with [`EvolveOptions::method`] set.
    #[must_use]
    pub fn with_method(mut self, method: Method) -> Self {
        self.method = method;
        self
    }

    /// These options with [`EvolveOptions::initial`] set.
    #[must_use]
    pub fn with_initial(mut self, initial: InitialState) -> Self {
        self.initial = initial;
        self
    }

    /// These options with [`EvolveOptions::integrator`] set.
    #[must_use]
    pub fn with_integrator(mut self, integrator: Integrator) -> Self {
        self.integrator = integrator;
        self
    }

    /// These options with [`EvolveOptions::tolerance`] set.
    #[must_use]
    pub fn with_tolerance(mut self, tolerance: f64) -> Self {
        self.tolerance = tolerance;
        self
    }

    /// These options with [`EvolveOptions::fraction`] set.
    #[must_use]
    pub fn with_fraction(mut self, fraction: f64) -> Self {
        self.fraction = fraction;
        self
    }

    /// These options with [`EvolveOptions::gap`] set.
    #[must_use]
    pub fn with_gap(mut self, gap: bool) -> Self {
        self.gap = gap;
        self
    }

    /// These options with [`EvolveOptions::memory_limit_bytes`] set to `Some(bytes)`.
    #[must_use]
    pub fn with_memory_limit(mut self, bytes: u64) -> Self {
        self.memory_limit_bytes = Some(bytes);
        self
    }
}
