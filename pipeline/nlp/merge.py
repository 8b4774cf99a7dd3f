"""Merge a model's entities into the rule results: the rules confirm, correct or add to them.

- A PERSON, ORG or DATE entity that a rule value overlaps is *confirmed* when they agree (the value
  keeps its rule span and fields, and its `source` gains the backend: "rules+ckip"), and otherwise
  *corrected*: the rule value stands and the entity is dropped. A model never overrides a rule or
  profile match.
- A PERSON no rule covers is added with `source` = the backend if it reads as a name (a surname of
  the profile, two to four characters; a surname alone only before a title), its title read from a
  profile title written right after (黃妙英股長) or right before (主席 陳志銘) the name.
- An ORG no rule covers is added to the divisions only if it ends with a unit suffix the profile
  allows for this kind of body (and, for a profile with a closed list of units, only if it is one).
- A DATE no rule read is not added (it has no value the rules could check): it is reported in one
  warning, so that a reader can see what the rules missed.
Every added value is grounded: its span indexes `doc.text` and `text == doc.text[start:end]`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar

from pipeline.chars import is_cjk
from pipeline.context import Context
from pipeline.document import Document
from pipeline.extract.units import find_units
from pipeline.grammar.names import Names
from pipeline.grammar.titles import find_titles
from pipeline.models import Division, Mention, Person
from pipeline.nlp.view import Entity

PERSON_LABELS = frozenset({"PERSON"})
ORG_LABELS = frozenset({"ORG"})
DATE_LABELS = frozenset({"DATE", "TIME"})
NAME_MARKS = frozenset("·‧・．")
MAX_WARNED = 5
_SPACES = re.compile(r"[ \u3000]*")
T = TypeVar("T", bound=Mention)


@dataclass
class MergeReport:
    confirmed: int = 0
    corrected: int = 0
    added_people: int = 0
    added_divisions: int = 0
    unread_dates: list[Entity] = field(default_factory=list)


def with_source(source: str, backend: str) -> str:
    parts = source.split("+") if source else []
    return "+".join([*parts, backend]) if backend not in parts else source


def _insert(values: list[T], value: T) -> None:
    """Insert before the first value that starts later, leaving the rules' own order as it is."""
    for i, v in enumerate(values):
        if v.span[0] > value.span[0]:
            values.insert(i, value)
            return
    values.append(value)


def _overlaps(span: tuple[int, int], start: int, end: int) -> bool:
    return span[0] < end and start < span[1]


def _compact(s: str) -> str:
    return "".join(s.split())


def merge_entities(ctx: Context, entities: list[Entity], backend: str = "ckip",
                   word_bounds: set[int] | None = None) -> MergeReport:
    """Merge `entities` into `ctx` (people, divisions; DATE entities confirm dates)."""
    report = MergeReport()
    for ent in sorted(entities, key=lambda e: (e.start, -e.end)):
        if ent.text != ctx.doc.text[ent.start:ent.end]:  # never let an ungrounded span through
            continue
        aligned = word_bounds is None or (ent.vstart in word_bounds and ent.vend in word_bounds)
        if ent.label in PERSON_LABELS:
            _merge_person(ctx, ent, backend, aligned, report)
        elif ent.label in ORG_LABELS:
            _merge_org(ctx, ent, backend, aligned, report)
        elif ent.label in DATE_LABELS:
            _merge_date(ctx, ent, backend, report)
    if report.unread_dates:
        shown = ", ".join(f"「{e.text}」[{e.start},{e.end})" for e in report.unread_dates[:MAX_WARNED])
        more = len(report.unread_dates) - MAX_WARNED
        ctx.warnings.append(
            f"{backend}: {len(report.unread_dates)} date or time mention(s) the rules did not read: {shown}"
            + (f" and {more} more" if more > 0 else "")
        )
    return report


def _confirm(values: list[Mention], ent: Entity, backend: str, report: MergeReport,
             agree: Callable[[Mention], bool]) -> bool:
    """True when a rule value overlaps `ent` (confirmed if `agree(value)`, else corrected)."""
    hits = [v for v in values if v.source != backend and _overlaps(v.span, ent.start, ent.end)]
    if not hits:
        return False
    agreed = [v for v in hits if agree(v)]
    for v in agreed:
        v.source = with_source(v.source, backend)
    if agreed:
        report.confirmed += 1
    else:
        report.corrected += 1
    return True


# ---- people --------------------------------------------------------------------------------
def _name_ok(ctx: Context, name: str, has_title: bool) -> bool:
    """The lexicon's person grammar: a name of a known surname, or a surname alone before a title."""
    core = "".join(c for c in name if c not in NAME_MARKS)
    if not core or not all(is_cjk(c) for c in core):
        return False
    if ctx.lex.titles.get(name) is not None:
        return False
    names = ctx.lex.grammar(Names)
    if len(core) == 1:  # a surname alone counts only before a title: 涂組長
        return has_title and names.is_surname(core)
    if len(core) < len(name):  # a transliterated name: 史蒂芬·金
        return len(core) <= 12
    return names.score(core) > 0


def _title_after(ctx: Context, end: int) -> tuple[str, int] | None:
    """A title written right after a text offset (黃妙英股長), as written and where it ends."""
    doc = ctx.doc
    m0 = _SPACES.match(doc.folded, end)
    pos = m0.end() if m0 else end
    cpos = doc.to_compact(pos)
    titles = find_titles(doc.compact, ctx.lex, cpos, min(len(doc.compact), cpos + 8))
    if not titles or titles[0].start != cpos:
        return None
    s, e = doc.span(titles[0].start, titles[0].end)
    return doc.text[s:e], e


def _title_before_at(ctx: Context, start: int) -> tuple[str, int] | None:
    """A title written right before a text offset on the same line (主席 陳志銘)."""
    doc = ctx.doc
    line_start = doc.text.rfind("\n", 0, start) + 1
    cs, ce = doc.to_compact(max(line_start, start - 16)), doc.to_compact(start)
    titles = [t for t in find_titles(doc.compact, ctx.lex, cs, ce) if t.end == ce]
    if not titles:
        return None
    s, _ = doc.span(titles[-1].start, titles[-1].end)
    return doc.text[s:start].rstrip(" \u3000"), s


def _division_before(ctx: Context, start: int) -> str | None:
    for d in ctx.divisions:
        if d.span[1] <= start and not ctx.doc.text[d.span[1]:start].strip(" \u3000"):
            return d.canonical or d.name
    return None


def _merge_person(ctx: Context, ent: Entity, backend: str, aligned: bool, report: MergeReport) -> None:
    def agree(p: Mention) -> bool:
        return isinstance(p, Person) and ent.name in (_compact(p.name), _compact(p.text))

    if _confirm(list(ctx.people), ent, backend, report, agree):
        return
    if not aligned or any(_overlaps(d.span, ent.start, ent.end) for d in ctx.divisions):
        report.corrected += 1
        return
    start, end, title = ent.start, ent.end, None
    after = _title_after(ctx, ent.end)
    if after:
        title, end = after
    else:
        before = _title_before_at(ctx, ent.start)
        if before:
            title, start = before
        elif ctx.head.meeting.spans.get("chair") == (ent.start, ent.end):
            title = "主席"
    if not _name_ok(ctx, ent.name, title is not None):
        return
    if any(_overlaps(p.span, start, end) for p in ctx.people):
        report.corrected += 1
        return
    _insert(ctx.people, Person(
        name=ent.name, title=title, division=_division_before(ctx, start),
        text=ctx.doc.text[start:end], span=(start, end), page=ctx.doc.page_of(start), source=backend,
    ))
    report.added_people += 1


# ---- divisions -----------------------------------------------------------------------------
def _allowed_unit(ctx: Context, name: str) -> tuple[bool, str | None]:
    """Whether `name` may be a unit of this body (the units extractor's own reading of it), and
    its canonical name where known."""
    doc = Document(text=name, source=ctx.doc.source)
    sub = Context(doc=doc, profile=ctx.profile, lex=ctx.lex, rules=ctx.rules, head=ctx.head)
    for hit in find_units(sub):
        if hit.start == 0 and hit.end == len(doc.compact) and not hit.outside:
            return True, hit.canonical
    return False, None


def _merge_org(ctx: Context, ent: Entity, backend: str, aligned: bool, report: MergeReport) -> None:
    def agree(d: Mention) -> bool:
        return isinstance(d, Division) and (_compact(d.name) == ent.name or d.canonical == ent.name)

    if _confirm(list(ctx.divisions), ent, backend, report, agree):
        return
    if not aligned or any(_overlaps(p.span, ent.start, ent.end) for p in ctx.people):
        report.corrected += 1
        return
    name = ent.name
    if not (2 <= len(name) <= 20 and all(is_cjk(c) for c in name)):
        return
    ok, canonical = _allowed_unit(ctx, name)
    if not ok:
        return
    _insert(ctx.divisions, Division(
        name=name, canonical=canonical, collective=False, text=ent.text, span=(ent.start, ent.end),
        page=ctx.doc.page_of(ent.start), source=backend,
    ))
    report.added_divisions += 1


# ---- dates ---------------------------------------------------------------------------------
def _merge_date(ctx: Context, ent: Entity, backend: str, report: MergeReport) -> None:
    values: list[Mention] = [*ctx.dates, *ctx.times]
    if not _confirm(values, ent, backend, report, lambda v: True):
        report.unread_dates.append(ent)
