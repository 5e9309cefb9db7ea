#!/usr/bin/env python3
"""Time to evolve t in [0, 50/gamma] (101 samples) for every representation and integrator.

The paper's Fig. 6 point (individual reservoirs, omega0 = 10, omega = J = gamma = T = 1,
mu = 0, dmu = 4; Kamin, Salimi, Arjmandi, PRA 109, 022226 (2024)), from all-ground. Runs the
release binary (`cargo build --release` first) and writes bench/results/evolve_timing.md with
wall time and peak memory (GNU time) of each `qbat evolve` run, the evolution and gap times
qbat reports, and W(50) and the charging time, which must agree between methods.

Usage: python3 bench/evolve_timing.py [--quick]
  --quick: N <= 6 and N = 101 only.
"""
import json
import os
import platform
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
QBAT = os.path.join(ROOT, "target", "release", "qbat")
QUICK = "--quick" in sys.argv

# (N, method, integrator): full and sector only where they are not hours
CASES = []
for n in range(3, 9):
    if n <= 7:
        CASES.append((n, "full", "polynomial"))
    CASES.append((n, "sector", "polynomial"))
    CASES.append((n, "symmetric", "polynomial"))
    CASES.append((n, "symmetric", "rational"))
CASES += [(101, "symmetric", "polynomial"), (101, "symmetric", "rational"),
          (201, "symmetric", "rational"), (1001, "symmetric", "rational")]
if QUICK:
    CASES = [c for c in CASES if c[0] <= 6 or c[0] == 101]


def run(n, method, integrator):
    args = [QBAT, "evolve", "--n", str(n), "--mu", "0", "--dmu", "4", "-T", "1",
            "--times", "0:50:101", "--method", method, "--integrator", integrator, "--json"]
    with tempfile.NamedTemporaryFile(mode="r") as t:
        p = subprocess.run(["/usr/bin/time", "-f", "%e %M", "-o", t.name] + args,
                           capture_output=True, text=True)
        wall, kb = t.read().split()[-2:]
    if p.returncode != 0:
        return None, float(wall), int(kb), p.stderr.strip()
    return json.loads(p.stdout), float(wall), int(kb), ""


def main():
    lines = [
        f"# `qbat evolve`, t in [0, 50/gamma], 101 samples ({time.strftime('%Y-%m-%d')}, "
        f"{platform.node()}, {os.cpu_count()} cores)",
        "",
        "Fig. 6 point (individual, mu = 0, dmu = 4, T = 1), from all-ground; release build;",
        "wall time and peak RSS of the whole run (steady state + evolution + gap).",
        "",
        "| N | method | integrator | unknowns | wall s | peak MB | evolve s | gap s | "
        "products/solves | W(50) | charging time | gap |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for n, method, integrator in CASES:
        v, wall, kb, err = run(n, method, integrator)
        if v is None:
            row = f"| {n} | {method} | {integrator} | | {wall:.2f} | {kb / 1024:.0f} | failed: {err} |"
        else:
            d = v["diagnostics"]
            row = (f"| {n} | {method} | {integrator} | {d['unknowns']} | {wall:.2f} | "
                   f"{kb / 1024:.0f} | {d['seconds_evolve']:.3f} | {d['seconds_gap']:.3f} | "
                   f"{d['products']} | {v['W'][-1]:.12f} | {v['charging_time']:.10f} | "
                   f"{v['gap']:.10f} |")
        print(row, flush=True)
        lines.append(row)
    out = os.path.join(HERE, "results", "evolve_timing.md")
    with open(out, "w") as f:
        f.write("\n".join(lines) + "\n")
    print("wrote", os.path.relpath(out, ROOT))


if __name__ == "__main__":
    main()
