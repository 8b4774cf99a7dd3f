"""The archive's Parquet tables: OUT/parquet/<table>/part-NNNNN.parquet, rebuilt from per-document rows.

Each extracted document leaves its rows in OUT/.rows/<meeting_id>.json (written atomically by the worker).
At the end of a run the tables are derived from those files and the manifest alone, in meeting-id order,
`part_docs` documents per part file, into a temporary folder that then replaces OUT/parquet. The tables
are therefore a deterministic function of what is done, whatever order, engine or number of interrupted
runs produced it. A missing or damaged row file is rebuilt from the document's JSON.

Read them with `pd.read_parquet("OUT/parquet/meetings")` or DuckDB
`SELECT * FROM read_parquet('OUT/parquet/meetings/*.parquet')`.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq

from pipeline.export import tables as tbl
from pipeline.export.files import write_atomic
from pipeline.models import Minutes

PARQUET_DIR = "parquet"
ROWS_DIR = ".rows"
STATE_FILE = "_state.json"
DEFAULT_PART_DOCS = 2000


@dataclass
class DocRef:
    """A distinct extracted document and the inputs that hold it (sorted; the first is its source)."""

    meeting_id: str
    paths: list[str]
    json_files: dict[str, str] = field(default_factory=dict)


def rows_path(out_dir: Path, meeting_id: str) -> Path:
    return out_dir / ROWS_DIR / f"{meeting_id}.json"


def load_rows(out_dir: Path, doc: DocRef) -> dict[str, dict[str, list[Any]]]:
    """A document's rows; rebuilt (and rewritten) from its JSON document if the row file is unusable."""
    path = rows_path(out_dir, doc.meeting_id)
    try:
        payload = json.loads(path.read_bytes())
        if payload.get("meeting_id") == doc.meeting_id and _current(payload["tables"]):
            return dict(payload["tables"])
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        pass
    from pipeline.runner.task import encode_rows

    for p in doc.paths:
        name = doc.json_files.get(p)
        if not name:
            continue
        try:
            minutes = Minutes.model_validate_json((out_dir / "json" / name).read_bytes())
        except (OSError, ValueError):
            continue
        data = encode_rows(minutes)
        write_atomic(path, data)
        return dict(json.loads(data)["tables"])
    raise FileNotFoundError(f"no rows and no readable JSON for meeting {doc.meeting_id} ({doc.paths[0]})")


def _current(tables: dict[str, dict[str, list[Any]]]) -> bool:
    """Rows in the current table layout (a row file of an older layout is rebuilt from the JSON)."""
    return all(t in tables and set(tbl.TABLES[t].names) <= set(tables[t]) for t in tbl.DOC_TABLES)


def _chunks(docs: Sequence[DocRef], size: int) -> Iterator[Sequence[DocRef]]:
    for i in range(0, len(docs), size):
        yield docs[i:i + size]


def _write(table: str, columns: dict[str, list[Any]], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    pq.write_table(tbl.to_arrow(table, columns), path, compression="zstd")


def write_tables(out_dir: Path, docs: Sequence[DocRef], errors: Sequence[dict[str, Any]], *,
                 fingerprint: str = "", part_docs: int = DEFAULT_PART_DOCS) -> None:
    """Rebuild every table under OUT/parquet from the documents' rows and the error rows."""
    for stale in out_dir.glob(".parquet-*"):
        shutil.rmtree(stale, ignore_errors=True)
    tmp = out_dir / f".parquet-tmp-{os.getpid()}"
    tmp.mkdir(parents=True)
    ordered = sorted(docs, key=lambda d: d.meeting_id)
    part = 0
    for part, chunk in enumerate(_chunks(ordered, max(1, part_docs))):
        cols: dict[str, dict[str, list[Any]]] = {t: {c: [] for c in tbl.TABLES[t].names} for t in tbl.DOC_TABLES}
        for doc in chunk:
            rows = load_rows(out_dir, doc)
            first = doc.paths[0]
            rows["meetings"]["source_path"] = [first]
            rows["meetings"]["duplicate_paths"] = [doc.paths[1:]]
            rows["meetings"]["json_file"] = [doc.json_files.get(first)]
            for t in tbl.DOC_TABLES:
                got = rows.get(t, {})
                n = len(next(iter(got.values()), [])) if got else 0
                for c, values in cols[t].items():
                    values.extend(got.get(c, [None] * n))
        for t in tbl.DOC_TABLES:
            _write(t, cols[t], tmp / t / f"part-{part:05d}.parquet")
    if not ordered:  # an empty table is still a readable table
        for t in tbl.DOC_TABLES:
            _write(t, {}, tmp / t / "part-00000.parquet")
    err_rows = sorted(errors, key=lambda e: e["path"])
    err_cols = {c: [e.get(c) for e in err_rows] for c in tbl.TABLES["errors"].names}
    for e_col in ("schema_version", "pipeline_version"):
        err_cols[e_col] = [e.get(e_col) or "" for e in err_rows]
    _write("errors", err_cols, tmp / "errors" / "part-00000.parquet")

    final = out_dir / PARQUET_DIR
    old = out_dir / f".parquet-old-{os.getpid()}"
    if final.exists():
        os.rename(final, old)
    os.rename(tmp, final)
    shutil.rmtree(old, ignore_errors=True)
    from pipeline.audit.tables import register_table_hook

    register_table_hook()  # the case ledger, for library callers as for the CLI
    for build in list(tbl.extra_table_builders):
        build(out_dir)
    write_atomic(final / STATE_FILE, json.dumps({"fingerprint": fingerprint, "documents": len(ordered),
                                                 "errors": len(err_rows)}).encode())


def tables_up_to_date(out_dir: Path, fingerprint: str) -> bool:
    final = out_dir / PARQUET_DIR
    with contextlib.suppress(OSError, ValueError, AttributeError):
        state = json.loads((final / STATE_FILE).read_bytes())
        return bool(state.get("fingerprint") == fingerprint
                    and all((final / t).is_dir() for t in tbl.TABLES))
    return False
