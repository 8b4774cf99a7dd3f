"""Action items: directives with the units or people asked, their deadline, and the section, item
and block they come from.

A sentence is cut into comma clauses. A clause with a directive word (a frame of
`pipeline.grammar.directives`) opens an item; a later clause opens another when it asks someone
new (…，另請消防局於十月底前提報) or has a subject of its own, and otherwise continues the item
(…，並於12月底前回報). The ones asked are read where the frame puts them: the units, people and posts
named right after 請/送請/責成/交由 (joined by 、 及 與 …; not a partner after 會同), or the subject before 應/負責. Units and
people come from the extractors that ran before (`divisions`, `outside_bodies`, `people`), so
請公管中心及市民服務組向資訊局確認 asks 公管中心 and 市民服務組, and 經濟部水利署 is one assignee.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Protocol, TypeVar

from pipeline.chars import COLONS, is_cjk
from pipeline.context import Context
from pipeline.document import GapKind, as_written
from pipeline.extract.registry import component
from pipeline.fold import fold
from pipeline.gazetteer import Occurrences, longest_of
from pipeline.grammar.dates import WEEKDAY
from pipeline.grammar.directives import Directives, Trigger, quoted
from pipeline.grammar.headings import RUN_ON_LINE, parse_marker
from pipeline.grammar.numerals import NUMERAL
from pipeline.grammar.titles import find_titles
from pipeline.models import ActionItem, Assignee, Item, Section
from pipeline.words import common_words

_SENTENCE_END = re.compile(r"[。；;!?！？]")
_CLAUSE_END = re.compile(r"[,，]")
_ROLE_UNITS = ("單位", "機關")  # 開闢單位, 執行機關: a unit named by what it does
_RUN_ON_ENTRY = re.compile(r"[(（][一二三四五六七八九十]{1,3}[)）]|(?<![一二三四五六七八九十])[一二三四五六七八九十]{1,3}、")
_LIST_MARK = re.compile(r"(?:\([一二三四五六七八九十\d]{1,3}\)|[一二三四五六七八九十\d]{1,3}[、.．]|[◎•●■□◆▲※-])")


class _HasSpan(Protocol):
    @property
    def span(self) -> tuple[int, int]: ...


_Spanned = TypeVar("_Spanned", bound=_HasSpan)


@dataclass
class Draft:
    start: int
    end: int
    trigger: Trigger
    assignees: list[str] = field(default_factory=list)
    names_end: int = -1  # where the list of the ones asked ended


class _Mentions:
    """The units, bodies, people and posts named in the text, by where they start."""

    def __init__(self, ctx: Context) -> None:
        doc = ctx.doc
        self.ctx = ctx
        self.doc = doc
        self.comp = doc.compact
        self.people = {doc.to_compact(p.span[0]): (p.name, doc.to_compact(p.span[1])) for p in ctx.people}
        self.units: dict[int, tuple[str, int]] = {}
        for d in (*ctx.divisions, *ctx.outside_bodies):
            self.units[doc.to_compact(d.span[0])] = (d.name, doc.to_compact(d.span[1]))
        # the parties a directive asks by their role or short name (市府, 實施者, 主管機關), where no
        # unit or person was read
        taken = sorted((a, e) for a, (_, e) in (*self.units.items(), *self.people.items()))
        starts = [a for a, _ in taken]
        # (the addressees of unit_words, found in the pass that found the view's titles and units)
        for a, b, _ in longest_of(ctx.lex.view_scan.occurrences(self.comp)[3], 0, len(self.comp)):
            k = bisect.bisect_right(starts, a) - 1
            if (k >= 0 and taken[k][1] > a) or (k + 1 < len(taken) and taken[k + 1][0] < b):
                continue
            self.units[a] = (as_written(doc, a, b), b)
        self.starts = frozenset(self.people) | frozenset(self.units)
        self.ends = frozenset(e for _, e in (*self.units.values(), *self.people.values()))
        self.org_words = ctx.lex.org_words
        self._collective = frozenset(doc.to_compact(d.span[0]) for d in ctx.divisions if d.collective)
        self._spans = sorted((a, e) for a, (_, e) in (*self.units.items(), *self.people.items()))
        self._span_starts = [a for a, _ in self._spans]

    def collective(self, p: int) -> bool:
        return p in self._collective

    def covers(self, p: int) -> bool:
        """Is p inside (not at the start of) a unit or a person's mention?"""
        k = bisect.bisect_left(self._span_starts, p) - 1
        return k >= 0 and self._spans[k][0] < p < self._spans[k][1]

    def unit_at(self, p: int, limit: int) -> tuple[str, int] | None:
        """A unit at p, with the units written right after it as one (經濟部水利署, 縣政府民政處)."""
        hit = self.units.get(p)
        if hit is None:
            return None
        end = hit[1]
        while end < limit and end in self.units and self.doc.gap(end) == GapKind.NONE:
            end = self.units[end][1]
        return as_written(self.doc, p, end), end


_SHARED_SUFFIX = re.compile(r"(?P<numbers>第?[一二三四五六七八九十]{1,2}(?:[、及與]第?[一二三四五六七八九十]{1,2})+)"
                           r"(?P<word>[科組課股室隊])(?![長員])")


class _Assignees:
    """Reads the ones asked, where a frame puts them."""

    def __init__(self, ctx: Context, rules: Directives) -> None:
        self.ctx = ctx
        self.doc = ctx.doc
        self.comp = ctx.doc.compact
        self.rules = rules
        self.mentions = _Mentions(ctx)
        self.parents = sorted(ctx.lex.words_of("parent_words"), key=len, reverse=True)
        self.parent_tuple = tuple(self.parents)  # (one str.startswith over them rules most places out)
        self.stop = ctx.lex.words_of("not_in_units")
        self.long_org_words = [w for w in ctx.lex.org_words if len(w) > 1]
        self.counterpart_joiners = rules.words_of("counterpart_joiners")
        self.meeting_verbs = tuple(rules.words_of("meeting_verbs"))
        self.words = common_words()

    def one_at(self, p: int, limit: int) -> tuple[str, int] | None:
        comp = self.comp
        m = self.mentions
        start = p
        for prefix in self.parents if comp.startswith(self.parent_tuple, p) else ():
            if comp.startswith(prefix, p) and p + len(prefix) not in m.starts:
                org = self.org_at(p, limit)
                if org is not None and org[0].endswith(_ROLE_UNITS) and org[1] > p + len(prefix):
                    return org  # 市府開闢單位, 市府交通單位: the body's unit named by its role
            if comp.startswith(prefix, p) and (p + len(prefix) in m.starts):
                p += len(prefix)  # 縣政府民政處, 本府教育局: the unit after the parent
                if prefix.startswith("本"):
                    start = p  # 本院研考會 is 研考會: the body refers to itself
                break
        if p in m.people:
            return m.people[p]
        unit = m.unit_at(p, limit)
        if unit is not None:
            return as_written(self.doc, start, unit[1]), unit[1]
        group = self.rules.group.match(comp, p, limit)
        if group is not None:
            org = self.org_at(p, limit)
            if org is not None and org[1] > group.end():
                return org  # 各領域課程綱要研修小組: one body whose name opens like a group
            return as_written(self.doc, p, group.end()), group.end()
        titles = find_titles(comp, self.ctx.lex, p, min(limit, p + 8))
        if titles and titles[0].start == p and not self.words.verbal(comp[p:titles[0].end]):
            return as_written(self.doc, p, titles[0].end), titles[0].end  # 請理事長連絡…: a post asked
        return self.org_at(p, limit)

    def org_at(self, p: int, limit: int) -> tuple[str, int] | None:
        """An organisation the extractors did not name: the longest run of characters ending in
        an organisation word of two or more characters (臺灣自來水公司, 市府開闢單位), not running
        over a verb that governs what follows it (由自來水事業處委託漢洋建設公司)."""
        comp = self.comp
        if p >= limit or comp[p] in "於將在自由向與和及以依就對" or self.words.grammatical(comp[p:p + 2]):
            return None  # 請於…, 請正式簽…: no one is named
        for e in range(p + 2, min(limit, p + 16) + 1):
            ch = comp[e - 1]
            if not is_cjk(ch) or ch in self.stop or self.doc.gap(e - 1) == GapKind.HARD:
                break
            word = next((w for w in self.mentions.org_words if comp.endswith(w, p, e)), None) \
                if comp.endswith(self.mentions.org_words, p, e) else None
            if word is None or (e < limit and comp[e] in "長員"):
                continue
            if len(word) == 1 and e - 2 > p and self.words.function(comp[e - 2:e]):
                continue  # 與會: the character ends a verb, not an organisation's name
            inner = comp[p:e - len(word)]
            role = word in _ROLE_UNITS  # 開闢單位, 執行機關: a verb before 單位 names the unit by its role
            if not role and any((w := self.words.get(inner[k:k + 2])) is not None and w.tag in ("v", "vn")
                                for k in range(len(inner) - 2)):
                break  # a verb inside, not right before the organisation word: 委託漢洋建設公司
            if len(word) > 1 or self.boundary(e, limit):
                # a post that opens the name or stands right before the organisation word (請局長
                # 辦公室…) names a person's office; one inside a name does not (…工程顧問股份有限公司)
                if any(t.start == p or t.end == e - len(word) for t in find_titles(comp, self.ctx.lex, p, e)):
                    return None
                return as_written(self.doc, p, e), e  # the shortest: 警察局|研處見復
        return None

    def boundary(self, e: int, limit: int) -> bool:
        """Does what follows an organisation's name show that the name ends at e?"""
        comp = self.comp
        if e >= limit or not is_cjk(comp[e]):
            return True
        if comp.startswith(self.rules.joiners, e) or comp.startswith(self.rules.appositions, e):
            return True
        if self.rules.handling.starting_at(comp, e, limit) is not None:
            return True
        return comp[e] in "於向在就依針對為將" or self.words.particle(comp[e])

    def read(self, p: int, limit: int) -> tuple[list[str], int]:
        names: list[str] = []
        comp = self.comp
        while p < limit:
            shared = _SHARED_SUFFIX.match(comp, p, limit)
            if shared is not None:
                # 請二、四科…, 第一、三組: numbered units written with their unit word once
                word = shared["word"]
                ordinal = "第" if shared["numbers"].startswith("第") else ""  # 第一、三組: 第一組, 第三組
                names += [f"{ordinal}{n}{word}" for n in re.findall(r"[一二三四五六七八九十]+", shared["numbers"])]
                p = shared.end()
                joiner = next((j for j in self.rules.joiners if comp.startswith(j, p)), None)
                if joiner is None:
                    break
                p += len(joiner)
                continue
            hit = self.one_at(p, limit)
            if hit is None:
                break
            names.append(hit[0])
            p = hit[1]
            for a in self.rules.appositions:
                if comp.startswith(a, p):
                    p += len(a)
                    break
            joiner = next((j for j in self.rules.joiners if comp.startswith(j, p)), None)
            if joiner is None:
                break
            nxt = self.one_at(p + len(joiner), limit)
            if nxt is None:
                break  # 請交通局及早…: a joiner word that joins no one
            if joiner in self.counterpart_joiners and comp.startswith(self.meeting_verbs, nxt[1]):
                break  # 請衛生局與上級單位開會時: the counterpart of a meeting is not asked
            p += len(joiner)
        return list(dict.fromkeys(names)), p

    def before(self, p: int) -> list[str]:
        """The person or unit named right before `p` (…陳林文理事負責, 各處室應…)."""
        title = self.ctx.lex.titles.ending_at(self.comp, p, max(0, p - 8))
        ends = {p, title[0]} if title is not None else {p}  # 許瑞榮常務理事負責: the name before the post
        for person in self.ctx.people:
            if self.doc.to_compact(person.span[1]) in ends:
                return [person.name]
        for unit in (*self.ctx.divisions, *self.ctx.outside_bodies):
            if self.doc.to_compact(unit.span[1]) == p:
                return [unit.name]
        return []


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
def _labelled_spans(comp: str, labels: tuple[str, ...]) -> list[tuple[int, int]]:
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


def _sentences(ctx: Context, start: int) -> list[tuple[int, int]]:
    """Sentence ranges (compact) from `start`: at 。；, at list entries, block labels and lines
    that end an entry."""
    doc = ctx.doc
    comp = doc.compact
    breaks = {start, len(comp)}
    breaks.update(m.end() for m in _SENTENCE_END.finditer(comp, start))
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
        if marker or comp[cs - 1] in ":：" or _LIST_MARK.match(comp, cs) \
                or ((label_openers is None or comp[cs] in label_openers) and comp.startswith(labels, cs)) \
                or doc.gap(cs) == GapKind.HARD:
            breaks.add(cs)
    for ls, le in itertools.pairwise([*starts, len(comp)]):
        if le - ls >= RUN_ON_LINE and le > start:
            # a flattened page: its list entries ((三)…, 四、…) run on inside the line
            breaks.update(m.start() for m in _RUN_ON_ENTRY.finditer(comp, max(ls, start), le))
    if labels:
        breaks.update(b for a, b in _labelled_spans(comp, labels) if a >= start)
    ordered = sorted(breaks)
    return [(a, b) for a, b in itertools.pairwise(ordered) if b > a]


def _others_regions(ctx: Context, rules: Directives) -> list[tuple[int, int]]:
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


def _inside(ranges: list[tuple[int, int]], pos: int) -> bool:
    """pos inside one of the sorted, disjoint ranges."""
    i = bisect.bisect_right(ranges, pos, key=lambda r: r[0]) - 1
    return i >= 0 and ranges[i][0] <= pos < ranges[i][1]


def _clauses(comp: str, a: int, b: int) -> list[tuple[int, int]]:
    out, s = [], a
    for m in _CLAUSE_END.finditer(comp, a, b):
        out.append((s, m.start()))
        s = m.end()
    out.append((s, b))
    return [(x, y) for x, y in out if y > x]


def _strip_lead(comp: str, a: int, b: int) -> int:
    m = _LIST_MARK.match(comp, a, b)
    return m.end() if m else a


def _at(spans: Sequence[_Spanned], pos: int) -> _Spanned | None:
    """The span holding pos, in a list sorted by start and not overlapping: a bisection, since a
    long document has thousands of items and every directive looks its place up."""
    i = bisect.bisect_right(spans, pos, key=lambda x: x.span[0]) - 1
    if i >= 0 and spans[i].span[0] <= pos < spans[i].span[1]:
        return spans[i]
    return None


def _locate(sections: list[Section], pos: int) -> tuple[Section | None, Item | None, str | None]:
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


def _is_proposal(sentence: str, rules: Directives) -> bool:
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


@component("action_items", requires=("people", "divisions", "outside_bodies", "dates", "sections"),
           provides=("action_items",))
def actions_component(ctx: Context) -> dict[str, Any]:
    return {"action_items": extract_actions(ctx)}


def extract_actions(ctx: Context) -> list[ActionItem]:
    doc = ctx.doc
    comp = doc.compact
    rules = ctx.lex.grammar(Directives)
    reader = _Assignees(ctx, rules)
    skip_sections = set(rules.words_of("skip_應_in_sections"))
    continuations = rules.words_of("continuations")
    out: list[ActionItem] = []
    quoted = rules.words_of("quoted_addressees")
    others = _others_regions(ctx, rules)
    # the directive words of the whole body in one automaton pass: a sentence that holds none
    # opens no directive, and is not read further
    directive_words = Occurrences(rules.triggers.occurrences(comp, ctx.body_start))
    for a, b in _sentences(ctx, ctx.body_start):
        if not directive_words.any_within(a, b) or _is_proposal(comp[a:b], rules) or _inside(others, a):
            continue
        sec, _, block = _locate(ctx.sections, doc.span(a, a + 1)[0])
        # (an old decision read out under 確認上次會議紀錄 asks nothing new; this meeting's 決定
        # there does: 發言紀錄上網前,應送委員確認)
        skip_ying = sec is not None and sec.kind in skip_sections and block not in ctx.rules.conclusion_labels
        drafts: list[Draft] = []
        for cs, ce in _clauses(comp, a, b):
            triggers = [t for t in rules.find(comp, cs, ce, skip_ying=skip_ying, named_at=reader.mentions.starts,
                                              named_before=reader.mentions.ends)
                        if not reader.mentions.covers(t.start) and t.start not in reader.mentions.starts]
            # (交 in 交通局, 由 of a name: part of a unit's or a person's name, no directive)
            opened = _open(ctx, reader, rules, triggers, ce)
            if opened is None:
                if drafts:
                    cur = drafts[-1]
                    if cur.names_end == cs - 1 and cur.assignees:
                        # 請李委員永辰、黃呂委員錦茹，于委員淑婷、劉委員小蘭…組成專案小組: the list of
                        # the ones asked runs on over a comma
                        more, cur.names_end = reader.read(cs, ce)
                        cur.assignees = list(dict.fromkeys(cur.assignees + more))
                    cur.end = ce
                continue
            t, names, after = opened
            if comp.startswith(quoted, t.end):
                continue  # 請貴府調整…: a quoted letter asks its addressee
            lead = _strip_lead(comp, cs, ce)
            bare_verb = t.start == lead and not names and cs > a and 2 <= ce - t.end <= 5 \
                and _SENTENCE_END.match(comp, b - 1) is not None  # (a finished sentence: 請刪除。)
            tail = sum(map(is_cjk, comp[after:b]))
            if not names and not bare_verb and (tail < 2 or (tail < 3 and not _SENTENCE_END.match(comp, b - 1))):
                continue  # a directive word with nothing after it (a truncated text: …爰此,請考試)
            if not drafts:
                if bare_verb or (t.slot == "before" and t.start == lead and not names and cs > a):
                    # …合計錯誤，請修正 / …審議的範疇，請刪除: a bare verb asks about what the clauses
                    # before it name; the directive is the sentence (發言紀錄上網前,應送委員確認: so is
                    # an 應 that opens its clause, its subject and time before it)
                    lead = _strip_lead(comp, a, ce)
                drafts.append(Draft(lead, ce, t, names, after if names else -1))
                continue
            cur = drafts[-1]
            continued = t.start > cs and comp.startswith(continuations, t.start - 1) \
                and comp[t.start - 1] in "".join(continuations)
            # (…吳委員光庭…組成專案小組，並請吳委員光庭擔任召集人: one of the ones asked singled out
            # for more is asked anew)
            new_names = [n for n in names if n not in cur.assignees] or (
                names if t.word == "請" and set(names) < set(cur.assignees) else [])
            if cur.assignees and comp[cur.end - 1:cur.end] == "後" and cur.end <= cs and t.word == "由":
                # 請總幹事更正財報後，由委員重新簽名公告: what 由 others do "after" finishes the task
                # asked (…函送本部後，交由本會原專案小組研提…: 交由 hands on a task of its own)
                cur.end = ce
            elif cur.trigger.slot == "before" and not cur.assignees and names and t.slot != "before" and not continued:
                # 服務應提供…，請公管中心…確認: the 應 clause states the aim, the 請 clause asks someone
                cur.end, cur.trigger, cur.assignees = ce, t, names
            elif new_names and (cur.assignees or cur.trigger.slot != "before" or continued):
                # …，另請消防局於十月底前提報: someone else asked
                drafts.append(Draft(lead, ce, t, names, after if names else -1))
            elif continued or t.slot == "before" or (t.start == lead and not names):
                cur.end = ce
                cur.assignees = list(dict.fromkeys(cur.assignees + names))
            else:
                drafts.append(Draft(lead, ce, t, names, after if names else -1))
        drafts = [dr for dr in drafts if dr.trigger.word != "負責" or _responsibility(ctx, comp, dr)]
        for k, dr in enumerate(drafts):
            if not dr.assignees and k == 0:
                dr.assignees = _subject(ctx, reader, a, b, dr.trigger.start)
            out.append(_to_item(ctx, dr))
    return _in_charge(ctx, reader, rules, _rulings_set_deadlines(ctx, out), others)


def _rulings_set_deadlines(ctx: Context, items: list[ActionItem]) -> list[ActionItem]:
    """…請交通局提供…資料 / 請農業局提供…資料 / 主席裁定：請於101年12月18日開會前送會: a ruling that
    asks no one, with a deadline, after the requests it rules on (back to the ruling before it, in
    its section) gives them its deadline, and is no item of its own."""
    comp, doc = ctx.doc.compact, ctx.doc
    labels = tuple(ctx.rules.conclusion_labels)
    label_starts = [a for a, _ in _labelled_spans(comp, labels)] if labels else []
    out: list[ActionItem] = []
    pending: list[int] = []  # indexes in `out` of requests with no deadline since the last ruling
    prev_end, prev_section = 0, None
    for it in items:
        cs, ce = doc.to_compact(it.span[0]), doc.to_compact(it.span[1])
        line_start = doc.compact_line_start(cs)
        ruling = comp.startswith(labels, line_start)
        k = bisect.bisect_left(label_starts, prev_end)
        if it.section_heading != prev_section or (k < len(label_starts) and label_starts[k] < line_start):
            pending = []  # (主席裁定：請照辦 between them closed the requests before it)
        prev_end, prev_section = ce, it.section_heading
        if ruling and not it.assignees and it.deadline and pending:
            for k in pending:
                out[k] = out[k].model_copy(update={"deadline": it.deadline, "deadline_text": it.deadline_text})
            pending = []
            continue
        if it.assignees and not it.deadline and not ruling:
            pending.append(len(out))
        out.append(it)
    return out


_LABELLED = re.compile(r"[^，,。:：]{1,8}[:：]")  # 申請單位：臺北市政府（捷運工程局）: a field, not an entry
_IN_CHARGE = re.compile(r"[（(](?:(?P<label>[\u4e00-\u9fff]{2,4})[:：])?(?P<units>[^()（）:：]{2,30})[)）][。；.]?")


def _in_charge(ctx: Context, reader: _Assignees, rules: Directives, items: list[ActionItem],
               others: list[tuple[int, int]]) -> list[ActionItem]:
    """List entries that end with the unit in charge in brackets: …要儘早聯繫規劃辦理。(民政局),
    …（主辦單位：工務局）. The entry's directives that name no one are that unit's; an entry with a
    word of obligation and no directive read is one directive of the unit."""
    doc, comp = ctx.doc, ctx.doc.compact
    line_starts = doc.compact_line_starts
    line_set = doc.compact_line_start_set
    labels = frozenset(rules.words_of("in_charge_labels"))
    skip = {"reports", "previous_minutes", "tracking"}
    body_start = ctx.body_start
    entries = [cs for cs in line_starts if cs >= body_start and cs < len(comp)
               and (_LIST_MARK.match(comp, cs) or parse_marker(comp[cs:cs + 8]))]
    starts = [doc.to_compact(it.span[0]) for it in items]
    unnamed = "".join(rules.words_of("not_assignee_start"))  # 請於…, 請儘速…: no one named after 請
    added: list[ActionItem] = []
    for m in _IN_CHARGE.finditer(comp, ctx.body_start):
        if m.end() < len(comp) and m.end() not in line_set:
            continue  # the brackets do not end the entry
        if m.group("label") and m.group("label") not in labels:
            continue
        k = bisect.bisect_right(entries, m.start()) - 1
        if k < 0 or m.start() - entries[k] > 400 or _inside(others, entries[k]):
            continue
        es = _strip_lead(comp, entries[k], m.start())
        ua, ub = m.span("units")
        names, end = reader.read(ua, ub)
        if not names or end != ub or any(_typed(ctx, n).type not in ("unit", "outside_body", "collective")
                                         for n in names):
            continue
        sec, _, _ = _locate(ctx.sections, doc.span(es, es + 1)[0])
        if sec is not None and sec.kind in skip:
            continue
        inside = [i for i, s in enumerate(starts) if es <= s < m.start()]
        for i in inside:
            it = items[i]
            t = it.text.find(it.trigger)
            asked = t >= 0 and rules.triggers.get(it.trigger) != "before" \
                and it.text[t + len(it.trigger):][:1] not in unnamed  # (應…: the subject is the one asked)
            if not it.assignees and not asked:  # (也請啟忠專員…: someone is named, though not read)
                items[i] = items[i].model_copy(update={
                    "assignees": names, "assignee_details": [_typed(ctx, n) for n in names]})
        if not inside and not _LABELLED.match(comp, es, m.start()) and rules.obliges(comp, es, m.start()):
            trigger = Trigger(m.start(), m.end(), m.group(0).rstrip("。；."), "in_charge")
            added.append(_to_item(ctx, Draft(es, m.start(), trigger, names)))
    return sorted([*items, *added], key=lambda it: it.span[0]) if added else items


def _open(ctx: Context, reader: _Assignees, rules: Directives, triggers: list[Trigger],
          limit: int) -> tuple[Trigger, list[str], int] | None:
    """The first trigger of a clause that opens a directive, the ones it asks, and where they end."""
    comp = ctx.doc.compact
    for t in triggers:
        if t.slot == "before":
            if t.word == "負責":
                by = 1 if comp[t.start - 1:t.start] == "由" else 0
                return t, reader.before(t.start - by) or _by_whom(ctx, reader, t.start), t.end
            # the one who should act stands before 應; 應由各單位推派… names them after it
            if comp[t.end:t.end + 1] == "由":
                names, after = reader.read(t.end + 1, limit)
                return t, names, after
            # 國際處皆應將…: the unit or person right before 應 (an adverb between) is its subject
            p = t.start
            while p > 0 and t.start - p < 2 and comp[p - 1] in rules.subject_adverbs:
                p -= 1
            return t, reader.before(p), t.end
        names, after = reader.read(t.end, limit)
        if not names and t.slot in ("after", "after_with_verb") \
                and not reader.words.common(comp[max(0, t.start - 1):t.end]):  # (理由, 自由, 經由: no 由 frame)
            names, after = _unnamed_party(ctx, reader, rules, t.end, limit) or (names, after)
        title = ctx.lex.titles.starting_at(comp, after, min(limit, after + 6)) if names else None
        spoken = title[0] if title is not None else after  # 請管理中心總幹事報告: the unit's officer speaks
        if t.word == "請" and ((names and comp.startswith(rules.speaking, spoken) and limit - spoken <= 6)
                              or rules.gives_floor(comp, spoken, limit, bool(names))):
            continue  # 請紀律委員會報告, 請何委員從…角度說明: asking someone to speak now, not a directive
        if t.slot == "after_with_verb":
            if not names or comp.startswith(rules.reporting, after):
                continue  # 由王局長說明: who reports, not who is asked
            clause = max(comp.rfind(x, 0, t.start) for x in ",，。；;") + 1
            if any(comp.find(w, clause, t.end) != -1 for w in rules.words_of("past_markers")):
                continue  # 曾於98年3月10日由…委託…辦理: what was done, not a directive
            reach = after + 20 + _quoted_length(comp, after, min(limit, after + 80))
            verbs = [v for v in rules.handling.iter(comp, after, min(limit, reach))
                     if comp[v[1]:v[1] + 1] not in "人員者" and comp.count("(", after, v[0]) <= comp.count(")", after, v[0])]
            if not verbs:
                continue  # 理由, 交流, 由…組成專案小組: no handling verb follows
        return t, names, after
    return None


def _quoted_length(comp: str, a: int, b: int) -> int:
    """How many characters of comp[a:b] stand inside 「…」 or 『…』 (由市府開闢單位依據「各級政府機關互相
    撥用公有不動產之有償或無償劃分原則」辦理: the handling verb comes after the quoted title)."""
    n = 0
    for m in re.finditer(r"「[^「」]*」|『[^『』]*』", comp[a:b]):
        n += len(m.group(0))
    return n


# what opens a date or a time after 於 (於12/18前, 於下次會議, 於本週五前)
_DATE_OPENERS = frozenset("0123456789０１２３４５６７８９一二三四五六七八九十○〇元本下明今次每")
# prepositions, determiners and adverbs that never stand in a party's short name (請依上述決議辦理,
# 請本於…, 處已辦理)
_NOT_IN_PARTY = frozenset("於將在自由向與和及以依就對本其該此各每已均皆亦也都再")


def _unnamed_party(ctx: Context, reader: _Assignees, rules: Directives, p: int,
                   limit: int) -> tuple[list[str], int] | None:
    """請永大電梯執行…, 請保家詳查…, 請茶改場將…: a party no extractor knows (a firm, a short name of
    an outside body) between 請 and what it is asked to do: two to six characters, none of them
    a function word, then a handling verb or a word that follows the one asked (將, 儘速)."""
    comp = ctx.doc.compact
    for q in range(p + 2, min(limit, p + 7)):
        if not is_cjk(comp[q - 1]):
            return None
        dated = comp.startswith("於", q) and comp[q + 1:q + 2] in _DATE_OPENERS  # 請茶改場於12/18前…
        if dated or comp.startswith(rules.party_ends, q) or rules.handling.starting_at(comp, q, q + 6) is not None:
            who = comp[p:q]
            words = reader.words
            if any(c in _NOT_IN_PARTY for c in who) or words.common(who, 1000) \
                    or any(words.grammatical(who[i:i + 2]) or words.grammatical(who[i]) for i in range(len(who))) \
                    or any(words.verbal(who[i:i + 2], 10) for i in range(len(who) - 1)) \
                    or reader.ctx.lex.titles.get(who) is not None:
                return None
            return [as_written(ctx.doc, p, q)], q
    return None


def _by_whom(ctx: Context, reader: _Assignees, trigger: int) -> list[str]:
    """排版由彥廷負責, 茶會文案由茶會工人群負責: who stands between 由 and 負責, a name or a group
    the extractors did not read."""
    comp = ctx.doc.compact
    k = comp.rfind("由", max(0, trigger - 9), trigger)
    who = comp[k + 1:trigger] if k != -1 else ""
    if not 2 <= len(who) <= 8 or not all(map(is_cjk, who)) \
            or any(reader.words.grammatical(who[i:i + 2]) or reader.words.grammatical(who[i]) for i in range(len(who))):
        return []
    return [as_written(ctx.doc, k + 1, trigger)]


def _responsibility(ctx: Context, comp: str, dr: Draft) -> bool:
    """X負責 assigns work in a decision or in a note (曾耀寰常務理事負責); in a report it only tells
    who did something (媒體事務組負責媒體宣傳)."""
    if comp.rfind("(", dr.start, dr.trigger.start) > comp.rfind(")", dr.start, dr.trigger.start):
        return True
    _, _, block = _locate(ctx.sections, ctx.doc.span(dr.trigger.start, dr.trigger.end)[0])
    return block is not None and block in ctx.rules.conclusion_labels


def _subject(ctx: Context, reader: _Assignees, a: int, b: int, trigger: int) -> list[str]:
    """A unit that opens the sentence is who is asked when the directive names no one:
    各組室…，請於12月底前…; 各處室應有準備."""
    comp = ctx.doc.compact
    p = _strip_lead(comp, a, b)
    clause = max(comp.rfind("，", a, trigger), comp.rfind(",", a, trigger)) + 1 or p
    for start in dict.fromkeys((clause, p)):
        group = reader.rules.group.match(comp, start, trigger)
        if group is not None:
            return [as_written(ctx.doc, start, group.end())]  # 各位理、監事亦請努力…
        unit = reader.mentions.unit_at(start, trigger)
        if unit is not None and unit[1] <= trigger and (start == clause or reader.mentions.collective(start)):
            return [unit[0]]  # 各組室…，請於12月底前… (a unit that opens another clause is its subject)
    if comp[trigger:trigger + 1] == "應":
        # 惟開發單位應就…: an organisation named by its role right before 應 is who should act
        start = clause + 1 if comp[clause:clause + 1] in "惟但並另且而" else clause
        org = reader.org_at(start, trigger)
        if org is not None and org[1] == trigger:
            return [org[0]]
    return []


def _to_item(ctx: Context, dr: Draft) -> ActionItem:
    doc = ctx.doc
    comp = doc.compact
    end = dr.end
    while end > dr.start and comp[end - 1] in "。；;!?！？,，:：":
        end -= 1
    s, e = doc.span(dr.start, end)
    sec, item, block = _locate(ctx.sections, s)
    deadline, deadline_text = _deadline(ctx, s, e)
    return ActionItem(text=doc.text[s:e], span=(s, e), assignees=dr.assignees,
                      assignee_details=[_typed(ctx, a) for a in dr.assignees], deadline=deadline,
                      deadline_text=deadline_text, trigger=dr.trigger.word,
                      section=sec.kind if sec else "none", section_heading=sec.heading if sec else None,
                      item=item.heading if item else None, block=block)


_WEEKDAY_AFTER = re.compile(WEEKDAY)


def _deadline(ctx: Context, s: int, e: int) -> tuple[str | None, str | None]:
    """A date inside the directive that it must be done by: 12月底前, 於12月20日前."""
    comp = ctx.doc.compact
    node = ctx.lex.files.get("directives") or {}
    after_words = tuple(node.get("deadline_after") or ())
    planned = tuple(node.get("planned_before") or ())
    first = bisect.bisect_left(ctx.dates, s, key=lambda d: d.span[0])
    for dm in ctx.dates[first:]:
        if dm.span[0] >= e:
            break
        ce = ctx.doc.to_compact(dm.span[1])
        cs = ctx.doc.to_compact(dm.span[0])
        weekday = _WEEKDAY_AFTER.match(comp, ce)
        if weekday is not None:
            ce = weekday.end()  # 12/18(五)前: the weekday between the date and 前
        if dm.kind == "month_end" or comp.startswith(after_words, ce) or dm.text.endswith(after_words) \
                or comp.endswith(planned, 0, cs):
            return (dm.until or dm.value), dm.text
    return None, None


def _typed(ctx: Context, name: str) -> Assignee:
    """What kind of assignee a name is: a person, one of the body's units, a collective, a post
    asked as such, or an outside body; its canonical form is the profile's or the lexicon's name,
    else the name folded (台糖公司 → 臺糖公司; a person's name is kept as written)."""
    folded = fold(name)
    for p in ctx.people:
        if p.name == name:
            return Assignee(text=name, canonical=name, type="person")
    for d in ctx.divisions:
        if d.name == name:
            return Assignee(text=name, canonical=d.canonical or folded, type="collective" if d.collective else "unit")
    for d in ctx.outside_bodies:
        if d.name == name:
            return Assignee(text=name, canonical=d.canonical or folded, type="outside_body")
    titles = find_titles(folded, ctx.lex)
    if titles and titles[0].start == 0 and titles[-1].end == len(folded):
        return Assignee(text=name, canonical=folded, type="role")
    if name.startswith(("各", "全體", "相關", "有關")):
        return Assignee(text=name, canonical=folded, type="collective")
    known = ctx.lex.known_units.get(folded)
    if known is not None:
        return Assignee(text=name, canonical=known.canonical, type="outside_body")
    if folded.endswith(ctx.lex.org_words):
        return Assignee(text=name, canonical=folded, type="outside_body")
    return Assignee(text=name, canonical=None, type="unknown")
