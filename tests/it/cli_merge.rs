//! `qbat sweep --shard I/K` and `qbat merge`: shards merged equal the unsharded sweep byte
//! for byte (CSV, JSON, provenance), merge refuses bad shard sets, a killed shard resumes.

use std::path::{Path, PathBuf};

use crate::common::{qbat, stderr, temp_dir};

/// A 1-D sweep with a series (18 points) and a 2-D sweep with a series (2 x 4 x 3 = 24).
const GRIDS: [&[&str]; 2] = [
    &[
        "sweep",
        "--dissipation",
        "collective",
        "--vary",
        "mu=0:4:9",
        "--series",
        "temperature=0.5,2",
    ],
    &[
        "sweep",
        "-T",
        "0.7",
        "--vary",
        "mu=0:3:4",
        "--vary",
        "dmu=0:2:3",
        "--series",
        "n=2,3",
    ],
];

fn run(base: &[&str], extra: &[&str]) {
    let all: Vec<&str> = base.iter().chain(extra).copied().collect();
    let o = qbat(&all, &[]);
    assert!(o.status.success(), "{all:?}: {}", stderr(&o));
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn shards(dir: &Path, base: &[&str], k: usize) -> Vec<PathBuf> {
    (1..=k)
        .map(|i| {
            let path = dir.join(format!("s{i}of{k}.shard"));
            run(base, &["--shard", &format!("{i}/{k}"), "--out", s(&path)]);
            path
        })
        .collect()
}

fn merge(out: &Path, json: bool, shards: &[PathBuf]) -> std::process::Output {
    let mut a = vec!["merge", "--out", s(out)];
    if json {
        a.push("--json");
    }
    // in reverse order: the merge sorts by shard number
    a.extend(shards.iter().rev().map(|p| s(p)));
    qbat(&a, &[])
}

#[test]
fn sharded_and_merged_equals_unsharded_byte_for_byte() {
    for (g, base) in GRIDS.iter().enumerate() {
        let dir = temp_dir(&format!("merge_equal_{g}"));
        let csv = dir.join("full.csv");
        let json = dir.join("full.json");
        run(base, &["--out", s(&csv)]);
        run(base, &["--json", "--out", s(&json)]);
        for k in [1, 3, 4, 7] {
            let parts = shards(&dir, base, k);
            for (json_out, reference) in [(false, &csv), (true, &json)] {
                let merged = dir.join(format!("m{k}.{}", if json_out { "json" } else { "csv" }));
                let o = merge(&merged, json_out, &parts);
                assert!(o.status.success(), "K = {k}: {}", stderr(&o));
                assert_eq!(
                    std::fs::read(&merged).unwrap(),
                    std::fs::read(reference).unwrap(),
                    "grid {g}, K = {k}, json = {json_out}"
                );
                if !json_out {
                    // the provenance sidecar too
                    let meta = |p: &Path| std::fs::read(format!("{}.meta.json", p.display()));
                    assert_eq!(meta(&merged).unwrap(), meta(reference).unwrap());
                }
            }
        }
    }
}

#[test]
fn merge_refuses_missing_foreign_duplicated_truncated_and_corrupt_shards() {
    let dir = temp_dir("merge_refusals");
    let parts = shards(&dir, GRIDS[0], 3);
    let other_dir = dir.join("other");
    std::fs::create_dir_all(&other_dir).unwrap();
    let mut foreign_base = GRIDS[0].to_vec();
    foreign_base[6] = "temperature=0.5,3";
    let foreign = shards(&other_dir, &foreign_base, 3);
    let out = dir.join("m.csv");
    let refuse = |given: &[PathBuf], needles: &[&str]| {
        let mut a = vec!["merge", "--out", s(&out)];
        a.extend(given.iter().map(|p| s(p)));
        let o = qbat(&a, &[]);
        assert_eq!(o.status.code(), Some(2), "{given:?}: {}", stderr(&o));
        assert_eq!(stderr(&o).lines().count(), 1, "{}", stderr(&o));
        for needle in needles {
            assert!(stderr(&o).contains(needle), "{needle}: {}", stderr(&o));
        }
        assert!(!out.exists());
    };
    // missing: the numbers of the missing shards
    refuse(&parts[..1], &["missing shards 2, 3 of 3"]);
    refuse(
        &[parts[0].clone(), parts[2].clone()],
        &["missing shard 2 of 3"],
    );
    // foreign: a shard of another sweep, named
    refuse(
        &[parts[0].clone(), parts[1].clone(), foreign[2].clone()],
        &[s(&foreign[2]), "another sweep"],
    );
    // duplicated
    refuse(
        &[
            parts[0].clone(),
            parts[1].clone(),
            parts[1].clone(),
            parts[2].clone(),
        ],
        &[s(&parts[1]), "both shard 2/3"],
    );
    // truncated: cut inside the rows, and cut before the end marker
    let text = std::fs::read_to_string(&parts[1]).unwrap();
    for (name, cut) in [
        ("cut.shard", text.len() / 2),
        ("noend.shard", text.len() - 6),
    ] {
        let truncated = dir.join(name);
        std::fs::write(&truncated, &text[..cut]).unwrap();
        refuse(
            &[parts[0].clone(), truncated.clone(), parts[2].clone()],
            &[s(&truncated)],
        );
    }
    // corrupt: a number changed into text, and a file that is no shard at all
    let corrupt = dir.join("corrupt.shard");
    let lines: Vec<&str> = text.lines().collect();
    let bad_row = lines[4].replacen(',', ",x", 2);
    let edited: Vec<&str> = lines[..4]
        .iter()
        .copied()
        .chain([bad_row.as_str()])
        .chain(lines[5..].iter().copied())
        .collect();
    std::fs::write(&corrupt, edited.join("\n") + "\n").unwrap();
    refuse(
        &[parts[0].clone(), corrupt.clone(), parts[2].clone()],
        &[s(&corrupt), "line 5"],
    );
    let garbage = dir.join("garbage.shard");
    std::fs::write(&garbage, "mu,W\n1,2\n").unwrap();
    refuse(
        &[parts[0].clone(), garbage.clone()],
        &[s(&garbage), "not a qbat shard file"],
    );
    // the intact set still merges
    let o = merge(&out, false, &parts);
    assert!(o.status.success(), "{}", stderr(&o));
}

#[test]
fn shard_argument_errors_exit_2() {
    for (extra, needle) in [
        (&["--shard", "0/3", "--out", "x.csv"][..], "--shard"),
        (&["--shard", "4/3", "--out", "x.csv"][..], "--shard"),
        (&["--shard", "1/3"][..], "needs --out"),
        (
            &["--shard", "slurm", "--out", "x.csv"][..],
            "SLURM_ARRAY_TASK_ID",
        ),
    ] {
        let all: Vec<&str> = GRIDS[0].iter().chain(extra).copied().collect();
        let o = qbat(&all, &[]);
        assert_eq!(o.status.code(), Some(2), "{extra:?}: {}", stderr(&o));
        assert!(stderr(&o).contains(needle), "{extra:?}: {}", stderr(&o));
    }
}

#[test]
fn shard_slurm_takes_its_number_from_the_job_array() {
    let dir = temp_dir("merge_slurm");
    let reference = shards(&dir, GRIDS[0], 3);
    // an array --array=5-7: task 6 is shard 2 of 3
    let out = dir.join("task6.shard");
    let all: Vec<&str> = GRIDS[0]
        .iter()
        .copied()
        .chain(["--shard", "slurm", "--out", s(&out)])
        .collect();
    let o = qbat(
        &all,
        &[
            ("SLURM_ARRAY_TASK_ID", "6"),
            ("SLURM_ARRAY_TASK_MIN", "5"),
            ("SLURM_ARRAY_TASK_COUNT", "3"),
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        std::fs::read(&out).unwrap(),
        std::fs::read(&reference[1]).unwrap()
    );
}

/// A sweep long enough (100 points of a 6-qubit chain) to be killed while it runs.
pub const LONG: &[&str] = &[
    "sweep",
    "--n",
    "6",
    "--topology",
    "chain",
    "--vary",
    "mu=0:10:100",
    "--serial",
];

/// Waits until `partial` holds at least `rows` rows (header lines excluded).
pub fn wait_for_rows(partial: &Path, rows: usize) {
    let start = std::time::Instant::now();
    loop {
        let n = std::fs::read_to_string(partial)
            .map(|t| t.lines().count().saturating_sub(2))
            .unwrap_or(0);
        if n >= rows {
            return;
        }
        assert!(
            start.elapsed().as_secs() < 120,
            "{} never reached {rows} rows",
            partial.display()
        );
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
}

#[test]
fn a_shard_killed_with_sigkill_and_resumed_gives_the_same_bytes() {
    let dir = temp_dir("merge_kill");
    let reference = dir.join("ref.shard");
    run(LONG, &["--shard", "2/3", "--out", s(&reference)]);
    let out = dir.join("killed.shard");
    let partial = dir.join("killed.shard.partial");
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_qbat"))
        .args(LONG)
        .args(["--shard", "2/3", "--out", s(&out)])
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    wait_for_rows(&partial, 3);
    child.kill().unwrap(); // SIGKILL
    let status = child.wait().unwrap();
    assert!(!status.success());
    assert!(!out.exists(), "killed before the end");
    assert!(partial.exists());
    run(LONG, &["--shard", "2/3", "--out", s(&out), "--resume"]);
    assert_eq!(
        std::fs::read(&out).unwrap(),
        std::fs::read(&reference).unwrap()
    );
    assert!(!partial.exists());
}

#[test]
fn merge_draws_the_plot_as_sweep_does() {
    let dir = temp_dir("merge_plot");
    let parts = shards(&dir, GRIDS[0], 2);
    let svg = dir.join("m.svg");
    let out = dir.join("m.csv");
    let mut a = vec!["merge", "--out", s(&out), "--plot", s(&svg)];
    a.extend(parts.iter().map(|p| s(p)));
    let o = qbat(&a, &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    // the line plot of the whole sweep: both series, the paper's notation
    crate::common::assert_svg(&svg, &["μ/γ", "T/γ = 0.5", "T/γ = 2", "collective"]);
    // an unwritable plot path is refused before anything is written
    let bad = dir.join("no/such/m.svg");
    let m2 = dir.join("m2.csv");
    let mut a = vec!["merge", "--out", s(&m2), "--plot", s(&bad)];
    a.extend(parts.iter().map(|p| s(p)));
    let o = qbat(&a, &[]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(!m2.exists());
}
