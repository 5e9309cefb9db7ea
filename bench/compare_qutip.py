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
           fastest configuration found (see bench/results/MEASURED.md)
qbat: `qbat steady --json` with --method sector (sparse LU of the U(1) block for small N, the
preconditioned Krylov solver beyond), --method symmetric (the Dicke-basis solver; it applies to
fig4 and fig6, whose ancillas are identical, and is refused for general) and --method auto (which
picks one of the two; its choice is recorded). The time is qbat's own solve time
(diagnostics.seconds); the process wall time is reported too. All three, and QuTiP, are timed in
the same run, one after another (nothing runs concurrently).

Repeats: every timing is repeated up to --repeats times and the minimum is kept, but a
configuration whose single run took longer than --repeat-below seconds is not repeated (the
number of runs is recorded). The load average (`uptime`) is recorded before and after the run.

Writes bench/results/compare_qutip-<date>.{md,json} with the machine, versions, times, W
agreement and speed-up ratios. Installs qutip with pip when it is missing.

    python3 bench/compare_qutip.py            # N = 2..10, all models
    python3 bench/compare_qutip.py --n 2 8 --models general --direct-max 6

Dynamics (`--dynamics N`): QuTiP's mesolve against `qbat evolve` from the all-ground state, at
the given N for the fig6 and general models (or --models), both timed in the same run: W(t) of
the battery at --times (default 0:10:101; the charging is over by t ~ 3), mesolve with
atol 1e-12 and rtol 1e-10 (W(t) through a callable e_op, no states stored), qbat with its
default integrator (rational for fig6, polynomial on the U(1) sector for general) and its
default tolerance 1e-10. Writes bench/results/compare_qutip_dynamics-<date>.{md,json}.

    python3 bench/compare_qutip.py --dynamics 10
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


def repeated(once, repeats, repeat_below):
    """Runs `once() -> (seconds, payload)` up to `repeats` times, stopping after a run longer
    than `repeat_below` seconds; returns (min seconds, payload of the fastest run, runs)."""
    best = None
    runs = 0
    for _ in range(max(repeats, 1)):
        seconds, payload = once()
        runs += 1
        if seconds is None:
            return None, payload, runs
        if best is None or seconds < best[0]:
            best = (seconds, payload)
        if seconds > repeat_below:
            break
    return best[0], best[1], runs


def time_qutip(qutip, n, mus, config, repeats, repeat_below):
    h, c_ops = qutip_problem(qutip, n, mus)

    def once():
        start = time.perf_counter()
        if config == "direct":
            rho = qutip.steadystate(h, c_ops)
        else:
            rho = qutip.steadystate(
                h, c_ops, method="iterative-gmres", rtol=1e-10, restart=100
            )
        seconds = time.perf_counter() - start
        return seconds, battery_w(rho.ptrace(0))

    return repeated(once, repeats, repeat_below)


def find_qbat(path):
    if path:
        return path
    exe = os.path.join(ROOT, "target", "release", "qbat")
    if not os.path.exists(exe):
        subprocess.check_call(["cargo", "build", "--release", "--bin", "qbat"], cwd=ROOT)
    return exe


def time_qbat(exe, n, mus, method, repeats, repeat_below):
    """{"w", "s" (solver seconds, min over runs), "wall" (process wall of that run), "used",
    "runs"}; "s" and "w" are None when qbat refused (then "used" holds its message)."""
    args = [
        exe, "steady", "--n", str(n),
        "--mu", ",".join(repr(m) for m in mus), "--dmu", "0",
        "--method", method, "--json",
    ]

    def once():
        start = time.perf_counter()
        out = subprocess.run(args, capture_output=True, text=True)
        wall = time.perf_counter() - start
        if out.returncode != 0:
            msg = (out.stderr.strip().splitlines()[-1:] or ["failed"])[0]
            return None, (None, wall, msg)
        report = json.loads(out.stdout)
        diag = report["diagnostics"]
        used = diag.get("method", method)
        if diag.get("iterations") is not None:
            used += f", Krylov {diag['iterations']} it."
        elif used == "sector":
            used += ", LU"
        return diag["seconds"], (report["W"], wall, used)

    seconds, (w, wall, used), runs = repeated(once, repeats, repeat_below)
    return {"w": w, "s": seconds, "wall": wall, "used": used, "runs": runs}


def time_qutip_dynamics(qutip, n, mus, times):
    """(seconds, [W(t)]) of QuTiP's mesolve from all-ground (basis 1 = ground in QuTiP)."""
    h, c_ops = qutip_problem(qutip, n, mus)
    psi0 = qutip.tensor([qutip.basis(2, 1)] * n)
    rho0 = psi0 * psi0.dag()
    start = time.perf_counter()
    result = qutip.mesolve(
        h, rho0, times, c_ops,
        e_ops=[lambda t, rho: battery_w(rho.ptrace(0))],
        options={"atol": 1e-12, "rtol": 1e-10, "nsteps": 1_000_000, "store_states": False},
    )
    seconds = time.perf_counter() - start
    return seconds, [float(np.real(w)) for w in result.expect[0]]


def time_qbat_dynamics(exe, n, mus, spec):
    """(process wall seconds, qbat's own evolve seconds, [W(t)], integrator) of `qbat evolve`."""
    args = [
        exe, "evolve", "--n", str(n),
        "--mu", ",".join(repr(m) for m in mus), "--dmu", "0",
        "--times", spec, "--no-gap", "--json",
    ]
    start = time.perf_counter()
    out = subprocess.run(args, capture_output=True, text=True, check=True)
    wall = time.perf_counter() - start
    report = json.loads(out.stdout)
    diag = report["diagnostics"]
    return wall, diag["seconds_evolve"], report["W"], diag["integrator"]


def dynamics(args, qutip, exe):
    """QuTiP mesolve vs qbat evolve at N = args.dynamics; writes the results files."""
    global np
    import numpy as np

    lo, hi, count = args.times.split(":")
    times = list(np.linspace(float(lo), float(hi), int(count)))
    n = args.dynamics
    started = datetime.datetime.now()
    meta = {
        "started": f"{started:%Y-%m-%d %H:%M}",
        "machine": machine(),
        "uptime_before": uptime(),
        "qutip": qutip.__version__,
        "python": platform.python_version(),
        "blas_threads": os.environ.get("OPENBLAS_NUM_THREADS"),
        "qbat": exe,
        "times": args.times,
    }
    models = [m for m in args.models if m != "fig4"] if args.models else ["fig6", "general"]
    rows = []
    for model in models:
        mus = mu_list(model, n)
        wall, own, w_qbat, integrator = time_qbat_dynamics(exe, n, mus, args.times)
        q_s, w_qutip = time_qutip_dynamics(qutip, n, mus, times)
        dw = max(abs(a - b) for a, b in zip(w_qbat, w_qutip))
        row = {
            "model": model, "n": n, "qutip_mesolve_s": q_s, "qbat_wall_s": wall,
            "qbat_evolve_s": own, "integrator": integrator, "max_dw": dw,
            "w_end_qbat": w_qbat[-1], "w_end_qutip": w_qutip[-1],
        }
        rows.append(row)
        print(json.dumps(row), flush=True)
    meta["uptime_after"] = uptime()
    out = args.out or os.path.join(
        ROOT, "bench", "results", f"compare_qutip_dynamics-{started:%Y-%m-%d}.md"
    )
    with open(os.path.splitext(out)[0] + ".json", "w") as f:
        json.dump({"meta": meta, "rows": rows}, f, indent=1)
    lines = [
        f"# QuTiP mesolve vs qbat evolve, N = {n} ({meta['started']})",
        "",
        f"- Machine: {meta['machine']}.",
        f"- `uptime` before: `{meta['uptime_before']}`; after: `{meta['uptime_after']}`.",
        f"- QuTiP {meta['qutip']} (mesolve, atol 1e-12, rtol 1e-10, OPENBLAS_NUM_THREADS="
        f"{meta['blas_threads']}), qbat {exe} (`evolve --no-gap`, tolerance 1e-10); times "
        f"{args.times}, from all-ground; one run each, one after the other.",
        "",
        "| model | N | QuTiP mesolve s | qbat evolve s [process wall] | integrator | speed-up "
        "(wall) | max abs W(t) diff |",
        "|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        lines.append(
            f"| {r['model']} | {r['n']} | {fmt(r['qutip_mesolve_s'])} | "
            f"{fmt(r['qbat_evolve_s'])} [{fmt(r['qbat_wall_s'])}] | {r['integrator']} | "
            f"{ratio(r['qutip_mesolve_s'], r['qbat_wall_s'])} | {r['max_dw']:.1e} |"
        )
    with open(out, "w") as f:
        f.write("\n".join(lines) + "\n")
    print(f"wrote {out}")


def uptime():
    try:
        return subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()
    except OSError:
        return "?"


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
    parser.add_argument("--repeats", type=int, default=3, help="runs per timing (min kept)")
    parser.add_argument(
        "--repeat-below", type=float, default=2.0,
        help="do not repeat a timing whose run took longer than this (seconds)",
    )
    parser.add_argument("--qbat", default=None, help="path of the qbat binary")
    parser.add_argument("--out", default=None, help="output file (default bench/results/...)")
    parser.add_argument("--render", default=None, help="only rewrite the table of a saved .json")
    parser.add_argument(
        "--dynamics", type=int, default=None, metavar="N",
        help="time QuTiP mesolve against qbat evolve at this N instead (see the docs)",
    )
    parser.add_argument("--times", default="0:10:101", help="sample times of --dynamics")
    args = parser.parse_args()
    if args.render:
        rerender(args.render)
        return
    if args.dynamics is not None:
        if "--models" not in sys.argv:
            args.models = None
        dynamics(args, ensure_qutip(), find_qbat(args.qbat))
        return

    qutip = ensure_qutip()
    exe = find_qbat(args.qbat)
    started = datetime.datetime.now()
    header = machine()
    uptime_before = uptime()
    print(uptime_before, flush=True)
    rep = (args.repeats, args.repeat_below)
    rows = []
    for model in args.models:
        for n in range(args.n[0], args.n[1] + 1):
            mus = mu_list(model, n)
            row = {"model": model, "n": n}
            if n <= args.direct_max:
                row["direct_s"], row["direct_w"], row["direct_runs"] = time_qutip(
                    qutip, n, mus, "direct", *rep
                )
            if n <= args.gmres_max:
                row["gmres_s"], row["gmres_w"], row["gmres_runs"] = time_qutip(
                    qutip, n, mus, "gmres", *rep
                )
            for method in ["sector", "symmetric", "auto"]:
                row[method] = time_qbat(exe, n, mus, method, *rep)
            rows.append(row)
            print(json.dumps(row), flush=True)
    finished = datetime.datetime.now()
    uptime_after = uptime()
    print(uptime_after, flush=True)

    out = args.out or os.path.join(
        ROOT, "bench", "results", f"compare_qutip-{started:%Y-%m-%d}.md"
    )
    meta = {
        "started": f"{started:%Y-%m-%d %H:%M}",
        "finished": f"{finished:%Y-%m-%d %H:%M}",
        "machine": header,
        "uptime_before": uptime_before,
        "uptime_after": uptime_after,
        "repeats": args.repeats,
        "repeat_below_s": args.repeat_below,
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


def ratio(num, den):
    """num / den as text ("-" when either is missing)."""
    if num is None or den is None or den <= 0:
        return "-"
    x = num / den
    return f"{x:.0f}x" if x >= 10 else f"{x:.2g}x"


QBAT_METHODS = ["sector", "symmetric", "auto"]


def reference_w(row):
    """QuTiP's W for a row: GMRES, or the direct solve where GMRES was not run."""
    return row.get("gmres_w", row.get("direct_w"))


def max_dw(row, ref):
    """max |W_qbat - ref| over the qbat methods that ran (None when nothing to compare)."""
    diffs = [
        abs(row[m]["w"] - ref)
        for m in QBAT_METHODS
        if m in row and row[m]["w"] is not None and ref is not None
    ]
    return max(diffs) if diffs else None


def route_text(q):
    """The part of a qbat "used" text after the method ("LU", "Krylov 20 it.")."""
    if q["s"] is None:
        return "failed"
    parts = q["used"].split(", ", 1)
    return parts[1] if len(parts) > 1 else parts[0]


def qbat_cell(q):
    if q is None:
        return "-"
    if q["s"] is None:
        return "n/a"
    return f"{fmt(q['s'])} [{fmt(q['wall'])}]"


def summary(rows):
    """Lines with the largest W differences over the whole run."""
    out = []
    for label, key in [("QuTiP GMRES", "gmres_w"), ("QuTiP direct", "direct_w")]:
        for m in ["sector", "symmetric"]:
            diffs = [
                (abs(r[m]["w"] - r[key]), r["model"], r["n"])
                for r in rows
                if r.get(key) is not None and m in r and r[m]["w"] is not None
            ]
            if diffs:
                d, model, n = max(diffs)
                out.append(
                    f"- max |W_qbat {m} - W_{label}| = {d:.2g} ({model}, N = {n}; "
                    f"{len(diffs)} points)"
                )
    diffs = [
        (abs(r["sector"]["w"] - r["symmetric"]["w"]), r["model"], r["n"])
        for r in rows
        if "symmetric" in r and r["symmetric"]["w"] is not None and r["sector"]["w"] is not None
    ]
    if diffs:
        d, model, n = max(diffs)
        out.append(
            f"- max |W_qbat sector - W_qbat symmetric| = {d:.2g} ({model}, N = {n}; "
            f"{len(diffs)} points)"
        )
    return out


def wall_ratios(rows):
    """' (QuTiP GMRES / qbat symmetric process wall: ...)' for N >= 8, '' when none ran."""
    by_n = {}
    for r in rows:
        sym = r.get("symmetric")
        if r["n"] >= 8 and r.get("gmres_s") and sym and sym["s"] is not None:
            by_n.setdefault(r["n"], []).append(r["gmres_s"] / sym["wall"])
    if not by_n:
        return ""
    parts = [
        f"N = {n}: {min(v):.0f}-{max(v):.0f}x" if len(v) > 1 else f"N = {n}: {v[0]:.0f}x"
        for n, v in sorted(by_n.items())
    ]
    return " (QuTiP GMRES / qbat symmetric process wall: " + ", ".join(parts) + ")"


def render(meta, rows):
    repeats = meta.get("repeats", 1)
    lines = [
        f"# QuTiP steadystate() vs qbat steady ({meta['started']})",
        "",
        "## Conditions",
        "",
        f"- Machine: {meta['machine']}.",
    ]
    if "uptime_before" in meta:
        lines += [
            f"- `uptime` before: `{meta['uptime_before']}`",
            f"- `uptime` after ({meta.get('finished', '?')}): `{meta['uptime_after']}`",
        ]
    lines += [
        f"- QuTiP {meta['qutip']}, Python {meta['python']}, "
        f"OPENBLAS_NUM_THREADS={meta['blas_threads']}; qbat {meta['qbat']} "
        f"(RAYON_NUM_THREADS={meta['rayon_threads']}). QuTiP and every qbat method ran in this "
        "one run, one after another (nothing concurrently).",
        f"- Repeats: each time is the minimum over up to {repeats} runs; a configuration whose "
        f"run took longer than {meta.get('repeat_below_s', '-')} s ran once (run counts in the "
        ".json).",
        "- Models: star, omega0 = 10, J = gamma = T = omega = 1, individual fermionic "
        "reservoirs; fig4: mu = 1, ancillas 3; fig6: mu = 0, ancillas 4; general: mu_0 = 0, "
        "mu_i = 1.5 + 2.5 (i-1)/(N-2) (all distinct, so the symmetric solver does not apply for "
        "N >= 3; at N = 2 there is one ancilla and it does).",
        "- Caveats: QuTiP runs on one thread, qbat's rayon on all cores, on a machine shared with "
        "other work (see the load). qbat symmetric times are about a millisecond, near the "
        "solver's fixed overhead; the process wall time (process start, JSON output) gives the "
        "more conservative ratio" + wall_ratios(rows) + ".",
        "",
        "## Columns",
        "",
        "- QuTiP direct: `steadystate(H, c_ops)` (default sparse direct solve). QuTiP GMRES: "
        "`method='iterative-gmres', rtol=1e-10, restart=100` (its fastest configuration, see "
        "bench/results/MEASURED.md). Times in seconds, building H and c_ops not included, the "
        "Liouvillian construction inside steadystate() included.",
        "- qbat sector / symmetric: `qbat steady --method sector|symmetric --json`; the time is "
        "the solver's own (diagnostics.seconds: routing, assembly, solve, checks); the process "
        "wall time of the same run in brackets. `sector route` says what sector ran: LU = sparse "
        "LU of the U(1) block (N <= steady::SECTOR_DIRECT_MAX_QUBITS) or the preconditioned "
        "Krylov solver with its iteration count. n/a: qbat refused the method (symmetric on "
        "the general model, whose ancillas differ).",
        "- GMRES/x: QuTiP GMRES time / qbat x time (above 1: qbat faster). sector/sym: qbat "
        "sector time / qbat symmetric time. auto: the method `--method auto` chose (timed too, "
        "in the .json).",
        "- W: qbat's W (symmetric where it applies, else sector). max |dW|: the largest "
        "|W_qbat - W_QuTiP| over the qbat methods that ran, against QuTiP GMRES (QuTiP direct "
        "where GMRES was not run). At rtol = 1e-10 QuTiP's GMRES W is itself off by up to "
        "~6e-10 (fig4, N = 8: 0.4687327395 at rtol = 1e-10, 0.4687327389 at rtol = 1e-13, qbat "
        "0.4687327389), so differences of that size are QuTiP's.",
        "",
        "## Results",
        "",
        "| model | N | QuTiP direct s | QuTiP GMRES s | qbat sector s [wall] | sector route | "
        "GMRES/sector | qbat symmetric s [wall] | GMRES/sym | sector/sym | auto | W (qbat) | "
        "max abs dW |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        sector = r["sector"]
        sym = r.get("symmetric")
        auto = r.get("auto")
        best = sym if (sym is not None and sym["w"] is not None) else sector
        w_text = "-" if best["w"] is None else f"{best['w']:.10f}"
        sym_s = None if sym is None else sym["s"]
        auto_text = "-" if auto is None else auto["used"].split(",")[0]
        lines.append(
            f"| {r['model']} | {r['n']} | {fmt(r.get('direct_s'))} | {fmt(r.get('gmres_s'))} | "
            f"{qbat_cell(sector)} | {route_text(sector)} | {ratio(r.get('gmres_s'), sector['s'])} | "
            f"{qbat_cell(sym)} | {ratio(r.get('gmres_s'), sym_s)} | "
            f"{ratio(sector['s'], sym_s)} | {auto_text} | "
            f"{w_text} | {fmt(max_dw(r, reference_w(r)), 2)} |"
        )
    lines += ["", "## W agreement", ""] + summary(rows)
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
