//! The `qbat` command line run as a real binary (`CARGO_BIN_EXE_qbat`), one test binary for the
//! whole package: a module per subcommand, `common` the helpers they share.

mod common;

mod cli_evolve;
mod cli_figures;
mod cli_inputs;
mod cli_interrupt;
mod cli_merge;
mod cli_signals;
mod cli_steady;
mod cli_sweep;
mod cli_thermo;
