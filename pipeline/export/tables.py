"""The archive's tables: their schema (with a description per column) and their rows from a `Minutes`.

Every table carries `schema_version` and `pipeline_version`. A meeting's id is the first 16 hex
characters of the sha256 of its source bytes, so the same file gives the same id on every run and every
machine; child rows are `<meeting_id>-<ordinal>` with a 1-based ordinal in document order. Rows that
point into the text have `start`, `end` (a `[start, end)` character span of the document's `text`),
`page` (1-based, null when the input has no pages) and `text` (the mention as written).

`rows_for(minutes)` is a pure function of the document's result; `source_path`, `duplicate_paths` and
`json_file` of `meetings` depend on which inputs hold the content and are filled in when the tables are
written (see `pipeline.export.parquet`).
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow as pa

from pipeline.models import SCHEMA_VERSION, Block, Item, Minutes, PageInfo

# Version of the table layout below (not of the per-document JSON, whose version is SCHEMA_VERSION).
TABLES_VERSION = "1.0"

# Hooks for other tables derived from the output folder (e.g. the 列管 case ledger built from OUT/json):
# each is called as `builder(out_dir)` after the tables in TABLES have been written under OUT/parquet.
extra_table_builders: list[Callable[[Path], None]] = []


def meeting_id_of(sha256: str) -> str:
    return sha256[:16]


@dataclass(frozen=True)
class Column:
    name: str
    type: pa.DataType
    description: str
    nullable: bool = True


@dataclass(frozen=True)
class TableSpec:
    name: str
    description: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]

    @property
    def schema(self) -> pa.Schema:
        meta = {b"minutes.table": self.name.encode(), b"minutes.tables_version": TABLES_VERSION.encode()}
        return pa.schema(
            [pa.field(c.name, c.type, nullable=c.nullable, metadata={b"description": c.description.encode()})
             for c in self.columns],
            metadata=meta,
        )

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.columns]


S, I32, I64, F64, B, D = pa.string(), pa.int32(), pa.int64(), pa.float64(), pa.bool_(), pa.date32()
LS = pa.list_(pa.string())

_VERSIONS = (
    Column("schema_version", S, "version of the per-document JSON schema the row was derived from", False),
    Column("pipeline_version", S, "version of the `minutes` pipeline that extracted the document", False),
)
_MEETING = Column("meeting_id", S, "the meeting: first 16 hex characters of the source file's sha256", False)


def _span(what: str) -> tuple[Column, ...]:
    return (
        Column("start", I32, f"start of the {what} in the document's text (character offset, inclusive)", False),
        Column("end", I32, f"end of the {what} in the document's text (character offset, exclusive)", False),
        Column("page", I32, f"1-based page where the {what} starts; null for input without pages"),
    )


def _child(table: str, what: str) -> tuple[Column, ...]:
    return (
        _MEETING,
        Column(f"{table}_id", S, f"stable id of the {what}: `<meeting_id>-<ordinal>`", False),
        Column("ordinal", I32, f"1-based position of the {what} in document order", False),
    )


_SOURCE = Column("source", S, "the backend that produced the value (`rules` for the built-in rules)")

TABLES: dict[str, TableSpec] = {}


def _table(name: str, description: str, key: Sequence[str], *cols: Column) -> None:
    TABLES[name] = TableSpec(name, description, (*cols, *_VERSIONS), tuple(key))


_table(
    "meetings", "one row per distinct source document (by content) that was extracted", ["meeting_id"],
    _MEETING,
    Column("sha256", S, "sha256 of the source file's bytes", False),
    Column("source_path", S, "absolute path of the input holding this content (the first, in path order)", False),
    Column("duplicate_paths", LS, "other inputs with the same bytes (same meeting_id), in path order"),
    Column("json_file", S, "the per-document JSON file of `source_path`, relative to OUT/json"),
    Column("format", S, "input format detected from the content: pdf, image, text, html, docx, odt ...", False),
    Column("bytes", I64, "size of the source file in bytes", False),
    Column("pages", I32, "number of pages (PDF and image input); null for text input"),
    Column("encoding", S, "text encoding detected, for text input"),
    Column("profile", S, "the body profile used (`default` for unknown bodies)", False),
    Column("is_minutes", B, "whether the document looked like meeting minutes", False),
    Column("body", S, "the body that met (e.g. 高雄市議會)"),
    Column("name", S, "the meeting's name as a series (e.g. 第1屆第2次定期大會)"),
    Column("session", I32, "the meeting's number within its series"),
    Column("title", S, "the title line as written"),
    Column("date", D, "date of the meeting"),
    Column("start_time", S, "start time, 24-hour HH:MM"),
    Column("end_time", S, "end time, 24-hour HH:MM"),
    Column("location", S, "地點 as written"),
    Column("chair", S, "主席 as written"),
    Column("recorder", S, "紀錄 as written"),
    Column("attendees", LS, "出席: attendees as listed"),
    Column("absentees", LS, "請假 / 缺席: absentees as listed"),
    Column("observers", LS, "列席: observers as listed"),
    Column("chars_total", I32, "characters in the document's text", False),
    Column("chars_in_sections", I32, "characters covered by recognised sections", False),
    Column("coverage_share", F64, "chars_in_sections / chars_total", False),
    Column("n_sections", I32, "number of top-level sections", False),
    Column("n_items", I32, "number of items at every level", False),
    Column("n_action_items", I32, "number of action items", False),
    Column("n_case_events", I32, "number of 列管 case-number mentions", False),
    Column("warnings", LS, "warnings the pipeline raised for the document"),
)
_table(
    "sections", "top-level sections (報告事項, 討論事項 ...) of each meeting", ["meeting_id", "ordinal"],
    *_child("section", "section"),
    Column("kind", S, "section kind: awards, chair_remarks, previous_minutes, tracking, reports, discussion, "
           "motions, elections, adjournment, other", False),
    Column("marker", S, "the heading's marker as written (壹、 甲、 一、 ...)"),
    Column("text", S, "the heading as written", False),
    *_span("section (heading through the end of its body)"),
    Column("heading_start", I32, "start of the heading", False),
    Column("heading_end", I32, "end of the heading", False),
    Column("n_items", I32, "number of items in the section, every level", False),
)
_table(
    "items", "items at every level inside sections (案由, 一、 (一) ...), in document order",
    ["meeting_id", "ordinal"],
    *_child("item", "item"),
    Column("section_id", S, "the section the item belongs to", False),
    Column("parent_item_id", S, "the enclosing item; null for an item directly under its section"),
    Column("level", I32, "the marker's level in the heading hierarchy", False),
    Column("depth", I32, "nesting depth below the section, 1 for a direct child", False),
    Column("marker", S, "the item's marker as written", False),
    Column("text", S, "the item's heading as written", False),
    *_span("item (heading through the end of its body)"),
    Column("n_blocks", I32, "number of conclusion / report blocks directly in the item", False),
)
_table(
    "blocks", "conclusion blocks (會議結論, 決議, 決定, 主席裁示 ...) and speaker reports (補充報告) "
    "of sections and items", ["meeting_id", "ordinal"],
    *_child("block", "block"),
    Column("section_id", S, "the section the block belongs to", False),
    Column("item_id", S, "the item the block belongs to; null for a block directly under a section"),
    Column("kind", S, "conclusion or report", False),
    Column("label", S, "the block's label as written (決議, 會議結論, the speaker line ...)", False),
    Column("speaker", S, "the speaker of a report block"),
    Column("text", S, "the block as written", False),
    *_span("block"),
)
_table(
    "action_items", "directives (請…, 應…, 務必…, 送請…辦理) with their assignees and deadline",
    ["meeting_id", "ordinal"],
    *_child("action", "action item"),
    Column("text", S, "the directive as written", False),
    *_span("directive"),
    Column("trigger", S, "the directive word: 請, 應, 務必, 送請 ...", False),
    Column("assignees", LS, "the units or people asked to act (not those merely mentioned)"),
    Column("deadline", D, "the deadline, when one is given"),
    Column("deadline_text", S, "the deadline as written"),
    Column("section_kind", S, "kind of the top-level section the directive comes from", False),
    Column("section_heading", S, "heading of that section"),
    Column("item", S, "heading of the item it comes from"),
    Column("block", S, "the conclusion or report block label, e.g. 會議結論"),
    _SOURCE,
)
_table(
    "dates", "date and time mentions, resolved (ROC years, relative days, ranges, month ends)",
    ["meeting_id", "ordinal"],
    *_child("date", "mention"),
    Column("type", S, "date or time", False),
    Column("text", S, "the mention as written", False),
    *_span("mention"),
    Column("value", D, "the date (type=date)"),
    Column("until", D, "end of a date range"),
    Column("time", S, "the time, 24-hour HH:MM (type=time)"),
    Column("kind", S, "for dates: absolute, month_day, day, relative, month_end, compact; `time` for times",
           False),
    Column("weekday", S, "the weekday written next to the date"),
    Column("weekday_mismatch", B, "the written weekday disagrees with the date", False),
    _SOURCE,
)
_table(
    "case_events", "列管 case numbers mentioned in a meeting, with the status decided for each",
    ["meeting_id", "ordinal"],
    *_child("event", "mention"),
    Column("case_id", S, "the case number", False),
    Column("status", S, "closed (解除列管, 結案), continued (繼續列管), new, mentioned", False),
    Column("status_text", S, "the words that decided the status"),
    Column("text", S, "the case number as written", False),
    *_span("mention"),
    _SOURCE,
)
_table(
    "entities", "divisions (units) and people mentioned in each meeting", ["meeting_id", "ordinal"],
    *_child("entity", "mention"),
    Column("type", S, "division or person", False),
    Column("text", S, "the mention as written", False),
    *_span("mention"),
    Column("name", S, "a division's name as written (whitespace removed) or a person's name", False),
    Column("canonical", S, "division: the unit's profile name, where known"),
    Column("collective", B, "division: a collective such as 各組室"),
    Column("title", S, "person: the title (組長, 議員 ...)"),
    Column("division", S, "person: the person's division, where stated"),
    _SOURCE,
)
_table(
    "errors", "inputs that produced no JSON document, one row per input path", ["path"],
    Column("path", S, "absolute path of the input", False),
    Column("sha256", S, "sha256 of the input's bytes; null when the file could not be read"),
    Column("stage", S, "the pipeline stage that failed: ingest, segment, extract, pipeline", False),
    Column("error_type", S, "unreadable, encrypted, unsupported_format, empty, not_minutes, too_large, "
           "timed_out, missing_dependency, internal", False),
    Column("message", S, "what went wrong and, where possible, what to do about it", False),
)

# Tables whose rows come from one document (all but `errors`).
DOC_TABLES = tuple(n for n in TABLES if n != "errors")

Row = dict[str, Any]


class _Pages:
    def __init__(self, pages: Sequence[PageInfo]) -> None:
        ordered = sorted(pages, key=lambda p: p.start)
        self._starts = [p.start for p in ordered]
        self._numbers = [p.number for p in ordered]

    def __call__(self, offset: int) -> int | None:
        if not self._starts:
            return None
        i = bisect_right(self._starts, offset) - 1
        return self._numbers[max(i, 0)]


def _date(value: str | None) -> str | None:
    """A valid ISO date (kept as a string until the Arrow table is built), or None."""
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10]).isoformat()
    except ValueError:
        return None


def rows_for(minutes: Minutes) -> dict[str, list[Row]]:
    """The rows of every per-document table for one result (meetings without its path columns)."""
    mid = meeting_id_of(minutes.source.sha256)
    page = _Pages(minutes.pages)
    text = minutes.text
    versions = {"schema_version": minutes.schema_version or SCHEMA_VERSION,
                "pipeline_version": minutes.pipeline_version}
    out: dict[str, list[Row]] = {name: [] for name in DOC_TABLES}

    def child(table: str, prefix: str, start: int, end: int, pg: int | None = None, **values: Any) -> Row:
        n = len(out[table]) + 1
        row: Row = {"meeting_id": mid, f"{prefix}_id": f"{mid}-{n}", "ordinal": n,
                    "start": start, "end": end, "page": pg if pg is not None else page(start)}
        row.update(values)
        row.update(versions)
        out[table].append(row)
        return row

    def add_block(block: Block, section_id: str, item_id: str | None) -> None:
        s, e = block.span
        child("blocks", "block", s, e, section_id=section_id, item_id=item_id, kind=block.kind,
              label=block.label, speaker=block.speaker, text=text[s:e])

    def add_item(item: Item, section_id: str, parent: str | None, depth: int) -> int:
        s, e = item.span
        row = child("items", "item", s, e, section_id=section_id, parent_item_id=parent, level=item.level,
                    depth=depth, marker=item.marker, text=item.heading, n_blocks=len(item.blocks))
        for b in item.blocks:
            add_block(b, section_id, row["item_id"])
        count = 1
        for c in item.children:
            count += add_item(c, section_id, row["item_id"], depth + 1)
        return count

    for sec in minutes.sections:
        s, e = sec.span
        row = child("sections", "section", s, e, kind=sec.kind, marker=sec.marker, text=sec.heading,
                    heading_start=sec.heading_span[0], heading_end=sec.heading_span[1], n_items=0)
        for b in sec.blocks:
            add_block(b, row["section_id"], None)
        row["n_items"] = sum(add_item(it, row["section_id"], None, 1) for it in sec.items)

    for a in minutes.action_items:
        child("action_items", "action", a.span[0], a.span[1], a.page, text=a.text, trigger=a.trigger,
              assignees=list(a.assignees), deadline=_date(a.deadline), deadline_text=a.deadline_text,
              section_kind=a.section, section_heading=a.section_heading, item=a.item, block=a.block,
              source=a.source)
    mentions: list[tuple[int, int, Row]] = []
    for d in minutes.dates:
        mentions.append((d.span[0], 0, {
            "type": "date", "text": d.text, "span": d.span, "page": d.page, "value": _date(d.value),
            "until": _date(d.until), "time": None, "kind": d.kind, "weekday": d.weekday,
            "weekday_mismatch": d.weekday_mismatch, "source": d.source}))
    for t in minutes.times:
        mentions.append((t.span[0], 1, {
            "type": "time", "text": t.text, "span": t.span, "page": t.page, "value": None, "until": None,
            "time": t.value, "kind": "time", "weekday": None, "weekday_mismatch": False, "source": t.source}))
    _emit(child, "dates", "date", mentions)
    for c in minutes.case_numbers:
        child("case_events", "event", c.span[0], c.span[1], c.page, case_id=c.id, status=c.status,
              status_text=c.status_text, text=c.text, source=c.source)
    ents: list[tuple[int, int, Row]] = []
    for dv in minutes.divisions:
        ents.append((dv.span[0], 0, {
            "type": "division", "text": dv.text, "span": dv.span, "page": dv.page, "name": dv.name,
            "canonical": dv.canonical, "collective": dv.collective, "title": None, "division": None,
            "source": dv.source}))
    for p in minutes.people:
        ents.append((p.span[0], 1, {
            "type": "person", "text": p.text, "span": p.span, "page": p.page, "name": p.name,
            "canonical": None, "collective": None, "title": p.title, "division": p.division,
            "source": p.source}))
    _emit(child, "entities", "entity", ents)

    m, src, cov = minutes.meeting, minutes.source, minutes.coverage
    meeting: Row = {
        "meeting_id": mid, "sha256": src.sha256, "source_path": src.path, "duplicate_paths": [],
        "json_file": None, "format": src.format, "bytes": src.bytes, "pages": src.pages,
        "encoding": src.encoding, "profile": minutes.profile, "is_minutes": minutes.is_minutes,
        "body": m.body, "name": m.name, "session": m.session, "title": m.title, "date": _date(m.date),
        "start_time": m.start_time, "end_time": m.end_time, "location": m.location, "chair": m.chair,
        "recorder": m.recorder, "attendees": list(m.attendees), "absentees": list(m.absentees),
        "observers": list(m.observers), "chars_total": cov.chars_total,
        "chars_in_sections": cov.chars_in_sections, "coverage_share": cov.share_in_sections,
        "n_sections": len(out["sections"]), "n_items": len(out["items"]),
        "n_action_items": len(out["action_items"]), "n_case_events": len(out["case_events"]),
        "warnings": list(minutes.warnings), **versions,
    }
    out["meetings"].append(meeting)
    return out


def _emit(child: Callable[..., Row], table: str, prefix: str,
          mentions: Iterable[tuple[int, int, Row]]) -> None:
    """Rows of two mention lists merged in text order (ties: the first list first)."""
    for _, _, values in sorted(mentions, key=lambda t: (t[0], t[1], t[2]["span"][1])):
        s, e = values.pop("span")
        pg = values.pop("page")
        child(table, prefix, s, e, pg, **values)


def to_columns(table: str, rows: Sequence[Row]) -> dict[str, list[Any]]:
    """Rows as columns, in the table's column order."""
    return {name: [r.get(name) for r in rows] for name in TABLES[table].names}


def to_arrow(table: str, columns: dict[str, list[Any]]) -> pa.Table:
    """An Arrow table with the table's explicit schema (dates arrive as ISO strings)."""
    spec = TABLES[table]
    arrays = []
    for col in spec.columns:
        values = columns.get(col.name, [])
        if pa.types.is_date32(col.type):
            arrays.append(pa.array(values, type=pa.string()).cast(col.type))
        else:
            arrays.append(pa.array(values, type=col.type))
    return pa.Table.from_arrays(arrays, schema=spec.schema)
