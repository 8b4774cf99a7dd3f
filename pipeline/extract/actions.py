"""Action items: directives (請…, 應…, 務必…, 送請…辦理, 交由…) with the units or people asked,
their deadline, and the section, item and block they come from.

A sentence is cut into comma clauses. The first clause with a directive word opens an item; a
later clause opens another when someone new is addressed at its start (請各機關…) or when it has
a subject of its own (…其餘各案送請市政府研究辦理); otherwise it continues the item (…,送請經建會彙整).
The assignees are the units or people named right after the directive word, not those merely
mentioned (請公管中心及市民服務組向資訊局確認 asks 公管中心 and 市民服務組).
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from functools import lru_cache

from typing import Any

from pipeline.context import Context
from pipeline.document import as_written
from pipeline.extract.registry import component
from pipeline.grammar.headings import parse_marker
from pipeline.grammar.titles import find_titles
from pipeline.models import ActionItem, Assignee, Item, Section
from pipeline.profiles import Directive

_SENTENCE_END = "。；;!?！？"
_GROUP = re.compile(r"(?:各位|全體)(?:[理監]事|理、監事|委員|代表|議員|同仁|主管|長官|老師|同學|會員|幹部)+")
_CLAUSE_END = ",，"
_LIST_MARK = re.compile(r"(?:\([一二三四五六七八九十\d]{1,3}\)|[一二三四五六七八九十\d]{1,3}[、.．]|[◎•●■□◆▲※-])")


@dataclass
class Trigger:
    start: int  # compact offset where the directive word starts
    end: int
    word: str


@dataclass
class Draft:
    start: int
    end: int
    trigger: Trigger
    assignees: list[str] = field(default_factory=list)


@lru_cache(maxsize=8)
def _procedural(patterns: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns))


def find_triggers(comp: str, start: int, end: int, d: Directive, skip_ying: bool) -> list[Trigger]:
    out: list[Trigger] = []
    proc = _procedural(tuple(d.procedural))
    for i in range(start, end):
        ch = comp[i]
        if ch == "請":
            prev, nxt = comp[i - 1: i] if i > 0 else "", comp[i + 1: i + 2]
            if nxt in d.not_after_請 or proc.match(comp, i):
                continue
            if prev == "送":
                out.append(Trigger(i - 1, i + 1, "送請"))
                continue
            if prev in d.not_before_請 and not comp.endswith(tuple(d.nouns_before_請), 0, i):
                continue
            out.append(Trigger(i, i + 1, "請"))
        elif ch == "應" and not skip_ying:
            prev, nxt = comp[i - 1: i] if i > 0 else "", comp[i + 1: i + 3]
            if prev in d.not_before_應 or any(nxt.startswith(x) for x in d.not_after_應):
                continue
            if "之" in comp[i + 1: i + 5]:
                continue  # 應完成之期程: attributive, not a directive
            out.append(Trigger(i, i + 1, "應"))
        elif comp.startswith(("務必", "交由", "責成"), i):
            out.append(Trigger(i, i + 2, comp[i:i + 2]))
        elif comp.startswith("負責", i) and not comp.startswith("負責人", i) and i > start:
            out.append(Trigger(i, i + 2, "負責"))  # (曾耀寰常務理事負責): who is named before it
    # 務必 right after 請 (請各長官同仁務必…) belongs to the same directive
    return out


class _Assignees:
    """Reads the list of units or people named right after a directive word."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.doc = ctx.doc
        self.comp = ctx.doc.compact
        d = ctx.profile.directive
        self.d = d
        self.people = {ctx.doc.to_compact(p.span[0]): p for p in ctx.people}
        self.units = {ctx.doc.to_compact(u.span[0]): u for u in ctx.divisions}
        self.suffixes = sorted(d.assignee_suffixes, key=len, reverse=True)
        self.suffix_chars = {s[-1] for s in d.assignee_suffixes}
        self.stop = ctx.lex.words_of("not_in_names")
        self.parents = sorted(ctx.lex.words_of("parent_words"), key=len, reverse=True)

    def org_at(self, p: int, limit: int) -> int | None:
        """End of an organisation name starting at p (shortest, then 科室-style extension)."""
        comp = self.comp
        if p >= limit or comp[p] in self.d.not_assignee_start:
            return None
        u = self.units.get(p)
        if u is not None:
            return self.doc.to_compact(u.span[1])
        for length in range(2, 9):
            e = p + length
            if e > limit:
                return None
            ch = comp[e - 1]
            if not ("\u4e00" <= ch <= "\u9fff") or (ch in self.stop and ch not in self.suffix_chars):
                return None
            if any(comp.endswith(s, p, e) for s in self.suffixes):
                if find_titles(comp, self.ctx.lex, p, e):
                    return None  # 市長督促水利局: a person and a verb, not a unit
                while e < limit and comp[e] in "室組科處" and comp[e - 1] in "組科處課":
                    e += 1
                return e
        return None

    def person_at(self, p: int) -> tuple[str, int] | None:
        person = self.people.get(p)
        if person is None:
            return None
        return person.name, self.doc.to_compact(person.span[1])

    def before(self, p: int) -> list[str]:
        """The person or unit named right before `p` (…陳林文理事負責)."""
        for person in self.ctx.people:
            if self.doc.to_compact(person.span[1]) == p:
                return [person.name]
        for unit in self.ctx.divisions:
            if self.doc.to_compact(unit.span[1]) == p:
                return [unit.name]
        return []

    def group_at(self, p: int, limit: int) -> int | None:
        """各位理、監事 / 全體同仁 / 各位委員: a group asked as a whole."""
        m = _GROUP.match(self.comp, p, limit)
        return m.end() if m else None

    def read(self, p: int, limit: int) -> tuple[list[str], int]:
        names: list[str] = []
        comp = self.comp
        while p < limit:
            for prefix in self.parents:
                if comp.startswith(prefix, p):
                    q = p + len(prefix)
                    if self.person_at(q) or (q < limit and self.org_at(q, limit)):
                        p = q
                    break
            hit = self.person_at(p)
            role = [(t.start, t.end) for t in find_titles(comp, self.ctx.lex, p, min(limit, p + 8))]
            group = self.group_at(p, limit)
            if hit is not None:
                names.append(hit[0])
                p = hit[1]
            elif group is not None:
                names.append(as_written(self.doc, p, group))
                p = group
            elif role and role[0][0] == p:
                # 請理事長連絡…: a post asked, not a named person
                names.append(as_written(self.doc, p, role[0][1]))
                p = role[0][1]
            else:
                e = self.org_at(p, limit)
                if e is None:
                    break
                names.append(as_written(self.doc, p, e))
                p = e
            for a in sorted(self.d.appositions, key=len, reverse=True):
                if comp.startswith(a, p):
                    p += len(a)
                    break
            sep = next((s for s in sorted(self.d.list_separators, key=len, reverse=True)
                        if comp.startswith(s, p)), None)
            if sep is None:
                break
            p += len(sep)
        return list(dict.fromkeys(names)), p


def _sentences(ctx: Context, start: int) -> list[tuple[int, int]]:
    """Sentence ranges (compact) from `start`: at 。；, at list entries and block labels."""
    doc = ctx.doc
    comp = doc.compact
    breaks = {start, len(comp)}
    for i in range(start, len(comp)):
        if comp[i] in _SENTENCE_END:
            breaks.add(i + 1)
    labels = tuple(ctx.rules.conclusion_labels)
    for s, e in doc.lines:
        cs = doc.to_compact(s)
        if cs <= start or cs >= len(comp) or doc.to_compact(e) <= cs:
            continue
        line = comp[cs:doc.to_compact(e)]
        prev_end = comp[cs - 1]
        if parse_marker(line) or _LIST_MARK.match(line) or line.startswith(labels) or prev_end in ":：" \
                or doc.text[s:e].lstrip()[:1] in "-•●*◎":
            breaks.add(cs)
    for m in re.finditer(r"(?:" + "|".join(map(re.escape, labels)) + r")[:：]", comp):
        if m.start() >= start:
            breaks.add(m.end())
    ordered = sorted(breaks)
    return [(a, b) for a, b in itertools.pairwise(ordered) if b > a]


def _clauses(comp: str, a: int, b: int) -> list[tuple[int, int]]:
    out, s = [], a
    for i in range(a, b):
        if comp[i] in _CLAUSE_END:
            out.append((s, i))
            s = i + 1
    out.append((s, b))
    return [(x, y) for x, y in out if y > x]


def _strip_lead(comp: str, a: int, b: int) -> int:
    m = _LIST_MARK.match(comp, a, b)
    return m.end() if m else a


def _locate(sections: list[Section], pos: int) -> tuple[Section | None, Item | None, str | None]:
    sec = next((s for s in sections if s.span[0] <= pos < s.span[1]), None)
    if sec is None:
        return None, None, None
    item: Item | None = None
    block: str | None = next((b.label for b in sec.blocks if b.span[0] <= pos < b.span[1]), None)
    items = sec.items
    while True:
        found = next((it for it in items if it.span[0] <= pos < it.span[1]), None)
        if found is None:
            break
        item = found
        block = next((b.label for b in found.blocks if b.span[0] <= pos < b.span[1]), block)
        items = found.children
    return sec, item, block


@component("action_items", requires=("people", "divisions", "outside_bodies", "dates", "sections"),
           provides=("action_items",))
def actions_component(ctx: Context) -> dict[str, Any]:
    return {"action_items": extract_actions(ctx)}


def extract_actions(ctx: Context) -> list[ActionItem]:
    doc, prof = ctx.doc, ctx.profile
    comp = doc.compact
    d = prof.directive
    reader = _Assignees(ctx)
    body_start = doc.to_compact(ctx.head.end)
    proposal = re.compile(d.proposal_sentence)
    out: list[ActionItem] = []
    for a, b in _sentences(ctx, body_start):
        sentence = comp[a:b]
        if proposal.search(sentence) or any(f"{label}:" in sentence for label in d.proposal_labels) \
                or sentence.lstrip("(（一二三四五六七八九十0123456789、.)").startswith(tuple(d.proposal_labels)):
            continue
        bare = sentence.rstrip("。 ")
        if bare.endswith("案") and not bare.endswith(("定案", "結案", "備案", "專案")) and not re.search("[,，]", bare) \
                and bare.lstrip("(（一二三四五六七八九十0123456789、.)")[:1] in "請擬":
            continue  # 請法規委員會選出第一及第二召集人各1人案: the title of a proposal
        sec, _, _ = _locate(ctx.sections, doc.span(a, a + 1)[0])
        skip_ying = sec is not None and sec.kind in d.skip_應_in_sections
        drafts: list[Draft] = []
        for cs, ce in _clauses(comp, a, b):
            triggers = find_triggers(comp, cs, ce, d, skip_ying)
            if not triggers:
                if drafts:
                    drafts[-1].end = ce
                continue
            t = triggers[0]
            if t.word == "負責":
                names, after = reader.before(t.start - (1 if comp[t.start - 1: t.start] == "由" else 0)), t.end
            elif t.word in ("應", "務必"):
                # the one who should act stands before 應; only 應由各單位推派… names them after it
                by = comp[t.end: t.end + 1] == "由"
                names, after = reader.read(t.end + 1, b) if by else ([], t.end)
            else:
                names, after = reader.read(t.end, b)
            lead = _strip_lead(comp, cs, ce)
            if b - after < 4 and not names:
                continue  # a directive word with nothing after it (a truncated text)
            if not drafts:
                drafts.append(Draft(lead, ce, t, names))
                continue
            cur = drafts[-1]
            continuation = comp[t.start - 1: t.start] in "並另再亦均" and t.start > cs
            has_subject = t.start > lead and not continuation and t.word != "應"
            if cur.trigger.word == "應" and not cur.assignees and names and t.word != "應":
                # 服務應提供…,請公管中心…確認: the 應 clause states the aim, the 請 clause asks someone
                cur.end, cur.trigger, cur.assignees = ce, t, names
            elif continuation or t.word == "應" or (t.word == "送請" and t.start == lead) or (
                    t.start == lead and not names and not has_subject):
                cur.end = ce
                cur.assignees = list(dict.fromkeys(cur.assignees + names))
            else:
                drafts.append(Draft(lead, ce, t, names))
        drafts = [dr for dr in drafts if dr.trigger.word != "負責" or _responsibility(ctx, comp, dr)]
        for k, dr in enumerate(drafts):
            if not dr.assignees and k == 0:
                dr.assignees = _subject(ctx, reader, a, b, dr.trigger.start)
            out.append(_to_item(ctx, dr))
    return out


def _responsibility(ctx: Context, comp: str, dr: Draft) -> bool:
    """X負責 assigns work in a decision or in a note (曾耀寰常務理事負責); in a report it only tells
    who did something (媒體事務組負責媒體宣傳)."""
    if comp.rfind("(", dr.start, dr.trigger.start) > comp.rfind(")", dr.start, dr.trigger.start):
        return True
    _, _, block = _locate(ctx.sections, ctx.doc.span(dr.trigger.start, dr.trigger.end)[0])
    return block is not None and block in ctx.rules.conclusion_labels


def _subject(ctx: Context, reader: _Assignees, a: int, b: int, trigger: int) -> list[str]:
    """A unit that opens the sentence is who is asked when 請 names no one: 各組室…,請於12月底前…"""
    comp = ctx.doc.compact
    p = _strip_lead(comp, a, b)
    u = reader.units.get(p)
    if u is not None and reader.doc.to_compact(u.span[1]) <= trigger:
        return [u.name]
    clause = comp.rfind("，", a, trigger) + 1 or comp.rfind(",", a, trigger) + 1 or p
    for start in dict.fromkeys((p, clause)):
        group = reader.group_at(start, trigger)
        if group is not None:
            return [as_written(ctx.doc, start, group)]  # 各位理、監事亦請努力…
    return []


def _to_item(ctx: Context, dr: Draft) -> ActionItem:
    doc = ctx.doc
    comp = doc.compact
    end = dr.end
    while end > dr.start and comp[end - 1] in _SENTENCE_END + _CLAUSE_END + ":：":
        end -= 1
    s, e = doc.span(dr.start, end)
    sec, item, block = _locate(ctx.sections, s)
    deadline, deadline_text = _deadline(ctx, s, e)
    return ActionItem(text=doc.text[s:e], span=(s, e), assignees=dr.assignees,
                      assignee_details=[_typed(ctx, a) for a in dr.assignees], deadline=deadline,
                      deadline_text=deadline_text, trigger=dr.trigger.word,
                      section=sec.kind if sec else "none", section_heading=sec.heading if sec else None,
                      item=item.heading if item else None, block=block)


def _deadline(ctx: Context, s: int, e: int) -> tuple[str | None, str | None]:
    """A date inside the directive that it must be done by: 12月底前, 於12月20日前."""
    comp = ctx.doc.compact
    after_words = tuple(ctx.profile.directive.deadline_after)
    for dm in ctx.dates:
        if not (s <= dm.span[0] < e):
            continue
        ce = ctx.doc.to_compact(dm.span[1])
        cs = ctx.doc.to_compact(dm.span[0])
        planned = comp.endswith(("預定於", "預計於", "定於", "訂於", "預定", "預計"), 0, cs)
        if dm.kind == "month_end" or comp.startswith(after_words, ce) or dm.text.endswith(after_words) or planned:
            return (dm.until or dm.value), dm.text
    return None, None




def _typed(ctx: Context, name: str) -> Assignee:
    """What kind of assignee a name is: a person, one of the body's units, a collective, a post
    asked as such, or an outside body."""
    for p in ctx.people:
        if p.name == name:
            return Assignee(text=name, canonical=None, type="person")
    for d in ctx.divisions:
        if d.name == name:
            return Assignee(text=name, canonical=d.canonical, type="collective" if d.collective else "unit")
    for d in ctx.outside_bodies:
        if d.name == name:
            return Assignee(text=name, canonical=d.canonical, type="outside_body")
    titles = find_titles(name, ctx.lex)
    if titles and titles[0].start == 0 and titles[-1].end == len(name):
        return Assignee(text=name, canonical=None, type="role")
    if name.startswith(("各", "全體", "相關", "有關")):
        return Assignee(text=name, canonical=None, type="collective")
    known = ctx.lex.known_units.get(name)
    if known is not None:
        return Assignee(text=name, canonical=known.canonical, type="outside_body")
    return Assignee(text=name, canonical=None, type="unknown")
