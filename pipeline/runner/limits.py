"""Per-document limits and the time limit, enforced inside the process or thread that does the work."""

from __future__ import annotations

import ctypes
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from typing import Any

from pipeline.errors import DocumentTimeoutError

DEFAULT_TIMEOUT_SECONDS = 600.0  # an OCR of a long scan takes minutes on a busy 2-core machine
DEFAULT_MAX_BYTES = 200 * 1024 * 1024
DEFAULT_MAX_PAGES = 2000
DEFAULT_MAX_CHARS = 10_000_000


@dataclass(frozen=True)
class Limits:
    """0 or None turns a limit off."""

    timeout_seconds: float | None = DEFAULT_TIMEOUT_SECONDS
    max_bytes: int | None = DEFAULT_MAX_BYTES
    max_pages: int | None = DEFAULT_MAX_PAGES
    max_chars: int | None = DEFAULT_MAX_CHARS

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def timeout_message(path: str, seconds: float) -> str:
    return (f"{path}: processing took longer than the limit of {seconds:g} s per document "
            "(--timeout-seconds); split the file or raise the limit")


class _AsyncTimeout(BaseException):
    """Raised asynchronously in a worker thread whose document ran out of time."""


@contextmanager
def time_limit(seconds: float | None, path: str) -> Iterator[None]:
    """Raise `DocumentTimeoutError` in the block if it runs longer than `seconds`.

    In a process's main thread this is SIGALRM (it also interrupts a long regular-expression match);
    in another thread (a Dask worker's) a watchdog raises an exception in the working thread, which
    takes effect at its next Python instruction.
    """
    if not seconds or seconds <= 0:
        yield
        return
    if threading.current_thread() is threading.main_thread():
        with _alarm(seconds, path):
            yield
    else:
        with _watchdog(seconds, path):
            yield


@contextmanager
def _alarm(seconds: float, path: str) -> Iterator[None]:
    def on_alarm(signum: int, frame: object) -> None:
        raise _AsyncTimeout  # a BaseException: library code that catches Exception cannot swallow it

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    except _AsyncTimeout:
        raise DocumentTimeoutError(timeout_message(path, seconds)) from None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


_set_async_exc = ctypes.pythonapi.PyThreadState_SetAsyncExc
_set_async_exc.argtypes = [ctypes.c_ulong, ctypes.py_object]


@contextmanager
def _watchdog(seconds: float, path: str) -> Iterator[None]:
    tid = threading.get_ident()
    lock = threading.Lock()
    state = {"active": True, "fired": False}

    done = threading.Event()

    def fire() -> None:
        # again every half second: an exception that lands in a __del__ or a callback is swallowed there
        wait = seconds
        while not done.wait(wait):
            with lock:
                if not state["active"]:
                    return
                state["fired"] = True
                _set_async_exc(tid, _AsyncTimeout)
            wait = 0.5

    watchdog = threading.Thread(target=fire, daemon=True, name="minutes-time-limit")
    watchdog.start()
    try:
        yield
    except _AsyncTimeout:
        raise DocumentTimeoutError(timeout_message(path, seconds)) from None
    finally:
        done.set()
        with lock:
            state["active"] = False
            fired = state["fired"]
        if fired:
            _set_async_exc(tid, ctypes.py_object())  # clear an exception not yet delivered
    if fired:
        raise DocumentTimeoutError(timeout_message(path, seconds))
