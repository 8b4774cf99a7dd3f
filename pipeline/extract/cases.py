"""列管 case numbers and the status this meeting decided for each.

列管案號10601、10602 及10607同意解除列管；列管案號9903、9904、10502及10606賡續列管.
A number counts only in a 列管 context: 編號 20 至編號 37 of a council's proposals is not a case.
"""

from __future__ import annotations

import re
from typing import Any

from pipeline.anchor import anchored
from pipeline.context import Context
from pipeline.extract.registry import component
from pipeline.models import CaseNumber

_SEP = r"(?:、|,|，|及|和|與|暨|至|~|-|以及)"
# a case's number: plain (10601), or its year, meeting and item joined by dashes (104-2-1); not a
# count (列管案100件)
_ID = r"(?:\d{2,6}(?:-\d{1,3}){1,2}(?![\d-])|\d{3,6}(?![\d件項個]))"
# the words that stand before a case's number (a date-like number after them is the case's: 列管案104-2-1)
CASE_LABELS = ("案號", "列管編號", "案件編號", "編號", "列管案")
CASE_LIST = re.compile(
    rf"(?:列管)?(?:{'|'.join(CASE_LABELS)})(?:第)?(?P<list>{_ID}(?:{_SEP}(?:案號|編號)?(?:第)?{_ID})*)"
)
# (CASE_LIST's 號 stands at most five characters after its start: 列管 and 列管編號; or it opens
# with 列管案)
_CASE_LIST_ANCHOR = (re.compile("號|列管案"), 5)
_NUMBER = re.compile(_ID)
_RANGE = re.compile(r"(?P<a>\d{3,6})(?:至|~|-)(?P<b>\d{3,6})")
STATUS = (
    ("closed", re.compile(r"解除列管|同意銷案|銷案|結案|除管|免予列管|免列管|不再列管|撤銷列管")),
    ("continued", re.compile(r"賡續列管|繼續列管|持續列管|續予列管|續列管|仍予列管|仍列管|繼續追蹤|持續追蹤")),
    ("new", re.compile(r"新增列管|列入列管|新列管|予以列管|開始列管|新增案號")),
)
_CLAUSE_END = re.compile(r"[;；。]|(?:列管)?案號|\n")
MAX_RANGE = 50


def _status(clause: str) -> tuple[str, str | None]:
    for status, rx in STATUS:
        m = rx.search(clause)
        if m:
            return status, m.group(0)
    return "mentioned", None


_ROW = re.compile(r"\s*(?P<id>\d{3,8}(?:-\d{1,3})?)(?=[\s,，、.:：)])")


def _tracking_rows(ctx: Context) -> list[CaseNumber]:
    """A tracking table (列管事項執行情形): a row starts with its case number and ends with the decision."""
    doc = ctx.doc
    out: list[CaseNumber] = []
    for sec in ctx.sections:
        if sec.kind != "tracking":
            continue
        for s, e in doc.lines:
            if not (sec.span[0] <= s < sec.span[1]):
                continue
            m = _ROW.match(doc.text, s, e)
            if m is None:
                continue
            status, status_text = _status(doc.folded[m.end("id"):e].replace(" ", ""))
            a, b = m.span("id")
            out.append(CaseNumber(text=doc.text[a:b], span=(a, b), id=m["id"], status=status,  # type: ignore[arg-type]
                                  status_text=status_text))
    return out


@component("case_numbers", requires=("sections",), provides=("case_numbers",))
def cases_component(ctx: Context) -> dict[str, Any]:
    return {"case_numbers": extract_cases(ctx)}


def extract_cases(ctx: Context) -> list[CaseNumber]:
    doc = ctx.doc
    comp = doc.compact
    out: list[CaseNumber] = _tracking_rows(ctx)
    for m in anchored(CASE_LIST, comp, _CASE_LIST_ANCHOR):
        # the decision follows the list, up to the end of its clause or the next list
        tail_end = _CLAUSE_END.search(comp, m.end())
        clause = comp[m.end(): tail_end.start() if tail_end else min(len(comp), m.end() + 40)]
        sentence_start = max(comp.rfind(c, 0, m.start()) for c in "。；;\n")
        context = comp[sentence_start + 1: m.end() + len(clause)]
        if "列管" not in context and "管制" not in context:
            continue
        status, status_text = _status(clause)
        base = m.start("list")
        listed = m.group("list")
        ranges = {(r.start("a"), r.end("b")): r for r in _RANGE.finditer(listed)}
        for num in _NUMBER.finditer(listed):
            s, e = doc.span(base + num.start(), base + num.end())
            out.append(CaseNumber(text=doc.text[s:e], span=(s, e), id=num.group(0), status=status,  # type: ignore[arg-type]
                                  status_text=status_text))
        for (_, _), r in ranges.items():
            a, b = int(r["a"]), int(r["b"])
            if len(r["a"]) == len(r["b"]) and 0 < b - a <= MAX_RANGE:
                s, e = doc.span(base + r.start(), base + r.end())
                for n in range(a + 1, b):
                    out.append(CaseNumber(text=doc.text[s:e], span=(s, e), id=str(n).zfill(len(r["a"])),
                                          status=status, status_text=status_text))  # type: ignore[arg-type]
    return out
