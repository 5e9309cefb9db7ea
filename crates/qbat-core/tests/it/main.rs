//! qbat-core's integration tests, one test binary (one link step) for the whole crate: each
//! module is one theme, `support` the scaffolding they share.
//!
//! Heavy checks (minutes, or gigabytes) are `#[ignore = "heavy: ..."]`; run them with
//! `cargo test --workspace -- --ignored` (README, "Heavy checks").

mod support;

mod api;
mod dynamics_closed_form;
mod dynamics_methods;
mod dynamics_rational;
mod dynamics_reference;
mod krylov;
mod properties;
mod reference_points;
mod steady_methods;
mod symmetric_closed_form;
mod symmetric_dense;
mod symmetric_methods;
mod symmetric_reference;
mod thermo;
