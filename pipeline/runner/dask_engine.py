"""The Dask engine: the same per-document function on a Dask distributed cluster.

With no scheduler address a LocalCluster of `workers` single-threaded worker processes is started for
the run. The client reads each file and sends its bytes, so workers need no access to the input or
output folders; `process_bytes` runs on a worker (the time limit is enforced there, in the worker's
thread) and the client writes the returned JSON document and rows into OUT. At most `window` documents
are in flight at once, so memory stays flat whatever the archive's size.
"""

from __future__ import annotations

import contextlib
import itertools
import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from pipeline.errors import MinutesError
from pipeline.runner.limits import Limits
from pipeline.runner.task import Outcome, Task, commit, error_dict, process_bytes, read_input, warm_up


def _run_remote(data: bytes, task: Task, options: Mapping[str, Any], limits: Limits) -> Outcome:
    import logging
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        logging.disable(logging.WARNING)
        return process_bytes(data, task.path, options, limits, index=task.index, json_name=task.json_name)


def _warm_up() -> None:
    import logging
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        logging.disable(logging.WARNING)
        warm_up()


@contextlib.contextmanager
def _environ_kept() -> Iterator[None]:
    """A LocalCluster writes its workers' settings into this process's environment and leaves them
    there (MALLOC_TRIM_THRESHOLD_=65536, OMP_NUM_THREADS=1, ...): every later subprocess would inherit
    them, and a small trim threshold makes allocation-heavy work several times slower."""
    saved = dict(os.environ)
    try:
        yield
    finally:
        os.environ.clear()
        os.environ.update(saved)


class DaskEngine:
    def __init__(self, out_dir: Path, options: Mapping[str, Any], limits: Limits, *, workers: int = 1,
                 scheduler: str | None = None, window: int | None = None) -> None:
        self.out_dir = out_dir
        self.options = dict(options)
        self.limits = limits
        self.workers = max(1, workers)
        self.scheduler = scheduler
        self.window = window

    def _client(self, stack: contextlib.ExitStack) -> Any:
        from distributed import Client, LocalCluster

        if self.scheduler:
            return stack.enter_context(Client(self.scheduler, timeout="30s"))
        stack.enter_context(_environ_kept())
        cluster = stack.enter_context(LocalCluster(
            n_workers=self.workers, threads_per_worker=1, processes=True, dashboard_address=None,
            silence_logs=50))
        return stack.enter_context(Client(cluster))

    def run(self, tasks: Iterable[Task], on_outcome: Callable[[Outcome], None]) -> None:
        from distributed import as_completed

        it: Iterator[Task] = iter(tasks)
        first = next(it, None)
        if first is None:  # nothing to do: no cluster needed
            return
        it = itertools.chain([first], it)
        with contextlib.ExitStack() as stack:
            client = self._client(stack)
            client.run(_warm_up)
            nthreads = sum(client.nthreads().values()) or self.workers
            window = self.window or max(4, 4 * nthreads)
            ac = as_completed()
            futures: dict[str, Task] = {}

            def submit_next() -> bool:
                for task in it:
                    try:
                        data = read_input(task.file, self.limits, task.path)
                    except MinutesError as exc:
                        on_outcome(commit(self.out_dir, Outcome(
                            index=task.index, path=task.path, json_name=task.json_name, sha256=task.sha256,
                            ok=False, error=error_dict(task.path, None, exc.stage, exc.kind, exc.message))))
                        continue
                    fut = client.submit(_run_remote, data, task, self.options, self.limits,
                                        key=f"minutes-doc-{task.index}-{task.sha256 or 'x'}", pure=False)
                    futures[fut.key] = task
                    ac.add(fut)
                    return True
                return False

            for _ in range(window):
                if not submit_next():
                    break
            for fut in ac:
                task = futures.pop(fut.key)
                try:
                    outcome = fut.result()
                except Exception as exc:  # the worker died (KilledWorker) or the task could not run
                    outcome = Outcome(
                        index=task.index, path=task.path, json_name=task.json_name, sha256=task.sha256,
                        ok=False, error=error_dict(task.path, task.sha256, "pipeline", "internal",
                                                   f"{task.path}: the Dask task failed: "
                                                   f"{type(exc).__name__}: {str(exc)[:300]}"))
                fut.release()
                on_outcome(commit(self.out_dir, outcome))
                submit_next()
