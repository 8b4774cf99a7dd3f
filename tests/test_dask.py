"""`--engine dask`: a real LocalCluster with two worker processes gives the same outputs as the local engine."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from batch_support import assert_same_outputs, make_archive, sample_docs

from pipeline.errors import DocumentTimeoutError
from pipeline.runner import RunConfig, run_batch
from pipeline.runner.limits import Limits, time_limit

distributed = pytest.importorskip("distributed")


@pytest.fixture(autouse=True)
def _environ_restored() -> Iterator[None]:
    """A LocalCluster leaves its workers' settings in os.environ (MALLOC_TRIM_THRESHOLD_=65536 makes
    the later tests' subprocesses several times slower): the environment is put back after each test."""
    saved = dict(os.environ)
    yield
    os.environ.clear()
    os.environ.update(saved)


def test_dask_local_cluster_equals_local_engine(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    make_archive(folder, n_good=12)
    big = folder / "big.txt"
    # a short document takes a few hundredths of a second; this one (8 MB of real minutes) takes tens of
    # seconds: over the limit on both engines, while the short ones stay far under it on a busy machine
    big.write_bytes(sample_docs(1)[0][1] * 4000)
    limits = Limits(timeout_seconds=6)
    local = run_batch([folder], RunConfig(out=tmp_path / "local", workers=2, progress="none", limits=limits))
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                                  silence_logs=50) as cluster:
        assert len(cluster.workers) == 2
        remote = run_batch([folder], RunConfig(out=tmp_path / "dask", workers=2, engine="dask",
                                               scheduler=cluster.scheduler_address, progress="none",
                                               limits=limits))
    assert (remote.extracted, remote.failed) == (local.extracted, local.failed) == (12, 4)
    assert_same_outputs(tmp_path / "dask", tmp_path / "local")
    again = run_batch([folder], RunConfig(out=tmp_path / "dask", workers=2, engine="dask", progress="none",
                                          limits=limits))  # nothing to do: no cluster is even needed
    assert again.extracted == 0 and not again.tables_rebuilt


def test_time_limit_in_a_worker_thread() -> None:
    """Dask runs tasks in threads: the limit is a watchdog that raises in the working thread."""
    result: list[str] = []

    def busy() -> None:
        try:
            with time_limit(0.2, "doc.txt"):
                while True:
                    sum(range(1000))
        except DocumentTimeoutError as exc:
            result.append(str(exc))

    t = threading.Thread(target=busy)
    t.start()
    t.join(timeout=30)
    assert not t.is_alive() and result and "--timeout-seconds" in result[0]
    with time_limit(5, "fast.txt"):  # a block that finishes in time is left alone
        time.sleep(0.01)
