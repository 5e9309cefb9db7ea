#!/usr/bin/env python3
"""Reference trajectories for qbat's dynamics tests, computed with QuTiP's mesolve.

Writes crates/qbat-core/tests/data/mesolve_n3.json: for a few N = 3 models (both dissipation
types, all three initial states) the battery's W, excited population and energy at a grid of
times. Model of Kamin, Salimi, Arjmandi, PRA 109, 022226 (2024), in qbat's conventions:

  H_S = sum_i omega0 sigma_z^i + J sum_{i>=1} (sigma_+^0 sigma_-^i + h.c.), qubit 0 = battery;
  Fermi n = 1/(exp((omega - mu)/T) + 1); individual: sqrt(gamma (1-n_i)) sigma_-^i,
  sqrt(gamma n_i) sigma_+^i; collective: sqrt(gamma (1-n)) J_-, sqrt(gamma n) J_+.
  W = ergotropy / (2 omega0) of the battery w.r.t. omega0 sigma_z; basis (|e>, |g>).

mesolve runs with atol = 1e-12, rtol = 1e-10 (Adams); the same runs with the Verner 9th-order
integrator give the "self_consistency" entry (max |difference| over every stored number),
an honest bound on the reference's own error.

Usage: python3 bench/make_mesolve_reference.py   (installs qutip with pip if it is missing)
"""
import json
import math
import os
import subprocess
import sys

try:
    import qutip
except ImportError:  # pragma: no cover
    subprocess.check_call([sys.executable, "-m", "pip", "install", "qutip"])
    import qutip

import numpy as np
from qutip import basis, mesolve, qeye, sigmam, sigmap, sigmaz, tensor

TIMES = [0.0, 0.05, 0.1, 0.2, 0.3, 0.5, 0.75, 1.0, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0,
         10.0, 12.0, 15.0, 20.0]

MODELS = [
    # the paper's Fig. 4 point (mu = 1, dmu = 2, T = 1), charging from all-ground
    dict(n=3, omega0=10.0, coupling=1.0, dissipation="individual", omega=1.0, gamma=1.0,
         temperature=[1.0, 1.0, 1.0], mu=[1.0, 3.0, 3.0], initial="ground"),
    # every reservoir different, strong coupling, from all-excited
    dict(n=3, omega0=10.0, coupling=2.0, dissipation="individual", omega=1.0, gamma=1.0,
         temperature=[0.8, 1.3, 0.6], mu=[0.5, 2.5, 4.0], initial="excited"),
    # same, from the maximally mixed state, slower bath
    dict(n=3, omega0=10.0, coupling=1.5, dissipation="individual", omega=1.0, gamma=0.5,
         temperature=[1.0, 0.7, 1.2], mu=[0.0, 3.0, 2.0], initial="mixed"),
    # collective (equilibrium) case, from all-ground: the degenerate-kernel case
    dict(n=3, omega0=10.0, coupling=1.0, dissipation="collective", omega=1.0, gamma=1.0,
         temperature=1.0, mu=3.0, initial="ground"),
    # collective from the maximally mixed state
    dict(n=3, omega0=10.0, coupling=1.0, dissipation="collective", omega=1.0, gamma=1.0,
         temperature=0.5, mu=2.0, initial="mixed"),
]


def fermi(omega, mu, t):
    if t == 0.0:
        return 1.0 if mu > omega else (0.5 if mu == omega else 0.0)
    return 1.0 / (math.exp((omega - mu) / t) + 1.0)


def op(single, q, n):
    return tensor([single if k == q else qeye(2) for k in range(n)])


def build(m):
    n = m["n"]
    h = sum(m["omega0"] * op(sigmaz(), i, n) for i in range(n))
    for i in range(1, n):
        h += m["coupling"] * (op(sigmap(), 0, n) * op(sigmam(), i, n)
                              + op(sigmam(), 0, n) * op(sigmap(), i, n))
    c_ops = []
    if m["dissipation"] == "individual":
        for i in range(n):
            occ = fermi(m["omega"], m["mu"][i], m["temperature"][i])
            c_ops.append(math.sqrt(m["gamma"] * (1 - occ)) * op(sigmam(), i, n))
            c_ops.append(math.sqrt(m["gamma"] * occ) * op(sigmap(), i, n))
    else:
        occ = fermi(m["omega"], m["mu"], m["temperature"])
        jm = sum(op(sigmam(), i, n) for i in range(n))
        c_ops.append(math.sqrt(m["gamma"] * (1 - occ)) * jm)
        c_ops.append(math.sqrt(m["gamma"] * occ) * jm.dag())
    # QuTiP's basis(2, 0) is |e> (sigma_z = +1)
    g, e = basis(2, 1), basis(2, 0)
    if m["initial"] == "ground":
        psi = tensor([g] * n)
        rho0 = psi * psi.dag()
    elif m["initial"] == "excited":
        psi = tensor([e] * n)
        rho0 = psi * psi.dag()
    else:
        rho0 = tensor([qeye(2)] * n) / 2**n
    return h, c_ops, rho0


def battery(rho, omega0):
    rb = rho.ptrace(0).full()
    energy = omega0 * (rb[0, 0] - rb[1, 1]).real
    lam = np.sort(np.linalg.eigvalsh(rb))[::-1]  # descending
    passive = -omega0 * lam[0] + omega0 * lam[1]
    return dict(W=(energy - passive) / (2 * omega0), excited_population_battery=rb[0, 0].real,
                energy_battery=energy)


def run(m, method):
    h, c_ops, rho0 = build(m)
    opts = {"atol": 1e-12, "rtol": 1e-10, "nsteps": 10**7, "method": method,
            "store_states": True}
    states = mesolve(h, rho0, TIMES, c_ops, options=opts).states
    rows = [battery(s, m["omega0"]) for s in states]
    return {k: [r[k] for r in rows] for k in rows[0]}


def main():
    cases, worst = [], 0.0
    for m in MODELS:
        adams = run(m, "adams")
        vern9 = run(m, "vern9")
        for k in adams:
            worst = max(worst, max(abs(a - b) for a, b in zip(adams[k], vern9[k])))
        model = {k: v for k, v in m.items() if k != "initial"}
        model.update(topology="star", statistics="fermi")
        cases.append(dict(model=model, initial=m["initial"], times=TIMES, **adams))
    out = dict(
        source=f"QuTiP {qutip.__version__} mesolve (method adams, atol 1e-12, rtol 1e-10), "
               "bench/make_mesolve_reference.py",
        conventions=__doc__.split("\n\n")[1],
        self_consistency=worst,
        cases=cases,
    )
    here = os.path.dirname(os.path.abspath(__file__))
    path = os.path.join(here, "..", "crates", "qbat-core", "tests", "data", "mesolve_n3.json")
    with open(path, "w") as f:
        json.dump(out, f, indent=1)
    print(f"wrote {os.path.normpath(path)}; adams vs vern9 max difference {worst:.2e}")


if __name__ == "__main__":
    main()
