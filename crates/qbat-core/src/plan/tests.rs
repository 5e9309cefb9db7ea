//! The planning step: the automatic choices, requested solvers, and the solver reported.

use super::*;
use crate::model::{paper_star as star, ModelSpec, PerQubit};
use crate::steady::steady_state;

fn distinct(n: usize) -> Model {
    // ancillas with different chemical potentials: no permutation symmetry
    Model::new(&ModelSpec {
        n: Some(n),
        mu: Some(PerQubit::List((0..n).map(|i| i as f64).collect())),
        ..ModelSpec::default()
    })
    .unwrap()
}

fn options(method: Method, solver: Option<Solver>) -> SteadyOptions {
    SteadyOptions {
        method,
        solver,
        ..SteadyOptions::default()
    }
}

#[test]
fn automatic_choices() {
    let cases = [
        (
            star(5, Dissipation::Individual),
            Method::Auto,
            Route::Symmetric,
        ),
        (distinct(5), Method::Auto, Route::DirectSector),
        (distinct(8), Method::Auto, Route::Krylov),
        (distinct(3), Method::Full, Route::DirectFull),
        (
            star(4, Dissipation::Collective),
            Method::Full,
            Route::DenseKernel(Space::Full),
        ),
        (
            star(4, Dissipation::Collective),
            Method::Sector,
            Route::DenseKernel(Space::Sector),
        ),
    ];
    for (model, method, route) in cases {
        let (chosen, reason) = choose(&model, &options(method, None)).unwrap();
        assert_eq!(chosen, route, "N = {}, {method:?}: {reason}", model.n);
        assert!(!reason.is_empty());
    }
}

#[test]
fn requested_solvers_that_apply() {
    let cases = [
        (
            distinct(4),
            Method::Auto,
            Solver::SparseLu,
            Route::DirectSector,
        ),
        (
            distinct(4),
            Method::Full,
            Solver::SparseLu,
            Route::DirectFull,
        ),
        (distinct(4), Method::Sector, Solver::Krylov, Route::Krylov),
        (
            star(4, Dissipation::Individual),
            Method::Auto,
            Solver::Dicke,
            Route::Symmetric,
        ),
        (
            star(3, Dissipation::Collective),
            Method::Auto,
            Solver::DenseKernel,
            Route::DenseKernel(Space::Sector),
        ),
    ];
    for (model, method, solver, route) in cases {
        let (chosen, reason) = choose(&model, &options(method, Some(solver))).unwrap();
        assert_eq!(chosen, route, "{solver} under {method:?}: {reason}");
        assert_eq!(chosen.solver(), solver);
    }
}

#[test]
fn requested_solvers_that_do_not_apply() {
    let cases = [
        (
            star(3, Dissipation::Collective),
            Method::Auto,
            Solver::SparseLu,
        ),
        (
            star(3, Dissipation::Collective),
            Method::Sector,
            Solver::Krylov,
        ),
        (distinct(3), Method::Auto, Solver::Dicke),
        (distinct(3), Method::Full, Solver::Krylov),
        (distinct(3), Method::Sector, Solver::DenseKernel),
        (
            star(3, Dissipation::Individual),
            Method::Symmetric,
            Solver::SparseLu,
        ),
        (
            star(9, Dissipation::Collective),
            Method::Sector,
            Solver::DenseKernel,
        ),
    ];
    for (model, method, solver) in cases {
        match choose(&model, &options(method, Some(solver))) {
            Err(SolveError::NotApplicable { method: m, reason }) => {
                assert_eq!(m, method);
                assert!(reason.contains(solver.name()), "{reason}");
            }
            other => panic!("{solver} under {method:?} on N = {}: {other:?}", model.n),
        }
    }
}

#[test]
fn the_solver_used_is_reported_and_requested_solvers_agree() {
    // the same unique steady state from the sparse LU and from the Krylov solver (its
    // residual target 1e-12 bounds the difference)
    let model = distinct(4);
    let lu = steady_state(&model, &options(Method::Sector, Some(Solver::SparseLu))).unwrap();
    let krylov = steady_state(&model, &options(Method::Sector, Some(Solver::Krylov))).unwrap();
    assert_eq!(lu.diagnostics.solver, Solver::SparseLu);
    assert_eq!(krylov.diagnostics.solver, Solver::Krylov);
    assert_eq!(krylov.diagnostics.method, Method::Sector);
    for (a, b) in lu
        .excited_populations
        .iter()
        .zip(&krylov.excited_populations)
    {
        assert!((a - b).abs() < 1e-9, "{a} against {b}");
    }
    let auto = steady_state(&star(5, Dissipation::Individual), &SteadyOptions::default());
    assert_eq!(auto.unwrap().diagnostics.solver, Solver::Dicke);
    let collective = steady_state(
        &star(3, Dissipation::Collective),
        &options(Method::Sector, None),
    );
    assert_eq!(collective.unwrap().diagnostics.solver, Solver::DenseKernel);
}

#[test]
fn too_large_names_the_solver() {
    let model = distinct(8);
    let limit = 1 << 20;
    let options = SteadyOptions {
        memory_limit_bytes: Some(limit),
        ..options(Method::Full, None)
    };
    match steady_state(&model, &options) {
        Err(SolveError::TooLarge {
            method,
            solver,
            limit_bytes,
            ..
        }) => {
            assert_eq!(
                (method, solver, limit_bytes),
                (Method::Full, Some(Solver::SparseLu), limit)
            );
        }
        other => panic!("expected TooLarge, got {other:?}"),
    }
}
