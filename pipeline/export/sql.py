"""The archive's tables for SQL: one DuckDB database file, or CSV files (`minutes export`).

The database holds a copy of every table of OUT/parquet (so it can be mailed or archived on its own),
the views below that join them for an auditor's questions, a table macro for overdue directives, and
`codebook`, every table's and view's columns with their type and meaning. Both files are written
under a temporary name and renamed.

    minutes export OUT --duckdb archive.duckdb
    duckdb archive.duckdb "SELECT * FROM overdue_actions(DATE '2021-12-20')"
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow as pa

from pipeline import __version__
from pipeline.export.tables import TABLES, TABLES_VERSION, TableSpec
from pipeline.models import SCHEMA_VERSION


def all_tables() -> dict[str, TableSpec]:
    """Every table `minutes extract` writes: the per-document ones, errors and the case ledger."""
    from pipeline.audit.tables import SPEC as LEDGER

    return {**TABLES, LEDGER.name: LEDGER}


@dataclass(frozen=True)
class View:
    name: str
    description: str
    sql: str
    columns: tuple[tuple[str, str], ...] = ()  # (column, meaning) for the columns a view adds or renames


VIEWS: tuple[View, ...] = (
    View("action_items_in_context",
         "every action item with its meeting, section, item and block, joined by id (no text matching)",
         """
         SELECT a.action_id, a.meeting_id, m.body, m.body_normalised, m.series, m.session,
                m.date AS meeting_date, m.json_file, m.source_path, m.needs_review,
                a.section_id, s.kind AS section_kind, s.text AS section_heading,
                a.item_id, i.marker AS item_marker, i.text AS item_heading,
                a.block_id, b.kind AS block_kind, b.label AS block_label, b.speaker AS block_speaker,
                a.text, a.start, a."end", a.page, a.trigger, a.assignees, a.deadline, a.deadline_text,
                a.deadline_date_id
         FROM action_items a
         JOIN meetings m USING (meeting_id)
         LEFT JOIN sections s ON s.section_id = a.section_id
         LEFT JOIN items i ON i.item_id = a.item_id
         LEFT JOIN blocks b ON b.block_id = a.block_id
         """,
         (("meeting_date", "the meeting's date (meetings.date)"),
          ("section_kind, section_heading", "the section's kind and heading (sections)"),
          ("item_marker, item_heading", "the item's marker and heading (items)"),
          ("block_kind, block_label, block_speaker", "the block's kind, label and speaker (blocks)"))),
    View("action_assignments",
         "action_items_in_context with one row per assignee (typed); an action item without assignees "
         "has one row with a null assignee",
         """
         SELECT c.*, x.assignee_id, x.ordinal AS assignee_ordinal, x.text AS assignee,
                x.canonical AS assignee_canonical, x.type AS assignee_type, x.entity_id AS assignee_entity_id
         FROM action_items_in_context c
         LEFT JOIN action_assignees x ON x.action_id = c.action_id
         """,
         (("assignee, assignee_canonical, assignee_type", "text, canonical and type of the assignee "
                                                           "(action_assignees)"),)),
    View("case_decisions",
         "the case ledger with one row per decision, joined to the meeting and to the case_events row of "
         "the mention (its section, item and block)",
         """
         SELECT l.series, l.case_id, l.opened_basis, l.opened_session, l.opened_date, l.last_status,
                l.closed_date, l.meetings_open, l.days_open, l.open_at_latest,
                d.decision.meeting_id AS meeting_id, m.body, m.date AS meeting_date, m.json_file,
                d.decision.session AS session, d.decision.status AS status,
                d.decision.status_text AS status_text, d.decision.text AS text, d.decision.start AS start,
                d.decision."end" AS "end", d.decision.page AS page, d.decision.quote AS quote,
                e.event_id, e.section_id, e.item_id, e.block_id, e.action_id
         FROM case_ledger l
         CROSS JOIN LATERAL (SELECT unnest(l.decisions) AS decision) d
         LEFT JOIN meetings m ON m.meeting_id = d.decision.meeting_id
         LEFT JOIN case_events e ON e.meeting_id = d.decision.meeting_id AND e.start = d.decision.start
                                 AND e."end" = d.decision."end"
         """,
         (("status, status_text, text, start, end, page, quote", "one decision of case_ledger.decisions"),
          ("event_id, section_id, item_id, block_id, action_id", "the mention's row in case_events"))),
    View("meetings_needing_review",
         "meetings whose extraction a person should check, with the reasons",
         """
         SELECT meeting_id, json_file, source_path, body, date, review_reasons, coverage_share, n_sections,
                n_action_items
         FROM meetings WHERE needs_review
         """),
)

MACROS: tuple[tuple[str, str, str], ...] = (
    ("overdue_actions(as_of)",
     "action_assignments whose deadline is before `as_of` (a DATE), with days_overdue: "
     "SELECT * FROM overdue_actions(DATE '2021-12-20')",
     """
     CREATE MACRO overdue_actions(as_of) AS TABLE
     SELECT *, (as_of - deadline) AS days_overdue FROM action_assignments
     WHERE deadline < as_of ORDER BY deadline, action_id, assignee_ordinal
     """),
)


def _sql_str(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _parts(out: Path, table: str) -> list[Path]:
    folder = out / "parquet" / table
    return sorted(folder.glob("*.parquet")) if folder.is_dir() else []


class NoTablesError(Exception):
    """OUT holds no tables (no `minutes extract` run finished there)."""


def _connect_tables(con: Any, out: Path, *, copy: bool) -> None:
    """Every table of OUT/parquet in `con`: copied (a database file) or as views over the Parquet files."""
    if not _parts(out, "meetings"):
        raise NoTablesError(f"{out}: no tables under {out / 'parquet'}; run `minutes extract INPUT --out {out}` "
                            "first")
    for name, spec in all_tables().items():
        files = _parts(out, name)
        if files:
            source = f"read_parquet([{', '.join(_sql_str(str(p)) for p in files)}])"
            con.execute(f"CREATE {'TABLE' if copy else 'VIEW'} {_ident(name)} AS SELECT * FROM {source}")
        else:  # a table the run did not write (e.g. no case ledger): empty, with its columns
            empty = pa.Table.from_pylist([], schema=spec.schema)
            con.register("_empty", empty)
            con.execute(f"CREATE TABLE {_ident(name)} AS SELECT * FROM _empty")
            con.unregister("_empty")


def _create_views(con: Any) -> None:
    for view in VIEWS:
        con.execute(f"CREATE VIEW {_ident(view.name)} AS {view.sql}")
    for _, _, sql in MACROS:
        con.execute(sql)


def _codebook_rows() -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for name, spec in all_tables().items():
        rows.append({"object": name, "kind": "table", "column_name": None, "type": None, "nullable": None,
                     "description": spec.description})
        for c in spec.columns:
            rows.append({"object": name, "kind": "column", "column_name": c.name, "type": str(c.type),
                         "nullable": c.nullable, "description": c.description})
    for view in VIEWS:
        rows.append({"object": view.name, "kind": "view", "column_name": None, "type": None, "nullable": None,
                     "description": view.description})
    for signature, description, _ in MACROS:
        rows.append({"object": signature, "kind": "macro", "column_name": None, "type": None, "nullable": None,
                     "description": description})
    return rows


def _document(con: Any) -> None:
    """The codebook as a table, table and column comments, and what was exported when."""
    book = pa.Table.from_pylist(_codebook_rows(), schema=pa.schema([
        ("object", pa.string()), ("kind", pa.string()), ("column_name", pa.string()), ("type", pa.string()),
        ("nullable", pa.bool_()), ("description", pa.string())]))
    con.register("_codebook", book)
    con.execute("CREATE TABLE codebook AS SELECT * FROM _codebook")
    con.unregister("_codebook")
    for name, spec in all_tables().items():
        con.execute(f"COMMENT ON TABLE {_ident(name)} IS {_sql_str(spec.description)}")
        for c in spec.columns:
            con.execute(f"COMMENT ON COLUMN {_ident(name)}.{_ident(c.name)} IS {_sql_str(c.description)}")
    for view in VIEWS:
        con.execute(f"COMMENT ON VIEW {_ident(view.name)} IS {_sql_str(view.description)}")


def _export_info(con: Any, out: Path) -> None:
    con.execute("CREATE TABLE export_info (key VARCHAR, value VARCHAR)")
    info = {"source": str(out.resolve()), "exported_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "tables_version": TABLES_VERSION, "schema_version": SCHEMA_VERSION, "pipeline_version": __version__}
    con.executemany("INSERT INTO export_info VALUES (?, ?)", list(info.items()))


def write_duckdb(out: Path, target: Path) -> Path:
    """OUT/parquet as one DuckDB database file at `target` (replaced atomically)."""
    import duckdb

    out, target = Path(out), Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.tmp-{os.getpid()}")
    for stale in (tmp, tmp.with_name(tmp.name + ".wal")):
        stale.unlink(missing_ok=True)
    try:
        con = duckdb.connect(str(tmp))
        try:
            _connect_tables(con, out, copy=True)
            _create_views(con)
            _document(con)
            _export_info(con, out)
            con.execute("CHECKPOINT")
        finally:
            con.close()
        os.replace(tmp, target)
    finally:
        for stale in (tmp, tmp.with_name(tmp.name + ".wal")):
            with contextlib.suppress(FileNotFoundError):
                stale.unlink()
    return target


def _csv_select(con: Any, name: str) -> str:
    """SELECT of a table or view with list and struct columns as JSON text (one cell each)."""
    cols = con.execute(f"DESCRIBE SELECT * FROM {_ident(name)}").fetchall()
    parts = []
    for col_name, col_type, *_ in cols:
        t = str(col_type).upper()
        if t.endswith("[]") or t.startswith(("STRUCT", "MAP")):
            parts.append(f"CAST(to_json({_ident(col_name)}) AS VARCHAR) AS {_ident(col_name)}")
        else:
            parts.append(_ident(col_name))
    return f"SELECT {', '.join(parts)} FROM {_ident(name)}"


def write_csv(out: Path, folder: Path) -> list[Path]:
    """Every table and view of OUT/parquet as `folder/<name>.csv` (UTF-8, a header line; lists and structs
    as JSON text). Each file is written under a temporary name and renamed."""
    import duckdb

    out, folder = Path(out), Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect()
    written: list[Path] = []
    try:
        _connect_tables(con, out, copy=False)
        _create_views(con)
        for name in [*all_tables(), *(v.name for v in VIEWS)]:
            target = folder / f"{name}.csv"
            tmp = folder / f".{name}.csv.tmp-{os.getpid()}"
            try:
                con.execute(f"COPY ({_csv_select(con, name)}) TO {_sql_str(str(tmp))} (HEADER, DELIMITER ',')")
                os.replace(tmp, target)
            finally:
                tmp.unlink(missing_ok=True)
            written.append(target)
    finally:
        con.close()
    return written
