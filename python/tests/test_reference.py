"""QuTiP 5.3.1 reference points (tests/data/reference/points-dev.json and thermo-dev.json)
match to 1e-8."""

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


THERMO = json.loads((ROOT / "tests/data/reference/thermo-dev.json").read_text())["points"]


@pytest.mark.parametrize("point", THERMO, ids=[p["id"] for p in THERMO])
def test_thermodynamics_reference_point(point):
    # QuTiP 5.3.1 reference data, tests/data/reference/thermo-dev.json: currents per
    # reservoir, entropy production, mutual information and concurrence, to 1e-8
    r = qbat.steady(**point["model"])
    e = point["expected"]
    tol = 1e-8
    assert len(r.currents) == len(e["currents"])
    for ours, ref in zip(r.currents, e["currents"]):
        assert ours["reservoir"] == ref["reservoir"]
        assert list(ours["qubits"]) == ref["qubits"]
        assert abs(ours["particle"] - ref["particle"]) < tol
        assert abs(ours["energy"] - ref["energy"]) < tol
    assert abs(r.entropy_production - e["entropy_production"]) < tol
    assert abs(r.mutual_information - e["mutual_information"]) < tol
    assert abs(r.concurrence - e["concurrence"]) < tol
    assert abs(r.W - e["W"]) < tol
