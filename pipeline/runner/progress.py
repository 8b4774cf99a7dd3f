"""Progress: a rich bar (counts, rate, ETA) on a terminal, plain log lines every few seconds otherwise."""

from __future__ import annotations

import sys
import time
from typing import Any, Protocol, TextIO


class Progress(Protocol):
    def advance(self, status: str) -> None: ...
    def close(self) -> None: ...


class Counts:
    def __init__(self, total: int) -> None:
        self.total = total
        self.ok = self.failed = self.skipped = 0
        self.t0 = time.monotonic()

    def add(self, status: str) -> None:
        if status == "ok":
            self.ok += 1
        elif status == "skipped":
            self.skipped += 1
        else:
            self.failed += 1

    @property
    def done(self) -> int:
        return self.ok + self.failed + self.skipped


def _fmt_eta(seconds: float) -> str:
    s = int(seconds)
    return f"{s // 3600}h{s % 3600 // 60:02d}m" if s >= 3600 else f"{s // 60}m{s % 60:02d}s"


class LogProgress:
    def __init__(self, total: int, stream: TextIO = sys.stderr, every: float = 5.0) -> None:
        self.c = Counts(total)
        self.stream = stream
        self.every = every
        self.last = time.monotonic()

    def advance(self, status: str) -> None:
        self.c.add(status)
        now = time.monotonic()
        if now - self.last >= self.every:
            self.last = now
            self._line()

    def _line(self) -> None:
        c = self.c
        elapsed = max(time.monotonic() - c.t0, 1e-9)
        rate = (c.ok + c.failed) / elapsed  # documents processed, not skipped
        eta = f" ETA {_fmt_eta((c.total - c.done) / rate)}" if rate > 0 and c.done < c.total else ""
        pct = 100.0 * c.done / c.total if c.total else 100.0
        print(f"minutes: {c.done}/{c.total} ({pct:.0f}%) ok={c.ok} failed={c.failed} skipped={c.skipped} "
              f"{rate:.1f} docs/s{eta}", file=self.stream, flush=True)

    def close(self) -> None:
        self._line()


class RichProgress:
    def __init__(self, total: int, stream: TextIO = sys.stderr) -> None:
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TaskProgressColumn,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )

        self.c = Counts(total)
        self._p = Progress(
            TextColumn("[bold]minutes[/]"), BarColumn(), MofNCompleteColumn(), TaskProgressColumn(),
            TextColumn("ok={task.fields[ok]} failed={task.fields[failed]} skipped={task.fields[skipped]}"),
            TextColumn("{task.fields[rate]}"), TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn(),
            console=Console(file=stream), transient=False, refresh_per_second=5,
        )
        self._task: Any = self._p.add_task("extract", total=total, ok=0, failed=0, skipped=0, rate="")
        self._p.start()

    def advance(self, status: str) -> None:
        self.c.add(status)
        elapsed = max(time.monotonic() - self.c.t0, 1e-9)
        self._p.update(self._task, advance=1, ok=self.c.ok, failed=self.c.failed, skipped=self.c.skipped,
                       rate=f"{(self.c.ok + self.c.failed) / elapsed:.1f} docs/s")

    def close(self) -> None:
        self._p.stop()


class NoProgress:
    def advance(self, status: str) -> None:
        pass

    def close(self) -> None:
        pass


def make_progress(total: int, mode: str = "auto", stream: TextIO = sys.stderr) -> Progress:
    """mode: auto (a bar on a terminal, log lines otherwise), bar, log, none."""
    if mode == "none":
        return NoProgress()
    if mode == "bar" or (mode == "auto" and stream.isatty()):
        try:
            return RichProgress(total, stream)
        except ImportError:
            pass
    return LogProgress(total, stream)
