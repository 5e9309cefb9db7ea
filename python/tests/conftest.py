"""Shared fixtures: the repository root and the `qbat` command-line binary."""

import json
import os
import pathlib
import subprocess

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]


def _binary() -> pathlib.Path:
    given = os.environ.get("QBAT_BIN")
    if given:
        return pathlib.Path(given)
    for profile in ("release", "debug"):
        path = ROOT / "target" / profile / "qbat"
        if path.exists():
            return path
    raise RuntimeError("no qbat binary: run `cargo build` or set QBAT_BIN")


@pytest.fixture(scope="session")
def root() -> pathlib.Path:
    return ROOT


@pytest.fixture(scope="session")
def cli():
    """Runs `qbat ARGS... --json` and returns the parsed JSON."""
    binary = _binary()

    def run(*args: str):
        out = subprocess.run(
            [str(binary), *args, "--json"], check=True, capture_output=True, text=True
        )
        return json.loads(out.stdout)

    return run
