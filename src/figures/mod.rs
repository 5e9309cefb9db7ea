//! `qbat figures`: the paper's Figs. 2-6 recomputed, plotted, and its Sec. III claims checked.
//!
//! For every figure: `figK.csv` (the columns of `qbat sweep`), `figK.png`, `figK.svg`; then
//! `REPORT.md` with each claim, its verdict and the deciding numbers ([`claims`]), and the
//! initial-state dependence of the collective case ([`initial`]).

pub mod claims;
pub mod data;
pub mod initial;
pub mod paper;
pub mod report;
pub mod thermo;

use std::path::{Path, PathBuf};
use std::time::Instant;

use qbat_core::{InitialState, ModelSpec, PerQubit};

use crate::error::CliError;
use crate::sweep::exec::{Execution, Threads};
use data::FigureData;

/// What `qbat figures` was asked to do.
#[derive(Clone, Debug)]
pub struct FiguresRequest {
    /// Output directory (created if missing).
    pub out: PathBuf,
    /// Points per curve for every figure (default: see [`paper::paper_figures`]).
    pub points: Option<usize>,
    /// Only these figures (`fig2` ... `fig6`); all when empty.
    pub only: Vec<String>,
    /// Serial or parallel.
    pub threads: Threads,
}

/// Runs `qbat figures`.
///
/// # Errors
/// [`CliError::Input`] for an unknown figure name; [`CliError::Numerical`] when a point fails,
/// [`CliError::Output`] when a file cannot be written.
pub fn run(request: &FiguresRequest) -> Result<(), CliError> {
    let start = Instant::now();
    let mut figures = paper::paper_figures(request.points);
    for name in &request.only {
        if !figures.iter().any(|f| f.name == name) && name != thermo::NAME {
            return Err(CliError::Input(format!(
                "--only {name}: no such figure (fig2, fig3, fig4, fig5, fig6, {})",
                thermo::NAME
            )));
        }
    }
    if !request.only.is_empty() {
        figures.retain(|f| request.only.iter().any(|n| n == f.name));
    }
    let out = &request.out;
    // an output directory that cannot be made is bad input, as any unusable output path
    std::fs::create_dir_all(out)
        .map_err(|e| CliError::Input(format!("--out: creating {}: {e}", out.display())))?;
    // the directory takes files before minutes of computing go into them
    crate::atomic::check_writable("--out", &out.join("REPORT.md"))?;
    let threads = request.threads;
    let execution = Execution {
        threads,
        progress: true,
        stop_after: None,
    };
    let mut computed = vec![];
    for figure in figures {
        let t0 = Instant::now();
        let rows = crate::sweep::compute_rows(
            &figure.base,
            &figure.grid,
            &crate::sweep::point::DEFAULT_OUTPUTS,
            &execution,
        )
        .map_err(|e| e.context(figure.name))?;
        write_figure(out, &figure, &rows)?;
        let seconds = t0.elapsed().as_secs_f64();
        eprintln!("{}: {} points in {seconds:.2} s", figure.name, rows.len());
        computed.push((FigureData { figure, rows }, seconds));
    }

    let mut claims = vec![];
    for (data, _) in &computed {
        claims.extend(match data.figure.name {
            "fig2" => claims::fig2(data)?,
            "fig3" => claims::fig3(data)?,
            "fig4" => claims::fig4(data)?,
            "fig5" => claims::fig5(data),
            _ => {
                // the battery alone: fig6's base model with one qubit and no bias
                let lone = |mu| ModelSpec {
                    n: Some(1),
                    mu: Some(PerQubit::Uniform(mu)),
                    dmu: Some(0.0),
                    ..data.figure.base.spec.clone()
                };
                let (w0, _) = initial::solve_w(&lone(0.0), InitialState::Ground)?;
                let (w3, _) = initial::solve_w(&lone(3.0), InitialState::Ground)?;
                claims::fig6(data, w0, w3)?
            }
        });
    }
    let table = initial::initial_state_table()?;
    claims.push(claims::initial_state(&table));
    let n_j = initial::equilibrium_n_j_table()?;
    claims.push(claims::n_j_independence(&n_j));
    let threads_text = match threads {
        Threads::Serial => "1 thread".to_string(),
        Threads::Pool(0) => format!("{} threads", rayon::current_num_threads()),
        Threads::Pool(n) => format!("{n} threads"),
    };
    let text = report::render(&report::ReportInput {
        figures: &computed,
        claims: &claims,
        initial: &table,
        seconds: start.elapsed().as_secs_f64(),
        threads: threads_text,
    });
    let mut text = text;
    if request.only.is_empty() || request.only.iter().any(|n| n == thermo::NAME) {
        let t0 = Instant::now();
        text.push_str(&thermo::run(out, request.points, &execution)?);
        eprintln!("{}: in {:.2} s", thermo::NAME, t0.elapsed().as_secs_f64());
    }
    let path = out.join("REPORT.md");
    crate::atomic::write_atomic(&path, text.as_bytes())
        .map_err(|e| CliError::Output(format!("writing {}: {e}", path.display())))?;
    let holding = claims
        .iter()
        .filter(|c| c.verdict == claims::Verdict::Holds)
        .count();
    eprintln!(
        "wrote {} figures and {} ({holding} of {} claims hold) in {:.2} s",
        computed.len(),
        path.display(),
        claims.len(),
        start.elapsed().as_secs_f64()
    );
    Ok(())
}

/// Writes `figK.csv`, `figK.png` and `figK.svg` into `dir`.
fn write_figure(
    dir: &Path,
    figure: &paper::PaperFigure,
    rows: &[crate::sweep::point::Row],
) -> Result<(), CliError> {
    let keys = figure.grid.keys();
    let csv = dir.join(format!("{}.csv", figure.name));
    crate::atomic::write_atomic(
        &csv,
        crate::sweep::output::to_csv(&keys, &crate::sweep::point::DEFAULT_OUTPUTS, rows).as_bytes(),
    )
    .map_err(|e| CliError::Output(format!("writing {}: {e}", csv.display())))?;
    let number = figure.name.trim_start_matches("fig");
    for ext in ["png", "svg"] {
        let path = dir.join(format!("{}.{ext}", figure.name));
        crate::sweep::figure::plot_rows(
            &path,
            &figure.base,
            &figure.grid,
            rows,
            Some(&format!("Fig. {number}: ")),
        )
        .map_err(|e| CliError::Output(format!("{}: {e}", path.display())))?;
    }
    Ok(())
}
