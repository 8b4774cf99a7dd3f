"""The `case_ledger` Parquet table (OUT/parquet/case_ledger/), built from OUT/json after the batch.

One row per 列管 case of a series of meetings, with its decisions as a list of structs. It is the
ledger `minutes cases --json` prints, from the same code (`load_archive` and `build_ledger`), one row
per entry of its `cases`, with the same field names where both have a field; meeting ids are those of
the `meetings` table.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from pipeline import __version__
from pipeline.audit.archive import Archive, load_archive
from pipeline.audit.ledger import CaseEntry, Ledger, build_ledger
from pipeline.export.tables import VERSIONS, Column, TableSpec
from pipeline.export.tables import to_arrow as _to_arrow
from pipeline.models import SCHEMA_VERSION

TABLE = "case_ledger"
LEDGER_VERSION = "2.0"  # 2.0: pipeline_version, series normalised, dates from the whole documents
_S, _I32, _B, _D = pa.string(), pa.int32(), pa.bool_(), pa.date32()

DECISION = pa.struct([
    pa.field("meeting_id", _S), pa.field("json_file", _S), pa.field("session", _I32), pa.field("date", _D),
    pa.field("status", _S), pa.field("text", _S), pa.field("start", _I32), pa.field("end", _I32),
    pa.field("page", _I32), pa.field("status_text", _S), pa.field("quote", _S),
])

SPEC = TableSpec(TABLE, "列管 cases across the meetings of the archive, one row per case of a series, with "
                 "every decision (the ledger of `minutes cases`)", (
    Column("series", _S, "the normalised body and meeting name the case number belongs to (joins "
                         "`meetings.series`)", False),
    Column("case_id", _S, "the case number (列管案號)", False),
    Column("origin_session", _I32, "the meeting number encoded in the case number (10601 -> 106)"),
    Column("origin_item", _I32, "the item number encoded in the case number (10601 -> 1)"),
    Column("opened_meeting_id", _S, "the meeting that opened the case, where it is in the archive (join `meetings`)"),
    Column("opened_session", _I32, "number of the meeting that opened the case"),
    Column("opened_date", _D, "date of the meeting that opened the case, where known"),
    Column("opened_basis", _S, "new (opened as new here), case_number (read from the number, meeting in the "
                               "archive), case_number_outside_archive, first_seen (opening unknown)", False),
    Column("opened_note", _S, "the opening, in words", False),
    Column("first_seen_meeting_id", _S, "the first meeting of the archive that mentions the case", False),
    Column("first_seen_date", _D, "date of that meeting"),
    Column("last_status", _S, "the latest status decided: new, continued, closed (mentioned when none)", False),
    Column("closed_meeting_id", _S, "the meeting that closed the case (null while open)"),
    Column("closed_session", _I32, "number of the meeting that closed the case"),
    Column("closed_date", _D, "date of the meeting that closed the case"),
    Column("meetings_open", _I32, "meetings after the opening one up to the closing (or the latest) one"),
    Column("days_open", _I32, "days from the opening meeting to the closing (or the latest) meeting"),
    Column("open_at_latest", _B, "still open at the latest meeting of its series in the archive", False),
    Column("latest_meeting_id", _S, "the latest meeting of the series in the archive"),
    Column("latest_date", _D, "its date"),
    Column("n_decisions", _I32, "number of mentions of the case", False),
    Column("decisions", pa.list_(DECISION), "every mention in meeting order: meeting_id, json_file, session, "
                                            "date, status, text, start, end, page, status_text, quote", False),
    Column("ledger_version", _S, "version of this table's layout", False),
    *VERSIONS,
), ("series", "case_id"), version=LEDGER_VERSION)


def schema() -> pa.Schema:
    return SPEC.schema


def _day(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def ledger_rows(archive: Archive, ledger: Ledger) -> list[dict[str, Any]]:
    """The table's rows: one per `ledger.cases` entry, its fields as `minutes cases --json` has them."""

    def row(c: CaseEntry) -> dict[str, Any]:
        return {
            "series": c.series, "case_id": c.case_id, "origin_session": c.origin_session,
            "origin_item": c.origin_item, "opened_meeting_id": c.opened_meeting_id,
            "opened_session": c.opened_session, "opened_date": _day(c.opened_date), "opened_basis": c.opened_basis,
            "opened_note": c.opened_note, "first_seen_meeting_id": c.first_seen_meeting_id,
            "first_seen_date": _day(c.first_seen_date), "last_status": c.last_status,
            "closed_meeting_id": c.closed_meeting_id, "closed_session": c.closed_session,
            "closed_date": _day(c.closed_date), "meetings_open": c.meetings_open, "days_open": c.days_open,
            "open_at_latest": c.open_at_latest, "latest_meeting_id": c.latest_meeting_id,
            "latest_date": _day(c.latest_date), "n_decisions": len(c.decisions),
            "decisions": [{"meeting_id": d.meeting_id, "json_file": f"{d.doc}.json", "session": d.session,
                           "date": _day(d.date), "status": d.status, "text": d.text, "start": d.span[0],
                           "end": d.span[1], "page": d.page, "status_text": d.status_text, "quote": d.quote}
                          for d in c.decisions],
            "ledger_version": LEDGER_VERSION, "schema_version": SCHEMA_VERSION, "pipeline_version": __version__,
        }

    return [row(c) for c in ledger.cases]


def to_arrow(rows: list[dict[str, Any]]) -> pa.Table:
    return _to_arrow(TABLE, {c.name: [r.get(c.name) for r in rows] for c in SPEC.columns}, SPEC)


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
