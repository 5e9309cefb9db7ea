#!/usr/bin/env python3
"""Charging time and maximal average power against N for the paper's Fig. 6 parameters.

Individual reservoirs, omega0 = 10, omega = J = gamma = 1, T = 1, mu = 0, dmu = 4 (Kamin,
Salimi, Arjmandi, PRA 109, 022226 (2024), Fig. 6 at dmu = 4), charging from all-ground. Runs
the release binary (`cargo build --release` first) once per N and writes
bench/results/charging_vs_n.csv and, when matplotlib is installed, charging_vs_n.png.

Usage: python3 bench/charging_vs_n.py [N ...]
"""
import csv
import json
import os
import platform
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
QBAT = os.path.join(ROOT, "target", "release", "qbat")
NS = [int(a) for a in sys.argv[1:]] or [2, 3, 4, 5, 6, 8, 10, 15, 20, 30, 50, 75, 101, 201, 401,
                                        1001]
COLUMNS = ["N", "W_steady", "charging_time", "max_average_power", "max_average_power_time",
           "method", "integrator", "seconds_evolve"]


def run(n):
    args = [QBAT, "evolve", "--n", str(n), "--mu", "0", "--dmu", "4", "-T", "1",
            "--times", "0:20:4001", "--no-gap", "--json"]
    v = json.loads(subprocess.run(args, check=True, capture_output=True, text=True).stdout)
    d = v["diagnostics"]
    return [n, v["W_steady"], v["charging_time"], v["max_average_power"],
            v["max_average_power_time"], d["method"], d["integrator"], d["seconds_evolve"]]


def main():
    rows = []
    for n in NS:
        rows.append(run(n))
        print(*rows[-1], flush=True)
    out = os.path.join(HERE, "results", "charging_vs_n.csv")
    with open(out, "w", newline="") as f:
        f.write(f"# {time.strftime('%Y-%m-%d')}, {platform.node()}, {platform.processor() or platform.machine()}; "
                "individual, omega0 = 10, omega = J = gamma = T = 1, mu = 0, dmu = 4, from ground; "
                "times 0:20:4001\n")
        w = csv.writer(f)
        w.writerow(COLUMNS)
        w.writerows(rows)
    print("wrote", os.path.relpath(out, ROOT))
    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        print("matplotlib not installed: no plot")
        return
    n = [r[0] for r in rows]
    fig, ax1 = plt.subplots(figsize=(6.4, 4.2), dpi=150)
    ax1.plot(n, [r[2] for r in rows], "o-", color="tab:blue", label="charging time (90% of W_ss)")
    ax1.set_xscale("log")
    ax1.set_xlabel("N (battery + ancillas)")
    ax1.set_ylabel(r"charging time $\gamma t_{90}$", color="tab:blue")
    ax2 = ax1.twinx()
    ax2.plot(n, [r[3] for r in rows], "s-", color="tab:red", label="max average power")
    ax2.set_ylabel(r"max average power $\max_t\,(E_B(t) - E_B(0))/t$", color="tab:red")
    ax1.set_title(r"Fig. 6 parameters ($\mu = 0$, $\Delta\mu = 4$, $T = 1$), from ground")
    fig.tight_layout()
    png = os.path.join(HERE, "results", "charging_vs_n.png")
    fig.savefig(png)
    print("wrote", os.path.relpath(png, ROOT))


if __name__ == "__main__":
    main()
