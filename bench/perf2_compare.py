#!/usr/bin/env python3
"""Compares the outputs of two runs of bench/perf2.sh (before / after a change).

    python3 bench/perf2_compare.py BEFORE_DIR AFTER_DIR

Prints the largest absolute difference in W (steady: `W` of `--json`; sweeps: the W column;
evolve: W(t) of the CSV and W_steady, charging time and gap of the JSON) for every job whose
outputs exist in both directories. Exit code 1 when a difference in W exceeds 1e-9 (the
accuracy rule of issue 14).
"""

import csv
import json
import os
import sys

LIMIT = 1e-9


def column(path, name):
    with open(path) as f:
        return [float(row[name]) for row in csv.DictReader(f)]


def w_difference(before, after, name):
    """Largest |W_before - W_after| over the rows of `name` in both directories, and the
    number of rows; None when either file is missing."""
    a, b = (os.path.join(d, name) for d in (before, after))
    if not (os.path.exists(a) and os.path.exists(b)):
        return None
    wa, wb = column(a, "W"), column(b, "W")
    return max(abs(x - y) for x, y in zip(wa, wb)), len(wa)


def main():
    before, after = sys.argv[1], sys.argv[2]
    worst = 0.0
    for job in ("evolve", "sweep", "sweep-par", "star13", "chain13", "n14"):
        lines = []
        if job == "evolve":
            found = w_difference(before, after, "evolve.csv")
            if found is None:
                continue
            d, rows = found
            worst = max(worst, d)
            lines.append(f"W(t), {rows} samples: max |diff| {d:.2e}")
            ja, jb = (json.load(open(os.path.join(x, "evolve.out"))) for x in (before, after))
            for key in ("W_steady", "charging_time", "gap"):
                lines.append(f"{key}: {ja[key]!r} vs {jb[key]!r}, diff {abs(ja[key] - jb[key]):.2e}")
            worst = max(worst, abs(ja["W_steady"] - jb["W_steady"]))
            da, db = ja["diagnostics"], jb["diagnostics"]
            lines.append(
                f"solves {da['products']} -> {db['products']}, steps {da['steps']} -> {db['steps']}, "
                f"evolve s {da['seconds_evolve']:.1f} -> {db['seconds_evolve']:.1f}, "
                f"gap s {da['seconds_gap']:.1f} -> {db['seconds_gap']:.1f}"
            )
        elif job.startswith("sweep"):
            found = w_difference(before, after, f"{job}.csv")
            if found is None:
                continue
            d, rows = found
            worst = max(worst, d)
            lines.append(f"W over {rows} points: max |diff| {d:.2e}")
        else:
            a, b = (os.path.join(d, f"{job}.out") for d in (before, after))
            if not (os.path.exists(a) and os.path.exists(b)):
                continue
            try:
                ja, jb = json.load(open(a)), json.load(open(b))
            except json.JSONDecodeError:
                continue
            d = abs(ja["W"] - jb["W"])
            worst = max(worst, d)
            lines.append(
                f"W {ja['W']!r} vs {jb['W']!r}, diff {d:.2e}; iterations "
                f"{ja['diagnostics'].get('iterations')} -> {jb['diagnostics'].get('iterations')}"
            )
        for line in lines:
            print(f"{job}: {line}")
    print(f"largest W difference {worst:.2e} (limit {LIMIT:.0e})")
    sys.exit(1 if worst > LIMIT else 0)


if __name__ == "__main__":
    main()
