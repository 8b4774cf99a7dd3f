"""OUT/manifest.jsonl: what has been done, one JSON line per finished input; the last line for a path wins.

Lines are appended with a single write() each, after the document's files are in place, so a run killed
at any moment leaves a manifest that is true of OUT (a torn last line is ignored on reading). Each run
rewrites it compacted (atomically) when it starts and ends. OUT/.lock keeps two runs out of one OUT.
"""

from __future__ import annotations

import fcntl
import json
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from pipeline.export.files import write_atomic

MANIFEST = "manifest.jsonl"
LOCK = ".lock"


class OutputLockedError(RuntimeError):
    pass


@dataclass
class Entry:
    path: str
    json: str
    status: str  # ok | error
    pipeline_version: str
    options: str
    sha256: str | None = None
    size: int | None = None
    mtime_ns: int | None = None
    meeting_id: str | None = None
    rows_sha256: str | None = None
    error: dict[str, Any] | None = None
    seconds: float = 0.0
    extra: dict[str, Any] = field(default_factory=dict)

    def line(self) -> bytes:
        d = asdict(self)
        if not d["extra"]:
            del d["extra"]
        return (json.dumps(d, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")

    @classmethod
    def parse(cls, line: str) -> Entry | None:
        try:
            d = json.loads(line)
            return cls(**d) if isinstance(d, dict) else None
        except (ValueError, TypeError):
            return None


class Manifest:
    def __init__(self, out_dir: Path) -> None:
        self.path = out_dir / MANIFEST
        self.entries: dict[str, Entry] = {}
        self._fd: int | None = None
        if self.path.exists():
            with open(self.path, encoding="utf-8", errors="replace") as fh:
                for line in fh:
                    entry = Entry.parse(line)
                    if entry is not None:
                        self.entries[entry.path] = entry

    def compact(self) -> None:
        """Rewrite the file with one line per path (atomically) and reopen it for appending."""
        self.close()
        data = b"".join(self.entries[p].line() for p in sorted(self.entries))
        write_atomic(self.path, data)

    def append(self, entry: Entry) -> None:
        if self._fd is None:
            self._fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        os.write(self._fd, entry.line())
        self.entries[entry.path] = entry

    def close(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None


class OutputLock:
    """An exclusive lock on OUT for the length of a run (released by the OS if the process dies)."""

    def __init__(self, out_dir: Path) -> None:
        self.path = out_dir / LOCK
        self._fh: Any = None

    def __enter__(self) -> OutputLock:
        self._fh = open(self.path, "a+")
        try:
            fcntl.flock(self._fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            self._fh.close()
            raise OutputLockedError(f"{self.path.parent}: another `minutes extract` is writing here") from None
        return self

    def __exit__(self, *exc: object) -> None:
        fcntl.flock(self._fh.fileno(), fcntl.LOCK_UN)
        self._fh.close()
