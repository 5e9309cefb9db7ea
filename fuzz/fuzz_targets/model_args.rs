//! Command-line arguments through to `Model::new`: the input, split at NUL bytes, is the
//! argument list after `qbat steady`; clap parses it with the registry's flags (`ModelArgs`),
//! the flags go through `set_key` and the model through `Model::new`, the memory estimate and
//! (two qubits at most) the steady state. `--config` is left out (it reads a file). Any panic
//! is a finding; errors must be one line.
#![no_main]

use clap::{Args, Command, FromArgMatches};
use libfuzzer_sys::fuzz_target;

#[allow(dead_code)]
#[path = "../../src/config.rs"]
mod config;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let argv: Vec<&str> = std::iter::once("steady").chain(text.split('\0')).collect();
    if argv.iter().any(|a| a.starts_with("--config")) {
        return;
    }
    let command = config::ModelArgs::augment_args(Command::new("steady").no_binary_name(false));
    let Ok(matches) = command.try_get_matches_from(&argv) else {
        return;
    };
    let Ok(args) = config::ModelArgs::from_arg_matches(&matches) else {
        return;
    };
    // `load` without the file: the flags through `set_key`, as the binary applies them
    match config::resolve(None, &args.overrides()) {
        Ok(run) => common::build_and_solve(&run),
        Err(e) => common::one_line(&e.to_string()),
    }
});
