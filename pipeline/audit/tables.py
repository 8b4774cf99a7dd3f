"""The `case_ledger` Parquet table (OUT/parquet/case_ledger/), built from OUT/json after the batch.

One row per 列管 case of a series of meetings, with its decisions as a list of structs. Meeting ids are
those of the `meetings` table (the first 16 hex characters of the source's sha256).
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from pipeline.audit.archive import Archive, load_archive
from pipeline.audit.ledger import CaseEntry, Ledger, build_ledger
from pipeline.models import SCHEMA_VERSION

TABLE = "case_ledger"
LEDGER_VERSION = "1.0"
_S, _I32, _B, _D = pa.string(), pa.int32(), pa.bool_(), pa.date32()

DECISION = pa.struct([
    pa.field("meeting_id", _S), pa.field("json_file", _S), pa.field("session", _I32), pa.field("date", _D),
    pa.field("status", _S), pa.field("text", _S), pa.field("start", _I32), pa.field("end", _I32),
    pa.field("page", _I32), pa.field("status_text", _S), pa.field("quote", _S),
])

COLUMNS: tuple[tuple[str, pa.DataType, str], ...] = (
    ("series", _S, "the body and meeting name the case number belongs to"),
    ("case_id", _S, "the case number (列管案號)"),
    ("origin_session", _I32, "the meeting number encoded in the case number (10601 -> 106)"),
    ("origin_item", _I32, "the item number encoded in the case number (10601 -> 1)"),
    ("opened_meeting_id", _S, "the meeting that opened the case, where it is in the archive"),
    ("opened_session", _I32, "number of the meeting that opened the case"),
    ("opened_date", _D, "date of the meeting that opened the case, where known"),
    ("opened_basis", _S, "new (opened as new here), case_number (read from the number, meeting in the "
                         "archive), case_number_outside_archive, first_seen (opening unknown)"),
    ("opened_note", _S, "the opening, in words"),
    ("first_seen_meeting_id", _S, "the first meeting of the archive that mentions the case"),
    ("first_seen_date", _D, "date of that meeting"),
    ("last_status", _S, "the latest status decided: new, continued, closed (mentioned when none)"),
    ("closed_meeting_id", _S, "the meeting that closed the case (null while open)"),
    ("closed_session", _I32, "number of the meeting that closed the case"),
    ("closed_date", _D, "date of the meeting that closed the case"),
    ("meetings_open", _I32, "meetings after the opening one up to the closing (or the latest) one"),
    ("days_open", _I32, "days from the opening meeting to the closing (or the latest) meeting"),
    ("open_at_latest", _B, "still open at the latest meeting of its series in the archive"),
    ("latest_meeting_id", _S, "the latest meeting of the series in the archive"),
    ("latest_date", _D, "its date"),
    ("n_decisions", _I32, "number of mentions of the case"),
    ("decisions", pa.list_(DECISION), "every mention in meeting order: meeting, status, span, page, quote"),
    ("ledger_version", _S, "version of this table's layout"),
    ("schema_version", _S, "version of the per-document JSON schema the rows were derived from"),
)


def schema() -> pa.Schema:
    return pa.schema([pa.field(n, t, metadata={b"description": d.encode()}) for n, t, d in COLUMNS],
                     metadata={b"minutes.table": TABLE.encode(), b"minutes.tables_version": LEDGER_VERSION.encode()})


def _meeting_ids(archive: Archive) -> dict[str, str]:
    return {m.stem: m.minutes.source.sha256[:16] for m in archive.meetings}


def ledger_rows(archive: Archive, ledger: Ledger) -> list[dict[str, Any]]:
    ids = _meeting_ids(archive)

    def mid(stem: str | None) -> str | None:
        return ids.get(stem) if stem else None

    def row(c: CaseEntry) -> dict[str, Any]:
        return {
            "series": c.series, "case_id": c.case_id, "origin_session": c.origin_session,
            "origin_item": c.origin_item, "opened_meeting_id": mid(c.opened_doc),
            "opened_session": c.opened_session, "opened_date": c.opened_date, "opened_basis": c.opened_basis,
            "opened_note": c.opened_note, "first_seen_meeting_id": mid(c.first_seen_doc),
            "first_seen_date": c.first_seen_date, "last_status": c.last_status,
            "closed_meeting_id": mid(c.closed_doc), "closed_session": c.closed_session,
            "closed_date": c.closed_date, "meetings_open": c.meetings_open, "days_open": c.days_open,
            "open_at_latest": c.open_at_latest, "latest_meeting_id": mid(c.latest_doc),
            "latest_date": c.latest_date, "n_decisions": len(c.decisions),
            "decisions": [{"meeting_id": mid(d.doc), "json_file": f"{d.doc}.json", "session": d.session,
                           "date": d.date, "status": d.status, "text": d.text, "start": d.span[0],
                           "end": d.span[1], "page": d.page, "status_text": d.status_text, "quote": d.quote}
                          for d in c.decisions],
            "ledger_version": LEDGER_VERSION, "schema_version": SCHEMA_VERSION,
        }

    return [row(c) for c in ledger.cases]


def _iso_to_date(value: Any) -> Any:
    import datetime as dt

    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return None
    return value


def to_arrow(rows: list[dict[str, Any]]) -> pa.Table:
    sch = schema()
    for r in rows:
        for name in ("opened_date", "first_seen_date", "closed_date", "latest_date"):
            r[name] = _iso_to_date(r[name])
        for d in r["decisions"]:
            d["date"] = _iso_to_date(d["date"])
    return pa.Table.from_pylist(rows, schema=sch)


def write_table(table: pa.Table, folder: Path) -> Path:
    """Replace the table's part files with one new part (written under a temporary name first)."""
    folder.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".part-", suffix=".tmp", dir=folder)
    os.close(fd)
    target = folder / "part-00000.parquet"
    try:
        pq.write_table(table, tmp)
        for old in folder.glob("*.parquet"):
            if old != target:
                old.unlink()
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target


def build_case_ledger_table(out_dir: Path) -> None:
    """The `extra_table_builders` hook: OUT/json -> OUT/parquet/case_ledger/part-00000.parquet."""
    out_dir = Path(out_dir)
    try:
        archive = load_archive(out_dir, light=True)
        ledger = build_ledger(archive)
        write_table(to_arrow(ledger_rows(archive, ledger)), out_dir / "parquet" / TABLE)
    except Exception as exc:  # the ledger is derived data: never fail the batch's tables for it
        print(f"minutes: the {TABLE} table was not written: {type(exc).__name__}: {exc}", file=sys.stderr)


def register_table_hook() -> None:
    """Add the case ledger to the batch's extra tables (once)."""
    try:
        from pipeline.export import tables
    except ImportError:  # the batch tables are not there: nothing to hook into
        return
    if build_case_ledger_table not in tables.extra_table_builders:
        tables.extra_table_builders.append(build_case_ledger_table)
