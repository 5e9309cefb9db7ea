"""Python results equal the command line's `--json` output, to the last bit."""

import numpy as np
import pytest

import qbat

# (Python keys, command-line flags) for the same models
MODELS = [
    ({}, []),
    ({"n": 5, "mu": 0.0, "dmu": 4.0}, ["--n", "5", "--mu", "0", "--dmu", "4"]),
    ({"n": 4, "dissipation": "collective", "mu": 2.2, "temperature": 0.8, "coupling": 0.4},
     ["--n", "4", "--dissipation", "collective", "--mu", "2.2", "-T", "0.8", "-J", "0.4"]),
    ({"n": 3, "mu": [1.0, 3.0, 2.5], "temperature": np.array([1.0, 0.5, 2.0])},
     ["--n", "3", "--mu", "1,3,2.5", "--temperature", "1,0.5,2"]),
    ({"n": 4, "edges": [(0, 1), (1, 2), (2, 3)], "method": "sector"},
     ["--n", "4", "--edges", "0-1,1-2,2-3", "--method", "sector"]),
    ({"n": 3, "topology": "chain", "solver": "krylov", "initial": "excited"},
     ["--n", "3", "--topology", "chain", "--solver", "krylov", "--initial", "excited"]),
    ({"n": 3, "statistics": "bose", "mu": 0.5, "dmu": 0.2, "omega": 1.0},
     ["--n", "3", "--statistics", "bose", "--mu", "0.5", "--dmu", "0.2", "--omega", "1"]),
]


def _same(a, b, path=""):
    """`a` (Python) equals `b` (JSON) exactly; numpy arrays compared element by element."""
    if isinstance(a, np.ndarray):
        if np.iscomplexobj(a):
            a = np.stack([a.real, a.imag], axis=-1)
        assert a.tolist() == b, path
    elif isinstance(a, dict):
        assert set(a) == set(b), (path, set(a) ^ set(b))
        for k in a:
            if k in ("seconds", "seconds_steady", "seconds_evolve", "seconds_gap"):
                continue
            _same(a[k], b[k], f"{path}.{k}")
    elif isinstance(a, (list, tuple)):
        assert len(a) == len(b), path
        for i, (x, y) in enumerate(zip(a, b)):
            _same(x, y, f"{path}[{i}]")
    else:
        assert a == b, (path, a, b)


@pytest.mark.parametrize("keys,flags", MODELS)
def test_steady_equals_cli(cli, keys, flags):
    expected = cli("steady", *flags)
    r = qbat.steady(**keys)
    assert set(r.keys()) == set(expected), "every key of qbat steady --json is an attribute"
    for key in expected:
        _same(getattr(r, key), expected[key], key)


def test_model_object_equals_keys(cli):
    m = qbat.Model(n=5, mu=0.0, dmu=4.0)
    expected = cli("steady", "--n", "5", "--mu", "0", "--dmu", "4")
    _same(qbat.steady(m).to_dict(), expected)
    _same(qbat.steady(m, mu=1.0).W, cli("steady", "--n", "5", "--mu", "1", "--dmu", "4")["W"])


def test_sweep_equals_cli(cli):
    rows = cli("sweep", "--vary", "mu=0:10:11", "--series", "temperature=0.5,1,2",
               "--vary", "dmu=1,3", "--n", "3")
    mu = [0.0 + (10.0 - 0.0) * k / 10 for k in range(11)]
    s = qbat.sweep(vary={"mu": [r["mu"] for r in rows[:22:2]], "dmu": [1, 3]},
                   series={"temperature": [0.5, 1, 2]}, n=3, threads=2)
    assert s.columns == [*rows[0].keys()]
    assert len(s) == len(rows) == 66
    assert np.allclose(s["mu"][:22:2], mu)
    for name in s.columns:
        assert s[name].tolist() == [float(r[name]) for r in rows], name


def test_sweep_threads_do_not_change_numbers():
    vary = {"mu": np.linspace(0, 5, 17)}
    a = qbat.sweep(vary=vary, n=3, threads=1)
    b = qbat.sweep(vary=vary, n=3, threads=2, chunk_size=5)
    assert np.array_equal(a.to_numpy(), b.to_numpy())


def test_evolve_equals_cli(cli):
    expected = cli("evolve", "--n", "4", "--dmu", "4", "--times", "0:10:51")
    e = qbat.evolve(times=qbat._cli_times(0, 10, 51), n=4, dmu=4.0)
    # `provenance` records how the file was made (qbat version, the command line, the model);
    # it describes the CLI run, not the evolution, so the Python result has none. Its model
    # is the same as the result's `model`, compared below.
    assert expected["provenance"]["model"] == expected["model"]
    for key in expected:
        if key == "provenance":
            continue
        _same(getattr(e, key), expected[key], key)
