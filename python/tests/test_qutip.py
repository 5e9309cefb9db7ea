"""`to_qutip()` against `qutip.steadystate` at N = 3, computed here with real QuTiP."""

import numpy as np
import pytest

import qbat

qutip = pytest.importorskip("qutip")


def _qutip_battery_state(n, omega0, coupling, gamma, temperature, mu, omega):
    """The paper's star network with individual Fermi reservoirs, solved by QuTiP."""
    def op(single, i):
        ops = [qutip.qeye(2)] * n
        ops[i] = single
        return qutip.tensor(ops)

    sz, sp, sm = qutip.sigmaz(), qutip.sigmap(), qutip.sigmam()
    h = sum(omega0 * op(sz, i) for i in range(n))
    for i in range(1, n):
        h += coupling * (op(sp, 0) * op(sm, i) + op(sm, 0) * op(sp, i))
    c_ops = []
    for i in range(n):
        occ = 1.0 / (np.exp((omega - mu[i]) / temperature[i]) + 1.0)
        c_ops.append(np.sqrt(gamma * (1 - occ)) * op(sm, i))
        c_ops.append(np.sqrt(gamma * occ) * op(sp, i))
    rho = qutip.steadystate(h, c_ops)
    return rho.ptrace(0)


@pytest.mark.parametrize(
    "keys",
    [
        {"n": 3},
        {"n": 3, "mu": [0.0, 4.0, 4.0], "temperature": [1.0, 0.5, 0.8], "coupling": 2.0},
    ],
)
def test_to_qutip_matches_qutip_steadystate(keys):
    r = qbat.steady(**keys)
    m = r.model
    expected = _qutip_battery_state(
        m["n"], m["omega0"][0], m["coupling"], m["gamma"][0], m["temperature"], m["mu"], m["omega"]
    )
    state = r.to_qutip()
    assert isinstance(state, qutip.Qobj)
    assert state.dims == [[2], [2]]
    assert np.max(np.abs(state.full() - expected.full())) < 1e-8
    assert abs(qutip.expect(qutip.sigmaz(), state) - r.energy_battery / m["omega0"][0]) < 1e-12
