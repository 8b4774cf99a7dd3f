"""The batch runner behind `minutes extract`: plan, process (locally or on Dask), record, build tables.

OUT layout:
    json/<stem>.json        one JSON document per input that succeeded
    parquet/<table>/        the tables (pipeline.export.tables), rebuilt when anything changed
    errors.jsonl            one line per input that failed (path, sha256, stage, error_type, message)
    manifest.jsonl          what is done: path, size, mtime, sha256, pipeline version, options, result
    last_run.json           the summary of the last run
    removed/<stem>.json     the JSON documents of inputs that are no longer among a run's inputs
    .rows/<meeting_id>.json each document's table rows (private; the tables are built from these)

After a run, OUT describes exactly that run's inputs: an input recorded by an earlier run but not given
(or no longer found in the folders given) this time leaves the manifest, errors.jsonl and the tables,
and its JSON document is moved to OUT/removed/. `plan_run` (`minutes extract --dry-run`) tells what a
run would extract, reuse, leave as it is and remove, and writes nothing.

An input is skipped when the manifest holds it with the same size, mtime, pipeline version and
extraction options (or, after a change of size or mtime, the same sha256) and its JSON document still
exists; an input whose bytes were already extracted under another path gets a copy of that result
without a new extraction. Inputs that failed are not retried unless `retry_errors` (or `force`).

A path given that does not exist (MissingInputError) or folders without any input file (NoInputsError)
stop a run before anything is created or changed.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat as stat_mod
import sys
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline import __version__
from pipeline.export import parquet, tables
from pipeline.export.files import write_atomic
from pipeline.export.json_doc import to_json
from pipeline.models import SCHEMA_VERSION, Minutes
from pipeline.runner.inputs import (
    InputError,
    MissingInputError,
    Namer,
    NoInputsError,
    discover_checked,
    shown_path,
)
from pipeline.runner.limits import Limits
from pipeline.runner.manifest import Entry, Manifest, OutputLock, OutputLockedError
from pipeline.runner.progress import make_progress
from pipeline.runner.task import JSON_DIR, ROWS_DIR, Outcome, Task, commit, error_dict

__all__ = ["InputError", "Limits", "MissingInputError", "NoInputsError", "OutputLockedError", "Plan",
           "RunConfig", "Summary", "plan_run", "run_batch"]

REMOVED_DIR = "removed"


@dataclass
class RunConfig:
    out: Path
    workers: int = 1
    engine: str = "local"  # local | dask
    scheduler: str | None = None
    options: dict[str, Any] = field(default_factory=dict)
    limits: Limits = field(default_factory=Limits)
    force: bool = False
    retry_errors: bool = False
    progress: str = "auto"  # auto | bar | log | none
    max_tasks_per_child: int = 500
    part_docs: int = parquet.DEFAULT_PART_DOCS


@dataclass
class Summary:
    inputs: int = 0
    extracted: int = 0
    skipped: int = 0
    reused: int = 0
    failed: int = 0
    seconds: float = 0.0
    extract_seconds: float = 0.0
    tables_seconds: float = 0.0
    tables_rebuilt: bool = False
    errors_by_type: dict[str, int] = field(default_factory=dict)
    errors: list[dict[str, Any]] = field(default_factory=list)  # this run's inputs that failed
    removed: list[dict[str, Any]] = field(default_factory=list)  # earlier inputs not among this run's

    @property
    def exit_code(self) -> int:
        return 0 if self.failed == 0 else 3

    def as_dict(self) -> dict[str, Any]:
        return {"inputs": self.inputs, "documents": self.inputs - self.failed, "errors": self.failed,
                "extracted": self.extracted, "skipped": self.skipped, "reused": self.reused,
                "failed": self.failed, "removed": len(self.removed), "errors_by_type": self.errors_by_type,
                "seconds": round(self.seconds, 3), "extract_seconds": round(self.extract_seconds, 3),
                "tables_seconds": round(self.tables_seconds, 3), "tables_rebuilt": self.tables_rebuilt}


def options_fingerprint(options: dict[str, Any]) -> str:
    return hashlib.sha256(json.dumps(options, sort_keys=True, default=str).encode()).hexdigest()[:16]


def _sha256_file(path: str) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(1 << 20):
            h.update(chunk)
    return h.hexdigest()


@dataclass
class _Decision:
    index: int
    path: str  # as shown and recorded
    fs_path: str  # as on disk
    name: str  # the JSON file name
    action: str = "extract"  # extract | reuse | unchanged | unreadable
    stat: tuple[int, int] | None = None
    sha256: str | None = None
    entry: Entry | None = None  # unchanged: the input's entry; reuse: the entry whose result is reused
    note: str = ""


def _move_aside(src: Path, dst: Path) -> bool:
    """Move a file (a rename, atomic on one file system); False if there was nothing to move."""
    try:
        dst.parent.mkdir(parents=True, exist_ok=True)
        os.replace(src, dst)
    except FileNotFoundError:
        return False
    return True


def _clean_temporaries(out: Path) -> None:
    """Remove what a killed run may have left half-written (we hold the lock)."""
    for folder in (out / JSON_DIR, out / ROWS_DIR):
        if folder.is_dir():
            for f in folder.glob(".*.tmp"):
                f.unlink(missing_ok=True)
    for f in out.glob(".*.tmp"):
        f.unlink(missing_ok=True)


@dataclass
class PlanItem:
    """What a run would do with one input (or with an input of an earlier run)."""

    action: str  # extract | reuse | unchanged | unreadable | remove
    path: str
    json: str | None = None
    note: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {"action": self.action, "path": self.path, "json": self.json, "note": self.note}


@dataclass
class Plan:
    out: Path
    items: list[PlanItem] = field(default_factory=list)

    def count(self, action: str) -> int:
        return sum(1 for i in self.items if i.action == action)

    def as_dict(self) -> dict[str, Any]:
        counts = {a: self.count(a) for a in ("extract", "reuse", "unchanged", "unreadable", "remove")}
        return {"dry_run": True, "out": str(self.out), "inputs": len(self.items) - counts["remove"], **counts}


def run_batch(inputs: Iterable[str | os.PathLike[str]], config: RunConfig) -> Summary:
    """Run a batch. Raises MissingInputError / NoInputsError (nothing created) before it starts and
    OutputLockedError when another run holds OUT."""
    paths = discover_checked(inputs)
    out = config.out
    out.mkdir(parents=True, exist_ok=True)
    with OutputLock(out):
        return _Run(config).run(paths)


def plan_run(inputs: Iterable[str | os.PathLike[str]], config: RunConfig) -> Plan:
    """What `run_batch(inputs, config)` would do, from OUT's manifest as it is now; writes nothing (OUT
    need not exist). Inputs are read to compute their sha256 where a run would."""
    paths = discover_checked(inputs)
    return _Run(config).plan(paths)


class _Run:
    def __init__(self, config: RunConfig) -> None:
        self.cfg = config
        self.out = config.out
        self.version = __version__
        self.opts = options_fingerprint(config.options)
        self.summary = Summary()
        self.stats: dict[int, tuple[int, int]] = {}
        self.errors_by_type: Counter[str] = Counter()

    # ---- planning -----------------------------------------------------------------------------
    def _same_run_key(self, e: Entry) -> bool:
        return e.pipeline_version == self.version and e.options == self.opts

    def _entry(self, path: str, name: str, **kw: Any) -> Entry:
        return Entry(path=path, json=name, pipeline_version=self.version, options=self.opts, **kw)

    def _decide(self, paths: list[str]) -> Iterator[_Decision]:
        """What to do with each input, in input order, from the manifest (nothing is written here)."""
        cfg, manifest = self.cfg, self.manifest
        json_dir = self.out / JSON_DIR
        known: dict[str, Entry] = {}
        for e in manifest.entries.values():
            if e.sha256 and self._same_run_key(e) and (e.status == "error" or (json_dir / e.json).exists()):
                known.setdefault(e.sha256, e)
        namer = Namer({p: e.json for p, e in manifest.entries.items()})
        for index, fs_path in enumerate(paths):
            # a name that is not UTF-8 (Big5 names from an old archive) is read by its own bytes and
            # shown, recorded and named everywhere else with those bytes written as \xNN
            path = shown_path(fs_path)
            name = namer.name_for(path)
            d = _Decision(index=index, path=path, fs_path=fs_path, name=name)
            try:
                st = os.stat(fs_path)
                if not stat_mod.S_ISREG(st.st_mode):
                    raise IsADirectoryError(0, "not a regular file")
            except OSError as exc:
                d.action = "unreadable"
                d.note = ("no such file" if isinstance(exc, FileNotFoundError)
                          else "a folder, not a file" if os.path.isdir(fs_path)
                          else f"cannot be read ({exc.strerror})")
                yield d
                continue
            d.stat = (st.st_size, st.st_mtime_ns)
            prev = manifest.entries.get(path)
            if (not cfg.force and prev is not None and self._same_run_key(prev)
                    and (prev.size, prev.mtime_ns) == d.stat and self._still_done(prev)):
                d.action, d.entry = "unchanged", prev
                yield d
                continue
            if not (cfg.limits.max_bytes and st.st_size > cfg.limits.max_bytes):
                try:
                    d.sha256 = _sha256_file(fs_path)
                except OSError:
                    d.sha256 = None  # the worker reports why it cannot be read
            if not cfg.force and d.sha256 is not None:
                cand = known.get(d.sha256)
                if (prev is not None and prev.sha256 == d.sha256 and self._same_run_key(prev)
                        and self._still_done(prev)):
                    cand = prev
                if cand is not None:
                    d.action, d.entry = "reuse", cand
                    yield d
                    continue
            d.action = "extract"
            yield d

    def _plan(self, paths: list[str]) -> Iterator[Task]:
        """The tasks for the engine; inputs that need no extraction are recorded on the way."""
        for d in self._decide(paths):
            if d.action == "unreadable":
                msg = f"{d.path}: {d.note}"
                self._record(Outcome(index=d.index, path=d.path, json_name=d.name, sha256=None, ok=False,
                                     error=error_dict(d.path, None, "ingest", "unreadable", msg)), None)
                continue
            if d.action == "unchanged":
                assert d.entry is not None
                self._skip(d.entry)
                continue
            assert d.stat is not None
            if d.action == "reuse":
                assert d.entry is not None
                if self._reuse(d.entry, d.path, d.name, d.stat):
                    continue
            self.stats[d.index] = d.stat
            yield Task(index=d.index, path=d.path, json_name=d.name, sha256=d.sha256,
                       fs_path=d.fs_path if d.fs_path != d.path else None)

    def plan(self, paths: list[str]) -> Plan:
        self.manifest = Manifest(self.out)  # read only: nothing is created
        plan = Plan(out=self.out)
        current: set[str] = set()
        for d in self._decide(paths):
            current.add(d.path)
            note = d.note
            if d.action == "reuse" and d.entry is not None:
                note = ("the same bytes as before" if d.entry.path == d.path
                        else f"the same bytes as {d.entry.path}")
                if d.entry.status == "error":
                    note += f" (failed: {(d.entry.error or {}).get('error_type')})"
            elif d.action == "unchanged" and d.entry is not None and d.entry.status == "error":
                note = (f"failed before ({(d.entry.error or {}).get('error_type')}); "
                        "--retry-errors tries it again")
            plan.items.append(PlanItem(d.action, d.path, d.name, note))
        for path in sorted(set(self.manifest.entries) - current):
            e = self.manifest.entries[path]
            note = (f"{JSON_DIR}/{e.json} -> {REMOVED_DIR}/{e.json}" if e.status == "ok"
                    else "its row leaves errors.jsonl")
            plan.items.append(PlanItem("remove", path, e.json if e.status == "ok" else None, note))
        return plan

    def _still_done(self, e: Entry) -> bool:
        if e.status == "error":
            return not self.cfg.retry_errors
        try:
            return (self.out / JSON_DIR / e.json).stat().st_size > 0
        except OSError:
            return False

    def _skip(self, e: Entry) -> None:
        self.summary.skipped += 1
        if e.status == "error":
            self._count_failure(e.error or {})
        self.progress.advance("skipped" if e.status == "ok" else "failed")

    def _reuse(self, src: Entry, path: str, name: str, stat: tuple[int, int]) -> bool:
        """Record `path` as done from an earlier result for the same bytes; False if that is not possible."""
        if src.status == "error":
            if self.cfg.retry_errors:
                return False
            err = dict(src.error or {})
            err["message"] = str(err.get("message", "")).replace(src.path, path)
            err["path"] = path
            (self.out / JSON_DIR / name).unlink(missing_ok=True)
            entry = self._entry(path, name, status="error", sha256=src.sha256, size=stat[0], mtime_ns=stat[1],
                                error=err)
        else:
            if src.path != path or src.json != name:
                try:
                    m = Minutes.model_validate_json((self.out / JSON_DIR / src.json).read_bytes())
                except (OSError, ValueError):
                    return False
                m = m.model_copy(update={"source": m.source.model_copy(update={"path": path})})
                write_atomic(self.out / JSON_DIR / name, to_json(m))
            entry = self._entry(path, name, status="ok", sha256=src.sha256, size=stat[0], mtime_ns=stat[1],
                                meeting_id=src.meeting_id, rows_sha256=src.rows_sha256)
        self.manifest.append(entry)
        if src.path == path:
            self._skip(entry)
        else:
            self.summary.reused += 1
            if entry.status == "error":
                self._count_failure(entry.error or {})
            self.progress.advance("skipped" if entry.status == "ok" else "failed")
        return True

    # ---- results ------------------------------------------------------------------------------
    def _count_failure(self, error: dict[str, Any]) -> None:
        self.summary.failed += 1
        self.errors_by_type[str(error.get("error_type", "internal"))] += 1
        if len(self.summary.errors) < 10000:
            self.summary.errors.append(error)

    def _finish(self, outcome: Outcome) -> None:
        """An engine's answer for a planned task."""
        self._record(outcome, self.stats.pop(outcome.index, None))

    def _record(self, outcome: Outcome, stat: tuple[int, int] | None) -> None:
        if not outcome.ok and outcome.json_bytes is None:
            commit(self.out, outcome)  # removes a stale JSON document of this input
        size, mtime = stat if stat else (None, None)
        entry = self._entry(outcome.path, outcome.json_name, status="ok" if outcome.ok else "error",
                            sha256=outcome.sha256, size=size, mtime_ns=mtime, meeting_id=outcome.meeting_id,
                            rows_sha256=outcome.rows_sha256, error=outcome.error,
                            seconds=round(outcome.seconds, 4))
        self.manifest.append(entry)
        if outcome.ok:
            self.summary.extracted += 1
            self.progress.advance("ok")
        else:
            self._count_failure(outcome.error or {})
            self.progress.advance("failed")

    # ---- the run ------------------------------------------------------------------------------
    def run(self, paths: list[str]) -> Summary:
        t0 = time.perf_counter()
        current = {shown_path(p) for p in paths}
        cfg = self.cfg
        _clean_temporaries(self.out)
        self.manifest = Manifest(self.out)
        self.manifest.compact()
        (self.out / JSON_DIR).mkdir(exist_ok=True)
        (self.out / ROWS_DIR).mkdir(exist_ok=True)
        self.summary.inputs = len(paths)
        self.progress = make_progress(len(paths), cfg.progress)
        try:
            engine = self._engine()
            engine.run(self._plan(paths), self._finish)
        finally:
            self.progress.close()
            self.manifest.close()
        self._remove_absent(current)
        t1 = time.perf_counter()
        self.manifest.compact()
        self.manifest.close()
        self.summary.tables_rebuilt = self._tables()
        if self.summary.extracted or self.summary.tables_rebuilt:
            os.sync()  # the documents' files were not fsync'ed one by one
        t2 = time.perf_counter()
        s = self.summary
        s.errors_by_type = dict(sorted(self.errors_by_type.items()))
        s.extract_seconds, s.tables_seconds, s.seconds = t1 - t0, t2 - t1, t2 - t0
        write_atomic(self.out / "last_run.json",
                     json.dumps({**s.as_dict(), "pipeline_version": self.version,
                                 "finished": time.strftime("%Y-%m-%dT%H:%M:%S%z")}, indent=1).encode())
        return s

    def _remove_absent(self, current: set[str]) -> None:
        """Inputs of earlier runs that are not among this run's leave OUT: their manifest entry (so
        their rows leave the tables and errors.jsonl), their row file, and their JSON document, which
        is moved to OUT/removed/. JSON documents no entry names (left by a run killed before its
        manifest line) are moved there too."""
        entries = self.manifest.entries
        gone = sorted(set(entries) - current)
        json_dir, removed_dir = self.out / JSON_DIR, self.out / REMOVED_DIR
        for path in gone:
            e = entries.pop(path)
            moved = None
            if e.status == "ok" and _move_aside(json_dir / e.json, removed_dir / e.json):
                moved = f"{REMOVED_DIR}/{e.json}"
            self.summary.removed.append({"path": path, "status": e.status, "json": e.json, "moved_to": moved})
        named = {e.json for e in entries.values()}
        if json_dir.is_dir():
            for f in sorted(json_dir.glob("*.json")):
                if f.name not in named and not f.name.startswith("."):
                    _move_aside(f, removed_dir / f.name)
        live = {e.meeting_id for e in entries.values() if e.meeting_id}
        rows = self.out / ROWS_DIR
        if rows.is_dir():  # row files of removed inputs and of contents replaced since
            for f in rows.glob("*.json"):
                if f.stem not in live and not f.name.startswith("."):
                    f.unlink(missing_ok=True)

    def _engine(self) -> Any:
        cfg = self.cfg
        if cfg.engine == "dask":
            from pipeline.runner.dask_engine import DaskEngine

            return DaskEngine(self.out, cfg.options, cfg.limits, workers=cfg.workers, scheduler=cfg.scheduler)
        from pipeline.runner.local import LocalEngine

        return LocalEngine(self.out, cfg.options, cfg.limits, workers=cfg.workers,
                           max_tasks_per_child=cfg.max_tasks_per_child)

    def _tables(self) -> bool:
        """Rebuild the tables and errors.jsonl if what is done changed; True if they were rebuilt."""
        docs: dict[str, parquet.DocRef] = {}
        errors: list[dict[str, Any]] = []
        for path in sorted(self.manifest.entries):
            e = self.manifest.entries[path]
            if e.status == "ok" and e.meeting_id:
                ref = docs.setdefault(e.meeting_id, parquet.DocRef(e.meeting_id, []))
                ref.paths.append(path)
                ref.json_files[path] = e.json
            elif e.status == "error":
                err = dict(e.error or {}, path=path)
                err.setdefault("sha256", e.sha256)
                errors.append({**{k: err.get(k) for k in ("path", "sha256", "stage", "error_type", "message")},
                               "schema_version": SCHEMA_VERSION, "pipeline_version": e.pipeline_version})
        rows_shas = {p: self.manifest.entries[p].rows_sha256 for r in docs.values() for p in r.paths}
        state = json.dumps({"tables": tables.TABLES_VERSION, "schema": SCHEMA_VERSION,
                            "part_docs": self.cfg.part_docs,
                            "docs": [[r.meeting_id, r.paths, r.json_files, [rows_shas[p] for p in r.paths]]
                                     for r in sorted(docs.values(), key=lambda r: r.meeting_id)],
                            "errors": errors}, sort_keys=True, ensure_ascii=False)
        fingerprint = hashlib.sha256(state.encode()).hexdigest()
        err_lines = "".join(json.dumps({k: e[k] for k in ("path", "sha256", "stage", "error_type", "message")},
                                       ensure_ascii=False) + "\n" for e in errors).encode("utf-8")
        err_file = self.out / "errors.jsonl"
        if not err_file.exists() or err_file.read_bytes() != err_lines:
            write_atomic(err_file, err_lines)
        if parquet.tables_up_to_date(self.out, fingerprint):
            return False
        if self.cfg.progress != "none":
            print(f"minutes: writing the tables ({len(docs)} documents, {len(errors)} errors) ...",
                  file=sys.stderr, flush=True)
        parquet.write_tables(self.out, list(docs.values()), errors, fingerprint=fingerprint,
                             part_docs=self.cfg.part_docs)
        return True
