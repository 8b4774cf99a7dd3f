"""Dates and times: every mention, grounded, with relative days resolved against the meeting."""

from __future__ import annotations

from datetime import date
from typing import Any

from pipeline.context import Context
from pipeline.extract.cases import CASE_LABELS
from pipeline.extract.registry import component
from pipeline.grammar.dates import (
    RawDate,
    absolute_dates,
    find_dates,
    find_relative,
    find_times,
    infer_year,
    iso,
    weekday_index,
)
from pipeline.models import DateMention, TimeMention
from pipeline.segment.header import end_hour

# Kinds of date whose characters must stand together in the text: `1 / 3` is a page footer.
_CONTIGUOUS = {"month_day", "absolute", "compact"}


def _reference(ctx: Context, absolute: list[RawDate]) -> date | None:
    """The meeting date; without one, the middle of the dated mentions in the year most of them
    fall in (11/18 in minutes that also write 98年12月3日 is 2009-11-18)."""
    if ctx.head.ref_date is not None:
        return ctx.head.ref_date
    year = infer_year([r.value for r in absolute])
    if year is None:
        return None
    in_year = sorted(r.value for r in absolute if r.value.year == year)
    return in_year[len(in_year) // 2]


@component("dates", requires=("head",), provides=("dates", "times"))
def dates_component(ctx: Context) -> dict[str, Any]:
    found, times = extract_dates(ctx)
    return {"dates": found, "times": times}


@component("end_time", requires=("sections", "times"), provides=("meeting.end_time",))
def end_time_component(ctx: Context) -> dict[str, Any]:
    """The end time from the adjournment line (散會(10時50分)) when the header has none; read
    against the start (14時 … 散會 6時30分 is 18:30)."""
    m = ctx.head.meeting
    if m.end_time:
        return {"meeting.end_time": m.end_time}
    start = int(m.start_time[:2]) if m.start_time else 0
    for sec in ctx.sections:
        if sec.kind != "adjournment":
            continue
        for t in ctx.times:
            if sec.heading_span[0] <= t.span[0] < sec.heading_span[1]:
                hour = end_hour(start, int(t.value[:2]))
                m.spans["end_time"] = t.span
                return {"meeting.end_time": f"{hour:02d}:{t.value[3:]}"}
    return {"meeting.end_time": None}


def extract_dates(ctx: Context) -> tuple[list[DateMention], list[TimeMention]]:
    doc = ctx.doc
    comp = doc.compact

    def spaced(i: int) -> bool:
        return doc.gap(i) != 0

    first = absolute_dates(comp, spaced)  # (read once, for the reference date and for the mentions)
    absolute = [r for r in find_dates(comp, None, spaced=spaced, absolute=first) if r.kind in ("absolute", "compact")]
    ref = _reference(ctx, absolute)
    raw = find_dates(comp, ref, dropped_units=ctx.head.dropped_units, spaced=spaced, absolute=first)
    head_span = ctx.head.meeting.spans.get("date")
    if ctx.head.ref_date is not None and head_span is not None:
        # the header's date read where its 年 and 月 were lost (間:101 5 30 日) is a mention too
        a, b = doc.compact_span(head_span)
        if not any(r.start < b and a < r.end for r in raw):
            raw.append(RawDate(a, b, ctx.head.ref_date, None, "compact"))
    if ctx.head.ref_date is not None:
        taken = bytearray(len(comp) + 1)
        for r in raw:
            taken[r.start:r.end] = b"\x01" * (r.end - r.start)
        raw += [r for r in find_relative(comp, ctx.head.ref_date) if not any(taken[r.start:r.end])]
    mentions: list[DateMention] = []
    for r in sorted(raw, key=lambda r: r.start):
        s, e = doc.span(r.start, r.end)
        text = doc.text[s:e]
        if r.kind == "month_day" and "/" in text and any(c.isspace() for c in text):
            continue  # "1 / 3" is a page number
        if r.kind == "month_day" and "/" in text and not _slash_context(comp, r.start, r.end):
            continue
        if comp.endswith(CASE_LABELS, max(0, r.start - 4), r.start):
            continue  # 列管案104-2-1案: a case's number, not 104年2月1日
        mismatch = False
        if r.weekday:
            mismatch = weekday_index(r.weekday) != r.value.weekday()
            if mismatch:
                ctx.warnings.append(f"date {text} is written with weekday {r.weekday} but falls on a "
                                    f"{'一二三四五六日'[r.value.weekday()]}")
        mentions.append(DateMention(text=text, span=(s, e), value=r.value.isoformat(), until=iso(r.until),
                                    kind=r.kind, weekday=r.weekday, weekday_mismatch=mismatch))  # type: ignore[arg-type]
    times = [TimeMention(text=doc.text[slice(*doc.span(t.start, t.end))], span=doc.span(t.start, t.end),
                         value=f"{t.hour:02d}:{t.minute:02d}") for t in find_times(comp, spaced)]
    return mentions, times


def _slash_context(comp: str, start: int, end: int) -> bool:
    """11/18 is a date at the start of an entry or next to words, not inside a formula."""
    before = comp[start - 1] if start > 0 else ""
    after = comp[end] if end < len(comp) else ""
    if comp.endswith(_FRACTION_WORDS, max(0, start - 4), start):
        return False  # 市有持分 5/10 is a share, not 10 May
    return not (before.isdigit() or after.isdigit() or after in "%倍")


_FRACTION_WORDS = ("持分", "比例", "比率", "分之", "約", "佔", "占", "達", "權利範圍")
