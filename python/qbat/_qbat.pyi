"""Type stubs of the Rust extension `qbat._qbat` (use the package `qbat` instead)."""

from typing import Any, Callable

import numpy as np
import numpy.typing as npt

KEYS: list[str]
SWEEP_RESULTS: list[str]

def resolve(keys: dict[str, Any]) -> dict[str, Any]: ...
def steady(keys: dict[str, Any]) -> dict[str, Any]: ...
def steady_batch(
    keys: dict[str, Any],
    names: list[str],
    values: npt.NDArray[np.float64],
    threads: int = 0,
    progress: Callable[[int], None] | None = None,
) -> npt.NDArray[np.float64]: ...
def evolve(
    keys: dict[str, Any],
    times: npt.NDArray[np.float64],
    fraction: float = 0.9,
    tolerance: float = 1e-10,
    integrator: str = "auto",
    gap: bool = True,
    progress: Callable[[int], None] | None = None,
) -> dict[str, Any]: ...
