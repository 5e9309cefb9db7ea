#!/usr/bin/env python3
"""Overhead of the Python package against the Rust core and the command line.

1. `qbat.steady(n=3)` per call (goal: under 1 ms), with the core's own solve time
   (`diagnostics["seconds"]`) for comparison.
2. A 2,000-point N = 3 sweep from Python against `qbat sweep` for the same grid
   (goal: Python <= 1.5x the command), both with the same number of threads.

Run with the package installed (scripts/test installs it in .venv-test/) and a release build
of the command line:

    cargo build --release
    .venv-test/bin/python bench/python_overhead.py [--threads 2] [--out bench/results/python_overhead.md]
"""

from __future__ import annotations

import argparse
import os
import pathlib
import platform
import statistics
import subprocess
import time

import numpy as np

import qbat

ROOT = pathlib.Path(__file__).resolve().parents[1]


def best_of(func, repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threads", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--binary", default=str(ROOT / "target/release/qbat"))
    parser.add_argument("--out", default=str(ROOT / "bench/results/python_overhead.md"))
    args = parser.parse_args()

    # 1. call overhead
    qbat.steady(n=3)
    calls = best_of(lambda: qbat.steady(n=3), 2000)
    core = statistics.median(qbat.steady(n=3).diagnostics["seconds"] for _ in range(500))
    call_median, call_min = statistics.median(calls), min(calls)

    # 2. sweep: mu in 0..10 (40 values) x dmu in 0..4 (50 values) = 2,000 points at N = 3
    mu_spec, dmu_spec = "mu=0:10:40", "dmu=0:4:50"
    mu = [0 + (10 - 0) * k / 39 for k in range(40)]
    dmu = [0 + (4 - 0) * k / 49 for k in range(50)]
    mu[-1], dmu[-1] = 10.0, 4.0
    sweeps = []
    for threads in sorted({1, args.threads}):
        cmd = [args.binary, "sweep", "--vary", mu_spec, "--vary", dmu_spec, "--n", "3", "--json"]
        cmd += ["--serial"] if threads == 1 else ["--threads", str(threads)]
        subprocess.run(cmd, check=True, capture_output=True)
        cli = best_of(lambda: subprocess.run(cmd, check=True, capture_output=True), 5)
        s = qbat.sweep(vary={"mu": mu, "dmu": dmu}, n=3, threads=threads)
        assert len(s) == 2000
        py = best_of(lambda: qbat.sweep(vary={"mu": mu, "dmu": dmu}, n=3, threads=threads), 5)
        sweeps.append((threads, min(py), min(cli)))

    lines = [
        "# Python package overhead",
        "",
        f"Measured {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} on {platform.machine()}, "
        f"{os.cpu_count()} cores, Python {platform.python_version()}, "
        f"by `bench/python_overhead.py --threads {args.threads}` (release builds; the machine is shared, so"
        " timings vary by tens of percent).",
        "",
        "| what | result | goal |",
        "|---|---|---|",
        f"| `qbat.steady(n=3)` per call, median of 2000 (min) | {call_median * 1e3:.3f} ms "
        f"({call_min * 1e3:.3f} ms) | < 1 ms |",
        f"| of which the core's solve (`diagnostics['seconds']`, median) | {core * 1e3:.3f} ms | |",
    ]
    for threads, py, cli in sweeps:
        lines += [
            f"| 2,000-point N = 3 sweep, {threads} thread(s): `qbat.sweep` (best of 5) | {py:.3f} s | |",
            f"| same grid, `qbat sweep --json` (best of 5, process start included) | {cli:.3f} s | |",
            f"| ratio Python / command, {threads} thread(s) | {py / cli:.2f} | <= 1.5 |",
        ]
    lines += [
        "",
    ]
    text = "\n".join(lines)
    print(text)
    pathlib.Path(args.out).write_text(text)


if __name__ == "__main__":
    main()
