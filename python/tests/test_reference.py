"""QuTiP 5.3.1 reference points (tests/data/reference/points-dev.json) match to 1e-8."""

import json

import numpy as np
import pytest

import qbat

from conftest import ROOT

POINTS = json.loads((ROOT / "tests/data/reference/points-dev.json").read_text())["points"]


@pytest.mark.parametrize("point", POINTS, ids=[f"id{p['id']}" for p in POINTS])
def test_reference_point(point):
    r = qbat.steady(**point["model"])
    e = point["expected"]
    tol = 1e-8
    assert abs(r.W - e["W"]) < tol
    assert abs(r.ergotropy - e["ergotropy"]) < tol * 20
    assert abs(r.excited_populations[0] - e["excited_population_battery"]) < tol
    assert abs(r.energy_total - e["energy_total"]) < tol * 20
    rho = np.array(e["rho_battery_basis_e_g"]["re"]) + 1j * np.array(
        e["rho_battery_basis_e_g"]["im"]
    )
    assert np.max(np.abs(r.rho_battery - rho)) < tol
    if e.get("kernel_dim") is not None and r.diagnostics["kernel_dim"] is not None:
        assert r.diagnostics["kernel_dim"] == e["kernel_dim"]
