"""The title grammar: [modifier]* head, as minutes write posts and roles.

A head is a post or a meeting role from the lexicon (局長, 委員, 理事, 主席); modifiers stand
before it (副, 代理, 代, 署理, 兼, 前, 常務, 政務 ...): 代局長, 兼主任委員, 前委員, 常務理事.
Found with one automaton pass over the compact text; where titles overlap the longest wins
(副主任委員 over 主任委員 over 委員).
"""

from __future__ import annotations

from bisect import bisect_left
from typing import NamedTuple

from pipeline.chars import is_cjk
from pipeline.gazetteer import Occurrences, longest_of
from pipeline.lexicon import Lexicon

MAX_MODIFIERS = 3


class Title(NamedTuple):
    """A title found (immutable; a named tuple because the grammar makes tens of thousands of them
    per corpus and a frozen dataclass costs several times more to create)."""
    start: int  # compact offsets of the whole title, modifiers included
    end: int
    head_start: int
    text: str  # as matched on the compact view (代局長)
    kind: str  # "post" or "role"

    @property
    def modified(self) -> bool:
        return self.head_start > self.start


def _blocked(comp: str, a: int, b: int, not_titles: Occurrences[bool], not_after: tuple[str, ...],
             end: int) -> bool:
    """委員 in 委員會, 主席 in 主席團: a longer word that is not a title covers the head (one of
    `not_titles`, within four characters of the head on either side); or a word follows the head
    that no title does, inside the range read (學生家長會林桂國會長 / 會議議程: an entry's last title
    is not blocked by the line after the entry, which the compact view runs on)."""
    for k in range(bisect_left(not_titles.ends, b), len(not_titles.hits)):
        x, y, _ = not_titles.hits[k]
        if y > b + 4:
            break
        if a - 4 <= x <= a and y - x > b - a:
            return True
    return b < end and comp.startswith(not_after, b)


def modifier_start(comp: str, a: int, lex: Lexicon, limit: int = 0) -> int:
    """Where the modifiers before a head at `a` begin (a itself when there are none); a
    modifier that is the end of a common word (目前, 時代) is not one."""
    for _ in range(MAX_MODIFIERS):
        found = lex.modifiers.ending_at(comp, a, limit)
        if found is None:
            break
        blockers = lex.words_of("not_modifiers")
        blocker_tuple = lex.tuple_of("not_modifiers")  # (one str.endswith over them rules most places out)
        m_start = found[0]
        if comp.endswith(blocker_tuple, max(limit, m_start - 3), a) and any(
                comp.endswith(w, max(limit, m_start - 3), a) and len(w) > a - m_start for w in blockers):
            break
        a = m_start
    return a


def _at_boundary(comp: str, lex: Lexicon, a: int, b: int, kind: str, end: int,
                 longest_from: dict[int, tuple[int, str]]) -> tuple[int, int, str]:
    """張懋中校長: where a title (中校) runs into a longer reading that ends the entry (校長), the
    name's last character and the next title share it: the title that ends at the boundary wins.
    `longest_from` holds the longest title starting at each position of the range."""
    if b >= end or not is_cjk(comp[b]):
        return a, b, kind
    for p in range(a + 1, b):
        alt = longest_from.get(p)
        if alt is not None and alt[0] > b and (alt[0] == end or not is_cjk(comp[alt[0]])):
            return p, alt[0], alt[1]
    return a, b, kind


def _after_unit(comp: str, lex: Lexicon, a: int, b: int, kind: str, start: int) -> tuple[int, str]:
    """議事組主任黃錦平, 輔導室主任施錦芬: a title led by a unit word (組主任, 室主任) right after a
    name is the unit's name, then the post (主任); after a modifier it is the post (郭代組主任子仙)."""
    if b - a < 3 or a <= start or not is_cjk(comp[a - 1]) or comp[a] not in lex.unit_chars \
            or lex.modifiers.ending_at(comp, a, start) is not None:
        return a, kind
    rest = lex.titles.get(comp[a + 1:b])
    return (a + 1, rest) if rest is not None else (a, kind)


# A text longer than this is a document's view: results are kept for the last few such texts only
# (memory stays bounded in a long batch). Shorter texts (labels, entries) share one memo, emptied
# when it grows past _SHORT_LIMIT ranges.
_SHORT_TEXT = 64
_LONG_TEXTS_KEPT = 4
_SHORT_LIMIT = 50_000


class _TitleMemo:
    """find_titles's results by text and range: the stages ask the same ranges again (the whole
    document from several extractors, a roster's entries while segmenting it)."""

    def __init__(self, lex: Lexicon) -> None:
        self.by_text: dict[str, _LongText] = {}
        self.short: dict[tuple[str, int, int], tuple[Title, ...]] = {}


class _LongText:
    """A document's view: the titles and the words that are not titles found in it once, by one
    automaton pass each; every range asked is read from these, and its titles are kept."""

    def __init__(self, comp: str, lex: Lexicon) -> None:
        titles, not_titles, *_ = lex.view_scan.occurrences(comp)  # (the units found in the same pass)
        self.titles: Occurrences[str] = Occurrences(titles)
        self.not_titles: Occurrences[bool] = Occurrences(not_titles)
        self.ranges: dict[tuple[int, int], tuple[Title, ...]] = {}


def find_titles(comp: str, lex: Lexicon, start: int = 0, end: int | None = None) -> list[Title]:
    """Title occurrences in comp[start:end], non-overlapping, longest first where they overlap."""
    end = len(comp) if end is None else end
    memo = lex.grammar(_TitleMemo)
    if len(comp) > _SHORT_TEXT:
        text = memo.by_text.get(comp)
        if text is None:
            if len(memo.by_text) >= _LONG_TEXTS_KEPT:
                del memo.by_text[next(iter(memo.by_text))]  # the text seen first
            text = memo.by_text[comp] = _LongText(comp, lex)
        found = text.ranges.get((start, end))
        if found is None:
            found = text.ranges[(start, end)] = tuple(_find_titles(
                comp, lex, start, end, text.titles.within(start, end), text.not_titles))
        return list(found)
    found = memo.short.get((comp, start, end))
    if found is None:
        if len(memo.short) >= _SHORT_LIMIT:
            memo.short.clear()
        found = memo.short[(comp, start, end)] = tuple(_find_titles(
            comp, lex, start, end, lex.titles.occurrences(comp, start, end),
            Occurrences(lex.not_titles.occurrences(comp, max(0, start - 4), min(len(comp), end + 4)))))
    return list(found)


def _find_titles(comp: str, lex: Lexicon, start: int, end: int, found: list[tuple[int, int, str]],
                 not_titles: Occurrences[bool]) -> list[Title]:
    """The titles in comp[start:end] from the title words `found` there and the words that are
    not titles around the range (the occurrences of each): every head is checked against these
    lists, not by probing the text again."""
    if not found:
        return []
    longest_from: dict[int, tuple[int, str]] = {}
    for a, b, kind in found:
        if b > longest_from.get(a, (0, ""))[0]:
            longest_from[a] = (b, kind)
    not_after = lex.tuple_of("not_after_titles")
    out: list[Title] = []
    last_end = start
    for a, b, kind in longest_of(found, start, end):
        if a < last_end:
            continue  # (inside a title read over a boundary below)
        a, b, kind = _at_boundary(comp, lex, a, b, kind, end, longest_from)
        a, kind = _after_unit(comp, lex, a, b, kind, start)
        if _blocked(comp, a, b, not_titles, not_after, end):
            continue
        s = modifier_start(comp, a, lex, max(start, last_end))
        if out and out[-1].end == s and lex.modifiers.starting_at(comp, s, a) == (a, "concurrent"):
            # 首席參事兼組長, 審計官兼主任: one person's two posts, written as one title
            first = out.pop()
            s = first.start
        out.append(Title(s, b, a, comp[s:b], kind))
        last_end = b
    return out
