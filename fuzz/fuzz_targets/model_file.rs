//! The model-file parser with the key registry: arbitrary text as a TOML model file through
//! `config::resolve` (serde with `deny_unknown_fields`, then `set_key` per key) and, when it
//! parses, `Model::new`, the memory estimate and (two qubits at most) the steady state.
//! Any panic is a finding; errors must be one line.
#![no_main]

use std::path::Path;

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
    match config::resolve(Some((Path::new("fuzz.toml"), text)), &[]) {
        Ok(run) => common::build_and_solve(&run),
        Err(e) => common::one_line(&e.to_string()),
    }
});
