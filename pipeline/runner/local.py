"""The local engine: a pool of worker processes on this machine, one document at a time each.

Workers are forked from the parent once it has loaded and warmed the pipeline. The parent hands each
idle worker one task over its own pipe and waits for the answer. A worker enforces
the time limit itself (SIGALRM); if it has not answered `grace` seconds after the limit (stuck in native
code) the parent kills it, records `timed_out`, and starts a new worker. A worker that dies (a crash in
a native library, the OOM killer) costs only its own document, recorded as `internal`. Workers are
replaced after `max_tasks_per_child` documents so memory stays flat over long runs, and they exit by
themselves when the parent goes away.
"""

from __future__ import annotations

import contextlib
import itertools
import multiprocessing as mp
import os
import signal
import sys
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import Any

from pipeline.runner.limits import Limits, timeout_message
from pipeline.runner.task import Outcome, Task, commit, error_dict, internal_message, process_file

# fork: a worker starts as a copy of the parent, which has loaded and warmed the pipeline once
# (pipeline.runner.warm), so starting or replacing one costs a fork, not an import and a first document;
# and unlike spawn/forkserver it never re-imports the caller's __main__.
_CTX = mp.get_context("fork")


def _die_with_parent() -> None:
    """Linux: have the kernel SIGKILL this worker when its parent process exits."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except Exception:
        pass


def _worker_main(conn: Connection, options: Mapping[str, Any], limits: Limits, out_dir: str,
                 max_tasks: int) -> None:
    import logging
    import warnings

    _die_with_parent()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides what an interrupt does
    # nothing a worker or a library prints reaches the terminal (and a stream lock held by one of the
    # parent's threads at fork time cannot block this process)
    sys.stdout = sys.stderr = open(os.devnull, "w")
    warnings.simplefilter("ignore")
    logging.disable(logging.WARNING)
    out = Path(out_dir)
    done = 0
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        try:
            outcome = commit(out, process_file(task, options, limits))
        except OSError as exc:  # writing failed (disk full ...): still an answer, never a traceback
            outcome = Outcome(index=task.index, path=task.path, json_name=task.json_name, sha256=task.sha256,
                              ok=False, error=error_dict(task.path, task.sha256, "export", "internal",
                                                         f"{task.path}: could not write the output: {exc}"))
        except Exception as exc:
            outcome = Outcome(index=task.index, path=task.path, json_name=task.json_name, sha256=task.sha256,
                              ok=False, error=error_dict(task.path, task.sha256, "pipeline", "internal",
                                                         f"{task.path}: {internal_message(exc)}"))
        done += 1
        try:
            conn.send((outcome, done >= max_tasks))
        except (BrokenPipeError, OSError):
            return
        if done >= max_tasks:
            return


@dataclass
class _Worker:
    process: BaseProcess
    conn: Connection
    task: Task | None = None
    deadline: float | None = None


class LocalEngine:
    def __init__(self, out_dir: Path, options: Mapping[str, Any], limits: Limits, *, workers: int = 1,
                 max_tasks_per_child: int = 500, grace_seconds: float | None = None) -> None:
        self.out_dir = out_dir
        self.options = dict(options)
        self.limits = limits
        self.workers = max(1, workers)
        self.max_tasks = max(1, max_tasks_per_child)
        t = limits.timeout_seconds
        self.grace = grace_seconds if grace_seconds is not None else (max(2.0, 0.1 * t) if t else 0.0)

    def _spawn(self) -> _Worker:
        parent, child = _CTX.Pipe(duplex=True)
        proc = _CTX.Process(target=_worker_main, daemon=True,
                            args=(child, self.options, self.limits, str(self.out_dir), self.max_tasks))
        proc.start()
        child.close()
        return _Worker(proc, parent)

    def _stop(self, w: _Worker, kill: bool = False) -> None:
        if kill:
            with contextlib.suppress(Exception):
                w.process.kill()
        else:
            with contextlib.suppress(Exception):
                w.conn.send(None)
        w.process.join(timeout=None if kill else 5)
        if w.process.is_alive():
            w.process.kill()
            w.process.join()
        w.conn.close()

    def run(self, tasks: Iterable[Task], on_outcome: Callable[[Outcome], None]) -> None:
        it: Iterator[Task] = iter(tasks)
        first = next(it, None)
        if first is None:  # nothing to do: no workers
            return
        it = itertools.chain([first], it)
        import pipeline.runner.warm  # noqa: F401  (the pipeline loaded and warmed before the first fork)

        idle: deque[_Worker] = deque()
        busy: list[_Worker] = []
        exhausted = False
        try:
            while True:
                while not exhausted and (idle or len(busy) < self.workers):
                    task = next(it, None)  # planning (hashing, skipping) happens here, lazily
                    if task is None:
                        exhausted = True
                        break
                    w = idle.popleft() if idle else self._spawn()  # workers start when there is work
                    if not w.process.is_alive():  # died while idle (OOM killer ...): not this task's fault
                        self._stop(w)
                        w = self._spawn()
                    w.task = task
                    t = self.limits.timeout_seconds
                    w.deadline = time.monotonic() + t + self.grace if t else None
                    with contextlib.suppress(OSError):  # a worker already dead is found by wait() below
                        w.conn.send(task)
                    busy.append(w)
                if not busy:
                    break
                deadlines = [w.deadline for w in busy if w.deadline is not None]
                timeout = max(0.0, min(deadlines) - time.monotonic()) if deadlines else None
                ready = wait([w.conn for w in busy] + [w.process.sentinel for w in busy], timeout)
                now = time.monotonic()
                for w in list(busy):
                    if w.conn in ready or w.process.sentinel in ready:
                        outcome, retiring = self._answer(w)
                    elif w.deadline is not None and now >= w.deadline:
                        outcome, retiring = self._timed_out(w), True
                    else:
                        continue
                    busy.remove(w)
                    w.task = None
                    if retiring:
                        self._stop(w)
                        w = self._spawn()
                    idle.append(w)
                    on_outcome(outcome)
        finally:
            for w in list(idle) + busy:
                self._stop(w, kill=w in busy)

    def _answer(self, w: _Worker) -> tuple[Outcome, bool]:
        assert w.task is not None
        try:
            if w.conn.poll():
                outcome, retiring = w.conn.recv()
                return outcome, bool(retiring)
        except (EOFError, OSError):
            pass
        w.process.join(timeout=5)
        code = w.process.exitcode
        how = f"was killed by signal {-code}" if code is not None and code < 0 else f"exited with status {code}"
        task = w.task
        return Outcome(index=task.index, path=task.path, json_name=task.json_name, sha256=task.sha256, ok=False,
                       error=error_dict(task.path, task.sha256, "pipeline", "internal",
                                        f"{task.path}: the worker process {how} while processing this file "
                                        "(a crash in a native library, or out of memory)")), True

    def _timed_out(self, w: _Worker) -> Outcome:
        assert w.task is not None
        task = w.task
        with contextlib.suppress(Exception):
            w.process.kill()
        (Path(self.out_dir) / "json" / task.json_name).unlink(missing_ok=True)
        return Outcome(index=task.index, path=task.path, json_name=task.json_name, sha256=task.sha256, ok=False,
                       error=error_dict(task.path, task.sha256, "extract", "timed_out",
                                        timeout_message(task.path, float(self.limits.timeout_seconds or 0))))

