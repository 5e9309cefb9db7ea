"""qbat: open quantum batteries from Python.

Steady states, parameter sweeps and charging dynamics of a battery qubit in a network of qubits
coupled to fermionic (or bosonic) reservoirs, following Kamin, Salimi and Arjmandi,
Phys. Rev. A 109, 022226 (2024). The numbers come from qbat's Rust core: a result equals the
one of the ``qbat`` command line for the same model, to the last bit.

Units: hbar = k_B = 1 (energies, frequencies, temperatures and chemical potentials in the same
unit; times in its inverse).

Keyword names are the model-file keys, exactly as in the TOML file and on the command line
(see :data:`KEYS`); keys left out (or ``None``) take the defaults of the paper's Fig. 4 point.

>>> import qbat
>>> r = qbat.steady(n=5, mu=0.0, dmu=4.0)
>>> 0 < r.W <= 1
True
"""

from __future__ import annotations

import inspect
import math
import os
import sys
from typing import Any, Callable, Iterable, Mapping

import numpy as np

from . import _qbat

__all__ = [
    "KEYS",
    "DEFAULTS",
    "Model",
    "SteadyResult",
    "Sweep",
    "SweepChunkError",
    "Evolution",
    "steady",
    "sweep",
    "evolve",
]

__version__ = "0.1.0"

#: The model keys, in the order the command line applies them.
KEYS: tuple[str, ...] = tuple(_qbat.KEYS)

#: Each key's default (what the library uses when the key is left out) and meaning.
DEFAULTS: dict[str, Any] = {
    "n": 3,
    "topology": "star",
    "edges": None,
    "omega0": 10.0,
    "coupling": 1.0,
    "dissipation": "individual",
    "statistics": "fermi",
    "omega": 1.0,
    "gamma": 1.0,
    "temperature": 1.0,
    "mu": 1.0,
    "dmu": 2.0,
    "initial": "ground",
    "method": "auto",
    "solver": "auto",
}

_KEY_HELP: dict[str, str] = {
    "n": "number of qubits, battery (qubit 0) included",
    "topology": "coupling graph: 'star', 'chain', 'ring', 'complete', 'custom'",
    "edges": "edges of a custom graph, e.g. [(0, 1), (1, 2)] (implies topology='custom')",
    "omega0": "qubit frequency omega0 (energy unit), one number or one per qubit",
    "coupling": "exchange coupling J (energy unit)",
    "dissipation": "'individual' (one reservoir per qubit) or 'collective' (one shared)",
    "statistics": "'fermi' or 'bose' reservoirs",
    "omega": "bath frequency at which the occupation n(omega) is evaluated (energy unit)",
    "gamma": "reservoir coupling rate(s) gamma > 0 (inverse time), number or per reservoir",
    "temperature": "reservoir temperature(s) T >= 0 (energy unit, k_B = 1)",
    "mu": "reservoir chemical potential(s) (energy unit)",
    "dmu": "ancilla bias: mu_i = mu + dmu for i >= 1 (individual dissipation only)",
    "initial": "initial state selecting the long-time state: 'ground', 'excited', 'mixed'",
    "method": "representation: 'auto', 'full', 'sector', 'symmetric'",
    "solver": "steady-state solver: 'auto', 'lu', 'krylov', 'dense-kernel', 'dicke'",
}


def _keys_doc() -> str:
    lines = []
    for key in KEYS:
        default = DEFAULTS[key]
        shown = "none (named topology)" if default is None else repr(default)
        lines.append(f"    {key}: {_KEY_HELP[key]} [default: {shown}]")
    return "\n".join(lines)


def _key_parameters() -> list[inspect.Parameter]:
    return [
        inspect.Parameter(key, inspect.Parameter.KEYWORD_ONLY, default=None) for key in KEYS
    ]


def _with_signature(
    func: Callable[..., Any], leading: list[inspect.Parameter], trailing: list[inspect.Parameter]
) -> None:
    """Makes ``help(func)`` list every model key (``func`` takes them as ``**keys``)."""
    params = leading + _key_parameters() + trailing
    func.__signature__ = inspect.Signature(params)  # type: ignore[attr-defined]


def _check_keys(function: str, keys: Mapping[str, Any]) -> None:
    for key in keys:
        if key not in KEYS:
            raise TypeError(
                f"{function}() got an unexpected keyword argument {key!r} "
                f"(model keys: {', '.join(KEYS)})"
            )


def _merge(function: str, model: Model | None, keys: Mapping[str, Any]) -> dict[str, Any]:
    _check_keys(function, keys)
    if model is not None and not isinstance(model, Model):
        raise TypeError(f"{function}() takes a qbat.Model as its positional argument")
    merged = dict(model.keys) if model is not None else {}
    merged.update({k: v for k, v in keys.items() if v is not None})
    return merged


class Model:
    """A validated model: the model-file keys, with defaults for the keys left out.

    ``Model(**keys)`` checks the keys at once (``ValueError`` naming the key and the value,
    ``TypeError`` for an unknown keyword). ``repr`` shows the keys given; :attr:`resolved`
    holds every parameter as the solver sees it (per-reservoir lists, occupations).

    Keys (hbar = k_B = 1):
    """

    __slots__ = ("_keys", "_resolved")

    def __init__(self, **keys: Any) -> None:
        _check_keys("Model", keys)
        self._keys = {k: _plain(v) for k, v in keys.items() if v is not None}
        self._resolved = _qbat.resolve(self._keys)

    @classmethod
    def from_toml(cls, path: str | "os.PathLike[str]") -> Model:
        """The model of a TOML model file (the same keys as ``qbat --config FILE``)."""
        if sys.version_info >= (3, 11):
            import tomllib
        else:  # pragma: no cover - Python 3.10
            import tomli as tomllib
        with open(path, "rb") as f:
            data = tomllib.load(f)
        unknown = [k for k in data if k not in KEYS]
        if unknown:
            raise ValueError(
                f"unknown key {unknown[0]!r} in {path} (known keys: {', '.join(KEYS)})"
            )
        return cls(**data)

    @property
    def keys(self) -> dict[str, Any]:
        """The keys given (a copy)."""
        return dict(self._keys)

    @property
    def resolved(self) -> dict[str, Any]:
        """Every parameter as resolved (the ``model`` object of ``qbat steady --json``)."""
        return dict(self._resolved)

    def replace(self, **keys: Any) -> Model:
        """A copy with some keys changed."""
        return Model(**{**self._keys, **keys})

    def __repr__(self) -> str:
        inner = ", ".join(f"{k}={v!r}" for k, v in self._keys.items())
        return f"qbat.Model({inner})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Model) and self._resolved == other._resolved

    __hash__ = None  # type: ignore[assignment]


Model.__doc__ = (Model.__doc__ or "") + "\n" + _keys_doc() + "\n"


def _plain(value: Any) -> Any:
    """numpy arrays and scalars as Python lists and floats (what the extension reads)."""
    if isinstance(value, (list, tuple)) and value and isinstance(value[0], (list, tuple, np.ndarray)):
        return [tuple(_plain(v)) for v in value]  # edges
    if isinstance(value, np.ndarray) and value.ndim == 2:
        return [tuple(row) for row in value.tolist()]
    if isinstance(value, np.ndarray):
        return value.tolist()
    if isinstance(value, np.generic):
        return value.item()
    return value


class _Result:
    """A dict of results readable as attributes."""

    __slots__ = ("_data",)

    def __init__(self, data: dict[str, Any]) -> None:
        object.__setattr__(self, "_data", data)

    def __getattr__(self, name: str) -> Any:
        try:
            return self._data[name]
        except KeyError:
            raise AttributeError(
                f"{type(self).__name__} has no attribute {name!r} "
                f"(available: {', '.join(self._data)})"
            ) from None

    def __getitem__(self, name: str) -> Any:
        return self._data[name]

    def __contains__(self, name: object) -> bool:
        return name in self._data

    def __dir__(self) -> Iterable[str]:
        return list(super().__dir__()) + list(self._data)

    def keys(self) -> list[str]:
        """The names of the results."""
        return list(self._data)

    def to_dict(self) -> dict[str, Any]:
        """The results as a dict (arrays are not copied)."""
        return dict(self._data)


class SteadyResult(_Result):
    """The steady state of one model: every key of ``qbat steady --json``, as attributes.

    ``W`` (ergotropy / E_max, E_max = 2 omega0_0), ``ergotropy``, ``ergotropy_coherent``,
    ``ergotropy_incoherent``, ``energy_battery`` = tr(rho_B omega0_0 sigma_z),
    ``energy_total`` = tr(rho H_S) (energy unit), ``purity`` = tr(rho_B^2), ``rho_battery``
    (numpy complex (2, 2), basis (|e>, |g>)), ``excited_populations`` (numpy float (n,),
    battery first), the thermodynamics: ``currents`` (list of dicts, one per reservoir:
    ``reservoir``, ``qubits``, ``particle`` = tr[N D_k(rho)], ``energy`` = tr[H_S D_k(rho)],
    both into the system), ``particle_current_residual`` and ``energy_current_residual`` (their
    sums, zero in a steady state), ``entropy_production`` (Spohn's Sigma, None when a T = 0
    reservoir carries a current), ``mutual_information`` (I(B:rest) in nats) and
    ``concurrence`` (qubits 0 and 1; both None for n = 1), ``diagnostics`` (dict: method,
    solver, reason, kernel_dim, residual,
    min_eigenvalue, trace_error, hermiticity_error, unknowns, seconds, iterations) and
    ``model`` (dict: the resolved model).
    """

    __slots__ = ()

    def to_qutip(self) -> Any:
        """The battery's state as a ``qutip.Qobj`` (QuTiP's basis order: excited first)."""
        import qutip

        return qutip.Qobj(self._data["rho_battery"], dims=[[2], [2]])

    def __repr__(self) -> str:
        d = self._data
        return (
            f"<qbat.SteadyResult W={d['W']:.12g} ergotropy={d['ergotropy']:.12g} "
            f"n={d['model']['n']} method={d['diagnostics']['method']}>"
        )


def steady(model: Model | None = None, /, **keys: Any) -> SteadyResult:
    """Steady state of one model, and the battery's ergotropy.

    Give a :class:`Model`, keys, or both (keys override the model's). The computation runs
    with the GIL released; Ctrl-C raises ``KeyboardInterrupt``.

    Keys (hbar = k_B = 1; ``None`` = the default shown):
    {keys}

    Returns a :class:`SteadyResult` (attributes = the keys of ``qbat steady --json``).
    Raises ``ValueError`` for a bad value (the message names the key and the value),
    ``TypeError`` for an unknown keyword, ``RuntimeError`` when the solver fails.
    """
    merged = _merge("steady", model, keys)
    return SteadyResult(_qbat.steady({k: _plain(v) for k, v in merged.items()}))


steady.__doc__ = (steady.__doc__ or "").replace("{keys}", _keys_doc().replace("\n", "\n    "))
_with_signature(
    steady,
    [inspect.Parameter("model", inspect.Parameter.POSITIONAL_ONLY, default=None)],
    [],
)


class _TextBar:
    """A minimal progress bar on stderr (used when tqdm is not installed)."""

    def __init__(self, total: int, desc: str) -> None:
        self.total, self.desc, self.n = total, desc, 0
        self._draw()

    def update(self, k: int) -> None:
        self.n += k
        self._draw()

    def _draw(self) -> None:
        width = 30
        filled = int(width * self.n / max(self.total, 1))
        sys.stderr.write(f"\r{self.desc} [{'#' * filled}{'.' * (width - filled)}] {self.n}/{self.total}")
        sys.stderr.flush()

    def close(self) -> None:
        sys.stderr.write("\n")
        sys.stderr.flush()


def _progress_bar(total: int, desc: str) -> Any:
    try:
        from tqdm.auto import tqdm
    except ImportError:
        return _TextBar(total, desc)
    return tqdm(total=total, desc=desc)


class Sweep:
    """Results of a parameter sweep: one numpy column per swept key and per result.

    Columns (as ``qbat sweep``): the swept keys (series first, then the ``vary`` keys, the
    first column varying slowest), then ``W``, ``ergotropy``, ``energy_battery``,
    ``excited_population_battery``, ``kernel_dim`` (float, NaN when not determined) and
    ``residual``. ``s["W"]``, ``s.columns``, ``len(s)``, ``s.to_pandas()``.
    """

    __slots__ = ("_columns", "_data")

    def __init__(self, columns: list[str], data: np.ndarray) -> None:
        self._columns = list(columns)
        self._data = data

    @property
    def columns(self) -> list[str]:
        """Column names, in order."""
        return list(self._columns)

    def __getitem__(self, name: str) -> np.ndarray:
        try:
            return self._data[:, self._columns.index(name)]
        except ValueError:
            raise KeyError(f"no column {name!r} (columns: {', '.join(self._columns)})") from None

    def __len__(self) -> int:
        return self._data.shape[0]

    def to_numpy(self) -> np.ndarray:
        """All columns as one float array (rows = points)."""
        return self._data

    def to_dict(self) -> dict[str, np.ndarray]:
        """Column name to numpy array."""
        return {c: self[c] for c in self._columns}

    def to_pandas(self) -> Any:
        """A ``pandas.DataFrame`` (pandas imported only here); ``kernel_dim`` as ``Int64``."""
        import pandas as pd

        frame = pd.DataFrame(self.to_dict())
        frame["kernel_dim"] = pd.array(
            [None if math.isnan(k) else int(k) for k in self["kernel_dim"]], dtype="Int64"
        )
        return frame

    def __repr__(self) -> str:
        return f"<qbat.Sweep {len(self)} points, columns {self._columns}>"


def _axis(key: str, values: Any) -> np.ndarray:
    arr = np.asarray(values, dtype=float).reshape(-1)
    if arr.size == 0:
        raise ValueError(f"invalid {key} = {values!r}: a swept key needs at least one value")
    return arr


def sweep_grid(vary: Mapping[str, Any], series: Mapping[str, Any] | None = None) -> tuple[list[str], np.ndarray]:
    """The swept keys and the points (one row per point) of a sweep, in ``qbat sweep``'s order.

    Series key first, then the ``vary`` keys as given; the first column varies slowest.
    """
    if not vary:
        raise ValueError("give at least one key to vary: vary={'mu': [...]}")
    axes: list[tuple[str, np.ndarray]] = []
    if series:
        if len(series) != 1:
            raise ValueError("series takes one key: series={'temperature': [0.5, 1, 2]}")
        axes += [(k, _axis(k, v)) for k, v in series.items()]
    axes += [(k, _axis(k, v)) for k, v in vary.items()]
    names = [k for k, _ in axes]
    for i, name in enumerate(names):
        if name in names[:i]:
            raise ValueError(f"key {name} is swept twice")
    grids = np.meshgrid(*[v for _, v in axes], indexing="ij")
    points = np.stack([g.reshape(-1) for g in grids], axis=1)
    return names, np.ascontiguousarray(points)


class SweepChunkError(RuntimeError):
    """A chunk of a sweep sent to an executor failed.

    ``chunk`` is its number (from 0), ``start`` and ``stop`` the points it held (rows
    ``start:stop`` of the sweep, in ``qbat sweep``'s order); the worker's exception is the
    ``__cause__``. The chunks not yet started are cancelled.
    """

    def __init__(self, chunk: int, start: int, stop: int, cause: BaseException) -> None:
        super().__init__(
            f"sweep chunk {chunk} (points {start} to {stop - 1}) failed on the executor: "
            f"{type(cause).__name__}: {cause}"
        )
        self.chunk = chunk
        self.start = start
        self.stop = stop


def _solve_chunk(merged: dict[str, Any], names: list[str], chunk: np.ndarray, threads: int) -> np.ndarray:
    """One chunk of sweep points, solved where the executor runs it (a top-level function, so
    that process and cluster executors can pickle it). The chunk is copied first: an array
    deserialised from a message (dask) may sit at an address the Rust side cannot read."""
    chunk = np.array(chunk, dtype=np.float64, order="C", copy=True)
    return _qbat.steady_batch(merged, names, chunk, threads, None)


def _sweep_on_executor(
    executor: Any,
    merged: dict[str, Any],
    names: list[str],
    points: np.ndarray,
    threads: int,
    chunk_size: int,
    bar: Any,
) -> list[np.ndarray]:
    """Submits the points in chunks through ``executor.submit`` and collects the results in
    point order (so the columns equal the local sweep's, whatever order the chunks finish in)."""
    total = points.shape[0]
    bounds = [(start, min(start + chunk_size, total)) for start in range(0, total, chunk_size)]
    futures = [
        executor.submit(_solve_chunk, merged, names, np.ascontiguousarray(points[a:b]), threads)
        for a, b in bounds
    ]
    parts = []
    try:
        for k, (future, (a, b)) in enumerate(zip(futures, bounds)):
            try:
                parts.append(np.asarray(future.result(), dtype=np.float64))
            except (KeyboardInterrupt, SystemExit):
                raise
            except BaseException as e:  # noqa: BLE001 - a Rust panic is a BaseException too
                raise SweepChunkError(k, a, b, e) from e
            if bar is not None:
                bar.update(b - a)
    except BaseException:
        for future in futures:
            cancel = getattr(future, "cancel", None)
            if cancel is not None:
                cancel()
        raise
    return parts


def sweep(
    model: Model | None = None,
    /,
    *,
    vary: Mapping[str, Any],
    series: Mapping[str, Any] | None = None,
    threads: int | None = None,
    progress: bool = False,
    chunk_size: int = 4096,
    executor: Any = None,
    **keys: Any,
) -> Sweep:
    """Steady states over a grid of parameter values (the ``qbat sweep`` command).

    vary: ``{key: values}``, one or more numeric keys (n, omega0, coupling, omega, gamma,
        temperature, mu, dmu) with their values; several keys span a grid.
    series: ``{key: values}`` for one more key, a family of curves (first column).
    threads: worker threads (default: one per core; 1: serial). The points run in parallel
        with the GIL released; the numbers do not depend on the number of threads. With an
        executor: the threads of each chunk (default 1, one chunk per executor worker).
    progress: show a progress bar (tqdm if installed, in Jupyter too; else a text bar).
    chunk_size: points handed to the Rust core per call (each chunk is solved in parallel);
        with an executor, the points of each task (choose it so that every worker gets
        several chunks).
    executor: distribute the chunks through any ``concurrent.futures``-style executor (an
        object with ``submit(fn, *args)`` returning futures with ``result()``):
        ``dask.distributed.Client`` (a laptop's ``LocalCluster``, or a cluster such as
        ``dask_jobqueue.SLURMCluster``), ``mpi4py.futures.MPIPoolExecutor``,
        ``concurrent.futures.ProcessPoolExecutor`` (with ``mp_context=multiprocessing.
        get_context("spawn")``: a forked child inherits the parent's Rust thread pool without
        its threads and hangs). The workers need ``qbat`` installed.
        Chunks of points are sent, not single points; the result has the same columns and
        the same numbers, bit for bit, as the local sweep. A failed chunk raises
        :class:`SweepChunkError` naming the chunk and its points (the worker's exception as
        its cause) and cancels the chunks not yet started.
    Other keys: the fixed model (hbar = k_B = 1; ``None`` = the default shown):
    {keys}

    Returns a :class:`Sweep` of numpy columns. Ctrl-C raises ``KeyboardInterrupt`` within a
    fraction of a second.
    """
    merged = {k: _plain(v) for k, v in _merge("sweep", model, keys).items()}
    names, points = sweep_grid(vary, series)
    _qbat.resolve(merged)  # a bad fixed key fails before any point is solved
    total = points.shape[0]
    bar = _progress_bar(total, "sweep") if progress else None
    parts = []
    try:
        if executor is not None:
            parts = _sweep_on_executor(
                executor, merged, names, points, threads or 1, max(1, chunk_size), bar
            )
        else:
            for start in range(0, total, max(1, chunk_size)):
                chunk = points[start : start + chunk_size]
                callback = None
                if bar is not None:
                    seen = [0]

                    def callback(done: int, seen: list[int] = seen) -> None:
                        bar.update(done - seen[0])
                        seen[0] = done

                parts.append(_qbat.steady_batch(merged, names, chunk, threads or 0, callback))
    finally:
        if bar is not None:
            bar.close()
    results = np.concatenate(parts, axis=0) if parts else np.empty((0, 6))
    return Sweep(names + list(_qbat.SWEEP_RESULTS), np.concatenate([points, results], axis=1))


sweep.__doc__ = (sweep.__doc__ or "").replace("{keys}", _keys_doc().replace("\n", "\n    "))
_with_signature(
    sweep,
    [
        inspect.Parameter("model", inspect.Parameter.POSITIONAL_ONLY, default=None),
        inspect.Parameter("vary", inspect.Parameter.KEYWORD_ONLY),
        inspect.Parameter("series", inspect.Parameter.KEYWORD_ONLY, default=None),
        inspect.Parameter("threads", inspect.Parameter.KEYWORD_ONLY, default=None),
        inspect.Parameter("progress", inspect.Parameter.KEYWORD_ONLY, default=False),
        inspect.Parameter("chunk_size", inspect.Parameter.KEYWORD_ONLY, default=4096),
        inspect.Parameter("executor", inspect.Parameter.KEYWORD_ONLY, default=None),
    ],
    [],
)


class Evolution(_Result):
    """Charging dynamics: the keys of ``qbat evolve --json`` as attributes.

    Per-sample numpy arrays: ``times``, ``W``, ``ergotropy``, ``energy_battery``,
    ``excited_population_battery``, ``purity_battery``, ``trace_distance_steady``,
    ``energy_total``, ``rho_battery`` (complex (T, 2, 2)). Scalars (``None`` when undefined):
    ``W_steady``, ``fraction``, ``charging_time`` (first time W reaches fraction * W_steady),
    ``max_average_power`` = max over t > 0 of (E_B(t) - E_B(0)) / t and
    ``max_average_power_time``, ``gap`` (slowest relaxation rate), ``gap_frequency``;
    ``diagnostics`` and ``model`` dicts. Times in units of 1/energy (hbar = 1).
    """

    __slots__ = ()

    def __repr__(self) -> str:
        d = self._data
        return (
            f"<qbat.Evolution {len(d['times'])} samples, W_steady={d['W_steady']:.12g}, "
            f"charging_time={d['charging_time']}>"
        )


def _cli_times(start: float, stop: float, count: int) -> np.ndarray:
    """``count`` times from ``start`` to ``stop``, exactly as ``qbat evolve --times``."""
    if count == 1:
        return np.array([float(start)])
    t = start + (stop - start) * np.arange(count, dtype=float) / (count - 1)
    t[-1] = stop
    return t


def evolve(
    model: Model | None = None,
    /,
    *,
    times: Any = None,
    fraction: float = 0.9,
    tolerance: float = 1e-10,
    integrator: str = "auto",
    gap: bool = True,
    progress: bool = False,
    **keys: Any,
) -> Evolution:
    """Charging dynamics from the initial state (the ``qbat evolve`` command).

    times: sample times, increasing, from t >= 0 (1/energy units); default 201 times from
        0 to 20, as ``qbat evolve``.
    fraction: ``charging_time`` is when W first reaches ``fraction * W_steady`` [0.9].
    tolerance: integrator's local error tolerance [1e-10].
    integrator: 'auto', 'polynomial' or 'rational' ['auto'].
    gap: also compute the spectral gap [True].
    progress: show a progress bar over the samples.
    Other keys: the model (hbar = k_B = 1; ``None`` = the default shown; ``solver`` is
    refused, it applies to steady states):
    {keys}

    Returns an :class:`Evolution`. Runs with the GIL released; Ctrl-C raises
    ``KeyboardInterrupt`` within a fraction of a second.
    """
    merged = {k: _plain(v) for k, v in _merge("evolve", model, keys).items()}
    t = _cli_times(0.0, 20.0, 201) if times is None else np.asarray(times, dtype=float).reshape(-1)
    bar = _progress_bar(len(t), "evolve") if progress else None
    callback = None
    if bar is not None:
        seen = [0]

        def callback(done: int) -> None:
            bar.update(done - seen[0])
            seen[0] = done

    try:
        data = _qbat.evolve(
            merged, np.ascontiguousarray(t), fraction, tolerance, integrator, gap, callback
        )
    finally:
        if bar is not None:
            bar.close()
    return Evolution(data)


evolve.__doc__ = (evolve.__doc__ or "").replace("{keys}", _keys_doc().replace("\n", "\n    "))
_with_signature(
    evolve,
    [
        inspect.Parameter("model", inspect.Parameter.POSITIONAL_ONLY, default=None),
        inspect.Parameter("times", inspect.Parameter.KEYWORD_ONLY, default=None),
        inspect.Parameter("fraction", inspect.Parameter.KEYWORD_ONLY, default=0.9),
        inspect.Parameter("tolerance", inspect.Parameter.KEYWORD_ONLY, default=1e-10),
        inspect.Parameter("integrator", inspect.Parameter.KEYWORD_ONLY, default="auto"),
        inspect.Parameter("gap", inspect.Parameter.KEYWORD_ONLY, default=True),
        inspect.Parameter("progress", inspect.Parameter.KEYWORD_ONLY, default=False),
    ],
    [],
)
