#!/usr/bin/env python3
"""Times QuTiP's steadystate() against `qbat steady` on the same models, same machine.

Models (battery = qubit 0 at the centre of a star, omega0 = 10, J = 1, gamma = 1, T = 1,
omega = 1, individual fermionic reservoirs):
  fig4     the paper's Fig. 4 point: mu = 1 on the battery, mu + dmu = 3 on every ancilla
  fig6     the paper's Fig. 6 model at dmu = 4: mu = 0 on the battery, 4 on every ancilla
  general  a distinct mu on every qubit (no permutation symmetry): mu_0 = 0,
           mu_i = 1.5 + 2.5 (i - 1)/(N - 2) for the ancillas

QuTiP configurations (QuTiP 5, one BLAS thread unless OPENBLAS_NUM_THREADS is set):
  direct   steadystate(H, c_ops): the default sparse direct solve (N <= 7 by default; N = 8
           takes minutes and ~10 GB)
  gmres    steadystate(H, c_ops, method="iterative-gmres", rtol=1e-10, restart=100): the
           fastest configuration found (see shared/MEASURED.md)
qbat: `qbat steady --json` with --method auto (symmetric for the stars with identical ancillas,
sector otherwise) and --method sector; the time is qbat's own solve time (diagnostics.seconds),
the process wall time is reported too.

Writes bench/results/compare_qutip-<date>.md with the machine, versions, times, W agreement and
speed-up ratios. Installs qutip with pip when it is missing.

    python3 bench/compare_qutip.py            # N = 2..10, all models
    python3 bench/compare_qutip.py --n 2 8 --models general --direct-max 6
"""

import argparse
import datetime
import json
import os
import platform
import subprocess
import sys
import time

# One BLAS thread for QuTiP unless the caller chose otherwise: its sparse direct and GMRES
# solvers are single-threaded, and on a shared 2-core machine OpenBLAS's spinning threads made
# its GMRES 20x and its direct solve 80x slower (measured). Must be set before numpy loads.
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def ensure_qutip():
    try:
        import qutip  # noqa: F401
    except ImportError:
        subprocess.check_call([sys.executable, "-m", "pip", "install", "qutip"])
    import qutip

    return qutip


def mu_list(model, n):
    if model == "fig4":
        return [1.0] + [3.0] * (n - 1)
    if model == "fig6":
        return [0.0] + [4.0] * (n - 1)
    if model == "general":
        if n == 1:
            return [0.0]
        return [0.0] + [1.5 + 2.5 * (i - 1) / max(n - 2, 1) for i in range(1, n)]
    raise ValueError(model)


OMEGA0, J, GAMMA, T, OMEGA = 10.0, 1.0, 1.0, 1.0, 1.0


def fermi(mu):
    import math

    return 1.0 / (math.exp((OMEGA - mu) / T) + 1.0)


def qutip_problem(qutip, n, mus):
    """H_S and the jump operators in QuTiP's tensor order (qubit 0 first, basis 0 = excited)."""

    def on(op, i):
        ops = [qutip.qeye(2)] * n
        ops[i] = op
        return qutip.tensor(ops)

    sz, sp, sm = qutip.sigmaz(), qutip.sigmap(), qutip.sigmam()
    h = sum(OMEGA0 * on(sz, i) for i in range(n))
    for i in range(1, n):
        hop = on(sp, 0) * on(sm, i)
        h = h + J * (hop + hop.dag())
    c_ops = []
    for i in range(n):
        occ = fermi(mus[i])
        c_ops.append((GAMMA * (1.0 - occ)) ** 0.5 * on(sm, i))
        c_ops.append((GAMMA * occ) ** 0.5 * on(sp, i))
    return h, c_ops


def battery_w(rho_b):
    """Ergotropy / (2 omega0) of the battery w.r.t. omega0 sigma_z, basis (|e>, |g>)."""
    import numpy as np

    m = rho_b.full()
    energy = OMEGA0 * (m[0, 0].real - m[1, 1].real)
    lo, hi = sorted(np.linalg.eigvalsh(m))
    passive = OMEGA0 * (lo - hi)
    return (energy - passive) / (2.0 * OMEGA0)


def time_qutip(qutip, n, mus, config):
    h, c_ops = qutip_problem(qutip, n, mus)
    start = time.perf_counter()
    if config == "direct":
        rho = qutip.steadystate(h, c_ops)
    else:
        rho = qutip.steadystate(h, c_ops, method="iterative-gmres", rtol=1e-10, restart=100)
    seconds = time.perf_counter() - start
    return seconds, battery_w(rho.ptrace(0))


def find_qbat(path):
    if path:
        return path
    exe = os.path.join(ROOT, "target", "release", "qbat")
    if not os.path.exists(exe):
        subprocess.check_call(["cargo", "build", "--release", "--bin", "qbat"], cwd=ROOT)
    return exe


def time_qbat(exe, n, mus, method):
    args = [
        exe, "steady", "--n", str(n),
        "--mu", ",".join(repr(m) for m in mus), "--dmu", "0",
        "--method", method, "--json",
    ]
    start = time.perf_counter()
    out = subprocess.run(args, capture_output=True, text=True)
    wall = time.perf_counter() - start
    if out.returncode != 0:
        return None, None, wall, out.stderr.strip().splitlines()[-1:] or ["failed"]
    report = json.loads(out.stdout)
    diag = report["diagnostics"]
    used = diag.get("method", method)
    if diag.get("iterations") is not None:
        used += f", Krylov {diag['iterations']} it."
    return report["W"], diag["seconds"], wall, [used]


def machine():
    cpu = platform.processor() or "?"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    mem = "?"
    try:
        with open("/proc/meminfo") as f:
            kb = int(f.readline().split()[1])
            mem = f"{kb / 2**20:.0f} GiB"
    except (OSError, ValueError, IndexError):
        pass
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "?"
    return f"{cpu}, {os.cpu_count()} logical cores, {mem} RAM, load average {load} at start"


def fmt(x, digits=3):
    return "-" if x is None else f"{x:.{digits}g}"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", nargs=2, type=int, default=[2, 10], metavar=("MIN", "MAX"))
    parser.add_argument("--models", nargs="+", default=["fig4", "fig6", "general"])
    parser.add_argument("--direct-max", type=int, default=7, help="largest N for QuTiP direct")
    parser.add_argument("--gmres-max", type=int, default=10, help="largest N for QuTiP GMRES")
    parser.add_argument("--qbat", default=None, help="path of the qbat binary")
    parser.add_argument("--out", default=None, help="output file (default bench/results/...)")
    parser.add_argument("--render", default=None, help="only rewrite the table of a saved .json")
    args = parser.parse_args()
    if args.render:
        rerender(args.render)
        return

    qutip = ensure_qutip()
    exe = find_qbat(args.qbat)
    started = datetime.datetime.now()
    header = machine()
    rows = []
    for model in args.models:
        for n in range(args.n[0], args.n[1] + 1):
            mus = mu_list(model, n)
            row = {"model": model, "n": n}
            if n <= args.direct_max:
                row["direct_s"], row["direct_w"] = time_qutip(qutip, n, mus, "direct")
            if n <= args.gmres_max:
                row["gmres_s"], row["gmres_w"] = time_qutip(qutip, n, mus, "gmres")
            for method in ["auto", "sector"]:
                w, seconds, wall, used = time_qbat(exe, n, mus, method)
                row[method] = {"w": w, "s": seconds, "wall": wall, "used": used[0]}
            rows.append(row)
            print(json.dumps(row), flush=True)

    out = args.out or os.path.join(
        ROOT, "bench", "results", f"compare_qutip-{started:%Y-%m-%d}.md"
    )
    meta = {
        "started": f"{started:%Y-%m-%d %H:%M}",
        "machine": header,
        "qutip": qutip.__version__,
        "python": platform.python_version(),
        "blas_threads": os.environ.get("OPENBLAS_NUM_THREADS"),
        "rayon_threads": os.environ.get("RAYON_NUM_THREADS", "all cores"),
        "qbat": exe,
    }
    os.makedirs(os.path.dirname(out), exist_ok=True)
    with open(os.path.splitext(out)[0] + ".json", "w") as f:
        json.dump({"meta": meta, "rows": rows}, f, indent=1)
    with open(out, "w") as f:
        f.write(render(meta, rows))
    print(f"wrote {out}")


def render(meta, rows):
    lines = [
        f"# QuTiP steadystate() vs qbat steady ({meta['started']})",
        "",
        f"Machine: {meta['machine']}.",
        f"QuTiP {meta['qutip']}, Python {meta['python']}, "
        f"OPENBLAS_NUM_THREADS={meta['blas_threads']}; qbat {meta['qbat']} "
        f"(RAYON_NUM_THREADS={meta['rayon_threads']}).",
        "Models: star, omega0 = 10, J = gamma = T = omega = 1, individual fermionic reservoirs; "
        "fig4: mu = 1, ancillas 3; fig6: mu = 0, ancillas 4; general: mu_0 = 0, "
        "mu_i = 1.5 + 2.5 (i-1)/(N-2) (all distinct).",
        "QuTiP direct = steadystate(H, c_ops); QuTiP GMRES = method='iterative-gmres', "
        "rtol=1e-10, restart=100 (its fastest configuration). qbat times are the solver's own "
        "(diagnostics.seconds); process wall time in brackets. Speed-up = QuTiP GMRES / qbat. "
        "|dW| = |W_qbat - W_QuTiP GMRES| (direct where GMRES was not run); at rtol = 1e-10 "
        "QuTiP's GMRES W is itself off by up to ~6e-10 (fig4, N = 8: 0.4687327395 at "
        "rtol = 1e-10, 0.4687327389 at rtol = 1e-13, qbat 0.4687327389).",
        "qbat's sector method is sparse LU for N <= 8 (steady::SECTOR_DIRECT_MAX_QUBITS) and "
        "the preconditioned Krylov solver beyond; auto = sector for these models until the "
        "symmetric solver lands.",
        "",
        "| model | N | QuTiP direct s | QuTiP GMRES s | qbat auto (method) s | speed-up | "
        "qbat sector s | speed-up | W (qbat auto) | abs dW |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        ref_w = r.get("gmres_w", r.get("direct_w"))
        auto, sector = r["auto"], r["sector"]

        def ratio(q):
            if r.get("gmres_s") is None or q["s"] is None or q["s"] <= 0:
                return "-"
            x = r["gmres_s"] / q["s"]
            return f"{x:.0f}x" if x >= 10 else f"{x:.2g}x"

        dw = None if (ref_w is None or auto["w"] is None) else abs(auto["w"] - ref_w)
        w_text = "-" if auto["w"] is None else f"{auto['w']:.10f}"
        lines.append(
            f"| {r['model']} | {r['n']} | {fmt(r.get('direct_s'))} | {fmt(r.get('gmres_s'))} | "
            f"{fmt(auto['s'])} [{fmt(auto['wall'])}] ({auto['used']}) | {ratio(auto)} | "
            f"{fmt(sector['s'])} [{fmt(sector['wall'])}] | {ratio(sector)} | "
            f"{w_text} | {fmt(dw, 2)} |"
        )
    return "\n".join(lines) + "\n"


def rerender(path):
    """Rewrites the table of a saved run (`<name>.json` -> `<name>.md`)."""
    with open(path) as f:
        saved = json.load(f)
    out = os.path.splitext(path)[0] + ".md"
    with open(out, "w") as f:
        f.write(render(saved["meta"], saved["rows"]))
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
