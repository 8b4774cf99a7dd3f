"""Where action items are read: the body cut into sentences (at 。；, list entries, block labels and
lines that end an entry) and a sentence into comma clauses; the regions and sentences read apart
(what others asked or argued under 陳情理由/建議辦法/說明, a proposal that asks the meeting); and the
section, item and block a position stands in.

Kept apart from `pipeline.extract.actions` because none of it asks what a directive is or who is
asked: it is the text's layout as the directive reader walks it, with the lookups (labelled
lines, word prefixes) made fast for long documents.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import Protocol, TypeVar

from pipeline.chars import COLONS
from pipeline.context import Context
from pipeline.document import GapKind
from pipeline.grammar.directives import Directives, quoted
from pipeline.grammar.headings import RUN_ON_LINE, parse_marker
from pipeline.grammar.numerals import NUMERAL
from pipeline.models import Item, Section

SENTENCE_END = re.compile(r"[。；;!?！？]")
_CLAUSE_END = re.compile(r"[,，]")
_RUN_ON_ENTRY = re.compile(r"[(（][一二三四五六七八九十]{1,3}[)）]|(?<![一二三四五六七八九十])[一二三四五六七八九十]{1,3}、")
LIST_MARK = re.compile(r"(?:\([一二三四五六七八九十\d]{1,3}\)|[一二三四五六七八九十\d]{1,3}[、.．]|[◎•●■□◆▲※-])")


class _HasSpan(Protocol):
    @property
    def span(self) -> tuple[int, int]: ...


_Spanned = TypeVar("_Spanned", bound=_HasSpan)


@lru_cache(maxsize=64)
def _labelled(labels: tuple[str, ...]) -> re.Pattern[str]:
    """One of these labels and its colon (built once per list of labels)."""
    return re.compile(r"(?:" + "|".join(map(re.escape, labels)) + r")[:：]")


_COLON = re.compile(f"[{COLONS}]")


@lru_cache(maxsize=64)
def _colonless(labels: tuple[str, ...]) -> tuple[frozenset[str], tuple[int, ...], frozenset[str]] | None:
    """The labels as a set, the lengths they have (longest first) and the characters they end
    with, when none is empty or holds a colon."""
    if any(not w or _COLON.search(w) for w in labels):
        return None
    return frozenset(labels), tuple(sorted({len(w) for w in labels}, reverse=True)), frozenset(w[-1] for w in labels)


@lru_cache(maxsize=2)
def labelled_spans(comp: str, labels: tuple[str, ...]) -> list[tuple[int, int]]:
    """The matches of `_labelled(labels)` in comp, as its finditer gives them (leftmost first, no
    overlap), read from the colons: a label holds no colon, so a match that starts at p ends at the
    first colon after p; the few colons are found, and the labels before each looked up (the
    longest first, the leftmost start), rather than the alternatives tried at every position.
    Kept for the last texts: the sentences and the rulings both ask (the list is not changed)."""
    lookup = _colonless(labels)
    if lookup is None:
        return [m.span() for m in _labelled(labels).finditer(comp)]
    words, lengths, lasts = lookup
    out: list[tuple[int, int]] = []
    scan = 0  # where the pattern would look next
    after_colon = 0  # (a label starts after the colon before this one)
    for m in _COLON.finditer(comp):
        c = m.start()
        if c > 0 and comp[c - 1] in lasts:
            lo = max(scan, after_colon)
            for n in lengths:
                if c - n >= lo and comp[c - n:c] in words:
                    out.append((c - n, c + 1))
                    scan = c + 1
                    break
        after_colon = c + 1
    return out


@lru_cache(maxsize=64)
def _prefix_order(words: tuple[str, ...]) -> tuple[dict[str, int], tuple[int, ...]]:
    """Each word's first place in the list, and the lengths the words have."""
    order: dict[str, int] = {}
    for k, w in enumerate(words):
        order.setdefault(w, k)
    return order, tuple(sorted({len(w) for w in words}))


@lru_cache(maxsize=64)
def _openers(words: tuple[str, ...]) -> frozenset[str] | None:
    """The characters the words open with: one set lookup rules out most positions (None when the
    list holds the empty word, which opens everywhere)."""
    return None if "" in words else frozenset(w[0] for w in words)


def _prefix_finder(words: tuple[str, ...]) -> Callable[[str, int], str | None]:
    """A function giving the first word of the list that comp has at pos: `next(w for w in words
    if comp.startswith(w, pos))` by a lookup per word length rather than a test per word."""
    order, lengths = _prefix_order(words)
    openers = _openers(words)

    def first_prefix(comp: str, pos: int) -> str | None:
        if openers is not None and comp[pos:pos + 1] not in openers:
            return None
        first: int | None = None
        for n in lengths:
            k = order.get(comp[pos:pos + n])
            if k is not None and (first is None or k < first):
                first = k
        return words[first] if first is not None else None

    return first_prefix


def sentences(ctx: Context, start: int) -> list[tuple[int, int]]:
    """Sentence ranges (compact) from `start`: at 。；, at list entries, block labels and lines
    that end an entry."""
    doc = ctx.doc
    comp = doc.compact
    breaks = {start, len(comp)}
    breaks.update(m.end() for m in SENTENCE_END.finditer(comp, start))
    labels = tuple(ctx.rules.conclusion_labels)
    label_openers = _openers(labels)
    starts = doc.compact_line_starts
    has_quotes = "「" in comp or "『" in comp  # (no line is inside quotes in a text without them)
    for cs in starts[bisect.bisect_left(starts, start + 1):]:
        if cs >= len(comp):
            break
        if cs in breaks:
            continue  # (the line before ended a sentence: nothing to decide)
        marker = parse_marker(comp[cs:cs + 8])
        if has_quotes and not marker and quoted(comp, cs, 60):
            continue  # 依據「各級政\n\n府機關…原則」辦理: a quoted title runs on over a break
        # (the checks that read the text alone first; a line break's kind last)
        if marker or comp[cs - 1] in ":：" or LIST_MARK.match(comp, cs) \
                or ((label_openers is None or comp[cs] in label_openers) and comp.startswith(labels, cs)) \
                or doc.gap(cs) == GapKind.HARD:
            breaks.add(cs)
    for ls, le in itertools.pairwise([*starts, len(comp)]):
        if le - ls >= RUN_ON_LINE and le > start:
            # a flattened page: its list entries ((三)…, 四、…) run on inside the line
            breaks.update(m.start() for m in _RUN_ON_ENTRY.finditer(comp, max(ls, start), le))
    if labels:
        breaks.update(b for a, b in labelled_spans(comp, labels) if a >= start)
    ordered = sorted(breaks)
    return [(a, b) for a, b in itertools.pairwise(ordered) if b > a]


def others_regions(ctx: Context, rules: Directives) -> list[tuple[int, int]]:
    """Compact ranges written under a label of what others asked or argued (陳情理由, 建議辦法,
    說明): from the label to the next labelled line or block."""
    doc, comp = ctx.doc, ctx.doc.compact
    others = rules.words_of("others_labels")
    petition = rules.words_of("petition_labels")
    if not others:
        return []
    stops = (*ctx.rules.conclusion_labels, *others, *ctx.lex.section_words("labels", "item_labels"))
    first_stop = _prefix_finder(stops)
    starts = doc.compact_line_starts
    section_starts = {doc.to_compact(sec.span[0]) for sec in ctx.sections}
    body_start = ctx.body_start
    out: list[tuple[int, int]] = []
    open_at: int | None = None
    block = False  # the label stands alone on its line: its numbered points follow (說明：\n一、…\n二、…)
    for k, cs in enumerate(starts):
        if cs < body_start or cs >= len(comp):
            continue
        label = first_stop(comp, cs)
        if label is None and (parse_marker(comp[cs:cs + 8]) is None or (block and cs not in section_starts)):
            continue
        if open_at is not None:
            out.append((open_at, cs))
            open_at = None
        if label in others:
            open_at = cs
            line_end = starts[k + 1] if k + 1 < len(starts) else len(comp)
            block = comp[cs + len(label):line_end].strip(":：") == "" or label in petition
    if open_at is not None:
        out.append((open_at, len(comp)))
    return out


def inside(ranges: list[tuple[int, int]], pos: int) -> bool:
    """pos inside one of the sorted, disjoint ranges."""
    i = bisect.bisect_right(ranges, pos, key=lambda r: r[0]) - 1
    return i >= 0 and ranges[i][0] <= pos < ranges[i][1]


def clauses(comp: str, a: int, b: int) -> list[tuple[int, int]]:
    out, s = [], a
    for m in _CLAUSE_END.finditer(comp, a, b):
        out.append((s, m.start()))
        s = m.end()
    out.append((s, b))
    return [(x, y) for x, y in out if y > x]


def strip_lead(comp: str, a: int, b: int) -> int:
    m = LIST_MARK.match(comp, a, b)
    return m.end() if m else a


def _at(spans: Sequence[_Spanned], pos: int) -> _Spanned | None:
    """The span holding pos, in a list sorted by start and not overlapping: a bisection, since a
    long document has thousands of items and every directive looks its place up."""
    i = bisect.bisect_right(spans, pos, key=lambda x: x.span[0]) - 1
    if i >= 0 and spans[i].span[0] <= pos < spans[i].span[1]:
        return spans[i]
    return None


def locate(sections: list[Section], pos: int) -> tuple[Section | None, Item | None, str | None]:
    sec = _at(sections, pos)
    if sec is None:
        return None, None, None
    item: Item | None = None
    found_block = _at(sec.blocks, pos)
    block = found_block.label if found_block is not None else None
    items: list[Item] = sec.items
    while (found := _at(items, pos)) is not None:
        item = found
        found_block = _at(found.blocks, pos)
        block = found_block.label if found_block is not None else block
        items = found.children
    return sec, item, block


# a case's own label opening its title (第一案：, 提案一、, 【提案二】, 議案3:): the title asks the meeting
_CASE_LABEL = re.compile(rf"第[{NUMERAL}]+案[:：]|[(（]?(?:提案|議案)[{NUMERAL}]+[)）]?[、:：.．]?")


def is_proposal(sentence: str, rules: Directives) -> bool:
    """案由：請審議… / 請法規委員會選出第一及第二召集人各1人案: a proposal asks the meeting."""
    labels = rules.words_of("proposal_labels")
    if rules.proposal.search(sentence) or (":" in sentence and any(f"{label}:" in sentence for label in labels)):
        return True
    bare = sentence.rstrip("。 ")
    lead = bare.lstrip("(（一二三四五六七八九十0123456789、.)")
    if lead.startswith(labels) or _CASE_LABEL.match(bare):
        return True  # (第一案：請研議「…檢討案」: a case's title)
    bare = bare.rstrip("」』")  # (請研議「劃定…範圍案」: the case named in quotes)
    return bare.endswith("案") and not bare.endswith(("定案", "結案", "備案", "專案", "方案", "檔案", "答案")) \
        and not re.search("[,，]", bare) and lead[:1] in "請擬"

