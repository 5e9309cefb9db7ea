#!/usr/bin/env python3
"""Krylov iterations of two qbat binaries on random general models (no symmetry).

    python3 bench/random_krylov_iterations.py BEFORE AFTER [--seed 7] [--models 16]

Each model draws N in 7..10, the topology (star, chain, ring), the statistics (Fermi, Bose),
per-qubit mu, temperature (two decades) and gamma (2.5 decades), and J in {0.2, 1, 3, 10};
both binaries solve it with `qbat steady --json` (the sector Krylov solver). Printed per
model: the iterations before -> after and the difference of the battery energies; at the end
how many models needed more iterations after. Used for bench/results/performance-4.md.
"""
import argparse
import json
import random
import subprocess


def solve(binary, args):
    r = subprocess.run([binary, "steady", *args, "--json"], capture_output=True, text=True)
    if r.returncode:
        return None, r.stderr.strip()
    d = json.loads(r.stdout)
    return (d["diagnostics"]["iterations"], d["energy_battery"]), None


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("before")
    parser.add_argument("after")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--models", type=int, default=16)
    a = parser.parse_args()
    rng = random.Random(a.seed)
    worse = 0
    for _ in range(a.models):
        n = rng.choice([7, 8, 9, 10])
        topology = rng.choice(["star", "chain", "ring"])
        statistics = rng.choice(["fermi", "bose"])
        top = 0.9 if statistics == "bose" else 3.0  # Bose: mu below omega = 1
        mu = ",".join(f"{rng.uniform(-3, top):.3f}" for _ in range(n))
        temperature = ",".join(f"{10 ** rng.uniform(-1.5, 0.7):.4f}" for _ in range(n))
        gamma = ",".join(f"{10 ** rng.uniform(-1.5, 1):.4f}" for _ in range(n))
        coupling = rng.choice([0.2, 1, 3, 10])
        args = ["--n", str(n), "--topology", topology, "--statistics", statistics,
                "--mu", mu, "--temperature", temperature, "--gamma", gamma,
                "--coupling", str(coupling)]
        (b, eb), (f, ef) = solve(a.before, args), solve(a.after, args)
        label = f"N = {n} {topology} {statistics} J = {coupling}:"
        if b is None or f is None:
            print(label, "failed:", eb or ef)
            continue
        worse += f[0] > b[0]
        print(label, b[0], "->", f[0], f"iterations, E_B differs by {abs(b[1] - f[1]):.1e}")
    print(f"models needing more iterations after: {worse} of {a.models}")


if __name__ == "__main__":
    main()
