"""`qbat.sweep(..., executor=...)`: chunks of points through concurrent.futures-style
executors (a real dask.distributed LocalCluster with two worker processes, a
ProcessPoolExecutor) give exactly the local sweep; a failed chunk is reported by number."""

import concurrent.futures
import multiprocessing
import os

import numpy as np
import pytest

import qbat

# a 2-D sweep with a series: 2 x 6 x 3 = 36 points in chunks of 5 (8 chunks, the last short)
GRID = dict(
    vary={"mu": np.linspace(0, 4, 6), "dmu": [0.0, 1.5, 3.0]},
    series={"temperature": [0.5, 2.0]},
    n=3,
    topology="chain",
)


def _pid(_: object = None) -> int:
    return os.getpid()


def test_dask_local_cluster_equals_the_local_sweep():
    distributed = pytest.importorskip("dask.distributed")  # installed by scripts/test
    local = qbat.sweep(**GRID)
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster, distributed.Client(cluster) as client:
        # two worker processes, neither of them this one
        pids = set(client.run(_pid).values())
        assert len(pids) == 2 and os.getpid() not in pids
        remote = qbat.sweep(**GRID, executor=client, chunk_size=5)
    assert remote.columns == local.columns
    assert len(remote) == len(local) == 36
    # the same numbers, to the last bit (the independent check: the local path)
    assert np.array_equal(remote.to_numpy(), local.to_numpy())


def test_process_pool_equals_the_local_sweep():
    local = qbat.sweep(**GRID)
    # "spawn": a forked child would inherit the parent's Rust thread pool without its threads
    spawn = multiprocessing.get_context("spawn")
    with concurrent.futures.ProcessPoolExecutor(max_workers=2, mp_context=spawn) as pool:
        remote = qbat.sweep(**GRID, executor=pool, chunk_size=7)
    assert remote.columns == local.columns
    assert np.array_equal(remote.to_numpy(), local.to_numpy())


def test_a_failed_chunk_is_reported_by_number_and_points():
    # temperature -1 is invalid: the third chunk (points 4 and 5) fails on the worker
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        with pytest.raises(qbat.SweepChunkError) as info:
            qbat.sweep(vary={"temperature": [1, 1, 1, 1, 1, -1, 1]}, executor=pool, chunk_size=2)
    e = info.value
    assert (e.chunk, e.start, e.stop) == (2, 4, 6)
    assert "chunk 2 (points 4 to 5)" in str(e)
    assert "temperature" in str(e.__cause__)
