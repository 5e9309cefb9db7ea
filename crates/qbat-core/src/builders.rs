//! `with_*` helpers for the `#[non_exhaustive]` option records, so that callers outside the
//! crate can write `SteadyOptions::default().with_method(Method::Sector)` in one expression.

use crate::dynamics::EvolveOptions;
use crate::model::InitialState;
use crate::options::{Integrator, Method, Solver, SteadyOptions};

/// `with_FIELD(value)` setters: `plain` fields take the value as it is, `some` fields (the
/// `Option`s whose `None` means "automatic" or "default") take it wrapped in `Some`.
macro_rules! setters {
    ($ty:ident {
        plain: [$($field:ident: $value:ty => $with:ident),* $(,)?],
        some: [$($opt:ident: $opt_value:ty => $opt_with:ident),* $(,)?] $(,)?
    }) => {
        impl $ty {
            $(
                #[doc = concat!("These options with [`", stringify!($ty), "::", stringify!($field), "`] set.")]
                #[must_use]
                pub fn $with(mut self, $field: $value) -> Self {
                    self.$field = $field;
                    self
                }
            )*
            $(
                #[doc = concat!("These options with [`", stringify!($ty), "::", stringify!($opt), "`] set to `Some(value)`.")]
                #[must_use]
                pub fn $opt_with(mut self, value: $opt_value) -> Self {
                    self.$opt = Some(value);
                    self
                }
            )*
        }
    };
}

setters!(SteadyOptions {
    plain: [
        method: Method => with_method,
        initial: InitialState => with_initial,
    ],
    some: [
        memory_limit_bytes: u64 => with_memory_limit,
        // the planning step then uses that solver or reports why it does not apply
        solver: Solver => with_solver,
    ],
});

setters!(EvolveOptions {
    plain: [
        times: Vec<f64> => with_times,
        method: Method => with_method,
        initial: InitialState => with_initial,
        integrator: Integrator => with_integrator,
        tolerance: f64 => with_tolerance,
        fraction: f64 => with_fraction,
        gap: bool => with_gap,
    ],
    some: [memory_limit_bytes: u64 => with_memory_limit],
});

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn setters_set_their_field_and_nothing_else() {
        let o = SteadyOptions::default()
            .with_method(Method::Sector)
            .with_solver(Solver::Krylov)
            .with_memory_limit(7);
        assert_eq!(o.method, Method::Sector);
        assert_eq!(o.solver, Some(Solver::Krylov));
        assert_eq!(o.memory_limit_bytes, Some(7));
        assert_eq!(o.initial, SteadyOptions::default().initial);
        let e = EvolveOptions::default()
            .with_gap(false)
            .with_tolerance(1e-6);
        assert!(!e.gap);
        assert_eq!(e.tolerance, 1e-6);
        assert_eq!(e.times, EvolveOptions::default().times);
    }
}
