//! Helpers shared by the CLI tests: running the binary, temporary directories, CSV parsing,
//! file-format checks and the QuTiP reference tables.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};

/// Runs the real `qbat` binary with `args` and extra environment variables.
pub fn qbat(args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_qbat"));
    cmd.args(args).env_remove("QBAT_SWEEP_STOP_AFTER");
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().expect("qbat runs")
}

/// stderr as text.
pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// A fresh, empty directory under the target directory, unique to `name`.
pub fn temp_dir(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A CSV file as a header and rows of fields.
pub fn read_csv(path: &Path) -> (Vec<String>, Vec<Vec<String>>) {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut lines = text.lines();
    let header = lines.next().unwrap().split(',').map(String::from).collect();
    let rows = lines
        .map(|l| l.split(',').map(String::from).collect())
        .collect();
    (header, rows)
}

/// CSV rows as maps from column name to number (empty fields skipped).
pub fn read_table(path: &Path) -> Vec<HashMap<String, f64>> {
    let (header, rows) = read_csv(path);
    rows.iter()
        .map(|r| {
            header
                .iter()
                .zip(r)
                .filter(|(_, v)| !v.is_empty())
                .map(|(h, v)| (h.clone(), v.parse::<f64>().unwrap()))
                .collect()
        })
        .collect()
}

/// Asserts `path` is a PNG of the given size (signature and IHDR chunk).
pub fn assert_png(path: &Path, width: u32, height: u32) {
    let bytes = std::fs::read(path).unwrap();
    assert_eq!(
        &bytes[..8],
        b"\x89PNG\r\n\x1a\n",
        "{} is not a PNG",
        path.display()
    );
    assert_eq!(&bytes[12..16], b"IHDR");
    let w = u32::from_be_bytes(bytes[16..20].try_into().unwrap());
    let h = u32::from_be_bytes(bytes[20..24].try_into().unwrap());
    assert_eq!((w, h), (width, height));
    assert_eq!(&bytes[bytes.len() - 8..bytes.len() - 4], b"IEND");
}

/// Asserts `path` is a complete SVG document containing every string of `texts`.
pub fn assert_svg(path: &Path, texts: &[&str]) {
    let text = std::fs::read_to_string(path).unwrap();
    let start = text.find("<svg").expect("an <svg> element");
    assert!(text[..start].trim().is_empty() || text[..start].trim_start().starts_with("<?xml"));
    assert!(
        text.trim_end().ends_with("</svg>"),
        "{} is truncated",
        path.display()
    );
    // tags balance: every opened element is closed
    let opens = text.matches("<text").count();
    assert_eq!(opens, text.matches("</text>").count());
    for t in texts {
        assert!(text.contains(t), "{} lacks {t:?}", path.display());
    }
}

/// The reference table `tests/data/reference/NAME` (QuTiP 5.3.1 reference data,
/// tests/data/reference).
pub fn reference(name: &str) -> Vec<HashMap<String, f64>> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/reference");
    read_table(&dir.join(name))
}

/// Compares the computed figure `ours` with reference rows wherever the grid points
/// coincide: `keys` maps our column to the reference's, `w_ref` names the reference W.
/// Returns the number of points compared; asserts |W - W_ref| <= tol at each.
pub fn compare_with_reference(
    ours: &[HashMap<String, f64>],
    reference: &[HashMap<String, f64>],
    keys: &[(&str, &str)],
    w_ref: &str,
    tol: f64,
) -> usize {
    let mut compared = 0;
    for row in ours {
        let hit = reference
            .iter()
            .find(|r| keys.iter().all(|(k, rk)| (row[*k] - r[*rk]).abs() < 1e-9));
        if let Some(r) = hit {
            let (w, expected) = (row["W"], r[w_ref]);
            assert!(
                (w - expected).abs() <= tol,
                "W = {w} vs reference {expected} at {:?}",
                keys.iter().map(|(k, _)| (k, row[*k])).collect::<Vec<_>>()
            );
            compared += 1;
        }
    }
    compared
}

/// Starts the qbat binary with `args`, stdout and stderr piped (for tests that signal it).
pub fn spawn(args: &[&str]) -> Child {
    Command::new(env!("CARGO_BIN_EXE_qbat"))
        .args(args)
        .env_remove("QBAT_SWEEP_STOP_AFTER")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("qbat starts")
}

/// Sends `signal` (`INT`, `TERM`, `KILL`) to the child with the `kill` command.
pub fn send_signal(child: &Child, signal: &str) {
    let sent = Command::new("kill")
        .args([format!("-{signal}"), child.id().to_string()])
        .status()
        .expect("kill runs");
    assert!(sent.success(), "kill -{signal}");
}
