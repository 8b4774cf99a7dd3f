"""Divisions: the internal units of the body holding the meeting, and collectives (各組室).

Which suffixes make a unit depends on the body: a city government's units are its 局 and 處,
a bureau's are its 科 and 室, a council's its 組 and 室; a body profile may list its units and
aliases (公管中心) and close the list.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from pipeline.context import Context
from pipeline.document import Document, GapKind, as_written, compact_range
from pipeline.models import Division
from pipeline.profiles import Profile

MAX_NAME = 10
GENERIC_COLLECTIVES = ("機關", "單位", "部會", "局處")


@dataclass(frozen=True)
class UnitHit:
    start: int  # compact offsets
    end: int
    collective: bool = False


@lru_cache(maxsize=16)
def _suffix_regex(suffixes: tuple[str, ...], blockers: tuple[str, ...]) -> re.Pattern[str] | None:
    if not suffixes:
        return None
    # a one-character suffix may start another word (組織, 處理, 科技); a longer one does not
    long = "|".join(re.escape(s) for s in sorted(suffixes, key=len, reverse=True) if len(s) > 1)
    short = "".join(re.escape(s) for s in suffixes if len(s) == 1)
    block = "|".join(map(re.escape, blockers))
    alts = [f"(?:{long})(?!長)"] if long else []
    if short:
        alts.append(f"[{short}](?!{block})")
    return re.compile("|".join(alts))


@lru_cache(maxsize=16)
def _collective_regex(prefixes: tuple[str, ...], units: tuple[str, ...]) -> re.Pattern[str]:
    p = "|".join(map(re.escape, prefixes))
    u = "|".join(re.escape(x) for x in sorted(units, key=len, reverse=True))
    return re.compile(f"(?:{p})(?:{u})(?!長)")


@lru_cache(maxsize=16)
def _roster_regex(names: tuple[str, ...]) -> re.Pattern[str] | None:
    if not names:
        return None
    return re.compile("|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)) + "(?!長)")


def allowed_suffixes(ctx: Context) -> tuple[str, ...]:
    m = ctx.head.meeting
    kind = ctx.profile.body_kind_for(m.body, m.name, m.title)
    return tuple(ctx.profile.unit_suffixes.get(kind, ()))


def is_not_unit(name: str, profile: Profile) -> bool:
    return any(name.endswith(w) for w in profile.not_units)


def extend_left(doc: Document, profile: Profile, end_of_name: int, suffix_start: int) -> int:
    """Where a unit name ending in a suffix at `suffix_start` begins: back over CJK characters,
    stopping at function words, punctuation, column gaps and parent words (本府, 市府 ...)."""
    comp = doc.compact
    start = suffix_start
    while start > 0 and end_of_name - start < MAX_NAME:
        ch = comp[start - 1]
        if ch in "及與暨" and _short_conjunct(comp, start - 1, profile):
            start -= 1  # 僑生及陸生輔導組: a conjunction inside the name
            continue
        if not ("\u4e00" <= ch <= "\u9fff" or ch == "〇") or ch in profile.unit_breaker_set:
            break
        if doc.gap(start) == GapKind.HARD:
            break
        if doc.gap(start) == GapKind.SOFT and "\n" in doc.text[doc.compact_index[start - 1]:doc.compact_index[start]] \
                and _ends_with_name_entry(comp, start, profile):
            break  # a line that ends a list of names (、崔萱傑) does not run into the next line's unit
        if any(comp.endswith(p, 0, start) for p in profile.parent_prefixes):
            break
        if any(comp.endswith(w, 0, start) for w in profile.stop_words):
            break
        start -= 1
    return start


def _short_conjunct(comp: str, pos: int, profile: Profile) -> bool:
    """Is the word before the conjunction at `pos` a short part of one name (僑生及…), not a
    unit or a long phrase of its own (公管中心及…, 食養農創計畫及…)?"""
    n = 0
    while pos - n > 0 and n < 3 and "\u4e00" <= comp[pos - n - 1] <= "\u9fff" \
            and comp[pos - n - 1] not in profile.unit_breaker_set:
        n += 1
    word = comp[pos - n:pos]
    return 1 <= n <= 2 and (pos - n == 0 or comp[pos - n - 1] in "、,，;；:(") \
        and not any(word.endswith(s) for s in ("中心", "組", "室", "科", "處", "局", "課", "股", "隊", "會"))


def _ends_with_name_entry(comp: str, end: int, profile: Profile) -> bool:
    """Does the text before `end` end with a list entry that reads as a name (、崔萱傑)?"""
    n = 0
    while end - n > 0 and n < 5 and "\u4e00" <= comp[end - n - 1] <= "\u9fff" and comp[end - n - 1] != "、":
        n += 1
    start = end - n
    return 2 <= n <= 3 and start > 0 and comp[start - 1] == "、" and comp[start] in profile.surname_set


def find_units(ctx: Context, cstart: int = 0, cend: int | None = None) -> list[UnitHit]:
    """Unit mentions in a compact range."""
    doc, profile = ctx.doc, ctx.profile
    comp = doc.compact
    cend = len(comp) if cend is None else cend
    hits: list[UnitHit] = []
    taken = bytearray(len(comp) + 1)  # positions already inside a unit

    def add(a: int, b: int, collective: bool = False) -> None:
        if b - a < 2 or any(taken[a:b]):
            return
        hits.append(UnitHit(a, b, collective))
        taken[a:b] = b"\x01" * (b - a)

    suffixes = allowed_suffixes(ctx)
    if not suffixes and not profile.units:
        return []  # a committee or a society: no internal units
    for m in _collective_regex(tuple(profile.collective_prefixes), tuple(profile.collective_units)).finditer(
            comp, cstart, cend):
        # 各科 is each subject at a school, each section at a bureau: the body decides
        word = m.group(0)
        if profile.units_closed or word.endswith(GENERIC_COLLECTIVES) or any(word.endswith(x) for x in suffixes):
            add(m.start(), m.end(), True)
    roster = _roster_regex(tuple(profile.unit_alias_map))
    if roster is not None:
        for m in roster.finditer(comp, cstart, cend):
            add(m.start(), m.end())
    if not profile.units_closed:
        for m in re.finditer(r"「([^」]{2,20})」", comp[cstart:cend]):
            inner = m.group(1)
            if any(inner.endswith(s) for s in suffixes) and not is_not_unit(inner, profile):
                add(cstart + m.start(1), cstart + m.end(1))
        rx = _suffix_regex(suffixes, tuple(profile.unit_blockers_after))
        if rx is not None:
            for m in rx.finditer(comp, cstart, cend):
                a = extend_left(doc, profile, m.end(), m.start())
                name = comp[a:m.end()]
                if a == m.start() or is_not_unit(name, profile) or name in profile.titles:
                    continue
                add(a, m.end())
        if "委員會" in suffixes:
            # 研考會, 原民會: an abbreviated 委員會, standing after a gap or a function word
            for m in re.finditer(profile.unit_abbreviation_pattern, comp[cstart:cend]):
                end = cstart + m.end()
                for a in range(end - 3, max(cstart, end - 4) - 1, -1):
                    if a == 0 or doc.gap(a) != GapKind.NONE or comp[a - 1] in profile.unit_breaker_set:
                        add(a, end)
                        break
    return sorted(hits, key=lambda h: h.start)


def _excluded(ctx: Context) -> list[tuple[int, int]]:
    """Compact ranges where unit words are not the body's units: title, date and place values."""
    doc, head = ctx.doc, ctx.head
    spans = [head.title_span] if head.title_span else []
    for fld in ("date", "location"):
        spans += head.value_spans.get(fld, [])
    return [compact_range(doc, s, e) for s, e in spans if s is not None]


def extract_divisions(ctx: Context) -> list[Division]:
    doc = ctx.doc
    excluded = _excluded(ctx)
    aliases = ctx.profile.unit_alias_map
    out: list[Division] = []
    for h in find_units(ctx):
        if any(a <= h.start < b for a, b in excluded):
            continue
        s, e = doc.span(h.start, h.end)
        name = as_written(doc, h.start, h.end)
        out.append(Division(text=doc.text[s:e], span=(s, e), name=name,
                            canonical=aliases.get(doc.compact[h.start:h.end]), collective=h.collective))
    return out
