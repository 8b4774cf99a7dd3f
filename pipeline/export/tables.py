"""The archive's tables: their schema (with a description per column) and their rows from a `Minutes`.

Every table carries `schema_version` and `pipeline_version`. A meeting's id is the first 16 hex
characters of the sha256 of its source bytes, so the same file gives the same id on every run and every
machine. Every other row's id is the meeting id and an ordinal path (`<meeting_id>-s3.2.1` for the
first child of the second item of section 3, `<meeting_id>-a5` for the fifth action item; see
`pipeline.export.outline_index`), and every row names its parents by id: an item its section and
parent item, a block its section and item, an action item and every mention (date, case event,
entity) the section, item and block holding it, computed from span containment in the outline. Rows
that point into the text have `start`, `end` (a `[start, end)` character span of the document's
`text`), `page` (1-based; null when the input has no pages, as in the JSON) and `text` (as written).

`rows_for(minutes)` is a pure function of the document's result; `source_path`, `duplicate_paths` and
`json_file` of `meetings` depend on which inputs hold the content and are filled in when the tables are
written (see `pipeline.export.parquet`).
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_right
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow as pa

from pipeline.export.assignees import lookup_for, typed_assignees
from pipeline.export.names import normalise_name, series_of
from pipeline.export.outline_index import OutlineIndex
from pipeline.models import SCHEMA_VERSION, Minutes, PageInfo

# Version of the table layout below (not of the per-document JSON, whose version is SCHEMA_VERSION).
# 2.0: ids are ordinal paths; parent ids on every table; action_assignees; typed times and timestamps;
# body_normalised, series, needs_review, review_reasons; page null for input without pages.
TABLES_VERSION = "2.0"

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
    version: str = TABLES_VERSION

    @property
    def schema(self) -> pa.Schema:
        meta = {b"minutes.table": self.name.encode(), b"minutes.tables_version": self.version.encode()}
        return pa.schema(
            [pa.field(c.name, c.type, nullable=c.nullable, metadata={b"description": c.description.encode()})
             for c in self.columns],
            metadata=meta,
        )

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.columns]


S, I32, I64, F64, B, D = pa.string(), pa.int32(), pa.int64(), pa.float64(), pa.bool_(), pa.date32()
T = pa.time64("us")  # a time of day (Parquet TIME, DuckDB TIME)
TS = pa.timestamp("us")  # local wall-clock time of the meeting (Taiwan, UTC+8), without a zone
LS = pa.list_(pa.string())

VERSIONS = (
    Column("schema_version", S, "version of the per-document JSON schema the row was derived from", False),
    Column("pipeline_version", S, "version of the `minutes` pipeline that extracted the document", False),
)
MEETING = Column("meeting_id", S, "the meeting: first 16 hex characters of the source file's sha256", False)


def _span(what: str) -> tuple[Column, ...]:
    return (
        Column("start", I32, f"start of the {what} in the document's text (character offset, inclusive)", False),
        Column("end", I32, f"end of the {what} in the document's text (character offset, exclusive)", False),
        Column("page", I32, f"1-based page where the {what} starts; null for input without pages "
                            "(text, HTML, DOCX, ODT)"),
    )


def _child(table: str, what: str, example: str) -> tuple[Column, ...]:
    return (
        MEETING,
        Column(f"{table}_id", S, f"stable id of the {what}: the meeting id and its ordinal path, e.g. "
                                 f"`<meeting_id>-{example}`", False),
        Column("ordinal", I32, f"1-based position of the {what} among the meeting's {what}s, in document order",
               False),
    )


def _where(what: str, *, action: bool = True) -> tuple[Column, ...]:
    cols: tuple[Column, ...] = (
        Column("section_id", S, f"the section holding the {what} (join `sections`); null outside every section"),
        Column("item_id", S, f"the innermost item holding the {what} (join `items`); null when it is directly "
                             "under its section"),
        Column("block_id", S, f"the innermost conclusion or report block holding the {what} (join `blocks`); "
                              "null when it is in none"),
    )
    if action:
        cols += (Column("action_id", S, f"the action item whose directive holds the {what} (join "
                                        "`action_items`); null when it is in none"),)
    return cols


SOURCE = Column("source", S, "the backend that produced the value (`rules` for the built-in rules)")

TABLES: dict[str, TableSpec] = {}


def _table(name: str, description: str, key: Sequence[str], *cols: Column) -> None:
    TABLES[name] = TableSpec(name, description, (*cols, *VERSIONS), tuple(key))


_table(
    "meetings", "one row per distinct source document (by content) that was extracted", ["meeting_id"],
    MEETING,
    Column("sha256", S, "sha256 of the source file's bytes", False),
    Column("source_path", S, "absolute path of the input holding this content (the first, in path order)", False),
    Column("duplicate_paths", LS, "other inputs with the same bytes (same meeting_id), in path order"),
    Column("json_file", S, "the per-document JSON file of `source_path`, relative to OUT/json"),
    Column("format", S, "input format detected from the content: pdf, image, text, html, docx, odt ...", False),
    Column("bytes", I64, "size of the source file in bytes", False),
    Column("pages", I32, "number of pages (PDF and image input); null for input without pages"),
    Column("encoding", S, "text encoding detected, for text input"),
    Column("profile", S, "the body profile used (`default` for unknown bodies)", False),
    Column("is_minutes", B, "whether the document looked like meeting minutes", False),
    Column("body", S, "the body that met, as extracted (e.g. 高雄市議會)"),
    Column("body_normalised", S, "`body` folded for grouping: 台→臺, full-width and compatibility forms to their "
                                 "usual form, whitespace removed; meetings of one body share it"),
    Column("name", S, "the meeting's name as a series (e.g. 第1屆第2次定期大會)"),
    Column("series", S, "body_normalised and the normalised meeting name: the series case numbers and sessions "
                        "count within (joins `case_ledger.series`)", False),
    Column("session", I32, "the meeting's number within its series"),
    Column("title", S, "the title line as written"),
    Column("date", D, "date of the meeting"),
    Column("start_time", T, "start time of the meeting (local time of day)"),
    Column("end_time", T, "end time of the meeting (local time of day)"),
    Column("start_at", TS, "start of the meeting: date and start_time, local wall-clock time (Taiwan, UTC+8) "
                           "without a zone; null when either is unknown"),
    Column("end_at", TS, "end of the meeting: date and end_time, local wall-clock time without a zone; null when "
                         "either is unknown"),
    Column("location", S, "地點 as written"),
    Column("chair", S, "主席 as written"),
    Column("recorder", S, "紀錄 as written"),
    Column("attendees", LS, "出席: attendees as listed"),
    Column("absentees", LS, "請假 / 缺席: absentees as listed"),
    Column("observers", LS, "列席: observers as listed"),
    Column("chars_total", I32, "characters in the document's text (whitespace and page furniture left out)", False),
    Column("chars_in_sections", I32, "characters covered by recognised sections", False),
    Column("coverage_share", F64, "chars_in_sections / chars_total", False),
    Column("n_sections", I32, "number of top-level sections", False),
    Column("n_items", I32, "number of items at every level", False),
    Column("n_action_items", I32, "number of action items", False),
    Column("n_case_events", I32, "number of 列管 case-number mentions", False),
    Column("warnings", LS, "warnings the pipeline raised for the document"),
    Column("needs_review", B, "a person should check this document's extraction before relying on it "
                              "(see review_reasons)", False),
    Column("review_reasons", LS, "why: low_coverage (little of the body inside recognised sections), "
                                 "garbled_text (characters from unrelated scripts, U+FFFD, private-use or (cid:N) "
                                 "in the text), no_meeting_date, low_ocr_confidence (an OCR'd page read with low "
                                 "confidence), low_extraction_confidence (not recognised as minutes, no body or "
                                 "title, top-level headings not understood, the meeting date's weekday disagrees); "
                                 "thresholds in pipeline/quality.py"),
)
_table(
    "sections", "top-level sections (報告事項, 討論事項 ...) of each meeting", ["section_id"],
    *_child("section", "section", "s3"),
    Column("kind", S, "section kind: awards, chair_remarks, previous_minutes, tracking, reports, discussion, "
           "motions, elections, adjournment, other", False),
    Column("marker", S, "the heading's marker as written (壹、 甲、 一、 ...)"),
    Column("text", S, "the heading as written", False),
    *_span("section (heading through the end of its body)"),
    Column("heading_start", I32, "start of the heading", False),
    Column("heading_end", I32, "end of the heading", False),
    Column("n_items", I32, "number of items in the section, every level", False),
    Column("n_blocks", I32, "number of conclusion / report blocks directly under the section (not in an item)",
           False),
)
_table(
    "items", "items at every level inside sections (案由, 一、 (一) ...), in document order", ["item_id"],
    *_child("item", "item", "s3.2.1"),
    Column("section_id", S, "the section the item belongs to (join `sections`)", False),
    Column("parent_item_id", S, "the enclosing item (join `items`); null for an item directly under its section"),
    Column("level", I32, "the marker's level in the heading hierarchy", False),
    Column("depth", I32, "nesting depth below the section, 1 for a direct child", False),
    Column("marker", S, "the item's marker as written", False),
    Column("text", S, "the item's heading as written", False),
    *_span("item (heading through the end of its body)"),
    Column("n_blocks", I32, "number of conclusion / report blocks directly in the item", False),
)
_table(
    "blocks", "conclusion blocks (會議結論, 決議, 決定, 主席裁示 ...) and speaker reports (補充報告) "
    "of sections and items", ["block_id"],
    *_child("block", "block", "s3.2-b1"),
    Column("section_id", S, "the section the block belongs to (join `sections`)", False),
    Column("item_id", S, "the item the block belongs to (join `items`); null for a block directly under a section"),
    Column("kind", S, "conclusion or report", False),
    Column("label", S, "the block's label as written (決議, 會議結論, the speaker line ...)", False),
    Column("speaker", S, "the speaker of a report block"),
    Column("text", S, "the block as written", False),
    *_span("block"),
)
_table(
    "action_items", "directives (請…, 應…, 務必…, 送請…辦理) with their assignees and deadline", ["action_id"],
    *_child("action", "action item", "a5"),
    *_where("directive", action=False),
    Column("text", S, "the directive as written", False),
    *_span("directive"),
    Column("trigger", S, "the directive word: 請, 應, 務必, 送請 ...", False),
    Column("assignees", LS, "the units or people asked to act (not those merely mentioned), as written; typed "
                            "in `action_assignees`"),
    Column("deadline", D, "the deadline, when one is given"),
    Column("deadline_text", S, "the deadline as written"),
    Column("deadline_date_id", S, "the date mention that states the deadline (join `dates`)"),
    Column("section_kind", S, "kind of the section holding the directive (`none` outside every section)", False),
    Column("section_heading", S, "heading of that section"),
    Column("item_heading", S, "heading of the item `item_id`"),
    Column("block_label", S, "label of the block `block_id`, e.g. 會議結論, or the speaker line of a report"),
    SOURCE,
)
_table(
    "action_assignees", "the assignees of each action item, one row each, typed", ["assignee_id"],
    MEETING,
    Column("assignee_id", S, "stable id: the action item's id and the assignee's position, e.g. "
                             "`<meeting_id>-a5-1`", False),
    Column("action_id", S, "the action item (join `action_items`)", False),
    Column("ordinal", I32, "1-based position of the assignee in the action item's list", False),
    Column("text", S, "the assignee as written", False),
    Column("canonical", S, "the assignee's canonical name: a unit's profile name (公管中心 → "
                           "市政大樓公共事務管理中心), a person's full name, otherwise the text folded (台→臺) "
                           "without whitespace"),
    Column("type", S, "unit (one of the body's own units), person, role (a title alone: 理事長), collective "
                      "(各組室, 各位理、監事), outside_body (another organisation: 市府, 台糖公司), unknown", False),
    Column("type_source", S, "extraction (stated by the extractor) or export (derived when the tables were "
                             "written, from the document's divisions and people)", False),
    Column("entity_id", S, "the division or person mention naming the assignee inside the directive (join "
                           "`entities`), where there is one"),
    Column("start", I32, "start of the assignee's words in the directive or, for the subject of its sentence "
                         "(各組室…,請…), just before it (character offset); null when not written as listed"),
    Column("end", I32, "end of the assignee's words (character offset, exclusive)"),
    Column("page", I32, "1-based page of the directive; null for input without pages"),
)
_table(
    "dates", "date and time mentions, resolved (ROC years, relative days, ranges, month ends)", ["date_id"],
    *_child("date", "mention", "d7"),
    *_where("mention"),
    Column("type", S, "date or time", False),
    Column("text", S, "the mention as written", False),
    *_span("mention"),
    Column("value", D, "the date (type=date)"),
    Column("until", D, "end of a date range"),
    Column("time", T, "the time of day (type=time)"),
    Column("kind", S, "for dates: absolute, month_day, day, relative, month_end, compact; `time` for times",
           False),
    Column("weekday", S, "the weekday written next to the date"),
    Column("weekday_mismatch", B, "the written weekday disagrees with the date", False),
    SOURCE,
)
_table(
    "case_events", "列管 case numbers mentioned in a meeting, with the status decided for each", ["event_id"],
    *_child("event", "mention", "c2"),
    *_where("mention"),
    Column("case_id", S, "the case number", False),
    Column("status", S, "closed (解除列管, 結案), continued (繼續列管), new, mentioned", False),
    Column("status_text", S, "the words that decided the status"),
    Column("text", S, "the case number as written", False),
    *_span("mention"),
    SOURCE,
)
_table(
    "entities", "divisions (units) and people mentioned in each meeting", ["entity_id"],
    *_child("entity", "mention", "e4"),
    *_where("mention"),
    Column("type", S, "division or person", False),
    Column("text", S, "the mention as written", False),
    *_span("mention"),
    Column("name", S, "a division's name as written (whitespace removed) or a person's name", False),
    Column("canonical", S, "division: the unit's profile name, where known"),
    Column("collective", B, "division: a collective such as 各組室"),
    Column("title", S, "person: the title (組長, 議員 ...)"),
    Column("division", S, "person: the person's division, where stated"),
    SOURCE,
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
    """A valid ISO date (kept as a string in the rows; typed when the Arrow table is built), or None."""
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10]).isoformat()
    except ValueError:
        return None


_HHMM = re.compile(r"^(\d{1,2}):(\d{2})(?::(\d{2}))?$")


def _time(value: str | None) -> str | None:
    """A valid time of day as HH:MM[:SS], or None (24:00 is not a time of day)."""
    m = _HHMM.match(value or "")
    if not m:
        return None
    h, mi, se = int(m[1]), int(m[2]), int(m[3] or 0)
    if h > 23 or mi > 59 or se > 59:
        return None
    return f"{h:02d}:{mi:02d}" + (f":{se:02d}" if m[3] else "")


def _timestamp(day: str | None, time: str | None) -> str | None:
    return f"{day}T{time}" if day and time else None


def _review(minutes: Minutes) -> tuple[bool, list[str]]:
    """The JSON's needs_review and reasons; assessed here for a result that was never assessed."""
    if "needs_review" in minutes.model_fields_set:
        return bool(getattr(minutes, "needs_review", False)), list(getattr(minutes, "review_reasons", []))
    from pipeline.quality import assess

    return assess(minutes)


def _find(text: str, needle: str, start: int, end: int) -> tuple[int, int] | None:
    """Where `needle` is written in text[start:end], whitespace inside it allowed; None if it is not."""
    i = text.find(needle, start, end)
    if i != -1:
        return i, i + len(needle)
    chars = [re.escape(c) for c in needle if not c.isspace()]
    if not chars:
        return None
    m = re.compile(r"\s*".join(chars)).search(text, start, end)
    return (m.start(), m.end()) if m else None


_SENTENCE_END = "。；;！？!?"
_SUBJECT_REACH = 200  # how far before a directive its sentence's subject may stand


def _find_before(text: str, needle: str, start: int) -> tuple[int, int] | None:
    """The assignee named as the subject of the directive's sentence, before the directive (各組室…,請…)."""
    lo = max(0, start - _SUBJECT_REACH)
    lo = max([lo] + [text.rfind(c, lo, start) + 1 for c in _SENTENCE_END])
    i = text.rfind(needle, lo, start)
    if i != -1:
        return i, i + len(needle)
    return _find(text, needle, lo, start)


def rows_for(minutes: Minutes) -> dict[str, list[Row]]:
    """The rows of every per-document table for one result (meetings without its path columns)."""
    mid = meeting_id_of(minutes.source.sha256)
    has_pages = minutes.source.pages is not None  # text, HTML and office input have none
    pages = _Pages(minutes.pages if has_pages else [])
    text = minutes.text
    versions = {"schema_version": minutes.schema_version or SCHEMA_VERSION,
                "pipeline_version": minutes.pipeline_version}
    out: dict[str, list[Row]] = {name: [] for name in DOC_TABLES}
    outline = OutlineIndex(mid, minutes.sections)

    def row(table: str, values: Row) -> Row:
        values.update(versions)
        out[table].append(values)
        return values

    def page(mention_page: int | None) -> int | None:
        return mention_page if has_pages else None  # the JSON's page, never one a text input cannot have

    # ---- the outline -------------------------------------------------------------------------------
    for n, sec in enumerate(outline.sections, start=1):
        assert sec.section is not None
        head = sec.section
        row("sections", {
            "meeting_id": mid, "section_id": sec.id, "ordinal": n, "kind": head.kind, "marker": head.marker,
            "text": head.heading, "start": sec.start, "end": sec.end, "page": pages(sec.start),
            "heading_start": head.heading_span[0], "heading_end": head.heading_span[1], "n_items": 0,
            "n_blocks": len(head.blocks)})
    n_items: dict[str, int] = {}
    for n, node in enumerate(outline.items, start=1):
        assert node.item is not None
        it = node.item
        n_items[node.section_id] = n_items.get(node.section_id, 0) + 1
        row("items", {
            "meeting_id": mid, "item_id": node.id, "ordinal": n, "section_id": node.section_id,
            "parent_item_id": node.parent_item_id, "level": it.level, "depth": node.depth, "marker": it.marker,
            "text": it.heading, "start": node.start, "end": node.end, "page": pages(node.start),
            "n_blocks": len(it.blocks)})
    for r in out["sections"]:
        r["n_items"] = n_items.get(r["section_id"], 0)
    for n, b in enumerate(outline.blocks, start=1):
        row("blocks", {
            "meeting_id": mid, "block_id": b.id, "ordinal": n, "section_id": b.section_id, "item_id": b.item_id,
            "kind": b.block.kind, "label": b.block.label, "speaker": b.block.speaker, "text": text[b.start:b.end],
            "start": b.start, "end": b.end, "page": pages(b.start)})

    def where(pos: int) -> Row:
        sec, item, block = outline.locate(pos)
        return {"section_id": sec.id if sec else None, "item_id": item.id if item else None,
                "block_id": block.id if block else None}

    # ---- action items and their assignees ----------------------------------------------------------
    actions = sorted(minutes.action_items, key=lambda a: (a.span[0], a.span[1]))
    action_ids: list[tuple[int, int, str]] = []
    lookup = lookup_for(minutes)
    for n, a in enumerate(actions, start=1):
        aid = f"{mid}-a{n}"
        s, e = a.span
        in_sec, in_item, in_block = outline.locate(s)
        action_ids.append((s, e, aid))
        row("action_items", {
            "meeting_id": mid, "action_id": aid, "ordinal": n, "section_id": in_sec.id if in_sec else None,
            "item_id": in_item.id if in_item else None, "block_id": in_block.id if in_block else None,
            "text": a.text, "start": s, "end": e, "page": page(a.page), "trigger": a.trigger,
            "assignees": list(a.assignees), "deadline": _date(a.deadline), "deadline_text": a.deadline_text,
            "deadline_date_id": None,
            "section_kind": in_sec.section.kind if in_sec and in_sec.section else "none",
            "section_heading": in_sec.section.heading if in_sec and in_sec.section else None,
            "item_heading": in_item.item.heading if in_item and in_item.item else None,
            "block_label": in_block.block.label if in_block else None, "source": a.source})
        for k, who in enumerate(typed_assignees(a, minutes, lookup), start=1):
            found = _find(text, who.text, s, e) or _find_before(text, who.text, s)
            row("action_assignees", {
                "meeting_id": mid, "assignee_id": f"{aid}-{k}", "action_id": aid, "ordinal": k, "text": who.text,
                "canonical": who.canonical, "type": who.type, "type_source": who.type_source, "entity_id": None,
                "start": found[0] if found else None, "end": found[1] if found else None,
                "page": page(a.page)})
    action_starts = [x[0] for x in action_ids]

    def action_at(s: int, e: int) -> str | None:
        i = bisect_right(action_starts, s) - 1
        while i >= 0:
            a_s, a_e, aid = action_ids[i]
            if a_s <= s and e <= a_e:
                return aid
            i -= 1
            if i >= 0 and action_ids[i][1] <= s:
                break
        return None

    table_key = {"dates": "date", "case_events": "event", "entities": "entity"}

    def mention(table: str, prefix: str, n: int, s: int, e: int, values: Row) -> Row:
        return row(table, {"meeting_id": mid, f"{table_key[table]}_id": f"{mid}-{prefix}{n}", "ordinal": n,
                           **where(s), "action_id": action_at(s, e), **values})

    # ---- mentions ----------------------------------------------------------------------------------
    dated: list[tuple[int, int, int, Row]] = []
    for d in minutes.dates:
        dated.append((d.span[0], 0, d.span[1], {
            "type": "date", "text": d.text, "start": d.span[0], "end": d.span[1], "page": page(d.page),
            "value": _date(d.value), "until": _date(d.until), "time": None, "kind": d.kind, "weekday": d.weekday,
            "weekday_mismatch": d.weekday_mismatch, "source": d.source}))
    for t in minutes.times:
        dated.append((t.span[0], 1, t.span[1], {
            "type": "time", "text": t.text, "start": t.span[0], "end": t.span[1], "page": page(t.page),
            "value": None, "until": None, "time": _time(t.value), "kind": "time", "weekday": None,
            "weekday_mismatch": False, "source": t.source}))
    for n, (_, _, _, values) in enumerate(sorted(dated, key=lambda x: x[:3]), start=1):
        mention("dates", "d", n, values["start"], values["end"], values)
    by_action: dict[str, list[Row]] = {}
    for r in out["dates"]:
        if r["action_id"] and r["type"] == "date":
            by_action.setdefault(r["action_id"], []).append(r)
    for r in out["action_items"]:
        if r["deadline_text"]:
            r["deadline_date_id"] = next((d["date_id"] for d in by_action.get(r["action_id"], [])
                                          if d["text"] == r["deadline_text"]), None)

    for n, c in enumerate(sorted(minutes.case_numbers, key=lambda c: (c.span[0], c.span[1])), start=1):
        mention("case_events", "c", n, c.span[0], c.span[1], {
            "case_id": c.id, "status": c.status, "status_text": c.status_text, "text": c.text, "start": c.span[0],
            "end": c.span[1], "page": page(c.page), "source": c.source})

    ents: list[tuple[int, int, int, Row]] = []
    for dv in minutes.divisions:
        ents.append((dv.span[0], 0, dv.span[1], {
            "type": "division", "text": dv.text, "start": dv.span[0], "end": dv.span[1], "page": page(dv.page),
            "name": dv.name, "canonical": dv.canonical, "collective": dv.collective, "title": None,
            "division": None, "source": dv.source}))
    for p in minutes.people:
        ents.append((p.span[0], 1, p.span[1], {
            "type": "person", "text": p.text, "start": p.span[0], "end": p.span[1], "page": page(p.page),
            "name": p.name, "canonical": None, "collective": None, "title": p.title, "division": p.division,
            "source": p.source}))
    for n, (_, _, _, values) in enumerate(sorted(ents, key=lambda x: x[:3]), start=1):
        mention("entities", "e", n, values["start"], values["end"], values)
    _link_assignees(out["action_assignees"], out["entities"])

    # ---- the meeting -------------------------------------------------------------------------------
    m, src, cov = minutes.meeting, minutes.source, minutes.coverage
    day, start_time, end_time = _date(m.date), _time(m.start_time), _time(m.end_time)
    needs_review, reasons = _review(minutes)
    row("meetings", {
        "meeting_id": mid, "sha256": src.sha256, "source_path": src.path, "duplicate_paths": [],
        "json_file": None, "format": src.format, "bytes": src.bytes, "pages": src.pages,
        "encoding": src.encoding, "profile": minutes.profile, "is_minutes": minutes.is_minutes,
        "body": m.body, "body_normalised": normalise_name(m.body), "name": m.name,
        "series": series_of(m.body, m.name), "session": m.session, "title": m.title, "date": day,
        "start_time": start_time, "end_time": end_time, "start_at": _timestamp(day, start_time),
        "end_at": _timestamp(day, end_time), "location": m.location, "chair": m.chair,
        "recorder": m.recorder, "attendees": list(m.attendees), "absentees": list(m.absentees),
        "observers": list(m.observers), "chars_total": cov.chars_total,
        "chars_in_sections": cov.chars_in_sections, "coverage_share": cov.share_in_sections,
        "n_sections": len(out["sections"]), "n_items": len(out["items"]),
        "n_action_items": len(out["action_items"]), "n_case_events": len(out["case_events"]),
        "warnings": list(minutes.warnings), "needs_review": needs_review, "review_reasons": reasons,
    })
    return out


def _link_assignees(assignees: list[Row], entities: list[Row]) -> None:
    """An assignee's entity: the division or person mention at its words (in the directive, or the subject
    just before it) naming the same unit or person."""
    ordered = sorted(entities, key=lambda e: (e["start"], e["end"]))
    starts = [e["start"] for e in ordered]
    for a in assignees:
        if a["start"] is None:
            continue
        key = normalise_name(a["text"])
        i = bisect_right(starts, a["end"])  # entities starting before the assignee's words end
        for e in reversed(ordered[max(0, i - 8):i]):
            overlaps = e["start"] < a["end"] and e["end"] > a["start"]
            if overlaps and key in (normalise_name(e["name"]), normalise_name(e["text"])):
                a["entity_id"] = e["entity_id"]
                break


def to_columns(table: str, rows: Sequence[Row]) -> dict[str, list[Any]]:
    """Rows as columns, in the table's column order."""
    return {name: [r.get(name) for r in rows] for name in TABLES[table].names}


def _convert(values: Iterable[Any], parse: Callable[[str], Any]) -> list[Any]:
    return [parse(v) if isinstance(v, str) else v for v in values]


def _parse_date(v: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(v[:10])
    except ValueError:
        return None


def _parse_time(v: str) -> dt.time | None:
    try:
        return dt.time.fromisoformat(_time(v) or "")
    except ValueError:
        return None


def _parse_timestamp(v: str) -> dt.datetime | None:
    try:
        return dt.datetime.fromisoformat(v)
    except ValueError:
        return None


def column_array(col: Column, values: Sequence[Any]) -> pa.Array:
    """One column as an Arrow array of its type; dates, times and timestamps may arrive as ISO strings."""
    t = col.type
    if pa.types.is_date32(t):
        values = _convert(values, _parse_date)
    elif pa.types.is_time(t):
        values = _convert(values, _parse_time)
    elif pa.types.is_timestamp(t):
        values = _convert(values, _parse_timestamp)
    return pa.array(values, type=t)


def to_arrow(table: str, columns: dict[str, list[Any]], spec: TableSpec | None = None) -> pa.Table:
    """An Arrow table with the table's explicit schema."""
    spec = spec or TABLES[table]
    n = max((len(v) for v in columns.values()), default=0)
    arrays = [column_array(col, columns.get(col.name, [None] * n)) for col in spec.columns]
    return pa.Table.from_arrays(arrays, schema=spec.schema)
