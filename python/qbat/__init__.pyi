"""Type stubs of `qbat` (hbar = k_B = 1). Model keys: see `qbat.KEYS` and `help(qbat.steady)`."""

import os
from typing import Any, Callable, Literal, Mapping, Protocol, Sequence

import numpy as np
import numpy.typing as npt

__version__: str
KEYS: tuple[str, ...]
DEFAULTS: dict[str, Any]

_PerQubit = float | Sequence[float] | npt.NDArray[np.float64] | None
_Edges = Sequence[tuple[int, int]] | npt.NDArray[np.int_] | None
_Topology = Literal["star", "chain", "ring", "complete", "custom"] | None
_Dissipation = Literal["individual", "collective"] | None
_Statistics = Literal["fermi", "bose"] | None
_Initial = Literal["ground", "excited", "mixed"] | None
_Method = Literal["auto", "full", "sector", "symmetric"] | None
_Solver = Literal["auto", "lu", "krylov", "dense-kernel", "dicke"] | None

class _Future(Protocol):
    def result(self) -> Any: ...

class _Executor(Protocol):
    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> _Future: ...

class SweepChunkError(RuntimeError):
    chunk: int
    start: int
    stop: int
    def __init__(self, chunk: int, start: int, stop: int, cause: BaseException) -> None: ...

class Model:
    def __init__(
        self,
        *,
        n: int | None = None,
        topology: _Topology = None,
        edges: _Edges = None,
        omega0: _PerQubit = None,
        coupling: float | None = None,
        dissipation: _Dissipation = None,
        statistics: _Statistics = None,
        omega: float | None = None,
        gamma: _PerQubit = None,
        temperature: _PerQubit = None,
        mu: _PerQubit = None,
        dmu: float | None = None,
        initial: _Initial = None,
        method: _Method = None,
        solver: _Solver = None,
    ) -> None: ...
    @classmethod
    def from_toml(cls, path: str | os.PathLike[str]) -> Model: ...
    @property
    def keys(self) -> dict[str, Any]: ...
    @property
    def resolved(self) -> dict[str, Any]: ...
    def replace(self, **keys: Any) -> Model: ...

class SteadyResult:
    W: float
    ergotropy: float
    ergotropy_coherent: float
    ergotropy_incoherent: float
    rho_battery: npt.NDArray[np.complex128]
    energy_battery: float
    energy_total: float
    excited_populations: npt.NDArray[np.float64]
    purity: float
    currents: list[dict[str, Any]]
    particle_current_residual: float
    energy_current_residual: float
    entropy_production: float | None
    mutual_information: float | None
    concurrence: float | None
    diagnostics: dict[str, Any]
    model: dict[str, Any]
    def __getattr__(self, name: str) -> Any: ...
    def __getitem__(self, name: str) -> Any: ...
    def keys(self) -> list[str]: ...
    def to_dict(self) -> dict[str, Any]: ...
    def to_qutip(self) -> Any: ...

class Sweep:
    @property
    def columns(self) -> list[str]: ...
    def __getitem__(self, name: str) -> npt.NDArray[np.float64]: ...
    def __len__(self) -> int: ...
    def to_numpy(self) -> npt.NDArray[np.float64]: ...
    def to_dict(self) -> dict[str, npt.NDArray[np.float64]]: ...
    def to_pandas(self) -> Any: ...

class Evolution:
    times: npt.NDArray[np.float64]
    W: npt.NDArray[np.float64]
    ergotropy: npt.NDArray[np.float64]
    energy_battery: npt.NDArray[np.float64]
    excited_population_battery: npt.NDArray[np.float64]
    purity_battery: npt.NDArray[np.float64]
    trace_distance_steady: npt.NDArray[np.float64]
    energy_total: npt.NDArray[np.float64]
    rho_battery: npt.NDArray[np.complex128]
    W_steady: float
    fraction: float
    charging_time: float | None
    max_average_power: float | None
    max_average_power_time: float | None
    gap: float | None
    gap_frequency: float | None
    diagnostics: dict[str, Any]
    model: dict[str, Any]
    def __getattr__(self, name: str) -> Any: ...
    def __getitem__(self, name: str) -> Any: ...
    def keys(self) -> list[str]: ...
    def to_dict(self) -> dict[str, Any]: ...

def steady(
    model: Model | None = None,
    /,
    *,
    n: int | None = None,
    topology: _Topology = None,
    edges: _Edges = None,
    omega0: _PerQubit = None,
    coupling: float | None = None,
    dissipation: _Dissipation = None,
    statistics: _Statistics = None,
    omega: float | None = None,
    gamma: _PerQubit = None,
    temperature: _PerQubit = None,
    mu: _PerQubit = None,
    dmu: float | None = None,
    initial: _Initial = None,
    method: _Method = None,
    solver: _Solver = None,
) -> SteadyResult: ...
def sweep_grid(
    vary: Mapping[str, Any], series: Mapping[str, Any] | None = None
) -> tuple[list[str], npt.NDArray[np.float64]]: ...
def sweep(
    model: Model | None = None,
    /,
    *,
    vary: Mapping[str, Sequence[float] | npt.NDArray[np.float64]],
    series: Mapping[str, Sequence[float] | npt.NDArray[np.float64]] | None = None,
    threads: int | None = None,
    progress: bool = False,
    chunk_size: int = 4096,
    executor: _Executor | None = None,
    n: int | None = None,
    topology: _Topology = None,
    edges: _Edges = None,
    omega0: _PerQubit = None,
    coupling: float | None = None,
    dissipation: _Dissipation = None,
    statistics: _Statistics = None,
    omega: float | None = None,
    gamma: _PerQubit = None,
    temperature: _PerQubit = None,
    mu: _PerQubit = None,
    dmu: float | None = None,
    initial: _Initial = None,
    method: _Method = None,
    solver: _Solver = None,
) -> Sweep: ...
def evolve(
    model: Model | None = None,
    /,
    *,
    times: Sequence[float] | npt.NDArray[np.float64] | None = None,
    fraction: float = 0.9,
    tolerance: float = 1e-10,
    integrator: Literal["auto", "polynomial", "rational"] = "auto",
    gap: bool = True,
    progress: bool = False,
    n: int | None = None,
    topology: _Topology = None,
    edges: _Edges = None,
    omega0: _PerQubit = None,
    coupling: float | None = None,
    dissipation: _Dissipation = None,
    statistics: _Statistics = None,
    omega: float | None = None,
    gamma: _PerQubit = None,
    temperature: _PerQubit = None,
    mu: _PerQubit = None,
    dmu: float | None = None,
    initial: _Initial = None,
    method: _Method = None,
) -> Evolution: ...
