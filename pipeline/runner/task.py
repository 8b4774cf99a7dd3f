"""The per-document function: bytes (+ options) in, the JSON document and table rows (or an error) out.

`process_bytes` is pure: it depends only on the bytes, the path used in messages and `source.path`,
the extraction options and the limits. Every engine runs it unchanged; the local engine's workers
read the file and write the outputs themselves (`process_file`), a Dask worker returns them to the
client, which writes them.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import json
import os
import tempfile
import time
import traceback
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline.errors import MinutesError, TooLargeError, UnreadableError
from pipeline.export.json_doc import to_json
from pipeline.export.tables import meeting_id_of, rows_for, to_columns
from pipeline.models import Minutes
from pipeline.runner.limits import Limits, _AsyncTimeout, time_limit, timeout_message

ROWS_DIR = ".rows"
JSON_DIR = "json"


@dataclass
class Task:
    """One input to process. `json_name` is the file name under OUT/json, chosen by the planner."""

    index: int
    path: str  # as shown and recorded (valid UTF-8)
    json_name: str
    sha256: str | None = None
    fs_path: str | None = None  # the name on disk when it differs from `path` (not valid UTF-8)

    @property
    def file(self) -> str:
        """Where to read the input."""
        return self.fs_path or self.path


@dataclass
class Outcome:
    """What became of one input. The payloads are None once written to OUT."""

    index: int
    path: str
    json_name: str
    sha256: str | None
    ok: bool
    seconds: float = 0.0
    meeting_id: str | None = None
    rows_sha256: str | None = None
    error: dict[str, Any] | None = None
    json_bytes: bytes | None = field(default=None, repr=False)
    rows_bytes: bytes | None = field(default=None, repr=False)


def error_dict(path: str, sha256: str | None, stage: str, error_type: str, message: str) -> dict[str, Any]:
    """An errors-table row (the fields of `pipeline.models.ErrorRecord`)."""
    return {"path": path, "sha256": sha256, "stage": stage, "error_type": error_type, "message": message}


def encode_rows(minutes: Minutes) -> bytes:
    """The document's table rows, column-wise, as compact JSON (OUT/.rows/<meeting_id>.json)."""
    tables = rows_for(minutes)
    payload = {"meeting_id": meeting_id_of(minutes.source.sha256),
               "tables": {name: to_columns(name, rows) for name, rows in tables.items()}}
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def internal_message(exc: BaseException) -> str:
    where = ""
    frames = traceback.extract_tb(exc.__traceback__)
    for fr in reversed(frames):
        fname = fr.filename.replace(os.sep, "/")
        if "/pipeline/" in fname:
            where = f" at pipeline/{fname.rsplit('/pipeline/', 1)[1]}:{fr.lineno} in {fr.name}"
            break
    text = str(exc).splitlines()[0][:300] if str(exc) else ""
    return f"internal error: {type(exc).__name__}: {text}{where} (a bug: please report it with the file)"


def _page_count(data: bytes) -> int | None:
    """Pages of a PDF, counted without parsing its content; None when it cannot be opened here."""
    if b"%PDF-" not in data[:1024]:
        return None
    try:
        import pypdfium2

        pdf = pypdfium2.PdfDocument(data)
        try:
            return len(pdf)
        finally:
            pdf.close()
    except Exception:
        return None  # the reader reports the real problem (encrypted, damaged ...)


def _check_before(data: bytes, path: str, limits: Limits) -> None:
    if limits.max_bytes and len(data) > limits.max_bytes:
        raise TooLargeError(f"{path}: {len(data)} bytes is over the limit of {limits.max_bytes} (--max-bytes)")
    if limits.max_pages:
        pages = _page_count(data)
        if pages is not None and pages > limits.max_pages:
            raise TooLargeError(f"{path}: {pages} pages is over the limit of {limits.max_pages} (--max-pages)")
    # every encoding the readers accept takes at most 4 bytes per character
    if limits.max_chars and len(data) > 4 * limits.max_chars and b"%PDF-" not in data[:1024]:
        raise TooLargeError(f"{path}: more than {limits.max_chars} characters (--max-chars)")


def _check_after(minutes: Minutes, path: str, limits: Limits) -> None:
    pages = max(len(minutes.pages), minutes.source.pages or 0)
    if limits.max_pages and pages > limits.max_pages:
        raise TooLargeError(f"{path}: {pages} pages is over the limit of {limits.max_pages} (--max-pages)")
    if limits.max_chars and len(minutes.text) > limits.max_chars:
        raise TooLargeError(
            f"{path}: {len(minutes.text)} characters is over the limit of {limits.max_chars} (--max-chars)")


def process_bytes(data: bytes, path: str, options: Mapping[str, Any], limits: Limits,
                  *, index: int = 0, json_name: str = "") -> Outcome:
    """Extract one document. Never raises for a bad document: the outcome carries the error."""
    from pipeline.api import extract_bytes

    t0 = time.perf_counter()
    sha = hashlib.sha256(data).hexdigest()
    out = Outcome(index=index, path=path, json_name=json_name, sha256=sha, ok=False)
    opts = dict(options)
    if limits.max_bytes:
        opts.setdefault("max_bytes", limits.max_bytes)
    try:
        with time_limit(limits.timeout_seconds, path):
            _check_before(data, path, limits)
            minutes = extract_bytes(data, path, **opts)
            _check_after(minutes, path, limits)
            json_bytes = to_json(minutes)
            rows_bytes = encode_rows(minutes)
    except MinutesError as exc:
        out.error = error_dict(path, sha, exc.stage, exc.kind, exc.message)
    except _AsyncTimeout:
        out.error = error_dict(path, sha, "extract", "timed_out",
                               timeout_message(path, float(limits.timeout_seconds or 0)))
    except RecursionError as exc:
        out.error = error_dict(path, sha, "pipeline", "internal", f"{path}: {internal_message(exc)}")
    except MemoryError:
        out.error = error_dict(path, sha, "pipeline", "internal",
                               f"{path}: ran out of memory; lower --max-bytes / --max-pages or add memory")
    except Exception as exc:  # one broken document never stops a batch
        out.error = error_dict(path, sha, "pipeline", "internal", f"{path}: {internal_message(exc)}")
    else:
        out.ok = True
        out.meeting_id = meeting_id_of(minutes.source.sha256)
        out.json_bytes = json_bytes
        out.rows_bytes = rows_bytes
        out.rows_sha256 = hashlib.sha256(rows_bytes).hexdigest()
    out.seconds = time.perf_counter() - t0
    return out


def read_input(path: str, limits: Limits, shown: str | None = None) -> bytes:
    """The file's bytes, refusing one over the size limit before reading it. Messages name the file
    `shown` (default `path`)."""
    file, path = path, shown or path
    try:
        size = os.stat(file).st_size
        if limits.max_bytes and size > limits.max_bytes:
            raise TooLargeError(f"{path}: {size} bytes is over the limit of {limits.max_bytes} (--max-bytes)")
        with open(file, "rb") as fh:
            return fh.read()
    except FileNotFoundError:
        raise UnreadableError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise UnreadableError(f"{path}: is a folder, not a file") from None
    except PermissionError:
        raise UnreadableError(f"{path}: permission denied; check the file's permissions") from None
    except OSError as exc:
        raise UnreadableError(f"{path}: cannot be read ({exc.strerror or exc})") from None


_WARM_UP_TEXT = "某會第1次會議紀錄\n時間：110年1月5日上午10時\n地點：本會會議室\n主席：王主任委員\n壹、報告事項\n一、請秘書組辦理。\n決定：洽悉。\n"


def warm_up() -> None:
    """Load what the pipeline loads lazily (profiles, tables, readers) before the first timed document,
    so a worker's start-up is not charged to a document's time limit."""
    from pipeline.api import extract_bytes

    try:
        # (four times over: long enough for the bulk paths, which make their tables on first use)
        extract_bytes((_WARM_UP_TEXT * 4).encode("utf-8"), "<warm-up>", require_minutes=False)
    except Exception:
        pass
    # what is loaded now (lexicons, the word list, the profiles) lives as long as the process: moved
    # out of the collector's generations, a full collection no longer walks its objects for every
    # few documents, and forked workers do not copy the pages the collector would write to
    gc.freeze()


def process_file(task: Task, options: Mapping[str, Any], limits: Limits) -> Outcome:
    try:
        data = read_input(task.file, limits, task.path)
    except MinutesError as exc:
        return Outcome(index=task.index, path=task.path, json_name=task.json_name, sha256=task.sha256,
                       ok=False, error=error_dict(task.path, None, exc.stage, exc.kind, exc.message))
    return process_bytes(data, task.path, options, limits, index=task.index, json_name=task.json_name)


def replace_file(path: Path, data: bytes) -> None:
    """Write to a temporary name in the same folder, then rename over `path`.

    Atomic against a killed process (the name holds the old bytes or the new, never a part). Not
    fsync'ed one by one (that would cost more than extracting a text document); the runner syncs the
    file system once at the end of a run, and a file left damaged by a power cut is found and redone.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def commit(out_dir: Path, outcome: Outcome) -> Outcome:
    """Write an outcome's files (atomically: temporary name, then rename) and drop its payloads.

    The JSON document is written before the row file; the manifest line that makes both count is
    appended by the runner afterwards, so a crash in between only means the document is redone.
    A failed document's stale JSON (from an earlier run) is removed.
    """
    json_path = out_dir / JSON_DIR / outcome.json_name
    if outcome.ok:
        assert outcome.json_bytes is not None and outcome.rows_bytes is not None
        replace_file(json_path, outcome.json_bytes)
        replace_file(out_dir / ROWS_DIR / f"{outcome.meeting_id}.json", outcome.rows_bytes)
    else:
        try:
            json_path.unlink()
        except FileNotFoundError:
            pass
    outcome.json_bytes = outcome.rows_bytes = None
    return outcome
